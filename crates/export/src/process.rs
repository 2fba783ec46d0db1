//! One file: read the bytes (size-capped), hash them, then ingest → parse → audit inside
//! `catch_unwind` and under a time budget.
//!
//! The budget works with a watchdog: the file's work runs on a helper thread owned by the calling
//! worker (one per worker, reused from file to file) and the worker waits on a channel with a
//! timeout. On overrun the file gets status `failed` ("timed out after N s") and the helper is
//! abandoned (Rust cannot stop a thread); it finishes or spins on its own and never blocks the
//! output, since nothing waits for it any more. The worker starts a new helper for its next file.

use crate::walk::{describe_io, Input};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use xxgk_audit::YearRecord;
use xxgk_model::{Finding, Format, Report, Status};

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

/// The work done on one file's bytes: ingest → parse → audit. Replaceable (tests use their own).
pub type Pipeline = Arc<dyn Fn(&[u8], &str, &str) -> (Report, Vec<Finding>) + Send + Sync>;

/// The real pipeline: `xxgk_ingest::ingest` → `xxgk_parser::parse` → `xxgk_audit::check`.
pub fn default_pipeline() -> Pipeline {
    Arc::new(|bytes: &[u8], id: &str, file_name: &str| {
        match xxgk_ingest::ingest(bytes, file_name) {
            Ok(doc) => {
                let mut report = xxgk_parser::parse(&doc, id, file_name);
                if report.meta.format.is_none() {
                    report.meta.format = Some(doc.format);
                }
                if report.meta.pages.is_none() {
                    report.meta.pages = doc.page_count();
                }
                let findings = xxgk_audit::check(&report);
                (report, findings)
            }
            Err(e) => (Report::with_status(id, e.status, e.message), Vec::new()),
        }
    })
}

/// Limits on one file.
#[derive(Clone)]
pub struct Limits {
    /// Time budget for ingest + parse + audit.
    pub timeout: Duration,
    /// Larger files are reported as failed without being read.
    pub max_bytes: u64,
    pub pipeline: Pipeline,
}

/// Process one input; never panics, always returns an outcome for it.
pub fn process(input: &Input, limits: &Limits) -> Outcome {
    let failed = |msg: String, sha: String, format: Option<Format>| {
        let mut report = Report::with_status(input.id.clone(), Status::Failed, msg);
        report.meta.format = format;
        Outcome {
            report,
            sha256: sha,
            findings: Vec::new(),
        }
    };
    if let Some(problem) = &input.problem {
        return failed(problem.clone(), String::new(), None);
    }
    let bytes = match read_capped(input, limits.max_bytes) {
        Ok(b) => b,
        Err(msg) => return failed(msg, String::new(), None),
    };
    let sha = hex(&Sha256::digest(&bytes));
    let format = xxgk_ingest::sniff::sniff(&bytes);
    let format_known = (format != Format::Unknown).then_some(format);

    let pipeline = limits.pipeline.clone();
    let id = input.id.clone();
    let file_name = input.file_name();
    let job: Job = Box::new(move || {
        catch_unwind(AssertUnwindSafe(|| pipeline(&bytes, &id, &file_name)))
            .map_err(|p| panic_text(p.as_ref()))
    });
    let outcome = match run_with_budget(job, limits.timeout) {
        Ok(r) => r,
        Err(e) => {
            return failed(
                format!("could not start a worker thread: {e}"),
                sha,
                format_known,
            )
        }
    };
    match outcome {
        Ok(Ok((mut report, findings))) => {
            report.report = input.id.clone();
            if report.meta.format.is_none() {
                report.meta.format = format_known;
            }
            Outcome {
                report,
                sha256: sha,
                findings,
            }
        }
        Ok(Err(panic)) => failed(
            format!(
                "internal error while reading this file ({panic}); please report it with the file"
            ),
            sha,
            format_known,
        ),
        Err(mpsc::RecvTimeoutError::Timeout) => failed(
            format!(
                "timed out after {} s (--timeout-per-file); the file was given up",
                secs(limits.timeout)
            ),
            sha,
            format_known,
        ),
        Err(mpsc::RecvTimeoutError::Disconnected) => failed(
            "the worker stopped without a result".to_string(),
            sha,
            format_known,
        ),
    }
}

/// The name of the threads doing one file's work (the CLI keeps their panics quiet).
pub const WORKER_THREAD: &str = "xxgk-file";

type JobResult = Result<(Report, Vec<Finding>), String>;
type Job = Box<dyn FnOnce() -> JobResult + Send>;

