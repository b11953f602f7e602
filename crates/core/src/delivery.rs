//! How a report is delivered, as pure decisions the widget's I/O follows: which answers from the
//! collector end a delivery, which are retried and after how long, and how the optional offline
//! queue is written to storage. Kept here so they are tested natively, not only end to end.

/// What one attempt's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// 201 stored, or 200 already there: done.
    Delivered,
    /// A 4xx other than 408 and 429: the collector will never take this report.
    Rejected(u16),
    /// A network error (`None`), 408, 429 or 5xx: worth trying again.
    Retry,
}

/// The waits between attempts, in milliseconds: three retries after the first try.
pub const BACKOFF_MS: [u32; 3] = [1_000, 2_000, 4_000];

/// How long one attempt may take before it counts as a network error.
pub const TIMEOUT_MS: u32 = 10_000;

/// Classifies a collector's answer (`None`: no answer at all).
pub fn classify(status: Option<u16>) -> Attempt {
    match status {
        Some(200 | 201) => Attempt::Delivered,
        Some(408 | 429) | None => Attempt::Retry,
        Some(s) if (400..500).contains(&s) => Attempt::Rejected(s),
        Some(_) => Attempt::Retry,
    }
}

/// The wait before retry number `attempt` (0-based), or `None` when no retry is left.
pub fn backoff(attempt: usize) -> Option<u32> {
    BACKOFF_MS.get(attempt).copied()
}

/// The most reports the offline queue keeps; the oldest go first beyond it.
pub const QUEUE_LIMIT: usize = 20;

/// The localStorage key of the offline queue (the loader's quick exit deletes it too).
pub const QUEUE_KEY: &str = "screening-form-queue";

/// One queued report: where it goes and the finished payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub endpoint: String,
    pub payload: String,
}

/// Reads the queue as stored: one `endpoint<TAB>payload` line per report, oldest first. Lines
/// that are not of that shape are skipped (storage another script wrote to, say).
pub fn decode_queue(text: &str) -> Vec<Queued> {
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(e, p)| !e.is_empty() && !p.is_empty() && !p.contains('\t'))
        .map(|(e, p)| Queued {
            endpoint: e.to_owned(),
            payload: p.to_owned(),
        })
        .collect()
}

/// Writes the queue; `None` for an empty queue (remove the key: leave no trace).
pub fn encode_queue(entries: &[Queued]) -> Option<String> {
    (!entries.is_empty()).then(|| {
        entries
            .iter()
            .map(|q| format!("{}\t{}\n", q.endpoint, q.payload))
            .collect()
    })
}

/// Adds a report to the queue, keeping at most [`QUEUE_LIMIT`]; returns how many old reports
/// were dropped, or `None` when the report cannot be stored in this format (a tab or newline
/// in it: compact JSON never has one).
pub fn enqueue(entries: &mut Vec<Queued>, report: Queued) -> Option<usize> {
    if report.endpoint.contains(['\t', '\n']) || report.payload.contains(['\t', '\n']) {
        return None;
    }
    entries.push(report);
    let dropped = entries.len().saturating_sub(QUEUE_LIMIT);
    entries.drain(..dropped);
    Some(dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_stored_or_duplicate_ends_a_delivery_and_only_client_errors_give_up() {
        assert_eq!(classify(Some(201)), Attempt::Delivered);
        assert_eq!(classify(Some(200)), Attempt::Delivered);
        for s in [400, 401, 413, 415, 422] {
            assert_eq!(classify(Some(s)), Attempt::Rejected(s));
        }
        for s in [None, Some(408), Some(429), Some(500), Some(502), Some(503)] {
            assert_eq!(classify(s), Attempt::Retry, "{s:?}");
        }
        // A redirect or an odd success is not a delivery: retried, then kept.
        assert_eq!(classify(Some(204)), Attempt::Retry);
        assert_eq!(classify(Some(302)), Attempt::Retry);
    }

    #[test]
    fn three_retries_with_growing_waits_then_none() {
        let waits: Vec<u32> = (0..).map_while(backoff).collect();
        assert_eq!(waits, [1_000, 2_000, 4_000]);
        assert!(waits.windows(2).all(|w| w[0] < w[1]));
        // Worst case before giving up: every attempt times out and every wait passes.
        let worst: u32 = TIMEOUT_MS * 4 + waits.iter().sum::<u32>();
        assert_eq!(worst, 47_000);
    }

    fn q(e: &str, p: &str) -> Queued {
        Queued {
            endpoint: e.into(),
            payload: p.into(),
        }
    }

    #[test]
    fn the_queue_round_trips_and_an_empty_queue_leaves_no_key() {
        let entries = vec![
            q("https://c.example/v1/submissions", r#"{"v":1,"id":"a"}"#),
            q("https://d.example/v1/submissions", r#"{"v":1,"id":"b"}"#),
        ];
        let text = encode_queue(&entries).unwrap();
        assert_eq!(decode_queue(&text), entries);
        assert_eq!(encode_queue(&[]), None);
        assert!(decode_queue("").is_empty());
        // Foreign or damaged lines are skipped, good ones kept.
        let damaged = format!("garbage\n\tno-endpoint\nx\t\n{text}a\tb\tc\n");
        assert_eq!(decode_queue(&damaged), entries);
    }

    #[test]
    fn the_queue_keeps_the_newest_twenty_and_refuses_what_it_cannot_store() {
        let mut entries = Vec::new();
        for i in 0..25 {
            let dropped = enqueue(&mut entries, q("e", &format!("{{\"id\":{i}}}"))).unwrap();
            assert_eq!(dropped, usize::from(i >= 20));
        }
        assert_eq!(entries.len(), QUEUE_LIMIT);
        assert_eq!(entries[0].payload, "{\"id\":5}");
        assert_eq!(enqueue(&mut entries, q("e", "a\tb")), None);
        assert_eq!(enqueue(&mut entries, q("e\n", "{}")), None);
        assert_eq!(entries.len(), QUEUE_LIMIT);
    }
}
