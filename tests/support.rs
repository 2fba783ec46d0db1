//! Helpers shared by the end-to-end tests: where the corpus is, and how a Report compares
//! with a truth file (`corpus/truth/*.json`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use xxgk_model::{text::classify_value, Flag, Report};

/// The repository's `corpus/` folder.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// Read, ingest and parse one file as the batch does (without the audit).
pub fn read_report(path: &Path) -> Report {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match xxgk_ingest::ingest(&bytes, &name) {
        Ok(doc) => xxgk_parser::parse(&doc, &name, &name),
        Err(e) => Report::with_status(name, e.status, e.message),
    }
}

/// The result of comparing a report with its truth.
#[derive(Debug, Default)]
pub struct Score {
    pub total: usize,
    pub correct: usize,
    /// `key: expected … got …` for every wrong or missing cell.
    pub wrong: Vec<String>,
}

/// Compare a report's cells with a truth JSON value.
pub fn score(report: &Report, truth: &Value) -> Score {
    let mut s = Score::default();
    let uncertain: Vec<&str> = truth["uncertain"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    if let Some(cells) = truth["cells"].as_object() {
        for (key, want) in cells {
            let want = want.as_str().unwrap_or("");
            s.total += 1;
            let got = report.cell(key);
            let ok = match (got, classify_value(want)) {
                (Some(c), Some((flag, value))) => {
                    let flag = if uncertain.contains(&key.as_str()) {
                        Flag::Uncertain
                    } else {
                        flag
                    };
                    c.flag == flag && c.value == value
                }
                _ => false,
            };
            if ok {
                s.correct += 1;
            } else {
                s.wrong.push(format!(
                    "{key}: expected {want:?}, got {:?}",
                    got.map(|c| (c.flag.as_str(), c.value.as_str(), c.raw.as_str()))
                ));
            }
        }
    }
    if let Some(absent) = truth["absent"].as_array() {
        for key in absent.iter().filter_map(|v| v.as_str()) {
            s.total += 1;
            match report.cell(key) {
                Some(c) if c.flag == Flag::Absent => s.correct += 1,
                other => s
                    .wrong
                    .push(format!("{key}: expected absent, got {other:?}")),
            }
        }
    }
    s
}

/// Load a truth file.
pub fn truth(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
