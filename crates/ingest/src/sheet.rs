//! Spreadsheets (.xls and WPS's .et through `calamine`'s BIFF reader, .xlsx through its
//! OOXML reader, .ods through [`crate::odt`]'s table parse): a workbook is one report, its
//! sheets in order.
//!
//! A sheet is a grid with its merged regions as spans. A report pasted or imported into a
//! sheet mixes prose and tables, so each sheet is split into blocks: a row holding one text
//! (a paragraph, often merged across the sheet) is a [`Line`]; runs of rows holding two or more
//! texts (or covered by a row span from such a row) are a [`Grid`], cut to the columns they use.
//! Numbers are written as the sheet shows them in general format (integers without `.0`).

use crate::table::{Builder, Cell, MAX_COLS, MAX_ROWS};
use crate::IngestError;
use calamine::{Data, Dimensions, Range, Reader};
use std::io::Cursor;
use xxgk_model::{Block, Document, Format, Grid, GridCell, Line, Page};

/// Read a workbook into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let grids = if bytes.starts_with(crate::ole::MAGIC) {
        xls_grids(bytes)?
    } else if is_ods(bytes) {
        ods_grids(bytes)?
    } else {
        xlsx_grids(bytes)?
    };
    let blocks: Vec<Block> = grids.iter().flat_map(split).collect();
    if blocks.is_empty() {
        return Err(IngestError::unsupported(
            "spreadsheet has no text in any sheet",
        ));
    }
    let mut doc = Document::new(Format::Sheet);
    doc.title_hint = if bytes.starts_with(crate::ole::MAGIC) {
        crate::ole::open(bytes)
            .ok()
            .and_then(|mut f| crate::ole::summary_title(&mut f))
    } else {
        let part = if is_ods(bytes) {
            "meta.xml"
        } else {
            "docProps/core.xml"
        };
        crate::odt::small_entry(bytes, part).and_then(|m| crate::xml_text::meta_title(&m))
    };
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    Ok(doc)
}

fn is_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    head.windows(12).any(|w| w == b"opendocument")
}

fn workbook_error(e: impl std::fmt::Display) -> IngestError {
    let text = e.to_string();
    if text.contains("password") {
        crate::ole::encrypted_message("spreadsheet")
    } else {
        IngestError::failed(format!(
            "spreadsheet cannot be read: {text}; re-save it from Excel, WPS or LibreOffice"
        ))
    }
}

/// The sheets (range and merged regions) of a workbook, read by calamine. Its BIFF reader
/// indexes record slices without bounds checks, so a damaged .xls can panic inside it (found
/// by tests/mutation.rs): that panic is caught here and becomes a `failed` status; nothing of
/// ours runs inside the guard.
type Sheets = Vec<(Range<Data>, Vec<Dimensions>)>;

fn guarded(read: impl FnOnce() -> Result<Sheets, IngestError>) -> Result<Vec<Grid>, IngestError> {
    let sheets = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|_| {
        IngestError::failed(
            "damaged spreadsheet: its records are inconsistent; re-save it from Excel, WPS or LibreOffice",
        )
    })??;
    Ok(sheets.iter().map(|(r, m)| grid(r, m)).collect())
}

fn xls_grids(bytes: &[u8]) -> Result<Vec<Grid>, IngestError> {
    check_records(bytes)?;
    guarded(|| xls_sheets(bytes))
}

/// The workbook stream is checked record by record before calamine sizes memory from it
/// ([`crate::biff`]).
fn check_records(bytes: &[u8]) -> Result<(), IngestError> {
    let mut file = crate::ole::open(bytes)?;
    let stream = match crate::ole::stream(&mut file, "Workbook")? {
        Some(s) => s,
        None => crate::ole::stream(&mut file, "Book")?.unwrap_or_default(),
    };
    crate::biff::check(&stream)
}

fn xlsx_grids(bytes: &[u8]) -> Result<Vec<Grid>, IngestError> {
    guarded(|| xlsx_sheets(bytes))
}

fn xls_sheets(bytes: &[u8]) -> Result<Sheets, IngestError> {
    let mut wb: calamine::Xls<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(workbook_error)?;
    let names = wb.sheet_names();
    let mut out = Vec::new();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(workbook_error)?;
        let merges = wb.worksheet_merge_cells(&name).unwrap_or_default();
        out.push((range, merges));
    }
    Ok(out)
}

fn xlsx_sheets(bytes: &[u8]) -> Result<Sheets, IngestError> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(workbook_error)?;
    let names = wb.sheet_names();
    let mut out = Vec::new();
    for name in names {
        let range = xlsx_range(&mut wb, &name)?;
        let merges = match wb.worksheet_merge_cells(&name) {
            Some(Ok(m)) => m,
            _ => Vec::new(),
        };
        out.push((range, merges));
    }
    Ok(out)
}

