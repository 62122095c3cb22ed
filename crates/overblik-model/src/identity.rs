//! National identifiers of the schemes a deployment may use: the Danish CPR number, the
//! Spanish DNI and NIE, the Dutch BSN and the Estonian isikukood. Each scheme has its own
//! form, check rule, masking and what it encodes (a birth date in CPR and isikukood).

use crate::parse::{FromJsonScalar, expect_str};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use std::str::FromStr;

/// The identity scheme of a deployment: how its citizens' national identifiers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdScheme {
    /// Denmark's CPR number, `DDMMYY-SSSS`; the birth date is in the number.
    Cpr,
    /// Spain's DNI (`12345678Z`) and NIE (`X1234567L`), each with a check letter.
    DniNie,
    /// The Netherlands' burgerservicenummer: nine digits passing the eleven test.
    Bsn,
    /// Estonia's isikukood, `GYYMMDDSSSC`: sex and century, birth date, serial, check digit.
    Isikukood,
}

impl IdScheme {
    pub const ALL: [IdScheme; 4] = [Self::Cpr, Self::DniNie, Self::Bsn, Self::Isikukood];

    /// The name used in the configuration.
    pub fn code(self) -> &'static str {
        match self {
            Self::Cpr => "cpr",
            Self::DniNie => "dni_nie",
            Self::Bsn => "bsn",
            Self::Isikukood => "isikukood",
        }
    }

    /// A regular expression its identifiers match, as an OpenAPI document gives it (the
    /// checks beyond it, such as a check digit, are the parser's).
    pub fn pattern(self) -> &'static str {
        match self {
            // A day and month that exist, then the year and the sequence number.
            Self::Cpr => {
                r"^(?:(?:0[1-9]|[12][0-9]|3[01])(?:0[13578]|1[02])|(?:0[1-9]|[12][0-9]|30)(?:0[469]|11)|(?:0[1-9]|[12][0-9])02)[0-9]{2}-?[0-9]{4}$"
            }
            Self::DniNie => r"^(?:[0-9]{8}|[XYZxyz][- ]?[0-9]{7})[- ]?[A-Za-z]$",
            Self::Bsn => r"^[0-9]{8,9}$",
            Self::Isikukood => r"^[1-8][0-9]{10}$",
        }
    }

    /// A valid identifier of the scheme, for documentation.
    pub fn example(self) -> &'static str {
        match self {
            Self::Cpr => "010190-1234",
            Self::DniNie => "12345678Z",
            Self::Bsn => "123456782",
            Self::Isikukood => "37605030299",
        }
    }

    /// Whether its identifiers are digits only (a DNI or NIE has letters).
    pub fn is_numeric(self) -> bool {
        !matches!(self, Self::DniNie)
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scheme| scheme.code() == code)
    }

    /// Parses an identifier of this scheme into its normal form; the error never repeats the
    /// input.
    pub fn parse(self, input: &str) -> Result<NationalId, NationalIdError> {
        let value = match self {
            Self::Cpr => cpr(input)?,
            Self::DniNie => dni_nie(input)?,
            Self::Bsn => bsn(input)?,
            Self::Isikukood => isikukood(input)?,
        };
        Ok(NationalId {
            scheme: self,
            value,
        })
    }
}

/// A citizen's national identifier in its scheme's normal form.
///
/// It is only held in memory long enough to derive a [`crate::SubjectKey`]; it is never stored
/// or logged, which is why it has no `Display` and a redacting `Debug`. It parses (`FromStr`,
/// JSON) by the scheme of the deployment's country.
#[derive(Clone, PartialEq, Eq)]
pub struct NationalId {
    scheme: IdScheme,
    value: String,
}

impl NationalId {
    pub fn scheme(&self) -> IdScheme {
        self.scheme
    }

    /// The bytes a subject key is derived from. A CPR number's are its ten digits, as they
    /// always were, so stored keys stay valid; another scheme's are prefixed with its name.
    pub fn key_input(&self) -> Vec<u8> {
        match self.scheme {
            IdScheme::Cpr => self.value.as_bytes().to_vec(),
            scheme => format!("{}:{}", scheme.code(), self.value).into_bytes(),
        }
    }

