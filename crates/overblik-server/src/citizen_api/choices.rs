//! The citizen's own arrangement of their overview, as the arranging page and its forms
//! change it: areas pinned, moved and hidden, records pinned, recommendations hidden and life
//! events chosen. Each change answers the choices as they are after it. Someone acting for
//! another is refused (403): the arrangement is the citizen's own.

use crate::acting::Viewer;
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use overblik_model::{Area, AreaMove, FieldError, OverviewChoices, RecordId};
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

/// How to move a life area.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaMoveRequest {
    /// `pin` to the top, `unpin`, `up` or `down` past the neighbour shown beside it, `hide`
    /// from the overview (it stays reachable) or `show` again.
    #[serde(rename = "move")]
    pub how: AreaMove,
}

/// A recommendation to hide.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideRequest {
    /// The recommendation's `key`, as `GET /recommendations` gives it.
    #[schema(max_length = 160)]
    pub key: String,
}

/// The citizen's choices about their overview.
#[utoipa::path(get, path = "/overview/choices", tag = "citizen",
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn read(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<OverviewChoices>, Problem> {
    Ok(Json(state.core.own_overview_choices(&viewer).await?))
}

/// Pins, moves, hides or shows a life area.
#[utoipa::path(post, path = "/overview/areas/{area}", tag = "citizen", request_body = AreaMoveRequest,
    params(("area" = Area, Path, description = "A life area")),
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such life area", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The body is not one move, naming `/move`", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn move_area(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(area): Path<String>,
    Json(request): Json<Value>,
) -> Result<Json<OverviewChoices>, Problem> {
    let area: Area = area.parse().map_err(|_| Problem::not_found())?;
    let request: AreaMoveRequest = field_by_field(request, "move", MOVES)?;
    let changed = state
        .core
        .change_overview_choices(&viewer, |choices| choices.move_area(area, request.how));
    Ok(Json(changed.await?))
}

const MOVES: &str = "must be one of pin, unpin, up, down, hide, show";

/// Reads a body of one member, `field`, naming it (with `detail`) when it is missing or
/// wrong, and naming any other member, so that a wrong body is told precisely.
fn field_by_field<T: serde::de::DeserializeOwned>(
    body: Value,
    field: &str,
    detail: &str,
) -> Result<T, Problem> {
    let Value::Object(members) = &body else {
        return Err(Problem::invalid_fields(vec![FieldError::at(
            field,
            "is missing: the body must be a JSON object",
        )]));
    };
    let mut errors: Vec<FieldError> = members
        .keys()
        .filter(|name| name.as_str() != field)
        .map(|name| FieldError::at(name, "is not a field of this request"))
        .collect();
    let own: serde_json::Map<String, Value> = members
        .iter()
        .filter(|(name, _)| name.as_str() == field)
        .map(|(name, value)| (name.clone(), value.clone()))
        .collect();
    match serde_json::from_value(Value::Object(own)) {
        Ok(read) if errors.is_empty() => Ok(read),
        Ok(_) => Err(Problem::invalid_fields(errors)),
        Err(_) => {
            errors.push(FieldError::at(field, detail));
            Err(Problem::invalid_fields(errors))
        }
    }
}

/// Pins one of the citizen's records to the top of their overview (the oldest pin goes past
/// twelve).
#[utoipa::path(put, path = "/overview/pins/{id}", tag = "citizen",
    params(("id" = String, Path, format = Uuid, description = "The record's id")),
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record of the citizen's", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn pin(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<OverviewChoices>, Problem> {
    pinned(&state, &viewer, &id, true).await
}

/// Unpins a record; one not pinned changes nothing.
#[utoipa::path(delete, path = "/overview/pins/{id}", tag = "citizen",
    params(("id" = String, Path, format = Uuid, description = "The record's id")),
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a record id", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn unpin(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<OverviewChoices>, Problem> {
    pinned(&state, &viewer, &id, false).await
}

/// Pins or unpins a record by the id in the path; a path that is no record id is no record.
async fn pinned(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    pin: bool,
) -> Result<Json<OverviewChoices>, Problem> {
    let record: RecordId = id.parse().map_err(|_| Problem::not_found())?;
    Ok(Json(state.core.pin_record(viewer, record, pin).await?))
}

const NOT_A_KEY: &str = "is not the key of a recommendation";

/// Hides a recommendation for good: the same advice about the same record never shows again.
#[utoipa::path(post, path = "/recommendations/hidden", tag = "citizen", request_body = HideRequest,
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the key of a recommendation", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn hide(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<Value>,
) -> Result<Json<OverviewChoices>, Problem> {
    let request: HideRequest = field_by_field(request, "key", NOT_A_KEY)?;
    if !state.settings.overview_rules.is_hiding_key(&request.key) {
        return Err(Problem::invalid_fields(vec![FieldError::at(
            "key", NOT_A_KEY,
        )]));
    }
    let changed = state
        .core
        .change_overview_choices(&viewer, |choices| choices.dismiss(&request.key));
    Ok(Json(changed.await?))
}

/// Says the citizen is going through a life event, so its page and the overview show it.
#[utoipa::path(put, path = "/life-events/{id}/chosen", tag = "citizen",
    params(("id" = String, Path, description = "The life event's id, as `GET /life-events` gives it")),
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such life event", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn choose_event(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<OverviewChoices>, Problem> {
    chosen(&state, &viewer, &id, true).await
}

/// Says the citizen is no longer going through a life event they chose.
#[utoipa::path(delete, path = "/life-events/{id}/chosen", tag = "citizen",
    params(("id" = String, Path, description = "The life event's id, as `GET /life-events` gives it")),
    responses((status = 200, body = OverviewChoices),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Acting for someone else", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such life event", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn unchoose_event(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<OverviewChoices>, Problem> {
    chosen(&state, &viewer, &id, false).await
}

async fn chosen(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    chosen: bool,
) -> Result<Json<OverviewChoices>, Problem> {
    let event = state
        .settings
        .overview_rules
        .event(id)
        .ok_or_else(Problem::not_found)?;
    let changed = state
        .core
        .change_overview_choices(viewer, |choices| choices.choose_event(&event.id, chosen));
    Ok(Json(changed.await?))
}
