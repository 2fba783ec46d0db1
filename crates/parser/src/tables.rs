//! Tables 二, 三 and 四 read row by row (rows gathered by [`crate::gather`]): labels mapped to
//! keys through the schema, values placed by row and column.

use crate::flow::Row;
use crate::fuzzy::strip_enumerator;
use crate::rows::{place_row, split, Columns};
pub(crate) use crate::table_four::read_t4;
pub(crate) use crate::table_two::read_t2;
use crate::two_labels::row_begun_inside;
use std::collections::BTreeMap;
use xxgk_model::schema::{is_other_sub_row, LabelKind};
use xxgk_model::text::{classify_value, normalize_label};
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// What the table readers produced.
#[derive(Debug, Default)]
pub struct Tables {
    /// Cells by key id; keys not read are missing here (the caller fills `absent`).
    pub cells: BTreeMap<KeyId, Cell>,
    /// A v2021 report printing （六）其他处理 as one data row.
    pub single_other: bool,
    /// Things a person may want to know (unrecognised rows, conflicts).
    pub notes: Vec<String>,
    /// Whether any row of each table was seen.
    pub seen: [bool; 3],
    /// Rows printed with values that are no row of the template.
    pub unlisted: Vec<xxgk_model::UnlistedRow>,
    /// Table 二's rows of a text file as gathered, for a reader that needs to know first how
    /// the converter wrote table 三 ([`crate::table_two_sections::fill_by_columns`]).
    pub t2_text: Vec<crate::flow::Row>,
}

/// The keys of one row of a table, in template column order. Table 三's single （六） row is
/// the schema's `single_other` variant (`expected_keys(template, true)`).
pub(crate) fn row_keys(template: Template, table: Table, row: &str) -> Vec<KeyId> {
    schema()
        .expected_keys(template, row == "other")
        .into_iter()
        .filter(|k| k.table == table && k.row == row)
        .map(|k| k.key_id())
        .collect()
}

/// Whether a row's last field is its total and equals the sum of the others: every field a
/// number or blank, or an OCR reading in doubt (`? 1 / 7`) of which exactly one choice makes
/// the sum hold ([`crate::verify::one_fit`]; the verification settles those later); at least
/// one field a number.
fn row_sum_holds(keys: &[KeyId], cells: &[Cell]) -> bool {
    let (Some(total), Some(last)) = (keys.last(), cells.len().checked_sub(1)) else {
        return false;
    };
    if total.col() != "total" || keys.len() != cells.len() {
        return false;
    }
    let mut balance = 0i128;
    let mut open: Vec<(Vec<i128>, i128)> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        let side = if i == last { -1 } else { 1 };
        match c.flag {
            Flag::Number => {
                let v = c.value.parse::<i128>().ok();
                match v.and_then(|v| balance.checked_add(v.checked_mul(side)?)) {
                    Some(b) => balance = b,
                    None => return false,
                }
            }
            Flag::Blank => {}
            Flag::Uncertain if open.len() < crate::verify::MAX_OPEN => {
                open.push((crate::verify::readings(&c.raw), side));
            }
            _ => return false,
        }
    }
    cells.iter().any(|c| c.flag == Flag::Number) && crate::verify::one_fit(balance, &open).is_some()
}

pub(crate) fn put(out: &mut Tables, keys: &[KeyId], cells: Vec<Cell>, label: &str) {
    for (&id, cell) in keys.iter().zip(cells) {
        if out.cells.contains_key(&id) {
            out.notes
                .push(format!("{id}: a second row labelled '{label}' was ignored"));
            return;
        }
        out.cells.insert(id, cell);
    }
}

// ---------------------------------------------------------------- table 三

/// Labels of the column header of table 三 (rows without values carrying these are headers).
pub(crate) fn is_t3_header(norm: &str) -> bool {
    [
        "自然人",
        "申请人情况",
        "法人或其他组织",
        "商业企",
        "科研机",
        // Fragments of the other column headers, which no row label holds (a header drawn in
        // narrow columns: `社会公 / 益组织`, `法律服 / 务机构`).
        "社会公",
        "法律服",
        "勾稽关系",
        "第一项加第二项",
        "第三项加第四项",
    ]
    .iter()
    .any(|w| norm.contains(w))
}

/// The table-三 row a label names, for callers that see one label at a time (dumps):
/// fragments, then "3.其他" after a （六） sub-row, then similarity.
pub(crate) fn t3_row_key(
    label: &str,
    template: Template,
    previous: Option<&'static str>,
) -> Option<&'static str> {
    let s = schema();
    if let Some(k) = s.match_label(Table::T3, LabelKind::Row, label, Some(template)) {
        return Some(k);
    }
    let norm = normalize_label(label);
    // "（六）其他处理1、申请人…" holds its group's words: drop a leading group label.
    let tail = norm
        .rsplit_once("其他处理")
        .map_or(norm.as_str(), |(_, t)| t);
    if strip_enumerator(tail) == "其他" && previous.is_some_and(is_other_sub_row) {
        return Some("other_other");
    }
    crate::fuzzy::closest_row(Table::T3, template, label)
}

/// Read table 三 row by row; returns what the reader met of each row, for
/// [`crate::totals::complete`].
#[cfg(test)]
pub(crate) fn read_t3(
    rows: &[Row],
    template: Template,
    blank_rows: bool,
    out: &mut Tables,
) -> crate::totals::Log {
    read_t3_as_printed(rows, rows, template, blank_rows, out)
}

/// [`read_t3`], where `printed` are the rows as the converter wrote them, before
/// [`crate::detached::attach`] rewrote them into `rows` (it drops value rows it cannot pin):
/// the whole-table readings in print order read those.
pub(crate) fn read_t3_as_printed(
    rows: &[Row],
    printed: &[Row],
    template: Template,
    blank_rows: bool,
    out: &mut Tables,
) -> crate::totals::Log {
    let mut reader = T3Reader::new(rows, template, blank_rows, out);
    reader.printed = printed;
    reader.read()
}

/// Table 三's rows read one at a time, in named steps: [`T3Reader::note_groups`],
/// [`T3Reader::label_only`] (a label line without values), [`T3Reader::identify`] (which row a
/// row with values is), [`T3Reader::unrecognised`], [`T3Reader::place`], then
/// [`T3Reader::finish`] (a pending blank row; the single-row （六） of the schema's
/// `single_other` variant).
struct T3Reader<'a> {
    rows: &'a [Row],
    /// The rows as the converter wrote them (see [`read_t3_as_printed`]).
    printed: &'a [Row],
    template: Template,
    /// Whether a row label printed with nothing after it is a row printed blank (a page laid
    /// out in columns); in text without positions it only says the values are elsewhere.
    blank_rows: bool,
    columns: Option<Columns>,
    /// Pages of text where no row prints every column: see [`pages_missing_a_column`].
    short_pages: Vec<u32>,
    /// Label fragments of the lines before the current one (a wrapped label), at most
    /// [`MAX_FRAGMENTS`].
    fragments: Vec<String>,
    /// The group (（三）不予公开 …) the rows are under.
    group: Option<&'static str>,
    last_key: Option<&'static str>,
    /// （六）其他处理 carrying values in a v2021 report: used when no sub-row is found.
    other_candidate: Option<(Vec<Cell>, String)>,
    /// A row label printed on a line of its own, waiting for values on a following line.
    pending: Option<PendingRow>,
    /// Rows printed empty that were followed by another row printed empty: blank only once a
    /// row read with values follows cleanly (see [`T3Reader::settle_empty`]).
    empty_rows: Vec<PendingRow>,
    /// Rows met with values so far (placed or not): a later empty line naming one continues it.
    valued: Vec<&'static str>,
    /// A value row naming no row was met since the last row placed: a row named afterwards on
    /// a line printed empty (`3.危 | 5 | 0 …` then `全一`, the end of its wrapped label) may
    /// own those values, so it is not known to be blank.
    unplaced_values: bool,
    /// Values of a row naming no row, met after a pending row: see [`Orphan`].
    orphan: Option<Orphan>,
    /// The template's rows of table 三, in order.
    order: Vec<&'static str>,
    /// Index of the row being read.
    at: usize,
    /// Rows whose values were placed from their own line: (row index, key), in reading order.
    anchors: Vec<(usize, &'static str)>,
    /// Rows printed empty that the last [`T3Reader::settle_empty`] wrote blank.
    settled: Vec<&'static str>,
    /// Each row placed from its own line, with the rows printed empty it settled as blank.
    placements: Vec<(&'static str, Vec<&'static str>)>,
    /// Rows whose values sit off their labels: met with two value lines under one wrapped
    /// label ([`T3Reader::doubled`]), or on a line shared with the tail of the row above
    /// ([`T3Reader::shared_line`]).
    in_doubt: Vec<&'static str>,
    /// A value line was met beside a label cell holding the tail of one row and the head of
    /// the next ([`T3Reader::labels_of_two_rows`]): the values sit off their labels too.
    two_rows_in_a_cell: bool,
    /// A value row without its label was not pinned to a row ([`Self::resolve_orphan`]).
    orphan_lost: bool,
    /// What was met of each row, for [`crate::totals::complete`].
    log: crate::totals::Log,
    out: &'a mut Tables,
}

/// Pages of text where table 三 prints values but no row prints all `width` columns: a column
/// is not on that page. A sheet wider than the paper is printed down, then across (Calc's and
/// Excel's default page order), so the columns that do not fit come pages later, under their
/// header (`其他 总计` and two numbers a row); the empty slot the layout leaves at the page's
/// edge is that column, not a cell printed empty. Only aligned text counts (`pdftotext
/// -layout`: rows with text spans); fields a separator delimits (tabs, pipes) are cells.
fn pages_missing_a_column(rows: &[Row], width: usize) -> Vec<u32> {
    let mut pages: Vec<(u32, bool)> = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.is_aligned_text() || r.is_placed_line())
    {
        let sp = split(row);
        if !sp.has_values() {
            continue;
        }
        let printed = sp
            .values
            .iter()
            .flat_map(|c| c.text.split_whitespace())
            .filter(|w| crate::rows::is_value_word(w))
            .count();
        match pages.iter_mut().find(|(p, _)| *p == row.page) {
            Some((_, full)) => *full |= printed >= width,
            None => pages.push((row.page, printed >= width)),
        }
    }
    pages
        .into_iter()
        .filter_map(|(p, full)| (!full).then_some(p))
        .collect()
}

/// A value row that names no row (its label lost to a wrap: `（三）不 | | 6 0 | …`), met after
/// a row whose own fields were empty or missing (`4.保护第三方合法权益 | | …`). Template order
/// pins it to that row only when the next row read with values is that row's successor in the
/// template: no other row lies between the two anchors. Otherwise neither is placed.
struct Orphan {
    key: &'static str,
    label: String,
    /// The values placed into the row's columns; `None` when they do not fit them, or a second
    /// orphan followed (two value rows for one row).
    cells: Option<Vec<Cell>>,
    /// The value words it held, and its page.
    words: Vec<String>,
    page: u32,
}

/// Fewest characters of a label cell, enumerator aside, taken for a row's whole label when it
/// resembles one: a wrapped label's last line (`反复申请`, `版物`) is shorter.
const MIN_OWN_LABEL: usize = 8;

/// Most label fragments kept for joining a wrapped label.
const MAX_FRAGMENTS: usize = 3;

/// Whether a normalised label begins with an enumerator (`3.要求提`, `（二）部分公开`): the
/// first line of a row's or a group's label, never the tail of one.
fn begins_row(norm: &str) -> bool {
    crate::fuzzy::strip_enumerator(norm) != norm
}

/// Most lines one wrapped row label spans in text laid out in columns (a narrow label
/// column: `1.本机关` / `不掌握相` / `关政府信` / `息`).
const MAX_LABEL_SPAN: usize = 4;

/// One row as split, with what the steps ask of it.
struct Current<'r> {
    row: &'r Row,
    sp: crate::rows::Split<'r>,
    label: String,
    norm: String,
    has_values: bool,
}

