//! Notifications: the citizen's own settings (which notices, by which channel, in which
//! language), the e-mail address and its confirmation, the private calendar feed, and the
//! notices themselves. Only the citizen changes or reads these: not someone acting for them.

use crate::Core;
use crate::acting::Reader;
use crate::error::{Error, Limit, Refusal, Result};
use base64::Engine;
use chrono::{DateTime, Utc};
use overblik_model::notify::{
    Confirmation, Happening, LEAD_HOURS, Notice, NoticeId, Preferences, Topic, valid_email,
};
use overblik_model::{FieldError, Language, Pointer, SubjectKey};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// How many notices the list shows, newest first.
const LISTED: u32 = 200;

/// The window the limits on confirmation e-mails count over.
const CONFIRMATION_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// The settings as a citizen sends them; every field is checked, and every wrong one named.
#[derive(Debug, Default, Clone)]
pub struct SettingsRequest {
    /// The address for e-mail notices; empty for none.
    pub email: String,
    /// Notices shown in Overblik itself.
    pub in_product: bool,
    /// The topics to be told of (`Topic` names).
    pub topics: Vec<String>,
    /// How long before a deadline or appointment to be told, in hours (one of `LEAD_HOURS`).
    pub lead_hours: String,
    /// The language of e-mails (`da`, `en`).
    pub language: String,
    /// One e-mail a day instead of one per notice.
    pub digest: bool,
    /// E-mails say what the notice is about, not only that there is one.
    pub details: bool,
}

impl SettingsRequest {
    /// The request over the stored preferences, as far as it can be read: to show the
    /// citizen their choices again after an error.
    pub fn as_preferences(&self, stored: &Preferences) -> Preferences {
        Preferences {
            email: Some(self.email.trim().to_owned()).filter(|email| !email.is_empty()),
            email_confirmed: stored.email_confirmed,
            in_product: self.in_product,
            topics: self
                .topics
                .iter()
                .filter_map(|topic| topic.parse().ok())
                .collect(),
            lead_hours: self.lead_hours.parse().unwrap_or(stored.lead_hours),
            language: Language::from_code(&self.language).unwrap_or(stored.language),
            digest: self.digest,
            email_details: self.details,
        }
    }

    /// The preferences the request asks for, or each wrong field.
    fn checked(&self, stored: &Preferences) -> Result<Preferences> {
        let mut errors = Vec::new();
        let mut wrong = |field: &str, detail: &str| {
            errors.push(FieldError {
                pointer: Pointer::root().key(field),
                detail: detail.to_owned(),
            });
        };
        let email = self.email.trim();
        if !email.is_empty() && !valid_email(email) {
            wrong("email", "must be an e-mail address");
        }
        let mut topics = BTreeSet::new();
        for topic in &self.topics {
            match topic.parse::<Topic>() {
                Ok(topic) => {
                    topics.insert(topic);
                }
                Err(_) => wrong("topics", "names a topic that does not exist"),
            }
        }
        let lead_hours = match self.lead_hours.parse::<u16>() {
            Ok(hours) if LEAD_HOURS.contains(&hours) => hours,
            _ => {
                wrong("lead_hours", "must be one of the lead times offered");
                stored.lead_hours
            }
        };
        let language = Language::from_code(&self.language)
            .filter(|language| overblik_model::Country::current().speaks(*language))
            .unwrap_or_else(|| {
                wrong("language", "must be one of the deployment's languages");
                stored.language
            });
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        Ok(Preferences {
            email: Some(email.to_owned()).filter(|email| !email.is_empty()),
            email_confirmed: stored.email_confirmed,
            in_product: self.in_product,
            topics,
            lead_hours,
            language,
            digest: self.digest,
            email_details: self.details,
        })
    }
}

/// The citizen's settings as stored, and when their calendar feed was made, if it was.
#[derive(Debug)]
pub struct Settings {
    pub preferences: Preferences,
    pub feed_made: Option<DateTime<Utc>>,
}

/// What saving the settings did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the e-mail address is as it was, or was removed.
    Saved,
    /// Saved, and a confirmation e-mail went to the new address: e-mail goes there only
    /// once its link is followed.
    ConfirmationSent,
}

/// Only the citizen themselves sees and changes their notifications.
fn own_only(reader: &Reader) -> Result<SubjectKey> {
    match reader.acting {
        Some(_) => Err(Error::Forbidden(Refusal::OwnSettingsOnly)),
        None => Ok(reader.session.subject),
    }
}

