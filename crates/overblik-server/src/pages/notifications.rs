//! The citizen's notifications: the list of what Overblik told them (read and unread), and
//! how they want to be told: e-mail (once the address is confirmed), the calendar feed, the
//! events, the lead time before reminders, the language and the daily digest. They are the
//! citizen's own: while acting for someone, these pages are closed.

use super::{Chrome, PageContext, Section, Viewing};
use crate::access_log::described;
use crate::acting::Viewer;
use crate::i18n::{code, text, text_with};
use crate::notify::mail::{moment_text, told_at};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use overblik_core::notifications::{Saved, Settings, SettingsRequest};
use overblik_core::{Error, Limit};
use overblik_model::FieldError;
use overblik_model::Language;
use overblik_model::notify::{Happening, LEAD_HOURS, Notice, Topic};
use serde::Deserialize;

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
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let (notices, preferences) = match state.core.notices(&viewer).await {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    if let Err(error) = viewer
        .log_own_read(&state, described("notifications"))
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

/// `POST /notifications/read`: marks one notice read, or all.
pub async fn mark_read(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<ReadForm>,
) -> Response {
    let page = page.viewing(&viewer);
    match state
        .core
        .mark_notices_read(&viewer, form.id.as_deref())
        .await
    {
        Ok(()) => Redirect::to("/notifications").into_response(),
        Err(error) => page.failed(error),
    }
}

/// `GET /notifications/settings`.
pub async fn settings(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<SettingsQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    let done = query
        .done
        .as_deref()
        .filter(|done| ["saved", "confirm-sent", "revoked"].contains(done))
        .map(|done| page.t(&format!("notification-settings-{done}")));
    settings_page(&state, &viewer, page, None, done, None).await
}

/// Renders the settings as stored, or as the citizen sent them with `errors`.
async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    page: PageContext,
    sent: Option<(&SettingsRequest, Vec<(&'static str, String)>)>,
    done: Option<String>,
    calendar_url: Option<String>,
) -> Response {
    let Settings {
        preferences,
        feed_made,
    } = match state.core.notification_settings(viewer).await {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    if let Err(error) = viewer
        .log_own_read(state, described("notification_settings"))
        .await
    {
        return page.failed(error);
    }
    let (shown, errors) = match sent {
        Some((form, errors)) => (form.as_preferences(&preferences), errors),
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
        // The deployment's languages, each named in itself.
        languages: overblik_model::Country::current()
            .languages
            .iter()
            .map(|choice| Choice {
                value: code(*choice).to_owned(),
                label: choice.autonym().to_owned(),
                checked: *choice == shown.language,
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

/// The form as the use case takes it: a checkbox that is not ticked is not sent at all.
impl From<SettingsForm> for SettingsRequest {
    fn from(form: SettingsForm) -> Self {
        Self {
            email: form.email,
            in_product: form.in_product.is_some(),
            topics: form.topics,
            lead_hours: form.lead_hours,
            language: form.language,
            digest: form.digest.is_some(),
            details: form.details.is_some(),
        }
    }
}

/// The message the form shows at a wrong field, in the citizen's language.
fn field_error(field: &FieldError, language: Language) -> (&'static str, String) {
    let (name, message) = match field.pointer.as_str() {
        "/email" => ("email", "notification-error-email"),
        "/topics" => ("topics", "notification-error-topic"),
        "/lead_hours" => ("lead_hours", "notification-error-lead"),
        _ => ("language", "notification-error-language"),
    };
    (name, text(language, message))
}

/// `POST /notifications/settings`: saves the choices; a new e-mail address gets a
/// confirmation link, and e-mail goes there only once it is followed.
pub async fn save_settings(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<SettingsForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let request = SettingsRequest::from(form);
    let mail_offered = state.settings.mail.is_some();
    let errors = match state
        .core
        .save_notification_settings(&viewer, &request, mail_offered)
        .await
    {
        Ok(Saved::Saved) => {
            return Redirect::to("/notifications/settings?done=saved").into_response();
        }
        Ok(Saved::ConfirmationSent) => {
            return Redirect::to("/notifications/settings?done=confirm-sent").into_response();
        }
        Err(Error::Invalid(fields)) => fields
            .iter()
            .map(|field| field_error(field, page.language))
            .collect(),
        Err(Error::Limited(Limit::ConfirmationEmails { wait })) => {
            // Nothing is saved: the form comes back as sent, saying how long to wait.
            let seconds = crate::problem::retry_after_seconds(wait);
            let message = text_with(
                page.language,
                "notification-error-email-limit",
                &[("count", seconds.div_ceil(60).into())],
            );
            let sent = Some((&request, vec![("email", message)]));
            let mut response = settings_page(&state, &viewer, page, sent, None, None).await;
            if response.status() == StatusCode::UNPROCESSABLE_ENTITY {
                *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            }
            return response;
        }
        Err(error) => return page.failed(error),
    };
    let sent = Some((&request, errors));
    settings_page(&state, &viewer, page, sent, None, None).await
}

#[derive(Debug, Deserialize)]
pub struct ConfirmQuery {
    token: Option<String>,
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
pub async fn confirm_email_form(page: PageContext, Query(query): Query<ConfirmQuery>) -> Response {
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
    page: PageContext,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let (status, message) = match state.core.confirm_email(&form.token).await {
        Ok(()) => (StatusCode::OK, "notification-email-confirmed-text"),
        Err(Error::NotFound) => (StatusCode::NOT_FOUND, "notification-email-link-invalid"),
        Err(error) => return page.failed(error),
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
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let token = match state.core.make_calendar_feed(&viewer).await {
        Ok(token) => token,
        Err(error) => return page.failed(error),
    };
    let url = format!("{}/calendar/{token}.ics", state.settings.public_url);
    settings_page(&state, &viewer, page, None, None, Some(url)).await
}

/// `POST /notifications/calendar/revoke`: the feed URL stops working at once.
pub async fn revoke_calendar_feed(
    State(state): State<AppState>,
    page: PageContext,
    Viewing(viewer): Viewing,
) -> Response {
    let page = page.viewing(&viewer);
    match state.core.revoke_calendar_feed(&viewer).await {
        Ok(()) => Redirect::to("/notifications/settings?done=revoked").into_response(),
        Err(error) => page.failed(error),
    }
}
