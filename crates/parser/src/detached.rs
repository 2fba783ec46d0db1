//! Table 三 in linear text whose row labels came apart from their values (PDF→text and
//! PDF→Markdown converters, `pdfminer`): first the label lines of several rows, then several
//! label-less value rows, in the order the converter met them. Read by template order:
//!
//! 1. [`label_block`]: the label lines before the value rows, grouped into row labels (a line
//!    starting with an enumerator such as `3.` or `（二）` starts a row, other lines continue
//!    it); group labels (（三）不予公开) and header words are left out. Every label must name a
//!    template row, in template order.
//! 2. [`value_block`]: the label-less value rows that follow.
//! 3. [`assign`]: as many value rows as labels → row by row in order. One value per line and
//!    the table's width (seven) times as many as labels → [`by_columns`]: the values are
//!    column boxes (what `pdfminer` writes), each box one column top to bottom in template row
//!    order, but the boxes come in the converter's order of text boxes, which is not the
//!    printed column order (the derived `v2021-docx-pdfminer.txt` prints 自然人, 科研机构,
//!    社会公益组织, 法律服务机构, 商业企业, 其他, 总计). The 勾稽 rules are symmetric in the six
//!    applicant columns, so they pin only the total box (the one box equal to the sum of the
//!    other six on every row, T3-3) and, on each row, the applicant cells when all six boxes
//!    print the same value there (any order gives the same cells). Every other applicant cell
//!    stays absent, with a note.
//!    Anything else: the value rows are not used (the cells stay absent) and a note says so.
//!
//! A value is never attached to a row because its label is the nearest one, nor to a column
//! because of the order in which a converter wrote it.

use crate::flow::{Row, RowCell};
use crate::fuzzy::strip_enumerator;
use crate::rows::{cell_of, split};
use crate::tables::{is_t3_header, Tables};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::{classify_value, normalize_label, EMPTY_CELL};
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// What template order made of a block of value rows.
enum Placement {
    /// Labelled rows, read afterwards like any row of the table.
    Rows(Vec<Row>),
    /// Cells pinned by the rules (key id → cell); the others of the block stay absent.
    Cells(Vec<(KeyId, Cell)>),
}

/// Rewrite the rows of table 三 read from lines without geometry: label blocks followed by
/// value blocks become labelled rows (or cells, see [`by_columns`]) where template order
/// pins them; value rows that cannot be pinned are dropped (with a note in `out`).
///
/// Also says whether the whole table was read in print order (each row's cells in order,
/// rows in template order, every 勾稽 equation holding): evidence that this converter writes
/// cells in print order, which [`crate::stream::read_t4`] needs.
pub fn attach(rows: Vec<Row>, template: Template, out: &mut Tables) -> (Vec<Row>, bool) {
    if let Some(placed) = row_major(&rows, template, &mut out.notes) {
        return (placed, true);
    }
    if let Some(read) = crate::stream::read_t3(&rows, template, &mut out.notes) {
        out.single_other |= read.single_other;
        for (id, cell) in read.cells {
            out.cells.entry(id).or_insert(cell);
        }
        if !read.whole {
            return (rows, false);
        }
        // Every value is used: the rows keep their labels only.
        let labels = rows
            .into_iter()
            .filter_map(|mut r| {
                r.cells.retain(|c| classify_value(&c.text).is_none());
                (!r.cells.is_empty()).then_some(r)
            })
            .collect();
        return (labels, true);
    }
    if let Some((cells, single_other)) = whole_stream(&rows, template, &mut out.notes) {
        out.single_other |= single_other;
        for (id, cell) in cells {
            out.cells.entry(id).or_insert(cell);
        }
        return (
            rows.into_iter().filter(|r| !is_value_only(r)).collect(),
            false,
        );
    }
    let (kept, cells) = attach_rows(rows, template, &mut out.notes);
    for (id, cell) in cells {
        out.cells.entry(id).or_insert(cell);
    }
    (kept, false)
}

fn attach_rows(
    rows: Vec<Row>,
    template: Template,
    notes: &mut Vec<String>,
) -> (Vec<Row>, Vec<(KeyId, Cell)>) {
    let mut cells = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    // Where the value rows of the block before ended when no label could take them: a label
    // block right after them may be theirs (values printed above their labels).
    let mut unmatched_until: Option<usize> = None;
    while i < rows.len() {
        if !is_label_only(&rows[i]) {
            out.push(rows[i].clone());
            i += 1;
            continue;
        }
        let labels_end = (i..rows.len())
            .find(|&j| !is_label_only(&rows[j]))
            .unwrap_or(rows.len());
        let values_end = (labels_end..rows.len())
            .find(|&j| !is_value_only(&rows[j]))
            .unwrap_or(rows.len());
        out.extend(rows[i..labels_end].iter().cloned());
        // Values on a later page than the labels' last line are the rows printed there (a row
        // split at the page, its label's tail and the next rows' values after the break), never
        // pinned to the labels before the break.
        let same_page = labels_end > i
            && rows.get(labels_end).map(|r| r.page) == Some(rows[labels_end - 1].page);
        // Value rows no label took, right above this block (`34 0 0 0 0 0 34` under the tail
        // of row 一's label, then `二、上年结转…` and `12 21 0 0 50 3 13`: markitdown of
        // LibreOffice's PDF of huaian-2024.rtf prints values above their labels): the block's
        // labels may own those, so the values after them are not known to be theirs.
        let owned_above = unmatched_until == Some(i);
        unmatched_until = None;
        if values_end > labels_end && owned_above {
            notes.push(format!(
                "表三: {} value rows after labels that may own the values above them were not matched",
                values_end - labels_end
            ));
            unmatched_until = Some(values_end);
            out.extend(unmatched(&rows[labels_end..values_end], template));
        } else if values_end > labels_end && !same_page {
            notes.push(format!(
                "表三: {} value rows on the page after the labels before them were not matched to those labels",
                values_end - labels_end
            ));
        } else if values_end > labels_end {
            let labels = label_block(&rows[i..labels_end], template);
            let values = value_block(&rows[labels_end..values_end]);
            match labels.and_then(|l| assign(&l, &values, template, notes)) {
                Some(Placement::Rows(placed)) => out.extend(placed),
                Some(Placement::Cells(placed)) => cells.extend(placed),
                None => {
                    notes.push(format!(
                        "表三: {} value rows after labels printed apart from them could not be matched to rows in template order; not used",
                        values_end - labels_end
                    ));
                    unmatched_until = Some(values_end);
                    out.extend(unmatched(&rows[labels_end..values_end], template));
                }
            }
        }
        i = values_end;
    }
    (out, cells)
}

