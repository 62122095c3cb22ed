//! The storage trait of Overblik.
//!
//! The web layer talks to a [`Store`] and never names a database. Every backend passes the
//! [`conformance`] suite, written once against this trait.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use overblik_model::correction::{Answer, AttachmentId, DeliveryId};
use overblik_model::notify::{MailOutcome, MailState, Notice, NoticeId, Preferences};
use overblik_model::values::Version;
use overblik_model::{
    Area, Batch, BatchReceipt, Certificate, CertificateId, Consent, ConsentId, Correction,
    CorrectionId, Kind, Mandate, MandateId, OverviewChoices, ProviderId, Recipient, RecipientId,
    Record, RecordId, SourceId, SubjectKey,
};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

#[cfg(feature = "conformance")]
pub mod conformance;
pub mod outbox;

/// What can go wrong in a store, as far as callers branch on it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database cannot be reached right now (connections refused, cut or timed out):
    /// worth trying again shortly.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub fn other(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Other(Box::new(error))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Why a change to a mandate wrote nothing, given what reading it again `found`: it is not
/// the asker's to change (`NotFound`, as if it did not exist), or it was settled before
/// (`Conflict`). For backends, after an update that matched no row; `may_change` tells
/// whether the mandate is the asker's to change.
pub fn mandate_unchanged(
    found: StoreResult<Mandate>,
    may_change: impl Fn(&Mandate) -> bool,
) -> StoreError {
    match found {
        Ok(found) if may_change(&found) => {
            StoreError::Conflict("the mandate was settled before".to_owned())
        }
        Ok(_) | Err(StoreError::NotFound) => StoreError::NotFound,
        Err(error) => error,
    }
}

/// Why revoking a consent wrote nothing, given what reading it again `found`: it is not
/// `subject`'s (`NotFound`, as if it did not exist), or it was revoked before (`Conflict`).
/// For backends, after an update that matched no row.
pub fn consent_unchanged(found: StoreResult<Consent>, subject: &SubjectKey) -> StoreError {
    match found {
        Ok(found) if found.subject == *subject => {
            StoreError::Conflict("the consent was revoked before".to_owned())
        }
        Ok(_) | Err(StoreError::NotFound) => StoreError::NotFound,
        Err(error) => error,
    }
}

/// Why revoking a certificate wrote nothing, given what reading it again `found`: it is not
/// `subject`'s (`NotFound`, as if it did not exist), or it was revoked before (`Conflict`).
/// For backends, after an update that matched no row.
pub fn certificate_unchanged(found: StoreResult<Certificate>, subject: &SubjectKey) -> StoreError {
    match found {
        Ok(found) if found.subject == *subject => {
            StoreError::Conflict("the certificate was revoked before".to_owned())
        }
        Ok(_) | Err(StoreError::NotFound) => StoreError::NotFound,
        Err(error) => error,
    }
}

/// A provider's key for making a retried batch safe: 1 to 255 visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for IdempotencyKey {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        if (1..=255).contains(&input.len()) && input.bytes().all(|b| b.is_ascii_graphic()) {
            Ok(Self(input.to_owned()))
        } else {
            Err("must be 1 to 255 visible ASCII characters")
        }
    }
}

/// The outcome of applying a batch under an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    /// The batch was written; here is its receipt.
    Applied(BatchReceipt),
    /// The key was used before for the same request: nothing was written, here is the first receipt.
    Replayed(BatchReceipt),
    /// The key was used before for a different request: nothing was written.
    KeyReused,
}

/// An authority registered to push records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    pub id: ProviderId,
    /// The authority's name as citizens know it.
    pub name: String,
    /// Public keys (JWK, RFC 7517, as JSON text) that may sign its client assertions.
    pub public_keys: Vec<String>,
    /// Classification prefixes it may write, such as `28` or `85.10`.
    pub classifications: Vec<String>,
    /// The authority's own self-service for citizens.
    pub homepage: Option<String>,
    pub registered_at: DateTime<Utc>,
    /// How many days may pass without a delivery before what it holds counts as stale:
    /// the authority's promise to the citizens, set at registration. `None`: no promise,
    /// so its data is never called stale (only missing, before its first delivery).
    pub stale_after_days: Option<u32>,
    /// When it last delivered: a batch applied or a heartbeat. Kept by the store; a new
    /// registration never moves it back.
    pub last_delivery: Option<DateTime<Utc>>,
}

