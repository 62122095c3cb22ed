//! Identifiers: of citizens, providers and records.

use crate::identity::NationalId;
use crate::parse::{FromJsonScalar, expect_str};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// The secret that turns national identifiers into subject keys.
///
/// Whoever holds it can test guesses of identifiers against stored keys, so it is kept out of
/// `Debug` output and must be configured per deployment.
#[derive(Clone)]
pub struct SubjectKeySecret(Vec<u8>);

impl SubjectKeySecret {
    /// At least 32 bytes, as HMAC-SHA256 gains nothing from more.
    pub fn new(bytes: Vec<u8>) -> Result<Self, &'static str> {
        if bytes.len() < 32 {
            return Err("the subject key secret must be at least 32 bytes");
        }
        Ok(Self(bytes))
    }

    /// The subject key of a national identifier: HMAC-SHA256 over its normal form.
    pub fn subject_key(&self, id: &NationalId) -> SubjectKey {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts any key length");
        mac.update(&id.key_input());
        SubjectKey(mac.finalize().into_bytes().into())
    }
}

impl fmt::Debug for SubjectKeySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubjectKeySecret(redacted)")
    }
}

/// The key under which a citizen's records are stored: a keyed hash of the national identifier.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct SubjectKey([u8; 32]);

impl SubjectKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Reads the key back from the bytes a store keeps.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        bytes.try_into().ok().map(Self)
    }
}

impl fmt::Debug for SubjectKey {
    // Only a prefix: enough to correlate log lines, too little to act as an identifier.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubjectKey({}…)", hex::encode(&self.0[..4]))
    }
}

impl From<SubjectKey> for String {
    fn from(key: SubjectKey) -> Self {
        hex::encode(key.0)
    }
}

impl TryFrom<String> for SubjectKey {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(&text, &mut bytes).map_err(|_| "not a subject key".to_owned())?;
        Ok(Self(bytes))
    }
}

/// A provider's identifier: 2 to 64 characters of `a-z`, `0-9` and `-`, such as `tax-agency`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, pattern = "^[a-z0-9][a-z0-9-]{1,63}$", example = "tax-agency")]
pub struct ProviderId(String);

impl ProviderId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for ProviderId {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let valid = (2..=64).contains(&input.len())
            && input
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
            && !input.starts_with('-');
        if valid {
            Ok(Self(input.to_owned()))
        } else {
            Err("must be 2 to 64 characters of a-z, 0-9 and '-', not starting with '-'".to_owned())
        }
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A provider's own identifier of a record: 1 to 128 printable characters, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, example = "case-2026-000417")]
pub struct SourceId(String);

impl SourceId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for SourceId {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        if input.is_empty() || input.chars().count() > 128 {
            return Err("must be 1 to 128 characters".to_owned());
        }
        if input.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err("must not contain spaces or control characters".to_owned());
        }
        Ok(Self(input.to_owned()))
    }
}

impl FromJsonScalar for SourceId {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        expect_str(value)?.parse()
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Overblik's own identifier of a stored record, used in citizens' URLs.
///
/// A UUIDv7: 74 random bits, so it reveals neither the provider's numbering nor how many
/// records exist, led by the time it was made, so new ids land at the end of the index
/// instead of all over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, format = Uuid)]
pub struct RecordId(uuid::Uuid);

impl RecordId {
    pub fn random() -> Self {
        Self(uuid::Uuid::now_v7())
    }

    pub fn from_uuid(uuid: uuid::Uuid) -> Self {
        Self(uuid)
    }

    pub fn as_uuid(&self) -> &uuid::Uuid {
        &self.0
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        uuid::Uuid::parse_str(input).map(Self)
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_identifier() {
        let id: NationalId = "010190-1234".parse().expect("valid");
        assert!(!format!("{id:?}").contains("0101"));
        // Stored keys of CPR numbers are HMAC-SHA256 over the ten digits, as they always were.
        let mut mac = Hmac::<Sha256>::new_from_slice(&[7; 32]).expect("any length");
        mac.update(b"0101901234");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        let secret = SubjectKeySecret::new(vec![7; 32]).expect("long enough");
        let key = secret.subject_key(&id);
        assert!(!format!("{secret:?}").contains('7'));
        assert_eq!(format!("{key:?}").len(), "SubjectKey(01234567…)".len());
        assert_eq!(key.as_bytes(), &expected);
    }

    #[test]
    fn subject_keys_depend_on_the_secret() {
        let id: NationalId = "010190-1234".parse().expect("valid");
        let one = SubjectKeySecret::new(vec![1; 32]).expect("long enough");
        let two = SubjectKeySecret::new(vec![2; 32]).expect("long enough");
        assert_eq!(one.subject_key(&id), one.subject_key(&id));
        assert_ne!(one.subject_key(&id), two.subject_key(&id));
    }
}
