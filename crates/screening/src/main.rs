//! The `screening` command line: checks and scores questionnaire definitions, runs the collector.

fn main() {
    println!("screening {}", env!("CARGO_PKG_VERSION"));
}
