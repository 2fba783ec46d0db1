//! The digits passes: every number cell of a grid is cropped to its ink, the crops of a page
//! are stacked into one strip, and Tesseract with a digits whitelist reads the strip twice (one
//! process per page and pass, not per cell): grey as scanned, and enlarged to a 32-pixel digit
//! and made bilevel. A reading the passes agree on (or the page pass agrees with, or one pass
//! is sure of where the other saw nothing) replaces the page pass's text; otherwise the cell
//! keeps every reading behind [`super::DISAGREE_MARK`] so that the parser reports it
//! `uncertain` with what was seen, and the sum rules may choose among them. A cell whose passes
//! agree without confirming (low confidence), or one pass read alone, gets one more independent
//! read and is confirmed only when it reads exactly the same text (`confirm_by_third`). Disputed cells get
//! more readings as candidates, never as decisions: a third read of their crops enlarged to
//! 48 px and stretched (`third_read`), and a read of each alone for those still without a
//! digit (`single_read`).

use super::roles::Role;
use super::strip::Strip;
use super::tesseract;
use super::{Scale, DISAGREE_MARK};
use crate::image::ops::{self, Ink};
use crate::image::Gray;
use xxgk_model::{Block, OcrReading, Page};

/// What the digits passes may read: digits, a decimal point and the signs a 本年增/减 cell
/// prints (`-1`, `+8`; without `+`, Tesseract reads `+8` as `48`).
const DIGITS: &str = "0123456789.-+";

/// Confidence (0–100) above which the digits pass overrules a different page-pass reading.
const SURE: f32 = 88.0;
/// Confidence above which the digits pass is taken when the page pass saw nothing there (a
/// lone small digit is often dropped by the page pass).
const SURE_ALONE: f32 = 75.0;

/// Confidence below which a digits reading is a guess, even when both passes make it.
const GUESS: f32 = 30.0;

/// Confidence each digits pass must reach for their agreement alone to confirm a number that
/// no sum rule covers (table 二). On the four corpus scans, 547 cells had both passes agree at
/// ≥ 50, all of them right; the one false agreement seen was at 16 and 44 (`7` for `447`).
/// When the page pass reads the same text too, agreement above [`GUESS`] confirms (390 cells
/// on the corpus scans, none wrong).
pub const CONFIRM: f32 = 50.0;

