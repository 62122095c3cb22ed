//! Correction requests: the citizen (or someone allowed to act for them) reports that a
//! record is wrong or incomplete, follows the authority's answer, or withdraws it. The rules
//! live here once, for the pages, the citizen API and the provider API.

use crate::acting::{Reach, Reader};
use crate::error::{Conflict, Error, Limit, Refusal, Result};
use crate::reading::Disclosure;
use crate::{Core, Limits};
use base64::Engine;
use chrono::{Duration, Utc};
use overblik_ledger::{Actor, ActorKind, Purpose, WhatWasRead};
use overblik_model::correction::{
    self, Answer, Attachment, AttachmentId, CorrectionKind, FieldCorrection, Reporter, Step,
};
use overblik_model::{
    Correction, CorrectionId, CorrectionState, FieldError, Pointer, ProviderId, RecordId,
};
use overblik_store::{Provider, StoreError, StoredRecord};
use serde::Deserialize;
use utoipa::ToSchema;

/// How many of an authority's latest answers tell how long it usually takes.
const ANSWERS_CONSIDERED: u32 = 100;

/// The window the daily limits on reports count over.
const REPORT_WINDOW_HOURS: i64 = 24;

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

/// What became of a report.
#[derive(Debug)]
pub enum Reported {
    /// Stored and sent to the authority.
    New(Correction),
    /// The same report (record, words and files) is already open: this one is it, and
    /// nothing new was stored.
    Existing(Correction),
}

impl Reported {
    pub fn correction(&self) -> &Correction {
        match self {
            Self::New(correction) | Self::Existing(correction) => correction,
        }
    }
}

/// Whether `earlier`, still open, is the report about to be sent again: the same record,
/// kind, words and files (by SHA-256).
fn same_report(
    earlier: &Correction,
    record: &RecordId,
    kind: CorrectionKind,
    explanation: &str,
    field: Option<&FieldCorrection>,
    files: &[String],
) -> bool {
    let mut theirs: Vec<&str> = earlier
        .attachments
        .iter()
        .map(|attachment| attachment.sha256.as_str())
        .collect();
    theirs.sort_unstable();
    !earlier.state().is_final()
        && earlier.record == *record
        && earlier.kind == kind
        && earlier.explanation == explanation
        && earlier.field.as_ref() == field
        && theirs == files
}

