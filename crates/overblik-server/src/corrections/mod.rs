//! Correction requests over HTTP: the views both sides see, attachments as downloads, the
//! and the webhooks that tell authorities. Their rules are
//! `overblik_core::corrections`.

pub mod destination;
pub mod signature;
pub mod webhook;

use crate::provider::PREFIX;
use chrono::Utc;
use overblik_core::Basis;
use overblik_model::correction::{
    Attachment, AttachmentId, CorrectionKind, FieldCorrection, Reporter, Step, WebhookEvent,
};
use overblik_model::values::Version;
use overblik_model::{Correction, CorrectionId, CorrectionState, SourceId};
use serde::Serialize;
use utoipa::ToSchema;

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
                basis: basis
                    .parse::<Basis>()
                    .ok()
                    .map(|basis| basis.purpose().code()),
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

/// The record a request is about, by the authority's own id.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordReference {
    /// The authority's own id of the record.
    #[schema(value_type = String)]
    pub id: SourceId,
    /// The version the citizen saw when they reported.
    pub version: Version,
}

/// A correction request as the authority receives it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProviderCorrectionView {
    #[schema(value_type = String, format = Uuid)]
    pub id: CorrectionId,
    /// Counts the changes to acknowledge: 1 when sent, 2 once the citizen withdrew it.
    pub revision: u32,
    /// The highest revision acknowledged so far.
    pub acknowledged_revision: u32,
    pub state: CorrectionState,
    pub record: RecordReference,
    pub kind: CorrectionKind,
    pub explanation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<FieldCorrection>,
    pub attachments: Vec<AttachmentView>,
    pub reported_by: ReporterView,
    pub steps: Vec<StepView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected_version: Option<Version>,
}

impl ProviderCorrectionView {
    pub fn of(correction: &Correction) -> Self {
        Self {
            id: correction.id,
            revision: correction.revision,
            acknowledged_revision: correction.acknowledged_revision,
            state: correction.state(),
            record: RecordReference {
                id: correction.source_id.clone(),
                version: correction.record_version,
            },
            kind: correction.kind,
            explanation: correction.explanation.clone(),
            field: correction.field.clone(),
            attachments: AttachmentView::list(correction, &format!("{PREFIX}/corrections")),
            reported_by: ReporterView::from(&correction.reporter),
            steps: correction.steps.iter().map(StepView::from).collect(),
            corrected_version: correction.corrected_version,
        }
    }
}

/// What a webhook delivery carries.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookBody {
    /// The same on every retry of this delivery.
    pub delivery: String,
    pub event: WebhookEvent,
    /// The request's revision this delivery tells of; a 2xx answer acknowledges it.
    pub revision: u32,
    pub correction: ProviderCorrectionView,
}
