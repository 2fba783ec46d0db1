//! Reading one table row: which cells are its label, which are its values, and placing the
//! values into the template's columns by position (never by the order numbers appear).

use crate::flow::{is_label_text, Row, RowCell};
use xxgk_model::text::classify_value;
use xxgk_model::{Cell, Flag};

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

    /// The label read line by line across its cells (the first line of each cell, then the
    /// second …), where a converter cut one wrapped label into cells by position (pymupdf4llm:
    /// `一、<br>府信<br>数量 | 本年新<br>息公开 | 收政<br>申请` is 一、本年新收政 / 府信息公开申请 /
    /// 数量); `None` unless two cells or more hold the label and one of them several lines.
    pub fn label_by_lines(&self) -> Option<String> {
        let cells: Vec<Vec<&str>> = self
            .labels
            .iter()
            .map(|c| c.text.trim().lines().map(str::trim).collect())
            .filter(|lines: &Vec<&str>| !lines.is_empty())
            .collect();
        if cells.len() < 2 || cells.iter().all(|lines| lines.len() < 2) {
            return None;
        }
        let depth = cells.iter().map(Vec::len).max().unwrap_or(0);
        Some(
            (0..depth)
                .flat_map(|i| cells.iter().filter_map(move |lines| lines.get(i).copied()))
                .collect(),
        )
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
/// are the cells after it. Label text after the values with no value after it is not the
/// row's label but a piece of another (a group label's first line that a converter sorted
/// behind the values: `4.保护第三方合法权益 6 0 0 0 0 0 6 （三）不`); the row's label then
/// ends before its values, which end before that piece.
pub fn split(row: &Row) -> Split<'_> {
    let cells = &row.cells;
    let Some(last_label) = cells.iter().rposition(|c| is_label_text(&c.text)) else {
        return Split {
            labels: Vec::new(),
            values: cells.iter().collect(),
        };
    };
    let stray = stray_label_start(cells, last_label);
    let label_end = stray.map_or(last_label, |(label_end, _)| label_end);
    let values_end = stray.map_or(cells.len(), |(_, start)| start);
    Split {
        labels: cells[..=label_end].iter().collect(),
        values: cells[label_end + 1..values_end].iter().collect(),
    }
}

/// Where a row's label text resumes after its values with nothing but label text and empty
/// cells to its end: the last label cell before the values and the first label cell after.
fn stray_label_start(cells: &[RowCell], last_label: usize) -> Option<(usize, usize)> {
    let is_value = |c: &RowCell| {
        matches!(
            classify_value(&c.text),
            Some((Flag::Number | Flag::Dash, _))
        )
    };
    let first_value = cells[..last_label].iter().position(is_value)?;
    let label_end = cells[..first_value]
        .iter()
        .rposition(|c| is_label_text(&c.text))?;
    let start = first_value
        + cells[first_value..]
            .iter()
            .position(|c| is_label_text(&c.text))?;
    cells[start..]
        .iter()
        .all(|c| !is_value(c))
        .then_some((label_end, start))
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
            ocr_confidence: None,
        },
        // Something that is neither a number nor a mark: keep what was seen, flag it.
        None => Cell {
            value: String::new(),
            flag: Flag::Uncertain,
            raw: rc.text.trim().to_string(),
            page: None,
            bbox: None,
            ocr_confidence: None,
        },
    };
    cell.with_position(rc.page, rc.bbox)
}

/// Place a row's value cells into `k` columns.
///
/// - exactly `k` fields (after dropping surplus empty fields at the end, then at the start):
///   by position;
/// - fewer fields, at least one empty field between the first and the last and every middle
///   field empty: the first field is the first column and the last field the last column (a
///   text row that lost an empty field), the middle columns blank — accepted only when
///   `last_is_total` holds for the numbers (the last column is the row's total), otherwise
///   nothing is placed; two fields alone (`1 1`) say nothing of the first one's column;
/// - anything else: nothing is placed (the caller marks the cells absent and says so).
///
/// Returns one cell per column, or `None` when the row's fields do not fix the columns.
pub fn place(values: &[&RowCell], k: usize, last_is_total: bool) -> Option<Vec<Cell>> {
    if values.iter().any(|c| merges_columns(c)) {
        return place_merged(values, k);
    }
    let mut fields: Vec<&RowCell> = values.to_vec();
    // Surplus empty fields: first at the end (a trailing separator), then at the start (the
    // empty cells of a label area wider than this row's label).
    while fields.len() > k && fields.last().is_some_and(|c| c.text.trim().is_empty()) {
        fields.pop();
    }
    while fields.len() > k && fields.first().is_some_and(|c| c.text.trim().is_empty()) {
        fields.remove(0);
    }
    if fields.len() == k {
        return Some(fields.iter().map(|c| cell_of(c)).collect());
    }
    if fields.len() > k || fields.is_empty() {
        return None;
    }
    let all_empty = fields.iter().all(|c| c.text.trim().is_empty());
    if all_empty {
        // Every printed field is empty: every column is blank (the row exists).
        let template = fields[0];
        return Some((0..k).map(|_| cell_of(template)).collect());
    }
    let n = fields.len();
    // Two fields and no empty one between them (`1 1` for seven columns): nothing says which
    // column the first value is in, so nothing is placed.
    if n < 3 {
        return None;
    }
    let middle_empty = fields[1..n - 1].iter().all(|c| c.text.trim().is_empty());
    if middle_empty && last_is_total {
        let first = cell_of(fields[0]);
        let last = cell_of(fields[n - 1]);
        // The last is the total: it must equal the sum of the others (only the first here).
        if first.number().is_some() && first.number() == last.number() {
            let blank = cell_of(fields[1]);
            debug_assert_eq!(blank.flag, Flag::Blank);
            let mut out = vec![blank; k];
            out[0] = first;
            out[k - 1] = last;
            return Some(out);
        }
    }
    None
}

