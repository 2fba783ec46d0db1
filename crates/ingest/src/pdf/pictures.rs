//! Pictures on pages with text, read by OCR when the document's text holds no table.
//!
//! A report typed in Word or a CMS with its tables pasted in as pictures (a screenshot, a scan
//! of the printed table), then printed to PDF: the pages have the title and the prose as
//! text, the numbers only as pixels, and the pictures share their pages with text, so the
//! pages are no scans ([`super::scanned`]). The policy is that of pictures inside DOCX and
//! web pages ([`crate::pictures`]): only when no table of numbers is in the text, each picture
//! painted large enough to hold a table is OCR'd in its place on the page ([`crate::ocr`]),
//! its lines put among the page's own lines where the picture stands, and the document
//! carries [`crate::ocr::OCR_NOTE`] so the batch applies the OCR verification rules.

use super::images::{decode, Placement};
use crate::ocr::{read_page, tesseract, Frame, OCR_NOTE};
use xxgk_model::{Block, Document};

/// A picture narrower than this share of the page's width is no table (a logo, a seal, a QR
/// code).
const MIN_WIDTH_SHARE: f64 = 0.4;
/// …or lower than this share of its height.
const MIN_HEIGHT_SHARE: f64 = 0.08;
/// Fewest lines of three numbers or more that make the text's own table (a table without
/// rulings, read as lines).
const TABLE_LINES: usize = 5;

/// OCR the pictures of `doc`'s text pages (`placed[i]`: those painted on page `i + 1`; pages
/// where `scan[i]` were read as scans already) when its text has no table.
pub fn read(bytes: &[u8], doc: &mut Document, placed: &[Vec<Placement>], scan: &[bool]) {
    if crate::pictures::has_table_text(doc) || lines_of_numbers(doc) >= TABLE_LINES {
        return;
    }
    let wanted: Vec<(usize, Placement)> = placed
        .iter()
        .enumerate()
        .filter(|(i, _)| !scan.get(*i).copied().unwrap_or(false))
        .flat_map(|(i, list)| list.iter().map(move |p| (i, *p)))
        .filter(|(i, p)| doc.pages.get(*i).is_some_and(|page| table_sized(p, page)))
        .take(crate::pictures::MAX_PICTURES)
        .collect();
    if wanted.is_empty() {
        return;
    }
    if let Err(why) = tesseract::check() {
        doc.notes.push(format!(
            "{} pictures on text pages not read: {why}",
            wanted.len()
        ));
        return;
    }
    let Ok(pdf) = super::load::load(bytes) else {
        return;
    };
    let mut read = 0;
    for (i, placement) in wanted {
        if xxgk_model::budget::expired_now() {
            doc.notes
                .push("the time budget ran out while reading pictures by OCR".to_string());
            break;
        }
        let Some(page) = doc.pages.get(i) else {
            continue;
        };
        let img = match decode(&pdf, &placement) {
            Ok(img) if img.width as usize >= 200 && img.height as usize >= 100 => img,
            _ => continue,
        };
        let frame = Frame {
            number: page.number,
            width: page.width,
            height: page.height,
            bbox: printed_size(&placement, &img),
        };
        match read_page(&img, &frame) {
            Ok((ocr, readings)) => {
                let page = &mut doc.pages[i];
                let at = place_of(&page.blocks, placement.bbox.center_y());
                page.blocks.splice(at..at, ocr.blocks);
                doc.ocr_readings.extend(readings);
                if !doc.ocr_pages.contains(&frame.number) {
                    doc.ocr_pages.push(frame.number);
                }
                read += 1;
            }
            Err(why) => doc.notes.push(format!(
                "page {}: a picture not read by OCR: {why}",
                frame.number
            )),
        }
    }
    if read > 0 && !doc.notes.iter().any(|n| n == OCR_NOTE) {
        doc.notes.push(OCR_NOTE.to_string());
    }
}

/// Sheets of paper (width, height in points) a picture of a printed page has the shape of.
const PAPERS: [(f64, f64); 2] = [(595.28, 841.89), (612.0, 792.0)];
/// How far a picture's proportions may be from a paper's to be a picture of that paper.
const PAPER_SHAPE: f64 = 0.015;

