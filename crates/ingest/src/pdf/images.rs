//! Image XObjects of a page: where they are painted (recorded by the interpreter at `Do`) and
//! their pixels, decoded from the file itself (DCTDecode, CCITTFaxDecode, JBIG2Decode, FlateDecode with
//! predictors, raw samples, image masks) by [`crate::image`].
//!
//! A scanned page is one large image; OCR reads the largest image of each page.

use super::geom::Matrix;
use super::obj;
use crate::image::{self, Gray, ImageError, Samples};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::io::Read;
use xxgk_model::BBox;

/// At most this many images are remembered per page.
const MAX_IMAGES_PER_PAGE: usize = 64;

/// An image painted on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub id: ObjectId,
    /// The image's unit square on the page, in points, top-left origin.
    pub bbox: BBox,
    /// The image is painted turned a quarter: its rows run down the page (a landscape page
    /// scanned sideways and shown upright by the page's `/Rotate`). Undone first, by
    /// transposing the pixels; the flips below are then those of the transposed image.
    pub transposed: bool,
    /// The image's first row is at the bottom of `bbox` (painted upside down).
    pub flipped_y: bool,
    /// The image's first column is at the right of `bbox`.
    pub flipped_x: bool,
}

/// Remember an image painted under `ctm` (page coordinates, top-left origin).
pub(crate) fn record(out: &mut Vec<Placement>, id: Option<ObjectId>, ctm: Matrix) {
    let Some(id) = id else { return };
    if out.len() >= MAX_IMAGES_PER_PAGE || !ctm.is_finite() {
        return;
    }
    // Image space: (0,0) is the last row's left end, (0,1) the first row's, (1,1) its right
    // end. `along` is where the first row runs on the page, `down` where the first column does.
    let (x0, y0) = ctm.apply(0.0, 1.0);
    let (x_row_end, y_row_end) = ctm.apply(1.0, 1.0);
    let (x_col_end, y_col_end) = ctm.apply(0.0, 0.0);
    let (x1, y1) = ctm.apply(1.0, 0.0);
    let bbox = BBox::new(x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1));
    let along = (x_row_end - x0, y_row_end - y0);
    let down = (x_col_end - x0, y_col_end - y0);
    let transposed = along.0.abs() < along.1.abs();
    // Transposed, the image's columns become its rows.
    let (along, down) = if transposed {
        (down, along)
    } else {
        (along, down)
    };
    out.push(Placement {
        id,
        bbox,
        transposed,
        flipped_y: down.1 < 0.0,
        flipped_x: along.0 < 0.0,
    });
}

/// The image painted largest on the page, if it covers at least half of it.
pub fn page_scan(images: &[Placement], width: f64, height: f64) -> Option<Placement> {
    let area = |p: &Placement| {
        let x = (p.bbox.x1.min(width) - p.bbox.x0.max(0.0)).max(0.0);
        let y = (p.bbox.y1.min(height) - p.bbox.y0.max(0.0)).max(0.0);
        x * y
    };
    images
        .iter()
        .copied()
        .max_by(|a, b| area(a).total_cmp(&area(b)))
        .filter(|p| area(p) * 2.0 >= width * height)
}

/// Decode an image XObject to grey pixels, the first row at the top of the page.
pub fn decode(doc: &Document, placement: &Placement) -> Result<Gray, ImageError> {
    let stream = doc
        .get_object(placement.id)
        .ok()
        .and_then(|o| o.as_stream().ok())
        .ok_or_else(|| ImageError("image object missing".into()))?;
    let mut img = decode_stream(doc, &stream.dict, &stream.content)?;
    if placement.transposed {
        img = image::ops::transpose(&img);
    }
    if placement.flipped_y {
        image::ops::mirror_y(&mut img);
    }
    if placement.flipped_x {
        image::ops::mirror_x(&mut img);
    }
    Ok(img)
}

