//! "My certificates": the citizen's certificates with where each stands, its downloads and a
//! way to revoke it; getting a new one (what it will attest, exactly, before it is issued,
//! or why the data does not support it); and one certificate on its own page. The rules are
//! `overblik_core::certificates`; the pages call the core, never the citizen API.

use super::{Chrome, MessagePage, PageContext, Section, Viewing};
use crate::access_log::{described, records_read};
use crate::acting::Viewer;
use crate::certificates::document::{self, Download};
use crate::certificates::view::CertificateView;
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use overblik_core::certificates::{Choice, Draft};
use overblik_core::{Error, Refusal};
use overblik_model::{CertificateState, CertificateTypeId, FieldError, Kind, RecordId};
use overblik_store::{RecordFilter, StoredRecord};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "certificates.html")]
struct CertificatesPage {
    chrome: Chrome,
    intro: String,
    notice: Option<String>,
    errors_heading: String,
    /// Each field to correct: its element's id and what is wrong.
    errors: Vec<(String, String)>,
    mine_heading: String,
    empty: String,
    certificates: Vec<Row>,
    code_label: String,
    state_label: String,
    issued_label: String,
    valid_until_label: String,
    pdf: String,
    sd_jwt: String,
    revoke: String,
    new_heading: String,
    new_intro: String,
    types: Vec<TypeForm>,
    from_label: String,
    to_label: String,
    period_hint: String,
    case_label: String,
    no_cases: String,
    show: String,
}

/// One of the citizen's certificates in the list.
struct Row {
    number: u32,
    title: String,
    code: String,
    state: String,
    valid: bool,
    issued: String,
    valid_until: String,
}

/// A type of certificate, with its form.
struct TypeForm {
    id: String,
    title: String,
    attests: String,
    takes_period: bool,
    takes_case: bool,
    period_from: String,
    period_to: String,
    from_error: Option<String>,
    to_error: Option<String>,
    case_error: Option<String>,
    cases: Vec<CaseOption>,
}

struct CaseOption {
    id: String,
    title: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "certificate.html")]
struct CertificatePage {
    chrome: Chrome,
    notice: Option<String>,
    intro: String,
    /// Where an issued certificate stands, in words.
    state: Option<String>,
    state_label: String,
    fields_heading: String,
    fields: Vec<(String, String)>,
    about_heading: String,
    facts: Vec<(String, String)>,
    /// A draft: the form that issues it.
    issue: Option<IssueForm>,
    /// An issued certificate: its downloads and how it is checked.
    issued: Option<Issued>,
    back: String,
}

struct IssueForm {
    type_id: String,
    period_from: String,
    period_to: String,
    case: String,
    submit: String,
    cancel: String,
}

