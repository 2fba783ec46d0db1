//! The format fixtures of corpus/reports/formats (made by corpus/gen/make_formats.py from
//! corpus/reports/huaian-2024): every truth value must sit at the right row and column of the
//! Document's grids after span expansion. Plus encodings and bad input.

use std::path::PathBuf;
use xxgk_ingest::{ingest, IngestError};
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Block, Document, Format, Grid, Status, Table, Template};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(corpus(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn truth(name: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(corpus(name)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["cells"].as_object().unwrap().clone()
}

fn grids(doc: &Document) -> Vec<&Grid> {
    doc.grids().collect()
}

fn lines(doc: &Document) -> Vec<&str> {
    doc.pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text.as_str()),
            _ => None,
        })
        .collect()
}

fn grid_with<'a>(doc: &'a Document, needle: &str) -> &'a Grid {
    grids(doc)
        .into_iter()
        .find(|g| {
            (0..g.rows.len())
                .any(|r| (0..g.rows[r].len()).any(|c| g.text_at(r, c).contains(needle)))
        })
        .unwrap_or_else(|| panic!("no grid holds {needle}"))
}

/// The row whose first `label_cols` cells (following spans) carry `label`.
fn row_with(g: &Grid, label_cols: usize, label: &str) -> usize {
    let want = normalize_label(label);
    (0..g.rows.len())
        .find(|&r| {
            let text: String = (0..label_cols).map(|c| g.text_at(r, c)).collect();
            normalize_label(&text).contains(&want)
        })
        .unwrap_or_else(|| panic!("no row labelled {label}"))
}

/// Check every truth cell of a full grid layout (HTML, DOCX, tab text): table 二 values at
/// column 1.., table 三 values in the last seven columns of the row carrying the row label,
/// table 四 in the last row. Returns the number of cells checked.
fn check_full_grids(doc: &Document, truth: &serde_json::Map<String, serde_json::Value>) -> usize {
    let s = schema();
    let mut checked = 0;
    let t2 = grid_with(doc, "信息内容");
    let t3 = grid_with(doc, "本年新收");
    let t4 = grid_with(doc, "行政复议");
    let mut t4_index = 0;
    for k in s.keys(Template::V2021) {
        let want = truth[&k.id()].as_str().unwrap();
        let got = match k.table {
            Table::T2 => {
                let r = (0..t2.rows.len())
                    .find(|&r| {
                        s.match_label(Table::T2, LabelKind::Row, t2.text_at(r, 0), None)
                            == Some(k.row)
                    })
                    .unwrap_or_else(|| panic!("t2 row {}", k.row_label));
                let c = 1 + ["made", "repealed", "in_force"]
                    .iter()
                    .position(|c| *c == k.col)
                    .unwrap_or(0);
                t2.text_at(r, c).to_string()
            }
            Table::T3 => {
                let part = k.row_label.rsplit(' ').next().unwrap();
                let r = row_with(t3, 3, part);
                let width = t3.rows[r].len();
                let col = s
                    .keys(Template::V2021)
                    .filter(|x| x.table == Table::T3 && x.row == k.row)
                    .position(|x| x.col == k.col)
                    .unwrap();
                t3.text_at(r, width - 7 + col).trim().to_string()
            }
            Table::T4 => {
                let last = t4.rows.len() - 1;
                t4_index += 1;
                t4.text_at(last, t4_index - 1).to_string()
            }
        };
        assert_eq!(got, want, "{}", k.id());
        checked += 1;
    }
    checked
}

