//! Corrections: a citizen (or someone allowed to act for them) tells an authority that a
//! record it holds is wrong or that something is missing, and follows the answer.
//!
//! A request moves through a small lifecycle, every step time-stamped: sent, received by
//! the authority, in progress, then corrected or rejected with a reason by the authority,
//! or withdrawn by the citizen. The rules of that lifecycle live here once, for every store.

use crate::ids::{ProviderId, RecordId, SourceId, SubjectKey};
use crate::values::Version;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// The longest explanation a citizen may write.
pub const MAX_EXPLANATION: usize = 4000;
/// The longest field name and corrected value.
pub const MAX_FIELD: usize = 100;
pub const MAX_VALUE: usize = 1000;
/// At most this many attachments, each at most this large.
pub const MAX_ATTACHMENTS: usize = 3;
pub const MAX_ATTACHMENT_BYTES: usize = 5 * 1024 * 1024;
/// The longest attachment file name kept.
pub const MAX_FILE_NAME: usize = 100;
/// The longest note or reason an authority may give with an answer.
pub const MAX_NOTE: usize = 2000;

macro_rules! random_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(uuid::Uuid);

        impl $name {
            pub fn random() -> Self {
                Self(uuid::Uuid::new_v4())
            }

            pub fn from_uuid(uuid: uuid::Uuid) -> Self {
                Self(uuid)
            }

            pub fn as_uuid(&self) -> &uuid::Uuid {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(input: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(input).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self.0)
            }
        }
    };
}

random_id!(
    /// A correction request's id: random, so that one id tells nothing of another.
    CorrectionId
);
random_id!(
    /// An attachment's id, random like its request's.
    AttachmentId
);
random_id!(
    /// One delivery of a webhook event: the receiver's key for telling a retry from news.
    DeliveryId
);

/// What the citizen reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// Something the record says is wrong.
    Wrong,
    /// Something is missing from the record, or a record is missing.
    Missing,
}

impl CorrectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Wrong => "wrong",
            Self::Missing => "missing",
        }
    }
}

impl FromStr for CorrectionKind {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        match input {
            "wrong" => Ok(Self::Wrong),
            "missing" => Ok(Self::Missing),
            _ => Err("must be wrong or missing"),
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionState {
    /// Sent to the authority, not yet fetched by it.
    Sent,
    /// The authority has it.
    Received,
    /// The authority is looking into it.
    InProgress,
    /// The authority corrected its data.
    Corrected,
    /// The authority did not correct it, and said why.
    Rejected,
    /// The citizen took it back.
    Withdrawn,
}

impl CorrectionState {
    pub const ALL: [Self; 6] = [
        Self::Sent,
        Self::Received,
        Self::InProgress,
        Self::Corrected,
        Self::Rejected,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "sent",
            Self::Received => "received",
            Self::InProgress => "in_progress",
            Self::Corrected => "corrected",
            Self::Rejected => "rejected",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Whether nothing more happens to the request.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Corrected | Self::Rejected | Self::Withdrawn)
    }
}

impl FromStr for CorrectionState {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == input)
            .ok_or("must be sent, received, in_progress, corrected, rejected or withdrawn")
    }
}

/// One step of a request's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Step {
    pub state: CorrectionState,
    pub at: DateTime<Utc>,
    /// The authority's words with the step; the reason, for a rejection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The file types an attachment may be, told by its first bytes, not by what the sender
/// claims: documents and photos, nothing a browser would run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum AttachmentType {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/jpeg")]
    Jpeg,
}

impl AttachmentType {
    /// The type `bytes` are, if one allowed.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }
}

/// A file sent with a request. The bytes are stored beside the request, served only to the
/// citizen and to the authority the request is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attachment {
    pub id: AttachmentId,
    /// The file's name as sent, made safe to show (no folders, no control characters).
    pub name: String,
    pub content_type: AttachmentType,
    pub size: u64,
    /// Hex SHA-256 of the bytes, for the authority to check what it fetched.
    pub sha256: String,
}

