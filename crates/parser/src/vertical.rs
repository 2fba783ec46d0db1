//! Table 三 whose row labels are set vertically, one character a line (LibreOffice's PDF of a
//! table with narrow label columns, through any text converter):
//!
//! ```text
//! （  1.   2    0    0   0   0    0   2
//! 三  属
//! ）  于
//! 不  国
//! ```
//!
//! Each row's value line keeps only the row's enumerator (`1.`, `（一）予`, `2、`) and maybe a
//! character of the group column beside it; the rest of the label follows below, one
//! character a line, interleaved with the group label's characters. No line names the row,
//! so the row readers leave it absent. What the text still pins is **template order**:
//!
//! 1. **Value rows.** Every line of the table holding values is a row (after
//!    [`crate::wrapped`] decided the digits wrapped onto the next line). Its cells are whole
//!    numbers, or a wrapped cell [`crate::wrapped`] left in doubt (`10 / 5`: 10 or 105), or a
//!    line holding more digit runs than the row has columns (PyMuPDF's blocks write the pieces
//!    of a wrapped number side by side: `30 01 53 0 0 61 4 31 19`), read every way adjacent
//!    runs may be joined into the row's cells. A line short of a row's cells continues on the
//!    value lines right after it (`pdftotext -raw`: `30` / `01` / `53 0 0 61 4 31` / `19`), or on
//!    the next line beside the rest of its wrapped label (no enumerator there) when that line
//!    exactly fills the row (`…行政机关不再 67 3 0` / `处理 处理其政府信息公开申请 0 1 0 71`). A row's readings are those where its total is
//!    the sum of the others (T3-3); a row with none stops everything.
//! 2. **Template order, pinned by the enumerators.** The value rows must number exactly the
//!    template's rows of table 三 (v2021, v2021 with one （六） row, v2019). Row *i* is
//!    template row *i* only where its label agrees: the enumerator on the line is that row's
//!    (`（一）`, `1.`, `四、` …; one enumerator, at most two characters of a group column before
//!    it, and what follows it the start of the row's own label), or the line holds no more
//!    than two label characters and no enumerator (a piece of a group column), or its label
//!    names that row. Any other label, and nothing is read.
//! 3. **The 勾稽 rules decide.** Every combination of the rows' readings is tried (at most
//!    [`MAX_COMBINATIONS`]); a combination is admissible when every equation of table 三 holds
//!    (T3-1 and T3-2 per column, T3-3 per row). A cell is written only when every admissible
//!    combination gives it the same value; none admissible, nothing is written.
//!
//! Cells other readers wrote are kept: a number that disagrees stops everything; a cell left
//! `uncertain` (wrapped digits) becomes the number the rules pin.

use crate::flow::{enumerator_and_value, is_label_text, merged_numbers, Row};
use crate::stream::t3_layouts;
use crate::tables::{row_keys, Tables};
use std::collections::HashMap;
use xxgk_model::rules::equations;
use xxgk_model::text::{classify_value, normalize_label};
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// Most combinations of row readings tried for one table.
const MAX_COMBINATIONS: usize = 4096;

/// Most digit runs beyond the row's columns on one line (runs joined into numbers).
const MAX_EXTRA_RUNS: usize = 4;

/// Most label characters of a group column before a row's enumerator on its value line.
const MAX_GROUP_PIECE: usize = 2;

/// An enumerator of the templates' table 三: `一、` (a section row), `（一）` (a group or a
/// row of its own), `1.` (a row inside a group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enumerator {
    Section(u8),
    Group(u8),
    Item(u8),
}

