//! Table 三's rows 一 and 二 printed transposed: a line per applicant column holding that
//! column's two cells (a rotated page through markitdown: `| 3 134 | 自然人 |`, `| 0 3 机构 |
//! 科研 |`, … `| 4 164 | 总计 |`, the column's label after its values, its words in either
//! order).
//!
//! The column is pinned by its label: a line is read only when its words (the group headers
//! 申请人情况 and 法人或其他组织 aside) name exactly one applicant column, printed or reversed,
//! and it holds exactly two whole numbers before them. The lines must be one block naming every
//! column of the table once. Which of the two numbers is row 一 and which is row 二 is the same
//! on every line (one converter, one order), but no rule of the table tells: T3-3 holds either
//! way round and T3-1 pins only their sum. The prose does when it states a figure
//! (`受理…申请164件`, `上年度结转申请4件`): an order is admissible when both rows add up (T3-3),
//! every column satisfies T3-1 where its other cells were read, and every figure the prose
//! states is that order's total — and the prose must state one. Exactly one admissible order:
//! written; otherwise nothing. Only where no cell of rows 一 and 二 was read.

use crate::flow::{Row, RowCell};
use crate::rows::cell_of;
use crate::tables::{row_keys, Tables};
use std::collections::HashMap;
use xxgk_model::schema::LabelKind;
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// Words of table 三's header that group the applicant columns, not a column's own label.
const GROUP_WORDS: [&str; 2] = ["申请人情况", "法人或其他组织"];

/// A line naming one applicant column with its two values.
struct ColumnLine {
    column: &'static str,
    values: [RowCell; 2],
}

/// Reads rows 一 and 二 from transposed lines where the prose pins their order (module doc).
pub(crate) fn fill(rows: &[Row], template: Template, prose: &str, out: &mut Tables) {
    let new = row_keys(template, Table::T3, "new_received");
    let carried = row_keys(template, Table::T3, "carried_in");
    if new.is_empty()
        || new.len() != carried.len()
        || new
            .iter()
            .chain(&carried)
            .any(|k| out.cells.contains_key(k))
    {
        return;
    }
    let lines: Vec<Option<ColumnLine>> = rows.iter().map(|r| column_line(r, template)).collect();
    // Every applicant column named by exactly one line.
    let block: Vec<&ColumnLine> = lines.iter().flatten().collect();
    let mut named: Vec<&str> = block.iter().map(|l| l.column).collect();
    named.sort_unstable();
    named.dedup();
    if block.len() != new.len() || named.len() != block.len() {
        return;
    }
    let stated = stated_totals(prose);
    if stated.new_received.is_none() && stated.carried_in.is_none() {
        return;
    }
    let known: HashMap<KeyId, i128> = out
        .cells
        .iter()
        .filter(|(_, c)| c.flag == Flag::Number)
        .filter_map(|(k, c)| Some((*k, c.value.parse().ok()?)))
        .collect();
    let mut admissible: Vec<Vec<(KeyId, Cell)>> = Vec::new();
    for first_is_new in [true, false] {
        let mut cells: Vec<(KeyId, Cell)> = Vec::new();
        for line in &block {
            let (a, b) = (&line.values[0], &line.values[1]);
            let (n, c) = if first_is_new { (a, b) } else { (b, a) };
            let (Some(kn), Some(kc)) = (
                schema().key_at(Table::T3, "new_received", line.column),
                schema().key_at(Table::T3, "carried_in", line.column),
            ) else {
                return;
            };
            cells.push((kn, cell_of(n)));
            cells.push((kc, cell_of(c)));
        }
        let by_key: HashMap<KeyId, &Cell> = cells.iter().map(|(k, c)| (*k, c)).collect();
        let row_cells = |keys: &[KeyId]| -> Option<Vec<Cell>> {
            keys.iter()
                .map(|k| by_key.get(k).map(|c| (*c).clone()))
                .collect()
        };
        let (Some(rn), Some(rc)) = (row_cells(&new), row_cells(&carried)) else {
            return;
        };
        let mut all = known.clone();
        for (k, c) in &cells {
            if let Ok(v) = c.value.parse() {
                all.insert(*k, v);
            }
        }
        let total = |keys: &[KeyId]| keys.last().and_then(|k| all.get(k)).copied();
        let prose_holds = stated.new_received.is_none_or(|v| total(&new) == Some(v))
            && stated.carried_in.is_none_or(|v| total(&carried) == Some(v));
        if crate::rows::total_adds_up(&rn)
            && crate::rows::total_adds_up(&rc)
            && prose_holds
            && crate::stream::equations_hold(&all, template, out.single_other, "T3-1")
        {
            admissible.push(cells);
        }
    }
    if admissible.len() != 1 {
        return;
    }
    for (k, c) in admissible.pop().unwrap_or_default() {
        out.cells.insert(k, c);
    }
    out.notes.push(
        "表三: rows 一 and 二 printed transposed (a line per applicant column); their order pinned by the totals the prose states"
            .to_string(),
    );
}

