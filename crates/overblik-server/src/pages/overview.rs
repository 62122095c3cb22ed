//! The front page: what needs the citizen's attention, then their life areas.

use super::freshness::{Doubtful, doubtful};
use super::proactive::{AdviceView, EventLink};
use super::{Chrome, PageContext, ProviderText, Section, Viewing, area_name};
use crate::access_log::summary_read;
use crate::i18n::{counted, text_with};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use overblik_model::{Area, OverviewChoices, ProviderId};
use overblik_overview::proactive::Rules;
use overblik_overview::{AttentionEntry, AttentionKind, Dated, Glance, Moment, Overview, grouped};
use overblik_store::{StoreError, StoredRecord, SubjectOverview};
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    chrome: Chrome,
    /// "Bo Hansen used your power of attorney for the first time on ...".
    first_uses: Vec<String>,
    glance_heading: String,
    glance: Vec<GlanceRow>,
    /// Authorities whose information may be out of date or is missing.
    doubtful: Option<Doubtful>,
    /// Whether the reader may arrange the overview (the citizen, not someone acting for them).
    may_arrange: bool,
    pinned_heading: String,
    unpin: String,
    pinned: Vec<PinnedView>,
    attention_heading: String,
    attention_none: String,
    items: Vec<AttentionView>,
    changed: Option<String>,
    advice_heading: String,
    advice_why: String,
    advice_hide: String,
    advice: Vec<AdviceView>,
    events_heading: String,
    events_none: String,
    events_all: String,
    events: Vec<EventLink>,
    areas_heading: String,
    /// "Arrange the overview", for the citizen.
    arrange: String,
    area_pinned: String,
    areas: Vec<AreaLink>,
    hidden_heading: String,
    hidden: Vec<AreaLink>,
}

struct AttentionView {
    kind: String,
    urgency: &'static str,
    href: String,
    title: ProviderText,
    date: Option<String>,
    amount: Option<String>,
}

/// One fact at the top of the overview: "Next payment: DKK 9,000.00, in 27 days, 1 Jan 2027".
struct GlanceRow {
    term: String,
    value: String,
    href: Option<String>,
}

/// A record the citizen pinned to the top of their overview.
struct PinnedView {
    id: String,
    href: String,
    kind: String,
    title: ProviderText,
}

struct AreaLink {
    slug: &'static str,
    href: String,
    name: String,
    count: String,
    /// What the area holds, by kind: "2 cases, 1 benefit".
    contents: String,
    pinned: bool,
}

