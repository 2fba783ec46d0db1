//! Text into cells: the spans inside a [`Lattice`] become the cells of a [`Grid`].
//!
//! Elementary cells separated by a missing ruling are one merged cell (an origin with
//! `row_span`/`col_span`, the positions it covers marked `covered_by`). A span lies in the cell
//! holding its centre; a span that crosses a drawn ruling is cut between glyphs, whose positions
//! are estimated from the span's box (full-width characters count one em, others half).
//! A cell's text is its lines top to bottom joined with `\n`; pieces on one line are joined
//! without a space unless both sides are ASCII letters or digits or the gap is a whole em.

use super::rulings::{Lattice, UnionFind};
use super::Item;
use xxgk_model::{BBox, Grid, GridCell};

/// A piece of text placed on the page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    pub bbox: BBox,
}

/// The grid of a lattice holding `items`. `None` when it is no table: fewer than two rows or
/// columns of cells, or no text at all.
pub(crate) fn grid<'a>(lattice: &Lattice, items: &[Item<'a>]) -> Option<Grid> {
    let (rows, cols) = (lattice.rows(), lattice.cols());
    if rows == 0 || cols == 0 {
        return None;
    }
    let regions = regions(lattice);
    let distinct_cols = (0..rows)
        .map(|r| {
            let mut n = 1;
            for c in 1..cols {
                if regions[r * cols + c] != regions[r * cols + c - 1] {
                    n += 1;
                }
            }
            n
        })
        .max()
        .unwrap_or(0);
    let distinct_rows = (0..cols)
        .map(|c| {
            let mut n = 1;
            for r in 1..rows {
                if regions[r * cols + c] != regions[(r - 1) * cols + c] {
                    n += 1;
                }
            }
            n
        })
        .max()
        .unwrap_or(0);
    if distinct_cols < 2 || distinct_rows < 2 {
        return None;
    }

    let mut pieces: Vec<Vec<Piece<'a>>> = vec![Vec::new(); rows * cols];
    for item in items {
        for (r, c, piece) in place(lattice, &regions, item) {
            let root = regions[r * cols + c];
            pieces[root].push(piece);
        }
    }
    if pieces.iter().all(|p| p.is_empty()) {
        return None;
    }

    // Extent of every region, indexed by its root.
    let mut extent: Vec<Option<(usize, usize, usize, usize)>> = vec![None; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let root = regions[r * cols + c];
            extent[root] = Some(match extent[root] {
                None => (r, c, r, c),
                Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
            });
        }
    }

    let mut out_rows = Vec::with_capacity(rows);
    for r in 0..rows {
        let mut row = Vec::with_capacity(cols);
        for c in 0..cols {
            let root = regions[r * cols + c];
            let Some((r0, c0, r1, c1)) = extent[root] else {
                row.push(GridCell::text(""));
                continue;
            };
            if (r, c) != (r0, c0) {
                row.push(GridCell::covered((r0, c0)));
                continue;
            }
            let (text, text_box) = join_lines(&mut pieces[root]);
            let cell_box = BBox::new(
                lattice.xs[c0],
                lattice.ys[r0],
                lattice.xs[c1 + 1],
                lattice.ys[r1 + 1],
            );
            row.push(GridCell {
                text,
                row_span: (r1 - r0 + 1) as u32,
                col_span: (c1 - c0 + 1) as u32,
                bbox: Some(text_box.unwrap_or(cell_box)),
                covered_by: None,
            });
        }
        out_rows.push(row);
    }
    let (x0, y0, x1, y1) = lattice.outer();
    Some(Grid {
        rows: out_rows,
        bbox: Some(BBox::new(x0, y0, x1, y1)),
    })
}

/// For each elementary cell `r * cols + c`, the index of the top-left elementary cell of the
/// (rectangular) merged cell holding it.
fn regions(l: &Lattice) -> Vec<usize> {
    let (rows, cols) = (l.rows(), l.cols());
    let mut uf = UnionFind::new(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let here = r * cols + c;
            if c + 1 < cols && !l.v_present[r][c + 1] {
                uf.union(here, here + 1);
            }
            if r + 1 < rows && !l.h_present[r + 1][c] {
                uf.union(here, here + cols);
            }
        }
    }
    // A region that is not a rectangle (a ruling missing on one side only) becomes its bounding
    // rectangle, absorbing whatever it overlaps; repeat until stable (one or two rounds on real
    // tables). A lattice still unstable after a few rounds is left without merged cells.
    let mut stable = false;
    for _ in 0..8 {
        let mut ext: Vec<Option<(usize, usize, usize, usize)>> = vec![None; rows * cols];
        for r in 0..rows {
            for c in 0..cols {
                let root = uf.find(r * cols + c);
                ext[root] = Some(match ext[root] {
                    None => (r, c, r, c),
                    Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
                });
            }
        }
        let mut changed = false;
        for (root, e) in ext.iter().enumerate() {
            let Some((r0, c0, r1, c1)) = *e else { continue };
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if uf.find(r * cols + c) != uf.find(root) {
                        uf.union(r * cols + c, root);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            stable = true;
            break;
        }
    }
    if !stable {
        return (0..rows * cols).collect();
    }
    (0..rows * cols).map(|i| uf.find(i)).collect()
}

