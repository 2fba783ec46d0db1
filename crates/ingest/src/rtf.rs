//! Rich Text Format: a small tokenizer (groups, control words, text) and a reader that keeps
//! the body text and tables.
//!
//! - Text: `\uN` escapes (then `\ucN` fallback characters skipped), `\'hh` bytes decoded in
//!   the code page in force (the font's `\fcharset`, e.g. 134 → GBK, else the document's
//!   `\ansicpgN`, e.g. 936), `\par`/`\line`/`\tab` and the named characters.
//! - Skipped: destinations marked `\*`, font/colour/style tables, `\info`, pictures, headers,
//!   footers and notes (field instructions are `\*\fldinst`, so a field shows its result).
//! - Tables: `\trowd` starts a row definition (`\cellxN` right boundaries, `\trleftN`, and the
//!   merge flags `\clmgf`/`\clmrg`, `\clvmgf`/`\clvmrg` before each `\cellx`); `\cell` ends a
//!   cell and `\row` a row; a paragraph ending outside `\intbl` ends the table. Nested cells
//!   (`\nestcell`) add their text to the outer cell.

use crate::table::{cell_text, PositionedRows, RowDef, VMerge, MAX_ROWS};
use crate::IngestError;
use encoding_rs::Encoding;
use xxgk_model::{Block, Document, Format, Line, Page};

/// Deepest group nesting followed.
const MAX_GROUPS: usize = 1000;

/// Read an RTF file into a one-page Document.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let blocks = parse(bytes)?;
    if blocks.is_empty() {
        return Err(IngestError::unsupported(
            "RTF file has no text (it may hold only images: needs OCR)",
        ));
    }
    let mut doc = Document::new(Format::Rtf);
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    Ok(doc)
}

/// State saved and restored with each group.
#[derive(Clone)]
struct GroupState {
    skip: bool,
    /// Fallback characters to skip after `\uN`.
    uc: usize,
    font: i32,
    /// In the font table: the font being defined.
    in_fonttbl: bool,
}

/// Destinations whose text is not the document's.
fn skipped_destination(word: &str) -> bool {
    matches!(
        word,
        "fonttbl"
            | "colortbl"
            | "stylesheet"
            | "info"
            | "pict"
            | "header"
            | "headerl"
            | "headerr"
            | "headerf"
            | "footer"
            | "footerl"
            | "footerr"
            | "footerf"
            | "footnote"
            | "annotation"
            | "listtable"
            | "listoverridetable"
            | "rsidtbl"
            | "generator"
            | "xmlnstbl"
            | "themedata"
            | "colorschememapping"
            | "datastore"
            | "latentstyles"
            | "pgdsctbl"
            | "fldinst"
            | "bkmkstart"
            | "bkmkend"
            | "object"
            | "shpinst"
            | "nonshppict"
            | "revtbl"
            | "filetbl"
            | "mmathPr"
    )
}

struct Reader {
    blocks: Vec<Block>,
    para: String,
    /// Undecoded `\'hh` bytes waiting for the next non-byte.
    bytes: Vec<u8>,
    default_cp: &'static Encoding,
    /// Font number → code page from its `\fcharset`.
    fonts: Vec<(i32, &'static Encoding)>,
    in_table: bool,
    table: Option<PositionedRows>,
    row_cells: Vec<String>,
    cell: Vec<String>,
    def: RowDef,
    /// Merge flags for the next `\cellx`.
    next_merge: (bool, VMerge),
    /// Characters still to skip after a `\uN`.
    skip_fallback: usize,
}

fn codepage(n: i32) -> Option<&'static Encoding> {
    let label = match n {
        936 => "gbk",
        950 => "big5",
        932 => "shift_jis",
        949 => "euc-kr",
        65001 => "utf-8",
        1250..=1258 => return Encoding::for_label(format!("windows-{n}").as_bytes()),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

fn charset(n: i32) -> Option<&'static Encoding> {
    match n {
        134 => codepage(936),
        136 => codepage(950),
        128 => codepage(932),
        129 => codepage(949),
        0 => codepage(1252),
        _ => None,
    }
}

impl Reader {
    fn encoding(&self, font: i32) -> &'static Encoding {
        self.fonts
            .iter()
            .rev()
            .find(|(f, _)| *f == font)
            .map(|(_, e)| *e)
            .unwrap_or(self.default_cp)
    }

