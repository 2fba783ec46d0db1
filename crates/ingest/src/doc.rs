//! Word 97–2003 binary documents (.doc, and the DOC-format .wps WPS Office writes), read from
//! the OLE container ([`crate::ole`]) as [MS-DOC] lays them out:
//!
//! 1. **FIB** (start of the `WordDocument` stream): the encryption flag, which table stream
//!    (`0Table`/`1Table`) holds the structures, the length of the main text (`ccpText`) and the
//!    offsets of the piece table (`fcClx`) and of the paragraph property index (`fcPlcfBtePapx`).
//! 2. **Piece table** (the CLX's `PlcPcd`): the main text is a list of pieces, each either
//!    compressed (8-bit Windows-1252) or UTF-16LE, at a byte offset of the `WordDocument` stream.
//! 3. **Paragraph properties** (PAPX in 512-byte FKP pages): for each paragraph mark, whether it
//!    is in a table (`sprmPFInTable`), ends a row (`sprmPFTtp`) and at what nesting depth
//!    (`sprmPItap`); a row's end mark also carries the row's table definition
//!    (`sprmTDefTable`: the cells' left/right boundaries and their merge flags).
//! 4. **Tables**: a `\x07` mark in a table ends a cell, or the row when it is the row's end
//!    mark. Column spans come from the boundaries (all boundaries of a table's rows make its
//!    grid columns; a cell covers those between its own two), vertical merges from the cell
//!    flags (`vertMerge`, or `sprmTVertMerge`) and horizontal merges from `horzMerge`. A table
//!    nested in a cell adds its text to that cell.
//!
//! Field instructions (between `\x13` and `\x14`) are dropped, their results kept.

use crate::ole;
use crate::table::{cell_text, PositionedRows, RowDef, VMerge};
use crate::IngestError;
use xxgk_model::{Block, Document, Format, Line, Page};

/// Read a .doc (or DOC-format .wps) into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let mut file = ole::open(bytes)?;
    let word = ole::stream(&mut file, "WordDocument")?
        .ok_or_else(|| IngestError::failed("OLE file has no WordDocument stream: not a .doc"))?;
    let fib = Fib::parse(&word)?;
    if fib.encrypted {
        return Err(ole::encrypted_message("Word"));
    }
    let table_name = if fib.table1 { "1Table" } else { "0Table" };
    let table = ole::stream(&mut file, table_name)?
        .ok_or_else(|| IngestError::failed(format!("Word file has no {table_name} stream")))?;
    let pieces = pieces(&table, &fib)?;
    let data = ole::stream(&mut file, "Data")?.unwrap_or_default();
    let props = ParaIndex::new(&word, &data, &table, &fib);
    let mut reader = BodyReader::default();
    for piece in &pieces {
        for (ch, fc) in piece.chars(&word) {
            reader.char(ch, fc, &props);
            if reader.blocks.len() > 200_000 {
                break;
            }
        }
    }
    let blocks = reader.finish();
    if blocks.is_empty() {
        return Err(IngestError::unsupported(
            "Word (.doc) file has no text (it may hold only images: needs OCR)",
        ));
    }
    let mut doc = Document::new(Format::Doc);
    doc.title_hint = ole::summary_title(&mut file);
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    Ok(doc)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn i16_at(b: &[u8], at: usize) -> Option<i16> {
    u16_at(b, at).map(|v| v as i16)
}

