//! Ruling lines → table lattices.
//!
//! Horizontal and vertical segments and the four edges of every rectangle become axis-aligned
//! edges; collinear pieces are snapped together and merged; edges that touch form connected
//! components, and each component with at least two distinct x and two distinct y positions is
//! a [`Lattice`]: the sorted boundary positions plus, for every boundary between two elementary
//! cells, whether a ruling is actually drawn there (a missing ruling means a merged cell).
//!
//! Every step is `O(n log n)` in the number of segments, except the search for touching edges,
//! which is bounded by [`MAX_TOUCH_CHECKS`]; pages beyond the limits yield no lattice rather
//! than a slow one.

use xxgk_model::{Segment, SegmentKind};

/// Two parallel edges closer than this are the same ruling (points).
const SNAP: f64 = 1.5;
/// Collinear pieces separated by at most this gap are one ruling.
const JOIN_GAP: f64 = 2.0;
/// A horizontal and a vertical edge touch when each reaches within this of the other.
const TOUCH: f64 = 2.0;
/// A rectangle thinner than this is a line.
const THIN: f64 = 2.0;
/// Boundary positions closer than this are merged (no sliver rows or columns).
const MIN_CELL: f64 = 3.0;
/// An edge shorter than this is noise (e.g. a dot or a tick).
const MIN_EDGE: f64 = 1.0;
/// A ruling is drawn along a boundary when it covers at least this share of it.
const PRESENT_SHARE: f64 = 0.5;

/// Limits keeping pathological pages (hatching, charts, maps) fast.
const MAX_SEGMENTS: usize = 50_000;
const MAX_TOUCH_CHECKS: usize = 1_000_000;
const MAX_LATTICE_CELLS: usize = 40_000;

/// An axis-aligned edge: `pos` is y for a horizontal edge and x for a vertical one; `lo..hi` is
/// its extent along the other axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub pos: f64,
    pub lo: f64,
    pub hi: f64,
}

/// A table skeleton found from rulings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lattice {
    /// Column boundaries, ascending (`cols + 1` values).
    pub xs: Vec<f64>,
    /// Row boundaries, ascending (`rows + 1` values).
    pub ys: Vec<f64>,
    /// `v_present[r][k]`: a ruling is drawn at `xs[k]` along row `r` (k in 0..=cols).
    pub v_present: Vec<Vec<bool>>,
    /// `h_present[k][c]`: a ruling is drawn at `ys[k]` along column `c` (k in 0..=rows).
    pub h_present: Vec<Vec<bool>>,
}

impl Lattice {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }

    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }

    /// The outer box: `(x0, y0, x1, y1)`.
    pub fn outer(&self) -> (f64, f64, f64, f64) {
        (
            self.xs.first().copied().unwrap_or(0.0),
            self.ys.first().copied().unwrap_or(0.0),
            self.xs.last().copied().unwrap_or(0.0),
            self.ys.last().copied().unwrap_or(0.0),
        )
    }
}

/// Find the lattices drawn on a page of the given size (0 when unknown), top to bottom.
pub(crate) fn lattices(segments: &[Segment], width: f64, height: f64) -> Vec<Lattice> {
    let (hs, vs) = edges(segments, width, height);
    let hs = merge(hs);
    let vs = merge(vs);
    if hs.len() < 2 || vs.len() < 2 {
        return Vec::new();
    }
    let Some(groups) = components(&hs, &vs) else {
        return Vec::new();
    };
    let mut out: Vec<Lattice> = groups
        .into_iter()
        .filter_map(|(h, v)| {
            let h: Vec<Edge> = h.into_iter().filter_map(|i| hs.get(i).copied()).collect();
            let v: Vec<Edge> = v.into_iter().filter_map(|i| vs.get(i).copied()).collect();
            lattice(&h, &v)
        })
        .collect();
    out.sort_by(|a, b| {
        let (ax, ay, _, _) = a.outer();
        let (bx, by, _, _) = b.outer();
        ay.total_cmp(&by).then(ax.total_cmp(&bx))
    });
    out
}

