//! Scanned pages: a page image covering the page and no visible text on it but a stamp, read by
//! OCR ([`crate::ocr`]).
//!
//! Sites and office software stamp scans with a little visible text: a page number
//! (`第 1 页 共 6 页`), the site's name as a watermark, a download line. Such a page is still a
//! scan: its text is at most [`STAMP_GLYPHS`] glyphs on at most [`STAMP_LINES`] lines, where a
//! text page laid over a background picture has hundreds. The stamp itself is left out.
//!
//! A scan often carries another program's OCR as invisible text over the image (ocrmypdf,
//! Acrobat's "searchable image", a scanner's software: render mode 3 or 7). That text is a
//! guess nobody checked: digits it could not see are missing, so a cell holding `34` reads as
//! blank, and misread digits read as numbers. xxgk reads such pages with its own OCR, whose
//! numbers must pass the sum rules (docs/design-ocr.md), and leaves the layer out.
//!
//! - [`ScanPages::of`]: which pages are scans;
//! - [`read`]: a document of scans only;
//! - [`read_pages`]: the scanned pages of a document whose other pages have a text layer.

use super::images::Placement;
use super::interp::Glyph;
use super::RawPage;
use crate::ocr::{add_page, tesseract, Frame, OCR_NOTE};
use crate::IngestError;
use xxgk_model::{Document, Page};

/// The words of the note (shown in the report's message) for scanned pages that OCR could not
/// read because Tesseract is missing.
pub const UNREAD_SCANS: &str = "scanned images, not read";

/// Why OCR stopped before the last scanned page (a page costs seconds).
const BUDGET_NOTE: &str = "the time budget ran out while reading scanned pages by OCR";

/// Most visible glyphs a scanned page may carry as a stamp (a page number, a site's watermark,
/// a download line with its URL).
pub const STAMP_GLYPHS: usize = 80;
/// Most lines those glyphs may form (upright lines by baseline; text set at an angle, a
/// diagonal watermark, counts as one).
pub const STAMP_LINES: usize = 3;

/// A page's scan image and its place on the page ([`super::images::page_scan`]).
pub type ScanFrame = Option<(Placement, Frame)>;

/// Which pages of a PDF are scans, and whether any carries an invisible OCR layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanPages {
    /// `scan[i]`: page `i + 1` is a page image with no visible text.
    pub scan: Vec<bool>,
    /// Pages with something on them (a glyph or a page image).
    filled: Vec<bool>,
    /// Scanned pages whose only text is invisible (another program's OCR).
    pub layered: usize,
    /// Scanned pages with a visible stamp over the image (left out, like the invisible text).
    pub stamped: usize,
    /// A stamp that names a report (`…年度报告`: a cover picture with its title set as text, a
    /// download line naming the document): the title's last resort, after the OCR'd text.
    pub stamp_title: Option<String>,
}

impl ScanPages {
    pub fn of(pages: &[RawPage], frames: &[ScanFrame]) -> ScanPages {
        let mut out = ScanPages {
            scan: Vec::with_capacity(pages.len()),
            filled: Vec::with_capacity(pages.len()),
            layered: 0,
            stamped: 0,
            stamp_title: None,
        };
        for (page, frame) in pages.iter().zip(frames) {
            let text = PageText::of(&page.glyphs);
            let scan = frame.is_some() && text.is_stamp();
            if scan && text.invisible > 0 {
                out.layered += 1;
            }
            if scan && text.visible > 0 {
                out.stamped += 1;
                if out.stamp_title.is_none() {
                    out.stamp_title = report_title(&page.glyphs);
                }
            }
            out.scan.push(scan);
            out.filled
                .push(frame.is_some() || text.visible + text.invisible > 0);
        }
        out
    }

    /// Every page with anything on it is a scan.
    pub fn whole_document(&self) -> bool {
        self.scan.iter().any(|&s| s)
            && self
                .scan
                .iter()
                .zip(&self.filled)
                .all(|(&scan, &filled)| scan || !filled)
    }

    /// Pages `1…` that are scans.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.scan
            .iter()
            .enumerate()
            .filter(|(_, &s)| s)
            .map(|(i, _)| i as u32 + 1)
    }

    /// What the document is, for a message: scans, with or without another program's OCR.
    fn what(&self) -> &'static str {
        if self.layered > 0 {
            "the pages are scanned images under another program's OCR text (invisible, unchecked: \
             xxgk reads scans with its own OCR)"
        } else {
            "the pages are scanned images"
        }
    }

    /// The notes that say the invisible layer and the stamps were left out.
    fn layer_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.layered > 0 {
            notes.push(format!(
                "{} scanned page(s) carry another program's OCR as invisible text; it was left \
                 out and the page images read by OCR",
                self.layered
            ));
        }
        if self.stamped > 0 {
            notes.push(format!(
                "{} scanned page(s) carry a little visible text over the image (a page number \
                 or a stamp); read as scans, the stamp left out",
                self.stamped
            ));
        }
        notes
    }
}

