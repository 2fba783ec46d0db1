//! Page layout: turn a page's positioned lines and ruling segments into [`Grid`] blocks.
//!
//! Format-independent: works on any [`Page`] with geometry (today: PDF; top-left origin, y
//! down). It owns table finding and nothing else: it knows no report, template or label.
//!
//! - [`rulings`]: segments and rectangles → lattices (boundaries, drawn or missing rulings);
//! - [`cells`]: the spans inside a lattice → a fully expanded grid with merged cells;
//! - [`borderless`]: a fallback for tables drawn without rulings, from the alignment of spans.
//!
//! Lines (or the spans of a line) inside a table are replaced by one `Block::Grid` at the
//! table's place in reading order; everything outside stays as it was. One grid per connected
//! lattice: stacked tables whose rulings touch stay one grid whose bands have their own merged
//! cells (see `docs/design-layout.md`).

mod borderless;
mod cells;
mod rulings;

use xxgk_model::{BBox, Block, Grid, Line, Page};

/// A span (or a line without spans) as seen by the table finders.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item<'a> {
    pub text: &'a str,
    pub bbox: BBox,
    /// Index of the line's block in `page.blocks`.
    pub block: usize,
    /// Index of the span in the line; `None` for a line without spans.
    pub span: Option<usize>,
    /// Font size (the line's, else the box height), never below 1.
    pub size: f64,
}

/// A found table: its grid and the items it consumed.
pub(crate) struct Found {
    pub grid: Grid,
    /// `(block, span)` of every consumed item.
    pub items: Vec<(usize, Option<usize>)>,
}

/// Find the tables of a page (ruled, or aligned without rulings) and replace the lines inside
/// them with grid blocks.
pub fn build_grids(page: &mut Page) {
    if xxgk_model::budget::expired_now() {
        return;
    }
    let found = {
        let items = items(page);
        let mut consumed = vec![false; items.len()];
        let mut found = ruled(page, &items, &mut consumed);
        found.extend(borderless::find(&items, &mut consumed));
        found
    };
    if found.is_empty() {
        return;
    }
    replace(page, found);
}

/// Grids of a page found from its rulings only (exposed for tests and `inspect`).
pub fn ruled_grids(page: &Page) -> Vec<Grid> {
    let items = items(page);
    let mut consumed = vec![false; items.len()];
    ruled(page, &items, &mut consumed)
        .into_iter()
        .map(|f| f.grid)
        .collect()
}

/// Every span of every line with geometry, in block order.
fn items(page: &Page) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for (bi, block) in page.blocks.iter().enumerate() {
        let Block::Line(line) = block else { continue };
        if line.spans.is_empty() {
            if let Some(b) = line.bbox.filter(finite) {
                if !line.text.trim().is_empty() {
                    out.push(Item {
                        text: &line.text,
                        bbox: b,
                        block: bi,
                        span: None,
                        size: size_of(line.size, &b),
                    });
                }
            }
            continue;
        }
        for (si, span) in line.spans.iter().enumerate() {
            if finite(&span.bbox) && !span.text.trim().is_empty() {
                out.push(Item {
                    text: &span.text,
                    bbox: span.bbox,
                    block: bi,
                    span: Some(si),
                    size: size_of(line.size, &span.bbox),
                });
            }
        }
    }
    out
}

fn size_of(line_size: f64, b: &BBox) -> f64 {
    let s = if line_size.is_finite() && line_size > 0.0 {
        line_size
    } else {
        b.height()
    };
    s.clamp(1.0, 200.0)
}

fn finite(b: &BBox) -> bool {
    [b.x0, b.y0, b.x1, b.y1].iter().all(|v| v.is_finite())
}

/// Grids from rulings; marks the items they hold as consumed.
fn ruled(page: &Page, items: &[Item<'_>], consumed: &mut [bool]) -> Vec<Found> {
    let lattices = rulings::lattices(&page.segments, page.width, page.height);
    if lattices.is_empty() {
        return Vec::new();
    }
    // Items by vertical centre, to take each lattice's band without scanning the page.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        items[a]
            .bbox
            .center_y()
            .total_cmp(&items[b].bbox.center_y())
    });
    let mut out = Vec::new();
    for lattice in &lattices {
        let (x0, y0, x1, y1) = lattice.outer();
        const IN: f64 = 1.0;
        let from = order.partition_point(|&i| items[i].bbox.center_y() < y0 - IN);
        let inside: Vec<usize> = order[from..]
            .iter()
            .copied()
            .take_while(|&i| items[i].bbox.center_y() <= y1 + IN)
            .filter(|&i| {
                let cx = items[i].bbox.center_x();
                !consumed[i] && cx >= x0 - IN && cx <= x1 + IN
            })
            .collect();
        let held: Vec<Item<'_>> = inside.iter().map(|&i| items[i]).collect();
        let grid = cells::grid(lattice, &held);
        if grid.as_ref().is_some_and(holds_rows_of_numbers) {
            // Print areas, not cells: the lines stay lines (aligned text), and no table is
            // looked for in them by alignment either (the areas cut the table's columns).
            for &i in &inside {
                consumed[i] = true;
            }
            continue;
        }
        if let Some(grid) = grid {
            for &i in &inside {
                consumed[i] = true;
            }
            out.push(Found {
                grid,
                items: inside
                    .iter()
                    .map(|&i| (items[i].block, items[i].span))
                    .collect(),
            });
        }
    }
    out
}

