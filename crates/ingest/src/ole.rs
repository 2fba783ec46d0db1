//! OLE compound files (the container of .doc, .wps, .xls, .et and of encrypted Office files):
//! what a file holds, from its stream names, and bounded stream reading (the `cfb` crate).

use crate::IngestError;
use std::io::{Cursor, Read};

/// Largest stream read from a compound file.
pub const MAX_STREAM: u64 = 64 * 1024 * 1024;

/// The OLE compound file signature.
pub const MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// What an OLE compound file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A `WordDocument` stream: Word 97–2003 (.doc, and WPS's DOC-format .wps).
    Word,
    /// A `Workbook` or `Book` stream: Excel (.xls, and WPS's .et).
    Workbook,
    /// `EncryptionInfo` + `EncryptedPackage`: a password-protected DOCX/XLSX.
    EncryptedPackage,
    /// A `PowerPoint Document` stream.
    Presentation,
    /// Something else (WPS 2000-era files, MSG mail, installers …).
    Other,
}

pub type File<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// Open a compound file.
pub fn open(bytes: &[u8]) -> Result<File<'_>, IngestError> {
    cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        IngestError::failed(format!(
            "damaged OLE (Word/Excel 97–2003) file: {e}; re-save it from Word, WPS or LibreOffice"
        ))
    })
}

/// What the compound file holds.
pub fn content(file: &File) -> Content {
    let has = |name: &str| file.is_stream(name);
    if has("EncryptedPackage") || has("EncryptionInfo") {
        Content::EncryptedPackage
    } else if has("WordDocument") {
        Content::Word
    } else if has("Workbook") || has("Book") {
        Content::Workbook
    } else if has("PowerPoint Document") {
        Content::Presentation
    } else {
        Content::Other
    }
}

/// What `bytes` (an OLE file) hold, or `None` when they do not open as one.
pub fn sniff(bytes: &[u8]) -> Option<Content> {
    open(bytes).ok().map(|f| content(&f))
}

/// A whole stream, refused past [`MAX_STREAM`]; `None` when absent.
pub fn stream(file: &mut File, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
    if !file.is_stream(name) {
        return Ok(None);
    }
    let mut s = file
        .open_stream(name)
        .map_err(|e| IngestError::failed(format!("OLE stream {name} cannot be read: {e}")))?;
    if s.len() > MAX_STREAM {
        return Err(IngestError::failed(format!(
            "OLE stream {name} holds {} bytes (limit {MAX_STREAM}): refused",
            s.len()
        )));
    }
    let mut out = Vec::new();
    (&mut s)
        .take(MAX_STREAM)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::failed(format!("OLE stream {name} is damaged: {e}")))?;
    Ok(Some(out))
}

/// The message for a password-protected Office file.
pub fn encrypted_message(kind: &str) -> IngestError {
    IngestError::unsupported(format!(
        "encrypted {kind} file (password protected): open it with the password and save an unprotected copy"
    ))
}
