//! The consent page, `/oauth/authorize`: after the usual sign-in, a recipient's pushed request
//! in plain words (who asks, why, exactly which data with how many items per area, how often,
//! until when, how long they keep it); the citizen approves, narrows or refuses, and is sent
//! back to the recipient with a code or a refusal. The POST is refused from other sites.

use super::{Chrome, PageContext, Section, Viewing, area_name, kind_name};
use crate::i18n::text_with;
use crate::sharing::grants::{self, CODE_LIFETIME, IssuedCode, PendingRequest, Step};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::NaiveDate;
use overblik_core::reading::summary_read;
use overblik_core::sharing::{narrowed, within_reach};
use overblik_model::{Area, Frequency, Recipient, RecipientId};
use overblik_store::{RecordFilter, StoreError};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage {
    chrome: Chrome,
    intro: String,
    recipient: String,
    description: String,
    policy_label: String,
    policy_href: String,
    purpose_heading: String,
    purpose: String,
    data_heading: String,
    data_hint: String,
    areas: Vec<AreaChoice>,
    kinds: String,
    terms_heading: String,
    terms: Vec<String>,
    until: Option<UntilField>,
    on_behalf: Option<String>,
    client_id: String,
    request_uri: String,
    approve: String,
    refuse: String,
    error: Option<String>,
}

struct AreaChoice {
    value: &'static str,
    label: String,
    items: String,
}

struct UntilField {
    label: String,
    hint: String,
    value: String,
    max: String,
}

#[derive(Debug, Deserialize)]
pub struct AuthorizeQuery {
    client_id: Option<String>,
    request_uri: Option<String>,
}

/// The recipient and its pending request that `client_id` and `request_uri` name, or the
/// message id of the page that says why not. Nothing is sent to a redirect address before
/// the request is known to be the recipient's.
async fn pending(
    state: &AppState,
    client_id: Option<&str>,
    request_uri: Option<&str>,
    once: bool,
) -> Result<(Recipient, PendingRequest), &'static str> {
    let id: RecipientId = client_id
        .and_then(|id| id.parse().ok())
        .ok_or("consent-unknown-request")?;
    let handle = request_uri
        .and_then(grants::request_handle)
        .ok_or("consent-unknown-request")?;
    let recipient = match state.core.store.recipient(&id).await {
        Ok(recipient) => recipient,
        Err(StoreError::NotFound) => return Err("consent-unknown-request"),
        Err(_) => return Err("page-error-text"),
    };
    match grants::get::<PendingRequest>(state, Step::Request, handle, &recipient.id, once).await {
        Ok(Some(pending)) => Ok((recipient, pending)),
        Ok(None) => Err("consent-unknown-request"),
        Err(_) => Err("page-error-text"),
    }
}

/// `GET /oauth/authorize?client_id=&request_uri=`.
pub async fn page(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<AuthorizeQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    let (recipient, pending) = match pending(
        &state,
        query.client_id.as_deref(),
        query.request_uri.as_deref(),
        false,
    )
    .await
    {
        Ok(found) => found,
        Err(reason) => return page.refused(StatusCode::BAD_REQUEST, "consent-title", reason, None),
    };
    if !viewer.may_act() {
        return page.forbidden("consent-read-only");
    }
    // A holder is asked only about what their power of attorney lets them see.
    let Some(terms) = within_reach(&pending.terms, viewer.reach()) else {
        return page.forbidden("consent-beyond-reach");
    };
    let pending = PendingRequest { terms, ..pending };
    // How many of the citizen's items each asked area holds: a read of their data, logged.
    let records = match viewer.records(&state, &RecordFilter::visible_now()).await {
        Ok(records) => records,
        Err(error) => return super::store_failure(error),
    };
    let terms = &pending.terms;
    let mut counts: BTreeMap<Area, usize> =
        terms.scope.areas.iter().map(|area| (*area, 0)).collect();
    let mut shown = Vec::new();
    for stored in &records {
        let (area, kind) = (stored.area(), stored.record.kind());
        if terms.scope.allows(area, kind) {
            *counts.entry(area).or_default() += 1;
            shown.push((area, kind));
        }
    }
    if let Err(error) = viewer.log_read(&state, summary_read(shown)).await {
        return page.failed(error);
    }
    let template = consent_page(&page, &recipient, &pending, &counts, &query, None);
    page.render(StatusCode::OK, &template)
}

fn consent_page(
    page: &PageContext,
    recipient: &Recipient,
    pending: &PendingRequest,
    counts: &BTreeMap<Area, usize>,
    query: &AuthorizeQuery,
    error: Option<String>,
) -> ConsentPage {
    let terms = &pending.terms;
    let language = page.language();
    let listed = vec![
        match terms.frequency {
            Frequency::Once => page.t("consent-once"),
            Frequency::Ongoing => text_with(
                language,
                "consent-ongoing",
                &[("until", page.date(terms.last_day).into())],
            ),
        },
        match terms.data_from {
            Some(from) => text_with(
                language,
                "consent-data-from",
                &[("from", page.date(from).into())],
            ),
            None => page.t("consent-data-all"),
        },
        text_with(
            language,
            "consent-retention",
            &[("days", terms.retention_days.into())],
        ),
        page.t("consent-revocable"),
    ];
    ConsentPage {
        chrome: page.chrome(
            text_with(
                language,
                "consent-title-asks",
                &[("name", recipient.name.clone().into())],
            ),
            Section::None,
        ),
        intro: page.t("consent-intro"),
        recipient: recipient.name.clone(),
        description: recipient.description.clone(),
        policy_label: page.t("consent-policy"),
        policy_href: recipient.privacy_policy.clone(),
        purpose_heading: page.t("consent-purpose-heading"),
        purpose: recipient.purpose.clone(),
        data_heading: page.t("consent-data-heading"),
        data_hint: page.t("consent-data-hint"),
        areas: terms
            .scope
            .areas
            .iter()
            .map(|area| AreaChoice {
                value: area.slug(),
                label: area_name(language, *area),
                items: text_with(
                    language,
                    "consent-items",
                    &[("count", counts.get(area).copied().unwrap_or(0).into())],
                ),
            })
            .collect(),
        kinds: text_with(
            language,
            "consent-kinds",
            &[(
                "kinds",
                terms
                    .scope
                    .kinds
                    .iter()
                    .map(|kind| kind_name(language, *kind))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            )],
        ),
        terms_heading: page.t("consent-terms-heading"),
        terms: listed,
        until: (terms.frequency == Frequency::Ongoing).then(|| UntilField {
            label: page.t("consent-until-label"),
            hint: page.t("consent-until-hint"),
            value: terms.last_day.to_string(),
            max: terms.last_day.to_string(),
        }),
        on_behalf: page.acting.as_ref().map(|_| page.t("consent-on-behalf")),
        client_id: query.client_id.clone().unwrap_or_default(),
        request_uri: query.request_uri.clone().unwrap_or_default(),
        approve: page.t("consent-approve"),
        refuse: page.t("consent-refuse"),
        error,
    }
}

