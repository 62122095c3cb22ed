//! Values that records carry: texts, amounts, dates, links and versions.

use crate::parse::{At, FromJson, FromJsonScalar, Object, Parser, expect_str, json_type};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;
use utoipa::ToSchema;

/// A text from a provider: non-empty, at most `MAX` characters, no control characters
/// (line breaks are allowed in texts longer than a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text<const MAX: usize>(String);

/// A name, title or status: one line of at most 200 characters.
pub type ShortText = Text<200>;
/// A description or explanation: at most 4,000 characters.
pub type LongText = Text<4000>;

impl<const MAX: usize> Text<MAX> {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses a text with the rules of this length.
    pub fn parse(input: &str) -> Result<Self, String> {
        let length = input.chars().count();
        if input.trim().is_empty() {
            return Err("must not be empty".to_owned());
        }
        if length > MAX {
            return Err(format!("must be at most {MAX} characters, has {length}"));
        }
        let line_breaks_allowed = MAX > 200;
        if input
            .chars()
            .any(|c| c.is_control() && !(line_breaks_allowed && (c == '\n' || c == '\t')))
        {
            return Err("must not contain control characters".to_owned());
        }
        Ok(Self(input.to_owned()))
    }
}

impl<const MAX: usize> FromJsonScalar for Text<MAX> {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        Self::parse(expect_str(value)?)
    }
}

impl<const MAX: usize> fmt::Display for Text<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize> utoipa::PartialSchema for Text<MAX> {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .into()
    }
}

impl<const MAX: usize> ToSchema for Text<MAX> {}

/// A text in Danish, English or both; at least one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LocalizedText {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub da: Option<ShortText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<ShortText>,
}

/// The languages Overblik speaks to citizens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
}

impl Language {
    /// The language a code names (`da`, `en`, in any case), if Overblik speaks it.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.to_ascii_lowercase().as_str() {
            "da" => Some(Self::Da),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

impl LocalizedText {
    /// The text in `language`, or in the other language when the provider gave only that.
    pub fn get(&self, language: Language) -> &str {
        let (wanted, other) = match language {
            Language::Da => (&self.da, &self.en),
            Language::En => (&self.en, &self.da),
        };
        wanted
            .as_ref()
            .or(other.as_ref())
            .map_or("", |text| text.as_str())
    }
}

impl FromJson for LocalizedText {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object = parser.object(value, at)?;
        let da = object.optional(parser, "da");
        let en = object.optional(parser, "en");
        object.finish(parser);
        let (da, en) = (da?, en?);
        if da.is_none() && en.is_none() {
            parser.fail(at, "must have a Danish (da) or English (en) text");
            return None;
        }
        Some(Self { da, en })
    }
}

/// An amount of Danish kroner, kept in øre so that sums are exact.
///
/// Sent as a JSON number with at most two decimals, never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    /// The largest amount accepted: one hundred billion kroner.
    pub const MAX_ORE: i64 = 100_000_000_000 * 100;

    pub fn from_ore(ore: i64) -> Self {
        Self(ore)
    }

    pub fn ore(self) -> i64 {
        self.0
    }

    /// The amount as Danes and the English-speaking write kroner: `1.234,50 kr.`,
    /// `DKK 1,234.50`.
    pub fn written(self, language: Language) -> String {
        let (kroner, ore) = (self.0 / 100, (self.0 % 100).abs());
        let digits = kroner.abs().to_string();
        let (thousands, decimal) = match language {
            Language::Da => ('.', ','),
            Language::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        match language {
            Language::Da => format!("{sign}{grouped}{decimal}{ore:02} kr."),
            Language::En => format!("DKK {sign}{grouped}{decimal}{ore:02}"),
        }
    }
}

impl FromJsonScalar for Money {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        let Value::Number(number) = value else {
            return Err(format!(
                "must be a number of kroner, not {}",
                json_type(value)
            ));
        };
        if let Some(kroner) = number.as_i64() {
            return match kroner.checked_mul(100) {
                Some(ore) if ore < 0 => Err("must not be negative".to_owned()),
                Some(ore) if ore <= Self::MAX_ORE => Ok(Self(ore)),
                _ => Err("is too large".to_owned()),
            };
        }
        let kroner = number.as_f64().ok_or("must be a number of kroner")?;
        if kroner < 0.0 {
            return Err("must not be negative".to_owned());
        }
        let ore = (kroner * 100.0).round();
        if (kroner * 100.0 - ore).abs() > 1e-6 {
            return Err("must have at most two decimals (øre)".to_owned());
        }
        if ore > Self::MAX_ORE as f64 {
            return Err("is too large".to_owned());
        }
        Ok(Self(ore as i64))
    }
}

impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .minimum(Some(0.0))
            .multiple_of(Some(0.01))
            .description(Some("Danish kroner, at most two decimals"))
            .examples([serde_json::json!(1234.5)])
            .into()
    }
}

impl ToSchema for Money {}

/// A calendar date, `YYYY-MM-DD`, between 1900 and 2200.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, format = Date, example = "2026-12-01")]
pub struct Date(NaiveDate);

impl Date {
    pub fn new(date: NaiveDate) -> Self {
        Self(date)
    }

    pub fn get(self) -> NaiveDate {
        self.0
    }
}