/// A row of text with an empty cell and a total column: read only when the total is the sum
/// with the empty cells as 0. An empty slot in text is where nothing was seen, which a
/// converter that moved a value to another line or column also leaves (`| | 0 | 0 | 1 | 0 | 6`
/// whose first value went up a line); a row that does not add up with it is not known to be
/// blank there. Rows without empty cells are read as printed, marks and decimals included (the
/// audit judges them); so are empty cells a grid printed (HTML, DOCX, PDF). Empty cells beside
/// marks or decimals (no sum to check) are not known to be blank.
fn blanks_add_up(cells: &[Cell]) -> bool {
    if !cells.iter().any(|c| c.flag == Flag::Blank) {
        return true;
    }
    // A cell read in doubt (`20,3391,768`: two numbers run together) may hold the value of
    // the empty one beside it: nothing says that one is blank.
    if cells.iter().any(|c| c.flag == Flag::Uncertain) {
        return false;
    }
    // Values beside empty slots and nothing under 总计 (`| | 0 | | | | | |`, a line another
    // tool's OCR read a digit of): the sum holds for whatever was not seen (0 = blank), so it
    // says nothing. Only a printed total checks the empty slots beside printed values.
    let printed = cells.iter().any(|c| c.flag != Flag::Blank);
    if printed && cells.last().is_some_and(|c| c.flag == Flag::Blank) {
        return false;
    }
    // Marks beside empty slots (`- - - -` and nothing under 总计): no sum to check, and a total
    // printed with the others would not be empty; nothing says the slots are blank.
    total_balances(cells).unwrap_or(false)
}

/// Whether a row's last cell is the sum of the others, blank cells counted as 0 (T3-3);
/// `None` when a cell is neither a whole number nor blank (a mark, a decimal) or the row is
/// empty: nothing to check.
fn total_balances(cells: &[Cell]) -> Option<bool> {
    let ints = cells
        .iter()
        .map(|c| match c.flag {
            Flag::Blank => Some(0i128),
            Flag::Number => c.value.parse::<i128>().ok(),
            _ => None,
        })
        .collect::<Option<Vec<i128>>>()?;
    (!ints.is_empty()).then(|| last_is_sum_of_rest(&ints))
}

/// Whether the last of `values` is the sum of the others (T3-3, T4-1: a row's or a group's
/// 总计); an overflowing sum adds up to nothing. `false` when empty.
pub(crate) fn last_is_sum_of_rest(values: &[i128]) -> bool {
    let Some((total, parts)) = values.split_last() else {
        return false;
    };
    parts.iter().try_fold(0i128, |a, b| a.checked_add(*b)) == Some(*total)
}

/// Whether a field's text is one value: a number or a dash (never an empty field).
pub(crate) fn is_value_word(text: &str) -> bool {
    matches!(classify_value(text), Some((Flag::Number | Flag::Dash, _)))
}

/// Whether a cell's text is several values separated by spaces (`3001 53`, `0 0`): a
/// converter merged neighbouring columns into one cell. Never one number.
pub(crate) fn holds_several_values(text: &str) -> bool {
    let mut words = text.split_whitespace();
    words.clone().count() >= 2 && words.all(is_value_word)
}

/// Whether a cell of a grid the document drew holds one number wrapped over lines: a cell
/// too narrow for `3001` prints `30` over `01` (LibreOffice's PDFs of Word tables with narrow
/// columns). Located on the page, its lines digits only, each line one run, and the first
/// not `0` (no number begins with 0: `0` over `0` are two rows' values in a cell whose
/// dividing rule was not drawn). One number, never several values; the row it is in is read
/// only where its sum holds with it ([`place_row`]).
pub(crate) fn wrapped_in_cell(c: &RowCell) -> bool {
    let text = c.text.trim();
    let digits = |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit());
    c.bbox.is_some()
        && text.contains('\n')
        && !text.starts_with('0')
        && text.lines().all(|l| digits(l.trim()))
}

/// Whether a cell holds several columns' values (see [`holds_several_values`]), not one
/// number wrapped in its cell ([`wrapped_in_cell`]).
fn merges_columns(c: &RowCell) -> bool {
    holds_several_values(&c.text) && !wrapped_in_cell(c)
}

/// A row whose cells merged neighbouring columns: its cells no longer stand for the columns,
/// so the empty ones say nothing. Its values are placed in order only when they number exactly
/// `k` (every column printed); otherwise nothing is placed.
fn place_merged(values: &[&RowCell], k: usize) -> Option<Vec<Cell>> {
    let mut out = Vec::new();
    for c in values {
        for word in c.text.split_whitespace() {
            let piece = RowCell {
                text: word.to_string(),
                page: c.page,
                bbox: c.bbox,
            };
            let cell = cell_of(&piece);
            if !matches!(cell.flag, Flag::Number | Flag::Dash) {
                return None;
            }
            out.push(cell);
        }
    }
    (out.len() == k).then_some(out)
}

/// A text row with more fields than columns (the converter's spacing split a column in two,
/// so some fields are empty slots of a column that does not exist): its printed values are
/// its columns in order only when there are exactly `k` of them, all numbers. Then no column
/// is blank, so order is position. The caller still checks the table's rules on them (a
/// value moved in from another line would otherwise be taken). Anything else: `None`.
pub fn place_full_row(values: &[&RowCell], k: usize) -> Option<Vec<Cell>> {
    full_row(values, k, false)
}

