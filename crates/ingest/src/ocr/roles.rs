//! Which grid cells are numbers and which are labels, from the grid's shape rather than from
//! what the page pass made of each cell (it reads a faint `1` as `世` and a faint `3.其他` as
//! `3.`). A *data row* holds at least two cells read as whole numbers; in data rows, a column
//! the columns before the values start (see [`label_columns`]) are *label columns*, the
//! others *value columns*. Then:
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
    let k = label_cols.iter().filter(|l| **l).count();
    let first_data = grid.rows.iter().position(|r| is_data_row(r));
    grid.rows
        .iter()
        .enumerate()
        .map(|(ri, row)| {
            // Once the value columns are known, one number among them makes a data row (the
            // others may all be misread: `人 | “ | " | 454`); so does, below the first data
            // row, a labelled row whose value cells are all short (`? | 世 | ” | ”`).
            let values = || row.iter().skip(k).filter(|c| !c.is_covered());
            let data = is_data_row(row)
                || (k > 0 && values().any(is_number))
                || (k > 0
                    && first_data.is_some_and(|f| ri > f)
                    && labelled(&row[..k.min(row.len())])
                    && values().count() > 0
                    && values().all(|c| short(&c.text)));
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
                        // A label cell the page pass read as digits or not at all.
                        (true, true, false) => Role::Label,
                        (_, _, true) => Role::Label,
                        _ => Role::Number,
                    }
                })
                .collect()
        })
        .collect()
}

/// Short (or all numeral: `489000`), one line, with a digit and no Chinese: what the page pass
/// makes of a number, even a noisy one (`? 0 / ”`, `3OO1`).
fn is_number(cell: &GridCell) -> bool {
    let t = cell.text.trim();
    let numeral = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
    (short(t) || (numeral && !t.is_empty()))
        && t.chars().any(|c| c.is_ascii_digit())
        && !super::cells::has_chinese(&cell.text)
}

/// Whether the label cells of a row hold a label (two Chinese characters or more).
fn labelled(cells: &[GridCell]) -> bool {
    cells
        .iter()
        .flat_map(|c| c.text.chars())
        .filter(|&c| super::cells::has_chinese(&c.to_string()))
        .count()
        >= 2
}

fn short(text: &str) -> bool {
    !text.trim().contains('\n')
        && text.chars().filter(|c| !c.is_whitespace()).count() <= MISREAD_CHARS
}

fn is_data_row(row: &[GridCell]) -> bool {
    row.iter().filter(|c| is_number(c)).count() >= 2
}

/// Short, one line, Chinese, not a value mark (无, 一 …).
fn misread_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    short(text) && xxgk_model::text::classify_value(&t).is_none()
}

/// The label columns, as a prefix: per data row, the values start at the first short cell
/// after the row's first cell (its label: `规章 | 此 | 0 | 15`), or at the first cell itself
/// when it holds a digit or a single character, no label being that short (a row of numbers
/// only, table 四: `2是 | [04司 | 351`, `由 | 0 | 1`); the median
/// over the data rows wins, so that one row whose label lost its Chinese (`3.` for `3.其他`) does not
/// move the columns.
fn label_columns(grid: &Grid) -> Vec<bool> {
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut starts: Vec<usize> = grid
        .rows
        .iter()
        .filter(|r| is_data_row(r))
        .filter_map(|row| {
            let first = row.iter().position(|c| !c.is_covered())?;
            row.iter().enumerate().position(|(ci, c)| {
                !c.is_covered()
                    && short(&c.text)
                    && (ci != first
                        || c.text.chars().any(|ch| ch.is_ascii_digit())
                        || c.text.chars().filter(|ch| !ch.is_whitespace()).count() == 1)
            })
        })
        .collect();
    starts.sort_unstable();
    let k = starts.get(starts.len() / 2).copied().unwrap_or(0);
    (0..width).map(|c| c < k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misreads_are_told_by_their_column() {
        let g = Grid::from_texts(&[
            &["", "商业企业", "科研机构", "总计"],
            &["1.信访举报", "56", "6", "62"],
            &["2.重复申请", "世", "0", "25"],
            &["3.", "108", "2", "110"],
            &["规章", "1", "0", "11"],
        ]);
        let t4 = Grid::from_texts(&[
            &["结果\n维持", "总计", "复议"],
            &["2是", "[04司", "351", "车", "8"],
        ]);
        assert_eq!(roles(&t4)[1], vec![Role::Number; 5]);
        assert_eq!(roles(&t4)[0], vec![Role::Label; 3]);
        let t4 = Grid::from_texts(&[&["结果\n维持", "总计"], &["由", "0", "1", "0", "2"]]);
        assert_eq!(roles(&t4)[1], vec![Role::Number; 5]);
        let lost = Grid::from_texts(&[
            &["", "商业企业", "科研机构", "总计"],
            &["1.信访举报", "56", "6", "62"],
            &["5.要求行政机关确认", "", "世", "”"],
        ]);
        assert_eq!(
            roles(&lost)[2],
            vec![Role::Label, Role::Number, Role::Number, Role::Number]
        );
        assert_eq!(
            roles(&lost)[0][1],
            Role::Label,
            "a header row above the data stays"
        );
        let partial = Grid::from_texts(&[
            &["1.信访举报", "56", "6", "62"],
            &["(二)部分公开", "人", "“", "454"],
        ]);
        assert_eq!(roles(&partial)[1][1], Role::Number);
        // One long number makes the row a data row: `山` (for 11) is a misread number.
        let procurement = Grid::from_texts(&[
            &["规章", "1", "0"],
            &["信息内容", "采购项目数量", "采购总金额"],
            &["政府集中采购", "山", "489000"],
        ]);
        assert_eq!(
            roles(&procurement)[2],
            vec![Role::Label, Role::Number, Role::Number]
        );
        let t2 = Grid::from_texts(&[&["信息内容", "本年新制作数量"], &["规章", "此", "0", "15"]]);
        assert_eq!(
            roles(&t2)[1],
            vec![Role::Label, Role::Number, Role::Number, Role::Number]
        );
        let r = roles(&g);
        assert_eq!(
            r[0],
            vec![Role::Number, Role::Label, Role::Label, Role::Label]
        );
        assert_eq!(r[2][1], Role::Number, "世 among numbers");
        assert_eq!(r[3][0], Role::Label, "3. among labels");
        assert_eq!(r[4][0], Role::Label, "规章 stays a label");
        assert_eq!(r[1][1], Role::Number);
    }
}
