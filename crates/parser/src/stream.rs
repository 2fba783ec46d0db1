//! Tables read as number **streams** in template order, pinned by the 勾稽 rules.
//!
//! Many converters (plain `pdftotext`, Chromium's PDF through `pdftotext`, PyMuPDF, docx2txt)
//! write a table's cells in print order but tear the row labels off: the labels come before,
//! after or between the value runs, out of order, or wrapped into pieces. The labels cannot
//! anchor the rows then, but the values alone can be read:
//!
//! 1. [`tokens`]: the numbers of a table's region in text order. What is no cell value is a
//!    break, not a value: label text (digits inside a label are part of it), row enumerators
//!    printed apart from their label (`1.` `2、`), page marks (`-4-` is dropped by the gatherer,
//!    `— 3 —` split into three fields here). A whole number glued to the end of a label
//!    (`其他对外管理服务事项23`) is a value after the label. Any other mark (a dash, a blank
//!    field) makes the stream unusable; tables 三 and 四 also need every value a whole number.
//! 2. [`read_t3`]: the stream of table 三 read **row-major in template order** (the rows of
//!    [`xxgk_model::Schema::rows`], v2021's single （六） row as the other layout). Taken only
//!    when the count is exactly the template's cells, every 勾稽 equation of table 三 holds
//!    (T3-1, T3-2, T3-3 for every row and column), and the other way a converter lists a grid
//!    — column by column, as `pdfminer` writes its column boxes — is refuted (no box is the
//!    sum of the others on every row). Where it fails, a value alone at the end of a label's
//!    line may be its row's first cell written after the row's other cells (plain `pdftotext`
//!    where a row's cells sit higher than its label): every choice of such values moved back
//!    to start that row is tried, and one is taken only when it is the one set of cells whose
//!    every equation holds ([`moved_reading`]). When the whole reading fails, the stream is cut at its
//!    breaks into **segments**; when every break falls on a row boundary, a segment whose rows
//!    satisfy every equation over them is written (the rows are fixed by the count before
//!    it), the others are not, and the written segments together must satisfy every equation
//!    they cover.
//! 3. [`fill_in_print_order`]: table 四's fifteen values in stream order (and table 二's, each
//!    row after its label), used only when table 三 of the same document was read in print
//!    order (by [`read_t3`] as a whole or in segments, or by `detached::row_major`): that converter writes
//!    cells in print order. Table 四's must number exactly the template's cells, satisfy T4-1
//!    in all three groups, and the other order (column by column) must not satisfy it with
//!    other values; table 二's must number exactly its cells and satisfy T2-2/T2-3.
//!
//! Why print order needs that evidence: the rules are symmetric in the six applicant columns of
//! table 三 and in the four result columns of table 四, so they never pin the order of cells
//! inside a row or group. A reading row-major in template order whose equations all hold is
//! what a converter writing rows top to bottom, each left to right, produces; a column-major
//! writer (pdfminer's boxes) fails it. A value is never placed because a label is nearest.

use crate::flow::{is_label_text, Row, RowCell};
use crate::rows::cell_of;
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::rules::equations;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::{classify_value, count_to_decide, EMPTY_CELL};
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// One element of a table's stream.
#[derive(Debug, Clone)]
pub(crate) enum Token {
    /// A cell value: the field and its number as normalised (`-1`, `14618.23`).
    Value(RowCell, String),
    /// Text between values (a label, a header, an enumerator or a page mark).
    Break(String),
}

/// Cells written empty that are spacer paragraphs (`<p>&nbsp;</p>` before and after a table in
/// a minified page, BeautifulSoup's text of it), not cells, when the stream holds more values
/// than the table's `cells`: a first or last run of values (values with no text between
/// them) that is all empty cells, unless it is the only run; then empty cells at the very end
/// while the stream is still too long (being all blanks, which ones go does not matter).
fn drop_spacers(tokens: &mut Vec<Token>, cells: usize) {
    let empty = |t: &Token| matches!(t, Token::Value(c, _) if c.text == EMPTY_CELL);
    let count = |tokens: &[Token]| {
        tokens
            .iter()
            .filter(|t| matches!(t, Token::Value(..)))
            .count()
    };
    if count(tokens) <= cells {
        return;
    }
    // The runs of values, as index ranges.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match (t, runs.last_mut()) {
            (Token::Value(..), Some((_, end))) if *end == i => *end = i + 1,
            (Token::Value(..), _) => runs.push((i, i + 1)),
            (Token::Break(_), _) => {}
        }
    }
    if runs.len() > 1 {
        let (first, last) = (runs[0], runs[runs.len() - 1]);
        let first_empty = tokens[first.0..first.1].iter().all(empty);
        if tokens[last.0..last.1].iter().all(empty) {
            tokens.drain(last.0..last.1);
        }
        if first_empty {
            tokens.drain(first.0..first.1);
        }
    }
    while count(tokens) > cells && tokens.last().is_some_and(empty) {
        tokens.pop();
    }
}

/// The values of a stream, in order.
fn values(tokens: &[Token]) -> Vec<(&RowCell, &str)> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Value(c, v) => Some((c, v.as_str())),
            Token::Break(_) => None,
        })
        .collect()
}

/// The values as whole numbers ≥ 0 (tables 三 and 四 hold nothing else; a cell written empty
/// is 0 to decide, TEMPLATES.md §7.4), or `None`.
fn counts(values: &[(&RowCell, &str)]) -> Option<Vec<u64>> {
    values
        .iter()
        .map(|(c, _)| Some(count_to_decide(&c.text)?.0))
        .collect()
}

/// What a stream gave for table 三.
#[derive(Debug)]
pub struct T3Stream {
    /// The cells written (key id → cell).
    pub cells: Vec<(KeyId, Cell)>,
    /// Whether the single-（六） layout of v2021 was the one that fitted.
    pub single_other: bool,
    /// Whether the whole table was read row-major (print-order evidence for table 四).
    pub whole: bool,
}

/// Step 1: the stream of a table's rows, or `None` when a field is a value but no number (a
/// dash, a blank) or a row came from a grid.
pub(crate) fn tokens(rows: &[Row]) -> Option<Vec<Token>> {
    tokens_with(rows, false, false)
}

/// The stream, with dashes as values (an empty normalised number) where `dashes` is set.
fn tokens_with(rows: &[Row], dashes: bool, grids: bool) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    for row in rows {
        if row.from_grid && !grids {
            return None;
        }
        let piece = match wrapped_piece(row) {
            Ok(piece) => piece,
            Err(()) => return None,
        };
        let cells = &row.cells;
        let mut i = 0;
        while i < cells.len() {
            if cells[i].text == EMPTY_CELL {
                // A cell the converter wrote empty: a blank value of the stream.
                out.push(Token::Value(cells[i].clone(), String::new()));
                i += 1;
                continue;
            }
            let text = cells[i].text.trim();
            // A number `crate::wrapped` left in doubt: as printed here, its piece after the row.
            let (text, cell) = match (&piece, crate::wrapped::in_doubt(text)) {
                (Some(_), Some((printed, _))) => {
                    let cell = RowCell {
                        text: printed.to_string(),
                        ..cells[i].clone()
                    };
                    (printed, cell)
                }
                _ => (text, cells[i].clone()),
            };
            if text.is_empty() {
                i += 1;
                continue;
            }
            if page_mark(&cells[i..]) {
                out.push(Token::Break(String::new()));
                i += 3;
                continue;
            }
            if let Some((label, digits, value)) = glued_value(text) {
                // `其他对外管理服务事项23`: the label, then its first value.
                out.push(Token::Break(label.to_string()));
                let cell = RowCell {
                    text: digits.to_string(),
                    ..cell.clone()
                };
                out.push(Token::Value(cell, value));
                i += 1;
                continue;
            }
            if is_enumerator(text) || is_label_text(text) {
                out.push(Token::Break(text.to_string()));
                i += 1;
                continue;
            }
            if row.from_grid && crate::rows::holds_several_values(text) {
                // `0 0`: a converter merged neighbouring columns into one cell.
                for word in text.split_whitespace() {
                    let cell = RowCell {
                        text: word.to_string(),
                        ..cell.clone()
                    };
                    out.push(value_token(cell, word, dashes)??);
                }
                i += 1;
                continue;
            }
            match value_token(cell, text, dashes) {
                Some(token) => out.push(token?),
                None => out.push(Token::Break(text.to_string())),
            }
            i += 1;
        }
        if let Some((cell, digits)) = piece {
            out.push(value_token(cell, &digits, dashes)??);
        }
    }
    Some(out)
}

