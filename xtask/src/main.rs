//! `cargo xtask <command>`: everything a newcomer or CI needs, from a fresh clone.
//!
//! - `install`: installs missing tools (idempotent; version checks, no rebuilds)
//! - `demo`:    installs, builds the release bundle, serves the demo page on 127.0.0.1
//! - `test`:    installs and runs every test: lints, native, browser (wasm-bindgen-test), e2e
//! - `dist`:    builds the release bundle into `dist/`
//! - `bench`:   builds the release bundle and prints its size table
//! - `size`:    checks `dist/` against the size ratchet (`--update-baseline` lowers it)
//! - `fuzz`:    fuzzes definition parsing, validation and scoring (nightly)

mod bench;
mod bundle;
mod cmd;
mod content;
mod demo;
#[cfg(test)]
mod docs;
mod fuzz;
mod ratchet;
mod shared;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <install|demo|test|dist|bench|size|fuzz> [options]

  install           install the tools the build and tests need (idempotent)
  demo [--port N]   build and serve the demo page on 127.0.0.1 (default port 8080)
  test              run every test: lints, native, browser, end-to-end
  dist              build the release bundle into dist/
  bench [--update-baseline]
                    build the release bundle, print sizes and timings (or write the
                    size baseline, xtask/size-baseline.json, instead of timing)
  size [--update-baseline]
                    check dist/ against the size ratchet (or write its sizes as the baseline)
  fuzz [--seconds N]  fuzz definition parsing, validation and scoring (default 60 s)
  shared            write the rules the loader shares with the core into src/screening-form.js";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    let result = match command.as_str() {
        "install" => tools::install_all(),
        "demo" => demo::run(rest),
        "test" => test::run(rest),
        "dist" => tools::install_build_tools().and_then(|tools| bundle::build_release(&tools)),
        "bench" => bench::run(rest),
        "size" if rest.iter().any(|a| a == "--update-baseline") => ratchet::update_baseline(),
        "size" => ratchet::check(),
        "fuzz" => fuzz::run(rest),
        "shared" => shared::embed(&cmd::root().join("src/screening-form.js")),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
