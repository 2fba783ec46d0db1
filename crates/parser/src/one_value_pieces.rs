//! Table 三 read from **pdfminer.six's one-value boxes in pieces** (docs/design-linear-text.md
//! §32).
//!
//! Where every value cell of table 三 is a text box of its own, pdfminer writes a page of the
//! table column by column, but its layout tree groups some cells with the label or header box
//! beside them and writes that group elsewhere: 自然人's cells beside a tall row label come
//! right after that label (`1.本机关不掌握相关政府信息 · 11 · 86`, the column's other cells
//! later); the first cell of a column comes right after its header (`商业企业 · 23`); the
//! bottom rows of the first columns after the last row label (`四、结转下年度继续办理 · 343 · 8
//! · 22 · 1`). [`crate::one_value_runs`] reads a page only when its value boxes are one
//! unbroken run, [`crate::column_blocks`] only boxes of several values; this reader takes the
//! pieces (values with no other text between them) as they come.
//!
//! The reading, unique or nothing:
//!
//! 1. Table 三's region runs from heading 三 to table 四's own words; a value at the end of a
//!    label line (`7.属于行政执法案卷1`, `1.属于国家秘密 0`) is a value after that label. Every
//!    page part holds whole rows (its values a multiple of seven), the parts together one of
//!    the template's layouts. Where that reads nothing and the region holds six columns'
//!    values, a column's worth at the start or end of each run of values after the region on
//!    its page is tried as a last piece (the total column written after table 四).
//! 2. Each piece is read in one of these ways, every combination tried:
//!    - **in its place**: its values go on filling the page column by column, top to bottom,
//!      the columns left to right, skipping cells already placed;
//!    - **as the next rows**: a piece of two rows' values or more fills the empty cells of
//!      the rows from the first one not yet full, column by column, exactly — all of it, or
//!      its first rows so and then the rest so (a band of tall rows written before the rows
//!      below it, its last row on its own);
//!    - **under its headers**: after header boxes naming columns, its values fill those
//!      columns (left to right) first, then go on in place;
//!    - **at its column's head**: after a header box naming one column, its first value is
//!      that column's top cell on the table's first page part, the rest in its place;
//!    - **beside its label**: after a text naming a row (its last label, split at the
//!      enumerators), the piece is 自然人's cells down to that label's row — or, four values
//!      at most, the first two columns' cells of those rows, column by column;
//!    - **as a band**: after a text naming a row, a piece of one or two whole rows (7 or 14
//!      values) is those rows down to the label's, in one of the orders pdfminer writes a
//!      band of tall rows in (the jingan family's 一 and 二: the first two columns row by
//!      row, then each column top and bottom — [`band_orders`]).
//! 3. On every page part every row adds up (T3-3); over the pages joined, every 勾稽 equation of
//!    table 三 holds (T3-1/T3-2 per column, T3-3 per row); exactly one set of cells must remain
//!    over every combination and layout. Another reader's cell that differs stops everything.
//!
//! Text input only; a page part with more than [`MAX_COMBINATIONS`] combinations reads nothing.

use crate::column_blocks::combinations;
use crate::column_runs::{
    header_column, holding_cells, take_whole_table, whole_number, TABLE_FOUR_WORDS,
};
use crate::sections::heading_number;
use crate::stream::{glued_value, t3_layouts};
use crate::tables::{t3_row_key, Tables};
use std::sync::OnceLock;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::fold_printed;
use xxgk_model::{schema, Block, Cell, Document, KeyId, Table, Template};

/// The columns of table 三.
const COLUMNS: usize = 7;

/// Most combinations of the pieces' readings tried on one page part.
const MAX_COMBINATIONS: usize = 20_000;

/// Most readings of the page parts joined that are checked.
const MAX_JOINED: usize = 10_000;

/// Most values a piece read beside its label as two columns may hold.
const MAX_BESIDE_LABEL: usize = 4;

/// Fewest values of a piece read as the next rows' cells ([`Way::RowsInPlace`]): two rows'.
const MIN_ROWS_IN_PLACE: usize = 2 * COLUMNS;

/// Most rows of a band read beside its label ([`band_orders`]).
const BAND_ROWS: usize = 2;

/// Most page parts (none more was seen).
const MAX_PAGE_PARTS: usize = 4;

