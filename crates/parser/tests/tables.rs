//! Parser tests on hand-built Documents shaped like real reports: grids with row and column
//! spans as HTML and DOCX tables have them, blank and dash cells, label typos, the v2021
//! one-row （六） variant, legacy and non-report input.

use xxgk_model::{Block, Document, Flag, Format, Grid, GridCell, Line, Page, Status, Template};

/// A cell of a table being written: text, row span, column span.
type C<'a> = (&'a str, u32, u32);

/// Expand a table written like HTML (each row lists only the cells that start in it) into a
/// full grid.
fn grid(rows: &[Vec<C>]) -> Grid {
    let mut out: Vec<Vec<Option<GridCell>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        while out.len() <= r {
            out.push(Vec::new());
        }
        let mut c = 0;
        for &(text, rs, cs) in row {
            while out[r].get(c).is_some_and(|x| x.is_some()) {
                c += 1;
            }
            for dr in 0..rs as usize {
                while out.len() <= r + dr {
                    out.push(Vec::new());
                }
                for dc in 0..cs as usize {
                    let line = &mut out[r + dr];
                    while line.len() <= c + dc {
                        line.push(None);
                    }
                    let mut cell = GridCell::text(if dr == 0 && dc == 0 { text } else { "" });
                    if dr == 0 && dc == 0 {
                        cell.row_span = rs;
                        cell.col_span = cs;
                    } else {
                        cell.covered_by = Some((r, c));
                    }
                    line[c + dc] = Some(cell);
                }
            }
            c += cs as usize;
        }
    }
    Grid {
        rows: out
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|c| c.unwrap_or_else(|| GridCell::text("")))
                    .collect()
            })
            .collect(),
        bbox: None,
    }
}

fn v(text: &str) -> C<'_> {
    (text, 1, 1)
}

fn values(s: &str) -> Vec<C<'_>> {
    s.split(' ')
        .map(|t| (if t == "_" { "" } else { t }, 1, 1))
        .collect()
}

fn line(text: &str) -> Block {
    Block::Line(Line::plain(text))
}

