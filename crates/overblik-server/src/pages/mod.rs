//! The citizen's pages: server-rendered HTML that works without JavaScript, Danish and English.
//!
//! This module holds what every page shares (language, the page frame, sign-in); each page
//! lives in its own module.

mod area;
mod arrange;
mod calendar;
mod certificates;
pub(crate) mod chart;
mod consent;
mod covered;
mod download;
mod freshness;
mod life_events;
pub(crate) mod log;
pub(crate) mod mandates;
mod notifications;
mod overview;
mod proactive;
pub(crate) mod record;
mod registers;
mod reports;
mod shared;
mod sign_ins;
mod verify;

use crate::acting::{ActingChoice, Viewer, ViewerRejection};
use crate::i18n::{self, LANGUAGE_COOKIE, counted, text, text_with};
use crate::problem::Problem;
use crate::routes::{Access, Routes};
use crate::state::AppState;
use askama::Template;
use axum::extract::{FromRequestParts, OriginalUri, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use chrono::{DateTime, NaiveDate, Utc};
use overblik_model::{Area, Kind, Language};
use overblik_store::{RecordFilter, StoreError, StoredRecord};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Routes {
    use Access::{Citizen, CitizenReads, Public, Secret, SecretReads, VerifierReads};
    Routes::new()
        .get("/", CitizenReads, overview::overview)
        .get("/overview/arrange", Citizen, arrange::page)
        .post("/overview/areas", Citizen, arrange::move_area)
        .post("/overview/pins", Citizen, arrange::pin_record)
        .post("/overview/hidden", Citizen, arrange::hide_advice)
        .get("/life-events", CitizenReads, life_events::list)
        .get("/life-events/{id}", CitizenReads, life_events::one)
        .post("/life-events/{id}/choose", Citizen, arrange::choose_event)
        .get("/areas/{area}", CitizenReads, area::area)
        .get("/records/{id}", CitizenReads, record::record)
        .get(
            "/records/{id}/calendar.ics",
            CitizenReads,
            calendar::calendar_file,
        )
        .get("/records/{id}/report", CitizenReads, reports::form)
        .post_large(
            "/records/{id}/report",
            Citizen,
            reports::BODY_LIMIT,
            reports::send,
        )
        .get("/reports", CitizenReads, reports::list)
        .get("/reports/{id}", CitizenReads, reports::detail)
        .post("/reports/{id}/withdraw", Citizen, reports::withdraw)
        .get(
            "/reports/{id}/attachments/{attachment}",
            CitizenReads,
            reports::attachment,
        )
        .get("/sign-ins", CitizenReads, sign_ins::page)
        .post("/sign-ins/end-others", Citizen, sign_ins::end_others)
        .get("/registers", CitizenReads, registers::registers)
        .get("/covered", CitizenReads, covered::covered)
        .get("/shared", CitizenReads, shared::shared)
        .post("/shared/{id}/revoke", Citizen, shared::revoke)
        .get("/oauth/authorize", CitizenReads, consent::page)
        .post("/oauth/authorize", Citizen, consent::decide)
        .get("/download", Citizen, download::page)
        .get("/download/data.zip", CitizenReads, download::package)
        .get("/download/document.pdf", CitizenReads, download::document)
        .get("/log", CitizenReads, log::log)
        .get("/search", CitizenReads, area::search)
        .get("/mandates", CitizenReads, mandates::mandates)
        .post("/mandates", Citizen, mandates::grant)
        .get("/mandates/new", Citizen, mandates::grant_form)
        .post("/mandates/{id}/accept", Citizen, mandates::accept)
        .post("/mandates/{id}/revoke", Citizen, mandates::revoke)
        .post("/acting", Citizen, mandates::act)
        .post("/acting/stop", Citizen, mandates::stop_acting)
        .get("/notifications", CitizenReads, notifications::notifications)
        .post("/notifications/read", Citizen, notifications::mark_read)
        .get(
            "/notifications/settings",
            CitizenReads,
            notifications::settings,
        )
        .post(
            "/notifications/settings",
            Citizen,
            notifications::save_settings,
        )
        .get(
            "/notifications/email/confirm",
            Secret,
            notifications::confirm_email_form,
        )
        .post(
            "/notifications/email/confirm",
            Secret,
            notifications::confirm_email,
        )
        .post(
            "/notifications/calendar",
            Citizen,
            notifications::make_calendar_feed,
        )
        .post(
            "/notifications/calendar/revoke",
            Citizen,
            notifications::revoke_calendar_feed,
        )
        .get("/calendar/{file}", SecretReads, calendar::feed)
        .get("/certificates", CitizenReads, certificates::list)
        .post("/certificates", Citizen, certificates::issue)
        .post("/certificates/draft", CitizenReads, certificates::draft)
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
        .get("/verify", Public, verify::form)
        .post_large("/verify", VerifierReads, verify::BODY_LIMIT, verify::check)
        .get("/static/overblik.css", Public, stylesheet)
        .get("/static/favicon.svg", Public, favicon)
}

/// `?lang=` on any page; an unknown code is ignored rather than refused.
#[derive(Debug, Deserialize)]
pub struct LanguageQuery {
    lang: Option<String>,
}

impl LanguageQuery {
    fn asked(&self) -> Option<Language> {
        self.lang.as_deref().and_then(i18n::parse)
    }
}

/// What every page shows around its content.
#[derive(Debug)]
pub struct Chrome {
    lang: &'static str,
    title: String,
    app: String,
    skip: String,
    /// The page in each other language of the deployment: its address, code and name.
    languages: Vec<(String, &'static str, &'static str)>,
    log_out: String,
    /// The name of the full list of sections, which phones show at the foot of the page.
    menu: String,
    /// The site's sections, as link and name, for a signed-in citizen.
    nav: Vec<(&'static str, String)>,
    /// The section the page belongs to, for `aria-current`.
    current: &'static str,
    signed_in: bool,
    /// The link to checking a certificate, at the foot of pages for those not signed in.
    verify_link: String,
    /// Shown on every page while the citizen acts for someone else.
    acting: Option<ActingBanner>,
}

/// "You are viewing Anna's overview on her behalf, until 31 Dec", with a way to switch
/// and a way to stop.
#[derive(Debug, Clone)]
pub struct ActingBanner {
    label: String,
    text: String,
    switch: String,
    stop: String,
}

/// The request's language and what the page frame needs. An extractor: a handler takes it
/// as it takes the viewer, and `viewing(&viewer)` adds whom the page is about.
#[derive(Debug)]
pub struct PageContext {
    language: Language,
    jar: CookieJar,
    /// The page's own address in each other language of the deployment.
    switch_hrefs: Vec<(Language, String)>,
    /// Whom the citizen acts for on this page, if anyone, and what the reader may open.
    acting: Option<ActingBanner>,
    sees_registers: bool,
    sees_log: bool,
}

impl PageContext {
    fn new(asked: Option<Language>, jar: CookieJar, headers: &HeaderMap, uri: &Uri) -> Self {
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
        let switch_hrefs = overblik_model::Country::current()
            .languages
            .iter()
            .filter(|other| **other != language)
            .map(|other| (*other, with_language(uri, *other)))
            .collect();
        Self {
            language,
            jar,
            switch_hrefs,
            acting: None,
            sees_registers: true,
            sees_log: true,
        }
    }

    /// Words and dates in `language` for what is not a page (a downloaded document).
    pub(crate) fn in_language(language: Language) -> Self {
        Self {
            language,
            jar: CookieJar::new(),
            switch_hrefs: Vec::new(),
            acting: None,
            sees_registers: true,
            sees_log: true,
        }
    }

    /// The page as `viewer` sees it: the banner while acting for someone, and only the
    /// sections their reach allows.
    fn viewing(mut self, viewer: &Viewer) -> Self {
        let reach = viewer.reach();
        self.sees_registers = Area::ALL
            .iter()
            .any(|area| reach.allows(*area, Kind::RegisterFact));
        self.sees_log = viewer.sees_log();
        self.acting = viewer.acting.as_ref().map(|acting| {
            let representation = &acting.representation;
            let name = representation
                .subject_name
                .clone()
                .unwrap_or_else(|| self.t("acting-someone"));
            ActingBanner {
                label: self.t("acting-label"),
                text: text_with(
                    self.language,
                    "acting-banner",
                    &[
                        ("name", name.into()),
                        ("until", self.date(representation.last_day).into()),
                    ],
                ),
                switch: self.t("acting-switch"),
                stop: self.t("acting-stop"),
            }
        });
        self
    }

    pub(crate) fn language(&self) -> Language {
        self.language
    }

    pub(crate) fn t(&self, id: &str) -> String {
        text(self.language, id)
    }

    fn chrome(&self, title: String, section: Section) -> Chrome {
        let signed_in = section != Section::SignedOut;
        let nav = if signed_in {
            [
                ("/", "nav-overview", true),
                ("/registers", "nav-registers", self.sees_registers),
                ("/covered", "nav-covered", true),
                ("/log", "nav-log", self.sees_log),
                ("/reports", "nav-reports", true),
                ("/search", "nav-search", true),
                ("/mandates", "nav-mandates", true),
                ("/shared", "nav-shared", self.sees_log),
                ("/certificates", "nav-certificates", self.sees_log),
                ("/notifications", "nav-notifications", self.acting.is_none()),
                ("/sign-ins", "nav-sign-ins", self.acting.is_none()),
                ("/download", "nav-download", true),
            ]
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(href, id, _)| (href, self.t(id)))
            .collect()
        } else {
            Vec::new()
        };
        Chrome {
            lang: i18n::code(self.language),
            title,
            app: self.t("app-name"),
            skip: self.t("skip-to-content"),
            languages: self
                .switch_hrefs
                .iter()
                .map(|(language, href)| (href.clone(), language.code(), language.autonym()))
                .collect(),
            log_out: self.t("log-out"),
            menu: self.t("nav-menu"),
            nav,
            current: section.href(),
            signed_in,
            verify_link: self.t("verify-footer-link"),
            acting: self.acting.clone(),
        }
    }

    pub(crate) fn date(&self, date: NaiveDate) -> String {
        self.language.date(date)
    }

    /// A day counted from `today` as the reader says it, then the date: "in 3 days,
    /// 8 Dec 2026", "tomorrow, 6 Dec 2026", "2 days ago, 3 Dec 2026".
    pub(crate) fn day_from(&self, date: NaiveDate, today: NaiveDate) -> String {
        let relative = match (date - today).num_days() {
            0 => self.t("relative-today"),
            1 => self.t("relative-tomorrow"),
            -1 => self.t("relative-yesterday"),
            days => {
                let (id, count) = if days > 1 {
                    ("relative-in-days", days)
                } else {
                    ("relative-days-ago", -days)
                };
                let count = usize::try_from(count).unwrap_or(usize::MAX);
                counted(self.language, id, "days", count)
            }
        };
        format!("{relative}, {}", self.date(date))
    }

    pub(crate) fn moment(&self, at: DateTime<Utc>) -> String {
        let local = overblik_model::Country::current().local(at);
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

    /// The page when the access log cannot record a read: the data is not shown.
    fn unavailable(self, error: &overblik_ledger::LedgerError) -> Response {
        tracing::error!(%error, "a page was not served: its read could not be logged");
        let page = MessagePage {
            chrome: self.chrome(self.t("page-error-title"), Section::None),
            text: self.t("page-error-text"),
            back: self.t("back-to-overview"),
            back_href: "/",
        };
        self.render(StatusCode::SERVICE_UNAVAILABLE, &page)
    }

    /// The page for a use case that did not go through: [`overblik_core::Error`] mapped once
    /// to the page that says so.
    fn failed(self, error: overblik_core::Error) -> Response {
        use overblik_core::{Conflict, Error, Limit, Refusal};
        match error {
            Error::NotFound => self.not_found(),
            Error::Forbidden(Refusal::ActingForAnother) => self.forbidden("mandates-acting-note"),
            Error::Forbidden(Refusal::ReadOnly) => self.forbidden("report-read-only"),
            Error::Forbidden(Refusal::OwnSettingsOnly) => self.forbidden("notifications-acting"),
            Error::Forbidden(Refusal::CertificatesOwnOnly) => self.forbidden("certificates-acting"),
            Error::Conflict(Conflict::MandateSettled) => self.forbidden("mandate-settled"),
            Error::Limited(limit) => {
                let (status, title, text) = match limit {
                    Limit::OpenPerRecord(_) => (
                        StatusCode::CONFLICT,
                        "report-limit-title",
                        "report-limit-open-per-record",
                    ),
                    Limit::Open(_) => (
                        StatusCode::CONFLICT,
                        "report-limit-title",
                        "report-limit-open",
                    ),
                    Limit::PerDay { .. } => (
                        StatusCode::TOO_MANY_REQUESTS,
                        "report-limit-title",
                        "report-limit-per-day",
                    ),
                    Limit::BytesPerDay { .. } => (
                        StatusCode::TOO_MANY_REQUESTS,
                        "report-limit-title",
                        "report-limit-bytes-per-day",
                    ),
                    Limit::ConfirmationEmails { .. } => (
                        StatusCode::TOO_MANY_REQUESTS,
                        "too-many-requests-title",
                        "too-many-requests-text",
                    ),
                };
                let retry_after = limit.wait().map(crate::problem::retry_after_seconds);
                self.refused(status, title, text, retry_after)
            }
            Error::LogUnavailable(error) => self.unavailable(&error),
            other => Problem::from(other).into_response(),
        }
    }

    /// The page for something the reader may not see; `reason` is the message id of why.
    fn forbidden(self, reason: &str) -> Response {
        let page = MessagePage {
            chrome: self.chrome(self.t("forbidden-title"), Section::None),
            text: self.t(reason),
            back: self.t("back-to-overview"),
            back_href: "/",
        };
        self.render(StatusCode::FORBIDDEN, &page)
    }

    /// The page for a request refused by a limit: `text` says which and what to do, and
    /// `retry_after` (seconds) goes in the header of that name where time frees the limit.
    fn refused(
        self,
        status: StatusCode,
        title: &str,
        text: &str,
        retry_after: Option<u64>,
    ) -> Response {
        let page = MessagePage {
            chrome: self.chrome(self.t(title), Section::None),
            text: self.t(text),
            back: self.t("back-to-overview"),
            back_href: "/",
        };
        let mut response = self.render(status, &page);
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }

    /// The page for a record or area that is not there (or not the citizen's).
    fn not_found(self) -> Response {
        let page = MessagePage {
            chrome: self.chrome(self.t("not-found-title"), Section::None),
            text: self.t("not-found-text"),
            back: self.t("back-to-overview"),
            back_href: "/",
        };
        self.render(StatusCode::NOT_FOUND, &page)
    }
}

/// Which part of the site a page belongs to, for the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Overview,
    Registers,
    Covered,
    Log,
    Search,
    Mandates,
    Notifications,
    Reports,
    Download,
    Shared,
    Certificates,
    SignIns,
    /// A signed-in page outside the sections.
    None,
    /// A page for someone not signed in: no navigation, no sign-out.
    SignedOut,
}

impl Section {
    fn href(self) -> &'static str {
        match self {
            Self::Overview => "/",
            Self::Registers => "/registers",
            Self::Covered => "/covered",
            Self::Log => "/log",
            Self::Search => "/search",
            Self::Mandates => "/mandates",
            Self::Notifications => "/notifications",
            Self::Reports => "/reports",
            Self::Download => "/download",
            Self::Shared => "/shared",
            Self::Certificates => "/certificates",
            Self::SignIns => "/sign-ins",
            Self::None | Self::SignedOut => "",
        }
    }
}

