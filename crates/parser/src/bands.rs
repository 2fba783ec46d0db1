//! Table 三 written in **bands** (docs/design-linear-text.md §2, "Bands"): the rows of one
//! band (the rows between two tall rows) as seven text boxes, one per column, each holding that
//! column's values top to bottom, the boxes left to right; the bands top to bottom, with row
//! labels between them. pdfminer.six writes this with `boxes_flow=None` (its text boxes sorted
//! by their bottom edge, then left to right: the boxes of one band share their bottom edge), and
//! a converter writing one value per paragraph writes bands of one row.
//!
//! The reading, all or nothing:
//!
//! 1. The value boxes of table 三's region ([`column_runs::runs_of`]: a box is the value lines
//!    after a blank line, other text between boxes skipped) are cut into groups of seven.
//! 2. Every group is a band: its seven boxes hold the same number of values, and on every row
//!    the seventh is the sum of the other six (T3-3, the 总计 column last).
//! 3. The bands' rows are exactly one layout's rows of the template, in template order, and
//!    every 勾稽 equation of table 三 holds (T3-1/T3-2 per column, T3-3 per row).
//!
//! Measured before it was taken (the check in `corpus/gen/check_bands.py`): of 883 texts
//! (pdfminer's two layouts of the corpus's 26 text-layer PDFs, and 831 held-out and derived
//! texts of some forty tools), the 74 whose value boxes tile table 三 this way all read as their
//! truth; pdfminer's default layout (column boxes in the order of its layout tree) never tiles
//! it. Another reader's cell that differs stops everything.
//!
//! [`column_runs::runs_of`]: crate::column_runs::runs_of
//! [`runs_of`]: crate::column_runs::runs_of

use crate::column_runs::{holding_cells, take_whole_table, Run};
use crate::stream::t3_layouts;
use crate::tables::Tables;
use xxgk_model::{Cell, KeyId, Template};

/// The columns of table 三: seven in every template.
const COLUMNS: usize = 7;

/// Table 三's cells read from its bands (see the module doc) in the runs of a text document
/// ([`runs_of`]), written into `out`.
pub fn fill_t3(runs: &[Run], template: Template, out: &mut Tables) {
    let boxes: Vec<&[u64]> = runs
        .iter()
        .flat_map(|r| r.boxes.iter().map(Vec::as_slice))
        .collect();
    let Some((cells, single_other)) = read(&boxes, template) else {
        return;
    };
    take_whole_table(out, cells, single_other, "bands of value boxes");
}

/// The reading of table 三 the boxes give as bands: its cells and whether it is the single
/// （六） layout; `None` unless the boxes tile one layout and every equation holds.
pub fn read(boxes: &[&[u64]], template: Template) -> Option<(Vec<(KeyId, Cell)>, bool)> {
    let columns = columns_of_bands(boxes)?;
    let rows = columns.first()?.len();
    let (single_other, order) = t3_layouts(template)
        .into_iter()
        .find(|(_, order)| order.len() == rows)?;
    let cells = holding_cells(&columns, &order, template, single_other)?;
    Some((cells, single_other))
}

