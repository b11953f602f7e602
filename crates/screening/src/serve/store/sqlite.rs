//! SQLite: durable storage in one file (WAL, `synchronous=FULL`). One writer thread commits reports in
//! groups: every report waiting when a transaction starts goes into it, and each is answered
//! only after the commit returned, so a 201 always means the row is on disk. The reports table
//! has no rowid: rows are kept in the order of their random id, not of their arrival.

use super::super::registry::Registry;
use super::{Job, MAX_BATCH, Probe, STOPPED, Stored, reply};
use crate::aggregate::CountRow;
use rusqlite::{Connection, OpenFlags, params};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// The schema version this code writes; older databases are migrated on open.
const SCHEMA: i64 = 3;

/// What the writer thread is asked to do, in order.
enum Msg {
    Report(Box<Job>),
    /// Write to the database (a no-op update, committed) and say whether that worked.
    Probe(oneshot::Sender<Result<Probe, String>>),
    /// Checkpoint the WAL into the main file (TRUNCATE), close the connection and stop.
    Close(oneshot::Sender<Result<(), String>>),
}

pub struct SqliteStore {
    path: PathBuf,
    jobs: mpsc::Sender<Msg>,
}

/// How long the writer waits for a lock another process holds before a commit fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// The same for a health probe: a probe must answer quickly.
const PROBE_BUSY_TIMEOUT: Duration = Duration::from_millis(500);

/// The error for a database the collector cannot use, with what it needs.
fn unusable(path: &Path, e: impl std::fmt::Display) -> String {
    format!(
        "cannot use the database {}: {e}. The collector needs an SQLite file it can read and \
         write, and a directory where it can create the -wal and -shm files beside it",
        path.display()
    )
}

impl SqliteStore {
    /// Opens (creating and migrating) the database, checks that reports can be written to it
    /// (a committed write, so a read-only file, directory or file system is refused here and
    /// not at the first report), and starts the writer thread.
    pub fn open(path: &Path, registry: &Registry) -> Result<SqliteStore, String> {
        let conn = Connection::open(path).map_err(|e| unusable(path, e))?;
        if conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| unusable(path, e))?
        {
            return Err(format!(
                "the database {} is read-only for this process: the collector must be able to \
                 write reports (check the file's owner and mode, its directory's, and that the \
                 file system is not mounted read-only)",
                path.display()
            ));
        }
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| unusable(path, e))?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| unusable(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(unusable(
                path,
                format!("it cannot be put in WAL mode (journal mode stays {mode:?})"),
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| unusable(path, e))?;
        migrate(&conn, registry).map_err(|e| unusable(path, format!("migration failed: {e}")))?;
        probe(&conn).map_err(|e| unusable(path, format!("a test write failed: {e}")))?;
        let (jobs, queue) = mpsc::channel(8192);
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(conn, queue))
            .map_err(|e| format!("cannot start the writer: {e}"))?;
        Ok(SqliteStore {
            path: path.to_owned(),
            jobs,
        })
    }

    /// Queues a validated report for the writer; its reply says when it is committed.
    pub async fn submit(&self, job: Job) -> Result<(), String> {
        self.jobs
            .send(Msg::Report(Box::new(job)))
            .await
            .map_err(|_| STOPPED.to_owned())
    }

    /// Whether a report could be stored now: the writer commits a no-op write.
    pub async fn probe(&self) -> Result<Probe, String> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Msg::Probe(reply))
            .await
            .map_err(|_| STOPPED.to_owned())?;
        answer.await.map_err(|_| STOPPED.to_owned())?
    }

    /// Finishes the reports already queued, checkpoints the WAL into the main file (so the
    /// `.sqlite` file alone holds every report) and closes the database. Later reports get
    /// an error.
    pub async fn close(&self) -> Result<(), String> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Msg::Close(reply))
            .await
            .map_err(|_| STOPPED.to_owned())?;
        answer.await.map_err(|_| STOPPED.to_owned())?
    }

    /// Every counter of one questionnaire (on a blocking thread, own connection).
    pub async fn counts(&self, questionnaire: &str) -> Result<Vec<CountRow>, String> {
        let path = self.path.clone();
        let questionnaire = questionnaire.to_owned();
        tokio::task::spawn_blocking(move || read_counts(&path, &questionnaire))
            .await
            .map_err(|e| e.to_string())?
    }
}

/// A committed write that changes a row (one more probe counted in `health`), so it needs the
/// write lock, a new frame in the WAL (room on the disk) and an fsync at the commit, like a
/// report. (An update that sets a value to itself writes nothing at all and would see none of
/// this.) The table holds nothing about reports.
fn probe(conn: &Connection) -> rusqlite::Result<Probe> {
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY CHECK (id = 1), probes INTEGER NOT NULL);
         INSERT INTO health (id, probes) VALUES (1, 1)
             ON CONFLICT (id) DO UPDATE SET probes = probes + 1;
         COMMIT;",
    )
    .inspect_err(|_| {
        let _ = conn.execute_batch("ROLLBACK");
    })?;
    Ok(Probe {
        synchronous: conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?,
    })
}

