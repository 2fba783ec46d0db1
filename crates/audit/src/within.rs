//! Rules within one report's tables (`TEMPLATES.md` §7.1): T3-1, T3-2, T3-3, T3-4, T4-1 and the
//! table-二 sanity checks T2-1, T2-2, T2-3.
//!
//! The equations (T2-2, T2-3, T3-1, T3-2, T3-3, T4-1) come from [`xxgk_model::rules`], the
//! same data the parser cuts run-together digits with; this module only reads their operands
//! and words the findings. The v2021 variant that prints （六）其他处理 as one row needs no
//! code path of its own.

use crate::decimal::Dec;
use crate::equation::{
    cell_ids, col_label, compare, finding, key_strings, label, row_label, unprinted_note, Operand,
};
use xxgk_model::rules::{equations, Equation};
use xxgk_model::{schema, Finding, FindingStatus, Flag, KeyId, Report, Table, Template};

/// All table rules, in a fixed order (T2, T3-1, T3-2, T3-3, T3-4, T4-1).
pub fn check_tables(report: &Report) -> Vec<Finding> {
    let template = match report.meta.template {
        Some(t @ (Template::V2019 | Template::V2021)) => t,
        _ => return Vec::new(),
    };
    let layout = Layout::new(template, report.single_other);
    let eqs = equations(template, report.single_other);
    let of = |rule: &'static str| eqs.iter().filter(move |e| e.rule == rule);
    let mut out = Vec::new();
    table_two(
        report,
        template,
        &layout,
        of("T2-2").chain(of("T2-3")),
        &mut out,
    );
    sums(
        report,
        of("T3-1").chain(of("T3-2")).chain(of("T3-3")),
        &mut out,
    );
    t3_4(report, &layout, &mut out);
    sums(report, of("T4-1"), &mut out);
    out
}

/// The cells of the report's template, from the schema.
struct Layout {
    t2: Vec<KeyId>,
    /// Tables 三 and 四, row by row in template order (T3-4 reads them all).
    t3_t4: Vec<KeyId>,
}

fn push_unique(v: &mut Vec<&'static str>, s: &'static str) {
    if !v.contains(&s) {
        v.push(s);
    }
}

impl Layout {
    fn new(template: Template, single_other: bool) -> Layout {
        let keys = schema().expected_keys(template, single_other);
        // Tables 三 and 四 as the grid of their rows and columns (a row's cells together).
        let mut t3_t4 = Vec::new();
        for table in [Table::T3, Table::T4] {
            let (mut rows, mut cols) = (Vec::new(), Vec::new());
            for k in keys.iter().filter(|k| k.table == table) {
                push_unique(&mut rows, k.row);
                push_unique(&mut cols, k.col);
            }
            for r in &rows {
                t3_t4.extend(cols.iter().filter_map(|c| schema().key_at(table, r, c)));
            }
        }
        Layout {
            t2: keys
                .iter()
                .filter(|k| k.table == Table::T2)
                .map(|k| k.key_id())
                .collect(),
            t3_t4,
        }
    }
}

fn read(report: &Report, ids: &[KeyId]) -> Vec<Operand> {
    ids.iter().map(|&id| Operand::read(report, id)).collect()
}

fn severity_of(status: FindingStatus) -> xxgk_model::Severity {
    match status {
        FindingStatus::Fail => xxgk_model::Severity::Error,
        FindingStatus::Uncertain => xxgk_model::Severity::Warning,
    }
}

/// Push a finding for `sum(expected) = sum(actual)` when it fails.
fn equation(
    report: &Report,
    rule: &str,
    expected: &[Operand],
    actual: &[Operand],
    describe: impl FnOnce(&Dec, &Dec) -> String,
    out: &mut Vec<Finding>,
) {
    if let Some(o) = compare(expected, actual) {
        let message = format!(
            "{}{}",
            describe(&o.expected, &o.actual),
            unprinted_note(&o.unprinted)
        );
        out.push(finding(
            &report.report,
            rule,
            severity_of(o.status),
            o.status,
            cell_ids([expected, actual]),
            o.expected.to_string(),
            o.actual.to_string(),
            message,
        ));
    }
}

/// T3-1, T3-2, T3-3, T4-1: `left = right` for each equation, worded by [`describe`].
fn sums<'a>(report: &Report, eqs: impl Iterator<Item = &'a Equation>, out: &mut Vec<Finding>) {
    for eq in eqs {
        equation(
            report,
            eq.rule,
            &read(report, &eq.left),
            &read(report, &eq.right),
            |e, a| describe(eq, e, a),
            out,
        );
    }
}

