//! Last-resort label matching by similarity, for labels whose stable fragments were misprinted
//! (a character missing or extra beyond what the fragment table covers).

use xxgk_model::text::normalize_label;
use xxgk_model::{schema, Table, Template};

/// Character bigrams of a string.
fn bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice coefficient over character bigrams (0 … 1).
///
/// Written here rather than taken from `strsim`: `strsim::sorensen_dice` (0.11) divides by the
/// strings' *byte* lengths, so for Chinese (3 bytes a character) it scores a label one character
/// short of its template at 0.28 instead of 0.92, and no misprinted label would match.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (x, mut y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let total = x.len() + y.len();
    let mut common = 0;
    for g in &x {
        if let Some(i) = y.iter().position(|h| h == g) {
            y.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / total as f64
}

/// The row label of the template without its group prefix and enumerator
/// ("（三）不予公开 1.属于国家秘密" → "属于国家秘密").
fn leaf_label(label: &str) -> String {
    let last = label.rsplit(' ').next().unwrap_or(label);
    strip_enumerator(&normalize_label(last)).to_string()
}

/// The row of `table` whose template label the text resembles most, when it resembles it
/// clearly (similarity ≥ 0.6 and clearly ahead of the runner-up).
pub fn closest_row(table: Table, template: Template, text: &str) -> Option<&'static str> {
    let norm = normalize_label(text);
    let probe = strip_enumerator(&norm);
    if probe.chars().count() < 3 {
        return None;
    }
    let mut scores: Vec<(f64, &'static str)> = Vec::new();
    for k in schema().keys(template).filter(|k| k.table == table) {
        if scores.iter().any(|(_, r)| *r == k.row) {
            continue;
        }
        scores.push((similarity(probe, &leaf_label(k.row_label)), k.row));
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, key) = *scores.first()?;
    let second = scores.get(1).map_or(0.0, |s| s.0);
    (best >= 0.6 && best - second >= 0.15).then_some(key)
}

/// Strip a leading enumerator ("3.", "(六)", "三.") from a normalised label.
pub(crate) fn strip_enumerator(norm: &str) -> &str {
    let mut s = norm;
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix('(') {
            if let Some(end) = rest.find(')') {
                if rest[..end].chars().count() <= 2 {
                    s = &rest[end + 1..];
                }
            }
        }
        let digits = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九".contains(*c))
            .count();
        if digits > 0 && digits <= 2 {
            let after: String = s.chars().skip(digits).collect();
            if after.starts_with('.') {
                let cut = s
                    .char_indices()
                    .nth(digits + 1)
                    .map(|(i, _)| i)
                    .unwrap_or(s.len());
                s = &s[cut..];
            }
        }
        if s == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misprinted_labels_find_their_row() {
        let t3 = |s| closest_row(Table::T3, Template::V2021, s);
        assert_eq!(t3("6.属于四类过程信息"), Some("deny_process_info"));
        assert_eq!(t3("3.要求提供公开出版"), Some("nohandle_publication"));
        assert_eq!(t3("8.属于行政查洵事项"), Some("deny_admin_query"));
        assert_eq!(t3("量"), None);
        assert_eq!(t3("某某统计说明文字"), None);
    }

    #[test]
    fn dice_counts_characters_not_bytes() {
        assert!((similarity("属于四类过程信", "属于四类过程信息") - 12.0 / 13.0).abs() < 1e-9);
        assert_eq!(similarity("属于", "属于"), 1.0);
        assert_eq!(similarity("属", "属"), 0.0);
    }
}
