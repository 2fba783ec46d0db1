//! The rows of the four CSV files, exactly as `docs/output-schema.md` (and the project's
//! OUTPUT.md) define them, plus the Chinese wide.csv headers of `--headers zh`.

use crate::outcome::Outcome;
use std::collections::HashMap;
use std::sync::OnceLock;
use xxgk_model::{schema, Cell, Finding, Flag, Report, Severity};

pub const REPORTS_HEADER: [&str; 16] = [
    "report",
    "sha256",
    "format",
    "pages",
    "agency",
    "year",
    "template",
    "status",
    "cells_found",
    "cells_expected",
    "errors",
    "warnings",
    "message",
    "source_title",
    "published",
    "url",
];
pub const VALUES_HEADER: [&str; 10] = [
    "report",
    "table",
    "row",
    "col",
    "value",
    "flag",
    "raw",
    "page",
    "bbox",
    "ocr_confidence",
];
pub const FINDINGS_HEADER: [&str; 9] = [
    "report",
    "other_report",
    "rule",
    "severity",
    "status",
    "cells",
    "expected",
    "actual",
    "message",
];
/// The first columns of wide.csv; one column per key follows.
pub const WIDE_META: [&str; 4] = ["report", "agency", "year", "template"];

/// A reports.csv row by column name: read back by `merge`, `eval` and `review` (columns it does
/// not name are ignored, so columns added later do not break reading) and drawn by `review`.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ReportRow {
    pub report: String,
    pub sha256: String,
    pub format: String,
    pub pages: String,
    pub agency: String,
    pub year: String,
    pub template: String,
    pub status: String,
    pub cells_found: String,
    pub cells_expected: String,
    pub errors: String,
    pub warnings: String,
    pub message: String,
}

/// A values.csv row read back by column name.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ValueRow {
    pub report: String,
    pub table: String,
    pub row: String,
    pub col: String,
    pub value: String,
    pub flag: String,
    pub raw: String,
    pub page: String,
    pub bbox: String,
    pub ocr_confidence: String,
}

/// The findings.csv columns `merge` reads back.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct FindingRow {
    pub report: String,
    pub other_report: String,
    pub severity: String,
}

/// Read one record of our CSV files as `T`, by column name.
pub fn read_row<T: serde::de::DeserializeOwned>(
    rec: &csv::StringRecord,
    headers: &csv::StringRecord,
) -> Result<T, csv::Error> {
    rec.deserialize(Some(headers))
}

/// The index of a named column.
pub fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| h == name)
}

/// Column headers of every CSV and workbook sheet (see [`crate::headers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headers {
    /// `t3.new_received.natural_person`
    #[default]
    En,
    /// `表三·本年新收·自然人`
    Zh,
}

/// Short Chinese names (`zh_names.tsv`): table, kind and key → name.
pub const ZH_NAMES_TSV: &str = include_str!("zh_names.tsv");

fn zh_names() -> &'static HashMap<(String, String, String), String> {
    static NAMES: OnceLock<HashMap<(String, String, String), String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        ZH_NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                match f.as_slice() {
                    [t, kind, key, name] => Some((
                        (t.to_string(), kind.to_string(), key.to_string()),
                        name.to_string(),
                    )),
                    _ => None,
                }
            })
            .collect()
    })
}

/// The Chinese header of one key id, e.g. `表三·本年新收·自然人`. Falls back to the labels of
/// keys.tsv when the short-name table lacks a part.
pub fn zh_header(id: &str) -> String {
    let names = zh_names();
    let mut parts = id.splitn(3, '.');
    let (t, r, c) = match (parts.next(), parts.next(), parts.next()) {
        (Some(t), Some(r), Some(c)) => (t, r, c),
        _ => return id.to_string(),
    };
    let def = schema().any_key(id);
    let get = |kind: &str, key: &str, fallback: Option<&str>| {
        names
            .get(&(t.to_string(), kind.to_string(), key.to_string()))
            .cloned()
            .or_else(|| fallback.map(str::to_string))
            .unwrap_or_else(|| key.to_string())
    };
    format!(
        "{}·{}·{}",
        get("table", "-", None),
        get("row", r, def.map(|d| d.row_label)),
        get("col", c, def.map(|d| d.col_label))
    )
}

