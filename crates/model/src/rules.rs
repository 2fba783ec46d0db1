//! The equations that tie a template's cells together (TEMPLATES.md §7.1), written once and
//! used by the parser (to cut run-together digits) and by the audit (to check a report):
//!
//! | rule | v2019 | v2021 | relation, per instance |
//! |---|---|---|---|
//! | T2-2 | – | ✓ | per row with 本年制发: 本年制发 ≤ 现行有效 + 本年废止 |
//! | T2-3 | ✓ | – | per row with 对外公开总数量: 本年新公开 ≤ 对外公开总数量 |
//! | T3-1 | ✓ | ✓ | per column: 一 + 二 = （七）总计 + 四 |
//! | T3-2 | ✓ | ✓ | per column: （一）…（六） (every row between 二 and （七）) = （七）总计 |
//! | T3-3 | ✓ | ✓ | per row: the six applicant columns = 总计 |
//! | T4-1 | ✓ | ✓ | per group: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计 |
//!
//! The operands are built from the schema's rows and columns (keys.tsv order), so a template
//! change is a change of keys.tsv; the v2021 report printing （六）其他处理 as one row gets
//! the `t3.other.*` cells in T3-2 through [`crate::Schema::expected_keys`].

use crate::schema::{schema, KeyId, Table, Template};

/// How the two sides of an equation compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `Σ left = Σ right`
    Eq,
    /// `Σ left ≤ Σ right`
    Le,
}

/// One instance of a rule: `Σ left (relation) Σ right` over key ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    /// `T3-1`, `T3-3` …
    pub rule: &'static str,
    /// The row or column the instance is about (`natural_person` for T3-1, `granted` for T3-3).
    pub scope: &'static str,
    /// Key ids summed on the left: the side a reader states as "expected".
    pub left: Vec<KeyId>,
    pub relation: Relation,
    /// Key ids summed on the right: the printed total or bound.
    pub right: Vec<KeyId>,
}

impl Equation {
    /// Whether the equation holds over whole-number cells (`value`: a cell's value, `None`
    /// when it has none); `None` when an operand has no value. The one evaluation the readers
    /// share (parser: streams, text rows, OCR sums).
    pub fn check(&self, value: impl Fn(KeyId) -> Option<i128>) -> Option<bool> {
        let sum = |keys: &[KeyId]| keys.iter().map(|&k| value(k)).sum::<Option<i128>>();
        let (left, right) = (sum(&self.left)?, sum(&self.right)?);
        Some(match self.relation {
            Relation::Eq => left == right,
            Relation::Le => left <= right,
        })
    }
}

/// One instance of a rule: `sum(left) relation sum(right)`, over cells named by table, row and
/// column. `None` when an operand is not a cell of the schema (a test proves none is left out).
fn rule(
    rule: &'static str,
    scope: &'static str,
    left: Vec<Option<KeyId>>,
    relation: Relation,
    right: Vec<Option<KeyId>>,
) -> Option<Equation> {
    Some(Equation {
        rule,
        scope,
        left: left.into_iter().collect::<Option<_>>()?,
        relation,
        right: right.into_iter().collect::<Option<_>>()?,
    })
}

/// Rows that are not results of table 三 (they bound the result rows of T3-2).
const T3_EDGES: [&str; 4] = [
    "new_received",
    "carried_in",
    "processed_total",
    "carried_out",
];

