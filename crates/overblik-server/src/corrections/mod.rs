//! Correction requests: the citizen (or someone allowed to act for them) reports that a
//! record is wrong or incomplete, and follows the authority's answer. The rules live here
//! once, for the pages, the citizen API and the provider API.

pub mod api;
pub mod destination;
pub mod webhook;

use crate::acting::{Basis, Viewer};
use crate::problem::Problem;
use crate::state::AppState;
use axum::http::StatusCode;
use base64::Engine;
use chrono::{Duration, Utc};
use overblik_ledger::{AccessEntry, Actor, ActorKind, Channel, WhatWasRead};
use overblik_model::correction::{
    self, Attachment, AttachmentId, CorrectionKind, FieldCorrection, Reporter, Step,
};
use overblik_model::{
    Correction, CorrectionId, CorrectionState, FieldError, Language, Pointer, RecordId,
};
use overblik_store::{Provider, StoreError, StoredRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The purpose logged when an authority reads a request about its record.
pub const CORRECTION_REQUEST: &str = "correction_request";

/// How many of an authority's latest answers tell how long it usually takes.
const ANSWERS_CONSIDERED: u32 = 100;

/// A report as the citizen writes it, field by field as a form or a JSON body gives it;
/// every field is checked, and every wrong one named.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReportRequest {
    /// `wrong` (something the record says is wrong) or `missing` (something is missing).
    #[serde(default)]
    #[schema(required = true, value_type = CorrectionKind)]
    pub kind: String,
    /// What is wrong or missing, in the citizen's own words: at most 4,000 characters, line
    /// breaks and tabs the only control characters.
    #[serde(default)]
    #[schema(
        required = true,
        min_length = 1,
        max_length = 4000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub explanation: String,
    /// Optionally, the field that should change ("address"), on one line of at most 100
    /// characters; given with `value`...
    #[serde(default)]
    #[schema(max_length = 100, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub field: String,
    /// ...and what it should say, at most 1,000 characters; given with `field`.
    #[serde(default)]
    #[schema(
        max_length = 1000,
        pattern = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$"
    )]
    pub value: String,
    /// Files that show it: PDF, PNG or JPEG, at most 3 of at most 5 MiB each.
    #[serde(default)]
    #[schema(max_items = 3)]
    pub attachments: Vec<UploadRequest>,
}

/// A file sent with a report through the JSON API.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct UploadRequest {
    #[serde(default)]
    pub name: String,
    /// `application/pdf`, `image/png` or `image/jpeg`; it must match the bytes.
    #[serde(default)]
    #[schema(pattern = r"^(application/pdf|image/png|image/jpeg)?$")]
    pub content_type: String,
    /// The file, base64-encoded: a PDF, PNG or JPEG file, told by its content.
    #[serde(default)]
    #[schema(required = true)]
    pub data: String,
}

/// A file as it arrived, from a form or decoded from JSON.
#[derive(Debug)]
pub struct Upload {
    pub name: String,
    /// The type the sender claims, if it claims one.
    pub claimed_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why a report was not stored.
#[derive(Debug)]
pub enum ReportRefused {
    /// The fields that must be corrected; nothing was stored.
    Fields(Vec<FieldError>),
    /// The reader may look but not act for the citizen.
    ReadOnly,
    /// Not a record the reader may see (or none at all).
    NotFound,
    Store(StoreError),
}

impl From<StoreError> for ReportRefused {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            other => Self::Store(other),
        }
    }
}

impl From<ReportRefused> for Problem {
    fn from(refused: ReportRefused) -> Self {
        match refused {
            ReportRefused::Fields(errors) => Problem::invalid_fields(errors),
            ReportRefused::ReadOnly => read_only(),
            ReportRefused::NotFound => Problem::not_found(),
            ReportRefused::Store(error) => Problem::from(error),
        }
    }
}

/// A power of attorney to see only does not let its holder report for the grantor.
pub fn read_only() -> Problem {
    Problem::new(
        StatusCode::FORBIDDEN,
        "read-only",
        "Your power of attorney lets you see, not act",
    )
    .detail("ask the person you act for to give you a power of attorney to see and act")
}