/// `uri` with `lang` set to `language` and its other query parameters kept.
fn with_language(uri: &Uri, language: Language) -> String {
    let kept = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .filter(|(name, _)| name != "lang");
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .append_pair("lang", i18n::code(language))
        .finish();
    format!("{}?{query}", site_path(uri))
}

/// `uri`'s path as a link on this site: a backslash read as the slash browsers take it for,
/// and each run of slashes as one, so that the link can never name another host (`//host`,
/// `/\host`).
pub fn site_path(uri: &Uri) -> String {
    let mut path = String::with_capacity(uri.path().len() + 1);
    for character in uri.path().chars() {
        let character = if character == '\\' { '/' } else { character };
        if character == '/' && path.ends_with('/') {
            continue;
        }
        if path.is_empty() && character != '/' {
            path.push('/');
        }
        path.push(character);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}

/// A signed-in citizen on a page, and whose data they see: without a session the page sends
/// them to sign in, and where they can no longer act for the person they chose, it says so
/// and they are themselves again.
pub(crate) struct Viewing(pub(crate) Viewer);

/// The frame of a page from its request: the language (the `lang` a link asks for on a GET,
/// else the cookie's, else the browser's), the cookies, and the page's own address (for the
/// link to the other language).
impl<S: Send + Sync> FromRequestParts<S> for PageContext {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // A form sent with POST keeps the language it was shown in; only links ask for one.
        let link =
            parts.method == axum::http::Method::GET || parts.method == axum::http::Method::HEAD;
        let asked = if link {
            let query = Query::<LanguageQuery>::try_from_uri(&parts.uri).ok();
            query.and_then(|query| query.asked())
        } else {
            None
        };
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.clone(), |original| original.0.clone());
        let jar = CookieJar::from_headers(&parts.headers);
        Ok(Self::new(asked, jar, &parts.headers, &uri))
    }
}

