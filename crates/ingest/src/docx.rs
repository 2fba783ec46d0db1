//! Word documents (DOCX): `word/document.xml` read with quick-xml from the zip container.
//!
//! Paragraphs outside tables become [`Line`]s; each `w:tbl` becomes a [`Grid`] with
//! `w:gridSpan` (columns) and `w:vMerge` (rows) expanded as documented on [`Grid`]: the cell
//! that starts a merge is the origin with the spans, the positions it covers point back to it.
//! Paragraphs inside a cell are joined with `\n`; a table nested in a cell contributes its
//! text to that cell, one line per row. `w:gridBefore` in a row's properties shifts its cells.
//!
//! Bounded: the archive must be a zip, entries are read only when their declared size is below
//! [`MAX_ENTRY`] and reading stops at that size whatever the header claims (zip bombs), and
//! tables are cut at [`MAX_ROWS`] × [`MAX_COLS`].

use crate::IngestError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};
use xxgk_model::{Block, Document, Format, Grid, GridCell, Line, Page};

/// Largest uncompressed size of one zip entry we read.
pub const MAX_ENTRY: u64 = 64 * 1024 * 1024;
const MAX_ROWS: usize = 4000;
const MAX_COLS: usize = 256;

/// Read a DOCX file into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        IngestError::failed(format!(
            "not a readable DOCX (zip) file: {e}; re-save it from Word or WPS"
        ))
    })?;
    let main = main_part(&mut zip)?;
    let xml = read_entry(&mut zip, &main)?
        .ok_or_else(|| IngestError::failed(format!("DOCX file has no {main} part")))?;
    let mut doc = Document::new(Format::Docx);
    let (blocks, notes) = parse_body(&String::from_utf8_lossy(&xml))?;
    doc.notes = notes;
    if let Ok(Some(core)) = read_entry(&mut zip, "docProps/core.xml") {
        doc.title_hint = crate::xml_text::meta_title(&String::from_utf8_lossy(&core));
    }
    if blocks.is_empty() {
        return Err(IngestError::unsupported(
            "DOCX file has no text (it may hold only images: needs OCR)",
        ));
    }
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    Ok(doc)
}

