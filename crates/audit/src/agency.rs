//! Which reports are of the same body: agency-name normalisation, aliases and linking.
//!
//! Titles name one body differently from year to year ("洪泽区人民政府" / "淮安市洪泽区人民政府",
//! "打浦桥街道" / "打浦桥街道办事处"). Linking, in order:
//!
//! 1. normalise: full-width forms folded, white space and punctuation removed, `人民政府` → `政府`,
//!    a final `街道办事处` → `街道` (both pairs name the same body wherever they occur);
//! 2. aliases (`--agencies aliases.csv`, two columns `alias,canonical`, header optional) map a
//!    normalised name to another, chains followed;
//! 3. a name that is a suffix of longer names in the run, where the cut-off prefix ends in a place
//!    level (省 市 区 县 州 盟 旗), is the same body as those names when they are all one body —
//!    that is, when the longer candidates form a single chain of suffixes
//!    (洪泽区政府 ⊂ 淮安市洪泽区政府 ⊂ 江苏省淮安市洪泽区政府). Two different candidates
//!    (淮安市洪泽区… and 另市洪泽区…) leave the short name alone.
//!
//! A group is named by its longest normalised name.

use std::collections::{BTreeMap, BTreeSet};
use xxgk_model::text::fold_char;

/// Characters ending a place prefix that may be cut off a name.
const PLACE_ENDS: &[char] = &['省', '市', '区', '县', '州', '盟', '旗'];
/// Shortest name that may be linked by suffix (in characters).
const MIN_SUFFIX_CHARS: usize = 4;
/// Longest alias chain followed.
const MAX_CHAIN: usize = 16;

/// Normalise an agency name for matching.
pub fn normalize_agency(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(fold_char)
        .filter(|c| c.is_alphanumeric())
        .collect();
    s = s.replace("人民政府", "政府");
    if let Some(stem) = s.strip_suffix("街道办事处") {
        s = format!("{stem}街道");
    }
    s
}

/// Agency name aliases (`--agencies aliases.csv`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    /// Normalised alias → normalised canonical name.
    map: BTreeMap<String, String>,
}

