//! Plain-text reports: decode (see [`crate::encoding`]), split pages at form feeds, and find
//! the tables a text dump can hold.
//!
//! - **Tab-separated rows**: consecutive lines holding a tab form one grid (blank lines inside
//!   do not end it); cells are the tab-separated fields, trimmed.
//! - **Markdown pipe tables**: consecutive lines starting with `|`; `|---|:--:|` rule lines are
//!   skipped.
//! - **Column-aligned text** (`pdftotext -layout`, or a dump aligned with spaces for a monospace
//!   view): a field is a run of text, fields are separated by two or more spaces. A run of
//!   lines with at least two fields (allowing up to three one-field lines between them, such
//!   as wrapped labels, but not a numbered heading like "三、收到和处理…") is one table. Its
//!   columns are the clusters of overlapping positions of the numeric fields; positions are
//!   measured both in characters (what `pdftotext` writes) and in display width (CJK = 2
//!   columns, what a person aligning a dump writes) and the measure whose numeric columns
//!   collide least is used. Each line becomes a grid row: one label cell (the fields left of
//!   the first column) and one cell per column (empty where nothing is printed).
//! - Everything else (prose) stays lines.
//!
//! A crawler's metadata block before the body (`标题: … / 发布时间: … / 原文链接: … /
//! ==== 正文 ====`, Chinese or English keys) is taken out of the text and kept as
//! [`SourceHints`]: hints, never body text.

use crate::encoding;
use crate::IngestError;
use xxgk_model::text::{classify_value, is_empty_cell, EMPTY_CELL};
use xxgk_model::{BBox, Block, Document, Flag, Format, Grid, GridCell, Line, Page, SourceHints};

pub use crate::encoding::looks_like_text;

/// Decode text bytes (BOM, UTF-16 NUL pattern, UTF-8, else detection).
pub fn decode(bytes: &[u8]) -> (String, &'static encoding_rs::Encoding) {
    let d = encoding::decode_text(bytes);
    (d.text, d.encoding)
}

/// Most single-field lines allowed between two multi-field lines of one aligned table.
const MAX_GAP: usize = 6;
/// A single-field line at least this wide (display columns) is prose, not a wrapped label.
const PROSE_WIDTH: usize = 44;
/// Two numeric columns closer than this, never both filled on one line, are one column
/// whose numbers were placed a little differently (centred numbers of different lengths).
const MERGE_GAP: usize = 4;

/// Most filled cells a tab-separated row of a report's tables has (table 四: a label and 15
/// values; a sheet's row with its headers beside it), with room to spare.
const MAX_TAB_CELLS: usize = 40;

/// Read a text file into a Document: one page per form-feed-separated part.
pub fn read(bytes: &[u8]) -> Result<Document, IngestError> {
    let decoded = encoding::decode_text(bytes);
    if decoded.text.trim().is_empty() {
        return Err(IngestError::unsupported("empty text file"));
    }
    if decoded.replacement_ratio() > 0.2 {
        return Err(IngestError::unsupported(format!(
            "text could not be decoded: {} of {} characters are invalid in {}",
            decoded.replacements,
            decoded.text.chars().count(),
            decoded.encoding.name()
        )));
    }
    let mut doc = Document::new(Format::Txt);
    doc.notes.extend(decoded.note());
    let text = decoded
        .text
        .strip_prefix('\u{feff}')
        .unwrap_or(&decoded.text);
    // Entities a crawler left when it stripped the tags (`&nbsp;0&nbsp;1`): the characters.
    let text = as_printed(&crate::escaped::decode_entities(text));
    // Inline tags a crawler's tag stripper missed (`(一) </span><span …> 予以公开`).
    let text = match crate::escaped::strip_inline_tags(&text) {
        std::borrow::Cow::Owned(stripped) => stripped,
        std::borrow::Cow::Borrowed(_) => text,
    };
    // A spreadsheet saved as CSV: its records as lines and tab-separated rows.
    let text = crate::csv_text::as_tab_lines(&text).unwrap_or(text);
    let (hints, text) = crawler_block(&text);
    doc.source = hints;
    // Lines a tool cut at a fixed length, inside a label or a run of digits: joined again.
    let text = crate::hard_wrap::rejoined(text);
    let markdown = is_markdown(&text);
    for (i, part) in text.split('\u{c}').enumerate() {
        let owned: Vec<std::borrow::Cow<str>> = part
            .lines()
            .map(|l| {
                let l = markdown_line(l);
                unescape(if markdown { numbers_listed(l) } else { l })
            })
            .collect();
        let lines: Vec<&str> = owned.iter().map(|l| l.as_ref()).collect();
        let blocks = layout(&lines);
        if blocks.is_empty() && i > 0 {
            continue;
        }
        doc.pages.push(Page {
            number: doc.pages.len() as u32 + 1,
            blocks,
            ..Page::default()
        });
    }
    Ok(doc)
}

/// The text as it prints: every line ending a `\n` (a lone `\r`, as old Mac files and some
/// exporters end lines, ends one as `\r\n` does) and no invisible characters (zero-width
/// spaces, soft hyphens: see [`xxgk_model::text::is_invisible`]; they take no column, so they
/// go before columns are measured).
fn as_printed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            c if xxgk_model::text::is_invisible(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A line without the Markdown that converters wrap around headings and titles: a leading
/// `#`… (a MediaWiki `==` on both sides), a whole line in `**…**` or `__…__`, and html2text's
/// `---` rule under a caption.
fn markdown_line(line: &str) -> &str {
    let t = line.trim();
    let t = if t.starts_with('#') {
        t.trim_start_matches('#').trim_start()
    } else if t.len() > 2 && t.starts_with('=') && t.ends_with('=') {
        // A MediaWiki heading: `== 一、总体情况 ==`.
        t.trim_matches('=').trim()
    } else {
        t
    };
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|x| x.strip_suffix(mark)) {
            if !inner.contains(mark) {
                return inner.trim();
            }
        }
    }
    if t.len() == line.trim().len() {
        line
    } else {
        t
    }
}

/// A line without Markdown's backslash escapes (`\-1`, `96171\.6`: markdown converters escape
/// what would start a list or end a sentence): a backslash before ASCII punctuation stands for
/// that character. `\|` stays, a pipe inside a pipe table's cell.
fn unescape(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('\\') {
        return line.into();
    }
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped = chars
            .peek()
            .is_some_and(|n| n.is_ascii_punctuation() && *n != '|');
        match chars.next_if(|_| c == '\\' && escaped) {
            Some(literal) => out.push(literal),
            None => out.push(c),
        }
    }
    out.into()
}

/// Most lines a crawler's metadata block may take (keys, notes, the separator).
const MAX_BLOCK_LINES: usize = 24;

/// Which hint a metadata key gives, if any (`None`: a key we know but do not keep).
fn hint_key(key: &str) -> Option<Option<u8>> {
    let k = key.trim().to_lowercase();
    Some(match k.as_str() {
        "标题" | "题目" | "title" => Some(0),
        "发布时间" | "发布日期" | "日期" | "时间" | "成文日期" | "date" | "published"
        | "publish_time" | "pubdate" | "time" => Some(1),
        "原文链接" | "链接" | "网址" | "原文地址" | "来源链接" | "页面地址" | "url" | "link"
        | "source_url" | "href" => Some(2),
        "文号" | "发布机构" | "发文机关" | "来源" | "栏目" | "本地目录" | "作者" | "索引号"
        | "分类" | "主题分类" | "source" | "author" | "category" | "column" | "agency" => {
            None
        }
        _ => return None,
    })
}