/// Where the text of one item goes: `(row, col, piece)` for each part of it.
fn place<'a>(l: &Lattice, regions: &[usize], item: &Item<'a>) -> Vec<(usize, usize, Piece<'a>)> {
    let b = item.bbox;
    let (rows, cols) = (l.rows(), l.cols());
    let r = index_of(&l.ys, b.center_y()).min(rows - 1);
    let first = index_of(&l.xs, b.x0 + 0.5).min(cols - 1);
    let last = index_of(&l.xs, b.x1 - 0.5).min(cols - 1);
    let whole = |c: usize| {
        vec![(
            r,
            c,
            Piece {
                text: item.text,
                bbox: b,
            },
        )]
    };
    if first >= last || regions[r * cols + first] == regions[r * cols + last] {
        return whole(index_of(&l.xs, b.center_x()).min(cols - 1));
    }
    // The span crosses a drawn ruling: cut it between glyphs.
    let chars: Vec<(usize, char)> = item.text.char_indices().collect();
    let total: f64 = chars.iter().map(|&(_, ch)| em(ch)).sum();
    if total <= 0.0 || b.width() <= 0.0 {
        return whole(index_of(&l.xs, b.center_x()).min(cols - 1));
    }
    let scale = b.width() / total;
    let mut out: Vec<(usize, usize, Piece<'a>)> = Vec::new();
    let mut x = b.x0;
    let mut run: Option<(usize, usize, f64, usize)> = None; // (col, byte start, x start, root)
    for (i, &(at, ch)) in chars.iter().enumerate() {
        let w = em(ch) * scale;
        let c = index_of(&l.xs, x + w / 2.0).min(cols - 1);
        let root = regions[r * cols + c];
        match run {
            Some((_, _, _, rt)) if rt == root => {}
            _ => {
                if let Some((rc, start, sx, _)) = run.take() {
                    out.push((
                        r,
                        rc,
                        Piece {
                            text: item.text.get(start..at).unwrap_or(""),
                            bbox: BBox::new(sx, b.y0, x, b.y1),
                        },
                    ));
                }
                run = Some((c, at, x, root));
            }
        }
        x += w;
        let _ = i;
    }
    if let Some((rc, start, sx, _)) = run {
        out.push((
            r,
            rc,
            Piece {
                text: item.text.get(start..).unwrap_or(""),
                bbox: BBox::new(sx, b.y0, b.x1, b.y1),
            },
        ));
    }
    out.retain(|(_, _, p)| !p.text.trim().is_empty());
    out
}

/// Relative advance of a character: one em for wide (CJK, full-width) characters, half otherwise.
pub(crate) fn em(ch: char) -> f64 {
    if ch.is_ascii() || ('\u{FF61}'..='\u{FFDC}').contains(&ch) {
        0.5
    } else if ch.is_whitespace() {
        0.25
    } else {
        1.0
    }
}

/// Index `i` of the interval `bounds[i]..bounds[i+1]` holding `v` (clamped to the first one).
fn index_of(bounds: &[f64], v: f64) -> usize {
    bounds.partition_point(|&b| b <= v).saturating_sub(1)
}

/// Lines of pieces, top to bottom, each left to right; returns the text and the pieces' box.
pub(crate) fn join_lines(pieces: &mut [Piece<'_>]) -> (String, Option<BBox>) {
    if pieces.is_empty() {
        return (String::new(), None);
    }
    pieces.sort_by(|a, b| {
        a.bbox
            .center_y()
            .total_cmp(&b.bbox.center_y())
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    let mut lines: Vec<(f64, f64, Vec<Piece<'_>>)> = Vec::new();
    for p in pieces.iter() {
        match lines.last_mut() {
            Some((y0, y1, ps)) if same_line(*y0, *y1, p.bbox.y0, p.bbox.y1) => {
                *y0 = y0.min(p.bbox.y0);
                *y1 = y1.max(p.bbox.y1);
                ps.push(*p);
            }
            _ => lines.push((p.bbox.y0, p.bbox.y1, vec![*p])),
        }
    }
    let mut text = String::new();
    let mut bbox: Option<BBox> = None;
    for (i, (_, _, ps)) in lines.iter_mut().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        ps.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
        let mut prev: Option<(char, f64)> = None;
        for p in ps.iter() {
            let t = p.text.trim();
            if t.is_empty() {
                continue;
            }
            if let (Some((a, right)), Some(b)) = (prev, t.chars().next()) {
                let wide_gap = p.bbox.x0 - right >= p.bbox.height().max(1.0);
                if wide_gap || (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) {
                    text.push(' ');
                }
            }
            text.push_str(t);
            prev = t.chars().last().map(|c| (c, p.bbox.x1));
            bbox = Some(bbox.map_or(p.bbox, |bb| bb.union(&p.bbox)));
        }
    }
    (text, bbox)
}

/// Two vertical extents are one line when they overlap by half the smaller height.
fn same_line(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    let overlap = a1.min(b1) - a0.max(b0);
    let h = (a1 - a0).min(b1 - b0).max(0.1);
    overlap >= 0.5 * h
}