#[test]
fn html_in_gbk_without_declaration() {
    let bytes = read("reports/formats/huaian-2024-gbk.html");
    assert!(!String::from_utf8_lossy(&bytes)
        .to_lowercase()
        .contains("charset"));
    let doc = ingest(&bytes, "huaian-2024-gbk.html").unwrap();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(
        doc.title_hint.as_deref(),
        Some("淮安市人民政府2024年政府信息公开工作年度报告-淮安市人民政府门户网站")
    );
    assert!(
        doc.notes.iter().any(|n| n.contains("gb18030")),
        "{:?}",
        doc.notes
    );
    assert_eq!(
        check_full_grids(&doc, &truth("truth/formats/huaian-2024-gbk.json")),
        200
    );
    // Span expansion: the group label is the origin of a 22-row span in column 0, in the
    // same row as （一）予以公开, and covers the rows down to （七）总计.
    let t3 = grid_with(&doc, "本年新收");
    let granted = row_with(t3, 3, "（一）予以公开");
    assert_eq!(t3.rows[granted][0].text, "三、本年度办理结果");
    assert_eq!(t3.rows[granted][0].row_span, 22);
    let total = row_with(t3, 3, "（七）总计");
    assert_eq!(t3.rows[total][0].covered_by, Some((granted, 0)));
    assert_eq!(t3.rows[0][3].text, "申请人情况", "joined across <span>s");
    assert_eq!(t3.rows[2][4].text, "商业\n企业", "<p>s in a cell are lines");
    // The report's own content only: no navigation, breadcrumb, sidebar, share bar or footer.
    let text = lines(&doc).join("\n");
    for chrome in [
        "首页",
        "当前位置",
        "政府信息公开指南",
        "分享到",
        "ICP",
        "搜索",
    ] {
        assert!(!text.contains(chrome), "{chrome} leaked into the content");
    }
    assert_eq!(
        lines(&doc)[0],
        "淮安市人民政府2024年政府信息公开工作年度报告"
    );
    assert!(text.contains("六、其他需要报告的事项"));
}

#[test]
fn docx_with_grid_span_and_vmerge() {
    let doc = ingest(
        &read("reports/formats/huaian-2024.docx"),
        "huaian-2024.docx",
    )
    .unwrap();
    assert_eq!(doc.format, Format::Docx);
    assert_eq!(
        doc.title_hint.as_deref(),
        Some("淮安市人民政府2024年政府信息公开工作年度报告")
    );
    assert_eq!(
        check_full_grids(&doc, &truth("truth/formats/huaian-2024.json")),
        200
    );
    let t3 = grid_with(&doc, "本年新收");
    let granted = row_with(t3, 3, "（一）予以公开");
    assert_eq!(t3.rows[granted][0].row_span, 22);
    let deny = row_with(t3, 3, "1.属于国家秘密");
    assert_eq!(t3.rows[deny][1].text, "（三）不予公开");
    assert_eq!(t3.rows[deny][1].row_span, 8);
    assert_eq!(t3.rows[deny + 7][1].covered_by, Some((deny, 1)));
    let t4 = grid_with(&doc, "行政复议");
    assert_eq!(t4.rows[0][5].text, "行政诉讼");
    assert_eq!(t4.rows[0][5].col_span, 10);
    assert_eq!(t4.rows[2][0].covered_by, Some((1, 0)), "vMerge continue");
    assert!(lines(&doc).contains(&"三、收到和处理政府信息公开申请情况"));
}

#[test]
fn tab_separated_text() {
    let doc = ingest(
        &read("reports/formats/huaian-2024-tab.txt"),
        "huaian-2024-tab.txt",
    )
    .unwrap();
    assert_eq!(doc.format, Format::Txt);
    assert_eq!(
        check_full_grids(&doc, &truth("truth/formats/huaian-2024-tab.json")),
        200
    );
}

