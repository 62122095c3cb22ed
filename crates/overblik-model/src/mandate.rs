//! Acting for others: the powers of attorney citizens give each other, and the parental
//! custody the population register supplies. Both let one citizen see another's overview,
//! within limits, and both end by themselves.

use crate::catalogue::Area;
use crate::ids::{RecordId, SubjectKey};
use crate::record::{FactType, Kind, RegisterFact};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// How long a power of attorney stays listed for both parties after it ended.
pub const LISTED_AFTER_END: Months = Months::new(15);

/// The age at which custody ends.
const AGE_OF_MAJORITY: Months = Months::new(18 * 12);

/// A power of attorney's id: random, so that one id tells nothing of another.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MandateId(uuid::Uuid);

impl MandateId {
    pub fn random() -> Self {
        Self(uuid::Uuid::new_v4())
    }

    pub fn from_uuid(uuid: uuid::Uuid) -> Self {
        Self(uuid)
    }

    pub fn as_uuid(&self) -> &uuid::Uuid {
        &self.0
    }
}

impl FromStr for MandateId {
    type Err = uuid::Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(input).map(Self)
    }
}

impl fmt::Display for MandateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for MandateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MandateId({})", self.0)
    }
}

/// What a power of attorney reaches: records of these kinds in these areas, both sets
/// never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Scope {
    pub areas: Vec<Area>,
    pub kinds: Vec<Kind>,
}

impl Scope {
    /// A scope of the given areas and kinds, sorted and without repeats; `None` if either
    /// is empty.
    pub fn new(mut areas: Vec<Area>, mut kinds: Vec<Kind>) -> Option<Self> {
        areas.sort();
        areas.dedup();
        kinds.sort();
        kinds.dedup();
        (!areas.is_empty() && !kinds.is_empty()).then_some(Self { areas, kinds })
    }

    /// Whether a record of `kind` in `area` is within the scope.
    pub fn allows(&self, area: Area, kind: Kind) -> bool {
        self.areas.contains(&area) && self.kinds.contains(&kind)
    }
}

/// What the holder may do with what they see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See only.
    Read,
    /// See, and act for the grantor (report errors, answer authorities).
    ReadAndAct,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::ReadAndAct => "read_and_act",
        }
    }
}

impl FromStr for Permission {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match input {
            "read" => Ok(Self::Read),
            "read_and_act" => Ok(Self::ReadAndAct),
            _ => Err("must be read or read_and_act".to_owned()),
        }
    }
}

/// A power of attorney: the grantor lets the holder see part of their overview, from one
/// day to another (both Danish calendar days, inclusive), once the holder has accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    pub id: MandateId,
    pub grantor: SubjectKey,
    /// The grantor's name as the population register holds it; empty where it holds none.
    pub grantor_name: String,
    pub holder: SubjectKey,
    /// The holder's name as the grantor wrote it.
    pub holder_name: String,
    pub scope: Scope,
    pub permission: Permission,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub granted_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When the holder first used it: the grantor is told.
    pub first_used_at: Option<DateTime<Utc>>,
}

/// Where a power of attorney stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MandateState {
    /// Given, not yet accepted by the holder.
    Pending,
    /// Accepted; its first day is still to come.
    Upcoming,
    /// Accepted and in force: the holder may use it today.
    Active,
    /// Its last day has passed.
    Expired,
    /// Ended by the grantor or the holder.
    Revoked,
}

impl MandateState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Upcoming => "upcoming",
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }
}

impl Mandate {
    /// Its state on the Danish calendar day `today`.
    pub fn state(&self, today: NaiveDate) -> MandateState {
        if self.revoked_at.is_some() {
            MandateState::Revoked
        } else if today > self.valid_until {
            MandateState::Expired
        } else if self.accepted_at.is_none() {
            MandateState::Pending
        } else if today < self.valid_from {
            MandateState::Upcoming
        } else {
            MandateState::Active
        }
    }

    /// The day it ended, if it has by `today`.
    pub fn ended_on(&self, today: NaiveDate) -> Option<NaiveDate> {
        match self.revoked_at {
            Some(revoked) => Some(
                crate::Country::current()
                    .today(revoked)
                    .min(self.valid_until),
            ),
            None => (today > self.valid_until).then_some(self.valid_until),
        }
    }

    /// Whether both parties still see it listed on `today`: until 15 months after it ended.
    pub fn is_listed(&self, today: NaiveDate) -> bool {
        self.ended_on(today).is_none_or(|ended| {
            ended
                .checked_add_months(LISTED_AFTER_END)
                .is_none_or(|until| today <= until)
        })
    }
}

/// Custody of a minor child, as a custody fact in the holder's own register data shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custody {
    /// The holder's register fact it comes from.
    pub record: RecordId,
    pub child: SubjectKey,
    pub child_name: Option<String>,
    pub child_born: NaiveDate,
    /// The register's own end of the custody, if it gives one.
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
}

