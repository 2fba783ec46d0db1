//! Saved web pages: decode (see [`crate::encoding`]), parse with html5ever, find the report's
//! own content among the site's navigation, header and footer, and turn it into lines and grids.
//!
//! - Content: starting at `<body>`, descend into the child that holds at least 80% of the
//!   page's non-link text while there is one, then climb back over wrappers that add little
//!   text (a heading, a date line). Inside it, scripts, styles, forms, `<nav>`/`<footer>`/
//!   `<aside>`, elements whose class or id names navigation (`nav`, `menu`, `crumb`, `footer` …)
//!   and link lists are dropped (never an element holding a table).
//! - Tables: a table holding no other table, with at least two rows and two columns, becomes a
//!   [`Grid`] with `rowspan`/`colspan` expanded as in the HTML table model (origin cell keeps the
//!   spans, covered positions point back to it). Tables used for page layout (holding tables)
//!   and one-row or one-column tables are read as ordinary blocks.
//! - Text: inline tags are joined without separators ("申请人情" + "况"), whitespace runs and
//!   `&nbsp;` collapse to one space, `<br>` and block elements break lines (`\n` inside a cell).

use crate::encoding;
use crate::IngestError;
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::collections::HashMap;
use xxgk_model::{Block, Document, Format, Grid, GridCell, Line, Page};

/// Elements nested deeper than this are ignored (and a note says so).
const MAX_DEPTH: usize = 256;
/// Pages whose tags nest deeper than this are refused before parsing: the HTML tree builder
/// spends time proportional to depth × tags, so a small page of 20,000 nested `<div>`s would
/// take many seconds.
const MAX_NESTING: usize = 3000;
/// Bounds on one table, after span expansion.
const MAX_ROWS: usize = 4000;
const MAX_COLS: usize = 256;

/// Read an HTML page into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let decoded = encoding::decode_html(bytes);
    if decoded.replacement_ratio() > 0.2 {
        return Err(IngestError::unsupported(format!(
            "HTML page could not be decoded: {} of {} characters are invalid in {}",
            decoded.replacements,
            decoded.text.chars().count(),
            decoded.encoding.name()
        )));
    }
    let depth = nesting_estimate(&decoded.text);
    if depth > MAX_NESTING {
        return Err(IngestError::failed(format!(
            "HTML page nests elements about {depth} deep (limit {MAX_NESTING}): refused as malformed"
        )));
    }
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(decoded.text.as_str());
    let mut doc = Document::new(Format::Html);
    doc.notes.extend(decoded.note());

    let mut stats = Stats::default();
    stats.measure(&dom.document, 0);
    doc.title_hint = find_element(&dom.document, "title", 0)
        .map(|t| collapse(&text_of(&t)))
        .filter(|t| !t.is_empty());

    let body = find_element(&dom.document, "body", 0).unwrap_or_else(|| dom.document.clone());
    let root = content_root(&body, &stats);

    let mut out = Emitter::new(&stats);
    if is_tag(&root, "table") {
        out.walk(&root, 0);
    } else {
        // The root itself is never chrome, whatever its class says.
        for child in root.children.borrow().iter() {
            out.walk(child, 1);
        }
    }
    out.flush();
    if out.too_deep || stats.too_deep {
        doc.notes.push(format!(
            "elements nested deeper than {MAX_DEPTH} were ignored"
        ));
    }
    doc.notes.extend(out.notes.iter().cloned());
    if !out.blocks.iter().any(|b| matches!(b, Block::Grid(_))) {
        doc.notes
            .push("no data table found in the HTML page".into());
    }
    if out.blocks.is_empty() && out.too_deep {
        return Err(IngestError::failed(format!(
            "HTML page holds its text in elements nested deeper than {MAX_DEPTH}: not read"
        )));
    }
    if out.blocks.is_empty() {
        return Err(IngestError::unsupported(
            "HTML page has no text (an empty page or one that loads its content by script)",
        ));
    }
    doc.pages.push(Page {
        number: 1,
        blocks: out.blocks,
        ..Page::default()
    });
    Ok(doc)
}

