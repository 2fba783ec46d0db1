//! Table 四 printed with **no values at all**: its header words are there and not one value
//! follows them, so every cell is printed empty (`blank`).
//!
//! A reader of positions sees empty cells as blanks; a text without positions (`pdftotext
//! -raw`, a Markdown conversion) drops them, and table 四 comes out as its header words and
//! nothing else. Those cells are written `blank` only where the text proves that no value of
//! table 四 is printed anywhere:
//!
//! - table 四's region names every group (行政复议, 未经复议直接起诉, 复议后起诉) and at least
//!   two result columns (维持, 纠正 …), and no other reader wrote a cell of it;
//! - table 四's own rows hold no digits but a page number's (values run into other marks,
//!   `&nbsp;0&nbsp;1`, are values all the same);
//! - from table 四's heading to the end of the text, no line or row is values only (page
//!   numbers aside): the values did not land after the table, as converters that write text
//!   boxes out of order put them;
//! - every value line of table 三's region is a labelled row (or a row of a grid): the values
//!   did not land before the heading either, among table 三's.
//!
//! A text that wrote every cell of the table as a cell written empty (a line of a no-break
//! space, [`xxgk_model::text::EMPTY_CELL`]: PyMuPDF's text of `&nbsp;` cells) shows the same:
//! exactly as many such lines as the table has cells, and no digits, make every cell blank
//! without the last two checks (the values are in the table, all empty).
//!
//! Text input only (`geometry == false`): where positions exist, empty cells are read as such.

use crate::flow::{is_label_text, Item, Row};
use crate::sections::heading_number;
use crate::tables::Tables;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Cell, Table, Template};

/// Write every cell of table 四 `blank` when the text shows the table printed without values.
pub(crate) fn fill_t4(
    items: &[Item],
    t3_rows: &[Row],
    t4_rows: &[Row],
    template: Template,
    out: &mut Tables,
) {
    let keys = schema().table_keys(template, Table::T4);
    if keys.iter().any(|k| out.cells.contains_key(k))
        || !names_table_four(t4_rows)
        || holds_digits(t4_rows)
    {
        return;
    }
    let written_empty = empty_cells(t4_rows) == keys.len();
    if !written_empty && (values_after_heading(items) || t3_rows.iter().any(is_unlabelled_values)) {
        return;
    }
    let page = t4_rows.first().map(|r| r.page);
    for key in keys {
        out.cells.insert(key, Cell::blank(page));
    }
    out.notes
        .push("表四: printed with its header and no values; every cell blank".to_string());
}

/// The region's text names every group of table 四 (行政复议, 未经复议直接起诉, 复议后起诉)
/// and at least two of its result columns. The result words are printed in two-character
/// pieces in narrow cells (`尚未` over `审结`), which a text without positions may interleave
/// with the next column's; the groups alone identify the table.
fn names_table_four(rows: &[Row]) -> bool {
    let text: String = rows.iter().flat_map(row_texts).collect();
    let norm = normalize_label(&text);
    let groups: Vec<_> = schema().labels(Table::T4, LabelKind::Group).collect();
    let columns = schema()
        .labels(Table::T4, LabelKind::Col)
        .filter(|l| l.matches(&norm))
        .count();
    !groups.is_empty() && groups.iter().all(|l| l.matches(&norm)) && columns >= 2
}

/// Digits enough for values in table 四's own rows, whatever surrounds them (`&nbsp;0&nbsp;1`,
/// values no reader took as cells): the table is not printed empty. A page number is at most
/// a few digits.
fn holds_digits(rows: &[Row]) -> bool {
    let digits: usize = rows
        .iter()
        .flat_map(row_texts)
        .map(|t| t.chars().filter(|c| c.is_ascii_digit()).count())
        .sum();
    digits >= MIN_VALUE_DIGITS
}

/// How many of table 四's rows are a cell written empty ([`xxgk_model::text::EMPTY_CELL`]):
/// as many as the table's cells, with no digits among them, and the text wrote every cell of
/// the table, all empty (PyMuPDF's text of a page whose table 四 holds `&nbsp;` cells).
fn empty_cells(rows: &[Row]) -> usize {
    rows.iter()
        .filter(|r| matches!(&r.cells[..], [c] if c.text == xxgk_model::text::EMPTY_CELL))
        .count()
}

/// Table 四 prints fifteen values; a third of them is already no page number.
const MIN_VALUE_DIGITS: usize = 5;

fn row_texts(row: &Row) -> impl Iterator<Item = &str> {
    row.context
        .iter()
        .map(String::as_str)
        .chain(row.cells.iter().map(|c| c.text.as_str()))
}

