//! Table 四 (行政复议 / 行政诉讼): one data row of fifteen cells, by position; cells a converter
//! merged (`| 2 1 | 0 0 | …`) read in order only when every group adds up (T4-1); runs of a
//! stream in an unknown order ([`from_runs`]) only where every admissible order agrees; the
//! fifteen values as one stream pinned by their own rules ([`by_its_rules`]).

use crate::flow::Row;
use crate::rows::{holds_several_values, place_row, split};
use crate::tables::{rules_hold, Tables};
use std::collections::HashMap;
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

pub(crate) fn read_t4(rows: &[Row], template: Template, out: &mut Tables) {
    let cols = schema().table_keys(template, Table::T4);
    let n = cols.len();
    // A row printed all blank is the data row only when no row holds a number (Markdown
    // converters write an empty header row above a table without <th>).
    let any_numbers = rows
        .iter()
        .any(|row| printed_values(&split(row).values) >= n);
    for row in rows {
        let sp = split(row);
        // The data row: (almost) no label and one field per column.
        let numbers = printed_values(&sp.values);
        if sp.values.len() < n && numbers < n {
            continue;
        }
        // A row of printed-empty cells is the data row only when it is a grid row of exactly
        // the table's width with no label (a table of blanks), never a header or a spacer line.
        if numbers == 0
            && (any_numbers || !(row.from_grid && sp.labels.is_empty() && sp.values.len() == n))
        {
            continue;
        }
        // Cells holding several values (a converter merged columns) stand for no column:
        // their values in order are taken only when every group adds up (T4-1).
        let merged = sp.values.iter().any(|c| holds_several_values(&c.text));
        // Empty slots of a text row (no cells printed empty, no positions on the page; a grid
        // cut from laid-out text is such a row) are what the
        // converter's spacing left, not cells seen blank: a value wrapped onto the next line
        // (`72 64 17 37 35 …` over `8 1`, LibreOffice's narrow cells through `pdftotext
        // -layout`) leaves one too. Such a row is read only when every group adds up with
        // its blanks as 0, as table 三's rows are (`rows::place_row`).
        let text_blanks = |p: &[Cell]| {
            !row.printed_blanks
                && sp.values.iter().all(|c| c.bbox.is_none())
                && p.iter().any(|c| c.flag == Flag::Blank)
        };
        let placed = place_row(row, &sp.values, n, false, None)
            .filter(|p| !merged || t4_groups_add_up(template, &cols, p))
            .filter(|p| {
                !text_blanks(p) || t4_groups_add_up(template, &cols, &zero_for(p, Flag::Blank))
            })
            .or_else(|| {
                // Every cell printed, as a number or a dash, beside empty slots that are then
                // no cells (LibreOffice's spacer column under 行政诉讼, kept by pandoc's and
                // CSV's grids): the printed fields in order, when every group adds up.
                crate::rows::place_full_row_with_dashes(&sp.values, n)
                    .filter(|p| t4_groups_add_up(template, &cols, p))
            });
        match placed {
            Some(p) => {
                for (&key, cell) in cols.iter().zip(p) {
                    out.cells.entry(key).or_insert(cell);
                }
                return;
            }
            None => out.notes.push(format!(
                "表四: a row with {} value fields for {n} columns; not placed",
                sp.values.len()
            )),
        }
    }
}

/// The cells with every cell flagged `flag` read as 0, only to decide whether the groups add
/// up (never written).
fn zero_for(cells: &[Cell], flag: Flag) -> Vec<Cell> {
    cells
        .iter()
        .map(|c| match c.flag {
            f if f == flag => Cell::from_raw("0").unwrap_or_else(|| c.clone()),
            _ => c.clone(),
        })
        .collect()
}

/// Values a row prints: its non-empty fields, a field holding several values counting each.
fn printed_values(values: &[&crate::flow::RowCell]) -> usize {
    values
        .iter()
        .map(|c| {
            if holds_several_values(&c.text) {
                c.text.split_whitespace().count()
            } else {
                usize::from(!c.text.trim().is_empty())
            }
        })
        .sum()
}

