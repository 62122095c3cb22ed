//! A citizen's data taken out ("download my data"): everything Overblik holds about the
//! subject that the reader may see, gathered at one moment. The handler logs the one read
//! of the export first, then gathers the rest, so the export's own log holds its entry.
//!
//! What a reader acting for someone takes out follows what they may see: the records (and
//! the reports about them) within a power of attorney's scope; My Log only with custody;
//! never the subject's powers of attorney or notifications, which are the subject's own. The
//! consents given for the subject go with My Log, which holds every fetch under them.

use crate::acting::{Acting, Reader};
use crate::certificates::Issuer;
use crate::mandates::OwnMandates;
use crate::{Core, Error};
use chrono::{DateTime, Utc};
use overblik_ledger::export::LogExport;
use overblik_ledger::{EntryFilter, WhatWasRead};
use overblik_model::correction::Attachment;
use overblik_model::notify::{Notice, Preferences};
use overblik_model::{Certificate, Consent, Correction, Recipient};
use overblik_store::{Provider, RecordFilter, StoredRecord};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The most log entries an export holds.
pub const LOG_ENTRIES: u32 = 100_000;
/// The most notices an export holds, newest first.
pub const NOTICES: u32 = 10_000;

/// Everything the reader may take out of the subject's data.
#[derive(Debug)]
pub struct Export {
    pub made_at: DateTime<Utc>,
    /// On whose behalf, when the reader acts for someone.
    pub acting: Option<Acting>,
    /// Every authority connected, whether or not it holds anything about the subject.
    pub providers: Vec<Provider>,
    /// The subject's records the reader may see, newest change at the source first.
    pub records: Vec<StoredRecord>,
    /// Correction requests about them, with their files.
    pub reports: Vec<Report>,
    /// The citizen's own powers of attorney; not when acting for someone.
    pub mandates: Option<OwnMandates>,
    /// The citizen's notification settings and notices; not when acting for someone.
    pub notifications: Option<(Preferences, Vec<Notice>)>,
    /// My Log with its proofs, where the reader may see it.
    pub log: Option<LogExport>,
    /// The consents given for the subject, with the services they were given to; where the
    /// reader may see My Log, which holds every fetch under them.
    pub shared: Option<Shared>,
    /// The subject's certificates; where the reader may see them (the subject, a parent).
    pub certificates: Option<Certificates>,
}

/// A subject's certificates, and the issuer whose catalogue names their types.
#[derive(Debug)]
pub struct Certificates {
    pub issued: Vec<Certificate>,
    pub issuer: Arc<Issuer>,
}

/// The consents given for a subject, and the recipients they name.
#[derive(Debug)]
pub struct Shared {
    pub consents: Vec<Consent>,
    pub recipients: Vec<Recipient>,
}

impl Shared {
    /// The recipient `consent` was given to.
    pub fn recipient_of(&self, consent: &Consent) -> Option<&Recipient> {
        self.recipients
            .iter()
            .find(|recipient| recipient.id == consent.recipient)
    }
}

/// A correction request with the bytes of its files.
#[derive(Debug)]
pub struct Report {
    pub correction: Correction,
    pub files: Vec<(Attachment, Vec<u8>)>,
}

/// The subject's records the reader may take out: every visible one within their reach.
pub async fn records(core: &Core, reader: &Reader) -> Result<Vec<StoredRecord>, Error> {
    Ok(reader.records(core, &RecordFilter::visible_now()).await?)
}

/// The log entry of an export of `records` in the form `form` (its description): the areas
/// and kinds it holds and how many records.
pub fn read(records: &[StoredRecord], form: &str) -> WhatWasRead {
    let mut areas = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for stored in records {
        areas.insert(stored.area());
        kinds.insert(stored.record.kind());
    }
    WhatWasRead {
        areas: areas.into_iter().collect(),
        kinds: kinds.into_iter().collect(),
        records: Vec::new(),
        count: Some(u32::try_from(records.len()).unwrap_or(u32::MAX)),
        description: Some(form.to_owned()),
    }
}

impl Core {
    /// Gathers the rest of the export of `records` (from [`records`]), once its read is logged.
    /// With `prove_log`, the log waits for its latest entries' seal (this export's own read
    /// at least, sealed within the integrator's interval) so that the export proves them;
    /// else they are listed as awaiting it.
    pub async fn export(
        &self,
        reader: &Reader,
        records: Vec<StoredRecord>,
        prove_log: bool,
    ) -> Result<Export, Error> {
        let made_at = Utc::now();
        let own = reader.acting.is_none();
        let providers = async { self.store.providers().await.map_err(Error::from) };
        let (providers, corrections) = tokio::try_join!(providers, self.own_requests(reader))?;
        let mut reports = Vec::with_capacity(corrections.len());
        for correction in corrections {
            let mut files = Vec::with_capacity(correction.attachments.len());
            for attachment in &correction.attachments {
                let bytes = self
                    .store
                    .correction_attachment(&correction.id, &attachment.id)
                    .await?;
                files.push((attachment.clone(), bytes));
            }
            reports.push(Report { correction, files });
        }
        let (mandates, notifications) = if own {
            let subject = reader.session.subject;
            let (mandates, preferences, notices) = tokio::try_join!(
                self.own_mandates(reader),
                async {
                    let preferences = self.store.notification_preferences(&subject).await;
                    preferences.map_err(Error::from)
                },
                async {
                    let notices = self.store.notices(&subject, made_at, NOTICES).await;
                    notices.map_err(Error::from)
                },
            )?;
            (Some(mandates), Some((preferences, notices)))
        } else {
            (None, None)
        };
        let shared = if reader.sees_log() {
            let consents = self.store.consents_of(reader.subject()).await?;
            let named: BTreeSet<_> = consents
                .iter()
                .map(|consent| consent.recipient.clone())
                .collect();
            let mut recipients = Vec::with_capacity(named.len());
            for id in &named {
                recipients.push(self.store.recipient(id).await?);
            }
            Some(Shared {
                consents,
                recipients,
            })
        } else {
            None
        };
        let certificates = if reader.sees_log() {
            Some(Certificates {
                issued: self.store.certificates_of(reader.subject()).await?,
                issuer: self.issuer.clone(),
            })
        } else {
            None
        };
        let log = if reader.sees_log() {
            let filter = EntryFilter::visible_now(LOG_ENTRIES);
            Some(
                self.ledger
                    .export(reader.subject(), &filter, prove_log)
                    .await?,
            )
        } else {
            None
        };
        Ok(Export {
            made_at,
            acting: reader.acting.clone(),
            providers,
            records,
            reports,
            mandates,
            notifications,
            log,
            shared,
            certificates,
        })
    }
}
