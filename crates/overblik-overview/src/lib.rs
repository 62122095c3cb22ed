//! What a citizen's overview shows, worked out from their records.
//!
//! The overview puts first what needs the citizen's attention (deadlines and appointments in
//! the coming weeks, money due or overdue and the total owed, cases waiting for them, what
//! changed since their last visit), then the life areas with what is in each. The pages and
//! the JSON API both show what this crate works out; neither decides it on its own.

mod attention;
mod freshness;
mod glance;
mod grouping;
mod holdings;
pub mod proactive;
mod search;

pub use attention::{Attention, AttentionItem, AttentionKind};
pub use freshness::{AuthorityFreshness, Freshness, authorities, freshness};
pub use glance::{Dated, Glance, glance};
pub use grouping::{AttentionEntry, Bills, GROUP_FROM, grouped};
pub use holdings::{Holding, holdings};
pub use search::search;

use chrono::{DateTime, NaiveDate, Utc};
use overblik_model::{Area, Kind, Language};
use overblik_store::{Provider, SubjectSummary, Tally};
use serde::Serialize;
use utoipa::ToSchema;

/// How far ahead deadlines and appointments count as coming up.
pub const COMING_DAYS: i64 = 28;

/// One life area and what the citizen has in it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AreaSummary {
    pub area: Area,
    /// How many records the area holds, access events not counted.
    pub records: usize,
    /// How many of each kind, in the order of the kinds.
    pub kinds: Vec<KindCount>,
    /// The latest change at a source, if the area holds anything.
    pub last_updated: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct KindCount {
    pub kind: Kind,
    pub count: usize,
}

/// A citizen's overview at a moment.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Overview {
    pub attention: Attention,
    /// Every life area, in the order of the overview, with what is in each.
    pub areas: Vec<AreaSummary>,
    /// Every connected authority by name, with whether its information is current, stale
    /// (nothing delivered for longer than it promised) or missing (nothing delivered yet).
    pub authorities: Vec<AuthorityFreshness>,
}

/// What the overview needs to know beside the records.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub now: DateTime<Utc>,
    /// The citizen's day, for due dates.
    pub today: NaiveDate,
    /// When the citizen last looked, to tell what changed since.
    pub last_visit: Option<DateTime<Utc>>,
    pub language: Language,
}

impl Moment {
    /// This moment, with the day as it is where the deployment is.
    pub fn now(last_visit: Option<DateTime<Utc>>, language: Language) -> Self {
        let now = Utc::now();
        Self {
            now,
            today: overblik_model::Country::current().today(now),
            last_visit,
            language,
        }
    }
}

/// Works out the overview from the store's summary of one citizen's records, asked for at
/// `moment.now` and since `moment.last_visit`, and the registered authorities.
pub fn overview(summary: &SubjectSummary, providers: &[Provider], moment: Moment) -> Overview {
    Overview {
        attention: attention::attention(summary, moment),
        areas: areas(&summary.tallies),
        authorities: authorities(providers, moment.now),
    }
}

/// Every life area, in the catalogue's order, with what the citizen has in it. Access
/// events are the log's business, not an area's.
pub fn areas(tallies: &[Tally]) -> Vec<AreaSummary> {
    Area::ALL
        .into_iter()
        .map(|area| {
            let kinds: Vec<KindCount> = Kind::ALL
                .iter()
                .filter(|kind| **kind != Kind::AccessEvent)
                .filter_map(|kind| {
                    let count: u64 = tallies
                        .iter()
                        .filter(|tally| tally.area == area && tally.kind == *kind)
                        .map(|tally| tally.count)
                        .sum();
                    (count > 0).then_some(KindCount {
                        kind: *kind,
                        count: usize::try_from(count).unwrap_or(usize::MAX),
                    })
                })
                .collect();
            AreaSummary {
                area,
                records: kinds.iter().map(|kind| kind.count).sum(),
                last_updated: tallies
                    .iter()
                    .filter(|tally| tally.area == area && tally.kind != Kind::AccessEvent)
                    .map(|tally| tally.last_updated)
                    .max(),
                kinds,
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Records for the tests, parsed exactly as the provider API parses them.

    use chrono::{DateTime, Utc};
    use overblik_model::{Batch, ProviderId, SubjectKeySecret};
    use overblik_store::StoredRecord;
    use serde_json::{Value, json};

    pub const TODAY: &str = "2026-11-23";

    pub fn now() -> DateTime<Utc> {
        "2026-11-23T12:00:00Z".parse().expect("a time")
    }

    pub fn record(kind: &str, classification: &str, details: Value) -> Value {
        json!({
            "id": "numbered-by-stored", "version": 1, "subject": "010190-1234",
            "kind": kind, "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
            "details": details
        })
    }

    pub fn stored(mut records: Vec<Value>) -> Vec<StoredRecord> {
        for (index, record) in records.iter_mut().enumerate() {
            record["id"] = json!(format!("record-{index}"));
        }
        let secret = SubjectKeySecret::new(vec![3; 32]).expect("long enough");
        let batch = Batch::parse(
            &json!({"upserts": records}),
            &secret,
            &overblik_model::batch::Unchecked,
        )
        .expect("valid records");
        let provider: ProviderId = "test".parse().expect("an id");
        batch
            .upserts
            .into_iter()
            .map(|upsert| StoredRecord {
                id: overblik_model::RecordId::random(),
                provider: provider.clone(),
                subject: upsert.incoming.subject,
                stored_at: "2026-11-20T08:00:00Z".parse().expect("a time"),
                changed_at: "2026-11-20T08:00:00Z".parse().expect("a time"),
                record: upsert.incoming.record.into(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{self, record, stored};
    use super::*;
    use serde_json::json;

    #[test]
    fn every_area_is_listed_with_what_is_in_it() {
        let records = stored(vec![
            record(
                "deadline",
                "85",
                json!({"due": "2026-12-01", "action": "Indsend"}),
            ),
            record(
                "document",
                "85.02",
                json!({"category": "document", "date": "2026-03-01", "sender": "Skat"}),
            ),
            record(
                "access_event",
                "85",
                json!({"organisation": "Skat", "at": "2026-11-01T10:00:00Z", "what": "Indkomst", "purpose": "Kontrol"}),
            ),
            record(
                "appointment",
                "89.02",
                json!({"start": "2026-12-03T09:00:00+01:00", "end": "2026-12-03T09:30:00+01:00", "place": "Hospital"}),
            ),
        ]);
        let summary = areas(&SubjectSummary::of(&records, fixtures::now(), None).tallies);
        assert_eq!(summary.len(), Area::ALL.len());
        let economy = summary
            .iter()
            .find(|s| s.area == Area::Economy)
            .expect("economy");
        assert_eq!(
            economy.records, 2,
            "access events are not counted as the citizen's records"
        );
        assert_eq!(
            economy.kinds,
            [
                KindCount {
                    kind: Kind::Deadline,
                    count: 1
                },
                KindCount {
                    kind: Kind::Document,
                    count: 1
                }
            ]
        );
        let fishing = summary
            .iter()
            .find(|s| s.area == Area::Fishing)
            .expect("fishing");
        assert_eq!((fishing.records, fishing.last_updated), (0, None));
    }
}
