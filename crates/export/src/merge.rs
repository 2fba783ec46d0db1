//! `xxgk merge` (combine the output folders of shards, re-running the cross-year audit on the
//! union) and `xxgk audit` (re-run the cross-year rules over earlier outputs).
//!
//! Every file of a shard is sorted by report id, so merging is a k-way merge that streams rows;
//! only a map from report id to its folder (to drop duplicates: the first folder given wins)
//! and the small [`YearRecord`]s are held in memory. Cross-year findings of the shards (rows
//! with a non-empty `other_report`) are dropped and recomputed over the union; within-report
//! findings are kept as they are.

use crate::aliases::Aliases;
use crate::jsonl;
use crate::output::{csv_in, csv_out, finish, open_skip_bom, Staging};
use crate::readback::for_each_report;
use crate::rows::{self, Headers};
use crate::run::{Error, Summary};
use crate::spill::{self, RecordSpill};
use crate::write::{self, PreFiles};
use crate::RECORDS_FILE;
use csv::StringRecord;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use xxgk_audit::YearRecord;
use xxgk_model::{Finding, Status};

/// Options of `xxgk merge`.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    pub bom: bool,
    pub xlsx: Option<PathBuf>,
    pub aliases: Aliases,
    /// Merge an incomplete set of shards (a warning row in findings.csv says which are missing).
    pub allow_missing: bool,
}

/// Refuse `--out` equal to an input folder, and an incomplete set of shards (their manifests
/// say `K/N`) unless allowed. Returns the warning to write when shards are missing.
fn check_set(dirs: &[PathBuf], out: &Path, allow_missing: bool) -> Result<Option<String>, Error> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let out_c = canon(out);
    if let Some(d) = dirs.iter().find(|d| canon(d) == out_c) {
        return Err(Error::Usage(format!(
            "--out {}: is one of the folders being merged ({}); choose a new folder",
            out.display(),
            d.display()
        )));
    }
    let mut count = None;
    let mut have = std::collections::BTreeSet::new();
    for d in dirs {
        let shard = crate::output::Manifest::read(d)
            .and_then(|m| m.shard)
            .and_then(|s| crate::shard::Shard::parse(&s).ok());
        let Some(s) = shard else { continue };
        match count {
            None => count = Some(s.count),
            Some(n) if n != s.count => {
                return Err(Error::Usage(format!(
                    "{} is shard {s} but another folder is a shard of {n}: these runs do not belong together",
                    d.display()
                )))
            }
            Some(_) => {}
        }
        have.insert(s.index);
    }
    let Some(n) = count else { return Ok(None) };
    let missing: Vec<String> = (0..n)
        .filter(|k| !have.contains(k))
        .map(|k| format!("{k}/{n}"))
        .collect();
    if missing.is_empty() {
        return Ok(None);
    }
    let what = format!(
        "{} of {n} shards given; missing shard {}",
        have.len(),
        missing.join(", ")
    );
    if allow_missing {
        Ok(Some(format!(
            "incomplete merge: {what}; their reports are not in this output"
        )))
    } else {
        Err(Error::Usage(format!(
            "{what}: refusing an incomplete merge (add --allow-missing to merge what is there)"
        )))
    }
}

const CSVS: [&str; 4] = ["reports.csv", "values.csv", "findings.csv", "wide.csv"];

fn check_dirs(dirs: &[PathBuf]) -> Result<(), Error> {
    if dirs.is_empty() {
        return Err(Error::NoInput("no output folders given".into()));
    }
    for d in dirs {
        if !d.exists() {
            return Err(Error::MissingInput(d.clone()));
        }
        for name in CSVS {
            if !d.join(name).is_file() {
                return Err(Error::NoInput(format!(
                    "{} is not an xxgk output folder: {name} is missing",
                    d.display()
                )));
            }
        }
    }
    Ok(())
}

type Source<'a, T> = Box<dyn Iterator<Item = Result<(String, T), Error>> + 'a>;

