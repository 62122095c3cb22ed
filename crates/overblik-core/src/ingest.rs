//! Ingest: a provider's batch of records written all or nothing, once per idempotency key,
//! and the provider's own reports of its use of citizens' data (access events) written to
//! those citizens' logs, exactly once even when a retry follows a cut-off first attempt.

use crate::Core;
use crate::error::{Conflict, Error, Result};
use chrono::{DateTime, Utc};
use overblik_ledger::{AccessEntry, Actor, ActorKind, Channel, EntryFilter, WhatWasRead};
use overblik_model::record::RecordDetails;
use overblik_model::{Batch, BatchReceipt, SubjectKey};
use overblik_store::{BatchOutcome, IdempotencyKey, Provider};
use std::collections::{HashMap, HashSet};

/// What became of a batch.
#[derive(Debug)]
pub enum Ingested {
    /// Written now.
    Applied(BatchReceipt),
    /// Written before under the same key, for the same request: nothing was written again;
    /// this is the first receipt.
    Replayed(BatchReceipt),
}

impl Core {
    /// Writes `batch` from `provider` under `key` (a retry with the same key and
    /// `request_hash` answers the first receipt), then logs the access events it reports.
    /// A key used for a different request is a conflict; a log that cannot take the reports
    /// is `LogUnavailable`, after the batch was written: the provider's retry with the same
    /// key logs them then, and only those.
    pub async fn ingest(
        &self,
        provider: &Provider,
        key: &IdempotencyKey,
        request_hash: [u8; 32],
        batch: &Batch,
    ) -> Result<Ingested> {
        let outcome = self
            .store
            .apply_batch(&provider.id, key, request_hash, batch)
            .await?;
        match outcome {
            BatchOutcome::Applied(receipt) => {
                self.providers_seen.forget();
                let reported = reported_accesses(provider, batch, &receipt);
                if !reported.is_empty() {
                    self.ledger.record_all(reported).await?;
                }
                tracing::info!(
                    batch = %receipt.batch_id,
                    upserted = receipt.upserted,
                    deleted = receipt.deleted,
                    stale = receipt.stale.len(),
                    "applied a batch"
                );
                Ok(Ingested::Applied(receipt))
            }
            BatchOutcome::Replayed(receipt) => {
                // The batch and the log are written one after the other: if the first
                // attempt was cut off in between, its reports are logged now, and only those.
                let reported = reported_accesses(provider, batch, &receipt);
                self.log_missing_reports(provider, reported).await?;
                tracing::info!(batch = %receipt.batch_id, "answered a retried batch from its first receipt");
                Ok(Ingested::Replayed(receipt))
            }
            BatchOutcome::KeyReused => Err(Error::Conflict(Conflict::IdempotencyKeyReused)),
        }
    }

    /// Logs those of a replayed batch's reports that are not in their subjects' logs yet,
    /// found by their request id (provider, record and version), which no other report
    /// shares.
    ///
    /// One read per subject, over the moments its reports span, so that a retry reads about
    /// as many entries as the first attempt wrote, however many reports share a moment.
    async fn log_missing_reports(
        &self,
        provider: &Provider,
        reported: Vec<AccessEntry>,
    ) -> Result<()> {
        let mut by_subject: HashMap<SubjectKey, Vec<AccessEntry>> = HashMap::new();
        for entry in reported {
            by_subject.entry(entry.subject).or_default().push(entry);
        }
        let mut missing = Vec::new();
        for (subject, entries) in by_subject {
            let (Some(first), Some(last)) = (
                entries.iter().map(|entry| entry.at).min(),
                entries.iter().map(|entry| entry.at).max(),
            ) else {
                continue;
            };
            let span = EntryFilter {
                visible_at: DateTime::<Utc>::MAX_UTC,
                actor: Some(provider.id.to_string()),
                purpose: None,
                from: Some(first),
                until: Some(last + chrono::Duration::milliseconds(1)),
                limit: u32::MAX,
            };
            let logged: HashSet<String> = self
                .ledger
                .entries(&subject, &span)
                .await?
                .into_iter()
                .filter_map(|stored| stored.entry.request_id)
                .collect();
            missing.extend(entries.into_iter().filter(|entry| {
                entry
                    .request_id
                    .as_ref()
                    .is_none_or(|id| !logged.contains(id))
            }));
        }
        if !missing.is_empty() {
            tracing::warn!(
                entries = missing.len(),
                "logging the access reports of a batch whose first attempt was cut off"
            );
            self.ledger.record_all(missing).await?;
        }
        Ok(())
    }
}

/// The access events of a written batch, as entries of their subjects' logs; stale ones,
/// which were not written, are left out.
fn reported_accesses(
    provider: &Provider,
    batch: &Batch,
    receipt: &BatchReceipt,
) -> Vec<AccessEntry> {
    batch
        .upserts
        .iter()
        .filter_map(|upsert| {
            let record = &upsert.incoming.record;
            let RecordDetails::AccessEvent(event) = &record.details else {
                return None;
            };
            if receipt.stale.iter().any(|stale| stale.id == record.id) {
                return None;
            }
            Some(AccessEntry {
                at: event.at.get(),
                actor: Actor {
                    kind: ActorKind::Authority,
                    id: provider.id.to_string(),
                    name: event.organisation.to_string(),
                    system: event.system.as_ref().map(ToString::to_string),
                    person: event.person.as_ref().map(ToString::to_string),
                },
                subject: upsert.incoming.subject,
                on_behalf_of: None,
                read: WhatWasRead {
                    areas: vec![record.classification.area()],
                    description: Some(event.what.to_string()),
                    ..WhatWasRead::default()
                },
                purpose: event.purpose.to_string(),
                legal_basis: event.legal_basis.as_ref().map(ToString::to_string),
                channel: Channel::Authority,
                request_id: Some(format!(
                    "{}/{}/{}",
                    provider.id,
                    record.id,
                    record.version.get()
                )),
                hidden_until: record.hidden_until.map(|until| until.get()),
            })
        })
        .collect()
}
