//! Reporting an error: the citizen (or someone allowed to act for them) tells the authority
//! that holds a record that it is wrong or that something is missing, then follows the
//! answer under "My reports". The form is a plain multipart POST, so that files go along
//! without JavaScript; every change is refused from any other site.

use super::{Chrome, PageContext, Section, Viewing, store_failure};
use crate::access_log::records_read;
use crate::acting::{Basis, Viewer};
use crate::corrections::{attachment_of, attachment_response};
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, OriginalUri, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use overblik_core::Conflict;
use overblik_core::corrections::{ReportRequest, Upload, record_shows_correction, requests_read};
use overblik_model::correction::{self as model, Attachment, CorrectionKind, Reporter};
use overblik_model::{Correction, CorrectionId, CorrectionState, FieldError, Language, RecordId};
use overblik_store::{Provider, StoreError, StoredRecord};
use std::collections::HashMap;

/// The largest report form: every file at its largest, and room for the text fields.
pub const BODY_LIMIT: usize = model::MAX_ATTACHMENTS * model::MAX_ATTACHMENT_BYTES + 1024 * 1024;

/// The form's file input, where every problem with a file is shown.
const FILE_INPUT: &str = "attachment";

// ---- the form ----

#[derive(Template)]
#[template(path = "report_form.html")]
struct FormPage {
    chrome: Chrome,
    back: String,
    record_href: String,
    action: String,
    intro: String,
    about: Vec<(String, String)>,
    errors_heading: String,
    errors: Vec<(&'static str, String)>,
    kind_legend: String,
    kind_error: Option<String>,
    kinds: Vec<KindChoice>,
    explanation_label: String,
    explanation_hint: String,
    explanation_error: Option<String>,
    explanation: String,
    correction_legend: String,
    correction_hint: String,
    field_label: String,
    field_error: Option<String>,
    field: String,
    value_label: String,
    value_error: Option<String>,
    value: String,
    attachment_label: String,
    attachment_hint: String,
    attachment_error: Option<String>,
    /// Said when files were sent with a form that comes back: browsers do not keep them.
    attachment_again: Option<String>,
    max_explanation: usize,
    max_field: usize,
    max_value: usize,
    next_heading: String,
    next: Vec<String>,
    submit: String,
    cancel: String,
}

/// A radio button for what kind of error is reported.
struct KindChoice {
    id: &'static str,
    value: &'static str,
    label: String,
    hint: String,
    checked: bool,
}

/// What the form shows besides the citizen's own words: the record, its authority and how
/// long that authority usually takes to answer.
struct Subject {
    stored: StoredRecord,
    authority: Provider,
    usual: Option<Duration>,
}

async fn subject_of(
    state: &AppState,
    viewer: &Viewer,
    id: &RecordId,
) -> Result<Subject, overblik_core::Error> {
    let stored = viewer.record(state, id).await?;
    let authority = async {
        let authority = state.core.store.provider(&stored.provider).await;
        authority.map_err(overblik_core::Error::from)
    };
    let usual = state.core.usual_answer_time(&stored.provider);
    let (authority, usual) = tokio::try_join!(authority, usual)?;
    Ok(Subject {
        stored,
        authority,
        usual,
    })
}

/// `GET /records/{id}/report`: the form to report an error in a record.
pub async fn form(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    let subject = match subject_of(&state, &viewer, &id).await {
        Ok(subject) => subject,
        Err(error) => return page.failed(error),
    };
    if !viewer.may_act() {
        return page.forbidden("report-read-only");
    }
    if let Err(error) = viewer
        .log_read(&state, records_read([&subject.stored]))
        .await
    {
        return page.failed(error);
    }
    let template = form_page(
        &page,
        &subject,
        &ReportRequest::default(),
        &[],
        &Files::default(),
    );
    page.render(StatusCode::OK, &template)
}

/// `POST /records/{id}/report`: sends the report, or shows the form again with every field
/// to correct and what was typed.
pub async fn send(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
    OriginalUri(uri): OriginalUri,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(record_id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    // A look-only power of attorney cannot send anything: no need to read the files.
    if !viewer.may_act() {
        return page.forbidden("report-read-only");
    }
    let Ok(mut multipart) = multipart else {
        return bad_form(page, &uri);
    };
    let sent = read_form(&mut multipart).await;
    let names: Vec<String> = sent
        .uploads
        .iter()
        .map(|upload| upload.name.clone())
        .collect();
    let result = match sent.failed {
        None => {
            let (request, uploads) = (&sent.request, sent.uploads);
            let reported = state
                .core
                .report(&viewer, &record_id, request, uploads, Vec::new());
            reported.await
        }
        // The body grew past the limit: the text fields read so far come back with the form.
        Some(StatusCode::PAYLOAD_TOO_LARGE) => Err(overblik_core::Error::Invalid(Vec::new())),
        Some(_) => return bad_form(page, &uri),
    };
    match result {
        // A report sent again while the first is open leads to the first.
        Ok(reported) => {
            Redirect::to(&format!("/reports/{}", reported.correction().id)).into_response()
        }
        Err(overblik_core::Error::Invalid(errors)) => {
            let subject = match subject_of(&state, &viewer, &record_id).await {
                Ok(subject) => subject,
                Err(error) => return page.failed(error),
            };
            if let Err(error) = viewer
                .log_read(&state, records_read([&subject.stored]))
                .await
            {
                return page.failed(error);
            }
            let too_large = sent.failed == Some(StatusCode::PAYLOAD_TOO_LARGE);
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let files = Files {
                names: &names,
                chosen: sent.had_files,
                too_large,
            };
            let template = form_page(&page, &subject, &sent.request, &errors, &files);
            page.render(status, &template)
        }
        Err(error) => page.failed(error),
    }
}

/// What a report form carried, as far as it could be read.
struct SentForm {
    request: ReportRequest,
    uploads: Vec<Upload>,
    /// Whether any file was chosen, even one that could not be read.
    had_files: bool,
    /// Why the body could not be read to its end, if it could not.
    failed: Option<StatusCode>,
}

/// Reads the form's fields and files; a file input left empty sends a part without a name
/// or bytes, which is no file.
async fn read_form(multipart: &mut Multipart) -> SentForm {
    let mut sent = SentForm {
        request: ReportRequest::default(),
        uploads: Vec::new(),
        had_files: false,
        failed: None,
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                sent.failed = Some(error.status());
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == FILE_INPUT {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            if !file_name.is_empty() {
                sent.had_files = true;
            }
            let bytes = match field.bytes().await {
                Ok(bytes) => bytes.to_vec(),
                Err(error) => {
                    sent.failed = Some(error.status());
                    break;
                }
            };
            if file_name.is_empty() && bytes.is_empty() {
                continue;
            }
            sent.uploads.push(Upload {
                name: file_name,
                // A browser's type is a guess from the file's name; the bytes decide.
                claimed_type: None,
                bytes,
            });
            continue;
        }
        let text = match field.text().await {
            Ok(text) => text,
            Err(error) => {
                sent.failed = Some(error.status());
                break;
            }
        };
        let request = &mut sent.request;
        match name.as_str() {
            "kind" => request.kind = text,
            "explanation" => request.explanation = text,
            "field" => request.field = text,
            "value" => request.value = text,
            _ => {}
        }
    }
    sent
}

/// What the form knows of the files sent with it, when it comes back.
#[derive(Default)]
struct Files<'a> {
    /// The names of the files read, in the order sent.
    names: &'a [String],
    /// Whether any file was chosen.
    chosen: bool,
    /// Whether the form was larger than any report may be.
    too_large: bool,
}

fn form_page(
    page: &PageContext,
    subject: &Subject,
    request: &ReportRequest,
    errors: &[FieldError],
    files: &Files<'_>,
) -> FormPage {
    let language = page.language;
    let authority = subject.authority.name.clone();
    let mut errors: Vec<(&'static str, String)> = errors
        .iter()
        .map(|error| error_message(page, error, files.names))
        .collect();
    if files.too_large {
        errors.push((FILE_INPUT, page.t("report-error-too-large")));
    }
    let inline = |target: &str| {
        let messages: Vec<&str> = errors
            .iter()
            .filter(|(at, _)| *at == target)
            .map(|(_, message)| message.as_str())
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    };
    let title = if errors.is_empty() {
        page.t("report-title")
    } else {
        text_with(
            language,
            "report-title-errors",
            &[("count", errors.len().into())],
        )
    };
    let chosen = request.kind.trim();
    let kinds = [
        ("kind", CorrectionKind::Wrong),
        ("kind-missing", CorrectionKind::Missing),
    ]
    .into_iter()
    .map(|(id, kind)| KindChoice {
        id,
        value: kind.as_str(),
        label: page.t(&format!("report-kind-{}", kind.as_str())),
        hint: page.t(&format!("report-kind-{}-hint", kind.as_str())),
        checked: chosen == kind.as_str(),
    })
    .collect();
    let stored = &subject.stored;
    FormPage {
        chrome: page.chrome(title, Section::None),
        back: stored.record.title_in(language).to_owned(),
        record_href: format!("/records/{}", stored.id),
        action: format!("/records/{}/report", stored.id),
        intro: page.t("report-intro"),
        about: vec![
            (
                page.t("report-record"),
                stored.record.title_in(language).to_owned(),
            ),
            (page.t("report-authority"), authority.clone()),
        ],
        errors_heading: page.t("report-errors-heading"),
        kind_legend: page.t("report-kind-legend"),
        kind_error: inline("kind"),
        kinds,
        explanation_label: page.t("report-explanation"),
        explanation_hint: page.t("report-explanation-hint"),
        explanation_error: inline("explanation"),
        explanation: request.explanation.clone(),
        correction_legend: page.t("report-correction-legend"),
        correction_hint: page.t("report-correction-hint"),
        field_label: page.t("report-field"),
        field_error: inline("field"),
        field: request.field.clone(),
        value_label: page.t("report-value"),
        value_error: inline("value"),
        value: request.value.clone(),
        attachment_label: page.t("report-attachment"),
        attachment_hint: page.t("report-attachment-hint"),
        attachment_error: inline(FILE_INPUT),
        attachment_again: files.chosen.then(|| page.t("report-attachment-again")),
        max_explanation: model::MAX_EXPLANATION,
        max_field: model::MAX_FIELD,
        max_value: model::MAX_VALUE,
        next_heading: page.t("report-next-heading"),
        next: vec![
            text_with(
                language,
                "report-next-receives",
                &[("authority", authority.clone().into())],
            ),
            page.t("report-next-follow"),
            page.t("report-next-answer"),
            usual_time(page, &authority, subject.usual),
        ],
        submit: page.t("report-submit"),
        cancel: page.t("report-cancel"),
        errors,
    }
}

/// The field an error is about, by the id of its input, and what to do, in the citizen's
/// words. Every problem with a file is shown at the file input.
fn error_message(
    page: &PageContext,
    error: &FieldError,
    file_names: &[String],
) -> (&'static str, String) {
    let pointer = error.pointer.to_string();
    let mut parts = pointer.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("kind"), None) => ("kind", page.t("report-error-kind")),
        (Some("explanation"), None) => ("explanation", page.t("report-error-explanation")),
        (Some("field"), None) => ("field", page.t("report-error-field")),
        (Some("value"), None) => ("value", page.t("report-error-value")),
        (Some("attachments"), None) => (FILE_INPUT, page.t("report-error-attachments")),
        (Some("attachments"), Some(index)) => {
            let name = index
                .parse::<usize>()
                .ok()
                .and_then(|index| file_names.get(index))
                // Some browsers send the file's whole path; its last part is what was chosen.
                .and_then(|name| name.rsplit(['/', '\\']).next())
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map_or_else(|| page.t("report-error-unnamed-file"), str::to_owned);
            (
                FILE_INPUT,
                text_with(
                    page.language,
                    "report-error-attachment",
                    &[("name", name.into())],
                ),
            )
        }
        _ => ("kind", page.t("report-error-other")),
    }
}

