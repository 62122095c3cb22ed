//! Batches: what a provider pushes in one request, and the receipt it gets back.

use crate::authority::FactAuthorities;
use crate::catalogue::Classification;
use crate::ids::{ProviderId, SourceId, SubjectKeySecret};
use crate::parse::{At, FieldError, FromJson, Parser};
use crate::record::{FactType, IncomingRecord, Record, RecordDetails};
use crate::values::Version;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use utoipa::ToSchema;

/// The most records (upserts and deletes together) one batch may carry.
pub const MAX_BATCH_RECORDS: usize = 10_000;

/// A batch as sent by a provider: records to create or update, and records to delete.
///
/// Only used to describe the wire format; [`Batch::parse`] reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchRequest {
    /// Records to create or replace, each with the subject's national identifier.
    upserts: Vec<UpsertRequest>,
    /// Records to delete.
    deletes: Vec<Delete>,
}

/// A record as sent: the record's fields and `subject`, the national identifier.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpsertRequest {
    /// The national identifier, of the deployment's scheme; the served document gives the
    /// scheme's pattern.
    #[schema(example = "010190-1234", pattern = r"^.+$")]
    subject: String,
    #[serde(flatten)]
    record: Record,
}

/// What the sender of a batch may write. It is asked once per record, so that the answer
/// names each record outside it.
pub trait Permits {
    /// Whether the sender may write records under `classification`.
    fn may_write(&self, classification: &Classification) -> bool;
    /// Whether the sender may assert a register fact of type `fact` under `classification`.
    fn may_assert(&self, fact: FactType, classification: &Classification) -> bool;
}

/// Permits everything: for fixtures and for checks that know no provider (offline validation
/// of a file's shape). The server checks every provider with [`ProviderPermits`].
#[derive(Debug, Clone, Copy)]
pub struct Unchecked;

impl Permits for Unchecked {
    fn may_write(&self, _classification: &Classification) -> bool {
        true
    }

    fn may_assert(&self, _fact: FactType, _classification: &Classification) -> bool {
        true
    }
}

/// What a registered provider may write: its classifications, and the facts the operator's
/// rule lets it assert.
#[derive(Debug, Clone, Copy)]
pub struct ProviderPermits<'a> {
    pub provider: &'a ProviderId,
    /// Classification prefixes it is registered for, such as `28` or `85.10`.
    pub classifications: &'a [String],
    pub facts: &'a FactAuthorities,
}

impl Permits for ProviderPermits<'_> {
    fn may_write(&self, classification: &Classification) -> bool {
        self.classifications
            .iter()
            .any(|prefix| classification.is_under(prefix))
    }

    fn may_assert(&self, fact: FactType, classification: &Classification) -> bool {
        self.facts.may_assert(fact, self.provider, classification)
    }
}

/// A record to create or update.
#[derive(Debug, Clone)]
pub struct Upsert {
    /// Its place in the batch's `upserts`.
    pub index: usize,
    pub incoming: IncomingRecord,
}

/// A record to delete, by the provider's id, with the version that deletes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Delete {
    pub id: SourceId,
    pub version: Version,
}

impl FromJson for Delete {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let id = object.required(parser, "id");
        let version = object.required(parser, "version");
        object.finish(parser);
        Some(Self {
            id: id?,
            version: version?,
        })
    }
}

/// A parsed batch: every record valid and no provider id twice.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub upserts: Vec<Upsert>,
    pub deletes: Vec<Delete>,
}

impl Batch {
    /// Parses a batch, reporting every offending record and field.
    ///
    /// `allowed` says what the sender may write; it is asked once per record so that the
    /// answer names each record outside the provider's registration.
    pub fn parse(
        value: &Value,
        secret: &SubjectKeySecret,
        allowed: &dyn Permits,
    ) -> Result<Batch, Vec<FieldError>> {
        let mut parser = Parser::new();
        let batch = Self::read(&mut parser, value, secret, allowed);
        parser.finish(batch)
    }

    fn read(
        parser: &mut Parser,
        value: &Value,
        secret: &SubjectKeySecret,
        allowed: &dyn Permits,
    ) -> Option<Batch> {
        let root = At::root();
        let mut object = parser.object(value, &root)?;
        let upserts = object.raw("upserts");
        let deletes = match object.raw("deletes") {
            Some(deletes) => {
                parser.list::<Delete>(deletes, &root.key("deletes"), MAX_BATCH_RECORDS)
            }
            None => Some(Vec::new()),
        };
        object.finish(parser);
        let upserts = match upserts {
            Some(Value::Array(items)) => {
                Self::read_upserts(parser, items, &root.key("upserts"), secret, allowed)
            }
            Some(_) => {
                parser.fail(&root.key("upserts"), "must be an array of records");
                None
            }
            None => Some(Vec::new()),
        };
        let (upserts, deletes) = (upserts?, deletes?);
        if parser.has_errors() {
            // Some records did not parse: counting the rest would mislead.
            return None;
        }
        let total = upserts.len() + deletes.len();
        if total == 0 {
            parser.fail(&root, "must have at least one upsert or delete");
            return None;
        }
        if total > MAX_BATCH_RECORDS {
            parser.fail(
                &root,
                format!("must have at most {MAX_BATCH_RECORDS} upserts and deletes, has {total}"),
            );
            return None;
        }
        let batch = Batch { upserts, deletes };
        batch.check_unique_ids(parser);
        Some(batch)
    }