/// What the reader needs from the File Information Block.
#[derive(Debug)]
struct Fib {
    encrypted: bool,
    table1: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
    fc_bte_papx: u32,
    lcb_bte_papx: u32,
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, IngestError> {
        let damaged = || IngestError::failed("Word file header (FIB) is damaged");
        if u16_at(w, 0) != Some(0xA5EC) {
            return Err(damaged());
        }
        let nfib = u16_at(w, 2).ok_or_else(damaged)?;
        let flags = u16_at(w, 0x0A).ok_or_else(damaged)?;
        if nfib < 101 && nfib != 0 {
            return Err(IngestError::unsupported(
                "Word 6/95 document (older than Word 97): re-save it as .doc or .docx",
            ));
        }
        let encrypted = flags & 0x0100 != 0;
        let csw = u16_at(w, 32).ok_or_else(damaged)? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(w, lw).ok_or_else(damaged)? as usize;
        let rglw = lw + 2;
        let fc = rglw + cslw * 4 + 2;
        let pair = |i: usize| -> Option<(u32, u32)> {
            Some((u32_at(w, fc + i * 8)?, u32_at(w, fc + i * 8 + 4)?))
        };
        if encrypted {
            return Ok(Fib {
                encrypted,
                table1: false,
                ccp_text: 0,
                fc_clx: 0,
                lcb_clx: 0,
                fc_bte_papx: 0,
                lcb_bte_papx: 0,
            });
        }
        let (fc_clx, lcb_clx) = pair(33).ok_or_else(damaged)?;
        let (fc_bte_papx, lcb_bte_papx) = pair(13).ok_or_else(damaged)?;
        Ok(Fib {
            encrypted,
            table1: flags & 0x0200 != 0,
            ccp_text: u32_at(w, rglw + 12).ok_or_else(damaged)?,
            fc_clx,
            lcb_clx,
            fc_bte_papx,
            lcb_bte_papx,
        })
    }
}

/// A run of the main text stored contiguously.
#[derive(Debug)]
struct Piece {
    /// Number of characters of the main text in this piece.
    len: usize,
    /// Byte offset in the WordDocument stream.
    offset: usize,
    compressed: bool,
}

impl Piece {
    /// The characters with the stream offset of each.
    fn chars<'a>(&self, word: &'a [u8]) -> Box<dyn Iterator<Item = (char, u32)> + 'a> {
        let offset = self.offset;
        if self.compressed {
            let end = offset.saturating_add(self.len).min(word.len());
            let bytes = word.get(offset..end).unwrap_or(&[]);
            Box::new(
                bytes
                    .iter()
                    .enumerate()
                    .map(move |(i, &b)| (cp1252(b), (offset + i) as u32)),
            )
        } else {
            let end = offset.saturating_add(self.len * 2).min(word.len());
            let bytes = word.get(offset..end).unwrap_or(&[]);
            let units = bytes
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]));
            Box::new(
                char::decode_utf16(units)
                    .enumerate()
                    .map(move |(i, c)| (c.unwrap_or('\u{FFFD}'), (offset + i * 2) as u32)),
            )
        }
    }
}

/// One byte of a compressed piece (Windows-1252 as [MS-DOC] 2.4.1 lists it).
fn cp1252(b: u8) -> char {
    let mut out = [0u16; 2];
    let (_, _, written, _) = encoding_rs::WINDOWS_1252
        .new_decoder_without_bom_handling()
        .decode_to_utf16(&[b], &mut out, true);
    char::from_u32(u32::from(out[..written].first().copied().unwrap_or(0xFFFD)))
        .unwrap_or('\u{FFFD}')
}

/// The pieces covering the main text (`0..ccpText`).
fn pieces(table: &[u8], fib: &Fib) -> Result<Vec<Piece>, IngestError> {
    let damaged = |what: &str| IngestError::failed(format!("Word piece table is damaged ({what})"));
    let start = fib.fc_clx as usize;
    let end = start.saturating_add(fib.lcb_clx as usize).min(table.len());
    let clx = table
        .get(start..end)
        .ok_or_else(|| damaged("outside the table stream"))?;
    // Skip the Prc entries (clxt 1) to the Pcdt (clxt 2).
    let mut i = 0;
    while clx.get(i) == Some(&1) {
        let cb = i16_at(clx, i + 1).ok_or_else(|| damaged("Prc"))?;
        i += 3 + usize::try_from(cb).map_err(|_| damaged("Prc size"))?;
    }
    if clx.get(i) != Some(&2) {
        return Err(damaged("no Pcdt"));
    }
    let lcb = u32_at(clx, i + 1).ok_or_else(|| damaged("Pcdt"))? as usize;
    let plc = clx
        .get(i + 5..(i + 5).saturating_add(lcb).min(clx.len()))
        .ok_or_else(|| damaged("PlcPcd"))?;
    if plc.len() < 4 {
        return Err(damaged("PlcPcd too short"));
    }
    let n = (plc.len() - 4) / 12;
    let mut out = Vec::new();
    let mut remaining = fib.ccp_text as usize;
    for k in 0..n {
        let (Some(cp0), Some(cp1)) = (u32_at(plc, k * 4), u32_at(plc, k * 4 + 4)) else {
            break;
        };
        let pcd = 4 * (n + 1) + k * 8;
        let fc = u32_at(plc, pcd + 2).ok_or_else(|| damaged("Pcd"))?;
        let compressed = fc & 0x4000_0000 != 0;
        let raw = (fc & 0x3FFF_FFFF) as usize;
        let len = (cp1.saturating_sub(cp0) as usize).min(remaining);
        remaining -= len;
        out.push(Piece {
            len,
            offset: if compressed { raw / 2 } else { raw },
            compressed,
        });
        if remaining == 0 {
            break;
        }
    }
    Ok(out)
}

