//! The one intermediate representation between ingest and parser.
//!
//! Every input format becomes a [`Document`]: pages, each a list of [`Block`]s, where a block is
//! a [`Line`] (text with a bounding box) or a [`Grid`] (rows × columns of cells, each with text,
//! span and bounding box). The parser sees only this; a new input format is a new module in
//! ingest and nothing else.

use crate::cell::BBox;
use serde::{Deserialize, Serialize};

/// The input format, as detected from the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Html,
    Txt,
    Docx,
    /// Word 97–2003 binary (.doc, DOC-format .wps).
    Doc,
    /// OpenDocument text (.odt).
    Odt,
    /// Rich Text Format.
    Rtf,
    /// A spreadsheet: .xls, .xlsx, .ods, .et.
    Sheet,
    /// A saved web page archive (.mht, .mhtml).
    Mht,
    /// A zip archive (its members are read as reports of their own).
    Zip,
    /// An OFD document (GB/T 33190, a zip whose root holds `OFD.xml`): recognised, not read.
    Ofd,
    Unknown,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Sheet => "sheet",
            Format::Mht => "mht",
            Format::Zip => "zip",
            Format::Ofd => "ofd",
            Format::Unknown => "",
        }
    }

    pub fn parse(s: &str) -> Format {
        match s {
            "pdf" => Format::Pdf,
            "html" => Format::Html,
            "txt" => Format::Txt,
            "docx" => Format::Docx,
            "doc" => Format::Doc,
            "odt" => Format::Odt,
            "rtf" => Format::Rtf,
            "sheet" => Format::Sheet,
            "mht" => Format::Mht,
            "zip" => Format::Zip,
            "ofd" => Format::Ofd,
            _ => Format::Unknown,
        }
    }
}

/// A whole input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: Format,
    pub pages: Vec<Page>,
    /// A title given by the container (HTML `<title>`, DOCX core properties, PDF `/Title`), if any.
    pub title_hint: Option<String>,
    /// Things the reader noticed that a person may want to know (e.g. "page 3: 40% unknown glyphs").
    pub notes: Vec<String>,
    /// What a crawler's metadata block said about the page (`标题: … / 发布时间: … / 原文链接: …`):
    /// hints, never body text.
    #[serde(default)]
    pub source: SourceHints,
    /// Tesseract's confidence in the text of each grid cell read by OCR (empty for documents
    /// with a text layer).
    #[serde(default)]
    pub ocr_readings: Vec<OcrReading>,
    /// The pages whose text OCR read (a scan's page, a picture made a page): their numbers are
    /// reported only when the sum rules confirm them (docs/design-ocr.md). The other pages of
    /// the same document (a text layer) are trusted as printed.
    #[serde(default)]
    pub ocr_pages: Vec<u32>,
}

/// One grid cell's OCR reading: where, and how sure Tesseract was (its lowest word confidence).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OcrReading {
    pub page: u32,
    pub bbox: BBox,
    /// 0–100.
    pub confidence: f32,
    /// Two readings under different preprocessing (grey as scanned; enlarged and bilevel)
    /// gave the same text, each with confidence ≥ 50: the evidence that confirms a number no
    /// sum rule covers (docs/design-ocr.md, "Confirmation by agreement").
    #[serde(default)]
    pub agreed: bool,
}

/// A crawler's metadata block before the body of a text dump.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceHints {
    /// `标题:` / `title:` as the crawler recorded it.
    pub title: Option<String>,
    /// `发布时间:` / `date:` as printed.
    pub published: Option<String>,
    /// `原文链接:` / `url:`.
    pub url: Option<String>,
}

impl Document {
    pub fn new(format: Format) -> Document {
        Document {
            format,
            pages: Vec::new(),
            title_hint: None,
            notes: Vec::new(),
            ocr_readings: Vec::new(),
            ocr_pages: Vec::new(),
            source: SourceHints::default(),
        }
    }

