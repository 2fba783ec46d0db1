//! Small PDFs made for one feature each (written with lopdf by `pdf_support`, or committed
//! fixtures made with qpdf: see `fixtures/pdf/README.md`).

mod pdf_support;

use lopdf::{dictionary, Dictionary, Object};
use pdf_support::{font_resources, Builder};
use xxgk_ingest::pdf::{self, gb1, interp::GlyphText};
use xxgk_model::{Block, Line, SegmentKind, Status};

fn lines(page: &xxgk_model::Page) -> Vec<&Line> {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l),
            _ => None,
        })
        .collect()
}

fn texts(page: &xxgk_model::Page) -> Vec<String> {
    lines(page).iter().map(|l| l.text.clone()).collect()
}

fn xs(page: &pdf::RawPage) -> Vec<f64> {
    page.glyphs
        .iter()
        .map(|g| (g.x * 1000.0).round() / 1000.0)
        .collect()
}

fn chars(page: &pdf::RawPage) -> String {
    page.glyphs
        .iter()
        .map(|g| match &g.text {
            GlyphText::Char(c) => c.to_string(),
            GlyphText::Str(s) => s.to_string(),
            GlyphText::Unknown { cid } => format!("<{cid}>"),
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

#[test]
fn tj_kerning_and_text_state() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm [(A) -500 (B) 120 (C)] TJ ET\n\
         BT /F1 10 Tf 2 Tc 3 Tw 50 Tz 1 0 0 1 100 600 Tm (A B) Tj ET",
        font_resources(&[("F1", f1)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!(chars(page), "ABCA B");
    // A at 100; B after A's 6.67 and the -500 adjustment (+5); C after B's 6.67 and 120 (-1.2).
    assert_eq!(xs(page)[..3], [100.0, 111.67, 117.14]);
    assert!(page.glyphs.iter().all(|g| close(g.size, 10.0)));
    assert!(close(page.glyphs[0].y, 842.0 - 700.0));
    // Tc 2, Tw 3 (on the space only), Tz 50: A 100, space 100 + (6.67+2)/2, B after (2.78+2+3)/2.
    assert_eq!(xs(page)[3..], [100.0, 104.335, 108.225]);
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["A BC", "A B"]);
    assert_eq!(doc.pages[0].glyphs, 5, "spaces are not counted as glyphs");
    assert_eq!(doc.title_hint.as_deref(), Some("Test document"));
}

/// WPS style: a y-flipped CTM, `Tf 200` with a 0.05 text matrix, and digits in one string
/// whose widths come from both forms of `/W`.
#[test]
fn digits_in_one_tj_with_w_ranges() {
    let mut b = Builder::new();
    let widths = vec![
        16.into(),
        18.into(),
        500.into(),
        19.into(),
        Object::Array(vec![600.into(), 700.into()]),
    ];
    let pairs: Vec<(u16, String)> = (0..6)
        .map(|i| (16 + i, ((b'0' + i as u8) as char).to_string()))
        .collect();
    let pairs: Vec<(u16, &str)> = pairs.iter().map(|(c, s)| (*c, s.as_str())).collect();
    let f2 = b.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        widths,
        Some(&pairs),
    );
    b.page(
        "1 0 0 -1 0 842 cm BT /F2 200 Tf 0.05 0 0 -0.05 50 100 Tm <00100011001200130014> Tj ET",
        font_resources(&[("F2", f2)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!(chars(page), "01234");
    assert_eq!(xs(page), [50.0, 55.0, 60.0, 65.0, 71.0]);
    assert!(page
        .glyphs
        .iter()
        .all(|g| close(g.size, 10.0) && close(g.y, 100.0) && g.upright));
    assert!(close(page.glyphs[4].x1, 78.0));
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["01234"]);
}

#[test]
fn predefined_chinese_cmaps_and_gb1_cids() {
    let zhong = gb1::unicode_to_cid('中').expect("中 in Adobe-GB1");
    let wen = gb1::unicode_to_cid('文').expect("文 in Adobe-GB1");
    let mut b = Builder::new();
    let narrow = vec![zhong.into(), Object::Array(vec![500.into()])];
    let ucs2 = b.type0(
        "UniGB-UCS2-H".into(),
        "CIDFontType0",
        "GB1",
        narrow.clone(),
        None,
    );
    let gbk = b.type0(
        "GBK-EUC-H".into(),
        "CIDFontType0",
        "GB1",
        narrow.clone(),
        None,
    );
    let cid = b.type0("Identity-H".into(), "CIDFontType0", "GB1", narrow, None);
    let cid_hex = format!("{zhong:04X}{wen:04X}");
    b.page(
        &format!(
            "BT /U 10 Tf 1 0 0 1 100 700 Tm <4E2D65870031> Tj ET\n\
             BT /G 10 Tf 1 0 0 1 100 650 Tm <D6D0CEC431> Tj ET\n\
             BT /C 10 Tf 1 0 0 1 100 600 Tm <{cid_hex}> Tj ET"
        ),
        font_resources(&[("U", ucs2), ("G", gbk), ("C", cid)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!(chars(page), "中文1中文1中文");
    // 中 has width 500 through its CID; 文 the default 1000.
    assert_eq!(
        xs(page),
        [100.0, 105.0, 115.0, 100.0, 105.0, 115.0, 100.0, 105.0]
    );
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["中文1", "中文1", "中文"]);
}

#[test]
fn form_xobject_with_matrix_and_own_resources() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    let form = b.stream(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
            "Matrix" => vec![2.into(), 0.into(), 0.into(), 2.into(), 100.into(), 100.into()],
            "Resources" => font_resources(&[("F1", f1)]),
        },
        b"BT /F1 10 Tf 1 0 0 1 10 10 Tm (AB) Tj ET 0 0 m 50 0 l S",
    );
    // A form that draws itself: must stop, not recurse forever.
    let selfish = b.doc.new_object_id();
    b.doc.objects.insert(
        selfish,
        Object::Stream(lopdf::Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "S" => selfish } },
            },
            b"/S Do".to_vec(),
        )),
    );
    b.page(
        "q /X1 Do Q q /S Do Q",
        dictionary! { "XObject" => dictionary! { "X1" => form, "S" => selfish } },
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!(chars(page), "AB");
    // (10, 10) in form space → (120, 120) in user space → y 842 − 120 from the top.
    assert!(close(page.glyphs[0].x, 120.0) && close(page.glyphs[0].y, 722.0));
    assert!(close(page.glyphs[0].size, 20.0));
    assert!(close(page.glyphs[1].x, 120.0 + 6.67 * 2.0));
    let rule = page
        .segments
        .iter()
        .find(|s| s.kind == SegmentKind::Horizontal)
        .expect("the rule");
    assert!(close(rule.x0, 100.0) && close(rule.x1, 200.0) && close(rule.y0, 742.0));
}

#[test]
fn rotated_page() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "BT /F1 10 Tf 0 1 -1 0 200 100 Tm (AB) Tj ET",
        font_resources(&[("F1", f1)]),
        dictionary! { "Rotate" => 90 },
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!((page.width, page.height), (842.0, 595.0));
    // Rotated 90° clockwise: user (x, y) shows at (y, x) from the top-left corner.
    assert!(close(page.glyphs[0].x, 100.0) && close(page.glyphs[0].y, 200.0));
    assert!(close(page.glyphs[1].x, 106.67) && close(page.glyphs[1].y, 200.0));
    assert!(page.glyphs.iter().all(|g| g.upright));
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["AB"]);
}

