//! Table 三 read from plain `pdftotext` **blocks** by the gravity search
//! (docs/design-linear-text.md §13).
//!
//! Plain `pdftotext` (neither `-layout` nor `-raw`) writes a page as flows of lines, a blank line
//! after each; where table 三 has tall rows, its value cells come as flows that are each a
//! rectangle of the grid (one column over several rows, or several adjacent columns row by
//! row), in an order no single rule fixes. This module owns that reading:
//!
//! 1. [`blocks_of`]: table 三's region (heading 三 to heading 四) cut into **value blocks** — the
//!    lines between blank lines ([`xxgk_model::Line::after_break`]) or page starts, a block's text
//!    lines (header words) before all of its values (else nothing is read); a block is *linked*
//!    when the block before it holds values too (no text-only block between). What comes before
//!    the first line naming the applicant columns is not table 三's (Calc prints table 二's last
//!    columns there). Blocks that are bands of seven are read as bands (`bands.rs`) with
//!    no search.
//! 2. [`search`]: every tiling of the grid by the blocks, placed in text order, under the rules
//!    §13 measured with no counterexample on 44 PDFs: H2 (a block is a rectangle written row by
//!    row), H4 (bands of rows shared by all columns), H5' as **gravity** (a linked block lies
//!    below everything placed in its columns, so an empty cell above a placed one can only be
//!    filled by a later unlinked block: such holes never outnumber those blocks' cells), H1 (a
//!    linked block of the same rows lies right next to the block before, on its right, unless
//!    either holds header lines) and H6 (a linked block of other rows goes to the band right
//!    below, starting at or left of the block before, or to a band above); H8 (a page's blocks
//!    fill its own rows, the pages in order: every page's values are whole rows, and a block
//!    lies within its page's rows — true of all 44 PDFs §13 located); every equation of
//!    table 三 holds (T3-1/T3-2 per column and T3-3 per row are checked as soon as their cells
//!    are placed, with the bounds they imply for values ≥ 0).
//! 3. The search returns, instead of the readings, a **per-cell summary** of all of them (a
//!    cell's value when every reading agrees, else "varies"; or "no reading"). Summaries compose
//!    under union, so each state of the search keeps one. The rest of the search depends only on
//!    (next block, which cells are filled, the bands, the place of the block before when the next
//!    block is linked, and the sums the equations use: per unfinished column its 一, 二, （七）,
//!    四 and the sum of its result rows; per unfinished row its six applicant cells' sum and its
//!    总计): the memo is keyed on a 128-bit hash of exactly that.
//! 4. A step cap ([`Limits`]) and a memory bound (memo entries, summary cells): past either, the
//!    search is not exhaustive and **nothing** is read.
//! 5. [`fill_t3`]: the cells equal in every reading are written as numbers, every other cell of
//!    table 三 stays absent; a cell another reader wrote differently, or a cell of another
//!    layout, stops the whole reading.
//!
//! Measured (§13): `v2021-docx-pdftotext` 1,555,176 steps, 165 of 175 cells pinned, all right;
//! `split-footer-pdftotext` 457,320 steps, 175 of 175, all right; held out, eleven plain
//! `pdftotext` texts of that family read, none wrong; LibreOffice's `huaian-2024` pages pass the
//! cap and read nothing.
//!
//! Text input only.

use crate::sections::heading_number;
use crate::stream::{disagrees, t3_layouts};
use crate::tables::{row_keys, Tables};
use rustc_hash::FxHashMap;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hash;
use std::rc::Rc;
use xxgk_model::text::fold_printed;
use xxgk_model::{Block, Cell, Document, KeyId, Table, Template};

/// The columns of table 三: six applicant columns, then 总计.
const WIDTH: usize = 7;
/// The 总计 column (T3-3: the sum of the six before it).
const TOTAL_COLUMN: usize = WIDTH - 1;
/// At most this many rows (a column's filled cells are a bit mask).
const MAX_ROWS: usize = 32;
/// Values past this are not table 三's counts (and their sums cannot overflow).
const MAX_VALUE: u64 = 1 << 40;

/// A grid cell not filled yet.
const EMPTY: u64 = u64::MAX;
/// In a summary: a cell filled before the state (not the state's to say).
const FILLED: u64 = u64::MAX;
/// In a summary: a cell whose value differs between readings.
const VARIES: u64 = u64::MAX - 1;
/// The summary id of "no reading".
const NO_READING: u32 = u32::MAX;

/// A value block of table 三's region (step 1 of the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueBlock {
    /// Its values in text order.
    pub values: Vec<u64>,
    /// Whether it holds text lines (header words) before its values.
    pub header: bool,
    /// Whether the block right before it in the text holds values.
    pub linked: bool,
    /// The page it is on (index into the document's pages).
    pub page: usize,
    /// The number its two lines make read as one, when the block is two lines of one number
    /// each (a number wrapped in its narrow cell: `30` over `01` for 3001).
    pub joined: Option<u64>,
}

/// How far the search may go before it gives up (and reads nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// States explored (memo misses).
    pub steps: u64,
    /// Cells of all distinct summaries kept (8 bytes each).
    pub summary_cells: usize,
}

impl Default for Limits {
    /// The cap used by the parser: 3,000,000 steps (memo entries ≤ steps, about 40 bytes each)
    /// and 8,000,000 summary cells (64 MB).
    fn default() -> Self {
        Limits {
            steps: 3_000_000,
            summary_cells: 8_000_000,
        }
    }
}

/// Why a search read nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The step cap was reached.
    Steps,
    /// The memory bound was reached.
    Memory,
}

/// The cells equal in every reading, and whether the layout is the single （六） one.
pub type Pinned = (Vec<(KeyId, Cell)>, bool);

