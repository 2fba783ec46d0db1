//! Commands that print what a stage makes of a file.

use super::{arg, read_file};
use std::path::PathBuf;
use std::time::Instant;
use xxgk_model::{Block, GridCell, Page};
use xxgk_parser::flow::{flatten, Item};

/// Glyphs and segments only: the work of load, fonts and interpreter.
pub fn glyphs(paths: &[String]) -> Result<(), String> {
    for path in paths {
        match xxgk_ingest::pdf::extract(&read_file(path)?) {
            Ok(doc) => {
                let glyphs: usize = doc.pages.iter().map(|p| p.glyphs.len()).sum();
                let segments: usize = doc.pages.iter().map(|p| p.segments.len()).sum();
                println!(
                    "{path}\t{} pages\t{glyphs} glyphs\t{segments} segments",
                    doc.pages.len()
                );
            }
            Err(e) => println!("{path}\t{e}"),
        }
    }
    Ok(())
}

/// The whole PDF reader: lines and grids too.
pub fn read(paths: &[String]) -> Result<(), String> {
    for path in paths {
        match xxgk_ingest::pdf::read(&read_file(path)?) {
            Ok(doc) => {
                let blocks: usize = doc.pages.iter().map(|p| p.blocks.len()).sum();
                println!("{path}\t{} pages\t{blocks} blocks", doc.pages.len());
            }
            Err(e) => println!("{path}\t{e}"),
        }
    }
    Ok(())
}

pub fn inspect(args: &[String]) -> Result<(), String> {
    let path = arg(args, "inspect FILE [PAGE]")?;
    let page = args.get(1).and_then(|p| p.parse().ok());
    match xxgk_ingest::pdf::read(&read_file(path)?) {
        Ok(doc) => print!("{}", xxgk_ingest::inspect::render(&doc, page)),
        Err(e) => println!("{e}"),
    }
    Ok(())
}

pub fn notes(args: &[String]) -> Result<(), String> {
    let path = arg(args, "notes FILE")?;
    match xxgk_ingest::ingest(&read_file(path)?, path) {
        Ok(doc) => {
            for n in &doc.notes {
                println!("{n}");
            }
            for p in &doc.pages {
                println!(
                    "page {}: {}x{} glyphs {} blocks {}",
                    p.number,
                    p.width,
                    p.height,
                    p.glyphs,
                    p.blocks.len()
                );
            }
        }
        Err(e) => println!("{e}"),
    }
    Ok(())
}

pub fn rows(args: &[String]) -> Result<(), String> {
    let path = arg(args, "rows FILE")?;
    let doc = match xxgk_ingest::ingest(&read_file(path)?, path) {
        Ok(d) => d,
        Err(e) => {
            println!("{e}");
            return Ok(());
        }
    };
    for item in flatten(&doc) {
        match item {
            Item::Line { text, page, .. } => println!("p{page} L  {text}"),
            Item::Row(r) => {
                let cells: Vec<String> = r.cells.iter().map(|c| format!("{:?}", c.text)).collect();
                println!("p{} R  [{}] ctx={:?}", r.page, cells.join(", "), r.context);
            }
        }
    }
    Ok(())
}

fn load_pages(path: &str) -> Result<Vec<Page>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

pub fn grids(args: &[String]) -> Result<(), String> {
    for mut p in load_pages(arg(args, "grids PAGES.json")?)? {
        xxgk_ingest::layout::build_grids(&mut p);
        println!("=== page {}", p.number);
        for b in &p.blocks {
            match b {
                Block::Line(l) => println!("L {}", l.text),
                Block::Grid(g) => {
                    println!(
                        "G {}x{} {:?}",
                        g.rows.len(),
                        g.rows.first().map_or(0, |r| r.len()),
                        g.bbox
                    );
                    for (r, row) in g.rows.iter().enumerate() {
                        let cells: Vec<String> = row.iter().map(cell).collect();
                        println!("  {r}: {}", cells.join(" "));
                    }
                }
            }
        }
    }
    Ok(())
}

fn cell(c: &GridCell) -> String {
    match c.covered_by {
        Some((a, b)) => format!("^{a},{b}"),
        None if c.row_span > 1 || c.col_span > 1 => format!(
            "[{}]{}x{}",
            c.text.replace('\n', "/"),
            c.row_span,
            c.col_span
        ),
        None => format!("[{}]", c.text.replace('\n', "/")),
    }
}

pub fn grid_timing(args: &[String]) -> Result<(), String> {
    let default = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/ingest/tests/fixtures/layout/huaian-2024-p3-5.json");
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| default.display().to_string());
    let pages = load_pages(&path)?;
    let n = 200u32;
    let t = Instant::now();
    for _ in 0..n {
        for p in &pages {
            let mut p = p.clone();
            xxgk_ingest::layout::build_grids(&mut p);
        }
    }
    let per_page = t.elapsed() / (n * pages.len().max(1) as u32);
    println!("{path}: {per_page:?} per page");
    Ok(())
}
