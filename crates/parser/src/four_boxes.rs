//! Table 四 read from **pdfminer.six's text boxes**, each value under the header words that
//! name its column (docs/design-linear-text.md §30).
//!
//! pdfminer writes table 四's header cells and value cells as boxes in the order of its layout
//! tree, not in print order: LibreOffice's PDFs of huaian-2024's Word documents give
//! `结果维持 · 结果纠正 · 72 · 64 · 尚未审结 · 37 · 其他结果 · 17/8 · 总计 · 35/1` — 尚未审结 before
//! 其他结果, and 178 and 351 wrapped in their narrow cells as boxes of two lines. Read in print
//! order the group still adds up with 37 and 178 swapped, so the stream readers refuse it
//! (`stream::headers_agree`). What the boxes do pin is which header each value follows:
//!
//! 1. the region runs from heading 四 to the next heading; nothing is read before its first
//!    group word (`行政复议`: table 三's last boxes may come first), and values before the first
//!    header naming a column are table 三's (pdfminer writes heading 四 above them);
//! 2. the header text since the last value names columns in the order the words stand
//!    (`结果维持结果纠正`: 维持, 纠正); the values after it, up to the next header text, are
//!    exactly that many, and go to those columns in that order (a values-only group is read
//!    left part first: 1,912 of 1,912 measured, §2);
//! 3. a box of several lines each one number is one cell, its number wrapped in the cell
//!    (table 四 has one row of values: nothing else stands one above the other), never when
//!    its first piece starts with 0 (no number does);
//! 4. the *n*-th header naming a column is group *n*'s (行政复议, 未经复议直接起诉, 复议后起诉,
//!    the order the groups' own words are written), every cell is named exactly once, and
//!    every group adds up (T4-1). Any other text after the first header, a value no header
//!    names, or a count that differs: nothing.
//!
//! Text input only; a table 四 another reader wrote is left alone.

use crate::tables::Tables;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Cell, Document, KeyId, Table, Template};

/// Table 四's cells as the boxes pin them (see the module doc), written into `out`.
pub fn fill_t4(doc: &Document, template: Template, out: &mut Tables) {
    let keys = schema().table_keys(template, Table::T4);
    if keys.is_empty() || keys.iter().any(|k| out.cells.contains_key(k)) {
        return;
    }
    let Some(cells) = read(&boxes_of(doc), template) else {
        return;
    };
    out.notes.push(format!(
        "表四: {} cells read from pdfminer's boxes under their headers",
        cells.len()
    ));
    for (k, c) in cells {
        out.cells.insert(k, c);
    }
}

/// The boxes of table 四's region (heading 四 to the next heading), each its lines; empty when
/// the text has no breaks (no boxes) or is no text file.
fn boxes_of(doc: &Document) -> Vec<Vec<String>> {
    let boxes = crate::boxes::boxes_under(doc, 4);
    if !boxes.iter().any(|b| b.after_break) {
        return Vec::new();
    }
    boxes.into_iter().map(|b| b.lines).collect()
}

/// What a run of a box's lines is.
enum Piece {
    /// Text: its lines joined (page marks left out).
    Header(String),
    /// A line of numbers side by side.
    Values(Vec<String>),
}

/// A box's lines as pieces: consecutive text lines joined into one.
fn pieces(lines: &[String]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Piece>| {
        if !text.is_empty() {
            out.push(Piece::Header(std::mem::take(text)));
        }
    };
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        if !words.is_empty() && words.iter().all(|w| is_count(w)) {
            flush(&mut text, &mut out);
            out.push(Piece::Values(words.iter().map(|w| w.to_string()).collect()));
        } else if !crate::gather::is_page_furniture(line) {
            text.push_str(line);
        }
    }
    flush(&mut text, &mut out);
    out
}

/// The columns header text names, when it holds nothing but table 四's header words.
fn header(text: &str, template: Template) -> Option<Vec<&'static str>> {
    let norm = normalize_label(text);
    let fragments = table_four_fragments(template);
    let mut rest = norm.clone();
    for f in &fragments {
        rest = rest.replace(f.as_str(), "");
    }
    // What is left may be pieces of those words (a character a line, a word cut by a box).
    rest.chars()
        .all(|c| fragments.iter().any(|f| f.contains(c)))
        .then(|| columns_named(&norm, template))
}