/// A cheap upper estimate of element nesting: open tags minus close tags, not counting void
/// elements, self-closing tags and elements whose end tag is optional (p, li, td …).
fn nesting_estimate(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let close = b[i + 1] == b'/';
        let start = i + 1 + usize::from(close);
        let end = b[start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |e| start + e);
        if end == start {
            i += 1;
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        let gt = b[end..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |e| end + e);
        let self_closing = gt > 0 && gt < b.len() && b[gt - 1] == b'/';
        let counted = !matches!(
            name.as_str(),
            "area"
                | "base"
                | "br"
                | "col"
                | "embed"
                | "hr"
                | "img"
                | "input"
                | "link"
                | "meta"
                | "param"
                | "source"
                | "track"
                | "wbr"
                | "p"
                | "li"
                | "td"
                | "th"
                | "tr"
                | "option"
                | "optgroup"
                | "dt"
                | "dd"
                | "tbody"
                | "thead"
                | "tfoot"
                | "colgroup"
                | "html"
                | "head"
                | "body"
                | "rt"
                | "rp"
        );
        if counted && !self_closing {
            if close {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        i = gt.max(i + 1);
    }
    max
}

/// Per-element text measures, keyed by node address.
#[derive(Default)]
struct Stats {
    map: HashMap<usize, Measure>,
    /// Some elements lay deeper than [`MAX_DEPTH`].
    too_deep: bool,
}

#[derive(Default, Clone, Copy)]
struct Measure {
    /// Non-whitespace characters of text (outside scripts and styles).
    text: usize,
    /// Of which inside `<a>`.
    link: usize,
    /// Number of `<a>` elements.
    links: usize,
    /// Number of `<table>` elements inside (not counting itself).
    tables: usize,
}

fn key(h: &Handle) -> usize {
    std::rc::Rc::as_ptr(h) as usize
}

impl Stats {
    fn get(&self, h: &Handle) -> Measure {
        self.map.get(&key(h)).copied().unwrap_or_default()
    }

    /// Add the measures of a node's children to `m`.
    fn measure_children(&mut self, h: &Handle, depth: usize, m: &mut Measure) {
        for child in h.children.borrow().iter() {
            let c = self.measure(child, depth + 1);
            m.text += c.text;
            m.link += c.link;
            m.links += c.links;
            m.tables += c.tables + usize::from(is_tag(child, "table"));
        }
    }

    fn measure(&mut self, h: &Handle, depth: usize) -> Measure {
        let mut m = Measure::default();
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return m;
        }
        match &h.data {
            NodeData::Text { contents } => {
                m.text = contents
                    .borrow()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count();
            }
            NodeData::Element { name, .. } => {
                let tag = &*name.local;
                if is_skipped_tag(tag) {
                    return m;
                }
                self.measure_children(h, depth, &mut m);
                if tag == "a" {
                    m.link = m.text;
                    m.links += 1;
                }
            }
            NodeData::Document => self.measure_children(h, depth, &mut m),
            _ => {}
        }
        self.map.insert(key(h), m);
        m
    }
}

/// The element holding the report: see the module documentation.
fn content_root(body: &Handle, stats: &Stats) -> Handle {
    let prose = |h: &Handle| {
        let m = stats.get(h);
        m.text.saturating_sub(m.link)
    };
    let total = prose(body);
    if total == 0 {
        return body.clone();
    }
    let mut path = vec![body.clone()];
    loop {
        let Some(current) = path.last().cloned() else {
            break;
        };
        let next = current
            .children
            .borrow()
            .iter()
            .find(|c| matches!(c.data, NodeData::Element { .. }) && prose(c) * 10 >= total * 8)
            .cloned();
        match next {
            Some(n) => path.push(n),
            None => break,
        }
    }
    // Climb back over wrappers that add only a little text (title, date line).
    let slack = (total / 20).max(200);
    while path.len() > 2 {
        let (node, parent) = (&path[path.len() - 1], &path[path.len() - 2]);
        if prose(parent).saturating_sub(prose(node)) > slack {
            break;
        }
        path.pop();
    }
    path.pop().unwrap_or_else(|| body.clone())
}

fn is_tag(h: &Handle, tag: &str) -> bool {
    matches!(&h.data, NodeData::Element { name, .. } if &*name.local == tag)
}

fn tag_of(h: &Handle) -> Option<String> {
    match &h.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attr(h: &Handle, key: &str) -> Option<String> {
    match &h.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// Tags whose content is never report text.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "svg"
            | "canvas"
            | "map"
    )
}

/// Tags after which text starts on a new line.
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "pre"
            | "center"
            | "address"
            | "figure"
            | "figcaption"
            | "form"
            | "hr"
            | "body"
            | "header"
            | "footer"
            | "aside"
            | "nav"
    )
}