/// Values with no other text between them, and what the text right before them says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    /// The values, in text order.
    pub values: Vec<u64>,
    /// The columns (print order) the header boxes right before the piece name, in order.
    pub named: Vec<usize>,
    /// The row the last row label before the piece (since the previous piece) names.
    pub label: Option<&'static str>,
}

/// Table 三's cells read from the pieces of `doc` (see the module doc), written into `out`.
pub fn fill_t3(doc: &Document, template: Template, out: &mut Tables) {
    let region = region_of(doc, template);
    let Some((cells, single_other)) = read_region(&region, template) else {
        return;
    };
    take_whole_table(out, cells, single_other, "one-value boxes in pieces");
}

/// Table 三's region as pieces, and the runs of values after its end on its last page.
#[derive(Debug, Default)]
pub(crate) struct Region {
    /// The pieces, per page part.
    pub parts: Vec<Vec<Piece>>,
    /// Values with no text between them after the region's end, before the page ends: pdfminer
    /// may write the rightmost column after table 四 and even a later heading (its boxes sort
    /// last on the page).
    pub late_runs: Vec<Vec<u64>>,
}

/// Step 1: table 三's region as pieces per page part (pages holding values), and the runs
/// after it ([`Region`]).
pub(crate) fn region_of(doc: &Document, template: Template) -> Region {
    let mut reader = RegionReader::new(template);
    for page in &doc.pages {
        reader.new_page();
        for (i, block) in page.blocks.iter().enumerate() {
            let Block::Line(line) = block else {
                reader.end_box();
                continue;
            };
            if line.after_break {
                reader.end_box();
            }
            if !reader.line(&fold_printed(line.text.trim())) {
                return Region {
                    parts: reader.finish(),
                    late_runs: runs_after(&page.blocks[i..]),
                };
            }
        }
        reader.end_box();
    }
    // No end of the region: its extent is not known.
    Region::default()
}

