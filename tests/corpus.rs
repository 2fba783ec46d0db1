//! End-to-end tests over the real reports of `corpus/`, asserted against their truth files.

use xxgk_model::{Status, Template};
use xxgk_tests::{corpus_dir, reports_dir, score, score_file, truth_dir, Truth};

#[test]
fn seed_report_liaocheng_2019_is_read_completely() {
    let t = Truth::load(&truth_dir().join("liaocheng-waiban-2019.json")).unwrap();
    let (report, s) = score_file(&t);
    assert!(s.is_perfect(), "problems:\n{}", s.problems.join("\n"));
    assert_eq!((s.matched, s.total), (198, 198));
    let report = report.unwrap();
    assert_eq!(report.meta.template, Some(Template::V2019));
    assert_eq!(
        report.meta.agency.as_deref(),
        Some("聊城市人民政府外事办公室")
    );
    assert_eq!(report.meta.year, Some(2019));
    assert_eq!(report.status, Status::Ok, "{}", report.message);
}

/// Pages 3–5 of huaian-2024.pdf as positioned lines and rulings (the layout fixture made from
/// pdfplumber's reading of the PDF), through `layout::build_grids` and the parser: the table
/// cells must equal the truth, independently of the PDF reader.
#[test]
fn huaian_tables_from_positioned_pages_through_layout_and_parser() {
    use xxgk_model::{Block, Document, Format, Line, Page};
    let dir = corpus_dir();
    let fixture = dir.join("../crates/ingest/tests/fixtures/layout/huaian-2024-p3-5.json");
    let text = std::fs::read_to_string(&fixture).expect("layout fixture");
    let mut pages: Vec<Page> = serde_json::from_str(&text).expect("pages");
    for p in &mut pages {
        xxgk_ingest::layout::build_grids(p);
    }
    let mut doc = Document::new(Format::Pdf);
    doc.pages.push(Page {
        number: 1,
        blocks: vec![
            Block::Line(Line::plain("淮安市人民政府")),
            Block::Line(Line::plain("2024 年政府信息公开工作年度报告")),
        ],
        ..Page::default()
    });
    doc.pages.push(Page {
        number: 2,
        ..Page::default()
    });
    doc.pages.extend(pages);
    let report = xxgk_parser::parse(&doc, "huaian-2024.pdf", "huaian-2024.pdf");
    let t = Truth::load(&dir.join("truth/huaian-2024.json")).unwrap();
    let s = score(&t, Ok(&report));
    assert!(s.is_perfect(), "problems:\n{}", s.problems.join("\n"));
    assert_eq!((s.matched, s.total), (200, 200));
    assert_eq!(report.meta.template, Some(Template::V2021));
    for (id, c) in &report.cells {
        assert!(
            c.page.is_some() && c.bbox.is_some(),
            "{id} has no provenance"
        );
    }
}

/// The real report through the real PDF reader: 200/200, with a page and a box for every value.
#[test]
fn huaian_2024_pdf_is_read_completely_with_provenance() {
    let t = Truth::load(&truth_dir().join("huaian-2024.json")).unwrap();
    let (report, s) = score_file(&t);
    assert!(s.is_perfect(), "problems:\n{}", s.problems.join("\n"));
    assert_eq!((s.matched, s.total), (200, 200));
    let report = report.unwrap();
    assert_eq!(report.meta.template, Some(Template::V2021));
    assert_eq!(report.meta.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(report.meta.year, Some(2024));
    assert_eq!(report.meta.pages, Some(6));
    for (id, c) in &report.cells {
        let (Some(page), Some(b)) = (c.page, c.bbox) else {
            panic!("{id} has no page or bbox");
        };
        assert!((3..=5).contains(&page), "{id} on page {page}");
        assert!(
            b.x0 < b.x1 && b.y0 < b.y1 && b.x1 <= 595.5 && b.y1 <= 842.5,
            "{id}: {b:?}"
        );
    }
    // Table 三 starts on page 4 and ends on page 5 (the join across the page break).
    assert_eq!(
        report.cell("t3.new_received.total").and_then(|c| c.page),
        Some(4)
    );
    assert_eq!(
        report.cell("t3.carried_out.total").and_then(|c| c.page),
        Some(5)
    );
}

/// The audit finds no error in either real report as extracted.
#[test]
fn real_reports_have_no_error_finding() {
    for name in ["huaian-2024.json", "liaocheng-waiban-2019.json"] {
        let t = Truth::load(&truth_dir().join(name)).unwrap();
        let (report, _) = score_file(&t);
        let findings = xxgk_audit::check(&report.unwrap());
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == xxgk_model::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

/// A pair of years with a planted X-1 break (the body named 洪泽区人民政府 one year and
/// 淮安市洪泽区人民政府 the next) and a report with a planted table-四 total error, through the
/// whole batch: exactly the planted findings, with the right cells.
#[test]
fn planted_errors_give_exactly_their_findings() {
    let dir = reports_dir().join("variants");
    let out = std::env::temp_dir().join(format!("xxgk-planted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let inputs: Vec<_> = ["hongze-2023.pdf", "hongze-2024.pdf", "t4-total-error.pdf"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let opts = xxgk_export::ExtractOptions {
        threads: 2,
        ..Default::default()
    };
    xxgk_export::extract(&inputs, &out, &opts, &mut |_, _| {}).expect("extract");
    let text = std::fs::read_to_string(out.join("findings.csv")).expect("findings.csv");
    let _ = std::fs::remove_dir_all(&out);
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    // report, other_report, rule, severity, status, cells, expected, actual
    let mut got: Vec<String> = rows
        .iter()
        .filter(|r| r[3] != "info")
        .map(|r| r[..8].join("|"))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            "hongze-2024.pdf|hongze-2023.pdf|X-1|warning|fail|t3.carried_in.natural_person t3.carried_out.natural_person|9|12",
            "hongze-2024.pdf|hongze-2023.pdf|X-1|warning|fail|t3.carried_in.total t3.carried_out.total|9|12",
            "t4-total-error.pdf||T4-1|error|fail|t4.review.upheld t4.review.corrected t4.review.other t4.review.pending t4.review.total|11|0",
        ]
    );
    // The only other finding: the generator wrote the same prose in both years, which the
    // text-reuse rule rightly reports (info).
    let info: Vec<&str> = rows
        .iter()
        .filter(|r| r[3] == "info")
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(info, vec!["R-1"]);
}

/// One test per synthetic PDF that the table issue names: each must read exactly as its truth.
macro_rules! pdf_variant {
    ($($test:ident => $truth:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            let t = Truth::load(&truth_dir().join("variants").join($truth)).unwrap();
            let (_, s) = score_file(&t);
            assert!(s.is_perfect(), "{}:\n{}", $truth, s.problems.join("\n"));
            assert!(s.total >= 186, "{}: only {} truth cells", $truth, s.total);
        }
    )*};
}

pdf_variant! {
    variant_v2019_template => "v2019-html.json",
    variant_blank_cells => "blank-zeros.json",
    variant_borderless_tables => "borderless.json",
    variant_table_split_across_pages_with_footer => "split-footer.json",
    variant_single_other_row => "single-other.json",
    variant_label_typos => "label-typos.json",
    variant_social_org_header => "social-org.json",
    variant_wrapped_and_vertical_labels => "wrapped-vertical.json",
    variant_dash_cells => "dash-cells.json",
    variant_second_producer_chromium => "v2021-chromium.json",
    variant_rotated_page => "rotated.json",
}
