//! Evaluating one equation over cells, with the blank/absent semantics of `docs/spec/TEMPLATES.md` §7.4.
//!
//! Every operand that is not a printed number (blank, dash, absent, uncertain, unparseable) is read
//! as 0 **only to decide**: when the equation holds that way there is no finding; when it fails and
//! every operand was printed, the status is `fail`; otherwise it is `uncertain`.

use crate::decimal::Dec;
use xxgk_model::{schema, Cell, Finding, FindingStatus, Flag, KeyId, Report, Severity};

/// One cell as an operand of a rule.
#[derive(Debug, Clone)]
pub struct Operand {
    /// The cell's key.
    pub id: KeyId,
    /// The printed value, or 0 when nothing was printed.
    pub value: Dec,
    /// How the cell was printed (`Absent` when the report has no such cell).
    pub flag: Flag,
    /// Subtract instead of add.
    pub negated: bool,
}

impl Operand {
    /// Read a cell of a report.
    pub fn read(report: &Report, id: KeyId) -> Operand {
        Operand::of(id, report.cell_at(id))
    }

    /// An operand from a cell (`None`: the report or year record has no such cell).
    pub fn of(id: KeyId, cell: Option<&Cell>) -> Operand {
        let (value, flag) = match cell {
            None => (None, Flag::Absent),
            Some(c) => {
                let v = match c.flag {
                    Flag::Number | Flag::Uncertain => Dec::parse(&c.value),
                    _ => None,
                };
                (v, c.flag)
            }
        };
        // A printed number we cannot parse exactly counts as not printed.
        let flag = match (flag, value) {
            (Flag::Number, None) => Flag::Uncertain,
            (f, _) => f,
        };
        Operand {
            id,
            value: value.unwrap_or(Dec::ZERO),
            flag,
            negated: false,
        }
    }

    pub fn negated(mut self) -> Operand {
        self.negated = true;
        self
    }

    /// A number was printed and read without doubt.
    pub fn printed(&self) -> bool {
        self.flag == Flag::Number
    }

    fn signed(&self) -> Dec {
        if self.negated {
            self.value.neg()
        } else {
            self.value
        }
    }
}

/// Sum of signed operands (unprinted ones count 0).
pub fn sum(ops: &[Operand]) -> Dec {
    ops.iter().fold(Dec::ZERO, |acc, o| acc.add(o.signed()))
}

/// A failed equation `sum(expected) = sum(actual)`.
#[derive(Debug)]
pub struct Mismatch {
    pub expected: Dec,
    pub actual: Dec,
    pub status: FindingStatus,
    /// The operands read as 0 although nothing (certain) was printed.
    pub unprinted: Vec<Operand>,
}

/// `None` when the equation holds with unprinted operands read as 0. A side too large to sum
/// exactly makes the outcome `uncertain`, never a verdict.
pub fn compare(expected: &[Operand], actual: &[Operand]) -> Option<Mismatch> {
    let (e, a) = (sum(expected), sum(actual));
    let overflow = e.is_overflow() || a.is_overflow();
    if e == a && !overflow {
        return None;
    }
    let unprinted: Vec<Operand> = expected
        .iter()
        .chain(actual)
        .filter(|o| !o.printed())
        .cloned()
        .collect();
    Some(Mismatch {
        expected: e,
        actual: a,
        status: if unprinted.is_empty() && !overflow {
            FindingStatus::Fail
        } else {
            FindingStatus::Uncertain
        },
        unprinted,
    })
}

/// Ids of all operands, in order, without repeats (the `cells` of a finding).
pub fn cell_ids<'a>(groups: impl IntoIterator<Item = &'a [Operand]>) -> Vec<String> {
    let mut out: Vec<KeyId> = Vec::new();
    for g in groups {
        for o in g {
            if !out.contains(&o.id) {
                out.push(o.id);
            }
        }
    }
    key_strings(&out)
}

