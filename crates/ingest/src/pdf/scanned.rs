//! A PDF without a usable text layer: its pages' scan images read by OCR ([`crate::ocr`]).

use super::images::Placement;
use crate::ocr::{add_page, tesseract, Frame, OCR_NOTE};
use crate::IngestError;
use xxgk_model::Page;

/// A PDF without a usable text layer: OCR the scan image of every page that has one.
/// `frames[i]` is page `i + 1`'s image and place (see [`super::images::page_scan`]).
pub fn read(
    bytes: &[u8],
    frames: &[Option<(Placement, Frame)>],
    title: Option<String>,
) -> Result<xxgk_model::Document, crate::IngestError> {
    if frames.iter().all(Option::is_none) {
        return Err(IngestError::unsupported(
            "no usable text layer and no page image to read (needs OCR)",
        ));
    }
    tesseract::check().map_err(|why| {
        IngestError::unsupported(format!(
            "no usable text layer: the pages are scanned images; {why}"
        ))
    })?;
    let pdf = super::load::load(bytes)?;
    let mut doc = xxgk_model::Document::new(xxgk_model::Format::Pdf);
    doc.title_hint = title;
    doc.notes.push(OCR_NOTE.to_string());
    let mut pages_read = 0;
    for (i, frame) in frames.iter().enumerate() {
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