/// A record as stored, with Overblik's own id and bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub id: RecordId,
    pub provider: ProviderId,
    pub subject: SubjectKey,
    /// When Overblik received this version.
    pub stored_at: DateTime<Utc>,
    /// When Overblik received the version whose content this one repeats: a new version
    /// that changes nothing the citizen reads (see [`Record::content_hash`]) keeps it.
    pub changed_at: DateTime<Utc>,
    /// Shared: the store keeps the records the overview reads on every view decoded, and a
    /// view hands them on to the rules and the page without copying them.
    pub record: Arc<Record>,
}

impl StoredRecord {
    pub fn area(&self) -> Area {
        self.record.classification.area()
    }
}

/// Which of a subject's records to read.
#[derive(Debug, Clone, Copy)]
pub struct RecordFilter {
    pub area: Option<Area>,
    pub kind: Option<Kind>,
    /// Only records visible at this moment (not hidden until later).
    pub visible_at: DateTime<Utc>,
}

impl RecordFilter {
    /// Every record of the subject that is visible now.
    pub fn visible_now() -> Self {
        Self {
            area: None,
            kind: None,
            visible_at: Utc::now(),
        }
    }
}

/// What the overview needs of one subject's records, read without decoding all of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubjectSummary {
    /// The visible records by area and kind, in no particular order.
    pub tallies: Vec<Tally>,
    /// The visible records whose [`AttentionSpan`](overblik_model::AttentionSpan) reaches
    /// the moment asked about, newest change at the source first.
    pub may_need_attention: Vec<StoredRecord>,
    /// The visible records whose content changed after the moment asked about, in no
    /// particular order.
    pub changed_since: Vec<RecordId>,
}

/// What the overview page reads of one subject: see [`Store::subject_overview`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubjectOverview {
    pub summary: SubjectSummary,
    /// The standing records, in no particular order.
    pub standing: Vec<StoredRecord>,
    pub choices: OverviewChoices,
}

/// How many visible records a subject has of one kind in one area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub area: Area,
    pub kind: Kind,
    pub count: u64,
    /// The newest change at the source among them.
    pub last_updated: DateTime<Utc>,
}

impl SubjectSummary {
    /// The summary worked out from all of a subject's visible records, newest change at the
    /// source first: what every store's [`RecordStore::subject_summary`] must answer.
    pub fn of(records: &[StoredRecord], now: DateTime<Utc>, since: Option<DateTime<Utc>>) -> Self {
        let mut tallies: Vec<Tally> = Vec::new();
        for stored in records {
            let (area, kind) = (stored.area(), stored.record.kind());
            let updated = stored.record.updated_at.get();
            match tallies
                .iter_mut()
                .find(|tally| tally.area == area && tally.kind == kind)
            {
                Some(tally) => {
                    tally.count += 1;
                    tally.last_updated = tally.last_updated.max(updated);
                }
                None => tallies.push(Tally {
                    area,
                    kind,
                    count: 1,
                    last_updated: updated,
                }),
            }
        }
        Self {
            tallies,
            may_need_attention: records
                .iter()
                .filter(|stored| stored.record.attention_span().reaches(now))
                .cloned()
                .collect(),
            changed_since: since.map_or_else(Vec::new, |since| {
                records
                    .iter()
                    .filter(|stored| stored.changed_at > since)
                    .map(|stored| stored.id)
                    .collect()
            }),
        }
    }

    /// For comparing summaries: tallies and stored ids in one order.
    pub fn sorted(mut self) -> Self {
        self.tallies.sort_by_key(|tally| (tally.area, tally.kind));
        self.changed_since.sort_by_key(|id| *id.as_uuid());
        self
    }
}

/// The hash of a session token. Cookies carry the token; stores keep only its SHA-256, so
/// a copy of the database opens no session.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionKey(pub [u8; 32]);

impl fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionKey(redacted)")
    }
}

/// A citizen's signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub subject: SubjectKey,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// When the citizen signed in before this session, to tell what changed since.
    pub previous_visit: Option<DateTime<Utc>>,
}

/// How a session was signed in: when, through which identity provider, and on what kind of
/// device (a browser and a system, never the whole user agent or an address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignIn {
    pub at: DateTime<Utc>,
    pub identity_provider: String,
    pub device: String,
}

/// A session that has not ended, with how it was signed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSession {
    pub key: SessionKey,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Absent for a session signed in before sign-ins were remembered.
    pub sign_in: Option<SignIn>,
}

/// How many of a citizen's sign-ins are remembered; older ones are forgotten.
pub const SIGN_INS_KEPT: usize = 50;

