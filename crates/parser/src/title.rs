//! Agency and year: from the title (even wrapped over two or three lines), then the 统计期限
//! sentence, then the file name (TEMPLATES.md §9.1–§9.2).

use regex::Regex;
use std::sync::OnceLock;

fn title_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            &r"^(?:(Y)年(?:度)?)?(.+?)(?:(Y)年(?:度)?)?(?:(?:政府|政务)?信息公开|政务公开)(?:工作)?(?:(Y)年(?:度)?)?(?:年度)?(?:工作)?(?:报告|年报)"
                .replace('Y', YEAR),
        )
        .expect("static regex")
    })
}

/// A year as titles print it: `2023`, or in Chinese numerals `二〇二三` (`○` and `零` for 0).
const YEAR: &str = r"\d{4}|[〇○零一二三四五六七八九]{4}";

/// The number of a year as [`YEAR`] matches it.
fn year_number(s: &str) -> Option<u16> {
    let digits: String = s
        .chars()
        .map(|c| match c {
            '〇' | '○' | '零' => Some('0'),
            _ => "一二三四五六七八九"
                .chars()
                .position(|n| n == c)
                .and_then(|i| char::from_digit(i as u32 + 1, 10))
                .or(c.is_ascii_digit().then_some(c)),
        })
        .collect::<Option<_>>()?;
    digits.parse().ok()
}

fn period_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"统计(?:期限|时限|时间段|时间)[^。]{0,12}?(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|—|-)\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
            .expect("static regex")
    })
}

/// Inline markup a converter left in its text (pandoc's `<span lang="zh-CN">`), spaces
/// already removed: no part of a title.
fn markup_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"</?[A-Za-z][^<>]*>").expect("static regex"))
}

fn bracketed_year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[（(](\d{4})(?:年度?)?[）)]").expect("static regex"))
}

fn year_in_name_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:^|\D)(20[0-4]\d)(?:\D|$)").expect("static regex"))
}

/// What the title says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Title {
    pub agency: Option<String>,
    pub year: Option<u16>,
    /// The title text as matched (spaces removed).
    pub text: String,
}

/// Read the title from the first lines of the document: try one, two and three consecutive
/// lines joined, starting at each of the first few lines.
pub fn read_title(first_lines: &[&str]) -> Option<Title> {
    let lines: Vec<String> = first_lines
        .iter()
        .map(|l| with_last_character(strip_chrome(&compact(without_page_header(l)))))
        // Page furniture (`-1-`) and other lines without a letter are no part of a title, nor
        // a sheet's name printed as the page header (`Sheet1`).
        .filter(|l| l.chars().any(char::is_alphabetic) && !crate::gather::is_sheet_name(l))
        .take(8)
        .collect();
    // A body saved on one line, or a first block of text holding the title and the first
    // paragraph (PyMuPDF's blocks), starts with its title: try the line up to its first 报告.
    if let Some(first) = lines.first() {
        if let Some(end) = title_end(first) {
            let t = parse_title(&first[..end]);
            if t.as_ref().is_some_and(|t| t.agency.is_some()) {
                return t;
            }
            // A whole page on one line (a crawler's text of it): its chrome ran into the
            // title; the title is the piece after a space.
            let raw = first_lines.iter().find(|l| l.contains("报告"));
            if let Some(piece) = raw.and_then(|l| title_after_space(l)) {
                return Some(piece);
            }
            // The page's own title first (BeautifulSoup's text of a saved page starts with its
            // `<title>`), before chrome words that the cut above went past.
            if let Some(whole) = raw.and_then(|l| title_at_start(l)) {
                return Some(whole);
            }
            if t.is_some() {
                return t;
            }
        }
    }
    // The first reading that names an agency; else the first with a year only. Lines of a
    // page's chrome joined before the title can make a reading whose agency is too long to be
    // one (`当前位置：首页>…政府信息公开年报` + the title): the title line itself comes later.
    // A reading whose agency holds the report's own words (a site's section heading
    // `政府信息公开` joined before the title line) is kept only when no other names an agency.
    let mut year_only = None;
    let mut heading_joined = None;
    for start in 0..lines.len() {
        for len in 1..=3 {
            if start + len > lines.len() {
                break;
            }
            let joined: String = lines[start..start + len].concat();
            match parse_title(&joined) {
                Some(t) if t.agency.as_deref().is_some_and(holds_report_words) => {
                    heading_joined.get_or_insert(t);
                }
                Some(t) if t.agency.is_some() => {
                    return Some(repeated_name(&lines[start..start + len]).unwrap_or(t))
                }
                Some(t) => {
                    year_only.get_or_insert(t);
                }
                None => {}
            }
        }
    }
    heading_joined.or(year_only)
}

