//! PDFs whose text layer cannot be read: the glyphs are drawn, but their fonts map them to no
//! text (a Type 3 font without `ToUnicode`, a subset font re-encoded by a PostScript round
//! trip or a "print to PDF" driver, codes that decode to Latin letters and punctuation). Such
//! pages are drawn by poppler's `pdftoppm` and read by OCR like scans.
//!
//! - [`unreadable`]: whether a document's text is no Chinese text at all;
//! - [`read`]: every page drawn and read by OCR;
//! - `pdftoppm` is found at run time (`XXGK_PDFTOPPM`, else `pdftoppm` on `PATH`) and fed the
//!   PDF on standard input; it writes one page as a grey PGM.

use crate::image::{check_size, Gray};
use crate::ocr::{add_page, tesseract, Frame, OCR_NOTE};
use crate::IngestError;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xxgk_model::{BBox, Block, Document, Page};

/// What to install when `pdftoppm` is missing.
pub const INSTALL_HINT: &str = "install poppler's pdftoppm: apt-get install poppler-utils";

/// Resolution the pages are drawn at: the grey corpus scan's, which the OCR reads to its truth.
/// On the 26 PostScript round trips of held-out set h16 (docs/design-linear-text.md §18), 200 dpi read
/// 2,369 cells right and 300 dpi 2,246.
pub const DPI: u32 = 200;

/// Fewest characters (not whitespace) a text layer must show before it is judged.
const MIN_CHARS: usize = 200;
/// A report's text is Chinese: fewer ideographs than one character in this many is no text.
const HAN_RATIO: usize = 20;
/// Codes taken for characters print as symbols: at least one character in this many is one
/// (`#$&*+<=@[\]^_`, Latin-1's `ÜÌéè¡Ç`), where text in Latin letters has almost none.
const SYMBOL_RATIO: usize = 10;
/// Most pages drawn and read by OCR: an annual report has a few dozen at most.
pub const MAX_PAGES: usize = 200;

/// Why the pages were read by OCR (the report's note).
pub const UNREADABLE_NOTE: &str = "the text layer cannot be read (its fonts map the glyphs to no \
     Chinese text); the pages were drawn by pdftoppm and read by OCR";

/// Whether the text of `pages` (lines as read from the glyphs) holds almost no ideograph among
/// [`MIN_CHARS`] or more characters, and many symbols: the fonts' codes were taken for Latin
/// letters and punctuation (`#$%&'()*+,-./0123456789:;<=`), which no annual report is written
/// in. A page of a table's digits is legible; so is text in Latin letters (not a report,
/// said quickly instead of after OCR).
pub fn unreadable(pages: &[Page]) -> bool {
    let (mut chars, mut han, mut symbols) = (0usize, 0usize, 0usize);
    for page in pages {
        for block in &page.blocks {
            let Block::Line(line) = block else { continue };
            for c in line.text.chars().filter(|c| !c.is_whitespace()) {
                chars += 1;
                han += usize::from(is_ideograph(c));
                symbols += usize::from(is_symbol(c));
            }
        }
    }
    chars >= MIN_CHARS && han * HAN_RATIO < chars && symbols * SYMBOL_RATIO >= chars
}

/// A character that is neither a letter or digit of ASCII, nor an ideograph, nor punctuation
/// of ordinary text.
fn is_symbol(c: char) -> bool {
    !(c.is_ascii_alphanumeric() || is_ideograph(c) || ".,;:!?'\"()-/%".contains(c))
}

/// An ideograph as fonts map them: unified (and extension A), or the radicals and
/// compatibility ideographs many PDF fonts give common characters (⼈⺠ for 人民).
fn is_ideograph(c: char) -> bool {
    xxgk_model::text::is_han(c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || ('\u{2e80}'..='\u{2fdf}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
}

/// The program to run.
pub fn program() -> String {
    std::env::var("XXGK_PDFTOPPM")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "pdftoppm".to_string())
}

/// `Ok` when the program runs; otherwise what is missing.
pub fn check() -> Result<(), String> {
    Command::new(program())
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|_| ())
        .map_err(|_| format!("pdftoppm was not found; {INSTALL_HINT}"))
}