/// The visible text of a page, in the order it is drawn, when it names a report.
fn report_title(glyphs: &[Glyph]) -> Option<String> {
    let mut text = String::new();
    for g in glyphs.iter().filter(|g| !g.invisible) {
        super::lines::push_text(&mut text, g);
    }
    // Glyphs nothing maps to Unicode name no title.
    text.retain(|c| c != '\u{FFFD}');
    text.contains("报告").then(|| text.trim().to_string())
}

/// What text a page shows: glyphs that are not whitespace, and the lines of the visible ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PageText {
    visible: usize,
    invisible: usize,
    visible_lines: usize,
}

impl PageText {
    fn of(glyphs: &[Glyph]) -> PageText {
        let mut text = PageText {
            visible: 0,
            invisible: 0,
            visible_lines: 0,
        };
        let mut baselines = Vec::new();
        let mut slanted = false;
        for g in glyphs.iter().filter(|g| !super::is_whitespace(g)) {
            if g.invisible {
                text.invisible += 1;
                continue;
            }
            text.visible += 1;
            if g.upright {
                baselines.push((g.y, g.size.abs().max(1.0)));
            } else {
                slanted = true;
            }
        }
        baselines.sort_by(|a, b| a.0.total_cmp(&b.0));
        // A new line where the baseline moves by more than half a glyph.
        let mut last: Option<f64> = None;
        for (y, size) in baselines {
            if last.is_none_or(|l| y - l > size / 2.0) {
                text.visible_lines += 1;
            }
            last = Some(y);
        }
        text.visible_lines += usize::from(slanted);
        text
    }

    /// No visible text, or a little, as a site or a scanner stamps on a scan.
    fn is_stamp(&self) -> bool {
        self.visible <= STAMP_GLYPHS && self.visible_lines <= STAMP_LINES
    }
}

/// A PDF of scans (or without a usable text layer): OCR the scan image of every page that has
/// one. `frames[i]` is page `i + 1`'s image and place (see [`super::images::page_scan`]).
pub fn read(
    bytes: &[u8],
    frames: &[ScanFrame],
    title: Option<String>,
    scans: Option<&ScanPages>,
) -> Result<Document, IngestError> {
    if frames.iter().all(Option::is_none) {
        return Err(IngestError::unsupported(
            "no usable text layer and no page image to read (needs OCR)",
        ));
    }
    let what = scans.map_or("the pages are scanned images", ScanPages::what);
    tesseract::check()
        .map_err(|why| IngestError::unsupported(format!("no usable text layer: {what}; {why}")))?;
    let pdf = super::load::load(bytes)?;
    let mut doc = Document::new(xxgk_model::Format::Pdf);
    doc.title_hint = title;
    doc.notes.push(OCR_NOTE.to_string());
    doc.notes
        .extend(scans.map(ScanPages::layer_notes).unwrap_or_default());
    let mut pages_read = 0;
    for (i, frame) in frames.iter().enumerate() {
        if xxgk_model::budget::expired_now() {
            doc.notes.push(BUDGET_NOTE.to_string());
            break;
        }
        let number = i as u32 + 1;
        let Some((placement, frame)) = frame else {
            doc.pages.push(Page {
                number,
                ..Page::default()
            });
            continue;
        };
        let img = super::images::decode(&pdf, placement).map_err(|e| e.to_string());
        if add_page(&mut doc, img, frame) {
            pages_read += 1;
        }
    }
    if pages_read == 0 {
        let why = doc.notes.last().cloned().unwrap_or_default();
        return Err(IngestError::unsupported(format!(
            "no usable text layer, and OCR read no page ({why})"
        )));
    }
    Ok(doc)
}

