//! Table 二 written one cell a line (PyMuPDF's `get_text()` of LibreOffice's PDFs of Word
//! documents whose label cells are one character wide):
//!
//! ```text
//! 规          行          第二十条第（六）项
//! 章          政          信 / 息 / 内 / 容
//! 1           规          本年处理决定数
//! 0           …           量
//! 11          件          行 / 政 / 处 / 罚
//!             8 / 26 / 66 3985758
//! ```
//!
//! Every line holds one cell, and a label one character wide is written a character a line.
//! A run of two or more lines of one ideograph each is one label (`行` / `政` / `处` / `罚` →
//! `行政处罚`; a header's characters run into the label below them, which names the row all
//! the same). The rows are then one cell a line as other converters write them, and
//! [`crate::detached::t2_row_major`] reads each label line followed by exactly its row's
//! cells.

use crate::flow::{Row, RowCell};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::is_han;
use xxgk_model::{schema, Table};

/// Table 二's rows with every label written a character a line joined; `None` when some line
/// holds more than one cell (another layout) or nothing was joined.
pub(crate) fn join_t2(rows: &[Row]) -> Option<Vec<Row>> {
    if rows.iter().any(|r| cells(r).count() > 1) {
        return None;
    }
    let joined = join_characters(rows);
    (joined.len() < rows.len()).then_some(joined)
}

/// The row's non-empty cells.
fn cells(row: &Row) -> impl Iterator<Item = &RowCell> {
    row.cells.iter().filter(|c| !c.text.trim().is_empty())
}

/// The text of a line of one cell.
fn text(row: &Row) -> &str {
    cells(row).next().map_or("", |c| c.text.trim())
}

fn is_character(row: &Row) -> bool {
    let mut chars = text(row).chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_han(c))
}

/// Runs of two or more lines of one ideograph each, joined.
fn join_characters(rows: &[Row]) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let end = (i..rows.len())
            .find(|&j| !is_character(&rows[j]) || rows[j].page != rows[i].page)
            .unwrap_or(rows.len());
        if end - i >= 2 {
            let joined: String = rows[i..end].iter().map(text).collect();
            let (header, label) = header_apart(&joined);
            out.extend(header.map(|h| one_cell(&rows[i], h.to_string())));
            out.push(one_cell(&rows[i], label.to_string()));
            i = end;
        } else {
            out.push(rows[i].clone());
            i += 1;
        }
    }
    out
}

/// A joined run whose characters began with the table's column header (`信息内容本年制发件数…
/// 现行有效件数规章`: the header, a character a line, right above the row label): the header
/// words and the row label apart, so that the label line is no header line. The split is
/// before the shortest tail that names a row of table 二, taken when what comes before it
/// holds a column's header words (`信息内容` alone is not split off: `信息内容行政许可` names
/// its row as a label piece does).
fn header_apart(joined: &str) -> (Option<&str>, &str) {
    let s = schema();
    let names_row = |t: &str| s.match_label(Table::T2, LabelKind::Row, t, None).is_some();
    let header = |t: &str| s.match_label(Table::T2, LabelKind::Col, t, None).is_some();
    let split = joined
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .filter(|&i| names_row(&joined[i..]))
        .last();
    match split {
        Some(i) if header(&joined[..i]) => (Some(&joined[..i]), &joined[i..]),
        _ => (None, joined),
    }
}

fn one_cell(first: &Row, text: String) -> Row {
    let cell = cells(first).next().cloned().unwrap_or(RowCell {
        text: String::new(),
        page: None,
        bbox: None,
    });
    Row {
        cells: vec![RowCell { text, ..cell }],
        text_spans: Vec::new(),
        ..first.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::line_row;
    use xxgk_model::Template;

    fn rows(lines: &str) -> Vec<Row> {
        lines
            .split('/')
            .map(|l| line_row(l, &[], 1, false))
            .collect()
    }

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// PyMuPDF's text of LibreOffice's PDF of huaian-2024.odt (held out, h17).
    #[test]
    fn labels_a_character_a_line_are_joined() {
        let lines = "第二十条第（一）项/信/息/本/年/内/容/制/发/件/数/规/章/1/0/11/行/政/规/范/性/文/件/8/26/66/第二十条第（六）项/本年处理决定数/量/行/政/处/罚/3985758/行/政/强/制/88283";
        let got = join_t2(&rows(lines)).expect("joined");
        assert_eq!(
            texts(&got),
            [
                "第二十条第（一）项",
                "信息本年内容制发件数",
                "规章",
                "1",
                "0",
                "11",
                "行政规范性文件",
                "8",
                "26",
                "66",
                "第二十条第（六）项",
                "本年处理决定数",
                "量行政处罚",
                "3985758",
                "行政强制",
                "88283",
            ]
        );
        let mut out = crate::tables::Tables::default();
        let major = crate::detached::t2_row_major(&got, Template::V2021).expect("row major");
        crate::tables::read_t2(&major, Template::V2021, &mut out);
        let value = |id: &str| {
            let key = xxgk_model::schema().key_id(id).expect("key");
            out.cells.get(&key).map(|c| c.value.clone())
        };
        assert_eq!(value("t2.normative.in_force").as_deref(), Some("66"));
        assert_eq!(value("t2.penalty.decisions").as_deref(), Some("3985758"));
        assert_eq!(value("t2.coercion.decisions").as_deref(), Some("88283"));
        // A label of several characters a line is no run; a line of several cells is another
        // layout, left alone.
        assert!(join_t2(&rows("规范性文/件/4/4/62")).is_none());
        assert!(join_t2(&rows("规 章/1 0 11")).is_none());
    }
}
