//! Run-together digits: recovering cell boundaries that a text dump lost.
//!
//! Crawler dumps of HTML tables sometimes concatenate a row's cells without separators, so a
//! table-三 row reads `713000074` (= 71, 3, 0, 0, 0, 0, 74). This module cuts such runs into
//! cells using the table's own equations, solved over the whole table jointly:
//!
//! 1. For every digit run, enumerate the cuts into the required number of cells (no cell with
//!    a leading zero except `0` itself, at most 18 digits per cell) that satisfy the rules whose
//!    unknown cells all lie in that run (the row rules, e.g. T3-3 `total = Σ six applicant
//!    columns`, T4-1). Depth-first, longest first cell first, pruned by interval bounds.
//! 2. Across runs, a row candidate is kept only if some choice of candidates for all the other
//!    runs satisfies every rule (T3-1 and T3-2 per column …). Backtracking over the runs with
//!    the fewest candidates first, pruned by the candidates' min/max per cell; each full
//!    solution found marks all its candidates as supported.
//! 3. A cell whose value is the same in every supported candidate is a `number`. Otherwise the
//!    cell is `uncertain`, its value taken from the best candidate — the first in enumeration
//!    order, i.e. the one giving the earlier cells (自然人 before the others) the longer numbers —
//!    and `raw` holds the whole run. No split that breaks a rule is ever emitted as `number`.
//! 4. When no candidate survives (the run cannot be cut consistently: the report's own numbers
//!    break a rule, or digits were lost), the row's cells are `uncertain` with the best cut that
//!    satisfies the row rules alone, or with an empty value when there is none; `raw` is the run.
//!
//! Rules are linear relations over key ids of the schema (`t3.new_received.total`); a rule
//! with an operand that is not an integer read from the document (blank, dash, absent, a
//! decimal) is not applied. Bounds: runs longer than [`MAX_RUN`] digits are not cut; a run
//! with more than [`MAX_CANDIDATES`] row-consistent cuts, or a search past its node budget
//! (per run, per table, and for the cross-row search), leaves the cells `uncertain` rather
//! than guessing.

use std::collections::HashMap;
use xxgk_model::text::classify_value;
use xxgk_model::{schema, Flag, KeyId, Table, Template};

/// Longest digit run we try to cut.
pub const MAX_RUN: usize = 40;
/// Most row-consistent cuts kept for one run.
pub const MAX_CANDIDATES: usize = 20_000;
/// Search budget (nodes) for cutting one run, and for all runs of one table. Real runs take a
/// few thousand (a 24-digit table-三 row with five-digit counts: 5,757; huaian's rows < 600);
/// thirty 1s, a hostile case, exhaust it.
const MAX_RUN_NODES: usize = 200_000;
const MAX_TABLE_RUN_NODES: usize = 2_000_000;
/// Search budget (nodes) for all cross-row searches of one table.
const MAX_NODES: usize = 500_000;
/// Longest cell value (fits in u64).
const MAX_DIGITS: usize = 18;

/// One printed row of a table, as far as the cells go.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    /// Key ids of the cells, in printed order (`t3.new_received.natural_person`, …). A run may
    /// cover several schema rows (table 四 prints its 15 cells on one line).
    pub keys: Vec<KeyId>,
    pub input: RunInput,
}

/// What the document shows for a row.
#[derive(Debug, Clone, PartialEq)]
pub enum RunInput {
    /// Cells already separated: one printed text per key (empty for a blank cell).
    Cells(Vec<String>),
    /// A run of digits that must be cut into exactly `keys.len()` cells.
    Digits(String),
}

impl RunRow {
    /// A row whose cells are the schema columns of a table's `row` (`new_received`) in
    /// `template`.
    pub fn digits(template: Template, table: Table, row: &str, run: &str) -> RunRow {
        RunRow {
            keys: schema().row_keys(template, table, row),
            input: RunInput::Digits(run.to_string()),
        }
    }

    /// The same with the cells already separated.
    pub fn cells(template: Template, table: Table, row: &str, cells: &[&str]) -> RunRow {
        RunRow {
            keys: schema().row_keys(template, table, row),
            input: RunInput::Cells(cells.iter().map(|s| s.to_string()).collect()),
        }
    }
}

/// Split a dump line into its label and its trailing digit run:
/// `一、本年新收政府信息公开申请数量 713000074` → (`一、本年新收政府信息公开申请数量`, `713000074`).
/// `None` when the line does not end in an ASCII digit or is nothing but digits and spaces
/// (then the whole line is the run and there is no label: use the line itself).
pub fn trailing_run(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits == t.len() {
        return None;
    }
    let (label, run) = t.split_at(t.len() - digits);
    let label = label.trim_end();
    (!label.is_empty()).then_some((label, run))
}

/// How a rule's sum compares with its constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `Σ coef·cell = constant`
    Eq,
    /// `Σ coef·cell ≥ constant`
    Ge,
}

/// A linear relation between cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Short id for messages (`T3-3 t3.granted`).
    pub name: String,
    pub terms: Vec<(i64, KeyId)>,
    pub relation: Relation,
    pub constant: i128,
}

impl Rule {
    /// `Σ parts − total = 0`.
    pub fn sum(name: impl Into<String>, parts: &[KeyId], total: KeyId) -> Rule {
        let mut terms: Vec<(i64, KeyId)> = parts.iter().map(|&p| (1, p)).collect();
        terms.push((-1, total));
        Rule {
            name: name.into(),
            terms,
            relation: Relation::Eq,
            constant: 0,
        }
    }