#[test]
fn inherited_attributes_and_quote_operators() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "BT /F1 10 Tf 12 TL 1 0 0 1 100 700 Tm (A) Tj (B) ' 1 2 (C) \" ET\n\
         BT 3 Tr /F1 10 Tf 1 0 0 1 300 300 Tm (hidden) Tj ET",
        Dictionary::new(),
        Dictionary::new(),
    );
    // Resources and media box come from the page tree root.
    let pages_id = b.pages_id;
    let bytes = {
        let mut bytes = b.finish();
        let mut doc = lopdf::Document::load_mem(&bytes).expect("reload");
        let page_id = doc.page_iter().next().expect("a page");
        let page = doc.get_dictionary_mut(page_id).expect("page dict");
        page.remove(b"Resources");
        page.remove(b"MediaBox");
        let root = doc.get_dictionary_mut(pages_id).expect("pages");
        root.set("Resources", font_resources(&[("F1", f1)]));
        root.set("MediaBox", vec![0.into(), 0.into(), 300.into(), 800.into()]);
        bytes.clear();
        doc.save_to(&mut bytes).expect("save");
        bytes
    };
    let raw = pdf::extract(&bytes).expect("reads");
    let page = &raw.pages[0];
    assert_eq!((page.width, page.height), (300.0, 800.0));
    assert_eq!(chars(page), "ABChidden");
    let ys: Vec<f64> = page.glyphs[..3].iter().map(|g| g.y).collect();
    assert_eq!(ys, [100.0, 112.0, 124.0]);
    assert!(page.glyphs[3..].iter().all(|g| g.invisible));
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(
        texts(&doc.pages[0]),
        ["A", "B", "C"],
        "invisible text stays out of lines"
    );
}

