//! Text helpers shared by every stage: label normalisation and cell-value classification.
//!
//! These are facts about how the reports are printed, not about any file format.

use crate::flag::Flag;

/// Normalise a label for matching: full-width ASCII to half-width, brackets to `()`, the
/// enumeration comma `、` and full stops to `.`, all white space removed.
/// "（三） 不予公开" and "(三)不予公开" normalise to the same string.
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold_char(c);
        if c.is_whitespace() {
            continue;
        }
        match c {
            '、' | '．' | '。' => out.push('.'),
            '〔' | '［' | '[' | '【' => out.push('('),
            '〕' | '］' | ']' | '】' => out.push(')'),
            '，' => out.push(','),
            '：' => out.push(':'),
            _ => out.push(c),
        }
    }
    out
}

/// CJK radicals → unified ideographs (see `radicals.tsv`).
fn radicals() -> &'static [(char, char)] {
    static TABLE: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<(char, char)> = include_str!("radicals.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut it = l.split('\t');
                let a = it.next()?.chars().next()?;
                let b = it.next()?.chars().next()?;
                Some((a, b))
            })
            .collect();
        v.sort_unstable();
        v
    })
}

/// A CJK radical code point (⼈, ⺠ …) as the ideograph it stands for in running text (人, 民).
pub fn fold_radical(c: char) -> char {
    if !('\u{2E80}'..='\u{2FDF}').contains(&c) {
        return c;
    }
    let table = radicals();
    match table.binary_search_by(|(a, _)| a.cmp(&c)) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// Characters that print nothing and separate nothing: zero-width space, non-joiner and
/// joiner, word joiner, byte-order mark, soft hyphen (web editors leave them inside words and
/// numbers: `2\u{200B}0\u{200B}2\u{200B}4年`).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Text as printed: CJK radicals folded to ideographs (see [`fold_radical`]), full-width
/// digits to ASCII digits (with a full-width point after a digit: `９６１７１．６`, as some
/// pages type their tables), invisible characters ([`is_invisible`]) removed; other
/// characters kept. Every reader then sees a number in one form, whatever the typist's
/// input mode was.
pub fn fold_printed(s: &str) -> std::borrow::Cow<'_, str> {
    let folded = |c: char| {
        ('\u{2E80}'..='\u{2FDF}').contains(&c) || is_invisible(c) || is_wide_digit(c) || c == '．'
    };
    if !s.chars().any(folded) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| !is_invisible(c)) {
        let after_digit = out.chars().next_back().is_some_and(|p| p.is_ascii_digit());
        out.push(match c {
            c if is_wide_digit(c) => fold_char(c),
            '．' if after_digit => '.',
            c => fold_radical(c),
        });
    }
    std::borrow::Cow::Owned(out)
}

fn is_wide_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// Full-width ASCII forms to ASCII, ideographic space to space, minus-like signs to `-`, CJK
/// radicals to ideographs.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2E80}'..='\u{2FDF}' => fold_radical(c),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200B}' => ' ',
        '\u{2212}' => '-',
        _ => c,
    }
}

/// Printed marks meaning "not applicable" (flag `dash`).
const DASHES: &[&str] = &[
    "-", "—", "–", "——", "--", "―", "/", "\\", "无", "空", "N/A", "n/a", "NA", "－",
];

/// What a text converter writes for a table cell printed empty: a line holding one no-break
/// space (`&nbsp;` in a page's cell; PyMuPDF's and BeautifulSoup's text of such a cell). The
/// text reader keeps such a line, and the parser reads it as one blank cell.
pub const EMPTY_CELL: &str = "\u{a0}";

/// Whether a line of text is a cell written empty ([`EMPTY_CELL`]): white space only, with a
/// no-break space in it.
pub fn is_empty_cell(line: &str) -> bool {
    line.trim().is_empty() && line.contains('\u{a0}')
}

/// A printed count as the 勾稽 checks read it to decide (TEMPLATES.md §7.4): a whole number,
/// or 0 for a dash or a cell written empty ([`EMPTY_CELL`]); and whether it was such a mark (a
/// dash stays a dash in the output, an empty cell blank).
pub fn count_to_decide(raw: &str) -> Option<(u64, bool)> {
    if raw == EMPTY_CELL {
        return Some((0, true));
    }
    match classify_value(raw)? {
        (Flag::Number, v) => v.parse().ok().map(|n| (n, false)),
        (Flag::Dash, _) => Some((0, true)),
        _ => None,
    }
}

