//! The citizen's pages: server-rendered HTML that works without JavaScript, Danish and English.

use crate::i18n::{self, LANGUAGE_COOKIE, kroner, text, text_with};
use crate::login::CitizenSession;
use crate::problem::Problem;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use overblik_model::record::RecordDetails;
use overblik_model::{Area, Kind, Language, RecordId};
use overblik_overview::{AttentionKind, Moment};
use overblik_store::{RecordFilter, StoreError, StoredRecord};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/areas/{area}", get(area))
        .route("/records/{id}", get(record))
        .route("/search", get(search))
        .route("/static/overblik.css", get(stylesheet))
}

#[derive(Debug, Deserialize)]
pub struct LanguageQuery {
    lang: Option<Language>,
}

/// What every page shows around its content.
#[derive(Debug)]
pub struct Chrome {
    lang: &'static str,
    other_lang: &'static str,
    title: String,
    app: String,
    skip: String,
    switch_label: String,
    switch_href: String,
    log_out: String,
    search: String,
    signed_in: bool,
}

/// The request's language and what the page frame needs.
struct PageContext {
    language: Language,
    jar: CookieJar,
    path: String,
}

impl PageContext {
    fn new(asked: Option<Language>, jar: CookieJar, headers: &HeaderMap, path: &str) -> Self {
        let language = i18n::choose(asked, &jar, headers);
        // A language asked for in the link is remembered for the next pages.
        let jar = match asked {
            Some(asked) => jar.add(
                Cookie::build((LANGUAGE_COOKIE, i18n::code(asked)))
                    .path("/")
                    .same_site(SameSite::Lax)
                    .http_only(true)
                    .permanent()
                    .build(),
            ),
            None => jar,
        };
        Self {
            language,
            jar,
            path: path.to_owned(),
        }
    }

    fn t(&self, id: &str) -> String {
        text(self.language, id)
    }

    fn chrome(&self, title: String, signed_in: bool) -> Chrome {
        let other = match self.language {
            Language::Da => Language::En,
            Language::En => Language::Da,
        };
        Chrome {
            lang: i18n::code(self.language),
            other_lang: i18n::code(other),
            title,
            app: self.t("app-name"),
            skip: self.t("skip-to-content"),
            switch_label: self.t("switch-language"),
            switch_href: format!("{}?lang={}", self.path, i18n::code(other)),
            log_out: self.t("log-out"),
            search: self.t("search-title"),
            signed_in,
        }
    }

    fn date(&self, date: NaiveDate) -> String {
        match self.language {
            Language::Da => date.format("%-d.%-m.%Y").to_string(),
            Language::En => date.format("%-d %b %Y").to_string(),
        }
    }

    fn moment(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        format!(
            "{} {}",
            self.date(local.date_naive()),
            local.format("%H:%M")
        )
    }

    /// Renders a template as the page's answer, with the language cookie if it changed.
    fn render(self, status: StatusCode, template: &impl Template) -> Response {
        match template.render() {
            Ok(html) => (status, self.jar, Html(html)).into_response(),
            Err(error) => Problem::internal(&error).into_response(),
        }
    }

    /// The page for a record or area that is not there (or not the citizen's).
    fn not_found(self) -> Response {
        let page = MessagePage {
            chrome: self.chrome(self.t("not-found-title"), true),
            text: self.t("not-found-text"),
            back: self.t("back-to-overview"),
        };
        self.render(StatusCode::NOT_FOUND, &page)
    }
}

/// A signed-in citizen on a page; without a session the page sends them to sign in.
struct SignedIn(CitizenSession);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Redirect;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Redirect> {
        CitizenSession::from_request_parts(parts, state)
            .await
            .map(Self)
            .map_err(|_| Redirect::to("/login"))
    }
}

fn store_failure(error: StoreError) -> Response {
    Problem::from(error).into_response()
}

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    chrome: Chrome,
    attention_heading: String,
    attention_none: String,
    items: Vec<AttentionView>,
    total_owed: Option<String>,
    changed: Option<String>,
    areas_heading: String,
    areas: Vec<AreaLink>,
}

