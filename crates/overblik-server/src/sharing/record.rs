//! A consent as the citizen takes it out (`consents.json` of "download my data"): a consent
//! record whose fields follow ISO/IEC TS 27560 where one fits (the record's id, whom it was
//! presented to, the purpose, the data's categories, the processing's frequency and duration,
//! how long the data is kept, its state and the events in its life).

use chrono::{DateTime, NaiveDate, Utc};
use overblik_model::{Consent, ConsentId, ConsentState, Frequency, GivenBy, Recipient, Scope};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentRecord {
    /// The consent's id; the legal basis `consent-ID` of every fetch in My Log names it.
    #[schema(value_type = String, format = Uuid)]
    pub record_id: ConsentId,
    /// The service it was given to.
    pub presented_to: RecipientView,
    pub purpose: String,
    /// Which data: records of these kinds in these life areas.
    pub data: Scope,
    /// Only records that changed from this day on, where given.
    pub data_from: Option<NaiveDate>,
    pub frequency: Frequency,
    /// The last day the service may fetch.
    pub until: NaiveDate,
    /// How many days the service may keep what it fetched.
    pub retention_days: u32,
    /// Who gave it for the citizen, when it was not the citizen themselves.
    pub given_by: Option<GivenBy>,
    pub state: ConsentState,
    /// What happened to it, oldest first.
    pub events: Vec<ConsentEvent>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecipientView {
    pub id: String,
    pub name: String,
    pub description: String,
    pub privacy_policy: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEvent {
    pub at: DateTime<Utc>,
    /// `given`, `first_used`, `last_used` or `revoked`.
    pub event: &'static str,
}

impl ConsentRecord {
    /// `consent`, given to `recipient`, as it stands on the Danish day `today`.
    pub fn of(consent: &Consent, recipient: &Recipient, today: NaiveDate) -> Self {
        let mut events = vec![ConsentEvent {
            at: consent.given_at,
            event: "given",
        }];
        for (at, event) in [
            (consent.first_used_at, "first_used"),
            (consent.last_used_at, "last_used"),
            (consent.revoked_at, "revoked"),
        ] {
            if let Some(at) = at {
                events.push(ConsentEvent { at, event });
            }
        }
        events.sort_by_key(|event| event.at);
        Self {
            record_id: consent.id,
            presented_to: RecipientView {
                id: recipient.id.to_string(),
                name: recipient.name.clone(),
                description: recipient.description.clone(),
                privacy_policy: recipient.privacy_policy.clone(),
            },
            purpose: consent.purpose.clone(),
            data: consent.terms.scope.clone(),
            data_from: consent.terms.data_from,
            frequency: consent.terms.frequency,
            until: consent.terms.last_day,
            retention_days: consent.terms.retention_days,
            given_by: consent.given_by.clone(),
            state: consent.state(today),
            events,
        }
    }
}
