//! OpenDocument text (.odt): `content.xml` from the zip, read with quick-xml.
//!
//! `text:p` and `text:h` become [`Line`]s (`text:s` spaces, `text:tab`, `text:line-break`
//! honoured); each `table:table` becomes a [`Grid`] whose cells take
//! `table:number-columns-spanned` and `table:number-rows-spanned`; `table:covered-table-cell`
//! elements are the positions those spans cover and are skipped (the spans already fill them).
//! `table:number-columns-repeated` repeats a cell (bounded). A table nested in a cell adds its
//! text to that cell. Notes, annotations and tracked deletions are not report text.
//!
//! The same parse reads an OpenDocument spreadsheet's (.ods) sheets: [`tables`] gives each
//! `table:table` as a grid, which [`crate::sheet`] then splits into lines and tables.

use crate::table::{Builder, Cell, MAX_COLS};
use crate::IngestError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};
use xxgk_model::{Block, Document, Format, Grid, Line, Page};

/// Largest `content.xml` read.
pub const MAX_CONTENT: u64 = 64 * 1024 * 1024;

/// Read an .odt into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let xml = content_xml(bytes, "OpenDocument text")?;
    let blocks = parse(&String::from_utf8_lossy(&xml))?;
    if blocks.is_empty() {
        return Err(IngestError::unsupported(
            "OpenDocument text (.odt) has no text (it may hold only images: needs OCR)",
        ));
    }
    let mut doc = Document::new(Format::Odt);
    doc.title_hint = small_entry(bytes, "meta.xml").and_then(|m| crate::xml_text::meta_title(&m));
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    Ok(doc)
}

/// `content.xml` of an OpenDocument zip, bounded; refuses an encrypted package.
pub fn content_xml(bytes: &[u8], kind: &str) -> Result<Vec<u8>, IngestError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::failed(format!("not a readable {kind} (zip) file: {e}")))?;
    if let Ok(mut manifest) = zip.by_name("META-INF/manifest.xml") {
        let mut m = Vec::new();
        let _ = (&mut manifest).take(1 << 20).read_to_end(&mut m);
        if String::from_utf8_lossy(&m).contains("encryption-data") {
            return Err(crate::ole::encrypted_message(kind));
        }
    }
    let mut file = zip
        .by_name("content.xml")
        .map_err(|e| IngestError::failed(format!("{kind} file has no content.xml: {e}")))?;
    if file.size() > MAX_CONTENT {
        return Err(IngestError::failed(format!(
            "{kind} content.xml would expand to {} bytes (limit {MAX_CONTENT}): refused",
            file.size()
        )));
    }
    let mut out = Vec::new();
    (&mut file)
        .take(MAX_CONTENT + 1)
        .read_to_end(&mut out)
        .map_err(|e| IngestError::failed(format!("{kind} content.xml is damaged: {e}")))?;
    if out.len() as u64 > MAX_CONTENT {
        return Err(IngestError::failed(format!(
            "{kind} content.xml expands past {MAX_CONTENT} bytes: refused"
        )));
    }
    Ok(out)
}

/// One zip entry's text (at most 1 MB), for metadata.
pub fn small_entry(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    (&mut f).take(1 << 20).read_to_end(&mut out).ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

fn number(e: &BytesStart, key: &str) -> usize {
    attr(e, key)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

/// Elements whose text is not the document's.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "note" | "annotation" | "tracked-changes" | "sequence-decls" | "forms"
    )
}

/// A table being read: its builder and the current cell.
struct OpenTable {
    builder: Builder,
    cell: Option<(Vec<String>, Cell, usize)>,
}