/// The reports table. `WITHOUT ROWID`: rows live in the order of their random id, so the table
/// keeps no trace of the order in which reports arrived.
const SUBMISSIONS: &str = "
    CREATE TABLE submissions (
        id TEXT PRIMARY KEY NOT NULL,
        questionnaire TEXT NOT NULL,
        version INTEGER NOT NULL,
        locale TEXT NOT NULL,
        partner TEXT,
        month TEXT NOT NULL,
        payload TEXT NOT NULL
    ) WITHOUT ROWID;";

/// The counters the aggregates are built from (see `crate::aggregate::counters`): one
/// row per group (questionnaire, version, month, partner or '', privacy key) and counter
/// (kind `r` reports, `b` scale/band, `q` question, `a` question/value), incremented in the
/// transaction that stores a new report.
pub const COUNTS: &str = "
    CREATE TABLE counts (
        questionnaire TEXT NOT NULL,
        version INTEGER NOT NULL,
        month TEXT NOT NULL,
        partner TEXT NOT NULL,
        privacy TEXT NOT NULL,
        kind TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (questionnaire, month, partner, version, privacy, kind, field, value)
    ) WITHOUT ROWID;";

fn migrate(conn: &Connection, registry: &Registry) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);")?;
    let version: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    match version {
        0 => conn.execute_batch(&format!(
            "BEGIN; {SUBMISSIONS} {COUNTS} INSERT INTO schema_version (version) VALUES ({SCHEMA}); COMMIT;"
        ))?,
        1 => {
            // Version 1 was a rowid table: rows kept their arrival order. Copy them in id
            // order into the new table, then rebuild the file so no freed page keeps the old
            // order either.
            conn.execute_batch(&format!(
                "BEGIN;
                 ALTER TABLE submissions RENAME TO submissions_v1;
                 DROP INDEX IF EXISTS submissions_by_questionnaire;
                 {SUBMISSIONS}
                 INSERT INTO submissions (id, questionnaire, version, locale, partner, month, payload)
                     SELECT id, questionnaire, version, locale, partner, month, payload
                     FROM submissions_v1 ORDER BY id;
                 DROP TABLE submissions_v1;
                 {COUNTS}
                 COMMIT;"
            ))?;
            backfill_counts(conn, registry)?;
            conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        2 => {
            // Version 2 had no counters: sum them from the stored reports once.
            conn.execute_batch(&format!(
                "BEGIN; DROP INDEX IF EXISTS submissions_by_questionnaire; {COUNTS} COMMIT;"
            ))?;
            backfill_counts(conn, registry)?;
        }
        _ => {}
    }
    Ok(())
}

/// Fills the (new, empty) counts table from every stored report, with the definitions the
/// collector knows (reports of an unknown version add nothing), and records schema 3.
fn backfill_counts(conn: &Connection, registry: &Registry) -> rusqlite::Result<()> {
    let mut sums: std::collections::BTreeMap<super::CountKey, i64> = Default::default();
    {
        let mut rows = conn.prepare("SELECT payload FROM submissions")?;
        let mut rows = rows.query([])?;
        while let Some(row) = rows.next()? {
            let json: String = row.get(0)?;
            let Ok(payload) = serde_json::from_str::<screening_core::payload::Payload>(&json)
            else {
                continue;
            };
            let Some(d) = registry.get(&payload.questionnaire, payload.questionnaire_version)
            else {
                continue;
            };
            let counters = crate::aggregate::counters(&payload, d);
            let (reply, _) = oneshot::channel();
            let job = Job {
                payload,
                json: String::new(),
                counters,
                reply,
            };
            for (k, n) in super::batch_counts(std::iter::once(&job)) {
                *sums.entry(k).or_insert(0) += n;
            }
        }
    }
    conn.execute_batch("BEGIN")?;
    add_counts(conn, &sums)?;
    conn.execute("INSERT INTO schema_version (version) VALUES (?1)", [SCHEMA])?;
    conn.execute_batch("COMMIT")
}

/// Adds summed counters (an upsert per key).
fn add_counts(
    conn: &Connection,
    sums: &std::collections::BTreeMap<super::CountKey, i64>,
) -> rusqlite::Result<()> {
    let mut upsert = conn.prepare_cached(
        "INSERT INTO counts (questionnaire, version, month, partner, privacy, kind, field, value, n)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (questionnaire, month, partner, version, privacy, kind, field, value)
         DO UPDATE SET n = n + excluded.n",
    )?;
    for ((q, v, month, partner, privacy, kind, field, value), n) in sums {
        upsert.execute(params![
            q, v, month, partner, privacy, kind, field, value, n
        ])?;
    }
    Ok(())
}

