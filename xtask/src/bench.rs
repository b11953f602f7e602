//! `cargo xtask bench`: sizes of the release bundle (raw, gzip -9, brotli -q 11), timings in
//! Chromium against SurveyJS (`bench/bench.mjs`), and collector throughput. Figures, not
//! pass/fail: the size ratchet (`crate::ratchet`, run by `cargo xtask test`) is the check. `--update-baseline` writes the
//! sizes of this build as the new baseline (`xtask/size-baseline.json`), to commit.

use crate::bundle::{self, CSS, GLUE, LOADER, WASM};
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
    Ok(file(LOADER)?
        .plus(file(GLUE)?)
        .plus(file(WASM)?)
        .plus(file(CSS)?))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let tools = tools::install_build_tools()?;
    if args.iter().any(|a| a == "--collector") {
        return collector(&tools);
    }
    tools::install_browser()?;
    bundle::build_release(&tools)?;
    sizes()?;
    if args.iter().any(|a| a == "--update-baseline") {
        return crate::ratchet::update_baseline();
    }
    timings(&tools)?;
    if args.iter().any(|a| a == "--widget") {
        return Ok(());
    }
    collector(&tools)
}

fn row(label: &str, s: Sizes) {
    println!("| {label} | {} | {} | {} |", s.raw, s.gzip, s.brotli);
}

fn sizes() -> Result<(), String> {
    println!("\n## Bundle (release build)\n");
    println!("| file | raw | gzip -9 | brotli -q 11 |");
    println!("|---|---:|---:|---:|");
    for (label, name) in [
        ("loader JS", LOADER),
        ("glue JS", GLUE),
        ("wasm", WASM),
        ("stylesheet", CSS),
    ] {
        row(&format!("{label}: `{name}`"), file(name)?);
    }
    let code = code_size()?;
    row("**bundle: the code every visitor downloads**", code);
    let mut content = Sizes::default();
    for name in ["job-offer.json", "returnee.json", "contacts.json"] {
        let s = file(&format!("questionnaires/{name}"))?;
        content = content.plus(s);
        row(
            &format!("source (every locale): `questionnaires/{name}`"),
            s,
        );
    }
    row(
        "everything deployed (bundle, and content in all locales)",
        code.plus(content),
    );
    // What a visitor downloads: the code, and one questionnaire and the contacts in one locale
    // (`cargo xtask dist` derives these files from the sources above).
    println!("\n## One complete screening in one language (brotli -q 11)\n");
    println!(
        "| questionnaire | code | definition | pre-rendered start screen | contacts | **whole screening** (goal <= 120,000) | to the first question: code + definition + start screen (goal <= 110,000) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (id, locale) in [("job-offer", "tg"), ("returnee", "ru")] {
        let d = file(&format!("questionnaires/{id}.{locale}.json"))?;
        let s = file(&format!("questionnaires/{id}.{locale}.start.json"))?;
        let c = file(&format!("questionnaires/contacts.{locale}.json"))?;
        println!(
            "| {id} ({locale}) | {} | {} | {} | {} | **{}** | {} |",
            code.brotli,
            d.brotli,
            s.brotli,
            c.brotli,
            code.brotli + d.brotli + s.brotli + c.brotli,
            code.brotli + d.brotli + s.brotli
        );
    }
    Ok(())
}

/// The browser benchmark (`bench/bench.mjs`): screening-form against the same questionnaire in
/// SurveyJS, both served with brotli over HTTPS from one server, alternating, `BENCH_RUNS` runs
/// each (default 7), throttled and unthrottled; then the preload hints. Prints the tables.
fn timings(tools: &Tools) -> Result<(), String> {
    let runs = std::env::var("BENCH_RUNS").unwrap_or_else(|_| "7".into());
    eprintln!(
        "xtask: screening-form and SurveyJS in Chromium, {runs} runs each, throttled \
         (4x CPU, 1.6 Mbps / 150 ms) and unthrottled..."
    );
    let out = tools
        .command("node")
        .arg("bench/bench.mjs")
        .env("BENCH_RUNS", &runs)
        .env("BENCH_DIST", dist_dir())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        return Err("the browser benchmark failed".into());
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value =
        serde_json::from_str(text.trim()).map_err(|e| format!("bench output: {e}"))?;
    print_timings(&json);
    Ok(())
}

const OURS: &str = "screening-form";
const SURVEYJS: &str = "surveyjs";

/// A whole number with thousands separators, or a dash when absent.
fn num(v: &serde_json::Value) -> String {
    let Some(n) = v.as_f64() else {
        return "–".into();
    };
    let digits = format!("{}", n.round() as i64);
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// `a / b` to two places, or a dash.
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "–".into(),
    }
}

