//! Ruled tables of corpus/reports/huaian-2024.pdf pages 3–5 (tables 二, 三 and 四, table 三 split across
//! pages 4–5) against the hand-verified truth.
//!
//! The pages are JSON fixtures made by `fixtures/layout/make_pages.py` (pdfplumber glyphs grouped
//! into lines and spans, rulings and WPS clip rectangles from the content stream).

use std::collections::HashMap;
use std::path::PathBuf;
use xxgk_ingest::layout::{build_grids, ruled_grids};
use xxgk_model::{Block, Grid, Page};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pages() -> Vec<Page> {
    let path = root().join("crates/ingest/tests/fixtures/layout/huaian-2024-p3-5.json");
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture is a list of pages")
}

fn truth() -> HashMap<String, String> {
    let text =
        std::fs::read_to_string(root().join("corpus/truth/huaian-2024.json")).expect("truth");
    let v: serde_json::Value = serde_json::from_str(&text).expect("truth json");
    v["cells"]
        .as_object()
        .expect("cells")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
}

/// The page after `build_grids`, and its grids in reading order.
fn built(n: u32) -> (Page, Vec<Grid>) {
    let mut page = pages()
        .into_iter()
        .find(|p| p.number == n)
        .expect("page in fixture");
    build_grids(&mut page);
    let grids = page
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g.clone()),
            Block::Line(_) => None,
        })
        .collect();
    (page, grids)
}

fn shape(g: &Grid) -> (usize, usize) {
    (g.rows.len(), g.rows.first().map_or(0, |r| r.len()))
}

fn lines(page: &Page) -> Vec<String> {
    page.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Line(l) => Some(l.text.clone()),
            Block::Grid(_) => None,
        })
        .collect()
}

const T3_COLS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_org",
    "legal_service",
    "other_org",
    "total",
];

/// Table 三 rows: `(grid row, label fragment, truth key)`.
const T3_P4: [(usize, &str, &str); 13] = [
    (3, "本年新收", "new_received"),
    (4, "上年结转", "carried_in"),
    (5, "予以公开", "granted"),
    (6, "部分公开", "partial"),
    (7, "国家秘密", "deny_state_secret"),
    (8, "禁止公开", "deny_law_forbidden"),
    (9, "三安全一稳定", "deny_three_security"),
    (10, "第三方合法权益", "deny_third_party"),
    (11, "内部事务", "deny_internal_affairs"),
    (12, "过程性信息", "deny_process_info"),
    (13, "行政执法案卷", "deny_enforcement_file"),
    (14, "行政查询", "deny_admin_query"),
    (15, "不掌握", "unable_not_held"),
];

const T3_P5: [(usize, &str, &str); 12] = [
    (0, "另行制作", "unable_need_creation"),
    (1, "仍不明确", "unable_unclear"),
    (2, "信访举报投诉", "nohandle_petition"),
    (3, "重复申请", "nohandle_repeat"),
    (4, "公开出版物", "nohandle_publication"),
    (5, "大量反复", "nohandle_mass_repeat"),
    (6, "确认或重新出", "nohandle_confirm"),
    (7, "逾期不补", "other_no_correction"),
    (8, "收费通知", "other_no_fee_paid"),
    (9, "3、其他", "other_other"),
    (10, "总计", "processed_total"),
    (11, "结转下年度", "carried_out"),
];

/// The label of a table-三 row: the texts of its three label columns, line breaks removed.
fn label(g: &Grid, r: usize) -> String {
    (0..3)
        .map(|c| g.text_at(r, c).replace('\n', ""))
        .collect::<Vec<_>>()
        .join("|")
}

