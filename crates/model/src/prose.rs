//! The statements of a report's prose that restate table figures (TEMPLATES.md §7.2), written
//! once as regular-expression sources: the audit compiles them for the P-* rules, the parser
//! for the totals that pin run-together digits. Every pattern reads folded text (full-width
//! digits and punctuation as the report prints them are accepted on both sides: `,` and `，`).
//!
//! Capture groups: patterns with a "gap" have it as group 1 (the words between the anchor
//! and the figure, which the readers check) and the number as group 2; the others have the
//! number as group 1.

/// A count as printed: `3119` or `3,119`.
pub const NUM: &str = r"(\d{1,3}(?:,\d{3})+|\d+)";
/// Words that make a count the whole report's.
pub const TOTAL: &str = "(?:共计|共|合计|总计|累计)";

/// P-1: "共受理政府信息公开申请 3119 件" (gap: the words between the verb and 申请).
pub fn received() -> [String; 2] {
    [
        format!(
            r"{TOTAL}[^,，;；。\d]{{0,8}}?(?:受理|收到|接收|新收)([^,，;；。\d]{{0,30}}?)申请{TOTAL}?{NUM}件"
        ),
        format!(r"(?:受理|收到|接收)([^,，;；。\d]{{0,30}}?)申请{TOTAL}{NUM}件"),
    ]
}

/// P-2: "，答复 3050 件" right after a P-1 statement.
pub fn answered() -> String {
    format!(r"^[,，、]?(?:已|均已|共|依法)?(?:答复|办结|作出答复)(?:申请)?{NUM}件")
}

/// P-3: "上年度结转申请 34 件".
pub fn carried_in() -> String {
    format!(r"上一?年度?结转(?:至本年度|到本年度)?(?:的)?(?:申请)?(?:共)?{NUM}件")
}

/// P-4: "103 件顺延到下年度", "结转下年度继续办理 12 件".
pub fn carried_out() -> [String; 2] {
    [
        format!(r"{NUM}件(?:申请)?(?:顺延|结转|转入|延续|延期)(?:到|至|入)?下一?年度?"),
        format!(
            r"(?:结转|顺延|转入)(?:到|至)?下一?年度?(?:继续)?(?:办理|答复)?(?:的)?(?:申请)?(?:共)?{NUM}件"
        ),
    ]
}

/// P-5: "政府信息公开行政复议 351 件" (gap before 行政复议).
pub fn review() -> String {
    format!(r"信息公开([^,，;；。\d]{{0,12}}?)行政复议(?:案件|申请)?(?:共计|共|合计)?{NUM}件")
}

/// P-6: "政府信息公开行政诉讼 46 件" (gap before 行政诉讼; a gap naming 行政复议 is a joint count).
pub fn litigation() -> String {
    format!(r"信息公开([^;；。\d]{{0,20}}?)行政诉讼(?:案件)?(?:共计|共|合计)?{NUM}件")
}

/// The breakdown after a P-5/P-6 total: "，其中结果维持 25 件，结果纠正 5 件…" (group 1).
pub const BREAKDOWN: &str = r"^[,，]其中([^。;；]*)";
/// One outcome of a breakdown: its words (group 1) and count (group 2).
pub const OUTCOME: &str = r"(结果维持|结果纠正|其他结果|尚未审结)(\d+)件";
/// Table 四's column of each outcome's words.
pub const OUTCOME_COLS: [(&str, &str); 4] = [
    ("结果维持", "upheld"),
    ("结果纠正", "corrected"),
    ("其他结果", "other"),
    ("尚未审结", "pending"),
];

/// P-7 (v2021): "现行有效规章 11 件" (gap after 现行有效).
pub fn in_force_regulation() -> String {
    format!(r"现行有效(?:的)?([^,，;；。\d、和及与]{{0,6}}?)规章(?:共计|共)?{NUM}件")
}

/// P-7 (v2021): "现行有效行政规范性文件 698 件" (gap after 现行有效).
pub fn in_force_normative() -> String {
    format!(r"现行有效(?:的)?([^,，;；。\d、和及与]{{0,6}}?)(?:行政)?规范性文件(?:共计|共)?{NUM}件")
}

/// "本年度制发的规范性文件 88 件" (gap after 本年/本年度).
pub fn made_normative() -> String {
    format!(r"本年度?([^,，;；。\d]{{0,8}}?)制发(?:的)?(?:行政)?规范性文件(?:共计|共)?{NUM}件")
}