/// [`place_full_row`] where a dash (`—`, `/`) fills a column as well: every one of the `k`
/// columns printed, as a number or a dash.
pub(crate) fn place_full_row_with_dashes(values: &[&RowCell], k: usize) -> Option<Vec<Cell>> {
    full_row(values, k, true)
}

/// The printed fields of a row in order, when they are exactly `k` numbers (or dashes).
fn full_row(values: &[&RowCell], k: usize, dashes: bool) -> Option<Vec<Cell>> {
    let cells: Vec<Cell> = values
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .map(|c| cell_of(c))
        .collect();
    let printed = cells
        .iter()
        .all(|c| c.flag == Flag::Number || (dashes && c.flag == Flag::Dash));
    (cells.len() == k && printed).then_some(cells)
}

/// Whether a row's last cell is the sum of the others (T3-3), a dash read as 0 to decide
/// (TEMPLATES.md §7.4), with at least one number among them.
fn adds_up_with_dashes(cells: &[Cell]) -> bool {
    let counts: Option<Vec<(u64, bool)>> = cells
        .iter()
        .map(|c| xxgk_model::text::count_to_decide(&c.raw))
        .collect();
    let Some(counts) = counts else {
        return false;
    };
    let ints: Vec<i128> = counts.iter().map(|&(n, _)| i128::from(n)).collect();
    cells.len() >= 2 && counts.iter().any(|&(_, dash)| !dash) && last_is_sum_of_rest(&ints)
}

/// Whether a row's last cell is the sum of the others, all whole numbers (T3-3).
pub(crate) fn total_adds_up(cells: &[Cell]) -> bool {
    cells.len() >= 2
        && cells.iter().all(|c| c.flag == Flag::Number)
        && total_balances(cells) == Some(true)
}

/// The x-extent of each value column of a table read from positioned lines (a borderless
/// table), learned from the rows that print a value in every column.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns(Vec<(f64, f64)>);

impl Columns {
    /// Learn `k` columns from the rows (not from a grid) whose `k` values all have a box.
    /// `None` when no such row exists or the rows disagree (columns overlapping).
    pub fn learn<'a>(rows: impl Iterator<Item = &'a Row>, k: usize) -> Option<Columns> {
        let mut cols: Vec<(f64, f64)> = vec![(f64::INFINITY, f64::NEG_INFINITY); k];
        let mut seen = 0;
        for row in rows.filter(|r| !r.from_grid) {
            let sp = split(row);
            if sp.values.len() != k || sp.values.iter().any(|c| c.bbox.is_none()) {
                continue;
            }
            for (col, v) in cols.iter_mut().zip(&sp.values) {
                if let Some(b) = v.bbox {
                    col.0 = col.0.min(b.x0);
                    col.1 = col.1.max(b.x1);
                }
            }
            seen += 1;
        }
        if seen == 0 || cols.windows(2).any(|w| w[0].1 > w[1].0) {
            return None;
        }
        Some(Columns(cols))
    }

    /// Place values by their x position. Columns without a value are blank (the cell is
    /// printed empty); `None` when a value fits no column or two values fit the same one.
    pub fn place(&self, values: &[&RowCell]) -> Option<Vec<Cell>> {
        let mut out: Vec<Option<Cell>> = vec![None; self.0.len()];
        for v in values {
            if v.text.trim().is_empty() {
                continue;
            }
            if merges_columns(v) {
                return None;
            }
            let b = v.bbox?;
            let overlap = |&(x0, x1): &(f64, f64)| (x1.min(b.x1) - x0.max(b.x0)).max(0.0);
            let (j, best) = self
                .0
                .iter()
                .map(overlap)
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(&b.1))?;
            if best <= 0.0 || out[j].is_some() {
                return None;
            }
            out[j] = Some(cell_of(v));
        }
        let page = values.iter().find_map(|v| v.page);
        Some(
            out.into_iter()
                .map(|c| c.unwrap_or_else(|| Cell::blank(page)))
                .collect(),
        )
    }
}

/// Empty slots a row of the table's own grid can have between its label and its values: the
/// label columns right of the row's label (table 三 has three label columns).
const MAX_EMPTY_LABEL_SLOTS: usize = 2;

/// Place a row's values into `k` columns: by position in the document's own cells (a grid
/// or a full line), else by x position against `columns` (a borderless table with blanks).
pub fn place_row(
    row: &Row,
    values: &[&RowCell],
    k: usize,
    last_is_total: bool,
    columns: Option<&Columns>,
) -> Option<Vec<Cell>> {
    // A label cell holding value words after its text (`规章 2 0`: the cells of a sheet printed
    // without rulings, cut by the page's print areas rather than the table's columns;
    // `行政许可<br>447` beside `228`, one number cut in two): the row's cells are not the
    // table's columns, so neither its values nor its empty cells are known — on a grid that
    // printed its cells as much as in text.
    if split(row)
        .labels
        .last()
        .is_some_and(|c| label_then_values(&c.text))
    {
        return None;
    }
    let cells = place_row_cells(row, values, k, last_is_total, columns)?;
    // A lone ideograph after the label's words (`规章 工 | | 0 | 10`: another tool's OCR read
    // a `1` as 工) stood where a value is: the empty slot beside it is not known to be blank.
    if label_ends_in_a_mark(row) && any_blank(&cells) {
        return None;
    }
    let cells = settle_lookalikes(cells, last_is_total);
    (!row.blanks_unknown || !any_blank(&cells)).then_some(cells)
}

