//! `cargo xtask bench`: sizes of the release bundle (raw, gzip -9, brotli -q 11), timings in
//! throttled Chromium, and collector throughput. Figures, not pass/fail: the size ratchet
//! (`crate::ratchet`, run by `cargo xtask test`) is the check. `--update-baseline` writes the
//! sizes of this build as the new baseline (`xtask/size-baseline.json`), to commit.

use crate::bundle::{self, GLUE, LOADER, WASM};
use crate::cmd::root;
use crate::tools::{self, Tools, dist_dir};
use std::io::Write;
use std::process::{Command, Stdio};

/// Sizes of one file, in bytes.
#[derive(Clone, Copy, Default)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    pub fn of(bytes: &[u8]) -> Sizes {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(bytes).expect("writing to memory");
        let gzip = gz.finish().expect("writing to memory").len();
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).expect("writing to memory");
        Sizes {
            raw: bytes.len(),
            gzip,
            brotli: br.len(),
        }
    }

    fn plus(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gzip: self.gzip + o.gzip,
            brotli: self.brotli + o.brotli,
        }
    }
}

fn file(path: &str) -> Result<Sizes, String> {
    let bytes = std::fs::read(dist_dir().join(path))
        .map_err(|e| format!("cannot read dist/{path}: {e}"))?;
    Ok(Sizes::of(&bytes))
}

/// The code every visitor downloads, whatever the questionnaire.
pub fn code_size() -> Result<Sizes, String> {
    Ok(file(LOADER)?.plus(file(GLUE)?).plus(file(WASM)?))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let tools = tools::install_build_tools()?;
    tools::install_browser()?;
    bundle::build_release(&tools)?;
    sizes()?;
    if args.iter().any(|a| a == "--update-baseline") {
        return crate::ratchet::update_baseline();
    }
    timings(&tools)?;
    collector(&tools)
}

fn row(label: &str, s: Sizes) {
    println!("| {label} | {} | {} | {} |", s.raw, s.gzip, s.brotli);
}

fn sizes() -> Result<(), String> {
    let css = Sizes::of(
        &std::fs::read(root().join("style/screening-form.css"))
            .map_err(|e| format!("style: {e}"))?,
    );
    println!("\n## Bundle (release build)\n");
    println!("| file | raw | gzip -9 | brotli -q 11 |");
    println!("|---|---:|---:|---:|");
    for (label, name) in [
        ("loader JS", LOADER),
        ("glue JS", GLUE),
        ("wasm (CSS compiled in)", WASM),
    ] {
        row(&format!("{label}: `{name}`"), file(name)?);
    }
    row("(CSS alone, inside the wasm)", css);
    let code = code_size()?;
    row("**bundle: the code every visitor downloads**", code);
    let mut content = Sizes::default();
    for name in ["job-offer.json", "returnee.json", "contacts.json"] {
        let s = file(&format!("questionnaires/{name}"))?;
        content = content.plus(s);
        row(
            &format!("definition: `questionnaires/{name}` (4 locales)"),
            s,
        );
    }
    row(
        "everything deployed (bundle, and content in all locales)",
        code.plus(content),
    );
    println!("\n## One complete screening (brotli -q 11)\n");
    println!("| questionnaire | code | definition | contacts | total |");
    println!("|---|---:|---:|---:|---:|");
    let contacts = file("questionnaires/contacts.json")?;
    for id in ["job-offer", "returnee"] {
        let d = file(&format!("questionnaires/{id}.json"))?;
        println!(
            "| {id} | {} | {} | {} | **{}** |",
            code.brotli,
            d.brotli,
            contacts.brotli,
            code.brotli + d.brotli + contacts.brotli
        );
    }
    Ok(())
}

fn timings(tools: &Tools) -> Result<(), String> {
    eprintln!("xtask: timing in Chromium (4x CPU throttling, 1.6 Mbps / 150 ms, 5 runs each)...");
    let out = tools
        .command("node")
        .arg("tests/e2e/bench.mjs")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        return Err("the timing benchmark failed".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(text.trim()).map_err(|e| format!("bench output: {e}"))?;
    println!(
        "\n## Timings (median of 5, headless Chromium, 4x CPU throttling, 1.6 Mbps / 150 ms, gzip transfer)\n"
    );
    println!(
        "| questionnaire | start screen | first question | per step (median) | per step (max) | transferred (gzip) |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, v) in json.as_object().into_iter().flatten() {
        println!(
            "| {name} | {} ms | {} ms | {} ms | {} ms | {} B |",
            v["start_screen_ms"],
            v["first_question_ms"],
            v["step_ms_median"],
            v["step_ms_max"],
            v["transferred_bytes_gzip"]
        );
    }
    Ok(())
}

fn collector(tools: &Tools) -> Result<(), String> {
    crate::cmd::run(
        tools
            .command("cargo")
            .args(["build", "--release", "-p", "screening"]),
    )?;
    let dir = std::env::temp_dir().join(format!("screening-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let bin = root().join("target/release/screening");
    let addr = "127.0.0.1:8799";
    let mut serve = Command::new(&bin)
        .args(["serve", "--addr", addr, "--rate-per-minute", "0"])
        .arg("--db")
        .arg(dir.join("bench.sqlite"))
        .env("SCREENING_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("screening serve: {e}"))?;
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(addr).is_err() {
        if started.elapsed().as_secs() > 20 {
            let _ = serve.kill();
            return Err("the collector did not start".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    println!("\n## Collector (SQLite WAL, synchronous=FULL, group commit; durable 201s)\n");
    println!("| connections | reports | accepted/s | p50 | p99 |");
    println!("|---:|---:|---:|---:|---:|");
    let mut result = Ok(());
    for (i, concurrency) in [1, 16, 64].into_iter().enumerate() {
        let out = Command::new(&bin)
            .args(["load", "--addr", addr, "--count", "20000"])
            .args([
                "--concurrency",
                &concurrency.to_string(),
                "--seed",
                &(i + 1).to_string(),
            ])
            .output()
            .map_err(|e| format!("screening load: {e}"))?;
        if !out.status.success() {
            result = Err(format!(
                "screening load failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            break;
        }
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        println!(
            "| {concurrency} | {} | {} | {} ms | {} ms |",
            v["stored"], v["per_second"], v["p50_ms"], v["p99_ms"]
        );
    }
    let _ = serve.kill();
    let _ = serve.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