    /// The day of birth the identifier encodes, where its scheme encodes one.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let digits = self.value.as_bytes();
        let number =
            |at: usize| u32::from(digits[at] - b'0') * 10 + u32::from(digits[at + 1] - b'0');
        match self.scheme {
            IdScheme::Cpr => {
                let (day, month, year) = (number(0), number(2), number(4));
                // The century follows from the seventh digit together with the year.
                let century = match (digits[6] - b'0', year) {
                    (0..=3, _) | (4 | 9, 37..) => 1900,
                    (4 | 9, _) | (5..=8, 0..=57) => 2000,
                    (5..=8, _) => 1800,
                    _ => return None,
                };
                NaiveDate::from_ymd_opt(i32::try_from(year).ok()? + century, month, day)
            }
            IdScheme::Isikukood => {
                let century = match digits[0] {
                    b'1' | b'2' => 1800,
                    b'3' | b'4' => 1900,
                    b'5' | b'6' => 2000,
                    b'7' | b'8' => 2100,
                    _ => return None,
                };
                let (year, month, day) = (number(1), number(3), number(5));
                NaiveDate::from_ymd_opt(i32::try_from(year).ok()? + century, month, day)
            }
            IdScheme::DniNie | IdScheme::Bsn => None,
        }
    }

    /// The identifier written as its holder knows it, for showing to its own holder only.
    pub fn formatted(&self) -> String {
        match self.scheme {
            IdScheme::Cpr => format!("{}-{}", &self.value[..6], &self.value[6..]),
            _ => self.value.clone(),
        }
    }

    /// The identifier with the part that singles a person out hidden, as each scheme's
    /// authorities show it: `010190-****`, `***4567**` (DNI), `****4567*` (NIE),
    /// `******789` (BSN), `3900101****` (isikukood).
    pub fn masked(&self) -> String {
        let keep = |from: usize, to: usize| {
            self.value
                .char_indices()
                .map(|(at, c)| if (from..to).contains(&at) { c } else { '*' })
                .collect::<String>()
        };
        match self.scheme {
            IdScheme::Cpr => format!("{}-****", &self.value[..6]),
            IdScheme::DniNie if self.value.as_bytes()[0].is_ascii_digit() => keep(3, 7),
            IdScheme::DniNie => keep(4, 8),
            IdScheme::Bsn => keep(6, 9),
            IdScheme::Isikukood => keep(0, 7),
        }
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId({}, redacted)", self.scheme.code())
    }
}

impl FromStr for NationalId {
    type Err = NationalIdError;

    /// Parses by the scheme of the deployment's country.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        crate::Country::current().scheme.parse(input)
    }
}

impl FromJsonScalar for NationalId {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        expect_str(value)?
            .parse()
            .map_err(|error: NationalIdError| error.to_string())
    }
}

/// Why a national identifier was refused; the message never repeats the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("must be {0}")]
    Format(&'static str),
    #[error("does not start with a valid date of birth (DDMMYY)")]
    Date,
    #[error("does not encode a valid date of birth")]
    EncodedDate,
    #[error("its check {0} does not match")]
    Check(&'static str),
}

const CPR_FORM: &str = "ten digits written DDMMYY-SSSS";

fn cpr(input: &str) -> Result<String, NationalIdError> {
    let digits: String = match input.len() {
        10 => input.to_owned(),
        11 if input.as_bytes()[6] == b'-' => format!("{}{}", &input[..6], &input[7..]),
        _ => return Err(NationalIdError::Format(CPR_FORM)),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NationalIdError::Format(CPR_FORM));
    }
    let number = |at: usize| digits[at..at + 2].parse::<u32>().unwrap_or(0);
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
    // 29 February only in a leap year, which the century the seventh digit gives decides.
    let id = NationalId {
        scheme: IdScheme::Cpr,
        value: digits,
    };
    if id.birth_date().is_none() {
        return Err(NationalIdError::Date);
    }
    Ok(id.value)
}

const DNI_NIE_FORM: &str =
    "a DNI (eight digits and a letter) or an NIE (X, Y or Z, seven digits and a letter)";