/// The outcome of an exhaustive search: per cell (row-major, `rows × 7`), its value in every
/// reading, or `None` where readings differ; `None` overall when there is no reading.
pub type Summary = Option<Vec<Option<u64>>>;

/// Table 三's cells pinned by the blocks of a text document (see the module doc), written into
/// `out`.
pub fn fill_t3(doc: &Document, template: Template, out: &mut Tables) {
    fill_t3_within(doc, template, Limits::default(), out);
}

/// [`fill_t3`] under the given caps.
pub fn fill_t3_within(doc: &Document, template: Template, limits: Limits, out: &mut Tables) {
    if table_three_complete(out, template) {
        return;
    }
    let Some(blocks) = blocks_of(doc) else {
        return;
    };
    // Every flow one value: a row stream, which other readers own (and the search would not end).
    if !blocks.iter().any(|b| b.values.len() > 1) {
        return;
    }
    // Every flow one cell, some numbers wrapped in their cells: a stream in print order.
    if let Some((cells, single_other)) = crate::wrapped_stream::read(&blocks, template) {
        take_pinned(out, cells, single_other, template);
        return;
    }
    // Bands of seven flows left to right (a row a flow each, or a column's rows): no search.
    let values: Vec<&[u64]> = blocks.iter().map(|b| b.values.as_slice()).collect();
    if let Some((cells, single_other)) = crate::bands::read(&values, template) {
        crate::column_runs::take_whole_table(
            out,
            cells,
            single_other,
            "bands of pdftotext's flows",
        );
        return;
    }
    match read(&blocks, template, limits) {
        Ok(Some((cells, single_other))) => take_pinned(out, cells, single_other, template),
        Ok(None) => {}
        Err(stop) => out.notes.push(format!(
            "表三: the search of pdftotext's blocks stopped ({stop:?} cap); not used"
        )),
    }
}

/// Whether another reader already wrote every cell of one layout of table 三.
fn table_three_complete(out: &Tables, template: Template) -> bool {
    t3_layouts(template).iter().any(|(_, order)| {
        order.iter().all(|row| {
            row_keys(template, Table::T3, row)
                .iter()
                .all(|k| out.cells.contains_key(k))
        })
    })
}

/// Write the pinned cells unless another reader wrote a cell of table 三 differently or a cell
/// the layout does not have: then none of them.
pub(crate) fn take_pinned(
    out: &mut Tables,
    cells: Vec<(KeyId, Cell)>,
    single_other: bool,
    template: Template,
) {
    let layout: Vec<KeyId> = t3_layouts(template)
        .into_iter()
        .filter(|(s, _)| *s == single_other)
        .flat_map(|(_, order)| {
            order
                .into_iter()
                .flat_map(|row| row_keys(template, Table::T3, row))
        })
        .collect();
    let foreign = out
        .cells
        .keys()
        .any(|k| k.table() == Table::T3 && !layout.contains(k));
    if foreign || disagrees(out, &cells) {
        out.notes.push(
            "表三: the blocks of pdftotext's text disagree with other readers; not used".into(),
        );
        return;
    }
    out.notes.push(format!(
        "表三: {} cells pinned by pdftotext's blocks (equal in every reading)",
        cells.len()
    ));
    if !cells.is_empty() {
        out.single_other |= single_other;
    }
    for (k, c) in cells {
        out.cells.entry(k).or_insert(c);
    }
}

