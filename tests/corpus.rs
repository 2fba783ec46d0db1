//! End-to-end tests over the real reports of `corpus/`, asserted against their truth files.

use xxgk_model::{Status, Template};
use xxgk_tests::{corpus_dir, score, score_file, Truth};

#[test]
fn seed_report_liaocheng_2019_is_read_completely() {
    let t = Truth::load(&corpus_dir().join("truth/liaocheng-waiban-2019.json")).unwrap();
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
