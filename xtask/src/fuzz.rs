//! `cargo xtask fuzz [--seconds N]`: runs every fuzz target (cargo fuzz, nightly) for N seconds
//! each: `definition` (partners' definitions, seeded with the documented example and the
//! built-ins) and `payload` (request bodies from the internet, seeded with real payloads).
//! Every input that ever crashed a target is kept in `fuzz/regressions/<target>/` and replayed
//! first on every run.

use crate::cmd::{self, output, root};
use std::process::Command;

/// How long `cargo xtask test` fuzzes each target: enough to catch a shallow panic, not a
/// campaign.
pub const TEST_SECONDS: u32 = 15;

/// The fuzz targets, by name (fuzz/fuzz_targets/<name>.rs).
pub const TARGETS: [&str; 2] = ["definition", "payload"];

pub fn run(args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => 60,
        [flag, n] if flag == "--seconds" => n
            .parse()
            .map_err(|_| format!("--seconds: `{n}` is not a number"))?,
        _ => return Err("usage: cargo xtask fuzz [--seconds N]".into()),
    };
    fuzz(seconds).map(|_| ())
}

/// Runs every target; returns how many ran clean.
pub fn fuzz(seconds: u32) -> Result<usize, String> {
    ensure_tools()?;
    for target in TARGETS {
        let corpus = root().join(format!("fuzz/corpus/{target}"));
        let regressions = root().join(format!("fuzz/regressions/{target}"));
        for dir in [&corpus, &regressions] {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        match target {
            "definition" => seed(&corpus)?,
            _ => seed_payloads(&corpus)?,
        }
        let result = cmd::run(
            Command::new("cargo")
                .arg(format!("+{}", crate::tools::NIGHTLY))
                .args(["fuzz", "run", target])
                .arg(&corpus)
                .arg(&regressions)
                .args([
                    "--",
                    &format!("-max_total_time={seconds}"),
                    "-max_len=65536",
                ])
                .current_dir(root()),
        );
        if let Err(e) = result {
            let kept = keep_crashes(target, &regressions);
            return Err(format!(
                "fuzz target `{target}` failed: {e}; {kept} crashing input(s) kept in {} (commit them as regression seeds)",
                regressions.display()
            ));
        }
    }
    Ok(TARGETS.len())
}

/// Copies libFuzzer's crash artifacts of a target into its regression directory.
fn keep_crashes(target: &str, regressions: &std::path::Path) -> usize {
    let artifacts = root().join(format!("fuzz/artifacts/{target}"));
    let Ok(entries) = std::fs::read_dir(&artifacts) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("crash-"))
        .filter(|e| std::fs::copy(e.path(), regressions.join(e.file_name())).is_ok())
        .count()
}

/// Real payloads (plain and randomized) of both built-ins, from the collector tests' shape.
fn seed_payloads(corpus: &std::path::Path) -> Result<(), String> {
    let examples = [
        r#"{"v":1,"id":"3f9a0c5e8b7d41e2a6c9f0b1d2e3f405","questionnaire":"job-offer","questionnaire_version":2,"locale":"tg","partner":"umed-khujand","month":"2026-11","bands":{"risk":"high"},"answers":{"destination":"ru"},"privacy":{"mechanism":"none"}}"#,
        r#"{"v":1,"id":"00000000000000000000000000000001","questionnaire":"returnee","questionnaire_version":2,"locale":"ru","month":"2026-11","bands":{"conditions":"none","coercion":"low","tb":"no_signs"},"answers":{"where_now":"tj"},"privacy":{"mechanism":"randomized_response","epsilon":1.0}}"#,
    ];
    for (i, text) in examples.iter().enumerate() {
        std::fs::write(corpus.join(format!("seed-{i}.json")), text).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn ensure_tools() -> Result<(), String> {
    crate::tools::ensure_nightly()?;
    if output(Command::new("cargo").args(["fuzz", "--version"])).is_none() {
        cmd::run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    Ok(())
}

/// Valid inputs make the fuzzer start from deep inside the format, not from the JSON syntax.
fn seed(corpus: &std::path::Path) -> Result<(), String> {
    let root = root();
    let mut seeds = Vec::new();
    let doc = std::fs::read_to_string(root.join("docs/questionnaires.md")).unwrap_or_default();
    let section = doc.find("## Definition format").unwrap_or(0);
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
