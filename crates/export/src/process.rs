//! One file: read the bytes (size-capped), then on a helper thread, inside the batch's one
//! `catch_unwind` and under a time budget: the archive member, the hash, ingest → parse → audit.
//!
//! The budget is enforced twice. The file's work runs on a helper thread owned by the calling
//! worker (one per worker, reused from file to file) with a deadline set in
//! [`xxgk_model::budget`]; the readers' hot loops check it and stop, so the work ends and its
//! memory comes back soon after the deadline. The worker itself waits on a channel with the same
//! timeout (a watchdog for any loop that does not check): on overrun the file gets status
//! `failed` ("timed out after N s"), the helper is left to stop at its next check and the
//! worker starts a new helper for its next file.

use crate::outcome::Outcome;
use crate::walk::{describe_io, Input};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use xxgk_model::{budget, Finding, Format, Report, Status};

/// The work done on one file's bytes: ingest → parse → audit. Replaceable (tests use their own).
pub type Pipeline = Arc<dyn Fn(&[u8], &str, &str) -> (Report, Vec<Finding>) + Send + Sync>;

/// The real pipeline: `xxgk_ingest::ingest` → `xxgk_parser::parse` → `xxgk_audit::check`.
pub fn default_pipeline() -> Pipeline {
    Arc::new(|bytes: &[u8], id: &str, file_name: &str| {
        match xxgk_ingest::ingest(bytes, file_name) {
            Ok(doc) => {
                let mut report = xxgk_parser::parse(&doc, id, file_name);
                if budget::expired_now() {
                    return (timed_out(id), Vec::new());
                }
                if report.meta.format.is_none() {
                    report.meta.format = Some(doc.format);
                }
                if report.meta.pages.is_none() {
                    report.meta.pages = doc.page_count();
                }
                if report.status == Status::Unsupported {
                    // Not a report: no template, so no values rows.
                    report.meta.template = None;
                    report.cells.clear();
                }
                if doc.format == Format::Txt {
                    // The schema's `page` is for paged formats; a text dump has none.
                    for cell in report.cells.values_mut() {
                        cell.page = None;
                    }
                }
                let shown = |n: &&String| {
                    n.contains("pages were read")
                        || n.contains(xxgk_ingest::pdf::scanned::UNREAD_SCANS)
                        || [
                            xxgk_ingest::pdf::drawn::UNREADABLE_NOTE,
                            xxgk_ingest::mojibake::NOTE,
                        ]
                        .contains(&n.as_str())
                };
                for cut in doc.notes.iter().filter(shown) {
                    report.message = if report.message.is_empty() {
                        cut.clone()
                    } else {
                        format!("{}; {cut}", report.message)
                    };
                }
                // Numbers read by OCR must pass the sum rules to be reported as numbers.
                let ocr = !doc.ocr_pages.is_empty();
                if ocr {
                    xxgk_parser::verify::attach_confidence(&doc, &mut report);
                    xxgk_parser::zeros::tidy_zero_runs(&mut report, &doc.ocr_pages);
                    xxgk_parser::verify::resolve_by_sums(&mut report);
                    xxgk_parser::zeros::settle_dash_columns(&mut report, &doc.ocr_pages);
                }
                xxgk_parser::zeros::doubt_leading_zeros(&mut report, &doc.ocr_pages);
                let mut findings = xxgk_audit::check(&report);
                if ocr {
                    let agreed = xxgk_parser::verify::agreed_uncovered(&doc, &report);
                    let pages = &doc.ocr_pages;
                    // The sums confirm the numbers as read; which way a cell prints nothing
                    // (0, blank, dash: the same in every sum) is checked last, by its column.
                    let flagged =
                        xxgk_parser::verify::flag_unverified(&mut report, &findings, pages)
                            + xxgk_parser::verify::flag_unconfirmed(&mut report, &agreed, pages)
                            + xxgk_parser::zeros::flag_odd_nothings(&mut report, pages);
                    if flagged > 0 {
                        findings = xxgk_audit::check(&report);
                    }
                } else if doc.format == xxgk_model::Format::Txt
                    && xxgk_parser::verify::flag_unvouched(&mut report, &findings) > 0
                {
                    findings = xxgk_audit::check(&report);
                }
                (report, findings)
            }
            Err(e) => (Report::with_status(id, e.status, e.message), Vec::new()),
        }
    })
}

/// Why a file is obviously not a document, from its extension: data, source code and logs
/// (a crawl's metadata, the tooling next to the reports, our own outputs); a `.csv` that holds
/// a report sheet, a `.json` that is a CMS API's answer holding a report in a string field, and
/// a `.js` that holds one in a string literal, are read all the same (see `work`). Markdown is read:
/// converters and LLMs save reports as `.md` (a README that is no report reads as `unsupported`,
/// with its message).
pub fn not_a_document(file_name: &str) -> Option<String> {
    let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    let kind = match ext.as_str() {
        "json" | "jsonl" | "csv" | "tsv" | "yaml" | "yml" | "toml" | "xml" | "lock" => "data",
        "py" | "rs" | "sh" | "js" | "ts" | "css" | "ipynb" | "r" | "pl" => "source code",
        "log" => "notes",
        _ => return None,
    };
    Some(format!(".{ext} file ({kind}), not a report document"))
}

