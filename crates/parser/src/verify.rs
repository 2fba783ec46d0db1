//! Verification of numbers read by OCR: a reading that breaks a 勾稽 rule (T3-1, T3-2, T3-3,
//! T4-1) or disagrees with the prose (P-*) is not reported as a confident number.
//!
//! The culprit of a failed sum is the cell that sits in two failed equations (a row sum and a
//! column sum cross there); when no cell does, every number of the failed equation is suspect.
//! Suspects become `uncertain`, keeping the value read and the raw OCR text.

use std::collections::BTreeMap;
use xxgk_model::{Finding, FindingStatus, Flag, Report};

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
            if cell.flag == Flag::Number {
                cell.flag = Flag::Uncertain;
                flagged += 1;
            }
        }
    }
    if flagged > 0 {
        let note = format!(
            "{flagged} numbers read by OCR break the table's sum rules and are marked uncertain"
        );
        if report.message.is_empty() {
            report.message = note;
        } else {
            report.message.push_str("; ");
            report.message.push_str(&note);
        }
    }
    flagged
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
