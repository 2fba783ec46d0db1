//! xxgk-audit: findings about reports.
//!
//! It owns the consistency rules of `TEMPLATES.md` §7: within one report (T3-*, T4-*, T2-*),
//! across years of the same body (X-*), prose against tables (P-*) and text reuse (R-*).
//! It reads only [`Report`]s; it never changes a value.

use xxgk_model::{Finding, Report};

/// Rules within one report.
pub fn check(report: &Report) -> Vec<Finding> {
    let _ = report;
    Vec::new()
}

use std::collections::BTreeMap;
use xxgk_model::{Cell, Template};

/// What the cross-year rules need of one report. Small, so that the records of a national run
/// fit in memory when the reports themselves do not.
#[derive(Debug, Clone, PartialEq)]
pub struct YearRecord {
    pub report: String,
    pub agency: String,
    pub year: u16,
    pub template: Template,
    /// The cells the cross-year rules read, by key id.
    pub cells: BTreeMap<String, Cell>,
}

impl YearRecord {
    /// `None` when the report has no agency, year or standard template.
    pub fn from_report(report: &Report) -> Option<YearRecord> {
        let _ = report;
        None
    }
}

/// Agency name aliases (`--agencies aliases.csv`).
#[derive(Debug, Clone, Default)]
pub struct Aliases {}

/// Rules across years of the same body (X-*, R-*).
pub fn cross_year(records: &[YearRecord], aliases: &Aliases) -> Vec<Finding> {
    let _ = (records, aliases);
    Vec::new()
}
