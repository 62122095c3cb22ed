//! `POST /batches`: a provider's records, written all or nothing, once per idempotency key.

use crate::metrics::{BatchLabels, RecordLabels};
use crate::problem::Problem;
use crate::provider::token::AuthenticatedProvider;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use overblik_core::ingest::Ingested;
use overblik_core::{Conflict, Error};
use overblik_ledger::LedgerError;
use overblik_model::batch::BatchRequest;
use overblik_model::{Batch, BatchReceipt, Permits, ProviderPermits};
use overblik_store::{IdempotencyKey, Provider};
use sha2::{Digest, Sha256};

/// Tells a provider its answer comes from the first request with the same key.
const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Push a batch of records.
///
/// Up to 10,000 upserts and deletes, written in one transaction: every record is valid and
/// written, or nothing is. A retry with the same `Idempotency-Key` and body returns the first
/// answer and writes nothing again.
#[utoipa::path(
    post,
    path = "/batches",
    tag = "records",
    security(("bearer" = [])),
    params(
        ("Idempotency-Key" = String, Header, min_length = 1, max_length = 255, pattern = "^[!-~]+$", description = "1 to 255 visible ASCII characters, unique per batch; kept 7 days"),
    ),
    request_body(content = BatchRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The batch was written (or had been, for a retry)", body = BatchReceipt),
        (status = 400, description = "Malformed JSON or a missing Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid access token", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid records, each field named by JSON pointer; or the key was used for another batch", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all, fields(provider = %provider.id))]
pub async fn push_batch(
    State(state): State<AppState>,
    AuthenticatedProvider(provider): AuthenticatedProvider,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Problem> {
    require_json(&headers)?;
    let key = idempotency_key(&headers)?;
    let body = body.map_err(|rejection| {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::new(status, "too-large", "The body is too large").detail(format!(
                "a batch may be at most {} bytes; send fewer records per batch",
                state.settings.max_body_bytes
            ))
        } else {
            Problem::bad_request(rejection.body_text())
        }
    })?;
    let request_hash: [u8; 32] = Sha256::digest(&body).into();

    let core = state.core.clone();
    let registered = provider.clone();
    // Parsing 10,000 records is CPU work; keep it off the threads that serve requests.
    let parsed = tokio::task::spawn_blocking(move || {
        let permits = ProviderPermits {
            provider: &registered.id,
            classifications: &registered.classifications,
            facts: &core.fact_authorities,
        };
        parse(&body, &core.subject_key_secret, &permits)
    })
    .await
    .map_err(|error| Problem::internal(&error))?;
    let batch = match parsed {
        Ok(batch) => batch,
        Err(problem) => {
            count_batch(&state, &provider, "invalid");
            return Err(problem);
        }
    };

    match state
        .core
        .ingest(&provider, &key, request_hash, &batch)
        .await
    {
        Ok(Ingested::Applied(receipt)) => {
            count_batch(&state, &provider, "applied");
            count_records(&state, &provider, &receipt);
            Ok(Json(receipt).into_response())
        }
        Ok(Ingested::Replayed(receipt)) => {
            count_batch(&state, &provider, "replayed");
            let mut response = Json(receipt).into_response();
            response
                .headers_mut()
                .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
            Ok(response)
        }
        Err(error @ Error::Conflict(Conflict::IdempotencyKeyReused)) => {
            count_batch(&state, &provider, "key_reused");
            Err(Problem::from(error))
        }
        Err(Error::LogUnavailable(error)) => Err(reports_not_logged(error)),
        Err(error) => Err(Problem::from(error)),
    }
}

/// The answer when a batch was written but its access reports could not be logged: the
/// provider retries with the same key, and the retry logs them.
fn reports_not_logged(error: LedgerError) -> Problem {
    tracing::error!(%error, "reported accesses could not be logged");
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "log-unavailable",
        "The batch was written but its access reports could not be logged",
    )
    .detail("send the batch again with the same Idempotency-Key; its reports will be logged once")
}

fn require_json(headers: &HeaderMap) -> Result<(), Problem> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "The body must be application/json",
        )
        .detail(format!("Content-Type was {:?}", content_type)))
    }
}

fn idempotency_key(headers: &HeaderMap) -> Result<IdempotencyKey, Problem> {
    let value = headers
        .get("idempotency-key")
        .ok_or_else(|| Problem::bad_request("the Idempotency-Key header is required"))?;
    value
        .to_str()
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            Problem::bad_request(
                "the Idempotency-Key header must be 1 to 255 visible ASCII characters",
            )
        })
}

/// Reads a body into a batch, or a problem naming every offending field.
///
/// `allowed` says what the sender may write; `overblik provider validate` uses this same
/// function offline, so it gives the errors the server would give.
pub fn parse(
    body: &[u8],
    secret: &overblik_model::SubjectKeySecret,
    allowed: &dyn Permits,
) -> Result<Batch, Problem> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "The body is not valid JSON",
        )
        .detail(format!(
            "at line {}, column {}: {}",
            error.line(),
            error.column(),
            describe(&error)
        ))
    })?;
    Batch::parse(&value, secret, allowed).map_err(Problem::invalid_fields)
}

/// serde_json's message without any echo of the input.
fn describe(error: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => "the body ends too early",
        Category::Syntax => "a syntax error",
        Category::Data => "unexpected data",
        Category::Io => "the body could not be read",
    }
}

fn count_batch(state: &AppState, provider: &Provider, outcome: &'static str) {
    state
        .metrics
        .batches
        .get_or_create(&BatchLabels {
            provider: provider.id.to_string(),
            outcome,
        })
        .inc();
}

fn count_records(state: &AppState, provider: &Provider, receipt: &BatchReceipt) {
    for (result, count) in [
        ("upserted", receipt.upserted),
        ("deleted", receipt.deleted),
        ("stale", receipt.stale.len()),
    ] {
        state
            .metrics
            .records
            .get_or_create(&RecordLabels {
                provider: provider.id.to_string(),
                result,
            })
            .inc_by(count as u64);
    }
}
