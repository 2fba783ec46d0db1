//! Reading one table row: which cells are its label, which are its values, and placing the
//! values into the template's columns by position (never by the order numbers appear).

use crate::flow::{Row, RowCell};
use xxgk_model::text::classify_value;
use xxgk_model::{Cell, Flag};

/// Text that labels a row or column: it has letters or CJK characters and is not a value mark
/// (a dash, 无 …) or a number.
pub fn is_label_text(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || classify_value(t).is_some() {
        return false;
    }
    t.chars().any(|c| c.is_alphabetic())
}

/// A row split into its label and its value cells.
pub struct Split<'a> {
    pub labels: Vec<&'a RowCell>,
    pub values: Vec<&'a RowCell>,
}

impl Split<'_> {
    /// The label cells' texts joined (no separator: labels wrap inside words).
    pub fn label(&self) -> String {
        self.labels
            .iter()
            .map(|c| c.text.trim())
            .collect::<Vec<_>>()
            .join("")
    }

    /// Whether any value cell holds a number or a dash.
    pub fn has_values(&self) -> bool {
        self.values.iter().any(|c| {
            matches!(
                classify_value(&c.text),
                Some((Flag::Number | Flag::Dash, _))
            ) || (!c.text.trim().is_empty() && !is_label_text(&c.text))
        })
    }
}

/// Split a row: the label is every cell up to the last one holding label text; the values
/// are the cells after it.
pub fn split(row: &Row) -> Split<'_> {
    let last_label = row.cells.iter().rposition(|c| is_label_text(&c.text));
    match last_label {
        Some(i) => Split {
            labels: row.cells[..=i].iter().collect(),
            values: row.cells[i + 1..].iter().collect(),
        },
        None => Split {
            labels: Vec::new(),
            values: row.cells.iter().collect(),
        },
    }
}

/// The cell read from one value position.
pub fn cell_of(rc: &RowCell) -> Cell {
    let cell = match classify_value(&rc.text) {
        Some((flag, value)) => Cell {
            value,
            flag,
            raw: rc.text.trim().to_string(),
            page: None,
            bbox: None,
        },
        // Something that is neither a number nor a mark: keep what was seen, flag it.
        None => Cell {
            value: String::new(),
            flag: Flag::Uncertain,
            raw: rc.text.trim().to_string(),
            page: None,
            bbox: None,
        },
    };
    cell.with_position(rc.page, rc.bbox)
}

/// How the values of a row were placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// One cell per column.
    Exact(Vec<Cell>),
    /// Fewer fields than columns (an irregular text row): only the columns that the row's own
    /// rules fix are placed; the others are `None` (not placed).
    Partial(Vec<Option<Cell>>),
}

/// Place a row's value cells into `k` columns.
///
/// - exactly `k` fields (after dropping surplus empty fields at the end): by position;
/// - fewer fields, every middle field empty: the first field is the first column and the last
///   field the last column (a text row that lost an empty field), the middle columns blank —
///   accepted only when `last_is_total` holds for the numbers (the last column is the row's
///   total), otherwise nothing is placed;
/// - anything else: nothing is placed (the caller marks the cells absent and says so).
pub fn place(values: &[&RowCell], k: usize, last_is_total: bool) -> Option<Placement> {
    let mut fields: Vec<&RowCell> = values.to_vec();
    while fields.len() > k && fields.last().is_some_and(|c| c.text.trim().is_empty()) {
        fields.pop();
    }
    if fields.len() == k {
        return Some(Placement::Exact(
            fields.iter().map(|c| cell_of(c)).collect(),
        ));
    }
    if fields.len() > k || fields.is_empty() {
        return None;
    }
    let all_empty = fields.iter().all(|c| c.text.trim().is_empty());
    if all_empty {
        // Every printed field is empty: every column is blank (the row exists).
        let template = fields[0];
        return Some(Placement::Exact(
            (0..k).map(|_| cell_of(template)).collect(),
        ));
    }
    let n = fields.len();
    let middle_empty = fields[1..n - 1].iter().all(|c| c.text.trim().is_empty());
    if n >= 2 && middle_empty && last_is_total {
        let first = cell_of(fields[0]);
        let last = cell_of(fields[n - 1]);
        // The last is the total: it must equal the sum of the others (only the first here).
        if first.number().is_some() && first.number() == last.number() {
            let mut out: Vec<Option<Cell>> = vec![None; k];
            out[0] = Some(first);
            out[k - 1] = Some(last);
            let blank = cell_of(fields[1]);
            for slot in out.iter_mut().take(k - 1).skip(1) {
                *slot = Some(blank.clone());
            }
            return Some(Placement::Partial(out));
        }
    }
    None
}
