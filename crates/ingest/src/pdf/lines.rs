//! Glyphs → lines and spans.
//!
//! A line is a set of glyphs sharing a baseline (within a fraction of their size) and of
//! compatible sizes, ordered left to right. A span is a run of glyphs with no real gap between
//! them; a space appears in text only between spans (Chinese text has no spaces between
//! characters, and none are added). Whitespace glyphs separate spans and are not kept. Unknown
//! glyphs appear as U+FFFD, never as a guessed character.

use super::interp::{Glyph, GlyphText};
use xxgk_model::{BBox, Line, Span};

/// A gap wider than this fraction of the font size is a word gap.
const GAP: f64 = 0.15;
/// Baselines closer than this fraction of the smaller size are the same baseline.
const BASELINE: f64 = 0.3;
/// Sizes within this ratio may share a line.
const SIZE_RATIO: f64 = 1.6;

struct OpenLine {
    baseline: f64,
    size: f64,
    members: Vec<usize>,
}

fn is_space(g: &Glyph) -> bool {
    match &g.text {
        GlyphText::Char(c) => c.is_whitespace(),
        GlyphText::Str(s) => s.chars().all(char::is_whitespace),
        GlyphText::Unknown { .. } => false,
    }
}

/// Group the glyphs (already filtered) into lines, top to bottom.
pub fn build_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| {
        glyphs[a]
            .y
            .total_cmp(&glyphs[b].y)
            .then(glyphs[a].x.total_cmp(&glyphs[b].x))
    });
    let mut open: Vec<OpenLine> = Vec::new();
    let mut done: Vec<OpenLine> = Vec::new();
    for i in order {
        let g = glyphs[i];
        let size = g.size.max(0.1);
        // Close lines that lie well above this glyph (input is sorted by baseline).
        let mut k = 0;
        while k < open.len() {
            if g.y - open[k].baseline > BASELINE * open[k].size.max(size) {
                done.push(open.swap_remove(k));
            } else {
                k += 1;
            }
        }
        let fits = open.iter_mut().find(|l| {
            let small = l.size.min(size);
            (g.y - l.baseline).abs() <= BASELINE * small && l.size.max(size) / small <= SIZE_RATIO
        });
        match fits {
            Some(line) => line.members.push(i),
            None => open.push(OpenLine {
                baseline: g.y,
                size,
                members: vec![i],
            }),
        }
    }
    done.extend(open);
    let mut lines: Vec<Line> = done
        .into_iter()
        .filter_map(|l| make_line(glyphs, l.members))
        .collect();
    lines.sort_by(|a, b| {
        let (ya, yb) = (a.bbox.map_or(0.0, |b| b.y1), b.bbox.map_or(0.0, |b| b.y1));
        let (xa, xb) = (a.bbox.map_or(0.0, |b| b.x0), b.bbox.map_or(0.0, |b| b.x0));
        ya.total_cmp(&yb).then(xa.total_cmp(&xb))
    });
    lines
}

fn glyph_box(g: &Glyph) -> BBox {
    BBox::new(
        g.x.min(g.x1),
        g.top.min(g.bottom),
        g.x.max(g.x1),
        g.top.max(g.bottom),
    )
}

fn push_text(out: &mut String, g: &Glyph) {
    match &g.text {
        GlyphText::Char(c) => out.push(*c),
        GlyphText::Str(s) => out.push_str(s),
        GlyphText::Unknown { .. } => out.push('\u{FFFD}'),
    }
}

fn make_line(glyphs: &[&Glyph], mut members: Vec<usize>) -> Option<Line> {
    members.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
    let mut spans: Vec<Span> = Vec::new();
    let mut current: Option<(String, BBox, f64)> = None; // text, box, right edge
    let mut size_sum = 0.0;
    let mut count = 0usize;
    let mut pending_gap = false;
    for &i in &members {
        let g = glyphs[i];
        if is_space(g) {
            pending_gap = true;
            continue;
        }
        size_sum += g.size;
        count += 1;
        let b = glyph_box(g);
        let start_new = match &current {
            None => true,
            Some((_, _, right)) => {
                let gap = g.x - right;
                pending_gap || gap > GAP * g.size || gap < -0.6 * g.size.max(1.0)
            }
        };
        pending_gap = false;
        if start_new {
            if let Some((text, bbox, _)) = current.take() {
                spans.push(Span { text, bbox });
            }
            let mut text = String::new();
            push_text(&mut text, g);
            current = Some((text, b, g.x1.max(g.x)));
        } else if let Some((text, bbox, right)) = current.as_mut() {
            push_text(text, g);
            *bbox = bbox.union(&b);
            *right = right.max(g.x1.max(g.x));
        }
    }
    if let Some((text, bbox, _)) = current.take() {
        spans.push(Span { text, bbox });
    }
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
        size: size_sum / count.max(1) as f64,
    })
}
