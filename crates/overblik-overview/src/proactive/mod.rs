//! Life events and recommendations: what the citizen's own data says they are going through,
//! and advice it calls for.
//!
//! Both are worked out when the citizen looks, from their own records and choices only, and
//! nothing of them is stored or sent anywhere: no profile is kept of anyone. The rules are
//! data ([`Rules`]), shipped with Overblik and extended by the operator.

mod rules;

pub use rules::{Found, LifeEvent, Match, Recommendation, Rules, Step, VERSION};

use chrono::NaiveDate;
use overblik_model::{OverviewChoices, RecordId};
use overblik_store::StoredRecord;

/// A life event the citizen is going through, as their data tells or as they chose.
#[derive(Debug, Clone)]
pub struct EventShown<'a> {
    pub event: &'a LifeEvent,
    /// The record that told, and its date; none when the citizen chose the event.
    pub detected: Option<Detected>,
    pub chosen: bool,
}

/// The record that told of a life event, or that a recommendation rests on.
#[derive(Debug, Clone)]
pub struct Detected {
    pub record: RecordId,
    pub title: String,
    /// The title's language when it is not the reader's.
    pub title_language: Option<String>,
    pub date: Option<NaiveDate>,
    /// The person a register fact relates the citizen to (a child), by name.
    pub person: Option<String>,
}

/// A recommendation shown, with the record that calls for it.
#[derive(Debug, Clone)]
pub struct RecommendationShown<'a> {
    pub rule: &'a Recommendation,
    pub because: Option<Detected>,
    /// What hiding it remembers: the rule and the record.
    pub key: String,
}

impl Rules {
    /// The life events the citizen is going through at `today`: those their records tell of,
    /// in the catalogue's order, then those they chose.
    pub fn events_of<'a>(
        &'a self,
        records: &[StoredRecord],
        choices: &OverviewChoices,
        today: NaiveDate,
        language: overblik_model::Language,
    ) -> Vec<EventShown<'a>> {
        self.events
            .iter()
            .filter_map(|event| {
                let detected = event
                    .detect
                    .iter()
                    .find_map(|found| self.first(found, records, today))
                    .map(|found| detected(found, language));
                let chosen = choices.chosen_events.contains(&event.id);
                (detected.is_some() || chosen).then_some(EventShown {
                    event,
                    detected,
                    chosen,
                })
            })
            .collect()
    }

    /// The recommendations the citizen's records call for at `today`, those they hid left out.
    pub fn recommendations_for<'a>(
        &'a self,
        records: &[StoredRecord],
        choices: &OverviewChoices,
        today: NaiveDate,
        language: overblik_model::Language,
    ) -> Vec<RecommendationShown<'a>> {
        self.recommendations
            .iter()
            .filter_map(|rule| {
                // The first record the advice rests on that the citizen has not hidden it for.
                let found = self
                    .all(&rule.when, records, today)
                    .into_iter()
                    .find(|found| !choices.is_dismissed(&key_of(rule, found)))?;
                let all_also = rule
                    .also
                    .iter()
                    .all(|also| self.first(also, records, today).is_some());
                let none_unless = rule
                    .unless
                    .iter()
                    .all(|unless| self.first(unless, records, today).is_none());
                let key = key_of(rule, &found);
                (all_also && none_unless).then(|| RecommendationShown {
                    rule,
                    because: Some(detected(found, language)),
                    key,
                })
            })
            .collect()
    }
}

impl RecommendationShown<'_> {
    /// Why it is shown, in `language`: the rule's reason with the record's title, the
    /// related person and the day that matched (written by `day`) filled in.
    pub fn reason(
        &self,
        language: overblik_model::Language,
        day: impl Fn(NaiveDate) -> String,
    ) -> String {
        let because = self.because.as_ref();
        self.rule
            .reason
            .get(language)
            .replace("{record}", because.map_or("", |because| &because.title))
            .replace(
                "{person}",
                because
                    .and_then(|because| because.person.as_deref())
                    .unwrap_or_default(),
            )
            .replace(
                "{date}",
                &because
                    .and_then(|because| because.date)
                    .map(day)
                    .unwrap_or_default(),
            )
    }

    /// Where to act: the rule's link, else the page of the record it rests on.
    pub fn link(&self) -> String {
        match (&self.rule.link, &self.because) {
            (Some(link), _) => link.clone(),
            (None, Some(because)) => format!("/records/{}", because.record),
            (None, None) => "/".to_owned(),
        }
    }
}

/// What hiding a recommendation remembers: the rule, and the record it rests on.
fn key_of(rule: &Recommendation, found: &Found<'_>) -> String {
    format!("{}/{}", rule.id, found.record.id)
}

fn detected(found: Found<'_>, language: overblik_model::Language) -> Detected {
    let (title, title_language) = found.record.record.title_shown(language);
    let person = match &found.record.record.details {
        overblik_model::RecordDetails::RegisterFact(fact) => fact
            .related_person_name
            .as_ref()
            .map(|name| name.as_str().to_owned()),
        _ => None,
    };
    Detected {
        record: found.record.id,
        title: title.to_owned(),
        title_language: title_language.map(str::to_owned),
        date: found.date,
        person,
    }
}
