//! Certificates: what Overblik attests from a citizen's data, signed so that anyone can check
//! it, online or offline.
//!
//! A certificate's type comes from a catalogue ([`CertificateTypes`]) shipped with the binary
//! and extendable by the operator: what it attests, by which rule from which records, and its
//! texts in each language. An issued [`Certificate`] keeps the attested fields and both of its
//! signed forms, so that it can be downloaded again after the issuer's key has rotated.

use crate::catalogue::Area;
use crate::consent::GivenBy;
use crate::record::FactType;
use crate::values::Language;
use crate::{Kind, SubjectKey};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// Crockford's base 32: no I, L, O or U, so that a code read aloud or typed is not mistaken.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A certificate's id: 80 random bits, shown as the short code a person can type,
/// `XXXX-XXXX-XXXX-XXXX` in Crockford's base 32. It is unguessable, so knowing it is what
/// lets a verifier look the certificate up.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CertificateId([u8; 10]);

impl CertificateId {
    pub fn random() -> Self {
        // A version 4 UUID's bytes 6 and 8 carry its version and variant; the rest is random.
        let uuid = *uuid::Uuid::new_v4().as_bytes();
        let mut bytes = [0; 10];
        bytes[..6].copy_from_slice(&uuid[..6]);
        bytes[6..].copy_from_slice(&uuid[10..14]);
        Self(bytes)
    }

    pub fn from_bytes(bytes: [u8; 10]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 10] {
        &self.0
    }

    /// The code without its hyphens, for addresses.
    pub fn compact(&self) -> String {
        let bits = self
            .0
            .iter()
            .fold(0u128, |all, byte| all << 8 | u128::from(*byte));
        (0..16)
            .rev()
            .map(|group| char::from(CROCKFORD[(bits >> (group * 5)) as usize & 31]))
            .collect()
    }
}

// The code is what a verifier types; the id is not secret in a log line, but it is not
// written whole where a log reader could use it: Debug shows its first group only.
impl fmt::Debug for CertificateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertificateId({}-…)", &self.compact()[..4])
    }
}

impl fmt::Display for CertificateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.compact();
        write!(
            f,
            "{}-{}-{}-{}",
            &code[0..4],
            &code[4..8],
            &code[8..12],
            &code[12..16]
        )
    }
}

impl FromStr for CertificateId {
    type Err = &'static str;

    /// Reads a code as a person types it: any case, with or without hyphens and spaces,
    /// and O, I and L read as the digits they look like.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        const WRONG: &str =
            "must be a certificate code of 16 letters and digits, as XXXX-XXXX-XXXX-XXXX";
        let mut bits = 0u128;
        let mut count = 0;
        for character in input.chars() {
            if matches!(character, '-' | ' ') {
                continue;
            }
            let character = match character.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value = CROCKFORD
                .iter()
                .position(|symbol| char::from(*symbol) == character)
                .ok_or(WRONG)?;
            count += 1;
            if count > 16 {
                return Err(WRONG);
            }
            bits = bits << 5 | value as u128;
        }
        if count != 16 {
            return Err(WRONG);
        }
        let bytes = bits.to_be_bytes();
        Ok(Self(bytes[6..16].try_into().expect("ten bytes")))
    }
}

impl TryFrom<String> for CertificateId {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CertificateId> for String {
    fn from(id: CertificateId) -> Self {
        id.to_string()
    }
}

/// A certificate type's id in the catalogue: 1 to 40 lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CertificateTypeId(String);

impl CertificateTypeId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for CertificateTypeId {
    type Err = &'static str;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fits = (1..=40).contains(&input.len())
            && input
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
        if fits {
            Ok(Self(input.to_owned()))
        } else {
            Err("must be 1 to 40 lower-case letters, digits and hyphens")
        }
    }
}

impl TryFrom<String> for CertificateTypeId {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CertificateTypeId> for String {
    fn from(id: CertificateTypeId) -> Self {
        id.0
    }
}

impl fmt::Display for CertificateTypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One attested field: its name (the same in every language and in the signed forms, where
/// each is disclosed on its own) and its value as attested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Claim {
    pub name: String,
    pub value: String,
}

/// An issued certificate, with both of its signed forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub id: CertificateId,
    pub subject: SubjectKey,
    pub type_id: CertificateTypeId,
    /// The language its values were written in (dates and amounts are the same in all).
    pub language: Language,
    /// The attested fields, in the order the type gives them.
    pub claims: Vec<Claim>,
    /// The authorities whose data it rests on, by name.
    pub sources: Vec<String>,
    pub issued_at: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    /// Who issued it when it was not the citizen themselves (a holder or a parent).
    pub issued_by: Option<GivenBy>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Its position in the issuer's status list.
    pub status_index: u32,
    /// The id of the issuer key that signed it.
    pub key_id: String,
    /// The compact signed form the PDF's QR code carries.
    pub sealed: String,
    /// The SD-JWT VC with every disclosure, as issued for a wallet.
    pub sd_jwt: String,
}

