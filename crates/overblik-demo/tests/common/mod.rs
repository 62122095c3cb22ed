//! What every demo country must be, checked the same way for each. A test binary serves one
//! country, since a process installs its country once: `country_suite!` writes its tests.

use chrono::NaiveDate;
use overblik_demo::{Citizen, Country, History};
use overblik_model::record::{FactType, RecordDetails};
use overblik_model::{
    Batch, FactAuthorities, FactSource, Preset, ProviderId, ProviderPermits, SubjectKeySecret,
};
use overblik_store::{StoredRecord, SubjectSummary};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Once;

/// Writes the suite's tests for a demo country and the preset it is made for, whose texts
/// are in `languages`.
#[macro_export]
macro_rules! country_suite {
    ($country:expr, $preset:expr, $languages:expr) => {
        fn country() -> overblik_demo::Country {
            common::install($preset);
            $country
        }

        #[test]
        fn featured_citizens_have_five_areas_and_something_needing_attention() {
            common::featured_citizens_have_five_areas_and_something_needing_attention(country());
        }

        #[test]
        fn the_stores_attention_filter_leaves_out_nothing_that_needs_attention() {
            common::the_stores_attention_filter_leaves_out_nothing_that_needs_attention(country());
        }

        #[test]
        fn the_same_seed_gives_the_same_country() {
            common::the_same_seed_gives_the_same_country(country());
        }

        #[test]
        fn a_deep_history_averages_about_200_records_and_keeps_the_present() {
            common::a_deep_history_averages_about_200_records_and_keeps_the_present(country());
        }

        #[test]
        fn payments_point_to_a_benefit_of_the_same_citizen_and_authority() {
            common::payments_point_to_a_benefit_of_the_same_citizen_and_authority(country());
        }

        #[test]
        fn every_record_of_a_deep_history_is_valid() {
            common::every_record_of_a_deep_history_is_valid(country());
        }

        #[test]
        fn every_record_is_valid_and_national_ids_are_unique() {
            common::every_record_is_valid_and_national_ids_are_unique(country());
        }

        #[test]
        fn every_text_is_in_the_countrys_two_languages() {
            common::every_text_is_in_the_countrys_two_languages(country(), $languages);
        }
    };
}

