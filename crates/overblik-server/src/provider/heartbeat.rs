//! An authority with nothing new says so, so that citizens are not told its information may
//! be out of date.

use crate::problem::Problem;
use crate::provider::token::AuthenticatedProvider;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Say that everything the authority holds has been delivered: its information counts as
/// current from now, as after a batch. Call it at the end of each run that had nothing to
/// send, at least as often as the registration's `stale_after_days` promises.
#[utoipa::path(operation_id = "heartbeat", post, path = "/heartbeat", tag = "records", security(("bearer" = [])),
    responses((status = 204, description = "Noted"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json")))]
pub async fn heartbeat(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
) -> Result<Response, Problem> {
    state.core.heartbeat(&provider).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