/// The runs of values (lines each one whole number, no other text line between them) in
/// `blocks`.
fn runs_after(blocks: &[Block]) -> Vec<Vec<u64>> {
    let mut runs: Vec<Vec<u64>> = vec![Vec::new()];
    for block in blocks {
        let Block::Line(line) = block else {
            continue;
        };
        let text = fold_printed(line.text.trim());
        if text.is_empty() {
            continue;
        }
        match (whole_number(&text), runs.last_mut()) {
            (Some(v), Some(run)) => run.push(v),
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The reading of [`read`]; where it finds none and the region holds six columns' values,
/// also with the first or last column's worth of each run after the region taken as the last
/// piece (its place decided like any piece's). Unique or nothing.
pub(crate) fn read_region(
    region: &Region,
    template: Template,
) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    if let Some(found) = read(&region.parts, template) {
        return Some(found);
    }
    let values: usize = region.parts.iter().flatten().map(|p| p.values.len()).sum();
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    // One column's count: the region's values are six columns' of it.
    if !values.is_multiple_of(COLUMNS - 1) {
        return None;
    }
    let rows = values / (COLUMNS - 1);
    // A run may begin or end with a value of table 四 printed next to it (`尚未审结 0`).
    let columns = region
        .late_runs
        .iter()
        .filter(|r| r.len() >= rows)
        .flat_map(|r| [&r[..rows], &r[r.len() - rows..]]);
    for column in columns {
        let mut parts = region.parts.clone();
        parts.last_mut()?.push(Piece {
            values: column.to_vec(),
            named: Vec::new(),
            label: None,
        });
        if let Some(reading) = read(&parts, template) {
            if found.iter().all(|f| f.0 != reading.0) {
                found.push(reading);
            }
        }
    }
    if found.len() == 1 {
        found.pop()
    } else {
        None
    }
}

/// The state of [`region_of`] while it reads the lines of the document.
struct RegionReader {
    template: Template,
    inside: bool,
    parts: Vec<Vec<Piece>>,
    /// Whether the current page part holds values yet.
    part_open: bool,
    /// Lines of the text box being read, joined.
    text_box: String,
    /// Header columns named by the boxes since the last value (cleared by any other box).
    named: Vec<usize>,
    /// The last row label seen since the last value.
    label: Option<&'static str>,
    /// Whether the last thing read was a value (a value next goes on the same piece).
    after_value: bool,
}

impl RegionReader {
    fn new(template: Template) -> Self {
        RegionReader {
            template,
            inside: false,
            parts: Vec::new(),
            part_open: false,
            text_box: String::new(),
            named: Vec::new(),
            label: None,
            after_value: false,
        }
    }

    /// A new page: a new page part once the last one holds values.
    fn new_page(&mut self) {
        self.end_box();
        self.part_open = false;
        self.after_value = false;
    }

    /// The end of a text box: a header box names its column, any other text box ends the run
    /// of headers; a row label is remembered.
    fn end_box(&mut self) {
        if self.text_box.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text_box);
        match header_column(&text, self.template) {
            Some(c) => self.named.push(c),
            None => {
                self.named.clear();
                for label in labels_in(&text) {
                    if let Some(row) = self.row_of(label) {
                        self.label = Some(row);
                    }
                }
            }
        }
    }

    /// The row a label names: read as other readers read one when it opens with an
    /// enumerator; a box without one (`反复申请`, the end of a wrapped label, or a piece of
    /// the group column) only when it is a row's whole label.
    fn row_of(&self, label: &str) -> Option<&'static str> {
        if crate::linear::enumerator_re()
            .find(label)
            .is_some_and(|m| m.start() == 0)
        {
            t3_row_key(label, self.template, self.label)
        } else {
            schema().match_label(Table::T3, LabelKind::Row, label, Some(self.template))
        }
    }

    /// One line; `false` at the end of the region.
    fn line(&mut self, text: &str) -> bool {
        match region_line(text, self.inside) {
            RegionLine::Opens => {
                self.inside = true;
                return true;
            }
            RegionLine::Skipped => return true,
            RegionLine::Ends => return false,
            RegionLine::Other => {}
        }
        if !self.inside || text.is_empty() {
            return true;
        }
        if let Some(v) = whole_number(text) {
            self.end_box();
            self.value(v);
        } else if let Some((label, v)) = label_then_value(text) {
            self.text(label);
            self.end_box();
            self.value(v);
        } else {
            self.text(text);
        }
        true
    }

    fn text(&mut self, text: &str) {
        self.text_box.push_str(text);
        self.after_value = false;
    }

    fn value(&mut self, v: u64) {
        if !self.part_open {
            self.parts.push(Vec::new());
            self.part_open = true;
        }
        let Some(part) = self.parts.last_mut() else {
            return;
        };
        match part.last_mut() {
            Some(piece) if self.after_value => piece.values.push(v),
            _ => part.push(Piece {
                values: vec![v],
                named: std::mem::take(&mut self.named),
                label: self.label.take(),
            }),
        }
        self.after_value = true;
    }

    fn finish(mut self) -> Vec<Vec<Piece>> {
        self.parts.retain(|p| !p.is_empty());
        self.parts
    }
}

/// Where a line stands in table 三's region of a text document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RegionLine {
    /// Heading 三: the region opens.
    Opens,
    /// Heading 四 (pdfminer may write it before table 三's last columns): not read.
    Skipped,
    /// Table 四's own words or a later heading, inside the region: it ends.
    Ends,
    /// Any other line (a row label such as 四、结转下年度继续办理 among them).
    Other,
}

/// Where `text` stands in table 三's region; `inside`: whether the region is open.
pub(crate) fn region_line(text: &str, inside: bool) -> RegionLine {
    let table_four = TABLE_FOUR_WORDS.iter().any(|w| text.contains(w));
    match heading_number(text) {
        Some(3) => RegionLine::Opens,
        Some(4) if table_four => RegionLine::Skipped,
        Some(4) => RegionLine::Other,
        Some(_) if inside => RegionLine::Ends,
        None if inside && table_four => RegionLine::Ends,
        _ => RegionLine::Other,
    }
}

/// A label line ending in a whole number, glued to it or after a space (`7.属于行政执法案卷1`,
/// `1.属于国家秘密 0`): the label and the value.
fn label_then_value(text: &str) -> Option<(&str, u64)> {
    if let Some((label, _, value)) = glued_value(text) {
        return Some((label, value.parse().ok()?));
    }
    let (label, last) = text.trim_end().rsplit_once(char::is_whitespace)?;
    let label = label.trim_end();
    let before = label.chars().last()?;
    if !xxgk_model::text::is_han(before) || before == '第' {
        return None;
    }
    Some((label, whole_number(last)?))
}

