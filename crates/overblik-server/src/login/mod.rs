//! Citizens sign in with OpenID Connect against any standard issuer (a MitID broker,
//! Keycloak, ... or the development provider): authorization code with PKCE, state and
//! nonce, the ID token checked, and the national identifier read from a configurable claim.

pub mod device;
pub mod oidc;
pub mod session;

pub use oidc::{DEV_IDP_PATH, Login, LoginSettings};
pub use session::{CitizenSession, LOGIN_COOKIE, SESSION_COOKIE, SESSION_LIMITS, session_key};

use crate::pages;
use crate::problem::Problem;
use crate::routes::{Access, Routes};
use crate::state::AppState;
use axum::extract::{OriginalUri, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, PrivateCookieJar};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use openidconnect::core::CoreResponseType;
use openidconnect::{
    AuthenticationFlow, AuthorizationCode, ClientId, CsrfToken, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, TokenResponse,
};
use overblik_model::notify::{Happening, Notice, NoticeId, Topic};
use overblik_model::{NationalId, SubjectKey};
use overblik_store::SignIn;
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

/// What the browser carries, encrypted, between `/login` and `/login/callback`.
#[derive(Serialize, Deserialize)]
struct LoginAttempt {
    state: String,
    nonce: String,
    verifier: String,
    /// The page on this site to go on to once signed in (the consent page a service sent
    /// the citizen to, say).
    #[serde(default)]
    then: Option<String>,
}

/// `/login?then=/path?query`: where to go once signed in.
#[derive(Debug, Deserialize)]
struct LoginQuery {
    then: Option<String>,
}

/// `then` if it is a page of this site: one leading slash, never `//host` or `/\host`,
/// which browsers read as another site.
fn local_page(then: Option<String>) -> Option<String> {
    then.filter(|path| {
        path.len() <= 4096
            && path.starts_with('/')
            && !path.starts_with("//")
            && !path.starts_with("/\\")
            && !path.contains(['\r', '\n'])
    })
}

/// The sign-in routes.
pub fn routes() -> Routes {
    Routes::new()
        .get("/login", Access::Public, login)
        .get("/login/callback", Access::Public, callback)
        .post("/logout", Access::Public, logout)
}

fn login_of(state: &AppState) -> Result<&Login, Problem> {
    state.login.as_deref().ok_or_else(Problem::not_found)
}

/// `GET /login`: off to the identity provider.
#[tracing::instrument(skip_all)]
async fn login(
    State(state): State<AppState>,
    jar: PrivateCookieJar,
    Query(query): Query<LoginQuery>,
) -> Result<Response, Problem> {
    let login = login_of(&state)?;
    let discovered = login.discovered().await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = discovered
        .client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .set_pkce_challenge(challenge)
        // Providers that follow OpenID Connect put claims asked for by scope only in the
        // userinfo answer; the claims parameter asks for the national identifier in the ID
        // token itself, which is the only place it is read from.
        .add_extra_param(
            "claims",
            id_token_claims_request(&login.settings.national_id_claim),
        )
        .url();
    let attempt = LoginAttempt {
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        then: local_page(query.then),
    };
    let value = serde_json::to_string(&attempt).map_err(|error| Problem::internal(&error))?;
    // A browser-session cookie: a new sign-in replaces it and the callback removes it.
    let cookie = login.cookie(LOGIN_COOKIE, value, "/login");
    Ok((jar.add(cookie), Redirect::to(url.as_str())).into_response())
}