pub async fn overview(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let moment = Moment::now(viewer.last_visit(), page.language);
    // The summary, the standing records (what the life events and recommendations read
    // besides what may need attention) and the citizen's choices, in one read.
    let read = async {
        let read = viewer.overview(&state, moment.now, moment.last_visit).await;
        read.map_err(overblik_core::Error::from)
    };
    // Powers of attorney the citizen gave and that were used for the first time since
    // their last visit: the citizen is told on their overview.
    let first_uses = state
        .core
        .mandates_first_used_since(&viewer, viewer.last_visit());
    let providers = async {
        let providers = state.core.providers().await;
        providers.map_err(overblik_core::Error::from)
    };
    let (read, first_uses, providers) = match tokio::try_join!(read, first_uses, providers) {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    let SubjectOverview {
        summary,
        standing,
        choices,
    } = read;
    let pinned = match pinned_records(&state, &viewer, &choices).await {
        Ok(pinned) => pinned,
        Err(error) => return page.failed(error),
    };
    let overview = overblik_overview::overview(&summary, &providers, moment);
    let glance = overblik_overview::glance(&overview.attention, &standing, moment.today);
    let entries = grouped(&overview.attention.items, &summary.may_need_attention);
    // An authority's bills shown together are named by the authority.
    let authorities: HashMap<&ProviderId, &str> = providers
        .iter()
        .map(|provider| (&provider.id, provider.name.as_str()))
        .collect();
    let shown = summary.tallies.iter().map(|tally| (tally.area, tally.kind));
    let logged = viewer.log_read(&state, summary_read(shown));
    // The page is worked out while its log entry is being written, and served only once the
    // entry is durable.
    let (logged, template) = tokio::join!(logged, async {
        let mut records = standing;
        records.extend(summary.may_need_attention.iter().cloned());
        let found = Found {
            rules: &state.settings.overview_rules,
            glance: &glance,
            records: &records,
            choices: &choices,
            pinned: &pinned,
        };
        let attention = Attention {
            entries: &entries,
            authorities: &authorities,
            changed: overview.attention.changed_since_last_visit.len(),
        };
        let mut template = overview_page(&page, &overview, &attention, moment, &found);
        template.may_arrange = viewer.acting.is_none();
        template.first_uses = first_uses
            .iter()
            .filter_map(|mandate| {
                let used = mandate.first_used_at?;
                Some(text_with(
                    page.language,
                    "mandate-used-notice",
                    &[
                        ("name", mandate.holder_name.clone().into()),
                        ("when", page.moment(used).into()),
                    ],
                ))
            })
            .collect();
        template
    });
    match logged {
        Ok(logged) => page.render(StatusCode::OK, logged.disclose(template).value()),
        Err(error) => page.failed(error),
    }
}

/// The records the citizen pinned, as far as the reader may see them; one gone since is
/// left out.
async fn pinned_records(
    state: &AppState,
    viewer: &crate::acting::Viewer,
    choices: &OverviewChoices,
) -> Result<Vec<StoredRecord>, overblik_core::Error> {
    let mut pinned = Vec::with_capacity(choices.pinned_records.len());
    for id in &choices.pinned_records {
        match viewer.record(state, id).await {
            Ok(stored) => pinned.push(stored),
            Err(StoreError::NotFound) => {}
            Err(error) => return Err(error.into()),
        }
    }
    Ok(pinned)
}

/// What needs attention, as the page lists it.
struct Attention<'a> {
    entries: &'a [AttentionEntry<'a>],
    authorities: &'a HashMap<&'a ProviderId, &'a str>,
    /// How many records changed since the last visit.
    changed: usize,
}

/// What the overview shows besides the summary: what the rules find in the records read,
/// arranged by the citizen's choices.
struct Found<'a> {
    rules: &'a Rules,
    glance: &'a Glance,
    /// The citizen's register facts, benefits and cases, and what may need attention.
    records: &'a [StoredRecord],
    choices: &'a OverviewChoices,
    pinned: &'a [StoredRecord],
}

