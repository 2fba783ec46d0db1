//! Developer tool: read one file and score it against a truth file.
//! `cargo run -p xxgk-tests --example score -- FILE [TRUTH.json]`

use std::path::Path;
use xxgk_tests::{read_report, score, truth};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: score FILE [TRUTH.json]");
        std::process::exit(2);
    };
    let r = read_report(Path::new(&path));
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
        let s = score(&r, &truth(Path::new(&t)));
        for w in &s.wrong {
            println!("  {w}");
        }
        println!("{}/{}", s.correct, s.total);
    }
}
