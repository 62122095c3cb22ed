//! The sign-in page's words: Fluent messages per language under `locales/`, in the language
//! the browser asks for where the deployment speaks it, about the deployment's identity
//! scheme.

use axum::http::{HeaderMap, header};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use overblik_model::identity::{IdScheme, NationalIdError};
use overblik_model::{Country, Language};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The words of one page.
pub(crate) struct Words {
    language: Language,
    identifier: LanguageIdentifier,
    scheme: IdScheme,
}

impl Words {
    /// In the first language of `ui_locales` (OpenID Connect's, space-separated), else of
    /// the browser's `Accept-Language`, that the deployment speaks; else in its own.
    pub(crate) fn asked(ui_locales: Option<&str>, headers: &HeaderMap) -> Self {
        let country = Country::current();
        let accepted = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let tags = ui_locales.unwrap_or("").split_whitespace().chain(
            accepted
                .split(',')
                .filter_map(|part| part.split(';').next()),
        );
        let language = tags
            .filter_map(|tag| Language::from_code(tag.trim().split('-').next().unwrap_or("")))
            .find(|language| country.speaks(*language))
            .unwrap_or_else(|| country.language());
        Self {
            language,
            identifier: language
                .code()
                .parse()
                .expect("a language's code is a language identifier"),
            scheme: country.scheme,
        }
    }

    /// The page's `lang`.
    pub(crate) fn lang(&self) -> &'static str {
        self.language.code()
    }

    pub(crate) fn text(&self, id: &str) -> String {
        LOCALES.lookup(&self.identifier, id)
    }

    fn text_with(&self, id: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.identifier, id, &args)
    }

    /// What the scheme's identifier is called: "CPR number", "DNI/NIE", "BSN".
    pub(crate) fn label(&self) -> String {
        self.text(&format!("devidp-label-{}", self.scheme.code()))
    }

    /// How it is written.
    fn form(&self) -> String {
        self.text(&format!("devidp-form-{}", self.scheme.code()))
    }

    /// What the form asks for.
    pub(crate) fn intro(&self) -> String {
        self.text_with(
            "devidp-intro",
            &[("label", self.label()), ("form", self.form())],
        )
    }

    /// Why `error` refused what was typed.
    pub(crate) fn refusal(&self, error: &NationalIdError) -> String {
        match error {
            NationalIdError::Format(_) => {
                self.text_with("devidp-error-format", &[("form", self.form())])
            }
            NationalIdError::Date => self.text("devidp-error-date"),
            NationalIdError::EncodedDate => self.text("devidp-error-encoded-date"),
            NationalIdError::Check(_) => self.text("devidp-error-check"),
        }
    }

    /// Whether the identifier is digits only, for the keyboard a phone shows.
    pub(crate) fn numeric(&self) -> bool {
        self.scheme.is_numeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message the page may ask for, in every language it has a file for.
    #[test]
    fn every_language_has_every_message_for_every_scheme() {
        let files = [
            include_str!("../locales/en/devidp.ftl"),
            include_str!("../locales/da/devidp.ftl"),
            include_str!("../locales/ca/devidp.ftl"),
            include_str!("../locales/es/devidp.ftl"),
        ];
        let fixed = [
            "devidp-title",
            "devidp-intro",
            "devidp-submit",
            "devidp-invalid-request",
            "devidp-signed-out",
            "devidp-close",
            "devidp-error-format",
            "devidp-error-date",
            "devidp-error-encoded-date",
            "devidp-error-check",
        ];
        let per_scheme = IdScheme::ALL.into_iter().flat_map(|scheme| {
            ["label", "form"].map(|kind| format!("devidp-{kind}-{}", scheme.code()))
        });
        let ids: Vec<String> = fixed
            .map(str::to_owned)
            .into_iter()
            .chain(per_scheme)
            .collect();
        for file in files {
            for id in &ids {
                assert!(file.contains(&format!("\n{id} = ")), "{id} in\n{file}");
            }
        }
    }

    #[test]
    fn the_page_speaks_what_the_browser_asks_for_where_the_deployment_does() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "fr-FR, en-GB;q=0.8, da;q=0.5".parse().expect("a header"),
        );
        // This process serves Denmark, which speaks Danish and English, not French.
        let words = Words::asked(None, &headers);
        assert_eq!(words.lang(), "en");
        assert_eq!(words.label(), "CPR number");
        assert_eq!(Words::asked(Some("da"), &headers).label(), "CPR-nummer");
        // Catalan is Overblik's, but not this deployment's.
        assert_eq!(Words::asked(Some("ca es"), &HeaderMap::new()).lang(), "da");
        let refused = Words::asked(None, &headers).refusal(&NationalIdError::Format("x"));
        assert_eq!(refused, "The number must be written DDMMYY-SSSS.");
    }
}