/// A secret for a link (a calendar feed, an e-mail confirmation): random, and stored only as
/// its SHA-256 ([`token_hash`]).
pub fn new_token() -> (String, [u8; 32]) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// What a link's secret is stored as.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Core {
    /// The reader's notices, newest first, and their settings (which say whether notices are
    /// shown in Overblik at all).
    pub async fn notices(&self, reader: &Reader) -> Result<(Vec<Notice>, Preferences)> {
        let subject = own_only(reader)?;
        Ok(tokio::try_join!(
            self.store.notices(&subject, Utc::now(), LISTED),
            self.store.notification_preferences(&subject),
        )?)
    }

    /// Marks the reader's notice `id` (as a form names it) read, or all of them without one;
    /// `NotFound` for an id that is none.
    pub async fn mark_notices_read(&self, reader: &Reader, id: Option<&str>) -> Result<()> {
        let subject = own_only(reader)?;
        let ids: Vec<NoticeId> = match id {
            Some(id) => vec![id.parse().map_err(|_| Error::NotFound)?],
            None => Vec::new(),
        };
        self.store
            .mark_notices_read(&subject, &ids, Utc::now())
            .await?;
        Ok(())
    }

    /// The reader's settings as stored.
    pub async fn notification_settings(&self, reader: &Reader) -> Result<Settings> {
        let subject = own_only(reader)?;
        let (preferences, feed_made) = tokio::try_join!(
            self.store.notification_preferences(&subject),
            self.store.calendar_feed_made(&subject),
        )?;
        Ok(Settings {
            preferences,
            feed_made,
        })
    }

    /// Saves the settings `request` asks for. A new e-mail address gets a confirmation
    /// e-mail, within the limits on them; without e-mail (`mail_offered` false) the address
    /// stays as it was. Nothing is saved unless every field is right and no limit is passed.
    pub async fn save_notification_settings(
        &self,
        reader: &Reader,
        request: &SettingsRequest,
        mail_offered: bool,
    ) -> Result<Saved> {
        let subject = own_only(reader)?;
        let stored = self.store.notification_preferences(&subject).await?;
        let mut chosen = request.checked(&stored)?;
        if !mail_offered {
            chosen.email = stored.email.clone();
        }
        let new_address = chosen
            .email
            .as_deref()
            .filter(|_| chosen.email != stored.email);
        if let Some(address) = new_address
            && let Some(wait) = self.confirmation_wait(&subject, address).await?
        {
            return Err(Error::Limited(Limit::ConfirmationEmails { wait }));
        }
        self.store
            .put_notification_preferences(&subject, &chosen)
            .await?;
        if chosen.email == stored.email {
            return Ok(Saved::Saved);
        }
        self.change_email(&subject, chosen.email.as_deref()).await?;
        Ok(match chosen.email {
            Some(_) => Saved::ConfirmationSent,
            None => Saved::Saved,
        })
    }

    /// Confirms the e-mail address whose confirmation link carried `token`; `NotFound` if
    /// no confirmation waits for it. No session is needed: the link is the proof.
    pub async fn confirm_email(&self, token: &str) -> Result<()> {
        self.store
            .confirm_email(token_hash(token), Utc::now())
            .await?;
        Ok(())
    }

    /// Makes the reader a new private calendar feed, replacing any earlier one, and gives
    /// its secret this once; only its hash is kept.
    pub async fn make_calendar_feed(&self, reader: &Reader) -> Result<String> {
        let subject = own_only(reader)?;
        let (token, hash) = new_token();
        self.store
            .put_calendar_feed(&subject, hash, Utc::now())
            .await?;
        Ok(token)
    }

    /// Ends the reader's calendar feed: its URL stops working at once.
    pub async fn revoke_calendar_feed(&self, reader: &Reader) -> Result<()> {
        let subject = own_only(reader)?;
        self.store.revoke_calendar_feed(&subject).await?;
        Ok(())
    }

    /// How long until a confirmation e-mail to `address` asked for by `subject` may be sent,
    /// if the citizen or the address has had as many in the last hour as the limits allow.
    /// Counted in the store, so that the limits hold across servers and restarts.
    async fn confirmation_wait(
        &self,
        subject: &SubjectKey,
        address: &str,
    ) -> Result<Option<std::time::Duration>> {
        let limits = &self.limits;
        let now = Utc::now();
        let sent = self
            .store
            .confirmations_sent(subject, address, now - CONFIRMATION_WINDOW)
            .await?;
        let wait = [
            (&sent.by_subject, limits.confirmation_emails_per_hour),
            (
                &sent.to_address,
                limits.confirmation_emails_per_address_per_hour,
            ),
        ]
        .into_iter()
        .filter(|(times, allowed)| *allowed > 0 && times.len() >= *allowed as usize)
        // Oldest first: once this one leaves the window, one fewer than allowed remain.
        .map(|(times, allowed)| times[times.len() - allowed as usize] + CONFIRMATION_WINDOW - now)
        .max();
        Ok(wait.map(|wait| wait.to_std().unwrap_or(std::time::Duration::ZERO)))
    }

    /// Sets a new address with its confirmation e-mail in the outbox, or removes the address.
    async fn change_email(&self, subject: &SubjectKey, address: Option<&str>) -> Result<()> {
        let now = Utc::now();
        let Some(address) = address else {
            return Ok(self.store.change_email(subject, None, now).await?);
        };
        let (token, hash) = new_token();
        let id = NoticeId::random();
        let notice = Notice {
            id,
            subject: *subject,
            happening: Happening::EmailConfirmation,
            key: format!("email_confirmation/{id}"),
            record: None,
            moment: None,
            created_at: now,
            due_at: now,
            read_at: None,
            confirmation: Some(Confirmation {
                address: address.to_owned(),
                token,
            }),
        };
        self.store
            .change_email(subject, Some((address, hash, &notice)), now)
            .await?;
        Ok(())
    }
}
