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
    if t.is_empty()
        || xxgk_model::text::classify_value(t).is_some()
        || xxgk_model::text::lookalike_digit(t).is_some()
    {
        return false;
    }
    t.chars().any(|c| c.is_alphabetic())
        || is_bare_enumerator(t)
        || is_label_marks(t)
        || is_label_pieces(t)
}

/// Several label pieces in one field (`（ 1.`: a group column's bracket beside a row's
/// enumerator, which a converter spaced too closely to cut apart): text, not a value.
fn is_label_pieces(t: &str) -> bool {
    let mut words = t.split_whitespace().peekable();
    words.peek().is_some()
        && t.split_whitespace().count() > 1
        && words.all(|w| is_bare_enumerator(w) || is_label_marks(w))
}

/// Quotation marks and brackets alone (`”`, `（`): a label's piece where a narrow column
/// wrapped it (`3.危` / `及“` / `三安` / `全一` / `稳定` / `”`), never a value.
fn is_label_marks(t: &str) -> bool {
    t.chars()
        .all(|c| "“”‘’\"'「」『』《》〈〉【】（）()".contains(c))
}

/// A row enumerator on its own (`2、`, `3．`), a label's first piece where a narrow column
/// wrapped the label: text, not a value.
/// A row's enumerator and its first value in one field (`8. 10`: a converter's grid cell that
/// took both, its label set vertically below): the enumerator and the digits.
pub fn enumerator_and_value(text: &str) -> Option<(&str, &str)> {
    let (head, digits) = text.trim().rsplit_once(char::is_whitespace)?;
    let head = head.trim();
    let number = (1..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    (number && is_bare_enumerator(head)).then_some((head, digits))
}

/// The numbers of a field that holds several columns' numbers (`7 0`: a converter's grid that
/// merged two columns), each a run of at most 12 digits; `None` for any other field.
pub fn merged_numbers(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let digits = |p: &&str| (1..=12).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    (parts.len() > 1 && parts.iter().all(digits)).then_some(parts)
}

fn is_bare_enumerator(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest: String = t.chars().skip(digits).collect();
    (1..=2).contains(&digits) && matches!(rest.as_str(), "、" | "." | "．")
}

/// One cell of a table row as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RowCell {
    pub text: String,
    pub page: Option<u32>,
    pub bbox: Option<BBox>,
}

/// Where a cell of aligned text sits on its line, in characters and in display columns (CJK
/// two wide): a converter lays text out by one of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSpan {
    pub chars: (f64, f64),
    pub width: (f64, f64),
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
    /// Whether an empty cell of this row was printed as an empty cell (a grid of HTML, DOCX,
    /// a spreadsheet or a PDF page), not merely a place where a text converter wrote nothing.
    pub printed_blanks: bool,
    /// Whether the row's cells are known not to be the table's columns (a grid whose label
    /// cells hold values: see [`cells_not_columns`]): an empty cell then says nothing.
    pub blanks_unknown: bool,
    /// A line of a whole row's values that a reader before the row reader found after label
    /// lines and could not match to them (`detached::attach`). Only the row reader sees it:
    /// as a second value line under a wrapped label, and among the value lines read column by
    /// column between two anchors; it is never placed by its position.
    pub unmatched: bool,
    /// Where each cell sits on its line of aligned text (`pdftotext -layout`): its span in
    /// characters and in display columns, parallel to `cells`; empty for other rows. Text
    /// positions, kept apart from `RowCell::bbox` (page coordinates of located cells).
    pub text_spans: Vec<Option<TextSpan>>,
}

impl Row {
    /// Whether the row is aligned text (`pdftotext -layout`, PyMuPDF: its cells have text
    /// positions) rather than a grid that printed its cells or fields a separator delimits.
    pub fn is_aligned_text(&self) -> bool {
        !self.printed_blanks && self.text_spans.iter().any(Option::is_some)
    }

    /// Whether the row is a line of a page split at its gaps (a PDF's text without a grid):
    /// its cells have page positions, and an empty cell is a place where nothing is printed.
    pub fn is_placed_line(&self) -> bool {
        !self.from_grid && !self.printed_blanks && self.cells.iter().any(|c| c.bbox.is_some())
    }
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
                Block::Grid(grid) => grid_rows(
                    grid,
                    page.number,
                    doc.has_positions(),
                    doc.format != xxgk_model::Format::Txt,
                    &mut items,
                ),
            }
        }
    }
    join_enumerators_apart(&mut items);
    items
}