    fn flush_bytes(&mut self, font: i32) {
        if self.bytes.is_empty() {
            return;
        }
        let enc = self.encoding(font);
        let (text, _, _) = enc.decode(&self.bytes);
        self.para.push_str(&text);
        self.bytes.clear();
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.skip_fallback > 0 {
                self.skip_fallback -= 1;
                continue;
            }
            self.para.push(c);
        }
    }

    fn end_para(&mut self) {
        let text = std::mem::take(&mut self.para);
        if self.in_table {
            self.cell.push(text);
            return;
        }
        self.end_table();
        for l in text.split('\n') {
            let l = l.trim();
            if !l.is_empty() {
                self.blocks.push(Block::Line(Line::plain(l)));
            }
        }
    }

    fn end_cell(&mut self) {
        let text = std::mem::take(&mut self.para);
        self.cell.push(text);
        let joined = cell_text(&self.cell);
        self.cell.clear();
        self.row_cells.push(joined);
    }

    fn end_row(&mut self) {
        let cells = std::mem::take(&mut self.row_cells);
        let table = self.table.get_or_insert_with(PositionedRows::default);
        if table.rows.len() < MAX_ROWS {
            table.rows.push((cells, self.def.clone()));
        }
    }

    fn end_table(&mut self) {
        if !self.row_cells.is_empty() {
            self.end_row();
        }
        if let Some(t) = self.table.take() {
            if let Some(g) = t.finish() {
                self.blocks.push(Block::Grid(g));
            }
        }
    }

    fn control(&mut self, word: &str, param: Option<i32>, state: &mut GroupState) {
        match word {
            "ansicpg" => {
                if let Some(e) = param.and_then(codepage) {
                    self.default_cp = e;
                }
            }
            "f" if state.in_fonttbl => state.font = param.unwrap_or(0),
            "f" => state.font = param.unwrap_or(0),
            "fcharset" if state.in_fonttbl => {
                if let Some(e) = param.and_then(charset) {
                    self.fonts.push((state.font, e));
                }
            }
            "uc" => state.uc = param.unwrap_or(1).clamp(0, 16) as usize,
            "u" => {
                let n = param.unwrap_or(0);
                let n = if n < 0 { n + 65536 } else { n } as u32;
                if let Some(c) = char::from_u32(n) {
                    self.para.push(c);
                }
                self.skip_fallback = state.uc;
            }
            "par" | "sect" => self.end_para(),
            "line" => self.para.push('\n'),
            "tab" | "emspace" | "enspace" | "qmspace" => self.para.push(' '),
            "emdash" => self.para.push('—'),
            "endash" => self.para.push('–'),
            "lquote" => self.para.push('‘'),
            "rquote" => self.para.push('’'),
            "ldblquote" => self.para.push('“'),
            "rdblquote" => self.para.push('”'),
            "bullet" => self.para.push('•'),
            "pard" => self.in_table = false,
            "intbl" => self.in_table = true,
            "itap" => self.in_table = param.unwrap_or(1) > 0,
            "trowd" => self.def = RowDef::default(),
            "trleft" if self.def.bounds.is_empty() => self.def.bounds.push(param.unwrap_or(0)),
            "clmgf" => self.next_merge.0 = false,
            "clmrg" => self.next_merge.0 = true,
            "clvmgf" => self.next_merge.1 = VMerge::Restart,
            "clvmrg" => self.next_merge.1 = VMerge::Continue,
            "cellx" => {
                if self.def.bounds.is_empty() {
                    self.def.bounds.push(0);
                }
                if self.def.bounds.len() <= 64 {
                    self.def.bounds.push(param.unwrap_or(0));
                    self.def.merged_left.push(self.next_merge.0);
                    self.def.vmerge.push(self.next_merge.1);
                }
                self.next_merge = (false, VMerge::None);
            }
            "cell" => {
                self.in_table = true;
                self.end_cell();
            }
            "nestcell" | "nestrow" => self.para.push('\n'),
            "row" => {
                if !self.para.trim().is_empty() {
                    self.end_cell();
                }
                self.para.clear();
                self.end_row();
            }
            _ => {}
        }
    }
}