/// A separator line such as `==================== 正文 ====================` or `-----`.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    let marks = t
        .chars()
        .filter(|c| matches!(c, '=' | '-' | '*' | '#'))
        .count();
    marks >= 6 && t.chars().count() <= marks + 6
}

/// Split a crawler's metadata block (at least two known `key: value` lines at the top) off
/// the text. Lines after the keys up to a separator line (`==== 正文 ====`) belong to the
/// block too; without a separator only the key lines are taken.
fn crawler_block(text: &str) -> (SourceHints, &str) {
    let mut hints = SourceHints::default();
    let mut keys = 0;
    let mut key_end = 0; // byte offset after the last key line
    let mut cut = None;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        if n >= MAX_BLOCK_LINES {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        if is_separator(line) {
            if keys >= 2 {
                cut = Some(offset);
            }
            break;
        }
        let kv = line
            .split_once([':', '：'])
            .and_then(|(k, v)| hint_key(k).map(|h| (h, v.trim())));
        match kv {
            Some((which, value)) => {
                keys += 1;
                key_end = offset;
                let value = (!value.is_empty()).then(|| value.to_string());
                match which {
                    Some(0) => hints.title = hints.title.take().or(value),
                    Some(1) => hints.published = hints.published.take().or(value),
                    Some(2) => hints.url = hints.url.take().or(value),
                    _ => {}
                }
            }
            None if keys == 0 => return (SourceHints::default(), text),
            None => {}
        }
    }
    if keys < 2 {
        return (SourceHints::default(), text);
    }
    (hints, &text[cut.unwrap_or(key_end)..])
}

/// What one line of text is.
enum Kind {
    Blank,
    /// A line of no-break spaces alone (`&nbsp;`, PyMuPDF's and BeautifulSoup's text of a
    /// table cell left empty): the converter wrote an empty cell, not a paragraph break.
    EmptyCell,
    Tab,
    Pipe,
    /// A Markdown rule line `|---|---|`.
    PipeRule,
    /// Fields separated by two or more spaces (one field: a plain line).
    Fields(Vec<Field>),
}

/// Lines of a no-break space with a blank line right before and right after them are spacer
/// paragraphs (`<p>&nbsp;</p><p>&nbsp;</p>` between a CMS page's paragraphs and tables, as
/// BeautifulSoup's text writes them), not cells: a converter writes a table's cells on
/// consecutive lines, among its other cells.
fn spacers_are_blank(kinds: &mut [Kind]) {
    let blank = |k: Option<&Kind>| matches!(k, None | Some(Kind::Blank));
    let mut i = 0;
    while i < kinds.len() {
        if !matches!(kinds[i], Kind::EmptyCell) {
            i += 1;
            continue;
        }
        let end = (i..kinds.len())
            .find(|&j| !matches!(kinds[j], Kind::EmptyCell))
            .unwrap_or(kinds.len());
        let before = i.checked_sub(1).and_then(|j| kinds.get(j));
        if blank(before) && blank(kinds.get(end)) {
            kinds[i..end].fill_with(|| Kind::Blank);
        }
        i = end;
    }
}

/// A run of text on a line and where it sits, in characters and in display columns.
#[derive(Debug, Clone)]
struct Field {
    text: String,
    chars: (usize, usize),
    width: (usize, usize),
    numeric: bool,
    /// A value split off the end of a label by one space (`不 10`): its position says where
    /// the label ended, not which column it is.
    glued: bool,
}

fn kind(line: &str) -> Kind {
    let t = line.trim();
    if t.is_empty() {
        return if is_empty_cell(line) {
            Kind::EmptyCell
        } else {
            Kind::Blank
        };
    }
    // Tables drawn with box characters (w3m): `│` separates cells, `├──┼──┤` lines are rules.
    if t.starts_with(['│', '┃', '┌', '├', '└', '┏', '┣', '┗'])
        && t.chars().all(|c| is_box_drawing(c) || c == ' ')
    {
        return Kind::PipeRule;
    }
    if t.starts_with(['│', '┃']) && t.chars().count() > 1 {
        return Kind::Pipe;
    }
    let rule = t
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | '+') || c.is_whitespace());
    if t.starts_with('|') && t.len() > 1 {
        return if rule && t.contains('-') {
            Kind::PipeRule
        } else {
            Kind::Pipe
        };
    }
    // Tab-separated cells (a pipe table padded with tabs is a pipe table, above); a whole body
    // on one line with a tab between its paragraphs and cells (a crawler joining the page's text
    // with tabs) has more filled fields than any table has columns: words, as with spaces.
    // So is a sentence or a title whose spaces are tabs (`…办公室\t2019\t年政府信息公开…`).
    if line.contains('\t') {
        let filled: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect();
        let dated = filled
            .windows(2)
            .any(|w| is_value(w[0]) && goes_on_as_date(w[1]));
        if filled.len() > MAX_TAB_CELLS || dated {
            return Kind::Fields(fields(&line.replace('\t', " ")));
        }
        return Kind::Tab;
    }
    // html2text writes pipe tables without the outer pipes: `规章 | 1 | 0 | 11` and `---|---`.
    if rule && t.contains("---") && t.contains('|') {
        return Kind::PipeRule;
    }
    // A line whose only pipe ends it is no pipe row: OCR reads a table's right border as `|`
    // (`规章   ]   0   |`); html2text ends a row in a pipe only after an empty last cell
    // (`行政事业性收费| 3| -1|`), with the pipes between the cells before it.
    let border_only = t.ends_with('|') && t.matches('|').count() == 1;
    if spaced_pipe(t) && !border_only {
        return Kind::Pipe;
    }
    // A rule of dashes (pandoc's plain tables: `---------- ----------`, a Markdown `---`): no
    // row of dash cells, nothing at all.
    if t.len() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=') || c.is_whitespace())
    {
        return Kind::Blank;
    }
    // A list item (`-   首页`, pandoc's and markdown's bullets): its marker is no dash cell.
    if let Some(rest) = t.strip_prefix(['-', '*', '•', '+']) {
        if rest.starts_with(' ') && rest.trim_start().starts_with(|c: char| !c.is_ascii_digit()) {
            return Kind::Fields(fields(rest));
        }
    }
    Kind::Fields(fields(line))
}

/// Whether a pipe stands beside white space (`| 1`, `1 |`; the space may be a no-break or an
/// ideographic one, as a page's `&nbsp;` cells come out of an HTML→Markdown converter).
fn spaced_pipe(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '|'
            && (i > 0 && chars[i - 1].is_whitespace()
                || chars.get(i + 1).is_some_and(|n| n.is_whitespace()))
    })
}

/// A character of a table drawn with box lines (`│`, `├──┼──┤`: w3m, lynx).
pub(crate) fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// East Asian wide and full-width characters take two columns in a monospace view.
pub use xxgk_model::text::char_width;