/// A row's table definition: cell boundaries (twips) and per-cell merge flags.
#[derive(Debug, Clone, Default)]
struct RawRowDef {
    bounds: Vec<i16>,
    /// (horizontal merge, vertical merge) per cell: 0 none, 1 first/continue … as in TC80.
    merges: Vec<(u8, u8)>,
}

/// The properties of one paragraph mark.
#[derive(Debug, Clone, Default)]
struct ParaProps {
    in_table: bool,
    row_end: bool,
    depth: u32,
    inner_cell: bool,
    inner_row_end: bool,
    row: Option<RawRowDef>,
}

/// Paragraph properties by stream offset: the PlcBtePapx and its FKP pages.
struct ParaIndex<'a> {
    word: &'a [u8],
    /// The `Data` stream, where a paragraph's properties too large for its FKP live
    /// (`sprmPHugePapx`).
    data: &'a [u8],
    /// (first fc, fkp page number) sorted.
    pages: Vec<(u32, u32)>,
}

impl<'a> ParaIndex<'a> {
    fn new(word: &'a [u8], data: &'a [u8], table: &[u8], fib: &Fib) -> ParaIndex<'a> {
        let start = fib.fc_bte_papx as usize;
        let end = start
            .saturating_add(fib.lcb_bte_papx as usize)
            .min(table.len());
        let plc = table.get(start..end).unwrap_or(&[]);
        let n = plc.len().saturating_sub(4) / 8;
        let pages = (0..n)
            .filter_map(|k| {
                Some((
                    u32_at(plc, k * 4)?,
                    u32_at(plc, 4 * (n + 1) + k * 4)? & 0x3F_FFFF,
                ))
            })
            .collect();
        ParaIndex { word, data, pages }
    }

    /// The properties of the paragraph whose mark is at `fc`.
    fn at(&self, fc: u32) -> ParaProps {
        let k = self.pages.partition_point(|(f, _)| *f <= fc);
        let Some(&(_, pn)) = k.checked_sub(1).and_then(|k| self.pages.get(k)) else {
            return ParaProps::default();
        };
        let base = pn as usize * 512;
        let Some(fkp) = self.word.get(base..base + 512) else {
            return ParaProps::default();
        };
        let crun = fkp[511] as usize;
        let mut idx = None;
        for i in 0..crun {
            let (Some(a), Some(b)) = (u32_at(fkp, i * 4), u32_at(fkp, i * 4 + 4)) else {
                break;
            };
            if a <= fc && fc < b {
                idx = Some(i);
                break;
            }
        }
        let Some(i) = idx else {
            return ParaProps::default();
        };
        let bx = 4 * (crun + 1) + i * 13;
        let Some(&off) = fkp.get(bx) else {
            return ParaProps::default();
        };
        let at = off as usize * 2;
        if at == 0 {
            return ParaProps::default();
        }
        let Some(&cb) = fkp.get(at) else {
            return ParaProps::default();
        };
        let (start, len) = if cb == 0 {
            (at + 2, fkp.get(at + 1).map_or(0, |c| *c as usize * 2))
        } else {
            (at + 1, (cb as usize * 2).saturating_sub(1))
        };
        let grp = fkp.get(start..(start + len).min(512)).unwrap_or(&[]);
        // The first two bytes are the style index.
        sprms(grp.get(2..).unwrap_or(&[]), self.data)
    }
}

