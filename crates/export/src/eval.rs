//! `xxgk eval OUT_DIR TRUTH_DIR`: compare an output folder with hand-checked truth files.
//!
//! A truth file (`truth/**/*.json`; a file in `truth/<dir>/` describes `<dir>/<source>` of the
//! output, so that the truth folder mirrors the folder that was extracted) names its `source` file, the expected `agency`, `year`,
//! `template` and optionally `status` (agency, year and template are not compared when the
//! expected status is `failed` or `unsupported`), and `cells` (`key: "value"`, or `""` for a cell printed blank or as a dash), plus
//! `absent` keys (the document does not have them) and optional `uncertain` keys (their value in
//! `cells` is the true one and the expected flag is `uncertain`). The report is found by its id
//! equal to `source`, else ending in `/source`, else with the same file name.
//!
//! A cell is correct when: a number is expected and `flag=number` with the same normalised
//! value; `""` is expected and the flag is `blank` or `dash`; a dash mark (`—`, `/`, `无` …) is
//! expected and the flag is `dash`; an uncertain key has
//! `flag=uncertain` and the true value; an absent key is `absent` (or has no row). A cell with no
//! row or `flag=absent` where something was expected is *missing*; anything else is *wrong*.

use crate::output::csv_in;
use crate::rows::{plain_cell, read_row, ReportRow, ValueRow};
use crate::run::Error;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use xxgk_model::text::classify_value;
use xxgk_model::Flag;

/// Missing cells listed per report (all wrong cells are listed).
const MISSING_SHOWN: usize = 10;

/// A wrong or missing cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellDiff {
    pub key: String,
    pub expected: String,
    pub got: String,
    /// The output flagged the cell `uncertain`: it said it was not sure (a reading no rule
    /// confirms, a run no rule cuts), so this is not a confident wrong number.
    pub flagged: bool,
}

/// A mismatch of agency, year or template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaDiff {
    pub field: &'static str,
    pub expected: String,
    pub got: String,
}

/// The comparison of one truth file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEval {
    /// Truth file stem, e.g. `liaocheng-waiban-2019`.
    pub name: String,
    pub source: String,
    /// The report id matched in the output; `None` when the output lacks it.
    pub report: Option<String>,
    pub total: usize,
    pub correct: usize,
    pub wrong: Vec<CellDiff>,
    pub missing: Vec<CellDiff>,
    /// `(field, expected, got, matches)` for template, agency, year (those the truth gives).
    pub meta: Vec<(&'static str, String, String, bool)>,
    /// The report's status and message in reports.csv.
    pub status: String,
    pub message: String,
}

impl ReportEval {
    pub fn passed(&self) -> bool {
        self.report.is_some()
            && self.wrong.is_empty()
            && self.missing.is_empty()
            && self.meta.iter().all(|m| m.3)
    }
}

/// The comparison of a whole truth folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EvalResult {
    pub reports: Vec<ReportEval>,
}

impl EvalResult {
    pub fn passed(&self) -> bool {
        !self.reports.is_empty() && self.reports.iter().all(ReportEval::passed)
    }

    /// What `xxgk eval` prints.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let (mut total, mut correct, mut wrong, mut missing, mut absent_reports) = (0, 0, 0, 0, 0);
        let mut flagged = 0;
        for r in &self.reports {
            if r.report.is_none() {
                absent_reports += 1;
                let _ = writeln!(
                    s,
                    "{}: not in the output (no report matches source {})",
                    r.name, r.source
                );
                continue;
            }
            total += r.total;
            correct += r.correct;
            wrong += r.wrong.len();
            flagged += r.wrong.iter().filter(|d| d.flagged).count();
            missing += r.missing.len();
            let meta: Vec<String> = r
                .meta
                .iter()
                .map(|(field, exp, got, ok)| {
                    if *ok {
                        format!("{field} {got}")
                    } else {
                        format!(
                            "{field} {} (expected {exp})",
                            if got.is_empty() { "-" } else { got }
                        )
                    }
                })
                .collect();
            let _ = writeln!(
                s,
                "{}: {}/{} cells correct, wrong {}, missing {}; {}",
                r.name,
                r.correct,
                r.total,
                r.wrong.len(),
                r.missing.len(),
                meta.join(", ")
            );
            for d in &r.wrong {
                let _ = writeln!(
                    s,
                    "  wrong   {}: expected {}, got {}",
                    d.key, d.expected, d.got
                );
            }
            if r.status != "ok" && r.status != "partial" {
                let _ = writeln!(s, "  status {}: {}", r.status, r.message);
            }
            for d in r.missing.iter().take(MISSING_SHOWN) {
                let _ = writeln!(
                    s,
                    "  missing {}: expected {}, got {}",
                    d.key, d.expected, d.got
                );
            }
            if r.missing.len() > MISSING_SHOWN {
                let _ = writeln!(
                    s,
                    "  … and {} more missing",
                    r.missing.len() - MISSING_SHOWN
                );
            }
        }
        let meta_bad = self
            .reports
            .iter()
            .filter(|r| r.report.is_some() && r.meta.iter().any(|m| !m.3))
            .count();
        let _ = writeln!(
            s,
            "total: {correct}/{total} cells correct, wrong {wrong}, missing {missing}; {}, {absent_reports} not in the output, {meta_bad} with status/agency/year/template mismatches",
            crate::run::plural(self.reports.len(), "report", "reports")
        );
        if wrong > 0 {
            let _ = writeln!(
                s,
                "of the {wrong} wrong: {flagged} flagged uncertain by xxgk (not sure, raw text kept), {} confident",
                wrong - flagged
            );
        }
        s
    }
}

