//! Damaged copies of the corpus PDF: truncations, byte flips, cross-reference damage, absurd
//! lengths, deep form nesting and huge operator counts. Every variant must give `Ok` or an
//! error value, and must not panic: a panic hook counts panics, including any that the
//! batch's last-line `catch_unwind` would turn into an error.

mod pdf_support;

use lopdf::{dictionary, Dictionary};
use pdf_support::{font_resources, Builder};
use std::sync::atomic::{AtomicUsize, Ordering};
use xxgk_ingest::pdf;

const PDF: &[u8] = include_bytes!("../../../corpus/reports/huaian-2024.pdf");

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// A small deterministic generator (xorshift), so the variants are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

fn variants() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let n = PDF.len();
    // Truncations: spread over the file, plus the very start and end.
    for i in 0..100 {
        let cut = if i < 90 {
            n * i / 90
        } else {
            n - 1 - rng.below(2000)
        };
        out.push((format!("truncated at {cut}"), PDF[..cut].to_vec()));
    }
    // Single and burst byte flips.
    for i in 0..160 {
        let mut v = PDF.to_vec();
        let flips = if i % 3 == 0 { 16 } else { 1 };
        let at = rng.below(n);
        for k in 0..flips {
            let p = (at + k * 7) % n;
            v[p] ^= 1 << rng.below(8);
        }
        out.push((format!("{flips} flip(s) at {at}"), v));
    }
    // Cross-reference damage: the startxref offset, the xref keyword, entries.
    let startxref = find_all(PDF, b"startxref");
    for (k, &at) in startxref.iter().enumerate() {
        for replacement in [
            &b"startxref\n0\n"[..],
            b"startxref\n99999999\n",
            b"startxref\n-5\n",
            b"startxref\nabc\n",
        ] {
            let mut v = PDF.to_vec();
            let end = (at + 30).min(n);
            v.splice(at..end, replacement.iter().copied());
            out.push((format!("startxref {k} replaced"), v));
        }
    }
    for &at in find_all(PDF, b"xref").iter().take(10) {
        let mut v = PDF.to_vec();
        v[at..at + 4].copy_from_slice(b"xxxx");
        out.push((format!("xref keyword at {at}"), v));
        let mut v = PDF.to_vec();
        let end = (at + 400).min(n);
        for b in &mut v[at + 5..end] {
            if b.is_ascii_digit() {
                *b = b'0' + ((*b - b'0' + 3) % 10);
            }
        }
        out.push((format!("xref entries at {at} shifted"), v));
    }
    // Absurd stream lengths and broken object boundaries.
    for (k, &at) in find_all(PDF, b"/Length ").iter().enumerate().take(40) {
        let mut v = PDF.to_vec();
        let digits = v[at + 8..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let absurd: &[u8] = if k % 2 == 0 { b"999999999" } else { b"0" };
        v.splice(at + 8..at + 8 + digits, absurd.iter().copied());
        out.push((format!("absurd /Length #{k}"), v));
    }
    for (k, &at) in find_all(PDF, b"endobj")
        .iter()
        .enumerate()
        .step_by(5)
        .take(20)
    {
        let mut v = PDF.to_vec();
        v[at..at + 6].copy_from_slice(b"endxxx");
        out.push((format!("endobj #{k} broken"), v));
    }
    for (k, &at) in find_all(PDF, b"stream")
        .iter()
        .enumerate()
        .step_by(4)
        .take(20)
    {
        let mut v = PDF.to_vec();
        let end = (at + 64).min(n);
        for b in &mut v[at + 8..end] {
            *b = b.wrapping_mul(31).wrapping_add(7);
        }
        out.push((format!("stream #{k} scrambled"), v));
    }
    out
}

/// Forms nested 200 deep, forms drawing each other, and a page of a million operators.
fn hostile_variants() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut b = Builder::new();
    let f1 = b.helvetica();
    let mut inner = b.stream(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 9.into(), 9.into()],
            "Resources" => font_resources(&[("F1", f1)]) },
        b"BT /F1 10 Tf (deep) Tj ET",
    );
    for _ in 0..200 {
        inner = b.stream(
            dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 9.into(), 9.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 1.into(), 1.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "X" => inner } } },
            b"q /X Do Q /X Do",
        );
    }
    b.page(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm (top) Tj ET /X Do",
        {
            let mut r = font_resources(&[("F1", f1)]);
            r.set("XObject", dictionary! { "X" => inner });
            r
        },
        Dictionary::new(),
    );
    out.push((
        "forms nested 200 deep, each drawn twice".to_string(),
        b.finish(),
    ));

    let mut b = Builder::new();
    let f1 = b.helvetica();
    let mut content = String::from("BT /F1 10 Tf 1 0 0 1 100 700 Tm (ok) Tj ET\n");
    for _ in 0..100_000 {
        content.push_str("q 1 0 0 1 0 0 cm 0 0 m 1 1 l S Q (x) Tj\n");
    }
    b.page(&content, font_resources(&[("F1", f1)]), Dictionary::new());
    out.push(("a million operators".to_string(), b.finish()));
    out
}

#[test]
fn damaged_inputs_never_panic() {
    std::panic::set_hook(Box::new(|info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        eprintln!("panic: {info}");
    }));
    let mut all = variants();
    all.extend(hostile_variants());
    assert!(all.len() >= 300, "only {} variants", all.len());
    let mut ok = 0;
    let mut errors = 0;
    for (name, bytes) in &all {
        let before = PANICS.load(Ordering::SeqCst);
        match pdf::read(bytes) {
            Ok(doc) => {
                ok += 1;
                assert!(
                    doc.pages.len() <= 6 || name.contains("operators") || name.contains("forms")
                );
                if name.starts_with("truncated") {
                    assert!(
                        !doc.notes.is_empty(),
                        "{name}: read without a note of the damage"
                    );
                }
            }
            Err(e) => {
                errors += 1;
                assert!(!e.message.is_empty(), "{name}: empty message");
            }
        }
        assert_eq!(
            PANICS.load(Ordering::SeqCst),
            before,
            "{name}: the reader panicked"
        );
    }
    let _ = std::panic::take_hook();
    eprintln!("{} variants: {ok} read, {errors} errors", all.len());
    assert_eq!(ok + errors, all.len());
    // The damage is real: some variants fail, and lopdf's repair keeps most readable.
    assert!(errors > 0, "no variant failed");
    assert!(
        ok > all.len() / 2,
        "only {ok} of {} variants read",
        all.len()
    );
}
