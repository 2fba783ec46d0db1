//! OCR of scanned pages: image → deskewed pixels → rulings and Tesseract word boxes → the same
//! [`Page`] of lines, segments and grids that the PDF text path builds.
//!
//! Steps per page ([`read_page`]):
//! 1. a bilevel scan softened (3 × 3 box blur); threshold (Otsu) and skew (row-profile search within ±3°), then turn the image upright;
//! 2. rulings from ink run lengths ([`crate::image::ops::rulings`]) → `Segment`s in points;
//! 3. rulings erased, one Tesseract run over the page (`chi_sim`, psm 4) → words → lines of
//!    spans in points;
//! 4. [`crate::layout::build_grids`], exactly as for a PDF with a text layer;
//! 5. every number cell of a grid is read again, twice (grey as scanned; enlarged and
//!    bilevel), each time all of a page's cells in one Tesseract run over a strip of cell crops
//!    with a digits whitelist ([`cells`]); a cell whose readings disagree keeps them all,
//!    marked, and the parser reports it `uncertain`; readings that agree are recorded
//!    (`OcrReading::agreed`) to confirm numbers no sum rule covers; the disputed cells alone
//!    are read a third time (enlarged further, stretched to full contrast; one more strip) and,
//!    when still without a digit, once more each alone (specks dropped, psm 7): those readings
//!    are only more candidates behind the mark, for the sum rules to choose from;
//! 6. every grid cell with Chinese is read again the same way, one `chi_sim` run per page
//!    (`labels`), so that row labels come out clean for the parser's label match.
//!
//! Pages without rulings get no cell pass: their words go to the borderless layout as lines.
//!
//! ## Entry points (stable)
//!
//! - [`add_page`]`(doc: &mut Document, img: Result<Gray, String>, frame: &Frame) -> bool`: the
//!   entry for any source of page images (PDF scans; pictures of HTML, DOCX, MHT): OCR one
//!   decoded grey image placed on its page by `frame` (page number, page size and the image's
//!   box in points) and append the page, and its cells' Tesseract confidences
//!   (`Document::ocr_readings`), to `doc`. A page that cannot be read is appended empty, the
//!   reason in `doc.notes`; returns whether it was read. Call [`tesseract::check`] first and
//!   push [`OCR_NOTE`] to `doc.notes` (the batch pipeline verifies OCR'd numbers by it).
//!
//! A PDF without a text layer comes here through [`crate::pdf::scanned`], every page's scan
//! through [`add_page`] (the PDF reader depends on OCR, never the other way round).

pub mod cache;
pub mod cells;
mod labels;
mod lost_rows;
mod roles;
mod strip;
pub mod tesseract;

use crate::image::ops::{self, Ink, Rule};
use crate::image::Gray;
use xxgk_model::{
    schema, BBox, Block, Document, Line, OcrReading, Page, Segment, SegmentKind, Span,
};

/// The note every OCR'd document carries (the parser and readers may look for it).
pub const OCR_NOTE: &str = "text read by OCR (Tesseract chi_sim) from scanned page images";

/// The prefix of a grid cell's text whose OCR readings disagree. No letters: the cell must
/// still count as a value field, not as label text.
pub const DISAGREE_MARK: &str = "?";

/// Scans coarser than this are not read: Chinese at 10 pt is then a few pixels high and the
/// readings would be guesses.
pub const MIN_DPI: u32 = 120;

/// Where a page image lies on its page.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub number: u32,
    /// Page size in points.
    pub width: f64,
    pub height: f64,
    /// The image's box on the page, in points.
    pub bbox: BBox,
}

impl Frame {
    /// The frame of the page turned clockwise by `quarters` quarter turns (a landscape page
    /// read upright): its size and the image's box on it.
    fn turned(&self, quarters: u8) -> Frame {
        let (w, h, b) = (self.width, self.height, self.bbox);
        let (width, height, bbox) = match quarters % 4 {
            1 => (h, w, BBox::new(h - b.y1, b.x0, h - b.y0, b.x1)),
            2 => (w, h, BBox::new(w - b.x1, h - b.y1, w - b.x0, h - b.y0)),
            3 => (h, w, BBox::new(b.y0, w - b.x1, b.y1, w - b.x0)),
            _ => (w, h, b),
        };
        Frame {
            number: self.number,
            width,
            height,
            bbox,
        }
    }
}

