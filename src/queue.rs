//! The optional offline queue (`queue="local"`): a report that could not be delivered is kept
//! in localStorage (the finished anonymous payload only, nothing else) and retried when the
//! browser comes back online and on the next load. Each is deleted once the collector has it,
//! or dropped if the collector refuses it. Its submission id makes every retry idempotent.
//!
//! Stored as lines of `endpoint<TAB>payload`: compact JSON never holds a raw tab or newline,
//! and a line format needs no JSON code in the widget.

use crate::api::{self, Delivery};
use leptos::logging::warn;

const KEY: &str = "screening-form-queue";
/// The most reports kept; the oldest is dropped (with a console warning) beyond it.
pub const LIMIT: usize = 20;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `(endpoint, payload)` pairs, oldest first.
fn load() -> Vec<(String, String)> {
    let text = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .unwrap_or_default();
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(e, p)| (e.to_owned(), p.to_owned()))
        .collect()
}

/// Writes the queue back; an empty queue removes the key, leaving no trace.
fn save(entries: &[(String, String)]) {
    let Some(s) = storage() else { return };
    if entries.is_empty() {
        let _ = s.remove_item(KEY);
        return;
    }
    let text: String = entries.iter().map(|(e, p)| format!("{e}\t{p}\n")).collect();
    if s.set_item(KEY, &text).is_err() {
        warn!("<screening-form>: could not keep the report for later (storage full or blocked)");
    }
}

/// Keeps a report for later. Returns false when storage is unavailable.
pub fn push(endpoint: &str, payload: &str) -> bool {
    if storage().is_none() || endpoint.contains(['\t', '\n']) || payload.contains(['\t', '\n']) {
        return false;
    }
    let mut entries = load();
    entries.push((endpoint.to_owned(), payload.to_owned()));
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
    for entry in load().into_iter().filter(|(e, _)| *e == endpoint) {
        let outcome = api::deliver(&entry.0, &entry.1).await;
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
