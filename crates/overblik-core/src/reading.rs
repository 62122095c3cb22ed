//! Reading a citizen's data: who reads, for whom and why ([`Disclosure`]), and the one path
//! by which a read is logged ([`Core::disclose`]): the entry is durable in the subject's
//! access log before the value is handed over as [`Disclosed`].
//!
//! A value read from a source of any kind (the store today, a live source of an authority
//! later) goes through the same path: read it, narrow it to the reader's reach, disclose it.

use crate::acting::{Basis, Reader};
use crate::{Core, Error};
use chrono::{DateTime, Utc};
use overblik_ledger::{AccessEntry, Actor, ActorKind, Channel, Purpose, WhatWasRead};
use overblik_model::{Area, Kind, SubjectKey};
use overblik_store::StoredRecord;
use std::collections::BTreeSet;

/// The actor id (and name) of the citizen themselves in their own log.
pub const CITIZEN: &str = "citizen";

/// Who reads whose data, on whose behalf and why: everything of a log entry but what was
/// read, the moment and the channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    pub subject: SubjectKey,
    pub actor: Actor,
    pub on_behalf_of: Option<String>,
    pub purpose: Purpose,
    /// The purpose in the words the citizen agreed to, kept in the entry instead of the
    /// purpose's code (a consent's).
    pub purpose_words: Option<String>,
    pub legal_basis: Option<String>,
    /// A power of attorney whose first use this read may be, so its grantor is told.
    first_use_of: Option<Basis>,
}

impl Disclosure {
    /// The citizen `subject` reading their own data.
    pub fn own(subject: SubjectKey) -> Self {
        Self {
            subject,
            actor: Actor {
                kind: ActorKind::Citizen,
                id: CITIZEN.to_owned(),
                name: CITIZEN.to_owned(),
                system: None,
                person: None,
            },
            on_behalf_of: None,
            purpose: Purpose::SelfService,
            purpose_words: None,
            legal_basis: None,
            first_use_of: None,
        }
    }

    /// A provider reading a subject's data for `purpose`, as `actor`.
    pub fn by(subject: SubjectKey, actor: Actor, purpose: Purpose) -> Self {
        Self {
            subject,
            actor,
            on_behalf_of: None,
            purpose,
            purpose_words: None,
            legal_basis: None,
            first_use_of: None,
        }
    }

    /// This disclosure with its purpose in `words`.
    pub fn in_words(self, words: &str) -> Self {
        Self {
            purpose_words: Some(words.to_owned()),
            ..self
        }
    }
}

impl Disclosure {
    /// The log entry of this reader reading `read` at `at`.
    fn entry(
        &self,
        at: DateTime<Utc>,
        channel: Channel,
        request_id: Option<String>,
        read: WhatWasRead,
    ) -> AccessEntry {
        AccessEntry {
            at,
            actor: self.actor.clone(),
            subject: self.subject,
            on_behalf_of: self.on_behalf_of.clone(),
            read,
            purpose: self
                .purpose_words
                .clone()
                .unwrap_or_else(|| self.purpose.code().to_owned()),
            legal_basis: self.legal_basis.clone(),
            channel,
            request_id,
            hidden_until: None,
        }
    }
}

impl Reader {
    /// Who this reader is in the subject's log: the citizen themselves, or the holder as a
    /// proxy on the citizen's behalf, under the basis they act on.
    pub fn disclosure(&self) -> Disclosure {
        let Some(acting) = &self.acting else {
            return Disclosure::own(self.session.subject);
        };
        let representation = &acting.representation;
        Disclosure {
            subject: representation.subject,
            actor: Actor {
                kind: ActorKind::Proxy,
                id: representation.basis.to_string(),
                name: acting.holder_name.clone(),
                system: None,
                person: None,
            },
            on_behalf_of: Some(CITIZEN.to_owned()),
            purpose: representation.basis.purpose(),
            purpose_words: None,
            legal_basis: Some(representation.basis.to_string()),
            first_use_of: (!representation.used_before).then_some(representation.basis),
        }
    }
}

/// Proof that a read's entry is durable in its subject's log: only [`Core::log`] makes one,
/// and only it turns a value into [`Disclosed`]. A handler can work out its answer while the
/// entry is being written, then disclose it.
#[derive(Debug)]
#[must_use = "a logged read is there to disclose its value"]
pub struct Logged {
    /// Private, so that nothing else makes one.
    _durable: (),
}

