//! Certificates from a citizen's data: what a type attests, found by its rule in the
//! citizen's records ([`Draft`]); issued only when the data supports it, signed in both forms
//! and logged; revoked; and checked online by anyone who has its code, which the citizen's
//! log then tells of.
//!
//! The signed forms are `overblik-certificate`'s; the rules and who may do what are here.

use crate::acting::{Reader, local_today};
use crate::reading::{Disclosed, Disclosure, records_read};
use crate::{Core, Error, Refusal};
use chrono::{DateTime, Days, NaiveDate, SubsecRound, Utc};
use overblik_certificate::{Attested, IssuerKey, PublicKeys, StatusList, StatusRef};
use overblik_ledger::{Actor, ActorKind, Channel, Purpose, WhatWasRead};
use overblik_model::FieldError;
use overblik_model::certificate::Rule;
use overblik_model::record::{Direction, FactType, PaymentStatus, RegisterFact};
use overblik_model::{
    Area, Certificate, CertificateId, CertificateState, CertificateType, CertificateTypeId,
    CertificateTypes, Claim, Currency, GivenBy, Kind, Language, Money, ProviderId, RecordDetails,
    RecordId,
};
use overblik_store::{Provider, RecordFilter, StoredRecord};
use std::collections::BTreeMap;

/// The longest period a certificate of benefits received may cover.
pub const LONGEST_PERIOD_DAYS: u64 = 3 * 366;

/// How long a status list fetched from this issuer may be cached.
pub const STATUS_LIST_TTL_SECONDS: u32 = 300;

/// Who issues certificates: Overblik at its public address, with its keys (the first signs,
/// the others it rotated from stay published until what they signed has expired) and the
/// catalogue of types.
#[derive(Debug)]
pub struct Issuer {
    url: String,
    keys: Vec<IssuerKey>,
    pub types: CertificateTypes,
}

impl Issuer {
    /// An issuer at `url` (no trailing slash) signing with the first of `keys`.
    pub fn new(url: &str, keys: Vec<IssuerKey>, types: CertificateTypes) -> Result<Self, String> {
        if keys.is_empty() {
            return Err("an issuer needs at least one key".to_owned());
        }
        Ok(Self {
            url: url.trim_end_matches('/').to_owned(),
            keys,
            types,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The key that signs what is issued now.
    pub fn signing_key(&self) -> &IssuerKey {
        &self.keys[0]
    }

    /// The keys a verifier trusts: the signing key and those rotated from.
    pub fn published(&self) -> PublicKeys {
        PublicKeys::new(self.keys.iter().map(IssuerKey::public).collect())
    }

    /// Where the status list is published.
    pub fn status_uri(&self) -> String {
        format!("{}/certificates/status", self.url)
    }

    /// The type's URI, the `vct` of its SD-JWT VC.
    pub fn vct(&self, type_id: &CertificateTypeId) -> String {
        format!("{}/certificates/types/{type_id}", self.url)
    }

    /// What `certificate` attests, as its signed forms carry it.
    pub fn attested(&self, certificate: &Certificate) -> Attested {
        Attested {
            id: certificate.id.to_string(),
            type_id: certificate.type_id.to_string(),
            vct: self.vct(&certificate.type_id),
            issuer: self.url.clone(),
            issued_at: certificate.issued_at,
            valid_until: certificate.valid_until,
            fields: certificate
                .claims
                .iter()
                .map(|claim| (claim.name.clone(), claim.value.clone()))
                .collect(),
            sources: certificate.sources.clone(),
            status: StatusRef {
                index: certificate.status_index,
                uri: self.status_uri(),
            },
        }
    }
}

/// What the citizen chooses beside the type: a period, or one of their cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choice {
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub case: Option<RecordId>,
}

/// Why the data does not support a certificate: told to the citizen, who can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// The population register holds no name for the citizen, so nobody could tell whom a
    /// certificate is about.
    NoName,
    /// No current register fact of the type's kind (an address, say).
    NoFact(FactType),
    /// A debt is outstanding: "no debt" cannot be attested.
    DebtOutstanding,
    /// No connected authority sends debts, so there is nobody whose data "no debt" rests on.
    NoDebtSource,
    /// Nothing was paid out in the period.
    NothingInPeriod,
}

impl Unsupported {
    /// The stable code the APIs answer with.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoName => "no-name",
            Self::NoFact(_) => "no-register-fact",
            Self::DebtOutstanding => "debt-outstanding",
            Self::NoDebtSource => "no-debt-source",
            Self::NothingInPeriod => "nothing-in-period",
        }
    }
}

