//! Helpers shared by the end-to-end tests: where the corpus is, and how a [`Report`] is scored
//! against a truth JSON (`corpus/truth/**/*.json`; the document of `corpus/truth/<dir>/<name>.json`
//! is `corpus/reports/<dir>/<source>`).

use std::path::{Path, PathBuf};
use xxgk_model::text::classify_value;
use xxgk_model::{Flag, Report, Status};

/// The repository's `corpus/` folder.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// `corpus/reports/`: the documents (only reports), the folder the README's main command reads.
pub fn reports_dir() -> PathBuf {
    corpus_dir().join("reports")
}

/// `corpus/truth/`: one truth file per document, in the same sub-folder as its document.
pub fn truth_dir() -> PathBuf {
    corpus_dir().join("truth")
}

/// A truth file: what a report must read as.
#[derive(Debug, Clone)]
pub struct Truth {
    /// The truth file itself (for messages).
    pub path: PathBuf,
    /// The document: `corpus/reports/<the truth file's folder below corpus/truth>/<source>`.
    pub source: PathBuf,
    pub agency: Option<String>,
    pub year: Option<u16>,
    /// `v2019`, `v2021` or `legacy`.
    pub template: Option<String>,
    /// `status` field; when missing: `ok`, or `partial` when `absent` is not empty.
    pub status: Status,
    /// Key id → truth value: a number, `""` (blank) or a dash mark (dash).
    pub cells: Vec<(String, String)>,
    pub absent: Vec<String>,
    pub uncertain: Vec<String>,
}

