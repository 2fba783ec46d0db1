//! Table 三 in linear text whose row labels came apart from their values (PDF→text and
//! PDF→Markdown converters, `pdfminer`): first the label lines of several rows, then several
//! label-less value rows, in the order the converter met them. Read by template order:
//!
//! 1. [`label_block`]: the label lines before the value rows, grouped into row labels (a line
//!    starting with an enumerator such as `3.` or `（二）` starts a row, other lines continue
//!    it); group labels (（三）不予公开) and header words are left out. Every label must name a
//!    template row, in template order.
//! 2. [`value_block`]: the label-less value rows that follow.
//! 3. [`assign`]: as many value rows as labels → row by row in order; one value per line and
//!    the table's width (seven) times as many as labels → column by column (what `pdfminer` writes), accepted only
//!    when every row then satisfies T3-3 (total = sum of the six applicant columns).
//!    Anything else: the value rows are not used (the cells stay absent) and a note says so.
//!
//! A value is never attached to a row because its label is the nearest one.

use crate::flow::{Row, RowCell};
use crate::rows::split;
use crate::tables::{is_t3_header, strip_enumerator};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::{classify_value, normalize_label};
use xxgk_model::{schema, Flag, Table, Template};

/// Rewrite the rows of table 三 read from lines without geometry: label blocks followed by
/// value blocks become labelled rows where template order pins them; value rows that cannot
/// be pinned are dropped (with a note).
pub fn attach(rows: Vec<Row>, template: Template, notes: &mut Vec<String>) -> Vec<Row> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        if !is_label_only(&rows[i]) {
            out.push(rows[i].clone());
            i += 1;
            continue;
        }
        let labels_end = (i..rows.len())
            .find(|&j| !is_label_only(&rows[j]))
            .unwrap_or(rows.len());
        let values_end = (labels_end..rows.len())
            .find(|&j| !is_value_only(&rows[j]))
            .unwrap_or(rows.len());
        out.extend(rows[i..labels_end].iter().cloned());
        if values_end > labels_end {
            let labels = label_block(&rows[i..labels_end], template);
            let values = value_block(&rows[labels_end..values_end]);
            match labels.and_then(|l| assign(&l, &values, template)) {
                Some(placed) => out.extend(placed),
                None => notes.push(format!(
                    "表三: {} value rows after labels printed apart from them could not be matched to rows in template order; not used",
                    values_end - labels_end
                )),
            }
        }
        i = values_end;
    }
    out
}

fn is_label_only(row: &Row) -> bool {
    let sp = split(row);
    !row.from_grid && sp.values.is_empty() && !sp.label().trim().is_empty()
}

fn is_value_only(row: &Row) -> bool {
    let sp = split(row);
    !row.from_grid && sp.labels.is_empty() && sp.has_values()
}

/// A row label of the block: its text and the row it names.
struct Label {
    key: &'static str,
    text: String,
    page: u32,
}

fn starts_row(norm: &str) -> bool {
    strip_enumerator(norm) != norm
}

/// Step 1: the row labels of a block of label lines, or `None` when a label names no row or
/// the rows are not in template order.
fn label_block(rows: &[Row], template: Template) -> Option<Vec<Label>> {
    let s = schema();
    let mut pieces: Vec<(String, u32)> = Vec::new();
    for row in rows {
        let text = split(row).label();
        let norm = normalize_label(&text);
        if is_t3_header(&norm) || norm == "总计" {
            if pieces.iter().all(|(p, _)| !starts_row(&normalize_label(p))) {
                pieces.clear(); // header lines so far
                continue;
            }
            break; // the column header after the labels: the rest is header
        }
        match pieces.last_mut() {
            Some(last) if !starts_row(&norm) => last.0.push_str(&text),
            _ => pieces.push((text, row.page)),
        }
    }
    let order: Vec<&'static str> = {
        let mut v: Vec<&'static str> = Vec::new();
        for k in s.keys(template).filter(|k| k.table == Table::T3) {
            if !v.contains(&k.row) {
                v.push(k.row);
            }
        }
        v
    };
    let mut out: Vec<Label> = Vec::new();
    for (text, page) in pieces {
        let previous = out.last().map(|l| l.key);
        let group = s.match_label(Table::T3, LabelKind::Group, &text, Some(template));
        if group.is_some() && group != Some("other") {
            continue;
        }
        let key = crate::tables::t3_row_key(&text, template, previous).or_else(|| {
            // A v2019 （六）其他处理 is a row of its own.
            (template == Template::V2019
                && s.match_label(Table::T3, LabelKind::Group, &text, Some(template))
                    == Some("other"))
            .then_some("other")
        });
        let norm = normalize_label(&text);
        match key {
            Some(k) => out.push(Label { key: k, text, page }),
            // A group label (（三）不予公开, 三、本年度办理结果), possibly cut short.
            None if norm.starts_with('(') || norm.starts_with("三.") => continue,
            // Column-header words before the first row label (组织, 法律服务, 机构 …).
            None if out.is_empty() && !starts_row(&norm) => continue,
            None => return None,
        }
    }
    let positions: Vec<usize> = out
        .iter()
        .map(|l| order.iter().position(|r| *r == l.key))
        .collect::<Option<_>>()?;
    positions
        .windows(2)
        .all(|w| w[0] < w[1])
        .then_some(out)
        .filter(|l| !l.is_empty())
}

/// Step 2: the value cells of each value row.
fn value_block(rows: &[Row]) -> Vec<Vec<RowCell>> {
    rows.iter()
        .map(|r| split(r).values.into_iter().cloned().collect())
        .collect()
}

/// Step 3: labelled rows, when template order pins the values.
fn assign(labels: &[Label], values: &[Vec<RowCell>], template: Template) -> Option<Vec<Row>> {
    let cols = |key: &str| crate::tables::row_cols(template, Table::T3, key).len();
    let width = cols("new_received");
    if values.len() == labels.len() {
        return Some(
            labels
                .iter()
                .zip(values)
                .map(|(l, v)| labelled(l, v.clone()))
                .collect(),
        );
    }
    let n = labels.len();
    let single = values.iter().all(|v| v.len() == 1);
    let full_width = labels.iter().all(|l| cols(l.key) == width);
    if single && full_width && values.len() == n * width {
        let rows: Vec<Vec<RowCell>> = (0..n)
            .map(|r| (0..width).map(|c| values[c * n + r][0].clone()).collect())
            .collect();
        if rows.iter().all(|r| row_sum_holds(r)) {
            return Some(
                labels
                    .iter()
                    .zip(rows)
                    .map(|(l, v)| labelled(l, v))
                    .collect(),
            );
        }
    }
    None
}

/// T3-3 on one row of seven printed cells: the last is the sum of the first six.
fn row_sum_holds(cells: &[RowCell]) -> bool {
    let nums: Option<Vec<u64>> = cells
        .iter()
        .map(|c| match classify_value(&c.text) {
            Some((Flag::Number, v)) => v.parse::<u64>().ok(),
            _ => None,
        })
        .collect();
    match nums.as_deref() {
        Some([parts @ .., total]) => {
            parts.iter().try_fold(0u64, |a, b| a.checked_add(*b)) == Some(*total)
        }
        _ => false,
    }
}

fn labelled(label: &Label, values: Vec<RowCell>) -> Row {
    let mut cells = vec![RowCell {
        text: label.text.clone(),
        page: None,
        bbox: None,
    }];
    cells.extend(values);
    Row {
        page: label.page,
        context: Vec::new(),
        cells,
        from_grid: false,
    }
}
