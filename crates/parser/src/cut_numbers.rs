//! Numbers cut at the page's edge. A sheet wider than the paper is printed down, then across
//! (the default page order of LibreOffice Calc and of Excel): the columns that do not fit come
//! pages later, and a number in the last column that fits is cut where the page ends
//! (`行政许可 95 -1 1071` on page 1, `10714` on page 4 under `处理决定数量`). Text tools
//! (`pdftotext -layout` and `-raw`, PyMuPDF) write the cut number as a number.
//!
//! Pages that continue a sheet print numbers on lines of their own and no row label of any
//! table. Where a document has such pages, a number of table 二 that is a proper prefix of a
//! number printed on them is in doubt: it is marked `uncertain`, what was printed kept, and a
//! note names the longer number. Nothing is written from the later pages (which row each of
//! their numbers belongs to is not printed there).

use crate::flow::Item;
use crate::fuzzy::strip_enumerator;
use crate::tables::Tables;
use std::borrow::Cow;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::{classify_value, normalize_label};
use xxgk_model::{schema, Flag, Table, Template};

/// Fewest lines of numbers alone on a page that continues a sheet (a page number is one).
const MIN_NUMBER_LINES: usize = 3;

/// Mark table 二's numbers that a continuation page prints longer.
pub(crate) fn doubt_cut_numbers(items: &[Item], template: Template, tables: &mut Tables) {
    let longer = continuation_numbers(items, template);
    if longer.is_empty() {
        return;
    }
    for (id, cell) in tables.cells.iter_mut() {
        if id.table() != Table::T2 || cell.flag != Flag::Number {
            continue;
        }
        let Some(full) = longer
            .iter()
            .find(|n| n.len() > cell.value.len() && n.starts_with(cell.value.as_str()))
        else {
            continue;
        };
        tables.notes.push(format!(
            "{}: {} may be cut at the page's edge (a later page prints {full})",
            schema().key(*id),
            cell.value
        ));
        cell.flag = Flag::Uncertain;
        cell.value = String::new();
    }
}

/// The numbers (as printed, digits and a decimal point) on lines of their own on pages that
/// begin no row of any table, no caption and no section, and hold at least
/// [`MIN_NUMBER_LINES`] such lines.
fn continuation_numbers(items: &[Item], template: Template) -> Vec<String> {
    let mut pages: Vec<Page> = Vec::new();
    for (page, text) in items.iter().flat_map(texts) {
        let at = match pages.iter().position(|p| p.number == page) {
            Some(at) => at,
            None => {
                pages.push(Page {
                    number: page,
                    ..Page::default()
                });
                pages.len() - 1
            }
        };
        let p = &mut pages[at];
        let words: Vec<&str> = text.split_whitespace().collect();
        let numbers = !words.is_empty()
            && words
                .iter()
                .all(|w| matches!(classify_value(w), Some((Flag::Number, _))));
        if numbers {
            p.number_lines += 1;
            p.numbers.extend(words.iter().map(|w| w.to_string()));
        } else if begins_part_of_a_table(&text, template) {
            p.labelled = true;
        }
    }
    pages
        .into_iter()
        .filter(|p| !p.labelled && p.number_lines >= MIN_NUMBER_LINES)
        .flat_map(|p| p.numbers)
        .collect()
}

/// What one page holds, for [`continuation_numbers`].
#[derive(Default)]
struct Page {
    number: u32,
    number_lines: usize,
    numbers: Vec<String>,
    /// A row, caption or section begins on it.
    labelled: bool,
}

/// The text of an item with its page: a line as it is, or a row's cells joined.
fn texts(item: &Item) -> Option<(u32, Cow<'_, str>)> {
    match item {
        Item::Line { text, page, .. } => Some((*page, Cow::Borrowed(text.as_str()))),
        Item::Row(row) => Some((
            row.page,
            Cow::Owned(
                row.cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        )),
    }
}

/// Whether a line begins a row of a table (its enumerator: `一、`, `（一）`, `1.`), names a
/// caption of table 二 or is a section heading. Pages that continue a sheet hold the columns'
/// headers (`其他 总计`) and the cut ends of prose lines, which begin none.
fn begins_part_of_a_table(text: &str, template: Template) -> bool {
    let norm = normalize_label(text);
    crate::sections::heading_number(text).is_some()
        || (!norm.is_empty() && strip_enumerator(&norm) != norm)
        || schema()
            .match_label(Table::T2, LabelKind::Caption, text, Some(template))
            .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Cell;

    fn line(text: &str, page: u32) -> Item {
        Item::Line {
            text: text.to_string(),
            page,
            spans: Vec::new(),
            bbox: None,
        }
    }

    fn cell(value: &str) -> Cell {
        Cell {
            value: value.to_string(),
            flag: Flag::Number,
            raw: value.to_string(),
            page: None,
            bbox: None,
            ocr_confidence: None,
        }
    }

    /// `pdftotext -layout` of Calc's PDF of jingan-2019.xls (held out): page 1 prints
    /// 行政许可's 处理决定数量 cut (1071 of 10714), page 4 the column in full.
    #[test]
    fn a_number_a_continuation_page_prints_longer_is_in_doubt() {
        let key = |k: &str| schema().key_id(k).unwrap();
        let run = |page_four: &[&str]| {
            let mut items = vec![
                line("第二十条第（五）项", 1),
                line("行政许可 95 -1 1071", 1),
                line("其他对外管理服务事项 23 0 2", 1),
            ];
            items.extend(page_four.iter().map(|t| line(t, 4)));
            let mut tables = Tables::default();
            tables
                .cells
                .insert(key("t2.license.decisions"), cell("1071"));
            tables
                .cells
                .insert(key("t2.license.prev_items"), cell("95"));
            doubt_cut_numbers(&items, Template::V2019, &mut tables);
            tables
        };
        let t = run(&[
            "Sheet1",
            "处理决定数量",
            "10714",
            "24",
            "处理决定数量",
            "10316",
        ]);
        assert_eq!(t.cells[&key("t2.license.decisions")].flag, Flag::Uncertain);
        assert_eq!(t.cells[&key("t2.license.decisions")].raw, "1071");
        assert_eq!(t.cells[&key("t2.license.prev_items")].flag, Flag::Number);
        // A page where a row begins, or with fewer lines of numbers alone: nothing.
        let t = run(&["1.属于国家秘密", "10714", "24", "10316"]);
        assert_eq!(t.cells[&key("t2.license.decisions")].flag, Flag::Number);
        let t = run(&["处理决定数量", "10714", "24"]);
        assert_eq!(t.cells[&key("t2.license.decisions")].flag, Flag::Number);
    }
}
