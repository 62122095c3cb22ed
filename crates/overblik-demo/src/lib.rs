//! Synthetic demo countries: a dozen authorities and citizens whose records make sense
//! together, for Denmark, Catalonia and the Netherlands ([`Country`]).
//!
//! Everything is deterministic for a country, a seed and a day: dates are relative to
//! `today`, so appointments and deadlines are always upcoming. Names, addresses and national
//! identifiers are made up (identifiers pass their scheme's checks). The records are provider
//! payloads, ready for the provider API; their texts are in the country's two languages and
//! their amounts in its currency, as bare numbers.

mod authorities;
mod citizen;
mod country;
mod identity;

pub use authorities::{AuthoritativeFact, Authority, STALE_AFTER_DAYS};
pub use citizen::{Citizen, Situation};

use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::Value;
use std::collections::HashSet;

/// Denmark's authorities, each registered for the classifications it handles.
pub const AUTHORITIES: &[Authority] = country::DK_AUTHORITIES;
/// Denmark's rule of who may assert what: custody only from the population register.
pub const AUTHORITATIVE_FACTS: &[AuthoritativeFact] = country::DK_AUTHORITATIVE_FACTS;

/// A demo country, made for the deployment preset of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Country {
    /// Denmark: CPR numbers, kroner, texts in Danish and English.
    #[default]
    Dk,
    /// Catalonia: DNI and NIE numbers, euros, texts in Catalan and Spanish.
    Cat,
    /// The Netherlands: BSNs, euros, texts in Dutch and English.
    Nl,
}

impl Country {
    pub const ALL: [Country; 3] = [Self::Dk, Self::Cat, Self::Nl];

    fn data(self) -> &'static country::Data {
        country::data(self)
    }

    /// The country's authorities, each registered for the classifications it handles.
    pub fn authorities(self) -> &'static [Authority] {
        self.data().authorities
    }

    /// The country's rule of who may assert which fact that grants access (custody).
    pub fn authoritative_facts(self) -> &'static [AuthoritativeFact] {
        self.data().authoritative_facts
    }

    /// What the summary calls the identifiers citizens sign in with: "CPR numbers".
    pub fn identifiers(self) -> &'static str {
        self.data().identifiers
    }

    /// A batch file of this country that `overblik provider push` can send as the first
    /// authority, if the repository has one.
    pub fn example_batch(self) -> Option<&'static str> {
        self.data().example_batch
    }

    /// One line on a citizen in `situation`, for the demo's list of featured citizens.
    pub fn describe(self, situation: Situation) -> &'static str {
        let data = self.data();
        match situation {
            Situation::Family => data.family.summary,
            Situation::Unemployed => data.unemployed.summary,
            Situation::Pensioner => data.pensioner.summary,
            Situation::Farmer => data.farmer.summary,
            Situation::Student => data.student.summary,
            Situation::Debtor => data.debtor.summary,
            Situation::Worker => data.worker.summary,
        }
    }

    /// `count` citizens for `seed`, with dates relative to `today` and a recent history.
    ///
    /// The first citizens cover every situation once, in the order of [`Situation::ALL`], so
    /// the featured citizens of a demo are always the same kinds of people.
    pub fn citizens(
        self,
        seed: u64,
        count: usize,
        today: NaiveDate,
    ) -> impl Iterator<Item = Citizen> {
        self.citizens_with_history(seed, count, today, History::Recent)
    }

    /// Like [`Country::citizens`], with as much history as `history` says. A citizen's
    /// present is the same at every depth: the past comes from a random stream of its own.
    pub fn citizens_with_history(
        self,
        seed: u64,
        count: usize,
        today: NaiveDate,
        history: History,
    ) -> impl Iterator<Item = Citizen> {
        let data = self.data();
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
            citizen::generate(data, place, situation)
        })
    }
}

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

/// Generates `count` Danish citizens for `seed`, with dates relative to `today` and a recent
/// history; see [`Country::citizens`].
pub fn citizens(seed: u64, count: usize, today: NaiveDate) -> impl Iterator<Item = Citizen> {
    Country::Dk.citizens(seed, count, today)
}

/// Like [`citizens`], with as much history as `history` says; see
/// [`Country::citizens_with_history`].
pub fn citizens_with_history(
    seed: u64,
    count: usize,
    today: NaiveDate,
    history: History,
) -> impl Iterator<Item = Citizen> {
    Country::Dk.citizens_with_history(seed, count, today, history)
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
    use serde_json::json;

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
}
