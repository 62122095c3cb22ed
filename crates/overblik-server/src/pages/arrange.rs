//! The citizen arranges their own overview: pins and moves areas, hides areas and advice,
//! pins records, and says which life events they are going through. Plain forms, each
//! answered with a redirect back to where it was sent from, so it works without JavaScript.

use super::{Chrome, PageContext, Section, Viewing, area_name};
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use overblik_model::{Area, AreaMove, RecordId};
use serde::Deserialize;

/// The citizen's life areas in their order, each with its buttons: on a page of its own, so
/// that the overview itself stays short to read and quick to serve.
#[derive(Template)]
#[template(path = "arrange.html")]
struct ArrangePage {
    chrome: Chrome,
    intro: String,
    words: ArrangeWords,
    areas: Vec<ArrangedArea>,
    hidden_heading: String,
    hidden: Vec<ArrangedArea>,
    back: String,
}

/// The words on the buttons that arrange the areas.
struct ArrangeWords {
    pin: String,
    unpin: String,
    up: String,
    down: String,
    hide: String,
    show: String,
    pinned: String,
}

struct ArrangedArea {
    slug: &'static str,
    name: String,
    pinned: bool,
    /// First or last of its group (the pinned, or the rest): no way further up or down.
    first: bool,
    last: bool,
}

/// The arranging page. It shows the citizen's own choices and no record, so reading it
/// discloses nothing to log.
pub async fn page(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("overview-arrange-acting");
    }
    let choices = match state.core.overview_choices(&viewer).await {
        Ok(choices) => choices,
        Err(error) => return page.failed(error),
    };
    let language = page.language;
    let arranged = |area: Area| ArrangedArea {
        slug: area.slug(),
        name: area_name(language, area),
        pinned: choices.pinned_areas.contains(&area),
        first: false,
        last: false,
    };
    let mut areas: Vec<ArrangedArea> = choices.arranged().into_iter().map(arranged).collect();
    let pins: Vec<bool> = areas.iter().map(|area| area.pinned).collect();
    for (at, area) in areas.iter_mut().enumerate() {
        area.first = at == 0 || pins[at - 1] != pins[at];
        area.last = at + 1 == pins.len() || pins[at + 1] != pins[at];
    }
    let hidden: Vec<ArrangedArea> = choices.hidden_areas.iter().copied().map(arranged).collect();
    let template = ArrangePage {
        chrome: page.chrome(page.t("arrange-title"), Section::Overview),
        intro: page.t("arrange-intro"),
        words: ArrangeWords {
            pin: page.t("area-pin"),
            unpin: page.t("area-unpin"),
            up: page.t("area-up"),
            down: page.t("area-down"),
            hide: page.t("area-hide"),
            show: page.t("area-show"),
            pinned: page.t("area-pinned"),
        },
        hidden_heading: text_with(language, "areas-hidden", &[("count", hidden.len().into())]),
        areas,
        hidden,
        back: page.t("arrange-back"),
    };
    page.render(StatusCode::OK, &template)
}

/// The longest key of a hidden recommendation: a rule's id, a slash and a record's id.
#[derive(Debug, Deserialize)]
pub struct AreaForm {
    area: String,
    #[serde(rename = "move")]
    how: String,
}

pub async fn move_area(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<AreaForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let (Ok(area), Some(how)) = (form.area.parse::<Area>(), AreaMove::parse(&form.how)) else {
        return page.not_found();
    };
    if viewer.acting.is_some() {
        return page.forbidden("overview-arrange-acting");
    }
    let changed = state
        .core
        .change_overview_choices(&viewer, |choices| choices.move_area(area, how))
        .await;
    match changed {
        Ok(_) => Redirect::to(&format!("/overview/arrange#area-{}", area.slug())).into_response(),
        Err(error) => page.failed(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct PinForm {
    record: String,
    pin: bool,
}

/// Pins a record to the overview or unpins it; back to the record's page after pinning
/// there, to the overview after unpinning from it.
pub async fn pin_record(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<PinForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(record) = form.record.parse::<RecordId>() else {
        return page.not_found();
    };
    if viewer.acting.is_some() {
        return page.forbidden("overview-arrange-acting");
    }
    match state.core.pin_record(&viewer, record, form.pin).await {
        Ok(_) if form.pin => Redirect::to(&format!("/records/{record}")).into_response(),
        Ok(_) => Redirect::to("/#pinned").into_response(),
        Err(error) => page.failed(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct HideForm {
    key: String,
}

/// Hides a recommendation for good: the same advice about the same record never shows again.
pub async fn hide_advice(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(form): Form<HideForm>,
) -> Response {
    let page = page.viewing(&viewer);
    if !state.settings.overview_rules.is_hiding_key(&form.key) {
        return page.not_found();
    }
    if viewer.acting.is_some() {
        return page.forbidden("overview-arrange-acting");
    }
    let changed = state
        .core
        .change_overview_choices(&viewer, |choices| choices.dismiss(&form.key))
        .await;
    match changed {
        Ok(_) => Redirect::to("/#advice").into_response(),
        Err(error) => page.failed(error),
    }
}

#[derive(Debug, Deserialize)]
pub struct ChooseForm {
    chosen: bool,
}

/// The citizen says they are, or are not, going through a life event.
pub async fn choose_event(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
    Form(form): Form<ChooseForm>,
) -> Response {
    let page = page.viewing(&viewer);
    let Some(event) = state.settings.overview_rules.event(&id) else {
        return page.not_found();
    };
    if viewer.acting.is_some() {
        return page.forbidden("overview-arrange-acting");
    }
    let changed = state
        .core
        .change_overview_choices(&viewer, |choices| {
            choices.choose_event(&event.id, form.chosen);
        })
        .await;
    match changed {
        Ok(_) => Redirect::to(&format!("/life-events/{}", event.id)).into_response(),
        Err(error) => page.failed(error),
    }
}
