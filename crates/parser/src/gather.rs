//! Tables 二, 三 and 四 gathered from the flow (joined across pages, page furniture dropped)
//! and handed to their readers: [`crate::dump`] for rows whose digits ran together,
//! [`crate::detached`] for table 三 in text without positions, then the row readers of
//! [`crate::tables`]. The readers depend on [`crate::tables`] for its vocabulary (`Tables`,
//! row keys); only this module knows them all.

use crate::flow::{line_row, Item, Row, RowCell};
use crate::sections::heading_number;
use crate::tables::{self, Tables};
use xxgk_model::text::normalize_label;
use xxgk_model::{Table, Template};

/// Lines that are page furniture inside a table: page numbers and "第4页 共6页".
pub(crate) fn is_page_furniture(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return true;
    }
    let stripped = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '.' | '•'));
    if !stripped.is_empty() && stripped.chars().all(|c| c.is_ascii_digit()) && t.len() <= 12 {
        // "-4-" yes; a bare number could be a value row, and "-1" is a negative one: no.
        let mark = |c: char| matches!(c, '-' | '—' | '–' | '－' | '·' | '.' | '•');
        return t.starts_with(mark) && t.ends_with(mark);
    }
    (t.starts_with('第') && t.contains('页') && t.chars().count() <= 12)
        || (t.starts_with("共") && t.ends_with('页') && t.chars().count() <= 8)
        || is_english_page_number(&t)
        || is_page_of_pages(&t)
        || is_sheet_name(text.trim())
}

