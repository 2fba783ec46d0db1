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
//! - a caption line inside a box opens a piece of it: plain `pdftotext` writes a section's
//!   caption, header and cells as one block (`第二十条第（五）项 / 本年处理决定数量 / 99467`,
//!   several sections in one block, opened by a break), and the caption names the piece's section when that
//!   section has this one column and no other (v2021's （五）, （六）, （八）): a block of
//!   `pdftotext` may set a header over a value of the column beside it (`采购总金额 / 11`
//!   under （九）, LibreOffice's PDF of a sheet), which only a section of one column rules out;
//! - a shared column with no caption names the one section left when every other section that
//!   has the column was read from a box of its own caption, the box has exactly that section's
//!   row count, the section has one column, and the boxes come in template order (pdfminer's
//!   `本年处理决定数量 / 19323` ahead of （六）'s caption box: （五）'s, the only section of one
//!   row left);
//! - every row label of the section is printed somewhere in table 二's text, and T2's rules
//!   hold over what is read together with what other readers wrote; a cell another reader
//!   wrote differently makes this reader write nothing.
//!
//! Text input only: other formats carry no breaks, and their grids are read as grids.

use crate::sections::heading_number;
use crate::stream::{disagrees, equations_hold};
use crate::table_two_sections::{template_sections, Section, SECTIONS};
use crate::tables::Tables;
use std::collections::HashMap;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::classify_value;
use xxgk_model::{schema, Block, Cell, Document, Flag, KeyId, Table, Template};

/// A text box: its lines, top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub lines: Vec<String>,
    /// Whether a break or the top of a page opened the box (not heading 二, nor a page of
    /// text that has no break anywhere in table 二).
    pub after_break: bool,
}

/// The text boxes of table 二's region (from heading 二 to heading 三 or 四), in text order.
/// Empty for documents that are no text file.
pub fn table_two_boxes(doc: &Document) -> Vec<TextBox> {
    boxes_under(doc, 2)
}

/// The text boxes from the section heading numbered `heading` to the next heading, in text
/// order. Empty for documents that are no text file.
pub(crate) fn boxes_under(doc: &Document, heading: u8) -> Vec<TextBox> {
    let mut out: Vec<TextBox> = Vec::new();
    if doc.format != xxgk_model::Format::Txt {
        return out;
    }
    let mut inside = false;
    let mut breaks = false;
    for page in &doc.pages {
        // A page starts a box.
        let mut open = false;
        let mut page_top = true;
        for block in &page.blocks {
            let Block::Line(line) = block else {
                open = false;
                continue;
            };
            let text = xxgk_model::text::fold_printed(line.text.trim()).into_owned();
            match heading_number(&text) {
                Some(n) if n == heading => {
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
            breaks |= line.after_break;
            match out.last_mut() {
                Some(b) if open && !line.after_break => b.lines.push(text),
                _ => out.push(TextBox {
                    lines: vec![text],
                    after_break: line.after_break || page_top,
                }),
            }
            open = true;
            page_top = false;
        }
    }
    // Text with no break at all has no boxes: a page's top opens none either.
    if !breaks {
        for b in &mut out {
            b.after_break = false;
        }
    }
    out
}

/// A column of one section: (caption, column).
type ColumnOf = (&'static str, &'static str);

/// A column of one section and its cells, top to bottom.
type ColumnCells = (ColumnOf, Vec<Cell>);

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
    caption_line(line, template)
}

/// The caption a line is, when it names one caption and nothing else of table 二.
fn caption_line(line: &str, template: Template) -> Option<&'static str> {
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

/// A box's piece: the caption line it starts with (none for the box's first piece), then the
/// lines up to the next caption line.
struct Piece<'b> {
    caption: Option<&'static str>,
    lines: &'b [String],
}

/// A box cut at its caption lines; a box no break opened is one piece (text without breaks
/// is one box from heading 二 on, whose captions say nothing of what is boxed with them).
fn pieces(b: &TextBox, template: Template) -> Vec<Piece<'_>> {
    let mut out = vec![Piece {
        caption: None,
        lines: &b.lines[..0],
    }];
    if !b.after_break {
        out[0].lines = &b.lines;
        return out;
    }
    let mut start = 0;
    for (i, line) in b.lines.iter().enumerate() {
        if let Some(c) = caption_line(line, template) {
            if let Some(last) = out.last_mut() {
                last.lines = &b.lines[start..i];
            }
            out.push(Piece {
                caption: Some(c),
                lines: &[],
            });
            start = i + 1;
        }
    }
    if let Some(last) = out.last_mut() {
        last.lines = &b.lines[start..];
    }
    out
}

