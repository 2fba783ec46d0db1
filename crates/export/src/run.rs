//! `xxgk extract`: the batch.
//!
//! **Order.** The inputs are walked and sorted by report id first. Files are handed to a rayon
//! pool of `--threads` workers at most `window` (= 8 × threads + 16, at most 512) ahead of the
//! next file to write, so one slow file does not idle the other workers at once; finished files wait in a reorder buffer (a `BTreeMap` keyed by position) until every
//! earlier file is written. Rows therefore come out in report-id order whatever the thread count,
//! and memory holds at most `window` reports at a time, not the whole run.
//!
//! **Streaming.** values.csv and wide.csv are written as files finish. reports.csv and
//! findings.csv need the cross-year audit, which can only run at the end: their rows go to
//! scratch files as files finish (with the within-report counts), and each report's
//! `YearRecord` goes to a spill file (see [`crate::spill`]). After `cross_year`, reports.csv is re-written from
//! its scratch file with the cross-year findings added to `errors`/`warnings`, and findings.csv
//! is the merge (by report) of the scratch findings and the sorted cross-year findings.
//!
//! **Atomicity.** See [`crate::output`]: everything is renamed into place at the very end.

use crate::aliases::Aliases;
use crate::codebook;
use crate::outcome::Outcome;
use crate::output::Staging;
use crate::process::{default_pipeline, process, Limits, Pipeline};
use crate::rows::Headers;
use crate::shard::Shard;
use crate::spill;
use crate::walk::{self, Input};
use crate::write::{finalize, prepare_output, write_xlsx, Sink};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use xxgk_model::Status;

/// The most reports held in the reorder buffer (a report is tens of kilobytes).
const MAX_WINDOW: usize = 512;

/// Options of `xxgk extract`.
#[derive(Clone)]
pub struct ExtractOptions {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Time budget per file.
    pub timeout: Duration,
    /// Files larger than this are reported as failed.
    pub max_file_bytes: u64,
    /// Write a UTF-8 BOM at the start of every CSV (for Excel).
    pub bom: bool,
    pub headers: Headers,
    /// Also write `reports.jsonl`.
    pub jsonl: bool,
    /// Also write this workbook.
    pub xlsx: Option<PathBuf>,
    pub shard: Option<Shard>,
    /// Also write `records.jsonl` (what the cross-year audit needs of each report, for
    /// `merge` and `audit`); always on with `shard`.
    pub keep_records: bool,
    pub aliases: Aliases,
    /// ingest → parse → audit (replaceable for tests).
    pub pipeline: Pipeline,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            threads: 0,
            timeout: Duration::from_secs(60),
            max_file_bytes: 256 << 20,
            bom: false,
            headers: Headers::En,
            jsonl: false,
            xlsx: None,
            shard: None,
            keep_records: false,
            aliases: Aliases::default(),
            pipeline: default_pipeline(),
        }
    }
}

/// Why a run could not complete.
#[derive(Debug)]
pub enum Error {
    /// An input path that does not exist.
    MissingInput(PathBuf),
    /// Nothing to read.
    NoInput(String),
    /// The output folder cannot be created or written.
    Output(PathBuf, std::io::Error),
    /// A bad option value, caught before any input is read (the message names the option).
    Usage(String),
    /// Another run is writing into the same output folder (its process id).
    Busy(PathBuf, u32),
    /// Stopped by Ctrl-C; nothing was written.
    Interrupted(PathBuf),
    /// A malformed earlier output (merge, audit, eval) or another I/O failure.
    Other(String),
}

impl Error {
    /// 2 for what the user can fix on the command line, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::MissingInput(_)
            | Error::NoInput(_)
            | Error::Output(..)
            | Error::Usage(_)
            | Error::Busy(..) => 2,
            Error::Interrupted(_) => 130,
            Error::Other(_) => 1,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::MissingInput(p) => write!(f, "input not found: {}", p.display()),
            Error::NoInput(m) => write!(f, "{m}"),
            Error::Output(p, e) => write!(
                f,
                "cannot write to the output folder {}: {}",
                p.display(),
                crate::walk::describe_io(e)
            ),
            Error::Usage(m) => write!(f, "{m}"),
            Error::Busy(p, pid) => write!(
                f,
                "another xxgk run (process {pid}) is writing to {}; wait for it to finish (if none is running, remove {})",
                p.display(),
                p.join(crate::output::LOCK).display()
            ),
            Error::Interrupted(p) => write!(
                f,
                "interrupted: temporary files removed; nothing new was written and the files already in {} are unchanged",
                p.display()
            ),
            Error::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub files: usize,
    /// Files by status, in the order ok, partial, legacy, unsupported, failed, skipped.
    pub by_status: [usize; 6],
    /// Rows of findings.csv.
    pub findings: usize,
    /// Files whose bytes could not be read at all (a subset of failed).
    pub unreadable: usize,
    pub seconds: f64,
    /// Symlink loops, unreadable folders, sheets left out of the workbook, ….
    pub notes: Vec<String>,
}

