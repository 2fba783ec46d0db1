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
//! `YearRecord` goes to a spill file (see [`crate::crossyear`]). After `cross_year`, reports.csv is re-written from
//! its scratch file with the cross-year findings added to `errors`/`warnings`, and findings.csv
//! is the merge (by report) of the scratch findings and the sorted cross-year findings.
//!
//! **Atomicity.** See [`crate::output`]: everything is renamed into place at the very end.

use crate::aliases::Aliases;
use crate::codebook;
use crate::crossyear::{self, RecordSpill, Spilled};
use crate::headers;
use crate::jsonl;
use crate::outcome::Outcome;
use crate::output::{csv_out, finish, Staging};
use crate::process::{default_pipeline, process, Limits, Pipeline};
use crate::rows::{self, Headers};
use crate::shard::Shard;
use crate::walk::{self, Input};
use crate::xlsx;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use xxgk_model::{Finding, Status};

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
    let cross = crossyear::cross_year(&spilled, &opts.aliases, out).map_err(io_out)?;
    summary.findings = finalize(&mut st, &pre, &cross, opts.bom, opts.headers).map_err(io_out)?;
    codebook::write(&mut st, opts.bom, opts.headers).map_err(io_out)?;
    if let Some(x) = &opts.xlsx {
        summary.notes.extend(write_xlsx(&mut st, x, opts.headers)?);
    }
    st.commit().map_err(io_out)?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// Check the output places before any input is read: `--out` is (or can be made) a writable
