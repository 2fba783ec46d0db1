//! Rules across consecutive years of the same body (`docs/spec/TEMPLATES.md` §7.3), plus
//! X-0 (two reports of one body and year) and R-1 (text reuse, see [`crate::reuse`]).
//!
//! Every finding names the later report in `report` and the earlier in `other_report`; breaks may
//! be legitimate (reorganisation, a restated stock, a change of scope), so X-* are warnings.
//! No table-二 rule crosses the v2019 → v2021 change. Output order depends only on the records'
//! contents, never on their input order.

use crate::agency::{link, Aliases};
use crate::decimal::Dec;
use crate::equation::{col_label, compare, key_strings, row_label, unprinted_note, Operand};
use crate::reuse::{self, Fingerprint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use xxgk_model::{
    schema, Cell, Finding, FindingStatus, Flag, KeyId, Report, Severity, Table, Template,
};

/// What the cross-year rules need of one report. Small, so that the records of a national run
/// fit in memory when the reports themselves do not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearRecord {
    pub report: String,
    pub agency: String,
    pub year: u16,
    pub template: Template,
    /// The cells the cross-year rules read, by key id (table 二, and table 三's rows 二 and 四);
    /// written as the id strings.
    pub cells: BTreeMap<KeyId, Cell>,
    /// Fingerprints of sections 一 and 五 for R-1 (empty when the text was not available).
    #[serde(default)]
    pub fingerprints: Vec<Fingerprint>,
}

/// Does the cross-year audit read this key?
pub fn is_cross_year_key(id: KeyId) -> bool {
    match id.table() {
        Table::T2 => true,
        Table::T3 => matches!(id.row(), "carried_in" | "carried_out"),
        Table::T4 => false,
    }
}

impl YearRecord {
    /// `None` when the report has no agency, year or standard template.
    pub fn from_report(report: &Report) -> Option<YearRecord> {
        let agency = report.meta.agency.as_deref()?.trim();
        let template = match report.meta.template? {
            t @ (Template::V2019 | Template::V2021) => t,
            Template::Legacy => return None,
        };
        if agency.is_empty() {
            return None;
        }
        let cells = report
            .keyed_cells()
            .filter(|(k, _)| is_cross_year_key(*k))
            .map(|(k, c)| (k, c.clone()))
            .collect();
        let fingerprints = report
            .sections
            .iter()
            .filter(|s| reuse::SECTIONS.contains(&s.number))
            .filter_map(|s| reuse::fingerprint(s.number, &s.text))
            .collect();
        Some(YearRecord {
            report: report.report.clone(),
            agency: agency.to_string(),
            year: report.meta.year?,
            template,
            cells,
            fingerprints,
        })
    }
}

/// A pair of consecutive reports of one body.
struct Pair<'a> {
    later: &'a YearRecord,
    earlier: &'a YearRecord,
}

