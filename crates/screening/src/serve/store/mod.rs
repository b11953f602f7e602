//! Durable storage of reports and of the counters the aggregates are built from: SQLite (one
//! file, the embedded default) or PostgreSQL (the production store several collectors can
//! share). Both commit reports in groups, answer each report only after its commit returned,
//! store a report once however often it is sent (the random id is the key), keep rows with no
//! trace of their arrival order (no rowid, no serial), and add each new report's counters in
//! the same transaction, so aggregates read a few hundred counters instead of every report.

mod postgres;
mod sqlite;

use crate::aggregate::{CountRow, Counter};
use screening_core::definition::Mechanism;
use screening_core::payload::{Payload, Privacy};
pub use sqlite::backup;

/// The most reports committed in one transaction.
const MAX_BATCH: usize = 512;

/// What happened to a submitted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    New,
    Duplicate,
}

/// What a successful probe saw on the writer connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    /// Whether a commit waits for the disk: SQLite's `PRAGMA synchronous` (2 is FULL, an fsync
    /// at every commit); for PostgreSQL 2 when `synchronous_commit` is on (or stronger), else 0.
    pub synchronous: i64,
}

/// A report on its way to the database, with the counters it adds one to.
pub struct Job {
    pub payload: Payload,
    pub json: String,
    pub counters: Vec<Counter>,
    pub reply: tokio::sync::oneshot::Sender<Result<Stored, String>>,
}