/// A header and its values read from one piece: where it is (box, piece), its column, the
/// sections that have the column and the values.
struct Column<'s> {
    at: (usize, usize),
    column: &'static str,
    owners: Vec<&'s Section>,
    numbers: Vec<Cell>,
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
    // Pieces by (caption, column), with where they are: a column boxed twice (its header
    // repeated on the next page) is not used at all.
    let mut read: Vec<((usize, usize), ColumnOf, Vec<Cell>)> = Vec::new();
    let mut shared_unnamed: Vec<Column> = Vec::new();
    // Pieces of one section's column whose caption was not printed before them, and the
    // sections read from a rectangle under their own caption (below).
    let mut uncaptioned: Vec<(&Section, Column)> = Vec::new();
    let mut under_caption: Vec<&'static str> = Vec::new();
    for (i, b) in boxes.iter().enumerate() {
        for (j, piece) in pieces(b, template).into_iter().enumerate() {
            if let Some((caption, cells)) = rectangle(&piece, template, &sections) {
                under_caption.push(caption);
                read.extend(cells.into_iter().map(|(id, numbers)| ((i, j), id, numbers)));
                continue;
            }
            let Some(col) = column_of(piece.lines, template, &sections) else {
                continue;
            };
            let section = match (piece.caption, col.owners.as_slice()) {
                // The caption in the box names the section, when the section has the column.
                (Some(c), owners) => match owners.iter().find(|sec| sec.caption == c) {
                    Some(sec) if sec.columns.len() == 1 => *sec,
                    _ => continue,
                },
                // The section's caption printed before the box (a rotated page's text puts a
                // header beside a value of another section, before any caption of its own).
                (None, [one])
                    if boxes[..i]
                        .iter()
                        .any(|b| caption_box(b, template) == Some(one.caption)) =>
                {
                    *one
                }
                (None, [one]) => {
                    uncaptioned.push((*one, Column { at: (i, j), ..col }));
                    continue;
                }
                (None, owners) => {
                    let before = i
                        .checked_sub(1)
                        .and_then(|k| caption_box(&boxes[k], template));
                    match owners.iter().find(|sec| Some(sec.caption) == before) {
                        Some(sec) => *sec,
                        None => {
                            shared_unnamed.push(Column { at: (i, j), ..col });
                            continue;
                        }
                    }
                }
            };
            if col.numbers.len() == section.rows.len() {
                read.push(((i, j), (section.caption, col.column), col.numbers));
            }
        }
    }
    // The rest of a section read as a rectangle under its caption: a column of its alone,
    // not read yet, with its row count (`现行有效件数 / 13 / 61` after `第二十条第（一）项 /
    // 本年制发件数 / 本年废止件数 / 2 / 1 / 20 / 0`, the page's footer between).
    for (section, col) in uncaptioned {
        let id = (section.caption, col.column);
        if under_caption.contains(&section.caption)
            && col.numbers.len() == section.rows.len()
            && !read.iter().any(|(_, seen, _)| *seen == id)
        {
            read.push((col.at, id, col.numbers));
        }
    }
    for col in shared_unnamed {
        if let Some(section) = left_over(&col, &read) {
            read.push((col.at, (section.caption, col.column), col.numbers));
        }
    }
    let twice: Vec<ColumnOf> = read
        .iter()
        .enumerate()
        .filter(|(n, (_, id, _))| read[..*n].iter().any(|(_, seen, _)| seen == id))
        .map(|(_, (_, id, _))| *id)
        .collect();
    let sections_of = |caption: &str| sections.iter().find(|sec| sec.caption == caption);
    read.into_iter()
        .filter(|(_, id, _)| !twice.contains(id))
        .filter_map(|(_, (caption, column), numbers)| {
            let section = sections_of(caption)?;
            section
                .rows
                .iter()
                .all(|r| printed_rows.contains(r))
                .then(|| {
                    section
                        .rows
                        .iter()
                        .zip(numbers)
                        .filter_map(|(row, cell)| Some((s.key_at(Table::T2, row, column)?, cell)))
                        .collect::<Vec<_>>()
                })
        })
        .flatten()
        .collect()
}

