//! Rows of table 三 whose values came loose from their columns, read between two anchors by
//! the table's own equations (`pdftotext -layout` of thousands.pdf: the values of
//! 1.本机关不掌握相关政府信息 and 2.没有现成信息需要另行制作 on six lines, `6,616 412 16 23 89` /
//! `110 25 1 1 5` / `126` / `4` / `7,282` / `146`; the text reader's grid ends before the lone
//! values, so they carry no position).
//!
//! What the text still pins: a line's values stand left to right in increasing columns, and a
//! column keeps its values' vertical order whatever line they landed on (as in
//! [`crate::column_streams`]), so each column's values, top to bottom, are the rows of the gap
//! in template order. Every placement of every line's values into increasing columns that
//! gives each column exactly one value per row is tried; one is admissible when every row adds
//! up (T3-3) and every equation of table 三 whose other cells were read holds (T3-1, T3-2:
//! with the rows around the gap read, they fix each column's sum over the gap). Taken only
//! when exactly one placement is admissible; none or several: nothing.

use crate::flow::{Row, RowCell};
use crate::rows::{cell_of, split};
use std::collections::{BTreeMap, HashMap};
use xxgk_model::{Cell, Flag, KeyId, Table, Template};

/// Most placements tried before giving up (a block of many short lines).
const MAX_STEPS: usize = 200_000;

