//! Tables drawn without rulings: columns from the alignment of spans across consecutive lines.
//!
//! Conservative by design: a page region becomes a grid only when *value rows* (chunks of text
//! separated by wide gaps, at least one of them a number or a dash) line up in the same columns.
//! Prose is one chunk per line and never qualifies.
//!
//! 1. Free spans are grouped into visual rows (vertical overlap) and each row into chunks (spans
//!    closer than [`CHUNK_GAP`] em).
//! 2. Runs of value rows close to each other are candidate tables: two value rows, one row of
//!    many values, or one value row under an aligned header row. The value chunks' x-extents,
//!    merged where they overlap, are the columns; text left of the values is one label column.
//! 3. A run is cut at a row that starts in the label column and runs on into the value columns
//!    (a caption or a prose line between two tables), then grown upwards over header rows and
//!    downwards over label continuation lines.
//! 4. One grid row per visual row, except that label lines wrapped around a value row (same
//!    indent, the table's line pitch) join that row, and wrapped label lines without values join
//!    each other.
//!
//! The rules and their thresholds are explained in `docs/design-layout.md`.

use super::cells::{join_lines, Piece};
use super::{Found, Item};
use xxgk_model::{BBox, Grid, GridCell};

/// Spans closer than this many em are one chunk (one cell's text).
const CHUNK_GAP: f64 = 0.6;
/// In a tabular row, a value and a non-value this many em apart are separate chunks.
const VALUE_GAP: f64 = 0.2;
/// Two value rows farther apart than this many em are not one table.
const MAX_ROW_GAP_EM: f64 = 8.0;
/// At most this many other rows between two value rows of one table.
const MAX_ROWS_BETWEEN: usize = 6;
/// A header row is at most this many em above the table.
const HEADER_GAP_EM: f64 = 4.0;
/// A continuation line is at most this many em below the table.
const TAIL_GAP_EM: f64 = 1.0;
/// Line pitches within this factor of the smallest are the same wrapped cell.
const PITCH_SLACK: f64 = 1.1;
/// A single value row makes a table only with this many values.
const MIN_LONE_VALUES: usize = 4;
/// Pages with more free spans than this are not searched (a bound on work, not a heuristic).
const MAX_ITEMS: usize = 20_000;

/// A visual row: items overlapping vertically.
#[derive(Debug, Clone)]
struct Row {
    /// Indices into the page items, left to right.
    items: Vec<usize>,
    y0: f64,
    y1: f64,
    em: f64,
    chunks: Vec<Chunk>,
}

impl Row {
    fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    /// Has at least two chunks, one a value, and either three chunks or a value at the end.
    fn is_value_row(&self) -> bool {
        let values = self.chunks.iter().filter(|c| c.value).count();
        let n = self.chunks.len();
        n >= 2 && values >= 1 && (n >= 3 || self.chunks.last().is_some_and(|c| c.value))
    }
}

/// Spans of a row without a wide gap between them.
#[derive(Debug, Clone, Copy)]
struct Chunk {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    /// Every span is a number or a dash.
    value: bool,
}

/// The columns of a candidate table.
#[derive(Debug, Clone)]
struct Columns {
    /// Extents of the value rows' chunks, merged where they overlap; ascending.
    spans: Vec<(f64, f64)>,
    /// Columns before this index are label columns.
    first_value: usize,
}

