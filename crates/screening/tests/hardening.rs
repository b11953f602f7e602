//! The collector under slow clients and bad framing, over raw sockets: a declared length over
//! the limit is refused before the body, a cut or badly chunked body is a 400, a slow body a
//! 408; hundreds of slowloris connections neither delay a real report nor stay open past the
//! header timeout; idle connections beyond the open-file limit do not lock reports out; and
//! `/healthz` says when reports cannot be stored.

mod common;

use common::{Collector, closed_by_server, free_port, raw, read_response, report, temp_dir};
use serde_json::Value;
use std::io::Write;
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

fn json_error(r: &common::Response) -> Value {
    assert!(
        r.header("content-type")
            .unwrap_or("")
            .starts_with("application/json"),
        "{r:?}"
    );
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert!(v["error"].is_string(), "{v}");
    v
}

#[test]
fn bad_framing_gets_400_413_or_408_at_once_and_stores_nothing() {
    let dir = temp_dir("framing");
    let c = Collector::start(
        &dir.join("db.sqlite"),
        free_port(),
        &["--rate-per-minute", "0", "--body-timeout-secs", "1"],
    );
    let head = |extra: &str| {
        format!(
            "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{extra}\r\n"
        )
    };
    // 100 MB declared, nothing sent: 413 without waiting for the body.
    let started = Instant::now();
    let r = read_response(raw(
        &c.addr,
        head("Content-Length: 104857600\r\n").as_bytes(),
    ));
    assert_eq!(r.status, 413, "{r:?}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    json_error(&r);
    // Cut short: 300 bytes declared, 100 sent, then the client stops sending.
    let body = report(1, "umed");
    let cut = raw(
        &c.addr,
        format!("{}{}", head("Content-Length: 300\r\n"), &body[..100]).as_bytes(),
    );
    cut.shutdown(Shutdown::Write).unwrap();
    let r = read_response(cut);
    assert_eq!(r.status, 400, "cut short: {r:?}");
    json_error(&r);
    // Chunked with a chunk size that is not hex.
    let r = read_response(raw(
        &c.addr,
        format!(
            "{}zz\r\nabc\r\n0\r\n\r\n",
            head("Transfer-Encoding: chunked\r\n")
        )
        .as_bytes(),
    ));
    assert_eq!(r.status, 400, "bad chunk: {r:?}");
    json_error(&r);
    // Chunked, cut in the middle of a chunk.
    let cut = raw(
        &c.addr,
        format!(
            "{}100\r\n{}",
            head("Transfer-Encoding: chunked\r\n"),
            &body[..50]
        )
        .as_bytes(),
    );
    cut.shutdown(Shutdown::Write).unwrap();
    let r = read_response(cut);
    assert_eq!(r.status, 400, "chunk cut short: {r:?}");
    // Chunked and over the limit (no length to refuse it early): 413 while reading.
    let mut big = head("Transfer-Encoding: chunked\r\n");
    for _ in 0..20 {
        big.push_str(&format!("400\r\n{}\r\n", " ".repeat(1024)));
    }
    big.push_str("0\r\n\r\n");
    let r = read_response(raw(&c.addr, big.as_bytes()));
    assert_eq!(r.status, 413, "{r:?}");
    // A valid report sent chunked is fine.
    let r = read_response(raw(
        &c.addr,
        format!(
            "{}{:x}\r\n{body}\r\n0\r\n\r\n",
            head("Transfer-Encoding: chunked\r\nConnection: close\r\n"),
            body.len()
        )
        .as_bytes(),
    ));
    assert_eq!(r.status, 201, "{r:?}");
    // A body that stops coming: 408 after the body timeout (1 s here).
    let started = Instant::now();
    let slow = raw(
        &c.addr,
        format!("{}{}", head("Content-Length: 300\r\n"), &body[..100]).as_bytes(),
    );
    let r = read_response(slow);
    let waited = started.elapsed();
    assert_eq!(r.status, 408, "{r:?}");
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    json_error(&r);
    assert_eq!(c.rows(), 1, "only the chunked valid report was stored");
}

#[test]
fn slowloris_connections_do_not_delay_a_report_and_are_closed_after_the_header_timeout() {
    const SLOW: usize = 400;
    let dir = temp_dir("slowloris");
    let c = Collector::start(
        &dir.join("db.sqlite"),
        free_port(),
        &["--rate-per-minute", "0", "--header-timeout-secs", "6"],
    );
    // Each slow client sends the start of a request, then one more header byte every 500 ms,
    // never finishing the head.
    let mut slow: Vec<TcpStream> = (0..SLOW)
        .map(|_| {
            raw(
                &c.addr,
                b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\nX-Slow: ",
            )
        })
        .collect();
    let opened = Instant::now(); // when the last one opened
    let trickle = |slow: &mut Vec<TcpStream>| {
        for s in slow.iter_mut() {
            let _ = s.write_all(b"a");
        }
    };
    for _ in 0..2 {
        std::thread::sleep(Duration::from_millis(500));
        trickle(&mut slow);
    }
    let held = slow.iter().filter(|s| !closed_by_server(s)).count();
    assert_eq!(held, SLOW, "all slow connections are held open for now");
    let started = Instant::now();
    let r = c.post_json(&report(1, "umed"));
    let took = started.elapsed();
    assert_eq!(r.status, 201, "{r:?}");
    assert!(took < Duration::from_secs(2), "the report took {took:?}");
    // Keep trickling past the header timeout: the server closes them all anyway.
    while opened.elapsed() < Duration::from_secs(8) {
        std::thread::sleep(Duration::from_millis(500));
        trickle(&mut slow);
    }
    let still_open = slow.iter().filter(|s| !closed_by_server(s)).count();
    println!(
        "{held} slowloris connections held; a real report got 201 in {took:?}; \
         {still_open} still open {:?} after they opened",
        opened.elapsed()
    );
    assert_eq!(
        still_open, 0,
        "slow connections outlived the 6 s header timeout"
    );
    assert_eq!(c.post_json(&report(2, "umed")).status, 201);
}

#[test]
fn idle_connections_beyond_the_open_file_limit_do_not_lock_reports_out() {
    const NOFILE: u32 = 256;
    const IDLE: usize = 400;
    let dir = temp_dir("fds");
    let mut c = Collector::start_full(
        &dir.join("db.sqlite"),
        free_port(),
        &["--rate-per-minute", "0"],
        &[],
        Some(NOFILE),
    );
    // More idle connections (nothing sent) than the server has file descriptors.
    let idle: Vec<TcpStream> = (0..IDLE)
        .map(|_| TcpStream::connect(&c.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    let r = c.post_json(&report(1, "umed"));
    let took = started.elapsed();
    assert_eq!(r.status, 201, "{r:?}");
    assert!(took < Duration::from_secs(2), "the report took {took:?}");
    assert!(c.alive(), "the collector is still running");
    let closed = idle.iter().filter(|s| closed_by_server(s)).count();
    let log = c.log();
    println!(
        "ulimit -n {NOFILE}: {IDLE} idle connections, {closed} closed by the server; a real \
         report got 201 in {took:?}"
    );
    assert!(
        closed >= IDLE - 256,
        "only {closed} idle connections were closed"
    );
    assert!(
        log.contains("max_connections=192 open_files=256"),
        "the limit fits the open-file limit:\n{log}"
    );
    assert!(
        log.contains("connection limit reached"),
        "the limit is logged:\n{log}"
    );
    assert!(!log.contains("127.0.0.1"), "no address in the log:\n{log}");
    assert!(
        !log.contains("Too many open files"),
        "never out of descriptors:\n{log}"
    );
    drop(idle);
    assert_eq!(c.post_json(&report(2, "umed")).status, 201);
    assert_eq!(c.rows(), 2);
}

/// How long `/healthz` gives its last answer again (the collector's `health::FRESH_FOR`, and a
/// little more).
const HEALTH_FRESH: Duration = Duration::from_millis(2100);

#[test]
fn healthz_says_503_with_the_reason_while_reports_cannot_be_stored() {
    let dir = temp_dir("healthz");
    let db = dir.join("db.sqlite");
    let c = Collector::start(&db, free_port(), &[]);
    let ok = c.request("GET", "/healthz", &[], b"");
    assert_eq!(ok.status, 200, "{ok:?}");
    assert_eq!(
        serde_json::from_str::<Value>(&ok.body).unwrap()["status"],
        "ok"
    );
    // Another process (an operator's sqlite3 shell, say) holds the write lock.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    assert_eq!(
        c.request("GET", "/healthz", &[], b"").status,
        200,
        "a probe within the last 2 s is answered again, without writing"
    );
    std::thread::sleep(HEALTH_FRESH);
    let r = c.request("GET", "/healthz", &[], b"");
    assert_eq!(r.status, 503, "{r:?}");
    let v = json_error(&r);
    assert!(v["details"][0].as_str().unwrap().contains("locked"), "{v}");
    other.execute_batch("COMMIT").unwrap();
    std::thread::sleep(HEALTH_FRESH);
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn healthz_writes_to_the_disk_and_says_503_when_it_is_full() {
    let Some(fs) = common::Tmpfs::mount("healthz-full", "2m") else {
        return;
    };
    let db = fs.path.join("db.sqlite");
    let wal = fs.path.join("db.sqlite-wal");
    let c = Collector::start(&db, free_port(), &["--rate-per-minute", "0"]);
    assert_eq!(c.post_json(&report(1, "umed")).status, 201);
    // Each probe is a real write: the WAL grows (the old probe wrote nothing at all).
    let before = std::fs::metadata(&wal).unwrap().len();
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    std::thread::sleep(HEALTH_FRESH);
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    let after = std::fs::metadata(&wal).unwrap().len();
    assert!(
        after > before,
        "the WAL grew from {before} to {after} bytes"
    );
    // Many probes at once cost one write.
    for _ in 0..50 {
        assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    }
    assert_eq!(
        std::fs::metadata(&wal).unwrap().len(),
        after,
        "answered from the last probe"
    );
    // The disk fills up.
    let filled = fs.fill("filler");
    std::thread::sleep(HEALTH_FRESH);
    let r = c.request("GET", "/healthz", &[], b"");
    println!("filled {filled} bytes; /healthz: {} {}", r.status, r.body);
    assert_eq!(r.status, 503, "{r:?}");
    let v = json_error(&r);
    assert!(v["details"][0].as_str().unwrap().contains("full"), "{v}");
    // A report now is refused too (and not acknowledged).
    assert_eq!(c.post_json(&report(2, "umed")).status, 503);
    // Room again: healthy again, and reports are stored; nothing stored before was lost.
    std::fs::remove_file(fs.path.join("filler")).unwrap();
    std::thread::sleep(HEALTH_FRESH);
    assert_eq!(c.request("GET", "/healthz", &[], b"").status, 200);
    assert_eq!(c.post_json(&report(3, "umed")).status, 201);
    assert_eq!(c.rows(), 2);
    drop(c);
}