/// Decodes the JSON API's files, naming each that is not base64.
pub fn decode_uploads(requests: &[UploadRequest], errors: &mut Vec<FieldError>) -> Vec<Upload> {
    let engine = base64::engine::general_purpose::STANDARD;
    requests
        .iter()
        .enumerate()
        .filter_map(
            |(index, request)| match engine.decode(request.data.trim()) {
                Ok(bytes) => Some(Upload {
                    name: request.name.clone(),
                    claimed_type: Some(request.content_type.clone()).filter(|t| !t.is_empty()),
                    bytes,
                }),
                Err(_) => {
                    errors.push(FieldError {
                        pointer: Pointer::root().key("attachments").index(index).key("data"),
                        detail: "must be the file in base64".to_owned(),
                    });
                    None
                }
            },
        )
        .collect()
}

/// What a report's fields come to once checked.
struct Checked {
    kind: Option<CorrectionKind>,
    field: Option<FieldCorrection>,
    /// The attachments to store, with their bytes.
    files: Vec<(Attachment, Vec<u8>)>,
}

/// Checks every field of a report and its files, naming each wrong one in `errors`.
/// Why a text with a control character (other than a line break or tab) is refused.
pub const CONTROL_CHARACTERS: &str = "must not contain control characters";

fn check(request: &ReportRequest, uploads: Vec<Upload>, errors: &mut Vec<FieldError>) -> Checked {
    let mut wrong = |pointer: Pointer, detail: &str| {
        errors.push(FieldError {
            pointer,
            detail: detail.to_owned(),
        });
    };
    let kind = request.kind.trim().parse::<CorrectionKind>();
    if let Err(detail) = kind {
        wrong(Pointer::root().key("kind"), detail);
    }
    let explanation = request.explanation.trim();
    if explanation.is_empty() {
        wrong(
            Pointer::root().key("explanation"),
            "is required: tell the authority what is wrong or missing",
        );
    } else if explanation.chars().count() > correction::MAX_EXPLANATION {
        wrong(
            Pointer::root().key("explanation"),
            &format!("must be at most {} characters", correction::MAX_EXPLANATION),
        );
    } else if correction::has_control_characters(explanation, true) {
        wrong(Pointer::root().key("explanation"), CONTROL_CHARACTERS);
    }
    let (field, value) = (request.field.trim(), request.value.trim());
    let one_line = |text: &str, max: usize| {
        text.chars().count() <= max && !correction::has_control_characters(text, false)
    };
    if !one_line(field, correction::MAX_FIELD) {
        wrong(
            Pointer::root().key("field"),
            &format!(
                "must be at most {} characters on one line, without control characters",
                correction::MAX_FIELD
            ),
        );
    }
    if value.chars().count() > correction::MAX_VALUE {
        wrong(
            Pointer::root().key("value"),
            &format!("must be at most {} characters", correction::MAX_VALUE),
        );
    } else if correction::has_control_characters(value, true) {
        wrong(Pointer::root().key("value"), CONTROL_CHARACTERS);
    }
    if field.is_empty() != value.is_empty() {
        let (empty, other) = if field.is_empty() {
            ("field", "value")
        } else {
            ("value", "field")
        };
        wrong(
            Pointer::root().key(empty),
            &format!("is required with {other}: name the field and what it should say"),
        );
    }
    if uploads.len() > correction::MAX_ATTACHMENTS {
        wrong(
            Pointer::root().key("attachments"),
            &format!("may hold at most {} files", correction::MAX_ATTACHMENTS),
        );
    }
    let mut files = Vec::new();
    for (index, upload) in uploads.into_iter().enumerate() {
        let at = || Pointer::root().key("attachments").index(index);
        if upload.bytes.len() > correction::MAX_ATTACHMENT_BYTES {
            wrong(
                at().key("data"),
                &format!(
                    "is {} bytes; a file may be at most {} MiB",
                    upload.bytes.len(),
                    correction::MAX_ATTACHMENT_BYTES / (1024 * 1024)
                ),
            );
            continue;
        }
        let Some(attachment) = Attachment::of(&upload.name, &upload.bytes) else {
            wrong(
                at().key("data"),
                "must be a PDF, PNG or JPEG file (told by its content, not its name)",
            );
            continue;
        };
        if let Some(claimed) = &upload.claimed_type
            && !claimed.eq_ignore_ascii_case(attachment.content_type.mime())
        {
            wrong(
                at().key("content_type"),
                &format!(
                    "says {claimed}, but the file is {}",
                    attachment.content_type.mime()
                ),
            );
            continue;
        }
        files.push((attachment, upload.bytes));
    }
    let field = (!field.is_empty() && !value.is_empty()).then(|| FieldCorrection {
        field: field.to_owned(),
        value: value.to_owned(),
    });
    Checked {
        kind: kind.ok(),
        field,
        files,
    }
}