impl Columns {
    fn new(rows: &[Row], value_rows: &[usize]) -> Option<Columns> {
        let chunks: Vec<&Chunk> = value_rows
            .iter()
            .flat_map(|&r| rows[r].chunks.iter())
            .collect();
        // Values start at the leftmost value chunk; text left of it is the label column (one
        // column: indents of a row hierarchy are not columns of their own). A label running on
        // into the first value column (a number glued to it) does not widen the label column.
        let start = chunks
            .iter()
            .filter(|c| c.value)
            .map(|c| c.x0)
            .fold(f64::INFINITY, f64::min);
        if !start.is_finite() {
            return None;
        }
        let mut ext: Vec<(f64, f64, bool)> = chunks
            .iter()
            .filter(|c| c.value || c.x0 >= start)
            .map(|c| (c.x0, c.x1, c.value))
            .collect();
        ext.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut spans: Vec<(f64, f64, usize, usize)> = Vec::new(); // x0, x1, values, chunks
        for (x0, x1, v) in ext {
            match spans.last_mut() {
                Some(last) if x0 <= last.1 => {
                    last.1 = last.1.max(x1);
                    last.2 += usize::from(v);
                    last.3 += 1;
                }
                _ => spans.push((x0, x1, usize::from(v), 1)),
            }
        }
        let label = chunks.iter().filter(|c| !c.value && c.x0 < start).fold(
            None,
            |acc: Option<(f64, f64)>, c| {
                let x1 = c.x1.min(start - 0.5);
                Some(acc.map_or((c.x0, x1), |(a, b)| (a.min(c.x0), b.max(x1))))
            },
        );
        let mut out: Vec<(f64, f64)> = Vec::with_capacity(spans.len() + 1);
        out.extend(label);
        out.extend(spans.iter().map(|s| (s.0, s.1)));
        if out.len() < 2 {
            return None;
        }
        Some(Columns {
            spans: out,
            first_value: usize::from(label.is_some()),
        })
    }

    /// The column holding `[x0, x1]`: the one it overlaps most, else the nearest by gap midpoints.
    fn of(&self, x0: f64, x1: f64) -> usize {
        let mut best = (0usize, 0.0f64);
        for (i, &(a, b)) in self.spans.iter().enumerate() {
            let o = x1.min(b) - x0.max(a);
            if o > best.1 {
                best = (i, o);
            }
        }
        if best.1 > 0.0 {
            return best.0;
        }
        let c = (x0 + x1) / 2.0;
        self.spans
            .windows(2)
            .position(|w| c < (w[0].1 + w[1].0) / 2.0)
            .unwrap_or(self.spans.len() - 1)
    }

    /// Columns substantially covered by `[x0, x1]` (for header cells over several columns).
    fn covered(&self, x0: f64, x1: f64) -> Option<(usize, usize)> {
        let hit: Vec<usize> = self
            .spans
            .iter()
            .enumerate()
            .filter(|(_, &(a, b))| x1.min(b) - x0.max(a) >= 0.3 * (b - a).max(1.0))
            .map(|(i, _)| i)
            .collect();
        match (hit.first(), hit.last()) {
            (Some(&a), Some(&b)) if b > a => Some((a, b)),
            _ => None,
        }
    }

    /// Mostly in the label column (a number glued to a label is allowed to run on).
    fn in_labels(&self, c: &Chunk) -> bool {
        self.of(c.x0, c.x1) < self.first_value
    }

    /// Entirely in the label column.
    fn only_in_labels(&self, c: &Chunk) -> bool {
        self.in_labels(c)
            && !self.spans[self.first_value..]
                .iter()
                .any(|&(a, b)| c.x1 > a && c.x0 < b)
    }

    /// A single chunk starting in the label columns and running into the value columns.
    fn is_break(&self, row: &Row) -> bool {
        if self.first_value == 0 {
            return false;
        }
        let label_end = self.spans[self.first_value - 1].1;
        row.chunks.len() == 1
            && row.chunks.iter().all(|c| {
                c.x0 <= label_end
                    && self.spans[self.first_value..]
                        .iter()
                        .any(|&(a, b)| c.x1 > a && c.x0 < b)
            })
    }

    fn left(&self) -> f64 {
        self.spans.first().map_or(0.0, |s| s.0)
    }

    fn right(&self) -> f64 {
        self.spans.last().map_or(0.0, |s| s.1)
    }
}

