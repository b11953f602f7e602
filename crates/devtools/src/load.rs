//! `screening-dev load`: a load generator for a collector, for benchmarks, the dashboard's
//! end-to-end test and the durability test (which calls [`run`] in a thread).
//! It posts valid reports built with core (random answers to the built-in job-offer
//! questionnaire) over keep-alive HTTP/1.1 connections, retries each report (same id) through
//! connection errors and 5xx/429 until the deadline, and prints throughput and latency.

use clap::Args;
use screening_core::Locale;
use screening_core::answers::{Answer, Answers};
use screening_core::definition::QuestionKind;
use screening_core::month;
use screening_core::payload::{Payload, Privacy, ReportContext};
use screening_core::randomized::{Random, SplitMix64};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// The collector's address (host:port).
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: String,
    /// How many reports to post.
    #[arg(long, default_value_t = 5000)]
    pub count: usize,
    /// Connections posting at once.
    #[arg(long, default_value_t = 16)]
    pub concurrency: usize,
    /// Append the id of every acknowledged report (201 or 200) to this file, one per line,
    /// each written as soon as it is acknowledged.
    #[arg(long)]
    pub acked: Option<PathBuf>,
    /// Give up on a report after retrying this long.
    #[arg(long, default_value_t = 60)]
    pub retry_for_secs: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Spread the reports over this month and the previous one (2), or send this month only
    /// (1), so a dashboard has more than one month to show.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub months: u8,
    /// The built-in questionnaire to answer (job-offer or returnee).
    #[arg(long, default_value = "job-offer")]
    pub questionnaire: String,
}

/// The built-in questionnaires' current versions, as the collector has them.
pub const BUILT_IN: [(&str, &str); 2] = [
    (
        "job-offer",
        include_str!("../../../questionnaires/job-offer.json"),
    ),
    (
        "returnee",
        include_str!("../../../questionnaires/returnee.json"),
    ),
];

/// Reports built ahead of time, so the measurement is of the collector, not of us.
fn reports(count: usize, seed: u64, months: u8, questionnaire: &str) -> Vec<String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let this_month = month::format(month::of_unix_seconds(now));
    let last_month = month::format(month::of_unix_seconds(now) - 1);
    let json = BUILT_IN
        .iter()
        .find(|(name, _)| *name == questionnaire)
        .map_or(BUILT_IN[0].1, |(_, json)| json);
    let d = screening_core::parse_definition(json).expect("built-in is valid");
    let mut rng = SplitMix64(seed);
    (0..count)
        .map(|i| {
            let mut answers = Answers::default();
            for q in d.questions() {
                let ids = q.answer_ids();
                let pick = rng.below(ids.len() as u32 + 1).unwrap_or(0) as usize;
                if let Some(id) = ids.get(pick) {
                    let a = match q.kind {
                        QuestionKind::Single => Answer::One((*id).to_owned()),
                        QuestionKind::Multi => Answer::Many(vec![(*id).to_owned()]),
                    };
                    answers.set(&q.id, a);
                }
            }
            let answers = d.prune(&answers);
            let outcome = d.score(&answers).expect("answers come from the definition");
            let context = ReportContext {
                // Every locale in turn, English included (review finding 12).
                locale: Locale::ALL[i % Locale::ALL.len()],
                partner: Some(["umed-khujand", "dushanbe-ngo", "iom-tj"][i % 3].to_owned()),
                month: if months == 2 && i % 2 == 1 {
                    last_month.clone()
                } else {
                    this_month.clone()
                },
                privacy: Privacy::randomized(1.0),
            };
            let payload = Payload::build(&d, &answers, &outcome, &context, &mut rng)
                .expect("SplitMix64 never fails");
            serde_json::to_string(&payload).expect("payloads serialize")
        })
        .collect()
}

struct Tally {
    latencies_ms: Vec<f64>,
    stored: usize,
    duplicates: usize,
    failed: usize,
    rejected: usize,
}