/// "Udbetaling Danmark usually answers within 12 days", or what to do without a usual time.
fn usual_time(page: &PageContext, authority: &str, usual: Option<Duration>) -> String {
    match usual {
        Some(took) => text_with(
            page.language,
            "report-next-usual",
            &[
                ("authority", authority.to_owned().into()),
                ("count", took.num_days().max(1).into()),
            ],
        ),
        None => text_with(
            page.language,
            "report-next-no-deadline",
            &[("authority", authority.to_owned().into())],
        ),
    }
}

// ---- a message ----

#[derive(Template)]
#[template(path = "message.html")]
struct ReportMessage {
    chrome: Chrome,
    text: String,
    back: String,
    back_href: String,
}

/// The page for a form whose body could not be read, with the way back to the form.
fn bad_form(page: PageContext, uri: &axum::http::Uri) -> Response {
    let message = ReportMessage {
        chrome: page.chrome(page.t("report-bad-form-title"), Section::None),
        text: page.t("report-bad-form-text"),
        back: page.t("report-back-to-form"),
        back_href: super::site_path(uri),
    };
    page.render(StatusCode::BAD_REQUEST, &message)
}

// ---- My reports ----

#[derive(Template)]
#[template(path = "reports.html")]
struct ListPage {
    chrome: Chrome,
    intro: String,
    empty: String,
    reports: Vec<ReportCard>,
}

