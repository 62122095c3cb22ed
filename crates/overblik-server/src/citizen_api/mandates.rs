//! Powers of attorney in the citizen API, under `/api/citizen/v1/mandates` and
//! `/api/citizen/v1/acting`; their rules are `overblik_core::mandates`.

use crate::access_log::described;
use crate::acting::{ActingChoice, Holder, Reach, Representation, Viewer, local_today};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::PrivateCookieJar;
use chrono::{DateTime, NaiveDate, Utc};
use overblik_core::mandates::{Change, GrantRequest, OwnMandates};
use overblik_model::{
    FieldError, Mandate, MandateId, MandateState, Permission, Pointer, Scope, SubjectKey,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A power of attorney as its parties see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MandateView {
    #[schema(value_type = String, format = Uuid)]
    pub id: MandateId,
    /// `given` by the signed-in citizen, or `held` by them.
    pub role: &'static str,
    pub grantor_name: String,
    pub holder_name: String,
    pub scope: Scope,
    pub permission: Permission,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub state: MandateState,
    pub granted_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub first_used_at: Option<DateTime<Utc>>,
}

impl MandateView {
    /// `mandate` as the citizen `party` sees it on `today`.
    fn of(mandate: &Mandate, party: &SubjectKey, today: NaiveDate) -> Self {
        Self {
            id: mandate.id,
            role: if mandate.grantor == *party {
                "given"
            } else {
                "held"
            },
            grantor_name: mandate.grantor_name.clone(),
            holder_name: mandate.holder_name.clone(),
            scope: mandate.scope.clone(),
            permission: mandate.permission,
            valid_from: mandate.valid_from,
            valid_until: mandate.valid_until,
            state: mandate.state(today),
            granted_at: mandate.granted_at,
            accepted_at: mandate.accepted_at,
            revoked_at: mandate.revoked_at,
            first_used_at: mandate.first_used_at,
        }
    }
}

/// Someone the citizen may act for today.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentationView {
    /// What to send to `PUT /acting`: `poa-ID` or `custody-ID`.
    pub basis: String,
    /// `power_of_attorney` or `parental_custody`.
    pub kind: &'static str,
    pub name: Option<String>,
    /// The scope, for a power of attorney; none means everything (custody).
    pub scope: Option<Scope>,
    pub permission: Permission,
    /// The last day it gives access.
    pub until: NaiveDate,
}

