//! Tables read as number **streams** in template order, pinned by the 勾稽 rules.
//!
//! Many converters (plain `pdftotext`, Chromium's PDF through `pdftotext`, PyMuPDF, docx2txt)
//! write a table's cells in print order but tear the row labels off: the labels come before,
//! after or between the value runs, out of order, or wrapped into pieces. The labels cannot
//! anchor the rows then, but the values alone can be read:
//!
//! 1. [`tokens`]: the numbers of a table's region in text order. What is no cell value is a
//!    break, not a value: label text (digits inside a label are part of it), row enumerators
//!    printed apart from their label (`1.` `2、`), page marks (`-4-` is dropped by the gatherer,
//!    `— 3 —` split into three fields here). Any other mark (a dash, a blank field, a
//!    fraction) makes the stream unusable: a stream is read only when all of it is numbers.
//! 2. [`read_t3`]: the stream of table 三 read **row-major in template order** (the rows of
//!    [`xxgk_model::Schema::rows`], v2021's single （六） row as the other layout). Taken only
//!    when the count is exactly the template's cells, every 勾稽 equation of table 三 holds
//!    (T3-1, T3-2, T3-3 for every row and column), and the other way a converter lists a grid
//!    — column by column, as `pdfminer` writes its column boxes — is refuted (no box is the
//!    sum of the others on every row). When the whole reading fails, the stream is cut at its
//!    breaks into **segments**; when every break falls on a row boundary, a segment whose rows
//!    satisfy every equation over them is written (the rows are fixed by the count before
//!    it), the others are not, and the written segments together must satisfy every equation
//!    they cover.
//! 3. [`read_t4`]: table 四's fifteen values in stream order, used only when table 三 of the
//!    same document was read in print order (by [`read_t3`] as a whole, or by
//!    `detached::row_major`): that converter writes cells in print order. They must number
//!    exactly the template's cells, satisfy T4-1 in all three groups, and the other order
//!    (column by column) must not satisfy it with other values.
//!
//! Why print order needs that evidence: the rules are symmetric in the six applicant columns of
//! table 三 and in the four result columns of table 四, so they never pin the order of cells
//! inside a row or group. A reading row-major in template order whose equations all hold is
//! what a converter writing rows top to bottom, each left to right, produces; a column-major
//! writer (pdfminer's boxes) fails it. A value is never placed because a label is nearest.

use crate::flow::{is_label_text, Row, RowCell};
use crate::rows::cell_of;
use std::collections::HashMap;
use xxgk_model::rules::{equations, Relation};
use xxgk_model::text::classify_value;
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// One element of a table's stream.
#[derive(Debug, Clone)]
enum Token {
    /// A cell value: the field and its whole number.
    Value(RowCell, u64),
    /// Text between values (a label, a header, an enumerator or a page mark).
    Break,
}

/// What a stream gave for table 三.
#[derive(Debug)]
pub struct T3Stream {
    /// The cells written (key id → cell).
    pub cells: Vec<(KeyId, Cell)>,
    /// Whether the single-（六） layout of v2021 was the one that fitted.
    pub single_other: bool,
    /// Whether the whole table was read row-major (print-order evidence for table 四).
    pub whole: bool,
}

/// Step 1: the stream of a table's rows, or `None` when a field is a value but no whole
/// number (a dash, a blank, a fraction, a sign) or a row came from a grid.
fn tokens(rows: &[Row]) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    for row in rows {
        if row.from_grid {
            return None;
        }
        let cells = &row.cells;
        let mut i = 0;
        while i < cells.len() {
            let text = cells[i].text.trim();
            if text.is_empty() {
                i += 1;
                continue;
            }
            if page_mark(&cells[i..]) {
                out.push(Token::Break);
                i += 3;
                continue;
            }
            if is_enumerator(text) || is_label_text(text) {
                out.push(Token::Break);
                i += 1;
                continue;
            }
            match classify_value(text) {
                Some((Flag::Number, v)) => {
                    let n: u64 = v.parse().ok()?;
                    out.push(Token::Value(cells[i].clone(), n));
                }
                Some(_) => return None,
                None => out.push(Token::Break),
            }
            i += 1;
        }
    }
    Some(out)
}

