//! Saved web page archives (.mht/.mhtml, MIME `multipart/related` as browsers and Word write
//! them): the parts are split at the boundary, each decoded from its transfer encoding
//! (quoted-printable, base64, or as is) and, for text, from its own `charset`. The first HTML
//! part (the one the root's `start` names, if it names one) is read by [`crate::html`]; image
//! parts are kept ([`images`]) for the OCR path.

use crate::IngestError;
use xxgk_model::{Document, Format};

/// At most this many parts are looked at.
const MAX_PARTS: usize = 10_000;

/// Whether the first bytes are a MIME message holding a web page archive.
pub fn looks_like_mht(head: &[u8]) -> bool {
    let lower: Vec<u8> = head
        .iter()
        .take(2048)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |n: &[u8]| lower.windows(n.len()).any(|w| w == n);
    let html_at = lower.windows(5).position(|w| w == b"<html");
    let mime_at = lower.windows(13).position(|w| w == b"mime-version:");
    has(b"multipart/related") && mime_at.is_some_and(|m| html_at.is_none_or(|h| m < h))
}

/// One MIME part, decoded.
#[derive(Debug, Clone)]
pub struct Part {
    pub content_type: String,
    pub charset: Option<String>,
    pub location: Option<String>,
    pub content_id: Option<String>,
    pub body: Vec<u8>,
}

/// Read an MHTML file: its HTML part through the HTML reader.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let (headers, body) = split_headers(bytes);
    let ctype = header(&headers, "content-type").unwrap_or_default();
    let parts = if ctype.to_ascii_lowercase().starts_with("multipart/") {
        let boundary = param(&ctype, "boundary").ok_or_else(|| {
            IngestError::failed("MHTML file has no MIME boundary: damaged or not a web archive")
        })?;
        multipart(body, &boundary)
    } else {
        vec![part(&headers, body)]
    };
    let start = param(&ctype, "start");
    let html = parts
        .iter()
        .find(|p| {
            start
                .as_deref()
                .is_some_and(|s| p.content_id.as_deref() == Some(s))
        })
        .or_else(|| parts.iter().find(|p| p.content_type == "text/html"))
        .ok_or_else(|| IngestError::unsupported("MHTML file holds no HTML page"))?;
    let page = utf8_page(html);
    let images = parts
        .iter()
        .filter(|p| p.content_type.starts_with("image/"))
        .count();
    let mut doc = match crate::html::read(&page) {
        Ok(d) => d,
        Err(e) if images > 0 => {
            return Err(IngestError::unsupported(format!(
                "{} ({images} images in the archive: a scanned page needs OCR)",
                e.message
            )))
        }
        Err(e) => return Err(e),
    };
    doc.format = Format::Mht;
    Ok(doc)
}

/// The image parts as pictures for the OCR path ([`crate::pictures`]), in the order the page
/// shows them (browsers write the parts in another order), unreferenced ones last.
pub fn pictures(bytes: &[u8]) -> Vec<crate::pictures::Picture> {
    let parts = all_parts(bytes);
    let sources = parts
        .iter()
        .find(|p| p.content_type == "text/html")
        .map(|p| crate::html::picture_sources(&utf8_page(p)))
        .unwrap_or_default();
    let rank = |p: &Part| {
        p.location
            .as_deref()
            .and_then(|loc| sources.iter().position(|s| same_resource(loc, s)))
            .unwrap_or(usize::MAX)
    };
    let mut images: Vec<Part> = parts
        .into_iter()
        .filter(|p| p.content_type.starts_with("image/"))
        .collect();
    images.sort_by_key(rank);
    images
        .into_iter()
        .take(crate::pictures::MAX_PICTURES)
        .map(|p| crate::pictures::Picture {
            name: p.location.unwrap_or(p.content_type),
            bytes: p.body,
        })
        .collect()
}

/// Whether a part's `Content-Location` is what an `<img src>` refers to (the same URL, or a
/// relative one that ends it).
fn same_resource(location: &str, src: &str) -> bool {
    let src = src.split(['?', '#']).next().unwrap_or("").trim();
    let src = src.trim_start_matches("./");
    !src.is_empty()
        && (location == src
            || location
                .strip_suffix(src)
                .is_some_and(|head| head.ends_with('/')))
}