/// Whether table 四's cells, placed in `cols` order, satisfy every T4-1 equation (each
/// group's four results add up to its total), all of them whole numbers.
pub(crate) fn t4_groups_add_up(template: Template, cols: &[KeyId], cells: &[Cell]) -> bool {
    let rules: Vec<_> = xxgk_model::rules::equations(template, false)
        .into_iter()
        .filter(|e| e.rule == "T4-1")
        .collect();
    // A dash is 0 to decide, as the audit reads it (docs/spec/TEMPLATES.md §7.4): a group
    // printed `/ / / / /` adds up.
    let decided = zero_for(cells, Flag::Dash);
    !rules.is_empty() && rules_hold(&rules, cols, &decided)
}

/// Most value runs whose orders [`from_runs`] tries (7! = 5,040 orders).
const MAX_RUNS: usize = 7;

/// Table 四 from a stream whose runs of values a converter wrote in its own block order (plain
/// `pdftotext` of huaian-2024.pdf: `72 64 178 37` · labels · `12 1 1 6` · `总计 351` · labels ·
/// `13 4 8 1 26` · `总计 20`). A run (values with no text between them) is a piece of the row
/// in print order; the order of the runs is not known. Every order of the runs is tried; an
/// order is admissible when the fifteen values satisfy T4-1 in every group and every figure the
/// prose states (行政复议 N 件, 其中结果维持 …; 行政诉讼 totals). A cell is written only when every
/// admissible order gives it the same value — the two litigation groups are symmetric in
/// every rule, so where both could be either they stay absent. Used only where table 三 of the
/// same document was read in print order, and only when no cell of table 四 was read.
pub(crate) fn from_runs(rows: &[Row], template: Template, prose: &str, out: &mut Tables) {
    let keys = schema().table_keys(template, Table::T4);
    if keys.is_empty() || keys.iter().any(|k| out.cells.contains_key(k)) {
        return;
    }
    let Some(runs) = value_runs(rows) else { return };
    let count: usize = runs.iter().map(Vec::len).sum();
    if count != keys.len() || runs.len() < 2 || runs.len() > MAX_RUNS {
        return;
    }
    let stated = crate::dump::prose_rules(prose);
    let admissible = |values: &[&(crate::flow::RowCell, u64)]| {
        let cells: HashMap<KeyId, i128> = keys
            .iter()
            .zip(values)
            .map(|(&k, (_, v))| (k, i128::from(*v)))
            .collect();
        crate::stream::equations_hold(&cells, template, false, "T4")
            && stated.iter().all(|r| rule_holds(r, &cells))
    };
    let mut readings: Vec<Vec<&(crate::flow::RowCell, u64)>> = Vec::new();
    let mut order: Vec<usize> = (0..runs.len()).collect();
    permutations(&mut order, 0, &mut |order| {
        let values: Vec<&(crate::flow::RowCell, u64)> =
            order.iter().flat_map(|&r| runs[r].iter()).collect();
        if admissible(&values) {
            readings.push(values);
        }
    });
    let Some(first) = readings.first() else {
        return;
    };
    let mut pinned = 0;
    for (i, &key) in keys.iter().enumerate() {
        if readings.iter().all(|r| r[i].1 == first[i].1) {
            out.cells.insert(key, crate::rows::cell_of(&first[i].0));
            pinned += 1;
        }
    }
    out.notes.push(format!(
        "表四: {} runs of values in an order the text does not give; {} orders satisfy T4-1 and the prose, {pinned} cells the same in all of them written",
        runs.len(),
        readings.len()
    ));
}

/// The runs of whole-number values of a stream (values with no text between them), or `None`
/// when the stream is unusable or a value is no whole number.
fn value_runs(rows: &[Row]) -> Option<Vec<Vec<(crate::flow::RowCell, u64)>>> {
    let mut runs: Vec<Vec<(crate::flow::RowCell, u64)>> = vec![Vec::new()];
    for t in crate::stream::tokens(rows)? {
        match t {
            crate::stream::Token::Value(cell, v) => {
                let n: u64 = v.parse().ok()?;
                runs.last_mut()?.push((cell, n));
            }
            crate::stream::Token::Break(_) => {
                if runs.last().is_some_and(|r| !r.is_empty()) {
                    runs.push(Vec::new());
                }
            }
        }
    }
    runs.retain(|r| !r.is_empty());
    Some(runs)
}

