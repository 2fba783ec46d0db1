//! The codebook: one row per key of wide.csv, built from the schema in `xxgk-model`.
//!
//! Columns: `key`, `table`, `row`, `col`, `table_zh`, `row_zh`, `col_zh`, `header_zh` (the
//! `--headers zh` column name), `unit`, `templates`. When `xxgk-export` gains its own
//! codebook.csv writer, `codebook_csv` should return that instead (the Python side only reads
//! CSV text).

use pyo3::prelude::*;
use xxgk_export::rows::zh_header;
use xxgk_model::schema::{schema, KeyDef};

const HEADER: [&str; 10] = [
    "key",
    "table",
    "row",
    "col",
    "table_zh",
    "row_zh",
    "col_zh",
    "header_zh",
    "unit",
    "templates",
];

/// `万元` for the fee amount (the template's header says so), empty for the procurement amount
/// (the template names no unit), `count` for everything else.
fn unit(k: &KeyDef) -> &'static str {
    match (k.row, k.col) {
        ("fee", "amount") => "万元",
        (_, "amount") => "",
        _ => "count",
    }
}

/// The codebook as CSV text (CRLF line ends, like every file xxgk writes).
#[pyfunction]
pub fn codebook_csv() -> PyResult<String> {
    let s = schema();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let io = |e: csv::Error| crate::XxgkError::new_err(format!("cannot write the codebook: {e}"));
    w.write_record(HEADER).map_err(io)?;
    for id in s.all_key_ids() {
        let Some(k) = s.any_key(&id) else { continue };
        let mut templates: Vec<&str> = s
            .keys
            .iter()
            .filter(|d| d.id() == id)
            .map(|d| d.template.as_str())
            .collect();
        templates.sort_unstable();
        w.write_record([
            id.as_str(),
            k.table.as_str(),
            k.row,
            k.col,
            k.table.title_zh(),
            k.row_label,
            k.col_label,
            &zh_header(&id),
            unit(k),
            &templates.join(" "),
        ])
        .map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| crate::XxgkError::new_err(format!("cannot write the codebook: {e}")))?;
    String::from_utf8(bytes)
        .map_err(|e| crate::XxgkError::new_err(format!("codebook is not UTF-8: {e}")))
}
