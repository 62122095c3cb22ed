//! Values that records carry: texts, amounts, dates, links and versions.

use crate::parse::{At, FromJson, FromJsonScalar, Object, Parser, expect_str, json_type};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
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

impl<const MAX: usize> ToSchema for Text<MAX> {
    /// A schema per length: utoipa's own name would be `Text` for every length, one schema for
    /// all, documenting a 4,000-character text as at most 200.
    fn name() -> std::borrow::Cow<'static, str> {
        match MAX {
            200 => "ShortText".into(),
            4000 => "LongText".into(),
            _ => format!("Text{MAX}").into(),
        }
    }
}

/// The language of a provider's text: a BCP 47 tag such as `da`, `ca`, `nl-BE` or `es`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TextLanguage(String);

impl TextLanguage {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag, `nl` of `nl-BE`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Whether `tag` is a bare ISO 639 code in normal form, as most are: nothing to parse.
    fn is_bare_code(tag: &str) -> bool {
        (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase()) && tag != "und"
    }

    pub fn parse(tag: &str) -> Result<Self, String> {
        if Self::is_bare_code(tag) {
            return Ok(Self(tag.to_owned()));
        }
        let parsed: unic_langid::LanguageIdentifier = tag.parse().map_err(|_| {
            "must be a BCP 47 language tag, such as da, en, ca, es or nl-BE".to_owned()
        })?;
        // "und" (undetermined) names no language a citizen could be shown, and a primary
        // subtag of five or more letters is reserved: languages have ISO 639 codes of 2 or 3.
        if parsed.language.is_empty() || parsed.language.as_str().len() > 3 {
            return Err(
                "must name a language by its ISO 639 code, such as da, en, ca, es or nl".to_owned(),
            );
        }
        Ok(Self(parsed.to_string()))
    }
}

impl TryFrom<String> for TextLanguage {
    type Error = String;

    fn try_from(tag: String) -> Result<Self, Self::Error> {
        if Self::is_bare_code(&tag) {
            return Ok(Self(tag));
        }
        Self::parse(&tag)
    }
}

impl From<TextLanguage> for String {
    fn from(tag: TextLanguage) -> Self {
        tag.0
    }
}

impl From<Language> for TextLanguage {
    fn from(language: Language) -> Self {
        Self(language.code().to_owned())
    }
}

/// A text in one or more languages, keyed by BCP 47 tag: `{"da": "...", "en": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(BTreeMap<TextLanguage, ShortText>);

impl utoipa::PartialSchema for LocalizedText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .description(Some(
                "A text per BCP 47 language tag, such as {\"da\": \"...\", \"en\": \"...\"}; at least one",
            ))
            .additional_properties(Some(ShortText::schema()))
            .min_properties(Some(1))
            .max_properties(Some(MAX_TEXT_LANGUAGES))
            .examples([serde_json::json!({"da": "Boligstøtte", "en": "Housing benefit"})])
            .into()
    }
}

impl ToSchema for LocalizedText {}

/// At most this many languages of one text.
const MAX_TEXT_LANGUAGES: usize = 12;

/// The languages Overblik speaks to citizens: each has a folder of Fluent texts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Da,
    En,
    Ca,
    Es,
}

impl Language {
    pub const ALL: [Language; 4] = [Self::Da, Self::En, Self::Ca, Self::Es];

    /// The language a code names (`da`, `en`, `ca`, `es`, in any case), if Overblik speaks it.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|language| language.code() == code)
    }

    /// Its BCP 47 tag.
    pub fn code(self) -> &'static str {
        match self {
            Self::Da => "da",
            Self::En => "en",
            Self::Ca => "ca",
            Self::Es => "es",
        }
    }

    /// Its name in itself, for a language chooser.
    pub fn autonym(self) -> &'static str {
        match self {
            Self::Da => "Dansk",
            Self::En => "English",
            Self::Ca => "Català",
            Self::Es => "Español",
        }
    }

    /// A calendar date as it writes one: `24.12.2026`, `24 Dec 2026`, `24/12/2026`.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Self::Da => date.format("%-d.%-m.%Y").to_string(),
            Self::En => date.format("%-d %b %Y").to_string(),
            Self::Ca | Self::Es => date.format("%-d/%-m/%Y").to_string(),
        }
    }

    /// Its decimal mark.
    pub fn decimal_mark(self) -> char {
        self.separators().1
    }

    /// How it writes numbers: the thousands separator and the decimal mark.
    fn separators(self) -> (char, char) {
        match self {
            Self::En => (',', '.'),
            Self::Da | Self::Ca | Self::Es => ('.', ','),
        }
    }
}