/// A sheet of an .xlsx read cell by cell, so that a cell reference far out (a damaged or
/// hostile `r="XFD1048576"`) is refused before calamine's dense grid is sized from it.
fn xlsx_range<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<Range<Data>, IngestError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(e) => return Err(workbook_error(e)),
    };
    let mut cells = Vec::new();
    let (mut lo, mut hi) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(workbook_error)? {
        let (r, c) = cell.get_position();
        (lo, hi) = ((lo.0.min(r), lo.1.min(c)), (hi.0.max(r), hi.1.max(c)));
        let span = (u64::from(hi.0 - lo.0) + 1) * (u64::from(hi.1 - lo.1) + 1);
        if span > crate::biff::MAX_CELLS {
            return Err(IngestError::failed(format!(
                "damaged spreadsheet: the cells of sheet {name:?} span rows {}..{} and columns {}..{}, more than the {} grid positions xxgk reads; re-save it from Excel, WPS or LibreOffice",
                lo.0 + 1,
                hi.0 + 1,
                lo.1 + 1,
                hi.1 + 1,
                crate::biff::MAX_CELLS
            )));
        }
        cells.push(calamine::Cell::new(
            (r, c),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(Range::from_sparse(cells))
}

fn ods_grids(bytes: &[u8]) -> Result<Vec<Grid>, IngestError> {
    let xml = crate::odt::content_xml(bytes, "OpenDocument spreadsheet")?;
    let blocks = crate::odt::parse(&String::from_utf8_lossy(&xml))?;
    Ok(blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            Block::Line(_) => None,
        })
        .collect())
}

/// A cell's text as the sheet shows it.
fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// The sheet as a grid (from its first used row and column), merged regions as spans.
fn grid(range: &Range<Data>, merges: &[Dimensions]) -> Grid {
    let Some((r0, c0)) = range.start() else {
        return Grid::default();
    };
    let (h, w) = range.get_size();
    let (h, w) = (h.min(MAX_ROWS), w.min(MAX_COLS));
    // Merged regions by origin, relative to the range.
    let mut span = std::collections::HashMap::new();
    for m in merges {
        let (Some(r), Some(c)) = (m.start.0.checked_sub(r0), m.start.1.checked_sub(c0)) else {
            continue;
        };
        let rows = m.end.0.saturating_sub(m.start.0) as usize + 1;
        let cols = m.end.1.saturating_sub(m.start.1) as usize + 1;
        span.insert((r as usize, c as usize), (rows, cols));
    }
    let mut b = Builder::default();
    for r in 0..h {
        b.start_row();
        for c in 0..w {
            let (rows, cols) = span.get(&(r, c)).copied().unwrap_or((1, 1));
            let t = range.get((r, c)).map(text).unwrap_or_default();
            // Positions covered by a merge are skipped by the builder; others are placed.
            b.skip_to(c);
            if b.is_filled(c) {
                continue;
            }
            b.push(Cell {
                col_span: cols,
                row_span: rows,
                ..Cell::new(t)
            });
        }
    }
    b.finish()
}

/// Split a sheet grid into lines (rows with one text) and tables (runs of other rows).
pub fn split(g: &Grid) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    for (r, row) in g.rows.iter().enumerate() {
        let texts: Vec<&GridCell> = row
            .iter()
            .filter(|c| !c.is_covered() && !c.text.trim().is_empty())
            .collect();
        // Covered by a span that starts in a table row above: still the table.
        let continues = start.is_some_and(|s| {
            row.iter()
                .any(|c| c.covered_by.is_some_and(|(or, _)| or >= s && or < r))
        });
        if texts.len() >= 2 || continues {
            start.get_or_insert(r);
            continue;
        }
        if let Some(s) = start.take() {
            blocks.push(Block::Grid(sub_grid(g, s, r)));
        }
        if let Some(cell) = texts.first() {
            for l in cell.text.split('\n') {
                let l = l.trim();
                if !l.is_empty() {
                    blocks.push(Block::Line(Line::plain(l)));
                }
            }
        }
    }
    if let Some(s) = start {
        blocks.push(Block::Grid(sub_grid(g, s, g.rows.len())));
    }
    blocks
}

/// Rows `a..b` of a grid, spans clamped to them, cut to the columns holding text.
fn sub_grid(g: &Grid, a: usize, b: usize) -> Grid {
    let rows = &g.rows[a..b];
    let used = |c: usize| {
        rows.iter().any(|row| {
            row.get(c).is_some_and(|x| {
                !x.text.trim().is_empty() || x.covered_by.is_some_and(|(_, oc)| oc != c)
            })
        })
    };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let first = (0..width).find(|&c| used(c)).unwrap_or(0);
    let last = (0..width).rev().find(|&c| used(c)).map_or(first, |c| c + 1);
    let out = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (first..last)
                .map(|c| {
                    let mut cell = row.get(c).cloned().unwrap_or_else(|| GridCell::text(""));
                    if let Some((or, oc)) = cell.covered_by {
                        cell.covered_by = if or >= a && oc >= first {
                            Some((or - a, oc - first))
                        } else {
                            None
                        };
                    } else {
                        let rows_left = (b - a - r) as u32;
                        let cols_left = (last - c) as u32;
                        cell.row_span = cell.row_span.clamp(1, rows_left.max(1));
                        cell.col_span = cell.col_span.clamp(1, cols_left.max(1));
                    }
                    Some(cell)
                })
                .collect()
        })
        .collect();
    Grid::from_slots(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_tables_are_split() {
        let mut b = Builder::default();
        b.start_row();
        b.push(Cell {
            col_span: 3,
            ..Cell::new("标题")
        });
        b.start_row();
        b.push(Cell {
            row_span: 2,
            ..Cell::new("甲")
        });
        b.push(Cell::new("1"));
        b.push(Cell::new("2"));
        b.start_row();
        b.push(Cell::new("3"));
        b.start_row();
        b.push(Cell::new("结语"));
        let blocks = split(&b.finish());
        assert_eq!(blocks.len(), 3);
        let Block::Grid(g) = &blocks[1] else { panic!() };
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1][0].covered_by, Some((0, 0)));
        assert_eq!(g.rows[1][1].text, "3");
    }
}
