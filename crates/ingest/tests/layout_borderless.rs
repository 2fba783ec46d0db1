//! Tables without rulings.
//!
//! - `borderless-libreoffice.json`: `borderless.html` (tables 二 and 三 of a report, no borders,
//!   prose around them) printed to PDF by LibreOffice, then `make_pages.py`;
//! - huaian-2024 pages 3–5 with every ruling removed: the same text, wider spacing, a label area
//!   with three indents and a label printed one character per line;
//! - synthetic prose that must stay prose.

use std::collections::HashMap;
use std::path::PathBuf;
use xxgk_ingest::layout::build_grids;
use xxgk_model::{BBox, Block, Grid, Line, Page, Span};

fn fixture(name: &str) -> Vec<Page> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layout")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture is a list of pages")
}

fn truth() -> HashMap<String, String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/truth/huaian-2024.json");
    let text = std::fs::read_to_string(path).expect("truth");
    let v: serde_json::Value = serde_json::from_str(&text).expect("truth json");
    v["cells"]
        .as_object()
        .expect("cells")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

fn grids(page: &Page) -> Vec<&Grid> {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            Block::Line(_) => None,
        })
        .collect()
}

fn lines(page: &Page) -> Vec<&str> {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text.as_str()),
            Block::Grid(_) => None,
        })
        .collect()
}

fn row_texts(g: &Grid, r: usize) -> Vec<String> {
    g.rows[r]
        .iter()
        .map(|c| c.text.replace('\n', "/"))
        .collect()
}

#[test]
fn libreoffice_tables_without_borders() {
    let mut page = fixture("borderless-libreoffice.json").remove(0);
    build_grids(&mut page);
    let gs = grids(&page);
    assert_eq!(gs.len(), 2);

    let t2 = gs[0];
    assert_eq!((t2.rows.len(), t2.rows[0].len()), (3, 4));
    assert_eq!(
        row_texts(t2, 0),
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    );
    assert_eq!(row_texts(t2, 1), ["规章", "1", "0", "11"]);
    assert_eq!(row_texts(t2, 2), ["行政规范性文件", "8", "26", "66"]);

    let t3 = gs[1];
    assert_eq!((t3.rows.len(), t3.rows[0].len()), (12, 8));
    // Header lines stay one grid row each; split words sit in their column.
    assert_eq!(
        row_texts(t3, 0),
        ["", "", "", "科研", "社会公", "法律服务", "", ""]
    );
    assert_eq!(
        row_texts(t3, 1),
        ["", "自然人", "商业企业", "", "", "", "其他", "总计"]
    );
    assert_eq!(
        row_texts(t3, 2),
        ["", "", "", "机构", "益组织", "机构", "", ""]
    );
    // A label wrapped over two lines around its numbers: one row.
    assert_eq!(
        row_texts(t3, 3),
        [
            "一、本年新收政府信息/公开申请数量",
            "3001",
            "53",
            "0",
            "0",
            "61",
            "4",
            "3119"
        ]
    );
    // Blank cells stay blank.
    assert_eq!(
        row_texts(t3, 4),
        [
            "二、上年结转政府信息/公开申请数量",
            "34",
            "",
            "",
            "",
            "",
            "",
            "34"
        ]
    );
    // Three lines, numbers on the middle one.
    assert_eq!(
        row_texts(t3, 6),
        [
            "（二）部分公开（区分/处理的，只计这一情/形，不计其他情形）",
            "447",
            "7",
            "0",
            "0",
            "0",
            "0",
            "454"
        ]
    );
    // A group label without numbers is a row of its own.
    assert_eq!(
        row_texts(t3, 7),
        ["（三）不予公开", "", "", "", "", "", "", ""]
    );
    // A dash stays a dash.
    assert_eq!(row_texts(t3, 9)[6], "—");
    // Four lines, numbers between the second and the third.
    assert_eq!(
        row_texts(t3, 10),
        [
            "1、申请人无正当理由逾/期不补正、行政机关不/再处理其政府信息公开/申请",
            "67",
            "3",
            "0",
            "0",
            "1",
            "0",
            "71"
        ]
    );
    assert_eq!(row_texts(t3, 11)[0], "（七）总计");
    assert_eq!(row_texts(t3, 11)[7], "3050");
    // Every cell has a box; value boxes are the numbers' boxes.
    for row in &t3.rows {
        for c in row {
            assert!(c.bbox.is_some());
        }
    }
    let b = t3.rows[3][7].bbox.expect("box");
    assert!((b.x0 - 401.9).abs() < 0.5 && b.width() < 25.0, "{b:?}");

    // Prose, headings and the footer stay lines, in reading order around the grids.
    let ls = lines(&page);
    assert_eq!(ls.len(), 8, "{ls:?}");
    assert!(ls[0].starts_with("（五）政府信息公开监督保障情况"));
    assert_eq!(ls[2], "二、主动公开政府信息情况");
    assert_eq!(ls[3], "三、收到和处理政府信息公开申请情况");
    assert!(ls[5].starts_with("本年度共收到行政复议申请 351 件"));
    assert_eq!(ls[7], "- 3 -");
    let order: Vec<&str> = page
        .blocks
        .iter()
        .map(|b| match b {
            Block::Line(_) => "L",
            Block::Grid(_) => "G",
        })
        .collect();
    assert_eq!(order, ["L", "L", "L", "G", "L", "G", "L", "L", "L", "L"]);
}

