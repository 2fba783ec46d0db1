//! Developer tool: print what the reader noticed about a file (`Document::notes`).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    match xxgk_ingest::ingest(&bytes, &path) {
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
}
