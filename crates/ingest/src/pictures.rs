//! Pictures inside documents (a DOCX's `word/media`, a saved web page's `<img>` files, an
//! MHTML's image parts) read by OCR when the document's own text holds no table.
//!
//! People paste a scanned or screenshotted table into Word or a web page: the text then has the
//! title and the prose, the numbers only exist as pixels. Steps ([`complete`]):
//! 1. a document whose text already has a table of numbers ([`has_table_text`]) is left alone;
//! 2. its pictures are collected by the format's reader, at most [`MAX_PICTURES`];
//! 3. each is decoded to grey (PNG through the `png` crate, JPEG through
//!    [`crate::image::decode_jpeg`]); small ones (icons, logos, seals) are skipped;
//! 4. each becomes one page, OCR'd by [`crate::ocr::read_page`] at the density the file records
//!    (PNG `pHYs`, JPEG JFIF) or [`DEFAULT_DPI`], and the document carries
//!    [`crate::ocr::OCR_NOTE`] so that the batch applies the OCR verification rules.

use crate::image::{check_size, Gray, ImageError};
use crate::IngestError;
use xxgk_model::{BBox, Block, Document};

/// At most this many pictures of one document are read.
pub const MAX_PICTURES: usize = 20;
/// Pictures smaller than this on either side are not pages (icons, logos, seals).
pub const MIN_SIDE: u32 = 400;
/// The density assumed when a picture records none (or an implausible one).
pub const DEFAULT_DPI: u32 = 150;
/// Largest picture file read.
pub const MAX_PICTURE_BYTES: usize = 32 << 20;

