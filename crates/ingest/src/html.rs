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

mod tree;

use crate::encoding;
use crate::IngestError;
use tree::{Kind, NodeId, Stop, Tree, DOCUMENT};
use xxgk_model::{Block, Document, Format, Grid, GridCell, Line, Page};

/// Elements nested deeper than this are ignored (and a note says so).
const MAX_DEPTH: usize = 256;
/// Bounds on one table, after span expansion.
const MAX_ROWS: usize = 4000;
const MAX_COLS: usize = 256;
/// Larger pages are refused before parsing (a saved report page is well under 1 MB).
pub const MAX_BYTES: usize = 32 << 20;

/// Read an HTML page into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    if bytes.len() > MAX_BYTES {
        return Err(IngestError::failed(format!(
            "HTML page of {} MB is larger than any report page (limit {} MB for HTML): not read",
            bytes.len() >> 20,
            MAX_BYTES >> 20
        )));
    }
    let decoded = encoding::decode_html(bytes);
    if decoded.replacement_ratio() > 0.2 {
        return Err(IngestError::unsupported(format!(
            "HTML page could not be decoded: {} of {} characters are invalid in {}",
            decoded.replacements,
            decoded.text.chars().count(),
            decoded.encoding.name()
        )));
    }
    let note = decoded.note();
    let t = tree::parse(&decoded.text);
    // A fragment (a CMS's `content` field) has no <body> of its own: the parser makes one.
    let fragment = !has_body_tag(&decoded.text);
    let markdown = crate::text::has_pipe_table(&decoded.text);
    drop(decoded);
    match t.stopped {
        Some(Stop::TooDeep) => {
            return Err(IngestError::failed(format!(
                "HTML page nests elements more than {} deep: refused as malformed",
                tree::MAX_NESTING
            )))
        }
        Some(Stop::TooManyNodes) => {
            return Err(IngestError::failed(format!(
                "HTML page has more than {} elements and text pieces (a report page has a few thousand): refused to bound memory",
                tree::MAX_NODES
            )))
        }
        Some(Stop::OutOfTime) => {
            return Err(IngestError::failed(
                "HTML page: the time budget ran out while parsing",
            ))
        }
        None => {}
    }
    let mut doc = Document::new(Format::Html);
    doc.notes.extend(note);

    let mut stats = Stats::new(&t, markdown);
    stats.measure_in(&t, DOCUMENT, 0);
    doc.title_hint = find_element(&t, DOCUMENT, "title", 0)
        .map(|n| collapse(&text_of(&t, n)))
        .filter(|s| !s.is_empty());

    let body = find_element(&t, DOCUMENT, "body", 0).unwrap_or(DOCUMENT);
    let root = content_root(&t, body, &stats, fragment);

    let mut out = Emitter::new(&t, &stats);
    out.markdown = markdown;
    if t.is_tag(root, "table") {
        out.walk(root, 0);
    } else {
        // The root itself is never chrome, whatever its class says.
        for child in t.children(root) {
            out.walk(child, 1);
        }
    }
    out.flush();
    if markdown {
        out.blocks = markdown_runs(std::mem::take(&mut out.blocks));
    }
    if xxgk_model::budget::expired_now() {
        return Err(IngestError::failed(
            "HTML page: the time budget ran out while reading",
        ));
    }
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

/// Per-element text measures, indexed by node.
struct Stats {
    map: Vec<Measure>,
    /// Some elements lay deeper than [`MAX_DEPTH`].
    too_deep: bool,
    /// The page is Markdown with raw HTML around it: `[text](url)` in its text is a link.
    markdown: bool,
}

/// Non-whitespace characters of the Markdown links (`[首页](/0/)`) in a text, and how many.
fn markdown_links(s: &str) -> (usize, usize) {
    let (mut chars, mut count) = (0, 0);
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open..];
        let Some(mid) = after.find("](") else { break };
        let Some(close) = after[mid..].find(')') else {
            break;
        };
        let link = &after[..mid + close + 1];
        if link.contains('\n') {
            rest = &after[1..];
            continue;
        }
        chars += link.chars().filter(|c| !c.is_whitespace()).count();
        count += 1;
        rest = &after[mid + close + 1..];
    }
    (chars, count)
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

impl Stats {
    fn new(t: &Tree, markdown: bool) -> Stats {
        Stats {
            map: vec![Measure::default(); t.node_count()],
            too_deep: false,
            markdown,
        }
    }

    fn get(&self, id: NodeId) -> Measure {
        self.map.get(id as usize).copied().unwrap_or_default()
    }

    /// Add the measures of a node's children to `m`.
    fn measure_children(&mut self, t: &Tree, id: NodeId, depth: usize, m: &mut Measure) {
        for child in t.children(id) {
            let c = self.measure_in(t, child, depth + 1);
            m.text += c.text;
            m.link += c.link;
            m.links += c.links;
            m.tables += c.tables + usize::from(t.is_tag(child, "table"));
        }
    }