impl<'r> Current<'r> {
    /// A row split into its label and values, the label normalised.
    fn of(row: &'r Row) -> Self {
        let sp = split(row);
        let label = sp.label();
        Current {
            row,
            norm: normalize_label(&label),
            has_values: sp.has_values(),
            sp,
            label,
        }
    }
}

impl<'a> T3Reader<'a> {
    fn new(rows: &'a [Row], template: Template, blank_rows: bool, out: &'a mut Tables) -> Self {
        let width = row_keys(template, Table::T3, "new_received").len();
        T3Reader {
            rows,
            printed: rows,
            template,
            blank_rows,
            columns: Columns::learn(rows.iter(), width),
            short_pages: pages_missing_a_column(rows, width),
            fragments: Vec::new(),
            group: None,
            last_key: None,
            other_candidate: None,
            pending: None,
            empty_rows: Vec::new(),
            valued: Vec::new(),
            unplaced_values: false,
            orphan: None,
            order: schema().rows(template, Table::T3),
            at: 0,
            anchors: Vec::new(),
            settled: Vec::new(),
            placements: Vec::new(),
            in_doubt: Vec::new(),
            two_rows_in_a_cell: false,
            orphan_lost: false,
            log: crate::totals::Log::default(),
            out,
        }
    }

    /// Whether a row's last label cell is long enough to be a row's label by itself and
    /// resembles one (OCR's `.本机关不字握相关政府信息`, 掌 read as 字, under `7.属于行政执法案卷`):
    /// a row of its own, its label misread. It continues no label above it and takes none
    /// below; the readers' last resort reads it as the row it resembles.
    fn misread_label_of_its_own(&self, cur: &Current) -> bool {
        cur.sp.labels.last().is_some_and(|c| {
            strip_enumerator(&normalize_label(&c.text)).chars().count() >= MIN_OWN_LABEL
                && crate::fuzzy::closest_row(Table::T3, self.template, &c.text).is_some()
        })
    }

