//! A table assembled cell by cell, the way word processors record it, expanded into a [`Grid`]:
//! cells go left to right into the next free position of the row (positions filled by a row
//! span from above are skipped, as in the HTML table model); a cell may span columns, span rows,
//! or continue the vertical merge of the cell above (Word's and RTF's `vMerge`). Used by the
//! .doc, .odt, .rtf and spreadsheet readers. Bounded by [`MAX_ROWS`] × [`MAX_COLS`].

use xxgk_model::{Grid, GridCell};

pub const MAX_ROWS: usize = 4000;
pub const MAX_COLS: usize = 256;

/// A cell's text from the paragraphs recorded for it: each trimmed, empty ones dropped, one per
/// line.
pub fn cell_text(paragraphs: &[String]) -> String {
    paragraphs
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a cell takes part in a vertical merge recorded cell by cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    /// First cell of a vertical merge (holds the text).
    Restart,
    /// Covered by the cell above (its text, if any, is added to the origin's).
    Continue,
}

/// One cell as the source records it.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub col_span: usize,
    pub row_span: usize,
    pub vmerge: VMerge,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            col_span: 1,
            row_span: 1,
            vmerge: VMerge::None,
        }
    }
}

/// Rows of slots being filled.
#[derive(Debug, Default)]
pub struct Builder {
    rows: Vec<Vec<Option<GridCell>>>,
    /// The current row (rows below it may exist already, holding positions of row spans).
    cur: Option<usize>,
    col: usize,
    /// Something was dropped past the bounds.
    pub cut: bool,
}

impl Builder {
    pub fn start_row(&mut self) {
        self.col = 0;
        let next = self.cur.map_or(0, |c| c + 1);
        if next >= MAX_ROWS {
            self.cut = true;
            self.cur = Some(MAX_ROWS);
            return;
        }
        self.cur = Some(next);
        while self.rows.len() <= next {
            self.rows.push(Vec::new());
        }
    }

    /// Move the next cell to column `col` at least (a source that records cell positions).
    pub fn skip_to(&mut self, col: usize) {
        self.col = self.col.max(col.min(MAX_COLS));
    }

    /// Whether position `col` of the current row is already taken (by a span).
    pub fn is_filled(&self, col: usize) -> bool {
        self.cur
            .and_then(|r| self.rows.get(r))
            .and_then(|r| r.get(col))
            .is_some_and(Option::is_some)
    }

    /// Place a cell at the next free position of the current row.
    pub fn push(&mut self, cell: Cell) {
        if self.cur.is_none() {
            self.start_row();
        }
        let r = self.cur.unwrap_or(0);
        if r >= MAX_ROWS || r >= self.rows.len() || self.col >= MAX_COLS {
            self.cut = true;
            return;
        }
        while self.rows[r].get(self.col).is_some_and(Option::is_some) {
            self.col += 1;
        }
        let c = self.col;
        if c >= MAX_COLS {
            self.cut = true;
            return;
        }
        let span = cell.col_span.clamp(1, MAX_COLS - c);
        self.col += span;
        let text = cell.text.trim().to_string();
        if cell.vmerge == VMerge::Continue && r > 0 {
            if let Some(origin) = self.rows[r - 1]
                .get(c)
                .and_then(|x| x.as_ref())
                .map(|x| x.covered_by.unwrap_or((r - 1, c)))
            {
                self.cover(r, c, span, origin);
                if let Some(Some(o)) = self
                    .rows
                    .get_mut(origin.0)
                    .and_then(|x| x.get_mut(origin.1))
                {
                    o.row_span = (r - origin.0 + 1) as u32;
                    if !text.is_empty() {
                        if !o.text.is_empty() {
                            o.text.push('\n');
                        }
                        o.text.push_str(&text);
                    }
                }
                return;
            }
        }
        let row_span = cell.row_span.clamp(1, MAX_ROWS - r);
        let mut origin = GridCell::text(text);
        origin.col_span = span as u32;
        origin.row_span = row_span as u32;
        self.set(r, c, origin);
        for rr in r..r + row_span {
            while self.rows.len() <= rr {
                self.rows.push(Vec::new());
            }
            let first = if rr == r { c + 1 } else { c };
            for cc in first..c + span {
                self.set(
                    rr,
                    cc,
                    GridCell {
                        covered_by: Some((r, c)),
                        ..GridCell::text("")
                    },
                );
            }
        }
    }

