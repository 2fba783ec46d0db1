//! Verification of numbers read by OCR: a reading that breaks a 勾稽 rule (T3-1, T3-2, T3-3,
//! T4-1) or disagrees with the prose (P-*) is not reported as a confident number.
//!
//! The culprit of a failed sum is the cell that sits in two failed equations (a row sum and a
//! column sum cross there); when no cell does, every number of the failed equation is suspect.
//! Suspects become `uncertain`, keeping the value read and the raw OCR text. Numbers that no
//! holding equation covers (all of table 二, rows whose total is not printed) are not
//! confirmed by anything and become `uncertain` too ([`flag_unconfirmed`]).

use std::collections::{BTreeMap, BTreeSet};
use xxgk_model::rules::{equations, Relation};
use xxgk_model::{Finding, FindingStatus, Flag, Report};

/// Flag the OCR'd numbers (and blanks: a blank may be a digit OCR missed) that no holding
/// equation confirms (table 二 has no sums): an OCR reading is reported as a number or a blank
/// only when a 勾稽 equation holds with it. Returns how many were flagged.
///
/// Two independent readings can agree on the same wrong digit (a `6` read as `0` twice), so
/// agreement between passes is not evidence; a sum that holds is.
pub fn flag_unconfirmed(report: &mut Report) -> usize {
    let Some(template) = report.meta.template else {
        return 0;
    };
    let single_other = report.single_other;
    let mut confirmed: BTreeSet<&str> = BTreeSet::new();
    let eqs = equations(template, single_other);
    for eq in eqs.iter().filter(|e| e.relation == Relation::Eq) {
        let sum = |keys: &[String]| -> Option<i128> {
            keys.iter().try_fold(0i128, |acc, k| {
                let cell = report.cells.get(k)?;
                match cell.flag {
                    Flag::Number => acc.checked_add(cell.value.parse::<i128>().ok()?),
                    Flag::Blank | Flag::Dash => Some(acc),
                    _ => None,
                }
            })
        };
        if let (Some(l), Some(r)) = (sum(&eq.left), sum(&eq.right)) {
            if l == r {
                confirmed.extend(eq.left.iter().chain(&eq.right).map(String::as_str));
            }
        }
    }
    let unconfirmed: Vec<String> = report
        .cells
        .iter()
        .filter(|(k, c)| {
            matches!(c.flag, Flag::Number | Flag::Blank) && !confirmed.contains(k.as_str())
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in &unconfirmed {
        if let Some(cell) = report.cells.get_mut(k) {
            cell.flag = Flag::Uncertain;
        }
    }
    let n = unconfirmed.len();
    if n > 0 {
        add_note(report, &format!("{n} cells read by OCR are not confirmed by any sum rule (e.g. table 二) and are marked uncertain"));
    }
    n
}

/// Flag the OCR'd numbers that the findings put in doubt; returns how many were flagged.
/// Call it only for reports read by OCR: printed text layers are trusted as printed.
pub fn flag_unverified(report: &mut Report, findings: &[Finding]) -> usize {
    let failed: Vec<&Finding> = findings
        .iter()
        // A sum that fails only because an operand is missing (status uncertain) says nothing
        // about which reading is wrong; flagging all of it would bury the right readings.
        .filter(|f| f.other_report.is_empty() && f.status == FindingStatus::Fail)
        .filter(|f| f.rule.starts_with('T') || f.rule.starts_with('P'))
        .collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &failed {
        for key in &f.cells {
            *seen.entry(key.as_str()).or_default() += 1;
        }
    }
    let mut suspects: Vec<String> = Vec::new();
    for f in &failed {
        let crossing: Vec<&String> = f.cells.iter().filter(|k| seen[k.as_str()] > 1).collect();
        let chosen: Vec<&String> = if crossing.is_empty() {
            f.cells.iter().collect()
        } else {
            crossing
        };
        suspects.extend(chosen.into_iter().cloned());
    }
    let mut flagged = 0;
    for key in suspects {
        if let Some(cell) = report.cells.get_mut(&key) {
            // A blank read by OCR may be a digit it missed: as doubtful as a number.
            if matches!(cell.flag, Flag::Number | Flag::Blank) {
                cell.flag = Flag::Uncertain;
                flagged += 1;
            }
        }
    }
    if flagged > 0 {
        add_note(report, &format!("{flagged} numbers read by OCR break the table's sum rules and are marked uncertain"));
    }
    flagged
}

/// Append `note` to the report's message.
fn add_note(report: &mut Report, note: &str) {
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

    fn ocr_report(cells: &[(&str, &str)]) -> Report {
        let mut r = Report::with_status("r", Status::Ok, String::new());
        r.meta.template = Some(xxgk_model::Template::V2021);
        for (k, v) in cells {
            r.cells
                .insert(k.to_string(), Cell::from_raw(v).expect("a number"));
        }
        r
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
        assert_eq!(flag_unconfirmed(&mut r), 6);
        assert_eq!(r.cells["t4.review.total"].flag, Flag::Number);
        assert_eq!(r.cells["t4.review.upheld"].flag, Flag::Number);
        assert_eq!(r.cells["t4.lit_direct.total"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.penalty.decisions"].flag, Flag::Uncertain);
        assert_eq!(r.cells["t2.penalty.decisions"].value, "66");
    }

    #[test]
    fn the_crossing_cell_of_two_failed_sums_is_flagged() {
        let mut r = Report::with_status("r", Status::Ok, "");
        for k in ["a", "b", "c", "d"] {
            r.cells.insert(k.into(), Cell::from_raw("5").unwrap());
        }
        let f = [finding("T3-1", &["a", "b"]), finding("T3-2", &["b", "c"])];
        assert_eq!(flag_unverified(&mut r, &f), 1);
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
        assert_eq!(flag_unverified(&mut r, &[finding("T4-1", &["a", "b"])]), 2);
    }
}
