//! Developer tool: read one file and score it against a truth file.
//! `cargo run -p xxgk-tests --example score -- FILE [TRUTH.json]`

use std::path::Path;
use xxgk_tests::{read_report, score, Truth};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: score FILE [TRUTH.json]");
        std::process::exit(2);
    };
    let r = match read_report(Path::new(&path)) {
        Ok(r) => r,
        Err((status, msg)) => {
            println!("{} {msg}", status.as_str());
            return;
        }
    };
    println!(
        "{} {:?} {:?} {:?} single_other={} {}",
        r.status.as_str(),
        r.meta.agency,
        r.meta.year,
        r.meta.template,
        r.single_other,
        r.message
    );
    if let Some(t) = args.next() {
        let mut truth = match Truth::load(Path::new(&t)) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        truth.source = path.into();
        let s = score(&truth, Ok(&r));
        for w in &s.problems {
            println!("  {w}");
        }
        println!("{}/{}", s.matched, s.total);
    }
}