/// Re-read the number cells ([`Role::Number`]) of every grid on the page; returns each
/// reading's cell box and confidence (the lowest of its words).
pub(crate) fn reread_numbers(
    page: &mut Page,
    roles: &[Vec<Vec<Role>>],
    clean: &Gray,
    ink: &Ink,
    threshold: u8,
    scale: Scale,
) -> Result<Vec<OcrReading>, String> {
    let dpi = scale.dpi() as usize;
    let inset = (dpi / 24).max(3);
    let grow = (dpi / 50).max(2);
    let mut crops: Vec<(usize, usize, usize, Gray)> = Vec::new();
    for (bi, block) in page.blocks.iter_mut().enumerate() {
        let Block::Grid(grid) = block else { continue };
        for (ri, row) in grid.rows.iter_mut().enumerate() {
            for (ci, cell) in row.iter_mut().enumerate() {
                if role_of(roles, bi, ri, ci) != Role::Number {
                    continue;
                }
                let Some(b) = cell.bbox else { continue };
                let (x0, y0, x1, y1) = scale.to_pixels(&b);
                // The layout gives an empty cell its ruled box (read inside, clear of the
                // rulings) and a cell with text the text's box (read a little around it).
                let (x0, y0, x1, y1) = if cell.text.trim().is_empty() {
                    (
                        x0 + inset,
                        y0 + inset,
                        x1.saturating_sub(inset),
                        y1.saturating_sub(inset),
                    )
                } else {
                    (
                        x0.saturating_sub(grow),
                        y0.saturating_sub(grow),
                        x1 + grow,
                        y1 + grow,
                    )
                };
                let found = ops::ink_box(ink, x0, y0, x1, y1, (dpi / 40).pow(2).max(6));
                let Some((a, b0, c, d)) = found else {
                    // Too little ink to read: printed empty, whatever the page pass made of
                    // noise — unless the page pass read a digit there (a small `2` of a picture
                    // scaled down has less ink than a speck): then in doubt, never blank.
                    cell.text = if cell.text.chars().any(|c| c.is_ascii_digit()) {
                        Decided::marked(&[cell.text.trim()], 0.0).text
                    } else {
                        String::new()
                    };
                    continue;
                };
                let crop = ops::crop(
                    clean,
                    a.saturating_sub(2),
                    b0.saturating_sub(2),
                    c + 2,
                    d + 2,
                );
                crops.push((bi, ri, ci, crop));
            }
        }
    }
    let passes = [
        read_pass(&crops, dpi, Prep::Native)?,
        read_pass(&crops, dpi, Prep::Enlarged { threshold })?,
    ];
    let mut decisions: Vec<(bool, Decided)> = Vec::with_capacity(crops.len());
    for (i, (bi, ri, ci, _)) in crops.iter().enumerate() {
        let (a, b) = (&passes[0][i], &passes[1][i]);
        let text = cell_text(page, *bi, *ri, *ci);
        let agreed = confirmed(text, a, b);
        let decided = if has_chinese(text) {
            decide_misread(a, b)
        } else {
            decide(text, a, b)
        };
        decisions.push((agreed, decided));
    }
    confirm_by_third(&crops, &passes, &mut decisions, dpi)?;
    third_read(&crops, &mut decisions, dpi)?;
    single_read(&crops, &mut decisions, dpi, threshold)?;
    let mut readings = Vec::new();
    for (i, ((bi, ri, ci, crop), (agreed, mut decided))) in crops.iter().zip(decisions).enumerate()
    {
        let (a, b) = (&passes[0][i], &passes[1][i]);
        decided.doubt_unread_minus(crop, threshold);
        let Some(Block::Grid(grid)) = page.blocks.get_mut(*bi) else {
            continue;
        };
        let Some(cell) = grid.rows.get_mut(*ri).and_then(|r| r.get_mut(*ci)) else {
            continue;
        };
        cell.text = decided.text;
        if let (Some(bbox), false) = (cell.bbox, a.text.is_empty() && b.text.is_empty()) {
            readings.push(OcrReading {
                page: page.number,
                bbox,
                confidence: decided.confidence,
                agreed: agreed
                    && !cell.text.is_empty()
                    && (cell.text == a.text || cell.text == b.text),
            });
        }
    }
    Ok(readings)
}

/// The text the page pass gave grid cell (`block`, `row`, `col`).
fn cell_text(page: &Page, block: usize, row: usize, col: usize) -> &str {
    match page.blocks.get(block) {
        Some(Block::Grid(grid)) => grid
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |c| c.text.as_str()),
        _ => "",
    }
}

/// The third read, of the disputed cells only (those whose decision is marked: readings that
/// disagree, or none): their crops enlarged further and stretched to full contrast
/// ([`Prep::Stretched`]), all in one more Tesseract run. What it reads is added to the cell's
/// marked readings, as one more candidate for the sum rules to choose from
/// (`xxgk_parser::verify::resolve_by_sums`); it never decides a cell by itself.
fn third_read(
    crops: &[(usize, usize, usize, Gray)],
    decisions: &mut [(bool, Decided)],
    dpi: usize,
) -> Result<(), String> {
    let disputed: Vec<usize> = decisions
        .iter()
        .enumerate()
        .filter(|(_, (_, d))| d.text.starts_with(DISAGREE_MARK))
        .map(|(i, _)| i)
        .collect();
    if disputed.is_empty() {
        return Ok(());
    }
    let sub: Vec<(usize, usize, usize, Gray)> =
        disputed.iter().map(|&i| crops[i].clone()).collect();
    let third = read_pass(&sub, dpi, Prep::Stretched)?;
    for (&i, c) in disputed.iter().zip(&third) {
        if let Some((_, d)) = decisions.get_mut(i) {
            d.add_candidate(&c.text);
        }
    }
    Ok(())
}

