//! Format detection from the bytes.

use xxgk_model::Format;

/// Detect the format from the first bytes of a file.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    if find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    if head.starts_with(crate::sevenz::MAGIC) {
        // An archive of files, read member by member as a zip is.
        return Format::Zip;
    }
    if head.starts_with(crate::ole::MAGIC) {
        return match crate::ole::sniff(bytes) {
            Some(crate::ole::Content::Word) => Format::Doc,
            Some(crate::ole::Content::Workbook) => Format::Sheet,
            _ => Format::Unknown,
        };
    }
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if crate::mht::looks_like_mht(head) {
        return Format::Mht;
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
        || find(&lower, b"<body").is_some()
    {
        return Format::Html;
    }
    if markdown_text(bytes) {
        return Format::Txt;
    }
    if find(&lower, b"<table").is_some() || is_fragment(bytes) {
        return Format::Html;
    }
    if crate::text::looks_like_text(bytes) {
        return Format::Txt;
    }
    Format::Unknown
}

/// How far into a file markup is looked for (a CMS fragment may open with a long header).
const FRAGMENT_HEAD: usize = 64 * 1024;
/// Element tags of a report body as a CMS stores it.
const BODY_TAGS: [&[u8]; 9] = [
    b"<p>", b"<p ", b"<div", b"<span", b"<td", b"<tr", b"<br", b"<table", b"<li",
];

/// A report body without `<html>`/`<head>`/charset, as a CMS stores it in its JSON `content`
/// field: it starts with a tag and holds body elements, or holds many of them early on.
fn is_fragment(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes[..bytes.len().min(FRAGMENT_HEAD)]
        .iter()
        .filter(|b| **b != 0)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let count = |t: &[u8]| head.windows(t.len()).filter(|w| *w == t).count();
    let tags: usize = BODY_TAGS.iter().map(|t| count(t)).sum();
    // Inline tags alone are what a crawler's tag stripper missed in a text (`(一) </span><span
    // style=…> 予以公开`) or a converter's anchors (pandoc's `<span id=…></span>` before a
    // heading): a body as a CMS stores it has paragraphs, divisions or cells.
    let blocks = tags - count(b"<span");
    let starts_with_tag = head
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        == Some(&b'<');
    blocks >= 1 && (starts_with_tag || tags >= 20)
}

/// Inline elements a converter's Markdown may open with (underline, emphasis, a link).
const INLINE_TAGS: [&str; 9] = ["u", "b", "i", "em", "strong", "a", "font", "sup", "sub"];