#[test]
fn font_without_to_unicode_is_unknown_never_invented() {
    let mut b = Builder::new();
    let f = b.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        vec![],
        None,
    );
    b.page(
        "BT /F 12 Tf 1 0 0 1 100 700 Tm <0010001100120013> Tj ET",
        font_resources(&[("F", f)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    let cids: Vec<GlyphText> = raw.pages[0].glyphs.iter().map(|g| g.text.clone()).collect();
    assert_eq!(
        cids,
        (16..20)
            .map(|cid| GlyphText::Unknown { cid })
            .collect::<Vec<_>>()
    );
    // Nothing maps the codes to text: the page is drawn by pdftoppm and read by OCR (both
    // installed by .ci/run), whatever OCR makes of the glyphs.
    let doc = pdf::read(&bytes).expect("drawn and read by OCR");
    assert!(
        doc.notes.iter().any(|n| n == pdf::drawn::UNREADABLE_NOTE),
        "{:?}",
        doc.notes
    );
    assert_eq!(doc.ocr_pages, [1]);
}

#[test]
fn no_text_at_all_is_unsupported() {
    let mut b = Builder::new();
    b.page("0 0 m 100 0 l S", Dictionary::new(), Dictionary::new());
    let err = pdf::read(&b.finish()).expect_err("a scan-like page");
    assert_eq!(err.status, Status::Unsupported);
    assert!(err.message.contains("no page image"), "{}", err.message);
}

#[test]
fn paths_become_rulings_and_rectangles() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "q 1 0 0 -1 0 842 cm 10 10 m 200 10 l 200 300 l S \
         50 50 100 0.5 re f 50 60 0.8 100 re f 300 300 50 20 re W n 0 0 595 842 re W* n \
         400 400 m 450 420 l S 10 500 m 20 510 30 520 40 500 c S Q \
         BT /F1 10 Tf 1 0 0 1 100 100 Tm (x) Tj ET",
        font_resources(&[("F1", f1)]),
        Dictionary::new(),
    );
    let raw = pdf::extract(&b.finish()).expect("reads");
    let segs = &raw.pages[0].segments;
    let kinds: Vec<SegmentKind> = segs.iter().map(|s| s.kind).collect();
    use SegmentKind::*;
    assert_eq!(kinds, [Horizontal, Vertical, Horizontal, Vertical, Rect]);
    assert!(close(segs[0].x0, 10.0) && close(segs[0].x1, 200.0) && close(segs[0].y0, 10.0));
    assert!(close(segs[1].y0, 10.0) && close(segs[1].y1, 300.0));
    assert!(close(segs[2].y0, 50.25) && close(segs[2].x1, 150.0));
    assert!(close(segs[4].x0, 300.0) && close(segs[4].y1, 320.0));
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn empty_user_password_encryption_rc4_and_aes() {
    for name in ["plain.pdf", "rc4.pdf", "aes128.pdf", "aes256.pdf"] {
        let doc = pdf::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(texts(&doc.pages[0]), ["Hello 2024"], "{name}");
    }
}

#[test]
fn real_password_is_a_failure_with_a_reason() {
    let err = pdf::read(&fixture("needs-password.pdf")).expect_err("needs a password");
    assert_eq!(err.status, Status::Failed);
    assert_eq!(err.message, "encrypted: password required");
}

/// No ToUnicode, identity CID→GID map, an embedded TrueType subset whose cmap still maps
/// characters to glyphs: the text comes from that cmap, read backwards.
#[test]
fn embedded_truetype_cmap_is_the_last_fallback() {
    let font_file = fixture("dejavu-subset.ttf");
    let face = ttf_parser::Face::parse(&font_file, 0).expect("the subset parses");
    let gids: String = "Hi2024"
        .chars()
        .map(|c| format!("{:04X}", face.glyph_index(c).expect("in the subset").0))
        .collect();
    let mut b = Builder::new();
    let file = b.stream(
        dictionary! { "Length1" => font_file.len() as i64 },
        &font_file,
    );
    let descriptor = b.add(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "ABCDEF+DejaVuSans",
        "Flags" => 32,
        "FontFile2" => file,
    });
    let cid_font = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ABCDEF+DejaVuSans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "CIDToGIDMap" => "Identity",
    });
    let font = b.add(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ABCDEF+DejaVuSans",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
    });
    b.page(
        &format!("BT /F 10 Tf 1 0 0 1 100 700 Tm <{gids}> Tj ET"),
        font_resources(&[("F", font)]),
        Dictionary::new(),
    );
    let doc = pdf::read(&b.finish()).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["Hi2024"]);
    assert_eq!(doc.pages[0].unknown_glyphs, 0);
}

