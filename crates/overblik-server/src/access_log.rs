//! Recording reads of a citizen's data from a request: the request's id, and the citizen's
//! own reads. Every entry goes through [`overblik_core::Core::disclose`].

use crate::state::AppState;
use axum::http::HeaderMap;
use overblik_core::{Disclosure, Error, Logged};
use overblik_ledger::{Channel, WhatWasRead};
use overblik_model::SubjectKey;

pub use overblik_core::reading::{CITIZEN, described, records_read, summary_read};

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
    /// the caller serves the data only if this succeeds, disclosed with the [`Logged`].
    pub async fn log_own_read(
        &self,
        subject: &SubjectKey,
        channel: Channel,
        headers: &HeaderMap,
        read: WhatWasRead,
    ) -> Result<Logged, Error> {
        self.core
            .log(
                &Disclosure::own(*subject),
                chrono::Utc::now(),
                channel,
                request_id(headers),
                read,
            )
            .await
    }
}