/// folder no other run is writing to, and `--xlsx` can be written and is none of the run's own
/// files. Returns the folder's lock.
pub(crate) fn prepare_output(
    out: &Path,
    xlsx: Option<&Path>,
) -> Result<crate::output::Lock, Error> {
    let usage = |m: String| Error::Usage(m);
    if out.exists() && !out.is_dir() {
        return Err(usage(format!(
            "--out {}: exists and is not a folder",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| {
        usage(format!(
            "--out {}: cannot create the folder: {}",
            out.display(),
            walk::describe_io(&e)
        ))
    })?;
    let lock = match crate::output::lock(out) {
        Ok(l) => l,
        Err(crate::output::LockError::Busy(pid)) => {
            return Err(Error::Busy(out.to_path_buf(), pid))
        }
        Err(crate::output::LockError::Io(e)) => {
            return Err(usage(format!(
                "--out {}: cannot write in the folder: {}",
                out.display(),
                walk::describe_io(&e)
            )))
        }
    };
    if let Some(x) = xlsx {
        check_xlsx(out, x)?;
    }
    Ok(lock)
}

fn check_xlsx(out: &Path, x: &Path) -> Result<(), Error> {
    let bad = |why: String| Error::Usage(format!("--xlsx {}: {why}", x.display()));
    let name = x
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| bad("not a file name".into()))?;
    if x.is_dir() {
        return Err(bad("is a folder; give a file name such as 年报.xlsx".into()));
    }
    let parent = x
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let same_folder = std::fs::canonicalize(parent)
        .ok()
        .zip(std::fs::canonicalize(out).ok())
        .is_some_and(|(a, b)| a == b);
    if same_folder && crate::output::OWN_FILES.contains(&name.as_str()) {
        return Err(bad(format!(
            "would overwrite {name}, which this run writes; choose another name"
        )));
    }
    // The nearest existing ancestor must be a folder we can write in.
    let mut probe = parent.to_path_buf();
    while !probe.exists() {
        match probe.parent() {
            Some(p) if !p.as_os_str().is_empty() => probe = p.to_path_buf(),
            _ => {
                probe = PathBuf::from(".");
                break;
            }
        }
    }
    if !probe.is_dir() {
        return Err(bad(format!("{} is a file, not a folder", probe.display())));
    }
    std::fs::create_dir_all(parent).map_err(|e| {
        bad(format!(
            "cannot create {}: {}",
            parent.display(),
            walk::describe_io(&e)
        ))
    })?;
    let test = parent.join(format!(".{name}.xxgk-probe"));
    std::fs::write(&test, b"").map_err(|e| {
        bad(format!(
            "cannot write in {}: {}",
            parent.display(),
            walk::describe_io(&e)
        ))
    })?;
    let _ = std::fs::remove_file(&test);
    Ok(())
}

/// Scratch files holding the rows that wait for the cross-year audit.
pub(crate) struct PreFiles {
    pub reports: PathBuf,
    pub findings: PathBuf,
    pub jsonl: Option<PathBuf>,
}

/// The writers of one run, fed in report order.
struct Sink {
    values: crate::output::CsvOut,
    wide: crate::output::CsvOut,
    reports: crate::output::CsvOut,
    findings: crate::output::CsvOut,
    jsonl: Option<std::io::BufWriter<std::fs::File>>,
    pre: PreFiles,
    records: RecordSpill,
}

impl Sink {
    fn new(st: &mut Staging, opts: &ExtractOptions) -> std::io::Result<Sink> {
        let mut values = csv_out(st.output("values.csv")?, opts.bom)?;
        values.write_record(headers::row(&rows::VALUES_HEADER, opts.headers))?;
        let mut wide = csv_out(st.output("wide.csv")?, opts.bom)?;
        wide.write_record(rows::wide_header(opts.headers))?;
        let (reports_path, f) = st.scratch("reports.csv")?;
        let mut reports = csv_out(f, false)?;
        reports.write_record(rows::REPORTS_HEADER)?;
        let (findings_path, f) = st.scratch("findings.csv")?;
        let mut findings = csv_out(f, false)?;
        findings.write_record(rows::FINDINGS_HEADER)?;
        let (jsonl, jsonl_path) = if opts.jsonl {
            let (p, f) = st.scratch("reports.jsonl")?;
            (Some(std::io::BufWriter::new(f)), Some(p))
        } else {
            (None, None)
        };
        let records = if opts.keep_records || opts.shard.is_some() {
            let f = st.output(crate::RECORDS_FILE)?;
            let path = st
                .temp_of(crate::RECORDS_FILE)
                .ok_or_else(|| std::io::Error::other("records.jsonl was not registered"))?;
            RecordSpill::new(path, f)
        } else {
            let (path, f) = st.scratch(crate::RECORDS_FILE)?;
            RecordSpill::new(path, f)
        };
        Ok(Sink {
            values,
            wide,
            reports,
            findings,
            jsonl,
            pre: PreFiles {
                reports: reports_path,
                findings: findings_path,
                jsonl: jsonl_path,
            },
            records,
        })
    }

    fn write(&mut self, o: &Outcome) -> std::io::Result<()> {
        let (errors, warnings) = xxgk_audit::severity_counts(&o.findings);
        self.reports
            .write_record(rows::report_row(o, errors, warnings))?;
        for row in rows::value_rows(&o.report) {
            self.values.write_record(row)?;
        }
        self.wide.write_record(rows::wide_row(&o.report))?;
        for f in &o.findings {
            self.findings.write_record(rows::finding_row(f))?;
        }
        if let Some(j) = &mut self.jsonl {
            serde_json::to_writer(&mut *j, &jsonl::report_json(o))?;
            j.write_all(b"\n")?;
        }
        if let Some(rec) = o.year_record() {
            self.records.push(&rec)?;
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<(PreFiles, Spilled)> {
        finish(self.values)?;
        finish(self.wide)?;
        finish(self.reports)?;
        finish(self.findings)?;
        if let Some(mut j) = self.jsonl {
            j.flush()?;
        }
        Ok((self.pre, self.records.finish()?))
    }
}

/// Write reports.csv, findings.csv (and reports.jsonl) from the scratch files plus the
/// cross-year findings (sorted). Returns the number of findings rows.
pub(crate) fn finalize(
    st: &mut Staging,
    pre: &PreFiles,
    cross: &[Finding],
    bom: bool,
    h: Headers,
) -> std::io::Result<usize> {
    let mut by_report: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in cross {
        by_report.entry(f.report.as_str()).or_default().push(f);
    }

    // reports.csv: the scratch rows, with the cross-year counts added.
    let mut reports = csv_out(st.output("reports.csv")?, bom)?;
    let mut rdr = crate::output::csv_in(&pre.reports)?;
    let header = rdr.headers().map_err(std::io::Error::other)?.clone();
    let (errors_col, warnings_col) = (
        rows::column(&header, "errors"),
        rows::column(&header, "warnings"),
    );
    let names: Vec<&str> = header.iter().collect();
    reports.write_record(headers::row(&names, h))?;
    for rec in rdr.records() {
        let rec = rec.map_err(std::io::Error::other)?;
        let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
        if let Some(fs) = rec
            .get(0)
            .and_then(|id| by_report.get(rows::plain_cell(id)))
        {
            let (e, w) = xxgk_audit::severity_counts(fs.iter().copied());
            for (col, add) in [(errors_col, e), (warnings_col, w)] {
                if let Some(cell) = col.and_then(|c| row.get_mut(c)) {
                    let n: usize = cell.parse().unwrap_or(0);
                    *cell = (n + add).to_string();
                }
            }
        }
        reports.write_record(&row)?;
    }
    finish(reports)?;

    // findings.csv: within-report rows (in report order) merged with the cross-year ones;
    // for one report, its own findings come first.
    let mut findings = csv_out(st.output("findings.csv")?, bom)?;
    findings.write_record(headers::row(&rows::FINDINGS_HEADER, h))?;
    let mut n = 0;
    let mut next = cross.iter().peekable();
    let mut rdr = crate::output::csv_in(&pre.findings)?;
    for rec in rdr.records() {
        let rec = rec.map_err(std::io::Error::other)?;
        let id = rows::plain_cell(rec.get(0).unwrap_or_default());
        while let Some(f) = next.next_if(|f| f.report.as_str() < id) {
            findings.write_record(rows::finding_row(f))?;
            n += 1;
        }
        findings.write_record(&rec)?;
        n += 1;
    }
    for f in next {
        findings.write_record(rows::finding_row(f))?;
        n += 1;
    }
    finish(findings)?;

    if let Some(pre_jsonl) = &pre.jsonl {
        let mut w = std::io::BufWriter::new(st.output("reports.jsonl")?);
        let r = crate::output::open_skip_bom(pre_jsonl)?;
        for line in r.lines() {
            let line = line?;
            let mut obj: serde_json::Value =
                serde_json::from_str(&line).map_err(std::io::Error::other)?;
            let id = obj
                .get("report")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let cross: Vec<Finding> = by_report
                .get(id.as_str())
                .map(|v| v.iter().map(|f| (*f).clone()).collect())
                .unwrap_or_default();
            jsonl::set_cross_findings(&mut obj, &cross);
            serde_json::to_writer(&mut w, &obj)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    Ok(n)
}

/// Write the workbook from the finished (still temporary) CSVs.
pub(crate) fn write_xlsx(st: &mut Staging, dest: &Path, h: Headers) -> Result<Vec<String>, Error> {
    let tmp_of = |name: &str| {
        st.temp_of(name)
            .ok_or_else(|| Error::Other(format!("{name} was not written")))
    };
    let sheets = xlsx::standard_sheets(
        tmp_of("reports.csv")?,
        tmp_of("wide.csv")?,
        tmp_of("findings.csv")?,
        tmp_of("values.csv")?,
        tmp_of(codebook::CODEBOOK_FILE)?,
    );
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::Output(parent.to_path_buf(), e))?;
    }
    let tmp = st.adopt(dest);
    xlsx::write(&tmp, &sheets, h).map_err(Error::Other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{FindingStatus, Severity};

    fn finding(report: &str, other: &str, rule: &str, severity: Severity) -> Finding {
        Finding {
            report: report.into(),
            other_report: other.into(),
            rule: rule.into(),
            severity,
            status: FindingStatus::Fail,
            cells: vec!["t3.carried_in.total".into()],
            expected: "5".into(),
            actual: "6".into(),
            message: "上年结转 ≠ 上年结转下年度".into(),
        }
    }

    fn outcome(id: &str, findings: Vec<Finding>) -> Outcome {
        Outcome {
            report: xxgk_model::Report::with_status(id, Status::Unsupported, "x"),
            sha256: "00".into(),
            findings,
        }
    }

    #[test]
    fn cross_year_findings_are_merged_by_report_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let opts = ExtractOptions {
            jsonl: true,
            ..ExtractOptions::default()
        };
        let mut st = Staging::new(dir.path()).unwrap();
        let mut sink = Sink::new(&mut st, &opts).unwrap();
        sink.write(&outcome(
            "a",
            vec![finding("a", "", "T3-1", Severity::Error)],
        ))
        .unwrap();
        sink.write(&outcome("b", vec![])).unwrap();
        sink.write(&outcome(
            "c",
            vec![finding("c", "", "T3-2", Severity::Warning)],
        ))
        .unwrap();
        let (pre, _) = sink.finish().unwrap();
        let cross = vec![
            finding("a", "a0", "X-1", Severity::Warning),
            finding("b", "b0", "X-1", Severity::Warning),
            finding("c", "c0", "X-1", Severity::Error),
            finding("d", "d0", "X-1", Severity::Warning),
        ];
        let n = finalize(&mut st, &pre, &cross, false, Headers::En).unwrap();
        st.commit().unwrap();
        assert_eq!(n, 6);
        let findings = std::fs::read_to_string(dir.path().join("findings.csv")).unwrap();
        let order: Vec<String> = findings
            .lines()
            .skip(1)
            .map(|l| l.split(',').take(3).collect::<Vec<_>>().join(","))
            .collect();
        assert_eq!(
            order,
            ["a,,T3-1", "a,a0,X-1", "b,b0,X-1", "c,,T3-2", "c,c0,X-1", "d,d0,X-1"]
        );
        let reports = std::fs::read_to_string(dir.path().join("reports.csv")).unwrap();
        let counts: Vec<String> = reports
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                format!("{} {}/{}", f[0], f[10], f[11])
            })
            .collect();
        assert_eq!(counts, ["a 1/1", "b 0/1", "c 1/1"]);
        let jsonl = std::fs::read_to_string(dir.path().join("reports.jsonl")).unwrap();
        let c: serde_json::Value = serde_json::from_str(jsonl.lines().nth(2).unwrap()).unwrap();
        assert_eq!(c["errors"], 1);
        assert_eq!(c["warnings"], 1);
        assert_eq!(c["findings"][1]["other_report"], "c0");
        // Only the final files are left.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "findings.csv",
                "reports.csv",
                "reports.jsonl",
                "values.csv",
                "wide.csv",
                "xxgk-run.json"
            ]
        );
    }

    #[test]
    fn an_abandoned_run_leaves_no_partial_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("reports.csv"), "previous run\n").unwrap();
        {
            let mut st = Staging::new(dir.path()).unwrap();
            let mut sink = Sink::new(&mut st, &ExtractOptions::default()).unwrap();
            sink.write(&outcome("a", vec![])).unwrap();
            // Dropped without commit, as when a run fails half-way.
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["reports.csv"]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("reports.csv")).unwrap(),
            "previous run\n"
        );
    }
}