/// Split a line into fields at runs of two or more spaces (an ideographic space in a run counts
/// as two; alone, as one).
fn fields(line: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let (mut ci, mut wi) = (0usize, 0usize);
    let mut cur: Option<Field> = None;
    let mut spaces = 0usize;
    let mut run_chars = 0usize;
    for c in line.chars() {
        let w = char_width(c);
        if c == ' ' || c == '\u{3000}' || c == '\u{a0}' {
            spaces += if c == '\u{3000}' { 2 } else { 1 };
            run_chars += 1;
        } else {
            // One ideographic space alone separates words (`1　1　0`, `2025-01-21　来源`), as
            // one ASCII space does; in a run it is as wide as two.
            if run_chars == 1 {
                spaces = spaces.min(1);
            }
            run_chars = 0;
            if spaces >= 2 {
                if let Some(f) = cur.take() {
                    out.push(f);
                }
            }
            match cur.as_mut() {
                Some(f) => {
                    for _ in 0..spaces.min(1) {
                        f.text.push(' ');
                    }
                    f.text.push(c);
                    f.chars.1 = ci + 1;
                    f.width.1 = wi + w;
                }
                None => {
                    cur = Some(Field {
                        text: c.to_string(),
                        chars: (ci, ci + 1),
                        width: (wi, wi + w),
                        numeric: false,
                        glued: false,
                    })
                }
            }
            spaces = 0;
        }
        ci += 1;
        wi += w;
    }
    out.extend(cur);
    let mut out = enumerators_apart(out);
    if out.len() >= 2 {
        out = out.into_iter().flat_map(split_values).collect();
    }
    // A year or a day in a sentence set with wide spaces (`编制了  2019  年度…`, a title
    // `…办公室  2019  年政府信息公开…`) is no value: the next field goes on with 年, 月 or 日.
    let dates: Vec<bool> = (0..out.len())
        .map(|i| {
            out.get(i + 1)
                .is_some_and(|next| goes_on_as_date(&next.text))
        })
        .collect();
    let valued = out
        .iter()
        .zip(&dates)
        .any(|(f, date)| !date && is_value(&f.text));
    for (i, f) in out.iter_mut().enumerate() {
        f.numeric = !dates[i] && (is_value(&f.text) || (valued && i > 0 && is_stand_in(&f.text)));
    }
    out
}

/// A row's enumerator set apart from its mark (`3   、其他   108 2 …`, `pdftotext -layout` of
/// Chromium's PDF of a page): a number of one or two digits, then a field opening with `、`,
/// `.` or `．` and an ideograph, is one field, the row's label. No value is followed by a
/// label that opens with an enumeration mark.
fn enumerators_apart(fields: Vec<Field>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::with_capacity(fields.len());
    for f in fields {
        let apart = out.last().is_some_and(|last| {
            (1..=2).contains(&last.text.len())
                && last.text.bytes().all(|b| b.is_ascii_digit())
                && f.text.starts_with(['、', '.', '．'])
                && f.text.chars().nth(1).is_some_and(xxgk_model::text::is_han)
        });
        match out.last_mut() {
            Some(last) if apart => {
                last.text.push_str(&f.text);
                last.chars.1 = f.chars.1;
                last.width.1 = f.width.1;
            }
            _ => out.push(f),
        }
    }
    out
}

/// Whether a field after a number makes it a year, a month or a day of a sentence (`2019`,
/// `年度…`), not a value.
fn goes_on_as_date(next: &str) -> bool {
    next.starts_with(['年', '月', '日'])
}

/// A mark OCR reads where a digit or a cell's border was printed (`]`, `|`, `l`, `O` …), alone
/// in a field after a line's first field, on a line that holds values: a value cell whose text is
/// not a number (read as `uncertain`, its raw text kept), never part of the row's label (where
/// its column would be read blank).
fn is_stand_in(text: &str) -> bool {
    let n = text.chars().count();
    (1..=2).contains(&n) && text.chars().all(|c| "]|[lI!iOo)(".contains(c))
}

fn is_value(text: &str) -> bool {
    matches!(classify_value(text), Some((Flag::Number | Flag::Dash, _)))
}

/// A field of a table line whose words end in values separated by single spaces is several
/// fields: `134 14` (lynx, pdftotext: two cells one space apart) is 134 and 14, never the
/// number 13414; `不 10` (a wrapped label's last line run into the first value) is the label
/// and 10. Each piece keeps its own position.
fn split_values(f: Field) -> Vec<Field> {
    // A `|` run into a field is a ruling OCR read as a character (`其他对外管理服务事项|23`):
    // it parts words as a space does.
    let words: Vec<(usize, &str)> = f
        .text
        .split([' ', '|'])
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.chars().count() + 1;
            Some((start, w))
        })
        .collect();
    let values = words.iter().rev().take_while(|(_, w)| is_value(w)).count();
    if words.len() < 2 || values == 0 {
        return vec![f];
    }
    // Offsets inside `text` are in characters; the field's own text has single spaces where
    // the line had single spaces, so character offsets map onto the line one to one.
    let first_value = words.len() - values;
    let mut pieces: Vec<(usize, String)> = Vec::new();
    if first_value > 0 {
        let label: Vec<&str> = words[..first_value].iter().map(|(_, w)| *w).collect();
        pieces.push((0, label.join(" ")));
    }
    pieces.extend(
        words[first_value..]
            .iter()
            .map(|(at, w)| (*at, w.to_string())),
    );
    let (mut ci, mut wi) = (f.chars.0, f.width.0);
    let mut consumed = 0usize;
    let chars: Vec<char> = f.text.chars().collect();
    pieces
        .into_iter()
        .map(|(at, text)| {
            for c in &chars[consumed..at] {
                ci += 1;
                wi += char_width(*c);
            }
            consumed = at;
            let n = text.chars().count();
            let w: usize = text.chars().map(char_width).sum();
            Field {
                glued: first_value > 0 && at > 0,
                text,
                chars: (ci, ci + n),
                width: (wi, wi + w),
                numeric: false,
            }
        })
        .collect()
}

/// A numbered section heading ("三、收到和处理…"): never part of a table.
fn is_heading(text: &str) -> bool {
    let t = text.trim();
    let numeral = t
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    numeral > 0 && t.chars().nth(numeral) == Some('、') && t.chars().count() >= numeral + 5
}

/// Markdown lines that another reader found (pandoc's gfm keeps a page's `<div>`s as raw HTML
/// around its Markdown, so the HTML reader meets the pipe tables as text): a line without its
/// heading marks, or the grid of a run of pipe rows.
pub(crate) fn markdown_blocks(lines: &[&str]) -> Vec<Block> {
    let pipe = |l: &str| matches!(kind(l), Kind::Pipe | Kind::PipeRule);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let end = (i..lines.len())
            .find(|&j| !pipe(lines[j]))
            .unwrap_or(lines.len());
        if end > i {
            blocks.extend(layout(&lines[i..end]));
            i = end;
            continue;
        }
        let text = markdown_line(lines[i]).trim();
        if !text.is_empty() && !is_link_item(text) {
            blocks.push(Block::Line(Line::plain(text)));
        }
        i += 1;
    }
    blocks
}

/// Whether text is Markdown: it holds a pipe table or a `#` heading.
fn is_markdown(text: &str) -> bool {
    has_pipe_table(text)
        || text
            .lines()
            .any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("### "))
}

/// Fewest numbers after a list marker that make the item a row of values.
const LISTED_NUMBERS: usize = 3;

/// A Markdown list item whose text is a row of numbers (`- 1 0 0 0 1 0 0 …`: pymupdf4llm sets
/// table 四's value line as an item): the numbers, without the marker. In Markdown a `- `
/// starting a line is a bullet whatever follows, never a dash cell; a page number (`- 2 -`)
/// is no row of numbers.
fn numbers_listed(line: &str) -> &str {
    let t = line.trim_start();
    let Some(rest) = t.strip_prefix(['-', '*', '+']) else {
        return line;
    };
    let numbers = rest
        .split_whitespace()
        .all(|w| matches!(classify_value(w), Some((Flag::Number, _))));
    if rest.starts_with(' ') && numbers && rest.split_whitespace().count() >= LISTED_NUMBERS {
        rest.trim_start()
    } else {
        line
    }
}

