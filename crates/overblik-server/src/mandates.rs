//! Powers of attorney: granting, accepting, listing and revoking them, and choosing whom to
//! act for. The rules live here once, for the pages and for the JSON API under
//! `/api/citizen/v1/mandates` and `/api/citizen/v1/acting`.

use crate::access_log::described;
use crate::acting::{
    self, ActingChoice, Basis, Holder, Reach, Representation, Viewer, danish_today, register_name,
};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::PrivateCookieJar;
use chrono::{DateTime, NaiveDate, Utc};
use overblik_ledger::Channel;
use overblik_model::{
    Area, FieldError, Kind, Mandate, MandateId, MandateState, NationalId, Permission, Pointer,
    Scope, SubjectKey,
};
use overblik_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest name a grantor may write for the holder.
const MAX_NAME: usize = 100;

/// A power of attorney as the grantor asks for it, field by field as a form or a JSON body
/// gives it; every field is checked, and every wrong one named.
#[derive(Default, Deserialize, ToSchema)]
pub struct GrantRequest {
    /// The holder's national identifier (CPR number, DDMMYY-SSSS). Turned into a key at
    /// once; never stored, shown or repeated in an error.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = r"^(?:(?:0[1-9]|[12][0-9]|3[01])(?:0[13578]|1[02])|(?:0[1-9]|[12][0-9]|30)(?:0[469]|11)|(?:0[1-9]|[12][0-9])02)[0-9]{2}-?[0-9]{4}$"
    )]
    pub holder_national_id: String,
    /// The holder's name, as the grantor knows them: one line of at most 100 characters.
    #[serde(default)]
    #[schema(
        required = true,
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub holder_name: String,
    /// The life areas the holder may see, at least one.
    #[serde(default)]
    #[schema(required = true, value_type = Vec<Area>, min_items = 1)]
    pub areas: Vec<String>,
    /// The kinds of record the holder may see, at least one.
    #[serde(default)]
    #[schema(required = true, value_type = Vec<Kind>, min_items = 1)]
    pub kinds: Vec<String>,
    /// `read` or `read_and_act`.
    #[serde(default)]
    #[schema(required = true, value_type = Permission)]
    pub permission: String,
    /// The first day (YYYY-MM-DD, Danish time), today or later.
    #[serde(default)]
    #[schema(required = true, value_type = NaiveDate)]
    pub valid_from: String,
    /// The last day (YYYY-MM-DD, Danish time), inclusive; not before `valid_from`.
    #[serde(default)]
    #[schema(required = true, value_type = NaiveDate)]
    pub valid_until: String,
}

impl std::fmt::Debug for GrantRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrantRequest")
            .field("holder_national_id", &"(redacted)")
            .field("areas", &self.areas)
            .field("kinds", &self.kinds)
            .field("permission", &self.permission)
            .field("valid_from", &self.valid_from)
            .field("valid_until", &self.valid_until)
            .finish_non_exhaustive()
    }
}

/// Why a grant was not made.
#[derive(Debug)]
pub enum GrantRefused {
    /// The fields that must be corrected; nothing was stored.
    Fields(Vec<FieldError>),
    /// The request came from someone acting for another: a holder cannot grant onward.
    Onward,
    Store(StoreError),
}

impl From<StoreError> for GrantRefused {
    fn from(error: StoreError) -> Self {
        Self::Store(error)
    }
}

impl From<GrantRefused> for Problem {
    fn from(refused: GrantRefused) -> Self {
        match refused {
            GrantRefused::Fields(errors) => Problem::invalid_fields(errors),
            GrantRefused::Onward => no_onward_grant(),
            GrantRefused::Store(error) => Problem::from(error),
        }
    }
}

/// A holder acting for someone cannot grant onward, nor accept or revoke on their behalf.
pub fn no_onward_grant() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "acting-for-another",
        "Powers of attorney cannot be given, accepted or revoked while acting for someone else",
    )
    .detail("stop acting for the other person first; only your own data is yours to share")
}

