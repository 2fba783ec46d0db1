//! Table 三 read from **pdfminer.six's one-value boxes, one unbroken run a page**
//! (docs/design-linear-text.md §2, "A page whose value boxes are one unbroken run: read").
//!
//! Where a report's rows are tall, pdfminer makes every value cell of table 三 a text box of its
//! own. On a page where those boxes come as one run in the text (no other box between the
//! page's first and last value box: the header and label boxes before or after it), pdfminer
//! mostly writes the page's rows × seven columns **column by column**, each top to bottom, the
//! columns left to right. What breaks that (`corpus/gen/pdfminer_geometry.py`, figures in the
//! design note): another shape of pdfminer's layout tree (rows and columns mixed), which the
//! equations refute but for one table in tens of thousands; and a header or label box grouped
//! with some of the columns, that group written first or last — every such order measured moved
//! the 总计 column out of the last place. The six applicant columns are symmetric in every rule,
//! so where the numbers cannot tell such an order from print order (a table whose only numbers
//! are 自然人's and 总计's), nothing is read.
//!
//! The reading, unique or nothing:
//!
//! 1. Table 三's region is read as runs ([`column_runs::runs_of`]). Every page part holding
//!    values must hold exactly one run, never interrupted by other text, every box of it one
//!    value, a multiple of seven values: the page's rows are the count over seven. The pages'
//!    rows together must be exactly one of the template's layouts (at most four pages).
//! 2. Each page is read column by column; the grid must satisfy every 勾稽 equation of table 三
//!    (T3-1/T3-2 per column, T3-3 per row).
//! 3. No other order of the columns that moves the total column, on any set of the pages, may
//!    satisfy them with other cells.
//! 4. Another reader's cell that differs stops everything ([`column_runs::take_whole_table`]).
//!
//! A run of several-value boxes is `column_runs`' (its boxes tell where columns start); a page
//! whose value boxes have label boxes between them is not read here.
//!
//! [`column_runs::runs_of`]: crate::column_runs::runs_of
//! [`column_runs::take_whole_table`]: crate::column_runs::take_whole_table

use crate::column_runs::{holding_cells, take_whole_table, Run, Runs};
use crate::stream::t3_layouts;
use crate::tables::Tables;
use xxgk_model::{Cell, KeyId, Template};

/// The columns of table 三: seven in every template.
const COLUMNS: usize = 7;

