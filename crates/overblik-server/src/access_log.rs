//! Recording reads of a citizen's data from a request: the request's id the entries keep.
//! Every entry goes through [`overblik_core::Core::disclose`]; a request's reads are logged
//! by its `Viewer` (`acting.rs`).

use axum::http::HeaderMap;

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