    fn match_row(&self, text: &str) -> Option<&'static str> {
        schema().match_label(Table::T3, LabelKind::Row, text, Some(self.template))
    }

    /// Step: a grid row without a label whose cells hold digits only under number cells of the
    /// row placed just above it, and not under all of them (markitdown of a narrow table:
    /// `| 四、结转下年度 | 10 | 0 0 | … | 10 |` over `| | 3 | | | | 3 |`): the numbers above
    /// wrapped in their cells. They are joined (103) when the joined row adds up (T3-3);
    /// otherwise, or when the cells above cannot be told apart (`0 0`, two columns in one
    /// cell), the numbers above are `uncertain`. Returns whether the row was such a row.
    fn wrapped_digits_below(&mut self, cur: &Current) -> bool {
        let Some(&(at, key)) = self.anchors.last() else {
            return false;
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let filled: Vec<(usize, &str)> = cur
            .row
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.text.trim()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let above = &self.rows[at];
        if at + 1 != self.at
            || !cur.row.from_grid
            || !above.from_grid
            || !cur.norm.is_empty()
            || above.cells.len() != cur.row.cells.len()
            || filled.is_empty()
            || !filled.iter().all(|(_, t)| digits(t))
        {
            return false;
        }
        // The words of the row above, each with its cell.
        let values = split(above).values;
        let words: Vec<(usize, &str)> = above
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| values.iter().any(|v| std::ptr::eq(*v, *c)))
            .flat_map(|(i, c)| c.text.split_whitespace().map(move |w| (i, w)))
            .collect();
        let under_numbers = filled.iter().all(|&(i, _)| {
            words
                .iter()
                .any(|&(j, w)| j == i && digits(w) && !w.starts_with('0'))
        });
        if !under_numbers || filled.len() >= words.len() {
            return false;
        }
        let cols = row_keys(self.template, Table::T3, key);
        let alone = |i: usize| words.iter().filter(|&&(j, _)| j == i).count() == 1;
        let below: Vec<&str> = words
            .iter()
            .map(|&(i, _)| filled.iter().find(|&&(j, _)| j == i).map_or("", |f| f.1))
            .collect();
        let joined: Option<Vec<String>> =
            (words.len() == cols.len() && filled.iter().all(|&(i, _)| alone(i))).then(|| {
                words
                    .iter()
                    .zip(&below)
                    .map(|(&(_, w), b)| format!("{w}{b}"))
                    .collect()
            });
        let numbers: Option<Vec<i128>> = joined
            .as_ref()
            .and_then(|j| j.iter().map(|w| w.parse().ok()).collect());
        let adds_up = numbers.as_ref().is_some_and(|n| {
            n.split_last()
                .is_some_and(|(total, rest)| rest.iter().sum::<i128>() == *total)
        });
        for (j, id) in cols.iter().enumerate() {
            let Some(cell) = self.out.cells.get_mut(id) else {
                continue;
            };
            let continued = below.get(j).filter(|b| !b.is_empty());
            match (&joined, adds_up, continued) {
                (Some(joined), true, Some(b)) => {
                    cell.value.clone_from(&joined[j]);
                    cell.raw = format!("{}\n{b}", cell.raw);
                }
                (_, false, _) if cell.flag == Flag::Number => cell.flag = Flag::Uncertain,
                _ => {}
            }
        }
        if !adds_up {
            self.out.notes.push(format!(
                "表三: the numbers of row {key} go on in the row below (wrapped in their cells) and do not add up joined; kept uncertain"
            ));
        }
        true
    }

    /// Whether the row's label (all its label cells: a label split over tab-separated fields
    /// is one label) is a piece from inside row `key`'s words
    /// ([`crate::two_labels::inner_piece`]).
    fn inner_piece_of(&self, cur: &Current, key: &str) -> bool {
        crate::two_labels::inner_piece(self.template, &cur.norm, key)
    }

    fn match_group(&self, text: &str) -> Option<&'static str> {
        schema().match_label(Table::T3, LabelKind::Group, text, Some(self.template))
    }

    fn read(mut self) -> crate::totals::Log {
        let rows = self.rows;
        for (i, row) in rows.iter().enumerate() {
            self.at = i;
            let cur = Current::of(row);
            if row.unmatched {
                // Values no reader uses; a second value line under a wrapped label all the same.
                if let Some(twice) = self.second_value_line(&cur, None) {
                    self.fragments.clear();
                    self.doubled(twice);
                }
                continue;
            }
            if self.wrapped_digits_below(&cur) {
                continue;
            }
            self.note_groups(&cur);
            if !cur.has_values && (is_t3_header(&cur.norm) || self.total_column_header(&cur)) {
                self.fragments.clear();
                continue;
            }
            if cur.sp.values.is_empty() || (!cur.has_values && !row.from_grid) {
                self.label_only(&cur);
                continue;
            }
            let (key, shown) = self.identify(&cur, i + 1);
            // A grid row without values whose label is a piece from inside a row's words (at a
            // page's top, under the repeated header: `不补正、行政机关…`) is the rest of a label
            // the page broke, no row printed empty.
            let key = key.filter(|k| cur.has_values || !self.inner_piece_of(&cur, k));
            if key.is_none() && cur.has_values && self.labels_of_two_rows(&cur) {
                self.two_rows_in_a_cell = true;
            }
            if let Some(twice) = self.second_value_line(&cur, key) {
                self.fragments.clear();
                self.doubled(twice);
                continue;
            }
            if let Some(k) = key.filter(|k| self.shares_tail_of_row_above(&cur, k)) {
                self.fragments.clear();
                self.shared_line(k);
                continue;
            }
            self.fragments.clear();
            if cur.norm.is_empty() && cur.has_values && self.values_of_several_pending(key) {
                continue;
            }
            if key.is_none() && !cur.has_values {
                // Numbers the split took for label text (`0 0 0 0 0 0 0理`: the last value run
                // into a group label's piece) are values no row read: the rows waiting as
                // printed empty may own them, so none of them is known to be blank.
                if holds_numbers(cur.row) {
                    self.pending = None;
                    self.empty_rows.clear();
                    self.unplaced_values = true;
                }
                // A printed-empty row naming no row: a piece of a wrapped label.
                if !cur.norm.is_empty() {
                    self.push_fragment(&cur.label);
                }
                continue;
            }
            let other_row = self.match_group(&cur.label) == Some("other");
            if key.is_none() && !other_row && (self.pending.is_some() || self.orphan.is_some()) {
                self.stash_orphan(&cur);
                continue;
            }
            if key.is_none() && !other_row && cur.has_values && self.stash_unlabelled(&cur) {
                continue;
            }
            if let (Some(k), true) = (key, cur.has_values) {
                self.resolve_orphan(Some(k));
                self.valued.push(k);
            }
            // A pending row followed by its own values was not empty; another row's: it waits.
            if let Some(pk) = self.pending.take().filter(|pk| key != Some(pk.key)) {
                self.wait_empty(pk);
            }
            if cur.has_values {
                let clean = key.filter(|k| self.placeable(&cur, k));
                self.settle_empty(clean);
            }
            match key {
                Some(key) => self.place(&cur, key, shown),
                None => self.unrecognised(&cur),
            }
        }
        self.finish()
    }

    /// Whether a line without values is the header of the total column (`总计`, with whatever
    /// marks OCR saw beside it: `， ¦ 总计`) above row 一: before any row of table 三 was met
    /// with values, a line of 总计 alone is no row （七）总计, which the template prints after
    /// every other row; joined to the header words below it, it would name that row.
    fn total_column_header(&self, cur: &Current) -> bool {
        let words: String = cur.norm.chars().filter(|c| c.is_alphanumeric()).collect();
        self.valued.is_empty() && words == "总计"
    }

    /// Step: the rows printed empty since the last row with values, now that a row with values
    /// (`clean`: it names a row and its values fit that row's columns) follows them. They are
    /// blank only when it reads cleanly: when it holds more or fewer values than its columns,
    /// or names no row, a value may have moved off an empty row, and they stay absent. (A value
    /// row naming no row right after a pending one is an [`Orphan`] instead.)
    ///
    /// A row printed empty above it must come before it in the template too: one named after
    /// it (`总计` of the column header joined with header words into `总计人业研`, above row 一)
    /// is no row of the table printed empty, and stays absent.
    fn settle_empty(&mut self, clean: Option<&'static str>) {
        let waiting = std::mem::take(&mut self.empty_rows);
        self.settled.clear();
        let Some(settler) = clean else {
            return;
        };
        let at = |key: &str| self.order.iter().position(|r| *r == key);
        let before_settler =
            |key: &str| matches!((at(key), at(settler)), (Some(a), Some(b)) if a < b);
        for row in waiting {
            if before_settler(row.key) {
                if row.printed || self.blank_rows {
                    self.settled.push(row.key);
                }
                row.put(self.out, self.template, self.blank_rows);
            }
        }
    }

    /// A second value line under one wrapped label: `row` holds values and either names the
    /// row placed a few lines above again (any rows) (`2.其他法 | 2 0 …` /
    /// `律行政法` / `规禁止公` / `开 | 30 1 …`), or (text laid out in columns, or a row with no
    /// label at all) names no row while only label pieces without values lie between (`（二）部分公开（区 | 1288 …` / `分处理的…` / `情形…` /
    /// `） | 447 …`). A label holds one row's values; two value lines in it mean the values
    /// sit off their labels (a sheet's cells aligned to the top or the middle of a tall row:
    /// the first line is the row above's, printed empty on its own line). Returns that row.
    fn second_value_line(&self, cur: &Current, key: Option<&'static str>) -> Option<&'static str> {
        if !cur.has_values {
            return None;
        }
        let &(at, placed) = self.anchors.last()?;
        let between = &self.rows[at + 1..self.at];
        if self.at - at > MAX_LABEL_SPAN || between.iter().any(|r| split(r).has_values()) {
            return None;
        }
        // Pieces of a label: naming no row, or the placed row again (its own label's tail).
        let pieces_only = !between.is_empty()
            && between.iter().all(|r| {
                self.match_row(&split(r).label())
                    .is_none_or(|k| k == placed)
            });
        // A value line whose label names no row is another row's in a grid (its label may be
        // unreadable, see `stash_unlabelled`); only text laid out in columns keeps a label's
        // lines apart, or a grid row with no label at all (markitdown's one-row tables).
        let tail =
            key.is_none() && pieces_only && (cur.row.is_aligned_text() || cur.norm.is_empty());
        // Named again: by the tail of its label (`开`, `作`), not by a line that begins a row
        // or a group (`（五） | 1 0 …`, a group label beside the next row's values).
        let again = key == Some(placed) && !begins_row(&cur.norm);
        (again || tail).then_some(placed)
    }

    /// Step: row `key` met with a second value line under its label ([`Self::second_value_line`]):
    /// neither line is its by position. What its first line gave is taken back — its cells,
    /// its anchor, and the rows printed empty it settled as blank (the first line may be
    /// theirs) — and nothing pending is known to be blank. Rows between anchors may still be
    /// read in template order ([`Self::columns_between_anchors`]).
    fn doubled(&mut self, key: &'static str) {
        self.take_back(key);
        self.off_labels(
            key,
            format!("表三: row {key} printed two value lines under its label; the values sit off their labels, so neither is placed by position"),
        );
    }

    /// Row `key` is in doubt, the table's values sit off their labels: nothing pending is
    /// known to be blank, and a person is told why (`note`).
    fn off_labels(&mut self, key: &'static str, note: String) {
        self.in_doubt.push(key);
        self.pending = None;
        self.empty_rows.clear();
        self.unplaced_values = true;
        self.log.lost();
        self.out.notes.push(note);
    }

    /// Whether a value line that begins row `key` also holds the tail of the label of the row
    /// above it in the template, which has no values yet ([`crate::two_labels::holds_tail_of`]:
    /// `（三）不` / `予公开 项1.本机关 | 5 0 …`, 8.属于行政查询事项 ending where
    /// 1.本机关不掌握… begins).
    fn shares_tail_of_row_above(&self, cur: &Current, key: &'static str) -> bool {
        let Some(above) = self.predecessor(key) else {
            return false;
        };
        cur.has_values
            && !self.is_seen(above)
            && crate::two_labels::holds_tail_of(self.template, &cur.norm, key, above)
    }

    /// Step: values on a line shared by the tail of one row's label and the head of the
    /// next's ([`Self::shares_tail_of_row_above`]). They are the row whose label ends there
    /// (a sheet's cells set at the bottom of a tall row) or the one that begins there (set at
    /// the top); the text does not say which, so neither is placed by position, nothing
    /// pending is known to be blank, and the table's values are taken to sit off their labels
    /// (rows may still be read in template order: [`Self::whole_stream_in_order`],
    /// [`Self::columns_between_anchors`]).
    fn shared_line(&mut self, key: &'static str) {
        self.off_labels(
            key,
            format!("表三: row {key} begins on a line that also ends the label of the row above it; which row the line's values are is not known, so they are not placed by position"),
        );
    }

    /// What row `key`'s own line gave: its cells, its anchor, and the rows printed empty it
    /// settled as blank.
    fn take_back(&mut self, key: &'static str) {
        let taken: Vec<&'static str> = self
            .placements
            .iter()
            .filter(|(k, _)| *k == key)
            .flat_map(|(k, blanks)| std::iter::once(*k).chain(blanks.iter().copied()))
            .collect();
        for row in &taken {
            for id in row_keys(self.template, Table::T3, row) {
                self.out.cells.remove(&id);
            }
        }
        self.placements.retain(|(k, _)| *k != key);
        self.anchors.retain(|&(_, k)| k != key);
    }

    /// Step (end of the table): once a label was seen holding two value lines, the lines of
    /// values, top to bottom, may still be the template's rows in order (a sheet prints every
    /// row's values on one line, whatever label they landed beside): when the whole table
    /// reads so ([`crate::stream::read_t3_in_order`]: every cell printed, every equation
    /// holding), those cells replace whatever was read by position. Returns whether it did.
    fn whole_stream_in_order(&mut self) -> bool {
        if self.in_doubt.is_empty() && !self.two_rows_in_a_cell && !self.orphan_lost {
            return false;
        }
        let mut notes = Vec::new();
        let Some(read) = crate::stream::read_t3_in_order(self.printed, self.template, &mut notes)
        else {
            return false;
        };
        self.out.cells.retain(|k, _| k.table() != Table::T3);
        self.out.single_other |= read.single_other;
        for (id, cell) in read.cells {
            self.out.cells.insert(id, cell);
        }
        self.out.notes.extend(notes);
        self.pending = None;
        self.empty_rows.clear();
        self.other_candidate = None;
        true
    }

    /// Step (end of the table): the values of this table sit off their labels (a label holding
    /// two value lines, a value line beside the labels of two rows), every value line is there,
    /// and the whole table does not read in template order ([`Self::whole_stream_in_order`]: an
    /// equation fails, as in a report whose sums do not add up). Then a row read by position
    /// may hold the values of a neighbour whose label it shares a line with (`反复申请 | 0 …`
    /// under `5.要求行`: 4.'s values), and nothing confirms any of them: every number read so
    /// far is `uncertain`, its value and raw text kept.
    fn positions_in_doubt(&mut self) {
        if self.in_doubt.is_empty() && !self.two_rows_in_a_cell {
            return;
        }
        // Only where the template-order reading was possible and refuted (every value line
        // there, an equation failing): with values missing, the rows read by position are
        // what the steps below judge, as before.
        if !crate::stream::t3_count_fits(self.printed, self.template) {
            return;
        }
        let mut doubted = 0;
        for (id, cell) in self.out.cells.iter_mut() {
            if id.table() == Table::T3 && cell.flag == Flag::Number {
                cell.flag = Flag::Uncertain;
                doubted += 1;
            }
        }
        if doubted > 0 {
            self.out.notes.push(format!(
                "表三: the values sit off their labels and the table does not read in template order (an equation fails); {doubted} cells read by position are uncertain"
            ));
        }
    }

    /// Step (end of the table): once a label was seen holding two value lines, the values of
    /// this table sit off their labels, and a row read from the first line of a label that
    /// goes on below it without values (`1.本机关 | 5 …` / `不掌握相` / `关政府信` / `息`, then
    /// `2.没有现 | 52 …`) may have taken the values of the row above: such rows are taken
    /// back too. Rows between anchors may still be read in template order.
    fn label_tops_in_doubt(&mut self) {
        if self.in_doubt.is_empty() {
            return;
        }
        for (at, key) in self.anchors.clone() {
            let below = self.rows[at + 1..]
                .iter()
                .take_while(|r| !split(r).has_values() && !r.unmatched)
                .take(MAX_LABEL_SPAN);
            let mut pieces = 0;
            for row in below {
                let label = split(row).label();
                let norm = normalize_label(&label);
                // The next row's label (named, or begun with its enumerator: `3.要求提`).
                let next_row =
                    self.match_row(&label).is_some_and(|k| k != key) || begins_row(&norm);
                if next_row || norm.is_empty() {
                    break;
                }
                pieces += 1;
            }
            let top = split(&self.rows[at]).label();
            if pieces > 0 && self.rows[at].is_aligned_text() && begins_row(&normalize_label(&top)) {
                self.take_back(key);
                self.log.lost();
                self.out.notes.push(format!(
                    "表三: row {key} was read from the first line of its label, which goes on below it; in a table whose values sit off their labels it is not placed by position"
                ));
            }
        }
    }

    /// Step: a row printed empty waits for the next row with values. A row whose values were
    /// already seen is not one (`（三） 权益` continues 4.保护第三方合法权益, whose values came
    /// before).
    fn wait_empty(&mut self, pk: PendingRow) {
        if !self.is_seen(pk.key) {
            self.log.empty(pk.key, pk.page());
            self.empty_rows.push(pk);
        }
    }

    /// Whether a row's values fit the columns of row `key`.
    fn placeable(&self, cur: &Current, key: &'static str) -> bool {
        let keys = row_keys(self.template, Table::T3, key);
        self.place_values(cur, keys.len()).is_some()
    }

    /// Step: a value row without a label of its own, named by the label line above it (the
    /// pending row `key`), while rows printed empty wait before that one: the values may be
    /// any of theirs (`2.重复申请` / `3.要求提供公开出版物` / `25 0 0 0 0 0 25`, row 2's, in
    /// `pdftotext -layout` of Chromium's PDF of the huaian page). Then none of them is known:
    /// the values are not used and the waiting rows are not written blank.
    fn values_of_several_pending(&mut self, key: Option<&'static str>) -> bool {
        let named_by_pending = key.is_some() && self.pending.as_ref().map(|p| p.key) == key;
        if !named_by_pending || self.empty_rows.is_empty() {
            return false;
        }
        self.empty_rows.clear();
        self.pending = None;
        self.unplaced_values = true;
        self.log.lost();
        self.out.notes.push(
            "表三: a value row below several labels printed without values could be any of theirs; not used"
                .into(),
        );
        true
    }

    /// Step: a value row naming no row after a pending row (see [`Orphan`]). A second one
    /// before the next anchor makes both unplaceable, and the row pending since then is not
    /// known to be blank either: the values may be its own (`4.无正当理由大量反 | | …` then
    /// `理 | 0 | 0 …`, the group label 不予处理 wrapped beside it).
    fn stash_orphan(&mut self, cur: &Current) {
        if let Some(o) = self.orphan.as_mut() {
            o.cells = None;
            self.pending = None;
            return;
        }
        let Some(pk) = self.pending.take() else {
            return;
        };
        // Rows printed empty before the pending one: the values may be any of theirs.
        let ambiguous = !std::mem::take(&mut self.empty_rows).is_empty();
        let keys = row_keys(self.template, Table::T3, pk.key);
        let cells = self.place_values(cur, keys.len()).filter(|_| !ambiguous);
        self.orphan = Some(Orphan {
            key: pk.key,
            label: pk.label,
            cells,
            words: crate::totals::value_words(cur.sp.values.iter().copied()),
            page: cur.row.page,
        });
    }

    /// Step: a value row whose label is unreadable (OCR: `区到本KK` for `（一）予以公开`), right
    /// after a row read: an [`Orphan`] of the row that follows that one in the template, when
    /// its values fit that row's columns and its own sum holds (total = the sum of the others,
    /// every field a number or blank). It is placed only when the next row read is that row's
    /// successor ([`Self::resolve_orphan`]): exactly one template row lies between the anchors.
    ///
    /// The row before must have been placed from its own line (the last anchor): a row named
    /// but not placed (`2、申请人逾期未按收费通知要求缴纳费用、…公开 | | …`, its cells empty,
    /// its values on the next line beside the tail `申请` of its wrapped label) may own the
    /// values itself, so they pin neither it nor its successor.
    fn stash_unlabelled(&mut self, cur: &Current) -> bool {
        let Some(last) = self.last_key else {
            return false;
        };
        if self.anchors.last().map(|&(_, k)| k) != Some(last) {
            return false;
        }
        let Some(key) = self.successor(last) else {
            return false;
        };
        if self.is_read(key) {
            return false;
        }
        let keys = row_keys(self.template, Table::T3, key);
        let cells = self.place_values(cur, keys.len());
        if !cells.as_ref().is_some_and(|c| row_sum_holds(&keys, c)) {
            return false;
        }
        self.orphan = Some(Orphan {
            key,
            label: cur.label.clone(),
            cells,
            words: crate::totals::value_words(cur.sp.values.iter().copied()),
            page: cur.row.page,
        });
        true
    }

    /// Step: the next anchor after an orphan (`None`: the end of the table). The orphan's
    /// values go to its row when the anchor is that row's successor in template order (the
    /// end: when its row is the last); otherwise they are not used, and a row pending since
    /// (which may own them) is not written blank either.
    fn resolve_orphan(&mut self, next: Option<&'static str>) {
        let Some(o) = self.orphan.take() else {
            return;
        };
        let successor = self.successor(o.key);
        let pinned = successor == next && self.pending.as_ref().is_none_or(|p| Some(p.key) == next);
        match (pinned, o.cells) {
            (true, Some(cells)) => {
                self.log.valued(o.key, o.page, &o.label, o.words);
                let keys = row_keys(self.template, Table::T3, o.key);
                put(self.out, &keys, cells, &o.label);
            }
            _ => {
                self.log.lost();
                self.orphan_lost = true;
                if self.pending.as_ref().is_some_and(|p| Some(p.key) != next) {
                    self.pending = None;
                }
                self.out.notes.push(orphan_not_pinned(o.label.trim()));
            }
        }
    }

    /// Step: the group labels a row carries (its own label cells, or a span from above).
    fn note_groups(&mut self, cur: &Current) {
        for text in cur
            .row
            .context
            .iter()
            .map(|s| s.as_str())
            .chain(cur.sp.labels.iter().map(|c| c.text.as_str()))
        {
            if let Some(g) = self.match_group(text) {
                if g != "results" {
                    self.group = Some(g);
                }
            }
        }
    }

    fn push_fragment(&mut self, label: &str) {
        // The labels of several rows stacked in one cell (`（五）不` / `予处理` / `（六）其` /
        // `他处理` / `（七）总计`) are no piece of one wrapped label: nothing before or in them
        // continues into the next row.
        if stacked_row_labels(label) {
            self.fragments.clear();
            return;
        }
        self.fragments.push(label.to_string());
        if self.fragments.len() > MAX_FRAGMENTS {
            self.fragments.remove(0);
        }
    }

    /// Step: a label without value fields — the start or end of a wrapped label, a group
    /// label, or (in a table of lines) a row printed entirely blank.
    fn label_only(&mut self, cur: &Current) {
        let own = cur
            .sp
            .labels
            .iter()
            .rev()
            .find_map(|c| self.match_row(&c.text))
            .or_else(|| {
                (self.template == Template::V2019 && self.match_group(&cur.label) == Some("other"))
                    .then_some("other")
            });
        if let (Some(k), false) = (own, cur.row.from_grid) {
            if let Some(pk) = self.pending.take() {
                if pk.key != k {
                    self.wait_empty(pk);
                }
            }
            self.pending = Some(PendingRow {
                key: k,
                label: cur.label.clone(),
                cells: blank_cells(self.template, k, cur.row.page),
                printed: false,
            });
        }
        if !cur.norm.is_empty() {
            self.push_fragment(&cur.label);
        }
    }

    /// Step: which row a row with value fields is — its last label cell, then all its label
    /// cells, then with the fragments of a wrapped label before or after it (`next`: the index
    /// of the following row), then a clearly similar label. Returns the key and the label as
    /// joined.
    fn identify(&self, cur: &Current, next: usize) -> (Option<&'static str>, String) {
        let (label, norm) = (&cur.label, &cur.norm);
        if self.labels_of_two_rows(cur) {
            return (None, label.clone());
        }
        if let Some((before, begun)) = row_begun_inside(norm) {
            // `四类过程性信息 7.属于行政执法案卷` (PyMuPDF's blocks): the text before the
            // enumerator is the tail of the row above, the values after the line the row it
            // begins. Two whole row labels on one line: which row the values are is not known.
            if strip_enumerator(before) != before && self.match_row(before).is_some() {
                return (None, label.clone());
            }
            if let Some(k) = self.match_row(begun) {
                return (Some(k), begun.to_string());
            }
        }
        let mut key = cur
            .sp
            .labels
            .iter()
            .rev()
            .find_map(|c| self.match_row(&c.text))
            .or_else(|| (!label.is_empty()).then(|| self.match_row(label)).flatten());
        let mut shown = label.clone();
        if key.is_none() {
            // One wrapped label cut into cells by position: read line by line across them.
            if let Some(by_lines) = cur.sp.label_by_lines() {
                key = self.match_row(&by_lines);
                if key.is_some() {
                    shown = by_lines;
                }
            }
        }
        if key.is_none()
            && strip_enumerator(norm) == "其他"
            && (self.group == Some("other") || self.last_key.is_some_and(is_other_sub_row))
        {
            key = Some("other_other");
        }
        // The nearest fragments first: "…逾期不补" + "正、行政机关…". A label that starts with
        // its own enumerator ("（六）", "3.") begins a row: it continues nothing — nor does one
        // holding an enumerator after a group column's piece (`（六 1、`, w3m's narrow columns).
        let own_label = self.misread_label_of_its_own(cur);
        let continues = strip_enumerator(norm) == norm && !holds_enumerator(cur) && !own_label;
        for start in (0..self.fragments.len()).rev() {
            if key.is_some() || !continues {
                break;
            }
            let joined = format!("{}{}", self.fragments[start..].concat(), label);
            if let Some(k) = self.match_row(&joined) {
                key = Some(k);
                shown = joined;
            }
        }
        if key.is_none() && cur.has_values && !own_label {
            // Look ahead: continuation lines without values (never into a header).
            let before = if continues {
                self.fragments.concat()
            } else {
                String::new()
            };
            let mut joined = format!("{before}{label}");
            // In a grid, the row label's own cell continues in the same cell of the rows below
            // (a group label wraps beside it: "（六）其" / "他处理").
            let mut own = cur.sp.labels.last().map(|c| c.text.clone());
            // The table's header printed again at the top of the next page is passed over.
            let below = self.rows.iter().skip(next).filter(|row| {
                let nsp = split(row);
                !(row.page > cur.row.page
                    && !nsp.has_values()
                    && is_t3_header(&normalize_label(&nsp.label())))
            });
            for row in below.take(2) {
                let nsp = split(row);
                let nnorm = normalize_label(&nsp.label());
                // A label starting with its own enumerator begins the next row.
                if nsp.has_values()
                    || is_t3_header(&nnorm)
                    || strip_enumerator(&nnorm) != nnorm
                    || opens_bracketed_enumerator(&nnorm)
                {
                    break;
                }
                joined.push_str(&nsp.label());
                let same_cell = (row.from_grid && nsp.labels.len() == cur.sp.labels.len())
                    .then(|| nsp.labels.last().map(|c| c.text.as_str()))
                    .flatten();
                if let (Some(o), Some(more)) = (own.as_mut(), same_cell) {
                    o.push_str(more);
                }
                let found = own
                    .as_ref()
                    .and_then(|o| self.match_row(o).map(|k| (k, o.clone())))
                    .or_else(|| self.match_row(&joined).map(|k| (k, joined.clone())));
                if let Some((k, text)) = found {
                    key = Some(k);
                    shown = text;
                    break;
                }
            }
        }
        if key.is_none() && cur.has_values && !own_label {
            if let Some((k, text)) = self.join_last_words(cur, next) {
                key = Some(k);
                shown = text;
            }
        }
        if key.is_none() {
            // Last resort: a misprinted label that still clearly resembles one row — one not
            // read yet (a piece of a wrapped label, `复申请` of 4.无正当理由大量反复申请, also
            // resembles 2.重复申请, read above).
            key = cur
                .sp
                .labels
                .last()
                .and_then(|c| crate::fuzzy::closest_row(Table::T3, self.template, &c.text))
                .filter(|k| !self.is_read(k));
        }
        // A label whose words name one row and whose item number another (`2.` on the value
        // line, `补正后申请内容仍不明确` of 3. joined from the line below): not known.
        if key.is_some_and(|k| item_number_contradicts(&shown, self.template, k)) {
            return (None, label.clone());
        }
        (key, shown)
    }

    /// Whether a label cell holds text above a line that begins a row (`家秘密` / `2.其他法`
    /// in one cell) and that row's label is not whole in the cell: the tail of one row's
    /// label and the start of the next, as in Calc's PDF of a sheet without rulings, whose
    /// narrow label column wraps every label and whose values sit on the bottom line of their
    /// row. Whether the values are the tail's row or the next one depends on how the producer
    /// aligns cells vertically, which nothing in the cell says: neither row is known. (A group
    /// column's pieces above a whole row label, `（三` / `）不` / `2.其他法律行政法规` / `禁止公开`,
    /// are not this: the row is named by the lines it begins.)
    fn labels_of_two_rows(&self, cur: &Current) -> bool {
        let short = |c: &&&crate::flow::RowCell| c.text.len() <= crate::rows::MAX_LABEL_CELL;
        cur.sp.labels.iter().filter(short).any(|c| {
            if stacked_row_labels(&c.text) {
                return true;
            }
            let lines: Vec<String> = c.text.lines().map(normalize_label).collect();
            (1..lines.len()).any(|i| {
                let begins = strip_enumerator(&lines[i]) != lines[i];
                begins
                    && lines[..i].iter().any(|l| !l.is_empty())
                    && !self.names_a_row_whole(&lines[i..].concat())
            })
        })
    }

    /// Whether normalised text holds a whole row label of table 三 (its enumerator aside), not
    /// only the fragment [`T3Reader::match_row`] needs: the whole label of the row the text
    /// names, or the text is exactly a row's label. A short label inside the text of another
    /// row (`其他`, row （六）3's, in `2.其他法`, the start of 2.其他法律行政法规禁止公开) does
    /// not make it whole.
    fn names_a_row_whole(&self, norm: &str) -> bool {
        let text = strip_enumerator(norm);
        let named = self.match_row(norm);
        schema()
            .keys(self.template)
            .filter(|k| k.table == Table::T3)
            .any(|k| {
                let own = crate::two_labels::own_words(k.row_label);
                !own.is_empty() && text.contains(&own) && (text == own || named == Some(k.row))
            })
    }

    /// The current row's values placed into `columns` columns, the last the total. On a page
    /// that lacks a column (see [`pages_missing_a_column`]) an empty slot is no blank cell.
    fn place_values(&self, cur: &Current, columns: usize) -> Option<Vec<Cell>> {
        let cells = place_row(
            cur.row,
            &cur.sp.values,
            columns,
            true,
            self.columns.as_ref(),
        )?;
        let short = !cur.row.printed_blanks && self.short_pages.contains(&cur.row.page);
        (!short || !crate::rows::any_blank(&cells)).then_some(cells)
    }

    /// The row after `key` in the template's order of table 三.
    fn successor(&self, key: &str) -> Option<&'static str> {
        let at = self.order.iter().position(|r| *r == key)?;
        self.order.get(at + 1).copied()
    }

    /// The row before `key` in the template's order of table 三.
    fn predecessor(&self, key: &str) -> Option<&'static str> {
        let at = self.order.iter().position(|r| *r == key)?;
        self.order.get(at.checked_sub(1)?).copied()
    }

    /// Whether row `key` already has cells.
    fn is_read(&self, key: &str) -> bool {
        row_keys(self.template, Table::T3, key)
            .iter()
            .any(|k| self.out.cells.contains_key(k))
    }

    /// Whether row `key` has cells or was met with values (placed or not).
    fn is_seen(&self, key: &str) -> bool {
        self.is_read(key) || self.valued.contains(&key)
    }

    /// A wrapped label whose group column wrapped beside it into the same field of text
    /// (`pdftotext -layout`: `不予公 5.属于三类内部` / values / `开 事务信息`): the last word of
    /// each label line, from the last line whose last word starts with an enumerator, then
    /// the lines after the value row (up to two, without values), must name a row exactly.
    fn join_last_words(&self, cur: &Current, next: usize) -> Option<(&'static str, String)> {
        let last_word = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
        let enumerated = |s: &str| {
            let n = normalize_label(s);
            !n.is_empty() && strip_enumerator(&n) != n
        };
        let mut pieces: Vec<String> = self.fragments.iter().map(|f| last_word(f)).collect();
        pieces.push(last_word(&cur.label));
        let start = pieces.iter().rposition(|p| enumerated(p))?;
        let mut joined = pieces[start..].concat();
        if let Some(k) = self.match_row(&joined) {
            return Some((k, joined));
        }
        for row in self.rows.iter().skip(next).take(2) {
            let nsp = split(row);
            let label = nsp.label();
            let word = last_word(&label);
            if nsp.has_values() || is_t3_header(&normalize_label(&label)) || enumerated(&word) {
                return None;
            }
            joined.push_str(&word);
            if let Some(k) = self.match_row(&joined) {
                return Some((k, joined));
            }
        }
        None
    }

    /// Step: rows between two anchors (rows placed from their own lines, in template order)
    /// whose values sit a line off their labels (Chromium's PDF through `pdftotext -layout`:
    /// `（四）无 2.没有现成… 5 61 6 0 1 7 3 78` / `3.补正后… 0 0 0 1 0 6` / `3 0 0 0 0 1 4`).
    /// A column keeps its values' vertical order whatever line they landed on, so the values
    /// of each column, top to bottom, are the template rows between the anchors in order —
    /// when every column holds exactly one value per row. See [`crate::column_streams`].
    fn columns_between_anchors(&mut self) {
        let order = self.order.clone();
        let pos = |key: &str| order.iter().position(|r| *r == key);
        for w in self.anchors.clone().windows(2) {
            let ((ia, ka), (ib, kb)) = (w[0], w[1]);
            let (Some(pa), Some(pb)) = (pos(ka), pos(kb)) else {
                continue;
            };
            if pb < pa + 2 || ib < ia + 2 {
                continue;
            }
            let gap: Vec<&'static str> = self.order[pa + 1..pb].to_vec();
            if gap.iter().any(|r| self.is_read(r)) {
                continue;
            }
            let block = &self.rows[ia + 1..ib];
            // Every label in the block names a row of the gap, or none, or one of the two
            // anchors (the head of the next one's wrapped label, the tail of the last one's).
            let foreign = block.iter().any(|row| {
                split(row)
                    .labels
                    .iter()
                    .filter_map(|c| self.match_row(&c.text))
                    .any(|k| !gap.contains(&k) && k != ka && k != kb)
            });
            if foreign {
                continue;
            }
            if self.grid_rows_in_order(ia + 1, ib, &gap) {
                continue;
            }
            let width = row_keys(self.template, Table::T3, gap[0]).len();
            if gap
                .iter()
                .any(|r| row_keys(self.template, Table::T3, r).len() != width)
            {
                continue;
            }
            let Some(matrix) = crate::column_streams::read(block, gap.len(), width).or_else(|| {
                // Values without positions: placed by the table's equations (module doc).
                let (t, so) = (self.template, self.out.single_other);
                crate::unplaced_lines::read(block, &gap, width, t, so, &self.out.cells)
            }) else {
                continue;
            };
            for (row, cells) in gap.iter().zip(matrix) {
                let words = cells.iter().map(|c| c.raw.clone()).collect();
                self.log.valued(row, 0, "", words);
                let keys = row_keys(self.template, Table::T3, row);
                put(self.out, &keys, cells, row);
            }
            self.out.notes.push(format!(
                "表三: rows {} read column by column between the rows printed around them (values a line off their labels)",
                gap.join(", ")
            ));
        }
    }

    /// Rows `from..to` of a grid, between two anchors, whose labels name no row (OCR's
    /// `3.办及办三办全一办定罗` for `3.危及“三安全一稳定”`): a grid keeps every row on its own
    /// line in print order, so when they are exactly as many as the template's rows between the
    /// anchors (`gap`), each holding that row's columns and no item number of another row,
    /// they are those rows in template order (a row a page break split is one row); each is
    /// written only when its own sum holds. Returns whether they were taken.
    fn grid_rows_in_order(&mut self, from: usize, to: usize, gap: &[&'static str]) -> bool {
        // A row split by a page break: the first row of the next page holds only the tail of
        // its label, no value.
        let carried = |i: usize| {
            let row = &self.rows[i];
            i > 0 && row.page != self.rows[i - 1].page && !split(row).has_values()
        };
        let block: Vec<&Row> = (from..to)
            .filter(|&i| !carried(i))
            .map(|i| &self.rows[i])
            .collect();
        if block.len() != gap.len() || !block.iter().all(|r| r.from_grid && r.printed_blanks) {
            return false;
        }
        let mut placed = Vec::with_capacity(gap.len());
        for (&row, &key) in block.iter().zip(gap) {
            let cur = Current::of(row);
            let named = cur
                .sp
                .labels
                .iter()
                .any(|c| self.match_row(&c.text).is_some());
            if !cur.has_values || named || item_number_contradicts(&cur.label, self.template, key) {
                return false;
            }
            let keys = row_keys(self.template, Table::T3, key);
            let Some(cells) = self.place_values(&cur, keys.len()) else {
                return false;
            };
            let words = crate::totals::value_words(cur.sp.values.iter().copied());
            let spans = crate::totals::value_spans(cur.row, &cur.sp.values);
            placed.push((key, keys, cells, cur.label.clone(), words, spans, row.page));
        }
        let labels: Vec<String> = placed.iter().map(|p| p.3.trim().to_string()).collect();
        let mut read = Vec::new();
        for (key, keys, cells, label, words, spans, page) in placed {
            // As for one such row (`stash_unlabelled`): its values only when its own sum holds.
            if !row_sum_holds(&keys, &cells) {
                self.log.lost();
                continue;
            }
            self.log.valued_at(key, page, &label, words, spans);
            put(self.out, &keys, cells, &label);
            read.push(key);
        }
        // Their values are used after all: the notes that said otherwise go.
        self.out
            .notes
            .retain(|n| !labels.iter().any(|l| *n == orphan_not_pinned(l)));
        self.out.notes.push(format!(
            "表三: rows {} read in template order between the rows around them (a grid's rows whose labels name no row){}",
            read.join(", "),
            if read.len() < gap.len() {
                "; the others' sums do not hold: not used"
            } else {
                ""
            }
        ));
        true
    }

    /// Step: a row with values that names no template row — （六）其他处理 carrying its own
    /// values (the v2019 row, or the v2021 one-row variant), else a note.
    fn unrecognised(&mut self, cur: &Current) {
        if self.match_group(&cur.label) == Some("other") {
            if cur.has_values {
                let words = crate::totals::value_words(cur.sp.values.iter().copied());
                self.log.valued("other", cur.row.page, &cur.label, words);
            }
            let cols = row_keys(self.template, Table::T3, "other");
            if let Some(p) = self.place_values(cur, cols.len()) {
                if self.template == Template::V2019 {
                    put(self.out, &cols, p, &cur.label);
                } else {
                    self.other_candidate = Some((p, cur.label.clone()));
                }
            }
            self.last_key = Some("other");
        } else if cur.has_values {
            self.log.lost();
            self.unplaced_values = true;
            self.out.notes.push(format!(
                "表三: row '{}' not recognised; its values were not used",
                cur.label.trim()
            ));
        } else if !cur.norm.is_empty() {
            self.fragments.push(cur.label.clone());
        }
    }

    /// Step: the values of an identified row, by position.
    fn place(&mut self, cur: &Current, key: &'static str, shown: String) {
        self.last_key = Some(key);
        let cols = row_keys(self.template, Table::T3, key);
        let placed = self.place_values(cur, cols.len());
        if cur.has_values {
            let words = crate::totals::value_words(cur.sp.values.iter().copied());
            let spans = crate::totals::value_spans(cur.row, &cur.sp.values);
            self.log.valued_at(key, cur.row.page, &shown, words, spans);
        }
        if !cur.has_values && label_holds_stray_digits(cur) {
            // `二、上年结转政府信息公开申请数量 2并Tolho|ll|lo0l11` (an OCR reading of a row's
            // values): its values are there but unreadable, so it is no row printed empty,
            // and nothing after it is known to be either.
            self.unplaced_values = true;
            self.log.lost();
            self.fragments.push(cur.label.clone());
            return;
        }
        if !cur.has_values {
            // Every field printed empty: a blank row, or (in text laid out in columns) the
            // first line of a wrapped label whose numbers follow. The next row decides. A row
            // whose values were met already: a piece of its wrapped label.
            if self.is_seen(key) || numbers_before_label(cur) || self.unplaced_values {
                if !self.is_seen(key) && !numbers_before_label(cur) {
                    // Empty after a row not placed: only the verified total column of
                    // [`crate::totals`] may call it blank.
                    self.log.empty(key, cur.row.page);
                }
                self.fragments.push(cur.label.clone());
                return;
            }
            if let Some(p) = placed {
                self.pending = Some(PendingRow {
                    key,
                    label: shown,
                    cells: p,
                    printed: true,
                });
                self.fragments.push(cur.label.clone());
                return;
            }
        }
        match placed {
            Some(_) if self.in_doubt.contains(&key) => {
                self.log.lost();
                self.unplaced_values = true;
            }
            Some(p) => {
                put(self.out, &cols, p, &shown);
                self.anchors.push((self.at, key));
                self.placements
                    .push((key, std::mem::take(&mut self.settled)));
                self.unplaced_values = false;
            }
            None => {
                if !cur.has_values {
                    self.log.empty(key, cur.row.page);
                }
                self.unplaced_values = true;
                self.out.notes.push(format!(
                    "表三 row '{}': {} value fields for {} columns; not placed",
                    shown.trim(),
                    cur.sp.values.len(),
                    cols.len()
                ));
            }
        }
    }

    /// Step: the last pending row; the single （六） row of the schema's `single_other`
    /// variant when no （六） sub-row was read.
    fn finish(mut self) -> crate::totals::Log {
        self.resolve_orphan(None);
        if self.whole_stream_in_order() {
            return self.log;
        }
        self.positions_in_doubt();
        self.label_tops_in_doubt();
        self.columns_between_anchors();
        if let Some(pk) = self.pending.as_ref().filter(|pk| !self.is_seen(pk.key)) {
            self.log.empty(pk.key, pk.page());
        }
        // Rows printed empty at the end of the table, with nothing after them: blank.
        let waiting = std::mem::take(&mut self.empty_rows);
        for pk in waiting.into_iter().chain(self.pending.take()) {
            pk.put(self.out, self.template, self.blank_rows);
        }
        let single = schema().expected_keys(self.template, true);
        let sub_rows: Vec<&str> = schema()
            .keys(self.template)
            .filter(|k| k.table == Table::T3 && !single.iter().any(|s| s.key_id() == k.key_id()))
            .map(|k| k.row)
            .collect();
        if sub_rows.is_empty() {
            return self.log; // no one-row variant in this template
        }
        let has_sub_rows = sub_rows.iter().any(|r| {
            self.out
                .cells
                .keys()
                .any(|k| k.table() == Table::T3 && k.row() == *r)
        });
        if let (false, Some((cells, label))) = (has_sub_rows, self.other_candidate.take()) {
            let cols = row_keys(self.template, Table::T3, "other");
            put(self.out, &cols, cells, &label);
            self.out.single_other = true;
        }
        self.log
    }
}