/// Sends the report `request` about the record `record_id`, as the reader: the citizen, or
/// someone allowed to act for them. A record the reader may not see is `NotFound`, and
/// nothing is stored unless every field is right.
pub async fn report(
    state: &AppState,
    viewer: &Viewer,
    record_id: &RecordId,
    request: &ReportRequest,
    uploads: Vec<Upload>,
    mut errors: Vec<FieldError>,
) -> Result<Correction, ReportRefused> {
    let stored = viewer.record(state, record_id).await?;
    if !viewer.may_act() {
        return Err(ReportRefused::ReadOnly);
    }
    let Checked { kind, field, files } = check(request, uploads, &mut errors);
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Err(ReportRefused::Fields(errors));
    };
    let reporter = match &viewer.acting {
        None => Reporter::Citizen,
        Some(acting) => Reporter::Proxy {
            basis: acting.representation.basis.to_string(),
            name: acting.holder_name.clone(),
        },
    };
    let correction = Correction {
        id: CorrectionId::random(),
        subject: *viewer.subject(),
        record: stored.id,
        provider: stored.provider.clone(),
        source_id: stored.record.id.clone(),
        record_version: stored.record.version,
        record_title: stored.record.title_in(Language::Da).to_owned(),
        kind,
        explanation: request.explanation.trim().to_owned(),
        field,
        attachments: files
            .iter()
            .map(|(attachment, _)| attachment.clone())
            .collect(),
        reporter,
        steps: vec![Step {
            state: CorrectionState::Sent,
            at: Utc::now(),
            note: None,
        }],
        corrected_version: None,
        revision: 1,
        acknowledged_revision: 0,
    };
    let bytes: Vec<(AttachmentId, Vec<u8>)> = files
        .into_iter()
        .map(|(attachment, bytes)| (attachment.id, bytes))
        .collect();
    state.store.put_correction(&correction, &bytes).await?;
    tracing::info!(correction = %correction.id, provider = %correction.provider, "a correction request was sent");
    Ok(correction)
}

/// Whether the reader may see this request: it is about the subject's data, and about a
/// kind of record in an area the reader reaches.
pub fn may_see(viewer: &Viewer, correction: &Correction, record: Option<&StoredRecord>) -> bool {
    correction.subject == *viewer.subject()
        && match record {
            Some(stored) => viewer.allows(stored.area(), stored.record.kind()),
            // The record is gone: only the citizen themselves, or custody, see the request.
            None => *viewer.reach() == crate::acting::Reach::Everything,
        }
}

/// One request of the subject's, with its record as it is now (if it is still there), or
/// `NotFound` if the reader may not see it.
pub async fn own_request(
    state: &AppState,
    viewer: &Viewer,
    id: &CorrectionId,
) -> Result<(Correction, Option<StoredRecord>), StoreError> {
    let correction = state.store.correction(id).await?;
    if correction.subject != *viewer.subject() {
        return Err(StoreError::NotFound);
    }
    let record = match state
        .store
        .subject_record(viewer.subject(), &correction.record, Utc::now())
        .await
    {
        Ok(stored) => Some(stored),
        Err(StoreError::NotFound) => None,
        Err(error) => return Err(error),
    };
    if may_see(viewer, &correction, record.as_ref()) {
        Ok((correction, record))
    } else {
        Err(StoreError::NotFound)
    }
}

