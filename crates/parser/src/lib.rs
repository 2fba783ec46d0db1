//! xxgk-parser: [`Document`] → [`Report`].
//!
//! It owns everything that knows what an annual report looks like: the title (agency, year),
//! the six sections, template detection, finding tables 二/三/四 (joined across pages), mapping
//! row and column labels to keys through the schema in `xxgk-model`, and placing every value by
//! row and column with its provenance. It knows nothing about PDF, HTML or text: only
//! `xxgk-ingest` does.

mod bands;
pub mod blocks;
pub mod boxes;
mod column_blocks;
pub mod column_runs;
pub mod column_streams;
mod cut_numbers;
pub mod detached;
pub mod detect;
pub mod dump;
pub mod flow;
mod four_boxes;
pub mod fuzzy;
pub mod gather;
mod header_columns;
pub mod linear;
mod one_per_line;
mod one_value_pieces;
mod one_value_runs;
mod page_furniture;
mod printed_empty;
pub mod rows;
pub mod runs;
pub mod sections;
pub mod stream;
pub mod table_four;
pub mod table_two;
mod table_two_lines;
mod table_two_order;
pub mod table_two_sections;
pub mod tables;
mod template_bands;
pub mod title;
mod totals;
mod transposed;
mod two_labels;
mod unplaced_lines;
pub mod verify;
mod vertical;
pub mod wrapped;
mod wrapped_stream;
pub mod zeros;

use flow::Item;
use xxgk_model::{Cell, Document, Meta, Report, Section, Status, Table, Template};

/// Parse a document. `report` is the report id (the path relative to its input folder);
/// `file_name` the bare file name, used as a last resort for the year.
pub fn parse(doc: &Document, report: &str, file_name: &str) -> Report {
    let stripped = page_furniture::without_furniture(doc);
    let doc = stripped.as_ref().unwrap_or(doc);
    let items = flow::flatten(doc);
    let mut out = Report::with_status(report, Status::Ok, "");
    out.meta = Meta {
        format: Some(doc.format),
        pages: doc.page_count(),
        source_title: doc.source.title.clone(),
        published: doc.source.published.clone(),
        url: doc.source.url.clone(),
        ..Meta::default()
    };

    // Title: the first lines of the document, else the container's title.
    // (Some pages put the title in a layout table: a row of one cell counts as a line.)
    let first_lines: Vec<&str> = items
        .iter()
        .filter_map(|it| match it {
            Item::Line { text, .. } => Some(text.as_str()),
            Item::Row(r) if r.cells.iter().filter(|c| !c.text.trim().is_empty()).count() == 1 => r
                .cells
                .iter()
                .find(|c| !c.text.trim().is_empty())
                .map(|c| c.text.as_str()),
            Item::Row(_) => None,
        })
        .take(8)
        .collect();
    let title = title::read_title(&first_lines)
        .or_else(|| {
            // Converted web pages put the site's chrome (menus, links) before the title (its
            // last character may have wrapped onto a line of its own: `…年度报` / `告`).
            items
                .iter()
                .take(80)
                .filter_map(|it| match it {
                    Item::Line { text, .. } if title::may_hold_title(text) => Some(text.as_str()),
                    _ => None,
                })
                .find_map(|l| title::read_title(&[l]))
        })
        .or_else(|| {
            doc.title_hint
                .as_deref()
                .or(doc.source.title.as_deref())
                .map(title::strip_site_suffix)
                .and_then(|t| {
                    title::parse_title(
                        &t.chars().filter(|c| !c.is_whitespace()).collect::<String>(),
                    )
                })
        });
    let all_text = all_text(&items);
    // The agency is the body the title names, nothing else: a document without a title has
    // none. (The prose's `本报告由XX编制` names the compiler, often the 办公室 of the body whose
    // report it is, so it is no stand-in; docs/design-ocr.md.)
    out.meta.agency = title.as_ref().and_then(|t| t.agency.clone());
    out.meta.year = title
        .as_ref()
        .and_then(|t| t.year)
        .or_else(|| title::period_year(&all_text))
        .or_else(|| title::year_from_file_name(file_name));

    out.sections = sections(&items);
    let detection = detect::detect(&all_text);
    // A report has a report title, or the numbered section headings of one.
    let looks_like_report = title.is_some() || out.sections.len() >= 3;

    let template = match detection.template {
        Some(t) => t,
        None if detection.standard > 0 => match out.meta.year {
            Some(y) if y >= 2021 => Template::V2021,
            _ => Template::V2019,
        },
        None => {
            if looks_like_report && detect::legacy_evidence(&all_text, out.meta.year) {
                out.meta.template = Some(Template::Legacy);
                out.status = Status::Legacy;
                out.message =
                    "pre-2019 report (no standard tables of the 2019/2021 templates)".into();
            } else if looks_like_report {
                // A report of 2019 or later without its tables: a truncated download or a
                // damaged file far more often than anything else — never `legacy`.
                out.status = Status::Failed;
                out.message = "an annual report without any of the standard tables: the file looks damaged or truncated (fetch it again), or its tables are images".into();
            } else if let Some(damage) = doc.notes.iter().find(|n| n.starts_with("damaged")) {
                // Nothing of a report survives in a file the reader had to repair: a truncated
                // download (say its first kilobytes), to be fetched again — not "not a report".
                out.status = Status::Failed;
                out.message = format!(
                    "damaged or truncated file, no report text could be read (fetch it again): {damage}"
                );
            } else {
                out.status = Status::Unsupported;
                out.message =
                    "not a government information-disclosure annual report (no title, sections or standard tables found)"
                        .into();
            }
            return out;
        }
    };
    out.meta.template = Some(template);

    let mut tables = gather::read(
        &items,
        template,
        doc.has_positions(),
        doc.format == xxgk_model::Format::Txt,
    );
    boxes::fill_t2(doc, template, &mut tables);
    if doc.format == xxgk_model::Format::Txt {
        // pdfminer's boxes of table 四, each value under the header naming its column.
        four_boxes::fill_t4(doc, template, &mut tables);
        // pdfminer's text boxes of table 三, read once for both readers.
        let has_t3 = |t: &tables::Tables| t.cells.keys().any(|k| k.table() == Table::T3);
        let t3_before = has_t3(&tables);
        let runs = column_runs::runs_of(doc, template);
        column_runs::fill_t3(&runs, template, &mut tables);
        bands::fill_t3(&runs.runs, template, &mut tables);
        one_value_runs::fill_t3(&runs, template, &mut tables);
        // The same region on to table 四's words: pieces of columns in blocks.
        let through = column_runs::runs_in(doc, template, column_runs::RegionEnd::TableFour);
        column_blocks::fill_t3(&through, template, &mut tables);
        // pdfminer's one-value boxes in pieces, some beside their labels or headers.
        one_value_pieces::fill_t3(doc, template, &mut tables);
        // Labels and headers unreadable (a character a box): values by template order.
        template_bands::fill_t3(doc, template, &mut tables);
        if !t3_before && has_t3(&tables) {
            // Table 三 came whole from pdfminer's boxes, which write a table column by column:
            // table 二's sections too.
            let t2 = std::mem::take(&mut tables.t2_text);
            table_two_sections::fill_by_columns(&t2, template, &mut tables);
        }
        // Plain pdftotext's blocks of table 三, by the gravity search.
        blocks::fill_t3(doc, template, &mut tables);
        column_runs::fill_first_page(&runs, template, &mut tables);
    }
    crate::cut_numbers::doubt_cut_numbers(&items, template, &mut tables);
    out.single_other = tables.single_other;
    out.unlisted_rows = std::mem::take(&mut tables.unlisted);
    for key in out.expected_keys() {
        let key = key.key_id();
        let cell = tables.cells.get(&key).cloned().unwrap_or_else(Cell::absent);
        out.set_cell(key, cell);
    }

    let found = out.cells_found();
    let expected = out.cells_expected();
    if found < expected {
        out.status = Status::Partial;
        out.message = missing_message(&out, &tables.seen);
        // What the table readers noticed often says why (a row whose fields did not fit).
        let notes: Vec<&String> = tables
            .notes
            .iter()
            .filter(|n| about_a_table_with_gaps(&out, n))
            .take(2)
            .collect();
        for note in notes {
            out.message.push_str("; ");
            out.message.push_str(note);
        }
        if has_table_placeholder(&items) {
            out.message.push_str(TABLE_PLACEHOLDER_HINT);
        }
    }
    if found == 0 && !looks_like_report {
        out.status = Status::Unsupported;
        out.message = "not a government information-disclosure annual report".into();
    }
    out
}

