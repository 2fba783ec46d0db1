//! Digits of a number wrapped onto the next line of text. A narrow cell breaks a long number
//! (LibreOffice's PDF of a table with narrow columns: `30` over `01` for 3001), and a
//! converter writes the second piece on the next line, under the first:
//!
//! ```text
//! 一、本年新收政   30   53   0   0   61   4   31
//! 府信息公开申请   01                          19
//! ```
//!
//! Read as printed, the first line is a row of wrong numbers (30 for 3001). Whether the pieces
//! are one number is decided by the row's own sums: a row of table 三 is its 总计 the sum of
//! the others (T3-3), a row of table 四 is five-column groups each totalled (T4-1). When the
//! row adds up only with the pieces joined, they are joined; when it adds up neither way, the
//! cells with a piece under them are left in doubt (`uncertain`, both pieces kept); when it
//! adds up as printed, nothing changes (the next line is another row's values). Only text
//! grids are concerned: a grid a document drew keeps each cell's text whole. A text file's
//! Markdown table (a converter's, one table row per line of the PDF) is such a text grid.
//!
//! A converter may write the row's wrapped label between the row and its pieces
//! (`30 53 0 0 61 4 31` / `一、本年新收政` / `01 19`): past up to three lines of label text, a
//! line of digits alone is decided the same way, where some placement of its digits makes the
//! row add up (none does: it is left alone). Where the converter merged columns into one field
//! (`| 72 64 | 17 37 | …` over `|  | 8 | 1 | …`), each piece is tried under each number of its
//! field, and a join splits the row's fields into one number each.

use crate::flow::{enumerator_and_value, is_label_text, merged_numbers, Row};
use crate::fuzzy::strip_enumerator;
use xxgk_model::text::{classify_value, normalize_label};
use xxgk_model::Flag;

/// Join or doubt wrapped digits in the rows of one table whose rows are sums in groups of
/// `group` values (7 for table 三, 5 for table 四). `text_file`: the rows are a text file's (a
/// Markdown table a converter made from a PDF prints a wrapped cell as two table rows).
pub(crate) fn join(rows: &mut Vec<Row>, group: usize, text_file: bool) {
    let mut i = 1;
    while i < rows.len() {
        let (head, tail) = rows.split_at_mut(i);
        let (prev, cur) = (&mut head[i - 1], &mut tail[0]);
        // A line of digits alone (no piece of a label beside them): no row of its own, which
        // would print its label or every column. Looked at only where there are pieces.
        let bare = |cur: &Row| !cur.cells.iter().any(|c| is_label_text(&c.text));
        let loose = loose_pieces(prev, cur).map(|(slots, pieces)| placements(&slots, &pieces));
        let taken = match (pieces_under(prev, cur, text_file), loose) {
            // A grid whose columns came apart (`6 … 9` set under 74 and 12 of
            // `74 12 0 0 10 1 76`): where the pieces sit adds up neither way, so every
            // order-keeping placement is tried as well.
            (Some(pieces), Some(mut all)) if !adds_up_either_way(prev, &pieces, group) => {
                all.insert(0, pieces);
                settle(prev, &all, group, bare(cur))
            }
            (Some(pieces), _) => settle(prev, &[pieces], group, bare(cur)),
            (None, Some(all)) => settle(prev, &all, group, bare(cur)),
            (None, None) => match merged_fields(prev, cur, text_file) {
                Some((mut fields, all)) => {
                    let taken = settle(&mut fields, &all, group, bare(cur));
                    if taken {
                        *prev = fields;
                    }
                    taken
                }
                None => false,
            },
        };
        if taken {
            // The line's values were pieces of the row above; what is left is a piece of its
            // wrapped label, if anything.
            cur.cells.retain(|c| is_label_text(&c.text));
            if cur.cells.is_empty() {
                rows.remove(i);
                continue;
            }
        } else if let Some(k) = pieces_past_labels(rows, i, group, text_file) {
            rows.remove(k);
        }
        i += 1;
    }
}

/// What separates a number as printed from the digits that may continue it in a cell left in
/// doubt (`30 / 5`: 30, or 305).
const DOUBT: &str = " / ";

