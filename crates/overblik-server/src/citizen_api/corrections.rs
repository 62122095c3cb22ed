//! The citizen API of correction requests, under `/api/citizen/v1/`: report an error on a
//! record, list and follow the requests, withdraw one, fetch an attachment.

use super::{PREFIX, answer};
use crate::acting::Viewer;
use crate::corrections::{
    AttachmentView, ReporterView, StepView, attachment_of, attachment_response,
};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use overblik_core::corrections::{
    ReportRequest, Reported, decode_uploads, record_shows_correction, requests_read,
};
use overblik_model::correction::{CorrectionKind, FieldCorrection};
use overblik_model::values::Version;
use overblik_model::{Correction, CorrectionId, CorrectionState, RecordId};
use overblik_store::StoredRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// A correction request as the citizen follows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionView {
    #[schema(value_type = String, format = Uuid)]
    pub id: CorrectionId,
    pub state: CorrectionState,
    /// The record it is about.
    #[schema(value_type = String, format = Uuid)]
    pub record: RecordId,
    pub record_title: String,
    /// The authority it went to.
    pub authority: String,
    pub kind: CorrectionKind,
    pub explanation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldCorrection>,
    pub attachments: Vec<AttachmentView>,
    pub reported_by: ReporterView,
    /// Every step, oldest first, each with its time.
    pub steps: Vec<StepView>,
    /// The record's version that carries the correction, where the authority named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_version: Option<Version>,
    /// Whether the record in Overblik already carries the correction.
    pub record_shows_correction: bool,
    /// How many days the authority usually takes to answer, where it has answered enough
    /// requests to tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usual_answer_days: Option<i64>,
}

impl CorrectionView {
    pub async fn of(
        state: &AppState,
        correction: &Correction,
        record: Option<&StoredRecord>,
    ) -> Result<Self, overblik_core::Error> {
        let provider = async {
            let provider = state.core.store.provider(&correction.provider).await;
            provider.map_err(overblik_core::Error::from)
        };
        let usual = state.core.usual_answer_time(&correction.provider);
        let (provider, usual) = tokio::try_join!(provider, usual)?;
        Ok(Self {
            id: correction.id,
            state: correction.state(),
            record: correction.record,
            record_title: record.map_or_else(
                || correction.record_title.clone(),
                |stored| {
                    stored
                        .record
                        .title_in(overblik_model::Country::current().language())
                        .to_owned()
                },
            ),
            authority: provider.name,
            kind: correction.kind,
            explanation: correction.explanation.clone(),
            field: correction.field.clone(),
            attachments: AttachmentView::list(correction, &format!("{PREFIX}/corrections")),
            reported_by: ReporterView::from(&correction.reporter),
            steps: correction.steps.iter().map(StepView::from).collect(),
            corrected_version: correction.corrected_version,
            record_shows_correction: record_shows_correction(correction, record),
            usual_answer_days: usual.map(|took| took.num_days().max(1)),
        })
    }
}

/// The largest report the citizen API reads, in bytes: the most and largest files allowed,
/// each in base64 (4 characters for every 3 bytes), and 1 MiB for the text and the JSON
/// around them. Larger bodies are refused (413) while they arrive, before any is decoded.
pub const REPORT_BODY_BYTES: usize = overblik_model::correction::MAX_ATTACHMENTS
    * overblik_model::correction::MAX_ATTACHMENT_BYTES.div_ceil(3)
    * 4
    + 1024 * 1024;

