//! Page furniture at the edge of each page's text: page numbers printed bare (`3`, Word's
//! default footer) and the report's title as a running header.
//!
//! A bare number on a line of its own may be a table's value (text written one cell a line),
//! so it is never dropped for its shape alone ([`crate::gather::is_page_furniture`] drops
//! only the marked forms, `- 3 -`, `第3页`, `3/12`). What makes it a page number is where it
//! stands and what it counts: the first or last line of its page, on most pages, each page's
//! number the page's index plus one small offset (a cover page unnumbered: offset -1). A
//! running header is a line that reads as a report's title and opens or closes two pages or
//! more after the first (whose first line is the title itself, kept). Every reader sees the
//! document without them, the readers of the flow and those of the lines (pdfminer's boxes,
//! pdftotext's blocks) alike: inside a table they would break a label or add a value.

use std::collections::{BTreeMap, BTreeSet};
use xxgk_model::{Block, Document};

/// Largest page number taken (a report has tens of pages, not thousands).
const MAX_PAGE_NUMBER: u32 = 999;
/// Furthest a page's printed number is from its index (a cover and a contents page unnumbered,
/// or numbered from a previous part): values ending pages by chance count nothing this close.
const MAX_OFFSET: i64 = 2;

/// The document without its bare page numbers ([`page_number_lines`]) and running title
/// headers ([`running_titles`]); `None` when it has none.
pub(crate) fn without_furniture(doc: &Document) -> Option<Document> {
    let mut drop = page_number_lines(doc);
    drop.extend(running_titles(doc));
    if drop.is_empty() {
        return None;
    }
    let mut out = doc.clone();
    for (p, page) in out.pages.iter_mut().enumerate() {
        let mut b = 0;
        page.blocks.retain(|_| {
            b += 1;
            !drop.contains(&(p, b - 1))
        });
    }
    Some(out)
}

/// (block index, text) of a page's last and first non-empty lines.
fn edge_lines(page: &xxgk_model::Page) -> Vec<(usize, &str)> {
    let lines: Vec<(usize, &str)> = page
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(b, block)| match block {
            Block::Line(l) if !l.text.trim().is_empty() => Some((b, l.text.as_str())),
            _ => None,
        })
        .collect();
    let mut edges: Vec<(usize, &str)> = lines.last().into_iter().copied().collect();
    if lines.len() > 1 {
        edges.extend(lines.first());
    }
    edges
}

/// (page index, block index) of the lines on pages after the first that open or close their
/// page and read as a report's title, the same text twice or more (the first page's edges
/// count, and are kept: the title itself).
fn running_titles(doc: &Document) -> BTreeSet<(usize, usize)> {
    let mut by_text: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for (b, text) in edge_lines(page) {
            let norm: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if crate::title::read_title(&[norm.as_str()]).is_some() {
                by_text.entry(norm).or_default().push((p, b));
            }
        }
    }
    by_text
        .into_values()
        .filter(|at| at.len() >= 2)
        .flatten()
        .filter(|&(p, _)| p > 0)
        .collect()
}

/// (page index, block index) of the lines that are bare page numbers: at a page's first or
/// last line, counting the pages with one small offset on at least two pages and on at least
/// half of the pages.
fn page_number_lines(doc: &Document) -> BTreeSet<(usize, usize)> {
    // offset → page → the line holding that page's number.
    let mut by_offset: BTreeMap<i64, BTreeMap<u32, (usize, usize)>> = BTreeMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for (b, text) in edge_lines(page) {
            let Some(number) = bare_number(text) else {
                continue;
            };
            let offset = i64::from(number) - i64::from(page.number);
            if offset.abs() <= MAX_OFFSET {
                by_offset
                    .entry(offset)
                    .or_default()
                    .entry(page.number)
                    .or_insert((p, b));
            }
        }
    }
    let Some(best) = by_offset.values().max_by_key(|on| on.len()) else {
        return BTreeSet::new();
    };
    if best.len() < 2 || best.len() * 2 < doc.pages.len() {
        return BTreeSet::new();
    }
    best.values().copied().collect()
}

fn bare_number(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|n| (1..=MAX_PAGE_NUMBER).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{Format, Line, Page};

    fn doc(pages: &[&[&str]]) -> Document {
        let mut d = Document::new(Format::Txt);
        for (i, lines) in pages.iter().enumerate() {
            let mut page = Page {
                number: i as u32 + 1,
                ..Page::default()
            };
            for t in *lines {
                page.blocks.push(Block::Line(Line {
                    text: t.to_string(),
                    ..Line::default()
                }));
            }
            d.pages.push(page);
        }
        d
    }

    fn texts(d: &Document) -> Vec<Vec<&str>> {
        d.pages
            .iter()
            .map(|p| {
                p.blocks
                    .iter()
                    .filter_map(|b| match b {
                        Block::Line(l) => Some(l.text.as_str()),
                        Block::Grid(_) => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn numbers_counting_the_pages_at_their_edges_are_dropped() {
        let d = doc(&[&["规章", "1", "1"], &["0", "11", "2"], &["3"]]);
        let out = without_furniture(&d).unwrap();
        assert_eq!(texts(&out), [vec!["规章", "1"], vec!["0", "11"], vec![]]);
    }

    #[test]
    fn the_title_as_a_running_header_is_dropped_after_the_first_page() {
        let title = "淮安市人民政府2024年政府信息公开工作年度报告";
        let d = doc(&[&[title, "规章"], &[title, "信", "息"], &["内", "容"]]);
        let out = without_furniture(&d).unwrap();
        assert_eq!(
            texts(&out),
            [vec![title, "规章"], vec!["信", "息"], vec!["内", "容"]]
        );
        // Once, on one page after the first, and not the title: kept.
        let once = doc(&[&["淮安市人民政府", "规章"], &[title, "信"]]);
        assert!(without_furniture(&once).is_none());
    }

    #[test]
    fn values_at_page_edges_that_count_nothing_stay() {
        // One page only; values that end pages far from counting them; a count on one page.
        assert!(without_furniture(&doc(&[&["规章", "1"]])).is_none());
        assert!(without_furniture(&doc(&[&["规章", "5"], &["0", "11"], &["7"]])).is_none());
        assert!(without_furniture(&doc(&[&["规章", "1"], &["0", "11"], &["9"]])).is_none());
    }
}