/// Where a certificate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertificateState {
    Valid,
    Revoked,
    Expired,
}

impl CertificateState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

impl Certificate {
    pub fn state(&self, now: DateTime<Utc>) -> CertificateState {
        if self.revoked_at.is_some() {
            CertificateState::Revoked
        } else if now >= self.valid_until {
            CertificateState::Expired
        } else {
            CertificateState::Valid
        }
    }
}

/// A text in each language the catalogue has, by language code; English is the fallback.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Texts(BTreeMap<String, String>);

impl Texts {
    pub fn get(&self, language: Language) -> &str {
        self.0
            .get(language.code())
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }

    /// Each language's text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(code, text)| (code.as_str(), text.as_str()))
    }
}

/// How a type's fields are found in the citizen's data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// The current register fact of `fact` (an address, a driving licence): its attributes,
    /// and since when it holds.
    Fact { fact: FactType },
    /// No outstanding debt to the authorities that send debts: refused while one is open.
    NoDebt,
    /// What each benefit paid out in a period the citizen chooses, and the total.
    BenefitsReceived,
    /// The people the population register relates to the citizen (children, a spouse).
    Household,
    /// The current status of one case the citizen chooses.
    CaseStatus,
}

impl Rule {
    /// The kinds of record the rule reads, and which of them must come from an authority
    /// registered for this area (none: any area).
    pub fn reads(&self) -> &'static [Kind] {
        match self {
            Rule::Fact { .. } | Rule::Household => &[Kind::RegisterFact],
            Rule::NoDebt => &[Kind::Debt],
            Rule::BenefitsReceived => &[Kind::Benefit, Kind::Payment],
            Rule::CaseStatus => &[Kind::Case],
        }
    }

    /// Whether the citizen chooses a period (from, to) for it.
    pub fn takes_period(&self) -> bool {
        matches!(self, Rule::BenefitsReceived)
    }

    /// Whether the citizen chooses one of their cases for it.
    pub fn takes_case(&self) -> bool {
        matches!(self, Rule::CaseStatus)
    }
}

/// One type of certificate in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CertificateType {
    pub id: CertificateTypeId,
    #[serde(flatten)]
    pub rule: Rule,
    /// Where its records come from, when narrower than the rule's kinds: the area whose
    /// authorities it rests on.
    #[serde(default)]
    pub area: Option<Area>,
    /// How long an issued certificate holds.
    pub valid_days: u32,
    /// Its name ("Certificate of residence").
    pub title: Texts,
    /// What it attests, in a sentence.
    pub attests: Texts,
}

/// The catalogue of certificate types: the one shipped with Overblik, and any the operator
/// adds or replaces (by id) in a file of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateTypes {
    types: Vec<CertificateType>,
    /// The label of each field a rule attests, by its name.
    labels: BTreeMap<String, Texts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    #[serde(default, rename = "type")]
    types: Vec<CertificateType>,
    #[serde(default)]
    labels: BTreeMap<String, Texts>,
}

/// The catalogue shipped with Overblik.
const SHIPPED: &str = include_str!("../certificates.toml");

impl CertificateTypes {
    /// The shipped catalogue.
    pub fn shipped() -> Self {
        Self::parse(SHIPPED).expect("the shipped certificate catalogue parses")
    }

