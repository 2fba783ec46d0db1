//! Prose against tables (`P-*`, warning; `TEMPLATES.md` §7.2).
//!
//! Section 一 usually restates the table totals: "全市共受理政府信息公开申请 3119 件，答复 3050 件
//! （含上年度结转申请 34 件，另有 103 件顺延到下年度答复）", "政府信息公开行政复议 351 件",
//! "政府信息公开行政诉讼 46 件", "现行有效规章 11 件". This module extracts those statements and
//! compares them with the cells. It is deliberately conservative — a false alarm costs a reader an
//! afternoon — so a statement is used only when its shape says it is the whole-report total:
//!
//! - P-1 (受理/收到 A 件): only with 共/合计/总计/累计, only about disclosure (the words before
//!   申请 say 公开 or are at most two characters), and not when the clause names a part
//!   (其中, 本级, 各县区, 各部门 …) or a channel (网络, 信函, 当面 …). A may be
//!   `new_received` or `new_received + carried_in` (both mappings occur).
//! - P-2 (答复 B 件), P-3 (上年结转 C 件), P-4 (顺延/结转到下年度 D 件): only inside a P-1 sentence,
//!   B right after A.
//! - P-5 (行政复议 N 件), P-6 (行政诉讼 N 件 = 直接起诉 + 复议后起诉): only when 信息公开 precedes
//!   them in the same sentence.
//! - P-7 (现行有效规章 / 行政规范性文件 N 件): v2021 only.
//!
//! When a report states a kind of figure several times, a finding is made only if none of the
//! statements agrees with the table, and it quotes the first one. A cell that is absent is not
//! compared; a blank or dash cell is read as 0 and the finding is `uncertain`.

use crate::decimal::Dec;
use crate::equation::{cell_ids, finding, label, sum, unprinted_note, Operand};
use regex::Regex;
use std::sync::OnceLock;
use xxgk_model::text::fold_char;
use xxgk_model::{schema, Finding, FindingStatus, Flag, KeyId, Report, Severity, Table, Template};

/// Sections whose prose is read.
const SECTIONS: [u8; 3] = [1, 3, 4];
/// Longest sentence quoted in full; longer ones are cut around the statement.
const QUOTE_CHARS: usize = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Received,
    Answered,
    CarriedIn,
    CarriedOut,
    Review,
    Litigation,
    InForceRegulation,
    InForceNormative,
}

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::Received => "P-1",
            Kind::Answered => "P-2",
            Kind::CarriedIn => "P-3",
            Kind::CarriedOut => "P-4",
            Kind::Review => "P-5",
            Kind::Litigation => "P-6",
            Kind::InForceRegulation | Kind::InForceNormative => "P-7",
        }
    }

    /// The cells (table, row, column) whose sum the statement restates.
    fn cells(self) -> Vec<KeyId> {
        let cells: &[(Table, &str, &str)] = match self {
            Kind::Received => &[(Table::T3, "new_received", "total")],
            Kind::Answered => &[(Table::T3, "processed_total", "total")],
            Kind::CarriedIn => &[(Table::T3, "carried_in", "total")],
            Kind::CarriedOut => &[(Table::T3, "carried_out", "total")],
            Kind::Review => &[(Table::T4, "review", "total")],
            Kind::Litigation => &[
                (Table::T4, "lit_direct", "total"),
                (Table::T4, "lit_after_review", "total"),
            ],
            Kind::InForceRegulation => &[(Table::T2, "regulation", "in_force")],
            Kind::InForceNormative => &[(Table::T2, "normative", "in_force")],
        };
        cells
            .iter()
            .filter_map(|&(t, r, c)| schema().key_at(t, r, c))
            .collect()
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Received => "收到（受理）申请数",
            Kind::Answered => "答复数",
            Kind::CarriedIn => "上年结转数",
            Kind::CarriedOut => "结转下年度数",
            Kind::Review => "政府信息公开行政复议数",
            Kind::Litigation => "政府信息公开行政诉讼数",
            Kind::InForceRegulation => "现行有效规章数",
            Kind::InForceNormative => "现行有效行政规范性文件数",
        }
    }
}

/// One figure stated in the prose.
#[derive(Debug, Clone)]
struct Claim {
    kind: Kind,
    value: Dec,
    section: u8,
    quote: String,
}

struct Patterns {
    received: Vec<Regex>,
    answered: Regex,
    carried_in: Regex,
    carried_out: Vec<Regex>,
    review: Regex,
    litigation: Regex,
    in_force_regulation: Regex,
    in_force_normative: Regex,
}

