//! Plain-text reports: decode, split into lines; tab-separated rows become grid rows.

use crate::IngestError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use xxgk_model::{Block, Document, Format, Grid, GridCell, Line, Page};

/// Decode text bytes: a BOM (UTF-8, UTF-16), else UTF-8 when valid, else GB18030 (a superset
/// of GBK and GB2312).
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), UTF_8);
    }
    let (text, _, _) = GB18030.decode(bytes);
    (text.into_owned(), GB18030)
}

/// Whether the bytes look like text in one of the encodings we decode.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 100 > sample.len() {
        return false;
    }
    let (text, had_errors) = if std::str::from_utf8(sample).is_ok() {
        (std::borrow::Cow::Borrowed(""), false)
    } else {
        let (t, _, e) = GB18030.decode(sample);
        (t, e)
    };
    let _ = text;
    !had_errors
}

/// Read a text file into a one-page Document. Lines holding a tab become grid rows (consecutive
/// ones form one grid); other non-empty lines become lines.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let (text, _) = decode(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::unsupported("empty text file"));
    }
    let mut doc = Document::new(Format::Txt);
    let mut page = Page {
        number: 1,
        ..Page::default()
    };
    let mut grid: Option<Grid> = None;
    for raw in text.lines() {
        let line = raw.trim_end_matches(['\r', '\u{feff}']);
        if line.contains('\t') {
            let row: Vec<GridCell> = line.split('\t').map(|f| GridCell::text(f.trim())).collect();
            grid.get_or_insert_with(Grid::default).rows.push(row);
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if let Some(g) = grid.take() {
            page.blocks.push(Block::Grid(g));
        }
        page.blocks.push(Block::Line(Line::plain(line.trim())));
    }
    if let Some(g) = grid.take() {
        page.blocks.push(Block::Grid(g));
    }
    doc.pages.push(page);
    Ok(doc)
}
