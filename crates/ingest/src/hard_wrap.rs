//! Text a tool wrapped at a fixed number of characters (Python's `textwrap`, a crawler that
//! saves its body in lines of 76): a line cut there goes on in the next line, inside a word,
//! a label or a run of digits (`规章0` / `00行政规范性文件…`). Such lines are joined again
//! before the lines are laid out; a line the tool ended early (at a space, at a paragraph's
//! end) ends where it did.
//!
//! A text is taken as hard-wrapped only when many lines have one same length and none is
//! longer: text laid out by a PDF tool has table rows wider than its prose, and a page saved
//! as it prints has lines of every length.

use std::borrow::Cow;
use std::collections::HashMap;

/// Fewest lines of the wrapping length that make a text hard-wrapped.
const MIN_FULL_LINES: usize = 8;
/// At least one in this many of the filled lines is cut at the wrapping length.
const FULL_SHARE: usize = 3;
/// Shortest wrapping length considered (a narrower column is a list, not a wrap).
const MIN_WIDTH: usize = 40;

/// The text with the lines cut at the wrapping length joined to the line after them, when the
/// text is hard-wrapped; otherwise the text as it is.
pub(crate) fn rejoined(text: &str) -> Cow<'_, str> {
    let Some(width) = wrap_width(text) else {
        return text.into();
    };
    let lines: Vec<&str> = text
        .split_inclusive('\n')
        .map(|piece| piece.trim_end_matches(['\n', '\r']))
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(i + 1) else {
            break;
        };
        match wrap_after(line, next, width) {
            Some(Join::InWord) => {}
            Some(Join::AtSpace) => out.push(' '),
            None => out.push('\n'),
        }
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
    out.into()
}

/// How a line the tool cut goes on in the next.
enum Join {
    /// Cut at the wrapping length, inside a word, a label or a run of digits.
    InWord,
    /// Cut at the space before a word that did not fit (the tool dropped the space).
    AtSpace,
}

/// Whether the tool cut `line` (rather than the text ending it): at the wrapping length, or
/// early because the next line's first word would not have fit after it.
fn wrap_after(line: &str, next: &str, width: usize) -> Option<Join> {
    // A row of aligned fields is laid out, never cut: joining it would run its values into the
    // next line's.
    if !is_running_text(line) {
        return None;
    }
    let n = line.chars().count();
    let word = next.split(' ').next().unwrap_or("").chars().count();
    if n == width {
        // Only a word longer than a line is cut; two words that would fit on one line together
        // were two words, the space between them dropped at the cut.
        let last = line.rsplit(' ').next().unwrap_or("").chars().count();
        return Some(if last + word <= width {
            Join::AtSpace
        } else {
            Join::InWord
        });
    }
    // A word longer than a line is cut to fill this one, so the next line's first word must
    // end on that line.
    let ends = next.contains(' ') || next.chars().count() < width;
    (n > 0 && word > 0 && ends && n + 1 + word > width).then_some(Join::AtSpace)
}

/// The length at which the text was wrapped: the commonest length of its long lines, held by
/// [`MIN_FULL_LINES`] lines or more, with no line longer.
fn wrap_width(text: &str) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let (mut longest, mut filled) = (0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let n = line.chars().count();
        longest = longest.max(n);
        filled += 1;
        if n >= MIN_WIDTH && is_running_text(line) {
            *counts.entry(n).or_default() += 1;
        }
    }
    let (&width, &lines) = counts.iter().max_by_key(|&(&n, &c)| (c, n))?;
    let many = lines >= MIN_FULL_LINES && lines * FULL_SHARE >= filled;
    (many && width == longest).then_some(width)
}

/// A line of running text: no aligned fields (a run of two spaces, a tab), no table drawn
/// with rules. A tool that lays out a table pads its rows to one width; those are no wrap.
fn is_running_text(line: &str) -> bool {
    !line.contains("  ")
        && !line.contains(['\t', '|', '\u{3000}'])
        && !line.chars().any(crate::text::is_box_drawing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cut_at_the_width_go_on_in_the_next() {
        let body = "一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量"
            .repeat(12);
        let chars: Vec<char> = body.chars().collect();
        let wrapped: Vec<String> = chars.chunks(50).map(|c| c.iter().collect()).collect();
        let text = format!("标题：某报告\n{}\n短行。\n", wrapped.join("\n"));
        assert_eq!(rejoined(&text), format!("标题：某报告\n{body}\n短行。\n"));
    }

    #[test]
    fn a_line_ended_early_for_a_word_that_did_not_fit_goes_on_too() {
        let full = "字".repeat(50);
        let mut text = format!("{full}\n").repeat(8);
        // `…数量 713000074二、…` cut at the space: 48 + 1 + 11 > 50.
        text.push_str(&format!("{}数量\n713000074二、上年\n", "字".repeat(46)));
        // A paragraph's end: the next word would have fit.
        text.push_str("短行。\n下一段\n");
        let out = rejoined(&text);
        assert!(
            out.contains("数量 713000074二、上年\n短行。\n下一段\n"),
            "{out}"
        );
        assert_eq!(out.lines().count(), 3);
    }

    #[test]
    fn a_row_of_aligned_fields_is_never_joined() {
        let full = format!("{}\n", "字".repeat(50)).repeat(8);
        // 50 characters, as long as the cut lines, but laid out: no cut.
        let row = format!("规章{}1  0  11", " ".repeat(40));
        let text = format!("{full}{row}\n行政规范性文件  8  26  66\n");
        assert!(rejoined(&text).contains(&format!("{row}\n行政规范性文件")));
    }

    #[test]
    fn text_with_lines_of_every_length_is_left_as_it_is() {
        let mut text = String::new();
        for n in 40..60 {
            text.push_str(&"字".repeat(n));
            text.push('\n');
        }
        assert_eq!(rejoined(&text), text);
        // Lines of one length with a longer one among them (a table row laid out wider).
        let full = format!("{}\n", "字".repeat(45)).repeat(10);
        let text = format!("{full}{}\n", "1 ".repeat(40));
        assert_eq!(rejoined(&text), text);
    }
}
