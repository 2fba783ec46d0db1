//! One line of text holding the labels of two rows of table 三: the tail of one row's wrapped
//! label and the head of the next one's. Converters that merge lines close together
//! (pdfminer.six under markitdown, PyMuPDF's blocks) and sheets whose tall rows set the values
//! at the bottom print such lines; which of the two rows the line's values are depends on how
//! the producer aligned the cells, which the text does not say.
//!
//! Only the template's wording is used here: each row's own words (its label without its
//! group and enumerator) and the groups' words.

use crate::fuzzy::strip_enumerator;
use xxgk_model::schema::LabelKind;
use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Table, Template};

/// Where a row begins inside normalised label text after other text (`四类过程性信息7.属于行政
/// 执法案卷`): the text before the enumerator and the rest, from it. An enumerator run into
/// the numeral of another (`（二）`'s `二`) begins nothing.
pub(crate) fn row_begun_inside(norm: &str) -> Option<(&str, &str)> {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九".contains(c);
    let mut found = None;
    let mut prev: Option<char> = None;
    for (i, c) in norm.char_indices() {
        let starts = c == '(' || numeral(c);
        if i > 0 && starts && !prev.is_some_and(numeral) {
            let rest = &norm[i..];
            if strip_enumerator(rest) != rest {
                found = Some((&norm[..i], rest));
            }
        }
        prev = Some(c);
    }
    found
}

/// A row's own words: the last word of its template label (the group printed before it
/// aside), normalised, without its enumerator (`属于行政查询事项` of `（三）不予公开
/// 8.属于行政查询事项`).
pub(crate) fn own_words(row_label: &str) -> String {
    let last = row_label.split_whitespace().last().unwrap_or("");
    strip_enumerator(&normalize_label(last)).to_string()
}

/// The own words of table 三's row `key` in `template`.
fn own_words_of(template: Template, key: &str) -> Option<String> {
    schema()
        .keys(template)
        .find(|k| k.table == Table::T3 && k.row == key)
        .map(|k| own_words(k.row_label))
}

/// Whether normalised label text `norm` is a piece from inside table 三's row `key`'s own
/// words, not their start (`不补正、行政机关不再处理其政府信息公开申请` of 1.申请人无正当理由逾期
/// 不补正…): the rest of a label a page or a narrow cell broke. It begins with no enumerator,
/// and its first characters stand inside the row's words, after their start.
pub(crate) fn inner_piece(template: Template, norm: &str, key: &str) -> bool {
    if strip_enumerator(norm) != norm {
        return false;
    }
    let Some(own) = own_words_of(template, key) else {
        return false;
    };
    let head: String = norm.chars().take(4).collect();
    head.chars().count() >= 2 && own.find(&head).is_some_and(|at| at > 0)
}

/// Whether normalised label text `norm`, which begins table 三's row `key` (at its start or
/// after other text), also holds the end of the label of `above`, the row before it in the
/// template: text before the enumerator (`项` in `项1.本机关`) or after the head of `key`'s
/// own words that does not continue them (`公开申请` in `2、申请人公开申请`), ending as
/// `above`'s own words end, by more characters than it ends as a group's words do (the group
/// `不予公开` printed before `3.危及…` is no tail of 2.其他法律行政法规禁止公开).
pub(crate) fn holds_tail_of(template: Template, norm: &str, key: &str, above: &str) -> bool {
    let (before, begun) = if strip_enumerator(norm) != norm {
        ("", norm)
    } else {
        match row_begun_inside(norm) {
            Some(split) => split,
            None => return false,
        }
    };
    let (Some(own), Some(above_own)) = (own_words_of(template, key), own_words_of(template, above))
    else {
        return false;
    };
    let rest = strip_enumerator(begun);
    let head: usize = rest
        .chars()
        .zip(own.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let after = &rest[head..];
    [before, after].iter().any(|piece| {
        let tail = common_suffix(piece, &above_own);
        tail > 0 && tail > group_suffix(piece)
    })
}

/// The characters two strings end with in common.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The most characters `piece` ends with in common with a group label of table 三.
fn group_suffix(piece: &str) -> usize {
    schema()
        .labels(Table::T3, LabelKind::Group)
        .flat_map(|l| l.fragments.iter())
        .map(|f| common_suffix(piece, f))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_begun_after_the_tail_of_another_is_found() {
        assert_eq!(
            row_begun_inside("四类过程性信息7.属于行政执法案卷"),
            Some(("四类过程性信息", "7.属于行政执法案卷"))
        );
        assert_eq!(
            row_begun_inside("(二)部分公开(区分处理的,只计这一情形)"),
            None
        );
    }

    #[test]
    fn the_tail_of_the_row_above_is_told_from_a_group_s_words() {
        // markitdown's text of Calc's PDF of jingan-2019.xls: `（三）不 / 予公开 项1.本机关`.
        let t = Template::V2019;
        let norm = normalize_label("予公开 项1.本机关");
        assert!(holds_tail_of(
            t,
            &norm,
            "unable_not_held",
            "deny_admin_query"
        ));
        let norm = normalize_label("息2.没有现");
        assert!(holds_tail_of(
            t,
            &norm,
            "unable_need_creation",
            "unable_not_held"
        ));
        // …of huaian-2024.xlsx: the head of （六）2's label, then the tail of （六）1's.
        let norm = normalize_label("2、申请人 公开申请");
        assert!(holds_tail_of(
            Template::V2021,
            &norm,
            "other_no_fee_paid",
            "other_no_correction"
        ));
        // A group's words before a row are no tail, nor is a row's whole label.
        let norm = normalize_label("（三）不予公开 3.危及“三安全一稳定”");
        assert!(!holds_tail_of(
            t,
            &norm,
            "deny_three_security",
            "deny_law_forbidden"
        ));
        let norm = normalize_label(
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        );
        assert!(!holds_tail_of(
            Template::V2021,
            &norm,
            "other_no_fee_paid",
            "other_no_correction"
        ));
        let norm = normalize_label("1.本机关");
        assert!(!holds_tail_of(
            t,
            &norm,
            "unable_not_held",
            "deny_admin_query"
        ));
    }
}
