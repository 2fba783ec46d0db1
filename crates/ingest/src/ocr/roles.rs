//! Which grid cells are numbers and which are labels, from the grid's shape rather than from
//! what the page pass made of each cell (it reads a faint `1` as `世` and a faint `3.其他` as
//! `3.`). A *data row* holds at least two cells read as whole numbers; in data rows, a column
//! whose cells are mostly labels with numbers to their right is a *label column*, the others
//! are *value columns*. Then:
//! - a short Chinese cell in a value column of a data row is a misread number (digits pass);
//! - a cell without Chinese in a label column of a data row is a misread label (labels pass).

use xxgk_model::{Grid, GridCell};

/// Longest text (non-space characters) a misread number may hold.
const MISREAD_CHARS: usize = 4;

/// What to do with one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Read with the digits whitelist.
    Number,
    /// Read with `chi_sim`.
    Label,
    /// Not read again (covered by a span).
    Skip,
}

/// Roles of every cell, row by row.
pub(crate) fn roles(grid: &Grid) -> Vec<Vec<Role>> {
    let label_cols = label_columns(grid);
    grid.rows
        .iter()
        .map(|row| {
            let data = is_data_row(row);
            row.iter()
                .enumerate()
                .map(|(ci, cell)| {
                    if cell.is_covered() {
                        return Role::Skip;
                    }
                    let chinese = super::cells::has_chinese(&cell.text);
                    let label_col = label_cols.get(ci).copied().unwrap_or(false);
                    match (data, label_col, chinese) {
                        (true, false, true) if misread_number(&cell.text) => Role::Number,
                        (true, true, false) if !cell.text.trim().is_empty() => Role::Label,
                        (_, _, true) => Role::Label,
                        _ => Role::Number,
                    }
                })
                .collect()
        })
        .collect()
}

fn is_number(cell: &GridCell) -> bool {
    let t = cell.text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

fn is_data_row(row: &[GridCell]) -> bool {
    row.iter().filter(|c| is_number(c)).count() >= 2
}

/// Short, one line, Chinese, not a value mark (无, 一 …).
fn misread_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    !text.trim().contains('\n')
        && t.chars().count() <= MISREAD_CHARS
        && xxgk_model::text::classify_value(&t).is_none()
}

/// Per column: whether, over the data rows, it holds labels (Chinese with a number to the
/// right) more often than numbers.
fn label_columns(grid: &Grid) -> Vec<bool> {
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut votes = vec![(0usize, 0usize); width];
    for row in grid.rows.iter().filter(|r| is_data_row(r)) {
        for (ci, cell) in row.iter().enumerate() {
            if cell.is_covered() {
                continue;
            }
            if is_number(cell) {
                votes[ci].1 += 1;
            } else if super::cells::has_chinese(&cell.text)
                && row[ci + 1..].iter().any(is_number)
            {
                votes[ci].0 += 1;
            }
        }
    }
    votes.into_iter().map(|(l, v)| l > v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| GridCell::text(*t)).collect())
                .collect(),
            bbox: None,
        }
    }

    #[test]
    fn misreads_are_told_by_their_column() {
        let g = grid(&[
            &["", "商业企业", "总计"],
            &["1.信访举报", "56", "62"],
            &["2.重复申请", "世", "25"],
            &["3.", "108", "110"],
            &["规章", "1", "11"],
        ]);
        let r = roles(&g);
        assert_eq!(r[0], vec![Role::Number, Role::Label, Role::Label]);
        assert_eq!(r[2][1], Role::Number, "世 among numbers");
        assert_eq!(r[3][0], Role::Label, "3. among labels");
        assert_eq!(r[4][0], Role::Label, "规章 stays a label");
        assert_eq!(r[1][1], Role::Number);
    }
}
