//! A citizen's log export (their entries, each entry's salt and inclusion proof, and the signed
//! checkpoint the proofs lead to) and what their earlier checks saw; reading an export and
//! checking it away from the server.

use crate::checkpoint::{self, CheckpointError};
use crate::entry::{SealedEntry, UnsealedEntry};
use crate::ledger::{EntryFilter, Ledger, LedgerError, PendingEntry, StoredEntry};
use crate::verify::{check_entry, encode_salt};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use overblik_model::SubjectKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tlog_tiles::{Checkpoint, Hash};
use utoipa::ToSchema;

/// Everything a citizen needs to check their log away from the server.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LogExport {
    /// The log's name, as its checkpoints carry it.
    pub origin: String,
    /// The public key checkpoints are signed with (signed-note verifier key).
    pub verifier_key: String,
    /// The latest signed checkpoint (a C2SP signed note).
    pub checkpoint: String,
    /// Every entry the citizen may see that the checkpoint covers, newest first, with the salt
    /// of its commitment and its inclusion proof against the checkpoint.
    pub entries: Vec<ExportedEntry>,
    /// Entries awaiting their seal: durable, but no checkpoint covers them yet. A later export
    /// proves them.
    #[serde(default)]
    pub pending: Vec<UnsealedEntry>,
}

/// An entry in an export, with the proof that the export's checkpoint includes it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExportedEntry {
    #[serde(flatten)]
    pub sealed: SealedEntry,
    /// The inclusion proof's hashes, base64, in RFC 6962 order.
    pub inclusion: Vec<String>,
}

