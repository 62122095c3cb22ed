//! `POST /oauth/token`: a code (with its PKCE verifier) or a refresh token traded for a short
//! access token bound to the recipient's DPoP key. A refresh token is issued only for an
//! ongoing consent, is bound to the same key, and is used once: each refresh gives the next.

use super::client::{ClientCredentials, authenticate};
use super::grants::{self, IssuedCode, Step, invalid_grant};
use super::{OAuthError, dpop, endpoints};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::{Form, Json};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Days, TimeZone, Utc};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use overblik_core::Core;
use overblik_model::{Consent, ConsentId, Frequency, Recipient};
use overblik_store::StoreError;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// How long an access token lasts at most: five minutes, then a refresh (ongoing consents)
/// or nothing (one-off ones).
pub const ACCESS_TOKEN_SECONDS: i64 = 300;

/// The audience of the access tokens: the recipients' data API and nothing else.
pub const AUDIENCE: &str = "overblik-shared-api";

#[derive(Debug, Deserialize)]
pub struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    client_id: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

/// What an access token says: for which consent, to which recipient, bound to which key.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The consent's id.
    pub sub: String,
    pub client_id: String,
    pub iat: i64,
    pub exp: i64,
    pub cnf: Confirmation,
}

/// The key a token is bound to (RFC 9449 section 6).
#[derive(Debug, Serialize, Deserialize)]
pub struct Confirmation {
    pub jkt: String,
}

fn oauth(error: &'static str, detail: impl Into<String>) -> Problem {
    Problem::oauth(StatusCode::BAD_REQUEST, error, detail)
}

/// `POST /oauth/token`.
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Result<Json<Value>, OAuthError> {
    Ok(traded(&state, &headers, form).await?)
}

