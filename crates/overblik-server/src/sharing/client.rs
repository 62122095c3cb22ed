//! A recipient authenticates with `private_key_jwt` (RFC 7523), as providers do: a JWT signed
//! with a key it registered, naming this server as its audience, used once.

use super::endpoints;
use crate::problem::Problem;
use crate::provider::token::{ASSERTION_TYPE, check_assertion, claimed_issuer};
use crate::state::AppState;
use axum::http::StatusCode;
use overblik_model::{Recipient, RecipientId};
use overblik_store::StoreError;
use serde::Deserialize;

/// The client authentication fields of a request to the pushed-request or token endpoint.
#[derive(Debug, Deserialize)]
pub struct ClientCredentials {
    pub client_id: Option<String>,
    pub client_assertion_type: Option<String>,
    pub client_assertion: Option<String>,
}

pub fn invalid_client(detail: &str) -> Problem {
    Problem::oauth(StatusCode::UNAUTHORIZED, "invalid_client", detail)
}

/// The one answer to an assertion no registered key verifies, the same whether its issuer
/// is registered or not.
fn unverified() -> Problem {
    invalid_client(
        "the client assertion is not signed by a registered key of its issuer for this server, \
         or it has expired",
    )
}

/// The registered recipient that signed `credentials`' assertion.
pub async fn authenticate(
    state: &AppState,
    credentials: &ClientCredentials,
) -> Result<Recipient, Problem> {
    if credentials.client_assertion_type.as_deref() != Some(ASSERTION_TYPE) {
        return Err(invalid_client(&format!(
            "client_assertion_type must be {ASSERTION_TYPE} (private_key_jwt)"
        )));
    }
    let assertion = credentials
        .client_assertion
        .as_deref()
        .ok_or_else(|| invalid_client("client_assertion is required"))?;
    let claimed = claimed_issuer(assertion)?;
    let id: RecipientId = claimed.issuer.parse().map_err(|_| unverified())?;
    if credentials
        .client_id
        .as_deref()
        .is_some_and(|client_id| client_id != id.as_str())
    {
        return Err(invalid_client(
            "client_id differs from the assertion's issuer",
        ));
    }
    state.rate_limits.check_token_client(id.as_str())?;
    let recipient = match state.core.store.recipient(&id).await {
        Ok(recipient) => recipient,
        Err(StoreError::NotFound) => return Err(unverified()),
        Err(other) => return Err(other.into()),
    };
    // The issuer identifier is the audience FAPI 2.0 asks for; the endpoints' own addresses
    // are accepted too, as RFC 7523 has them.
    let public_url = &state.settings.public_url;
    let audiences = [
        public_url.clone(),
        endpoints::token(public_url),
        endpoints::pushed_request(public_url),
    ];
    let audiences: Vec<&str> = audiences.iter().map(String::as_str).collect();
    let checked = check_assertion(&claimed, &recipient.public_keys, &audiences)?;
    if !state
        .core
        .store
        .use_assertion_id(
            &recipient.assertion_issuer(),
            &checked.jti,
            checked.remember_until,
        )
        .await?
    {
        return Err(invalid_client(
            "the assertion was used before (jti replayed)",
        ));
    }
    Ok(recipient)
}