/// The seven columns, top to bottom, when the boxes come in bands (steps 1 and 2).
fn columns_of_bands(boxes: &[&[u64]]) -> Option<Vec<Vec<u64>>> {
    if boxes.is_empty() || !boxes.len().is_multiple_of(COLUMNS) {
        return None;
    }
    let mut columns: Vec<Vec<u64>> = vec![Vec::new(); COLUMNS];
    for band in boxes.chunks(COLUMNS) {
        let rows = band[0].len();
        if band.iter().any(|b| b.len() != rows) {
            return None;
        }
        let adds_up = (0..rows).all(|r| {
            band[..COLUMNS - 1]
                .iter()
                .try_fold(0u64, |sum, b| sum.checked_add(b[r]))
                == Some(band[COLUMNS - 1][r])
        });
        if !adds_up {
            return None;
        }
        for (column, b) in columns.iter_mut().zip(band) {
            column.extend_from_slice(b);
        }
    }
    Some(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// pdfminer.six with `boxes_flow=None` of the corpus's hongze-2023 PDF: table 三's value
    /// boxes in the order written (rows 一/二 as one band of two-value boxes, and so on).
    fn hongze_2023() -> Vec<Vec<u64>> {
        let bands: [&[[u64; 7]]; 16] = [
            &[[251, 13, 0, 0, 4, 3, 271], [9, 0, 0, 0, 0, 0, 9]],
            &[[97, 7, 0, 0, 1, 1, 106]],
            &[[35, 1, 0, 0, 1, 1, 38]],
            &[[0, 0, 0, 0, 0, 0, 0]],
            &[[2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1]],
            &[[2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1]],
            &[[1, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 1]],
            &[[9, 1, 0, 0, 1, 0, 11], [81, 4, 0, 0, 1, 1, 87]],
            &[[2, 0, 0, 0, 0, 0, 2], [1, 0, 0, 0, 0, 0, 1]],
            &[[6, 0, 0, 0, 0, 0, 6], [4, 0, 0, 0, 0, 0, 4]],
            &[[0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1]],
            &[[1, 0, 0, 0, 0, 0, 1]],
            &[[2, 0, 0, 0, 0, 0, 2]],
            &[[1, 0, 0, 0, 0, 0, 1]],
            &[[3, 0, 0, 0, 0, 0, 3], [251, 13, 0, 0, 4, 3, 271]],
            &[[9, 0, 0, 0, 0, 0, 9]],
        ];
        bands
            .iter()
            .flat_map(|rows| (0..COLUMNS).map(move |c| rows.iter().map(|r| r[c]).collect()))
            .collect()
    }

    fn value(cells: &[(KeyId, Cell)], key: &str) -> Option<String> {
        cells
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, c)| c.value.clone())
    }

    #[test]
    fn bands_of_boxes_read_as_the_truth() {
        let boxes = hongze_2023();
        let refs: Vec<&[u64]> = boxes.iter().map(Vec::as_slice).collect();
        let (cells, single_other) = read(&refs, Template::V2021).expect("read");
        assert!(!single_other);
        assert_eq!(cells.len(), 175);
        // corpus/truth/variants/hongze-2023.json
        for (key, v) in [
            ("t3.new_received.natural_person", "251"),
            ("t3.new_received.commercial", "13"),
            ("t3.new_received.legal_service", "4"),
            ("t3.new_received.other_org", "3"),
            ("t3.new_received.total", "271"),
            ("t3.unable_not_held.natural_person", "81"),
            ("t3.unable_not_held.commercial", "4"),
            ("t3.other_other.natural_person", "3"),
            ("t3.processed_total.total", "271"),
            ("t3.carried_out.total", "9"),
        ] {
            assert_eq!(value(&cells, key).as_deref(), Some(v), "{key}");
        }
    }

    #[test]
    fn boxes_that_do_not_tile_the_table_give_nothing() {
        let boxes = hongze_2023();
        // One box short: the groups of seven no longer fall on bands.
        let short: Vec<&[u64]> = boxes[1..].iter().map(Vec::as_slice).collect();
        assert!(read(&short, Template::V2021).is_none());
        // Two applicant boxes of one band swapped still add up by rows, but a column equation
        // fails (T3-1: 商业企业 would hold 9 in row 一 and 13 processed).
        let mut swapped = boxes.clone();
        swapped.swap(0, 1);
        let refs: Vec<&[u64]> = swapped.iter().map(Vec::as_slice).collect();
        assert!(read(&refs, Template::V2021).is_none());
        // A band whose total box is not last does not add up.
        let mut moved = boxes.clone();
        moved.swap(5, 6);
        let refs: Vec<&[u64]> = moved.iter().map(Vec::as_slice).collect();
        assert!(read(&refs, Template::V2021).is_none());
    }
}