/// `— 3 —` split into three fields: a page mark.
fn page_mark(cells: &[RowCell]) -> bool {
    let dash = |t: &str| matches!(classify_value(t), Some((Flag::Dash, _)));
    match cells {
        [a, b, c, ..] => {
            dash(&a.text)
                && dash(&c.text)
                && b.text.trim().chars().all(|ch| ch.is_ascii_digit())
                && !b.text.trim().is_empty()
        }
        _ => false,
    }
}

/// A row enumerator printed apart from its label: `1.` `2、` `3．`.
fn is_enumerator(text: &str) -> bool {
    let Some(body) = text.strip_suffix(['.', '、', '．']) else {
        return false;
    };
    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit())
}

/// The rows of table 三 in template order for one layout, each with its keys.
fn layouts(template: Template) -> Vec<(bool, Vec<Vec<KeyId>>)> {
    let singles: &[bool] = match template {
        Template::V2021 => &[false, true],
        _ => &[false],
    };
    singles
        .iter()
        .map(|&single_other| {
            let mut order: Vec<&'static str> = Vec::new();
            for k in schema()
                .expected_keys(template, single_other)
                .into_iter()
                .filter(|k| k.table == Table::T3)
            {
                if !order.contains(&k.row) {
                    order.push(k.row);
                }
            }
            let rows = order
                .iter()
                .map(|r| crate::tables::row_keys(template, Table::T3, r))
                .collect();
            (single_other, rows)
        })
        .collect()
}

/// Do the cells (key id → value) satisfy every equation of `table` whose cells are all
/// present? Equations over cells not given are not checked.
pub(crate) fn equations_hold(
    cells: &HashMap<KeyId, i128>,
    template: Template,
    single_other: bool,
    rule_prefix: &str,
) -> bool {
    let sum = |keys: &[KeyId]| {
        keys.iter()
            .map(|k| cells.get(k).copied())
            .sum::<Option<i128>>()
    };
    equations(template, single_other)
        .into_iter()
        .filter(|e| e.rule.starts_with(rule_prefix))
        .all(|e| match (sum(&e.left), sum(&e.right)) {
            (Some(l), Some(r)) => match e.relation {
                Relation::Eq => l == r,
                Relation::Le => l <= r,
            },
            _ => true,
        })
}

/// Step 2: table 三 read from its stream (see the module doc); `None` when nothing is pinned.
pub fn read_t3(rows: &[Row], template: Template, notes: &mut Vec<String>) -> Option<T3Stream> {
    let tokens = tokens(rows)?;
    let values: Vec<(&RowCell, u64)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Value(c, n) => Some((c, *n)),
            Token::Break => None,
        })
        .collect();
    if values.is_empty() {
        return None;
    }
    for (single_other, layout) in layouts(template) {
        let count: usize = layout.iter().map(Vec::len).sum();
        if count != values.len() {
            continue;
        }
        let nums: Vec<u64> = values.iter().map(|(_, n)| *n).collect();
        let keys: Vec<KeyId> = layout.iter().flatten().copied().collect();
        let all: HashMap<KeyId, i128> = keys
            .iter()
            .zip(&nums)
            .map(|(&k, &n)| (k, i128::from(n)))
            .collect();
        if equations_hold(&all, template, single_other, "T3") {
            if column_major_admissible(&nums, layout.len()) {
                notes.push(format!(
                    "表三: {} values read row by row add up, but read column by column too; not used",
                    nums.len()
                ));
                return None;
            }
            notes.push(format!(
                "表三: {} values in print order with the row labels apart; read row by row in template order (every 勾稽 equation holds)",
                nums.len()
            ));
            let cells = keys
                .iter()
                .zip(&values)
                .map(|(&k, (c, _))| (k, cell_of(c)))
                .collect();
            return Some(T3Stream {
                cells,
                single_other,
                whole: true,
            });
        }
        let breaks = break_positions(&tokens);
        let cells = segments(&layout, &breaks, &values, template, single_other, notes)?;
        return Some(T3Stream {
            cells,
            single_other,
            whole: false,
        });
    }
    None
}

/// Where the breaks fall, counted in values before them (0 and the end excluded).
fn break_positions(tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = 0;
    for t in tokens {
        match t {
            Token::Value(..) => seen += 1,
            Token::Break => {
                if seen > 0 && out.last() != Some(&seen) {
                    out.push(seen);
                }
            }
        }
    }
    let end = seen;
    out.retain(|&p| p < end);
    out
}

