//! Rules across years (X-0 …) and the linking of agency names.

mod support;

use support::{brief, huaian, section, set, small, truth};
use xxgk_audit::{check, cross_year, Aliases, YearRecord};
use xxgk_model::{FindingStatus, Report, Severity, Template};

/// A consistent Huai'an 2023 whose 结转下年度 (自然人 and 总计) is `carried_out`; 2024's truth
/// carries in 34. Its table 二 stock makes X-2 hold against 2024 (11 = 10 + 1 − 0; 66 = 84 + 8 − 26).
fn huaian_2023(carried_out: u32) -> Report {
    let mut r = truth("huaian-2024");
    r.report = "huaian-2023.pdf".into();
    r.meta.year = Some(2023);
    // Keep T3-1 true: 3001 + 34 = processed + carried_out, moving the difference into 予以公开.
    let processed = 3035 - carried_out;
    let granted = 1288 + processed - 2932;
    let (p, g, c) = (
        processed.to_string(),
        granted.to_string(),
        carried_out.to_string(),
    );
    let (pt, gt) = ((processed + 118).to_string(), (granted + 74).to_string());
    set(
        &mut r,
        &[
            ("t3.carried_out.natural_person", c.as_str()),
            ("t3.carried_out.total", c.as_str()),
            ("t3.processed_total.natural_person", p.as_str()),
            ("t3.processed_total.total", pt.as_str()),
            ("t3.granted.natural_person", g.as_str()),
            ("t3.granted.total", gt.as_str()),
            ("t2.regulation.in_force", "10"),
            ("t2.normative.in_force", "84"),
        ],
    );
    r
}

fn records(reports: &[&Report]) -> Vec<YearRecord> {
    reports
        .iter()
        .map(|r| YearRecord::from_report(r).expect("record"))
        .collect()
}

#[test]
fn a_clean_pair_of_years_has_no_finding() {
    let (old, new) = (huaian_2023(34), truth("huaian-2024"));
    assert!(check(&old).is_empty(), "{:?}", brief(&check(&old)));
    assert!(cross_year(&records(&[&old, &new]), &Aliases::default()).is_empty());
}

#[test]
fn a_planted_x1_break_gives_exactly_its_findings_in_any_input_order() {
    let (old, new) = (huaian_2023(30), truth("huaian-2024"));
    assert!(check(&old).is_empty() && check(&new).is_empty());
    let f = cross_year(&records(&[&new, &old]), &Aliases::default());
    assert_eq!(
        brief(&f),
        [
            "X-1 warning fail [t3.carried_in.natural_person t3.carried_out.natural_person] 30 34",
            "X-1 warning fail [t3.carried_in.total t3.carried_out.total] 30 34",
        ]
    );
    assert!(f
        .iter()
        .all(|f| f.report == "huaian-2024.pdf" && f.other_report == "huaian-2023.pdf"));
    assert_eq!(
        f[0].message,
        "表三「自然人」列：2024 年二、上年结转为 34，但 2023 年四、结转下年度为 30（X-1；2024 年报告 huaian-2024.pdf 与 2023 年报告 huaian-2023.pdf）"
    );
    assert_eq!(f, cross_year(&records(&[&old, &new]), &Aliases::default()));
}

#[test]
fn only_consecutive_years_are_compared() {
    let (mut old, new) = (huaian_2023(30), truth("huaian-2024"));
    old.meta.year = Some(2022);
    assert!(cross_year(&records(&[&old, &new]), &Aliases::default()).is_empty());
}

