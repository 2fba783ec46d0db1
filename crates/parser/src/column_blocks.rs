//! Table 三 read from **pdfminer.six's blocks of column pieces** (docs/design-linear-text.md
//! §2 "Blocks of column pieces").
//!
//! Where a table's rows differ in height, pdfminer's layout tree cuts a page of table 三 into
//! rectangles and writes each one column by column: `hongze-2023.pdf` writes 自然人's and
//! 商业企业's first 22 rows (each after its header box), then those two columns' last three
//! rows, then heading 四, then the other five columns whole. Every piece of a column is one or
//! more whole text boxes (a box is consecutive cells of one column, top to bottom).
//!
//! The reading, unique or nothing:
//!
//! 1. Table 三's region runs past heading 四 to table 四's own header words
//!    ([`RegionEnd::TableFour`]); every page part's values are whole rows (count / 7), the pages
//!    together one layout of the template; no value shares a text box with text.
//! 2. Each page part is read as a sequence of **blocks**: a block is *k* columns of *m* rows
//!    written column by column, each column whole boxes and holding a box of two values or
//!    more (one-value boxes are refused, as in [`crate::column_runs`]). A block starts at the
//!    leftmost column not yet full, at the row that column has reached, and its *k* columns
//!    have all reached that row (pdfminer's upper part before the lower, the left before the
//!    right) — or where its header boxes put it (step 3).
//! 3. A header box right before a column's first box names that column: a block opened by one
//!    starts there, and a later column of a block must be the one its header names. Several
//!    header boxes naming columns side by side open a block of exactly those columns; naming
//!    columns apart, they are not used (`split-footer`'s `社会公益组织` boxed with
//!    `申请人情况` leaves `法律服务 / 科研` before a run of three columns).
//! 4. Every 勾稽 equation of table 三 must hold (T3-3 on each row as soon as it is complete,
//!    T3-1/T3-2 per column at the end), and exactly one set of cells must remain over every
//!    reading and layout. Another reader's cell that differs stops everything.
//!
//! Text input only; a page whose readings pass [`MAX_STEPS`] reads nothing.

use crate::column_runs::{holding_cells, row_adds_up, take_whole_table, Run, Runs};
use crate::stream::t3_layouts;
use crate::tables::Tables;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use xxgk_model::{Cell, KeyId, Template};

/// The columns of table 三.
const COLUMNS: usize = 7;

/// Most states of one page's search before it gives up.
const MAX_STEPS: usize = 200_000;

/// Most combinations of the pages' readings tried.
const MAX_COMBINATIONS: usize = 10_000;

/// One text box of values, with the columns the header boxes right before it name.
struct ValueBox<'a> {
    values: &'a [u64],
    named: &'a [usize],
}

/// Table 三's cells read from the blocks of `runs` (made with [`RegionEnd::TableFour`]; see
/// the module doc), written into `out`.
///
/// [`RegionEnd::TableFour`]: crate::column_runs::RegionEnd::TableFour
pub fn fill_t3(runs: &Runs, template: Template, out: &mut Tables) {
    let Some((cells, single_other)) = read(&runs.runs, template) else {
        return;
    };
    take_whole_table(out, cells, single_other, "blocks of column pieces");
}