/// The check letters of the DNI and NIE, indexed by the number modulo 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn dni_nie(input: &str) -> Result<String, NationalIdError> {
    let normal: String = input
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let bytes = normal.as_bytes();
    if bytes.len() != 9 || !bytes[8].is_ascii_uppercase() {
        return Err(NationalIdError::Format(DNI_NIE_FORM));
    }
    // An NIE's leading letter stands for the digit it replaces: X 0, Y 1, Z 2.
    let leading = match bytes[0] {
        b'X' => b'0',
        b'Y' => b'1',
        b'Z' => b'2',
        digit => digit,
    };
    let digits: Vec<u8> = std::iter::once(leading)
        .chain(bytes[1..8].iter().copied())
        .collect();
    if !digits.iter().all(u8::is_ascii_digit) {
        return Err(NationalIdError::Format(DNI_NIE_FORM));
    }
    let number: u32 = std::str::from_utf8(&digits)
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or(NationalIdError::Format(DNI_NIE_FORM))?;
    if DNI_LETTERS[(number % 23) as usize] != bytes[8] {
        return Err(NationalIdError::Check("letter"));
    }
    Ok(normal)
}

const BSN_FORM: &str = "nine digits";

fn bsn(input: &str) -> Result<String, NationalIdError> {
    let digits: String = input.chars().filter(|c| *c != '.' && *c != ' ').collect();
    // A BSN written without its leading zero has eight digits.
    let digits = match digits.len() {
        8 => format!("0{digits}"),
        9 => digits,
        _ => return Err(NationalIdError::Format(BSN_FORM)),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NationalIdError::Format(BSN_FORM));
    }
    // The eleven test: weights 9 down to 2, and -1 for the last digit.
    let sum: i64 = digits
        .bytes()
        .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(digit, weight)| i64::from(digit - b'0') * weight)
        .sum();
    if sum % 11 != 0 || sum == 0 {
        return Err(NationalIdError::Check("digit (eleven test)"));
    }
    Ok(digits)
}

const ISIKUKOOD_FORM: &str = "eleven digits written GYYMMDDSSSC";

