//! xxgk-audit: findings about reports.
//!
//! It owns the consistency rules of `docs/spec/TEMPLATES.md` §7 (documented with examples in
//! `docs/audit.md`):
//! - within one report's tables ([`within`]): T3-1, T3-2, T3-3, T4-1 (`error` when every operand
//!   is printed, `warning` + `uncertain` when a blank/dash/absent operand decides), T3-4, T2-1,
//!   T2-2, T2-3 (warnings);
//! - prose against tables ([`prose`]): P-1 … P-7 (warnings);
//! - across consecutive years of the same body ([`cross_year`], [`agency`] for linking names):
//!   X-3 (warnings; X-0 info) and text reuse R-1 ([`reuse`], info);
//! - rows printed outside the template ([`unlisted`]): U-1 (info).
//!
//! It reads only [`Report`]s and [`YearRecord`]s; it never changes a value.

pub mod agency;
pub mod cross_year;
mod decimal;
mod equation;
pub mod prose;
pub mod reuse;
pub mod unlisted;
pub mod within;

pub use agency::{normalize_agency, Aliases};
pub use cross_year::{cross_year, Bodies, YearRecord};

use xxgk_model::{Finding, Report, Severity};

/// Rules within one report: the table rules, then the prose rules.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut out = within::check_tables(report);
    out.extend(prose::check_prose(report));
    out.extend(unlisted::check_unlisted(report));
    out
}

/// `(errors, warnings)` among `findings` (the `errors` and `warnings` columns of reports.csv;
/// the caller passes one report's findings, a cross-year finding counting for its later report).
pub fn severity_counts<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> (usize, usize) {
    findings
        .into_iter()
        .fold((0, 0), |(e, w), f| match f.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
            Severity::Info => (e, w),
        })
}
