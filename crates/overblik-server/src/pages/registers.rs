//! "My data from the registers": what the registers hold about the citizen, by kind of fact,
//! what holds now before what held before.

use super::{
    Chrome, PageContext, Section, Viewing, authority_name, records_and_authorities, store_failure,
};
use crate::access_log::records_read;
use crate::i18n::text_with;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use overblik_model::record::{FactType, RecordDetails, RegisterFact};
use overblik_model::{Kind, Language};
use overblik_store::{RecordFilter, StoredRecord};

#[derive(Template)]
#[template(path = "registers.html")]
struct RegistersPage {
    chrome: Chrome,
    intro: String,
    empty: String,
    groups: Vec<FactGroup>,
    /// "Report an error", for a reader who may act.
    report: Option<String>,
}

/// The facts of one type: names, addresses, vehicles, ...
struct FactGroup {
    heading: String,
    facts: Vec<FactView>,
}

struct FactView {
    href: String,
    report_href: String,
    title: String,
    attributes: Vec<(String, String)>,
    /// "Since 1 May 2020" or "1 May 2018 – 30 Apr 2020".
    validity: Option<String>,
    /// Whether the fact no longer holds.
    former: bool,
    source: String,
}

pub async fn registers(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let filter = RecordFilter {
        kind: Some(Kind::RegisterFact),
        ..RecordFilter::visible_now()
    };
    let (records, names) = match records_and_authorities(&state, &viewer, &filter).await {
        Ok(found) => found,
        Err(error) => return store_failure(error),
    };
    if let Err(error) = viewer.log_read(&state, records_read(&records)).await {
        return page.failed(error);
    }
    let today = crate::acting::local_today(chrono::Utc::now());
    let mut facts: Vec<(&StoredRecord, &RegisterFact)> = records
        .iter()
        .filter_map(|stored| match &stored.record.details {
            RecordDetails::RegisterFact(fact) => Some((stored, fact)),
            _ => None,
        })
        .collect();
    // By type, then what holds now before what held before, newest first.
    facts.sort_by_key(|(_, fact)| {
        (
            fact.fact,
            fact.valid_until.is_some_and(|until| until.get() < today),
            std::cmp::Reverse(fact.valid_from),
        )
    });
    let language = page.language;
    let mut groups: Vec<FactGroup> = Vec::new();
    let mut current_type: Option<FactType> = None;
    for (stored, fact) in facts {
        if current_type != Some(fact.fact) {
            current_type = Some(fact.fact);
            groups.push(FactGroup {
                heading: page.t(&format!("fact-{}", fact.fact.as_str())),
                facts: Vec::new(),
            });
        }
        let former = fact.valid_until.is_some_and(|until| until.get() < today);
        let view = FactView {
            href: format!("/records/{}", stored.id),
            report_href: format!("/records/{}/report", stored.id),
            title: stored.record.title_in(language).to_owned(),
            attributes: fact
                .attributes
                .iter()
                .map(|attribute| {
                    (
                        attribute.name.get(language).to_owned(),
                        attribute.value.to_string(),
                    )
                })
                .collect(),
            validity: validity(&page, language, fact),
            former,
            source: text_with(
                language,
                "fact-source",
                &[
                    ("authority", authority_name(&names, stored).into()),
                    (
                        "date",
                        page.date(
                            overblik_model::Country::current()
                                .today(stored.record.updated_at.get()),
                        )
                        .into(),
                    ),
                ],
            ),
        };
        if let Some(group) = groups.last_mut() {
            group.facts.push(view);
        }
    }
    let template = RegistersPage {
        chrome: page.chrome(page.t("registers-title"), Section::Registers),
        intro: page.t("registers-intro"),
        empty: page.t("registers-empty"),
        groups,
        report: viewer.may_act().then(|| page.t("report-link")),
    };
    page.render(StatusCode::OK, &template)
}

fn validity(page: &PageContext, language: Language, fact: &RegisterFact) -> Option<String> {
    let from = fact.valid_from.map(|from| page.date(from.get()));
    let until = fact.valid_until.map(|until| page.date(until.get()));
    match (from, until) {
        (Some(from), Some(until)) => Some(format!("{from} – {until}")),
        (Some(from), None) => Some(text_with(language, "valid-since", &[("date", from.into())])),
        (None, Some(until)) => Some(text_with(
            language,
            "valid-until",
            &[("date", until.into())],
        )),
        (None, None) => None,
    }
}
