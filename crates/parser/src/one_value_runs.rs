//! Table 三 read from **pdfminer.six's one-value boxes, one unbroken run a page**
//! (docs/design-linear-text.md §2, "A page whose value boxes are one unbroken run: read").
//!
//! Where a report's rows are tall, pdfminer makes every value cell of table 三 a text box of its
//! own. On a page where those boxes come as one run in the text (no other box between the
//! page's first and last value box: the header and label boxes before or after it), the run is
//! a subtree of pdfminer's layout tree holding values alone, and such subtrees put their upper
//! and left parts first. The run is then the page's rows × seven columns **column by column**
//! (each top to bottom, the columns left to right) or **row by row**. What was measured
//! (`corpus/gen/check_pdfminer_tree.py` and `corpus/gen/pdfminer_geometry.py`, the figures in
//! the design note) is what this rests on; the rules alone could not pin it, since the six
//! applicant columns are symmetric in every one of them.
//!
//! The reading, unique or nothing:
//!
//! 1. Table 三's region is read as runs ([`column_runs::runs_of`]). Every page part holding
//!    values must hold exactly one run, never interrupted by other text, every box of it one
//!    value, a multiple of seven values: the page's rows are the count over seven.
//! 2. The pages' rows together must be exactly one of the template's layouts.
//! 3. Each page is read column by column and row by row; every combination whose grid
//!    satisfies every 勾稽 equation of table 三 (T3-1/T3-2 per column, T3-3 per row, which also
//!    fixes 总计 as the last column) is kept. Exactly one set of cells must remain.
//! 4. Another reader's cell that differs stops everything ([`column_runs::take_whole_table`]).
//!
//! A run of several-value boxes is `column_runs`' (its boxes tell where columns start); a page
//! whose value boxes have label boxes between them is not read here: pdfminer's tree may then
//! order the parts either way.
//!
//! [`column_runs::runs_of`]: crate::column_runs::runs_of
//! [`column_runs::take_whole_table`]: crate::column_runs::take_whole_table

use crate::column_runs::{cells_of, take_whole_table, Run, Runs};
use crate::stream::{equations_hold, t3_layouts};
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::{Cell, KeyId, Template};

/// The columns of table 三: seven in every template.
const COLUMNS: usize = 7;

/// Page parts read at most (each doubles the readings tried; a table 三 on more pages than this
/// has rows too short to be one-value boxes).
const MAX_PAGES: usize = 8;

/// Table 三's cells read from one-value runs (see the module doc), written into `out`.
pub fn fill_t3(runs: &Runs, template: Template, out: &mut Tables) {
    let Some(pages) = page_runs(&runs.runs) else {
        return;
    };
    let Some((cells, single_other)) = read(&pages, template) else {
        return;
    };
    take_whole_table(
        out,
        cells,
        single_other,
        "one-value boxes in one run a page",
    );
}

/// Step 1: each page part's values, when every page part is one uninterrupted run of one-value
/// boxes of whole rows.
fn page_runs(runs: &[Run]) -> Option<Vec<Vec<u64>>> {
    let mut pages: Vec<Vec<u64>> = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let one_a_page = i == run.page && (i == 0 || runs[i - 1].page + 1 == run.page);
        if !one_a_page || run.interrupted || run.boxes.iter().any(|b| b.len() != 1) {
            return None;
        }
        let values: Vec<u64> = run.boxes.iter().flatten().copied().collect();
        if values.is_empty() || !values.len().is_multiple_of(COLUMNS) {
            return None;
        }
        pages.push(values);
    }
    (!pages.is_empty() && pages.len() <= MAX_PAGES).then_some(pages)
}

/// Steps 2 and 3: the one reading of the pages' values, and whether it is the single （六）
/// layout; `None` when no reading or more than one holds.
fn read(pages: &[Vec<u64>], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    let rows: usize = pages.iter().map(|p| p.len() / COLUMNS).sum();
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for (single_other, order) in t3_layouts(template) {
        if order.len() != rows {
            continue;
        }
        for choice in 0..1u32 << pages.len() {
            let columns = grid(pages, choice);
            let cells = cells_of(&columns, &order, template);
            let whole: HashMap<KeyId, i128> = cells
                .iter()
                .filter_map(|(k, c)| Some((*k, c.value.parse::<i128>().ok()?)))
                .collect();
            let holds =
                whole.len() == cells.len() && equations_hold(&whole, template, single_other, "T3");
            if holds && !found.iter().any(|(c, _)| *c == cells) {
                found.push((cells, single_other));
            }
        }
    }
    let [one] = <[_; 1]>::try_from(found).ok()?;
    Some(one)
}