/// `3/12` (spaces removed): page 3 of 12, as a footer prints it. A value is never two numbers
/// with a slash, and a date has two slashes.
fn is_page_of_pages(t: &str) -> bool {
    let number = |s: &str| (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    t.split_once('/').is_some_and(|(n, of)| {
        number(n) && number(of) && n.parse::<u32>().ok() <= of.parse::<u32>().ok() && n != "0"
    })
}

/// `Sheet1`, `工作表2` (trimmed, nothing else on the line): the sheet's name that LibreOffice
/// Calc prints as each page's header by default.
pub(crate) fn is_sheet_name(t: &str) -> bool {
    ["Sheet", "工作表"].iter().any(|head| {
        t.strip_prefix(head)
            .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `Page 2`, `Page 2 of 4` (spaces removed): the page header or footer an office suite in an
/// English locale prints (LibreOffice Calc's default footer).
fn is_english_page_number(t: &str) -> bool {
    let Some(rest) = t
        .strip_prefix("Page")
        .or_else(|| t.strip_prefix("page"))
        .or_else(|| t.strip_prefix("PAGE"))
    else {
        return false;
    };
    let (n, total) = rest.split_once("of").unwrap_or((rest, "1"));
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    number(n) && number(total)
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
    } else if norm.contains("申请人情况")
        || norm.contains("本年新收")
        // Table 三's first result row, after table 二's captions (a rotated page's text
        // comes in reverse, table 二's sections after table 三's heading).
        || norm.contains("(一)予以公开")
    {
        Some(Table::T3)
    } else if norm.contains("复议后起诉") || norm.contains("未经复议") {
        Some(Table::T4)
    } else {
        None
    }
}

/// The table a numbered section heading opens (二, 三, 四), if any.
fn section_table(n: u8) -> Option<Table> {
    match n {
        2 => Some(Table::T2),
        3 => Some(Table::T3),
        4 => Some(Table::T4),
        _ => None,
    }
}

/// The section heading a grid row holds as its only text, if it does.
fn lone_heading(row: &Row) -> Option<u8> {
    let mut filled = row.cells.iter().filter(|c| !c.text.trim().is_empty());
    let only = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    heading_number(&only.text)
}

/// Read the three tables from the flow.
pub fn read(items: &[Item], template: Template, geometry: bool, text_file: bool) -> Tables {
    let mut out = Tables::default();
    let mut rows: [Vec<Row>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut current: Option<Table> = None;
    for item in items {
        let row = match item {
            Item::Line {
                text, page, spans, ..
            } => {
                if let Some(n) = heading_number(text) {
                    current = section_table(n);
                    continue;
                }
                let empty_cell = xxgk_model::text::is_empty_cell(text);
                if current.is_none() || (is_page_furniture(text) && !empty_cell) {
                    continue;
                }
                let row = line_row(text, spans, *page, geometry);
                if !geometry {
                    // A line of text holding several rows (PyMuPDF's blocks): one row per label.
                    let mut pieces = rows_of_line(row);
                    let last = pieces.pop().unwrap_or_default();
                    for piece in pieces {
                        if let Some(t) = announced_table(&piece) {
                            current = Some(t);
                        }
                        if let Some(table) = current {
                            let idx = table_index(table);
                            out.seen[idx] = true;
                            rows[idx].push(piece);
                        }
                    }
                    last
                } else {
                    row
                }
            }
            Item::Row(row) => {
                // A heading alone in a grid's row (a sheet printed with every cell clipped).
                if let Some(n) = lone_heading(row) {
                    current = section_table(n);
                    continue;
                }
                row.clone()
            }
        };
        if let Some(t) = announced_table(&row) {
            current = Some(t);
        }
        let Some(table) = current else { continue };
        let idx = table_index(table);
        out.seen[idx] = true;
        rows[idx].push(row);
    }
    let prose = || -> String {
        items
            .iter()
            .filter_map(|it| match it {
                Item::Line { text, .. } => Some(text.as_str()),
                Item::Row(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if crate::dump::is_dump(&rows[1], template) {
        let used = crate::dump::read(&rows, template, &prose(), &mut out);
        for (list, used) in rows.iter_mut().zip(used) {
            for i in used.into_iter().rev() {
                list.remove(i);
            }
        }
    }
    // Numbers broken over two lines of a text grid, decided by each row's sums: a row of
    // table 三 is one group, a line of table 四 groups of 行政复议's width (T4-1).
    let width = |table, row| tables::row_keys(template, table, row).len();
    crate::wrapped::join(&mut rows[1], width(Table::T3, "new_received"), text_file);
    crate::wrapped::join(&mut rows[2], width(Table::T4, "review"), text_file);
    let mut print_order = false;
    let t3_values = crate::totals::value_count(&rows[1]);
    // Table 三's stream read row by row in segments: this converter wrote those rows in print
    // order.
    let mut rows_in_print_order = false;
    // Table 三's lines as the converter wrote them, for the reader of vertical labels.
    let t3_lines = if geometry {
        Vec::new()
    } else {
        rows[1].clone()
    };
    if !geometry {
        // Table 二 written one cell a line (labels a character a line).
        if let Some(t2) = crate::one_per_line::join_t2(&rows[0]) {
            rows[0] = t2;
        }
        if let Some(t2) = crate::detached::t2_row_major(&rows[0], template) {
            rows[0] = t2;
        }
        let t3 = std::mem::take(&mut rows[1]);
        rows_in_print_order = crate::stream::read_t3(&t3, template, &mut Vec::new()).is_some();
        let (t3, in_print_order) = crate::detached::attach(t3, template, &mut out);
        rows[1] = t3;
        print_order = in_print_order;
    }
    tables::read_t2(&rows[0], template, &mut out);
    let printed = if geometry { &rows[1] } else { &t3_lines };
    let t3_log = tables::read_t3_as_printed(&rows[1], printed, template, geometry, &mut out);
    // Value lines no reader matched served the row reader alone (flow::Row::unmatched).
    rows[1].retain(|r| !r.unmatched);
    crate::totals::complete(&t3_log, &rows[1], t3_values, template, &mut out);
    if !geometry {
        // Row labels set vertically: value rows in template order, pinned by their enumerators.
        crate::vertical::fill_t3(&t3_lines, template, text_file, &mut out);
    }
    // Rows 一 and 二 printed a line per applicant column (a rotated page), where the prose
    // pins their order.
    crate::transposed::fill(&rows[1], template, &prose(), &mut out);
    tables::read_t4(&rows[2], template, &mut out);
    if print_order || rows_in_print_order {
        // Table 三 showed this converter writes cells in print order (whole, or row by row in
        // segments): 二 and 四 as streams.
        crate::stream::fill_in_print_order(&rows[0], &rows[2], template, &mut out);
        crate::table_two_sections::fill(&rows[0], template, &mut out);
        crate::table_four::from_runs(&rows[2], template, &prose(), &mut out);
    } else if !geometry {
        // No print-order evidence: table 四 only where its own rules pin the stream.
        crate::table_four::by_its_rules(&rows[2], template, &mut out);
    }
    if !geometry {
        // Table 四 printed with its header and no values anywhere: every cell blank.
        crate::printed_empty::fill_t4(items, &t3_lines, &rows[2], template, &mut out);
    }
    if text_file && !geometry {
        out.t2_text = std::mem::take(&mut rows[0]);
    }
    out
}

/// A row split from a line of text, cut before every label that follows a value: each label
/// anchors the values after it (`1.属于国家秘密 1 0 0 0 0 0 1 2.其他… 6 0 0 0 0 0 6` is two
/// rows). A line without values after a label, or with one label, is one row.
fn rows_of_line(row: Row) -> Vec<Row> {
    let is_value = |t: &str| xxgk_model::text::classify_value(t).is_some();
    let mut out: Vec<Row> = Vec::new();
    let mut prev_value = false;
    // A value run into the caption after it (`106第二十条第（五）项`): two fields.
    let cells = row.cells.iter().flat_map(|cell| {
        match crate::table_two::value_before_caption(&cell.text) {
            Some((number, caption)) => vec![
                RowCell {
                    text: number.to_string(),
                    ..cell.clone()
                },
                RowCell {
                    text: caption.to_string(),
                    ..cell.clone()
                },
            ],
            None => vec![cell.clone()],
        }
    });
    for cell in cells {
        let value = is_value(&cell.text);
        if out.is_empty() || (prev_value && may_name_a_row(&cell.text)) {
            out.push(Row {
                cells: Vec::new(),
                ..row.clone()
            });
        }
        if let Some(last) = out.last_mut() {
            last.cells.push(cell);
        }
        prev_value = value;
    }
    if out.is_empty() {
        out.push(row);
    }
    out
}

/// Whether a field after a value may begin another row's label: label text, and not one
/// ideograph alone ([`crate::rows::is_lone_ideograph`]: `61 人 3050`), where cutting would
/// leave the values before it looking like a whole row.
fn may_name_a_row(text: &str) -> bool {
    crate::flow::is_label_text(text) && !crate::rows::is_lone_ideograph(text)
}

fn table_index(t: Table) -> usize {
    match t {
        Table::T2 => 0,
        Table::T3 => 1,
        Table::T4 => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LibreOffice Calc prints `Page 2` (English locale) and the sheet's name on every page
    /// of a sheet's PDF, inside table 三 (derived/huaian-2024-xls-pdf-layout.txt): furniture.
    /// A value line, a label, or a line with more after the page number is none.
    #[test]
    fn an_office_suite_s_page_header_and_footer_are_furniture() {
        for t in [
            "Page 2",
            "Page 12 of 40",
            "PAGE 3",
            "Sheet1",
            "工作表2",
            "- 4 -",
            "第 4 页",
            "3 / 12",
        ] {
            assert!(is_page_furniture(t), "{t}");
        }
        for t in [
            "Page",
            "Pages 2",
            "Page 2 of",
            "Sheet",
            "Sheet1 12",
            "12 0 0 12",
            "2.重复申请",
            "12 / 3",
            "2024/1/1",
            "0/0",
        ] {
            assert!(!is_page_furniture(t), "{t}");
        }
    }

    fn texts(rows: &[Row]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn table_three_s_first_result_row_announces_it_after_table_two_s_captions() {
        // pdfplumber's text of the corpus's rotated.pdf: table 二's sections come after table
        // 三's heading, then table 三's rows from （一） on (truth corpus/truth/variants).
        let lines = [
            "三、收到和处理政府信息公开申请情况",
            "第二十条第（九）项 行政事业性收费",
            "3",
            "-1",
            "规范性文件 13 0 46三、本年 （一）予以公开 37 7 1 1 6 1 53",
            "1.属于国家秘密 0 0 0 0 0 0 0",
        ];
        let items: Vec<Item> = lines
            .iter()
            .map(|t| Item::Line {
                text: t.to_string(),
                page: 1,
                spans: Vec::new(),
                bbox: None,
            })
            .collect();
        let out = read(&items, Template::V2019, false, false);
        let got = |k: &str| {
            out.cells
                .iter()
                .find(|(key, _)| key.as_str() == k)
                .map(|(_, c)| c.value.clone())
        };
        assert_eq!(got("t3.granted.natural_person").as_deref(), Some("37"));
        assert_eq!(got("t3.granted.total").as_deref(), Some("53"));
        assert_eq!(got("t3.deny_state_secret.total").as_deref(), Some("0"));
    }

    #[test]
    fn a_line_of_several_rows_is_cut_before_each_label() {
        let row = line_row(
            "1.属于国家秘密 1 0 0 0 0 0 1 2.其他法律行政法规禁止公开 6 0 0 0 0 0 6",
            &[],
            1,
            false,
        );
        let rows = rows_of_line(row);
        assert_eq!(texts(&rows).len(), 2);
        assert_eq!(texts(&rows)[1][0], "2.其他法律行政法规禁止公开");
        assert_eq!(texts(&rows)[1].len(), 8);
        // A value run into the caption after it (PyMuPDF's x-sort of borderless.pdf): the
        // caption begins the next row.
        let row = line_row("行政规范性文件13 9 106第二十条第（五）项", &[], 1, false);
        let rows = rows_of_line(row);
        assert_eq!(
            texts(&rows),
            [
                vec!["行政规范性文件13", "9", "106"],
                vec!["第二十条第（五）项"]
            ]
        );
        // One ideograph among values is no label (Tesseract's `61 人 3050`): one row.
        let row = line_row("(七) 总计 1 . :2932 53 0 0 61 人 3050", &[], 1, false);
        assert_eq!(rows_of_line(row).len(), 1);
        // A signed run after a value is no label: one row (`行政许可9 5-110714`).
        let row = line_row("行政许可 9 5-110714", &[], 1, false);
        assert_eq!(rows_of_line(row).len(), 1);
    }
}
