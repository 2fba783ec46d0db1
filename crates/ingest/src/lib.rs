//! xxgk-ingest: bytes → [`Document`].
//!
//! It owns format sniffing (from the bytes, never the extension), decoding (encodings, PDF
//! content streams, HTML and DOCX markup) and the layout of what was decoded into the one
//! intermediate representation: pages of [`xxgk_model::Line`]s and [`xxgk_model::Grid`]s.
//! It knows nothing about annual reports: finding sections, tables and template cells is the
//! parser's job.

pub mod docx;
pub mod encoding;
pub mod html;
pub mod image;
pub mod inspect;
pub mod layout;
pub mod ocr;
pub mod pdf;
pub mod sniff;
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
    match sniff::sniff(bytes) {
        Format::Txt => text::read(bytes),
        Format::Pdf => pdf::read(bytes),
        Format::Html => html::read(bytes),
        Format::Docx => docx::read(bytes),
        Format::Unknown if sniff::looks_like_json(bytes) => {
            Err(IngestError::unsupported("JSON data, not a report document"))
        }
        Format::Unknown => Err(IngestError::unsupported(
            "not a document xxgk reads (expected PDF, HTML, DOCX or text)",
        )),
    }
}