/// Split segments into horizontal and vertical edges; rectangles give their four sides.
fn edges(segments: &[Segment], width: f64, height: f64) -> (Vec<Edge>, Vec<Edge>) {
    let page_area = width * height;
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for s in segments.iter().take(MAX_SEGMENTS) {
        if ![s.x0, s.y0, s.x1, s.y1].iter().all(|v| v.is_finite()) {
            continue;
        }
        let (x0, x1) = (s.x0.min(s.x1), s.x0.max(s.x1));
        let (y0, y1) = (s.y0.min(s.y1), s.y0.max(s.y1));
        let (w, h) = (x1 - x0, y1 - y0);
        let mut push_h = |pos: f64, lo: f64, hi: f64| {
            if hi - lo >= MIN_EDGE {
                hs.push(Edge { pos, lo, hi });
            }
        };
        match s.kind {
            SegmentKind::Horizontal => push_h((y0 + y1) / 2.0, x0, x1),
            SegmentKind::Vertical => {
                if h >= MIN_EDGE {
                    vs.push(Edge {
                        pos: (x0 + x1) / 2.0,
                        lo: y0,
                        hi: y1,
                    });
                }
            }
            SegmentKind::Rect => {
                if h <= THIN && w > h {
                    push_h((y0 + y1) / 2.0, x0, x1);
                } else if w <= THIN && h > w {
                    if h >= MIN_EDGE {
                        vs.push(Edge {
                            pos: (x0 + x1) / 2.0,
                            lo: y0,
                            hi: y1,
                        });
                    }
                } else if page_area > 0.0 && w * h >= 0.5 * page_area {
                    // The page itself, a clip of the whole body or a background: not a cell.
                } else if w > THIN && h > THIN {
                    push_h(y0, x0, x1);
                    push_h(y1, x0, x1);
                    vs.push(Edge {
                        pos: x0,
                        lo: y0,
                        hi: y1,
                    });
                    vs.push(Edge {
                        pos: x1,
                        lo: y0,
                        hi: y1,
                    });
                }
            }
        }
    }
    (hs, vs)
}

/// Snap parallel edges that are closer than [`SNAP`] to one position (the length-weighted mean)
/// and merge overlapping or nearly touching pieces. Output sorted by `(pos, lo)`.
pub(crate) fn merge(mut edges: Vec<Edge>) -> Vec<Edge> {
    edges.sort_unstable_by(|a, b| a.pos.total_cmp(&b.pos).then(a.lo.total_cmp(&b.lo)));
    let mut out = Vec::with_capacity(edges.len());
    let mut i = 0;
    while i < edges.len() {
        // A cluster: consecutive positions each within SNAP of the previous one, and the whole
        // within 2 × SNAP (no unbounded chaining).
        let start = i;
        let first = edges[i].pos;
        let mut j = i + 1;
        while j < edges.len()
            && edges[j].pos - edges[j - 1].pos <= SNAP
            && edges[j].pos - first <= 2.0 * SNAP
        {
            j += 1;
        }
        let cluster = &mut edges[start..j];
        let (mut wsum, mut psum) = (0.0, 0.0);
        for e in cluster.iter() {
            let w = (e.hi - e.lo).max(MIN_EDGE);
            wsum += w;
            psum += w * e.pos;
        }
        let pos = if wsum > 0.0 { psum / wsum } else { first };
        cluster.sort_unstable_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut cur: Option<Edge> = None;
        for e in cluster.iter() {
            match cur.as_mut() {
                Some(c) if e.lo <= c.hi + JOIN_GAP => c.hi = c.hi.max(e.hi),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Edge {
                        pos,
                        lo: e.lo,
                        hi: e.hi,
                    });
                }
            }
        }
        if let Some(c) = cur {
            out.push(c);
        }
        i = j;
    }
    out
}

