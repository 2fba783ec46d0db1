//! The corpus truths (`corpus/truth/*.json`) through the audit: no error, and exactly the findings
//! listed here. Planted errors in an otherwise true report give exactly the planted findings.

mod support;

use support::{brief, huaian, liaocheng, set, truth};
use xxgk_audit::{check, cross_year, severity_counts, Aliases, YearRecord};
use xxgk_model::{Report, Severity};

fn print(r: &Report) -> Vec<xxgk_model::Finding> {
    let f = check(r);
    for x in &f {
        println!(
            "{},{},{},{},{},{},{},{}",
            x.report,
            x.rule,
            x.severity.as_str(),
            x.status.as_str(),
            x.cells.join(" "),
            x.expected,
            x.actual,
            x.message
        );
    }
    f
}

#[test]
fn huaian_2024_gives_no_finding() {
    // Cells only, and cells with the prose of sections 一 and 五.
    assert!(print(&truth("huaian-2024")).is_empty());
    assert!(print(&huaian()).is_empty());
}

#[test]
fn liaocheng_2019_gives_no_finding() {
    // 151 blank cells in table 三 and four in table 四: all hold under blank-as-0.
    let r = liaocheng();
    assert_eq!(
        r.cells
            .values()
            .filter(|c| c.flag == xxgk_model::Flag::Blank)
            .count(),
        155
    );
    assert!(print(&truth("liaocheng-waiban-2019")).is_empty());
    assert!(print(&r).is_empty());
    // Its prose ("收到…网络申请 2 件") names one channel: not compared, though it agrees anyway.
    assert!(YearRecord::from_report(&r).is_some());
}

#[test]
fn a_planted_total_error_gives_exactly_its_findings() {
    // （七）总计「总计」printed 3051 instead of 3050.
    let mut r = huaian();
    set(&mut r, &[("t3.processed_total.total", "3051")]);
    let f = print(&r);
    assert_eq!(
        brief(&f),
        [
            "T3-1 error fail [t3.new_received.total t3.carried_in.total t3.processed_total.total t3.carried_out.total] 3153 3154",
            &format!(
                "T3-2 error fail [{} t3.processed_total.total] 3050 3051",
                [
                    "granted", "partial", "deny_state_secret", "deny_law_forbidden",
                    "deny_three_security", "deny_third_party", "deny_internal_affairs",
                    "deny_process_info", "deny_enforcement_file", "deny_admin_query",
                    "unable_not_held", "unable_need_creation", "unable_unclear",
                    "nohandle_petition", "nohandle_repeat", "nohandle_publication",
                    "nohandle_mass_repeat", "nohandle_confirm", "other_no_correction",
                    "other_no_fee_paid", "other_other",
                ]
                .map(|row| format!("t3.{row}.total"))
                .join(" ")
            ),
            "T3-3 error fail [t3.processed_total.natural_person t3.processed_total.commercial t3.processed_total.research t3.processed_total.social_org t3.processed_total.legal_service t3.processed_total.other_org t3.processed_total.total] 3050 3051",
            // The prose says 答复 3050 件.
            "P-2 warning fail [t3.processed_total.total] 3051 3050",
        ]
    );
    assert!(f
        .iter()
        .all(|f| f.cells.contains(&"t3.processed_total.total".to_string())));
    assert_eq!(
        severity_counts(f.iter().filter(|f| f.report == "huaian-2024.pdf")),
        (3, 1)
    );
}

#[test]
fn truths_make_year_records() {
    let h = YearRecord::from_report(&huaian()).expect("record");
    assert_eq!((h.agency.as_str(), h.year), ("淮安市人民政府", 2024));
    assert_eq!(
        h.cells.len(),
        10 + 14,
        "table 二 and rows 二/四 of table 三"
    );
    assert_eq!(
        h.fingerprints.iter().map(|f| f.section).collect::<Vec<_>>(),
        [1, 5]
    );
    // A lone record has no cross-year finding.
    assert!(cross_year(&[h], &Aliases::default()).is_empty());
}

#[test]
fn every_changed_cell_of_tables_three_and_four_is_caught() {
    let base = truth("huaian-2024");
    let mut checked = 0;
    for (id, cell) in base.cells.iter().filter(|(k, _)| !k.starts_with("t2.")) {
        let n: u64 = cell.value.parse().expect("integer");
        let mut r = base.clone();
        set(&mut r, &[(id.as_str(), (n + 1).to_string().as_str())]);
        let f = check(&r);
        assert!(
            f.iter()
                .any(|f| f.severity == Severity::Error && f.cells.contains(id)),
            "{id}: {:?}",
            brief(&f)
        );
        checked += 1;
    }
    assert_eq!(checked, 175 + 15);
}
