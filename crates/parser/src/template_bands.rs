//! Table 三 read **by template order, in bands of rows, pinned by the 勾稽 rules**
//! (docs/design-linear-text.md §36).
//!
//! pdfminer.six with a small `line_margin` writes each character of a narrow label or header
//! cell as a text box of its own (`属` / `于` / `国` / `家`), so neither row labels nor column
//! headers can be read; it still writes the value boxes of table 三 row after row in the
//! template's order. Where a row's 自然人 and 总计 cells wrap (`30` / `01` in one box for 3001),
//! pdfminer groups the tall cells differently and writes a few rows as a **band**: their
//! other cells column by column or row by row, the 自然人 and 总计 columns as blocks before or
//! after them. Row 一's cells come among the header boxes, in any order.
//!
//! The reading, unique or nothing:
//!
//! 1. The region runs from heading 三 to table 四's own words. Its values are its lines that
//!    are one whole number; the lines of one text box that follow each other are one number
//!    wrapped in its cell (joined) — or, read the other way, each its own value. A reading
//!    counts only when its values are exactly seven a row of a layout of the template.
//! 2. Row 一 is the first seven values in some order. The other rows follow in template
//!    order, in bands of one to three rows: a band of one row is printed left to right; a
//!    band of two or three rows is its 商业企业…其他 cells written by groups of its rows (each
//!    group column by column, a group of one row left to right), the 自然人 and 总计 columns
//!    each a block (top to bottom) before, between or after the groups ([`band_orders`]).
//!    Every row adds up (T3-3).
//! 3. Row 一's cells are what T3-1 makes them (一 = （七）总计 + 四 − 二, per column); they must be
//!    the first seven values. Every 勾稽 equation of table 三 must hold, and **exactly one set
//!    of cells** may remain over every band, order, layout and reading of the wrapped boxes.
//!
//! Values are placed only by the template's row order and the rules: never by a label
//! nearby. Text input only; run only where no other reader wrote table 三.

use crate::column_runs::{holding_cells, take_whole_table, whole_number};
use crate::one_value_pieces::{region_line, RegionLine};
use crate::stream::t3_layouts;
use crate::tables::Tables;
use std::sync::OnceLock;
use xxgk_model::text::fold_printed;
use xxgk_model::{Block, Cell, Document, KeyId, Table, Template};

/// The columns of table 三 (自然人 first, 总计 last).
const COLUMNS: usize = 7;

/// Most rows of one band.
const MAX_BAND_ROWS: usize = 3;

/// Most distinct readings of the rows read so far; past it the text is too ambiguous to read.
const MAX_READINGS: usize = 256;

/// One row of table 三, in print order.
type Row = [u64; COLUMNS];

/// A cell of a band: (row in the band, column).
type Place = (usize, usize);

/// Table 三's cells read by template order (see the module doc), written into `out` when no
/// other reader wrote any.
pub fn fill_t3(doc: &Document, template: Template, out: &mut Tables) {
    if out.cells.keys().any(|k| k.table() == Table::T3) {
        return;
    }
    let groups = number_groups(doc);
    let Some((cells, single_other)) = read(&groups, template) else {
        return;
    };
    take_whole_table(
        out,
        cells,
        single_other,
        "values in template order, in bands of rows",
    );
}

/// Step 1: the region's numbers, as groups of lines that follow each other in one text box
/// (a wrapped number, or values of a box each on its line).
fn number_groups(doc: &Document) -> Vec<Vec<String>> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut inside = false;
    for page in &doc.pages {
        // Whether the last line was a number of the text box being read.
        let mut open = false;
        for block in &page.blocks {
            let Block::Line(line) = block else {
                open = false;
                continue;
            };
            let text = fold_printed(line.text.trim());
            match region_line(&text, inside) {
                RegionLine::Opens => {
                    inside = true;
                    continue;
                }
                RegionLine::Skipped => continue,
                RegionLine::Ends => return groups,
                RegionLine::Other => {}
            }
            if !inside || text.is_empty() {
                continue;
            }
            match whole_number(&text) {
                Some(v) => {
                    // The printed digits (a wrapped piece keeps its leading 0: `30` / `01`),
                    // the value's where the line printed more (`1,234`).
                    let digits = if text.chars().all(|c| c.is_ascii_digit()) {
                        text.into_owned()
                    } else {
                        v.to_string()
                    };
                    match groups.last_mut() {
                        Some(group) if open && !line.after_break => group.push(digits),
                        _ => groups.push(vec![digits]),
                    }
                    open = true;
                }
                None => open = false,
            }
        }
    }
    // No end of the region: its extent is not known.
    Vec::new()
}

