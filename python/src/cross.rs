//! `audit`: the cross-year rules over earlier output folders, as findings.csv text.

use pyo3::prelude::*;
use std::path::PathBuf;
use xxgk_export::Aliases;

/// `xxgk audit DIRS` (with `--agencies`), returned as the CSV it would write.
#[pyfunction]
#[pyo3(signature = (dirs, agencies))]
pub fn audit(py: Python<'_>, dirs: Vec<PathBuf>, agencies: Option<PathBuf>) -> PyResult<String> {
    let aliases = match agencies {
        None => Aliases::default(),
        Some(p) => xxgk_export::aliases::load(&p).map_err(crate::XxgkError::new_err)?,
    };
    let findings = py
        .detach(|| xxgk_export::audit_dirs(&dirs, &aliases))
        .map_err(crate::error)?;
    let mut buf = Vec::new();
    xxgk_export::write_findings(&mut buf, &findings)
        .map_err(|e| crate::XxgkError::new_err(format!("cannot write the findings: {e}")))?;
    String::from_utf8(buf)
        .map_err(|e| crate::XxgkError::new_err(format!("findings are not UTF-8: {e}")))
}
