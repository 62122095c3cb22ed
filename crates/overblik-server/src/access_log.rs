//! Recording the citizen's own reads in the access log before their data is served.

use crate::state::AppState;
use axum::http::HeaderMap;
use chrono::Utc;
use overblik_ledger::{AccessEntry, Actor, ActorKind, Channel, LedgerError, Purpose, WhatWasRead};
use overblik_model::{Area, Kind, SubjectKey};
use overblik_store::StoredRecord;
use std::collections::BTreeSet;

/// The actor id of the citizen themselves.
pub const CITIZEN: &str = "citizen";

/// What a list of records shows: their areas, kinds and ids.
pub fn records_read<'r>(records: impl IntoIterator<Item = &'r StoredRecord>) -> WhatWasRead {
    let mut areas = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut ids = Vec::new();
    for stored in records {
        areas.insert(stored.area());
        kinds.insert(stored.record.kind());
        ids.push(stored.id);
    }
    WhatWasRead {
        areas: areas.into_iter().collect(),
        kinds: kinds.into_iter().collect(),
        records: ids,
        description: None,
    }
}

/// What a summary over records shows: the areas and kinds it covers, not each record.
pub fn summary_read(shown: impl IntoIterator<Item = (Area, Kind)>) -> WhatWasRead {
    let (areas, kinds): (BTreeSet<Area>, BTreeSet<Kind>) = shown.into_iter().unzip();
    WhatWasRead {
        areas: areas.into_iter().collect(),
        kinds: kinds.into_iter().collect(),
        records: Vec::new(),
        description: None,
    }
}

/// A read described in words only, such as the access log itself.
pub fn described(what: &str) -> WhatWasRead {
    WhatWasRead {
        description: Some(what.to_owned()),
        ..WhatWasRead::default()
    }
}

/// The request's id, which the log keeps to tie an entry to the server's own trace: the
/// UUID the server gave the request in place of any the client sent. Anything else (a
/// router without that layer) is not kept.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| uuid::Uuid::try_parse(value).ok())
        .map(|id| id.hyphenated().to_string())
}

impl AppState {
    /// Makes the entry for the citizen `subject` reading `read` of their own data durable;
    /// the caller serves the data only if this succeeds.
    pub async fn log_own_read(
        &self,
        subject: &SubjectKey,
        channel: Channel,
        headers: &HeaderMap,
        read: WhatWasRead,
    ) -> Result<(), LedgerError> {
        let request_id = request_id(headers);
        self.ledger
            .record(AccessEntry {
                at: Utc::now(),
                actor: Actor {
                    kind: ActorKind::Citizen,
                    id: CITIZEN.to_owned(),
                    name: CITIZEN.to_owned(),
                    system: None,
                    person: None,
                },
                subject: *subject,
                on_behalf_of: None,
                read,
                purpose: Purpose::SelfService.code().to_owned(),
                legal_basis: None,
                channel,
                request_id,
                hidden_until: None,
            })
            .await
            .map(|_| ())
    }
}