impl Pair<'_> {
    fn finding(&self, rule: &str, severity: Severity, status: FindingStatus) -> Finding {
        Finding {
            report: self.later.report.clone(),
            other_report: self.earlier.report.clone(),
            rule: rule.to_string(),
            severity,
            status,
            cells: Vec::new(),
            expected: String::new(),
            actual: String::new(),
            message: String::new(),
        }
    }

    fn read_later(&self, id: KeyId) -> Operand {
        Operand::of(id, self.later.cells.get(&id))
    }

    fn read_earlier(&self, id: KeyId) -> Operand {
        Operand::of(id, self.earlier.cells.get(&id))
    }

    /// `expected` (built from both years) against `actual` (this year's cell).
    fn equation(
        &self,
        rule: &str,
        cells: &[KeyId],
        expected: &[Operand],
        actual: &[Operand],
        describe: impl FnOnce(&Dec, &Dec) -> String,
        out: &mut Vec<Finding>,
    ) {
        if let Some(o) = compare(expected, actual) {
            let mut f = self.finding(rule, Severity::Warning, o.status);
            f.cells = key_strings(cells);
            f.expected = o.expected.to_string();
            f.actual = o.actual.to_string();
            f.message = format!(
                "{}{}",
                describe(&o.expected, &o.actual),
                unprinted_note(&o.unprinted)
            );
            out.push(f);
        }
    }

    fn names(&self) -> String {
        format!(
            "{} 年报告 {} 与 {} 年报告 {}",
            self.later.year, self.later.report, self.earlier.year, self.earlier.report
        )
    }

    /// 上年结转 (Y) = 结转下年度 (Y−1), per column of table 三.
    fn x1(&self, out: &mut Vec<Finding>) {
        let s = schema();
        for this in s.row_keys(self.later.template, Table::T3, "carried_in") {
            let Some(last) = s.key_at(Table::T3, "carried_out", this.col()) else {
                continue;
            };
            let e = [self.read_earlier(last)];
            let a = [self.read_later(this)];
            self.equation("X-1", &[this, last], &e, &a, |e, a| {
                format!(
                    "表三「{}」列：{} 年二、上年结转为 {a}，但 {} 年四、结转下年度为 {e}（X-1；{}）",
                    col_label(this),
                    self.later.year,
                    self.earlier.year,
                    self.names()
                )
            }, out);
        }
    }

    /// X-2 (v2021 both years): 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y).
    fn x2(&self, out: &mut Vec<Finding>) {
        for row in ["regulation", "normative"] {
            let key = |col| schema().key_at(Table::T2, row, col);
            let (Some(in_force), Some(made), Some(repealed)) =
                (key("in_force"), key("made"), key("repealed"))
            else {
                continue;
            };
            let e = [
                self.read_earlier(in_force),
                self.read_later(made),
                self.read_later(repealed).negated(),
            ];
            let a = [self.read_later(in_force)];
            self.equation("X-2", &[in_force, made, repealed], &e, &a, |e, a| {
                format!(
                    "表二「{}」：{} 年现行有效件数为 {a}，但 {} 年现行有效 {} + {} 年制发 {} − 废止 {} = {e}（X-2；{}）",
                    row_label(in_force),
                    self.later.year,
                    self.earlier.year,
                    e_val(&self.read_earlier(in_force)),
                    self.later.year,
                    e_val(&self.read_later(made)),
                    e_val(&self.read_later(repealed)),
                    self.names()
                )
            }, out);
        }
    }

    /// X-3 (v2019 both years): 上一年项目数量(Y) = 上一年项目数量(Y−1) + 本年增/减(Y−1).
    fn x3(&self, out: &mut Vec<Finding>) {
        for row in ["license", "other_service", "penalty", "coercion", "fee"] {
            let key = |col| schema().key_at(Table::T2, row, col);
            let (Some(prev), Some(change)) = (key("prev_items"), key("change")) else {
                continue;
            };
            let e = [self.read_earlier(prev), self.read_earlier(change)];
            let a = [self.read_later(prev)];
            self.equation("X-3", &[prev, change], &e, &a, |e, a| {
                format!(
                    "表二「{}」：{} 年上一年项目数量为 {a}，但 {} 年上一年项目数量 {} + 本年增/减 {} = {e}（X-3；{}）",
                    row_label(prev),
                    self.later.year,
                    self.earlier.year,
                    e_val(&self.read_earlier(prev)),
                    e_val(&self.read_earlier(change)),
                    self.names()
                )
            }, out);
        }
    }

    /// sections 一 and 五 repeating last year's text.
    fn r1(&self, out: &mut Vec<Finding>) {
        let mut parts = Vec::new();
        let mut highest = 0;
        for fp in &self.later.fingerprints {
            let Some(prev) = self
                .earlier
                .fingerprints
                .iter()
                .find(|p| p.section == fp.section)
            else {
                continue;
            };
            if let Some(pct) = reuse::overlap_percent(fp, prev) {
                highest = highest.max(pct);
                let name = if fp.section == 1 {
                    "一、总体情况"
                } else {
                    "五、存在的主要问题及改进情况"
                };
                parts.push(format!(
                    "第{}部分（{name}）{pct}%",
                    if fp.section == 1 { "一" } else { "五" }
                ));
            }
        }
        if highest < reuse::THRESHOLD_PERCENT {
            return;
        }
        let mut f = self.finding("R-1", Severity::Info, FindingStatus::Fail);
        f.expected = reuse::THRESHOLD_PERCENT.to_string();
        f.actual = highest.to_string();
        f.message = format!(
            "与上年报告文字大量重复（8 字片段重合率）：{}（R-1，阈值 {}%；{}）",
            parts.join("，"),
            reuse::THRESHOLD_PERCENT,
            self.names()
        );
        out.push(f);
    }
}