/// The cells of the template rows `gap` (each of `width` columns) from the value lines of
/// `block`, or `None` (see the module doc). `read` holds the cells read so far.
pub(crate) fn read(
    block: &[Row],
    gap: &[&'static str],
    width: usize,
    template: Template,
    single_other: bool,
    read: &BTreeMap<KeyId, Cell>,
) -> Option<Vec<Vec<Cell>>> {
    let lines = value_lines(block)?;
    let rows = gap.len();
    let count: usize = lines.iter().map(Vec::len).sum();
    if rows == 0 || width == 0 || count != rows * width || lines.iter().any(|l| l.len() > width) {
        return None;
    }
    let keys: Vec<Vec<KeyId>> = gap
        .iter()
        .map(|r| crate::tables::row_keys(template, Table::T3, r))
        .collect();
    if keys.iter().any(|k| k.len() != width) {
        return None;
    }
    let known: HashMap<KeyId, i128> = read
        .iter()
        .filter(|(_, c)| c.flag == Flag::Number)
        .filter_map(|(k, c)| Some((*k, c.value.parse().ok()?)))
        .collect();
    let admissible = |m: &[Vec<Cell>]| {
        if !m.iter().all(|r| crate::rows::total_adds_up(r)) {
            return false;
        }
        let mut cells = known.clone();
        for (row, ks) in m.iter().zip(&keys) {
            for (c, k) in row.iter().zip(ks) {
                if let Ok(v) = c.value.parse() {
                    cells.insert(*k, v);
                }
            }
        }
        crate::stream::equations_hold(&cells, template, single_other, "T3")
    };
    let mut search = Search {
        lines: &lines,
        rows,
        columns: vec![Vec::new(); width],
        admissible: &admissible,
        found: Vec::new(),
        steps: 0,
    };
    search.line(0);
    if search.steps > MAX_STEPS {
        return None;
    }
    match search.found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The whole-number values of each line of the block that holds any, in order (a field
/// holding several values counts each); `None` when a line holds a label and values, or a
/// value that is no whole number.
fn value_lines(block: &[Row]) -> Option<Vec<Vec<RowCell>>> {
    let mut out = Vec::new();
    for row in block {
        // Text only: a grid that printed its cells, or cells located on a page, keep each
        // value on its own row.
        if row.printed_blanks || row.cells.iter().any(|c| c.bbox.is_some()) {
            return None;
        }
        let sp = split(row);
        let mut line = Vec::new();
        for c in &sp.values {
            for word in c.text.split_whitespace() {
                let piece = RowCell {
                    text: word.to_string(),
                    ..(*c).clone()
                };
                let cell = cell_of(&piece);
                if cell.flag != Flag::Number || cell.value.parse::<i128>().is_err() {
                    return None;
                }
                line.push(piece);
            }
        }
        if line.is_empty() {
            continue;
        }
        if !sp.labels.is_empty() {
            return None;
        }
        out.push(line);
    }
    Some(out)
}

/// The placements of the lines' values into columns (see [`read`]).
struct Search<'l> {
    lines: &'l [Vec<RowCell>],
    rows: usize,
    /// Each column's values so far, top to bottom.
    columns: Vec<Vec<&'l RowCell>>,
    /// Whether a complete placement (rows of cells) satisfies the table's equations.
    admissible: &'l dyn Fn(&[Vec<Cell>]) -> bool,
    /// Admissible placements with different values (the search stops at two: ambiguous).
    found: Vec<Vec<Vec<Cell>>>,
    steps: usize,
}

impl<'l> Search<'l> {
    fn line(&mut self, i: usize) {
        if self.steps > MAX_STEPS || self.found.len() > 1 {
            return;
        }
        let Some(values) = self.lines.get(i) else {
            self.complete();
            return;
        };
        self.value(i, values, 0, 0);
    }

    /// Places value `v` of line `i` in a column at or right of `from`.
    fn value(&mut self, i: usize, values: &'l [RowCell], v: usize, from: usize) {
        self.steps += 1;
        if self.steps > MAX_STEPS || self.found.len() > 1 {
            return;
        }
        let Some(value) = values.get(v) else {
            self.line(i + 1);
            return;
        };
        let width = self.columns.len();
        // Room for the line's remaining values to its right.
        let last = width - (values.len() - v);
        for col in from..=last {
            if self.columns[col].len() >= self.rows {
                continue;
            }
            self.columns[col].push(value);
            self.value(i, values, v + 1, col + 1);
            self.columns[col].pop();
        }
    }

    fn complete(&mut self) {
        if self.columns.iter().any(|c| c.len() != self.rows) {
            return;
        }
        // The same texts as a placement found already (equal values swapped): the same cells.
        let texts = |m: &[Vec<Cell>]| {
            m.iter()
                .flatten()
                .map(|c| c.raw.clone())
                .collect::<Vec<_>>()
        };
        let key: Vec<&str> = (0..self.rows)
            .flat_map(|r| self.columns.iter().map(move |c| c[r].text.trim()))
            .collect();
        if self.found.iter().any(|f| texts(f) == key) {
            return;
        }
        let matrix: Vec<Vec<Cell>> = (0..self.rows)
            .map(|r| self.columns.iter().map(|c| cell_of(c[r])).collect())
            .collect();
        if (self.admissible)(&matrix) {
            self.found.push(matrix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::text_grid_row;

    fn line(texts: &[&str]) -> Row {
        Row {
            from_grid: false,
            ..text_grid_row(texts)
        }
    }

    /// The rows read around the gap in derived/thousands-layout.txt (corpus/truth/derived/
    /// thousands-layout.json), as far as T3-2's column sums need them: every result row but
    /// the two of the gap, and （七）总计.
    fn around() -> BTreeMap<KeyId, Cell> {
        let rows: [(&str, [i64; 7]); 20] = [
            ("granted", [8337, 934, 15, 24, 264, 150, 9724]),
            ("partial", [2814, 104, 7, 13, 88, 63, 3089]),
            ("deny_state_secret", [53, 3, 1, 1, 2, 1, 61]),
            ("deny_law_forbidden", [114, 10, 1, 1, 3, 5, 134]),
            ("deny_three_security", [64, 6, 1, 1, 2, 2, 76]),
            ("deny_third_party", [58, 10, 0, 0, 5, 1, 74]),
            ("deny_internal_affairs", [170, 6, 1, 0, 5, 2, 184]),
            ("deny_process_info", [99, 18, 1, 1, 9, 4, 132]),
            ("deny_enforcement_file", [72, 11, 0, 0, 6, 2, 91]),
            ("deny_admin_query", [575, 79, 1, 2, 19, 14, 690]),
            ("unable_unclear", [73, 8, 1, 1, 3, 2, 88]),
            ("nohandle_petition", [194, 30, 2, 2, 24, 10, 262]),
            ("nohandle_repeat", [249, 15, 1, 1, 4, 5, 275]),
            ("nohandle_publication", [55, 5, 1, 0, 1, 1, 63]),
            ("nohandle_mass_repeat", [25, 9, 0, 0, 1, 1, 36]),
            ("nohandle_confirm", [65, 3, 0, 0, 3, 0, 71]),
            ("other_no_correction", [128, 27, 1, 1, 8, 2, 167]),
            ("other_no_fee_paid", [61, 6, 1, 0, 3, 1, 72]),
            ("other_other", [186, 11, 1, 0, 3, 3, 204]),
            ("processed_total", [20118, 1732, 53, 72, 547, 399, 22921]),
        ];
        let mut out = BTreeMap::new();
        for (row, values) in rows {
            let keys = crate::tables::row_keys(Template::V2021, Table::T3, row);
            for (k, v) in keys.into_iter().zip(values) {
                out.insert(k, Cell::from_raw(&v.to_string()).unwrap());
            }
        }
        out
    }

    const GAP: [&str; 2] = ["unable_not_held", "unable_need_creation"];

    fn block(lines: &[&[&str]]) -> Vec<Row> {
        lines.iter().map(|l| line(l)).collect()
    }

    fn values(m: Option<Vec<Vec<Cell>>>) -> Option<Vec<Vec<String>>> {
        Some(
            m?.into_iter()
                .map(|r| r.into_iter().map(|c| c.value).collect())
                .collect(),
        )
    }

    /// The six value lines of derived/thousands-layout.txt between the two rows' labels.
    const LOOSE: [&[&str]; 6] = [
        &["6,616 412 16 23 89"],
        &["110", "25", "1", "1", "5"],
        &["126"],
        &["4"],
        &["7,282"],
        &["146"],
    ];

    #[test]
    fn loose_values_are_placed_the_one_way_the_equations_allow() {
        let got = values(read(
            &block(&LOOSE),
            &GAP,
            7,
            Template::V2021,
            false,
            &around(),
        ));
        assert_eq!(
            got.unwrap(),
            [
                ["6616", "412", "16", "23", "89", "126", "7282"],
                ["110", "25", "1", "1", "5", "4", "146"]
            ]
        );
    }

    #[test]
    fn loose_values_the_equations_do_not_pin_or_that_do_not_fit_are_not_read() {
        let read_with = |lines: &[&[&str]], known: &BTreeMap<KeyId, Cell>| {
            values(read(&block(lines), &GAP, 7, Template::V2021, false, known))
        };
        // Without the rows around the gap only T3-3 decides: 126 and 4 could stand in other
        // columns the sums allow — several readings.
        assert_eq!(read_with(&LOOSE, &BTreeMap::new()), None);
        // One value short, or a total off by one: nothing.
        let short: Vec<&[&str]> = LOOSE.iter().copied().filter(|l| *l != ["4"]).collect();
        assert_eq!(read_with(&short, &around()), None);
        let off: Vec<&[&str]> = LOOSE
            .iter()
            .map(|l| if *l == ["7,282"] { &["7,283"][..] } else { *l })
            .collect();
        assert_eq!(read_with(&off, &around()), None);
        // Fourteen lone values: more placements than the search tries; nothing (bounded).
        let lone: Vec<&[&str]> = vec![&["0"][..]; 14];
        assert_eq!(read_with(&lone, &BTreeMap::new()), None);
    }
}
