//! The provider side of correction requests: an authority pulls the requests about its own
//! records, acknowledges them so none is missed, answers them, fetches their attachments,
//! and may register a webhook to be told at once. Every read is in the citizen's My Log.

use crate::corrections::destination::Destinations;
use crate::corrections::signature::WebhookSigner;
use crate::corrections::{ProviderCorrectionView, attachment_of, attachment_response};
use crate::problem::Problem;
use crate::provider::token::AuthenticatedProvider;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use overblik_core::corrections::provider_read;
use overblik_ledger::Channel;
use overblik_model::correction::{self, Answer};
use overblik_model::values::Version;
use overblik_model::{Correction, CorrectionId, CorrectionState, FieldError, Pointer};
use overblik_store::{Provider, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The requests pulled.
#[derive(Debug, Serialize, ToSchema)]
pub struct CorrectionList {
    pub corrections: Vec<ProviderCorrectionView>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `true` (the default): only requests with a change not yet acknowledged. `false`:
    /// every request not yet settled.
    pending: Option<bool>,
    /// At most this many, oldest first; 100 by default, 1,000 at most (a larger number counts
    /// as 1,000, a smaller than 1 as 1).
    limit: Option<i64>,
}

/// Logs `provider` reading `corrections`, each in its citizen's My Log, before they are
/// served.
async fn log_reads(
    state: &AppState,
    provider: &Provider,
    corrections: &[&Correction],
    headers: &HeaderMap,
) -> Result<(), Problem> {
    if corrections.is_empty() {
        return Ok(());
    }
    let reads = corrections
        .iter()
        .map(|correction| provider_read(provider, correction))
        .collect();
    let request_id = crate::access_log::request_id(headers);
    state
        .core
        .disclose_all(reads, Channel::ProviderApi, request_id, ())
        .await
        .map(|_| ())
        .map_err(Problem::from)
}

/// The request `id`, if it is about one of `provider`'s records; else 404, as if none.
async fn providers_request(
    state: &AppState,
    provider: &Provider,
    id: &str,
) -> Result<Correction, Problem> {
    let id: CorrectionId = id.parse().map_err(|_| Problem::not_found())?;
    match state.core.store.correction(&id).await {
        Ok(correction) if correction.provider == provider.id => Ok(correction),
        Ok(_) | Err(StoreError::NotFound) => Err(Problem::not_found()),
        Err(error) => Err(Problem::from(error)),
    }
}

/// Pull the correction requests about the authority's own records.
///
/// By default only those with a change it has not acknowledged: new requests, and
/// requests the citizen withdrew since. Acknowledge each with
/// `POST /corrections/{id}/acknowledge` so it is not listed again.
#[utoipa::path(operation_id = "list_corrections", get, path = "/corrections", tag = "corrections", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = CorrectionList),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn list(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Query(params): Query<ListParams>,
    headers: HeaderMap,
) -> Result<Json<CorrectionList>, Problem> {
    let limit = u32::try_from(params.limit.unwrap_or(100).clamp(1, 1000)).unwrap_or(1000);
    let corrections = state
        .core
        .store
        .provider_corrections(&provider.id, params.pending.unwrap_or(true), limit)
        .await?;
    log_reads(
        &state,
        &provider,
        &corrections.iter().collect::<Vec<_>>(),
        &headers,
    )
    .await?;
    Ok(Json(CorrectionList {
        corrections: corrections.iter().map(ProviderCorrectionView::of).collect(),
    }))
}

/// One correction request about the authority's own record.
#[utoipa::path(operation_id = "get_correction", get, path = "/corrections/{id}", tag = "corrections", security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    responses((status = 200, body = ProviderCorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn one(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<ProviderCorrectionView>, Problem> {
    let correction = providers_request(&state, &provider, &id).await?;
    log_reads(&state, &provider, &[&correction], &headers).await?;
    Ok(Json(ProviderCorrectionView::of(&correction)))
}

