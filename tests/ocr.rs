//! End-to-end tests: scanned PDFs read by OCR (issue 12). Tesseract with `chi_sim` must be
//! installed (`.ci/run` installs it); these tests fail, not skip, without it.

use xxgk_model::{Flag, Status};
use xxgk_tests::{reports_dir, score, truth_dir, Truth};

#[test]
fn tesseract_with_chinese_is_installed() {
    xxgk_ingest::ocr::tesseract::check().expect("Tesseract with chi_sim (see .ci/run)");
}

#[test]
fn without_tesseract_the_message_names_the_packages() {
    let why = xxgk_ingest::ocr::tesseract::check_program("/nonexistent/tesseract").unwrap_err();
    assert!(
        why.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
        "{why}"
    );
}

#[test]
fn a_72_dpi_scan_stays_unsupported_with_a_reason() {
    let bytes = std::fs::read(reports_dir().join("variants/scanned.pdf")).unwrap();
    let err = xxgk_ingest::ingest(&bytes, "scanned.pdf").unwrap_err();
    assert_eq!(err.status, Status::Unsupported);
    assert!(err.message.contains("72 dpi"), "{}", err.message);
}

/// The G4 (300 dpi bilevel) scan through the batch pipeline, verification included: template,
/// agency and year right, most cells right, and no number that differs from the truth unless
/// it is flagged `uncertain`.
#[test]
fn g4_scan_of_huaian_is_read_and_never_confidently_wrong() {
    let truth = Truth::load(&truth_dir().join("scans/huaian-2024-g4.json")).unwrap();
    let bytes = std::fs::read(&truth.source).unwrap();
    let pipeline = xxgk_export::process::default_pipeline();
    let (report, _findings) = pipeline(&bytes, "huaian-2024-g4.pdf", "huaian-2024-g4.pdf");
    assert_eq!(report.meta.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(report.meta.year, Some(2024));
    assert_eq!(report.meta.template.map(|t| t.as_str()), Some("v2021"));
    let score = score(&truth, Ok(&report));
    // Only numbers a holding sum confirms are reported as numbers (table 二 has no sums, so
    // its readings are `uncertain` with the value read): 159 of 200 confident and right at the
    // time of writing, 188 readings right in all (docs/design-ocr.md); not yet the 99 %.
    assert!(
        score.matched >= 155,
        "{} of {} right:\n{}",
        score.matched,
        score.total,
        score.problems.join("\n")
    );
    let readings_right = truth
        .cells
        .iter()
        .filter(|(key, want)| {
            report.cells.get(key).is_some_and(|c| {
                matches!(c.flag, Flag::Number | Flag::Uncertain) && &c.value == want
            })
        })
        .count();
    assert!(readings_right >= 180, "{readings_right} readings right");
    let confidently_wrong: Vec<String> = truth
        .cells
        .iter()
        .filter_map(|(key, want)| {
            let cell = report.cells.get(key)?;
            (cell.flag == Flag::Number && &cell.value != want)
                .then(|| format!("{key}: read {} for {want}", cell.value))
        })
        .collect();
    assert!(confidently_wrong.is_empty(), "{confidently_wrong:#?}");
}