/// The text of a cell left in doubt: the number as printed and the pieces that may continue it.
pub(crate) fn in_doubt_text(printed: &str, pieces: &str) -> String {
    format!("{printed}{DOUBT}{pieces}")
}

/// A cell's text left in doubt here: the number as printed and the pieces that may continue it
/// (see [`in_doubt_text`]); `None` for any other text.
pub(crate) fn in_doubt(text: &str) -> Option<(&str, &str)> {
    text.trim()
        .split_once(DOUBT)
        .map(|(printed, pieces)| (printed.trim(), pieces.trim()))
}

/// Most lines of label text looked past for the digits wrapped from a row (a converter writes
/// the pieces of a wrapped label between: `30 53 0 0 61 4 31` / `一、本年新收政` / `01 19`).
const MAX_LABEL_LINES_BETWEEN: usize = 3;

/// Where a later line of digits alone, after lines of label text alone, holds pieces of the
/// numbers of the row before `i`: join them or leave them in doubt (as [`settle`] decides for
/// the line right below a row), and return that line's index (now used). The digits are taken
/// for pieces only where some placement makes the row add up; otherwise every row is left as
/// it was.
fn pieces_past_labels(rows: &mut [Row], i: usize, group: usize, text_file: bool) -> Option<usize> {
    let label_only = |r: &Row| {
        r.cells
            .iter()
            .all(|c| c.text.trim().is_empty() || is_label_text(&c.text))
    };
    let bare = |r: &Row| {
        r.cells.iter().any(|c| !c.text.trim().is_empty())
            && r.cells
                .iter()
                .all(|c| c.text.trim().is_empty() || is_digit_run(c.text.trim()))
    };
    let mut k = i;
    while k < rows.len() && k - i < MAX_LABEL_LINES_BETWEEN && label_only(&rows[k]) {
        k += 1;
    }
    if k == i || k >= rows.len() || !bare(&rows[k]) {
        return None;
    }
    let (head, tail) = rows.split_at_mut(k);
    let (prev, cur) = (&mut head[i - 1], &tail[0]);
    let printed: Vec<String> = prev.cells.iter().map(|c| c.text.clone()).collect();
    groups_add_up(&printed, group)?;
    let candidates = match (pieces_under(prev, cur, text_file), loose_pieces(prev, cur)) {
        (Some(pieces), Some((slots, loose))) => {
            let mut all = placements(&slots, &loose);
            all.insert(0, pieces);
            all
        }
        (Some(pieces), None) => vec![pieces],
        (None, Some((slots, loose))) => placements(&slots, &loose),
        (None, None) => return None,
    };
    // A number printed `0` is whole: no digits wrap from it (`00` would be a join that
    // changes nothing and so always adds up).
    let mut candidates = candidates;
    candidates.retain(|c| c.iter().all(|(j, _)| printed[*j].trim() != "0"));
    let fits = candidates
        .iter()
        .any(|c| groups_add_up(&joined(&printed, c), group) == Some(true));
    // No placement adds up: the digits are no piece of this row's numbers.
    if !fits {
        return None;
    }
    // Digits alone, fewer than the row's numbers, that make it add up: pieces of its numbers,
    // joined where only then it adds up, else in doubt for the table's rules to decide.
    settle(prev, &candidates, group, true);
    Some(k)
}

/// The row's cell texts with each piece appended to the digits of its cell.
fn joined(printed: &[String], pieces: &[(usize, String)]) -> Vec<String> {
    let mut texts = printed.to_vec();
    for (j, p) in pieces {
        texts[*j] = format!("{}{p}", texts[*j].trim());
    }
    texts
}

