//! Provider authentication: OAuth 2.0 client credentials with a signed JWT client assertion
//! (RFC 7523, `private_key_jwt`), traded for a short-lived access token scoped to one provider.

use crate::problem::Problem;
use crate::state::{AppState, ServerSettings};
use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::{Form, Json};
use chrono::Utc;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use overblik_model::ProviderId;
use overblik_store::{Provider, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// The longest lifetime (`exp - iat`) a client assertion may claim.
const MAX_ASSERTION_LIFETIME_SECONDS: i64 = 300;
/// Clock skew tolerated between a provider and this server.
const LEEWAY_SECONDS: u64 = 30;
/// The audience of access tokens: this API and nothing else.
const TOKEN_AUDIENCE: &str = "overblik-provider-api";
/// The one scope a provider token carries.
pub const SCOPE: &str = "records:write";

/// A token request (RFC 6749 section 4.4 with RFC 7523 client authentication).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TokenRequest {
    /// Must be `client_credentials`.
    #[schema(schema_with = grant_types)]
    grant_type: String,
    /// Must be `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
    #[schema(required = true, schema_with = assertion_types)]
    client_assertion_type: Option<String>,
    /// A JWT signed with the provider's registered key (EdDSA or ES256); `iss` and `sub` are
    /// the provider id, `aud` this endpoint's URL, with `exp`, `iat` and a single-use `jti`.
    #[schema(value_type = String, min_length = 1)]
    client_assertion: Option<String>,
    /// Optional; only `records:write` exists.
    #[schema(schema_with = scopes)]
    scope: Option<String>,
}

fn grant_types() -> utoipa::openapi::schema::Object {
    crate::contract::one_of(&["client_credentials"])
}

fn assertion_types() -> utoipa::openapi::schema::Object {
    crate::contract::one_of(&[ASSERTION_TYPE])
}

fn scopes() -> utoipa::openapi::schema::Object {
    crate::contract::one_of(&[SCOPE])
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the token expires.
    pub expires_in: u64,
    pub scope: &'static str,
}

#[derive(Debug, Deserialize)]
struct AssertionClaims {
    iss: String,
    sub: String,
    iat: i64,
    exp: i64,
    jti: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    iss: String,
    sub: String,
    aud: String,
    iat: i64,
    exp: i64,
    scope: String,
}

fn invalid_client(detail: &str) -> Problem {
    Problem::oauth(StatusCode::UNAUTHORIZED, "invalid_client", detail)
}

/// The one answer to an assertion no registered key verifies: the same whether its issuer is
/// registered or not, so the endpoint tells no one which providers exist.
fn unverified_assertion() -> Problem {
    invalid_client(
        "the client assertion is not signed by a registered key of its issuer for this audience, \
         or it has expired",
    )
}

/// Obtain an access token.
#[utoipa::path(
    post,
    path = "/token",
    tag = "authentication",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "An access token for this provider", body = TokenResponse),
        (status = 400, description = "A malformed token request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "The client assertion was refused", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn token(
    State(state): State<AppState>,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Result<Json<TokenResponse>, Problem> {
    let Form(request) = form.map_err(|rejection| {
        // A body over the limit is refused as such, before it is read; any other bad form
        // is an OAuth `invalid_request`.
        let status = match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::BAD_REQUEST,
        };
        Problem::oauth(status, "invalid_request", rejection.body_text())
    })?;
    if request.grant_type != "client_credentials" {
        return Err(Problem::oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        ));
    }
    if request.scope.as_deref().is_some_and(|scope| scope != SCOPE) {
        return Err(Problem::oauth(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            format!("the only scope is {SCOPE}"),
        ));
    }
    if request.client_assertion_type.as_deref() != Some(ASSERTION_TYPE) {
        return Err(invalid_client(&format!(
            "client_assertion_type must be {ASSERTION_TYPE}"
        )));
    }
    let assertion = request
        .client_assertion
        .ok_or_else(|| invalid_client("client_assertion is required"))?;
    let provider = verify_assertion(&state, &assertion).await?;
    tracing::info!(provider = %provider.id, "issued an access token");
    Ok(Json(issue_access_token(&state.settings, &provider.id)))
}

