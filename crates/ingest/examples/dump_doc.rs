//! Print the blocks a file becomes (debugging aid).
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        match xxgk_ingest::ingest(&bytes, &path) {
            Err(e) => println!("{path}: {e}"),
            Ok(doc) => {
                println!(
                    "{path}: {:?} title={:?} notes={:?}",
                    doc.format, doc.title_hint, doc.notes
                );
                for p in &doc.pages {
                    println!("--- page {}", p.number);
                    for b in &p.blocks {
                        match b {
                            xxgk_model::Block::Line(l) => println!("L {}", l.text),
                            xxgk_model::Block::Grid(g) => {
                                println!("G {} rows", g.rows.len());
                                for r in &g.rows {
                                    let cells: Vec<String> = r
                                        .iter()
                                        .map(|c| match c.covered_by {
                                            Some(_) => "^".to_string(),
                                            None => c.text.replace('\n', "⏎"),
                                        })
                                        .collect();
                                    println!("  | {}", cells.join(" | "));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