/// Whether a rule stated by the prose holds over the cells (a rule over a cell not given
/// holds: nothing to check).
fn rule_holds(rule: &crate::runs::Rule, cells: &HashMap<KeyId, i128>) -> bool {
    let mut sum: i128 = 0;
    for (coef, key) in &rule.terms {
        let Some(v) = cells.get(key) else { return true };
        sum += i128::from(*coef) * v;
    }
    match rule.relation {
        crate::runs::Relation::Eq => sum == rule.constant,
        crate::runs::Relation::Ge => sum >= rule.constant,
    }
}

/// Calls `each` with every permutation of `items[k..]` (after the fixed `items[..k]`).
fn permutations(items: &mut Vec<usize>, k: usize, each: &mut dyn FnMut(&[usize])) {
    if k >= items.len() {
        each(items);
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, each);
        items.swap(k, i);
    }
}

/// Table 四 as one stream of its fifteen values where table 三 gave no evidence of print order
/// (pdfminer's boxes, plain `pdftotext` in column mode): [`crate::stream::read_t4`] takes them
/// in order only when they number exactly the template's cells, are whole numbers, satisfy
/// T4-1 in all three groups, and the column-by-column order does not satisfy it with other
/// values, and only when no cell of table 四 was read otherwise. Measured on the corpus and every held-out set (docs/design-linear-text.md §2): no
/// converter seen writes the four results of a group in another order while the groups still
/// add up. A cell another reader wrote differently: none of the stream is used.
pub(crate) fn by_its_rules(rows: &[Row], template: Template, out: &mut Tables) {
    let read_already = schema()
        .table_keys(template, Table::T4)
        .iter()
        .any(|k| out.cells.contains_key(k));
    if read_already {
        return;
    }
    // pdfminer's text of Chromium's PDF of a v2019 page boxes each result header with the
    // value under it and writes 维持 after 尚未审结, the group still adding up: a header right
    // before a value must name its column in print order (docs/design-linear-text.md §2).
    let agree = |rows: &[Row]| crate::stream::headers_agree(rows, template, Table::T4);
    let why = "T4-1 holds in every group and not read column by column";
    let notes = &mut out.notes;
    let whole = agree(rows)
        .then(|| {
            crate::stream::read_t4(rows, template, notes, why)
                .or_else(|| with_wrapped_digits(rows, template, notes))
        })
        .flatten();
    let Some(cells) = whole.or_else(|| {
        let rows = after_header(rows)?;
        agree(rows)
            .then(|| crate::stream::read_t4(rows, template, notes, why))
            .flatten()
    }) else {
        return;
    };
    if crate::stream::disagrees(out, &cells) {
        out.notes.push(
            "表四: its values in print order disagree with the rows read by label; not used"
                .to_string(),
        );
        return;
    }
    for (k, c) in cells {
        out.cells.entry(k).or_insert(c);
    }
}

/// The last run of value lines of table 四's region with the header lines right before it,
/// when those name table 四's columns (行政复议, 行政诉讼, 维持, 纠正, 审结 …): pdfminer may
/// write table 四's heading before the last columns of table 三 (whose values then fall into
/// table 四's region ahead of its header) or a few of table 三's values between table 四's
/// header words. `None` when no such header stands right before the last run.
fn after_header(rows: &[Row]) -> Option<&[Row]> {
    let is_value_line = |r: &Row| {
        let sp = split(r);
        sp.labels.is_empty() && sp.has_values()
    };
    let end = rows.iter().rposition(is_value_line)? + 1;
    let start = rows[..end]
        .iter()
        .rposition(|r| !is_value_line(r))
        .map_or(0, |i| i + 1);
    let header = rows[..start]
        .iter()
        .rposition(is_value_line)
        .map_or(0, |i| i + 1);
    let words: String = rows[header..start]
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.text.as_str()))
        .collect();
    let names_table_four = ["行政复议", "行政诉讼", "维持", "纠正", "审结", "起诉"]
        .iter()
        .any(|w| words.contains(w));
    (header > 0 && names_table_four).then(|| &rows[header..end])
}

/// Most surplus values [`with_wrapped_digits`] joins away (a narrow cell wraps a number at
/// most once; four wrapped cells in one table is already more than seen).
const MAX_SURPLUS: usize = 4;