    fn cover(&mut self, r: usize, c: usize, span: usize, origin: (usize, usize)) {
        for cc in c..c + span {
            self.set(
                r,
                cc,
                GridCell {
                    covered_by: Some(origin),
                    ..GridCell::text("")
                },
            );
        }
    }

    fn set(&mut self, r: usize, c: usize, cell: GridCell) {
        let row = &mut self.rows[r];
        if row.len() <= c {
            row.resize(c + 1, None);
        }
        row[c] = Some(cell);
    }

    /// The grid; rows added only by a row span past the last row are kept.
    pub fn finish(self) -> Grid {
        let rows: Vec<_> = self.rows.into_iter().filter(|r| !r.is_empty()).collect();
        Grid::from_slots(rows)
    }
}

/// A row as Word's binary format and RTF record it: the cells' boundaries from the left
/// (`n + 1` positions for `n` cells, in twips) and per-cell merge flags.
#[derive(Debug, Clone, Default)]
pub struct RowDef {
    pub bounds: Vec<i32>,
    /// The cell is merged into the one on its left (old-style horizontal merge).
    pub merged_left: Vec<bool>,
    pub vmerge: Vec<VMerge>,
}

/// Rows of cell texts with their definitions, made into a grid whose columns are all the
/// distinct boundaries of its rows (within 10 twips): a cell spans the columns between its two.
#[derive(Debug, Default)]
pub struct PositionedRows {
    pub rows: Vec<(Vec<String>, RowDef)>,
}

impl PositionedRows {
    pub fn finish(self) -> Option<Grid> {
        if self.rows.is_empty() {
            return None;
        }
        let mut edges: Vec<i32> = self
            .rows
            .iter()
            .flat_map(|(_, d)| d.bounds.iter().copied())
            .collect();
        edges.sort_unstable();
        edges.dedup_by(|a, b| (*a - *b).abs() <= 10);
        let col_of = |x: i32| edges.iter().position(|e| (e - x).abs() <= 10).unwrap_or(0);
        let mut b = Builder::default();
        for (cells, def) in self.rows {
            b.start_row();
            let usable = def.bounds.len() > cells.len();
            let mut k = 0;
            while k < cells.len() {
                // Cells merged into this one (old-style) widen it.
                let mut end = k + 1;
                while end < cells.len() && def.merged_left.get(end) == Some(&true) {
                    end += 1;
                }
                let (start, span) = if usable {
                    let s = col_of(def.bounds[k]);
                    let e = col_of(def.bounds[end]);
                    (s, e.saturating_sub(s).max(1))
                } else {
                    (0, end - k)
                };
                if usable {
                    b.skip_to(start);
                }
                let text = cells[k..end]
                    .iter()
                    .map(|t| t.trim())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                b.push(Cell {
                    col_span: span,
                    vmerge: def.vmerge.get(k).copied().unwrap_or_default(),
                    ..Cell::new(text)
                });
                k = end;
            }
        }
        Some(b.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_vertical_merges() {
        let mut b = Builder::default();
        b.start_row();
        b.push(Cell {
            row_span: 2,
            ..Cell::new("a")
        });
        b.push(Cell {
            col_span: 2,
            ..Cell::new("b")
        });
        b.start_row();
        b.push(Cell::new("c"));
        b.push(Cell {
            vmerge: VMerge::Restart,
            ..Cell::new("d")
        });
        b.start_row();
        b.push(Cell::new("e"));
        b.push(Cell::new("f"));
        b.push(Cell {
            vmerge: VMerge::Continue,
            ..Cell::new("")
        });
        let g = b.finish();
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[0][0].row_span, 2);
        assert_eq!(g.rows[1][0].covered_by, Some((0, 0)));
        assert_eq!(g.rows[0][2].covered_by, Some((0, 1)));
        assert_eq!(g.rows[1][1].text, "c");
        assert_eq!(g.rows[1][2].row_span, 2);
        assert_eq!(g.text_at(2, 2), "d");
    }
}