/// A CJK unified ideograph (the Chinese characters of labels and names).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Classify the printed text of a value cell.
///
/// Returns `(flag, normalised value)`:
/// - empty or white space → `blank`;
/// - a dash-like mark → `dash`;
/// - a number (thousands separators, spaces, a leading `+`, a glued unit `元`/`万元`/`件`/`个`/`项`
///   removed; decimals and a leading `-` kept) → `number`;
/// - anything else → `None` (not a value: the caller decides).
pub fn classify_value(raw: &str) -> Option<(Flag, String)> {
    let folded: String = raw.chars().map(fold_char).collect();
    let t = folded.trim();
    if t.is_empty() {
        return Some((Flag::Blank, String::new()));
    }
    if DASHES.contains(&t) {
        return Some((Flag::Dash, String::new()));
    }
    normalize_number(t).map(|v| (Flag::Number, v))
}

/// The digit a value cell printed as a letter that looks like it (`O`, `o` for 0 in another
/// tool's OCR text; `〇`, `○`, the Chinese zero, as some typists print it; `l` for 1), alone in
/// the cell. It is no number by itself — the letter could stand for anything — so a reader
/// takes it only where a sum rule pins the cell (see the parser's `rows::settle_lookalikes`).
pub fn lookalike_digit(raw: &str) -> Option<char> {
    match raw.trim() {
        "O" | "o" | "Ｏ" | "〇" | "○" => Some('0'),
        "l" => Some('1'),
        _ => None,
    }
}

/// Normalise a printed number; `None` when the text is not one number.
pub fn normalize_number(t: &str) -> Option<String> {
    let mut s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    for unit in ["万元", "元", "件", "个", "项", "条"] {
        if let Some(stripped) = s.strip_suffix(unit) {
            s = stripped.to_string();
            break;
        }
    }
    let mut neg = false;
    let mut body = s.as_str();
    if let Some(rest) = body.strip_prefix('+') {
        body = rest;
    } else if let Some(rest) = body.strip_prefix('-') {
        neg = true;
        body = rest;
    } else if let Some(rest) = body.strip_prefix("减少") {
        neg = true;
        body = rest;
    } else if let Some(rest) = body.strip_prefix("增加") {
        body = rest;
    }
    if body.is_empty() {
        return None;
    }
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_digits: String = if int_part.contains([',', '，']) {
        // Thousands separators: groups of exactly three digits after the first.
        let groups: Vec<&str> = int_part.split([',', '，']).collect();
        let first_ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[0].bytes().all(|b| b.is_ascii_digit());
        let rest_ok = groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !(first_ok && rest_ok) {
            return None;
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    if int_digits.is_empty() || !int_digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&int_digits);
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// East Asian wide and full-width characters take two columns in a monospace view (aligned
/// text: `ingest` cuts its columns by it, the parser measures a header line by it).
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise_brackets_and_spaces() {
        assert_eq!(normalize_label("（三） 不予公开"), "(三)不予公开");
        assert_eq!(normalize_label("1、 属于国家秘密"), "1.属于国家秘密");
        assert_eq!(normalize_label("第二十条 第（一）项"), "第二十条第(一)项");
        assert_eq!(normalize_label("⼆、⾏政许可"), "二.行政许可");
        assert_eq!(
            fold_printed("江苏省⼈⺠政府⻔⼾⽹站"),
            "江苏省人民政府门户网站"
        );
        assert_eq!(
            fold_printed("淮安市人民政府2\u{200B}0\u{200B}2\u{00AD}4年"),
            "淮安市人民政府2024年"
        );
        assert_eq!(
            fold_printed("２０２４年 ９６１７１．６ （一）．"),
            "2024年 96171.6 （一）．"
        );
    }

    #[test]
    fn values_are_classified_without_inventing() {
        assert_eq!(classify_value(""), Some((Flag::Blank, String::new())));
        assert_eq!(classify_value("\u{a0}"), Some((Flag::Blank, String::new())));
        assert_eq!(classify_value("—"), Some((Flag::Dash, String::new())));
        assert_eq!(classify_value("/"), Some((Flag::Dash, String::new())));
        assert_eq!(classify_value("1,234"), Some((Flag::Number, "1234".into())));
        assert_eq!(classify_value("+3"), Some((Flag::Number, "3".into())));
        assert_eq!(classify_value("-2"), Some((Flag::Number, "-2".into())));
        assert_eq!(classify_value("−2"), Some((Flag::Number, "-2".into())));
        assert_eq!(
            classify_value("96171.6"),
            Some((Flag::Number, "96171.6".into()))
        );
        assert_eq!(
            classify_value("251000元"),
            Some((Flag::Number, "251000".into()))
        );
        assert_eq!(classify_value("３５"), Some((Flag::Number, "35".into())));
        assert_eq!(classify_value("12,34"), None);
        assert_eq!(classify_value("规章"), None);
    }
}