/// The values of the groups read each way: every line its own value, and (where a group has
/// several lines) every group one wrapped number — not when a joined number would open with a
/// 0 (`0` / `5` are two values, never 05).
fn readings(groups: &[Vec<String>]) -> Vec<Vec<u64>> {
    let split: Option<Vec<u64>> = groups.iter().flatten().map(|t| t.parse().ok()).collect();
    let mut out: Vec<Vec<u64>> = split.into_iter().collect();
    if groups.iter().any(|g| g.len() > 1) {
        let joined: Option<Vec<u64>> = groups
            .iter()
            .map(|g| {
                let text = g.concat();
                (g.len() == 1 || !text.starts_with('0'))
                    .then(|| text.parse().ok())
                    .flatten()
            })
            .collect();
        out.extend(joined);
    }
    out
}

/// Steps 2 and 3: the one set of table 三's cells every reading of the groups allows, and
/// whether it is the single （六） layout; `None` when there is none or more than one.
fn read(groups: &[Vec<String>], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    let mut found: Vec<(Vec<(KeyId, Cell)>, bool)> = Vec::new();
    for values in readings(groups) {
        for (single_other, order) in t3_layouts(template) {
            if values.len() != order.len() * COLUMNS {
                continue;
            }
            for grid in rows_after_first(&values, order.len())? {
                let Some(cells) =
                    with_first_row(&values[..COLUMNS], grid, &order).and_then(|full| {
                        holding_cells(&columns(&full), &order, template, single_other)
                    })
                else {
                    continue;
                };
                if found.iter().all(|(f, _)| *f != cells) {
                    found.push((cells, single_other));
                }
                if found.len() > 1 {
                    return None;
                }
            }
        }
    }
    found.pop()
}

/// Step 2: every distinct reading of the rows after row 一 (`values` holds every row's),
/// each row adding up; `None` past [`MAX_READINGS`].
fn rows_after_first(values: &[u64], rows: usize) -> Option<Vec<Vec<Row>>> {
    // `read[i]`: the distinct readings of rows 1..i.
    let mut read: Vec<Vec<Vec<Row>>> = vec![Vec::new(); rows + 1];
    read[1].push(Vec::new());
    for top in 1..rows {
        let before = std::mem::take(&mut read[top]);
        if before.is_empty() {
            continue;
        }
        for height in 1..=MAX_BAND_ROWS.min(rows - top) {
            let band = &values[top * COLUMNS..(top + height) * COLUMNS];
            let bands = band_readings(band, height);
            for prefix in &before {
                for rows_read in &bands {
                    let mut next = prefix.clone();
                    next.extend_from_slice(rows_read);
                    let slot = &mut read[top + height];
                    if !slot.contains(&next) {
                        slot.push(next);
                    }
                    if slot.len() > MAX_READINGS {
                        return None;
                    }
                }
            }
        }
    }
    read.pop()
}

/// The distinct rows a band of `height` rows reads as over [`band_orders`], every row adding
/// up.
fn band_readings(values: &[u64], height: usize) -> Vec<Vec<Row>> {
    let mut out: Vec<Vec<Row>> = Vec::new();
    for order in band_orders(height) {
        let mut rows = vec![[0u64; COLUMNS]; height];
        for (&(r, c), &v) in order.iter().zip(values) {
            rows[r][c] = v;
        }
        if rows.iter().all(|r| crate::column_runs::row_adds_up(r)) && !out.contains(&rows) {
            out.push(rows);
        }
    }
    out
}

