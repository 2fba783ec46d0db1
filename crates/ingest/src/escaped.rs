//! Markup stored escaped: a report body copied out of a JSON string (`\u003cp\u003e…`, every
//! quote written `\"`, line breaks written `\n`), or out of a feed or a page that shows it as
//! text (`&lt;p&gt;…`). Such a file is one layer of escaping away from the HTML fragment a
//! CMS stores; the layer is taken off before the format is sniffed (issue 11: "a report body as
//! a CMS stores it in its JSON or JS `content` field").
//!
//! A JSON document as the API returns it (the fragment in its `content` field) is read the
//! same way ([`report_in_json`]).
//!
//! Only a file whose escaped tags outnumber its real ones is touched: an HTML page that shows
//! a few escaped tags as an example, or a text that mentions `\n`, is read as it is.

/// How far into the file the escaped tags are counted.
const HEAD: usize = 64 * 1024;
/// Fewest escaped tags that make a file escaped markup.
const MIN_TAGS: usize = 3;
/// Tag names of a report body.
const TAGS: [&str; 12] = [
    "p", "div", "span", "table", "tbody", "tr", "td", "th", "br", "li", "h1", "h2",
];

/// Whether the file's first bytes hold an escape of markup at all (cheap, before decoding).
fn may_be_escaped(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD)];
    [&b"\\u003"[..], b"\\U003", b"&lt;", b"&LT;", b"\\\""]
        .iter()
        .any(|m| head.windows(m.len()).any(|w| w == *m))
}

/// The file with one layer of escaping taken off, when it is escaped markup.
pub fn unescaped(bytes: &[u8]) -> Option<Vec<u8>> {
    if !may_be_escaped(bytes) {
        return None;
    }
    let (text, _) = crate::text::decode(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).trim();
    let head: String = text.chars().take(HEAD).collect::<String>().to_lowercase();
    let raw = tags_after(&head, "<");
    if tags_after(&head, "\\u003c") >= MIN_TAGS.max(raw + 1) || json_string_of_markup(text, raw) {
        let body = text.strip_prefix('"').unwrap_or(text);
        let body = body.strip_suffix('"').unwrap_or(body);
        return serde_json::from_str::<String>(&format!("\"{body}\""))
            .ok()
            .map(String::into_bytes);
    }
    if tags_after(&head, "&lt;") >= MIN_TAGS.max(raw + 1) {
        return Some(basic_entities(text).into_bytes());
    }
    None
}

/// Most layers taken off one file (`&amp;lt;p&amp;gt;` is two).
const MAX_LAYERS: usize = 3;

/// The file with every layer of escaping taken off (at most [`MAX_LAYERS`]), when it is
/// escaped markup.
pub fn unescaped_all(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut markup = unescaped(bytes)?;
    for _ in 1..MAX_LAYERS {
        match unescaped(&markup) {
            Some(inner) => markup = inner,
            None => break,
        }
    }
    Some(markup)
}

/// Fewest characters of a JSON string read as a document body (a report's is many thousands;
/// a summary or a snippet of markup in a crawl's metadata is not one).
const MIN_BODY_CHARS: usize = 2_000;

/// A document kept in a JSON document as a CMS's API returns it (`{"title": "…",
/// "content": "<p style=…>…"}`, at any depth): the longest string holding body markup (at
/// least [`MIN_BODY_CHARS`]), as an HTML fragment, with the title (a short string under a
/// `title`-like key) set before it when the body does not print it. Whether it is a report is
/// the parser's to say, as for any other file.
pub fn report_in_json(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() > crate::TEXT_MAX_BYTES || !crate::sniff::looks_like_json(bytes) {
        return None;
    }
    let (text, _) = crate::text::decode(bytes);
    let value: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    let mut strings = Vec::new();
    json_strings(&value, "", &mut strings);
    fragment_of(&strings)
}

/// The HTML fragment of a body kept in strings (each with the key it is under): the longest
/// string holding body markup (at least [`MIN_BODY_CHARS`]), after the title (a short string
/// under a `title`-like key) when the body does not print it.
pub(crate) fn fragment_of(strings: &[(&str, &str)]) -> Option<Vec<u8>> {
    let body = strings
        .iter()
        .map(|(_, s)| *s)
        .filter(|s| {
            s.chars().count() >= MIN_BODY_CHARS && tags_after(&s.to_lowercase(), "<") >= MIN_TAGS
        })
        .max_by_key(|s| s.len())?;
    let title = strings
        .iter()
        .filter(|(key, s)| is_title_key(key) && (1..=120).contains(&s.trim().chars().count()))
        .map(|(_, s)| s.trim())
        .find(|t| !body.contains(t));
    let mut fragment = String::with_capacity(body.len() + 256);
    if let Some(t) = title {
        fragment.push_str("<h1>");
        fragment.push_str(&t.replace('&', "&amp;").replace('<', "&lt;"));
        fragment.push_str("</h1>\n");
    }
    fragment.push_str(body);
    Some(fragment.into_bytes())
}

