//! End-to-end tests of the office formats (`corpus/reports/office/`, made by
//! `corpus/gen/make_office.py` with LibreOffice and Chromium): the huaian-2024 report and the
//! seed's two reports (宿城区 2023 from its DOCX, 静安区 2019 from its web page) as .doc, .wps,
//! .odt, .rtf, .xls, .xlsx, .ods, .et, .mht and a web page saved as .doc, each read through
//! ingest + parse against its truth (every cell, agency, year); the members of a zip; and the
//! exact messages for what cannot be read.

use xxgk_model::{Format, Status};
use xxgk_tests::{score, score_file, truth_dir, Truth};

fn check(name: &str, format: Format) {
    let t = Truth::load(&truth_dir().join("office").join(format!("{name}.json"))).unwrap();
    let (report, s) = score_file(&t);
    assert!(s.is_perfect(), "{name}:\n{}", s.problems.join("\n"));
    assert_eq!(s.matched, s.total, "{name}");
    assert!(s.total >= 190, "{name}: {} truth cells", s.total);
    let report = report.unwrap();
    assert_eq!(report.status, Status::Ok, "{name}: {}", report.message);
    let bytes = std::fs::read(&t.source).unwrap();
    assert_eq!(xxgk_ingest::sniff::sniff(&bytes), format, "{name}");
}

macro_rules! office {
    ($($test:ident: $name:literal $format:ident,)*) => {
        $(#[test]
        fn $test() {
            check($name, Format::$format);
        })*
    };
}

office! {
    huaian_doc: "huaian-2024-doc" Doc,
    huaian_wps: "huaian-2024-wps" Doc,
    huaian_odt: "huaian-2024-odt" Odt,
    huaian_rtf: "huaian-2024-rtf" Rtf,
    huaian_page_doc: "huaian-2024-page-doc" Doc,
    huaian_xls: "huaian-2024-xls" Sheet,
    huaian_xlsx: "huaian-2024-xlsx" Sheet,
    huaian_ods: "huaian-2024-ods" Sheet,
    huaian_et: "huaian-2024-et" Sheet,
    huaian_mht: "huaian-2024-mht" Mht,
    suqian_doc: "suqian-2023-doc" Doc,
    suqian_wps: "suqian-2023-wps" Doc,
    suqian_odt: "suqian-2023-odt" Odt,
    suqian_rtf: "suqian-2023-rtf" Rtf,
    jingan_page_doc: "jingan-2019-page-doc" Doc,
    jingan_xls: "jingan-2019-xls" Sheet,
    jingan_xlsx: "jingan-2019-xlsx" Sheet,
    jingan_ods: "jingan-2019-ods" Sheet,
    jingan_et: "jingan-2019-et" Sheet,
    jingan_mht: "jingan-2019-mht" Mht,
}