impl LocalizedText {
    /// A text in one language.
    pub fn one(language: impl Into<TextLanguage>, text: ShortText) -> Self {
        Self(BTreeMap::from([(language.into(), text)]))
    }

    /// Texts by language; `None` when there are none.
    pub fn from_titles(texts: BTreeMap<TextLanguage, ShortText>) -> Option<Self> {
        (!texts.is_empty()).then_some(Self(texts))
    }

    /// The text and its language for a reader of `language`: the text in that language, else
    /// in the deployment's first language, else in English, else the first there is.
    pub fn pick(&self, language: Language) -> (&TextLanguage, &str) {
        let in_language = |code: &str| self.0.iter().find(|(tag, _)| tag.primary() == code);
        let country = crate::Country::current();
        in_language(language.code())
            .or_else(|| in_language(country.language().code()))
            .or_else(|| in_language("en"))
            .or_else(|| self.0.iter().next())
            .map(|(tag, text)| (tag, text.as_str()))
            .expect("a localized text has at least one language")
    }

    /// The text for a reader of `language`, and its language tag when that is another
    /// language than the reader's (a Dutch title on an English page), for a page to mark it
    /// so that a screen reader speaks it as what it is.
    pub fn shown(&self, language: Language) -> (&str, Option<&str>) {
        let (tag, text) = self.pick(language);
        (
            text,
            (tag.primary() != language.code()).then(|| tag.as_str()),
        )
    }

    /// The text for a reader of `language`; see [`LocalizedText::pick`].
    pub fn get(&self, language: Language) -> &str {
        self.pick(language).1
    }

    /// The text in exactly this language, if the provider gave one.
    pub fn exactly(&self, language: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(tag, _)| tag.as_str() == language)
            .map(|(_, text)| text.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&TextLanguage, &ShortText)> {
        self.0.iter()
    }
}

impl FromJson for LocalizedText {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        let Value::Object(map) = value else {
            parser.fail(
                at,
                format!(
                    "must be an object of texts by language, not {}",
                    json_type(value)
                ),
            );
            return None;
        };
        if map.is_empty() {
            parser.fail(
                at,
                "must have a text in at least one language, such as da or en",
            );
            return None;
        }
        if map.len() > MAX_TEXT_LANGUAGES {
            parser.fail(
                at,
                format!("must have at most {MAX_TEXT_LANGUAGES} languages"),
            );
            return None;
        }
        let mut texts = BTreeMap::new();
        let mut complete = true;
        for (tag, text) in map {
            let at = at.key(tag);
            let language = TextLanguage::parse(tag).map_err(|detail| parser.fail(&at, detail));
            let text = ShortText::from_json(parser, text, &at);
            match (language, text) {
                (Ok(language), Some(text)) => {
                    if texts.insert(language, text).is_some() {
                        parser.fail(&at, "names a language given twice");
                        complete = false;
                    }
                }
                _ => complete = false,
            }
        }
        complete.then_some(Self(texts))
    }
}

/// An ISO 4217 currency, such as `DKK` or `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    pub const DKK: Self = Self(iso_currency::Currency::DKK);
    pub const EUR: Self = Self(iso_currency::Currency::EUR);

    /// The currency of an ISO 4217 code; not the special codes that are no money one is
    /// paid in (`XXX` no currency, `XTS` testing, gold `XAU`, drawing rights `XDR`).
    pub fn from_code(code: &str) -> Option<Self> {
        iso_currency::Currency::from_code(code)
            .filter(|currency| !currency.is_special())
            .map(Self)
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// How many digits its minor unit has: 2 for kroner and euros, 0 for yen.
    pub fn exponent(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(0))
    }

    fn minor_per_major(self) -> i64 {
        10i64.pow(self.exponent())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Self::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom("not an ISO 4217 currency code"))
    }
}

