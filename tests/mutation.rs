//! End-to-end tests: mutation.
//!
//! Deterministic damage to every corpus file (the real reports and the rendered variants):
//! truncations, byte flips from a fixed-seed PRNG, deleted or garbled xref and trailer, absurd
//! stream lengths, deep nesting, huge spans, shuffled table rows and dropped separators in text.
//! Each damaged file goes through `ingest` → `parse` → `audit::check` on its own thread and must
//! end, within a generous bound, as a Report with a status or as an `IngestError` — never a panic
//! and never a hang. No timing is asserted beyond that bound.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use xxgk_model::{Flag, Status};
use xxgk_tests::corpus_dir;

/// A run that takes longer than this is reported as a hang. A damaged PDF whose text layer
/// no longer maps to Chinese is read by OCR, every page: 21 s alone for split-footer.pdf's
/// five pages on this machine's 2 cores, over 60 s when the mutants share the cores with
/// another build (a CI run failed so). A hang never ends, so the bound leaves room.
const HANG_BOUND: Duration = Duration::from_secs(180);
/// Mutations per file, before the size-based reduction for big files (18: CI's 30 minutes).
const PER_FILE: usize = 18;
const MIN_TOTAL: usize = 500;
/// The mutation that leaves a PDF's text unreadable, so that its pages are drawn and OCR'd.
const DRAWN_MUTATION: &str = "/ToUnicode renamed";

/// splitmix64: a small, fixed, well-mixed PRNG (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One damaged input.
struct Mutant {
    what: String,
    name: String,
    bytes: Vec<u8>,
}

/// Every document under `corpus/` (recursively), skipping truth files, generator scripts and docs.
fn corpus_files() -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                // scans/: every mutant of a scan is OCR'd (a minute each in a debug build); the
                // image decoders are covered by unit tests and the fuzz target instead.
                // pictures/: the same for pictures in a DOCX or a saved page (pictures.rs).
                if !matches!(name.as_str(), "truth" | "gen" | "scans" | "pictures")
                    && !name.starts_with('.')
                {
                    walk(&p, out);
                }
            } else if !matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("json" | "py" | "md" | "sh")
            ) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&xxgk_tests::reports_dir(), &mut files);
    files.sort();
    files
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

fn replace_at(bytes: &[u8], at: usize, len: usize, with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + with.len());
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(with);
    out.extend_from_slice(&bytes[(at + len).min(bytes.len())..]);
    out
}