/// Words of the report's own title and of the sections a site files it under, which no
/// body's name holds: an "agency" holding them is a heading joined to the title.
fn holds_report_words(agency: &str) -> bool {
    ["信息公开", "政务公开", "年度报告", "年报"]
        .iter()
        .any(|w| agency.contains(w))
}

/// A title line that ends `…年度报`: its last character wrapped onto a line of its own, which
/// OCR reads as something else (a large `告` alone under the middle of the title read as `全`
/// or `4`). The line is the whole title, `告` and all.
fn with_last_character(line: &str) -> String {
    if lost_last_character(line) {
        format!("{line}告")
    } else {
        line.to_string()
    }
}

/// Where a title that a line starts with ends: after its first 报告, and after a bracketed
/// year that follows it (`…年度报告（2023年度）`).
fn title_end(line: &str) -> Option<usize> {
    let end = line.find("报告")? + "报告".len();
    Some(
        end + bracketed_year_re()
            .find(&line[end..])
            .map_or(0, |m| m.end()),
    )
}

/// Whether a line ends `…信息公开（工作）年度报`, a title whose `告` wrapped away.
fn lost_last_character(line: &str) -> bool {
    line.ends_with("信息公开工作年度报") || line.ends_with("信息公开年度报")
}

/// Whether a line may hold the report's title on its own: it says 报告, it ends 年报
/// (`某镇人民政府2023年度政府信息公开年报`), or it is a title whose last character wrapped onto
/// the next line.
pub fn may_hold_title(line: &str) -> bool {
    let line = line.trim_end();
    line.contains("报告") || line.ends_with("年报") || lost_last_character(line)
}

/// A title whose lines before the last repeat the last line's own agency (a page's header,
/// the site's name, above the title `淮安市人民政府` / `淮安市人民政府2024年…报告`): the last
/// line alone. Two different names over a title (a joint report) stay one agency.
fn repeated_name(window: &[String]) -> Option<Title> {
    let (last, before) = window.split_last()?;
    if before.is_empty() {
        return None;
    }
    let t = parse_title(last)?;
    let agency = t.agency.as_deref()?;
    before.iter().all(|l| l == agency).then_some(t)
}

/// A line as a title is read: no white space, no inline markup a converter left
/// (`<span lang="zh-CN">`), no emphasis marks of a light markup (`*淮安市人民政府*`, AsciiDoc
/// and Org bold; a title line joined with the next keeps none between them).
fn compact(line: &str) -> String {
    let solid: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    markup_re().replace_all(&solid, "").into_owned()
}

/// The reading of a line up to its first 报告, chrome words and all, when it names an agency.
fn title_at_start(line: &str) -> Option<Title> {
    let compact = compact(line);
    let end = title_end(&compact)?;
    parse_title(&compact[..end]).filter(|t| t.agency.is_some())
}