/// The cells (index, digits) of `cur` that sit under a number of `prev` in the same text grid,
/// when every value `cur` holds is such a piece, under some but not all of `prev`'s numbers,
/// and its text (if any) is label text without an enumerator, left of the pieces: the
/// continuation of a wrapped label, not a row of its own. A grid that prints its blanks is
/// looked at only in a text file and only for a row of digits alone (a Markdown table of a
/// converter, which writes the second line of a cell as a row of its own: `| | 7 | | 4 |`).
fn pieces_under(prev: &Row, cur: &Row, text_file: bool) -> Option<Vec<(usize, String)>> {
    let digits_alone = cur
        .cells
        .iter()
        .all(|c| c.text.trim().is_empty() || is_digit_run(c.text.trim()));
    let printed = prev.printed_blanks || cur.printed_blanks;
    if !(prev.from_grid && cur.from_grid) || (printed && !(text_file && digits_alone)) {
        return None;
    }
    if prev.cells.len() != cur.cells.len() {
        return None;
    }
    let mut pieces = Vec::new();
    for (j, c) in cur.cells.iter().enumerate() {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        if is_label_text(t) {
            let norm = normalize_label(t);
            if !pieces.is_empty() || strip_enumerator(&norm) != norm {
                return None;
            }
            continue;
        }
        let above = prev.cells[j].text.trim();
        let above = enumerator_and_value(above).map_or(above, |(_, digits)| digits);
        if !is_digit_run(t) || !is_digit_run(above) {
            return None;
        }
        pieces.push((j, t.to_string()));
    }
    let numbers = prev
        .cells
        .iter()
        .filter(|c| matches!(classify_value(&c.text), Some((Flag::Number, _))))
        .count();
    // A piece under every number is a row of its own a line off (`1 2 3` over `4 5 9`: joined
    // or not, sums of pieces of equal length add up alike), never digits wrapped in each cell.
    (!pieces.is_empty() && pieces.len() < numbers).then_some(pieces)
}

/// The numbers of `prev` (cell indices) and the digit runs of `cur` in order, when `cur` holds
/// nothing but digit runs and label text without an enumerator (a piece of a wrapped label,
/// maybe with a digit run glued before it: `19府信息公开申请`, PyMuPDF sorting by x), fewer runs
/// than `prev` has numbers: where each piece belongs is not known (a line of text without
/// columns, or a grid whose columns came apart).
fn loose_pieces(prev: &Row, cur: &Row) -> Option<(Vec<usize>, Vec<String>)> {
    if prev.printed_blanks || cur.printed_blanks {
        return None;
    }
    let mut pieces: Vec<String> = Vec::new();
    for c in &cur.cells {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        let run: String = t.chars().take_while(char::is_ascii_digit).collect();
        if run.len() > MAX_PIECE_DIGITS {
            return None;
        }
        let rest = &t[run.len()..];
        if !rest.is_empty() {
            let (whole, norm) = (normalize_label(t), normalize_label(rest));
            // `2.重复申请` starts a row; `62、` cannot (the templates number sub-rows 1 to 8):
            // a piece run into the 、 of a vertical label (三、本年度…).
            let enumerated = strip_enumerator(&whole) != whole && run.len() < 2;
            if !is_label_text(rest) || enumerated || strip_enumerator(&norm) != norm {
                return None;
            }
        }
        if !run.is_empty() {
            pieces.push(run);
        }
    }
    if pieces.is_empty() {
        return None;
    }
    let slots: Vec<usize> = (0..prev.cells.len())
        .filter(|&j| is_digit_run(prev.cells[j].text.trim()))
        .collect();
    (pieces.len() < slots.len() && pieces.len() <= MAX_LOOSE).then_some((slots, pieces))
}

/// A text file's grid row whose fields hold several numbers (`| 72 64 | 17 37 | …`: the
/// converter merged columns), with a line of pieces under it (`|  | 8 | 1 | …`): the row with
/// each number a field of its own, and every way of setting each piece under one of the
/// numbers of the field it sits under (order kept). `None` where no field holds several
/// numbers, or a piece sits under no number.
fn merged_fields(prev: &Row, cur: &Row, text_file: bool) -> Option<(Row, Vec<Placement>)> {
    if !(text_file && prev.from_grid && cur.from_grid) || prev.cells.len() != cur.cells.len() {
        return None;
    }
    let mut fields = prev.clone();
    fields.cells.clear();
    // For each field of `prev`, the indices of its numbers in `fields`.
    let mut numbers: Vec<Vec<usize>> = Vec::new();
    let mut merged = false;
    for cell in &prev.cells {
        if let Some(parts) = merged_numbers(&cell.text) {
            merged = true;
            numbers.push((fields.cells.len()..fields.cells.len() + parts.len()).collect());
            for p in parts {
                fields.cells.push(crate::flow::RowCell {
                    text: p.to_string(),
                    ..cell.clone()
                });
            }
        } else {
            let number = is_digit_run(cell.text.trim());
            numbers.push(if number {
                vec![fields.cells.len()]
            } else {
                Vec::new()
            });
            fields.cells.push(cell.clone());
        }
    }
    if !merged {
        return None;
    }
    let mut all: Vec<Placement> = vec![Vec::new()];
    for (j, c) in cur.cells.iter().enumerate() {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        if !is_digit_run(t) || numbers[j].is_empty() {
            return None;
        }
        let mut next = Vec::new();
        for done in &all {
            for &slot in &numbers[j] {
                if done.last().is_none_or(|(k, _)| *k < slot) {
                    let mut d = done.clone();
                    d.push((slot, t.to_string()));
                    next.push(d);
                }
            }
        }
        all = next;
        if all.len() > MAX_MERGED_PLACEMENTS {
            return None;
        }
    }
    (!all.is_empty() && !all[0].is_empty()).then_some((fields, all))
}

