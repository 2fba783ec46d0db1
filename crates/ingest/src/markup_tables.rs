//! Tables of the light markups that converters write as text, read as grids: a **grid table**
//! (reStructuredText, pandoc's `rst` and grid Markdown), an **AsciiDoc table** (pandoc's
//! `asciidoc`) and a **MediaWiki table** (pandoc's `mediawiki`, a wiki's source).
//!
//! Both hold a row over several lines: a grid table wraps a cell's text inside its column
//! (pandoc breaks `178` in a three-wide column into `1` / `7` / `8`), and an AsciiDoc table lets
//! a row's cells run over lines until the column count is reached. Read line by line, each piece
//! was a row of its own and a number came out cut (`7` for 72). Here a row is what the markup
//! says it is, and a cell's pieces are joined.
//!
//! A table whose lines do not keep its own structure (a line with another number of cells, a
//! span the markup marks) is not read here: the caller reads its lines as before.

use xxgk_model::{Grid, GridCell};

/// A grid table starting at `start` (`+---+---+`): one past its last line, and the grid.
pub fn grid_table(lines: &[&str], start: usize) -> Option<(usize, Grid)> {
    let columns = rule_columns(lines[start])?;
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    let mut pieces: Vec<Vec<String>> = vec![Vec::new(); columns];
    let mut open = false;
    let mut end = start + 1;
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        let t = line.trim();
        if rule_columns(t).is_some() {
            if open {
                rows.push(pieces.iter().map(|p| GridCell::text(join(p))).collect());
                pieces = vec![Vec::new(); columns];
                open = false;
            }
            end = j + 1;
            continue;
        }
        let Some(inner) = t.strip_prefix('|').and_then(|r| r.strip_suffix('|')) else {
            break;
        };
        let cells: Vec<&str> = inner.split('|').collect();
        if cells.len() != columns {
            return None;
        }
        for (piece, cell) in pieces.iter_mut().zip(cells) {
            piece.push(cell.trim().to_string());
        }
        open = true;
    }
    // A table ends at a rule; lines after the last one are not the table's.
    (!rows.is_empty()).then_some((end, Grid { rows, bbox: None }))
}

/// A MediaWiki table starting at `start` (`{|`): one past its closing `|}`, and the table as
/// HTML for the HTML reader (which knows `rowspan` and `colspan`). Each cell is a line
/// starting with `|` (`!` for a header), or several on one line split by `||` (`!!`); `|-`
/// starts a row; `attributes | text` gives a cell its spans. A line starting with neither goes
/// on with the cell before it. Read line by line, each cell was a one-cell pipe row: a row
/// label with its values blank.
pub fn wiki_table(lines: &[&str], start: usize) -> Option<(usize, String)> {
    let open = lines[start].trim();
    if !open.starts_with("{|") {
        return None;
    }
    let mut html = String::from("<table><tr>");
    let mut cell: Option<(&str, String)> = None;
    let close = |html: &mut String, cell: &mut Option<(&str, String)>| {
        if let Some((tag, text)) = cell.take() {
            html.push_str(&format!("{text}</{tag}>"));
        }
    };
    for (j, line) in lines.iter().enumerate().skip(start + 1) {
        let t = line.trim();
        if t.starts_with("|}") {
            close(&mut html, &mut cell);
            html.push_str("</tr></table>");
            return Some((j + 1, html));
        }
        if t.starts_with("{|") {
            return None; // a nested table: not read here
        }
        if t.starts_with("|-") {
            close(&mut html, &mut cell);
            html.push_str("</tr><tr>");
            continue;
        }
        if t.starts_with("|+") {
            continue; // the caption
        }
        let (tag, separator, body) = match (t.strip_prefix('!'), t.strip_prefix('|')) {
            (Some(body), _) => ("th", "!!", body),
            (None, Some(body)) => ("td", "||", body),
            (None, None) => {
                if let Some((_, text)) = cell.as_mut() {
                    text.push_str("<br>");
                    text.push_str(t);
                }
                continue;
            }
        };
        for piece in body.split(separator) {
            close(&mut html, &mut cell);
            let (attributes, text) = wiki_cell(piece);
            html.push_str(&format!("<{tag} {attributes}>"));
            cell = Some((tag, text.trim().to_string()));
        }
    }
    None
}

