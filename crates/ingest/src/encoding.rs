//! Text decoding shared by the HTML and plain-text readers.
//!
//! Order of evidence: a byte-order mark; UTF-16 without a BOM recognised by its NUL pattern;
//! valid UTF-8 holding non-ASCII bytes (it beats a declaration: pages declared gb2312 but
//! re-saved as UTF-8 are common, the reverse accident is practically impossible); for HTML, a `<meta charset>` / `http-equiv` declaration (trusted only if it decodes the bytes
//! cleanly); valid UTF-8; then `chardetng`'s guess (with a `.cn` hint, since the reports are
//! Chinese), checked against GB18030 and Big5. Decoding itself is `encoding_rs`, so malformed
//! sequences become U+FFFD and are counted, never a panic.

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    Bom,
    /// UTF-16 without BOM, from where the NUL bytes of ASCII characters fall.
    NulPattern,
    /// `<meta charset>` or `http-equiv="Content-Type"` in the first bytes of an HTML page.
    Declared,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// Statistical guess (chardetng).
    Detected,
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub evidence: Evidence,
    /// Number of U+FFFD replacement characters produced by malformed input.
    pub replacements: usize,
}

impl Decoded {
    /// A note for `Document::notes` describing the decoding when it is worth telling.
    pub fn note(&self) -> Option<String> {
        let how = match self.evidence {
            Evidence::Bom => "byte-order mark",
            Evidence::NulPattern => "UTF-16 NUL pattern",
            Evidence::Declared => "charset declaration",
            Evidence::ValidUtf8 => return self.replacement_note(),
            Evidence::Detected => "detected from the bytes",
        };
        let mut note = format!("decoded as {} ({how})", self.encoding.name());
        if let Some(r) = self.replacement_note() {
            note.push_str("; ");
            note.push_str(&r);
        }
        Some(note)
    }

    fn replacement_note(&self) -> Option<String> {
        (self.replacements > 0).then(|| {
            format!(
                "{} undecodable byte sequence(s) replaced by U+FFFD",
                self.replacements
            )
        })
    }

    /// Share of replacement characters among all characters (0.0 for empty text).
    pub fn replacement_ratio(&self) -> f64 {
        let chars = self.text.chars().count();
        if chars == 0 {
            0.0
        } else {
            self.replacements as f64 / chars as f64
        }
    }
}

/// Decode a plain-text file.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    decode(bytes, None)
}

/// Decode an HTML page: as text, but a charset declaration counts before detection.
pub fn decode_html(bytes: &[u8]) -> Decoded {
    decode(bytes, declared_charset(bytes))
}

fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return run(enc, bytes.get(bom_len..).unwrap_or(&[]), Evidence::Bom);
    }
    if let Some(enc) = utf16_by_nuls(bytes) {
        let d = run(enc, bytes, Evidence::NulPattern);
        if d.replacements == 0 {
            return d;
        }
    }
    // Valid UTF-8 with non-ASCII content is practically never another encoding, while pages
    // that declare gb2312 but were re-saved as UTF-8 are common: UTF-8 wins over a declaration.
    let utf8 = std::str::from_utf8(bytes).is_ok();
    if utf8 && !bytes.is_ascii() {
        return run(UTF_8, bytes, Evidence::ValidUtf8);
    }
    if let Some(enc) = declared {
        let d = run(enc, bytes, Evidence::Declared);
        if d.replacements == 0 {
            return d;
        }
    }
    if utf8 {
        return run(UTF_8, bytes, Evidence::ValidUtf8);
    }
    let mut detector = EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(256 * 1024)];
    detector.feed(sample, sample.len() == bytes.len());
    // No top-level-domain hint: a `.cn` hint makes chardetng call Big5 text GBK.
    let guess = detector.guess(None, true);
    // The reports are Chinese: weigh the guess against GB18030 (a superset of GBK and GB2312)
    // and Big5 by their decoding errors and private-use characters (which real text never
    // holds but a wrong Chinese decoding often produces); ties go to the guess when it is one
    // of the two, else to GB18030, then Big5.
    let mut order = vec![guess, GB18030, BIG5];
    if guess == GBK || guess == GB18030 || guess == BIG5 {
        order.dedup_by_key(|e| if *e == GBK { GB18030 } else { *e });
    } else {
        order.rotate_left(1);
    }
    let mut best: Option<(usize, Decoded)> = None;
    for enc in order {
        if best.as_ref().is_some_and(|(_, d)| d.encoding == enc) {
            continue;
        }
        let d = run(enc, bytes, Evidence::Detected);
        let score = d.replacements * 10 + private_use(&d.text);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, d));
        }
    }
    match best {
        Some((_, d)) => d,
        None => run(GB18030, bytes, Evidence::Detected),
    }
}

fn private_use(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{e000}'..='\u{f8ff}').contains(c))
        .count()
}

