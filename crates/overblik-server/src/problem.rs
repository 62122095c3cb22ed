//! Errors as `application/problem+json` (RFC 9457), the one error shape of every API.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use overblik_model::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem answer: what kind, how serious, and every offending field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Every offending field, by JSON pointer into the request body.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The OAuth 2.0 error code, on answers of the token endpoint (RFC 6749, section 5.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
    /// Seconds until a refused request may be sent again, sent as `Retry-After`. A narrow
    /// type: every handler's error is a `Problem`, so its size is paid on every result.
    #[serde(skip)]
    pub retry_after: Option<std::num::NonZeroU32>,
}

impl Problem {
    pub fn new(status: StatusCode, kind: &str, title: &str) -> Self {
        Self {
            kind: format!("urn:overblik:problem:{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: None,
            errors: Vec::new(),
            error: None,
            retry_after: None,
        }
    }

    /// Tells the client to wait `seconds` before trying again.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        let seconds = u32::try_from(seconds.max(1)).unwrap_or(u32::MAX);
        self.retry_after = std::num::NonZeroU32::new(seconds);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The request is malformed",
        )
        .detail(detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Authentication is required",
        )
        .detail(detail)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "Not found")
    }

    pub fn invalid_fields(errors: Vec<FieldError>) -> Self {
        let count = errors.len();
        Self {
            errors,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-fields",
                "The request has invalid fields",
            )
            .detail(format!(
                "{count} field(s) must be corrected; nothing was written"
            ))
        }
    }

    /// An error in the token endpoint, with its OAuth 2.0 code.
    pub fn oauth(status: StatusCode, error: &'static str, detail: impl Into<String>) -> Self {
        Self {
            error: Some(error),
            ..Self::new(status, "oauth", "The token request was refused").detail(detail)
        }
    }

    /// For anything unexpected: logged with its cause, answered with nothing that leaks.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "request failed unexpectedly");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side",
        )
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if status == StatusCode::UNAUTHORIZED && self.error.is_none() {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds.get()));
        }
        response
    }
}

impl From<overblik_store::StoreError> for Problem {
    fn from(error: overblik_store::StoreError) -> Self {
        match error {
            overblik_store::StoreError::NotFound => Problem::not_found(),
            overblik_store::StoreError::Unavailable(cause) => {
                tracing::error!(error = %cause, "the database is unavailable");
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "The service cannot reach its database right now; try again shortly",
                )
                .retry_after(1)
            }
            other => Problem::internal(&other),
        }
    }
}

/// Whole seconds to wait, at least one: what a `Retry-After` header says of `wait`.
pub fn retry_after_seconds(wait: std::time::Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0 || wait.is_zero())
}

/// Why the data does not support a certificate, in a developer's words.
fn cannot_attest(reason: overblik_core::certificates::Unsupported) -> String {
    use overblik_core::certificates::Unsupported;
    match reason {
        Unsupported::NoName => "the population register holds no name for the citizen".to_owned(),
        Unsupported::NoFact(fact) => format!("no current register fact of type {fact}"),
        Unsupported::DebtOutstanding => "a debt to a public authority is outstanding".to_owned(),
        Unsupported::NoDebtSource => "no connected authority sends debts".to_owned(),
        Unsupported::NothingInPeriod => "no benefit was paid out in the period".to_owned(),
    }
}

