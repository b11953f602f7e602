//! `cargo xtask test`: every test, in the order that fails fastest, with pass counts at the end.

use crate::bundle;
use crate::cmd::root;
use crate::tools::{self, CHROMEDRIVER, Tools};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The stages, by the name `--only` takes.
const STAGES: [&str; 5] = ["lint", "native", "fuzz", "browser", "e2e"];

pub fn run(args: &[String]) -> Result<(), String> {
    let only: Vec<&str> = match args {
        [] => STAGES.to_vec(),
        [flag, list] if flag == "--only" => list.split(',').collect(),
        _ => {
            return Err(format!(
                "usage: cargo xtask test [--only {}]",
                STAGES.join(",")
            ));
        }
    };
    if let Some(bad) = only.iter().find(|s| !STAGES.contains(s)) {
        return Err(format!(
            "unknown stage `{bad}` (stages: {})",
            STAGES.join(", ")
        ));
    }
    let tools = tools::install_build_tools()?;
    tools::install_browser()?;
    let mut summary = Vec::new();
    for stage in only {
        let passed = match stage {
            "lint" => lint(&tools)?,
            "native" => counted(tools.command("cargo").args(["test", "--workspace"]))?,
            "fuzz" => crate::fuzz::fuzz(crate::fuzz::TEST_SECONDS)?,
            "browser" => counted(
                tools
                    .command("cargo")
                    .args([
                        "test",
                        "-p",
                        "screening-widget",
                        "--target",
                        "wasm32-unknown-unknown",
                    ])
                    .env("CHROMEDRIVER", CHROMEDRIVER),
            )?,
            "e2e" => {
                bundle::build_release(&tools)?;
                crate::bench::check_budget()?;
                // The reporting tests run a real collector.
                crate::cmd::run(tools.command("cargo").args([
                    "build",
                    "--release",
                    "-p",
                    "screening",
                ]))?;
                counted(tools.command("npx").args([
                    "playwright",
                    "test",
                    "--config",
                    "tests/e2e/playwright.config.ts",
                ]))?
            }
            _ => unreachable!("stages were checked above"),
        };
        summary.push((stage, passed));
    }
    eprintln!("\nxtask: all tests passed");
    for (stage, passed) in summary {
        eprintln!("  {stage:<8} {passed:>4} passed");
    }
    Ok(())
}

/// Formatting and clippy (warnings are errors) on the host and on wasm32.
fn lint(tools: &Tools) -> Result<usize, String> {
    crate::cmd::run(tools.command("cargo").args(["fmt", "--all", "--check"]))?;
    crate::cmd::run(tools.command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    crate::cmd::run(tools.command("cargo").args([
        "clippy",
        "-p",
        "screening-widget",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    check_stand_in(tools)?;
    Ok(4)
}

/// The widget's size depends on `vendor/wasm-streams` replacing the real crate. When Leptos
/// moves to another wasm-streams version the patch stops applying with only a cargo warning
/// and tens of kilobytes come back: fail instead.
fn check_stand_in(tools: &Tools) -> Result<(), String> {
    let tree = crate::cmd::output(tools.command("cargo").args([
        "tree",
        "-p",
        "screening-widget",
        "--target",
        "wasm32-unknown-unknown",
        "-i",
        "wasm-streams",
        "--depth",
        "0",
    ]))
    .unwrap_or_default();
    if tree.contains("vendor/wasm-streams") {
        eprintln!("xtask: the wasm-streams stand-in is in use");
        Ok(())
    } else {
        Err(format!(
            "the vendor/wasm-streams patch is not applied (cargo tree -i wasm-streams says: {}); \
             update the stand-in's version to the one Leptos uses, or remove the patch",
            tree.trim()
        ))
    }
}

/// Runs a test command, echoing its output, and returns how many tests it reported passed
/// (cargo's `test result: ok. N passed` lines and Playwright's `N passed`).
fn counted(command: &mut Command) -> Result<usize, String> {
    eprintln!("xtask: $ {command:?}");
    let mut child = command
        .stdout(Stdio::piped())
        .current_dir(root())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut passed = 0;
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading test output: {e}"))?;
        println!("{line}");
        passed += passed_in(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(passed)
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

fn passed_in(line: &str) -> usize {
    let line = line.trim();
    let text = line.strip_prefix("test result: ok.").unwrap_or(line);
    let mut words = text.split_whitespace();
    match (words.next(), words.next()) {
        (Some(n), Some(w)) if w.trim_end_matches([';', ',']) == "passed" => n.parse().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::passed_in;

    #[test]
    fn counts_cargo_and_playwright_summaries() {
        assert_eq!(
            passed_in("test result: ok. 12 passed; 0 failed; 0 ignored"),
            12
        );
        assert_eq!(passed_in("  3 passed (4.2s)"), 3);
        assert_eq!(passed_in("running 3 tests"), 0);
    }
}