/// The header row of wide.csv.
pub fn wide_header(headers: Headers) -> Vec<String> {
    let ids = schema().all_key_ids();
    match headers {
        Headers::En => WIDE_META.iter().map(|s| s.to_string()).chain(ids).collect(),
        Headers::Zh => ["报告", "机关", "年度", "模板"]
            .iter()
            .map(|s| s.to_string())
            .chain(ids.iter().map(|id| zh_header(id)))
            .collect(),
    }
}

/// One line a person can read in a spreadsheet: line breaks and other control characters
/// become spaces.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(if c.is_control() { ' ' } else { c });
    }
    out.trim().to_string()
}

/// A text field made safe for spreadsheets (OWASP, "CSV injection"): a field that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so Excel, WPS and
/// LibreOffice show it as text instead of running it as a formula. Fields that read as a plain
/// number (`-5`) and a lone `-` are left alone: spreadsheets never take them for formulas.
/// Used for text columns only (ids, names, messages, raw text), never for value columns.
pub fn text_cell(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s != "-" && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The text a [`text_cell`] was made from (for reading our own files back).
pub fn plain_cell(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if text_cell(rest) == s => rest,
        _ => s,
    }
}

/// The reports.csv row of one outcome (with the errors and warnings given).
pub fn report_row(o: &Outcome, errors: usize, warnings: usize) -> Vec<String> {
    let r = &o.report;
    let m = &r.meta;
    vec![
        text_cell(&r.report),
        o.sha256.clone(),
        m.format.map(|f| f.as_str().to_string()).unwrap_or_default(),
        m.pages.map(|p| p.to_string()).unwrap_or_default(),
        text_cell(&m.agency.as_deref().map(one_line).unwrap_or_default()),
        m.year.map(|y| y.to_string()).unwrap_or_default(),
        m.template
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        r.status.as_str().to_string(),
        r.cells_found().to_string(),
        r.cells_expected().to_string(),
        errors.to_string(),
        warnings.to_string(),
        text_cell(&one_line(&r.message)),
        text_cell(&m.source_title.as_deref().map(one_line).unwrap_or_default()),
        text_cell(&m.published.as_deref().map(one_line).unwrap_or_default()),
        text_cell(&m.url.as_deref().map(one_line).unwrap_or_default()),
    ]
}

/// The value written for a cell: the number for `number` and `uncertain` (the best reading),
/// empty otherwise.
pub fn cell_value(cell: &Cell) -> &str {
    match cell.flag {
        Flag::Number | Flag::Uncertain => &cell.value,
        _ => "",
    }
}

/// The values.csv rows of one report: every expected key once, in keys.tsv order.
pub fn value_rows(r: &Report) -> impl Iterator<Item = [String; 10]> + '_ {
    static ABSENT: OnceLock<Cell> = OnceLock::new();
    let absent = ABSENT.get_or_init(Cell::absent);
    r.expected_keys().into_iter().map(move |k| {
        let cell = r.cells.get(&k.id()).unwrap_or(absent);
        [
            text_cell(&r.report),
            k.table.as_str().to_string(),
            k.row.to_string(),
            k.col.to_string(),
            cell_value(cell).to_string(),
            cell.flag.as_str().to_string(),
            text_cell(&cell.raw),
            cell.page.map(|p| p.to_string()).unwrap_or_default(),
            cell.bbox.map(|b| b.to_field()).unwrap_or_default(),
            cell.ocr_confidence
                .map(|c| format!("{:.0}", c.clamp(0.0, 100.0)))
                .unwrap_or_default(),
        ]
    })
}