/// Pieces set under a row's numbers: (index of the field, digits), fields in order.
type Placement = Vec<(usize, String)>;

/// Most placements of pieces under merged fields tried.
const MAX_MERGED_PLACEMENTS: usize = 64;

/// Text that is nothing but ASCII digits (a piece of a number, `01` included).
fn is_digit_run(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_PIECE_DIGITS && s.chars().all(|c| c.is_ascii_digit())
}

/// Most digits of a piece of a wrapped number: no count of the tables runs longer, and a run
/// that does (damage: two megabytes of digits on one line) is no piece of one.
const MAX_PIECE_DIGITS: usize = 12;

/// Most loose pieces tried in every placement.
const MAX_LOOSE: usize = 4;

/// Every way of putting the pieces, in order, under distinct numbers of the row.
fn placements(slots: &[usize], pieces: &[String]) -> Vec<Vec<(usize, String)>> {
    let Some((first, rest)) = pieces.split_first() else {
        return vec![Vec::new()];
    };
    let mut out = Vec::new();
    for (i, &slot) in slots.iter().enumerate() {
        for mut tail in placements(&slots[i + 1..], rest) {
            tail.insert(0, (slot, first.clone()));
            out.push(tail);
        }
    }
    out
}

/// Decide among the ways the pieces may join the row (`candidates`, each a piece per cell):
/// the row's groups adding up as printed and with no join, nothing is taken (the pieces are
/// another row's values); adding up with exactly one join and not as printed, that join is
/// made; otherwise (both, several, none) the cells are left in doubt. Rows that are not whole
/// groups of numbers give nothing to decide by: nothing is taken.
fn settle(prev: &mut Row, candidates: &[Vec<(usize, String)>], group: usize, bare: bool) -> bool {
    let printed: Vec<String> = prev.cells.iter().map(|c| c.text.clone()).collect();
    let Some(as_printed) = groups_add_up(&printed, group) else {
        return false;
    };
    let fitting: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| joined(&printed, c))
        .filter(|t| groups_add_up(t, group) == Some(true))
        .collect();
    match (as_printed, fitting.as_slice()) {
        // Adding up as printed and not with the pieces joined where they were set: the line
        // is another row's values — unless it is digits alone (`10 0 0 0 0 0 10` over `3 … 3`
        // for 103, the pieces set one slot off by PyMuPDF's spacing), which no row prints.
        (true, []) if !bare => return false,
        (true, []) => {
            // Which cells the digits continue is not known where they were set: every number
            // of the row that a digit could continue (not 0) is in doubt, the digits kept.
            // Each piece once (the candidates place the same pieces in several ways).
            let mut digits: Vec<&str> = candidates
                .iter()
                .flatten()
                .map(|(_, p)| p.as_str())
                .collect();
            digits.sort_unstable();
            digits.dedup();
            for cell in prev.cells.iter_mut() {
                let continued =
                    matches!(classify_value(&cell.text), Some((Flag::Number, v)) if v != "0");
                if continued {
                    cell.text = in_doubt_text(cell.text.trim(), &digits.join(" "));
                }
            }
        }
        (false, [whole]) => {
            for (cell, text) in prev.cells.iter_mut().zip(whole) {
                cell.text = text.clone();
            }
        }
        _ => {
            // Not a number: read as `uncertain`, with what was printed and the pieces that
            // may continue it kept.
            for (j, cell) in prev.cells.iter_mut().enumerate() {
                let mut pieces: Vec<&str> = candidates
                    .iter()
                    .flatten()
                    .filter(|(k, _)| *k == j)
                    .map(|(_, p)| p.as_str())
                    .collect();
                pieces.sort_unstable();
                pieces.dedup();
                if !pieces.is_empty() {
                    cell.text = in_doubt_text(cell.text.trim(), &pieces.join(" "));
                }
            }
        }
    }
    true
}

