//! Sheets printed down, then across: a page that continues an earlier page to its right.
//!
//! A spreadsheet wider than the paper is printed in column bands (Calc's and Excel's default
//! page order: every row band of the first columns, then every row band of the next ones). The
//! table 三 of such a PDF has its labels and first columns on one page and its last columns,
//! on the same rows, several pages later.
//!
//! The printer draws a cell's whole text on every page it reaches and lets the page's clip cut
//! it, so a later band's page also carries, left of its left edge, the text of the cells that
//! began on the earlier band's page: the same characters on the same baselines, shifted by the
//! band's width. That shift, found by a vote over those characters, is the evidence: a page is
//! joined to an earlier one only where most of its off-page characters fall exactly on that
//! page's characters under one shift. The joined page's glyphs are placed right of the earlier
//! page's (duplicates of the overlap dropped), so rows read whole.

use super::interp::{Glyph, GlyphText};
use super::RawPage;
use std::collections::HashMap;
use xxgk_model::{Segment, SegmentKind};

/// Points: how far off the page a glyph must start to count as cut by the page's edge.
const OFF_PAGE: f64 = 2.0;
/// Points: a glyph matches another within this distance on its baseline …
const SAME_X: f64 = 0.6;
/// … and this across it.
const SAME_Y: f64 = 0.3;
/// At least this many off-page characters must match under one shift …
const MIN_MATCHES: usize = 5;
/// … and at least this share (per thousand) of all of them.
const MIN_SHARE: usize = 600;
/// Points: rectangles this close at the band's edge are one.
const EDGE: f64 = 1.0;
/// Earlier pages searched for a page's left neighbour: a sheet's row bands (its pages down)
/// before the print goes across; a report's table 三 takes a few.
const MAX_LOOKBACK: usize = 64;

/// One page continued by another: `right` is read `shift` points right of `left`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Join {
    pub left: usize,
    pub right: usize,
    pub shift: f64,
}

/// Join every page that continues an earlier page to its right; returns the joins made
/// (page indexes) for a note. A joined page is left empty, so page numbers stay.
pub fn join(pages: &mut [RawPage]) -> Vec<Join> {
    let joins = find(pages);
    let furniture: Vec<Vec<f64>> = joins
        .iter()
        .map(|j| repeated_lines(&pages[j.left], &pages[j.right]))
        .collect();
    // Where each page's glyphs end up: (page index, x offset), following chains of bands.
    let mut home: Vec<(usize, f64)> = (0..pages.len()).map(|i| (i, 0.0)).collect();
    for (j, furniture) in joins.iter().zip(&furniture) {
        let (root, base) = home[j.left];
        home[j.right] = (root, base + j.shift);
        let mut glyphs = std::mem::take(&mut pages[j.right].glyphs);
        glyphs.retain(|g| !furniture.iter().any(|y| (g.y - y).abs() <= SAME_Y));
        let segments = std::mem::take(&mut pages[j.right].segments);
        let width = pages[j.right].width;
        let offset = base + j.shift;
        let target = &mut pages[root];
        let index = Index::of(&target.glyphs);
        let fresh: Vec<Glyph> = glyphs
            .into_iter()
            .map(|g| shifted(g, offset))
            .filter(|g| !index.holds(g, 0.0))
            .collect();
        target.glyphs.extend(fresh);
        for mut s in segments {
            s.x0 += offset;
            s.x1 += offset;
            fuse_or_add(&mut target.segments, s);
        }
        target.width = target.width.max(width + offset);
    }
    joins
}

/// The baselines of `right` whose line repeats the line of `left` on the same baseline, page
/// numbers aside (a sheet's running header `Sheet1`, its footer `Page 5`): they are not
/// carried over.
fn repeated_lines(left: &RawPage, right: &RawPage) -> Vec<f64> {
    baselines(right)
        .into_iter()
        .filter(|&y| {
            let ours = letters(right, y);
            !ours.is_empty() && ours == letters(left, y)
        })
        .collect()
}

/// The characters other than digits on a page's baseline `y`, left to right.
fn letters(page: &RawPage, y: f64) -> String {
    let mut on_line: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.invisible && g.x >= -OFF_PAGE && (g.y - y).abs() <= SAME_Y)
        .collect();
    on_line.sort_by(|a, b| a.x.total_cmp(&b.x));
    on_line
        .iter()
        .filter_map(|g| key(g))
        .filter(|c| !c.is_ascii_digit())
        .collect()
}