/// Installs `preset` as the process's country, once.
pub fn install(preset: Preset) {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        preset
            .country()
            .install()
            .expect("the first country installed");
    });
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
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
            changed_at: now,
            record: upsert.incoming.record.into(),
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
pub fn featured_citizens_have_five_areas_and_something_needing_attention(country: Country) {
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T12:00:00Z".parse().expect("a time");
    for seed in 1..=20 {
        for citizen in country.citizens(seed, 5, today()) {
            let stored = stored(&citizen, now);
            let overview = overblik_overview::overview(
                &SubjectSummary::of(&stored, now, None),
                &[],
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
pub fn the_stores_attention_filter_leaves_out_nothing_that_needs_attention(country: Country) {
    let stored_at: chrono::DateTime<chrono::Utc> = "2026-11-23T12:00:00Z".parse().expect("a time");
    for citizen in country.citizens_with_history(3, 150, today(), History::Deep) {
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
                overblik_overview::overview(&filtered, &[], moment_at(now)).attention,
                overblik_overview::overview(&everything, &[], moment_at(now)).attention,
                "{:?}, {days_ahead} days ahead",
                citizen.situation
            );
        }
    }
}

pub fn the_same_seed_gives_the_same_country(country: Country) {
    for history in [History::Recent, History::Deep] {
        let records = |seed| -> Vec<_> {
            country
                .citizens_with_history(seed, 20, today(), history)
                .map(|c| c.records)
                .collect()
        };
        assert_eq!(records(7), records(7), "{history:?}");
        assert_ne!(records(7), records(8), "{history:?}");
    }
}

pub fn a_deep_history_averages_about_200_records_and_keeps_the_present(country: Country) {
    let deep: Vec<Citizen> = country
        .citizens_with_history(5, 500, today(), History::Deep)
        .collect();
    let records: usize = deep.iter().map(|citizen| citizen.records.len()).sum();
    let average = records / deep.len();
    assert!(
        (180..=230).contains(&average),
        "{average} records a citizen"
    );
    for (deep, recent) in deep.iter().zip(country.citizens(5, 500, today())) {
        assert_eq!(deep.national_id, recent.national_id);
        assert!(deep.records.len() > recent.records.len() + 50);
    }
}

/// Every benefit's payments point to it and carry its amounts, at every depth.
pub fn payments_point_to_a_benefit_of_the_same_citizen_and_authority(country: Country) {
    for history in [History::Recent, History::Deep] {
        let mut linked = 0;
        for citizen in country.citizens_with_history(3, 200, today(), history) {
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

/// The country's rule of who may assert what, as the server checks it.
fn fact_authorities(country: Country) -> FactAuthorities {
    let mut rule = FactAuthorities::default();
    for (fact, provider, classifications) in country.authoritative_facts() {
        let source = FactSource::new(
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
    fn of(country: Country, id: &str) -> Self {
        let authority = country
            .authorities()
            .iter()
            .find(|authority| authority.id == id)
            .expect("a known authority");
        for prefix in authority.classifications {
            prefix
                .parse::<overblik_model::Classification>()
                .unwrap_or_else(|error| panic!("{id}: {prefix} {error}"));
        }
        Self {
            provider: authority.id.parse().expect("a provider id"),
            classifications: authority
                .classifications
                .iter()
                .map(|code| (*code).to_owned())
                .collect(),
        }
    }

    /// What the server lets it write under the country's rule of who asserts what.
    fn permits<'a>(&'a self, rule: &'a FactAuthorities) -> ProviderPermits<'a> {
        ProviderPermits {
            provider: &self.provider,
            classifications: &self.classifications,
            facts: rule,
        }
    }
}

/// Parses `citizen`'s records as the provider API would, each from its authority.
fn parse_all(country: Country, citizen: &Citizen) -> Vec<overblik_model::Record> {
    let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
    let rule = fact_authorities(country);
    citizen
        .records
        .iter()
        .map(|(provider, record)| {
            let batch = Batch::parse(
                &json!({"upserts": [record]}),
                &secret,
                &Registered::of(country, provider).permits(&rule),
            )
            .unwrap_or_else(|errors| panic!("{provider}: {errors:?}\n{record}"));
            batch
                .upserts
                .into_iter()
                .next()
                .expect("one")
                .incoming
                .record
        })
        .collect()
}

pub fn every_record_of_a_deep_history_is_valid(country: Country) {
    for citizen in country.citizens_with_history(2, 60, today(), History::Deep) {
        parse_all(country, &citizen);
    }
}

pub fn every_record_is_valid_and_national_ids_are_unique(country: Country) {
    let mut ids = HashSet::new();
    let mut areas = HashSet::new();
    let mut holding = BTreeSet::new();
    for citizen in country.citizens(1, 400, today()) {
        assert!(
            ids.insert(citizen.national_id.clone()),
            "{} twice",
            citizen.national_id
        );
        for record in parse_all(country, &citizen) {
            areas.insert(record.classification.area());
            // Custody ends at 18, so the register must tell when the child was born.
            if let RecordDetails::RegisterFact(fact) = &record.details
                && fact.fact == FactType::Custody
            {
                assert!(fact.related_person_born.is_some(), "{record:?}");
            }
        }
        holding.extend(citizen.records.iter().map(|(provider, _)| *provider));
    }
    assert_eq!(
        areas.len(),
        overblik_model::Area::ALL.len(),
        "every life area has data"
    );
    let registered: BTreeSet<&str> = country
        .authorities()
        .iter()
        .map(|authority| authority.id)
        .collect();
    assert_eq!(holding, registered, "every authority holds records");
}

/// The titles, statuses and attribute names of every record, at every depth.
pub fn every_text_is_in_the_countrys_two_languages(country: Country, languages: [&str; 2]) {
    let expected: BTreeSet<&str> = languages.into_iter().collect();
    let in_languages = |text: &Value| -> BTreeSet<String> {
        text.as_object()
            .expect("a text by language")
            .keys()
            .cloned()
            .collect()
    };
    for citizen in country.citizens_with_history(4, 30, today(), History::Deep) {
        for (_, record) in &citizen.records {
            let mut texts = vec![&record["title"]];
            texts.extend(record.get("status"));
            if let Some(attributes) = record["details"]["attributes"].as_array() {
                texts.extend(attributes.iter().map(|attribute| &attribute["name"]));
            }
            for text in texts {
                let found = in_languages(text);
                assert_eq!(
                    found.iter().map(String::as_str).collect::<BTreeSet<_>>(),
                    expected,
                    "{record}"
                );
            }
        }
    }
}