/// Confirmation by a third independent read: the cells whose two digits passes agree (above
/// the guess floor) without confirming ([`confirmed`]: a confidence under [`CONFIRM`] and a page
/// pass that read something else) are read once more, their crops enlarged to
/// [`THIRD_HEIGHT`] and stretched ([`Prep::Stretched`]: another size, no threshold, in a strip
/// of its own), in one more Tesseract run. A cell is confirmed when that read's text equals the
/// agreed text exactly ([`third_confirms`]); the decision itself is unchanged.
fn confirm_by_third(
    crops: &[(usize, usize, usize, Gray)],
    passes: &[Vec<Read>; 2],
    decisions: &mut [(bool, Decided)],
    dpi: usize,
) -> Result<(), String> {
    let waiting: Vec<usize> = decisions
        .iter()
        .enumerate()
        .filter(|(i, (agreed, d))| {
            !agreed
                && matches!((passes[0].get(*i), passes[1].get(*i)),
                    (Some(a), Some(b)) if awaits_third(a, b, d))
        })
        .map(|(i, _)| i)
        .collect();
    if waiting.is_empty() {
        return Ok(());
    }
    let sub: Vec<(usize, usize, usize, Gray)> = waiting.iter().map(|&i| crops[i].clone()).collect();
    let third = read_pass(&sub, dpi, Prep::Stretched)?;
    for (&i, c) in waiting.iter().zip(&third) {
        let (Some(a), Some(b)) = (passes[0].get(i), passes[1].get(i)) else {
            continue;
        };
        let confirmed_text = third_confirms(a, b, c);
        if let (Some((agreed, d)), Some(text)) = (decisions.get_mut(i), confirmed_text) {
            *agreed = true;
            if d.text != text {
                *d = Decided {
                    text,
                    confidence: a.conf.min(b.conf),
                };
            }
        }
    }
    Ok(())
}

/// Whether a third read `c` confirms the agreement of the two digits passes `a` and `b`: three
/// independent reads of exactly the same text.
fn third_confirms(a: &Read, b: &Read, c: &Read) -> Option<String> {
    if same_text(a, b) && c.text == a.text {
        return Some(a.text.clone());
    }
    let sure = lone(a, b)?;
    (c.text == sure.text && c.conf >= CONFIRM).then(|| sure.text.clone())
}

/// The one digits pass that read something, at [`CONFIRM`] or more, where the other read
/// nothing.
fn lone<'a>(a: &'a Read, b: &'a Read) -> Option<&'a Read> {
    match (a.text.is_empty(), b.text.is_empty()) {
        (false, true) if a.conf >= CONFIRM => Some(a),
        (true, false) if b.conf >= CONFIRM => Some(b),
        _ => None,
    }
}

/// Whether an unconfirmed cell gets the confirming third read: its digits passes read the same
/// text (at any confidence), or one of them read alone and sure, and the decision is that text
/// or the readings marked.
fn awaits_third(a: &Read, b: &Read, d: &Decided) -> bool {
    let kept = |t: &str| d.text == t || d.text.starts_with(DISAGREE_MARK);
    if same_text(a, b) {
        return kept(&a.text);
    }
    lone(a, b).is_some_and(|r| kept(&r.text))
}

/// Whether the two digits passes read the same text (not nothing), whatever their confidence.
fn same_text(a: &Read, b: &Read) -> bool {
    !a.text.is_empty() && a.text == b.text
}

/// Height in pixels a crop's ink is brought to for [`single_read`]: a lone `1` of the seal scan
/// read at 24 pixels (psm 7) at confidence 63–91, and not at all at 32 or 48.
const SINGLE_HEIGHT: f64 = 24.0;

/// The last read, of the disputed cells that still have no digit among their readings (a lone
/// `1`, two pixels wide, which every strip pass drops): each crop alone, without the specks
/// beside its glyph ([`ops::drop_specks`]), enlarged to [`SINGLE_HEIGHT`] and stretched, read
/// as one text line (psm 7), one Tesseract run per such cell (a handful per page). Like the
/// third read it only adds a candidate for the sum rules.
fn single_read(
    crops: &[(usize, usize, usize, Gray)],
    decisions: &mut [(bool, Decided)],
    dpi: usize,
    threshold: u8,
) -> Result<(), String> {
    for ((_, _, _, crop), (_, d)) in crops.iter().zip(decisions.iter_mut()) {
        if !d.text.starts_with(DISAGREE_MARK) || d.text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let factor = enlargement(crop, SINGLE_HEIGHT);
        let clean = ops::stretch(&ops::upscale(&ops::drop_specks(crop, threshold), factor));
        let pad = (dpi / 20).max(20);
        let Some(mut framed) =
            Gray::white(clean.width + 2 * pad as u32, clean.height + 2 * pad as u32)
        else {
            continue;
        };
        ops::paste(&mut framed, &clean, pad, pad);
        let words = tesseract::words(
            &framed,
            tesseract::Run {
                psm: 7,
                lang: "eng",
                whitelist: Some(DIGITS),
                dpi: (dpi as f64 * factor).round() as u32,
            },
        )?;
        let text: String = words.iter().map(|w| w.text.as_str()).collect();
        d.add_candidate(&text);
    }
    Ok(())
}

