//! End-to-end tests: the same report (huaian-2024) saved as a GBK web page without a charset
//! declaration, a DOCX, a tab-separated text, a `pdftotext -layout` text and two run-together
//! dumps, and the page's body served in two scripts (`corpus/reports/formats/`, made by `corpus/gen/make_formats.py`), each read against its truth.

use xxgk_model::{Flag, Status, Template};
use xxgk_tests::{score_file, truth_dir, Truth};

fn check(name: &str) -> xxgk_model::Report {
    let t = Truth::load(&truth_dir().join("formats").join(name)).unwrap();
    let (report, s) = score_file(&t);
    assert!(s.is_perfect(), "{name}:\n{}", s.problems.join("\n"));
    assert_eq!((s.matched, s.total), (200, 200), "{name}");
    let report = report.unwrap();
    assert_eq!(report.status, Status::Ok, "{name}: {}", report.message);
    assert_eq!(report.meta.template, Some(Template::V2021));
    assert_eq!(report.meta.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(report.meta.year, Some(2024));
    report
}

#[test]
fn gbk_web_page_without_charset() {
    check("huaian-2024-gbk.json");
}

/// The page's article body as a CMS serves it in a script: a `var content = "…"` with JSON
/// escapes, and a JSONP answer whose body is two literals joined by `+`.
#[test]
fn a_body_served_in_a_script() {
    check("huaian-2024-content.json");
    check("huaian-2024-jsonp.json");
}

#[test]
fn docx() {
    check("huaian-2024.json");
}

#[test]
fn tab_separated_text() {
    check("huaian-2024-tab.json");
}

#[test]
fn pdftotext_layout_text() {
    check("huaian-2024-layout.json");
}

#[test]
fn run_together_dump_is_cut_by_the_tables_rules() {
    let r = check("huaian-2024-runs.json");
    assert!(r.cells.values().all(|c| c.flag == Flag::Number));
    assert_eq!(
        r.cell("t3.new_received.total").map(|c| c.value.as_str()),
        Some("3119")
    );
}

#[test]
fn run_together_dump_with_two_valid_splits_flags_that_row() {
    let r = check("huaian-2024-runs-ambiguous.json");
    let uncertain: Vec<&str> = r
        .cells
        .iter()
        .filter(|(_, c)| c.flag == Flag::Uncertain)
        .map(|(k, _)| k.as_str())
        .collect();
    // Only cells of table 四's one run; every other cell is a certain number.
    assert!(!uncertain.is_empty());
    assert!(
        uncertain.iter().all(|k| k.starts_with("t4.")),
        "{uncertain:?}"
    );
    for k in &uncertain {
        assert_eq!(
            r.cell(k).map(|c| c.raw.as_str()),
            Some("72641783735113481261211620")
        );
    }
}

/// A row a body added to table 二 (`行政确认 | 1234` under 行政许可 in the web page): every
/// template cell reads as before, and the audit says the row was printed (U-1, info) rather
/// than dropping it without a word. The page as published has no such finding.
#[test]
fn a_row_outside_the_template_is_reported_not_dropped() {
    let path = xxgk_tests::reports_dir().join("formats/huaian-2024-gbk.html");
    let bytes = std::fs::read(&path).unwrap();
    let (page, _, _) = encoding_rs::GBK.decode(&bytes);
    let row = "<tr>\n<td><p class=\"MsoNormal\" style=\"text-align:center\"><span style=\"font-family:仿宋_GB2312;font-size:10.5pt\">行政许可</span><o:p></o:p></p></td>\n<td colspan=\"3\"><p class=\"MsoNormal\" style=\"text-align:center\"><span style=\"font-family:仿宋_GB2312;font-size:10.5pt\">447228</span><o:p></o:p></p></td>\n</tr>";
    assert!(page.contains(row), "the page's 行政许可 row");
    let added = format!(
        "{row}\n{}",
        row.replace("行政许可", "行政确认")
            .replace("447228", "1234")
    );
    let findings_of = |html: &str| {
        let doc = xxgk_ingest::ingest(html.as_bytes(), "page.html").unwrap();
        let report = xxgk_parser::parse(&doc, "page.html", "page.html");
        assert_eq!(report.status, Status::Ok, "{}", report.message);
        assert_eq!(report.cell("t2.license.decisions").unwrap().value, "447228");
        xxgk_audit::check(&report)
            .into_iter()
            .filter(|f| f.rule == "U-1")
            .collect::<Vec<_>>()
    };
    assert!(findings_of(&page).is_empty());
    let found = findings_of(&page.replace(row, &added));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].actual, "1234");
    assert!(
        found[0].message.contains("行政确认"),
        "{}",
        found[0].message
    );
}
