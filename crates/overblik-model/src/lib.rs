//! The record model of Overblik.
//!
//! Everything a provider sends is parsed here, at the edge, into the types of this crate:
//! identifiers ([`ids`]), values ([`values`]), the records of every kind ([`record`]) and the
//! batches that carry them ([`batch`]). The parser ([`parse`]) collects every offending field
//! with its JSON pointer instead of stopping at the first, so a provider can fix a whole batch
//! in one go. The classification catalogue ([`catalogue`]) ships inside the binary.

pub mod authority;
pub mod batch;
pub mod catalogue;
pub mod certificate;
pub mod choices;
pub mod consent;
pub mod correction;
pub mod country;
pub mod identity;
pub mod ids;
pub mod mandate;
pub mod notify;
pub mod parse;
pub mod record;
pub mod values;

pub use authority::{FactAuthorities, FactSource};
pub use batch::{Batch, BatchReceipt, Delete, Permits, ProviderPermits, StaleRecord, Upsert};
pub use catalogue::{Area, Catalogue, Classification};
pub use certificate::{
    Certificate, CertificateId, CertificateState, CertificateType, CertificateTypeId,
    CertificateTypes, Claim,
};
pub use choices::{AreaMove, OverviewChoices};
pub use consent::{
    Consent, ConsentId, ConsentState, Frequency, GivenBy, Recipient, RecipientId, Terms,
};
pub use correction::{Correction, CorrectionId, CorrectionState};
pub use country::{Country, Preset};
pub use identity::{IdScheme, NationalId, NationalIdError};
pub use ids::{ProviderId, RecordId, SourceId, SubjectKey, SubjectKeySecret};
pub use mandate::{Custody, Mandate, MandateId, MandateState, Permission, Scope};
pub use parse::{FieldError, Pointer};
pub use record::{AttentionSpan, Kind, Record, RecordDetails, Standing};
pub use values::{Currency, Language, LocalizedText, Money, TextLanguage};