/// A line that is one Markdown link, or a list item of one (`- [首页](/0/)`): the page's
/// navigation, which the HTML reader drops as a link list when it sees the links as links.
fn is_link_item(line: &str) -> bool {
    let t = line.trim();
    let t = t
        .strip_prefix(['-', '*', '+'])
        .map_or(t, |rest| rest.trim_start());
    t.starts_with('[')
        && t.ends_with(')')
        && t.find("](").is_some_and(|i| !t[i + 2..].contains(' '))
}

/// Whether text holds a Markdown pipe table: a `|---|` rule line after a line starting with
/// `|`.
pub(crate) fn has_pipe_table(text: &str) -> bool {
    let mut after_row = false;
    for line in text.lines() {
        let k = kind(line);
        if after_row && matches!(k, Kind::PipeRule) && line.trim_start().starts_with('|') {
            return true;
        }
        after_row = matches!(k, Kind::Pipe) && line.trim_start().starts_with('|');
    }
    false
}

fn layout(lines: &[&str]) -> Vec<Block> {
    let mut kinds: Vec<Kind> = lines.iter().map(|l| kind(l)).collect();
    spacers_are_blank(&mut kinds);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some((end, grids)) = html_table(lines, i) {
            blocks.extend(grids.into_iter().map(Block::Grid));
            i = end;
            continue;
        }
        if let Some((end, html)) = crate::markup_tables::wiki_table(lines, i) {
            if let Some(grids) = grids_of_html(&html) {
                blocks.extend(grids.into_iter().map(Block::Grid));
                i = end;
                continue;
            }
        }
        if let Some((end, grid)) = crate::markup_tables::grid_table(lines, i) {
            blocks.push(Block::Grid(grid));
            i = end;
            continue;
        }
        if let Some((end, grid)) = crate::markup_tables::asciidoc_table(lines, i) {
            match grid {
                Some(grid) => blocks.push(Block::Grid(grid)),
                // Rows not told apart: the cells as lines of text, never a line as a row.
                None => blocks.extend(
                    lines[i + 1..end - 1]
                        .iter()
                        .map(|l| crate::markup_tables::asciidoc_line(l))
                        .filter(|t| !t.is_empty())
                        .map(|t| Block::Line(Line::plain(t))),
                ),
            }
            i = end;
            continue;
        }
        match &kinds[i] {
            Kind::Blank => i += 1,
            Kind::EmptyCell => {
                blocks.push(Block::Line(Line::plain(EMPTY_CELL)));
                i += 1;
            }
            Kind::Tab => {
                let mut rows: Vec<Vec<GridCell>> = Vec::new();
                while i < lines.len() && matches!(kinds[i], Kind::Tab | Kind::Blank) {
                    if matches!(kinds[i], Kind::Tab) {
                        rows.push(
                            lines[i]
                                .split('\t')
                                .map(|f| GridCell::text(f.trim()))
                                .collect(),
                        );
                    }
                    i += 1;
                }
                // Lines with one filled field each are lines, not a table: a lone
                // "一、总体情况\t", or text indented with tabs (Chromium's `textContent` of a
                // page keeps the tabs of the page's source before every cell).
                let indented = rows
                    .iter()
                    .all(|r| r.iter().filter(|c| !c.text.is_empty()).count() <= 1);
                if indented {
                    for row in &rows {
                        let text = row.iter().map(|c| c.text.as_str()).collect::<String>();
                        if !text.is_empty() {
                            blocks.push(Block::Line(Line::plain(text)));
                        }
                    }
                } else {
                    blocks.push(Block::Grid(Grid { rows, bbox: None }));
                }
            }
            Kind::Pipe | Kind::PipeRule => {
                let mut rows: Vec<Vec<GridCell>> = Vec::new();
                while i < lines.len() && matches!(kinds[i], Kind::Pipe | Kind::PipeRule) {
                    if matches!(kinds[i], Kind::Pipe) {
                        rows.push(pipe_cells(lines[i]));
                    }
                    i += 1;
                }
                if rows.len() >= 2 {
                    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                    for r in &mut rows {
                        r.resize(width, GridCell::text(""));
                    }
                    let after = rows.last_mut().and_then(|r| bold_paragraph_merged(r));
                    blocks.push(Block::Grid(Grid { rows, bbox: None }));
                    blocks.extend(after.map(|text| Block::Line(Line::plain(text))));
                } else {
                    // One row alone (a title a converter put in a one-row table): its text.
                    blocks.extend(rows.iter().map(|r| {
                        let texts: Vec<&str> = r
                            .iter()
                            .map(|c| c.text.as_str())
                            .filter(|t| !t.is_empty())
                            .collect();
                        Block::Line(Line::plain(texts.join(" ")))
                    }));
                }
            }
            Kind::Fields(f) if f.len() >= 2 => {
                let end = aligned_end(&kinds, i);
                let rows: Vec<&Vec<Field>> = kinds[i..end]
                    .iter()
                    .filter_map(|k| match k {
                        Kind::Fields(f) => Some(f),
                        _ => None,
                    })
                    .collect();
                let multi = rows.iter().filter(|f| f.len() >= 2).count();
                let aligned = multi >= 2 && !joined(&lines[i..end]);
                match aligned.then(|| aligned_grid(&rows)).flatten() {
                    Some(grid) => blocks.push(Block::Grid(grid)),
                    None => blocks.extend(
                        (i..end)
                            .filter(|&k| !lines[k].trim().is_empty())
                            .map(|k| Block::Line(plain_line(lines, k))),
                    ),
                }
                i = end;
            }
            Kind::Fields(_) => {
                blocks.push(Block::Line(plain_line(lines, i)));
                i += 1;
            }
        }
    }
    blocks
}

/// Most separators of one width a block of text joined with a fixed separator may not have
/// before it is taken for aligned text anyway: below this, equal gaps can be chance.
const JOINED_MIN_GAPS: usize = 4;

/// Whether a block of fields is text joined with one fixed separator (every run of two or more
/// spaces between its fields as wide as every other: RapidOCR's boxes of a line written with
/// two spaces between them), not aligned text: where a field sits then says how long the
/// fields before it are, not which column it is, so an empty slot says nothing and the lines
/// are read as lines. Aligned text (`pdftotext -layout`, a dump set for a monospace view) pads
/// each label to its column, so its gaps differ.
fn joined(lines: &[&str]) -> bool {
    let mut gaps = lines.iter().flat_map(|l| separators(l.trim()));
    let Some(first) = gaps.next() else {
        return false;
    };
    let mut count = 1;
    for g in gaps {
        if g != first {
            return false;
        }
        count += 1;
    }
    count >= JOINED_MIN_GAPS
}

/// The widths of the runs of spaces that separate fields on a line (two or more columns: a
/// space is one, an ideographic space two, but one alone separates words as a space does), as
/// [`fields`] cuts them.
fn separators(line: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut width, mut chars) = (0usize, 0usize);
    for c in line.chars() {
        match c {
            ' ' | '\u{a0}' => width += 1,
            '\u{3000}' => width += 2,
            _ => {
                if chars == 1 {
                    width = width.min(1);
                }
                if width >= 2 {
                    out.push(width);
                }
                (width, chars) = (0, 0);
                continue;
            }
        }
        chars += 1;
    }
    out
}

