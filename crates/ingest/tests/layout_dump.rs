//! Not a test: prints what `build_grids` makes of a fixture, for eyeballing.
//! `PAGES=path/to/pages.json cargo test -p xxgk-ingest --test layout_dump -- --ignored --nocapture`

use xxgk_model::{Block, Page};
#[test]
#[ignore]
fn dump() {
    let path = std::env::var("PAGES").unwrap();
    let s = std::fs::read_to_string(path).unwrap();
    let pages: Vec<Page> = serde_json::from_str(&s).unwrap();
    for mut p in pages {
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
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| match c.covered_by {
                                Some((a, b)) => format!("^{a},{b}"),
                                None => format!(
                                    "[{}]{}",
                                    c.text.replace('\n', "/"),
                                    if c.row_span > 1 || c.col_span > 1 {
                                        format!("{}x{}", c.row_span, c.col_span)
                                    } else {
                                        String::new()
                                    }
                                ),
                            })
                            .collect();
                        println!("  {r}: {}", cells.join(" "));
                    }
                }
            }
        }
    }
}
