//! The country a deployment serves: its identity scheme, currency, time zone, interface
//! languages and classification catalogue.
//!
//! One deployment serves one country, so the country is installed once, when the process
//! starts, before any request is parsed; until then (and in tools and tests that never
//! install one) it is Denmark. Every parse of a national identifier, every amount without a
//! currency, every "today" and every classification code reads it from here, so no code
//! path can mix two countries' rules.

use crate::catalogue::Catalogue;
use crate::identity::IdScheme;
use crate::values::{Currency, Language};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::sync::OnceLock;

/// The countries Overblik ships settings for; an operator may change any part of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Denmark: CPR, kroner, Copenhagen time, Danish and English, the KLE-style catalogue.
    Dk,
    /// Catalonia: DNI/NIE, euros, Madrid time, Catalan, Spanish and English.
    Cat,
    /// The Netherlands: BSN, euros, Amsterdam time, English (Dutch texts from providers).
    Nl,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Self::Dk, Self::Cat, Self::Nl];

    pub fn code(self) -> &'static str {
        match self {
            Self::Dk => "dk",
            Self::Cat => "cat",
            Self::Nl => "nl",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|preset| preset.code() == code)
    }

    pub fn country(self) -> Country {
        let shipped = |text: &str| Catalogue::parse(text).expect("a shipped catalogue is valid");
        match self {
            Self::Dk => Country {
                preset: self,
                scheme: IdScheme::Cpr,
                currency: Currency::DKK,
                time_zone: chrono_tz::Europe::Copenhagen,
                languages: vec![Language::Da, Language::En],
                catalogue: shipped(include_str!("../catalogue.toml")),
            },
            Self::Cat => Country {
                preset: self,
                scheme: IdScheme::DniNie,
                currency: Currency::EUR,
                time_zone: chrono_tz::Europe::Madrid,
                languages: vec![Language::Ca, Language::Es, Language::En],
                catalogue: shipped(include_str!("../catalogues/cat.toml")),
            },
            Self::Nl => Country {
                preset: self,
                scheme: IdScheme::Bsn,
                currency: Currency::EUR,
                time_zone: chrono_tz::Europe::Amsterdam,
                languages: vec![Language::En],
                catalogue: shipped(include_str!("../catalogues/nl.toml")),
            },
        }
    }
}

/// What differs between the countries a deployment may serve.
#[derive(Debug)]
pub struct Country {
    /// The settings this country started from.
    pub preset: Preset,
    pub scheme: IdScheme,
    /// The currency of an amount a provider sends as a bare number.
    pub currency: Currency,
    /// Where "today" is, for deadlines, reminders, calendars and dates shown.
    pub time_zone: Tz,
    /// The interface languages offered; the first is the default.
    pub languages: Vec<Language>,
    pub catalogue: Catalogue,
}

static COUNTRY: OnceLock<Country> = OnceLock::new();

/// The country was installed already, or read before it was installed.
#[derive(Debug, thiserror::Error)]
#[error("the deployment's country is set once, when the process starts, before it is used")]
pub struct AlreadyInstalled;

impl Country {
    /// Makes `self` the deployment's country for the rest of the process.
    pub fn install(self) -> Result<&'static Country, AlreadyInstalled> {
        COUNTRY.set(self).map_err(|_| AlreadyInstalled)?;
        Ok(Self::current())
    }

    /// The deployment's country: Denmark until another is installed.
    pub fn current() -> &'static Country {
        COUNTRY.get_or_init(|| Preset::Dk.country())
    }

    /// The interface language a citizen gets when nothing says otherwise.
    pub fn language(&self) -> Language {
        self.languages[0]
    }

    /// Whether the interface is offered in `language`.
    pub fn speaks(&self, language: Language) -> bool {
        self.languages.contains(&language)
    }

    /// `at` on the deployment's clocks.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.time_zone)
    }

    /// The date it is at `at` where the deployment is.
    pub fn today(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_valid_catalogue_and_languages() {
        for preset in Preset::ALL {
            let country = preset.country();
            assert!(!country.languages.is_empty(), "{preset:?}");
            assert!(country.catalogue.entries().count() >= 60, "{preset:?}");
            assert_eq!(Preset::from_code(preset.code()), Some(preset));
        }
    }

    #[test]
    fn today_is_the_deployments_date() {
        let at = DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z")
            .expect("a time")
            .with_timezone(&Utc);
        assert_eq!(Preset::Dk.country().today(at).to_string(), "2027-01-01");
        let mut far_west = Preset::Dk.country();
        far_west.time_zone = chrono_tz::America::Los_Angeles;
        assert_eq!(far_west.today(at).to_string(), "2026-12-31");
    }
}
