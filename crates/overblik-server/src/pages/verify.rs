//! "Check a certificate", for anyone shown one: type its code, upload its PDF, or paste the
//! text of its QR code or its SD-JWT VC, and see whether it is valid, revoked, expired or
//! forged, and what it attests. No session is needed; a check of a genuine certificate is
//! told to its holder in their log (`crate::certificates::check`).

use super::{Chrome, PageContext, Section};
use crate::certificates::check::{self, Brought, Checked};
use crate::certificates::view::{AttestedView, Verdict};
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use overblik_certificate::Forged;
use overblik_model::CertificateId;

/// The largest upload: a certificate's PDF is far smaller.
pub const BODY_LIMIT: usize = 5 * 1024 * 1024;

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    chrome: Chrome,
    intro: String,
    traced: String,
    offline: String,
    result: Option<Outcome>,
    /// What was wrong with what was sent, and the id of the field it concerns.
    error: Option<(String, String)>,
    errors_heading: String,
    code_heading: String,
    code_label: String,
    code_hint: String,
    code: String,
    file_heading: String,
    file_label: String,
    paste_heading: String,
    paste_label: String,
    paste_hint: String,
    check: String,
}

/// What a check found, in words.
struct Outcome {
    heading: String,
    /// `valid`, `revoked`... for the style sheet; the verdict is said in `verdict`.
    class: &'static str,
    verdict: String,
    explanation: String,
    reason: Option<String>,
    title: Option<String>,
    attests: Option<String>,
    fields_heading: String,
    fields: Vec<(String, String)>,
    facts: Vec<(String, String)>,
}

/// `GET /verify`.
pub async fn form(page: PageContext) -> Response {
    let template = verify_page(&page, None, None, String::new());
    page.render(StatusCode::OK, &template)
}

/// What the forms sent: a code, a pasted signed certificate, or a PDF.
#[derive(Default)]
struct Sent {
    code: String,
    pasted: String,
    pdf: Option<Vec<u8>>,
    too_large: bool,
    broken: bool,
}

async fn read_form(multipart: &mut Multipart) -> Sent {
    let mut sent = Sent::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    sent.too_large = true;
                } else {
                    sent.broken = true;
                }
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let read = match name.as_str() {
            "file" => field.bytes().await.map(|bytes| {
                if !bytes.is_empty() {
                    sent.pdf = Some(bytes.to_vec());
                }
            }),
            "code" => field.text().await.map(|text| sent.code = text),
            "certificate" => field.text().await.map(|text| sent.pasted = text),
            _ => Ok(()),
        };
        if let Err(error) = read {
            if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                sent.too_large = true;
            } else {
                sent.broken = true;
            }
            break;
        }
    }
    sent
}

/// `POST /verify`: the verdict, and what a genuine certificate attests.
pub async fn check(
    State(state): State<AppState>,
    page: PageContext,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let sent = match multipart {
        Ok(mut multipart) => read_form(&mut multipart).await,
        Err(_) => Sent {
            broken: true,
            ..Sent::default()
        },
    };
    let code = sent.code.trim().to_owned();
    let refused = |page: &PageContext, status, message: &str, field: &str| {
        let error = Some((field.to_owned(), page.t(message)));
        (status, verify_page(page, None, error, code.clone()))
    };
    let brought = if sent.too_large {
        Err(refused(
            &page,
            StatusCode::PAYLOAD_TOO_LARGE,
            "verify-error-too-large",
            "file",
        ))
    } else if sent.broken {
        Err(refused(
            &page,
            StatusCode::BAD_REQUEST,
            "verify-error-nothing",
            "code",
        ))
    } else if let Some(bytes) = &sent.pdf {
        Brought::from_pdf(bytes).ok_or_else(|| {
            refused(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                "verify-error-no-certificate-in-pdf",
                "file",
            )
        })
    } else if !sent.pasted.trim().is_empty() {
        Ok(Brought::Signed(sent.pasted.trim().to_owned()))
    } else if !code.is_empty() {
        code.parse::<CertificateId>()
            .map(Brought::Code)
            .map_err(|_| {
                refused(
                    &page,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "verify-error-code",
                    "code",
                )
            })
    } else {
        Err(refused(
            &page,
            StatusCode::UNPROCESSABLE_ENTITY,
            "verify-error-nothing",
            "code",
        ))
    };
    let brought = match brought {
        Ok(brought) => brought,
        Err((status, template)) => return page.render(status, &template),
    };
    let found = match check::checked(&state, brought, check::request_id(&headers)).await {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    let outcome = outcome(&state, &page, found);
    let template = verify_page(&page, Some(outcome), None, String::new());
    page.render(StatusCode::OK, &template)
}

fn outcome(state: &AppState, page: &PageContext, found: Checked) -> Outcome {
    let verdict = found.verdict;
    let name = verdict.as_str();
    let attested = found
        .attested
        .map(|attested| AttestedView::of(&attested, &state.core.issuer, page.language()));
    let facts = attested.as_ref().map_or_else(Vec::new, |attested| {
        vec![
            (page.t("certificate-code"), attested.code.clone()),
            (page.t("certificate-sources"), attested.sources.join(", ")),
            (
                page.t("certificate-issued"),
                page.moment(attested.issued_at),
            ),
            (
                page.t("certificate-valid-until"),
                page.moment(attested.valid_until),
            ),
            (page.t("certificate-issuer"), attested.issuer.clone()),
        ]
    });
    Outcome {
        heading: page.t("verify-result-heading"),
        class: name,
        verdict: page.t(&format!("verify-verdict-{name}")),
        explanation: page.t(&format!("verify-verdict-{name}-text")),
        reason: (verdict == Verdict::Forged)
            .then(|| found.forged.map(|forged| page.t(forged_id(&forged))))
            .flatten(),
        title: attested.as_ref().map(|attested| attested.title.clone()),
        attests: attested
            .as_ref()
            .map(|attested| attested.attests.clone())
            .filter(|attests| !attests.is_empty()),
        fields_heading: page.t("verify-fields-heading"),
        fields: attested.map_or_else(Vec::new, |attested| {
            attested
                .fields
                .into_iter()
                .map(|field| (field.label, field.value))
                .collect()
        }),
        facts,
    }
}

fn forged_id(forged: &Forged) -> &'static str {
    match forged {
        Forged::Malformed(_) => "verify-forged-malformed",
        Forged::UnknownKey => "verify-forged-unknown-key",
        Forged::BadSignature => "verify-forged-bad-signature",
        Forged::BadDisclosure => "verify-forged-bad-disclosure",
    }
}

fn verify_page(
    page: &PageContext,
    result: Option<Outcome>,
    error: Option<(String, String)>,
    code: String,
) -> VerifyPage {
    VerifyPage {
        chrome: page.chrome(page.t("verify-title"), Section::SignedOut),
        intro: page.t("verify-intro"),
        traced: page.t("verify-traced"),
        offline: page.t("verify-offline"),
        result,
        error,
        errors_heading: page.t("verify-errors-heading"),
        code_heading: page.t("verify-code-heading"),
        code_label: page.t("verify-code-label"),
        code_hint: page.t("verify-code-hint"),
        code,
        file_heading: page.t("verify-file-heading"),
        file_label: page.t("verify-file-label"),
        paste_heading: page.t("verify-paste-heading"),
        paste_label: page.t("verify-paste-label"),
        paste_hint: page.t("verify-paste-hint"),
        check: page.t("verify-check"),
    }
}