impl FromRequestParts<AppState> for Viewing {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match Viewer::from_request_parts(parts, state).await {
            Ok(viewer) => Ok(Self(viewer)),
            Err(ViewerRejection::SignedOut(_)) => {
                Err(Redirect::to(&sign_in_then(parts)).into_response())
            }
            Err(ViewerRejection::Failed(problem)) => Err(problem.into_response()),
            Err(ViewerRejection::AccessEnded(_)) => {
                let asked = Query::<LanguageQuery>::try_from_uri(&parts.uri)
                    .ok()
                    .and_then(|query| query.asked());
                let jar = CookieJar::from_headers(&parts.headers).remove(ActingChoice::removal());
                let page = PageContext::new(asked, jar, &parts.headers, &parts.uri);
                let message = MessagePage {
                    chrome: page.chrome(page.t("acting-ended-title"), Section::None),
                    text: page.t("acting-ended-text"),
                    back: page.t("acting-ended-back"),
                    back_href: "/mandates",
                };
                Err(page.render(StatusCode::FORBIDDEN, &message))
            }
        }
    }
}

/// The pages a sign-in comes back to: where another site sent the citizen (a service asking
/// for their consent). Any other page starts from the overview, and its address (a search's
/// words, say) stays out of the sign-in.
const SIGN_IN_RETURNS_TO: [&str; 1] = ["/oauth/authorize"];