/// Which limit a new report about `record` with `new_bytes` of attachments would pass,
/// given the subject's `recent` requests (those of the window and all open ones, newest
/// first).
fn limit_passed(
    limits: &Limits,
    recent: &[Correction],
    record: &RecordId,
    new_bytes: u64,
    now: chrono::DateTime<Utc>,
) -> Option<Limit> {
    let open: Vec<&Correction> = recent
        .iter()
        .filter(|request| !request.state().is_final())
        .collect();
    let allowed = limits.reports_open_per_record;
    if allowed > 0
        && open
            .iter()
            .filter(|request| request.record == *record)
            .count()
            >= allowed as usize
    {
        return Some(Limit::OpenPerRecord(allowed));
    }
    let allowed = limits.reports_open;
    if allowed > 0 && open.len() >= allowed as usize {
        return Some(Limit::Open(allowed));
    }
    let window = Duration::hours(REPORT_WINDOW_HOURS);
    let leaves = |request: &Correction| {
        (request.sent_at() + window - now)
            .to_std()
            .unwrap_or(std::time::Duration::ZERO)
    };
    let in_window: Vec<&Correction> = recent
        .iter()
        .filter(|request| request.sent_at() > now - window)
        .collect();
    let allowed = limits.reports_per_day;
    if allowed > 0 && in_window.len() >= allowed as usize {
        // Newest first: once the allowed-th newest leaves, one fewer than allowed remain.
        let wait = leaves(in_window[allowed as usize - 1]);
        return Some(Limit::PerDay { allowed, wait });
    }
    let allowed = limits.report_bytes_per_day;
    let bytes = |request: &Correction| -> u64 {
        request
            .attachments
            .iter()
            .map(|attachment| attachment.size)
            .sum()
    };
    let mut total = new_bytes + in_window.iter().map(|request| bytes(request)).sum::<u64>();
    if allowed > 0 && new_bytes > 0 && total > allowed {
        let mut wait = window.to_std().unwrap_or_default();
        // Oldest first: the wait is until enough bytes have left the window.
        for request in in_window.iter().rev() {
            total -= bytes(request);
            if total <= allowed {
                wait = leaves(request);
                break;
            }
        }
        return Some(Limit::BytesPerDay { allowed, wait });
    }
    None
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

/// Why a text with a control character (other than a line break or tab) is refused.
pub const CONTROL_CHARACTERS: &str = "must not contain control characters";

/// Checks every field of a report and its files, naming each wrong one in `errors`.
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

impl Core {
    /// Sends the report `request` about the record `record_id`, as the reader: the citizen, or
    /// someone allowed to act for them. A record the reader may not see is `NotFound`, and
    /// nothing is stored unless every field is right and no limit of the subject's is passed.
    /// The same report as one still open is that one.
    pub async fn report(
        &self,
        reader: &Reader,
        record_id: &RecordId,
        request: &ReportRequest,
        uploads: Vec<Upload>,
        mut errors: Vec<FieldError>,
    ) -> Result<Reported> {
        let stored = reader.record(self, record_id).await?;
        if !reader.may_act() {
            return Err(Error::Forbidden(Refusal::ReadOnly));
        }
        let Checked { kind, field, files } = check(request, uploads, &mut errors);
        let (Some(kind), true) = (kind, errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let now = Utc::now();
        // Counted in the store, so that the limits hold whichever server the citizen reaches.
        // Requests sent at the same moment may each pass the count; the rate of writes per
        // session bounds how many.
        let recent = self
            .store
            .recent_corrections(reader.subject(), now - Duration::hours(REPORT_WINDOW_HOURS))
            .await?;
        let explanation = request.explanation.trim();
        let mut hashes: Vec<String> = files
            .iter()
            .map(|(attachment, _)| attachment.sha256.clone())
            .collect();
        hashes.sort_unstable();
        if let Some(same) = recent.iter().find(|earlier| {
            same_report(
                earlier,
                &stored.id,
                kind,
                explanation,
                field.as_ref(),
                &hashes,
            )
        }) {
            tracing::info!(correction = %same.id, "a report was sent again and is the one already open");
            return Ok(Reported::Existing(same.clone()));
        }
        let new_bytes = files.iter().map(|(attachment, _)| attachment.size).sum();
        if let Some(limit) = limit_passed(&self.limits, &recent, &stored.id, new_bytes, now) {
            tracing::info!(?limit, "a report was refused: over a limit");
            return Err(Error::Limited(limit));
        }
        let reporter = match &reader.acting {
            None => Reporter::Citizen,
            Some(acting) => Reporter::Proxy {
                basis: acting.representation.basis.to_string(),
                name: acting.holder_name.clone(),
            },
        };
        let correction = Correction {
            id: CorrectionId::random(),
            subject: *reader.subject(),
            record: stored.id,
            provider: stored.provider.clone(),
            source_id: stored.record.id.clone(),
            record_version: stored.record.version,
            // As the authority reads it: in the deployment's first language.
            record_title: stored
                .record
                .title_in(overblik_model::Country::current().language())
                .to_owned(),
            kind,
            explanation: explanation.to_owned(),
            field,
            attachments: files
                .iter()
                .map(|(attachment, _)| attachment.clone())
                .collect(),
            reporter,
            steps: vec![Step {
                state: CorrectionState::Sent,
                at: now,
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
        self.store.put_correction(&correction, &bytes).await?;
        tracing::info!(correction = %correction.id, provider = %correction.provider, "a correction request was sent");
        Ok(Reported::New(correction))
    }

    /// One request of the subject's, with its record as it is now (if it is still there), or
    /// `NotFound` if the reader may not see it.
    pub async fn own_request(
        &self,
        reader: &Reader,
        id: &CorrectionId,
    ) -> Result<(Correction, Option<StoredRecord>)> {
        let correction = self.store.correction(id).await?;
        if correction.subject != *reader.subject() {
            return Err(Error::NotFound);
        }
        let record = match self
            .store
            .subject_record(reader.subject(), &correction.record, Utc::now())
            .await
        {
            Ok(stored) => Some(stored),
            Err(StoreError::NotFound) => None,
            Err(error) => return Err(error.into()),
        };
        if may_see(reader, &correction, record.as_ref()) {
            Ok((correction, record))
        } else {
            Err(Error::NotFound)
        }
    }

    /// The subject's requests the reader may see, newest first.
    pub async fn own_requests(&self, reader: &Reader) -> Result<Vec<Correction>> {
        let mut requests = self.store.corrections_of(reader.subject()).await?;
        if *reader.reach() != Reach::Everything {
            let records = reader
                .records(self, &overblik_store::RecordFilter::visible_now())
                .await?;
            requests.retain(|request| records.iter().any(|stored| stored.id == request.record));
        }
        Ok(requests)
    }

    /// The provider acknowledges `revision` of its request `id`: it has it, and is working on
    /// it. `NotFound` if the request is not about one of its records.
    pub async fn acknowledge_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        revision: u32,
    ) -> Result<Correction> {
        self.store
            .acknowledge_correction(provider, id, revision, Utc::now())
            .await
            .map_err(settled)
    }

    /// The provider answers its request `id`.
    pub async fn answer_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        answer: &Answer,
    ) -> Result<Correction> {
        let answered = self
            .store
            .answer_correction(provider, id, answer, Utc::now())
            .await
            .map_err(settled)?;
        tracing::info!(correction = %answered.id, state = answered.state().as_str(), "a correction request was answered");
        Ok(answered)
    }

    /// Withdraws request `id` as the reader, if they may see it and act; the record it is
    /// about comes back with it, as it is now.
    pub async fn withdraw_request(
        &self,
        reader: &Reader,
        id: &CorrectionId,
    ) -> Result<(Correction, Option<StoredRecord>)> {
        let (_, record) = self.own_request(reader, id).await?;
        if !reader.may_act() {
            return Err(Error::Forbidden(Refusal::ReadOnly));
        }
        let withdrawn = self
            .store
            .withdraw_correction(reader.subject(), id, Utc::now())
            .await
            .map_err(|error| match error {
                StoreError::Conflict(detail) => {
                    Error::Conflict(Conflict::CorrectionSettled(detail))
                }
                other => Error::from(other),
            })?;
        tracing::info!(correction = %id, "a correction request was withdrawn");
        Ok((withdrawn, record))
    }

    /// How long `provider` usually takes to answer, from its latest answers; `None` while it has
    /// answered too few to say.
    pub async fn usual_answer_time(&self, provider: &ProviderId) -> Result<Option<Duration>> {
        let durations = self
            .store
            .answer_durations(provider, ANSWERS_CONSIDERED)
            .await?;
        Ok(correction::usual_answer_time(durations))
    }
}

/// A store's refusal to change a request as it stands, in the use cases' words.
fn settled(error: StoreError) -> Error {
    match error {
        StoreError::Conflict(detail) => Error::Conflict(Conflict::CorrectionSettled(detail)),
        other => Error::from(other),
    }
}

/// Whether the reader may see this request: it is about the subject's data, and about a
/// kind of record in an area the reader reaches.
pub fn may_see(reader: &Reader, correction: &Correction, record: Option<&StoredRecord>) -> bool {
    correction.subject == *reader.subject()
        && match record {
            Some(stored) => reader.allows(stored.area(), stored.record.kind()),
            // The record is gone: only the citizen themselves, or custody, see the request.
            None => *reader.reach() == Reach::Everything,
        }
}

/// What a list of requests shows, for the log: the records they are about.
pub fn requests_read<'c>(requests: impl IntoIterator<Item = &'c Correction>) -> WhatWasRead {
    WhatWasRead {
        records: requests.into_iter().map(|request| request.record).collect(),
        description: Some("correction_requests".to_owned()),
        ..WhatWasRead::default()
    }
}

/// Whether the record as it is now carries the authority's correction.
pub fn record_shows_correction(correction: &Correction, record: Option<&StoredRecord>) -> bool {
    match (correction.corrected_version, record) {
        (Some(version), Some(stored)) => stored.record.version >= version,
        _ => false,
    }
}

/// Who reads (`provider`) and what (the request about one of the citizen's records), for the
/// citizen's log.
pub fn provider_read(provider: &Provider, correction: &Correction) -> (Disclosure, WhatWasRead) {
    let actor = Actor {
        kind: ActorKind::Authority,
        id: provider.id.to_string(),
        name: provider.name.clone(),
        system: None,
        person: None,
    };
    (
        Disclosure::by(correction.subject, actor, Purpose::CorrectionRequest),
        WhatWasRead {
            records: vec![correction.record],
            description: Some("correction_request".to_owned()),
            ..WhatWasRead::default()
        },
    )
}