/// Table-三 rows of huaian pages 4–5: label fragment and truth key.
const T3: [(&str, &str); 25] = [
    ("本年新收", "new_received"),
    ("上年结转", "carried_in"),
    ("予以公开", "granted"),
    ("部分公开", "partial"),
    ("国家秘密", "deny_state_secret"),
    ("禁止公开", "deny_law_forbidden"),
    ("三安全一稳定", "deny_three_security"),
    ("第三方合法权益", "deny_third_party"),
    ("内部事务", "deny_internal_affairs"),
    ("过程性信息", "deny_process_info"),
    ("行政执法案卷", "deny_enforcement_file"),
    ("行政查询", "deny_admin_query"),
    ("不掌握", "unable_not_held"),
    ("另行制作", "unable_need_creation"),
    ("仍不明确", "unable_unclear"),
    ("信访举报投诉", "nohandle_petition"),
    ("重复申请", "nohandle_repeat"),
    ("公开出版物", "nohandle_publication"),
    ("大量反复", "nohandle_mass_repeat"),
    ("确认或重新出", "nohandle_confirm"),
    ("逾期不补", "other_no_correction"),
    ("收费通知", "other_no_fee_paid"),
    ("3、其他", "other_other"),
    ("（七）总计", "processed_total"),
    ("结转下年度", "carried_out"),
];

const T3_COLS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_org",
    "legal_service",
    "other_org",
    "total",
];

#[test]
fn huaian_table_three_without_rulings_keeps_every_number_in_its_row_and_column() {
    let truth = truth();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for mut page in fixture("huaian-2024-p3-5.json") {
        page.segments.clear();
        build_grids(&mut page);
        if page.number == 3 {
            continue;
        }
        for g in grids(&page) {
            if g.rows[0].len() == 8 {
                rows.extend((0..g.rows.len()).map(|r| row_texts(g, r)));
            }
        }
    }
    let data: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| {
            r[1..]
                .iter()
                .any(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
        })
        .collect();
    assert_eq!(data.len(), 25, "{data:#?}");
    for (row, (fragment, key)) in data.iter().zip(T3) {
        assert!(
            row[0].replace('/', "").contains(fragment),
            "{row:?} lacks {fragment}"
        );
        let want: Vec<&str> = T3_COLS
            .iter()
            .map(|c| truth[&format!("t3.{key}.{c}")].as_str())
            .collect();
        assert_eq!(row[1..], want[..], "{key}");
    }
}

#[test]
fn huaian_table_two_without_rulings() {
    let truth = truth();
    let mut page = fixture("huaian-2024-p3-5.json").remove(0);
    page.segments.clear();
    build_grids(&mut page);
    let gs = grids(&page);
    assert_eq!(gs.len(), 1);
    let g = gs[0];
    assert_eq!(
        row_texts(g, 1),
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    );
    assert_eq!(
        row_texts(g, 2),
        [
            "规章",
            &truth["t2.regulation.made"],
            &truth["t2.regulation.repealed"],
            &truth["t2.regulation.in_force"]
        ]
    );
    assert_eq!(
        row_texts(g, 3),
        [
            "行政规范性文件",
            &truth["t2.normative.made"],
            &truth["t2.normative.repealed"],
            &truth["t2.normative.in_force"]
        ]
    );
    assert_eq!(
        row_texts(g, 6)[..2],
        ["行政许可", truth["t2.license.decisions"].as_str()]
    );
    // The prose above stays prose.
    let ls = lines(&page);
    assert!(ls
        .iter()
        .any(|l| l.starts_with("（五）政府信息公开监督保障情况")));
    assert!(ls.contains(&"二、主动公开政府信息情况"));
}

