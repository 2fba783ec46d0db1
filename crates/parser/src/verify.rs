//! Verification of numbers read by OCR: a reading that breaks a 勾稽 rule (T3-1, T3-2, T3-3,
//! T4-1) or disagrees with the prose (P-*) is not reported as a confident number.
//!
//! The culprit of a failed sum is the cell that sits in two failed equations (a row sum and a
//! column sum cross there); when no cell does, every number of the failed equation is suspect.
//! Suspects become `uncertain`, keeping the value read and the raw OCR text. Numbers that no
//! holding equation confirms become `uncertain` too ([`flag_unconfirmed`]), except those no
//! equation covers at all (table 二) whose OCR readings under different preprocessing agree
//! ([`agreed_uncovered`], docs/design-ocr.md "Confirmation by agreement").
//!
//! Plain text, which may be another tool's OCR, gets a milder rule ([`flag_unvouched`]): a
//! number of a failed equation stays as printed only where another equation through it holds.
//!
//! Before that, [`resolve_by_sums`] lets the sums choose among the culprits' readings: the
//! `uncertain` cells of an equation whose OCR readings disagree (`? 1 / |`) take the one choice
//! of readings that makes it hold, and only when exactly one does; [`attach_confidence`]
//! copies Tesseract's confidence of each cell's reading from the document into the report.

use std::collections::{BTreeMap, BTreeSet};
use xxgk_model::rules::{equations, Relation};
use xxgk_model::{Cell, Document, Finding, FindingStatus, Flag, KeyId, OcrReading, Report};