/// The line of digits `crate::wrapped` took as maybe continuing numbers of `row` and left in
/// doubt (`30 / 5`: 30, or 305): printed on a line of its own after the row, it is a value of
/// the stream there, the cells as printed (the stream's count and equations decide, and a
/// number it did continue leaves the stream one value long). `Ok(None)` for a row without
/// one; `Err` where the cells in doubt name other pieces or several (their print order is
/// not kept).
fn wrapped_piece(row: &Row) -> Result<Option<(RowCell, String)>, ()> {
    let mut found: Option<(RowCell, String)> = None;
    for cell in &row.cells {
        let Some((_, piece)) = crate::wrapped::in_doubt(&cell.text) else {
            continue;
        };
        if piece.is_empty() || !piece.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
        match &found {
            Some((_, seen)) if seen != piece => return Err(()),
            Some(_) => {}
            None => {
                found = Some((
                    RowCell {
                        text: piece.to_string(),
                        ..cell.clone()
                    },
                    piece.to_string(),
                ))
            }
        }
    }
    Ok(found)
}

/// The stream token of a value field: a number, or (where `dashes`) a dash as a blank value;
/// `Some(None)` for another mark (the stream is then not read); `None` for no value at all
/// (label text, a break).
fn value_token(cell: RowCell, text: &str, dashes: bool) -> Option<Option<Token>> {
    match classify_value(text)? {
        (Flag::Number, v) => Some(Some(Token::Value(cell, v))),
        (Flag::Dash, _) if dashes => Some(Some(Token::Value(cell, String::new()))),
        _ => Some(None),
    }
}

/// A label with a whole number glued to its end (`其他对外管理服务事项23`): the label and the
/// digits. Only after a CJK character that is no ordinal or unit (`第`, `年`, `项` … take a
/// number before them, never after).
pub(crate) fn glued_value(text: &str) -> Option<(&str, &str, String)> {
    let digits_from = text.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (label, digits) = text.split_at(digits_from);
    let before = label.chars().last()?;
    let cjk = xxgk_model::text::is_han(before);
    if digits.is_empty() || !cjk || before == '第' || digits.len() > 12 {
        return None;
    }
    match classify_value(digits) {
        Some((Flag::Number, v)) => Some((label, digits, v)),
        _ => None,
    }
}

/// `— 3 —` split into three fields: a page mark.
fn page_mark(cells: &[RowCell]) -> bool {
    let dash = |t: &str| matches!(classify_value(t), Some((Flag::Dash, _)));
    match cells {
        [a, b, c, ..] => {
            dash(&a.text)
                && dash(&c.text)
                && b.text.trim().chars().all(|ch| ch.is_ascii_digit())
                && !b.text.trim().is_empty()
        }
        _ => false,
    }
}

/// A row enumerator printed apart from its label: `1.` `2、` `3．`.
fn is_enumerator(text: &str) -> bool {
    let Some(body) = text.strip_suffix(['.', '、', '．']) else {
        return false;
    };
    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit())
}

/// The rows of table 三 in template order, for each layout of the template: v2019's, v2021's
/// with three （六） rows and v2021's single （六） row (`true`).
pub(crate) fn t3_layouts(template: Template) -> Vec<(bool, Vec<&'static str>)> {
    let singles: &[bool] = match template {
        Template::V2021 => &[false, true],
        _ => &[false],
    };
    singles
        .iter()
        .map(|&single_other| {
            let mut order: Vec<&'static str> = Vec::new();
            for k in schema()
                .expected_keys(template, single_other)
                .into_iter()
                .filter(|k| k.table == Table::T3)
            {
                if !order.contains(&k.row) {
                    order.push(k.row);
                }
            }
            (single_other, order)
        })
        .collect()
}

/// The cells of `keys` read from `values` in order.
fn placed(keys: &[KeyId], values: &[(&RowCell, &str)]) -> Vec<(KeyId, Cell)> {
    keys.iter()
        .zip(values)
        .map(|(&k, (c, _))| (k, cell_of(c)))
        .collect()
}

/// Do the cells (key id → value) satisfy every equation of `table` whose cells are all
/// present? Equations over cells not given are not checked.
pub(crate) fn equations_hold(
    cells: &HashMap<KeyId, i128>,
    template: Template,
    single_other: bool,
    rule_prefix: &str,
) -> bool {
    equations(template, single_other)
        .into_iter()
        .filter(|e| e.rule.starts_with(rule_prefix))
        .all(|e| e.check(|k| cells.get(&k).copied()).unwrap_or(true))
}

/// Whether table 三's values `nums`, placed on `keys` in order, satisfy every equation of the
/// table (those whose cells are all given).
pub(crate) fn t3_holds(
    keys: &[KeyId],
    nums: &[u64],
    template: Template,
    single_other: bool,
) -> bool {
    let all: HashMap<KeyId, i128> = keys
        .iter()
        .zip(nums)
        .map(|(&k, &n)| (k, i128::from(n)))
        .collect();
    equations_hold(&all, template, single_other, "T3")
}

/// Step 2: table 三 read from its stream (see the module doc); `None` when nothing is pinned.
pub fn read_t3(rows: &[Row], template: Template, notes: &mut Vec<String>) -> Option<T3Stream> {
    let tokens = tokens(rows)?;
    read_t3_tokens(&tokens, &line_end_values(rows), template, notes)
}

/// Values set alone at the end of a label's line (`理结果 （四）无 1.本机关不掌握相关政府信息
/// 52`): their indexes among the stream's values.
fn line_end_values(rows: &[Row]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = 0;
    for row in rows {
        let Some(tokens) = tokens_with(std::slice::from_ref(row), false, false) else {
            return Vec::new();
        };
        let n = values(&tokens).len();
        if let [.., Token::Break(label), Token::Value(..)] = tokens.as_slice() {
            if n == 1 && label.chars().any(xxgk_model::text::is_han) {
                out.push(seen);
            }
        }
        seen += n;
    }
    out
}

/// Most values at the end of a label's line whose places [`moved_reading`] tries (2^12 =
/// 4,096 readings).
const MAX_MOVABLE: usize = 12;

/// The stream read with some of the values at the end of a label's line (`movable`) taken as
/// the first cell of the row whose other cells came right before them: plain `pdftotext`
/// writes a label's line after the rest of its row where the row's cells sit higher than the
/// label (Chromium's PDF of jingan-2019's page: `3 0 0 3 0 58`, then `1.本机关不掌握相关政府
/// 信息 52`). A moved value must land on a row's first column. Every choice of the values
/// moved is tried; the order is returned only when the readings whose every equation holds
/// give one set of cells and the column order is refuted.
fn moved_reading(
    nums: &[u64],
    movable: &[usize],
    keys: &[KeyId],
    rows: usize,
    template: Template,
    single_other: bool,
) -> Option<Vec<usize>> {
    let width = keys.len().checked_div(rows)?;
    if movable.is_empty() || movable.len() > MAX_MOVABLE || width * rows != keys.len() {
        return None;
    }
    let orders = (1u32..(1 << movable.len()))
        .filter_map(|mask| moved_order(nums.len(), movable, mask, width));
    one_reading(orders, nums, keys, rows, template, single_other)
}