/// Grants the power of attorney `request` asks for, from the signed-in citizen's own data.
pub async fn grant_mandate(
    state: &AppState,
    viewer: &Viewer,
    request: &GrantRequest,
) -> Result<Mandate, GrantRefused> {
    if viewer.acting.is_some() {
        return Err(GrantRefused::Onward);
    }
    let grantor = viewer.session.subject;
    let now = Utc::now();
    let today = danish_today(now);
    let mut errors = Vec::new();
    let mut wrong = |field: &str, detail: &str| {
        errors.push(FieldError {
            pointer: Pointer::root().key(field),
            detail: detail.to_owned(),
        });
    };
    let holder = match request.holder_national_id.trim().parse::<NationalId>() {
        Ok(id) => {
            let holder = state.settings.subject_key_secret.subject_key(&id);
            if holder == grantor {
                wrong(
                    "holder_national_id",
                    "is your own; give the power of attorney to someone else",
                );
            }
            Some(holder)
        }
        Err(error) => {
            wrong("holder_national_id", &error.to_string());
            None
        }
    };
    let holder_name = request.holder_name.trim();
    if holder_name.is_empty() {
        wrong(
            "holder_name",
            "is required: the name of the person you trust",
        );
    } else if holder_name.chars().count() > MAX_NAME || holder_name.chars().any(char::is_control) {
        wrong(
            "holder_name",
            &format!("must be at most {MAX_NAME} characters on one line"),
        );
    }
    let areas: Vec<Area> = request
        .areas
        .iter()
        .filter_map(|area| area.parse().ok())
        .collect();
    if areas.len() != request.areas.len() {
        wrong("areas", "names a life area that does not exist");
    } else if areas.is_empty() {
        wrong("areas", "must name at least one life area");
    }
    let kinds: Vec<Kind> = request
        .kinds
        .iter()
        .filter_map(|kind| kind.parse().ok())
        .collect();
    if kinds.len() != request.kinds.len() {
        wrong("kinds", "names a kind of record that does not exist");
    } else if kinds.is_empty() {
        wrong("kinds", "must name at least one kind of record");
    }
    let permission = request.permission.parse::<Permission>();
    if let Err(detail) = &permission {
        wrong("permission", detail);
    }
    let day = |value: &str| NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
    let valid_from = day(&request.valid_from);
    match valid_from {
        None => wrong("valid_from", "must be a date written YYYY-MM-DD"),
        Some(from) if from < today => wrong("valid_from", "must be today or later"),
        Some(_) => {}
    }
    let valid_until = day(&request.valid_until);
    match (valid_from, valid_until) {
        (_, None) => wrong("valid_until", "must be a date written YYYY-MM-DD"),
        (Some(from), Some(until)) if until < from => {
            wrong("valid_until", "must not be before valid_from");
        }
        _ => {}
    }
    let scope = Scope::new(areas, kinds);
    let (Some(holder), Some(scope), Ok(permission), Some(valid_from), Some(valid_until), true) = (
        holder,
        scope,
        permission,
        valid_from,
        valid_until,
        errors.is_empty(),
    ) else {
        return Err(GrantRefused::Fields(errors));
    };
    let mandate = Mandate {
        id: MandateId::random(),
        grantor,
        grantor_name: register_name(&state.core, &grantor)
            .await?
            .unwrap_or_default(),
        holder,
        holder_name: holder_name.to_owned(),
        scope,
        permission,
        valid_from,
        valid_until,
        granted_at: now,
        accepted_at: None,
        revoked_at: None,
        first_used_at: None,
    };
    state.store.put_mandate(&mandate).await?;
    tracing::info!(mandate = %mandate.id, "a power of attorney was given");
    Ok(mandate)
}

/// The signed-in citizen's own powers of attorney, given and held, that are still listed
/// (ended ones for 15 months), and everyone they may act for today.
#[derive(Debug)]
pub struct OwnMandates {
    pub given: Vec<Mandate>,
    pub held: Vec<Mandate>,
    pub can_act_for: Vec<Representation>,
}

pub async fn own_mandates(state: &AppState, viewer: &Viewer) -> Result<OwnMandates, StoreError> {
    let me = viewer.session.subject;
    let today = danish_today(Utc::now());
    let (mandates, can_act_for) = tokio::try_join!(
        state.store.mandates_of(&me),
        acting::representations(&state.core, &me, today)
    )?;
    let (given, held) = mandates
        .into_iter()
        .filter(|mandate| mandate.is_listed(today))
        .partition(|mandate| mandate.grantor == me);
    Ok(OwnMandates {
        given,
        held,
        can_act_for,
    })
}

/// The citizen's powers of attorney first used by their holder since `since`, for the
/// notice on the grantor's overview.
pub async fn first_used_since(
    state: &AppState,
    viewer: &Viewer,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<Mandate>, StoreError> {
    if viewer.acting.is_some() {
        return Ok(Vec::new());
    }
    let me = viewer.session.subject;
    let mut mandates = state.store.mandates_of(&me).await?;
    mandates.retain(|mandate| {
        mandate.grantor == me
            && mandate
                .first_used_at
                .is_some_and(|used| since.is_none_or(|since| used > since))
    });
    Ok(mandates)
}

/// Whether a state-changing request may go ahead: only from the citizen themselves (a holder
/// acting for someone changes nothing of theirs).
fn refuse_change(viewer: &Viewer) -> Option<Problem> {
    viewer.acting.is_some().then(no_onward_grant)
}

/// Maps a store's answer to a change of a mandate to the citizen's words.
pub fn change_refused(error: StoreError) -> Problem {
    match error {
        StoreError::NotFound => Problem::not_found(),
        StoreError::Conflict(_) => Problem::new(
            StatusCode::CONFLICT,
            "mandate-settled",
            "The power of attorney was accepted or ended before",
        ),
        other => Problem::from(other),
    }
}

/// What a party does to a power of attorney once it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The holder accepts it.
    Accept,
    /// The grantor revokes it, or the holder gives it up.
    Revoke,
}

