//! Sharing by consent: what a registered recipient may ask for, a citizen's consent given,
//! narrowed or revoked, and a recipient's fetch under it, logged in the citizen's log first.
//!
//! The protocol around it (pushed requests, codes, DPoP-bound tokens) is the web crate's;
//! the rules are here, so that a page, the API and a worker cannot differ on them.

use crate::acting::{Reach, Reader, local_today};
use crate::reading::{Disclosed, Disclosure, records_read};
use crate::{Core, Error, Refusal};
use chrono::{DateTime, Days, NaiveDate, Utc};
use overblik_ledger::{Actor, ActorKind, Channel, Purpose};
use overblik_model::notify::{Happening, Notice, NoticeId, consent_key};
use overblik_model::{
    Area, Consent, ConsentId, ConsentState, FieldError, Frequency, GivenBy, Kind, Recipient, Terms,
};
use overblik_store::{RecordFilter, StoredRecord};

/// The longest an ongoing consent may run: a year, after which the citizen is asked again.
pub const LONGEST_CONSENT_DAYS: u64 = 366;

/// The longest a recipient may keep what it fetched, as a consent may allow it.
pub const LONGEST_RETENTION_DAYS: u32 = 3650;

/// How exact a consent's "last used" is: a fetch within this of the last one noted is not
/// noted again (My Log holds each).
const LAST_USE_PRECISION: chrono::TimeDelta = chrono::TimeDelta::minutes(1);

/// Why a recipient may not fetch, told to it (never more than this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Revoked,
    Expired,
}

