//! A content-stream lexer: operators with their operands, read in place.
//!
//! Replaces `lopdf::content::Content::decode_iter`, which built an owned `Object` (a heap
//! allocation for every name, string and array) for each operand and was a third of the
//! whole run's CPU time on real reports (docs/design-pdf.md, "Where the time goes"). The
//! grammar is lopdf's, so every stream reads as before:
//!
//! - an operation is comments, then operands, then an operator (alphanumerics, `*`, `'`,
//!   `"`, not starting with a digit), each followed by white space;
//! - a real is `[+-](digits.digits*|.digits)` plus any run of digits and `-` (a minus sign
//!   inside the fraction, `0.00-41`, is ignored as pdf.js and Poppler do), read as `f32`;
//!   an integer is `[+-]digits` that fits `i64`;
//! - inside arrays and dictionaries comments are white space and `n g R` is a reference;
//! - an inline image (`BI … ID … EI`) is skipped, by its computed length when it has no
//!   filter, else up to the first `EI` between white space;
//! - the first thing that is none of these ends the stream (what was read before stands).
//!
//! Operands live in a buffer reused from one operation to the next; strings and names are
//! borrowed from the stream unless they hold escapes.

use std::borrow::Cow;

/// Nesting allowed for arrays, dictionaries and parentheses in literal strings (lopdf's).
const MAX_DEPTH: usize = 100;

/// One operand. Arrays are flattened: `Array(n)` is followed by its `n` items' subtrees.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'s> {
    /// Integers and reals, widened to f64 (reals through f32, as lopdf reads them).
    Number(f64),
    Name(Cow<'s, [u8]>),
    Str(Cow<'s, [u8]>),
    /// An array of this many direct items; the items follow, each with its own subtree.
    Array {
        len: usize,
        span: usize,
    },
    Bool(bool),
    /// A dictionary, `null` or a reference: nothing the interpreter reads.
    Other,
}

impl<'s> Operand<'s> {
    /// A finite number.
    pub fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(v) if v.is_finite() => Some(*v),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Operand::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn string(&self) -> Option<&[u8]> {
        match self {
            Operand::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The operands of one operation: top-level operands in order, arrays as subtrees.
#[derive(Debug, Default)]
pub struct Operands<'s> {
    items: Vec<Operand<'s>>,
    /// Index in `items` of each top-level operand.
    top: Vec<usize>,
}

impl<'s> Operands<'s> {
    pub fn get(&self, i: usize) -> Option<&Operand<'s>> {
        self.items.get(*self.top.get(i)?)
    }

    pub fn first(&self) -> Option<&Operand<'s>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&Operand<'s>> {
        self.get(self.top.len().checked_sub(1)?)
    }

    /// The last `N` operands as finite numbers (none if fewer, or one is not a number).
    pub fn numbers<const N: usize>(&self) -> Option<[f64; N]> {
        let start = self.top.len().checked_sub(N)?;
        let mut out = [0.0; N];
        for (slot, &i) in out.iter_mut().zip(&self.top[start..]) {
            *slot = self.items.get(i)?.number()?;
        }
        Some(out)
    }

    /// The direct items of the first operand if it is an array.
    pub fn first_array(&self) -> Option<impl Iterator<Item = &Operand<'s>>> {
        let start = *self.top.first()?;
        let Operand::Array { len, .. } = self.items.get(start)? else {
            return None;
        };
        let mut at = start + 1;
        let mut left = *len;
        Some(std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            left -= 1;
            let item = self.items.get(at)?;
            at += match item {
                Operand::Array { span, .. } => span + 1,
                _ => 1,
            };
            Some(item)
        }))
    }

    fn clear(&mut self) {
        self.items.clear();
        self.top.clear();
    }
}

/// Reads operations one at a time; see the module doc for the grammar.
pub struct Lexer<'s> {
    input: &'s [u8],
    pos: usize,
    done: bool,
}

/// Why an object could not be read: the stream ends there.
struct Stop;

type Step<T> = Result<T, Stop>;

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

fn is_operator_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

impl<'s> Lexer<'s> {
    pub fn new(input: &'s [u8]) -> Self {
        let mut lexer = Lexer {
            input,
            pos: 0,
            done: false,
        };
        lexer.skip_whitespace();
        lexer
    }