/// A line holding exactly two whole numbers and then words naming exactly one applicant
/// column (printed or reversed), or `None`.
fn column_line(row: &Row, template: Template) -> Option<ColumnLine> {
    let mut values: Vec<RowCell> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for cell in &row.cells {
        for word in cell.text.split_whitespace() {
            let piece = RowCell {
                text: word.to_string(),
                ..cell.clone()
            };
            let c = cell_of(&piece);
            if c.flag == Flag::Number && c.value.parse::<i128>().is_ok() {
                if !words.is_empty() {
                    return None;
                }
                values.push(piece);
            } else if !GROUP_WORDS.contains(&word) {
                words.push(word.to_string());
            }
        }
    }
    let [a, b]: [RowCell; 2] = values.try_into().ok()?;
    if words.is_empty() {
        return None;
    }
    let printed = words.concat();
    let reversed: String = words.iter().rev().map(String::as_str).collect();
    let named = |text: &str| -> Vec<&'static str> {
        schema()
            .labels(Table::T3, LabelKind::Col)
            .filter(|l| l.in_template(Some(template)))
            .filter(|l| l.matches(&xxgk_model::text::normalize_label(text)))
            .map(|l| l.key)
            .collect()
    };
    let mut columns = named(&printed);
    columns.extend(named(&reversed));
    columns.sort_unstable();
    columns.dedup();
    match columns.as_slice() {
        [column] => Some(ColumnLine {
            column,
            values: [a, b],
        }),
        _ => None,
    }
}

/// Totals of rows 一 and 二 the prose states.
#[derive(Default, Debug, PartialEq)]
struct Stated {
    new_received: Option<i128>,
    carried_in: Option<i128>,
}

/// The totals the prose states, by the audit's own patterns (P-1 `共受理…申请N件`, P-3
/// `上年度结转申请N件`), each only when every statement of it gives the same number.
fn stated_totals(prose: &str) -> Stated {
    let text: String = prose.chars().filter(|c| !c.is_whitespace()).collect();
    let (received, carried) = patterns();
    let one = |res: &[regex::Regex], group: usize| -> Option<i128> {
        let mut found: Option<i128> = None;
        for re in res {
            for c in re.captures_iter(&text) {
                let v: i128 = c.get(group)?.as_str().replace(',', "").parse().ok()?;
                if found.is_some_and(|f| f != v) {
                    return None;
                }
                found = Some(v);
            }
        }
        found
    };
    Stated {
        new_received: one(received, 2),
        carried_in: one(std::slice::from_ref(carried), 1),
    }
}

fn patterns() -> &'static (Vec<regex::Regex>, regex::Regex) {
    use xxgk_model::prose as p;
    static P: std::sync::OnceLock<(Vec<regex::Regex>, regex::Regex)> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| regex::Regex::new(s).expect("static regex");
        (
            p::received().iter().map(|s| re(s)).collect(),
            re(&p::carried_in()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::text_grid_row;

    /// The rows of table 三 that T3-1 needs: （七）总计 and 四、结转 of
    /// derived/rotated-markitdown-md (corpus/truth/derived/rotated-markitdown-md.json).
    fn around() -> Tables {
        let mut out = Tables::default();
        for (row, values) in [
            ("processed_total", [131, 14, 3, 1, 12, 1, 162]),
            ("carried_out", [6, 0, 0, 0, 0, 0, 6]),
        ] {
            let keys = row_keys(Template::V2019, Table::T3, row);
            for (k, v) in keys.into_iter().zip(values) {
                out.cells.insert(
                    k,
                    Cell::from_raw(&v.to_string()).unwrap_or_else(|| panic!()),
                );
            }
        }
        out
    }

    const LINES: [&[&str]; 7] = [
        &["3 134", "自然人", "申请人情况"],
        &["0 14", "商业企业 法人或其他组织"],
        &["0 3 机构", "科研"],
        &["0 1 组织", "公益 社会"],
        &["1 11 机构", "法律服务"],
        &["0 1", "其他"],
        &["4 164", "总计"],
    ];
    const PROSE: &str = "（二）依申请公开。全年共受理政府信息公开申请164件，答复162件（含上年度结转申请4件，另有6件顺延到下年度答复）。";

    fn read(lines: &[&[&str]], prose: &str) -> HashMap<String, String> {
        let rows: Vec<Row> = lines.iter().map(|l| text_grid_row(l)).collect();
        let mut out = around();
        fill(&rows, Template::V2019, prose, &mut out);
        out.cells
            .iter()
            .filter(|(k, _)| k.row() == "new_received" || k.row() == "carried_in")
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    #[test]
    fn transposed_rows_are_read_in_the_order_the_prose_pins() {
        let got = read(&LINES, PROSE);
        assert_eq!(got.len(), 14, "{got:?}");
        for (k, v) in [
            ("t3.new_received.natural_person", "134"),
            ("t3.new_received.research", "3"),
            ("t3.new_received.social_org", "1"),
            ("t3.new_received.legal_service", "11"),
            ("t3.new_received.total", "164"),
            ("t3.carried_in.natural_person", "3"),
            ("t3.carried_in.legal_service", "1"),
            ("t3.carried_in.total", "4"),
        ] {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
    }

    #[test]
    fn transposed_rows_the_prose_does_not_pin_are_not_read() {
        // No figure stated: either order fits every rule.
        assert!(read(&LINES, "全年答复162件。").is_empty());
        // One figure is enough (the other order's total is 4).
        assert_eq!(read(&LINES, "上年度结转申请4件。").len(), 14);
        // A figure that fits neither order (受理 counted with the carried ones): nothing.
        assert!(read(&LINES, "全年共受理政府信息公开申请168件。").is_empty());
        // A column line missing, or a column named twice: nothing.
        assert!(read(&LINES[..6], PROSE).is_empty());
        let mut twice = LINES;
        twice[5] = &["0 1", "科研"];
        assert!(read(&twice, PROSE).is_empty());
    }
}