fn check_t3_rows(g: &Grid, rows: &[(usize, &str, &str)], truth: &HashMap<String, String>) -> usize {
    let mut checked = 0;
    for &(r, fragment, key) in rows {
        let l = label(g, r);
        assert!(
            l.contains(fragment),
            "row {r}: label {l:?} lacks {fragment:?}"
        );
        for (i, col) in T3_COLS.iter().enumerate() {
            let want = &truth[&format!("t3.{key}.{col}")];
            let cell = &g.rows[r][3 + i];
            assert_eq!(&cell.text, want, "t3.{key}.{col} (row {r}, col {})", 3 + i);
            assert_eq!((cell.row_span, cell.col_span), (1, 1));
            let b = cell.bbox.expect("value cell has a box");
            assert!(
                b.width() > 0.0 && b.width() < 20.0,
                "{key}.{col}: text box {b:?}"
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn table_two_on_page_three_is_one_grid_with_spanning_value_cells() {
    let truth = truth();
    let (page, grids) = built(3);
    assert_eq!(grids.len(), 1);
    let g = &grids[0];
    assert_eq!(shape(g), (8, 4));
    // Group captions are full-width merged rows.
    assert_eq!(g.rows[0][0].text, "第二十条第（一）项");
    assert_eq!(g.rows[0][0].col_span, 4);
    assert_eq!(g.rows[0][3].covered_by, Some((0, 0)));
    assert_eq!(g.text_at(1, 1), "本年制发件数");
    assert_eq!(g.text_at(3, 0), "行政规范性文件");
    let want = |k: &str| truth[k].as_str();
    assert_eq!(
        [g.text_at(2, 1), g.text_at(2, 2), g.text_at(2, 3)],
        [
            want("t2.regulation.made"),
            want("t2.regulation.repealed"),
            want("t2.regulation.in_force")
        ]
    );
    assert_eq!(
        [g.text_at(3, 1), g.text_at(3, 2), g.text_at(3, 3)],
        [
            want("t2.normative.made"),
            want("t2.normative.repealed"),
            want("t2.normative.in_force")
        ]
    );
    // Group (五): one value cell spanning three columns.
    assert_eq!(g.text_at(6, 0), "行政许可");
    assert_eq!(g.rows[6][1].text, want("t2.license.decisions"));
    assert_eq!(g.rows[6][1].col_span, 3);
    assert_eq!(g.text_at(6, 3), want("t2.license.decisions"));
    assert_eq!(g.text_at(7, 0), "第二十条第（六）项");
    // Prose above and the footer below stay lines.
    let ls = lines(&page);
    assert!(ls.iter().any(|l| l == "二、主动公开政府信息情况"));
    assert_eq!(ls.last().map(String::as_str), Some("- 3 -"));
    assert!(!ls.iter().any(|l| l.contains("本年制发件数")));
    // The grid sits between the heading and the footer.
    let kinds: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| matches!(b, Block::Grid(_)))
        .collect();
    assert_eq!(kinds.iter().position(|&k| k), Some(kinds.len() - 2));
}

#[test]
fn table_two_continues_and_table_three_starts_on_page_four() {
    let truth = truth();
    let (page, grids) = built(4);
    assert_eq!(grids.len(), 2);
    let t2 = &grids[0];
    assert_eq!(shape(t2), (6, 2));
    assert_eq!(t2.rows[1][0].text, "行政处罚");
    assert_eq!(t2.rows[1][1].text, truth["t2.penalty.decisions"]);
    assert_eq!(t2.rows[2][1].text, truth["t2.coercion.decisions"]);
    assert_eq!(t2.rows[3][0].text, "第二十条第（八）项");
    assert_eq!(t2.rows[3][0].col_span, 2);
    assert_eq!(t2.rows[4][1].text, "本年收费金额（单位：万元）");
    assert_eq!(t2.rows[5][1].text, truth["t2.fee.amount"]);

    let t3 = &grids[1];
    assert_eq!(shape(t3), (16, 10));
    // Header: corner cell 3×3, 申请人情况 over seven columns, 法人或其他组织 over five.
    assert_eq!((t3.rows[0][0].row_span, t3.rows[0][0].col_span), (3, 3));
    assert!(t3.rows[0][0].text.starts_with("（本列数据的勾稽关系为"));
    assert_eq!(
        (t3.rows[0][3].text.as_str(), t3.rows[0][3].col_span),
        ("申请人情况", 7)
    );
    assert_eq!(
        (t3.rows[1][3].text.as_str(), t3.rows[1][3].row_span),
        ("自然人", 2)
    );
    assert_eq!(
        (t3.rows[1][4].text.as_str(), t3.rows[1][4].col_span),
        ("法人或其他组织", 5)
    );
    // Header words split over two lines, and letter-spaced ones, join within their cell.
    let header: Vec<String> = (4..9)
        .map(|c| t3.rows[2][c].text.replace('\n', ""))
        .collect();
    assert_eq!(
        header,
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他"
        ]
    );
    assert_eq!(t3.text_at(2, 9), "总计");
    // 三、本年度办理结果: one tall merged cell, printed one character per line.
    let v = &t3.rows[5][0];
    assert_eq!(v.text.replace('\n', ""), "三、本年度办理结果");
    assert_eq!(v.text.lines().count(), 8);
    assert_eq!((v.row_span, v.col_span), (11, 1));
    assert_eq!(t3.rows[15][0].covered_by, Some((5, 0)));
    // A group label broken over two lines, in its merged cell.
    assert_eq!(t3.rows[7][1].text, "（三）不\n予公开");
    assert_eq!(t3.rows[7][1].row_span, 8);
    // A label wrapped over two lines with the numbers on neither.
    assert_eq!(
        t3.rows[6][1].text.replace('\n', ""),
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    );
    assert_eq!(check_t3_rows(t3, &T3_P4, &truth), 13 * 7);
    // The group cell cut by the page break holds its first half.
    assert_eq!(t3.text_at(15, 1), "（四）无");

    let ls = lines(&page);
    assert!(ls.iter().any(|l| l == "三、收到和处理政府信息公开申请情况"));
    assert_eq!(ls.last().map(String::as_str), Some("- 4 -"));
    assert_eq!(
        ls.len(),
        2,
        "only the caption and the footer stay lines: {ls:?}"
    );
}

#[test]
fn table_three_ends_and_table_four_on_page_five() {
    let truth = truth();
    let (page, grids) = built(5);
    assert_eq!(grids.len(), 2);
    let t3 = &grids[0];
    assert_eq!(shape(t3), (12, 10));
    // The continued 三、 column is an empty merged cell; （四） continues as 法提供.
    assert_eq!(
        (t3.rows[0][0].text.as_str(), t3.rows[0][0].row_span),
        ("", 11)
    );
    assert_eq!(t3.rows[0][1].text, "法提供");
    assert_eq!(t3.rows[2][1].text, "（五）不\n予处理");
    // (六) sub-rows wrap over three lines with the numbers on the middle one.
    assert_eq!(
        t3.rows[7][2].text,
        "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请"
    );
    assert_eq!(check_t3_rows(t3, &T3_P5, &truth), 12 * 7);

    let t4 = &grids[1];
    assert_eq!(shape(t4), (4, 15));
    assert_eq!(
        (t4.rows[0][0].text.as_str(), t4.rows[0][0].col_span),
        ("行政复议", 5)
    );
    assert_eq!(
        (t4.rows[0][5].text.as_str(), t4.rows[0][5].col_span),
        ("行政诉讼", 10)
    );
    assert_eq!(t4.rows[1][5].text, "未经复议直接起诉");
    assert_eq!(t4.rows[1][10].text, "复议后起诉");
    assert_eq!(t4.rows[1][0].row_span, 2);
    assert_eq!(t4.text_at(2, 0).replace('\n', ""), "结果维持");
    assert_eq!(t4.text_at(2, 13).replace('\n', ""), "尚未审结");
    let keys = ["review", "lit_direct", "lit_after_review"]
        .iter()
        .flat_map(|g| {
            ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .map(move |l| format!("t4.{g}.{l}"))
        });
    let data: Vec<&str> = t4.rows[3].iter().map(|c| c.text.as_str()).collect();
    let want: Vec<String> = keys.map(|k| truth[&k].clone()).collect();
    assert_eq!(data, want);

    let ls = lines(&page);
    assert_eq!(
        ls,
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "对照上级新要求和公众新期待，还有一些需要加强和改进的",
            "- 5 -"
        ]
    );
}

#[test]
fn ruled_grids_match_build_grids() {
    for page in pages() {
        let direct = ruled_grids(&page);
        let mut p = page.clone();
        build_grids(&mut p);
        let built: Vec<Grid> = p
            .blocks
            .into_iter()
            .filter_map(|b| match b {
                Block::Grid(g) => Some(g),
                Block::Line(_) => None,
            })
            .collect();
        assert_eq!(direct, built, "page {}", page.number);
    }
}

#[test]
fn cells_and_covered_positions_are_consistent() {
    for page in pages() {
        for g in ruled_grids(&page) {
            let width = g.rows[0].len();
            for (r, row) in g.rows.iter().enumerate() {
                assert_eq!(row.len(), width);
                for (c, cell) in row.iter().enumerate() {
                    if let Some((or, oc)) = cell.covered_by {
                        let o = &g.rows[or][oc];
                        assert!(o.covered_by.is_none() && cell.text.is_empty());
                        assert!(r >= or && r < or + o.row_span as usize);
                        assert!(c >= oc && c < oc + o.col_span as usize);
                    } else {
                        assert!(cell.bbox.is_some());
                    }
                }
            }
        }
    }
}

/// The same grids whether the interpreter reports the clip rectangles, only the stroked
/// rulings, or only the rectangles.
#[test]
fn strokes_alone_or_clip_rectangles_alone_give_the_same_tables() {
    use xxgk_model::SegmentKind;
    for page in pages() {
        let full = ruled_grids(&page);
        let shapes = |gs: &[Grid]| -> Vec<Vec<Vec<(String, u32, u32)>>> {
            gs.iter()
                .map(|g| {
                    g.rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| (c.text.clone(), c.row_span, c.col_span))
                                .collect()
                        })
                        .collect()
                })
                .collect()
        };
        for keep_rects in [false, true] {
            let mut p = page.clone();
            p.segments
                .retain(|s| (s.kind == SegmentKind::Rect) == keep_rects);
            assert_eq!(
                shapes(&ruled_grids(&p)),
                shapes(&full),
                "page {} with only {}",
                page.number,
                if keep_rects { "rectangles" } else { "strokes" }
            );
        }
    }
}