    fn read_upserts(
        parser: &mut Parser,
        items: &[Value],
        at: &At<'_>,
        secret: &SubjectKeySecret,
        allowed: &dyn Permits,
    ) -> Option<Vec<Upsert>> {
        if items.len() > MAX_BATCH_RECORDS {
            parser.fail(
                at,
                format!(
                    "must have at most {MAX_BATCH_RECORDS} records, has {}",
                    items.len()
                ),
            );
            return None;
        }
        let mut upserts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let place = at.index(index);
            let Some(incoming) = IncomingRecord::parse(parser, item, &place, secret) else {
                continue;
            };
            let record = &incoming.record;
            if !allowed.may_write(&record.classification) {
                parser.fail(
                    &place.key("classification"),
                    "is outside the classifications this provider is registered for",
                );
                continue;
            }
            if let RecordDetails::RegisterFact(fact) = &record.details
                && !allowed.may_assert(fact.fact, &record.classification)
            {
                parser.fail(
                    &place.key("details").key("fact"),
                    format!(
                        "{} facts are accepted only from a provider designated as authoritative \
                         for them, in the classifications named with it",
                        fact.fact
                    ),
                );
                continue;
            }
            upserts.push(Upsert { index, incoming });
        }
        Some(upserts)
    }

    /// A provider id may appear once per batch, or the outcome would depend on order.
    fn check_unique_ids(&self, parser: &mut Parser) {
        let root = At::root();
        let mut first_seen: HashMap<&SourceId, (&'static str, usize)> = HashMap::new();
        let upserts = self
            .upserts
            .iter()
            .map(|upsert| (&upsert.incoming.record.id, ("upserts", upsert.index)));
        let deletes = self
            .deletes
            .iter()
            .enumerate()
            .map(|(index, delete)| (&delete.id, ("deletes", index)));
        for (id, (list, index)) in upserts.chain(deletes) {
            if let Some((first_list, first_index)) = first_seen.get(id) {
                let first = root.key(first_list).index(*first_index).key("id").pointer();
                parser.fail(
                    &root.key(list).index(index).key("id"),
                    format!("repeats the id already used at {first}"),
                );
            } else {
                first_seen.insert(id, (list, index));
            }
        }
    }

    pub fn len(&self) -> usize {
        self.upserts.len() + self.deletes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What happened to a batch: how many records were written and which were stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BatchReceipt {
    /// Overblik's id of this batch.
    #[schema(value_type = String, format = Uuid)]
    pub batch_id: uuid::Uuid,
    /// Records created or updated.
    pub upserted: usize,
    /// Records deleted.
    pub deleted: usize,
    /// Records not written because Overblik already holds the same or a newer version.
    pub stale: Vec<StaleRecord>,
}

/// A record that was not written because its version was not newer than the stored one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaleRecord {
    pub id: SourceId,
    /// The version sent.
    pub version: Version,
    /// The version Overblik holds.
    pub current_version: Version,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secret() -> SubjectKeySecret {
        SubjectKeySecret::new(vec![9; 32]).expect("long enough")
    }

    fn deadline(id: &str) -> Value {
        json!({
            "id": id, "version": 1, "subject": "010190-1234", "kind": "deadline",
            "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
            "details": {"due": "2026-12-01", "action": "Upload your payslips"}
        })
    }

    fn pointers(errors: Vec<FieldError>) -> Vec<String> {
        errors
            .into_iter()
            .map(|error| error.pointer.to_string())
            .collect()
    }

    #[test]
    fn every_offending_record_and_field_is_named() {
        let mut bad = deadline("b");
        bad["version"] = json!(-1);
        bad["details"]["due"] = json!("2026-02-30");
        bad["details"]["colour"] = json!("red");
        let mut worse = deadline("c");
        worse["subject"] = json!("310490-1234");
        let body = json!({"upserts": [deadline("a"), bad, worse]});
        let errors = Batch::parse(&body, &secret(), &Unchecked).expect_err("invalid");
        assert_eq!(
            pointers(errors),
            [
                "/upserts/1/version",
                "/upserts/1/details/due",
                "/upserts/1/details/colour",
                "/upserts/2/subject"
            ]
        );
    }

    #[test]
    fn repeated_ids_and_foreign_classifications_are_refused() {
        let body = json!({"upserts": [deadline("a"), deadline("b")], "deletes": [{"id": "a", "version": 2}]});
        let errors = Batch::parse(&body, &secret(), &Unchecked).expect_err("repeated id");
        assert_eq!(pointers(errors), ["/deletes/0/id"]);
        let provider = "tax".parse().expect("an id");
        let unregistered = ProviderPermits {
            provider: &provider,
            classifications: &[],
            facts: &FactAuthorities::default(),
        };
        let errors = Batch::parse(&body, &secret(), &unregistered).expect_err("not registered");
        assert_eq!(
            pointers(errors),
            ["/upserts/0/classification", "/upserts/1/classification"]
        );
    }

    #[test]
    fn a_valid_batch_parses_and_keeps_no_national_identifier() {
        let body = json!({"upserts": [deadline("a")]});
        let batch = Batch::parse(&body, &secret(), &Unchecked).expect("valid");
        let stored = serde_json::to_string(&batch.upserts[0].incoming.record).expect("serializes");
        assert!(!stored.contains("010190"));
        let back: Record = serde_json::from_str(&stored).expect("reads back");
        assert_eq!(back, batch.upserts[0].incoming.record);
    }

    #[test]
    fn empty_and_oversized_batches_are_refused() {
        let errors = Batch::parse(&json!({}), &secret(), &Unchecked).expect_err("empty");
        assert_eq!(pointers(errors), [""]);
        let deletes: Vec<Value> = (0..=MAX_BATCH_RECORDS)
            .map(|i| json!({"id": format!("d{i}"), "version": 1}))
            .collect();
        let errors = Batch::parse(&json!({"deletes": deletes}), &secret(), &Unchecked)
            .expect_err("too many");
        assert_eq!(pointers(errors), ["/deletes"]);
    }
}