/// Posts the reports and returns the summary (one JSON line: throughput, latency, outcomes);
/// an error when any report was rejected or could not be delivered by the deadline.
pub fn run(args: LoadArgs) -> Result<String, String> {
    if !BUILT_IN.iter().any(|(name, _)| *name == args.questionnaire) {
        return Err(format!(
            "--questionnaire {}: not a built-in questionnaire",
            args.questionnaire
        ));
    }
    let bodies = reports(args.count, args.seed, args.months, &args.questionnaire);
    let acked = match &args.acked {
        Some(path) => Some(Mutex::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| format!("{}: {e}", path.display()))?,
        )),
        None => None,
    };
    let tally = Mutex::new(Tally {
        latencies_ms: Vec::with_capacity(args.count),
        stored: 0,
        duplicates: 0,
        failed: 0,
        rejected: 0,
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let deadline = Duration::from_secs(args.retry_for_secs);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..args.concurrency.max(1) {
            scope.spawn(|| {
                let mut conn: Option<TcpStream> = None;
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(body) = bodies.get(i) else { break };
                    let first_try = Instant::now();
                    let mut backoff = Duration::from_millis(20);
                    loop {
                        let sent = Instant::now();
                        match post(&mut conn, &args.addr, body) {
                            Ok(status @ (200 | 201)) => {
                                let ms = sent.elapsed().as_secs_f64() * 1000.0;
                                if let Some(file) = &acked {
                                    let id = &body[body.find("\"id\":\"").unwrap_or(0) + 6..][..32];
                                    let mut f = file.lock().unwrap_or_else(|p| p.into_inner());
                                    let _ = writeln!(f, "{id}");
                                }
                                let mut t = tally.lock().unwrap_or_else(|p| p.into_inner());
                                t.latencies_ms.push(ms);
                                if status == 201 {
                                    t.stored += 1
                                } else {
                                    t.duplicates += 1
                                }
                                break;
                            }
                            Ok(status) if status < 500 && status != 429 => {
                                tally.lock().unwrap_or_else(|p| p.into_inner()).rejected += 1;
                                break;
                            }
                            _ => {
                                conn = None;
                                if first_try.elapsed() > deadline {
                                    tally.lock().unwrap_or_else(|p| p.into_inner()).failed += 1;
                                    break;
                                }
                                std::thread::sleep(backoff);
                                backoff = (backoff * 2).min(Duration::from_millis(500));
                            }
                        }
                    }
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    let mut t = tally.into_inner().unwrap_or_else(|p| p.into_inner());
    t.latencies_ms.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        let n = t.latencies_ms.len();
        if n == 0 {
            0.0
        } else {
            t.latencies_ms[((n as f64 * p).ceil() as usize).clamp(1, n) - 1]
        }
    };
    let summary = serde_json::json!({
        "sent": args.count,
        "stored": t.stored,
        "duplicates": t.duplicates,
        "rejected": t.rejected,
        "failed": t.failed,
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "per_second": ((t.stored + t.duplicates) as f64 / seconds).round(),
        "p50_ms": (pct(0.50) * 100.0).round() / 100.0,
        "p99_ms": (pct(0.99) * 100.0).round() / 100.0,
        "concurrency": args.concurrency,
    });
    if t.failed + t.rejected > 0 {
        return Err(format!(
            "{summary}: {} reports failed and {} were rejected",
            t.failed, t.rejected
        ));
    }
    Ok(summary.to_string())
}

/// POSTs one report on a keep-alive connection (opened when needed); returns the status.
fn post(conn: &mut Option<TcpStream>, addr: &str, body: &str) -> std::io::Result<u16> {
    if conn.is_none() {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        *conn = Some(stream);
    }
    let stream = conn.as_mut().expect("connected above");
    let request = format!(
        "POST /v1/submissions HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    let mut reader = BufReader::new(&*stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut rest = vec![0u8; length];
    reader.read_exact(&mut rest)?;
    Ok(status)
}