/// Table 四 as one stream whose numbers wrapped in narrow cells came inline (LibreOffice's
/// PDF of huaian-2024.odt through PyMuPDF's blocks: `72 64 17 8 37 35 1 13 4 8 1 26 12 1 1 6
/// 20`, 178 and 351 each cut in two) or a line each (the same PDF of huaian-2024.doc through
/// PyMuPDF's text, which writes every cell's lines as lines of their own: `17` / `8`). More
/// values than cells: every way of joining neighbouring values back into one number (never
/// into a number with a leading zero) that leaves exactly the template's cells is tried —
/// values side by side on one line, or on consecutive lines of one value each. Taken only
/// when exactly one joining satisfies T4-1 in every group and, like the stream without joins,
/// its column-by-column reading does not satisfy it with other values; several, or none:
/// nothing.
fn with_wrapped_digits(
    rows: &[Row],
    template: Template,
    notes: &mut Vec<String>,
) -> Option<Vec<(KeyId, Cell)>> {
    let keys = schema().table_keys(template, Table::T4);
    // The values in stream order; `joinable[i]`: value i and i+1 stand side by side on one
    // line, or each alone on consecutive lines, with nothing between them.
    let mut values: Vec<crate::flow::RowCell> = Vec::new();
    let mut joinable: Vec<bool> = Vec::new();
    let mut after_lone_value = false;
    for row in rows {
        let tokens = crate::stream::tokens(std::slice::from_ref(row))?;
        let lone = matches!(tokens[..], [crate::stream::Token::Value(..)]);
        let mut after_value = lone && after_lone_value;
        for token in tokens {
            match token {
                crate::stream::Token::Value(cell, v) => {
                    if !v.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    if let Some(last) = joinable.last_mut() {
                        *last = after_value;
                    }
                    values.push(crate::flow::RowCell { text: v, ..cell });
                    joinable.push(false);
                    after_value = true;
                }
                crate::stream::Token::Break(_) => after_value = false,
            }
        }
        after_lone_value = lone;
    }
    let surplus = values.len().checked_sub(keys.len())?;
    if surplus == 0 || surplus > MAX_SURPLUS || keys.is_empty() {
        return None;
    }
    let gaps: Vec<usize> = (0..values.len().saturating_sub(1))
        .filter(|&i| joinable[i] && values[i].text != "0")
        .collect();
    let mut readings: Vec<Vec<crate::flow::RowCell>> = Vec::new();
    choose(&gaps, surplus, &mut Vec::new(), &mut |joins| {
        let joined = join_at(&values, joins);
        let marked: Option<Vec<(u64, bool)>> = joined
            .iter()
            .map(|c| c.text.parse().ok().map(|n| (n, false)))
            .collect();
        if marked.and_then(|m| crate::stream::t4_by_rows(&m, template)) == Some(true) {
            readings.push(joined);
        }
    });
    if readings.len() != 1 {
        if !readings.is_empty() {
            notes.push(format!(
                "表四: {} values for {} cells join {} ways that add up; not used",
                values.len(),
                keys.len(),
                readings.len()
            ));
        }
        return None;
    }
    let joined = readings.pop()?;
    notes.push(format!(
        "表四: {} values for {} cells, numbers wrapped in narrow cells joined the one way every group adds up (T4-1)",
        values.len(),
        keys.len()
    ));
    Some(
        keys.into_iter()
            .zip(joined.iter().map(crate::rows::cell_of))
            .collect(),
    )
}

/// The values with each value after a gap in `joins` appended to the one before it.
fn join_at(values: &[crate::flow::RowCell], joins: &[usize]) -> Vec<crate::flow::RowCell> {
    let mut out: Vec<crate::flow::RowCell> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match out.last_mut() {
            Some(last) if i > 0 && joins.contains(&(i - 1)) => last.text.push_str(&v.text),
            _ => out.push(v.clone()),
        }
    }
    out
}

