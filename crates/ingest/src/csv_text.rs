//! A spreadsheet saved as CSV (LibreOffice's, Excel's or WPS's "save as CSV"): every line a
//! record of the sheet's width, fields quoted where they hold commas. Read as the sheet's rows:
//! a record with one filled field is a line of text (a title, a paragraph, a heading), and the
//! others are tab-separated rows that the text reader makes into grids.
//!
//! A text is taken for CSV only when most of its records have one width of three fields or
//! more: prose (Chinese commas are no separator) and Markdown never do.

/// Fewest records a CSV report has (a title, headings and three tables).
const MIN_RECORDS: usize = 10;

/// Whether a `.csv` file holds a report (a sheet saved as CSV, naming 政府信息公开): such a
/// file is read; other CSV files are data (a crawl's index, our own outputs) and skipped.
pub fn holds_a_report(bytes: &[u8]) -> bool {
    let decoded = crate::encoding::decode_text(bytes);
    decoded.text.contains("政府信息公开") && as_tab_lines(&decoded.text).is_some()
}

/// The text's records as lines for the text reader, or `None` when it is no CSV.
pub fn as_tab_lines(text: &str) -> Option<String> {
    // Every text file comes here: most lines without an ASCII comma say "no CSV" before any
    // record is parsed.
    let (mut lines, mut with_commas) = (0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        with_commas += usize::from(line.contains(','));
    }
    if lines < MIN_RECORDS || with_commas * 5 < lines * 4 {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        records.push(record.iter().map(clean).collect());
    }
    if records.len() < MIN_RECORDS {
        return None;
    }
    let width = modal_width(&records)?;
    let of_width = records.iter().filter(|r| r.len() == width).count();
    if width < 3 || of_width * 5 < records.len() * 4 {
        return None;
    }
    let lines: Vec<String> = records
        .iter()
        .map(|r| {
            let filled: Vec<&String> = r.iter().filter(|f| !f.is_empty()).collect();
            match filled.as_slice() {
                [] => String::new(),
                [one] => (*one).clone(),
                _ => r.join("\t"),
            }
        })
        .collect();
    Some(lines.join("\n"))
}

/// A field as one line of text: its line breaks and tabs are spaces, its ends trimmed.
fn clean(field: &str) -> String {
    field
        .split(['\n', '\r', '\t'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number of fields most records have.
fn modal_width(records: &[Vec<String>]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for r in records {
        *counts.entry(r.len()).or_insert(0usize) += 1;
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(w, _)| w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// LibreOffice's CSV of huaian-2024.xls (truth corpus/truth/office/huaian-2024-xls.json).
    #[test]
    fn a_sheet_saved_as_csv_is_its_rows() {
        let mut text = String::from("\"淮安市人民政府 \",,,\n");
        text.push_str("\"2024年政府信息公开工作年度报告\",,,\n");
        text.push_str("\"三、收到和处理政府信息公开申请情况\",,,\n");
        for _ in 0..8 {
            text.push_str("\"一、本年新收政府信息公开申请数量\",\"3,001\",53,\n");
        }
        let lines = as_tab_lines(&text).expect("csv");
        let lines: Vec<&str> = lines.lines().collect();
        assert_eq!(lines[0], "淮安市人民政府");
        assert_eq!(lines[2], "三、收到和处理政府信息公开申请情况");
        assert_eq!(lines[3], "一、本年新收政府信息公开申请数量\t3,001\t53\t");
        // Prose with commas, and a Markdown table: no CSV.
        let prose =
            "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导, 认真学习。\n".repeat(12);
        assert!(as_tab_lines(&prose).is_none());
        let md = "| 规章 | 1 | 0 | 11 |\n".repeat(12);
        assert!(as_tab_lines(&md).is_none());
    }
}