struct ReportCard {
    href: String,
    title: String,
    authority: String,
    state: String,
    sent: String,
}

/// `GET /reports`: the viewer's reports, newest first.
pub async fn list(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let requests = match state.core.own_requests(&viewer).await {
        Ok(requests) => requests,
        Err(error) => return page.failed(error),
    };
    let names = match authority_names(&state).await {
        Ok(names) => names,
        Err(error) => return store_failure(error),
    };
    let mut titles = Vec::with_capacity(requests.len());
    for request in &requests {
        match viewer.record(&state, &request.record).await {
            Ok(stored) => titles.push(stored.record.title_in(page.language).to_owned()),
            Err(StoreError::NotFound) => titles.push(request.record_title.clone()),
            Err(error) => return store_failure(error),
        }
    }
    if let Err(error) = viewer.log_read(&state, requests_read(&requests)).await {
        return page.failed(error);
    }
    let reports = requests
        .iter()
        .zip(titles)
        .map(|(request, title)| ReportCard {
            href: format!("/reports/{}", request.id),
            title,
            authority: text_with(
                page.language,
                "report-to",
                &[("authority", authority_of(&names, request).into())],
            ),
            state: state_name(&page, request.state()),
            sent: text_with(
                page.language,
                "report-sent-on",
                &[("date", page.moment(request.sent_at()).into())],
            ),
        })
        .collect();
    let template = ListPage {
        chrome: page.chrome(page.t("reports-title"), Section::Reports),
        intro: page.t("reports-intro"),
        empty: page.t("reports-empty"),
        reports,
    };
    page.render(StatusCode::OK, &template)
}