fn int(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<i64> {
    obj::number(doc, dict.get(key).ok()).map(|v| v as i64)
}

fn decode_stream(doc: &Document, dict: &Dictionary, content: &[u8]) -> Result<Gray, ImageError> {
    let width = int(doc, dict, b"Width")
        .unwrap_or(0)
        .clamp(0, u32::MAX as i64) as u32;
    let height = int(doc, dict, b"Height")
        .unwrap_or(0)
        .clamp(0, u32::MAX as i64) as u32;
    image::check_size(width, height)?;
    let mask = matches!(
        obj::resolve(doc, dict.get(b"ImageMask").ok()),
        Some(Object::Boolean(true))
    );
    let bits = if mask {
        1
    } else {
        int(doc, dict, b"BitsPerComponent")
            .unwrap_or(8)
            .clamp(0, 16) as u8
    };
    let components = if mask {
        1
    } else {
        components(doc, dict.get(b"ColorSpace").ok())?
    };
    let inverted = obj::numbers(doc, dict.get(b"Decode").ok())
        .and_then(|d| d.first().copied())
        .is_some_and(|first| first > 0.5);
    let filters = filters(doc, dict);
    let parms = decode_parms(doc, dict);
    let mut data = std::borrow::Cow::Borrowed(content);
    let expected = (width as usize * components as usize * bits as usize).div_ceil(8)
        * height as usize
        + height as usize
        + 4096;
    for (i, filter) in filters.iter().enumerate() {
        let p = parms.get(i).copied().flatten();
        match filter.as_slice() {
            b"FlateDecode" | b"Fl" => {
                let raw = inflate(&data, expected)?;
                let predictor = p.and_then(|p| int(doc, p, b"Predictor")).unwrap_or(1);
                let out = image::unpredict(
                    &raw,
                    predictor,
                    components as usize,
                    bits as usize,
                    width as usize,
                )?;
                data = out.into();
            }
            b"DCTDecode" | b"DCT" => {
                let g = image::decode_jpeg(&data, (width, height))?;
                return Ok(as_painted(g, inverted));
            }
            b"CCITTFaxDecode" | b"CCF" => {
                let k = p.and_then(|p| int(doc, p, b"K")).unwrap_or(0);
                let black_is_1 = p.is_some_and(|p| {
                    matches!(
                        obj::resolve(doc, p.get(b"BlackIs1").ok()),
                        Some(Object::Boolean(true))
                    )
                });
                let g = image::decode_ccitt(&data, width, height, k, black_is_1)?;
                return Ok(as_painted(g, inverted));
            }
            b"JBIG2Decode" => {
                let globals = p
                    .and_then(|p| obj::stream_of(doc, p.get(b"JBIG2Globals").ok()))
                    .map(|s| {
                        // Unfiltered globals make lopdf refuse to "decompress"; take them as they are.
                        s.decompressed_content_with_limit(super::limits::MAX_DECOMPRESSED)
                            .unwrap_or_else(|_| s.content.clone())
                    });
                let g = image::decode_jbig2(&data, globals.as_deref(), (width, height))?;
                return Ok(as_painted(g, inverted));
            }
            other => {
                return Err(ImageError(format!(
                    "image filter {} is not decoded",
                    String::from_utf8_lossy(other)
                )))
            }
        }
    }
    image::decode_samples(
        &data,
        Samples {
            width,
            height,
            components,
            bits,
            inverted,
        },
    )
}

/// A decoded image as painted: `/Decode [1 0]` swaps dark and light.
fn as_painted(mut g: Gray, inverted: bool) -> Gray {
    if inverted {
        image::ops::invert(&mut g);
    }
    g
}

fn components(doc: &Document, cs: Option<&Object>) -> Result<u8, ImageError> {
    let cs = obj::resolve(doc, cs);
    let name = match cs {
        None => return Ok(1),
        Some(Object::Name(n)) => n.as_slice(),
        Some(Object::Array(a)) => match a.first().and_then(|o| o.as_name().ok()) {
            Some(b"ICCBased") => {
                let n = obj::stream_of(doc, a.get(1))
                    .and_then(|s| int(doc, &s.dict, b"N"))
                    .unwrap_or(3);
                return match n {
                    1 | 3 | 4 => Ok(n as u8),
                    _ => Err(ImageError(format!("ICC colour space with {n} components"))),
                };
            }
            Some(b"CalGray") => b"DeviceGray".as_slice(),
            Some(b"CalRGB") => b"DeviceRGB".as_slice(),
            Some(other) => other,
            None => b"".as_slice(),
        },
        Some(_) => b"".as_slice(),
    };
    match name {
        b"DeviceGray" | b"G" | b"CalGray" => Ok(1),
        b"DeviceRGB" | b"RGB" | b"CalRGB" => Ok(3),
        b"DeviceCMYK" | b"CMYK" => Ok(4),
        other => Err(ImageError(format!(
            "image colour space {} is not decoded",
            String::from_utf8_lossy(other)
        ))),
    }
}

fn filters(doc: &Document, dict: &Dictionary) -> Vec<Vec<u8>> {
    match obj::resolve(doc, dict.get(b"Filter").ok()) {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| obj::name(doc, Some(o)).map(<[u8]>::to_vec))
            .take(4)
            .collect(),
        _ => Vec::new(),
    }
}

