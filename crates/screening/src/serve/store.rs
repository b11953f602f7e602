//! Durable storage in SQLite (WAL, `synchronous=FULL`). One writer thread commits reports in
//! groups: every report waiting when a transaction starts goes into it, and each is answered
//! only after the commit returned, so a 201 always means the row is on disk. The reports table
//! has no rowid: rows are kept in the order of their random id, not of their arrival.

use rusqlite::{Connection, OpenFlags, params};
use screening_core::payload::Payload;
use std::path::{Path, PathBuf};
use tokio::sync::{mpsc, oneshot};

/// The schema version this code writes; older databases are migrated on open.
const SCHEMA: i64 = 2;
/// The most reports committed in one transaction.
const MAX_BATCH: usize = 512;

/// What happened to a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New,
    Duplicate,
}

struct Job {
    payload: Payload,
    json: String,
    reply: oneshot::Sender<Result<Stored, String>>,
}

pub struct Store {
    path: PathBuf,
    jobs: mpsc::Sender<Job>,
}

impl Store {
    /// Opens (creating and migrating) the database and starts the writer thread.
    pub fn open(path: &Path) -> Result<Store, String> {
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        migrate(&conn).map_err(|e| format!("{}: migration failed: {e}", path.display()))?;
        let (jobs, queue) = mpsc::channel(8192);
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || writer(conn, queue))
            .map_err(|e| format!("cannot start the writer: {e}"))?;
        Ok(Store {
            path: path.to_owned(),
            jobs,
        })
    }

    /// Stores a validated report; returns once it is committed (or known already).
    pub async fn submit(&self, payload: Payload) -> Result<Stored, String> {
        let json = serde_json::to_string(&payload).map_err(|e| e.to_string())?;
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job {
                payload,
                json,
                reply,
            })
            .await
            .map_err(|_| "the database writer has stopped".to_owned())?;
        answer
            .await
            .map_err(|_| "the database writer has stopped".to_owned())?
    }

    /// Every stored report of one questionnaire (on a blocking thread, own connection).
    pub async fn payloads(&self, questionnaire: &str) -> Result<Vec<Payload>, String> {
        let path = self.path.clone();
        let questionnaire = questionnaire.to_owned();
        tokio::task::spawn_blocking(move || read_payloads(&path, &questionnaire))
            .await
            .map_err(|e| e.to_string())?
    }
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
    ) WITHOUT ROWID;
    CREATE INDEX submissions_by_questionnaire ON submissions (questionnaire, version, month);";

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);")?;
    let version: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    match version {
        0 => conn.execute_batch(&format!(
            "BEGIN; {SUBMISSIONS} INSERT INTO schema_version (version) VALUES ({SCHEMA}); COMMIT;"
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
                 INSERT INTO schema_version (version) VALUES ({SCHEMA});
                 COMMIT;"
            ))?;
            conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        }
        _ => {}
    }
    Ok(())
}

fn writer(mut conn: Connection, mut queue: mpsc::Receiver<Job>) {
    while let Some(first) = queue.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match commit(&mut conn, &batch) {
            Ok(results) => {
                for (job, stored) in batch.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(stored));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, reports = batch.len(), "commit failed");
                for job in batch {
                    let _ = job
                        .reply
                        .send(Err("the database could not store the report".into()));
                }
            }
        }
    }
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
    }
    tx.commit()?;
    Ok(results)
}

fn read_payloads(path: &Path, questionnaire: &str) -> Result<Vec<Payload>, String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| e.to_string())?;
    let mut query = conn
        .prepare("SELECT payload FROM submissions WHERE questionnaire = ?1")
        .map_err(|e| e.to_string())?;
    let rows = query
        .query_map([questionnaire], |r| r.get::<_, String>(0))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for row in rows {
        let json = row.map_err(|e| e.to_string())?;
        // Rows were validated before they were written; skip any a newer version wrote.
        if let Ok(p) = serde_json::from_str(&json) {
            out.push(p);
        }
    }
    Ok(out)
}