impl Attachment {
    /// The attachment made of `bytes` sent under `name`: its type from its first bytes
    /// (`None` if not an allowed type), its name cut to its last path part and to
    /// [`MAX_FILE_NAME`] characters.
    pub fn of(name: &str, bytes: &[u8]) -> Option<Self> {
        use sha2::{Digest, Sha256};
        let content_type = AttachmentType::sniff(bytes)?;
        Some(Self {
            id: AttachmentId::random(),
            name: safe_file_name(name),
            content_type,
            size: bytes.len() as u64,
            sha256: hex::encode(Sha256::digest(bytes)),
        })
    }
}

/// The last part of a path, without control characters or quotes, at most
/// [`MAX_FILE_NAME`] characters; `attachment` when nothing is left.
fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(MAX_FILE_NAME)
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        "attachment".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// The value a citizen says a field should have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldCorrection {
    /// The field, as the record shows it ("address", "amount").
    pub field: String,
    /// What it should say.
    pub value: String,
}

/// Who sent a request: the citizen, or someone acting for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reporter {
    Citizen,
    /// A holder of a power of attorney or a parent with custody, on the citizen's behalf.
    Proxy {
        /// `poa-ID` or `custody-ID`.
        basis: String,
        name: String,
    },
}

/// A citizen's request to an authority to correct or complete a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub id: CorrectionId,
    /// Whose record it is.
    pub subject: SubjectKey,
    /// The record in Overblik, and the authority's own id and version of it when reported.
    pub record: RecordId,
    pub provider: ProviderId,
    pub source_id: SourceId,
    pub record_version: Version,
    /// The record's title as the citizen saw it, kept for the list if the record goes.
    pub record_title: String,
    pub kind: CorrectionKind,
    pub explanation: String,
    pub field: Option<FieldCorrection>,
    pub attachments: Vec<Attachment>,
    pub reporter: Reporter,
    /// Oldest first; the first is always `Sent`.
    pub steps: Vec<Step>,
    /// The record's version that carries the correction, where the authority names it.
    pub corrected_version: Option<Version>,
    /// Counts the changes the authority is to learn of: 1 when sent, 2 once withdrawn.
    pub revision: u32,
    /// The highest revision the authority confirmed it has.
    pub acknowledged_revision: u32,
}

/// Why a change to a request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChangeRefused {
    #[error("the request is {0:?} and can no longer change")]
    Settled(CorrectionState),
    #[error("a request that is {from:?} cannot become {to:?}")]
    NotAllowed {
        from: CorrectionState,
        to: CorrectionState,
    },
    #[error("revision {0} has not been sent")]
    UnknownRevision(u32),
}

/// An authority's answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// `InProgress`, `Corrected` or `Rejected`.
    pub state: CorrectionState,
    /// The authority's words; required with a rejection.
    pub note: Option<String>,
    /// With `Corrected`: the record's version that carries the correction.
    pub corrected_version: Option<Version>,
}

impl Correction {
    /// Where the request stands now.
    pub fn state(&self) -> CorrectionState {
        self.steps
            .last()
            .map_or(CorrectionState::Sent, |step| step.state)
    }

    pub fn sent_at(&self) -> DateTime<Utc> {
        self.steps
            .first()
            .map_or(DateTime::UNIX_EPOCH, |step| step.at)
    }