/// The row of a file whose work stopped at a budget check.
fn timed_out(id: &str) -> Report {
    Report::with_status(
        id,
        Status::Failed,
        "the time budget ran out (--timeout-per-file)",
    )
}

/// Limits on one file.
#[derive(Clone)]
pub struct Limits {
    /// Time budget for ingest + parse + audit.
    pub timeout: Duration,
    /// Larger files are reported as failed without being read.
    pub max_bytes: u64,
    pub pipeline: Pipeline,
    /// Where Tesseract's answers are kept ([`xxgk_ingest::ocr::cache`]); `None`: not kept.
    pub ocr_cache: Option<std::path::PathBuf>,
}

/// What is known of a file before its pipeline runs: kept for its row if the pipeline then
/// panics or overruns.
#[derive(Debug, Clone, Default)]
struct Opened {
    sha256: String,
    format: Option<Format>,
}

/// The row of a file that failed, with what is known of it.
fn failed(id: &str, message: String, known: Opened) -> Outcome {
    let mut report = Report::with_status(id, Status::Failed, message);
    report.meta.format = known.format;
    Outcome {
        report,
        sha256: known.sha256,
        findings: Vec::new(),
    }
}

/// Process one input; never panics, always returns an outcome for it. Everything that reads
/// the file's data runs on the helper thread, under its one `catch_unwind` and the time budget.
pub fn process(input: &Input, limits: &Limits) -> Outcome {
    if let Some(problem) = &input.problem {
        return failed(&input.id, problem.clone(), Opened::default());
    }
    let file = match read_file_capped(input, limits.max_bytes) {
        Ok(b) => b,
        Err(msg) => return failed(&input.id, msg, Opened::default()),
    };
    let opened = Arc::new(OnceLock::new());
    let deadline = Instant::now() + limits.timeout;
    // A saved web page's pictures lie in its folder (not for a zip member).
    let folder = input
        .member
        .is_none()
        .then(|| input.path.parent().map(std::path::Path::to_path_buf))
        .flatten();
    let ocr_cache = limits.ocr_cache.clone();
    let job: Job = {
        let (input, pipeline, opened) = (input.clone(), limits.pipeline.clone(), opened.clone());
        Box::new(move || {
            let _budget = budget::start(deadline);
            let _folder = folder.as_deref().map(xxgk_ingest::folder::start);
            let _ocr_cache = ocr_cache.as_deref().map(xxgk_ingest::ocr::cache::start);
            work(file, &input, &pipeline, &opened)
        })
    };
    let result = run_with_budget(job, limits.timeout);
    let known = || opened.get().cloned().unwrap_or_default();
    match result {
        Err(e) => failed(
            &input.id,
            format!("could not start a worker thread: {e}"),
            known(),
        ),
        Ok(Ok(Ok(outcome))) => outcome,
        Ok(Ok(Err(panic))) => failed(
            &input.id,
            format!(
                "internal error while reading this file ({panic}); please report it with the file"
            ),
            known(),
        ),
        Ok(Err(mpsc::RecvTimeoutError::Timeout)) => failed(
            &input.id,
            format!(
                "timed out after {} s (--timeout-per-file); the file was given up",
                secs(limits.timeout)
            ),
            known(),
        ),
        Ok(Err(mpsc::RecvTimeoutError::Disconnected)) => failed(
            &input.id,
            "the worker stopped without a result".to_string(),
            known(),
        ),
    }
}

