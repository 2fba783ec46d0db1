//! Text dumps whose table cells ran together ("一、本年新收政府信息公开申请数量713000074"):
//! recognise such rows, cut them with [`crate::runs`] using the tables' own equations and, where
//! those leave a choice, the totals the report's prose states (TEMPLATES.md §7.2).

use crate::flow::Row;
use crate::runs::{self, Rule, RunInput, RunRow, Split};
use crate::tables::{t3_row_key, Tables};
use regex::Regex;
use std::sync::OnceLock;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Cell, KeyId, Table, Template};

/// A row whose cells ran together: a label followed directly by a run of digits in one piece
/// of text, or a label and a single value field holding a run of digits (a tab-separated dump).
fn label_and_run(row: &Row) -> Option<(String, String)> {
    if row.from_grid || row.cells.len() != 1 {
        // Exactly one value field (a trailing separator aside): a table of one cell per row is
        // no table, so the field holds the row's cells run together.
        let sp = crate::rows::split(row);
        let mut fields = sp.values.as_slice();
        while let [rest @ .., last] = fields {
            if !last.text.trim().is_empty() {
                break;
            }
            fields = rest;
        }
        let [only] = fields else { return None };
        let run = only.text.trim();
        if run.len() < 2
            || !run.starts_with(|c: char| c.is_ascii_digit())
            || !run
                .chars()
                .all(|c| c.is_ascii_digit() || SIGNS.contains(&c))
        {
            return None;
        }
        return Some((sp.label(), run.to_string()));
    }
    label_and_digits(row)
}

