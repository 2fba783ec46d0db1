//! Table 三 of reports that print zero cells as nothing (blank), read from linear text.
//!
//! In linear text the blank cells of such a report vanish: `一、本年新收… 10 1 1 12` holds four
//! values for seven columns, and nothing says which applicant column the `1`s are in. The
//! row reader ([`crate::tables`]) leaves such rows absent, and since a row printed with no
//! value could also be a row whose values moved to another line, it leaves those absent too.
//!
//! What the template's rules still pin (crates/model/src/rules.rs), **total column first**:
//!
//! 1. A value row's last value is its 总计 when it equals the sum of the others (T3-3; counts
//!    are non-negative, and in a report that prints no zero the total of a row with values is
//!    printed and is its rightmost value).
//! 2. The total column — those totals, 0 for every row printed with no value, the total of
//!    every row already read — is accepted only when every column equation holds on it (T3-1:
//!    一 + 二 = （七）总计 + 四; T3-2: （七）总计 = the sum of the result rows) and every value of
//!    the table is accounted for (see [`complete`]).
//! 3. Then a row printed with no value is blank in all its columns (its total is 0, and six
//!    non-negative applicant cells sum to it), and the total of every other row is known. The
//!    applicant cells of a row with fewer values than columns stay absent: the six applicant
//!    columns are symmetric in every rule, so the rules never say which column a value is in.
//!
//! The reader records what it met ([`Log`]); [`complete`] decides.

use crate::flow::{Row, TextSpan};
use crate::rows::split;
use crate::tables::Tables;
use std::collections::BTreeMap;
use xxgk_model::rules::equations;
use xxgk_model::text::classify_value;
use xxgk_model::{schema, Cell, Flag, KeyId, Table, Template};

/// What the row reader met of one template row of table 三.
#[derive(Debug, Clone, PartialEq)]
enum Sighting {
    /// A line naming the row, with its printed values (each word of its value fields).
    Values(Vec<String>),
    /// Values on a line whose label holds several row labels (`7.属于行政执法案卷
    /// 8.属于行政查询事项 1 1`): which row they are is not known.
    Crowded,
    /// A line naming the row with no value after it.
    Empty,
}

/// What the row reader of table 三 met, row by row, and whether any value went unused.
#[derive(Debug, Default)]
pub(crate) struct Log {
    seen: Vec<(&'static str, u32, Sighting)>,
    /// Values met that were given to no row (an unrecognised row, an orphan not pinned).
    lost: bool,
    /// Where the values of a sighting (index into `seen`) sit on their line, where the text
    /// keeps it (see [`crate::flow::Row::text_spans`]).
    spans: BTreeMap<usize, Vec<TextSpan>>,
}

impl Log {
    /// Row `key` was met with these value words (placed or not) after `label`.
    pub(crate) fn valued(&mut self, key: &'static str, page: u32, label: &str, words: Vec<String>) {
        if holds_several_labels(label) {
            self.lost = true;
            self.seen.push((key, page, Sighting::Crowded));
        } else {
            self.seen.push((key, page, Sighting::Values(words)));
        }
    }

    /// [`Log::valued`], with where each value word sits on its line.
    pub(crate) fn valued_at(
        &mut self,
        key: &'static str,
        page: u32,
        label: &str,
        words: Vec<String>,
        spans: Vec<Option<TextSpan>>,
    ) {
        let spans: Option<Vec<TextSpan>> = spans.into_iter().collect();
        if let Some(spans) = spans.filter(|s| s.len() == words.len()) {
            self.spans.insert(self.seen.len(), spans);
        }
        self.valued(key, page, label, words);
    }

    /// Row `key` was met on a line with no value.
    pub(crate) fn empty(&mut self, key: &'static str, page: u32) {
        self.seen.push((key, page, Sighting::Empty));
    }

    /// Values were met that no row took.
    pub(crate) fn lost(&mut self) {
        self.lost = true;
    }