/// The labels a text box holds, each from an enumerator on (`8.属于行政查询事项1.本机关不掌握
/// 相关政府信息`: two lines of one box), the text before the first one a label too.
fn labels_in(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = crate::linear::enumerator_re()
        .find_iter(text)
        .map(|m| m.start())
        .collect();
    // A group enumerator right before a row's (`（三）不予公开1.属于国家秘密`) is one label.
    starts.retain(|&s| s > 0);
    let mut out = Vec::new();
    let mut from = 0;
    for s in starts {
        out.push(&text[from..s]);
        from = s;
    }
    out.push(&text[from..]);
    out.retain(|l| !l.trim().is_empty());
    out
}

/// One page part's grid: rows of seven cells, `None` where not yet filled.
type Grid = Vec<[Option<u64>; COLUMNS]>;

/// How one piece is read (step 2 of the module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Way {
    InPlace,
    /// The next rows' empty cells, exactly, column by column (a band of rows written before
    /// the rows below it); with `upper` set, the first `upper` rows so, then the rest so.
    RowsInPlace {
        upper: Option<usize>,
    },
    UnderHeaders,
    AtHead(usize),
    /// A block of this many columns ending at this row of the page part.
    /// A band of whole rows (one or two) ending at this row of the page part, its cells in
    /// the order [`band_orders`] lists under `order`.
    Band {
        last_row: usize,
        order: usize,
    },
    BesideLabel {
        last_row: usize,
        columns: usize,
    },
}

/// Steps 2 and 3: the one reading of table 三 the pieces allow: its cells and whether it is the
/// single （六） layout; `None` when there is none or more than one.
pub(crate) fn read(parts: &[Vec<Piece>], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    if parts.is_empty() || parts.len() > MAX_PAGE_PARTS {
        return None;
    }
    let mut part_rows = Vec::new();
    for part in parts {
        let values: usize = part.iter().map(|p| p.values.len()).sum();
        if values == 0 || !values.is_multiple_of(COLUMNS) {
            return None;
        }
        part_rows.push(values / COLUMNS);
    }
    let rows: usize = part_rows.iter().sum();
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for (single_other, order) in t3_layouts(template) {
        if order.len() != rows {
            continue;
        }
        let mut readings: Vec<Vec<Grid>> = Vec::new();
        let mut first_row = 0;
        for (part, &n) in parts.iter().zip(&part_rows) {
            let page_rows = &order[first_row..first_row + n];
            let grids = part_readings(part, page_rows, first_row == 0)?;
            if grids.is_empty() {
                return None;
            }
            readings.push(grids);
            first_row += n;
        }
        if readings.iter().map(Vec::len).product::<usize>() > MAX_JOINED {
            return None;
        }
        for choice in combinations(&readings) {
            let columns: Vec<Vec<u64>> = (0..COLUMNS)
                .map(|c| {
                    choice
                        .iter()
                        .flat_map(|g| g.iter().filter_map(|r| r[c]))
                        .collect()
                })
                .collect();
            if let Some(cells) = holding_cells(&columns, &order, template, single_other) {
                if found.iter().all(|(f, _)| *f != cells) {
                    found.push((cells, single_other));
                }
            }
            if found.len() > 1 {
                return None;
            }
        }
    }
    found.pop()
}