    /// The next operation: its operator, with `operands` refilled. `None` at the end of the
    /// stream or at the first thing that cannot be read.
    pub fn next_op(&mut self, operands: &mut Operands<'s>) -> Option<&'s [u8]> {
        operands.clear();
        if self.done {
            return None;
        }
        let op = self.operation(operands);
        if op.is_none() {
            self.done = true;
        }
        op
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn rest(&self) -> &'s [u8] {
        self.input.get(self.pos..).unwrap_or(&[])
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
    }

    /// A comment: `%` to the end of the line, which must be there.
    fn comment(&mut self) -> bool {
        let rest = self.rest();
        if rest.first() != Some(&b'%') {
            return false;
        }
        let Some(eol) = rest.iter().position(|&c| c == b'\r' || c == b'\n') else {
            return false;
        };
        let len = if rest[eol..].starts_with(b"\r\n") {
            2
        } else {
            1
        };
        self.pos += eol + len;
        true
    }

    /// White space and comments (inside arrays and dictionaries).
    fn space(&mut self) {
        loop {
            self.skip_whitespace();
            if !self.comment() {
                return;
            }
        }
    }

    fn operation(&mut self, operands: &mut Operands<'s>) -> Option<&'s [u8]> {
        while self.comment() {
            self.skip_whitespace();
        }
        if self.rest().starts_with(b"BI") {
            self.pos += 2;
            self.skip_whitespace();
            self.inline_image().ok()?;
            return Some(b"BI");
        }
        loop {
            let start = self.pos;
            let at = operands.items.len();
            match self.operand(operands) {
                Ok(true) => {
                    operands.top.push(at);
                    self.skip_whitespace();
                }
                Ok(false) | Err(Stop) => {
                    operands.items.truncate(at);
                    self.pos = start;
                    break;
                }
            }
        }
        let rest = self.rest();
        let len = rest.iter().take_while(|&&c| is_operator_byte(c)).count();
        if len == 0 || rest[0].is_ascii_digit() {
            return None;
        }
        self.pos += len;
        self.skip_whitespace();
        Some(&rest[..len])
    }

    /// A top-level operand; `Ok(false)` where none starts (the operator may).
    fn operand(&mut self, out: &mut Operands<'s>) -> Step<bool> {
        let rest = self.rest();
        if rest.starts_with(b"null") {
            self.pos += 4;
            out.items.push(Operand::Other);
        } else if rest.starts_with(b"true") {
            self.pos += 4;
            out.items.push(Operand::Bool(true));
        } else if rest.starts_with(b"false") {
            self.pos += 5;
            out.items.push(Operand::Bool(false));
        } else {
            return match rest.first() {
                Some(b'0'..=b'9' | b'+' | b'-' | b'.') => match self.number() {
                    Some(v) => {
                        out.items.push(Operand::Number(v));
                        Ok(true)
                    }
                    None => Ok(false),
                },
                Some(b'/' | b'(' | b'<' | b'[') => {
                    self.direct(out, MAX_DEPTH)?;
                    Ok(true)
                }
                _ => Ok(false),
            };
        }
        Ok(true)
    }

    /// A real or an integer.
    fn number(&mut self) -> Option<f64> {
        let rest = self.rest();
        let signed = matches!(rest.first(), Some(b'+' | b'-'));
        let body = &rest[usize::from(signed)..];
        let int_digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
        let dot = body.get(int_digits) == Some(&b'.');
        let frac_digits = if dot {
            body[int_digits + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        } else {
            0
        };
        if dot && (int_digits > 0 || frac_digits > 0) {
            let head = usize::from(signed) + int_digits + 1;
            let tail = rest[head..]
                .iter()
                .take_while(|&&c| c == b'-' || c.is_ascii_digit())
                .count();
            let text = &rest[..head + tail];
            let value = if text[1..].contains(&b'-') {
                let mut digits = vec![text[0]];
                digits.extend(text[1..].iter().filter(|&&c| c != b'-'));
                parse_f32(&digits)?
            } else {
                parse_f32(text)?
            };
            self.pos += head + tail;
            return Some(f64::from(value));
        }
        if int_digits == 0 {
            return None;
        }
        let magnitude = body[..int_digits].iter().try_fold(0u64, |v, &d| {
            v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })?;
        let value = if rest[0] == b'-' {
            0i64.checked_sub_unsigned(magnitude)?
        } else {
            i64::try_from(magnitude).ok()?
        };
        self.pos += usize::from(signed) + int_digits;
        Some(value as f64)
    }

    /// A direct object inside an array or dictionary (or a top-level name, string, array or
    /// dictionary), pushed with its subtree.
    fn direct(&mut self, out: &mut Operands<'s>, depth: usize) -> Step<()> {
        if depth == 0 {
            return Err(Stop);
        }
        let rest = self.rest();
        match rest.first() {
            Some(b'/') => {
                let name = self.name();
                out.items.push(Operand::Name(name));
            }
            Some(b'(') => {
                let s = self.literal_string()?;
                out.items.push(Operand::Str(s));
            }
            Some(b'<') => {
                if let Some(s) = self.hex_string() {
                    out.items.push(Operand::Str(Cow::Owned(s)));
                } else if rest.starts_with(b"<<") {
                    self.pos += 2;
                    self.space();
                    self.dictionary_body(depth)?;
                    if !self.rest().starts_with(b">>") {
                        return Err(Stop);
                    }
                    self.pos += 2;
                    out.items.push(Operand::Other);
                } else {
                    return Err(Stop);
                }
            }
            Some(b'[') => {
                self.pos += 1;
                self.space();
                let at = out.items.len();
                out.items.push(Operand::Array { len: 0, span: 0 });
                let mut len = 0;
                while self.peek() != Some(b']') {
                    self.array_item(out, depth - 1)?;
                    self.space();
                    len += 1;
                }
                self.pos += 1;
                let span = out.items.len() - at - 1;
                out.items[at] = Operand::Array { len, span };
            }
            _ => return Err(Stop),
        }
        Ok(())
    }

    /// An item of an array or a dictionary value: any direct object, references included.
    fn array_item(&mut self, out: &mut Operands<'s>, depth: usize) -> Step<()> {
        if depth == 0 {
            return Err(Stop);
        }
        let rest = self.rest();
        let item = match rest.first() {
            Some(b'n') if rest.starts_with(b"null") => {
                self.pos += 4;
                Operand::Other
            }
            Some(b't') if rest.starts_with(b"true") => {
                self.pos += 4;
                Operand::Bool(true)
            }
            Some(b'f') if rest.starts_with(b"false") => {
                self.pos += 5;
                Operand::Bool(false)
            }
            Some(b'0'..=b'9') if self.reference() => Operand::Other,
            Some(b'0'..=b'9' | b'+' | b'-' | b'.') => {
                let v = self.number().ok_or(Stop)?;
                out.items.push(Operand::Number(v));
                return Ok(());
            }
            Some(b'/' | b'(' | b'<' | b'[') => return self.direct(out, depth),
            _ => return Err(Stop),
        };
        out.items.push(item);
        Ok(())
    }

    /// `n g R` (object number within u32, generation within u16); consumed if it is one.
    fn reference(&mut self) -> bool {
        let start = self.pos;
        let ok = self.unsigned(u64::from(u32::MAX))
            && {
                self.space();
                self.unsigned(u64::from(u16::MAX))
            }
            && {
                self.space();
                self.peek() == Some(b'R')
            };
        if ok {
            self.pos += 1;
        } else {
            self.pos = start;
        }
        ok
    }

    fn unsigned(&mut self, max: u64) -> bool {
        let digits = self
            .rest()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let value = self.rest()[..digits].iter().try_fold(0u64, |v, &d| {
            v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        });
        self.pos += digits;
        digits > 0 && value.is_some_and(|v| v <= max)
    }

    /// `(name space value)*` up to (not including) `>>`.
    fn dictionary_body(&mut self, depth: usize) -> Step<()> {
        let mut scratch = Operands::default();
        while self.peek() == Some(b'/') {
            self.name();
            self.space();
            scratch.clear();
            self.array_item(&mut scratch, depth)?;
            self.space();
        }
        Ok(())
    }

    /// `/` and a name, with `#xx` escapes; a `#` without two hex digits ends it.
    fn name(&mut self) -> Cow<'s, [u8]> {
        self.pos += 1;
        let rest = self.rest();
        let run = rest
            .iter()
            .position(|&c| c == b'#' || !is_regular(c))
            .unwrap_or(rest.len());
        self.pos += run;
        if self.peek() != Some(b'#') {
            return Cow::Borrowed(&rest[..run]);
        }
        let mut bytes = rest[..run].to_vec();
        loop {
            let rest = self.rest();
            match (
                rest.first(),
                rest.get(1).copied().and_then(hex_value),
                rest.get(2).copied().and_then(hex_value),
            ) {
                (Some(b'#'), Some(hi), Some(lo)) => {
                    bytes.push(hi << 4 | lo);
                    self.pos += 3;
                }
                _ => return Cow::Owned(bytes),
            }
            let rest = self.rest();
            let run = rest
                .iter()
                .position(|&c| c == b'#' || !is_regular(c))
                .unwrap_or(rest.len());
            bytes.extend_from_slice(&rest[..run]);
            self.pos += run;
        }
    }

    /// `<hex digits and white space>`; `None` (nothing consumed) if it is not one.
    fn hex_string(&mut self) -> Option<Vec<u8>> {
        let rest = self.rest();
        let mut out = Vec::new();
        let mut high = true;
        let mut i = 1;
        loop {
            while rest.get(i).copied().is_some_and(is_whitespace) {
                i += 1;
            }
            match rest.get(i).copied().and_then(hex_value) {
                Some(v) if high => out.push(v << 4),
                Some(v) => {
                    if let Some(last) = out.last_mut() {
                        *last |= v;
                    }
                }
                None => break,
            }
            high = !high;
            i += 1;
        }
        if rest.get(i) != Some(&b'>') {
            return None;
        }
        self.pos += i + 1;
        Some(out)
    }

    /// `( … )` with escapes, end-of-line folding and balanced parentheses.
    fn literal_string(&mut self) -> Step<Cow<'s, [u8]>> {
        let rest = self.rest();
        // The common case: no escape, no line break, no nested parenthesis.
        if let Some(end) = rest[1..]
            .iter()
            .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
        {
            if rest[1 + end] == b')' {
                self.pos += end + 2;
                return Ok(Cow::Borrowed(&rest[1..1 + end]));
            }
        }
        self.pos += 1;
        let mut out = Vec::new();
        self.literal_body(&mut out, MAX_DEPTH)?;
        Ok(Cow::Owned(out))
    }

    /// The inside of a literal string up to and past its closing `)`.
    fn literal_body(&mut self, out: &mut Vec<u8>, depth: usize) -> Step<()> {
        loop {
            let rest = self.rest();
            let Some(&c) = rest.first() else {
                return Err(Stop);
            };
            match c {
                b')' => {
                    self.pos += 1;
                    return Ok(());
                }
                b'(' => {
                    if depth == 0 {
                        return Err(Stop);
                    }
                    self.pos += 1;
                    out.push(b'(');
                    self.literal_body(out, depth - 1)?;
                    out.push(b')');
                }
                b'\r' | b'\n' => {
                    self.pos += if rest.starts_with(b"\r\n") { 2 } else { 1 };
                    out.push(b'\n');
                }
                b'\\' => self.escape(out)?,
                _ => {
                    let run = rest
                        .iter()
                        .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r' | b'\n'))
                        .unwrap_or(rest.len());
                    out.extend_from_slice(&rest[..run]);
                    self.pos += run;
                }
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Step<()> {
        let rest = self.rest();
        let Some(&c) = rest.get(1) else {
            return Err(Stop);
        };
        let octal = rest[1..]
            .iter()
            .take(3)
            .take_while(|c| (b'0'..=b'7').contains(c))
            .count();
        if octal > 0 {
            let v = rest[1..1 + octal]
                .iter()
                .fold(0u16, |v, &d| v * 8 + u16::from(d - b'0'));
            out.push(v as u8);
            self.pos += 1 + octal;
            return Ok(());
        }
        match c {
            b'\r' if rest.get(2) == Some(&b'\n') => self.pos += 1,
            b'\r' | b'\n' => {}
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0C),
            other => out.push(other),
        }
        self.pos += 2;
        Ok(())
    }

    /// After `BI`: the image dictionary, `ID`, the data, `EI`.
    fn inline_image(&mut self) -> Step<()> {
        let mut dict = ImageDict::default();
        while self.peek() == Some(b'/') {
            dict.keys.push(self.name());
            self.space();
            let at = dict.values.items.len();
            self.array_item(&mut dict.values, MAX_DEPTH)?;
            dict.values.top.push(at);
            self.space();
        }
        if !self.rest().starts_with(b"ID") {
            return Err(Stop);
        }
        self.pos += 2;
        let rest = self.rest();
        if rest.starts_with(b"\r\n") {
            self.pos += 2;
        } else if rest.first().copied().is_some_and(is_whitespace) {
            self.pos += 1;
        }
        match dict
            .data_length()
            .filter(|&length| length <= self.rest().len())
        {
            Some(length) => {
                self.pos += length;
                self.skip_whitespace();
                if !self.rest().starts_with(b"EI") {
                    return Err(Stop);
                }
                self.pos += 2;
            }
            None => {
                let bytes = self.rest();
                let at = bytes
                    .windows(3)
                    .enumerate()
                    .position(|(i, w)| {
                        is_whitespace(w[0])
                            && w[1..] == *b"EI"
                            && bytes.get(i + 3).is_none_or(|&c| is_whitespace(c))
                    })
                    .ok_or(Stop)?;
                self.pos += at + 3;
            }
        }
        self.skip_whitespace();
        Ok(())
    }
}

/// An inline image's dictionary: keys in order, values as operands.
#[derive(Default)]
struct ImageDict<'s> {
    keys: Vec<Cow<'s, [u8]>>,
    values: Operands<'s>,
}

impl<'s> ImageDict<'s> {
    /// The value under the abbreviated key, else under the full one.
    fn get(&self, full: &[u8], abbr: &[u8]) -> Option<&Operand<'s>> {
        let i = self
            .keys
            .iter()
            .position(|k| **k == *abbr)
            .or_else(|| self.keys.iter().position(|k| **k == *full))?;
        self.values.get(i)
    }

    fn size(&self, full: &[u8], abbr: &[u8]) -> Option<usize> {
        let v = self.get(full, abbr)?.number()?;
        (v.fract() == 0.0 && v >= 0.0 && v <= usize::MAX as f64).then_some(v as usize)
    }

    /// The byte length of an unfiltered image (lopdf's rule), `None` when it cannot be
    /// computed and the data must be scanned for `EI` instead.
    fn data_length(&self) -> Option<usize> {
        let width = self.size(b"Width", b"W")?;
        let height = self.size(b"Height", b"H")?;
        let mask = matches!(self.get(b"ImageMask", b"IM"), Some(Operand::Bool(true)));
        let bpc = match self.size(b"BitsPerComponent", b"BPC") {
            Some(b) => b,
            None if mask && self.get(b"BitsPerComponent", b"BPC").is_none() => 1,
            None => return None,
        };
        let colors = if mask {
            1
        } else {
            match self.get(b"ColorSpace", b"CS")? {
                Operand::Array { .. } => 1,
                Operand::Name(n) => match &n[..] {
                    b"DeviceGray" | b"G" | b"Gray" => 1,
                    b"DeviceRGB" | b"RGB" => 3,
                    b"DeviceRGBA" | b"RGBA" | b"DeviceCMYK" | b"CMYK" => 4,
                    _ => return None,
                },
                _ => return None,
            }
        };
        if self.get(b"Filter", b"F").is_some() {
            return None;
        }
        bpc.checked_mul(colors)
            .and_then(|bits| width.checked_mul(bits))
            .and_then(|row| row.div_ceil(8).checked_mul(height))
    }
}

fn parse_f32(text: &[u8]) -> Option<f32> {
    std::str::from_utf8(text).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::content::Content;
    use lopdf::Object;

    /// One operation as text, the same whichever lexer read it.
    fn show_object(o: &Object, out: &mut String) {
        match o {
            Object::Integer(i) => out.push_str(&format!("{}", *i as f64)),
            Object::Real(r) => out.push_str(&format!("{}", f64::from(*r))),
            Object::Name(n) => out.push_str(&format!("/{n:?}")),
            Object::String(s, _) => out.push_str(&format!("({s:?})")),
            Object::Boolean(b) => out.push_str(&format!("{b}")),
            Object::Array(items) => {
                out.push('[');
                for i in items {
                    show_object(i, out);
                    out.push(' ');
                }
                out.push(']');
            }
            _ => out.push('?'),
        }
    }

    fn show_operand<'a>(items: &mut impl Iterator<Item = &'a Operand<'a>>, out: &mut String) {
        match items.next() {
            Some(Operand::Number(v)) => out.push_str(&format!("{v}")),
            Some(Operand::Name(n)) => out.push_str(&format!("/{:?}", n.to_vec())),
            Some(Operand::Str(s)) => out.push_str(&format!("({:?})", s.to_vec())),
            Some(Operand::Bool(b)) => out.push_str(&format!("{b}")),
            Some(Operand::Array { len, .. }) => {
                out.push('[');
                for _ in 0..*len {
                    show_operand(items, out);
                    out.push(' ');
                }
                out.push(']');
            }
            _ => out.push('?'),
        }
    }