fn replace_all(bytes: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// One mutant per `(name, needle, replacement)`: every `needle` replaced.
fn replace_each(b: &[u8], renames: &[(&str, &[u8], &[u8])], out: &mut Vec<(String, Vec<u8>)>) {
    for &(name, needle, with) in renames {
        out.push((name.into(), replace_all(b, needle, with)));
    }
}

/// Damage specific to PDF structure.
fn pdf_mutants(b: &[u8], rng: &mut Rng, out: &mut Vec<(String, Vec<u8>)>) {
    let xrefs = find_all(b, b"xref");
    let trailers = find_all(b, b"trailer");
    let startxref = find_all(b, b"startxref");
    // Delete the classic xref table (from `xref` to `trailer`), when there is one.
    if let (Some(&x), Some(&t)) = (xrefs.first(), trailers.last()) {
        if x < t {
            out.push(("xref table deleted".into(), replace_at(b, x, t - x, b"")));
            let mut g = b.to_vec();
            for c in &mut g[x..t] {
                if c.is_ascii_digit() {
                    *c = b'0' + (rng.below(10) as u8);
                }
            }
            out.push(("xref offsets garbled".into(), g));
        }
    }
    if let Some(&t) = trailers.last() {
        out.push((
            "trailer keyword removed".into(),
            replace_at(b, t, 7, b"       "),
        ));
        let end = (t + 200).min(b.len());
        out.push(("trailer dictionary blanked".into(), {
            let mut g = b.to_vec();
            for c in &mut g[t..end] {
                *c = b' ';
            }
            g
        }));
    }
    if let Some(&s) = startxref.last() {
        out.push((
            "startxref points past the end".into(),
            replace_at(b, s, b.len() - s, b"startxref\n999999999\n%%EOF\n"),
        ));
        out.push((
            "startxref points to offset 0".into(),
            replace_at(b, s, b.len() - s, b"startxref\n0\n%%EOF\n"),
        ));
        out.push(("startxref and after cut".into(), b[..s].to_vec()));
    }
    // Every xref stream / object stream reference made to look broken.
    replace_each(
        b,
        &[
            ("/Type /XRef renamed", b"/XRef", b"/XRfe"),
            ("/ObjStm renamed", b"/ObjStm", b"/ObjSt_"),
        ],
        out,
    );
    // Absurd stream lengths.
    for (i, &at) in find_all(b, b"/Length ").iter().take(40).enumerate() {
        if i % 7 != 0 {
            continue;
        }
        let end = b[at + 8..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .map(|p| at + 8 + p)
            .unwrap_or(b.len());
        let with: &[u8] = match i % 3 {
            0 => b"/Length 4294967295999",
            1 => b"/Length -12",
            _ => b"/Length 0",
        };
        out.push((
            format!("/Length #{i} made absurd"),
            replace_at(b, at, end - at, with),
        ));
    }
    replace_each(
        b,
        &[
            ("every /Filter dropped", b"/FlateDecode", b"/NoSuchCode"),
            ("endstream removed", b"endstream", b""),
            ("endobj removed", b"endobj", b""),
            ("/Root renamed", b"/Root", b"/Rooo"),
            ("/Kids renamed", b"/Kids", b"/Kidz"),
            ("/Font renamed", b"/Font", b"/Fnot"),
            (DRAWN_MUTATION, b"/ToUnicode", b"/ToUnicodf"),
            ("/Count made huge", b"/Count ", b"/Count 99999999"),
        ],
        out,
    );
    // A page tree that points to itself, and deep nesting.
    out.push((
        "/Parent loops".into(),
        replace_all(b, b"/Parent", b"/Kids [1 0 R] /Parent"),
    ));
    if let Some(&s) = startxref.last() {
        let mut deep = b[..s].to_vec();
        deep.extend_from_slice(b"\n9999 0 obj\n");
        deep.extend(std::iter::repeat_n(b'[', 100_000));
        deep.extend_from_slice(b"\nendobj\n");
        deep.extend_from_slice(&b[s..]);
        out.push(("100k nested arrays appended".into(), deep));
        let mut dicts = b[..s].to_vec();
        dicts.extend_from_slice(b"\n9998 0 obj\n");
        dicts.extend(std::iter::repeat_n(&b"<</A "[..], 20_000).flatten());
        dicts.extend_from_slice(b"\nendobj\n");
        dicts.extend_from_slice(&b[s..]);
        out.push(("20k nested dictionaries appended".into(), dicts));
    }
}

/// Damage specific to DOCX (a ZIP archive): directory, sizes, compression methods, names.
fn docx_mutants(b: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let locals = find_all(b, b"PK\x03\x04");
    let centrals = find_all(b, b"PK\x01\x02");
    let eocd = find_all(b, b"PK\x05\x06");
    if let Some(&c) = centrals.first() {
        out.push(("central directory cut off".into(), b[..c].to_vec()));
    }
    if let Some(&e) = eocd.last() {
        out.push(("end-of-central-directory removed".into(), b[..e].to_vec()));
        let mut g = b.to_vec();
        for i in [e + 8, e + 9, e + 10, e + 11] {
            if let Some(x) = g.get_mut(i) {
                *x = 0xFF;
            }
        }
        out.push(("entry counts made 65535".into(), g));
    }
    let set = |g: &mut Vec<u8>, at: usize, v: &[u8]| {
        for (k, x) in v.iter().enumerate() {
            if let Some(y) = g.get_mut(at + k) {
                *y = *x;
            }
        }
    };
    let mut sizes = b.to_vec();
    for &l in &locals {
        set(&mut sizes, l + 18, &[0xFF; 8]);
    }
    for &c in &centrals {
        set(&mut sizes, c + 20, &[0xFF; 8]);
    }
    out.push(("every declared size made 4 GiB".into(), sizes));
    let mut small = b.to_vec();
    for &c in &centrals {
        set(&mut small, c + 24, &[0x10, 0, 0, 0]);
    }
    out.push(("uncompressed sizes declared 16 bytes".into(), small));
    let mut method = b.to_vec();
    for &l in &locals {
        set(&mut method, l + 8, &[99, 0]);
    }
    for &c in &centrals {
        set(&mut method, c + 10, &[99, 0]);
    }
    out.push(("compression method 99".into(), method));
    out.push((
        "word/document.xml renamed".into(),
        replace_all(b, b"word/document.xml", b"word/documenx.xml"),
    ));
    let mut offsets = b.to_vec();
    for &c in &centrals {
        set(&mut offsets, c + 42, &[0xF0, 0xFF, 0xFF, 0x7F]);
    }
    out.push(("local header offsets out of range".into(), offsets));
}

/// Damage specific to OLE compound files (.doc, .wps, .xls, .et, encrypted Office): the
/// container header (sector size, FAT and directory locations) and the Word FIB (piece-table
/// and paragraph-property offsets, text length, table-stream flag).
fn ole_mutants(b: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let set = |at: usize, v: &[u8]| {
        let mut g = b.to_vec();
        for (k, x) in v.iter().enumerate() {
            if let Some(y) = g.get_mut(at + k) {
                *y = *x;
            }
        }
        g
    };
    out.push(("OLE sector shift 32".into(), set(30, &[32, 0])));
    out.push(("OLE FAT sector count 4G".into(), set(44, &[0xFF; 4])));
    out.push((
        "OLE directory start out of range".into(),
        set(48, &[0xF0, 0xFF, 0xFF, 0x7F]),
    ));
    out.push((
        "OLE first DIFAT entry free".into(),
        set(76, &[0xFE, 0xFF, 0xFF, 0xFF]),
    ));
    // The FIB: the Word magic at a sector boundary.
    let Some(fib) = find_all(b, b"\xEC\xA5")
        .into_iter()
        .find(|&at| at % 512 == 0)
    else {
        return;
    };
    // Offsets inside the FIB as LibreOffice and Word write it (csw 14, cslw 22).
    let fc = fib + 154;
    out.push(("FIB fcClx/lcbClx huge".into(), set(fc + 33 * 8, &[0xF0; 8])));
    out.push(("FIB lcbClx 13".into(), set(fc + 33 * 8 + 4, &[13, 0, 0, 0])));
    out.push((
        "FIB PlcBtePapx huge".into(),
        set(
            fc + 13 * 8,
            &[0xF0, 0xFF, 0xFF, 0x0F, 0xF0, 0xFF, 0xFF, 0x0F],
        ),
    ));
    out.push((
        "FIB ccpText 2G".into(),
        set(fib + 64 + 12, &[0xFF, 0xFF, 0xFF, 0x7F]),
    ));
    let mut flags = b.to_vec();
    if let Some(x) = flags.get_mut(fib + 0x0B) {
        *x ^= 0x02;
    }
    out.push(("FIB table stream flag flipped".into(), flags));
}

/// Damage specific to RTF and MHTML: deep groups, huge escapes, a lost boundary.
fn markup_mutants(b: &[u8], out: &mut Vec<(String, Vec<u8>)>) {
    let mut deep = b"{\\rtf1".to_vec();
    deep.extend(std::iter::repeat_n(b'{', 100_000));
    deep.extend_from_slice(&b[b.len().min(6)..]);
    out.push(("100k nested groups".into(), deep));
    replace_each(
        b,
        &[
            (
                "huge unicode escapes",
                b"\\u",
                b"\\uc99999999999\\u-99999999999",
            ),
            (
                "boundary renamed",
                b"MultipartBoundary",
                b"MultipartBoundarz",
            ),
            (
                "quoted-printable made base64",
                b"quoted-printable",
                b"base64",
            ),
        ],
        out,
    );
}

/// Damage specific to text and HTML: table structure and separators.
fn text_mutants(b: &[u8], rng: &mut Rng, html: bool, out: &mut Vec<(String, Vec<u8>)>) {
    let text = String::from_utf8_lossy(b).into_owned();
    let lines: Vec<&str> = text.split('\n').collect();
    // Rows of a table (tab-separated lines, or <tr> rows) shuffled.
    let sep = if html { "<tr" } else { "\t" };
    let table_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(sep))
        .collect();
    for round in 0..3 {
        let mut ls: Vec<&str> = lines.clone();
        let mut idx = table_lines.clone();
        for i in (1..idx.len()).rev() {
            let j = rng.below(i + 1);
            idx.swap(i, j);
        }
        for (k, &i) in table_lines.iter().enumerate() {
            ls[i] = lines[idx[k]];
        }
        out.push((
            format!("table rows shuffled (round {round})"),
            ls.join("\n").into_bytes(),
        ));
    }
    // Separators dropped: on every table line, on one line in three, and everywhere.
    let strip = |l: &str| -> String {
        if html {
            l.replace("</td><td", "<td").replace("</td>", "")
        } else {
            l.replace('\t', "")
        }
    };
    let all: Vec<String> = lines.iter().map(|l| strip(l)).collect();
    out.push((
        "all cell separators dropped".into(),
        all.join("\n").into_bytes(),
    ));
    let some: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i % 3 == 0 { strip(l) } else { l.to_string() })
        .collect();
    out.push((
        "every third line loses its separators".into(),
        some.join("\n").into_bytes(),
    ));
    let spaces: Vec<String> = lines.iter().map(|l| l.replace('\t', "  ")).collect();
    out.push((
        "tabs turned into spaces".into(),
        spaces.join("\n").into_bytes(),
    ));
    let crlf: Vec<u8> = text.replace('\n', "\r\n").into_bytes();
    out.push(("CRLF line ends".into(), crlf));
    // Digits garbled, full-width digits, line order reversed.
    let garbled: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                ['9', '０', '-', ',', '.'][(c as usize) % 5]
            } else {
                c
            }
        })
        .collect();
    out.push(("digits garbled".into(), garbled.into_bytes()));
    let rev: Vec<&str> = lines.iter().rev().copied().collect();
    out.push(("lines reversed".into(), rev.join("\n").into_bytes()));
    // UTF-16 with a BOM, and a lone BOM + invalid UTF-8 tail.
    let mut u16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        u16.extend_from_slice(&u.to_le_bytes());
    }
    out.push(("re-encoded as UTF-16LE".into(), u16));
    let mut bad = b.to_vec();
    bad.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28]);
    out.push(("invalid UTF-8 appended".into(), bad));
    // A huge single line and many tiny lines.
    out.push(("one 2 MB line".into(), {
        let mut v = b.to_vec();
        v.extend(std::iter::repeat_n(b'8', 2 << 20));
        v
    }));
    out.push(("200k tab-only lines".into(), {
        let mut v = b.to_vec();
        v.extend(std::iter::repeat_n(&b"\t\t\t\n"[..], 200_000).flatten());
        v
    }));
    if html {
        replace_each(
            b,
            &[
                ("rowspan made huge", b"rowspan=\"", b"rowspan=\"99999999"),
                ("colspan made huge", b"colspan=\"", b"colspan=\"4294967296"),
                ("rowspan made negative", b"rowspan=\"", b"rowspan=\"-"),
                ("closing tags removed", b"</", b"<"),
            ],
            out,
        );
        out.push(("100k nested divs".into(), {
            let mut v = b"<html><body>".to_vec();
            v.extend(std::iter::repeat_n(&b"<div>"[..], 100_000).flatten());
            v.extend_from_slice(b);
            v
        }));
        out.push(("100k nested tables".into(), {
            let mut v = b"<html><body>".to_vec();
            v.extend(std::iter::repeat_n(&b"<table><tr><td>"[..], 100_000).flatten());
            v
        }));
    }
}