/// One attachment of a request about the authority's own record.
#[utoipa::path(operation_id = "get_correction_attachment", get, path = "/corrections/{id}/attachments/{attachment}", tag = "corrections",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id"),
        ("attachment" = String, Path, description = "The attachment's id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn attachment(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Path((id, attachment)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let correction = providers_request(&state, &provider, &id).await?;
    let attachment = attachment_of(&correction, &attachment).ok_or_else(Problem::not_found)?;
    let bytes = state
        .core
        .store
        .correction_attachment(&correction.id, &attachment.id)
        .await?;
    log_reads(&state, &provider, &[&correction], &headers).await?;
    Ok(attachment_response(attachment, bytes))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AcknowledgeRequest {
    /// The `revision` of the request as pulled: from 1 up to its current revision.
    #[serde(default, deserialize_with = "crate::contract::whole_number")]
    #[schema(required = true, value_type = i64, minimum = 1, maximum = 4294967295_i64)]
    pub revision: Option<i64>,
}

/// Acknowledge a request as pulled: the first acknowledgement marks it received for the
/// citizen, and it is not listed as pending again until it changes.
#[utoipa::path(operation_id = "acknowledge_correction", post, path = "/corrections/{id}/acknowledge", tag = "corrections",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    request_body = AcknowledgeRequest,
    responses((status = 200, body = ProviderCorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn acknowledge(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Path(id): Path<String>,
    Json(request): Json<AcknowledgeRequest>,
) -> Result<Json<ProviderCorrectionView>, Problem> {
    let correction = providers_request(&state, &provider, &id).await?;
    let revision = request
        .revision
        .and_then(|revision| u32::try_from(revision).ok())
        .filter(|revision| (1..=correction.revision).contains(revision))
        .ok_or_else(|| {
            Problem::invalid_fields(vec![FieldError {
                pointer: Pointer::root().key("revision"),
                detail: format!(
                    "must be a revision of the request, from 1 to {}",
                    correction.revision
                ),
            }])
        })?;
    let acknowledged = state
        .core
        .acknowledge_correction(&provider.id, &correction.id, revision)
        .await?;
    Ok(Json(ProviderCorrectionView::of(&acknowledged)))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct AnswerRequest {
    /// `in_progress`, `corrected` or `rejected`.
    #[serde(default)]
    #[schema(required = true, schema_with = answer_states)]
    pub state: String,
    /// Words for the citizen, at most 2,000 characters, line breaks and tabs the only
    /// control characters; required with `rejected`: why.
    #[serde(default)]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub note: Option<String>,
    /// Only with `corrected`: the record's version that carries the correction (newer than
    /// the one reported on). Push it as usual; the citizen's request links to it.
    #[serde(default, deserialize_with = "crate::contract::whole_number")]
    #[schema(minimum = 0)]
    pub corrected_version: Option<i64>,
}

/// The states an answer may set.
fn answer_states() -> utoipa::openapi::schema::Object {
    crate::contract::one_of(&["in_progress", "corrected", "rejected"])
}

/// Answer a correction request: say it is being looked into, corrected, or rejected with a
/// reason. The citizen sees each step at once.
#[utoipa::path(operation_id = "answer_correction", post, path = "/corrections/{id}/answer", tag = "corrections",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The request's id")),
    request_body = AnswerRequest,
    responses((status = 200, body = ProviderCorrectionView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request about the authority's records", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request is settled, or cannot take that step", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn answer(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Path(id): Path<String>,
    Json(request): Json<AnswerRequest>,
) -> Result<Json<ProviderCorrectionView>, Problem> {
    let correction = providers_request(&state, &provider, &id).await?;
    let answer = check_answer(&request, &correction).map_err(Problem::invalid_fields)?;
    let answered = state
        .core
        .answer_correction(&provider.id, &correction.id, &answer)
        .await?;
    Ok(Json(ProviderCorrectionView::of(&answered)))
}

/// Checks every field of an answer to `correction`, naming each wrong one.
fn check_answer(
    request: &AnswerRequest,
    correction: &Correction,
) -> Result<Answer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut wrong = |field: &str, detail: String| {
        errors.push(FieldError {
            pointer: Pointer::root().key(field),
            detail,
        });
    };
    let state = match request.state.as_str() {
        "in_progress" => Some(CorrectionState::InProgress),
        "corrected" => Some(CorrectionState::Corrected),
        "rejected" => Some(CorrectionState::Rejected),
        _ => {
            wrong(
                "state",
                "must be in_progress, corrected or rejected".to_owned(),
            );
            None
        }
    };
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|note| !note.is_empty());
    match note {
        Some(note) if note.chars().count() > correction::MAX_NOTE => wrong(
            "note",
            format!("must be at most {} characters", correction::MAX_NOTE),
        ),
        Some(note) if correction::has_control_characters(note, true) => wrong(
            "note",
            overblik_core::corrections::CONTROL_CHARACTERS.to_owned(),
        ),
        None if state == Some(CorrectionState::Rejected) => wrong(
            "note",
            "is required with rejected: tell the citizen why".to_owned(),
        ),
        _ => {}
    }
    let corrected_version = match request.corrected_version {
        None => None,
        Some(_) if state != Some(CorrectionState::Corrected) => {
            wrong("corrected_version", "goes only with corrected".to_owned());
            None
        }
        Some(version) => match Version::new(version) {
            Some(version) if version > correction.record_version => Some(version),
            _ => {
                wrong(
                    "corrected_version",
                    format!(
                        "must be newer than the version reported on ({})",
                        correction.record_version.get()
                    ),
                );
                None
            }
        },
    };
    match (state, errors.is_empty()) {
        (Some(state), true) => Ok(Answer {
            state,
            note: note.map(str::to_owned),
            corrected_version,
        }),
        _ => Err(errors),
    }
}

/// Where the authority is told of new and withdrawn requests.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
pub struct WebhookRegistration {
    /// An https URL on the internet, at most 2,000 characters (plain http, and this machine,
    /// only while Overblik itself runs on loopback, for development).
    #[serde(default)]
    #[schema(
        required = true,
        value_type = String,
        max_length = 2000,
        pattern = "^[Hh][Tt][Tt][Pp][Ss]://"
    )]
    pub url: Option<String>,
}

/// The authority's webhook as registered.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookView {
    /// Where requests are POSTed; null while none is registered.
    pub url: Option<String>,
}