/// The cells equal in every reading of the blocks for the one layout of `template` whose cell
/// count is the blocks' value count, and whether it is the single （六） layout. `Ok(None)`: no
/// such layout or no reading; `Err`: the search was cut off (nothing may be read).
pub fn read(
    blocks: &[ValueBlock],
    template: Template,
    limits: Limits,
) -> Result<Option<Pinned>, Stop> {
    let count: usize = blocks.iter().map(|b| b.values.len()).sum();
    let fitting: Vec<(bool, Vec<&'static str>)> = t3_layouts(template)
        .into_iter()
        .filter(|(_, order)| order.len() * WIDTH == count)
        .collect();
    let [(single_other, order)] = fitting.as_slice() else {
        return Ok(None);
    };
    if !edges_as_expected(order) {
        return Ok(None);
    }
    let Some(summary) = search(blocks, order.len(), limits)? else {
        return Ok(None);
    };
    let mut cells = Vec::new();
    for (r, row) in order.iter().enumerate() {
        let keys = row_keys(template, Table::T3, row);
        if keys.len() != WIDTH {
            return Ok(None);
        }
        for (c, key) in keys.into_iter().enumerate() {
            if let Some(Some(v)) = summary.get(r * WIDTH + c) {
                cells.push((key, number_cell(*v)));
            }
        }
    }
    Ok(Some((cells, *single_other)))
}

/// The rows the search's column checks assume: 一, 二, the result rows, （七）总计, 四 (the rows
/// of T3-1 and T3-2 in `xxgk_model::rules`).
pub(crate) fn edges_as_expected(order: &[&str]) -> bool {
    let n = order.len();
    (5..=MAX_ROWS).contains(&n)
        && order[0] == "new_received"
        && order[1] == "carried_in"
        && order[n - 2] == "processed_total"
        && order[n - 1] == "carried_out"
}

pub(crate) fn number_cell(v: u64) -> Cell {
    crate::rows::cell_of(&crate::flow::RowCell {
        text: v.to_string(),
        page: None,
        bbox: None,
    })
}

/// Table 三's region of a text document as value blocks (step 1 of the module doc); `None`
/// without heading 三 and heading 四 after it, with another numbered heading between them, or
/// when a block holds text after a value (a row stream with its labels, no block).
pub fn blocks_of(doc: &Document) -> Option<Vec<ValueBlock>> {
    let mut reader = BlockReader::default();
    let mut inside = false;
    for (page_index, page) in doc.pages.iter().enumerate() {
        reader.close();
        reader.page = page_index;
        for block in &page.blocks {
            let Block::Line(line) = block else {
                if inside {
                    return None;
                }
                continue;
            };
            let text = fold_printed(line.text.trim()).into_owned();
            match heading_number(&text) {
                Some(3) if !inside => {
                    inside = true;
                    continue;
                }
                Some(4) if inside => {
                    reader.close();
                    return (!reader.broken).then_some(reader.blocks);
                }
                Some(_) if inside => return None,
                _ => {}
            }
            if !inside || text.is_empty() {
                continue;
            }
            if line.after_break {
                reader.close();
            }
            if !reader.header_seen && names_applicants(&text) {
                reader.restart();
            }
            reader.line(&text);
        }
    }
    None
}

/// Words of table 三's column header: the applicant columns' group and its first column.
const APPLICANT_HEADER_WORDS: [&str; 3] = ["申请人情况", "法人或其他组织", "自然人"];

/// Whether a line holds a word of table 三's column header.
fn names_applicants(text: &str) -> bool {
    APPLICANT_HEADER_WORDS.iter().any(|w| text.contains(w))
}

/// The blocks read so far and the one being read.
#[derive(Default)]
struct BlockReader {
    blocks: Vec<ValueBlock>,
    values: Vec<u64>,
    /// The open block's value lines, as printed.
    value_lines: Vec<String>,
    texts: usize,
    open: bool,
    linked: bool,
    page: usize,
    /// Whether a line naming the applicant columns was read.
    header_seen: bool,
    /// Whether a block held text after a value (a row stream with its labels, no block).
    broken: bool,
}

impl BlockReader {
    /// Add a line to the open block; text after a value breaks the reading.
    fn line(&mut self, text: &str) {
        self.open = true;
        match value_words(text) {
            Some(values) => {
                self.values.extend(values);
                self.value_lines.push(text.to_string());
            }
            None if self.values.is_empty() => self.texts += 1,
            None => self.broken = true,
        }
    }

    /// Forget what was read before the first line naming the applicant columns: values there
    /// are not table 三's (Calc prints table 二's last columns after table 三's row labels,
    /// before its header), and the counts and equations of the search reject a reading that
    /// misses any of table 三's.
    fn restart(&mut self) {
        *self = BlockReader {
            page: self.page,
            header_seen: true,
            ..BlockReader::default()
        };
        self.open = true;
    }

    /// End the open block.
    fn close(&mut self) {
        if !std::mem::take(&mut self.open) {
            return;
        }
        let texts = std::mem::take(&mut self.texts);
        let lines = std::mem::take(&mut self.value_lines);
        if self.values.is_empty() {
            self.linked = false;
            return;
        }
        let joined = match (lines.as_slice(), self.values.len()) {
            ([a, b], 2) => {
                value_words(&format!("{}{}", a.trim(), b.trim())).and_then(|v| match v[..] {
                    [one] => Some(one),
                    _ => None,
                })
            }
            _ => None,
        };
        self.blocks.push(ValueBlock {
            values: std::mem::take(&mut self.values),
            header: texts > 0,
            linked: self.linked,
            page: self.page,
            joined,
        });
        self.linked = true;
    }
}

/// A line of whole numbers separated by spaces, nothing else.
fn value_words(text: &str) -> Option<Vec<u64>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    words
        .iter()
        .map(|w| {
            if !w.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            w.parse::<u64>().ok().filter(|&v| v < MAX_VALUE)
        })
        .collect()
}

/// Where a block lies: its top row, first column, height and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Place {
    top: usize,
    col: usize,
    height: usize,
    width: usize,
}

/// The per-cell summary of every reading of the blocks as a tiling of a `rows × 7` grid (steps
/// 2–4 of the module doc). `Err` when a cap was reached.
pub fn search(blocks: &[ValueBlock], rows: usize, limits: Limits) -> Result<Summary, Stop> {
    search_counted(blocks, rows, limits).0
}

/// [`search`] and the steps it took.
pub fn search_counted(
    blocks: &[ValueBlock],
    rows: usize,
    limits: Limits,
) -> (Result<Summary, Stop>, u64) {
    let count: usize = blocks.iter().map(|b| b.values.len()).sum();
    if !(5..=MAX_ROWS).contains(&rows) || count != rows * WIDTH {
        return (Ok(None), 0);
    }
    let mut later = vec![0usize; blocks.len() + 1];
    for i in (0..blocks.len()).rev() {
        later[i] = later[i + 1]
            + if blocks[i].linked {
                0
            } else {
                blocks[i].values.len()
            };
    }
    let Some(window) = page_windows(blocks) else {
        return (Ok(None), 0);
    };
    if !sums_can_hold(blocks) {
        return (Ok(None), 0);
    }
    let mut s = Search {
        blocks,
        rows,
        grid: vec![EMPTY; rows * WIDTH],
        masks: [0; WIDTH],
        spent: [0; WIDTH],
        row_part: vec![0; rows],
        row_parts: vec![0; rows],
        band: vec![None; rows],
        pos: vec![None; blocks.len()],
        later,
        window,
        limits,
        steps: 0,
        memo: FxHashMap::default(),
        summaries: Vec::new(),
        interned: FxHashMap::default(),
        key_words: Vec::with_capacity(64),
        summary_cells: 0,
    };
    let id = match s.explore(0) {
        Ok(id) => id,
        Err(stop) => return (Err(stop), s.steps),
    };
    if id == NO_READING {
        return (Ok(None), s.steps);
    }
    let summary = s.summaries[id as usize]
        .iter()
        .map(|&v| (v != VARIES).then_some(v))
        .collect();
    (Ok(Some(summary)), s.steps)
}