/// A cell's attributes (`rowspan="2"`) and its text: `attributes | text`, or the text alone
/// when what precedes a single `|` holds no `=` (a pipe inside the text).
fn wiki_cell(piece: &str) -> (&str, &str) {
    match piece.split_once('|') {
        Some((attributes, text)) if attributes.contains('=') => (attributes.trim(), text),
        _ => ("", piece),
    }
}

/// `+---+----+` or `+===+====+`: the number of columns it rules.
fn rule_columns(line: &str) -> Option<usize> {
    let t = line.trim();
    let body = t.strip_prefix('+')?.strip_suffix('+')?;
    let ok = !body.is_empty()
        && body
            .split('+')
            .all(|s| !s.is_empty() && s.chars().all(|c| matches!(c, '-' | '=' | ':')));
    ok.then(|| body.split('+').count())
}

/// A cell's pieces, top to bottom, as one text: a converter broke the text where it had no
/// room, so pieces join without a space (`结` `果` `维` `持`, `1` `7` `8`), except between two
/// words of Latin letters.
fn join(pieces: &[String]) -> String {
    let mut out = String::new();
    for p in pieces.iter().filter(|p| !p.is_empty()) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if latin(out.chars().last()) && latin(p.chars().next()) {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// An AsciiDoc table starting at `start` (`|===`, its attribute line `[cols="…"]` before it):
/// one past its closing `|===`, and the grid, or `None` for a table whose rows cannot be told
/// (the caller reads its cells as lines of text: a line is then no row).
pub fn asciidoc_table(lines: &[&str], start: usize) -> Option<(usize, Option<Grid>)> {
    if lines[start].trim() != "|===" {
        return None;
    }
    let close = lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, l)| l.trim() == "|===")
        .map(|(j, _)| j)?;
    Some((close + 1, asciidoc_grid(lines, start, close)))
}