/// Whether the row adds up as printed or with the pieces joined where they sit.
fn adds_up_either_way(prev: &Row, pieces: &[(usize, String)], group: usize) -> bool {
    let mut texts: Vec<String> = prev.cells.iter().map(|c| c.text.clone()).collect();
    if groups_add_up(&texts, group) == Some(true) {
        return true;
    }
    for (j, p) in pieces {
        if let Some(t) = texts.get_mut(*j) {
            *t = format!("{}{p}", t.trim());
        }
    }
    groups_add_up(&texts, group) == Some(true)
}

/// Whether the row's values (its cells holding a whole number, in order; every other value
/// cell empty) form groups of `group` each ending in the sum of the others. `None` when the
/// values do not come in whole groups or a cell is neither a whole number nor label text.
fn groups_add_up(texts: &[String], group: usize) -> Option<bool> {
    let mut values = Vec::new();
    for t in texts {
        if let (Some((_, digits)), true) = (enumerator_and_value(t), values.is_empty()) {
            values.push(digits.parse::<i128>().ok()?);
            continue;
        }
        // Two columns' numbers in one field of a grid that merged them (`7 0`).
        if let Some(parts) = merged_numbers(t) {
            for p in parts {
                values.push(p.parse::<i128>().ok()?);
            }
            continue;
        }
        match classify_value(t) {
            Some((Flag::Blank, _)) => {}
            Some((Flag::Number, v)) => values.push(v.parse::<i128>().ok()?),
            _ if is_label_text(t) && values.is_empty() => {}
            _ => return None,
        }
    }
    if group < 2 || values.is_empty() || values.len() % group != 0 {
        return None;
    }
    Some(values.chunks(group).all(crate::rows::last_is_sum_of_rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::text_grid_row;

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn digits_wrapped_in_a_narrow_cell_are_joined_when_only_then_the_row_adds_up() {
        // LibreOffice's PDF of huaian-2024.odt through pdfplumber/pypdf/pdftotext -layout:
        // 3001 and 3119 broken over two lines (truth: 3001 53 0 0 61 4 3119).
        let mut rows = vec![
            text_grid_row(&["一、本年新收政", "30", "53", "0", "0", "61", "4", "31"]),
            text_grid_row(&["府信息公开申请", "01", "", "", "", "", "", "19"]),
            text_grid_row(&["数量", "", "", "", "", "", "", ""]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(
            texts(&rows[0]),
            ["一、本年新收政", "3001", "53", "0", "0", "61", "4", "3119"]
        );
        assert_eq!(texts(&rows[1]), ["府信息公开申请"]);
        // Table 四: 17|8 and 35|1 are 178 and 351 (T4-1: 72 + 64 + 178 + 37 = 351).
        let mut rows = vec![
            text_grid_row(&["", "72", "64", "17", "37", "35"]),
            text_grid_row(&["", "", "", "8", "", "1"]),
        ];
        join(&mut rows, 5, false);
        assert_eq!(rows.len(), 1);
        assert_eq!(texts(&rows[0]), ["", "72", "64", "178", "37", "351"]);
    }

    fn line(texts: &[&str]) -> Row {
        Row {
            from_grid: false,
            ..text_grid_row(texts)
        }
    }

    #[test]
    fn loose_digits_under_a_line_of_text_join_where_exactly_one_placement_adds_up() {
        // pdfplumber's extract_text() of the same PDF: no columns, `01 19` on its own line.
        let mut rows = vec![
            line(&["一、本年新收政", "30", "53", "0", "0", "61", "4", "31"]),
            line(&["01", "19"]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            texts(&rows[0]),
            ["一、本年新收政", "3001", "53", "0", "0", "61", "4", "3119"]
        );
        // `3 3` under 10 0 0 0 0 0 10: as printed and joined in two places it adds up.
        let mut rows = vec![
            line(&["四、结转下年度", "10", "0", "0", "0", "0", "0", "10"]),
            line(&["3", "3"]),
        ];
        join(&mut rows, 7, false);
        assert!(classify_value(&rows[0].cells[1].text).is_none());
        assert!(classify_value(&rows[0].cells[7].text).is_none());
    }

    #[test]
    fn pieces_after_the_label_lines_join_only_where_the_row_adds_up_with_them() {
        // markitdown's Markdown of Writer's PDF: the row's label wraps below its values, and
        // the pieces come after its first line (truth: 3001 53 0 0 61 4 3119).
        let mut rows = vec![
            line(&["30", "53", "0", "0", "61", "4", "31"]),
            line(&["一、本年新收政"]),
            line(&["01", "19"]),
            line(&["府信息公开申请"]),
        ];
        join(&mut rows, 7, true);
        assert_eq!(texts(&rows[0]), ["3001", "53", "0", "0", "61", "4", "3119"]);
        assert_eq!(rows.len(), 3);
        // No placement of the digits makes the row add up: every line is left alone.
        let mut rows = vec![
            line(&["34", "0", "0", "0", "0", "0", "34"]),
            line(&["二、上年结转政"]),
            line(&["7", "9"]),
        ];
        join(&mut rows, 7, true);
        assert_eq!(rows.len(), 3);
        assert_eq!(texts(&rows[2]), ["7", "9"]);
        // Adding up as printed and joined (10 or 103): in doubt, for the table's rules.
        let mut rows = vec![
            line(&["10", "0", "0", "0", "0", "0", "10"]),
            line(&["四、结转下年度"]),
            line(&["3", "3"]),
        ];
        join(&mut rows, 7, true);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[0].text, "10 / 3");
        assert_eq!(rows[0].cells[6].text, "10 / 3");
        // A `0` after the label (a row printed a value a line, Chromium's PDF through
        // pdftotext -layout) would only join a printed 0: no piece.
        let mut rows = vec![
            line(&["25", "0", "0", "0", "0", "0", "25"]),
            line(&["4.无正当理由大量反复申请"]),
            line(&["0"]),
        ];
        join(&mut rows, 7, true);
        assert_eq!(rows.len(), 3);
        // Table rows of a Markdown table that prints its blanks: two columns' numbers in one
        // field (`7 0`), and the enumerator in a value's field (`8. 10`); joined in a text
        // file only.
        let grid = |texts: &[&str]| Row {
            printed_blanks: true,
            ..text_grid_row(texts)
        };
        let rows = || {
            vec![
                grid(&["本 （二）部", "44", "7 0", "0", "0 0", "45"]),
                grid(&["", "7", "", "", "", "4"]),
            ]
        };
        let mut file = rows();
        join(&mut file, 7, true);
        assert_eq!(
            texts(&file[0]),
            ["本 （二）部", "447", "7 0", "0", "0 0", "454"]
        );
        assert_eq!(file.len(), 1);
        let mut document = rows();
        join(&mut document, 7, false);
        assert_eq!(document, rows());
        let mut file = vec![
            grid(&["（", "1. 74", "12 0", "0", "10 1", "76"]),
            grid(&["", "6", "", "", "", "9"]),
        ];
        join(&mut file, 7, true);
        assert_eq!(
            texts(&file[0]),
            ["（", "1. 746", "12 0", "0", "10 1", "769"]
        );
    }

    #[test]
    fn pieces_under_fields_of_merged_columns_join_the_number_that_makes_the_row_add_up() {
        // markitdown's Markdown of Writer's PDF, table 四: two columns a field, 178 and 351
        // wrapped (truth: 72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20).
        let grid = |texts: &[&str]| Row {
            printed_blanks: true,
            ..text_grid_row(texts)
        };
        let rows = || {
            vec![
                grid(&[
                    "72 64", "17 37", "35 13", "4 8", "1 26", "12 1", "1 6", "20",
                ]),
                grid(&["", "8", "1", "", "", "", "", ""]),
            ]
        };
        let mut file = rows();
        join(&mut file, 5, true);
        assert_eq!(file.len(), 1);
        assert_eq!(
            texts(&file[0]),
            [
                "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6",
                "20"
            ]
        );
        // A document's own grid keeps each field as it printed it.
        let mut document = rows();
        join(&mut document, 5, false);
        assert_eq!(document, rows());
    }

    #[test]
    fn a_row_that_adds_up_as_printed_keeps_its_numbers_and_one_that_never_does_is_in_doubt() {
        // The next line is another row's values (a line off): the row above adds up alone.
        let mut rows = vec![
            text_grid_row(&["甲", "1", "2", "3"]),
            text_grid_row(&["", "4", "5", "9"]),
        ];
        join(&mut rows, 3, false);
        assert_eq!(texts(&rows[0]), ["甲", "1", "2", "3"]);
        assert_eq!(texts(&rows[1]), ["", "4", "5", "9"]);
        // Neither 30 53 … 31 nor 3001 53 … 3120 adds up: 30 and 31 are no numbers to trust.
        let mut rows = vec![
            text_grid_row(&["一、本年新收政", "30", "53", "0", "0", "61", "4", "31"]),
            text_grid_row(&["府信息公开申请", "01", "", "", "", "", "", "20"]),
        ];
        join(&mut rows, 7, false);
        let doubt = classify_value(&rows[0].cells[1].text);
        assert_eq!(rows[0].cells[1].text, "30 / 01");
        assert!(doubt.is_none(), "{doubt:?}");
        // 10 … 10 adds up, and so does 103 … 103 (truth) with `3 3` under it: in doubt.
        let mut rows = vec![
            text_grid_row(&["四、结转下年度", "10", "0", "0", "0", "0", "0", "10"]),
            text_grid_row(&["继续办理", "3", "", "", "", "", "", "3"]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(texts(&rows[0])[1], "10 / 3");
        assert_eq!(texts(&rows[0])[7], "10 / 3");
        assert_eq!(texts(&rows[1]), ["继续办理"]);
        // PyMuPDF (sort=True) of LibreOffice's PDF of huaian-2024.doc (held out): the digits
        // alone, set one slot off (under 商业企业's 0). As printed the row adds up, joined
        // where they sit it does not; digits alone are no row: every number but 0 in doubt.
        let mut rows = vec![
            text_grid_row(&["四、结转下年度", "10", "0", "0", "0", "0", "0", "10"]),
            text_grid_row(&["", "", "3", "", "", "", "", "3"]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(texts(&rows[0])[1], "10 / 3");
        assert_eq!(texts(&rows[0])[2], "0");
        assert_eq!(texts(&rows[0])[7], "10 / 3");
        // PyMuPDF (sort=True) of the same PDF: the pieces are run into the vertical group
        // label's `、` and into the wrapped label (12|88 and 13|62 are 1288 and 1362).
        let mut rows = vec![
            text_grid_row(&["三 （一）予", "12", "21", "0", "0", "50", "3", "13", "", ""]),
            text_grid_row(&["", "", "88", "", "", "", "", "", "", "62、 以公开"]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(
            texts(&rows[0]),
            [
                "三 （一）予",
                "1288",
                "21",
                "0",
                "0",
                "50",
                "3",
                "1362",
                "",
                ""
            ]
        );
        // `pdftotext -layout -fixed 3` of the same PDF: the grid set 9 under 12, not under
        // 76 (the columns came apart); adding up neither way where they sit, the pieces are
        // placed in order wherever exactly one placement adds up (746 … 769).
        let mut rows = vec![
            text_grid_row(&["（", "1.", "74", "12", "0", "0", "10", "1", "76"]),
            text_grid_row(&["四", "本", "6", "9", "", "", "", "", ""]),
        ];
        join(&mut rows, 7, false);
        assert_eq!(
            texts(&rows[0]),
            ["（", "1.", "746", "12", "0", "0", "10", "1", "769"]
        );
        // A line whose label starts a row of its own is never a continuation.
        let mut rows = vec![
            text_grid_row(&["甲", "1", "2", "4"]),
            text_grid_row(&["2.重复申请", "", "", "1"]),
        ];
        join(&mut rows, 3, false);
        assert_eq!(texts(&rows[0]), ["甲", "1", "2", "4"]);
    }
}