/// A piece opened by its caption line, then header lines naming two columns or more of that
/// section, each once and in template order, then exactly rows × those columns numbers: plain
/// `pdftotext` writes a flow as a rectangle of the page row by row (§13 H2: 3,583 flows, no
/// counterexample), so the numbers are the section's rows, each across those columns
/// (`第二十条第（一）项 / 本年制发件数 / 本年废止件数 / 2 / 1 / 20 / 0`). The caption in the flow
/// rules out a header set over a value of another section's column.
fn rectangle(
    piece: &Piece<'_>,
    template: Template,
    sections: &[Section],
) -> Option<(&'static str, Vec<ColumnCells>)> {
    let caption = piece.caption?;
    let section = sections.iter().find(|sec| sec.caption == caption)?;
    let headers = piece
        .lines
        .iter()
        .take_while(|l| number(l).is_none())
        .count();
    let (header, values) = piece.lines.split_at(headers);
    let columns: Vec<&'static str> = header
        .iter()
        .map(|l| header_column(l, template))
        .collect::<Option<_>>()?;
    let at: Vec<usize> = columns
        .iter()
        .map(|c| section.columns.iter().position(|s| s == c))
        .collect::<Option<_>>()?;
    let numbers: Vec<Cell> = values.iter().map(|v| number(v)).collect::<Option<_>>()?;
    let width = columns.len();
    if width < 2
        || !at.windows(2).all(|w| w[0] < w[1])
        || numbers.len() != width * section.rows.len()
    {
        return None;
    }
    let cells = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let down = numbers.iter().skip(c).step_by(width).cloned().collect();
            ((caption, *column), down)
        })
        .collect();
    Some((caption, cells))
}

/// A piece that is one column header followed by numbers only, with the sections that have
/// the column.
fn column_of<'s>(
    lines: &[String],
    template: Template,
    sections: &'s [Section],
) -> Option<Column<'s>> {
    let (header, values) = lines.split_first()?;
    let column = header_column(header, template)?;
    let numbers: Vec<Cell> = values.iter().map(|v| number(v)).collect::<Option<_>>()?;
    Some(Column {
        at: (0, 0),
        column,
        owners: sections
            .iter()
            .filter(|sec| sec.columns.contains(&column))
            .collect(),
        numbers,
    })
}