/// The citizen's decision.
#[derive(Debug, Deserialize)]
pub struct Decision {
    client_id: Option<String>,
    request_uri: Option<String>,
    decision: Option<String>,
    #[serde(default)]
    areas: Vec<String>,
    until: Option<String>,
}

/// `POST /oauth/authorize`: approve (what is left after narrowing) or refuse; either way back
/// to the recipient's registered address with `iss` (RFC 9207) and its `state`.
pub async fn decide(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(decision): Form<Decision>,
) -> Response {
    let page = page.viewing(&viewer);
    let query = AuthorizeQuery {
        client_id: decision.client_id.clone(),
        request_uri: decision.request_uri.clone(),
    };
    // Read first, taken only once the decision is known to be complete, so a narrowing the
    // page refuses can be made again.
    let (recipient, pending) = match pending(
        &state,
        query.client_id.as_deref(),
        query.request_uri.as_deref(),
        false,
    )
    .await
    {
        Ok(found) => found,
        Err(reason) => return page.refused(StatusCode::BAD_REQUEST, "consent-title", reason, None),
    };
    let approve = match decision.decision.as_deref() {
        Some("approve") => true,
        Some("refuse") => false,
        _ => {
            return page.refused(
                StatusCode::BAD_REQUEST,
                "consent-title",
                "consent-no-decision",
                None,
            );
        }
    };
    let iss = state.settings.public_url.clone();
    let back = |pairs: &[(&str, &str)]| {
        let mut url = url::Url::parse(&pending.redirect_uri).ok()?;
        {
            let mut query = url.query_pairs_mut();
            for (name, value) in pairs {
                query.append_pair(name, value);
            }
            if let Some(state) = &pending.state {
                query.append_pair("state", state);
            }
            query.append_pair("iss", &iss);
        }
        Some(url.to_string())
    };
    if !approve {
        if let Err(reason) = take(&state, &query).await {
            return page.refused(StatusCode::BAD_REQUEST, "consent-title", reason, None);
        }
        let Some(url) = back(&[("error", "access_denied")]) else {
            return page.refused(
                StatusCode::BAD_REQUEST,
                "consent-title",
                "consent-unknown-request",
                None,
            );
        };
        return Redirect::to(&url).into_response();
    }
    let areas: Vec<Area> = decision
        .areas
        .iter()
        .filter_map(|area| area.parse().ok())
        .collect();
    let until: Option<NaiveDate> = decision
        .until
        .as_deref()
        .filter(|text| !text.is_empty())
        .and_then(|text| text.parse().ok());
    if !viewer.may_act() {
        return page.forbidden("consent-read-only");
    }
    let Some(terms) = within_reach(&pending.terms, viewer.reach())
        .and_then(|terms| narrowed(&terms, &areas, until))
    else {
        let counts = BTreeMap::new();
        let template = consent_page(
            &page,
            &recipient,
            &pending,
            &counts,
            &query,
            Some(page.t("consent-choose-area")),
        );
        return page.render(StatusCode::UNPROCESSABLE_ENTITY, &template);
    };
    if let Err(reason) = take(&state, &query).await {
        return page.refused(StatusCode::BAD_REQUEST, "consent-title", reason, None);
    }
    let consent = match state.core.give_consent(&viewer, &recipient, terms).await {
        Ok(consent) => consent,
        Err(error) => return page.failed(error),
    };
    let code = IssuedCode {
        consent: consent.id,
        redirect_uri: pending.redirect_uri.clone(),
        code_challenge: pending.code_challenge.clone(),
        dpop_jkt: pending.dpop_jkt.clone(),
    };
    let code = match grants::put(&state, Step::Code, &recipient.id, &code, CODE_LIFETIME).await {
        Ok((code, _)) => code,
        Err(problem) => return problem.into_response(),
    };
    tracing::info!(recipient = %recipient.id, "a citizen consented");
    match back(&[("code", &code)]) {
        Some(url) => Redirect::to(&url).into_response(),
        None => page.refused(
            StatusCode::BAD_REQUEST,
            "consent-title",
            "consent-unknown-request",
            None,
        ),
    }
}

/// Takes the pending request out of the store, so that it is decided once.
async fn take(state: &AppState, query: &AuthorizeQuery) -> Result<(), &'static str> {
    pending(
        state,
        query.client_id.as_deref(),
        query.request_uri.as_deref(),
        true,
    )
    .await
    .map(|_| ())
}
