//! The citizen's appointments and deadlines in iCalendar (RFC 5545): one appointment as a
//! file to add to their own calendar, and a private feed of all of them that a calendar app
//! subscribes to, reached by a secret URL the citizen can revoke.

use super::{PageContext, Viewing, store_failure};
use crate::access_log::records_read;
use crate::i18n::text;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Trigger};
use overblik_ledger::Channel;
use overblik_model::notify::{Moment, Topic};
use overblik_model::record::RecordDetails;
use overblik_model::{Language, RecordId};
use overblik_store::{RecordFilter, StoreError, StoredRecord};

pub async fn calendar_file(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    let stored = match viewer.record(&state, &id).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound) => return page.not_found(),
        Err(error) => return store_failure(error),
    };
    let RecordDetails::Appointment(_) = &stored.record.details else {
        return page.not_found();
    };
    let authority = match state.core.store.provider(&stored.provider).await {
        Ok(provider) => provider,
        Err(error) => return store_failure(error),
    };
    if let Err(error) = viewer.log_read(&state, records_read([&stored])).await {
        return page.failed(error);
    }
    let language = page.language;
    let Some(event) = event_of(&stored, &authority.name, language, None) else {
        return page.not_found();
    };
    let mut calendar = Calendar::new();
    calendar.push(event);
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"appointment.ics\"",
            ),
        ],
        calendar.done().to_string(),
    )
        .into_response()
}

/// An appointment or deadline as a calendar event, in UTC; `alarm` is the reminder's lead
/// where the citizen wants reminders. `None` for other kinds.
fn event_of(
    stored: &StoredRecord,
    authority: &str,
    language: Language,
    alarm: Option<chrono::Duration>,
) -> Option<Event> {
    let mut event = Event::new();
    // The same id every time, so fetching it again updates the entry, not doubles it.
    event
        .uid(&format!("{}@overblik", stored.id))
        .summary(stored.record.title_in(language))
        .timestamp(stored.record.updated_at.get());
    let mut description = vec![authority.to_owned()];
    match &stored.record.details {
        RecordDetails::Appointment(appointment) => {
            event
                .starts(appointment.start.get())
                .ends(appointment.end.get());
            if let Some(place) = &appointment.place {
                event.location(place.as_str());
            }
            if let Some(link) = &appointment.video_link {
                event.url(link.as_str());
            }
            if let Some(who) = &appointment.with_whom {
                description.push(format!("{}: {who}", text(language, "field-with")));
            }
            if let Some(bring) = &appointment.bring {
                description.push(format!("{}: {bring}", text(language, "field-bring")));
            }
            if let Some(code) = &appointment.check_in_code {
                description.push(format!("{}: {code}", text(language, "field-check-in-code")));
            }
        }
        RecordDetails::Deadline(deadline) => {
            // A whole day ends where the next begins.
            let day = deadline.due.get();
            event.starts(day).ends(day.succ_opt().unwrap_or(day));
            description.push(deadline.action.to_string());
            if let Some(link) = &deadline.action_link {
                event.url(link.as_str());
            }
        }
        _ => return None,
    }
    event.description(&description.join("\n"));
    if let Some(lead) = alarm {
        let reminder = text(language, "calendar-reminder");
        let trigger = match &stored.record.details {
            // Counted back from 09:00 Danish time on the day, as the e-mail's reminder is;
            // before the start of a whole day would be midnight.
            RecordDetails::Deadline(deadline) => {
                Trigger::from(Moment::On(deadline.due.get()).instant() - lead)
            }
            _ => Trigger::before_start(lead),
        };
        event.alarm(Alarm::display(&reminder, trigger));
    }
    Some(event.done())
}

/// How far back the feed reaches, so that a calendar keeps the recent past.
const FEED_PAST: chrono::Duration = chrono::Duration::days(30);

/// `GET /calendar/{token}.ics`: the citizen's feed, for their calendar app. It carries no
/// session: the token is the key. An unknown or revoked token is 404, like any address.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let subject = match state
        .core
        .store
        .calendar_feed(overblik_core::notifications::token_hash(token))
        .await
    {
        Ok(subject) => subject,
        Err(StoreError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return store_failure(error),
    };
    let filter = RecordFilter::visible_now();
    let (records, preferences, providers) = match tokio::try_join!(
        state.core.store.subject_records(&subject, &filter),
        state.core.store.notification_preferences(&subject),
        state.core.store.providers(),
    ) {
        Ok(found) => found,
        Err(error) => return store_failure(error),
    };
    let since = Utc::now() - FEED_PAST;
    let shown: Vec<&StoredRecord> = records
        .iter()
        .filter(|stored| match &stored.record.details {
            RecordDetails::Appointment(appointment) => appointment.end.get() >= since,
            RecordDetails::Deadline(deadline) => {
                !deadline.done
                    && deadline.due.get() >= overblik_model::Country::current().today(since)
            }
            _ => false,
        })
        .collect();
    let read = records_read(shown.iter().copied());
    let disclosure = overblik_core::Disclosure::own(subject);
    let request_id = crate::access_log::request_id(&headers);
    let logged = state
        .core
        .log(
            &disclosure,
            Utc::now(),
            Channel::CalendarFeed,
            request_id,
            read,
        )
        .await;
    if let Err(error) = logged {
        tracing::error!(%error, "a calendar feed was not served: its read could not be logged");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let language = preferences.language;
    let alarm = preferences
        .topics
        .contains(&Topic::Reminder)
        .then(|| preferences.lead());
    let mut calendar = Calendar::new();
    calendar.name(&text(language, "app-name"));
    for stored in shown {
        let authority = providers
            .iter()
            .find(|provider| provider.id == stored.provider)
            .map_or(stored.provider.as_str(), |provider| provider.name.as_str());
        if let Some(event) = event_of(stored, authority, language, alarm) {
            calendar.push(event);
        }
    }
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // A calendar app polls; the feed must never be kept by anything in between.
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        calendar.done().to_string(),
    )
        .into_response()
}