/// The one reading of table 三 the blocks allow: its cells and whether it is the single （六）
/// layout; `None` when there is none or more than one.
pub fn read(runs: &[Run], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    if runs.is_empty() || runs.iter().any(|r| r.mixed) {
        return None;
    }
    let pages = runs.iter().map(|r| r.page + 1).max()?;
    let boxes: Vec<Vec<ValueBox>> = (0..pages)
        .map(|page| {
            runs.iter()
                .filter(|r| r.page == page)
                .flat_map(|r| {
                    r.boxes.iter().enumerate().map(move |(i, b)| ValueBox {
                        values: b,
                        named: if i == 0 { &r.named } else { &[] },
                    })
                })
                .collect()
        })
        .collect();
    // Step 1: whole rows on every page part.
    let mut page_rows = Vec::new();
    for page_boxes in &boxes {
        let values: usize = page_boxes.iter().map(|b| b.values.len()).sum();
        if values == 0 || !values.is_multiple_of(COLUMNS) {
            return None;
        }
        page_rows.push(values / COLUMNS);
    }
    let rows: usize = page_rows.iter().sum();
    let layouts: Vec<(bool, Vec<&'static str>)> = t3_layouts(template)
        .into_iter()
        .filter(|(_, order)| order.len() == rows)
        .collect();
    if layouts.is_empty() {
        return None;
    }
    // Steps 2 and 3: each page part's readings.
    let mut readings: Vec<Vec<Grid>> = Vec::new();
    for (page_boxes, &page_rows) in boxes.iter().zip(&page_rows) {
        let found = page_readings(page_boxes, page_rows)?;
        if found.is_empty() {
            return None;
        }
        readings.push(found);
    }
    if readings.iter().map(Vec::len).product::<usize>() > MAX_COMBINATIONS {
        return None;
    }
    // Step 4: the pages joined, every equation, one set of cells.
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for choice in combinations(&readings) {
        let columns: Vec<Vec<u64>> = (0..COLUMNS)
            .map(|c| choice.iter().flat_map(|g| g[c].iter().copied()).collect())
            .collect();
        for (single_other, order) in &layouts {
            if let Some(cells) = holding_cells(&columns, order, template, *single_other) {
                if found.iter().all(|(f, _)| *f != cells) {
                    found.push((cells, *single_other));
                }
            }
        }
        if found.len() > 1 {
            return None;
        }
    }
    found.pop()
}

/// One page part's seven columns, top to bottom.
type Grid = Vec<Vec<u64>>;

/// Every reading of one page part's boxes as blocks (steps 2 and 3), rows adding up (T3-3) as
/// far as they are complete; `None` past [`MAX_STEPS`].
fn page_readings(boxes: &[ValueBox], rows: usize) -> Option<Vec<Grid>> {
    let mut search = Search {
        boxes,
        rows,
        grid: vec![Vec::new(); COLUMNS],
        seen: HashSet::new(),
        steps: 0,
        found: Vec::new(),
    };
    search.from(0).then_some(search.found)
}

/// The depth-first search of [`page_readings`]: the grid filled so far, and the states already
/// explored (the same boxes left with the same grid read the same way).
struct Search<'a> {
    boxes: &'a [ValueBox<'a>],
    rows: usize,
    grid: Grid,
    /// States explored: the next box and a digest of the grid.
    seen: HashSet<(usize, u64)>,
    steps: usize,
    found: Vec<Grid>,
}