impl FromJsonScalar for Currency {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        Self::from_code(expect_str(value)?)
            .ok_or_else(|| "must be an ISO 4217 currency code, such as DKK or EUR".to_owned())
    }
}

/// An amount of money in a currency, kept in its minor unit (øre, cents) so sums are exact.
///
/// A provider sends a number in the deployment's currency, `1234.5`, or an object naming
/// the currency, `{"amount": 1234.5, "currency": "EUR"}`; Overblik gives the object back.
/// Negative amounts (a refund, a credit note) are accepted where the record kind says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// The largest amount accepted: one hundred billion in the major unit.
    pub const MAX_MAJOR: i64 = 100_000_000_000;

    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Nothing, in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    /// The amount in the currency's minor unit.
    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    pub fn is_negative(self) -> bool {
        self.minor < 0
    }

    /// The sum of two amounts of one currency; `None` across currencies.
    pub fn plus(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| Self::new(self.minor + other.minor, self.currency))
    }

    /// The amount as a reader of `language` writes it: `1.234,50 kr.`, `DKK 1,234.50`,
    /// `1.234,50 €`, `€1,234.50`.
    pub fn written(self, language: Language) -> String {
        let per = self.currency.minor_per_major();
        let (major, minor) = ((self.minor / per).abs(), (self.minor % per).abs());
        let (thousands, decimal) = language.separators();
        let mut number = grouped(&major.to_string(), thousands);
        let exponent = self.currency.exponent() as usize;
        if exponent > 0 {
            number.push(decimal);
            number.push_str(&format!("{minor:0exponent$}"));
        }
        let sign = if self.minor < 0 { "-" } else { "" };
        match (self.currency, language) {
            (Currency::DKK, Language::Da) => format!("{sign}{number} kr."),
            (Currency::EUR, Language::En) => format!("{sign}€{number}"),
            (Currency::EUR, _) => format!("{sign}{number} €"),
            (currency, Language::En) => format!("{currency} {sign}{number}"),
            (currency, _) => format!("{sign}{number} {currency}"),
        }
    }

    /// The amount in the major unit, as a JSON number.
    fn major(self) -> serde_json::Number {
        let value = self.minor as f64 / self.currency.minor_per_major() as f64;
        serde_json::Number::from_f64(value).unwrap_or_else(|| 0.into())
    }

    /// Reads a JSON number of the major unit of `currency`: at most as many decimals as its
    /// minor unit has.
    fn from_major(value: &Value, currency: Currency) -> Result<Self, String> {
        match fixed_point(value, currency.exponent(), Self::MAX_MAJOR) {
            Ok(minor) => Ok(Self::new(minor, currency)),
            Err(NumberRefused::NotANumber(detail)) => Err(detail),
            Err(NumberRefused::TooLarge) => Err("is too large".to_owned()),
            Err(NumberRefused::Decimals) => Err(format!(
                "must have at most {} decimals in {currency}",
                currency.exponent()
            )),
        }
    }
}

/// Why a JSON number is not a fixed-point amount.
enum NumberRefused {
    NotANumber(String),
    TooLarge,
    Decimals,
}

/// A JSON number in units of a `decimals`-th power of ten: at most that many decimals and at
/// most `max` whole units either way from zero. The decimals are counted in the number as
/// written (its shortest form), not with floating-point arithmetic, which would refuse a
/// large amount such as 1234567890.12 for the error in its last bit.
fn fixed_point(value: &Value, decimals: u32, max: i64) -> Result<i64, NumberRefused> {
    let Value::Number(number) = value else {
        return Err(NumberRefused::NotANumber(format!(
            "must be a number, not {}",
            json_type(value)
        )));
    };
    let scale = 10_i64.pow(decimals);
    if let Some(whole) = number.as_i64() {
        if !(-max..=max).contains(&whole) {
            return Err(NumberRefused::TooLarge);
        }
        return Ok(whole * scale);
    }
    let value = number
        .as_f64()
        .ok_or_else(|| NumberRefused::NotANumber("must be a number".to_owned()))?;
    if number.is_u64() || !value.is_finite() || value.abs() > max as f64 {
        return Err(NumberRefused::TooLarge);
    }
    let written = number.to_string();
    let (mantissa, exponent) = match written.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
        None => (written.as_str(), 0),
    };
    let fraction = mantissa
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.trim_end_matches('0').len());
    if i64::try_from(fraction).unwrap_or(i64::MAX) - exponent > i64::from(decimals) {
        return Err(NumberRefused::Decimals);
    }
    Ok((value * scale as f64).round() as i64)
}

