//! `xxgk inspect`: a human-readable dump of a Document (lines with boxes, segments, grids) so a
//! user can see why a report misparses.
//!
//! Per page: a header with size and glyph counts; every line as `[x0 y0 x1 y1] size | text`
//! (spans separated by ` ¦ `); the ruling segments; then each grid, row by row.

use std::fmt::Write;
use xxgk_model::{BBox, Block, Document, SegmentKind};

fn fmt_box(b: Option<BBox>) -> String {
    match b {
        Some(b) => format!("[{:6.1} {:6.1} {:6.1} {:6.1}]", b.x0, b.y0, b.x1, b.y1),
        None => "[no box]".to_string(),
    }
}

/// Render the whole document, or one page (1-based).
pub fn render(doc: &Document, page: Option<u32>) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title_hint {
        let _ = writeln!(out, "title: {title}");
    }
    for note in &doc.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for p in doc
        .pages
        .iter()
        .filter(|p| page.is_none_or(|n| p.number == n))
    {
        let _ = writeln!(
            out,
            "=== page {} ({:.1} x {:.1} pt): {} glyphs, {} unknown",
            p.number, p.width, p.height, p.glyphs, p.unknown_glyphs
        );
        let _ = writeln!(
            out,
            "--- lines (x0 y0 x1 y1, top-left origin; size; spans split by ¦)"
        );
        let mut grids = Vec::new();
        for block in &p.blocks {
            match block {
                Block::Line(line) => {
                    let text = if line.spans.is_empty() {
                        line.text.clone()
                    } else {
                        line.spans
                            .iter()
                            .map(|s| s.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ¦ ")
                    };
                    let _ = writeln!(out, "{} {:5.1} | {}", fmt_box(line.bbox), line.size, text);
                }
                Block::Grid(grid) => {
                    let _ = writeln!(
                        out,
                        "{}       | <grid {} of {} rows>",
                        fmt_box(grid.bbox),
                        grids.len() + 1,
                        grid.rows.len()
                    );
                    grids.push(grid);
                }
            }
        }
        let count = |k: SegmentKind| p.segments.iter().filter(|s| s.kind == k).count();
        let _ = writeln!(
            out,
            "--- segments: {} horizontal, {} vertical, {} rectangles",
            count(SegmentKind::Horizontal),
            count(SegmentKind::Vertical),
            count(SegmentKind::Rect)
        );
        for s in &p.segments {
            let kind = match s.kind {
                SegmentKind::Horizontal => "H",
                SegmentKind::Vertical => "V",
                SegmentKind::Rect => "R",
            };
            let _ = writeln!(
                out,
                "{kind} {:6.1} {:6.1} {:6.1} {:6.1}",
                s.x0, s.y0, s.x1, s.y1
            );
        }
        for (i, grid) in grids.iter().enumerate() {
            let _ = writeln!(out, "--- grid {} {}", i + 1, fmt_box(grid.bbox));
            for (r, row) in grid.rows.iter().enumerate() {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| {
                        if c.is_covered() {
                            "^".to_string()
                        } else if c.row_span > 1 || c.col_span > 1 {
                            format!("{} ({}x{})", c.text, c.row_span, c.col_span)
                        } else {
                            c.text.clone()
                        }
                    })
                    .collect();
                let _ = writeln!(out, "r{r:<3} {}", cells.join(" | "));
            }
        }
    }
    out
}
