//! The digits pass: every grid cell that holds no Chinese is cropped to its ink, the crops of a
//! page are stacked into one strip, and one Tesseract run with a digits whitelist reads them all
//! (one process per page, not per cell). The reading replaces the page pass's text when the two
//! agree or the digits pass is confident; otherwise the cell keeps both readings behind
//! [`super::DISAGREE_MARK`] so that the parser reports it `uncertain` with what was seen.

use super::roles::Role;
use super::strip::Strip;
use super::tesseract;
use super::{Scale, DISAGREE_MARK};
use crate::image::ops::{self, Ink};
use crate::image::Gray;
use xxgk_model::{Block, OcrReading, Page};

/// Confidence (0–100) above which the digits pass overrules a different page-pass reading.
const SURE: f32 = 88.0;
/// Confidence above which the digits pass is taken when the page pass saw nothing there (a
/// lone small digit is often dropped by the page pass).
const SURE_ALONE: f32 = 75.0;

/// Re-read the number cells ([`Role::Number`]) of every grid on the page; returns each
/// reading's cell box and confidence (the lowest of its words).
pub(crate) fn reread_numbers(
    page: &mut Page,
    roles: &[Vec<Vec<Role>>],
    clean: &Gray,
    ink: &Ink,
    scale: Scale,
) -> Result<Vec<OcrReading>, String> {
    let dpi = scale.dpi() as usize;
    let inset = (dpi / 24).max(3);
    let grow = (dpi / 50).max(2);
    let pad = (dpi / 20).max(6);
    let mut strip = Strip::new(pad);
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
                    // No ink in the cell: printed empty, whatever the page pass made of noise.
                    cell.text.clear();
                    continue;
                };
                let crop = ops::crop(
                    clean,
                    a.saturating_sub(2),
                    b0.saturating_sub(2),
                    c + 2,
                    d + 2,
                );
                strip.push(bi, ri, ci, crop);
            }
        }
    }
    let read = strip.read(tesseract::Run {
        psm: 6,
        lang: "eng",
        whitelist: Some("0123456789.-"),
        dpi: dpi as u32,
    })?;
    let mut readings = Vec::new();
    for (job, mine) in &read {
        let digits: String = mine.iter().map(|w| w.text.as_str()).collect();
        let conf = mine
            .iter()
            .map(|w| w.conf)
            .fold(100.0f32, f32::min)
            .max(0.0);
        let Some(Block::Grid(grid)) = page.blocks.get_mut(job.block) else {
            continue;
        };
        let Some(cell) = grid.rows.get_mut(job.row).and_then(|r| r.get_mut(job.col)) else {
            continue;
        };
        cell.text = if has_chinese(&cell.text) {
            decide_misread(&digits, conf)
        } else {
            decide(&cell.text, &digits, conf)
        };
        if let (Some(bbox), false) = (cell.bbox, mine.is_empty()) {
            readings.push(OcrReading {
                page: page.number,
                bbox,
                confidence: conf,
            });
        }
    }
    Ok(readings)
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

/// The text a cell keeps, from the page pass's `page_text` and the digits pass's reading.
fn decide(page_text: &str, digits: &str, conf: f32) -> String {
    let seen: String = page_text.chars().filter(|c| !c.is_whitespace()).collect();
    // What the page pass saw, without letters (which would make the cell read as a label).
    let shown: String = seen.chars().filter(|c| !c.is_alphabetic()).collect();
    if digits.is_empty() {
        return format!("{DISAGREE_MARK} {shown}").trim().to_string();
    }
    if seen == digits || conf >= SURE || (seen.is_empty() && conf >= SURE_ALONE) {
        return digits.to_string();
    }
    if shown.is_empty() {
        format!("{DISAGREE_MARK} {digits}")
    } else {
        format!("{DISAGREE_MARK} {digits} / {shown}")
    }
}

/// The text of a misread number cell ([`super::roles`]): the digits pass's reading when it
/// is sure, else the reading marked (or the bare mark): `uncertain`, never label text.
fn decide_misread(digits: &str, conf: f32) -> String {
    if !digits.is_empty() && conf >= SURE_ALONE {
        digits.to_string()
    } else {
        format!("{DISAGREE_MARK} {digits}").trim().to_string()
    }
}

pub(crate) fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreeing_or_sure_readings_are_kept() {
        assert_eq!(decide("3001", "3001", 50.0), "3001");
        assert_eq!(decide("300l", "3001", 95.0), "3001");
    }

    #[test]
    fn a_misread_number_is_a_number_or_uncertain() {
        assert_eq!(decide_misread("1", 90.0), "1");
        assert_eq!(decide_misread("1", 40.0), "? 1");
        assert_eq!(decide_misread("", 0.0), "?");
    }

    #[test]
    fn disagreeing_readings_are_marked() {
        assert_eq!(decide("3091", "3001", 60.0), "? 3001 / 3091");
        assert_eq!(decide("人7", "", 60.0), "? 7");
        for marked in [decide("3091", "3001", 60.0), decide("", "", 0.0)] {
            // Not a number (so `uncertain`), and not label text either.
            assert!(
                xxgk_model::text::classify_value(&marked).is_none(),
                "{marked}"
            );
            assert!(!marked.chars().any(char::is_alphabetic), "{marked}");
        }
    }
}