impl FromJson for Money {
    fn from_json(parser: &mut Parser, value: &Value, at: &At<'_>) -> Option<Self> {
        if let Value::Object(_) = value {
            let mut object = parser.object(value, at)?;
            let currency: Option<Currency> = object.required(parser, "currency");
            let amount = object.raw("amount");
            object.finish(parser);
            let at = at.key("amount");
            let Some(amount) = amount else {
                parser.fail(&at, "is required");
                return None;
            };
            return Self::from_major(amount, currency?)
                .map_err(|detail| parser.fail(&at, detail))
                .ok();
        }
        Self::from_major(value, crate::Country::current().currency)
            .map_err(|detail| {
                parser.fail(at, format!("{detail}; or an object {{amount, currency}}"))
            })
            .ok()
    }
}

/// The stored and returned form, `{"amount": 1234.5, "currency": "DKK"}`.
#[derive(Serialize, Deserialize)]
struct MoneyForm {
    amount: serde_json::Number,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyForm {
            amount: self.major(),
            currency: self.currency,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Also reads what was stored before amounts had a currency: a whole number of øre, which
    /// was always Danish kroner. A visitor rather than an untagged enum, which would buffer
    /// every amount of every record read.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Stored;

        impl<'de> serde::de::Visitor<'de> for Stored {
            type Value = Money;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object {amount, currency} or a whole number of øre")
            }

            fn visit_i64<E: serde::de::Error>(self, ore: i64) -> Result<Money, E> {
                Ok(Money::new(ore, Currency::DKK))
            }

            fn visit_u64<E: serde::de::Error>(self, ore: u64) -> Result<Money, E> {
                i64::try_from(ore)
                    .map(|ore| Money::new(ore, Currency::DKK))
                    .map_err(|_| E::custom("is too large"))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Money, A::Error> {
                let form =
                    MoneyForm::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                // Written by Overblik itself, so checked when it came in: only scaled here,
                // on every read of every record.
                let per = form.currency.minor_per_major();
                let minor = match form.amount.as_i64() {
                    Some(major) => major.checked_mul(per),
                    None => form
                        .amount
                        .as_f64()
                        .map(|major| (major * per as f64).round())
                        .filter(|minor| minor.abs() < i64::MAX as f64)
                        .map(|minor| minor as i64),
                };
                minor
                    .map(|minor| Money::new(minor, form.currency))
                    .ok_or_else(|| serde::de::Error::custom("is too large"))
            }
        }

        deserializer.deserialize_any(Stored)
    }
}

impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        let object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .property(
                "amount",
                ObjectBuilder::new()
                    .schema_type(Type::Number)
                    .description(Some(
                        "In the currency's major unit, at most its minor unit's decimals",
                    )),
            )
            .property(
                "currency",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .pattern(Some("^[A-Z]{3}$"))
                    .description(Some("ISO 4217")),
            )
            .required("amount")
            .required("currency")
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        OneOfBuilder::new()
            .item(object)
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Number)
                    .description(Some("An amount in the deployment's currency")),
            )
            .description(Some(
                "An amount: {amount, currency}, or a number in the deployment's currency",
            ))
            .examples([serde_json::json!({"amount": 1234.5, "currency": "DKK"})])
            .into()
    }
}

impl ToSchema for Money {}

/// `digits` with `separator` between each group of three from the right: `1.234.567`.
fn grouped(digits: &str, separator: char) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// A quantity of something other than money (hours of care, trips, kilometres), kept in
/// hundredths so sums are exact: a JSON number with at most 2 decimals.
///
/// What a provider sends is never negative; a difference of two ([`Quantity::minus`]) may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity {
    hundredths: i64,
}

impl Quantity {
    /// The largest quantity accepted: one billion.
    pub const MAX: i64 = 1_000_000_000;

    pub fn from_hundredths(hundredths: i64) -> Self {
        Self { hundredths }
    }

    pub fn hundredths(self) -> i64 {
        self.hundredths
    }

