//! Scan images in the encodings scanners and PDF optimisers write, decoded to the same pixels.
//!
//! `fixtures/pdf/huaian-2024-g4-jbig2.pdf` is pages 3–5 (tables 二, 三, 四) of the corpus's G4
//! scan `corpus/reports/scans/huaian-2024-g4.pdf` with each page image re-encoded as JBIG2
//! (`corpus/gen/make_jbig2.py`: a generic region, arithmetic coding, typical prediction, as
//! `jbig2enc -p` writes it; checked there with the reference decoder `jbig2dec`). Decoding it
//! must give exactly the G4 pages' pixels, so OCR reads it exactly as it reads the G4 scan.

use xxgk_ingest::image::Gray;
use xxgk_ingest::pdf;

const G4: &[u8] = include_bytes!("../../../corpus/reports/scans/huaian-2024-g4.pdf");
const JBIG2: &[u8] = include_bytes!("fixtures/pdf/huaian-2024-g4-jbig2.pdf");

/// The page images of a PDF, decoded, page by page.
fn page_images(bytes: &[u8]) -> Vec<Gray> {
    let raw = pdf::extract(bytes).expect("the PDF opens");
    let doc = pdf::load::load(bytes).expect("the PDF loads");
    raw.pages
        .iter()
        .map(|page| {
            let scan = pdf::images::page_scan(&page.images, page.width, page.height)
                .expect("a page-size image");
            pdf::images::decode(&doc, &scan).expect("the image decodes")
        })
        .collect()
}

fn ink(img: &Gray) -> usize {
    img.data.iter().filter(|&&v| v < 128).count()
}

#[test]
fn a_jbig2_scan_decodes_to_the_pixels_of_the_same_g4_scan() {
    let g4 = page_images(G4);
    let jbig2 = page_images(JBIG2);
    assert_eq!((g4.len(), jbig2.len()), (6, 3));
    for (i, (j, g)) in jbig2.iter().zip(&g4[2..5]).enumerate() {
        assert_eq!((j.width, j.height), (2480, 3509), "page {}", i + 3);
        // Printed pages, not blank ones: the table's rulings and digits are ink.
        assert!(ink(g) > 100_000, "page {}: {} black pixels", i + 3, ink(g));
        assert!(j.data == g.data, "page {}: the JBIG2 pixels differ", i + 3);
    }
}

#[test]
fn a_damaged_jbig2_image_is_an_error_or_a_page_of_its_size_never_a_panic() {
    let raw = pdf::extract(JBIG2).expect("the PDF opens");
    let page = &raw.pages[0];
    let scan = pdf::images::page_scan(&page.images, page.width, page.height).expect("an image");
    let with_content = |content: &[u8]| {
        let mut doc = pdf::load::load(JBIG2).expect("the PDF loads");
        let stream = doc
            .get_object_mut(scan.id)
            .and_then(|o| o.as_stream_mut())
            .expect("the image stream");
        stream.set_content(content.to_vec());
        pdf::images::decode(&doc, &scan)
    };
    let err = with_content(b"not JBIG2 data at all").expect_err("no segments");
    assert!(err.0.starts_with("damaged JBIG2 image"), "{}", err.0);
    let whole = with_content(&[]).expect_err("no data");
    assert!(whole.0.contains("JBIG2"), "{}", whole.0);
    // Cut short inside the coded region: what was decoded, on a page of the announced size
    // (hayro-jbig2 reads damaged data as far as it goes, like the other decoders).
    let mut doc = pdf::load::load(JBIG2).expect("the PDF loads");
    let content = doc
        .get_object(scan.id)
        .and_then(|o| o.as_stream())
        .expect("the image stream")
        .content
        .clone();
    for cut in [60, content.len() / 2] {
        let stream = doc
            .get_object_mut(scan.id)
            .and_then(|o| o.as_stream_mut())
            .expect("the image stream");
        stream.set_content(content[..cut].to_vec());
        if let Ok(img) = pdf::images::decode(&doc, &scan) {
            assert_eq!((img.width, img.height), (2480, 3509), "cut at {cut}");
        }
    }
}