impl Change {
    /// Makes the change as the citizen `party`, now; `NotFound` if the mandate is not
    /// theirs to change, `Conflict` if it was settled before.
    pub async fn apply(
        self,
        state: &AppState,
        party: &SubjectKey,
        id: &MandateId,
    ) -> Result<Mandate, StoreError> {
        let now = Utc::now();
        let changed = match self {
            Self::Accept => state.store.accept_mandate(id, party, now).await?,
            Self::Revoke => state.store.revoke_mandate(id, party, now).await?,
        };
        tracing::info!(mandate = %id, change = ?self, "a power of attorney was changed");
        Ok(changed)
    }
}

// ---- the JSON API ----

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

/// The citizen's own powers of attorney, given and held, and whom they may act for.
#[utoipa::path(get, path = "/mandates", tag = "mandates",
    responses((status = 200, body = MandatesView), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    holder: Holder,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let viewer = &holder.viewer;
    let own = own_mandates(&state, viewer).await?;
    let logged = log_own(&state, viewer, &headers).await?;
    let (me, today) = (&viewer.session.subject, danish_today(Utc::now()));
    let views = |mandates: &[Mandate]| {
        mandates
            .iter()
            .map(|mandate| MandateView::of(mandate, me, today))
            .collect()
    };
    let view = logged.disclose(MandatesView {
        given: views(&own.given),
        held: views(&own.held),
        can_act_for: own.can_act_for.iter().map(RepresentationView::of).collect(),
    });
    Ok(holder.answer(crate::citizen_api::answer(view).into_response()))
}

/// Logs the citizen reading their own powers of attorney.
async fn log_own(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
) -> Result<overblik_core::Logged, Problem> {
    state
        .log_own_read(
            &viewer.session.subject,
            Channel::Api,
            headers,
            described("mandates"),
        )
        .await
        .map_err(Problem::from)
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
    if let Some(refused) = refuse_change(&viewer) {
        return Err(refused);
    }
    let mandate = grant_mandate(&state, &viewer, &request).await?;
    let view = MandateView::of(&mandate, &mandate.grantor, danish_today(Utc::now()));
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
    if let Some(refused) = refuse_change(viewer) {
        return Err(refused);
    }
    let id: MandateId = id.parse().map_err(|_| Problem::not_found())?;
    let me = &viewer.session.subject;
    let mandate = change.apply(state, me, &id).await.map_err(change_refused)?;
    Ok(Json(MandateView::of(
        &mandate,
        me,
        danish_today(Utc::now()),
    )))
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
    session: crate::login::CitizenSession,
    jar: PrivateCookieJar,
    Json(request): Json<ActRequest>,
) -> Result<Response, Problem> {
    let (cookie, representation) = start_acting(&state, &session, &request.basis)
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
    _session: crate::login::CitizenSession,
    jar: PrivateCookieJar,
) -> Result<Response, Problem> {
    Ok((jar.remove(ActingChoice::removal()), StatusCode::NO_CONTENT).into_response())
}

/// The cookie that makes the signed-in citizen act on `basis`, if it gives them access today;
/// the holder's own name from the register goes with it, for the subject's log.
pub async fn start_acting(
    state: &AppState,
    session: &crate::login::CitizenSession,
    basis: &str,
) -> Result<Option<(axum_extra::extract::cookie::Cookie<'static>, Representation)>, Problem> {
    let Ok(basis) = basis.parse::<Basis>() else {
        return Ok(None);
    };
    let holder = &session.0.subject;
    let today = danish_today(Utc::now());
    let Some(representation) = acting::representation(&state.core, holder, basis, today).await?
    else {
        return Ok(None);
    };
    let holder_name = match &representation.holder_name {
        Some(name) => name.clone(),
        None => register_name(&state.core, holder)
            .await?
            .unwrap_or_default(),
    };
    let secure = state.settings.public_url.starts_with("https://");
    tracing::info!(basis = %basis, "a citizen acts for another");
    Ok(Some((
        ActingChoice::cookie(basis, &holder_name, secure),
        representation,
    )))
}