    fn measure_in(&mut self, t: &Tree, id: NodeId, depth: usize) -> Measure {
        let mut m = Measure::default();
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return m;
        }
        match t.kind(id) {
            Kind::Text(s) => {
                m.text = s.chars().filter(|c| !c.is_whitespace()).count();
                if self.markdown {
                    (m.link, m.links) = markdown_links(s);
                }
            }
            Kind::Element { tag, .. } => {
                if is_skipped_tag(tag) {
                    return m;
                }
                self.measure_children(t, id, depth, &mut m);
                if &**tag == "a" {
                    m.link = m.text;
                    m.links += 1;
                }
            }
            Kind::Document => self.measure_children(t, id, depth, &mut m),
            Kind::Other => {}
        }
        if let Some(slot) = self.map.get_mut(id as usize) {
            *slot = m;
        }
        m
    }
}

/// The `src` of every `<img>` of a page, in document order (data: URLs left out).
pub fn picture_sources(bytes: &[u8]) -> Vec<String> {
    if bytes.len() > MAX_BYTES {
        return Vec::new();
    }
    let t = tree::parse(&encoding::decode_html(bytes).text);
    (0..t.node_count() as NodeId)
        .filter(|&id| t.is_tag(id, "img"))
        .filter_map(|id| t.attr(id, "src"))
        .filter(|s| !s.trim_start().starts_with("data:"))
        .map(str::to_string)
        .collect()
}

/// The pictures of a page saved with its files (`page_files/…`), read from the folder of the
/// file being read ([`crate::folder`]).
pub fn pictures(bytes: &[u8]) -> Vec<crate::pictures::Picture> {
    picture_sources(bytes)
        .into_iter()
        .take(crate::pictures::MAX_PICTURES)
        .filter_map(|src| {
            let bytes = crate::folder::read_relative(&src)?;
            Some(crate::pictures::Picture { name: src, bytes })
        })
        .collect()
}

/// The element holding the report: see the module documentation.
fn content_root(t: &Tree, body: NodeId, stats: &Stats, fragment: bool) -> NodeId {
    let prose = |id: NodeId| {
        let m = stats.get(id);
        m.text.saturating_sub(m.link)
    };
    let total = prose(body);
    if total == 0 {
        return body;
    }
    let mut path = vec![body];
    while let Some(&current) = path.last() {
        let next = t
            .children(current)
            .find(|&c| t.tag(c).is_some() && prose(c) * 10 >= total * 8);
        match next {
            Some(n) => path.push(n),
            None => break,
        }
    }
    // Climb back over wrappers that add only a little text (title, date line): up to the
    // body's child on a page, up to the fragment itself when there is no <body> (a CMS's
    // `content` field: its `<h1>` title beside the article's `<div>`).
    let slack = (total / 20).max(200);
    let top = if fragment { 1 } else { 2 };
    while path.len() > top {
        let (node, parent) = (path[path.len() - 1], path[path.len() - 2]);
        if prose(parent).saturating_sub(prose(node)) > slack {
            break;
        }
        path.pop();
    }
    path.pop().unwrap_or(body)
}