/// The wide.csv row of one report: the value when the flag is `number`, else empty (blank,
/// dash, absent and uncertain cells all show empty; values.csv tells them apart).
pub fn wide_row(r: &Report) -> Vec<String> {
    let m = &r.meta;
    let mut out = vec![
        text_cell(&r.report),
        text_cell(&m.agency.as_deref().map(one_line).unwrap_or_default()),
        m.year.map(|y| y.to_string()).unwrap_or_default(),
        m.template
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
    ];
    let expected: std::collections::HashSet<String> =
        r.expected_keys().iter().map(|k| k.id()).collect();
    for id in schema().all_key_ids() {
        let v = match r.cells.get(&id) {
            Some(c) if c.flag == Flag::Number && expected.contains(&id) => c.value.clone(),
            _ => String::new(),
        };
        out.push(v);
    }
    out
}

/// The findings.csv row of one finding.
pub fn finding_row(f: &Finding) -> [String; 9] {
    // An info note (a duplicate report, reused text) is not a failure: no status.
    let status = match f.severity {
        Severity::Info => "",
        _ => f.status.as_str(),
    };
    [
        text_cell(&f.report),
        text_cell(&f.other_report),
        f.rule.clone(),
        f.severity.as_str().to_string(),
        status.to_string(),
        f.cells.join(" "),
        text_cell(&f.expected),
        text_cell(&f.actual),
        text_cell(&one_line(&f.message)),
    ]
}

/// The deterministic order of findings.csv within one report's cross-year findings.
pub fn finding_sort_key(f: &Finding) -> (String, String, String, String, String, String) {
    (
        f.report.clone(),
        f.other_report.clone(),
        f.rule.clone(),
        f.cells.join(" "),
        f.expected.clone(),
        f.actual.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zh_headers_are_unique_and_come_from_the_table() {
        let ids = schema().all_key_ids();
        let heads: std::collections::HashSet<String> = ids.iter().map(|i| zh_header(i)).collect();
        assert_eq!(heads.len(), ids.len());
        assert_eq!(
            zh_header("t3.new_received.natural_person"),
            "表三·本年新收·自然人"
        );
        assert_eq!(zh_header("t4.review.upheld"), "表四·行政复议·结果维持");
        // Every part has a short name (no fallback to the long labels or key ids).
        let names = zh_names();
        for id in &ids {
            let p: Vec<&str> = id.split('.').collect();
            assert!(
                names.contains_key(&(p[0].into(), "row".into(), p[1].into())),
                "{id}"
            );
            assert!(
                names.contains_key(&(p[0].into(), "col".into(), p[2].into())),
                "{id}"
            );
        }
    }

    #[test]
    fn formula_like_text_is_neutralised_and_read_back() {
        for (raw, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+2", "'+1+2"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("-", "-"),
            ("-5", "-5"),
            ("淮安市", "淮安市"),
            ("'=x", "'=x"),
        ] {
            assert_eq!(text_cell(raw), written, "{raw}");
            if raw != "'=x" {
                assert_eq!(plain_cell(written), raw);
            }
        }
    }

    #[test]
    fn number_columns_are_never_prefixed() {
        let mut r = Report::with_status("=evil.pdf", xxgk_model::Status::Ok, "");
        r.meta.template = Some(xxgk_model::Template::V2021);
        r.meta.agency = Some("@某局".into());
        let first = value_rows(&r).next().unwrap();
        assert_eq!(first[0], "'=evil.pdf");
        let wide = wide_row(&r);
        assert_eq!(&wide[..2], ["'=evil.pdf", "'@某局"]);
    }

    #[test]
    fn info_notes_have_no_fail_status() {
        let f = Finding {
            report: "a".into(),
            other_report: "b".into(),
            rule: "X-0".into(),
            severity: Severity::Info,
            status: xxgk_model::FindingStatus::Fail,
            cells: Vec::new(),
            expected: String::new(),
            actual: String::new(),
            message: "dup".into(),
        };
        assert_eq!(finding_row(&f)[4], "");
    }

    #[test]
    fn one_line_removes_line_breaks() {
        assert_eq!(one_line(" a\r\nb\tc "), "a  b c");
    }
}