/// The subject's requests the reader may see, newest first.
pub async fn own_requests(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<Correction>, StoreError> {
    let mut requests = state.store.corrections_of(viewer.subject()).await?;
    if *viewer.reach() != crate::acting::Reach::Everything {
        let records = viewer
            .records(state, &overblik_store::RecordFilter::visible_now())
            .await?;
        requests.retain(|request| records.iter().any(|stored| stored.id == request.record));
    }
    Ok(requests)
}

/// What a list of requests shows, for the log: the records they are about.
pub fn requests_read<'c>(requests: impl IntoIterator<Item = &'c Correction>) -> WhatWasRead {
    WhatWasRead {
        records: requests.into_iter().map(|request| request.record).collect(),
        description: Some("correction_requests".to_owned()),
        ..WhatWasRead::default()
    }
}

/// How long `provider` usually takes to answer, from its latest answers; `None` while it has
/// answered too few to say.
pub async fn usual_answer_time(
    state: &AppState,
    provider: &overblik_model::ProviderId,
) -> Result<Option<Duration>, StoreError> {
    let durations = state
        .store
        .answer_durations(provider, ANSWERS_CONSIDERED)
        .await?;
    Ok(correction::usual_answer_time(durations))
}

/// Whether the record as it is now carries the authority's correction.
pub fn record_shows_correction(correction: &Correction, record: Option<&StoredRecord>) -> bool {
    match (correction.corrected_version, record) {
        (Some(version), Some(stored)) => stored.record.version >= version,
        _ => false,
    }
}

/// The log entry for `provider` reading the requests about one citizen, through `channel`.
pub fn provider_read_entry(
    provider: &Provider,
    correction: &Correction,
    channel: Channel,
    request_id: Option<String>,
) -> AccessEntry {
    AccessEntry {
        at: Utc::now(),
        actor: Actor {
            kind: ActorKind::Authority,
            id: provider.id.to_string(),
            name: provider.name.clone(),
            system: None,
            person: None,
        },
        subject: correction.subject,
        on_behalf_of: None,
        read: WhatWasRead {
            records: vec![correction.record],
            description: Some("correction_request".to_owned()),
            ..WhatWasRead::default()
        },
        purpose: CORRECTION_REQUEST.to_owned(),
        legal_basis: None,
        channel,
        request_id,
        hidden_until: None,
    }
}

/// A request's step as both sides see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub state: CorrectionState,
    pub at: chrono::DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl From<&Step> for StepView {
    fn from(step: &Step) -> Self {
        Self {
            state: step.state,
            at: step.at,
            note: step.note.clone(),
        }
    }
}

/// Who sent a request, as the authority and the citizen see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReporterView {
    /// `citizen`, or `proxy` for someone acting on the citizen's behalf.
    pub kind: &'static str,
    /// The proxy's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `power_of_attorney` or `parental_custody`, for a proxy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<&'static str>,
}

impl From<&Reporter> for ReporterView {
    fn from(reporter: &Reporter) -> Self {
        match reporter {
            Reporter::Citizen => Self {
                kind: "citizen",
                name: None,
                basis: None,
            },
            Reporter::Proxy { basis, name } => Self {
                kind: "proxy",
                name: Some(name.clone()),
                basis: basis.parse::<Basis>().ok().map(|basis| match basis {
                    Basis::PowerOfAttorney(_) => crate::acting::POWER_OF_ATTORNEY,
                    Basis::Custody(_) => crate::acting::PARENTAL_CUSTODY,
                }),
            },
        }
    }
}

/// An attachment's description, with where to fetch it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentView {
    #[serde(flatten)]
    pub attachment: Attachment,
    /// Where the bytes are, for whoever may fetch them.
    pub href: String,
}

impl AttachmentView {
    pub fn list(correction: &Correction, base: &str) -> Vec<Self> {
        correction
            .attachments
            .iter()
            .map(|attachment| Self {
                attachment: attachment.clone(),
                href: format!("{base}/{}/attachments/{}", correction.id, attachment.id),
            })
            .collect()
    }
}

/// Finds an attachment of `correction` by the id in a URL.
pub fn attachment_of<'c>(correction: &'c Correction, id: &str) -> Option<&'c Attachment> {
    let id: AttachmentId = id.parse().ok()?;
    correction
        .attachments
        .iter()
        .find(|attachment| attachment.id == id)
}

/// An attachment's bytes as a download: never shown inline, never sniffed.
pub fn attachment_response(attachment: &Attachment, bytes: Vec<u8>) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(attachment.content_type.mime()),
    );
    let ascii: String = attachment
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