/// The one order among `orders` (each a permutation of the stream's indexes) whose reading
/// satisfies every equation of table 三, when the readings that do give one set of cells and
/// none of them could be column boxes instead; `None` otherwise.
fn one_reading(
    orders: impl Iterator<Item = Vec<usize>>,
    nums: &[u64],
    keys: &[KeyId],
    rows: usize,
    template: Template,
    single_other: bool,
) -> Option<Vec<usize>> {
    let mut found: Vec<(Vec<usize>, Vec<u64>)> = Vec::new();
    for order in orders {
        let read: Vec<u64> = order.iter().map(|&i| nums[i]).collect();
        if !t3_holds(keys, &read, template, single_other) {
            continue;
        }
        if column_major_admissible(&read, rows) {
            return None;
        }
        if !found.iter().any(|(_, r)| *r == read) {
            found.push((order, read));
        }
    }
    match found.as_slice() {
        [(order, _)] => Some(order.clone()),
        _ => None,
    }
}

/// The order of `n` values with the movable values `mask` picks each set back before the
/// `width - 1` values before it, where it then starts a row; `None` when one cannot be.
fn moved_order(n: usize, movable: &[usize], mask: u32, width: usize) -> Option<Vec<usize>> {
    let mut order: Vec<usize> = (0..n).collect();
    for (bit, &m) in movable.iter().enumerate() {
        if mask & (1 << bit) == 0 {
            continue;
        }
        let at = order.iter().position(|&i| i == m)?;
        let to = at.checked_sub(width - 1)?;
        if !to.is_multiple_of(width) {
            return None;
        }
        order.remove(at);
        order.insert(to, m);
    }
    Some(order)
}

/// Most rows whose cells [`reordered_rows`] may take in another order.
const MAX_REORDERED_ROWS: usize = 2;
/// Most readings [`reordered_rows`] checks.
const MAX_ROW_ORDERS: usize = 20_000;

/// The stream read row by row with the cells of the rows that do not add up (T3-1) taken in
/// another order: a converter can write a cell of a row after the row's 总计 (plain
/// `pdftotext` of LibreOffice's PDF of huaian-2024's page: `103 0 0 0 0 103 0` for
/// 结转下年度, the last 0 set lower than the row). At most [`MAX_REORDERED_ROWS`] rows, each
/// in every order of its own printed values whose row adds up; the order is returned only
/// when the readings whose every equation holds give one set of cells (each column's
/// equations then fix such a row's cells: a value lands only where the column needs exactly
/// it) and the column order is refuted. No value leaves its row.
fn reordered_rows(
    nums: &[u64],
    keys: &[KeyId],
    rows: usize,
    template: Template,
    single_other: bool,
) -> Option<Vec<usize>> {
    let width = keys.len().checked_div(rows)?;
    if width < 2 || width * rows != keys.len() || nums.len() != keys.len() {
        return None;
    }
    let adds_up = |cells: &[u64]| {
        let (total, parts) = cells.split_last()?;
        parts
            .iter()
            .try_fold(0u64, |s, &v| s.checked_add(v))
            .map(|s| s == *total)
    };
    let failing: Vec<usize> = (0..rows)
        .filter(|&r| adds_up(&nums[r * width..(r + 1) * width]) != Some(true))
        .collect();
    if failing.is_empty() || failing.len() > MAX_REORDERED_ROWS {
        return None;
    }
    // Per failing row, the orders of its values (as index lists) whose row adds up.
    let mut options: Vec<Vec<Vec<usize>>> = Vec::new();
    for &r in &failing {
        let slots: Vec<usize> = (r * width..(r + 1) * width).collect();
        let mut seen: Vec<Vec<u64>> = Vec::new();
        let mut kept = Vec::new();
        for order in permutations(&slots) {
            let read: Vec<u64> = order.iter().map(|&i| nums[i]).collect();
            if adds_up(&read) == Some(true) && !seen.contains(&read) {
                seen.push(read);
                kept.push(order);
            }
        }
        options.push(kept);
    }
    let readings: usize = options.iter().map(Vec::len).product();
    if readings == 0 || readings > MAX_ROW_ORDERS {
        return None;
    }
    let orders = (0..readings).map(|choice| {
        let mut order: Vec<usize> = (0..nums.len()).collect();
        let mut rest = choice;
        for (row, opts) in failing.iter().zip(&options) {
            let pick = &opts[rest % opts.len()];
            rest /= opts.len();
            order[row * width..(row + 1) * width].copy_from_slice(pick);
        }
        order
    });
    one_reading(orders, nums, keys, rows, template, single_other)
}

