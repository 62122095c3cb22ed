//! What the server keeps between the steps of a recipient's request, in the store so that any
//! server can take the next step: the pushed request until the citizen decides, then the code
//! until the recipient trades it. The recipient holds a random handle; the store keeps its
//! SHA-256, under a label per step, so a code is never taken for a request or the reverse.

use crate::problem::Problem;
use crate::state::AppState;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use overblik_model::{ConsentId, RecipientId, Terms};
use overblik_store::{Grant, StoreError};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The prefix of a pushed request's `request_uri` (RFC 9126).
pub const REQUEST_URI_PREFIX: &str = "urn:ietf:params:oauth:request_uri:";

/// How long a pushed request waits for the citizen: long enough to sign in and read the page.
pub const REQUEST_LIFETIME: Duration = Duration::minutes(10);

/// How long a code waits to be traded (FAPI 2.0 asks for at most 60 seconds).
pub const CODE_LIFETIME: Duration = Duration::seconds(60);

/// The steps a handle stands for.
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Request,
    Code,
}

impl Step {
    fn label(self) -> &'static [u8] {
        match self {
            Self::Request => b"overblik pushed request\n",
            Self::Code => b"overblik authorization code\n",
        }
    }
}

/// A pushed request, as the citizen is asked about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingRequest {
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub terms: Terms,
    /// The recipient's DPoP key, where it proved it when pushing: the code is bound to it.
    pub dpop_jkt: Option<String>,
}

/// A code issued for a consent, waiting to be traded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedCode {
    pub consent: ConsentId,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub dpop_jkt: Option<String>,
}

/// A new random handle: 256 bits, base64url.
pub fn new_handle() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hash(step: Step, handle: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(step.label())
        .chain_update(handle.as_bytes())
        .finalize()
        .into()
}

/// Keeps `body` for `step` under a new handle, for `lifetime`; returns the handle.
pub async fn put<T: Serialize>(
    state: &AppState,
    step: Step,
    recipient: &RecipientId,
    body: &T,
    lifetime: Duration,
) -> Result<(String, DateTime<Utc>), Problem> {
    let handle = new_handle();
    let expires_at = Utc::now() + lifetime;
    let grant = Grant {
        handle: hash(step, &handle),
        recipient: recipient.clone(),
        body: serde_json::to_string(body).map_err(|error| Problem::internal(&error))?,
        expires_at,
    };
    state.core.store.put_grant(&grant).await?;
    Ok((handle, expires_at))
}

/// What `handle` stands for at `step`, if it is `recipient`'s and has not expired; taken out
/// of the store when `once`.
pub async fn get<T: for<'de> Deserialize<'de>>(
    state: &AppState,
    step: Step,
    handle: &str,
    recipient: &RecipientId,
    once: bool,
) -> Result<Option<T>, Problem> {
    let key = hash(step, handle);
    let now = Utc::now();
    let found = if once {
        state.core.store.take_grant(&key, now).await
    } else {
        state.core.store.grant(&key, now).await
    };
    let grant = match found {
        Ok(grant) if grant.recipient == *recipient => grant,
        Ok(_) | Err(StoreError::NotFound) => return Ok(None),
        Err(other) => return Err(other.into()),
    };
    serde_json::from_str(&grant.body)
        .map(Some)
        .map_err(|error| Problem::internal(&error))
}

/// The handle in a `request_uri`.
pub fn request_handle(request_uri: &str) -> Option<&str> {
    request_uri.strip_prefix(REQUEST_URI_PREFIX)
}

/// The answer to a pushed-request or code handle that is unknown, expired or used.
pub fn invalid_grant(detail: &str) -> Problem {
    Problem::oauth(StatusCode::BAD_REQUEST, "invalid_grant", detail)
}