/// A row whose label was read but whose values were all printed empty, kept until the next
/// row shows whether the values follow on a line of their own (a wrapped label in text laid out
/// in columns) or the row really is blank.
struct PendingRow {
    key: &'static str,
    label: String,
    cells: Vec<Cell>,
    /// Its value fields were printed (empty), not merely missing from a line.
    printed: bool,
}

impl PendingRow {
    /// The page its label was printed on (0: not known).
    fn page(&self) -> u32 {
        self.cells.first().and_then(|c| c.page).unwrap_or(0)
    }

    /// The row is blank after all: its fields were printed empty, or (where `blank_rows`) a
    /// label line on a page laid out in columns had nothing after it. Otherwise (a label line
    /// of text without positions) its cells stay absent: the values may be elsewhere.
    fn put(self, out: &mut Tables, template: Template, blank_rows: bool) {
        if !self.printed && !blank_rows {
            return;
        }
        let cols = row_keys(template, Table::T3, self.key);
        put(out, &cols, self.cells, &self.label);
    }
}

/// The last item number a normalised label prints (`（五）不予处 3.要求…` → 3): one or two
/// digits before a `.` that is no decimal point.
fn item_number(norm: &str) -> Option<u32> {
    let chars: Vec<char> = norm.chars().collect();
    let mut found = None;
    for (i, c) in chars.iter().enumerate() {
        if *c != '.' || chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            continue;
        }
        let digits = chars[..i]
            .iter()
            .rev()
            .take_while(|d| d.is_ascii_digit())
            .count();
        let start = i - digits;
        let clean_start = start == 0 || !matches!(chars[start - 1], '.' | '0'..='9');
        if (1..=2).contains(&digits) && clean_start {
            found = chars[start..i]
                .iter()
                .collect::<String>()
                .parse()
                .ok()
                .or(found);
        }
    }
    found
}