/// Borderless tables among the items not yet consumed; marks what they take.
pub(crate) fn find(items: &[Item<'_>], consumed: &mut [bool]) -> Vec<Found> {
    let free: Vec<usize> = (0..items.len()).filter(|&i| !consumed[i]).collect();
    if free.len() < 4 || free.len() > MAX_ITEMS {
        return Vec::new();
    }
    let rows = visual_rows(items, free);
    let mut taken = vec![false; rows.len()];
    let mut out = Vec::new();
    for run in runs(&rows) {
        for part in split(&rows, &run) {
            if let Some((table_rows, cols)) = extend(&rows, items, &part, &taken) {
                let groups = group_rows(&rows, &table_rows, &cols);
                if let Some(found) = build(&rows, items, &groups, &cols) {
                    for &r in &table_rows {
                        taken[r] = true;
                        for &i in &rows[r].items {
                            consumed[i] = true;
                        }
                    }
                    out.push(found);
                }
            }
        }
    }
    out
}

/// Items grouped into rows by vertical overlap, top to bottom, each with its chunks.
fn visual_rows(items: &[Item<'_>], mut free: Vec<usize>) -> Vec<Row> {
    free.sort_by(|&a, &b| {
        items[a]
            .bbox
            .center_y()
            .total_cmp(&items[b].bbox.center_y())
    });
    let mut rows: Vec<Row> = Vec::new();
    for i in free {
        let b = items[i].bbox;
        // Join the last row when overlapping its first item by half the smaller height.
        let joins = rows.last().is_some_and(|r| {
            let f = items[r.items[0]].bbox;
            let overlap = f.y1.min(b.y1) - f.y0.max(b.y0);
            overlap >= 0.5 * f.height().min(b.height()).max(0.1)
        });
        match rows.last_mut() {
            Some(r) if joins => {
                r.items.push(i);
                r.y0 = r.y0.min(b.y0);
                r.y1 = r.y1.max(b.y1);
                r.em = r.em.max(items[i].size);
            }
            _ => rows.push(Row {
                items: vec![i],
                y0: b.y0,
                y1: b.y1,
                em: items[i].size,
                chunks: Vec::new(),
            }),
        }
    }
    for r in &mut rows {
        r.items
            .sort_by(|&a, &b| items[a].bbox.x0.total_cmp(&items[b].bbox.x0));
        let wide = chunk(items, &r.items, r.em, CHUNK_GAP, None);
        // In a row that is tabular already (wide gaps, a value), a number set off from a label
        // by a narrow gap is a cell of its own (tight cell padding), not part of the label.
        let tabular = wide.len() >= 2 && wide.iter().any(|c| c.value);
        r.chunks = if tabular {
            chunk(items, &r.items, r.em, CHUNK_GAP, Some(VALUE_GAP))
        } else {
            wide
        };
    }
    // `label 123` right under a header row whose heads stand over both parts: the same, for a
    // table with one data row. (Prose has no header row of separate chunks above it.)
    for i in 1..rows.len() {
        if rows[i].chunks.len() >= 2 {
            continue;
        }
        let tight = chunk(
            items,
            &rows[i].items,
            rows[i].em,
            CHUNK_GAP,
            Some(VALUE_GAP),
        );
        if tight.len() >= 2 && heads_over(&rows[i - 1], &rows[i], &tight) {
            rows[i].chunks = tight;
        }
    }
    rows
}

/// Items (sorted by x) into chunks: a new chunk at a gap of `gap` em, or of `value_gap` em
/// where a value meets a non-value.
fn chunk(
    items: &[Item<'_>],
    row: &[usize],
    em: f64,
    gap: f64,
    value_gap: Option<f64>,
) -> Vec<Chunk> {
    let mut chunks: Vec<(Chunk, bool)> = Vec::new(); // chunk, last item is a value
    for &i in row {
        let b = items[i].bbox;
        let v = value_like(items[i].text);
        let joins = chunks.last().is_some_and(|(c, last_v)| {
            let g = b.x0 - c.x1;
            g < gap * em && !(value_gap.is_some_and(|vg| g >= vg * em) && *last_v != v)
        });
        match chunks.last_mut() {
            Some((c, last_v)) if joins => {
                c.x1 = c.x1.max(b.x1);
                c.y0 = c.y0.min(b.y0);
                c.y1 = c.y1.max(b.y1);
                c.value &= v;
                *last_v = v;
            }
            _ => chunks.push((
                Chunk {
                    x0: b.x0,
                    x1: b.x1,
                    y0: b.y0,
                    y1: b.y1,
                    value: v,
                },
                v,
            )),
        }
    }
    chunks.into_iter().map(|(c, _)| c).collect()
}

/// A number or a not-applicable mark: digits with separators, signs, a decimal point, `%`, or a
/// dash-like mark alone.
fn value_like(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    let digits = t
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    let other_ok = t.chars().all(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(
                c,
                '.' | ',' | '+' | '-' | '%' | '．' | '，' | '＋' | '－' | '％' | '−'
            )
    });
    if digits > 0 && other_ok {
        return true;
    }
    matches!(t, "-" | "—" | "——" | "–" | "/" | "／" | "－" | "―" | "--")
}

/// Runs of value rows near each other: indices of rows from the first to the last value row.
fn runs(rows: &[Row]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let mut last_value: Option<usize> = None;
    for (i, row) in rows.iter().enumerate() {
        if !row.is_value_row() {
            continue;
        }
        if let Some(lv) = last_value {
            let gap = row.y0 - rows[lv].y1;
            let between = i - lv - 1;
            if gap <= MAX_ROW_GAP_EM * row.em.max(rows[lv].em) && between <= MAX_ROWS_BETWEEN {
                cur.extend(lv + 1..=i);
                last_value = Some(i);
                continue;
            }
            out.push(std::mem::take(&mut cur));
        }
        cur.push(i);
        last_value = Some(i);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|r| enough_values(rows, r));
    out
}

/// Two value rows, or one row of at least [`MIN_LONE_VALUES`] values (a table with one data row,
/// which prose never looks like).
fn enough_values(rows: &[Row], run: &[usize]) -> bool {
    let mut values = run.iter().filter(|&&i| rows[i].is_value_row());
    match (values.next(), values.next()) {
        (Some(_), Some(_)) => true,
        (Some(&i), None) => {
            rows[i].chunks.iter().filter(|c| c.value).count() >= MIN_LONE_VALUES
                || under_header(rows, i)
        }
        _ => false,
    }
}

/// A value row right under a header row that has a chunk above each of its chunks, the first
/// above the first (label under label, value under its column head): a one-row table such as
/// `信息内容 本年处理决定数量` / `行政许可 447228`.
fn under_header(rows: &[Row], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|k| rows.get(k)), rows.get(i)) {
        (Some(h), Some(r)) => heads_over(h, r, &r.chunks),
        _ => false,
    }
}