impl Aliases {
    /// Parse `alias,canonical` lines (RFC 4180 CSV, UTF-8). A first line `alias,canonical` is a
    /// header and skipped; empty lines are skipped; a line with other than two fields is an error.
    pub fn from_csv(text: &str) -> Result<Aliases, String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut aliases = Aliases::default();
        for (i, record) in reader.records().enumerate() {
            let line = i + 1;
            let record = record.map_err(|e| format!("aliases, line {line}: {e}"))?;
            if record.iter().all(|f| f.is_empty()) {
                continue;
            }
            if record.len() != 2 {
                return Err(format!(
                    "aliases, line {line}: expected two fields `alias,canonical`, found {}",
                    record.len()
                ));
            }
            let (alias, canonical) = (&record[0], &record[1]);
            if line == 1 && alias.eq_ignore_ascii_case("alias") {
                continue;
            }
            if alias.is_empty() || canonical.is_empty() {
                return Err(format!("aliases, line {line}: an empty name"));
            }
            aliases.insert(alias, canonical);
        }
        Ok(aliases)
    }

    /// Add one alias.
    pub fn insert(&mut self, alias: &str, canonical: &str) {
        let (a, c) = (normalize_agency(alias), normalize_agency(canonical));
        if a != c {
            self.map.insert(a, c);
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Follow the alias chain of a normalised name (cycles stop after a few steps).
    fn resolve(&self, name: &str) -> String {
        let mut cur = name.to_string();
        for _ in 0..MAX_CHAIN {
            match self.map.get(&cur) {
                Some(next) if *next != cur => cur = next.clone(),
                _ => break,
            }
        }
        cur
    }
}

/// Is `short` a suffix of `long` with a place prefix cut off?
fn place_suffix(short: &str, long: &str) -> bool {
    if short.len() >= long.len() || short.chars().count() < MIN_SUFFIX_CHARS {
        return false;
    }
    match long.strip_suffix(short) {
        Some(prefix) => prefix
            .chars()
            .last()
            .is_some_and(|c| PLACE_ENDS.contains(&c)),
        None => false,
    }
}

/// Map every raw agency name of a run to its group name.
pub fn link(names: &[&str], aliases: &Aliases) -> BTreeMap<String, String> {
    let resolved: BTreeMap<String, String> = names
        .iter()
        .map(|n| (n.to_string(), aliases.resolve(&normalize_agency(n))))
        .collect();
    let distinct: BTreeSet<&str> = resolved.values().map(String::as_str).collect();
    // Index every name under each of its place suffixes that is itself a name of the run, so
    // that linking is linear in the number of names (a national run has 10⁵ of them).
    let mut longer_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &name in &distinct {
        for (i, c) in name.char_indices() {
            if !PLACE_ENDS.contains(&c) {
                continue;
            }
            if let Some(suffix) = name.get(i + c.len_utf8()..) {
                if let Some(&known) = distinct.get(suffix) {
                    if place_suffix(known, name) {
                        longer_of.entry(known).or_default().push(name);
                    }
                }
            }
        }
    }
    let mut group: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, mut longer) in longer_of {
        longer.sort_by_key(|s| (s.len(), *s));
        longer.dedup();
        let chain = longer.windows(2).all(|w| place_suffix(w[0], w[1]));
        if let (true, Some(&longest)) = (chain, longer.last()) {
            group.insert(name, longest);
        }
    }
    resolved
        .iter()
        .map(|(raw, norm)| {
            let g = group.get(norm.as_str()).map_or(norm.as_str(), |g| g);
            (raw.clone(), g.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_safely() {
        assert_eq!(normalize_agency("淮安市人民政府 "), "淮安市政府");
        assert_eq!(
            normalize_agency("淮安市 人民政府"),
            normalize_agency("淮安市政府")
        );
        assert_eq!(
            normalize_agency("上海市黄浦区人民政府打浦桥街道办事处"),
            "上海市黄浦区政府打浦桥街道"
        );
        assert_eq!(normalize_agency("（聊城市）外事办公室"), "聊城市外事办公室");
        // 办事处 alone is not a 街道.
        assert_eq!(normalize_agency("驻京办事处"), "驻京办事处");
    }

    #[test]
    fn a_suffix_links_only_when_it_is_the_only_candidate() {
        let a = Aliases::default();
        let m = link(
            &["洪泽区人民政府", "淮安市洪泽区人民政府", "淮安市人民政府"],
            &a,
        );
        assert_eq!(m["洪泽区人民政府"], "淮安市洪泽区政府");
        assert_eq!(m["淮安市洪泽区人民政府"], "淮安市洪泽区政府");
        // 市政府 is a suffix of 淮安市政府 but too short to link, and 淮安市政府 stays itself.
        assert_eq!(m["淮安市人民政府"], "淮安市政府");
        // Two different longer bodies: no link.
        let m = link(
            &[
                "洪泽区人民政府",
                "淮安市洪泽区人民政府",
                "某市洪泽区人民政府",
            ],
            &a,
        );
        assert_eq!(m["洪泽区人民政府"], "洪泽区政府");
        // A chain of longer names is one body.
        let m = link(
            &[
                "洪泽区人民政府",
                "淮安市洪泽区人民政府",
                "江苏省淮安市洪泽区人民政府",
            ],
            &a,
        );
        assert_eq!(m["洪泽区人民政府"], "江苏省淮安市洪泽区政府");
        assert_eq!(m["淮安市洪泽区人民政府"], "江苏省淮安市洪泽区政府");
        // The cut-off prefix must end in a place level.
        let m = link(&["交通运输局", "淮安市交通运输局"], &a);
        assert_eq!(m["交通运输局"], "淮安市交通运输局");
        let m = link(&["发展和改革委员会", "国家发展和改革委员会"], &a);
        assert_eq!(m["发展和改革委员会"], "发展和改革委员会");
        // 街道 and 街道办事处.
        let m = link(&["杨浦区江浦路街道", "上海市杨浦区江浦路街道办事处"], &a);
        assert_eq!(m["杨浦区江浦路街道"], "上海市杨浦区江浦路街道");
    }

    #[test]
    fn aliases_parse_and_chain() {
        let a = Aliases::from_csv(
            "alias,canonical\n聊城市外办,聊城市人民政府外事办公室\n\n\"市外办\",聊城市外办\n",
        )
        .unwrap();
        assert_eq!(a.len(), 2);
        let m = link(&["市外办", "聊城市人民政府外事办公室"], &a);
        assert_eq!(m["市外办"], "聊城市政府外事办公室");
        assert!(Aliases::from_csv("a,b,c\n").unwrap_err().contains("line 1"));
        assert!(Aliases::from_csv("a,b\nc\n")
            .unwrap_err()
            .contains("line 2"));
        // Without a header the first line is data.
        assert_eq!(Aliases::from_csv("甲局,乙局").unwrap().len(), 1);
        // A cycle does not hang.
        let a = Aliases::from_csv("甲局,乙局\n乙局,甲局\n").unwrap();
        let _ = link(&["甲局"], &a);
    }
}
