//! A development OpenID provider, mounted (at `/dev-idp`) by the demo, development mode and
//! the tests only.
//!
//! It speaks standard OpenID Connect (discovery, JWKS, authorization code with PKCE, token,
//! userinfo, end session), so the server signs in through it on exactly the code path it uses
//! with a real issuer. Its login page is a plain HTML form where one types a demo citizen's
//! national identifier, of the deployment's scheme (CPR, DNI/NIE, BSN, isikukood), in the
//! language the browser asks for where the deployment speaks it: no password, which is why it
//! must never run in production.

mod texts;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use overblik_model::NationalId;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use texts::Words;

/// How long an authorization code may wait to be exchanged.
const CODE_LIFETIME: Duration = Duration::from_secs(60);
/// How long its ID and access tokens last.
const TOKEN_LIFETIME_SECONDS: i64 = 300;

/// The development provider: one client, a signing key made at start, grants in memory.
pub struct DevIdp {
    issuer: String,
    client_id: String,
    client_secret: String,
    redirect_uri: String,
    post_logout_redirect_uri: String,
    national_id_claim: String,
    signing_key: EncodingKey,
    jwk: Value,
    codes: Mutex<HashMap<String, Grant>>,
    access_tokens: Mutex<HashMap<String, (String, Instant)>>,
}

impl fmt::Debug for DevIdp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DevIdp")
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

/// What a signed-in demo citizen granted, waiting for the client to fetch its tokens.
struct Grant {
    national_id: String,
    nonce: Option<String>,
    code_challenge: String,
    redirect_uri: String,
    expires: Instant,
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system has randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

impl DevIdp {
    /// A provider whose issuer is `issuer` (where it is mounted), for the one client
    /// Overblik itself is, served at `public_url`.
    pub fn new(
        issuer: &str,
        public_url: &str,
        client_id: &str,
        client_secret: &str,
        national_id_claim: &str,
    ) -> Self {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .expect("a P-256 key can be generated");
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
            .expect("a generated key reads back");
        // An uncompressed point: 0x04, then x and y of 32 bytes each.
        let point = pair.public_key().as_ref();
        let jwk = json!({
            "kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": "dev-idp-1",
            "x": URL_SAFE_NO_PAD.encode(&point[1..33]), "y": URL_SAFE_NO_PAD.encode(&point[33..]),
        });
        Self {
            issuer: issuer.trim_end_matches('/').to_owned(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            redirect_uri: format!("{public_url}/login/callback"),
            post_logout_redirect_uri: format!("{public_url}/"),
            national_id_claim: national_id_claim.to_owned(),
            signing_key: EncodingKey::from_ec_der(pkcs8.as_ref()),
            jwk,
            codes: Mutex::new(HashMap::new()),
            access_tokens: Mutex::new(HashMap::new()),
        }
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// A stable, meaningless subject for a citizen, as real providers give (a pairwise id).
    fn subject(&self, national_id: &str) -> String {
        hex_prefix(&Sha256::digest(
            format!("{}|{national_id}", self.issuer).as_bytes(),
        ))
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The development provider's routes, to be served under [`PATH`].
pub fn router(idp: Arc<DevIdp>) -> Router {
    Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize_form).post(authorize))
        .route("/token", post(token))
        .route("/userinfo", get(userinfo))
        .route("/logout", get(logout))
        .with_state(idp)
}

/// An error answer: OAuth 2.0's error object (RFC 6749, section 5.2), which the client
/// reads, with a description for people.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl Refusal {
    fn oauth(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
        }
    }

    fn unauthorized(description: &str) -> Self {
        Self::oauth(StatusCode::UNAUTHORIZED, "invalid_token", description)
    }

    fn internal(cause: &dyn fmt::Display) -> Self {
        Self::oauth(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            format!("the development provider failed: {cause}"),
        )
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let body = json!({"error": self.error, "error_description": self.description});
        (self.status, Json(body)).into_response()
    }
}

async fn discovery(State(idp): State<Arc<DevIdp>>) -> Result<Json<Value>, Refusal> {
    let issuer = &idp.issuer;
    Ok(Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
        "jwks_uri": format!("{issuer}/jwks"),
        "end_session_endpoint": format!("{issuer}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "scopes_supported": ["openid"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", idp.national_id_claim],
    })))
}

async fn jwks(State(idp): State<Arc<DevIdp>>) -> Result<Json<Value>, Refusal> {
    Ok(Json(json!({"keys": [idp.jwk]})))
}

/// No `Debug`: the form's answer holds a national identifier, which must reach no log.
#[derive(Deserialize)]
struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    /// The languages the client asks the page to speak, most wanted first.
    ui_locales: Option<String>,
    /// Only in the form's answer.
    national_id: Option<String>,
}