/// `h` is a header row (two chunks or more, no value) close above `r`, with a chunk over each
/// of `chunks` and its first chunk over the first one.
fn heads_over(h: &Row, r: &Row, chunks: &[Chunk]) -> bool {
    let over = |a: &Chunk, b: &Chunk| a.x0 < b.x1 && b.x0 < a.x1;
    !h.is_value_row()
        && h.chunks.len() >= 2
        && r.y0 - h.y1 <= HEADER_GAP_EM * r.em
        && h.chunks
            .first()
            .zip(chunks.first())
            .is_some_and(|(a, b)| over(a, b))
        && chunks.iter().all(|c| h.chunks.iter().any(|hc| over(hc, c)))
}

/// Cut a run at break rows (captions, prose) and keep the parts that still hold two value rows.
fn split(rows: &[Row], run: &[usize]) -> Vec<Vec<usize>> {
    let values: Vec<usize> = run
        .iter()
        .copied()
        .filter(|&i| rows[i].is_value_row())
        .collect();
    let Some(cols) = Columns::new(rows, &values) else {
        return Vec::new();
    };
    let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
    for &i in run {
        if !rows[i].is_value_row() && cols.is_break(&rows[i]) {
            parts.push(Vec::new());
        } else if let Some(p) = parts.last_mut() {
            p.push(i);
        }
    }
    parts
        .into_iter()
        .map(|p| {
            // Trim to the first and last value rows.
            let a = p.iter().position(|&i| rows[i].is_value_row());
            let z = p.iter().rposition(|&i| rows[i].is_value_row());
            match (a, z) {
                (Some(a), Some(z)) => p[a..=z].to_vec(),
                _ => Vec::new(),
            }
        })
        .filter(|p| enough_values(rows, p))
        .collect()
}

