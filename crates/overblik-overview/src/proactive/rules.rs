//! The rule file: life events and recommendations as data, and what a rule says of one
//! record.
//!
//! A rule matches records by what the model says of them (their kind, area, register fact,
//! classification, dates) and never by a provider's free text, so the same rule reads every
//! authority's records alike. Classification codes differ between catalogues, so a rule
//! names a group of codes (`pension`) that the file gives for each catalogue.

use chrono::{Datelike, NaiveDate};
use overblik_model::certificate::Texts;
use overblik_model::record::{Direction, FactType, PaymentStatus, RecordDetails};
use overblik_model::{Area, Kind, Language, Standing};
use overblik_store::StoredRecord;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The rule file's form that this version of Overblik reads.
pub const VERSION: u32 = 1;

/// The rules shipped with Overblik.
const SHIPPED: &str = include_str!("../../proactive.toml");

/// The longest key that hides a recommendation: a rule's id, a slash and a record's id.
const MAX_HIDING_KEY: usize = 160;

/// Life events and recommendations, as the operator's deployment has them.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Named groups of classification codes, by the catalogue they belong to.
    codes: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub(super) events: Vec<LifeEvent>,
    pub(super) recommendations: Vec<Recommendation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    version: u32,
    #[serde(default)]
    codes: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    #[serde(default, rename = "event")]
    events: Vec<LifeEvent>,
    #[serde(default, rename = "recommendation")]
    recommendations: Vec<Recommendation>,
}

/// Something that happens in a life, with what usually goes with it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifeEvent {
    pub id: String,
    pub title: Texts,
    pub summary: Texts,
    /// Any one record matching one of these tells that the citizen is going through it.
    #[serde(default)]
    pub detect: Vec<Match>,
    /// The areas whose records the event's page gathers.
    pub areas: Vec<Area>,
    /// The usual steps, in order.
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
}

/// One usual step of a life event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub text: Texts,
    /// Where to take the step: a page of Overblik (`/certificates`) or an https address.
    #[serde(default)]
    pub link: Option<String>,
    /// How many days after the event's date the step is due, when the law sets a limit.
    #[serde(default)]
    pub within_days: Option<u32>,
}

/// A piece of advice shown when the citizen's own data calls for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: String,
    /// The record the advice rests on: the first that matches.
    pub when: Match,
    /// Each must match some record too.
    #[serde(default)]
    pub also: Vec<Match>,
    /// None may match any record.
    #[serde(default)]
    pub unless: Vec<Match>,
    pub title: Texts,
    /// Why it is shown; `{record}` is the record's title, `{date}` its date that matched and
    /// `{person}` the person a register fact relates the citizen to.
    pub reason: Texts,
    /// The link's text.
    pub action: Texts,
    /// Where to act: a page of Overblik or an https address; without it, the record's page.
    #[serde(default)]
    pub link: Option<String>,
}

/// What one record must be for a rule: every condition given holds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Match {
    pub kind: Option<Kind>,
    pub area: Option<Area>,
    pub fact: Option<FactType>,
    /// A group of classification codes from the file's `[codes]`.
    pub codes: Option<String>,
    /// Its end (a benefit's last day, a fact's `valid_until`, a deadline's due day) is from
    /// today up to this many days ahead.
    pub ends_within_days: Option<u32>,
    /// Its start (a fact's `valid_from`, a benefit's first day) is at most this many days ago.
    pub began_within_days: Option<u32>,
    /// The person a register fact relates the citizen to turns this age...
    pub turns: Option<u32>,
    /// ...within this many days from today.
    pub turns_within_days: Option<u32>,
    /// The related person is younger than this many years.
    pub younger_than: Option<u32>,
    /// Money the citizen owes is past its due day.
    pub overdue: Option<bool>,
    /// It holds today: a benefit granted from today or before and not ended, a register fact
    /// in force.
    pub current: Option<bool>,
}

/// What a match found: the record, and the date that made it match (for the reason).
#[derive(Debug, Clone, Copy)]
pub struct Found<'r> {
    pub record: &'r StoredRecord,
    pub date: Option<NaiveDate>,
}

impl Rules {
    /// The shipped rules.
    pub fn shipped() -> Self {
        Self::parse(SHIPPED).expect("the shipped rules are valid")
    }

    /// Rules from a file's text, checked.
    pub fn parse(text: &str) -> Result<Self, String> {
        let file = read(text)?;
        let rules = Self {
            codes: file.codes,
            events: file.events,
            recommendations: file.recommendations,
        };
        rules.check()?;
        Ok(rules)
    }