impl RepresentationView {
    pub fn of(representation: &Representation) -> Self {
        Self {
            basis: representation.basis.to_string(),
            kind: representation.basis.purpose().code(),
            name: representation.subject_name.clone(),
            scope: match &representation.reach {
                Reach::Everything => None,
                Reach::Within(scope) => Some(scope.clone()),
            },
            permission: representation.permission,
            until: representation.last_day,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MandatesView {
    /// Given by the citizen, newest first; ended ones stay for 15 months.
    pub given: Vec<MandateView>,
    /// Given to the citizen, newest first; ended ones stay for 15 months.
    pub held: Vec<MandateView>,
    /// Everyone the citizen may act for today.
    pub can_act_for: Vec<RepresentationView>,
}

impl MandatesView {
    /// The citizen `me`'s own powers of attorney as they see them on `today`.
    pub fn of(own: &OwnMandates, me: &SubjectKey, today: NaiveDate) -> Self {
        let views = |mandates: &[Mandate]| {
            mandates
                .iter()
                .map(|mandate| MandateView::of(mandate, me, today))
                .collect()
        };
        Self {
            given: views(&own.given),
            held: views(&own.held),
            can_act_for: own.can_act_for.iter().map(RepresentationView::of).collect(),
        }
    }
}

/// The citizen's own powers of attorney, given and held, and whom they may act for.
#[utoipa::path(get, path = "/mandates", tag = "mandates",
    responses((status = 200, body = MandatesView), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn list(State(state): State<AppState>, holder: Holder) -> Result<Response, Problem> {
    let viewer = &holder.viewer;
    let own = state.core.own_mandates(viewer).await?;
    let logged = viewer.log_own_read(&state, described("mandates")).await?;
    let (me, today) = (&viewer.session.subject, local_today(Utc::now()));
    let view = logged.disclose(MandatesView::of(&own, me, today));
    Ok(holder.answer(super::answer(view).into_response()))
}

/// Gives a power of attorney over the citizen's own data. The holder must accept it.
#[utoipa::path(post, path = "/mandates", tag = "mandates", request_body = GrantRequest,
    responses((status = 201, body = MandateView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn grant(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<GrantRequest>,
) -> Result<Response, Problem> {
    let mandate = state.core.grant_mandate(&viewer, &request).await?;
    let view = MandateView::of(&mandate, &mandate.grantor, local_today(Utc::now()));
    Ok((StatusCode::CREATED, Json(view)).into_response())
}

/// The holder accepts a power of attorney given to them.
#[utoipa::path(post, path = "/mandates/{id}/accept", tag = "mandates",
    params(("id" = String, Path, description = "The power of attorney's id")),
    responses((status = 200, body = MandateView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn accept(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<MandateView>, Problem> {
    change_by_api(&state, &viewer, &id, Change::Accept).await
}

/// The grantor (or the holder) ends a power of attorney, at once.
#[utoipa::path(post, path = "/mandates/{id}/revoke", tag = "mandates",
    params(("id" = String, Path, description = "The power of attorney's id")),
    responses((status = 200, body = MandateView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<MandateView>, Problem> {
    change_by_api(&state, &viewer, &id, Change::Revoke).await
}

/// A change by the API: only from the citizen themselves.
async fn change_by_api(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    change: Change,
) -> Result<Json<MandateView>, Problem> {
    let me = &viewer.session.subject;
    let mandate = state.core.change_mandate(viewer, change, id).await?;
    Ok(Json(MandateView::of(&mandate, me, local_today(Utc::now()))))
}

/// Whom the citizen acts for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActingView {
    /// None while the citizen sees their own data.
    pub acting_for: Option<RepresentationView>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ActRequest {
    /// A `basis` from `GET /mandates`'s `can_act_for`.
    pub basis: String,
}

/// Whom the citizen acts for now, if anyone.
#[utoipa::path(get, path = "/acting", tag = "mandates",
    responses((status = 200, body = ActingView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
pub async fn current(holder: Holder) -> Response {
    let view = Json(ActingView {
        acting_for: holder
            .viewer
            .acting
            .as_ref()
            .map(|acting| RepresentationView::of(&acting.representation)),
    });
    holder.answer(view.into_response())
}

/// Starts acting for someone: every later request (pages and API) shows their data, within
/// what the power of attorney or custody allows, and is logged in their My Log.
#[utoipa::path(put, path = "/acting", tag = "mandates", request_body = ActRequest,
    responses((status = 200, body = ActingView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn act(
    State(state): State<AppState>,
    session: crate::login::session::CitizenSession,
    jar: PrivateCookieJar,
    Json(request): Json<ActRequest>,
) -> Result<Response, Problem> {
    let (cookie, representation) = crate::acting::start_acting(&state, &session, &request.basis)
        .await?
        .ok_or_else(|| {
            Problem::invalid_fields(vec![FieldError {
                pointer: Pointer::root().key("basis"),
                detail: "names no one you may act for today".to_owned(),
            }])
        })?;
    let view = ActingView {
        acting_for: Some(RepresentationView::of(&representation)),
    };
    Ok((jar.add(cookie), Json(view)).into_response())
}

/// Stops acting for someone: the citizen sees their own data again.
#[utoipa::path(delete, path = "/acting", tag = "mandates",
    responses((status = 204), (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn stop(
    _session: crate::login::session::CitizenSession,
    jar: PrivateCookieJar,
) -> Result<Response, Problem> {
    Ok((jar.remove(ActingChoice::removal()), StatusCode::NO_CONTENT).into_response())
}