/// The note on a value row whose label names no row and which template order did not pin.
fn orphan_not_pinned(label: &str) -> String {
    format!(
        "表三: a value row without its label after '{label}' could not be pinned to a row by template order; not used"
    )
}

/// Whether `label` prints an item number other than row `key`'s in the template.
fn item_number_contradicts(label: &str, template: Template, key: &str) -> bool {
    let printed = item_number(&normalize_label(label));
    let own = schema()
        .keys(template)
        .find(|k| k.table == Table::T3 && k.row == key)
        .and_then(|k| item_number(&normalize_label(k.row_label)));
    matches!((printed, own), (Some(p), Some(o)) if p != o)
}

/// Whether a word of the row's label is a row or group enumerator (`1、`, `3.属`, `（六`, a
/// group's enumerator whose closing bracket wrapped to the next line).
fn holds_enumerator(cur: &Current) -> bool {
    cur.sp
        .labels
        .iter()
        .flat_map(|c| c.text.split_whitespace())
        .any(|w| {
            let n = normalize_label(w);
            !n.is_empty() && (strip_enumerator(&n) != n || opens_bracketed_enumerator(&n))
        })
}

/// Whether normalised text opens with a bracketed enumerator (`(六`, its closing bracket
/// wrapped to the next line; `《一)`, `《二`: OCR's reading of `（`), which begins a row or a
/// group: it continues no label above it.
fn opens_bracketed_enumerator(n: &str) -> bool {
    n.strip_prefix(['(', '《'])
        .and_then(|r| r.chars().next())
        .is_some_and(|c| "一二三四五六七八九十".contains(c))
}