/// Whether the page writes a `<body>` (or `<html>`) tag of its own.
fn has_body_tag(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(256 * 1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<body") || head.contains("<html")
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
fn is_chrome(t: &Tree, id: NodeId, m: Measure) -> bool {
    let Some(tag) = t.tag(id) else {
        return false;
    };
    if m.tables > 0 || tag == "table" {
        return false;
    }
    // A <header> or an "article-header" inside the content usually holds the title: kept
    // unless it is a link list.
    if matches!(tag, "nav" | "footer" | "aside" | "form") {
        return true;
    }
    let names = format!(
        "{} {}",
        t.attr(id, "class").unwrap_or_default(),
        t.attr(id, "id").unwrap_or_default()
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
fn text_of(t: &Tree, id: NodeId) -> String {
    fn go(t: &Tree, id: NodeId, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Kind::Text(s) = t.kind(id) {
            out.push_str(s);
        }
        for c in t.children(id) {
            go(t, c, out, depth + 1);
        }
    }
    let mut s = String::new();
    go(t, id, &mut s, 0);
    s
}

fn find_element(t: &Tree, id: NodeId, tag: &str, depth: usize) -> Option<NodeId> {
    if depth > MAX_DEPTH {
        return None;
    }
    if t.is_tag(id, tag) {
        return Some(id);
    }
    t.children(id)
        .find_map(|c| find_element(t, c, tag, depth + 1))
}

/// Walks the content in document order, producing blocks.
struct Emitter<'a> {
    tree: &'a Tree,
    stats: &'a Stats,
    blocks: Vec<Block>,
    line: String,
    /// A whitespace run was seen since the last character.
    pending_space: bool,
    too_deep: bool,
    notes: Vec<String>,
    /// The page is Markdown with raw HTML around it (pandoc's gfm of a saved page): a line
    /// break in its text ends a line, as in the Markdown.
    markdown: bool,
}

/// The lines of a Markdown page read as the text reader reads them (pipe tables become grids,
/// heading marks go); grids the HTML held stay as they are.
fn markdown_runs(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut run: Vec<String> = Vec::new();
    let take = |run: &mut Vec<String>, out: &mut Vec<Block>| {
        let lines: Vec<&str> = run.iter().map(String::as_str).collect();
        out.extend(crate::text::markdown_blocks(&lines));
        run.clear();
    };
    for block in blocks {
        match block {
            Block::Line(line) if line.spans.is_empty() => run.push(line.text),
            other => {
                take(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    take(&mut run, &mut out);
    out
}

impl<'a> Emitter<'a> {
    fn new(tree: &'a Tree, stats: &'a Stats) -> Emitter<'a> {
        Emitter {
            tree,
            stats,
            blocks: Vec::new(),
            line: String::new(),
            pending_space: false,
            too_deep: false,
            notes: Vec::new(),
            markdown: false,
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
            if c == '\n' && self.markdown {
                self.flush();
            } else if c.is_whitespace() {
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

    fn walk(&mut self, id: NodeId, depth: usize) {
        if depth > MAX_DEPTH {
            self.too_deep = true;
            return;
        }
        if xxgk_model::budget::expired() {
            return;
        }
        let t = self.tree;
        match t.kind(id) {
            Kind::Text(s) => self.push_text(s),
            Kind::Element { tag, .. } => {
                let tag: &str = tag;
                if is_skipped_tag(tag) || is_chrome(t, id, self.stats.get(id)) {
                    return;
                }
                if tag == "br" {
                    self.flush();
                    return;
                }
                if tag == "table" && self.stats.get(id).tables == 0 {
                    if let Some(grid) = self.grid(id, depth) {
                        self.flush();
                        // A <caption> is a line before the grid.
                        let caption = t
                            .children(id)
                            .find(|&c| t.is_tag(c, "caption"))
                            .map(|c| self.cell_text(c, depth));
                        if let Some(text) = caption.filter(|s| !s.is_empty()) {
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
                for child in t.children(id) {
                    self.walk(child, depth + 1);
                }
                if block {
                    self.flush();
                }
            }
            Kind::Document => {
                for child in t.children(id) {
                    self.walk(child, depth + 1);
                }
            }
            Kind::Other => {}
        }
    }

    /// The text of one table cell: its lines joined with `\n`.
    fn cell_text(&self, cell: NodeId, depth: usize) -> String {
        let mut inner = Emitter::new(self.tree, self.stats);
        for child in self.tree.children(cell) {
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
    fn grid(&mut self, table: NodeId, depth: usize) -> Option<Grid> {
        let t = self.tree;
        let mut trs = Vec::new();
        collect_rows(t, table, &mut trs, depth);
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
        for (r, &tr) in trs.iter().enumerate() {
            let mut c = 0usize;
            let cells: Vec<NodeId> = t
                .children(tr)
                .filter(|&h| t.is_tag(h, "td") || t.is_tag(h, "th"))
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
                    t.attr(cell, name)
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
                let mut origin = GridCell::text(self.cell_text(cell, depth));
                origin.row_span = rs as u32;
                origin.col_span = cs as u32;
                Grid::place_span(&mut rows, r, c, origin);
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
fn collect_rows(t: &Tree, id: NodeId, out: &mut Vec<NodeId>, depth: usize) {
    if depth > MAX_DEPTH || out.len() > MAX_ROWS {
        return;
    }
    for c in t.children(id) {
        if t.is_tag(c, "tr") {
            out.push(c);
        } else if t.tag(c).is_some() {
            collect_rows(t, c, out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grids(doc: &Document) -> Vec<&Grid> {
        doc.grids().collect()
    }

    fn lines(doc: &Document) -> Vec<&str> {
        doc.pages[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect()
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
        let lines = lines(&doc);
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
    #[test]
    fn markdown_kept_between_raw_divs_is_read_as_markdown() {
        // pandoc gfm of a saved page (derived/huaian-2024-gbk-pandoc-md.txt): the page's
        // <div>s stay raw HTML around the Markdown; its navigation is a list of Markdown links.
        let page = r#"<div class="main">

<div class="left">

### 政府信息公开

-   [政府信息公开指南](/col/0.html)
-   [政府信息公开制度](/col/1.html)
-   [政府信息公开年报](/col/3.html)

</div>

<div class="article">

# 淮安市人民政府2024年政府信息公开工作年度报告

**<span style="font-family:黑体">二、主动公开政府信息情况</span>**

|  |  |  |  |
|----|----|----|----|
| <span style="font-size:10.5pt">信息内容</span> | <span>本年制发件数</span> | <span>本年废止件数</span> | <span>现行有效件数</span> |
| <span style="font-size:10.5pt">规章</span> | <span>1</span> | <span>0</span> | <span>11</span> |

</div>

</div>
"#;
        let doc = read(page.as_bytes()).unwrap();
        let lines = lines(&doc);
        assert_eq!(
            lines,
            [
                "淮安市人民政府2024年政府信息公开工作年度报告",
                "二、主动公开政府信息情况"
            ]
        );
        let g = grids(&doc);
        assert_eq!(g.len(), 1);
        let row: Vec<&str> = g[0].rows[2].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, ["规章", "1", "0", "11"]);
    }
}