/// A row whose cells print letters for digits (`34 0 O 0 0 O 34`: another tool's OCR text),
/// which are `uncertain`: the letters are those digits only when the row adds up with them
/// (T3-3, the last cell its total); then they are numbers, their raw text kept. Otherwise they
/// stay `uncertain`.
fn settle_lookalikes(cells: Vec<Cell>, last_is_total: bool) -> Vec<Cell> {
    let digit = |c: &Cell| {
        (c.flag == Flag::Uncertain)
            .then(|| xxgk_model::text::lookalike_digit(&c.raw))
            .flatten()
    };
    if !last_is_total || !cells.iter().any(|c| digit(c).is_some()) {
        return cells;
    }
    let read: Vec<Cell> = cells
        .iter()
        .map(|c| match digit(c) {
            Some(d) => Cell {
                value: d.to_string(),
                flag: Flag::Number,
                ..c.clone()
            },
            None => c.clone(),
        })
        .collect();
    if total_adds_up(&read) {
        read
    } else {
        cells
    }
}

/// Whether the row's label ends in a word set apart from its words that no template label
/// ends in: one ideograph (`规章 工`, OCR's 工 for 1), a number with a mark (`行政规范性文件
/// 26.`, OCR's speck after 26, which the text's grid then took for label text) or a number
/// run into one ideograph (`行政处罚 4和`, Tesseract's 4743). Each was printed in a value's
/// place.
fn label_ends_in_a_mark(row: &Row) -> bool {
    use xxgk_model::text::is_han;
    split(row).labels.last().is_some_and(|c| {
        let words: Vec<&str> = c.text.split_whitespace().collect();
        let last = words.last().map_or("", |w| w);
        let ideograph = is_lone_ideograph(last);
        let number = last.chars().any(|ch| ch.is_ascii_digit()) && !last.chars().any(is_han);
        let digits = last.trim_end_matches(is_han);
        let run_into = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && last[digits.len()..].chars().count() == 1;
        words.len() >= 2 && (ideograph || number || run_into)
    })
}

/// Whether a word is one ideograph alone: no template label is one character, so among values
/// it is a mark another tool's OCR made of a digit, a rule or a speck (`规章 工`, `61 人 3050`).
pub(crate) fn is_lone_ideograph(word: &str) -> bool {
    let mut chars = word.trim().chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if xxgk_model::text::is_han(c))
}

/// Whether any of a row's placed cells is blank.
pub(crate) fn any_blank(cells: &[Cell]) -> bool {
    cells.iter().any(|c| c.flag == Flag::Blank)
}

/// Longest cell text (bytes) looked at as a row's label cell: a wrapped label of the template
/// with its group column's pieces is under 200; longer text is prose or damage, and the checks
/// that scan a label (against every row label of the schema) are not spent on it.
pub(crate) const MAX_LABEL_CELL: usize = 512;