/// Whether a row holds numbers left of its label (`| 4 164 | 总计 |  | …`: a rotated page's
/// words cut into a grid): its cells are not in the table's order, so its empty fields say
/// nothing.
fn numbers_before_label(cur: &Current) -> bool {
    cur.sp.labels.iter().any(|c| {
        c.text
            .split_whitespace()
            .any(|w| matches!(classify_value(w), Some((Flag::Number, _))))
    })
}

/// A label line that begins a row after other text (`四类过程性信息7.属于行政执法案卷`): the
/// text before the last enumerator inside it, and the text from that enumerator on.
/// Whether a row holds two or more cells that are numbers (wherever the split put them).
fn holds_numbers(row: &Row) -> bool {
    row.cells
        .iter()
        .filter(|c| matches!(classify_value(&c.text), Some((Flag::Number, _))))
        .count()
        >= 2
}

/// Whether a cell's lines begin two rows or groups (`（五）不` / `予处理` / `（六）其` / `他处理`
/// / `（七）总计`): the labels of several rows stacked in one cell, which name none of them.
fn stacked_row_labels(text: &str) -> bool {
    text.len() <= crate::rows::MAX_LABEL_CELL
        && text
            .lines()
            .map(normalize_label)
            .filter(|l| strip_enumerator(l) != l.as_str())
            .count()
            >= 2
}

/// Whether a row's label text holds digits that are no enumerator (`1.`, `3、`): values read
/// as part of the label, which no template label holds.
fn label_holds_stray_digits(cur: &Current) -> bool {
    let text: String = cur.sp.labels.iter().map(|c| c.text.as_str()).collect();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut run = 1;
        while chars.next_if(char::is_ascii_digit).is_some() {
            run += 1;
        }
        let enumerator = run <= 2 && chars.peek().is_some_and(|n| ".．、".contains(*n));
        if !enumerator {
            return true;
        }
    }
    false
}

/// Blank cells for a row whose label was printed with nothing after it.
fn blank_cells(template: Template, key: &str, page: u32) -> Vec<Cell> {
    row_keys(template, Table::T3, key)
        .iter()
        .map(|_| Cell {
            value: String::new(),
            flag: xxgk_model::Flag::Blank,
            raw: String::new(),
            page: Some(page).filter(|p| *p > 0),
            bbox: None,
            ocr_confidence: None,
        })
        .collect()
}