/// The value of a Chinese numeral one to nine.
fn numeral(c: char) -> Option<u8> {
    "一二三四五六七八九"
        .chars()
        .position(|n| n == c)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Every enumerator in a normalised label: (char index where it starts, char index after it,
/// the enumerator).
fn enumerators(norm: &str) -> Vec<(usize, usize, Enumerator)> {
    let chars: Vec<char> = norm.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if chars[i] == '(' {
            if let (Some(n), Some(')')) =
                (chars.get(i + 1).and_then(|c| numeral(*c)), chars.get(i + 2))
            {
                out.push((i, i + 3, Enumerator::Group(n)));
                i += 3;
                continue;
            }
        }
        if prev.is_none_or(|p| numeral(p).is_none()) {
            if let (Some(n), Some('.')) = (numeral(chars[i]), chars.get(i + 1)) {
                out.push((i, i + 2, Enumerator::Section(n)));
                i += 2;
                continue;
            }
        }
        if prev.is_none_or(|p| !p.is_ascii_digit()) {
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=2).contains(&digits) && chars.get(i + digits) == Some(&'.') {
                let n: String = chars[i..i + digits].iter().collect();
                if let Ok(n) = n.parse() {
                    out.push((i, i + digits + 1, Enumerator::Item(n)));
                }
                i += digits + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// A template row of table 三 as its label shows it: its enumerator and its own label after it
/// (`（三）不予公开 1.属于国家秘密` → `1.`, `属于国家秘密`).
struct TemplateRow {
    key: &'static str,
    enumerator: Option<Enumerator>,
    leaf: String,
    /// The group label printed before it (`(三)不予公开`), empty for a row of its own.
    group: String,
}

fn template_row(template: Template, single_other: bool, key: &'static str) -> TemplateRow {
    let label = schema()
        .expected_keys(template, single_other)
        .into_iter()
        .find(|k| k.table == Table::T3 && k.row == key)
        .map_or("", |k| k.row_label);
    let (group, own) = label.rsplit_once(' ').unwrap_or(("", label));
    let own = normalize_label(own);
    let (enumerator, leaf) = match enumerators(&own).first() {
        Some(&(0, end, e)) => (Some(e), own.chars().skip(end).collect()),
        _ => (None, own),
    };
    TemplateRow {
        key,
        enumerator,
        leaf,
        group: normalize_label(group),
    }
}

/// Whether the label of a value line agrees with the template row it would be (module doc,
/// step 2). `row_enumerators` are the enumerators of the rows outside any group (`一、`,
/// `（一）`, `（七）` …): one of them before the row's own enumerator means two rows' labels.
fn label_agrees(
    label: &str,
    row: &TemplateRow,
    row_enumerators: &[Enumerator],
    template: Template,
) -> bool {
    let norm = normalize_label(label);
    let found = enumerators(&norm);
    let Some((&(_, end, e), before)) = found.split_last() else {
        return is_fragment_of(&norm, row)
            || crate::tables::t3_row_key(label, template, None) == Some(row.key);
    };
    let after: String = norm.chars().skip(end).collect();
    // Before it: the tail of the label above, pieces of group labels (`（三）`, `三、本年度…`
    // set vertically beside the rows), never another row's enumerator.
    let group_only = before
        .iter()
        .all(|(_, _, b)| !matches!(b, Enumerator::Item(_)) && !row_enumerators.contains(b));
    row.enumerator == Some(e) && row.leaf.starts_with(after.as_str()) && group_only
}

/// Whether a label without an enumerator is a piece of the row's label: after at most
/// [`MAX_GROUP_PIECE`] characters of a group column, a part of its own label or its group's
/// (`的,只计这一情形,不计其` of （二）部分公开…, `理用.行政机关不再处`).
fn is_fragment_of(norm: &str, row: &TemplateRow) -> bool {
    let chars: Vec<char> = norm.chars().collect();
    (0..=MAX_GROUP_PIECE.min(chars.len())).any(|skip| {
        let rest: String = chars[skip..].iter().collect();
        rest.is_empty() || row.leaf.contains(rest.as_str()) || row.group.contains(rest.as_str())
    })
}

/// One printed cell: the values it may stand for.
fn cell_choices(text: &str) -> Option<Vec<i128>> {
    let t = text.trim();
    if let Some((printed, pieces)) = crate::wrapped::in_doubt(t) {
        // Wrapped digits left in doubt by `crate::wrapped`: as printed, or joined to a piece.
        let first = whole(printed)?;
        let mut out = vec![first];
        for p in pieces.split_whitespace() {
            if !p.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            if printed.trim() != "0" {
                out.push(whole(&format!("{}{p}", printed.trim()))?);
            }
        }
        return Some(out);
    }
    whole(t).map(|v| vec![v])
}

/// A whole number ≥ 0 as printed.
fn whole(t: &str) -> Option<i128> {
    match classify_value(t) {
        Some((Flag::Number, v)) => v.parse::<i128>().ok().filter(|v| *v >= 0),
        _ => None,
    }
}

/// The readings of a row of `width` cells from its printed value texts: each satisfying T3-3
/// (the last cell the sum of the others). `None` when the texts are no row of numbers.
fn row_readings(texts: &[&str], width: usize) -> Option<Vec<Vec<i128>>> {
    let mut candidates: Vec<Vec<i128>> = Vec::new();
    if texts.len() == width {
        let choices: Vec<Vec<i128>> = texts
            .iter()
            .map(|t| cell_choices(t))
            .collect::<Option<_>>()?;
        candidates = product(&choices, MAX_COMBINATIONS)?;
    } else if texts.len() > width && texts.len() <= width + MAX_EXTRA_RUNS {
        let runs: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
        if !runs
            .iter()
            .all(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        joins(&runs, width, &mut Vec::new(), &mut candidates);
    }
    let adds_up = |r: &Vec<i128>| {
        r.split_last()
            .is_some_and(|(t, rest)| rest.iter().sum::<i128>() == *t)
    };
    candidates.retain(adds_up);
    candidates.dedup();
    Some(candidates)
}

/// Every way to cut `runs` into `width` consecutive groups, each group's runs joined into one
/// number; a number may not start with a zero unless it is `0` (`01` is only the tail of one).
fn joins(runs: &[&str], width: usize, acc: &mut Vec<i128>, out: &mut Vec<Vec<i128>>) {
    if width == 0 {
        if runs.is_empty() {
            out.push(acc.clone());
        }
        return;
    }
    // Leave at least one run for each remaining cell.
    let most = runs.len().saturating_sub(width - 1);
    for take in 1..=most {
        let text: String = runs[..take].concat();
        if text.len() > 1 && text.starts_with('0') {
            continue;
        }
        let Ok(v) = text.parse::<i128>() else {
            continue;
        };
        acc.push(v);
        joins(&runs[take..], width - 1, acc, out);
        acc.pop();
    }
}

/// The cartesian product of choices, or `None` beyond `cap` combinations.
fn product<T: Clone>(choices: &[Vec<T>], cap: usize) -> Option<Vec<Vec<T>>> {
    let mut out: Vec<Vec<T>> = vec![Vec::new()];
    for c in choices {
        if out.len().checked_mul(c.len())? > cap {
            return None;
        }
        out = out
            .iter()
            .flat_map(|p| {
                c.iter().map(move |v| {
                    let mut q = p.clone();
                    q.push(v.clone());
                    q
                })
            })
            .collect();
    }
    Some(out)
}

/// A line of table 三 holding values: its label text and its value texts.
struct ValueLine {
    /// Its own label, or (none printed beside the values) the label lines since the last value
    /// line (PyMuPDF's blocks: `1. 属 于 国 家 秘 密` above `2 0 0 0 0 0 2`).
    label: String,
    /// Whether `label` is the label lines above (none printed beside the values).
    label_above: bool,
    values: Vec<String>,
    page: u32,
}

/// Most label lines above a value line taken as its label.
const MAX_LABEL_LINES: usize = 3;

/// Stands for text between a line's values: the line is no one row, and no reading fits it.
const NOT_ONE_ROW: &str = "?";

/// A line's label and values. A value glued to the end of its label (`一、…申请数量148`,
/// `3.危及“三安全一稳0`: the label then its first value) counts as a value; so does one glued
/// to a group column's character after the values (`0理`). Label text after the values is a
/// piece of another label (the group column); values after it make the line no one row.
fn line_parts(row: &Row) -> (String, Vec<String>) {
    let mut label = String::new();
    let mut values: Vec<String> = Vec::new();
    let mut after_values = false;
    for cell in &row.cells {
        let t = cell.text.trim();
        if t.is_empty() {
            continue;
        }
        if is_label_text(t) {
            match (glued_after(t), glued_before(t)) {
                (Some((text, digits)), _) if values.is_empty() => {
                    label.push_str(text);
                    values.push(digits.to_string());
                }
                (_, Some(digits)) if !values.is_empty() && !after_values => {
                    values.push(digits.to_string());
                    after_values = true;
                }
                _ if values.is_empty() => label.push_str(t),
                _ => after_values = true,
            }
            continue;
        }
        // The row's enumerator in the field of its first value (`8. 10`, or `8. 10 / 5` where
        // [`crate::wrapped`] left digits in doubt).
        let (printed, doubt) = crate::wrapped::in_doubt(t).map_or((t, None), |(a, b)| (a, Some(b)));
        if let (Some((enumerator, digits)), true) =
            (enumerator_and_value(printed), values.is_empty())
        {
            label.push_str(enumerator);
            values.push(doubt.map_or(digits.to_string(), |d| {
                crate::wrapped::in_doubt_text(digits, d)
            }));
            continue;
        }
        if after_values {
            values.push(NOT_ONE_ROW.to_string());
        }
        // Two columns' numbers in one field of a converter's grid that merged them (`7 0`).
        if let Some(parts) = merged_numbers(t) {
            values.extend(parts.iter().map(|p| p.to_string()));
            continue;
        }
        values.push(t.to_string());
    }
    (label, values)
}

/// Label text ending in a whole number glued to a CJK character other than `第`: the label
/// and the digits.
fn glued_after(t: &str) -> Option<(&str, &str)> {
    let cut = t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (text, digits) = t.split_at(cut);
    let last = text.chars().last()?;
    let cjk = xxgk_model::text::is_han(last);
    (!digits.is_empty() && digits.len() <= 12 && cjk && last != '第').then_some((text, digits))
}

/// A whole number glued before label text that is no enumerator's (`0理`, not `2、`).
fn glued_before(t: &str) -> Option<&str> {
    let cut = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (digits, rest) = t.split_at(cut);
    let next = rest.chars().next()?;
    let cjk = xxgk_model::text::is_han(next);
    (!digits.is_empty() && digits.len() <= 12 && cjk).then_some(digits)
}

/// The value lines of table 三. A line holding fewer values than a row has cells (`width`)
/// continues on the value lines right after it with no label between (`pdftotext -raw`:
/// `30` / `01` / `53 0 0 61 4 31` / `19`): one row, its pieces in print order.
fn value_lines(rows: &[Row], width: usize) -> Vec<ValueLine> {
    let mut out: Vec<ValueLine> = Vec::new();
    let mut above: Vec<String> = Vec::new();
    // The last value line began short of a row's cells and nothing came after it yet.
    let mut open = false;
    for row in rows {
        let (own, values) = line_parts(row);
        // A line of value marks alone (`无`, a character of a label set vertically) holds no
        // row's values; a row printed with dashes has a number or one mark a column.
        let marks_only = values.len() < 2 && !values.iter().any(|t| whole(t).is_some());
        if values.is_empty() || marks_only {
            let text: String = row.cells.iter().map(|c| c.text.trim()).collect();
            if !text.is_empty() {
                above.push(text);
                open = false;
            }
            continue;
        }
        // The rest of a short line's values on the next line: with no label, or beside the
        // rest of the row's wrapped label (no enumerator: no row of its own), exactly filling
        // the row (`…行政机关不再 67 3 0` / `处理 处理其政府信息公开申请 0 1 0 71`).
        let rest_of_label = enumerators(&normalize_label(&own)).is_empty()
            && out
                .last()
                .is_some_and(|l| l.values.len() + values.len() == width);
        if open && (own.trim().is_empty() || rest_of_label) {
            if let Some(last) = out.last_mut() {
                last.values.extend(values);
                continue;
            }
        }
        open = values.len() < width;
        let label_above = own.trim().is_empty() && above.len() <= MAX_LABEL_LINES;
        let label = if label_above { above.concat() } else { own };
        above.clear();
        out.push(ValueLine {
            label,
            label_above,
            values,
            page: row.page,
        });
    }
    out
}

/// Fill table 三's cells from value rows in template order (see the module doc). Text only:
/// a grid that printed its cells is read by its labels, unless it is a text file's (a
/// converter's Markdown table of a PDF, whose rows are the PDF's lines: `text_file`).
pub(crate) fn fill_t3(rows: &[Row], template: Template, text_file: bool, out: &mut Tables) {
    if !text_file && rows.iter().any(|r| r.printed_blanks) {
        return;
    }
    let lines = value_lines(rows, row_keys(template, Table::T3, "new_received").len());
    for (single_other, order) in t3_layouts(template) {
        if order.len() != lines.len() {
            continue;
        }
        if let Some(cells) = read(&lines, &order, template, single_other, out) {
            write(cells, single_other, out);
        }
        return;
    }
}

/// The cells the rules pin, or `None`.
fn read(
    lines: &[ValueLine],
    order: &[&'static str],
    template: Template,
    single_other: bool,
    known: &Tables,
) -> Option<Vec<(KeyId, Cell)>> {
    let rows: Vec<TemplateRow> = order
        .iter()
        .map(|&k| template_row(template, single_other, k))
        .collect();
    let mut layout: Vec<Vec<KeyId>> = Vec::new();
    let mut readings: Vec<Vec<Vec<i128>>> = Vec::new();
    let row_enumerators: Vec<Enumerator> = rows
        .iter()
        .filter(|r| r.group.is_empty())
        .filter_map(|r| r.enumerator)
        .collect();
    for (i, (line, row)) in lines.iter().zip(&rows).enumerate() {
        // Label lines above a row's values may be the row before's label (or its tail), printed
        // below that row's values (`34 0 0 0 0 0 34` / `府信息公开申请` / `数量` / `12 21 …`).
        let tail_of_previous = line.label_above
            && i > 0
            && (is_fragment_of(&normalize_label(&line.label), &rows[i - 1])
                || label_agrees(&line.label, &rows[i - 1], &row_enumerators, template));
        if !label_agrees(&line.label, row, &row_enumerators, template) && !tail_of_previous {
            return None;
        }
        let keys = row_keys(template, Table::T3, row.key);
        let texts: Vec<&str> = line.values.iter().map(String::as_str).collect();
        let mut r = row_readings(&texts, keys.len()).unwrap_or_default();
        if r.is_empty() {
            // Its values are not readable: known only from another reader, else not at all
            // (then its line must name it by its enumerator, or the count pins nothing).
            let read: Option<Vec<i128>> = keys
                .iter()
                .map(|k| {
                    known
                        .cells
                        .get(k)
                        .filter(|c| c.flag == Flag::Number)?
                        .value
                        .parse()
                        .ok()
                })
                .collect();
            match read {
                Some(v) => r.push(v),
                None if enumerators(&normalize_label(&line.label)).is_empty() => return None,
                None => {}
            }
        }
        layout.push(keys);
        readings.push(r);
    }
    // Rows without a reading stay out of the combinations (their equations are not checked).
    let open: Vec<usize> = (0..readings.len())
        .filter(|&i| !readings[i].is_empty())
        .collect();
    let choices: Vec<Vec<Vec<i128>>> = open.iter().map(|&i| readings[i].clone()).collect();
    let combos = product(&choices, MAX_COMBINATIONS)?;
    let rules: Vec<_> = equations(template, single_other)
        .into_iter()
        .filter(|e| e.rule.starts_with("T3"))
        .collect();
    let admissible: Vec<HashMap<KeyId, i128>> = combos
        .into_iter()
        .map(|combo| {
            open.iter()
                .zip(combo)
                .flat_map(|(&i, vals)| layout[i].iter().copied().zip(vals))
                .collect::<HashMap<KeyId, i128>>()
        })
        .filter(|cells| {
            rules
                .iter()
                .all(|e| e.check(|k| cells.get(&k).copied()) != Some(false))
        })
        .collect();
    let first = admissible.first()?;
    let mut cells = Vec::new();
    for &i in &open {
        for k in &layout[i] {
            let Some(v) = first.get(k) else { continue };
            if admissible.iter().all(|a| a.get(k) == Some(v)) {
                let cell = Cell {
                    value: v.to_string(),
                    flag: Flag::Number,
                    raw: v.to_string(),
                    page: Some(lines[i].page).filter(|p| *p > 0),
                    bbox: None,
                    ocr_confidence: None,
                };
                cells.push((*k, cell));
            }
        }
    }
    Some(cells)
}

/// Write the pinned cells unless a number another reader wrote disagrees; a cell left in doubt
/// (`uncertain`) is replaced.
fn write(cells: Vec<(KeyId, Cell)>, single_other: bool, out: &mut Tables) {
    let conflict = cells.iter().any(|(k, c)| {
        out.cells.get(k).is_some_and(|had| {
            had.flag != Flag::Uncertain && (had.flag != c.flag || had.value != c.value)
        })
    });
    if conflict {
        out.notes.push(
            "表三: the value rows in template order disagree with the rows read by label; not used"
                .into(),
        );
        return;
    }
    if single_other {
        let sub_rows = out
            .cells
            .keys()
            .any(|k| k.table() == Table::T3 && xxgk_model::schema::is_other_sub_row(k.row()));
        if sub_rows {
            return;
        }
        out.single_other = true;
    }
    for (k, c) in cells {
        match out.cells.get(&k) {
            Some(had) if had.flag != Flag::Uncertain => {}
            _ => {
                out.cells.insert(k, c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of text as a converter without columns writes it (cells apart, no grid).
    fn line(cells: &[&str]) -> Row {
        Row {
            from_grid: false,
            ..crate::flow::text_grid_row(cells)
        }
    }

    /// Table 三 of huaian-2024 as LibreOffice's PDF of the .odt prints it through pdfplumber's
    /// `extract_text()`, after `crate::wrapped` joined 30|01 and the like: each value line
    /// holds only its row's enumerator, the labels follow one character a line. `8.` and
    /// `四、` are the rows `wrapped` left in doubt (10 or 105, 10 or 103: both add up).
    fn huaian() -> Vec<Row> {
        let v = |label: &str, vals: &str| {
            let mut cells = vec![label];
            cells.extend(vals.split(',').map(str::trim));
            line(&cells)
        };
        vec![
            line(&["（本列数据的勾", "申请人情况"]),
            v("一、本年新收政", "3001, 53, 0, 0, 61, 4, 3119"),
            line(&["府信息公开申请"]),
            v("二、上年结转政", "34, 0, 0, 0, 0, 0, 34"),
            v("三 （一）予", "1288, 21, 0, 0, 50, 3, 1362"),
            line(&["、", "以公开"]),
            v("本 （二）部", "447, 7, 0, 0, 0, 0, 454"),
            line(&["年", "分公开"]),
            v("（ 1.", "2, 0, 0, 0, 0, 0, 2"),
            line(&["三", "属"]),
            v("2.", "30, 1, 0, 0, 0, 0, 31"),
            line(&["其"]),
            v("3.", "5, 0, 0, 0, 0, 0, 5"),
            v("4.", "6, 0, 0, 0, 0, 0, 6"),
            v("5.", "7, 1, 0, 0, 0, 0, 8"),
            v("6.", "12, 0, 0, 0, 0, 0, 12"),
            line(&["于四"]),
            v("7.", "9, 0, 0, 0, 0, 0, 9"),
            v("8.", "10 / 5, 0, 0, 0, 0, 0, 10 / 5"),
            v("（ 1.", "746, 12, 0, 0, 10, 1, 769"),
            line(&["）", "机"]),
            line(&["无"]),
            v("2.", "11, 0, 0, 0, 0, 0, 11"),
            v("3.", "1, 0, 0, 0, 0, 0, 1"),
            v("（ 1.", "56, 6, 0, 0, 0, 0, 62"),
            v("2.", "25, 0, 0, 0, 0, 0, 25"),
            v("3.", "0, 0, 0, 0, 0, 0, 0"),
            v("4.", "0, 0, 0, 0, 0, 0, 0"),
            v("5.", "1, 0, 0, 0, 0, 0, 1"),
            v("（ 1、", "67, 3, 0, 0, 1, 0, 71"),
            v("2、", "6, 0, 0, 0, 0, 0, 6"),
            v("3、", "108, 2, 0, 0, 0, 0, 110"),
            v("（七）总", "2932, 53, 0, 0, 61, 4, 3050"),
            line(&["计"]),
            v("四、结转下年度", "10 / 3, 0, 0, 0, 0, 0, 10 / 3"),
            line(&["继续办理"]),
        ]
    }

    fn value(out: &Tables, id: &str) -> Option<String> {
        let key = schema().key_id(id)?;
        out.cells
            .get(&key)
            .filter(|c| c.flag == Flag::Number)
            .map(|c| c.value.clone())
    }

    #[test]
    fn value_rows_named_by_their_enumerators_are_read_in_template_order() {
        let mut out = Tables::default();
        fill_t3(&huaian(), Template::V2021, false, &mut out);
        // Truth (corpus/truth/derived/huaian-2024-odt-pdf-plumber-text.json).
        for (id, want) in [
            ("t3.new_received.natural_person", "3001"),
            ("t3.granted.total", "1362"),
            ("t3.deny_state_secret.total", "2"),
            ("t3.deny_law_forbidden.commercial", "1"),
            ("t3.deny_internal_affairs.total", "8"),
            ("t3.unable_not_held.natural_person", "746"),
            ("t3.nohandle_petition.commercial", "6"),
            ("t3.other_no_correction.legal_service", "1"),
            ("t3.other_other.total", "110"),
            ("t3.processed_total.total", "3050"),
            // Wrapped digits in doubt, pinned by the column equations: T3-2 (the results add
            // up to （七）) needs 105, T3-1 (一 + 二 = （七） + 四) needs 103.
            ("t3.deny_admin_query.natural_person", "105"),
            ("t3.deny_admin_query.total", "105"),
            ("t3.carried_out.natural_person", "103"),
            ("t3.carried_out.total", "103"),
        ] {
            assert_eq!(value(&out, id).as_deref(), Some(want), "{id}");
        }
        assert_eq!(out.cells.len(), 175);
    }

    #[test]
    fn rows_out_of_template_order_or_one_short_give_no_number() {
        // Rows 2. and 3. of （三） swapped with their values: read by position they would be
        // wrong (every equation is symmetric in the rows of a group); their enumerators refuse.
        let mut rows = huaian();
        let two = rows
            .iter()
            .position(|r| r.cells[0].text == "2.")
            .unwrap_or(0);
        let three = rows
            .iter()
            .position(|r| r.cells[0].text == "3.")
            .unwrap_or(0);
        rows.swap(two, three);
        let mut out = Tables::default();
        fill_t3(&rows, Template::V2021, false, &mut out);
        assert!(out.cells.is_empty());
        // One value line missing (its values ran into another line): the count pins nothing.
        let mut rows = huaian();
        if let Some(i) = rows.iter().position(|r| r.cells[0].text == "5.") {
            rows.remove(i);
        }
        let mut out = Tables::default();
        fill_t3(&rows, Template::V2021, false, &mut out);
        assert!(out.cells.is_empty());
        // A row that does not add up in any reading and names no row: nothing.
        let mut rows = huaian();
        if let Some(r) = rows.iter_mut().find(|r| r.cells[0].text == "4.") {
            r.cells[0].text.clear();
            r.cells[1].text = "7".into();
        }
        let mut out = Tables::default();
        fill_t3(&rows, Template::V2021, false, &mut out);
        assert!(out.cells.is_empty());
    }

    #[test]
    fn what_the_rules_cannot_pin_stays_unwritten() {
        // （七） unreadable (its wrapped piece lost: 29 for 2932, the row does not add up):
        // T3-1 and T3-2 cannot be checked, so 10 or 103 and 10 or 105 stay open; the rows that
        // add up one way only are written.
        let mut rows = huaian();
        if let Some(r) = rows.iter_mut().find(|r| r.cells[0].text == "（七）总") {
            r.cells[1].text = "29".into();
        }
        let mut out = Tables::default();
        fill_t3(&rows, Template::V2021, false, &mut out);
        assert_eq!(value(&out, "t3.carried_out.total"), None);
        assert_eq!(value(&out, "t3.deny_admin_query.total"), None);
        assert_eq!(value(&out, "t3.processed_total.total"), None);
        assert_eq!(
            value(&out, "t3.granted.natural_person").as_deref(),
            Some("1288")
        );
        // A number another reader wrote that disagrees: nothing of this reading is used.
        let mut out = Tables::default();
        let key = schema()
            .key_id("t3.granted.total")
            .unwrap_or_else(|| unreachable!());
        out.cells
            .insert(key, Cell::from_raw("1361").unwrap_or_else(Cell::absent));
        fill_t3(&huaian(), Template::V2021, false, &mut out);
        assert_eq!(out.cells.len(), 1);
    }

    #[test]
    fn pieces_of_a_wrapped_number_side_by_side_are_joined_only_where_the_row_adds_up() {
        // PyMuPDF's blocks: `30 01 53 0 0 61 4 31 19` is 3001 53 0 0 61 4 3119.
        let runs = ["30", "01", "53", "0", "0", "61", "4", "31", "19"];
        assert_eq!(
            row_readings(&runs, 7),
            Some(vec![vec![3001, 53, 0, 0, 61, 4, 3119]])
        );
        let runs = ["10", "5", "0", "0", "0", "0", "0", "10", "5"];
        assert_eq!(
            row_readings(&runs, 7),
            Some(vec![vec![105, 0, 0, 0, 0, 0, 105]])
        );
        // `0` takes no piece (03 is no number).
        assert_eq!(cell_choices("0 / 3"), Some(vec![0]));
        assert_eq!(cell_choices("10 / 3"), Some(vec![10, 103]));
    }

    #[test]
    fn values_split_beside_a_wrapped_label_are_one_row_and_a_new_enumerator_is_not() {
        // pdftotext -layout of Chromium's PDF of huaian-2024.mht: row （六）1's values split
        // over its two label lines.
        let rows = [
            line(&[
                "（六）其他 1、申请人无正当理由逾期不补正、行政机关不再",
                "67",
                "3",
                "0",
            ]),
            line(&["处理 处理其政府信息公开申请", "0", "1", "0", "71"]),
            line(&["2、申请人逾期未按收费通知要求缴纳费用", "6", "0", "0"]),
            line(&["3、其他", "0", "0", "0", "6"]),
        ];
        let lines = value_lines(&rows, 7);
        let values: Vec<Vec<&str>> = lines
            .iter()
            .map(|l| l.values.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            values,
            [
                vec!["67", "3", "0", "0", "1", "0", "71"],
                vec!["6", "0", "0"],
                vec!["0", "0", "0", "6"],
            ]
        );
    }

    #[test]
    fn a_row_written_over_several_value_lines_is_one_row() {
        // `pdftotext -raw` of the same PDF: `30` / `01` / `53 0 0 61 4 31` / `19` under the
        // label, the pieces of 3001 and 3119 in print order; the row sums join them.
        let mut rows = huaian();
        let first = rows
            .iter()
            .position(|r| r.cells[0].text == "一、本年新收政")
            .unwrap_or(0);
        rows.splice(
            first..=first,
            [
                line(&["一、本年新收政"]),
                line(&["30"]),
                line(&["01"]),
                line(&["53", "0", "0", "61", "4", "31"]),
                line(&["19"]),
            ],
        );
        let mut out = Tables::default();
        fill_t3(&rows, Template::V2021, false, &mut out);
        let first_row: Vec<Option<String>> = ["natural_person", "commercial", "total"]
            .iter()
            .map(|c| value(&out, &format!("t3.new_received.{c}")))
            .collect();
        assert_eq!(
            first_row,
            [Some("3001".into()), Some("53".into()), Some("3119".into())]
        );
        assert_eq!(out.cells.len(), 175);
    }

    #[test]
    fn enumerators_and_label_pieces() {
        let e = |s: &str| {
            enumerators(&normalize_label(s))
                .into_iter()
                .map(|(_, _, e)| e)
                .collect::<Vec<_>>()
        };
        assert_eq!(e("三 （一）予"), [Enumerator::Group(1)]);
        assert_eq!(e("（六 1、申请人"), [Enumerator::Item(1)]);
        assert_eq!(e("四、结转下年度"), [Enumerator::Section(4)]);
        assert_eq!(e("第二十条"), []);
        let row = template_row(Template::V2021, false, "other_no_fee_paid");
        assert!(is_fragment_of(
            &normalize_label("理 用、行政机关不再处"),
            &row
        ));
        assert!(!is_fragment_of(&normalize_label("属于国家秘密"), &row));
        let enums = [Enumerator::Group(1)];
        let row = template_row(Template::V2021, false, "deny_enforcement_file");
        assert!(label_agrees(
            "四类过程性信息7.属于行政执法案卷",
            &row,
            &enums,
            Template::V2021
        ));
        // Two rows' labels on one line: row 6's enumerator before row 7's.
        assert!(!label_agrees(
            "6.属于四类过程性信息7.属于行政执法案卷",
            &row,
            &enums,
            Template::V2021
        ));
        assert!(!label_agrees(
            "8.属于行政查询事项",
            &row,
            &enums,
            Template::V2021
        ));
    }
}
