//! The six numbered sections (一 … 六) and their headings (TEMPLATES.md §3).

use xxgk_model::text::normalize_label;

const NUMERALS: [char; 6] = ['一', '二', '三', '四', '五', '六'];

/// Words that identify each heading (after the numeral); any one suffices.
const HEADING_WORDS: [&[&str]; 6] = [
    &["总体情况", "概述", "总体", "基本情况"],
    &["主动公开"],
    &["收到和处理", "依申请", "申请情况"],
    &["行政复议", "行政诉讼"],
    &["问题", "改进", "整改"],
    &["其他需要", "其他事项", "其他"],
];

/// If this line is a numbered section heading, its number (1–6).
pub fn heading_number(text: &str) -> Option<u8> {
    let norm = normalize_label(text);
    if norm.chars().count() > 40 {
        return None;
    }
    let mut chars = norm.chars();
    let first = chars.next()?;
    let n = NUMERALS.iter().position(|&c| c == first)?;
    let sep = chars.next()?;
    if !matches!(sep, '.' | ',' | ':') {
        return None;
    }
    let rest: String = chars.collect();
    HEADING_WORDS[n]
        .iter()
        .any(|w| rest.contains(w))
        .then_some(n as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_non_headings() {
        assert_eq!(heading_number("一、总体情况"), Some(1));
        assert_eq!(heading_number("   二、主动公开政府信息情况"), Some(2));
        assert_eq!(
            heading_number("三、收到和处理政府信息公开申请情况"),
            Some(3)
        );
        assert_eq!(
            heading_number("四、政府信息公开行政复议、行政诉讼情况"),
            Some(4)
        );
        assert_eq!(heading_number("五、存在的主要问题及改进情况"), Some(5));
        assert_eq!(heading_number("六、其他需要报告的事项"), Some(6));
        assert_eq!(heading_number("三、本年度办理结果"), None);
        assert_eq!(heading_number("一、本年新收政府信息公开申请数量"), None);
        assert_eq!(heading_number("四、结转下年度继续办理"), None);
    }
}
