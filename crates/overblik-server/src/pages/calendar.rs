//! An appointment as an iCalendar file (RFC 5545), to add it to the citizen's own calendar.

use super::{LanguageQuery, PageContext, Viewing, store_failure};
use crate::access_log::records_read;
use crate::state::AppState;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use icalendar::{Calendar, Component, Event, EventLike};
use overblik_ledger::Channel;
use overblik_model::RecordId;
use overblik_model::record::RecordDetails;
use overblik_store::StoreError;

pub async fn calendar_file(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    Path(id): Path<String>,
    Query(query): Query<LanguageQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.asked(), jar, &headers, &uri);
    let Ok(id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    let stored = match viewer.record(&state, &id).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound) => return page.not_found(),
        Err(error) => return store_failure(error),
    };
    let RecordDetails::Appointment(appointment) = &stored.record.details else {
        return page.not_found();
    };
    let authority = match state.store.provider(&stored.provider).await {
        Ok(provider) => provider,
        Err(error) => return store_failure(error),
    };
    if let Err(error) = viewer
        .log_read(&state, Channel::Web, &headers, records_read([&stored]))
        .await
    {
        return page.unavailable(&error);
    }
    let language = page.language;
    let mut event = Event::new();
    event
        // The same id every time, so downloading it again updates the entry, not doubles it.
        .uid(&format!("{}@overblik", stored.id))
        .summary(stored.record.title_in(language))
        .starts(appointment.start.get())
        .ends(appointment.end.get())
        .timestamp(stored.record.updated_at.get());
    if let Some(place) = &appointment.place {
        event.location(place.as_str());
    }
    if let Some(link) = &appointment.video_link {
        event.url(link.as_str());
    }
    let mut description = vec![authority.name.clone()];
    if let Some(who) = &appointment.with_whom {
        description.push(format!("{}: {who}", page.t("field-with")));
    }
    if let Some(bring) = &appointment.bring {
        description.push(format!("{}: {bring}", page.t("field-bring")));
    }
    event.description(&description.join("\n"));
    let mut calendar = Calendar::new();
    calendar.push(event.done());
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
