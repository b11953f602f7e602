//! The published tables of a questionnaire, computed off the request threads and kept while its
//! counts are unchanged. Linked suppression over pooled tables takes from milliseconds to a few
//! seconds (24 months × 40 partners: about 3 s): run on a request thread it would stall the
//! reports sharing that thread, and every dashboard page would pay it again.

use super::AppState;
use crate::aggregate::{Aggregates, CountRow, aggregate_counts};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// The last tables per questionnaire, with the fingerprint of the counts they came from.
#[derive(Default)]
pub struct Published(Mutex<HashMap<String, (u64, Arc<Aggregates>)>>);

impl Published {
    /// The tables of `questionnaire` for these counts: the kept ones when the counts are the
    /// same, else computed anew on a blocking thread (and kept).
    pub async fn of(
        state: &Arc<AppState>,
        questionnaire: &str,
        rows: Vec<CountRow>,
    ) -> Result<Arc<Aggregates>, String> {
        let key = fingerprint(&rows);
        if let Some((k, tables)) = state
            .published
            .0
            .lock()
            .ok()
            .and_then(|m| m.get(questionnaire).cloned())
            && k == key
        {
            return Ok(tables);
        }
        let (s, id) = (Arc::clone(state), questionnaire.to_owned());
        let tables = tokio::task::spawn_blocking(move || {
            Arc::new(aggregate_counts(
                &id,
                rows,
                |v| s.registry.get(&id, v),
                s.min_cell,
            ))
        })
        .await
        .map_err(|e| format!("computing the aggregates failed: {e}"))?;
        if let Ok(mut m) = state.published.0.lock() {
            m.insert(questionnaire.to_owned(), (key, Arc::clone(&tables)));
        }
        Ok(tables)
    }
}

/// A fingerprint of a set of counts, whatever order the store read them in (a sum of each row's
/// hash): any changed, added or removed count changes it.
fn fingerprint(rows: &[CountRow]) -> u64 {
    rows.iter().fold(rows.len() as u64, |sum, r| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        r.version.hash(&mut h);
        r.month.hash(&mut h);
        r.partner.hash(&mut h);
        r.privacy.mechanism.name().hash(&mut h);
        r.privacy.epsilon.map(f64::to_bits).hash(&mut h);
        r.counter.hash(&mut h);
        r.count.hash(&mut h);
        sum.wrapping_add(h.finish())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::Counter;
    use screening_core::payload::Privacy;

    fn row(partner: &str, count: u64) -> CountRow {
        CountRow {
            version: 1,
            month: "2026-11".into(),
            partner: Some(partner.into()),
            privacy: Privacy::NONE,
            counter: Counter::Reports,
            count,
        }
    }

    #[test]
    fn the_fingerprint_ignores_order_and_sees_every_change() {
        let a = vec![row("a", 3), row("b", 5)];
        let b = vec![row("b", 5), row("a", 3)];
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&[row("a", 3), row("b", 6)]));
        assert_ne!(fingerprint(&a), fingerprint(&[row("a", 3)]));
        assert_ne!(
            fingerprint(&a),
            fingerprint(&[row("a", 3), row("b", 5), row("c", 0)])
        );
    }
}