/// Value lines no label block took, kept for the row reader marked [`Row::unmatched`] when
/// each holds a whole row's values: one it meets under a row's wrapped label tells it that
/// label's other value line is not its by position (tables.rs `second_value_line`), and the
/// whole table may still read in template order (`stream::read_t3_in_order`).
fn unmatched<'r>(rows: &'r [Row], template: Template) -> impl Iterator<Item = Row> + 'r {
    let width = crate::tables::row_keys(template, Table::T3, "new_received").len();
    rows.iter()
        .filter(move |r| split(r).values.len() >= width)
        .map(|r| Row {
            unmatched: true,
            ..r.clone()
        })
}

/// Table 三 printed as column boxes with label and header boxes in between (`pdfminer` when
/// the table's rows differ in height: the value boxes of a column break where a tall row
/// begins, and the label boxes fall between them). Taken only when every line of the table
/// is either label text or a single value, and the values number exactly the template's rows
/// (with three （六） rows, or v2021's single one) times its width: they are then one stream of
/// column boxes, read by [`by_columns`] (the label lines are not used). Returns the cells and
/// whether the single-（六） layout was the one that fitted.
fn whole_stream(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    if rows.is_empty() || rows.iter().any(|r| r.from_grid) {
        return None;
    }
    let mut stream: Vec<&RowCell> = Vec::new();
    for row in rows {
        if is_value_only(row) {
            let sp = split(row);
            let [value] = sp.values[..] else { return None };
            stream.push(value);
        } else if !is_label_only(row) {
            return None; // a line of label and values: not a stream of boxes
        }
    }
    let page = rows.first().map_or(0, |r| r.page);
    for (single_other, order) in crate::stream::t3_layouts(template) {
        let width = crate::tables::row_keys(template, Table::T3, "new_received").len();
        if order.len() * width != stream.len() {
            continue;
        }
        let labels: Vec<Label> = order
            .iter()
            .map(|key| Label {
                key,
                text: String::new(),
                page,
            })
            .collect();
        // The same values read row by row (one cell per line, rows in print order) is the
        // other way a text lists a grid: when that reading adds up too, the stream is not
        // known to be columns.
        let numbers: Option<Vec<u64>> = stream
            .iter()
            .map(|c| match classify_value(&c.text) {
                Some((Flag::Number, v)) => v.parse().ok(),
                _ => None,
            })
            .collect();
        let numbers = numbers?;
        if equations_hold(&labels, template, |r, c| numbers[r * width + c]) {
            notes.push(format!(
                "表三: {} values, one per line, add up read row by row: not read as column boxes",
                stream.len()
            ));
            return None;
        }
        let cells = by_columns(&labels, &stream, template)?;
        notes.push(format!(
            "表三: {} values printed column by column with the labels in between; the 勾稽 rules pin {} of them (the total column and rows of equal cells)",
            stream.len(),
            cells.len()
        ));
        return Some((cells, single_other));
    }
    None
}

/// Table 三 written one cell per line in reading order (PyMuPDF `get_text()`, docx2txt): each
/// row's label lines, then exactly its cells, one per line. Taken only when the whole table
/// has that shape — every run of value lines follows label lines naming one row, holds exactly
/// that row's number of cells, the rows come in template order, at least
/// [`ROW_MAJOR_MIN_ROWS`] of them, every cell is a whole number or a dash and every 勾稽
/// equation holds (a dash read as 0) — and then read row by row. (pdfminer's column boxes never give every row its own
/// run of exactly its cells: a box holds a column over several rows.)
fn row_major(rows: &[Row], template: Template, notes: &mut Vec<String>) -> Option<Vec<Row>> {
    if rows.is_empty() || rows.iter().any(|r| r.from_grid) {
        return None;
    }
    // A value line is one number or mark; every other line is part of a label (a lone `、`
    // of a vertical group label too).
    let value_line = |r: &Row| {
        let sp = split(r);
        sp.labels.is_empty()
            && matches!(sp.values[..], [v] if v.text == EMPTY_CELL
                || matches!(classify_value(&v.text), Some((Flag::Number | Flag::Dash, _))))
    };
    let label_line =
        |r: &Row| !value_line(r) && r.cells.iter().all(|c| classify_value(&c.text).is_none());
    let mut placed: Vec<(Label, Vec<RowCell>)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let labels_end = (i..rows.len())
            .find(|&j| !label_line(&rows[j]))
            .unwrap_or(rows.len());
        let values_end = (labels_end..rows.len())
            .find(|&j| !value_line(&rows[j]))
            .unwrap_or(rows.len());
        if values_end == labels_end {
            if labels_end == rows.len() {
                break; // label lines after the last row (a footer, the next heading)
            }
            return None; // a row of label and values: not this shape
        }
        if labels_end == i {
            return None; // values without a label before them
        }
        let previous = placed.last().map(|(l, _)| l.key);
        let label = segment_label(&rows[i..labels_end], template, previous)?;
        let mut values = Vec::new();
        for row in &rows[labels_end..values_end] {
            let sp = split(row);
            let [v] = sp.values[..] else { return None };
            values.push(v.clone());
        }
        let width = crate::tables::row_keys(template, Table::T3, label.key).len();
        if values.len() != width {
            return None;
        }
        placed.push((label, values));
        i = values_end;
    }
    if placed.len() < ROW_MAJOR_MIN_ROWS {
        return None;
    }
    let order = schema().rows(template, Table::T3);
    let positions: Vec<usize> = placed
        .iter()
        .map(|(l, _)| order.iter().position(|r| *r == l.key))
        .collect::<Option<_>>()?;
    if !positions.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    // A dash is 0 to decide, as the audit reads it (docs/spec/TEMPLATES.md §7.4): the
    // equations must hold with it so.
    let numbers: Vec<Vec<u64>> = placed
        .iter()
        .map(|(_, vs)| {
            vs.iter()
                .map(|c| xxgk_model::text::count_to_decide(&c.text).map(|(n, _)| n))
                .collect::<Option<Vec<u64>>>()
        })
        .collect::<Option<_>>()?;
    let labels: Vec<Label> = placed
        .iter()
        .map(|(l, _)| Label {
            key: l.key,
            text: l.text.clone(),
            page: l.page,
        })
        .collect();
    if !equations_hold(&labels, template, |r, c| numbers[r][c]) {
        return None;
    }
    notes.push(format!(
        "表三: {} rows printed one cell per line, each after its label; read row by row",
        placed.len()
    ));
    Some(
        placed
            .into_iter()
            .map(|(l, values)| labelled(&l, values))
            .collect(),
    )
}