/// Whether a cell's text is label words followed by value words (`规章 2 0`, `行政许可 95 -1`):
/// the last whitespace-separated word a number or a dash, the first label text.
pub(crate) fn label_then_values(text: &str) -> bool {
    if text.len() > MAX_LABEL_CELL {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.last().is_some_and(|w| is_value_word(w))
        && words.first().is_some_and(|w| is_label_text(w))
}

/// [`place_row`] before the check of its label cell.
fn place_row_cells(
    row: &Row,
    values: &[&RowCell],
    k: usize,
    last_is_total: bool,
    columns: Option<&Columns>,
) -> Option<Vec<Cell>> {
    let glued = value_glued_to_label(row);
    if !row.from_grid && values.len() != k {
        if let Some(cells) = columns.and_then(|c| c.place(values)) {
            if glued && any_blank(&cells) {
                return glued_first_value(row, cells, last_is_total);
            }
            return Some(cells);
        }
    }
    if let Some(cells) = place_grouped_run(row, values, k, last_is_total) {
        return Some(cells);
    }
    let located = values.iter().any(|c| c.bbox.is_some());
    let Some(cells) = place(values, k, last_is_total) else {
        // Text whose columns drifted (a column split in two by the converter's spacing):
        // every column printed and the row's rule holding pins the values in order.
        // A dash printed for 0 is a column printed too; the row's rule decides with it as 0.
        return (last_is_total && !row.printed_blanks && !located)
            .then(|| place_full_row_with_dashes(values, k))
            .flatten()
            .filter(|cells| adds_up_with_dashes(cells));
    };
    // Cells holding several values (`| 30 | 53 0 | 0 | 61 4 | 31 |`: markitdown's slots of a
    // PDF) stand for no column: their values are the row's in order only when the row adds up
    // (T3-3; a row with dashes has no sum to check), which a line of another row's values or
    // of wrapped digits does not.
    let merged = values.iter().any(|c| merges_columns(c));
    if merged && last_is_total && total_balances(&cells) == Some(false) {
        return None;
    }
    // A number wrapped in its cell is read only where the row's sum holds with it.
    let wrapped = values.iter().any(|c| wrapped_in_cell(c));
    if wrapped && !(last_is_total && total_balances(&cells) == Some(true)) {
        return None;
    }
    // A value run into the end of the label (`3.危及“三安全一稳0`, OCR's `…申请数量148`): the
    // row's fields lack it, so an empty one is no blank.
    if glued && any_blank(&cells) {
        return glued_first_value(row, cells, last_is_total);
    }
    // Empty cells a text converter left (nothing seen there) must add up; printed ones and
    // cells located on the page are read as they are.
    if row.printed_blanks || located {
        return Some(cells);
    }
    // A text row with more slots than the table has columns (markitdown cuts a PDF's words
    // into its own columns: `|  |  |  |  | 10 |  | 1 |  |  | 1 | 12 |`): its slots are not the
    // table's columns, so an empty one says nothing of which column is blank. (A row label
    // spans at most the table's three label columns, so a grid of the table's own columns has
    // at most two empty label slots before the values.)
    if values.len() > k + MAX_EMPTY_LABEL_SLOTS && cells.iter().any(|c| c.flag == Flag::Blank) {
        return None;
    }
    (!last_is_total || blanks_add_up(&cells)).then_some(cells)
}

/// A text row where numbers printed with thousands separators ran together into one field
/// (`20,3391,768`: pypdf's layout text of a narrow column, 20,339 and 1,768). The separators
/// pin the cut — after a comma come exactly three digits of the same number, so whatever
/// digits follow them begin the next one ([`grouped_pieces`]) — and the row is read in order
/// only when its printed values, so cut, number exactly `k`, all whole numbers, and the row
/// adds up (T3-3: `last_is_total`). Then no column is blank, so order is position. Never a
/// grid that printed its cells, never a row without a total to check.
fn place_grouped_run(
    row: &Row,
    values: &[&RowCell],
    k: usize,
    last_is_total: bool,
) -> Option<Vec<Cell>> {
    if !last_is_total || row.printed_blanks {
        return None;
    }
    let mut cut = false;
    let mut cells = Vec::new();
    for c in values.iter().filter(|c| !c.text.trim().is_empty()) {
        match grouped_pieces(c.text.trim()) {
            Some(pieces) => {
                cut = true;
                cells.extend(pieces.into_iter().map(|text| {
                    cell_of(&RowCell {
                        text,
                        ..(*c).clone()
                    })
                }));
            }
            None => cells.push(cell_of(c)),
        }
    }
    (cut && cells.len() == k && total_adds_up(&cells)).then_some(cells)
}

/// The numbers of a field where two or more numbers printed with thousands separators ran
/// together (`20,3391,768` → `20,339`, `1,768`), or `None` when the field is one number or
/// anything else. A comma is followed by exactly three digits of its number; digits beyond
/// them begin the next number, whose first group (before its own comma) has one to three
/// digits and no leading zero; the last may be a plain number below 1,000. Each cut is forced
/// by the grouping, so the reading is unique or there is none.
pub(crate) fn grouped_pieces(text: &str) -> Option<Vec<String>> {
    if !text.contains(',') || !text.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    let groups: Vec<&str> = text.split(',').collect();
    let first = groups.first()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let mut pieces: Vec<String> = Vec::new();
    let mut current = first.to_string();
    for group in &groups[1..] {
        if group.len() < 3 {
            return None;
        }
        let (own, next) = group.split_at(3);
        if current.starts_with('0') {
            // `0,768` is no number.
            return None;
        }
        current.push(',');
        current.push_str(own);
        if next.is_empty() {
            continue;
        }
        if next.len() > 3 || (next.starts_with('0') && next.len() > 1) {
            return None;
        }
        pieces.push(std::mem::replace(&mut current, next.to_string()));
    }
    pieces.push(current);
    (pieces.len() >= 2).then_some(pieces)
}

/// Whether the row's label ends in digits run into a character of its text
/// (`3.危及“三安全一稳0`, PyMuPDF sorting a cell's first value into the wrapped label): a
/// value glued to the label. A label of the templates never ends in a digit.
fn value_glued_to_label(row: &Row) -> bool {
    split(row)
        .labels
        .last()
        .is_some_and(|c| glued_value(c.text.trim_end()).is_some())
}

/// A label ending in a number glued to it (`其他对外管理服务事项23`, a fee
/// `行政事业性收费2758.07`): the label before it and the number. The number is a run of ASCII
/// digits, with at most one decimal point inside it, right after a character that is no ASCII.
pub(crate) fn glued_value(label: &str) -> Option<(&str, &str)> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let text = label.trim_end_matches(|c: char| c.is_ascii_digit());
    let text = match text.strip_suffix('.') {
        // A decimal: digits before the point too.
        Some(int) if text.len() < label.len() => {
            let head = int.trim_end_matches(|c: char| c.is_ascii_digit());
            if head.len() < int.len() {
                head
            } else {
                text
            }
        }
        _ => text,
    };
    let number = &label[text.len()..];
    (digits(number) > 0 && text.chars().last().is_some_and(|c| !c.is_ascii()))
        .then_some((text, number))
}

