//! How a table prints "nothing", as a check on what OCR read: a zero, a blank and a dash add
//! the same to every sum, so no 勾稽 rule tells them apart, and OCR confuses them — a small `0`
//! lost in a cell's crop reads as blank, a dash next to a zero reads as `0`, a zero read twice
//! as `00`. A report prints nothing the same way down a column and along a row (zeros in one
//! column, dashes in a column that never applies, blanks where the office leaves zeros out),
//! so an OCR'd nothing in a column or row that prints nothing another way is in doubt.
//!
//! Three steps, for cells OCR read only ([`crate::verify::read_by_ocr`]):
//! - [`tidy_zero_runs`]: a number read as a run of zeros (`00`, `0000000`) is the one zero
//!   printed; any other reading with a leading zero (`05`) is no printed count: `uncertain`.
//! - [`settle_dash_columns`]: cells OCR read as dash marks it is unsure of, in a column that
//!   prints dashes, are dashes — for the sum checks to confirm or put back in doubt.
//! - [`flag_odd_nothings`]: a zero, blank or dash whose way of printing nothing is rare in its
//!   column or its row (at most [`MAX_ODD`] cells) while another way is common there (at least
//!   [`ODD_RATIO`] times as many) becomes `uncertain`, its raw text kept.

use crate::verify::{add_note, read_by_ocr};
use std::collections::{BTreeMap, BTreeSet};
use xxgk_model::{Cell, Flag, KeyId, Report, Table};

/// Most cells of one way of printing nothing that may be odd in a column.
const MAX_ODD: usize = 2;
/// How many times more common the column's usual way must be for the rare one to be odd.
const ODD_RATIO: usize = 3;

/// The ways a cell prints nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Nothing {
    Zero,
    Blank,
    Dash,
}

/// Marks OCR makes of a printed dash (`—`, `-`, `~`, `一`, `－`).
fn is_dash_mark(c: char) -> bool {
    matches!(c, '-' | '~' | '—' | '–' | '一' | '－' | '─' | '_')
}

/// The readings of an OCR'd cell's raw text: `? 00 / 0--0` → `00`, `0--0`.
fn raw_readings(raw: &str) -> impl Iterator<Item = &str> {
    raw.trim_start_matches('?')
        .split(" / ")
        .map(str::trim)
        .filter(|r| !r.is_empty())
}

