//! The document as one reading-order flow of text lines and table rows, with provenance.
//!
//! Grids become [`Row`]s (spans resolved: a cell spanning several columns appears once, a
//! group label spanning several rows is kept as context of the rows it covers). Lines keep
//! their text and, when the format has geometry, their spans.

use xxgk_model::{BBox, Block, Document, Grid, Span};

/// Text that labels a row or column: it has letters or CJK characters and is not a value mark
/// (a dash, 无 …) or a number.
pub fn is_label_text(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || xxgk_model::text::classify_value(t).is_some() {
        return false;
    }
    t.chars().any(|c| c.is_alphabetic())
}

/// One cell of a table row as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RowCell {
    pub text: String,
    pub page: Option<u32>,
    pub bbox: Option<BBox>,
}

/// One table row, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// 1-based page of the row.
    pub page: u32,
    /// Texts of cells that span into this row from a row above (group labels such as
    /// 三、本年度办理结果 or （三）不予公开).
    pub context: Vec<String>,
    /// The row's own cells, left to right (a cell spanning several columns appears once).
    pub cells: Vec<RowCell>,
    /// Whether the document separated the cells itself (a grid) or we split a line of text.
    pub from_grid: bool,
}

/// An item of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Line {
        text: String,
        page: u32,
        spans: Vec<Span>,
        bbox: Option<BBox>,
    },
    Row(Row),
}

/// Flatten a document into items.
pub fn flatten(doc: &Document) -> Vec<Item> {
    let mut items = Vec::new();
    for page in &doc.pages {
        for block in &page.blocks {
            match block {
                Block::Line(line) if line.spans.is_empty() && is_long(&line.text) => {
                    // A body saved on one line: the lines the page showed.
                    for text in crate::linear::unfold(&fold(&line.text)) {
                        items.push(Item::Line {
                            text,
                            page: page.number,
                            spans: Vec::new(),
                            bbox: None,
                        });
                    }
                }
                Block::Line(line) => items.push(Item::Line {
                    text: fold(&line.text),
                    page: page.number,
                    spans: line
                        .spans
                        .iter()
                        .map(|s| Span {
                            text: fold(&s.text),
                            bbox: s.bbox,
                        })
                        .collect(),
                    bbox: line.bbox,
                }),
                Block::Grid(grid) => grid_rows(grid, page.number, doc.has_positions(), &mut items),
            }
        }
    }
    items
}

/// Text as read, with CJK radical code points folded to the ideographs they stand for (PDF
/// fonts often map 人民 to ⼈⺠).
fn fold(s: &str) -> String {
    xxgk_model::text::fold_radicals(s).into_owned()
}

fn is_long(text: &str) -> bool {
    text.len() >= crate::linear::LONG_LINE && text.chars().count() >= crate::linear::LONG_LINE
}

fn grid_rows(grid: &Grid, page: u32, geometry: bool, items: &mut Vec<Item>) {
    for (r, cells) in grid.rows.iter().enumerate() {
        let mut row = Row {
            page,
            from_grid: true,
            ..Row::default()
        };
        for (c, cell) in cells.iter().enumerate() {
            match cell.covered_by {
                Some((or, oc)) if (or, oc) != (r, c) => {
                    if or < r {
                        // A span from a row above: its text is context, once per origin.
                        let text = fold(grid.text_at(or, oc));
                        if !text.trim().is_empty() && !row.context.contains(&text) {
                            row.context.push(text);
                        }
                    }
                }
                _ => row.cells.push(RowCell {
                    text: fold(&cell.text),
                    page: geometry.then_some(page),
                    bbox: if geometry { cell.bbox } else { None },
                }),
            }
        }
        items.push(Item::Row(row));
    }
}

/// Split a line of text into a row: runs of label text and single value tokens.
/// Used for table lines that no grid covered (aligned text, borderless tables).
pub fn line_row(text: &str, spans: &[Span], page: u32, geometry: bool) -> Row {
    let mut row = Row {
        page,
        from_grid: false,
        ..Row::default()
    };
    let pieces: Vec<(String, Option<BBox>)> = if geometry && !spans.is_empty() {
        spans
            .iter()
            .flat_map(|s| {
                // A span may hold several tokens separated by single spaces.
                s.text
                    .split_whitespace()
                    .map(move |t| (t.to_string(), Some(s.bbox)))
            })
            .collect()
    } else {
        text.split_whitespace()
            .map(|t| (t.to_string(), None))
            .collect()
    };
    for (tok, bbox) in pieces {
        let is_value = xxgk_model::text::classify_value(&tok).is_some();
        match row.cells.last_mut() {
            Some(last) if !is_value && is_label_text(&last.text) => {
                last.text.push(' ');
                last.text.push_str(&tok);
                if let (Some(a), Some(b)) = (last.bbox, bbox) {
                    last.bbox = Some(a.union(&b));
                }
            }
            _ => row.cells.push(RowCell {
                text: tok,
                page: geometry.then_some(page),
                bbox,
            }),
        }
    }
    row
}