/// The image parts (content type and bytes), for the OCR path.
pub fn images(bytes: &[u8]) -> Vec<Part> {
    all_parts(bytes)
        .into_iter()
        .filter(|p| p.content_type.starts_with("image/"))
        .collect()
}

/// Every part of a multipart archive (none for a single-part one).
fn all_parts(bytes: &[u8]) -> Vec<Part> {
    let (headers, body) = split_headers(bytes);
    let ctype = header(&headers, "content-type").unwrap_or_default();
    let Some(boundary) = param(&ctype, "boundary") else {
        return Vec::new();
    };
    multipart(body, &boundary)
}

/// The HTML part as bytes for the HTML reader: a declared charset decodes it to UTF-8 (with
/// a byte-order mark, which the HTML reader trusts before any `<meta charset>`).
fn utf8_page(p: &Part) -> Vec<u8> {
    let enc = p
        .charset
        .as_deref()
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    match enc {
        Some(enc) => {
            let (text, _, _) = enc.decode(&p.body);
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            out
        }
        None => p.body.clone(),
    }
}

/// Headers (unfolded, `(lower-case name, value)`) and the body after the blank line.
fn split_headers(bytes: &[u8]) -> (Vec<(String, String)>, &[u8]) {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| i + p);
        let line = &bytes[i..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        i = (end + 1).min(bytes.len());
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    (headers, &bytes[i.min(bytes.len())..])
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

/// A parameter of a header value (`boundary="…"`, `charset=gbk`).
fn param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts between `--boundary` lines.
fn multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let delim = format!("--{boundary}");
    let d = delim.as_bytes();
    let mut starts = Vec::new();
    let mut i = 0;
    while let Some(p) = body[i..].windows(d.len()).position(|w| w == d) {
        let at = i + p;
        starts.push(at);
        i = at + d.len();
        if starts.len() > MAX_PARTS {
            break;
        }
    }
    starts
        .windows(2)
        .filter_map(|w| {
            let mut from = w[0] + d.len();
            // The rest of the delimiter line.
            from += body[from..w[1]].iter().position(|&b| b == b'\n')? + 1;
            let chunk = &body[from..w[1]];
            let (headers, content) = split_headers(chunk);
            Some(part(&headers, content))
        })
        .collect()
}

fn part(headers: &[(String, String)], content: &[u8]) -> Part {
    let ctype = header(headers, "content-type").unwrap_or_else(|| "text/plain".into());
    let encoding = header(headers, "content-transfer-encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let body = match encoding.as_str() {
        "quoted-printable" => quoted_printable(content),
        "base64" => base64(content),
        _ => content.to_vec(),
    };
    Part {
        content_type: ctype
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
        charset: param(&ctype, "charset"),
        location: header(headers, "content-location"),
        content_id: header(headers, "content-id"),
        body,
    }
}

/// Decode quoted-printable (soft line breaks `=\r\n` removed, `=XX` bytes).
pub fn quoted_printable(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'=' {
            if s.get(i + 1) == Some(&b'\r') && s.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if s.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

/// Decode base64, ignoring whitespace and stopping at padding or a foreign byte.
pub fn base64(s: &[u8]) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &c in s {
        if c.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = val(c) else { break };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_decode_per_encoding_and_charset() {
        let gbk_qp = "=BB=B4=B0=B2"; // 淮安 in GBK
        let mht = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>{gbk_qp}=\r\n2024</p></body></html>\r\n--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n"
        );
        assert!(looks_like_mht(mht.as_bytes()));
        let doc = read(mht.as_bytes()).unwrap();
        assert_eq!(doc.format, Format::Mht);
        let xxgk_model::Block::Line(l) = &doc.pages[0].blocks[0] else {
            panic!()
        };
        assert_eq!(l.text, "淮安2024");
        let imgs = images(mht.as_bytes());
        assert_eq!(imgs.len(), 1);
        assert_eq!(imgs[0].body, b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn image_parts_match_the_sources_that_name_them() {
        let loc = "file:///d/p_files/page-3.png";
        assert!(same_resource(loc, "p_files/page-3.png"));
        assert!(same_resource(loc, "./p_files/page-3.png?v=2"));
        assert!(same_resource(loc, loc));
        assert!(!same_resource(loc, "e-3.png"));
        assert!(!same_resource(loc, ""));
    }
}