/// Read the sprms of a PAPX into paragraph properties; `sprmPHugePapx` points into the Data
/// stream at the rest (a size and more sprms), read once (no further indirection).
fn sprms(g: &[u8], data: &[u8]) -> ParaProps {
    let mut p = ParaProps::default();
    read_sprms(g, data, &mut p, true);
    if p.depth == 0 && p.in_table {
        p.depth = 1;
    }
    p
}

fn read_sprms(g: &[u8], data: &[u8], p: &mut ParaProps, follow_huge: bool) {
    let mut i = 0;
    while i + 2 <= g.len() {
        let Some(sprm) = u16_at(g, i) else { break };
        i += 2;
        let operand_len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => match sprm {
                // sprmTDefTable: a 2-byte size counting itself minus one.
                0xD608 => match u16_at(g, i) {
                    Some(cb) => {
                        let body = g.get(i + 2..(i + 1 + cb as usize).min(g.len()));
                        if let Some(body) = body {
                            p.row = Some(table_def(body, p.row.take()));
                        }
                        i += 1 + cb as usize;
                        continue;
                    }
                    None => break,
                },
                _ => match g.get(i) {
                    Some(&cb) => 1 + cb as usize,
                    None => break,
                },
            },
        };
        let op = g.get(i..i + operand_len).unwrap_or(&[]);
        match sprm {
            0x2416 => p.in_table = op.first().is_some_and(|b| *b != 0),
            0x2417 => p.row_end = op.first().is_some_and(|b| *b != 0),
            0x244B => p.inner_cell = op.first().is_some_and(|b| *b != 0),
            0x244C => p.inner_row_end = op.first().is_some_and(|b| *b != 0),
            0x6649 => p.depth = u32_at(op, 0).unwrap_or(0),
            0x6646 if follow_huge => {
                let at = u32_at(op, 0).unwrap_or(u32::MAX) as usize;
                if let Some(cb) = u16_at(data, at) {
                    let end = (at + 2).saturating_add(cb as usize).min(data.len());
                    if let Some(huge) = data.get(at + 2..end) {
                        read_sprms(huge, data, p, false);
                    }
                }
            }
            // sprmTVertMerge: cb, itc, vertMerge.
            0xD62B => {
                if let (Some(&itc), Some(&vm)) = (op.get(1), op.get(2)) {
                    let row = p.row.get_or_insert_with(RawRowDef::default);
                    let itc = itc as usize;
                    if row.merges.len() <= itc {
                        row.merges.resize(itc + 1, (0, 0));
                    }
                    row.merges[itc].1 = vm;
                }
            }
            _ => {}
        }
        i += operand_len;
    }
}

/// TDefTableOperand (after its size): itcMac, rgdxaCenter, rgTc80.
fn table_def(b: &[u8], old: Option<RawRowDef>) -> RawRowDef {
    let n = b.first().map_or(0, |c| *c as usize).min(63);
    let bounds: Vec<i16> = (0..=n).filter_map(|k| i16_at(b, 1 + k * 2)).collect();
    let tc = 1 + (n + 1) * 2;
    let mut merges: Vec<(u8, u8)> = (0..n)
        .map(|k| u16_at(b, tc + k * 20).map_or((0, 0), |f| ((f & 3) as u8, ((f >> 5) & 3) as u8)))
        .collect();
    // A later sprmTVertMerge may already have been seen (rare): keep its flags.
    if let Some(old) = old {
        for (k, m) in old.merges.iter().enumerate() {
            if m.1 != 0 {
                if let Some(x) = merges.get_mut(k) {
                    x.1 = m.1;
                }
            }
        }
    }
    RawRowDef { bounds, merges }
}