/// What the equations imply of the values whatever their places, checked before the search: a
/// search with no reading runs to its cap (11 s on a text of table 三 with one digit changed, as
/// a report whose sums do not add up would be), one with a reading ends in well under a second.
///
/// In every reading each row's six applicant cells add up to its 总计 (T3-3), so the values of
/// a page, whole rows (H8), add up to twice the page's 总计 cells: an **even** sum. And the 总计
/// column adds up to half of all values, which by T3-1 (一 + 二 = （七） + 四) and T3-2 (the
/// result rows add up to （七）) is **3·（七） + 2·四** of that column: two values of the last page
/// (rows （七） and 四 are the grid's last two).
fn sums_can_hold(blocks: &[ValueBlock]) -> bool {
    let Some(last) = blocks.last().map(|b| b.page) else {
        return false;
    };
    let mut total = 0u64;
    for page in pages(blocks) {
        let sum: u64 = page.iter().flat_map(|b| &b.values).sum();
        if !sum.is_multiple_of(2) {
            return false;
        }
        total += sum;
    }
    let half = total / 2;
    let tail: Vec<u64> = blocks
        .iter()
        .filter(|b| b.page == last)
        .flat_map(|b| b.values.iter().copied())
        .collect();
    tail.iter().enumerate().any(|(i, &processed)| {
        tail.iter()
            .enumerate()
            .any(|(j, &carried)| i != j && 3 * processed + 2 * carried == half)
    })
}

/// Per block, the rows of its page (H8: the rows of a page lie below every row of the pages
/// before it, so a page's values are whole rows, in page order); `None` when a page's values
/// are not whole rows.
fn page_windows(blocks: &[ValueBlock]) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut start = 0usize;
    for page in pages(blocks) {
        let values: usize = page.iter().map(|b| b.values.len()).sum();
        if !values.is_multiple_of(WIDTH) {
            return None;
        }
        let end = start + values / WIDTH;
        out.extend(std::iter::repeat_n((start, end), page.len()));
        start = end;
    }
    Some(out)
}

/// The blocks in runs of one page each, in text order.
fn pages(blocks: &[ValueBlock]) -> impl Iterator<Item = &[ValueBlock]> {
    blocks.chunk_by(|a, b| a.page == b.page)
}

/// The state of the depth-first search.
struct Search<'a> {
    blocks: &'a [ValueBlock],
    rows: usize,
    /// Row-major `rows × 7`, [`EMPTY`] where nothing is placed.
    grid: Vec<u64>,
    /// Kept with the grid: per column, its filled rows (bit r) and the sum of its result rows
    /// placed; per row, the sum and count of its applicant cells placed.
    masks: [u64; WIDTH],
    spent: [u64; WIDTH],
    row_part: Vec<u64>,
    row_parts: Vec<usize>,
    /// Per row: the band (top row, height) it belongs to once a block covers it.
    band: Vec<Option<(usize, usize)>>,
    pos: Vec<Option<Place>>,
    /// Cells of the unlinked blocks from index i on.
    later: Vec<usize>,
    /// Per block: the rows its page holds (H8), `start..end`.
    window: Vec<(usize, usize)>,
    limits: Limits,
    steps: u64,
    /// State digest → summary id (the digest is already uniform: a cheap map hash suffices).
    memo: FxHashMap<u128, u32>,
    summaries: Vec<Rc<[u64]>>,
    /// Summary → id; a cheap hash, since the map compares whole summaries.
    interned: FxHashMap<Rc<[u64]>, u32>,
    summary_cells: usize,
    /// The words of the last state digested (reused: one allocation per search).
    key_words: Vec<u64>,
}