fn line(spans: &[(&str, f64, f64)], y: f64, size: f64) -> Block {
    let spans: Vec<Span> = spans
        .iter()
        .map(|&(t, x0, x1)| Span {
            text: t.to_string(),
            bbox: BBox::new(x0, y, x1, y + size),
        })
        .collect();
    let bbox = spans.iter().map(|s| s.bbox).reduce(|a, b| a.union(&b));
    Block::Line(Line {
        text: spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        bbox,
        spans,
        size,
        after_break: false,
    })
}

#[test]
fn prose_with_numbers_stays_prose() {
    // Numbers in prose are set off by a space's width; lines of a justified paragraph align at
    // both margins. None of it is a table.
    let blocks = vec![
        line(
            &[
                ("全年共受理政府信息公开申请", 72.0, 202.0),
                ("3119", 205.0, 225.0),
                ("件，同比增长", 228.0, 288.0),
            ],
            100.0,
            10.0,
        ),
        line(
            &[
                ("其中自然人申请", 72.0, 142.0),
                ("3001", 145.0, 165.0),
                ("件，法人或其他组织", 168.0, 258.0),
                ("118", 261.0, 276.0),
                ("件。", 279.0, 299.0),
            ],
            116.0,
            10.0,
        ),
        line(
            &[
                ("行政复议", 72.0, 112.0),
                ("351", 115.0, 130.0),
                ("件，行政诉讼", 133.0, 193.0),
                ("46", 196.0, 206.0),
                ("件。", 209.0, 229.0),
            ],
            132.0,
            10.0,
        ),
        line(
            &[("附件：1.", 72.0, 110.0), ("统计表", 140.0, 170.0)],
            148.0,
            10.0,
        ),
        line(&[("2.", 72.0, 82.0), ("说明", 140.0, 160.0)], 164.0, 10.0),
        line(&[("- 4 -", 280.0, 305.0)], 800.0, 10.0),
    ];
    let mut page = Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        blocks: blocks.clone(),
        ..Page::default()
    };
    build_grids(&mut page);
    assert_eq!(page.blocks, blocks);
}

#[test]
fn a_small_synthetic_table_and_its_neighbours() {
    // Two value rows under a header, right-aligned numbers, a caption above, prose below.
    let blocks = vec![
        line(&[("表1 办理情况", 72.0, 132.0)], 80.0, 10.0),
        line(
            &[
                ("项目", 72.0, 92.0),
                ("上年", 200.0, 220.0),
                ("本年", 260.0, 280.0),
            ],
            100.0,
            10.0,
        ),
        line(
            &[
                ("受理", 72.0, 92.0),
                ("12", 210.0, 220.0),
                ("1,204", 255.0, 280.0),
            ],
            116.0,
            10.0,
        ),
        line(
            &[
                ("办结", 72.0, 92.0),
                ("9", 215.0, 220.0),
                ("—", 270.0, 280.0),
            ],
            132.0,
            10.0,
        ),
        line(
            &[(
                "以上数据截至年底，共计十二个部门报送，其余部门未报送。",
                72.0,
                352.0,
            )],
            160.0,
            10.0,
        ),
    ];
    let mut page = Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        blocks,
        ..Page::default()
    };
    build_grids(&mut page);
    let kinds: Vec<&str> = page
        .blocks
        .iter()
        .map(|b| match b {
            Block::Line(_) => "L",
            Block::Grid(_) => "G",
        })
        .collect();
    assert_eq!(kinds, ["L", "G", "L"]);
    let g = grids(&page)[0];
    assert_eq!(row_texts(g, 0), ["项目", "上年", "本年"]);
    assert_eq!(row_texts(g, 1), ["受理", "12", "1,204"]);
    assert_eq!(row_texts(g, 2), ["办结", "9", "—"]);
}

#[test]
fn huaian_table_four_without_rulings_is_found_from_its_one_data_row() {
    let truth = truth();
    let truth = &truth;
    let mut page = fixture("huaian-2024-p3-5.json").remove(2);
    page.segments.clear();
    build_grids(&mut page);
    let gs = grids(&page);
    let t4 = gs
        .iter()
        .find(|g| g.rows[0].len() == 15)
        .expect("a 15-column grid");
    let want: Vec<String> = ["review", "lit_direct", "lit_after_review"]
        .iter()
        .flat_map(|g| {
            ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .map(move |l| truth[&format!("t4.{g}.{l}")].clone())
        })
        .collect();
    assert_eq!(row_texts(t4, t4.rows.len() - 1), want);
    assert_eq!(row_texts(t4, 0)[0], "行政复议");
    assert_eq!(row_texts(t4, 0)[5], "行政诉讼");
    // The caption above and the section after stay lines.
    let ls = lines(&page);
    assert!(ls.contains(&"四、政府信息公开行政复议、行政诉讼情况"));
    assert!(ls.contains(&"五、存在的主要问题及改进情况"));
}