    /// When the authority gave its final answer, if it has.
    pub fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.steps
            .iter()
            .find(|step| {
                matches!(
                    step.state,
                    CorrectionState::Corrected | CorrectionState::Rejected
                )
            })
            .map(|step| step.at)
    }

    /// Whether the authority has yet to confirm the latest change.
    pub fn awaits_acknowledgement(&self) -> bool {
        self.acknowledged_revision < self.revision
    }

    /// The authority confirms it has the request as of `revision`. The first
    /// confirmation of a sent request marks it received. Returns whether anything changed.
    pub fn acknowledge(&mut self, revision: u32, at: DateTime<Utc>) -> Result<bool, ChangeRefused> {
        if revision == 0 || revision > self.revision {
            return Err(ChangeRefused::UnknownRevision(revision));
        }
        let mut changed = false;
        if revision > self.acknowledged_revision {
            self.acknowledged_revision = revision;
            changed = true;
        }
        if self.state() == CorrectionState::Sent {
            self.steps.push(Step {
                state: CorrectionState::Received,
                at,
                note: None,
            });
            changed = true;
        }
        Ok(changed)
    }

    /// The authority answers. A request it has not acknowledged counts as received by the
    /// answer itself. The latest answer given again (a retry whose reply was lost) changes
    /// nothing: `Ok(false)`.
    pub fn answer(&mut self, answer: Answer, at: DateTime<Utc>) -> Result<bool, ChangeRefused> {
        if self.is_latest(&answer) {
            return Ok(false);
        }
        let from = self.state();
        if from.is_final() {
            return Err(ChangeRefused::Settled(from));
        }
        let allowed = match answer.state {
            CorrectionState::InProgress => from != CorrectionState::InProgress,
            CorrectionState::Corrected | CorrectionState::Rejected => true,
            _ => false,
        };
        if !allowed {
            return Err(ChangeRefused::NotAllowed {
                from,
                to: answer.state,
            });
        }
        if answer.state == CorrectionState::Corrected {
            self.corrected_version = answer.corrected_version;
        }
        self.acknowledged_revision = self.revision;
        self.steps.push(Step {
            state: answer.state,
            at,
            note: answer.note,
        });
        Ok(true)
    }

    /// Whether `answer` is the answer the request carries as its latest step.
    fn is_latest(&self, answer: &Answer) -> bool {
        self.steps
            .last()
            .is_some_and(|last| last.state == answer.state && last.note == answer.note)
            && (answer.state != CorrectionState::Corrected
                || self.corrected_version == answer.corrected_version)
    }

    /// The citizen takes the request back; the authority is told.
    pub fn withdraw(&mut self, at: DateTime<Utc>) -> Result<(), ChangeRefused> {
        let from = self.state();
        if from.is_final() {
            return Err(ChangeRefused::Settled(from));
        }
        self.revision += 1;
        self.steps.push(Step {
            state: CorrectionState::Withdrawn,
            at,
            note: None,
        });
        Ok(())
    }
}

/// Whether `text` holds a control character: any but line breaks and tabs in a text of
/// several lines, any at all in a one-line text.
pub fn has_control_characters(text: &str, multi_line: bool) -> bool {
    text.chars()
        .any(|c| c.is_control() && !(multi_line && matches!(c, '\n' | '\r' | '\t')))
}

/// The middle of how long an authority took to answer, from `durations` (at least three,
/// else `None`: too few to say what is usual).
pub fn usual_answer_time(mut durations: Vec<Duration>) -> Option<Duration> {
    if durations.len() < 3 {
        return None;
    }
    durations.sort();
    Some(durations[durations.len() / 2])
}

/// A webhook event: what happened to a request that the authority is told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum WebhookEvent {
    #[serde(rename = "correction.sent")]
    Sent,
    #[serde(rename = "correction.withdrawn")]
    Withdrawn,
}

