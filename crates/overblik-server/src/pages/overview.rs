//! The front page: what needs the citizen's attention, then their life areas.

use super::{Chrome, PageContext, ProviderText, Section, Viewing, area_name};
use crate::access_log::summary_read;
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use overblik_overview::{AttentionKind, Moment};
use overblik_store::SubjectSummary;

#[derive(Template)]
#[template(path = "overview.html")]
struct OverviewPage {
    chrome: Chrome,
    /// "Bo Hansen used your power of attorney for the first time on ...".
    first_uses: Vec<String>,
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
    title: ProviderText,
    date: Option<String>,
    amount: Option<String>,
}

struct AreaLink {
    href: String,
    name: String,
    count: String,
    /// What the area holds, by kind: "2 cases, 1 benefit".
    contents: String,
}

pub async fn overview(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let moment = Moment::now(viewer.last_visit(), page.language);
    // Powers of attorney the citizen gave and that were used for the first time since
    // their last visit: the citizen is told on their overview.
    let summary = async {
        let summary = viewer.summary(&state, moment.now, moment.last_visit).await;
        summary.map_err(overblik_core::Error::from)
    };
    let first_uses = state
        .core
        .mandates_first_used_since(&viewer, viewer.last_visit());
    let (summary, first_uses) = match tokio::try_join!(summary, first_uses) {
        Ok(found) => found,
        Err(error) => return page.failed(error),
    };
    let shown = summary.tallies.iter().map(|tally| (tally.area, tally.kind));
    let logged = viewer.log_read(&state, summary_read(shown));
    // The page is worked out while its log entry is being written, and served only once the
    // entry is durable.
    let (logged, template) = tokio::join!(logged, async {
        let mut template = overview_page(&page, &summary, moment);
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

fn overview_page(page: &PageContext, summary: &SubjectSummary, moment: Moment) -> OverviewPage {
    let overview = overblik_overview::overview(summary, moment);
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
            title: ProviderText {
                text: item.title.clone(),
                lang: item.title_language.clone(),
            },
            date: item.date.map(|date| page.day_from(date, moment.today)),
            amount: item.amount.map(|amount| amount.written(language)),
        })
        .collect();
    let owed: Vec<String> = overview
        .attention
        .total_owed
        .iter()
        .map(|amount| amount.written(language))
        .collect();
    let changed = overview.attention.changed_since_last_visit.len();
    OverviewPage {
        chrome: page.chrome(page.t("overview-title"), Section::Overview),
        first_uses: Vec::new(),
        attention_heading: page.t("attention-heading"),
        attention_none: page.t("attention-none"),
        items,
        total_owed: (!owed.is_empty()).then(|| {
            text_with(
                language,
                "total-owed",
                &[("amount", owed.join(" + ").into())],
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
                contents: summary
                    .kinds
                    .iter()
                    .map(|kinds| {
                        text_with(
                            language,
                            &format!("count-{}", kinds.kind.as_str()),
                            &[("count", kinds.count.into())],
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect(),
    }
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