    /// A catalogue from a TOML file's text (`[[type]]` entries and `[labels]`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let file: CatalogueFile = toml::from_str(text).map_err(|error| error.to_string())?;
        let mut catalogue = Self {
            types: Vec::new(),
            labels: file.labels,
        };
        for kind in file.types {
            catalogue.put(kind)?;
        }
        Ok(catalogue)
    }

    /// This catalogue with the operator's file laid over it: a type with a shipped id
    /// replaces it, a new id is added, and labels are added or replaced.
    pub fn extended(mut self, text: &str) -> Result<Self, String> {
        let file: CatalogueFile = toml::from_str(text).map_err(|error| error.to_string())?;
        self.labels.extend(file.labels);
        for kind in file.types {
            self.types.retain(|known| known.id != kind.id);
            self.put(kind)?;
        }
        Ok(self)
    }

    fn put(&mut self, kind: CertificateType) -> Result<(), String> {
        if self.types.iter().any(|known| known.id == kind.id) {
            return Err(format!("certificate type {} is there twice", kind.id));
        }
        if kind.valid_days == 0 || kind.valid_days > 3660 {
            return Err(format!(
                "certificate type {}: valid_days must be 1 to 3660",
                kind.id
            ));
        }
        self.types.push(kind);
        Ok(())
    }

    pub fn all(&self) -> &[CertificateType] {
        &self.types
    }

    pub fn get(&self, id: &CertificateTypeId) -> Option<&CertificateType> {
        self.types.iter().find(|kind| &kind.id == id)
    }

    /// A field's label in `language`; its name where the catalogue has none.
    pub fn label<'a>(&'a self, name: &'a str, language: Language) -> &'a str {
        self.labels
            .get(name)
            .map_or(name, |texts| texts.get(language))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let id = CertificateId::random();
        let code = id.to_string();
        assert_eq!(code.len(), 19);
        assert_eq!(code.parse::<CertificateId>(), Ok(id));
        assert_eq!(code.to_lowercase().parse::<CertificateId>(), Ok(id));
        assert_eq!(id.compact().parse::<CertificateId>(), Ok(id));
        let spaced = code.replace('-', " ");
        assert_eq!(spaced.parse::<CertificateId>(), Ok(id));
        let zero = CertificateId::from_bytes([0; 10]);
        assert_eq!(zero.to_string(), "0000-0000-0000-0000");
        assert_eq!("oooo-0000-0000-0000".parse::<CertificateId>(), Ok(zero));
        let ones = CertificateId::from_bytes([255; 10]);
        assert_eq!(ones.to_string(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    }

    #[test]
    fn every_bit_of_a_new_id_is_random() {
        let ids: Vec<CertificateId> = (0..64).map(|_| CertificateId::random()).collect();
        for byte in 0..10 {
            let ones = ids.iter().fold(0u8, |all, id| all | id.as_bytes()[byte]);
            let zeros = ids.iter().fold(0u8, |all, id| all | !id.as_bytes()[byte]);
            assert_eq!((ones, zeros), (0xff, 0xff), "byte {byte} has a fixed bit");
        }
    }

    #[test]
    fn a_wrong_code_is_refused() {
        for wrong in [
            "",
            "ABCD",
            "ABCD-EFGH-JKMN-PQRS-T",
            "ABCD-EFGH-JKMN-PQRU",
            "ABCD_EFGH_JKMN_PQRS",
        ] {
            assert!(wrong.parse::<CertificateId>().is_err(), "{wrong}");
        }
    }

    #[test]
    fn the_shipped_catalogue_has_the_five_types() {
        let catalogue = CertificateTypes::shipped();
        let ids: Vec<&str> = catalogue
            .all()
            .iter()
            .map(|kind| kind.id.as_str())
            .collect();
        for id in [
            "residence",
            "no-debt",
            "benefits-received",
            "household",
            "case-status",
        ] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        assert_eq!(catalogue.label("address", Language::En), "Address");
    }

    #[test]
    fn an_operator_replaces_and_adds_types() {
        let catalogue = CertificateTypes::shipped()
            .extended(
                r#"
                [[type]]
                id = "residence"
                rule = "fact"
                fact = "address"
                valid_days = 30
                title = { da = "Bopæl", en = "Residence" }
                attests = { da = "Din adresse.", en = "Your address." }

                [[type]]
                id = "driving-licence"
                rule = "fact"
                fact = "driving_licence"
                valid_days = 30
                title = { da = "Kørekort", en = "Driving licence" }
                attests = { da = "Dit kørekort.", en = "Your driving licence." }
                "#,
            )
            .expect("an extension");
        let residence = "residence".parse().expect("an id");
        assert_eq!(
            catalogue.get(&residence).map(|kind| kind.valid_days),
            Some(30)
        );
        assert!(
            catalogue
                .get(&"driving-licence".parse().expect("an id"))
                .is_some()
        );
        assert!(
            CertificateTypes::shipped()
                .extended("[[type]]\nid = 1")
                .is_err()
        );
    }
}