struct Issued {
    number: u32,
    valid: bool,
    downloads_heading: String,
    pdf: String,
    sd_jwt: String,
    revoke: String,
    check_heading: String,
    check_text: String,
    offline_text: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The form that asks for a certificate, as sent: the type and the period or case it takes.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct CertificateForm {
    #[serde(rename = "type", default)]
    type_id: String,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    case: String,
}

impl CertificateForm {
    /// The type and choice asked for; each wrong field named, an unknown type not found.
    fn parsed(&self, state: &AppState) -> Result<(CertificateTypeId, Choice), Error> {
        let type_id = self
            .type_id
            .parse::<CertificateTypeId>()
            .map_err(|_| Error::NotFound)?;
        let kind = state
            .core
            .issuer
            .types
            .get(&type_id)
            .ok_or(Error::NotFound)?;
        let mut errors = Vec::new();
        let mut period = None;
        if kind.rule.takes_period() {
            let date = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            let (from, to) = (date(&self.period_from), date(&self.period_to));
            if from.is_none() {
                errors.push(FieldError::at("period_from", "is not a date"));
            }
            if to.is_none() {
                errors.push(FieldError::at("period_to", "is not a date"));
            }
            period = from.zip(to);
        }
        let mut case = None;
        if kind.rule.takes_case() {
            match self.case.trim().parse::<RecordId>() {
                Ok(id) => case = Some(id),
                Err(_) => errors.push(FieldError::at("case", "is not one of the citizen's cases")),
            }
        }
        if errors.is_empty() {
            Ok((type_id, Choice { period, case }))
        } else {
            Err(Error::Invalid(errors))
        }
    }
}

/// `GET /certificates`.
pub async fn list(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<DoneQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    if !viewer.sees_log() {
        return page.forbidden("certificates-acting");
    }
    let notice = match query.done.as_deref() {
        Some("revoked") => Some(page.t("certificates-revoked")),
        _ => None,
    };
    list_page(&state, &viewer, page, notice, None).await
}

/// The list of certificates and the forms; `asked` is a form sent with fields to correct,
/// shown again with them.
async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    page: PageContext,
    notice: Option<String>,
    asked: Option<(&CertificateForm, Vec<FieldError>)>,
) -> Response {
    let certificates = match state.core.certificates(viewer).await {
        Ok(certificates) => certificates,
        Err(error) => return page.failed(error),
    };
    let types = state.core.issuer.types.all();
    let cases = if types.iter().any(|kind| kind.rule.takes_case()) {
        let filter = RecordFilter {
            kind: Some(Kind::Case),
            ..RecordFilter::visible_now()
        };
        match viewer.records(state, &filter).await {
            Ok(cases) => cases,
            Err(error) => return super::store_failure(error),
        }
    } else {
        Vec::new()
    };
    // The certificates and the cases to choose from are one read of the citizen's data.
    let read = if cases.is_empty() {
        described("certificates")
    } else {
        let mut read = records_read(cases.iter());
        read.description = Some("certificates".to_owned());
        read
    };
    let logged = match viewer.log_read(state, read).await {
        Ok(logged) => logged,
        Err(error) => return page.failed(error),
    };
    let language = page.language();
    let (issuer, now) = (&state.core.issuer, Utc::now());
    let rows = certificates
        .iter()
        .map(|certificate| {
            let view = CertificateView::of(certificate, issuer, language, now);
            Row {
                number: view.number,
                title: view.attested.title,
                code: view.attested.code,
                state: state_text(&page, view.state),
                valid: view.state == CertificateState::Valid,
                issued: page.moment(view.attested.issued_at),
                valid_until: page.moment(view.attested.valid_until),
            }
        })
        .collect();
    let errors = asked
        .as_ref()
        .map(|(form, errors)| field_errors(&page, &form.type_id, errors))
        .unwrap_or_default();
    let error_for = |type_id: &str, name: &str| {
        let id = format!("{type_id}-{name}");
        errors
            .iter()
            .find(|(field, _)| *field == id)
            .map(|(_, message)| message.clone())
    };
    let forms = types
        .iter()
        .map(|kind| {
            let id = kind.id.to_string();
            let sent = asked
                .as_ref()
                .map(|(form, _)| *form)
                .filter(|form| form.type_id == id);
            TypeForm {
                title: kind.title.get(language).to_owned(),
                attests: kind.attests.get(language).to_owned(),
                takes_period: kind.rule.takes_period(),
                takes_case: kind.rule.takes_case(),
                period_from: sent
                    .map(|form| form.period_from.clone())
                    .unwrap_or_default(),
                period_to: sent.map(|form| form.period_to.clone()).unwrap_or_default(),
                from_error: error_for(&id, "period_from"),
                to_error: error_for(&id, "period_to"),
                case_error: error_for(&id, "case"),
                cases: cases
                    .iter()
                    .map(|stored: &StoredRecord| {
                        let case = stored.id.to_string();
                        CaseOption {
                            selected: sent.is_some_and(|form| form.case == case),
                            id: case,
                            title: stored.record.title_in(language).to_owned(),
                        }
                    })
                    .collect(),
                id,
            }
        })
        .collect();
    let title = if errors.is_empty() {
        page.t("certificates-title")
    } else {
        text_with(
            language,
            "certificates-title-errors",
            &[("count", errors.len().into())],
        )
    };
    let template = logged
        .disclose(CertificatesPage {
            chrome: page.chrome(title, Section::Certificates),
            intro: page.t("certificates-intro"),
            notice,
            errors_heading: page.t("certificates-errors-heading"),
            errors,
            mine_heading: page.t("certificates-mine"),
            empty: page.t("certificates-empty"),
            certificates: rows,
            code_label: page.t("certificate-code"),
            state_label: page.t("certificates-state"),
            issued_label: page.t("certificate-issued"),
            valid_until_label: page.t("certificate-valid-until"),
            pdf: page.t("certificates-pdf"),
            sd_jwt: page.t("certificates-sd-jwt"),
            revoke: page.t("certificates-revoke"),
            new_heading: page.t("certificates-new"),
            new_intro: page.t("certificates-new-intro"),
            types: forms,
            from_label: page.t("certificates-period-from"),
            to_label: page.t("certificates-period-to"),
            period_hint: page.t("certificates-period-hint"),
            case_label: page.t("certificates-case"),
            no_cases: page.t("certificates-no-cases"),
            show: page.t("certificates-show-draft"),
        })
        .into_inner();
    let status = if template.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render(status, &template)
}