/// Checks a client assertion and returns the provider it authenticates.
async fn verify_assertion(state: &AppState, assertion: &str) -> Result<Provider, Problem> {
    let claimed = claimed_issuer(assertion)?;
    let id: ProviderId = claimed.issuer.parse().map_err(|_| unverified_assertion())?;
    state.rate_limits.check_token_client(id.as_str())?;
    let provider = match state.core.store.provider(&id).await {
        Ok(provider) => provider,
        Err(StoreError::NotFound) => return Err(unverified_assertion()),
        Err(other) => return Err(other.into()),
    };
    let audience = format!("{}{}/token", state.settings.public_url, super::PREFIX);
    let checked = check_assertion(&claimed, &provider.public_keys, &[&audience])?;
    if !state
        .core
        .store
        .use_assertion_id(provider.id.as_str(), &checked.jti, checked.remember_until)
        .await?
    {
        return Err(invalid_client(
            "the assertion was used before (jti replayed)",
        ));
    }
    Ok(provider)
}

/// A client assertion as it arrived, with the client (a provider, a recipient) it claims to
/// come from. Nothing in it is trusted: [`check_assertion`] checks it against that client's
/// registered keys.
#[derive(Debug)]
pub struct ClaimedAssertion<'a> {
    assertion: &'a str,
    header: jsonwebtoken::Header,
    /// The client the assertion names as its issuer.
    pub issuer: String,
}

/// A client assertion whose signature and claims were checked: its single-use id, and until
/// when that id must be remembered to refuse a replay.
#[derive(Debug)]
pub struct CheckedAssertion {
    pub jti: String,
    pub remember_until: chrono::DateTime<Utc>,
}

/// Reads which client an untrusted client assertion claims to come from.
pub fn claimed_issuer(assertion: &str) -> Result<ClaimedAssertion<'_>, Problem> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|_| invalid_client("client_assertion is not a JWT"))?;
    // The provider is named in the unverified claims; the signature is checked against its
    // registered keys right after, so nothing is trusted before that.
    let claimed: AssertionClaims = unverified_claims(assertion)
        .ok_or_else(|| invalid_client("client_assertion lacks iss, sub, iat or exp"))?;
    Ok(ClaimedAssertion {
        assertion,
        header,
        issuer: claimed.iss,
    })
}

/// Checks a claimed assertion against the public keys (JWK texts) registered for the client
/// it names, for an endpoint known by any of `audiences`: its signature, audience, issuer and
/// subject, expiry, lifetime, issue time and `jti`. Whether the `jti` was used before is for
/// the caller to ask its store.
pub fn check_assertion(
    claimed: &ClaimedAssertion<'_>,
    public_keys: &[String],
    audiences: &[&str],
) -> Result<CheckedAssertion, Problem> {
    let header = &claimed.header;
    let keys: Vec<Jwk> = public_keys
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .filter(|jwk: &Jwk| header.kid.is_none() || jwk.common.key_id == header.kid)
        .collect();
    let claims = keys
        .iter()
        .find_map(|jwk| {
            check_signature(
                jwk,
                header.alg,
                claimed.assertion,
                audiences,
                &claimed.issuer,
            )
        })
        .ok_or_else(unverified_assertion)?;
    if claims.sub != claims.iss {
        return Err(invalid_client("sub must equal iss"));
    }
    // A lifetime beyond i64 is too long too: unchecked, it would wrap to a short one.
    if claims
        .exp
        .checked_sub(claims.iat)
        .is_none_or(|lifetime| lifetime > MAX_ASSERTION_LIFETIME_SECONDS)
    {
        return Err(invalid_client(&format!(
            "the assertion may live at most {MAX_ASSERTION_LIFETIME_SECONDS} seconds"
        )));
    }
    if claims.iat > Utc::now().timestamp() + LEEWAY_SECONDS as i64 {
        return Err(invalid_client("the assertion is issued in the future"));
    }
    let jti = claims
        .jti
        .filter(|jti| !jti.is_empty() && jti.len() <= 255)
        .ok_or_else(|| invalid_client("the assertion needs a jti of at most 255 characters"))?;
    // exp is at most a lifetime after an iat that is not in the future, so this is in range.
    let remember_until = claims
        .exp
        .checked_add(LEEWAY_SECONDS as i64)
        .and_then(|until| chrono::DateTime::from_timestamp(until, 0))
        .unwrap_or(chrono::DateTime::<Utc>::MAX_UTC);
    Ok(CheckedAssertion {
        jti,
        remember_until,
    })
}