impl AuthorizeParams {
    /// Checks the request as a provider must before it shows a login page or redirects.
    fn check(&self, idp: &DevIdp) -> Result<(), &'static str> {
        if self.client_id.as_deref() != Some(idp.client_id.as_str()) {
            return Err("unknown client_id");
        }
        if self.redirect_uri.as_deref() != Some(idp.redirect_uri.as_str()) {
            return Err("redirect_uri is not the one registered for this client");
        }
        if self.response_type.as_deref() != Some("code") {
            return Err("response_type must be code");
        }
        if self.code_challenge_method.as_deref() != Some("S256") || self.code_challenge.is_none() {
            return Err("PKCE with code_challenge_method S256 is required");
        }
        Ok(())
    }
}

/// The provider's one page: its login form, or a message.
#[derive(askama::Template)]
#[template(path = "devidp.html")]
struct DevIdpPage<'a> {
    lang: &'static str,
    title: String,
    message: Option<&'a str>,
    form: Option<LoginForm<'a>>,
}

/// The login form: what it asks for, why the last answer was refused, and the request's
/// parameters it sends on.
struct LoginForm<'a> {
    intro: String,
    label: String,
    numeric: bool,
    submit: String,
    error: Option<String>,
    hidden: Vec<(&'static str, &'a str)>,
}

fn render(status: StatusCode, page: &DevIdpPage<'_>) -> Response {
    use askama::Template;
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => Refusal::internal(&error).into_response(),
    }
}

/// A page saying `message`, under the title of the message `title_id`.
fn message(status: StatusCode, words: &Words, title_id: &str, message: &str) -> Response {
    render(
        status,
        &DevIdpPage {
            lang: words.lang(),
            title: words.text(title_id),
            message: Some(message),
            form: None,
        },
    )
}

/// The answer to a request that is not a valid authorization request, `error` saying why
/// (for the developer of the client, in English as OAuth's errors are).
fn invalid_request(words: &Words, error: &str) -> Response {
    message(
        StatusCode::BAD_REQUEST,
        words,
        "devidp-invalid-request",
        error,
    )
}

fn login_form(params: &AuthorizeParams, words: &Words, error: Option<String>) -> Response {
    let hidden = [
        ("response_type", &params.response_type),
        ("client_id", &params.client_id),
        ("redirect_uri", &params.redirect_uri),
        ("state", &params.state),
        ("nonce", &params.nonce),
        ("code_challenge", &params.code_challenge),
        ("code_challenge_method", &params.code_challenge_method),
        ("ui_locales", &params.ui_locales),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.as_deref().map(|value| (name, value)))
    .collect();
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    render(
        status,
        &DevIdpPage {
            lang: words.lang(),
            title: words.text("devidp-title"),
            message: None,
            form: Some(LoginForm {
                intro: words.intro(),
                label: words.label(),
                numeric: words.numeric(),
                submit: words.text("devidp-submit"),
                error,
                hidden,
            }),
        },
    )
}

async fn authorize_form(
    State(idp): State<Arc<DevIdp>>,
    Query(params): Query<AuthorizeParams>,
    headers: HeaderMap,
) -> Response {
    let words = Words::asked(params.ui_locales.as_deref(), &headers);
    match params.check(&idp) {
        Ok(()) => login_form(&params, &words, None),
        Err(error) => invalid_request(&words, error),
    }
}

async fn authorize(
    State(idp): State<Arc<DevIdp>>,
    headers: HeaderMap,
    Form(params): Form<AuthorizeParams>,
) -> Response {
    let words = Words::asked(params.ui_locales.as_deref(), &headers);
    if let Err(error) = params.check(&idp) {
        return invalid_request(&words, error);
    }
    // Parsed by the deployment's scheme.
    let national_id: NationalId = match params.national_id.as_deref().unwrap_or("").trim().parse() {
        Ok(id) => id,
        Err(error) => return login_form(&params, &words, Some(words.refusal(&error))),
    };
    let code = random_token();
    let redirect_uri = idp.redirect_uri.clone();
    let grant = Grant {
        national_id: national_id.formatted(),
        nonce: params.nonce.clone(),
        code_challenge: params.code_challenge.clone().unwrap_or_default(),
        redirect_uri: redirect_uri.clone(),
        expires: Instant::now() + CODE_LIFETIME,
    };
    let mut codes = idp.codes.lock().expect("the code table is not poisoned");
    codes.retain(|_, grant| grant.expires > Instant::now());
    codes.insert(code.clone(), grant);
    let mut target = url::Url::parse(&redirect_uri).expect("the redirect URI was built from a URL");
    target.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = &params.state {
        target.query_pairs_mut().append_pair("state", state);
    }
    Redirect::to(target.as_str()).into_response()
}