/// Every page of the PDF (`sizes`: each page's number, width and height in points, turned as
/// shown) drawn and read by OCR. `why` says what was wrong with the text layer.
pub fn read(
    bytes: &[u8],
    sizes: &[(u32, f64, f64)],
    title: Option<String>,
    why: &str,
) -> Result<Document, IngestError> {
    if sizes.len() > MAX_PAGES {
        return Err(IngestError::unsupported(format!(
            "{why}; its {} pages are more than the {MAX_PAGES} xxgk draws and reads by OCR",
            sizes.len()
        )));
    }
    check()
        .and_then(|()| tesseract::check())
        .map_err(|missing| IngestError::unsupported(format!("{why}; {missing}")))?;
    let mut doc = Document::new(xxgk_model::Format::Pdf);
    doc.title_hint = title;
    doc.notes.push(UNREADABLE_NOTE.to_string());
    doc.notes.push(OCR_NOTE.to_string());
    let mut pages_read = 0;
    for &(number, width, height) in sizes {
        if xxgk_model::budget::expired_now() {
            doc.notes
                .push("the time budget ran out while reading drawn pages by OCR".to_string());
            break;
        }
        let frame = Frame {
            number,
            width,
            height,
            bbox: BBox::new(0.0, 0.0, width, height),
        };
        let drawn = page(bytes, number, dpi_for(width, height));
        if add_page(&mut doc, drawn, &frame) {
            pages_read += 1;
        }
    }
    if pages_read == 0 {
        let last = doc.notes.last().cloned().unwrap_or_default();
        return Err(IngestError::unsupported(format!(
            "{why}, and OCR read no drawn page ({last})"
        )));
    }
    if doc.pages.iter().all(|p| p.blocks.is_empty()) {
        return Err(IngestError::unsupported(format!(
            "{why}, and OCR found no text on the drawn pages"
        )));
    }
    Ok(doc)
}

/// Most pixels a drawn page may have (ten A4 pages at [`DPI`]): a larger page is drawn at a
/// lower resolution, so that one page's image stays within bounded memory.
const MAX_PIXELS: f64 = 40e6;
/// Longest `pdftoppm` may take over one page before it is stopped.
const MAX_DRAW: Duration = Duration::from_secs(60);

/// The resolution a page of `width` × `height` points is drawn at: [`DPI`], or less for a
/// page larger than [`MAX_PIXELS`] allow (the OCR then refuses it below its least dpi).
pub fn dpi_for(width: f64, height: f64) -> u32 {
    let square_inches = (width / 72.0) * (height / 72.0);
    if !square_inches.is_finite() || square_inches <= 0.0 {
        return DPI;
    }
    let fit = (MAX_PIXELS / square_inches).sqrt().floor();
    if fit >= f64::from(DPI) {
        DPI
    } else {
        fit.max(1.0) as u32
    }
}

/// Page `number` (1-based) drawn in grey at `dpi`. `pdftoppm` reads the PDF on standard input
/// and is stopped when it runs past [`MAX_DRAW`] or the file's time budget.
pub fn page(bytes: &[u8], number: u32, dpi: u32) -> Result<Gray, String> {
    let mut child = Command::new(program())
        .args(["-r", &dpi.to_string(), "-gray", "-f"])
        .arg(number.to_string())
        .arg("-l")
        .arg(number.to_string())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| format!("pdftoppm could not be started; {INSTALL_HINT}"))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| "pdftoppm's input could not be opened".to_string())?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| "pdftoppm's output could not be opened".to_string())?;
    let pdf = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&pdf));
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).map(|_| out)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < MAX_DRAW && !xxgk_model::budget::expired_now() => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "pdftoppm was stopped drawing page {number} (too long)"
                ));
            }
            Err(e) => return Err(format!("pdftoppm failed: {e}")),
        }
    };
    let _ = writer.join();
    let out = reader
        .join()
        .map_err(|_| "pdftoppm's output was lost".to_string())?
        .map_err(|e| format!("pdftoppm's output could not be read: {e}"))?;
    if !status.success() {
        return Err(format!("pdftoppm could not draw page {number} ({status})"));
    }
    parse_pgm(&out)
}