/// The title of a line holding a whole page: the shortest piece before the first 报告 that
/// starts after a space with a Chinese character that can begin a name (not 年 or 度), and
/// reads as a title naming an agency of three characters or more
/// (`…政府信息公开年报依申请公开 淮安市人民政府2024年政府信息公开工作年度报告` → 淮安市人民政府).
fn title_after_space(line: &str) -> Option<Title> {
    let end = line.find("报告")? + "报告".len();
    let head = &line[..end];
    head.char_indices()
        .filter(|&(_, c)| c.is_whitespace())
        .map(|(i, c)| head[i + c.len_utf8()..].trim_start())
        .filter(|rest| {
            rest.chars()
                .next()
                .is_some_and(|c| xxgk_model::text::is_han(c) && c != '年' && c != '度')
        })
        .rev()
        .filter_map(|rest| parse_title(&compact(rest)))
        .find(|t| {
            t.agency
                .as_ref()
                .is_some_and(|a| a.chars().count() >= 3 && !a.contains(['<', '>', '=', '"']))
        })
}

/// A line without a spreadsheet's page header printed before the title in one heading
/// (pymupdf4llm of Calc's PDF: `# Sheet1 **上海市…报告**`): words of Latin letters and digits
/// set apart by a space, when a title follows. No body's name is written so.
fn without_page_header(line: &str) -> &str {
    let mut s = line.trim_start_matches(['#', '*', '>', '=', ' ']);
    while let Some((word, rest)) = s.split_once(char::is_whitespace) {
        let latin = word.chars().all(|c| c.is_ascii_alphanumeric())
            && word.chars().any(|c| c.is_ascii_alphabetic());
        if !latin || !rest.contains("报告") {
            break;
        }
        s = rest.trim_start();
    }
    s
}

/// Words of a web page's chrome that end up before the title in saved or converted text:
/// everything up to the last of them is cut (`文件下载时效沭阳县发展和改革局…` → `沭阳县…`).
const CHROME_WORDS: [&str; 14] = [
    "当前位置",
    "您的位置",
    "微信",
    "微博",
    "QQ空间",
    "全真版",
    "文字版",
    "文件下载",
    "附件下载",
    "打印本页",
    "关闭窗口",
    "时效",
    "字号",
    // The font-size links after 字号： (spaces are taken out before the chrome).
    "大中小",
];

/// A title line without what converters and crawlers put before it: a Markdown `#`, a
/// `标题:` key, the converter's `正文`, a page's chrome words.
pub fn strip_chrome(line: &str) -> &str {
    // Heading marks: Markdown `#`, AsciiDoc `==`, Org `*`, a quote's `>`.
    let mut s = line.trim_start_matches(['#', '*', '>', '=', ' ']).trim();
    for prefix in ["标题:", "标题：", "title:", "Title:", "正文"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
        }
    }
    if let Some(end) = CHROME_WORDS
        .iter()
        .filter_map(|w| s.rfind(w).map(|i| i + w.len()))
        .max()
    {
        // Only when a title follows the chrome.
        if s[end..].contains("报告") {
            s = &s[end..];
        }
    }
    s.trim_start_matches(['|', '>', ':', '：', ' '])
}