/// Report that a record is wrong or that something is missing.
///
/// The authority that holds the record receives the request; follow it at
/// `/corrections/{id}`. Nothing is stored unless every field is right. The same report as
/// one still open (same record, words and files) answers 200 with that one, stored once.
/// Limits: a few open reports per record and in all (409 past them, until one is answered or
/// withdrawn), and reports and attachment bytes per 24 hours (429 with `Retry-After`).
#[utoipa::path(operation_id = "create_correction", post, path = "/records/{id}/corrections", tag = "corrections",
    params(("id" = String, Path, description = "The record's id in Overblik")),
    request_body = ReportRequest,
    responses((status = 201, body = CorrectionView),
        (status = 200, description = "The same report is already open: this is it", body = CorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Too many reports wait for an answer", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many reports or attachment bytes in 24 hours; see Retry-After", body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn create(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Json(request): Json<ReportRequest>,
) -> Result<Response, Problem> {
    let id: RecordId = id.parse().map_err(|_| Problem::not_found())?;
    let mut errors = Vec::new();
    let uploads = decode_uploads(&request.attachments, &mut errors);
    let reported = state
        .core
        .report(&viewer, &id, &request, uploads, errors)
        .await?;
    let record = viewer.record(&state, &id).await.ok();
    let view = CorrectionView::of(&state, reported.correction(), record.as_ref()).await?;
    let status = match reported {
        Reported::New(_) => StatusCode::CREATED,
        Reported::Existing(_) => StatusCode::OK,
    };
    let location = format!("{PREFIX}/corrections/{}", view.id);
    Ok((status, [(header::LOCATION, location)], Json(view)).into_response())
}

/// The citizen's correction requests, newest first.
#[utoipa::path(operation_id = "list_corrections", get, path = "/corrections", tag = "corrections",
    responses((status = 200, body = Vec<CorrectionView>),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<Vec<CorrectionView>>, Problem> {
    let requests = state.core.own_requests(&viewer).await?;
    let mut views = Vec::with_capacity(requests.len());
    for request in &requests {
        let record = viewer.record(&state, &request.record).await.ok();
        views.push(CorrectionView::of(&state, request, record.as_ref()).await?);
    }
    let logged = viewer.log_read(&state, requests_read(&requests)).await?;
    Ok(answer(logged.disclose(views)))
}

/// One correction request, with every step and the authority's answer.
#[utoipa::path(operation_id = "get_correction", get, path = "/corrections/{id}", tag = "corrections",
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = CorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<CorrectionView>, Problem> {
    let id: CorrectionId = id.parse().map_err(|_| Problem::not_found())?;
    let (correction, record) = state.core.own_request(&viewer, &id).await?;
    let view = CorrectionView::of(&state, &correction, record.as_ref()).await?;
    let logged = viewer
        .log_read(&state, requests_read([&correction]))
        .await?;
    Ok(answer(logged.disclose(view)))
}

/// Withdraw a correction request the authority has not answered yet; it is told.
#[utoipa::path(operation_id = "withdraw_correction", post, path = "/corrections/{id}/withdraw", tag = "corrections",
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = CorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn withdraw(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Json<CorrectionView>, Problem> {
    let id: CorrectionId = id.parse().map_err(|_| Problem::not_found())?;
    let (correction, record) = state.core.withdraw_request(&viewer, &id).await?;
    Ok(Json(
        CorrectionView::of(&state, &correction, record.as_ref()).await?,
    ))
}

/// One attachment of a request, as a download.
#[utoipa::path(operation_id = "get_correction_attachment", get, path = "/corrections/{id}/attachments/{attachment}", tag = "corrections",
    params(("id" = String, Path, description = "The request's id"),
        ("attachment" = String, Path, description = "The attachment's id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn attachment(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, Problem> {
    let id: CorrectionId = id.parse().map_err(|_| Problem::not_found())?;
    let (correction, _) = state.core.own_request(&viewer, &id).await?;
    let attachment = attachment_of(&correction, &attachment).ok_or_else(Problem::not_found)?;
    let bytes = state
        .core
        .store
        .correction_attachment(&correction.id, &attachment.id)
        .await?;
    let logged = viewer
        .log_read(&state, requests_read([&correction]))
        .await?;
    Ok(attachment_response(
        attachment,
        logged.disclose(bytes).into_inner(),
    ))
}
