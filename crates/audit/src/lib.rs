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
