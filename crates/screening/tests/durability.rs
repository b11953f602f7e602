//! Kill the collector with SIGKILL while a load generator posts thousands of reports, restart
//! it, and check that every report that got a 201 (or 200) is in the database, none twice.

mod common;

use common::{BIN, Collector, free_port, rows, temp_dir};
use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
fn every_acknowledged_report_survives_sigkill() {
    let dir = temp_dir("durability");
    let db = dir.join("db.sqlite");
    let acked = dir.join("acked.txt");
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let serve_args = ["--rate-per-minute", "0"];
    let mut collector = Collector::start(&db, port, &serve_args);
    let load = Command::new(BIN)
        .args([
            "load",
            "--addr",
            &addr,
            "--count",
            "6000",
            "--concurrency",
            "8",
            "--retry-for-secs",
            "60",
        ])
        .arg("--acked")
        .arg(&acked)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(300));
        collector.kill();
        std::thread::sleep(Duration::from_millis(200));
        collector = Collector::start(&db, port, &serve_args);
    }
    let output = load.wait_with_output().unwrap();
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the load generator finished: {summary}"
    );
    drop(collector);
    let acked: Vec<String> = std::fs::read_to_string(&acked)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let unique: HashSet<&String> = acked.iter().collect();
    assert_eq!(
        unique.len(),
        6000,
        "every report was acknowledged once it got through: {summary}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: HashSet<String> = conn
        .prepare("SELECT id FROM submissions")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let missing: Vec<&&String> = unique
        .iter()
        .filter(|id| !stored.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged reports were lost",
        missing.len()
    );
    assert_eq!(rows(&db), 6000, "no report is stored twice");
    println!("{summary}");
}
