//! Table 三 from plain `pdftotext`'s blocks where every flow is one cell and some numbers
//! wrapped in their narrow cells: LibreOffice's PDFs of Word documents write `12` over `88` for
//! 1288, a block of two lines. The rows come in print order, row by row, except row 一, whose
//! values come with the pieces of the column headers and in their order (`61` · `4` · `31`/`19`
//! · `30`/`01` · `53` · `0` · `0` for 3001 53 0 0 61 4 3119).
//!
//! 1. Which two-line blocks are one number: exactly as many as the stream holds values beyond
//!    the layout's cells. Every choice is tried (at most [`MAX_CHOICES`]).
//! 2. The values after the first seven are read row by row in template order (rows 二 to 四).
//!    Row 一 is then what T3-1 makes each column's 一 (（七） + 四 − 二), and the first seven
//!    printed values must be exactly those numbers: each goes to the column whose number it
//!    is (equal values are interchangeable). No value is made up: a cell holds a printed value.
//! 3. Every equation of table 三 holds, the column-by-column reading of the same stream is
//!    refuted, and every choice that holds gives one set of cells; otherwise nothing.
//!
//! Text input only (the caller, [`crate::blocks::fill_t3`], reads the blocks).

use crate::blocks::{edges_as_expected, number_cell, Pinned, ValueBlock};
use crate::stream::{column_major_admissible, t3_holds, t3_layouts};
use crate::tables::row_keys;
use xxgk_model::{KeyId, Table, Template};

/// The columns of table 三: six applicant columns, then 总计.
const WIDTH: usize = 7;
/// Most choices of the wrapped blocks tried.
const MAX_CHOICES: u64 = 20_000;

/// Table 三's cells and whether the layout is the single （六） one, when the blocks read so
/// (see the module doc); `None` otherwise.
pub fn read(blocks: &[ValueBlock], template: Template) -> Option<Pinned> {
    // Every block one cell, or two lines that may be one number.
    if blocks
        .iter()
        .any(|b| b.values.len() > 2 || (b.values.len() == 2 && b.joined.is_none()))
    {
        return None;
    }
    let wrapped: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].joined.is_some())
        .collect();
    if wrapped.is_empty() {
        return None;
    }
    let count: usize = blocks.iter().map(|b| b.values.len()).sum();
    let mut found: Vec<(Vec<u64>, bool, Vec<&'static str>)> = Vec::new();
    for (single_other, order) in t3_layouts(template) {
        if !edges_as_expected(&order) {
            continue;
        }
        let Some(joins) = count.checked_sub(order.len() * WIDTH) else {
            continue;
        };
        for choice in choices(wrapped.len(), joins)? {
            let stream = stream_of(blocks, &wrapped, &choice);
            let Some(grid) = reading(&stream, &order, template, single_other) else {
                continue;
            };
            if !found
                .iter()
                .any(|(g, s, _)| *g == grid && *s == single_other)
            {
                found.push((grid, single_other, order.clone()));
            }
        }
    }
    let [(grid, single_other, order)] = found.as_slice() else {
        return None;
    };
    let mut cells = Vec::new();
    for (r, row) in order.iter().enumerate() {
        let keys = row_keys(template, Table::T3, row);
        if keys.len() != WIDTH {
            return None;
        }
        for (c, key) in keys.into_iter().enumerate() {
            cells.push((key, number_cell(grid[r * WIDTH + c])));
        }
    }
    Some((cells, *single_other))
}

/// Every way to pick `j` of `k` wrapped blocks to read as one number; `None` when there are
/// more than [`MAX_CHOICES`], an empty list when `j > k`.
fn choices(k: usize, j: usize) -> Option<Vec<Vec<bool>>> {
    if j > k {
        return Some(Vec::new());
    }
    let mut n: u64 = 1;
    for i in 0..j as u64 {
        n = n.checked_mul(k as u64 - i)? / (i + 1);
        if n > MAX_CHOICES {
            return None;
        }
    }
    let mut out = Vec::new();
    let mut pick = vec![false; k];
    fill(&mut pick, 0, j, &mut out);
    Some(out)
}