/// The sign-in for a signed-out request: one that comes back to the page when it is one of
/// [`SIGN_IN_RETURNS_TO`], asked for with GET.
fn sign_in_then(parts: &Parts) -> String {
    let mut then = site_path(&parts.uri);
    if parts.method != axum::http::Method::GET || !SIGN_IN_RETURNS_TO.contains(&then.as_str()) {
        return "/login".to_owned();
    }
    if let Some(query) = parts.uri.query() {
        then.push('?');
        then.push_str(query);
    }
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("then", &then)
        .finish();
    format!("/login?{query}")
}

fn store_failure(error: StoreError) -> Response {
    Problem::from(error).into_response()
}

pub(crate) fn area_name(language: Language, area: Area) -> String {
    text(language, &format!("area-{}", area.slug()))
}

pub(crate) fn kind_name(language: Language, kind: Kind) -> String {
    text(language, &format!("kind-{}", kind.as_str()))
}

/// A provider's text as a page shows it: with its language tag when that is not the page's,
/// for the element that holds it to say so (`lang`).
pub(crate) struct ProviderText {
    pub(crate) text: String,
    pub(crate) lang: Option<String>,
}

impl From<(&str, Option<&str>)> for ProviderText {
    fn from((text, lang): (&str, Option<&str>)) -> Self {
        Self {
            text: text.to_owned(),
            lang: lang.map(str::to_owned),
        }
    }
}

