//! Scanned pages: a page image covering the page and no visible text on it, read by OCR
//! ([`crate::ocr`]).
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
}

impl ScanPages {
    pub fn of(pages: &[RawPage], frames: &[ScanFrame]) -> ScanPages {
        let mut out = ScanPages {
            scan: Vec::with_capacity(pages.len()),
            filled: Vec::with_capacity(pages.len()),
            layered: 0,
        };
        for (page, frame) in pages.iter().zip(frames) {
            let (visible, invisible) = text_glyphs(&page.glyphs);
            let scan = frame.is_some() && visible == 0;
            if scan && invisible > 0 {
                out.layered += 1;
            }
            out.scan.push(scan);
            out.filled.push(frame.is_some() || visible + invisible > 0);
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

    /// The note that says the invisible layer was left out.
    fn layer_note(&self) -> Option<String> {
        (self.layered > 0).then(|| {
            format!(
                "{} scanned page(s) carry another program's OCR as invisible text; it was left \
                 out and the page images read by OCR",
                self.layered
            )
        })
    }
}

/// Visible and invisible glyphs that are not whitespace.
fn text_glyphs(glyphs: &[Glyph]) -> (usize, usize) {
    let mut visible = 0;
    let mut invisible = 0;
    for g in glyphs.iter().filter(|g| !super::is_whitespace(g)) {
        if g.invisible {
            invisible += 1;
        } else {
            visible += 1;
        }
    }
    (visible, invisible)
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
    doc.notes.extend(scans.and_then(ScanPages::layer_note));
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
    doc.notes.extend(scans.layer_note());
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
