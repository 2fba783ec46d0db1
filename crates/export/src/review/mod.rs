//! `xxgk review OUT INPUT...` (and `extract --review`): a self-contained HTML review of an
//! output folder, in `OUT/review/`: `index.html` (every report, sortable and filterable, plus
//! small charts of the main series per agency with several years) and one page per report in
//! `OUT/review/r/` (its tables drawn as read, every cell coloured by flag, the findings linked
//! to their cells). The pages open from disk: data and script are inside each file, nothing is
//! fetched.
//!
//! **Why a separate step that reads the inputs again**, rather than a by-product of extract
//! where the Document is in hand: extract keeps at most a window of reports in memory and
//! writes CSV rows as files finish; keeping every page's glyphs until the end, or writing
//! drawings from the workers, would make the batch heavier for every run, while the review is
//! wanted for some runs only and is cheap to make afterwards (a scan too: Tesseract's answers
//! are taken from the output folder's `ocr-cache/`, [`crate::output::OCR_CACHE`], which extract
//! filled). The review draws only files whose
//! SHA-256 equals the one in reports.csv, so a page never shows a different file than the one
//! the numbers came from; everything else (cells, findings, series) comes from the CSV files.
//! See docs/guide.md (审核页面 / Review).

mod html;
pub mod page;
mod read;

use crate::output::csv_in;
use crate::rows::{read_row, ReportRow};
use crate::run::Error;
use crate::walk;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use xxgk_model::Format;

/// Folder of the review inside the output folder.
pub const REVIEW_DIR: &str = "review";
/// Files larger than this are not read again for drawing.
const MAX_DRAW_BYTES: u64 = 256 << 20;
/// Time allowed to read one file again.
const DRAW_TIMEOUT: Duration = Duration::from_secs(60);
/// At most this many pages are drawn per report (with [`page::MAX_ITEMS`] a page, a report's
/// file stays under about 3 MB whatever the input).
const MAX_PAGES: usize = 12;

/// The series charted per agency: `(name, keys summed)`.
pub const SERIES: [(&str, &[&str]); 5] = [
    ("新收申请", &["t3.new_received.total"]),
    ("结转下年", &["t3.carried_out.total"]),
    ("行政复议", &["t4.review.total"]),
    (
        "行政诉讼",
        &["t4.lit_direct.total", "t4.lit_after_review.total"],
    ),
    ("现行有效规范性文件", &["t2.normative.in_force"]),
];

/// What a review wrote.
#[derive(Debug, Default)]
pub struct ReviewSummary {
    pub dir: PathBuf,
    pub reports: usize,
    /// Reports whose pages were drawn.
    pub drawn: usize,
    pub pages: usize,
    pub notes: Vec<String>,
}

impl ReviewSummary {
    /// The line printed at the end.
    pub fn line(&self) -> String {
        use crate::run::plural;
        format!(
            "review → {}: {}, {} drawn ({}); open index.html",
            self.dir.display(),
            plural(self.reports, "report", "reports"),
            self.drawn,
            plural(self.pages, "page", "pages"),
        )
    }
}

/// One row of values.csv, with its labels.
#[derive(Serialize, Clone)]
pub(crate) struct CellRow {
    /// `table.row.col`.
    pub k: String,
    pub v: String,
    pub f: String,
    pub raw: String,
    pub p: Option<u32>,
    pub b: Option<[f64; 4]>,
    /// Row and column labels as the template prints them, and the short Chinese name.
    pub rl: &'static str,
    pub cl: &'static str,
    pub zh: String,
}

/// One row of findings.csv.
#[derive(Serialize, Clone)]
pub(crate) struct FindingRow {
    pub other: String,
    pub rule: String,
    pub sev: String,
    pub status: String,
    pub cells: Vec<String>,
    pub expected: String,
    pub actual: String,
    pub message: String,
}

/// Everything one report page shows.
#[derive(Serialize)]
pub(crate) struct ReportPage {
    pub meta: ReportRow,
    pub cells: Vec<CellRow>,
    pub findings: Vec<FindingRow>,
    pub pages: Vec<page::Drawing>,
    /// Why the pages are not drawn, when they are not.
    pub note: String,
}

/// One row of the index.
#[derive(Serialize)]
pub(crate) struct IndexRow {
    pub meta: ReportRow,
    pub href: String,
    /// The charted series (`None` when not printed as numbers).
    pub series: Vec<Option<f64>>,
    /// Cross-year rules (X-*) reported on this report.
    pub breaks: Vec<String>,
    /// The agency as the cross-year audit links names (`洪泽区人民政府` and
    /// `淮安市洪泽区人民政府` are one agency).
    pub group: String,
}

fn other(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Other(format!("{}: {e}", path.display()))
}

