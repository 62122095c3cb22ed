//! Acting for someone else: whose data a request shows, how far it reaches, and how its
//! reads are logged.
//!
//! A signed-in citizen sees their own overview, or, after choosing someone they act for,
//! that person's overview within what the power of attorney or the custody allows. The
//! choice travels in an encrypted cookie and is checked against the store on every request,
//! so a revocation, an expiry or a child's 18th birthday takes effect at once.

use crate::access_log::CITIZEN;
use crate::login::CitizenSession;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum_extra::extract::cookie::{Cookie, PrivateCookieJar, SameSite};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use overblik_ledger::{AccessEntry, Actor, ActorKind, Channel, LedgerError, Purpose, WhatWasRead};
use overblik_model::record::{FactType, RecordDetails};
use overblik_model::{
    Area, FactAuthorities, Kind, Mandate, MandateId, MandateState, Permission, RecordId, Scope,
    SubjectKey,
};
use overblik_store::{
    RecordFilter, Session, StoreError, StoreResult, StoredRecord, SubjectSummary,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The encrypted cookie that says whom the signed-in citizen is acting for.
pub const ACTING_COOKIE: &str = "overblik_acting";

/// What entitles a citizen to act for another: a power of attorney, or custody as the
/// holder's own register data shows it. Written `poa-UUID` or `custody-UUID`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    PowerOfAttorney(MandateId),
    Custody(RecordId),
}

impl Basis {
    /// The purpose a holder's reads on this basis are logged with.
    pub fn purpose(self) -> Purpose {
        match self {
            Self::PowerOfAttorney(_) => Purpose::PowerOfAttorney,
            Self::Custody(_) => Purpose::ParentalCustody,
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PowerOfAttorney(id) => write!(f, "poa-{id}"),
            Self::Custody(id) => write!(f, "custody-{id}"),
        }
    }
}

impl FromStr for Basis {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        const BAD: &str = "must name a power of attorney (poa-ID) or a custody (custody-ID)";
        if let Some(id) = input.strip_prefix("poa-") {
            id.parse().map(Self::PowerOfAttorney).map_err(|_| BAD)
        } else if let Some(id) = input.strip_prefix("custody-") {
            id.parse().map(Self::Custody).map_err(|_| BAD)
        } else {
            Err(BAD)
        }
    }
}

/// How far a reader reaches into the subject's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Everything, My Log included: the citizen themselves, or a parent with custody.
    Everything,
    /// Records within a power of attorney's scope; not My Log.
    Within(Scope),
}

impl Reach {
    pub fn allows(&self, area: Area, kind: Kind) -> bool {
        match self {
            Self::Everything => true,
            Self::Within(scope) => scope.allows(area, kind),
        }
    }
}

/// Someone the signed-in citizen may act for today, and on what basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Representation {
    pub basis: Basis,
    pub subject: SubjectKey,
    /// The name of the person acted for, as far as Overblik knows it.
    pub subject_name: Option<String>,
    /// The holder's name as a power of attorney gives it; custody names no holder.
    pub holder_name: Option<String>,
    pub reach: Reach,
    pub permission: Permission,
    /// The last Danish calendar day it gives access.
    pub last_day: NaiveDate,
    /// For a power of attorney: whether it has been used before.
    pub used_before: bool,
}

/// Today, as a Danish calendar day: powers of attorney and custody run by Danish days.
pub fn danish_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Copenhagen).date_naive()
}

impl Representation {
    /// What `mandate` gives `holder` on `today`: its scope if it is theirs, accepted and in
    /// force, else nothing.
    pub fn of_mandate(mandate: &Mandate, holder: &SubjectKey, today: NaiveDate) -> Option<Self> {
        (mandate.holder == *holder && mandate.state(today) == MandateState::Active).then(|| Self {
            basis: Basis::PowerOfAttorney(mandate.id),
            subject: mandate.grantor,
            subject_name: Some(mandate.grantor_name.clone()).filter(|name| !name.is_empty()),
            holder_name: Some(mandate.holder_name.clone()),
            reach: Reach::Within(mandate.scope.clone()),
            permission: mandate.permission,
            last_day: mandate.valid_until,
            used_before: mandate.first_used_at.is_some(),
        })
    }

