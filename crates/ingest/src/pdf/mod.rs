//! PDF: lopdf plus our own content-stream interpreter → positioned glyphs, lines, ruling
//! segments; then [`crate::layout`] turns rulings and text into grids.
//!
//! - [`load`]: bytes → lopdf document (decryption, limits), page boxes and inherited attributes;
//! - [`interp`]: the content-stream interpreter (graphics and text state, paths, forms);
//! - [`font`], [`cmap`], [`gb1`]: codes → CIDs, widths and Unicode;
//! - [`across`]: pages that continue an earlier page to its right (a sheet printed down, then
//!   across), joined to it by the text the page's edge cut;
//! - [`lines`]: glyphs → lines and spans;
//! - [`scanned`]: scanned pages (a page image, no visible text), read by OCR;
//! - [`drawn`]: pages whose text layer cannot be read, drawn by `pdftoppm` and read by OCR.
//!
//! Untrusted input: every size, depth and count is bounded ([`limits`]), and nothing here
//! panics on data. The one `catch_unwind`, a last line of defence the code does not rely on,
//! is the batch's, around the whole per-file pipeline (xxgk-export).

mod across;
pub mod cmap;
mod content;
pub mod drawn;
pub mod font;
pub mod gb1;
pub mod geom;
pub mod images;
pub mod interp;
pub mod lines;
pub mod load;
mod obj;
mod pictures;
pub mod scanned;

use crate::IngestError;
use interp::{Budget, FontCache, Glyph, GlyphText, Interpreter};
use xxgk_model::{Block, Document, Format, Page, Segment};

/// Bounds on what one file may make us do.
pub mod limits {
    /// Per stream, when loading objects.
    pub const MAX_DECOMPRESSED: usize = 64 << 20;
    /// One page's (or form's) content.
    pub const MAX_CONTENT_STREAM: usize = 64 << 20;
    /// All content of a document together.
    pub const MAX_CONTENT_TOTAL: usize = 256 << 20;
    /// ToUnicode, CMap and width streams.
    pub const MAX_FONT_STREAM: usize = 8 << 20;
    /// An embedded font program (read for its cmap).
    pub const MAX_FONT_FILE: usize = 32 << 20;
    pub const MAX_CMAP_ENTRIES: usize = 200_000;
    pub const MAX_WIDTH_ENTRIES: usize = 200_000;
    pub const MAX_FONTS: usize = 4_096;
    pub const MAX_OPERATORS: usize = 20_000_000;
    pub const MAX_GLYPHS: usize = 2_000_000;
    pub const MAX_SEGMENTS: usize = 200_000;
    pub const MAX_SUBPATHS: usize = 100_000;
    pub const MAX_PATH_POINTS: usize = 100_000;
    pub const MAX_STATE_DEPTH: usize = 256;
    pub const MAX_FORM_DEPTH: usize = 12;
    pub const MAX_PAGES: usize = 5_000;
    /// Points: a filled rectangle thinner than this is a ruling line.
    pub const THIN_RULE: f64 = 2.0;
    /// Points: shorter segments are not rulings.
    pub const MIN_RULE: f64 = 1.0;
    /// Points: how far off axis a ruling may be.
    pub const AXIS_TOLERANCE: f64 = 0.5;
}

/// A page's raw extraction: glyphs and segments before they become lines.
pub struct RawPage {
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segments: Vec<Segment>,
    /// Image XObjects painted on the page (a scan's page image among them).
    pub images: Vec<images::Placement>,
}

#[cfg(test)]
impl RawPage {
    /// An A4 page of these glyphs and nothing else (unit tests).
    pub(crate) fn a4(number: u32, glyphs: Vec<Glyph>) -> RawPage {
        RawPage {
            number,
            width: 595.0,
            height: 842.0,
            glyphs,
            segments: Vec::new(),
            images: Vec::new(),
        }
    }
}

/// A document's raw extraction.
pub struct RawDocument {
    pub pages: Vec<RawPage>,
    pub title: Option<String>,
    pub notes: Vec<String>,
}