/// The one section a shared column without a caption can be: every other section with the
/// column was read from a box named by its caption, exactly one is left, the piece holds
/// exactly its row count, and the pieces stand in the sections' template order.
fn left_over<'s>(
    col: &Column<'s>,
    read: &[((usize, usize), ColumnOf, Vec<Cell>)],
) -> Option<&'s Section> {
    let read_at = |sec: &Section| {
        read.iter()
            .find(|(_, id, _)| *id == (sec.caption, col.column))
            .map(|(at, _, _)| *at)
    };
    let left: Vec<&&Section> = col
        .owners
        .iter()
        .filter(|sec| read_at(sec).is_none())
        .collect();
    let [section] = left.as_slice() else {
        return None;
    };
    let order = |sec: &Section| SECTIONS.iter().position(|(c, _)| *c == sec.caption);
    let in_order =
        col.owners.iter().all(
            |other| match (read_at(other), order(other), order(section)) {
                (None, ..) => other.caption == section.caption,
                (Some(at), Some(o), Some(me)) => (at < col.at) == (o < me),
                _ => false,
            },
        );
    (in_order && section.columns.len() == 1 && col.numbers.len() == section.rows.len())
        .then_some(**section)
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
        // Without a caption box right before it, the licence column is （五）'s only as the
        // section left over: （六） read from its captioned box, one value for （五）'s one row,
        // before （六） as the template has them (pdfminer of title-two-lines).
        let no_caption = V2021_DOCX.replace("第二十条 第（五）项\n\n", "");
        let got = read(&no_caption);
        assert_eq!(
            got.get("t2.license.decisions").map(String::as_str),
            Some("22657")
        );
        assert_eq!(
            got.get("t2.penalty.decisions").map(String::as_str),
            Some("3921")
        );
        // Not when （六） is not read (its box one value short), nor after （六）'s box.
        let got = read(&no_caption.replace("3921\n2035", "3921"));
        assert!(!got.contains_key("t2.license.decisions"), "{got:?}");
        let after = no_caption
            .replace("本年处理决定数量\n22657\n\n", "")
            .replace("三、收到", "本年处理决定数量\n22657\n\n三、收到");
        assert!(!read(&after).contains_key("t2.license.decisions"));
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

    /// Plain `pdftotext` of split-footer.pdf (corpus/reports/derived/split-footer-pdftotext.txt):
    /// the sections' captions, headers and cells in one block. A caption line opens a piece;
    /// the pieces of one-column sections are read, and （一）'s three columns as a rectangle
    /// under its caption, row by row.
    #[test]
    fn captions_inside_a_block_name_one_column_sections() {
        let block = "二、主动公开政府信息情况\n信息内容\n规章\n行政规范性文件\n信息内容\n行政许可\n\
            信息内容\n行政处罚\n行政强制\n信息内容\n行政事业性收费\n\n第二十条第（一）项\n\
            本年制发件数\n本年废止件数\n现行有效件数\n3\n1\n14\n3\n9\n89\n第二十条第（五）项\n\
            本年处理决定数量\n99467\n第二十条第（六）项\n本年处理决定数量\n49898\n4914\n\
            第二十条第（八）项\n本年收费金额（单位：万元）\n6611.87\n\n三、收到和处理政府信息公开申请情况";
        let got = read(block);
        let want = [
            ("t2.regulation.made", "3"),
            ("t2.regulation.repealed", "1"),
            ("t2.regulation.in_force", "14"),
            ("t2.normative.made", "3"),
            ("t2.normative.repealed", "9"),
            ("t2.normative.in_force", "89"),
            ("t2.license.decisions", "99467"),
            ("t2.penalty.decisions", "49898"),
            ("t2.coercion.decisions", "4914"),
            ("t2.fee.amount", "6611.87"),
        ];
        for (k, v) in want {
            assert_eq!(got.get(k).map(String::as_str), Some(v), "{k}");
        }
        assert_eq!(got.len(), want.len(), "{got:?}");
        // The rectangle needs every value of its rows, its headers in template order, and its
        // caption in the block.
        for changed in [
            block.replace("3\n9\n89\n", "3\n9\n"),
            block.replace("本年制发件数\n本年废止件数", "本年废止件数\n本年制发件数"),
            block.replace("\n\n第二十条第（一）项\n", "\n第二十条第（一）项\n\n"),
        ] {
            let got = read(&changed);
            assert!(!got.contains_key("t2.regulation.made"), "{got:?}");
        }
        // The section's last column in a block of its own, after the rectangle of the others
        // under the caption (v2021-docx.pdf, the page's footer between).
        let split = block
            .replace(
                "本年废止件数\n现行有效件数\n3\n1\n14\n3\n9\n89",
                "本年废止件数\n3\n1\n3\n9",
            )
            .replace("\n\n三、", "\n\n现行有效件数\n14\n89\n\n三、");
        let got = read(&split);
        assert_eq!(
            got.get("t2.regulation.in_force").map(String::as_str),
            Some("14")
        );
        assert_eq!(
            got.get("t2.normative.repealed").map(String::as_str),
            Some("9")
        );
        // Not without the rectangle under the caption.
        let alone = split.replace("本年制发件数\n本年废止件数\n3\n1\n3\n9\n", "");
        let got = read(&alone);
        assert!(!got.contains_key("t2.regulation.in_force"), "{got:?}");
        // A section of two columns is not named by a caption in the block: `pdftotext` of
        // LibreOffice's PDF of jingan-2019.ods sets 采购总金额 over the 11 of 采购项目数量.
        let sheet = "二、主动公开政府信息情况\n第二十条第（九）项\n信息内容\n政府集中采购\n\n\
            第二十条第（九）项\n采购总金额\n11\n\n489000\n\n三、收到和处理政府信息公开申请情况";
        let mut out = Tables::default();
        fill_t2(&doc(sheet), Template::V2019, &mut out);
        assert!(out.cells.is_empty(), "{:?}", out.cells);
    }
}