/// What a certificate would attest, before it is issued: shown to the citizen as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub type_id: CertificateTypeId,
    pub language: Language,
    pub claims: Vec<Claim>,
    pub sources: Vec<String>,
    pub valid_until: DateTime<Utc>,
    /// The records it rests on.
    pub records: Vec<RecordId>,
    /// What reading them was, for the log.
    pub read: WhatWasRead,
}

impl Core {
    /// What a certificate of `type_id` would attest about the reader's subject now; refused
    /// with [`Refusal::CannotAttest`] and the reason where the data does not support it.
    /// Only the subject (or a parent for a child) asks.
    pub async fn certificate_draft(
        &self,
        reader: &Reader,
        type_id: &CertificateTypeId,
        choice: Choice,
        language: Language,
    ) -> Result<Draft, Error> {
        if !reader.sees_log() {
            return Err(Error::Forbidden(Refusal::CertificatesOwnOnly));
        }
        let kind = self.issuer.types.get(type_id).ok_or(Error::NotFound)?;
        let now = Utc::now();
        let today = local_today(now);
        check_choice(kind, choice, today)?;
        let records = reader.records(self, &RecordFilter::visible_now()).await?;
        let providers = self.store.providers().await?;
        let found = Found {
            records: &records,
            providers: &providers,
            language,
            today,
        };
        let cannot = |reason| Error::Forbidden(Refusal::CannotAttest(reason));
        let name = found.name().ok_or(cannot(Unsupported::NoName))?;
        let attested = match &kind.rule {
            Rule::Fact { fact } => found.fact(*fact),
            Rule::NoDebt => found.no_debt(kind.area),
            Rule::BenefitsReceived => {
                let period = choice.period.ok_or_else(|| {
                    Error::Invalid(vec![FieldError::at(
                        "period_from",
                        "is needed for this certificate",
                    )])
                })?;
                found.benefits(period)
            }
            Rule::Household => found.household(),
            Rule::CaseStatus => {
                let case = choice.case.ok_or_else(|| {
                    Error::Invalid(vec![FieldError::at(
                        "case",
                        "is needed for this certificate",
                    )])
                })?;
                found.case(case)?
            }
        };
        let (fields, used, sources) = attested.map_err(cannot)?;
        let mut claims = vec![claim("name", &name.1)];
        claims.extend(fields);
        let mut used_records = vec![name.0];
        used_records.extend(used);
        let used: Vec<&StoredRecord> = records
            .iter()
            .filter(|stored| used_records.contains(&stored.id))
            .collect();
        let mut read = records_read(used.iter().copied());
        read.records = used.iter().map(|stored| stored.id).collect();
        read.count = None;
        let valid_until =
            (now + chrono::Duration::days(i64::from(kind.valid_days))).trunc_subsecs(0);
        Ok(Draft {
            type_id: kind.id.clone(),
            language,
            claims,
            sources,
            valid_until,
            records: read.records.clone(),
            read,
        })
    }

    /// Issues a certificate of `type_id`: only when the data supports it (else why not),
    /// signed with the issuer's key in both forms, and in the subject's log before it is
    /// handed over.
    pub async fn issue_certificate(
        &self,
        reader: &Reader,
        type_id: &CertificateTypeId,
        choice: Choice,
        language: Language,
        channel: Channel,
        request_id: Option<String>,
    ) -> Result<Disclosed<Certificate>, Error> {
        if !reader.may_act() {
            return Err(Error::Forbidden(Refusal::ReadOnly));
        }
        let draft = self
            .certificate_draft(reader, type_id, choice, language)
            .await?;
        let status_index = self.store.next_status_index().await?;
        let key = self.issuer.signing_key();
        let mut certificate = Certificate {
            id: CertificateId::random(),
            subject: *reader.subject(),
            type_id: draft.type_id,
            language,
            claims: draft.claims,
            sources: draft.sources,
            issued_at: Utc::now().trunc_subsecs(0),
            valid_until: draft.valid_until,
            issued_by: reader.acting.as_ref().map(|acting| GivenBy {
                name: acting.holder_name.clone(),
                basis: acting.representation.basis.to_string(),
            }),
            revoked_at: None,
            status_index,
            key_id: key.kid().to_owned(),
            sealed: String::new(),
            sd_jwt: String::new(),
        };
        let attested = self.issuer.attested(&certificate);
        certificate.sealed = overblik_certificate::compact::seal(&attested, key);
        certificate.sd_jwt = overblik_certificate::sd_jwt::issue(&attested, key);
        let mut read = draft.read;
        read.description = Some("certificate_issued".to_owned());
        let mut disclosure = reader.disclosure();
        if reader.acting.is_none() {
            disclosure.purpose = Purpose::Certificate;
        }
        let disclosed = self
            .disclose(&disclosure, channel, request_id, read, certificate)
            .await?;
        self.store.put_certificate(disclosed.value()).await?;
        Ok(disclosed)
    }