/// Answers every report of a committed (or failed) batch: stored or duplicate after the commit,
/// an error for each when the commit failed. Both stores' writers end a batch this way.
pub(super) fn reply<E: std::fmt::Display>(batch: Vec<Job>, committed: Result<Vec<Stored>, E>) {
    match committed {
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

/// Where the reports go: `--db` is a file path or a `postgres://` URL.
pub enum Store {
    Sqlite(sqlite::SqliteStore),
    Postgres(postgres::PgStore),
}

/// Whether `--db` names a PostgreSQL database.
pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `--db` for logs and messages. A PostgreSQL URL is shown as user, hosts, ports and database
/// only: a password can sit in the user part or in a `?password=` parameter (both accepted by
/// the driver), and neither may reach a log.
pub fn describe(db: &str) -> String {
    if !is_postgres(db) {
        return db.to_owned();
    }
    let Ok(config) = db.parse::<tokio_postgres::Config>() else {
        return "a PostgreSQL URL that does not parse (not shown: it may hold a password)".into();
    };
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            tokio_postgres::config::Host::Tcp(h) => format!("{h}:{port}"),
            #[cfg(unix)]
            tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    format!(
        "postgres://{}@{}/{}{}",
        config.get_user().unwrap_or(""),
        hosts.join(","),
        config.get_dbname().unwrap_or(""),
        if config.get_password().is_some() {
            " (password not shown)"
        } else {
            ""
        }
    )
}

impl Store {
    /// Opens (creating and migrating) the database and checks that reports can be written.
    /// Reports already stored in an older SQLite schema get their counters summed with
    /// `registry`'s definitions.
    pub async fn open(db: &str, registry: &super::registry::Registry) -> Result<Store, String> {
        if is_postgres(db) {
            Ok(Store::Postgres(postgres::PgStore::open(db).await?))
        } else {
            Ok(Store::Sqlite(sqlite::SqliteStore::open(
                std::path::Path::new(db),
                registry,
            )?))
        }
    }

    /// Stores a validated report with its counters; returns once it is committed (or known
    /// already).
    pub async fn submit(&self, payload: Payload, counters: Vec<Counter>) -> Result<Stored, String> {
        let json = serde_json::to_string(&payload).map_err(|e| e.to_string())?;
        let (reply, answer) = tokio::sync::oneshot::channel();
        let job = Job {
            payload,
            json,
            counters,
            reply,
        };
        match self {
            Store::Sqlite(s) => s.submit(job).await?,
            Store::Postgres(s) => s.submit(job).await?,
        }
        answer.await.map_err(|_| STOPPED.to_owned())?
    }

    /// Whether a report could be stored now: a committed no-op write.
    pub async fn probe(&self) -> Result<Probe, String> {
        match self {
            Store::Sqlite(s) => s.probe().await,
            Store::Postgres(s) => s.probe().await,
        }
    }

    /// Finishes the reports already queued and closes the database; later reports get an
    /// error.
    pub async fn close(&self) -> Result<(), String> {
        match self {
            Store::Sqlite(s) => s.close().await,
            Store::Postgres(s) => s.close().await,
        }
    }

    /// Every counter of one questionnaire (a few per group and cell, however many reports).
    pub async fn counts(&self, questionnaire: &str) -> Result<Vec<CountRow>, String> {
        match self {
            Store::Sqlite(s) => s.counts(questionnaire).await,
            Store::Postgres(s) => s.counts(questionnaire).await,
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }
}

pub const STOPPED: &str = "the database writer has stopped";

/// A privacy setting as stored in the counters' key: `none` or `rr:<ε>` (shortest form that
/// reads back to the same number).
pub fn privacy_key(p: &Privacy) -> String {
    match p.randomized_epsilon() {
        Some(e) => format!("rr:{e}"),
        None => "none".to_owned(),
    }
}

pub fn parse_privacy_key(key: &str) -> Option<Privacy> {
    match key {
        "none" => Some(Privacy::NONE),
        _ => {
            let e: f64 = key.strip_prefix("rr:")?.parse().ok()?;
            Some(Privacy {
                mechanism: Mechanism::RandomizedResponse,
                epsilon: Some(e),
            })
        }
    }
}

/// One counter's key as stored: (questionnaire, version, month, partner or "", privacy key,
/// kind, field, value). Sorted, so every transaction takes the counters' row locks in the same
/// order (no deadlock between collectors sharing PostgreSQL).
pub type CountKey = (
    String,
    u32,
    String,
    String,
    String,
    &'static str,
    String,
    String,
);

/// The counters of the new reports of a batch, summed per key.
pub fn batch_counts<'a>(
    jobs: impl Iterator<Item = &'a Job>,
) -> std::collections::BTreeMap<CountKey, i64> {
    let mut sums = std::collections::BTreeMap::new();
    for job in jobs {
        let p = &job.payload;
        let privacy = privacy_key(&p.privacy);
        for c in &job.counters {
            let (kind, field, value) = c.to_parts();
            let key = (
                p.questionnaire.clone(),
                p.questionnaire_version,
                p.month.clone(),
                p.partner.clone().unwrap_or_default(),
                privacy.clone(),
                kind,
                field.to_owned(),
                value.to_owned(),
            );
            *sums.entry(key).or_insert(0) += 1;
        }
    }
    sums
}

/// A stored counter back as the core's row (`None` for a key this version cannot read).
#[allow(clippy::too_many_arguments)]
pub fn count_row(
    version: i64,
    month: String,
    partner: String,
    privacy: &str,
    kind: &str,
    field: &str,
    value: &str,
    n: i64,
) -> Option<CountRow> {
    Some(CountRow {
        version: u32::try_from(version).ok()?,
        month,
        partner: (!partner.is_empty()).then_some(partner),
        privacy: parse_privacy_key(privacy)?,
        counter: Counter::from_parts(kind, field, value)?,
        count: u64::try_from(n).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privacy_keys_read_back() {
        for p in [
            Privacy::NONE,
            Privacy::randomized(1.0),
            Privacy::randomized(0.1),
            Privacy::randomized(2.345_678_9),
        ] {
            assert_eq!(parse_privacy_key(&privacy_key(&p)), Some(p));
        }
        assert_eq!(privacy_key(&Privacy::randomized(1.0)), "rr:1");
    }

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            describe("postgres://screening:hunter2@db.internal:5432/screening"),
            "postgres://screening@db.internal:5432/screening (password not shown)"
        );
        // The driver also takes the password as a parameter (review D7: it was logged).
        let shown = describe("postgres://screening@db.internal/screening?password=hunter2");
        assert_eq!(
            shown,
            "postgres://screening@db.internal:5432/screening (password not shown)"
        );
        assert!(
            !describe("postgresql://u:hunter2@[::1]:6000/d?sslmode=disable").contains("hunter2")
        );
        assert!(!describe("postgres://u:hunter2@host:notaport/d").contains("hunter2"));
        assert_eq!(
            describe("/var/lib/screening/db.sqlite"),
            "/var/lib/screening/db.sqlite"
        );
    }
}