fn plausible_year(year: i32) -> Result<(), String> {
    if (1900..=2200).contains(&year) {
        Ok(())
    } else {
        Err("must be between the years 1900 and 2200".to_owned())
    }
}

impl FromJsonScalar for Date {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        use chrono::Datelike;
        let text = expect_str(value)?;
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() == 10)
            .ok_or("must be a real calendar date written YYYY-MM-DD")?;
        plausible_year(date.year())?;
        Ok(Self(date))
    }
}

/// A moment in time, RFC 3339 with an offset, such as `2026-11-23T09:30:00+01:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, format = DateTime, example = "2026-11-23T09:30:00+01:00")]
pub struct Timestamp(DateTime<Utc>);

impl Timestamp {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(at)
    }

    pub fn now() -> Self {
        Self(Utc::now())
    }

    pub fn get(self) -> DateTime<Utc> {
        self.0
    }
}

impl FromJsonScalar for Timestamp {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        use chrono::Datelike;
        let at = DateTime::parse_from_rfc3339(expect_str(value)?)
            .map_err(|_| "must be a real date and time in RFC 3339, with an offset".to_owned())?
            .with_timezone(&Utc);
        plausible_year(at.year())?;
        Ok(Self(at))
    }
}

/// A link to a provider's self-service or a document: an absolute `https` URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, example = "https://www.example-kommune.dk/sag/417")]
pub struct Link(String);

impl Link {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromJsonScalar for Link {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        let text = expect_str(value)?;
        if text.len() > 2000 {
            return Err("must be at most 2000 characters".to_owned());
        }
        let url = url::Url::parse(text).map_err(|_| "must be an absolute URL".to_owned())?;
        if url.scheme() != "https" {
            return Err("must be an https URL".to_owned());
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not carry credentials".to_owned());
        }
        Ok(Self(url.into()))
    }
}

/// A record's version at its provider: newer versions have larger numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(i64);

impl utoipa::PartialSchema for Version {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(0))
            .examples([3])
            .into()
    }
}

impl ToSchema for Version {}

impl Version {
    pub fn new(version: i64) -> Option<Self> {
        (version >= 0).then_some(Self(version))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl FromJsonScalar for Version {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        value
            .as_i64()
            .and_then(Self::new)
            .ok_or_else(|| "must be a whole number from 0 up".to_owned())
    }
}

/// Where a citizen can reach the authority about a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Contact {
    pub name: ShortText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Text<40>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<Text<254>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Link>,
}

impl FromJson for Contact {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let mut object: Object<'_, '_> = parser.object(value, at)?;
        let name = object.required(parser, "name");
        let phone = object.optional(parser, "phone");
        let email: Option<Option<Text<254>>> = object.optional(parser, "email");
        let url = object.optional(parser, "url");
        object.finish(parser);
        if let Some(Some(email)) = &email
            && !email.as_str().contains('@')
        {
            parser.fail(&at.key("email"), "must be an e-mail address");
            return None;
        }
        Some(Self {
            name: name?,
            phone: phone?,
            email: email?,
            url: url?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_accepts_kroner_with_ore_and_refuses_the_rest() {
        assert_eq!(Money::from_json_scalar(&json!(1234)), Ok(Money(123_400)));
        assert_eq!(Money::from_json_scalar(&json!(12.5)), Ok(Money(1250)));
        assert_eq!(Money::from_json_scalar(&json!(0.1)), Ok(Money(10)));
        assert!(Money::from_json_scalar(&json!(-1)).is_err());
        assert!(Money::from_json_scalar(&json!(-0.5)).is_err());
        assert!(Money::from_json_scalar(&json!(1.005)).is_err());
        assert!(Money::from_json_scalar(&json!("12")).is_err());
        assert!(Money::from_json_scalar(&json!(1e300)).is_err());
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::from_json_scalar(&json!("2026-02-28")).is_ok());
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-01-01",
            "2026-1-1",
            "1066-10-14",
            "x",
        ] {
            assert!(Date::from_json_scalar(&json!(bad)).is_err(), "{bad}");
        }
        assert!(Timestamp::from_json_scalar(&json!("2026-11-23T09:30:00+01:00")).is_ok());
        assert!(Timestamp::from_json_scalar(&json!("2026-11-31T09:30:00Z")).is_err());
        assert!(Timestamp::from_json_scalar(&json!("2026-11-23T09:30:00")).is_err());
    }

    #[test]
    fn texts_refuse_control_characters_and_overlong_input() {
        assert!(ShortText::parse("Byggetilladelse").is_ok());
        assert!(ShortText::parse("a\u{0}b").is_err());
        assert!(ShortText::parse("two\nlines").is_err());
        assert!(LongText::parse("two\nlines").is_ok());
        assert!(ShortText::parse(" ").is_err());
        assert!(ShortText::parse(&"ø".repeat(200)).is_ok());
        assert!(ShortText::parse(&"ø".repeat(201)).is_err());
    }

    #[test]
    fn links_must_be_https() {
        assert!(Link::from_json_scalar(&json!("https://borger.example/sag")).is_ok());
        assert!(Link::from_json_scalar(&json!("http://borger.example/sag")).is_err());
        assert!(Link::from_json_scalar(&json!("javascript:alert(1)")).is_err());
        assert!(Link::from_json_scalar(&json!("https://user:pw@borger.example")).is_err());
    }
}