/// A record in a list of records.
struct RecordLink {
    href: String,
    kind: String,
    title: ProviderText,
    authority: String,
    updated: String,
    status: Option<ProviderText>,
    /// What a payment pays, what a debt still owes, what a benefit pays each period.
    amount: Option<String>,
    /// A benefit's payments in the same list, folded under it.
    payments: Option<PaymentsFold>,
}

/// "8 payments, the latest DKK 9,000.00 on 1 Dec 2026", and each of them.
struct PaymentsFold {
    summary: String,
    items: Vec<PaymentLine>,
}

struct PaymentLine {
    href: String,
    date: String,
    amount: String,
}

/// The records of the viewed citizen that `filter` selects and the reader may see, and the names of the authorities, by id,
/// for lists that say who holds each record.
async fn records_and_authorities(
    state: &AppState,
    viewer: &Viewer,
    filter: &RecordFilter,
) -> Result<(Vec<StoredRecord>, HashMap<String, String>), StoreError> {
    let records = viewer.records(state, filter).await?;
    let names = state
        .core
        .providers()
        .await?
        .iter()
        .map(|provider| (provider.id.to_string(), provider.name.clone()))
        .collect();
    Ok((records, names))
}

/// The name of the authority that holds `stored`, or its id if it has none on file.
fn authority_name(authority_names: &HashMap<String, String>, stored: &StoredRecord) -> String {
    authority_names
        .get(stored.provider.as_str())
        .cloned()
        .unwrap_or_else(|| stored.provider.to_string())
}

