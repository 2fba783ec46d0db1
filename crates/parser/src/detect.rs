//! Template detection from content (TEMPLATES.md §1.1), then checked against the year.

use xxgk_model::text::normalize_label;
use xxgk_model::Template;

/// Words only the 2021 template prints.
const V2021_MARKERS: &[&str] = &[
    "本年制发",
    "本年废止",
    "现行有效",
    "本年处理决定",
    "本年收费金额",
    "逾期不补正",
    "缴纳费用",
];

/// Words only the 2019 template prints.
const V2019_MARKERS: &[&str] = &[
    "本年新制作",
    "本年新公开",
    "对外公开总数",
    "上一年项目数量",
    "本年增/减",
    "第二十条第(九)项",
    "政府集中采购",
    "其他对外管理服务",
];

/// Markers of the standard tables, either template.
const STANDARD_MARKERS: &[&str] = &[
    "第二十条第(一)项",
    "第二十条第(五)项",
    "申请人情况",
    "本年新收",
    "本年度办理结果",
    "结转下年度",
];

/// What the content says about the template.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub template: Option<Template>,
    /// Counts of template-specific words found.
    pub v2019: usize,
    pub v2021: usize,
    pub standard: usize,
}

/// Detect the template from the whole text (lines and table cells).
pub fn detect(all_text: &str) -> Detection {
    let norm = normalize_label(all_text);
    let count = |ms: &[&str]| {
        ms.iter()
            .filter(|m| norm.contains(&normalize_label(m)))
            .count()
    };
    let v2021 = count(V2021_MARKERS);
    let v2019 = count(V2019_MARKERS);
    let standard = count(STANDARD_MARKERS);
    let template = if v2021 > v2019 {
        Some(Template::V2021)
    } else if v2019 > v2021 {
        Some(Template::V2019)
    } else {
        // No version-specific words (or as many of each): the caller decides by year.
        None
    };
    Detection {
        template,
        v2019,
        v2021,
        standard,
    }
}

/// Positive evidence that a report without the standard tables is a pre-2019 one: the old
/// 统计表 (指标名称 / 计量单位, 本年度 / 历年累计), or a report year before 2019.
pub fn legacy_evidence(text: &str, year: Option<u16>) -> bool {
    let norm: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let old_table = (norm.contains("指标名称") && norm.contains("计量单位"))
        || (norm.contains("本年度") && norm.contains("历年累计"));
    old_table || year.is_some_and(|y| y < 2019)
}