/// Calls `each` with every `k`-subset of `items` (in order).
fn choose(items: &[usize], k: usize, picked: &mut Vec<usize>, each: &mut dyn FnMut(&[usize])) {
    if picked.len() == k {
        each(picked);
        return;
    }
    for (i, &item) in items.iter().enumerate() {
        picked.push(item);
        choose(&items[i + 1..], k, picked, each);
        picked.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::RowCell;

    fn stream_rows(stream: &str) -> Vec<Row> {
        stream
            .split('|')
            .map(|t| Row {
                page: 1,
                cells: vec![RowCell {
                    text: t.to_string(),
                    page: None,
                    bbox: None,
                }],
                ..Row::default()
            })
            .collect()
    }

    fn values(out: &Tables) -> HashMap<String, String> {
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    fn read(stream: &str, prose: &str) -> HashMap<String, String> {
        let mut out = Tables::default();
        from_runs(&stream_rows(stream), Template::V2021, prose, &mut out);
        values(&out)
    }

    fn by_rules(stream: &str) -> HashMap<String, String> {
        let mut out = Tables::default();
        by_its_rules(&stream_rows(stream), Template::V2021, &mut out);
        values(&out)
    }

    /// pdfminer.six text of huaian-2024.pdf (corpus/truth/derived/huaian-2024-pdfminer): the
    /// header boxes, then one box per value in print order. T4-1 holds in every group and not
    /// column by column: read without table 三's evidence.
    #[test]
    fn fifteen_values_pinned_by_their_own_rules() {
        let got = by_rules(
            "行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结 果|维持|纠正|总计|\
             72|64|178|37|351|13|4|8|1|26|12|1|1|6|20",
        );
        assert_eq!(got.len(), 15);
        for (k, v) in [
            ("t4.review.upheld", "72"),
            ("t4.review.pending", "37"),
            ("t4.review.total", "351"),
            ("t4.lit_direct.upheld", "13"),
            ("t4.lit_direct.total", "26"),
            ("t4.lit_after_review.pending", "6"),
            ("t4.lit_after_review.total", "20"),
        ] {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
    }

    /// pandoc's Markdown of suqian-2023 (and LibreOffice's CSV of huaian-2024.xls): the
    /// value row keeps LibreOffice's empty spacer column under 行政诉讼 (sixteen slots, fifteen
    /// numbers). Every cell printed: the numbers in order, when every group adds up.
    #[test]
    fn a_spacer_slot_beside_fifteen_printed_cells_is_no_cell() {
        let grid_row = |texts: &[&str]| Row {
            printed_blanks: true,
            ..crate::flow::text_grid_row(texts)
        };
        let row = grid_row(&[
            "2", "1", "0", "0", "3", "", "1", "0", "0", "0", "1", "1", "0", "0", "0", "1",
        ]);
        let mut out = Tables::default();
        read_t4(&[row], Template::V2021, &mut out);
        let got = values(&out);
        assert_eq!(got.len(), 15);
        assert_eq!(got.get("t4.review.total").map(String::as_str), Some("3"));
        assert_eq!(
            got.get("t4.lit_direct.upheld").map(String::as_str),
            Some("1")
        );
        assert_eq!(
            got.get("t4.lit_after_review.total").map(String::as_str),
            Some("1")
        );
        // A group that does not add up that way: nothing.
        let row = grid_row(&[
            "2", "1", "0", "0", "4", "", "1", "0", "0", "0", "1", "1", "0", "0", "0", "1",
        ]);
        let mut out = Tables::default();
        read_t4(&[row], Template::V2021, &mut out);
        assert!(values(&out).is_empty());
    }

    /// `pdftotext -layout` of LibreOffice's PDF of huaian-2024.doc: its narrow cells wrap 178
    /// and 351 (`17` over `8`, `35` over `1`) and put 20 and 6 a line lower, so the grid cut
    /// from the text holds thirteen values and empty slots on the row. Placed by its slots it
    /// wrote 72 under 结果纠正 and 14 cells more wrong (truth: 72 64 178 37 351 · 13 4 8 1 26 ·
    /// 12 1 1 6 20). Empty slots of text are not seen blanks: the row is read only when every
    /// group adds up with them as 0; a row of fifteen values is read as before.
    #[test]
    fn empty_slots_of_laid_out_text_must_add_up() {
        let wrapped = crate::flow::text_grid_row(&[
            "", "72", "64", "17", "37", "35", "13", "4", "8", "1", "26", "12", "1", "1", "",
        ]);
        let mut out = Tables::default();
        read_t4(&[wrapped], Template::V2021, &mut out);
        assert!(values(&out).is_empty(), "{:?}", values(&out));
        // The same row with its blanks where a group adds up with them as 0: read.
        let blanks = crate::flow::text_grid_row(&[
            "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "", "", "", "", "",
        ]);
        let mut out = Tables::default();
        read_t4(&[blanks], Template::V2021, &mut out);
        let got = values(&out);
        assert_eq!(got.get("t4.review.other").map(String::as_str), Some("178"));
        assert_eq!(
            got.get("t4.lit_after_review.total").map(String::as_str),
            Some("")
        );
    }

    /// pdfminer.six text of the corpus's borderless.pdf (truth corpus/truth/variants): table
    /// 四's heading came before twenty of table 三's values, then table 四's header words and
    /// its fifteen values. The run after the header is read by the same rules; without a
    /// header naming table 四 before it, nothing.
    #[test]
    fn the_run_after_table_four_s_own_header_is_its_stream() {
        let t3_tail = "0|0|0|0|1|0|0|0|0|0|0|0|7|0|0|2|0|1|164|4";
        let got = by_rules(&format!(
            "行政复议|行政诉讼|{t3_tail}|未经复议直接起诉|复议后起诉|结果|维持|总计|\
             1|0|1|0|2|0|0|0|0|0|0|0|0|0|0"
        ));
        assert_eq!(got.len(), 15);
        for (k, v) in [
            ("t4.review.upheld", "1"),
            ("t4.review.other", "1"),
            ("t4.review.total", "2"),
            ("t4.lit_direct.total", "0"),
        ] {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        let got = by_rules(&format!("{t3_tail}|说明|1|0|1|0|2|0|0|0|0|0|0|0|0|0|0"));
        assert!(got.is_empty(), "{got:?}");
    }

    /// A stream that adds up read by rows *and* read column by column, with other values (a
    /// converter writing columns would give `2` to 复议后起诉's 尚未审结 instead of its 其他):
    /// nothing. Fourteen values (one moved away): nothing.
    #[test]
    fn a_stream_that_adds_up_both_ways_or_is_short_is_not_read() {
        assert!(by_rules("0|0|0|0|0|0|0|0|0|0|0|2|0|0|2").is_empty());
        assert!(by_rules("72|64|178|37|351|13|4|8|1|26|12|1|1|20").is_empty());
        // A group that does not add up (the total one off): nothing.
        assert!(by_rules("72|64|178|37|352|13|4|8|1|26|12|1|1|6|20").is_empty());
    }

    /// Table 四 of huaian-2024 (corpus/truth/derived/huaian-2024-*.json).
    const HUAIAN_T4: &[(&str, &str)] = &[
        ("t4.review.upheld", "72"),
        ("t4.review.corrected", "64"),
        ("t4.review.other", "178"),
        ("t4.review.pending", "37"),
        ("t4.review.total", "351"),
        ("t4.lit_direct.upheld", "13"),
        ("t4.lit_direct.corrected", "4"),
        ("t4.lit_direct.other", "8"),
        ("t4.lit_direct.pending", "1"),
        ("t4.lit_direct.total", "26"),
        ("t4.lit_after_review.upheld", "12"),
        ("t4.lit_after_review.corrected", "1"),
        ("t4.lit_after_review.other", "1"),
        ("t4.lit_after_review.pending", "6"),
        ("t4.lit_after_review.total", "20"),
    ];

    /// LibreOffice's PDF of huaian-2024.odt through PyMuPDF's blocks
    /// (corpus/truth/derived/huaian-2024-odt-pdf-mupdf-blocks): the values on one line, 178
    /// and 351 each wrapped in two. Only 178 and 351 make every group add up.
    #[test]
    fn numbers_wrapped_inline_are_joined_the_one_way_every_group_adds_up() {
        let line = |text: &str| Row {
            page: 1,
            cells: text
                .split(' ')
                .map(|t| RowCell {
                    text: t.to_string(),
                    page: None,
                    bbox: None,
                })
                .collect(),
            ..Row::default()
        };
        let read = |lines: &[&str]| {
            let rows: Vec<Row> = lines.iter().map(|l| line(l)).collect();
            let mut out = Tables::default();
            by_its_rules(&rows, Template::V2021, &mut out);
            values(&out)
        };
        let got = read(&["结果 维持", "72 64 17 8 37 35 1 13 4 8 1 26 12 1 1 6 20"]);
        let want = HUAIAN_T4;
        assert_eq!(got.len(), want.len(), "{got:?}");
        for &(k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        // The pieces on lines of their own: never joined (a number on the next line is no
        // piece of this one here).
        assert!(read(&["72 64 17", "8 37 35 1 13 4 8 1 26 12 1 1 6 20"]).is_empty());
        // Every value a line of its own (PyMuPDF's text of LibreOffice's PDF of
        // huaian-2024.doc: each line of a cell a line): consecutive lines join the same way.
        let lines: Vec<&str> = "72 64 17 8 37 35 1 13 4 8 1 26 12 1 1 6 20"
            .split(' ')
            .collect();
        let got = read(&[&["结果 维持"], &lines[..]].concat());
        assert_eq!(got.len(), want.len(), "{got:?}");
        for &(k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        // A group that adds up no way: nothing.
        assert!(read(&["72 64 17 8 37 35 2 13 4 8 1 26 12 1 1 6 20"]).is_empty());
        // Several joinings that add up (`1 1 1 3 … 25`: 11+1+3+10, 1+11+3+10 or 1+1+13+10):
        // nothing, not even the groups they agree on.
        assert!(read(&["1 1 1 3 10 25 2 11 10 0 23 12 12 2 11 37"]).is_empty());
    }

    /// pdfminer.six text of Chromium's PDF of the v2019 page (held out): each result header
    /// boxed with the value under it, 维持 written after 尚未审结 in 未经复议直接起诉. Every
    /// group adds up read in stream order, with 1 under 尚未审结 (truth: under 维持): a header
    /// before a value names another column than its place, nothing is read.
    #[test]
    fn values_with_headers_between_them_are_not_read() {
        let stream = "行政复议|1|0|1|0|2|未经复议直接起诉|结果纠正|0|其他结果|0|尚未审结|0|\
                      结果维持|1|复议后起诉|总计|1|结果维持|0|结果纠正|0|其他结果|0|尚未审结|0|总计|0";
        assert!(by_rules(stream).is_empty());
        // The same values as one run (print order) are read, and so are headers in print
        // order between them (pdfminer's text of thousands.pdf: `结果 / 维持 / 19`).
        assert_eq!(by_rules("1|0|1|0|2|1|0|0|0|1|0|0|0|0|0").len(), 15);
        let in_order = "1|0|1|0|2|结果维持|1|结果纠正|0|其他结果|0|尚未审结|0|总计|1|0|0|0|0|0";
        assert_eq!(by_rules(in_order).len(), 15);
    }

    /// Plain `pdftotext` of huaian-2024.pdf (corpus/truth/derived/huaian-2024-pdftotext):
    /// poppler's block order, header words between the runs.
    const HUAIAN: &str =
        "行政复议|行政诉讼|维持|纠正|总计|72|64|178|37|结 果|其他|复议后起诉|尚未|\
        12|1|1|6|总计|351|维持|纠正|结果|审结|13|4|8|1|26|总计|20";
    const PROSE: &str =
        "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 \
        178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他\
        结果 9 件，尚未审结 7 件。";

    #[test]
    fn runs_in_an_unknown_order_give_what_every_admissible_order_agrees_on() {
        let got = read(HUAIAN, PROSE);
        let want = &HUAIAN_T4[..5];
        for &(k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        // The litigation groups are symmetric in every rule and in the prose: not written
        // (either run of four could be 直接起诉's).
        assert_eq!(got.len(), want.len(), "{got:?}");
    }

    /// Without the prose, the three groups could stand in any order: nothing is the same in
    /// all of them, nothing is written. One value short: no order at all.
    #[test]
    fn runs_no_rule_pins_are_not_read() {
        assert!(read(HUAIAN, "").is_empty());
        let short = HUAIAN.replace("|13|4|8|1|26|", "|13|4|8|26|");
        assert!(read(&short, PROSE).is_empty());
    }
}