    pub fn is_negative(self) -> bool {
        self.hundredths < 0
    }

    /// `self` less `other`, negative when `other` is larger.
    pub fn minus(self, other: Quantity) -> Quantity {
        Self::from_hundredths(self.hundredths - other.hundredths)
    }

    /// Its size without its sign.
    pub fn abs(self) -> Quantity {
        Self::from_hundredths(self.hundredths.abs())
    }

    /// The quantity as a reader of `language` writes it, without trailing zeros:
    /// `1.234,5` in Danish, `1,234.5` in English, `12` for twelve.
    pub fn written(self, language: Language) -> String {
        let (thousands, decimal) = language.separators();
        let whole = grouped(&(self.hundredths / 100).abs().to_string(), thousands);
        let mut number = if self.hundredths < 0 {
            format!("-{whole}")
        } else {
            whole
        };
        let cents = (self.hundredths % 100).abs();
        if cents != 0 {
            number.push(decimal);
            let fraction = format!("{cents:02}");
            number.push_str(fraction.trim_end_matches('0'));
        }
        number
    }

    /// Reads a JSON number from 0 up with at most 2 decimals.
    fn parse(value: &Value) -> Result<Self, String> {
        match fixed_point(value, 2, Self::MAX) {
            Ok(hundredths) if hundredths < 0 => Err("must not be negative".to_owned()),
            Ok(hundredths) => Ok(Self::from_hundredths(hundredths)),
            Err(NumberRefused::NotANumber(detail)) => Err(detail),
            Err(NumberRefused::TooLarge) => Err("is too large".to_owned()),
            Err(NumberRefused::Decimals) => Err("must have at most 2 decimals".to_owned()),
        }
    }

    /// The quantity as a JSON number.
    fn number(self) -> serde_json::Number {
        if self.hundredths % 100 == 0 {
            return (self.hundredths / 100).into();
        }
        serde_json::Number::from_f64(self.hundredths as f64 / 100.0).unwrap_or_else(|| 0.into())
    }
}

impl FromJsonScalar for Quantity {
    fn from_json_scalar(value: &Value) -> Result<Self, String> {
        Self::parse(value)
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.number().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = serde_json::Number::deserialize(deserializer)?;
        Self::parse(&Value::Number(number)).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Quantity {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Number)
            .minimum(Some(0))
            .maximum(Some(Self::MAX))
            .description(Some(
                "A quantity in the unit given beside it, from 0 up, at most 2 decimals",
            ))
            .examples([12.5])
            .into()
    }
}