/// The scanned pages of a document whose other pages have a text layer: each replaces its
/// (empty) page in `doc` with what OCR read. Without Tesseract they stay empty, with a note
/// saying so; their invisible text, if any, is not used either way.
pub fn read_pages(
    bytes: &[u8],
    doc: &mut Document,
    frames: &[ScanFrame],
    scans: &ScanPages,
) -> Result<(), IngestError> {
    let numbers: Vec<u32> = scans.numbers().collect();
    if numbers.is_empty() {
        return Ok(());
    }
    let list = numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if let Err(why) = tesseract::check() {
        doc.notes
            .push(format!("page(s) {list}: {UNREAD_SCANS}: {why}"));
        return Ok(());
    }
    let pdf = super::load::load(bytes)?;
    doc.notes.push(OCR_NOTE.to_string());
    doc.notes.extend(scans.layer_notes());
    for number in numbers {
        if xxgk_model::budget::expired_now() {
            doc.notes.push(BUDGET_NOTE.to_string());
            break;
        }
        let i = number as usize - 1;
        let Some(Some((placement, frame))) = frames.get(i) else {
            continue;
        };
        let mut one = Document::new(xxgk_model::Format::Pdf);
        let img = super::images::decode(&pdf, placement).map_err(|e| e.to_string());
        add_page(&mut one, img, frame);
        doc.notes.append(&mut one.notes);
        doc.ocr_readings.append(&mut one.ocr_readings);
        doc.ocr_pages.append(&mut one.ocr_pages);
        if let (Some(page), Some(slot)) = (one.pages.pop(), doc.pages.get_mut(i)) {
            *slot = page;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::interp::GlyphText;
    use lopdf::ObjectId;
    use xxgk_model::BBox;

    fn glyph(text: &str, x: f64, y: f64, upright: bool, invisible: bool) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 9.0 * i as f64,
                y: if upright { y } else { y - 6.0 * i as f64 },
                x1: x + 9.0 * (i + 1) as f64,
                top: y - 9.0,
                bottom: y + 2.0,
                size: 9.0,
                text: GlyphText::Char(c),
                invisible,
                upright,
                vertical: false,
            })
            .collect()
    }

    fn page(number: u32, glyphs: Vec<Glyph>) -> RawPage {
        RawPage::a4(number, glyphs)
    }

    fn frame(number: u32) -> ScanFrame {
        let bbox = BBox::new(0.0, 0.0, 595.0, 842.0);
        let placement = Placement {
            id: ObjectId::from((7, 0)),
            bbox,
            transposed: false,
            flipped_y: false,
            flipped_x: false,
        };
        let frame = Frame {
            number,
            width: 595.0,
            height: 842.0,
            bbox,
        };
        Some((placement, frame))
    }

    #[test]
    fn a_page_number_a_watermark_or_a_download_line_over_a_scan_is_a_stamp() {
        let footer = glyph("第 3 页 共 6 页", 260.0, 820.0, true, false);
        let mut diagonal = glyph("淮安市人民政府网站仅供参考", 150.0, 500.0, false, false);
        diagonal.extend(glyph("第 4 页", 280.0, 820.0, true, false));
        let mut download = glyph("淮安市人民政府办公室", 200.0, 800.0, true, false);
        download.extend(glyph("下载于 2025-01-20", 200.0, 814.0, true, false));
        let mut layered = glyph(
            "一、本年新收政府信息公开申请数量 3001",
            60.0,
            300.0,
            true,
            true,
        );
        layered.extend(glyph("- 5 -", 290.0, 820.0, true, false));
        let pages = vec![
            page(1, footer),
            page(2, diagonal),
            page(3, download),
            page(4, layered),
        ];
        let frames: Vec<ScanFrame> = (1..=4).map(frame).collect();
        let scans = ScanPages::of(&pages, &frames);
        assert_eq!(scans.scan, vec![true; 4]);
        assert!(scans.whole_document());
        assert_eq!((scans.stamped, scans.layered), (4, 1));
        assert_eq!(scans.stamp_title, None);
        assert_eq!(scans.layer_notes().len(), 2);
    }

    #[test]
    fn text_over_a_picture_is_a_text_page_and_a_title_on_a_cover_picture_is_kept() {
        // Four lines of text over a full-page picture (a letterhead background): a text page.
        let mut four_lines = Vec::new();
        for (i, line) in [
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            "规章 1 0 11",
            "规范性文件 8 26 66",
        ]
        .iter()
        .enumerate()
        {
            four_lines.extend(glyph(line, 60.0, 100.0 + 20.0 * i as f64, true, false));
        }
        // One long line (81 glyphs) is more than a stamp.
        let long = glyph(&"政".repeat(STAMP_GLYPHS + 1), 10.0, 400.0, true, false);
        // A cover picture with the report's title set as text: a stamp, and the title kept.
        let cover = glyph(
            "淮安市人民政府2024年政府信息公开工作年度报告",
            60.0,
            300.0,
            true,
            false,
        );
        let pages = vec![page(1, cover), page(2, four_lines), page(3, long)];
        let frames: Vec<ScanFrame> = (1..=3).map(frame).collect();
        let scans = ScanPages::of(&pages, &frames);
        assert_eq!(scans.scan, vec![true, false, false]);
        assert!(!scans.whole_document());
        assert_eq!(
            scans.stamp_title.as_deref(),
            Some("淮安市人民政府2024年政府信息公开工作年度报告")
        );
        // Without a page image, no amount of text makes a scan.
        let none = ScanPages::of(
            &[page(1, glyph("第 1 页", 280.0, 820.0, true, false))],
            &[None],
        );
        assert_eq!(none.scan, vec![false]);
    }
}
