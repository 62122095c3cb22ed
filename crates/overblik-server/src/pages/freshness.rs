//! What the pages say of an authority's freshness: a warning on the overview and on an area's
//! page where an authority's information may be out of date or is missing, and each
//! authority's last delivery on "What is covered".

use super::PageContext;
use crate::i18n::text_with;
use overblik_model::{Area, Country};
use overblik_overview::{AuthorityFreshness, Freshness};

/// The warning about authorities whose information may be out of date or is missing.
pub(super) struct Doubtful {
    pub heading: String,
    /// One sentence per authority.
    pub lines: Vec<String>,
    /// The link to "What is covered".
    pub covered: String,
}

/// The warning about those `authorities` that are stale or missing, those reporting in
/// `area` only if one is given; nothing if all are current.
pub(super) fn doubtful(
    page: &PageContext,
    authorities: &[AuthorityFreshness],
    area: Option<Area>,
) -> Option<Doubtful> {
    let lines: Vec<String> = authorities
        .iter()
        .filter(|authority| authority.is_doubtful())
        .filter(|authority| area.is_none_or(|area| authority.areas.contains(&area)))
        .map(|authority| said(page, authority))
        .collect();
    (!lines.is_empty()).then(|| Doubtful {
        heading: page.t("freshness-heading"),
        lines,
        covered: page.t("freshness-covered"),
    })
}

/// The authority's freshness in a sentence: when it last delivered, or why what it holds
/// may be out of date or is not shown.
pub(super) fn said(page: &PageContext, authority: &AuthorityFreshness) -> String {
    let language = page.language;
    let last = authority
        .last_delivery
        .map(|at| page.date(Country::current().today(at)));
    match (authority.freshness, last) {
        (Freshness::Missing, _) | (_, None) => text_with(
            language,
            "freshness-missing",
            &[("authority", authority.name.clone().into())],
        ),
        (Freshness::Stale, Some(date)) => text_with(
            language,
            "freshness-stale",
            &[
                ("authority", authority.name.clone().into()),
                ("date", date.into()),
                (
                    "days",
                    authority.stale_after_days.unwrap_or_default().into(),
                ),
            ],
        ),
        (Freshness::Current, Some(date)) => text_with(
            language,
            if authority.stale_after_days.is_some() {
                "freshness-current"
            } else {
                "freshness-no-promise"
            },
            &[("date", date.into())],
        ),
    }
}