/// Every equation of a template, in a fixed order: T2 (T2-2 or T2-3, per row), T3-1 and
/// T3-2 (per column), T3-3 (per row), T4-1 (per group).
pub fn equations(template: Template, single_other: bool) -> Vec<Equation> {
    let keys = schema().expected_keys(template, single_other);
    let rows_cols = |table: Table| {
        let mut rows: Vec<&'static str> = Vec::new();
        let mut cols: Vec<&'static str> = Vec::new();
        for k in keys.iter().filter(|k| k.table == table) {
            if !rows.contains(&k.row) {
                rows.push(k.row);
            }
            if !cols.contains(&k.col) {
                cols.push(k.col);
            }
        }
        (rows, cols)
    };
    let has = |table: Table, r: &str, c: &str| {
        keys.iter()
            .any(|k| k.table == table && k.row == r && k.col == c)
    };
    let id = |table: Table, r: &str, c: &str| schema().key_at(table, r, c);
    let mut out = Vec::new();

    let (t2_rows, _) = rows_cols(Table::T2);
    for r in t2_rows {
        let t2 = |c: &str| id(Table::T2, r, c);
        if has(Table::T2, r, "made") && has(Table::T2, r, "in_force") {
            out.push(rule(
                "T2-2",
                r,
                vec![t2("made")],
                Relation::Le,
                vec![t2("in_force"), t2("repealed")],
            ));
        }
        if has(Table::T2, r, "new_published") && has(Table::T2, r, "total_published") {
            out.push(rule(
                "T2-3",
                r,
                vec![t2("new_published")],
                Relation::Le,
                vec![t2("total_published")],
            ));
        }
    }

    let (t3_rows, t3_cols) = rows_cols(Table::T3);
    let t3 = |r: &str, c: &str| id(Table::T3, r, c);
    let results: Vec<&'static str> = {
        let start = t3_rows.iter().position(|r| *r == "carried_in");
        let end = t3_rows.iter().position(|r| *r == "processed_total");
        match (start, end) {
            (Some(s), Some(e)) if s < e => t3_rows[s + 1..e].to_vec(),
            _ => Vec::new(),
        }
    };
    debug_assert!(results.iter().all(|r| !T3_EDGES.contains(r)));
    for c in &t3_cols {
        out.push(rule(
            "T3-1",
            c,
            vec![t3("new_received", c), t3("carried_in", c)],
            Relation::Eq,
            vec![t3("processed_total", c), t3("carried_out", c)],
        ));
    }
    if !results.is_empty() {
        for c in &t3_cols {
            out.push(rule(
                "T3-2",
                c,
                results.iter().map(|r| t3(r, c)).collect(),
                Relation::Eq,
                vec![t3("processed_total", c)],
            ));
        }
    }
    if let Some((total, parts)) = t3_cols.split_last() {
        for r in &t3_rows {
            out.push(rule(
                "T3-3",
                r,
                parts.iter().map(|c| t3(r, c)).collect(),
                Relation::Eq,
                vec![t3(r, total)],
            ));
        }
    }

    let (t4_rows, t4_cols) = rows_cols(Table::T4);
    if let Some((total, parts)) = t4_cols.split_last() {
        for r in &t4_rows {
            out.push(rule(
                "T4-1",
                r,
                parts.iter().map(|c| id(Table::T4, r, c)).collect(),
                Relation::Eq,
                vec![id(Table::T4, r, total)],
            ));
        }
    }
    out.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equation_holds_fails_or_cannot_be_checked() {
        let eqs = equations(Template::V2021, false);
        let t4 = eqs.iter().find(|e| e.rule == "T4-1").expect("T4-1");
        // The review group: 72 + 64 + 178 + 37 = 351 (huaian-2024).
        let values: Vec<(KeyId, i128)> = t4
            .left
            .iter()
            .copied()
            .zip([72, 64, 178, 37])
            .chain([(t4.right[0], 351)])
            .collect();
        let value = |total: i128| {
            let values = values.clone();
            move |k: KeyId| {
                values.iter().find(|(key, _)| *key == k).map(|&(key, v)| {
                    if key == t4.right[0] {
                        total
                    } else {
                        v
                    }
                })
            }
        };
        assert_eq!(t4.check(value(351)), Some(true));
        assert_eq!(t4.check(value(350)), Some(false));
        assert_eq!(t4.check(|_| None), None);
        let t2 = eqs
            .iter()
            .find(|e| e.relation == Relation::Le)
            .expect("a bound");
        assert_eq!(
            t2.check(|k| Some(if t2.left.contains(&k) { 1 } else { 2 })),
            Some(true)
        );
        assert_eq!(
            t2.check(|k| Some(if t2.left.contains(&k) { 9 } else { 2 })),
            Some(false)
        );
    }

    #[test]
    fn rules_per_template() {
        let v21 = equations(Template::V2021, false);
        let count = |eqs: &[Equation], rule: &str| eqs.iter().filter(|e| e.rule == rule).count();
        assert_eq!(count(&v21, "T2-2"), 2);
        assert_eq!(count(&v21, "T2-3"), 0);
        assert_eq!(count(&v21, "T3-1"), 7);
        assert_eq!(count(&v21, "T3-2"), 7);
        assert_eq!(count(&v21, "T3-3"), 25);
        assert_eq!(count(&v21, "T4-1"), 3);
        let t32 = v21.iter().find(|e| e.rule == "T3-2").unwrap();
        // （一）（二）, 8 + 3 + 5 sub-rows of （三）（四）（五）, 3 sub-rows of （六）.
        assert_eq!(t32.left.len(), 21);
        let single = equations(Template::V2021, true);
        let t32 = single.iter().find(|e| e.rule == "T3-2").unwrap();
        assert_eq!(t32.left.len(), 19);
        let other = schema().key_id("t3.other.natural_person").unwrap();
        assert!(t32.left.contains(&other));
        let v19 = equations(Template::V2019, false);
        assert_eq!(count(&v19, "T2-3"), 2);
        assert_eq!(count(&v19, "T2-2"), 0);
    }

    #[test]
    fn every_operand_is_a_cell_of_its_template() {
        // T2 per printed row, T3-1 and T3-2 per column, T3-3 per row, T4-1 per group: an
        // equation with an operand outside the schema would be missing from these counts.
        for (template, single_other, count) in [
            (Template::V2019, false, 2 + 7 + 7 + 23 + 3),
            (Template::V2021, false, 2 + 7 + 7 + 25 + 3),
            (Template::V2021, true, 2 + 7 + 7 + 23 + 3),
        ] {
            let keys: Vec<KeyId> = schema()
                .expected_keys(template, single_other)
                .iter()
                .map(|k| k.key_id())
                .collect();
            let eqs = equations(template, single_other);
            assert_eq!(eqs.len(), count, "{template:?} {single_other}");
            for eq in &eqs {
                for k in eq.left.iter().chain(&eq.right) {
                    assert!(keys.contains(k), "{} {}: {k}", eq.rule, eq.scope);
                }
            }
        }
    }
}