/// All mutants of one file, in a fixed order.
fn mutants(path: &std::path::Path, bytes: &[u8], per_file: usize) -> Vec<Mutant> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let seed = name.bytes().fold(0xC0FFEE_u64, |h, b| {
        h.wrapping_mul(0x100_0000_01B3) ^ u64::from(b)
    });
    let mut rng = Rng(seed);
    let mut list: Vec<(String, Vec<u8>)> = Vec::new();
    let n = bytes.len();
    // Truncations at evenly spread offsets, plus the very start and end.
    let cuts = per_file / 3;
    for k in 0..cuts {
        let at = if k == 0 { 1 } else { n * k / cuts };
        list.push((
            format!("truncated at {at} of {n}"),
            bytes[..at.min(n)].to_vec(),
        ));
    }
    list.push((
        "last byte removed".into(),
        bytes[..n.saturating_sub(1)].to_vec(),
    ));
    list.push(("empty".into(), Vec::new()));
    // Byte flips: a few random positions, then a burst.
    for k in 0..per_file / 3 {
        let mut b = bytes.to_vec();
        let flips = 1 + (k % 4) * 5;
        let mut at = Vec::new();
        for _ in 0..flips {
            let i = rng.below(n);
            if let Some(c) = b.get_mut(i) {
                *c ^= 1 << rng.below(8);
                at.push(i);
            }
        }
        list.push((format!("{flips} bit flips at {at:?}"), b));
    }
    for k in 0..per_file / 6 {
        let mut b = bytes.to_vec();
        let start = rng.below(n);
        let len = 16 + rng.below(512);
        for c in b.iter_mut().skip(start).take(len) {
            *c = (rng.next() & 0xFF) as u8;
        }
        list.push((format!("random burst #{k} of {len} bytes at {start}"), b));
    }
    match ext.as_str() {
        "pdf" => pdf_mutants(bytes, &mut rng, &mut list),
        "txt" => text_mutants(bytes, &mut rng, false, &mut list),
        "html" | "htm" => text_mutants(bytes, &mut rng, true, &mut list),
        "docx" | "odt" | "ods" | "xlsx" | "zip" => docx_mutants(bytes, &mut list),
        "doc" | "wps" | "xls" | "et" => ole_mutants(bytes, &mut list),
        "rtf" | "mht" => markup_mutants(bytes, &mut list),
        _ => {}
    }
    list.into_iter()
        .map(|(what, bytes)| Mutant {
            what: format!("{name}: {what}"),
            name: name.clone(),
            bytes,
        })
        .collect()
}