impl Search<'_> {
    fn at(&self, r: usize, c: usize) -> u64 {
        self.grid[r * WIDTH + c]
    }

    /// Set an empty cell, keeping the sums.
    fn set(&mut self, r: usize, c: usize, v: u64) {
        self.grid[r * WIDTH + c] = v;
        self.masks[c] |= 1 << r;
        if (2..self.rows - 2).contains(&r) {
            self.spent[c] += v;
        }
        if c < TOTAL_COLUMN {
            self.row_part[r] += v;
            self.row_parts[r] += 1;
        }
    }

    /// Empty a filled cell, keeping the sums.
    fn clear(&mut self, r: usize, c: usize) {
        let v = std::mem::replace(&mut self.grid[r * WIDTH + c], EMPTY);
        self.masks[c] &= !(1 << r);
        if (2..self.rows - 2).contains(&r) {
            self.spent[c] -= v;
        }
        if c < TOTAL_COLUMN {
            self.row_part[r] -= v;
            self.row_parts[r] -= 1;
        }
    }

    /// One past the lowest filled row of column `c` (0 when empty).
    fn depth(&self, c: usize) -> usize {
        (u64::BITS - self.masks[c].leading_zeros()) as usize
    }

    /// The summary id of every completion of the state with blocks `i..` left.
    fn explore(&mut self, i: usize) -> Result<u32, Stop> {
        let key = self.key(i);
        if let Some(&id) = self.memo.get(&key) {
            return Ok(id);
        }
        self.steps += 1;
        if self.steps > self.limits.steps {
            return Err(Stop::Steps);
        }
        let id = if i == self.blocks.len() {
            // Every value placed and every equation checked as its cells were placed.
            self.intern(vec![FILLED; self.grid.len()])?
        } else {
            self.branch(i)?
        };
        self.memo.insert(key, id);
        Ok(id)
    }

    /// Every place of block `i` the rules allow, each followed to its completions.
    fn branch(&mut self, i: usize) -> Result<u32, Stop> {
        let blocks = self.blocks;
        let block = &blocks[i];
        let m = block.values.len();
        let before = if block.linked && i > 0 {
            self.pos[i - 1].map(|p| (p, blocks[i - 1].header))
        } else {
            None
        };
        let mut union: Option<Vec<u64>> = None;
        for width in (1..=WIDTH).filter(|w| m.is_multiple_of(*w)) {
            let height = m / width;
            if height > self.rows {
                continue;
            }
            for col in 0..=WIDTH - width {
                let (start, end) = self.window[i];
                let low = if block.linked {
                    self.below_filled(col, width).max(start)
                } else {
                    start
                };
                for top in low..=end.saturating_sub(height) {
                    let q = Place {
                        top,
                        col,
                        height,
                        width,
                    };
                    if let Some((p, p_header)) = before {
                        if !follows(p, p_header, q, block.header) {
                            continue;
                        }
                    }
                    if !self.free(q) {
                        continue;
                    }
                    let saved = self.place(i, q);
                    let mut child = NO_READING;
                    if self.holes() <= self.later[i + 1] && self.consistent(q) {
                        child = self.explore(i + 1)?;
                    }
                    if child != NO_READING {
                        let mut got = self.summaries[child as usize].to_vec();
                        self.write_block(&mut got, i, q);
                        union = Some(match union {
                            None => got,
                            Some(mut u) => {
                                for (a, b) in u.iter_mut().zip(&got) {
                                    if *a != *b {
                                        *a = VARIES;
                                    }
                                }
                                u
                            }
                        });
                    }
                    self.unplace(i, q, saved);
                }
            }
        }
        match union {
            Some(u) => self.intern(u),
            None => Ok(NO_READING),
        }
    }

    /// The first row below everything placed in columns `col..col + width` (gravity).
    fn below_filled(&self, col: usize, width: usize) -> usize {
        (col..col + width).map(|c| self.depth(c)).max().unwrap_or(0)
    }

    /// The rectangle is empty and its rows are either in no band yet or exactly its band (H4).
    fn free(&self, q: Place) -> bool {
        let rows = q.top..q.top + q.height;
        let band = self.band[q.top];
        if rows.clone().any(|r| self.band[r] != band) {
            return false;
        }
        if band.is_some_and(|b| b != (q.top, q.height)) {
            return false;
        }
        let bits = ((1u64 << q.height) - 1) << q.top;
        (q.col..q.col + q.width).all(|c| self.masks[c] & bits == 0)
    }

    /// Place block `i` at `q` (row by row, left to right); the rows' bands before.
    fn place(&mut self, i: usize, q: Place) -> Vec<Option<(usize, usize)>> {
        let saved = self.band[q.top..q.top + q.height].to_vec();
        let blocks = self.blocks;
        let mut values = blocks[i].values.iter();
        for r in q.top..q.top + q.height {
            self.band[r] = Some((q.top, q.height));
            for c in q.col..q.col + q.width {
                if let Some(&v) = values.next() {
                    self.set(r, c, v);
                }
            }
        }
        self.pos[i] = Some(q);
        saved
    }

    fn unplace(&mut self, i: usize, q: Place, saved: Vec<Option<(usize, usize)>>) {
        for (k, r) in (q.top..q.top + q.height).enumerate() {
            self.band[r] = saved[k];
            for c in q.col..q.col + q.width {
                self.clear(r, c);
            }
        }
        self.pos[i] = None;
    }

    /// Block `i`'s values written into a summary at `q`.
    fn write_block(&self, summary: &mut [u64], i: usize, q: Place) {
        let mut values = self.blocks[i].values.iter();
        for r in q.top..q.top + q.height {
            for c in q.col..q.col + q.width {
                summary[r * WIDTH + c] = values.next().copied().unwrap_or(VARIES);
            }
        }
    }

    /// Empty cells above a placed cell of their column.
    fn holes(&self) -> usize {
        (0..WIDTH)
            .map(|c| self.depth(c) - self.masks[c].count_ones() as usize)
            .sum()
    }

    /// The columns and rows `q` touched still satisfy what the equations imply.
    fn consistent(&self, q: Place) -> bool {
        (q.col..q.col + q.width).all(|c| self.column_ok(c))
            && (q.top..q.top + q.height).all(|r| self.row_ok(r))
    }

    /// A column's sums (see [`Search::column_state`]).
    fn column_ok(&self, c: usize) -> bool {
        let col = self.column_state(c);
        let known = |v: u64| (v != EMPTY).then_some(v);
        let (in0, in1, total, out) = (
            known(col.new),
            known(col.carried_in),
            known(col.total),
            known(col.carried_out),
        );
        // T3-2: the result rows add up to （七）总计.
        if let Some(t) = total {
            if col.spent > t || (col.results_full && col.spent != t) {
                return false;
            }
        }
        let processed = total.or(col.results_full.then_some(col.spent));
        // T3-1: 一 + 二 = （七） + 四, every value ≥ 0.
        let left_low = in0.unwrap_or(0) + in1.unwrap_or(0);
        let right_low = processed.unwrap_or(col.spent) + out.unwrap_or(0);
        let left_known = in0.is_some() && in1.is_some();
        let right_known = processed.is_some() && out.is_some();
        match (left_known, right_known) {
            (true, true) => left_low == right_low,
            (true, false) => right_low <= left_low,
            (false, true) => left_low <= right_low,
            (false, false) => true,
        }
    }

    /// A row's T3-3: the six applicant cells never exceed 总计, and equal it when all placed.
    fn row_ok(&self, r: usize) -> bool {
        let row = self.row_state(r);
        if row.total == EMPTY {
            return true;
        }
        row.part <= row.total && (!row.parts_full || row.part == row.total)
    }

    fn column_state(&self, c: usize) -> ColumnState {
        let n = self.rows;
        let results = ((1u64 << (n - 2)) - 1) & !3;
        ColumnState {
            new: self.at(0, c),
            carried_in: self.at(1, c),
            total: self.at(n - 2, c),
            carried_out: self.at(n - 1, c),
            spent: self.spent[c],
            results_full: self.masks[c] & results == results,
        }
    }

    fn row_state(&self, r: usize) -> RowState {
        RowState {
            part: self.row_part[r],
            parts_full: self.row_parts[r] == TOTAL_COLUMN,
            total: self.at(r, TOTAL_COLUMN),
        }
    }

    /// The state the rest of the search depends on (step 3 of the module doc), digested to 128
    /// bits by SipHash-1-3 (a collision would merge two states, so the digest is a strong one).
    fn key(&mut self, i: usize) -> u128 {
        let mut words = std::mem::take(&mut self.key_words);
        words.clear();
        words.push(i as u64);
        let linked = self.blocks.get(i).is_some_and(|b| b.linked) && i > 0;
        match self.pos.get(i.wrapping_sub(1)).copied().flatten() {
            Some(p) if linked => {
                words.extend([p.top, p.col, p.height, p.width].map(|v| v as u64));
            }
            _ => words.push(u64::MAX),
        }
        for c in 0..WIDTH {
            let mask = self.masks[c];
            words.push(mask);
            if mask != (1u64 << self.rows) - 1 {
                let s = self.column_state(c);
                words.extend([s.new, s.carried_in, s.total, s.carried_out, s.spent]);
            }
        }
        for r in 0..self.rows {
            words.push(self.band[r].map_or(u64::MAX, |(t, h)| (t * MAX_ROWS + h) as u64));
            let full = self.row_parts[r] == TOTAL_COLUMN && self.at(r, TOTAL_COLUMN) != EMPTY;
            if !full {
                let s = self.row_state(r);
                words.extend([s.part, s.total]);
            }
        }
        let mut h = SipHasher13::new();
        words.hash(&mut h);
        self.key_words = words;
        h.finish128().as_u128()
    }

    /// The id of a summary, kept once; `Err` past the memory bound.
    fn intern(&mut self, summary: Vec<u64>) -> Result<u32, Stop> {
        if let Some(&id) = self.interned.get(summary.as_slice()) {
            return Ok(id);
        }
        self.summary_cells += summary.len();
        if self.summary_cells > self.limits.summary_cells
            || self.summaries.len() >= NO_READING as usize
        {
            return Err(Stop::Memory);
        }
        let id = self.summaries.len() as u32;
        let shared: Rc<[u64]> = summary.into();
        self.summaries.push(Rc::clone(&shared));
        self.interned.insert(shared, id);
        Ok(id)
    }
}

