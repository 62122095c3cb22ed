//! The citizen's notifications: the list of what Overblik told them (read and unread), and
//! how they want to be told: e-mail (once the address is confirmed), the calendar feed, the
//! events, the lead time before reminders, the language and the daily digest. They are the
//! citizen's own: while acting for someone, these pages are closed.

use super::calendar::{feed_token, token_hash};
use super::{Chrome, LanguageQuery, PageContext, Section, Viewing};
use crate::access_log::described;
use crate::acting::Viewer;
use crate::i18n::{code, text, text_with};
use crate::notify::mail::{moment_text, told_at};
use crate::state::AppState;
use askama::Template;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::CookieJar;
use chrono::Utc;
use overblik_ledger::Channel;
use overblik_model::Language;
use overblik_model::notify::{
    Confirmation, Happening, LEAD_HOURS, Notice, NoticeId, Preferences, Topic, valid_email,
};
use overblik_store::StoreError;
use serde::Deserialize;

/// The most notices the list shows.
const LISTED: u32 = 200;

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    chrome: Chrome,
    intro: String,
    off_note: Option<String>,
    none: String,
    items: Vec<NoticeItem>,
    unread_count: String,
    mark_all: Option<String>,
    mark_one: String,
    settings_link: String,
}

struct NoticeItem {
    id: String,
    text: String,
    title: Option<String>,
    moment: Option<String>,
    told: String,
    unread: bool,
    unread_label: String,
    href: Option<String>,
}

#[derive(Template)]
#[template(path = "notification_settings.html")]
struct SettingsPage {
    chrome: Chrome,
    done: Option<String>,
    errors_heading: String,
    errors: Vec<(&'static str, String)>,
    email_heading: String,
    email_available: bool,
    email_unavailable: String,
    email_label: String,
    email_hint: String,
    email: String,
    email_state: Option<String>,
    channels_legend: String,
    in_product_label: String,
    in_product: bool,
    topics_legend: String,
    topics: Vec<Choice>,
    lead_label: String,
    leads: Vec<Choice>,
    language_legend: String,
    languages: Vec<Choice>,
    digest_label: String,
    digest: bool,
    details_label: String,
    details_hint: String,
    details: bool,
    save: String,
    calendar_heading: String,
    calendar_intro: String,
    calendar_url: Option<String>,
    calendar_url_label: String,
    calendar_state: String,
    calendar_make: String,
    calendar_revoke: Option<String>,
}

struct Choice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Debug, Deserialize)]
pub struct SettingsQuery {
    done: Option<String>,
    lang: Option<String>,
}

/// The settings form as sent: checkboxes that are not ticked are not sent at all.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    email: String,
    in_product: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    lead_hours: String,
    #[serde(default)]
    language: String,
    digest: Option<String>,
    details: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ReadForm {
    /// One notice to mark read; without it, all of them.
    id: Option<String>,
}

/// `GET /notifications`: what Overblik told the citizen, newest first.
pub async fn notifications(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    Query(query): Query<LanguageQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.asked(), jar, &headers, &uri).viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("notifications-acting");
    }
    let subject = viewer.session.subject;
    let (notices, preferences) = match tokio::try_join!(
        state.store.notices(&subject, Utc::now(), LISTED),
        state.store.notification_preferences(&subject),
    ) {
        Ok(found) => found,
        Err(error) => return super::store_failure(error),
    };
    if let Err(error) = state
        .log_own_read(&subject, Channel::Web, &headers, described("notifications"))
        .await
    {
        return page.failed(error);
    }
    let language = page.language;
    let items: Vec<NoticeItem> = if preferences.in_product {
        notices
            .iter()
            .map(|notice| notice_item(notice, language))
            .collect()
    } else {
        Vec::new()
    };
    let unread = items.iter().filter(|item| item.unread).count();
    let template = NotificationsPage {
        chrome: page.chrome(page.t("notifications-title"), Section::Notifications),
        intro: page.t("notifications-intro"),
        off_note: (!preferences.in_product).then(|| page.t("notifications-off")),
        none: page.t("notifications-none"),
        unread_count: crate::i18n::text_with(
            language,
            "notifications-unread",
            &[("count", unread.into())],
        ),
        mark_all: (unread > 0).then(|| page.t("notifications-mark-all")),
        mark_one: page.t("notifications-mark-one"),
        settings_link: page.t("notifications-settings-link"),
        items,
    };
    page.render(StatusCode::OK, &template)
}

