//! The one error a use case answers with.

use overblik_ledger::LedgerError;
use overblik_model::FieldError;
use overblik_store::StoreError;

/// Why a use case did not do what was asked. The web layer maps it once to a problem
/// document (the APIs) and once to a page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not there, or not the reader's to see: the two are told apart to no one.
    #[error("not found")]
    NotFound,
    /// The reader may not do this; the reason is a stable code (`acting-ended`, ...).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The request names fields that are wrong, each with its JSON pointer; nothing changed.
    #[error("{} field(s) must be corrected", .0.len())]
    Invalid(Vec<FieldError>),
    /// The change cannot be made in the state things are in.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The access log could not record a read, so the data was not disclosed.
    #[error("the access log is unavailable: {0}")]
    LogUnavailable(#[from] LedgerError),
    /// The store failed.
    #[error("the store failed: {0}")]
    Store(StoreError),
}

impl From<StoreError> for Error {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(conflict) => Self::Conflict(conflict),
            other => Self::Store(other),
        }
    }
}

/// What a use case answers.
pub type Result<T, E = Error> = std::result::Result<T, E>;