/// A line of text whose digits ran together with stray spaces inside (`230 000023`,
/// `95 -110714`, `95-1 10714`): its value part (after the last character that is no digit,
/// sign or space) has fewer fields than the row has cells, so the spaces are no cell
/// boundaries. The fields joined are one run, cut like any other (the row's equations decide,
/// or nothing is). Returns the label and the fields.
fn label_and_fields(row: &Row) -> Option<(String, Vec<String>)> {
    if row.from_grid {
        return None;
    }
    let text = row
        .cells
        .iter()
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    let loose = |c: char| c.is_ascii_digit() || SIGNS.contains(&c) || c.is_whitespace();
    let start = text
        .char_indices()
        .rev()
        .find(|(_, c)| !loose(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // The run starts at a digit (a sign before it belongs to the label).
    let start = start + text[start..].find(|c: char| c.is_ascii_digit())?;
    let (label, tail) = text.split_at(start);
    let fields: Vec<String> = tail.split_whitespace().map(str::to_string).collect();
    Some((label.trim().to_string(), fields))
}

fn label_and_spaced_run(row: &Row, cells: usize) -> Option<(String, String)> {
    let (label, fields) = label_and_fields(row)?;
    let digits: usize = fields
        .iter()
        .map(|f| f.bytes().filter(u8::is_ascii_digit).count())
        .sum();
    (fields.len() >= 2 && fields.len() < cells && digits >= cells).then(|| (label, fields.concat()))
}

/// A row of one cell: a label followed directly by its digits (minus signs included: a
/// negative 本年增/减 glued to its neighbours, `行政许可95-110714`).
fn label_and_digits(row: &Row) -> Option<(String, String)> {
    let text = row.cells[0].text.trim();
    let tail = text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || SIGNS.contains(c))
        .count();
    // The run starts at a digit (a sign before it belongs to the label: `0517-`…).
    let tail = text[text.len() - tail..]
        .find(|c: char| c.is_ascii_digit())
        .map_or(0, |i| tail - i);
    let digits = text[text.len() - tail..]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    if digits < 2 {
        return None;
    }
    let cut = text.len() - tail; // ASCII digits and signs: byte count = char count
    let (label, run) = text.split_at(cut);
    if label.ends_with(['.', ',', '，', '．']) {
        // `9116.36`: the digits of a decimal or a grouped number, not a run of cells.
        return None;
    }
    Some((label.to_string(), run.to_string()))
}

/// Whether table 三 reads like a dump with run-together cells (several rows of label + digits,
/// or of a run on a line of its own under its label's lines).
pub fn is_dump(t3_rows: &[Row], template: Template) -> bool {
    let cells = keys_of(template, Table::T3, "new_received").len();
    let mut after_label = false;
    let mut runs = 0;
    for row in t3_rows {
        match label_and_run(row) {
            Some((label, run)) if !label.is_empty() || (after_label && bare_run(&run, cells)) => {
                runs += 1
            }
            _ => {}
        }
        after_label = label_only(row);
    }
    runs >= 3
}

/// Whether a run on a line of its own holds a whole row of `cells` cells (a digit each at
/// least): a shorter one is one value, as converters that write a cell a line print them
/// (`3001`).
fn bare_run(run: &str, cells: usize) -> bool {
    run.bytes().filter(u8::is_ascii_digit).count() >= cells
}

/// A row of label text and no value: a line of a label that wraps.
fn label_only(row: &Row) -> bool {
    let sp = crate::rows::split(row);
    !sp.has_values() && !sp.label().trim().is_empty()
}

/// The label of a run printed on a line of its own (`0000000`: pdfium's bounded text, whose
/// label wrapped over the lines above it, `3.危及“三安全一稳` / `定”`): the label-only lines
/// right above it, joined. They are its label only when no line of them alone names another
/// row of table 三 than the whole does (labels of several rows above several runs, as a
/// converter detaches them, name none); then the run is the row's, as if printed after it.
fn wrapped_label(
    lines: &[&Row],
    template: Template,
    previous: Option<&'static str>,
) -> Option<(&'static str, String)> {
    let texts: Vec<String> = lines
        .iter()
        .map(|r| crate::rows::split(r).label())
        .collect();
    let joined = texts.concat();
    let key = t3_row_key(&joined, template, previous)?;
    let s = schema();
    let named_alone = |t: &String| s.match_label(Table::T3, LabelKind::Row, t, Some(template));
    texts
        .iter()
        .all(|t| named_alone(t).is_none_or(|k| k == key))
        .then_some((key, joined))
}

fn keys_of(template: Template, table: Table, row: &str) -> Vec<KeyId> {
    schema().row_keys(template, table, row)
}

/// Cut the run-together rows of tables 二, 三 and 四 and put their cells into `out`. Returns the
/// indexes of the rows consumed in each table, which the row readers then skip.
pub fn read(
    rows: &[Vec<Row>; 3],
    template: Template,
    prose: &str,
    out: &mut Tables,
) -> [Vec<usize>; 3] {
    let s = schema();
    let mut run_rows: Vec<RunRow> = Vec::new();
    let mut pages: Vec<u32> = Vec::new();
    let mut used: [Vec<usize>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    // Cells whose digits follow a minus sign, and the whole run of a row cut at its signs.
    let mut negated: Vec<KeyId> = Vec::new();
    let mut whole_run: Vec<(KeyId, String)> = Vec::new();
    for (i, row) in rows[0].iter().enumerate() {
        let t2_key = |label: &str| s.match_label(Table::T2, LabelKind::Row, label, Some(template));
        // Stray spaces first (`95-1 10714`: the label is no part of the run), then a run.
        let spaced = label_and_fields(row).and_then(|(label, _)| {
            let cells = keys_of(template, Table::T2, t2_key(&label)?).len();
            label_and_spaced_run(row, cells)
        });
        let Some((label, run)) = spaced.or_else(|| label_and_run(row)) else {
            continue;
        };
        if let Some(key) = t2_key(&label) {
            for segment in signed_segments(&keys_of(template, Table::T2, key), &run) {
                if segment.negative {
                    negated.push(segment.keys[0]);
                }
                if segment.run != run {
                    whole_run.extend(segment.keys.iter().map(|&k| (k, run.clone())));
                }
                run_rows.push(RunRow {
                    keys: segment.keys,
                    input: RunInput::Digits(segment.run),
                });
                pages.push(row.page);
            }
            used[0].push(i);
        }
    }
    let mut previous: Option<&'static str> = None;
    let t3_cells = keys_of(template, Table::T3, "new_received").len();
    // The label-only rows since the last row with values.
    let mut label_lines: Vec<usize> = Vec::new();
    for (i, row) in rows[1].iter().enumerate() {
        let Some((label, run)) = label_and_spaced_run(row, t3_cells).or_else(|| label_and_run(row))
        else {
            if label_only(row) {
                label_lines.push(i);
            } else {
                label_lines.clear();
            }
            continue;
        };
        let above = std::mem::take(&mut label_lines);
        let (key, lines) = if label.trim().is_empty() {
            if !bare_run(&run, t3_cells) {
                continue;
            }
            let lines: Vec<&Row> = above.iter().map(|&k| &rows[1][k]).collect();
            match wrapped_label(&lines, template, previous) {
                Some((key, _)) => (Some(key), above),
                None => continue,
            }
        } else {
            (t3_row_key(&label, template, previous), Vec::new())
        };
        if let Some(key) = key {
            run_rows.push(RunRow {
                keys: keys_of(template, Table::T3, key),
                input: RunInput::Digits(run),
            });
            pages.push(row.page);
            used[1].extend(lines);
            used[1].push(i);
            previous = Some(key);
        }
    }
    let t4_keys: Vec<KeyId> = s
        .keys(template)
        .filter(|k| k.table == Table::T4)
        .map(|k| k.key_id())
        .collect();
    for (i, row) in rows[2].iter().enumerate() {
        let Some((label, run)) =
            label_and_spaced_run(row, t4_keys.len()).or_else(|| label_and_run(row))
        else {
            continue;
        };
        if label.trim().is_empty() && run.len() >= t4_keys.len() {
            run_rows.push(RunRow {
                keys: t4_keys.clone(),
                input: RunInput::Digits(run),
            });
            pages.push(row.page);
            used[2].push(i);
            break;
        }
    }
    if run_rows.is_empty() {
        return used;
    }
    // A rule over a signed cell would read its digits without the sign: not applied.
    let rules: Vec<Rule> = runs::rules(template)
        .into_iter()
        .filter(|r| !r.terms.iter().any(|(_, k)| negated.contains(k)))
        .collect();
    let mut solution = runs::solve(&run_rows, &rules);
    let ambiguous = solution
        .cells
        .iter()
        .flatten()
        .any(|c| c.flag == xxgk_model::Flag::Uncertain);
    if ambiguous {
        let mut stated = prose_rules(prose);
        if template == Template::V2021 {
            stated.extend(normative_rules(prose));
        }
        if !stated.is_empty() {
            let mut all = rules.clone();
            all.extend(stated);
            let with_prose = runs::solve(&run_rows, &all);
            // The prose helps only when it agrees with the tables: every run still has a reading.
            let consistent = run_rows
                .iter()
                .zip(&with_prose.readings)
                .all(|(r, n)| !matches!(r.input, RunInput::Digits(_)) || *n > 0);
            if consistent {
                solution = with_prose;
            }
        }
    }
    for ((row, cells), page) in run_rows.iter().zip(solution.cells).zip(pages) {
        for (key, mut split) in row.keys.iter().zip(cells) {
            if negated.contains(key) {
                negate(&mut split);
            }
            if split.flag == xxgk_model::Flag::Uncertain {
                if let Some((_, run)) = whole_run.iter().find(|(k, _)| k == key) {
                    split.raw = run.clone();
                }
            }
            out.cells
                .entry(*key)
                .or_insert_with(|| cell_of(split, page));
        }
    }
    used
}

/// The columns whose cells may carry a sign (v2019's 本年增/减): a sign in a run of glued
/// digits can only start one of these.
const SIGNED_COLUMNS: [&str; 1] = ["change"];

/// The signs a value may be printed with (`-3`, `+2`).
const SIGNS: [char; 2] = ['-', '+'];

/// A piece of a row's run between minus signs, and the cells it must fill.
#[derive(Debug, PartialEq)]
struct Segment {
    keys: Vec<KeyId>,
    /// Digits only.
    run: String,
    /// The first cell is negative (the piece followed a minus sign; after a plus sign it is not).
    negative: bool,
}

/// Cut a row's run at its signs. A sign starts a cell of a signed column, so
/// `95-110714` over (上一年项目数量, 本年增/减, 处理决定数量) is `95` for the first cell and
/// `110714` for the other two, the first of them negative; the pieces are then cut like any
/// run. A run without a sign is one segment. When the signs cannot be placed that way (more
/// signs than signed columns, a piece with too few digits for its cells), the run is returned
/// whole, which no cut reads (its cells come out uncertain with the run as raw).
fn signed_segments(keys: &[KeyId], run: &str) -> Vec<Segment> {
    let whole = || {
        vec![Segment {
            keys: keys.to_vec(),
            run: run.to_string(),
            negative: false,
        }]
    };
    if !run.contains(SIGNS) {
        return whole();
    }
    let signed: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| SIGNED_COLUMNS.contains(&k.col()))
        .map(|(i, _)| i)
        .collect();
    let pieces: Vec<&str> = run.split(SIGNS).collect();
    let minus: Vec<bool> = run
        .chars()
        .filter(|c| SIGNS.contains(c))
        .map(|c| c == '-')
        .collect();
    // One sign per signed column, in order: piece i+1 starts at signed column i.
    if pieces.len() - 1 != signed.len() {
        return whole();
    }
    let mut starts = vec![0];
    starts.extend(&signed);
    starts.push(keys.len());
    let mut out = Vec::new();
    for (i, piece) in pieces.iter().enumerate() {
        let cells = &keys[starts[i]..starts[i + 1]];
        if piece.len() < cells.len() || (cells.is_empty() != piece.is_empty()) {
            return whole();
        }
        if cells.is_empty() {
            continue;
        }
        out.push(Segment {
            keys: cells.to_vec(),
            run: piece.to_string(),
            negative: i > 0 && minus[i - 1],
        });
    }
    out
}

/// A cell read from the digits after a minus sign.
fn negate(split: &mut Split) {
    if split.value.is_empty() || split.value == "0" {
        return;
    }
    split.value.insert(0, '-');
    if split.flag == xxgk_model::Flag::Number {
        split.raw.insert(0, '-');
    }
}

fn cell_of(split: Split, page: u32) -> Cell {
    Cell {
        value: split.value,
        flag: split.flag,
        raw: split.raw,
        page: Some(page).filter(|p| *p > 0),
        bbox: None,
        ocr_confidence: None,
    }
}

/// The prose patterns of [`xxgk_model::prose`] the parser uses, compiled once.
struct Patterns {
    review: Regex,
    litigation: Regex,
    breakdown: Regex,
    outcome: Regex,
    in_force_normative: Regex,
    made_normative: Regex,
}

fn patterns() -> &'static Patterns {
    use xxgk_model::prose as p;
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("static regex");
        Patterns {
            review: re(&p::review()),
            litigation: re(&p::litigation()),
            breakdown: re(p::BREAKDOWN),
            outcome: re(p::OUTCOME),
            in_force_normative: re(&p::in_force_normative()),
            made_normative: re(&p::made_normative()),
        }
    })
}