/// What the column checks read of one column.
struct ColumnState {
    new: u64,
    carried_in: u64,
    total: u64,
    carried_out: u64,
    /// The sum of the result rows placed.
    spent: u64,
    results_full: bool,
}

/// What T3-3 reads of one row.
struct RowState {
    part: u64,
    parts_full: bool,
    total: u64,
}

/// H1 and H6 for a linked block at `q` after the block before at `p`: the same rows → right
/// next to it on its right (unless either holds header lines); the band right below → starting
/// at or left of it; else a band above.
fn follows(p: Place, p_header: bool, q: Place, q_header: bool) -> bool {
    if (p.top, p.height) == (q.top, q.height) {
        return p_header || q_header || p.col + p.width == q.col;
    }
    if q.top == p.top + p.height {
        return q.col <= p.col;
    }
    q.top + q.height <= p.top
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn repo(path: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }

    fn corpus_text(name: &str) -> String {
        let path = repo("corpus/reports/derived").join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn doc_of(text: &str) -> Document {
        xxgk_ingest::ingest(text.as_bytes(), "t.txt").unwrap_or_else(|e| panic!("{e}"))
    }

    /// Table 三's cells of a truth file (one `"key": "value"` per line, as the corpus writes
    /// them).
    fn truth_t3(name: &str) -> HashMap<String, String> {
        let path = repo("corpus/truth/derived").join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cell = regex::Regex::new(r#"^\s*"(t3\.[a-z_0-9]+\.[a-z_]+)": "([^"]*)""#).unwrap();
        text.lines()
            .filter_map(|l| cell.captures(l))
            .map(|c| (c[1].to_string(), c[2].to_string()))
            .collect()
    }

    fn fill(text: &str, limits: Limits) -> Tables {
        let mut out = Tables::default();
        fill_t3_within(&doc_of(text), Template::V2021, limits, &mut out);
        out
    }

    /// v2021-docx.pdf through plain pdftotext: 47 value blocks (the header flow of rows 一–（一）
    /// × 科研–法律服务, one-column blocks, 24 one-value blocks). The search pins 165 of the 175
    /// cells, each as the truth has it; the ten others differ between readings and stay absent.
    #[test]
    fn v2021_docx_pins_165_cells_all_right() {
        let truth = truth_t3("v2021-docx-pdftotext.json");
        assert_eq!(truth.len(), 175);
        let out = fill(&corpus_text("v2021-docx-pdftotext.txt"), Limits::default());
        assert_eq!(out.cells.len(), 165, "{:?}", out.notes);
        for (k, c) in &out.cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
            assert_eq!(c.flag, xxgk_model::Flag::Number);
        }
        let value = |key: &str| {
            out.cells
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, c)| c.value.as_str())
        };
        assert_eq!(value("t3.new_received.natural_person"), Some("420"));
        assert_eq!(value("t3.new_received.legal_service"), Some("12"));
        assert_eq!(value("t3.processed_total.total"), Some("467"));
        assert_eq!(value("t3.granted.natural_person"), Some("212"));
        assert!(!out.single_other);
    }

    /// split-footer.pdf through plain pdftotext: table 三 over two pages (nineteen blocks of
    /// 63 values on the first, rows 一 … （三）5; 42 blocks on the second). With H8 (a page's
    /// blocks fill its own rows) the search ends and pins all 175 cells, each as the truth has it.
    #[test]
    fn split_footer_pins_every_cell_right() {
        let truth = truth_t3("split-footer-pdftotext.json");
        assert_eq!(truth.len(), 175);
        let text = corpus_text("split-footer-pdftotext.txt");
        let blocks = blocks_of(&doc_of(&text)).expect("blocks");
        let first_page = blocks.iter().filter(|b| b.page == blocks[0].page).count();
        assert_eq!(first_page, 19);
        let out = fill(&text, Limits::default());
        assert_eq!(out.cells.len(), 175, "{:?}", out.notes);
        for (k, c) in &out.cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
    }

    /// One value changed (431 → 432 or 433: a report whose sums do not add up) leaves no
    /// reading, and the sums the equations imply say so before the search takes a step (it
    /// ran to its cap before). 431 → 435 keeps both sums possible (two other values of the last
    /// page make 3·（七）+ 2·四): the search itself finds no reading. Unchanged, the check lets
    /// the search through.
    #[test]
    fn sums_that_cannot_hold_end_the_search_before_it_starts() {
        let text = corpus_text("split-footer-pdftotext.txt");
        let blocks = blocks_of(&doc_of(&text)).expect("blocks");
        let (found, steps) = search_counted(&blocks, 25, Limits::default());
        assert!(matches!(found, Ok(Some(_))) && steps > 0);
        for (changed, searched) in [("432", false), ("433", false), ("435", true)] {
            let at = text.find("\n431\n").expect("431") + 1;
            let text = format!("{}{changed}{}", &text[..at], &text[at + 3..]);
            let blocks = blocks_of(&doc_of(&text)).expect("blocks");
            let (found, steps) = search_counted(&blocks, 25, Limits::default());
            assert_eq!((found, steps > 0), (Ok(None), searched), "{changed}");
        }
    }

    /// A page whose values are not whole rows breaks H8: nothing is read.
    #[test]
    fn a_page_of_part_rows_reads_nothing() {
        let text = corpus_text("split-footer-pdftotext.txt");
        let mut blocks = blocks_of(&doc_of(&text)).expect("blocks");
        assert!(matches!(
            read(&blocks, Template::V2021, Limits::default()),
            Ok(Some(_))
        ));
        // The first block of the second page moved to the first page.
        let second = blocks
            .iter()
            .position(|b| b.page != blocks[0].page)
            .expect("two pages");
        blocks[second].page = blocks[0].page;
        assert_eq!(read(&blocks, Template::V2021, Limits::default()), Ok(None));
    }

    /// The blocks of v2021-docx as read: the header flow first (nine values, header lines),
    /// then the columns; text-only flows (`商业 / 企业`, `其他`, `总计`) unlink the next block.
    #[test]
    fn blocks_of_v2021_docx() {
        let blocks = blocks_of(&doc_of(&corpus_text("v2021-docx-pdftotext.txt"))).expect("blocks");
        assert_eq!(blocks.len(), 47);
        assert_eq!(blocks[0].values, [2, 0, 12, 0, 0, 0, 1, 0, 4]);
        assert!(blocks[0].header && !blocks[0].linked);
        assert_eq!(blocks[1].values, [420, 7, 212]);
        assert!(!blocks[1].header && !blocks[1].linked);
        assert!(blocks[2].linked);
        assert_eq!(blocks.iter().map(|b| b.values.len()).sum::<usize>(), 175);
        assert_eq!(blocks.iter().filter(|b| !b.linked).count(), 3);
    }

    /// Past the step cap the search is not exhaustive: nothing is read (the same text reads 165
    /// cells within the default cap).
    #[test]
    fn the_cap_reached_reads_nothing() {
        let text = corpus_text("v2021-docx-pdftotext.txt");
        let small = Limits {
            steps: 10_000,
            ..Limits::default()
        };
        let out = fill(&text, small);
        assert!(out.cells.is_empty());
        assert!(
            out.notes.iter().any(|n| n.contains("Steps")),
            "{:?}",
            out.notes
        );
        let tight = Limits {
            summary_cells: 1_000,
            ..Limits::default()
        };
        let out = fill(&text, tight);
        assert!(out.cells.is_empty());
        assert!(
            out.notes.iter().any(|n| n.contains("Memory")),
            "{:?}",
            out.notes
        );
    }

    /// Calc's PDF of jingan-2019.xls through plain pdftotext
    /// (corpus/reports/derived/jingan-2019-xls-calc-tall-pdftotext.txt): table 二's last
    /// columns (`10714 / 24 / 处理决定数量`, `354 / 18`, `15 / 46`) come after table 三's row
    /// labels, before its column header. They are not table 三's: from the header on, the
    /// flows are bands of seven and read as the truth. Without the header's words, the block
    /// with text after its values stops the reading.
    #[test]
    fn values_before_the_applicant_header_are_not_table_three_s() {
        let truth = truth_t3("jingan-2019-xls-calc-tall-pdftotext.json");
        assert_eq!(truth.len(), 161);
        let text = corpus_text("jingan-2019-xls-calc-tall-pdftotext.txt");
        let read = |text: &str| {
            let mut out = Tables::default();
            fill_t3_within(&doc_of(text), Template::V2019, Limits::default(), &mut out);
            out
        };
        let out = read(&text);
        assert_eq!(out.cells.len(), 161, "{:?}", out.notes);
        for (k, c) in &out.cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let bare = APPLICANT_HEADER_WORDS
            .iter()
            .fold(text.clone(), |t, w| t.replace(w, ""));
        assert!(read(&bare).cells.is_empty());
    }

    /// A blank cell (a value line removed, from a one-column block or from the header flow):
    /// the values no longer fill a layout, nothing is read.
    #[test]
    fn a_missing_value_reads_nothing() {
        let text = corpus_text("v2021-docx-pdftotext.txt");
        for line in ["420", "212", "12"] {
            let at = text
                .find(&format!("\n{line}\n"))
                .unwrap_or_else(|| panic!("{line}"));
            let cut = format!("{}{}", &text[..at], &text[at + line.len() + 1..]);
            assert!(fill(&cut, Limits::default()).cells.is_empty(), "{line}");
        }
    }

    /// No heading 四 after table 三: the region's end is unknown, nothing is read.
    #[test]
    fn without_heading_four_nothing_is_read() {
        let text = corpus_text("v2021-docx-pdftotext.txt");
        let cut = text.find("四、政府信息公开行政复议").unwrap_or(text.len());
        assert!(blocks_of(&doc_of(&text[..cut])).is_none());
        assert!(fill(&text[..cut], Limits::default()).cells.is_empty());
    }

    /// Another reader's cell of table 三 that differs stops the whole reading; one that agrees
    /// does not (split-footer: 自然人's 予以公开 is 431).
    #[test]
    fn a_disagreeing_reader_stops_everything() {
        let doc = doc_of(&corpus_text("split-footer-pdftotext.txt"));
        let key = schema_key("t3.granted.natural_person");
        let mut out = Tables::default();
        out.cells.insert(key, number_cell(432));
        fill_t3(&doc, Template::V2021, &mut out);
        assert_eq!(out.cells.len(), 1);
        assert_eq!(out.cells[&key].value, "432");
        let mut out = Tables::default();
        out.cells.insert(key, number_cell(431));
        fill_t3(&doc, Template::V2021, &mut out);
        assert_eq!(out.cells.len(), 175);
    }

    fn schema_key(name: &str) -> KeyId {
        xxgk_model::schema()
            .keys(Template::V2021)
            .find(|k| k.key_id().as_str() == name)
            .map(|k| k.key_id())
            .unwrap_or_else(|| panic!("{name}"))
    }

    /// v2019's 23 rows, from the layouts of the schema: the truth of v2019-html written as bands
    /// (rows 一–二 as one block of 2 × 7 values, then one block per row, each linked and going to
    /// the band right below). Every cell is pinned, as the truth has it.
    #[test]
    fn v2019_rows_from_the_schema() {
        let truth = truth_t3("v2019-html-pdftotext.json");
        let layouts = t3_layouts(Template::V2019);
        let [(false, order)] = layouts.as_slice() else {
            panic!("one v2019 layout");
        };
        assert_eq!(order.len(), 23);
        let grid: Vec<Vec<u64>> = order
            .iter()
            .map(|row| {
                row_keys(Template::V2019, Table::T3, row)
                    .iter()
                    .map(|k| truth[k.as_str()].parse().expect("number"))
                    .collect()
            })
            .collect();
        let mut blocks = vec![ValueBlock {
            values: grid[..2].concat(),
            header: true,
            linked: false,
            page: 0,
            joined: None,
        }];
        for row in &grid[2..] {
            blocks.push(ValueBlock {
                values: row.clone(),
                header: false,
                linked: true,
                page: 0,
                joined: None,
            });
        }
        let (cells, single_other) = read(&blocks, Template::V2019, Limits::default())
            .expect("within the cap")
            .expect("a reading");
        assert!(!single_other);
        assert_eq!(cells.len(), 161);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
    }

    /// Summaries: a cell two readings disagree on varies, the others are pinned; blocks that
    /// fit no reading give "no reading".
    #[test]
    fn readings_that_differ_leave_their_cells_open() {
        // Five rows (一, 二, one result row, （七）, 四), every column 1 1 2 2 0 — except the
        // applicant columns are all alike, so the six unlinked one-column blocks can swap: the
        // values are equal, so every cell is pinned anyway.
        let column = vec![1, 1, 2, 2, 0];
        let total = vec![6, 6, 12, 12, 0];
        let mut blocks: Vec<ValueBlock> = (0..6)
            .map(|_| ValueBlock {
                values: column.clone(),
                header: true,
                linked: false,
                page: 0,
                joined: None,
            })
            .collect();
        blocks.push(ValueBlock {
            values: total.clone(),
            header: true,
            linked: false,
            page: 0,
            joined: None,
        });
        let got = search(&blocks, 5, Limits::default()).expect("exhaustive");
        let summary = got.expect("a reading");
        assert!(summary.iter().all(Option::is_some));
        // Two applicant columns that differ (1 1 2 2 0 and 2 0 2 2 0) can swap: their cells
        // vary, 总计's are pinned.
        blocks[0].values = vec![2, 0, 2, 2, 0];
        blocks[6].values = vec![7, 5, 12, 12, 0];
        let summary = search(&blocks, 5, Limits::default())
            .expect("exhaustive")
            .expect("a reading");
        assert_eq!(summary[0], None);
        assert_eq!(summary[6], Some(7));
        assert_eq!(summary[4 * WIDTH + 6], Some(0));
        // A total that does not add up: no reading.
        blocks[6].values = vec![7, 5, 12, 13, 0];
        assert_eq!(search(&blocks, 5, Limits::default()), Ok(None));
    }
}
