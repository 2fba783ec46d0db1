//! Writing a batch: the output folder checked and locked before any input is read, the writers
//! fed one outcome at a time in report order ([`Sink`]), and the files finished once the
//! cross-year findings are known ([`finalize`]), then the optional workbook. Shared by `extract`
//! ([`crate::run`]) and `merge` ([`crate::merge`]).

use crate::codebook;
use crate::headers;
use crate::jsonl;
use crate::outcome::Outcome;
use crate::output::{csv_out, finish, Staging};
use crate::rows::{self, Headers};
use crate::run::{Error, ExtractOptions};
use crate::spill::{RecordSpill, Spilled};
use crate::walk::{self};
use crate::xlsx;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use xxgk_model::Finding;

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
pub(crate) struct Sink {
    values: crate::output::CsvOut,
    wide: crate::output::CsvOut,
    reports: crate::output::CsvOut,
    findings: crate::output::CsvOut,
    jsonl: Option<std::io::BufWriter<std::fs::File>>,
    pre: PreFiles,
    records: RecordSpill,
}

impl Sink {
    pub(crate) fn new(st: &mut Staging, opts: &ExtractOptions) -> std::io::Result<Sink> {
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

    pub(crate) fn write(&mut self, o: &Outcome) -> std::io::Result<()> {
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

    pub(crate) fn finish(self) -> std::io::Result<(PreFiles, Spilled)> {
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
    use xxgk_model::{FindingStatus, Severity, Status};

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