impl ToSchema for Quantity {}

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
    /// The smallest version.
    pub const ZERO: Self = Self(0);

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
    use crate::parse::FieldError;
    use serde_json::json;

    fn money(value: serde_json::Value) -> Result<Money, Vec<FieldError>> {
        let mut parser = Parser::new();
        let parsed = Money::from_json(&mut parser, &value, &At::root());
        parser.finish(parsed)
    }

    #[test]
    fn money_is_a_number_in_the_deployments_currency_or_names_its_own() {
        assert_eq!(money(json!(1234)), Ok(Money::new(123_400, Currency::DKK)));
        assert_eq!(money(json!(12.5)), Ok(Money::new(1250, Currency::DKK)));
        assert_eq!(money(json!(0.1)), Ok(Money::new(10, Currency::DKK)));
        assert_eq!(money(json!(-0.5)), Ok(Money::new(-50, Currency::DKK)));
        assert_eq!(
            money(json!({"amount": 99.99, "currency": "EUR"})),
            Ok(Money::new(9999, Currency::EUR))
        );
        let yen = Currency::from_code("JPY").expect("ISO 4217");
        assert_eq!(
            money(json!({"amount": 500, "currency": "JPY"})),
            Ok(Money::new(500, yen))
        );
        let refused = |value: serde_json::Value, pointer: &str| {
            let errors = money(value).expect_err("refused");
            assert_eq!(errors[0].pointer.as_str(), pointer, "{errors:?}");
        };
        // Large amounts keep their cents: decimals are counted as written, not by arithmetic.
        assert_eq!(
            money(json!(1_234_567_890.12)),
            Ok(Money::new(123_456_789_012, Currency::DKK))
        );
        assert_eq!(
            money(json!(-99_999_999_999.99)),
            Ok(Money::new(-9_999_999_999_999, Currency::DKK))
        );
        refused(json!(1.005), "");
        refused(json!(1_234_567_890.123), "");
        refused(json!(1e-7), "");
        refused(json!(i64::MIN), "");
        refused(json!(u64::MAX), "");
        refused(json!("12"), "");
        refused(json!(1e300), "");
        refused(json!({"amount": 1.5, "currency": "JPY"}), "/amount");
        refused(json!({"amount": 1, "currency": "XYZ"}), "/currency");
        refused(json!({"amount": 1, "currency": "eur"}), "/currency");
        refused(json!({"amount": 1, "currency": "XXX"}), "/currency");
        refused(json!({"amount": 1, "currency": "XAU"}), "/currency");
        refused(json!({"currency": "EUR"}), "/amount");
        refused(json!({"amount": 1, "currency": "EUR", "rate": 1}), "/rate");
    }

    #[test]
    fn money_is_stored_with_its_currency_and_old_amounts_are_kroner() {
        let euros = Money::new(-123_456, Currency::EUR);
        let stored = serde_json::to_value(euros).expect("serializes");
        assert_eq!(stored, json!({"amount": -1234.56, "currency": "EUR"}));
        assert_eq!(
            serde_json::from_value::<Money>(stored).expect("reads"),
            euros
        );
        // Before amounts had a currency, they were stored as whole øre.
        assert_eq!(
            serde_json::from_value::<Money>(json!(70050)).expect("reads"),
            Money::new(70_050, Currency::DKK)
        );
        // Read from stored text, as the stores do.
        assert_eq!(
            serde_json::from_str::<Money>(r#"{"currency": "EUR", "amount": 12.5}"#).expect("reads"),
            Money::new(1250, Currency::EUR)
        );
        assert!(serde_json::from_str::<Money>("70050").is_ok());
        for bad in [
            r#""12""#,
            "12.5",
            r#"{"amount": 1}"#,
            r#"{"amount": 1e300, "currency": "EUR"}"#,
            r#"{"amount": 1, "currency": "EURO"}"#,
        ] {
            assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        let kroner = Money::new(123_450, Currency::DKK);
        assert_eq!(kroner.written(Language::Da), "1.234,50 kr.");
        assert_eq!(kroner.written(Language::En), "DKK 1,234.50");
        let euros = Money::new(-1_234_505, Currency::EUR);
        assert_eq!(euros.written(Language::Ca), "-12.345,05 €");
        assert_eq!(euros.written(Language::Es), "-12.345,05 €");
        assert_eq!(euros.written(Language::En), "-€12,345.05");
        let yen = Money::new(1500, Currency::from_code("JPY").expect("ISO 4217"));
        assert_eq!(yen.written(Language::Da), "1.500 JPY");
    }

    #[test]
    fn texts_carry_any_language_tag_and_fall_back_sensibly() {
        let mut parser = Parser::new();
        let value = json!({"nl": "Erfpacht", "en": "Leasehold", "ca-ES": "Dret de superfície"});
        let parsed = LocalizedText::from_json(&mut parser, &value, &At::root());
        let text = parser.finish(parsed).expect("parses");
        assert_eq!(text.get(Language::En), "Leasehold");
        assert_eq!(text.get(Language::Ca), "Dret de superfície");
        // Danish is asked for and missing: the deployment's language (Danish), then English.
        assert_eq!(text.get(Language::Da), "Leasehold");
        assert_eq!(serde_json::to_value(&text).expect("serializes"), value);
        // A tag in another case is kept in its normal form.
        let shouted = TextLanguage::parse("NL-be").expect("a tag");
        assert_eq!((shouted.as_str(), shouted.primary()), ("nl-BE", "nl"));
        for (bad, pointer) in [
            (json!({"english": "x"}), "/english"),
            (json!({"und": "x"}), "/und"),
            (json!({"da": ""}), "/da"),
            (json!({}), ""),
            (json!("tekst"), ""),
        ] {
            let mut parser = Parser::new();
            let parsed = LocalizedText::from_json(&mut parser, &bad, &At::root());
            let errors = parser.finish(parsed).expect_err("refused");
            assert_eq!(errors[0].pointer.as_str(), pointer, "{bad}");
        }
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