impl WebhookEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sent => "correction.sent",
            Self::Withdrawn => "correction.withdrawn",
        }
    }

    /// The event a request's revision stands for.
    pub fn of_revision(revision: u32) -> Self {
        if revision <= 1 {
            Self::Sent
        } else {
            Self::Withdrawn
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> Correction {
        Correction {
            id: CorrectionId::random(),
            subject: SubjectKey::from_slice(&[7; 32]).expect("32 bytes"),
            record: RecordId::from_uuid(uuid::Uuid::nil()),
            provider: "kommune".parse().expect("a provider id"),
            source_id: "sag-1".parse().expect("a source id"),
            record_version: Version::new(1).expect("a version"),
            record_title: "Sag".to_owned(),
            kind: CorrectionKind::Wrong,
            explanation: "The address is old".to_owned(),
            field: None,
            attachments: Vec::new(),
            reporter: Reporter::Citizen,
            steps: vec![Step {
                state: CorrectionState::Sent,
                at: Utc::now(),
                note: None,
            }],
            corrected_version: None,
            revision: 1,
            acknowledged_revision: 0,
        }
    }

    fn answer(state: CorrectionState) -> Answer {
        Answer {
            state,
            note: Some("done".to_owned()),
            corrected_version: None,
        }
    }

    #[test]
    fn a_request_is_received_once_then_answered_then_settled() {
        let mut request = sent();
        assert_eq!(request.acknowledge(1, Utc::now()), Ok(true));
        assert_eq!(request.state(), CorrectionState::Received);
        assert_eq!(request.acknowledge(1, Utc::now()), Ok(false));
        assert_eq!(
            request.acknowledge(2, Utc::now()),
            Err(ChangeRefused::UnknownRevision(2))
        );
        assert_eq!(
            request.answer(answer(CorrectionState::InProgress), Utc::now()),
            Ok(true)
        );
        assert_eq!(
            request.answer(answer(CorrectionState::InProgress), Utc::now()),
            Ok(false),
            "the same answer again changes nothing"
        );
        let mut other_note = answer(CorrectionState::InProgress);
        other_note.note = Some("Still looking".to_owned());
        assert!(matches!(
            request.answer(other_note, Utc::now()),
            Err(ChangeRefused::NotAllowed { .. })
        ));
        request
            .answer(answer(CorrectionState::Rejected), Utc::now())
            .expect("rejected");
        assert_eq!(
            request.withdraw(Utc::now()),
            Err(ChangeRefused::Settled(CorrectionState::Rejected))
        );
        assert!(request.answered_at().is_some());
        let states: Vec<_> = request.steps.iter().map(|step| step.state).collect();
        assert_eq!(
            states,
            [
                CorrectionState::Sent,
                CorrectionState::Received,
                CorrectionState::InProgress,
                CorrectionState::Rejected
            ]
        );
    }

    #[test]
    fn a_withdrawal_is_news_for_the_authority_and_ends_the_request() {
        let mut request = sent();
        request.acknowledge(1, Utc::now()).expect("received");
        request.withdraw(Utc::now()).expect("withdrawn");
        assert!(request.awaits_acknowledgement());
        assert_eq!(
            WebhookEvent::of_revision(request.revision),
            WebhookEvent::Withdrawn
        );
        assert!(matches!(
            request.answer(answer(CorrectionState::Corrected), Utc::now()),
            Err(ChangeRefused::Settled(CorrectionState::Withdrawn))
        ));
        assert_eq!(request.acknowledge(2, Utc::now()), Ok(true));
        assert!(!request.awaits_acknowledgement());
    }

    #[test]
    fn attachments_are_typed_by_their_bytes_and_named_safely() {
        let pdf = Attachment::of("../../etc/bill \"x\".pdf", b"%PDF-1.7 ...").expect("a pdf");
        assert_eq!(pdf.content_type, AttachmentType::Pdf);
        assert_eq!(pdf.name, "bill x.pdf");
        assert!(Attachment::of("photo.png", b"<html>not a png</html>").is_none());
        assert!(Attachment::of("x.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]).is_some());
        assert_eq!(safe_file_name("..").as_str(), "attachment");
    }

    #[test]
    fn the_usual_answer_time_needs_three_answers() {
        let days = |n| Duration::days(n);
        assert_eq!(usual_answer_time(vec![days(1), days(2)]), None);
        assert_eq!(
            usual_answer_time(vec![days(9), days(1), days(3)]),
            Some(days(3))
        );
    }
}
