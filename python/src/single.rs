//! `read`: one report in memory, as the JSON object of `reports.jsonl` (meta, every expected
//! cell, findings), which the Python side turns into an `xxgk.Report`.

use crate::XxgkError;
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::Duration;
use xxgk_export::process::{process, Limits};
use xxgk_export::walk::Input;
use xxgk_export::{default_pipeline, jsonl, Outcome};
use xxgk_model::{Report, Status};

/// Read a report from bytes (no time budget: the bytes are already in memory). `sha256` is
/// the caller's hex digest of `data`.
#[pyfunction]
pub fn read_bytes(py: Python<'_>, data: &[u8], name: String, sha256: String) -> String {
    py.detach(|| {
        let pipeline = default_pipeline();
        let (report, findings) = catch_unwind(AssertUnwindSafe(|| pipeline(data, &name, &name)))
            .unwrap_or_else(|_| {
                let msg = "internal error while reading this file; please report it with the file";
                (Report::with_status(&name, Status::Failed, msg), Vec::new())
            });
        let o = Outcome {
            report,
            sha256,
            findings,
        };
        jsonl::report_json(&o).to_string()
    })
}

/// Read a report from a file, with the batch's size cap and time budget.
#[pyfunction]
#[pyo3(signature = (path, name, timeout, max_file_size))]
pub fn read_path(
    py: Python<'_>,
    path: PathBuf,
    name: Option<String>,
    timeout: f64,
    max_file_size: u64,
) -> PyResult<String> {
    if std::fs::symlink_metadata(&path).is_err() {
        return Err(crate::error(xxgk_export::Error::MissingInput(path)));
    }
    if path.is_dir() {
        return Err(XxgkError::new_err(format!(
            "{} is a folder; xxgk.read reads one file (use xxgk.extract for folders)",
            path.display()
        )));
    }
    let input = Input {
        id: name.unwrap_or_else(|| {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string())
        }),
        path,
        problem: None,
        member: None,
    };
    let limits = Limits {
        timeout: Duration::from_secs_f64(timeout),
        max_bytes: max_file_size.saturating_mul(1 << 20),
        pipeline: default_pipeline(),
        // One file read in memory: no output folder to keep Tesseract's answers in.
        ocr_cache: None,
    };
    Ok(py.detach(|| jsonl::report_json(&process(&input, &limits)).to_string()))
}
