//! A synthetic demo country: a dozen authorities and citizens whose records make sense together.
//!
//! Everything is deterministic for a seed and a day: dates are relative to `today`, so
//! appointments and deadlines are always upcoming. Names, addresses and national identifiers
//! are obviously made up. The records are provider payloads, ready for the provider API.

mod authorities;
mod citizen;

pub use authorities::{AUTHORITIES, Authority};
pub use citizen::{Citizen, Situation};

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::collections::HashSet;

/// Generates `count` citizens for `seed`, with dates relative to `today`.
///
/// The first citizens cover every situation once, in the order of [`Situation::ALL`], so
/// the featured citizens of a demo are always the same kinds of people.
pub fn citizens(seed: u64, count: usize, today: NaiveDate) -> impl Iterator<Item = Citizen> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut taken = HashSet::new();
    (0..count).map(move |index| {
        let situation = Situation::ALL
            .get(index)
            .copied()
            .unwrap_or_else(|| Situation::pick(&mut rng));
        citizen::generate(&mut rng, &mut taken, index, situation, today)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use overblik_model::{Batch, SubjectKeySecret};
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
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
    fn every_record_is_valid_and_national_ids_are_unique() {
        let secret = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
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
                let batch = Batch::parse(&json!({"upserts": [record]}), &secret, &|code| {
                    authority
                        .classifications
                        .iter()
                        .any(|prefix| code.is_under(prefix))
                });
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