fn hseg(x0: f64, x1: f64, y: f64) -> xxgk_model::Segment {
    xxgk_model::Segment {
        x0,
        y0: y,
        x1,
        y1: y,
        kind: xxgk_model::SegmentKind::Horizontal,
    }
}

fn vseg(x: f64, y0: f64, y1: f64) -> xxgk_model::Segment {
    xxgk_model::Segment {
        x0: x,
        y0,
        x1: x,
        y1,
        kind: xxgk_model::SegmentKind::Vertical,
    }
}

fn span_line(spans: &[(&str, f64, f64)], y: f64) -> Block {
    use xxgk_model::{BBox, Line, Span};
    let spans: Vec<Span> = spans
        .iter()
        .map(|&(t, x0, x1)| Span {
            text: t.to_string(),
            bbox: BBox::new(x0, y, x1, y + 10.0),
        })
        .collect();
    Block::Line(Line {
        text: spans
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        bbox: spans.iter().map(|s| s.bbox).reduce(|a, b| a.union(&b)),
        spans,
        size: 10.0,
        after_break: false,
    })
}

#[test]
fn a_span_across_a_ruling_is_cut_between_glyphs_and_outside_spans_stay() {
    // A 2×2 table at x 100..300, y 100..140, ruling at x 200. The first row's glyphs run across
    // the ruling without a gap ("合计" then "3119", one span); a margin note shares the line.
    let mut page = Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        blocks: vec![
            span_line(&[("标题", 100.0, 120.0)], 80.0),
            span_line(&[("合计3119", 180.0, 220.0), ("注", 400.0, 410.0)], 105.0),
            span_line(&[("小计", 110.0, 130.0), ("12", 250.0, 260.0)], 125.0),
        ],
        segments: vec![
            hseg(100.0, 300.0, 100.0),
            hseg(100.0, 300.0, 120.0),
            hseg(100.0, 300.0, 140.0),
            vseg(100.0, 100.0, 140.0),
            vseg(200.0, 100.0, 140.0),
            vseg(300.0, 100.0, 140.0),
        ],
        ..Page::default()
    };
    build_grids(&mut page);
    let texts: Vec<String> = page
        .blocks
        .iter()
        .map(|b| match b {
            Block::Line(l) => format!("L {}", l.text),
            Block::Grid(g) => format!(
                "G {}",
                g.rows
                    .iter()
                    .map(|r| r
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("|"))
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
        })
        .collect();
    assert_eq!(texts, ["L 标题", "G 合计|3119 / 小计|12", "L 注"]);
}