/// Every order a band of `height` rows may be written in (step 2 of the module doc): one row
/// left to right; two or three rows as their middle cells by groups of rows (each group column
/// by column), the 自然人 and 总计 blocks placed before, between or after the groups.
fn band_orders(height: usize) -> &'static [Vec<Place>] {
    static ORDERS: OnceLock<Vec<Vec<Vec<Place>>>> = OnceLock::new();
    let all = ORDERS.get_or_init(|| (0..=MAX_BAND_ROWS).map(orders_of_height).collect());
    all.get(height).map_or(&[], Vec::as_slice)
}

/// The orders of [`band_orders`] for `height` rows, computed once.
fn orders_of_height(height: usize) -> Vec<Vec<Place>> {
    if height == 0 {
        return Vec::new();
    }
    if height == 1 {
        return vec![(0..COLUMNS).map(|c| (0, c)).collect()];
    }
    let column = |c: usize| (0..height).map(move |r| (r, c));
    let natural: Vec<Place> = column(0).collect();
    let total: Vec<Place> = column(COLUMNS - 1).collect();
    let mut out: Vec<Vec<Place>> = Vec::new();
    for sizes in compositions(height) {
        let mut groups: Vec<Vec<Place>> = Vec::new();
        let mut first = 0;
        for size in sizes {
            groups.push(
                (1..COLUMNS - 1)
                    .flat_map(|c| (first..first + size).map(move |r| (r, c)))
                    .collect(),
            );
            first += size;
        }
        // Each block goes into one of the slots around the groups; two in one slot in
        // either order.
        for natural_slot in 0..=groups.len() {
            for total_slot in 0..=groups.len() {
                for natural_first in [true, false] {
                    // The two blocks' order matters only in one slot.
                    if natural_slot != total_slot && !natural_first {
                        continue;
                    }
                    let mut order: Vec<Place> = Vec::new();
                    for slot in 0..=groups.len() {
                        let blocks: Vec<&Vec<Place>> =
                            match (slot == natural_slot, slot == total_slot, natural_first) {
                                (true, true, true) => vec![&natural, &total],
                                (true, true, false) => vec![&total, &natural],
                                (true, false, _) => vec![&natural],
                                (false, true, _) => vec![&total],
                                (false, false, _) => Vec::new(),
                            };
                        order.extend(blocks.into_iter().flatten());
                        if let Some(group) = groups.get(slot) {
                            order.extend(group);
                        }
                    }
                    if !out.contains(&order) {
                        out.push(order);
                    }
                }
            }
        }
    }
    out
}

/// The ways of writing `n` as an ordered sum of positive parts (`2`: [2], [1, 1]).
fn compositions(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    (1..=n)
        .flat_map(|first| {
            compositions(n - first).into_iter().map(move |mut rest| {
                rest.insert(0, first);
                rest
            })
        })
        .collect()
}