/// The segments of a stream of the right count whose whole reading failed: the ones whose
/// rows satisfy every equation over them, when every break is a row boundary and the written
/// segments together satisfy every equation they cover.
fn segments(
    layout: &[Vec<KeyId>],
    breaks: &[usize],
    values: &[(&RowCell, u64)],
    template: Template,
    single_other: bool,
    notes: &mut Vec<String>,
) -> Option<Vec<(KeyId, Cell)>> {
    // Row boundaries, in values: 0, w0, w0+w1, …
    let mut bounds = vec![0usize];
    for row in layout {
        bounds.push(bounds.last().copied().unwrap_or(0) + row.len());
    }
    if breaks.is_empty() || breaks.iter().any(|b| !bounds.contains(b)) {
        return None;
    }
    let keys: Vec<KeyId> = layout.iter().flatten().copied().collect();
    let mut cuts = vec![0usize];
    cuts.extend_from_slice(breaks);
    cuts.push(values.len());
    let mut kept: HashMap<KeyId, i128> = HashMap::new();
    let mut cells = Vec::new();
    let mut failed = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg: HashMap<KeyId, i128> =
            (a..b).map(|i| (keys[i], i128::from(values[i].1))).collect();
        if equations_hold(&seg, template, single_other, "T3") {
            kept.extend(seg);
            cells.extend((a..b).map(|i| (keys[i], cell_of(values[i].0))));
        } else {
            failed += 1;
        }
    }
    if cells.is_empty() || !equations_hold(&kept, template, single_other, "T3") {
        return None;
    }
    notes.push(format!(
        "表三: {} values in print order; read row by row in template order: {} segments between label lines add up, {failed} do not (their cells left absent)",
        values.len(),
        cuts.len() - 1 - failed,
    ));
    Some(cells)
}

/// Could the stream be `rows`-long column boxes instead (pdfminer)? Yes when some box is the
/// sum of the others on every row.
fn column_major_admissible(nums: &[u64], rows: usize) -> bool {
    if rows == 0 || !nums.len().is_multiple_of(rows) {
        return false;
    }
    let width = nums.len() / rows;
    let at = |b: usize, r: usize| nums[b * rows + r];
    (0..width).any(|t| {
        (0..rows).all(|r| {
            (0..width)
                .filter(|&b| b != t)
                .try_fold(0u64, |s, b| s.checked_add(at(b, r)))
                == Some(at(t, r))
        })
    })
}

/// Step 3: table 四 from its stream, when table 三 showed the converter writes in print order
/// (see the module doc). Returns the cells, or `None` when they are not pinned.
pub fn read_t4(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<Vec<(KeyId, Cell)>> {
    let tokens = tokens(rows)?;
    let values: Vec<(&RowCell, u64)> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Value(c, n) => Some((c, *n)),
            Token::Break => None,
        })
        .collect();
    let keys: Vec<KeyId> = schema()
        .keys(template)
        .filter(|k| k.table == Table::T4)
        .map(|k| k.key_id())
        .collect();
    let groups = schema().rows(template, Table::T4).len();
    if keys.is_empty() || values.len() != keys.len() || groups == 0 {
        return None;
    }
    let width = keys.len() / groups;
    let read = |order: &dyn Fn(usize) -> usize| -> HashMap<KeyId, i128> {
        (0..keys.len())
            .map(|i| (keys[i], i128::from(values[order(i)].1)))
            .collect()
    };
    let print = read(&|i| i);
    if !equations_hold(&print, template, false, "T4") {
        return None;
    }
    // The other way to list a grid: column by column (group g, column c at c·groups + g).
    let by_columns = read(&|i| (i % width) * groups + i / width);
    if by_columns != print && equations_hold(&by_columns, template, false, "T4") {
        notes.push("表四: the values add up read by rows and by columns; not used".to_string());
        return None;
    }
    notes.push(format!(
        "表四: {} values in print order (table 三 of this document was read in print order; T4-1 holds in every group)",
        values.len()
    ));
    Some(
        keys.iter()
            .zip(&values)
            .map(|(&k, (c, _))| (k, cell_of(c)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Row {
        Row {
            page: 1,
            context: Vec::new(),
            cells: text
                .split_whitespace()
                .map(|t| RowCell {
                    text: t.to_string(),
                    page: None,
                    bbox: None,
                })
                .collect(),
            from_grid: false,
            printed_blanks: false,
        }
    }
}
