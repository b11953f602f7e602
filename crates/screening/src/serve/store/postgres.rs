//! PostgreSQL: the production store. Several collector processes may share one database.
//!
//! A few writer tasks per process take the reports waiting in the queue (up to `MAX_BATCH`) and
//! commit them in one transaction: one `INSERT ... SELECT FROM unnest(...) ON CONFLICT (id) DO
//! NOTHING RETURNING id` for the reports (a report another collector stored already is not
//! returned, and is a duplicate), then one upsert of the summed counters of the new ones. Each
//! report is answered after `COMMIT` returned, with `synchronous_commit` forced on for the
//! transaction whatever the server's default. Reports and counters are written in key order, so
//! two collectors' transactions take their row locks in the same order and never deadlock.
//!
//! Privacy: the reports table has no serial or timestamp column; its primary key is the
//! report's random id. PostgreSQL itself keeps more (heap order, `xmin`, the WAL, logs): see
//! docs/collector.md.

use super::{CountKey, Job, MAX_BATCH, Probe, STOPPED, Stored, reply};
use crate::aggregate::CountRow;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio_postgres::NoTls;

/// The schema version this code writes.
const SCHEMA: i32 = 1;
/// Writer tasks per process: each commits one batch at a time.
const WRITERS: usize = 4;
/// Migrations run under this advisory lock, so collectors starting together do not race.
const MIGRATION_LOCK: i64 = 0x5C12_EE41;

const MIGRATION_1: &str = "
    CREATE TABLE submissions (
        id text PRIMARY KEY,
        questionnaire text NOT NULL,
        version integer NOT NULL,
        locale text NOT NULL,
        partner text,
        month text NOT NULL,
        payload text NOT NULL
    );
    CREATE TABLE counts (
        questionnaire text NOT NULL,
        version integer NOT NULL,
        month text NOT NULL,
        partner text NOT NULL,
        privacy text NOT NULL,
        kind text NOT NULL,
        field text NOT NULL,
        value text NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (questionnaire, month, partner, version, privacy, kind, field, value)
    );";

pub struct PgStore {
    pool: Pool,
    jobs: std::sync::Mutex<Option<mpsc::Sender<Job>>>,
    writers: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

fn unusable(url: &str, e: impl std::fmt::Display) -> String {
    format!(
        "cannot use the database {}: {e}. The collector needs a PostgreSQL database it can \
         create tables in and write to (postgres://USER:PASSWORD@HOST:PORT/DATABASE; without TLS, \
         so over a local socket, localhost or a private network)",
        super::describe(url)
    )
}

/// The full text of a driver error (its Display hides the server's message).
fn pg_error(e: &tokio_postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}: {}", db.severity(), db.message()),
        None => e.to_string(),
    }
}

impl PgStore {
    pub async fn open(url: &str) -> Result<PgStore, String> {
        let config: tokio_postgres::Config = url.parse().map_err(|e| unusable(url, e))?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(WRITERS + 8)
            .wait_timeout(Some(Duration::from_secs(10)))
            .create_timeout(Some(Duration::from_secs(10)))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .build()
            .map_err(|e| unusable(url, e))?;
        {
            let mut client = pool.get().await.map_err(|e| unusable(url, e))?;
            migrate(&mut client)
                .await
                .map_err(|e| unusable(url, format!("migration failed: {}", pg_error(&e))))?;
        }
        probe(&pool)
            .await
            .map_err(|e| unusable(url, format!("a test write failed: {e}")))?;
        let (jobs, queue) = mpsc::channel(8192);
        let queue = Arc::new(Mutex::new(queue));
        let writers = (0..WRITERS)
            .map(|_| tokio::spawn(writer(pool.clone(), queue.clone())))
            .collect();
        Ok(PgStore {
            pool,
            jobs: std::sync::Mutex::new(Some(jobs)),
            writers: Mutex::new(writers),
        })
    }

    pub async fn submit(&self, job: Job) -> Result<(), String> {
        let jobs = self.jobs.lock().map_err(|_| STOPPED)?.clone();
        match jobs {
            Some(jobs) => jobs.send(job).await.map_err(|_| STOPPED.to_owned()),
            None => Err(STOPPED.to_owned()),
        }
    }

    pub async fn probe(&self) -> Result<Probe, String> {
        if self.jobs.lock().map_err(|_| STOPPED)?.is_none() {
            return Err(STOPPED.to_owned());
        }
        probe(&self.pool).await
    }

    /// Stops taking reports, lets the writers commit what is queued, and closes the pool.
    pub async fn close(&self) -> Result<(), String> {
        drop(self.jobs.lock().map_err(|_| STOPPED)?.take());
        for writer in self.writers.lock().await.drain(..) {
            let _ = writer.await;
        }
        self.pool.close();
        Ok(())
    }

    pub async fn counts(&self, questionnaire: &str) -> Result<Vec<CountRow>, String> {
        let client = self.pool.get().await.map_err(|e| e.to_string())?;
        let rows = client
            .query(
                "SELECT version::bigint, month, partner, privacy, kind, field, value, n
                 FROM counts WHERE questionnaire = $1",
                &[&questionnaire],
            )
            .await
            .map_err(|e| pg_error(&e))?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                super::count_row(
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                    r.get(7),
                )
            })
            .collect())
    }
}

async fn migrate(client: &mut deadpool_postgres::Client) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        .await?;
    let version: i32 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[])
        .await?
        .get(0);
    if version < 1 {
        tx.batch_execute(MIGRATION_1).await?;
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&SCHEMA],
        )
        .await?;
    }
    tx.commit().await
}