/// Table 二 written one cell per line (PyMuPDF `get_text()`, docx2txt): each row label line
/// followed by exactly its cells, one per line. Taken only when no row label is followed by
/// another label (pdfminer and plain `pdftotext` write the labels of a block together and its
/// values column by column), no value line follows anything but a row label, and at least four
/// rows have exactly their cells; a row followed by another number of values is left as it is
/// (its cells absent). Returns the rows with their values joined.
pub fn t2_row_major(rows: &[Row], template: Template) -> Option<Vec<Row>> {
    if rows.iter().any(|r| r.from_grid) {
        return None;
    }
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let (mut i, mut placed) = (0, 0);
    while i < rows.len() {
        let row = &rows[i];
        i += 1;
        if is_value_only(row) {
            // A value line that follows no row label: only a one-column row's label wrapped
            // around its value (`行政` / `96171.6` / `事业性收费`) is read; anything else may be
            // values written column by column.
            let (wrapped, below) = wrapped_around(out.last(), row, rows.get(i), template)?;
            out.pop();
            out.push(wrapped);
            i += below;
            placed += 1;
            continue;
        }
        let Some((key, pieces)) = is_label_only(row)
            .then(|| t2_label_lines(&rows[i - 1..], template))
            .flatten()
        else {
            out.push(row.clone());
            continue;
        };
        let mut row = row.clone();
        for piece in &rows[i..i + pieces] {
            row.cells.extend(piece.cells.iter().cloned());
        }
        i += pieces;
        let row = &row;
        let width = crate::tables::row_keys(template, Table::T2, key).len();
        let end = (i..rows.len())
            .find(|&j| !is_value_only(&rows[j]))
            .unwrap_or(rows.len());
        if end == i {
            return None; // labels together: the values come elsewhere (column by column)
        }
        if let Some(merged) = repeated_cell(row, &rows[i..end], width, template) {
            out.push(merged);
            placed += 1;
            i = end;
            continue;
        }
        if end - i != width {
            // Not this row's cells (a value glued to the label line): left as they are.
            out.extend(std::iter::once(row).chain(&rows[i..end]).cloned());
            i = end;
            continue;
        }
        let mut merged = row.clone();
        for v in &rows[i..end] {
            let sp = split(v);
            let [cell] = sp.values[..] else { return None };
            merged.cells.push(cell.clone());
        }
        out.push(merged);
        placed += 1;
        i = end;
    }
    (placed >= 4).then_some(out)
}

/// A one-column row of table 二 whose label wraps around its one value line: the label piece
/// right above the value (`行政`, naming no row) and the line right below it (`事业性收费`,
/// a piece or the rest of the label) joined name a row of one column. Returns the row (label
/// and value) and how many lines below the value it took (1).
fn wrapped_around(
    above: Option<&Row>,
    value: &Row,
    below: Option<&Row>,
    template: Template,
) -> Option<(Row, usize)> {
    let (above, below) = (above?, below?);
    let piece = split(above).label();
    let rest = split(below).label();
    if !is_label_only(above)
        || !is_label_only(below)
        || !crate::table_two::is_label_piece(&piece, template)
    {
        return None;
    }
    let joined = format!("{piece}{rest}");
    let key = schema().match_label(Table::T2, LabelKind::Row, &joined, Some(template))?;
    let [cell] = split(value).values[..] else {
        return None;
    };
    if crate::tables::row_keys(template, Table::T2, key).len() != 1 {
        return None;
    }
    let mut row = above.clone();
    row.cells = vec![
        RowCell {
            text: joined,
            ..row.cells.first()?.clone()
        },
        cell.clone(),
    ];
    Some((row, 1))
}