/// `fixtures/layout/ruled.html` printed by LibreOffice: HTML rowspan/colspan drawn as stroked
/// borders by another producer than WPS.
#[test]
fn libreoffice_ruled_table_with_row_and_column_spans() {
    let path = root().join("crates/ingest/tests/fixtures/layout/ruled-libreoffice.json");
    let mut pages: Vec<Page> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let mut page = pages.remove(0);
    build_grids(&mut page);
    let gs: Vec<&Grid> = page
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Grid(g) => Some(g),
            Block::Line(_) => None,
        })
        .collect();
    assert_eq!(gs.len(), 1);
    let g = gs[0];
    assert_eq!(shape(g), (8, 10));
    let span = |r: usize, c: usize| (g.rows[r][c].row_span, g.rows[r][c].col_span);
    assert_eq!(span(0, 0), (3, 3));
    assert_eq!((g.text_at(0, 3), span(0, 3)), ("申请人情况", (1, 7)));
    assert_eq!((g.text_at(1, 4), span(1, 4)), ("法人或其他组织", (1, 5)));
    assert_eq!(span(1, 9), (2, 1));
    assert_eq!(g.text_at(2, 6).replace('\n', ""), "社会公益组织");
    assert_eq!(g.text_at(4, 0).replace('\n', ""), "三、本年度办理结果");
    assert_eq!(span(4, 0), (4, 1));
    assert_eq!(g.text_at(7, 0), "三、本\n年度办\n理结果");
    assert_eq!(g.text_at(6, 1).replace('\n', ""), "（三）不予公开");
    let row = |r: usize| (3..10).map(|c| g.text_at(r, c)).collect::<Vec<_>>();
    assert_eq!(row(3), ["3001", "53", "0", "0", "61", "4", "3119"]);
    // An empty cell is blank, not absent, and has the cell's box.
    assert_eq!(row(6), ["30", "1", "0", "0", "0", "", "31"]);
    let blank = g.rows[6][8].bbox.expect("box");
    assert!(blank.width() > 20.0, "{blank:?}");
    assert_eq!(row(7), ["2932", "53", "0", "0", "61", "4", "3050"]);
    assert_eq!(
        lines(&page),
        ["三、收到和处理政府信息公开申请情况", "- 4 -"]
    );
}

#[test]
fn building_twice_changes_nothing_more() {
    for mut page in pages() {
        build_grids(&mut page);
        let once = page.clone();
        build_grids(&mut page);
        assert_eq!(page, once, "page {}", page.number);
    }
}
