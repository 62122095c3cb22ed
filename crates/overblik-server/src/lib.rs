//! Overblik's web server.
//!
//! Handlers talk to the storage trait only; which database sits behind it is the binary's
//! choice. Routes are registered here, in one place.

pub mod access_log;
pub mod acting;
pub mod app;
pub mod certificates;
pub mod citizen_api;
pub mod contract;
pub mod cookies;
pub mod corrections;
pub mod download;
pub mod i18n;
pub mod login;
pub mod metrics;
pub mod my_log;
pub mod notify;
pub mod outbox;
pub mod pages;
pub mod problem;
pub mod provider;
pub mod rate_limit;
pub mod routes;
pub mod same_origin;
pub mod sharing;
pub mod state;

pub use app::{Application, Builder};
pub use routes::{Access, Route, Routes};
pub use state::{AppState, ServerSettings};

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router, middleware};
use problem::Problem;
use serde_json::json;
use tower_http::request_id::PropagateRequestIdLayer;
use tower_http::trace::TraceLayer;

/// The largest body any route reads unless it says otherwise, in bytes: JSON requests and
/// forms. Provider batches take `max_body_bytes`, and reports their files (the citizen API's
/// [`citizen_api::corrections::REPORT_BODY_BYTES`], the report form's own limit).
pub const SMALL_BODY_BYTES: usize = 64 * 1024;

/// The whole application: every route, with its middleware, and `mounts` beside them.
pub fn router(state: AppState, mounts: &Mounts) -> Router {
    application(state, true, mounts)
}

/// The application without `/metrics`, for a server that serves its metrics on an address of
/// their own ([`metrics_router`]).
pub fn router_without_metrics(state: AppState, mounts: &Mounts) -> Router {
    application(state, false, mounts)
}

/// `/metrics` alone, for its own listen address.
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics::endpoint::metrics))
        .with_state(state)
}

/// Routes served beside the application's own, each under its path: the development OpenID
/// provider, which the demo and the tests mount.
pub type Mounts = [(&'static str, Router)];

fn application(state: AppState, with_metrics: bool, mounts: &Mounts) -> Router {
    let (mut routes, _) = site(&state, with_metrics).into_parts();
    for (path, mounted) in mounts {
        routes = routes.nest_service(path, mounted.clone());
    }
    let routes = routes
        .fallback(unknown_path)
        // Refused (413) as the body arrives, before anything is decoded; a route that takes
        // more says so itself.
        .layer(DefaultBodyLimit::max(SMALL_BODY_BYTES));
    with_middleware(routes, state)
}

/// Every route the application answers, but what is mounted beside it, with who may call
/// it: the table the tests walk. `/metrics` is among them when it is served here.
pub fn route_table(state: &AppState) -> Vec<Route> {
    site(state, true).into_parts().1
}

fn site(state: &AppState, with_metrics: bool) -> Routes {
    let api = Routes::new()
        .nest(
            provider::PREFIX,
            provider::routes(state.settings.max_body_bytes).route_layer(
                middleware::from_fn_with_state(state.clone(), rate_limit::layer::token),
            ),
        )
        .nest(
            citizen_api::PREFIX,
            citizen_api::routes()
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    rate_limit::layer::citizen_writes,
                ))
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    same_origin::api,
                )),
        )
        .nest(my_log::PREFIX, my_log::public_routes())
        .nest(sharing::API_PREFIX, sharing::api_routes())
        .nest(
            certificates::API_PREFIX,
            certificates::api_routes()
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    rate_limit::layer::token,
                ))
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    same_origin::api,
                )),
        )
        .layer(middleware::map_response(problem::ensure_problem));
    let mut routes = Routes::new().get("/healthz", Access::Public, healthz);
    if with_metrics {
        routes = routes.get("/metrics", Access::Public, metrics::endpoint::metrics);
    }
    routes
        .merge(api)
        .merge(certificates::routes())
        // Outside the API's problem documents: OAuth clients read errors as OAuth's JSON.
        .merge(
            sharing::routes().route_layer(middleware::from_fn_with_state(
                state.clone(),
                rate_limit::layer::token,
            )),
        )
        .merge(
            login::routes()
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    rate_limit::layer::sign_in,
                ))
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    same_origin::pages,
                )),
        )
        .merge(
            pages::routes()
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    rate_limit::layer::citizen_writes,
                ))
                .route_layer(middleware::from_fn_with_state(
                    state.clone(),
                    same_origin::pages,
                )),
        )
}

/// Puts what every answer goes through around `routes`: request ids, tracing, the security
/// headers and the metrics.
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    // Under https every cookie gets the `__Host-` prefix; plain http (the demo, development)
    // cannot set such cookies, so there they keep their plain names.
    let routes = if state.settings.public_url.starts_with("https://") {
        routes.layer(middleware::from_fn(cookies::host_prefixed))
    } else {
        routes
    };
    routes
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::endpoint::track,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(middleware::from_fn(own_request_id))
        .with_state(state)
}

/// Gives every request an id of the server's own, a new UUID in `x-request-id`, in place of
/// any the client sent: the access log keeps it, so what a client chooses never reaches a
/// citizen's log. The answer carries it back.
async fn own_request_id(
    mut request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let id = uuid::Uuid::new_v4().to_string();
    if let Ok(id) = axum::http::HeaderValue::from_str(&id) {
        request.headers_mut().insert("x-request-id", id);
    }
    next.run(request).await
}

/// The span a request is logged in: its method and the template of the route it matched,
/// such as `/calendar/{file}`, never the path or query as sent, since those can carry a secret
/// (the calendar feed's token, an e-mail confirmation's).
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(no route)", axum::extract::MatchedPath::as_str);
    tracing::debug_span!(
        "request",
        method = %request.method(),
        route,
        version = ?request.version(),
    )
}

/// Under `/api` an unknown path is a problem document like every API answer; elsewhere it
/// gets the not-found page.
async fn unknown_path(
    uri: axum::extract::OriginalUri,
    page: pages::PageContext,
) -> axum::response::Response {
    if uri.path() == "/api" || uri.path().starts_with("/api/") {
        Problem::not_found().into_response()
    } else {
        pages::unknown_page(page).await
    }
}

/// Headers on every answer: no inline script or style, no framing, no sniffing, no referrer
/// leaving the site (record URLs must not travel to other sites), and no copy kept by a
/// browser or proxy cache (`Cache-Control: no-store`) of anything but the public files
/// under `/static/`: pages, JSON, exports, attachments and the calendar feed are personal.
async fn security_headers(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let public = request.uri().path().starts_with("/static/");
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
    if !public {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// `GET /healthz`: 200 while the store answers, 503 when it does not.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.core.store.ping().await {
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

/// Serves the application on `listener` until Ctrl-C or SIGTERM. Each request carries its
/// connection's peer address, which the rate limits count by.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    mounts: Vec<(&'static str, Router)>,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state, &mounts).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

/// Serves the application on `listener` and `/metrics` on `metrics` only, until Ctrl-C or
/// SIGTERM. Each request of the application carries its peer address, as with [`serve`].
pub async fn serve_apart(
    listener: tokio::net::TcpListener,
    metrics: tokio::net::TcpListener,
    state: AppState,
    mounts: Vec<(&'static str, Router)>,
) -> std::io::Result<()> {
    let metrics = axum::serve(metrics, metrics_router(state.clone()))
        .with_graceful_shutdown(shutdown_signal());
    let application = axum::serve(
        listener,
        router_without_metrics(state, &mounts)
            .into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal());
    tokio::try_join!(
        async move { metrics.await },
        async move { application.await }
    )?;
    Ok(())
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