fn all_text(items: &[Item]) -> String {
    let mut s = String::new();
    for it in items {
        match it {
            Item::Line { text, .. } => s.push_str(text),
            Item::Row(r) => {
                for c in &r.cells {
                    s.push_str(&c.text);
                    s.push(' ');
                }
            }
        }
        s.push('\n');
    }
    s
}

fn sections(items: &[Item]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for it in items {
        let Item::Line { text, .. } = it else {
            continue;
        };
        if let Some(n) = sections::heading_number(text) {
            if out.last().is_none_or(|s| n > s.number) {
                out.push(Section {
                    number: n,
                    heading: text.trim().to_string(),
                    text: String::new(),
                });
                continue;
            }
        }
        if let Some(s) = out.last_mut() {
            if !s.text.is_empty() {
                s.text.push('\n');
            }
            s.text.push_str(text.trim());
        }
    }
    out
}

/// What a converter writes instead of a table it cannot draw (pandoc `-t plain` with merged
/// cells): the table is not in the text at all.
const TABLE_PLACEHOLDER: &str = "[TABLE]";
const TABLE_PLACEHOLDER_HINT: &str = "; the text has [TABLE] where a table was (the converter dropped it, as pandoc -t plain does with merged cells): convert the source again keeping tables (pandoc -t gfm) or read the original";

fn has_table_placeholder(items: &[Item]) -> bool {
    items
        .iter()
        .any(|it| matches!(it, Item::Line { text, .. } if text.trim() == TABLE_PLACEHOLDER))
}

/// Whether a reader's note still explains something: notes naming a table (`表三: …`) whose
/// cells another reader then found in full no longer do.
fn about_a_table_with_gaps(report: &Report, note: &str) -> bool {
    let named = [
        (Table::T2, "表二"),
        (Table::T3, "表三"),
        (Table::T4, "表四"),
    ]
    .into_iter()
    .find(|(_, tag)| note.starts_with(tag));
    let Some((table, _)) = named else {
        return true;
    };
    report
        .keyed_cells()
        .any(|(k, c)| k.table() == table && !c.is_found())
}

fn missing_message(report: &Report, seen: &[bool; 3]) -> String {
    let mut parts = Vec::new();
    for (i, table) in [Table::T2, Table::T3, Table::T4].iter().enumerate() {
        let (total, absent) = report
            .keyed_cells()
            .filter(|(k, _)| k.table() == *table)
            .fold((0, 0), |(t, a), (_, c)| {
                (t + 1, a + usize::from(!c.is_found()))
            });
        if absent == 0 {
            continue;
        }
        if !seen[i] || absent == total {
            parts.push(format!("{} not found", table.title_zh()));
        } else {
            parts.push(format!(
                "{}: {absent} of {total} cells not found",
                table.title_zh()
            ));
        }
    }
    parts.join("; ")
}