impl Logged {
    /// `value`, disclosed under this entry.
    pub fn disclose<T>(self, value: T) -> Disclosed<T> {
        Disclosed { value }
    }
}

/// A value whose read is in its subject's access log, durably: only [`Core::disclose`] and
/// [`Logged::disclose`] make one.
#[derive(Debug)]
#[must_use = "a disclosed value is logged to be served"]
pub struct Disclosed<T> {
    value: T,
}

impl<T> Disclosed<T> {
    /// The value, to serve.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The value, to serve.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The value in the form it is served in (a view of it), still disclosed.
    pub fn map<U>(self, into: impl FnOnce(T) -> U) -> Disclosed<U> {
        Disclosed {
            value: into(self.value),
        }
    }
}

impl Core {
    /// Records that `by` read `read` of its subject's data through `channel` (in the request
    /// `request_id`), and once the entry is durable hands `value` over as disclosed. When the
    /// log cannot record it, the value is not disclosed: [`Error::LogUnavailable`].
    pub async fn disclose<T>(
        &self,
        by: &Disclosure,
        channel: Channel,
        request_id: Option<String>,
        read: WhatWasRead,
        value: T,
    ) -> Result<Disclosed<T>, Error> {
        Ok(self
            .log(by, Utc::now(), channel, request_id, read)
            .await?
            .disclose(value))
    }

    /// Records that `by` read `read` at `at`, durably; the answer it gives is disclosed with
    /// the [`Logged`] this returns. [`Core::disclose`] when the answer is ready first.
    pub async fn log(
        &self,
        by: &Disclosure,
        at: DateTime<Utc>,
        channel: Channel,
        request_id: Option<String>,
        read: WhatWasRead,
    ) -> Result<Logged, Error> {
        self.ledger
            .record(by.entry(at, channel, request_id, read))
            .await?;
        if let Some(Basis::PowerOfAttorney(id)) = by.first_use_of {
            // The read is logged either way; a failure here only delays the grantor's notice.
            if let Err(error) = self.store.note_mandate_used(&id, Utc::now()).await {
                tracing::warn!(%error, "the first use of a power of attorney was not noted");
            }
        }
        Ok(Logged { _durable: () })
    }
}

impl Core {
    /// [`Core::disclose`] of several reads at once (one provider reading the requests of
    /// several citizens, say): every entry durable, each in its own subject's log, before
    /// `value` is handed over.
    pub async fn disclose_all<T>(
        &self,
        reads: Vec<(Disclosure, WhatWasRead)>,
        channel: Channel,
        request_id: Option<String>,
        value: T,
    ) -> Result<Disclosed<T>, Error> {
        let at = Utc::now();
        let entries = reads
            .into_iter()
            .map(|(by, read)| by.entry(at, channel, request_id.clone(), read))
            .collect();
        self.ledger.record_all(entries).await?;
        Ok(Disclosed { value })
    }
}

/// What a view of records shows: their areas and kinds, and the record itself when it is one,
/// or how many there were when it is a list (an entry for an area page of hundreds of
/// records stays a few hundred bytes).
pub fn records_read<'r>(records: impl IntoIterator<Item = &'r StoredRecord>) -> WhatWasRead {
    let mut areas = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut ids = Vec::new();
    for stored in records {
        areas.insert(stored.area());
        kinds.insert(stored.record.kind());
        ids.push(stored.id);
    }
    let (records, count) = match ids.len() {
        0 | 1 => (ids, None),
        many => (Vec::new(), Some(u32::try_from(many).unwrap_or(u32::MAX))),
    };
    WhatWasRead {
        areas: areas.into_iter().collect(),
        kinds: kinds.into_iter().collect(),
        records,
        count,
        description: None,
    }
}

/// What a summary over records shows: the areas and kinds it covers, not each record.
pub fn summary_read(shown: impl IntoIterator<Item = (Area, Kind)>) -> WhatWasRead {
    let (areas, kinds): (BTreeSet<Area>, BTreeSet<Kind>) = shown.into_iter().unzip();
    WhatWasRead {
        areas: areas.into_iter().collect(),
        kinds: kinds.into_iter().collect(),
        records: Vec::new(),
        count: None,
        description: None,
    }
}

/// A read described in words only, such as the access log itself.
pub fn described(what: &str) -> WhatWasRead {
    WhatWasRead {
        description: Some(what.to_owned()),
        ..WhatWasRead::default()
    }
}
