//! `GET /healthz`: whether a report could be stored now. The store's probe is a real write
//! (it needs the write lock, room on the disk and a working fsync, like a report), so its
//! answer is kept for [`FRESH_FOR`]: probes, which anyone may send, cost at most one write per
//! period however many arrive, and probes arriving during a write wait for its answer.

use super::store::Store;
use std::time::{Duration, Instant};

/// How long a probe's answer is given again without probing.
pub const FRESH_FOR: Duration = Duration::from_secs(2);
/// How long a probe may take before the store counts as unable to store reports.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// The last probe's answer, and when it was taken.
#[derive(Default)]
pub struct Health(tokio::sync::Mutex<Option<(Instant, Result<(), String>)>>);

impl Health {
    /// `Ok` when a report could be stored within the last [`FRESH_FOR`], else why not.
    pub async fn check(&self, store: &Store) -> Result<(), String> {
        let mut last = self.0.lock().await;
        if let Some((at, answer)) = last.as_ref()
            && at.elapsed() < FRESH_FOR
        {
            return answer.clone();
        }
        let answer = match tokio::time::timeout(PROBE_TIMEOUT, store.probe()).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(format!(
                "the database did not answer within {} s",
                PROBE_TIMEOUT.as_secs()
            )),
        };
        *last = Some((Instant::now(), answer.clone()));
        answer
    }
}