/// Whether `text` opens with the start tag of an inline element ([`INLINE_TAGS`]).
fn opens_with_inline_tag(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('<') else {
        return false;
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    INLINE_TAGS.contains(&name.as_str())
}

/// Markdown (or plain text) holding some markup, read as text: pipe tables (`|---|` rules)
/// whose cells may break lines with `<br>` (markitdown, pymupdf4llm, LLM converters), or
/// complex tables written as raw HTML (pandoc's gfm for tables with merged cells):
/// `<table>…</table>` blocks each starting a line, with no body markup outside them. The text
/// reader parses such blocks as tables.
fn markdown_text(bytes: &[u8]) -> bool {
    // Decoded as the text reader will decode it: a Markdown file saved as GBK or UTF-16 is
    // still Markdown (its `<br>` cells are not an HTML fragment's).
    let head = &bytes[..bytes.len().min(FRAGMENT_HEAD)];
    let decoded = crate::encoding::decode_text(head);
    let text = decoded.text.trim_start_matches('\u{feff}');
    let opens_with_tag = text.trim_start().starts_with('<');
    // A file opening with a block tag is markup (a page, a fragment, pandoc's Markdown of a
    // page keeping its `<div>`s: read as such); one opening with an inline tag may be
    // Markdown (pymupdf4llm sets a printed page's underlined links as `<u>淮安市人民政府</u>`)
    // when it holds pipe tables.
    if opens_with_tag && !opens_with_inline_tag(text.trim_start()) {
        return false;
    }
    let mut outside = String::new();
    let mut depth = 0usize;
    let mut tables = 0usize;
    for line in text.lines() {
        let lower = line.trim_start().to_ascii_lowercase();
        if lower.starts_with("<table") {
            depth += 1;
            tables += 1;
        }
        if depth == 0 {
            outside.push_str(&lower);
            outside.push('\n');
        } else if lower.contains("<table") && !lower.starts_with("<table") {
            depth += 1;
        }
        depth = depth.saturating_sub(lower.matches("</table>").count());
    }
    let lines = outside.lines().filter(|l| !l.trim().is_empty()).count();
    let pipe_rows = outside
        .lines()
        .filter(|l| l.trim_start().starts_with('|'))
        .count();
    let pipe_rules = outside
        .lines()
        .filter(|l| l.contains("|---") || l.contains("---|") || l.contains("|:--"))
        .count();
    if pipe_rows >= 2 && pipe_rules >= 1 {
        return true;
    }
    if opens_with_tag {
        return false;
    }
    let markup = BODY_TAGS.iter().any(|t| {
        let t = std::str::from_utf8(t).unwrap_or("<");
        outside.contains(t)
    });
    tables > 0 && lines >= 3 && !markup
}

/// [`sniff`], trusting an HTML file name (`.html`, `.htm`, `.shtml`, `.xhtml`) for a file whose
/// bytes read as text (a saved page whose markup starts past the first kilobytes).
pub fn sniff_named(bytes: &[u8], name: &str) -> Format {
    let format = sniff(bytes);
    let lower = name.to_ascii_lowercase();
    let html_name = [".html", ".htm", ".shtml", ".xhtml"]
        .iter()
        .any(|e| lower.ends_with(e));
    if format == Format::Txt && html_name && bytes.contains(&b'<') {
        return Format::Html;
    }
    // A damaged zip named .ofd is a damaged OFD, not a damaged DOCX.
    if lower.ends_with(".ofd") && bytes.starts_with(b"PK") {
        return Format::Ofd;
    }
    format
}

/// What a zip holds: a DOCX, an OpenDocument text or spreadsheet, an XLSX, or other files
/// (an archive of reports). Unreadable zips count as DOCX, whose reader says why.
fn zip_kind(bytes: &[u8]) -> Format {
    let Ok(zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Format::Docx;
    };
    let has = |name: &str| zip.index_for_name(name).is_some();
    if has("OFD.xml") {
        return Format::Ofd;
    }
    if has("word/document.xml") {
        return Format::Docx;
    }
    if has("xl/workbook.xml") || has("xl/workbook.bin") {
        return Format::Sheet;
    }
    // OpenDocument: the first entry `mimetype` holds the media type, stored uncompressed.
    let mime = &bytes[..bytes.len().min(200)];
    if find(mime, b"application/vnd.oasis.opendocument.text").is_some() {
        return Format::Odt;
    }
    if find(mime, b"application/vnd.oasis.opendocument.spreadsheet").is_some() {
        return Format::Sheet;
    }
    if has("content.xml") && !has("mimetype") {
        return Format::Odt;
    }
    if has("[Content_Types].xml") {
        // Another Office Open XML package (a presentation …): the DOCX reader explains.
        return Format::Docx;
    }
    Format::Zip
}

/// The kind of image the bytes are, from the signature.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    let sigs: [(&[u8], &str); 7] = [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
        (b"BM", "BMP"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("WebP");
    }
    sigs.iter()
        .find(|(sig, _)| bytes.starts_with(sig) && (*sig != b"BM" || bytes.len() > 26))
        .map(|(_, k)| *k)
}