/// A row whose label ends in a value (`一、本年新收政府信息公开申请数量148 ¦ 7 ¦ 0 …`: OCR ran the
/// first column's value into the label), placed with a blank. That value is the first
/// column's only when the first column is the row's one blank and the row adds up with it
/// there (T3-3); otherwise nothing says which of its cells are blank, and nothing is placed.
fn glued_first_value(row: &Row, mut cells: Vec<Cell>, last_is_total: bool) -> Option<Vec<Cell>> {
    let only_first_blank = cells.first().is_some_and(|c| c.flag == Flag::Blank)
        && cells.iter().filter(|c| c.flag == Flag::Blank).count() == 1;
    if !last_is_total || !only_first_blank {
        return None;
    }
    let label = split(row).labels.last().copied()?;
    let value = cell_of(&RowCell {
        text: glued_value(label.text.trim_end())?.1.to_string(),
        page: label.page,
        bbox: None,
    });
    cells[0] = Cell {
        page: cells[0].page,
        ..value
    };
    total_adds_up(&cells).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pymupdf4llm of LibreOffice's PDF of huaian-2024.docx: row 一's wrapped label cut into
    /// three cells by position reads line by line across them; a group column beside a row
    /// label, each a character a line, is no such label (the reader matches those cell by
    /// cell first); a label in one cell, or in cells of one line each: none.
    #[test]
    fn a_label_cut_into_cells_reads_line_by_line() {
        let row = |texts: &[&str]| crate::flow::text_grid_row(texts);
        let first = row(&[
            "一、\n府信\n数量",
            "本年新\n息公开",
            "收政\n申请",
            "30\n01",
            "53",
            "0",
        ]);
        assert_eq!(
            split(&first).label_by_lines().as_deref(),
            Some("一、本年新收政府信息公开申请数量")
        );
        let total = row(&["（七\n计", "）总", "29\n32", "53"]);
        assert_eq!(
            split(&total).label_by_lines().as_deref(),
            Some("（七）总计")
        );
        assert_eq!(
            split(&row(&["一、本年新\n收政府", "3"])).label_by_lines(),
            None
        );
        assert_eq!(
            split(&row(&["三、本年度", "（一）予以公开", "37"])).label_by_lines(),
            None
        );
    }

    fn cells(texts: &[&str]) -> Vec<RowCell> {
        texts
            .iter()
            .map(|t| RowCell {
                text: t.to_string(),
                page: None,
                bbox: None,
            })
            .collect()
    }

    fn values(p: Option<Vec<Cell>>) -> Option<Vec<(Flag, String)>> {
        Some(p?.into_iter().map(|c| (c.flag, c.value)).collect())
    }

    /// LibreOffice Writer's PDF of huaian-2024.doc: cells of the drawn grid too narrow for
    /// four digits (`30` over `01`). One number each where the row's sum holds with them; a
    /// cell of `0` over `0` is two rows' values, and the row is not read.
    #[test]
    fn a_number_wrapped_inside_its_cell_is_one_number_where_the_row_adds_up() {
        let located = |t: &str| RowCell {
            bbox: Some(xxgk_model::BBox::new(0.0, 0.0, 1.0, 1.0)),
            ..cells(&[t])[0].clone()
        };
        let place = |texts: &[&str]| {
            let located: Vec<RowCell> = texts.iter().map(|t| located(t)).collect();
            let row = Row {
                cells: located.clone(),
                from_grid: true,
                printed_blanks: true,
                ..Row::default()
            };
            let refs: Vec<&RowCell> = located.iter().skip(1).collect();
            values(place_row(&row, &refs, 7, true, None))
        };
        let row_one =
            |total: &'static str| ["一、本年新收", "30\n01", "53", "0", "0", "61", "4", total];
        let got = place(&row_one("31\n19"));
        let got: Vec<String> = got.expect("placed").into_iter().map(|(_, v)| v).collect();
        assert_eq!(got, ["3001", "53", "0", "0", "61", "4", "3119"]);
        // The sum does not hold with the pieces joined: nothing.
        assert!(place(&row_one("31\n18")).is_none());
        // `0` over `0`: no number wraps so.
        assert!(place(&["一、", "3\n34", "0\n0", "0", "0", "0", "0", "3\n34"]).is_none());
        assert!(!wrapped_in_cell(&located("0\n0")));
        assert!(wrapped_in_cell(&located("12\n88")));
        assert!(!wrapped_in_cell(&located("12 88")));
    }

    #[test]
    fn empty_slots_beside_marks_or_a_cell_in_doubt_or_a_glued_value_are_not_blank() {
        let place = |texts: &[&str]| {
            let row = Row {
                cells: cells(texts),
                from_grid: true,
                ..Row::default()
            };
            let refs: Vec<&RowCell> = row.cells.iter().skip(1).collect();
            place_row(&row, &refs, 7, true, None)
        };
        // Tesseract's text of a scan: a line of dashes under a row, nothing under 总计.
        assert_eq!(place(&["果", "-", "-", "-", "-", "", "", ""]), None);
        // pypdf's layout text of thousands.pdf: 20,339 and 1,768 run together, the slot
        // beside them empty: no blank; read only cut by the separators (below).
        assert_eq!(
            place(&[
                "一、本年新收",
                "20,3391,768",
                "",
                "53",
                "74",
                "539",
                "407",
                "23,179"
            ]),
            None
        );
        // PyMuPDF sort=True of borderless.pdf: the first 0 run into the label (truth 0 × 7).
        assert_eq!(
            place(&["3.危及“三安全一稳0", "0", "0", "0", "0", "0", "0", ""]),
            None
        );
        // The same row printed whole is read.
        assert!(place(&["3.危及“三安全一稳定”", "0", "0", "0", "0", "0", "0", "0"]).is_some());
        // Tesseract's text of v2021-docx.pdf: one `0` seen of （二）'s `48 4 0 0 1 0 53`,
        // nothing under 总计 — the sum holds for anything unseen: no blank, nothing placed.
        assert_eq!(
            place(&["情形，不计其他情形)", "", "0", "", "", "", "", ""]),
            None
        );
        // A printed total checks the empty slots; a row printed empty throughout is blank.
        assert!(place(&["3.危及", "5", "", "", "", "", "", "5"]).is_some());
        assert!(place(&["3.危及", "", "", "", "", "", "", ""]).is_some());
        // Tesseract's `规章 工 0 10` (工 for 1): the empty slot beside the mark is no blank.
        let place_k = |texts: &[&str], k: usize| {
            let row = Row {
                cells: cells(texts),
                ..Row::default()
            };
            let refs: Vec<&RowCell> = row.cells.iter().skip(1).collect();
            place_row(&row, &refs, k, false, None)
        };
        let place3 = |texts: &[&str]| place_k(texts, 3);
        assert_eq!(place3(&["规章 工", "", "0", "10"]), None);
        // RapidOCR's `行政规范性文件  8  26.  66`: `26.` went into the label, the slots shifted.
        assert_eq!(place3(&["行政规范性文件 26.", "8", "66", ""]), None);
        assert!(place3(&["规章", "", "0", "10"]).is_some());
        // Tesseract's `行政处罚  4和` for 4743: the value's slot is no blank.
        assert_eq!(place_k(&["行政处罚 4和", ""], 1), None);
        assert!(place_k(&["行政处罚", ""], 1).is_some());
        // An enumerated label set apart from its group's words is a label.
        assert!(place3(&["（四）无法提供 1.本机关不掌握相关政府信息", "", "0", "10"]).is_some());
    }

    /// h16's borderless-psrt (a PDF whose fonts map to no text, drawn and OCR'd): Tesseract
    /// ran 自然人's 148 into the row label, so the grid's first cell is empty. The empty cell
    /// is no blank: the label's digits are that cell when the row adds up with them there.
    #[test]
    fn a_value_run_into_the_label_fills_the_first_cell_only_when_the_row_adds_up() {
        let place = |texts: &[&str]| {
            let row = Row {
                cells: cells(texts),
                from_grid: true,
                printed_blanks: true,
                ..Row::default()
            };
            let refs: Vec<&RowCell> = row.cells.iter().skip(1).collect();
            values(place_row(&row, &refs, 7, true, None))
        };
        let label = "一、本年新收政府信息公开申请数量148";
        let got = place(&[label, "", "7", "0", "0", "7", "2", "164"]).expect("placed");
        let numbers: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(numbers, ["148", "7", "0", "0", "7", "2", "164"]);
        assert!(got.iter().all(|(f, _)| *f == Flag::Number));
        // The row does not add up with the digits there; another cell is the empty one; two
        // are empty: nothing says which cells are blank.
        assert_eq!(place(&[label, "", "7", "0", "0", "7", "2", "165"]), None);
        assert_eq!(place(&[label, "148", "7", "", "0", "7", "2", "164"]), None);
        assert_eq!(place(&[label, "", "", "0", "0", "7", "2", "164"]), None);
        // A label without digits keeps its printed blank.
        let plain = place(&[
            "一、本年新收政府信息公开申请数量",
            "",
            "7",
            "0",
            "0",
            "7",
            "2",
            "16",
        ]);
        assert_eq!(plain.expect("placed")[0].0, Flag::Blank);
    }

    /// h9's OCR text of huaian-2024 with `O` printed for 0 (`34 0 O 0 0 O 34`): the letters
    /// are zeros only where the row adds up with them; otherwise they stay `uncertain`.
    #[test]
    fn letters_printed_for_digits_are_read_only_when_the_row_adds_up() {
        let place = |line: &str| {
            let row = crate::flow::line_row(line, &[], 1, false);
            let sp = split(&row);
            values(place_row(&row, &sp.values, 7, true, None))
        };
        let got = place("二、上年结转政府信息公开申请数量 34 0 O 0 0 o 34").expect("placed");
        assert_eq!(
            got.iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(),
            ["34", "0", "0", "0", "0", "0", "34"]
        );
        assert!(got.iter().all(|(f, _)| *f == Flag::Number));
        let got = place("（一）予以公开 l 0 〇 0 0 0 1").expect("placed");
        assert_eq!(got[0], (Flag::Number, "1".into()));
        assert_eq!(got[2], (Flag::Number, "0".into()));
        // The row does not add up with the letters as digits: they stay in doubt.
        let got = place("二、上年结转政府信息公开申请数量 34 0 O 0 0 O 35").expect("placed");
        assert_eq!(got[2].0, Flag::Uncertain);
        assert_eq!(got[5].0, Flag::Uncertain);
        assert_eq!(got[0], (Flag::Number, "34".into()));
    }

    #[test]
    fn numbers_run_together_are_cut_where_their_thousands_separators_say_and_the_row_adds_up() {
        assert_eq!(
            grouped_pieces("20,3391,768"),
            Some(vec!["20,339".to_string(), "1,768".to_string()])
        );
        assert_eq!(
            grouped_pieces("1,23412,345406"),
            Some(vec!["1,234".into(), "12,345".into(), "406".into()])
        );
        // One number, a group of the wrong width, a leading zero: no cut.
        for one in ["20,339", "1,234,567", "20,33", "1,2340,768", "1,2341234"] {
            assert_eq!(grouped_pieces(one), None, "{one}");
        }
        // derived/thousands-pypdf-layout.txt (truth 20339 1768 53 74 539 406 23179, and the
        // same for （七）总计: 20118 1732 53 72 547 399 22921).
        let place = |texts: &[&str]| {
            let row = Row {
                cells: cells(texts),
                from_grid: true,
                ..Row::default()
            };
            let refs: Vec<&RowCell> = row.cells.iter().collect();
            values(place_row(&row, &refs, 7, true, None))
                .map(|v| v.into_iter().map(|(_, v)| v).collect::<Vec<_>>())
        };
        assert_eq!(
            place(&["20,3391,768", "", "53", "74", "539", "406", "23,179"]).unwrap(),
            ["20339", "1768", "53", "74", "539", "406", "23179"]
        );
        assert_eq!(
            place(&["20,1181,732", "", "53", "72", "547", "399", "22,921"]).unwrap(),
            ["20118", "1732", "53", "72", "547", "399", "22921"]
        );
        // The row does not add up, or the cut leaves a value too many: nothing.
        assert_eq!(
            place(&["20,3391,768", "", "53", "74", "539", "407", "23,179"]),
            None
        );
        // Seven fields for seven columns are read by position as before: the run stays in
        // doubt, never cut.
        let seven = place(&["20,3391,768", "1", "53", "74", "539", "406", "23,179"]);
        assert_eq!(seven.as_ref().map(|v| v[0].as_str()), Some(""));
        // A grid that printed its cells: the empty cell is a column, nothing is cut.
        let row = Row {
            cells: cells(&["20,3391,768", "", "53", "74", "539", "406", "23,179"]),
            printed_blanks: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        let got = place_row(&row, &refs, 7, true, None).unwrap();
        assert_eq!((got[0].flag, got[1].flag), (Flag::Uncertain, Flag::Blank));
    }

    #[test]
    fn a_text_row_with_a_column_split_in_two_is_read_in_order_when_its_total_adds_up() {
        // pdftotext -layout (derived/v2021-docx-layout.txt): eight fields for seven columns,
        // every column printed, 420+34+2+0+12+4 = 472.
        let row = Row {
            cells: cells(&["420", "34", "2", "0", "12", "", "4", "472"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        let got = values(place_row(&row, &refs, 7, true, None)).unwrap();
        let got: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(got, ["420", "34", "2", "0", "12", "4", "472"]);
        // A total that does not add up: a value may have come from another line.
        let row = Row {
            cells: cells(&["5", "61", "6", "0", "1", "", "7", "78"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        assert_eq!(place_row(&row, &refs, 7, true, None), None);
        // A grid that printed its empty cells: the empty cell is a column, nothing is placed.
        let row = Row {
            cells: cells(&["420", "34", "2", "0", "12", "", "4", "472"]),
            from_grid: true,
            printed_blanks: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        assert_eq!(place_row(&row, &refs, 7, true, None), None);
    }

    #[test]
    fn a_drifted_row_printing_dashes_for_zero_is_read_when_it_adds_up_with_them_as_zero() {
        // PyMuPDF get_text(sort=True) of the corpus's dash-cells.pdf: `76 4 — — 4 2 86` over
        // ten slots of a text grid whose columns drifted (truth: 76 4 — — 4 2 86).
        let row = Row {
            cells: cells(&["", "", "76", "", "4", "—", "—", "4", "2", "86"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        let got = place_row(&row, &refs, 7, true, None).expect("placed");
        let flags: Vec<Flag> = got.iter().map(|c| c.flag).collect();
        assert_eq!(flags[2], Flag::Dash);
        assert_eq!(got[6].value, "86");
        assert_eq!(got[4].value, "4");
        // One off with the dashes as 0: nothing.
        let row = Row {
            cells: cells(&["", "", "76", "", "4", "—", "—", "4", "2", "87"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        assert_eq!(place_row(&row, &refs, 7, true, None), None);
    }

    #[test]
    fn irregular_text_rows_are_placed_only_when_the_row_rule_fixes_them() {
        // Seed report: '2' + four empty fields + '2' for seven columns, total = natural person.
        let c = cells(&["2", "", "", "", "", "2"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        let got = values(place(&refs, 7, true)).unwrap();
        assert_eq!(got[0], (Flag::Number, "2".into()));
        assert_eq!(got[3], (Flag::Blank, String::new()));
        assert_eq!(got[6], (Flag::Number, "2".into()));
        // The last is not the total of the first: nothing is placed.
        let c = cells(&["2", "", "", "", "", "3"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        assert_eq!(place(&refs, 7, true), None);
        // One field for three columns: nothing is placed (never by order).
        let c = cells(&["5"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        assert_eq!(place(&refs, 3, false), None);
        // Cells holding two values (merged columns): in order when exactly k values, else none.
        let c = cells(&["", "", "11", "0 0", "0", "0 0", "11"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        let got = values(place(&refs, 7, true)).unwrap();
        let got: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(got, ["11", "0", "0", "0", "0", "0", "11"]);
        let c = cells(&["", "3001 53", "0 0", "61", "3119"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        assert_eq!(place(&refs, 7, true), None);
        // Surplus empty fields at the end are dropped.
        let c = cells(&["0", "0", ""]);
        let refs: Vec<&RowCell> = c.iter().collect();
        assert_eq!(values(place(&refs, 2, false)).unwrap().len(), 2);
        // Two values alone for seven columns (blank-zeros, `（二）部分公开… 1 1`): the first
        // could be any applicant column. It was read as 1 in all seven.
        let c = cells(&["1", "1"]);
        let refs: Vec<&RowCell> = c.iter().collect();
        assert_eq!(place(&refs, 7, true), None);
    }

    #[test]
    fn a_text_row_with_more_slots_than_columns_has_no_known_blanks() {
        // markitdown of blank-zeros.pdf: `|  | （七）总计 |  |  |  |  | 10 |  | 1 |  |  | 1 | 12 |`,
        // 1 is 商业企业's (not 科研机构's), the rest blank. Adds up either way.
        let row = Row {
            cells: cells(&["", "", "", "", "10", "", "1", "", "", "1", "12"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        assert_eq!(place_row(&row, &refs, 7, true, None), None);
        // The table's own grid (a label area one slot wider than this row's label): read.
        let row = Row {
            cells: cells(&["", "6", "1", "", "", "", "1", "8"]),
            from_grid: true,
            ..Row::default()
        };
        let refs: Vec<&RowCell> = row.cells.iter().collect();
        let got = values(place_row(&row, &refs, 7, true, None)).unwrap();
        assert_eq!(got[1], (Flag::Number, "1".into()));
        assert_eq!(got[2], (Flag::Blank, String::new()));
    }
}
