//! xxgk: the command-line front end (extract, audit, inspect, eval).

fn main() {
    eprintln!("xxgk: not yet");
    std::process::exit(2);
}