/// Read a PDF into pages of lines, segments and grids. Scanned pages (a page image and no
/// visible text but a stamp) are read by OCR ([`scanned`]), whole documents of them and single pages alike.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let mut raw = extract(bytes)?;
    join_across(&mut raw);
    let frames: Vec<_> = raw.pages.iter().map(scan_frame).collect();
    let scans = scanned::ScanPages::of(&raw.pages, &frames);
    let title = raw.title.clone().or_else(|| scans.stamp_title.clone());
    if scans.whole_document() {
        return scanned::read(bytes, &frames, title, Some(&scans));
    }
    let mut doc = Document::new(Format::Pdf);
    doc.title_hint = title;
    doc.notes = raw.notes;
    let placed: Vec<Vec<images::Placement>> = raw.pages.iter().map(|p| p.images.clone()).collect();
    let mut total = 0usize;
    let mut unknown = 0usize;
    let mut mostly_unknown_pages = 0usize;
    for (raw_page, &scan) in raw.pages.into_iter().zip(&scans.scan) {
        if scan {
            // Read by OCR below; its invisible text, if any, is not used.
            doc.pages.push(Page {
                number: raw_page.number,
                width: raw_page.width,
                height: raw_page.height,
                ..Page::default()
            });
            continue;
        }
        let page = build_page(raw_page, &mut doc.notes);
        total += page.glyphs;
        unknown += page.unknown_glyphs;
        if page.glyphs > 0 && page.unknown_glyphs * 2 > page.glyphs {
            mostly_unknown_pages += 1;
        }
        doc.pages.push(page);
    }
    let text_pages = doc.pages.iter().filter(|p| p.glyphs > 0).count();
    let unknown_text = total == 0 || unknown * 2 > total || mostly_unknown_pages * 2 > text_pages;
    let garbled = !unknown_text && drawn::unreadable(&doc.pages);
    if unknown_text || garbled {
        if total > 0 && frames.iter().all(Option::is_none) {
            // Glyphs but no text, and no page image to read: the pages themselves are drawn
            // and read by OCR. (No glyph at all is a blank or damaged page far more often
            // than text drawn as shapes: not drawn, see scanned::read.)
            let why = if garbled {
                "the text layer cannot be read: its fonts map the glyphs to Latin letters and \
                 punctuation, not Chinese text"
            } else {
                "the text layer cannot be read: most glyphs have no known Unicode value"
            };
            let sizes: Vec<_> = doc
                .pages
                .iter()
                .map(|p| (p.number, p.width, p.height))
                .collect();
            return drawn::read(bytes, &sizes, doc.title_hint.take(), why);
        }
        return scanned::read(bytes, &frames, doc.title_hint.take(), None);
    }
    for (page, &scan) in doc.pages.iter_mut().zip(&scans.scan) {
        if !scan {
            crate::layout::build_grids(page);
        }
    }
    scanned::read_pages(bytes, &mut doc, &frames, &scans)?;
    pictures::read(bytes, &mut doc, &placed, &scans.scan);
    Ok(doc)
}

/// Pages that continue an earlier page to its right (a sheet printed down, then across) are
/// read as part of it ([`across`]).
fn join_across(raw: &mut RawDocument) {
    let joins = across::join(&mut raw.pages);
    if joins.is_empty() {
        return;
    }
    let pairs: Vec<String> = joins
        .iter()
        .map(|j| format!("{} → {}", j.right + 1, j.left + 1))
        .collect();
    raw.notes.push(format!(
        "a sheet printed down, then across: pages read right of the pages they continue ({})",
        pairs.join(", ")
    ));
}

/// One page interpreted in one frame.
struct PageRead<'a> {
    info: load::PageInfo<'a>,
    glyphs: Vec<Glyph>,
    segments: Vec<Segment>,
    images: Vec<images::Placement>,
    /// Visible glyphs, and those of them whose baseline runs left to right.
    shown: usize,
    upright: usize,
}

/// Interpret one page with `extra` degrees added to its `/Rotate`.
fn read_page<'a>(
    doc: &'a lopdf::Document,
    id: lopdf::ObjectId,
    extra: i64,
    number: u32,
    fonts: &mut FontCache,
    budget: &mut Budget,
    notes: &mut Vec<String>,
) -> PageRead<'a> {
    let info = load::page_info_turned(doc, id, extra);
    let mut glyphs = Vec::new();
    let mut segments = Vec::new();
    let mut images = Vec::new();
    if !budget.exhausted {
        let limit = limits::MAX_CONTENT_STREAM.min(budget.content_bytes);
        match doc.get_page_content_with_limit(id, limit) {
            Ok(content) => {
                budget.content_bytes = budget.content_bytes.saturating_sub(content.len());
                let mut interp =
                    Interpreter::new(doc, fonts, budget, info.base, info.width, info.height);
                interp.run(&content, info.resources);
                if interp.out.fontless_bytes > 0 {
                    notes.push(format!(
                        "page {number}: {} bytes of text shown without a usable font were skipped",
                        interp.out.fontless_bytes
                    ));
                }
                glyphs = interp.out.glyphs;
                segments = interp.out.segments;
                images = interp.out.images;
            }
            Err(_) => notes.push(format!("page {number}: content too large, skipped")),
        }
        if budget.exhausted {
            notes.push(format!(
                "page {number}: size limits reached; this and later pages are incomplete"
            ));
        }
    }
    let shown = glyphs.iter().filter(|g| !g.invisible).count();
    let upright = glyphs.iter().filter(|g| !g.invisible && g.upright).count();
    PageRead {
        info,
        glyphs,
        segments,
        images,
        shown,
        upright,
    }
}