/// Parse one candidate title string (spaces already removed).
pub fn parse_title(s: &str) -> Option<Title> {
    if s.chars().count() > 80 {
        return None;
    }
    let caps = title_re().captures(s)?;
    // The title must end at 报告 (allow a closing bracket or punctuation after it).
    let whole = caps.get(0)?;
    let rest = &s[whole.end()..];
    // The year may follow in brackets (`…年度报告（2023年度）`).
    let bracket_year = bracketed_year_re()
        .captures(rest)
        .and_then(|c| c.get(1)?.as_str().parse::<u16>().ok());
    if rest.chars().count() > 4 && bracket_year.is_none() {
        return None;
    }
    let year_at = |i| caps.get(i).and_then(|m| year_number(m.as_str()));
    // Before the agency, after it, or after `信息公开工作` (`…政府信息公开工作2023年度报告`).
    let year = year_at(3).or(year_at(4)).or(year_at(1)).or(bracket_year);
    let agency = match caps.get(2) {
        // `某市人民政府信息公开工作年度报告`: the 政府 is the body's (人民政府), not the title's.
        Some(m) if m.as_str().ends_with("人民") && s[m.end()..].starts_with("政府") => {
            &s[m.start()..m.end() + "政府".len()]
        }
        Some(m) => m.as_str(),
        None => "",
    };
    let agency = without_notice_words(agency.trim_start_matches(['《', '“']))
        .trim_matches(|c: char| "：:，,。《》“”【】".contains(c))
        .to_string();
    // `2024年政府信息公开工作年度报告` names no body: its 政府 is the title's own word.
    let own_word = matches!(agency.as_str(), "政府" | "政务");
    // A breadcrumb (`首页 > 政务公开 > …`) ran into the title: no name holds its marks.
    let breadcrumb = agency.contains(['>', '＞', '»', '›']) || agency.contains("首页");
    // A list's bullet before a site's section heading (`• 政府信息公开年报`) names nothing:
    // a body's name is written in Chinese.
    let agency = (agency.chars().any(xxgk_model::text::is_han)
        && !own_word
        && !breadcrumb
        && !agency.contains("年度")
        && agency.chars().count() <= 40)
        .then_some(agency);
    if agency.is_none() && year.is_none() {
        return None;
    }
    Some(Title {
        agency,
        year,
        text: whole.as_str().to_string(),
    })
}

/// The body a title with `关于` names: the one after it where one is (`关于某市交通运输局…`,
/// a notice `某市人民政府办公室关于印发某市…报告的通知` publishing 某市's report), else the one
/// before it (`某县人民政府关于2023年…报告`).
fn without_notice_words(agency: &str) -> &str {
    let Some((before, after)) = agency.split_once("关于") else {
        return agency;
    };
    let after = ["印发", "转发", "公布", "发布"]
        .iter()
        .find_map(|verb| after.strip_prefix(verb))
        .unwrap_or(after);
    if after.is_empty() {
        before
    } else {
        after
    }
}

/// Strip a site suffix from an HTML `<title>` ("…报告-XX市人民政府门户网站").
pub fn strip_site_suffix(s: &str) -> &str {
    let cut = s
        .find(['-', '_', '|', '—'])
        .filter(|&i| s[..i].contains("报告"));
    match cut {
        Some(i) => s[..i].trim(),
        None => s.trim(),
    }
}

/// The year of the 统计期限 sentence.
pub fn period_year(text: &str) -> Option<u16> {
    let caps = period_re().captures(text)?;
    caps.get(1)?.as_str().parse().ok()
}