/// The main document part: from `_rels/.rels` when it names one, else `word/document.xml`.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<String, IngestError> {
    if let Ok(Some(rels)) = read_entry(zip, "_rels/.rels") {
        let rels = String::from_utf8_lossy(&rels);
        let mut reader = Reader::from_str(&rels);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let ty = attr(&e, "Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument") {
                        if let Some(target) = attr(&e, "Target") {
                            return Ok(target.trim_start_matches('/').to_string());
                        }
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    Ok("word/document.xml".to_string())
}

/// The pictures of the main part in the order they are placed (`r:embed` of a drawing or
/// `r:id` of a VML image, resolved through the part's relationships), for the OCR path.
pub fn pictures(bytes: &[u8]) -> Vec<crate::pictures::Picture> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(main) = main_part(&mut zip) else {
        return Vec::new();
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels_name = format!("{dir}/_rels/{file}.rels")
        .trim_start_matches('/')
        .to_string();
    let targets = match read_entry(&mut zip, &rels_name) {
        Ok(Some(r)) => image_targets(&String::from_utf8_lossy(&r), dir),
        _ => return Vec::new(),
    };
    let Ok(Some(xml)) = read_entry(&mut zip, &main) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut reader = Reader::from_reader(&xml[..]);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let local = e.local_name();
                let id = match local.as_ref() {
                    "blip" => attr(&e, "r:embed"),
                    "imagedata" => attr(&e, "r:id"),
                    _ => None,
                };
                if let Some(target) = id.and_then(|id| targets.get(&id)) {
                    if seen.insert(target.clone()) {
                        if let Ok(Some(b)) = read_entry(&mut zip, target) {
                            out.push(crate::pictures::Picture {
                                name: target.clone(),
                                bytes: b,
                            });
                        }
                    }
                }
                if out.len() >= crate::pictures::MAX_PICTURES {
                    break;
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Image relationships of a part: id → zip entry name (targets are relative to `dir`).
fn image_targets(rels: &str, dir: &str) -> std::collections::HashMap<String, String> {
    let mut map = std::collections::HashMap::new();
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                if let (true, false, Some(id), Some(t)) = (
                    ty.ends_with("/image"),
                    external,
                    attr(&e, "Id"),
                    attr(&e, "Target"),
                ) {
                    let name = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => resolve(dir, &t),
                    };
                    map.insert(id, name);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    map
}

/// `dir` + a relative target with `..` steps, as a zip entry name.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// One entry's bytes, refusing entries larger than [`MAX_ENTRY`]; `None` when absent.
fn read_entry(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, IngestError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(IngestError::failed(format!(
                "DOCX entry {name} cannot be read: {e}"
            )))
        }
    };
    if file.size() > MAX_ENTRY {
        return Err(IngestError::failed(format!(
            "DOCX entry {name} would expand to {} bytes (limit {MAX_ENTRY}): refused as a possible zip bomb",
            file.size()
        )));
    }
    let mut out = Vec::new();
    (&mut file)
        .take(MAX_ENTRY + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::failed(format!("DOCX entry {name} is damaged: {e}")))?;
    if out.len() as u64 > MAX_ENTRY {
        return Err(IngestError::failed(format!(
            "DOCX entry {name} expands past {MAX_ENTRY} bytes: refused as a possible zip bomb"
        )));
    }
    Ok(Some(out))
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

/// A table being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Option<GridCell>>>,
    /// Next grid column in the current row.
    col: usize,
    /// Current cell: paragraphs, grid span, vertical merge.
    cell: Option<(Vec<String>, usize, VMerge)>,
    cut: bool,
    /// The current row is past [`MAX_ROWS`]: its cells are dropped.
    skipping: bool,
}

impl TableBuilder {
    fn start_row(&mut self) {
        self.col = 0;
        if self.rows.len() >= MAX_ROWS {
            self.cut = true;
            self.skipping = true;
            return;
        }
        self.rows.push(Vec::new());
    }

    fn start_cell(&mut self) {
        self.cell = Some((Vec::new(), 1, VMerge::None));
    }

    fn end_cell(&mut self) {
        let Some((paras, span, vmerge)) = self.cell.take() else {
            return;
        };
        if self.rows.is_empty() {
            self.start_row();
        }
        let r = self.rows.len() - 1;
        if self.skipping || self.col >= MAX_COLS {
            self.cut = true;
            return;
        }
        let c = self.col;
        let span = span.clamp(1, MAX_COLS - c);
        self.col += span;
        let text = paras
            .iter()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        // A continued merge points at the origin of the cell above (or what covers it).
        let above = if vmerge == VMerge::Continue && r > 0 {
            self.rows[r - 1]
                .get(c)
                .and_then(|x| x.as_ref())
                .map(|x| x.covered_by.unwrap_or((r - 1, c)))
        } else {
            None
        };
        let row = &mut self.rows[r];
        if row.len() < c + span {
            row.resize(c + span, None);
        }
        match above {
            Some((or, oc)) => {
                for slot in row.iter_mut().skip(c).take(span) {
                    *slot = Some(GridCell::covered((or, oc)));
                }
                if let Some(Some(origin)) = self.rows.get_mut(or).and_then(|x| x.get_mut(oc)) {
                    origin.row_span = (r - or + 1) as u32;
                    // Text typed into a continued cell is kept (Word hides it; we don't drop data).
                    if !text.is_empty() {
                        if !origin.text.is_empty() {
                            origin.text.push('\n');
                        }
                        origin.text.push_str(&text);
                    }
                }
            }
            None => {
                let mut origin = GridCell::text(text);
                origin.col_span = span as u32;
                Grid::place_span(&mut self.rows, r, c, origin);
            }
        }
    }

    fn finish(self) -> Grid {
        Grid::from_slots(self.rows.into_iter().take(MAX_ROWS).collect())
    }

    /// The table's text, one line per row (cells separated by a space), for nesting.
    fn text_lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .flatten()
                    .filter(|c| c.covered_by.is_none() && !c.text.is_empty())
                    .map(|c| c.text.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}

/// Parse `word/document.xml` into blocks (and notes).
fn parse_body(xml: &str) -> Result<(Vec<Block>, Vec<String>), IngestError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut notes = Vec::new();
    let mut tables: Vec<TableBuilder> = Vec::new();
    // Open paragraphs: a text box (w:txbxContent) puts paragraphs inside a paragraph.
    let mut paras: Vec<String> = Vec::new();
    // Inside w:t (text to keep) — w:delText and w:instrText are not w:t.
    let mut in_text = false;
    // Inside mc:Fallback, which repeats the content of mc:Choice for older readers.
    let mut fallback = 0usize;
    let mut cut = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            IngestError::failed(format!(
                "DOCX document.xml is not well-formed at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == "Fallback" => {
                fallback += 1;
                continue;
            }
            Event::End(e) if e.local_name().as_ref() == "Fallback" => {
                fallback = fallback.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ if fallback > 0 => continue,
            _ => {}
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "tbl" => tables.push(TableBuilder::default()),
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.start_row();
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.start_cell();
                    }
                }
                "p" => paras.push(String::new()),
                "t" => in_text = true,
                "gridSpan" | "gridBefore" | "vMerge" => table_property(&mut tables, &e),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "gridSpan" | "gridBefore" | "vMerge" => table_property(&mut tables, &e),
                "tab" => {
                    if let Some(p) = paras.last_mut() {
                        p.push(' ');
                    }
                }
                "br" | "cr" => {
                    if let Some(p) = paras.last_mut() {
                        p.push('\n');
                    }
                }
                "noBreakHyphen" => {
                    if let Some(p) = paras.last_mut() {
                        p.push('-');
                    }
                }
                // An empty paragraph <w:p/>: nothing to add.
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&crate::xml_text::resolve_ref(&r));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    let text = paras.pop().unwrap_or_default();
                    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        Some(cell) => cell.0.push(text),
                        None => {
                            for line in text.split('\n') {
                                let line = line.trim();
                                if !line.is_empty() {
                                    blocks.push(Block::Line(Line::plain(line)));
                                }
                            }
                        }
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.end_cell();
                    }
                }
                "tbl" => {
                    let Some(t) = tables.pop() else { continue };
                    cut |= t.cut;
                    match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                        Some(cell) => cell.0.extend(t.text_lines()),
                        None => blocks.push(Block::Grid(t.finish())),
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if cut {
        notes.push(format!(
            "a table larger than {MAX_ROWS} rows or {MAX_COLS} columns was cut"
        ));
    }
    Ok((blocks, notes))
}

