//! xxgk-ingest: bytes → [`Document`].
//!
//! It owns format sniffing (from the bytes, never the extension), decoding (encodings, PDF
//! content streams, HTML and DOCX markup) and the layout of what was decoded into the one
//! intermediate representation: pages of [`xxgk_model::Line`]s and [`xxgk_model::Grid`]s.
//! It knows nothing about annual reports: finding sections, tables and template cells is the
//! parser's job.

pub mod archive;
pub mod biff;
pub mod csv_text;
pub mod doc;
pub mod docx;
pub mod encoding;
pub mod escaped;
pub mod folder;
mod hard_wrap;
pub mod html;
pub mod image;
pub mod inspect;
pub mod layout;
mod markup_tables;
pub mod mht;
pub mod mojibake;
pub mod ocr;
pub mod odt;
pub mod ole;
pub mod pdf;
pub mod pictures;
pub mod rtf;
pub mod script;
pub mod sevenz;
pub mod sheet;
pub mod sniff;
pub mod table;
pub mod text;
mod xml_text;

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

/// Plain-text files larger than this are refused before reading (a text report is well under
/// 1 MB; the limit keeps the memory of one file bounded, see docs/guide.md).
pub const TEXT_MAX_BYTES: usize = 16 << 20;
/// Plain-text files with more pieces (lines, tab- or space-separated fields) than this are
/// refused before reading: each piece costs a few hundred bytes once read.
pub const TEXT_MAX_PIECES: usize = 200_000;

/// Read one file's bytes. `name` (a file name or URL) is a hint: an HTML name is trusted for
/// bytes that read as text with markup.
pub fn ingest(bytes: &[u8], name: &str) -> Result<Document, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::unsupported("empty file (0 bytes)"));
    }
    if let Some(kind) = sniff::image_kind(bytes) {
        return Err(IngestError::unsupported(format!(
            "{kind} image file: a scanned page needs OCR (install Tesseract); xxgk reads text documents"
        )));
    }
    let format = sniff::sniff_named(bytes, name);
    if matches!(format, Format::Txt | Format::Html | Format::Unknown)
        && bytes.len() <= TEXT_MAX_BYTES
    {
        // A body a CMS serves as a script: its string literal is the fragment.
        let js_name = name.to_ascii_lowercase().ends_with(".js");
        if js_name || script::looks_like_script(bytes) {
            if let Some(fragment) = script::report_in_script(bytes) {
                return html::read(&fragment);
            }
        }
        // Text once decoded with the wrong codec and saved so: read as what it was.
        if let Some(fixed) = mojibake::repaired_bytes(bytes) {
            let mut doc = read_text_like(&fixed, name)?;
            doc.notes.push(mojibake::NOTE.to_string());
            return Ok(doc);
        }
    }
    read_text_like(bytes, name)
}

/// [`ingest`] after the checks on the whole file: a body escaped in a JSON string or shown as
/// text is read as its markup, anything else as the format sniffed.
fn read_text_like(bytes: &[u8], name: &str) -> Result<Document, IngestError> {
    let format = sniff::sniff_named(bytes, name);
    if matches!(format, Format::Txt | Format::Html | Format::Unknown)
        && bytes.len() <= TEXT_MAX_BYTES
    {
        // A body a CMS serves as a script: its string literal is the fragment.
        let js_name = name.to_ascii_lowercase().ends_with(".js");
        if js_name || script::looks_like_script(bytes) {
            if let Some(fragment) = script::report_in_script(bytes) {
                return html::read(&fragment);
            }
        }
        // A body copied out of a JSON string or shown as text: read as the markup it is.
        if let Some(markup) = escaped::unescaped_all(bytes) {
            return read_as(&markup, sniff::sniff_named(&markup, name));
        }
    }
    read_as(bytes, format)
}

/// What a user is told of an OFD file (docs/design-formats.md ".ofd": no sample from a real
/// OFD producer to shape a reader after).
const OFD_MESSAGE: &str = "OFD document (GB/T 33190): not read; open it in an OFD reader (数科OFD阅读器, 福昕OFD版式办公套件) and save or print it as PDF, or download the PDF the site also offers, then extract that";