    /// These rules with the operator's file laid over them: an event or recommendation with
    /// a known id replaces it, a new id is added, and groups of codes are added or replaced.
    pub fn extended(mut self, text: &str) -> Result<Self, String> {
        let file = read(text)?;
        self.codes.extend(file.codes);
        for event in file.events {
            self.events.retain(|known| known.id != event.id);
            self.events.push(event);
        }
        for rule in file.recommendations {
            self.recommendations.retain(|known| known.id != rule.id);
            self.recommendations.push(rule);
        }
        self.check()?;
        Ok(self)
    }

    pub fn events(&self) -> &[LifeEvent] {
        &self.events
    }

    pub fn event(&self, id: &str) -> Option<&LifeEvent> {
        self.events.iter().find(|event| event.id == id)
    }

    pub fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    /// Whether `key` may be what hides a recommendation (`rule/record`, of a rule in this
    /// file), so that a citizen's choices keep nothing else.
    pub fn is_hiding_key(&self, key: &str) -> bool {
        key.len() <= MAX_HIDING_KEY
            && self.recommendations.iter().any(|rule| {
                key.strip_prefix(rule.id.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
            })
    }

    fn check(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let mut ids = std::collections::HashSet::new();
        let mut texts: Vec<(String, &Texts)> = Vec::new();
        let mut matches: Vec<(String, &Match)> = Vec::new();
        for event in &self.events {
            if !ids.insert(("event", &event.id)) {
                problems.push(format!("event {} is given twice", event.id));
            }
            let at = format!("event {}", event.id);
            texts.push((format!("{at} title"), &event.title));
            texts.push((format!("{at} summary"), &event.summary));
            for (index, step) in event.steps.iter().enumerate() {
                texts.push((format!("{at} step {}", index + 1), &step.text));
                if let Some(link) = &step.link {
                    check_link(link, &format!("{at} step {}", index + 1), &mut problems);
                }
            }
            if event.areas.is_empty() {
                problems.push(format!("{at} gathers no area"));
            }
            matches.extend(event.detect.iter().map(|found| (at.clone(), found)));
        }
        for rule in &self.recommendations {
            if !ids.insert(("recommendation", &rule.id)) {
                problems.push(format!("recommendation {} is given twice", rule.id));
            }
            let at = format!("recommendation {}", rule.id);
            texts.push((format!("{at} title"), &rule.title));
            texts.push((format!("{at} reason"), &rule.reason));
            texts.push((format!("{at} action"), &rule.action));
            if let Some(link) = &rule.link {
                check_link(link, &at, &mut problems);
            }
            let all = std::iter::once(&rule.when)
                .chain(&rule.also)
                .chain(&rule.unless);
            matches.extend(all.map(|found| (at.clone(), found)));
        }
        for (at, text) in texts {
            for language in Language::ALL {
                if text.iter().all(|(code, _)| code != language.code()) {
                    problems.push(format!("{at} has no text in {}", language.code()));
                }
            }
        }
        for (at, found) in matches {
            if let Some(codes) = &found.codes
                && !self.codes.contains_key(codes)
            {
                problems.push(format!(
                    "{at} names codes {codes}, which [codes] does not give"
                ));
            }
            if found.turns.is_some() != found.turns_within_days.is_some() {
                problems.push(format!("{at} gives one of turns and turns_within_days"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    /// The first of `records` that `wanted` matches at `today`: the soonest by the date that
    /// matched, then by id, so that the same records always give the same one.
    pub fn first<'r>(
        &self,
        wanted: &Match,
        records: &'r [StoredRecord],
        today: NaiveDate,
    ) -> Option<Found<'r>> {
        self.all(wanted, records, today).into_iter().next()
    }

    /// Every record of `records` that `wanted` matches at `today`, in the order of
    /// [`Rules::first`].
    pub fn all<'r>(
        &self,
        wanted: &Match,
        records: &'r [StoredRecord],
        today: NaiveDate,
    ) -> Vec<Found<'r>> {
        let mut found: Vec<Found<'r>> = records
            .iter()
            .filter_map(|record| self.matches(wanted, record, today))
            .collect();
        found.sort_by_key(|found| (found.date, found.record.id.to_string()));
        found
    }

    /// Whether `record` is what `found` asks for at `today`, and the date that told.
    fn matches<'r>(
        &self,
        found: &Match,
        record: &'r StoredRecord,
        today: NaiveDate,
    ) -> Option<Found<'r>> {
        let details = &record.record.details;
        let mut date = None;
        // A decided case, an ended benefit or a register fact no longer valid tells nothing
        // of today (and the stores do not read them for the rules).
        if Standing::KINDS.contains(&record.record.kind()) && !record.record.standing().on(today) {
            return None;
        }
        if found.kind.is_some_and(|kind| kind != record.record.kind())
            || found.area.is_some_and(|area| area != record.area())
        {
            return None;
        }
        if let Some(fact) = found.fact {
            let RecordDetails::RegisterFact(held) = details else {
                return None;
            };
            if held.fact != fact {
                return None;
            }
        }
        if let Some(group) = &found.codes {
            let catalogue = overblik_model::Country::current().preset.code();
            let codes = self.codes.get(group)?.get(catalogue)?;
            let classification = &record.record.classification;
            if !codes.iter().any(|code| classification.is_under(code)) {
                return None;
            }
        }
        if let Some(days) = found.ends_within_days {
            let end = end_of(details)?;
            if end < today || (end - today).num_days() > i64::from(days) {
                return None;
            }
            date = Some(end);
        }
        if let Some(days) = found.began_within_days {
            let start = start_of(details)?;
            if start > today || (today - start).num_days() > i64::from(days) {
                return None;
            }
            date = Some(start);
        }
        if let (Some(age), Some(days)) = (found.turns, found.turns_within_days) {
            let born = related_born(details)?;
            let birthday = born
                .with_year(born.year() + i32::try_from(age).ok()?)
                .or_else(|| {
                    NaiveDate::from_ymd_opt(born.year() + i32::try_from(age).ok()?, 3, 1)
                })?;
            if birthday < today || (birthday - today).num_days() > i64::from(days) {
                return None;
            }
            date = Some(birthday);
        }
        if let Some(years) = found.younger_than {
            let born = related_born(details)?;
            let age = today.years_since(born)?;
            if age >= years {
                return None;
            }
        }
        if let Some(overdue) = found.overdue
            && overdue != is_overdue(details, today)
        {
            return None;
        }
        if let Some(current) = found.current
            && current != holds_on(details, today)
        {
            return None;
        }
        Some(Found { record, date })
    }
}