fn csv_source(path: &Path) -> Result<(StringRecord, Source<'static, StringRecord>), Error> {
    let p = path.to_path_buf();
    let mut rdr = csv_in(path).map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
    let header = rdr
        .headers()
        .map_err(|e| Error::Other(format!("{}: {e}", p.display())))?
        .clone();
    let it = rdr.into_records().map(move |r| {
        r.map(|rec| {
            (
                rows::plain_cell(rec.get(0).unwrap_or_default()).to_string(),
                rec,
            )
        })
        .map_err(|e| Error::Other(format!("{}: {e}", p.display())))
    });
    Ok((header, Box::new(it)))
}

fn jsonl_source(path: &Path) -> Result<Source<'static, serde_json::Value>, Error> {
    let p = path.to_path_buf();
    let r = open_skip_bom(path).map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
    Ok(Box::new(r.lines().map(move |line| {
        let line = line.map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
        let id = v
            .get("report")
            .and_then(|r| r.as_str())
            .unwrap_or_default()
            .to_string();
        Ok((id, v))
    })))
}

/// Merge sources sorted by key; ties go to the lower source index, and a source's run of equal
/// keys stays together.
fn kway<T>(
    mut sources: Vec<Source<'_, T>>,
    mut emit: impl FnMut(usize, &str, T) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut heads: Vec<Option<T>> = sources.iter().map(|_| None).collect();
    let mut heap = BinaryHeap::new();
    for (i, s) in sources.iter_mut().enumerate() {
        if let Some(x) = s.next() {
            let (k, v) = x?;
            heads[i] = Some(v);
            heap.push(Reverse((k, i)));
        }
    }
    while let Some(Reverse((k, i))) = heap.pop() {
        if let Some(v) = heads[i].take() {
            emit(i, &k, v)?;
        }
        if let Some(x) = sources[i].next() {
            let (k2, v2) = x?;
            if k2 < k {
                return Err(Error::Other(format!(
                    "input {} is not sorted by report ({k2} after {k}); was it written by xxgk?",
                    i + 1
                )));
            }
            heads[i] = Some(v2);
            heap.push(Reverse((k2, i)));
        }
    }
    Ok(())
}

fn sources(
    dirs: &[PathBuf],
    name: &str,
) -> Result<(Vec<StringRecord>, Vec<Source<'static, StringRecord>>), Error> {
    let mut headers = Vec::new();
    let mut srcs = Vec::new();
    for d in dirs {
        let (h, s) = csv_source(&d.join(name))?;
        headers.push(h);
        srcs.push(s);
    }
    Ok((headers, srcs))
}