/// Line `i` as a line of the document, marked when a blank line came right before it (a
/// paragraph break: pdfminer.six writes one after every text box, `parser::boxes` reads them).
fn plain_line(lines: &[&str], i: usize) -> Line {
    Line {
        after_break: i > 0 && lines[i - 1].trim().is_empty(),
        ..Line::plain(lines[i].trim())
    }
}

/// A raw HTML table starting at line `start` (`<table…>` in Markdown, as pandoc writes tables
/// with merged cells): one past its last line and its grids, read by the HTML reader (spans
/// and all). `None` when the line starts no table or the block does not close.
fn html_table(lines: &[&str], start: usize) -> Option<(usize, Vec<Grid>)> {
    let opens = |l: &str| l.to_ascii_lowercase().matches("<table").count();
    let closes = |l: &str| l.to_ascii_lowercase().matches("</table>").count();
    if !lines[start]
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("<table")
    {
        return None;
    }
    let mut depth = 0usize;
    for (j, line) in lines.iter().enumerate().skip(start) {
        depth += opens(line);
        depth = depth.saturating_sub(closes(line));
        if depth == 0 {
            return Some((j + 1, grids_of_html(&lines[start..=j].join("\n"))?));
        }
    }
    None
}

/// The grids of a table written as HTML, read by the HTML reader (spans and all).
fn grids_of_html(html: &str) -> Option<Vec<Grid>> {
    let doc = crate::html::read(html.as_bytes()).ok()?;
    let grids: Vec<Grid> = doc.grids().cloned().collect();
    (!grids.is_empty()).then_some(grids)
}

/// One past the last line of the aligned table starting at `start` (a multi-field line).
fn aligned_end(kinds: &[Kind], start: usize) -> usize {
    let mut end = start + 1;
    let mut j = start + 1;
    let mut gap = 0;
    while j < kinds.len() {
        match &kinds[j] {
            Kind::Blank | Kind::EmptyCell => {}
            Kind::Fields(f) if f.len() >= 2 => {
                end = j + 1;
                gap = 0;
            }
            Kind::Fields(f) => {
                gap += 1;
                let stop = f
                    .first()
                    .is_some_and(|f| is_heading(&f.text) || f.width.1 - f.width.0 >= PROSE_WIDTH);
                if gap > MAX_GAP || stop {
                    break;
                }
            }
            _ => break,
        }
        j += 1;
    }
    end
}

fn pipe_cells(line: &str) -> Vec<GridCell> {
    let boxed = line.replace(['│', '┃', '├', '┤', '┼', '┣', '┫', '╋'], "|");
    let t = boxed.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(GridCell::text(std::mem::take(&mut cur).trim())),
            _ => cur.push(c),
        }
    }
    cells.push(GridCell::text(cur.trim()));
    // `<br>` in a Markdown cell is a line break inside the cell; a drawn rule inside a row
    // (`├──┬──┤` where a spanning cell ends) is no text.
    for c in &mut cells {
        if c.text.chars().all(|ch| is_box_drawing(ch) || ch == ' ') {
            c.text.clear();
        }
        if c.text.contains('<') {
            let t = BR.iter().fold(c.text.clone(), |t, br| t.replace(br, "\n"));
            c.text = t.trim().to_string();
        }
    }
    cells
}

/// The bold paragraph after a table that a converter merged into the table's last row, cut
/// into its cells by position (pymupdf4llm: `|四、结转下<br>继续办理<br>**四、政府信**|年度<br>
/// **息公开**|10<br>3<br>**行政复**|…`): the cells' last lines wholly bold, in two cells or
/// more, each under a line of the cell's own. They are taken out of the cells and returned as
/// one text, the cells' pieces in order (`四、政府信息公开行政复议、行政诉讼情况`).
fn bold_paragraph_merged(row: &mut [GridCell]) -> Option<String> {
    let bold = |l: &str| {
        let l = l.trim();
        l.len() > 4 && l.starts_with("**") && l.ends_with("**")
    };
    let tails: Vec<usize> = row
        .iter()
        .map(|c| {
            let lines: Vec<&str> = c.text.lines().collect();
            let own = lines.iter().rposition(|l| !bold(l)).map_or(0, |i| i + 1);
            lines.len() - own
        })
        .collect();
    let with_tail = tails.iter().filter(|&&n| n > 0).count();
    let under_own = row
        .iter()
        .zip(&tails)
        .all(|(c, &n)| n == 0 || c.text.lines().count() > n);
    if with_tail < 2 || !under_own {
        return None;
    }
    let mut text = String::new();
    for (cell, &n) in row.iter_mut().zip(&tails) {
        if n == 0 {
            continue;
        }
        let lines: Vec<&str> = cell.text.lines().collect();
        let keep = lines.len() - n;
        for l in &lines[keep..] {
            text.push_str(l.trim().trim_matches('*'));
        }
        cell.text = lines[..keep].join("\n");
    }
    Some(text)
}

/// How converters write a line break inside a Markdown table cell.
const BR: [&str; 6] = ["<br />", "<br/>", "<br>", "<BR />", "<BR/>", "<BR>"];

/// Which position measure to use.
#[derive(Clone, Copy)]
enum Measure {
    Chars,
    Width,
}

fn span(f: &Field, m: Measure) -> (usize, usize) {
    match m {
        Measure::Chars => f.chars,
        Measure::Width => f.width,
    }
}

/// Numeric columns: clusters of overlapping numeric-field spans, left to right.
fn clusters(rows: &[&Vec<Field>], m: Measure) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = rows
        .iter()
        .flat_map(|r| r.iter())
        .filter(|f| f.numeric && !f.glued)
        .map(|f| span(f, m))
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    // Merge close neighbours that no line fills both of, closest first.
    loop {
        let filled: Vec<Vec<bool>> = rows
            .iter()
            .map(|r| {
                let mut seen = vec![false; out.len()];
                for f in r.iter().filter(|f| f.numeric) {
                    let sp = span(f, m);
                    if let Some(i) = out.iter().position(|c| overlap(sp, *c) > 0) {
                        seen[i] = true;
                    }
                }
                seen
            })
            .collect();
        let candidate = (1..out.len())
            .filter(|&i| out[i].0.saturating_sub(out[i - 1].1) < MERGE_GAP)
            .filter(|&i| !filled.iter().any(|s| s[i - 1] && s[i]))
            .min_by_key(|&i| out[i].0.saturating_sub(out[i - 1].1));
        match candidate {
            Some(i) => {
                out[i - 1].1 = out[i].1;
                out.remove(i);
            }
            None => break,
        }
    }
    out
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// The cluster a field belongs to: the one it overlaps most, else the nearest; `None` for the
/// label area (left of the first cluster).
fn column_of(f: (usize, usize), cols: &[(usize, usize)]) -> Option<usize> {
    let best = cols
        .iter()
        .enumerate()
        .map(|(i, c)| (overlap(f, *c), i))
        .max()
        .filter(|(o, _)| *o > 0)
        .map(|(_, i)| i);
    if best.is_some() {
        return best;
    }
    let first = cols.first()?;
    if f.1 <= first.0 {
        return None;
    }
    let center = f.0 + f.1;
    cols.iter()
        .enumerate()
        .min_by_key(|(_, c)| (c.0 + c.1).abs_diff(center))
        .map(|(i, _)| i)
}