/// Run one mutant through the whole pipeline; `Err` describes a broken invariant.
fn check(m: &Mutant) -> Result<Status, String> {
    match xxgk_ingest::ingest(&m.bytes, &m.name) {
        Err(e) => {
            if !matches!(e.status, Status::Failed | Status::Unsupported) {
                return Err(format!("ingest error with status {}", e.status.as_str()));
            }
            if e.message.trim().is_empty() {
                return Err("ingest error without a message".into());
            }
            Ok(e.status)
        }
        Ok(doc) => {
            let report = xxgk_parser::parse(&doc, &m.name, &m.name);
            if report.report != m.name {
                return Err(format!("report id {:?}", report.report));
            }
            if report.status != Status::Ok && report.message.trim().is_empty() {
                return Err(format!(
                    "status {} without a message",
                    report.status.as_str()
                ));
            }
            if report.status == Status::Ok && report.cells_found() != report.cells_expected() {
                return Err(format!(
                    "status ok with {} of {} cells",
                    report.cells_found(),
                    report.cells_expected()
                ));
            }
            for (key, cell) in &report.cells {
                let numeric = matches!(cell.flag, Flag::Number | Flag::Uncertain);
                // An uncertain cell may have no reading at all (text that is no number, a run
                // no cut fits): then its value is empty and `raw` shows what was printed.
                let unreadable =
                    cell.flag == Flag::Uncertain && cell.value.is_empty() && !cell.raw.is_empty();
                if numeric && !unreadable && cell.value.parse::<f64>().is_err() {
                    return Err(format!("{key}: value {:?} is not a number", cell.value));
                }
                if !numeric && !cell.value.is_empty() {
                    return Err(format!(
                        "{key}: {} cell with value {:?}",
                        cell.flag.as_str(),
                        cell.value
                    ));
                }
            }
            for f in xxgk_audit::check(&report) {
                if f.rule.is_empty() || f.message.is_empty() {
                    return Err(format!("finding without rule or message: {f:?}"));
                }
            }
            Ok(report.status)
        }
    }
}