    /// Lines and grid cells carry page coordinates from a real layout (x, y, gaps mean
    /// something), not just an order. Readers of flowing formats (HTML, DOCX, text) give
    /// positions that only number the lines; the PDF reader's are a layout, and so are the
    /// pages OCR made of pictures (a DOCX or web page whose tables are images).
    pub fn has_positions(&self) -> bool {
        self.format == Format::Pdf || !self.ocr_readings.is_empty()
    }

    /// Every grid of the document, in reading order.
    pub fn grids(&self) -> impl Iterator<Item = &Grid> {
        self.pages
            .iter()
            .flat_map(|p| &p.blocks)
            .filter_map(|b| match b {
                Block::Grid(g) => Some(g),
                Block::Line(_) => None,
            })
    }

    /// Number of pages for paged formats (PDF), `None` otherwise.
    pub fn page_count(&self) -> Option<u32> {
        (self.format == Format::Pdf).then_some(self.pages.len() as u32)
    }
}

/// One page (PDF) or the whole flow (other formats: a single page numbered 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    /// Size in points after rotation (0 when the format has no geometry).
    pub width: f64,
    pub height: f64,
    /// In reading order: top to bottom.
    pub blocks: Vec<Block>,
    /// Ruling segments and rectangles drawn on the page (PDF only), top-left origin.
    pub segments: Vec<Segment>,
    /// Number of glyphs shown, and of those without a known Unicode value (PDF only).
    pub glyphs: usize,
    pub unknown_glyphs: usize,
}

/// A block of a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Line(Line),
    Grid(Grid),
}

/// A line of text. In a PDF: glyphs sharing a baseline and size; elsewhere: a paragraph or a
/// line of a text file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Line {
    pub text: String,
    pub bbox: Option<BBox>,
    /// Runs of glyphs without a real gap between them (PDF); empty for formats without geometry.
    /// Joining the spans' text with single spaces gives `text`.
    pub spans: Vec<Span>,
    /// Font size in points (PDF), 0 otherwise.
    pub size: f64,
    /// Text input only: a blank line came before this line (a paragraph break; pdfminer.six
    /// writes one after every text box). Readers other than `parser::boxes` ignore it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_break: bool,
}

impl Line {
    /// A positioned line made of its spans (text: the spans joined by single spaces; box: their
    /// union). `None` without spans.
    pub fn from_spans(spans: Vec<Span>, size: f64) -> Option<Line> {
        let first = spans.first()?;
        let bbox = spans.iter().fold(first.bbox, |acc, s| acc.union(&s.bbox));
        let text = spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Some(Line {
            text,
            bbox: Some(bbox),
            spans,
            size,
            after_break: false,
        })
    }

    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            ..Line::default()
        }
    }
}

/// A run of glyphs with no real gap inside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub bbox: BBox,
}

/// A table: fully expanded rows × columns. A cell spanning several positions appears once as an
/// origin (with `row_span`/`col_span` > 1) and the positions it covers hold cells with
/// `covered_by` set to the origin's `(row, col)` and empty text. Rows may have different lengths
/// when the source is irregular (tab-separated text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
    pub bbox: Option<BBox>,
}

impl Grid {
    /// A grid from rows of slots as a span expansion fills them: empty slots become empty
    /// cells and every row is padded to the widest.
    pub fn from_slots(rows: Vec<Vec<Option<GridCell>>>) -> Grid {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let rows = rows
            .into_iter()
            .map(|row| {
                let mut row: Vec<GridCell> = row
                    .into_iter()
                    .map(|c| c.unwrap_or_else(|| GridCell::text("")))
                    .collect();
                row.resize(width, GridCell::text(""));
                row
            })
            .collect();
        Grid { rows, bbox: None }
    }

