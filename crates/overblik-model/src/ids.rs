//! Identifiers: of citizens, providers and records.

use crate::parse::{FromJsonScalar, expect_str};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::Sha256;
use std::fmt;
use std::str::FromStr;
use utoipa::ToSchema;

/// A Danish-style national identifier (CPR number), `DDMMYY-SSSS` or `DDMMYYSSSS`.
///
/// It is only held in memory long enough to derive a [`SubjectKey`]; it is never stored,
/// logged or displayed, which is why it has no `Display` and a redacting `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct NationalId([u8; 10]);

impl NationalId {
    /// The ten digits, for deriving the subject key and for signing in.
    pub fn digits(&self) -> &[u8; 10] {
        &self.0
    }

    /// The day of birth the number encodes: the century follows from the seventh digit
    /// together with the year, by the CPR register's rule.
    pub fn birth_date(&self) -> Option<chrono::NaiveDate> {
        let number =
            |at: usize| u32::from(self.0[at] - b'0') * 10 + u32::from(self.0[at + 1] - b'0');
        let (day, month, year) = (number(0), number(2), number(4));
        let century = match (self.0[6] - b'0', year) {
            (0..=3, _) | (4 | 9, 37..) => 1900,
            (4 | 9, _) | (5..=8, 0..=57) => 2000,
            (5..=8, _) => 1800,
            _ => return None,
        };
        let year = i32::try_from(year).ok()? + century;
        chrono::NaiveDate::from_ymd_opt(year, month, day)
    }

    /// The identifier written `DDMMYY-SSSS`, for showing to its own holder only.
    pub fn formatted(&self) -> String {
        let digits = String::from_utf8_lossy(&self.0).into_owned();
        format!("{}-{}", &digits[..6], &digits[6..])
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NationalId(**********)")
    }
}

/// Why a national identifier was refused; the message never repeats the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("must be ten digits written DDMMYY-SSSS")]
    Format,
    #[error("does not start with a valid date of birth (DDMMYY)")]
    Date,
}

impl FromStr for NationalId {
    type Err = NationalIdError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let bytes = input.as_bytes();
        let digits: Vec<u8> = match bytes.len() {
            10 => bytes.to_vec(),
            11 if bytes[6] == b'-' => bytes[..6].iter().chain(&bytes[7..]).copied().collect(),
            _ => return Err(NationalIdError::Format),
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(NationalIdError::Format);
        }
        let number =
            |at: usize| u32::from(digits[at] - b'0') * 10 + u32::from(digits[at + 1] - b'0');
        let (day, month) = (number(0), number(2));
        // The century is not in the number itself; any leap year admits 29 February.
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 => 29,
            _ => return Err(NationalIdError::Date),
        };
        if day == 0 || day > days_in_month {
            return Err(NationalIdError::Date);
        }
        let mut fixed = [0u8; 10];
        fixed.copy_from_slice(&digits);
        Ok(Self(fixed))
    }
}

impl FromJsonScalar for NationalId {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        expect_str(value)?
            .parse()
            .map_err(|error: NationalIdError| error.to_string())
    }
}

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

    /// The subject key of a national identifier: HMAC-SHA256 over its ten digits.
    pub fn subject_key(&self, id: &NationalId) -> SubjectKey {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC accepts any key length");
        mac.update(id.digits());
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
    fn the_birth_date_takes_its_century_from_the_seventh_digit() {
        let born = |id: &str| {
            id.parse::<NationalId>()
                .expect("valid")
                .birth_date()
                .map(|date| date.to_string())
        };
        assert_eq!(born("010190-1234").as_deref(), Some("1990-01-01"));
        assert_eq!(born("040420-4567").as_deref(), Some("2020-04-04"));
        assert_eq!(born("040440-4567").as_deref(), Some("1940-04-04"));
        assert_eq!(born("311299-9999").as_deref(), Some("1999-12-31"));
        assert_eq!(born("150312-5000").as_deref(), Some("2012-03-15"));
        assert_eq!(born("150380-5000").as_deref(), Some("1880-03-15"));
        // 29 February in a year that has none.
        assert_eq!(born("290221-4000"), None);
    }

    #[test]
    fn national_ids_parse_with_and_without_dash() {
        let dashed: NationalId = "010190-1234".parse().expect("valid");
        let plain: NationalId = "0101901234".parse().expect("valid");
        assert_eq!(dashed, plain);
        assert_eq!(plain.formatted(), "010190-1234");
    }

    #[test]
    fn impossible_birth_dates_are_refused() {
        for input in ["310490-1234", "000190-1234", "011390-1234", "300290-1234"] {
            assert_eq!(
                input.parse::<NationalId>(),
                Err(NationalIdError::Date),
                "{input}"
            );
        }
        for input in ["01019-1234", "0101901234x", "abcdef-1234", "010190 1234"] {
            assert_eq!(
                input.parse::<NationalId>(),
                Err(NationalIdError::Format),
                "{input}"
            );
        }
    }

    #[test]
    fn debug_output_never_shows_the_identifier() {
        let id: NationalId = "010190-1234".parse().expect("valid");
        assert!(!format!("{id:?}").contains("0101"));
        let secret = SubjectKeySecret::new(vec![7; 32]).expect("long enough");
        let key = secret.subject_key(&id);
        assert!(!format!("{secret:?}").contains('7'));
        assert_eq!(format!("{key:?}").len(), "SubjectKey(01234567…)".len());
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