impl Summary {
    fn count(&mut self, s: Status) {
        let i = match s {
            Status::Ok => 0,
            Status::Partial => 1,
            Status::Legacy => 2,
            Status::Unsupported => 3,
            Status::Failed => 4,
            Status::Skipped => 5,
        };
        self.by_status[i] += 1;
        self.files += 1;
    }

    /// The one-line summary printed at the end.
    /// The summary line without the output folder (see [`crate::summary_line::summary_line`]
    /// for the one `extract` prints).
    pub fn line(&self) -> String {
        format!(
            "{}: {}; {}; {}",
            plural(self.files, "file", "files"),
            self.statuses(),
            plural(self.findings, "finding", "findings"),
            self.pace()
        )
    }

    /// `30 ok, 3 partial, 1 legacy, 2 unsupported, 3 failed` (`, 2 skipped` when there are).
    pub(crate) fn statuses(&self) -> String {
        let [ok, partial, legacy, unsupported, failed, skipped] = self.by_status;
        let skipped = if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        };
        format!("{ok} ok, {partial} partial, {legacy} legacy, {unsupported} unsupported, {failed} failed{skipped}")
    }

    /// `2.1 s, 18.6 files/s`.
    pub(crate) fn pace(&self) -> String {
        let rate = if self.seconds > 0.0 {
            self.files as f64 / self.seconds
        } else {
            0.0
        };
        format!("{:.1} s, {:.1} files/s", self.seconds, rate)
    }
}

/// `1 file`, `2 files`, `0 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Progress: `(files done, files total)`.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// Run `xxgk extract` over `inputs` into `out`.
pub fn extract(
    inputs: &[PathBuf],
    out: &Path,
    opts: &ExtractOptions,
    progress: Progress<'_>,
) -> Result<Summary, Error> {
    let start = Instant::now();
    // Walking reads no file; the output places are checked before the first file is read.
    let walked = walk::collect(inputs, Some(out)).map_err(|m| Error::MissingInput(m.0))?;
    let mut summary = Summary {
        notes: walked.notes,
        ..Summary::default()
    };
    let mut files = walked.files;
    if files.is_empty() {
        return Err(Error::NoInput(format!(
            "no input files found in {}",
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if let Some(shard) = opts.shard {
        let before = files.len();
        files.retain(|f| shard.contains(&f.id));
        summary
            .notes
            .push(format!("shard {shard}: {} of {before} files", files.len()));
    }

    let _lock = prepare_output(out, opts.xlsx.as_deref())?;
    let io_out = |e: std::io::Error| Error::Output(out.to_path_buf(), e);
    let mut st = Staging::new(out).map_err(io_out)?;
    st.shard = opts.shard.map(|s| s.to_string());
    let mut sink = Sink::new(&mut st, opts).map_err(io_out)?;

    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("xxgk-worker-{i}"))
        .build()
        .map_err(|e| Error::Other(format!("cannot start {threads} worker threads: {e}")))?;
    let limits = Limits {
        timeout: opts.timeout,
        max_bytes: opts.max_file_bytes,
        pipeline: opts.pipeline.clone(),
        ocr_cache: Some(out.join(crate::output::OCR_CACHE)),
    };

    let total = files.len();
    progress(0, total);
    let window = (threads * 8 + 16).min(MAX_WINDOW);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut next_dispatch = 0;
    let mut next_write = 0;
    let mut files: Vec<Option<Input>> = files.into_iter().map(Some).collect();
    while next_write < total {
        while next_dispatch < total && next_dispatch < next_write + window {
            if let Some(input) = files.get_mut(next_dispatch).and_then(Option::take) {
                let tx = tx.clone();
                let limits = limits.clone();
                let i = next_dispatch;
                pool.spawn(move || {
                    // `process` does not panic: a file's data is read under its `catch_unwind`.
                    let o = process(&input, &limits);
                    let _ = tx.send((i, o));
                });
            }
            next_dispatch += 1;
        }
        if xxgk_model::budget::cancelled() {
            return Err(Error::Interrupted(out.to_path_buf()));
        }
        let (i, o) = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(x) => x,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Error::Other("the worker pool stopped unexpectedly".into()))
            }
        };
        pending.insert(i, o);
        while let Some(o) = pending.remove(&next_write) {
            summary.count(o.report.status);
            if o.sha256.is_empty() {
                summary.unreadable += 1;
            }
            sink.write(&o).map_err(io_out)?;
            next_write += 1;
            progress(next_write, total);
        }
    }
    drop(pool);
    if xxgk_model::budget::cancelled() {
        return Err(Error::Interrupted(out.to_path_buf()));
    }

    let (pre, spilled) = sink.finish().map_err(io_out)?;
    let cross = spill::cross_year(&spilled, &opts.aliases, out).map_err(io_out)?;
    summary.findings = finalize(&mut st, &pre, &cross, opts.bom, opts.headers).map_err(io_out)?;
    codebook::write(&mut st, opts.bom, opts.headers).map_err(io_out)?;
    if let Some(x) = &opts.xlsx {
        summary.notes.extend(write_xlsx(&mut st, x, opts.headers)?);
    }
    st.commit().map_err(io_out)?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