    /// A sum known from elsewhere, e.g. T4-2 from the prose "行政诉讼 46 件，其中结果维持 25 件":
    /// `t4.lit_direct.upheld + t4.lit_after_review.upheld = 25`.
    pub fn total(name: impl Into<String>, parts: &[KeyId], value: i128) -> Rule {
        Rule {
            name: name.into(),
            terms: parts.iter().map(|&p| (1, p)).collect(),
            relation: Relation::Eq,
            constant: value,
        }
    }

    /// A value known from elsewhere (prose, last year's report): `cell = value`.
    pub fn known(key: KeyId, value: i128) -> Rule {
        Rule {
            name: format!("known {key}"),
            terms: vec![(1, key)],
            relation: Relation::Eq,
            constant: value,
        }
    }
}

/// One cell as recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Normalised number (empty unless `flag` is number or uncertain).
    pub value: String,
    pub flag: Flag,
    /// The cell's digits when the cut is certain; the whole run when it is not.
    pub raw: String,
}

/// The rules of one template that tie cells together: the equations of
/// [`xxgk_model::rules`] (T2-2 / T2-3 as inequalities, T3-1, T3-2, T3-3, T4-1) as linear
/// relations.
pub fn rules(template: Template) -> Vec<Rule> {
    xxgk_model::rules::equations(template, false)
        .into_iter()
        .map(Rule::from_equation)
        .collect()
}

impl Rule {
    /// `Σ left = Σ right` as `Σ left − Σ right = 0`; `Σ left ≤ Σ right` as
    /// `Σ right − Σ left ≥ 0`.
    pub fn from_equation(eq: xxgk_model::rules::Equation) -> Rule {
        use xxgk_model::rules::Relation as R;
        let (plus, minus, relation) = match eq.relation {
            R::Eq => (eq.left, eq.right, Relation::Eq),
            R::Le => (eq.right, eq.left, Relation::Ge),
        };
        let terms = plus
            .into_iter()
            .map(|k| (1, k))
            .chain(minus.into_iter().map(|k| (-1, k)))
            .collect();
        Rule {
            name: format!("{} {}", eq.rule, eq.scope),
            terms,
            relation,
            constant: 0,
        }
    }
}

/// A rule rewritten over the unknown (digit-run) cells: `Σ coef·x[row][cell] rel constant`.
#[derive(Debug, Clone)]
struct Bound {
    terms: Vec<(i128, usize, usize)>,
    relation: Relation,
    constant: i128,
}

impl Bound {
    fn rows(&self) -> Vec<usize> {
        let mut r: Vec<usize> = self.terms.iter().map(|t| t.1).collect();
        r.sort_unstable();
        r.dedup();
        r
    }

    /// Could the relation still hold with these per-term intervals?
    fn possible(&self, lo_hi: impl Iterator<Item = (i128, i128)>) -> bool {
        let (mut lo, mut hi) = (0i128, 0i128);
        for (a, b) in lo_hi {
            lo += a;
            hi += b;
        }
        match self.relation {
            Relation::Eq => lo <= self.constant && self.constant <= hi,
            Relation::Ge => hi >= self.constant,
        }
    }
}

/// Interval of `coef · v` for `v ∈ [min, max]`.
fn scaled(coef: i128, min: i128, max: i128) -> (i128, i128) {
    if coef >= 0 {
        (coef * min, coef * max)
    } else {
        (coef * max, coef * min)
    }
}

/// Cut the table's digit runs into cells; see the module documentation. The result has one
/// `Vec<Split>` per input row, one `Split` per key.
pub fn split_table(rows: &[RunRow], rules: &[Rule]) -> Vec<Vec<Split>> {
    solve(rows, rules).cells
}

/// The cells, and for each row the number of readings consistent with the whole table
/// (0 for separated rows and for runs that could not be cut; 1 when the cut is certain).
#[derive(Debug, Clone, PartialEq)]
pub struct Solution {
    pub cells: Vec<Vec<Split>>,
    pub readings: Vec<usize>,
}