fn sum(v: &serde_json::Value, keys: &[&str]) -> Option<f64> {
    keys.iter().map(|k| v[*k].as_f64()).sum()
}

fn print_timings(json: &serde_json::Value) {
    let runs = &json["runs"];
    println!(
        "\n## screening-form and SurveyJS {} in the browser: {} in `{}`, medians of {runs} runs \
         each\n",
        json["surveyjs"].as_str().unwrap_or("?"),
        json["questionnaire"].as_str().unwrap_or("?"),
        json["lang"].as_str().unwrap_or("?"),
    );
    let asked = |side: &str| {
        json["profiles"]["throttled"][side]["asked"]
            .as_array()
            .map_or(0, Vec::len)
    };
    println!(
        "{}; {} ({} cores, shared with whatever else runs); Chromium {} headless at 390 x 844; {}; a fresh \
         browser context (empty cache) per run; the two sides alternate, each on the same plain \
         partner page with text below it, each with a start screen whose Start is pressed two \
         frames after it appears. One whole screening along a real path (a worked case's answers \
         clicked, then Next; {} questions shown on our side, {} on SurveyJS's), to the result. \
         Median of the runs, [fastest, slowest] beside it. Ratio: screening-form / SurveyJS. \
         Memory excludes the DOM on both sides.",
        json["date"].as_str().unwrap_or("?"),
        json["cpu"].as_str().unwrap_or("?"),
        json["cores"],
        json["chromium"].as_str().unwrap_or("?"),
        json["protocol"].as_str().unwrap_or("?"),
        asked(OURS),
        asked(SURVEYJS),
    );
    let profiles = &json["profiles"];
    for (profile, title) in [
        (
            "throttled",
            "4x CPU slowdown, 1.6 Mbps down / 750 kbps up / 150 ms latency",
        ),
        ("unthrottled", "no throttling"),
    ] {
        let p = &profiles[profile];
        let (o, s) = (&p[OURS], &p[SURVEYJS]);
        println!("\n### {title}\n");
        println!("| measure | screening-form | SurveyJS | ratio |");
        println!("|---|---:|---:|---:|");
        let line = |label: &str, unit: &str, a: Option<f64>, b: Option<f64>| {
            let show = |x: Option<f64>| match x {
                Some(x) => format!("{} {unit}", num(&serde_json::json!(x))),
                None => "–".into(),
            };
            println!("| {label} | {} | {} | {} |", show(a), show(b), ratio(a, b));
        };
        let get = |v: &serde_json::Value, k: &str| v[k].as_f64();
        line(
            "bytes transferred, one whole screening (brotli, with headers)",
            "B",
            get(o, "bytes"),
            get(s, "bytes"),
        );
        let spread = |label: &str, key: &str| {
            let show = |v: &serde_json::Value| match v[key].as_f64() {
                Some(x) => format!(
                    "{} ms [{}–{}]",
                    num(&serde_json::json!(x)),
                    num(&v[format!("{key}_range")][0]),
                    num(&v[format!("{key}_range")][1])
                ),
                None => "–".into(),
            };
            println!(
                "| {label} | {} | {} | {} |",
                show(o),
                show(s),
                ratio(get(o, key), get(s, key))
            );
        };
        spread(
            "start screen on screen (Start in the DOM)",
            "start_screen_ms",
        );
        spread(
            "**first question** (Start pressed at once)",
            "first_question_ms",
        );
        let cls = |v: &serde_json::Value| match (v["cls"].as_f64(), v["cls_max"].as_f64()) {
            (Some(m), Some(x)) => format!("{m:.3} (at most {x:.3})"),
            _ => "–".into(),
        };
        println!(
            "| layout shift (CLS) while loading, until Start | {} | {} | |",
            cls(o),
            cls(s)
        );
        line(
            "per step, median (Next -> next question in the DOM)",
            "ms",
            get(o, "step_ms_median"),
            get(s, "step_ms_median"),
        );
        line(
            "per step, median (Next -> the frame that paints it)",
            "ms",
            get(o, "step_painted_ms_median"),
            get(s, "step_painted_ms_median"),
        );
        line(
            "per step, slowest (in the DOM)",
            "ms",
            get(o, "step_ms_max"),
            get(s, "step_ms_max"),
        );
        line(
            "main-thread CPU to the first question (TaskDuration)",
            "ms",
            get(o, "cpu_first_ms"),
            get(s, "cpu_first_ms"),
        );
        line(
            "main-thread CPU, whole screening (TaskDuration)",
            "ms",
            get(o, "cpu_total_ms"),
            get(s, "cpu_total_ms"),
        );
        line(
            "of which script (ScriptDuration)",
            "ms",
            get(o, "script_total_ms"),
            get(s, "script_total_ms"),
        );
        line(
            "JS heap at the first question (after GC)",
            "B",
            get(o, "heap_first"),
            get(s, "heap_first"),
        );
        line(
            "JS heap at the result (after GC)",
            "B",
            get(o, "heap_result"),
            get(s, "heap_result"),
        );
        line(
            "wasm linear memory at the result (its size, used or not)",
            "B",
            get(o, "wasm_result"),
            None,
        );
        line(
            "**memory at the result: JS heap + wasm memory**",
            "B",
            sum(o, &["heap_result", "wasm_result"]),
            get(s, "heap_result"),
        );
    }
    println!("\n### Bytes per file (brotli, with headers; one unthrottled run)\n");
    for side in [OURS, SURVEYJS] {
        let files: Vec<String> = json["resources"][side]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| {
                format!(
                    "`{}` {}",
                    r["path"].as_str().unwrap_or("?"),
                    num(&r["bytes"])
                )
            })
            .collect();
        println!("- {side}: {}", files.join(", "));
    }
    let throttled = &profiles["throttled"];
    let base = throttled[OURS]["first_question_ms"].as_f64();
    println!("\n### Preload hints (throttled; first question only; docs/preload-hints.md)\n");
    println!("| host page | start screen | first question | saved | fetched twice |");
    println!("|---|---:|---:|---:|---|");
    for (name, v) in throttled.as_object().into_iter().flatten() {
        if !name.starts_with(OURS) {
            continue;
        }
        let first = v["first_question_ms"].as_f64();
        let saved = match (base, first) {
            (Some(b), Some(f)) if name != OURS => format!("{} ms", num(&serde_json::json!(b - f))),
            _ => "–".into(),
        };
        let twice: Vec<&str> = v["fetched_twice"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str())
            .collect();
        let label = if name == OURS {
            "screening-form, no hints (tests/e2e/pages/plain.html)"
        } else {
            name.as_str()
        };
        println!(
            "| {label} | {} ms | {} ms | {saved} | {} |",
            num(&v["start_screen_ms"]),
            num(&v["first_question_ms"]),
            if twice.is_empty() {
                "–".into()
            } else {
                twice.join(", ")
            }
        );
    }
    println!("\n### Returnee (ru), screening-form only, throttled\n");
    println!(
        "| questionnaire | start screen | first question | per step (median) | per step (max) | transferred |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, v) in throttled.as_object().into_iter().flatten() {
        if name.starts_with("returnee") {
            println!(
                "| returnee (ru) | {} ms | {} ms | {} ms | {} ms | {} B |",
                num(&v["start_screen_ms"]),
                num(&v["first_question_ms"]),
                num(&v["step_ms_median"]),
                num(&v["step_ms_max"]),
                num(&v["bytes"])
            );
        }
    }
    for (profile, variants) in profiles.as_object().into_iter().flatten() {
        for (name, v) in variants.as_object().into_iter().flatten() {
            for w in v["warnings"].as_array().into_iter().flatten() {
                eprintln!("xtask: bench warning ({profile}, {name}): {w}");
            }
        }
    }
}

