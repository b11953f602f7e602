//! The size ratchet: a committed baseline of the brotli size of every shipped code file
//! (`xtask/size-baseline.json`). `cargo xtask test` fails when a file grows more than
//! [`TOLERANCE_PERCENT`] over its baseline and prints what grew in the wasm (`twiggy diff`
//! against the last build that passed). Lowering the baseline is an ordinary commit:
//! `cargo xtask bench --update-baseline` (or `cargo xtask size --update-baseline` after `cargo xtask dist`).

use crate::bench::Sizes;
use crate::bundle::{ASSISTED_GLUE, ASSISTED_WASM, CSS, GLUE, LOADER, WASM};
use crate::cmd::root;
use crate::tools::{self, dist_dir};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// How much a file may grow over its baseline before the ratchet fails.
pub const TOLERANCE_PERCENT: f64 = 1.0;

/// The files the ratchet watches: the code every visitor downloads, and assisted mode's build.
pub const FILES: [&str; 6] = [LOADER, GLUE, WASM, CSS, ASSISTED_GLUE, ASSISTED_WASM];

fn baseline_path() -> PathBuf {
    root().join("xtask/size-baseline.json")
}

/// Where the wasm of the last build that passed the ratchet is kept, for `twiggy diff`.
fn last_ok_dir() -> PathBuf {
    root().join("target/size-ratchet")
}

fn read_baseline() -> Result<BTreeMap<String, usize>, String> {
    let path = baseline_path();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let files = json["brotli_bytes"]
        .as_object()
        .ok_or_else(|| format!("{}: no \"brotli_bytes\" object", path.display()))?;
    files
        .iter()
        .map(|(name, v)| {
            v.as_u64()
                .map(|n| (name.clone(), n as usize))
                .ok_or_else(|| format!("{}: {name} is not a byte count", path.display()))
        })
        .collect()
}

fn current() -> Result<BTreeMap<String, usize>, String> {
    FILES
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dist_dir().join(name))
                .map_err(|e| format!("cannot read dist/{name}: {e}"))?;
            Ok(((*name).to_owned(), Sizes::of(&bytes).brotli))
        })
        .collect()
}

/// Writes the sizes of the files in `dist/` as the new baseline.
pub fn update_baseline() -> Result<(), String> {
    let now = current()?;
    let mut files = serde_json::Map::new();
    for (name, n) in &now {
        files.insert(name.clone(), (*n).into());
    }
    let json = serde_json::json!({
        "about": "brotli -q 11 bytes of each shipped code file; `cargo xtask test` fails when one grows more than 1 % over it. Lower it with `cargo xtask bench --update-baseline` and commit.",
        "brotli_bytes": files,
    });
    let text = serde_json::to_string_pretty(&json).expect("json") + "\n";
    std::fs::write(baseline_path(), text).map_err(|e| format!("writing the baseline: {e}"))?;
    keep_last_ok()?;
    eprintln!("xtask: size baseline updated: {now:?}");
    Ok(())
}

fn keep_last_ok() -> Result<(), String> {
    let dir = last_ok_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(dist_dir().join(WASM), dir.join(WASM))
        .map_err(|e| format!("keeping the wasm for twiggy: {e}"))?;
    Ok(())
}

/// Fails when a shipped file grew more than [`TOLERANCE_PERCENT`] over its baseline.
pub fn check() -> Result<(), String> {
    let base = read_baseline()?;
    let now = current()?;
    let mut over = Vec::new();
    println!("\n| file | baseline (brotli) | now | change |");
    println!("|---|---:|---:|---:|");
    for (name, n) in &now {
        let Some(&b) = base.get(name) else {
            return Err(format!(
                "{name} has no size baseline in xtask/size-baseline.json; run `cargo xtask bench --update-baseline`"
            ));
        };
        let change = (*n as f64 - b as f64) * 100.0 / b as f64;
        println!("| {name} | {b} | {n} | {change:+.2} % |");
        if change > TOLERANCE_PERCENT {
            over.push(format!(
                "{name}: {n} bytes brotli, baseline {b} ({change:+.2} %)"
            ));
        } else if change < -TOLERANCE_PERCENT {
            eprintln!(
                "xtask: {name} is {:.2} % under its baseline: lower it with `cargo xtask bench --update-baseline`",
                -change
            );
        }
    }
    if over.is_empty() {
        keep_last_ok()?;
        eprintln!(
            "xtask: size ratchet ok (each file within {TOLERANCE_PERCENT} % of its baseline)"
        );
        return Ok(());
    }
    if over.iter().any(|o| o.starts_with(WASM)) {
        twiggy_diff();
    }
    Err(format!(
        "size ratchet: grew more than {TOLERANCE_PERCENT} % over xtask/size-baseline.json:\n  {}\n\
         (if the growth is worth it, raise the baseline in the same commit and say why)",
        over.join("\n  ")
    ))
}

/// `twiggy diff` of the wasm against the last build that passed; without twiggy or without
/// a kept wasm, says so (the per-file table above is then the only diff).
fn twiggy_diff() {
    let old = last_ok_dir().join(WASM);
    if !old.is_file() {
        eprintln!(
            "xtask: no wasm of an earlier passing build in {} to diff against (only the per-file table above)",
            old.display()
        );
        return;
    }
    let twiggy = match tools::ensure_twiggy() {
        Ok(path) => path,
        Err(e) => {
            eprintln!("xtask: twiggy is not available ({e}); only the per-file table above");
            return;
        }
    };
    eprintln!(
        "xtask: twiggy diff (last passing wasm -> this one; raw bytes of the wasm after wasm-opt):"
    );
    let _ = crate::cmd::run(
        Command::new(twiggy)
            .args(["diff", "-n", "40"])
            .arg(&old)
            .arg(dist_dir().join(WASM)),
    );
}
