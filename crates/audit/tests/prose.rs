//! Prose against tables (P-1 … P-7).

mod support;

use support::{brief, huaian, section, set, small, ABSENT};
use xxgk_audit::check;
use xxgk_model::{Report, Template};

/// Huai'an 2024 with one string of its section 一 replaced.
fn huaian_saying(from: &str, to: &str) -> Report {
    let mut r = huaian();
    let s1 = &mut r.sections[0].text;
    assert!(s1.contains(from), "section 一 has no {from:?}");
    *s1 = s1.replacen(from, to, 1);
    r
}

#[test]
fn huaian_prose_agrees_with_its_tables() {
    assert!(check(&huaian()).is_empty());
}

#[test]
fn each_restated_total_is_compared() {
    let cases = [
        // A: 受理 (line-broken PDF text: "申请 3119 件，答\n复 3050 件").
        (
            "申请 3119 件",
            "申请 3219 件",
            "P-1 warning fail [t3.new_received.total t3.carried_in.total] 3119 3219",
        ),
        (
            "复 3050 件",
            "复 3051 件",
            "P-2 warning fail [t3.processed_total.total] 3050 3051",
        ),
        (
            "结转申请 34 件",
            "结转申请 35 件",
            "P-3 warning fail [t3.carried_in.total] 34 35",
        ),
        (
            "另有 103 件",
            "另有 13 件",
            "P-4 warning fail [t3.carried_out.total] 103 13",
        ),
        (
            "行政复议 351",
            "行政复议 352",
            "P-5 warning fail [t4.review.total] 351 352",
        ),
        (
            "行政诉讼 46 件",
            "行政诉讼 47 件",
            "P-6 warning fail [t4.lit_direct.total t4.lit_after_review.total] 46 47",
        ),
    ];
    for (from, to, expected) in cases {
        let f = check(&huaian_saying(from, to));
        assert_eq!(brief(&f), [expected], "{from} → {to}");
    }
    let f = check(&huaian_saying("申请 3119 件", "申请 3219 件"));
    println!("{}", f[0].message);
    assert!(!f[0].message.contains('\n'));
    assert!(
        f[0].message
            .contains("“2024年，全市共受理政府信息公开申请3219件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复”"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("也不等于新收加上年结转 3153"),
        "{}",
        f[0].message
    );
}

#[test]
fn received_may_mean_new_plus_carried_in() {
    // 3119 new + 34 carried in = 3153 (the mapping some tools use).
    assert!(check(&huaian_saying("申请 3119 件", "申请 3153 件")).is_empty());
}

#[test]
fn parts_channels_and_vague_sentences_are_not_compared() {
    for sentence in [
        // A part of the jurisdiction.
        "其中，市本级共受理政府信息公开申请 200 件。",
        "各县区共受理政府信息公开申请 999 件。",
        // One channel only.
        "全年共收到网上申请 7 件。",
        "我办收到群众要求公开政府信息的网络申请 2 件。",
        // No 共/合计: not clearly the report total.
        "本机关受理申请 9 件。",
        // 答复 not right after the total, 结转 outside a total sentence.
        "已答复 17 件。上年结转 8 件。",
        // Not about disclosure.
        "全年共受理行政许可申请 5000 件，办结 4990 件。",
        // Review and litigation counted together.
        "政府信息公开行政复议、行政诉讼案件 3 件。",
        // Review not about 信息公开.
        "全市办理行政复议案件 4000 件。",
    ] {
        let mut r = small(Template::V2021, false);
        r.sections = vec![section(1, sentence)];
        assert!(check(&r).is_empty(), "{sentence}: {:?}", brief(&check(&r)));
    }
}

#[test]
fn one_agreeing_statement_is_enough() {
    let mut r = small(Template::V2021, false);
    r.sections = vec![section(
        1,
        "全年共受理申请 9 件。本年度共收到政府信息公开申请 5 件，已答复 4 件。",
    )];
    assert!(check(&r).is_empty());
}

#[test]
fn blank_cells_make_prose_findings_uncertain_and_absent_ones_are_skipped() {
    let mut r = small(Template::V2021, false);
    r.sections = vec![section(
        1,
        "本年度共收到政府信息公开申请 5 件，答复 4 件。因政府信息公开被申请行政复议 3 件。",
    )];
    assert_eq!(
        brief(&check(&r)),
        ["P-5 warning fail [t4.review.total] 1 3"]
    );
    set(&mut r, &[("t4.review.total", ""), ("t4.review.upheld", "")]);
    assert_eq!(
        brief(&check(&r)),
        ["P-5 warning uncertain [t4.review.total] 0 3"]
    );
    set(&mut r, &[("t4.review.total", ABSENT)]);
    assert!(check(&r).is_empty());
}

#[test]
fn in_force_counts_are_read_in_v2021_only() {
    let text = "截至年底，现行有效规章 12 件，现行有效行政规范性文件 0 件；现行有效规章和规范性文件共 99 件。";
    let mut r = small(Template::V2021, false);
    r.sections = vec![section(1, text)];
    assert_eq!(
        brief(&check(&r)),
        ["P-7 warning fail [t2.regulation.in_force] 11 12"]
    );
    let mut r = small(Template::V2019, false);
    r.sections = vec![section(1, text)];
    assert!(check(&r).is_empty());
}

#[test]
fn long_numbers_and_full_width_digits() {
    let mut r = small(Template::V2021, false);
    set(
        &mut r,
        &[
            ("t3.new_received.natural_person", "1200"),
            ("t3.new_received.total", "1200"),
            ("t3.granted.natural_person", "1199"),
            ("t3.granted.total", "1199"),
            ("t3.processed_total.natural_person", "1199"),
            ("t3.processed_total.total", "1199"),
        ],
    );
    r.sections = vec![section(
        1,
        "全年共受理政府信息公开申请１,２００件，答复1,199件。",
    )];
    assert!(check(&r).is_empty(), "{:?}", brief(&check(&r)));
    r.sections = vec![section(1, "全年共受理政府信息公开申请1,205件。")];
    assert_eq!(
        brief(&check(&r)),
        ["P-1 warning fail [t3.new_received.total t3.carried_in.total] 1200 1205"]
    );
}

#[test]
fn shanghai_style_sentence() {
    // Shanghai 2019: 859 + 18 = 805 + 72.
    let mut r = small(Template::V2019, false);
    set(
        &mut r,
        &[
            ("t3.new_received.natural_person", "859"),
            ("t3.new_received.total", "859"),
            ("t3.carried_in.natural_person", "18"),
            ("t3.carried_in.total", "18"),
            ("t3.granted.natural_person", "805"),
            ("t3.granted.total", "805"),
            ("t3.processed_total.natural_person", "805"),
            ("t3.processed_total.total", "805"),
            ("t3.carried_out.natural_person", "72"),
            ("t3.carried_out.total", "72"),
        ],
    );
    let text = "2019年，市政府办公厅代表市政府共受理政府信息公开申请859件，上年结转18件，已办结805件，结转下年度继续办理72件。";
    r.sections = vec![section(1, text)];
    assert!(check(&r).is_empty(), "{:?}", brief(&check(&r)));
    r.sections = vec![section(1, &text.replace("办理72件", "办理73件"))];
    assert_eq!(
        brief(&check(&r)),
        ["P-4 warning fail [t3.carried_out.total] 72 73"]
    );
}