/// The authority's webhook, if it registered one.
#[utoipa::path(operation_id = "get_webhook", get, path = "/webhook", tag = "corrections", security(("bearer" = [])),
    responses((status = 200, body = WebhookView),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn get_webhook(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
) -> Result<Json<WebhookView>, Problem> {
    let url = state.core.store.webhook(&provider.id).await?;
    Ok(Json(WebhookView { url }))
}

/// Register (or replace) the authority's webhook. From then on each new or withdrawn
/// request is POSTed there, signed (see `/webhook-key`), until the receiver answers 2xx.
#[utoipa::path(operation_id = "put_webhook", put, path = "/webhook", tag = "corrections", security(("bearer" = [])),
    request_body = WebhookRegistration,
    responses((status = 200, body = WebhookView),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn put_webhook(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    Json(request): Json<WebhookRegistration>,
) -> Result<Json<WebhookView>, Problem> {
    let url = request
        .url
        .as_deref()
        .map(str::trim)
        .ok_or(())
        .and_then(|url| check_webhook_url(url, Destinations::of(&state.settings)))
        .map_err(|()| {
            Problem::invalid_fields(vec![FieldError {
                pointer: Pointer::root().key("url"),
                detail: "must be an https URL of at most 2,000 characters, on a host outside this network".to_owned(),
            }])
        })?;
    state
        .core
        .store
        .put_webhook(&provider.id, Some(&url))
        .await?;
    tracing::info!("a provider registered its webhook");
    Ok(Json(WebhookView { url: Some(url) }))
}

/// Whether `url` may receive webhooks: https to a host on the internet, so that a provider
/// cannot point deliveries at services inside the deployment's network; this machine too
/// (over plain http as well) only where `destinations` allow loopback.
/// Returns the URL as parsed (normalised, any control character in it escaped).
fn check_webhook_url(url: &str, destinations: Destinations) -> Result<String, ()> {
    let parsed = url::Url::parse(url).map_err(|_| ())?;
    if destinations.allows_url(&parsed) && parsed.as_str().len() <= 2000 {
        Ok(parsed.into())
    } else {
        Err(())
    }
}

/// Remove the authority's webhook; requests are then only pulled.
#[utoipa::path(operation_id = "delete_webhook", delete, path = "/webhook", tag = "corrections", security(("bearer" = [])),
    responses((status = 204),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
) -> Result<Response, Problem> {
    state.core.store.put_webhook(&provider.id, None).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The platform's public key (a JWK, Ed25519) that signs webhook deliveries.
#[utoipa::path(operation_id = "get_webhook_key", get, path = "/webhook-key", tag = "corrections",
    responses((status = 200, description = "A JWK (RFC 8037)", body = Object)))]
pub async fn webhook_key(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(WebhookSigner::jwk(&state.webhook_signer))
}

#[cfg(test)]
mod tests {
    use super::{Destinations, check_webhook_url};

    const PUBLIC: Destinations = Destinations::INTERNET;

    #[test]
    fn webhooks_go_to_the_internet_only() {
        assert_eq!(
            check_webhook_url("https://hooks.example.org/overblik", PUBLIC).as_deref(),
            Ok("https://hooks.example.org/overblik")
        );
        for inward in [
            "http://hooks.example.org/",
            "https://localhost/",
            "https://127.0.0.1/",
            "https://10.0.0.5/",
            "https://100.64.1.1/",
            "https://169.254.169.254/",
            "https://[::1]/",
            "https://[::ffff:10.0.0.5]/",
            "https://[fd00::1]/",
            "https://db.internal/",
            "ftp://hooks.example.org/",
        ] {
            assert_eq!(check_webhook_url(inward, PUBLIC), Err(()), "{inward}");
        }
    }

    #[test]
    fn a_webhook_is_stored_as_parsed() {
        assert_eq!(
            check_webhook_url("https://hooks.example.org/a\u{0}b", PUBLIC).as_deref(),
            Ok("https://hooks.example.org/a%00b")
        );
    }

    #[test]
    fn where_loopback_is_allowed_this_machine_takes_webhooks_too() {
        let local = Destinations::INTERNET_AND_LOOPBACK;
        assert!(check_webhook_url("http://127.0.0.1:9000/hook", local).is_ok());
        assert!(check_webhook_url("http://hooks.example.org/", local).is_err());
    }
}
