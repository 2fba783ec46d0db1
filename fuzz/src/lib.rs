//! Shared code of the xxgk fuzz targets: the whole pipeline on bytes, and a structured
//! [`Document`] built from fuzz input for the parser target.

use arbitrary::{Result, Unstructured};
use xxgk_model::{
    schema, BBox, Block, Document, Format, Grid, GridCell, Line, Page, Segment, SegmentKind, Span,
};

/// ingest → parse → audit (within one report and across years), as the batch runs it.
/// Any outcome is fine; a panic, a hang or an out-of-memory is what the fuzzer looks for.
pub fn pipeline(bytes: &[u8], name: &str) {
    if let Ok(doc) = xxgk_ingest::ingest(bytes, name) {
        run_parser(&doc, name);
    }
}

/// parse → audit on a Document.
pub fn run_parser(doc: &Document, name: &str) {
    let report = xxgk_parser::parse(doc, name, name);
    let _ = xxgk_audit::check(&report);
    if let Some(rec) = xxgk_audit::YearRecord::from_report(&report) {
        let mut next = rec.clone();
        next.year = next.year.wrapping_add(1);
        let _ = xxgk_audit::cross_year(&[rec, next], &xxgk_audit::Aliases::default());
    }
}

/// Words the parser looks for, so that random documents reach deep into it.
fn vocabulary() -> Vec<String> {
    let s = schema();
    let mut v: Vec<String> = Vec::new();
    for k in &s.keys {
        v.push(k.row_label.to_string());
        v.push(k.col_label.to_string());
    }
    v.extend(
        [
            "淮安市人民政府",
            "2024年政府信息公开工作年度报告",
            "2019 年政府信息公开工作年度报告",
            "本报告中所列数据的统计期限为2024年1月1日至2024年12月31日。",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
            "第二十条第（一）项",
            "第二十条第（五）项",
            "第二十条第（九）项",
            "信息内容",
            "申请人情况",
            "法人或其他组织",
            "三、本年度办理结果",
            "（三）不予公开",
            "（六）其他处理",
            "本",
            "年",
            "- 4 -",
            "—",
            "/",
            "",
            " ",
            "0",
            "1",
            "12",
            "3,119",
            "+3",
            "-2",
            "96171.6",
            "251000元",
            "概述",
            "依申请公开政府信息情况",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    v
}

fn text(u: &mut Unstructured, vocab: &[String]) -> Result<String> {
    let mut out = String::new();
    for _ in 0..u.int_in_range(0..=3)? {
        if u.ratio(1, 5)? {
            out.push_str(u.arbitrary::<&str>()?);
        } else {
            out.push_str(u.choose(vocab)?);
        }
    }
    Ok(out)
}

fn coord(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=9)? {
        0 => f64::NAN,
        1 => f64::INFINITY,
        2 => -1e300,
        _ => f64::from(u.int_in_range(-50i32..=900)?) + f64::from(u.int_in_range(0u8..=9)?) / 10.0,
    })
}

fn bbox(u: &mut Unstructured) -> Result<BBox> {
    Ok(BBox::new(coord(u)?, coord(u)?, coord(u)?, coord(u)?))
}

fn maybe_bbox(u: &mut Unstructured) -> Result<Option<BBox>> {
    Ok(if u.arbitrary()? { Some(bbox(u)?) } else { None })
}

fn line(u: &mut Unstructured, vocab: &[String]) -> Result<Line> {
    let mut spans = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        spans.push(Span {
            text: text(u, vocab)?,
            bbox: bbox(u)?,
        });
    }
    let text = if u.arbitrary()? {
        spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text(u, vocab)?
    };
    Ok(Line {
        text,
        bbox: maybe_bbox(u)?,
        spans,
        size: coord(u)?,
    })
}

fn grid(u: &mut Unstructured, vocab: &[String]) -> Result<Grid> {
    let nrows = u.int_in_range(0..=40)?;
    let ncols = u.int_in_range(0..=16)?;
    let mut rows = Vec::with_capacity(nrows);
    for _ in 0..nrows {
        let len = if u.ratio(1, 8)? {
            u.int_in_range(0..=ncols)?
        } else {
            ncols
        };
        let mut row = Vec::with_capacity(len);
        for _ in 0..len {
            let covered_by = if u.ratio(1, 6)? {
                Some((u.int_in_range(0..=nrows)?, u.int_in_range(0..=ncols)?))
            } else {
                None
            };
            row.push(GridCell {
                text: text(u, vocab)?,
                row_span: u.int_in_range(0..=30)?,
                col_span: u.int_in_range(0..=16)?,
                bbox: maybe_bbox(u)?,
                covered_by,
            });
        }
        rows.push(row);
    }
    Ok(Grid {
        rows,
        bbox: maybe_bbox(u)?,
    })
}

/// A random Document whose words are mostly the parser's own vocabulary.
pub fn document(u: &mut Unstructured) -> Result<Document> {
    let vocab = vocabulary();
    let format = *u.choose(&[
        Format::Pdf,
        Format::Html,
        Format::Txt,
        Format::Docx,
        Format::Unknown,
    ])?;
    let mut doc = Document::new(format);
    if u.arbitrary()? {
        doc.title_hint = Some(text(u, &vocab)?);
    }
    for n in 0..u.int_in_range(0..=6)? {
        let mut page = Page {
            number: if u.ratio(1, 10)? {
                u.arbitrary()?
            } else {
                n + 1
            },
            width: coord(u)?,
            height: coord(u)?,
            ..Page::default()
        };
        for _ in 0..u.int_in_range(0..=60)? {
            if u.ratio(1, 4)? {
                page.blocks.push(Block::Grid(grid(u, &vocab)?));
            } else {
                page.blocks.push(Block::Line(line(u, &vocab)?));
            }
        }
        for _ in 0..u.int_in_range(0..=20)? {
            page.segments.push(Segment {
                x0: coord(u)?,
                y0: coord(u)?,
                x1: coord(u)?,
                y1: coord(u)?,
                kind: *u.choose(&[
                    SegmentKind::Horizontal,
                    SegmentKind::Vertical,
                    SegmentKind::Rect,
                ])?,
            });
        }
        page.glyphs = u.int_in_range(0..=5000)?;
        page.unknown_glyphs = u.int_in_range(0..=5000)?;
        doc.pages.push(page);
    }
    Ok(doc)
}

/// A ZIP archive with the given entries stored (no compression): enough of a DOCX container
/// for the fuzzer to reach the XML reader with its own bytes.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                let mask = (crc & 1).wrapping_neg();
                crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
            }
        }
        !crc
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0u8; 8]); // comment, disk, attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend(header(b"PK\x01\x02", true));
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend(central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The fixed parts of a minimal DOCX.
pub const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
