//! Table 二 (主动公开, the 第二十条 items): each row by its label, its columns by the header
//! printed above it or by position; in text, rows run together with their caption, values
//! glued to a label, and rows whose every column is printed read in order when the row's own
//! rule holds (T2-2/T2-3).

use crate::flow::Row;
use crate::rows::{place_full_row, place_row, split, Columns};
use crate::tables::{put, row_keys, rules_hold, Tables};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Cell, KeyId, Table, Template};

pub(crate) fn read_t2(rows: &[Row], template: Template, out: &mut Tables) {
    let s = schema();
    let columns: Vec<Option<Columns>> = (0..=3).map(|k| Columns::learn(rows.iter(), k)).collect();
    let mut header: Vec<&'static str> = Vec::new();
    for row in rows {
        let sp = split(row);
        let label = sp.label();
        if label.is_empty() {
            continue;
        }
        // A caption or header that ran together with the row after it still names that row.
        let at_end = t2_row_at_end(&label, template);
        let caption = s
            .match_label(Table::T2, LabelKind::Caption, &label, Some(template))
            .is_some();
        if caption {
            header.clear();
            if at_end.is_none() {
                continue;
            }
        }
        let norm = normalize_label(&label);
        let header_words = norm.starts_with("信息内容");
        if header_words && at_end.is_none() {
            header = row
                .cells
                .iter()
                .skip(1)
                .filter_map(|c| s.match_label(Table::T2, LabelKind::Col, &c.text, Some(template)))
                .collect();
            continue;
        }
        let own = (!caption && !header_words)
            .then(|| s.match_label(Table::T2, LabelKind::Row, &label, Some(template)))
            .flatten();
        let Some(key) = own.or(at_end) else {
            continue;
        };
        if own.is_none() && header_words {
            // The header's column words ran together with the row: they decide the order.
            header = label
                .split_whitespace()
                .filter_map(|w| s.match_label(Table::T2, LabelKind::Col, w, Some(template)))
                .collect();
        }
        let mut cols = row_keys(template, Table::T2, key);
        // The header printed above decides the order when it names the same columns.
        if header.len() == cols.len() && header.iter().all(|h| cols.iter().any(|k| k.col() == *h)) {
            cols = header
                .iter()
                .filter_map(|h| s.key_at(Table::T2, key, h))
                .collect();
        }
        let learned = columns.get(cols.len()).and_then(|c| c.as_ref());
        let placed = place_row(row, &sp.values, cols.len(), false, learned).or_else(|| {
            // Every column printed in text whose empty fields say nothing: in order, when
            // the row's own rule (T2-2, T2-3) holds.
            (!row.printed_blanks)
                .then(|| place_full_row(&sp.values, cols.len()))
                .flatten()
                .filter(|p| t2_row_rules_hold(template, &cols, p))
        });
        let placed = placed.or_else(|| {
            // A value glued to the end of its label (`其他对外管理服务事项23 0 24`): no row label
            // ends in a digit, so the digits are the row's first value when the label without
            // them names the same row and the row then has exactly its columns.
            let (text, digits) = glued_value(&label)?;
            (!row.from_grid && own_or_end(text, template) == Some(key)).then_some(())?;
            let glued = crate::flow::RowCell {
                text: digits.to_string(),
                page: sp.values.first().and_then(|c| c.page),
                bbox: None,
            };
            let values: Vec<&crate::flow::RowCell> = std::iter::once(&glued)
                .chain(sp.values.iter().copied())
                .collect();
            (values.len() == cols.len())
                .then(|| crate::rows::place(&values, cols.len(), false))
                .flatten()
        });
        match placed {
            Some(p) => put(out, &cols, p, &label),
            None => out.notes.push(format!(
                "表二 row '{label}': {} value fields for {} columns; not placed",
                sp.values.len(),
                cols.len()
            )),
        }
    }
}

/// A label ending in a run of ASCII digits glued to it: the label before them and the digits.
fn glued_value(label: &str) -> Option<(&str, &str)> {
    let text = label.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &label[text.len()..];
    (!digits.is_empty() && text.chars().last().is_some_and(|c| !c.is_ascii()))
        .then_some((text, digits))
}

/// The table-二 row a label names, whole or by its last words.
fn own_or_end(label: &str, template: Template) -> Option<&'static str> {
    schema()
        .match_label(Table::T2, LabelKind::Row, label, Some(template))
        .or_else(|| t2_row_at_end(label, template))
}

/// The table-二 row named by the last words of a label that ran together with the caption
/// and header before it (PyMuPDF's blocks join a block's lines: `第二十条第（一）项 信息内容
/// 本年制发件数 本年废止件数 现行有效件数 规章 0 2 11`): the shortest run of whole words at the
/// end of the label that names a row.
fn t2_row_at_end(label: &str, template: Template) -> Option<&'static str> {
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..words.len()).rev().find_map(|start| {
        schema().match_label(
            Table::T2,
            LabelKind::Row,
            &words[start..].join(""),
            Some(template),
        )
    })
}

/// Whether a table-二 row's cells, placed in `cols` order, satisfy its rules (T2-2: made ≤
/// in force + repealed; T2-3), with at least one rule to check.
fn t2_row_rules_hold(template: Template, cols: &[KeyId], cells: &[Cell]) -> bool {
    let rules: Vec<_> = xxgk_model::rules::equations(template, false)
        .into_iter()
        .filter(|e| e.left.iter().chain(&e.right).all(|k| cols.contains(k)))
        .collect();
    !rules.is_empty() && rules_hold(&rules, cols, cells)
}