/// The first bytes of a file, for the "unknown format" message: printable ASCII as is, other
/// bytes in hex.
pub fn describe_start(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(8)];
    let hex: Vec<String> = head.iter().map(|b| format!("{b:02X}")).collect();
    let ascii: String = head
        .iter()
        .map(|&b| if b.is_ascii_graphic() { b as char } else { '.' })
        .collect();
    format!("{} ({ascii})", hex.join(" "))
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
    fn fragments_are_html() {
        assert_eq!(
            sniff("<p style=\"text-indent:2em\">一、总体情况</p>".as_bytes()),
            Format::Html
        );
        let long = format!("{}<div>x</div>", "<p>段落</p>\n".repeat(5000));
        assert_eq!(sniff(long.as_bytes()), Format::Html);
        assert_eq!(
            sniff("一、总体情况 a<b 与 <p> 之外\n".as_bytes()),
            Format::Txt
        );
        // A text with the inline tags a crawler's stripper missed is a text.
        let remnants = "规章 </span><span style=\"font-family:仿宋\"> (市政府令)\t0\n".repeat(30);
        assert_eq!(sniff(remnants.as_bytes()), Format::Txt);
    }

    #[test]
    fn markdown_with_html_tables_is_text() {
        let md = "**淮安市人民政府**\n\n一、总体情况\n\n正文。\n\n<table>\n<tr><td><p>a</p></td><td>1</td></tr>\n</table>\n\n五、存在的主要问题\n";
        assert_eq!(sniff(md.as_bytes()), Format::Txt);
        // Body markup outside the table: HTML.
        let html = "标题\n<p>一、总体情况</p>\n<p>正文</p>\n<table><tr><td>1</td></tr></table>\n";
        assert_eq!(sniff(html.as_bytes()), Format::Html);
        // Pipe tables with `<br>` in their cells: Markdown, however many `<br>` it holds.
        let md = format!(
            "# 标题\n\n|a|b|\n|---|---|\n{}",
            "|法人或其<br>他组织|1|\n".repeat(30)
        );
        assert_eq!(sniff(md.as_bytes()), Format::Txt);
    }

    #[test]
    fn html_names_are_trusted_for_text_with_markup() {
        let page = format!("{}<p>一、总体情况</p>", "站点导航 ".repeat(20_000));
        assert_eq!(sniff(page.as_bytes()), Format::Txt);
        assert_eq!(sniff_named(page.as_bytes(), "a.SHTML"), Format::Html);
        assert_eq!(sniff_named(page.as_bytes(), "a.txt"), Format::Txt);
        assert_eq!(
            sniff_named("一、总体情况".as_bytes(), "a.html"),
            Format::Txt
        );
    }

    #[test]
    fn json_is_not_a_document() {
        assert_eq!(sniff(b"{\n \"source\": \"a.pdf\"\n}\n"), Format::Unknown);
        assert_eq!(sniff("一、总体情况\n".as_bytes()), Format::Txt);
    }

    /// pymupdf4llm's Markdown breaks cells with `<br>`; saved as GBK or UTF-16 it is still
    /// Markdown, not an HTML fragment (its head is decoded as the text reader decodes it).
    #[test]
    fn markdown_in_another_encoding_is_text() {
        let mut md = String::from("# 淮安市人民政府2024年政府信息公开工作年度报告\n\n");
        md.push_str("|信息内容|本年制发件数|\n|---|---|\n");
        for _ in 0..12 {
            md.push_str("|（一）予以公开<br>（二）部分公开|1|\n");
        }
        assert_eq!(sniff(md.as_bytes()), Format::Txt);
        let gbk = encoding_rs::GBK.encode(&md).0.into_owned();
        assert_eq!(sniff(&gbk), Format::Txt);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(md.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&utf16), Format::Txt);
        // Opening with an underlined link (pymupdf4llm of a printed page): still Markdown.
        let linked = format!("<u>淮安市人民政府</u> \n\n<u>首页</u> \n\n{md}");
        assert_eq!(sniff(linked.as_bytes()), Format::Txt);
        // Opening with a block tag (pandoc's Markdown of a page keeps its `<div>`s): markup.
        let page = format!("<div class=\"top\">\n\n{md}");
        assert_eq!(sniff(page.as_bytes()), Format::Html);
        // A fragment with the same cells stays a fragment.
        let fragment = format!("<p>报告</p>{}", "<td>1</td>".repeat(20));
        assert_eq!(
            sniff(encoding_rs::GBK.encode(&fragment).0.as_ref()),
            Format::Html
        );
    }
}
