//! "What is covered": every authority connected to Overblik, what it supplies, and how fresh
//! its information about the citizen is. What is not listed here, Overblik does not show.

use super::freshness::said;
use super::{Chrome, PageContext, Section, Viewing, store_failure};
use crate::access_log::summary_read;
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use overblik_model::{Catalogue, Language};
use overblik_overview::AuthorityFreshness;
use overblik_store::RecordFilter;

#[derive(Template)]
#[template(path = "covered.html")]
struct CoveredPage {
    chrome: Chrome,
    intro: String,
    supplies_label: String,
    about_you_label: String,
    delivery_label: String,
    authorities: Vec<AuthorityView>,
}

struct AuthorityView {
    name: String,
    /// Plain-language names of what it may report: "Day care", "Child benefit", ...
    supplies: String,
    /// "12 items, last updated 3 Nov 2026" or "Nothing about you".
    about_you: String,
    /// "Last delivered 3 Dec 2026", or why its information may be out of date or is missing.
    delivery: String,
    /// Whether that is a warning.
    doubtful: bool,
    homepage: Option<String>,
}

pub async fn covered(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let providers = match state.core.providers().await {
        Ok(providers) => providers,
        Err(error) => return store_failure(error),
    };
    let records = match viewer.records(&state, &RecordFilter::visible_now()).await {
        Ok(records) => records,
        Err(error) => return store_failure(error),
    };
    if let Err(error) = viewer
        .log_read(
            &state,
            summary_read(
                records
                    .iter()
                    .map(|stored| (stored.area(), stored.record.kind())),
            ),
        )
        .await
    {
        return page.failed(error);
    }
    // How much each authority holds about the citizen, and its latest change.
    let held = overblik_overview::holdings(&records);
    let language = page.language;
    let now = chrono::Utc::now();
    let mut authorities: Vec<AuthorityView> = providers
        .iter()
        .map(|provider| {
            let freshness = AuthorityFreshness::of(provider, now);
            AuthorityView {
                delivery: said(&page, &freshness),
                doubtful: freshness.is_doubtful(),
                name: provider.name.clone(),
                supplies: supplies(language, &provider.classifications),
                about_you: match held.get(provider.id.as_str()) {
                    Some(holding) => text_with(
                        language,
                        "covered-about-you",
                        &[
                            ("count", holding.records.into()),
                            (
                                "date",
                                page.date(
                                    overblik_model::Country::current().today(holding.last_updated),
                                )
                                .into(),
                            ),
                        ],
                    ),
                    None => page.t("covered-nothing"),
                },
                homepage: provider.homepage.clone(),
            }
        })
        .collect();
    authorities.sort_by(|a, b| a.name.cmp(&b.name));
    let template = CoveredPage {
        chrome: page.chrome(page.t("covered-title"), Section::Covered),
        intro: page.t("covered-intro"),
        supplies_label: page.t("covered-supplies"),
        about_you_label: page.t("covered-about-you-label"),
        delivery_label: page.t("covered-delivery-label"),
        authorities,
    };
    page.render(StatusCode::OK, &template)
}

/// The catalogue's plain-language titles of an authority's classification prefixes.
fn supplies(language: Language, classifications: &[String]) -> String {
    Catalogue::get()
        .titles(language, classifications)
        .join(", ")
}
