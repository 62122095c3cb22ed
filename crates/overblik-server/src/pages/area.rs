//! An area's records, and search across all of the citizen's records.

use super::freshness::{Doubtful, doubtful};
use super::{
    Chrome, PageContext, RecordLink, Section, Viewing, area_name, record_links,
    records_and_authorities, store_failure,
};
use crate::access_log::records_read;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use overblik_model::{Area, Kind};
use overblik_store::{RecordFilter, StoredRecord};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage {
    chrome: Chrome,
    back: String,
    empty: String,
    /// Authorities reporting in this area whose information may be out of date or is missing.
    doubtful: Option<Doubtful>,
    records: Vec<RecordLink>,
}

pub async fn area(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(slug): Path<String>,
) -> Response {
    let page = page.viewing(&viewer);
    let Ok(area) = slug.parse::<Area>() else {
        return page.not_found();
    };
    let filter = RecordFilter {
        area: Some(area),
        ..RecordFilter::visible_now()
    };
    let (records, names) = match records_and_authorities(&state, &viewer, &filter).await {
        Ok(found) => found,
        Err(error) => return store_failure(error),
    };
    let shown: Vec<&StoredRecord> = records
        .iter()
        .filter(|stored| stored.record.kind() != Kind::AccessEvent)
        .collect();
    if let Err(error) = viewer
        .log_read(&state, records_read(shown.iter().copied()))
        .await
    {
        return page.failed(error);
    }
    let language = page.language;
    let records = record_links(&page, shown.into_iter(), &names);
    let doubtful = match state.core.providers().await {
        Ok(providers) => doubtful(
            &page,
            &overblik_overview::authorities(&providers, chrono::Utc::now()),
            Some(area),
        ),
        Err(error) => return store_failure(error),
    };
    let template = AreaPage {
        chrome: page.chrome(area_name(language, area), Section::None),
        back: page.t("back-to-overview"),
        empty: page.t("area-empty"),
        doubtful,
        records,
    };
    page.render(StatusCode::OK, &template)
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    back: String,
    label: String,
    button: String,
    none: String,
    query: String,
    searched: bool,
    records: Vec<RecordLink>,
}

/// The search form's query.
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

pub async fn search(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<SearchQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    let words = query.q.unwrap_or_default();
    let searched = !words.trim().is_empty();
    let records = if searched {
        let everything = RecordFilter::visible_now();
        let (records, names) = match records_and_authorities(&state, &viewer, &everything).await {
            Ok(found) => found,
            Err(error) => return store_failure(error),
        };
        let found = overblik_overview::search(&records, &words);
        if let Err(error) = viewer
            .log_read(&state, records_read(found.iter().copied()))
            .await
        {
            return page.failed(error);
        }
        record_links(&page, found.into_iter(), &names)
    } else {
        Vec::new()
    };
    let template = SearchPage {
        chrome: page.chrome(page.t("search-title"), Section::Search),
        back: page.t("back-to-overview"),
        label: page.t("search-label"),
        button: page.t("search-button"),
        none: page.t("search-none"),
        query: words,
        searched,
        records,
    };
    page.render(StatusCode::OK, &template)
}