/// A picture found in a document: where it came from (for messages) and its file bytes.
#[derive(Debug, Clone)]
pub struct Picture {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Whether the document's text has a table with numbers in it (a template table has dozens).
pub fn has_table_text(doc: &Document) -> bool {
    doc.pages.iter().flat_map(|p| &p.blocks).any(|b| match b {
        Block::Grid(g) => {
            let numbers = g
                .rows
                .iter()
                .flatten()
                .filter(|c| {
                    let t = c.text.trim();
                    !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                })
                .count();
            numbers >= 8
        }
        Block::Line(_) => false,
    })
}

/// The reader's result completed with its pictures read by OCR, when its text has no table.
/// A reader that found no text at all (`unsupported`) may still have pictures to read.
pub fn complete(
    read: Result<Document, IngestError>,
    empty: xxgk_model::Format,
    pictures: impl FnOnce() -> Vec<Picture>,
) -> Result<Document, IngestError> {
    let mut doc = match read {
        Ok(doc) if has_table_text(&doc) => return Ok(doc),
        Ok(doc) => doc,
        Err(e) if e.status == xxgk_model::Status::Unsupported => {
            let pics = pictures();
            if pics.is_empty() {
                return Err(e);
            }
            return ocr_into(Document::new(empty), pics)
                .map_err(|why| IngestError::unsupported(format!("{}; {why}", e.message)));
        }
        Err(e) => return Err(e),
    };
    let pics = pictures();
    if pics.is_empty() {
        return Ok(doc);
    }
    match ocr_into(doc.clone(), pics) {
        Ok(read) => Ok(read),
        Err(why) => {
            doc.notes.push(format!("pictures not read: {why}"));
            Ok(doc)
        }
    }
}

/// OCR every picture large enough to be a page into pages appended to `doc`.
fn ocr_into(mut doc: Document, pictures: Vec<Picture>) -> Result<Document, String> {
    let found = pictures.len();
    let pages: Vec<(Picture, Gray, u32)> = pictures
        .into_iter()
        .take(MAX_PICTURES)
        .filter_map(|p| {
            let (img, dpi) = decode(&p.bytes).ok()?;
            (img.width >= MIN_SIDE && img.height >= MIN_SIDE).then_some((p, img, dpi))
        })
        .collect();
    if pages.is_empty() {
        return Err(format!(
            "{found} pictures, none a page image xxgk can decode (PNG or JPEG, at least {MIN_SIDE} pixels a side)"
        ));
    }
    crate::ocr::tesseract::check()
        .map_err(|why| format!("{} page pictures need OCR: {why}", pages.len()))?;
    let mut read = 0;
    for (pic, img, dpi) in pages {
        if xxgk_model::budget::expired() {
            doc.notes
                .push("the time budget ran out while reading pictures by OCR".to_string());
            break;
        }
        let number = doc.pages.len() as u32 + 1;
        let frame = frame(number, &img, dpi);
        match crate::ocr::read_page(&img, &frame) {
            Ok((page, readings)) => {
                doc.ocr_pages.push(page.number);
                doc.pages.push(page);
                doc.ocr_readings.extend(readings);
                read += 1;
            }
            Err(why) => doc
                .notes
                .push(format!("picture {}: not read by OCR: {why}", pic.name)),
        }
    }
    if read == 0 {
        let why = doc.notes.last().cloned().unwrap_or_default();
        return Err(format!("OCR read no picture ({why})"));
    }
    doc.notes.push(crate::ocr::OCR_NOTE.to_string());
    Ok(doc)
}

/// The page a picture makes: its size in points at its density, the picture filling it.
fn frame(number: u32, img: &Gray, dpi: u32) -> crate::ocr::Frame {
    let points = |px: u32| f64::from(px) * 72.0 / f64::from(dpi);
    let (width, height) = (points(img.width), points(img.height));
    crate::ocr::Frame {
        number,
        width,
        height,
        bbox: BBox::new(0.0, 0.0, width, height),
    }
}

/// A picture file (PNG or JPEG) as grey, with its density in dots per inch.
pub fn decode(bytes: &[u8]) -> Result<(Gray, u32), ImageError> {
    if bytes.len() > MAX_PICTURE_BYTES {
        return Err(ImageError(format!(
            "picture of {} MB is larger than the {} MB xxgk reads",
            bytes.len() >> 20,
            MAX_PICTURE_BYTES >> 20
        )));
    }
    let plausible = |d: Option<u32>| {
        d.filter(|d| (100..=1200).contains(d))
            .unwrap_or(DEFAULT_DPI)
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (img, dpi) = decode_png(bytes)?;
        Ok((img, plausible(dpi)))
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        let img = crate::image::decode_jpeg(bytes, (1, 1))?;
        Ok((img, plausible(jfif_dpi(bytes))))
    } else {
        Err(ImageError("not a PNG or JPEG picture".into()))
    }
}

/// A PNG as grey (the lightest channel, as the other decoders do: coloured ink fades), with the
/// density of its `pHYs` chunk.
fn decode_png(bytes: &[u8]) -> Result<(Gray, Option<u32>), ImageError> {
    let damaged = |e: png::DecodingError| ImageError(format!("damaged PNG picture: {e}"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    decoder.set_limits(png::Limits {
        bytes: crate::image::MAX_PIXELS as usize * 4,
    });
    let mut reader = decoder.read_info().map_err(damaged)?;
    let info = reader.info();
    check_size(info.width, info.height)?;
    let dpi = info.pixel_dims.and_then(|d| {
        (d.unit == png::Unit::Meter && d.xppu > 0)
            .then(|| (f64::from(d.xppu) * 0.0254).round() as u32)
    });
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| ImageError("PNG picture too large".into()))?;
    let mut buf = vec![0; size];
    let out = reader.next_frame(&mut buf).map_err(damaged)?;
    let channels = out.color_type.samples();
    let (w, h) = (out.width, out.height);
    let stride = out.line_size;
    let mut data = Vec::with_capacity(w as usize * h as usize);
    for row in buf.chunks(stride).take(h as usize) {
        for px in row.chunks(channels).take(w as usize) {
            let colour = match channels {
                1 | 2 => px[0],
                _ => px[..3].iter().copied().max().unwrap_or(255),
            };
            // Transparent pixels are paper.
            let alpha = if channels == 2 || channels == 4 {
                px[channels - 1]
            } else {
                255
            };
            data.push(255 - ((255 - u16::from(colour)) * u16::from(alpha) / 255) as u8);
        }
    }
    if data.len() != w as usize * h as usize {
        return Err(ImageError("damaged PNG picture: short image data".into()));
    }
    Ok((
        Gray {
            width: w,
            height: h,
            data,
        },
        dpi,
    ))
}

/// The density of a JFIF JPEG's APP0 segment (units 1: per inch, 2: per cm).
fn jfif_dpi(bytes: &[u8]) -> Option<u32> {
    let app0 = bytes.get(2..20)?;
    if app0[..2] != [0xFF, 0xE0] || &app0[4..9] != b"JFIF\0" {
        return None;
    }
    let units = app0[11];
    let x = u32::from(u16::from_be_bytes([app0[12], app0[13]]));
    match units {
        1 => Some(x),
        2 => Some((f64::from(x) * 2.54).round() as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, ppm: Option<u32>) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut e = png::Encoder::new(&mut out, width, height);
            e.set_color(png::ColorType::Rgb);
            e.set_depth(png::BitDepth::Eight);
            if let Some(p) = ppm {
                e.set_pixel_dims(Some(png::PixelDimensions {
                    xppu: p,
                    yppu: p,
                    unit: png::Unit::Meter,
                }));
            }
            let mut w = e.write_header().unwrap();
            let mut data = vec![255u8; (width * height * 3) as usize];
            data[0..3].copy_from_slice(&[0, 0, 0]);
            data[3..6].copy_from_slice(&[255, 0, 0]);
            w.write_image_data(&data).unwrap();
        }
        out
    }

    #[test]
    fn png_decodes_to_grey_with_its_density() {
        let (img, dpi) = decode(&png(3, 2, Some(7874))).unwrap();
        assert_eq!((img.width, img.height), (3, 2));
        // Black stays black, red (ink of a seal) fades to white.
        assert_eq!(&img.data[..3], &[0, 255, 255]);
        assert_eq!(dpi, 200);
        assert_eq!(decode(&png(3, 2, None)).unwrap().1, DEFAULT_DPI);
    }

    #[test]
    fn damaged_pictures_are_errors() {
        let mut p = png(50, 50, None);
        p.truncate(p.len() / 2);
        assert!(decode(&p).is_err());
        assert!(decode(b"GIF89a").is_err());
        for cut in 0..40 {
            let _ = decode(&png(8, 8, None)[..cut]);
        }
    }

    #[test]
    fn small_pictures_are_not_pages() {
        let pics = vec![Picture {
            name: "logo.png".into(),
            bytes: png(120, 40, None),
        }];
        let e = ocr_into(Document::new(xxgk_model::Format::Docx), pics).unwrap_err();
        assert!(e.contains("none a page image"), "{e}");
    }
}
