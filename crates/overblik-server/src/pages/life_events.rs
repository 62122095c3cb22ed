//! Life events: every event of the catalogue, with those the citizen's data tells of or they
//! chose, and each event's own page with its usual steps and the records it gathers.

use super::{
    Chrome, PageContext, RecordLink, Section, Viewing, record_links, records_and_authorities,
    store_failure,
};
use crate::access_log::records_read;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, Utc};
use overblik_model::{Country, Kind};
use overblik_overview::proactive::EventShown;
use overblik_store::{RecordFilter, StoredRecord};

#[derive(Template)]
#[template(path = "life_events.html")]
struct LifeEventsPage {
    chrome: Chrome,
    back: String,
    intro: String,
    may_arrange: bool,
    choose: String,
    unchoose: String,
    events: Vec<EventCard>,
}

struct EventCard {
    id: String,
    href: String,
    title: String,
    summary: String,
    why: String,
    chosen: bool,
}

pub async fn list(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let standing = viewer.standing_records(&state);
    let choices = state.core.overview_choices(&viewer);
    let (standing, choices) = match tokio::join!(standing, choices) {
        (Ok(standing), Ok(choices)) => (standing, choices),
        (Err(error), _) => return store_failure(error),
        (_, Err(error)) => return page.failed(error),
    };
    let today = Country::current().today(Utc::now());
    let rules = &state.settings.overview_rules;
    let found = rules.events_of(&standing, &choices, today, page.language);
    if let Err(error) = viewer
        .log_read(&state, records_read(telling(&found, &standing)))
        .await
    {
        return page.failed(error);
    }
    let events = rules
        .events()
        .iter()
        .map(|event| {
            let shown = found.iter().find(|shown| shown.event.id == event.id);
            EventCard {
                id: event.id.clone(),
                href: format!("/life-events/{}", event.id),
                title: event.title.get(page.language).to_owned(),
                summary: event.summary.get(page.language).to_owned(),
                why: shown
                    .map(|shown| page.why_event(shown.detected.as_ref(), shown.chosen, today))
                    .unwrap_or_default(),
                chosen: shown.is_some_and(|shown| shown.chosen),
            }
        })
        .collect();
    let template = LifeEventsPage {
        chrome: page.chrome(page.t("life-events-title"), Section::Overview),
        back: page.t("back-to-overview"),
        intro: page.t("life-events-intro"),
        may_arrange: viewer.acting.is_none(),
        choose: page.t("life-event-choose"),
        unchoose: page.t("life-event-unchoose"),
        events,
    };
    page.render(StatusCode::OK, &template)
}

/// The records that told of the events shown.
fn telling<'r>(
    found: &[EventShown<'_>],
    records: &'r [StoredRecord],
) -> impl Iterator<Item = &'r StoredRecord> {
    let ids: Vec<_> = found
        .iter()
        .filter_map(|shown| shown.detected.as_ref().map(|detected| detected.record))
        .collect();
    records
        .iter()
        .filter(move |stored| ids.contains(&stored.id))
}

#[derive(Template)]
#[template(path = "life_event.html")]
struct LifeEventPage {
    chrome: Chrome,
    back: String,
    summary: String,
    why: String,
    may_arrange: bool,
    id: String,
    chosen: bool,
    choose: String,
    unchoose: String,
    steps_heading: String,
    steps: Vec<StepView>,
    records_heading: String,
    records_none: String,
    records: Vec<RecordLink>,
}

struct StepView {
    text: String,
    href: Option<String>,
    due: Option<String>,
}

pub async fn one(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let rules = &state.settings.overview_rules;
    let Some(event) = rules.event(&id) else {
        return page.not_found();
    };
    let everything = RecordFilter::visible_now();
    let read = records_and_authorities(&state, &viewer, &everything);
    let choices = state.core.overview_choices(&viewer);
    let ((records, names), choices) = match tokio::join!(read, choices) {
        (Ok(read), Ok(choices)) => (read, choices),
        (Err(error), _) => return store_failure(error),
        (_, Err(error)) => return page.failed(error),
    };
    let today = Country::current().today(Utc::now());
    let found = rules.events_of(&records, &choices, today, page.language);
    let shown = found.iter().find(|shown| shown.event.id == event.id);
    let detected = shown.and_then(|shown| shown.detected.as_ref());
    let gathered: Vec<&StoredRecord> = records
        .iter()
        .filter(|stored| stored.record.kind() != Kind::AccessEvent)
        .filter(|stored| event.areas.contains(&stored.area()))
        .collect();
    let telling = records
        .iter()
        .filter(|stored| detected.is_some_and(|detected| detected.record == stored.id));
    let read = gathered.iter().copied().chain(telling);
    if let Err(error) = viewer.log_read(&state, records_read(read)).await {
        return page.failed(error);
    }
    let language = page.language;
    let steps = event
        .steps
        .iter()
        .map(|step| StepView {
            text: step.text.get(language).to_owned(),
            href: step.link.clone(),
            due: step
                .within_days
                .zip(detected.and_then(|detected| detected.date))
                .map(|(days, date)| {
                    let due = date + Duration::days(i64::from(days));
                    crate::i18n::text_with(
                        language,
                        "life-event-step-due",
                        &[("date", page.day_from(due, today).into())],
                    )
                }),
        })
        .collect();
    let template = LifeEventPage {
        chrome: page.chrome(event.title.get(language).to_owned(), Section::Overview),
        back: page.t("life-events-back"),
        summary: event.summary.get(language).to_owned(),
        why: shown
            .map(|shown| page.why_event(detected, shown.chosen, today))
            .unwrap_or_else(|| page.t("life-event-not-yours")),
        may_arrange: viewer.acting.is_none(),
        id: event.id.clone(),
        chosen: shown.is_some_and(|shown| shown.chosen),
        choose: page.t("life-event-choose"),
        unchoose: page.t("life-event-unchoose"),
        steps_heading: page.t("life-event-steps"),
        steps,
        records_heading: page.t("life-event-records"),
        records_none: page.t("life-event-records-none"),
        records: record_links(&page, gathered.into_iter(), &names),
    };
    page.render(StatusCode::OK, &template)
}