/// The box OCR reads the picture in. A picture with the proportions of a sheet of A4 or
/// Letter paper (upright or turned) is a scan or photo of a printed page, shrunk onto this
/// one: its print is read at the paper's size, so that the density OCR is given is the scan's
/// (a 200 dpi scan of A4 is 1,654 pixels wide), from the picture's top-left corner. Any other
/// picture (a screenshot of a table) is read where it is painted.
fn printed_size(p: &Placement, img: &crate::image::Gray) -> xxgk_model::BBox {
    let aspect = f64::from(img.height) / f64::from(img.width.max(1));
    let paper = PAPERS
        .iter()
        .flat_map(|&(w, h)| [(w, h), (h, w)])
        .find(|(w, h)| {
            let shape = h / w;
            (aspect - shape).abs() <= shape * PAPER_SHAPE
        });
    match paper {
        Some((w, h)) => xxgk_model::BBox::new(p.bbox.x0, p.bbox.y0, p.bbox.x0 + w, p.bbox.y0 + h),
        None => p.bbox,
    }
}

/// Whether a picture is painted large enough on its page to hold a table.
fn table_sized(p: &Placement, page: &xxgk_model::Page) -> bool {
    p.bbox.width() >= page.width * MIN_WIDTH_SHARE
        && p.bbox.height() >= page.height * MIN_HEIGHT_SHARE
}

/// Lines of the text holding three numbers or more side by side (a table's row set as text:
/// `规章 1 0 11`; prose spaces its numbers between words: `2024 年 1 月 1 日`).
fn lines_of_numbers(doc: &Document) -> usize {
    let row_of_numbers = |text: &str| {
        let mut run = 0;
        text.split_whitespace().any(|w| {
            run = if crate::layout::is_number_word(w) {
                run + 1
            } else {
                0
            };
            run >= 3
        })
    };
    doc.pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter(|b| match b {
            Block::Line(l) => row_of_numbers(&l.text),
            Block::Grid(_) => false,
        })
        .count()
}

/// Where lines at height `y` go among a page's blocks (reading order, top to bottom): before
/// the first block that starts below it.
fn place_of(blocks: &[Block], y: f64) -> usize {
    blocks
        .iter()
        .position(|b| {
            let top = match b {
                Block::Line(l) => l.bbox.map(|b| b.y0),
                Block::Grid(g) => g.bbox.map(|b| b.y0),
            };
            top.is_some_and(|t| t > y)
        })
        .unwrap_or(blocks.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::{BBox, Line, Page};

    fn line(text: &str, y: f64) -> Block {
        Block::Line(Line {
            bbox: Some(BBox::new(60.0, y, 500.0, y + 10.0)),
            ..Line::plain(text)
        })
    }

    #[test]
    fn a_row_of_numbers_is_told_from_prose_and_pictures_go_where_they_stand() {
        let page = |blocks: Vec<Block>| Document {
            pages: vec![Page {
                blocks,
                ..Page::default()
            }],
            ..Document::new(xxgk_model::Format::Pdf)
        };
        let prose = line(
            "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日",
            100.0,
        );
        let row = line("规章 1 0 11", 120.0);
        assert_eq!(lines_of_numbers(&page(vec![prose.clone()])), 0);
        assert_eq!(lines_of_numbers(&page(vec![prose.clone(), row.clone()])), 1);
        let blocks = vec![line("（续）", 60.0), prose, row];
        assert_eq!(place_of(&blocks, 80.0), 1);
        assert_eq!(place_of(&blocks, 700.0), 3);
    }

    /// A 200 dpi scan of an A4 page (1,653 × 2,339 pixels) painted 370 × 523 pt: read at A4's
    /// size from the picture's corner; a screenshot of a table where it is painted.
    #[test]
    fn a_picture_of_a_printed_page_is_read_at_the_paper_s_size() {
        let placed = |w: f64, h: f64| Placement {
            id: (1, 0),
            bbox: BBox::new(100.0, 90.0, 100.0 + w, 90.0 + h),
            transposed: false,
            flipped_y: false,
            flipped_x: false,
        };
        let img = |w: u32, h: u32| crate::image::Gray {
            width: w,
            height: h,
            data: Vec::new(),
        };
        let b = printed_size(&placed(370.0, 523.0), &img(1653, 2339));
        assert_eq!((b.x0, b.y0), (100.0, 90.0));
        assert!((b.width() - 595.28).abs() < 0.01 && (b.height() - 841.89).abs() < 0.01);
        let b = printed_size(&placed(400.0, 150.0), &img(1200, 450));
        assert_eq!(b, placed(400.0, 150.0).bbox);
    }
}