/// [`split_table`] with the reading counts (for notes such as "row X: 2 readings").
pub fn solve(rows: &[RunRow], rules: &[Rule]) -> Solution {
    // Where each key is, and the known integer values of separated cells.
    let mut place: HashMap<KeyId, (usize, usize)> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, &k) in row.keys.iter().enumerate() {
            place.entry(k).or_insert((r, c));
        }
    }
    let known = |r: usize, c: usize| -> Option<i128> {
        match &rows[r].input {
            RunInput::Cells(cells) => cells
                .get(c)
                .and_then(|t| integer(t))
                .and_then(|v| v.parse().ok()),
            RunInput::Digits(_) => None,
        }
    };
    let is_digits = |r: usize| matches!(rows[r].input, RunInput::Digits(_));

    // Rules over the unknown cells; a rule with an operand that is not read is dropped.
    let mut bounds: Vec<Bound> = Vec::new();
    'rule: for rule in rules {
        let mut b = Bound {
            terms: Vec::new(),
            relation: rule.relation,
            constant: rule.constant,
        };
        for (coef, key) in &rule.terms {
            let Some(&(r, c)) = place.get(key) else {
                continue 'rule;
            };
            if is_digits(r) {
                b.terms.push((*coef as i128, r, c));
            } else {
                match known(r, c) {
                    Some(v) => b.constant -= *coef as i128 * v,
                    None => continue 'rule,
                }
            }
        }
        if !b.terms.is_empty() {
            bounds.push(b);
        }
    }

    // Step 1: per-run candidates under the rules confined to that run.
    let mut cands: Vec<Option<Vec<Vec<u64>>>> = vec![None; rows.len()];
    let mut spent = 0;
    for (r, row) in rows.iter().enumerate() {
        if let RunInput::Digits(run) = &row.input {
            if spent > MAX_TABLE_RUN_NODES {
                continue;
            }
            let local: Vec<&Bound> = bounds.iter().filter(|b| b.rows() == [r]).collect();
            let (c, nodes) = enumerate_run(run, row.keys.len(), r, &local);
            cands[r] = c;
            spent += nodes;
        }
    }
    // A run that could not be enumerated takes no part in cross-row rules.
    let usable = |r: usize| cands[r].as_ref().is_some_and(|c| !c.is_empty());
    let cross: Vec<&Bound> = bounds
        .iter()
        .filter(|b| b.rows().len() > 1 && b.rows().iter().all(|&r| usable(r)))
        .collect();

    // Step 2: supported candidates.
    let support = supported(&cands, &cross);

    // Step 3/4: emit.
    let readings = support
        .iter()
        .map(|s| s.iter().filter(|x| **x).count())
        .collect();
    let cells = rows
        .iter()
        .enumerate()
        .map(|(r, row)| match &row.input {
            RunInput::Cells(cells) => (0..row.keys.len())
                .map(|c| separated(cells.get(c).map(String::as_str).unwrap_or("")))
                .collect(),
            RunInput::Digits(run) => {
                emit_run(run, row.keys.len(), cands[r].as_deref(), &support[r])
            }
        })
        .collect();
    Solution { cells, readings }
}

/// A separated cell as printed.
fn separated(text: &str) -> Split {
    match classify_value(text) {
        Some((flag, value)) => Split {
            value,
            flag,
            raw: text.to_string(),
        },
        None => Split {
            value: String::new(),
            flag: Flag::Uncertain,
            raw: text.to_string(),
        },
    }
}

/// The integer a separated cell holds, if it is one.
fn integer(text: &str) -> Option<String> {
    match classify_value(text) {
        Some((Flag::Number, v)) if !v.contains('.') => Some(v),
        _ => None,
    }
}

fn emit_run(run: &str, n: usize, cands: Option<&[Vec<u64>]>, support: &[bool]) -> Vec<Split> {
    let uncertain = |value: String| Split {
        value,
        flag: Flag::Uncertain,
        raw: run.to_string(),
    };
    let cands = cands.unwrap_or(&[]);
    let kept: Vec<&Vec<u64>> = cands
        .iter()
        .zip(support)
        .filter(|(_, s)| **s)
        .map(|(c, _)| c)
        .collect();
    if n == 1 && kept.is_empty() && cands.is_empty() {
        // A single cell needs no cut: it is whatever the run says (a decimal fee, say).
        return vec![separated(run)];
    }
    let Some(best) = kept.first() else {
        // No consistent reading of the whole table: best row-level cut, all uncertain.
        return match cands.first() {
            Some(best) => best.iter().map(|v| uncertain(v.to_string())).collect(),
            None => (0..n).map(|_| uncertain(String::new())).collect(),
        };
    };
    (0..n)
        .map(|c| {
            if kept.iter().all(|k| k[c] == best[c]) {
                Split {
                    value: best[c].to_string(),
                    flag: Flag::Number,
                    raw: best[c].to_string(),
                }
            } else {
                uncertain(best[c].to_string())
            }
        })
        .collect()
}

/// All cuts of `run` into `n` cells satisfying the row-local rules, and the nodes searched;
/// `None` when the run is not a digit run we can cut (non-digits, too long, too many
/// readings, budget exhausted).
fn enumerate_run(
    run: &str,
    n: usize,
    row: usize,
    local: &[&Bound],
) -> (Option<Vec<Vec<u64>>>, usize) {
    let digits: Vec<u8> = run.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if n == 0 || digits.len() > MAX_RUN || !digits.iter().all(u8::is_ascii_digit) {
        return (None, 0);
    }
    if digits.len() < n || digits.len() > n * MAX_DIGITS {
        return (Some(Vec::new()), 0);
    }
    let mut st = Enum {
        digits: &digits,
        n,
        row,
        local,
        cur: Vec::with_capacity(n),
        out: Vec::new(),
        nodes: 0,
        overflow: false,
    };
    st.go(0);
    ((!st.overflow).then_some(st.out), st.nodes)
}

struct Enum<'a> {
    digits: &'a [u8],
    n: usize,
    row: usize,
    local: &'a [&'a Bound],
    cur: Vec<u64>,
    out: Vec<Vec<u64>>,
    nodes: usize,
    overflow: bool,
}