/// A value for a message: the number, or how the cell was printed.
fn e_val(op: &Operand) -> String {
    if op.printed() {
        op.value.to_string()
    } else {
        match op.flag {
            xxgk_model::Flag::Blank => "（空白）".into(),
            xxgk_model::Flag::Dash => "（横线）".into(),
            xxgk_model::Flag::Absent => "（缺失）".into(),
            _ => format!("{}（存疑）", op.value),
        }
    }
}

/// The bodies of a run: every agency name linked to its body once, over all the names
/// ([`link`]). The cross-year rules compare only reports of one body, so records may be split by
/// body and audited group by group with the same findings, provided linking a group's names
/// alone groups them as the whole run did ([`Bodies::same_alone`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bodies {
    of: BTreeMap<String, String>,
}

impl Bodies {
    /// Link `names` (with `aliases`) into bodies.
    pub fn link(names: &[&str], aliases: &Aliases) -> Bodies {
        Bodies {
            of: link(names, aliases),
        }
    }

    /// The body an agency name belongs to, `None` when the name was not linked.
    pub fn get(&self, agency: &str) -> Option<&str> {
        self.of.get(agency).map(String::as_str)
    }

    /// Linking `names` alone groups them as these bodies do.
    pub fn same_alone(&self, names: &[&str], aliases: &Aliases) -> bool {
        let alone = Bodies::link(names, aliases);
        names.iter().all(|n| alone.get(n) == self.get(n))
    }
}

/// Rules across years of the same body (X-*, R-1).
///
/// Two reports of one body and year: an X-0 finding (info); when their cross-year cells are equal
/// (the same report saved twice) the first by name stands for the year, otherwise that year is
/// left out of the cross-year rules (which one is right cannot be told).
pub fn cross_year(records: &[YearRecord], aliases: &Aliases) -> Vec<Finding> {
    let names: Vec<&str> = records.iter().map(|r| r.agency.as_str()).collect();
    let groups = Bodies::link(&names, aliases);
    // body → year → records of that year, sorted by report.
    let mut bodies: BTreeMap<&str, BTreeMap<u16, Vec<&YearRecord>>> = BTreeMap::new();
    for r in records {
        let Some(body) = groups.get(&r.agency) else {
            continue;
        };
        bodies
            .entry(body)
            .or_default()
            .entry(r.year)
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for (body, years) in &mut bodies {
        let mut chosen: BTreeMap<u16, &YearRecord> = BTreeMap::new();
        for (year, recs) in years.iter_mut() {
            recs.sort_by(|a, b| a.report.cmp(&b.report));
            let Some(first) = recs.first().copied() else {
                continue;
            };
            // Equal as read (flag and value); where they were read (page, box, raw) may differ
            // between two copies of one report in different formats.
            let reading = |r: &YearRecord| -> Vec<(KeyId, Flag, String)> {
                r.cells
                    .iter()
                    .map(|(k, c)| (*k, c.flag, c.value.clone()))
                    .collect()
            };
            let same = recs.iter().all(|r| reading(r) == reading(first));
            for dup in recs.iter().skip(1) {
                out.push(Finding {
                    report: dup.report.clone(),
                    other_report: first.report.clone(),
                    rule: "X-0".into(),
                    severity: Severity::Info,
                    status: FindingStatus::Fail,
                    cells: Vec::new(),
                    expected: String::new(),
                    actual: String::new(),
                    message: format!(
                        "同一机关（{body}）{year} 年有两份报告：{} 与 {}；{}",
                        first.report,
                        dup.report,
                        if same {
                            "跨年度数据相同，按前者核对跨年度规则"
                        } else {
                            "跨年度数据不同，该年不做跨年度核对"
                        }
                    ),
                });
            }
            if same {
                chosen.insert(*year, first);
            }
        }
        for (year, later) in &chosen {
            let Some(earlier) = year.checked_sub(1).and_then(|y| chosen.get(&y)) else {
                continue;
            };
            let pair = Pair { later, earlier };
            pair.x1(&mut out);
            match (earlier.template, later.template) {
                (Template::V2021, Template::V2021) => pair.x2(&mut out),
                (Template::V2019, Template::V2019) => pair.x3(&mut out),
                _ => {}
            }
            pair.r1(&mut out);
        }
    }
    out
}