/// Every string of a JSON value with the key it is under (`""` in an array).
fn json_strings<'a>(value: &'a serde_json::Value, key: &'a str, out: &mut Vec<(&'a str, &'a str)>) {
    match value {
        serde_json::Value::String(s) => out.push((key, s)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, key, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| json_strings(v, k, out)),
        _ => {}
    }
}

/// A key under which APIs keep a document's title.
fn is_title_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("title") || k == "name" || k.contains("标题") || k.contains("题名")
}

/// Tags of a report body opened or closed right after `open` (`<`, `&lt;`, `\u003c`).
fn tags_after(head: &str, open: &str) -> usize {
    head.match_indices(open)
        .filter(|(i, _)| {
            let rest = &head[i + open.len()..];
            let rest = rest.strip_prefix('/').unwrap_or(rest);
            TAGS.iter().any(|t| {
                rest.strip_prefix(t)
                    .is_some_and(|after| after.starts_with([' ', '>', '/', '&', '\\']))
            })
        })
        .count()
}

/// A JSON string's content holding markup: tags written as they are, but every quote escaped
/// (`<p style=\"…\">`) and no line break but `\n` — the `content` field copied out whole.
fn json_string_of_markup(text: &str, raw_tags: usize) -> bool {
    let body = text.strip_prefix('"').unwrap_or(text);
    let body = body.strip_suffix('"').unwrap_or(body);
    raw_tags >= MIN_TAGS
        && body.matches("\\\"").count() >= MIN_TAGS
        && !body.contains(['\n', '\r'])
        && unescaped_quote(body).is_none()
}

/// The first `"` not escaped by a backslash.
fn unescaped_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// The five entities of escaped markup, in one pass (`&amp;nbsp;` becomes `&nbsp;`, which the
/// HTML reader then reads; nothing else is decoded, so no entity becomes markup).
fn basic_entities(text: &str) -> String {
    const MARKUP: [(&str, char); 6] = [
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("#39", '\''),
        ("apos", '\''),
        ("amp", '&'),
    ];
    replace_entities(text, |name| {
        MARKUP.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    })
    .into_owned()
}

/// Entities a crawler leaves in the text it strips of tags (`&nbsp;`, `&ldquo;`, `&#12290;`),
/// by name: the spaces and punctuation of a report page.
const NAMED: [(&str, char); 20] = [
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("middot", '·'),
    ("times", '×'),
    ("deg", '°'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("yen", '¥'),
];

/// Longest entity name or number between `&` and `;`.
const MAX_ENTITY: usize = 10;

/// Text with the HTML entities a crawler left in it decoded (named ones of [`NAMED`], decimal
/// and hexadecimal ones); anything else that starts with `&` is kept as it is.
pub(crate) fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    replace_entities(text, entity)
}

