//! The drawing of a PDF page as xxgk read it: text spans at their boxes, grid cells with their
//! text, and the ruling segments, as compact JSON arrays for the page's script to turn into SVG.
//! No PDF renderer: what is drawn is exactly what the parser saw.

use serde::Serialize;
use xxgk_model::{Block, Page, SegmentKind};

/// At most this many text items and segments are drawn on one page (a hostile page with
/// millions of glyphs still gives a page of bounded size; the page notes the cut). A table page
/// of the corpus has 300–1,500.
pub const MAX_ITEMS: usize = 6_000;
/// At most this many characters of one text item are drawn.
pub const MAX_TEXT: usize = 200;

/// The text, cut at [`MAX_TEXT`] characters.
pub fn clip(s: &str) -> String {
    s.chars().take(MAX_TEXT).collect()
}

/// One page, ready to draw.
#[derive(Serialize)]
pub struct Drawing {
    /// 1-based page number.
    pub n: u32,
    pub w: f64,
    pub h: f64,
    /// Text at a box: `[x0, y0, x1, y1, text]`.
    pub text: Vec<(f64, f64, f64, f64, String)>,
    /// Grid cells: `[x0, y0, x1, y1, text]` (the text wraps inside the box).
    pub boxes: Vec<(f64, f64, f64, f64, String)>,
    /// Rulings: `[x0, y0, x1, y1, kind]`, kind `h`, `v` or `r` (rectangle).
    pub segs: Vec<(f64, f64, f64, f64, &'static str)>,
    /// True when [`MAX_ITEMS`] cut the page.
    pub cut: bool,
}

/// One decimal is plenty at 1/72 inch and keeps the file small.
fn r1(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// The drawing of one page.
pub fn drawing(page: &Page) -> Drawing {
    let mut d = Drawing {
        n: page.number,
        w: r1(page.width),
        h: r1(page.height),
        text: Vec::new(),
        boxes: Vec::new(),
        segs: Vec::new(),
        cut: false,
    };
    let mut room = MAX_ITEMS;
    let mut take = |cut: &mut bool| {
        if room == 0 {
            *cut = true;
            false
        } else {
            room -= 1;
            true
        }
    };
    for block in &page.blocks {
        match block {
            Block::Line(line) => {
                for s in &line.spans {
                    if take(&mut d.cut) {
                        let b = s.bbox;
                        d.text
                            .push((r1(b.x0), r1(b.y0), r1(b.x1), r1(b.y1), clip(&s.text)));
                    }
                }
            }
            Block::Grid(grid) => {
                for cell in grid.rows.iter().flatten() {
                    let Some(b) = cell.bbox.filter(|_| !cell.is_covered()) else {
                        continue;
                    };
                    if take(&mut d.cut) {
                        d.boxes
                            .push((r1(b.x0), r1(b.y0), r1(b.x1), r1(b.y1), clip(&cell.text)));
                    }
                }
            }
        }
    }
    for s in &page.segments {
        if take(&mut d.cut) {
            let kind = match s.kind {
                SegmentKind::Horizontal => "h",
                SegmentKind::Vertical => "v",
                SegmentKind::Rect => "r",
            };
            d.segs.push((r1(s.x0), r1(s.y0), r1(s.x1), r1(s.y1), kind));
        }
    }
    d
}

/// Does the page hold a table (a grid, or the cells placed on it)?
pub fn has_table(page: &Page, cell_pages: &[u32]) -> bool {
    cell_pages.contains(&page.number) || page.blocks.iter().any(|b| matches!(b, Block::Grid(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{BBox, Grid, GridCell, Line, Segment, Span};

    #[test]
    fn a_page_becomes_spans_cells_and_rulings() {
        let mut cell = GridCell::text("3119");
        cell.bbox = Some(BBox::new(10.04, 20.0, 50.0, 40.0));
        let page = Page {
            number: 4,
            width: 595.0,
            height: 842.0,
            blocks: vec![
                Block::Line(
                    Line::from_spans(
                        vec![Span {
                            text: "三、收到".into(),
                            bbox: BBox::new(1.0, 2.0, 3.0, 4.0),
                        }],
                        12.0,
                    )
                    .unwrap(),
                ),
                Block::Grid(Grid {
                    rows: vec![vec![cell]],
                    bbox: None,
                }),
            ],
            segments: vec![Segment {
                x0: 0.0,
                y0: 1.0,
                x1: 9.0,
                y1: 1.0,
                kind: SegmentKind::Horizontal,
            }],
            ..Page::default()
        };
        let d = drawing(&page);
        assert_eq!(d.text, [(1.0, 2.0, 3.0, 4.0, "三、收到".to_string())]);
        assert_eq!(d.boxes, [(10.0, 20.0, 50.0, 40.0, "3119".to_string())]);
        assert_eq!(d.segs, [(0.0, 1.0, 9.0, 1.0, "h")]);
        assert!(!d.cut);
        assert!(has_table(&page, &[]));
    }

    #[test]
    fn a_huge_page_is_cut_to_a_bounded_drawing() {
        let spans: Vec<Span> = (0..10_000)
            .map(|i| Span {
                text: "字".repeat(1_000),
                bbox: BBox::new(0.0, i as f64, 10.0, i as f64 + 1.0),
            })
            .collect();
        let page = Page {
            number: 1,
            blocks: vec![Block::Line(Line::from_spans(spans, 1.0).unwrap())],
            ..Page::default()
        };
        let d = drawing(&page);
        assert!(d.cut);
        assert_eq!(d.text.len(), MAX_ITEMS);
        assert!(d.text.iter().all(|t| t.4.chars().count() == MAX_TEXT));
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.len() < 4 << 20, "{} bytes", json.len());
    }
}