/// How the crops of one digits pass are prepared.
#[derive(Debug, Clone, Copy)]
enum Prep {
    /// Grey, as scanned.
    Native,
    /// Enlarged to [`DIGIT_HEIGHT`] (never shrunk), then cut at the page's threshold: another
    /// rendering of the same ink, at the size Tesseract reads best.
    Enlarged { threshold: u8 },
    /// The third read: enlarged to [`THIRD_HEIGHT`] and stretched to full contrast, grey (no
    /// threshold cuts a faint thin stroke).
    Stretched,
}

/// Height in pixels the enlarged pass brings a crop's ink to (one line of digits).
const DIGIT_HEIGHT: f64 = 32.0;

/// Height in pixels the third read brings a crop's ink to. Measured on the disputed cells of
/// the corpus scans (strip, psm 6): at 48 the 150 dpi seal scan's `53`, `447`, `0` and the
/// lone `1` of its table 三 came out right where both other passes had failed; 40 and 64 read
/// fewer.
const THIRD_HEIGHT: f64 = 48.0;

/// One digits pass's reading of one crop: its text and lowest word confidence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    text: String,
    conf: f32,
}

/// Read every crop once, prepared by `prep`, in one Tesseract run; one reading per crop.
fn read_pass(
    crops: &[(usize, usize, usize, Gray)],
    dpi: usize,
    prep: Prep,
) -> Result<Vec<Read>, String> {
    // The third read's crops are the largest: more white between them keeps lines apart.
    let pad = match prep {
        Prep::Stretched => (dpi / 20).max(20),
        _ => (dpi / 20).max(6),
    };
    let mut strip = Strip::new(pad);
    let mut factors = Vec::with_capacity(crops.len());
    for (i, (_, _, _, crop)) in crops.iter().enumerate() {
        let prepared = match prep {
            Prep::Native => crop.clone(),
            Prep::Enlarged { threshold } => {
                let factor = enlargement(crop, DIGIT_HEIGHT);
                factors.push(factor);
                ops::binarize(&ops::upscale(crop, factor), threshold)
            }
            Prep::Stretched => {
                let factor = enlargement(crop, THIRD_HEIGHT);
                factors.push(factor);
                ops::stretch(&ops::upscale(crop, factor))
            }
        };
        strip.push(i, 0, 0, prepared);
    }
    let mut sorted = factors;
    sorted.sort_by(f64::total_cmp);
    let factor = sorted.get(sorted.len() / 2).copied().unwrap_or(1.0);
    let read = strip.read(tesseract::Run {
        psm: 6,
        lang: "eng",
        whitelist: Some(DIGITS),
        dpi: (dpi as f64 * factor).round() as u32,
    })?;
    let mut out = vec![Read::default(); crops.len()];
    for (job, mine) in read {
        let Some(slot) = out.get_mut(job.block) else {
            continue;
        };
        slot.text = mine.iter().map(|w| w.text.as_str()).collect();
        slot.conf = mine
            .iter()
            .map(|w| w.conf)
            .fold(100.0f32, f32::min)
            .max(0.0);
        if mine.is_empty() {
            slot.conf = 0.0;
        }
    }
    Ok(out)
}

/// How much to enlarge a crop so that its ink is `height` pixels high (never shrunk, at most
/// 4 times). The crop is the ink's box and 2 pixels around it.
fn enlargement(crop: &Gray, height: f64) -> f64 {
    let ink_height = (crop.height as f64 - 4.0).max(1.0);
    (height / ink_height).clamp(1.0, 4.0)
}