/// The text of an AsciiDoc table's line without its cell delimiters: its cells, by spaces.
pub fn asciidoc_line(line: &str) -> String {
    line.split('|')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn asciidoc_grid(lines: &[&str], start: usize, close: usize) -> Option<Grid> {
    let body = &lines[start + 1..close];
    let cells = asciidoc_cells(body)?;
    let declared = start
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .and_then(|l| declared_columns(l));
    // Without a `cols` attribute, the first line's cells are the columns.
    let columns = match declared {
        Some(n) => n,
        None => {
            let first = body.iter().find(|l| !l.trim().is_empty())?;
            asciidoc_cells(std::slice::from_ref(first))?.len()
        }
    };
    if columns == 0 || cells.is_empty() || cells.len() % columns != 0 {
        return None;
    }
    let rows = cells
        .chunks(columns)
        .map(|row| row.iter().map(|c| GridCell::text(join(c))).collect())
        .collect();
    Some(Grid { rows, bbox: None })
}

/// `[width="99%",cols="16%,6%,6%",]`: the number of columns (`3*` counts three).
fn declared_columns(line: &str) -> Option<usize> {
    let t = line.trim();
    if !(t.starts_with('[') && t.ends_with(']')) {
        return None;
    }
    let from = t.find("cols=\"")? + "cols=\"".len();
    let spec = &t[from..from + t[from..].find('"')?];
    // Every entry is a column, an empty one too (pandoc writes `6%,,6%` for a spacer column).
    spec.split(',')
        .map(|s| match s.split_once('*') {
            Some((n, _)) => n.trim().parse::<usize>().ok(),
            None => Some(1),
        })
        .sum()
}

/// The cells of an AsciiDoc table's body, each as its lines. A cell starts at a `|` at the
/// start of a line or after white space, with an optional style letter before it (`a|`);
/// text on the following lines before the next `|` is the same cell's. A span (`2+|`) or a
/// cell before any `|` makes the body unreadable here.
fn asciidoc_cells(body: &[&str]) -> Option<Vec<Vec<String>>> {
    let mut cells: Vec<Vec<String>> = Vec::new();
    for line in body {
        let mut rest = line.trim_end();
        if rest.trim().is_empty() {
            continue;
        }
        loop {
            match next_delimiter(rest)? {
                Some((before, after)) => {
                    let text = before.trim();
                    if !text.is_empty() {
                        cells.last_mut()?.push(text.to_string());
                    }
                    cells.push(Vec::new());
                    rest = after;
                }
                None => {
                    let text = rest.trim();
                    if !text.is_empty() {
                        cells.last_mut()?.push(text.to_string());
                    }
                    break;
                }
            }
        }
    }
    Some(cells)
}

/// The next cell delimiter in `s`: the text before it and after it; `Ok(None)` when there is
/// none; `None` (unreadable) for a span specifier.
fn next_delimiter(s: &str) -> Option<Option<(&str, &str)>> {
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices('|') {
        // The specifier before `|`: nothing, or one style letter.
        let mut spec_start = i;
        if i > 0 && bytes[i - 1].is_ascii_alphabetic() {
            spec_start = i - 1;
        }
        let at_boundary = spec_start == 0 || bytes[spec_start - 1].is_ascii_whitespace();
        if i > 0 && matches!(bytes[i - 1], b'+' | b'*') {
            return None;
        }
        if at_boundary {
            return Some(Some((&s[..spec_start], &s[i + 1..])));
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(g: &Grid) -> Vec<Vec<&str>> {
        g.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    /// pandoc → rst of huaian-2024.docx, table 四 (truth formats/huaian-2024.json: 72 64 178 37
    /// 351 …): every number wrapped one digit a line.
    #[test]
    fn a_grid_table_row_is_its_lines_between_rules() {
        let text = "+---+---+---+\n| 结 | 结 |   |\n| 果 | 果 | 总 |\n| 维 | 纠 | 计 |\n| 持 | 正 |  |\n\
                    +---+---+---+\n| 7 | 6 | 3 |\n| 2 | 4 | 5 |\n|   |   | 1 |\n+---+---+---+\n五、";
        let lines: Vec<&str> = text.lines().collect();
        let (end, grid) = grid_table(&lines, 0).expect("grid");
        assert_eq!(end, 10);
        assert_eq!(
            texts(&grid),
            [["结果维持", "结果纠正", "总计"], ["72", "64", "351"]]
        );
        // A line with another number of cells: not read as a grid table.
        let text = "+---+---+\n| 1 | 2 | 3 |\n+---+---+";
        let lines: Vec<&str> = text.lines().collect();
        assert!(grid_table(&lines, 0).is_none());
    }

    /// pandoc → asciidoc of huaian-2024.docx: rows run over lines, `a|` cells hold blank lines.
    #[test]
    fn an_asciidoc_table_is_cut_into_rows_by_its_columns() {
        let text = "[width=\"99%\",cols=\"16%,6%,6%,6%,6%\",]\n|===\n|行政复议 | | | |\n\n\
                    |结果维持 |结果纠正 |其他结果\n|尚未审结 |总计\n\n| a|\n商业\n\n企业\n\n| | |\n\n\
                    |72 |64 |178 |37 |351\n|===\n";
        let lines: Vec<&str> = text.lines().collect();
        let (end, grid) = asciidoc_table(&lines, 1).expect("table");
        let grid = grid.expect("grid");
        assert_eq!(end, 16);
        assert_eq!(
            texts(&grid),
            [
                ["行政复议", "", "", "", ""],
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
                ["", "商业企业", "", "", ""],
                ["72", "64", "178", "37", "351"],
            ]
        );
        // A spacer column declared with no width is a column (pandoc of LibreOffice's DOCX).
        assert_eq!(declared_columns("[cols=\"16%,6%,,6%\",]"), Some(4));
        // A span: no grid; the caller reads the table's lines as text.
        let text = "|===\n|a 2+|b\n|c |d |e\n|===";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            asciidoc_table(&lines, 0).map(|(end, g)| (end, g.is_none())),
            Some((4, true))
        );
        assert_eq!(asciidoc_line("|72 |64 |178"), "72 64 178");
    }

    #[test]
    fn a_wiki_table_is_its_rows_and_cells() {
        let text = "{|\n|width=\"33%\"| 第二十条第（一）项\n|\n|-\n| 规章\n| 2\n| 0\n|-\n! 信息 !! 内容\n|-\n|rowspan=\"2\"| 合计\n| 1 || 2\n续行\n|}\n后文";
        let lines: Vec<&str> = text.lines().collect();
        let (end, html) = wiki_table(&lines, 0).unwrap();
        assert_eq!(end, 14);
        assert_eq!(
            html,
            "<table><tr><td width=\"33%\">第二十条第（一）项</td><td ></td></tr><tr><td >规章</td>\
             <td >2</td><td >0</td></tr><tr><th >信息</th><th >内容</th></tr><tr>\
             <td rowspan=\"2\">合计</td><td >1</td><td >2<br>续行</td></tr></table>"
        );
        // Not a table's start; a table that never closes.
        assert!(wiki_table(&["| 规章"], 0).is_none());
        assert!(wiki_table(&["{|", "| 1"], 0).is_none());
    }
}
