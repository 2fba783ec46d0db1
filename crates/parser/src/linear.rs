//! Linear text: a report body saved on one long line (a crawler's dump of a web page) cut into
//! the lines the page showed, so that the table readers see headings, captions and rows.
//!
//! Named steps, each a list of cut points in the line:
//! 1. [`headings`]: the numbered section headings (一、总体情况 … 六、其他需要报告的事项), found
//!    anywhere in the line; each becomes a line of its own.
//! 2. [`table_cuts`]: inside the tables (after heading 二, before heading 五): before every
//!    table-二 caption (`第二十条第（五）项`), before every row enumerator (`二、`, `（三）`,
//!    `4.`, even when glued to the digits of the row before: `00000002.其他…` is the run
//!    `0000000` and the enumerator `2.`), after every value run that a label follows
//!    (`规章000行政规范性文件…`), and before table 四's first digit (its header labels are
//!    skipped that way). A space goes between a label and the digits that follow it.
//!
//! Only lines longer than [`LONG_LINE`] characters are cut: a page's ordinary lines never are.

use crate::sections::heading_number;
use regex::Regex;
use std::sync::OnceLock;
use xxgk_model::{schema, Table, Template};

/// Lines at least this long (characters) are a body saved on one line.
pub const LONG_LINE: usize = 300;

fn heading_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"[一二三四五六][、.．][^。；;0-9]{2,28}?(?:情况|事项)").expect("static regex")
    })
}

/// A row or section enumerator (`四、`, `（三）`, `1.属`), shared with
/// `crate::one_value_pieces`.
pub(crate) fn enumerator_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"第二十条|[一二三四]、|[（(][一二三四五六七八九][）)]|[1-9][.．、]\p{Han}")
            .expect("static regex")
    })
}

/// What a cut does at its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    /// Insert a space (label → digits).
    Space,
    /// Start a new line.
    Line,
}

/// The line with full-width digits and decimal points (`８８５５６９８`, `９６１７１．６`, as some
/// pages print their tables) as ASCII, so that runs and enumerators are found in one form.
fn half_width_digits(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '０'..='９' | '．' => xxgk_model::text::fold_char(c),
            _ => c,
        })
        .collect()
}

/// Cut a long line into lines; any other line comes back as it is.
pub fn unfold(line: &str) -> Vec<String> {
    if line.chars().count() < LONG_LINE {
        return vec![line.to_string()];
    }
    let line = &half_width_digits(line);
    let heads = headings(line);
    if heads.is_empty() {
        return vec![line.to_string()];
    }
    let mut cuts: Vec<(usize, Cut)> = Vec::new();
    for h in &heads {
        cuts.push((h.start, Cut::Line));
        cuts.push((h.end, Cut::Line));
    }
    cuts.extend(table_cuts(line, &heads));
    cuts.sort();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut at = 0;
    for (pos, cut) in cuts {
        if pos < at || pos > line.len() {
            continue;
        }
        current.push_str(&line[at..pos]);
        at = pos;
        match cut {
            Cut::Space if !current.ends_with(char::is_whitespace) => current.push(' '),
            Cut::Space => {}
            Cut::Line => {
                let t = current.trim();
                if !t.is_empty() {
                    out.push(t.to_string());
                }
                current.clear();
            }
        }
    }
    current.push_str(&line[at..]);
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// A section heading found in the line.
#[derive(Debug, Clone, Copy)]
struct Heading {
    number: u8,
    start: usize,
    end: usize,
}

/// Step 1: the section headings, in order, each numbered above the one before.
fn headings(line: &str) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for m in heading_re().find_iter(line) {
        let Some(number) = heading_number(m.as_str()) else {
            continue;
        };
        if out.last().is_some_and(|h| h.number >= number) {
            continue;
        }
        out.push(Heading {
            number,
            start: m.start(),
            end: m.end(),
        });
    }
    out
}

