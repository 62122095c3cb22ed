//! Sharing by consent: Overblik as an OAuth 2.0 authorization server under the FAPI 2.0
//! Security Profile, and the API recipients fetch the consented data from.
//!
//! A registered recipient pushes its request (`/oauth/par`, RFC 9126, authenticated with
//! `private_key_jwt`), stating in `authorization_details` (RFC 9396) which data, how often,
//! until when and how long it keeps it. The citizen is sent to `/oauth/authorize` (the consent
//! page, in `pages::consent`), approves, narrows or refuses; the recipient trades the code
//! with its PKCE verifier and a DPoP proof (RFC 9449) for a short access token bound to its
//! key (`/oauth/token`), and a refresh token while an ongoing consent runs. It fetches from
//! `/api/shared/v1` (`sharing::api`), each fetch in the citizen's log first.

pub mod api;
pub mod client;
pub mod dpop;
pub mod grants;
pub mod metadata;
pub mod par;
pub mod record;
pub mod token;

use crate::problem::Problem;
use crate::routes::{Access, Routes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use overblik_core::sharing::Unusable;
use overblik_model::Consent;
use serde_json::{Value, json};

/// Where the recipients' data API is served.
pub const API_PREFIX: &str = "/api/shared/v1";

/// The addresses of the authorization server's endpoints, from the server's public URL, which
/// is also its issuer identifier.
pub mod endpoints {
    pub const PUSHED_REQUEST: &str = "/oauth/par";
    pub const AUTHORIZE: &str = "/oauth/authorize";
    pub const TOKEN: &str = "/oauth/token";
    pub const METADATA: &str = "/.well-known/oauth-authorization-server";

    pub fn pushed_request(public_url: &str) -> String {
        format!("{public_url}{PUSHED_REQUEST}")
    }

    pub fn authorize(public_url: &str) -> String {
        format!("{public_url}{AUTHORIZE}")
    }

    pub fn token(public_url: &str) -> String {
        format!("{public_url}{TOKEN}")
    }
}

/// The authorization server's own endpoints; the consent page is among the pages.
pub fn routes() -> Routes {
    Routes::new()
        .get(endpoints::METADATA, Access::Public, metadata::metadata)
        .post(endpoints::PUSHED_REQUEST, Access::Recipient, par::push)
        .post(endpoints::TOKEN, Access::Recipient, token::token)
}

/// The recipients' data API, under [`API_PREFIX`].
pub fn api_routes() -> Routes {
    Routes::new()
        .get("/consent", Access::Recipient, api::consent)
        .get("/records", Access::RecipientReads, api::records)
}

/// An error of the pushed-request and token endpoints as OAuth 2.0 has it (RFC 6749 section
/// 5.2, RFC 9126 section 2.3): `application/json` with `error` and `error_description`, which
/// OAuth libraries read, beside the problem document's own fields.
#[derive(Debug)]
pub struct OAuthError(Problem);

impl From<Problem> for OAuthError {
    fn from(problem: Problem) -> Self {
        Self(problem)
    }
}

impl From<overblik_store::StoreError> for OAuthError {
    fn from(error: overblik_store::StoreError) -> Self {
        Self(error.into())
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let problem = self.0;
        let status = problem.status();
        let retry_after = problem.retry_after;
        let mut body = serde_json::to_value(&problem).unwrap_or_default();
        if let (Some(detail), Some(fields)) = (&problem.detail, body.as_object_mut()) {
            fields.insert("error_description".to_owned(), detail.clone().into());
        }
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.get()));
        }
        response
    }
}

/// The word for why a consent cannot be used, in refusals.
pub fn unusable_word(why: Unusable) -> &'static str {
    match why {
        Unusable::Revoked => "revoked",
        Unusable::Expired => "expired",
    }
}

/// A consent's terms as `authorization_details` (RFC 9396) of type `overblik_data`.
pub fn details(consent: &Consent) -> Value {
    let terms = &consent.terms;
    let mut details = json!({
        "type": metadata::DETAILS_TYPE,
        "areas": terms.scope.areas,
        "kinds": terms.scope.kinds,
        "frequency": terms.frequency,
        "until": terms.last_day,
        "retention_days": terms.retention_days,
    });
    if let Some(from) = terms.data_from {
        details["data_from"] = json!(from);
    }
    details
}