struct Truth {
    name: String,
    source: String,
    agency: Option<String>,
    year: Option<String>,
    template: Option<String>,
    status: Option<String>,
    cells: BTreeMap<String, String>,
    absent: Vec<String>,
    uncertain: HashSet<String>,
}

fn load_truths(dir: &Path) -> Result<Vec<Truth>, Error> {
    if !dir.is_dir() {
        return Err(Error::MissingInput(dir.to_path_buf()));
    }
    let mut paths = Vec::new();
    collect_json(dir, 0, &mut paths);
    paths.sort();
    if paths.is_empty() {
        return Err(Error::NoInput(format!(
            "no truth files (*.json) in {}",
            dir.display()
        )));
    }
    paths
        .iter()
        .map(|p| {
            let rel = p
                .parent()
                .and_then(|d| d.strip_prefix(dir).ok())
                .map(|d| d.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            load_truth(p, &rel)
        })
        .collect()
}

/// Every `*.json` below `dir` (sub-folders mirror the report folders; at most 8 levels).
fn collect_json(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
        if p.is_dir() {
            if depth < 8 {
                collect_json(&p, depth + 1, out);
            }
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

fn load_truth(p: &Path, rel: &str) -> Result<Truth, Error> {
    let bad = |m: String| Error::Other(format!("{}: {m}", p.display()));
    let text = std::fs::read_to_string(p).map_err(|e| bad(e.to_string()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let str_of = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let source = str_of(v.get("source")).ok_or_else(|| bad("no \"source\"".into()))?;
    // A truth file in `truth/<dir>/` describes `<dir>/<source>` of the extracted folder.
    let source = if rel.is_empty() {
        source
    } else {
        format!("{rel}/{source}")
    };
    let mut cells = BTreeMap::new();
    if let Some(map) = v.get("cells").and_then(Value::as_object) {
        for (k, val) in map {
            let s = str_of(Some(val)).ok_or_else(|| bad(format!("cell {k} is not a string")))?;
            cells.insert(k.clone(), s);
        }
    }
    let list = |name: &str| -> Vec<String> {
        v.get(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Ok(Truth {
        name: p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source,
        agency: str_of(v.get("agency")),
        year: str_of(v.get("year")),
        template: str_of(v.get("template")),
        status: str_of(v.get("status")),
        cells,
        absent: list("absent"),
        uncertain: list("uncertain").into_iter().collect(),
    })
}

/// Compare `out` (an output folder) with `truth` (a folder of truth files).
pub fn eval(out: &Path, truth: &Path) -> Result<EvalResult, Error> {
    let truths = load_truths(truth)?;
    let rpath = out.join("reports.csv");
    let vpath = out.join("values.csv");
    if !rpath.is_file() {
        return Err(Error::MissingInput(rpath));
    }
    let other = |p: &Path, e: &dyn std::fmt::Display| Error::Other(format!("{}: {e}", p.display()));

    // Meta of every report (small), then the matches.
    let mut rdr = csv_in(&rpath).map_err(|e| other(&rpath, &e))?;
    let h = rdr.headers().map_err(|e| other(&rpath, &e))?.clone();
    let mut meta: BTreeMap<String, [String; 5]> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| other(&rpath, &e))?;
        let r: ReportRow = read_row(&rec, &h).map_err(|e| other(&rpath, &e))?;
        meta.insert(
            plain_cell(&r.report).to_string(),
            [
                plain_cell(&r.agency).to_string(),
                r.year,
                r.template,
                r.status,
                plain_cell(&r.message).to_string(),
            ],
        );
    }
    let matched: Vec<Option<String>> = truths
        .iter()
        .map(|t| find_report(&meta, &t.source))
        .collect();

    // The values of the matched reports only.
    let wanted: HashSet<&str> = matched.iter().flatten().map(String::as_str).collect();
    let mut values: HashMap<String, HashMap<String, (String, String)>> = HashMap::new();
    if vpath.is_file() {
        let mut rdr = csv_in(&vpath).map_err(|e| other(&vpath, &e))?;
        let h = rdr.headers().map_err(|e| other(&vpath, &e))?.clone();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| other(&vpath, &e))?;
            let v: ValueRow = read_row(&rec, &h).map_err(|e| other(&vpath, &e))?;
            let id = plain_cell(&v.report);
            if !wanted.contains(id) {
                continue;
            }
            values.entry(id.to_string()).or_default().insert(
                format!("{}.{}.{}", v.table, v.row, v.col),
                (v.value, v.flag),
            );
        }
    }

    let reports = truths
        .iter()
        .zip(matched)
        .map(|(t, m)| compare(t, m, &meta, &values))
        .collect();
    Ok(EvalResult { reports })
}

fn find_report(meta: &BTreeMap<String, [String; 5]>, source: &str) -> Option<String> {
    if meta.contains_key(source) {
        return Some(source.to_string());
    }
    let suffix = format!("/{source}");
    if let Some(id) = meta.keys().find(|id| id.ends_with(&suffix)) {
        return Some(id.clone());
    }
    let name = source.rsplit('/').next().unwrap_or(source);
    meta.keys()
        .find(|id| id.rsplit('/').next() == Some(name))
        .cloned()
}

fn describe(got: Option<&(String, String)>) -> String {
    match got {
        None => "no row".to_string(),
        Some((v, f)) if v.is_empty() => f.clone(),
        Some((v, f)) => format!("\"{v}\" ({f})"),
    }
}

fn compare(
    t: &Truth,
    report: Option<String>,
    meta: &BTreeMap<String, [String; 5]>,
    values: &HashMap<String, HashMap<String, (String, String)>>,
) -> ReportEval {
    let mut e = ReportEval {
        name: t.name.clone(),
        source: t.source.clone(),
        report: report.clone(),
        total: 0,
        correct: 0,
        wrong: Vec::new(),
        missing: Vec::new(),
        meta: Vec::new(),
        status: String::new(),
        message: String::new(),
    };
    let Some(id) = report else {
        return e;
    };
    let empty = HashMap::new();
    let got_cells = values.get(&id).unwrap_or(&empty);
    if let Some(m) = meta.get(&id) {
        e.status = m[3].clone();
        e.message = m[4].clone();
        if let Some(exp) = &t.status {
            e.meta
                .push(("status", exp.clone(), m[3].clone(), *exp == m[3]));
        }
        // Agency, year and template count when the document can be read at all.
        let readable = !matches!(t.status.as_deref(), Some("failed" | "unsupported"));
        for (field, exp, got) in [
            ("template", &t.template, &m[2]),
            ("agency", &t.agency, &m[0]),
            ("year", &t.year, &m[1]),
        ] {
            if let (Some(exp), true) = (exp, readable) {
                e.meta.push((field, exp.clone(), got.clone(), exp == got));
            }
        }
    }
    let mut keys: Vec<(&String, Option<&String>)> =
        t.cells.iter().map(|(k, v)| (k, Some(v))).collect();
    keys.extend(
        t.absent
            .iter()
            .filter(|k| !t.cells.contains_key(*k))
            .map(|k| (k, None)),
    );
    for (key, expected) in keys {
        e.total += 1;
        let got = got_cells.get(key);
        let flag = got.map(|g| g.1.as_str());
        let value = got.map(|g| g.0.as_str()).unwrap_or_default();
        let (ok, exp_text) = match expected {
            None => (matches!(flag, None | Some("absent")), "absent".to_string()),
            Some(v) if t.uncertain.contains(key) => {
                let n = classify_value(v).map_or(v.clone(), |(_, n)| n);
                (
                    flag == Some("uncertain") && value == n,
                    format!("\"{n}\" (uncertain)"),
                )
            }
            Some(v) => match classify_value(v) {
                Some((Flag::Blank, _)) => (
                    matches!(flag, Some("blank") | Some("dash")),
                    "blank or dash".to_string(),
                ),
                Some((Flag::Dash, _)) => (flag == Some("dash"), format!("dash \"{v}\"")),
                Some((_, n)) => (flag == Some("number") && value == n, format!("\"{n}\"")),
                None => (flag == Some("number") && value == v, format!("\"{v}\"")),
            },
        };
        if ok {
            e.correct += 1;
            continue;
        }
        let diff = CellDiff {
            key: key.clone(),
            expected: exp_text,
            got: describe(got),
            flagged: flag == Some("uncertain"),
        };
        if expected.is_some() && matches!(flag, None | Some("absent")) {
            e.missing.push(diff);
        } else {
            e.wrong.push(diff);
        }
    }
    e
}