/// Write the review of the output folder `out`, reading `inputs` again to draw the pages.
pub fn write(out: &Path, inputs: &[PathBuf]) -> Result<ReviewSummary, Error> {
    if !out.join("reports.csv").is_file() {
        return Err(Error::NoInput(format!(
            "{} is not an output folder of xxgk extract (no reports.csv)",
            out.display()
        )));
    }
    let dir = out.join(REVIEW_DIR);
    let rdir = dir.join("r");
    std::fs::create_dir_all(&rdir).map_err(|e| Error::Output(dir.clone(), e))?;
    let mut summary = ReviewSummary {
        dir: dir.clone(),
        ..ReviewSummary::default()
    };
    let files: HashMap<String, PathBuf> = if inputs.is_empty() {
        summary
            .notes
            .push("no inputs given: the pages are not drawn (give the inputs of extract)".into());
        HashMap::new()
    } else {
        let walked = walk::collect(inputs, Some(out)).map_err(|m| Error::MissingInput(m.0))?;
        walked
            .files
            .into_iter()
            .map(|i| (i.id.clone(), i.path))
            .collect()
    };
    let mut findings = read::FindingsReader::open(&out.join("findings.csv"))?;
    let mut values = read::ValuesReader::open(&out.join("values.csv"))?;
    let rpath = out.join("reports.csv");
    let mut rdr = csv_in(&rpath).map_err(|e| other(&rpath, e))?;
    let head = rdr.headers().map_err(|e| other(&rpath, e))?.clone();
    let mut index = Vec::new();
    // A scan's pages were OCR'd by extract: Tesseract's answers are taken from its cache.
    let ocr_cache = out.join(crate::output::OCR_CACHE);
    // Reports are read a few at a time and their PDFs drawn side by side; pages are written
    // in report order.
    let ahead = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut records = rdr.records().enumerate().peekable();
    while records.peek().is_some() {
        let mut batch = Vec::with_capacity(ahead);
        for (i, rec) in records.by_ref().take(ahead) {
            let rec = rec.map_err(|e| other(&rpath, e))?;
            let meta = meta_of(&head, &rec);
            let cells = values.take(&meta.report)?;
            let fs = findings.take(&meta.report)?;
            let drawing = Drawing::start(&meta, &cells, files.get(&meta.report), &ocr_cache);
            batch.push((i, meta, cells, fs, drawing));
        }
        for (i, meta, cells, fs, drawing) in batch {
            let (pages, note) = drawing.finish();
            summary.reports += 1;
            if !pages.is_empty() {
                summary.drawn += 1;
                summary.pages += pages.len();
            }
            let href = format!("r/{:05}.html", i + 1);
            index.push(IndexRow {
                series: series(&cells),
                // Breaks of the series (X-1 … X-3); X-0 says a year has two reports, no break.
                breaks: fs
                    .iter()
                    .filter(|f| f.rule.starts_with("X-") && f.rule != "X-0")
                    .map(|f| f.rule.clone())
                    .collect(),
                meta: meta.clone(),
                href: href.clone(),
                group: String::new(),
            });
            let page = ReportPage {
                meta,
                cells,
                findings: fs,
                pages,
                note,
            };
            let path = dir.join(&href);
            std::fs::write(&path, html::report_page(&page)).map_err(|e| Error::Output(path, e))?;
        }
    }
    let names: Vec<&str> = index.iter().map(|r| r.meta.agency.as_str()).collect();
    let groups = xxgk_audit::agency::link(&names, &xxgk_audit::Aliases::default());
    for row in &mut index {
        row.group = groups.get(&row.meta.agency).cloned().unwrap_or_default();
    }
    let path = dir.join("index.html");
    std::fs::write(&path, html::index_page(&index)).map_err(|e| Error::Output(path, e))?;
    Ok(summary)
}

fn meta_of(head: &csv::StringRecord, rec: &csv::StringRecord) -> ReportRow {
    read_row(rec, head).unwrap_or_default()
}

/// The charted series of one report.
fn series(cells: &[CellRow]) -> Vec<Option<f64>> {
    let num = |k: &str| {
        cells
            .iter()
            .find(|c| c.k == k && c.f == "number")
            .and_then(|c| c.v.parse::<f64>().ok())
    };
    SERIES
        .iter()
        .map(|(_, keys)| keys.iter().map(|k| num(k)).sum())
        .collect()
}

/// A report's pages being drawn: a PDF read again in a thread of its own, its pages that hold
/// a table drawn; or why nothing is drawn.
enum Drawing {
    Done(Vec<page::Drawing>, String),
    Pending(mpsc::Receiver<Result<Vec<page::Drawing>, String>>),
}