    /// What a register fact in `holder`'s own data gives them on `today`: the whole
    /// overview of a minor in their custody, with the right to act, else nothing. Only a
    /// provider `authorities` designates for custody can give it.
    pub fn of_custody(
        stored: &StoredRecord,
        holder: &SubjectKey,
        today: NaiveDate,
        authorities: &FactAuthorities,
    ) -> Option<Self> {
        let RecordDetails::RegisterFact(fact) = &stored.record.details else {
            return None;
        };
        let custody = authorities
            .custody(
                &stored.provider,
                &stored.record.classification,
                stored.id,
                fact,
            )
            .filter(|custody| custody.is_active(today) && custody.child != *holder)?;
        Some(Self {
            basis: Basis::Custody(custody.record),
            subject: custody.child,
            subject_name: custody.child_name.clone(),
            holder_name: None,
            reach: Reach::Everything,
            permission: Permission::ReadAndAct,
            last_day: custody.last_day(),
            used_before: true,
        })
    }
}

/// Everyone `holder` may act for on `today`: the minors in their custody, and the accepted
/// powers of attorney in force.
pub async fn representations(
    state: &AppState,
    holder: &SubjectKey,
    today: NaiveDate,
) -> StoreResult<Vec<Representation>> {
    let facts = RecordFilter {
        area: None,
        kind: Some(Kind::RegisterFact),
        visible_at: Utc::now(),
    };
    let (facts, mandates) = tokio::try_join!(
        state.store.subject_records(holder, &facts),
        state.store.mandates_of(holder)
    )?;
    let custody = facts.iter().filter_map(|stored| {
        Representation::of_custody(stored, holder, today, &state.settings.fact_authorities)
    });
    let held = mandates
        .iter()
        .filter_map(|mandate| Representation::of_mandate(mandate, holder, today));
    Ok(custody.chain(held).collect())
}

/// What `basis` gives `holder` on `today`; `None` if it gives nothing (not theirs, not yet
/// accepted, revoked, expired, or the child has come of age).
pub async fn representation(
    state: &AppState,
    holder: &SubjectKey,
    basis: Basis,
    today: NaiveDate,
) -> StoreResult<Option<Representation>> {
    let found = match basis {
        Basis::PowerOfAttorney(id) => state
            .store
            .mandate(&id)
            .await
            .map(|mandate| Representation::of_mandate(&mandate, holder, today)),
        Basis::Custody(record) => state
            .store
            .subject_record(holder, &record, Utc::now())
            .await
            .map(|stored| {
                Representation::of_custody(&stored, holder, today, &state.settings.fact_authorities)
            }),
    };
    match found {
        Err(StoreError::NotFound) => Ok(None),
        found => found,
    }
}

/// The name the population register gives `subject`: the first value of their newest name
/// fact, if the register has one.
pub async fn register_name(state: &AppState, subject: &SubjectKey) -> StoreResult<Option<String>> {
    let filter = RecordFilter {
        area: Some(Area::Personal),
        kind: Some(Kind::RegisterFact),
        visible_at: Utc::now(),
    };
    let facts = state.store.subject_records(subject, &filter).await?;
    Ok(facts
        .iter()
        .find_map(|stored| match &stored.record.details {
            RecordDetails::RegisterFact(fact) if fact.fact == FactType::Name => fact
                .attributes
                .first()
                .map(|attribute| attribute.value.as_str().to_owned()),
            _ => None,
        }))
}

/// Whom the cookie says the citizen acts for, and the holder's own name for the log.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActingChoice {
    basis: String,
    holder_name: String,
}

impl ActingChoice {
    /// The cookie that makes the citizen act on `basis` from the next request on.
    pub fn cookie(basis: Basis, holder_name: &str, secure: bool) -> Cookie<'static> {
        let choice = Self {
            basis: basis.to_string(),
            holder_name: holder_name.to_owned(),
        };
        let value = serde_json::to_string(&choice).unwrap_or_default();
        Cookie::build((ACTING_COOKIE, value))
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .build()
    }

    /// The cookie that ends acting for someone.
    pub fn removal() -> Cookie<'static> {
        Cookie::build(ACTING_COOKIE).path("/").build()
    }
}