/// Parse `content.xml` into blocks: lines and one grid per table.
pub fn parse(xml: &str) -> Result<Vec<Block>, IngestError> {
    let mut reader = Reader::from_str(xml);
    let mut blocks = Vec::new();
    let mut tables: Vec<OpenTable> = Vec::new();
    let mut paras: Vec<String> = Vec::new();
    let mut skip = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            IngestError::failed(format!(
                "OpenDocument content.xml is not well-formed at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match &event {
            Event::Start(e) if skipped(e.local_name().as_ref()) => {
                skip += 1;
                continue;
            }
            Event::End(e) if skipped(e.local_name().as_ref()) => {
                skip = skip.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ if skip > 0 => continue,
            _ => {}
        }
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "table" => tables.push(OpenTable {
                    builder: Builder::default(),
                    cell: None,
                }),
                "table-row" => {
                    if let Some(t) = tables.last_mut() {
                        t.builder.start_row();
                    }
                }
                "table-cell" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = Cell {
                            col_span: number(&e, "table:number-columns-spanned"),
                            row_span: number(&e, "table:number-rows-spanned"),
                            ..Cell::new("")
                        };
                        let repeat = number(&e, "table:number-columns-repeated").min(MAX_COLS);
                        t.cell = Some((Vec::new(), cell, repeat));
                    }
                }
                "p" | "h" => paras.push(String::new()),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "s" => {
                    if let Some(p) = paras.last_mut() {
                        let n = number(&e, "text:c").min(64);
                        p.extend(std::iter::repeat_n(' ', n));
                    }
                }
                "tab" => {
                    if let Some(p) = paras.last_mut() {
                        p.push(' ');
                    }
                }
                "line-break" => {
                    if let Some(p) = paras.last_mut() {
                        p.push('\n');
                    }
                }
                "table-cell" => {
                    // An empty cell, possibly repeated (spreadsheets pad rows this way).
                    if let Some(t) = tables.last_mut() {
                        let span = number(&e, "table:number-columns-spanned");
                        let rows = number(&e, "table:number-rows-spanned");
                        let repeat = number(&e, "table:number-columns-repeated").min(MAX_COLS);
                        for _ in 0..repeat {
                            t.builder.push(Cell {
                                col_span: span,
                                row_span: rows,
                                ..Cell::new("")
                            });
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&crate::xml_text::resolve_ref(&r));
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "p" | "h" => {
                    let text = paras.pop().unwrap_or_default();
                    // A paragraph inside another (a text box) joins the outer one's block.
                    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        Some(cell) => cell.0.push(text),
                        None => push_lines(&mut blocks, &text),
                    }
                }
                "table-cell" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some((ps, mut cell, repeat)) = t.cell.take() {
                            cell.text = join_paras(&ps);
                            for _ in 0..repeat {
                                t.builder.push(cell.clone());
                            }
                        }
                    }
                }
                "table" => {
                    let Some(t) = tables.pop() else { continue };
                    let grid = t.builder.finish();
                    match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                        Some(cell) => cell.0.extend(grid_lines(&grid)),
                        None => blocks.push(Block::Grid(grid)),
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(blocks)
}

fn join_paras(ps: &[String]) -> String {
    ps.iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn push_lines(blocks: &mut Vec<Block>, text: &str) {
    for l in text.split('\n') {
        let l = l.trim();
        if !l.is_empty() {
            blocks.push(Block::Line(Line::plain(l)));
        }
    }
}

/// A nested table's text: one line per row.
fn grid_lines(g: &Grid) -> Vec<String> {
    g.rows
        .iter()
        .map(|row| {
            row.iter()
                .filter(|c| !c.is_covered() && !c.text.is_empty())
                .map(|c| c.text.replace('\n', " "))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_covered_cells() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:text>
<text:h>标题<text:s text:c="2"/>A</text:h>
<table:table><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>甲</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>乙</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell/></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;
        let blocks = parse(xml).unwrap();
        let Block::Line(l) = &blocks[0] else { panic!() };
        assert_eq!(l.text, "标题  A");
        let Block::Grid(g) = &blocks[1] else { panic!() };
        assert_eq!(g.rows[0][0].row_span, 2);
        assert_eq!(g.rows[0][1].col_span, 2);
        assert_eq!(g.rows[1][0].covered_by, Some((0, 0)));
        assert_eq!(g.rows[1][1].text, "1");
        assert_eq!(g.rows[1][2].text, "");
    }
}