/// Combine shard outputs into `out`.
pub fn merge(dirs: &[PathBuf], out: &Path, opts: &MergeOptions) -> Result<Summary, Error> {
    let start = Instant::now();
    check_dirs(dirs)?;
    let incomplete = check_set(dirs, out, opts.allow_missing)?;
    let _lock = write::prepare_output(out, opts.xlsx.as_deref())?;
    let mut summary = Summary::default();

    // Which folder owns each report (the first one given).
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut duplicates = 0usize;
    let (_, srcs) = sources(dirs, "reports.csv")?;
    kway(srcs, |i, id, _| {
        if owner.contains_key(id) {
            duplicates += 1;
        } else {
            owner.insert(id.to_string(), i);
        }
        Ok(())
    })?;
    if duplicates > 0 {
        summary.notes.push(format!(
            "{duplicates} report ids appear in more than one folder; the first folder given was kept"
        ));
    }
    let owns = |i: usize, id: &str| owner.get(id) == Some(&i);

    let mut st = Staging::new(out).map_err(|e| oe(out, e))?;

    // Within-report findings (cross-year ones are recomputed below).
    let (fpath, f) = st.scratch("findings.csv").map_err(|e| oe(out, e))?;
    let mut pre_findings = csv_out(f, false).map_err(|e| oe(out, e))?;
    pre_findings
        .write_record(rows::FINDINGS_HEADER)
        .map_err(|e| oe(out, e))?;
    let mut within: HashMap<String, (usize, usize)> = HashMap::new();
    let (fheaders, srcs) = sources(dirs, "findings.csv")?;
    kway(srcs, |i, id, rec| {
        let row: rows::FindingRow = rows::read_row(&rec, &fheaders[i])
            .map_err(|e| Error::Other(format!("{}/findings.csv: {e}", dirs[i].display())))?;
        if !owns(i, id) || !row.other_report.is_empty() {
            return Ok(());
        }
        let e = within.entry(id.to_string()).or_default();
        match row.severity.as_str() {
            "error" => e.0 += 1,
            "warning" => e.1 += 1,
            _ => {}
        }
        pre_findings.write_record(&rec).map_err(|e| oe(out, e))
    })?;
    finish(pre_findings).map_err(|e| oe(out, e))?;

    // reports.csv rows with the within-report counts.
    let (rpath, f) = st.scratch("reports.csv").map_err(|e| oe(out, e))?;
    let mut pre_reports = csv_out(f, false).map_err(|e| oe(out, e))?;
    pre_reports
        .write_record(rows::REPORTS_HEADER)
        .map_err(|e| oe(out, e))?;
    let (headers, srcs) = sources(dirs, "reports.csv")?;
    same_headers(dirs, &headers, "reports.csv")?;
    let status_col = rows::column(&headers[0], "status");
    let errors_col = rows::column(&headers[0], "errors");
    let warnings_col = rows::column(&headers[0], "warnings");
    kway(srcs, |i, id, rec| {
        if !owns(i, id) {
            return Ok(());
        }
        let mut row: Vec<String> = rec.iter().map(str::to_string).collect();
        let (e, w) = within.get(id).copied().unwrap_or_default();
        for (col, n) in [(errors_col, e), (warnings_col, w)] {
            if let Some(c) = col.and_then(|c| row.get_mut(c)) {
                *c = n.to_string();
            }
        }
        let status = status_col
            .and_then(|c| rec.get(c))
            .and_then(Status::parse)
            .unwrap_or(Status::Failed);
        summary_count(&mut summary, status);
        pre_reports.write_record(&row).map_err(|e| oe(out, e))
    })?;
    finish(pre_reports).map_err(|e| oe(out, e))?;

    // values.csv and wide.csv, streamed.
    for name in ["values.csv", "wide.csv"] {
        let (headers, srcs) = sources(dirs, name)?;
        same_headers(dirs, &headers, name)?;
        let mut w =
            csv_out(st.output(name).map_err(|e| oe(out, e))?, opts.bom).map_err(|e| oe(out, e))?;
        w.write_record(&headers[0]).map_err(|e| oe(out, e))?;
        kway(srcs, |i, id, rec| {
            if owns(i, id) {
                w.write_record(&rec).map_err(|e| oe(out, e))
            } else {
                Ok(())
            }
        })?;
        finish(w).map_err(|e| oe(out, e))?;
    }

    // reports.jsonl, when every folder has one.
    let with_jsonl = dirs
        .iter()
        .filter(|d| d.join("reports.jsonl").is_file())
        .count();
    let jpath = if with_jsonl == dirs.len() {
        let (p, f) = st.scratch("reports.jsonl").map_err(|e| oe(out, e))?;
        let mut w = std::io::BufWriter::new(f);
        let srcs = dirs
            .iter()
            .map(|d| jsonl_source(&d.join("reports.jsonl")))
            .collect::<Result<Vec<_>, _>>()?;
        kway(srcs, |i, id, mut v| {
            if !owns(i, id) {
                return Ok(());
            }
            jsonl::set_cross_findings(&mut v, &[]);
            serde_json::to_writer(&mut w, &v)
                .map_err(std::io::Error::other)
                .and_then(|_| w.write_all(b"\n"))
                .map_err(|e| oe(out, e))
        })?;
        w.flush().map_err(|e| oe(out, e))?;
        Some(p)
    } else {
        if with_jsonl > 0 {
            summary.notes.push(format!(
                "reports.jsonl left out: only {with_jsonl} of {} folders have one",
                dirs.len()
            ));
        }
        None
    };

    // The cross-year audit over the union: from the shards' records.jsonl when every folder
    // has one (the merged folder then gets one too), else read back from the CSV files.
    let with_records = dirs
        .iter()
        .filter(|d| d.join(RECORDS_FILE).is_file())
        .count();
    let mut spill = if with_records == dirs.len() {
        let f = st.output(RECORDS_FILE).map_err(|e| oe(out, e))?;
        let path = st
            .temp_of(RECORDS_FILE)
            .ok_or_else(|| Error::Other("records.jsonl was not registered".into()))?;
        RecordSpill::new(path, f)
    } else {
        let (path, f) = st.scratch(RECORDS_FILE).map_err(|e| oe(out, e))?;
        RecordSpill::new(path, f)
    };
    if with_records == dirs.len() {
        let srcs = dirs
            .iter()
            .map(|d| records_source(&d.join(RECORDS_FILE)))
            .collect::<Result<Vec<_>, _>>()?;
        kway(srcs, |i, id, rec| {
            if owns(i, id) {
                spill.push(&rec).map_err(|e| oe(out, e))?;
            }
            Ok(())
        })?;
    } else {
        if with_records > 0 {
            summary.notes.push(format!(
                "records.jsonl left out: only {with_records} of {} folders have one; the others' reports are read back from their CSV files (no R-1 text comparison)",
                dirs.len()
            ));
        }
        for (i, d) in dirs.iter().enumerate() {
            gather_dir(d, &mut spill, |id| owns(i, id))?;
        }
    }
    let spilled = spill.finish().map_err(|e| oe(out, e))?;
    let mut cross = spill::cross_year(&spilled, &opts.aliases, out).map_err(|e| oe(out, e))?;
    if let Some(warning) = incomplete {
        summary.notes.push(warning.clone());
        cross.insert(0, incomplete_row(warning));
    }
    let pre = PreFiles {
        reports: rpath,
        findings: fpath,
        jsonl: jpath,
    };
    summary.findings =
        write::finalize(&mut st, &pre, &cross, opts.bom, Headers::En).map_err(|e| oe(out, e))?;
    crate::codebook::write(&mut st, opts.bom, Headers::En).map_err(|e| oe(out, e))?;
    if let Some(x) = &opts.xlsx {
        summary
            .notes
            .extend(write::write_xlsx(&mut st, x, Headers::En)?);
    }
    st.commit().map_err(|e| oe(out, e))?;
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// The findings.csv row of an incomplete merge (report empty, so it sorts first).
fn incomplete_row(message: String) -> Finding {
    Finding {
        report: String::new(),
        other_report: String::new(),
        rule: "MERGE".into(),
        severity: xxgk_model::Severity::Warning,
        status: xxgk_model::FindingStatus::Fail,
        cells: Vec::new(),
        expected: String::new(),
        actual: String::new(),
        message,
    }
}

fn oe<E: Into<std::io::Error>>(out: &Path, e: E) -> Error {
    Error::Output(out.to_path_buf(), e.into())
}

fn summary_count(s: &mut Summary, status: Status) {
    let i = [
        Status::Ok,
        Status::Partial,
        Status::Legacy,
        Status::Unsupported,
        Status::Failed,
        Status::Skipped,
    ]
    .iter()
    .position(|x| *x == status)
    .unwrap_or(4);
    s.by_status[i] += 1;
    s.files += 1;
}

fn same_headers(dirs: &[PathBuf], headers: &[StringRecord], name: &str) -> Result<(), Error> {
    for (d, h) in dirs.iter().zip(headers).skip(1) {
        if h != &headers[0] {
            return Err(Error::Other(format!(
                "{}/{name} has other columns than {}/{name} (e.g. --headers en and zh mixed); re-run one of them",
                d.display(),
                dirs[0].display()
            )));
        }
    }
    Ok(())
}

fn records_source(path: &Path) -> Result<Source<'static, YearRecord>, Error> {
    let p = path.to_path_buf();
    let r = open_skip_bom(path).map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
    Ok(Box::new(r.lines().map(move |line| {
        let line = line.map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
        let rec: YearRecord = serde_json::from_str(&line)
            .map_err(|e| Error::Other(format!("{}: {e}", p.display())))?;
        Ok((rec.report.clone(), rec))
    })))
}

