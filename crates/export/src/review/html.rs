//! The HTML shells: each file carries its data as JSON (in a `<script type="application/json">`
//! block) and the style and script that draw it, so it opens from disk with no server and no
//! network. The data is escaped so that no `<` can close the block early.

use super::{IndexRow, ReportPage, SERIES};

const CSS: &str = include_str!("review.css");
const COMMON_JS: &str = include_str!("common.js");
const REPORT_JS: &str = include_str!("report.js");
const INDEX_JS: &str = include_str!("index.js");

/// JSON safe inside a `<script>` element: every `<`, `>` and `&` written as a `\u` escape.
fn json_in_script<T: serde::Serialize>(data: &T) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Text safe inside HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn shell(title: &str, data: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <noscript>This review needs JavaScript (it runs locally; nothing is fetched).\
         本页需要启用 JavaScript（只在本地运行，不联网）。</noscript>\n\
         <main id=\"app\"></main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n\
         <script type=\"application/json\" id=\"data\">{data}</script>\n\
         <script>\n{COMMON_JS}{script}</script>\n</body>\n</html>\n",
        esc(title)
    )
}

/// One report's page.
pub(super) fn report_page(page: &ReportPage) -> String {
    shell(
        &format!("xxgk review · {}", page.meta.report),
        &json_in_script(page),
        REPORT_JS,
    )
}

/// The index of all reports, with the series names for the charts.
pub(super) fn index_page(rows: &[IndexRow]) -> String {
    let names: Vec<&str> = SERIES.iter().map(|(n, _)| *n).collect();
    let data = serde_json::json!({ "series": names, "rows": rows });
    shell("xxgk review", &json_in_script(&data), INDEX_JS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_close_its_script_block() {
        let s = json_in_script(&"</script><b>&");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "</script><b>&");
    }
}
