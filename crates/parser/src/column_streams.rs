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
/// are the rows in order. A columnless value is tried in every column short of values up to
/// the first column its line's other values are in (a line keeps its values' left-to-right
/// order; in that column it is the next row's value, as the label it is glued to wrapped), at
/// every place its line allows. Accepted only when exactly one reading gives every column
/// `rows` values, every value a whole number, and every row's total the sum of its other
/// cells (T3-3); `None` otherwise.
pub(crate) fn read(block: &[Row], rows: usize, width: usize) -> Option<Vec<Vec<Cell>>> {
    let mut columns: Vec<Vec<Value>> = vec![Vec::new(); width];
    let mut columnless: Vec<Columnless> = Vec::new();
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
        // A line printing exactly one value per column holds them in column order, whatever
        // empty slots the layout left between them (a gap wider than a column's).
        let filled: Vec<_> = sp
            .values
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        if filled.len() == width {
            for (col, c) in filled.into_iter().enumerate() {
                let cell = crate::rows::cell_of(c);
                if cell.flag != xxgk_model::Flag::Number || cell.value.parse::<i128>().is_err() {
                    return None;
                }
                columns[col].push((line, c));
            }
            continue;
        }
        let n = sp.values.len();
        if n < width {
            return None;
        }
        // The first column a value of this line is in: the line's columnless values lie left
        // of it.
        let first_column = sp
            .values
            .iter()
            .enumerate()
            .skip(n - width)
            .find(|(_, c)| !c.text.trim().is_empty())
            .map_or(width, |(i, _)| i - (n - width));
        for (i, c) in sp.values.iter().enumerate() {
            if c.text.trim().is_empty() {
                continue;
            }
            // A whole number as printed, thousands separators and all (`6,616`).
            let cell = crate::rows::cell_of(c);
            if cell.flag != xxgk_model::Flag::Number || cell.value.parse::<i128>().is_err() {
                return None;
            }
            match i.checked_sub(n - width) {
                Some(col) => columns[col].push((line, c)),
                None => columnless.push(Columnless {
                    value: (line, c),
                    before: first_column,
                }),
            }
        }
    }
    let total: usize = columns.iter().map(Vec::len).sum::<usize>() + columnless.len();
    if total != rows * width || columnless.len() > MAX_COLUMNLESS {
        return None;
    }
    let mut found: Vec<Vec<Vec<Cell>>> = Vec::new();
    place_columnless(&mut columns, &columnless, None, rows, &mut found);
    found.dedup_by(|a, b| values_of(a) == values_of(b));
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}

/// A value and the line it is on.
type Value<'r> = (usize, &'r crate::flow::RowCell);

/// A value left of a line's columns: its column is at most `before`, the column of its line's
/// first value in a column, and right of the columns of the columnless values before it on
/// its line.
struct Columnless<'r> {
    value: Value<'r>,
    before: usize,
}

fn values_of(m: &[Vec<Cell>]) -> Vec<Vec<String>> {
    m.iter()
        .map(|r| r.iter().map(|c| c.value.clone()).collect())
        .collect()
}

