//! Table rules within one report (T3-1, T3-2, T3-3, T3-4, T4-1, T2-1, T2-2, T2-3).

mod support;

use support::{brief, set, small, zero, ABSENT};
use xxgk_audit::{check, severity_counts};
use xxgk_model::{FindingStatus, Severity, Template};

#[test]
fn consistent_reports_have_no_finding() {
    for (t, single) in [
        (Template::V2019, false),
        (Template::V2021, false),
        (Template::V2021, true),
    ] {
        assert!(check(&zero("z", t, single)).is_empty());
        assert!(check(&small(t, single)).is_empty(), "{t:?} {single}");
    }
}

#[test]
fn legacy_and_unknown_templates_are_not_checked() {
    let mut r = small(Template::V2021, false);
    set(&mut r, &[("t3.granted.total", "99")]);
    r.meta.template = Some(Template::Legacy);
    assert!(check(&r).is_empty());
    r.meta.template = None;
    assert!(check(&r).is_empty());
}

#[test]
fn t3_1_fails_when_every_operand_is_printed() {
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t3.carried_out.natural_person", "3"),
            ("t3.carried_out.total", "3"),
        ],
    );
    let f = check(&r);
    assert_eq!(
        brief(&f),
        [
            "T3-1 error fail [t3.new_received.natural_person t3.carried_in.natural_person t3.processed_total.natural_person t3.carried_out.natural_person] 6 7",
            "T3-1 error fail [t3.new_received.total t3.carried_in.total t3.processed_total.total t3.carried_out.total] 6 7",
        ]
    );
    assert_eq!(
        f[0].message,
        "表三「自然人」列：一、本年新收 + 二、上年结转 = 6，但（七）总计 + 四、结转下年度 = 7（T3-1：第一项加第二项之和应等于第三项加第四项之和）"
    );
    assert_eq!(count(&f, "small.pdf"), (2, 0));
    assert_eq!(count(&f, "other.pdf"), (0, 0));
}

#[test]
fn t3_1_with_blank_or_absent_operands_is_uncertain_or_silent() {
    // Carried-in printed blank: 5 + 0 ≠ 4 + 2 only because of the blank → uncertain warning.
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t3.carried_in.natural_person", ""),
            ("t3.carried_in.total", ABSENT),
        ],
    );
    let f = check(&r);
    assert_eq!(
        brief(&f),
        [
            "T3-1 warning uncertain [t3.new_received.natural_person t3.carried_in.natural_person t3.processed_total.natural_person t3.carried_out.natural_person] 5 6",
            "T3-1 warning uncertain [t3.new_received.total t3.carried_in.total t3.processed_total.total t3.carried_out.total] 5 6",
        ]
    );
    assert!(f[0].message.contains("（空白）"), "{}", f[0].message);
    assert!(f[1].message.contains("（缺失）"), "{}", f[1].message);
    assert_eq!(count(&f, "small.pdf"), (0, 2));
    // Zeros printed blank everywhere (the Liaocheng style): holds under blank-as-0, no finding.
    let mut r = small(Template::V2019, false);
    for k in r.cells.clone().keys() {
        if r.cells[k].value == "0" {
            set(&mut r, &[(k.as_str(), "")]);
        }
    }
    assert!(check(&r).is_empty());
}

