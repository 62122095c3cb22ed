//! A synthetic demo country: a dozen authorities and citizens whose records make sense together.
//!
//! Everything is deterministic for a seed and a day: dates are relative to `today`, so
//! appointments and deadlines are always upcoming. Names, addresses and national identifiers
//! are obviously made up. The records are provider payloads, ready for the provider API.

mod authorities;
mod citizen;

pub use authorities::{AUTHORITATIVE_FACTS, AUTHORITIES, Authority};
pub use citizen::{Citizen, Situation};

use serde_json::Value;

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::collections::HashSet;

/// How much of each citizen's past the generator writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum History {
    /// What is current, and the last 6 to 12 months of each benefit's payments: about 18
    /// records a citizen, light enough for a demo of a hundred thousand citizens.
    #[default]
    Recent,
    /// Five years of it besides: every monthly payment of their benefits and of what they pay,
    /// tax years, older post, past appointments and deadlines, closed cases with their whole
    /// course, earlier addresses and authorities' look-ups: about 200 records a citizen.
    Deep,
}

/// Generates `count` citizens for `seed`, with dates relative to `today` and a recent history.
///
/// The first citizens cover every situation once, in the order of [`Situation::ALL`], so
/// the featured citizens of a demo are always the same kinds of people.
pub fn citizens(seed: u64, count: usize, today: NaiveDate) -> impl Iterator<Item = Citizen> {
    citizens_with_history(seed, count, today, History::Recent)
}

/// Like [`citizens`], with as much history as `history` says. A citizen's present is the same
/// at every depth: the past comes from a random stream of its own.
pub fn citizens_with_history(
    seed: u64,
    count: usize,
    today: NaiveDate,
    history: History,
) -> impl Iterator<Item = Citizen> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut taken = HashSet::new();
    (0..count).map(move |index| {
        let situation = Situation::ALL
            .get(index)
            .copied()
            .unwrap_or_else(|| Situation::pick(&mut rng));
        let place = citizen::Place {
            rng: &mut rng,
            taken: &mut taken,
            index,
            today,
            history,
            past_seed: past_seed(seed, index),
        };
        citizen::generate(place, situation)
    })
}