    /// How many value words the log gave to rows.
    fn words(&self) -> usize {
        self.seen
            .iter()
            .map(|(_, _, s)| match s {
                Sighting::Values(w) => w.len(),
                Sighting::Empty | Sighting::Crowded => 0,
            })
            .sum()
    }
}

/// Whether a label holds two enumerators of one kind (`7.属于行政执法案卷 8.属于行政查询事项`,
/// `（一）予以公开（二）部分公开`, `一、… 二、…`): two row labels on one line. A group's piece and
/// a row's enumerator (`（四）无 1.本机关不掌握…`, `三、本 8.属于…`) are one of each kind.
fn holds_several_labels(label: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let chars: Vec<char> = label.chars().collect();
    let (mut digit, mut bracket, mut top) = (0, 0, 0);
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| chars[p]);
        if c.is_ascii_digit()
            && !prev.is_some_and(|p| p.is_ascii_digit())
            && chars[i..]
                .iter()
                .find(|d| !d.is_ascii_digit())
                .is_some_and(|d| matches!(d, '.' | '．' | '、'))
        {
            digit += 1;
        }
        if matches!(c, '（' | '(') && next.is_some_and(|n| NUMERALS.contains(n)) {
            let close = chars.get(i + 2).copied();
            if close.is_some_and(|x| matches!(x, '）' | ')')) {
                bracket += 1;
            }
        }
        if NUMERALS.contains(*c)
            && next == Some('、')
            && !prev.is_some_and(|p| NUMERALS.contains(p))
        {
            top += 1;
        }
    }
    digit > 1 || bracket > 1 || top > 1
}

/// The value words of a row's value fields (a field holding `1 1` is two values).
pub(crate) fn value_words<'a>(
    cells: impl IntoIterator<Item = &'a crate::flow::RowCell>,
) -> Vec<String> {
    cells
        .into_iter()
        .flat_map(|c| c.text.split_whitespace())
        .map(str::to_string)
        .collect()
}

/// Where each value word of a row's value cells sits on its line: known for a cell holding one
/// word in a row of aligned text whose spans are parallel to its cells.
pub(crate) fn value_spans(row: &Row, values: &[&crate::flow::RowCell]) -> Vec<Option<TextSpan>> {
    let first = row.cells.len().saturating_sub(values.len());
    let parallel = row.text_spans.len() == row.cells.len();
    values
        .iter()
        .enumerate()
        .flat_map(|(j, c)| {
            let words = c.text.split_whitespace().count();
            let span = (parallel && words == 1)
                .then(|| row.text_spans.get(first + j).copied().flatten())
                .flatten();
            vec![span; words]
        })
        .collect()
}

/// How many value words the rows of a table hold.
pub(crate) fn value_count(rows: &[Row]) -> usize {
    rows.iter()
        .map(|r| value_words(split(r).values).len())
        .sum()
}

/// The total column of table 三 as the log and the cells read show it: one total per row of
/// the template (`None` when a row's total is not known — the whole column is then refused).
fn total_column(
    log: &Log,
    rows: &[&'static str],
    template: Template,
    out: &Tables,
) -> Option<BTreeMap<&'static str, u64>> {
    let mut column = BTreeMap::new();
    for &row in rows {
        let keys = crate::tables::row_keys(template, Table::T3, row);
        let (width, total_key) = (keys.len(), keys.last().copied()?);
        let sightings: Vec<&Sighting> = log
            .seen
            .iter()
            .filter(|(k, _, _)| *k == row)
            .map(|(_, _, s)| s)
            .collect();
        let valued: Vec<&Vec<String>> = sightings
            .iter()
            .filter_map(|s| match s {
                Sighting::Values(w) => Some(w),
                Sighting::Empty | Sighting::Crowded => None,
            })
            .collect();
        // Met twice with values: which line is its own is not known. A row met with values
        // and also named on a line without any (a header word `总计`, a piece of its wrapped
        // label) has those values: it is not blank.
        if valued.len() > 1 {
            return None;
        }
        let total = match (out.cells.get(&total_key), valued.first()) {
            (Some(cell), _) => match cell.flag {
                Flag::Number => cell.value.parse::<u64>().ok()?,
                Flag::Blank => 0,
                _ => return None,
            },
            (None, Some(words)) => total_of(words, width)?,
            (None, None) if !sightings.is_empty() => 0,
            (None, None) => return None,
        };
        column.insert(row, total);
    }
    Some(column)
}

