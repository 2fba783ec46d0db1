//! Benchmark runner and debugging aid: extract glyphs and rulings from PDFs.
//!
//! `pdf_glyphs FILE...` prints, per file, the glyph and segment counts (the work the benchmark
//! times: load, interpret, fonts; no line assembly). `pdf_glyphs --read FILE...` runs the whole
//! reader (lines and grids too). `pdf_glyphs --inspect FILE [PAGE]` prints the `inspect` view.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--inspect") {
        let Some(path) = args.get(1) else { return };
        let page = args.get(2).and_then(|p| p.parse().ok());
        let bytes = std::fs::read(path).unwrap_or_default();
        match xxgk_ingest::pdf::read(&bytes) {
            Ok(doc) => print!("{}", xxgk_ingest::inspect::render(&doc, page)),
            Err(e) => println!("{e}"),
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--read") {
        for path in &args[1..] {
            let bytes = std::fs::read(path).unwrap_or_default();
            match xxgk_ingest::pdf::read(&bytes) {
                Ok(doc) => {
                    let lines: usize = doc.pages.iter().map(|p| p.blocks.len()).sum();
                    println!("{path}\t{} pages\t{lines} blocks", doc.pages.len());
                }
                Err(e) => println!("{path}\t{e}"),
            }
        }
        return;
    }
    for path in &args {
        let bytes = std::fs::read(path).unwrap_or_default();
        match xxgk_ingest::pdf::extract(&bytes) {
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
}