/// The seven columns, top to bottom over the pages: page `p` read row by row where bit `p` of
/// `row_major` is set, else column by column.
fn grid(pages: &[Vec<u64>], row_major: u32) -> Vec<Vec<u64>> {
    let mut columns: Vec<Vec<u64>> = vec![Vec::new(); COLUMNS];
    for (p, values) in pages.iter().enumerate() {
        let rows = values.len() / COLUMNS;
        let by_rows = row_major >> p & 1 == 1;
        for r in 0..rows {
            for (c, column) in columns.iter_mut().enumerate() {
                let i = if by_rows {
                    r * COLUMNS + c
                } else {
                    c * rows + r
                };
                column.extend(values.get(i));
            }
        }
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::schema;

    /// huaian-2024's table 三 (its truth), rows top to bottom, columns in print order.
    const HUAIAN: [[u64; 7]; 25] = [
        [3001, 53, 0, 0, 61, 4, 3119],
        [34, 0, 0, 0, 0, 0, 34],
        [1288, 21, 0, 0, 50, 3, 1362],
        [447, 7, 0, 0, 0, 0, 454],
        [2, 0, 0, 0, 0, 0, 2],
        [30, 1, 0, 0, 0, 0, 31],
        [5, 0, 0, 0, 0, 0, 5],
        [6, 0, 0, 0, 0, 0, 6],
        [7, 1, 0, 0, 0, 0, 8],
        [12, 0, 0, 0, 0, 0, 12],
        [9, 0, 0, 0, 0, 0, 9],
        [105, 0, 0, 0, 0, 0, 105],
        [746, 12, 0, 0, 10, 1, 769],
        [11, 0, 0, 0, 0, 0, 11],
        [1, 0, 0, 0, 0, 0, 1],
        [56, 6, 0, 0, 0, 0, 62],
        [25, 0, 0, 0, 0, 0, 25],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [67, 3, 0, 0, 1, 0, 71],
        [6, 0, 0, 0, 0, 0, 6],
        [108, 2, 0, 0, 0, 0, 110],
        [2932, 53, 0, 0, 61, 4, 3050],
        [103, 0, 0, 0, 0, 0, 103],
    ];

    /// A page's rows `from..to` as one-value boxes, column by column or row by row.
    fn page(page: usize, from: usize, to: usize, by_rows: bool) -> Run {
        let rows = &HUAIAN[from..to];
        let values: Vec<u64> = if by_rows {
            rows.iter().flatten().copied().collect()
        } else {
            (0..COLUMNS)
                .flat_map(|c| rows.iter().map(move |r| r[c]))
                .collect()
        };
        Run {
            page,
            boxes: values.into_iter().map(|v| vec![v]).collect(),
            named: Vec::new(),
            interrupted: false,
        }
    }

    fn read_runs(runs: Vec<Run>) -> Option<HashMap<String, String>> {
        let (cells, _) = read(&page_runs(&runs)?, Template::V2021)?;
        Some(
            cells
                .into_iter()
                .map(|(k, c)| (k.to_string(), c.value))
                .collect(),
        )
    }

    #[test]
    fn a_page_column_by_column_and_a_page_row_by_row_read_as_printed() {
        let got = read_runs(vec![page(0, 0, 13, false), page(1, 13, 25, true)]).expect("read");
        assert_eq!(got["t3.new_received.natural_person"], "3001");
        assert_eq!(got["t3.new_received.commercial"], "53");
        assert_eq!(got["t3.new_received.legal_service"], "61");
        assert_eq!(got["t3.new_received.other_org"], "4");
        assert_eq!(got["t3.new_received.total"], "3119");
        assert_eq!(got["t3.nohandle_confirm.natural_person"], "1");
        assert_eq!(got["t3.processed_total.total"], "3050");
        assert_eq!(got["t3.carried_out.total"], "103");
        let (_, order) = &t3_layouts(Template::V2021)[0];
        assert_eq!(got.len(), order.len() * COLUMNS);
        for (row, values) in order.iter().zip(HUAIAN) {
            let printed = schema()
                .keys(Template::V2021)
                .filter(|k| k.table == xxgk_model::Table::T3 && k.row == *row);
            for (key, value) in printed.zip(values) {
                assert_eq!(got[&key.key_id().to_string()], value.to_string(), "{row}");
            }
        }
    }

    #[test]
    fn a_run_with_labels_between_a_box_of_two_or_a_value_short_reads_nothing() {
        let mut interrupted = page(0, 0, 13, false);
        interrupted.interrupted = true;
        assert!(read_runs(vec![interrupted, page(1, 13, 25, false)]).is_none());

        let mut two = page(0, 0, 13, false);
        let second = two.boxes.remove(1);
        two.boxes[0].extend(second);
        assert!(read_runs(vec![two, page(1, 13, 25, false)]).is_none());

        let mut short = page(1, 13, 25, false);
        short.boxes.pop();
        assert!(read_runs(vec![page(0, 0, 13, false), short]).is_none());

        // Two runs on one page (a header box between them) are column_runs' to read.
        let mut first = page(0, 0, 13, false);
        let rest = first.boxes.split_off(26);
        let mut second = first.clone();
        second.boxes = rest;
        assert!(read_runs(vec![first, second, page(1, 13, 25, false)]).is_none());
    }

    #[test]
    fn columns_in_another_order_read_nothing_where_the_total_moves() {
        // The total column first (a group of pdfminer's tree with a header box in it put
        // before the rest): T3-3 fails on every row whose total is not zero.
        let mut moved = page(0, 0, 13, false);
        moved.boxes.rotate_right(13);
        assert!(read_runs(vec![moved, page(1, 13, 25, false)]).is_none());
        // The rows of a page in a band order that is neither: nothing holds.
        let mut bands = page(1, 13, 25, true);
        bands.boxes.swap(0, 7);
        assert!(read_runs(vec![page(0, 0, 13, false), bands]).is_none());
    }
}