/// A one-column row of table 二 whose value lines repeat one text once per column of the
/// table (docx2python writes a merged cell's text in every slot it covers: `行政许可` /
/// `447228` / `447228` / `447228`): the row and that value once. `None` otherwise.
fn repeated_cell(label: &Row, values: &[Row], width: usize, template: Template) -> Option<Row> {
    let widest = schema()
        .rows(template, Table::T2)
        .iter()
        .map(|r| crate::tables::row_keys(template, Table::T2, r).len())
        .max()?;
    let text = |v: &Row| v.cells.iter().map(|c| c.text.trim()).collect::<String>();
    let first = text(values.first()?);
    if width != 1 || values.len() != widest || values.iter().any(|v| text(v) != first) {
        return None;
    }
    let sp = split(&values[0]);
    let [cell] = sp.values[..] else { return None };
    let mut merged = label.clone();
    merged.cells.push(cell.clone());
    Some(merged)
}

/// Most lines a table-二 label wraps over in one-cell-per-line text.
const MAX_LABEL_LINES: usize = 4;

/// The table-二 row named by the label line `rows[0]`, with the number of lines after it that
/// continue its label (a cell's text broken over lines: BeautifulSoup's `get_text("\n")` of a
/// page writes `行政许` / `可` / `5939`). A line continues the label when it holds no value and
/// is a label piece ([`crate::table_two::is_label_piece`]); the join is taken only when it
/// names a row, else the first line alone is the label.
fn t2_label_lines(rows: &[Row], template: Template) -> Option<(&'static str, usize)> {
    let s = schema();
    let names = |text: &str| s.match_label(Table::T2, LabelKind::Row, text, Some(template));
    let mut joined = split(rows.first()?).label();
    let alone = names(&joined);
    let mut best = alone.map(|k| (k, 0));
    for (n, row) in rows.iter().enumerate().skip(1).take(MAX_LABEL_LINES) {
        let piece = split(row).label();
        if !is_label_only(row) || !crate::table_two::is_label_piece(&piece, template) {
            break;
        }
        joined.push_str(&piece);
        match names(&joined) {
            Some(key) if alone.is_none_or(|a| a == key) => best = Some((key, n)),
            _ => {}
        }
    }
    best
}

/// Fewest rows of table 三 a one-cell-per-line reading must place.
const ROW_MAJOR_MIN_ROWS: usize = 20;

/// The one row a run of label lines names (group labels and header words before it left out);
/// `None` when it names none or several.
fn segment_label(
    rows: &[Row],
    template: Template,
    previous: Option<&'static str>,
) -> Option<Label> {
    // A label line repeating the line right before it is that line again: docx2python writes
    // a merged cell's text in every slot it covers (`（七）总计` / `（七）总计`).
    let mut once: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        if once
            .last()
            .is_none_or(|last| split(last).label() != split(row).label())
        {
            once.push(row.clone());
        }
    }
    let rows = &once[..];
    if let Some(mut labels) = label_block(rows, template) {
        // The tail of the previous row's wrapped label (`已获取信息`) names that row again.
        if labels.len() > 1 && previous == Some(labels[0].key) {
            labels.remove(0);
        }
        return (labels.len() == 1).then(|| labels.remove(0));
    }
    // "3、其他" on its own: the （六） sub-row after another （六） sub-row.
    let text: String = rows.iter().map(|r| split(r).label()).collect();
    let key = crate::tables::t3_row_key(&text, template, previous)?;
    Some(Label {
        key,
        text,
        page: rows[0].page,
    })
}

fn is_label_only(row: &Row) -> bool {
    let sp = split(row);
    !row.from_grid && sp.values.is_empty() && !sp.label().trim().is_empty()
}

fn is_value_only(row: &Row) -> bool {
    let sp = split(row);
    !row.from_grid && sp.labels.is_empty() && sp.has_values()
}

/// A row label of the block: its text and the row it names.
struct Label {
    key: &'static str,
    text: String,
    page: u32,
}

fn starts_row(norm: &str) -> bool {
    strip_enumerator(norm) != norm
}

/// Step 1: the row labels of a block of label lines, or `None` when a label names no row or
/// the rows are not in template order.
fn label_block(rows: &[Row], template: Template) -> Option<Vec<Label>> {
    let s = schema();
    let mut pieces: Vec<(String, u32)> = Vec::new();
    for row in rows {
        let text = split(row).label();
        let norm = normalize_label(&text);
        if is_t3_header(&norm) || norm == "总计" {
            if pieces.iter().all(|(p, _)| !starts_row(&normalize_label(p))) {
                pieces.clear(); // header lines so far
                continue;
            }
            break; // the column header after the labels: the rest is header
        }
        match pieces.last_mut() {
            Some(last) if !starts_row(&norm) => last.0.push_str(&text),
            _ => pieces.push((text, row.page)),
        }
    }
    let order = schema().rows(template, Table::T3);
    let mut out: Vec<Label> = Vec::new();
    // Whether v2021's （六）其他处理 was left out as a group label: it is also the row of the
    // reports that print （六） as one row, so its sub-rows must be in the block.
    let mut other_group_left_out = false;
    for (text, page) in pieces {
        let previous = out.last().map(|l| l.key);
        let group = s.match_label(Table::T3, LabelKind::Group, &text, Some(template));
        if group.is_some() && group != Some("other") {
            continue;
        }
        // Every row label starts with its enumerator (after a piece of the group column, as in
        // `年度办 （二）部分公开…`): a first piece without one is the tail of the row before the
        // block (`规禁止公开` of 2.其他法律行政法规禁止公开, whose values came before) or header
        // words, never a row of the block, even where it resembles one.
        let enumerated = text
            .split_whitespace()
            .any(|w| starts_row(&normalize_label(w)));
        if out.is_empty() && group.is_none() && !enumerated {
            continue;
        }
        let key = crate::tables::t3_row_key(&text, template, previous).or_else(|| {
            // A v2019 （六）其他处理 is a row of its own.
            (template == Template::V2019
                && s.match_label(Table::T3, LabelKind::Group, &text, Some(template))
                    == Some("other"))
            .then_some("other")
        });
        let norm = normalize_label(&text);
        match key {
            Some(k) => out.push(Label { key: k, text, page }),
            // A group label (（三）不予公开, 三、本年度办理结果), possibly cut short.
            None if norm.starts_with('(') || norm.starts_with("三.") => {
                other_group_left_out |= group == Some("other");
                continue;
            }
            // Column-header words before the first row label (组织, 法律服务, 机构 …).
            None if out.is_empty() && !starts_row(&norm) => continue,
            None => return None,
        }
    }
    // Without one of its sub-rows the block does not say whether （六） was a row of its own
    // (single-other's `5.要求…确认… / （六）其他处理 / （七）总计` over three rows of values).
    if other_group_left_out
        && !out
            .iter()
            .any(|l| xxgk_model::schema::is_other_sub_row(l.key))
    {
        return None;
    }
    let positions: Vec<usize> = out
        .iter()
        .map(|l| order.iter().position(|r| *r == l.key))
        .collect::<Option<_>>()?;
    positions
        .windows(2)
        .all(|w| w[0] < w[1])
        .then_some(out)
        .filter(|l| !l.is_empty())
}