fn writer(mut conn: Connection, mut queue: mpsc::Receiver<Msg>) {
    // A message that ended the last batch, handled next.
    let mut next: Option<Msg> = None;
    while let Some(msg) = next.take().or_else(|| queue.blocking_recv()) {
        let first = match msg {
            Msg::Report(job) => *job,
            Msg::Probe(reply) => {
                let _ = conn.busy_timeout(PROBE_BUSY_TIMEOUT);
                let _ = reply.send(probe(&conn).map_err(|e| e.to_string()));
                let _ = conn.busy_timeout(BUSY_TIMEOUT);
                continue;
            }
            Msg::Close(reply) => {
                let _ = reply.send(checkpoint_and_close(conn));
                return;
            }
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(Msg::Report(job)) => batch.push(*job),
                Ok(other) => {
                    next = Some(other);
                    break;
                }
                Err(_) => break,
            }
        }
        let committed = commit(&mut conn, &batch);
        reply(batch, committed);
    }
}

/// Copies every committed page from the WAL into the main file and empties the WAL, then
/// closes the connection (which removes the -wal and -shm files).
fn checkpoint_and_close(conn: Connection) -> Result<(), String> {
    let (busy, log, done): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(|e| format!("checkpoint failed: {e}"))?;
    conn.close()
        .map_err(|(_, e)| format!("closing failed: {e}"))?;
    if busy != 0 {
        return Err(format!(
            "checkpoint incomplete: a reader held the WAL ({done} of {log} pages copied)"
        ));
    }
    Ok(())
}

fn commit(conn: &mut Connection, batch: &[Job]) -> rusqlite::Result<Vec<Stored>> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut results = Vec::with_capacity(batch.len());
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO submissions (id, questionnaire, version, locale, partner, month, payload)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING",
        )?;
        for job in batch {
            let p = &job.payload;
            let changed = insert.execute(params![
                p.id,
                p.questionnaire,
                p.questionnaire_version,
                p.locale.tag(),
                p.partner,
                p.month,
                job.json
            ])?;
            results.push(if changed == 1 {
                Stored::New
            } else {
                Stored::Duplicate
            });
        }
        let new = batch
            .iter()
            .zip(&results)
            .filter(|(_, r)| **r == Stored::New)
            .map(|(j, _)| j);
        add_counts(&tx, &super::batch_counts(new))?;
    }
    tx.commit()?;
    Ok(results)
}

fn read_counts(path: &Path, questionnaire: &str) -> Result<Vec<CountRow>, String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| e.to_string())?;
    let mut query = conn
        .prepare(
            "SELECT version, month, partner, privacy, kind, field, value, n FROM counts
             WHERE questionnaire = ?1",
        )
        .map_err(|e| e.to_string())?;
    let rows = query
        .query_map([questionnaire], |r| {
            Ok(super::count_row(
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
                &r.get::<_, String>(6)?,
                r.get(7)?,
            ))
        })
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for row in rows {
        // Skip any key a newer version wrote.
        if let Some(row) = row.map_err(|e| e.to_string())? {
            out.push(row);
        }
    }
    Ok(out)
}

/// `screening backup`: a consistent copy of a live database (`VACUUM INTO`, which reads one
/// snapshot while the collector keeps writing), made a single self-contained file (rollback
/// journal, not WAL) and checked. Returns how many reports it holds.
pub fn backup(db: &Path, out: &Path) -> Result<i64, String> {
    if out.exists() {
        return Err(format!(
            "{} exists: give a new file name (nothing is overwritten)",
            out.display()
        ));
    }
    let out_str = out
        .to_str()
        .ok_or_else(|| format!("{} is not a UTF-8 path", out.display()))?;
    if !db.is_file() {
        return Err(format!("{}: no such database file", db.display()));
    }
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .or_else(|_| Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .map_err(|e| format!("{}: {e}", db.display()))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| format!("{}: {e}", db.display()))?;
    conn.query_row("SELECT COUNT(*) FROM submissions", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| format!("{} is not a collector database: {e}", db.display()))?;
    conn.execute("VACUUM INTO ?1", [out_str])
        .map_err(|e| format!("copying {} to {out_str} failed: {e}", db.display()))?;
    drop(conn);
    let copy = Connection::open(out).map_err(|e| format!("{out_str}: {e}"))?;
    let mode: String = copy
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .map_err(|e| format!("{out_str}: {e}"))?;
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| format!("{out_str}: {e}"))?;
    if check != "ok" || mode != "delete" {
        return Err(format!(
            "{out_str}: the copy failed its check ({check}, journal mode {mode})"
        ));
    }
    copy.query_row("SELECT COUNT(*) FROM submissions", [], |r| r.get(0))
        .map_err(|e| format!("{out_str}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("screening-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// The durability claim (a 201 only after the row is on disk) needs an fsync at each
    /// commit: `synchronous = FULL` (2) on the writer connection itself. A SIGKILL test cannot
    /// tell FULL from OFF (the page cache outlives the process); this reads the setting.
    #[tokio::test]
    async fn the_writer_connection_runs_synchronous_full() {
        let dir = temp("sync");
        let store = SqliteStore::open(&dir.join("db.sqlite"), &Registry::empty()).unwrap();
        assert_eq!(store.probe().await.unwrap().synchronous, 2);
        store.close().await.unwrap();
        assert!(store.probe().await.is_err(), "a closed store refuses work");
        assert!(
            !dir.join("db.sqlite-wal").exists(),
            "closing removed the WAL"
        );
    }
}
