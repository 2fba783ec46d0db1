//! The labels pass: every grid cell with Chinese text is cropped around its text and the crops
//! of a page are stacked into one strip read by one `chi_sim` run (psm 6). Read alone, clear of
//! the neighbouring columns, a label comes out better than in the page pass, where one text
//! line runs across several cells with different baselines.

use super::roles::Role;
use super::strip::Strip;
use super::tesseract::{self, Word};
use super::Scale;
use crate::image::{ops, Gray};
use xxgk_model::{Block, Page};

/// Re-read the label cells ([`Role::Label`]) of every grid on the page; a reading replaces the page pass's text
/// when it holds at least as many characters.
pub(crate) fn reread_labels(
    page: &mut Page,
    roles: &[Vec<Vec<Role>>],
    clean: &Gray,
    scale: Scale,
) -> Result<(), String> {
    let dpi = scale.dpi() as usize;
    let grow = (dpi / 40).max(3);
    let pad = (dpi / 8).max(12);
    let mut strip = Strip::new(pad);
    for (bi, block) in page.blocks.iter().enumerate() {
        let Block::Grid(grid) = block else { continue };
        for (ri, row) in grid.rows.iter().enumerate() {
            for (ci, cell) in row.iter().enumerate() {
                if super::cells::role_of(roles, bi, ri, ci) != Role::Label {
                    continue;
                }
                let Some(b) = cell.bbox else { continue };
                let (x0, y0, x1, y1) = scale.to_pixels(&b);
                let crop = ops::crop(
                    clean,
                    x0.saturating_sub(grow),
                    y0.saturating_sub(grow),
                    x1 + grow,
                    y1 + grow,
                );
                if crop.width == 0 || crop.height == 0 {
                    continue;
                }
                strip.push(bi, ri, ci, crop);
            }
        }
    }
    let read = strip.read(tesseract::Run {
        psm: 6,
        lang: "chi_sim",
        whitelist: None,
        dpi: dpi as u32,
    })?;
    for (job, mine) in &read {
        let text = join_lines(mine);
        let Some(Block::Grid(grid)) = page.blocks.get_mut(job.block) else {
            continue;
        };
        let Some(cell) = grid.rows.get_mut(job.row).and_then(|r| r.get_mut(job.col)) else {
            continue;
        };
        if better_label(&text, &cell.text) {
            cell.text = text;
        }
        cell.text = fix_numbering(&cell.text);
    }
    Ok(())
}

/// A row number's full stop misread as a colon or comma (`3:其他`, `3，其他`) made a full stop
/// again, so that the parser's label match sees `3.其他`; only right after a leading number.
fn fix_numbering(label: &str) -> String {
    let t = label.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return label.to_string();
    }
    let rest = &t[digits..];
    match rest.chars().next() {
        Some(c @ (':' | '：' | ';' | '；' | ',' | '，')) => {
            format!("{}.{}", &t[..digits], &rest[c.len_utf8()..])
        }
        _ => label.to_string(),
    }
}

/// Whether the labels pass's `new` reading replaces the page pass's `old` one: it has Chinese,
/// at least as many characters, and at least as many characters of the templates' own labels
/// (`予以公开` is kept over `子以公开`: 子 is in no label of keys.tsv or labels.tsv).
fn better_label(new: &str, old: &str) -> bool {
    let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let known = |s: &str| s.chars().filter(|c| vocabulary().contains(c)).count();
    super::cells::has_chinese(new) && count(new) >= count(old) && known(new) >= known(old)
}

/// The Chinese characters of the templates' labels.
fn vocabulary() -> &'static std::collections::HashSet<char> {
    static CHARS: std::sync::OnceLock<std::collections::HashSet<char>> = std::sync::OnceLock::new();
    CHARS.get_or_init(|| {
        xxgk_model::schema::KEYS_TSV
            .chars()
            .chain(xxgk_model::schema::LABELS_TSV.chars())
            .filter(|c| super::cells::has_chinese(&c.to_string()))
            .collect()
    })
}

/// Words of one crop: a line's words joined without spaces (Chinese), lines by a newline.
fn join_lines(words: &[Word]) -> String {
    let mut lines: Vec<(tesseract::Word, String)> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some((first, text)) if first.line_key == w.line_key => text.push_str(&w.text),
            _ => lines.push((w.clone(), w.text.clone())),
        }
    }
    lines
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_closer_to_the_templates_labels_is_kept() {
        assert!(!better_label("(一)子以公开", "(一)予以公开"));
        assert!(better_label("(一)予以公开", "(一)子以"));
        assert!(!better_label("3.", "3.其他"));
    }

    #[test]
    fn a_misread_numbering_stop_is_a_full_stop() {
        assert_eq!(fix_numbering("3:其他"), "3.其他");
        assert_eq!(fix_numbering("2，重复申请"), "2.重复申请");
        assert_eq!(fix_numbering("(七)总计"), "(七)总计");
        assert_eq!(fix_numbering("1.信访"), "1.信访");
    }
}