/// A committed write that changes nothing (the lock, the WAL and its flush, like a report), and
/// whether commits wait for the disk.
async fn probe(pool: &Pool) -> Result<Probe, String> {
    let mut client = pool.get().await.map_err(|e| e.to_string())?;
    let tx = client.transaction().await.map_err(|e| pg_error(&e))?;
    tx.batch_execute(
        "SET LOCAL synchronous_commit = on; SET LOCAL lock_timeout = '500ms';
         UPDATE schema_version SET version = version",
    )
    .await
    .map_err(|e| pg_error(&e))?;
    tx.commit().await.map_err(|e| pg_error(&e))?;
    let setting: String = client
        .query_one("SELECT current_setting('fsync')", &[])
        .await
        .map_err(|e| pg_error(&e))?
        .get(0);
    Ok(Probe {
        synchronous: if setting == "on" { 2 } else { 0 },
    })
}

async fn writer(pool: Pool, queue: Arc<Mutex<mpsc::Receiver<Job>>>) {
    loop {
        let mut batch = Vec::new();
        {
            let mut queue = queue.lock().await;
            let Some(first) = queue.recv().await else {
                return;
            };
            batch.push(first);
            while batch.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
        }
        // Ids in order: two collectors inserting the same ids take their locks in one order.
        batch.sort_by(|a, b| a.payload.id.cmp(&b.payload.id));
        let committed = commit(&pool, &batch).await;
        reply(batch, committed);
    }
}

async fn commit(pool: &Pool, batch: &[Job]) -> Result<Vec<Stored>, String> {
    let mut client = pool.get().await.map_err(|e| e.to_string())?;
    let tx = client.transaction().await.map_err(|e| pg_error(&e))?;
    // Durable whatever the server's or the role's default.
    tx.batch_execute("SET LOCAL synchronous_commit = on")
        .await
        .map_err(|e| pg_error(&e))?;
    let mut ids = Vec::with_capacity(batch.len());
    let (mut qs, mut versions, mut locales, mut partners, mut months, mut payloads) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for job in batch {
        let p = &job.payload;
        ids.push(p.id.as_str());
        qs.push(p.questionnaire.as_str());
        versions.push(i32::try_from(p.questionnaire_version).unwrap_or(i32::MAX));
        locales.push(p.locale.tag());
        partners.push(p.partner.as_deref());
        months.push(p.month.as_str());
        payloads.push(job.json.as_str());
    }
    let inserted = tx
        .query(
            "INSERT INTO submissions (id, questionnaire, version, locale, partner, month, payload)
             SELECT * FROM unnest($1::text[], $2::text[], $3::int4[], $4::text[], $5::text[],
                                  $6::text[], $7::text[])
             ON CONFLICT (id) DO NOTHING RETURNING id",
            &[
                &ids, &qs, &versions, &locales, &partners, &months, &payloads,
            ],
        )
        .await
        .map_err(|e| pg_error(&e))?;
    let mut new: std::collections::HashSet<String> =
        inserted.iter().map(|r| r.get::<_, String>(0)).collect();
    // The first job with a new id stored it; a second one with the same id is a duplicate.
    let results: Vec<Stored> = batch
        .iter()
        .map(|j| {
            if new.remove(&j.payload.id) {
                Stored::New
            } else {
                Stored::Duplicate
            }
        })
        .collect();
    let sums = super::batch_counts(
        batch
            .iter()
            .zip(&results)
            .filter(|(_, r)| **r == Stored::New)
            .map(|(j, _)| j),
    );
    add_counts(&tx, &sums).await.map_err(|e| pg_error(&e))?;
    tx.commit().await.map_err(|e| pg_error(&e))?;
    Ok(results)
}

/// Adds summed counters in one statement (keys are unique and sorted).
async fn add_counts(
    tx: &deadpool_postgres::Transaction<'_>,
    sums: &BTreeMap<CountKey, i64>,
) -> Result<(), tokio_postgres::Error> {
    if sums.is_empty() {
        return Ok(());
    }
    let mut qs = Vec::with_capacity(sums.len());
    let mut versions = Vec::with_capacity(sums.len());
    let mut months = Vec::with_capacity(sums.len());
    let mut partners = Vec::with_capacity(sums.len());
    let mut privacies = Vec::with_capacity(sums.len());
    let mut kinds = Vec::with_capacity(sums.len());
    let mut fields = Vec::with_capacity(sums.len());
    let mut values = Vec::with_capacity(sums.len());
    let mut ns = Vec::with_capacity(sums.len());
    for ((q, v, month, partner, privacy, kind, field, value), n) in sums {
        qs.push(q.as_str());
        versions.push(i32::try_from(*v).unwrap_or(i32::MAX));
        months.push(month.as_str());
        partners.push(partner.as_str());
        privacies.push(privacy.as_str());
        kinds.push(*kind);
        fields.push(field.as_str());
        values.push(value.as_str());
        ns.push(*n);
    }
    tx.execute(
        "INSERT INTO counts (questionnaire, version, month, partner, privacy, kind, field, value, n)
         SELECT * FROM unnest($1::text[], $2::int4[], $3::text[], $4::text[], $5::text[],
                              $6::text[], $7::text[], $8::text[], $9::int8[])
         ON CONFLICT (questionnaire, month, partner, version, privacy, kind, field, value)
         DO UPDATE SET n = counts.n + EXCLUDED.n",
        &[
            &qs, &versions, &months, &partners, &privacies, &kinds, &fields, &values, &ns,
        ],
    )
    .await?;
    Ok(())
}