/// A holder acting for someone on this request.
#[derive(Debug, Clone)]
pub struct Acting {
    pub representation: Representation,
    /// The holder's own name, for the subject's log.
    pub holder_name: String,
}

/// Who reads on this request: the signed-in citizen, and whose data they see within what.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub session: Session,
    pub acting: Option<Acting>,
}

/// Why a request could not be answered as the citizen it comes from.
#[derive(Debug)]
pub enum ViewerRejection {
    /// No session, or it has ended.
    SignedOut(Problem),
    /// The cookie names someone the citizen can no longer act for: they are themselves
    /// again, and the answer removes the cookie.
    AccessEnded(Session),
    /// The store could not tell.
    Failed(Problem),
}

impl ViewerRejection {
    /// The API's answer.
    pub fn problem(self) -> Problem {
        match self {
            Self::SignedOut(problem) | Self::Failed(problem) => problem,
            Self::AccessEnded(_) => access_ended(),
        }
    }
}

/// The API's answer: an ended acting is told once, and its cookie removed with it, so the
/// holder's next request is their own.
impl axum::response::IntoResponse for ViewerRejection {
    fn into_response(self) -> axum::response::Response {
        let ended = matches!(self, Self::AccessEnded(_));
        let response = self.problem().into_response();
        if ended {
            end_acting(response)
        } else {
            response
        }
    }
}

/// The answer when a holder's access has ended since they chose to act.
pub fn access_ended() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "acting-ended",
        "You can no longer act for this person",
    )
    .detail(
        "the power of attorney or custody has ended; from your next request you see your own \
         data, and may choose again at /mandates",
    )
}

/// Adds the removal of the acting cookie to `response`: the citizen is themselves again.
pub fn end_acting(mut response: axum::response::Response) -> axum::response::Response {
    let mut removal = ActingChoice::removal();
    removal.make_removal();
    if let Ok(value) = axum::http::HeaderValue::from_str(&removal.to_string()) {
        response
            .headers_mut()
            .append(axum::http::header::SET_COOKIE, value);
    }
    response
}

/// The signed-in citizen for what is theirs whoever they act for (their own powers of
/// attorney, whom they act for): an acting that has ended does not stand in the way. The
/// handler passes its answer through [`Holder::answer`], which then removes the cookie.
#[derive(Debug)]
pub struct Holder {
    pub viewer: Viewer,
    acting_ended: bool,
}

impl Holder {
    /// `response`, ending an acting that has ended.
    pub fn answer(&self, response: axum::response::Response) -> axum::response::Response {
        if self.acting_ended {
            end_acting(response)
        } else {
            response
        }
    }
}

impl FromRequestParts<AppState> for Holder {
    type Rejection = ViewerRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match Viewer::from_request_parts(parts, state).await {
            Ok(viewer) => Ok(Self {
                viewer,
                acting_ended: false,
            }),
            Err(ViewerRejection::AccessEnded(session)) => Ok(Self {
                viewer: Viewer {
                    session,
                    acting: None,
                },
                acting_ended: true,
            }),
            Err(rejection) => Err(rejection),
        }
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = ViewerRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let CitizenSession(session) = CitizenSession::from_request_parts(parts, state)
            .await
            .map_err(ViewerRejection::SignedOut)?;
        let jar = PrivateCookieJar::from_headers(&parts.headers, state.cookie_key.clone());
        let Some(cookie) = jar.get(ACTING_COOKIE) else {
            return Ok(Self {
                session,
                acting: None,
            });
        };
        let choice: Option<(Basis, String)> = serde_json::from_str::<ActingChoice>(cookie.value())
            .ok()
            .and_then(|choice| Some((choice.basis.parse().ok()?, choice.holder_name)));
        let Some((basis, holder_name)) = choice else {
            return Err(ViewerRejection::AccessEnded(session));
        };
        let today = danish_today(Utc::now());
        match representation(state, &session.subject, basis, today).await {
            Ok(Some(representation)) => Ok(Self {
                session,
                acting: Some(Acting {
                    representation,
                    holder_name,
                }),
            }),
            Ok(None) => Err(ViewerRejection::AccessEnded(session)),
            Err(error) => Err(ViewerRejection::Failed(Problem::from(error))),
        }
    }
}