struct AttentionView {
    kind: String,
    urgency: &'static str,
    href: String,
    title: String,
    date: Option<String>,
    amount: Option<String>,
}

struct AreaLink {
    href: String,
    name: String,
    count: String,
}

fn area_name(language: Language, area: Area) -> String {
    text(language, &format!("area-{}", area.slug()))
}

fn kind_name(language: Language, kind: Kind) -> String {
    text(language, &format!("kind-{}", kind.as_str()))
}

async fn overview(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<LanguageQuery>,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.lang, jar, &headers, "/");
    let records = match state
        .store
        .subject_records(&session.0.subject, &RecordFilter::visible_now())
        .await
    {
        Ok(records) => records,
        Err(error) => return store_failure(error),
    };
    let overview = overblik_overview::overview(
        &records,
        Moment::now(session.0.previous_visit, page.language),
    );
    let language = page.language;
    let items = overview
        .attention
        .items
        .iter()
        .map(|item| AttentionView {
            kind: page.t(&format!("attention-kind-{}", attention_slug(item.kind))),
            urgency: if item.kind.is_pressing() {
                "urgent"
            } else {
                ""
            },
            href: format!("/records/{}", item.record),
            title: item.title.clone(),
            date: item.date.map(|date| page.date(date)),
            amount: item.amount_ore.map(|ore| kroner(ore, language)),
        })
        .collect();
    let owed = overview.attention.total_owed_ore;
    let changed = overview.attention.changed_since_last_visit.len();
    let template = OverviewPage {
        chrome: page.chrome(page.t("overview-title"), true),
        attention_heading: page.t("attention-heading"),
        attention_none: page.t("attention-none"),
        items,
        total_owed: (owed > 0).then(|| {
            text_with(
                language,
                "total-owed",
                &[("amount", kroner(owed, language).into())],
            )
        }),
        changed: (changed > 0).then(|| {
            text_with(
                language,
                "changed-since-visit",
                &[("count", changed.into())],
            )
        }),
        areas_heading: page.t("areas-heading"),
        areas: overview
            .areas
            .iter()
            .map(|summary| AreaLink {
                href: format!("/areas/{}", summary.area.slug()),
                name: area_name(language, summary.area),
                count: text_with(
                    language,
                    "area-records",
                    &[("count", summary.records.into())],
                ),
            })
            .collect(),
    };
    page.render(StatusCode::OK, &template)
}

fn attention_slug(kind: AttentionKind) -> &'static str {
    match kind {
        AttentionKind::OverdueDeadline => "overdue_deadline",
        AttentionKind::OverduePayment => "overdue_payment",
        AttentionKind::WaitingForYou => "waiting_for_you",
        AttentionKind::Deadline => "deadline",
        AttentionKind::Appointment => "appointment",
        AttentionKind::PaymentDue => "payment_due",
    }
}

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage {
    chrome: Chrome,
    back: String,
    empty: String,
    records: Vec<RecordLink>,
}

struct RecordLink {
    href: String,
    kind: String,
    title: String,
    authority: String,
    updated: String,
    status: Option<String>,
}

/// The citizen's records that `filter` selects, and the names of the authorities, by id,
/// for lists that say who holds each record.
async fn records_and_authorities(
    state: &AppState,
    session: &CitizenSession,
    filter: &RecordFilter,
) -> Result<(Vec<StoredRecord>, HashMap<String, String>), StoreError> {
    let records = state
        .store
        .subject_records(&session.0.subject, filter)
        .await?;
    let names = state
        .store
        .providers()
        .await?
        .into_iter()
        .map(|provider| (provider.id.to_string(), provider.name))
        .collect();
    Ok((records, names))
}

async fn area(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(slug): Path<String>,
    Query(query): Query<LanguageQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.lang, jar, &headers, uri.path());
    let Ok(area) = slug.parse::<Area>() else {
        return page.not_found();
    };
    let filter = RecordFilter {
        area: Some(area),
        ..RecordFilter::visible_now()
    };
    let (records, names) = match records_and_authorities(&state, &session, &filter).await {
        Ok(found) => found,
        Err(error) => return store_failure(error),
    };
    let language = page.language;
    let records = record_links(
        &page,
        records
            .iter()
            .filter(|stored| stored.record.kind() != Kind::AccessEvent),
        &names,
    );
    let template = AreaPage {
        chrome: page.chrome(area_name(language, area), true),
        back: page.t("back-to-overview"),
        empty: page.t("area-empty"),
        records,
    };
    page.render(StatusCode::OK, &template)
}