#[test]
fn t3_2_sums_the_result_rows_of_each_template_variant() {
    // v2021 with three （六） sub-rows: move 1 application from 予以公开 to （六）3.其他.
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t3.granted.natural_person", "3"),
            ("t3.granted.total", "3"),
            ("t3.other_other.natural_person", "1"),
            ("t3.other_other.total", "1"),
        ],
    );
    assert!(check(&r).is_empty());
    // Forget the （六） row: T3-2 fails in both columns.
    set(
        &mut r,
        &[
            ("t3.other_other.natural_person", "0"),
            ("t3.other_other.total", "0"),
        ],
    );
    let f = check(&r);
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|f| f.rule == "T3-2"
        && f.severity == Severity::Error
        && f.status == FindingStatus::Fail
        && f.expected == "3"
        && f.actual == "4"));
    assert_eq!(f[0].cells.len(), 22, "21 result rows + （七）总计");
    assert!(f[0]
        .cells
        .contains(&"t3.other_other.natural_person".to_string()));
    assert_eq!(
        f[0].message,
        "表三「自然人」列：（一）至（六）各项办理结果之和为 3，但（七）总计为 4（T3-2）"
    );
    // v2021 printing （六） as one row (`other`), and v2019.
    for (t, single) in [(Template::V2021, true), (Template::V2019, false)] {
        let mut r = small(t, single);
        set(
            &mut r,
            &[
                ("t3.granted.natural_person", "3"),
                ("t3.granted.total", "3"),
                ("t3.other.natural_person", "1"),
                ("t3.other.total", "1"),
            ],
        );
        assert!(check(&r).is_empty(), "{t:?}");
        set(&mut r, &[("t3.other.natural_person", "")]);
        let f = check(&r);
        // The blank decides T3-2 of 自然人 and T3-3 of the （六） row: both uncertain.
        assert_eq!(
            f.iter()
                .map(|f| (f.rule.as_str(), f.status))
                .collect::<Vec<_>>(),
            [
                ("T3-2", FindingStatus::Uncertain),
                ("T3-3", FindingStatus::Uncertain)
            ],
            "{t:?}"
        );
        assert_eq!(f[0].cells.len(), 20, "19 result rows + （七）总计");
    }
}

#[test]
fn t3_3_rows_and_the_shanghai_blank_total_column() {
    let mut r = small(Template::V2019, false);
    set(&mut r, &[("t3.granted.total", "5")]);
    // A wrong printed total: the row rule and the column rule of 总计 both fail.
    assert_eq!(
        brief(&check(&r)),
        [
            "T3-2 error fail [t3.granted.total t3.partial.total t3.deny_state_secret.total t3.deny_law_forbidden.total t3.deny_three_security.total t3.deny_third_party.total t3.deny_internal_affairs.total t3.deny_process_info.total t3.deny_enforcement_file.total t3.deny_admin_query.total t3.unable_not_held.total t3.unable_need_creation.total t3.unable_unclear.total t3.nohandle_petition.total t3.nohandle_repeat.total t3.nohandle_publication.total t3.nohandle_mass_repeat.total t3.nohandle_confirm.total t3.other.total t3.processed_total.total] 5 4",
            "T3-3 error fail [t3.granted.natural_person t3.granted.commercial t3.granted.research t3.granted.social_org t3.granted.legal_service t3.granted.other_org t3.granted.total] 4 5",
        ]
    );
    // 总计 left blank on a result row (Shanghai 2019): uncertain, not an error.
    set(&mut r, &[("t3.granted.total", "")]);
    let f = check(&r);
    assert_eq!(
        f.iter()
            .map(|f| (f.rule.as_str(), f.severity, f.status))
            .collect::<Vec<_>>(),
        [
            ("T3-2", Severity::Warning, FindingStatus::Uncertain),
            ("T3-3", Severity::Warning, FindingStatus::Uncertain)
        ]
    );
    assert_eq!(
        f[1].message,
        "表三「（一）予以公开」行：自然人至其他六列之和为 4，但总计列为 0（T3-3）；其中 1 个单元格未印数字、按 0 计：（一）予以公开「总计」（空白）"
    );
}