impl Viewer {
    /// Whose data the request shows.
    pub fn subject(&self) -> &SubjectKey {
        self.acting
            .as_ref()
            .map_or(&self.session.subject, |acting| {
                &acting.representation.subject
            })
    }

    pub fn reach(&self) -> &Reach {
        self.acting
            .as_ref()
            .map_or(&Reach::Everything, |acting| &acting.representation.reach)
    }

    /// Whether the reader may see a record of `kind` in `area`.
    pub fn allows(&self, area: Area, kind: Kind) -> bool {
        self.reach().allows(area, kind)
    }

    /// Whether the reader may see the subject's My Log: the citizen and a parent with
    /// custody may, a holder of a power of attorney may not (it tells of every area).
    pub fn sees_log(&self) -> bool {
        *self.reach() == Reach::Everything
    }

    /// Whether the reader may act on the subject's behalf, not only look.
    pub fn may_act(&self) -> bool {
        self.acting
            .as_ref()
            .is_none_or(|acting| acting.representation.permission == Permission::ReadAndAct)
    }

    /// The subject's last visit, for "changed since": only the citizen's own visits count.
    pub fn last_visit(&self) -> Option<DateTime<Utc>> {
        match self.acting {
            None => self.session.previous_visit,
            Some(_) => None,
        }
    }

    /// The subject's records that `filter` selects and the reader may see.
    pub async fn records(
        &self,
        state: &AppState,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>> {
        let mut records = state.store.subject_records(self.subject(), filter).await?;
        records.retain(|stored| self.allows(stored.area(), stored.record.kind()));
        Ok(records)
    }

    /// One of the subject's records; `NotFound` if it is beyond the reader's reach.
    pub async fn record(&self, state: &AppState, id: &RecordId) -> StoreResult<StoredRecord> {
        let stored = state
            .store
            .subject_record(self.subject(), id, Utc::now())
            .await?;
        if self.allows(stored.area(), stored.record.kind()) {
            Ok(stored)
        } else {
            Err(StoreError::NotFound)
        }
    }

    /// What the overview needs, narrowed to what the reader may see.
    pub async fn summary(
        &self,
        state: &AppState,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary> {
        let mut summary = state
            .store
            .subject_summary(self.subject(), now, since)
            .await?;
        if let Reach::Within(scope) = self.reach() {
            summary
                .tallies
                .retain(|tally| scope.allows(tally.area, tally.kind));
            summary
                .may_need_attention
                .retain(|stored| scope.allows(stored.area(), stored.record.kind()));
            // Which records changed is the subject's own news.
            summary.stored_since.clear();
        }
        Ok(summary)
    }

    /// Makes the entry for this read durable before the data is served: the citizen's own
    /// read, or the holder's read on the subject's behalf, in the subject's log. A power of
    /// attorney's first use is noted, so the grantor is told.
    pub async fn log_read(
        &self,
        state: &AppState,
        channel: Channel,
        headers: &HeaderMap,
        read: WhatWasRead,
    ) -> Result<(), LedgerError> {
        let Some(acting) = &self.acting else {
            return state
                .log_own_read(&self.session.subject, channel, headers, read)
                .await;
        };
        let representation = &acting.representation;
        let entry = AccessEntry {
            at: Utc::now(),
            actor: Actor {
                kind: ActorKind::Proxy,
                id: representation.basis.to_string(),
                name: acting.holder_name.clone(),
                system: None,
                person: None,
            },
            subject: representation.subject,
            on_behalf_of: Some(CITIZEN.to_owned()),
            read,
            purpose: representation.basis.purpose().code().to_owned(),
            legal_basis: Some(representation.basis.to_string()),
            channel,
            request_id: crate::access_log::request_id(headers),
            hidden_until: None,
        };
        state.ledger.record(entry).await?;
        if let Basis::PowerOfAttorney(id) = representation.basis
            && !representation.used_before
        {
            // The read is logged either way; a failure here only delays the grantor's notice.
            if let Err(error) = state.store.note_mandate_used(&id, Utc::now()).await {
                tracing::warn!(%error, "the first use of a power of attorney was not noted");
            }
        }
        Ok(())
    }
}