/// A plausible report year in a file name.
pub fn year_from_file_name(name: &str) -> Option<u16> {
    year_in_name_re()
        .captures(name)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_both_orders_and_wrapped() {
        let t = read_title(&["淮安市人民政府", "2024 年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(t.year, Some(2024));
        let t = read_title(&["聊城市人民政府外事办公室 2019 年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("聊城市人民政府外事办公室"));
        assert_eq!(t.year, Some(2019));
        let t = parse_title("2019年上海市人民政府办公厅政府信息公开工作年度报告").unwrap();
        assert_eq!(t.agency.as_deref(), Some("上海市人民政府办公厅"));
        assert_eq!(t.year, Some(2019));
        let t = read_title(&[
            "2023年上海市黄浦区人民政府打浦桥街道办事处",
            "政府信息公开工作年度报告",
        ])
        .unwrap();
        assert_eq!(
            t.agency.as_deref(),
            Some("上海市黄浦区人民政府打浦桥街道办事处")
        );
        assert_eq!(t.year, Some(2023));
    }

    #[test]
    fn titles_worded_other_ways_name_their_body() {
        for (line, agency, year) in [
            (
                "某市人民政府二〇二三年政府信息公开工作年度报告",
                "某市人民政府",
                2023,
            ),
            (
                "某县人民政府二○二三年度政府信息公开工作年度报告",
                "某县人民政府",
                2023,
            ),
            (
                "某县人民政府关于2023年政府信息公开工作年度报告",
                "某县人民政府",
                2023,
            ),
            (
                "关于某市交通运输局2023年政府信息公开工作年度报告",
                "某市交通运输局",
                2023,
            ),
            (
                "某市人民政府办公室关于印发某市2023年政府信息公开工作年度报告的通知",
                "某市",
                2023,
            ),
            (
                "某市生态环境局政府信息公开工作2023年度报告",
                "某市生态环境局",
                2023,
            ),
            ("某镇人民政府2023年度政府信息公开年报", "某镇人民政府", 2023),
            (
                "某区某街道办事处2023年政务公开工作年度报告",
                "某区某街道办事处",
                2023,
            ),
            (
                "【某市财政局】2023年政府信息公开工作年度报告",
                "某市财政局",
                2023,
            ),
            (
                "某县教育局2023年政府信息公开年度工作报告",
                "某县教育局",
                2023,
            ),
            (
                "2023年度某市人民政府信息公开工作年度报告",
                "某市人民政府",
                2023,
            ),
            (
                "某市人民政府信息公开工作年度报告(2023)",
                "某市人民政府",
                2023,
            ),
            (
                "某市人民政府政府信息公开工作年度报告（2023年度）",
                "某市人民政府",
                2023,
            ),
        ] {
            let t = read_title(&[line]).unwrap();
            assert_eq!(t.agency.as_deref(), Some(agency), "{line}");
            assert_eq!(t.year, Some(year), "{line}");
        }
        // A site's section heading ending 年报 names nothing.
        assert_eq!(read_title(&["政府信息公开年报"]), None);
        assert_eq!(read_title(&["-   政府信息公开年报"]), None);
        let t = read_title(&[
            "政府信息公开年报",
            "淮安市人民政府2024年政府信息公开工作年度报告",
        ]);
        assert_eq!(t.unwrap().agency.as_deref(), Some("淮安市人民政府"));
    }

    #[test]
    fn a_site_heading_over_the_title_is_no_part_of_the_agency() {
        // MinerU / LLM Markdown of a saved page: the site's section heading, then the title.
        for head in ["# 政府信息公开", "政务公开", "# 政府信息公开年报"] {
            let t = read_title(&[head, "# 淮安市人民政府2024年政府信息公开工作年度报告"]).unwrap();
            assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"), "{head}");
            assert_eq!(t.year, Some(2024));
        }
        // Two names over a title (a joint report) stay one agency.
        let t = read_title(&[
            "中共淮安市委办公室",
            "淮安市人民政府办公室2024年政府信息公开工作年度报告",
        ]);
        assert_eq!(
            t.unwrap().agency.as_deref(),
            Some("中共淮安市委办公室淮安市人民政府办公室")
        );
    }

    #[test]
    fn a_title_whose_last_character_wrapped_alone() {
        let t = read_title(&[
            "聊城市东昌府区人民政府2019年政府信息公开工作年度报",
            "全",
            "记",
        ]);
        assert_eq!(t.unwrap().agency.as_deref(), Some("聊城市东昌府区人民政府"));
        let t = read_title(&["淮安市清江浦区人民政府2024年政府信息公开工作年度报", "告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市清江浦区人民政府"));
        assert_eq!(t.year, Some(2024));
    }

    #[test]
    fn chrome_before_the_title_is_no_part_of_the_agency() {
        for (line, agency) in [
            (
                "# 2025年上海市人民政府办公厅政府信息公开工作年度报告",
                "上海市人民政府办公厅",
            ),
            (
                "标题: 平潭综合实验区2022年度政府信息公开工作年度报告",
                "平潭综合实验区",
            ),
            (
                "正文2025年上海市人民政府办公厅政府信息公开工作年度报告",
                "上海市人民政府办公厅",
            ),
            (
                "文件下载时效沭阳县发展和改革局2024年政府信息公开工作年度报告",
                "沭阳县发展和改革局",
            ),
            // pymupdf4llm of Calc's PDF of a sheet: the page header (the sheet's name) and
            // the title in one heading.
            (
                "# Sheet1 **上海市静安区人民政府办公室2019年政府信息公开工作年度报告**",
                "上海市静安区人民政府办公室",
            ),
        ] {
            let t = read_title(&[line]).expect(line);
            assert_eq!(t.agency.as_deref(), Some(agency), "{line}");
        }
        let t = read_title(&["-1-", "淮安市人民政府", "2024年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        // Chromium's textContent of huaian-2024-gbk.html: the site's navigation, glued, on
        // the lines before the title. Joined with the title they read as a title whose
        // "agency" is too long to be one; the title line reads on its own.
        let page = [
            "淮安市人民政府",
            "首页新闻中心政务公开政务服务互动交流走进淮安",
            "搜索",
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
            "政府信息公开政府信息公开指南政府信息公开制度法定主动公开内容政府信息公开年报依申请公开",
            "淮安市人民政府2024年政府信息公开工作年度报告",
        ];
        let t = read_title(&page).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(t.year, Some(2024));
        // The same page on one line, whitespace collapsed (a crawler's textContent).
        let line = page.join(" ") + " 发布日期：2025-01-21 来源：淮安市人民政府办公室";
        let t = read_title(&[line.as_str()]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        assert_eq!(t.year, Some(2024));
        // Markup left in the text (pandoc's spans) is no part of the title.
        let line = "# <span lang=\"zh-CN\">上海市静安区人民政府办公室</span>2019<span \
            lang=\"zh-CN\">年政府信息公开工作年度报告</span>";
        let t = read_title(&[line]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("上海市静安区人民政府办公室"));
        assert_eq!(t.year, Some(2019));
        // BeautifulSoup's text of the saved page on one line: its `<title>` first, then the
        // navigation and the title again.
        let line =
            "淮安市人民政府2024年政府信息公开工作年度报告-淮安市人民政府门户网站 淮安市人民政府 \
            首页 当前位置： 首页 > 政务公开 > 政府信息公开年报 依申请公开 \
            淮安市人民政府2024年政府信息公开工作年度报告 发布日期：2025-01-21";
        let t = read_title(&[line]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        // The site's name above the title (pdfplumber of LibreOffice's PDF of the page).
        let t = read_title(&[
            "淮安市人民政府",
            "淮安市人民政府 2024 年政府信息公开工作年度报告",
        ]);
        assert_eq!(t.unwrap().agency.as_deref(), Some("淮安市人民政府"));
        // Two bodies over one title (a joint report): one agency, as printed.
        let t = read_title(&[
            "中共某县委办公室",
            "某县人民政府办公室2024年政府信息公开工作年度报告",
        ]);
        assert_eq!(
            t.unwrap().agency.as_deref(),
            Some("中共某县委办公室某县人民政府办公室")
        );
        // Markup of pandoc's AsciiDoc: bold lines, a heading.
        let t = read_title(&["*淮安市人民政府*", "*2024年政府信息公开工作年度报告*"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        let t = read_title(&["== 淮安市人民政府2024年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
        // A title naming no body: no agency (its 政府 is the title's word).
        let t = read_title(&["2024年政府信息公开工作年度报告"]).unwrap();
        assert_eq!((t.agency, t.year), (None, Some(2024)));
        // A title with spaces around its year is read whole, not from a piece after a space.
        let t = read_title(&["淮安市人民政府 2024 年政府信息公开工作年度报告"]).unwrap();
        assert_eq!(t.agency.as_deref(), Some("淮安市人民政府"));
    }

    #[test]
    fn period_and_file_name() {
        assert_eq!(
            period_year("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。"),
            Some(2024)
        );
        assert_eq!(
            period_year("本年度报告中所列数据统计期限从2019年1月1日到12月31日止。"),
            Some(2019)
        );
        assert_eq!(year_from_file_name("huaian-2024.pdf"), Some(2024));
        assert_eq!(year_from_file_name("report.pdf"), None);
    }
}
