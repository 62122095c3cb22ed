//! Acting for someone else: on what basis, for whom, and how far it reaches; and the reader
//! of a request, which is the citizen themselves or a holder acting for someone.
//!
//! A signed-in citizen sees their own data, or, after choosing someone they act for, that
//! person's data within what the power of attorney or the custody allows. The choice is
//! checked against the store on every request, so a revocation, an expiry or a child's 18th
//! birthday takes effect at once.

use crate::Core;
use chrono::{DateTime, NaiveDate, Utc};
use overblik_ledger::Purpose;
use overblik_model::record::{FactType, RecordDetails};
use overblik_model::{
    Area, FactAuthorities, Kind, Mandate, MandateId, MandateState, OverviewChoices, Permission,
    RecordId, Scope, SubjectKey,
};
use overblik_store::{
    RecordFilter, Session, StoreError, StoreResult, StoredRecord, SubjectOverview, SubjectSummary,
};
use std::fmt;
use std::str::FromStr;

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

/// Today where the deployment is: powers of attorney and custody run by its calendar days.
pub fn local_today(now: DateTime<Utc>) -> NaiveDate {
    overblik_model::Country::current().today(now)
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
    core: &Core,
    holder: &SubjectKey,
    today: NaiveDate,
) -> StoreResult<Vec<Representation>> {
    let facts = RecordFilter {
        area: None,
        kind: Some(Kind::RegisterFact),
        visible_at: Utc::now(),
    };
    let (facts, mandates) = tokio::try_join!(
        core.store.subject_records(holder, &facts),
        core.store.mandates_of(holder)
    )?;
    let custody = facts.iter().filter_map(|stored| {
        Representation::of_custody(stored, holder, today, &core.fact_authorities)
    });
    let held = mandates
        .iter()
        .filter_map(|mandate| Representation::of_mandate(mandate, holder, today));
    Ok(custody.chain(held).collect())
}

/// What `basis` gives `holder` on `today`; `None` if it gives nothing (not theirs, not yet
/// accepted, revoked, expired, or the child has come of age).
pub async fn representation(
    core: &Core,
    holder: &SubjectKey,
    basis: Basis,
    today: NaiveDate,
) -> StoreResult<Option<Representation>> {
    let found = match basis {
        Basis::PowerOfAttorney(id) => core
            .store
            .mandate(&id)
            .await
            .map(|mandate| Representation::of_mandate(&mandate, holder, today)),
        Basis::Custody(record) => core
            .store
            .subject_record(holder, &record, Utc::now())
            .await
            .map(|stored| {
                Representation::of_custody(&stored, holder, today, &core.fact_authorities)
            }),
    };
    match found {
        Err(StoreError::NotFound) => Ok(None),
        found => found,
    }
}

/// The name the population register gives `subject`: the first value of their newest name
/// fact, if the register has one.
pub async fn register_name(core: &Core, subject: &SubjectKey) -> StoreResult<Option<String>> {
    let filter = RecordFilter {
        area: Some(Area::Personal),
        kind: Some(Kind::RegisterFact),
        visible_at: Utc::now(),
    };
    let facts = core.store.subject_records(subject, &filter).await?;
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

/// A holder acting for someone.
#[derive(Debug, Clone)]
pub struct Acting {
    pub representation: Representation,
    /// The holder's own name, for the subject's log.
    pub holder_name: String,
}

/// Who reads on a request: the signed-in citizen, and whose data they see within what.
#[derive(Debug, Clone)]
pub struct Reader {
    pub session: Session,
    pub acting: Option<Acting>,
}

impl Reader {
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
        core: &Core,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>> {
        let mut records = core.store.subject_records(self.subject(), filter).await?;
        records.retain(|stored| self.allows(stored.area(), stored.record.kind()));
        Ok(records)
    }

    /// The subject's standing records that the reader may see, in no order; see
    /// [`RecordStore::standing_records`](overblik_store::RecordStore::standing_records).
    pub async fn standing_records(
        &self,
        core: &Core,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<StoredRecord>> {
        let mut records = core.store.standing_records(self.subject(), now).await?;
        records.retain(|stored| self.allows(stored.area(), stored.record.kind()));
        Ok(records)
    }

    /// One of the subject's records; `NotFound` if it is beyond the reader's reach.
    pub async fn record(&self, core: &Core, id: &RecordId) -> StoreResult<StoredRecord> {
        let stored = core
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
        core: &Core,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary> {
        let summary = core.store.subject_summary(self.subject(), now, since);
        Ok(self.summary_seen(summary.await?))
    }

    /// What the overview page reads (see
    /// [`Store::subject_overview`](overblik_store::Store::subject_overview)), narrowed to
    /// what the reader may see.
    pub async fn overview(
        &self,
        core: &Core,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectOverview> {
        let read = core
            .store
            .subject_overview(self.subject(), now, since)
            .await?;
        let mut standing = read.standing;
        standing.retain(|stored| self.allows(stored.area(), stored.record.kind()));
        Ok(SubjectOverview {
            summary: self.summary_seen(read.summary),
            standing,
            choices: self.choices_seen(read.choices),
        })
    }

    fn summary_seen(&self, mut summary: SubjectSummary) -> SubjectSummary {
        if let Reach::Within(scope) = self.reach() {
            summary
                .tallies
                .retain(|tally| scope.allows(tally.area, tally.kind));
            summary
                .may_need_attention
                .retain(|stored| scope.allows(stored.area(), stored.record.kind()));
            // Which records changed is the subject's own news.
            summary.changed_since.clear();
        }
        summary
    }

    /// The subject's overview choices as the reader sees them: someone acting for the
    /// subject is not told which life events the subject said they go through.
    pub(crate) fn choices_seen(&self, mut choices: OverviewChoices) -> OverviewChoices {
        if self.acting.is_some() {
            choices.chosen_events.clear();
        }
        choices
    }
}