/// Step 2: the value cells of each value row.
fn value_block(rows: &[Row]) -> Vec<Vec<RowCell>> {
    rows.iter()
        .map(|r| split(r).values.into_iter().cloned().collect())
        .collect()
}

/// Step 3: labelled rows (or pinned cells), when template order pins the values.
fn assign(
    labels: &[Label],
    values: &[Vec<RowCell>],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<Placement> {
    let cols = |key: &str| crate::tables::row_keys(template, Table::T3, key).len();
    let width = cols("new_received");
    if values.len() == labels.len() {
        return Some(Placement::Rows(
            labels
                .iter()
                .zip(values)
                .map(|(l, v)| labelled(l, v.clone()))
                .collect(),
        ));
    }
    let single = values.iter().all(|v| v.len() == 1);
    let full_width = labels.iter().all(|l| cols(l.key) == width);
    if !(single && full_width && values.len() == labels.len() * width) {
        return None;
    }
    let stream: Vec<&RowCell> = values.iter().filter_map(|v| v.first()).collect();
    let cells = by_columns(labels, &stream, template)?;
    let absent = labels.len() * width - cells.len();
    if absent > 0 {
        notes.push(format!(
            "表三: {} rows printed column by column in an order of text boxes; the 勾稽 rules do not tell the applicant columns apart, {absent} cells left absent",
            labels.len()
        ));
    }
    Some(Placement::Cells(cells))
}

/// A stream of `labels.len() × width` single values read as `width` column boxes of
/// `labels.len()` rows each, in an unknown column order. Returns the cells the rules pin: the
/// total column (the one box that is the sum of the other boxes on every row — none or
/// several such boxes: `None`) and, on each row, the applicant cells when every applicant box
/// prints the same value there. Every value must be a whole number.
fn by_columns(
    labels: &[Label],
    stream: &[&RowCell],
    template: Template,
) -> Option<Vec<(KeyId, Cell)>> {
    let n = labels.len();
    if n == 0 || !stream.len().is_multiple_of(n) {
        return None;
    }
    let width = stream.len() / n;
    let number = |c: &RowCell| match classify_value(&c.text) {
        Some((Flag::Number, v)) => v.parse::<u64>().ok(),
        _ => None,
    };
    let nums: Vec<u64> = stream.iter().map(|c| number(c)).collect::<Option<_>>()?;
    let at = |b: usize, r: usize| nums[b * n + r];
    let is_total = |t: usize| {
        (0..n).all(|r| {
            (0..width)
                .filter(|&b| b != t)
                .try_fold(0u64, |a, b| a.checked_add(at(b, r)))
                == Some(at(t, r))
        })
    };
    let totals: Vec<usize> = (0..width).filter(|&t| is_total(t)).collect();
    let [t] = totals[..] else { return None };
    if !columns_add_up(labels, &nums, t, template) {
        return None;
    }
    let mut out = Vec::new();
    for (r, label) in labels.iter().enumerate() {
        let cols = crate::tables::row_keys(template, Table::T3, label.key);
        let (&total_col, applicant_cols) = cols.split_last()?;
        out.push((total_col, cell_of(stream[t * n + r])));
        let applicant: Vec<usize> = (0..width).filter(|&b| b != t).collect();
        let first = applicant.first().map(|&b| at(b, r));
        if applicant.iter().all(|&b| Some(at(b, r)) == first) {
            for (c, &b) in applicant_cols.iter().zip(&applicant) {
                out.push((*c, cell_of(stream[b * n + r])));
            }
        }
    }
    Some(out)
}

/// Do the boxes satisfy every equation of table 三 (T3-1, T3-2 per column, T3-3 per row)
/// that their rows cover, with box `t` as the total column and the others in stream order as
/// the applicant columns? The column equations are the same for every applicant column, so
/// any order of the applicant boxes gives the same answer: each box is checked as a column.
fn columns_add_up(labels: &[Label], nums: &[u64], t: usize, template: Template) -> bool {
    let n = labels.len();
    let width = nums.len() / n;
    // Column c of the template (the total last) is box t for the total, else the c-th other box.
    let boxes: Vec<usize> = (0..width).filter(|&b| b != t).chain([t]).collect();
    equations_hold(labels, template, |r, c| nums[boxes[c] * n + r])
}

/// Do the cells `value(row, column)` (columns in template order) satisfy every equation of
/// table 三 over the rows of `labels`?
fn equations_hold(
    labels: &[Label],
    template: Template,
    value: impl Fn(usize, usize) -> u64,
) -> bool {
    let mut cells: std::collections::HashMap<KeyId, i128> = std::collections::HashMap::new();
    for (r, label) in labels.iter().enumerate() {
        for (c, &key) in crate::tables::row_keys(template, Table::T3, label.key)
            .iter()
            .enumerate()
        {
            cells.insert(key, i128::from(value(r, c)));
        }
    }
    let single_other = labels.iter().any(|l| l.key == "other");
    crate::stream::equations_hold(&cells, template, single_other, "T3")
}

fn labelled(label: &Label, values: Vec<RowCell>) -> Row {
    let mut cells = vec![RowCell {
        text: label.text.clone(),
        page: None,
        bbox: None,
    }];
    cells.extend(values);
    Row {
        page: label.page,
        context: Vec::new(),
        cells,
        from_grid: false,
        printed_blanks: false,
        blanks_unknown: false,
        unmatched: false,
        text_spans: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table 二 of corpus/reports/variants/title-year-first-source.html as BeautifulSoup's
    /// `get_text("\n", strip=True)` writes it: a line per text node, labels broken inside their
    /// cells (`行政许` / `可`), each row's cells after it one per line.
    #[test]
    fn table_two_labels_broken_over_lines_are_joined_before_their_cells() {
        let text =
            "第二十条第（一）\n项\n信息内\n容\n本年制发件\n数\n本年废止件\n数\n现行有效件\n数\n\
                    规章\n3\n2\n13\n规范性文\n件\n4\n4\n62\n第二十条第（五）\n项\n信息内\n容\n\
                    本年处理决定数\n量\n行政许\n可\n5939\n第二十条第（六）\n项\n信息内\n容\n\
                    本年处理决定数\n量\n行政处\n罚\n627\n行政强\n制\n72\n第二十条第（八）\n项\n\
                    信息内\n容\n本年收费金额（单位：万元\n）\n行政事业性收\n费\n80.03";
        let rows: Vec<Row> = text.lines().map(line).collect();
        let rows = t2_row_major(&rows, Template::V2021).expect("read row by row");
        let mut out = Tables::default();
        crate::table_two::read_t2(&rows, Template::V2021, &mut out);
        let got = |k: &str| {
            out.cells
                .iter()
                .find(|(key, _)| key.as_str() == k)
                .map(|(_, c)| c.value.clone())
        };
        assert_eq!(got("t2.regulation.made").as_deref(), Some("3"));
        assert_eq!(got("t2.regulation.in_force").as_deref(), Some("13"));
        assert_eq!(got("t2.normative.made").as_deref(), Some("4"));
        assert_eq!(got("t2.normative.in_force").as_deref(), Some("62"));
        assert_eq!(got("t2.license.decisions").as_deref(), Some("5939"));
        assert_eq!(got("t2.penalty.decisions").as_deref(), Some("627"));
        assert_eq!(got("t2.coercion.decisions").as_deref(), Some("72"));
        assert_eq!(got("t2.fee.amount").as_deref(), Some("80.03"));
        // Labels written together (pdfminer) are still no row-by-row table.
        let together: Vec<Row> = ["规章", "行政规范性文件", "3", "2", "13", "4", "4", "62"]
            .into_iter()
            .map(line)
            .collect();
        assert!(t2_row_major(&together, Template::V2021).is_none());
        // The fee's label wrapped around its value (PyMuPDF's text of LibreOffice's PDF of
        // huaian-2024.odt): that one-column row, read with the rest; a value line under a
        // label piece that names no row with the line below it still stops the reading.
        let fee =
            "规章\n1\n0\n11\n行政规范性文件\n8\n26\n66\n行政处罚\n3985758\n第二十条第（八）项\n\
                   本年收费金额\n（单位：万元）\n行政\n96171.6\n事业性收费";
        let rows: Vec<Row> = fee.lines().map(line).collect();
        let rows = t2_row_major(&rows, Template::V2021).expect("read row by row");
        let mut out = Tables::default();
        crate::table_two::read_t2(&rows, Template::V2021, &mut out);
        let fee_amount = out
            .cells
            .iter()
            .find(|(k, _)| k.as_str() == "t2.fee.amount");
        assert_eq!(fee_amount.map(|(_, c)| c.value.as_str()), Some("96171.6"));
        let stray: Vec<Row> = [
            "规章",
            "1",
            "0",
            "11",
            "行政处罚",
            "9",
            "行政",
            "96171.6",
            "规范性文件",
        ]
        .into_iter()
        .map(line)
        .collect();
        assert!(t2_row_major(&stray, Template::V2021).is_none());
    }

    fn line(text: &str) -> Row {
        Row {
            page: 1,
            context: Vec::new(),
            cells: vec![RowCell {
                text: text.to_string(),
                page: None,
                bbox: None,
            }],
            from_grid: false,
            printed_blanks: false,
            blanks_unknown: false,
            unmatched: false,
            text_spans: Vec::new(),
        }
    }

    #[test]
    fn a_block_starting_with_the_tail_of_the_row_before_names_only_its_own_rows() {
        // markitdown of a PDF: `规禁止公开` ends 2.其他法律行政法规禁止公开 (read above), then
        // 3.危及“三安全一 / 稳定”; it resembles row 2 but starts no row.
        let rows = [line("规禁止公开"), line("3.危及“三安全一"), line("稳定”")];
        let labels = label_block(&rows, Template::V2021).expect("labels");
        let keys: Vec<&str> = labels.iter().map(|l| l.key).collect();
        assert_eq!(keys, ["deny_three_security"]);
        // A group column's piece before the enumerator still starts the row.
        let rows = [
            line("年度办 （二）部分公开（区分处理的，只计这一"),
            line("情形，不计其他情形）"),
        ];
        let labels = label_block(&rows, Template::V2021).expect("labels");
        assert_eq!(labels[0].key, "partial");
    }

    #[test]
    fn other_handling_without_its_sub_rows_names_no_rows() {
        // pdfminer (boxes_flow=None) of single-other: 5.要求…确认's values came before its
        // label; the 14 values after these labels are rows （六） and （七）. Read with （六） as a
        // group label they would put （六）'s total 11 on 5.要求…确认.
        let rows = [
            line("5.要求行政机关确认或重新出"),
            line("具已获取信息"),
            line("（六）其他处理"),
            line("（七）总计"),
        ];
        assert!(label_block(&rows, Template::V2021).is_none());
        // With a sub-row of （六） in the block, （六） is its group label.
        let rows = [
            line("（六）其他处理"),
            line("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ];
        let labels = label_block(&rows, Template::V2021).expect("labels");
        assert_eq!(labels[0].key, "other_no_correction");
    }

    /// pdfminer (line_margin 0.3) of LibreOffice's PDF of huaian-2024.doc: the label of
    /// 5.要求行政机关确认或重新出具已获取信息 breaks at the page (its values came before it); the
    /// seven values after the break are the next row's, （六）1 (67 3 0 0 1 0 71; truth of 5: 1 0
    /// 0 0 0 0 1). Read as the label's they put 71 on 5's total. On one page they are its row.
    #[test]
    fn values_after_a_page_break_are_not_the_labels_before_it() {
        let labels = ["5.要求行政机关确认或重新出具"];
        let values = ["67", "3", "0", "0", "1", "0", "71"];
        let attach_on = |value_page: u32| {
            let mut rows: Vec<Row> = labels.iter().map(|l| line(l)).collect();
            rows.extend(values.iter().map(|v| Row {
                page: value_page,
                ..line(v)
            }));
            let mut out = Tables::default();
            attach(rows, Template::V2021, &mut out);
            out
        };
        let split = attach_on(2);
        assert!(split.cells.is_empty(), "{:?}", split.cells);
        assert!(split.notes.iter().any(|n| n.contains("on the page after")));
        let same = attach_on(1);
        assert_eq!(
            value(&same, "t3.nohandle_confirm.total").as_deref(),
            Some("71")
        );
    }

    /// markitdown of LibreOffice's PDF of huaian-2024.rtf (held out): the tail of row 一's
    /// label, row 二's values (34 … 34), row 二's label, then （一）'s values (12 21 … 13, its
    /// digits wrapped). Read as label-then-values, 二 took （一）'s values. Values no label took
    /// right above a label block may be that block's: the values after it are not matched.
    /// Without the values above, the block takes the values after it (the row made to add up
    /// here: 12 21 0 0 50 3 86).
    #[test]
    fn values_left_above_a_label_block_may_be_its_own() {
        // Whether row 二's label comes back joined to the values `12 …` (for the T3 reader).
        let joined = |above: bool| {
            let mut rows = vec![line("府信息公开申请"), line("数量")];
            if above {
                rows.push(crate::flow::line_row("34 0 0 0 0 0 34", &[], 1, false));
            }
            rows.extend([line("二、上年结转政"), line("府信息公开申请"), line("数量")]);
            rows.push(crate::flow::line_row("12 21 0 0 50 3 86", &[], 1, false));
            let mut out = Tables::default();
            let (kept, _) = attach(rows, Template::V2021, &mut out);
            kept.iter().any(|r| {
                let texts: Vec<&str> = r.cells.iter().map(|c| c.text.as_str()).collect();
                texts.iter().any(|t| t.contains("上年结转")) && texts.contains(&"12")
            })
        };
        assert!(!joined(true));
        assert!(joined(false));
    }

    /// Label lines, then the value boxes one value per line.
    fn read(labels: &[&str], boxes: &[[&str; 3]]) -> Tables {
        let mut rows: Vec<Row> = labels.iter().map(|l| line(l)).collect();
        rows.extend(boxes.iter().flat_map(|b| b.iter().map(|v| line(v))));
        let mut out = Tables::default();
        let (kept, _) = attach(rows, Template::V2021, &mut out);
        assert_eq!(
            kept.len(),
            labels.len(),
            "the label lines are kept, the values used"
        );
        out
    }

    fn value(out: &Tables, id: &str) -> Option<String> {
        let key = schema().key_id(id).unwrap();
        out.cells.get(&key).map(|c| c.value.clone())
    }

    const LABELS: [&str; 3] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "（一）予以公开",
    ];

    /// Three rows of derived/v2021-docx-pdfminer.txt as pdfminer writes them: the boxes come
    /// as 自然人, 科研机构, 社会公益组织, 法律服务机构, 商业企业, 其他, 总计 (truth: commercial
    /// 34 0 15, research 2 0 1).
    const DOCX: [[&str; 3]; 7] = [
        ["420", "7", "212"],
        ["2", "0", "1"],
        ["0", "0", "0"],
        ["12", "0", "4"],
        ["34", "0", "15"],
        ["4", "0", "2"],
        ["472", "7", "234"],
    ];

    #[test]
    fn column_boxes_in_converter_order_pin_only_the_totals() {
        // Read in template order these boxes satisfy every rule and put 2 under 商业企业: only
        // the totals (and a row whose applicant cells are all equal) are pinned.
        let out = read(&LABELS, &DOCX);
        assert_eq!(value(&out, "t3.new_received.total").as_deref(), Some("472"));
        assert_eq!(value(&out, "t3.carried_in.total").as_deref(), Some("7"));
        assert_eq!(value(&out, "t3.granted.total").as_deref(), Some("234"));
        assert_eq!(value(&out, "t3.new_received.commercial"), None);
        assert_eq!(value(&out, "t3.new_received.natural_person"), None);
        assert_eq!(out.cells.len(), 3, "{:?}", out.cells.keys());
        assert!(out.notes.iter().any(|n| n.contains("18 cells left absent")));
    }

    #[test]
    fn a_row_of_equal_applicant_cells_is_pinned_in_any_order() {
        let out = read(
            &LABELS,
            &[
                ["5", "0", "3"],
                ["1", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["6", "0", "3"],
            ],
        );
        assert_eq!(
            value(&out, "t3.carried_in.natural_person").as_deref(),
            Some("0")
        );
        assert_eq!(value(&out, "t3.carried_in.other_org").as_deref(), Some("0"));
        assert_eq!(value(&out, "t3.carried_in.total").as_deref(), Some("0"));
        assert_eq!(value(&out, "t3.new_received.total").as_deref(), Some("6"));
        assert_eq!(value(&out, "t3.new_received.natural_person"), None);
        // Two totals and the seven cells of the row of zeros.
        assert_eq!(out.cells.len(), 2 + 7);
    }

    #[test]
    fn two_boxes_that_could_be_the_total_leave_every_cell_absent() {
        // The first box (5 0 3) is the sum of the others on every row as well as the last:
        // read in template order it would pass T3-3, but another reading passes too.
        let out = read(
            &LABELS,
            &[
                ["5", "0", "3"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["0", "0", "0"],
                ["5", "0", "3"],
            ],
        );
        assert!(out.cells.is_empty(), "{:?}", out.cells);
        assert!(out.notes.iter().any(|n| n.contains("could not be matched")));
    }

    /// The 25 rows of derived/v2021-docx-pdfminer.txt's table 三 as pdfminer writes them:
    /// column boxes (自然人, 科研, 社会公益, 法律服务, 商业企业, 其他, 总计) with label and
    /// header lines in between.
    const DOCX_COLUMNS: [[u64; 25]; 7] = [
        [
            420, 7, 212, 48, 1, 6, 2, 2, 4, 3, 1, 7, 105, 2, 4, 4, 6, 2, 1, 1, 3, 1, 2, 417, 10,
        ],
        [
            2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0,
        ],
        [0; 25],
        [
            12, 0, 4, 1, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 11, 1,
        ],
        [
            34, 0, 15, 4, 0, 0, 0, 1, 0, 0, 0, 0, 10, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 33, 1,
        ],
        [
            4, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0,
        ],
        [
            472, 7, 234, 53, 1, 6, 2, 4, 4, 3, 1, 8, 119, 3, 4, 6, 6, 2, 1, 1, 4, 2, 3, 467, 12,
        ],
    ];

    fn interleaved(columns: &[[u64; 25]; 7]) -> Vec<Row> {
        let mut rows = vec![line("一、本年新收政府信息公开申请数量"), line("自然")];
        for (b, column) in columns.iter().enumerate() {
            for (r, v) in column.iter().enumerate() {
                if r == 12 {
                    rows.push(line("1.本机关不掌握相关政府信息"));
                }
                rows.push(line(&v.to_string()));
            }
            rows.push(line(if b == 3 { "商业" } else { "机构" }));
        }
        rows
    }

    #[test]
    fn a_whole_table_of_column_boxes_with_labels_between_pins_the_totals() {
        let mut out = Tables::default();
        let (kept, _) = attach(interleaved(&DOCX_COLUMNS), Template::V2021, &mut out);
        assert!(kept.iter().all(is_label_only), "the values are used");
        assert_eq!(value(&out, "t3.new_received.total").as_deref(), Some("472"));
        assert_eq!(value(&out, "t3.carried_out.total").as_deref(), Some("12"));
        assert_eq!(
            value(&out, "t3.unable_not_held.total").as_deref(),
            Some("119")
        );
        // No row has six equal applicant cells: only the 25 totals.
        assert_eq!(out.cells.len(), 25, "{:?}", out.cells.keys());
        // A box that breaks its column's sums (T3-1) makes the stream unusable, even with
        // every row's total right (T3-3).
        let mut broken = DOCX_COLUMNS;
        broken[1][0] += 1;
        broken[6][0] += 1;
        let mut out = Tables::default();
        attach(interleaved(&broken), Template::V2021, &mut out);
        assert!(out.cells.is_empty(), "{:?}", out.cells.keys());
    }

    #[test]
    fn values_listed_row_by_row_are_read_row_by_row_not_as_columns() {
        // The same table, one value per line but row after row in the printed column order
        // (自然人, 商业企业, 科研, 社会公益, 法律服务, 其他, 总计): the row-major reading adds up
        // and no box of a column reading is the sum of the others, so the stream is read row by
        // row in template order (crate::stream), never as column boxes. (A converter writing
        // each row's cells out of print order would also add up: the rules are symmetric in the
        // applicant columns. That is why table 三's stream is read only as print order.)
        let mut printed = vec![line("一、本年新收政府信息公开申请数量"), line("自然人")];
        for r in 0..25 {
            let order = [0, 4, 1, 2, 3, 5, 6].map(|b| &DOCX_COLUMNS[b]);
            printed.extend(order.iter().map(|col| line(&col[r].to_string())));
        }
        let mut out = Tables::default();
        let (kept, print_order) = attach(printed, Template::V2021, &mut out);
        assert!(print_order);
        assert!(kept.iter().all(is_label_only), "the values are used");
        assert_eq!(out.cells.len(), 175);
        assert_eq!(
            value(&out, "t3.new_received.commercial").as_deref(),
            Some("34")
        );
        assert_eq!(
            value(&out, "t3.new_received.research").as_deref(),
            Some("2")
        );
        assert_eq!(
            value(&out, "t3.unable_not_held.total").as_deref(),
            Some("119")
        );
        assert!(
            !out.notes.iter().any(|n| n.contains("column by column")),
            "{:?}",
            out.notes
        );
    }

    #[test]
    fn a_box_that_breaks_the_row_totals_leaves_every_cell_absent() {
        let mut boxes = DOCX;
        boxes[6][1] = "8";
        let out = read(&LABELS, &boxes);
        assert!(out.cells.is_empty(), "{:?}", out.cells);
    }
}
