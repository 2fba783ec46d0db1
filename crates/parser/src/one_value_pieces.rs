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
//! 1. Table 三's region runs from heading 三 to table 四's own words; a value glued to the end
//!    of a label line (`7.属于行政执法案卷1`) is a value after that label. Every page part holds
//!    whole rows (its values a multiple of seven), the parts together one of the template's
//!    layouts.
//! 2. Each piece is read in one of these ways, every combination tried:
//!    - **in its place**: its values go on filling the page column by column, top to bottom,
//!      the columns left to right, skipping cells already placed;
//!    - **under its headers**: after header boxes naming columns, its values fill those
//!      columns (left to right) first;
//!    - **at its column's head**: after a header box naming one column, its first value is
//!      that column's top cell on the table's first page part, the rest in its place;
//!    - **beside its label**: after a text naming a row (its last label, split at the
//!      enumerators), the piece is 自然人's cells down to that label's row — or, four values
//!      at most, the first two columns' cells of those rows, column by column.
//! 3. On every page part every row adds up (T3-3); over the pages joined, every 勾稽 equation of
//!    table 三 holds (T3-1/T3-2 per column, T3-3 per row); exactly one set of cells must remain
//!    over every combination and layout. Another reader's cell that differs stops everything.
//!
//! Text input only; a page part with more than [`MAX_COMBINATIONS`] combinations reads nothing.

use crate::column_blocks::combinations;
use crate::column_runs::{header_column, holding_cells, take_whole_table, whole_number};
use crate::sections::heading_number;
use crate::stream::{glued_value, t3_layouts};
use crate::tables::{t3_row_key, Tables};
use xxgk_model::text::fold_printed;
use xxgk_model::{Block, Cell, Document, KeyId, Template};

/// The columns of table 三.
const COLUMNS: usize = 7;

/// Most combinations of the pieces' readings tried on one page part.
const MAX_COMBINATIONS: usize = 4_096;

/// Most readings of the page parts joined that are checked.
const MAX_JOINED: usize = 10_000;

/// Most values a piece read beside its label as two columns may hold.
const MAX_BESIDE_LABEL: usize = 4;

/// Most page parts (none more was seen).
const MAX_PAGE_PARTS: usize = 4;

/// Words of table 四's header: the region of table 三 ends at the first line holding one that
/// is no heading (pdfminer may write heading 四 before table 三's last columns).
const TABLE_FOUR_WORDS: [&str; 4] = ["行政复议", "行政诉讼", "复议后起诉", "未经复议"];

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
    let parts = pieces_of(doc, template);
    let Some((cells, single_other)) = read(&parts, template) else {
        return;
    };
    take_whole_table(out, cells, single_other, "one-value boxes in pieces");
}

/// Step 1: table 三's region as pieces, per page part (pages holding values).
pub(crate) fn pieces_of(doc: &Document, template: Template) -> Vec<Vec<Piece>> {
    let mut reader = RegionReader::new(template);
    for page in &doc.pages {
        reader.new_page();
        for block in &page.blocks {
            let Block::Line(line) = block else {
                reader.end_box();
                continue;
            };
            if line.after_break {
                reader.end_box();
            }
            if !reader.line(&fold_printed(line.text.trim())) {
                return reader.finish();
            }
        }
        reader.end_box();
    }
    // No end of the region: its extent is not known.
    Vec::new()
}

/// The state of [`pieces_of`] while it reads the lines of the document.
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
        if self.part_open {
            self.part_open = false;
        }
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
                    if let Some(row) = t3_row_key(label, self.template, self.label) {
                        self.label = Some(row);
                    }
                }
            }
        }
    }

    /// One line; `false` at the end of the region.
    fn line(&mut self, text: &str) -> bool {
        let table_four = TABLE_FOUR_WORDS.iter().any(|w| text.contains(w));
        match heading_number(text) {
            Some(3) => {
                self.inside = true;
                return true;
            }
            // Heading 四 (written before table 三's last columns) is skipped; a row label
            // such as 四、结转下年度继续办理 is read as one.
            Some(4) if table_four => return true,
            Some(4) => {}
            Some(_) if self.inside => return false,
            None if self.inside && table_four => return false,
            _ => {}
        }
        if !self.inside || text.is_empty() {
            return true;
        }
        if let Some(v) = whole_number(text) {
            self.end_box();
            self.value(v);
        } else if let Some((label, _, value)) = glued_value(text) {
            self.text(label);
            self.end_box();
            match value.parse() {
                Ok(v) => self.value(v),
                Err(_) => self.after_value = false,
            }
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
    UnderHeaders,
    AtHead(usize),
    /// A block of this many columns ending at this row of the page part.
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
            Way::BesideLabel { last_row, columns } => {
                let height = piece.values.len() / columns;
                let top = (last_row + 1).checked_sub(height)?;
                for (i, &v) in piece.values.iter().enumerate() {
                    put(&mut grid, top + i % height, i / height, v)?;
                }
            }
            Way::InPlace | Way::UnderHeaders => {}
        }
    }
    let mut queue: Vec<usize> = Vec::new();
    for (piece, way) in part.iter().zip(chosen) {
        let values = match way {
            Way::InPlace => &piece.values[..],
            Way::UnderHeaders => {
                queue = piece.named.clone();
                queue.sort_unstable();
                queue.dedup();
                &piece.values[..]
            }
            Way::AtHead(_) => &piece.values[1..],
            Way::BesideLabel { .. } => continue,
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

    fn social_org() -> Vec<Vec<Piece>> {
        pieces_of(&corpus_doc("social-org-pdfminer.txt"), Template::V2019)
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
        let rows: Vec<&str> = t3_layouts(Template::V2019)[0].1.clone();
        let columns: Vec<Vec<u64>> = xxgk_model::schema()
            .keys(Template::V2019)
            .filter(|k| k.table == xxgk_model::Table::T3 && k.row == "new_received")
            .map(|k| k.col)
            .map(|c| {
                rows.iter()
                    .map(|r| truth[&format!("t3.{r}.{c}")].parse().unwrap())
                    .collect()
            })
            .collect();
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