/// The patterns of [`xxgk_model::prose`], compiled once.
fn patterns() -> &'static Patterns {
    use xxgk_model::prose as p;
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: String| Regex::new(&s).unwrap_or_else(|e| panic!("bad pattern {s}: {e}"));
        Patterns {
            received: p::received().into_iter().map(re).collect(),
            answered: re(p::answered()),
            carried_in: re(p::carried_in()),
            carried_out: p::carried_out().into_iter().map(re).collect(),
            review: re(p::review()),
            litigation: re(p::litigation()),
            in_force_regulation: re(p::in_force_regulation()),
            in_force_normative: re(p::in_force_normative()),
        }
    })
}

/// Words before a total that say it is a part of the report's scope.
const PART_WORDS: &[&str] = &[
    "其中",
    "本级",
    "各县",
    "县区",
    "各区",
    "区县",
    "各部门",
    "各单位",
    "各乡镇",
    "各街道",
];
/// Words between the verb and 申请 that restrict the count to one channel.
const CHANNEL_WORDS: &[&str] = &[
    "网络",
    "网上",
    "在线",
    "信函",
    "邮寄",
    "当面",
    "现场",
    "传真",
    "电子邮件",
    "邮件",
    "书面",
    "口头",
    "来信",
    "来访",
];

/// The words between the verb and 申请 leave it about information disclosure: they say 公开
/// (政府信息公开, 依申请公开) or are at most two characters (各类, 群众). "行政许可申请" is not.
fn about_disclosure(between: &str) -> bool {
    between.contains("公开") || between.chars().count() <= 2
}

fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Fold full-width digits and drop white space (PDF text puts spaces and line breaks anywhere);
/// punctuation stays as printed, so that quotes read like the report.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => fold_char(c),
            _ => c,
        })
        .collect()
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', ';', '！', '!', '？', '?'])
        .filter(|s| !s.is_empty())
}

/// The clause of `sentence` before byte `at` (from the last comma or the sentence start).
fn clause_before(sentence: &str, at: usize) -> &str {
    let head = sentence.get(..at).unwrap_or("");
    match head.rfind([',', '，']) {
        Some(p) => head
            .get(p..)
            .and_then(|rest| rest.char_indices().nth(1))
            .and_then(|(i, _)| head.get(p + i..))
            .unwrap_or(""),
        None => head,
    }
}

fn number(s: &str) -> Option<Dec> {
    Dec::parse(&s.replace(',', ""))
}

/// The sentence, or an excerpt around `start..end` when it is long.
fn quote(sentence: &str, start: usize, end: usize) -> String {
    let chars: Vec<(usize, char)> = sentence.char_indices().collect();
    if chars.len() <= QUOTE_CHARS {
        return sentence.to_string();
    }
    let first = chars.iter().position(|(i, _)| *i >= start).unwrap_or(0);
    let last = chars
        .iter()
        .position(|(i, _)| *i >= end)
        .unwrap_or(chars.len());
    let from = first.saturating_sub(25);
    let to = (last + 25).min(chars.len()).max(from);
    let body: String = chars[from..to].iter().map(|(_, c)| c).collect();
    format!(
        "{}{}{}",
        if from > 0 { "…" } else { "" },
        body,
        if to < chars.len() { "…" } else { "" }
    )
}