/// Add the records of one output folder to `spill`: from its records.jsonl when it has one,
/// else read back from reports.csv and values.csv (without the R-1 fingerprints, which need
/// the section text). `keep` decides by report id.
fn gather_dir(
    dir: &Path,
    spill: &mut RecordSpill,
    keep: impl FnMut(&str) -> bool,
) -> Result<(), Error> {
    gather_dir_as(dir, spill, keep, None)
}

/// A folder label and which ids get it as a prefix.
type Prefix<'a> = (&'a str, &'a dyn Fn(&str) -> bool);

/// [`gather_dir`], with the report ids prefixed by `prefix` when given.
fn gather_dir_as(
    dir: &Path,
    spill: &mut RecordSpill,
    mut keep: impl FnMut(&str) -> bool,
    prefix: Option<Prefix<'_>>,
) -> Result<(), Error> {
    let rename = |id: &mut String| {
        if let Some((label, applies)) = prefix {
            if applies(id) {
                *id = format!("{label}/{id}");
            }
        }
    };
    let io = |e: std::io::Error| Error::Other(format!("{}: {e}", dir.display()));
    let records = dir.join(RECORDS_FILE);
    if records.is_file() {
        for item in records_source(&records)? {
            let (id, mut rec) = item?;
            if keep(&id) {
                rename(&mut rec.report);
                spill.push(&rec).map_err(io)?;
            }
        }
        return Ok(());
    }
    let mut failed = None;
    for_each_report(dir, |mut r| {
        if failed.is_some() || !keep(&r.report) {
            return;
        }
        rename(&mut r.report);
        if let Some(rec) = YearRecord::from_report(&r) {
            if let Err(e) = spill.push(&rec) {
                failed = Some(e);
            }
        }
    })?;
    failed.map_or(Ok(()), |e| Err(io(e)))
}