/// From table 四's heading on, a line or row made of values only.
fn values_after_heading(items: &[Item]) -> bool {
    let mut after = false;
    for item in items {
        match item {
            Item::Line { text, .. } => {
                if heading_number(text) == Some(4) {
                    after = true;
                    continue;
                }
                if after && !crate::gather::is_page_furniture(text) {
                    let mut words = text.split_whitespace().peekable();
                    if words.peek().is_some() && words.all(crate::rows::is_value_word) {
                        return true;
                    }
                }
            }
            Item::Row(row) => {
                if after
                    && row
                        .cells
                        .iter()
                        .any(|c| crate::rows::is_value_word(&c.text))
                {
                    return true;
                }
            }
        }
    }
    // No heading: nothing is shown.
    !after
}

/// A row of a text line with values and no label of its own or above it. A grid's row (a
/// pipe table) is its grid's: its values are table 三's wherever its label went.
fn is_unlabelled_values(row: &Row) -> bool {
    !row.from_grid
        && row
            .cells
            .iter()
            .any(|c| crate::rows::is_value_word(&c.text))
        && !row_texts(row).any(is_label_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::line_row;
    use xxgk_model::Flag;

    fn items(text: &str) -> Vec<Item> {
        text.lines()
            .map(|l| Item::Line {
                text: l.to_string(),
                page: 1,
                spans: Vec::new(),
                bbox: None,
            })
            .collect()
    }

    fn rows(text: &str) -> Vec<Row> {
        text.lines().map(|l| line_row(l, &[], 1, false)).collect()
    }

    /// Table 四 of blank-zeros-raw (`pdftotext -raw` of a report printing zeros as blanks;
    /// truth corpus/truth/derived/blank-zeros-raw.json: every cell of 四 blank).
    const HEADER: &str = "行政复议 行政诉讼\n结果\n维持\n结果\n纠正\n其他\n结果\n尚未\n审结 总计\n\
        未经复议直接起诉 复议后起诉\n结果\n维持\n结果\n纠正\n其他\n结果\n尚未\n审结 总计 结果\n\
        维持\n结果\n纠正\n其他\n结果\n尚未\n审结 总计";

    fn read(t3: &str, t4_region: &str, after: &str) -> Tables {
        let text = format!("四、政府信息公开行政复议、行政诉讼情况\n{t4_region}\n{after}");
        let mut out = Tables::default();
        fill_t4(
            &items(&text),
            &rows(t3),
            &rows(t4_region),
            Template::V2019,
            &mut out,
        );
        out
    }

    #[test]
    fn a_header_without_values_is_fifteen_blanks() {
        let out = read(
            "（一）予以公开 6 1 1 8\n（七）总计 10 1 1 12",
            HEADER,
            "五、存在的主要问题及改进情况\n全年发生政府信息公开行政复议0件。",
        );
        assert_eq!(out.cells.len(), 15);
        assert!(out.cells.values().all(|c| c.flag == Flag::Blank));
    }

    /// PyMuPDF's text of blank-zeros.pdf (corpus/reports/derived/blank-zeros-mupdf.txt): table
    /// 三 one cell per line (so its value lines have no label of their own), table 四's fifteen
    /// cells each a line of a no-break space. Every cell written, all empty: every cell blank.
    /// One cell fewer is not the table's cells: nothing, as for a header without values whose
    /// table 三 holds unlabelled values.
    #[test]
    fn fifteen_cells_written_empty_are_fifteen_blanks() {
        let t3 = "（一）予以公开\n6\n1\n\u{a0}\n\u{a0}\n\u{a0}\n1\n8";
        let empty = |n: usize| format!("{HEADER}\n{}", vec!["\u{a0}"; n].join("\n"));
        let out = read(t3, &empty(15), "五、存在的主要问题及改进情况");
        assert_eq!(out.cells.len(), 15);
        assert!(out.cells.values().all(|c| c.flag == Flag::Blank));
        assert!(read(t3, &empty(14), "五、存在的主要问题及改进情况")
            .cells
            .is_empty());
    }

    #[test]
    fn values_elsewhere_or_a_missing_header_word_write_nothing() {
        // The values after the table (a converter writing boxes out of order).
        let later = read("（七）总计 10 1 1 12", HEADER, "五、存在的问题\n1 0 0 0 1");
        assert!(later.cells.is_empty());
        // The values among table 三's, without a label.
        let before = read("（七）总计 10 1 1 12\n0 0 0 0 0", HEADER, "五、存在的问题");
        assert!(before.cells.is_empty());
        // 复议后起诉 not printed: the header is not all there.
        let part = read(
            "（七）总计 10 1 1 12",
            "行政复议 未经复议直接起诉 维持 纠正 其他 审结 总计",
            "",
        );
        assert!(part.cells.is_empty());
        // A value inside the region.
        let inside = read("（七）总计 10 1 1 12", &format!("{HEADER}\n0"), "");
        assert!(inside.cells.is_empty());
    }
}