impl Search<'_> {
    /// Read the boxes from `next` on; `false` when the search passed [`MAX_STEPS`].
    fn from(&mut self, next: usize) -> bool {
        let mut digest = std::collections::hash_map::DefaultHasher::new();
        self.grid.hash(&mut digest);
        if !self.seen.insert((next, digest.finish())) {
            return true;
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return false;
        }
        // The leftmost column not yet full, and the columns beside it at the same row.
        let Some(leftmost) = (0..COLUMNS).find(|&c| self.grid[c].len() < self.rows) else {
            if next == self.boxes.len() && !self.found.contains(&self.grid) {
                self.found.push(self.grid.clone());
            }
            return true;
        };
        // Where the block starts: at the column its header names, at the first of the columns
        // several headers name when they are side by side, else at the leftmost column not
        // yet full (headers naming columns apart are not used, as in `column_runs`).
        let names = self.boxes.get(next).map_or(&[][..], |b| b.named);
        let (first, names) = match names {
            [one] => (*one, names),
            [_, _, ..] if side_by_side(names) => (names.iter().copied().min().unwrap_or(0), names),
            [] => (leftmost, names),
            _ => (leftmost, &[][..]),
        };
        if self.grid.get(first).is_none_or(|c| c.len() >= self.rows) {
            return true;
        }
        let level = self.grid[first].len();
        let beside = (first..COLUMNS)
            .take_while(|&c| self.grid[c].len() == level)
            .count();
        for height in self.heights(next, level) {
            for block in self.blocks(next, height, beside, first, names) {
                let after = block.last().map_or(next, |(_, end)| *end);
                for (i, (values, _)) in block.iter().enumerate() {
                    self.grid[first + i].extend_from_slice(values);
                }
                let adds_up = (level..level + height).all(|r| self.row_adds_up(r));
                let within = !adds_up || self.from(after);
                for i in 0..block.len() {
                    self.grid[first + i].truncate(level);
                }
                if !within {
                    return false;
                }
            }
        }
        true
    }

    /// The heights a block starting at box `next` may have: its first column ends at a box's
    /// end, within the page's rows.
    fn heights(&self, next: usize, level: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut height = 0;
        for b in &self.boxes[next..] {
            height += b.values.len();
            if level + height > self.rows {
                break;
            }
            out.push(height);
        }
        out
    }

    /// The blocks of 1 … `beside` columns of `height` rows starting at box `next`, each column
    /// whole boxes with one of two values or more, headers naming its columns (step 3): for each,
    /// the columns' values and the box after each column.
    fn blocks(
        &self,
        next: usize,
        height: usize,
        beside: usize,
        first: usize,
        opening: &[usize],
    ) -> Vec<Vec<(Vec<u64>, usize)>> {
        let mut out = Vec::new();
        let mut columns: Vec<(Vec<u64>, usize)> = Vec::new();
        let mut at = next;
        while columns.len() < beside {
            let start = at;
            let mut values = Vec::new();
            let mut long_box = false;
            while values.len() < height {
                let Some(b) = self.boxes.get(at) else {
                    return out;
                };
                values.extend_from_slice(b.values);
                long_box |= b.values.len() >= 2;
                at += 1;
            }
            let column = first + columns.len();
            let named = if start == next {
                opening
            } else {
                self.boxes[start].named
            };
            let named_right = match named {
                [] => true,
                [one] => *one == column,
                // Several headers open the block only.
                _ => columns.is_empty(),
            };
            if values.len() != height || !long_box || !named_right {
                return out;
            }
            columns.push((values, at));
            let names_fit = opening.len() < 2 || {
                let mut sorted = opening.to_vec();
                sorted.sort_unstable();
                sorted.dedup();
                sorted.len() == columns.len()
                    && sorted == (first..first + columns.len()).collect::<Vec<_>>()
            };
            if names_fit {
                out.push(columns.clone());
            }
        }
        out
    }

    /// Whether row `r`, when every column has reached it, has its applicants adding up to its
    /// total (T3-3); a row not yet complete passes.
    fn row_adds_up(&self, r: usize) -> bool {
        self.grid
            .iter()
            .map(|c| c.get(r).copied())
            .collect::<Option<Vec<u64>>>()
            .is_none_or(|row| row_adds_up(&row))
    }
}