/// The role of cell (`block`, `row`, `col`); cells of blocks that are no grid are skipped.
pub(crate) fn role_of(roles: &[Vec<Vec<Role>>], block: usize, row: usize, col: usize) -> Role {
    roles
        .get(block)
        .and_then(|g| g.get(row))
        .and_then(|r| r.get(col))
        .copied()
        .unwrap_or(Role::Skip)
}

/// What a cell keeps from its readings: its text and the confidence reported for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decided {
    text: String,
    confidence: f32,
}

impl Decided {
    fn of(r: &Read) -> Decided {
        Decided {
            text: r.text.clone(),
            confidence: r.conf,
        }
    }

    /// One more reading of a marked cell, behind the others (when new and not empty).
    fn add_candidate(&mut self, reading: &str) {
        let known = self
            .text
            .trim_start_matches(DISAGREE_MARK)
            .split(" / ")
            .any(|p| p.trim() == reading);
        if reading.is_empty() || known {
            return;
        }
        if self.text == DISAGREE_MARK {
            self.text = format!("{DISAGREE_MARK} {reading}");
        } else {
            self.text = format!("{} / {reading}", self.text);
        }
    }

    /// A number read without a sign from a crop that begins with a minus bar
    /// ([`leading_bar`]): the digits passes drop a short bar as a speck, so `-2` reads as `2`.
    /// Then both readings are kept, marked: `uncertain`, never the number without its sign.
    fn doubt_unread_minus(&mut self, crop: &Gray, threshold: u8) {
        let unsigned = !self.text.is_empty()
            && self.text.chars().all(|c| c.is_ascii_digit() || c == '.')
            && self.text.chars().any(|c| c.is_ascii_digit());
        if unsigned && leading_bar(crop, threshold) {
            let negative = format!("-{}", self.text);
            *self = Decided::marked(&[&self.text, &negative], self.confidence);
        }
    }

    /// The cell's readings behind [`DISAGREE_MARK`]: `uncertain`, never label text.
    fn marked(parts: &[&str], confidence: f32) -> Decided {
        let mut seen: Vec<&str> = Vec::new();
        for p in parts.iter().filter(|p| !p.is_empty()) {
            if !seen.contains(p) {
                seen.push(p);
            }
        }
        Decided {
            text: format!("{DISAGREE_MARK} {}", seen.join(" / "))
                .trim()
                .to_string(),
            confidence,
        }
    }
}

/// The text a cell keeps, from the page pass's `page_text` and the two digits passes `a`
/// (grey) and `b` (bilevel, larger): the digits passes agreeing, or two of the three readings
/// agreeing, or one digits pass sure where the other saw nothing; otherwise every reading,
/// marked.
fn decide(page_text: &str, a: &Read, b: &Read) -> Decided {
    let seen: String = page_text.chars().filter(|c| !c.is_whitespace()).collect();
    // What the page pass saw, without letters (which would make the cell read as a label).
    let shown: String = seen.chars().filter(|c| !c.is_alphabetic()).collect();
    if agree(a, b) {
        return Decided {
            text: a.text.clone(),
            confidence: a.conf.min(b.conf),
        };
    }
    for r in [a, b] {
        if !r.text.is_empty() && r.text == seen {
            return Decided::of(r);
        }
    }
    for (r, other) in [(a, b), (b, a)] {
        let alone = if seen.is_empty() { SURE_ALONE } else { SURE };
        if !r.text.is_empty() && other.text.is_empty() && r.conf >= alone {
            return Decided::of(r);
        }
    }
    Decided::marked(&[&a.text, &b.text, &shown], a.conf.min(b.conf))
}

/// Whether the two digits passes read the same text, neither of them guessing (Tesseract
/// gives a guess a confidence near 0: `-` for `-1`, at 0, twice).
fn agree(a: &Read, b: &Read) -> bool {
    !a.text.is_empty() && a.text == b.text && a.conf.min(b.conf) >= GUESS
}

/// Whether the readings agree with confidence enough to confirm a number no sum rule covers:
/// both digits passes at [`CONFIRM`] or more, or all three readings (the page pass's `chi_sim`
/// too: another model, another input) above a guess.
fn confirmed(page_text: &str, a: &Read, b: &Read) -> bool {
    let seen: String = page_text.chars().filter(|c| !c.is_whitespace()).collect();
    agree(a, b) && (a.conf.min(b.conf) >= CONFIRM || seen == a.text)
}