/// Step 2: cuts inside the tables (between heading 二 and heading 五).
fn table_cuts(line: &str, heads: &[Heading]) -> Vec<(usize, Cut)> {
    let start = heads.iter().find(|h| h.number >= 2).map(|h| h.end);
    let Some(start) = start else {
        return Vec::new();
    };
    let end = heads
        .iter()
        .find(|h| h.number >= 5)
        .map_or(line.len(), |h| h.start);
    let t4 = heads
        .iter()
        .find(|h| h.number == 4)
        .map(|h| h.end)
        .filter(|p| *p < end);
    let mut cuts = Vec::new();
    if start >= end {
        return cuts;
    }
    let region = &line[start..end];
    let t3_end = t4.map_or(end, |p| p - start);
    for m in enumerator_re().find_iter(&region[..t3_end.min(region.len())]) {
        // `第（一）项` is part of a caption, not an enumerator.
        if m.as_str().starts_with(['（', '(']) && region[..m.start()].ends_with('第') {
            continue;
        }
        cuts.push((start + m.start(), Cut::Line));
    }
    // Table 二's rows: before every printed row label of the schema (the longest first).
    let t3 = heads
        .iter()
        .find(|h| h.number >= 3)
        .map_or(region.len(), |h| {
            h.start.saturating_sub(start).min(region.len())
        });
    cuts.extend(t2_row_starts(&region[..t3]).map(|p| (start + p, Cut::Line)));
    // Value runs: label → digits gets a space, digits → label a new line.
    // Spaces are transparent: `13 规范性文 件 4` is the run `13` and the label `规范性文件`.
    let mut prev: Option<char> = None;
    for (i, c) in region.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        if let Some(p) = prev {
            let han = |x: char| xxgk_model::text::is_han(x) || "（）".contains(x);
            if han(p) && c.is_ascii_digit() {
                cuts.push((start + i, Cut::Space));
            } else if p.is_ascii_digit() && han(c) && !"元万件个项".contains(c) {
                cuts.push((start + i, Cut::Line));
            }
        }
        prev = Some(c);
    }
    // Table 四: its header labels end where its first digit begins.
    if let Some(p) = t4 {
        if let Some(d) = line[p..end].find(|c: char| c.is_ascii_digit()) {
            cuts.push((p + d, Cut::Line));
        }
    }
    cuts
}

/// Where table 二's printed row labels (`规章`, `行政规范性文件` …, both templates) begin.
fn t2_row_starts(region: &str) -> impl Iterator<Item = usize> {
    let mut labels: Vec<&'static str> = Vec::new();
    for template in [Template::V2019, Template::V2021] {
        for k in schema().keys(template).filter(|k| k.table == Table::T2) {
            if !labels.contains(&k.row_label) {
                labels.push(k.row_label);
            }
        }
    }
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    // Search with the spaces taken out (`规范性文 件`), then map back to the line.
    let mut squeezed = String::with_capacity(region.len());
    let mut origin: Vec<usize> = Vec::with_capacity(region.len());
    for (i, c) in region.char_indices() {
        if !c.is_whitespace() {
            squeezed.push(c);
            origin.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
    }
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for label in labels {
        for (p, _) in squeezed.match_indices(label) {
            let end = p + label.len();
            if !taken.iter().any(|&(a, b)| p < b && a < end) {
                taken.push((p, end));
            }
        }
    }
    taken
        .into_iter()
        .filter_map(move |(p, _)| origin.get(p).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_on_one_line_is_cut_at_headings_captions_and_rows() {
        let prose = "本报告根据条例编制。".repeat(30);
        let line = format!(
            "{prose} 一、总体情况 {prose} 二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数 规章000行政规范性文件8855698第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费9116.36 三、收到和处理政府信息公开申请情况 申请人情况 自然人 一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001三、本年度办理结果 （三）不予公开 1.属于国家秘密00000002.其他法律行政法规禁止公开 0000000 四、政府信息公开行政复议、行政诉讼情况行政复议 行政诉讼 总计 0 1 1 五、存在的主要问题及改进情况 {prose}"
        );
        let lines = unfold(&line);
        for want in [
            "二、主动公开政府信息情况",
            "规章 000",
            "行政规范性文件 8855698",
            "行政事业性收费 9116.36",
            "三、收到和处理政府信息公开申请情况",
            "一、本年新收政府信息公开申请数量 713000074",
            "二、上年结转政府信息公开申请数量 1000001",
            "1.属于国家秘密 0000000",
            "2.其他法律行政法规禁止公开 0000000",
            "四、政府信息公开行政复议、行政诉讼情况",
            "0 1 1",
            "五、存在的主要问题及改进情况",
        ] {
            assert!(lines.iter().any(|l| l == want), "{want} not in {lines:#?}");
        }
        // Short lines stay as they are.
        assert_eq!(unfold("一、总体情况 2022年"), vec!["一、总体情况 2022年"]);
    }
}