/// Validate a part and grow it over header rows above and continuation lines below. Returns the
/// table's rows (ascending) and its columns.
fn extend(
    rows: &[Row],
    items: &[Item<'_>],
    part: &[usize],
    taken: &[bool],
) -> Option<(Vec<usize>, Columns)> {
    let values: Vec<usize> = part
        .iter()
        .copied()
        .filter(|&i| rows[i].is_value_row())
        .collect();
    let cols = Columns::new(rows, &values)?;
    // Every value row must put its chunks in distinct value columns (else the columns are not
    // real); the label column may hold several (indents).
    let aligned = values
        .iter()
        .filter(|&&r| {
            let mut seen: Vec<usize> = rows[r]
                .chunks
                .iter()
                .map(|c| cols.of(c.x0, c.x1))
                .filter(|&k| k >= cols.first_value)
                .collect();
            let n = seen.len();
            seen.dedup();
            seen.len() == n
        })
        .count();
    if aligned * 4 < values.len() * 3 {
        return None;
    }
    // Every value column holds values in at least two rows (in the one row of a one-row table).
    for k in cols.first_value..cols.spans.len() {
        let n = values
            .iter()
            .filter(|&&r| {
                rows[r]
                    .chunks
                    .iter()
                    .any(|c| c.value && cols.of(c.x0, c.x1) == k)
            })
            .count();
        if n < values.len().min(2) {
            return None;
        }
    }
    let (left, right) = (cols.left(), cols.right());
    let width = right - left;
    // Every span starts inside the columns (a header may run on past the last one), none as
    // wide as a paragraph line. Spans, not chunks: header words of narrow cells sit close
    // together.
    let fits = |row: &Row| {
        row.items.iter().all(|&i| {
            let b = items[i].bbox;
            b.x0 >= left - row.em && b.x0 <= right && b.width() <= (0.6 * width).max(20.0 * row.em)
        })
    };
    let mut table: Vec<usize> = part.to_vec();
    let (&first, &last) = (part.first()?, part.last()?);
    // The widest gap between two rows of the part, and the body's font size: a header row is no
    // farther from the table than rows are from each other, and printed in the same size.
    let max_gap = part
        .windows(2)
        .map(|w| rows[w[1]].y0 - rows[w[0]].y1)
        .fold(0.0f64, f64::max);
    let mut ems: Vec<f64> = values.iter().map(|&r| rows[r].em).collect();
    ems.sort_by(f64::total_cmp);
    let em = ems.get(ems.len() / 2).copied().unwrap_or(1.0);
    // Captions are printed larger than the table; header cells may be smaller than its values.
    let same_size = |r: &Row| r.em <= 1.1 * em && r.em >= 0.5 * em;
    // A one-row table has no gap of its own to compare with.
    let max_gap = if part.len() < 2 {
        f64::INFINITY
    } else {
        max_gap
    };
    // Upwards: header rows and label lines, while close, inside the columns and not a break.
    let mut top = rows[first].y0;
    for i in (0..first).rev() {
        let r = &rows[i];
        let gap = top - r.y1;
        if taken[i]
            || r.is_value_row()
            || gap > HEADER_GAP_EM * r.em.max(em)
            || gap > 1.25 * max_gap.max(0.3 * em) + 0.5
            || !same_size(r)
            || cols.is_break(r)
            || !fits(r)
        {
            break;
        }
        table.push(i);
        top = r.y0;
    }
    // Downwards: label continuation lines only.
    let mut bottom = rows[last].y1;
    for (i, r) in rows.iter().enumerate().skip(last + 1) {
        let label_only = r.chunks.iter().all(|c| cols.only_in_labels(c));
        if taken[i]
            || r.y0 - bottom > TAIL_GAP_EM * r.em
            || !same_size(r)
            || !label_only
            || !fits(r)
        {
            break;
        }
        table.push(i);
        bottom = r.y1;
    }
    table.sort_unstable();
    if table.iter().any(|&i| taken[i]) {
        return None;
    }
    Some((table, cols))
}

/// Grid rows: groups of visual rows (indices into `rows`), top to bottom.
///
/// Label lines (chunks in the label column) are chained by indent: consecutive lines starting
/// at the same x whose pitch is the table's line pitch (the smallest such pitch) form a block,
/// the lines of one wrapped label. A block joins the value row lying within it; a block with
/// no value row becomes one row; a block around several value rows gives each line to the
/// nearest. Nothing is merged when rows are spaced like lines (no way to tell them apart).
fn group_rows(rows: &[Row], table: &[usize], cols: &Columns) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Kind {
        Value,
        Label,
        Other,
    }
    let kinds: Vec<Kind> = table
        .iter()
        .map(|&i| {
            let r = &rows[i];
            if r.is_value_row() {
                Kind::Value
            } else if r.chunks.iter().all(|c| cols.in_labels(c)) {
                Kind::Label
            } else {
                Kind::Other
            }
        })
        .collect();
    let cy = |k: usize| rows[table[k]].cy();
    let em = table.first().map_or(1.0, |&i| rows[i].em);
    let singles = || (0..table.len()).map(|k| vec![table[k]]).collect::<Vec<_>>();

    // Label entries (table position, indent, top, bottom), chained per indent.
    let mut entries: Vec<(usize, f64, f64, f64)> = Vec::new();
    for (k, &i) in table.iter().enumerate() {
        if kinds[k] == Kind::Other {
            continue;
        }
        for c in rows[i].chunks.iter().filter(|c| cols.in_labels(c)) {
            entries.push((k, c.x0, c.y0, c.y1));
        }
    }
    entries.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut chains: Vec<Vec<(usize, f64, f64)>> = Vec::new(); // per indent: (k, y0, y1)
    let mut last_x: Option<f64> = None;
    for &(k, x, y0, y1) in &entries {
        match (chains.last_mut(), last_x) {
            (Some(ch), Some(lx)) if x - lx <= em => ch.push((k, y0, y1)),
            _ => chains.push(vec![(k, y0, y1)]),
        }
        last_x = Some(x);
    }
    for ch in &mut chains {
        ch.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        ch.dedup_by_key(|e| e.0);
    }
    let mid = |e: &(usize, f64, f64)| (e.1 + e.2) / 2.0;
    // Two entries of a chain are adjacent when no `Other` row lies between them.
    let adjacent = |a: usize, b: usize| (a + 1..b).all(|k| kinds[k] != Kind::Other);
    // The line pitch inside a wrapped cell: the smallest pitch of a chain, at most 2.2 em.
    let pitch = chains
        .iter()
        .flat_map(|ch| {
            ch.windows(2)
                .filter(|w| adjacent(w[0].0, w[1].0))
                .map(|w| mid(&w[1]) - mid(&w[0]))
        })
        .filter(|&d| d >= 0.5 * em && d <= 2.2 * em)
        .fold(f64::INFINITY, f64::min);
    let values: Vec<usize> = (0..table.len())
        .filter(|&k| kinds[k] == Kind::Value)
        .collect();
    let mut row_pitches: Vec<f64> = values.windows(2).map(|w| cy(w[1]) - cy(w[0])).collect();
    row_pitches.sort_by(f64::total_cmp);
    let row_pitch = row_pitches
        .get(row_pitches.len() / 2)
        .copied()
        .unwrap_or(0.0);
    if !pitch.is_finite() || row_pitch <= 1.2 * pitch {
        return singles();
    }

    // owner[k]: the table position whose grid row position k joins.
    let mut owner: Vec<usize> = (0..table.len()).collect();
    for ch in &chains {
        let mut blocks: Vec<Vec<(usize, f64, f64)>> = Vec::new();
        for e in ch {
            let joins = blocks.last().and_then(|b| b.last()).is_some_and(|prev| {
                adjacent(prev.0, e.0) && mid(e) - mid(prev) <= pitch * PITCH_SLACK
            });
            match blocks.last_mut() {
                Some(b) if joins => b.push(*e),
                _ => blocks.push(vec![*e]),
            }
        }
        for block in blocks {
            let labels: Vec<(usize, f64, f64)> = block
                .iter()
                .copied()
                .filter(|e| kinds[e.0] == Kind::Label)
                .collect();
            let (Some(first), Some(last)) = (block.first(), block.last()) else {
                continue;
            };
            if labels.is_empty() {
                continue;
            }
            let slack = 0.3 * em;
            let (y0, y1) = (first.1 - slack, last.2 + slack);
            // Value rows whose middle lies within the block: the rows these lines wrap around.
            let targets: Vec<usize> = values
                .iter()
                .copied()
                .filter(|&k| cy(k) >= y0 && cy(k) <= y1)
                .collect();
            for e in &labels {
                owner[e.0] = match targets.as_slice() {
                    [] => first.0,
                    [t] => *t,
                    many => many
                        .iter()
                        .copied()
                        .min_by(|&p, &q| {
                            let dp = (cy(p) - mid(e)).abs();
                            let dq = (cy(q) - mid(e)).abs();
                            dp.total_cmp(&dq).then(p.cmp(&q))
                        })
                        .unwrap_or(e.0),
                };
            }
        }
    }
    // A value row may have been given to another row's block: keep value rows as owners.
    let owner: Vec<usize> = owner
        .iter()
        .map(|&o| if kinds[o] == Kind::Label { owner[o] } else { o })
        .collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); table.len()];
    for (k, &o) in owner.iter().enumerate() {
        if let Some(m) = members.get_mut(o) {
            m.push(table[k]);
        }
    }
    let mut groups: Vec<Vec<usize>> = members.into_iter().filter(|m| !m.is_empty()).collect();
    for m in &mut groups {
        m.sort_unstable();
    }
    groups.sort_by(|a, b| a.first().cmp(&b.first()));
    groups
}

