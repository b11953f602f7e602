//! The optional offline queue (`queue="local"`): a report that could not be delivered is kept
//! in localStorage (the finished anonymous payload only, nothing else) and retried when the
//! browser comes back online and on the next load. Each is deleted once the collector has it,
//! or dropped if the collector refuses it. Its submission id makes every retry idempotent.

use crate::api::{self, Delivery};
use leptos::logging::warn;
use serde::{Deserialize, Serialize};

const KEY: &str = "screening-form-queue";
/// The most reports kept; the oldest is dropped (with a console warning) beyond it.
pub const LIMIT: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    endpoint: String,
    payload: String,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Vec<Entry> {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Writes the queue back; an empty queue removes the key, leaving no trace.
fn save(entries: &[Entry]) {
    let Some(s) = storage() else { return };
    if entries.is_empty() {
        let _ = s.remove_item(KEY);
    } else if let Ok(json) = serde_json::to_string(entries)
        && s.set_item(KEY, &json).is_err()
    {
        warn!("<screening-form>: could not keep the report for later (storage full or blocked)");
    }
}

/// Keeps a report for later. Returns false when storage is unavailable.
pub fn push(endpoint: &str, payload: &str) -> bool {
    if storage().is_none() {
        return false;
    }
    let mut entries = load();
    entries.push(Entry {
        endpoint: endpoint.to_owned(),
        payload: payload.to_owned(),
    });
    if entries.len() > LIMIT {
        let dropped = entries.len() - LIMIT;
        entries.drain(..dropped);
        warn!(
            "<screening-form>: the offline queue is full; dropped the {dropped} oldest report(s)"
        );
    }
    save(&entries);
    true
}

/// Tries every queued report for `endpoint` once: delivered and refused ones are removed.
pub async fn flush(endpoint: String) {
    for entry in load().into_iter().filter(|e| e.endpoint == endpoint) {
        let outcome = api::deliver(&entry.endpoint, &entry.payload).await;
        if outcome != Delivery::Unreachable {
            // Re-read: another instance may have changed the queue meanwhile.
            let mut entries = load();
            entries.retain(|e| *e != entry);
            save(&entries);
            if let Delivery::Rejected(status) = outcome {
                warn!(
                    "<screening-form>: the collector refused a queued report (HTTP {status}); dropped it"
                );
            }
        }
    }
}
