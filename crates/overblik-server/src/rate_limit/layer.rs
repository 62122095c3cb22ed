//! The rate limits as middleware: each route group's layer counts the request and refuses it,
//! as a problem or a page, once its client went too fast.

use super::{Writer, too_many};
use crate::problem::retry_after_seconds;
use crate::state::AppState;
use axum::extract::{ConnectInfo, OriginalUri, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::time::Duration;

/// The client's address as the connection shows it. A proxy's headers (`Forwarded`,
/// `X-Forwarded-For`) are not read: behind a proxy every client shares the proxy's address.
/// An IPv6 client is counted by its /64 network, which one household or device usually has
/// whole.
fn client_address(request: &Request) -> IpAddr {
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(peer)| {
            peer.ip().to_canonical()
        });
    match address {
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(
            u128::from(v6) & 0xffff_ffff_ffff_ffff_0000_0000_0000_0000,
        )),
        v4 => v4,
    }
}

/// The answer to a request over a limit: a problem under `/api`, a plain page elsewhere.
fn refused(request: &Request, wait: Duration) -> Response {
    // Inside a nested router the path has lost its prefix; the original one has it.
    let uri = request
        .extensions()
        .get::<OriginalUri>()
        .map_or(request.uri(), |OriginalUri(uri)| uri);
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return too_many(wait).into_response();
    }
    let seconds = retry_after_seconds(wait);
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(request.headers());
    // The page's links are built from the path alone: a query may carry a sign-in's code.
    let path_only = path.parse().unwrap_or_default();
    let mut response = crate::pages::too_many_requests(jar, request.headers(), &path_only);
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Middleware on the sign-in routes: `GET /login` and its callback, per client address.
pub async fn sign_in(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET
        && let Err(wait) = state.rate_limits.sign_in.check(&client_address(&request))
    {
        tracing::warn!("sign-in refused: too many from one address");
        return refused(&request, wait);
    }
    next.run(request).await
}

/// Middleware on the provider API: token requests per client address (per client id is
/// counted by the endpoint, once it has read the request).
pub async fn token(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::POST
        && request.uri().path().ends_with("/token")
        && let Err(wait) = state
            .rate_limits
            .token_by_address
            .check(&client_address(&request))
    {
        tracing::warn!("token request refused: too many from one address");
        return refused(&request, wait);
    }
    next.run(request).await
}

/// Middleware on the citizen API and the pages: every write, per session.
pub async fn citizen_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe {
        let jar = axum_extra::extract::cookie::CookieJar::from_headers(request.headers());
        let writer = match jar.get(crate::login::session::SESSION_COOKIE) {
            Some(cookie) => Writer::Session(crate::login::session::session_key(cookie.value()).0),
            None => Writer::Address(client_address(&request)),
        };
        if let Err(wait) = state.rate_limits.citizen_writes.check(&writer) {
            tracing::warn!("citizen write refused: too many from one session");
            return refused(&request, wait);
        }
    }
    next.run(request).await
}