/// A row's enumerator written on a line of its own, its mark starting the next line (pdfium's
/// text: `1` / `.` / `属于国家秘密`, `2` / `.其他法律…`): the number joins the mark, so it is
/// read as the label's start, never as a value. Only a number of one or two digits, before a
/// mark that is alone on its line or followed by an ideograph (never a decimal's `.5`).
fn join_enumerators_apart(items: &mut Vec<Item>) {
    fn text_of(item: Option<&Item>) -> Option<&str> {
        match item {
            Some(Item::Line { text, spans, .. }) if spans.is_empty() => Some(text.trim()),
            _ => None,
        }
    }
    let starts_han = |t: &str| t.chars().next().is_some_and(xxgk_model::text::is_han);
    let mut i = 0;
    while i + 1 < items.len() {
        let joined = match (text_of(items.get(i)), text_of(items.get(i + 1))) {
            (Some(number), Some(next))
                if (1..=2).contains(&number.len())
                    && number.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let after_mark = next.strip_prefix(['.', '．', '、']).is_some_and(|rest| {
                    let rest = rest.trim_start();
                    if rest.is_empty() {
                        text_of(items.get(i + 2)).is_some_and(starts_han)
                    } else {
                        starts_han(rest)
                    }
                });
                after_mark.then(|| format!("{number}{next}"))
            }
            _ => None,
        };
        if let Some(joined) = joined {
            if let Some(Item::Line { text, .. }) = items.get_mut(i) {
                *text = joined;
            }
            items.remove(i + 1);
        }
        i += 1;
    }
}

/// Text as read, with CJK radical code points folded to the ideographs they stand for (PDF
/// fonts often map 人民 to ⼈⺠).
fn fold(s: &str) -> String {
    xxgk_model::text::fold_printed(s).into_owned()
}

fn is_long(text: &str) -> bool {
    text.len() >= crate::linear::LONG_LINE && text.chars().count() >= crate::linear::LONG_LINE
}

fn grid_rows(grid: &Grid, page: u32, geometry: bool, printed: bool, items: &mut Vec<Item>) {
    let inferred = if geometry { None } else { infer_spans(grid) };
    let grid = inferred.as_ref().unwrap_or(grid);
    let blanks_unknown = cells_not_columns(grid);
    for (r, cells) in grid.rows.iter().enumerate() {
        let mut row = Row {
            page,
            from_grid: true,
            printed_blanks: (printed || geometry) && !blanks_unknown,
            blanks_unknown,
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
                _ => {
                    row.cells.push(RowCell {
                        text: fold(&cell.text),
                        page: geometry.then_some(page),
                        bbox: if geometry { cell.bbox } else { None },
                    });
                    if !geometry {
                        row.text_spans.push(cell.bbox.map(|b| TextSpan {
                            chars: (b.x0, b.x1),
                            width: (b.y0, b.y1),
                        }));
                    }
                }
            }
        }
        items.push(Item::Row(row));
    }
}

/// Whether a grid's cells are not the table's columns: some cell holds a row's label and its
/// values together (`规章 1 0`, `（一）予以公开 1288 21 0 0 50`). Calc prints a sheet without
/// rulings, and the rectangles the reader takes for cells are its print areas, cut where the
/// page ends; the values of the columns past the edge are on later pages, so the empty cells
/// beside such a label are no blanks.
fn cells_not_columns(grid: &Grid) -> bool {
    grid.rows
        .iter()
        .flatten()
        .any(|c| c.covered_by.is_none() && crate::rows::label_then_values(&c.text))
}