/// The picks of `left` more blocks from `from` on, appended to `out`.
fn fill(pick: &mut Vec<bool>, from: usize, left: usize, out: &mut Vec<Vec<bool>>) {
    if left == 0 {
        out.push(pick.clone());
        return;
    }
    for i in from..pick.len() {
        if pick.len() - i < left {
            break;
        }
        pick[i] = true;
        fill(pick, i + 1, left - 1, out);
        pick[i] = false;
    }
}

/// The blocks' values in text order, the picked wrapped blocks as one number each.
fn stream_of(blocks: &[ValueBlock], wrapped: &[usize], choice: &[bool]) -> Vec<u64> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let joined = wrapped
            .iter()
            .position(|&w| w == i)
            .filter(|&p| choice[p])
            .and(b.joined);
        match joined {
            Some(v) => out.push(v),
            None => out.extend(&b.values),
        }
    }
    out
}

/// The grid (row-major) the stream reads as: rows 二 to 四 in order after the first seven
/// values, row 一 by T3-1 when the first seven printed values are exactly its numbers, every
/// equation holding and the column order refuted.
fn reading(
    stream: &[u64],
    order: &[&'static str],
    template: Template,
    single_other: bool,
) -> Option<Vec<u64>> {
    let rows = order.len();
    if stream.len() != rows * WIDTH || rows < 4 {
        return None;
    }
    let at = |r: usize, c: usize| stream[r * WIDTH + c];
    let first: Vec<u64> = (0..WIDTH)
        .map(|c| (at(rows - 2, c) + at(rows - 1, c)).checked_sub(at(1, c)))
        .collect::<Option<_>>()?;
    let mut printed = stream[..WIDTH].to_vec();
    let mut needed = first.clone();
    printed.sort_unstable();
    needed.sort_unstable();
    if printed != needed {
        return None;
    }
    let mut grid = stream.to_vec();
    grid[..WIDTH].copy_from_slice(&first);
    let keys: Vec<KeyId> = order
        .iter()
        .flat_map(|r| row_keys(template, Table::T3, r))
        .collect();
    (t3_holds(&keys, &grid, template, single_other) && !column_major_admissible(stream, rows))
        .then_some(grid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::blocks_of;
    use crate::column_runs::tests::{corpus_doc, truth_t3};
    use std::collections::HashMap;

    fn cells(blocks: &[ValueBlock]) -> Option<HashMap<String, String>> {
        let (cells, _) = read(blocks, Template::V2021)?;
        Some(
            cells
                .into_iter()
                .map(|(k, c)| (k.as_str().to_string(), c.value))
                .collect(),
        )
    }

    /// Plain pdftotext of LibreOffice's PDF of huaian-2024.doc: table 三 whole, as its truth.
    /// A wrapped number changed (`12` / `89`: 1289, no longer adding up), or one block more
    /// that could be a wrapped number or two values (`3` / `4`), reads nothing.
    #[test]
    fn wrapped_numbers_and_row_one_among_the_headers_read_as_the_truth() {
        let doc = corpus_doc("huaian-2024-doc-pdf-pdftotext.txt");
        let blocks = blocks_of(&doc).expect("blocks");
        assert_eq!(
            cells(&blocks).expect("read"),
            truth_t3("huaian-2024-doc-pdf-pdftotext.json")
        );
        let mut changed = blocks.clone();
        let at = changed
            .iter()
            .position(|b| b.joined == Some(1288))
            .expect("1288 wrapped");
        changed[at].values = vec![12, 89];
        changed[at].joined = Some(1289);
        assert!(cells(&changed).is_none());
        let mut more = blocks;
        more.push(ValueBlock {
            values: vec![3, 4],
            header: false,
            linked: true,
            page: 0,
            joined: Some(34),
        });
        assert!(cells(&more).is_none());
    }

    #[test]
    fn choices_pick_exactly_j_of_k() {
        let got = choices(4, 2).expect("few");
        assert_eq!(got.len(), 6);
        assert!(got.iter().all(|c| c.iter().filter(|&&b| b).count() == 2));
        assert!(choices(60, 30).is_none());
        assert!(choices(2, 3).expect("none").is_empty());
    }
}
