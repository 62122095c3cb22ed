//! The citizen JSON API, `/api/citizen/v1/`: the signed-in citizen's own overview, areas,
//! records and search, behind the same session cookie as the pages.

pub mod certificates;
pub mod choices;
pub mod corrections;
pub mod export;
pub mod mandates;
pub mod proactive;

use crate::access_log::{described, records_read, summary_read};
use crate::acting::Viewer;
use crate::contract::CitizenContract;
use crate::my_log::{self, LogExport, LogParams, ProvenEntry};
use crate::problem::Problem;
use crate::routes::{Access, Routes};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use overblik_core::Disclosed;
use overblik_ledger::UnsealedEntry;
use overblik_model::{Area, Kind, Language, Record, RecordId};
use overblik_overview::{Moment, Overview};
use overblik_store::{Provider, RecordFilter, StoredRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Where the citizen API lives.
pub const PREFIX: &str = "/api/citizen/v1";

/// The OpenAPI document of the citizen API.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Overblik citizen API",
        version = "1.0.0",
        description = "The signed-in citizen's own data: the overview, life areas, records and \
            search. Authenticated by the session cookie of the pages (sign in at /login); \
            without a session every route answers 401, and a record that is not the citizen's \
            answers 404. Errors are application/problem+json (RFC 9457)."
    ),
    servers((url = "/api/citizen/v1")),
    paths(overview, proactive::recommendations, proactive::life_events, choices::read,
        choices::move_area, choices::pin, choices::unpin, choices::hide, choices::choose_event,
        choices::unchoose_event, area, record, search, log, log_export, mandates::list, mandates::grant,
        mandates::accept, mandates::revoke, mandates::current, mandates::act, mandates::stop,
        corrections::create, corrections::list, corrections::one, corrections::withdraw,
        corrections::attachment, export::package, export::document, certificates::types,
        certificates::draft, certificates::issue, certificates::list, certificates::one,
        certificates::pdf, certificates::sd_jwt, certificates::revoke),
    components(schemas(Problem, Language)),
    modifiers(&CitizenContract),
    tags((name = "citizen", description = "The signed-in citizen's own data, or, while acting \
            for someone, theirs within the power of attorney or custody"),
        (name = "mandates", description = "Powers of attorney, custody, and acting for others"),
        (name = "corrections", description = "Reporting wrong or missing data to the authority \
            that holds it, and following its answer"),
        (name = "export", description = "Everything about the citizen, to download as data or as a \
            document"),
        (name = "certificates", description = "Certificates from the citizen's data, signed so \
            that anyone can check them: issued only when the data supports them, revocable"))
)]
pub struct CitizenApi;

/// The citizen API's OpenAPI document, as served.
pub fn document() -> serde_json::Value {
    crate::contract::document(&CitizenApi::openapi())
}

pub fn routes() -> Routes {
    use Access::{Citizen, CitizenReads, Public};
    Routes::new()
        .get("/overview", CitizenReads, overview)
        .get("/recommendations", CitizenReads, proactive::recommendations)
        .get("/life-events", CitizenReads, proactive::life_events)
        .get("/overview/choices", Citizen, choices::read)
        .post("/overview/areas/{area}", Citizen, choices::move_area)
        .put("/overview/pins/{id}", Citizen, choices::pin)
        .delete("/overview/pins/{id}", Citizen, choices::unpin)
        .post("/recommendations/hidden", Citizen, choices::hide)
        .put("/life-events/{id}/chosen", Citizen, choices::choose_event)
        .delete("/life-events/{id}/chosen", Citizen, choices::unchoose_event)
        .get("/areas/{area}", CitizenReads, area)
        .get("/records/{id}", CitizenReads, record)
        .get("/search", CitizenReads, search)
        .post_large(
            "/records/{id}/corrections",
            Citizen,
            corrections::REPORT_BODY_BYTES,
            corrections::create,
        )
        .get("/corrections", CitizenReads, corrections::list)
        .get("/corrections/{id}", CitizenReads, corrections::one)
        .post("/corrections/{id}/withdraw", Citizen, corrections::withdraw)
        .get(
            "/corrections/{id}/attachments/{attachment}",
            CitizenReads,
            corrections::attachment,
        )
        .get("/log", CitizenReads, log)
        .get("/log/export", CitizenReads, log_export)
        .get("/export/package", CitizenReads, export::package)
        .get("/export/document", CitizenReads, export::document)
        .get("/mandates", CitizenReads, mandates::list)
        .post("/mandates", Citizen, mandates::grant)
        .post("/mandates/{id}/accept", Citizen, mandates::accept)
        .post("/mandates/{id}/revoke", Citizen, mandates::revoke)
        .get("/acting", Citizen, mandates::current)
        .put("/acting", Citizen, mandates::act)
        .delete("/acting", Citizen, mandates::stop)
        .get("/certificates/types", Citizen, certificates::types)
        .post("/certificates/draft", CitizenReads, certificates::draft)
        .post("/certificates", Citizen, certificates::issue)
        .get("/certificates", CitizenReads, certificates::list)
        .get("/certificates/{number}", CitizenReads, certificates::one)
        .get(
            "/certificates/{number}/pdf",
            CitizenReads,
            certificates::pdf,
        )
        .get(
            "/certificates/{number}/sd-jwt",
            CitizenReads,
            certificates::sd_jwt,
        )
        .post(
            "/certificates/{number}/revoke",
            Citizen,
            certificates::revoke,
        )
        .get("/openapi.json", Public, || async { Json(document()) })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageParam {
    /// The language of titles and texts: `da`, `en`, `ca` or `es`; by default the
    /// deployment's first.
    lang: Option<Language>,
}

impl LanguageParam {
    pub(crate) fn language(&self) -> Language {
        self.lang
            .unwrap_or_else(|| overblik_model::Country::current().language())
    }
}

/// A record in a list: enough to show it and link to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordSummary {
    #[schema(value_type = String, format = Uuid)]
    pub id: RecordId,
    pub kind: Kind,
    pub area: Area,
    pub title: String,
    /// The id of the authority that holds it.
    pub provider: String,
    /// When it last changed at the authority.
    pub updated_at: DateTime<Utc>,
    pub status: Option<String>,
}

