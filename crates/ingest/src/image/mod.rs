//! Raster images: decoding (JPEG, CCITT G3/G4, JBIG2, raw samples with PNG/TIFF predictors) into one
//! 8-bit grey [`Gray`] image, and the pixel operations OCR needs ([`ops`]).
//!
//! Format-independent: the PDF reader hands over an image stream's bytes and parameters; saved
//! web pages and DOCX files could hand over their pictures the same way. Colour becomes grey by
//! the lightest channel, so coloured ink (a red seal) fades into the paper and black text stays.
//!
//! Untrusted input: the size is checked against [`MAX_PIXELS`] *before* anything is decoded,
//! every decoder is bounded by that size, and nothing here panics on bad data.

pub mod ops;

use zune_core::bytestream::ZCursor;
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;

/// Largest image decoded (width × height): 60 megapixels, an A3 page at 600 dpi. A 20,000 ×
/// 20,000 image is refused with a message instead.
pub const MAX_PIXELS: u64 = 60_000_000;
/// Largest side accepted.
pub const MAX_SIDE: u32 = 30_000;

/// An 8-bit grey image, row-major, 0 black … 255 white.
#[derive(Debug, Clone, PartialEq)]
pub struct Gray {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Gray {
    /// A white image; `None` when the size is refused.
    pub fn white(width: u32, height: u32) -> Option<Gray> {
        check_size(width, height).ok()?;
        Some(Gray {
            width,
            height,
            data: vec![255; width as usize * height as usize],
        })
    }

    pub fn get(&self, x: u32, y: u32) -> u8 {
        if x >= self.width || y >= self.height {
            return 255;
        }
        self.data[y as usize * self.width as usize + x as usize]
    }

    /// PGM (P5) bytes, the simplest format Tesseract reads from standard input.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }
}

/// Why an image could not be decoded; the message names the image's problem.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageError(pub String);

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Refuse sizes that are empty or too large to decode within bounded memory.
pub fn check_size(width: u32, height: u32) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError(format!("empty image ({width} × {height})")));
    }
    if width > MAX_SIDE || height > MAX_SIDE || width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImageError(format!(
            "image of {width} × {height} pixels is larger than the {} megapixels xxgk decodes",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// How raw samples are laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Samples {
    pub width: u32,
    pub height: u32,
    /// 1 (grey), 3 (RGB) or 4 (CMYK).
    pub components: u8,
    /// 1, 2, 4, 8 or 16.
    pub bits: u8,
    /// `/Decode [1 0]` (or an image mask painted where 0): dark and light swapped.
    pub inverted: bool,
}

/// A JPEG (PDF DCTDecode) as grey; `expected` is the size the container announced.
pub fn decode_jpeg(bytes: &[u8], expected: (u32, u32)) -> Result<Gray, ImageError> {
    check_size(expected.0, expected.1)?;
    let options = DecoderOptions::default()
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder
        .decode_headers()
        .map_err(|e| ImageError(format!("damaged JPEG image: {e:?}")))?;
    let info = decoder
        .info()
        .ok_or_else(|| ImageError("damaged JPEG image: no header".into()))?;
    let (w, h) = (info.width as u32, info.height as u32);
    check_size(w, h)?;
    let input = decoder.input_colorspace();
    let out_space = match input {
        Some(ColorSpace::CMYK) | Some(ColorSpace::YCCK) => ColorSpace::CMYK,
        Some(ColorSpace::Luma) => ColorSpace::Luma,
        _ => ColorSpace::RGB,
    };
    let options = options.jpeg_set_out_colorspace(out_space);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    let pixels = decoder
        .decode()
        .map_err(|e| ImageError(format!("damaged JPEG image: {e:?}")))?;
    let components = match out_space {
        ColorSpace::CMYK => 4,
        ColorSpace::Luma => 1,
        _ => 3,
    };
    // Adobe CMYK JPEGs are stored inverted.
    let inverted = components == 4;
    to_gray(&pixels, w, h, components, inverted)
}

/// CCITT fax data (PDF CCITTFaxDecode): `k` < 0 is Group 4, otherwise Group 3.
/// `black_is_1` as the PDF parameter `/BlackIs1`.
pub fn decode_ccitt(
    bytes: &[u8],
    width: u32,
    height: u32,
    k: i64,
    black_is_1: bool,
) -> Result<Gray, ImageError> {
    check_size(width, height)?;
    let mut img = Gray {
        width,
        height,
        data: vec![255; width as usize * height as usize],
    };
    let mut row = 0u32;
    let mut line = |transitions: &[u32]| {
        if row >= height {
            return;
        }
        let start = row as usize * width as usize;
        for (x, colour) in fax::decoder::pels(transitions, width).enumerate() {
            if colour == fax::Color::Black {
                img.data[start + x] = 0;
            }
        }
        row += 1;
    };
    let ok = if k < 0 {
        fax::decoder::decode_g4(bytes.iter().copied(), width, Some(height), &mut line)
    } else {
        fax::decoder::decode_g3(bytes.iter().copied(), &mut line)
    };
    if ok.is_none() && row == 0 {
        return Err(ImageError("damaged CCITT fax image".into()));
    }
    if black_is_1 {
        // The decoder's "black" is a 1 bit; with BlackIs1 false (the default) 0 bits are black,
        // which is what the decoder reports as black already.
        ops::invert(&mut img);
    }
    Ok(img)
}

/// JBIG2 data in the embedded organisation (PDF `JBIG2Decode`), with the `JBIG2Globals`
/// segments its page may refer to (symbol dictionaries shared by the pages of a scan). A JBIG2
/// 1 is ink: black here. `expected` is the size the container announced; the page's own size
/// is checked before anything is decoded, and it must match.
pub fn decode_jbig2(
    bytes: &[u8],
    globals: Option<&[u8]>,
    expected: (u32, u32),
) -> Result<Gray, ImageError> {
    check_size(expected.0, expected.1)?;
    let damaged = |e: hayro_jbig2::DecodeError| ImageError(format!("damaged JBIG2 image: {e}"));
    let settings = hayro_jbig2::DecodeSettings::default();
    let globals = globals
        .map(|g| hayro_jbig2::Globals::new(g, &settings))
        .transpose()
        .map_err(damaged)?;
    let page =
        hayro_jbig2::Page::new_embedded(bytes, globals.as_ref(), &settings).map_err(damaged)?;
    let (width, height) = (page.width(), page.height());
    check_size(width, height)?;
    if (width, height) != expected {
        return Err(ImageError(format!(
            "JBIG2 image of {width} × {height} pixels where the PDF says {} × {}",
            expected.0, expected.1
        )));
    }
    let mut sink = Jbig2Sink::new(width, height);
    page.decode(&mut sink).map_err(damaged)?;
    Ok(sink.finish())
}

/// Collects the rows hayro-jbig2 pushes into a [`Gray`], never past its size.
struct Jbig2Sink {
    img: Gray,
    row: usize,
    x: usize,
}

impl Jbig2Sink {
    fn new(width: u32, height: u32) -> Self {
        let img = Gray {
            width,
            height,
            data: vec![255; width as usize * height as usize],
        };
        Jbig2Sink { img, row: 0, x: 0 }
    }

    fn put(&mut self, black: bool, count: usize) {
        let width = self.img.width as usize;
        if self.row >= self.img.height as usize || self.x >= width {
            return;
        }
        let n = count.min(width - self.x);
        if black {
            let start = self.row * width + self.x;
            self.img.data[start..start + n].fill(0);
        }
        self.x += n;
    }

    fn finish(self) -> Gray {
        self.img
    }
}

impl hayro_jbig2::Decoder for Jbig2Sink {
    fn push_pixel(&mut self, black: bool) {
        self.put(black, 1);
    }

    fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
        self.put(black, chunk_count as usize * 8);
    }

    fn next_line(&mut self) {
        self.row += 1;
        self.x = 0;
    }
}