fn overview_page(
    page: &PageContext,
    overview: &Overview,
    attention: &Attention<'_>,
    moment: Moment,
    found: &Found<'_>,
) -> OverviewPage {
    let language = page.language;
    let today = moment.today;
    let glance = glance_rows(page, found.glance, today);
    let advice = found
        .rules
        .recommendations_for(found.records, found.choices, today, language)
        .iter()
        .map(|shown| page.advice(shown, today))
        .collect();
    let events = found
        .rules
        .events_of(found.records, found.choices, today, language)
        .iter()
        .map(|shown| page.event_link(shown, today))
        .collect();
    let pinned = found
        .pinned
        .iter()
        .map(|stored| PinnedView {
            id: stored.id.to_string(),
            href: format!("/records/{}", stored.id),
            kind: super::kind_name(language, stored.record.kind()),
            title: stored.record.title_shown(language).into(),
        })
        .collect();
    let by_area: std::collections::HashMap<_, _> = overview
        .areas
        .iter()
        .map(|summary| (summary.area, summary))
        .collect();
    let area_link = |area: Area| {
        let summary = by_area[&area];
        AreaLink {
            slug: area.slug(),
            href: format!("/areas/{}", area.slug()),
            name: area_name(language, area),
            count: counted(language, "area-records", "count", summary.records),
            contents: summary
                .kinds
                .iter()
                .map(|kinds| {
                    let id = format!("count-{}", kinds.kind.as_str());
                    counted(language, &id, "count", kinds.count)
                })
                .collect::<Vec<_>>()
                .join(", "),
            pinned: found.choices.pinned_areas.contains(&area),
        }
    };
    let areas: Vec<AreaLink> = found
        .choices
        .arranged()
        .into_iter()
        .map(area_link)
        .collect();
    let hidden: Vec<AreaLink> = found
        .choices
        .hidden_areas
        .iter()
        .map(|area| area_link(*area))
        .collect();
    let items = attention
        .entries
        .iter()
        .map(|entry| match entry {
            AttentionEntry::One(item) => AttentionView {
                kind: page.t(&format!("attention-kind-{}", attention_slug(item.kind))),
                urgency: if item.kind.is_pressing() {
                    "urgent"
                } else {
                    ""
                },
                href: format!("/records/{}", item.record),
                title: ProviderText {
                    text: item.title.clone(),
                    lang: item.title_language.clone(),
                },
                date: item.date.map(|date| page.day_from(date, moment.today)),
                amount: item.amount.map(|amount| amount.written(language)),
            },
            AttentionEntry::Bills(bills) => AttentionView {
                kind: page.t(&format!("attention-kind-{}", attention_slug(bills.kind))),
                urgency: if bills.kind.is_pressing() {
                    "urgent"
                } else {
                    ""
                },
                href: format!("/areas/{}", bills.area.slug()),
                title: ProviderText {
                    text: text_with(
                        language,
                        "attention-bills",
                        &[
                            (
                                "authority",
                                attention
                                    .authorities
                                    .get(&bills.provider)
                                    .map_or_else(
                                        || bills.provider.to_string(),
                                        |name| (*name).to_owned(),
                                    )
                                    .into(),
                            ),
                            ("count", bills.count.into()),
                        ],
                    ),
                    lang: None,
                },
                date: bills.first_due.map(|date| {
                    text_with(
                        language,
                        "attention-bills-first",
                        &[("date", page.day_from(date, moment.today).into())],
                    )
                }),
                amount: (!bills.total.is_empty()).then(|| {
                    bills
                        .total
                        .iter()
                        .map(|amount| amount.written(language))
                        .collect::<Vec<_>>()
                        .join(" + ")
                }),
            },
        })
        .collect();
    let changed = attention.changed;
    OverviewPage {
        chrome: page.chrome(page.t("overview-title"), Section::Overview),
        first_uses: Vec::new(),
        glance_heading: page.t("glance-heading"),
        glance,
        doubtful: doubtful(page, &overview.authorities, None),
        may_arrange: false,
        pinned_heading: page.t("pinned-heading"),
        unpin: page.t("pin-remove"),
        pinned,
        attention_heading: page.t("attention-heading"),
        attention_none: page.t("attention-none"),
        items,
        changed: (changed > 0).then(|| counted(language, "changed-since-visit", "count", changed)),
        advice_heading: page.t("advice-heading"),
        advice_why: page.t("advice-why"),
        advice_hide: page.t("advice-hide"),
        advice,
        events_heading: page.t("life-events-heading"),
        events_none: page.t("life-events-none"),
        events_all: page.t("life-events-all"),
        events,
        areas_heading: page.t("areas-heading"),
        arrange: page.t("arrange-link"),
        area_pinned: page.t("area-pinned"),
        hidden_heading: counted(language, "areas-hidden", "count", hidden.len()),
        areas,
        hidden,
    }
}

fn glance_rows(page: &PageContext, glance: &Glance, today: NaiveDate) -> Vec<GlanceRow> {
    let language = page.language;
    let none = || page.t("glance-none");
    let dated = |dated: &Dated| {
        let day = page.day_from(dated.date, today);
        match dated.amount {
            Some(amount) => format!("{}, {day}", amount.written(language)),
            None => day,
        }
    };
    let href = |dated: &Dated| format!("/records/{}", dated.record);
    vec![
        GlanceRow {
            term: page.t("glance-next-payment"),
            value: glance.next_payment.as_ref().map_or_else(none, dated),
            href: glance.next_payment.as_ref().map(href),
        },
        GlanceRow {
            term: page.t("glance-owed"),
            value: if glance.total_owed.is_empty() {
                page.t("glance-nothing-owed")
            } else {
                glance
                    .total_owed
                    .iter()
                    .map(|amount| amount.written(language))
                    .collect::<Vec<_>>()
                    .join(" + ")
            },
            href: None,
        },
        GlanceRow {
            term: page.t("glance-next-appointment"),
            value: glance.next_appointment.as_ref().map_or_else(none, dated),
            href: glance.next_appointment.as_ref().map(href),
        },
        GlanceRow {
            term: page.t("glance-open-cases"),
            value: glance.open_cases.to_string(),
            href: None,
        },
    ]
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