#[test]
fn pdftotext_layout_rows_carry_seven_numbers() {
    let doc = ingest(
        &read("reports/formats/huaian-2024-layout.txt"),
        "layout.txt",
    )
    .unwrap();
    let truth = truth("truth/formats/huaian-2024-layout.json");
    assert_eq!(doc.pages.len(), 6, "form feeds are page breaks");
    // Every table-三 data row is a grid row with exactly seven numbers, in schema order.
    let numeric = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    let mut t3_rows: Vec<Vec<String>> = Vec::new();
    let mut t4_row = None;
    for g in grids(&doc) {
        for row in &g.rows {
            let nums: Vec<String> = row
                .iter()
                .filter(|c| numeric(&c.text))
                .map(|c| c.text.clone())
                .collect();
            match nums.len() {
                7 => t3_rows.push(nums),
                15 => t4_row = Some(nums),
                _ => {}
            }
        }
    }
    let s = schema();
    let mut want: Vec<Vec<String>> = Vec::new();
    for k in s.keys(Template::V2021).filter(|k| k.table == Table::T3) {
        if k.col == "natural_person" {
            want.push(Vec::new());
        }
        want.last_mut()
            .unwrap()
            .push(truth[&k.id()].as_str().unwrap().to_string());
    }
    assert_eq!(t3_rows, want);
    let t4: Vec<String> = s
        .keys(Template::V2021)
        .filter(|k| k.table == Table::T4)
        .map(|k| truth[&k.id()].as_str().unwrap().to_string())
        .collect();
    assert_eq!(t4_row, Some(t4));
    // Each numeric column of a table-三 grid holds one applicant column: the seven numbers of
    // a row sit in the last seven cells.
    let t3 = grid_with(&doc, "本年新收");
    let r = row_with(t3, 1, "一、本年新收");
    let width = t3.rows[r].len();
    assert_eq!(width, 8, "label + seven columns");
    assert_eq!(t3.rows[r][width - 1].text, "3119");
    // Table 二 rows.
    let t2 = grid_with(&doc, "现行有效件数");
    let r = (0..t2.rows.len())
        .find(|&r| t2.text_at(r, 0) == "规章")
        .unwrap();
    assert_eq!(
        t2.rows[r]
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["规章", "1", "0", "11"]
    );
    // Section headings stay lines.
    assert!(lines(&doc).contains(&"三、收到和处理政府信息公开申请情况"));
}

#[test]
fn run_together_dumps_are_lines_with_the_runs() {
    for name in ["huaian-2024-runs.txt", "huaian-2024-runs-ambiguous.txt"] {
        let doc = ingest(&read(&format!("reports/formats/{name}")), name).unwrap();
        let l = lines(&doc);
        assert!(l.contains(&"一、本年新收政府信息公开申请数量300153006143119"));
        assert!(l.contains(&"72641783735113481261211620"));
        assert!(grids(&doc).is_empty(), "{name}: no separators, no grid");
    }
}

#[test]
fn seed_tab_report_still_reads() {
    let doc = ingest(&read("reports/liaocheng-waiban-2019.txt"), "liaocheng.txt").unwrap();
    let t3 = grid_with(&doc, "本年新收");
    let r = row_with(t3, 1, "一、本年新收");
    assert_eq!(t3.rows[r][1].text, "2");
    assert_eq!(t3.rows[r][7].text, "2");
    let t4 = grid_with(&doc, "行政复议");
    assert_eq!(t4.rows.len(), 4);
}

// ---------------------------------------------------------------------------------------
// Encodings.

const SAMPLE: &str = "淮安市人民政府2024年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119\n二、上年结转政府信息公开申请数量\t34\t0\t0\t0\t0\t0\t34\n";

fn first_grid_row(doc: &Document) -> Vec<String> {
    grids(doc)[0].rows[0]
        .iter()
        .map(|c| c.text.clone())
        .collect()
}

#[test]
fn utf16_with_and_without_bom() {
    let le: Vec<u8> = SAMPLE
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let be: Vec<u8> = SAMPLE
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
    for (bytes, what) in [
        (le.clone(), "LE"),
        (be.clone(), "BE"),
        (with_bom(&[0xff, 0xfe], &le), "LE BOM"),
        (with_bom(&[0xfe, 0xff], &be), "BE BOM"),
    ] {
        let doc = ingest(&bytes, "x.txt").unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(doc.format, Format::Txt, "{what}");
        assert_eq!(
            lines(&doc)[0],
            "淮安市人民政府2024年政府信息公开工作年度报告",
            "{what}"
        );
        assert_eq!(first_grid_row(&doc)[7], "3119", "{what}");
    }
    // An HTML page in UTF-16 without BOM.
    let page = "<html><body><p>淮安市人民政府</p><table><tr><td>规章</td><td>1</td></tr><tr><td>行政规范性文件</td><td>8</td></tr></table></body></html>";
    let le: Vec<u8> = page.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let doc = ingest(&le, "x.html").unwrap();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(lines(&doc)[0], "淮安市人民政府");
}