/// One file's work on the helper thread: the archive member, the hash, the format, then the
/// pipeline. `opened` is set before the pipeline runs.
fn work(file: Vec<u8>, input: &Input, pipeline: &Pipeline, opened: &OnceLock<Opened>) -> Outcome {
    let bytes = match &input.member {
        Some(m) => match xxgk_ingest::archive::member(&file, m) {
            Ok(b) => b,
            Err(e) => return failed(&input.id, e.message, Opened::default()),
        },
        None => file,
    };
    let sha = hex(&Sha256::digest(&bytes));
    let sheet = || xxgk_ingest::csv_text::holds_a_report(&bytes);
    let name = input.file_name();
    let lower = name.to_ascii_lowercase();
    let (csv_name, json_name) = (lower.ends_with(".csv"), lower.ends_with(".json"));
    // A CMS API's answer saved as it came, a string field holding the document's body.
    let api_answer = || xxgk_ingest::escaped::report_in_json(&bytes).is_some();
    // A script a CMS serves the body in (`var content = "<p…>…"`, JSONP).
    let script = || xxgk_ingest::script::report_in_script(&bytes).is_some();
    let read_anyway = (csv_name && sheet())
        || (json_name && api_answer())
        || (lower.ends_with(".js") && script());
    if let Some(why) = not_a_document(&name).filter(|_| !read_anyway) {
        return Outcome {
            report: Report::with_status(input.id.clone(), Status::Skipped, why),
            sha256: sha,
            findings: Vec::new(),
        };
    }
    let format = xxgk_ingest::sniff::sniff_named(&bytes, &input.file_name());
    let format_known = (format != Format::Unknown).then_some(format);
    let _ = opened.set(Opened {
        sha256: sha.clone(),
        format: format_known,
    });
    let (mut report, findings) = pipeline(&bytes, &input.id, &input.file_name());
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

/// The name of the threads doing one file's work (the CLI keeps their panics quiet).
pub const WORKER_THREAD: &str = "xxgk-file";

/// A file's outcome, or the text of the panic that stopped its work.
type JobResult = Result<Outcome, String>;
type Job = Box<dyn FnOnce() -> Outcome + Send>;

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
                    // The one `catch_unwind` of the batch: a panic on a file's data becomes
                    // that file's failed row, and this thread lives on.
                    let result = catch_unwind(AssertUnwindSafe(job)).map_err(|p| panic_text(&*p));
                    if result_tx.send(result).is_err() {
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
            ocr_cache: None,
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
    fn an_overrun_stops_the_work_itself() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "spin.txt", b"hello");
        let (stopped_tx, stopped_rx) = mpsc::channel();
        let stopped_tx = std::sync::Mutex::new(stopped_tx);
        let mut l = limits(Arc::new(move |_: &[u8], id: &str, _: &str| {
            // A hot loop that checks the budget, as the readers do.
            let mut spins = 0u64;
            while !budget::expired() {
                spins += 1;
            }
            if let Ok(tx) = stopped_tx.lock() {
                let _ = tx.send(spins);
            }
            (timed_out(id), Vec::new())
        }));
        l.timeout = Duration::from_millis(200);
        let o = process(&input, &l);
        assert_eq!(o.report.status, Status::Failed);
        // The helper thread stopped on its own, shortly after the deadline.
        let spins = stopped_rx.recv_timeout(Duration::from_secs(30));
        assert!(spins.is_ok_and(|n| n > 0));
    }

    #[test]
    fn a_hostile_html_table_stops_at_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let mut page = String::from("<html><body><table>");
        for _ in 0..20_000 {
            page.push_str("<tr><td>1</td><td>2</td><td>3</td></tr>");
        }
        let input = temp_input(dir.path(), "t.html", page.as_bytes());
        let mut l = limits(default_pipeline());
        l.timeout = Duration::from_millis(1);
        let o = process(&input, &l);
        assert_eq!(o.report.status, Status::Failed);
        assert!(o.report.message.contains("time"), "{}", o.report.message);
    }

    #[test]
    fn obvious_non_documents_are_skipped_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "gen.py", b"print('2024 annual report')\n");
        let o = process(&input, &limits(default_pipeline()));
        assert_eq!(o.report.status, Status::Skipped);
        assert_eq!(
            o.report.message,
            ".py file (source code), not a report document"
        );
        assert_eq!(o.report.meta.template, None);
        assert_eq!(o.report.meta.year, None);
        assert!(!o.sha256.is_empty());
        assert_eq!(
            not_a_document("a.JSON").as_deref(),
            Some(".json file (data), not a report document")
        );
        assert_eq!(not_a_document("淮安.pdf"), None);
        // A report converted to Markdown is read.
        assert_eq!(not_a_document("淮安市人民政府2024年报.md"), None);
    }

    /// A PDF of `pages` pages sharing one content stream that shows a line of text.
    fn many_page_pdf(pages: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        let mut object = |out: &mut Vec<u8>, body: String| {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", offsets.len()).as_bytes());
        };
        object(&mut out, "<< /Type /Catalog /Pages 2 0 R >>".into());
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 5)).collect();
        object(
            &mut out,
            format!(
                "<< /Type /Pages /Count {pages} /Kids [{}] >>",
                kids.join(" ")
            ),
        );
        object(
            &mut out,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
        );
        let text = "BT /F1 12 Tf 72 720 Td (Annual report page) Tj ET";
        object(
            &mut out,
            format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        );
        for _ in 0..pages {
            object(
                &mut out,
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
                 /Resources << /Font << /F1 3 0 R >> >> >>"
                    .into(),
            );
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
        for o in &offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                offsets.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn a_pdf_past_the_page_limit_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let input = temp_input(dir.path(), "long.pdf", &many_page_pdf(5001));
        let mut l = limits(default_pipeline());
        l.max_bytes = 16 << 20;
        let o = process(&input, &l);
        assert!(
            o.report
                .message
                .contains("only the first 5000 pages were read"),
            "{:?}: {}",
            o.report.status,
            o.report.message
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