fn read(text: &str) -> Result<RuleFile, String> {
    let file: RuleFile = toml::from_str(text).map_err(|error| error.to_string())?;
    if file.version != VERSION {
        return Err(format!(
            "the rule file is version {}, and this Overblik reads version {VERSION}",
            file.version
        ));
    }
    Ok(file)
}

fn check_link(link: &str, at: &str, problems: &mut Vec<String>) {
    let own_page = link.starts_with('/') && !link.starts_with("//");
    if !own_page && !link.starts_with("https://") {
        problems.push(format!(
            "{at} links to {link}: give a page of Overblik or an https address"
        ));
    }
}

/// The last day a record holds, where it has one.
fn end_of(details: &RecordDetails) -> Option<NaiveDate> {
    match details {
        RecordDetails::Benefit(benefit) => benefit.granted_until.map(|date| date.get()),
        RecordDetails::RegisterFact(fact) => fact.valid_until.map(|date| date.get()),
        RecordDetails::Deadline(deadline) if !deadline.done => Some(deadline.due.get()),
        _ => None,
    }
}

/// The first day a record holds, where it has one.
fn start_of(details: &RecordDetails) -> Option<NaiveDate> {
    match details {
        RecordDetails::Benefit(benefit) => Some(benefit.granted_from.get()),
        RecordDetails::RegisterFact(fact) => fact.valid_from.map(|date| date.get()),
        _ => None,
    }
}

fn related_born(details: &RecordDetails) -> Option<NaiveDate> {
    match details {
        RecordDetails::RegisterFact(fact) => fact.related_person_born.map(|date| date.get()),
        _ => None,
    }
}

/// Whether a benefit or register fact holds on `today`; anything else holds while it is there.
fn holds_on(details: &RecordDetails, today: NaiveDate) -> bool {
    let started = start_of(details).is_none_or(|start| start <= today);
    let ended = match details {
        RecordDetails::Benefit(benefit) => benefit.granted_until.map(|date| date.get()),
        RecordDetails::RegisterFact(fact) => fact.valid_until.map(|date| date.get()),
        _ => None,
    }
    .is_some_and(|end| end < today);
    started && !ended
}

/// Money the citizen owes whose due day has passed.
fn is_overdue(details: &RecordDetails, today: NaiveDate) -> bool {
    match details {
        RecordDetails::Payment(payment) => {
            payment.direction == Direction::FromCitizen
                && matches!(
                    payment.payment_status,
                    PaymentStatus::Overdue
                        | PaymentStatus::SentToCollection
                        | PaymentStatus::PartlyPaidOverdue
                        | PaymentStatus::PartlyPaidSentToCollection
                )
        }
        RecordDetails::Debt(debt) => debt.debt_status.may_be_overdue() && debt.due.get() < today,
        _ => false,
    }
}