impl Custody {
    /// The custody a register fact gives, if it is a custody fact that names the child and
    /// their day of birth. Whether its source may grant custody at all is
    /// [`crate::FactAuthorities::custody`]'s to say, the one way to call this from outside.
    pub(crate) fn from_fact(record: RecordId, fact: &RegisterFact) -> Option<Self> {
        if fact.fact != FactType::Custody {
            return None;
        }
        Some(Self {
            record,
            child: fact.related_person?,
            child_name: fact
                .related_person_name
                .as_ref()
                .map(|name| name.as_str().to_owned()),
            child_born: fact.related_person_born?.get(),
            valid_from: fact.valid_from.map(|date| date.get()),
            valid_until: fact.valid_until.map(|date| date.get()),
        })
    }

    /// The child's 18th birthday, the first day the custody gives no access. A child born on
    /// 29 February comes of age on 28 February, so access never outlasts the minority.
    pub fn ends_on(&self) -> NaiveDate {
        self.child_born
            .checked_add_months(AGE_OF_MAJORITY)
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last day it gives access: the day before the 18th birthday, or the register's
    /// own end if that comes first.
    pub fn last_day(&self) -> NaiveDate {
        let minority_ends = self.ends_on().pred_opt().unwrap_or(NaiveDate::MIN);
        self.valid_until
            .map_or(minority_ends, |until| until.min(minority_ends))
    }

    /// Whether it gives access on `today`.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= today) && today <= self.last_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::NationalId;
    use crate::ids::SubjectKeySecret;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn subject(id: &str) -> SubjectKey {
        let id: NationalId = id.parse().expect("valid");
        SubjectKeySecret::new(vec![7; 32])
            .expect("long enough")
            .subject_key(&id)
    }

    fn mandate() -> Mandate {
        Mandate {
            id: MandateId::random(),
            grantor: subject("010150-1234"),
            grantor_name: "Anna".to_owned(),
            holder: subject("010180-1234"),
            holder_name: "Bo".to_owned(),
            scope: Scope::new(vec![Area::Health], vec![Kind::Appointment]).expect("a scope"),
            permission: Permission::Read,
            valid_from: day("2026-12-10"),
            valid_until: day("2026-12-31"),
            granted_at: "2026-12-01T10:00:00Z".parse().expect("a time"),
            accepted_at: None,
            revoked_at: None,
            first_used_at: None,
        }
    }

    #[test]
    fn a_mandate_is_pending_then_upcoming_active_and_expired() {
        let mut mandate = mandate();
        assert_eq!(mandate.state(day("2026-12-12")), MandateState::Pending);
        mandate.accepted_at = Some("2026-12-02T10:00:00Z".parse().expect("a time"));
        assert_eq!(mandate.state(day("2026-12-09")), MandateState::Upcoming);
        assert_eq!(mandate.state(day("2026-12-10")), MandateState::Active);
        assert_eq!(mandate.state(day("2026-12-31")), MandateState::Active);
        assert_eq!(mandate.state(day("2027-01-01")), MandateState::Expired);
        mandate.revoked_at = Some("2026-12-20T10:00:00Z".parse().expect("a time"));
        assert_eq!(mandate.state(day("2026-12-20")), MandateState::Revoked);
    }

    #[test]
    fn an_ended_mandate_is_listed_for_fifteen_months() {
        let mandate = mandate();
        assert!(mandate.is_listed(day("2026-12-31")));
        assert!(mandate.is_listed(day("2028-03-31")));
        assert!(!mandate.is_listed(day("2028-04-01")));
    }

    #[test]
    fn a_scope_needs_an_area_and_a_kind() {
        assert!(Scope::new(vec![], vec![Kind::Case]).is_none());
        assert!(Scope::new(vec![Area::Health], vec![]).is_none());
        let scope = Scope::new(vec![Area::Health, Area::Health], vec![Kind::Case]).expect("ok");
        assert_eq!(scope.areas, vec![Area::Health]);
        assert!(scope.allows(Area::Health, Kind::Case));
        assert!(!scope.allows(Area::Health, Kind::Debt));
        assert!(!scope.allows(Area::Economy, Kind::Case));
    }

    #[test]
    fn custody_ends_the_day_the_child_turns_eighteen() {
        let custody = Custody {
            record: RecordId::random(),
            child: subject("040420-4567"),
            child_name: None,
            child_born: day("2020-04-04"),
            valid_from: None,
            valid_until: None,
        };
        assert!(custody.is_active(day("2038-04-03")));
        assert!(!custody.is_active(day("2038-04-04")));
        let leap = Custody {
            child_born: day("2024-02-29"),
            ..custody.clone()
        };
        assert_eq!(leap.ends_on(), day("2042-02-28"));
        let ended_early = Custody {
            valid_until: Some(day("2030-01-01")),
            ..custody
        };
        assert!(!ended_early.is_active(day("2030-01-02")));
    }
}