/// Whether a word of text is a whole number (`3001`, `-1`, `12.`): digits, a sign or a
/// separator at most around them.
pub(crate) fn is_number_word(word: &str) -> bool {
    let w = word.trim_matches(['.', ',', '-']);
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a lattice's "cells" hold whole rows of a table: a cell with two or more lines of
/// two or more numbers each (`447 7 0 0 0 0 454` / `2 0 0 0 0 0 2`). A table's cell holds one
/// value; rectangles holding such text are areas of the page (a sheet's print areas, drawn as
/// rectangles by LibreOffice Calc), not the table's cells, and the lines inside are left as
/// lines.
fn holds_rows_of_numbers(grid: &Grid) -> bool {
    let numbers = |line: &str| {
        line.split_whitespace()
            .filter(|w| is_number_word(w))
            .count()
    };
    grid.rows
        .iter()
        .flatten()
        .any(|cell| cell.text.lines().filter(|l| numbers(l) >= 2).count() >= 2)
}

/// Replace the consumed spans by the grids, each at the place of its first line.
fn replace(page: &mut Page, found: Vec<Found>) {
    let n = page.blocks.len();
    // Spans to drop, per block; `usize::MAX` marks a whole line without spans.
    let mut drop: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut anchored: Vec<Vec<Grid>> = (0..=n).map(|_| Vec::new()).collect();
    for f in found {
        let mut anchor: Option<usize> = None;
        for &(block, span) in &f.items {
            if let Some(d) = drop.get_mut(block) {
                d.push(span.unwrap_or(usize::MAX));
                anchor = Some(anchor.map_or(block, |a| a.min(block)));
            }
        }
        let top = f.grid.bbox.map_or(0.0, |b| b.y0);
        let at = anchor.unwrap_or_else(|| {
            page.blocks
                .iter()
                .position(|b| block_top(b).is_some_and(|y| y > top))
                .unwrap_or(n)
        });
        anchored[at].push(f.grid);
    }
    let old = std::mem::take(&mut page.blocks);
    let mut blocks = Vec::with_capacity(old.len());
    for (i, block) in old.into_iter().enumerate() {
        let mut grids = std::mem::take(&mut anchored[i]);
        grids.sort_by(|a, b| grid_top(a).total_cmp(&grid_top(b)));
        blocks.extend(grids.into_iter().map(Block::Grid));
        let gone = &drop[i];
        match block {
            Block::Line(line) if !gone.is_empty() => {
                if let Some(rest) = without(line, gone) {
                    blocks.push(Block::Line(rest));
                }
            }
            other => blocks.push(other),
        }
    }
    let mut grids = std::mem::take(&mut anchored[n]);
    grids.sort_by(|a, b| grid_top(a).total_cmp(&grid_top(b)));
    blocks.extend(grids.into_iter().map(Block::Grid));
    page.blocks = blocks;
}

fn grid_top(g: &Grid) -> f64 {
    g.bbox.map_or(0.0, |b| b.y0)
}

fn block_top(b: &Block) -> Option<f64> {
    match b {
        Block::Line(l) => l.bbox.map(|b| b.y0),
        Block::Grid(g) => g.bbox.map(|b| b.y0),
    }
}

/// The line without the given spans; `None` when nothing is left.
fn without(line: Line, gone: &[usize]) -> Option<Line> {
    let mut gone = gone.to_vec();
    gone.sort_unstable();
    if gone.last() == Some(&usize::MAX) {
        return None;
    }
    let spans: Vec<_> = line
        .spans
        .into_iter()
        .enumerate()
        .filter(|(i, _)| gone.binary_search(i).is_err())
        .map(|(_, s)| s)
        .filter(|s| !s.text.trim().is_empty())
        .collect();
    if spans.is_empty() {
        return None;
    }
    let text = spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let bbox = spans.iter().map(|s| s.bbox).reduce(|a, b| a.union(&b));
    Some(Line {
        text,
        bbox,
        spans,
        size: line.size,
        after_break: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::GridCell;

    fn grid(cells: &[&str]) -> Grid {
        Grid {
            rows: vec![cells.iter().map(|t| GridCell::text(*t)).collect()],
            bbox: None,
        }
    }

    /// LibreOffice Calc's PDF of a sheet without borders: the rectangles are print areas, one
    /// of them holding table 三's values row under row. A table's cells hold one value each:
    /// a number wrapped in a narrow cell (`30` / `01`), a label with its values on one line
    /// (`规章 1 0 11`, also print areas, read by the parser's rules) are not rows of numbers.
    #[test]
    fn rectangles_holding_rows_of_numbers_are_no_cells() {
        assert!(holds_rows_of_numbers(&grid(&[
            "（一）予以公开",
            "447 7 0 0 0 0 454\n2 0 0 0 0 0 2\n30 1 0 0 0 0 31",
        ])));
        assert!(!holds_rows_of_numbers(&grid(&[
            "一、本年新收",
            "30\n01",
            "53"
        ])));
        assert!(!holds_rows_of_numbers(&grid(&["规章 1 0 11", "", ""])));
        assert!(!holds_rows_of_numbers(&grid(&["2024年1月1日\n至12月31日"])));
    }
}
