//! Table 三's applicant columns by position, where the text keeps positions (`pdftotext
//! -layout`): the header line `自然人 商业企 科研机 社会公 法律服 其他 总计` gives each column a
//! span on the line, and a value's span says which columns it may be in.
//!
//! A position alone is no proof: pdftotext shifts a value beside a long label (the `1` of
//! （二）部分公开 sits two characters left of 自然人). So positions only narrow the placements:
//! a value whose span overlaps header words may only be in those columns, a value that
//! overlaps none may be in any, and values keep their left-to-right order. A placement of all
//! rows is taken only when it is the **unique** one among those that satisfies every column
//! equation (see [`crate::totals`]).

use crate::flow::{Row, TextSpan};
use xxgk_model::text::char_width;

/// Header words, by the start of each column's header text, in column order (applicants, then
/// 总计); the template's column names, in the same order.
pub(crate) const COLUMNS: [(&str, &str); 7] = [
    ("自然人", "natural_person"),
    ("商业", "commercial"),
    ("科研", "research"),
    ("社会", "social_org"),
    ("法律", "legal_service"),
    ("其他", "other_org"),
    ("总计", "total"),
];

/// Most joint placements tried before giving up.
pub(crate) const MAX_PLACEMENTS: usize = 20_000;

/// The span of each column's header word in both measures (characters, display columns), from
/// the one cell of table 三's rows that holds the seven header words in order (one line of
/// aligned text).
pub(crate) fn header_spans(rows: &[Row]) -> Option<Header> {
    let mut found = None;
    for row in rows {
        if row.text_spans.len() != row.cells.len() {
            continue;
        }
        for (cell, span) in row.cells.iter().zip(&row.text_spans) {
            let words: Vec<&str> = cell.text.split_whitespace().collect();
            let is_header = words.len() == COLUMNS.len()
                && words
                    .iter()
                    .zip(COLUMNS)
                    .all(|(w, (h, _))| w.starts_with(h));
            if !is_header {
                continue;
            }
            if found.is_some() {
                return None; // two header lines: which one is not known
            }
            let span = (*span)?;
            found = Some(Header {
                chars: word_spans(&cell.text, span.chars, |_| 1.0)?,
                width: word_spans(&cell.text, span.width, |c| char_width(c) as f64)?,
            });
        }
    }
    found
}

/// The header words' spans in characters and in display columns.
pub(crate) struct Header {
    chars: Vec<(f64, f64)>,
    width: Vec<(f64, f64)>,
}

/// Each word's span inside a cell whose span on its line is `span`, by `measure`; `None` when
/// the cell's span is not its text's length (the cell is not one field of its line).
fn word_spans(text: &str, span: (f64, f64), measure: fn(char) -> f64) -> Option<Vec<(f64, f64)>> {
    let trimmed = text.trim();
    let length: f64 = trimmed.chars().map(measure).sum();
    if length != span.1 - span.0 {
        return None;
    }
    let mut out = Vec::new();
    let mut at = span.0;
    let mut start: Option<f64> = None;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, at));
            }
        } else if start.is_none() {
            start = Some(at);
        }
        at += measure(c);
    }
    out.extend(start.map(|s| (s, at)));
    Some(out)
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0.max(b.0) < a.1.min(b.1)
}

/// The columns a row's `n` values may be in: the placements either measure admits
/// ([`options_by`]); with no position known, every placement in order.
pub(crate) fn row_options(
    n: usize,
    spans: Option<&[TextSpan]>,
    header: &Header,
) -> Vec<Vec<usize>> {
    let Some(spans) = spans.filter(|s| s.len() == n) else {
        let any: Vec<(f64, f64)> = vec![(0.0, 0.0); n];
        return options_by(&any, &[(1.0, 1.0); COLUMNS.len()]);
    };
    let chars: Vec<(f64, f64)> = spans.iter().map(|s| s.chars).collect();
    let width: Vec<(f64, f64)> = spans.iter().map(|s| s.width).collect();
    let mut out = options_by(&chars, &header.chars);
    for p in options_by(&width, &header.width) {
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The columns a row's values may be in, by one measure: for each placement, one column per
/// value, strictly increasing, the last value in the total column. A value overlapping header
/// words may only be in those; one overlapping none may be in any.
fn options_by(values: &[(f64, f64)], header: &[(f64, f64)]) -> Vec<Vec<usize>> {
    let Some((total, applicants)) = values.split_last() else {
        return Vec::new();
    };
    let total_col = header.len() - 1;
    let over = |v: (f64, f64)| -> Vec<usize> {
        (0..header.len())
            .filter(|&c| overlaps(v, header[c]))
            .collect()
    };
    let t = over(*total);
    if !t.is_empty() && !t.contains(&total_col) {
        return Vec::new();
    }
    let candidates: Vec<Vec<usize>> = applicants
        .iter()
        .map(|v| {
            let o: Vec<usize> = over(*v).into_iter().filter(|c| *c < total_col).collect();
            if over(*v).is_empty() {
                (0..total_col).collect()
            } else {
                o
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut current = Vec::new();
    increasing(&candidates, 0, &mut current, &mut out);
    for p in &mut out {
        p.push(total_col);
    }
    out
}

/// Every strictly increasing choice of one column per value from its candidates.
fn increasing(
    candidates: &[Vec<usize>],
    i: usize,
    current: &mut Vec<usize>,
    out: &mut Vec<Vec<usize>>,
) {
    let Some(cands) = candidates.get(i) else {
        out.push(current.clone());
        return;
    };
    for &c in cands {
        if current.last().is_none_or(|l| *l < c) {
            current.push(c);
            increasing(candidates, i + 1, current, out);
            current.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_line_gives_each_column_a_span_and_values_their_candidates() {
        // derived/blank-zeros-layout.txt, in characters: the header cell starts at 25.
        let header = word_spans(
            "自然人 商业企 科研机 社会公 法律服 其他 总计",
            (25.0, 50.0),
            |_| 1.0,
        )
        .expect("spans");
        assert_eq!(header[0], (25.0, 28.0));
        assert_eq!(header[5], (45.0, 47.0));
        assert_eq!(header[6], (48.0, 50.0));
        // `10 1 … 1 12` under 自然人, 商业企, 其他, 总计: one placement.
        let row = [(26.0, 28.0), (30.0, 31.0), (46.0, 47.0), (48.0, 50.0)];
        assert_eq!(options_by(&row, &header), vec![vec![0, 1, 5, 6]]);
        // The `1` of （二）部分公开, two characters left of 自然人: any applicant column.
        let row = [(23.0, 24.0), (49.0, 50.0)];
        assert_eq!(options_by(&row, &header).len(), 6);
        // A total under 其他 is no total.
        let row = [(26.0, 27.0), (46.0, 47.0)];
        assert!(options_by(&row, &header).is_empty());
        // A span that is neither the characters nor the display width of the text.
        assert!(word_spans("自然人 商业企", (0.0, 3.0), |_| 1.0).is_none());
        // No position known: every placement in order (C(6, 2) for two values and a total).
        let header = Header {
            chars: vec![(0.0, 1.0); 7],
            width: vec![(0.0, 1.0); 7],
        };
        assert_eq!(row_options(3, None, &header).len(), 15);
    }
}
