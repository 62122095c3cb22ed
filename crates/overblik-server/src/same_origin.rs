//! Refusing state-changing requests from other sites, once, as a layer.
//!
//! A citizen's session is a cookie, and a browser sends it with a form another site posts
//! to us. Every route that changes something sits behind one of these layers, which look at
//! `Origin` (or `Referer`) before any handler runs; reading routes are left alone, since a
//! browser does not let another site read what they answer.

use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// For the pages and sign-out: a change must name our origin, as every browser does on a
/// form POST.
pub async fn pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if changes_state(request.method())
        && !same_origin(request.headers(), &state.settings.public_url)
    {
        return cross_site().into_response();
    }
    next.run(request).await
}

/// For the citizen API: a browser names the page a change comes from, which must then be
/// ours; a program that is not a browser (curl, an app) names none, and has no cookie a
/// forged page could borrow.
pub async fn api(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if changes_state(request.method())
        && !same_origin_or_none(request.headers(), &state.settings.public_url)
    {
        return cross_site().into_response();
    }
    next.run(request).await
}

/// Every method but the safe ones (RFC 9110, 9.2.1) may change something.
pub fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a request comes from our own pages: browsers send `Origin` on every cross-site
/// POST, and a forged form elsewhere cannot set it to ours.
pub fn same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let origin = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|value| value.to_str().ok());
    let ours = url::Url::parse(public_url).map(|url| url.origin());
    match (origin.and_then(|value| url::Url::parse(value).ok()), ours) {
        (Some(theirs), Ok(ours)) => theirs.origin() == ours,
        _ => false,
    }
}

/// Whether a request names no origin at all, or ours.
pub fn same_origin_or_none(headers: &HeaderMap, public_url: &str) -> bool {
    let named = headers.contains_key(header::ORIGIN) || headers.contains_key(header::REFERER);
    !named || same_origin(headers, public_url)
}

/// The answer to a change from another site.
pub fn cross_site() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "cross-site",
        "The request did not come from Overblik",
    )
}