/// Records as links in a list, each with its kind, authority and last change.
fn record_links<'r>(
    page: &PageContext,
    records: impl Iterator<Item = &'r StoredRecord>,
    authority_names: &HashMap<String, String>,
) -> Vec<RecordLink> {
    let language = page.language;
    records
        .map(|stored| RecordLink {
            href: format!("/records/{}", stored.id),
            kind: kind_name(language, stored.record.kind()),
            title: stored.record.title_in(language).to_owned(),
            authority: authority_names
                .get(stored.provider.as_str())
                .cloned()
                .unwrap_or_else(|| stored.provider.to_string()),
            updated: page.date(
                stored
                    .record
                    .updated_at
                    .get()
                    .with_timezone(&Copenhagen)
                    .date_naive(),
            ),
            status: stored
                .record
                .status
                .as_ref()
                .map(|status| status.get(language).to_owned()),
        })
        .collect()
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

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    lang: Option<Language>,
}

async fn search(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Query(query): Query<SearchQuery>,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.lang, jar, &headers, "/search");
    let words = query.q.unwrap_or_default();
    let searched = !words.trim().is_empty();
    let records = if searched {
        let everything = RecordFilter::visible_now();
        let (records, names) = match records_and_authorities(&state, &session, &everything).await {
            Ok(found) => found,
            Err(error) => return store_failure(error),
        };
        record_links(
            &page,
            overblik_overview::search(&records, &words).into_iter(),
            &names,
        )
    } else {
        Vec::new()
    };
    let template = SearchPage {
        chrome: page.chrome(page.t("search-title"), true),
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

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    chrome: Chrome,
    back: String,
    back_href: String,
    kind: String,
    about: Vec<(String, String)>,
    details: Vec<(String, String)>,
    self_service: Option<(String, String)>,
}

