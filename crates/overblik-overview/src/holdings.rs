//! What each authority holds about the citizen: how many records, and its latest change.

use chrono::{DateTime, Utc};
use overblik_store::StoredRecord;
use std::collections::HashMap;

/// How many of a citizen's records one authority holds, and its latest change among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holding {
    pub records: usize,
    pub last_updated: DateTime<Utc>,
}

/// Each authority's holding among `records`, by the authority's id.
pub fn holdings(records: &[StoredRecord]) -> HashMap<&str, Holding> {
    let mut held: HashMap<&str, Holding> = HashMap::new();
    for stored in records {
        let updated = stored.record.updated_at.get();
        let holding = held.entry(stored.provider.as_str()).or_insert(Holding {
            records: 0,
            last_updated: updated,
        });
        holding.records += 1;
        holding.last_updated = holding.last_updated.max(updated);
    }
    held
}