/// A seed for one citizen's past from the country's seed and the citizen's number
/// (SplitMix64's finaliser, so neighbouring citizens get unrelated streams).
fn past_seed(seed: u64, index: usize) -> u64 {
    let mut z = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Request bodies of at most `batch_size` records each, written as records arrive.
///
/// A record is serialized the moment it is added, so a country of millions of records
/// waits for its push as compact JSON rather than as a tree of values.
#[derive(Debug)]
pub struct BatchBodies {
    batch_size: usize,
    done: Vec<Vec<u8>>,
    open: Vec<u8>,
    in_open: usize,
    records: usize,
}

impl BatchBodies {
    pub fn new(batch_size: usize) -> Self {
        Self {
            batch_size: batch_size.max(1),
            done: Vec::new(),
            open: Vec::new(),
            in_open: 0,
            records: 0,
        }
    }

    pub fn push(&mut self, record: &Value) {
        self.open.extend_from_slice(if self.in_open == 0 {
            b"{\"upserts\":["
        } else {
            b","
        });
        serde_json::to_writer(&mut self.open, record).expect("a JSON value serializes");
        self.in_open += 1;
        self.records += 1;
        if self.in_open == self.batch_size {
            self.close();
        }
    }

    fn close(&mut self) {
        if self.in_open > 0 {
            self.open.extend_from_slice(b"]}");
            self.done.push(std::mem::take(&mut self.open));
            self.in_open = 0;
        }
    }

    /// The bodies filled so far, taken out, so that a long stream of records can be sent
    /// as it is made.
    pub fn take_full(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.done)
    }

    /// How many records were added.
    pub fn records(&self) -> usize {
        self.records
    }

    /// The finished bodies, each a `{"upserts": [...]}` batch.
    pub fn finish(mut self) -> Vec<Vec<u8>> {
        self.close();
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overblik_model::{Batch, FactAuthorities, ProviderId, ProviderPermits, SubjectKeySecret};
    use overblik_store::{StoredRecord, SubjectSummary};
    use serde_json::json;
    use std::collections::HashMap;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    #[test]
    fn batch_bodies_hold_every_record_once_in_batches_of_the_size() {
        let mut bodies = BatchBodies::new(2);
        for i in 0..5 {
            bodies.push(&json!({"id": i}));
        }
        assert_eq!(bodies.records(), 5);
        let sizes: Vec<usize> = bodies
            .finish()
            .iter()
            .map(|body| {
                serde_json::from_slice::<Value>(body).expect("JSON")["upserts"]
                    .as_array()
                    .expect("a list")
                    .len()
            })
            .collect();
        assert_eq!(sizes, [2, 2, 1]);
    }

    /// A citizen's records as a store would hand them back, stored at `now`.
    fn stored(citizen: &Citizen, now: chrono::DateTime<chrono::Utc>) -> Vec<StoredRecord> {
        let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
        let records: Vec<Value> = citizen
            .records
            .iter()
            .map(|(_, record)| record.clone())
            .collect();
        let batch = Batch::parse(
            &json!({"upserts": records}),
            &secret,
            &overblik_model::batch::Unchecked,
        )
        .expect("valid");
        batch
            .upserts
            .into_iter()
            .map(|upsert| StoredRecord {
                id: overblik_model::RecordId::random(),
                provider: "demo".parse().expect("an id"),
                subject: upsert.incoming.subject,
                stored_at: now,
                record: upsert.incoming.record,
            })
            .collect()
    }

    fn moment_at(now: chrono::DateTime<chrono::Utc>) -> overblik_overview::Moment {
        overblik_overview::Moment {
            now,
            today: now.date_naive(),
            last_visit: None,
            language: overblik_model::Language::En,
        }
    }

    /// Featured citizens must make a convincing first overview, whatever the seed.
    #[test]
    fn featured_citizens_have_five_areas_and_something_needing_attention() {
        let now: chrono::DateTime<chrono::Utc> = "2026-11-23T12:00:00Z".parse().expect("a time");
        for seed in 1..=20 {
            for citizen in citizens(seed, 5, today()) {
                let stored = stored(&citizen, now);
                let overview = overblik_overview::overview(
                    &SubjectSummary::of(&stored, now, None),
                    moment_at(now),
                );
                let areas = overview
                    .areas
                    .iter()
                    .filter(|area| area.records > 0)
                    .count();
                assert!(
                    areas >= 5,
                    "seed {seed}, {:?}: {areas} areas",
                    citizen.situation
                );
                assert!(
                    !overview.attention.items.is_empty(),
                    "seed {seed}, {:?}: nothing needs attention",
                    citizen.situation
                );
            }
        }
    }

    /// Stores hand the overview only the records whose attention span reaches the moment;
    /// over years of history and in the weeks ahead, nothing needing attention may be left out.
    #[test]
    fn the_stores_attention_filter_leaves_out_nothing_that_needs_attention() {
        let stored_at: chrono::DateTime<chrono::Utc> =
            "2026-11-23T12:00:00Z".parse().expect("a time");
        for citizen in citizens_with_history(3, 150, today(), History::Deep) {
            let stored = stored(&citizen, stored_at);
            for days_ahead in [0, 1, 6, 20, 45, 120] {
                let now = stored_at + chrono::Duration::days(days_ahead);
                let filtered = SubjectSummary::of(&stored, now, None);
                let everything = SubjectSummary {
                    may_need_attention: stored.clone(),
                    ..filtered.clone()
                };
                assert!(filtered.may_need_attention.len() < stored.len());
                assert_eq!(
                    overblik_overview::overview(&filtered, moment_at(now)).attention,
                    overblik_overview::overview(&everything, moment_at(now)).attention,
                    "{:?}, {days_ahead} days ahead",
                    citizen.situation
                );
            }
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_country() {
        let first: Vec<_> = citizens(7, 30, today()).map(|c| c.records).collect();
        let again: Vec<_> = citizens(7, 30, today()).map(|c| c.records).collect();
        let other: Vec<_> = citizens(8, 30, today()).map(|c| c.records).collect();
        assert_eq!(first, again);
        assert_ne!(first, other);
    }

    #[test]
    fn a_deep_history_averages_about_200_records_and_keeps_the_present() {
        let deep: Vec<Citizen> = citizens_with_history(5, 500, today(), History::Deep).collect();
        let records: usize = deep.iter().map(|citizen| citizen.records.len()).sum();
        let average = records / deep.len();
        assert!(
            (180..=230).contains(&average),
            "{average} records a citizen"
        );
        for (deep, recent) in deep.iter().zip(citizens(5, 500, today())) {
            assert_eq!(deep.national_id, recent.national_id);
            assert!(deep.records.len() > recent.records.len() + 50);
        }
    }

    #[test]
    fn a_deep_history_is_the_same_for_the_same_seed() {
        let first: Vec<_> = citizens_with_history(7, 20, today(), History::Deep)
            .map(|c| c.records)
            .collect();
        let again: Vec<_> = citizens_with_history(7, 20, today(), History::Deep)
            .map(|c| c.records)
            .collect();
        let other: Vec<_> = citizens_with_history(8, 20, today(), History::Deep)
            .map(|c| c.records)
            .collect();
        assert_eq!(first, again);
        assert_ne!(first, other);
    }

    /// Every benefit's payments point to it and carry its amounts, at every depth.
    #[test]
    fn payments_point_to_a_benefit_of_the_same_citizen_and_authority() {
        for history in [History::Recent, History::Deep] {
            let mut linked = 0;
            for citizen in citizens_with_history(3, 200, today(), history) {
                let benefits: HashMap<&str, (&str, &Value)> = citizen
                    .records
                    .iter()
                    .filter(|(_, record)| record["kind"] == "benefit")
                    .map(|(provider, record)| {
                        let id = record["id"].as_str().expect("an id");
                        (id, (*provider, &record["details"]["per_period"]))
                    })
                    .collect();
                let mut paid_per_benefit: HashMap<&str, usize> = HashMap::new();
                for (provider, record) in &citizen.records {
                    let details = &record["details"];
                    let Some(benefit) = details["benefit_id"].as_str() else {
                        continue;
                    };
                    let (benefit_provider, amounts) = benefits
                        .get(benefit)
                        .unwrap_or_else(|| panic!("{benefit} is not among {benefits:?}"));
                    assert_eq!(provider, benefit_provider);
                    for field in ["gross", "tax", "net"] {
                        assert_eq!(details[field], amounts[field], "{record}");
                    }
                    *paid_per_benefit.entry(benefit).or_default() += 1;
                    linked += 1;
                }
                assert_eq!(paid_per_benefit.len(), benefits.len());
                if history == History::Recent {
                    assert!(
                        paid_per_benefit
                            .values()
                            .all(|paid| (3..=12).contains(paid))
                    );
                }
            }
            assert!(linked > 200, "{history:?}: {linked} linked payments");
        }
    }

    /// The demo's rule of who may assert what, as the server checks it.
    fn fact_authorities() -> FactAuthorities {
        let mut rule = FactAuthorities::default();
        for (fact, provider, classifications) in AUTHORITATIVE_FACTS {
            let source = overblik_model::FactSource::new(
                provider.parse().expect("a demo provider id"),
                classifications
                    .iter()
                    .map(|code| (*code).to_owned())
                    .collect(),
            )
            .expect("a valid demo source");
            rule.designate(fact.parse().expect("a fact type"), source);
        }
        rule
    }

    /// An authority as the server knows it once registered.
    struct Registered {
        provider: ProviderId,
        classifications: Vec<String>,
    }

    impl Registered {
        fn of(authority: &Authority) -> Self {
            Self {
                provider: authority.id.parse().expect("a provider id"),
                classifications: authority
                    .classifications
                    .iter()
                    .map(|code| (*code).to_owned())
                    .collect(),
            }
        }

        /// What the server lets it write under the demo's rule of who asserts what.
        fn permits<'a>(&'a self, rule: &'a FactAuthorities) -> ProviderPermits<'a> {
            ProviderPermits {
                provider: &self.provider,
                classifications: &self.classifications,
                facts: rule,
            }
        }
    }

    #[test]
    fn every_record_of_a_deep_history_is_valid() {
        let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
        let rule = fact_authorities();
        for citizen in citizens_with_history(2, 60, today(), History::Deep) {
            for (provider, record) in &citizen.records {
                let authority = AUTHORITIES
                    .iter()
                    .find(|a| a.id == *provider)
                    .expect("a known authority");
                Batch::parse(
                    &json!({"upserts": [record]}),
                    &secret,
                    &Registered::of(authority).permits(&rule),
                )
                .unwrap_or_else(|errors| panic!("{provider}: {errors:?}\n{record}"));
            }
        }
    }

    #[test]
    fn every_record_is_valid_and_national_ids_are_unique() {
        let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
        let rule = fact_authorities();
        let mut ids = HashSet::new();
        let mut areas = HashSet::new();
        for citizen in citizens(1, 400, today()) {
            assert!(
                ids.insert(citizen.national_id.clone()),
                "{} twice",
                citizen.national_id
            );
            for (provider, record) in &citizen.records {
                let authority = AUTHORITIES
                    .iter()
                    .find(|a| a.id == *provider)
                    .expect("a known authority");
                let batch = Batch::parse(
                    &json!({"upserts": [record]}),
                    &secret,
                    &Registered::of(authority).permits(&rule),
                );
                let batch =
                    batch.unwrap_or_else(|errors| panic!("{provider}: {errors:?}\n{record}"));
                areas.insert(batch.upserts[0].incoming.record.classification.area());
            }
        }
        assert_eq!(
            areas.len(),
            overblik_model::Area::ALL.len(),
            "every life area has data"
        );
    }
}