/// Fields that fall into a column already holding a numeric field of their line (a number, or
/// a label pushed right of the label area next to one): the sign of a bad measure.
fn collisions(rows: &[&Vec<Field>], cols: &[(usize, usize)], m: Measure) -> usize {
    rows.iter()
        .map(|r| {
            let mut count = vec![0usize; cols.len()];
            let mut numeric = vec![false; cols.len()];
            for f in r.iter() {
                if let Some(c) = column_of(span(f, m), cols) {
                    count[c] += 1;
                    numeric[c] |= f.numeric;
                }
            }
            count
                .iter()
                .zip(&numeric)
                .filter(|(_, num)| **num)
                .map(|(n, _)| n.saturating_sub(1))
                .sum::<usize>()
        })
        .sum()
}

/// A line whose positions do not say its columns (a value glued to its label, two fields in one
/// column): its label (the text fields) and its values in order, with no empty cell between
/// them (an empty slot would claim a blank column), padded with empty cells at the end.
fn positionless_row(fields: &[Field], width: usize) -> Vec<GridCell> {
    let label: Vec<&Field> = fields.iter().filter(|f| !f.numeric).collect();
    let texts: Vec<&str> = label.iter().map(|f| f.text.as_str()).collect();
    let mut cells = vec![GridCell {
        bbox: text_span(label.iter().copied()),
        ..GridCell::text(texts.join(" "))
    }];
    cells.extend(fields.iter().filter(|f| f.numeric).map(|f| GridCell {
        bbox: text_span([f]),
        ..GridCell::text(f.text.clone())
    }));
    while cells.len() < width {
        cells.push(GridCell::text(""));
    }
    cells
}

/// Where a cell's fields sit on their line, for readers that compare a value's place with a
/// header's (`pdftotext -layout`): a cell of aligned text has no page coordinates, so its box
/// holds its place on the line in both measures — `x0..x1` in characters, `y0..y1` in display
/// columns (which one a converter kept is not known here: each block of lines may be cut by
/// another). The parser keeps these apart from located cells.
fn text_span<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Option<BBox> {
    fields
        .into_iter()
        .map(|f| (f.chars, f.width))
        .reduce(|(c, w), (c2, w2)| {
            (
                (c.0.min(c2.0), c.1.max(c2.1)),
                (w.0.min(w2.0), w.1.max(w2.1)),
            )
        })
        .map(|(c, w)| BBox::new(c.0 as f64, w.0 as f64, c.1 as f64, w.1 as f64))
}