/// A whole non-negative count (no sign, no decimals: table 四 counts cases).
fn is_count(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// Every label fragment of table 四 (columns and groups) in the template, and the word over
/// its two lawsuit groups (`行政诉讼`, a header of no group's own), longest first.
fn table_four_fragments(template: Template) -> Vec<String> {
    let mut out: Vec<String> = schema()
        .labels(Table::T4, LabelKind::Col)
        .chain(schema().labels(Table::T4, LabelKind::Group))
        .filter(|l| l.in_template(Some(template)))
        .flat_map(|l| l.fragments.iter().cloned())
        .chain(["行政诉讼".to_string()])
        .collect();
    out.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
    out
}

/// The columns a header text names, in the order their words stand (a word inside a longer
/// one of the same column counts once).
fn columns_named(norm: &str, template: Template) -> Vec<&'static str> {
    let mut found: Vec<(usize, usize, &'static str)> = Vec::new();
    for label in schema()
        .labels(Table::T4, LabelKind::Col)
        .filter(|l| l.in_template(Some(template)))
    {
        for f in &label.fragments {
            for (at, _) in norm.match_indices(f.as_str()) {
                let end = at + f.len();
                let covered = found.iter().any(|&(a, e, _)| at < e && a < end);
                if !covered {
                    found.push((at, end, label.key));
                }
            }
        }
    }
    found.sort_unstable();
    found.into_iter().map(|(_, _, key)| key).collect()
}

/// The cells the boxes pin (steps 2–4 of the module doc), or `None`.
fn read(boxes: &[Vec<String>], template: Template) -> Option<Vec<(KeyId, Cell)>> {
    let s = schema();
    let start = boxes.iter().position(|b| {
        b.iter().any(|l| {
            let norm = normalize_label(l);
            s.labels(Table::T4, LabelKind::Group)
                .any(|g| g.in_template(Some(template)) && g.matches(&norm))
        })
    })?;
    let mut reading = Reading::default();
    for b in &boxes[start..] {
        let pieces = pieces(b);
        let lines: Vec<&Vec<String>> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Values(v) => Some(v),
                Piece::Header(_) => None,
            })
            .collect();
        // Several lines of one number each: one number wrapped in its cell, after the box's
        // header words if any.
        if lines.len() >= 2 && lines.iter().all(|v| v.len() == 1) {
            let header_first = matches!(pieces.first(), Some(Piece::Header(_)));
            let headers = pieces
                .iter()
                .filter(|p| matches!(p, Piece::Header(_)))
                .count();
            if headers > usize::from(header_first) {
                return None;
            }
            if let Some(Piece::Header(text)) = pieces.first() {
                reading.text.push_str(text);
            }
            reading.value(&joined(&pieces_text(&lines))?, template)?;
            continue;
        }
        for p in &pieces {
            match p {
                Piece::Header(text) => reading.text.push_str(text),
                Piece::Values(v) => {
                    for value in v {
                        reading.value(value, template)?;
                    }
                }
            }
        }
    }
    reading.finish(template)
}

/// The one value of each line.
fn pieces_text(lines: &[&Vec<String>]) -> Vec<String> {
    lines.iter().filter_map(|v| v.first().cloned()).collect()
}

/// The state of [`read`]: columns named and not yet given a value, how often each column was
/// named, and the cells read.
#[derive(Default)]
struct Reading {
    /// Header text since the last value (it may run over several boxes: a character a box).
    text: String,
    pending: Vec<&'static str>,
    after_value: bool,
    named: Vec<(&'static str, usize)>,
    cells: Vec<(KeyId, String)>,
}

impl Reading {
    /// The header text gathered since the last value, read: it must be table 四's words only,
    /// and the columns it names wait for their values. After a value, the columns named before
    /// must all have theirs: which value is whose is otherwise open.
    fn header(&mut self, template: Template) -> Option<()> {
        let text = std::mem::take(&mut self.text);
        let cols = header(&text, template)?;
        if cols.is_empty() {
            return Some(());
        }
        if self.after_value && !self.pending.is_empty() {
            return None;
        }
        self.after_value = false;
        self.pending.extend(cols.iter().copied());
        // Several columns waiting: their values come in print order, and so must the header
        // words (pdfminer may write a run of headers in another order than their values:
        // `纠正 · 其他 · 尚未 · 维持 · 总计 · 72 · 64 · 178 · 37 · 351`).
        let columns: Vec<&'static str> = schema()
            .keys(template)
            .filter(|k| k.table == Table::T4)
            .map(|k| k.col)
            .collect();
        let order = |col: &&'static str| columns.iter().position(|c| c == col);
        let at: Vec<Option<usize>> = self.pending.iter().map(order).collect();
        at.windows(2)
            .all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if a < b))
            .then_some(())
    }

    /// A value: the first column named and waiting, of the group its naming counts to. Values
    /// before any header named a column are table 三's and skipped.
    fn value(&mut self, text: &str, template: Template) -> Option<()> {
        self.header(template)?;
        if self.named.is_empty() && self.pending.is_empty() {
            return Some(());
        }
        if self.pending.is_empty() {
            return None;
        }
        self.after_value = true;
        let col = self.pending.remove(0);
        let n = match self.named.iter_mut().find(|(c, _)| *c == col) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.named.push((col, 0));
                0
            }
        };
        let s = schema();
        let group = *s.rows(template, Table::T4).get(n)?;
        let key = s.key_at(Table::T4, group, col)?;
        if self.cells.iter().any(|(k, _)| *k == key) {
            return None;
        }
        self.cells.push((key, text.to_string()));
        Some(())
    }

    /// Every cell named exactly once and every group adding up (T4-1).
    fn finish(mut self, template: Template) -> Option<Vec<(KeyId, Cell)>> {
        self.header(template)?;
        let keys = schema().table_keys(template, Table::T4);
        if !self.pending.is_empty() || self.cells.len() != keys.len() {
            return None;
        }
        let row: Vec<Cell> = keys
            .iter()
            .map(|k| {
                let text = &self.cells.iter().find(|(c, _)| c == k)?.1;
                Some(crate::blocks::number_cell(text.parse().ok()?))
            })
            .collect::<Option<_>>()?;
        crate::table_four::t4_groups_add_up(template, &keys, &row)
            .then(|| keys.into_iter().zip(row).collect())
    }
}

