//! Tables 二, 三 and 四 read row by row (rows gathered by [`crate::gather`]): labels mapped to
//! keys through the schema, values placed by row and column.

use crate::flow::Row;
use crate::fuzzy::strip_enumerator;
use crate::rows::{place_row, split, Columns};
use std::collections::BTreeMap;
use xxgk_model::schema::{is_other_sub_row, LabelKind};
use xxgk_model::text::normalize_label;
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

fn put(out: &mut Tables, keys: &[KeyId], cells: Vec<Cell>, label: &str) {
    for (&id, cell) in keys.iter().zip(cells) {
        if out.cells.contains_key(&id) {
            out.notes
                .push(format!("{id}: a second row labelled '{label}' was ignored"));
            return;
        }
        out.cells.insert(id, cell);
    }
}

// ---------------------------------------------------------------- table 二

pub(crate) fn read_t2(rows: &[Row], template: Template, out: &mut Tables) {
    let s = schema();
    let columns: Vec<Option<Columns>> = (0..=3).map(|k| Columns::learn(rows.iter(), k)).collect();
    let mut header: Vec<&'static str> = Vec::new();
    for row in rows {
        let sp = split(row);
        let label = sp.label();
        if label.is_empty() {
            continue;
        }
        if s.match_label(Table::T2, LabelKind::Caption, &label, Some(template))
            .is_some()
        {
            header.clear();
            continue;
        }
        let norm = normalize_label(&label);
        if norm.starts_with("信息内容") {
            header = row
                .cells
                .iter()
                .skip(1)
                .filter_map(|c| s.match_label(Table::T2, LabelKind::Col, &c.text, Some(template)))
                .collect();
            continue;
        }
        let Some(key) = s.match_label(Table::T2, LabelKind::Row, &label, Some(template)) else {
            continue;
        };
        let mut cols = row_keys(template, Table::T2, key);
        // The header printed above decides the order when it names the same columns.
        if header.len() == cols.len() && header.iter().all(|h| cols.iter().any(|k| k.col() == *h)) {
            cols = header
                .iter()
                .filter_map(|h| s.key_at(Table::T2, key, h))
                .collect();
        }
        let learned = columns.get(cols.len()).and_then(|c| c.as_ref());
        match place_row(row, &sp.values, cols.len(), false, learned) {
            Some(p) => put(out, &cols, p, &label),
            None => out.notes.push(format!(
                "表二 row '{label}': {} value fields for {} columns; not placed",
                sp.values.len(),
                cols.len()
            )),
        }
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

pub(crate) fn read_t3(rows: &[Row], template: Template, blank_rows: bool, out: &mut Tables) {
    T3Reader::new(rows, template, blank_rows, out).read();
}

/// Table 三's rows read one at a time, in named steps: [`T3Reader::note_groups`],
/// [`T3Reader::label_only`] (a label line without values), [`T3Reader::identify`] (which row a
/// row with values is), [`T3Reader::unrecognised`], [`T3Reader::place`], then
/// [`T3Reader::finish`] (a pending blank row; the single-row （六） of the schema's
/// `single_other` variant).
struct T3Reader<'a> {
    rows: &'a [Row],
    template: Template,
    /// Whether a row label printed with nothing after it is a row printed blank (a page laid
    /// out in columns); in text without positions it only says the values are elsewhere.
    blank_rows: bool,
    columns: Option<Columns>,
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
    /// Values of a row naming no row, met after a pending row: see [`Orphan`].
    orphan: Option<Orphan>,
    /// The template's rows of table 三, in order.
    order: Vec<&'static str>,
    out: &'a mut Tables,
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
}

/// Most label fragments kept for joining a wrapped label.
const MAX_FRAGMENTS: usize = 3;

/// One row as split, with what the steps ask of it.
struct Current<'r> {
    row: &'r Row,
    sp: crate::rows::Split<'r>,
    label: String,
    norm: String,
    has_values: bool,
}

impl<'a> T3Reader<'a> {
    fn new(rows: &'a [Row], template: Template, blank_rows: bool, out: &'a mut Tables) -> Self {
        let width = row_keys(template, Table::T3, "new_received").len();
        T3Reader {
            rows,
            template,
            blank_rows,
            columns: Columns::learn(rows.iter(), width),
            fragments: Vec::new(),
            group: None,
            last_key: None,
            other_candidate: None,
            pending: None,
            orphan: None,
            order: schema().rows(template, Table::T3),
            out,
        }
    }