    /// The subject's certificates, newest first; the subject's own (or a parent's).
    pub async fn certificates(&self, reader: &Reader) -> Result<Vec<Certificate>, Error> {
        if !reader.sees_log() {
            return Err(Error::Forbidden(Refusal::CertificatesOwnOnly));
        }
        Ok(self.store.certificates_of(reader.subject()).await?)
    }

    /// One of the subject's certificates by its place in the status list (the number the
    /// pages and the citizen API name it by: its code lets anyone look it up, so it is kept
    /// out of addresses).
    pub async fn own_certificate(
        &self,
        reader: &Reader,
        number: u32,
    ) -> Result<Certificate, Error> {
        self.certificates(reader)
            .await?
            .into_iter()
            .find(|certificate| certificate.status_index == number)
            .ok_or(Error::NotFound)
    }

    /// Revokes one of the subject's certificates now: every check after says so.
    pub async fn revoke_certificate(
        &self,
        reader: &Reader,
        number: u32,
    ) -> Result<Certificate, Error> {
        if !reader.may_act() {
            return Err(Error::Forbidden(Refusal::ReadOnly));
        }
        let certificate = self.own_certificate(reader, number).await?;
        Ok(self
            .store
            .revoke_certificate(&certificate.id, reader.subject(), Utc::now())
            .await?)
    }

    /// Someone with a certificate's code checks it online: what it attests and where it
    /// stands, told to its subject in their log ("a certificate of yours was checked")
    /// before it is answered. `NotFound` if there is no certificate with that code.
    pub async fn check_certificate(
        &self,
        id: &CertificateId,
        request_id: Option<String>,
    ) -> Result<Disclosed<(Certificate, CertificateState)>, Error> {
        let certificate = self.store.certificate(id).await?;
        let state = certificate.state(Utc::now());
        let by = Disclosure::by(
            certificate.subject,
            Actor {
                kind: ActorKind::Verifier,
                id: "verifier".to_owned(),
                name: "verifier".to_owned(),
                system: None,
                person: None,
            },
            Purpose::CertificateCheck,
        );
        let read = WhatWasRead {
            description: Some("certificate_checked".to_owned()),
            ..WhatWasRead::default()
        };
        self.disclose(&by, Channel::Verify, request_id, read, (certificate, state))
            .await
    }

    /// The issuer's Token Status List, signed now: every certificate's place, revoked or not.
    /// It names no one, so fetching it is no one's disclosure.
    pub async fn status_list(&self) -> Result<String, Error> {
        let statuses = self.store.certificate_statuses().await?;
        let mut list = StatusList::new(statuses.handed_out);
        for index in statuses.revoked {
            list.set_invalid(index);
        }
        Ok(list.token(
            &self.issuer.status_uri(),
            self.issuer.signing_key(),
            Utc::now(),
            STATUS_LIST_TTL_SECONDS,
        ))
    }
}