/// Collector figures on SQLite and on PostgreSQL (a throwaway cluster, fsync on): durable
/// reports per second at 1, 16 and 64 connections, and the latency of an aggregate request
/// with 10,000 reports posted and with 10,000,000 (the same reports multiplied in the database
/// by `screening-dev generate`, counters multiplied with them, so the same groups and cells).
fn collector(tools: &Tools) -> Result<(), String> {
    crate::bundle::build_collector(tools)?;
    let dir = std::env::temp_dir().join(format!("screening-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let cluster = crate::test::PgCluster::start()?;
    let mut throughput = Vec::new();
    let mut latency = Vec::new();
    let result = (|| -> Result<(), String> {
        for backend in ["sqlite", "postgres"] {
            let db = |name: &str| -> Result<String, String> {
                if backend == "sqlite" {
                    Ok(dir
                        .join(format!("{name}.sqlite"))
                        .to_string_lossy()
                        .into_owned())
                } else {
                    crate::cmd::run(Command::new("psql").arg(&cluster.url).args([
                        "-q",
                        "-c",
                        &format!("CREATE DATABASE {name}"),
                    ]))?;
                    Ok(cluster.url.replace("/postgres", &format!("/{name}")))
                }
            };
            let throughput_db = db("throughput")?;
            let serve = Serve::start(&throughput_db)?;
            for (i, concurrency) in [1, 16, 64].into_iter().enumerate() {
                let count = if concurrency == 1 { 5000 } else { 20000 };
                let v = load(&serve.addr, count, concurrency, i as u64 + 1)?;
                throughput.push(format!(
                    "| {backend} | {concurrency} | {} | {} | {} ms | {} ms |",
                    v["stored"], v["per_second"], v["p50_ms"], v["p99_ms"]
                ));
            }
            drop(serve);
            let agg_db = db("aggregates")?;
            let serve = Serve::start(&agg_db)?;
            load(&serve.addr, 10_000, 16, 7)?;
            let small = aggregate_latency(&serve.addr)?;
            drop(serve);
            let started = std::time::Instant::now();
            let out = crate::cmd::output(
                Command::new(root().join("target/release/screening-dev")).args([
                    "generate",
                    "--db",
                    &agg_db,
                    "--multiply",
                    "1000",
                ]),
            )
            .ok_or("screening-dev generate failed")?;
            eprintln!(
                "xtask: {backend}: {out} in {:.0} s",
                started.elapsed().as_secs_f64()
            );
            let serve = Serve::start(&agg_db)?;
            let big = aggregate_latency(&serve.addr)?;
            drop(serve);
            latency.push(format!(
                "| {backend} | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} |",
                small.0,
                small.1,
                big.0,
                big.1,
                big.0 / small.0
            ));
        }
        Ok(())
    })();
    drop(cluster);
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "\n## Collector: durable reports per second (group commit; SQLite WAL synchronous=FULL, \
         PostgreSQL 15 synchronous_commit=on, fsync on)\n"
    );
    println!("| store | connections | reports | accepted/s | p50 | p99 |");
    println!("|---|---:|---:|---:|---:|---:|");
    for row in &throughput {
        println!("{row}");
    }
    println!("\n## Collector: GET /v1/aggregates (job-offer; median and p99 of 50 requests)\n");
    println!("| store | 10,000 reports p50 | p99 | 10,000,000 reports p50 | p99 | ratio |");
    println!("|---|---:|---:|---:|---:|---:|");
    for row in &latency {
        println!("{row}");
    }
    result
}

/// A benchmark-only admin token, as strong as the collector requires.
const BENCH_TOKEN: &str = "7d2a9f0c4e1b6385a0f7c3e9d1b5a2864c0e7f3a9d1b5c28e6f4a0c7d3e9b1f5";

struct Serve {
    child: std::process::Child,
    addr: String,
}

impl Serve {
    fn start(db: &str) -> Result<Serve, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(root().join("target/release/screening"))
            .args([
                "serve",
                "--addr",
                &addr,
                "--rate-per-minute",
                "0",
                "--db",
                db,
            ])
            .env("SCREENING_LOG", "warn")
            .env("SCREENING_ADMIN_TOKEN", BENCH_TOKEN)
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("screening serve: {e}"))?;
        let serve = Serve { child, addr };
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(&serve.addr).is_err() {
            if started.elapsed().as_secs() > 60 {
                return Err("the collector did not start".into());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(serve)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn load(
    addr: &str,
    count: usize,
    concurrency: usize,
    seed: u64,
) -> Result<serde_json::Value, String> {
    let out = Command::new(root().join("target/release/screening-dev"))
        .args(["load", "--addr", addr, "--count", &count.to_string()])
        .args([
            "--concurrency",
            &concurrency.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .output()
        .map_err(|e| format!("screening-dev load: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "screening-dev load failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(serde_json::from_slice(&out.stdout).unwrap_or_default())
}

/// Median and p99 (ms) of 50 aggregate requests, each on a new connection, after 5 warm-ups;
/// checks each answer is a 200.
fn aggregate_latency(addr: &str) -> Result<(f64, f64), String> {
    use std::io::{Read, Write};
    let mut times = Vec::new();
    for i in 0..55 {
        let started = std::time::Instant::now();
        let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
        write!(
            stream,
            "GET /v1/aggregates?questionnaire=job-offer HTTP/1.1\r\nHost: {addr}\r\n\
             Authorization: Bearer {BENCH_TOKEN}\r\nConnection: close\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let mut response = Vec::new();
        stream
            .read_to_end(&mut response)
            .map_err(|e| e.to_string())?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        if !response.starts_with(b"HTTP/1.1 200") {
            return Err(format!(
                "aggregates: {}",
                String::from_utf8_lossy(&response[..response.len().min(300)])
            ));
        }
        if i >= 5 {
            times.push(elapsed);
        }
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[times.len() * 99 / 100]))
}
