//! End-to-end tests: variants.
//!
//! Every synthetic variant in `corpus/reports/variants/` (rendered by LibreOffice or Chromium, see
//! `corpus/gen/README.md`) is read by `xxgk_ingest::ingest` + `xxgk_parser::parse` and must
//! match its truth file in `corpus/truth/variants/` exactly: status, agency, year, template and
//! every cell (number, blank, dash, absent, uncertain). `docs/corpus.md` lists what each variant
//! exercises.

use std::path::Path;
use xxgk_tests::{reports_dir, score, truth_dir, Truth};

fn run(truth: &Truth) -> xxgk_tests::Score {
    let name = truth
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes =
        std::fs::read(&truth.source).unwrap_or_else(|e| panic!("{}: {e}", truth.source.display()));
    match xxgk_ingest::ingest(&bytes, &name) {
        Ok(doc) => {
            let report = xxgk_parser::parse(&doc, &name, &name);
            // The audit must accept whatever the parser made of it.
            let _ = xxgk_audit::check(&report);
            score(truth, Ok(&report))
        }
        Err(e) => score(truth, Err((e.status, &e.message))),
    }
}

fn truths() -> Vec<Truth> {
    let dir = truth_dir().join("variants");
    let truths = Truth::load_dir(&dir);
    assert!(
        truths.len() >= 20,
        "expected the variant corpus in {}, found {} truth files",
        dir.display(),
        truths.len()
    );
    truths
}

#[test]
fn truth_files_name_existing_documents() {
    for t in truths() {
        assert!(
            Path::new(&t.source).is_file(),
            "{}: source {} does not exist",
            t.path.display(),
            t.source.display()
        );
    }
}