/// A use case's error, as the APIs answer it.
impl From<overblik_core::Error> for Problem {
    fn from(error: overblik_core::Error) -> Self {
        use overblik_core::{Conflict, Error, Refusal};
        match error {
            Error::NotFound => Problem::not_found(),
            Error::Forbidden(Refusal::ActingForAnother) => Problem::new(
                StatusCode::FORBIDDEN,
                Refusal::ActingForAnother.code(),
                "Powers of attorney cannot be given, accepted or revoked while acting for someone else",
            )
            .detail("stop acting for the other person first; only your own data is yours to share"),
            Error::Forbidden(Refusal::ReadOnly) => Problem::new(
                StatusCode::FORBIDDEN,
                Refusal::ReadOnly.code(),
                "Your power of attorney lets you see, not act",
            )
            .detail("ask the person you act for to give you a power of attorney to see and act"),
            Error::Forbidden(Refusal::OwnSettingsOnly) => Problem::new(
                StatusCode::FORBIDDEN,
                Refusal::OwnSettingsOnly.code(),
                "Settings are the citizen's own",
            )
            .detail("stop acting for the other person first"),
            Error::Forbidden(Refusal::BeyondReach) => Problem::new(
                StatusCode::FORBIDDEN,
                Refusal::BeyondReach.code(),
                "Beyond what your power of attorney lets you see",
            )
            .detail("you may share only what you may see for the other person"),
            Error::Forbidden(Refusal::CertificatesOwnOnly) => Problem::new(
                StatusCode::FORBIDDEN,
                Refusal::CertificatesOwnOnly.code(),
                "Certificates are the citizen's own",
            )
            .detail("a power of attorney neither issues nor sees certificates; stop acting for the other person first"),
            Error::Forbidden(Refusal::CannotAttest(reason)) => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                reason.code(),
                "The data does not support this certificate",
            )
            .detail(cannot_attest(reason)),
            Error::Invalid(errors) => Problem::invalid_fields(errors),
            Error::Conflict(conflict) => {
                let code = conflict.code();
                match conflict {
                    Conflict::MandateSettled => Problem::new(
                        StatusCode::CONFLICT,
                        code,
                        "The power of attorney was accepted or ended before",
                    ),
                    Conflict::CorrectionSettled(detail) => Problem::new(
                        StatusCode::CONFLICT,
                        code,
                        "The request cannot change that way",
                    )
                    .detail(detail),
                    Conflict::IdempotencyKeyReused => Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        code,
                        "The Idempotency-Key was used for a different batch",
                    )
                    .detail("use a new key for a new batch; nothing was written"),
                    Conflict::Store(detail) => Problem::new(
                        StatusCode::CONFLICT,
                        code,
                        "The change cannot be made as things stand",
                    )
                    .detail(detail),
                }
            }
            Error::Limited(limit) => over_limit(limit),
            Error::LogUnavailable(error) => {
                tracing::error!(%error, "an answer was not given: its read could not be logged");
                Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "log-unavailable",
                    "The access log cannot record this read right now, so the data is not shown",
                )
            }
            Error::Store(error) => Problem::from(error),
        }
    }
}

/// The problem of a limit on what a citizen may send: 429 with `Retry-After` for the limits
/// in time; 409 for the open correction requests, which free when the authority answers or
/// the citizen withdraws one, at no time the server can tell.
fn over_limit(limit: overblik_core::Limit) -> Problem {
    use overblik_core::Limit;
    let open = |detail: String| {
        Problem::new(
            StatusCode::CONFLICT,
            "too-many-open-reports",
            "Too many reports are waiting for an answer",
        )
        .detail(detail)
    };
    let in_time = |detail: String| {
        Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-reports",
            "Too many reports in 24 hours",
        )
        .detail(detail)
    };
    let problem = match limit {
        Limit::OpenPerRecord(allowed) => open(format!(
            "at most {allowed} reports about one record may wait for an answer; withdraw one or wait for the authority's answer"
        )),
        Limit::Open(allowed) => open(format!(
            "at most {allowed} reports may wait for an answer; withdraw one or wait for the authorities' answers"
        )),
        Limit::PerDay { allowed, .. } => {
            in_time(format!("at most {allowed} reports may be sent in 24 hours"))
        }
        Limit::BytesPerDay { allowed, .. } => in_time(format!(
            "at most {} MiB of attachments may be sent in 24 hours",
            allowed / (1024 * 1024)
        )),
        Limit::ConfirmationEmails { .. } => Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-confirmations",
            "Too many confirmation e-mails in an hour",
        ),
    };
    match limit.wait() {
        Some(wait) => problem.retry_after(retry_after_seconds(wait)),
        None => problem,
    }
}

/// Middleware: an error answer that is not yet a problem (a 405 from the router, say) becomes one.
pub async fn ensure_problem(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let title = status.canonical_reason().unwrap_or("Error");
    let slug = title.to_ascii_lowercase().replace(' ', "-");
    Problem::new(status, &slug, title).into_response()
}