/// Step 3: the whole table with row 一 made by T3-1 from the rows read (`rest`, rows 二 on),
/// when it holds exactly the `first` values; `None` otherwise.
fn with_first_row(first: &[u64], rest: Vec<Row>, order: &[&'static str]) -> Option<Vec<Row>> {
    if order.first() != Some(&"new_received") {
        return None;
    }
    let at = |key: &str| -> Option<&Row> {
        let i = order.iter().position(|r| *r == key)?;
        rest.get(i.checked_sub(1)?)
    };
    let (carried_in, total, carried_out) = (
        at("carried_in")?,
        at("processed_total")?,
        at("carried_out")?,
    );
    let mut row: Row = [0; COLUMNS];
    for c in 0..COLUMNS {
        row[c] = (total[c].checked_add(carried_out[c])?).checked_sub(carried_in[c])?;
    }
    let mut want = first.to_vec();
    let mut got = row.to_vec();
    want.sort_unstable();
    got.sort_unstable();
    if want != got {
        return None;
    }
    let mut full = vec![row];
    full.extend(rest);
    Some(full)
}

/// The grid's columns, top to bottom.
fn columns(grid: &[Row]) -> Vec<Vec<u64>> {
    (0..COLUMNS)
        .map(|c| grid.iter().map(|r| r[c]).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::column_runs::tests::{corpus_doc, truth_t3};

    const HUAIAN_LM: &str = "huaian-2024-doc-pdf-pdfminer-lm";

    /// The number groups of the real pdfminer text (`line_margin=0.3`) of LibreOffice's PDF of
    /// huaian-2024.doc.
    fn huaian_lm() -> Vec<Vec<String>> {
        number_groups(&corpus_doc(&format!("{HUAIAN_LM}.txt")))
    }

    fn group(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    /// Row 一 among the header boxes (`0` / `61` / `4` / `31 · 19`, then `30 · 01` / `53` /
    /// `0`), three bands of rows in three orders, the wrapped cells joined: every cell of
    /// table 三 as the truth has it.
    #[test]
    fn a_character_a_box_reads_every_cell_by_template_order() {
        let groups = huaian_lm();
        assert_eq!(groups.len(), 175);
        assert_eq!(groups[3], group(&["31", "19"]));
        assert_eq!(groups[4], group(&["30", "01"]));
        let (cells, single_other) = read(&groups, Template::V2021).expect("one reading");
        assert!(!single_other);
        let truth = truth_t3(&format!("{HUAIAN_LM}.json"));
        assert_eq!(cells.len(), 175);
        assert_eq!(truth.len(), 175);
        for (k, c) in &cells {
            assert_eq!(Some(&c.value), truth.get(k.as_str()), "{}", k.as_str());
        }
        let value = |key: &str| {
            cells
                .iter()
                .find(|(k, _)| k.as_str() == key)
                .map(|(_, c)| c.value.as_str())
        };
        assert_eq!(value("t3.new_received.natural_person"), Some("3001"));
        assert_eq!(value("t3.granted.natural_person"), Some("1288"));
        assert_eq!(value("t3.unable_not_held.legal_service"), Some("10"));
        assert_eq!(value("t3.processed_total.total"), Some("3050"));
    }

    /// Refused: a value changed (a 0 of row 1.属于国家秘密 made 2: the rules fail), a value
    /// lost and a wrapped cell split in two (no layout's count), row 一's values after row
    /// 二's.
    #[test]
    fn a_text_in_doubt_reads_nothing() {
        let mut changed = huaian_lm();
        changed[40] = group(&["2"]);
        assert!(read(&changed, Template::V2021).is_none());
        let mut lost = huaian_lm();
        lost.remove(60);
        assert!(read(&lost, Template::V2021).is_none());
        let mut split = huaian_lm();
        let wrapped = split.remove(3);
        split.insert(3, group(&[&wrapped[1]]));
        split.insert(3, group(&[&wrapped[0]]));
        assert!(read(&split, Template::V2021).is_none());
        // Row 一's values after row 二's: not the first seven.
        let mut moved = huaian_lm();
        let first: Vec<Vec<String>> = moved.drain(..COLUMNS).collect();
        moved.splice(COLUMNS..COLUMNS, first);
        assert!(read(&moved, Template::V2021).is_none());
    }

    #[test]
    fn bands_of_two_and_three_rows_in_every_order() {
        assert_eq!(band_orders(1).len(), 1);
        // Two rows: one group (6 placements of the two blocks) or two (12).
        assert_eq!(band_orders(2).len(), 18);
        assert_eq!(band_orders(3).len(), 50);
        for height in 1..=MAX_BAND_ROWS {
            for order in band_orders(height) {
                let mut cells = order.clone();
                cells.sort_unstable();
                cells.dedup();
                assert_eq!(cells.len(), height * COLUMNS);
            }
        }
        assert!(band_orders(4).is_empty());
    }
}