#[test]
fn big5_gbk_and_utf8_bom() {
    let traditional = "臺北市政府資訊公開年度報告\n一、本年新收政府資訊公開申請數量\t3001\t53\t0\t0\t61\t4\t3119\n本機關依據政府資訊公開法辦理，受理申請案件均於法定期限內答覆。\n";
    let (big5, _, bad) = encoding_rs::BIG5.encode(traditional);
    assert!(!bad);
    let doc = ingest(&big5, "x.txt").unwrap();
    assert_eq!(
        lines(&doc)[0],
        "臺北市政府資訊公開年度報告",
        "{:?}",
        doc.notes
    );
    let (gbk, _, bad) = encoding_rs::GBK.encode(SAMPLE);
    assert!(!bad);
    let doc = ingest(&gbk, "x.txt").unwrap();
    assert_eq!(
        lines(&doc)[0],
        "淮安市人民政府2024年政府信息公开工作年度报告"
    );
    let bom = [b"\xef\xbb\xbf".as_slice(), SAMPLE.as_bytes()].concat();
    let doc = ingest(&bom, "x.txt").unwrap();
    assert_eq!(
        lines(&doc)[0],
        "淮安市人民政府2024年政府信息公开工作年度报告"
    );
    // A declared charset is used when nothing else decides.
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>政府信息公开</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    let doc = ingest(&bytes, "x.html").unwrap();
    assert_eq!(lines(&doc)[0], "政府信息公开");
}

// ---------------------------------------------------------------------------------------
// Bad input: an error value or a Document, never a panic.

fn is_error(r: Result<Document, IngestError>) -> IngestError {
    match r {
        Err(e) => e,
        Ok(d) => panic!("expected an error, got {:?}", d.notes),
    }
}

#[test]
fn undecodable_bytes_are_an_error_value() {
    // Binary noise (a fixed pseudo-random sequence).
    let mut x: u32 = 12345;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let e = is_error(ingest(&noise, "noise.bin"));
    assert_eq!(e.status, Status::Unsupported);
    assert_eq!(
        is_error(ingest(b"", "empty.txt")).message,
        "empty file (0 bytes)"
    );
    // Text with some invalid bytes still reads, with a note.
    let mut mixed = SAMPLE.as_bytes().to_vec();
    mixed.extend_from_slice(b"\xff\xfe\xfd tail\n");
    if let Ok(doc) = ingest(&mixed, "mixed.txt") {
        assert!(!doc.pages.is_empty());
    }
}

#[test]
fn html_without_tables_is_a_document_with_a_note() {
    let page = "<html><head><title>通知</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div><p>关于印发工作要点的通知</p></body></html>";
    let doc = ingest(page.as_bytes(), "x.html").unwrap();
    assert!(grids(&doc).is_empty());
    assert!(doc.notes.iter().any(|n| n.contains("no data table")));
    // A page without any text is an error.
    let e = is_error(ingest(
        b"<html><body><script>load()</script></body></html>",
        "x.html",
    ));
    assert_eq!(e.status, Status::Unsupported);
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let page = format!(
        "<html><body>{}<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>{}</body></html>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let e = is_error(ingest(page.as_bytes(), "deep.html"));
    assert!(e.message.contains("nests"), "{}", e.message);
    // Within the limit it parses; what lies below our walking depth is noted, not lost silently.
    let page = format!(
        "<html><body>{}<p>正文</p>{}</body></html>",
        "<div>".repeat(1000),
        "</div>".repeat(1000)
    );
    let e = is_error(ingest(page.as_bytes(), "deep.html"));
    assert!(e.message.contains("deeper"), "{}", e.message);
    let page = format!(
        "<html><body>{}<p>正文</p>{}<p>结尾</p></body></html>",
        "<div>".repeat(1000),
        "</div>".repeat(1000)
    );
    let doc = ingest(page.as_bytes(), "deep.html").unwrap();
    assert_eq!(lines(&doc), ["结尾"]);
    assert!(
        doc.notes.iter().any(|n| n.contains("deeper")),
        "{:?}",
        doc.notes
    );
}

#[test]
fn docx_that_is_not_a_zip_or_is_truncated() {
    let e = is_error(ingest(
        b"PK\x03\x04 this is not really a zip archive",
        "x.docx",
    ));
    assert_eq!(e.status, Status::Failed);
    assert!(e.message.contains("zip"), "{}", e.message);
    let full = read("reports/formats/huaian-2024.docx");
    for cut in [full.len() / 2, full.len() - 30, 200] {
        let _ = ingest(&full[..cut], "cut.docx").map(|_| ()).err();
    }
    // A zip that is not a Word document.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
    }
    // It is an archive of files (issue 13): its members are read by the batch.
    let e = is_error(ingest(buf.get_ref(), "x.docx"));
    assert!(e.message.starts_with("zip"), "{}", e.message);
}

