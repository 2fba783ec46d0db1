//! Developer tools: look inside one file at each stage, score it, time a stage.
//!
//! `cargo run -p xxgk-tools -- COMMAND ARGS` (add `--release` for `glyphs` and `grid-timing`):
//!
//! | command | prints |
//! |---|---|
//! | `glyphs FILE...` | per PDF, pages, glyph and segment counts (load, fonts, interpreter; no lines) |
//! | `read FILE...` | per PDF, pages and blocks (the whole PDF reader) |
//! | `inspect FILE [PAGE]` | the reader's `inspect` view of a PDF |
//! | `notes FILE` | what the reader noticed about any file, and each page's size and counts |
//! | `rows FILE` | the parser's flow: lines and table rows |
//! | `score FILE [TRUTH.json]` | the report read from FILE, and its score against a truth file |
//! | `grids PAGES.json` | what `build_grids` makes of pages saved as JSON |
//! | `grid-timing [PAGES.json]` | the time of `build_grids` per page (default: huaian pages 3–5) |
//!
//! `bench/run.sh` uses `glyphs` and `read` to time the PDF reader alone.

mod dump;
mod score;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(command), rest) = (args.first(), args.get(1..).unwrap_or_default()) else {
        eprintln!("usage: xxgk-tools glyphs|read|inspect|notes|rows|score|grids|grid-timing ARGS");
        return ExitCode::from(2);
    };
    let result = match command.as_str() {
        "glyphs" => dump::glyphs(rest),
        "read" => dump::read(rest),
        "inspect" => dump::inspect(rest),
        "notes" => dump::notes(rest),
        "rows" => dump::rows(rest),
        "score" => score::score(rest),
        "grids" => dump::grids(rest),
        "grid-timing" => dump::grid_timing(rest),
        other => Err(format!("unknown command {other}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xxgk-tools: {e}");
            ExitCode::from(2)
        }
    }
}

/// The first argument, or a usage message.
fn arg<'a>(args: &'a [String], usage: &str) -> Result<&'a str, String> {
    args.first()
        .map(String::as_str)
        .ok_or_else(|| format!("usage: {usage}"))
}

fn read_file(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}
