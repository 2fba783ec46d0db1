//! Rows of table 三 whose values sit a line off their labels (Chromium's PDF through
//! `pdftotext -layout`), read column by column between two anchors: a column keeps its values'
//! vertical order whatever line they landed on. Used by `tables::T3Reader` (see
//! docs/design-linear-text.md §4, third round).

use crate::flow::Row;
use crate::rows::split;
use xxgk_model::Cell;

/// Most values without a column ([`read`]) tried in every position.
const MAX_COLUMNLESS: usize = 3;

/// The cells of `rows` template rows of `width` columns from the value lines of a block, read
/// column by column: a line's last `width` fields are its columns; fields before them are
/// values glued to a label, whose column is not known. Each column's values, top to bottom,
/// are the rows in order. A columnless value is tried in every column short of values, at
/// every place its line allows. Accepted only when exactly one reading gives every column
/// `rows` values, every value a whole number, and every row's total the sum of its other
/// cells (T3-3); `None` otherwise.
pub(crate) fn read(block: &[Row], rows: usize, width: usize) -> Option<Vec<Vec<Cell>>> {
    type Value<'r> = (usize, &'r crate::flow::RowCell);
    let mut columns: Vec<Vec<Value>> = vec![Vec::new(); width];
    let mut columnless: Vec<Value> = Vec::new();
    for (line, row) in block.iter().enumerate() {
        let sp = split(row);
        if !sp.values.iter().any(|c| !c.text.trim().is_empty()) {
            continue;
        }
        // Text only: a grid that printed its cells, or cells located on a page, keep each
        // value on its own row.
        if row.printed_blanks || sp.values.iter().any(|c| c.bbox.is_some()) {
            return None;
        }
        let n = sp.values.len();
        if n < width {
            return None;
        }
        for (i, c) in sp.values.iter().enumerate() {
            if c.text.trim().is_empty() {
                continue;
            }
            if crate::rows::cell_of(c).flag != xxgk_model::Flag::Number
                || c.text.trim().parse::<i128>().is_err()
            {
                return None;
            }
            match i.checked_sub(n - width) {
                Some(col) => columns[col].push((line, c)),
                None => columnless.push((line, c)),
            }
        }
    }
    let total: usize = columns.iter().map(Vec::len).sum::<usize>() + columnless.len();
    if total != rows * width || columnless.len() > MAX_COLUMNLESS {
        return None;
    }
    let mut found: Vec<Vec<Vec<Cell>>> = Vec::new();
    place_columnless(&mut columns, &columnless, rows, &mut found);
    found.dedup_by(|a, b| values_of(a) == values_of(b));
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

fn values_of(m: &[Vec<Cell>]) -> Vec<Vec<String>> {
    m.iter()
        .map(|r| r.iter().map(|c| c.value.clone()).collect())
        .collect()
}

/// Every way of putting the columnless values into columns short of values, in line order;
/// each complete reading whose rows add up is pushed to `found` (at most two kept).
fn place_columnless<'r>(
    columns: &mut Vec<Vec<(usize, &'r crate::flow::RowCell)>>,
    rest: &[(usize, &'r crate::flow::RowCell)],
    rows: usize,
    found: &mut Vec<Vec<Vec<Cell>>>,
) {
    if found.len() > 1 {
        return;
    }
    let Some((&value, rest)) = rest.split_first() else {
        if columns.iter().all(|c| c.len() == rows) {
            let matrix: Vec<Vec<Cell>> = (0..rows)
                .map(|r| {
                    columns
                        .iter()
                        .map(|c| crate::rows::cell_of(c[r].1))
                        .collect()
                })
                .collect();
            if matrix.iter().all(|r| crate::rows::total_adds_up(r)) {
                if found
                    .first()
                    .is_some_and(|f| values_of(f) == values_of(&matrix))
                {
                    return;
                }
                found.push(matrix);
            }
        }
        return;
    };
    for col in 0..columns.len() {
        if columns[col].len() >= rows {
            continue;
        }
        for at in 0..=columns[col].len() {
            let before_ok = at == 0 || columns[col][at - 1].0 <= value.0;
            let after_ok = at == columns[col].len() || columns[col][at].0 >= value.0;
            if !(before_ok && after_ok) {
                continue;
            }
            columns[col].insert(at, value);
            place_columnless(columns, rest, rows, found);
            columns[col].remove(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::text_grid_row;

    #[test]
    fn glued_values_whose_columns_the_sums_cannot_tell_are_not_read() {
        // Two values glued to a label on one line, two columns short of one value each: either
        // way round every row adds up (the sums are symmetric in the applicant columns).
        let block = [
            text_grid_row(&["甲", "1", "2", "", "", "3"]),
            text_grid_row(&["乙", "1", "2", "3"]),
        ];
        assert!(read(&block, 2, 3).is_none());
        // One glued value, one column short: one reading, read.
        let block = [
            text_grid_row(&["甲", "1", "", "2", "3"]),
            text_grid_row(&["乙", "4", "5", "9"]),
        ];
        let got = read(&block, 2, 3).unwrap();
        let got: Vec<Vec<&str>> = got
            .iter()
            .map(|r| r.iter().map(|c| c.value.as_str()).collect())
            .collect();
        assert_eq!(got, [["1", "2", "3"], ["4", "5", "9"]]);
    }
}