#[test]
fn x1_blank_carry_is_uncertain() {
    let (mut old, new) = (small(Template::V2019, false), small(Template::V2021, false));
    old.report = "a-2020.pdf".into();
    old.meta.year = Some(2020);
    let mut new = new;
    new.meta.year = Some(2021);
    // 2020 carried out 2 (自然人 and 总计); 2021 (small) carries in 1: both columns break.
    let f = cross_year(&records(&[&old, &new]), &Aliases::default());
    assert_eq!(
        brief(&f),
        [
            "X-1 warning fail [t3.carried_in.natural_person t3.carried_out.natural_person] 2 1",
            "X-1 warning fail [t3.carried_in.total t3.carried_out.total] 2 1",
        ]
    );
    // The later year printed its carry-in blank: uncertain.
    let mut new = new.clone();
    set(
        &mut new,
        &[
            ("t3.carried_in.natural_person", ""),
            ("t3.carried_in.total", ""),
        ],
    );
    let f = cross_year(&records(&[&old, &new]), &Aliases::default());
    assert!(f.iter().all(|f| f.status == FindingStatus::Uncertain));
    assert_eq!(f.len(), 2);
    // Both printed blank: holds.
    set(
        &mut old,
        &[
            ("t3.carried_out.natural_person", ""),
            ("t3.carried_out.total", ""),
        ],
    );
    assert!(cross_year(&records(&[&old, &new]), &Aliases::default()).is_empty());
}

#[test]
fn x2_in_force_chain_v2021() {
    let (mut old, mut new) = (small(Template::V2021, false), small(Template::V2021, false));
    old.report = "a-2023.pdf".into();
    old.meta.year = Some(2023);
    // Make X-1 hold: 2023 carries out 1.
    set(
        &mut old,
        &[
            ("t3.carried_out.natural_person", "1"),
            ("t3.carried_out.total", "1"),
            ("t3.granted.natural_person", "5"),
            ("t3.granted.total", "5"),
            ("t3.processed_total.natural_person", "5"),
            ("t3.processed_total.total", "5"),
            ("t2.regulation.in_force", "10"),
            ("t2.normative.in_force", "597"),
        ],
    );
    // Suqian 2023→2024: 规章 11 + 2 − 1 = 12; 行政规范性文件 597 + 50 − 227 = 420.
    set(
        &mut new,
        &[
            ("t2.regulation.made", "2"),
            ("t2.regulation.repealed", "1"),
            ("t2.regulation.in_force", "12"),
            ("t2.normative.made", "50"),
            ("t2.normative.repealed", "227"),
            ("t2.normative.in_force", "420"),
        ],
    );
    assert!(check(&old).is_empty() && check(&new).is_empty());
    let f = cross_year(&records(&[&old, &new]), &Aliases::default());
    // Regulation: 10 + 2 − 1 = 11 ≠ 12; normative holds.
    assert_eq!(
        brief(&f),
        ["X-2 warning fail [t2.regulation.in_force t2.regulation.made t2.regulation.repealed] 11 12"]
    );
    assert!(
        f[0].message
            .contains("2023 年现行有效 10 + 2024 年制发 2 − 废止 1 = 11"),
        "{}",
        f[0].message
    );
    // Across the template change there is no table-二 rule.
    old.meta.template = Some(Template::V2019);
    assert!(cross_year(&records(&[&old, &new]), &Aliases::default()).is_empty());
}

#[test]
fn x3_item_chain_v2019() {
    let (mut old, mut new) = (small(Template::V2019, false), small(Template::V2019, false));
    old.report = "a-2019.pdf".into();
    old.meta.year = Some(2019);
    new.meta.year = Some(2020);
    set(
        &mut old,
        &[
            ("t3.carried_out.natural_person", "1"),
            ("t3.carried_out.total", "1"),
            ("t3.granted.natural_person", "5"),
            ("t3.granted.total", "5"),
            ("t3.processed_total.natural_person", "5"),
            ("t3.processed_total.total", "5"),
            ("t2.license.prev_items", "40"),
            ("t2.license.change", "-3"),
            ("t2.fee.prev_items", "6"),
            ("t2.fee.change", "+1"),
        ],
    );
    set(
        &mut new,
        &[("t2.license.prev_items", "37"), ("t2.fee.prev_items", "6")],
    );
    let f = cross_year(&records(&[&old, &new]), &Aliases::default());
    assert_eq!(
        brief(&f),
        ["X-3 warning fail [t2.fee.prev_items t2.fee.change] 7 6"]
    );
}