/// Every order of `items` (Heap's algorithm; callers keep `items` short).
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    let mut a = items.to_vec();
    let mut out = vec![a.clone()];
    let mut c = vec![0usize; a.len()];
    let mut i = 1;
    while i < a.len() {
        if c[i] < i {
            let j = if i % 2 == 0 { 0 } else { c[i] };
            a.swap(j, i);
            out.push(a.clone());
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

/// Table 三 read as a whole stream, row by row in template order, when the row reader found
/// its values off their labels (a label holding two value lines: `tables.rs`
/// `second_value_line`), grids included (`pdftotext -layout`'s aligned text, markitdown's
/// one-row tables). The value lines keep the rows' order whatever labels they sit beside;
/// taken only when the whole table reads so (every cell printed, exactly the template's
/// cells, every equation holding, the column order refuted).
pub(crate) fn read_t3_in_order(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<T3Stream> {
    let read = tokens_with(rows, false, true)
        .and_then(|tokens| read_t3_tokens(&tokens, &[], template, notes));
    if let Some(read) = read.filter(|r| r.whole) {
        return Some(read);
    }
    // Two rows a converter set in one grid row, every cell holding a value of each
    // (pymupdf4llm of Calc's PDF: `|（七）总计<br>四、结转…|131<br>6|14<br>0|…|162<br>6|`):
    // the cells' first values are the upper row, their second the lower.
    let rows = unstacked(rows)?;
    let read = read_t3_tokens(&tokens_with(&rows, false, true)?, &[], template, notes)?;
    read.whole.then_some(read)
}

/// The rows with every grid row of table 三's seven cells each holding two numbers set as two
/// rows (the first numbers, then the second); `None` when no row is so.
fn unstacked(rows: &[Row]) -> Option<Vec<Row>> {
    let pair = |text: &str| -> Option<(String, String)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let number = |w: &str| matches!(classify_value(w), Some((Flag::Number, _)));
        match words.as_slice() {
            [a, b] if number(a) && number(b) => Some((a.to_string(), b.to_string())),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(rows.len() + 2);
    let mut changed = false;
    for row in rows {
        let pairs: Vec<Option<(String, String)>> =
            row.cells.iter().map(|c| pair(&c.text)).collect();
        let stacked = pairs.iter().flatten().count() == 7
            && row.cells.iter().zip(&pairs).all(|(c, p)| {
                p.is_some() || !matches!(classify_value(c.text.trim()), Some((Flag::Number, _)))
            });
        if !row.from_grid || !stacked {
            out.push(row.clone());
            continue;
        }
        changed = true;
        let mut upper = row.clone();
        let mut lower = Row {
            cells: Vec::new(),
            text_spans: Vec::new(),
            ..row.clone()
        };
        for (cell, p) in upper.cells.iter_mut().zip(&pairs) {
            if let Some((a, b)) = p {
                lower.cells.push(RowCell {
                    text: b.clone(),
                    ..cell.clone()
                });
                cell.text = a.clone();
            }
        }
        out.push(upper);
        out.push(lower);
    }
    changed.then_some(out)
}

/// Whether the value lines of table 三, in print order, are exactly as many as the cells of one
/// of the template's layouts: then a reading in template order was possible, and where
/// [`read_t3_in_order`] still read nothing an equation failed (or the column order was not
/// refuted).
pub(crate) fn t3_count_fits(rows: &[Row], template: Template) -> bool {
    let Some(tokens) = tokens_with(rows, false, true) else {
        return false;
    };
    let count = values(&tokens).len();
    count > 0
        && t3_layouts(template).into_iter().any(|(_, order)| {
            order
                .iter()
                .map(|r| crate::tables::row_keys(template, Table::T3, r).len())
                .sum::<usize>()
                == count
        })
}

fn read_t3_tokens(
    tokens: &[Token],
    movable: &[usize],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<T3Stream> {
    let values = values(tokens);
    let nums = counts(&values)?;
    if values.is_empty() {
        return None;
    }
    for (single_other, order) in t3_layouts(template) {
        let layout: Vec<Vec<KeyId>> = order
            .iter()
            .map(|r| crate::tables::row_keys(template, Table::T3, r))
            .collect();
        let count: usize = layout.iter().map(Vec::len).sum();
        if count != values.len() {
            continue;
        }
        let keys: Vec<KeyId> = layout.iter().flatten().copied().collect();
        if t3_holds(&keys, &nums, template, single_other) {
            if column_major_admissible(&nums, layout.len()) {
                notes.push(format!(
                    "表三: {} values read row by row add up, but read column by column too; not used",
                    nums.len()
                ));
                return None;
            }
            notes.push(format!(
                "表三: {} values in print order with the row labels apart; read row by row in template order (every 勾稽 equation holds)",
                nums.len()
            ));
            return Some(T3Stream {
                cells: placed(&keys, &values),
                single_other,
                whole: true,
            });
        }
        let rows = layout.len();
        let moved = moved_reading(&nums, movable, &keys, rows, template, single_other)
            .map(|order| (order, "values at the end of label lines taken as their row's first cell where the row came before its label"));
        let reordered = || {
            reordered_rows(&nums, &keys, rows, template, single_other)
                .map(|order| (order, "the cells of a row that did not add up taken in the order its column's equations allow"))
        };
        if let Some((order, how)) = moved.or_else(reordered) {
            notes.push(format!(
                "表三: {} values in print order, {how}; read row by row in template order (every 勾稽 equation holds, one reading)",
                nums.len()
            ));
            let taken: Vec<(&RowCell, &str)> = order.iter().map(|&i| values[i]).collect();
            return Some(T3Stream {
                cells: placed(&keys, &taken),
                single_other,
                whole: true,
            });
        }
        let breaks = break_positions(tokens);
        let cells = segments(
            &layout,
            &breaks,
            &values,
            &nums,
            template,
            single_other,
            notes,
        )?;
        return Some(T3Stream {
            cells,
            single_other,
            whole: false,
        });
    }
    None
}

/// Where the breaks fall, counted in values before them (0 and the end excluded).
fn break_positions(tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = 0;
    for t in tokens {
        match t {
            Token::Value(..) => seen += 1,
            Token::Break(_) => {
                if seen > 0 && out.last() != Some(&seen) {
                    out.push(seen);
                }
            }
        }
    }
    let end = seen;
    out.retain(|&p| p < end);
    out
}

/// The segments of a stream of the right count whose whole reading failed: the ones whose
/// rows satisfy every equation over them, when every break is a row boundary and the written
/// segments together satisfy every equation they cover.
fn segments(
    layout: &[Vec<KeyId>],
    breaks: &[usize],
    values: &[(&RowCell, &str)],
    nums: &[u64],
    template: Template,
    single_other: bool,
    notes: &mut Vec<String>,
) -> Option<Vec<(KeyId, Cell)>> {
    // Row boundaries, in values: 0, w0, w0+w1, …
    let mut bounds = vec![0usize];
    for row in layout {
        bounds.push(bounds.last().copied().unwrap_or(0) + row.len());
    }
    if breaks.is_empty() || breaks.iter().any(|b| !bounds.contains(b)) {
        return None;
    }
    let keys: Vec<KeyId> = layout.iter().flatten().copied().collect();
    let mut cuts = vec![0usize];
    cuts.extend_from_slice(breaks);
    cuts.push(values.len());
    let mut kept: HashMap<KeyId, i128> = HashMap::new();
    let mut cells = Vec::new();
    let mut failed = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let seg: HashMap<KeyId, i128> = (a..b).map(|i| (keys[i], i128::from(nums[i]))).collect();
        if equations_hold(&seg, template, single_other, "T3") {
            kept.extend(seg);
            cells.extend((a..b).map(|i| (keys[i], cell_of(values[i].0))));
        } else {
            failed += 1;
        }
    }
    if cells.is_empty() || !equations_hold(&kept, template, single_other, "T3") {
        return None;
    }
    // Evidence that the stream is row-major at all: a column-major stream read by rows still
    // gives rows of zeros that "add up" (0 … 0 = 0). Most rows must add up read by rows, and
    // the written ones must include rows that add up with a total above zero.
    let rows_adding_up = |range: std::ops::Range<usize>, nonzero: bool| {
        layout
            .iter()
            .enumerate()
            .filter(|&(r, _)| range.contains(&bounds[r]))
            .filter(|&(r, row)| {
                let cells = &nums[bounds[r]..bounds[r] + row.len()];
                let Some((&total, applicants)) = cells.split_last() else {
                    return false;
                };
                applicants.iter().sum::<u64>() == total && (!nonzero || total > 0)
            })
            .count()
    };
    let adding_up = rows_adding_up(0..values.len(), false);
    let evidence: usize = cuts
        .windows(2)
        .filter(|w| kept.contains_key(&keys[w[0]]))
        .map(|w| rows_adding_up(w[0]..w[1], true))
        .sum();
    if adding_up * 5 < layout.len() * 4 || evidence < SEGMENT_EVIDENCE_ROWS {
        return None;
    }
    notes.push(format!(
        "表三: {} values in print order; read row by row in template order: {} segments between label lines add up, {failed} do not (their cells left absent)",
        values.len(),
        cuts.len() - 1 - failed,
    ));
    Some(cells)
}

/// Fewest rows with a total above zero that add up read by rows, among the segments written,
/// for a stream read by segments.
const SEGMENT_EVIDENCE_ROWS: usize = 10;

/// Could the stream be `rows`-long column boxes instead (pdfminer)? Yes when some box is the
/// sum of the others on every row.
pub(crate) fn column_major_admissible(nums: &[u64], rows: usize) -> bool {
    if rows == 0 || !nums.len().is_multiple_of(rows) {
        return false;
    }
    let width = nums.len() / rows;
    let at = |b: usize, r: usize| nums[b * rows + r];
    (0..width).any(|t| {
        (0..rows).all(|r| {
            (0..width)
                .filter(|&b| b != t)
                .try_fold(0u64, |s, b| s.checked_add(at(b, r)))
                == Some(at(t, r))
        })
    })
}

/// Step 3: tables 二 and 四 as streams in print order, where table 三 showed this converter
/// writes cells in print order (see the module doc). A cell another reader already wrote is
/// kept; when a stream reading disagrees with one, none of that stream is used.
pub fn fill_in_print_order(t2: &[Row], t4: &[Row], template: Template, out: &mut Tables) {
    let readings = [
        ("表二", read_t2(t2, template, &mut out.notes)),
        (
            "表四",
            read_t4(
                t4,
                template,
                &mut out.notes,
                "table 三 of this document was read in print order; T4-1 holds in every group",
            ),
        ),
    ];
    for (table, cells) in readings {
        let Some(cells) = cells else { continue };
        if disagrees(out, &cells) {
            out.notes.push(format!(
                "{table}: its values in print order disagree with the rows read by label; not used"
            ));
            continue;
        }
        for (k, c) in cells {
            out.cells.entry(k).or_insert(c);
        }
    }
}

/// Whether any of `cells` differs from a cell another reader already wrote.
pub(crate) fn disagrees(out: &Tables, cells: &[(KeyId, Cell)]) -> bool {
    cells.iter().any(|(k, c)| {
        out.cells
            .get(k)
            .is_some_and(|had| had.flag != c.flag || had.value != c.value)
    })
}

/// Whether the header words printed right before values agree with the columns the stream
/// order gives them: the text since the previous value, when it names exactly one column of
/// `table` (`结果 / 纠正`, `复议后起诉 / 总计`), must name the column of the value's place in
/// print order. Text naming several columns or none says nothing.
pub(crate) fn headers_agree(rows: &[Row], template: Template, table: Table) -> bool {
    // Dashes are values here too (table 四's stream reads them so).
    let Some(tokens) = tokens_with(rows, true, false) else {
        return false;
    };
    let cols: Vec<&'static str> = schema()
        .keys(template)
        .filter(|k| k.table == table)
        .map(|k| k.col)
        .collect();
    let mut text = String::new();
    let mut at = 0usize;
    for t in &tokens {
        match t {
            Token::Break(b) => text.push_str(b),
            Token::Value(..) => {
                let norm = xxgk_model::text::normalize_label(&text);
                let named: Vec<&'static str> = schema()
                    .labels(table, LabelKind::Col)
                    .filter(|l| l.in_template(Some(template)) && l.matches(&norm))
                    .map(|l| l.key)
                    .collect();
                if let [one] = named.as_slice() {
                    if cols.get(at) != Some(one) {
                        return false;
                    }
                }
                text.clear();
                at += 1;
            }
        }
    }
    true
}

/// Whether table 四's values in print order (each a count, and whether it was printed as a
/// dash: 0 to decide, as the audit reads it) are pinned by T4-1: `None` when they are not the
/// template's cells or a group does not add up read by rows; `Some(false)` when the other way
/// to list a grid, column by column, also adds up with other values or marks; `Some(true)`
/// otherwise.
pub(crate) fn t4_by_rows(marked: &[(u64, bool)], template: Template) -> Option<bool> {
    let keys = schema().table_keys(template, Table::T4);
    let groups = schema().rows(template, Table::T4).len();
    if keys.is_empty() || marked.len() != keys.len() || groups == 0 {
        return None;
    }
    let width = keys.len() / groups;
    let read = |order: &dyn Fn(usize) -> usize| -> HashMap<KeyId, i128> {
        (0..keys.len())
            .map(|i| (keys[i], i128::from(marked[order(i)].0)))
            .collect()
    };
    if !equations_hold(&read(&|i| i), template, false, "T4") {
        return None;
    }
    // Column by column: group g, column c at c·groups + g.
    let column_order = |i: usize| (i % width) * groups + i / width;
    let same = (0..keys.len()).all(|i| marked[i] == marked[column_order(i)]);
    Some(same || !equations_hold(&read(&column_order), template, false, "T4"))
}

/// Where table 四's stream holds one value more than the template's cells because a merged
/// cell was written in both slots it covers (docx2python: 行政复议's `总计` spans two columns,
/// `… 37 351 351 13 …`): the index of the copy to drop. Taken only when the stream is exactly
/// one value long, and dropping a copy of exactly one pair of equal neighbours leaves a stream
/// that [`t4_by_rows`] pins; a second such pair that also does (`0 0` elsewhere) leaves the
/// stream unread. The pair must be of a number other than 0: `0 0` neighbours are everywhere
/// in table 四, and one surplus value beside them is something else (pymupdf4llm's list
/// bullet before `1 0 0 0 1 0 …`, a `0` where the `-` stood: dropping one 0 of `0 0 0` made
/// the review group add up with every value one column off).
fn merged_cell_written_twice(marked: &[(u64, bool)], template: Template) -> Option<usize> {
    if marked.len() != schema().table_keys(template, Table::T4).len() + 1 {
        return None;
    }
    let mut fits: Vec<(usize, Vec<(u64, bool)>)> = Vec::new();
    for at in 1..marked.len() {
        if marked[at] != marked[at - 1] || marked[at] == (0, false) || marked[at].1 {
            continue;
        }
        let mut once = marked.to_vec();
        once.remove(at);
        if t4_by_rows(&once, template) == Some(true) && !fits.iter().any(|(_, f)| *f == once) {
            fits.push((at, once));
        }
    }
    match fits[..] {
        [(at, _)] => Some(at),
        _ => None,
    }
}

/// Table 四's values in stream order: exactly the template's cells, whole numbers or dashes,
/// T4-1 holding in every group (a dash read as 0 to decide, as the audit reads it: TEMPLATES.md
/// §7.4), and the column-by-column order not holding with other values. A dash stays a dash.
pub(crate) fn read_t4(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
    why: &str,
) -> Option<Vec<(KeyId, Cell)>> {
    let mut tokens = tokens_with(rows, true, false)?;
    let cells = schema().table_keys(template, Table::T4).len();
    drop_spacers(&mut tokens, cells);
    let mut values = values(&tokens);
    // A dash is 0 to decide; `marked` tells it from a printed 0 when two orders are compared.
    let mut marked: Vec<(u64, bool)> = values
        .iter()
        .map(|(c, _)| count_to_decide(&c.text))
        .collect::<Option<_>>()?;
    if marked.iter().all(|&(_, dash)| dash) {
        return None;
    }
    if let Some(at) = merged_cell_written_twice(&marked, template) {
        values.remove(at);
        marked.remove(at);
        notes.push("表四: one value printed twice in a row (a merged cell written in both its slots) read once".to_string());
    }
    if !t4_by_rows(&marked, template)? {
        notes.push("表四: the values add up read by rows and by columns; not used".to_string());
        return None;
    }
    let keys = schema().table_keys(template, Table::T4);
    notes.push(format!(
        "表四: {} values in print order ({why})",
        values.len()
    ));
    Some(placed(&keys, &values))
}

/// Table 二's values in stream order (its rules are weak, so more is asked): exactly the
/// template's cells, every row's label met in the stream right before the row's first value
/// (after the row before it), and every T2 rule holding.
fn read_t2(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<Vec<(KeyId, Cell)>> {
    let s = schema();
    let tokens = tokens(rows)?;
    let order = s.rows(template, Table::T2);
    let layout: Vec<Vec<KeyId>> = order
        .iter()
        .map(|r| crate::tables::row_keys(template, Table::T2, r))
        .collect();
    let keys: Vec<KeyId> = layout.iter().flatten().copied().collect();
    let values = values(&tokens);
    if keys.is_empty() || values.len() != keys.len() {
        return None;
    }
    // Where each row's label is first met, counted in values before it.
    let mut label_at: Vec<Option<usize>> = vec![None; order.len()];
    let mut seen = 0;
    for t in &tokens {
        match t {
            Token::Value(..) => seen += 1,
            Token::Break(text) => {
                let row = s.match_label(Table::T2, LabelKind::Row, text, Some(template));
                if let Some(r) = row.and_then(|row| order.iter().position(|o| *o == row)) {
                    label_at[r].get_or_insert(seen);
                }
            }
        }
    }
    let label_at: Vec<usize> = label_at.into_iter().collect::<Option<_>>()?;
    // Each row's label between the previous row's values and its own: labels all first and
    // the values after them is how a converter writes table 二 column by column (plain
    // `pdftotext` of title-year-first.pdf: 规章 规范性文件 行政许可 … then 3 2 4 4 5939 …,
    // which the weak T2 rules let through row by row).
    let mut first_value = 0;
    for (r, row) in layout.iter().enumerate() {
        if label_at[r] != first_value {
            return None;
        }
        first_value += row.len();
    }
    let whole: HashMap<KeyId, i128> = keys
        .iter()
        .zip(&values)
        .filter_map(|(&k, (_, v))| Some((k, v.parse::<i128>().ok()?)))
        .collect();
    if !equations_hold(&whole, template, false, "T2") {
        return None;
    }
    notes.push(format!(
        "表二: {} values in print order, each row after its label (table 三 of this document was read in print order)",
        values.len()
    ));
    Some(placed(&keys, &values))
}

#[cfg(test)]
mod tests {
    /// A grid row whose seven cells each hold two numbers is two rows, the first numbers
    /// above; a row with a single merged cell (`1 164`: two columns side by side) is not.
    #[test]
    fn a_grid_row_of_stacked_cells_is_two_rows() {
        let row = |cells: &[&str]| crate::flow::text_grid_row(cells);
        let cells = |r: &super::Row| r.cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
        let stacked = row(&[
            "（七）总计 四、结转下年度继续办理 果",
            "131 6",
            "14 0",
            "3 0",
            "1 0",
            "12 0",
            "1 0",
            "162 6",
        ]);
        let merged = row(&["请数量", "134", "14", "3", "1", "11", "1 164"]);
        let out = super::unstacked(&[merged.clone(), stacked]).expect("unstacked");
        assert_eq!(out.len(), 3);
        assert_eq!(out[0], merged);
        assert_eq!(out[1].cells[0].text, "（七）总计 四、结转下年度继续办理 果");
        assert_eq!(
            &cells(&out[1])[1..],
            ["131", "14", "3", "1", "12", "1", "162"]
        );
        assert_eq!(cells(&out[2]), ["6", "0", "0", "0", "0", "0", "6"]);
        assert!(super::unstacked(&[merged]).is_none());
    }

    /// Table 三 of jingan-2019 (v2019), row by row.
    const JINGAN_2019_T3: [[u64; 7]; 23] = [
        [134, 14, 3, 1, 11, 1, 164],
        [3, 0, 0, 0, 1, 0, 4],
        [37, 7, 1, 1, 6, 1, 53],
        [10, 2, 0, 0, 1, 0, 13],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 1, 0, 0, 0, 2],
        [1, 1, 0, 0, 0, 0, 2],
        [1, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 1],
        [2, 1, 0, 0, 0, 0, 3],
        [1, 0, 0, 0, 0, 0, 1],
        [5, 0, 0, 0, 1, 0, 6],
        [52, 3, 0, 0, 3, 0, 58],
        [2, 0, 0, 0, 0, 0, 2],
        [2, 0, 0, 0, 0, 0, 2],
        [6, 0, 1, 0, 1, 0, 8],
        [3, 0, 0, 0, 0, 0, 3],
        [1, 0, 0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0, 0, 1],
        [5, 0, 0, 0, 0, 0, 5],
        [131, 14, 3, 1, 12, 1, 162],
        [6, 0, 0, 0, 0, 0, 6],
    ];

    /// The v2019 keys of table 三 in template order, and its layout's `single_other`.
    fn v2019_keys() -> (Vec<KeyId>, bool) {
        let (single_other, order) = t3_layouts(Template::V2019).remove(0);
        let keys = order
            .iter()
            .flat_map(|r| crate::tables::row_keys(Template::V2019, Table::T3, r))
            .collect();
        (keys, single_other)
    }

    /// Plain pdftotext of LibreOffice's PDF of huaian-2024's page writes 结转下年度's last
    /// 0 after the row's 总计 (`103 0 0 0 0 103 0`). The row does not add up; in the one order
    /// of its own values every equation allows, it reads as printed (the same with 一's
    /// 总计 moved within its row too). A row that cannot add up in any order, three such
    /// rows, or a row swapped yet adding up: nothing.
    #[test]
    fn a_row_that_does_not_add_up_is_read_in_the_one_order_the_equations_allow() {
        let truth: Vec<u64> = JINGAN_2019_T3.iter().flatten().copied().collect();
        let (keys, single_other) = v2019_keys();
        let read = |stream: &[u64]| {
            reordered_rows(stream, &keys, 23, Template::V2019, single_other)
                .map(|order| order.iter().map(|&i| stream[i]).collect::<Vec<u64>>())
        };
        let last = 22 * 7;
        let mut stream = truth.clone();
        stream[last..].copy_from_slice(&[6, 0, 0, 0, 0, 6, 0]);
        assert_eq!(read(&stream).as_deref(), Some(truth.as_slice()));
        let mut first = stream.clone();
        first[..7].copy_from_slice(&[134, 14, 3, 1, 11, 164, 1]);
        assert_eq!(read(&first).as_deref(), Some(truth.as_slice()));
        let mut short = stream.clone();
        short[last + 5] = 7;
        assert_eq!(read(&short), None);
        let mut three = first.clone();
        three[12 * 7..13 * 7].copy_from_slice(&[52, 3, 0, 0, 3, 58, 0]);
        assert_eq!(read(&three), None);
        // A row whose cells are swapped but still add up is no row this reading takes in
        // another order: the columns then fail, and nothing is read.
        let mut swapped = stream.clone();
        swapped[..7].copy_from_slice(&[134, 3, 14, 1, 11, 1, 164]);
        assert_eq!(read(&swapped), None);
    }

    /// A value at the end of a label's line moved back before the row's other six values,
    /// where it then starts a row; a move landing inside a row, or before the stream, is none.
    #[test]
    fn a_moved_value_starts_the_row_before_it() {
        let order = moved_order(14, &[13], 1, 7).expect("moved");
        assert_eq!(order, [0, 1, 2, 3, 4, 5, 6, 13, 7, 8, 9, 10, 11, 12]);
        assert!(moved_order(14, &[12], 1, 7).is_none());
        assert!(moved_order(14, &[5], 1, 7).is_none());
    }

    /// jingan-2019's page printed by Chromium, through plain pdftotext: table 三's values in
    /// print order but for 52, the first cell of 1.本机关不掌握相关政府信息, written after
    /// the rest of its row. Read with it moved: the one reading whose every equation holds.
    /// With 52 changed to 53 no reading holds: nothing.
    #[test]
    fn a_label_line_written_after_its_row_is_read_with_its_value_moved() {
        let rows = JINGAN_2019_T3;
        let mut stream: Vec<u64> = rows.iter().flatten().copied().collect();
        let at = 12 * 7;
        let moved = stream.remove(at);
        stream.insert(at + 6, moved);
        let (keys, single_other) = v2019_keys();
        let movable = [at + 6];
        let got = moved_reading(&stream, &movable, &keys, 23, Template::V2019, single_other)
            .expect("one reading");
        let read: Vec<u64> = got.iter().map(|&i| stream[i]).collect();
        assert_eq!(read, rows.iter().flatten().copied().collect::<Vec<_>>());
        stream[at + 6] = 53;
        assert!(
            moved_reading(&stream, &movable, &keys, 23, Template::V2019, single_other).is_none()
        );
    }

    /// markitdown of LibreOffice's PDF of huaian-2024-page.doc: a row's first value on a line
    /// of its own before the row's grid line (` 5`), which `crate::wrapped` took as maybe
    /// continuing the row above and left in doubt in each of its numbers (`30 / 5`,
    /// `1 0 / 5`, `0 31 / 5`). In the stream the row reads as printed and the piece after it,
    /// once; cells in doubt naming different pieces: no stream.
    #[test]
    fn a_piece_left_in_doubt_is_a_value_after_its_row() {
        let row = |cells: &[&str]| crate::flow::text_grid_row(cells);
        let doubted = row(&[
            "2.其他法律行政法规禁止公开",
            "30 / 5",
            "1 0 / 5",
            "0",
            "0",
            "0 31 / 5",
        ]);
        let next = row(&["3.危及“三安全一稳定”", "0 0", "0", "0", "0 5"]);
        let tokens = tokens_with(&[doubted.clone(), next], false, true).expect("tokens");
        let got: Vec<&str> = values(&tokens).iter().map(|(_, v)| *v).collect();
        assert_eq!(
            got,
            ["30", "1", "0", "0", "0", "0", "31", "5", "0", "0", "0", "0", "0", "5"]
        );
        let raw: Vec<&str> = values(&tokens)
            .iter()
            .map(|(c, _)| c.text.as_str())
            .collect();
        assert_eq!(raw[0], "30");
        let mut two = doubted;
        two.cells[1].text = "30 / 4".into();
        assert!(tokens_with(&[two], false, true).is_none());
    }

    /// markitdown's one-row tables of Calc's PDF of jingan-2019.xls: pdfminer merged two
    /// columns' values into one cell (`0 0`, `3 1`); in a grid such a cell is two values of
    /// the stream, never one number (`31`), as the row reader takes it (rows.rs
    /// holds_several_values).
    #[test]
    fn a_grid_cell_of_two_values_is_two_values_of_the_stream() {
        let row = crate::flow::text_grid_row(&["（七）总计", "131", "14", "3 1", "12", "1 162"]);
        let tokens = tokens_with(&[row], false, true).expect("tokens");
        let got: Vec<&str> = values(&tokens).iter().map(|(_, v)| *v).collect();
        assert_eq!(got, ["131", "14", "3", "1", "12", "1", "162"]);
    }

    /// BeautifulSoup's text of a minified page with `<p>&nbsp;</p>` before table 四 and two
    /// after it: the spacers are lines of a no-break space beside the table's own lines. They
    /// are no cells: the fifteen values read as before. A table 四 written all empty (PyMuPDF's
    /// text of `&nbsp;` cells) keeps its fifteen empty cells.
    #[test]
    fn spacer_paragraphs_around_table_four_are_no_cells() {
        let header = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉";
        let values = "1 0 1 0 2 1 0 0 0 1 0 0 0 0 0";
        let rows = |lines: &[&str]| -> Vec<Row> {
            lines
                .iter()
                .flat_map(|l| {
                    if l.trim().is_empty() {
                        vec![crate::flow::line_row(l, &[], 1, false)]
                    } else {
                        l.split(' ')
                            .map(|w| crate::flow::line_row(w, &[], 1, false))
                            .collect()
                    }
                })
                .collect()
        };
        let nbsp = EMPTY_CELL;
        let spaced = rows(&[nbsp, header, values, nbsp, nbsp]);
        let cells = read_t4(&spaced, Template::V2019, &mut Vec::new(), "test").expect("read");
        let got: Vec<&str> = cells.iter().map(|(_, c)| c.value.as_str()).collect();
        assert_eq!(got, values.split(' ').collect::<Vec<_>>());
        // Three spacers after the table and none before: still the fifteen.
        let after = rows(&[header, values, nbsp, nbsp, nbsp]);
        assert!(read_t4(&after, Template::V2019, &mut Vec::new(), "test").is_some());
        let mut lines = vec![header];
        lines.extend([nbsp; 15]);
        let mut tokens = tokens_with(&rows(&lines), true, false).expect("tokens");
        drop_spacers(&mut tokens, 15);
        assert_eq!(values_of_tokens(&tokens), 15);
    }

    fn values_of_tokens(tokens: &[Token]) -> usize {
        values(tokens).len()
    }

    /// docx2python's text of huaian-2024 (LibreOffice's DOCX of the .doc): 行政复议's 总计
    /// spans two columns and is written in both, so the stream is one value long.
    #[test]
    fn a_merged_cell_written_twice_in_table_fours_stream_is_read_once() {
        let stream = |v: &[u64]| v.iter().map(|&n| (n, false)).collect::<Vec<_>>();
        let twice = stream(&[72, 64, 178, 37, 351, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
        assert_eq!(merged_cell_written_twice(&twice, Template::V2021), Some(5));
        // Exactly the template's cells, or no equal neighbours whose drop adds up: nothing.
        let once = stream(&[72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
        assert_eq!(merged_cell_written_twice(&once, Template::V2021), None);
        let stray = stream(&[72, 64, 178, 37, 351, 9, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
        assert_eq!(merged_cell_written_twice(&stray, Template::V2021), None);
    }

    use super::*;

    fn line(text: &str) -> Row {
        Row {
            page: 1,
            context: Vec::new(),
            cells: text
                .split_whitespace()
                .map(|t| RowCell {
                    text: t.to_string(),
                    page: None,
                    bbox: None,
                })
                .collect(),
            from_grid: false,
            printed_blanks: false,
            blanks_unknown: false,
            unmatched: false,
            text_spans: Vec::new(),
        }
    }

    /// A v2021 table 三 whose every 勾稽 equation holds: 25 rows × 7 (six applicants, total).
    fn table() -> Vec<[u64; 7]> {
        let row = |a: [u64; 6]| {
            let mut r = [0; 7];
            r[..6].copy_from_slice(&a);
            r[6] = a.iter().sum();
            r
        };
        // The 21 result rows (（一）…（六）3), then （七）总计, 四、结转.
        let results: Vec<[u64; 7]> = (0..21u64)
            .map(|i| row([(i * 7) % 5 + 1, i % 3, (i * 2) % 4, 0, i % 2, (i * 5) % 3]))
            .collect();
        let mut total = [0u64; 7];
        for r in &results {
            for c in 0..7 {
                total[c] += r[c];
            }
        }
        let carried_in = row([3, 1, 0, 0, 1, 0]);
        let carried_out = row([2, 0, 1, 0, 0, 1]);
        let mut new = [0u64; 7];
        for c in 0..7 {
            new[c] = total[c] + carried_out[c] - carried_in[c];
        }
        let mut out = vec![new, carried_in];
        out.extend(results);
        out.push(total);
        out.push(carried_out);
        out
    }

    /// The table as plain `pdftotext` writes it: header lines, then one value per line, with
    /// the label lines of some rows before their values, a page mark, a stray enumerator.
    fn stream(table: &[[u64; 7]], labels_between: bool) -> Vec<Row> {
        let mut rows = vec![
            line("三、收到和处理政府信息公开申请情况"),
            line("申请人情况"),
            line("自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"),
        ];
        for (r, values) in table.iter().enumerate() {
            if labels_between && r == 12 {
                rows.push(line("1.本机关不掌握相关政府信息"));
                rows.push(line("— 3 —"));
                rows.push(line("2."));
            }
            rows.extend(values.iter().map(|v| line(&v.to_string())));
        }
        rows.push(line("（七）总计"));
        rows.push(line("四、结转下年度继续办理"));
        rows
    }

    fn cell(cells: &[(KeyId, Cell)], id: &str) -> Option<String> {
        let key = schema().key_id(id).unwrap();
        cells
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| c.value.clone())
    }

    #[test]
    fn a_whole_stream_in_print_order_is_read_row_by_row() {
        let t = table();
        for labels_between in [false, true] {
            let mut notes = Vec::new();
            let read =
                read_t3(&stream(&t, labels_between), Template::V2021, &mut notes).expect("read");
            assert!(read.whole && !read.single_other);
            assert_eq!(read.cells.len(), 175);
            let v = |id| cell(&read.cells, id);
            assert_eq!(v("t3.new_received.total"), Some(t[0][6].to_string()));
            assert_eq!(v("t3.carried_in.commercial"), Some("1".into()));
            assert_eq!(
                v("t3.unable_not_held.social_org"),
                Some(t[12][3].to_string())
            );
            assert_eq!(v("t3.carried_out.other_org"), Some("1".into()));
        }
    }

    #[test]
    fn a_stream_one_value_short_writes_nothing() {
        let t = table();
        let mut rows = stream(&t, true);
        let at = rows
            .iter()
            .position(|r| r.cells[0].text == "1.本机关不掌握相关政府信息");
        rows.remove(at.unwrap() + 5); // a value of row 13
        let mut notes = Vec::new();
        assert!(read_t3(&rows, Template::V2021, &mut notes).is_none());
        // One value too many as well.
        let mut rows = stream(&t, true);
        rows.insert(10, line("0"));
        assert!(read_t3(&rows, Template::V2021, &mut notes).is_none());
    }

    #[test]
    fn a_stream_with_one_equation_off_writes_nothing() {
        // Every row adds up (T3-3), but one column does not (T3-1/T3-2): nothing, with or
        // without label lines cutting the stream into segments.
        let mut t = table();
        t[5][1] += 1;
        t[5][6] += 1;
        for labels_between in [false, true] {
            let mut notes = Vec::new();
            let read = read_t3(&stream(&t, labels_between), Template::V2021, &mut notes);
            assert!(read.is_none(), "{notes:?}");
        }
        // A row that does not add up without a break in the stream: nothing.
        let mut t = table();
        t[20][0] += 1;
        let mut notes = Vec::new();
        assert!(read_t3(&stream(&t, false), Template::V2021, &mut notes).is_none());
    }

    #[test]
    fn a_segment_that_does_not_add_up_is_left_out_alone() {
        // Label lines at a row boundary cut the stream: the segment after them holds a row
        // that does not add up (what a converter writing the last rows column by column
        // gives), so only the segment before it is written.
        let mut t = table();
        t[20][0] += 1;
        let mut notes = Vec::new();
        let read = read_t3(&stream(&t, true), Template::V2021, &mut notes).expect("read");
        assert!(!read.whole);
        assert_eq!(read.cells.len(), 12 * 7, "{notes:?}");
        assert_eq!(
            cell(&read.cells, "t3.granted.total"),
            Some(t[2][6].to_string())
        );
        assert_eq!(cell(&read.cells, "t3.unable_not_held.total"), None);
        // A break inside a row: the counts say nothing about where the rows are.
        let mut rows = stream(&t, false);
        rows.insert(11, line("（一）予以公开")); // after 8 values
        assert!(read_t3(&rows, Template::V2021, &mut notes).is_none());
    }

    #[test]
    fn column_boxes_cut_into_segments_give_nothing() {
        // The same table column by column (what poppler and pdfminer write), with label lines
        // cutting a run of zeros of the 社会公益组织 column at row boundaries: the segment of
        // seven zeros "adds up" read by rows, but the stream as a whole is no row-major stream.
        let t = table();
        let mut rows = vec![line("三、收到和处理政府信息公开申请情况")];
        let mut n = 0;
        for c in 0..7 {
            for row in &t {
                if n == 77 || n == 84 {
                    rows.push(line("（三）不予公开"));
                }
                rows.push(line(&row[c].to_string()));
                n += 1;
            }
        }
        assert!(t[11][3] == 0 && t[11][6] > 0);
        let mut notes = Vec::new();
        assert!(
            read_t3(&rows, Template::V2021, &mut notes).is_none(),
            "{notes:?}"
        );
    }

    #[test]
    fn a_value_glued_to_its_label_is_cut_off() {
        assert_eq!(
            glued_value("其他对外管理服务事项23"),
            Some(("其他对外管理服务事项", "23", "23".to_string()))
        );
        assert!(glued_value("第2").is_none());
        assert!(glued_value("1.属于国家秘密").is_none());
        assert!(glued_value("3.危及“三安全一稳定”").is_none());
    }

    fn t4(values: &[u64]) -> Option<Vec<(KeyId, Cell)>> {
        let mut rows = vec![line("行政复议 行政诉讼"), line("结果维持 结果纠正")];
        rows.extend(values.iter().map(|v| line(&v.to_string())));
        read_t4(&rows, Template::V2021, &mut Vec::new(), "test")
    }

    #[test]
    fn table_four_in_print_order_when_every_group_adds_up() {
        let cells = t4(&[72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]).expect("read");
        assert_eq!(cell(&cells, "t4.review.other"), Some("178".into()));
        assert_eq!(cell(&cells, "t4.lit_direct.total"), Some("26".into()));
        assert_eq!(
            cell(&cells, "t4.lit_after_review.pending"),
            Some("6".into())
        );
        // plain pdftotext of the same page: another order, T4-1 fails → nothing.
        assert!(t4(&[72, 64, 178, 37, 12, 1, 1, 6, 351, 13, 4, 8, 1, 26, 20]).is_none());
        // One value short → nothing.
        assert!(t4(&[72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6]).is_none());
    }

    /// PyMuPDF's text of dash-cells.pdf (truth corpus/truth/derived/dash-cells-mupdf.json):
    /// 复议后起诉 printed `/` in all five cells. A dash is 0 to decide and stays a dash.
    #[test]
    fn table_four_with_dashes_is_read_when_the_groups_add_up() {
        let stream = |s: &str| -> Option<Vec<(KeyId, Cell)>> {
            let mut rows = vec![line("行政复议 行政诉讼"), line("结果维持 结果纠正")];
            rows.extend(s.split(' ').map(line));
            read_t4(&rows, Template::V2021, &mut Vec::new(), "test")
        };
        let cells = stream("1 0 0 0 1 0 0 0 0 0 / / / / /").expect("read");
        assert_eq!(cell(&cells, "t4.review.upheld"), Some("1".into()));
        assert_eq!(cell(&cells, "t4.review.total"), Some("1".into()));
        let dash = cells
            .iter()
            .find(|(k, _)| k.as_str() == "t4.lit_after_review.total")
            .map(|(_, c)| c.flag);
        assert_eq!(dash, Some(Flag::Dash));
        // A dash where the sum needs a value: nothing.
        assert!(stream("1 0 0 0 / 0 0 0 0 0 / / / / /").is_none());
        // Dashes only: nothing pins anything.
        assert!(stream("/ / / / / / / / / / / / / / /").is_none());
    }

    /// Plain `pdftotext` of title-year-first.pdf: table 二's labels all first, then its values
    /// column by column (regulation 3/2/13, normative 4/4/62 come as 3 2 4 4 … 13 62). Read
    /// row by row the weak T2 rules hold, so labels first is no evidence: nothing is read.
    #[test]
    fn table_two_with_every_label_first_is_not_read() {
        let text = "规章|规范性文件|行政许可|行政处罚|行政强制|行政事业性收费|3|2|4|4|5939|627|72|13|62|80.03";
        let rows: Vec<Row> = text.split('|').map(line).collect();
        let mut notes = Vec::new();
        assert!(read_t2(&rows, Template::V2021, &mut notes).is_none());
        // The same values with each row's label right before them: read.
        let text = "规章|3|2|13|规范性文件|4|4|62|行政许可|5939|行政处罚|627|行政强制|72|行政事业性收费|80.03";
        let rows: Vec<Row> = text.split('|').map(line).collect();
        let cells = read_t2(&rows, Template::V2021, &mut notes).expect("read");
        assert_eq!(cell(&cells, "t2.normative.in_force"), Some("62".into()));
    }
}
