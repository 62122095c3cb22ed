//! A signed-in citizen's session: its cookie, how long it lasts, the key it is stored under,
//! and the extractor that checks it in the store on every request.

use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::{CookieJar, Key};
use chrono::Utc;
use overblik_store::{Session, SessionKey, SessionLimits, StoreError};
use sha2::{Digest, Sha256};

/// The cookie that carries a citizen's session token.
pub const SESSION_COOKIE: &str = "overblik_session";
/// The encrypted cookie that carries a sign-in in progress (state, nonce, PKCE verifier).
pub const LOGIN_COOKIE: &str = "overblik_login";

/// Sessions end after 15 minutes unused or 8 hours in all.
pub const SESSION_LIMITS: SessionLimits = SessionLimits {
    idle: chrono::Duration::minutes(15),
    absolute: chrono::Duration::hours(8),
};

/// The key a session is stored under: the SHA-256 of the cookie's token, so the store never
/// holds a token that would sign anyone in.
pub fn session_key(token: &str) -> SessionKey {
    SessionKey(Sha256::digest(token.as_bytes()).into())
}

/// A request from a signed-in citizen.
#[derive(Debug, Clone)]
pub struct CitizenSession(pub Session);

impl FromRequestParts<AppState> for CitizenSession {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(SESSION_COOKIE)
            .map(|cookie| cookie.value().to_owned())
            .ok_or_else(|| Problem::unauthorized("sign in first"))?;
        match state
            .core
            .store
            .session(&session_key(&token), Utc::now(), SESSION_LIMITS)
            .await
        {
            Ok(session) => Ok(Self(session)),
            Err(StoreError::NotFound) => Err(Problem::unauthorized(
                "the session has ended; sign in again",
            )),
            Err(other) => Err(other.into()),
        }
    }
}

impl FromRef<AppState> for Key {
    fn from_ref(state: &AppState) -> Key {
        state.cookie_key.clone()
    }
}

/// The key of the session the request's cookie carries, if any.
pub fn current_key(headers: &axum::http::HeaderMap) -> Option<SessionKey> {
    CookieJar::from_headers(headers)
        .get(SESSION_COOKIE)
        .map(|cookie| session_key(cookie.value()))
}
