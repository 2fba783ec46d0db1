//! Table 二 read from **pdfminer.six's text boxes**: a box that is one column header followed
//! by exactly that column's cells, in row order.
//!
//! pdfminer groups vertically consecutive, aligned lines into a text box and writes a blank
//! line after every box (docs/design-linear-text.md §2). The order *between* boxes is the tree
//! order of its layout analysis and says nothing about columns, but *inside* a box the lines
//! are top to bottom: a box `本年制发件数 / 2 / 20` is that column's header with the cells
//! right below it. The text reader keeps the break as [`xxgk_model::Line::after_break`].
//!
//! A box is read only when the box structure proves it:
//!
//! - the box starts after a break (or at the top of a page) and ends before one (or at the end
//!   of the page, or at a block that is no line);
//! - its first line names exactly one column of table 二 and no row or caption, every other
//!   line is one number, and there are exactly as many as the section's rows;
//! - the section is the column's only one (`现行有效件数` is （一）'s) and its caption is a box
//!   printed before it, or — for a column several sections share (`本年处理决定数量`: （五） and
//!   （六）) — the one named by a caption box right before it (nothing between);
//! - every row label of the section is printed somewhere in table 二's text, and T2's rules
//!   hold over what is read together with what other readers wrote; a cell another reader
//!   wrote differently makes this reader write nothing.
//!
//! Text input only: other formats carry no breaks, and their grids are read as grids.

use crate::sections::heading_number;
use crate::stream::{disagrees, equations_hold};
use crate::table_two_sections::{template_sections, Section};
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::classify_value;
use xxgk_model::{schema, Block, Cell, Document, Flag, KeyId, Table, Template};

/// A text box: its lines, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub lines: Vec<String>,
}

/// The text boxes of table 二's region (from heading 二 to heading 三 or 四), in text order.
/// Empty for documents that are no text file.
pub fn table_two_boxes(doc: &Document) -> Vec<TextBox> {
    let mut out: Vec<TextBox> = Vec::new();
    if doc.format != xxgk_model::Format::Txt {
        return out;
    }
    let mut inside = false;
    for page in &doc.pages {
        // A page starts a box.
        let mut open = false;
        for block in &page.blocks {
            let Block::Line(line) = block else {
                open = false;
                continue;
            };
            let text = xxgk_model::text::fold_printed(line.text.trim()).into_owned();
            match heading_number(&text) {
                Some(2) => {
                    inside = true;
                    open = false;
                    continue;
                }
                Some(_) => {
                    inside = false;
                    continue;
                }
                None => {}
            }
            if !inside || text.is_empty() {
                continue;
            }
            match out.last_mut() {
                Some(b) if open && !line.after_break => b.lines.push(text),
                _ => out.push(TextBox { lines: vec![text] }),
            }
            open = true;
        }
    }
    out
}

/// A column of one section: (caption, column).
type ColumnOf = (&'static str, &'static str);

/// The one table-二 column a header line names, when it names no row or caption and no other
/// column.
fn header_column(text: &str, template: Template) -> Option<&'static str> {
    let s = schema();
    let norm = xxgk_model::text::normalize_label(text);
    let kind_matches = |kind| {
        s.labels(Table::T2, kind)
            .filter(|l| l.in_template(Some(template)) && l.matches(&norm))
            .map(|l| l.key)
            .collect::<Vec<_>>()
    };
    let mut cols = kind_matches(LabelKind::Col);
    cols.dedup();
    if !kind_matches(LabelKind::Row).is_empty() || !kind_matches(LabelKind::Caption).is_empty() {
        return None;
    }
    match cols.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

/// The caption a box is, when it is one line naming one caption and nothing else of table 二.
fn caption_box(b: &TextBox, template: Template) -> Option<&'static str> {
    let [line] = b.lines.as_slice() else {
        return None;
    };
    let s = schema();
    let caption = s.match_label(Table::T2, LabelKind::Caption, line, Some(template))?;
    let other = s.match_label(Table::T2, LabelKind::Col, line, Some(template));
    let row = s.match_label(Table::T2, LabelKind::Row, line, Some(template));
    (other.is_none() && row.is_none()).then_some(caption)
}