fn notice_item(notice: &Notice, language: Language) -> NoticeItem {
    NoticeItem {
        id: notice.id.to_string(),
        text: text(language, &format!("notice-{}", notice.happening.as_str())),
        title: notice
            .record
            .as_ref()
            .map(|(_, title)| title.get(language).to_owned()),
        moment: notice
            .moment
            .filter(|_| notice.happening != Happening::AccessReported)
            .map(|moment| moment_text(moment, language)),
        told: told_at(notice.due_at, language),
        unread: notice.read_at.is_none(),
        unread_label: text(language, "notifications-unread-label"),
        href: notice.href(),
    }
}

/// The page behind a form POST of the citizen's own: refused while they act for someone
/// else.
fn own_form_page(
    viewer: &Viewer,
    uri: &axum::http::Uri,
    jar: CookieJar,
    headers: &HeaderMap,
) -> Result<PageContext, Box<Response>> {
    let page = PageContext::new(None, jar, headers, uri).viewing(viewer);
    if viewer.acting.is_some() {
        return Err(Box::new(page.forbidden("notifications-acting")));
    }
    Ok(page)
}

/// `POST /notifications/read`: marks one notice read, or all.
pub async fn mark_read(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
    Form(form): Form<ReadForm>,
) -> Response {
    let page = match own_form_page(&viewer, &uri, jar, &headers) {
        Ok(page) => page,
        Err(refused) => return *refused,
    };
    let ids: Vec<NoticeId> = match form.id.as_deref() {
        Some(id) => match id.parse() {
            Ok(id) => vec![id],
            Err(_) => return page.not_found(),
        },
        None => Vec::new(),
    };
    match state
        .store
        .mark_notices_read(&viewer.session.subject, &ids, Utc::now())
        .await
    {
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(error) => super::store_failure(error),
    }
}

/// `GET /notifications/settings`.
pub async fn settings(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    Query(query): Query<SettingsQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let asked = query.lang.as_deref().and_then(crate::i18n::parse);
    let page = PageContext::new(asked, jar, &headers, &uri).viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("notifications-acting");
    }
    let done = query
        .done
        .as_deref()
        .filter(|done| ["saved", "confirm-sent", "revoked"].contains(done))
        .map(|done| page.t(&format!("notification-settings-{done}")));
    settings_page(&state, &viewer, &headers, page, None, done, None).await
}

