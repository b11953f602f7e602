//! Stopping and copying the collector's database: SIGTERM with a half-sent request exits within
//! the shutdown deadline, lets a request in progress finish, and checkpoints the WAL, so the
//! `.sqlite` file alone (copied without -wal and -shm) holds every acknowledged report; and
//! `screening backup` copies a live database into one checked file.

mod common;

use common::{BIN, Collector, closed_by_server, free_port, raw, read_response, report, temp_dir};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn id_of(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["id"].as_str().unwrap().to_owned()
}

fn ids(db: &Path) -> HashSet<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok", "{}", db.display());
    conn.prepare("SELECT id FROM submissions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn sigterm_finishes_in_flight_requests_within_the_deadline_and_leaves_a_complete_file() {
    const DEADLINE: u64 = 2;
    let dir = temp_dir("sigterm");
    let db = dir.join("db.sqlite");
    let deadline = DEADLINE.to_string();
    let mut c = Collector::start(
        &db,
        free_port(),
        &[
            "--rate-per-minute",
            "0",
            "--shutdown-timeout-secs",
            &deadline,
        ],
    );
    let mut acked = HashSet::new();
    for seed in 0..20 {
        let body = report(seed, "umed");
        assert_eq!(c.post_json(&body).status, 201);
        acked.insert(id_of(&body));
    }
    // A client that never finishes its request head, an idle kept-alive connection, and a
    // report whose body is half sent.
    let half_head = raw(
        &c.addr,
        b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Ty",
    );
    let idle = raw(&c.addr, b"");
    let late = report(99, "umed");
    let (first, rest) = late.split_at(late.len() / 2);
    let mut in_flight = raw(
        &c.addr,
        format!(
            "POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{first}",
            late.len()
        )
        .as_bytes(),
    );
    std::thread::sleep(Duration::from_millis(300));
    let signalled = Instant::now();
    c.signal_term();
    // The report in progress may finish after the signal.
    std::thread::sleep(Duration::from_millis(300));
    in_flight.write_all(rest.as_bytes()).unwrap();
    let r = read_response(in_flight);
    assert_eq!(r.status, 201, "a request in progress finishes: {r:?}");
    acked.insert(id_of(&late));
    assert!(
        closed_by_server(&idle),
        "an idle connection is closed at once"
    );
    let code = c.wait_exit(Duration::from_secs(DEADLINE + 3));
    let took = signalled.elapsed();
    println!(
        "SIGTERM with a half-sent request: exited {code:?} after {took:?} (deadline {DEADLINE} s)"
    );
    assert_eq!(
        code,
        Some(0),
        "exits, and cleanly, despite the half-sent head"
    );
    assert!(
        took < Duration::from_millis(DEADLINE * 1000 + 1500),
        "took {took:?}"
    );
    assert!(closed_by_server(&half_head));
    let log = c.log();
    assert!(log.contains("shutdown deadline reached"), "{log}");
    assert!(log.contains("database checkpointed and closed"), "{log}");
    // The WAL was checkpointed into the main file: no -wal left (or an empty one).
    let wal = dir.join("db.sqlite-wal");
    assert!(
        std::fs::metadata(&wal).map_or(0, |m| m.len()) == 0,
        "a non-empty WAL was left behind"
    );
    // The .sqlite file alone, copied somewhere else, is complete.
    let copy_dir = temp_dir("sigterm-copy");
    let copy = copy_dir.join("copy.sqlite");
    std::fs::copy(&db, &copy).unwrap();
    let stored = ids(&copy);
    let missing = acked.difference(&stored).count();
    assert_eq!(
        missing, 0,
        "{missing} acknowledged reports are not in the file alone"
    );
    assert_eq!(stored.len(), 21);
}

#[test]
fn backup_copies_a_live_database_into_one_checked_file() {
    let dir = temp_dir("backup");
    let db = dir.join("db.sqlite");
    let c = Collector::start(&db, free_port(), &["--rate-per-minute", "0"]);
    let mut acked = HashSet::new();
    for seed in 0..30 {
        let body = report(seed, "umed");
        assert_eq!(c.post_json(&body).status, 201);
        acked.insert(id_of(&body));
    }
    // The collector keeps running (its WAL holds the recent commits) while the copy is made.
    let out = dir.join("backup.sqlite");
    let run = || {
        Command::new(BIN)
            .args(["backup", "--db"])
            .arg(&db)
            .arg(&out)
            .output()
            .unwrap()
    };
    let done = run();
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(said.contains("30 reports copied"), "{said}");
    assert!(
        !dir.join("backup.sqlite-wal").exists(),
        "the copy is one file"
    );
    // Moved elsewhere alone, it opens and has every report.
    let alone = temp_dir("backup-alone").join("b.sqlite");
    std::fs::copy(&out, &alone).unwrap();
    assert_eq!(ids(&alone), acked);
    assert_eq!(
        c.post_json(&report(77, "umed")).status,
        201,
        "still serving"
    );
    // An existing file is never overwritten.
    let again = run();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    let missing = Command::new(BIN)
        .args(["backup", "--db"])
        .arg(dir.join("nope.sqlite"))
        .arg(dir.join("x.sqlite"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}