fn decode_parms<'a>(doc: &'a Document, dict: &'a Dictionary) -> Vec<Option<&'a Dictionary>> {
    match obj::resolve(doc, dict.get(b"DecodeParms").ok()) {
        Some(Object::Dictionary(d)) => vec![Some(d)],
        Some(Object::Array(a)) => a.iter().map(|o| obj::dict(doc, Some(o))).collect(),
        _ => Vec::new(),
    }
}

/// zlib data, at most `limit` bytes of output (a truncated stream keeps what it gave).
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    let mut reader = flate2::read::ZlibDecoder::new(data).take(limit as u64);
    match reader.read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(_) if !out.is_empty() => Ok(out),
        Err(e) => Err(ImageError(format!("damaged compressed image: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where an image painted under `m` (top-left page coordinates) lands, and how it is turned.
    fn placed(m: [f64; 6]) -> Placement {
        let mut out = Vec::new();
        let ctm = Matrix::from_slice(&m).expect("six numbers");
        record(&mut out, Some((5, 0)), ctm);
        out.remove(0)
    }

    #[test]
    fn an_image_painted_turned_or_mirrored_is_turned_back() {
        // Upright: image x to the right, image y (bottom → top) up the page (y grows down).
        let p = placed([600.0, 0.0, 0.0, -800.0, 0.0, 800.0]);
        assert_eq!(
            (p.transposed, p.flipped_x, p.flipped_y),
            (false, false, false)
        );
        assert_eq!(p.bbox, BBox::new(0.0, 0.0, 600.0, 800.0));
        // Painted upside down.
        let p = placed([600.0, 0.0, 0.0, 800.0, 0.0, 0.0]);
        assert_eq!(
            (p.transposed, p.flipped_x, p.flipped_y),
            (false, false, true)
        );
        // A landscape scan stored a quarter anticlockwise, shown upright (/Rotate 90): its rows
        // run up the page, its first row at the left.
        let p = placed([0.0, -800.0, -600.0, 0.0, 600.0, 800.0]);
        assert!(p.transposed);
        assert_eq!(p.bbox, BBox::new(0.0, 0.0, 600.0, 800.0));
        assert_eq!((p.flipped_x, p.flipped_y), (false, true));
        // Stored a quarter clockwise.
        let p = placed([0.0, 800.0, 600.0, 0.0, 0.0, 0.0]);
        assert!(p.transposed);
        assert_eq!((p.flipped_x, p.flipped_y), (true, false));
    }
}