/// Undo PNG (10–15) or TIFF (2) predictors on decompressed rows.
pub fn unpredict(
    data: &[u8],
    predictor: i64,
    colors: usize,
    bits: usize,
    columns: usize,
) -> Result<Vec<u8>, ImageError> {
    let bpp = (colors * bits).div_ceil(8).max(1);
    let row_len = (columns * colors * bits).div_ceil(8);
    match predictor {
        0 | 1 => Ok(data.to_vec()),
        2 if bits == 8 => {
            let mut out = data.to_vec();
            for row in out.chunks_mut(row_len.max(1)) {
                for i in bpp..row.len() {
                    row[i] = row[i].wrapping_add(row[i - bpp]);
                }
            }
            Ok(out)
        }
        10..=15 => {
            let mut out = Vec::with_capacity(data.len());
            let mut prev = vec![0u8; row_len];
            for chunk in data.chunks(row_len + 1) {
                let (&kind, row) = chunk
                    .split_first()
                    .ok_or_else(|| ImageError("damaged image data".into()))?;
                let mut cur = row.to_vec();
                cur.resize(row_len, 0);
                for i in 0..row_len {
                    let a = if i >= bpp { cur[i - bpp] } else { 0 };
                    let b = prev[i];
                    let c = if i >= bpp { prev[i - bpp] } else { 0 };
                    cur[i] = cur[i].wrapping_add(match kind {
                        1 => a,
                        2 => b,
                        3 => ((a as u16 + b as u16) / 2) as u8,
                        4 => paeth(a, b, c),
                        _ => 0,
                    });
                }
                out.extend_from_slice(&cur);
                prev = cur;
            }
            Ok(out)
        }
        _ => Err(ImageError(format!(
            "unsupported image predictor {predictor}"
        ))),
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Raw samples (after any predictor) as grey. Short data leaves the rest white.
pub fn decode_samples(data: &[u8], s: Samples) -> Result<Gray, ImageError> {
    check_size(s.width, s.height)?;
    if !matches!(s.bits, 1 | 2 | 4 | 8 | 16) || !matches!(s.components, 1 | 3 | 4) {
        return Err(ImageError(format!(
            "unsupported image layout ({} components, {} bits)",
            s.components, s.bits
        )));
    }
    let (w, h) = (s.width as usize, s.height as usize);
    let comps = s.components as usize;
    let bits = s.bits as usize;
    let row_len = (w * comps * bits).div_ceil(8);
    let max = (1u32 << bits.min(8)) - 1;
    let mut eight = vec![0u8; w * h * comps];
    for y in 0..h {
        let Some(row) = data.get(y * row_len..(y + 1) * row_len) else {
            eight[y * w * comps..].fill(255);
            break;
        };
        for i in 0..w * comps {
            let v = match bits {
                8 => row[i] as u32,
                16 => row[2 * i] as u32,
                _ => {
                    let bit = i * bits;
                    let byte = row[bit / 8] as u32;
                    (byte >> (8 - bits - bit % 8)) & max
                }
            };
            let v = if bits == 16 { v } else { v * 255 / max };
            eight[y * w * comps + i] = v as u8;
        }
    }
    to_gray(&eight, s.width, s.height, s.components, s.inverted)
}

/// 8-bit samples of 1, 3 or 4 components to grey: the lightest channel (CMYK: 255 − max ink).
fn to_gray(
    pixels: &[u8],
    width: u32,
    height: u32,
    components: u8,
    inverted: bool,
) -> Result<Gray, ImageError> {
    let n = width as usize * height as usize;
    let comps = components as usize;
    if pixels.len() < n * comps {
        return Err(ImageError(
            "damaged image: fewer samples than pixels".into(),
        ));
    }
    let data: Vec<u8> = pixels
        .chunks_exact(comps)
        .take(n)
        .map(|p| {
            let v = match comps {
                3 => p[0].max(p[1]).max(p[2]),
                4 => {
                    let (c, m, y, k) = if inverted {
                        (255 - p[0], 255 - p[1], 255 - p[2], 255 - p[3])
                    } else {
                        (p[0], p[1], p[2], p[3])
                    };
                    255u8.saturating_sub(c.min(m).min(y).saturating_add(k))
                }
                _ => p[0],
            };
            if inverted && comps != 4 {
                255 - v
            } else {
                v
            }
        })
        .collect();
    Ok(Gray {
        width,
        height,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_images_are_refused_before_decoding() {
        let err = decode_samples(
            &[],
            Samples {
                width: 20_000,
                height: 20_000,
                components: 1,
                bits: 8,
                inverted: false,
            },
        )
        .unwrap_err();
        assert!(err.0.contains("20000 × 20000"), "{err}");
        assert!(decode_ccitt(&[], 20_000, 20_000, -1, false).is_err());
    }

    #[test]
    fn one_bit_samples_unpack() {
        let g = decode_samples(
            &[0b1010_0000],
            Samples {
                width: 4,
                height: 1,
                components: 1,
                bits: 1,
                inverted: false,
            },
        )
        .unwrap();
        assert_eq!(g.data, vec![255, 0, 255, 0]);
    }

    /// Damaged data of every kind ends as an image or an error, never a panic (the scans are
    /// left out of tests/mutation.rs because OCR of each mutant is slow; this covers the
    /// decoders, and the fuzz target `decode_image` goes further).
    #[test]
    fn random_data_never_panics_a_decoder() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let jpeg_head = [0xFFu8, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x00];
        for round in 0..300 {
            let len = (next() % 600) as usize;
            let mut data: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if round % 2 == 0 {
                data.splice(0..0, jpeg_head);
            }
            let (w, h) = ((next() % 300) as u32 + 1, (next() % 300) as u32 + 1);
            let _ = decode_jpeg(&data, (w, h));
            let _ = decode_ccitt(&data, w, h, -1, round % 3 == 0);
            let _ = decode_ccitt(&data, w, h, 0, false);
            for predictor in [2, 10, 12, 15] {
                let _ = unpredict(&data, predictor, 1 + round % 3, 8, w as usize);
            }
            for bits in [1u8, 2, 4, 8, 16] {
                let _ = decode_samples(
                    &data,
                    Samples {
                        width: w,
                        height: h,
                        components: [1, 3, 4][round % 3],
                        bits,
                        inverted: round % 2 == 1,
                    },
                );
            }
        }
    }

    #[test]
    fn png_up_predictor() {
        let rows = [0u8, 1, 2, 2, 1, 1];
        assert_eq!(unpredict(&rows, 12, 1, 8, 2).unwrap(), vec![1, 2, 2, 3]);
    }
}