async fn authority_names(state: &AppState) -> Result<HashMap<String, String>, StoreError> {
    Ok(state
        .core
        .store
        .providers()
        .await?
        .into_iter()
        .map(|provider| (provider.id.to_string(), provider.name))
        .collect())
}

fn authority_of(names: &HashMap<String, String>, request: &Correction) -> String {
    names
        .get(request.provider.as_str())
        .cloned()
        .unwrap_or_else(|| request.provider.to_string())
}

fn state_name(page: &PageContext, state: CorrectionState) -> String {
    page.t(&format!("report-state-{}", state.as_str()))
}

// ---- one report ----

#[derive(Template)]
#[template(path = "report.html")]
struct DetailPage {
    chrome: Chrome,
    back: String,
    state_label: String,
    state: String,
    state_class: &'static str,
    record_label: String,
    record_title: String,
    record_href: Option<String>,
    record_gone: Option<String>,
    about: Vec<(String, String)>,
    reported_heading: String,
    reported: Vec<(String, String)>,
    explanation_label: String,
    explanation: String,
    attachments_label: String,
    attachments: Vec<AttachmentLink>,
    timeline_heading: String,
    steps: Vec<StepLine>,
    correction: Option<String>,
    next_heading: String,
    next: String,
    usual: Option<String>,
    withdraw: Option<Withdraw>,
}