/// Glyphs and segments of every page, without assembling lines (tests, benchmarks).
pub fn extract(bytes: &[u8]) -> Result<RawDocument, IngestError> {
    let doc = load::load(bytes)?;
    let mut notes = Vec::new();
    if doc.xref_recovery == Some(lopdf::xref::XrefRecovery::Reconstructed) {
        notes.push(
            "damaged PDF: the cross-reference table was rebuilt by scanning the file; \
             pages or text may be missing"
                .to_string(),
        );
    }
    let title = load::title(&doc);
    let page_ids: Vec<_> = doc.page_iter().take(limits::MAX_PAGES + 1).collect();
    if page_ids.is_empty() {
        return Err(IngestError::failed("damaged PDF: no pages found"));
    }
    if page_ids.len() > limits::MAX_PAGES {
        notes.push(format!(
            "only the first {} pages were read",
            limits::MAX_PAGES
        ));
    }
    let mut fonts = FontCache::default();
    let mut budget = Budget::default();
    let mut pages = Vec::new();
    for (i, id) in page_ids.into_iter().take(limits::MAX_PAGES).enumerate() {
        if xxgk_model::budget::expired_now() {
            break;
        }
        let number = i as u32 + 1;
        // A page whose text reads sideways under its own /Rotate (a portrait page turned after
        // the fact) is read again in the frame where most of its text is upright.
        let mut read = read_page(&doc, id, 0, number, &mut fonts, &mut budget, &mut notes);
        if read.upright * 2 < read.shown && !budget.exhausted {
            for extra in [90, 270, 180] {
                let mut scratch = Vec::new();
                let other = read_page(
                    &doc,
                    id,
                    extra,
                    number,
                    &mut fonts,
                    &mut budget,
                    &mut scratch,
                );
                if other.upright > read.upright {
                    read = other;
                }
                if read.upright * 2 >= read.shown || budget.exhausted {
                    break;
                }
            }
            notes.push(format!(
                "page {number}: text reads sideways under the page's rotation; read upright"
            ));
        }
        let PageRead {
            info,
            glyphs,
            segments,
            images,
            ..
        } = read;
        pages.push(RawPage {
            number,
            width: info.width,
            height: info.height,
            glyphs,
            segments,
            images,
        });
    }
    Ok(RawDocument {
        pages,
        title,
        notes,
    })
}

/// Lines from glyphs. Glyphs whose origin lies off the page are left out. Invisible glyphs
/// (render mode 3/7) are left out too, unless the page has no visible glyph at all (an OCR layer
/// over a scan is then the page's only text). `Page::glyphs` counts the glyphs used, without
/// whitespace; `Page::unknown_glyphs` those of them without a Unicode value.
fn build_page(raw: RawPage, notes: &mut Vec<String>) -> Page {
    let margin = 2.0;
    let on_page: Vec<&Glyph> = raw
        .glyphs
        .iter()
        .filter(|g| {
            g.x >= -margin
                && g.x <= raw.width + margin
                && g.y >= -margin
                && g.y <= raw.height + margin
        })
        .collect();
    let off_page = raw.glyphs.len() - on_page.len();
    if off_page > 0 {
        notes.push(format!(
            "page {}: {off_page} glyphs outside the page left out",
            raw.number
        ));
    }
    let visible: Vec<&Glyph> = on_page.iter().copied().filter(|g| !g.invisible).collect();
    let invisible = on_page.len() - visible.len();
    let used: Vec<&Glyph> = if visible.is_empty() {
        on_page
    } else {
        if invisible > 0 {
            notes.push(format!(
                "page {}: {invisible} invisible glyphs (render mode 3/7) left out",
                raw.number
            ));
        }
        visible
    };
    let counted: Vec<&Glyph> = used.iter().copied().filter(|g| !is_whitespace(g)).collect();
    let unknown = counted
        .iter()
        .filter(|g| matches!(g.text, GlyphText::Unknown { .. }))
        .count();
    if unknown > 0 {
        notes.push(format!(
            "page {}: {unknown} of {} glyphs have no known Unicode value",
            raw.number,
            counted.len()
        ));
    }
    let blocks = lines::build_lines(&used, &raw.segments)
        .into_iter()
        .map(Block::Line)
        .collect();
    Page {
        number: raw.number,
        width: raw.width,
        height: raw.height,
        blocks,
        segments: raw.segments,
        glyphs: counted.len(),
        unknown_glyphs: unknown,
    }
}

/// The page's scan image and where it lies, if the page is one large image.
fn scan_frame(raw: &RawPage) -> Option<(images::Placement, crate::ocr::Frame)> {
    let placement = images::page_scan(&raw.images, raw.width, raw.height)?;
    Some((
        placement,
        crate::ocr::Frame {
            number: raw.number,
            width: raw.width,
            height: raw.height,
            bbox: placement.bbox,
        },
    ))
}

pub(crate) fn is_whitespace(g: &Glyph) -> bool {
    match &g.text {
        GlyphText::Char(c) => c.is_whitespace(),
        GlyphText::Str(s) => s.chars().all(char::is_whitespace),
        GlyphText::Unknown { .. } => false,
    }
}
