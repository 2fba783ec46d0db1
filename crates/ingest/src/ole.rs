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
    IngestError::failed(format!(
        "encrypted {kind} file (password protected): open it with the password and save an unprotected copy"
    ))
}

/// The document title from the `\x05SummaryInformation` property set (PIDSI_TITLE), if any.
pub fn summary_title(file: &mut File) -> Option<String> {
    let s = stream(file, "\u{5}SummaryInformation").ok()??;
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(s.get(at..at + 4)?.try_into().ok()?))
    };
    // Header (28 bytes), then the first FMTID (16) and its section offset.
    let section = u32_at(44)? as usize;
    let count = (u32_at(section + 4)? as usize).min(256);
    let prop = |id: u32| -> Option<usize> {
        (0..count).find_map(|k| {
            let at = section + 8 + k * 8;
            (u32_at(at)? == id).then(|| u32_at(at + 4).map(|o| section + o as usize))?
        })
    };
    let codepage = prop(1)
        .and_then(|at| s.get(at + 4..at + 6))
        .map(|b| u16::from_le_bytes([b[0], b[1]]));
    let at = prop(2)?;
    let ty = u32_at(at)?;
    let len = (u32_at(at + 4)? as usize).min(4096);
    let text = match ty {
        0x1E if codepage == Some(1200) => {
            let b = s.get(at + 8..at + 8 + len)?;
            String::from_utf16_lossy(
                &b.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
        }
        0x1E => {
            let b = s.get(at + 8..at + 8 + len)?;
            let enc = match codepage {
                Some(65001) => encoding_rs::UTF_8,
                Some(936) => encoding_rs::GBK,
                Some(950) => encoding_rs::BIG5,
                _ => encoding_rs::WINDOWS_1252,
            };
            enc.decode(b).0.into_owned()
        }
        0x1F => {
            let b = s.get(at + 8..at + 8 + len * 2)?;
            String::from_utf16_lossy(
                &b.chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
        }
        _ => return None,
    };
    let text = text.trim_matches(char::from(0)).trim().to_string();
    (!text.is_empty()).then_some(text)
}
