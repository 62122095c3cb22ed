//! One access to a citizen's data, and the commitment that stands for it in the public tree.

use chrono::{DateTime, Utc};
use overblik_model::{Area, Kind, RecordId, SubjectKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

/// Who read: the kinds of reader the log tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// The citizen themselves.
    Citizen,
    /// Someone acting for the citizen under a power of attorney or custody.
    Proxy,
    /// An app or service the citizen shared data with.
    ThirdParty,
    /// Overblik's own operators.
    Operator,
    /// Someone shown a certificate of the citizen's, checking it online; unknown to Overblik.
    Verifier,
    /// An authority, reporting its own use of the citizen's data.
    Authority,
}

/// The reader: its kind, an id that is stable for it, and the name the citizen sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: String,
    pub name: String,
    /// The system the reader used, where an authority reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The person at the authority, where it may be shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

/// Where the read came through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Overblik's pages.
    Web,
    /// Overblik's citizen JSON API.
    Api,
    /// The authority's own systems, reported through the provider API.
    Authority,
    /// The citizen's private calendar feed, fetched by their calendar app.
    CalendarFeed,
    /// Overblik's provider API: an authority fetched what the citizen sent it.
    ProviderApi,
    /// A webhook delivery to an authority of what the citizen sent it.
    Webhook,
    /// The shared-data API: a service the citizen consented to share with fetched it.
    SharedApi,
    /// The public verification of certificates: a page and an API anyone may use.
    Verify,
}

/// What was read: enough to tell the citizen, never the content itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WhatWasRead {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<Kind>,
    /// The records read, each named: for a single record, and for what a third party read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<RecordId>,
    /// How many records a view showed, where they are counted rather than each named (an
    /// overview or a list): the entry stays small however many there were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// A plain description where the reader gives one ("tax assessment 2026").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One access to one citizen's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    pub actor: Actor,
    /// Whose data was read.
    #[schema(value_type = String)]
    pub subject: SubjectKey,
    /// On whose behalf the actor read, when that is not the actor itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
    pub read: WhatWasRead,
    /// Why: a purpose code such as `self_service`, or the authority's own words.
    pub purpose: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Before this moment the citizen is not shown the entry (an investigation that may only
    /// be disclosed later). The tree holds it from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_until: Option<DateTime<Utc>>,
}

/// Random bytes mixed into a commitment, so that a commitment reveals nothing of its entry,
/// not even to someone who guesses the entry's content.
pub type Salt = [u8; 32];

/// Separates these commitments from any other use of SHA-256 over the same bytes.
const COMMITMENT_CONTEXT: &[u8] = b"overblik access entry v1\n";

impl AccessEntry {
    /// The bytes a commitment is taken over: the entry as JSON, fields in declaration order.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("an access entry always serializes")
    }

    /// What the Merkle tree holds for this entry: SHA-256 over the salt and the entry.
    pub fn commitment(&self, salt: &Salt) -> [u8; 32] {
        let mut hasher = Sha256::new();
        hasher.update(COMMITMENT_CONTEXT);
        hasher.update(salt);
        hasher.update(self.canonical_bytes());
        hasher.finalize().into()
    }

    /// The entry as a store keeps it beside its subject: its JSON without the subject, which
    /// the store's own column holds (77 bytes, a sixth of a small entry).
    pub fn stored_text(&self) -> String {
        let mut value = serde_json::to_value(self).expect("an access entry always serializes");
        if let serde_json::Value::Object(fields) = &mut value {
            fields.remove("subject");
        }
        value.to_string()
    }

    /// An entry from its [`AccessEntry::stored_text`] and the subject stored beside it. Text
    /// stored whole (before the subject was left out) reads too, and must name the same
    /// subject.
    pub fn from_stored(subject: &SubjectKey, text: &str) -> Result<Self, serde_json::Error> {
        let mut value: serde_json::Value = serde_json::from_str(text)?;
        if let serde_json::Value::Object(fields) = &mut value {
            fields
                .entry("subject")
                .or_insert_with(|| serde_json::to_value(subject).expect("a key serializes"));
        }
        let entry: Self = serde_json::from_value(value)?;
        if entry.subject != *subject {
            return Err(serde::de::Error::custom(
                "the entry names another subject than the one it is stored under",
            ));
        }
        Ok(entry)
    }

    /// Whether the citizen may see the entry at `now`.
    pub fn is_visible_at(&self, now: DateTime<Utc>) -> bool {
        self.hidden_until.is_none_or(|until| until <= now)
    }
}

/// An entry as the log keeps it: its place in the tree and the salt of its commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SealedEntry {
    /// The entry's leaf index in the tree, from 0.
    pub index: u64,
    /// Base64 of the salt; with the entry it recomputes the leaf.
    pub salt: String,
    pub entry: AccessEntry,
}

/// An entry durable but awaiting its seal: the integrator has not yet given it a leaf, so no
/// checkpoint covers it and it has no proof. It is sealed within seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UnsealedEntry {
    /// Base64 of the salt; with the entry it gives the leaf the entry will have.
    pub salt: String,
    pub entry: AccessEntry,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn sample(subject: u8) -> AccessEntry {
        AccessEntry {
            at: DateTime::from_timestamp(1_790_000_000, 0).expect("a time"),
            actor: Actor {
                kind: ActorKind::Citizen,
                id: "self".into(),
                name: "You".into(),
                system: None,
                person: None,
            },
            subject: SubjectKey::from_bytes([subject; 32]),
            on_behalf_of: None,
            read: WhatWasRead {
                areas: vec![Area::Economy],
                ..WhatWasRead::default()
            },
            purpose: "own_overview".into(),
            legal_basis: None,
            channel: Channel::Web,
            request_id: Some("r-1".into()),
            hidden_until: None,
        }
    }

    #[test]
    fn a_commitment_changes_with_any_field_and_with_the_salt() {
        let entry = sample(1);
        let salt = [7; 32];
        let original = entry.commitment(&salt);
        assert_eq!(original, entry.clone().commitment(&salt), "deterministic");
        assert_ne!(original, entry.commitment(&[8; 32]));
        let mut changed = entry.clone();
        changed.purpose = "control".into();
        assert_ne!(original, changed.commitment(&salt));
        let mut changed = entry;
        changed.at += chrono::Duration::seconds(1);
        assert_ne!(original, changed.commitment(&salt));
    }

    #[test]
    fn an_entry_is_stored_without_its_subject_and_reads_back_the_same() {
        let entry = sample(1);
        let text = entry.stored_text();
        assert!(!text.contains("subject"), "{text}");
        // `"subject":"<64 hex digits>",` is 77 bytes.
        assert_eq!(text.len() + 77, entry.canonical_bytes().len());
        let subject = SubjectKey::from_bytes([1; 32]);
        let read = AccessEntry::from_stored(&subject, &text).expect("reads");
        assert_eq!(read, entry);
        assert_eq!(read.canonical_bytes(), entry.canonical_bytes());
        let whole = String::from_utf8(entry.canonical_bytes()).expect("utf-8");
        assert_eq!(
            AccessEntry::from_stored(&subject, &whole).expect("reads"),
            entry
        );
        let other = SubjectKey::from_bytes([2; 32]);
        assert!(AccessEntry::from_stored(&other, &whole).is_err());
    }

    #[test]
    fn hidden_entries_appear_on_their_date() {
        let mut entry = sample(1);
        let until = entry.at + chrono::Duration::days(30);
        entry.hidden_until = Some(until);
        assert!(!entry.is_visible_at(until - chrono::Duration::seconds(1)));
        assert!(entry.is_visible_at(until));
    }
}