async fn traded(
    state: &AppState,
    headers: &HeaderMap,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Result<Json<Value>, Problem> {
    let Form(request) =
        form.map_err(|rejection| oauth("invalid_request", rejection.body_text()))?;
    let recipient = authenticate(
        state,
        &ClientCredentials {
            client_id: request.client_id.clone(),
            client_assertion_type: request.client_assertion_type.clone(),
            client_assertion: request.client_assertion.clone(),
        },
    )
    .await?;
    let proof = dpop::check(
        state,
        headers,
        &Method::POST,
        &endpoints::token(&state.settings.public_url),
        None,
    )
    .await
    .map_err(|error| oauth("invalid_dpop_proof", error.to_string()))?;
    let consent = match request.grant_type.as_deref() {
        Some("authorization_code") => redeem_code(state, &recipient, &request, &proof).await?,
        Some("refresh_token") => {
            let presented = request
                .refresh_token
                .as_deref()
                .ok_or_else(|| oauth("invalid_request", "refresh_token is required"))?;
            let consent = refreshed_consent(state, &recipient, presented).await?;
            let current = refresh_hash(presented, &proof.jkt);
            return issue(state, &recipient, &consent, &proof, Some(current)).await;
        }
        _ => {
            return Err(oauth(
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token",
            ));
        }
    };
    issue(state, &recipient, &consent, &proof, None).await
}

/// The consent a code was issued for, the code taken so that it is used once.
async fn redeem_code(
    state: &AppState,
    recipient: &Recipient,
    request: &TokenRequest,
    proof: &dpop::Proof,
) -> Result<Consent, Problem> {
    let code = request
        .code
        .as_deref()
        .ok_or_else(|| oauth("invalid_request", "code is required"))?;
    let issued: IssuedCode = grants::get(state, Step::Code, code, &recipient.id, true)
        .await?
        .ok_or_else(|| invalid_grant("the code is unknown, expired or used"))?;
    if request.redirect_uri.as_deref() != Some(issued.redirect_uri.as_str()) {
        return Err(invalid_grant("redirect_uri differs from the request's"));
    }
    let verifier = request
        .code_verifier
        .as_deref()
        .ok_or_else(|| oauth("invalid_request", "code_verifier is required (PKCE)"))?;
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != issued.code_challenge {
        return Err(invalid_grant(
            "code_verifier does not match the code_challenge",
        ));
    }
    if issued
        .dpop_jkt
        .as_ref()
        .is_some_and(|jkt| *jkt != proof.jkt)
    {
        return Err(invalid_grant(
            "the DPoP key differs from the one the request was pushed with",
        ));
    }
    usable_consent(state, recipient, &issued.consent).await
}

/// The consent a refresh token stands for, still in force.
async fn refreshed_consent(
    state: &AppState,
    recipient: &Recipient,
    presented: &str,
) -> Result<Consent, Problem> {
    let id: ConsentId = presented
        .split_once('.')
        .and_then(|(id, _)| id.parse().ok())
        .ok_or_else(|| invalid_grant("the refresh token is not one this server issued"))?;
    let consent = usable_consent(state, recipient, &id).await?;
    if consent.terms.frequency != Frequency::Ongoing {
        return Err(invalid_grant("a one-off consent is not refreshed"));
    }
    Ok(consent)
}

async fn usable_consent(
    state: &AppState,
    recipient: &Recipient,
    id: &ConsentId,
) -> Result<Consent, Problem> {
    let consent = match state.core.store.consent(id).await {
        Ok(consent) if consent.recipient == recipient.id => consent,
        Ok(_) | Err(StoreError::NotFound) => return Err(invalid_grant("no such consent")),
        Err(other) => return Err(other.into()),
    };
    Core::usable(&consent, Utc::now())
        .map_err(|why| invalid_grant(&format!("the consent is {}", super::unusable_word(why))))?;
    Ok(consent)
}

/// The stored form of a refresh token: its SHA-256 together with the key it is bound to, so
/// that it refreshes only with that key's proof.
fn refresh_hash(token: &str, jkt: &str) -> [u8; 32] {
    Sha256::new()
        .chain_update(b"overblik refresh token\n")
        .chain_update(token.as_bytes())
        .chain_update(b"\n")
        .chain_update(jkt.as_bytes())
        .finalize()
        .into()
}

/// When a consent's last Danish day ends.
pub fn consent_end(consent: &Consent) -> DateTime<Utc> {
    let next_day = consent
        .terms
        .last_day
        .checked_add_days(Days::new(1))
        .unwrap_or(consent.terms.last_day);
    overblik_model::Country::current()
        .time_zone
        .from_local_datetime(&next_day.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or(DateTime::<Utc>::MAX_UTC, |end| end.with_timezone(&Utc))
}

/// The token answer for `consent`: an access token, and for an ongoing consent the next
/// refresh token, which replaces `current` (none at the code's trade).
async fn issue(
    state: &AppState,
    recipient: &Recipient,
    consent: &Consent,
    proof: &dpop::Proof,
    current: Option<[u8; 32]>,
) -> Result<Json<Value>, Problem> {
    let now = Utc::now();
    let expires = (now.timestamp() + ACCESS_TOKEN_SECONDS).min(consent_end(consent).timestamp());
    let claims = AccessClaims {
        iss: state.settings.public_url.clone(),
        aud: AUDIENCE.to_owned(),
        sub: consent.id.to_string(),
        client_id: recipient.id.to_string(),
        iat: now.timestamp(),
        exp: expires,
        cnf: Confirmation {
            jkt: proof.jkt.clone(),
        },
    };
    let access_token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&state.settings.token_secret),
    )
    .map_err(|error| Problem::internal(&error))?;
    let mut body = json!({
        "access_token": access_token,
        "token_type": "DPoP",
        "expires_in": expires - now.timestamp(),
        "authorization_details": [super::details(consent)],
    });
    if consent.terms.frequency == Frequency::Ongoing {
        let next = format!("{}.{}", consent.id, grants::new_handle());
        let rotated = state
            .core
            .store
            .rotate_refresh(
                &consent.id,
                current.as_ref(),
                &refresh_hash(&next, &proof.jkt),
            )
            .await?;
        if !rotated {
            return Err(invalid_grant(
                "the refresh token was used before, or belongs to another key",
            ));
        }
        body["refresh_token"] = Value::String(next);
    }
    tracing::info!(recipient = %recipient.id, "issued a shared-data access token");
    Ok(Json(body))
}