/// Pixel ↔ point mapping of one page image.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub x0: f64,
    pub y0: f64,
    /// Points per pixel.
    pub sx: f64,
    pub sy: f64,
}

impl Scale {
    fn of(frame: &Frame, img: &Gray) -> Scale {
        Scale {
            x0: frame.bbox.x0,
            y0: frame.bbox.y0,
            sx: frame.bbox.width() / img.width.max(1) as f64,
            sy: frame.bbox.height() / img.height.max(1) as f64,
        }
    }

    pub fn to_points(self, x0: usize, y0: usize, x1: usize, y1: usize) -> BBox {
        BBox::new(
            self.x0 + x0 as f64 * self.sx,
            self.y0 + y0 as f64 * self.sy,
            self.x0 + x1 as f64 * self.sx,
            self.y0 + y1 as f64 * self.sy,
        )
    }

    /// A box in points → pixels (clamped at 0).
    pub fn to_pixels(self, b: &BBox) -> (usize, usize, usize, usize) {
        let px = |v: f64, o: f64, s: f64| ((v - o) / s).max(0.0).round() as usize;
        (
            px(b.x0, self.x0, self.sx),
            px(b.y0, self.y0, self.sy),
            px(b.x1, self.x0, self.sx),
            px(b.y1, self.y0, self.sy),
        )
    }

    /// Pixels per inch.
    pub fn dpi(self) -> u32 {
        (72.0 / self.sx.max(1e-6)).round().clamp(1.0, 10_000.0) as u32
    }
}

/// OCR one page image into a page with lines, segments and grids, and the confidence of each
/// grid cell's reading.
pub fn read_page(img: &Gray, frame: &Frame) -> Result<(Page, Vec<OcrReading>), String> {
    read_page_turnable(img, frame, true).map(|read| (read.page, read.readings))
}

/// One page read by OCR, and how many words its page pass read surely.
struct PageRead {
    page: Page,
    readings: Vec<OcrReading>,
    sure_words: usize,
}

/// Fewest words with a letter, ideograph or digit that the page pass reads surely (confidence
/// [`SURE_WORD`] or more) from a page printed upright: a table page gives 200 or more; a page
/// on its side none to five (what it reads there is noise). Below it, Tesseract is asked which
/// way the page is turned.
const FEW_WORDS: usize = 20;
/// Fewest pairs of the template's vocabulary ([`xxgk_model::Schema::vocabulary_pairs`]) the page pass
/// reads from a report page printed upright: a prose page gives 15 or more, a table page over
/// 100; a page upside down none (it reads as confident wrong ideographs, often more than
/// [`FEW_WORDS`] of them). Below it, Tesseract is asked which way the page is turned.
const FEW_PAIRS: usize = 3;
/// Confidence (0–100) of a word read surely.
const SURE_WORD: f32 = 80.0;