/// The message of a failed sum rule.
fn describe(eq: &Equation, e: &Dec, a: &Dec) -> String {
    let total = eq.right.first().copied();
    let row_of_total = total.map_or("", row_label);
    match eq.rule {
        // T3-1: 一 + 二 = （七）总计 + 四, per column.
        "T3-1" => format!(
            "表三「{}」列：一、本年新收 + 二、上年结转 = {e}，但（七）总计 + 四、结转下年度 = {a}（T3-1：第一项加第二项之和应等于第三项加第四项之和）",
            eq.left.first().copied().map_or("", col_label)
        ),
        // T3-2: （七）总计 = the sum of the result rows （一）…（六）, per column.
        "T3-2" => format!(
            "表三「{}」列：（一）至（六）各项办理结果之和为 {e}，但（七）总计为 {a}（T3-2）",
            total.map_or("", col_label)
        ),
        // T3-3: 总计 column = the six applicant columns, per row.
        "T3-3" => format!(
            "表三「{}」行：自然人至其他六列之和为 {e}，但总计列为 {a}（T3-3）",
            row_of_total
        ),
        // T4-1: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group.
        _ => format!(
            "表四「{}」：结果维持、结果纠正、其他结果、尚未审结之和为 {e}，但总计为 {a}（{}）",
            row_of_total,
            eq.rule
        ),
    }
}

/// T3-4: cells of tables 三 and 四 are non-negative integers (warning).
fn t3_4(report: &Report, l: &Layout, out: &mut Vec<Finding>) {
    for &id in &l.t3_t4 {
        let op = Operand::read(report, id);
        if op.flag != Flag::Number && op.flag != Flag::Uncertain {
            continue;
        }
        if op.value.is_negative() || !op.value.is_integer() {
            out.push(finding(
                &report.report,
                "T3-4",
                xxgk_model::Severity::Warning,
                status_of(&op),
                key_strings(&[id]),
                "0".into(),
                op.value.to_string(),
                format!("{}为 {}，件数应为非负整数（T3-4）", label(id), op.value),
            ));
        }
    }
}

fn status_of(op: &Operand) -> FindingStatus {
    if op.printed() {
        FindingStatus::Fail
    } else {
        FindingStatus::Uncertain
    }
}

/// T2-1 (v2021) / T2-3 (v2019): signs and the one inequality of each template. Warnings only.
fn table_two<'a>(
    report: &Report,
    template: Template,
    l: &Layout,
    inequalities: impl Iterator<Item = &'a Equation>,
    out: &mut Vec<Finding>,
) {
    let sign_rule = match template {
        Template::V2021 => "T2-1",
        _ => "T2-3",
    };
    for &id in &l.t2 {
        let op = Operand::read(report, id);
        if op.flag != Flag::Number && op.flag != Flag::Uncertain {
            continue;
        }
        // Counts are whole numbers; only the amounts (本年收费金额, 采购总金额) have decimals.
        // 本年增/减 is a signed change.
        let breaks = [
            (
                id.col() != "amount" && !op.value.is_integer(),
                "件数应为整数",
            ),
            (id.col() != "change" && op.value.is_negative(), "应不小于 0"),
        ];
        for (_, should) in breaks.into_iter().filter(|(broken, _)| *broken) {
            out.push(finding(
                &report.report,
                sign_rule,
                xxgk_model::Severity::Warning,
                status_of(&op),
                key_strings(&[id]),
                "0".into(),
                op.value.to_string(),
                format!("表二{}为 {}，{should}（{sign_rule}）", label(id), op.value),
            ));
        }
    }
    for eq in inequalities {
        let first = eq.left.first().copied().map_or("", row_label);
        let low = read(report, &eq.left);
        let high = read(report, &eq.right);
        let describe = |lo: &Dec, hi: &Dec| {
            match template {
            // T2-2: 现行有效 + 本年废止 ≥ 本年制发.
            Template::V2021 => format!(
                "表二「{}」：现行有效件数 + 本年废止件数 = {hi}，小于本年制发件数 {lo}（T2-2，可能漏填或口径不一）",
                first
            ),
            // T2-3: 本年新公开数量 ≤ 对外公开总数量.
            _ => format!(
                "表二「{}」：本年新公开数量 {lo} 大于对外公开总数量 {hi}（T2-3，若总数量为累计数则不应如此）",
                first
            ),
        }
        };
        inequality(report, eq.rule, &low, &high, describe, out);
    }
}

/// Push a warning when `sum(low) ≤ sum(high)` fails; `expected` is the bound `sum(low)`.
fn inequality(
    report: &Report,
    rule: &str,
    low: &[Operand],
    high: &[Operand],
    describe: impl FnOnce(&Dec, &Dec) -> String,
    out: &mut Vec<Finding>,
) {
    let (lo, hi) = (crate::equation::sum(low), crate::equation::sum(high));
    if lo <= hi {
        return;
    }
    let unprinted: Vec<Operand> = low
        .iter()
        .chain(high)
        .filter(|o| !o.printed())
        .cloned()
        .collect();
    let status = if unprinted.is_empty() {
        FindingStatus::Fail
    } else {
        FindingStatus::Uncertain
    };
    out.push(finding(
        &report.report,
        rule,
        xxgk_model::Severity::Warning,
        status,
        cell_ids([low, high]),
        lo.to_string(),
        hi.to_string(),
        format!("{}{}", describe(&lo, &hi), unprinted_note(&unprinted)),
    ));
}