/// `xxgk audit`: the cross-year findings over earlier output folders, sorted. A report id found
/// in more than one folder is prefixed by its folder (`out2023/洪泽区.pdf`), so that reports of
/// different folders never collide, even when their file names are the same.
pub fn audit_dirs(dirs: &[PathBuf], aliases: &Aliases) -> Result<Vec<Finding>, Error> {
    check_dirs(dirs)?;
    let tmp = tempfile::tempdir()
        .map_err(|e| Error::Other(format!("cannot create a temporary folder: {e}")))?;
    let io = |e: std::io::Error| Error::Other(format!("{}: {e}", tmp.path().display()));
    let path = tmp.path().join(RECORDS_FILE);
    let mut spill = RecordSpill::new(path.clone(), std::fs::File::create(&path).map_err(io)?);
    // Ids found in more than one folder are prefixed by their folder; the others stay as they
    // are (shards of one run never share an id).
    let mut folders_of: HashMap<String, usize> = HashMap::new();
    for d in dirs {
        let (_, src) = csv_source(&d.join("reports.csv"))?;
        let mut ids = std::collections::HashSet::new();
        for item in src {
            ids.insert(item?.0);
        }
        for id in ids {
            *folders_of.entry(id).or_default() += 1;
        }
    }
    let labels = folder_labels(dirs);
    for (d, label) in dirs.iter().zip(&labels) {
        let shared = |id: &str| folders_of.get(id).is_some_and(|n| *n > 1);
        gather_dir_as(d, &mut spill, |_| true, Some((label.as_str(), &shared)))?;
    }
    let spilled = spill.finish().map_err(io)?;
    spill::cross_year(&spilled, aliases, tmp.path()).map_err(io)
}

/// A distinct label per folder: the path as given, `/`-separated, with `#2`, `#3` … when the
/// same folder is given twice.
fn folder_labels(dirs: &[PathBuf]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    dirs.iter()
        .map(|d| {
            let base = d
                .to_string_lossy()
                .replace('\\', "/")
                .trim_end_matches('/')
                .to_string();
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                format!("{base}#{n}")
            }
        })
        .collect()
}

/// Write findings as findings.csv rows (header first).
pub fn write_findings(w: impl Write, findings: &[Finding]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    w.write_record(rows::FINDINGS_HEADER)?;
    for f in findings {
        w.write_record(rows::finding_row(f))?;
    }
    w.flush()
}
