//! Sharing by consent: the services ("recipients") the operator registers, and the consents
//! a citizen gives one of them to fetch part of their data.
//!
//! A consent is precise (areas and kinds, records from a day on), bounded (once, or ongoing
//! until a day), revocable, and says how long the recipient may keep what it fetched. Its
//! stored form follows the fields of a consent record (ISO/IEC TS 27560): who gave it to
//! whom, for what purpose, which data, the processing's duration and its state.

use crate::{Area, Kind, Scope, SubjectKey};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// A registered recipient's id, which is also its OAuth `client_id`: 1 to 64 lower-case
/// letters, digits and hyphens, so that it is safe in URLs, logs and file names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecipientId(String);

impl RecipientId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for RecipientId {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fits = (1..=64).contains(&input.len())
            && input
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
        if fits {
            Ok(Self(input.to_owned()))
        } else {
            Err("must be 1 to 64 lower-case letters, digits and hyphens")
        }
    }
}

impl TryFrom<String> for RecipientId {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<RecipientId> for String {
    fn from(id: RecipientId) -> Self {
        id.0
    }
}

impl fmt::Display for RecipientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A service the operator registered to ask citizens for their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub id: RecipientId,
    /// The legal name the citizen is shown ("Eksempel Bank A/S").
    pub name: String,
    /// What the service does with the data, in a sentence the citizen reads.
    pub description: String,
    pub privacy_policy: String,
    /// The only addresses a citizen is sent back to, compared exactly.
    pub redirect_uris: Vec<String>,
    /// Public keys (JWK, RFC 7517, as JSON text) that may sign its client assertions.
    pub public_keys: Vec<String>,
    /// What it may ever ask for: a request beyond this is refused before a citizen sees it.
    pub may_ask: Scope,
    /// Why it asks, as the consent page and the citizen's log say it.
    pub purpose: String,
    pub registered_at: DateTime<Utc>,
}

impl Recipient {
    /// The id its client assertions and replayed-`jti` records are kept under, apart from
    /// any provider's.
    pub fn assertion_issuer(&self) -> String {
        format!("recipient:{}", self.id)
    }
}

/// A consent's id.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConsentId(uuid::Uuid);

impl ConsentId {
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

impl FromStr for ConsentId {
    type Err = uuid::Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(input).map(Self)
    }
}

impl fmt::Display for ConsentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for ConsentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ConsentId({})", self.0)
    }
}

/// How often the recipient may fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// One access token and no refresh: the recipient fetches within minutes of the
    /// consent, on its day.
    Once,
    /// Whenever it needs, new data included, until the consent's last day.
    Ongoing,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Once => "once",
            Self::Ongoing => "ongoing",
        }
    }
}

/// What a consent covers: which data, from when, how often, until when, and how long the
/// recipient may keep what it fetched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Terms {
    pub scope: Scope,
    /// Only records that changed at their authority from this Danish day on, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_from: Option<NaiveDate>,
    pub frequency: Frequency,
    /// The last Danish day the recipient may fetch.
    pub last_day: NaiveDate,
    /// How many days the recipient may keep what it fetched.
    pub retention_days: u32,
}

/// Who gave a consent for the subject, when it is not the subject themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GivenBy {
    /// The holder's name.
    pub name: String,
    /// What entitles them: `poa-ID` or `custody-ID`.
    pub basis: String,
}

/// A citizen's consent that a recipient may fetch part of their data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: ConsentId,
    pub subject: SubjectKey,
    pub recipient: RecipientId,
    /// The purpose as the recipient was registered with it when the consent was given.
    pub purpose: String,
    pub terms: Terms,
    pub given_at: DateTime<Utc>,
    pub given_by: Option<GivenBy>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub first_used_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Where a consent stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Active,
    Revoked,
    /// Past its last day.
    Expired,
}

impl ConsentState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

impl Consent {
    /// Where the consent stands on the Danish day `today`.
    pub fn state(&self, today: NaiveDate) -> ConsentState {
        if self.revoked_at.is_some() {
            ConsentState::Revoked
        } else if today > self.terms.last_day {
            ConsentState::Expired
        } else {
            ConsentState::Active
        }
    }

    /// Whether a record of `kind` in `area`, dated `day`, is within the consent.
    pub fn covers(&self, area: Area, kind: Kind, day: Option<NaiveDate>) -> bool {
        self.terms.scope.allows(area, kind)
            && match (self.terms.data_from, day) {
                (Some(from), Some(day)) => day >= from,
                _ => true,
            }
    }

    /// The entry's legal basis in the subject's log: `consent-ID`.
    pub fn basis(&self) -> String {
        format!("consent-{}", self.id)
    }
}