/// The grid of a table.
fn build(rows: &[Row], items: &[Item<'_>], groups: &[Vec<usize>], cols: &Columns) -> Option<Found> {
    let ncols = cols.spans.len();
    let mut out_rows: Vec<Vec<GridCell>> = Vec::with_capacity(groups.len());
    let mut used: Vec<(usize, Option<usize>)> = Vec::new();
    let mut bbox: Option<BBox> = None;
    // Column edges for empty cells: the middles of the gaps.
    let mut edges = vec![cols.left()];
    edges.extend(cols.spans.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0));
    edges.push(cols.right());
    for (r, group) in groups.iter().enumerate() {
        let mut pieces: Vec<Vec<Piece<'_>>> = vec![Vec::new(); ncols];
        let mut spans: Vec<Option<usize>> = vec![None; ncols]; // last covered column per origin
        let (mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY);
        for &ri in group {
            let row = &rows[ri];
            y0 = y0.min(row.y0);
            y1 = y1.max(row.y1);
            for &i in &row.items {
                let it = &items[i];
                let b = it.bbox;
                let c = cols.of(b.x0, b.x1);
                if let Some((a, z)) = cols.covered(b.x0, b.x1) {
                    spans[a] = Some(spans[a].map_or(z, |s: usize| s.max(z)));
                    pieces[a].push(Piece {
                        text: it.text,
                        bbox: b,
                    });
                } else {
                    pieces[c].push(Piece {
                        text: it.text,
                        bbox: b,
                    });
                }
                used.push((it.block, it.span));
                bbox = Some(bbox.map_or(b, |bb| bb.union(&b)));
            }
        }
        // Drop spans over columns that hold text of their own, or over another span.
        let mut covered_by: Vec<Option<usize>> = vec![None; ncols];
        for a in 0..ncols {
            let Some(z) = spans[a] else { continue };
            let clear = (a + 1..=z)
                .all(|k| pieces[k].is_empty() && covered_by[k].is_none() && spans[k].is_none());
            if clear && covered_by[a].is_none() {
                for slot in covered_by.iter_mut().take(z + 1).skip(a + 1) {
                    *slot = Some(a);
                }
            } else {
                spans[a] = None;
            }
        }
        let mut row = Vec::with_capacity(ncols);
        for c in 0..ncols {
            if let Some(a) = covered_by[c] {
                row.push(GridCell::covered((r, a)));
                continue;
            }
            let (text, text_box) = if c < cols.first_value {
                label_text(&mut pieces[c])
            } else {
                join_lines(&mut pieces[c])
            };
            let last = spans[c].unwrap_or(c);
            let cell_box = BBox::new(edges[c], y0, edges[last + 1], y1);
            row.push(GridCell {
                text,
                row_span: 1,
                col_span: (last - c + 1) as u32,
                bbox: Some(text_box.unwrap_or(cell_box)),
                covered_by: None,
            });
        }
        out_rows.push(row);
    }
    if out_rows.len() < 2 {
        return None;
    }
    Some(Found {
        grid: Grid {
            rows: out_rows,
            bbox,
        },
        items: used,
    })
}

