//! Checking a certificate someone brings, by anyone: its code (looked up), or a signed form
//! (the text of its QR code, its SD-JWT VC, or the PDF that carries the first), checked
//! against the issuer's keys and then looked up for its state. Each lookup of a genuine
//! certificate is in its holder's log before it is answered.

use super::view::{AttestedView, Verdict};
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use overblik_certificate::{Attested, Forged, pdf};
use overblik_core::Error;
use overblik_model::{CertificateId, FieldError, Language, Pointer};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What someone brings to be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Brought {
    /// The code printed on it.
    Code(CertificateId),
    /// A signed form: the QR code's text or an SD-JWT VC.
    Signed(String),
}

impl Brought {
    /// The signed form a PDF carries; `None` if it carries none.
    pub fn from_pdf(bytes: &[u8]) -> Option<Self> {
        pdf::sealed_in(bytes).map(Self::Signed)
    }
}

/// What a check found: the verdict, why a form is not genuine, and what a genuine one
/// attests (a presentation: only what it discloses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub verdict: Verdict,
    pub forged: Option<Forged>,
    pub attested: Option<Attested>,
}

/// Checks what was brought; a genuine certificate's lookup is logged in its holder's log.
pub async fn checked(
    state: &AppState,
    brought: Brought,
    request_id: Option<String>,
) -> Result<Checked, Error> {
    let issuer = &state.core.issuer;
    let (id, signed) = match brought {
        Brought::Code(id) => (id, None),
        Brought::Signed(text) => {
            let opened =
                overblik_certificate::open(&text, &issuer.published()).and_then(|attested| {
                    if attested.issuer != issuer.url() {
                        return Err(Forged::Malformed("issued by another issuer".to_owned()));
                    }
                    let id = attested.id.parse::<CertificateId>().map_err(|_| {
                        Forged::Malformed("its code is not a certificate code".to_owned())
                    })?;
                    Ok((id, attested))
                });
            match opened {
                Ok((id, attested)) => (id, Some(attested)),
                Err(forged) => {
                    return Ok(Checked {
                        verdict: Verdict::Forged,
                        forged: Some(forged),
                        attested: None,
                    });
                }
            }
        }
    };
    match state.core.check_certificate(&id, request_id).await {
        Ok(disclosed) => {
            let (certificate, certificate_state) = disclosed.into_inner();
            Ok(Checked {
                verdict: Verdict::of(certificate_state),
                forged: None,
                attested: Some(signed.unwrap_or_else(|| issuer.attested(&certificate))),
            })
        }
        Err(Error::NotFound) => Ok(Checked {
            verdict: Verdict::Unknown,
            forged: None,
            attested: None,
        }),
        Err(error) => Err(error),
    }
}

/// A check: exactly one of `code` and `certificate`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The code printed on the certificate, `XXXX-XXXX-XXXX-XXXX`.
    #[serde(default)]
    code: Option<String>,
    /// The signed certificate: the text of its QR code (`OB1:...`) or an SD-JWT VC
    /// (a presentation may disclose some fields only).
    #[serde(default)]
    certificate: Option<String>,
    /// The language of the labels: `da` (the default) or `en`.
    #[serde(default)]
    lang: Option<Language>,
}

/// What a check found.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckAnswer {
    pub verdict: Verdict,
    /// Why a certificate is not genuine, when it is not.
    pub reason: Option<String>,
    /// What a genuine certificate attests; of a presentation, only what it discloses.
    pub certificate: Option<AttestedView>,
}

/// Checks a certificate.
#[utoipa::path(post, path = "/check", operation_id = "check_certificate", tag = "verify",
    request_body = CheckRequest,
    responses((status = 200, description = "What the check found", body = CheckAnswer),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(request): Json<CheckRequest>,
) -> Result<Json<CheckAnswer>, Problem> {
    let brought = match (&request.code, &request.certificate) {
        (Some(code), None) => Brought::Code(code.parse().map_err(|message: &str| {
            Problem::invalid_fields(vec![FieldError::at("code", message)])
        })?),
        (None, Some(certificate)) => Brought::Signed(certificate.clone()),
        _ => {
            return Err(Problem::invalid_fields(vec![FieldError {
                pointer: Pointer::root(),
                detail: "must hold exactly one of code and certificate".to_owned(),
            }]));
        }
    };
    let language = request.lang.unwrap_or_default();
    let found = checked(&state, brought, request_id(&headers)).await?;
    let issuer = &state.core.issuer;
    Ok(Json(CheckAnswer {
        verdict: found.verdict,
        reason: found.forged.map(|forged| forged.to_string()),
        certificate: found
            .attested
            .map(|attested| AttestedView::of(&attested, issuer, language)),
    }))
}

/// The server's id of this request, which the log keeps.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}