/// The ways each piece of a page part may be read.
fn ways(piece: &Piece, page_rows: &[&'static str], first_part: bool) -> Vec<Way> {
    let mut out = vec![Way::InPlace];
    if !piece.named.is_empty() {
        out.push(Way::UnderHeaders);
    }
    if piece.values.len() >= MIN_ROWS_IN_PLACE {
        out.push(Way::RowsInPlace { upper: None });
        for upper in 1..piece.values.len() / COLUMNS {
            out.push(Way::RowsInPlace { upper: Some(upper) });
        }
    }
    if let ([column], true) = (piece.named.as_slice(), first_part) {
        out.push(Way::AtHead(*column));
    }
    let n = piece.values.len();
    let last_row = piece
        .label
        .and_then(|l| page_rows.iter().position(|r| *r == l));
    if let Some(last_row) = last_row {
        if n <= last_row + 1 {
            out.push(Way::BesideLabel {
                last_row,
                columns: 1,
            });
        }
        if n <= MAX_BESIDE_LABEL && n.is_multiple_of(2) && n / 2 <= last_row + 1 {
            out.push(Way::BesideLabel {
                last_row,
                columns: 2,
            });
        }
        let rows = n / COLUMNS;
        if n.is_multiple_of(COLUMNS) && rows <= BAND_ROWS && rows <= last_row + 1 {
            for order in 0..band_orders(rows).len() {
                out.push(Way::Band { last_row, order });
            }
        }
    }
    out
}

/// Every grid of one page part the combinations of its pieces' ways give, every row adding up;
/// `None` past [`MAX_COMBINATIONS`].
fn part_readings(
    part: &[Piece],
    page_rows: &[&'static str],
    first_part: bool,
) -> Option<Vec<Grid>> {
    let options: Vec<Vec<Way>> = part
        .iter()
        .map(|p| ways(p, page_rows, first_part))
        .collect();
    if options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len()))
        .is_none_or(|n| n > MAX_COMBINATIONS)
    {
        return None;
    }
    let mut out: Vec<Grid> = Vec::new();
    let mut choice = vec![0usize; part.len()];
    loop {
        let chosen: Vec<Way> = choice.iter().zip(&options).map(|(&i, o)| o[i]).collect();
        if let Some(grid) = filled(part, &chosen, page_rows.len()) {
            if grid.iter().all(row_adds_up) && !out.contains(&grid) {
                out.push(grid);
            }
        }
        // The next combination (an odometer over the options).
        let mut i = 0;
        loop {
            let Some(slot) = choice.get_mut(i) else {
                return Some(out);
            };
            *slot += 1;
            if *slot < options[i].len() {
                break;
            }
            *slot = 0;
            i += 1;
        }
    }
}

/// The page part's grid with each piece read the way `chosen` says: the pieces placed by their
/// label or header first, then the others filling the grid in order; `None` when cells clash
/// or the values do not fill the grid exactly.
fn filled(part: &[Piece], chosen: &[Way], rows: usize) -> Option<Grid> {
    let mut grid: Grid = vec![[None; COLUMNS]; rows];
    for (piece, way) in part.iter().zip(chosen) {
        match *way {
            Way::AtHead(c) => put(&mut grid, 0, c, *piece.values.first()?)?,
            Way::Band { last_row, order } => {
                let rows = piece.values.len() / COLUMNS;
                let top = (last_row + 1).checked_sub(rows)?;
                let cells = band_orders(rows).get(order)?;
                for (&(r, c), &v) in cells.iter().zip(&piece.values) {
                    put(&mut grid, top + r, c, v)?;
                }
            }
            Way::BesideLabel { last_row, columns } => {
                let height = piece.values.len() / columns;
                let top = (last_row + 1).checked_sub(height)?;
                for (i, &v) in piece.values.iter().enumerate() {
                    put(&mut grid, top + i % height, i / height, v)?;
                }
            }
            Way::InPlace | Way::UnderHeaders | Way::RowsInPlace { .. } => {}
        }
    }
    let mut queue: Vec<usize> = Vec::new();
    for (piece, way) in part.iter().zip(chosen) {
        // The columns headers name are filled first by their own piece only.
        queue.clear();
        let values = match way {
            Way::InPlace => &piece.values[..],
            Way::UnderHeaders => {
                queue = piece.named.clone();
                queue.sort_unstable();
                queue.dedup();
                &piece.values[..]
            }
            Way::AtHead(_) => &piece.values[1..],
            Way::RowsInPlace { upper } => {
                let split = match upper {
                    Some(rows) => cells_in_rows(&grid, *rows)?,
                    None => piece.values.len(),
                };
                let (first, rest) = piece.values.split_at_checked(split)?;
                fill_rows(&mut grid, first)?;
                if !rest.is_empty() {
                    fill_rows(&mut grid, rest)?;
                }
                continue;
            }
            Way::BesideLabel { .. } | Way::Band { .. } => continue,
        };
        for &v in values {
            let column = next_column(&grid, &mut queue)?;
            let row = grid.iter().position(|r| r[column].is_none())?;
            put(&mut grid, row, column, v)?;
        }
    }
    grid.iter()
        .all(|r| r.iter().all(Option::is_some))
        .then_some(grid)
}

/// Every order of a band of `rows` whole rows (one or two) that pdfminer was seen to write: one
/// row in print order; two rows as groups of one column (top, bottom) or two (row by row),
/// left to right (`134 · 14 · 3 · 0`, then `3 · 0`, `1 · 0` … for the
/// jingan family's tall rows 一 and 二). Each order lists (row in the band, column).
fn band_orders(rows: usize) -> &'static [Vec<(usize, usize)>] {
    static ONE: OnceLock<Vec<Vec<(usize, usize)>>> = OnceLock::new();
    static TWO: OnceLock<Vec<Vec<(usize, usize)>>> = OnceLock::new();
    match rows {
        1 => ONE.get_or_init(|| vec![(0..COLUMNS).map(|c| (0, c)).collect()]),
        2 => TWO.get_or_init(|| two_row_orders(0)),
        _ => &[],
    }
}

