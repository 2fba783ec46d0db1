//! `xxgk._xxgk`: the native half of the Python package `xxgk`.
//!
//! A thin layer over `xxgk-export`, like the CLI: [`batch`] runs the real `xxgk extract` batch
//! into a folder (the Python side loads its CSV files with pandas), [`single`] reads one report
//! in memory, [`cross`] runs the cross-year audit over output folders and [`codebook`] describes
//! every key. Errors become `xxgk.XxgkError` with the CLI's one-line messages. The Python API,
//! its docstrings and type stubs live in `python/xxgk/`.

mod batch;
mod codebook;
mod cross;
mod single;

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    _xxgk,
    XxgkError,
    PyException,
    "An error xxgk reports instead of results (the message is the CLI's one line)."
);

/// The error of a run, with the CLI's message.
fn error(e: xxgk_export::Error) -> PyErr {
    XxgkError::new_err(e.to_string())
}

/// A panic inside one file's work is caught and becomes a failed row; keep it off stderr (the
/// CLI does the same). This module has its own copy of the Rust runtime, so the hook touches
/// no other extension.
fn quiet_worker_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(xxgk_export::WORKER_THREAD) {
            default(info);
        }
    }));
}

#[pymodule]
fn _xxgk(m: &Bound<'_, PyModule>) -> PyResult<()> {
    quiet_worker_panics();
    m.add("XxgkError", m.py().get_type::<XxgkError>())?;
    m.add_function(wrap_pyfunction!(batch::extract, m)?)?;
    m.add_function(wrap_pyfunction!(single::read_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(single::read_path, m)?)?;
    m.add_function(wrap_pyfunction!(cross::audit, m)?)?;
    m.add_function(wrap_pyfunction!(codebook::codebook_csv, m)?)?;
    Ok(())
}