/// Read the bytes as `format`.
fn read_as(bytes: &[u8], format: Format) -> Result<Document, IngestError> {
    let doc = match format {
        Format::Txt => text_within_limits(bytes).and_then(|()| text::read(bytes)),
        Format::Pdf => pdf::read(bytes),
        Format::Html => pictures::complete(html::read(bytes), Format::Html, || {
            html::pictures(bytes)
        }),
        Format::Docx => pictures::complete(docx::read(bytes), Format::Docx, || {
            docx::pictures(bytes)
        }),
        Format::Doc => doc::read(bytes),
        Format::Odt => odt::read(bytes),
        Format::Rtf => rtf::read(bytes),
        Format::Sheet => sheet::read(bytes),
        Format::Mht => pictures::complete(mht::read(bytes), Format::Mht, || mht::pictures(bytes)),
        Format::Zip => Err(archive::members(bytes).err().unwrap_or_else(|| {
            IngestError::unsupported(
                "zip or 7z archive: its members are read one by one when the archive is in a folder given to `xxgk extract`",
            )
        })),
        Format::Ofd => Err(IngestError::unsupported(OFD_MESSAGE)),
        Format::Unknown if bytes.starts_with(ole::MAGIC) => Err(ole_problem(bytes)),
        Format::Unknown if bytes.starts_with(b"Rar!\x1a\x07") => Err(IngestError::unsupported(
            "RAR archive: RAR archives are not read; extract it first with unrar or 7z",
        )),
        Format::Unknown if sniff::looks_like_json(bytes) => match escaped::report_in_json(bytes) {
            Some(fragment) => html::read(&fragment),
            None => Err(IngestError::unsupported("JSON data, not a report document")),
        },
        Format::Unknown => Err(IngestError::unsupported(format!(
            "unknown format, starts with {}: not a document xxgk reads (PDF, HTML, Word, WPS, OpenDocument, RTF, spreadsheet, MHTML, zip or text)",
            sniff::describe_start(bytes)
        ))),
    }?;
    if xxgk_model::budget::expired_now() {
        return Err(IngestError::failed(
            "the time budget ran out while reading the file",
        ));
    }
    Ok(doc)
}

/// Refuse a text file whose size or number of pieces would take more memory than the
/// per-file ceiling allows, before any of it is decoded.
fn text_within_limits(bytes: &[u8]) -> Result<(), IngestError> {
    if bytes.len() > TEXT_MAX_BYTES {
        return Err(IngestError::failed(format!(
            "plain-text file of {} MB is larger than any report (limit {} MB for text): not read",
            bytes.len() >> 20,
            TEXT_MAX_BYTES >> 20
        )));
    }
    let pieces = text_pieces(bytes);
    if pieces > TEXT_MAX_PIECES {
        return Err(IngestError::failed(format!(
            "plain-text file has {pieces} lines and fields (limit {TEXT_MAX_PIECES}; a report has a few thousand): not read, to bound memory"
        )));
    }
    Ok(())
}

/// Lines plus tab- or space-run-separated fields: what the text reader turns into items.
fn text_pieces(bytes: &[u8]) -> usize {
    let mut n = 1;
    let mut spaces = 0;
    for &b in bytes {
        match b {
            b'\n' | b'\t' => {
                n += 1;
                spaces = 0;
            }
            b' ' => {
                spaces += 1;
                if spaces == 2 {
                    n += 1;
                }
            }
            _ => spaces = 0,
        }
    }
    n
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_with_too_many_pieces_is_refused_before_reading() {
        let big = "1\t2\t3\t4\n".repeat(TEXT_MAX_PIECES / 4 + 1);
        let e = ingest(big.as_bytes(), "x.txt").unwrap_err();
        assert_eq!(e.status, Status::Failed);
        assert!(e.message.contains("lines and fields"), "{}", e.message);
    }

    #[test]
    fn text_over_the_size_limit_is_refused() {
        let big = "政府信息公开".repeat(TEXT_MAX_BYTES / 18 + 1);
        let e = ingest(big.as_bytes(), "x.txt").unwrap_err();
        assert!(e.message.contains("limit 16 MB for text"), "{}", e.message);
    }

    #[test]
    fn an_expired_budget_stops_ingest() {
        let _g = xxgk_model::budget::start(std::time::Instant::now());
        let e = ingest("<html><body><p>x</p></body></html>".as_bytes(), "a.html").unwrap_err();
        assert!(e.message.contains("time budget"), "{}", e.message);
    }
}
