//! Fuzz the image decoders used by OCR (issue 12): JPEG, CCITT G3/G4, JBIG2, raw samples with
//! PNG/TIFF predictors. The first byte picks the decoder, the next four the size (up to 2047 × 2047, so
//! that the size check passes and the decoder itself is exercised); the rest is the data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk_ingest::image::{self, Samples};

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let Some((size, body)) = rest.split_at_checked(4) else {
        return;
    };
    let w = (u16::from_le_bytes([size[0], size[1]]) & 0x7ff) as u32;
    let h = (u16::from_le_bytes([size[2], size[3]]) & 0x7ff) as u32;
    match head % 6 {
        0 => {
            let _ = image::decode_jpeg(body, (w.max(1), h.max(1)));
        }
        1 => {
            let _ = image::decode_ccitt(body, w, h, -1, head & 0x80 != 0);
        }
        2 => {
            let _ = image::decode_ccitt(body, w, h, 0, head & 0x80 != 0);
        }
        3 => {
            let predictor = [1, 2, 10, 11, 12, 13, 14, 15][(head >> 3) as usize % 8];
            let bits = [1u8, 2, 4, 8, 16][(head >> 6) as usize % 4 + usize::from(head & 1)];
            if let Ok(raw) = image::unpredict(body, predictor, 1, bits as usize, w as usize) {
                let _ = image::decode_samples(&raw, Samples {
                    width: w,
                    height: h,
                    components: 1,
                    bits,
                    inverted: false,
                });
            }
        }
        5 => {
            // JBIG2: the first half of the body as globals when the head says so.
            let (globals, page) = body.split_at(if head & 0x80 != 0 { body.len() / 2 } else { 0 });
            let _ = image::decode_jbig2(page, (!globals.is_empty()).then_some(globals), (w, h));
        }
        _ => {
            let components = [1u8, 3, 4][(head >> 3) as usize % 3];
            let _ = image::decode_samples(body, Samples {
                width: w,
                height: h,
                components,
                bits: 8,
                inverted: head & 0x80 != 0,
            });
        }
    }
});