/// Table 二's cells pinned by header+value boxes (see the module doc), written into `out`.
pub fn fill_t2(doc: &Document, template: Template, out: &mut Tables) {
    let boxes = table_two_boxes(doc);
    let cells = read_t2(&boxes, template);
    if cells.is_empty() {
        return;
    }
    if disagrees(out, &cells) {
        out.notes.push(
            "表二: a column read from its text box disagrees with the rows read by label; not used"
                .to_string(),
        );
        return;
    }
    let mut whole: HashMap<KeyId, i128> = out
        .cells
        .iter()
        .filter_map(|(k, c)| Some((*k, c.value.parse::<i128>().ok()?)))
        .collect();
    whole.extend(
        cells
            .iter()
            .filter_map(|(k, c)| Some((*k, c.value.parse::<i128>().ok()?))),
    );
    if !equations_hold(&whole, template, false, "T2") {
        out.notes
            .push("表二: columns read from text boxes break a T2 rule; not used".to_string());
        return;
    }
    out.notes.push(format!(
        "表二: {} cells read from header+value text boxes",
        cells.len()
    ));
    for (k, c) in cells {
        out.cells.entry(k).or_insert(c);
    }
}

/// The cells the boxes pin, without checking them against other readers.
pub fn read_t2(boxes: &[TextBox], template: Template) -> Vec<(KeyId, Cell)> {
    let s = schema();
    let sections = template_sections(template);
    let printed_rows: Vec<&'static str> = boxes
        .iter()
        .flat_map(|b| &b.lines)
        .filter_map(|l| s.match_label(Table::T2, LabelKind::Row, l, Some(template)))
        .collect();
    // Cells by (caption, column): a column boxed twice (its header repeated on the next
    // page) is not used at all.
    let mut read: Vec<(ColumnOf, Vec<(KeyId, Cell)>)> = Vec::new();
    let mut twice: Vec<ColumnOf> = Vec::new();
    for (i, b) in boxes.iter().enumerate() {
        let Some((header, values)) = b.lines.split_first() else {
            continue;
        };
        let Some(column) = header_column(header, template) else {
            continue;
        };
        let numbers: Option<Vec<Cell>> = values.iter().map(|v| number(v)).collect();
        let Some(numbers) = numbers else { continue };
        let owners: Vec<&Section> = sections
            .iter()
            .filter(|sec| sec.columns.contains(&column))
            .collect();
        let section = match owners.as_slice() {
            // The section's caption printed before the box (a rotated page's text puts a
            // header beside a value of another section, before any caption of its own).
            [one]
                if boxes[..i]
                    .iter()
                    .any(|b| caption_box(b, template) == Some(one.caption)) =>
            {
                *one
            }
            [_] => continue,
            _ => {
                let before = i
                    .checked_sub(1)
                    .and_then(|j| caption_box(&boxes[j], template));
                match owners.iter().find(|sec| Some(sec.caption) == before) {
                    Some(sec) => *sec,
                    None => continue,
                }
            }
        };
        if numbers.len() != section.rows.len()
            || section.rows.iter().any(|r| !printed_rows.contains(r))
        {
            continue;
        }
        let id = (section.caption, column);
        if read.iter().any(|(seen, _)| *seen == id) {
            twice.push(id);
        }
        let cells = section
            .rows
            .iter()
            .zip(numbers)
            .filter_map(|(row, cell)| Some((s.key_at(Table::T2, row, column)?, cell)))
            .collect();
        read.push((id, cells));
    }
    read.into_iter()
        .filter(|(id, _)| !twice.contains(id))
        .flat_map(|(_, cells)| cells)
        .collect()
}