/// Parse RTF bytes into blocks.
fn parse(bytes: &[u8]) -> Result<Vec<Block>, IngestError> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err(IngestError::failed("not an RTF file (no {\\rtf header)"));
    }
    let mut r = Reader {
        blocks: Vec::new(),
        para: String::new(),
        bytes: Vec::new(),
        default_cp: codepage(1252).unwrap_or(encoding_rs::WINDOWS_1252),
        fonts: Vec::new(),
        in_table: false,
        table: None,
        row_cells: Vec::new(),
        cell: Vec::new(),
        def: RowDef::default(),
        next_merge: (false, VMerge::None),
        skip_fallback: 0,
    };
    let mut stack: Vec<GroupState> = Vec::new();
    let mut state = GroupState {
        skip: false,
        uc: 1,
        font: 0,
        in_fonttbl: false,
    };
    // A group's first control word may name a destination.
    let mut group_start = false;
    let mut too_deep = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                r.flush_bytes(state.font);
                if stack.len() >= MAX_GROUPS {
                    too_deep += 1;
                } else {
                    stack.push(state.clone());
                }
                group_start = true;
                i += 1;
            }
            b'}' => {
                r.flush_bytes(state.font);
                if too_deep > 0 {
                    too_deep -= 1;
                } else if let Some(s) = stack.pop() {
                    state = s;
                }
                r.skip_fallback = 0;
                group_start = false;
                i += 1;
            }
            b'\\' => {
                let (word, param, next) = control_word(bytes, i + 1);
                i = next;
                let starts = std::mem::take(&mut group_start);
                match word {
                    Control::Hex(h) => {
                        if r.skip_fallback > 0 {
                            r.skip_fallback -= 1;
                        } else if !state.skip {
                            r.bytes.push(h);
                        }
                    }
                    Control::Symbol(c) => {
                        if c == '*' && starts {
                            // An ignorable destination: skipped unless we know it (we know none).
                            state.skip = true;
                            group_start = false;
                        } else if !state.skip {
                            r.flush_bytes(state.font);
                            match c {
                                '~' => r.text(" "),
                                '_' => r.text("-"),
                                '-' | '*' => {}
                                '\n' | '\r' => r.end_para(),
                                c => r.text(&c.to_string()),
                            }
                        }
                    }
                    Control::Word(w) => {
                        if starts && skipped_destination(&w) {
                            if w == "fonttbl" {
                                state.in_fonttbl = true;
                            }
                            state.skip = true;
                        }
                        if state.in_fonttbl {
                            if w == "f" || w == "fcharset" {
                                r.control(&w, param, &mut state);
                            }
                            continue;
                        }
                        if state.skip {
                            continue;
                        }
                        if w != "u" {
                            r.flush_bytes(state.font);
                        }
                        if w == "u" {
                            r.flush_bytes(state.font);
                        }
                        r.control(&w, param, &mut state);
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|c| matches!(c, b'{' | b'}' | b'\\' | b'\r' | b'\n'))
                    .map_or(bytes.len(), |p| i + p);
                group_start = false;
                if !state.skip {
                    r.flush_bytes(state.font);
                    let chunk = &bytes[i..end];
                    // Text outside escapes is in the code page too (usually ASCII).
                    let enc = r.encoding(state.font);
                    let (text, _, _) = enc.decode(chunk);
                    r.text(&text);
                }
                i = end;
            }
        }
    }
    r.flush_bytes(state.font);
    if r.in_table || r.table.is_some() {
        if !r.para.trim().is_empty() {
            r.end_cell();
        }
        r.end_table();
    }
    r.in_table = false;
    r.end_para();
    Ok(r.blocks)
}

enum Control {
    Word(String),
    Symbol(char),
    Hex(u8),
}

/// A control word after a backslash at `i`: the word, its numeric parameter and where the
/// next token starts (a single space delimiter is consumed).
fn control_word(b: &[u8], i: usize) -> (Control, Option<i32>, usize) {
    let Some(&c) = b.get(i) else {
        return (Control::Symbol('\\'), None, i);
    };
    if c == b'\'' {
        let hex = b.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
        });
        return match hex {
            Some(h) => (Control::Hex(h), None, i + 3),
            None => (Control::Symbol('?'), None, (i + 1).min(b.len())),
        };
    }
    if !c.is_ascii_alphabetic() {
        return (Control::Symbol(c as char), None, i + 1);
    }
    let mut j = i;
    while j < b.len() && b[j].is_ascii_alphabetic() && j - i < 32 {
        j += 1;
    }
    let word = String::from_utf8_lossy(&b[i..j]).into_owned();
    let mut k = j;
    if k < b.len() && (b[k] == b'-' || b[k].is_ascii_digit()) {
        k += 1;
        while k < b.len() && b[k].is_ascii_digit() && k - j < 11 {
            k += 1;
        }
    }
    let param = std::str::from_utf8(&b[j..k])
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .map(|v| v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
    if k < b.len() && b[k] == b' ' {
        k += 1;
    }
    (Control::Word(word), param, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.clone()),
                Block::Grid(_) => None,
            })
            .collect()
    }

    #[test]
    fn gbk_bytes_and_unicode_escapes() {
        // 淮安 in GBK is BB B4 B0 B2; 年 is U+5E74 = 24180.
        let rtf = b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0 \\'bb\\'b4\\'b0\\'b2 2024\\uc1\\u24180?\\par}";
        assert_eq!(lines(&parse(rtf).unwrap()), ["淮安 2024年"]);
    }

    #[test]
    fn tables_with_merges() {
        let rtf = b"{\\rtf1\\ansi {\\*\\generator x;}A\\par
\\trowd\\clvmgf\\cellx1000\\cellx3000\\pard\\intbl a\\cell b\\cell\\row
\\trowd\\clvmrg\\cellx1000\\cellx2000\\cellx3000\\pard\\intbl\\cell 1\\cell 2\\cell\\row
\\pard B\\par}";
        let blocks = parse(rtf).unwrap();
        assert_eq!(lines(&blocks), ["A", "B"]);
        let Block::Grid(g) = &blocks[1] else { panic!() };
        assert_eq!(g.rows[0][0].text, "a");
        assert_eq!(g.rows[0][0].row_span, 2);
        assert_eq!(g.rows[0][1].col_span, 2);
        assert_eq!(g.rows[1][0].covered_by, Some((0, 0)));
        assert_eq!(g.rows[1][1].text, "1");
        assert_eq!(g.rows[1][2].text, "2");
    }
}