/// An aligned table as a grid, or `None` when it has no numeric column.
fn aligned_grid(rows: &[&Vec<Field>]) -> Option<Grid> {
    type Choice = ((usize, usize), Measure, Vec<(usize, usize)>);
    let mut best: Option<Choice> = None;
    for m in [Measure::Width, Measure::Chars] {
        let cols = clusters(rows, m);
        if cols.is_empty() {
            continue;
        }
        let score = (collisions(rows, &cols, m), cols.len());
        if best.as_ref().is_none_or(|b| score < b.0) {
            best = Some((score, m, cols));
        }
    }
    let (_, m, cols) = best?;
    let grid_rows = rows
        .iter()
        .map(|fields| {
            let mut cells = vec![String::new(); cols.len() + 1];
            let mut numeric = vec![false; cols.len() + 1];
            let mut placed: Vec<Vec<&Field>> = vec![Vec::new(); cols.len() + 1];
            let mut shared = false;
            for f in fields.iter() {
                let slot = column_of(span(f, m), &cols).map_or(0, |c| c + 1);
                if !cells[slot].is_empty() {
                    cells[slot].push(' ');
                    shared |= f.numeric || numeric[slot];
                }
                numeric[slot] |= f.numeric;
                cells[slot].push_str(&f.text);
                placed[slot].push(f);
            }
            if shared || fields.iter().any(|f| f.glued) {
                return positionless_row(fields, cols.len() + 1);
            }
            cells
                .into_iter()
                .zip(placed)
                .map(|(text, fs)| GridCell {
                    bbox: text_span(fs),
                    ..GridCell::text(text)
                })
                .collect()
        })
        .collect();
    Some(Grid {
        rows: grid_rows,
        bbox: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grids(doc: &Document) -> Vec<&Grid> {
        doc.grids().collect()
    }

    fn texts(row: &[GridCell]) -> Vec<&str> {
        row.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn text_joined_with_one_fixed_separator_is_lines_not_an_aligned_table() {
        // RapidOCR's boxes of a line, two spaces between them: `规章  0  11` lost its first
        // value (`1  0  11`), and its fields sit where the label's length put them.
        let joined = "信息内容  本年制发件数  本年废止件数  现行有效件数\n规章  0  11\n行政规范性文件  8  26  66\n";
        let doc = read(joined.as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        // The same rows aligned: the empty slot under 现行有效件数 is a column of the grid.
        let aligned = "信息内容        本年制发件数  本年废止件数  现行有效件数\n规章                 1             0\n行政规范性文件       8            26            66\n";
        let doc = read(aligned.as_bytes()).unwrap();
        let grid = grids(&doc)[0];
        assert_eq!(texts(&grid.rows[1]), ["规章", "1", "0", ""]);
        assert_eq!(separators("1　1　0  2"), [2]);
    }

    #[test]
    fn crawler_metadata_is_a_hint_not_body_text() {
        let text = "标题: 某区2022年政府信息公开工作年度报告\n发布时间: 2023-02-20 15:07\n文号: \n原文链接: https://example.gov.cn/a.htm\n页面链接与图片详见 links.tsv\n==== 正文 ====\n一、总体情况\n";
        let doc = read(text.as_bytes()).expect("text");
        assert_eq!(
            doc.source.title.as_deref(),
            Some("某区2022年政府信息公开工作年度报告")
        );
        assert_eq!(doc.source.published.as_deref(), Some("2023-02-20 15:07"));
        assert_eq!(
            doc.source.url.as_deref(),
            Some("https://example.gov.cn/a.htm")
        );
        let Some(Block::Line(first)) = doc.pages[0].blocks.first() else {
            panic!("a line")
        };
        assert_eq!(first.text, "一、总体情况");
        // One key line alone is prose.
        let doc = read("标题: 一二三\n一、总体情况\n".as_bytes()).expect("text");
        assert!(doc.source.title.is_none());
    }

    /// pdfminer.six's boxes (`本年制发件数 / 2 / 20`, a blank line after each): a line after a
    /// blank one is marked, the lines inside a box are not.
    #[test]
    fn a_line_after_a_blank_line_starts_a_paragraph() {
        let doc =
            read("第二十条 第（一）项\n\n本年制发件数\n2\n20\n\n本年废止件数\n1\n".as_bytes())
                .expect("text");
        let marks: Vec<(&str, bool)> = doc.pages[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some((l.text.as_str(), l.after_break)),
                Block::Grid(_) => None,
            })
            .collect();
        assert_eq!(
            marks,
            [
                ("第二十条 第（一）项", false),
                ("本年制发件数", true),
                ("2", false),
                ("20", false),
                ("本年废止件数", true),
                ("1", false),
            ]
        );
    }

    /// The texts of the first page's lines.
    fn line_texts(doc: &Document) -> Vec<&str> {
        doc.pages[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                Block::Grid(_) => None,
            })
            .collect()
    }

    /// PyMuPDF's text of a page whose empty cells hold `&nbsp;`: each such cell is a line of
    /// one no-break space. It is kept, as one blank cell; a line of plain spaces is a blank
    /// line, as before.
    #[test]
    fn a_line_of_a_no_break_space_is_a_cell_written_empty() {
        let doc = read("一、本年新收政府信息公开申请数量\n10\n\u{a0}\n \n\u{a0} \n1\n".as_bytes())
            .expect("text");
        let lines = line_texts(&doc);
        assert_eq!(
            lines,
            [
                "一、本年新收政府信息公开申请数量",
                "10",
                EMPTY_CELL,
                EMPTY_CELL,
                "1"
            ]
        );
        assert!(matches!(kind("   "), Kind::Blank));
        assert!(matches!(kind("\u{3000}"), Kind::Blank));
        // Spacer paragraphs (`<p>&nbsp;</p><p>&nbsp;</p>` between a page's paragraphs, with a
        // blank line on both sides of the run): no cells.
        let doc = read("正文一段。\n\n\u{a0}\n\u{a0}\n\n正文二段。\n".as_bytes()).expect("text");
        let lines = line_texts(&doc);
        assert_eq!(lines, ["正文一段。", "正文二段。"]);
    }

    #[test]
    fn tab_rows_form_one_grid_across_blank_lines() {
        let doc = read("标题\n\na\t1\t2\n\nb\t3\t4\n结尾\n".as_bytes()).unwrap();
        let g = grids(&doc);
        assert_eq!(g.len(), 1);
        assert_eq!(texts(&g[0].rows[1]), ["b", "3", "4"]);
    }

    #[test]
    fn an_enumerator_set_apart_from_its_mark_is_the_label_s_start() {
        // pdftotext -layout of Chromium's PDF of huaian-2024.mht: `3   、其他` (truth: the row
        // 3、其他 prints 108 2 0 0 0 0 110).
        let texts =
            |line: &str| -> Vec<String> { fields(line).into_iter().map(|f| f.text).collect() };
        assert_eq!(
            texts("      3   、其他      108 2   0   0   0   0 110"),
            ["3、其他", "108", "2", "0", "0", "0", "0", "110"]
        );
        // A value before a label that opens with no mark stays a value.
        assert_eq!(texts("  12   其他   3"), ["12", "其他", "3"]);
    }

    #[test]
    fn text_forms_of_line_ends_spaces_and_rules() {
        // Old-Mac line ends: a lone `\r` ends a line.
        let doc = read("一、总体情况\r正文。\r二、主动公开政府信息情况\r".as_bytes()).unwrap();
        assert_eq!(doc.pages[0].blocks.len(), 3);
        // One ideographic space between values is one space, not a column gap.
        assert_eq!(fields("1\u{3000}1\u{3000}0").len(), 1);
        assert_eq!(fields("1\u{3000}\u{3000}1").len(), 2);
        // A separator row of a pipe table whose padding is tabs is a rule, not dash cells.
        assert!(matches!(kind("|---|\t|---|"), Kind::PipeRule));
    }

    #[test]
    fn a_lone_tab_line_is_a_line() {
        let doc = read("一、总体情况\t\n正文。\n".as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        assert!(matches!(&doc.pages[0].blocks[0], Block::Line(l) if l.text == "一、总体情况"));
        // Chromium's textContent of LibreOffice's HTML of huaian-2024.odt: every cell on a line
        // of its own, indented with the page source's tabs. Lines, in order, not a grid.
        let doc = read("\t\t\t规章\n\t\t\n\t\t\t1\n\t\t\n\t\t\t0\n\t\t\t11\n".as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        let texts: Vec<&str> = doc.pages[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Line(l) => Some(l.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["规章", "1", "0", "11"]);
    }

    #[test]
    fn markdown_escapes_are_the_characters_they_escape() {
        // mammoth's Markdown of huaian-2024.doc: `\-1` and `96171\.6`.
        assert_eq!(unescape(r"\-1"), "-1");
        assert_eq!(unescape(r"96171\.6"), "96171.6");
        assert_eq!(unescape(r"a \| b"), r"a \| b");
        assert_eq!(unescape(r"C:\文件"), r"C:\文件");
        assert_eq!(unescape(r"\\-"), r"\-");
    }

    #[test]
    fn pipe_tables() {
        let doc = read(
            "| 信息内容 | 本年制发件数 |\n|---|:--:|\n| 规章 | 1 |\n| a\\|b |  |\n".as_bytes(),
        )
        .unwrap();
        let g = grids(&doc);
        assert_eq!(g[0].rows.len(), 3);
        assert_eq!(texts(&g[0].rows[1]), ["规章", "1"]);
        assert_eq!(texts(&g[0].rows[2]), ["a|b", ""]);
    }

    /// html2text's rows without outer pipes, a cell opening with a page's `&nbsp;`.
    #[test]
    fn pipes_beside_no_break_spaces_are_pipe_rows() {
        let doc = read("信息内容|\u{a0}本年制发件数\n---|---\n规章|\u{a0}1\n".as_bytes()).unwrap();
        let g = grids(&doc);
        assert_eq!(texts(&g[0].rows[1]), ["规章", "1"]);
        assert!(!spaced_pipe("a|b"));
        assert!(spaced_pipe("a\u{3000}|b"));
    }

    #[test]
    fn a_year_in_a_sentence_set_with_wide_spaces_is_no_value() {
        let text = "\
聊城市人民政府外事办公室  2019  年政府信息公开工作年度报告

根据《2019  年政务公开工作要点》，我办编制了  2019  年度报告。
";
        let doc = read(text.as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        // A value before a label that does not go on with 年/月/日 is still a value.
        let doc = read("规章  1   行政规范性文件  8\n规章   2  其他  9\n".as_bytes()).unwrap();
        assert_eq!(grids(&doc).len(), 1);
    }

    #[test]
    fn aligned_columns_by_display_width_keep_blanks_in_place() {
        // Aligned for a monospace view: CJK characters are two columns wide.
        let text = "\
信息内容        本年制发件数  本年废止件数  现行有效件数
规章                       1                        11
行政规范性文件             8            26          66
";
        let doc = read(text.as_bytes()).unwrap();
        let g = grids(&doc)[0];
        assert_eq!(texts(&g.rows[1]), ["规章", "1", "", "11"]);
        // Each cell's place on its line, in characters (x) and display columns (y); none for
        // an empty slot.
        assert_eq!(g.rows[1][1].bbox, Some(BBox::new(25.0, 27.0, 26.0, 28.0)));
        assert_eq!(g.rows[1][0].bbox, Some(BBox::new(0.0, 0.0, 2.0, 4.0)));
        assert_eq!(g.rows[1][2].bbox, None);
        assert_eq!(texts(&g.rows[2]), ["行政规范性文件", "8", "26", "66"]);
        assert_eq!(texts(&g.rows[0])[0], "信息内容");
    }

    #[test]
    fn ocr_marks_in_value_cells_are_cells_not_label_or_blank() {
        // Tesseract's text of huaian-2024's scan: the `1` under 本年制发件数 read as `]`, the
        // `11` lost and the table's right border read as `|`. Neither is a pipe table, and the
        // `]` is no part of the label: its cell is not read as blank.
        let text = "\
信息内容                                  本年制发件数         本年废止件数         现行有效件数
规章                                        ]                       0                    |
行政规范性文件                                   8                              26                       66
";
        let doc = read(text.as_bytes()).unwrap();
        let g = grids(&doc)[0];
        let regulation = texts(&g.rows[1]);
        assert_eq!(regulation[0], "规章");
        assert!(regulation.contains(&"]"), "{regulation:?}");
        assert!(regulation.contains(&"0"), "{regulation:?}");
        // A ruling OCR read as `|` between a label and its first value parts them as a space
        // would (v2019-html's scan through `tesseract -l chi_sim`): the row has three values,
        // not a label `…事项|23` and two values that fell into the wrong columns.
        let text = "\
信息内容                    上一年项目数量|本年增/减         处理决定数量
行政许可                 95                -                 10714
其他对外管理服务事项|23            0              24
";
        let doc = read(text.as_bytes()).unwrap();
        let rows: Vec<Vec<&str>> = grids(&doc)[0].rows.iter().map(|r| texts(r)).collect();
        let values = |label: &str| -> Vec<&str> {
            let row = rows.iter().find(|r| r[0] == label).unwrap();
            row[1..].iter().copied().filter(|t| !t.is_empty()).collect()
        };
        assert_eq!(
            values("其他对外管理服务事项"),
            ["23", "0", "24"],
            "{rows:?}"
        );
        // html2text's rows end in a pipe after an empty last cell: still a pipe table.
        let text = "信息内容| 上一年项目数量| 本年增/减|   \n行政事业性收费| 3| -1|   \n";
        let doc = read(text.as_bytes()).unwrap();
        assert_eq!(
            texts(&grids(&doc)[0].rows[1]),
            ["行政事业性收费", "3", "-1"]
        );
    }

    #[test]
    fn prose_with_a_heading_stays_lines() {
        let text = "三、收到和处理政府信息公开申请情况\n  本年共受理申请 3119 件，答复 3050 件。\n";
        let doc = read(text.as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        assert_eq!(doc.pages[0].blocks.len(), 2);
    }

    #[test]
    fn values_one_space_apart_are_separate_cells() {
        // lynx and pdftotext -layout: `134 14` is two cells; `不 10` a label and a value.
        let text = "\
一、本年新收政府信息公开申请数量      134 14   3
二、上年结转政府信息公开申请数量      3   0    0
理的，只计这一情形，不 10            2    0
";
        let doc = read(text.as_bytes()).unwrap();
        let g = grids(&doc)[0];
        assert_eq!(
            texts(&g.rows[0]),
            ["一、本年新收政府信息公开申请数量", "134", "14", "3"]
        );
        // The glued value says where the label ended, not its column: no empty cell before it.
        assert_eq!(
            texts(&g.rows[2]),
            ["理的，只计这一情形，不", "10", "2", "0"]
        );
    }

    #[test]
    fn list_items_and_markdown_cells() {
        let doc = read("-   首页\n-   政务公开\n".as_bytes()).unwrap();
        assert!(grids(&doc).is_empty());
        let md = "|法人或其<br>他组织|总计|\n|---|---|\n|3|4|\n";
        let doc = read(md.as_bytes()).unwrap();
        assert_eq!(grids(&doc)[0].rows[0][0].text, "法人或其\n他组织");
        // One pipe row alone is a line of its texts (a title in a one-row table).
        let doc = read(
            "| 某区人民政府 |  | 2023 年政府信息公开工作年度报告 |\n|---|---|---|\n正文\n"
                .as_bytes(),
        )
        .unwrap();
        assert!(matches!(&doc.pages[0].blocks[0],
            Block::Line(l) if l.text == "某区人民政府 2023 年政府信息公开工作年度报告"));
    }

    /// pymupdf4llm of label-typos.pdf sets table 四's value line as a list item; in Markdown
    /// its marker is a bullet, no dash cell. Text that is no Markdown keeps it (a dash cell
    /// first in a dump), and a page number stays what it is.
    #[test]
    fn a_listed_row_of_numbers_in_markdown_loses_its_bullet() {
        let line_texts = |doc: &Document| -> Vec<String> {
            doc.pages
                .iter()
                .flat_map(|p| &p.blocks)
                .filter_map(|b| match b {
                    Block::Line(l) => Some(l.text.trim().to_string()),
                    _ => None,
                })
                .collect()
        };
        let md = "## 四、政府信息公开行政复议、行政诉讼情况\n\n- 2 - \n\n- 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n";
        let got = line_texts(&read(md.as_bytes()).unwrap());
        assert!(
            got.contains(&"1 0 0 0 1 0 0 0 0 0 0 0 0 0 0".to_string()),
            "{got:?}"
        );
        assert!(got.contains(&"- 2 -".to_string()), "{got:?}");
        let plain = md.replace("## ", "");
        let got = line_texts(&read(plain.as_bytes()).unwrap());
        assert!(got.iter().any(|l| l.starts_with("- 1 0 0 0 1")), "{got:?}");
    }

    #[test]
    fn tables_drawn_with_box_characters_are_grids() {
        // w3m -dump: `│` between cells, rules of box characters, a rule inside a spanning row.
        let text = "\
┌────────┬─────┬────┐
│        │ 自然│总计│
│ 说明   ├─────┴────┤
├────────┼─────┬────┤
│ 规章   │ 1   │ 11 │
└────────┴─────┴────┘
";
        let doc = read(text.as_bytes()).unwrap();
        let g = grids(&doc)[0];
        assert_eq!(texts(&g.rows[1])[..2], ["说明", ""]);
        assert_eq!(texts(&g.rows[2]), ["规章", "1", "11"]);
    }

    #[test]
    fn raw_html_tables_in_markdown_are_grids() {
        let md = "一、总体情况\n\n<table>\n<tr><td rowspan=\"2\">规章</td><td>1</td></tr>\n<tr><td>2</td></tr>\n</table>\n\n五、问题\n";
        let doc = read(md.as_bytes()).unwrap();
        let g = grids(&doc);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].rows[1][1].text, "2");
        assert!(g[0].rows[1][0].covered_by.is_some());
    }

    /// pymupdf4llm merges heading 四 (bold) into table 三's last row, its pieces under the
    /// cells' own lines: the cells keep their own lines, the heading is a line after the grid.
    /// Bold text in one cell alone, or a cell wholly bold: no such paragraph.
    #[test]
    fn a_bold_paragraph_merged_into_a_table_s_last_row_is_a_line_after_it() {
        let md = "|a|b|c|\n|---|---|---|\n|一、本年新收|1|1|\n|四、结转下<br>继续办理<br>**四、政府信**|10<br>3<br>**息公开**|0<br>**行政复议**|\n";
        let doc = read(md.as_bytes()).unwrap();
        let g = grids(&doc);
        assert_eq!(g[0].rows[2][0].text, "四、结转下\n继续办理");
        assert_eq!(g[0].rows[2][1].text, "10\n3");
        assert_eq!(g[0].rows[2][2].text, "0");
        assert_eq!(line_texts(&doc), ["四、政府信息公开行政复议"]);
        let one = "|a|b|\n|---|---|\n|总计<br>**合计**|3|\n";
        assert_eq!(
            grids(&read(one.as_bytes()).unwrap())[0].rows[1][0].text,
            "总计\n**合计**"
        );
        let whole = "|a|b|\n|---|---|\n|**x1**|**y1**|\n";
        assert_eq!(
            grids(&read(whole.as_bytes()).unwrap())[0].rows[1][0].text,
            "**x1**"
        );
    }

    #[test]
    fn form_feeds_split_pages() {
        let doc = read("第一页\n\u{c}第二页\n".as_bytes()).unwrap();
        assert_eq!(doc.pages.len(), 2);
        assert_eq!(doc.pages[1].number, 2);
    }
}
