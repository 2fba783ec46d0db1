//! Audit findings, as written to findings.csv.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The numbers printed in the report contradict each other.
    Error,
    /// Suspicious, or a cross-year break that may be legitimate.
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    /// Fails with every operand printed.
    Fail,
    /// Fails only because a blank or absent operand was read as 0.
    Uncertain,
}

impl FindingStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            FindingStatus::Fail => "fail",
            FindingStatus::Uncertain => "uncertain",
        }
    }

    pub fn parse(s: &str) -> Option<FindingStatus> {
        Some(match s {
            "fail" => FindingStatus::Fail,
            "uncertain" => FindingStatus::Uncertain,
            _ => return None,
        })
    }
}

/// One contradiction found by the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The report the finding is about (for cross-year rules: the later year).
    pub report: String,
    /// For cross-year rules: the earlier year's report; empty otherwise.
    pub other_report: String,
    /// Rule id, e.g. `T3-1`, `X-1`, `P-1`, `R-1`.
    pub rule: String,
    pub severity: Severity,
    pub status: FindingStatus,
    /// Keys involved, each `table.row.col`.
    pub cells: Vec<String>,
    /// The two sides of the equation, as numbers.
    pub expected: String,
    pub actual: String,
    pub message: String,
}