/// Checks what the citizen chose for `kind`: a period only where it takes one, sensible and
/// not in the future; a case only where it takes one.
fn check_choice(kind: &CertificateType, choice: Choice, today: NaiveDate) -> Result<(), Error> {
    let mut errors = Vec::new();
    match (kind.rule.takes_period(), choice.period) {
        (true, None) => errors.push(FieldError::at(
            "period_from",
            "is needed for this certificate",
        )),
        (true, Some((from, to))) => {
            if to < from {
                errors.push(FieldError::at(
                    "period_to",
                    "must not be before period_from",
                ));
            }
            if to > today {
                errors.push(FieldError::at("period_to", "must not be after today"));
            }
            let longest = from.checked_add_days(Days::new(LONGEST_PERIOD_DAYS));
            if longest.is_some_and(|longest| to > longest) {
                errors.push(FieldError::at(
                    "period_to",
                    "must be at most three years after period_from",
                ));
            }
        }
        (false, Some(_)) => errors.push(FieldError::at(
            "period_from",
            "this certificate takes no period",
        )),
        (false, None) => {}
    }
    match (kind.rule.takes_case(), choice.case) {
        (true, None) => errors.push(FieldError::at("case", "is needed for this certificate")),
        (false, Some(_)) => errors.push(FieldError::at("case", "this certificate takes no case")),
        _ => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn claim(name: &str, value: &str) -> Claim {
    Claim {
        name: name.to_owned(),
        value: value.to_owned(),
    }
}

/// Attested fields, the records they rest on and the authorities those came from.
type Attesting = Result<(Vec<Claim>, Vec<RecordId>, Vec<String>), Unsupported>;

/// The citizen's records a certificate is found in.
struct Found<'a> {
    records: &'a [StoredRecord],
    providers: &'a [Provider],
    language: Language,
    today: NaiveDate,
}

impl Found<'_> {
    fn provider_name(&self, id: &ProviderId) -> String {
        self.providers
            .iter()
            .find(|provider| &provider.id == id)
            .map_or_else(|| id.to_string(), |provider| provider.name.clone())
    }

    /// The current facts of `fact`, newest first: begun by today and not ended before it.
    fn facts(&self, fact: FactType) -> Vec<(&StoredRecord, &RegisterFact)> {
        let mut facts: Vec<_> = self
            .records
            .iter()
            .filter_map(|stored| match &stored.record.details {
                RecordDetails::RegisterFact(found) if found.fact == fact => Some((stored, found)),
                _ => None,
            })
            .filter(|(_, found)| {
                found
                    .valid_from
                    .as_ref()
                    .is_none_or(|from| from.get() <= self.today)
                    && found
                        .valid_until
                        .as_ref()
                        .is_none_or(|until| until.get() >= self.today)
            })
            .collect();
        facts.sort_by_key(|(stored, _)| std::cmp::Reverse(stored.record.updated_at.get()));
        facts
    }

    /// The register's name for the citizen, and the record it is in.
    fn name(&self) -> Option<(RecordId, String)> {
        let (stored, fact) = self.facts(FactType::Name).into_iter().next()?;
        let name = fact.attributes.first()?.value.as_str().to_owned();
        Some((stored.id, name))
    }

    fn fact(&self, fact: FactType) -> Attesting {
        let Some((stored, found)) = self.facts(fact).into_iter().next() else {
            return Err(Unsupported::NoFact(fact));
        };
        let mut claims: Vec<Claim> = found
            .attributes
            .iter()
            .map(|attribute| Claim {
                name: field_name(attribute.name.get(Language::En)),
                value: attribute.value.as_str().to_owned(),
            })
            .collect();
        if let Some(from) = &found.valid_from {
            claims.push(claim("since", &from.get().to_string()));
        }
        if let Some(until) = &found.valid_until {
            claims.push(claim("until", &until.get().to_string()));
        }
        Ok((
            claims,
            vec![stored.id],
            vec![self.provider_name(&stored.provider)],
        ))
    }

    fn no_debt(&self, area: Option<Area>) -> Attesting {
        let debts: Vec<&StoredRecord> = self
            .records
            .iter()
            .filter(|stored| stored.record.kind() == Kind::Debt)
            .filter(|stored| area.is_none_or(|area| stored.area() == area))
            .collect();
        // A cancelled debt is owed no more, like a paid one; a disputed one is still owed
        // until the dispute is settled, so it stands in the way.
        let outstanding = debts.iter().any(|stored| match &stored.record.details {
            RecordDetails::Debt(debt) => debt.outstanding.minor() > 0 && debt.debt_status.is_owed(),
            _ => false,
        });
        if outstanding {
            return Err(Unsupported::DebtOutstanding);
        }
        // It rests on every authority that may send debts, whether or not it sent any.
        let debt_area = area.unwrap_or(Area::Economy);
        let sources: Vec<String> = self
            .providers
            .iter()
            .filter(|provider| {
                provider.classifications.iter().any(|prefix| {
                    prefix
                        .parse::<overblik_model::Classification>()
                        .is_ok_and(|code| code.area() == debt_area)
                })
            })
            .map(|provider| provider.name.clone())
            .collect();
        if sources.is_empty() {
            return Err(Unsupported::NoDebtSource);
        }
        Ok((
            vec![claim("no_debt_on", &self.today.to_string())],
            debts.iter().map(|stored| stored.id).collect(),
            sources,
        ))
    }

    fn benefits(&self, (from, to): (NaiveDate, NaiveDate)) -> Attesting {
        // Paid to the citizen in the period, summed per benefit (or per payment title).
        let mut paid: BTreeMap<(String, Currency), i64> = BTreeMap::new();
        let mut used = Vec::new();
        let mut sources = Vec::new();
        for stored in self.records {
            let RecordDetails::Payment(payment) = &stored.record.details else {
                continue;
            };
            let date = payment.date.get();
            if payment.direction != Direction::ToCitizen
                || payment.payment_status != PaymentStatus::Paid
                || date < from
                || date > to
            {
                continue;
            }
            let benefit = payment.benefit_id.as_ref().and_then(|benefit_id| {
                self.records.iter().find(|other| {
                    other.provider == stored.provider
                        && &other.record.id == benefit_id
                        && other.record.kind() == Kind::Benefit
                })
            });
            if let Some(benefit) = benefit
                && !used.contains(&benefit.id)
            {
                used.push(benefit.id);
            }
            let title = benefit
                .unwrap_or(stored)
                .record
                .title_in(self.language)
                .to_owned();
            *paid
                .entry((title, payment.amounts.net.currency()))
                .or_default() += payment.amounts.net.minor();
            used.push(stored.id);
            let source = self.provider_name(&stored.provider);
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        if paid.is_empty() {
            return Err(Unsupported::NothingInPeriod);
        }
        let mut totals: BTreeMap<Currency, i64> = BTreeMap::new();
        for ((_, currency), minor) in &paid {
            *totals.entry(*currency).or_default() += minor;
        }
        let written =
            |currency: Currency, minor: i64| Money::new(minor, currency).written(self.language);
        let listed: Vec<String> = paid
            .iter()
            .map(|((title, currency), minor)| format!("{title}: {}", written(*currency, *minor)))
            .collect();
        let total: Vec<String> = totals
            .into_iter()
            .map(|(currency, minor)| written(currency, minor))
            .collect();
        Ok((
            vec![
                claim("period_from", &from.to_string()),
                claim("period_to", &to.to_string()),
                claim("benefits", &listed.join("; ")),
                claim("total", &total.join(" + ")),
            ],
            used,
            sources,
        ))
    }

    fn household(&self) -> Attesting {
        let Some((address, fact)) = self.facts(FactType::Address).into_iter().next() else {
            return Err(Unsupported::NoFact(FactType::Address));
        };
        let address_value = fact
            .attributes
            .first()
            .map_or("", |attribute| attribute.value.as_str());
        let mut used = vec![address.id];
        let mut sources = vec![self.provider_name(&address.provider)];
        let mut members = Vec::new();
        for kind in [FactType::Family, FactType::Custody] {
            for (stored, related) in self.facts(kind) {
                let Some(name) = &related.related_person_name else {
                    continue;
                };
                let relation = related.relation.as_ref().map(|relation| relation.as_str());
                let member = match relation {
                    Some(relation) => format!("{} ({relation})", name.as_str()),
                    None => name.as_str().to_owned(),
                };
                if !members.contains(&member) {
                    members.push(member);
                }
                used.push(stored.id);
                let source = self.provider_name(&stored.provider);
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
        }
        let members = if members.is_empty() {
            NO_ONE_ELSE.get(self.language).to_owned()
        } else {
            members.join("; ")
        };
        Ok((
            vec![claim("address", address_value), claim("members", &members)],
            used,
            sources,
        ))
    }

    fn case(&self, id: RecordId) -> Result<Attesting, Error> {
        let Some(stored) = self.records.iter().find(|stored| stored.id == id) else {
            return Err(Error::NotFound);
        };
        let RecordDetails::Case(case) = &stored.record.details else {
            return Err(Error::NotFound);
        };
        let Some(status) = case.status_history.last() else {
            return Err(Error::NotFound);
        };
        let closed = if status.is_final { YES } else { NO };
        Ok(Ok((
            vec![
                claim("case", stored.record.title_in(self.language)),
                claim("authority", &self.provider_name(&stored.provider)),
                claim("case_status", status.status.get(self.language)),
                claim("status_since", &local_today(status.at.get()).to_string()),
                claim("closed", closed.get(self.language)),
            ],
            vec![stored.id],
            vec![self.provider_name(&stored.provider)],
        )))
    }
}

// The few words a certificate's values are written in, which belong to the attested data
// rather than to the pages (they are signed with it).
const NO_ONE_ELSE: Words = Words("Ingen andre", "No one else", "Ningú més", "Nadie más");
const YES: Words = Words("Ja", "Yes", "Sí", "Sí");
const NO: Words = Words("Nej", "No", "No", "No");

/// A word in Danish, English, Catalan and Spanish.
struct Words(&'static str, &'static str, &'static str, &'static str);

impl Words {
    fn get(&self, language: Language) -> &'static str {
        match language {
            Language::Da => self.0,
            Language::En => self.1,
            Language::Ca => self.2,
            Language::Es => self.3,
        }
    }
}

/// The names an attribute's field may not take: the fields every certificate or a fact's
/// period has, and the claims of the signed forms' own, which a disclosure may not repeat.
const TAKEN_NAMES: &[&str] = &[
    "name", "since", "until", "iss", "iat", "exp", "nbf", "sub", "jti", "cnf", "vct", "type_id",
    "sources", "status",
];

/// A field's name from an attribute's English name: lower-case letters, digits and
/// underscores ("Date of birth" is `date_of_birth`); a name already taken gets `_value`.
fn field_name(english: &str) -> String {
    let mut name = String::new();
    for character in english.trim().chars() {
        if character.is_ascii_alphanumeric() {
            name.push(character.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    if name.is_empty() {
        "value".to_owned()
    } else if TAKEN_NAMES.contains(&name.as_str()) {
        format!("{name}_value")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_a_rotation_the_new_key_signs_and_what_the_old_one_signed_still_checks() {
        let (old, new) = (IssuerKey::generate(), IssuerKey::generate());
        let before = Issuer::new(
            "https://overblik.example",
            vec![IssuerKey::from_pem(&old.to_pem()).expect("a key")],
            CertificateTypes::shipped(),
        )
        .expect("an issuer");
        let attested = Attested {
            id: CertificateId::random().to_string(),
            type_id: "residence".to_owned(),
            vct: before.vct(&"residence".parse().expect("an id")),
            issuer: before.url().to_owned(),
            issued_at: Utc::now().trunc_subsecs(0),
            valid_until: Utc::now().trunc_subsecs(0) + chrono::Duration::days(90),
            fields: vec![("address".to_owned(), "Prøvevej 1".to_owned())],
            sources: vec!["CPR".to_owned()],
            status: StatusRef {
                index: 7,
                uri: before.status_uri(),
            },
        };
        let sealed = overblik_certificate::compact::seal(&attested, before.signing_key());
        let after = Issuer::new(
            "https://overblik.example/",
            vec![new, old],
            CertificateTypes::shipped(),
        )
        .expect("an issuer");
        assert_ne!(after.signing_key().kid(), before.signing_key().kid());
        let published = after.published();
        assert!(published.find(before.signing_key().kid()).is_some());
        assert_eq!(
            overblik_certificate::compact::open(&sealed, &published),
            Ok(attested)
        );
        let retired = Issuer::new(
            "https://overblik.example",
            vec![IssuerKey::generate()],
            CertificateTypes::shipped(),
        )
        .expect("an issuer");
        assert!(
            overblik_certificate::compact::open(&sealed, &retired.published()).is_err(),
            "a key no longer published checks nothing"
        );
    }

    #[test]
    fn field_names_come_from_english_names() {
        assert_eq!(field_name("Date of birth"), "date_of_birth");
        assert_eq!(field_name("Address"), "address");
        assert_eq!(field_name("  --  "), "value");
        assert_eq!(field_name("Licence no."), "licence_no");
        assert_eq!(field_name("Status"), "status_value");
        assert_eq!(field_name("Name"), "name_value");
    }
}
