//! "Shared with others", one click from the overview: every consent the citizen gave, with
//! its recipient, purpose, data, period, last use and every fetch (from their log), and a
//! button that revokes it; the recipient's next request is refused.

use super::{Chrome, PageContext, Section, Viewing, area_name, kind_name};
use crate::access_log::described;
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use overblik_core::local_today;
use overblik_ledger::{AccessEntry, EntryFilter};
use overblik_model::{Consent, ConsentState, Frequency, RecipientId};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

/// The most fetches shown per recipient; My Log holds them all.
const FETCHES_SHOWN: u32 = 200;

#[derive(Template)]
#[template(path = "shared.html")]
struct SharedPage {
    chrome: Chrome,
    intro: String,
    notice: Option<String>,
    empty: String,
    consents: Vec<ConsentView>,
    fetches_heading: String,
    no_fetches: String,
    revoke: String,
}

struct ConsentView {
    id: String,
    recipient: String,
    state: String,
    active: bool,
    facts: Vec<(String, String)>,
    fetches: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct SharedQuery {
    done: Option<String>,
}

/// `GET /shared`.
pub async fn shared(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<SharedQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    if !viewer.sees_log() {
        return page.forbidden("shared-not-for-proxies");
    }
    let consents = match state.core.consents(&viewer).await {
        Ok(consents) => consents,
        Err(error) => return page.failed(error),
    };
    // The fetches come from the citizen's log, so reading them is a read of it.
    if let Err(error) = viewer.log_read(&state, described("shared")).await {
        return page.failed(error);
    }
    let recipients: BTreeSet<RecipientId> = consents
        .iter()
        .map(|consent| consent.recipient.clone())
        .collect();
    let mut names = HashMap::new();
    let mut fetches: HashMap<String, Vec<AccessEntry>> = HashMap::new();
    for id in recipients {
        let recipient = match state.core.store.recipient(&id).await {
            Ok(recipient) => recipient,
            Err(error) => return super::store_failure(error),
        };
        let filter = EntryFilter {
            actor: Some(recipient.assertion_issuer()),
            ..EntryFilter::visible_now(FETCHES_SHOWN)
        };
        let entries = match state
            .core
            .ledger
            .every_entry(viewer.subject(), &filter)
            .await
        {
            Ok(found) => found,
            Err(error) => return page.failed(error.into()),
        };
        for entry in entries {
            if let Some(basis) = entry.legal_basis.clone() {
                fetches.entry(basis).or_default().push(entry);
            }
        }
        names.insert(id, recipient.name);
    }
    let today = local_today(Utc::now());
    let template = SharedPage {
        chrome: page.chrome(page.t("shared-title"), Section::Shared),
        intro: page.t("shared-intro"),
        notice: query
            .done
            .as_deref()
            .filter(|done| *done == "revoked")
            .map(|_| page.t("shared-revoked")),
        empty: page.t("shared-empty"),
        consents: consents
            .iter()
            .map(|consent| {
                let name = names.get(&consent.recipient).cloned().unwrap_or_default();
                let shown = fetches.remove(&consent.basis()).unwrap_or_default();
                view(&page, consent, name, &shown, today)
            })
            .collect(),
        fetches_heading: page.t("shared-fetches"),
        no_fetches: page.t("shared-no-fetches"),
        revoke: page.t("shared-revoke"),
    };
    page.render(StatusCode::OK, &template)
}

fn view(
    page: &PageContext,
    consent: &Consent,
    recipient: String,
    fetches: &[AccessEntry],
    today: chrono::NaiveDate,
) -> ConsentView {
    let language = page.language();
    let terms = &consent.terms;
    let state = consent.state(today);
    let list = |items: Vec<String>| items.join(", ");
    let mut facts = vec![
        (page.t("shared-purpose"), consent.purpose.clone()),
        (
            page.t("shared-data"),
            format!(
                "{}: {}",
                list(
                    terms
                        .scope
                        .areas
                        .iter()
                        .map(|area| area_name(language, *area))
                        .collect()
                ),
                list(
                    terms
                        .scope
                        .kinds
                        .iter()
                        .map(|kind| kind_name(language, *kind))
                        .collect()
                ),
            ),
        ),
        (
            page.t("shared-period"),
            match terms.frequency {
                Frequency::Once => page.t("consent-once"),
                Frequency::Ongoing => text_with(
                    language,
                    "consent-ongoing",
                    &[("until", page.date(terms.last_day).into())],
                ),
            },
        ),
        (
            page.t("shared-data-period"),
            match terms.data_from {
                Some(from) => text_with(
                    language,
                    "consent-data-from",
                    &[("from", page.date(from).into())],
                ),
                None => page.t("consent-data-all"),
            },
        ),
        (
            page.t("shared-retention"),
            text_with(
                language,
                "consent-retention",
                &[("days", terms.retention_days.into())],
            ),
        ),
        (page.t("shared-given"), page.moment(consent.given_at)),
    ];
    if let Some(by) = &consent.given_by {
        facts.push((page.t("shared-given-by"), by.name.clone()));
    }
    if let Some(revoked) = consent.revoked_at {
        facts.push((page.t("shared-revoked-at"), page.moment(revoked)));
    }
    facts.push((
        page.t("shared-last-use"),
        consent
            .last_used_at
            .map_or_else(|| page.t("shared-never"), |at| page.moment(at)),
    ));
    ConsentView {
        id: consent.id.to_string(),
        recipient,
        state: page.t(&format!("consent-state-{}", state.as_str())),
        active: state == ConsentState::Active,
        facts,
        fetches: fetches
            .iter()
            .map(|entry| {
                text_with(
                    language,
                    "shared-fetch",
                    &[
                        ("when", page.moment(entry.at).into()),
                        ("count", entry.read.records.len().into()),
                    ],
                )
            })
            .collect(),
    }
}

/// `POST /shared/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(id) = id.parse() else {
        return page.not_found();
    };
    match state.core.revoke_consent(&viewer, &id).await {
        Ok(_) => Redirect::to("/shared?done=revoked").into_response(),
        Err(error) => page.failed(error),
    }
}