impl Enum<'_> {
    fn go(&mut self, pos: usize) {
        if self.overflow {
            return;
        }
        self.nodes += 1;
        if self.nodes > MAX_RUN_NODES || self.out.len() > MAX_CANDIDATES {
            self.overflow = true;
            return;
        }
        let i = self.cur.len();
        let left_cells = self.n - i;
        let left_digits = self.digits.len() - pos;
        if left_cells == 0 {
            if left_digits == 0 && self.check(pos) {
                self.out.push(self.cur.clone());
            }
            return;
        }
        if !self.check(pos) {
            return;
        }
        let most = (left_digits - (left_cells - 1)).min(MAX_DIGITS);
        let least = left_digits
            .saturating_sub((left_cells - 1) * MAX_DIGITS)
            .max(1);
        for len in (least..=most).rev() {
            let part = &self.digits[pos..pos + len];
            if len > 1 && part[0] == b'0' {
                continue;
            }
            let v = part.iter().fold(0u64, |a, d| a * 10 + u64::from(d - b'0'));
            self.cur.push(v);
            self.go(pos + len);
            self.cur.pop();
            if self.overflow {
                return;
            }
        }
    }

    /// Can the local rules still hold, given the assigned cells and `pos` digits used?
    fn check(&self, pos: usize) -> bool {
        let assigned = self.cur.len();
        let left_cells = self.n - assigned;
        let left_digits = self.digits.len() - pos;
        let max_len = if left_cells == 0 {
            0
        } else {
            (left_digits + 1 - left_cells).min(MAX_DIGITS)
        };
        let max_v = if max_len == 0 {
            0
        } else {
            10i128.pow(max_len as u32) - 1
        };
        self.local.iter().all(|b| {
            b.possible(b.terms.iter().map(|&(coef, r, c)| {
                debug_assert_eq!(r, self.row);
                match self.cur.get(c) {
                    Some(&v) => (coef * v as i128, coef * v as i128),
                    None => scaled(coef, 0, max_v),
                }
            }))
        })
    }
}

/// For each row and candidate: does some full assignment satisfy every cross-row rule?
/// Rows without candidates get an empty vector.
fn supported(cands: &[Option<Vec<Vec<u64>>>], cross: &[&Bound]) -> Vec<Vec<bool>> {
    let mut support: Vec<Vec<bool>> = cands
        .iter()
        .map(|c| vec![false; c.as_ref().map_or(0, Vec::len)])
        .collect();
    let active: Vec<usize> = (0..cands.len())
        .filter(|&r| cands[r].as_ref().is_some_and(|c| !c.is_empty()))
        .collect();
    if cross.is_empty() {
        for &r in &active {
            support[r].iter_mut().for_each(|s| *s = true);
        }
        return support;
    }
    // Order: fewest candidates first.
    let mut order = active.clone();
    order.sort_by_key(|&r| cands[r].as_ref().map_or(0, Vec::len));
    // Each cell's range over its row's candidates, computed once.
    let ranges: Vec<Vec<(i128, i128)>> = cands
        .iter()
        .map(|list| {
            let Some(list) = list else { return Vec::new() };
            let n = list.first().map_or(0, Vec::len);
            (0..n)
                .map(|c| {
                    list.iter().fold((i128::MAX, i128::MIN), |(lo, hi), cand| {
                        let v = cand[c] as i128;
                        (lo.min(v), hi.max(v))
                    })
                })
                .collect()
        })
        .collect();
    let mut by_row = vec![Vec::new(); cands.len()];
    for (i, b) in cross.iter().enumerate() {
        for r in b.rows() {
            by_row[r].push(i);
        }
    }
    let mut s = Search {
        cands,
        ranges: &ranges,
        by_row,
        all: (0..cross.len()).collect(),
        cross,
        order: &order,
        choice: vec![None; cands.len()],
        nodes: 0,
        exhausted: false,
    };
    for &r in &active {
        for k in 0..support[r].len() {
            if support[r][k] {
                continue;
            }
            if s.exhausted {
                // Budget spent: a candidate we cannot rule out is kept (so it stays uncertain).
                support[r][k] = true;
                continue;
            }
            s.choice.iter_mut().for_each(|c| *c = None);
            s.choice[r] = Some(k);
            if !s.consistent(None) {
                continue;
            }
            match s.solve(0) {
                Some(sol) => {
                    for (row, c) in sol.iter().enumerate() {
                        if let Some(c) = c {
                            support[row][*c] = true;
                        }
                    }
                }
                None if s.exhausted => support[r][k] = true,
                None => {}
            }
        }
    }
    support
}

struct Search<'a> {
    cands: &'a [Option<Vec<Vec<u64>>>],
    ranges: &'a [Vec<(i128, i128)>],
    /// Indexes into `cross` of the rules touching each row, and of all rules.
    by_row: Vec<Vec<usize>>,
    all: Vec<usize>,
    cross: &'a [&'a Bound],
    order: &'a [usize],
    choice: Vec<Option<usize>>,
    nodes: usize,
    exhausted: bool,
}

