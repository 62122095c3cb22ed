//! The metrics over HTTP: `GET /metrics`, and the middleware that counts and times every
//! request.

use super::{RequestLabels, method_label};
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use std::time::Instant;

/// `GET /metrics`: the Prometheus text format.
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let now = Utc::now();
    match state.core.store.outbox_stats(now).await {
        Ok(stats) => state.metrics.set_outbox(&stats, now),
        Err(error) => tracing::error!(%error, "the outbox's queue could not be read"),
    }
    match state.core.store.webhook_backlog(now).await {
        Ok((due, waiting)) => {
            let count = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
            state.metrics.webhooks_due.set(count(due));
            state.metrics.webhooks_waiting.set(count(waiting));
        }
        Err(error) => tracing::error!(%error, "the webhook queue could not be read"),
    }
    let ledger = &state.core.ledger;
    state
        .metrics
        .log_integrator
        .set(i64::from(ledger.is_integrator()));
    state
        .metrics
        .log_size
        .set(i64::try_from(ledger.size()).unwrap_or(i64::MAX));
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
}

/// Middleware counting and timing every request by its route pattern (never its concrete path).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let labels = RequestLabels {
        method,
        route,
        status: response.status().as_u16(),
    };
    state.metrics.requests.get_or_create(&labels).inc();
    state
        .metrics
        .request_seconds
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    response
}