/// Every way of putting the columnless values into columns short of values, in line order
/// (`previous`: the line and column of the value placed just before); each complete reading
/// whose rows add up is pushed to `found` (at most two kept).
fn place_columnless<'r>(
    columns: &mut Vec<Vec<Value<'r>>>,
    rest: &[Columnless<'r>],
    previous: Option<(usize, usize)>,
    rows: usize,
    found: &mut Vec<Vec<Vec<Cell>>>,
) {
    if found.len() > 1 {
        return;
    }
    let Some((first, rest)) = rest.split_first() else {
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
    let value = first.value;
    // Right of the columnless value before it on the same line.
    let after = match previous {
        Some((line, col)) if line == value.0 => col + 1,
        _ => 0,
    };
    for col in after..(first.before + 1).min(columns.len()) {
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
            place_columnless(columns, rest, Some((value.0, col)), rows, found);
            columns[col].remove(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::text_grid_row;

    fn values(m: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        m.iter()
            .map(|r| r.iter().map(|c| c.value.as_str()).collect())
            .collect()
    }

    #[test]
    fn glued_values_keep_their_order_on_their_line() {
        // Two values glued to a label, two columns short of one value each: the sums hold
        // either way round (they are symmetric in the applicant columns); the line's order
        // says 1 is left of 2.
        let block = [
            text_grid_row(&["甲", "1", "2", "", "", "3"]),
            text_grid_row(&["乙", "1", "2", "3"]),
        ];
        assert_eq!(
            values(&read(&block, 2, 3).unwrap()),
            [["1", "2", "3"], ["1", "2", "3"]]
        );
        // One glued value, one column short: one reading, read.
        let block = [
            text_grid_row(&["甲", "1", "", "2", "3"]),
            text_grid_row(&["乙", "4", "5", "9"]),
        ];
        assert_eq!(
            values(&read(&block, 2, 3).unwrap()),
            [["1", "2", "3"], ["4", "5", "9"]]
        );
    }

    /// `pdftotext -layout` of thousands.pdf (corpus/truth/derived/thousands-layout): the
    /// values of 1.本机关不掌握相关政府信息 and 2.没有现成信息需要另行制作 on six lines,
    /// the last two columns a value a line; numbers printed with thousands separators.
    #[test]
    fn values_with_thousands_separators_are_whole_numbers() {
        let block = [
            text_grid_row(&["", "6,616", "412", "16", "23", "89", "", ""]),
            text_grid_row(&["", "110", "25", "1", "1", "5", "", ""]),
            text_grid_row(&["", "", "", "", "", "", "126", ""]),
            text_grid_row(&["", "", "", "", "", "", "4", ""]),
            text_grid_row(&["", "", "", "", "", "", "", "7,282"]),
            text_grid_row(&["", "", "", "", "", "", "", "146"]),
        ];
        assert_eq!(
            values(&read(&block, 2, 7).unwrap()),
            [
                ["6616", "412", "16", "23", "89", "126", "7282"],
                ["110", "25", "1", "1", "5", "4", "146"]
            ]
        );
    }

    #[test]
    fn a_glued_value_never_lands_right_of_its_line_s_values() {
        // PyMuPDF (sort=True) of split-footer.pdf: `92 7 0 1 2 1 103` in a grid with a stray
        // empty field, so 92 has no column; the only column short of a value is right of 7's.
        // Putting it there makes the row add up (7 + 92 = 99) and swaps two cells: 92 is
        // left of 7 on its line, so nothing is read.
        // Here the row's total is on the next line, so the line's values are no whole row.
        let block = [
            text_grid_row(&["甲", "", "92", "7", "", ""]),
            text_grid_row(&["", "", "", "", "", "99"]),
            text_grid_row(&["乙", "4", "5", "9"]),
        ];
        assert!(read(&block, 2, 3).is_none());
        // The line as the source printed it holds one value per column: read in line order,
        // whatever empty slot the layout left (`92 7 0 1 2 1 103` is 92, 7, …, 103).
        let block = [
            text_grid_row(&["甲", "", "92", "7", "", "99"]),
            text_grid_row(&["乙", "4", "5", "9"]),
        ];
        assert_eq!(
            values(&read(&block, 2, 3).unwrap()),
            [["92", "7", "99"], ["4", "5", "9"]]
        );
    }

    /// `pdftotext -layout` of LibreOffice Calc's PDF of huaian-2024.xls: each line prints a
    /// whole row, the empty slot between two values wherever the layout put it.
    #[test]
    fn a_line_of_one_value_per_column_is_read_in_its_order() {
        let block = [
            text_grid_row(&[
                "（二）部分公开（区",
                "1288",
                "21",
                "0",
                "0",
                "",
                "50",
                "3",
                "1362",
            ]),
            text_grid_row(&["分处理的，只计这一", "", "", "", "", "", "", "", ""]),
            text_grid_row(&["）", "447", "7", "0", "0", "", "0", "0", "454"]),
            text_grid_row(&["2.其他法", "2", "0", "0", "0", "", "0", "0", "2"]),
            text_grid_row(&["开", "30", "1", "", "0", "0", "0", "0", "31"]),
        ];
        assert_eq!(
            values(&read(&block, 4, 7).unwrap()),
            [
                ["1288", "21", "0", "0", "50", "3", "1362"],
                ["447", "7", "0", "0", "0", "0", "454"],
                ["2", "0", "0", "0", "0", "0", "2"],
                ["30", "1", "0", "0", "0", "0", "31"]
            ]
        );
    }
}
