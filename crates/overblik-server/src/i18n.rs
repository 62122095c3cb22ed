//! Danish and English: Fluent messages, and which language a request wants.

use axum::http::{HeaderMap, header};
use axum_extra::extract::cookie::CookieJar;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use overblik_model::Language;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // Unicode isolation marks around values confuse screen readers reading numbers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The cookie that remembers a citizen's choice of language.
pub const LANGUAGE_COOKIE: &str = "overblik_lang";

static DANISH: LanguageIdentifier = langid!("da");
static ENGLISH: LanguageIdentifier = langid!("en");

fn identifier(language: Language) -> &'static LanguageIdentifier {
    match language {
        Language::Da => &DANISH,
        Language::En => &ENGLISH,
    }
}

/// A message in `language`.
pub fn text(language: Language, id: &str) -> String {
    LOCALES.lookup(identifier(language), id)
}

/// Whether `language` has the message `id`.
pub fn has(language: Language, id: &str) -> bool {
    LOCALES.try_lookup(identifier(language), id).is_some()
}

/// A message in `language` with arguments.
pub fn text_with(
    language: Language,
    id: &str,
    args: &[(&'static str, FluentValue<'static>)],
) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES.lookup_with_args(identifier(language), id, &args)
}

/// The language of a request: `?lang=` first, then the remembered choice, then the
/// browser's `Accept-Language`, then Danish.
pub fn choose(asked: Option<Language>, jar: &CookieJar, headers: &HeaderMap) -> Language {
    asked
        .or_else(|| {
            jar.get(LANGUAGE_COOKIE)
                .and_then(|cookie| parse(cookie.value()))
        })
        .or_else(|| {
            let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            // Browsers list languages in order of preference; the first we speak wins.
            accept
                .split(',')
                .filter_map(|part| part.split(';').next())
                .find_map(|tag| parse(tag.trim().split('-').next().unwrap_or("")))
        })
        .unwrap_or_default()
}

pub fn parse(code: &str) -> Option<Language> {
    Language::from_code(code)
}

/// The language code, for `lang` attributes and links.
pub fn code(language: Language) -> &'static str {
    match language {
        Language::Da => "da",
        Language::En => "en",
    }
}

/// An amount in øre, written as Danes and the English-speaking write kroner.
pub fn kroner(ore: i64, language: Language) -> String {
    overblik_model::values::Money::from_ore(ore).written(language)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids a Fluent file defines: the lines that start a message.
    fn message_ids(file: &str) -> std::collections::BTreeSet<&str> {
        file.lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn danish_and_english_define_the_same_messages() {
        let danish = message_ids(include_str!("../locales/da/overblik.ftl"));
        let english = message_ids(include_str!("../locales/en/overblik.ftl"));
        assert!(danish.len() > 100, "{danish:?}");
        assert_eq!(
            danish.symmetric_difference(&english).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "messages in one language only"
        );
        assert_ne!(
            text(Language::Da, "overview-title"),
            text(Language::En, "overview-title")
        );
        // Every argument any message takes, so that each one formats in full.
        let args: HashMap<Cow<'static, str>, FluentValue> = [
            "count",
            "amount",
            "date",
            "from",
            "authority",
            "benefit",
            "name",
            "until",
            "scope",
            "when",
            "moment",
            "holder",
            "version",
            "kinds",
            "days",
            "keys",
            "url",
            "code",
        ]
        .into_iter()
        .map(|name| (Cow::Borrowed(name), FluentValue::from(2)))
        .collect();
        for id in &danish {
            for language in [Language::Da, Language::En] {
                let found = LOCALES.try_lookup_with_args(identifier(language), id, &args);
                assert!(
                    found.is_some_and(|text| !text.is_empty()),
                    "{id} in {language:?}"
                );
            }
        }
    }

    #[test]
    fn plurals_and_amounts_read_naturally() {
        assert_eq!(
            text_with(Language::En, "area-records", &[("count", 0.into())]),
            "Nothing yet"
        );
        assert_eq!(
            text_with(Language::En, "area-records", &[("count", 3.into())]),
            "3 items"
        );
        assert_eq!(kroner(123_456_789, Language::Da), "1.234.567,89 kr.");
        assert_eq!(kroner(50, Language::En), "DKK 0.50");
    }

    #[test]
    fn the_language_follows_the_request_then_the_browser() {
        let jar = CookieJar::new();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "fr-FR,en-GB;q=0.8,da;q=0.5".parse().expect("a header"),
        );
        assert_eq!(choose(None, &jar, &headers), Language::En);
        assert_eq!(choose(Some(Language::Da), &jar, &headers), Language::Da);
        assert_eq!(choose(None, &jar, &HeaderMap::new()), Language::Da);
    }
}