/// The text of a misread number cell ([`super::roles`]): the digits passes' reading when they
/// agree, or one sure where the other saw nothing; else the readings marked (or the bare
/// mark): `uncertain`, never label text.
fn decide_misread(a: &Read, b: &Read) -> Decided {
    if agree(a, b) {
        return Decided {
            text: a.text.clone(),
            confidence: a.conf.min(b.conf),
        };
    }
    for (r, other) in [(a, b), (b, a)] {
        if !r.text.is_empty() && other.text.is_empty() && r.conf >= SURE_ALONE {
            return Decided::of(r);
        }
    }
    Decided::marked(&[&a.text, &b.text], a.conf.min(b.conf))
}

/// Whether a crop's ink begins with a flat bar at mid-height, with ink right of it: a minus
/// sign before the digits. The bar is the first run of inked pixel columns: at least twice as
/// wide as high, at most a third of the ink's height high and a fifth of it wide or more, its
/// middle in the middle half of the ink's height (a ruling's remnant lies at the top or bottom).
fn leading_bar(crop: &Gray, threshold: u8) -> bool {
    let (w, h) = (crop.width as usize, crop.height as usize);
    let dark = |x: usize, y: usize| crop.data.get(y * w + x).is_some_and(|&v| v < threshold);
    let inked: Vec<bool> = (0..w).map(|x| (0..h).any(|y| dark(x, y))).collect();
    let Some(start) = inked.iter().position(|&i| i) else {
        return false;
    };
    let end = inked[start..]
        .iter()
        .position(|&i| !i)
        .map_or(w, |n| start + n);
    if !inked[end..].iter().any(|&i| i) {
        return false;
    }
    let rows_of = |x0: usize, x1: usize| -> Option<(usize, usize)> {
        let mut rows = (0..h).filter(|&y| (x0..x1).any(|x| dark(x, y)));
        let top = rows.next()?;
        Some((top, rows.next_back().unwrap_or(top)))
    };
    let (Some((top, bottom)), Some((ink_top, ink_bottom))) = (rows_of(start, end), rows_of(0, w))
    else {
        return false;
    };
    let (bar_w, bar_h, ink_h) = (end - start, bottom - top + 1, ink_bottom - ink_top + 1);
    let middle = (top + bottom) / 2 - ink_top;
    bar_w >= 2 * bar_h
        && bar_h * 3 <= ink_h
        && bar_w * 5 >= ink_h
        && middle * 4 >= ink_h
        && middle * 4 <= ink_h * 3
}