#[test]
fn an_ofd_document_is_named_and_refused_with_what_to_do() {
    // GB/T 33190's package: OFD.xml at the root names the document's root file.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("OFD.xml", opts).unwrap();
        std::io::Write::write_all(
            &mut z,
            br#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#,
        )
        .unwrap();
        z.start_file("Doc_0/Document.xml", opts).unwrap();
        std::io::Write::write_all(&mut z, b"<ofd:Document/>").unwrap();
        z.finish().unwrap();
    }
    assert_eq!(xxgk_ingest::sniff::sniff(buf.get_ref()), Format::Ofd);
    for name in ["report.ofd", "report.zip"] {
        let e = is_error(ingest(buf.get_ref(), name));
        assert_eq!(e.status, Status::Unsupported);
        assert!(e.message.starts_with("OFD document"), "{}", e.message);
        assert!(e.message.contains("PDF"), "{}", e.message);
    }
    // A damaged one named .ofd is an OFD, not a DOCX.
    let e = is_error(ingest(b"PK\x03\x04 cut short", "report.ofd"));
    assert!(e.message.starts_with("OFD document"), "{}", e.message);
}

#[test]
fn zip_bomb_is_refused() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        z.start_file("word/document.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..(xxgk_ingest::docx::MAX_ENTRY >> 20) + 1 {
            std::io::Write::write_all(&mut z, &chunk).unwrap();
        }
        z.finish().unwrap();
    }
    assert!(buf.get_ref().len() < 1 << 20, "the bomb is small");
    let e = is_error(ingest(buf.get_ref(), "bomb.docx"));
    assert_eq!(e.status, Status::Failed);
    assert!(e.message.contains("zip bomb"), "{}", e.message);
}

#[test]
fn damaged_fixtures_never_panic() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for name in [
        "reports/formats/huaian-2024-gbk.html",
        "reports/formats/huaian-2024.docx",
        "reports/formats/huaian-2024-layout.txt",
        "reports/formats/huaian-2024-tab.txt",
    ] {
        let original = read(name);
        for round in 0..60 {
            let mut bytes = original.clone();
            match round % 3 {
                // Flip a few bytes.
                0 => {
                    for _ in 0..8 {
                        let i = next() as usize % bytes.len();
                        bytes[i] ^= (next() % 255 + 1) as u8;
                    }
                }
                // Truncate.
                1 => bytes.truncate(next() as usize % bytes.len()),
                // Duplicate a slice somewhere else (unbalanced tags, repeated rows).
                _ => {
                    let a = next() as usize % bytes.len();
                    let b = (a + next() as usize % 2000).min(bytes.len());
                    let at = next() as usize % bytes.len();
                    let piece = bytes[a..b].to_vec();
                    bytes.splice(at..at, piece);
                }
            }
            // An error value or a Document: both fine, a panic is not.
            let _ = ingest(&bytes, name);
        }
    }
}