/// `text` with every `&name;` that `lookup` knows replaced, in one pass (what a replacement
/// writes is never read again); anything else that starts with `&` is kept as it is.
fn replace_entities(
    text: &str,
    lookup: impl Fn(&str) -> Option<char>,
) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let decoded = tail
            .char_indices()
            .take(MAX_ENTITY + 1)
            .find(|&(_, c)| c == ';')
            .and_then(|(end, _)| lookup(&tail[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character of one entity's name or number (`nbsp`, `#12290`, `#x3002`).
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Inline formatting tags a crawler's tag stripper missed (`规章 </span><span style="font-family:
/// 仿宋"> (市政府令)`: a pattern that stops at a line break, or strips only block tags). They
/// mark no cell and no line, so they go, with the spaces a run of them stood between kept once.
/// Block tags (`<table>`, `<br>`) stay: a converter's Markdown holds HTML tables on purpose.
pub(crate) fn strip_inline_tags(text: &str) -> std::borrow::Cow<'_, str> {
    static INLINE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if !text.contains('<') {
        return text.into();
    }
    let re = INLINE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)([ \t\x{3000}]*)(?:</?(?:span|font|o:p|strong|b|em|i|u|a|ins|del|sup|sub)(?:\s[^<>]{0,400})?/?>[ \t\x{3000}]*)+",
        )
        .expect("a valid pattern")
    });
    re.replace_all(text, |c: &regex::Captures| {
        let all = &c[0];
        let before = &c[1];
        if !before.is_empty() {
            return before.to_string();
        }
        all[all.trim_end_matches([' ', '\t', '\u{3000}']).len()..].to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAGMENT: &str = "<h1>某市人民政府2024年政府信息公开工作年度报告</h1><p style=\"text-indent:2em\">一、总体情况</p><table><tr><td>3001</td></tr></table>";

    #[test]
    fn a_json_string_of_markup_is_the_fragment() {
        // Every character escaped (Python's ensure_ascii, ASP.NET's `<` as \u003c).
        let ascii = serde_json::to_string(FRAGMENT)
            .unwrap()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e");
        let ascii: String = ascii
            .chars()
            .map(|c| {
                if c.is_ascii() {
                    c.to_string()
                } else {
                    format!("\\u{:04x}", c as u32)
                }
            })
            .collect();
        assert_eq!(unescaped(ascii.as_bytes()).unwrap(), FRAGMENT.as_bytes());
        // Quotes escaped, tags as they are, the enclosing quotes kept or not.
        let quoted = serde_json::to_string(FRAGMENT).unwrap();
        let doubled = format!("{FRAGMENT}{FRAGMENT}{FRAGMENT}");
        let quoted3 = serde_json::to_string(&doubled).unwrap();
        assert_eq!(unescaped(quoted3.as_bytes()).unwrap(), doubled.as_bytes());
        // One quoted attribute is too few to tell.
        assert_eq!(unescaped(quoted.as_bytes()), None);
    }

    #[test]
    fn entity_escaped_markup_is_the_fragment() {
        let escaped = FRAGMENT
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert_eq!(unescaped(escaped.as_bytes()).unwrap(), FRAGMENT.as_bytes());
        // `&amp;nbsp;` is one layer: `&nbsp;` is left for the HTML reader.
        assert_eq!(basic_entities("a&amp;nbsp;b&lt;&amp;lt;"), "a&nbsp;b<&lt;");
    }

    #[test]
    fn a_report_in_a_json_document_is_its_content_field() {
        let api = serde_json::json!({
            "code": 200,
            "data": {
                "title": "某市人民政府2024年政府信息公开工作年度报告",
                "publishTime": "2025-01-21",
                "content": format!("<p>一、总体情况</p>{}<table><tr><td>3001</td></tr></table>", "<p>政府信息公开工作</p>".repeat(200)),
                "summary": "<p>摘要</p><p>一</p><p>二</p>"
            }
        });
        let html = String::from_utf8(report_in_json(api.to_string().as_bytes()).unwrap()).unwrap();
        assert!(html.starts_with(
            "<h1>某市人民政府2024年政府信息公开工作年度报告</h1>\n<p>一、总体情况</p>"
        ));
        // Data that holds no report body: nothing.
        assert_eq!(
            report_in_json(br#"{"source": "a.pdf", "cells": {"t3.x": "1"}}"#),
            None
        );
        assert_eq!(report_in_json(b"[1, 2, 3]"), None);
        // A body that prints its own title gets none added.
        let own = serde_json::json!({"title": "某报告", "content": format!("<h1>某报告</h1>{}", "<p>信息公开</p>".repeat(300))});
        // Short markup (a summary in a crawl's metadata) is no document.
        let short =
            serde_json::json!({"title": "某报告", "content": "<p>一</p><p>二</p><p>三</p>"});
        assert_eq!(report_in_json(short.to_string().as_bytes()), None);
        let html = String::from_utf8(report_in_json(own.to_string().as_bytes()).unwrap()).unwrap();
        assert!(html.starts_with("<h1>某报告</h1><p>"));
    }

    #[test]
    fn entities_left_in_a_text_are_the_characters_they_name() {
        assert_eq!(
            decode_entities("数量&nbsp;1000001三、&ldquo;三安全&rdquo;&#12290;&#x3002;"),
            "数量 1000001三、“三安全”。。"
        );
        // Not entities: kept.
        assert_eq!(
            decode_entities("A&B; a & b &foo; &#xZZ; &"),
            "A&B; a & b &foo; &#xZZ; &"
        );
        assert_eq!(decode_entities("&amp;nbsp;"), "&nbsp;");
    }

    #[test]
    fn pages_and_texts_are_left_as_they_are() {
        // A page that shows a few escaped tags as an example.
        let page = format!("{FRAGMENT}<p>例：&lt;p&gt; &lt;td&gt; &lt;tr&gt;</p>");
        assert_eq!(unescaped(page.as_bytes()), None);
        // A text with a JSON escape or two and no markup.
        assert_eq!(unescaped("一、总体情况\\n\\u003c 3 件".as_bytes()), None);
        assert_eq!(unescaped(b"plain text"), None);
    }

    #[test]
    fn inline_tags_a_stripper_missed_go_and_their_spaces_stay_once() {
        let line = "\t(一) </span><span style=\"font-family:仿宋\"> 予以公开\t2";
        assert_eq!(strip_inline_tags(line), "\t(一) 予以公开\t2");
        // A tag broken over two lines, as a line-by-line pattern leaves it.
        assert_eq!(strip_inline_tags("规章<span\nstyle=\"x\">\t0"), "规章\t0");
        // Book-title marks, block tags and a Markdown table's markup stay.
        let kept = "关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知<br><table><tr><td>1</td></tr></table>";
        assert_eq!(strip_inline_tags(kept), kept);
    }
}