struct AttachmentLink {
    href: String,
    name: String,
    about: String,
}

struct StepLine {
    when: String,
    text: String,
    note_label: String,
    note: Option<String>,
}

struct Withdraw {
    action: String,
    hint: String,
    button: String,
}

/// `GET /reports/{id}`: one report, every step, and what happens next.
pub async fn detail(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse::<CorrectionId>() else {
        return page.not_found();
    };
    let (correction, record) = match state.core.own_request(&viewer, &id).await {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    let authority = async {
        let authority = state.core.store.provider(&correction.provider).await;
        authority.map_err(overblik_core::Error::from)
    };
    let usual = state.core.usual_answer_time(&correction.provider);
    let (authority, usual) = match tokio::try_join!(authority, usual) {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    if let Err(error) = viewer.log_read(&state, requests_read([&correction])).await {
        return page.failed(error);
    }
    let template = detail_page(
        &page,
        &viewer,
        &correction,
        record.as_ref(),
        &authority,
        usual,
    );
    page.render(StatusCode::OK, &template)
}

fn detail_page(
    page: &PageContext,
    viewer: &Viewer,
    correction: &Correction,
    record: Option<&StoredRecord>,
    authority: &Provider,
    usual: Option<Duration>,
) -> DetailPage {
    let language = page.language;
    let name = authority.name.clone();
    let with_authority = |id: &str| text_with(language, id, &[("authority", name.clone().into())]);
    let state = correction.state();
    let record_title = record.map_or_else(
        || correction.record_title.clone(),
        |stored| stored.record.title_in(language).to_owned(),
    );
    let mut about = vec![
        (page.t("report-authority"), name.clone()),
        (page.t("report-sent"), page.moment(correction.sent_at())),
    ];
    if let Reporter::Proxy { basis, name } = &correction.reporter {
        let id = match basis.parse::<Basis>() {
            Ok(Basis::Custody(_)) => "log-actor-custody",
            _ => "log-actor-proxy",
        };
        about.push((
            page.t("report-reported-by"),
            text_with(language, id, &[("name", name.clone().into())]),
        ));
    }
    let mut reported = vec![(
        page.t("report-kind-label"),
        page.t(&format!("report-kind-{}", correction.kind.as_str())),
    )];
    if let Some(field) = &correction.field {
        reported.push((page.t("report-field"), field.field.clone()));
        reported.push((page.t("report-value"), field.value.clone()));
    }
    let steps = correction
        .steps
        .iter()
        .map(|step| StepLine {
            when: page.moment(step.at),
            text: with_authority(&format!("report-step-{}", step.state.as_str())),
            note_label: page.t(if step.state == CorrectionState::Rejected {
                "report-step-reason"
            } else {
                "report-step-note"
            }),
            note: step.note.clone(),
        })
        .collect();
    let correction_note = (state == CorrectionState::Corrected).then(|| {
        if record_shows_correction(correction, record) {
            page.t("report-correction-shown")
        } else {
            with_authority("report-correction-coming")
        }
    });
    DetailPage {
        chrome: page.chrome(
            text_with(
                language,
                "report-detail-title",
                &[("name", record_title.clone().into())],
            ),
            Section::Reports,
        ),
        back: page.t("report-back"),
        state_label: page.t("report-state"),
        state: state_name(page, state),
        state_class: match state {
            CorrectionState::Corrected => "done",
            CorrectionState::Rejected => "refused",
            _ => "",
        },
        record_label: page.t("report-record"),
        record_title,
        record_href: record.map(|stored| format!("/records/{}", stored.id)),
        record_gone: record.is_none().then(|| page.t("report-record-gone")),
        about,
        reported_heading: page.t("report-what-heading"),
        reported,
        explanation_label: page.t("report-explanation-label"),
        explanation: correction.explanation.clone(),
        attachments_label: page.t("report-attachments-label"),
        attachments: correction
            .attachments
            .iter()
            .map(|attachment| AttachmentLink {
                href: format!("/reports/{}/attachments/{}", correction.id, attachment.id),
                name: attachment.name.clone(),
                about: format!(
                    "{}, {}",
                    file_type(attachment),
                    file_size(attachment.size, language)
                ),
            })
            .collect(),
        timeline_heading: page.t("report-timeline-heading"),
        steps,
        correction: correction_note,
        next_heading: page.t("report-next-heading"),
        next: with_authority(&format!("report-next-{}", state.as_str())),
        usual: (!state.is_final()).then(|| usual_time(page, &name, usual)),
        withdraw: (!state.is_final() && viewer.may_act()).then(|| Withdraw {
            action: format!("/reports/{}/withdraw", correction.id),
            hint: page.t("report-withdraw-hint"),
            button: page.t("report-withdraw"),
        }),
    }
}

fn file_type(attachment: &Attachment) -> &'static str {
    match attachment.content_type {
        model::AttachmentType::Pdf => "PDF",
        model::AttachmentType::Png => "PNG",
        model::AttachmentType::Jpeg => "JPEG",
    }
}

/// "12 kB", "1.3 MB" ("1,3 MB" in Danish).
fn file_size(bytes: u64, language: Language) -> String {
    const KB: u64 = 1024;
    if bytes < KB * KB {
        format!("{} kB", bytes.div_ceil(KB).max(1))
    } else {
        let tenths = (bytes * 10).div_ceil(KB * KB);
        let separator = language.decimal_mark();
        format!("{}{separator}{} MB", tenths / 10, tenths % 10)
    }
}

/// `POST /reports/{id}/withdraw`: the citizen takes the report back; the authority is told.
pub async fn withdraw(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse::<CorrectionId>() else {
        return page.not_found();
    };
    match state.core.withdraw_request(&viewer, &id).await {
        Ok(_) => Redirect::to(&format!("/reports/{id}")).into_response(),
        Err(overblik_core::Error::Conflict(Conflict::CorrectionSettled(_))) => {
            let message = ReportMessage {
                chrome: page.chrome(page.t("report-settled-title"), Section::Reports),
                text: page.t("report-settled"),
                back: page.t("report-back-to-report"),
                back_href: format!("/reports/{id}"),
            };
            page.render(StatusCode::CONFLICT, &message)
        }
        Err(error) => page.failed(error),
    }
}

/// `GET /reports/{id}/attachments/{attachment}`: a file sent with a report, as a download.
pub async fn attachment(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path((id, attachment)): Path<(String, String)>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse::<CorrectionId>() else {
        return page.not_found();
    };
    let correction = match state.core.own_request(&viewer, &id).await {
        Ok((correction, _)) => correction,
        Err(error) => return page.failed(error),
    };
    let Some(attachment) = attachment_of(&correction, &attachment) else {
        return page.not_found();
    };
    let bytes = match state
        .core
        .store
        .correction_attachment(&correction.id, &attachment.id)
        .await
    {
        Ok(bytes) => bytes,
        Err(StoreError::NotFound) => return page.not_found(),
        Err(error) => return store_failure(error),
    };
    if let Err(error) = viewer.log_read(&state, requests_read([&correction])).await {
        return page.failed(error);
    }
    attachment_response(attachment, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_naturally() {
        assert_eq!(file_size(0, Language::En), "1 kB");
        assert_eq!(file_size(1500, Language::En), "2 kB");
        assert_eq!(file_size(1_300_000, Language::Da), "1,3 MB");
        assert_eq!(file_size(5 * 1024 * 1024, Language::En), "5.0 MB");
    }
}
