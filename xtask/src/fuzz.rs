//! `cargo xtask fuzz [--seconds N]`: runs the `definition` fuzz target (cargo fuzz, nightly),
//! seeded with the documented example and the built-in questionnaires.

use crate::cmd::{self, output, root};
use std::process::Command;

/// How long `cargo xtask test` fuzzes: enough to catch a shallow panic, not a campaign.
pub const TEST_SECONDS: u32 = 20;

pub fn run(args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => 60,
        [flag, n] if flag == "--seconds" => n
            .parse()
            .map_err(|_| format!("--seconds: `{n}` is not a number"))?,
        _ => return Err("usage: cargo xtask fuzz [--seconds N]".into()),
    };
    fuzz(seconds)
}

pub fn fuzz(seconds: u32) -> Result<(), String> {
    ensure_tools()?;
    let corpus = root().join("fuzz/corpus/definition");
    std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    seed(&corpus)?;
    cmd::run(
        Command::new("cargo")
            .args(["+nightly", "fuzz", "run", "definition"])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-max_len=65536",
            ])
            .current_dir(root()),
    )
}

fn ensure_tools() -> Result<(), String> {
    let toolchains = output(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|l| l.starts_with("nightly")) {
        cmd::run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    if output(Command::new("cargo").args(["fuzz", "--version"])).is_none() {
        cmd::run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}

/// Valid inputs make the fuzzer start from deep inside the format, not from the JSON syntax.
fn seed(corpus: &std::path::Path) -> Result<(), String> {
    let root = root();
    let mut seeds = Vec::new();
    let doc = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let section = doc.find("### Definition format").unwrap_or(0);
    if let Some(start) = doc[section..].find("```json\n").map(|i| i + section) {
        let body = &doc[start + 8..];
        seeds.push((
            "example.json".to_owned(),
            body[..body.find("```").unwrap_or(0)].to_owned(),
        ));
    }
    let dir = root.join("questionnaires");
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            seeds.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            ));
        }
    }
    for (name, text) in seeds {
        std::fs::write(corpus.join(format!("seed-{name}")), text).map_err(|e| e.to_string())?;
    }
    Ok(())
}