/// The orders of [`band_orders`] for two rows, from column `from` on.
fn two_row_orders(from: usize) -> Vec<Vec<(usize, usize)>> {
    if from >= COLUMNS {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    let mut groups: Vec<Vec<(usize, usize)>> = vec![vec![(0, from), (1, from)]];
    if from + 1 < COLUMNS {
        // Two columns column by column are two groups of one.
        let (a, b) = (from, from + 1);
        groups.push(vec![(0, a), (0, b), (1, a), (1, b)]);
    }
    for group in groups {
        let next = from + group.len() / 2;
        for rest in two_row_orders(next) {
            let mut order = group.clone();
            order.extend(rest);
            out.push(order);
        }
    }
    out
}

/// The empty cells of the `rows` rows from the first one not yet full.
fn cells_in_rows(grid: &Grid, rows: usize) -> Option<usize> {
    let top = grid.iter().position(|r| r.iter().any(Option::is_none))?;
    let band = grid.get(top..top + rows)?;
    Some(band.iter().flatten().filter(|c| c.is_none()).count())
}

/// Fill the empty cells of the rows from the first one not yet full, column by column, with
/// `values` — exactly: the rows must hold as many empty cells as there are values.
fn fill_rows(grid: &mut Grid, values: &[u64]) -> Option<()> {
    let top = grid.iter().position(|r| r.iter().any(Option::is_none))?;
    let mut empty = 0;
    let mut bottom = top;
    while empty < values.len() {
        empty += grid.get(bottom)?.iter().filter(|c| c.is_none()).count();
        bottom += 1;
    }
    if empty != values.len() {
        return None;
    }
    let mut next = values.iter();
    for c in 0..COLUMNS {
        for row in &mut grid[top..bottom] {
            if row[c].is_none() {
                row[c] = Some(*next.next()?);
            }
        }
    }
    Some(())
}

/// Put `v` into an empty cell; `None` when the cell is not in the grid or already filled.
fn put(grid: &mut Grid, row: usize, column: usize, v: u64) -> Option<()> {
    let cell = grid.get_mut(row)?.get_mut(column)?;
    cell.is_none().then(|| *cell = Some(v))
}

/// The column the next value fills: the first column named by headers that still has room,
/// else the leftmost column with room.
fn next_column(grid: &Grid, queue: &mut Vec<usize>) -> Option<usize> {
    let has_room = |c: usize| grid.iter().any(|r| r[c].is_none());
    while let Some(&c) = queue.first() {
        if has_room(c) {
            return Some(c);
        }
        queue.remove(0);
    }
    (0..COLUMNS).find(|&c| has_room(c))
}

/// Whether a full row's applicant cells add up to its total (T3-3).
fn row_adds_up(row: &[Option<u64>; COLUMNS]) -> bool {
    let Some(cells) = row.iter().copied().collect::<Option<Vec<u64>>>() else {
        return false;
    };
    crate::column_runs::row_adds_up(&cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column_runs::tests::{corpus_doc, truth_t3};
    use xxgk_model::Flag;

    /// social-org's table 三 from its truth, seven columns top to bottom.
    fn social_org_columns(truth: &std::collections::HashMap<String, String>) -> Vec<Vec<u64>> {
        let rows: Vec<&str> = t3_layouts(Template::V2019)[0].1.clone();
        xxgk_model::schema()
            .keys(Template::V2019)
            .filter(|k| k.table == xxgk_model::Table::T3 && k.row == "new_received")
            .map(|k| {
                rows.iter()
                    .map(|r| truth[&format!("t3.{r}.{}", k.col)].parse().unwrap())
                    .collect()
            })
            .collect()
    }

    fn social_org() -> Vec<Vec<Piece>> {
        region_of(&corpus_doc("social-org-pdfminer.txt"), Template::V2019).parts
    }

    /// pdfminer.six text of social-org.pdf: `1.本机关不掌握相关政府信息 · 11 · 86` (自然人's
    /// cells of 8.属于行政查询事项 and of that row), `自然 / 人` and the column's other 21
    /// cells, the headers and the six other columns one after another. Every cell of table 三
    /// as the truth has it.
    #[test]
    fn social_org_reads_every_cell_of_table_three() {
        let parts = social_org();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0][0].values, [11, 86]);
        assert_eq!(parts[0][0].label, Some("unable_not_held"));
        assert_eq!(parts[0][1].named, [0]);
        let truth = truth_t3("social-org-pdfminer.json");
        let (cells, single_other) = read(&parts, Template::V2019).unwrap();
        assert!(!single_other);
        assert_eq!(cells.len(), 161);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
            assert_eq!(c.flag, Flag::Number);
        }
        let value = |key: &str| {
            cells
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, c)| c.value.as_str())
        };
        assert_eq!(value("t3.deny_admin_query.natural_person"), Some("11"));
        assert_eq!(value("t3.unable_not_held.natural_person"), Some("86"));
        assert_eq!(value("t3.nohandle_petition.natural_person"), Some("7"));
    }

    /// Refused: a value changed (an equation fails), the label before the two cells lost (no
    /// place for them), the whole table a page part a row short.
    #[test]
    fn pieces_in_doubt_give_nothing() {
        assert!(read(&social_org(), Template::V2019).is_some());
        let mut changed = social_org();
        changed[0][2].values[5] += 1;
        assert!(read(&changed, Template::V2019).is_none());
        let mut unlabelled = social_org();
        unlabelled[0][0].label = None;
        assert!(read(&unlabelled, Template::V2019).is_none());
        let mut short = social_org();
        let n = short[0][2].values.len();
        short[0][2].values.truncate(n - 7);
        assert!(read(&short, Template::V2019).is_none());
    }

    /// A column's first cell after its header (Chromium's PDF through pdfminer: `商业企业 · 23`
    /// after the column's other cells) is read at the column's head; the same piece with no
    /// header before it, in its place, fails the equations.
    #[test]
    fn a_value_after_its_header_is_the_column_s_first() {
        let truth = truth_t3("social-org-pdfminer.json");
        let columns = social_org_columns(&truth);
        // 自然人 whole, then 商业企业 from its second row, then its first cell after its header.
        let mut stream: Vec<u64> = columns[0].clone();
        stream.extend(&columns[1][1..]);
        let head = Piece {
            values: vec![columns[1][0]],
            named: vec![1],
            label: None,
        };
        let rest: Vec<u64> = columns[2..].concat();
        let part = vec![
            Piece {
                values: stream,
                named: vec![],
                label: None,
            },
            head.clone(),
            Piece {
                values: rest.clone(),
                named: vec![],
                label: None,
            },
        ];
        let (cells, _) = read(&[part], Template::V2019).unwrap();
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let unnamed = vec![
            Piece {
                values: columns[0].clone(),
                named: vec![],
                label: None,
            },
            Piece {
                values: columns[1][1..].to_vec(),
                named: vec![],
                label: None,
            },
            Piece {
                named: vec![],
                ..head
            },
            Piece {
                values: rest,
                named: vec![],
                label: None,
            },
        ];
        assert!(read(&[unnamed], Template::V2019).is_none());
    }

    /// pdfminer.six text of v2019-html.pdf: rows 一 and 二 as one piece after their labels,
    /// the first two columns row by row, three columns top and bottom, the last two row by row
    /// (`134 · 14 · 3 · 0 · 3 · 0 · 1 · 0 · 11 · 1 · 1 · 164 · 0 · 4`); 自然人's cells each
    /// after its label (one glued to it: `1.属于国家秘密 0`); the other columns column by
    /// column. Every cell of table 三 as the truth has it; the band's piece without its label
    /// (read in its place, column by column) gives nothing.
    #[test]
    fn v2019_html_reads_its_band_of_two_rows() {
        let doc = corpus_doc("v2019-html-pdfminer.txt");
        let parts = region_of(&doc, Template::V2019).parts;
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0][0].values.len(), 14);
        assert_eq!(parts[0][0].label, Some("carried_in"));
        assert_eq!(parts[1][2].values, [0]);
        assert_eq!(parts[1][2].label, Some("deny_state_secret"));
        let truth = truth_t3("v2019-html-pdfminer.json");
        let (cells, _) = read(&parts, Template::V2019).unwrap();
        assert_eq!(cells.len(), 161);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let mut unlabelled = parts;
        unlabelled[0][0].label = None;
        assert!(read(&unlabelled, Template::V2019).is_none());
    }

    /// A piece that is the next rows' cells column by column, written before the rows below
    /// (a band of tall rows), read as such; with the rows' last one written row by row after
    /// the band's columns, too. The rest in place column by column.
    #[test]
    fn the_next_rows_column_by_column() {
        let truth = truth_t3("social-org-pdfminer.json");
        let columns = social_org_columns(&truth);
        let piece = |values: Vec<u64>| Piece {
            values,
            named: vec![],
            label: None,
        };
        let band: Vec<u64> = columns.iter().flat_map(|c| c[..3].to_vec()).collect();
        let below: Vec<u64> = columns.iter().flat_map(|c| c[3..].to_vec()).collect();
        let part = vec![piece(band.clone()), piece(below.clone())];
        let (cells, _) = read(&[part], Template::V2019).unwrap();
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        // Rows 0 and 1 column by column, then row 2 in print order.
        let mut two_then_one: Vec<u64> = columns.iter().flat_map(|c| c[..2].to_vec()).collect();
        two_then_one.extend(columns.iter().map(|c| c[2]));
        let part = vec![piece(two_then_one), piece(below)];
        let (cells, _) = read(&[part], Template::V2019).unwrap();
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
    }

    /// pdfminer.six text of single-other.pdf: 总计's column after table 四 and heading 五
    /// (`尚未 / 审结 / 0 / 436 / 7 / … / 429 / 14`, table 四's 0 first), the region six
    /// columns: the run's last 23 values are the column, in place. Every cell of table 三 as
    /// the truth has it; the run cut short, nothing.
    #[test]
    fn a_column_written_after_table_four() {
        let doc = corpus_doc("single-other-pdfminer.txt");
        let region = region_of(&doc, Template::V2021);
        assert!(read(&region.parts, Template::V2021).is_none());
        let run = region.late_runs.iter().find(|r| r.len() == 24).unwrap();
        assert_eq!((run[0], run[1], run[23]), (0, 436, 14));
        let truth = truth_t3("single-other-pdfminer.json");
        let (cells, single_other) = read_region(&region, Template::V2021).unwrap();
        assert!(single_other);
        assert_eq!(cells.len(), 161);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let mut short = region;
        for r in &mut short.late_runs {
            r.truncate(20);
        }
        assert!(read_region(&short, Template::V2021).is_none());
    }

    /// The orders of a band: one row in print order; two rows in 21 orders (groups of one
    /// or two columns), the print order of each column top and bottom among them.
    #[test]
    fn band_orders_of_one_and_two_rows() {
        assert_eq!(band_orders(1).len(), 1);
        assert_eq!(band_orders(2).len(), 21);
        let column_by_column: Vec<(usize, usize)> =
            (0..COLUMNS).flat_map(|c| [(0, c), (1, c)]).collect();
        assert!(band_orders(2).contains(&column_by_column));
        assert!(band_orders(3).is_empty());
    }

    /// A value after its label on the label's line, glued or after a space; a count of a
    /// unit (`第 3`) or a number alone is none.
    #[test]
    fn a_value_at_a_label_line_s_end() {
        assert_eq!(
            label_then_value("7.属于行政执法案卷1"),
            Some(("7.属于行政执法案卷", 1))
        );
        assert_eq!(
            label_then_value("一、本年新收政府信息公开申请数量 134"),
            Some(("一、本年新收政府信息公开申请数量", 134))
        );
        assert_eq!(
            label_then_value("1.属于国家秘密 0"),
            Some(("1.属于国家秘密", 0))
        );
        assert_eq!(label_then_value("第 3"), None);
        assert_eq!(label_then_value("3 4"), None);
        assert_eq!(label_then_value("其他"), None);
    }

    /// Labels split at their enumerators: two lines of one box, a group label before a row's.
    #[test]
    fn labels_are_split_at_their_enumerators() {
        assert_eq!(
            labels_in("8.属于行政查询事项1.本机关不掌握相关政府信息"),
            ["8.属于行政查询事项", "1.本机关不掌握相关政府信息"]
        );
        assert_eq!(
            labels_in("（七）总计四、结转下年度继续办理"),
            ["（七）总计", "四、结转下年度继续办理"]
        );
        assert_eq!(labels_in("关政府信息"), ["关政府信息"]);
    }
}