fn isikukood(input: &str) -> Result<String, NationalIdError> {
    let bytes = input.as_bytes();
    if bytes.len() != 11 || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(NationalIdError::Format(ISIKUKOOD_FORM));
    }
    let digits: Vec<u32> = bytes.iter().map(|b| u32::from(b - b'0')).collect();
    // Weights 1..9,1; if that leaves 10, weights 3..9,1,2,3; a second 10 counts as 0.
    let weighted = |weights: [u32; 10]| -> u32 {
        digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11
    };
    let mut check = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
    if check == 10 {
        check = weighted([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10;
    }
    if check != digits[10] {
        return Err(NationalIdError::Check("digit"));
    }
    let id = NationalId {
        scheme: IdScheme::Isikukood,
        value: input.to_owned(),
    };
    if id.birth_date().is_none() {
        return Err(NationalIdError::EncodedDate);
    }
    Ok(id.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_schemes_example_is_valid() {
        for scheme in IdScheme::ALL {
            assert!(scheme.parse(scheme.example()).is_ok(), "{scheme:?}");
        }
    }

    #[test]
    fn the_birth_date_takes_its_century_from_the_seventh_digit() {
        let born = |id: &str| {
            IdScheme::Cpr
                .parse(id)
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
        assert_eq!(born("290220-4000").as_deref(), Some("2020-02-29"));
        // 29 February in a year that has none is no day of birth.
        assert_eq!(
            IdScheme::Cpr.parse("290221-4000"),
            Err(NationalIdError::Date)
        );
        assert_eq!(
            IdScheme::Cpr.parse("290200-1234"),
            Err(NationalIdError::Date),
            "1900 was no leap year"
        );
    }

    #[test]
    fn a_cpr_number_is_the_same_with_or_without_its_dash() {
        let dashed = IdScheme::Cpr.parse("010190-1234").expect("valid");
        let plain = IdScheme::Cpr.parse("0101901234").expect("valid");
        assert_eq!(dashed, plain);
        assert_eq!(dashed.formatted(), "010190-1234");
        assert_eq!(dashed.masked(), "010190-****");
        assert_eq!(dashed.key_input(), b"0101901234");
    }

    #[test]
    fn impossible_cpr_numbers_are_refused() {
        for input in ["310490-1234", "000190-1234", "011390-1234", "300290-1234"] {
            assert_eq!(IdScheme::Cpr.parse(input), Err(NationalIdError::Date));
        }
        for input in [
            "01019-1234",
            "0101901234x",
            "abcdef-1234",
            "010190 1234",
            "",
        ] {
            assert!(matches!(
                IdScheme::Cpr.parse(input),
                Err(NationalIdError::Format(_))
            ));
        }
    }

    #[test]
    fn a_dni_or_nie_needs_its_check_letter() {
        let dni = IdScheme::DniNie.parse("12345678z").expect("valid");
        assert_eq!(dni.formatted(), "12345678Z");
        assert_eq!(dni.masked(), "***4567**");
        assert_eq!(dni.birth_date(), None);
        assert_eq!(IdScheme::DniNie.parse("12345678 Z"), Ok(dni.clone()));
        let nie = IdScheme::DniNie.parse("X-1234567-L").expect("valid");
        assert_eq!(nie.masked(), "****4567*");
        assert_eq!(
            IdScheme::DniNie.parse("Y0000000Z").map(|id| id.formatted()),
            Ok("Y0000000Z".to_owned())
        );
        assert_eq!(
            IdScheme::DniNie.parse("12345678A"),
            Err(NationalIdError::Check("letter"))
        );
        assert_eq!(
            IdScheme::DniNie.parse("X1234567A"),
            Err(NationalIdError::Check("letter"))
        );
        for input in ["1234567Z", "123456789", "A1234567L", ""] {
            assert!(matches!(
                IdScheme::DniNie.parse(input),
                Err(NationalIdError::Format(_))
            ));
        }
    }

    #[test]
    fn a_bsn_passes_the_eleven_test() {
        let bsn = IdScheme::Bsn.parse("111222333").expect("valid");
        assert_eq!(bsn.masked(), "******333");
        // Eight digits: the leading zero left out, the same person.
        assert_eq!(
            IdScheme::Bsn.parse("12345672"),
            IdScheme::Bsn.parse("012345672")
        );
        assert!(IdScheme::Bsn.parse("012345672").is_ok());
        assert_eq!(bsn.birth_date(), None);
        assert_eq!(
            IdScheme::Bsn.parse("123456782").map(|id| id.formatted()),
            Ok("123456782".to_owned())
        );
        assert_eq!(
            IdScheme::Bsn.parse("111222334"),
            Err(NationalIdError::Check("digit (eleven test)"))
        );
        assert_eq!(
            IdScheme::Bsn.parse("000000000"),
            Err(NationalIdError::Check("digit (eleven test)"))
        );
        for input in ["1234567", "1234567890", "12345678a"] {
            assert!(matches!(
                IdScheme::Bsn.parse(input),
                Err(NationalIdError::Format(_))
            ));
        }
    }

    #[test]
    fn an_isikukood_encodes_its_birth_date_and_has_a_check_digit() {
        let id = IdScheme::Isikukood.parse("37605030299").expect("valid");
        assert_eq!(id.birth_date().expect("a date").to_string(), "1976-05-03");
        assert_eq!(id.masked(), "3760503****");
        let next_century = IdScheme::Isikukood.parse("70001010008").expect("valid");
        assert_eq!(
            next_century.birth_date().expect("a date").to_string(),
            "2100-01-01"
        );
        assert_eq!(
            IdScheme::Isikukood.parse("37605030298"),
            Err(NationalIdError::Check("digit"))
        );
        assert!(matches!(
            IdScheme::Isikukood.parse("3760503029"),
            Err(NationalIdError::Format(_))
        ));
        // 31 February, with a check digit that fits it.
        let mut impossible = String::from("3760231029");
        let check = (0..10)
            .find(|digit| {
                IdScheme::Isikukood.parse(&format!("{impossible}{digit}"))
                    != Err(NationalIdError::Check("digit"))
            })
            .expect("one digit fits");
        impossible.push_str(&check.to_string());
        assert_eq!(
            IdScheme::Isikukood.parse(&impossible),
            Err(NationalIdError::EncodedDate)
        );
    }

    #[test]
    fn the_debug_form_and_errors_never_show_the_identifier() {
        let id = IdScheme::Bsn.parse("111222333").expect("valid");
        assert!(!format!("{id:?}").contains("111222333"));
        for scheme in IdScheme::ALL {
            let error = scheme
                .parse("99999999999x")
                .expect_err("refused")
                .to_string();
            assert!(!error.contains("99999"), "{error}");
        }
    }
}