async fn record(
    State(state): State<AppState>,
    SignedIn(session): SignedIn,
    Path(id): Path<String>,
    Query(query): Query<LanguageQuery>,
    OriginalUri(uri): OriginalUri,
    jar: CookieJar,
    headers: HeaderMap,
) -> Response {
    let page = PageContext::new(query.lang, jar, &headers, uri.path());
    let Ok(id) = id.parse::<RecordId>() else {
        return page.not_found();
    };
    let stored = match state
        .store
        .subject_record(&session.0.subject, &id, Utc::now())
        .await
    {
        Ok(stored) => stored,
        Err(StoreError::NotFound) => return page.not_found(),
        Err(error) => return store_failure(error),
    };
    let authority = match state.store.provider(&stored.provider).await {
        Ok(provider) => provider,
        Err(error) => return store_failure(error),
    };
    let language = page.language;
    let record = &stored.record;
    let mut about = vec![
        (page.t("record-authority"), authority.name.clone()),
        (
            page.t("record-updated"),
            page.moment(record.updated_at.get()),
        ),
    ];
    if let Some(status) = &record.status {
        about.push((page.t("record-status"), status.get(language).to_owned()));
    }
    if let Some(contact) = &record.contact {
        let reach: Vec<&str> = [
            Some(contact.name.as_str()),
            contact.phone.as_ref().map(|p| p.as_str()),
            contact.email.as_ref().map(|e| e.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        about.push((page.t("record-contact"), reach.join(", ")));
    }
    let self_service = record
        .link
        .as_ref()
        .map(|link| link.as_str().to_owned())
        .or(authority.homepage.clone())
        .map(|href| {
            (
                href,
                text_with(
                    language,
                    "record-self-service",
                    &[("authority", authority.name.clone().into())],
                ),
            )
        });
    let template = RecordPage {
        chrome: page.chrome(record.title_in(language).to_owned(), true),
        back: area_name(language, stored.area()),
        back_href: format!("/areas/{}", stored.area().slug()),
        kind: kind_name(language, record.kind()),
        about,
        details: detail_rows(&page, &stored),
        self_service,
    };
    page.render(StatusCode::OK, &template)
}

/// The fields of each kind, as label and value, in the order a citizen reads them.
fn detail_rows(page: &PageContext, stored: &StoredRecord) -> Vec<(String, String)> {
    let language = page.language;
    let money = |ore: i64| kroner(ore, language);
    let row = |id: &str, value: String| (page.t(id), value);
    match &stored.record.details {
        RecordDetails::Case(case) => {
            let mut rows = Vec::new();
            if let Some(step) = &case.next_step {
                let due = step
                    .due
                    .map(|due| format!(" ({})", page.date(due.get())))
                    .unwrap_or_default();
                rows.push(row(
                    "field-next-step",
                    format!("{}{due}", step.text.get(language)),
                ));
            }
            let history: Vec<String> = case
                .status_history
                .iter()
                .map(|status| {
                    format!(
                        "{}: {}",
                        page.date(status.at.get().with_timezone(&Copenhagen).date_naive()),
                        status.status.get(language)
                    )
                })
                .collect();
            rows.push(row("field-history", history.join("\n")));
            if let Some(decision) = &case.decision {
                rows.push(row(
                    "field-decision",
                    format!("{} ({})", decision.text, page.date(decision.date.get())),
                ));
            }
            rows
        }
        RecordDetails::Benefit(benefit) => vec![
            row("field-granted", page.date(benefit.granted_from.get())),
            row("field-gross", money(benefit.per_period.gross.ore())),
            row("field-tax", money(benefit.per_period.tax.ore())),
            row("field-net", money(benefit.per_period.net.ore())),
        ],
        RecordDetails::Payment(payment) => vec![
            row("field-date", page.date(payment.date.get())),
            row("field-gross", money(payment.amounts.gross.ore())),
            row("field-tax", money(payment.amounts.tax.ore())),
            row("field-net", money(payment.amounts.net.ore())),
        ],
        RecordDetails::Debt(debt) => vec![
            row("field-creditor", debt.creditor.to_string()),
            row("field-outstanding", money(debt.outstanding.ore())),
            row("field-due", page.date(debt.due.get())),
        ],
        RecordDetails::Appointment(appointment) => {
            let mut rows = vec![
                row("field-start", page.moment(appointment.start.get())),
                row("field-end", page.moment(appointment.end.get())),
            ];
            rows.extend(
                appointment
                    .place
                    .as_ref()
                    .map(|place| row("field-place", place.to_string())),
            );
            rows.extend(
                appointment
                    .video_link
                    .as_ref()
                    .map(|link| row("field-video", link.as_str().to_owned())),
            );
            rows.extend(
                appointment
                    .with_whom
                    .as_ref()
                    .map(|who| row("field-with", who.to_string())),
            );
            rows.extend(
                appointment
                    .bring
                    .as_ref()
                    .map(|bring| row("field-bring", bring.to_string())),
            );
            rows
        }
        RecordDetails::Deadline(deadline) => vec![
            row("field-due", page.date(deadline.due.get())),
            row("field-action", deadline.action.to_string()),
        ],
        RecordDetails::Document(document) => vec![
            row("field-date", page.date(document.date.get())),
            row("field-sender", document.sender.to_string()),
        ],
        RecordDetails::RegisterFact(fact) => fact
            .attributes
            .iter()
            .map(|attribute| {
                (
                    attribute.name.get(language).to_owned(),
                    attribute.value.to_string(),
                )
            })
            .collect(),
        RecordDetails::AccessEvent(event) => {
            let mut rows = vec![
                row("field-organisation", event.organisation.to_string()),
                row("field-date", page.moment(event.at.get())),
                row("field-what", event.what.to_string()),
                row("field-purpose", event.purpose.to_string()),
            ];
            rows.extend(
                event
                    .legal_basis
                    .as_ref()
                    .map(|basis| row("field-legal-basis", basis.to_string())),
            );
            rows
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    text: String,
    back: String,
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/overblik.css"),
    )
}