    /// A grid of plain cells, one text per position and no spans; rows keep their lengths.
    pub fn from_texts(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| GridCell::text(*t)).collect())
                .collect(),
            bbox: None,
        }
    }

    /// Put `cell` at `(r, c)` of rows of slots and mark the other positions of its span
    /// (`row_span` × `col_span`, clipped to the rows given) covered by it. Rows grow to fit;
    /// a slot already filled (by a span from a row above) keeps what it has. The one place
    /// spans are expanded for readers that get them as attributes (HTML, DOCX).
    pub fn place_span(slots: &mut [Vec<Option<GridCell>>], r: usize, c: usize, cell: GridCell) {
        let (rows, cols) = (cell.row_span.max(1) as usize, cell.col_span.max(1) as usize);
        let mut origin = Some(cell);
        for (dr, row) in slots.iter_mut().skip(r).take(rows).enumerate() {
            if row.len() < c + cols {
                row.resize(c + cols, None);
            }
            for (dc, slot) in row.iter_mut().skip(c).take(cols).enumerate() {
                if slot.is_some() {
                    continue;
                }
                *slot = Some(match (dr, dc) {
                    (0, 0) => origin.take().unwrap_or_else(|| GridCell::text("")),
                    _ => GridCell::covered((r, c)),
                });
            }
        }
    }

    /// The text at `(r, c)`, following a span back to its origin.
    pub fn text_at(&self, r: usize, c: usize) -> &str {
        let Some(cell) = self.rows.get(r).and_then(|row| row.get(c)) else {
            return "";
        };
        match cell.covered_by {
            Some((or, oc)) if (or, oc) != (r, c) => self
                .rows
                .get(or)
                .and_then(|row| row.get(oc))
                .map(|c| c.text.as_str())
                .unwrap_or(""),
            _ => cell.text.as_str(),
        }
    }
}

/// One cell of a grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    pub text: String,
    pub row_span: u32,
    pub col_span: u32,
    pub bbox: Option<BBox>,
    /// Set on positions covered by another cell's span: that cell's `(row, col)`.
    pub covered_by: Option<(usize, usize)>,
}

impl GridCell {
    pub fn text(text: impl Into<String>) -> GridCell {
        GridCell {
            text: text.into(),
            row_span: 1,
            col_span: 1,
            bbox: None,
            covered_by: None,
        }
    }

    /// A position covered by the span of the cell at `origin` (row, column).
    pub fn covered(origin: (usize, usize)) -> GridCell {
        GridCell {
            covered_by: Some(origin),
            ..GridCell::text("")
        }
    }

    pub fn is_covered(&self) -> bool {
        self.covered_by.is_some()
    }
}

/// A ruling drawn on a PDF page, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub kind: SegmentKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    /// A horizontal stroked (or thin filled) line.
    Horizontal,
    /// A vertical stroked (or thin filled) line.
    Vertical,
    /// A rectangle (filled, stroked or used as a clip), e.g. one table cell in WPS output.
    Rect,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_placed_once_and_covered_positions_point_home() {
        let mut slots: Vec<Vec<Option<GridCell>>> = vec![Vec::new(); 3];
        let mut big = GridCell::text("合计");
        (big.row_span, big.col_span) = (2, 2);
        Grid::place_span(&mut slots, 0, 0, big);
        Grid::place_span(&mut slots, 0, 2, GridCell::text("a"));
        // Row 1 starts under the span: its first free slot is column 2.
        Grid::place_span(&mut slots, 1, 2, GridCell::text("b"));
        // A span reaching past the last row is clipped.
        let mut tall = GridCell::text("c");
        tall.row_span = 5;
        Grid::place_span(&mut slots, 2, 1, tall);
        let g = Grid::from_slots(slots);
        let text: Vec<Vec<String>> = g
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| match c.covered_by {
                        Some((r, c)) => format!("^{r}{c}"),
                        None => c.text.clone(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            text,
            [["合计", "^00", "a"], ["^00", "^00", "b"], ["", "c", ""],]
        );
        assert_eq!((g.rows[0][0].row_span, g.rows[0][0].col_span), (2, 2));
    }
}