/// Checks terms a recipient asks for on `today` against its registration: each field that
/// is wrong is named by its pointer in the request's `authorization_details`.
pub fn check_terms(
    terms: &Terms,
    recipient: &Recipient,
    today: NaiveDate,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let beyond_areas: Vec<&str> = terms
        .scope
        .areas
        .iter()
        .filter(|area| !recipient.may_ask.areas.contains(area))
        .map(|area| area.slug())
        .collect();
    if !beyond_areas.is_empty() {
        errors.push(FieldError::at(
            "areas",
            format!(
                "beyond what the recipient is registered to ask for: {}",
                beyond_areas.join(", ")
            ),
        ));
    }
    let beyond_kinds: Vec<&str> = terms
        .scope
        .kinds
        .iter()
        .filter(|kind| !recipient.may_ask.kinds.contains(kind))
        .map(|kind| kind.as_str())
        .collect();
    if !beyond_kinds.is_empty() {
        errors.push(FieldError::at(
            "kinds",
            format!(
                "beyond what the recipient is registered to ask for: {}",
                beyond_kinds.join(", ")
            ),
        ));
    }
    let latest = today
        .checked_add_days(Days::new(LONGEST_CONSENT_DAYS))
        .unwrap_or(NaiveDate::MAX);
    if terms.last_day < today {
        errors.push(FieldError::at("until", "must be today or later".to_owned()));
    } else if terms.last_day > latest {
        errors.push(FieldError::at(
            "until",
            format!("may be at most {LONGEST_CONSENT_DAYS} days ahead"),
        ));
    } else if terms.frequency == Frequency::Once && terms.last_day != today {
        errors.push(FieldError::at(
            "until",
            "a one-off consent ends the day it is given: leave it out".to_owned(),
        ));
    }
    if terms.data_from.is_some_and(|from| from > today) {
        errors.push(FieldError::at(
            "data_from",
            "must not be in the future".to_owned(),
        ));
    }
    if terms.retention_days > LONGEST_RETENTION_DAYS {
        errors.push(FieldError::at(
            "retention_days",
            format!("may be at most {LONGEST_RETENTION_DAYS}"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// `terms` narrowed to `areas` and to end by `last_day`: a citizen may give less than was
/// asked, never more. `None` if nothing is left.
pub fn narrowed(terms: &Terms, areas: &[Area], last_day: Option<NaiveDate>) -> Option<Terms> {
    let mut narrowed = terms.clone();
    narrowed.scope.areas.retain(|area| areas.contains(area));
    if narrowed.scope.areas.is_empty() {
        return None;
    }
    if let Some(day) = last_day {
        narrowed.last_day = narrowed.last_day.min(day);
    }
    Some(narrowed)
}

/// `terms` within what `reach` lets the reader see: all of them for the citizen, the
/// intersection with a power of attorney's scope for a holder. `None` if nothing is left.
pub fn within_reach(terms: &Terms, reach: &Reach) -> Option<Terms> {
    let Reach::Within(scope) = reach else {
        return Some(terms.clone());
    };
    let mut within = terms.clone();
    within.scope.areas.retain(|area| scope.areas.contains(area));
    within.scope.kinds.retain(|kind| scope.kinds.contains(kind));
    (!within.scope.areas.is_empty() && !within.scope.kinds.is_empty()).then_some(within)
}

/// The day a record is dated for a consent's `data_from`: the Danish day it last changed at
/// its authority, the one date every kind of record has.
pub fn record_day(stored: &StoredRecord) -> Option<NaiveDate> {
    Some(local_today(stored.record.updated_at.get()))
}

impl Core {
    /// `reader` consents that `recipient` may fetch the subject's data on `terms`. Someone
    /// acting for another consents only if they may act, and only within their reach.
    pub async fn give_consent(
        &self,
        reader: &Reader,
        recipient: &Recipient,
        terms: Terms,
    ) -> Result<Consent, Error> {
        if !reader.may_act() {
            return Err(Error::Forbidden(Refusal::ReadOnly));
        }
        let within_reach = terms.scope.areas.iter().all(|area| {
            terms
                .scope
                .kinds
                .iter()
                .all(|kind| reader.allows(*area, *kind))
        });
        if !within_reach {
            return Err(Error::Forbidden(Refusal::BeyondReach));
        }
        let now = Utc::now();
        check_terms(&terms, recipient, local_today(now)).map_err(Error::Invalid)?;
        let consent = Consent {
            id: ConsentId::random(),
            subject: *reader.subject(),
            recipient: recipient.id.clone(),
            purpose: recipient.purpose.clone(),
            terms,
            given_at: now,
            given_by: reader.acting.as_ref().map(|acting| GivenBy {
                name: acting.holder_name.clone(),
                basis: acting.representation.basis.to_string(),
            }),
            revoked_at: None,
            first_used_at: None,
            last_used_at: None,
        };
        self.store.put_consent(&consent).await?;
        self.tell(&consent, Happening::ConsentGiven, "given", now)
            .await;
        Ok(consent)
    }

    /// The consents given for the reader's subject; only the subject themselves sees them
    /// (or a parent with custody, who sees everything).
    pub async fn consents(&self, reader: &Reader) -> Result<Vec<Consent>, Error> {
        if !reader.sees_log() {
            return Err(Error::Forbidden(Refusal::OwnSettingsOnly));
        }
        Ok(self.store.consents_of(reader.subject()).await?)
    }

    /// Ends one of the subject's consents now: the recipient's next request is refused.
    pub async fn revoke_consent(&self, reader: &Reader, id: &ConsentId) -> Result<Consent, Error> {
        if !reader.may_act() || !reader.sees_log() {
            return Err(Error::Forbidden(Refusal::ActingForAnother));
        }
        Ok(self
            .store
            .revoke_consent(id, reader.subject(), Utc::now())
            .await?)
    }

    /// Whether `consent` lets its recipient fetch now; why not, if it does not.
    pub fn usable(consent: &Consent, now: DateTime<Utc>) -> Result<(), Unusable> {
        match consent.state(local_today(now)) {
            ConsentState::Active => Ok(()),
            ConsentState::Revoked => Err(Unusable::Revoked),
            ConsentState::Expired => Err(Unusable::Expired),
        }
    }

    /// `recipient` fetches the records that `consent` covers and `area` and `kind` select: the
    /// read is in the subject's log (the service as actor, the consent's purpose and id)
    /// before they are handed over. The first fetch under a consent is told to the citizen.
    pub async fn shared_records(
        &self,
        consent: &Consent,
        recipient: &Recipient,
        area: Option<Area>,
        kind: Option<Kind>,
        request_id: Option<String>,
    ) -> Result<Disclosed<Vec<StoredRecord>>, Error> {
        let filter = RecordFilter {
            area,
            kind,
            visible_at: Utc::now(),
        };
        let mut records = self
            .store
            .subject_records(&consent.subject, &filter)
            .await?;
        records.retain(|stored| {
            consent.covers(stored.area(), stored.record.kind(), record_day(stored))
        });
        let mut read = records_read(&records);
        read.records = records.iter().map(|stored| stored.id).collect();
        read.count = None;
        let mut by = Disclosure::by(
            consent.subject,
            Actor {
                kind: ActorKind::ThirdParty,
                id: recipient.assertion_issuer(),
                name: recipient.name.clone(),
                system: None,
                person: None,
            },
            Purpose::Consent,
        )
        .in_words(&consent.purpose);
        by.legal_basis = Some(consent.basis());
        let now = Utc::now();
        let disclosed = self
            .disclose(&by, Channel::SharedApi, request_id, read, records)
            .await?;
        // My Log holds every fetch; the consent keeps its first use (to tell the citizen) and
        // its last to the minute, so a recipient that fetches often writes it once a minute.
        let noted_lately = consent
            .last_used_at
            .is_some_and(|last| now - last < LAST_USE_PRECISION);
        if !noted_lately {
            match self.store.note_consent_used(&consent.id, now).await {
                Ok(true) => {
                    self.tell(consent, Happening::ConsentUsed, "used", now)
                        .await
                }
                Ok(false) => {}
                // The fetch is logged either way; only the "last used" and the notice wait.
                Err(error) => tracing::warn!(%error, "a consent's use was not noted"),
            }
        }
        Ok(disclosed)
    }

    /// Tells the subject of something that happened to a consent, once.
    async fn tell(&self, consent: &Consent, happening: Happening, what: &str, now: DateTime<Utc>) {
        let notice = Notice {
            id: NoticeId::random(),
            subject: consent.subject,
            happening,
            key: consent_key(consent.id, what),
            record: None,
            moment: None,
            created_at: now,
            due_at: now,
            read_at: None,
            confirmation: None,
        };
        // The consent stands either way; a failure here only loses the notice.
        if let Err(error) = self.store.add_notices(&[notice]).await {
            tracing::warn!(%error, "a consent's notice was not added");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use overblik_model::{RecipientId, Scope};

    fn recipient() -> Recipient {
        Recipient {
            id: "bank".parse::<RecipientId>().expect("an id"),
            name: "Bank".to_owned(),
            description: String::new(),
            privacy_policy: String::new(),
            redirect_uris: Vec::new(),
            public_keys: Vec::new(),
            may_ask: Scope::new(vec![Area::Economy], vec![Kind::Debt, Kind::Payment])
                .expect("a scope"),
            purpose: "Budget".to_owned(),
            registered_at: Utc::now(),
        }
    }

    fn terms(
        areas: Vec<Area>,
        kinds: Vec<Kind>,
        frequency: Frequency,
        last_day: NaiveDate,
    ) -> Terms {
        Terms {
            scope: Scope::new(areas, kinds).expect("a scope"),
            data_from: None,
            frequency,
            last_day,
            retention_days: 30,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).expect("a day")
    }

    #[test]
    fn terms_beyond_the_registration_or_its_limits_name_each_field() {
        let asked = Terms {
            data_from: today().checked_add_days(Days::new(1)),
            retention_days: LONGEST_RETENTION_DAYS + 1,
            ..terms(
                vec![Area::Economy, Area::Health],
                vec![Kind::Debt, Kind::Case],
                Frequency::Ongoing,
                today() + Days::new(LONGEST_CONSENT_DAYS + 1),
            )
        };
        let errors = check_terms(&asked, &recipient(), today()).expect_err("refused");
        let pointers: Vec<&str> = errors.iter().map(|error| error.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/areas",
                "/kinds",
                "/until",
                "/data_from",
                "/retention_days"
            ]
        );
        let within = terms(
            vec![Area::Economy],
            vec![Kind::Debt],
            Frequency::Ongoing,
            today(),
        );
        assert!(check_terms(&within, &recipient(), today()).is_ok());
    }

    #[test]
    fn a_one_off_consent_ends_the_day_it_is_given() {
        let later = terms(
            vec![Area::Economy],
            vec![Kind::Debt],
            Frequency::Once,
            today() + Days::new(1),
        );
        assert!(check_terms(&later, &recipient(), today()).is_err());
        let today_only = terms(
            vec![Area::Economy],
            vec![Kind::Debt],
            Frequency::Once,
            today(),
        );
        assert!(check_terms(&today_only, &recipient(), today()).is_ok());
    }

    #[test]
    fn narrowing_gives_less_never_more() {
        let asked = terms(
            vec![Area::Economy, Area::Benefits],
            vec![Kind::Debt],
            Frequency::Ongoing,
            today() + Days::new(30),
        );
        let narrowed_to = narrowed(
            &asked,
            &[Area::Benefits, Area::Health],
            Some(today() + Days::new(90)),
        )
        .expect("something left");
        assert_eq!(
            narrowed_to.scope.areas,
            [Area::Benefits],
            "no area that was not asked for"
        );
        assert_eq!(
            narrowed_to.last_day, asked.last_day,
            "no later day than asked"
        );
        assert!(narrowed(&asked, &[Area::Health], None).is_none());
    }

    #[test]
    fn a_holder_is_asked_only_about_their_scope() {
        let asked = terms(
            vec![Area::Economy, Area::Health],
            vec![Kind::Debt, Kind::Appointment],
            Frequency::Ongoing,
            today(),
        );
        let scope = Scope::new(vec![Area::Economy], vec![Kind::Debt]).expect("a scope");
        let within = within_reach(&asked, &Reach::Within(scope)).expect("something left");
        assert_eq!(within.scope.areas, [Area::Economy]);
        assert_eq!(within.scope.kinds, [Kind::Debt]);
        assert_eq!(
            within_reach(&asked, &Reach::Everything),
            Some(asked.clone())
        );
        let elsewhere = Scope::new(vec![Area::Family], vec![Kind::Debt]).expect("a scope");
        assert!(within_reach(&asked, &Reach::Within(elsewhere)).is_none());
    }
}