/// Key ids as written in a finding's `cells`.
pub fn key_strings(keys: &[KeyId]) -> Vec<String> {
    keys.iter().map(|k| k.as_str().to_string()).collect()
}

/// `（一）予以公开「自然人」` — the printed labels of a key, for messages.
pub fn label(id: KeyId) -> String {
    match schema().def(id) {
        Some(k) => format!("{}「{}」", k.row_label, k.col_label),
        None => id.to_string(),
    }
}

/// The column label of a key (`自然人`, `总计`, …).
pub fn col_label(id: KeyId) -> &'static str {
    schema().def(id).map_or("", |k| k.col_label)
}

/// The row label of a key.
pub fn row_label(id: KeyId) -> &'static str {
    schema().def(id).map_or("", |k| k.row_label)
}

fn flag_zh(flag: Flag) -> &'static str {
    match flag {
        Flag::Number => "数字",
        Flag::Blank => "空白",
        Flag::Dash => "横线",
        Flag::Absent => "缺失",
        Flag::Uncertain => "存疑",
    }
}

/// `；其中 3 个单元格未印数字，按 0 计：…` — empty when every operand was printed.
pub fn unprinted_note(unprinted: &[Operand]) -> String {
    if unprinted.is_empty() {
        return String::new();
    }
    const SHOWN: usize = 3;
    let listed: Vec<String> = unprinted
        .iter()
        .take(SHOWN)
        .map(|o| format!("{}（{}）", label(o.id), flag_zh(o.flag)))
        .collect();
    let more = if unprinted.len() > SHOWN { "等" } else { "" };
    format!(
        "；其中 {} 个单元格未印数字、按 0 计：{}{}",
        unprinted.len(),
        listed.join("、"),
        more
    )
}

/// Assemble a finding of one report.
#[allow(clippy::too_many_arguments)]
pub fn finding(
    report: &str,
    rule: &str,
    severity: Severity,
    status: FindingStatus,
    cells: Vec<String>,
    expected: String,
    actual: String,
    message: String,
) -> Finding {
    Finding {
        report: report.to_string(),
        other_report: String::new(),
        rule: rule.to_string(),
        severity,
        status,
        cells,
        expected,
        actual,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_absent_decide_as_zero_but_never_fail() {
        let printed = [("a", "3"), ("b", ""), ("c", "3"), ("d", "—")];
        let ops = |ids: &[&str]| {
            ids.iter()
                .map(|i| {
                    // Any four keys of the schema stand for a … d; `zz` for one not printed.
                    let n = (i.as_bytes()[0] - b'a') as usize;
                    let key = schema().keys[n.min(4)].key_id();
                    let cell = printed
                        .iter()
                        .find(|(k, _)| k == i)
                        .map(|(_, v)| Cell::from_raw(v).unwrap());
                    Operand::of(key, cell.as_ref())
                })
                .collect::<Vec<_>>()
        };
        // 3 + blank = 3: holds under blank-as-0.
        assert!(compare(&ops(&["a", "b"]), &ops(&["c"])).is_none());
        // 3 + 3 ≠ 3 + dash: uncertain because of the dash.
        let o = compare(&ops(&["a", "c"]), &ops(&["c", "d"])).unwrap();
        assert_eq!(o.status, FindingStatus::Uncertain);
        assert_eq!(o.unprinted.len(), 1);
        assert_eq!(
            (o.expected.to_string(), o.actual.to_string()),
            ("6".into(), "3".into())
        );
        // Absent key: uncertain.
        let o = compare(&ops(&["a", "zz"]), &ops(&["c", "c"])).unwrap();
        assert_eq!(o.status, FindingStatus::Uncertain);
        assert_eq!(o.unprinted[0].flag, Flag::Absent);
        // Every operand printed: fail.
        let o = compare(&ops(&["a", "c"]), &ops(&["c"])).unwrap();
        assert_eq!(o.status, FindingStatus::Fail);
    }
}
