//! Tables 二, 三 and 四 gathered from the flow (joined across pages, page furniture dropped)
//! and handed to their readers: [`crate::dump`] for rows whose digits ran together,
//! [`crate::detached`] for table 三 in text without positions, then the row readers of
//! [`crate::tables`]. The readers depend on [`crate::tables`] for its vocabulary (`Tables`,
//! row keys); only this module knows them all.

use crate::flow::{line_row, Item, Row};
use crate::sections::heading_number;
use crate::tables::{self, Tables};
use xxgk_model::text::normalize_label;
use xxgk_model::{Table, Template};

/// Lines that are page furniture inside a table: page numbers and "第4页 共6页".
fn is_page_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return true;
    }
    let stripped = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '.' | '•'));
    if !stripped.is_empty() && stripped.chars().all(|c| c.is_ascii_digit()) && t.len() <= 12 {
        return t != stripped; // "-4-" yes; a bare number could be a value row: no
    }
    (t.starts_with('第') && t.contains('页') && t.chars().count() <= 12)
        || (t.starts_with("共") && t.ends_with('页') && t.chars().count() <= 8)
}

/// Which table a row's content announces, if it does so unmistakably.
fn announced_table(row: &Row) -> Option<Table> {
    let text: String = row
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .chain(row.context.iter().map(|s| s.as_str()))
        .collect::<Vec<_>>()
        .join("");
    let norm = normalize_label(&text);
    if norm.contains("第二十条") {
        Some(Table::T2)
    } else if norm.contains("申请人情况") || norm.contains("本年新收") {
        Some(Table::T3)
    } else if norm.contains("复议后起诉") || norm.contains("未经复议") {
        Some(Table::T4)
    } else {
        None
    }
}

/// Read the three tables from the flow.
pub fn read(items: &[Item], template: Template, geometry: bool) -> Tables {
    let mut out = Tables::default();
    let mut rows: [Vec<Row>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut current: Option<Table> = None;
    for item in items {
        let row = match item {
            Item::Line {
                text, page, spans, ..
            } => {
                if let Some(n) = heading_number(text) {
                    current = match n {
                        2 => Some(Table::T2),
                        3 => Some(Table::T3),
                        4 => Some(Table::T4),
                        _ => None,
                    };
                    continue;
                }
                if current.is_none() || is_page_furniture(text) {
                    continue;
                }
                line_row(text, spans, *page, geometry)
            }
            Item::Row(row) => row.clone(),
        };
        if let Some(t) = announced_table(&row) {
            current = Some(t);
        }
        let Some(table) = current else { continue };
        let idx = table_index(table);
        out.seen[idx] = true;
        rows[idx].push(row);
    }
    if crate::dump::is_dump(&rows[1]) {
        let prose: String = items
            .iter()
            .filter_map(|it| match it {
                Item::Line { text, .. } => Some(text.as_str()),
                Item::Row(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let used = crate::dump::read(&rows, template, &prose, &mut out);
        for (list, used) in rows.iter_mut().zip(used) {
            for i in used.into_iter().rev() {
                list.remove(i);
            }
        }
    }
    if !geometry {
        let t3 = std::mem::take(&mut rows[1]);
        rows[1] = crate::detached::attach(t3, template, &mut out);
    }
    tables::read_t2(&rows[0], template, &mut out);
    tables::read_t3(&rows[1], template, geometry, &mut out);
    tables::read_t4(&rows[2], template, &mut out);
    out
}

fn table_index(t: Table) -> usize {
    match t {
        Table::T2 => 0,
        Table::T3 => 1,
        Table::T4 => 2,
    }
}