    fn lopdf_ops(stream: &[u8]) -> Vec<String> {
        let mut ops = Vec::new();
        for op in Content::decode_iter(stream) {
            let Ok(op) = op else { break };
            let mut s = String::new();
            for o in &op.operands {
                show_object(o, &mut s);
                s.push(' ');
            }
            ops.push(s + &op.operator);
        }
        ops
    }

    fn our_ops(stream: &[u8]) -> Vec<String> {
        let mut lexer = Lexer::new(stream);
        let mut args = Operands::default();
        let mut ops = Vec::new();
        while let Some(op) = lexer.next_op(&mut args) {
            let mut s = String::new();
            let mut items = args.items.iter();
            for _ in 0..args.top.len() {
                show_operand(&mut items, &mut s);
                s.push(' ');
            }
            if op == b"BI" {
                s.clear(); // lopdf returns the image as an operand; only the skip matters
            }
            ops.push(s + std::str::from_utf8(op).unwrap());
        }
        ops
    }

    fn lopdf_ops_no_bi(stream: &[u8]) -> Vec<String> {
        lopdf_ops(stream)
            .into_iter()
            .map(|s| if s.ends_with("BI") { "BI".into() } else { s })
            .collect()
    }

    #[test]
    fn reads_what_lopdf_reads() {
        let streams: &[&[u8]] = &[
            b"q 1 0 0 -1 0 842 cm BT /F1 12 Tf 72 700 Td (Hello) Tj ET Q",
            b"BT[(A)-120(B\\(c\\))5.5<48 65 6c6>]TJ 0.00-41 1 Td T* ET",
            b"(a\\101\\60\\7b\\n\\r\\t\\b\\f\\\\\\q\\\n\r\nz) Tj (x(y(z))w) Tj ( ) '",
            b"1 2 3 \"\n% a comment\n  /Name#20x#41 gs /# Do",
            b"/Span<</MCID 3/ActualText(x)/K[1 0 R 2]>>BDC EMC -.5 +3 .25 5. m",
            b"[1 0 R (s) [2 [3]] true null false] TJ 0 0 10 10 re f",
            b"BI /W 2 /H 2 /BPC 8 /CS /G ID \x00EI\xff\x00 EI Q q",
            b"BI /W 4 /H 1 /F /AHx ID 00ff00ff> EI 1 0 0 RG",
            b"BI /IM true /W 8 /H 2 ID \x01\x02 EI n",
            b"1 2 m 3 4 l % no end of line",
            b"12 99999999999999999999 Tc 1 Tw",
            b"(unterminated Tj 1 Tw",
            b"<4g> Tj 1 Tw",
            b"1 { 2 } Tw",
            b"/a/b/c 1.2.3 d0 f* 0 Tr",
            b"((((((((((x)))))))))) Tj",
        ];
        let total: usize = streams.iter().map(|s| our_ops(s).len()).sum();
        assert!(total > 30, "{total} operations");
        for s in streams {
            assert_eq!(
                our_ops(s),
                lopdf_ops_no_bi(s),
                "{}",
                String::from_utf8_lossy(s)
            );
        }
    }

    #[test]
    fn deep_nesting_stops_the_stream() {
        let deep = format!("{}x{} Tj 1 Tw", "(".repeat(150), ")".repeat(150));
        assert_eq!(our_ops(deep.as_bytes()), lopdf_ops(deep.as_bytes()));
        let deep = format!("{}{} TJ 1 Tw", "[".repeat(150), "]".repeat(150));
        assert_eq!(our_ops(deep.as_bytes()), lopdf_ops(deep.as_bytes()));
    }
}
