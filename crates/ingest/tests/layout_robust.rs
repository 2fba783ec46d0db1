//! `build_grids` on hostile pages: random and degenerate geometry never panics, never loses or
//! invents text, and large pages stay within the work bounds.

use std::path::PathBuf;
use xxgk_ingest::layout::build_grids;
use xxgk_model::{BBox, Block, Line, Page, Segment, SegmentKind, Span};

/// A small deterministic generator (xorshift64*), so the test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn f(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next() % 1_000_000) as f64 / 1_000_000.0 * (hi - lo)
    }

    fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Every non-blank character of the page's text, sorted: lines and grid cells alike.
fn chars(page: &Page) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for b in &page.blocks {
        match b {
            Block::Line(l) => {
                if l.spans.is_empty() {
                    out.extend(l.text.chars());
                } else {
                    for s in &l.spans {
                        out.extend(s.text.chars());
                    }
                }
            }
            Block::Grid(g) => {
                for row in &g.rows {
                    for c in row {
                        out.extend(c.text.chars());
                    }
                }
            }
        }
    }
    out.retain(|c| !c.is_whitespace());
    out.sort_unstable();
    out
}

fn random_page(rng: &mut Rng, segments: usize, lines: usize) -> Page {
    const WORDS: &[&str] = &[
        "12",
        "0",
        "3119",
        "—",
        "合计",
        "自然人",
        "（一）予以公开",
        "a b",
        "",
        " ",
        "1.属于",
    ];
    let mut page = Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        ..Page::default()
    };
    for _ in 0..segments {
        let kind = match rng.next() % 3 {
            0 => SegmentKind::Horizontal,
            1 => SegmentKind::Vertical,
            _ => SegmentKind::Rect,
        };
        // Snap to a coarse lattice half of the time, so that real cells appear.
        let snap = |v: f64, on: bool| if on { (v / 40.0).round() * 40.0 } else { v };
        let on = rng.next() & 1 == 0;
        let (x0, y0) = (snap(rng.f(-10.0, 600.0), on), snap(rng.f(-10.0, 850.0), on));
        let (x1, y1) = match kind {
            SegmentKind::Horizontal => (snap(rng.f(-10.0, 600.0), on), y0),
            SegmentKind::Vertical => (x0, snap(rng.f(-10.0, 850.0), on)),
            SegmentKind::Rect => (snap(rng.f(-10.0, 600.0), on), snap(rng.f(-10.0, 850.0), on)),
        };
        page.segments.push(Segment {
            x0,
            y0,
            x1,
            y1,
            kind,
        });
    }
    for i in 0..lines {
        let y = rng.f(0.0, 830.0);
        let size = rng.f(0.0, 14.0);
        let mut spans = Vec::new();
        let mut x = rng.f(0.0, 100.0);
        for _ in 0..(1 + rng.next() % 8) {
            let t = rng.pick(WORDS);
            let w = rng.f(0.0, 60.0);
            spans.push(Span {
                text: t.to_string(),
                bbox: BBox::new(x, y, x + w, y + size),
            });
            x += w + rng.f(0.0, 40.0);
        }
        if i % 17 == 0 {
            // Degenerate geometry.
            spans[0].bbox = BBox::new(f64::NAN, y, f64::INFINITY, y - 5.0);
        }
        let text = spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        page.blocks.push(Block::Line(Line {
            text,
            bbox: spans.iter().map(|s| s.bbox).reduce(|a, b| a.union(&b)),
            spans,
            size,
            after_break: false,
        }));
    }
    page
}

#[test]
fn random_pages_keep_their_text() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut grids = 0;
    for round in 0..200 {
        let mut page = random_page(&mut rng, (round % 7) * 15, 5 + round % 40);
        let before = chars(&page);
        build_grids(&mut page);
        assert_eq!(chars(&page), before, "round {round}");
        for b in &page.blocks {
            if let Block::Grid(g) = b {
                grids += 1;
                let width = g.rows.first().map_or(0, |r| r.len());
                assert!(g.rows.iter().all(|r| r.len() == width));
            }
        }
    }
    // The generator does make tables (ruled and aligned), so the invariant is exercised.
    assert!(grids > 20, "{grids} grids");
}

#[test]
fn a_page_with_thousands_of_segments_and_spans_is_handled() {
    // A dense chart-like page: 20 000 short strokes on a lattice and 3 000 spans. No timing is
    // asserted (speed lives in benchmarks); the bounds keep this from blowing up.
    let mut rng = Rng(42);
    let mut page = random_page(&mut rng, 20_000, 600);
    let before = chars(&page);
    build_grids(&mut page);
    assert_eq!(chars(&page), before);
}

#[test]
fn huaian_text_is_preserved() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layout/huaian-2024-p3-5.json");
    let pages: Vec<Page> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    for mut page in pages {
        let before = chars(&page);
        build_grids(&mut page);
        assert_eq!(chars(&page), before, "page {}", page.number);
    }
}

#[test]
fn lines_without_geometry_are_left_alone() {
    let blocks: Vec<Block> = ["一、总体情况", "3119 53 0", "二、主动公开"]
        .iter()
        .map(|t| Block::Line(Line::plain(*t)))
        .collect();
    let mut page = Page {
        number: 1,
        blocks: blocks.clone(),
        ..Page::default()
    };
    build_grids(&mut page);
    assert_eq!(page.blocks, blocks);
}