/// How a cell prints nothing, if it does: a number 0, a blank, a dash; an `uncertain` cell by
/// what OCR saw (every reading dash marks, or every reading zeros).
fn nothing_of(cell: &Cell) -> Option<Nothing> {
    match cell.flag {
        Flag::Number => (!cell.value.is_empty() && cell.value.bytes().all(|b| b == b'0'))
            .then_some(Nothing::Zero),
        Flag::Blank => Some(Nothing::Blank),
        Flag::Dash => Some(Nothing::Dash),
        Flag::Uncertain => {
            let readings: Vec<&str> = raw_readings(&cell.raw).collect();
            if readings.is_empty() {
                None
            } else if readings.iter().all(|r| r.chars().all(is_dash_mark)) {
                Some(Nothing::Dash)
            } else if readings.iter().all(|r| r.chars().all(|c| c == '0')) {
                Some(Nothing::Zero)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A number OCR read as a run of zeros is the zero printed (`00` → `0`); one with any other
/// leading zero (`05`, `007`) is no count a report prints: `uncertain`, raw kept. Returns how
/// many cells were changed.
pub fn tidy_zero_runs(report: &mut Report, ocr_pages: &[u32]) -> usize {
    let mut changed = 0;
    for cell in report.cells.values_mut() {
        let v = &cell.value;
        if cell.flag != Flag::Number || !read_by_ocr(cell, ocr_pages) || !leading_zero(v) {
            continue;
        }
        if v.bytes().all(|b| b == b'0') {
            cell.value = "0".to_string();
        } else {
            cell.flag = Flag::Uncertain;
        }
        changed += 1;
    }
    changed
}

/// A number printed with a leading zero (`00`, `05`, `-07`): no count or amount a report
/// prints (`0.5` is printed so, and is no such number).
fn leading_zero(value: &str) -> bool {
    let int = value
        .trim_start_matches('-')
        .split('.')
        .next()
        .unwrap_or("");
    int.len() >= 2 && int.starts_with('0')
}

/// A number with a leading zero that no OCR of ours read (a text another tool's OCR made,
/// where `66` came out `00`; a zero typed twice) is no count a report prints: `uncertain`, raw
/// kept — which count was meant, no rule says. Returns how many cells were changed.
pub fn doubt_leading_zeros(report: &mut Report, ocr_pages: &[u32]) -> usize {
    let mut changed = 0;
    for cell in report.cells.values_mut() {
        let ours = !ocr_pages.is_empty() && read_by_ocr(cell, ocr_pages);
        if cell.flag == Flag::Number && !ours && leading_zero(&cell.value) {
            cell.flag = Flag::Uncertain;
            changed += 1;
        }
    }
    changed
}

/// Fewest cells read as dash marks that make dashes a column's way of printing nothing.
const USUAL_DASHES: usize = 3;

/// An `uncertain` OCR'd cell whose every reading is dash marks (`? -`, `? -~-`), in a column
/// that prints nothing by dashes (at least [`USUAL_DASHES`] such cells, more than of any other
/// way), is the dash printed there: a column that never applies (研究机构, 社会公益组织 in
/// many reports) prints `—` all the way down, and OCR reads a dash as a mark it is unsure of.
/// The sum checks that follow confirm it, or put it back in doubt as they do a blank (a dash
/// adds nothing to a sum, so a digit OCR missed breaks one). Returns how many were settled.
pub fn settle_dash_columns(report: &mut Report, ocr_pages: &[u32]) -> usize {
    let columns = nothings_by_line(report, ocr_pages)
        .into_iter()
        .filter(|(line, _)| line.1);
    let mut settle = Vec::new();
    for (_, cells) in columns {
        let count = |n: Nothing| cells.iter().filter(|c| c.1 == n).count();
        let dashes = count(Nothing::Dash);
        if dashes < USUAL_DASHES
            || dashes <= count(Nothing::Zero)
            || dashes <= count(Nothing::Blank)
        {
            continue;
        }
        settle.extend(cells.iter().filter(|c| c.1 == Nothing::Dash).map(|c| c.0));
    }
    let mut settled = 0;
    for key in settle {
        if let Some(cell) = report.cell_at_mut(key) {
            if cell.flag == Flag::Uncertain {
                cell.flag = Flag::Dash;
                cell.value.clear();
                settled += 1;
            }
        }
    }
    settled
}

/// The OCR'd cells that print nothing, by the way they do, per table and column and per table
/// and row.
fn nothings_by_line(report: &Report, ocr_pages: &[u32]) -> BTreeMap<Line, Vec<(KeyId, Nothing)>> {
    let mut lines: BTreeMap<Line, Vec<(KeyId, Nothing)>> = BTreeMap::new();
    for (key, cell) in report.keyed_cells() {
        if !read_by_ocr(cell, ocr_pages) {
            continue;
        }
        if let Some(nothing) = nothing_of(cell) {
            for line in [
                (key.table(), true, key.col()),
                (key.table(), false, key.row()),
            ] {
                lines.entry(line).or_default().push((key, nothing));
            }
        }
    }
    lines
}

/// A column (`true`, by its column key) or a row (`false`, by its row key) of a table.
type Line = (Table, bool, &'static str);

/// Flag the OCR'd zeros, blanks and dashes whose way of printing nothing is odd in their
/// column or in their row (see the module); returns how many were flagged.
pub fn flag_odd_nothings(report: &mut Report, ocr_pages: &[u32]) -> usize {
    let lines = nothings_by_line(report, ocr_pages);
    let mut odd: BTreeSet<KeyId> = BTreeSet::new();
    for cells in lines.values() {
        let mut counts: BTreeMap<Nothing, usize> = BTreeMap::new();
        for (_, n) in cells {
            *counts.entry(*n).or_default() += 1;
        }
        let usual = counts.values().copied().max().unwrap_or(0);
        for (key, n) in cells {
            let count = counts[n];
            if count <= MAX_ODD && usual >= ODD_RATIO * count {
                odd.insert(*key);
            }
        }
    }
    let mut flagged = 0;
    for key in odd {
        if let Some(cell) = report.cell_at_mut(key) {
            if matches!(cell.flag, Flag::Number | Flag::Blank | Flag::Dash) {
                cell.flag = Flag::Uncertain;
                flagged += 1;
            }
        }
    }
    if flagged > 0 {
        add_note(report, &format!("{flagged} zeros, blanks or dashes read by OCR print nothing otherwise than the rest of their column or row and are marked uncertain"));
    }
    flagged
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Status;

    fn cell(flag: Flag, value: &str, raw: &str) -> Cell {
        Cell {
            value: value.into(),
            flag,
            raw: raw.into(),
            page: Some(2),
            ..Cell::absent()
        }
    }

    /// Table 三's research column printed with dashes (OCR in doubt of each), one row read
    /// as `0`; its natural-person column printed with zeros, one row read as blank.
    fn report() -> Report {
        let mut r = Report::with_status("scan.pdf", Status::Ok, "");
        let rows = [
            "granted",
            "partial",
            "deny_state_secret",
            "deny_law_forbidden",
        ];
        for row in rows {
            r.cells.insert(
                format!("t3.{row}.research"),
                cell(Flag::Uncertain, "", "? -~-"),
            );
            r.cells.insert(
                format!("t3.{row}.natural_person"),
                cell(Flag::Number, "0", "0"),
            );
        }
        r.cells.insert(
            "t3.nohandle_confirm.research".into(),
            cell(Flag::Number, "0", "0"),
        );
        r.cells.insert(
            "t3.nohandle_confirm.natural_person".into(),
            cell(Flag::Blank, "", ""),
        );
        r
    }

    #[test]
    fn a_nothing_printed_otherwise_than_its_column_is_in_doubt() {
        let mut r = report();
        assert_eq!(flag_odd_nothings(&mut r, &[2]), 2);
        assert_eq!(
            r.cells["t3.nohandle_confirm.research"].flag,
            Flag::Uncertain
        );
        assert_eq!(r.cells["t3.nohandle_confirm.research"].raw, "0");
        assert_eq!(
            r.cells["t3.nohandle_confirm.natural_person"].flag,
            Flag::Uncertain
        );
        assert_eq!(r.cells["t3.granted.natural_person"].flag, Flag::Number);
        // On a page with a text layer, the cells are as printed.
        let mut r = report();
        assert_eq!(flag_odd_nothings(&mut r, &[1]), 0);
    }

    #[test]
    fn marks_read_down_a_column_of_dashes_are_its_dashes() {
        let mut r = report();
        assert_eq!(settle_dash_columns(&mut r, &[2]), 4);
        assert_eq!(r.cells["t3.granted.research"].flag, Flag::Dash);
        // Two dashes are no column of them.
        let mut r = report();
        r.cells.remove("t3.granted.research");
        r.cells.remove("t3.partial.research");
        assert_eq!(settle_dash_columns(&mut r, &[2]), 0);
        assert_eq!(
            r.cells["t3.deny_state_secret.research"].flag,
            Flag::Uncertain
        );
    }

    #[test]
    fn a_column_that_mixes_its_ways_keeps_them() {
        let mut r = report();
        for row in ["deny_third_party", "deny_process_info"] {
            r.cells.insert(
                format!("t3.{row}.natural_person"),
                cell(Flag::Blank, "", ""),
            );
        }
        flag_odd_nothings(&mut r, &[2]);
        // Three blanks against four zeros: the column prints both.
        assert_eq!(
            r.cells["t3.nohandle_confirm.natural_person"].flag,
            Flag::Blank
        );
    }

    #[test]
    fn zeros_read_twice_are_one_zero_and_other_leading_zeros_no_count() {
        let mut r = Report::with_status("scan.pdf", Status::Ok, "");
        r.cells
            .insert("t3.granted.research".into(), cell(Flag::Number, "00", "00"));
        r.cells.insert(
            "t3.partial.research".into(),
            cell(Flag::Number, "0000000", "0000000"),
        );
        r.cells
            .insert("t3.granted.total".into(), cell(Flag::Number, "05", "05"));
        r.cells
            .insert("t2.fee.amount".into(), cell(Flag::Number, "0.5", "0.5"));
        assert_eq!(tidy_zero_runs(&mut r, &[2]), 3);
        assert_eq!(r.cells["t3.granted.research"].value, "0");
        assert_eq!(r.cells["t3.partial.research"].value, "0");
        assert_eq!(r.cells["t3.granted.total"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.fee.amount"].flag, Flag::Number);
        // Cells no OCR of ours read (a text another tool's OCR made): doubted, never changed.
        let mut r = Report::with_status("ocr.txt", Status::Ok, "");
        let text = |value: &str| Cell {
            page: None,
            ..cell(Flag::Number, value, value)
        };
        r.cells.insert("t2.normative.in_force".into(), text("00"));
        r.cells.insert("t2.normative.made".into(), text("8"));
        r.cells.insert("t2.fee.amount".into(), text("0.5"));
        assert_eq!(doubt_leading_zeros(&mut r, &[]), 1);
        assert_eq!(r.cells["t2.normative.in_force"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.normative.in_force"].value, "00");
        assert_eq!(r.cells["t2.normative.made"].flag, Flag::Number);
        assert_eq!(r.cells["t2.fee.amount"].flag, Flag::Number);
        // Our own OCR's cells are tidy_zero_runs' to settle.
        let mut r = Report::with_status("scan.pdf", Status::Ok, "");
        r.cells
            .insert("t3.granted.research".into(), cell(Flag::Number, "00", "00"));
        assert_eq!(doubt_leading_zeros(&mut r, &[2]), 0);
    }
}