fn claims_of_sentence(sentence: &str, section: u8, template: Template, out: &mut Vec<Claim>) {
    let p = patterns();
    let mut push = |kind: Kind, num: &str, start: usize, end: usize| {
        if let Some(value) = number(num) {
            out.push(Claim {
                kind,
                value,
                section,
                quote: quote(sentence, start, end),
            });
        }
    };
    // P-1 and the figures that only count inside its sentence.
    let mut received_at = None;
    for re in &p.received {
        for c in re.captures_iter(sentence) {
            let (Some(all), Some(between), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            if contains_any(clause_before(sentence, all.start()), PART_WORDS)
                || contains_any(all.as_str(), PART_WORDS)
                || contains_any(between.as_str(), CHANNEL_WORDS)
                || !about_disclosure(between.as_str())
            {
                continue;
            }
            push(Kind::Received, n.as_str(), all.start(), all.end());
            received_at.get_or_insert(all.end());
        }
        if received_at.is_some() {
            break;
        }
    }
    if let Some(end) = received_at {
        let rest = sentence.get(end..).unwrap_or("");
        if let Some(c) = p.answered.captures(rest) {
            if let (Some(all), Some(n)) = (c.get(0), c.get(1)) {
                push(
                    Kind::Answered,
                    n.as_str(),
                    end + all.start(),
                    end + all.end(),
                );
            }
        }
        if let Some(c) = p.carried_in.captures(sentence) {
            if let (Some(all), Some(n)) = (c.get(0), c.get(1)) {
                push(Kind::CarriedIn, n.as_str(), all.start(), all.end());
            }
        }
        for re in &p.carried_out {
            if let Some(c) = re.captures(sentence) {
                if let (Some(all), Some(n)) = (c.get(0), c.get(1)) {
                    push(Kind::CarriedOut, n.as_str(), all.start(), all.end());
                    break;
                }
            }
        }
    }
    // P-5, P-6.
    for (re, kind) in [(&p.review, Kind::Review), (&p.litigation, Kind::Litigation)] {
        for c in re.captures_iter(sentence) {
            let (Some(all), Some(gap), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let joint = kind == Kind::Litigation && gap.as_str().contains("行政复议");
            if joint || contains_any(clause_before(sentence, all.start()), PART_WORDS) {
                continue;
            }
            push(kind, n.as_str(), all.start(), all.end());
        }
    }
    // P-7.
    if template == Template::V2021 {
        for (re, kind) in [
            (&p.in_force_regulation, Kind::InForceRegulation),
            (&p.in_force_normative, Kind::InForceNormative),
        ] {
            for c in re.captures_iter(sentence) {
                let (Some(all), Some(gap), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
                    continue;
                };
                if gap.as_str().contains("规章")
                    || contains_any(clause_before(sentence, all.start()), PART_WORDS)
                {
                    continue;
                }
                push(kind, n.as_str(), all.start(), all.end());
            }
        }
    }
}

fn section_zh(n: u8) -> &'static str {
    match n {
        1 => "第一部分",
        2 => "第二部分",
        3 => "第三部分",
        4 => "第四部分",
        5 => "第五部分",
        6 => "第六部分",
        _ => "正文",
    }
}

/// The P-* findings of one report.
pub fn check_prose(report: &Report) -> Vec<Finding> {
    let template = match report.meta.template {
        Some(t @ (Template::V2019 | Template::V2021)) => t,
        _ => return Vec::new(),
    };
    let mut claims = Vec::new();
    for section in report
        .sections
        .iter()
        .filter(|s| SECTIONS.contains(&s.number))
    {
        let text = fold(&section.text);
        for sentence in sentences(&text) {
            claims_of_sentence(sentence, section.number, template, &mut claims);
        }
    }
    let mut kinds: Vec<Kind> = claims.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut out = Vec::new();
    for kind in kinds {
        let of_kind: Vec<&Claim> = claims.iter().filter(|c| c.kind == kind).collect();
        if let Some(f) = judge(report, kind, &of_kind) {
            out.push(f);
        }
    }
    out
}

fn judge(report: &Report, kind: Kind, claims: &[&Claim]) -> Option<Finding> {
    let ops: Vec<Operand> = kind
        .cells()
        .into_iter()
        .map(|id| Operand::read(report, id))
        .collect();
    if ops.iter().all(|o| o.flag == Flag::Absent) {
        return None;
    }
    let table = sum(&ops);
    // P-1 also accepts 新收 + 上年结转 (= （七）总计 + 结转下年度).
    let carried = Operand::read(report, *Kind::CarriedIn.cells().first()?);
    let alternative = (kind == Kind::Received).then(|| table.add(carried.value));
    if claims
        .iter()
        .any(|c| c.value == table || Some(c.value) == alternative)
    {
        return None;
    }
    let first = claims.first()?;
    let mut involved = ops.clone();
    if alternative.is_some() {
        involved.push(carried.clone());
    }
    let unprinted: Vec<Operand> = involved.iter().filter(|o| !o.printed()).cloned().collect();
    let status = if unprinted.is_empty() {
        FindingStatus::Fail
    } else {
        FindingStatus::Uncertain
    };
    let cells_zh: Vec<String> = ops.iter().map(|o| label(o.id)).collect();
    let alt_zh = match alternative {
        Some(a) => format!("，也不等于新收加上年结转 {a}"),
        None => String::new(),
    };
    let message = format!(
        "{}写明“{}”，{} {} 与表中{} {} 不符{}（{}）{}",
        section_zh(first.section),
        first.quote,
        kind.what(),
        first.value,
        cells_zh.join(" + "),
        table,
        alt_zh,
        kind.rule(),
        unprinted_note(&unprinted),
    );
    Some(finding(
        &report.report,
        kind.rule(),
        Severity::Warning,
        status,
        cell_ids([involved.as_slice()]),
        table.to_string(),
        first.value.to_string(),
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_quoted_around_the_statement() {
        let head = "甲".repeat(100);
        let tail = "乙".repeat(100);
        let s = format!("{head}共受理申请5件{tail}");
        let at = s.find("共").unwrap_or(0);
        let q = quote(&s, at, at + "共受理申请5件".len());
        assert!(q.starts_with('…') && q.ends_with('…'), "{q}");
        assert!(q.contains("共受理申请5件"));
        assert_eq!(q.chars().count(), 25 + 7 + 25 + 2);
        assert_eq!(quote("短句", 0, 3), "短句");
    }

    #[test]
    fn clauses_start_after_the_last_comma() {
        let s = "2024年，全市共受理";
        assert_eq!(clause_before(s, s.len()), "全市共受理");
        assert_eq!(clause_before("其中,市本级", "其中,市本级".len()), "市本级");
        assert_eq!(clause_before("无逗号", 3), "无");
    }
}