/// The text of a label cell. Labels of a row hierarchy printed side by side (a group label
/// beside its items, `（五）不` / `予处理` next to `3.要求提供公开出版` / `物`) are read one
/// block after the other, left to right, each top to bottom — not line by line across the
/// blocks, which would interleave them. Blocks are pieces overlapping horizontally or closer
/// than an em.
fn label_text(pieces: &mut [Piece<'_>]) -> (String, Option<BBox>) {
    pieces.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    let mut blocks: Vec<(f64, Vec<Piece<'_>>)> = Vec::new(); // right edge, pieces
    for p in pieces.iter() {
        let em = p.bbox.height().max(1.0);
        match blocks.last_mut() {
            Some((right, ps)) if p.bbox.x0 < *right + em => {
                *right = right.max(p.bbox.x1);
                ps.push(*p);
            }
            _ => blocks.push((p.bbox.x1, vec![*p])),
        }
    }
    let mut text = String::new();
    let mut bbox: Option<BBox> = None;
    for (_, mut ps) in blocks {
        let (t, b) = join_lines(&mut ps);
        if t.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&t);
        if let Some(b) = b {
            bbox = Some(bbox.map_or(b, |bb| bb.union(&b)));
        }
    }
    (text, bbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_dashes() {
        for t in [
            "3001", "96171.6", "+14", "-2", "1,234", "—", "/", "０", "12%",
        ] {
            assert!(value_like(t), "{t}");
        }
        for t in ["2024年", "第4页", "-4-x", "", "件", "1.属于"] {
            assert!(!value_like(t), "{t}");
        }
    }
}
