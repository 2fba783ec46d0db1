//! Table 四 (行政复议 / 行政诉讼): one data row of fifteen cells, by position; cells a converter
//! merged (`| 2 1 | 0 0 | …`) read in order only when every group adds up (T4-1).

use crate::flow::Row;
use crate::rows::{holds_several_values, place_row, split};
use crate::tables::{rules_hold, Tables};
use xxgk_model::{schema, Cell, KeyId, Table, Template};

pub(crate) fn read_t4(rows: &[Row], template: Template, out: &mut Tables) {
    let cols: Vec<KeyId> = schema()
        .keys(template)
        .filter(|k| k.table == Table::T4)
        .map(|k| k.key_id())
        .collect();
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
        match place_row(row, &sp.values, n, false, None)
            .filter(|p| !merged || t4_groups_add_up(template, &cols, p))
        {
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
fn t4_groups_add_up(template: Template, cols: &[KeyId], cells: &[Cell]) -> bool {
    let rules: Vec<_> = xxgk_model::rules::equations(template, false)
        .into_iter()
        .filter(|e| e.rule == "T4-1")
        .collect();
    !rules.is_empty() && rules_hold(&rules, cols, cells)
}