#[test]
fn damaged_inputs_end_with_a_status() {
    let files = corpus_files();
    assert!(files.len() >= 20, "corpus not found: {} files", files.len());
    let mut all: Vec<Mutant> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // Big files get fewer random mutations (each run costs more), never fewer than 12.
        let per_file = if bytes.len() > 400_000 { 12 } else { PER_FILE };
        all.extend(mutants(f, &bytes, per_file));
    }
    // A PDF whose fonts lost `/ToUnicode` is drawn by pdftoppm and OCR'd page by page (10 s a
    // file in a release build, a minute in a debug one): two of them keep that path in this
    // run; tests/ocr.rs reads such a PDF to its truth.
    let mut drawn = 0;
    all.retain(|m| {
        let keep = !m.what.ends_with(DRAWN_MUTATION) || drawn < 2;
        drawn += usize::from(m.what.ends_with(DRAWN_MUTATION));
        keep
    });
    assert!(all.len() >= MIN_TOTAL, "only {} mutants", all.len());
    let total = all.len();
    let started = Instant::now();
    let (counts, failures) = run_all(all);
    eprintln!(
        "{total} mutants of {} files in {:.1?}: {counts:?}",
        files.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} mutants broke an invariant:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Inputs that once crashed a fuzz target (`fuzz/regressions/<target>/`), run as the target