    fn match_row(&self, text: &str) -> Option<&'static str> {
        schema().match_label(Table::T3, LabelKind::Row, text, Some(self.template))
    }

    fn match_group(&self, text: &str) -> Option<&'static str> {
        schema().match_label(Table::T3, LabelKind::Group, text, Some(self.template))
    }

    fn read(mut self) {
        let rows = self.rows;
        for (i, row) in rows.iter().enumerate() {
            let sp = split(row);
            let label = sp.label();
            let cur = Current {
                row,
                norm: normalize_label(&label),
                has_values: sp.has_values(),
                sp,
                label,
            };
            self.note_groups(&cur);
            if !cur.has_values && is_t3_header(&cur.norm) {
                self.fragments.clear();
                continue;
            }
            if cur.sp.values.is_empty() || (!cur.has_values && !row.from_grid) {
                self.label_only(&cur);
                continue;
            }
            let (key, shown) = self.identify(&cur, i + 1);
            self.fragments.clear();
            if key.is_none() && !cur.has_values {
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
            }
            if let Some(pk) = self.pending.take() {
                // A row printed empty is blank only when the row after it reads cleanly: when
                // that row holds more or fewer values than its columns, a value may have moved
                // off the empty row.
                let clean = match key {
                    Some(k) if cur.has_values => self.placeable(&cur, k),
                    _ => true,
                };
                if key != Some(pk.key) && clean {
                    pk.put(self.out, self.template, self.blank_rows);
                }
            }
            match key {
                Some(key) => self.place(&cur, key, shown),
                None => self.unrecognised(&cur),
            }
        }
        self.finish();
    }

    /// Whether a row's values fit the columns of row `key`.
    fn placeable(&self, cur: &Current, key: &'static str) -> bool {
        let keys = row_keys(self.template, Table::T3, key);
        place_row(
            cur.row,
            &cur.sp.values,
            keys.len(),
            true,
            self.columns.as_ref(),
        )
        .is_some()
    }

    /// Step: a value row naming no row after a pending row (see [`Orphan`]). A second one
    /// before the next anchor makes both unplaceable.
    fn stash_orphan(&mut self, cur: &Current) {
        if let Some(o) = self.orphan.as_mut() {
            o.cells = None;
            return;
        }
        let Some(pk) = self.pending.take() else {
            return;
        };
        let keys = row_keys(self.template, Table::T3, pk.key);
        let cells = place_row(
            cur.row,
            &cur.sp.values,
            keys.len(),
            true,
            self.columns.as_ref(),
        );
        self.orphan = Some(Orphan {
            key: pk.key,
            label: pk.label,
            cells,
        });
    }

    /// Step: a value row whose label is unreadable (OCR: `区到本KK` for `（一）予以公开`), right
    /// after a row read: an [`Orphan`] of the row that follows that one in the template, when
    /// its values fit that row's columns and its own sum holds (total = the sum of the others,
    /// every field a number or blank). It is placed only when the next row read is that row's
    /// successor ([`Self::resolve_orphan`]): exactly one template row lies between the anchors.
    fn stash_unlabelled(&mut self, cur: &Current) -> bool {
        let Some(last) = self.last_key else {
            return false;
        };
        let at = self.order.iter().position(|r| *r == last);
        let Some(key) = at.and_then(|i| self.order.get(i + 1)).copied() else {
            return false;
        };
        let keys = row_keys(self.template, Table::T3, key);
        if keys.iter().any(|k| self.out.cells.contains_key(k)) {
            return false;
        }
        let cells = place_row(
            cur.row,
            &cur.sp.values,
            keys.len(),
            true,
            self.columns.as_ref(),
        );
        if !cells.as_ref().is_some_and(|c| row_sum_holds(&keys, c)) {
            return false;
        }
        self.orphan = Some(Orphan {
            key,
            label: cur.label.clone(),
            cells,
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
        let at = self.order.iter().position(|r| *r == o.key);
        let successor = at.and_then(|i| self.order.get(i + 1)).copied();
        let pinned = successor == next && self.pending.as_ref().is_none_or(|p| Some(p.key) == next);
        match (pinned, o.cells) {
            (true, Some(cells)) => {
                let keys = row_keys(self.template, Table::T3, o.key);
                put(self.out, &keys, cells, &o.label);
            }
            _ => {
                if self.pending.as_ref().is_some_and(|p| Some(p.key) != next) {
                    self.pending = None;
                }
                self.out.notes.push(format!(
                    "表三: a value row without its label after '{}' could not be pinned to a row by template order; not used",
                    o.label.trim()
                ));
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
                    pk.put(self.out, self.template, self.blank_rows);
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
        let mut key = cur
            .sp
            .labels
            .iter()
            .rev()
            .find_map(|c| self.match_row(&c.text))
            .or_else(|| (!label.is_empty()).then(|| self.match_row(label)).flatten());
        let mut shown = label.clone();
        if key.is_none()
            && strip_enumerator(norm) == "其他"
            && (self.group == Some("other") || self.last_key.is_some_and(is_other_sub_row))
        {
            key = Some("other_other");
        }
        // The nearest fragments first: "…逾期不补" + "正、行政机关…". A label that starts with
        // its own enumerator ("（六）", "3.") begins a row: it continues nothing.
        let continues = strip_enumerator(norm) == norm;
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
        if key.is_none() && cur.has_values {
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
            for row in self.rows.iter().skip(next).take(2) {
                let nsp = split(row);
                let nnorm = normalize_label(&nsp.label());
                // A label starting with its own enumerator begins the next row.
                if nsp.has_values() || is_t3_header(&nnorm) || strip_enumerator(&nnorm) != nnorm {
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
        if key.is_none() {
            // Last resort: a misprinted label that still clearly resembles one row.
            key = cur
                .sp
                .labels
                .last()
                .and_then(|c| crate::fuzzy::closest_row(Table::T3, self.template, &c.text));
        }
        (key, shown)
    }

    /// Step: a row with values that names no template row — （六）其他处理 carrying its own
    /// values (the v2019 row, or the v2021 one-row variant), else a note.
    fn unrecognised(&mut self, cur: &Current) {
        if self.match_group(&cur.label) == Some("other") {
            let cols = row_keys(self.template, Table::T3, "other");
            if let Some(p) = place_row(
                cur.row,
                &cur.sp.values,
                cols.len(),
                true,
                self.columns.as_ref(),
            ) {
                if self.template == Template::V2019 {
                    put(self.out, &cols, p, &cur.label);
                } else {
                    self.other_candidate = Some((p, cur.label.clone()));
                }
            }
            self.last_key = Some("other");
        } else if cur.has_values {
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
        let placed = place_row(
            cur.row,
            &cur.sp.values,
            cols.len(),
            true,
            self.columns.as_ref(),
        );
        if !cur.has_values {
            // Every field printed empty: a blank row, or (in text laid out in columns) the
            // first line of a wrapped label whose numbers follow. The next row decides.
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
            Some(p) => put(self.out, &cols, p, &shown),
            None => self.out.notes.push(format!(
                "表三 row '{}': {} value fields for {} columns; not placed",
                shown.trim(),
                cur.sp.values.len(),
                cols.len()
            )),
        }
    }

    /// Step: the last pending row; the single （六） row of the schema's `single_other`
    /// variant when no （六） sub-row was read.
    fn finish(mut self) {
        self.resolve_orphan(None);
        if let Some(pk) = self.pending.take() {
            pk.put(self.out, self.template, self.blank_rows);
        }
        let single = schema().expected_keys(self.template, true);
        let sub_rows: Vec<&str> = schema()
            .keys(self.template)
            .filter(|k| k.table == Table::T3 && !single.iter().any(|s| s.key_id() == k.key_id()))
            .map(|k| k.row)
            .collect();
        if sub_rows.is_empty() {
            return; // no one-row variant in this template
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

// ---------------------------------------------------------------- table 四

pub(crate) fn read_t4(rows: &[Row], template: Template, out: &mut Tables) {
    let cols: Vec<KeyId> = schema()
        .keys(template)
        .filter(|k| k.table == Table::T4)
        .map(|k| k.key_id())
        .collect();
    let n = cols.len();
    // A row printed all blank is the data row only when no row holds a number (Markdown
    // converters write an empty header row above a table without <th>).
    let any_numbers = rows.iter().any(|row| {
        split(row)
            .values
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .count()
            >= n
    });
    for row in rows {
        let sp = split(row);
        // The data row: (almost) no label and one field per column.
        let numbers = sp
            .values
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .count();
        if sp.values.len() < n && numbers < n {
            continue;
        }
        // A row of printed-empty cells is the data row only when it is a grid row of exactly
        // the table's width with no label (a table of blanks), never a header or a spacer line.
        if numbers == 0
            && (any_numbers || !(row.from_grid && sp.labels.is_empty() && sp.values.len() == n))
        {
            continue;
        }
        match place_row(row, &sp.values, n, false, None) {
            Some(p) => {
                for (&key, cell) in cols.iter().zip(p) {
                    out.cells.entry(key).or_insert(cell);
                }
                return;
            }
            None => out.notes.push(format!(
                "表四: a row with {} value fields for {n} columns; not placed",
                sp.values.len()
            )),
        }
    }
}
