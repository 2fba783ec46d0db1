//! Loading: bytes → lopdf document (with decompression limits and empty-password decryption),
//! the document title, and each page's box, rotation and inherited resources.

use super::geom::Matrix;
use super::limits;
use super::obj;
use crate::IngestError;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

/// Load a PDF. Files encrypted with an empty user password are decrypted by lopdf; files that
/// need a real password are an error.
pub fn load(bytes: &[u8]) -> Result<Document, IngestError> {
    let options = LoadOptions {
        max_decompressed_size: Some(limits::MAX_DECOMPRESSED),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| {
        let message = e.to_string();
        let lower = message.to_lowercase();
        if lower.contains("password") || lower.contains("decrypt") || lower.contains("encrypt") {
            IngestError::failed("encrypted: password required")
        } else {
            IngestError::failed(format!("damaged PDF: {message}"))
        }
    })?;
    // lopdf removes /Encrypt from the trailer once it has decrypted the file.
    if doc.trailer.has(b"Encrypt") {
        return Err(IngestError::failed("encrypted: password required"));
    }
    Ok(doc)
}

/// `/Info /Title`, if it says something.
pub fn title(doc: &Document) -> Option<String> {
    let info = obj::dict(doc, doc.trailer.get(b"Info").ok())?;
    obj::text_string(doc, info.get(b"Title").ok())
}

/// What the interpreter needs to know about a page.
pub struct PageInfo<'a> {
    pub resources: Option<&'a Dictionary>,
    /// User space → top-left page coordinates (box origin and `/Rotate` applied).
    pub base: Matrix,
    /// Size after rotation.
    pub width: f64,
    pub height: f64,
}

/// An attribute of a page, inherited from its ancestors in the page tree when absent.
pub fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(value) = node.get(key) {
            return obj::resolve(doc, Some(value));
        }
        node = obj::dict(doc, node.get(b"Parent").ok())?;
    }
    None
}

fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> Option<[f64; 4]> {
    let v = obj::numbers(doc, inherited(doc, page, key))?;
    let [a, b, c, d] = v.get(..4)? else {
        return None;
    };
    let bx = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
    (bx[2] - bx[0] >= 1.0 && bx[3] - bx[1] >= 1.0 && bx[2] - bx[0] < 1e6 && bx[3] - bx[1] < 1e6)
        .then_some(bx)
}

pub fn page_info(doc: &Document, id: ObjectId) -> PageInfo<'_> {
    page_info_turned(doc, id, 0)
}

/// The page's `/Rotate`, normalised to 0, 90, 180 or 270.
pub fn rotation(doc: &Document, id: ObjectId) -> i64 {
    let page = doc.get_dictionary(id).ok();
    page.and_then(|p| obj::number(doc, inherited(doc, p, b"Rotate")))
        .map(|r| ((r / 90.0).round() as i64).rem_euclid(4) * 90)
        .unwrap_or(0)
}

/// [`page_info`] with `extra` degrees (a multiple of 90) added to the page's `/Rotate`: for
/// pages whose text reads sideways under their own rotation (a portrait page given `/Rotate
/// 90` after the fact), read in the frame where the text is upright.
pub fn page_info_turned(doc: &Document, id: ObjectId, extra: i64) -> PageInfo<'_> {
    let empty: &'static Dictionary = empty_dict();
    let page = doc.get_dictionary(id).unwrap_or(empty);
    let media = page_box(doc, page, b"MediaBox").unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let visible = match page_box(doc, page, b"CropBox") {
        Some(c) => {
            let i = [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ];
            if i[2] - i[0] >= 1.0 && i[3] - i[1] >= 1.0 {
                i
            } else {
                media
            }
        }
        None => media,
    };
    let rotate = (rotation(doc, id) + extra).rem_euclid(360);
    let (w, h) = (visible[2] - visible[0], visible[3] - visible[1]);
    let origin = Matrix::translate(-visible[0], -visible[1]);
    let (turn, width, height) = match rotate {
        90 => (Matrix::new(0.0, 1.0, 1.0, 0.0, 0.0, 0.0), h, w),
        180 => (Matrix::new(-1.0, 0.0, 0.0, 1.0, w, 0.0), w, h),
        270 => (Matrix::new(0.0, -1.0, -1.0, 0.0, h, w), h, w),
        _ => (Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, h), w, h),
    };
    PageInfo {
        resources: obj::dict(doc, inherited(doc, page, b"Resources")),
        base: origin.then(&turn),
        width,
        height,
    }
}

fn empty_dict() -> &'static Dictionary {
    static EMPTY: std::sync::OnceLock<Dictionary> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Dictionary::new)
}