/// Groups of touching edges: `(horizontal indices, vertical indices)`, only groups with at
/// least two of each. `None` when the page exceeds [`MAX_TOUCH_CHECKS`].
fn components(hs: &[Edge], vs: &[Edge]) -> Option<Vec<(Vec<usize>, Vec<usize>)>> {
    // Verticals sorted by x (they are sorted by pos already, as `merge` output).
    let mut uf = UnionFind::new(hs.len() + vs.len());
    let mut checks = 0usize;
    for (hi, h) in hs.iter().enumerate() {
        let from = vs.partition_point(|v| v.pos < h.lo - TOUCH);
        for (k, v) in vs.iter().enumerate().skip(from) {
            if v.pos > h.hi + TOUCH {
                break;
            }
            checks += 1;
            if checks > MAX_TOUCH_CHECKS {
                return None;
            }
            if h.pos >= v.lo - TOUCH && h.pos <= v.hi + TOUCH {
                uf.union(hi, hs.len() + k);
            }
        }
    }
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; hs.len() + vs.len()];
    for i in 0..hs.len() + vs.len() {
        let root = uf.find(i);
        let g = match slot[root] {
            Some(g) => g,
            None => {
                groups.push((Vec::new(), Vec::new()));
                slot[root] = Some(groups.len() - 1);
                groups.len() - 1
            }
        };
        if i < hs.len() {
            groups[g].0.push(i);
        } else {
            groups[g].1.push(i - hs.len());
        }
    }
    groups.retain(|(h, v)| h.len() >= 2 && v.len() >= 2);
    Some(groups)
}

/// The lattice of one component of touching edges.
fn lattice(hs: &[Edge], vs: &[Edge]) -> Option<Lattice> {
    // Boundaries: the rulings' positions, plus the extent of the perpendicular rulings when they
    // reach clearly beyond the outermost one (tables drawn without outer side borders).
    let mut xs: Vec<(f64, f64)> = vs.iter().map(|v| (v.pos, v.hi - v.lo)).collect();
    let mut ys: Vec<(f64, f64)> = hs.iter().map(|h| (h.pos, h.hi - h.lo)).collect();
    let (vx0, vx1) = min_max(vs.iter().map(|v| v.pos))?;
    let (hy0, hy1) = min_max(hs.iter().map(|h| h.pos))?;
    let (hx0, hx1) = min_max(hs.iter().flat_map(|h| [h.lo, h.hi]))?;
    let (vy0, vy1) = min_max(vs.iter().flat_map(|v| [v.lo, v.hi]))?;
    if hx0 < vx0 - 2.0 * MIN_CELL {
        xs.push((hx0, 0.0));
    }
    if hx1 > vx1 + 2.0 * MIN_CELL {
        xs.push((hx1, 0.0));
    }
    if vy0 < hy0 - 2.0 * MIN_CELL {
        ys.push((vy0, 0.0));
    }
    if vy1 > hy1 + 2.0 * MIN_CELL {
        ys.push((vy1, 0.0));
    }
    let xs = boundaries(xs);
    let ys = boundaries(ys);
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    if rows.saturating_mul(cols) > MAX_LATTICE_CELLS {
        return None;
    }
    let v_present = presence(vs, &xs, &ys);
    let h_present = presence(hs, &ys, &xs);
    // v_present is indexed [k][r] by `presence`; transpose to [r][k].
    let v_present = (0..rows)
        .map(|r| (0..=cols).map(|k| v_present[k][r]).collect())
        .collect();
    Some(Lattice {
        xs,
        ys,
        v_present,
        h_present,
    })
}

fn min_max(it: impl Iterator<Item = f64>) -> Option<(f64, f64)> {
    it.fold(None, |acc, v| match acc {
        None => Some((v, v)),
        Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
    })
}