impl LogExport {
    /// Reads an export from its JSON text, as the citizen API serves it.
    pub fn read(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl From<StoredEntry> for SealedEntry {
    fn from(stored: StoredEntry) -> Self {
        Self {
            index: stored.index,
            salt: encode_salt(&stored.salt),
            entry: stored.entry,
        }
    }
}

impl From<PendingEntry> for UnsealedEntry {
    fn from(pending: PendingEntry) -> Self {
        Self {
            salt: encode_salt(&pending.salt),
            entry: pending.entry,
        }
    }
}

/// The `pending` entries whose salts are not among `sealed` (the salts of sealed entries read
/// after them: the integrator may have sealed some in between), as the citizen sees them.
pub fn still_pending(
    pending: Vec<PendingEntry>,
    sealed: &[crate::entry::Salt],
) -> Vec<UnsealedEntry> {
    pending
        .into_iter()
        .filter(|pending| !sealed.contains(&pending.salt))
        .map(UnsealedEntry::from)
        .collect()
}

impl Ledger {
    /// The export of `subject`'s entries that `filter` selects, newest first. When some await
    /// their seal (this export's own read at least, just written) and `wait` says so, it
    /// first waits for the integrator's next checkpoint, within its interval, so that it can
    /// prove them too; else they are listed as awaiting it.
    pub async fn export(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
        wait: bool,
    ) -> Result<LogExport, LedgerError> {
        let (size, _) = self.checkpoint().await?;
        let mut pending = self.pending(subject, filter).await?;
        if wait && !pending.is_empty() {
            self.checkpoint_after(size).await;
            pending = self.pending(subject, filter).await?;
        }
        let entries = self.entries(subject, filter).await?;
        // Read last, the checkpoint covers every entry sealed before (the integrator stores
        // leaves and checkpoint together); an entry it does not cover gets no proof, and the
        // citizen's check names it. Read in this order, an entry sealed meanwhile is in both
        // lists, never in neither: it counts as sealed.
        let (size, checkpoint) = self.checkpoint().await?;
        let sealed: Vec<_> = entries.iter().map(|stored| stored.salt).collect();
        let pending = still_pending(pending, &sealed);
        let entries = entries
            .into_iter()
            .map(|stored| ExportedEntry {
                inclusion: self
                    .inclusion(size, stored.index)
                    .map(|proof| proof.iter().map(ToString::to_string).collect())
                    .unwrap_or_default(),
                sealed: SealedEntry::from(stored),
            })
            .collect();
        Ok(LogExport {
            origin: self.origin().to_owned(),
            verifier_key: self.verifier_key().to_owned(),
            checkpoint,
            entries,
            pending,
        })
    }
}

/// What a citizen's earlier checks saw: kept so that a later rewrite of history shows.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Seen {
    /// The log's public key, pinned on first use.
    pub key: Option<String>,
    /// Signed checkpoints, by tree size.
    pub checkpoints: BTreeMap<u64, String>,
    /// Entries' commitments (hex), by leaf index.
    pub entries: BTreeMap<u64, String>,
}

/// What checking an export found: the checkpoint it holds, opened with the log's key, and
/// every check that failed, each said so a citizen can act on it.
#[derive(Debug)]
pub struct Checked {
    pub checkpoint: Checkpoint,
    pub failures: Vec<String>,
}

/// Checks an export with the log's public `key`: its checkpoint's signature, each entry's
/// salt and inclusion in that checkpoint, that no entry appears twice, and that every entry
/// in `seen` is still there, unchanged. A checkpoint that does not open is the error; every
/// other failure is listed in the answer.
pub fn check(export: &LogExport, key: &str, seen: &Seen) -> Result<Checked, CheckpointError> {
    let checkpoint = checkpoint::open(&export.checkpoint, key)?;
    let mut failures = Vec::new();
    let mut present = BTreeMap::new();
    for exported in &export.entries {
        let sealed = &exported.sealed;
        let proof: Option<Vec<Hash>> = exported
            .inclusion
            .iter()
            .map(|hash| Hash::parse_hash(hash).ok())
            .collect();
        let outcome = match proof {
            Some(proof) => check_entry(sealed, &proof, &checkpoint),
            None => Err("its proof is malformed".to_owned()),
        };
        if let Err(reason) = outcome {
            failures.push(format!("{}: {reason}", describe(sealed)));
        }
        if present.insert(sealed.index, commitment(sealed)).is_some() {
            failures.push(format!("{} appears twice", describe(sealed)));
        }
    }
    for (index, commitment) in &seen.entries {
        match present.get(index) {
            None => failures.push(format!("entry #{index}, seen before, is missing")),
            Some(now) if now.as_deref() != Some(commitment.as_str()) => {
                failures.push(format!("entry #{index} has changed since it was seen"));
            }
            Some(_) => {}
        }
    }
    Ok(Checked {
        checkpoint,
        failures,
    })
}

/// The hex commitment of an entry, if its salt reads.
pub fn commitment(sealed: &SealedEntry) -> Option<String> {
    let salt: [u8; 32] = STANDARD.decode(&sealed.salt).ok()?.try_into().ok()?;
    Some(hex::encode(sealed.entry.commitment(&salt)))
}

fn describe(sealed: &SealedEntry) -> String {
    format!(
        "entry #{} ({}, {})",
        sealed.index,
        sealed.entry.at.format("%Y-%m-%d %H:%M:%S UTC"),
        sealed.entry.purpose
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LogKey;
    use crate::entry::tests::sample;
    use crate::tree::Tree;
    use crate::verify::encode_salt;

    /// An export of `count` entries of one citizen, signed with `key`.
    fn export_of(count: u8, key: &LogKey) -> LogExport {
        let entries: Vec<SealedEntry> = (0..count)
            .map(|index| SealedEntry {
                index: u64::from(index),
                salt: encode_salt(&[index; 32]),
                entry: sample(1),
            })
            .collect();
        let mut tree = Tree::default();
        let mut growth = tree.grow();
        for (index, sealed) in (0u8..).zip(&entries) {
            growth.push(&sealed.entry.commitment(&[index; 32]));
        }
        tree.extend(growth.finish());
        let size = tree.len();
        LogExport {
            origin: key.origin().to_owned(),
            verifier_key: key.verifier().to_owned(),
            checkpoint: key.sign(size, tree.root(size)),
            entries: entries
                .into_iter()
                .map(|sealed| ExportedEntry {
                    inclusion: tree
                        .inclusion(size, sealed.index)
                        .expect("a leaf of the tree")
                        .iter()
                        .map(|hash| STANDARD.encode(hash.0))
                        .collect(),
                    sealed,
                })
                .collect(),
            pending: Vec::new(),
        }
    }

    #[test]
    fn a_whole_export_passes_and_what_it_held_is_seen_unchanged_next_time() {
        let key = LogKey::generate("overblik.test/log");
        let export = export_of(3, &key);
        let text = serde_json::to_string(&export).expect("serializes");
        let export = LogExport::read(&text).expect("reads back");
        let checked = check(&export, key.verifier(), &Seen::default()).expect("opens");
        assert_eq!(checked.checkpoint.size(), 3);
        assert!(checked.failures.is_empty(), "{:?}", checked.failures);

        let seen = Seen {
            entries: export
                .entries
                .iter()
                .map(|exported| {
                    let commitment = commitment(&exported.sealed).expect("a salt");
                    (exported.sealed.index, commitment)
                })
                .collect(),
            ..Seen::default()
        };
        let checked = check(&export, key.verifier(), &seen).expect("opens");
        assert!(checked.failures.is_empty(), "{:?}", checked.failures);
    }

    #[test]
    fn each_bad_entry_is_named_and_a_foreign_checkpoint_is_refused() {
        let key = LogKey::generate("overblik.test/log");
        let mut export = export_of(4, &key);
        export.entries[0].sealed.entry.purpose = "control".into();
        export.entries[1].sealed.salt = "not base64".into();
        export.entries[2].inclusion[0] = "not a hash".into();
        export.entries.push(ExportedEntry {
            sealed: export.entries[3].sealed.clone(),
            inclusion: export.entries[3].inclusion.clone(),
        });
        let seen = Seen {
            entries: [(3, "00".repeat(32)), (9, "00".repeat(32))].into(),
            ..Seen::default()
        };
        let failures = check(&export, key.verifier(), &seen)
            .expect("opens")
            .failures;
        let expected = [
            "entry #0 (2026-09-21 14:13:20 UTC, control): its inclusion proof does not match the checkpoint",
            "entry #1 (2026-09-21 14:13:20 UTC, own_overview): its salt is malformed",
            "entry #2 (2026-09-21 14:13:20 UTC, own_overview): its proof is malformed",
            "entry #3 (2026-09-21 14:13:20 UTC, own_overview) appears twice",
            "entry #3 has changed since it was seen",
            "entry #9, seen before, is missing",
        ];
        assert_eq!(failures, expected);

        let other = LogKey::generate("overblik.test/log");
        assert!(matches!(
            check(&export, other.verifier(), &Seen::default()),
            Err(CheckpointError::BadSignature(_))
        ));
    }
}