impl Search<'_> {
    fn interval(&self, r: usize, c: usize) -> (i128, i128) {
        match (self.choice[r], self.cands[r].as_ref()) {
            (Some(k), Some(list)) => {
                let v = list[k][c] as i128;
                (v, v)
            }
            _ => self.ranges[r].get(c).copied().unwrap_or((0, 0)),
        }
    }

    /// Can the rules touching row `row` (all rules when `None`) still hold?
    fn consistent(&self, row: Option<usize>) -> bool {
        let rules: &[usize] = match row {
            Some(r) => &self.by_row[r],
            None => &self.all,
        };
        rules.iter().all(|&i| {
            let b = self.cross[i];
            b.possible(b.terms.iter().map(|&(coef, r, c)| {
                let (lo, hi) = self.interval(r, c);
                scaled(coef, lo, hi)
            }))
        })
    }

    /// Assign the rows from `order[i]` on; the rows assigned so far satisfy the bounds.
    fn solve(&mut self, i: usize) -> Option<Vec<Option<usize>>> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.exhausted = true;
            return None;
        }
        let Some(&r) = self.order.get(i) else {
            return Some(self.choice.clone());
        };
        if self.choice[r].is_some() {
            return self.solve(i + 1);
        }
        let n = self.cands[r].as_ref().map_or(0, Vec::len);
        for k in 0..n {
            self.choice[r] = Some(k);
            if !self.consistent(Some(r)) {
                continue;
            }
            if let Some(sol) = self.solve(i + 1) {
                self.choice[r] = None;
                return Some(sol);
            }
            if self.exhausted {
                break;
            }
        }
        self.choice[r] = None;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V21: Template = Template::V2021;

    /// Table 三 of corpus/reports/huaian-2024 (truth), rows in schema order.
    const HUAIAN_T3: &[(&str, [u64; 7])] = &[
        ("new_received", [3001, 53, 0, 0, 61, 4, 3119]),
        ("carried_in", [34, 0, 0, 0, 0, 0, 34]),
        ("granted", [1288, 21, 0, 0, 50, 3, 1362]),
        ("partial", [447, 7, 0, 0, 0, 0, 454]),
        ("deny_state_secret", [2, 0, 0, 0, 0, 0, 2]),
        ("deny_law_forbidden", [30, 1, 0, 0, 0, 0, 31]),
        ("deny_three_security", [5, 0, 0, 0, 0, 0, 5]),
        ("deny_third_party", [6, 0, 0, 0, 0, 0, 6]),
        ("deny_internal_affairs", [7, 1, 0, 0, 0, 0, 8]),
        ("deny_process_info", [12, 0, 0, 0, 0, 0, 12]),
        ("deny_enforcement_file", [9, 0, 0, 0, 0, 0, 9]),
        ("deny_admin_query", [105, 0, 0, 0, 0, 0, 105]),
        ("unable_not_held", [746, 12, 0, 0, 10, 1, 769]),
        ("unable_need_creation", [11, 0, 0, 0, 0, 0, 11]),
        ("unable_unclear", [1, 0, 0, 0, 0, 0, 1]),
        ("nohandle_petition", [56, 6, 0, 0, 0, 0, 62]),
        ("nohandle_repeat", [25, 0, 0, 0, 0, 0, 25]),
        ("nohandle_publication", [0, 0, 0, 0, 0, 0, 0]),
        ("nohandle_mass_repeat", [0, 0, 0, 0, 0, 0, 0]),
        ("nohandle_confirm", [1, 0, 0, 0, 0, 0, 1]),
        ("other_no_correction", [67, 3, 0, 0, 1, 0, 71]),
        ("other_no_fee_paid", [6, 0, 0, 0, 0, 0, 6]),
        ("other_other", [108, 2, 0, 0, 0, 0, 110]),
        ("processed_total", [2932, 53, 0, 0, 61, 4, 3050]),
        ("carried_out", [103, 0, 0, 0, 0, 0, 103]),
    ];

    fn key(id: &str) -> KeyId {
        schema().key_id(id).unwrap()
    }

    fn run_of(values: &[u64]) -> String {
        values.iter().map(u64::to_string).collect()
    }

    fn values(splits: &[Split]) -> Vec<String> {
        splits.iter().map(|s| s.value.clone()).collect()
    }

    fn strs(v: &[u64]) -> Vec<String> {
        v.iter().map(u64::to_string).collect()
    }

    #[test]
    fn rules_come_from_the_schema() {
        let r = rules(V21);
        // 25 row totals + 7 T3-1 + 7 T3-2 in table 三, 3 in table 四, 2 inequalities in 二.
        assert_eq!(r.len(), 25 + 14 + 3 + 2);
        let t31 = r.iter().find(|x| x.name == "T3-1 total").unwrap();
        assert_eq!(t31.terms[0], (1, key("t3.new_received.total")));
        let t32 = r.iter().find(|x| x.name == "T3-2 natural_person").unwrap();
        assert_eq!(t32.terms.len(), 21 + 1);
        assert_eq!(rules(Template::V2019).len(), 23 + 14 + 3 + 2);
    }

    #[test]
    fn trailing_runs() {
        assert_eq!(
            trailing_run("一、本年新收政府信息公开申请数量 713000074 "),
            Some(("一、本年新收政府信息公开申请数量", "713000074"))
        );
        assert_eq!(
            trailing_run("1.属于国家秘密2000002"),
            Some(("1.属于国家秘密", "2000002"))
        );
        assert_eq!(trailing_run("72641783735113481261211620"), None);
        assert_eq!(trailing_run("（三）不予公开"), None);
    }

    #[test]
    fn the_issue_example_row() {
        // 一、本年新收 713000074 = 71, 3, 0, 0, 0, 0, 74 by the row rule alone.
        let rows = [RunRow::digits(V21, Table::T3, "new_received", "713000074")];
        let out = split_table(&rows, &rules(V21));
        assert_eq!(values(&out[0]), strs(&[71, 3, 0, 0, 0, 0, 74]));
        assert!(out[0].iter().all(|s| s.flag == Flag::Number));
        assert_eq!(out[0][6].raw, "74");
    }

    #[test]
    fn whole_huaian_table_three_is_recovered_exactly() {
        let rows: Vec<RunRow> = HUAIAN_T3
            .iter()
            .map(|(r, v)| RunRow::digits(V21, Table::T3, r, &run_of(v)))
            .collect();
        let out = split_table(&rows, &rules(V21));
        for ((row, v), got) in HUAIAN_T3.iter().zip(&out) {
            assert_eq!(values(got), strs(v), "row {row}");
            assert!(
                got.iter().all(|s| s.flag == Flag::Number),
                "row {row}: {got:?}"
            );
        }
    }

    #[test]
    fn column_rules_decide_what_a_row_rule_cannot() {
        // Rows of huaian's table 三 that the row rule alone leaves ambiguous…
        let t33: Vec<Rule> = rules(V21)
            .into_iter()
            .filter(|r| r.name.starts_with("T3-3"))
            .collect();
        let alone: Vec<&str> = HUAIAN_T3
            .iter()
            .filter(|(r, v)| {
                let out = split_table(&[RunRow::digits(V21, Table::T3, r, &run_of(v))], &t33);
                out[0].iter().any(|s| s.flag == Flag::Uncertain)
            })
            .map(|(r, _)| *r)
            .collect();
        assert!(!alone.is_empty());
        // … are settled by the whole table (see whole_huaian_table_three_is_recovered_exactly).
        eprintln!("ambiguous by the row rule alone: {alone:?}");
    }

    /// Table 四 printed as one run of 15 cells.
    fn t4_row(run: &str) -> RunRow {
        let s = schema();
        let mut keys = s.row_keys(V21, Table::T4, "review");
        keys.extend(s.row_keys(V21, Table::T4, "lit_direct"));
        keys.extend(s.row_keys(V21, Table::T4, "lit_after_review"));
        RunRow {
            keys,
            input: RunInput::Digits(run.to_string()),
        }
    }

    /// T4-2 as the prose states it: `lit_direct.<col> + lit_after_review.<col> = value`.
    fn litigation(col: &str, value: i128) -> Rule {
        Rule::total(
            format!("T4-2 {col}"),
            &[
                schema().key_at(Table::T4, "lit_direct", col).unwrap(),
                schema().key_at(Table::T4, "lit_after_review", col).unwrap(),
            ],
            value,
        )
    }

    #[test]
    fn huaian_table_four_run_needs_the_prose() {
        let truth = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
        // Alone, "1211620" reads 12,1,1,6,20 or 1,2,11,6,20 or 1,2,1,16,20.
        let out = split_table(&[t4_row(&run_of(&truth))], &rules(V21));
        for c in 0..15 {
            let s = &out[0][c];
            if c < 10 || c == 14 {
                assert_eq!(
                    (s.flag, s.value.as_str()),
                    (Flag::Number, &*truth[c].to_string())
                );
            } else {
                assert_eq!(s.flag, Flag::Uncertain, "cell {c}");
                assert_eq!(s.raw, run_of(&truth));
            }
        }
        // The best reading gives the earlier cells the longer numbers: here the truth.
        assert_eq!(values(&out[0]), strs(&truth));
        // "行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件".
        let mut r = rules(V21);
        r.extend([
            litigation("upheld", 25),
            litigation("corrected", 5),
            litigation("other", 9),
            litigation("pending", 7),
        ]);
        let out = split_table(&[t4_row(&run_of(&truth))], &r);
        assert_eq!(values(&out[0]), strs(&truth));
        assert!(out[0].iter().all(|s| s.flag == Flag::Number));
        // Only "尚未审结 7 件": exactly two readings remain, 12,1,1,6 and 1,2,11,6.
        let mut r = rules(V21);
        r.push(litigation("pending", 7));
        let out = split_table(&[t4_row(&run_of(&truth))], &r);
        let flags: Vec<Flag> = out[0].iter().map(|s| s.flag).collect();
        assert_eq!(&flags[10..13], [Flag::Uncertain; 3]);
        assert_eq!(&flags[13..], [Flag::Number; 2]);
        assert_eq!(values(&out[0]), strs(&truth));
    }

    #[test]
    fn one_ambiguous_row_is_flagged_and_nothing_is_wrong() {
        // Huaian's tables 三 and 四 run together; the prose only says "尚未审结 7 件" about
        // litigation, so the table-四 run has exactly two readings and every other row one.
        let t4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
        let mut rows: Vec<RunRow> = HUAIAN_T3
            .iter()
            .map(|(r, v)| RunRow::digits(V21, Table::T3, r, &run_of(v)))
            .collect();
        rows.push(t4_row(&run_of(&t4)));
        let mut r = rules(V21);
        r.push(litigation("pending", 7));
        let sol = solve(&rows, &r);
        assert_eq!(sol.readings, [vec![1; 25], vec![2]].concat());
        for ((row, v), got) in HUAIAN_T3.iter().zip(&sol.cells) {
            assert_eq!(values(got), strs(v), "row {row}");
            assert!(got.iter().all(|s| s.flag == Flag::Number), "row {row}");
        }
        let t4_out = sol.cells.last().unwrap();
        for (c, cell) in t4_out.iter().enumerate() {
            match cell.flag {
                // A certain cell is right; an uncertain one shows the run.
                Flag::Number => assert_eq!(cell.value, t4[c].to_string(), "cell {c}"),
                Flag::Uncertain => {
                    assert!((10..13).contains(&c), "cell {c}");
                    assert_eq!(cell.raw, run_of(&t4));
                }
                f => panic!("cell {c}: {f:?}"),
            }
        }
    }

    #[test]
    fn separated_cells_take_part_and_blanks_switch_rules_off() {
        // Row totals with a blank operand are not applied; the run is then ambiguous.
        let rows = [
            RunRow::cells(
                V21,
                Table::T3,
                "carried_in",
                &["34", "", "", "", "", "", "34"],
            ),
            RunRow::digits(V21, Table::T3, "new_received", "300153006143119"),
        ];
        let out = split_table(&rows, &rules(V21));
        assert_eq!(out[0][0].flag, Flag::Number);
        assert_eq!(out[0][1].flag, Flag::Blank);
        assert_eq!(
            values(&out[1]),
            strs(&[3001, 53, 0, 0, 61, 4, 3119]),
            "{:?}",
            out[1]
        );
    }

    #[test]
    fn table_two_runs_use_the_inequality_and_stay_uncertain_when_it_is_not_enough() {
        // 规章 1 0 11 → "1011": (1,0,11) or (10,1,1); T2-2 rules the second out.
        // 行政规范性文件 8 26 66 → "82666": (8,2,666) (8,26,66) (8,266,6) all satisfy T2-2.
        let rows = [
            RunRow::digits(V21, Table::T2, "regulation", "1011"),
            RunRow::digits(V21, Table::T2, "normative", "82666"),
        ];
        let out = split_table(&rows, &rules(V21));
        assert_eq!(values(&out[0]), strs(&[1, 0, 11]));
        assert!(out[0].iter().all(|s| s.flag == Flag::Number));
        assert_eq!(out[1][0].flag, Flag::Number, "8 is common to every reading");
        assert_eq!(out[1][0].value, "8");
        assert_eq!(out[1][1].flag, Flag::Uncertain);
        assert_eq!(out[1][1].raw, "82666");
        // With the value known from elsewhere (e.g. last year's stock), it is settled.
        let mut r = rules(V21);
        r.push(Rule::known(key("t2.normative.in_force"), 66));
        let out = split_table(&rows, &r);
        assert_eq!(values(&out[1]), strs(&[8, 26, 66]));
        assert!(out[1].iter().all(|s| s.flag == Flag::Number));
        // The issue's example 行政规范性文件8855698 (= 88, 55, 698) cannot be settled alone.
        let out = split_table(
            &[RunRow::digits(V21, Table::T2, "normative", "8855698")],
            &rules(V21),
        );
        assert!(out[0].iter().any(|s| s.flag == Flag::Uncertain));
        assert!(out[0]
            .iter()
            .all(|s| s.flag != Flag::Number || s.raw != "8855698"));
    }

    #[test]
    fn long_runs_finish_within_the_budget() {
        let long = "9".repeat(MAX_RUN);
        let out = split_table(
            &[RunRow::digits(V21, Table::T3, "granted", &long)],
            &rules(V21),
        );
        assert!(out[0].iter().all(|s| s.flag == Flag::Uncertain));
        let t4 = t4_row(&"1".repeat(MAX_RUN));
        let sol = solve(&[t4], &rules(V21));
        assert_eq!(sol.cells[0].len(), 15);
    }

    #[test]
    fn impossible_and_oversized_runs_are_uncertain_not_guessed() {
        // 7 cells cannot come out of 5 digits.
        let out = split_table(
            &[RunRow::digits(V21, Table::T3, "granted", "12345")],
            &rules(V21),
        );
        assert!(out[0]
            .iter()
            .all(|s| s.flag == Flag::Uncertain && s.value.is_empty()));
        assert_eq!(out[0][0].raw, "12345");
        // No cut satisfies the row rule: 1+2+3+4+5+6 ≠ 7.
        let out = split_table(
            &[RunRow::digits(V21, Table::T3, "granted", "1234567")],
            &rules(V21),
        );
        assert!(out[0].iter().all(|s| s.flag == Flag::Uncertain));
        // Too long, or not digits.
        let long = "1".repeat(MAX_RUN + 1);
        let out = split_table(
            &[RunRow::digits(V21, Table::T3, "granted", &long)],
            &rules(V21),
        );
        assert!(out[0].iter().all(|s| s.flag == Flag::Uncertain));
        let out = split_table(
            &[RunRow::digits(V21, Table::T3, "granted", "12a4567")],
            &rules(V21),
        );
        assert!(out[0].iter().all(|s| s.flag == Flag::Uncertain));
        // A single-cell row needs no cut, decimals included.
        let out = split_table(
            &[RunRow::digits(V21, Table::T2, "fee", "96171.6")],
            &rules(V21),
        );
        assert_eq!(out[0][0].value, "96171.6");
        assert_eq!(out[0][0].flag, Flag::Number);
    }

    #[test]
    fn a_table_that_breaks_its_own_rule_yields_no_number_from_runs() {
        // carried_out made inconsistent with T3-1 for natural_person: no full solution.
        let mut rows: Vec<RunRow> = HUAIAN_T3
            .iter()
            .map(|(r, v)| RunRow::digits(V21, Table::T3, r, &run_of(v)))
            .collect();
        let last = rows.len() - 1;
        rows[last] = RunRow::digits(
            V21,
            Table::T3,
            "carried_out",
            &run_of(&[104, 0, 0, 0, 0, 0, 104]),
        );
        let out = split_table(&rows, &rules(V21));
        assert!(out.iter().flatten().all(|s| s.flag == Flag::Uncertain));
    }

    /// The run-together fixtures of corpus/reports/formats, read through ingest, their rows matched to
    /// keys by the schema's label fragments and the prose T4-2 sentence turned into rules.
    /// Returns (key, split) for every cell of tables 二, 三 and 四.
    fn solve_fixture(name: &str) -> Vec<(String, Split)> {
        use xxgk_model::schema::LabelKind;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/reports/formats")
            .join(name);
        let doc = xxgk_ingest::ingest(&std::fs::read(path).unwrap(), name).unwrap();
        let lines: Vec<&str> = doc
            .pages
            .iter()
            .flat_map(|p| &p.blocks)
            .filter_map(|b| match b {
                xxgk_model::Block::Line(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect();
        let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix)).unwrap();
        let (t2, t3, t4, t5) = (
            at("二、主动公开"),
            at("三、收到和处理"),
            at("四、政府信息公开行政"),
            at("五、"),
        );
        let s = schema();
        let mut rows = Vec::new();
        for line in &lines[t2 + 1..t3] {
            let mut parts = line.split(' ');
            let label = parts.next().unwrap();
            let cells: Vec<&str> = parts.collect();
            if let Some(row) = s.match_label(Table::T2, LabelKind::Row, label, Some(V21)) {
                rows.push(RunRow::cells(V21, Table::T2, row, &cells));
            }
        }
        let mut previous = "";
        for line in &lines[t3 + 1..t4] {
            let Some((label, run)) = trailing_run(line) else {
                continue;
            };
            let row = s
                .match_label(Table::T3, LabelKind::Row, label, Some(V21))
                // "3、其他" has no fragment of its own: it is the row after other_no_fee_paid.
                .or((previous == "other_no_fee_paid").then_some("other_other"));
            if let Some(row) = row {
                rows.push(RunRow::digits(V21, Table::T3, row, run));
                previous = row;
            }
        }
        for line in &lines[t4 + 1..t5] {
            if line.bytes().all(|b| b.is_ascii_digit()) {
                rows.push(t4_row(line));
            }
        }
        let prose = lines[..t2].concat();
        let mut r = rules(V21);
        let sentence = regex::Regex::new(r"行政诉讼(\d+)件，其中([^。；]*)").unwrap();
        if let Some(c) = sentence.captures(&prose) {
            for (word, col) in [
                ("结果维持", "upheld"),
                ("结果纠正", "corrected"),
                ("其他结果", "other"),
                ("尚未审结", "pending"),
            ] {
                let re = regex::Regex::new(&format!(r"{word}(\d+)件")).unwrap();
                if let Some(v) = re.captures(&c[2]) {
                    r.push(litigation(col, v[1].parse().unwrap()));
                }
            }
        }
        let sol = solve(&rows, &r);
        rows.iter()
            .zip(sol.cells)
            .flat_map(|(row, cells)| row.keys.iter().map(|k| k.to_string()).zip(cells))
            .collect()
    }

    /// The truth file's cells and its "uncertain" list (read without a JSON crate: one
    /// `"key": "value"` per line, as corpus/gen/make_formats.py writes them).
    fn fixture_truth(name: &str) -> (HashMap<String, String>, Vec<String>) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus/truth/formats")
            .join(name);
        let text = std::fs::read_to_string(path).unwrap();
        let cell = regex::Regex::new(r#"^\s*"(t[234]\.[a-z_]+\.[a-z_]+)": "([^"]*)""#).unwrap();
        let listed = regex::Regex::new(r#"^\s*"(t[234]\.[a-z_]+\.[a-z_]+)",?$"#).unwrap();
        let mut cells = HashMap::new();
        let mut uncertain = Vec::new();
        for line in text.lines() {
            if let Some(c) = cell.captures(line) {
                cells.insert(c[1].to_string(), c[2].to_string());
            } else if let Some(c) = listed.captures(line) {
                uncertain.push(c[1].to_string());
            }
        }
        assert_eq!(cells.len(), 200, "{name}");
        (cells, uncertain)
    }

    #[test]
    fn run_together_fixture_gives_every_cell() {
        let (truth, _) = fixture_truth("huaian-2024-runs.json");
        let got = solve_fixture("huaian-2024-runs.txt");
        assert_eq!(got.len(), 200);
        for (key, split) in &got {
            assert_eq!(split.value, truth[key], "{key}");
            assert_eq!(split.flag, Flag::Number, "{key}");
        }
    }

    #[test]
    fn ambiguous_fixture_flags_exactly_its_uncertain_cells() {
        let (truth, uncertain) = fixture_truth("huaian-2024-runs-ambiguous.json");
        assert_eq!(uncertain.len(), 3);
        let got = solve_fixture("huaian-2024-runs-ambiguous.txt");
        assert_eq!(got.len(), 200);
        let mut flagged = Vec::new();
        for (key, split) in &got {
            if split.flag == Flag::Uncertain {
                flagged.push(key.as_str());
                assert_eq!(split.raw, "72641783735113481261211620");
            } else {
                assert_eq!(split.flag, Flag::Number, "{key}");
                assert_eq!(split.value, truth[key], "{key}");
            }
        }
        assert_eq!(flagged, uncertain);
    }

    #[test]
    fn a_hostile_table_stays_within_its_budgets() {
        // Every row a long run with many row-level readings: the searches hit their budgets
        // and the cells come out uncertain (or certain only where every kept reading agrees).
        let rows: Vec<RunRow> = HUAIAN_T3
            .iter()
            .map(|(r, _)| RunRow::digits(V21, Table::T3, r, &"1".repeat(30)))
            .collect();
        let sol = solve(&rows, &rules(V21));
        assert_eq!(sol.cells.len(), 25);
        assert!(sol.cells.iter().all(|row| row.len() == 7));
    }
}
