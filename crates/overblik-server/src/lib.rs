//! Overblik's web server.
//!
//! Handlers talk to the storage trait only; which database sits behind it is the binary's
//! choice. Routes are registered here, in one place.

pub mod access_log;
pub mod acting;
pub mod citizen_api;
pub mod contract;
pub mod corrections;
pub mod devidp;
pub mod i18n;
pub mod login;
pub mod mandates;
pub mod metrics;
pub mod my_log;
pub mod notify;
pub mod pages;
pub mod problem;
pub mod provider;
pub mod state;

pub use state::{AppState, ServerSettings};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router, middleware};
use problem::Problem;
use serde_json::json;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// The whole application: every route, with its middleware.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .nest(provider::PREFIX, provider::routes())
        .nest(citizen_api::PREFIX, citizen_api::routes())
        .nest(my_log::PREFIX, my_log::public_routes())
        .layer(middleware::map_response(problem::ensure_problem))
        .layer(DefaultBodyLimit::max(state.settings.max_body_bytes));
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::metrics))
        .merge(api)
        .merge(login::routes())
        .merge(pages::routes())
        .nest(devidp::PATH, devidp::routes())
        .fallback(unknown_path);
    with_middleware(routes, state)
}

/// Puts what every answer goes through around `routes`: request ids, tracing, the security
/// headers and the metrics.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    routes
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Under `/api` an unknown path is a problem document like every API answer; elsewhere it
/// gets the not-found page.
async fn unknown_path(
    query: axum::extract::Query<pages::LanguageQuery>,
    uri: axum::extract::OriginalUri,
    jar: axum_extra::extract::cookie::CookieJar,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        Problem::not_found().into_response()
    } else {
        pages::unknown_page(query, uri, jar, headers).await
    }
}

/// Headers on every answer: no inline script or style, no framing, no sniffing, no referrer
/// leaving the site (record URLs must not travel to other sites).
async fn security_headers(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let mut response = next.run(request).await;
    // Signing in and out redirects forms to the identity provider, so it may be a form target.
    let issuer = state
        .login
        .as_ref()
        .and_then(|login| url::Url::parse(login.issuer_url()).ok())
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' {issuer}"
    );
    let headers = response.headers_mut();
    if let Ok(policy) = HeaderValue::from_str(policy.trim_end()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `GET /healthz`: 200 while the store answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({"status": "ok"}))),
        Err(error) => {
            tracing::error!(%error, "the store does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable"})),
            )
        }
    }
}

/// Serves the application on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
