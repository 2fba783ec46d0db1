//! Format detection from the bytes.

use xxgk_model::Format;

/// Detect the format from the first bytes of a file.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    if looks_like_json(bytes) {
        // Data, not a document (e.g. a crawler's metadata or a truth file next to the reports).
        return Format::Unknown;
    }
    let lower: Vec<u8> = head
        .iter()
        .filter(|b| **b != 0)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if find(&lower, b"<html").is_some()
        || find(&lower, b"<!doctype html").is_some()
        || find(&lower, b"<table").is_some()
        || find(&lower, b"<body").is_some()
    {
        return Format::Html;
    }
    if crate::text::looks_like_text(bytes) {
        return Format::Txt;
    }
    Format::Unknown
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A JSON object or array: first and last non-blank bytes are matching brackets.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    let last = body.iter().rev().find(|b| !b.is_ascii_whitespace());
    matches!(
        (first, last),
        (Some(b'{'), Some(b'}')) | (Some(b'['), Some(b']'))
    )
}

#[cfg(test)]
mod json_tests {
    use super::*;

    #[test]
    fn json_is_not_a_document() {
        assert_eq!(sniff(b"{\n \"source\": \"a.pdf\"\n}\n"), Format::Unknown);
        assert_eq!(sniff("一、总体情况\n".as_bytes()), Format::Txt);
    }
}
