//! CMap programs: `ToUnicode` maps (`bfchar`, `bfrange` with a string or an array) and embedded
//! encoding CMaps (`codespacerange`, `cidchar`, `cidrange`, `usecmap`, `/WMode`).
//!
//! A forgiving tokenizer: anything it does not understand is skipped, never an error. Sizes are
//! bounded by the input (ranges are stored as ranges, not expanded).

use std::collections::HashMap;

/// What a code maps to in Unicode: one character (the common case, no allocation) or several.
#[derive(Debug, Clone, PartialEq)]
pub enum Uni {
    Char(char),
    Str(Box<str>),
}

/// One `codespacerange` entry: codes of `len` bytes whose every byte lies within `lo..=hi`.
#[derive(Debug, Clone, Copy)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

/// A parsed CMap program.
#[derive(Debug, Default, Clone)]
pub struct CMap {
    codespace: Vec<CodeRange>,
    cid_single: HashMap<u32, u32>,
    /// `(lo, hi, first cid)`, sorted by `lo`.
    cid_ranges: Vec<(u32, u32, u32)>,
    uni_single: HashMap<u32, Uni>,
    /// `(lo, hi, UTF-16 of lo)`, sorted by `lo`; the last code unit grows with the code.
    uni_ranges: Vec<(u32, u32, Vec<u16>)>,
    /// The name after `usecmap`, if any.
    pub use_cmap: Option<String>,
    /// `/WMode 1`: vertical writing.
    pub vertical: bool,
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut tokens = Tokens { data, pos: 0 };
        let mut prev: Option<Token> = None;
        let mut prev2: Option<Token> = None;
        while let Some(token) = tokens.next() {
            if let Token::Keyword(word) = token {
                match word {
                    b"begincodespacerange" => cmap.codespace_section(&mut tokens),
                    b"beginbfchar" => cmap.bfchar_section(&mut tokens),
                    b"beginbfrange" => cmap.bfrange_section(&mut tokens),
                    b"begincidchar" => cmap.cidchar_section(&mut tokens),
                    b"begincidrange" => cmap.cidrange_section(&mut tokens),
                    b"usecmap" => {
                        if let Some(Token::Name(name)) = prev {
                            cmap.use_cmap = Some(String::from_utf8_lossy(name).into_owned());
                        }
                    }
                    _ => {}
                }
            }
            if let (Some(Token::Name(b"WMode")), Token::Int(mode)) = (&prev, &token) {
                cmap.vertical = *mode == 1;
            }
            prev2 = prev.take();
            prev = Some(token);
        }
        let _ = prev2;
        cmap.cid_ranges.sort_by_key(|r| r.0);
        cmap.uni_ranges.sort_by_key(|r| r.0);
        cmap
    }

    fn codespace_section(&mut self, tokens: &mut Tokens) {
        loop {
            let Some(Token::Hex(lo)) = tokens.next() else {
                return;
            };
            let Some(Token::Hex(hi)) = tokens.next() else {
                return;
            };
            let lo = hex_bytes(lo);
            let hi = hex_bytes(hi);
            if lo.is_empty() || lo.len() != hi.len() || lo.len() > 4 {
                continue;
            }
            let mut range = CodeRange {
                len: lo.len(),
                lo: [0; 4],
                hi: [0; 4],
            };
            range.lo[..lo.len()].copy_from_slice(&lo);
            range.hi[..hi.len()].copy_from_slice(&hi);
            if self.codespace.len() < 1024 {
                self.codespace.push(range);
            }
        }
    }

    fn bfchar_section(&mut self, tokens: &mut Tokens) {
        loop {
            let Some(Token::Hex(src)) = tokens.next() else {
                return;
            };
            match tokens.next() {
                Some(Token::Hex(dst)) => {
                    if let Some(uni) = utf16_to_uni(&hex_units(dst)) {
                        self.uni_single.insert(hex_value(src), uni);
                    }
                }
                Some(Token::Keyword(b"endbfchar")) | None => return,
                Some(_) => {}
            }
        }
    }

    fn bfrange_section(&mut self, tokens: &mut Tokens) {
        loop {
            let Some(Token::Hex(lo)) = tokens.next() else {
                return;
            };
            let Some(Token::Hex(hi)) = tokens.next() else {
                return;
            };
            let (lo, hi) = (hex_value(lo), hex_value(hi));
            match tokens.next() {
                Some(Token::Hex(dst)) => {
                    if hi >= lo {
                        self.uni_ranges.push((lo, hi, hex_units(dst)));
                    }
                }
                Some(Token::ArrayOpen) => {
                    let mut code = lo;
                    for token in tokens.by_ref() {
                        match token {
                            Token::Hex(dst) => {
                                if code <= hi {
                                    if let Some(uni) = utf16_to_uni(&hex_units(dst)) {
                                        self.uni_single.insert(code, uni);
                                    }
                                }
                                code = code.saturating_add(1);
                            }
                            Token::ArrayClose => break,
                            _ => code = code.saturating_add(1),
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn cidchar_section(&mut self, tokens: &mut Tokens) {
        loop {
            let Some(Token::Hex(src)) = tokens.next() else {
                return;
            };
            let Some(Token::Int(cid)) = tokens.next() else {
                return;
            };
            if let Ok(cid) = u32::try_from(cid) {
                self.cid_single.insert(hex_value(src), cid);
            }
        }
    }

    fn cidrange_section(&mut self, tokens: &mut Tokens) {
        loop {
            let Some(Token::Hex(lo)) = tokens.next() else {
                return;
            };
            let Some(Token::Hex(hi)) = tokens.next() else {
                return;
            };
            let Some(Token::Int(cid)) = tokens.next() else {
                return;
            };
            let (lo, hi) = (hex_value(lo), hex_value(hi));
            if let Ok(cid) = u32::try_from(cid) {
                if hi >= lo {
                    self.cid_ranges.push((lo, hi, cid));
                }
            }
        }
    }

    /// Whether the program defined a codespace (an encoding CMap does; a ToUnicode map may not).
    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// Split the next code off `bytes`: `(code, length in bytes)`. Bytes that match no range are
    /// consumed as one code of the shortest length in the codespace.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        if self.codespace.is_empty() {
            return two_byte_code(bytes);
        }
        for len in 1..=4.min(bytes.len()) {
            let candidate = &bytes[..len];
            let matches = self.codespace.iter().any(|r| {
                r.len == len
                    && candidate
                        .iter()
                        .zip(r.lo.iter().zip(r.hi.iter()))
                        .all(|(b, (lo, hi))| lo <= b && b <= hi)
            });
            if matches {
                return (be_value(candidate), len);
            }
        }
        let shortest = self
            .codespace
            .iter()
            .map(|r| r.len)
            .min()
            .unwrap_or(1)
            .clamp(1, bytes.len().max(1));
        let len = shortest.min(bytes.len()).max(1);
        (be_value(&bytes[..len.min(bytes.len())]), len)
    }

    /// The CID of `code`, from `cidchar`/`cidrange` of this program.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(cid) = self.cid_single.get(&code) {
            return Some(*cid);
        }
        find_range(&self.cid_ranges, code, |r| r.0, |r| r.1)
            .map(|(lo, _, first)| first.saturating_add(code - lo))
    }

    /// The Unicode text of `code`, from `bfchar`/`bfrange` of this program.
    pub fn unicode(&self, code: u32) -> Option<Uni> {
        if let Some(uni) = self.uni_single.get(&code) {
            return Some(uni.clone());
        }
        let (lo, _, units) = find_range(&self.uni_ranges, code, |r| r.0, |r| r.1)?;
        let offset = u16::try_from(code - lo).ok()?;
        if let [unit] = units.as_slice() {
            // The common case, without allocating: one BMP character.
            return utf16_to_uni(&[unit.checked_add(offset)?]);
        }
        let mut units = units.clone();
        let last = units.last_mut()?;
        *last = last.checked_add(offset)?;
        utf16_to_uni(&units)
    }

    /// Whether this map has any Unicode entries.
    pub fn has_unicode(&self) -> bool {
        !self.uni_single.is_empty() || !self.uni_ranges.is_empty()
    }
}

/// The last range (sorted by `lo`) with `lo <= code`, if it also has `code <= hi`; else any
/// earlier range containing the code (overlaps are rare).
fn find_range<T>(
    ranges: &[T],
    code: u32,
    lo: impl Fn(&T) -> u32,
    hi: impl Fn(&T) -> u32,
) -> Option<&T> {
    let end = ranges.partition_point(|r| lo(r) <= code);
    let candidate = ranges.get(end.checked_sub(1)?)?;
    if hi(candidate) >= code {
        return Some(candidate);
    }
    ranges[..end]
        .iter()
        .rev()
        .take(64)
        .find(|r| lo(r) <= code && code <= hi(r))
}

/// Two bytes big-endian (a lone last byte stands alone).
pub fn two_byte_code(bytes: &[u8]) -> (u32, usize) {
    match bytes {
        [a, b, ..] => ((*a as u32) << 8 | *b as u32, 2),
        [a] => (*a as u32, 1),
        [] => (0, 1),
    }
}

fn be_value(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |v, b| (v << 8) | *b as u32)
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The bytes of a hex string body (odd final digit padded with 0, as PDF says).
fn hex_bytes(body: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = body.iter().filter_map(|b| hex_digit(*b)).collect();
    digits
        .chunks(2)
        .map(|pair| (pair[0] << 4) | pair.get(1).copied().unwrap_or(0))
        .collect()
}

fn hex_value(body: &[u8]) -> u32 {
    let bytes = hex_bytes(body);
    be_value(&bytes[bytes.len().saturating_sub(4)..])
}

fn hex_units(body: &[u8]) -> Vec<u16> {
    hex_bytes(body)
        .chunks(2)
        .map(|pair| ((pair[0] as u16) << 8) | pair.get(1).copied().unwrap_or(0) as u16)
        .collect()
}

/// UTF-16 code units to text; `None` for nothing, U+FFFD only, or NUL only.
pub fn utf16_to_uni(units: &[u16]) -> Option<Uni> {
    let mut chars = char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}'));
    let first = chars.next()?;
    match chars.next() {
        None => (first != '\u{FFFD}' && first != '\0').then_some(Uni::Char(first)),
        Some(second) => {
            let mut text = String::new();
            text.push(first);
            text.push(second);
            text.extend(chars);
            let text: String = text.chars().filter(|c| *c != '\0').collect();
            match text.chars().count() {
                0 => None,
                1 => text.chars().next().map(Uni::Char),
                _ => Some(Uni::Str(text.into_boxed_str())),
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Hex(&'a [u8]),
    Int(i64),
    Name(&'a [u8]),
    Keyword(&'a [u8]),
    ArrayOpen,
    ArrayClose,
    Other,
}

struct Tokens<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) || b == 0
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let data = self.data;
        loop {
            let b = *data.get(self.pos)?;
            if b.is_ascii_whitespace() || b == 0 {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < data.len() && data[self.pos] != b'\n' && data[self.pos] != b'\r' {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
        let start = self.pos;
        let b = data[start];
        self.pos += 1;
        Some(match b {
            b'<' if data.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::Other
            }
            b'>' if data.get(self.pos) == Some(&b'>') => {
                self.pos += 1;
                Token::Other
            }
            b'<' => {
                let body_start = self.pos;
                while self.pos < data.len() && data[self.pos] != b'>' {
                    self.pos += 1;
                }
                let body = &data[body_start..self.pos];
                self.pos = (self.pos + 1).min(data.len());
                Token::Hex(body)
            }
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'(' => {
                let mut depth = 1usize;
                while self.pos < data.len() && depth > 0 {
                    match data[self.pos] {
                        b'\\' => self.pos += 1,
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
                self.pos = self.pos.min(data.len());
                Token::Other
            }
            b'/' => {
                while self.pos < data.len() && !is_delimiter(data[self.pos]) {
                    self.pos += 1;
                }
                Token::Name(&data[start + 1..self.pos])
            }
            _ => {
                while self.pos < data.len() && !is_delimiter(data[self.pos]) {
                    self.pos += 1;
                }
                let word = &data[start..self.pos];
                if word.is_empty() {
                    self.pos = start + 1;
                    return Some(Token::Other);
                }
                match std::str::from_utf8(word)
                    .ok()
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    Some(n) => Token::Int(n),
                    None if word[0].is_ascii_alphabetic() => Token::Keyword(word),
                    None => Token::Other,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bfchar_bfrange_and_arrays() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> \
              endcodespacerange 2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar \
              2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0066006C> <5E74>] endbfrange",
        );
        assert_eq!(cmap.unicode(0x10), Some(Uni::Char('中')));
        assert_eq!(cmap.unicode(0x21), Some(Uni::Char('B')));
        assert_eq!(cmap.unicode(0x30), Some(Uni::Str("fl".into())));
        assert_eq!(cmap.unicode(0x31), Some(Uni::Char('年')));
        assert_eq!(cmap.unicode(0x23), None);
        assert_eq!(cmap.next_code(&[0x12, 0x34, 0x56]), (0x1234, 2));
    }

    #[test]
    fn mixed_codespace_and_cids() {
        let cmap = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange \
              1 begincidrange <8140> <817E> 100 endcidrange 1 begincidchar <41> 34 endcidchar \
              /WMode 1 def",
        );
        assert_eq!(cmap.next_code(&[0x41, 0x81, 0x41]), (0x41, 1));
        assert_eq!(cmap.next_code(&[0x81, 0x41]), (0x8141, 2));
        assert_eq!(cmap.cid(0x8141), Some(101));
        assert_eq!(cmap.cid(0x41), Some(34));
        assert!(cmap.vertical);
    }
}