fn count(s: &str) -> Option<i128> {
    s.replace(',', "").parse().ok()
}

/// Counts of table 二's 行政规范性文件 row that the prose states ("集中公开现行有效行政规范性文件
/// 698件，动态更新本年度制发的规范性文件88件") as known cells (v2021 columns).
pub fn normative_rules(prose: &str) -> Vec<Rule> {
    let text: String = normalize_label(prose);
    let p = patterns();
    let mut out = Vec::new();
    for (re, col) in [
        (&p.in_force_normative, "in_force"),
        (&p.made_normative, "made"),
    ] {
        for c in re.captures_iter(&text) {
            if c[1].contains("规章") {
                continue;
            }
            let key = schema().key_at(Table::T2, "normative", col);
            if let (Some(key), Some(v)) = (key, count(&c[2])) {
                out.push(Rule::known(key, v));
            }
        }
    }
    out
}

/// Totals of table 四 that the prose states ("政府信息公开行政诉讼46件，其中结果维持25件…"), as
/// rules: 行政复议 figures are the review cells; 行政诉讼 figures are the sums of the two
/// litigation groups (T4-2).
pub fn prose_rules(prose: &str) -> Vec<Rule> {
    let text: String = normalize_label(prose);
    let p = patterns();
    let mut out = Vec::new();
    for (re, review) in [(&p.review, true), (&p.litigation, false)] {
        for c in re.captures_iter(&text) {
            let (Some(all), Some(gap), Some(n)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            // "行政复议和行政诉讼 5 件" counts both.
            if !review && gap.as_str().contains("行政复议") {
                continue;
            }
            let Some(total) = count(n.as_str()) else {
                continue;
            };
            let (name, groups): (&str, &[&str]) = if review {
                ("复议", &["review"])
            } else {
                ("诉讼", &["lit_direct", "lit_after_review"])
            };
            let cells = |col: &str| -> Vec<KeyId> {
                groups
                    .iter()
                    .filter_map(|g| schema().key_at(Table::T4, g, col))
                    .collect()
            };
            out.push(Rule::total(
                format!("prose {name} total"),
                &cells("total"),
                total,
            ));
            let rest = text.get(all.end()..).unwrap_or("");
            let Some(b) = p.breakdown.captures(rest) else {
                continue;
            };
            for o in p.outcome.captures_iter(&b[1]) {
                let col = xxgk_model::prose::OUTCOME_COLS
                    .iter()
                    .find(|(words, _)| *words == &o[1])
                    .map_or("pending", |(_, col)| *col);
                if let Some(v) = count(&o[2]) {
                    out.push(Rule::total(format!("prose {name} {col}"), &cells(col), v));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(cols: &[&str]) -> Vec<KeyId> {
        cols.iter()
            .filter_map(|c| schema().key_at(Table::T2, "license", c))
            .collect()
    }

    fn key(id: &str) -> KeyId {
        schema().key_id(id).unwrap()
    }

    /// pdfium's bounded text of hongze-2024.pdf (derived/hongze-2024-pdfium-bounded.txt):
    /// one-digit cells run together, the run on a line of its own under its wrapped label.
    /// Runs under the labels of two rows (a converter that detaches them) are nobody's.
    #[test]
    fn a_run_under_its_wrapped_label_is_that_rows() {
        let lines = [
            "3.危及“三安全一稳",
            "定”",
            "0000000",
            "4.保护第三方合法权",
            "益",
            "1000001",
            "5.属于三类内部事务",
            "6.属于四类过程性",
            "2000002",
            "5000005",
            "7.属于行政执法案卷2000002",
        ];
        let t3: Vec<Row> = lines
            .iter()
            .map(|l| crate::flow::line_row(l, &[], 1, false))
            .collect();
        assert!(is_dump(&t3, Template::V2021));
        let rows = [Vec::new(), t3, Vec::new()];
        let mut out = Tables::default();
        let used = read(&rows, Template::V2021, "", &mut out);
        let row = |r: &str| -> Vec<Option<String>> {
            keys_of(Template::V2021, Table::T3, r)
                .iter()
                .map(|k| out.cells.get(k).map(|c| c.value.clone()))
                .collect()
        };
        let some = |v: [&str; 7]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
        assert_eq!(row("deny_three_security"), some(["0"; 7]));
        assert_eq!(
            row("deny_third_party"),
            some(["1", "0", "0", "0", "0", "0", "1"])
        );
        assert_eq!(
            row("deny_enforcement_file"),
            some(["2", "0", "0", "0", "0", "0", "2"])
        );
        assert_eq!(row("deny_internal_affairs"), vec![None; 7]);
        assert_eq!(row("deny_process_info"), vec![None; 7]);
        // The label lines go with their runs; the detached ones stay for the row readers.
        assert_eq!(used[1], [0, 1, 2, 3, 4, 5, 10]);
    }

    #[test]
    fn a_minus_sign_starts_the_signed_cell() {
        let k = keys(&["prev_items", "change", "decisions"]);
        let segs = signed_segments(&k, "2648-18538");
        assert_eq!(segs.len(), 2);
        assert_eq!((segs[0].keys.len(), segs[0].run.as_str()), (1, "2648"));
        assert!(!segs[0].negative);
        assert_eq!((segs[1].keys.len(), segs[1].run.as_str()), (2, "18538"));
        assert!(segs[1].negative);
        // Two signs for one signed column, or a sign at the start: the run stays whole.
        assert_eq!(signed_segments(&k, "26-48-18")[0].run, "26-48-18");
        assert_eq!(signed_segments(&k, "-18538")[0].run, "-18538");
        // No sign: one segment.
        assert_eq!(signed_segments(&k, "23024").len(), 1);
        let segs = signed_segments(&k, "95+310714");
        assert_eq!(
            (segs[0].run.as_str(), segs[1].run.as_str()),
            ("95", "310714")
        );
        assert!(!segs[1].negative);
        let fee = keys(&["prev_items", "change"]);
        let segs = signed_segments(&fee, "3-1");
        assert_eq!((segs[0].run.as_str(), segs[1].run.as_str()), ("3", "1"));
    }

    #[test]
    fn prose_counts_of_normative_documents() {
        let rules = normative_rules(
            "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。",
        );
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0], Rule::known(key("t2.normative.in_force"), 698));
        assert_eq!(rules[1], Rule::known(key("t2.normative.made"), 88));
    }

    #[test]
    fn prose_totals_of_table_four() {
        let rules = prose_rules(
            "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，尚未审结 7 件。",
        );
        // 复议: total, 维持, 纠正; 诉讼: total, 维持, 尚未审结 (each the sum of two groups).
        assert_eq!(rules.len(), 6);
        assert_eq!(rules[0].constant, 351);
        assert_eq!(rules[0].terms.len(), 1);
        assert_eq!(rules[3].constant, 46);
        assert_eq!(rules[3].terms.len(), 2);
        assert_eq!(rules[5].constant, 7);
    }
}
