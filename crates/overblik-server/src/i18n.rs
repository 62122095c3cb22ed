//! The interface languages: Fluent messages (a folder of `.ftl` files per language under
//! `locales/`), and which of the deployment's languages a request wants.

use axum::http::{HeaderMap, header};
use axum_extra::extract::cookie::CookieJar;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use overblik_model::{Country, Language};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, PoisonError, RwLock};

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
static CATALAN: LanguageIdentifier = langid!("ca");
static SPANISH: LanguageIdentifier = langid!("es");

fn identifier(language: Language) -> &'static LanguageIdentifier {
    match language {
        Language::Da => &DANISH,
        Language::En => &ENGLISH,
        Language::Ca => &CATALAN,
        Language::Es => &SPANISH,
    }
}

/// Messages without arguments, each looked up once per language. They never change, and a
/// lookup negotiates the languages and formats the message every time: a page asks for
/// dozens. Only messages that exist are kept, so the map is at most every message in every
/// language.
static PLAIN: LazyLock<[RwLock<Messages>; Language::ALL.len()]> = LazyLock::new(Default::default);

/// Messages by id, as looked up.
type Messages = HashMap<Box<str>, Box<str>>;

/// A message in `language`.
pub fn text(language: Language, id: &str) -> String {
    let known = &PLAIN[language as usize];
    let read = known.read().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = read.get(id) {
        return found.to_string();
    }
    drop(read);
    match LOCALES.try_lookup(identifier(language), id) {
        Some(found) => {
            known
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id.into(), found.as_str().into());
            found
        }
        None => LOCALES.lookup(identifier(language), id),
    }
}

/// Whether `language` has the message `id`, which takes no arguments: a message that needs
/// one does not format without it, and counts as missing here.
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

/// Counts below this are remembered by [`counted`]: what a page counts (records in an area,
/// days until a date) is almost always small, and the memory stays bounded.
const COUNTS_KEPT: usize = 1_000;

/// Messages with one number, as formatted, by language: see [`counted`].
static COUNTED: LazyLock<[RwLock<Counts>; Language::ALL.len()]> = LazyLock::new(Default::default);

/// Texts by message id and count.
type Counts = HashMap<(Box<str>, usize), Box<str>>;

/// A message in `language` whose one argument, `name`, is the number `count`: "3 items",
/// "in 4 days". The overview counts every area's records by kind, and Fluent resolves the
/// plural rules on each call, so a small count's text is formatted once per language.
pub fn counted(language: Language, id: &str, name: &'static str, count: usize) -> String {
    if count >= COUNTS_KEPT {
        return text_with(language, id, &[(name, count.into())]);
    }
    let known = &COUNTED[language as usize];
    let key = (Box::from(id), count);
    if let Some(found) = known
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
    {
        return found.to_string();
    }
    let args = HashMap::from([(Cow::Borrowed(name), FluentValue::from(count))]);
    match LOCALES.try_lookup_with_args(identifier(language), id, &args) {
        // Only messages that exist are kept, so the map is at most every message in every
        // language, each with its small counts.
        Some(text) => {
            known
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key, text.as_str().into());
            text
        }
        None => LOCALES.lookup_with_args(identifier(language), id, &args),
    }
}

/// The language of a request, among the deployment's: `?lang=` first, then the remembered
/// choice, then the browser's `Accept-Language`, then the deployment's first language.
pub fn choose(asked: Option<Language>, jar: &CookieJar, headers: &HeaderMap) -> Language {
    let country = Country::current();
    asked
        .filter(|language| country.speaks(*language))
        .or_else(|| {
            jar.get(LANGUAGE_COOKIE)
                .and_then(|cookie| parse(cookie.value()))
                .filter(|language| country.speaks(*language))
        })
        .or_else(|| {
            let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
            // Browsers list languages in order of preference; the first we speak wins.
            accept
                .split(',')
                .filter_map(|part| part.split(';').next())
                .filter_map(|tag| parse(tag.trim().split('-').next().unwrap_or("")))
                .find(|language| country.speaks(*language))
        })
        .unwrap_or_else(|| country.language())
}

pub fn parse(code: &str) -> Option<Language> {
    Language::from_code(code)
}

/// The language code, for `lang` attributes and links.
pub fn code(language: Language) -> &'static str {
    language.code()
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

    /// Every interface language's Fluent file.
    fn files() -> [(Language, &'static str); 4] {
        [
            (Language::Da, include_str!("../locales/da/overblik.ftl")),
            (Language::En, include_str!("../locales/en/overblik.ftl")),
            (Language::Ca, include_str!("../locales/ca/overblik.ftl")),
            (Language::Es, include_str!("../locales/es/overblik.ftl")),
        ]
    }

    #[test]
    fn every_language_defines_the_same_messages() {
        let danish = message_ids(include_str!("../locales/da/overblik.ftl"));
        assert!(danish.len() > 100, "{danish:?}");
        for (language, file) in files() {
            assert_eq!(
                danish
                    .symmetric_difference(&message_ids(file))
                    .collect::<Vec<_>>(),
                Vec::<&&str>::new(),
                "messages in Danish or {language:?} only"
            );
        }
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
            "form",
        ]
        .into_iter()
        .map(|name| (Cow::Borrowed(name), FluentValue::from(2)))
        .collect();
        for id in &danish {
            for language in Language::ALL {
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
        for language in [Language::Ca, Language::Es] {
            let three = text_with(language, "area-records", &[("count", 3.into())]);
            assert!(three.contains('3'), "{three}");
            assert_ne!(three, "3 items");
        }
    }

    #[test]
    fn a_counted_message_is_the_message_with_its_count() {
        for language in Language::ALL {
            for id in ["area-records", "count-case", "relative-in-days"] {
                let name = if id.starts_with("relative") {
                    "days"
                } else {
                    "count"
                };
                for count in [0, 1, 2, 5, 21, 999, 1_000, 123_456] {
                    // Twice: formatted, then remembered.
                    for _ in 0..2 {
                        assert_eq!(
                            counted(language, id, name, count),
                            text_with(language, id, &[(name, count.into())]),
                            "{id} {count} in {language:?}"
                        );
                    }
                    let kept = COUNTED[language as usize]
                        .read()
                        .unwrap_or_else(PoisonError::into_inner)
                        .contains_key(&(Box::from(id), count));
                    assert_eq!(kept, count < COUNTS_KEPT, "{id} {count} in {language:?}");
                }
            }
            // A message no language has is not kept.
            counted(language, "no-such-message", "count", 3);
            let kept = COUNTED[language as usize]
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .contains_key(&(Box::from("no-such-message"), 3));
            assert!(!kept, "{language:?}");
        }
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
        // Catalan is not among a Danish deployment's languages: the browser decides.
        assert_eq!(choose(Some(Language::Ca), &jar, &headers), Language::En);
    }
}