/// `w:gridSpan` and `w:vMerge` of the current cell, `w:gridBefore` of the current row.
fn table_property(tables: &mut [TableBuilder], e: &BytesStart) {
    let Some(t) = tables.last_mut() else { return };
    let val = attr(e, "w:val");
    let number = || val.as_deref().and_then(|v| v.trim().parse::<usize>().ok());
    match e.local_name().as_ref() {
        "gridSpan" => {
            if let Some(cell) = t.cell.as_mut() {
                cell.1 = number().unwrap_or(1).clamp(1, MAX_COLS);
            }
        }
        "gridBefore" => {
            if t.cell.is_none() {
                t.col = number().unwrap_or(0).min(MAX_COLS);
            }
        }
        _ => {
            if let Some(cell) = t.cell.as_mut() {
                cell.2 = match val.as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_xml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn tc(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn grid_span_and_vmerge_expand() {
        let body = format!(
            "<w:p><w:r><w:t>标题</w:t></w:r><w:r><w:t xml:space=\"preserve\"> A&amp;B</w:t></w:r></w:p>\
             <w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>"),
            tc("申请人情况", "<w:gridSpan w:val=\"2\"/>"),
            tc("", "<w:vMerge/>"),
            tc("1", ""),
            tc("2", ""),
            tc("", "<w:vMerge/>"),
            tc("3", ""),
            tc("", ""),
        );
        let (blocks, _) = parse_body(&doc_xml(&body)).unwrap();
        let Block::Line(l) = &blocks[0] else { panic!() };
        assert_eq!(l.text, "标题 A&B");
        let Block::Grid(g) = &blocks[1] else { panic!() };
        assert_eq!(g.rows.len(), 3);
        assert_eq!(g.rows[0][0].text, "三、本年度办理结果");
        assert_eq!(g.rows[0][0].row_span, 3);
        assert_eq!(g.rows[2][0].covered_by, Some((0, 0)));
        assert_eq!(g.rows[0][1].col_span, 2);
        assert_eq!(g.rows[0][2].covered_by, Some((0, 1)));
        assert_eq!(g.rows[1][2].text, "2");
        assert_eq!(g.rows[2][1].text, "3");
        assert_eq!(g.rows[2][2].text, "");
    }

    #[test]
    fn text_boxes_and_fallbacks() {
        let body = "<w:p><w:r><w:t>外</w:t></w:r><mc:AlternateContent><mc:Choice><w:txbxContent>\
            <w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback>\
            <w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback>\
            </mc:AlternateContent><w:r><w:delText>删</w:delText><w:t>部</w:t></w:r></w:p>";
        let (blocks, _) = parse_body(&doc_xml(body)).unwrap();
        let texts: Vec<&str> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["框", "外部"]);
    }

    #[test]
    fn malformed_xml_is_an_error_value() {
        assert!(parse_body("<w:document><w:body><w:p></w:body>").is_err());
        assert!(read(b"PK\x03\x04 definitely not a zip").is_err());
    }
}
