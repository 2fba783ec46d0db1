//! Glyphs → lines and spans.
//!
//! A line is a set of glyphs sharing a baseline (within a fraction of their size) and of
//! compatible sizes, ordered left to right. A span is a run of glyphs with no real gap between
//! them; a space appears in text only between spans (Chinese text has no spaces between
//! characters, and none are added). Whitespace glyphs separate spans and are not kept. Unknown
//! glyphs appear as U+FFFD, never as a guessed character. A glyph printed again on top of
//! itself (within 0.15 em: fake bold, shadow) appears once.

use super::interp::{Glyph, GlyphText};
use xxgk_model::{BBox, Line, Segment, SegmentKind, Span};

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

/// Group the glyphs (already filtered) into lines, top to bottom. A vertical ruling between two
/// glyphs also ends a span, so text of neighbouring table cells never shares one.
pub fn build_lines(glyphs: &[&Glyph], segments: &[Segment]) -> Vec<Line> {
    let rulings: Vec<&Segment> = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Vertical)
        .collect();
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| !glyphs[i].vertical).collect();
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
        .filter_map(|l| make_line(glyphs, l.members, &rulings))
        .collect();
    lines.extend(vertical_lines(glyphs));
    lines.sort_by(|a, b| {
        let (ya, yb) = (a.bbox.map_or(0.0, |b| b.y1), b.bbox.map_or(0.0, |b| b.y1));
        let (xa, xb) = (a.bbox.map_or(0.0, |b| b.x0), b.bbox.map_or(0.0, |b| b.x0));
        ya.total_cmp(&yb).then(xa.total_cmp(&xb))
    });
    lines
}

/// Vertical writing: glyphs in one column (same x within 0.3 em) following each other down the
/// page form a line, read top to bottom; a gap over 0.15 em starts a new span.
fn vertical_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    let mut order: Vec<usize> = (0..glyphs.len()).filter(|&i| glyphs[i].vertical).collect();
    order.sort_by(|&a, &b| {
        let (ga, gb) = (glyphs[a], glyphs[b]);
        ((ga.x / (ga.size.max(0.1) * 0.3)).round())
            .total_cmp(&(gb.x / (gb.size.max(0.1) * 0.3)).round())
            .then(ga.y.total_cmp(&gb.y))
    });
    let mut lines = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut last: Option<&Glyph> = None;
    let mut size_sum = 0.0;
    let mut count = 0usize;
    let flush = |spans: &mut Vec<Span>, lines: &mut Vec<Line>, size_sum: f64, count: usize| {
        lines.extend(Line::from_spans(
            std::mem::take(spans),
            size_sum / count.max(1) as f64,
        ));
    };
    for i in order {
        let g = glyphs[i];
        if is_space(g) {
            continue;
        }
        let b = glyph_box(g);
        let (same_column, gap) = match last {
            Some(p) => (
                (p.x - g.x).abs() <= 0.3 * g.size.max(p.size) && g.y >= p.y,
                g.top.min(g.bottom) - p.top.max(p.bottom),
            ),
            None => (false, 0.0),
        };
        if !same_column || gap > 1.0 * g.size {
            flush(&mut spans, &mut lines, size_sum, count);
            size_sum = 0.0;
            count = 0;
        }
        let join = same_column && gap <= GAP * g.size && !spans.is_empty();
        if join {
            if let Some(span) = spans.last_mut() {
                push_text(&mut span.text, g);
                span.bbox = span.bbox.union(&b);
            }
        } else {
            let mut text = String::new();
            push_text(&mut text, g);
            spans.push(Span { text, bbox: b });
        }
        size_sum += g.size;
        count += 1;
        last = Some(g);
    }
    flush(&mut spans, &mut lines, size_sum, count);
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

pub(crate) fn push_text(out: &mut String, g: &Glyph) {
    match &g.text {
        GlyphText::Char(c) => out.push(*c),
        GlyphText::Str(s) => out.push_str(s),
        GlyphText::Unknown { .. } => out.push('\u{FFFD}'),
    }
}

/// Whether a vertical ruling runs between x `left` and `right` across the baseline `y`.
fn ruled_between(rulings: &[&Segment], left: f64, right: f64, y: f64) -> bool {
    rulings
        .iter()
        .any(|s| s.x0 > left && s.x0 < right && s.y0 <= y && s.y1 >= y)
}

fn make_line(glyphs: &[&Glyph], mut members: Vec<usize>, rulings: &[&Segment]) -> Option<Line> {
    members.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
    let mut spans: Vec<Span> = Vec::new();
    let mut current: Option<(String, BBox, f64)> = None; // text, box, right edge
    let mut size_sum = 0.0;
    let mut count = 0usize;
    let mut pending_gap = false;
    let mut previous: Option<&Glyph> = None;
    for &i in &members {
        let g = glyphs[i];
        if is_space(g) {
            pending_gap = true;
            continue;
        }
        // The same glyph printed again on top of itself (fake bold, shadows): keep one.
        if let Some(p) = previous {
            let near = 0.15 * g.size.max(p.size);
            if p.text == g.text && (p.x - g.x).abs() < near && (p.y - g.y).abs() < near {
                continue;
            }
        }
        size_sum += g.size;
        count += 1;
        let b = glyph_box(g);
        let start_new = match (&current, previous) {
            (Some((_, _, right)), Some(p)) => {
                let gap = g.x - right;
                let (left_mid, right_mid) = ((p.x + p.x1) / 2.0, (g.x + g.x1) / 2.0);
                pending_gap
                    || gap > GAP * g.size
                    || gap < -0.6 * g.size.max(1.0)
                    || ruled_between(rulings, left_mid, right_mid, g.y)
            }
            _ => true,
        };
        previous = Some(g);
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
    Line::from_spans(spans, size_sum / count.max(1) as f64)
}