/// runs them.
#[test]
fn fuzz_regressions_end_with_a_status() {
    let root = corpus_dir().join("../fuzz/regressions");
    let mut all = Vec::new();
    for (target, prefix, name) in [
        ("ingest_pdf", &b"%PDF-1.7\n"[..], "fuzz.pdf"),
        ("ingest_html", &b"<html>"[..], "fuzz.html"),
        ("ingest_text", &b""[..], "fuzz.txt"),
        // Kept as whole archives (the target's input wrapped by `xxgk_fuzz::stored_zip`).
        ("ingest_docx", &b""[..], "fuzz.docx"),
        // Whole files, as the office targets take them.
        ("ingest_sheet", &b""[..], "fuzz.xls"),
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let data = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let bytes = if target == "ingest_pdf" && data.starts_with(b"%PDF-") {
                data
            } else {
                [prefix, &data[..]].concat()
            };
            all.push(Mutant {
                what: format!(
                    "{target}/{}",
                    p.file_name().unwrap_or_default().to_string_lossy()
                ),
                name: name.to_string(),
                bytes,
            });
        }
    }
    let total = all.len();
    let (_, failures) = run_all(all);
    assert!(
        failures.is_empty(),
        "{} of {total} fuzz regressions broke an invariant:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

type Outcome = (std::collections::BTreeMap<&'static str, usize>, Vec<String>);

/// Run every mutant on its own thread, a few at a time; a run longer than [`HANG_BOUND`] fails
/// the test with its description.
fn run_all(all: Vec<Mutant>) -> Outcome {
    let total = all.len();
    let workers = thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let (tx, rx) = mpsc::channel::<(usize, Result<Status, String>)>();
    let mut queue: VecDeque<(usize, Mutant)> = all.into_iter().enumerate().collect();
    let mut running: Vec<(usize, String, Instant)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut counts = std::collections::BTreeMap::<&'static str, usize>::new();
    let mut done = 0;
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    while done < total {
        while running.len() < workers {
            let Some((id, m)) = queue.pop_front() else {
                break;
            };
            let what = m.what.clone();
            let tx = tx.clone();
            thread::Builder::new()
                .name(format!("mutant-{id}"))
                .stack_size(16 << 20)
                .spawn(move || {
                    let r = std::panic::catch_unwind(|| check(&m)).unwrap_or_else(|p| {
                        let msg = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        Err(format!("panicked: {msg}"))
                    });
                    let _ = tx.send((id, r));
                })
                .unwrap_or_else(|e| panic!("cannot spawn a thread: {e}"));
            running.push((id, what, Instant::now()));
        }
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok((id, r)) => {
                done += 1;
                let pos = running.iter().position(|(i, _, _)| *i == id);
                let (what, took) = pos
                    .map(|p| running.remove(p))
                    .map(|(_, what, t)| (what, t.elapsed()))
                    .unwrap_or_default();
                slowest.push((took, what.clone()));
                slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
                slowest.truncate(5);
                match r {
                    Ok(st) => *counts.entry(st.as_str()).or_default() += 1,
                    Err(e) => failures.push(format!("{what}: {e}")),
                }
            }
            Err(_) => {
                if let Some((_, what, t)) =
                    running.iter().find(|(_, _, t)| t.elapsed() > HANG_BOUND)
                {
                    panic!(
                        "{what}: still running after {:?} (hang?); {} failures so far: {:?}",
                        t.elapsed(),
                        failures.len(),
                        failures
                    );
                }
            }
        }
    }
    eprintln!("slowest mutants: {slowest:.1?}");
    (counts, failures)
}
