//! xxgk-ingest: bytes → [`Document`].
//!
//! It owns format sniffing (from the bytes, never the extension), decoding (encodings, PDF
//! content streams, HTML and DOCX markup) and the layout of what was decoded into the one
//! intermediate representation: pages of [`xxgk_model::Line`]s and [`xxgk_model::Grid`]s.
//! It knows nothing about annual reports: finding sections, tables and template cells is the
//! parser's job.

pub mod archive;
pub mod doc;
pub mod docx;
pub mod encoding;
pub mod html;
pub mod inspect;
pub mod layout;
pub mod mht;
pub mod odt;
pub mod ole;
pub mod pdf;
pub mod rtf;
pub mod sheet;
pub mod sniff;
pub mod table;
pub mod text;

use xxgk_model::{Document, Format, Status};

/// Why a file could not be turned into a Document.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestError {
    /// `unsupported` (not a format we read, no text layer) or `failed` (damaged, encrypted …).
    pub status: Status,
    /// One line a person can act on.
    pub message: String,
}

impl IngestError {
    pub fn unsupported(message: impl Into<String>) -> IngestError {
        IngestError {
            status: Status::Unsupported,
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> IngestError {
        IngestError {
            status: Status::Failed,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for IngestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status.as_str(), self.message)
    }
}

impl std::error::Error for IngestError {}

/// Read one file's bytes. `name` (a file name or URL) is only a hint for messages.
pub fn ingest(bytes: &[u8], name: &str) -> Result<Document, IngestError> {
    let _ = name;
    if bytes.is_empty() {
        return Err(IngestError::unsupported("empty file (0 bytes)"));
    }
    if let Some(kind) = sniff::image_kind(bytes) {
        return Err(IngestError::unsupported(format!(
            "{kind} image file: a scanned page needs OCR (install Tesseract); xxgk reads text documents"
        )));
    }
    match sniff::sniff(bytes) {
        Format::Txt => text::read(bytes),
        Format::Pdf => pdf::read(bytes),
        Format::Html => html::read(bytes),
        Format::Docx => docx::read(bytes),
        Format::Doc => doc::read(bytes),
        Format::Odt => odt::read(bytes),
        Format::Rtf => rtf::read(bytes),
        Format::Sheet => sheet::read(bytes),
        Format::Mht => mht::read(bytes),
        Format::Zip => Err(IngestError::unsupported(
            "zip archive: its members are read one by one when the archive is in a folder given to `xxgk extract`",
        )),
        Format::Unknown if bytes.starts_with(ole::MAGIC) => Err(ole_problem(bytes)),
        Format::Unknown if sniff::looks_like_json(bytes) => {
            Err(IngestError::unsupported("JSON data, not a report document"))
        }
        Format::Unknown => Err(IngestError::unsupported(format!(
            "unknown format, starts with {}: not a document xxgk reads (PDF, HTML, Word, WPS, OpenDocument, RTF, spreadsheet, MHTML, zip or text)",
            sniff::describe_start(bytes)
        ))),
    }
}

/// Why an OLE compound file that is neither a Word document nor a workbook is not read.
fn ole_problem(bytes: &[u8]) -> IngestError {
    match ole::sniff(bytes) {
        Some(ole::Content::EncryptedPackage) => ole::encrypted_message("Office (DOCX/XLSX)"),
        Some(ole::Content::Presentation) => {
            IngestError::unsupported("PowerPoint presentation: not a report document")
        }
        Some(_) => IngestError::unsupported(
            "OLE compound file that is neither a Word document nor a workbook (an old WPS 2000 file? re-save it as .doc or .docx)",
        ),
        None => IngestError::failed(
            "damaged OLE (Word/Excel 97–2003) file: the container does not open; re-save it",
        ),
    }
}
