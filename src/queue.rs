//! The optional offline queue (`queue="local"`): a report that could not be delivered is kept
//! in localStorage (the finished anonymous payload only, nothing else) and retried when the
//! browser comes back online and on the next load. Each is deleted once the collector has it,
//! or dropped if the collector refuses it. Its submission id makes every retry idempotent.
//!
//! Stored as lines of `endpoint<TAB>payload`: compact JSON never holds a raw tab or newline,
//! and a line format needs no JSON code in the widget.

use crate::api::{self, Delivery};
use leptos::logging::warn;
use screening_core::delivery::{self, QUEUE_KEY, Queued};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The queued reports, oldest first (the codec is the core's [`delivery`]).
fn load() -> Vec<Queued> {
    let text = storage()
        .and_then(|s| s.get_item(QUEUE_KEY).ok().flatten())
        .unwrap_or_default();
    delivery::decode_queue(&text)
}

/// Writes the queue back; an empty queue removes the key, leaving no trace. Returns whether
/// it was written. Once the person has pressed quick exit nothing is written again, only
/// removed: a send that fails after the exit must not put the report back on the device.
fn save(entries: &[Queued]) -> bool {
    let Some(s) = storage() else { return false };
    let text = delivery::encode_queue(entries);
    let stored = match text {
        _ if crate::exit::is_leaving() => s.remove_item(QUEUE_KEY),
        None => s.remove_item(QUEUE_KEY),
        Some(text) => s.set_item(QUEUE_KEY, &text),
    };
    if stored.is_err() {
        warn!("<screening-form>: could not keep the report for later (storage full or blocked)");
    }
    stored.is_ok() && !crate::exit::is_leaving()
}

/// Keeps a report for later. Returns false when it cannot be kept (no storage, storage full
/// or blocked, or the person is leaving), so the widget never says "kept on this device" then.
pub fn push(endpoint: &str, payload: &str) -> bool {
    if storage().is_none() || crate::exit::is_leaving() {
        return false;
    }
    let mut entries = load();
    let report = Queued {
        endpoint: endpoint.to_owned(),
        payload: payload.to_owned(),
    };
    match delivery::enqueue(&mut entries, report) {
        None => false,
        Some(dropped) => {
            if dropped > 0 {
                warn!(
                    "<screening-form>: the offline queue is full; dropped the {dropped} oldest report(s)"
                );
            }
            save(&entries)
        }
    }
}

/// Tries every queued report for `endpoint` once: delivered and refused ones are removed.
pub async fn flush(endpoint: String) {
    for entry in load().into_iter().filter(|q| q.endpoint == endpoint) {
        let outcome = api::deliver(&entry.endpoint, &entry.payload).await;
        if outcome != Delivery::Unreachable {
            // Re-read: another instance may have changed the queue meanwhile.
            let mut entries = load();
            entries.retain(|e| *e != entry);
            let _ = save(&entries);
            if let Delivery::Rejected(status) = outcome {
                warn!(
                    "<screening-form>: the collector refused a queued report (HTTP {status}); dropped it"
                );
            }
        }
    }
}