#[test]
fn overprinted_and_off_page_glyphs() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm (AB) Tj 1 0 0 1 100.3 700 Tm (AB) Tj ET\n\
         BT /F1 10 Tf 1 0 0 1 -500 700 Tm (gone) Tj ET",
        font_resources(&[("F1", f1)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    assert_eq!(
        chars(&pdf::extract(&bytes).expect("reads").pages[0]),
        "ABABgone"
    );
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["AB"]);
    assert!(doc
        .notes
        .iter()
        .any(|n| n.contains("4 glyphs outside the page")));
}

#[test]
fn a_vertical_ruling_splits_touching_cells() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    // "AB" then "CD" set solid, with a cell border drawn exactly between B and C.
    b.page(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm (ABCD) Tj ET 113.34 690 m 113.34 720 l S",
        font_resources(&[("F1", f1)]),
        Dictionary::new(),
    );
    let doc = pdf::read(&b.finish()).expect("reads");
    let line = lines(&doc.pages[0])[0];
    let spans: Vec<&str> = line.spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(spans, ["AB", "CD"]);
    assert_eq!(line.text, "AB CD");
}

#[test]
fn identity_v_moves_down() {
    let mut b = Builder::new();
    let pairs = [(1u16, "政"), (2, "府")];
    let f = b.type0(
        "Identity-V".into(),
        "CIDFontType2",
        "Identity",
        vec![],
        Some(&pairs),
    );
    b.page(
        "BT /F 10 Tf 1 0 0 1 100 700 Tm <00010002> Tj ET",
        font_resources(&[("F", f)]),
        Dictionary::new(),
    );
    let raw = pdf::extract(&b.finish()).expect("reads");
    let g = &raw.pages[0].glyphs;
    assert_eq!(chars(&raw.pages[0]), "政府");
    // Pen at (100, 700) is the top centre of 政 (1 em wide): its baseline starts at (95, 691.2).
    assert!(close(g[0].x, 95.0) && close(g[0].y, 842.0 - 691.2));
    assert!(close(g[1].x, 95.0) && close(g[1].y, 842.0 - 681.2));
    let doc = pdf::read(&b_vertical()).expect("reads");
    // Columns are blocks like lines: top to bottom, then left to right.
    assert_eq!(texts(&doc.pages[0]), ["公开", "政府"]);
}

/// Two vertical columns: 政府 at x 100, 公开 at x 80.
fn b_vertical() -> Vec<u8> {
    let mut b = Builder::new();
    let pairs = [(1u16, "政"), (2, "府"), (3, "公"), (4, "开")];
    let f = b.type0(
        "Identity-V".into(),
        "CIDFontType2",
        "Identity",
        vec![],
        Some(&pairs),
    );
    b.page(
        "BT /F 10 Tf 1 0 0 1 100 700 Tm <00010002> Tj 1 0 0 1 80 700 Tm <00030004> Tj ET",
        font_resources(&[("F", f)]),
        Dictionary::new(),
    );
    b.finish()
}

#[test]
fn private_use_answers_are_no_answers() {
    let mut b = Builder::new();
    let pairs = [(1u16, "\u{E001}"), (2, "年")];
    let f = b.type0(
        "Identity-H".into(),
        "CIDFontType2",
        "Identity",
        vec![],
        Some(&pairs),
    );
    b.page(
        "BT /F 10 Tf 1 0 0 1 100 700 Tm <00020001000200020002> Tj ET",
        font_resources(&[("F", f)]),
        Dictionary::new(),
    );
    let bytes = b.finish();
    let raw = pdf::extract(&bytes).expect("reads");
    assert_eq!(chars(&raw.pages[0]), "年<1>年年年");
    let doc = pdf::read(&bytes).expect("mostly known");
    assert_eq!(texts(&doc.pages[0]), ["年\u{FFFD}年年年"]);
    assert_eq!(doc.pages[0].unknown_glyphs, 1);
}