/// The joins, in page order: first those evidenced by cut text, then the pages of the same
/// print order whose text has nothing cut ([`by_page_order`]).
fn find(pages: &[RawPage]) -> Vec<Join> {
    let mut joins = by_cut_text(pages);
    joins.extend(by_page_order(pages, &joins));
    joins.sort_by_key(|j| j.right);
    joins
}

/// A page whose text runs past no page edge carries no cut text. When every join found
/// spans the same number of pages (the row bands of a print), a page that number of pages
/// after another, in a column band already joined, continues it under that band's shift if
/// its baselines are the other page's: most of its text lines sit on baselines of that page.
fn by_page_order(pages: &[RawPage], found: &[Join]) -> Vec<Join> {
    let Some(first) = found.first() else {
        return Vec::new();
    };
    let bands = first.right - first.left;
    if found.iter().any(|j| j.right - j.left != bands) {
        return Vec::new();
    }
    let joined: Vec<usize> = found.iter().map(|j| j.right).collect();
    let mut more = Vec::new();
    for right in bands..pages.len() {
        if joined.contains(&right) {
            continue;
        }
        let Some(shift) = found
            .iter()
            .find(|j| j.right / bands == right / bands)
            .map(|j| j.shift)
        else {
            continue;
        };
        let left = right - bands;
        if baselines_shared(&pages[left], &pages[right]) {
            more.push(Join { left, right, shift });
        }
    }
    more
}

/// Whether most text lines of `right` (at least [`MIN_MATCHES`]) sit on baselines of `left`.
fn baselines_shared(left: &RawPage, right: &RawPage) -> bool {
    let theirs = baselines(left);
    let ours = baselines(right);
    let shared = ours
        .iter()
        .filter(|y| theirs.iter().any(|t| (*t - **y).abs() <= SAME_Y))
        .count();
    shared >= MIN_MATCHES && shared * 1000 >= ours.len() * MIN_SHARE
}

/// A page's distinct baselines of visible characters on the page.
fn baselines(page: &RawPage) -> Vec<f64> {
    let mut ys: Vec<f64> = page
        .glyphs
        .iter()
        .filter(|g| !g.invisible && key(g).is_some() && g.x >= -OFF_PAGE)
        .map(|g| g.y)
        .collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() <= SAME_Y);
    ys
}

/// Each page with off-page characters on its left, against the earlier page (before any
/// join) they fall on best.
fn by_cut_text(pages: &[RawPage]) -> Vec<Join> {
    let mut joins = Vec::new();
    let mut indexes: Vec<Option<Index>> = (0..pages.len()).map(|_| None).collect();
    for right in 1..pages.len() {
        if xxgk_model::budget::expired_now() {
            break;
        }
        let cut: Vec<&Glyph> = pages[right]
            .glyphs
            .iter()
            .filter(|g| g.x < -OFF_PAGE && !g.invisible && g.upright && key(g).is_some())
            .collect();
        if cut.len() < MIN_MATCHES {
            continue;
        }
        let mut best: Option<(usize, f64, usize)> = None;
        for left in (right.saturating_sub(MAX_LOOKBACK)..right).rev() {
            let index = indexes[left].get_or_insert_with(|| Index::of(&pages[left].glyphs));
            if let Some((shift, matches)) = index.best_shift(&cut) {
                if best.is_none_or(|(_, _, m)| matches > m) {
                    best = Some((left, shift, matches));
                }
            }
        }
        if let Some((left, shift, matches)) = best {
            if matches >= MIN_MATCHES && matches * 1000 >= cut.len() * MIN_SHARE {
                joins.push(Join { left, right, shift });
            }
        }
    }
    joins
}

/// A rectangle cut by the band's edge is one rectangle: the joined page's part is added to
/// the part on its left that ends where it starts, on the same rows.
fn fuse_or_add(segments: &mut Vec<Segment>, s: Segment) {
    let cut = segments.iter_mut().find(|l| {
        l.kind == SegmentKind::Rect
            && s.kind == SegmentKind::Rect
            && (l.x1 - s.x0).abs() <= EDGE
            && (l.y0 - s.y0).abs() <= EDGE
            && (l.y1 - s.y1).abs() <= EDGE
    });
    match cut {
        Some(l) => l.x1 = s.x1,
        None => segments.push(s),
    }
}

fn shifted(mut g: Glyph, dx: f64) -> Glyph {
    g.x += dx;
    g.x1 += dx;
    g
}

/// A glyph's character, if it is one visible non-space character.
fn key(g: &Glyph) -> Option<char> {
    match &g.text {
        GlyphText::Char(c) if !c.is_whitespace() => Some(*c),
        _ => None,
    }
}

/// A page's glyphs by character and baseline band, for lookups by position.
struct Index {
    by_char: HashMap<(char, i64), Vec<(f64, f64)>>,
}