/// Whether several columns named by header boxes are side by side (some order of them is
/// consecutive columns).
fn side_by_side(names: &[usize]) -> bool {
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Every choice of one reading per page part, in order.
pub(crate) fn combinations<T>(readings: &[Vec<T>]) -> Vec<Vec<&T>> {
    readings.iter().fold(vec![Vec::new()], |acc, page| {
        acc.into_iter()
            .flat_map(|chosen| {
                page.iter().map(move |g| {
                    let mut next = chosen.clone();
                    next.push(g);
                    next
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column_runs::tests::{corpus_doc, truth_t3};
    use crate::column_runs::{runs_in, RegionEnd};
    use xxgk_model::Flag;

    fn hongze_runs() -> Vec<Run> {
        let doc = corpus_doc("hongze-2023-pdfminer.txt");
        runs_in(&doc, Template::V2021, RegionEnd::TableFour).runs
    }

    /// pdfminer.six text of hongze-2023.pdf: `自然 / 人` and 22 rows of its column, `商业 /
    /// 企业` and 22 rows of its, those two columns' last three rows, heading 四, the headers
    /// 社会公益 / 法律服务 / 科研 and three whole columns, `总计 / 其他` and two. Every cell of
    /// table 三 is read, each as the truth has it; the region that stops at heading 四 reads
    /// nothing.
    #[test]
    fn hongze_reads_every_cell_of_table_three() {
        let truth = truth_t3("hongze-2023-pdfminer.json");
        assert_eq!(truth.len(), 175);
        let (cells, single_other) = read(&hongze_runs(), Template::V2021).unwrap();
        assert!(!single_other);
        assert_eq!(cells.len(), 175);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
            assert_eq!(c.flag, Flag::Number);
        }
        let value = |key: &str| {
            cells
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, c)| c.value.clone())
        };
        assert_eq!(
            value("t3.unable_not_held.natural_person").as_deref(),
            Some("81")
        );
        assert_eq!(
            value("t3.processed_total.commercial").as_deref(),
            Some("13")
        );
        let doc = corpus_doc("hongze-2023-pdfminer.txt");
        let before_four = crate::column_runs::runs_of(&doc, Template::V2021).runs;
        assert!(read(&before_four, Template::V2021).is_none());
    }

    /// Refused: a header naming another column than the block's, the same boxes cut into
    /// one-value boxes, a value changed (an equation fails), a value boxed with text.
    #[test]
    fn doubtful_blocks_give_nothing() {
        let runs = hongze_runs();
        assert!(read(&runs, Template::V2021).is_some());
        let mut named_wrong = hongze_runs();
        let first = named_wrong.iter_mut().find(|r| r.named == [0]).unwrap();
        first.named = vec![1];
        assert!(read(&named_wrong, Template::V2021).is_none());
        let mut one_value = hongze_runs();
        for run in &mut one_value {
            run.boxes = run.boxes.concat().into_iter().map(|v| vec![v]).collect();
        }
        assert!(read(&one_value, Template::V2021).is_none());
        let mut changed = hongze_runs();
        changed[0].boxes[0][0] += 1;
        assert!(read(&changed, Template::V2021).is_none());
        let mut mixed = hongze_runs();
        mixed[1].mixed = true;
        assert!(read(&mixed, Template::V2021).is_none());
    }

    /// split-footer's first page: `商业 / 企业` and its nine rows before `自然 / 人` and its
    /// (each block where its header puts it), the headers 法律服务 / 科研 (社会公益组织 boxed
    /// with 申请人情况: not used) before three columns in print order. Its second page: 14 rows
    /// of the first two columns, their last two rows, five whole columns. Every cell as the
    /// truth has it.
    #[test]
    fn split_footer_reads_every_cell_of_table_three() {
        let truth = truth_t3("split-footer-pdfminer.json");
        let doc = corpus_doc("split-footer-pdfminer.txt");
        let runs = runs_in(&doc, Template::V2021, RegionEnd::TableFour).runs;
        let (cells, _) = read(&runs, Template::V2021).unwrap();
        assert_eq!(cells.len(), 175);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
    }

    /// The runs of the region through table 四's words: heading 四 does not end it.
    #[test]
    fn the_region_goes_on_past_heading_four() {
        let runs = hongze_runs();
        let values: usize = runs.iter().flat_map(|r| &r.boxes).map(Vec::len).sum();
        assert_eq!(values, 175);
        let named: Vec<&[usize]> = runs
            .iter()
            .filter(|r| !r.named.is_empty())
            .map(|r| r.named.as_slice())
            .collect();
        assert_eq!(named, [&[0][..], &[1], &[3, 4, 2], &[6, 5]]);
    }
}
