//! `score FILE [TRUTH.json]`: read one file and score it against a truth file.

use std::path::Path;
use xxgk_tests::{read_report, score as score_report, Truth};

pub fn score(args: &[String]) -> Result<(), String> {
    let path = super::arg(args, "score FILE [TRUTH.json]")?;
    let r = match read_report(Path::new(path)) {
        Ok(r) => r,
        Err((status, msg)) => {
            println!("{} {msg}", status.as_str());
            return Ok(());
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
    if let Some(t) = args.get(1) {
        let mut truth = Truth::load(Path::new(t))?;
        truth.source = path.into();
        let s = score_report(&truth, Ok(&r));
        for w in &s.problems {
            println!("  {w}");
        }
        println!("{}/{}", s.matched, s.total);
    }
    Ok(())
}