/// [`read_page`]; a page that reads as almost no words, or as none of the template's words,
/// and that Tesseract's orientation detection finds turned (a landscape table scanned
/// sideways, a page fed upside down) is read again
/// turned upright, once, on the frame of the page turned the same way — and kept only when the
/// turned page reads more sure words (a picture with little text may fool the detection).
fn read_page_turnable(img: &Gray, frame: &Frame, may_turn: bool) -> Result<PageRead, String> {
    let original = img;
    let skew = ops::skew_degrees(img, ops::otsu(img).clamp(100, 200), 3.0);
    let dpi = Scale::of(frame, img).dpi();
    if dpi < MIN_DPI {
        return Err(format!(
            "the scan has {dpi} dpi, below the {MIN_DPI} dpi OCR reads reliably"
        ));
    }
    let softened;
    let img = if ops::is_bilevel(img) {
        softened = ops::box_blur(img);
        &softened
    } else {
        img
    };
    let upright = ops::rotate(img, -skew);
    // After the turn a bilevel scan has grey edges: a threshold near the middle keeps thin
    // rulings whole.
    let threshold = ops::otsu(&upright).clamp(100, 200);
    let scale = Scale::of(frame, &upright);
    let dpi = scale.dpi() as usize;
    // Thin rulings come out light grey after blur and JPEG: they are looked for with a lighter
    // threshold than text (only long runs count, so paper noise does not).
    // A tinted heading band is not ink: the ruling threshold stays below its grey.
    let mut rule_threshold = threshold.saturating_add(50).min(215);
    if let Some(shade) = ops::shade_level(&upright, threshold) {
        rule_threshold = rule_threshold.min(shade.saturating_sub(10)).max(threshold);
    }
    let ink = Ink::of(&upright, rule_threshold);
    let mut rules: Vec<Rule> = ops::rulings(
        &ink,
        dpi / 2,
        dpi * 3 / 10,
        (dpi / 75).max(2),
        (dpi / 25).max(3),
    );
    let mut clean = upright.clone();
    ops::erase(&mut clean, &rules);
    let words = page_words(&clean, dpi)?;
    let readable = words
        .iter()
        .filter(|w| w.conf >= SURE_WORD && w.text.chars().any(char::is_alphanumeric))
        .count();
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    let pairs = schema().vocabulary_pairs(&text);
    if may_turn && (readable < FEW_WORDS || pairs < FEW_PAIRS) {
        if let Some(quarters) = tesseract::quarter_turns(&clean, dpi as u32) {
            let turned = ops::turn_quarters(original, quarters);
            match read_page_turnable(&turned, &frame.turned(quarters), false) {
                Ok(read) if read.sure_words > readable => return Ok(read),
                _ => {}
            }
        }
    }
    // The ink of the page without its rulings: where a table lost its rows and where the
    // digits passes crop their cells (none without rulings: no grid to read).
    let clean_ink = (!rules.is_empty()).then(|| Ink::of(&clean, threshold));
    if let Some(clean_ink) = &clean_ink {
        // A table that kept its columns but lost its rows' hairlines gets rows from its ink.
        rules.extend(lost_rows::lost_row_rules(clean_ink, &rules, dpi));
    }
    let mut page = Page {
        number: frame.number,
        width: frame.width,
        height: frame.height,
        blocks: lines_of(&words, scale)
            .into_iter()
            .map(Block::Line)
            .collect(),
        segments: rules.iter().map(|r| segment(r, scale)).collect(),
        glyphs: words.iter().map(|w| w.text.chars().count()).sum(),
        unknown_glyphs: 0,
    };
    crate::layout::build_grids(&mut page);
    let mut readings = Vec::new();
    if let Some(clean_ink) = &clean_ink {
        // Roles come from the page pass's text, before either pass changes it.
        let roles: Vec<Vec<Vec<roles::Role>>> = page
            .blocks
            .iter()
            .map(|b| match b {
                Block::Grid(g) => roles::roles(g),
                _ => Vec::new(),
            })
            .collect();
        readings = cells::reread_numbers(&mut page, &roles, &clean, clean_ink, threshold, scale)?;
        labels::reread_labels(&mut page, &roles, &clean, scale)?;
    }
    Ok(PageRead {
        page,
        readings,
        sure_words: readable,
    })
}

/// OCR one page image and append it to `doc` (see the module's entry points). An image that
/// could not be decoded comes as `Err(why)`.
pub fn add_page(doc: &mut Document, img: Result<Gray, String>, frame: &Frame) -> bool {
    match img.and_then(|img| read_page(&img, frame)) {
        Ok((page, readings)) => {
            doc.ocr_pages.push(page.number);
            doc.pages.push(page);
            doc.ocr_readings.extend(readings);
            true
        }
        Err(why) => {
            doc.notes
                .push(format!("page {}: not read by OCR: {why}", frame.number));
            doc.pages.push(Page {
                number: frame.number,
                width: frame.width,
                height: frame.height,
                ..Page::default()
            });
            false
        }
    }
}

