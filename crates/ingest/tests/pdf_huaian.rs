//! The corpus PDF against poppler's own readings of it (committed fixtures, see
//! `fixtures/pdf/README.md`).

use xxgk_ingest::pdf;
use xxgk_model::{Block, SegmentKind};

const PDF: &[u8] = include_bytes!("../../../corpus/reports/huaian-2024.pdf");
const POPPLER_TEXT: &str = include_str!("fixtures/pdf/huaian-2024.txt");
const POPPLER_BBOX: &str = include_str!("fixtures/pdf/huaian-2024.bbox.html");

struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute present") + key.len();
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("a number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Word boxes per page from `pdftotext -bbox`.
fn poppler_words() -> Vec<Vec<Word>> {
    let mut pages = Vec::new();
    for page in POPPLER_BBOX.split("<page ").skip(1) {
        let mut words = Vec::new();
        for chunk in page.split("<word ").skip(1) {
            let (tag, rest) = chunk.split_once('>').expect("tag end");
            let text = rest.split("</word>").next().expect("word text");
            words.push(Word {
                text: unescape(text),
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            });
        }
        pages.push(words);
    }
    pages
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v
}

#[test]
fn glyph_count_title_and_pages() {
    let doc = pdf::read(PDF).expect("the corpus PDF reads");
    assert_eq!(doc.page_count(), Some(6));
    assert_eq!(doc.pages.iter().map(|p| p.glyphs).sum::<usize>(), 2879);
    assert_eq!(doc.pages.iter().map(|p| p.unknown_glyphs).sum::<usize>(), 0);
    assert_eq!(doc.title_hint.as_deref(), Some("政府信息公开工作年度报告"));
    assert!(doc
        .pages
        .iter()
        .all(|p| p.width == 595.0 && p.height == 842.0));
}

#[test]
fn page_text_equals_pdftotext_line_by_line() {
    let doc = pdf::read(PDF).expect("reads");
    let poppler_pages: Vec<&str> = POPPLER_TEXT.split('\u{c}').collect();
    for page in &doc.pages {
        let expected_page = poppler_pages[page.number as usize - 1];
        // Lines, then the text of the tables that layout made into grids (each cell once).
        let ours: String = page
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Line(l) => vec![l.text.as_str()],
                Block::Grid(g) => g
                    .rows
                    .iter()
                    .flatten()
                    .filter(|c| c.covered_by.is_none())
                    .map(|c| c.text.as_str())
                    .collect(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        // Prose pages: the same lines, each with the same characters. Table pages: poppler reads
        // tables column block by column block, so only the page's characters are compared.
        if [1, 2, 6].contains(&page.number) {
            let mut a: Vec<Vec<char>> = ours.lines().map(sorted_chars).collect();
            let mut b: Vec<Vec<char>> = expected_page
                .lines()
                .map(sorted_chars)
                .filter(|v| !v.is_empty())
                .collect();
            a.sort();
            b.sort();
            assert_eq!(a, b, "page {} lines differ", page.number);
        }
        assert_eq!(
            sorted_chars(&ours),
            sorted_chars(expected_page),
            "page {} text differs",
            page.number
        );
    }
}

#[test]
fn glyph_origins_match_pdftotext_word_boxes() {
    let raw = pdf::extract(PDF).expect("extracts");
    let words = poppler_words();
    assert_eq!(words.len(), raw.pages.len());
    let tol = 0.5;
    let mut checked = 0;
    for (page, words) in raw.pages.iter().zip(&words) {
        for g in &page.glyphs {
            let pdf::interp::GlyphText::Char(c) = g.text else {
                panic!(
                    "page {}: a glyph without one character: {:?}",
                    page.number, g.text
                )
            };
            if c.is_whitespace() {
                continue;
            }
            let home = words.iter().find(|w| {
                w.text.contains(c)
                    && g.x >= w.x0 - tol
                    && g.x <= w.x1 + tol
                    && g.y >= w.y0 - tol
                    && g.y <= w.y1 + tol
            });
            assert!(
                home.is_some(),
                "page {}: glyph {c:?} at ({:.2}, {:.2}) is in no pdftotext word box",
                page.number,
                g.x,
                g.y
            );
            checked += 1;
        }
        // Every word starts at one of our glyph origins, and ends at one's advance.
        for w in words {
            let first = w.text.chars().next().expect("non-empty word");
            let starts = page.glyphs.iter().any(|g| {
                g.text == pdf::interp::GlyphText::Char(first)
                    && (g.x - w.x0).abs() <= tol
                    && g.y >= w.y0
                    && g.y <= w.y1
            });
            assert!(
                starts,
                "page {}: word {:?} at x {:.2} has no glyph there",
                page.number, w.text, w.x0
            );
            let ends = page
                .glyphs
                .iter()
                .any(|g| (g.x1 - w.x1).abs() <= tol && g.y >= w.y0 && g.y <= w.y1);
            assert!(
                ends,
                "page {}: word {:?} ends at x {:.2}, no glyph ends there",
                page.number, w.text, w.x1
            );
        }
    }
    assert_eq!(checked, 2879);
}

#[test]
fn page_four_rulings() {
    let doc = pdf::read(PDF).expect("reads");
    let page = &doc.pages[3];
    let count = |k: SegmentKind| page.segments.iter().filter(|s| s.kind == k).count();
    for s in &page.segments {
        assert!(s.x0 <= s.x1 && s.y0 <= s.y1);
        assert!(s.x0 >= 0.0 && s.x1 <= 595.0 && s.y0 >= 0.0 && s.y1 <= 842.0);
    }
    assert_eq!(count(SegmentKind::Horizontal), 24);
    assert_eq!(count(SegmentKind::Vertical), 15);
    // The first table's top rule, as drawn: `73.16 79.89 m 519.64 79.89 l S` under a y flip.
    let top = page
        .segments
        .iter()
        .find(|s| s.kind == SegmentKind::Horizontal)
        .expect("a horizontal rule");
    assert!((top.x0 - 73.16).abs() < 0.01 && (top.x1 - 519.64).abs() < 0.01);
    assert!((top.y0 - 79.89).abs() < 0.01);
}

#[test]
fn chinese_lines_have_no_spaces_and_runs_split_at_gaps() {
    let doc = pdf::read(PDF).expect("reads");
    let lines: Vec<&str> = doc.pages[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(lines[0], "淮安市人民政府");
    assert_eq!(lines[1], "2024 年政府信息公开工作年度报告");
    assert!(lines.contains(&"一、总体情况"));
}

#[test]
fn inspect_shows_lines_boxes_and_rulings() {
    let doc = pdf::read(PDF).expect("reads");
    let out = xxgk_ingest::inspect::render(&doc, Some(4));
    assert!(out.starts_with("title: 政府信息公开工作年度报告\n"));
    assert!(out.contains("=== page 4 (595.0 x 842.0 pt): 481 glyphs, 0 unknown\n"));
    assert!(!out.contains("=== page 3"));
    assert!(out.contains("\nr1   行政处罚 | 3985758\n"), "{out}");
    assert!(out.contains("--- segments: 24 horizontal, 15 vertical,"));
    assert!(out.contains("\nH   73.2   79.9  519.6   79.9\n"));
    let all = xxgk_ingest::inspect::render(&doc, None);
    assert_eq!(all.matches("=== page ").count(), 6);
}