/// A binary PGM (`P5`, 8-bit) as written by `pdftoppm -gray`.
pub fn parse_pgm(bytes: &[u8]) -> Result<Gray, String> {
    let bad = || "pdftoppm wrote no 8-bit grey image".to_string();
    let mut fields = Vec::with_capacity(4);
    let mut at = 0;
    while fields.len() < 4 {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        if bytes.get(at) == Some(&b'#') {
            while bytes.get(at).is_some_and(|&b| b != b'\n') {
                at += 1;
            }
            continue;
        }
        let start = at;
        while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace()) {
            at += 1;
        }
        if start == at {
            return Err(bad());
        }
        fields.push(std::str::from_utf8(&bytes[start..at]).map_err(|_| bad())?);
    }
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    if fields[0] != "P5" || number(fields[3])? != 255 {
        return Err(bad());
    }
    let (width, height) = (number(fields[1])?, number(fields[2])?);
    check_size(width, height).map_err(|e| e.to_string())?;
    // One whitespace byte ends the header.
    let data = bytes.get(at + 1..).ok_or_else(bad)?;
    let len = width as usize * height as usize;
    if data.len() < len {
        return Err(bad());
    }
    Ok(Gray {
        width,
        height,
        data: data[..len].to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_model::Line;

    fn page_of(lines: &[&str]) -> Page {
        Page {
            number: 1,
            blocks: lines
                .iter()
                .map(|t| {
                    Block::Line(Line {
                        text: t.to_string(),
                        ..Line::default()
                    })
                })
                .collect(),
            ..Page::default()
        }
    }

    /// Text as `pdftotext` and xxgk read it from ps2pdf's Type 3 fonts and mutool's re-encoded
    /// subsets of corpus PDFs: Latin letters and punctuation for ideographs.
    #[test]
    fn latin_codes_for_ideographs_are_unreadable_and_chinese_text_is_not() {
        let garbled = [
            "#$%&'()%*+,-./0123456789:;<= 9:;>?",
            "@+ AB9:; C DE C FG9:;HIJ< KL",
            "MNO9:;PQR 01JST2/01UVWJXYZ[\\ ]^]] _ ` a ` bc",
            "]^]] _ `] a d` b2/01efghI#$%&'()%*+,ijklm2no/",
            "01pK\"Bq#$%&'()%*+,rstuevw^x`yz{d|^^^^^2",
            "ÜÌm;2 éè!dû¡Ç2E# tC Ä´ÁP©Ì pý³ÃAs3PýËs4O½ùÏR,&",
        ];
        assert!(unreadable(&[page_of(&garbled)]));
        let report = [
            "淮安市人民政府2024年政府信息公开工作年度报告",
            "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119",
            "3001 34 1288 447 2 30 5 6 7 12 9 105 746 53 0 21 7 0 1 0 0 1 0 0 0 12",
            "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 61 0 50 0 0 0 0 0",
            "11 1 56 25 0 0 1 67 6 108 2932 103 0 0 6 0 0 0 0 3 0 2 53 0 0 0 0 0 0 0",
        ];
        assert!(!unreadable(&[page_of(&report)]));
        // Too little text to judge (a cover page): not unreadable.
        assert!(!unreadable(&[page_of(&garbled[..1])]));
        // Text in Latin letters is text (not a report, but no OCR either).
        let english = ["Annual report page: the office received 12 requests (3 granted)."; 8];
        assert!(!unreadable(&[page_of(&english)]));
    }

    #[test]
    fn a_page_too_large_for_the_pixel_budget_is_drawn_at_a_lower_resolution() {
        assert_eq!(dpi_for(595.0, 842.0), DPI);
        assert_eq!(dpi_for(842.0, 1191.0), DPI);
        // 14400 pt square (200 inches): 40e6 pixels at 31 dpi, not 1.6e9 at 200.
        assert_eq!(dpi_for(14_400.0, 14_400.0), 31);
        assert_eq!(dpi_for(0.0, 842.0), DPI);
    }

    #[test]
    fn a_grey_pgm_is_read_and_others_are_refused() {
        let img = parse_pgm(b"P5\n# pdftoppm\n3 2\n255\n\x00\x80\xff\x01\x02\x03").unwrap();
        assert_eq!((img.width, img.height), (3, 2));
        assert_eq!(img.data, vec![0, 0x80, 0xff, 1, 2, 3]);
        assert!(parse_pgm(b"P6\n3 2\n255\n").is_err());
        assert!(parse_pgm(b"P5\n3 2\n255\n\x00").is_err());
        assert!(parse_pgm(b"P5\n3").is_err());
    }
}
