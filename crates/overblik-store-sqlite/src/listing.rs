//! Reading back the lists of records that the overview's queries return in one value (see
//! `listed_records!`), and the records decoded from them that the store keeps.

use crate::{body, from_millis};
use overblik_model::{Record, RecordId, SubjectKey};
use overblik_store::{StoreError, StoreResult, StoredRecord, SubjectSummary, Tally};
use std::sync::Arc;
use uuid::Uuid;

/// How many decoded records the store keeps: at the demo's sizes some 30 MB, the standing
/// records and those needing attention of several thousand citizens.
const DECODED_RECORDS: usize = 50_000;

/// Records decoded from the bodies the overview reads on every view, by id and version.
/// Every row gets a new random id, and a row's body changes only with a newer version, so a
/// copy stays true as long as it is kept, in this process or any other. Decoding is most
/// of what reading a few records costs.
pub struct Decoded(quick_cache::sync::Cache<(Uuid, i64), Arc<Record>>);

impl Default for Decoded {
    fn default() -> Self {
        Self(quick_cache::sync::Cache::new(DECODED_RECORDS))
    }
}

impl Decoded {
    fn kept(&self, id: Uuid, version: i64) -> Option<Arc<Record>> {
        self.0.get(&(id, version))
    }

    fn record(&self, id: Uuid, version: i64, body: &str) -> StoreResult<Arc<Record>> {
        if let Some(record) = self.kept(id, version) {
            return Ok(record);
        }
        let record = Arc::new(body::record(body).map_err(StoreError::other)?);
        self.0.insert((id, version), Arc::clone(&record));
        Ok(record)
    }
}

/// A record of a list with the key it is ordered by: the change at the source, then the
/// sequence of storing.
pub type Listed = ((i64, i64), StoredRecord);

/// Reads one line of a `listed_records!` list back: the time of the source's change and the
/// row's sequence number (the order to list in), the id in hex, the times it was stored and
/// its content changed, the provider, the version and the body, separated by spaces. Bodies
/// are JSON as serde writes it, which escapes every line break, so a line is one record.
/// With `decoded`, a record decoded before is taken from it, and one decoded now is kept.
fn listed_record(
    line: &str,
    subject: &SubjectKey,
    decoded: Option<&Decoded>,
) -> StoreResult<Listed> {
    listed_or_kept(line, subject, decoded)?
        .ok_or_else(|| StoreError::Other("stored record has a bad body".into()))
}

/// Reads a line as [`listed_record`] does; a line without a body is taken from `decoded`,
/// and is `None` when it is not kept there.
fn listed_or_kept(
    line: &str,
    subject: &SubjectKey,
    decoded: Option<&Decoded>,
) -> StoreResult<Option<Listed>> {
    let corrupt = |what: &str| StoreError::Other(format!("stored record has a bad {what}").into());
    let mut fields = line.splitn(8, ' ');
    let mut next = |what: &str| fields.next().ok_or_else(|| corrupt(what));
    let updated: i64 = next("change time")?
        .parse()
        .map_err(|_| corrupt("change time"))?;
    let seq: i64 = next("sequence")?.parse().map_err(|_| corrupt("sequence"))?;
    let id = Uuid::try_parse(next("id")?).map_err(|_| corrupt("id"))?;
    let stored_at: i64 = next("time")?.parse().map_err(|_| corrupt("time"))?;
    let changed_at: i64 = next("change")?.parse().map_err(|_| corrupt("change"))?;
    let provider = next("provider")?.parse().map_err(|_| corrupt("provider"))?;
    let version: i64 = next("version")?.parse().map_err(|_| corrupt("version"))?;
    let record = match (fields.next(), decoded) {
        (Some(body), Some(decoded)) => decoded.record(id, version, body)?,
        (Some(body), None) => Arc::new(body::record(body).map_err(StoreError::other)?),
        (None, Some(decoded)) => match decoded.kept(id, version) {
            Some(record) => record,
            None => return Ok(None),
        },
        (None, None) => return Err(corrupt("body")),
    };
    let stored = StoredRecord {
        id: RecordId::from_uuid(id),
        provider,
        subject: *subject,
        stored_at: from_millis(stored_at),
        changed_at: from_millis(changed_at),
        record,
    };
    Ok(Some(((updated, seq), stored)))
}

/// The records a `listed_records!` list holds, in no particular order.
pub fn listed_records(
    listed: Option<&str>,
    subject: &SubjectKey,
    decoded: Option<&Decoded>,
) -> StoreResult<Vec<Listed>> {
    listed
        .unwrap_or_default()
        .lines()
        .map(|line| listed_record(line, subject, decoded))
        .collect()
}

/// The records a list holds, as [`listed_records`] reads them, where each line may come
/// without its body; `None` when a record listed without one is not kept decoded.
pub fn kept_records(
    listed: Option<&str>,
    subject: &SubjectKey,
    decoded: &Decoded,
) -> StoreResult<Option<Vec<Listed>>> {
    listed
        .unwrap_or_default()
        .lines()
        .map(|line| listed_or_kept(line, subject, Some(decoded)))
        .collect()
}

/// The records of a list, newest change at the source first.
pub fn newest_first(mut listed: Vec<Listed>) -> Vec<StoredRecord> {
    listed.sort_unstable_by_key(|(order, _)| std::cmp::Reverse(*order));
    listed.into_iter().map(|(_, record)| record).collect()
}

/// The tallies, the records that may need attention and the ids changed since, as
/// `summary_lists!` gives them.
pub type SummaryLists = (Option<String>, Option<String>, Option<String>);

/// The summary: the tallies, the records that may need attention, newest first, and the
/// ids changed since. The records may be listed without their bodies; `None` when one of
/// them is not kept decoded.
pub fn kept_summary(
    (tallies, attention, changed_since): SummaryLists,
    subject: &SubjectKey,
    decoded: &Decoded,
) -> StoreResult<Option<SubjectSummary>> {
    let corrupt = |what: &str| StoreError::Other(format!("stored record has a bad {what}").into());
    let tallies = tallies
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(|line| {
            let mut fields = line.split(' ');
            let mut next = |what: &str| fields.next().ok_or_else(|| corrupt(what));
            Ok(Tally {
                area: next("area")?.parse().map_err(|_| corrupt("area"))?,
                kind: next("kind")?.parse().map_err(|_| corrupt("kind"))?,
                count: next("count")?.parse().map_err(|_| corrupt("count"))?,
                last_updated: from_millis(
                    next("change time")?
                        .parse()
                        .map_err(|_| corrupt("change time"))?,
                ),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let Some(attention) = kept_records(attention.as_deref(), subject, decoded)? else {
        return Ok(None);
    };
    let changed_since = changed_since
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .map(|id| {
            Uuid::try_parse(id)
                .map(RecordId::from_uuid)
                .map_err(|_| corrupt("id"))
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(SubjectSummary {
        tallies,
        may_need_attention: newest_first(attention),
        changed_since,
    }))
}