impl Index {
    fn of(glyphs: &[Glyph]) -> Index {
        let mut by_char: HashMap<(char, i64), Vec<(f64, f64)>> = HashMap::new();
        for g in glyphs.iter().filter(|g| !g.invisible) {
            if let Some(c) = key(g) {
                by_char.entry((c, band(g.y))).or_default().push((g.x, g.y));
            }
        }
        Index { by_char }
    }

    /// The positions of `c` on baselines within [`SAME_Y`] of `y`.
    fn near(&self, c: char, y: f64) -> impl Iterator<Item = f64> + '_ {
        let b = band(y);
        (b - 1..=b + 1)
            .filter_map(move |k| self.by_char.get(&(c, k)))
            .flatten()
            .filter(move |(_, gy)| (gy - y).abs() <= SAME_Y)
            .map(|(x, _)| *x)
    }

    /// Whether a glyph like `g`, moved `shift` points right, falls on one here.
    fn holds(&self, g: &Glyph, shift: f64) -> bool {
        key(g).is_some_and(|c| {
            self.near(c, g.y)
                .any(|x| (x - (g.x + shift)).abs() <= SAME_X)
        })
    }

    /// The shift under which most of `cut` fall on glyphs here, and how many do.
    fn best_shift(&self, cut: &[&Glyph]) -> Option<(f64, usize)> {
        let mut votes: HashMap<i64, usize> = HashMap::new();
        for g in cut {
            let Some(c) = key(g) else { continue };
            for x in self.near(c, g.y) {
                let shift = x - g.x;
                if shift > 0.0 {
                    *votes.entry((shift / SAME_X).round() as i64).or_default() += 1;
                }
            }
        }
        let (&bucket, _) = votes.iter().max_by_key(|(b, n)| (**n, -**b))?;
        let shift = bucket as f64 * SAME_X;
        let matches = cut.iter().filter(|g| self.holds(g, shift)).count();
        Some((shift, matches))
    }
}

fn band(y: f64) -> i64 {
    (y / SAME_Y).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(c: char, x: f64, y: f64) -> Glyph {
        Glyph {
            x,
            y,
            x1: x + 5.0,
            top: y - 8.0,
            bottom: y + 2.0,
            size: 10.0,
            text: GlyphText::Char(c),
            invisible: false,
            upright: true,
            vertical: false,
        }
    }

    fn page(number: u32, glyphs: Vec<Glyph>) -> RawPage {
        RawPage::a4(number, glyphs)
    }

    fn text(s: &str, x: f64, y: f64) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| glyph(c, x + 6.0 * i as f64, y))
            .collect()
    }

    #[test]
    fn a_page_whose_cut_text_falls_on_an_earlier_page_is_joined_to_its_right() {
        // Page 1: a label and two values, the second cut by the page's edge at 540.
        let mut left = text("一、本年新收政府信息公开申请数量", 60.0, 330.0);
        left.extend(text("3001", 300.0, 330.0));
        left.extend(text("447228", 560.0, 330.0));
        // Page 3: the same row's text left of its edge (shift 480), then two more columns.
        let mut right = text("一、本年新收政府信息公开申请数量", 60.0 - 480.0, 330.0);
        right.extend(text("3001", 300.0 - 480.0, 330.0));
        right.extend(text("447228", 560.0 - 480.0, 330.0));
        right.extend(text("4", 200.0, 330.0));
        right.extend(text("3119", 260.0, 330.0));
        let other = page(2, text("（四）无法提供", 60.0, 100.0));
        let mut pages = vec![page(1, left), other, page(3, right)];
        let joins = join(&mut pages);
        assert_eq!(joins.len(), 1);
        assert_eq!((joins[0].left, joins[0].right), (0, 2));
        assert!((joins[0].shift - 480.0).abs() < 1.0);
        assert!(pages[2].glyphs.is_empty());
        let row: String = {
            let mut g: Vec<&Glyph> = pages[0].glyphs.iter().collect();
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            g.iter().filter_map(|g| key(g)).collect()
        };
        assert_eq!(
            row,
            "一、本年新收政府信息公开申请数量30014472284 3119".replace(' ', "")
        );
    }

    #[test]
    fn off_page_text_that_matches_no_earlier_page_joins_nothing() {
        let left = text("二、主动公开政府信息情况", 60.0, 100.0);
        let right = text("三、收到和处理政府信息公开申请情况", -300.0, 100.0);
        let mut pages = vec![page(1, left), page(2, right)];
        assert!(join(&mut pages).is_empty());
        assert!(!pages[1].glyphs.is_empty());
    }
}