/// A grid without span information (a Markdown pipe table) where the converter wrote a merged
/// cell's text into every slot it covers (python-docx's `row.cells`), with those spans put
/// back as `covered_by`:
/// - across: a header row (label text only) whose adjacent slots repeat one text marks them as
///   one merged column for the rows below it, until the next header row; a row whose cells in
///   such a run all repeat one text holds it once (a run of different texts is left alone: it
///   is not known to be one cell); adjacent equal labels in any row are one cell;
/// - down: a label cell repeating the label cell above it (三、本年度办理结果, （六）其他处理 on
///   every row of their block) is that cell's span, read as context of the row.
///
/// Values are never merged down: two equal numbers one above the other are two cells.
fn infer_spans(grid: &Grid) -> Option<Grid> {
    if grid.rows.iter().flatten().any(|c| c.covered_by.is_some()) {
        return None;
    }
    let mut out = grid.clone();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut changed = false;
    for r in 0..grid.rows.len() {
        let texts: Vec<&str> = grid.rows[r].iter().map(|c| c.text.trim()).collect();
        let label = |t: &str| is_label_text(t);
        if texts.iter().any(|t| !t.is_empty()) && texts.iter().all(|t| t.is_empty() || label(t)) {
            runs = repeated_runs(&texts);
        }
        // Adjacent equal labels in any row are one cell too (`（七）总计 | （七）总计`).
        let labels = repeated_runs(&texts)
            .into_iter()
            .filter(|&(a, _)| label(texts[a]));
        for (a, b) in runs.clone().into_iter().chain(labels) {
            if texts
                .get(a..=b)
                .is_some_and(|run| run.iter().all(|t| *t == run[0]))
            {
                for c in a + 1..=b {
                    out.rows[r][c].covered_by = Some((r, a));
                    changed = true;
                }
            }
        }
        if r == 0 {
            continue;
        }
        for (c, t) in texts.iter().enumerate() {
            let above = grid.rows[r - 1].get(c).map(|x| x.text.trim());
            if out.rows[r][c].covered_by.is_none() && label(t) && above == Some(*t) {
                // The origin of the cell above (itself, or the cell it is covered by).
                let origin = out.rows[r - 1][c].covered_by.unwrap_or((r - 1, c));
                out.rows[r][c].covered_by = Some(origin);
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// Maximal runs `(first, last)` of two or more adjacent slots holding one non-empty text.
fn repeated_runs(texts: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    while a < texts.len() {
        let mut b = a;
        while b + 1 < texts.len() && !texts[a].is_empty() && texts[b + 1] == texts[a] {
            b += 1;
        }
        if b > a {
            out.push((a, b));
        }
        a = b + 1;
    }
    out
}

/// A row of a pipe table as a text converter wrote it: the cells given, no printed blanks (a
/// test fixture shared by the readers' tests).
#[cfg(test)]
pub(crate) fn text_grid_row(cells: &[&str]) -> Row {
    Row {
        page: 1,
        cells: cells
            .iter()
            .map(|t| RowCell {
                text: t.to_string(),
                page: None,
                bbox: None,
            })
            .collect(),
        from_grid: true,
        ..Row::default()
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
    if xxgk_model::text::is_empty_cell(text) {
        // A cell the converter wrote empty (a line of `&nbsp;`): one blank cell, kept as
        // written so that the stream readers tell it from a place where nothing was written.
        row.cells.push(RowCell {
            text: xxgk_model::text::EMPTY_CELL.to_string(),
            page: geometry.then_some(page),
            bbox: None,
        });
        return row;
    }
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
        let is_value = xxgk_model::text::classify_value(&tok).is_some()
            || xxgk_model::text::lookalike_digit(&tok).is_some();
        let enumerator_apart = row.cells.len() == 1
            && row.cells[0].text.len() <= 2
            && row.cells[0].text.bytes().all(|b| b.is_ascii_digit())
            && starts_with_enumeration_mark(&tok);
        match row.cells.last_mut() {
            Some(last) if !is_value && (is_label_text(&last.text) || enumerator_apart) => {
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

/// Whether a token continues a line's first token as its enumerator: `、申请人…` after `1`
/// (html-text writes `1 、申请人无正当理由…`, the number a space apart from its mark). The
/// number is then the row's enumerator, never a value.
fn starts_with_enumeration_mark(tok: &str) -> bool {
    tok.starts_with(['、', '．', '.']) && tok.chars().nth(1).is_some_and(xxgk_model::text::is_han)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enumerator_a_space_apart_from_its_mark_is_no_value() {
        // html-text's text of LibreOffice's page of huaian-2024: the row's value follow it.
        let row = line_row(
            "1 、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 67 3 0 0 1 0 71",
            &[],
            1,
            false,
        );
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1 、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "67",
                "3",
                "0",
                "0",
                "1",
                "0",
                "71"
            ]
        );
        // A value before a label that starts with no mark stays a value.
        let row = line_row("12 申请人", &[], 1, false);
        assert_eq!(row.cells[0].text, "12");
    }

    #[test]
    fn an_enumerator_on_a_line_of_its_own_joins_its_mark() {
        // pdfium's text of the v2019 page's PDF (corpus/reports/derived/v2019-html-pdfium.txt).
        let line = |t: &str| Item::Line {
            text: t.to_string(),
            page: 1,
            spans: Vec::new(),
            bbox: None,
        };
        let mut items: Vec<Item> = ["1", ".", "属于国家秘密", "0", "2", ".其他法", "12", ".5"]
            .iter()
            .map(|t| line(t))
            .collect();
        join_enumerators_apart(&mut items);
        let texts: Vec<&str> = items
            .iter()
            .filter_map(|it| match it {
                Item::Line { text, .. } => Some(text.as_str()),
                Item::Row(_) => None,
            })
            .collect();
        // A value before an enumerator stays a value; a decimal's `.5` is no mark.
        assert_eq!(texts, ["1.", "属于国家秘密", "0", "2.其他法", "12", ".5"]);
    }

    #[test]
    fn a_bare_enumerator_is_label_text_a_number_is_not() {
        for t in ["2、", "3.", "12．", "1.属于国家秘密", "（六", "”", "）"] {
            assert!(is_label_text(t), "{t}");
        }
        for t in ["2", "67", "-1", "96171.6", "—", "123、"] {
            assert!(!is_label_text(t), "{t}");
        }
    }

    fn row_texts(items: &[Item]) -> Vec<Vec<String>> {
        items
            .iter()
            .filter_map(|it| match it {
                Item::Row(r) => Some(r.cells.iter().map(|c| c.text.clone()).collect()),
                Item::Line { .. } => None,
            })
            .collect()
    }

    #[test]
    fn merged_cells_repeated_by_a_converter_are_one_cell() {
        let grid = Grid::from_texts(&[
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"][..],
            &["规章", "0", "0", "0"],
            &[
                "信息内容",
                "本年处理决定数量",
                "本年处理决定数量",
                "本年处理决定数量",
            ],
            &["行政许可", "22657", "22657", "22657"],
            &["行政处罚", "1", "2", "2"],
        ]);
        let mut items = Vec::new();
        grid_rows(&grid, 1, false, true, &mut items);
        let rows = row_texts(&items);
        // Equal values under distinct headers stay three cells.
        assert_eq!(rows[1], ["规章", "0", "0", "0"]);
        assert_eq!(rows[2], ["信息内容", "本年处理决定数量"]);
        assert_eq!(rows[3], ["行政许可", "22657"]);
        // Different texts under the repeated header: not known to be one cell, left alone.
        assert_eq!(rows[4], ["行政处罚", "1", "2", "2"]);
    }

    #[test]
    fn a_label_repeated_down_its_block_is_context() {
        let grid = Grid::from_texts(&[
            &[
                "三、本年度办理结果",
                "（六）其他处理",
                "2.申请人逾期未按收费通知",
                "0",
                "0",
            ][..],
            &["三、本年度办理结果", "（六）其他处理", "3.其他", "2", "0"],
            &["三、本年度办理结果", "（七）总计", "（七）总计", "2", "0"],
        ]);
        let mut items = Vec::new();
        grid_rows(&grid, 1, false, true, &mut items);
        let Item::Row(row) = &items[1] else { panic!() };
        assert_eq!(row.context, ["三、本年度办理结果", "（六）其他处理"]);
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        // Equal values one above the other stay cells.
        assert_eq!(texts, ["3.其他", "2", "0"]);
        let Item::Row(row) = &items[2] else { panic!() };
        assert_eq!(row.cells[0].text, "（七）总计");
        assert_eq!(row.cells.len(), 3);
    }
}