#[derive(Debug, Deserialize)]
struct CallbackParams {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /login/callback`: the provider sends the citizen back with a code.
#[tracing::instrument(skip_all)]
async fn callback(
    State(state): State<AppState>,
    private: PrivateCookieJar,
    jar: CookieJar,
    Query(params): Query<CallbackParams>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
) -> Result<Response, Problem> {
    let login = login_of(&state)?;
    // The page that says why, in the citizen's language; the reason is a message id.
    let login_failed = |reason: &str| pages::sign_in_failed(reason, jar.clone(), &headers, &uri);
    let Some(attempt) = private
        .get(LOGIN_COOKIE)
        .and_then(|cookie| serde_json::from_str::<LoginAttempt>(cookie.value()).ok())
    else {
        return Ok(login_failed("sign-in-expired"));
    };
    let private = private.remove(Cookie::build(LOGIN_COOKIE).path("/login"));
    if params.error.is_some() {
        return Ok((private, login_failed("sign-in-refused")).into_response());
    }
    let (Some(code), Some(returned_state)) = (params.code, params.state) else {
        return Ok((private, login_failed("sign-in-incomplete")).into_response());
    };
    if returned_state != attempt.state {
        return Ok((private, login_failed("sign-in-mismatch")).into_response());
    }
    let then = attempt.then.clone().unwrap_or_else(|| "/".to_owned());
    let national_id = match verified_national_id(login, code, attempt).await {
        Ok(national_id) => national_id,
        Err(reason) => return Ok((private, login_failed(reason)).into_response()),
    };
    let subject = state.settings.subject_key_secret.subject_key(&national_id);
    let token = random_token();
    let key = session_key(&token);
    let now = Utc::now();
    let store = &state.core.store;
    store
        .start_session(&key, &subject, now, SESSION_LIMITS)
        .await?;
    // The citizen's list of sign-ins names the identity provider by its host and the
    // device by its browser and system.
    let sign_in = SignIn {
        at: now,
        identity_provider: url::Url::parse(login.issuer_url())
            .ok()
            .and_then(|issuer| issuer.host_str().map(str::to_owned))
            .unwrap_or_default(),
        device: headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|agent| agent.to_str().ok())
            .map(device::device)
            .unwrap_or_default(),
    };
    // The list of sign-ins is for the citizen to look at; a failure to add to it does not
    // keep them out.
    let earlier = store.sign_ins(&subject).await;
    if let Err(error) = store.note_sign_in(&key, &subject, &sign_in).await {
        tracing::warn!(%error, "a sign-in could not be added to the citizen's list");
    }
    match earlier {
        Ok(earlier) => tell_of_new_device(store.as_ref(), &subject, &sign_in, &earlier).await,
        Err(error) => tracing::warn!(%error, "the citizen's earlier sign-ins could not be read"),
    }
    tracing::info!(subject = ?subject, "a citizen signed in");
    let jar = jar.add(login.cookie(SESSION_COOKIE, token, "/"));
    Ok((private, jar, Redirect::to(&then)).into_response())
}

/// Tells a citizen who asked for it (the topic "sign_in") of a sign-in from a device none of
/// their recent sign-ins came from. Their first sign-in, and a device that cannot be told,
/// tell nothing. A failure loses the notice, never the sign-in.
async fn tell_of_new_device(
    store: &dyn overblik_store::Store,
    subject: &SubjectKey,
    sign_in: &SignIn,
    earlier: &[SignIn],
) {
    if sign_in.device.is_empty()
        || earlier.is_empty()
        || earlier.iter().any(|seen| seen.device == sign_in.device)
    {
        return;
    }
    let asked = match store.notification_preferences(subject).await {
        Ok(preferences) => preferences.topics.contains(&Topic::SignIn),
        Err(error) => {
            tracing::warn!(%error, "the citizen's notification preferences could not be read");
            return;
        }
    };
    if !asked {
        return;
    }
    let notice = Notice {
        id: NoticeId::random(),
        subject: *subject,
        happening: Happening::SignInNewDevice,
        key: format!("sign-in/{}", sign_in.at.timestamp_millis()),
        record: None,
        moment: None,
        created_at: sign_in.at,
        due_at: sign_in.at,
        read_at: None,
        confirmation: None,
    };
    if let Err(error) = store.add_notices(&[notice]).await {
        tracing::warn!(%error, "the notice of a sign-in from a new device was not added");
    }
}

/// Trades the code for tokens, checks the ID token and reads who signed in. The error is
/// the message id of the reason to show the citizen; the cause is logged.
async fn verified_national_id(
    login: &Login,
    code: String,
    attempt: LoginAttempt,
) -> Result<NationalId, &'static str> {
    let discovered = login
        .discovered()
        .await
        .map_err(|_| "sign-in-unavailable")?;
    let exchange = discovered
        .client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|error| {
            tracing::error!(%error, "the identity provider has no token endpoint");
            "sign-in-unavailable"
        })?;
    let tokens = exchange
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier))
        .request_async(&login.http)
        .await
        .map_err(|error| {
            tracing::warn!(%error, "the code exchange failed");
            "sign-in-not-completed"
        })?;
    let id_token = tokens.id_token().ok_or("sign-in-no-identity")?;
    id_token
        .claims(
            &discovered.client.id_token_verifier(),
            &Nonce::new(attempt.nonce),
        )
        .map_err(|error| {
            tracing::warn!(%error, "an ID token was refused");
            "sign-in-unverified"
        })?;
    // The claims above were checked over exactly this serialization, signature included.
    national_id_claim(&id_token.to_string(), &login.settings.national_id_claim).ok_or_else(|| {
        tracing::warn!(claim = %login.settings.national_id_claim, "the ID token lacks the national identifier");
        "sign-in-no-identity"
    })
}

/// The claims request parameter (OpenID Connect Core 5.5) that asks for `claim` in the ID
/// token as essential.
fn id_token_claims_request(claim: &str) -> String {
    serde_json::json!({ "id_token": { claim: { "essential": true } } }).to_string()
}

/// Reads the national identifier from a verified ID token's payload.
fn national_id_claim(id_token: &str, claim: &str) -> Option<NationalId> {
    let payload = id_token.split('.').nth(1)?;
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    claims.get(claim)?.as_str()?.parse().ok()
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the system has randomness");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// `POST /logout`: ends the session here and, where the provider supports it, there too.
#[tracing::instrument(skip_all)]
async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, Problem> {
    let login = login_of(&state)?;
    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        state
            .core
            .store
            .end_session(&session_key(cookie.value()))
            .await?;
    }
    // Signing out also ends acting for someone: the next sign-in on this browser starts as
    // the citizen themselves.
    let jar = jar
        .remove(Cookie::build(SESSION_COOKIE).path("/"))
        .remove(crate::acting::ActingChoice::removal());
    let home = format!("{}/", login.public_url);
    let target = match login
        .discovered()
        .await
        .ok()
        .and_then(|d| d.end_session.clone())
    {
        Some(end_session) => {
            let mut request = LogoutRequest::from(end_session)
                .set_client_id(ClientId::new(login.settings.client_id.clone()));
            if let Ok(back) = PostLogoutRedirectUrl::new(home.clone()) {
                request = request.set_post_logout_redirect_uri(back);
            }
            request.http_get_url().to_string()
        }
        None => home,
    };
    Ok((jar, Redirect::to(&target)).into_response())
}
