//! "My sign-ins": how the citizen signed in lately, the sessions still open, and signing
//! out everywhere else.

use super::{Chrome, PageContext, Section, Viewing};
use crate::access_log::described;
use crate::login::session::{SESSION_LIMITS, current_key};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use overblik_store::SignIn;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "sign_ins.html")]
struct SignInsPage {
    chrome: Chrome,
    done: Option<String>,
    intro: String,
    sessions_heading: String,
    sessions_caption: String,
    recent_heading: String,
    recent_caption: String,
    column_when: String,
    column_provider: String,
    column_device: String,
    column_last_seen: String,
    this_session: String,
    sessions: Vec<SessionRow>,
    end_others: Option<String>,
    recent: Vec<SignInRow>,
}

struct SessionRow {
    signed_in: String,
    provider: String,
    device: String,
    last_seen: String,
    current: bool,
}

struct SignInRow {
    at: String,
    provider: String,
    device: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    ended: Option<u64>,
}

pub async fn page(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<DoneQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("sign-ins-acting");
    }
    let subject = viewer.session.subject;
    let store = &state.core.store;
    let (sessions, recent) = match tokio::try_join!(
        store.sessions_of(&subject, Utc::now(), SESSION_LIMITS),
        store.sign_ins(&subject)
    ) {
        Ok(found) => found,
        Err(error) => return page.failed(error.into()),
    };
    if let Err(error) = viewer.log_own_read(&state, described("sign_ins")).await {
        return page.failed(error);
    }
    let current = current_key(&headers);
    let unknown = page.t("sign-ins-unknown");
    let device = |sign_in: Option<&SignIn>| {
        sign_in
            .map(|sign_in| sign_in.device.clone())
            .filter(|device| !device.is_empty())
            .unwrap_or_else(|| unknown.clone())
    };
    let provider = |sign_in: Option<&SignIn>| {
        sign_in
            .map(|sign_in| sign_in.identity_provider.clone())
            .filter(|provider| !provider.is_empty())
            .unwrap_or_else(|| unknown.clone())
    };
    let sessions: Vec<SessionRow> = sessions
        .iter()
        .map(|session| SessionRow {
            signed_in: page.moment(session.created_at),
            provider: provider(session.sign_in.as_ref()),
            device: device(session.sign_in.as_ref()),
            last_seen: page.moment(session.last_seen_at),
            current: Some(session.key) == current,
        })
        .collect();
    let others = sessions.iter().filter(|session| !session.current).count();
    let template = SignInsPage {
        chrome: page.chrome(page.t("sign-ins-title"), Section::SignIns),
        done: query.ended.map(|count| {
            crate::i18n::text_with(page.language, "sign-ins-ended", &[("count", count.into())])
        }),
        intro: page.t("sign-ins-intro"),
        sessions_heading: page.t("sign-ins-sessions"),
        sessions_caption: page.t("sign-ins-sessions-caption"),
        recent_heading: page.t("sign-ins-recent"),
        recent_caption: page.t("sign-ins-recent-caption"),
        column_when: page.t("sign-ins-when"),
        column_provider: page.t("sign-ins-provider"),
        column_device: page.t("sign-ins-device"),
        column_last_seen: page.t("sign-ins-last-seen"),
        this_session: page.t("sign-ins-this-session"),
        sessions,
        end_others: (others > 0).then(|| page.t("sign-ins-end-others")),
        recent: recent
            .iter()
            .map(|sign_in| SignInRow {
                at: page.moment(sign_in.at),
                provider: provider(Some(sign_in)),
                device: device(Some(sign_in)),
            })
            .collect(),
    };
    page.render(StatusCode::OK, &template)
}

/// Ends every session of the citizen but the one asking.
pub async fn end_others(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    headers: HeaderMap,
) -> Response {
    let page = page.viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("sign-ins-acting");
    }
    let Some(current) = current_key(&headers) else {
        return page.not_found();
    };
    match state
        .core
        .store
        .end_sessions_of(&viewer.session.subject, &current)
        .await
    {
        Ok(ended) => {
            tracing::info!(ended, "a citizen signed out everywhere else");
            Redirect::to(&format!("/sign-ins?ended={ended}")).into_response()
        }
        Err(error) => page.failed(error.into()),
    }
}