/// Another producer: LibreOffice's subsets, ligature glyphs, stroked borders.
#[test]
fn libreoffice_pdf_matches_pdftotext() {
    let bytes = fixture("libreoffice-table.pdf");
    let poppler = String::from_utf8(fixture("libreoffice-table.txt")).expect("utf-8");
    let doc = pdf::read(&bytes).expect("reads");
    assert_eq!(doc.page_count(), Some(2));
    assert_eq!(doc.title_hint.as_deref(), Some("测试"));
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    // Lines, then the cells of the tables that layout made into grids.
    let page_text = |p: &xxgk_model::Page| {
        let mut t = texts(p);
        for b in &p.blocks {
            if let xxgk_model::Block::Grid(g) = b {
                t.extend(g.rows.iter().flatten().map(|c| c.text.clone()));
            }
        }
        t.join("\n")
    };
    let ours: Vec<String> = doc.pages.iter().map(page_text).collect();
    let theirs: Vec<&str> = poppler.split('\u{c}').collect();
    for (i, page) in ours.iter().enumerate() {
        assert_eq!(sorted(page), sorted(theirs[i]), "page {}", i + 1);
    }
    let grid = doc.grids().next().expect("the ruled table is a grid");
    let rows: Vec<Vec<&str>> = grid
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["信息内容", "本年制发件数", "本年废止件数"],
            ["规章", "12", "0"],
            ["行政规范性文件", "3456", "—"]
        ]
    );
    let page = &doc.pages[1];
    let count = |k: SegmentKind| page.segments.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        (count(SegmentKind::Horizontal), count(SegmentKind::Vertical)),
        (4, 4)
    );
}

#[test]
fn text_without_a_font_is_noted() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    b.page(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm (Seen) Tj /Missing 10 Tf (Lost) Tj ET",
        font_resources(&[("F1", f1)]),
        Dictionary::new(),
    );
    let doc = pdf::read(&b.finish()).expect("reads");
    assert_eq!(texts(&doc.pages[0]), ["Seen"]);
    assert!(doc
        .notes
        .iter()
        .any(|n| n.contains("page 1: 4 bytes of text shown without a usable font")));
}

/// An embedded encoding CMap with one- and two-byte codes; widths are looked up by CID and
/// Unicode through ToUnicode by code.
#[test]
fn embedded_cmap_with_mixed_code_lengths() {
    let mut b = Builder::new();
    let cmap = b.stream(
        dictionary! { "Type" => "CMap", "CMapName" => "Test-Mixed" },
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
          2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange\n\
          1 begincidrange <30> <39> 100 endcidrange\n\
          1 begincidchar <8141> 7 endcidchar\nendcmap end end",
    );
    let widths = vec![
        100.into(),
        109.into(),
        500.into(),
        7.into(),
        Object::Array(vec![1000.into()]),
    ];
    let font = b.type0(
        Object::Reference(cmap),
        "CIDFontType0",
        "Identity",
        widths,
        Some(&[(0x8141, "年")]),
    );
    b.page(
        "BT /F 10 Tf 1 0 0 1 100 700 Tm <32308141> Tj ET",
        font_resources(&[("F", font)]),
        Dictionary::new(),
    );
    let raw = pdf::extract(&b.finish()).expect("reads");
    let page = &raw.pages[0];
    // '2' and '0' have no ToUnicode entry and an Identity ordering: unknown, with their CIDs.
    assert_eq!(chars(page), "<102><100>年");
    assert_eq!(xs(page), [100.0, 105.0, 110.0]);
    assert!(close(page.glyphs[2].x1, 120.0));
}

#[test]
fn font_from_an_extgstate() {
    let mut b = Builder::new();
    let f1 = b.helvetica();
    let mut resources = Dictionary::new();
    resources.set(
        "ExtGState",
        dictionary! { "G1" => dictionary! { "Font" => vec![Object::Reference(f1), 20.into()] } },
    );
    b.page(
        "BT /G1 gs 1 0 0 1 100 700 Tm (Hi) Tj ET",
        resources,
        Dictionary::new(),
    );
    let raw = pdf::extract(&b.finish()).expect("reads");
    assert_eq!(chars(&raw.pages[0]), "Hi");
    assert!(close(raw.pages[0].glyphs[0].size, 20.0));
}
