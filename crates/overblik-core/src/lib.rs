//! Overblik's use cases, without HTTP: the rules every page, API and worker goes through.
//!
//! - [`reading`]: who reads whose data, and a read disclosed only once its entry in the
//!   subject's access log is durable ([`Disclosed`]). Every entry of a read is written here.
//! - [`acting`]: acting for someone else under a power of attorney or custody, and how far
//!   that reaches.
//! - [`mandates`]: giving, accepting and revoking powers of attorney, and starting to act.
//! - [`corrections`]: correction requests, their limits, and who may see and withdraw them.
//! - [`ingest`]: a provider's batch written once per idempotency key, and the access events
//!   it reports logged exactly once.
//! - [`export`]: everything the reader may take out of the subject's data, at one moment.
//! - [`sharing`]: what a registered service may ask for, a citizen's consent given, narrowed
//!   or revoked, and a service's fetch under it, logged first.
//! - [`certificates`]: what a certificate type attests from the citizen's data, issued only
//!   when the data supports it, signed, revoked, and checked online by anyone with its code.
//! - [`deliveries`]: authorities' heartbeats, and the authorities with their last delivery,
//!   kept briefly for the overview's freshness.
//! - [`notifications`]: the citizen's notification settings, e-mail address, calendar feed
//!   and notices.
//! - [`Error`]: the one error a use case answers with; the web layer maps it once to a
//!   problem document and once to a page.

pub mod acting;
pub mod certificates;
pub mod choices;
pub mod corrections;
pub mod deliveries;
pub mod error;
pub mod export;
pub mod ingest;
pub mod mandates;
pub mod notifications;
pub mod reading;
pub mod sharing;

pub use acting::{Acting, Basis, Reach, Reader, Representation, local_today};
pub use error::{Conflict, Error, Limit, Refusal};
pub use reading::{Disclosed, Disclosure, Logged};

use overblik_ledger::Ledger;
use overblik_model::{FactAuthorities, SubjectKeySecret};
use overblik_store::Store;
use std::sync::Arc;

/// What the use cases work on: the store, the access log, which providers may assert which
/// facts, the secret that turns national identifiers into subject keys, and the limits on
/// how much a citizen may send. Cheap to clone.
#[derive(Clone)]
pub struct Core {
    pub store: Arc<dyn Store>,
    /// The access log every read of a citizen's data is recorded in before it is served.
    pub ledger: Arc<Ledger>,
    /// Which providers may assert which register facts; custody counts only from those.
    pub fact_authorities: Arc<FactAuthorities>,
    /// Turns a national identifier a citizen writes (a holder's, say) into a subject key.
    pub subject_key_secret: Arc<SubjectKeySecret>,
    /// How much a citizen may send.
    pub limits: Limits,
    /// Who signs certificates, and the types it issues.
    pub issuer: Arc<certificates::Issuer>,
    /// The registered authorities as this process last read them.
    providers_seen: Arc<deliveries::ProvidersSeen>,
}

/// How much a citizen may send: correction requests and confirmation e-mails. Counted in
/// the store, so that they hold whichever server the citizen reaches; 0 turns a limit off
/// (the default: whoever starts a server sets them from its settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    /// Correction requests a citizen may have open (not answered or withdrawn) about one
    /// record.
    pub reports_open_per_record: u32,
    /// Correction requests a citizen may have open in all.
    pub reports_open: u32,
    /// Correction requests a citizen may send in 24 hours.
    pub reports_per_day: u32,
    /// Attachment bytes a citizen may send with correction requests in 24 hours.
    pub report_bytes_per_day: u64,
    /// Confirmation e-mails a citizen may have sent in an hour...
    pub confirmation_emails_per_hour: u32,
    /// ...and one address may receive in an hour, whoever asks.
    pub confirmation_emails_per_address_per_hour: u32,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core").finish_non_exhaustive()
    }
}

impl Core {
    pub fn new(
        store: Arc<dyn Store>,
        ledger: Arc<Ledger>,
        fact_authorities: FactAuthorities,
        subject_key_secret: SubjectKeySecret,
        limits: Limits,
        issuer: Arc<certificates::Issuer>,
    ) -> Self {
        Self {
            store,
            ledger,
            fact_authorities: Arc::new(fact_authorities),
            subject_key_secret: Arc::new(subject_key_secret),
            limits,
            issuer,
            providers_seen: Arc::default(),
        }
    }
}