#[test]
fn names_are_linked_by_suffix_and_aliases() {
    let mk = |name: &str, agency: &str, year: u16, carried: &str| {
        let mut r = small(Template::V2021, false);
        r.report = name.into();
        r.meta.agency = Some(agency.into());
        r.meta.year = Some(year);
        set(
            &mut r,
            &[
                ("t3.carried_in.natural_person", carried),
                ("t3.carried_in.total", carried),
                ("t2.regulation.made", "0"),
            ],
        );
        r
    };
    // small() carries out 2; 2023 carries in 9 (breaks X-1 against 2022).
    let a = mk("hz-2022.pdf", "洪泽区人民政府", 2022, "1");
    let b = mk("hz-2023.pdf", "淮安市洪泽区人民政府", 2023, "9");
    let f = cross_year(&records(&[&a, &b]), &Aliases::default());
    assert_eq!(f.len(), 2);
    assert_eq!(
        (f[0].report.as_str(), f[0].other_report.as_str()),
        ("hz-2023.pdf", "hz-2022.pdf")
    );
    // A second 洪泽区 in another city: the short name is ambiguous and stays alone.
    let c = mk("x-2023.pdf", "某市洪泽区人民政府", 2023, "1");
    assert!(cross_year(&records(&[&a, &b, &c]), &Aliases::default()).is_empty());
    // An alias resolves it.
    let aliases =
        Aliases::from_csv("alias,canonical\n洪泽区人民政府,淮安市洪泽区人民政府\n").unwrap();
    assert_eq!(cross_year(&records(&[&a, &b, &c]), &aliases).len(), 2);
    // Unrelated names never link.
    let d = mk("d-2023.pdf", "淮安市人民政府", 2023, "9");
    assert!(cross_year(&records(&[&a, &d]), &Aliases::default()).is_empty());
}

#[test]
fn two_reports_of_one_body_and_year() {
    let old = huaian_2023(30);
    let new = truth("huaian-2024");
    let mut copy = new.clone();
    copy.report = "copy/huaian-2024.html".into();
    // A copy in another format: same readings, other provenance.
    for c in copy.cells.values_mut() {
        c.page = None;
        c.bbox = None;
    }
    // The same data saved twice: X-0 info, and the year is still checked.
    let f = cross_year(&records(&[&new, &old, &copy]), &Aliases::default());
    assert_eq!(
        f.iter()
            .map(|f| (f.rule.as_str(), f.report.as_str()))
            .collect::<Vec<_>>(),
        [
            ("X-0", "huaian-2024.pdf"),
            ("X-1", "copy/huaian-2024.html"),
            ("X-1", "copy/huaian-2024.html"),
        ]
    );
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(f[0].other_report, "copy/huaian-2024.html");
    // Different data: the year is left out.
    set(&mut copy, &[("t3.carried_in.total", "35")]);
    let f = cross_year(&records(&[&new, &old, &copy]), &Aliases::default());
    assert_eq!(brief(&f), ["X-0 info fail []  "]);
}

#[test]
fn r1_reports_a_copied_text() {
    let new = huaian();
    let mut old = huaian_2023(34);
    // Last year: the same section 五 with other figures, a different section 一.
    old.sections = vec![
        section(1, &"本年度我市围绕优化营商环境推进政务公开，完善主动公开目录，加强政策解读和回应关切，规范依申请公开办理。".repeat(6)),
        section(5, &new.sections[1].text.replace("2024", "2023")),
    ];
    let f = cross_year(&records(&[&old, &new]), &Aliases::default());
    assert_eq!(brief(&f), ["R-1 info fail [] 60 100"]);
    assert!(
        f[0].message
            .contains("，第五部分（五、存在的主要问题及改进情况）100%（R-1，阈值 60%；"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("第一部分（一、总体情况）"),
        "{}",
        f[0].message
    );
    // Rewritten text: no finding.
    old.sections.truncate(1);
    assert!(cross_year(&records(&[&old, &new]), &Aliases::default()).is_empty());
}
