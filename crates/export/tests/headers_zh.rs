//! `--headers zh` over a real run: every CSV and every sheet has Chinese headers, codebook.csv
//! and its sheet are there, each sheet of the workbook has its widths, filter and frozen row,
//! and the folder reads back (audit, eval) as if it were English.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::io::Read;
use std::path::PathBuf;
use xxgk_export::{extract, ExtractOptions, Headers};

fn corpus(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .join(rel)
}

fn first_line(path: &std::path::Path) -> String {
    let s = std::fs::read_to_string(path).unwrap();
    s.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn chinese_headers_everywhere_and_the_folder_still_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let book = tmp.path().join("年报.xlsx");
    let opts = ExtractOptions {
        threads: 2,
        bom: true,
        headers: Headers::Zh,
        xlsx: Some(book.clone()),
        ..ExtractOptions::default()
    };
    let inputs = [
        corpus("reports/huaian-2024.pdf"),
        corpus("reports/variants/t4-total-error.pdf"),
    ];
    let s = extract(&inputs, &out, &opts, &mut |_, _| {}).unwrap();
    assert_eq!(s.files, 2);

    assert_eq!(
        first_line(&out.join("reports.csv")),
        "报告,SHA-256,格式,页数,机关,年度,模板,状态,已读单元格数,应有单元格数,错误数,警告数,说明,来源标题,发布时间,原文链接"
    );
    assert_eq!(
        first_line(&out.join("values.csv")),
        "报告,表,行,列,数值,标记,原文,页码,位置,识别置信度"
    );
    assert_eq!(
        first_line(&out.join("findings.csv")),
        "报告,对比报告,规则,严重程度,状态,单元格,应为,实为,说明"
    );
    assert!(first_line(&out.join("wide.csv"))
        .starts_with("报告,机关,年度,模板,表二·规章·本年制发件数,"));
    assert_eq!(
        first_line(&out.join("codebook.csv")),
        "键,表,行,列,行标签,列标签,单位,所属模板,中文简称"
    );
    // codebook.csv: one row per key, here with Chinese headers.
    let codebook = std::fs::read_to_string(out.join("codebook.csv")).unwrap();
    assert_eq!(codebook.lines().count(), 1 + 226);
    assert!(codebook.contains(
        "t3.new_received.total,t3,new_received,total,一、本年新收政府信息公开申请数量,总计,件,v2019 v2021,表三·本年新收·总计"
    ), "{}", &codebook[..400]);

    // The values stay as they are: flags, statuses and finding cells in English.
    let findings = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(findings.contains("t4-total-error.pdf,,T4-1,error,fail,t4.review.upheld"));

    // The folder reads back: the summary counts severities from the Chinese findings.csv …
    let line = xxgk_export::summary_line(&s, &out);
    assert!(line.contains("findings: 1 error, 0 warnings,"), "{line}");
    // … and merge reads the Chinese files (writing English headers).
    let merged = tmp.path().join("merged");
    let m = xxgk_export::merge(
        std::slice::from_ref(&out),
        &merged,
        &xxgk_export::MergeOptions {
            bom: false,
            xlsx: None,
            aliases: Default::default(),
            allow_missing: false,
        },
    )
    .unwrap();
    assert_eq!((m.files, m.by_status[0]), (2, 2));
    let values = std::fs::read_to_string(merged.join("values.csv")).unwrap();
    assert_eq!(values.lines().count(), 1 + 400);
    assert!(values.starts_with("report,table,row,col,value,flag,raw,page,bbox"));
    assert!(merged.join("codebook.csv").is_file());

    // The workbook: Chinese sheet names and headers; each sheet frozen, filtered, fitted.
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["报告", "宽表", "审核发现", "数值", "代码本"]
    );
    let r = wb.worksheet_range("报告").unwrap();
    assert_eq!(r.get((0, 4)), Some(&Data::String("机关".into())));
    assert_eq!(r.get((1, 5)), Some(&Data::Float(2024.0)));
    assert_eq!(wb.worksheet_range("代码本").unwrap().height(), 227);
    let v = wb.worksheet_range("数值").unwrap();
    assert_eq!(
        v.get((1, 4)),
        Some(&Data::Float(1.0)),
        "t2.regulation.made of Huai'an 2024"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    for i in 1..=5 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{i}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains(r#"state="frozen""#), "sheet {i}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {i}");
        assert!(xml.contains("customWidth=\"1\""), "sheet {i}");
        assert!(xml.contains(r#"<c r="A1" s="1""#), "sheet {i}: bold header");
    }
}