/// Class or id words that name site chrome rather than content.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "topbar",
    "toolbar",
    "breadcrumb",
    "crumb",
    "crumbs",
    "position",
    "location",
    "footer",
    "foot",
    "copyright",
    "sidebar",
    "share",
    "search",
    "login",
];

/// Site chrome inside the content root: navigation tags, chrome class/id words, link lists.
/// An element that holds a table is never dropped.
fn is_chrome(h: &Handle, m: Measure) -> bool {
    let Some(tag) = tag_of(h) else {
        return false;
    };
    if m.tables > 0 || tag == "table" {
        return false;
    }
    // A <header> or an "article-header" inside the content usually holds the title: kept
    // unless it is a link list.
    if matches!(tag.as_str(), "nav" | "footer" | "aside" | "form") {
        return true;
    }
    let names = format!(
        "{} {}",
        attr(h, "class").unwrap_or_default(),
        attr(h, "id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    let chrome_name = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| CHROME_WORDS.contains(&w));
    let link_list = m.links >= 3 && m.link * 10 >= m.text * 7;
    chrome_name || link_list
}

/// Collapse whitespace runs (including no-break spaces) to one space and trim.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// All text below a node, without any structure (used for `<title>`).
fn text_of(h: &Handle) -> String {
    fn go(h: &Handle, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let NodeData::Text { contents } = &h.data {
            out.push_str(&contents.borrow());
        }
        for c in h.children.borrow().iter() {
            go(c, out, depth + 1);
        }
    }
    let mut s = String::new();
    go(h, &mut s, 0);
    s
}

fn find_element(h: &Handle, tag: &str, depth: usize) -> Option<Handle> {
    if depth > MAX_DEPTH {
        return None;
    }
    if is_tag(h, tag) {
        return Some(h.clone());
    }
    h.children
        .borrow()
        .iter()
        .find_map(|c| find_element(c, tag, depth + 1))
}

/// Walks the content in document order, producing blocks.
struct Emitter<'a> {
    stats: &'a Stats,
    blocks: Vec<Block>,
    line: String,
    /// A whitespace run was seen since the last character.
    pending_space: bool,
    too_deep: bool,
    notes: Vec<String>,
}

impl<'a> Emitter<'a> {
    fn new(stats: &'a Stats) -> Emitter<'a> {
        Emitter {
            stats,
            blocks: Vec::new(),
            line: String::new(),
            pending_space: false,
            too_deep: false,
            notes: Vec::new(),
        }
    }

    fn flush(&mut self) {
        let text = self.line.trim().to_string();
        self.line.clear();
        self.pending_space = false;
        if !text.is_empty() {
            self.blocks.push(Block::Line(Line::plain(text)));
        }
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.line.is_empty() {
                    self.line.push(' ');
                }
                self.pending_space = false;
                self.line.push(c);
            }
        }
    }

    fn walk(&mut self, h: &Handle, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        match &h.data {
            NodeData::Text { contents } => {
                let text = contents.borrow().to_string();
                self.push_text(&text);
            }
            NodeData::Element { name, .. } => {
                let tag = &*name.local;
                if is_skipped_tag(tag) || is_chrome(h, self.stats.get(h)) {
                    return;
                }
                if tag == "br" {
                    self.flush();
                    return;
                }
                if tag == "table" && self.stats.get(h).tables == 0 {
                    if let Some(grid) = self.grid(h, depth) {
                        self.flush();
                        // A <caption> is a line before the grid.
                        let caption = h
                            .children
                            .borrow()
                            .iter()
                            .find(|c| is_tag(c, "caption"))
                            .map(|c| self.cell_text(c, depth));
                        if let Some(text) = caption.filter(|t| !t.is_empty()) {
                            for line in text.lines() {
                                self.blocks.push(Block::Line(Line::plain(line)));
                            }
                        }
                        self.blocks.push(Block::Grid(grid));
                        return;
                    }
                }
                let block = is_block_tag(tag);
                if block {
                    self.flush();
                }
                for child in h.children.borrow().iter() {
                    self.walk(child, depth + 1);
                }
                if block {
                    self.flush();
                }
            }
            NodeData::Document => {
                for child in h.children.borrow().iter() {
                    self.walk(child, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The text of one table cell: its lines joined with `\n`.
    fn cell_text(&self, cell: &Handle, depth: usize) -> String {
        let mut inner = Emitter::new(self.stats);
        for child in cell.children.borrow().iter() {
            inner.walk(child, depth + 1);
        }
        inner.flush();
        inner
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                Block::Grid(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A leaf table as a grid with spans expanded; `None` when it is not a data table
    /// (fewer than two rows or two columns).
    fn grid(&mut self, table: &Handle, depth: usize) -> Option<Grid> {
        let mut trs = Vec::new();
        collect_rows(table, &mut trs, depth);
        if trs.len() > MAX_ROWS {
            self.notes.push(format!(
                "a table with {} rows was cut to {MAX_ROWS}",
                trs.len()
            ));
            trs.truncate(MAX_ROWS);
        }
        let n = trs.len();
        let mut rows: Vec<Vec<Option<GridCell>>> = vec![Vec::new(); n];
        let mut cut_cols = false;
        for (r, tr) in trs.iter().enumerate() {
            let mut c = 0usize;
            let cells: Vec<Handle> = tr
                .children
                .borrow()
                .iter()
                .filter(|h| is_tag(h, "td") || is_tag(h, "th"))
                .cloned()
                .collect();
            for cell in cells {
                while rows[r].get(c).is_some_and(|x| x.is_some()) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    cut_cols = true;
                    break;
                }
                // Browsers read the leading digits ("2", " 2", "2.0", "2px").
                let span = |name: &str| {
                    attr(&cell, name)
                        .and_then(|v| {
                            let digits: String =
                                v.trim().chars().take_while(char::is_ascii_digit).collect();
                            digits.parse::<usize>().ok()
                        })
                        .unwrap_or(1)
                };
                let cs = span("colspan").clamp(1, MAX_COLS - c);
                // rowspan="0" reaches the end of the table; spans never reach past it.
                let rs = match span("rowspan") {
                    0 => n - r,
                    x => x.min(n - r),
                };
                let mut origin = GridCell::text(self.cell_text(&cell, depth));
                origin.row_span = rs as u32;
                origin.col_span = cs as u32;
                for (dr, row) in rows.iter_mut().enumerate().skip(r).take(rs) {
                    if row.len() < c + cs {
                        row.resize(c + cs, None);
                    }
                    for (dc, slot) in row.iter_mut().enumerate().skip(c).take(cs) {
                        if slot.is_none() {
                            *slot = Some(if (dr, dc) == (r, c) {
                                origin.clone()
                            } else {
                                GridCell {
                                    covered_by: Some((r, c)),
                                    ..GridCell::text("")
                                }
                            });
                        }
                    }
                }
                c += cs;
            }
        }
        if cut_cols {
            self.notes
                .push(format!("a table wider than {MAX_COLS} columns was cut"));
        }
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if n < 2 || width < 2 {
            return None;
        }
        Some(Grid::from_slots(rows))
    }
}

/// The `<tr>`s of a table (a leaf table: no table inside), in document order.
fn collect_rows(h: &Handle, out: &mut Vec<Handle>, depth: usize) {
    if depth > MAX_DEPTH || out.len() > MAX_ROWS {
        return;
    }
    for c in h.children.borrow().iter() {
        if is_tag(c, "tr") {
            out.push(c.clone());
        } else if matches!(c.data, NodeData::Element { .. }) {
            collect_rows(c, out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grids(doc: &Document) -> Vec<&Grid> {
        doc.grids().collect()
    }

    #[test]
    fn spans_expand_into_a_full_grid() {
        let page = r#"<html><body><table><caption>表三</caption>
            <tr><td rowspan="2" colspan="2">申请人<span>情</span>况</td><td>a</td></tr>
            <tr><td>b&nbsp;</td></tr>
            <tr><td>1</td><td>&nbsp;</td><td>3<br>4</td></tr>
            </table></body></html>"#;
        let doc = read(page.as_bytes()).unwrap();
        assert!(matches!(&doc.pages[0].blocks[0], Block::Line(l) if l.text == "表三"));
        let g = grids(&doc)[0];
        assert_eq!(g.rows.len(), 3);
        assert!(g.rows.iter().all(|r| r.len() == 3));
        assert_eq!(g.rows[0][0].text, "申请人情况");
        assert_eq!((g.rows[0][0].row_span, g.rows[0][0].col_span), (2, 2));
        assert_eq!(g.rows[1][1].covered_by, Some((0, 0)));
        assert_eq!(g.text_at(1, 1), "申请人情况");
        assert_eq!(g.rows[1][2].text, "b");
        assert_eq!(g.rows[2][1].text, "");
        assert_eq!(g.rows[2][2].text, "3\n4");
    }

    #[test]
    fn oversized_spans_are_truncated() {
        let page = r#"<table><tr><td rowspan="99999" colspan="99999">x</td><td>y</td></tr>
            <tr><td>z</td></tr></table>"#;
        let doc = read(page.as_bytes()).unwrap();
        let g = grids(&doc)[0];
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0][0].row_span, 2);
        assert!(g.rows[0].len() <= MAX_COLS);
    }

    #[test]
    fn navigation_is_dropped() {
        let page = r#"<html><head><title>报告-某市人民政府</title></head><body>
            <div class="nav"><a href="/">首页</a><a href="/a">机构</a><a href="/b">公开</a></div>
            <div id="main"><h1>某市2024年政府信息公开工作年度报告</h1>
              <div class="content"><p>一、总体情况</p><p>2024年，我市认真贯彻落实各项规定，
              圆满完成各项任务，主动公开信息5500余条，全年受理申请3119件，答复3050件，
              所有申请均在法定期限内答复，无超期情况。</p></div></div>
            <div class="footer">版权所有：某市人民政府办公室</div></body></html>"#;
        let doc = read(page.as_bytes()).unwrap();
        assert_eq!(doc.title_hint.as_deref(), Some("报告-某市人民政府"));
        let lines: Vec<&str> = doc.pages[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(lines[0], "某市2024年政府信息公开工作年度报告");
        assert_eq!(lines[1], "一、总体情况");
        assert!(!lines
            .iter()
            .any(|l| l.contains("首页") || l.contains("版权")));
    }

    #[test]
    fn layout_tables_are_blocks_and_data_tables_grids() {
        let page = r#"<html><body><table width="1000"><tr>
            <td class="left"><a href="/1">首页</a><br><a href="/2">机构概况</a><br><a href="/3">政务公开</a></td>
            <td><p>某区2024年政府信息公开工作年度报告</p>
              <p>本年度共受理政府信息公开申请十二件，全部按期答复，未发生行政复议和行政诉讼。</p>
              <table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
            </td></tr></table></body></html>"#;
        let doc = read(page.as_bytes()).unwrap();
        let blocks = &doc.pages[0].blocks;
        assert!(matches!(&blocks[0], Block::Line(l) if l.text.starts_with("某区2024年")));
        let g = grids(&doc);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].rows[1][0].text, "规章");
        assert!(!blocks
            .iter()
            .any(|b| matches!(b, Block::Line(l) if l.text.contains("首页"))));
    }
}