fn unverified_claims(token: &str) -> Option<AssertionClaims> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn check_signature(
    jwk: &Jwk,
    alg: Algorithm,
    assertion: &str,
    audiences: &[&str],
    issuer: &str,
) -> Option<AssertionClaims> {
    let expected = match &jwk.algorithm {
        AlgorithmParameters::OctetKeyPair(_) => Algorithm::EdDSA,
        AlgorithmParameters::EllipticCurve(_) => Algorithm::ES256,
        _ => return None,
    };
    if alg != expected {
        return None;
    }
    let key = DecodingKey::from_jwk(jwk).ok()?;
    let mut validation = Validation::new(expected);
    validation.leeway = LEEWAY_SECONDS;
    validation.set_audience(audiences);
    validation.set_issuer(&[issuer]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "sub", "aud"]);
    jsonwebtoken::decode::<AssertionClaims>(assertion, &key, &validation)
        .ok()
        .map(|data| data.claims)
}

/// Issues an access token for `provider`, signed with the server's token secret.
pub fn issue_access_token(settings: &ServerSettings, provider: &ProviderId) -> TokenResponse {
    let now = Utc::now().timestamp();
    let lifetime = settings.token_lifetime.as_secs();
    let claims = AccessClaims {
        iss: settings.public_url.clone(),
        sub: provider.to_string(),
        aud: TOKEN_AUDIENCE.to_owned(),
        iat: now,
        exp: now + lifetime as i64,
        scope: SCOPE.to_owned(),
    };
    let access_token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&settings.token_secret),
    )
    .expect("HS256 signing cannot fail");
    TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: lifetime,
        scope: SCOPE,
    }
}

/// A request authenticated by a provider's access token; the provider is still registered.
#[derive(Debug, Clone)]
pub struct AuthenticatedProvider(pub Provider);

impl FromRequestParts<AppState> for AuthenticatedProvider {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| {
                Problem::unauthorized("an access token is required (Authorization: Bearer)")
            })?;
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_audience(&[TOKEN_AUDIENCE]);
        validation.set_issuer(&[state.settings.public_url.as_str()]);
        let claims = jsonwebtoken::decode::<AccessClaims>(
            token,
            &DecodingKey::from_secret(&state.settings.token_secret),
            &validation,
        )
        .map_err(|_| Problem::unauthorized("the access token is invalid or has expired"))?
        .claims;
        if claims.scope != SCOPE {
            return Err(Problem::unauthorized(
                "the access token lacks the records:write scope",
            ));
        }
        let id: ProviderId = claims
            .sub
            .parse()
            .map_err(|_| Problem::unauthorized("the access token is invalid"))?;
        match state.core.store.provider(&id).await {
            Ok(provider) => Ok(Self(provider)),
            Err(StoreError::NotFound) => Err(Problem::unauthorized(
                "the provider is no longer registered",
            )),
            Err(other) => Err(other.into()),
        }
    }
}