/// Table 三 of the corpus variant `borderless.pdf` (杭州市西湖区城市管理局 2022, generated by the
/// corpus tools: tight cell padding, labels in three indents, numbers left-aligned), values from
/// its truth file, in template row order.
const CORPUS_T3: [[&str; 7]; 25] = [
    ["148", "7", "0", "0", "7", "2", "164"],
    ["4", "0", "0", "0", "0", "0", "4"],
    ["47", "3", "0", "0", "3", "1", "54"],
    ["16", "1", "0", "0", "1", "0", "18"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["2", "0", "0", "0", "0", "0", "2"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["6", "0", "0", "0", "1", "0", "7"],
    ["55", "2", "0", "0", "1", "1", "59"],
    ["2", "0", "0", "0", "0", "0", "2"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["6", "0", "0", "0", "0", "0", "6"],
    ["4", "1", "0", "0", "0", "0", "5"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["0", "0", "0", "0", "0", "0", "0"],
    ["2", "0", "0", "0", "1", "0", "3"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["1", "0", "0", "0", "0", "0", "1"],
    ["148", "7", "0", "0", "7", "2", "164"],
    ["4", "0", "0", "0", "0", "0", "4"],
];

#[test]
fn corpus_borderless_variant_all_tables() {
    let mut t3_rows: Vec<Vec<String>> = Vec::new();
    let mut small: Vec<Vec<String>> = Vec::new();
    let mut t4: Option<Vec<String>> = None;
    let mut kept_lines: Vec<String> = Vec::new();
    for mut page in fixture("corpus-borderless-p2-5.json") {
        build_grids(&mut page);
        kept_lines.extend(lines(&page).iter().map(|s| s.to_string()));
        for g in grids(&page) {
            let w = g.rows[0].len();
            let all: Vec<Vec<String>> = (0..g.rows.len()).map(|r| row_texts(g, r)).collect();
            match w {
                8 => t3_rows.extend(all.into_iter().filter(|r| {
                    r[1..].iter().filter(|c| !c.is_empty()).count() == 7
                        && r[1].chars().all(|c| c.is_ascii_digit())
                })),
                15 => t4 = all.last().cloned(),
                _ => small.extend(all),
            }
        }
    }
    assert_eq!(t3_rows.len(), 25, "{t3_rows:#?}");
    for (got, want) in t3_rows.iter().zip(CORPUS_T3) {
        assert_eq!(got[1..], want[..], "{got:?}");
    }
    // Labels read block by block, so split group labels do not cut item labels.
    let label = |frag: &str| t3_rows.iter().any(|r| r[0].replace('/', "").contains(frag));
    for frag in [
        "3.要求提供公开出版物",
        "2.其他法律行政法规禁止公开",
        "（五）不",
        "1.本机关不掌握相关政府信息",
    ] {
        assert!(label(frag), "{frag}");
    }
    assert_eq!(
        t4.expect("table 四"),
        ["1", "0", "1", "0", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]
    );
    // Table 二: every group is a grid, the one-row groups too (under their header row); the
    // group captions stay lines.
    assert!(small.contains(&vec!["规章".into(), "2".into(), "2".into(), "8".into()]));
    assert!(small.contains(&vec![
        "行政规范性文件".into(),
        "13".into(),
        "9".into(),
        "106".into()
    ]));
    assert!(small.contains(&vec!["行政处罚".into(), "4253".into()]));
    assert!(small.contains(&vec!["行政许可".into(), "8387".into()]));
    assert!(small.contains(&vec!["行政事业性收费".into(), "2758.07".into()]));
    assert!(small.contains(&vec![
        "信息内容".into(),
        "本年收费金额（单位：万元）".into()
    ]));
    for caption in [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（八）项",
    ] {
        assert!(kept_lines.iter().any(|l| l == caption), "{caption}");
    }
    assert!(kept_lines
        .iter()
        .any(|l| l == "三、收到和处理政府信息公开申请情况"));
    assert!(kept_lines
        .iter()
        .any(|l| l == "四、政府信息公开行政复议、行政诉讼情况"));
}