/// How long sessions last.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    /// A session unused this long has ended.
    pub idle: chrono::Duration,
    /// A session this old has ended, however busy.
    pub absolute: chrono::Duration,
}

impl SessionLimits {
    /// Whether a session made at `created_at` and last used at `last_seen_at` has ended by `now`.
    pub fn session_ended(
        &self,
        created_at: DateTime<Utc>,
        last_seen_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> bool {
        now - last_seen_at > self.idle || now - created_at > self.absolute
    }

    /// Whether a use at `now` should be written down. Writing every request would make every
    /// page view a write; once a minute is enough, so the idle limit may stretch by that much.
    pub fn should_record_use(last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now - last_seen_at > chrono::Duration::minutes(1)
    }
}

/// A record's whole stored state as it moves from one store to another: the current version
/// of a live record, or the marker a delete left so that older versions stay out.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedRecord {
    pub id: RecordId,
    pub provider: ProviderId,
    pub source_id: SourceId,
    pub version: Version,
    /// When Overblik received this version (or the delete).
    pub stored_at: DateTime<Utc>,
    /// When its content last changed; see [`StoredRecord::changed_at`].
    pub changed_at: DateTime<Utc>,
    /// The subject and the record; `None` for a deleted record's marker.
    pub live: Option<(SubjectKey, Record)>,
}

/// One page of [`TransferStore::export_records`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPage {
    /// In the order the store first received them.
    pub records: Vec<ExportedRecord>,
    /// Where the next page starts; `None` after the last page.
    pub next: Option<u64>,
}

/// A notice the mail worker is to send now, with the citizen's preferences as they are now.
#[derive(Debug, Clone, PartialEq)]
pub struct MailJob {
    pub notice: Notice,
    pub preferences: Preferences,
    /// `Pending`, or `Held` when it waited for the daily digest.
    pub state: MailState,
    /// The tries that failed before this one.
    pub attempts: u32,
    /// Until when the worker that claimed it holds it.
    pub lease_until: DateTime<Utc>,
}

/// A citizen's notification preferences as stored, for moving a deployment.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPreferences {
    pub subject: SubjectKey,
    pub preferences: Preferences,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    /// A confirmation link not yet followed: its token's SHA-256, and when it was sent.
    pub email_token: Option<([u8; 32], DateTime<Utc>)>,
}

/// A citizen's calendar feed as stored: its token only as a hash.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCalendarFeed {
    pub subject: SubjectKey,
    pub token_hash: [u8; 32],
    pub made_at: DateTime<Utc>,
}

/// When confirmation e-mails were asked for, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfirmationsSent {
    /// By one citizen, to any address.
    pub by_subject: Vec<DateTime<Utc>>,
    /// To one address, by any citizen.
    pub to_address: Vec<DateTime<Utc>>,
}

/// How long the times of confirmation e-mails are kept for their limits.
pub const CONFIRMATIONS_KEPT: chrono::Duration = chrono::Duration::days(1);

/// A notice as stored, with where it stands as e-mail, for moving a deployment. A worker's
/// lease does not move: the copy is made with the server stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredNotice {
    pub notice: Notice,
    pub mail_state: MailState,
    pub mail_due_at: DateTime<Utc>,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// Every citizen's notification settings and notices, as one store holds them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NotificationsExport {
    pub preferences: Vec<StoredPreferences>,
    pub feeds: Vec<StoredCalendarFeed>,
    pub notices: Vec<StoredNotice>,
}

/// A consent as stored, with the hash of the refresh token issued last, for moving a
/// deployment: the recipient's refresh token goes on working after the move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredConsent {
    pub consent: Consent,
    /// The SHA-256 of the refresh token issued last; `None` before the first.
    pub refresh_hash: Option<[u8; 32]>,
}

/// Every registered recipient and every consent, as one store holds them. Grants do not
/// move: they last minutes, and the copy is made with the server stopped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharingExport {
    /// By id.
    pub recipients: Vec<Recipient>,
    /// Oldest first.
    pub consents: Vec<StoredConsent>,
}

/// The notification outbox as the operator sees it in `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxStats {
    /// Notices due for e-mail now, whether never tried or failed before.
    pub due: u64,
    /// Notices not yet sent that failed at least once, due again now or later.
    pub retrying: u64,
    /// Notices for e-mail later: reminders, digests and retries not due yet.
    pub waiting: u64,
    /// When the longest-waiting due notice fell due.
    pub oldest_due_at: Option<DateTime<Utc>>,
}

