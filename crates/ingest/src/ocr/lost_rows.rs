//! Rows of a table whose horizontal rulings the scan lost. A bilevel scan (a fax, G4) keeps
//! a table's vertical rulings and drops its hairline horizontal ones when they print lighter
//! than the scanner's threshold; with columns but no rows no grid is built, the digits passes
//! never run, and the page pass's digits run into each other and into the labels. Where a
//! page has several long vertical rulings over a common height and (almost) no horizontal
//! ruling across them, the rows are the bands of ink between white gaps across the whole
//! table (rulings erased): a horizontal rule is put in the middle of each gap, and at the top
//! and bottom of the columns. A label wrapped over lines becomes several rows, one with the
//! values — as `pdftotext -layout` prints it, which the parser reads by template order.

use crate::image::ops::{Ink, Rule};

/// Fewest long vertical rulings that make a table's columns.
const MIN_COLUMN_RULES: usize = 4;
/// Most horizontal rulings across the columns for a table to count as one that lost its rows.
const MAX_ROW_RULES: usize = 2;

/// The horizontal rules of the rows a table lost (empty when no table lost them): `ink` is
/// the page with its rulings erased, `rules` the rulings found, `dpi` the scan's resolution.
pub(crate) fn lost_row_rules(ink: &Ink, rules: &[Rule], dpi: usize) -> Vec<Rule> {
    let Some((x0, x1, top, bottom)) = columns_region(rules, dpi) else {
        return Vec::new();
    };
    let across_rows = rules
        .iter()
        .filter(|r| r.horizontal && r.across.0 > top && r.across.1 < bottom)
        .filter(|r| (r.along.1.min(x1)).saturating_sub(r.along.0.max(x0)) * 2 >= x1 - x0)
        .count();
    if across_rows > MAX_ROW_RULES {
        return Vec::new();
    }
    let margin = (dpi / 50).max(2);
    let (from, to) = (x0 + margin, x1.saturating_sub(margin));
    let inked: Vec<bool> = (top..bottom)
        .map(|y| {
            (from..to)
                .filter(|&x| ink.on.get(y * ink.width + x).copied().unwrap_or(false))
                .nth(1)
                .is_some()
        })
        .collect();
    let min_gap = (dpi / 25).max(4);
    let mut ys = vec![top];
    let mut gap_start: Option<usize> = None;
    let mut seen_ink = false;
    for (i, &on) in inked.iter().enumerate() {
        match (on, gap_start) {
            (false, None) => gap_start = Some(i),
            (true, Some(start)) => {
                if seen_ink && i - start >= min_gap {
                    ys.push(top + (start + i) / 2);
                }
                gap_start = None;
            }
            _ => {}
        }
        seen_ink |= on;
    }
    ys.push(bottom);
    ys.into_iter()
        .map(|y| Rule {
            horizontal: true,
            along: (x0, x1),
            across: (y, y + 1),
        })
        .collect()
}

/// The region of a table's columns: the longest vertical ruling's height and every long
/// vertical ruling over most of it; `None` unless there are [`MIN_COLUMN_RULES`] of them
/// spanning two inches or more across.
fn columns_region(rules: &[Rule], dpi: usize) -> Option<(usize, usize, usize, usize)> {
    let long = |r: &&Rule| !r.horizontal && r.along.1.saturating_sub(r.along.0) >= dpi;
    let longest = rules
        .iter()
        .filter(long)
        .max_by_key(|r| r.along.1 - r.along.0)?;
    let (top, bottom) = longest.along;
    let columns: Vec<&Rule> = rules
        .iter()
        .filter(long)
        .filter(|r| {
            (r.along.1.min(bottom)).saturating_sub(r.along.0.max(top)) * 2 >= r.along.1 - r.along.0
        })
        .collect();
    let x0 = columns.iter().map(|r| r.across.0).min()?;
    let x1 = columns.iter().map(|r| r.across.1).max()?;
    (columns.len() >= MIN_COLUMN_RULES && x1 - x0 >= 2 * dpi).then_some((x0, x1, top, bottom))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vertical(x: usize, top: usize, bottom: usize) -> Rule {
        Rule {
            horizontal: false,
            along: (top, bottom),
            across: (x, x + 2),
        }
    }

    /// A 100-dpi page 800 wide: four columns from y 100 to 400, text bands at 120–140 and
    /// 200–220 (a gap of 60 between them).
    fn page(with_rows: bool) -> (Ink, Vec<Rule>) {
        let (w, h) = (800, 500);
        let mut on = vec![false; w * h];
        for y in (120..140).chain(200..220) {
            for x in 150..180 {
                on[y * w + x] = true;
            }
        }
        let mut rules: Vec<Rule> = [50, 250, 450, 650]
            .into_iter()
            .map(|x| vertical(x, 100, 400))
            .collect();
        if with_rows {
            for y in [100, 140, 170, 250, 300, 400] {
                rules.push(Rule {
                    horizontal: true,
                    along: (50, 652),
                    across: (y, y + 1),
                });
            }
        }
        (
            Ink {
                width: w,
                height: h,
                on,
            },
            rules,
        )
    }

    #[test]
    fn rows_are_put_between_the_bands_of_a_table_that_lost_them() {
        let (ink, rules) = page(false);
        let ys: Vec<usize> = lost_row_rules(&ink, &rules, 100)
            .iter()
            .map(|r| r.across.0)
            .collect();
        assert_eq!(ys, vec![100, 170, 400]);
        // A table with its rows keeps them.
        let (ink, rules) = page(true);
        assert!(lost_row_rules(&ink, &rules, 100).is_empty());
        // Three vertical rulings make no table.
        let (ink, mut rules) = page(false);
        rules.pop();
        assert!(lost_row_rules(&ink, &rules, 100).is_empty());
    }
}