/// The table definition of a row end mark, as [`RowDef`].
fn row_def(d: &RawRowDef) -> RowDef {
    RowDef {
        bounds: d.bounds.iter().map(|x| i32::from(*x)).collect(),
        merged_left: d.merges.iter().map(|m| m.0 == 2).collect(),
        vmerge: d
            .merges
            .iter()
            .map(|m| match m.1 {
                1 => VMerge::Continue,
                2 | 3 => VMerge::Restart,
                _ => VMerge::None,
            })
            .collect(),
    }
}

/// A table being collected: finished rows, and the cells of the current row.
#[derive(Default)]
struct PendingTable {
    rows: PositionedRows,
    cells: Vec<String>,
}

/// Turns the character stream into lines and grids.
#[derive(Default)]
struct BodyReader {
    blocks: Vec<Block>,
    para: String,
    /// Inside a field's instruction (between \x13 and \x14), by nesting.
    field: Vec<bool>,
    table: Option<PendingTable>,
    /// Paragraphs of the current cell.
    cell: Vec<String>,
}

impl BodyReader {
    fn char(&mut self, ch: char, fc: u32, props: &ParaIndex) {
        match ch {
            '\u{13}' => self.field.push(true),
            '\u{14}' => {
                if let Some(f) = self.field.last_mut() {
                    *f = false;
                }
            }
            '\u{15}' => {
                self.field.pop();
            }
            _ if self.field.last() == Some(&true) => {}
            '\r' | '\u{07}' | '\u{0C}' => self.mark(ch, fc, props),
            '\u{0B}' => self.para.push('\n'),
            '\u{1E}' => self.para.push('-'),
            '\t' | '\u{A0}' | '\u{3000}' => self.para.push(' '),
            c if (c as u32) < 0x20 || c == '\u{1F}' || c == '\u{FFFD}' => {}
            c => self.para.push(c),
        }
    }

    /// A paragraph mark (or cell/row mark, or page break).
    fn mark(&mut self, ch: char, fc: u32, props: &ParaIndex) {
        let text = std::mem::take(&mut self.para);
        if ch == '\u{0C}' {
            // A page or section break inside a paragraph: keep the text going.
            self.para = text;
            self.para.push(' ');
            return;
        }
        let p = props.at(fc);
        if !p.in_table && p.depth == 0 {
            self.end_table();
            self.line(&text);
            return;
        }
        let table = self.table.get_or_insert_with(PendingTable::default);
        let outer = p.depth <= 1;
        if outer && p.row_end {
            if !text.trim().is_empty() {
                self.cell.push(text);
            }
            if !self.cell.is_empty() {
                table.cells.push(self.cell.join("\n"));
                self.cell.clear();
            }
            let cells = std::mem::take(&mut table.cells);
            table
                .rows
                .rows
                .push((cells, p.row.as_ref().map(row_def).unwrap_or_default()));
            if table.rows.rows.len() > crate::table::MAX_ROWS {
                self.end_table();
            }
            return;
        }
        self.cell.push(text);
        if outer && ch == '\u{07}' {
            table.cells.push(cell_text(&self.cell));
            self.cell.clear();
        }
    }

    fn line(&mut self, text: &str) {
        for l in text.split('\n') {
            let l = l.trim();
            if !l.is_empty() {
                self.blocks.push(Block::Line(Line::plain(l)));
            }
        }
    }

    fn end_table(&mut self) {
        if let Some(mut t) = self.table.take() {
            // Cells read after the last row end (a damaged file): one more row.
            if !self.cell.is_empty() {
                t.cells.push(self.cell.join("\n"));
                self.cell.clear();
            }
            if !t.cells.is_empty() {
                let cells = std::mem::take(&mut t.cells);
                t.rows.rows.push((cells, RowDef::default()));
            }
            if let Some(g) = t.rows.finish() {
                self.blocks.push(Block::Grid(g));
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        let rest = std::mem::take(&mut self.para);
        if self.table.is_some() {
            if !rest.trim().is_empty() {
                self.cell.push(rest);
            }
            self.end_table();
        } else {
            self.line(&rest);
        }
        self.blocks
    }
}