/// Renders the settings as stored, or as the citizen sent them with `errors`.
async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    headers: &HeaderMap,
    page: PageContext,
    sent: Option<(&SettingsForm, Vec<(&'static str, String)>)>,
    done: Option<String>,
    calendar_url: Option<String>,
) -> Response {
    let subject = viewer.session.subject;
    let (preferences, feed_made) = match tokio::try_join!(
        state.store.notification_preferences(&subject),
        state.store.calendar_feed_made(&subject),
    ) {
        Ok(found) => found,
        Err(error) => return super::store_failure(error),
    };
    if let Err(error) = state
        .log_own_read(
            &subject,
            Channel::Web,
            headers,
            described("notification_settings"),
        )
        .await
    {
        return page.failed(error);
    }
    let (shown, errors) = match sent {
        Some((form, errors)) => (form_as_preferences(form, &preferences), errors),
        None => (preferences.clone(), Vec::new()),
    };
    let email_state = preferences.email.as_ref().map(|_| {
        page.t(if preferences.email_confirmed {
            "notification-email-confirmed"
        } else {
            "notification-email-unconfirmed"
        })
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let template = SettingsPage {
        chrome: page.chrome(
            page.t("notification-settings-title"),
            Section::Notifications,
        ),
        done,
        errors_heading: page.t("grant-errors-heading"),
        errors,
        email_heading: page.t("notification-email-heading"),
        email_available: state.settings.mail.is_some(),
        email_unavailable: page.t("notification-email-unavailable"),
        email_label: page.t("notification-email-label"),
        email_hint: page.t("notification-email-hint"),
        email: shown.email.clone().unwrap_or_default(),
        email_state,
        channels_legend: page.t("notification-channels-legend"),
        in_product_label: page.t("notification-in-product-label"),
        in_product: shown.in_product,
        topics_legend: page.t("notification-topics-legend"),
        topics: Topic::ALL
            .iter()
            .map(|topic| Choice {
                value: topic.as_str().to_owned(),
                label: page.t(&format!("notification-topic-{}", topic.as_str())),
                checked: shown.topics.contains(topic),
            })
            .collect(),
        lead_label: page.t("notification-lead-label"),
        leads: LEAD_HOURS
            .iter()
            .map(|hours| Choice {
                value: hours.to_string(),
                label: page.t(&format!("notification-lead-{hours}")),
                checked: *hours == shown.lead_hours,
            })
            .collect(),
        language_legend: page.t("notification-language-legend"),
        languages: [Language::Da, Language::En]
            .into_iter()
            .map(|choice| Choice {
                value: code(choice).to_owned(),
                label: page.t(&format!("notification-language-{}", code(choice))),
                checked: choice == shown.language,
            })
            .collect(),
        digest_label: page.t("notification-digest-label"),
        digest: shown.digest,
        details_label: page.t("notification-details-label"),
        details_hint: page.t("notification-details-hint"),
        details: shown.email_details,
        save: page.t("notification-save"),
        calendar_heading: page.t("calendar-feed-heading"),
        calendar_intro: page.t("calendar-feed-intro"),
        calendar_url_label: page.t("calendar-feed-url-label"),
        calendar_state: page.t(match (&calendar_url, feed_made) {
            (Some(_), _) => "calendar-feed-new",
            (None, Some(_)) => "calendar-feed-on",
            (None, None) => "calendar-feed-off",
        }),
        calendar_url,
        calendar_make: page.t(if feed_made.is_some() {
            "calendar-feed-replace"
        } else {
            "calendar-feed-make"
        }),
        calendar_revoke: feed_made.map(|_| page.t("calendar-feed-revoke")),
    };
    page.render(status, &template)
}

/// The form's choices over the stored preferences, to show them again after an error.
fn form_as_preferences(form: &SettingsForm, stored: &Preferences) -> Preferences {
    Preferences {
        email: Some(form.email.trim().to_owned()).filter(|email| !email.is_empty()),
        email_confirmed: stored.email_confirmed,
        in_product: form.in_product.is_some(),
        topics: form
            .topics
            .iter()
            .filter_map(|topic| topic.parse().ok())
            .collect(),
        lead_hours: form.lead_hours.parse().unwrap_or(stored.lead_hours),
        language: crate::i18n::parse(&form.language).unwrap_or(stored.language),
        digest: form.digest.is_some(),
        email_details: form.details.is_some(),
    }
}

/// Reads the form, naming each field that is wrong.
fn parse_settings(
    form: &SettingsForm,
    stored: &Preferences,
    language: Language,
) -> Result<Preferences, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let email = form.email.trim();
    if !email.is_empty() && !valid_email(email) {
        errors.push(("email", text(language, "notification-error-email")));
    }
    let mut topics = std::collections::BTreeSet::new();
    for topic in &form.topics {
        match topic.parse::<Topic>() {
            Ok(topic) => {
                topics.insert(topic);
            }
            Err(_) => errors.push(("topics", text(language, "notification-error-topic"))),
        }
    }
    let lead_hours = match form.lead_hours.parse::<u16>() {
        Ok(hours) if LEAD_HOURS.contains(&hours) => hours,
        _ => {
            errors.push(("lead_hours", text(language, "notification-error-lead")));
            stored.lead_hours
        }
    };
    let chosen_language = match crate::i18n::parse(&form.language) {
        Some(chosen) => chosen,
        None => {
            errors.push(("language", text(language, "notification-error-language")));
            stored.language
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Preferences {
        email: Some(email.to_owned()).filter(|email| !email.is_empty()),
        email_confirmed: stored.email_confirmed,
        in_product: form.in_product.is_some(),
        topics,
        lead_hours,
        language: chosen_language,
        digest: form.digest.is_some(),
        email_details: form.details.is_some(),
    })
}

/// `POST /notifications/settings`: saves the choices; a new e-mail address gets a
/// confirmation link, and e-mail goes there only once it is followed.
pub async fn save_settings(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
    Form(form): Form<SettingsForm>,
) -> Response {
    let page = match own_form_page(&viewer, &uri, jar, &headers) {
        Ok(page) => page,
        Err(refused) => return *refused,
    };
    let subject = viewer.session.subject;
    let stored = match state.store.notification_preferences(&subject).await {
        Ok(stored) => stored,
        Err(error) => return super::store_failure(error),
    };
    let mut chosen = match parse_settings(&form, &stored, page.language) {
        Ok(chosen) => chosen,
        Err(errors) => {
            return settings_page(
                &state,
                &viewer,
                &headers,
                page,
                Some((&form, errors)),
                None,
                None,
            )
            .await;
        }
    };
    if state.settings.mail.is_none() {
        // The form has no address field then: the address stays as it was.
        chosen.email = stored.email.clone();
    }
    if let Some(address) = chosen
        .email
        .as_deref()
        .filter(|_| chosen.email != stored.email)
    {
        match confirmation_wait(&state, &subject, address).await {
            Ok(None) => {}
            Ok(Some(wait)) => {
                // Nothing is saved: the form comes back as sent, saying how long to wait.
                let seconds = crate::rate_limit::retry_after_seconds(wait);
                let message = text_with(
                    page.language,
                    "notification-error-email-limit",
                    &[("count", seconds.div_ceil(60).into())],
                );
                let mut response = settings_page(
                    &state,
                    &viewer,
                    &headers,
                    page,
                    Some((&form, vec![("email", message)])),
                    None,
                    None,
                )
                .await;
                if response.status() == StatusCode::UNPROCESSABLE_ENTITY {
                    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                    response
                        .headers_mut()
                        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                }
                return response;
            }
            Err(error) => return super::store_failure(error),
        }
    }
    if let Err(error) = state
        .store
        .put_notification_preferences(&subject, &chosen)
        .await
    {
        return super::store_failure(error);
    }
    if chosen.email == stored.email {
        return Redirect::to("/notifications/settings?done=saved").into_response();
    }
    match change_email(&state, &viewer, chosen.email.as_deref()).await {
        Ok(()) if chosen.email.is_some() => {
            Redirect::to("/notifications/settings?done=confirm-sent").into_response()
        }
        Ok(()) => Redirect::to("/notifications/settings?done=saved").into_response(),
        Err(error) => super::store_failure(error),
    }
}

/// The window the limits on confirmation e-mails count over.
const CONFIRMATION_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// How long until a confirmation e-mail to `address` asked for by `subject` may be sent,
/// if the citizen or the address has had as many in the last hour as the limits allow.
/// Counted in the store, so that the limits hold across servers and restarts.
async fn confirmation_wait(
    state: &AppState,
    subject: &overblik_model::SubjectKey,
    address: &str,
) -> Result<Option<std::time::Duration>, StoreError> {
    let limits = &state.settings.rate_limits;
    let now = Utc::now();
    let sent = state
        .store
        .confirmations_sent(subject, address, now - CONFIRMATION_WINDOW)
        .await?;
    let wait = [
        (&sent.by_subject, limits.confirmation_emails_per_hour),
        (
            &sent.to_address,
            limits.confirmation_emails_per_address_per_hour,
        ),
    ]
    .into_iter()
    .filter(|(times, allowed)| *allowed > 0 && times.len() >= *allowed as usize)
    // Oldest first: once this one leaves the window, one fewer than allowed remain.
    .map(|(times, allowed)| times[times.len() - allowed as usize] + CONFIRMATION_WINDOW - now)
    .max();
    Ok(wait.map(|wait| wait.to_std().unwrap_or(std::time::Duration::ZERO)))
}

/// Sets a new address with its confirmation e-mail in the outbox, or removes the address.
async fn change_email(
    state: &AppState,
    viewer: &Viewer,
    address: Option<&str>,
) -> Result<(), StoreError> {
    let subject = viewer.session.subject;
    let now = Utc::now();
    let Some(address) = address else {
        return state.store.change_email(&subject, None, now).await;
    };
    let (token, hash) = feed_token();
    let id = NoticeId::random();
    let notice = Notice {
        id,
        subject,
        happening: Happening::EmailConfirmation,
        key: format!("email_confirmation/{id}"),
        record: None,
        moment: None,
        created_at: now,
        due_at: now,
        read_at: None,
        confirmation: Some(Confirmation {
            address: address.to_owned(),
            token,
        }),
    };
    state
        .store
        .change_email(&subject, Some((address, hash, &notice)), now)
        .await
}

#[derive(Debug, Deserialize)]
pub struct ConfirmQuery {
    token: Option<String>,
    lang: Option<String>,
}

#[derive(Template)]
#[template(path = "confirm_email.html")]
struct ConfirmEmailPage {
    chrome: super::Chrome,
    text: String,
    token: String,
    confirm: String,
}

/// `GET /notifications/email/confirm?token=...`: the link in the confirmation e-mail shows a
/// button and confirms nothing itself, so a mail scanner that opens links confirms no address.
/// No session is needed, as the e-mail may be opened on another device.
pub async fn confirm_email_form(
    Query(query): Query<ConfirmQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let asked = query.lang.as_deref().and_then(crate::i18n::parse);
    let page = PageContext::new(asked, jar, &headers, &uri);
    let template = ConfirmEmailPage {
        chrome: page.chrome(
            page.t("notification-email-confirm-title"),
            Section::SignedOut,
        ),
        text: page.t("notification-email-confirm-text"),
        token: query.token.unwrap_or_default(),
        confirm: page.t("notification-email-confirm-button"),
    };
    page.render(StatusCode::OK, &template)
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    token: String,
}

/// `POST /notifications/email/confirm`: the button on the link's page confirms the address.
/// The token is the proof; the form must come from this site.
pub async fn confirm_email(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let page = PageContext::new(None, jar, &headers, &uri);
    let (status, message) = match state
        .store
        .confirm_email(token_hash(&form.token), Utc::now())
        .await
    {
        Ok(_) => (StatusCode::OK, "notification-email-confirmed-text"),
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, "notification-email-link-invalid"),
        Err(error) => return super::store_failure(error),
    };
    let template = super::MessagePage {
        chrome: page.chrome(
            page.t("notification-email-confirm-title"),
            Section::SignedOut,
        ),
        text: page.t(message),
        back: page.t("notifications-settings-link"),
        back_href: "/notifications/settings",
    };
    page.render(status, &template)
}

/// `POST /notifications/calendar`: makes a new private feed URL (replacing any earlier
/// one) and shows it this once; only its hash is kept.
pub async fn make_calendar_feed(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = match own_form_page(&viewer, &uri, jar, &headers) {
        Ok(page) => page,
        Err(refused) => return *refused,
    };
    let (token, hash) = feed_token();
    if let Err(error) = state
        .store
        .put_calendar_feed(&viewer.session.subject, hash, Utc::now())
        .await
    {
        return super::store_failure(error);
    }
    let url = format!("{}/calendar/{token}.ics", state.settings.public_url);
    settings_page(&state, &viewer, &headers, page, None, None, Some(url)).await
}

/// `POST /notifications/calendar/revoke`: the feed URL stops working at once.
pub async fn revoke_calendar_feed(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = own_form_page(&viewer, &uri, jar, &headers) {
        return *refused;
    }
    match state
        .store
        .revoke_calendar_feed(&viewer.session.subject)
        .await
    {
        Ok(_) => Redirect::to("/notifications/settings?done=revoked").into_response(),
        Err(error) => super::store_failure(error),
    }
}
