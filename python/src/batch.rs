//! `extract`: the real `xxgk extract` batch into a folder, run on its own thread while the
//! calling thread waits without the GIL, passes progress to Python and checks for Ctrl-C.
//!
//! Cancelling is cooperative and simple: on an interrupt (or an exception in the progress
//! callback) a flag is set; the pipeline then turns every file not yet started into a failed
//! row at once and the next progress report of the batch unwinds out of it, so the batch
//! thread stops soon and its staging files are removed. The caller does not wait for that: the
//! exception is raised at once and the folder is the caller's to discard.

use crate::XxgkError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;
use xxgk_export::{default_pipeline, Aliases, ExtractOptions, Pipeline, Summary};
use xxgk_model::{Report, Status};

/// How often the waiting thread wakes up to report progress and look for Ctrl-C.
const POLL: Duration = Duration::from_millis(100);

/// The payload of the unwind that stops a cancelled batch.
struct Cancelled;

/// The real pipeline, short-circuited once `cancel` is set.
fn cancellable(inner: Pipeline, cancel: Arc<AtomicBool>) -> Pipeline {
    Arc::new(move |bytes: &[u8], id: &str, name: &str| {
        if cancel.load(Ordering::Relaxed) {
            (
                Report::with_status(id, Status::Failed, "cancelled"),
                Vec::new(),
            )
        } else {
            inner(bytes, id, name)
        }
    })
}

/// Files done and total, as last reported by the batch.
#[derive(Default)]
struct Counts {
    done: AtomicUsize,
    total: AtomicUsize,
}

type BatchResult = std::thread::Result<Result<Summary, xxgk_export::Error>>;

/// Run `xxgk extract INPUTS --out OUT` with the CLI's defaults for everything not given.
#[pyfunction]
#[pyo3(signature = (inputs, out, threads, timeout, max_file_size, agencies, progress))]
#[allow(clippy::too_many_arguments)]
pub fn extract<'py>(
    py: Python<'py>,
    inputs: Vec<PathBuf>,
    out: PathBuf,
    threads: usize,
    timeout: f64,
    max_file_size: u64,
    agencies: Option<PathBuf>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let aliases = match agencies {
        None => Aliases::default(),
        Some(p) => xxgk_export::aliases::load(&p).map_err(XxgkError::new_err)?,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let opts = ExtractOptions {
        threads,
        timeout: Duration::from_secs_f64(timeout),
        max_file_bytes: max_file_size.saturating_mul(1 << 20),
        aliases,
        // records.jsonl too (an extra file; the CLI's four are unchanged), so that `audit` over
        // results has every report's full cross-year record, text fingerprints included.
        keep_records: true,
        pipeline: cancellable(default_pipeline(), cancel.clone()),
        ..ExtractOptions::default()
    };
    let counts = Arc::new(Counts::default());
    let (tx, rx) = mpsc::channel::<BatchResult>();
    {
        let (cancel, counts) = (cancel.clone(), counts.clone());
        std::thread::Builder::new()
            .name("xxgk-batch".into())
            .spawn(move || {
                let mut report = |done: usize, total: usize| {
                    if cancel.load(Ordering::Relaxed) {
                        resume_unwind(Box::new(Cancelled));
                    }
                    counts.total.store(total, Ordering::Relaxed);
                    counts.done.store(done, Ordering::Release);
                };
                let r = catch_unwind(AssertUnwindSafe(|| {
                    xxgk_export::extract(&inputs, &out, &opts, &mut report)
                }));
                let _ = tx.send(r);
            })
            .map_err(|e| XxgkError::new_err(format!("cannot start the batch thread: {e}")))?;
    }

    let mut shown = None;
    let mut rx = rx;
    let result = loop {
        // `Receiver` is not `Sync`: move it into the GIL-free closure and back.
        let (got, back) = py.detach(move || (rx.recv_timeout(POLL), rx));
        rx = back;
        let stop = |e: PyErr| {
            cancel.store(true, Ordering::Relaxed);
            e
        };
        if let Some(cb) = &progress {
            let now = (
                counts.done.load(Ordering::Acquire),
                counts.total.load(Ordering::Relaxed),
            );
            if shown != Some(now) {
                shown = Some(now);
                cb.call1(now).map_err(stop)?;
            }
        }
        py.check_signals().map_err(stop)?;
        match got {
            Ok(r) => break r,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(XxgkError::new_err("the batch stopped unexpectedly"))
            }
        }
    };
    let summary = result
        .map_err(|_| {
            XxgkError::new_err("internal error in the batch; please report it with the input")
        })?
        .map_err(crate::error)?;
    summary_dict(py, &summary)
}

/// The summary as a dict (keys as in `xxgk.Summary`).
fn summary_dict<'py>(py: Python<'py>, s: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let [ok, partial, legacy, unsupported, failed, skipped] = s.by_status;
    let by_status = PyDict::new(py);
    for (k, v) in [
        ("ok", ok),
        ("partial", partial),
        ("legacy", legacy),
        ("unsupported", unsupported),
        ("failed", failed),
        ("skipped", skipped),
    ] {
        by_status.set_item(k, v)?;
    }
    d.set_item("files", s.files)?;
    d.set_item("by_status", by_status)?;
    d.set_item("findings", s.findings)?;
    d.set_item("unreadable", s.unreadable)?;
    d.set_item("seconds", s.seconds)?;
    d.set_item("notes", s.notes.clone())?;
    d.set_item("line", s.line())?;
    Ok(d)
}