#[test]
fn t4_1_catches_the_printed_total_of_zero() {
    // TEMPLATES.md §13: 行政复议 结果维持 10, 结果纠正 1, 总计 0.
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t4.review.upheld", "10"),
            ("t4.review.corrected", "1"),
            ("t4.review.total", "0"),
        ],
    );
    let f = check(&r);
    assert_eq!(
        brief(&f),
        ["T4-1 error fail [t4.review.upheld t4.review.corrected t4.review.other t4.review.pending t4.review.total] 11 0"]
    );
    assert_eq!(
        f[0].message,
        "表四「行政复议」：结果维持、结果纠正、其他结果、尚未审结之和为 11，但总计为 0（T4-1）"
    );
    // Liaocheng: 复议后起诉 0 then four blanks: holds under blank-as-0.
    let mut r = small(Template::V2019, false);
    for c in ["corrected", "other", "pending", "total"] {
        set(&mut r, &[(format!("t4.lit_after_review.{c}").as_str(), "")]);
    }
    assert!(check(&r).is_empty());
    // A value with its 总计 not found: uncertain.
    set(
        &mut r,
        &[
            ("t4.lit_after_review.upheld", "2"),
            ("t4.lit_after_review.total", ABSENT),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        ["T4-1 warning uncertain [t4.lit_after_review.upheld t4.lit_after_review.corrected t4.lit_after_review.other t4.lit_after_review.pending t4.lit_after_review.total] 2 0"]
    );
}

#[test]
fn t3_4_negative_or_fractional_counts() {
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t3.deny_state_secret.research", "-2"),
            ("t4.lit_direct.other", "1.5"),
        ],
    );
    let f: Vec<_> = check(&r).into_iter().filter(|f| f.rule == "T3-4").collect();
    assert_eq!(
        brief(&f),
        [
            "T3-4 warning fail [t3.deny_state_secret.research] 0 -2",
            "T3-4 warning fail [t4.lit_direct.other] 0 1.5",
        ]
    );
}

#[test]
fn table_two_sanity_checks() {
    // v2021: a negative count (T2-1) and a stock smaller than what was made (T2-2).
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t2.penalty.decisions", "-5"),
            ("t2.normative.made", "10"),
            ("t2.normative.repealed", "3"),
            ("t2.normative.in_force", "2"),
            ("t2.fee.amount", "0.35"),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        [
            "T2-1 warning fail [t2.penalty.decisions] 0 -5",
            "T2-2 warning fail [t2.normative.made t2.normative.in_force t2.normative.repealed] 10 5",
        ]
    );
    // T2-2 with the stock left blank: uncertain.
    set(
        &mut r,
        &[
            ("t2.penalty.decisions", "5"),
            ("t2.normative.in_force", ""),
            ("t2.normative.repealed", ""),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        ["T2-2 warning uncertain [t2.normative.made t2.normative.in_force t2.normative.repealed] 10 0"]
    );
    // v2019: 本年增/减 may be negative; 新公开 ≤ 对外公开总数量 (T2-3).
    let mut r = small(Template::V2019, false);
    set(
        &mut r,
        &[
            ("t2.license.prev_items", "40"),
            ("t2.license.change", "-3"),
            ("t2.regulation.new_published", "5"),
            ("t2.regulation.total_published", "3"),
            ("t2.procurement.amount", "-1"),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        [
            "T2-3 warning fail [t2.procurement.amount] 0 -1",
            "T2-3 warning fail [t2.regulation.new_published t2.regulation.total_published] 5 3",
        ]
    );
    // Counts are whole numbers (T2-1 / T2-3); only the amounts have decimals. `1342.885` is
    // OCR's reading of a printed `1,342,885` (a comma read as a point).
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t2.license.decisions", "1342.885"),
            ("t2.fee.amount", "96171.6"),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        ["T2-1 warning fail [t2.license.decisions] 0 1342.885"]
    );
    let mut r = small(Template::V2019, false);
    set(
        &mut r,
        &[
            ("t2.license.change", "-1.5"),
            ("t2.procurement.amount", "489000.25"),
        ],
    );
    assert_eq!(
        brief(&check(&r)),
        ["T2-3 warning fail [t2.license.change] 0 -1.5"]
    );
}

/// `(errors, warnings)` among the findings about `report`.
fn count(findings: &[xxgk_model::Finding], report: &str) -> (usize, usize) {
    severity_counts(findings.iter().filter(|f| f.report == report))
}
