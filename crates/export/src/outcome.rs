//! What one file gave: its report row, the hash of its bytes and its within-report findings
//! (made by [`crate::process`], written by [`crate::rows`] and the other writers).

use xxgk_audit::YearRecord;
use xxgk_model::{Finding, Report};

/// What one file gave.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub report: Report,
    /// Hex SHA-256 of the bytes; empty when the file could not be read.
    pub sha256: String,
    /// Within-report findings.
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// What the cross-year rules need of this report.
    pub fn year_record(&self) -> Option<YearRecord> {
        YearRecord::from_report(&self.report)
    }
}
