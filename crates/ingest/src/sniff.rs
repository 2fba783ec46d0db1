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