impl Drawing {
    fn start(
        meta: &ReportRow,
        cells: &[CellRow],
        file: Option<&PathBuf>,
        ocr_cache: &Path,
    ) -> Drawing {
        let not_drawn = |why: String| Drawing::Done(Vec::new(), why);
        if meta.format != Format::Pdf.as_str() {
            return not_drawn(String::new());
        }
        if !matches!(meta.status.as_str(), "ok" | "partial") {
            return not_drawn(format!("not drawn: status {}", meta.status));
        }
        let Some(path) = file else {
            return not_drawn(
                "not drawn: the file was not among the inputs given to review".into(),
            );
        };
        let bytes = match read_capped(path) {
            Ok(b) => b,
            Err(m) => return not_drawn(format!("not drawn: {m}")),
        };
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if sha != meta.sha256 {
            return not_drawn(
                "not drawn: the file has changed since extract (SHA-256 differs)".into(),
            );
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut cell_pages: Vec<u32> = cells.iter().filter_map(|c| c.p).collect();
        cell_pages.sort_unstable();
        cell_pages.dedup();
        let (tx, rx) = mpsc::channel();
        let ocr_cache = ocr_cache.to_path_buf();
        let spawned = std::thread::Builder::new()
            .name(crate::WORKER_THREAD.into())
            .spawn(move || {
                let _ocr_cache = xxgk_ingest::ocr::cache::start(&ocr_cache);
                let r = std::panic::catch_unwind(|| match xxgk_ingest::ingest(&bytes, &name) {
                    Ok(doc) => Ok(doc
                        .pages
                        .iter()
                        .filter(|p| page::has_table(p, &cell_pages))
                        .take(MAX_PAGES)
                        .map(page::drawing)
                        .collect::<Vec<_>>()),
                    Err(e) => Err(e.message),
                });
                let _ = tx.send(r.unwrap_or_else(|_| Err("internal error while reading".into())));
            });
        match spawned {
            Ok(_) => Drawing::Pending(rx),
            Err(e) => not_drawn(format!("not drawn: {e}")),
        }
    }

    /// The pages drawn and the note, waiting at most [`DRAW_TIMEOUT`] from now.
    fn finish(self) -> (Vec<page::Drawing>, String) {
        match self {
            Drawing::Done(pages, note) => (pages, note),
            Drawing::Pending(rx) => match rx.recv_timeout(DRAW_TIMEOUT) {
                Ok(Ok(pages)) => (pages, String::new()),
                Ok(Err(m)) => (Vec::new(), format!("not drawn: {m}")),
                Err(_) => (Vec::new(), "not drawn: reading took too long".into()),
            },
        }
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| walk::describe_io(&e))?;
    let mut bytes = Vec::new();
    f.take(MAX_DRAW_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| walk::describe_io(&e))?;
    if bytes.len() as u64 > MAX_DRAW_BYTES {
        return Err("file too large to draw".into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract_one(dir: &Path) -> (PathBuf, PathBuf) {
        let input = dir.join("in");
        std::fs::create_dir(&input).unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/reports/variants/t4-total-error.pdf");
        std::fs::copy(src, input.join("a.pdf")).unwrap();
        let out = dir.join("out");
        let opts = crate::ExtractOptions {
            threads: 1,
            ..crate::ExtractOptions::default()
        };
        crate::extract(std::slice::from_ref(&input), &out, &opts, &mut |_, _| {}).unwrap();
        (input, out)
    }

    fn page_of(out: &Path) -> String {
        std::fs::read_to_string(out.join("review/r/00001.html")).unwrap()
    }

    #[test]
    fn a_report_is_drawn_only_from_the_same_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let (input, out) = extract_one(tmp.path());

        let s = write(&out, std::slice::from_ref(&input)).unwrap();
        assert_eq!((s.reports, s.drawn), (1, 1));
        assert!(s.pages >= 1 && s.notes.is_empty());
        let html = page_of(&out);
        assert!(html.contains(r#""note":"""#));
        assert!(html.contains(r#""rule":"T4-1""#));
        assert!(!html.contains("</script><"), "data cannot close its block");

        // Not an output folder: a usage error (exit status 2), nothing written.
        let e = write(&input, &[]).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e
            .to_string()
            .ends_with("is not an output folder of xxgk extract (no reports.csv)"));
        assert!(!input.join(REVIEW_DIR).exists());

        // Without the inputs: the tables, not the pages, and a note.
        let s = write(&out, &[]).unwrap();
        assert_eq!((s.reports, s.drawn, s.notes.len()), (1, 0, 1));
        assert!(page_of(&out).contains("not drawn: the file was not among the inputs"));

        // A file changed since extract is not drawn.
        let mut bytes = std::fs::read(input.join("a.pdf")).unwrap();
        bytes.extend_from_slice(b"\n% appended\n");
        std::fs::write(input.join("a.pdf"), bytes).unwrap();
        let s = write(&out, &[input]).unwrap();
        assert_eq!(s.drawn, 0);
        assert!(page_of(&out).contains("SHA-256 differs"));
        assert!(s.line().starts_with("review → "), "{}", s.line());
        assert!(
            s.line().contains("1 report, 0 drawn (0 pages)"),
            "{}",
            s.line()
        );
    }
}
