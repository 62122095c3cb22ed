//! The recommendations and life events the citizen's own data calls for, as the overview
//! shows them: worked out when asked, from the reader's reach only.

use super::{LanguageParam, answer};
use crate::access_log::records_read;
use crate::acting::Viewer;
use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use chrono::{NaiveDate, Utc};
use overblik_model::{Country, RecordId};
use overblik_overview::proactive::Detected;
use overblik_store::StoredRecord;
use serde::Serialize;
use utoipa::ToSchema;

/// A recommendation, with why it is shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationView {
    /// The rule's id.
    pub id: String,
    pub title: String,
    /// Why it is shown, naming the record it rests on.
    pub reason: String,
    /// The link's text.
    pub action: String,
    /// Where to act: a page of Overblik or an https address.
    pub link: String,
    pub because: Option<BecauseView>,
    /// What `POST /overview/hidden` takes to hide it.
    pub key: String,
}

/// The record a recommendation rests on, or that told of a life event.
#[derive(Debug, Serialize, ToSchema)]
pub struct BecauseView {
    #[schema(value_type = String, format = Uuid)]
    pub record: RecordId,
    pub title: String,
    /// The day that made the rule match, where one did.
    pub date: Option<NaiveDate>,
}

/// A life event the citizen goes through.
#[derive(Debug, Serialize, ToSchema)]
pub struct LifeEventView {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The record that told of it; none when only the citizen chose it.
    pub detected: Option<BecauseView>,
    /// The citizen said they go through it.
    pub chosen: bool,
}

/// The recommendations the citizen's data calls for, those they hid left out.
#[utoipa::path(get, path = "/recommendations", tag = "citizen", params(LanguageParam),
    responses((status = 200, body = Vec<RecommendationView>), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn recommendations(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Json<Vec<RecommendationView>>, Problem> {
    let language = language.language();
    let (records, choices, today) = read(&state, &viewer).await?;
    let rules = &state.settings.overview_rules;
    let shown = rules.recommendations_for(&records, &choices, today, language);
    let resting: Vec<RecordId> = shown
        .iter()
        .filter_map(|shown| shown.because.as_ref().map(|because| because.record))
        .collect();
    let logged = viewer
        .log_read(&state, records_read(only(&records, &resting)))
        .await?;
    let views = shown
        .iter()
        .map(|shown| {
            let rule = shown.rule;
            let because = shown.because.as_ref();
            RecommendationView {
                id: rule.id.clone(),
                title: rule.title.get(language).to_owned(),
                reason: shown.reason(language, |date| language.date(date)),
                action: rule.action.get(language).to_owned(),
                link: shown.link(),
                because: because.map(because_view),
                key: shown.key.clone(),
            }
        })
        .collect();
    Ok(answer(logged.disclose(views)))
}

/// The life events the citizen's data tells of, and those they chose.
#[utoipa::path(get, path = "/life-events", tag = "citizen", params(LanguageParam),
    responses((status = 200, body = Vec<LifeEventView>), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn life_events(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Json<Vec<LifeEventView>>, Problem> {
    let language = language.language();
    let (records, choices, today) = read(&state, &viewer).await?;
    let shown = state
        .settings
        .overview_rules
        .events_of(&records, &choices, today, language);
    let telling: Vec<RecordId> = shown
        .iter()
        .filter_map(|shown| shown.detected.as_ref().map(|detected| detected.record))
        .collect();
    let logged = viewer
        .log_read(&state, records_read(only(&records, &telling)))
        .await?;
    let views = shown
        .iter()
        .map(|shown| LifeEventView {
            id: shown.event.id.clone(),
            title: shown.event.title.get(language).to_owned(),
            summary: shown.event.summary.get(language).to_owned(),
            detected: shown.detected.as_ref().map(because_view),
            chosen: shown.chosen,
        })
        .collect();
    Ok(answer(logged.disclose(views)))
}

/// What the rules read, as the overview reads it: the reader's register facts, benefits and
/// cases, what may need attention, and the subject's choices.
async fn read(
    state: &AppState,
    viewer: &Viewer,
) -> Result<
    (
        Vec<StoredRecord>,
        overblik_model::OverviewChoices,
        NaiveDate,
    ),
    Problem,
> {
    let now = Utc::now();
    let summary = async {
        let summary = viewer.summary(state, now, None).await;
        summary.map_err(overblik_core::Error::from)
    };
    let standing = async {
        let records = viewer.standing_records(state).await;
        records.map_err(overblik_core::Error::from)
    };
    let choices = state.core.overview_choices(viewer);
    let (summary, mut records, choices) = tokio::try_join!(summary, standing, choices)?;
    // A case waiting for the citizen is both standing and in need of attention: once.
    let known: std::collections::HashSet<RecordId> =
        records.iter().map(|stored| stored.id).collect();
    records.extend(
        summary
            .may_need_attention
            .into_iter()
            .filter(|stored| !known.contains(&stored.id)),
    );
    Ok((records, choices, Country::current().today(now)))
}

fn only<'r>(
    records: &'r [StoredRecord],
    ids: &[RecordId],
) -> impl Iterator<Item = &'r StoredRecord> {
    records
        .iter()
        .filter(move |stored| ids.contains(&stored.id))
}

fn because_view(detected: &Detected) -> BecauseView {
    BecauseView {
        record: detected.record,
        title: detected.title.clone(),
        date: detected.date,
    }
}
