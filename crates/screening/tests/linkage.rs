//! The collector keeps no link between a stored report and its arrival: the table has no
//! insertion order, and the log has no line per report (so no time to match with a proxy's
//! access log), even at `SCREENING_LOG=trace`. A database from before (a rowid table) is
//! migrated to the same.

mod common;

use common::{Collector, free_port, report, temp_dir};
use std::collections::HashMap;

/// The ids in the table's natural order (no `ORDER BY`; whole rows, so SQLite walks the table
/// itself rather than the index of ids), as anyone reading the file sees them.
fn stored_order(db: &std::path::Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut query = conn.prepare("SELECT id, payload FROM submissions").unwrap();
    query
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The share of pairs of stored rows that are in arrival order (Kendall's concordance): 1.0
/// for a table that keeps arrival order, about 0.5 for one that keeps none.
fn concordance(stored: &[String], arrival: &HashMap<String, usize>) -> f64 {
    let ranks: Vec<usize> = stored.iter().map(|id| arrival[id]).collect();
    let (mut agree, mut pairs) = (0u64, 0u64);
    for i in 0..ranks.len() {
        for j in i + 1..ranks.len() {
            pairs += 1;
            agree += u64::from(ranks[i] < ranks[j]);
        }
    }
    agree as f64 / pairs as f64
}

fn id_of(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_thousand_reports_leave_no_arrival_order_and_no_log_line_each() {
    let dir = temp_dir("linkage");
    let db = dir.join("db.sqlite");
    let c = Collector::start_with_env(
        &db,
        free_port(),
        &["--rate-per-minute", "0"],
        &[("SCREENING_LOG", "trace")],
    );
    let mut arrival = HashMap::new();
    for seed in 0..1000u64 {
        let body = report(seed, "umed");
        assert_eq!(c.post_json(&body).status, 201);
        arrival.insert(id_of(&body), seed as usize);
    }
    let stored = stored_order(&db);
    assert_eq!(stored.len(), 1000);
    let tau = concordance(&stored, &arrival);
    println!(
        "pairs of stored rows in arrival order: {:.1} %",
        tau * 100.0
    );
    assert!(
        (0.45..0.55).contains(&tau),
        "stored order follows arrival order: {tau}"
    );
    // There is no rowid to sort by either.
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(
        conn.prepare("SELECT rowid FROM submissions").is_err(),
        "the table has no rowid"
    );
    drop(conn);
    let log = c.terminate();
    let lines: Vec<&str> = log.lines().collect();
    println!("{log}");
    assert!(
        lines.len() <= 4,
        "at most a constant number of lines after 1,000 reports, got {}:\n{log}",
        lines.len()
    );
    assert!(!log.contains("/v1/submissions"), "{log}");
    assert!(
        lines
            .iter()
            .all(|l| stored.iter().all(|id| !l.contains(id.as_str()))),
        "no report id in the log"
    );
    assert!(
        log.contains("stored=1000 duplicate=0 rejected=0 failed=0"),
        "counted, logged once:\n{log}"
    );
}

#[test]
fn a_rowid_database_is_migrated_to_one_without_arrival_order() {
    let dir = temp_dir("migrate");
    let db = dir.join("db.sqlite");
    // The version 1 schema, filled in arrival order.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE schema_version (version INTEGER NOT NULL);
         CREATE TABLE submissions (
             id TEXT PRIMARY KEY NOT NULL, questionnaire TEXT NOT NULL, version INTEGER NOT NULL,
             locale TEXT NOT NULL, partner TEXT, month TEXT NOT NULL, payload TEXT NOT NULL);
         CREATE INDEX submissions_by_questionnaire ON submissions (questionnaire, version, month);
         INSERT INTO schema_version (version) VALUES (1);",
    )
    .unwrap();
    let mut arrival = HashMap::new();
    for seed in 0..300u64 {
        let body = report(seed, "umed");
        let id = id_of(&body);
        conn.execute(
            "INSERT INTO submissions VALUES (?1, 'collector-fixture', 1, 'ru', 'umed', '2026-11', ?2)",
            rusqlite::params![id, body],
        )
        .unwrap();
        arrival.insert(id, seed as usize);
    }
    drop(conn);
    let before = concordance(&stored_order(&db), &arrival);
    assert_eq!(before, 1.0, "a rowid table keeps arrival order");
    let c = Collector::start(&db, free_port(), &[]);
    let after = stored_order(&db);
    assert_eq!(after.len(), 300, "every report kept");
    let tau = concordance(&after, &arrival);
    assert!((0.4..0.6).contains(&tau), "after migration: {tau}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
    assert!(conn.prepare("SELECT rowid FROM submissions").is_err());
    // The counters the aggregates read were summed from the migrated reports.
    let counted: i64 = conn
        .query_row(
            "SELECT SUM(n) FROM counts WHERE questionnaire = 'collector-fixture' AND kind = 'r'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counted, 300);
    drop(conn);
    // And it still takes reports.
    assert_eq!(c.post_json(&report(5000, "umed")).status, 201);
    assert_eq!(c.rows(), 301);
}