/// A line that is one number (`20`, `10086.17`, `-1`), as a cell.
fn number(text: &str) -> Option<Cell> {
    let (flag, _) = classify_value(text)?;
    (flag == Flag::Number && !text.trim().contains(char::is_whitespace)).then(|| {
        crate::rows::cell_of(&crate::flow::RowCell {
            text: text.trim().to_string(),
            page: None,
            bbox: None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Format, Line, Page};

    /// A text document as pdfminer writes it: boxes separated by blank lines.
    fn doc(text: &str) -> Document {
        let mut doc = Document::new(Format::Txt);
        let mut blocks = Vec::new();
        for (i, b) in text.split("\n\n").enumerate() {
            for (j, l) in b.lines().enumerate() {
                blocks.push(Block::Line(Line {
                    after_break: i > 0 && j == 0,
                    ..Line::plain(l)
                }));
            }
        }
        doc.pages.push(Page {
            number: 1,
            blocks,
            ..Page::default()
        });
        doc
    }

    fn read(text: &str) -> HashMap<String, String> {
        let mut out = Tables::default();
        fill_t2(&doc(text), Template::V2021, &mut out);
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    /// pdfminer.six text of v2021-docx.pdf (corpus/truth/derived/v2021-docx-pdfminer.json):
    /// the row labels in boxes of their own, each column header boxed with its cells.
    const V2021_DOCX: &str = "二、主动公开政府信息情况\n\n信息内容\n\n规章\n\n行政规范性文件\n\n\
        行政许可\n\n行政处罚\n\n行政强制\n\n行政事业性收费\n\n第二十条 第（一）项\n\n\
        本年制发件数\n2\n20\n\n本年废止件数\n1\n0\n\n第二十条 第（五）项\n\n\
        本年处理决定数量\n22657\n\n现行有效件数\n13\n61\n\n第二十条 第（六）项\n\n\
        本年处理决定数量\n3921\n2035\n\n第二十条 第（八）项\n\n\
        本年收费金额（单位：万元）\n10086.17\n\n三、收到和处理政府信息公开申请情况";

    #[test]
    fn header_and_value_boxes_are_read_column_by_column() {
        let got = read(V2021_DOCX);
        let want = [
            ("t2.regulation.made", "2"),
            ("t2.normative.made", "20"),
            ("t2.regulation.repealed", "1"),
            ("t2.normative.repealed", "0"),
            ("t2.regulation.in_force", "13"),
            ("t2.normative.in_force", "61"),
            ("t2.license.decisions", "22657"),
            ("t2.penalty.decisions", "3921"),
            ("t2.coercion.decisions", "2035"),
            ("t2.fee.amount", "10086.17"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        assert_eq!(got.len(), want.len());
    }

    /// The same boxes without the breaks (a text reader that dropped them, or a converter
    /// that writes no boxes): one box holding everything, nothing read.
    #[test]
    fn without_breaks_nothing_is_a_box() {
        let mut d = doc(V2021_DOCX);
        for b in &mut d.pages[0].blocks {
            if let Block::Line(l) = b {
                l.after_break = false;
            }
        }
        let mut out = Tables::default();
        fill_t2(&d, Template::V2021, &mut out);
        assert!(out.cells.is_empty());
    }

    /// A shared column without its caption right before it, or a box one value short (a cell
    /// printed blank: 22657 would be the penalty's, not the licence's), is not read.
    #[test]
    fn a_shared_column_needs_its_caption_and_its_count() {
        // `本年处理决定数量 / 3921` with （六）'s caption: one value for two rows.
        let got = read(&V2021_DOCX.replace("3921\n2035", "3921"));
        assert!(!got.contains_key("t2.penalty.decisions"));
        assert!(!got.contains_key("t2.coercion.decisions"));
        // Without a caption box right before it, the licence column names no section.
        let got = read(&V2021_DOCX.replace("第二十条 第（五）项\n\n", ""));
        assert!(!got.contains_key("t2.license.decisions"));
        assert_eq!(
            got.get("t2.penalty.decisions").map(String::as_str),
            Some("3921")
        );
        // A column of one section whose caption comes after it (a rotated page's text:
        // `采购项目数量 / 489000`, the procurement amount's tail beside its header): nothing.
        let rotated = "二、主动公开政府信息情况\n\n规章\n\n规范性文件\n\n政府集中采购\n\n\
            采购项目数量\n489000\n\n第二十条第（九）项\n\n三、收到和处理政府信息公开申请情况";
        let mut out = Tables::default();
        fill_t2(&doc(rotated), Template::V2019, &mut out);
        assert!(out.cells.is_empty(), "{:?}", out.cells);
        let moved = rotated.replace(
            "采购项目数量\n489000\n\n第二十条第（九）项",
            "第二十条第（九）项\n\n采购项目数量\n11",
        );
        let mut out = Tables::default();
        fill_t2(&doc(&moved), Template::V2019, &mut out);
        assert_eq!(out.cells.len(), 1);
        // A box holding a header and values of two columns is no column.
        let got = read(&V2021_DOCX.replace("1\n0\n\n第二十条", "1\n0\n13\n61\n\n第二十条"));
        assert!(!got.contains_key("t2.regulation.repealed"));
    }
}
