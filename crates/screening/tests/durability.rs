//! Kill the collector with SIGKILL while a load generator posts thousands of reports, restart
//! it, and check that every report that got a 201 (or 200) is in the database, none twice.

mod common;

use common::{Collector, Db, free_port, rows, temp_dir};
use screening_devtools::load::{self, LoadArgs};
use std::collections::HashSet;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

/// The load generator (`screening-dev load`) posting `count` reports to `addr` in a thread of
/// this test, retrying through the collector's deaths for up to 60 s, and appending each
/// acknowledged id to `acked`.
fn posting(
    addr: &str,
    seed: u64,
    count: usize,
    acked: &Path,
) -> JoinHandle<Result<String, String>> {
    let args = LoadArgs {
        addr: addr.to_owned(),
        count,
        concurrency: 8,
        acked: Some(acked.to_owned()),
        retry_for_secs: 60,
        seed,
        months: 1,
        questionnaire: "job-offer".into(),
    };
    std::thread::spawn(move || load::run(args))
}

#[test]
fn every_acknowledged_report_survives_sigkill() {
    let dir = temp_dir("durability");
    let db = dir.join("db.sqlite");
    let acked = dir.join("acked.txt");
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let serve_args = ["--rate-per-minute", "0"];
    let mut collector = Collector::start(&db, port, &serve_args);
    let load = posting(&addr, 1, 6000, &acked);
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(300));
        collector.kill();
        std::thread::sleep(Duration::from_millis(200));
        collector = Collector::start(&db, port, &serve_args);
    }
    let summary = load
        .join()
        .unwrap()
        .unwrap_or_else(|e| panic!("the load generator did not finish: {e}"));
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

/// Two collector processes on one PostgreSQL database, each killed with SIGKILL and restarted
/// while three load generators post through them: two post the same 3,000 reports (same ids),
/// one through each collector, and a third 2,000 others. Every acknowledged id is stored, and
/// exactly once; the counters the aggregates read count every stored report once.
#[test]
fn two_collectors_on_one_postgres_survive_sigkill_and_store_each_report_once() {
    if common::backends().len() < 2 {
        return;
    }
    let db = common::Db::fresh("durability-two", "postgres");
    let dir = db.dir();
    let serve_args = ["--rate-per-minute", "0"];
    let ports = [free_port(), free_port()];
    let mut collectors: Vec<Collector> = ports
        .iter()
        .map(|p| Collector::start_on(&db, *p, &serve_args))
        .collect();
    let load = |port: u16, seed: u64, count: usize, acked: &std::path::Path| {
        posting(&format!("127.0.0.1:{port}"), seed, count, acked)
    };
    let acked = [dir.join("a.txt"), dir.join("b.txt"), dir.join("c.txt")];
    let loads = [
        load(ports[0], 1, 3000, &acked[0]),
        load(ports[1], 1, 3000, &acked[1]),
        load(ports[0], 2, 2000, &acked[2]),
    ];
    for round in 0..6 {
        std::thread::sleep(Duration::from_millis(300));
        let i = round % 2;
        let killed = collectors.remove(i);
        killed.kill();
        std::thread::sleep(Duration::from_millis(150));
        collectors.insert(i, Collector::start_on(&db, ports[i], &serve_args));
    }
    let mut summaries = String::new();
    for load in loads {
        let summary = load
            .join()
            .unwrap()
            .unwrap_or_else(|e| panic!("a load generator did not finish: {e}"));
        summaries.push_str(&summary);
        summaries.push('\n');
    }
    drop(collectors);
    let acked: Vec<String> = acked
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let unique: HashSet<&String> = acked.iter().collect();
    assert_eq!(unique.len(), 5000, "every report acknowledged: {summaries}");
    let stored = db.ids();
    let stored_set: HashSet<&String> = stored.iter().collect();
    assert_eq!(stored.len(), stored_set.len(), "no id stored twice");
    let missing = unique.iter().filter(|id| !stored_set.contains(*id)).count();
    assert_eq!(missing, 0, "{missing} acknowledged reports were lost");
    assert_eq!(stored.len(), 5000, "nothing stored that was not sent");
    let Db::Postgres { url, .. } = &db else {
        unreachable!()
    };
    let counted: i64 =
        common::pg(url, "SELECT SUM(n)::bigint FROM counts WHERE kind = 'r'")[0].get(0);
    assert_eq!(counted, 5000, "each stored report counted once");
    println!("{summaries}");
}