#[derive(Debug, Deserialize)]
struct TokenParams {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn token_error(status: StatusCode, error: &'static str, detail: &str) -> Refusal {
    Refusal::oauth(status, error, detail)
}

/// The client's credentials, from HTTP Basic or the form (RFC 6749, section 2.3.1).
fn client_credentials(headers: &HeaderMap, params: &TokenParams) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|encoded| STANDARD.decode(encoded).ok())
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .and_then(|pair| {
            let (id, secret) = pair.split_once(':')?;
            let decode = |part: &str| {
                url::form_urlencoded::parse(format!("x={part}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
            };
            Some((decode(id)?, decode(secret)?))
        });
    basic.or_else(|| Some((params.client_id.clone()?, params.client_secret.clone()?)))
}

async fn token(
    State(idp): State<Arc<DevIdp>>,
    headers: HeaderMap,
    Form(params): Form<TokenParams>,
) -> Result<Json<Value>, Refusal> {
    if client_credentials(&headers, &params)
        != Some((idp.client_id.clone(), idp.client_secret.clone()))
    {
        return Err(token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client or wrong secret",
        ));
    }
    if params.grant_type.as_deref() != Some("authorization_code") {
        return Err(token_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code",
        ));
    }
    let grant = params
        .code
        .as_ref()
        .and_then(|code| {
            idp.codes
                .lock()
                .expect("the code table is not poisoned")
                .remove(code)
        })
        .filter(|grant| grant.expires > Instant::now())
        .ok_or_else(|| {
            token_error(
                StatusCode::BAD_REQUEST,
                "invalid_grant",
                "the code is unknown, used or expired",
            )
        })?;
    if params.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str()) {
        return Err(token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "redirect_uri does not match",
        ));
    }
    let verifier = params.code_verifier.unwrap_or_default();
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != grant.code_challenge {
        return Err(token_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "the PKCE code_verifier does not match",
        ));
    }
    let now = Utc::now().timestamp();
    let mut claims = json!({
        "iss": idp.issuer, "sub": idp.subject(&grant.national_id), "aud": idp.client_id,
        "iat": now, "exp": now + TOKEN_LIFETIME_SECONDS,
    });
    if let Some(nonce) = grant.nonce {
        claims["nonce"] = json!(nonce);
    }
    claims[idp.national_id_claim.as_str()] = json!(grant.national_id);
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some("dev-idp-1".to_owned());
    let id_token = jsonwebtoken::encode(&header, &claims, &idp.signing_key)
        .map_err(|error| Refusal::internal(&error))?;
    let access_token = random_token();
    let mut tokens = idp
        .access_tokens
        .lock()
        .expect("the token table is not poisoned");
    tokens.retain(|_, (_, expires)| *expires > Instant::now());
    tokens.insert(
        access_token.clone(),
        (
            grant.national_id,
            Instant::now() + Duration::from_secs(TOKEN_LIFETIME_SECONDS as u64),
        ),
    );
    Ok(Json(json!({
        "access_token": access_token, "token_type": "Bearer", "expires_in": TOKEN_LIFETIME_SECONDS,
        "id_token": id_token, "scope": "openid",
    })))
}

async fn userinfo(
    State(idp): State<Arc<DevIdp>>,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or_else(|| Refusal::unauthorized("a bearer token is required"))?;
    let national_id = idp
        .access_tokens
        .lock()
        .expect("the token table is not poisoned")
        .get(token)
        .filter(|(_, expires)| *expires > Instant::now())
        .map(|(national_id, _)| national_id.clone())
        .ok_or_else(|| Refusal::unauthorized("the access token is unknown or expired"))?;
    let mut claims = json!({"sub": idp.subject(&national_id)});
    claims[idp.national_id_claim.as_str()] = json!(national_id);
    Ok(Json(claims))
}

#[derive(Debug, Deserialize)]
struct LogoutParams {
    post_logout_redirect_uri: Option<String>,
}

async fn logout(
    State(idp): State<Arc<DevIdp>>,
    Query(params): Query<LogoutParams>,
    headers: HeaderMap,
) -> Response {
    // Only the registered address: an open redirect would let anyone bounce users through us.
    match params.post_logout_redirect_uri {
        Some(uri) if uri == idp.post_logout_redirect_uri => Redirect::to(&uri).into_response(),
        _ => {
            let words = Words::asked(None, &headers);
            message(
                StatusCode::OK,
                &words,
                "devidp-signed-out",
                &words.text("devidp-close"),
            )
        }
    }
}
