//! Developer tool: print the parser's flow (lines and table rows) of one file.
//! `cargo run -p xxgk-tests --example rows -- FILE`

use xxgk_parser::flow::{flatten, Item};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: rows FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let doc = match xxgk_ingest::ingest(&bytes, &path) {
        Ok(d) => d,
        Err(e) => {
            println!("{e}");
            return;
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
}