/// Whether the equations hold over cells placed in `cols` order (every operand a whole
/// number).
pub(crate) fn rules_hold(
    rules: &[xxgk_model::rules::Equation],
    cols: &[KeyId],
    cells: &[Cell],
) -> bool {
    let value = |k: KeyId| {
        cols.iter()
            .position(|c| *c == k)
            .and_then(|i| cells.get(i))
            .filter(|c| c.flag == Flag::Number)
            .and_then(|c| c.value.parse::<i128>().ok())
    };
    rules.iter().all(|e| e.check(value) == Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::{line_row, text_grid_row};

    /// A row of table 三 in a text grid: its label and seven empty cells.
    fn empty(label: &str) -> Row {
        let mut cells = vec![label];
        cells.extend([""; 7]);
        text_grid_row(&cells)
    }

    fn value(out: &Tables, id: &str) -> Option<String> {
        out.cells
            .iter()
            .find(|(k, _)| k.to_string() == id)
            .map(|(_, c)| c.value.clone())
    }

    /// `pdftotext -layout` of Chromium's PDF of the huaian page (A4 landscape), cut into a
    /// grid: `2.重复申请` and `3.要求提供公开出版物` printed without values, then one value row
    /// without a label — row 2's (truth: 25 0 0 0 0 0 25; row 3 all 0). It went to row 3, the
    /// label right above it, and row 2 was written blank. Either row's: neither is written.
    #[test]
    fn a_value_row_below_two_empty_labels_is_neither_s() {
        let rows = [
            text_grid_row(&["1.信访举报投诉类申请", "56", "6", "0", "0", "0", "0", "62"]),
            empty("2.重复申请"),
            empty("（五）不予处 3.要求提供公开出版物"),
            text_grid_row(&["", "25", "0", "0", "0", "0", "0", "25"]),
            empty("理 4.无正当理由大量反复申请"),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            value(&out, "t3.nohandle_petition.total").as_deref(),
            Some("62")
        );
        assert_eq!(value(&out, "t3.nohandle_publication.total"), None);
        assert_eq!(value(&out, "t3.nohandle_repeat.total"), None);
        // With one label above it, the row is that label's.
        let rows = [
            text_grid_row(&["1.信访举报投诉类申请", "56", "6", "0", "0", "0", "0", "62"]),
            empty("2.重复申请"),
            text_grid_row(&["", "25", "0", "0", "0", "0", "0", "25"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            value(&out, "t3.nohandle_repeat.total").as_deref(),
            Some("25")
        );
    }

    /// Tesseract's text of blank-zeros.pdf (`--psm 6`): `7.属于行政执法案卷` printed empty, then
    /// the line of 1.本机关不掌握相关政府信息 with 掌 read as 字 and its `1` lost, a piece of
    /// the group column before it, then row 2's label printed empty. Joined to the label above,
    /// the values went to row 7 (printed blank); joined to the label below, to row 2. The line's
    /// own label resembles a row by itself: it is no piece of another's, and is read as the row
    /// it resembles. A wrapped label's short last line still continues the label above.
    #[test]
    fn a_misread_label_of_its_own_continues_no_label_above_or_below() {
        let rows = [
            text_grid_row(&["6.属于四类过程性信息", "1", "0", "0", "0", "0", "0", "1"]),
            empty("7.属于行政执法案卷"),
            text_grid_row(&[
                "再结果",
                "do) 元",
                ".本机关不字握相关政府信息",
                "2",
                "",
                "",
                "",
                "",
                "",
                "2",
            ]),
            empty("没有现成信息需要另和"),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2019, false, &mut out);
        // The line is read as the row its label resembles (the readers' last resort), row 7
        // as printed empty before it.
        let total = |row: &str| value(&out, &format!("t3.{row}.total"));
        assert_eq!(total("unable_not_held").as_deref(), Some("2"));
        assert_eq!(total("deny_enforcement_file").as_deref(), Some(""));
        let rows = [
            text_grid_row(&["1.信访举报投诉类申请", "56", "6", "0", "0", "0", "0", "62"]),
            text_grid_row(&["2.重复申请", "25", "0", "0", "0", "0", "0", "25"]),
            text_grid_row(&["3.要求提供公开出版物", "0", "0", "0", "0", "0", "0", "0"]),
            empty("4.无正当理由大量"),
            text_grid_row(&["反复申请", "3", "0", "0", "0", "0", "0", "3"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            value(&out, "t3.nohandle_mass_repeat.total").as_deref(),
            Some("3")
        );
    }

    /// `pdftotext -layout` of Chromium's PDF of the huaian page (A4 landscape): row 2's label
    /// is printed above its value line, which keeps only `2.`; row 3's label follows. Joined as
    /// `2.补正后申请内容仍不明确`, the words name row 3 and the number row 2: 11 went to row 3
    /// (truth 1). Not known now; the words alone still name the row.
    #[test]
    fn a_label_whose_item_number_names_another_row_is_not_known() {
        let line = |texts: &[&str]| Row {
            from_grid: false,
            ..text_grid_row(texts)
        };
        let rows = [
            line(&[
                "1.本机关不掌握相关政府信息",
                "746",
                "12",
                "0",
                "0",
                "10",
                "1",
                "769",
            ]),
            line(&["没有现成信息需要另行制作"]),
            line(&["2.", "11", "0", "0", "0", "0", "0", "11"]),
            line(&["补正后申请内容仍不明确"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            value(&out, "t3.unable_not_held.total").as_deref(),
            Some("769")
        );
        assert_eq!(value(&out, "t3.unable_unclear.total"), None);
        assert_eq!(item_number("(五)不予处3.要求提供公开出版物"), Some(3));
        assert_eq!(item_number("1.5万元"), None);
        assert!(item_number_contradicts(
            "2.补正后申请内容仍不明确",
            Template::V2021,
            "unable_unclear"
        ));
        assert!(!item_number_contradicts(
            "3.补正后申请内容仍不明确",
            Template::V2021,
            "unable_unclear"
        ));
    }

    #[test]
    fn a_line_beginning_a_row_after_the_tail_of_the_row_above_is_that_row() {
        // PyMuPDF's blocks of LibreOffice's PDF of huaian-2024.odt: the tail of label 6.
        // (`四类过程性信息`) shares a line with label 7., whose values follow; 6.'s values
        // came on a line of their own before.
        let line = |texts: &[&str]| Row {
            from_grid: false,
            ..text_grid_row(texts)
        };
        let six = line(&[
            "6. 属 于 四 类 过 程 性",
            "12",
            "0",
            "0",
            "0",
            "0",
            "0",
            "12",
        ]);
        let seven = line(&[
            "四 类 过 程 性 信 息 7. 属 于 行 政 执 法 案 卷",
            "9",
            "0",
            "0",
            "0",
            "0",
            "0",
            "9",
        ]);
        let mut out = Tables::default();
        read_t3(&[six, seven.clone()], Template::V2021, false, &mut out);
        assert_eq!(
            value(&out, "t3.deny_process_info.total").as_deref(),
            Some("12")
        );
        assert_eq!(
            value(&out, "t3.deny_enforcement_file.total").as_deref(),
            Some("9")
        );
        // Without 6.'s values before it, the line may be 6.'s (its label ends there) as well
        // as 7.'s: neither is placed.
        let mut out = Tables::default();
        read_t3(&[seven], Template::V2021, false, &mut out);
        assert_eq!(value(&out, "t3.deny_process_info.total"), None);
        assert_eq!(value(&out, "t3.deny_enforcement_file.total"), None);
    }

    /// `pdftotext -raw` of ocrmypdf's text layer over a scan of huaian-2024: Tesseract read
    /// `（一）予以公开` as `《一) 子以公开` and `（二）` as `《二` / `)`. The first label names no
    /// row; joined with the lines below it, it named （二）部分公开, which got （一）'s values.
    /// A line opening with a bracketed enumerator (`《二`, `(二`) begins a row: no label above
    /// it goes on into it.
    #[test]
    fn a_label_goes_on_into_no_line_that_opens_with_an_ocr_d_bracket() {
        let rows: Vec<Row> = [
            "二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34",
            "《一) 子以公开 1288 21 0 0 50 3 1362",
            "《二",
            ") 部分公开 (区",
            "分处理的,只计这一情",
            "形 ,不计其他情形",
            ")",
            "47 了 0 和 0 0 454",
        ]
        .iter()
        .map(|l| crate::flow::line_row(l, &[], 1, false))
        .collect();
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            t3_row(&out, "carried_in"),
            ["34", "0", "0", "0", "0", "0", "34"]
        );
        assert!(t3_row(&out, "partial").iter().all(String::is_empty));
        assert!(opens_bracketed_enumerator("《二"));
        assert!(opens_bracketed_enumerator("(六"));
        assert!(!opens_bracketed_enumerator("《条例》"));
    }

    #[test]
    fn values_beside_the_tail_of_one_label_and_the_head_of_the_next_are_neither_s() {
        // markitdown's text of LibreOffice Calc's PDF of jingan-2019.xls: the sheet sets
        // values at the bottom of tall rows, pdfminer merges the bottom line of 8.'s label
        // (`项`) with the top of （四）1.'s; the values are 8.'s, not 1.'s.
        let line = |text: &str| Row {
            from_grid: false,
            ..text_grid_row(&[text])
        };
        let rows = [
            line("7.属于行"),
            line("政执法案"),
            text_grid_row(&["", "卷", "1", "0", "0 0", "0", "0 1"]),
            line("8.属于行"),
            line("（三）不 政查询事"),
            text_grid_row(&["", "予公开 项1.本机关", "5", "0", "0 0", "1", "0 6"]),
            line("不掌握相"),
            line("关政府信"),
            text_grid_row(&["", "息2.没有现", "52", "3", "0 0", "3", "0 58"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2019, false, &mut out);
        for row in [
            "deny_admin_query",
            "unable_not_held",
            "unable_need_creation",
        ] {
            assert!(t3_row(&out, row).iter().all(String::is_empty), "{row}");
        }
    }

    #[test]
    fn a_row_label_holding_unreadable_values_is_no_row_printed_empty() {
        // Tesseract's text of split-footer.pdf: the values of 二、上年结转 (12 1 0 0 1 0 14)
        // read as `2并Tolho|ll|lo0l11`, all label text; the rows after it print nothing.
        let rows = [
            text_grid_row(&[
                "一、本年新收政府信息公开申请数量",
                "8",
                "1",
                "0",
                "0",
                "0",
                "0",
                "9",
            ]),
            text_grid_row(&[
                "二、上年结转政府信息公开申请数量 2并Tolho|ll|lo0l11",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            text_grid_row(&["（一）予以公开", "431", "20", "1", "1", "9", "3", "465"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(value(&out, "t3.carried_in.total"), None);
        assert_eq!(value(&out, "t3.granted.total").as_deref(), Some("465"));
    }

    #[test]
    fn a_table_two_row_run_together_with_its_caption_and_header_is_read() {
        // PyMuPDF's blocks (derived/v2021-docx-mupdf-blocks.txt): caption, header and row on
        // one line; the header's words give the column order.
        let rows = [line_row(
            "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 2 11",
            &[],
            1,
            false,
        )];
        let mut out = Tables::default();
        read_t2(&rows, Template::V2021, &mut out);
        assert_eq!(value(&out, "t2.regulation.made").as_deref(), Some("0"));
        assert_eq!(value(&out, "t2.regulation.repealed").as_deref(), Some("2"));
        assert_eq!(value(&out, "t2.regulation.in_force").as_deref(), Some("11"));
    }

    #[test]
    fn table_two_rows_with_every_column_printed_are_read_in_order_when_their_rule_holds() {
        // markitdown of a PDF (derived/split-footer-markitdown-md.txt): the values sit one
        // pipe cell right of their header, among empty cells that stand for no column.
        let header = text_grid_row(&[
            "",
            "信息内容",
            "",
            "本年制发件数",
            "",
            "本年废止件数",
            "",
            "现行有效件数",
            "",
            "",
        ]);
        let row = text_grid_row(&["规章", "", "", "", "3", "", "1", "", "14", ""]);
        let mut out = Tables::default();
        read_t2(&[header.clone(), row], Template::V2021, &mut out);
        assert_eq!(value(&out, "t2.regulation.made").as_deref(), Some("3"));
        assert_eq!(value(&out, "t2.regulation.repealed").as_deref(), Some("1"));
        assert_eq!(value(&out, "t2.regulation.in_force").as_deref(), Some("14"));
        // Made 30 > in force 14 + repealed 1 (T2-2 broken): a value may be another row's.
        let row = text_grid_row(&["规章", "", "", "", "30", "", "1", "", "14", ""]);
        let mut out = Tables::default();
        read_t2(&[header, row], Template::V2021, &mut out);
        assert_eq!(value(&out, "t2.regulation.made"), None);
        assert_eq!(value(&out, "t2.regulation.in_force"), None);
    }

    #[test]
    fn table_four_in_cells_of_merged_columns_is_read_when_every_group_adds_up() {
        // markitdown of a PDF (derived/v2021-docx-markitdown-md.txt): fifteen values in eight
        // cells. Truth: 复议 2 1 0 0 3, 未经复议起诉 1 0 0 0 1, 复议后起诉 1 0 0 0 1.
        let row = text_grid_row(&["2 1", "0 0", "3 1", "0 0", "0 1", "1 0", "0 0", "1"]);
        let mut out = Tables::default();
        read_t4(&[row], Template::V2021, &mut out);
        assert_eq!(out.cells.len(), 15);
        assert_eq!(value(&out, "t4.review.total").as_deref(), Some("3"));
        assert_eq!(value(&out, "t4.lit_direct.upheld").as_deref(), Some("1"));
        assert_eq!(
            value(&out, "t4.lit_after_review.total").as_deref(),
            Some("1")
        );
        // One value lost and another doubled: the groups no longer add up, nothing is read.
        let row = text_grid_row(&["2 1", "0 0", "3 1", "0 0", "0 0", "1 0", "0 0", "1"]);
        let mut out = Tables::default();
        read_t4(&[row], Template::V2021, &mut out);
        assert!(out.cells.is_empty());
    }
    #[test]
    fn a_wrapped_label_with_its_group_column_beside_it_is_joined_by_last_words() {
        // pdftotext -layout (derived/wrapped-vertical-layout.txt): the group label （三）不予公开
        // wraps in the same field as the row labels, one word before each of their lines.
        let rows = [
            empty("4.保护第三方合"),
            text_grid_row(&["", "2", "0", "0", "0", "0", "0", "2"]),
            empty("（三） 法权益"),
            empty("不予公 5.属于三类内部"),
            text_grid_row(&["", "3", "0", "0", "0", "0", "0", "3"]),
            empty("开 事务信息"),
            empty("6.属于四类过程"),
            text_grid_row(&["", "5", "0", "0", "0", "1", "0", "6"]),
            empty("性信息"),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        let row = |r: &str| -> Vec<Option<String>> {
            row_keys(Template::V2021, Table::T3, r)
                .iter()
                .map(|k| value(&out, &k.to_string()))
                .collect()
        };
        let some =
            |v: &[&str]| -> Vec<Option<String>> { v.iter().map(|s| Some(s.to_string())).collect() };
        assert_eq!(
            row("deny_third_party"),
            some(&["2", "0", "0", "0", "0", "0", "2"])
        );
        assert_eq!(
            row("deny_internal_affairs"),
            some(&["3", "0", "0", "0", "0", "0", "3"])
        );
        assert_eq!(
            row("deny_process_info"),
            some(&["5", "0", "0", "0", "1", "0", "6"])
        );
    }

    #[test]
    fn a_value_glued_to_its_table_two_label_is_the_first_value() {
        // PyMuPDF's blocks (derived/v2019-html-mupdf-blocks.txt): 23 touches the label.
        let rows = [line_row("其他对外管理服务事项23 0 24", &[], 1, false)];
        let mut out = Tables::default();
        read_t2(&rows, Template::V2019, &mut out);
        assert_eq!(
            value(&out, "t2.other_service.prev_items").as_deref(),
            Some("23")
        );
        assert_eq!(value(&out, "t2.other_service.change").as_deref(), Some("0"));
        assert_eq!(
            value(&out, "t2.other_service.decisions").as_deref(),
            Some("24")
        );
        // Two values for three columns even with the glued one: nothing is read.
        let rows = [line_row("其他对外管理服务事项23 24", &[], 1, false)];
        let mut out = Tables::default();
        read_t2(&rows, Template::V2019, &mut out);
        assert!(out.cells.is_empty());
    }

    #[test]
    fn values_a_line_off_their_labels_are_read_column_by_column_between_anchors() {
        // pdftotext -layout of Chromium's PDF (derived/v2021-chromium-layout.txt): the 5 of
        // 2.没有现成信息 is glued to its label on the line of 1.本机关不掌握's values; each
        // later row's values sit a line below its label.
        let rows = || {
            vec![
                text_grid_row(&["8.属于行政查询事项", "21", "1", "0", "0", "0", "1", "23"]),
                text_grid_row(&["1.本机关不掌握相关政府信息", "", "", "", "", "", "", ""]),
                text_grid_row(&[
                    "（四）无 2.没有现成信息需要另行制作",
                    "5",
                    "61",
                    "6",
                    "0",
                    "1",
                    "7",
                    "3",
                    "78",
                ]),
                text_grid_row(&[
                    "三、本 法提供 3.补正后申请内容仍不明确",
                    "",
                    "0",
                    "0",
                    "0",
                    "1",
                    "0",
                    "6",
                ]),
                text_grid_row(&["年度办", "3", "0", "0", "0", "0", "1", "4"]),
                text_grid_row(&[
                    "理结果 1.信访举报投诉类申请",
                    "7",
                    "1",
                    "0",
                    "0",
                    "0",
                    "0",
                    "8",
                ]),
            ]
        };
        let read = |rows: &[Row]| {
            let mut out = Tables::default();
            read_t3(rows, Template::V2021, false, &mut out);
            out
        };
        let row = |out: &Tables, r: &str| -> Vec<String> {
            row_keys(Template::V2021, Table::T3, r)
                .iter()
                .map(|k| value(out, &k.to_string()).unwrap_or_default())
                .collect()
        };
        let out = read(&rows());
        assert_eq!(
            row(&out, "unable_not_held"),
            ["61", "6", "0", "1", "7", "3", "78"]
        );
        assert_eq!(
            row(&out, "unable_need_creation"),
            ["5", "0", "0", "0", "1", "0", "6"]
        );
        assert_eq!(
            row(&out, "unable_unclear"),
            ["3", "0", "0", "0", "0", "1", "4"]
        );
        // One value fewer: the columns no longer hold one value per row; nothing is read.
        let mut short = rows();
        short[4] = text_grid_row(&["年度办", "3", "0", "0", "0", "", "1", "4"]);
        let out = read(&short);
        assert!(row(&out, "unable_not_held").iter().all(String::is_empty));
        assert!(row(&out, "unable_unclear").iter().all(String::is_empty));
    }

    /// `pdftotext -layout` of LibreOffice Calc's PDF of huaian-2024.xls: the sheet sets its
    /// cells at the top of tall rows, so a row's values print on the first line of the next
    /// row's wrapped label, and a label holds two value lines. Once read by the line they
    /// share: (一) blank, (二) given (一)'s values, 1.属于国家秘密 blank, 2.其他法… given its
    /// values (confidently wrong). Neither line is placed by position now; the rows between
    /// the anchors are read column by column in template order.
    #[test]
    fn two_value_lines_under_one_wrapped_label_place_neither_by_position() {
        let aligned = |cells: &[&str]| {
            let mut row = text_grid_row(cells);
            row.from_grid = false;
            let span = crate::flow::TextSpan {
                chars: (0.0, 1.0),
                width: (0.0, 1.0),
            };
            row.text_spans = vec![Some(span); cells.len()];
            row
        };
        let empty = |label: &'static str| aligned(&[label, "", "", "", "", "", "", ""]);
        let rows = |short: bool| {
            vec![
                aligned(&["二、上年结转政府信息公开申"]),
                aligned(&["请数量", "34", "0", "0", "0", "0", "0", "34"]),
                empty("（一）予以公开"),
                aligned(&[
                    "（二）部分公开（区",
                    "1288",
                    "21",
                    "0",
                    "0",
                    "",
                    "50",
                    "3",
                    "1362",
                ]),
                empty("分处理的，只计这一"),
                empty("情形，不计其他情形"),
                aligned(&["）", "447", "7", "0", "0", "", "0", "0", "454"]),
                empty("1.属于国"),
                empty("家秘密"),
                aligned(&["2.其他法", "2", "0", "0", "0", "", "0", "0", "2"]),
                empty("律行政法"),
                empty("规禁止公"),
                if short {
                    aligned(&["开", "30", "1", "", "0", "0", "0", "31"])
                } else {
                    aligned(&["开", "30", "1", "", "0", "0", "0", "0", "31"])
                },
                empty("3.危及“"),
                empty("三安全一"),
                aligned(&["稳定”", "5", "0", "", "0", "0", "0", "0", "5"]),
            ]
        };
        let mut out = Tables::default();
        read_t3(&rows(false), Template::V2021, false, &mut out);
        assert_eq!(
            t3_row(&out, "granted"),
            ["1288", "21", "0", "0", "50", "3", "1362"]
        );
        assert_eq!(
            t3_row(&out, "partial"),
            ["447", "7", "0", "0", "0", "0", "454"]
        );
        assert_eq!(
            t3_row(&out, "deny_state_secret"),
            ["2", "0", "0", "0", "0", "0", "2"]
        );
        assert_eq!(
            t3_row(&out, "deny_law_forbidden"),
            ["30", "1", "0", "0", "0", "0", "31"]
        );
        // A line one value short: the columns do not read; the four rows stay absent, none
        // blank and none given another row's values.
        let mut out = Tables::default();
        read_t3(&rows(true), Template::V2021, false, &mut out);
        for row in [
            "granted",
            "partial",
            "deny_state_secret",
            "deny_law_forbidden",
        ] {
            assert!(t3_row(&out, row).iter().all(String::is_empty), "{row}");
        }
        assert_eq!(t3_row(&out, "deny_three_security")[0], "5");
    }

    /// The row's values as read (`""` for a cell not written).
    fn t3_row(out: &Tables, row: &str) -> Vec<String> {
        row_keys(Template::V2021, Table::T3, row)
            .iter()
            .map(|k| value(out, &k.to_string()).unwrap_or_default())
            .collect()
    }

    /// pymupdf4llm of LibreOffice Calc's PDF of huaian-2024.ods (held-out): the narrow label
    /// column wraps every label, so a label cell holds the tail of one row and the start of
    /// the next (`家秘密` / `2.其他法`) beside row 1.'s values (truth: 1. is 2 0 0 0 0 0 2,
    /// 2. is 30 1 0 0 0 0 31). `其他`, the whole label of row （六）3., inside `其他法` made
    /// the begun row look whole, and row 2. got row 1.'s values. Neither row is known now.
    #[test]
    fn a_short_row_label_inside_a_cut_one_names_no_row_whole() {
        let rows = [
            text_grid_row(&["（一）予以公开\n", "1288", "21", "0", "0\n50\n3\n1362"]),
            text_grid_row(&["（二）部分公开（区", "", "", "", ""]),
            text_grid_row(&["分处理的，只计这一\n情形，不计其他情形", "", "", "", ""]),
            text_grid_row(&["）\n", "447", "7", "0", "0\n0\n0\n454"]),
            text_grid_row(&["1.属于国", "", "", "", ""]),
            text_grid_row(&["家秘密\n2.其他法\n", "2", "0", "0", "0\n0\n0\n2"]),
            text_grid_row(&["律行政法\n", "", "", "", ""]),
            text_grid_row(&["规禁止公", "", "", "", ""]),
            text_grid_row(&["开\n3.\n“\n危及三\n", "30", "1", "0", "0\n0\n0\n31"]),
            text_grid_row(&["安全一稳", "", "", "", ""]),
            text_grid_row(&["”\n定\n4.保护第", "5", "0", "0", "0\n0\n0\n5"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            t3_row(&out, "granted"),
            ["1288", "21", "0", "0", "50", "3", "1362"]
        );
        let truth = [
            ("deny_state_secret", ["2", "0", "0", "0", "0", "0", "2"]),
            ("deny_law_forbidden", ["30", "1", "0", "0", "0", "0", "31"]),
        ];
        for (row, right) in truth {
            let read = t3_row(&out, row);
            for (got, want) in read.iter().zip(right) {
                assert!(got.is_empty() || got == want, "{row}: {read:?}");
            }
        }
        assert_eq!(t3_row(&out, "deny_law_forbidden"), [""; 7]);
        let reader = T3Reader::new(&[], Template::V2021, false, &mut out);
        assert!(!reader.names_a_row_whole(&normalize_label("2.其他法")));
        assert!(reader.names_a_row_whole(&normalize_label("2.其他法律行政法规禁止公开")));
        assert!(reader.names_a_row_whole(&normalize_label("3、其他")));
    }

    /// markitdown of Chromium's A4-landscape PDF of the huaian page (held-out): row （六）2.'s
    /// label line prints empty cells, its values (6 0 0 0 0 0 6) follow on a line of their
    /// own beside `申请`, the tail of its wrapped label; row 3.'s values (108 2 0 0 0 0 110)
    /// printed above their label were dropped before (`detached`: not pinned), so the reader
    /// meets `3、其他` and `（七）总计` as labels alone. Row 2.'s values were taken for row 3.'s
    /// (the one row between "row 2." and 总计), though row 2. itself was never read.
    #[test]
    fn a_value_row_after_a_row_not_read_is_not_its_successors() {
        let grid = |cells: &[&str]| {
            let mut all = vec![""; 15];
            for (i, c) in cells.iter().enumerate() {
                all[i] = c;
            }
            text_grid_row(&all)
        };
        let values = |v: [&str; 5]| {
            let mut all = vec![""; 10];
            all.extend(v);
            text_grid_row(&all)
        };
        let line = |text: &str| Row {
            from_grid: false,
            ..text_grid_row(&[text])
        };
        let rows = [
            grid(&[
                "",
                "",
                "",
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "",
                "",
                "",
                "",
                "",
                "",
                "67",
                "3 0",
                "0",
                "1",
                "0 71",
            ]),
            grid(&[
                "",
                "（六）其他处",
                "",
                "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开",
            ]),
            values(["6", "0 0", "0", "0", "0 6"]),
            grid(&["", "", "理", "", "", "", "申请"]),
            line("3、其他"),
            line("（七）总计"),
            values(["2932", "53 0", "0", "61", "4 3050"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(
            t3_row(&out, "other_no_correction"),
            ["67", "3", "0", "0", "1", "0", "71"]
        );
        let truth = [
            ("other_no_fee_paid", ["6", "0", "0", "0", "0", "0", "6"]),
            ("other_other", ["108", "2", "0", "0", "0", "0", "110"]),
        ];
        for (row, right) in truth {
            let read = t3_row(&out, row);
            for (got, want) in read.iter().zip(right) {
                assert!(got.is_empty() || got == want, "{row}: {read:?}");
            }
        }
        assert_eq!(t3_row(&out, "other_other"), [""; 7]);
    }

    /// Table 三 of a PDF whose fonts map to no text, drawn and OCR'd (`pdftops` + `ps2pdf` of
    /// a corpus PDF, held out): the grid is whole, but Tesseract read most labels as noise
    /// (`3.办及办三办全一办定罗` for `3.危及“三安全一稳定”`). Between the rows whose labels it
    /// did read, the grid's rows are exactly the template's rows there: read in order. One
    /// row more, or an item number of another row, and they are not.
    /// h16's borderless-psrt, OCR'd: the total column's header `， ¦ 总计` stands above header
    /// words OCR garbled (`和) 罗业加业Da 公轩` and one `0`). Joined, they named row （七）总计
    /// above row 一, and the header's cells (blanks and the 0) took that row. Before any row
    /// with values, a line of 总计 alone is the column's header.
    #[test]
    fn the_total_columns_header_above_row_one_is_no_row() {
        let grid = |cells: &[&str]| {
            let mut r = text_grid_row(cells);
            r.printed_blanks = true;
            r
        };
        let rows = vec![
            grid(&["， 总计"]),
            grid(&["和) 罗业加业Da 公轩", "", "", "", "", "0", "", ""]),
            grid(&[
                "一、本年新收政府信息公开申请数量",
                "148",
                "7",
                "0",
                "0",
                "7",
                "2",
                "164",
            ]),
            grid(&[
                "二、上年结转政府信息公开申请数量",
                "4",
                "0",
                "0",
                "0",
                "0",
                "0",
                "4",
            ]),
            grid(&["（七）总计", "148", "7", "0", "0", "7", "2", "164"]),
            grid(&["四、结转下年度继续办理", "4", "0", "0", "0", "0", "0", "4"]),
        ];
        let mut out = Tables::default();
        read_t3(&rows, Template::V2021, false, &mut out);
        let printed = ["148", "7", "0", "0", "7", "2", "164"];
        assert_eq!(t3_row(&out, "processed_total"), printed);
        assert_eq!(t3_row(&out, "new_received"), printed);
    }

    #[test]
    fn grid_rows_whose_labels_name_no_row_are_read_in_order_between_anchors() {
        let row = |label: &str, v: [&str; 7]| {
            let mut r = text_grid_row(&[&[label][..], &v[..]].concat());
            r.printed_blanks = true;
            r
        };
        let rows = |middle: &[Row]| {
            let mut all = vec![row(
                "（一）予以公开",
                ["212", "15", "1", "0", "4", "2", "234"],
            )];
            all.extend_from_slice(middle);
            all.push(row(
                "2.其他法律行政法规禁止公开",
                ["6", "0", "0", "0", "0", "0", "6"],
            ));
            all
        };
        let partial = row(
            "(二)因因公开《〈区办处理的，四计罗一情形，不计其他情形)",
            ["48", "4", "0", "0", "1", "0", "53"],
        );
        let secret = row("1.罗于国内罗罗", ["1", "0", "0", "0", "0", "0", "1"]);
        let mut out = Tables::default();
        read_t3(
            &rows(&[partial.clone(), secret.clone()]),
            Template::V2021,
            false,
            &mut out,
        );
        assert_eq!(
            t3_row(&out, "partial"),
            ["48", "4", "0", "0", "1", "0", "53"]
        );
        assert_eq!(
            t3_row(&out, "deny_state_secret"),
            ["1", "0", "0", "0", "0", "0", "1"]
        );
        assert!(
            !out.notes.iter().any(|n| n.contains("could not be pinned")),
            "{:?}",
            out.notes
        );
        // A row more than the template has there: none is known.
        let extra = row("罗罗", ["2", "0", "0", "0", "0", "0", "2"]);
        let mut out = Tables::default();
        read_t3(
            &rows(&[partial.clone(), extra, secret.clone()]),
            Template::V2021,
            false,
            &mut out,
        );
        assert_eq!(t3_row(&out, "partial"), [""; 7]);
        assert_eq!(t3_row(&out, "deny_state_secret"), [""; 7]);
        // A page break splits the second row: the next page's first row holds only the tail
        // of its label. Still two rows.
        let mut tail = row("罗罗", [""; 7]);
        tail.page = 2;
        let mut last = rows(&[partial.clone(), secret.clone(), tail]);
        last.last_mut().unwrap().page = 2;
        let mut out = Tables::default();
        read_t3(&last, Template::V2021, false, &mut out);
        assert_eq!(
            t3_row(&out, "deny_state_secret"),
            ["1", "0", "0", "0", "0", "0", "1"]
        );
        // The second row prints item number 3: not row 1.
        let third = row("3.罗于国内罗罗", ["1", "0", "0", "0", "0", "0", "1"]);
        let mut out = Tables::default();
        read_t3(&rows(&[partial, third]), Template::V2021, false, &mut out);
        assert_eq!(t3_row(&out, "deny_state_secret"), [""; 7]);
    }
}