/// The page pass: one `chi_sim` run over the whole page, word boxes in the image's pixels.
/// (Enlarging small print twice before it was tried and read worse: rows came apart.)
fn page_words(clean: &Gray, dpi: usize) -> Result<Vec<tesseract::Word>, String> {
    tesseract::words(
        clean,
        tesseract::Run {
            psm: 4,
            lang: "chi_sim",
            whitelist: None,
            dpi: dpi as u32,
        },
    )
}

fn segment(r: &Rule, s: Scale) -> Segment {
    let mid = (r.across.0 + r.across.1) as f64 / 2.0;
    if r.horizontal {
        let y = s.y0 + mid * s.sy;
        Segment {
            x0: s.x0 + r.along.0 as f64 * s.sx,
            y0: y,
            x1: s.x0 + r.along.1 as f64 * s.sx,
            y1: y,
            kind: SegmentKind::Horizontal,
        }
    } else {
        let x = s.x0 + mid * s.sx;
        Segment {
            x0: x,
            y0: s.y0 + r.along.0 as f64 * s.sy,
            x1: x,
            y1: s.y0 + r.along.1 as f64 * s.sy,
            kind: SegmentKind::Vertical,
        }
    }
}

/// Tesseract's lines → lines of spans: words closer than most of a character's height join one
/// span (Chinese comes one character a word), wider gaps start a new span.
fn lines_of(words: &[tesseract::Word], s: Scale) -> Vec<Line> {
    let mut groups: Vec<Vec<&tesseract::Word>> = Vec::new();
    for w in words {
        match groups.last_mut() {
            Some(g) if g[0].line_key == w.line_key => g.push(w),
            _ => groups.push(vec![w]),
        }
    }
    let mut lines: Vec<Line> = groups
        .into_iter()
        .filter_map(|mut g| {
            g.sort_by_key(|w| w.left);
            let mut heights: Vec<u32> = g.iter().map(|w| w.height).collect();
            heights.sort_unstable();
            let h = heights[heights.len() / 2].max(1) as usize;
            let mut spans: Vec<Span> = Vec::new();
            let mut last_right = 0usize;
            for w in g {
                let (x0, y0) = (w.left as usize, w.top as usize);
                let (x1, y1) = (x0 + w.width as usize, y0 + w.height as usize);
                let bbox = s.to_points(x0, y0, x1, y1);
                match spans.last_mut() {
                    Some(span) if x0 < last_right + h * 7 / 10 => {
                        span.text.push_str(&w.text);
                        span.bbox = span.bbox.union(&bbox);
                    }
                    _ => spans.push(Span {
                        text: w.text.clone(),
                        bbox,
                    }),
                }
                last_right = last_right.max(x1);
            }
            let size = h as f64 * s.sy;
            Line::from_spans(spans, size)
        })
        .collect();
    lines.sort_by(|a, b| {
        let ya = a.bbox.map_or(0.0, |b| b.y0);
        let yb = b.bbox.map_or(0.0, |b| b.y0);
        ya.total_cmp(&yb)
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_turned_frame_puts_the_image_where_the_turned_page_shows_it() {
        // A portrait page of 600 × 800 points, the image over its left 300 × 400 top quarter.
        let frame = Frame {
            number: 4,
            width: 600.0,
            height: 800.0,
            bbox: BBox::new(0.0, 0.0, 300.0, 400.0),
        };
        // Turned clockwise the page is 800 × 600 and the quarter is at its top right.
        let cw = frame.turned(1);
        assert_eq!((cw.width, cw.height), (800.0, 600.0));
        assert_eq!(cw.bbox, BBox::new(400.0, 0.0, 800.0, 300.0));
        let half = frame.turned(2);
        assert_eq!(half.bbox, BBox::new(300.0, 400.0, 600.0, 800.0));
        let ccw = frame.turned(3);
        assert_eq!(ccw.bbox, BBox::new(0.0, 300.0, 400.0, 600.0));
        assert_eq!(frame.turned(4).bbox, frame.bbox);
    }
}