pub(crate) fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 40 × 24 crop: a digit's box (x 16–25, y 2–21) and a bar of 8 × 3 pixels at `bar_y`.
    fn crop_with_bar(bar_y: Option<usize>) -> Gray {
        let mut img = Gray::white(40, 24).unwrap();
        let mut paint = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    img.data[y * 40 + x] = 0;
                }
            }
        };
        paint(16, 2, 26, 22);
        if let Some(y) = bar_y {
            paint(4, y, 12, y + 3);
        }
        img
    }

    #[test]
    fn a_minus_bar_before_the_digits_puts_an_unsigned_reading_in_doubt() {
        assert!(leading_bar(&crop_with_bar(Some(11)), 128));
        assert!(!leading_bar(&crop_with_bar(None), 128));
        // A bar along the top or bottom is a ruling's remnant, not a minus.
        assert!(!leading_bar(&crop_with_bar(Some(2)), 128));
        assert!(!leading_bar(&crop_with_bar(Some(19)), 128));
        let mut d = Decided::of(&r("2", 90.0));
        d.doubt_unread_minus(&crop_with_bar(Some(11)), 128);
        assert_eq!(d.text, "? 2 / -2");
        let mut signed = Decided::of(&r("-2", 90.0));
        signed.doubt_unread_minus(&crop_with_bar(Some(11)), 128);
        assert_eq!(signed.text, "-2");
    }

    fn r(text: &str, conf: f32) -> Read {
        Read {
            text: text.into(),
            conf,
        }
    }

    #[test]
    fn agreeing_or_sure_readings_are_kept() {
        assert_eq!(decide("", &r("3001", 60.0), &r("3001", 70.0)).text, "3001");
        assert_eq!(
            decide("3001", &r("3001", 50.0), &r("3091", 50.0)).text,
            "3001"
        );
        assert_eq!(decide("300l", &r("", 0.0), &r("3001", 95.0)).text, "3001");
    }

    #[test]
    fn agreement_confirms_above_a_floor() {
        assert!(confirmed("", &r("66", 97.0), &r("66", 90.0)));
        assert!(!confirmed("", &r("1", 71.0), &r("1", 49.0)));
        assert!(confirmed("1", &r("1", 71.0), &r("1", 49.0)));
        assert!(!confirmed("7", &r("7", 16.0), &r("7", 44.0)));
        assert!(!confirmed("", &r("66", 97.0), &r("60", 97.0)));
    }

    #[test]
    fn a_third_read_confirms_only_the_same_text() {
        // Both passes read `-1` at a low confidence: a third read of `-1` confirms it.
        assert_eq!(
            third_confirms(&r("-1", 25.0), &r("-1", 19.0), &r("-1", 0.0)).as_deref(),
            Some("-1")
        );
        // The false agreement of the seal scan (`7` for `447`): the third read saw `447`.
        assert_eq!(
            third_confirms(&r("7", 16.0), &r("7", 44.0), &r("447", 86.0)),
            None
        );
        assert_eq!(
            third_confirms(&r("1", 0.0), &r("1", 0.0), &r("11", 74.0)),
            None
        );
        // One pass sure where the other saw nothing: the third read must read it, sure too.
        assert_eq!(
            third_confirms(&r("", 0.0), &r("15", 96.0), &r("15", 96.0)).as_deref(),
            Some("15")
        );
        assert_eq!(
            third_confirms(&r("", 0.0), &r("1", 96.0), &r("1", 38.0)),
            None
        );
        assert_eq!(
            third_confirms(&r("", 0.0), &r("1", 40.0), &r("1", 96.0)),
            None
        );
        assert_eq!(
            third_confirms(&r("4", 90.0), &r("", 0.0), &r("", 0.0)),
            None
        );
        assert_eq!(third_confirms(&r("", 0.0), &r("", 0.0), &r("", 0.0)), None);
        // Only cells the passes agree on (or one read alone) wait for it.
        let marked = decide("", &r("-1", 25.0), &r("-1", 19.0));
        assert!(awaits_third(&r("-1", 25.0), &r("-1", 19.0), &marked));
        let split = decide("", &r("33", 70.0), &r("3", 0.0));
        assert!(!awaits_third(&r("33", 70.0), &r("3", 0.0), &split));
    }

    #[test]
    fn a_misread_number_is_a_number_or_uncertain() {
        assert_eq!(decide_misread(&r("1", 90.0), &r("", 0.0)).text, "1");
        assert_eq!(decide_misread(&r("1", 40.0), &r("", 0.0)).text, "? 1");
        assert_eq!(decide_misread(&r("", 0.0), &r("", 0.0)).text, "?");
    }

    #[test]
    fn a_third_reading_is_one_more_candidate() {
        let mut d = decide("", &r("33", 70.0), &r("3", 0.0));
        d.add_candidate("53");
        assert_eq!(d.text, "? 33 / 3 / 53");
        d.add_candidate("3");
        d.add_candidate("");
        assert_eq!(d.text, "? 33 / 3 / 53");
        let mut none = decide("", &r("", 0.0), &r("", 0.0));
        none.add_candidate("1");
        assert_eq!(none.text, "? 1");
    }

    #[test]
    fn disagreeing_readings_are_marked() {
        let d = decide("3091", &r("3001", 60.0), &r("3007", 60.0)).text;
        assert_eq!(d, "? 3001 / 3007 / 3091");
        assert_eq!(decide("人7", &r("", 0.0), &r("", 0.0)).text, "? 7");
        for marked in [d, decide("", &r("", 0.0), &r("", 0.0)).text] {
            // Not a number (so `uncertain`), and not label text either.
            assert!(
                xxgk_model::text::classify_value(&marked).is_none(),
                "{marked}"
            );
            assert!(!marked.chars().any(char::is_alphabetic), "{marked}");
        }
    }
}