impl RecordSummary {
    fn of(stored: &StoredRecord, language: Language) -> Self {
        Self {
            id: stored.id,
            kind: stored.record.kind(),
            area: stored.area(),
            title: stored.record.title_in(language).to_owned(),
            provider: stored.provider.to_string(),
            updated_at: stored.record.updated_at.get(),
            status: stored
                .record
                .status
                .as_ref()
                .map(|status| status.get(language).to_owned()),
        }
    }
}

/// One record in full, with the authority that holds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordView {
    #[schema(value_type = String, format = Uuid)]
    pub id: RecordId,
    pub area: Area,
    pub title: String,
    pub authority: AuthorityView,
    /// When Overblik received this version.
    pub received_at: DateTime<Utc>,
    pub record: Record,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorityView {
    pub id: String,
    pub name: String,
    /// The authority's own self-service.
    pub homepage: Option<String>,
}

impl AuthorityView {
    pub fn of(provider: &Provider) -> Self {
        Self {
            id: provider.id.to_string(),
            name: provider.name.clone(),
            homepage: provider.homepage.clone(),
        }
    }
}

impl RecordView {
    /// `stored`, held by `provider`, with its title in `language`.
    pub fn of(stored: StoredRecord, provider: &Provider, language: Language) -> Self {
        Self {
            id: stored.id,
            area: stored.area(),
            title: stored.record.title_in(language).to_owned(),
            authority: AuthorityView::of(provider),
            received_at: stored.stored_at,
            record: std::sync::Arc::unwrap_or_clone(stored.record),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaView {
    pub area: Area,
    pub records: Vec<RecordSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub query: String,
    pub records: Vec<RecordSummary>,
}

/// The JSON answer of a disclosed value: what the API shows of a citizen's data comes through
/// here, once its read is in their log.
pub(crate) fn answer<T>(disclosed: Disclosed<T>) -> Json<T> {
    Json(disclosed.into_inner())
}

/// My Log is the citizen's own, and a parent's with custody; not a power of attorney's.
fn log_for(viewer: &Viewer) -> Result<(), Problem> {
    if viewer.sees_log() {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::FORBIDDEN,
            "log-not-for-proxies",
            "My Log is shown only to the citizen themselves",
        ))
    }
}

/// The overview: what needs attention first, then the life areas.
#[utoipa::path(get, path = "/overview", tag = "citizen", params(LanguageParam),
    responses((status = 200, body = Overview), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Json<Overview>, Problem> {
    let moment = Moment::now(viewer.last_visit(), language.language());
    let summary = viewer.summary(&state, moment.now, moment.last_visit);
    let (summary, providers) = tokio::try_join!(summary, state.core.providers())?;
    let shown = summary.tallies.iter().map(|tally| (tally.area, tally.kind));
    // Worked out while the log entry is being written; answered only once it is durable.
    let (logged, overview) = tokio::join!(viewer.log_read(&state, summary_read(shown)), async {
        overblik_overview::overview(&summary, &providers, moment)
    });
    Ok(answer(logged?.disclose(overview)))
}

/// One life area's records, newest change first.
#[utoipa::path(get, path = "/areas/{area}", tag = "citizen",
    params(("area" = Area, Path, description = "A life area"), LanguageParam),
    responses((status = 200, body = AreaView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn area(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(area): Path<String>,
    Query(language): Query<LanguageParam>,
) -> Result<Json<AreaView>, Problem> {
    let area: Area = area.parse().map_err(|_| Problem::not_found())?;
    let filter = RecordFilter {
        area: Some(area),
        ..RecordFilter::visible_now()
    };
    let records = viewer.records(&state, &filter).await?;
    let logged = viewer.log_read(&state, records_read(&records)).await?;
    let language = language.language();
    Ok(answer(
        logged.disclose(AreaView {
            area,
            records: records
                .iter()
                .map(|stored| RecordSummary::of(stored, language))
                .collect(),
        }),
    ))
}

/// One of the citizen's records; another citizen's record is 404, as if it did not exist.
#[utoipa::path(get, path = "/records/{id}", tag = "citizen",
    params(("id" = String, Path, description = "The record's id"), LanguageParam),
    responses((status = 200, body = RecordView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn record(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(language): Query<LanguageParam>,
) -> Result<Json<RecordView>, Problem> {
    let id: RecordId = id.parse().map_err(|_| Problem::not_found())?;
    let stored = viewer.record(&state, &id).await?;
    let provider = state.core.store.provider(&stored.provider).await?;
    let logged = viewer.log_read(&state, records_read([&stored])).await?;
    Ok(answer(logged.disclose(RecordView::of(
        stored,
        &provider,
        language.language(),
    ))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to look for, all of them; at most 100 characters count. Required, with at least
    /// one character that is not white space.
    #[param(
        required = true,
        pattern = r"[^\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    )]
    q: Option<String>,
    lang: Option<Language>,
}

/// Search the citizen's own records.
#[utoipa::path(get, path = "/search", tag = "citizen", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> Result<Json<SearchResults>, Problem> {
    let query = params
        .q
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| Problem::bad_request("q is required: the words to search for"))?;
    let records = viewer.records(&state, &RecordFilter::visible_now()).await?;
    let language = params
        .lang
        .unwrap_or_else(|| overblik_model::Country::current().language());
    let found = overblik_overview::search(&records, &query);
    let logged = viewer
        .log_read(&state, records_read(found.iter().copied()))
        .await?;
    Ok(answer(
        logged.disclose(SearchResults {
            query,
            records: found
                .into_iter()
                .map(|stored| RecordSummary::of(stored, language))
                .collect(),
        }),
    ))
}

/// The citizen's access log: who read their data, when and why, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogView {
    /// The latest signed checkpoint the entries were checked against (a C2SP signed note).
    pub checkpoint: String,
    /// Entries awaiting their seal (no checkpoint covers them yet, for a few seconds), newest
    /// first; all are newer than the sealed ones.
    pub pending: Vec<UnsealedEntry>,
    pub entries: Vec<ProvenEntry>,
}

/// "My Log": the entries of who read the citizen's data, filterable, each with its proof
/// status. Entries an authority may disclose only later appear on their date.
#[utoipa::path(get, path = "/log", tag = "citizen", params(LogParams),
    responses((status = 200, body = LogView), (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn log(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<LogParams>,
) -> Result<Json<LogView>, Problem> {
    log_for(&viewer)?;
    let filter = params
        .filter(my_log::PAGE_SIZE)
        .map_err(Problem::invalid_fields)?;
    let logged = viewer.log_read(&state, described("access_log")).await?;
    let shown = my_log::proven_entries(&state, viewer.subject(), &filter)
        .await
        .map_err(my_log::unavailable)?;
    Ok(answer(logged.disclose(LogView {
        checkpoint: shown.checkpoint,
        pending: shown.pending,
        entries: shown.entries,
    })))
}

/// Everything needed to check the citizen's log away from the server with
/// `overblik log verify --export FILE`: every visible entry with its salt, the latest
/// checkpoint and the log's public key.
#[utoipa::path(get, path = "/log/export", tag = "citizen",
    responses((status = 200, body = LogExport), (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn log_export(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Json<LogExport>, Problem> {
    log_for(&viewer)?;
    let logged = viewer
        .log_read(&state, described("access_log_export"))
        .await?;
    let filter = overblik_ledger::EntryFilter::visible_now(my_log::EXPORT_LIMIT);
    let export = state
        .core
        .ledger
        .export(viewer.subject(), &filter, true)
        .await
        .map_err(my_log::unavailable)?;
    Ok(answer(logged.disclose(export)))
}