/// Sorted distinct boundary positions: positions closer than [`MIN_CELL`] are one, placed at the
/// position of the longest ruling among them.
fn boundaries(mut pos: Vec<(f64, f64)>) -> Vec<f64> {
    pos.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (p, len) in pos {
        match out.last_mut() {
            Some(last) if p - last.0 < MIN_CELL => {
                if len > last.1 {
                    *last = (p, len);
                }
            }
            _ => out.push((p, len)),
        }
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// For each boundary `k` at `at[k]`, and each interval `i` between `along[i]` and `along[i+1]`:
/// is a ruling drawn there? Returns `[k][i]`.
fn presence(edges: &[Edge], at: &[f64], along: &[f64]) -> Vec<Vec<bool>> {
    let n = along.len().saturating_sub(1);
    let mut per_k: Vec<Vec<(f64, f64)>> = vec![Vec::new(); at.len()];
    for e in edges {
        if let Some(k) = nearest(at, e.pos) {
            per_k[k].push((e.lo, e.hi));
        }
    }
    per_k
        .into_iter()
        .map(|mut ivs| {
            ivs.sort_by(|a, b| a.0.total_cmp(&b.0));
            (0..n)
                .map(|i| {
                    let (a, b) = (along[i], along[i + 1]);
                    let covered: f64 = ivs
                        .iter()
                        .map(|&(lo, hi)| (hi.min(b) - lo.max(a)).max(0.0))
                        .sum();
                    covered >= PRESENT_SHARE * (b - a)
                })
                .collect()
        })
        .collect()
}

/// Index of the boundary nearest to `p`, if within [`MIN_CELL`].
fn nearest(at: &[f64], p: f64) -> Option<usize> {
    let i = at.partition_point(|&v| v < p);
    let mut best: Option<(usize, f64)> = None;
    for k in [i.wrapping_sub(1), i] {
        if let Some(&v) = at.get(k) {
            let d = (v - p).abs();
            let better = match best {
                None => true,
                Some((_, bd)) => d < bd,
            };
            if d <= MIN_CELL && better {
                best = Some((k, d));
            }
        }
    }
    best.map(|(k, _)| k)
}

/// Disjoint sets over `0..n` with path halving.
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays root: deterministic and keeps top-left cells as roots.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f64, y0: f64, x1: f64, y1: f64, kind: SegmentKind) -> Segment {
        Segment {
            x0,
            y0,
            x1,
            y1,
            kind,
        }
    }

    #[test]
    fn merges_collinear_pieces() {
        let m = merge(vec![
            Edge {
                pos: 10.0,
                lo: 0.0,
                hi: 50.0,
            },
            Edge {
                pos: 10.4,
                lo: 51.0,
                hi: 100.0,
            },
            Edge {
                pos: 30.0,
                lo: 0.0,
                hi: 100.0,
            },
        ]);
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].lo, m[0].hi), (0.0, 100.0));
        assert!((m[0].pos - 10.2).abs() < 0.05, "{}", m[0].pos);
    }

    #[test]
    fn two_by_two_with_a_merged_top_row() {
        use SegmentKind::*;
        let segs = vec![
            seg(0.0, 0.0, 100.0, 0.0, Horizontal),
            seg(0.0, 20.0, 100.0, 20.0, Horizontal),
            seg(0.0, 40.0, 100.0, 40.0, Horizontal),
            seg(0.0, 0.0, 0.0, 40.0, Vertical),
            seg(100.0, 0.0, 100.0, 40.0, Vertical),
            seg(50.0, 20.0, 50.0, 40.0, Vertical),
            // A clip rectangle slightly off the rulings: snapped, not a new column.
            seg(0.3, 20.2, 49.8, 39.8, Rect),
        ];
        let ls = lattices(&segs, 600.0, 800.0);
        assert_eq!(ls.len(), 1);
        let l = &ls[0];
        assert_eq!((l.rows(), l.cols()), (2, 2));
        assert_eq!(l.v_present[0], vec![true, false, true]);
        assert_eq!(l.v_present[1], vec![true, true, true]);
    }

    #[test]
    fn page_sized_clip_is_ignored() {
        let segs = vec![seg(0.0, 0.0, 595.0, 842.0, SegmentKind::Rect)];
        assert!(lattices(&segs, 595.0, 842.0).is_empty());
    }
}
