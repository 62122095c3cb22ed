//! Certificates in the citizen API, under `/api/citizen/v1/certificates`: the catalogue,
//! what a certificate would attest, issuing, the citizen's certificates in both signed forms,
//! and revoking. The rules are `overblik_core::certificates`.

use super::LanguageParam;
use crate::access_log::described;
use crate::acting::Viewer;
use crate::certificates::document::{self, Download};
use crate::certificates::view::{CertificateView, FieldView};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, Utc};
use overblik_core::certificates::{Choice, Draft};
use overblik_model::{CertificateTypeId, FieldError, Language, RecordId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A type of certificate the citizen may ask for.
#[derive(Debug, Serialize, ToSchema)]
pub struct TypeView {
    pub id: String,
    pub title: String,
    pub attests: String,
    /// Whether it takes a period (`period_from`, `period_to`).
    pub takes_period: bool,
    /// Whether it takes one of the citizen's cases (`case`).
    pub takes_case: bool,
    /// How many days an issued one holds.
    pub valid_days: u32,
}

/// The catalogue of certificate types.
#[utoipa::path(get, path = "/certificates/types", operation_id = "certificate_types",
    tag = "certificates", params(LanguageParam),
    responses((status = 200, body = Vec<TypeView>),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn types(
    State(state): State<AppState>,
    _viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Json<Vec<TypeView>> {
    let language = language.language();
    Json(
        state
            .core
            .issuer
            .types
            .all()
            .iter()
            .map(|kind| TypeView {
                id: kind.id.to_string(),
                title: kind.title.get(language).to_owned(),
                attests: kind.attests.get(language).to_owned(),
                takes_period: kind.rule.takes_period(),
                takes_case: kind.rule.takes_case(),
                valid_days: kind.valid_days,
            })
            .collect(),
    )
}

/// A certificate asked for: its type, and the period or case it takes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRequest {
    /// The type's id, from `/certificates/types`.
    #[serde(rename = "type")]
    pub type_id: String,
    /// The first day of the period, for a type that takes one.
    #[serde(default)]
    pub period_from: Option<NaiveDate>,
    /// The last day of the period.
    #[serde(default)]
    pub period_to: Option<NaiveDate>,
    /// The id of one of the citizen's cases, for a type that takes one.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Uuid)]
    pub case: Option<RecordId>,
    /// The language its values are written in: `da` (the default) or `en`.
    #[serde(default)]
    pub language: Option<Language>,
}

impl CertificateRequest {
    /// The type and choice asked for; each wrong field named.
    pub fn parsed(&self) -> Result<(CertificateTypeId, Choice, Language), Problem> {
        let mut errors = Vec::new();
        let type_id = self.type_id.parse::<CertificateTypeId>();
        if let Err(message) = &type_id {
            errors.push(FieldError::at("type", *message));
        }
        let period = match (self.period_from, self.period_to) {
            (Some(from), Some(to)) => Some((from, to)),
            (None, None) => None,
            (Some(_), None) => {
                errors.push(FieldError::at("period_to", "is needed with period_from"));
                None
            }
            (None, Some(_)) => {
                errors.push(FieldError::at("period_from", "is needed with period_to"));
                None
            }
        };
        match type_id {
            Ok(type_id) if errors.is_empty() => Ok((
                type_id,
                Choice {
                    period,
                    case: self.case,
                },
                self.language.unwrap_or_default(),
            )),
            _ => Err(Problem::invalid_fields(errors)),
        }
    }
}

/// What a certificate would attest, before it is issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct DraftView {
    #[serde(rename = "type")]
    pub type_id: String,
    pub fields: Vec<FieldView>,
    pub sources: Vec<String>,
    pub valid_until: chrono::DateTime<Utc>,
}

impl DraftView {
    fn of(draft: &Draft, state: &AppState) -> Self {
        let labels = &state.core.issuer.types;
        Self {
            type_id: draft.type_id.to_string(),
            fields: draft
                .claims
                .iter()
                .map(|claim| FieldView {
                    name: claim.name.clone(),
                    label: labels.label(&claim.name, draft.language).to_owned(),
                    value: claim.value.clone(),
                })
                .collect(),
            sources: draft.sources.clone(),
            valid_until: draft.valid_until,
        }
    }
}

/// What a certificate would attest, exactly; refused with the reason (422) where the data
/// does not support it, such as "no debt" while a debt is outstanding.
#[utoipa::path(post, path = "/certificates/draft", operation_id = "certificate_draft",
    tag = "certificates", request_body = CertificateRequest,
    responses((status = 200, body = DraftView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn draft(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<CertificateRequest>,
) -> Result<Json<DraftView>, Problem> {
    let (type_id, choice, language) = request.parsed()?;
    let draft = state
        .core
        .certificate_draft(&viewer, &type_id, choice, language)
        .await?;
    let logged = viewer.log_read(&state, draft.read.clone()).await?;
    Ok(super::answer(
        logged.disclose(DraftView::of(&draft, &state)),
    ))
}

/// Issues a certificate: signed, in the citizen's log, and listed with their certificates.
#[utoipa::path(post, path = "/certificates", operation_id = "issue_certificate",
    tag = "certificates", request_body = CertificateRequest,
    responses((status = 201, body = CertificateView),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn issue(
    State(state): State<AppState>,
    viewer: Viewer,
    Json(request): Json<CertificateRequest>,
) -> Result<(StatusCode, Json<CertificateView>), Problem> {
    let (type_id, choice, language) = request.parsed()?;
    let issued = state
        .core
        .issue_certificate(
            &viewer,
            &type_id,
            choice,
            language,
            viewer.channel(),
            viewer.request_id().map(str::to_owned),
        )
        .await?;
    let issuer = &state.core.issuer;
    let view =
        issued.map(|certificate| CertificateView::of(&certificate, issuer, language, Utc::now()));
    Ok((StatusCode::CREATED, super::answer(view)))
}

/// The citizen's certificates, newest first, with where each stands.
#[utoipa::path(get, path = "/certificates", operation_id = "certificates", tag = "certificates",
    params(LanguageParam),
    responses((status = 200, body = Vec<CertificateView>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Json<Vec<CertificateView>>, Problem> {
    let certificates = state.core.certificates(&viewer).await?;
    let logged = viewer.log_read(&state, described("certificates")).await?;
    let (issuer, now) = (&state.core.issuer, Utc::now());
    let views = certificates
        .iter()
        .map(|certificate| CertificateView::of(certificate, issuer, language.language(), now))
        .collect();
    Ok(super::answer(logged.disclose(views)))
}

/// One of the citizen's certificates.
#[utoipa::path(get, path = "/certificates/{number}", operation_id = "certificate",
    tag = "certificates", params(("number" = u32, Path), LanguageParam),
    responses((status = 200, body = CertificateView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn one(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<u32>,
    Query(language): Query<LanguageParam>,
) -> Result<Json<CertificateView>, Problem> {
    let certificate = state.core.own_certificate(&viewer, number).await?;
    let logged = viewer.log_read(&state, described("certificates")).await?;
    let view = CertificateView::of(
        &certificate,
        &state.core.issuer,
        language.language(),
        Utc::now(),
    );
    Ok(super::answer(logged.disclose(view)))
}

/// The certificate as a PDF with its QR code.
#[utoipa::path(get, path = "/certificates/{number}/pdf", operation_id = "certificate_pdf",
    tag = "certificates", params(("number" = u32, Path)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf",
            body = inline(super::export::FileBytes)),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn pdf(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<u32>,
) -> Result<Response, Problem> {
    Ok(document::download(&state, &viewer, number, Download::Pdf).await?)
}

/// The certificate as an SD-JWT VC, for a wallet: every field disclosable on its own.
#[utoipa::path(get, path = "/certificates/{number}/sd-jwt", operation_id = "certificate_sd_jwt",
    tag = "certificates", params(("number" = u32, Path)),
    responses((status = 200, description = "The SD-JWT VC", content_type = "application/dc+sd-jwt",
            body = String),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn sd_jwt(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<u32>,
) -> Result<Response, Problem> {
    Ok(document::download(&state, &viewer, number, Download::SdJwt).await?)
}

/// Revokes one of the citizen's certificates: every check after says so.
#[utoipa::path(post, path = "/certificates/{number}/revoke", operation_id = "revoke_certificate",
    tag = "certificates", params(("number" = u32, Path), LanguageParam),
    responses((status = 200, body = CertificateView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn revoke(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<u32>,
    Query(language): Query<LanguageParam>,
) -> Result<Json<CertificateView>, Problem> {
    let certificate = state.core.revoke_certificate(&viewer, number).await?;
    let view = CertificateView::of(
        &certificate,
        &state.core.issuer,
        language.language(),
        Utc::now(),
    );
    Ok(Json(view))
}
