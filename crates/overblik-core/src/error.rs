//! The one error a use case answers with.

use overblik_ledger::LedgerError;
use overblik_model::FieldError;
use overblik_store::StoreError;
use std::time::Duration;

/// Why a use case did not do what was asked. The web layer maps it once to a problem
/// document (the APIs) and once to a page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not there, or not the reader's to see: the two are told apart to no one.
    #[error("not found")]
    NotFound,
    /// The reader may not do this.
    #[error("forbidden: {}", .0.code())]
    Forbidden(Refusal),
    /// The request names fields that are wrong, each with its JSON pointer; nothing changed.
    #[error("{} field(s) must be corrected", .0.len())]
    Invalid(Vec<FieldError>),
    /// The change cannot be made in the state things are in.
    #[error("conflict: {}", .0.code())]
    Conflict(Conflict),
    /// Over a limit on what a citizen may send; nothing changed.
    #[error("over a limit: {0:?}")]
    Limited(Limit),
    /// The access log could not record a read, so the data was not disclosed.
    #[error("the access log is unavailable: {0}")]
    LogUnavailable(#[from] LedgerError),
    /// The store failed.
    #[error("the store failed: {0}")]
    Store(StoreError),
}

/// Why the reader may not do what they asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Someone acting for another cannot give, accept or revoke powers of attorney, nor
    /// change the other's notification settings: only their own data is theirs to share.
    ActingForAnother,
    /// A power of attorney to see only does not let its holder act for the grantor.
    ReadOnly,
    /// Notifications and how the overview is arranged are the citizen's own: someone acting
    /// for them neither sees nor changes their notification settings and notices, nor
    /// rearranges their overview.
    OwnSettingsOnly,
    /// A holder may share only what their power of attorney lets them see.
    BeyondReach,
    /// Certificates are the citizen's own (or a parent's for a child): a power of attorney
    /// neither issues nor sees them.
    CertificatesOwnOnly,
    /// The data does not support the certificate asked for, for the reason given.
    CannotAttest(crate::certificates::Unsupported),
}

impl Refusal {
    /// The stable code the APIs answer with.
    pub fn code(self) -> &'static str {
        match self {
            Self::ActingForAnother => "acting-for-another",
            Self::ReadOnly => "read-only",
            Self::OwnSettingsOnly => "own-settings-only",
            Self::BeyondReach => "beyond-reach",
            Self::CertificatesOwnOnly => "certificates-own-only",
            Self::CannotAttest(reason) => reason.code(),
        }
    }
}

/// Why a change cannot be made as things stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The power of attorney was accepted or ended before.
    MandateSettled,
    /// The correction request cannot change that way (answered or withdrawn before), for
    /// the reason the store gives.
    CorrectionSettled(String),
    /// The idempotency key was used before for a different batch: nothing was written.
    IdempotencyKeyReused,
    /// The store refused the change, for the reason it gives.
    Store(String),
}

impl Conflict {
    /// The stable code the APIs answer with.
    pub fn code(&self) -> &'static str {
        match self {
            Self::MandateSettled => "mandate-settled",
            Self::CorrectionSettled(_) => "correction-settled",
            Self::IdempotencyKeyReused => "idempotency-key-reused",
            Self::Store(_) => "conflict",
        }
    }
}

/// A limit on what a citizen may send that a new correction request or confirmation e-mail
/// would pass, with the number it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Open requests about one record; one frees when answered or withdrawn.
    OpenPerRecord(u32),
    /// Open requests in all; one frees when answered or withdrawn.
    Open(u32),
    /// Requests in 24 hours; `wait` until the oldest counted one leaves the window.
    PerDay { allowed: u32, wait: Duration },
    /// Attachment bytes in 24 hours; `wait` until enough have left the window.
    BytesPerDay { allowed: u64, wait: Duration },
    /// Confirmation e-mails in an hour, by the citizen or to the address; `wait` until one
    /// may go.
    ConfirmationEmails { wait: Duration },
}

impl Limit {
    /// How long until a request may pass, for the limits that free with time; the open ones
    /// free when the authority answers or the citizen withdraws, at no time one can tell.
    pub fn wait(&self) -> Option<Duration> {
        match self {
            Self::PerDay { wait, .. }
            | Self::BytesPerDay { wait, .. }
            | Self::ConfirmationEmails { wait } => Some(*wait),
            Self::OpenPerRecord(_) | Self::Open(_) => None,
        }
    }
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(conflict) => Self::Conflict(Conflict::Store(conflict)),
            other => Self::Store(other),
        }
    }
}

/// What a use case answers.
pub type Result<T, E = Error> = std::result::Result<T, E>;