impl Truth {
    /// Read a truth file; its `source` is looked up in the folder of `corpus/reports/` that mirrors
    /// the truth file's folder below `corpus/truth/`.
    pub fn load(path: &Path) -> Result<Truth, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let list = |k: &str| -> Vec<String> {
            v.get(k)
                .and_then(|x| x.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let source = s("source").ok_or_else(|| format!("{}: no source", path.display()))?;
        let rel = path
            .parent()
            .and_then(|p| p.strip_prefix(truth_dir()).ok())
            .unwrap_or(Path::new(""));
        let dir = reports_dir().join(rel);
        let mut cells: Vec<(String, String)> = v
            .get("cells")
            .and_then(|c| c.as_object())
            .map(|o| {
                o.iter()
                    .map(|(k, x)| (k.clone(), x.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        cells.sort();
        let absent = list("absent");
        let status = match s("status") {
            Some(st) => Status::parse(&st).ok_or_else(|| format!("bad status {st}"))?,
            None if absent.is_empty() => Status::Ok,
            None => Status::Partial,
        };
        Ok(Truth {
            path: path.to_path_buf(),
            source: dir.join(source),
            agency: s("agency"),
            year: v.get("year").and_then(|y| y.as_u64()).map(|y| y as u16),
            template: s("template"),
            status,
            cells,
            absent,
            uncertain: list("uncertain"),
        })
    }

    /// Every `*.json` in a truth folder, sorted by name.
    pub fn load_dir(dir: &Path) -> Vec<Truth> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
        paths.sort();
        paths
            .iter()
            .map(|p| Truth::load(p).unwrap_or_else(|e| panic!("truth file: {e}")))
            .collect()
    }
}

/// The outcome of scoring one report against its truth.
#[derive(Debug, Default)]
pub struct Score {
    /// Truth cells (plus `absent` keys) read as the truth says.
    pub matched: usize,
    pub total: usize,
    /// One line per disagreement (meta, status, cells), for the failure message.
    pub problems: Vec<String>,
}

impl Score {
    pub fn is_perfect(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What a report should have read for one truth value.
fn expected(value: &str) -> (Flag, String) {
    classify_value(value).unwrap_or((Flag::Number, value.to_string()))
}

/// Score a report (or the ingest error that replaced it) against a truth file.
pub fn score(truth: &Truth, outcome: Result<&Report, (Status, &str)>) -> Score {
    let mut sc = Score::default();
    let report = match outcome {
        Ok(r) => r,
        Err((status, message)) => {
            if status != truth.status {
                sc.problems.push(format!(
                    "ingest error {} ({message}), expected status {}",
                    status.as_str(),
                    truth.status.as_str()
                ));
            }
            sc.total = truth.cells.len() + truth.absent.len();
            if sc.total > 0 {
                sc.problems
                    .push(format!("no report: 0 of {} truth cells read", sc.total));
            }
            return sc;
        }
    };
    if report.status != truth.status {
        sc.problems.push(format!(
            "status {} ({}), expected {}",
            report.status.as_str(),
            report.message,
            truth.status.as_str()
        ));
    }
    // Agency, year and template are compared when the document was read at all.
    if matches!(truth.status, Status::Ok | Status::Partial | Status::Legacy) {
        if truth.agency.is_some() && report.meta.agency != truth.agency {
            sc.problems.push(format!(
                "agency {:?}, expected {:?}",
                report.meta.agency, truth.agency
            ));
        }
        if truth.year.is_some() && report.meta.year != truth.year {
            sc.problems.push(format!(
                "year {:?}, expected {:?}",
                report.meta.year, truth.year
            ));
        }
        let template = report.meta.template.map(|t| t.as_str().to_string());
        if truth.template.is_some() && template != truth.template {
            sc.problems.push(format!(
                "template {template:?}, expected {:?}",
                truth.template
            ));
        }
    }
    for (key, value) in &truth.cells {
        sc.total += 1;
        let (flag, want) = expected(value);
        let want_flag = if truth.uncertain.contains(key) {
            Flag::Uncertain
        } else {
            flag
        };
        let Some(cell) = report.cells.get(key) else {
            sc.problems
                .push(format!("{key}: missing, expected {value:?}"));
            continue;
        };
        let same_value = match want_flag {
            Flag::Number | Flag::Uncertain => cell.value == want,
            _ => true,
        };
        if cell.flag == want_flag && same_value {
            sc.matched += 1;
        } else {
            sc.problems.push(format!(
                "{key}: read {} {:?} (raw {:?}), expected {} {value:?}",
                cell.flag.as_str(),
                cell.value,
                cell.raw,
                want_flag.as_str()
            ));
        }
    }
    for key in &truth.absent {
        sc.total += 1;
        match report.cells.get(key) {
            Some(c) if c.flag != Flag::Absent => sc.problems.push(format!(
                "{key}: read {} {:?}, expected absent",
                c.flag.as_str(),
                c.value
            )),
            _ => sc.matched += 1,
        }
    }
    // Nothing may be found that the truth does not know about (e.g. the three （六） sub-rows
    // of a single-（六） report).
    for (key, cell) in &report.cells {
        let known = truth.cells.iter().any(|(k, _)| k == key) || truth.absent.contains(key);
        if !known && cell.flag != Flag::Absent {
            sc.problems.push(format!(
                "{key}: read {} {:?}, which the truth does not have",
                cell.flag.as_str(),
                cell.value
            ));
        }
    }
    sc
}

/// The cells a report read with confidence (neither `absent` nor `uncertain`) whose flag or
/// value differs from the truth: what xxgk must never write. One line per cell.
pub fn confidently_wrong(truth: &Truth, report: &Report) -> Vec<String> {
    truth
        .cells
        .iter()
        .filter_map(|(key, value)| {
            let cell = report.cells.get(key)?;
            if matches!(cell.flag, Flag::Absent | Flag::Uncertain) {
                return None;
            }
            let (flag, want) = expected(value);
            let right = cell.flag == flag && (flag != Flag::Number || cell.value == want);
            (!right).then(|| {
                format!(
                    "{key}: read {} {:?}, truth {value:?}",
                    cell.flag.as_str(),
                    cell.value
                )
            })
        })
        .collect()
}

/// Read, ingest and parse one file as the batch does (without the audit).
pub fn read_report(path: &Path) -> Result<Report, (Status, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes =
        std::fs::read(path).map_err(|e| (Status::Failed, format!("{}: {e}", path.display())))?;
    match xxgk_ingest::ingest(&bytes, &name) {
        Ok(doc) => Ok(xxgk_parser::parse(&doc, &name, &name)),
        Err(e) => Err((e.status, e.message)),
    }
}

/// Score a file against a truth file: read it, then [`score`] it.
pub fn score_file(truth: &Truth) -> (Option<Report>, Score) {
    match read_report(&truth.source) {
        Ok(r) => {
            let s = score(truth, Ok(&r));
            (Some(r), s)
        }
        Err((status, msg)) => (None, score(truth, Err((status, &msg)))),
    }
}

/// The truth's cells of one table (`t3.`) the report reads right, and how many it has.
pub fn table_right(t: &Truth, r: &Report, prefix: &str) -> (usize, usize) {
    let cells: Vec<&(String, String)> = t
        .cells
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .collect();
    let right = cells
        .iter()
        .filter(|(k, v)| {
            r.cells
                .get(k)
                .is_some_and(|c| c.flag == Flag::Number && &c.value == v)
        })
        .count();
    (right, cells.len())
}

/// Tesseract's answers shared by every test binary of a run: `<target>/tmp/ocr-cache`, with
/// `target_tmp` the calling test's `env!("CARGO_TARGET_TMPDIR")`. batch.rs, ocr.rs, office.rs
/// and review.rs read the same scans, and each OCR'd them again (docs/design.md, "Test suite
/// time"). The cache ([`xxgk_ingest::ocr::cache`]) finds an answer by the SHA-256 of
/// Tesseract's version line, its arguments and the picture, so a shared answer is the answer
/// Tesseract gives; a test run alone, or first, asks Tesseract and fills the cache.
pub fn shared_ocr_cache(target_tmp: &str) -> PathBuf {
    Path::new(target_tmp).join("ocr-cache")
}

/// Read on this thread with the shared OCR cache (until the guard is dropped).
pub fn reading_with_shared_ocr(target_tmp: &str) -> xxgk_ingest::ocr::cache::Guard {
    xxgk_ingest::ocr::cache::start(&shared_ocr_cache(target_tmp))
}

/// Create the output folder `out` of an `extract` with its `ocr-cache/` (where extract keeps
/// Tesseract's answers and `review` finds them) a link to the shared cache.
pub fn out_sharing_ocr(out: &Path, target_tmp: &str) {
    let shared = shared_ocr_cache(target_tmp);
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::create_dir_all(out).unwrap();
    std::os::unix::fs::symlink(&shared, out.join("ocr-cache")).unwrap();
}