/// The pieces of a number wrapped in its cell read as one (`17` / `8` → 178); `None` when the
/// first piece starts with 0 (a number never does).
fn joined(pieces: &[String]) -> Option<String> {
    let first = pieces.first()?;
    if first.starts_with('0') {
        return None;
    }
    Some(pieces.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// pdfminer.six's text of LibreOffice's PDF of huaian-2024.doc (held out): table 三's last
    /// values under heading 四, the header words a character a line, 尚未审结 before 其他结果,
    /// 178 and 351 wrapped in their cells, the lawsuit groups' headers boxed with their values.
    const HUAIAN_DOC: &str = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n\n行政诉讼\n\n\
        0\n\n0\n\n61\n\n11\n0\n\n结\n果\n维\n持\n\n结\n果\n纠\n正\n\n72\n\n64\n\n\
        尚\n未\n审\n结\n\n37\n\n其\n他\n结\n果\n\n17\n8\n\n总\n计\n\n35\n1\n\n\
        未经复议直接起诉\n\n复议后起诉\n\n结\n果\n维\n持\n13\n\n结\n果\n纠\n正\n4\n\n\
        其\n他\n结\n果\n8\n\n尚\n未\n审\n结\n1\n\n总\n计\n\n26\n\n结\n果\n维\n持\n12\n\n\
        结\n果\n纠\n正\n1\n\n其\n他\n结\n果\n1\n\n尚\n未\n审\n结\n6\n\n总\n计\n\n20\n\n\
        五、存在的主要问题及改进情况\n";

    fn read(text: &str) -> HashMap<String, String> {
        let doc = xxgk_ingest::ingest(text.as_bytes(), "t.txt").unwrap_or_else(|e| panic!("{e}"));
        let mut out = Tables::default();
        fill_t4(&doc, Template::V2021, &mut out);
        out.cells
            .iter()
            .map(|(k, c)| (k.as_str().to_string(), c.value.clone()))
            .collect()
    }

    #[test]
    fn each_value_goes_to_the_column_its_header_names() {
        let got = read(HUAIAN_DOC);
        let want = [
            ("review", ["72", "64", "178", "37", "351"]),
            ("lit_direct", ["13", "4", "8", "1", "26"]),
            ("lit_after_review", ["12", "1", "1", "6", "20"]),
        ];
        assert_eq!(got.len(), 15, "{got:?}");
        // The header's characters a box each (pdfminer with `line_margin=0.3`): the same.
        let boxed = HUAIAN_DOC.replace(
            "结\n果\n维\n持\n\n结\n果\n纠\n正",
            "结\n\n果\n\n维\n\n持\n\n结\n\n果\n\n纠\n\n正",
        );
        assert_ne!(boxed, HUAIAN_DOC);
        assert_eq!(read(&boxed), got);
        for (group, values) in want {
            for (col, v) in ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .zip(values)
            {
                let key = format!("t4.{group}.{col}");
                assert_eq!(got.get(&key).map(String::as_str), Some(v), "{key}");
            }
        }
    }

    /// A value no header names, a header after a value while a column named before still
    /// waits, a group that does not add up, a wrapped piece starting with 0: nothing.
    #[test]
    fn values_not_pinned_by_their_headers_read_nothing() {
        let unnamed = HUAIAN_DOC.replace("尚\n未\n审\n结\n\n37\n\n", "37\n\n尚\n未\n审\n结\n\n");
        assert!(read(&unnamed).is_empty());
        let waiting = HUAIAN_DOC.replace(
            "72\n\n64\n\n尚\n未\n审\n结\n\n37",
            "72\n\n尚\n未\n审\n结\n\n37\n\n64",
        );
        assert!(read(&waiting).is_empty());
        assert!(read(&HUAIAN_DOC.replace("\n37\n", "\n38\n")).is_empty());
        assert!(read(&HUAIAN_DOC.replace("17\n8", "0\n178")).is_empty());
        // A run of headers in another order than their values (a held-out geometry text).
        let reordered = HUAIAN_DOC.replace(
            "结\n果\n维\n持\n\n结\n果\n纠\n正\n\n72",
            "结\n果\n纠\n正\n\n结\n果\n维\n持\n\n72",
        );
        assert_ne!(reordered, HUAIAN_DOC);
        assert!(read(&reordered).is_empty());
        // Other text among the headers.
        assert!(read(&HUAIAN_DOC.replace("复议后起诉", "复议后起诉案件备注")).is_empty());
    }
}