/// Whether the rows were met in template order: each row's sightings (leaving out the lines
/// without values that name a row met with values — a header word `总计`, a piece of a wrapped
/// label) come after those of every row before it. A line taken for the wrong row breaks it.
fn in_template_order(log: &Log, rows: &[&'static str]) -> bool {
    let valued = |key: &str| {
        log.seen
            .iter()
            .any(|(k, _, s)| *k == key && matches!(s, Sighting::Values(_)))
    };
    let mut at = 0;
    for (key, _, s) in &log.seen {
        if *s == Sighting::Empty && valued(key) {
            continue;
        }
        let Some(pos) = rows.iter().position(|r| r == key) else {
            return false;
        };
        if pos < at {
            return false;
        }
        at = pos;
    }
    true
}

/// A value row's total: its last value, when every value is a whole number above zero (a
/// report that prints no zero), there are at least two and at most seven, and the last equals
/// the sum of the others (T3-3).
fn total_of(words: &[String], width: usize) -> Option<u64> {
    let numbers: Vec<u64> = words
        .iter()
        .map(|w| match classify_value(w) {
            Some((Flag::Number, v)) => v.parse::<u64>().ok().filter(|n| *n > 0),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (last, others) = numbers.split_last()?;
    if others.is_empty() || numbers.len() > width {
        return None;
    }
    let sum = others.iter().try_fold(0u64, |a, b| a.checked_add(*b))?;
    (sum == *last).then_some(*last)
}

/// Fill table 三 from its verified total column (see the module doc). `before` is the number of
/// value words the table's rows held before any reader rewrote them; `rows` are the rows the
/// row reader read. Nothing is written unless:
///
/// - no value was lost and the log accounts for every value word of the rows, and the rows
///   hold as many as before (no reader dropped or consumed a value);
/// - no value of the table is 0 (a report printing zeros prints every cell: an empty line there
///   means the values are elsewhere);
/// - every template row was met, its total known, at least two rows with values;
/// - T3-1 and T3-2 hold on the total column.
///
/// Cells already read are kept.
pub(crate) fn complete(
    log: &Log,
    rows: &[Row],
    before: usize,
    template: Template,
    out: &mut Tables,
) {
    let single_other = out.single_other;
    let keys = schema().expected_keys(template, single_other);
    let t3: Vec<KeyId> = keys
        .iter()
        .filter(|k| k.table == Table::T3)
        .map(|k| k.key_id())
        .collect();
    if t3.iter().all(|k| out.cells.contains_key(k)) {
        return;
    }
    let counted = value_count(rows);
    if log.lost || counted != before || log.words() != counted {
        return;
    }
    let mut template_rows: Vec<&'static str> = Vec::new();
    for k in keys.iter().filter(|k| k.table == Table::T3) {
        if !template_rows.contains(&k.row) {
            template_rows.push(k.row);
        }
    }
    if log.seen.iter().any(|(k, _, _)| !template_rows.contains(k)) {
        return;
    }
    if !in_template_order(log, &template_rows) {
        return;
    }
    let Some(column) = total_column(log, &template_rows, template, out) else {
        return;
    };
    if column.values().filter(|t| **t > 0).count() < 2 {
        return;
    }
    let value = |id: KeyId| {
        (id.col() == "total")
            .then(|| column.get(id.row()).map(|t| i128::from(*t)))
            .flatten()
    };
    let holds = equations(template, single_other)
        .iter()
        .filter(|e| (e.rule == "T3-1" || e.rule == "T3-2") && e.scope == "total")
        .all(|e| e.check(value) == Some(true));
    if !holds {
        out.notes.push(
            "表三: the totals of the rows printed with fewer values than columns do not satisfy T3-1/T3-2; not used"
                .to_string(),
        );
        return;
    }
    write(log, &template_rows, &column, template, out);
    by_position(log, rows, &template_rows, template, single_other, out);
}

/// One template row's applicant values for the search of [`by_position`]: fixed (read, or
/// blank), or values with the placements their positions admit (column indices).
enum Applicants {
    Fixed(Vec<i128>),
    Open(Vec<i128>, Vec<Vec<usize>>),
}

/// Step (after the total column is verified and written): the applicant cells of the rows
/// printed with fewer values than columns, where the text keeps positions
/// ([`crate::header_columns`]). Written only when exactly one joint placement of all those
/// rows satisfies every column equation (T3-1, T3-2; T3-3 holds by the totals).
fn by_position(
    log: &Log,
    rows: &[Row],
    template_rows: &[&'static str],
    template: Template,
    single_other: bool,
    out: &mut Tables,
) {
    use crate::header_columns::{header_spans, row_options, COLUMNS, MAX_PLACEMENTS};
    let Some(header) = header_spans(rows) else {
        return;
    };
    let mut plan: Vec<(&'static str, Applicants)> = Vec::new();
    let mut placements = 1usize;
    for &row in template_rows {
        let keys = crate::tables::row_keys(template, Table::T3, row);
        let in_order = keys.len() == COLUMNS.len()
            && keys.iter().zip(COLUMNS).all(|(k, (_, col))| k.col() == col);
        if !in_order {
            return;
        }
        let read: Option<Vec<i128>> = keys
            .iter()
            .map(|k| match out.cells.get(k) {
                Some(c) if c.flag == Flag::Blank => Some(0),
                Some(c) if c.flag == Flag::Number => c.value.parse().ok(),
                _ => None,
            })
            .collect();
        if let Some(values) = read {
            plan.push((row, Applicants::Fixed(values)));
            continue;
        }
        let sighting = log
            .seen
            .iter()
            .enumerate()
            .find_map(|(i, (k, _, s))| match s {
                Sighting::Values(w) if *k == row => Some((i, w)),
                _ => None,
            });
        let Some((i, words)) = sighting else {
            return;
        };
        let Some(values) = numbers(words).filter(|v| v.len() <= COLUMNS.len()) else {
            return;
        };
        let spans = log.spans.get(&i).map(Vec::as_slice);
        let options = row_options(values.len(), spans, &header);
        placements = placements.saturating_mul(options.len());
        if options.is_empty() || placements > MAX_PLACEMENTS {
            return;
        }
        plan.push((row, Applicants::Open(values, options)));
    }
    let equations: Vec<_> = equations(template, single_other)
        .into_iter()
        .filter(|e| (e.rule == "T3-1" || e.rule == "T3-2") && e.scope != "total")
        .collect();
    let mut choice = vec![0usize; plan.len()];
    let mut found: Option<Vec<usize>> = None;
    loop {
        let value = |id: KeyId| -> Option<i128> {
            let at = plan.iter().position(|(r, _)| *r == id.row())?;
            let col = COLUMNS.iter().position(|(_, c)| *c == id.col())?;
            match &plan[at].1 {
                Applicants::Fixed(v) => v.get(col).copied(),
                Applicants::Open(v, options) => {
                    let cols = &options[choice[at]];
                    Some(cols.iter().position(|c| *c == col).map_or(0, |j| v[j]))
                }
            }
        };
        if equations.iter().all(|e| e.check(value) == Some(true)) {
            if found.is_some() {
                out.notes.push(
                    "表三: more than one placement of the applicant values satisfies the rules; applicant cells left absent"
                        .to_string(),
                );
                return;
            }
            found = Some(choice.clone());
        }
        // Next combination (odometer over the open rows).
        let mut advanced = false;
        for (at, (_, a)) in plan.iter().enumerate() {
            if let Applicants::Open(_, options) = a {
                if choice[at] + 1 < options.len() {
                    choice[at] += 1;
                    advanced = true;
                    break;
                }
                choice[at] = 0;
            }
        }
        if !advanced {
            break;
        }
    }
    let Some(choice) = found else {
        return;
    };
    for (at, (row, a)) in plan.iter().enumerate() {
        let Applicants::Open(values, options) = a else {
            continue;
        };
        let cols = &options[choice[at]];
        let keys = crate::tables::row_keys(template, Table::T3, row);
        for (c, key) in keys.iter().enumerate() {
            let (flag, value) = match cols.iter().position(|x| *x == c) {
                Some(j) => (Flag::Number, values[j].to_string()),
                None => (Flag::Blank, String::new()),
            };
            out.cells.entry(*key).or_insert(Cell {
                raw: value.clone(),
                value,
                flag,
                page: None,
                bbox: None,
                ocr_confidence: None,
            });
        }
    }
    out.notes.push(
        "表三: the applicant values of the rows printed without their blank cells placed by the header's positions, the one placement satisfying T3-1/T3-2"
            .to_string(),
    );
}

/// The words as whole numbers.
fn numbers(words: &[String]) -> Option<Vec<i128>> {
    words
        .iter()
        .map(|w| match classify_value(w) {
            Some((Flag::Number, v)) => v.parse().ok(),
            _ => None,
        })
        .collect()
}

/// Step: the blank rows and the known totals, into cells not read yet.
fn write(
    log: &Log,
    rows: &[&'static str],
    column: &BTreeMap<&'static str, u64>,
    template: Template,
    out: &mut Tables,
) {
    let mut blank_rows = Vec::new();
    for &row in rows {
        let keys = crate::tables::row_keys(template, Table::T3, row);
        let page = log
            .seen
            .iter()
            .find(|(k, _, _)| *k == row)
            .map(|(_, p, _)| *p)
            .filter(|p| *p > 0);
        let Some(&total) = column.get(row) else {
            continue;
        };
        let cell = |flag: Flag, value: String| Cell {
            raw: value.clone(),
            value,
            flag,
            page,
            bbox: None,
            ocr_confidence: None,
        };
        if total == 0 {
            for k in &keys {
                out.cells
                    .entry(*k)
                    .or_insert_with(|| cell(Flag::Blank, String::new()));
            }
            blank_rows.push(row);
        } else if let Some(k) = keys.last() {
            out.cells
                .entry(*k)
                .or_insert_with(|| cell(Flag::Number, total.to_string()));
        }
    }
    out.notes.push(format!(
        "表三: the total column adds up (T3-1, T3-2) with blank zeros: rows {} printed with no value are blank; the other rows' totals are known",
        blank_rows.join(", ")
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::line_row;
    use crate::tables::{read_t3, row_keys};

    /// Table 三 of derived/blank-zeros-raw.txt (`pdftotext -raw`, zeros printed blank), line
    /// by line; `replace` swaps lines (index, text) to break it.
    fn raw_lines(replace: &[(usize, &str)]) -> Vec<Row> {
        let mut lines = vec![
            "（本列数据的勾稽关系为：第一项加第二项之和，",
            "等于第三项加第四项之和）",
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
            "商业企",
            "业",
            "科研机",
            "构",
            "社会公",
            "益组织",
            "法律服",
            "务机构 其他",
            "一、本年新收政府信息公开申请数量 10 1 1 12",
            "二、上年结转政府信息公开申请数量",
            "三、本",
            "年度办",
            "理结果",
            "（一）予以公开 6 1 1 8",
            "（二）部分公开（区分处理的，只计这一",
            "情形，不计其他情形） 1 1",
            "（三）不",
            "予公开",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
            "4.保护第三方合法权益",
            "5.属于三类内部事务信息",
            "6.属于四类过程性信息",
            "7.属于行政执法案卷",
            "8.属于行政查询事项 1 1",
            "（四）无",
            "法提供",
            "1.本机关不掌握相关政府信息 2 2",
            "2.没有现成信息需要另行制作",
            "3.补正后申请内容仍不明确",
            "（五）不",
            "予处理",
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出",
            "具已获取信息",
            "（六）其他处理",
            "（七）总计 10 1 1 12",
            "四、结转下年度继续办理",
        ];
        for (i, text) in replace {
            lines[*i] = text;
        }
        lines.iter().map(|l| line_row(l, &[], 2, false)).collect()
    }

    /// Read the lines as the gatherer does: the row reader, then the total column.
    fn read(rows: &[Row]) -> Tables {
        let mut out = Tables::default();
        let before = value_count(rows);
        let log = read_t3(rows, Template::V2019, false, &mut out);
        complete(&log, rows, before, Template::V2019, &mut out);
        out
    }

    /// A row's cells as (flag, value): `None` where absent.
    fn row(out: &Tables, r: &str) -> Vec<Option<(Flag, String)>> {
        row_keys(Template::V2019, Table::T3, r)
            .iter()
            .map(|k| out.cells.get(k).map(|c| (c.flag, c.value.clone())))
            .collect()
    }

    fn blank_row() -> Vec<Option<(Flag, String)>> {
        vec![Some((Flag::Blank, String::new())); 7]
    }

    fn total_only(total: &str) -> Vec<Option<(Flag, String)>> {
        let mut r = vec![None; 6];
        r.push(Some((Flag::Number, total.to_string())));
        r
    }

    #[test]
    fn blank_zeros_are_read_from_the_verified_total_column() {
        // corpus/truth/derived/blank-zeros-raw.json: rows printed with no value are blank in
        // all seven columns; the rows printed with values have their total (12, 8, 1, 1, 2, 12)
        // and their applicant cells stay absent (which column the `1`s are in is not known).
        let out = read(&raw_lines(&[]));
        assert_eq!(row(&out, "new_received"), total_only("12"));
        assert_eq!(row(&out, "carried_in"), blank_row());
        assert_eq!(row(&out, "granted"), total_only("8"));
        assert_eq!(row(&out, "partial"), total_only("1"));
        assert_eq!(row(&out, "deny_state_secret"), blank_row());
        assert_eq!(row(&out, "deny_admin_query"), total_only("1"));
        assert_eq!(row(&out, "unable_not_held"), total_only("2"));
        assert_eq!(row(&out, "nohandle_confirm"), blank_row());
        assert_eq!(row(&out, "other"), blank_row());
        assert_eq!(row(&out, "processed_total"), total_only("12"));
        assert_eq!(row(&out, "carried_out"), blank_row());
    }

    /// [`raw_lines`] with the header line and the value positions of
    /// derived/blank-zeros-layout.txt (`pdftotext -layout`: characters, display columns);
    /// `admin_at`: where the `1` of 8.属于行政查询事项 sits (characters).
    fn layout_lines(admin_at: f64) -> Vec<Row> {
        let mut rows = raw_lines(&[(3, "自然人 商业企 科研机 社会公 法律服 其他 总计")]);
        // Per line: each value's [x0, x1] in characters, then in display columns (the label
        // cell first has none).
        let positions: [(usize, &[[f64; 4]]); 6] = [
            (3, &[[25.0, 50.0, 37.0, 81.0]]),
            (
                14,
                &[
                    [26., 28., 42., 44.],
                    [30., 31., 46., 47.],
                    [46., 47., 62., 63.],
                    [48., 50., 64., 66.],
                ],
            ),
            (
                19,
                &[
                    [26., 27., 33., 34.],
                    [30., 31., 37., 38.],
                    [46., 47., 53., 54.],
                    [49., 50., 56., 57.],
                ],
            ),
            (21, &[[23., 24., 41., 42.], [49., 50., 67., 68.]]),
            (
                31,
                &[[admin_at, admin_at + 1.0, 38., 39.], [49., 50., 60., 61.]],
            ),
            (34, &[[24., 25., 43., 44.], [49., 50., 68., 69.]]),
        ];
        for (i, spans) in positions {
            let spans = spans.iter().map(|s| {
                Some(TextSpan {
                    chars: (s[0], s[1]),
                    width: (s[2], s[3]),
                })
            });
            rows[i].text_spans = if i == 3 {
                spans.collect()
            } else {
                std::iter::once(None).chain(spans).collect()
            };
            assert_eq!(rows[i].cells.len(), rows[i].text_spans.len(), "line {i}");
        }
        rows
    }

    fn cells(values: [&str; 7]) -> Vec<Option<(Flag, String)>> {
        values
            .iter()
            .map(|v| {
                let flag = if v.is_empty() {
                    Flag::Blank
                } else {
                    Flag::Number
                };
                Some((flag, v.to_string()))
            })
            .collect()
    }

    #[test]
    fn positions_and_the_rules_place_the_applicant_values_when_one_placement_fits() {
        // corpus/truth/derived/blank-zeros-layout.json. The `1` of （二）部分公开 and the `2` of
        // 1.本机关不掌握… sit left of 自然人 (any column by position), （七）总计 has no position;
        // only one placement satisfies T3-1 and T3-2 in every column.
        let out = read(&layout_lines(27.0));
        let truth = [
            ("new_received", ["10", "1", "", "", "", "1", "12"]),
            ("granted", ["6", "1", "", "", "", "1", "8"]),
            ("partial", ["1", "", "", "", "", "", "1"]),
            ("deny_admin_query", ["1", "", "", "", "", "", "1"]),
            ("unable_not_held", ["2", "", "", "", "", "", "2"]),
            ("processed_total", ["10", "1", "", "", "", "1", "12"]),
        ];
        for (r, values) in truth {
            assert_eq!(row(&out, r), cells(values), "{r}");
        }
        // A position the rules refute (the `1` under 商业企: 商业企业 would hold 2 results for
        // 1 application): no placement fits, only the total column is written.
        let out = read(&layout_lines(30.0));
        assert_eq!(row(&out, "granted"), total_only("8"));
        assert_eq!(row(&out, "deny_admin_query"), total_only("1"));
        // Without the header line nothing is placed by position.
        let mut rows = layout_lines(27.0);
        rows[3].text_spans.clear();
        assert_eq!(row(&read(&rows), "new_received"), total_only("12"));
    }

    #[test]
    fn several_row_labels_on_one_line_are_told_from_a_group_piece_and_a_row() {
        assert!(holds_several_labels(
            "7.属于行政执法案卷 8.属于行政查询事项"
        ));
        assert!(holds_several_labels("（一）予以公开（二）部分公开"));
        assert!(!holds_several_labels("（四）无 1.本机关不掌握相关政府信息"));
        assert!(!holds_several_labels("三、本 8.属于行政查询事项"));
        assert!(!holds_several_labels(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        ));
    }

    #[test]
    fn a_total_column_that_does_not_add_up_places_nothing() {
        let nothing = |out: &Tables| {
            [
                "carried_in",
                "deny_state_secret",
                "carried_out",
                "new_received",
            ]
            .iter()
            .all(|r| row(out, r).iter().all(Option::is_none))
        };
        // （一）予以公开 9 of which 6+1+2 (the row adds up), but T3-2 fails: 9+1+1+2 ≠ 12.
        assert!(nothing(&read(&raw_lines(&[(
            19,
            "（一）予以公开 6 1 2 9"
        )]))));
        // A row whose last value is not the sum of the others: no total known.
        assert!(nothing(&read(&raw_lines(&[(
            19,
            "（一）予以公开 6 1 1 7"
        )]))));
        // A printed zero: this report prints its zeros, so an empty line is not a blank row.
        assert!(nothing(&read(&raw_lines(&[(
            31,
            "8.属于行政查询事项 1 0 1"
        )]))));
        // A value row naming no row (here instead of the group's `予公开`): values no row took.
        // The column equations alone would still hold.
        assert!(nothing(&read(&raw_lines(&[(23, "3 3")]))));
        // Two row labels before the values (PyMuPDF blocks): which row the `1 1` is not known;
        // taken for row 7, row 8 named alone would be blank and T3-2 would still hold.
        assert!(nothing(&read(&raw_lines(&[
            (30, "7.属于行政执法案卷 8.属于行政查询事项 1 1"),
            (31, "8.属于行政查询事项")
        ]))));
        // Rows met out of template order: a line may have been taken for the wrong row.
        assert!(nothing(&read(&raw_lines(&[
            (31, "1.本机关不掌握相关政府信息 2 2"),
            (34, "8.属于行政查询事项 1 1")
        ]))));
        // A row not met at all (its label lost): its total is not known.
        assert!(nothing(&read(&raw_lines(&[(35, "")]))));
    }
}