fn run(enc: &'static Encoding, bytes: &[u8], evidence: Evidence) -> Decoded {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    // Count only replacements the decoder produced, not U+FFFD already present in valid input.
    let replacements = if enc == UTF_8 && std::str::from_utf8(bytes).is_ok() {
        0
    } else {
        let before = if enc == UTF_8 {
            0
        } else {
            count_fffd_in_source(enc, bytes)
        };
        text.chars()
            .filter(|&c| c == '\u{fffd}')
            .count()
            .saturating_sub(before)
    };
    let encoding = if enc == GBK { GB18030 } else { enc };
    Decoded {
        text: text.into_owned(),
        encoding,
        evidence,
        replacements,
    }
}

/// U+FFFD can only be written literally in Unicode encodings; GB18030 encodes it too
/// (0x84 0x31 0xA4 0x37), so count those to avoid mistaking them for errors.
fn count_fffd_in_source(enc: &'static Encoding, bytes: &[u8]) -> usize {
    if enc == GB18030 || enc == GBK {
        bytes
            .windows(4)
            .filter(|w| w == b"\x84\x31\xa4\x37")
            .count()
    } else {
        0
    }
}

/// UTF-16 without a BOM: ASCII characters (digits, newlines, spaces) put a NUL byte in every
/// code unit, always on the same side. Chinese text still has enough of them.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    if sample.len() < 4 {
        return None;
    }
    let units = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if pair[0] == 0 {
            even += 1;
        }
        if pair[1] == 0 {
            odd += 1;
        }
    }
    // At least 10% of the code units carry a NUL, and at least 80% of them on one side
    // (a few CJK characters such as 一 U+4E00 have a NUL byte of their own).
    let enough = |n: usize| n * 10 >= units;
    if enough(even) && odd * 4 <= even {
        Some(UTF_16BE)
    } else if enough(odd) && even * 4 <= odd {
        Some(UTF_16LE)
    } else {
        None
    }
}

/// Look for a charset declaration in the first 4 KiB of an HTML page, as the HTML standard's
/// prescan does: `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">`.
/// A declared UTF-16 is replaced by UTF-8 (a page that could say it in ASCII is not UTF-16).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes[..bytes.len().min(4096)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"<meta") {
        let start = from + pos;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(label) = charset_in(tag) {
            if let Some(enc) = Encoding::for_label(label) {
                return Some(if enc == UTF_16LE || enc == UTF_16BE {
                    UTF_8
                } else {
                    enc
                });
            }
        }
        from = end;
    }
    None
}

fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let pos = find(tag, b"charset")?;
    let rest = &tag[pos + b"charset".len()..];
    let rest = skip_ws(rest);
    let rest = skip_ws(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| {
            matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn skip_ws(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the bytes look like text in one of the encodings we decode: no binary control
/// bytes (after taking UTF-16 into account) and at most a few undecodable sequences.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let utf16 = Encoding::for_bom(sample)
        .map(|(e, _)| e != UTF_8)
        .unwrap_or(false)
        || utf16_by_nuls(sample).is_some();
    if !utf16 {
        let control = sample
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
            .count();
        if control * 100 > sample.len() {
            return false;
        }
    }
    let d = decode_text(sample);
    let control = d
        .text
        .chars()
        .filter(|&c| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    let chars = d.text.chars().count().max(1);
    // A cut at the end of the sample can split one character: allow a couple of errors.
    control * 100 <= chars && d.replacements * 50 <= chars.max(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_declared_charsets() {
        let a = br#"<html><head><meta charset="gb2312"><title>x</title>"#;
        assert_eq!(declared_charset(a), Some(GBK));
        let b = br#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">"#;
        assert_eq!(declared_charset(b), Some(GBK));
        let c = br#"<meta name="x" content="y"><meta charset='utf-16'>"#;
        assert_eq!(declared_charset(c), Some(UTF_8));
        assert_eq!(declared_charset(b"<meta charset=>"), None);
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn utf16_without_bom() {
        let s = "一、本年新收政府信息公开申请数量\t3001\t53\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode_text(&le).text, s);
        assert_eq!(decode_text(&le).encoding, UTF_16LE);
        assert_eq!(decode_text(&be).text, s);
        assert_eq!(decode_text(&be).encoding, UTF_16BE);
        assert!(looks_like_text(&le));
    }

    #[test]
    fn gbk_without_declaration() {
        let s = "淮安市人民政府2024年政府信息公开工作年度报告。本报告由淮安市人民政府办公室编制。";
        let (bytes, _, _) = GBK.encode(s);
        let d = decode_text(&bytes);
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, GB18030);
        assert_eq!(d.replacements, 0);
    }

    #[test]
    fn wrong_declaration_is_not_trusted() {
        let page = "<meta charset=\"gbk\"><p>淮安市人民政府信息公开</p>";
        let d = decode_html(page.as_bytes());
        assert_eq!(d.text, page);
        assert_eq!(d.encoding, UTF_8);
    }
}