/// A long-lived thread that runs one file's work at a time for the worker that owns it. Reusing
/// it (rather than a thread per file) keeps the number of threads, and of allocator arenas, at
/// the worker count; it is replaced only after a timeout.
struct Helper {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<JobResult>,
}

impl Helper {
    fn spawn() -> std::io::Result<Helper> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        std::thread::Builder::new()
            .name(WORKER_THREAD.to_string())
            .stack_size(16 << 20)
            .spawn(move || {
                for job in job_rx {
                    if result_tx.send(job()).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Helper { jobs, results })
    }
}

thread_local! {
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// Run `job` on this worker's helper thread and wait at most `timeout`. On overrun the helper
/// is abandoned (it finishes or spins on its own; its result is never read) and the next file
/// gets a new one.
fn run_with_budget(
    job: Job,
    timeout: Duration,
) -> std::io::Result<Result<JobResult, mpsc::RecvTimeoutError>> {
    HELPER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let helper = match slot.take() {
            Some(h) => h,
            None => Helper::spawn()?,
        };
        // A helper whose thread is gone cannot take the job back: start a new one.
        let helper = match helper.jobs.send(job) {
            Ok(()) => helper,
            Err(mpsc::SendError(job)) => {
                let h = Helper::spawn()?;
                h.jobs
                    .send(job)
                    .map_err(|_| std::io::Error::other("the new worker thread stopped"))?;
                h
            }
        };
        let result = helper.results.recv_timeout(timeout);
        if result.is_ok() {
            *slot = Some(helper);
        }
        Ok(result)
    })
}

fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{}", s as u64)
    } else {
        format!("{s:.1}")
    }
}

fn read_capped(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    let bytes = read_file_capped(input, max)?;
    match &input.member {
        Some(m) => xxgk_ingest::archive::member(&bytes, m).map_err(|e| e.message),
        None => Ok(bytes),
    }
}

fn read_file_capped(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(&input.path)
        .map_err(|e| format!("cannot open: {}", describe_io(&e)))?;
    let too_large = |n: u64| {
        format!(
            "file is larger than the limit of {} MB (--max-file-size); not read ({} bytes)",
            max / (1 << 20),
            n
        )
    };
    if let Ok(m) = file.metadata() {
        if m.len() > max {
            return Err(too_large(m.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", describe_io(&e)))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    let text = if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    };
    crate::rows::one_line(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn limits(p: Pipeline) -> Limits {
        Limits {
            timeout: Duration::from_secs(60),
            max_bytes: 1 << 20,
            pipeline: p,
        }
    }

    fn temp_input(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Input {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        Input {
            member: None,
            id: name.to_string(),
            path,
            problem: None,
        }
    }

    #[test]
    fn a_panic_becomes_a_failed_row_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "boom.txt", b"hello");
        let o = process(
            &input,
            &limits(Arc::new(|_: &[u8], _: &str, _: &str| panic!("kaboom"))),
        );
        assert_eq!(o.report.status, Status::Failed);
        assert!(o.report.message.contains("kaboom"), "{}", o.report.message);
        assert_eq!(
            o.sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
        assert_eq!(o.report.meta.format, Some(Format::Txt));
    }

    #[test]
    fn an_overrun_becomes_a_failed_row() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "slow.txt", b"hello");
        let mut l = limits(Arc::new(|_: &[u8], _: &str, _: &str| {
            std::thread::sleep(Duration::from_secs(3600));
            unreachable!()
        }));
        l.timeout = Duration::from_millis(300);
        let o = process(&input, &l);
        assert_eq!(o.report.status, Status::Failed);
        assert_eq!(
            o.report.message,
            "timed out after 0.3 s (--timeout-per-file); the file was given up"
        );
    }

    #[test]
    fn a_file_over_the_size_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "big.txt", &vec![b'a'; (1 << 20) + 1]);
        let o = process(&input, &limits(default_pipeline()));
        assert_eq!(o.report.status, Status::Failed);
        assert!(o.report.message.contains("larger than the limit of 1 MB"));
    }

    #[test]
    fn an_unopenable_file_is_failed_not_fatal() {
        let input = Input {
            member: None,
            id: "gone.pdf".into(),
            path: PathBuf::from("/nonexistent/xxgk/gone.pdf"),
            problem: None,
        };
        let o = process(&input, &limits(default_pipeline()));
        assert_eq!(o.report.status, Status::Failed);
        assert_eq!(o.report.message, "cannot open: not found");
        assert_eq!(o.sha256, "");
    }
}