#[test]
fn every_variant_reads_as_its_truth() {
    let mut failures = Vec::new();
    let mut summary = Vec::new();
    for t in truths() {
        let sc = run(&t);
        let name = t.path.file_name().unwrap_or_default().to_string_lossy();
        summary.push(format!(
            "{name}: {}/{} cells{}",
            sc.matched,
            sc.total,
            if sc.is_perfect() { "" } else { " FAIL" }
        ));
        if !sc.is_perfect() {
            let mut lines = sc.problems.clone();
            let more = lines.len().saturating_sub(8);
            lines.truncate(8);
            if more > 0 {
                lines.push(format!("… and {more} more"));
            }
            failures.push(format!("{name}:\n    {}", lines.join("\n    ")));
        }
    }
    eprintln!("{}", summary.join("\n"));
    assert!(
        failures.is_empty(),
        "{} variant(s) not read as their truth:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The truth files themselves must be self-consistent where the variant is not about an error:
/// this guards the generator (a wrong truth would make the parser test meaningless).
#[test]
fn variant_truths_add_up() {
    for t in truths() {
        let name = t.path.file_name().unwrap_or_default().to_string_lossy();
        if t.cells.is_empty() || name.starts_with("t4-total-error") {
            continue;
        }
        let get = |k: &str| -> f64 {
            t.cells
                .iter()
                .find(|(key, _)| key == k)
                .and_then(|(_, v)| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let rows: Vec<String> = t
            .cells
            .iter()
            .filter(|(k, _)| k.starts_with("t3.") && k.ends_with(".total"))
            .map(|(k, _)| k.split('.').nth(1).unwrap_or_default().to_string())
            .collect();
        let cols = [
            "natural_person",
            "commercial",
            "research",
            "social_org",
            "legal_service",
            "other_org",
        ];
        for row in &rows {
            let sum: f64 = cols.iter().map(|c| get(&format!("t3.{row}.{c}"))).sum();
            assert_eq!(
                sum,
                get(&format!("t3.{row}.total")),
                "{name}: T3-3 row {row}"
            );
        }
        for c in cols.iter().chain(["total"].iter()) {
            let lhs = get(&format!("t3.new_received.{c}")) + get(&format!("t3.carried_in.{c}"));
            let rhs = get(&format!("t3.processed_total.{c}")) + get(&format!("t3.carried_out.{c}"));
            assert_eq!(lhs, rhs, "{name}: T3-1 column {c}");
            let results: f64 = rows
                .iter()
                .filter(|r| {
                    !matches!(
                        r.as_str(),
                        "new_received" | "carried_in" | "processed_total" | "carried_out"
                    )
                })
                .map(|r| get(&format!("t3.{r}.{c}")))
                .sum();
            assert_eq!(
                results,
                get(&format!("t3.processed_total.{c}")),
                "{name}: T3-2 column {c}"
            );
        }
        for g in ["review", "lit_direct", "lit_after_review"] {
            let parts: f64 = ["upheld", "corrected", "other", "pending"]
                .iter()
                .map(|c| get(&format!("t4.{g}.{c}")))
                .sum();
            assert_eq!(parts, get(&format!("t4.{g}.total")), "{name}: T4-1 {g}");
        }
    }
}

/// Ingest and parse one variant file by name.
fn report_of(file: &str) -> xxgk_model::Report {
    let path = reports_dir().join("variants").join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc =
        xxgk_ingest::ingest(&bytes, file).unwrap_or_else(|e| panic!("{file}: ingest failed: {e}"));
    xxgk_parser::parse(&doc, file, file)
}

/// `t4-total-error.pdf` prints 行政复议 10 + 1 + 0 + 0 with 总计 0 (docs/corpus.md): exactly one
/// T4-1 error, on the 行政复议 group, 11 expected and 0 printed; no other T3/T4 finding.
#[test]
fn planted_table4_total_error_is_reported() {
    let report = report_of("t4-total-error.pdf");
    let findings = xxgk_audit::check(&report);
    let t34: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.starts_with("T3") || f.rule.starts_with("T4"))
        .collect();
    assert_eq!(t34.len(), 1, "expected one T3/T4 finding, got {t34:#?}");
    let f = t34[0];
    assert_eq!(f.rule, "T4-1");
    assert_eq!(f.severity, xxgk_model::Severity::Error);
    assert_eq!(f.status, xxgk_model::FindingStatus::Fail);
    assert!(f.cells.iter().any(|c| c == "t4.review.total"), "{f:?}");
    let num = |s: &str| s.parse::<f64>().ok();
    assert_eq!(
        (num(&f.expected), num(&f.actual)),
        (Some(11.0), Some(0.0)),
        "{f:?}"
    );
}

/// `hongze-2023.pdf` → `hongze-2024.pdf` (洪泽区人民政府 / 淮安市洪泽区人民政府): 上年结转 of
/// 2024 differs from 结转下年度 of 2023 in 自然人 (9 → 12) and so in 总计; every other column
/// carries over (docs/corpus.md). Exactly those two X-1 findings.
#[test]
fn planted_cross_year_break_is_reported() {
    let a = report_of("hongze-2023.pdf");
    let b = report_of("hongze-2024.pdf");
    let records: Vec<_> = [&a, &b]
        .iter()
        .map(|r| {
            xxgk_audit::YearRecord::from_report(r)
                .unwrap_or_else(|| panic!("{}: no year record", r.report))
        })
        .collect();
    let findings = xxgk_audit::cross_year(&records, &xxgk_audit::Aliases::default());
    let x1: Vec<_> = findings.iter().filter(|f| f.rule == "X-1").collect();
    let mut cols: Vec<&str> = x1
        .iter()
        .flat_map(|f| f.cells.iter())
        .filter_map(|c| c.strip_prefix("t3.carried_in."))
        .collect();
    cols.sort();
    cols.dedup();
    assert_eq!(cols, ["natural_person", "total"], "X-1 findings: {x1:#?}");
    for f in &x1 {
        assert_eq!(f.report, "hongze-2024.pdf", "{f:?}");
        assert_eq!(f.other_report, "hongze-2023.pdf", "{f:?}");
    }
    assert!(
        findings.iter().all(|f| f.rule != "X-2"),
        "X-2 holds in this pair: {findings:#?}"
    );
}

/// Variants that are not about an error must not produce an error-level T3/T4 finding.
#[test]
fn consistent_variants_have_no_table_errors() {
    let mut bad = Vec::new();
    for t in truths() {
        let name = t
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if t.cells.is_empty() || name.starts_with("t4-total-error") {
            continue;
        }
        let file = t
            .source
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&t.source).unwrap_or_default();
        let Ok(doc) = xxgk_ingest::ingest(&bytes, &file) else {
            bad.push(format!("{file}: not ingested"));
            continue;
        };
        let report = xxgk_parser::parse(&doc, &file, &file);
        for f in xxgk_audit::check(&report) {
            if (f.rule.starts_with("T3") || f.rule.starts_with("T4"))
                && f.severity == xxgk_model::Severity::Error
                && f.status == xxgk_model::FindingStatus::Fail
            {
                bad.push(format!("{file}: {} {:?} {}", f.rule, f.cells, f.message));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "unexpected table errors:\n{}",
        bad.join("\n")
    );
}