/// Records as links in a list, each with its kind, authority, last change and amount; a
/// benefit's payments in the same list are folded under the benefit.
fn record_links<'r>(
    page: &PageContext,
    records: impl Iterator<Item = &'r StoredRecord>,
    authority_names: &HashMap<String, String>,
) -> Vec<RecordLink> {
    use overblik_model::RecordDetails;
    let language = page.language;
    let records: Vec<&StoredRecord> = records.collect();
    // A benefit is known to its payments by its authority and the authority's own id.
    let benefit_of = |stored: &StoredRecord| match &stored.record.details {
        RecordDetails::Payment(payment) => payment.benefit_id.as_ref().map(|benefit| {
            (
                stored.provider.as_str().to_owned(),
                benefit.as_str().to_owned(),
            )
        }),
        _ => None,
    };
    let benefits: std::collections::HashSet<(String, String)> = records
        .iter()
        .filter(|stored| stored.record.kind() == Kind::Benefit)
        .map(|stored| {
            (
                stored.provider.as_str().to_owned(),
                stored.record.id.as_str().to_owned(),
            )
        })
        .collect();
    let mut folded: HashMap<(String, String), Vec<&StoredRecord>> = HashMap::new();
    for stored in &records {
        if let Some(benefit) = benefit_of(stored).filter(|benefit| benefits.contains(benefit)) {
            folded.entry(benefit).or_default().push(stored);
        }
    }
    let amount = |stored: &StoredRecord| match &stored.record.details {
        RecordDetails::Payment(payment) => Some(payment.amounts.net.written(language)),
        RecordDetails::Debt(debt) => Some(debt.outstanding.written(language)),
        RecordDetails::Benefit(benefit) => match &benefit.provision {
            overblik_model::record::Provision::Money(money) => {
                Some(money.per_period.net.written(language))
            }
            overblik_model::record::Provision::InKind { .. } => None,
        },
        _ => None,
    };
    let payment_day = |stored: &StoredRecord| match &stored.record.details {
        RecordDetails::Payment(payment) => payment.date.get(),
        _ => overblik_model::Country::current().today(stored.record.updated_at.get()),
    };
    records
        .iter()
        .filter(|stored| benefit_of(stored).is_none_or(|benefit| !benefits.contains(&benefit)))
        .map(|stored| {
            let key = (
                stored.provider.as_str().to_owned(),
                stored.record.id.as_str().to_owned(),
            );
            let payments = (stored.record.kind() == Kind::Benefit)
                .then(|| folded.get(&key))
                .flatten()
                .map(|payments| {
                    let mut payments = payments.clone();
                    payments.sort_by_key(|payment| std::cmp::Reverse(payment_day(payment)));
                    let latest = payments[0];
                    PaymentsFold {
                        summary: text_with(
                            language,
                            "payments-folded",
                            &[
                                ("count", payments.len().into()),
                                ("amount", amount(latest).unwrap_or_default().into()),
                                ("date", page.date(payment_day(latest)).into()),
                            ],
                        ),
                        items: payments
                            .iter()
                            .map(|payment| PaymentLine {
                                href: format!("/records/{}", payment.id),
                                date: page.date(payment_day(payment)),
                                amount: amount(payment).unwrap_or_default(),
                            })
                            .collect(),
                    }
                });
            RecordLink {
                href: format!("/records/{}", stored.id),
                kind: kind_name(language, stored.record.kind()),
                title: stored.record.title_shown(language).into(),
                authority: authority_name(authority_names, stored),
                updated: page
                    .date(overblik_model::Country::current().today(stored.record.updated_at.get())),
                status: stored
                    .record
                    .status
                    .as_ref()
                    .map(|status| status.shown(language).into()),
                amount: amount(stored),
                payments,
            }
        })
        .collect()
}