/// Each field error as the element's id in the type's form and what to do.
fn field_errors(page: &PageContext, type_id: &str, errors: &[FieldError]) -> Vec<(String, String)> {
    let mut shown: Vec<(String, String)> = Vec::new();
    for error in errors {
        let name = error.pointer.to_string().trim_start_matches('/').to_owned();
        let name = match name.as_str() {
            "period_from" | "period_to" | "case" => name,
            _ => "period_from".to_owned(),
        };
        let id = format!("{type_id}-{name}");
        if !shown.iter().any(|(field, _)| *field == id) {
            shown.push((id, page.t(&format!("certificates-error-{name}"))));
        }
    }
    shown
}

fn state_text(page: &PageContext, state: CertificateState) -> String {
    page.t(&format!("certificates-state-{}", state.as_str()))
}

/// `POST /certificates/draft`: exactly what the certificate will attest, with a button that
/// issues it; or why the data does not support it; or the form again with what to correct.
pub async fn draft(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<CertificateForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let language = page.language();
    let drafted = match form.parsed(&state) {
        Ok((type_id, choice)) => {
            state
                .core
                .certificate_draft(&viewer, &type_id, choice, language)
                .await
        }
        Err(error) => Err(error),
    };
    let draft = match drafted {
        Ok(draft) => draft,
        Err(error) => return not_issued(&state, &viewer, page, &form, error).await,
    };
    let logged = match viewer.log_read(&state, draft.read.clone()).await {
        Ok(logged) => logged,
        Err(error) => return page.failed(error),
    };
    let template = logged
        .disclose(draft_page(&state, &page, &form, &draft))
        .into_inner();
    page.render(StatusCode::OK, &template)
}

fn draft_page(
    state: &AppState,
    page: &PageContext,
    form: &CertificateForm,
    draft: &Draft,
) -> CertificatePage {
    let language = page.language();
    let types = &state.core.issuer.types;
    let title = types
        .get(&draft.type_id)
        .map(|kind| kind.title.get(language).to_owned())
        .unwrap_or_else(|| draft.type_id.to_string());
    CertificatePage {
        chrome: page.chrome(
            text_with(
                language,
                "certificates-draft-title",
                &[("name", title.into())],
            ),
            Section::Certificates,
        ),
        notice: None,
        intro: page.t("certificates-draft-intro"),
        state: None,
        state_label: page.t("certificates-state"),
        fields_heading: page.t("certificates-attests"),
        fields: draft
            .claims
            .iter()
            .map(|claim| {
                (
                    types.label(&claim.name, language).to_owned(),
                    claim.value.clone(),
                )
            })
            .collect(),
        about_heading: page.t("certificate-about-heading"),
        facts: vec![
            (page.t("certificate-sources"), draft.sources.join(", ")),
            (
                page.t("certificate-valid-until"),
                page.moment(draft.valid_until),
            ),
        ],
        issue: Some(IssueForm {
            type_id: draft.type_id.to_string(),
            period_from: form.period_from.trim().to_owned(),
            period_to: form.period_to.trim().to_owned(),
            case: form.case.trim().to_owned(),
            submit: page.t("certificates-issue"),
            cancel: page.t("certificates-cancel"),
        }),
        issued: None,
        back: page.t("certificates-back"),
    }
}

/// A certificate that was not drafted or issued: the form again for fields to correct, the
/// reason where the data does not support it, else the page for the error.
async fn not_issued(
    state: &AppState,
    viewer: &Viewer,
    page: PageContext,
    form: &CertificateForm,
    error: Error,
) -> Response {
    match error {
        Error::Invalid(errors) => list_page(state, viewer, page, None, Some((form, errors))).await,
        Error::Forbidden(Refusal::CannotAttest(reason)) => {
            let message = MessagePage {
                chrome: page.chrome(page.t("certificates-refused-title"), Section::Certificates),
                text: page.t(&format!("certificates-refused-{}", reason.code())),
                back: page.t("certificates-back"),
                back_href: "/certificates",
            };
            page.render(StatusCode::UNPROCESSABLE_ENTITY, &message)
        }
        other => page.failed(other),
    }
}