/// A webhook delivery the worker is to make now: a request's revision, to the URL its
/// authority registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookJob {
    pub id: DeliveryId,
    pub provider: ProviderId,
    pub url: String,
    pub correction: CorrectionId,
    /// The request's revision the delivery tells of.
    pub revision: u32,
    /// The tries that failed before this one.
    pub attempts: u32,
    /// Until when the worker that claimed it holds it.
    pub lease_until: DateTime<Utc>,
}

/// What became of a webhook delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// The receiver answered 2xx: the authority has the revision, as if it acknowledged it.
    Delivered,
    /// Try again at `at`.
    Retry { at: DateTime<Utc>, error: String },
    /// Nothing to deliver any more: the authority removed its webhook.
    Dropped,
}

/// The role traits, for code that calls them on a `dyn Store`: `use overblik_store::roles::*;`.
/// Code that needs one role takes that trait alone.
pub mod roles {
    pub use crate::{
        CertificateStore, ChoiceStore, CorrectionStore, MandateStore, NotificationStore,
        OutboxStore, ProviderStore, RecordStore, SessionStore, SharingStore, TransferStore,
    };
}

/// A subject's records, as providers' batches write them.
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// Applies a whole batch in one transaction, unless `key` was already used by `provider`.
    ///
    /// A record whose version is not newer than the stored one (or than its deletion) is left
    /// alone and listed as stale in the receipt. `request_hash` tells a retry from a different
    /// request under the same key.
    async fn apply_batch(
        &self,
        provider: &ProviderId,
        key: &IdempotencyKey,
        request_hash: [u8; 32],
        batch: &Batch,
    ) -> StoreResult<BatchOutcome>;

    /// One subject's records, newest change at the source first.
    async fn subject_records(
        &self,
        subject: &SubjectKey,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>>;

    /// What the overview needs of one subject's records visible at `now`: the tallies by
    /// area and kind, the records that may need attention at `now`, and the ids of records
    /// stored after `since`. The same as [`SubjectSummary::of`] over
    /// [`RecordStore::subject_records`], without reading every record.
    async fn subject_summary(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary>;

    /// One subject's records visible and standing at `at` (see [`Standing`]: their open
    /// cases, current benefits and valid register facts, with a margin of a day or two), in
    /// no particular order: what life events, recommendations and the glance read, found
    /// without reading the subject's history.
    ///
    /// [`Standing`]: overblik_model::Standing
    async fn standing_records(
        &self,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<StoredRecord>>;

    /// One record of one subject; `NotFound` if it is another subject's or hidden at `visible_at`.
    async fn subject_record(
        &self,
        subject: &SubjectKey,
        id: &RecordId,
        visible_at: DateTime<Utc>,
    ) -> StoreResult<StoredRecord>;

    /// How many live records a provider has, or all providers together.
    async fn record_count(&self, provider: Option<&ProviderId>) -> StoreResult<u64>;
}

/// The registered providers, and the assertion ids their token requests used.
#[async_trait]
pub trait ProviderStore: Send + Sync {
    /// Registers a provider, or replaces its registration; its `last_delivery` moves only
    /// forward, and `registered_at` stays the first registration's.
    async fn put_provider(&self, provider: &Provider) -> StoreResult<()>;

    async fn provider(&self, id: &ProviderId) -> StoreResult<Provider>;

    async fn providers(&self) -> StoreResult<Vec<Provider>>;

    /// Notes that the provider delivered at `at` with nothing to change (a heartbeat); an
    /// applied batch notes its own delivery. An earlier `at` than the last one changes nothing.
    async fn note_delivery(&self, provider: &ProviderId, at: DateTime<Utc>) -> StoreResult<()>;

    /// Marks the `jti` of a signed proof from `issuer` (a provider's client assertion, a
    /// recipient's, a DPoP proof's key) as used until `expires_at`. Returns `false` if it was
    /// used before, so a replayed proof can be refused.
    async fn use_assertion_id(
        &self,
        issuer: &str,
        jti: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool>;
}

/// Citizens' sessions.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Starts a session for `subject` at `now`, remembering this as the citizen's latest
    /// visit and the one before it as the session's `previous_visit`. Sessions that have
    /// ended by `limits` are cleared away on the way.
    async fn start_session(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session>;

    /// The session behind `key` at `now`, marked as used; `NotFound` once it has ended by
    /// either limit (and then it is removed). Use is recorded at most once a minute, so the
    /// idle limit may stretch by that much.
    async fn session(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session>;

    /// Ends a session (signing out). Ending one that has already ended is not an error.
    async fn end_session(&self, key: &SessionKey) -> StoreResult<()>;

    /// Remembers how the session behind `key` was signed in, keeping the subject's latest
    /// [`SIGN_INS_KEPT`] sign-ins.
    async fn note_sign_in(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        sign_in: &SignIn,
    ) -> StoreResult<()>;

    /// The subject's remembered sign-ins, newest first.
    async fn sign_ins(&self, subject: &SubjectKey) -> StoreResult<Vec<SignIn>>;

    /// The subject's sessions that have not ended by `limits` at `now`, newest first.
    async fn sessions_of(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Vec<ActiveSession>>;

    /// Ends every session of the subject except `keep`; returns how many ended.
    async fn end_sessions_of(&self, subject: &SubjectKey, keep: &SessionKey) -> StoreResult<u64>;
}

/// What each citizen chose about their own overview.
#[async_trait]
pub trait ChoiceStore: Send + Sync {
    /// The citizen's choices; the default ones if they never made any.
    async fn overview_choices(&self, subject: &SubjectKey) -> StoreResult<OverviewChoices>;

    /// Replaces the citizen's choices.
    async fn put_overview_choices(
        &self,
        subject: &SubjectKey,
        choices: &OverviewChoices,
    ) -> StoreResult<()>;
}

/// Powers of attorney: given, accepted, used and revoked.
#[async_trait]
pub trait MandateStore: Send + Sync {
    /// Stores a new power of attorney as it is, all its dates included (a fresh grant, or
    /// one moved from another store). An id already stored is a `Conflict`.
    async fn put_mandate(&self, mandate: &Mandate) -> StoreResult<()>;

    /// One power of attorney, whoever is party to it; `NotFound` if there is none.
    async fn mandate(&self, id: &MandateId) -> StoreResult<Mandate>;

    /// The powers of attorney `subject` has given or been given, newest grant first.
    async fn mandates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Mandate>>;

    /// The holder accepts a power of attorney given to them. `NotFound` if `holder` holds no
    /// such mandate; `Conflict` if it was accepted or revoked before.
    async fn accept_mandate(
        &self,
        id: &MandateId,
        holder: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate>;

    /// Ends a power of attorney at `at`, by its grantor or its holder. `NotFound` if `party`
    /// is neither; `Conflict` if it was revoked before.
    async fn revoke_mandate(
        &self,
        id: &MandateId,
        party: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate>;

    /// Notes that the holder used a power of attorney at `at`. Returns `true` only the first
    /// time, when the grantor is to be told.
    async fn note_mandate_used(&self, id: &MandateId, at: DateTime<Utc>) -> StoreResult<bool>;
}

/// What citizens want to be told and how, and the notices they were told.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// A citizen's notification preferences, or the defaults if they set none.
    async fn notification_preferences(&self, subject: &SubjectKey) -> StoreResult<Preferences>;

    /// Sets a citizen's preferences, all but the e-mail address and its confirmation, which
    /// only [`NotificationStore::change_email`] and [`NotificationStore::confirm_email`] change. Pending reminders
    /// move to the new lead time.
    async fn put_notification_preferences(
        &self,
        subject: &SubjectKey,
        preferences: &Preferences,
    ) -> StoreResult<()>;

    /// Sets a citizen's e-mail address, unconfirmed, or removes it (`None`). A new address
    /// comes with the hash of its confirmation token and the notice that sends the link,
    /// written together; an earlier unconfirmed token stops working.
    async fn change_email(
        &self,
        subject: &SubjectKey,
        address: Option<(&str, [u8; 32], &Notice)>,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// When confirmation e-mails were asked for at `since` or later (each
    /// [`NotificationStore::change_email`] to an address is one): by `subject`, and to `address` by
    /// anyone; each oldest first. What the limits on confirmation e-mails count.
    async fn confirmations_sent(
        &self,
        subject: &SubjectKey,
        address: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<ConfirmationsSent>;

    /// Confirms the address whose token hashes to `token_hash`; `NotFound` if the token is
    /// unknown, used or older than a week, or the address was changed since.
    async fn confirm_email(
        &self,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<SubjectKey>;

    /// Writes notices made outside a batch (an e-mail confirmation is written by
    /// `change_email`). A notice whose key is already stored is left out. Returns how many
    /// were written.
    async fn add_notices(&self, notices: &[Notice]) -> StoreResult<u64>;

    /// A citizen's notices that are due by `now`, newest first, at most `limit`; cancelled
    /// reminders and e-mail confirmations are not listed.
    async fn notices(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Notice>>;

    /// Marks the citizen's notices `ids` read at `at`, or all their due notices when `ids`
    /// is empty. Another citizen's ids change nothing. Returns how many changed.
    async fn mark_notices_read(
        &self,
        subject: &SubjectKey,
        ids: &[NoticeId],
        at: DateTime<Utc>,
    ) -> StoreResult<u64>;

    /// Gives a citizen a calendar feed reached by a token hashing to `token_hash`,
    /// replacing the one they had.
    async fn put_calendar_feed(
        &self,
        subject: &SubjectKey,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Whose calendar feed the token hashing to `token_hash` opens; `NotFound` if none.
    async fn calendar_feed(&self, token_hash: [u8; 32]) -> StoreResult<SubjectKey>;

    /// When the citizen's calendar feed was made, if they have one.
    async fn calendar_feed_made(&self, subject: &SubjectKey) -> StoreResult<Option<DateTime<Utc>>>;

    /// Ends the citizen's calendar feed; its URL opens nothing after this. Returns whether
    /// there was one.
    async fn revoke_calendar_feed(&self, subject: &SubjectKey) -> StoreResult<bool>;
}

/// Correction requests between citizens and providers, and where providers want to hear of them.
#[async_trait]
pub trait CorrectionStore: Send + Sync {
    /// Stores a new correction request with its attachments' bytes (`files`, by attachment
    /// id), and, where its authority registered a webhook, the delivery that tells it; all
    /// in one transaction.
    async fn put_correction(
        &self,
        correction: &Correction,
        files: &[(AttachmentId, Vec<u8>)],
    ) -> StoreResult<()>;

    /// One correction request, whoever asks; callers check that it is the asker's.
    async fn correction(&self, id: &CorrectionId) -> StoreResult<Correction>;

    /// A subject's correction requests, newest first.
    async fn corrections_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Correction>>;

    /// A subject's requests sent at `since` or later, and those still open (not answered or
    /// withdrawn) whenever sent, newest first: what the limits on new requests count. Read
    /// from that subject's requests alone.
    async fn recent_corrections(
        &self,
        subject: &SubjectKey,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<Correction>>;

    /// Requests about `provider`'s records, oldest first, at most `limit`: only those with
    /// a change it has not acknowledged when `unacknowledged`, else all that are not final.
    async fn provider_corrections(
        &self,
        provider: &ProviderId,
        unacknowledged: bool,
        limit: u32,
    ) -> StoreResult<Vec<Correction>>;

    /// The provider confirms it has request `id` as of `revision`. `NotFound` if the request
    /// is not about its records; `Conflict` if that revision was never sent.
    async fn acknowledge_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction>;

    /// The provider answers request `id`. `NotFound` if the request is not about its
    /// records; `Conflict` if the request is settled or cannot take that step.
    async fn answer_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        answer: &Answer,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction>;

    /// The citizen `subject` withdraws request `id`, and the provider's webhook (if any) is
    /// to tell it. `NotFound` if it is not theirs; `Conflict` if it is settled.
    async fn withdraw_correction(
        &self,
        subject: &SubjectKey,
        id: &CorrectionId,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction>;

    /// The bytes of one attachment of request `id`.
    async fn correction_attachment(
        &self,
        id: &CorrectionId,
        attachment: &AttachmentId,
    ) -> StoreResult<Vec<u8>>;

    /// How long `provider` took to answer its latest answered requests, at most `limit`.
    async fn answer_durations(
        &self,
        provider: &ProviderId,
        limit: u32,
    ) -> StoreResult<Vec<chrono::Duration>>;

    /// Registers the URL the provider is told of new and withdrawn requests at, or removes
    /// it (`None`).
    async fn put_webhook(&self, provider: &ProviderId, url: Option<&str>) -> StoreResult<()>;

    /// The provider's webhook URL, if it registered one.
    async fn webhook(&self, provider: &ProviderId) -> StoreResult<Option<String>>;
}

/// The work a change leaves for the workers, written with it: e-mails and webhook deliveries.
#[async_trait]
pub trait OutboxStore: Send + Sync {
    /// Takes up to `limit` notices due for e-mail at `now`, oldest due first, and keeps
    /// them from other workers until `lease_until`. A worker that dies leaves them to be
    /// taken again after that.
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<MailJob>>;

    /// Writes what became of a notice claimed until `lease_until`, and releases it.
    /// `NotFound` when the claim is no longer that one (its lease ran out and another worker
    /// took the notice, or it was cancelled): nothing is written.
    async fn settle_mail(
        &self,
        id: &NoticeId,
        lease_until: DateTime<Utc>,
        outcome: &MailOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The outbox's queue at `now`.
    async fn outbox_stats(&self, now: DateTime<Utc>) -> StoreResult<OutboxStats>;

    /// Takes up to `limit` webhook deliveries due at `now`, oldest due first, keeping them
    /// from other workers until `lease_until`.
    async fn claim_webhooks(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<WebhookJob>>;

    /// Writes what became of a delivery claimed until `lease_until` and releases it.
    /// `Delivered` also counts as the provider's acknowledgement of the revision it carried.
    /// A delivery settled already, or claimed since by another worker, is left as it is.
    async fn settle_webhook(
        &self,
        id: &DeliveryId,
        lease_until: DateTime<Utc>,
        outcome: &WebhookOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Webhook deliveries not yet made: how many are due at `now`, and how many wait.
    async fn webhook_backlog(&self, now: DateTime<Utc>) -> StoreResult<(u64, u64)>;
}

/// What an authorization server keeps between the steps of a recipient's request: a pushed
/// request before the citizen decides, a code before it is traded for tokens. Found by the
/// SHA-256 of the handle the recipient holds, which is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub handle: [u8; 32],
    pub recipient: RecipientId,
    /// What the server needs at the next step, as it wrote it.
    pub body: String,
    pub expires_at: DateTime<Utc>,
}

/// Sharing by consent: the registered recipients, the steps of their requests, and the
/// consents citizens gave them.
#[async_trait]
pub trait SharingStore: Send + Sync {
    /// Registers a recipient, or replaces its registration.
    async fn put_recipient(&self, recipient: &Recipient) -> StoreResult<()>;

    async fn recipient(&self, id: &RecipientId) -> StoreResult<Recipient>;

    async fn recipients(&self) -> StoreResult<Vec<Recipient>>;

    async fn put_grant(&self, grant: &Grant) -> StoreResult<()>;

    /// The grant with this handle; `NotFound` if there is none or it expired before `now`.
    async fn grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant>;

    /// The grant with this handle, removed so that it is used once; `NotFound` as above.
    async fn take_grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant>;

    async fn put_consent(&self, consent: &Consent) -> StoreResult<()>;

    async fn consent(&self, id: &ConsentId) -> StoreResult<Consent>;

    /// The consents `subject` gave (or was given for them), newest first.
    async fn consents_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Consent>>;

    /// Ends `subject`'s consent at `at`. `NotFound` if it is not theirs; `Conflict` if it was
    /// revoked before.
    async fn revoke_consent(
        &self,
        id: &ConsentId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Consent>;

    /// Notes that the recipient fetched under the consent at `at`. Returns `true` only the
    /// first time, when the citizen is to be told; `NotFound` if there is no such consent.
    async fn note_consent_used(&self, id: &ConsentId, at: DateTime<Utc>) -> StoreResult<bool>;

    /// Replaces the consent's refresh token (its SHA-256): only if the one it holds is
    /// `current` (`None` when none was issued yet), so that each refresh token is used once,
    /// and only while the consent is not revoked. Returns whether it was replaced.
    async fn rotate_refresh(
        &self,
        id: &ConsentId,
        current: Option<&[u8; 32]>,
        next: &[u8; 32],
    ) -> StoreResult<bool>;
}

/// What the issuer's status list holds: how many positions were handed out, and the revoked
/// ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertificateStatuses {
    /// Every position handed out is below this; the list is this long.
    pub handed_out: u32,
    /// The positions of revoked certificates, in ascending order.
    pub revoked: Vec<u32>,
}

/// Certificates a citizen had issued, and the issuer's status list.
#[async_trait]
pub trait CertificateStore: Send + Sync {
    /// The next free position in the issuer's status list: each call hands out another,
    /// across servers sharing the store (gaps are allowed, reuse is not).
    async fn next_status_index(&self) -> StoreResult<u32>;

    /// Keeps an issued certificate; `Conflict` if its id or status index is taken.
    async fn put_certificate(&self, certificate: &Certificate) -> StoreResult<()>;

    async fn certificate(&self, id: &CertificateId) -> StoreResult<Certificate>;

    /// The subject's certificates, newest first.
    async fn certificates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Certificate>>;

    /// Revokes `subject`'s certificate at `at`: `NotFound` if it is not theirs, `Conflict` if
    /// it was revoked before.
    async fn revoke_certificate(
        &self,
        id: &CertificateId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Certificate>;

    /// What the status list holds: how many positions were handed out, and the revoked ones.
    async fn certificate_statuses(&self) -> StoreResult<CertificateStatuses>;
}

/// Moving everything to another store (`overblik migrate`).
#[async_trait]
pub trait TransferStore: Send + Sync {
    /// Every record, live or deleted, in the order the store first received them, `limit` at
    /// a time: start with `after: None`, then pass the page's `next` until it is `None`.
    async fn export_records(&self, after: Option<u64>, limit: u32) -> StoreResult<ExportPage>;

    /// Writes records exported from another store as they are: ids, versions, times and
    /// deletion markers. Their providers must be registered first. A record a provider
    /// already has here is a `Conflict` and nothing of the call is written, so import into
    /// an empty store.
    async fn import_records(&self, records: &[ExportedRecord]) -> StoreResult<()>;

    /// Every power of attorney, for moving them to another store, oldest grant first.
    async fn export_mandates(&self) -> StoreResult<Vec<Mandate>>;

    /// Every citizen's notification preferences (by subject), calendar feeds (by subject)
    /// and notices (in the order they were written), for moving a deployment.
    async fn export_notifications(&self) -> StoreResult<NotificationsExport>;

    /// Writes what [`TransferStore::export_notifications`] read from another store, or a part of it,
    /// as it was, into this one, which holds none of it yet.
    async fn import_notifications(&self, export: &NotificationsExport) -> StoreResult<()>;

    /// Every correction request, for moving them to another store, oldest first.
    async fn export_corrections(&self) -> StoreResult<Vec<Correction>>;

    /// Every registered recipient and every consent with the hash of its refresh token, for
    /// moving a deployment.
    async fn export_sharing(&self) -> StoreResult<SharingExport>;

    /// Writes what [`TransferStore::export_sharing`] read from another store, or a part of
    /// it, as it was: consents keep their times, revocation and refresh token. A recipient
    /// or consent already here is a `Conflict` and nothing of the call is written, so
    /// import into a store that holds none of them.
    async fn import_sharing(&self, export: &SharingExport) -> StoreResult<()>;

    /// Every certificate, revoked or not, oldest first, for moving a deployment.
    async fn export_certificates(&self) -> StoreResult<Vec<Certificate>>;

    /// Writes certificates exported from another store as they are, in one transaction;
    /// afterwards [`CertificateStore::next_status_index`] hands out positions beyond every
    /// imported one. A certificate whose id or status index is already here is a `Conflict`
    /// and nothing of the call is written, so import into a store that holds none of them
    /// and hands out no positions meanwhile.
    async fn import_certificates(&self, certificates: &[Certificate]) -> StoreResult<()>;

    /// Every citizen's overview choices, for moving them to another store.
    async fn export_overview_choices(&self) -> StoreResult<Vec<(SubjectKey, OverviewChoices)>>;

    /// Writes overview choices exported from another store, in one transaction, replacing
    /// any the same citizens have here.
    async fn import_overview_choices(
        &self,
        choices: &[(SubjectKey, OverviewChoices)],
    ) -> StoreResult<()>;
}

/// Where Overblik keeps its data: every role above, which each backend implements.
#[async_trait]
pub trait Store:
    RecordStore
    + ProviderStore
    + SessionStore
    + MandateStore
    + NotificationStore
    + CorrectionStore
    + SharingStore
    + CertificateStore
    + ChoiceStore
    + OutboxStore
    + TransferStore
    + Send
    + Sync
    + fmt::Debug
{
    /// Checks that the store answers, for `/healthz`.
    async fn ping(&self) -> StoreResult<()>;

    /// What the overview page reads of one subject: its summary at `now` with the ids
    /// changed since `since` ([`RecordStore::subject_summary`]), its records standing at
    /// `now` ([`RecordStore::standing_records`]) and the citizen's choices
    /// ([`ChoiceStore::overview_choices`]). A store that can read them in one round trip
    /// does so, as the front page is the most read of all.
    async fn subject_overview(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectOverview> {
        let (summary, standing, choices) = tokio::try_join!(
            self.subject_summary(subject, now, since),
            self.standing_records(subject, now),
            self.overview_choices(subject),
        )?;
        Ok(SubjectOverview {
            summary,
            standing,
            choices,
        })
    }
}