/// Page parts read at most (every set of pages is tried in every other order of the columns; a
/// table 三 on more pages than this was not seen).
const MAX_PAGES: usize = 4;

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
        // Run `i` on page part `i`: one run on every page part, in order.
        if run.page != i || run.interrupted || run.boxes.iter().any(|b| b.len() != 1) {
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
/// layout; `None` when no reading holds, or when the columns of a page in another order that
/// moves the total column would hold as well with other cells.
fn read(pages: &[Vec<u64>], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    let rows: usize = pages.iter().map(|p| p.len() / COLUMNS).sum();
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for (single_other, order) in t3_layouts(template) {
        if order.len() != rows {
            continue;
        }
        let reading = |columns: &[Vec<u64>]| holding_cells(columns, &order, template, single_other);
        let printed = by_columns(pages, None);
        let Some(cells) = reading(&printed) else {
            continue;
        };
        found.push((cells.clone(), single_other));
        // The same order on any set of pages: the column equations tie the pages together.
        for moved in total_moving_orders() {
            let adding_up = pages
                .iter()
                .enumerate()
                .filter(|(_, p)| adds_up(p, &moved))
                .fold(0u32, |mask, (i, _)| mask | 1 << i);
            for set in (1..=adding_up).filter(|set| set & !adding_up == 0) {
                let columns = by_columns(pages, Some((set, &moved)));
                // Columns of equal numbers swapped: the same cells (a table of zeros).
                if columns == printed {
                    continue;
                }
                let Some(other) = reading(&columns) else {
                    continue;
                };
                if other != cells {
                    return None;
                }
            }
        }
    }
    let [one] = <[_; 1]>::try_from(found).ok()?;
    Some(one)
}

/// The seven columns, top to bottom over the pages, each page read column by column; with
/// `moved = (set, order)`, the columns of the pages in `set` (bit `p` for page `p`) came in the
/// text in `order` (`order[i]` the printed column of the text's `i`-th).
fn by_columns(pages: &[Vec<u64>], moved: Option<(u32, &[usize; COLUMNS])>) -> Vec<Vec<u64>> {
    let mut columns: Vec<Vec<u64>> = vec![Vec::new(); COLUMNS];
    for (p, values) in pages.iter().enumerate() {
        let rows = values.len() / COLUMNS;
        let order = match moved {
            Some((set, order)) if set >> p & 1 == 1 => *order,
            _ => std::array::from_fn(|c| c),
        };
        let mut page: Vec<&[u64]> = vec![&[]; COLUMNS];
        for (i, chunk) in values.chunks(rows).enumerate() {
            page[order[i]] = chunk;
        }
        for (column, part) in columns.iter_mut().zip(page) {
            column.extend_from_slice(part);
        }
    }
    columns
}

/// Whether every row of a page adds up (T3-3) with its columns in the text in `order`.
fn adds_up(values: &[u64], order: &[usize; COLUMNS]) -> bool {
    let rows = values.len() / COLUMNS;
    let total = order
        .iter()
        .position(|&c| c == COLUMNS - 1)
        .unwrap_or(COLUMNS - 1);
    let at = |i: usize, r: usize| values.get(i * rows + r).copied();
    (0..rows).all(|r| {
        let sum = (0..COLUMNS)
            .filter(|&i| i != total)
            .try_fold(0u64, |sum, i| sum.checked_add(at(i, r)?));
        sum.is_some() && sum == at(total, r)
    })
}

/// Every order of a page's seven columns in the text whose last is not the total column: what
/// pdfminer writes when a header or label box shares a group with some of the columns and
/// that group comes first or last (measured: every run out of print order was such an order).
fn total_moving_orders() -> Vec<[usize; COLUMNS]> {
    fn permute(done: &mut Vec<usize>, out: &mut Vec<[usize; COLUMNS]>) {
        if done.len() == COLUMNS {
            if done[COLUMNS - 1] != COLUMNS - 1 {
                out.extend(<[usize; COLUMNS]>::try_from(done.as_slice()));
            }
            return;
        }
        for c in 0..COLUMNS {
            if !done.contains(&c) {
                done.push(c);
                permute(done, out);
                done.pop();
            }
        }
    }
    let mut out = Vec::new();
    permute(&mut Vec::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
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

    /// A page's rows `from..to` of `table` as one-value boxes, column by column.
    fn page_of(table: &[[u64; 7]], page: usize, from: usize, to: usize) -> Run {
        let rows = &table[from..to];
        let values: Vec<u64> = (0..COLUMNS)
            .flat_map(|c| rows.iter().map(move |r| r[c]))
            .collect();
        Run {
            page,
            boxes: values.into_iter().map(|v| vec![v]).collect(),
            named: Vec::new(),
            interrupted: false,
            mixed: false,
        }
    }

    fn page(page: usize, from: usize, to: usize) -> Run {
        page_of(&HUAIAN, page, from, to)
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
    fn pages_column_by_column_read_as_printed() {
        let got = read_runs(vec![page(0, 0, 13), page(1, 13, 25)]).expect("read");
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
        let mut interrupted = page(0, 0, 13);
        interrupted.interrupted = true;
        assert!(read_runs(vec![interrupted, page(1, 13, 25)]).is_none());

        let mut two = page(0, 0, 13);
        let second = two.boxes.remove(1);
        two.boxes[0].extend(second);
        assert!(read_runs(vec![two, page(1, 13, 25)]).is_none());

        let mut short = page(1, 13, 25);
        short.boxes.pop();
        assert!(read_runs(vec![page(0, 0, 13), short]).is_none());

        // Two runs on one page (a header box between them) are column_runs' to read.
        let mut first = page(0, 0, 13);
        let rest = first.boxes.split_off(26);
        let mut second = first.clone();
        second.boxes = rest;
        assert!(read_runs(vec![first, second, page(1, 13, 25)]).is_none());
    }

    #[test]
    fn columns_in_another_order_read_nothing() {
        // The total column first (a header box grouped with it, that group first): T3-3 fails
        // on every row whose total is not zero.
        let mut moved = page(0, 0, 13);
        moved.boxes.rotate_right(13);
        assert!(read_runs(vec![moved, page(1, 13, 25)]).is_none());
        // A page's cells in another shape (a column, then the rest row by row): nothing holds.
        let mut shape = page(1, 13, 25);
        shape.boxes.swap(0, 1);
        assert!(read_runs(vec![page(0, 0, 13), shape]).is_none());
    }

    #[test]
    fn a_table_of_zeros_reads_as_zeros() {
        let zeros = [[0u64; 7]; 25];
        let runs = vec![page_of(&zeros, 0, 0, 13), page_of(&zeros, 1, 13, 25)];
        let got = read_runs(runs).expect("read");
        assert_eq!(got.len(), 175);
        assert!(got.values().all(|v| v == "0"));
    }

    #[test]
    fn a_table_whose_columns_could_come_in_another_order_unseen_reads_nothing() {
        // Only 自然人 and 总计 hold numbers, equal on every row: the columns in the order
        // 商业企业 … 总计, 自然人 (a box grouped with the first column, that group last) add up
        // as well as in print order, so print order is not pinned.
        let sparse: Vec<[u64; 7]> = HUAIAN.iter().map(|r| [r[0], 0, 0, 0, 0, 0, r[0]]).collect();
        let runs = vec![page_of(&sparse, 0, 0, 13), page_of(&sparse, 1, 13, 25)];
        assert!(read_runs(runs).is_none());
    }
}