/// `POST /certificates`: issues the certificate and shows it.
pub async fn issue(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<CertificateForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let issued = match form.parsed(&state) {
        Ok((type_id, choice)) => {
            state
                .core
                .issue_certificate(
                    &viewer,
                    &type_id,
                    choice,
                    page.language(),
                    viewer.channel(),
                    viewer.request_id().map(str::to_owned),
                )
                .await
        }
        Err(error) => Err(error),
    };
    match issued {
        Ok(certificate) => Redirect::to(&format!(
            "/certificates/{}?done=issued",
            certificate.value().status_index
        ))
        .into_response(),
        Err(error) => not_issued(&state, &viewer, page, &form, error).await,
    }
}

/// `GET /certificates/{number}`.
pub async fn one(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(number): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(number) = number.parse::<u32>() else {
        return page.not_found();
    };
    let certificate = match state.core.own_certificate(&viewer, number).await {
        Ok(certificate) => certificate,
        Err(error) => return page.failed(error),
    };
    let logged = match viewer.log_read(&state, described("certificates")).await {
        Ok(logged) => logged,
        Err(error) => return page.failed(error),
    };
    let issuer = &state.core.issuer;
    let view = logged
        .disclose(CertificateView::of(
            &certificate,
            issuer,
            page.language(),
            Utc::now(),
        ))
        .into_inner();
    let language = page.language();
    let attested = view.attested;
    let mut facts = vec![
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
    ];
    if let Some(by) = view.issued_by {
        facts.push((page.t("certificate-issued-by"), by));
    }
    if let Some(revoked) = view.revoked_at {
        facts.push((page.t("certificates-revoked-at"), page.moment(revoked)));
    }
    let verify_url = format!("{}/verify", issuer.url().trim_end_matches('/'));
    let template = CertificatePage {
        chrome: page.chrome(attested.title.clone(), Section::Certificates),
        notice: (query.done.as_deref() == Some("issued")).then(|| page.t("certificates-issued")),
        intro: attested.attests.clone(),
        state: Some(state_text(&page, view.state)),
        state_label: page.t("certificates-state"),
        fields_heading: page.t("certificates-attests"),
        fields: attested
            .fields
            .into_iter()
            .map(|field| (field.label, field.value))
            .collect(),
        about_heading: page.t("certificate-about-heading"),
        facts,
        issue: None,
        issued: Some(Issued {
            number: view.number,
            valid: view.state == CertificateState::Valid,
            downloads_heading: page.t("certificates-downloads"),
            pdf: page.t("certificates-pdf"),
            sd_jwt: page.t("certificates-sd-jwt"),
            revoke: page.t("certificates-revoke"),
            check_heading: page.t("certificate-check-heading"),
            check_text: text_with(
                language,
                "certificates-check-text",
                &[("url", verify_url.into()), ("code", attested.code.into())],
            ),
            offline_text: page.t("certificates-check-offline"),
        }),
        back: page.t("certificates-back"),
    };
    page.render(StatusCode::OK, &template)
}

/// `GET /certificates/{number}/pdf`: the certificate as a PDF with its QR code.
pub async fn pdf(
    state: State<AppState>,
    viewing: Viewing,
    page: PageContext,
    number: Path<String>,
) -> Response {
    download(state, viewing, page, number, Download::Pdf).await
}

/// `GET /certificates/{number}/sd-jwt`: the certificate for a wallet.
pub async fn sd_jwt(
    state: State<AppState>,
    viewing: Viewing,
    page: PageContext,
    number: Path<String>,
) -> Response {
    download(state, viewing, page, number, Download::SdJwt).await
}

async fn download(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(number): Path<String>,
    form: Download,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(number) = number.parse::<u32>() else {
        return page.not_found();
    };
    match document::download(&state, &viewer, number, form).await {
        Ok(response) => response,
        Err(error) => page.failed(error),
    }
}

/// `POST /certificates/{number}/revoke`: every check after says it is revoked.
pub async fn revoke(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(number): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(number) = number.parse::<u32>() else {
        return page.not_found();
    };
    match state.core.revoke_certificate(&viewer, number).await {
        // Revoked before (a second click, another tab): it is revoked, as asked.
        Ok(_) | Err(overblik_core::Error::Conflict(_)) => {
            Redirect::to("/certificates?done=revoked").into_response()
        }
        Err(error) => page.failed(error),
    }
}