/// Any address that is not a page: the not-found page, in the visitor's language.
pub async fn unknown_page(page: PageContext) -> Response {
    let message = MessagePage {
        chrome: page.chrome(page.t("not-found-title"), Section::SignedOut),
        text: page.t("not-found-text"),
        back: page.t("back-to-overview"),
        back_href: "/",
    };
    page.render(StatusCode::NOT_FOUND, &message)
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    text: String,
    back: String,
    back_href: &'static str,
}

/// The page for a sign-in that could not be completed: why, in the citizen's language (the
/// message `reason`), and a way to try again.
pub fn sign_in_failed(reason: &str, jar: CookieJar, headers: &HeaderMap, uri: &Uri) -> Response {
    let page = PageContext::new(None, jar, headers, uri);
    let message = MessagePage {
        chrome: page.chrome(page.t("sign-in-failed-title"), Section::SignedOut),
        text: page.t(reason),
        back: page.t("sign-in-again"),
        back_href: "/login",
    };
    page.render(StatusCode::BAD_REQUEST, &message)
}

/// The page for a request over a rate limit: wait a moment and try again.
pub fn too_many_requests(jar: CookieJar, headers: &HeaderMap, uri: &Uri) -> Response {
    let page = PageContext::new(None, jar, headers, uri);
    let message = MessagePage {
        chrome: page.chrome(page.t("too-many-requests-title"), Section::SignedOut),
        text: page.t("too-many-requests-text"),
        back: page.t("back-to-overview"),
        back_href: "/",
    };
    page.render(StatusCode::TOO_MANY_REQUESTS, &message)
}

/// The site's icon, so that browsers asking for one find it.
async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../../static/favicon.svg"),
    )
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/overblik.css"),
    )
}