/// Table 三 of huaian-2024 (v2021), laid out as government HTML pages do.
fn t3_rows(sub_rows: bool, deny2_label: &str) -> Vec<Vec<C<'static>>> {
    let deny2: &'static str = Box::leak(deny2_label.to_string().into_boxed_str());
    let mut rows: Vec<Vec<C>> = vec![
        vec![
            (
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            ("申请人情况", 1, 7),
        ],
        vec![("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        vec![
            v("商业企业"),
            v("科研机构"),
            v("社会公益组织"),
            v("法律服务机构"),
            v("其他"),
        ],
    ];
    let mut data = |label: Vec<C<'static>>, vals: &'static str| {
        let mut r = label;
        r.extend(values(vals));
        rows.push(r);
    };
    data(
        vec![("一、本年新收政府信息公开申请数量", 1, 3)],
        "3001 53 0 0 61 4 3119",
    );
    data(
        vec![("二、上年结转政府信息公开申请数量", 1, 3)],
        "34 0 0 0 0 0 34",
    );
    let results_span = if sub_rows { 22 } else { 20 };
    data(
        vec![
            ("三、本年度办理结果", results_span, 1),
            ("（一）予以公开", 1, 2),
        ],
        "1288 21 0 0 50 3 1362",
    );
    data(
        vec![(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            1,
            2,
        )],
        "447 7 0 0 0 0 454",
    );
    data(
        vec![("（三）不予公开", 8, 1), v("1.属于国家秘密")],
        "2 0 0 0 0 0 2",
    );
    data(vec![(deny2, 1, 1)], "30 1 0 0 0 0 31");
    data(vec![v("3.危及“三安全一稳定”")], "5 0 0 0 0 0 5");
    data(vec![v("4.保护第三方合法权益")], "6 0 0 0 0 0 6");
    data(vec![v("5.属于三类内部事务信息")], "7 1 0 0 0 0 8");
    data(vec![v("6.属于四类过程性信息")], "12 0 0 0 0 0 12");
    data(vec![v("7.属于行政执法案卷")], "9 0 0 0 0 0 9");
    data(vec![v("8.属于行政查询事项")], "105 0 0 0 0 0 105");
    data(
        vec![("（四）无法提供", 3, 1), v("1.本机关不掌握相关政府信息")],
        "746 12 0 0 10 1 769",
    );
    data(vec![v("2.没有现成信息需要另行制作")], "11 0 0 0 0 0 11");
    data(vec![v("3.补正后申请内容仍不明确")], "1 0 0 0 0 0 1");
    data(
        vec![("（五）不予处理", 5, 1), v("1.信访举报投诉类申请")],
        "56 6 0 0 0 0 62",
    );
    data(vec![v("2.重复申请")], "25 0 0 0 0 0 25");
    data(vec![v("3.要求提供公开出版物")], "_ _ _ _ _ _ _");
    data(vec![v("4.无正当理由大量反复申请")], "— — — — — — —");
    data(
        vec![v("5.要求行政机关确认或重新出具已获取信息")],
        "1 0 0 0 0 0 1",
    );
    if sub_rows {
        data(
            vec![
                ("（六）其他处理", 3, 1),
                v("1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ],
            "67 3 0 0 1 0 71",
        );
        data(
            vec![v(
                "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            )],
            "6 0 0 0 0 0 6",
        );
        data(vec![v("3、其他")], "108 2 0 0 0 0 110");
    } else {
        data(vec![("（六）其他处理", 1, 2)], "181 5 0 0 1 0 187");
    }
    data(vec![("（七）总计", 1, 2)], "2932 53 0 0 61 4 3050");
    data(vec![("四、结转下年度继续办理", 1, 3)], "103 0 0 0 0 0 103");
    rows
}

fn t2_grid() -> Grid {
    grid(&[
        vec![("第二十条第（一）项", 1, 4)],
        vec![
            v("信息内容"),
            v("本年制发件数"),
            v("本年废止件数"),
            v("现行有效件数"),
        ],
        values("规章 1 0 11"),
        values("行政规范性文件 8 26 66"),
        vec![("第二十条第（五）项", 1, 4)],
        vec![v("信息内容"), ("本年处理决定数量", 1, 3)],
        vec![v("行政许可"), ("447228", 1, 3)],
        vec![("第二十条第（六）项", 1, 4)],
        vec![v("信息内容"), ("本年处理决定数量", 1, 3)],
        vec![v("行政处罚"), ("3,985,758", 1, 3)],
        vec![v("行政强制"), ("88283", 1, 3)],
        vec![("第二十条第（八）项", 1, 4)],
        vec![v("信息内容"), ("本年收费金额（单位：万元）", 1, 3)],
        vec![v("行政事业性收费"), ("96171.6", 1, 3)],
    ])
}

fn t4_grid(review_label: &'static str) -> Grid {
    grid(&[
        vec![(review_label, 1, 5), ("行政诉讼", 1, 10)],
        vec![
            ("结果维持", 2, 1),
            ("结果纠正", 2, 1),
            ("其他结果", 2, 1),
            ("尚未审结", 2, 1),
            ("总计", 2, 1),
            ("未经复议直接起诉", 1, 5),
            ("复议后起诉", 1, 5),
        ],
        values("结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计"),
        values("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20"),
    ])
}

fn report(sub_rows: bool, deny2: &str, review: &'static str) -> Document {
    let mut doc = Document::new(Format::Html);
    let blocks = vec![
        line("淮安市人民政府"),
        line("2024年政府信息公开工作年度报告"),
        line("报告所列统计期限自2024年1月1日至2024年12月31日。"),
        line("一、总体情况"),
        line("2024年，全市共受理政府信息公开申请3119件。"),
        line("二、主动公开政府信息情况"),
        Block::Grid(t2_grid()),
        line("三、收到和处理政府信息公开申请情况"),
        Block::Grid(grid(&t3_rows(sub_rows, deny2))),
        line("四、政府信息公开行政复议、行政诉讼情况"),
        Block::Grid(t4_grid(review)),
        line("五、存在的主要问题及改进情况"),
        line("无。"),
    ];
    doc.pages.push(Page {
        number: 1,
        blocks,
        ..Page::default()
    });
    doc
}

fn cell<'a>(r: &'a xxgk_model::Report, id: &str) -> (&'a str, Flag) {
    let c = r.cell(id).unwrap_or_else(|| panic!("no cell {id}"));
    (c.value.as_str(), c.flag)
}

#[test]
fn html_shaped_v2021_report_reads_every_cell() {
    let r = xxgk_parser::parse(
        &report(true, "2.其他法律行政法规禁止公开", "行政复议"),
        "a",
        "a.html",
    );
    assert_eq!(r.status, Status::Ok, "{}", r.message);
    assert_eq!(r.meta.template, Some(Template::V2021));
    assert_eq!(r.meta.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(r.cells.len(), 200);
    assert_eq!(cell(&r, "t2.normative.repealed"), ("26", Flag::Number));
    assert_eq!(cell(&r, "t2.penalty.decisions"), ("3985758", Flag::Number));
    assert_eq!(cell(&r, "t2.fee.amount"), ("96171.6", Flag::Number));
    assert_eq!(
        cell(&r, "t3.new_received.legal_service"),
        ("61", Flag::Number)
    );
    assert_eq!(
        cell(&r, "t3.deny_law_forbidden.total"),
        ("31", Flag::Number)
    );
    assert_eq!(
        cell(&r, "t3.other_no_correction.total"),
        ("71", Flag::Number)
    );
    assert_eq!(
        cell(&r, "t3.other_other.natural_person"),
        ("108", Flag::Number)
    );
    assert_eq!(cell(&r, "t3.processed_total.total"), ("3050", Flag::Number));
    assert_eq!(
        cell(&r, "t3.carried_out.natural_person"),
        ("103", Flag::Number)
    );
    assert_eq!(cell(&r, "t4.review.total"), ("351", Flag::Number));
    assert_eq!(cell(&r, "t4.lit_after_review.pending"), ("6", Flag::Number));
    // Blank stays blank, a dash stays a dash.
    assert_eq!(
        cell(&r, "t3.nohandle_publication.research"),
        ("", Flag::Blank)
    );
    assert_eq!(cell(&r, "t3.nohandle_mass_repeat.total"), ("", Flag::Dash));
    assert_eq!(r.sections.len(), 5);
    assert!(r.sections[0].text.contains("3119"));
}

#[test]
fn label_typos_are_matched_by_stable_fragments() {
    let r = xxgk_parser::parse(
        &report(true, "2.其他法律行政止公开", "行政法复议"),
        "a",
        "a.html",
    );
    assert_eq!(r.status, Status::Ok, "{}", r.message);
    assert_eq!(
        cell(&r, "t3.deny_law_forbidden.natural_person"),
        ("30", Flag::Number)
    );
    assert_eq!(cell(&r, "t4.review.upheld"), ("72", Flag::Number));
}

#[test]
fn v2021_single_other_row_uses_the_other_key() {
    let r = xxgk_parser::parse(
        &report(false, "2.其他法律行政法规禁止公开", "行政复议"),
        "a",
        "a.html",
    );
    assert_eq!(r.status, Status::Ok, "{}", r.message);
    assert!(r.single_other);
    assert_eq!(r.cells.len(), 186);
    assert_eq!(cell(&r, "t3.other.total"), ("187", Flag::Number));
    assert!(r.cell("t3.other_other.total").is_none());
}

#[test]
fn a_missing_table_makes_the_report_partial_and_says_which() {
    let mut doc = report(true, "2.其他法律行政法规禁止公开", "行政复议");
    doc.pages[0].blocks.truncate(10); // drop table 四 and what follows
    let r = xxgk_parser::parse(&doc, "a", "a.html");
    assert_eq!(r.status, Status::Partial);
    assert!(r.message.contains("表四"), "{}", r.message);
    assert_eq!(cell(&r, "t4.review.total"), ("", Flag::Absent));
    assert_eq!(cell(&r, "t3.granted.total"), ("1362", Flag::Number));
}

fn text_doc(lines: &[&str]) -> Document {
    let mut doc = Document::new(Format::Txt);
    doc.pages.push(Page {
        number: 1,
        blocks: lines.iter().map(|l| line(l)).collect(),
        ..Page::default()
    });
    doc
}

#[test]
fn legacy_and_unrelated_text() {
    let legacy = text_doc(&[
        "宿州市人民政府2016年政府信息公开工作年度报告",
        "一、概述",
        "二、主动公开政府信息情况",
        "三、依申请公开政府信息情况",
        "四、政府信息公开的收费及减免情况",
    ]);
    let r = xxgk_parser::parse(&legacy, "l", "l.txt");
    assert_eq!(r.status, Status::Legacy);
    assert_eq!(r.meta.template, Some(Template::Legacy));
    assert!(r.cells.is_empty());
    let junk = text_doc(&["Lorem ipsum dolor sit amet", "consectetur adipiscing elit"]);
    let r = xxgk_parser::parse(&junk, "j", "j.txt");
    assert_eq!(r.status, Status::Unsupported);
}

/// A positioned line: label at x=40, then each value in its column (x = 200 + 50·i); `_`
/// prints nothing (a blank cell in a borderless table).
fn positioned(label: &str, vals: &str, y: f64) -> Block {
    use xxgk_model::{BBox, Span};
    let mut spans = vec![Span {
        text: label.to_string(),
        bbox: BBox::new(
            40.0,
            y,
            40.0 + 10.0 * label.chars().count() as f64,
            y + 10.0,
        ),
    }];
    for (i, t) in vals.split(' ').enumerate() {
        if t == "_" {
            continue;
        }
        let x1 = 240.0 + 50.0 * i as f64; // right-aligned numbers
        spans.push(Span {
            text: t.to_string(),
            bbox: BBox::new(x1 - 6.0 * t.len() as f64, y, x1, y + 10.0),
        });
    }
    let text = spans
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Block::Line(Line {
        text,
        bbox: None,
        spans,
        size: 10.0,
        after_break: false,
    })
}

#[test]
fn borderless_rows_with_blanks_are_placed_by_x_position() {
    let mut doc = Document::new(Format::Pdf);
    let mut blocks = vec![
        line("某某区人民政府2019年政府信息公开工作年度报告"),
        line("三、收到和处理政府信息公开申请情况"),
        line("申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"),
    ];
    let rows = [
        ("一、本年新收政府信息公开申请数量", "12 3 _ _ 1 _ 16"),
        ("二、上年结转政府信息公开申请数量", "1 2 3 4 5 6 21"),
        ("（一）予以公开", "_ _ _ _ _ _ _"),
        ("（七）总计", "9 _ _ _ _ _ 9"),
    ];
    for (i, (l, v)) in rows.iter().enumerate() {
        blocks.push(positioned(l, v, 100.0 + 20.0 * i as f64));
    }
    doc.pages.push(Page {
        number: 3,
        blocks,
        ..Page::default()
    });
    let r = xxgk_parser::parse(&doc, "b", "b.pdf");
    assert_eq!(
        cell(&r, "t3.new_received.natural_person"),
        ("12", Flag::Number)
    );
    assert_eq!(cell(&r, "t3.new_received.research"), ("", Flag::Blank));
    assert_eq!(
        cell(&r, "t3.new_received.legal_service"),
        ("1", Flag::Number)
    );
    assert_eq!(cell(&r, "t3.new_received.total"), ("16", Flag::Number));
    assert_eq!(cell(&r, "t3.processed_total.total"), ("9", Flag::Number));
    assert_eq!(cell(&r, "t3.processed_total.commercial"), ("", Flag::Blank));
    let c = r.cell("t3.new_received.total").unwrap();
    assert_eq!(c.page, Some(3));
    assert!(c.bbox.is_some());
    // A row whose label is printed with nothing after it: blank, never 0.
    assert_eq!(cell(&r, "t3.granted.total"), ("", Flag::Blank));
    assert_eq!(cell(&r, "t3.granted.natural_person"), ("", Flag::Blank));
    // A row not printed at all: absent.
    assert_eq!(cell(&r, "t3.carried_out.total"), ("", Flag::Absent));
}

/// A row whose label OCR could not read (`2.区到本KK`), between two rows read, with exactly one
/// template row between them: pinned to that row by template order when its own sum holds
/// (30 + 1 = 31); when it does not (30 + 1 ≠ 32), nothing is placed.
#[test]
fn an_unreadable_label_between_two_rows_read_is_pinned_only_when_its_sum_holds() {
    let r = xxgk_parser::parse(&report(true, "2.区到本KK", "行政复议"), "a", "a.html");
    assert_eq!(
        cell(&r, "t3.deny_law_forbidden.natural_person"),
        ("30", Flag::Number)
    );
    assert_eq!(
        cell(&r, "t3.deny_law_forbidden.total"),
        ("31", Flag::Number)
    );
    assert_eq!(
        cell(&r, "t3.deny_three_security.total"),
        ("5", Flag::Number)
    );

    let mut rows = t3_rows(true, "2.区到本KK");
    for row in rows.iter_mut() {
        if row.first().is_some_and(|c| c.0 == "2.区到本KK") {
            if let Some(total) = row.last_mut() {
                *total = ("32", 1, 1);
            }
        }
    }
    let mut doc = report(true, "2.区到本KK", "行政复议");
    for block in doc.pages[0].blocks.iter_mut() {
        if let Block::Grid(g) = block {
            if g.rows.len() > 20 {
                *g = grid(&rows);
            }
        }
    }
    let r = xxgk_parser::parse(&doc, "a", "a.html");
    for id in [
        "t3.deny_law_forbidden.total",
        "t3.deny_law_forbidden.natural_person",
    ] {
        assert!(
            r.cell(id).is_none_or(|c| c.flag == Flag::Absent),
            "{id}: {:?}",
            r.cell(id)
        );
    }
    assert_eq!(
        cell(&r, "t3.deny_three_security.total"),
        ("5", Flag::Number)
    );
}