/// The readings an `uncertain` OCR cell holds in its raw text: `? 3001 / 3091` → 3001, 3091
/// (the marks between are not digits). Whole numbers only: the sum rules are over counts.
pub(crate) fn readings(raw: &str) -> Vec<i128> {
    let mut out: Vec<i128> = Vec::new();
    for part in raw.split(|c: char| !c.is_ascii_digit()) {
        if let Ok(v) = part.parse::<i128>() {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Settle `uncertain` OCR cells by the sum rules: when every operand of an equation (`=`) is a
/// number, blank or dash except up to [`MAX_OPEN`] `uncertain` cells with readings, and exactly
/// one choice among their readings makes the equation hold, those readings become the numbers
/// (the equation then holds with them, so [`flag_unconfirmed`] confirms them). A cell with no
/// reading, or when no choice or several choices fit, stays `uncertain`: a value is never
/// computed, only chosen among what was read. Repeated until nothing changes (a settled cell
/// may complete another equation). Returns how many cells were settled.
pub fn resolve_by_sums(report: &mut Report) -> usize {
    let Some(template) = report.meta.template else {
        return 0;
    };
    let eqs: Vec<_> = equations(template, report.single_other)
        .into_iter()
        .filter(|e| e.relation == Relation::Eq)
        .collect();
    let mut settled = 0;
    loop {
        let mut changed = false;
        for eq in &eqs {
            let Some(choice) = only_choice(report, &eq.left, &eq.right) else {
                continue;
            };
            for (key, value) in choice {
                if let Some(cell) = report.cell_at_mut(key) {
                    cell.value = value.to_string();
                    cell.flag = Flag::Number;
                    settled += 1;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    if settled > 0 {
        add_note(
            report,
            &format!("{settled} cells read by OCR settled by a sum rule among their readings"),
        );
    }
    settled
}

/// Most `uncertain` operands one equation may settle at once.
pub(crate) const MAX_OPEN: usize = 3;

/// The one choice of readings for the `uncertain` operands of `Σ left = Σ right` that makes it
/// hold, when every other operand is known (number, blank, dash) and exactly one choice does.
fn only_choice(report: &Report, left: &[KeyId], right: &[KeyId]) -> Option<Vec<(KeyId, i128)>> {
    // (key, readings, side: +1 left, −1 right)
    let mut open: Vec<(KeyId, Vec<i128>, i128)> = Vec::new();
    let mut balance = 0i128; // Σ left − Σ right of the known operands
    for (key, side) in left
        .iter()
        .map(|&k| (k, 1i128))
        .chain(right.iter().map(|&k| (k, -1i128)))
    {
        let cell = report.cell_at(key)?;
        let v = match cell.flag {
            Flag::Number => cell.value.parse::<i128>().ok()?,
            Flag::Blank | Flag::Dash => 0,
            Flag::Uncertain => {
                let r = readings(&cell.raw);
                if r.is_empty() || open.len() == MAX_OPEN {
                    return None;
                }
                open.push((key, r, side));
                continue;
            }
            _ => return None,
        };
        balance = balance.checked_add(side.checked_mul(v)?)?;
    }
    if open.is_empty() {
        return None;
    }
    let choices: Vec<(Vec<i128>, i128)> = open.iter().map(|(_, r, s)| (r.clone(), *s)).collect();
    let values = one_fit(balance, &choices)?;
    Some(
        open.iter()
            .zip(values)
            .map(|((k, _, _), v)| (*k, v))
            .collect(),
    )
}

/// The one choice among the `open` operands' readings (each with its side: +1 left, −1 right)
/// that brings `balance` (Σ left − Σ right of the known operands) to 0; `None` when no choice
/// or more than one does. With no open operand: `Some(empty)` when the balance is 0.
pub(crate) fn one_fit(balance: i128, open: &[(Vec<i128>, i128)]) -> Option<Vec<i128>> {
    if open.iter().any(|(r, _)| r.is_empty()) {
        return None;
    }
    let mut found: Option<Vec<i128>> = None;
    let mut pick = vec![0usize; open.len()];
    loop {
        let total = open
            .iter()
            .zip(&pick)
            .try_fold(balance, |acc, ((r, side), &i)| acc.checked_add(side * r[i]))?;
        if total == 0 {
            if found.is_some() {
                return None; // two choices fit: the sum cannot tell
            }
            found = Some(open.iter().zip(&pick).map(|((r, _), &i)| r[i]).collect());
        }
        // Next choice (odometer).
        let mut d = 0;
        loop {
            if d == open.len() {
                return found;
            }
            pick[d] += 1;
            if pick[d] < open[d].0.len() {
                break;
            }
            pick[d] = 0;
            d += 1;
        }
    }
}

/// Copy Tesseract's confidence of each reading (the document's
/// [`xxgk_model::OcrReading`]s) to the report's cells read there: the reading on the cell's
/// page whose box holds the middle of the cell's box. Cells without one keep none.
pub fn attach_confidence(doc: &Document, report: &mut Report) {
    for cell in report.cells.values_mut() {
        cell.ocr_confidence = reading_of(doc, cell).map(|r| r.confidence);
    }
}

/// The OCR reading of a report cell: on its page, its box holding the middle of the cell's.
fn reading_of<'a>(doc: &'a Document, cell: &Cell) -> Option<&'a OcrReading> {
    let (page, b) = (cell.page?, cell.bbox?);
    let (x, y) = (b.center_x(), b.center_y());
    doc.ocr_readings.iter().find(|r| {
        r.page == page && r.bbox.x0 <= x && x <= r.bbox.x1 && r.bbox.y0 <= y && y <= r.bbox.y1
    })
}

/// The cells that no sum rule (`=`) of the report's template covers (table 二) and whose
/// number two OCR readings under different preprocessing agree on
/// ([`xxgk_model::OcrReading::agreed`]): confirmed by that agreement, since nothing else can
/// confirm them. A cell a sum rule covers is confirmed by the sum or not at all.
pub fn agreed_uncovered(doc: &Document, report: &Report) -> BTreeSet<KeyId> {
    let Some(template) = report.meta.template else {
        return BTreeSet::new();
    };
    let covered: BTreeSet<KeyId> = equations(template, report.single_other)
        .into_iter()
        .filter(|e| e.relation == Relation::Eq)
        .flat_map(|e| e.left.into_iter().chain(e.right))
        .collect();
    report
        .keyed_cells()
        .filter(|(k, c)| {
            !covered.contains(k)
                && c.flag == Flag::Number
                && reading_of(doc, c).is_some_and(|r| r.agreed)
        })
        .map(|(k, _)| k)
        .collect()
}

/// Flag the OCR'd numbers (and blanks, dashes: a blank may be a digit OCR missed) that no
/// holding equation confirms: an OCR reading is reported as a number or a blank only when a
/// 勾稽 equation holds with it, or, for the cells no equation covers (table 二), when it is
/// in `agreed` ([`agreed_uncovered`]). An equation whose cells are all blank confirms them
/// only when none of them is in an equation that fails or cannot be read: a row of digits
/// OCR missed reads as blanks that add up, but its column sums do not. Returns how many were
/// flagged.
///
/// Only cells on `ocr_pages` are checked: a document whose other pages have a text layer keeps
/// their cells as printed ([`read_by_ocr`]).
pub fn flag_unconfirmed(report: &mut Report, agreed: &BTreeSet<KeyId>, ocr_pages: &[u32]) -> usize {
    let Some(template) = report.meta.template else {
        return 0;
    };
    let single_other = report.single_other;
    let mut confirmed: BTreeSet<KeyId> = agreed.clone();
    // Cells of equations of blanks alone, and cells of equations that fail or cannot be read.
    let mut blanks_only: BTreeSet<KeyId> = BTreeSet::new();
    let mut in_doubt: BTreeSet<KeyId> = BTreeSet::new();
    let eqs = equations(template, single_other);
    for eq in eqs.iter().filter(|e| e.relation == Relation::Eq) {
        let sum = |keys: &[KeyId]| sum_of(report, keys);
        // An equation of blanks alone (`blank = blank + …`) holds whatever OCR missed: a row
        // whose digits all went unseen reads as blanks that add up. Its blanks are confirmed
        // only when every other equation they are in holds too (below).
        let cells = eq.left.iter().chain(&eq.right).copied();
        let printed = eq
            .left
            .iter()
            .chain(&eq.right)
            .any(|&k| report.cell_at(k).is_some_and(|c| c.flag == Flag::Number));
        // Blanks on both sides (`blank + 4 = blank + 4`) hold for any digits OCR missed on both
        // alike (148 + 4 = 148 + 4): such an equation confirms its numbers, not those blanks.
        let is_blank = |k: KeyId| report.cell_at(k).is_some_and(|c| c.flag == Flag::Blank);
        let blank_on_both_sides =
            eq.left.iter().any(|&k| is_blank(k)) && eq.right.iter().any(|&k| is_blank(k));
        match (sum(&eq.left), sum(&eq.right)) {
            (Some(l), Some(r)) if l == r && printed => {
                confirmed.extend(cells.filter(|&k| !blank_on_both_sides || !is_blank(k)));
            }
            (Some(l), Some(r)) if l == r => blanks_only.extend(cells),
            _ => in_doubt.extend(cells),
        }
    }
    confirmed.extend(blanks_only.difference(&in_doubt));
    let unconfirmed: Vec<KeyId> = report
        .keyed_cells()
        .filter(|(k, c)| {
            matches!(c.flag, Flag::Number | Flag::Blank | Flag::Dash)
                && !confirmed.contains(k)
                && read_by_ocr(c, ocr_pages)
        })
        .map(|(k, _)| k)
        .collect();
    for &k in &unconfirmed {
        if let Some(cell) = report.cell_at_mut(k) {
            cell.flag = Flag::Uncertain;
        }
    }
    let n = unconfirmed.len();
    if n > 0 {
        add_note(report, &format!("{n} cells read by OCR are not confirmed by any sum rule (e.g. table 二) and are marked uncertain"));
    }
    n
}

/// A cell OCR read: on one of `ocr_pages`, or placed on no page (nothing says it was printed
/// in a text layer).
pub fn read_by_ocr(cell: &Cell, ocr_pages: &[u32]) -> bool {
    cell.page.is_none_or(|p| ocr_pages.contains(&p))
}

/// Flag the OCR'd numbers that the findings put in doubt; returns how many were flagged.
/// Call it only for reports read by OCR: printed text layers are trusted as printed, and so
/// are the cells of a document's text-layer pages (only cells on `ocr_pages` are flagged).
pub fn flag_unverified(report: &mut Report, findings: &[Finding], ocr_pages: &[u32]) -> usize {
    let flagged = flag_suspects(report, suspects(findings, false), Some(ocr_pages));
    if flagged > 0 {
        add_note(report, &format!("{flagged} numbers read by OCR break the table's sum rules and are marked uncertain"));
    }
    flagged
}

/// Flag the numbers of a plain text file that a failed 勾稽 equation puts in doubt and no
/// holding one vouches for. Text may be another tool's OCR, whose misread digit (`9` for `0`,
/// a column rule read as a leading `1`: `|37` → `137`) breaks the sums through it; the value
/// that would make them hold fits the document as well as the one printed. A number of a
/// failed equation stays as printed only where another equation through it holds (a row's
/// cells whose columns add up; a misprinted total whose column agrees with it). So the cell
/// where a failed row sum and a failed column sum cross is in doubt, and so is every cell of a
/// failed sum that no other sum checks (table 四's rows, a column of table 三 with a row
/// missing). A holding sum with two cells in failed ones vouches for neither: the same misread
/// in both (`1` read `11` as a row's only value and as its total) keeps it holding. Returns
/// how many were flagged.
pub fn flag_unvouched(report: &mut Report, findings: &[Finding]) -> usize {
    let schema = xxgk_model::schema();
    let in_failed: BTreeSet<KeyId> = failed(findings)
        .flat_map(|f| f.cells.iter())
        .filter_map(|k| schema.key_id(k))
        .collect();
    let sums = Checked::of(report, &in_failed);
    let unvouched = |k: &String| {
        schema
            .key_id(k)
            .is_none_or(|id| !sums.vouched.contains(&id))
    };
    let mut doubted = suspects(findings, true);
    doubted.extend(
        failed(findings)
            .flat_map(|f| f.cells.iter())
            .filter(|k| unvouched(k))
            .cloned(),
    );
    doubted.extend(
        sums.unreadable
            .iter()
            .map(|k| k.as_str().to_string())
            .filter(|k| unvouched(k)),
    );
    doubted.sort();
    doubted.dedup();
    let flagged = flag_suspects(report, doubted, None);
    if flagged > 0 {
        add_note(report, &format!("{flagged} numbers are in a sum rule that fails or cannot be read, and no other sum through them confirms them; marked uncertain"));
    }
    flagged
}

/// What the template's equations say of a report's cells.
struct Checked {
    /// Cells of equations that hold with at least one printed number, every operand read (a
    /// number, blank or dash), and at most one operand in a failed equation.
    vouched: BTreeSet<KeyId>,
    /// Cells of equations with every operand found but one a mark with no reading in a value's
    /// place (`746 1 1 7 10 9 |`), which therefore check nothing. A cell in doubt between
    /// readings (`12 / 1`) leaves its equation to the reader that weighed them.
    unreadable: BTreeSet<KeyId>,
}

impl Checked {
    /// Check every equation of the report's template; `in_failed` holds the cells of the
    /// equations that failed.
    fn of(report: &Report, in_failed: &BTreeSet<KeyId>) -> Checked {
        let mut out = Checked {
            vouched: BTreeSet::new(),
            unreadable: BTreeSet::new(),
        };
        let Some(template) = report.meta.template else {
            return out;
        };
        for eq in equations(template, report.single_other) {
            if eq.relation != Relation::Eq {
                continue;
            }
            let cells = || eq.left.iter().chain(&eq.right).copied();
            let found: Option<Vec<&Cell>> = cells().map(|k| report.cell_at(k)).collect();
            let Some(found) = found else {
                continue;
            };
            let flags: Vec<Flag> = found.iter().map(|c| c.flag).collect();
            // A mark where a value belongs: in doubt with no reading at all.
            let mark = found
                .iter()
                .any(|c| c.flag == Flag::Uncertain && c.value.is_empty());
            let printed = flags.contains(&Flag::Number);
            let holds = matches!(
                (sum_of(report, &eq.left), sum_of(report, &eq.right)),
                (Some(l), Some(r)) if l == r
            );
            // Two operands that failed elsewhere can be misread alike and still balance here.
            let shared = cells().filter(|k| in_failed.contains(k)).count();
            if printed && holds && shared <= 1 {
                out.vouched.extend(cells());
            } else if mark && !flags.contains(&Flag::Absent) {
                out.unreadable.extend(cells());
            }
        }
        out
    }
}

/// The sum of `keys`' cells, a blank or dash counting 0; `None` where one is neither a number,
/// a blank nor a dash (absent, uncertain).
fn sum_of(report: &Report, keys: &[KeyId]) -> Option<i128> {
    keys.iter().try_fold(0i128, |acc, &k| {
        let cell = report.cell_at(k)?;
        match cell.flag {
            Flag::Number => acc.checked_add(cell.value.parse::<i128>().ok()?),
            Flag::Blank | Flag::Dash => Some(acc),
            _ => None,
        }
    })
}

/// The findings of failed sums (every operand read): 勾稽 rules and the prose's totals.
fn failed(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        // A sum that fails only because an operand is missing (status uncertain) says nothing
        // about which reading is wrong; flagging all of it would bury the right readings.
        .filter(|f| f.other_report.is_empty() && f.status == FindingStatus::Fail)
        .filter(|f| f.rule.starts_with('T') || f.rule.starts_with('P'))
}

/// The cells the failed sum rules put in doubt: those where two failed equations cross, and
/// (unless `crossings_only`) every cell of a failed equation that crosses no other.
fn suspects(findings: &[Finding], crossings_only: bool) -> Vec<String> {
    let failed: Vec<&Finding> = failed(findings).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &failed {
        for key in &f.cells {
            *seen.entry(key.as_str()).or_default() += 1;
        }
    }
    let mut suspects: Vec<String> = Vec::new();
    for f in &failed {
        let crossing: Vec<&String> = f.cells.iter().filter(|k| seen[k.as_str()] > 1).collect();
        let chosen: Vec<&String> = if crossing.is_empty() && !crossings_only {
            f.cells.iter().collect()
        } else {
            crossing
        };
        suspects.extend(chosen.into_iter().cloned());
    }
    suspects
}

/// Mark `suspects` uncertain where they hold a number, blank or dash (read on `ocr_pages`,
/// when given); returns how many were marked.
fn flag_suspects(report: &mut Report, suspects: Vec<String>, ocr_pages: Option<&[u32]>) -> usize {
    let mut flagged = 0;
    for key in suspects {
        if let Some(cell) = report.cells.get_mut(&key) {
            // A blank or dash read by OCR may be a digit it missed: as doubtful as a number.
            if matches!(cell.flag, Flag::Number | Flag::Blank | Flag::Dash)
                && ocr_pages.is_none_or(|pages| read_by_ocr(cell, pages))
            {
                cell.flag = Flag::Uncertain;
                flagged += 1;
            }
        }
    }
    flagged
}

/// Append `note` to the report's message.
pub(crate) fn add_note(report: &mut Report, note: &str) {
    if !report.message.is_empty() {
        report.message.push_str("; ");
    }
    report.message.push_str(note);
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Cell, Severity, Status};

    fn finding(rule: &str, cells: &[&str]) -> Finding {
        Finding {
            report: "r".into(),
            other_report: String::new(),
            rule: rule.into(),
            severity: Severity::Error,
            status: FindingStatus::Fail,
            cells: cells.iter().map(|s| s.to_string()).collect(),
            expected: String::new(),
            actual: String::new(),
            message: String::new(),
        }
    }

    /// A cell OCR could not settle, its readings in `raw`.
    fn disputed(raw: &str) -> xxgk_model::Cell {
        xxgk_model::Cell {
            value: String::new(),
            flag: Flag::Uncertain,
            raw: raw.into(),
            page: None,
            bbox: None,
            ocr_confidence: None,
        }
    }

    fn ocr_report(cells: &[(&str, &str)]) -> Report {
        let mut r = Report::with_status("r", Status::Ok, String::new());
        r.meta.template = Some(xxgk_model::Template::V2021);
        for (k, v) in cells {
            r.cells
                .insert(k.to_string(), Cell::from_raw(v).expect("a number"));
        }
        r
    }

    /// Table 三 of v2021 with every cell 0 but those given.
    fn zero_t3(cells: &[(&str, &str)]) -> Report {
        let schema = xxgk_model::schema::schema();
        let t3 = schema.table_keys(xxgk_model::Template::V2021, xxgk_model::schema::Table::T3);
        let mut all: Vec<(String, String)> = t3
            .iter()
            .map(|&k| (k.as_str().to_string(), "0".to_string()))
            .collect();
        for (k, v) in cells {
            if let Some(slot) = all.iter_mut().find(|(key, _)| key == k) {
                slot.1 = v.to_string();
            } else {
                all.push((k.to_string(), v.to_string()));
            }
        }
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        ocr_report(&refs)
    }

    /// Text another tool's OCR made (`12 0 0 9 0 0 12` for `12 0 0 0 0 0 12`): the 9 breaks
    /// its row sum and its column sum, where they cross, and is in doubt; the row's other
    /// cells, whose columns add up, keep their numbers. A misprinted total whose column does
    /// not add up either is in doubt too; a failed sum that no other sum checks (table 四's
    /// row) puts every cell in doubt.
    #[test]
    fn in_text_a_number_of_a_failed_sum_stays_only_where_another_sum_holds_through_it() {
        let col = |row: &str, c: &str| format!("t3.{row}.{c}");
        let mut given: Vec<(String, &str)> = Vec::new();
        for c in ["natural_person", "total"] {
            for row in ["new_received", "processed_total", "deny_process_info"] {
                given.push((col(row, c), "12"));
            }
        }
        given.push((col("deny_process_info", "social_org"), "9"));
        let refs: Vec<(&str, &str)> = given.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let mut r = zero_t3(&refs);
        let row = [
            "t3.deny_process_info.natural_person",
            "t3.deny_process_info.social_org",
            "t3.deny_process_info.total",
        ];
        let findings = [
            finding("T3-3", &row),
            finding(
                "T3-2",
                &[
                    "t3.deny_process_info.social_org",
                    "t3.processed_total.social_org",
                ],
            ),
        ];
        assert_eq!(flag_unvouched(&mut r, &findings), 1);
        let cell = &r.cells["t3.deny_process_info.social_org"];
        assert_eq!((cell.flag, cell.value.as_str()), (Flag::Uncertain, "9"));
        for key in [
            "t3.deny_process_info.natural_person",
            "t3.deny_process_info.total",
        ] {
            assert_eq!(r.cells[key].flag, Flag::Number, "{key}");
        }

        // Table 四's row 72 + 64 + 178 + 137 ≠ 1351 (`|37`, `|351` read with the rule as 1).
        let mut t4 = ocr_report(&[
            ("t4.review.upheld", "72"),
            ("t4.review.corrected", "64"),
            ("t4.review.other", "178"),
            ("t4.review.pending", "137"),
            ("t4.review.total", "1351"),
            ("t4.lit_direct.total", "26"),
        ]);
        let group = [
            "t4.review.upheld",
            "t4.review.corrected",
            "t4.review.other",
            "t4.review.pending",
            "t4.review.total",
        ];
        assert_eq!(flag_unvouched(&mut t4, &[finding("T4-1", &group)]), 5);
        assert_eq!(t4.cells["t4.review.pending"].raw, "137");
        assert_eq!(t4.cells["t4.lit_direct.total"].flag, Flag::Number);

        // A mark read in 总计's place (`746 1 1 7 10 9 |`): the row's sum cannot be read, so
        // it checks nothing, and no column checks these cells either.
        let mut marked = ocr_report(&[
            ("t3.unable_not_held.natural_person", "746"),
            ("t3.unable_not_held.commercial", "1"),
            ("t3.unable_not_held.research", "1"),
            ("t3.unable_not_held.social_org", "7"),
            ("t3.unable_not_held.legal_service", "10"),
            ("t3.unable_not_held.other_org", "9"),
        ]);
        marked.cells.insert(
            "t3.unable_not_held.total".to_string(),
            Cell {
                value: String::new(),
                flag: Flag::Uncertain,
                raw: "|".into(),
                page: None,
                bbox: None,
                ocr_confidence: None,
            },
        );
        assert_eq!(flag_unvouched(&mut marked, &[]), 6);
        assert_eq!(
            marked.cells["t3.unable_not_held.commercial"].flag,
            Flag::Uncertain
        );
    }

    /// The findings of every equation of table 三 that fails on `r`, each naming all its cells.
    fn failing(r: &Report) -> Vec<Finding> {
        let value = |k: KeyId| r.cell_at(k).and_then(|c| c.value.parse::<i128>().ok());
        equations(xxgk_model::Template::V2021, false)
            .into_iter()
            .filter(|eq| eq.rule.starts_with("T3") && eq.check(value) == Some(false))
            .map(|eq| {
                let keys: Vec<&str> = eq
                    .left
                    .iter()
                    .chain(&eq.right)
                    .map(|k| k.as_str())
                    .collect();
                finding(eq.rule, &keys)
            })
            .collect()
    }

    /// Tesseract read a row's only value and its total, both `1`, as `11`: the row's sum holds
    /// and the two columns fail by the same 10. The row cannot vouch for either cell, nor can
    /// any row of those columns' failed sums (each holds two of their cells); the columns'
    /// totals, which T3-1 confirms, and the other columns keep their numbers.
    #[test]
    fn a_sum_holding_two_cells_of_failed_sums_vouches_for_neither() {
        let mut given: Vec<(String, &str)> = Vec::new();
        for c in ["natural_person", "total"] {
            for (row, v) in [
                ("new_received", "12"),
                ("processed_total", "12"),
                ("granted", "11"),
                ("deny_process_info", "11"),
            ] {
                given.push((format!("t3.{row}.{c}"), v));
            }
        }
        let refs: Vec<(&str, &str)> = given.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let mut r = zero_t3(&refs);
        let findings = failing(&r);
        assert_eq!(
            findings.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(),
            ["T3-2", "T3-2"]
        );
        assert!(flag_unvouched(&mut r, &findings) > 0);
        for key in ["t3.granted.natural_person", "t3.granted.total"] {
            let cell = &r.cells[key];
            assert_eq!(
                (cell.flag, cell.value.as_str()),
                (Flag::Uncertain, "11"),
                "{key}"
            );
        }
        for key in [
            "t3.processed_total.natural_person",
            "t3.processed_total.total",
            "t3.granted.research",
            "t3.new_received.total",
        ] {
            assert_eq!(r.cells[key].flag, Flag::Number, "{key}");
        }
    }

    #[test]
    fn only_numbers_in_a_holding_sum_stay_numbers() {
        let mut cells: Vec<(String, &str)> = Vec::new();
        // T4-1 for 行政复议: 1 + 0 + 1 + 0 = 2 holds; 行政诉讼 direct: 1 + 0 + 0 + 0 ≠ 3.
        for (k, v) in [
            ("t4.review.upheld", "1"),
            ("t4.review.corrected", "0"),
            ("t4.review.other", "1"),
            ("t4.review.pending", "0"),
            ("t4.review.total", "2"),
            ("t4.lit_direct.upheld", "1"),
            ("t4.lit_direct.corrected", "0"),
            ("t4.lit_direct.other", "0"),
            ("t4.lit_direct.pending", "0"),
            ("t4.lit_direct.total", "3"),
            ("t2.penalty.decisions", "66"),
        ] {
            cells.push((k.to_string(), v));
        }
        let refs: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let mut r = ocr_report(&refs);
        assert_eq!(flag_unconfirmed(&mut r, &BTreeSet::new(), &[1]), 6);
        assert_eq!(r.cells["t4.review.total"].flag, Flag::Number);
        assert_eq!(r.cells["t4.review.upheld"].flag, Flag::Number);
        assert_eq!(r.cells["t4.lit_direct.total"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.penalty.decisions"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.penalty.decisions"].value, "66");
    }

    /// Table 三 of a scan where OCR saw no digit in row （五）1 (6 by 自然人, 6 in 总计, as in
    /// the borderless variant's G4 scan): the row reads blank = blank + …, which holds, but the
    /// 自然人 and 总计 column sums (T3-2) fail, so those blanks are in doubt. With the 6 read
    /// in row （一） instead, the columns hold and the row of blanks is confirmed.
    fn table_three(six_in: &str) -> Report {
        let keys: BTreeSet<KeyId> = equations(xxgk_model::Template::V2021, false)
            .into_iter()
            .flat_map(|e| e.left.into_iter().chain(e.right))
            .filter(|k| k.as_str().starts_with("t3."))
            .collect();
        let mut cells: Vec<(String, &str)> = Vec::new();
        for k in keys {
            let key = k.as_str();
            let value = if key.starts_with("t3.nohandle_petition.") {
                ""
            } else if key.ends_with(".natural_person") || key.ends_with(".total") {
                let sixes = ["t3.new_received.", "t3.processed_total.", six_in];
                if sixes.iter().any(|p| key.starts_with(p)) {
                    "6"
                } else {
                    "0"
                }
            } else {
                "0"
            };
            cells.push((key.to_string(), value));
        }
        let refs: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        ocr_report(&refs)
    }

    #[test]
    fn a_row_of_blanks_is_confirmed_only_when_its_columns_hold() {
        let mut missed = table_three("t3.nohandle_petition.");
        flag_unconfirmed(&mut missed, &BTreeSet::new(), &[1]);
        for key in ["natural_person", "total"] {
            let cell = &missed.cells[&format!("t3.nohandle_petition.{key}")];
            assert_eq!(cell.flag, Flag::Uncertain, "{key}");
        }
        // The research column holds with its zeros: its blank is confirmed by that sum.
        assert_eq!(
            missed.cells["t3.nohandle_petition.research"].flag,
            Flag::Blank
        );

        let mut held = table_three("t3.granted.");
        assert_eq!(flag_unconfirmed(&mut held, &BTreeSet::new(), &[1]), 0);
        assert_eq!(held.cells["t3.nohandle_petition.total"].flag, Flag::Blank);
    }

    /// borderless-psrt's scan: OCR glued 自然人's 148 to the row labels of 一、本年新收 and
    /// （七）总计, so both cells read blank, and T3-1 for 自然人 reads blank + 4 = blank + 4. That
    /// holds for any digits missed on both sides alike; it confirms the 4s, not the blanks.
    #[test]
    fn blanks_on_both_sides_of_a_holding_sum_are_not_confirmed() {
        let mut r = ocr_report(&[
            ("t3.new_received.natural_person", ""),
            ("t3.carried_in.natural_person", "4"),
            ("t3.processed_total.natural_person", ""),
            ("t3.carried_out.natural_person", "4"),
        ]);
        assert_eq!(flag_unconfirmed(&mut r, &BTreeSet::new(), &[1]), 2);
        for key in ["new_received", "processed_total"] {
            let cell = &r.cells[&format!("t3.{key}.natural_person")];
            assert_eq!(cell.flag, Flag::Uncertain, "{key}");
        }
        assert_eq!(r.cells["t3.carried_in.natural_person"].flag, Flag::Number);
        assert_eq!(r.cells["t3.carried_out.natural_person"].flag, Flag::Number);

        // One side's blank is pinned to nothing: 4 + blank = 4 + 0.
        let mut one = ocr_report(&[
            ("t3.new_received.natural_person", "4"),
            ("t3.carried_in.natural_person", ""),
            ("t3.processed_total.natural_person", "4"),
            ("t3.carried_out.natural_person", "0"),
        ]);
        assert_eq!(flag_unconfirmed(&mut one, &BTreeSet::new(), &[1]), 0);
    }

    #[test]
    fn agreement_confirms_only_cells_no_sum_covers() {
        let mut r = ocr_report(&[("t2.normative.in_force", "66"), ("t4.review.total", "2")]);
        let mut doc = Document::new(xxgk_model::Format::Pdf);
        for (i, cell) in r.cells.values_mut().enumerate() {
            let bbox =
                xxgk_model::BBox::new(10.0, 10.0 + 20.0 * i as f64, 30.0, 20.0 + 20.0 * i as f64);
            cell.page = Some(1);
            cell.bbox = Some(bbox);
            doc.ocr_readings.push(OcrReading {
                page: 1,
                bbox,
                confidence: 95.0,
                agreed: true,
            });
        }
        let agreed = agreed_uncovered(&doc, &r);
        assert_eq!(
            agreed.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
            ["t2.normative.in_force"]
        );
        assert_eq!(flag_unconfirmed(&mut r, &agreed, &[1]), 1);
        assert_eq!(r.cells["t2.normative.in_force"].flag, Flag::Number);
        assert_eq!(r.cells["t4.review.total"].flag, Flag::Uncertain);
    }

    #[test]
    fn a_disputed_cell_takes_the_reading_its_sum_needs() {
        let mut r = ocr_report(&[
            ("t4.review.upheld", "1"),
            ("t4.review.corrected", "0"),
            ("t4.review.pending", "0"),
            ("t4.review.total", "2"),
            ("t4.lit_direct.upheld", "1"),
            ("t4.lit_direct.corrected", "0"),
            ("t4.lit_direct.other", "0"),
            ("t4.lit_direct.total", "3"),
        ]);
        r.cells
            .insert("t4.review.other".into(), disputed("? 1 / |"));
        // 1 + 0 + 0 + x = 3 needs 2; the readings are 7 and 1: it stays uncertain.
        r.cells
            .insert("t4.lit_direct.pending".into(), disputed("? 7 / 1"));
        assert_eq!(resolve_by_sums(&mut r), 1);
        assert_eq!(r.cells["t4.review.other"].flag, Flag::Number);
        assert_eq!(r.cells["t4.review.other"].value, "1");
        assert_eq!(r.cells["t4.review.other"].raw, "? 1 / |");
        assert_eq!(r.cells["t4.lit_direct.pending"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t4.lit_direct.pending"].value, "");
        assert_eq!(readings("? 3001 / 3091"), vec![3001, 3091]);
    }

    #[test]
    fn two_disputed_cells_settle_only_when_one_choice_fits() {
        let mut r = ocr_report(&[
            ("t4.review.upheld", "1"),
            ("t4.review.pending", "0"),
            ("t4.review.total", "4"),
            ("t4.lit_direct.upheld", "1"),
            ("t4.lit_direct.pending", "0"),
            ("t4.lit_direct.total", "4"),
        ]);
        // 1 + x + y + 0 = 4: x ∈ {1, 7}, y ∈ {2, 8} → only 1 + 2.
        r.cells
            .insert("t4.review.corrected".into(), disputed("? 1 / 7"));
        r.cells
            .insert("t4.review.other".into(), disputed("? 2 / 8"));
        // 1 + x + y + 0 = 4: x ∈ {1, 2}, y ∈ {2, 1} → 1 + 2 and 2 + 1 both fit: unsettled.
        r.cells
            .insert("t4.lit_direct.corrected".into(), disputed("? 1 / 2"));
        r.cells
            .insert("t4.lit_direct.other".into(), disputed("? 2 / 1"));
        assert_eq!(resolve_by_sums(&mut r), 2);
        assert_eq!(r.cells["t4.review.corrected"].value, "1");
        assert_eq!(r.cells["t4.review.other"].value, "2");
        assert_eq!(r.cells["t4.lit_direct.corrected"].flag, Flag::Uncertain);
    }

    #[test]
    fn one_fit_needs_exactly_one_choice() {
        // 5 + x − y = 0 with x ∈ {1, 2}, y ∈ {6, 9}: only 1 and 6.
        assert_eq!(
            one_fit(5, &[(vec![1, 2], 1), (vec![6, 9], -1)]),
            Some(vec![1, 6])
        );
        // x ∈ {1, 4}, y ∈ {6, 9}: 1 + 6 and 4 + 9 both fit.
        assert_eq!(one_fit(5, &[(vec![1, 4], 1), (vec![6, 9], -1)]), None);
        assert_eq!(one_fit(0, &[]), Some(vec![]));
        assert_eq!(one_fit(1, &[]), None);
        assert_eq!(one_fit(0, &[(vec![], 1)]), None);
    }

    #[test]
    fn the_crossing_cell_of_two_failed_sums_is_flagged() {
        let mut r = Report::with_status("r", Status::Ok, "");
        for k in ["a", "b", "c", "d"] {
            r.cells.insert(k.into(), Cell::from_raw("5").unwrap());
        }
        let f = [finding("T3-1", &["a", "b"]), finding("T3-2", &["b", "c"])];
        assert_eq!(flag_unverified(&mut r, &f, &[1]), 1);
        assert_eq!(r.cells["b"].flag, Flag::Uncertain);
        assert_eq!(r.cells["a"].flag, Flag::Number);
        assert_eq!(r.cells["b"].value, "5");
    }

    #[test]
    fn a_lone_failed_sum_flags_all_its_numbers() {
        let mut r = Report::with_status("r", Status::Ok, "");
        for k in ["a", "b"] {
            r.cells.insert(k.into(), Cell::from_raw("5").unwrap());
        }
        assert_eq!(
            flag_unverified(&mut r, &[finding("T4-1", &["a", "b"])], &[1]),
            2
        );
    }

    /// A document whose scanned pages OCR read and whose other pages have a text layer (a
    /// report printed from Word with a scanned page of tables): only the OCR pages' cells are
    /// checked; a printed number on page 2 stays a number when its sum fails.
    #[test]
    fn cells_of_text_layer_pages_are_not_flagged() {
        let mut r = Report::with_status("r", Status::Ok, "");
        r.meta.template = Some(xxgk_model::Template::V2021);
        for (k, page) in [("a", 2), ("b", 4)] {
            let mut cell = Cell::from_raw("5").unwrap();
            cell.page = Some(page);
            r.cells.insert(k.into(), cell);
        }
        let ocr_pages = [3, 4];
        assert_eq!(
            flag_unverified(&mut r, &[finding("T4-1", &["a", "b"])], &ocr_pages),
            1
        );
        assert_eq!(r.cells["a"].flag, Flag::Number);
        assert_eq!(r.cells["b"].flag, Flag::Uncertain);
        let mut printed = Cell::from_raw("66").unwrap();
        printed.page = Some(2);
        r.cells.insert("t2.normative.in_force".into(), printed);
        flag_unconfirmed(&mut r, &BTreeSet::new(), &ocr_pages);
        assert_eq!(r.cells["t2.normative.in_force"].flag, Flag::Number);
    }
}
