//! "My Log": who read the citizen's data, when and why, newest first, each entry with whether
//! the signed log proves it.

use super::{Chrome, PageContext, Section, Viewing, area_name, kind_name, store_failure};
use crate::access_log::described;
use crate::i18n::{self, text_with};
use crate::my_log::{self, LogParams};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use overblik_ledger::{AccessEntry, ActorKind, Channel, Purpose};

#[derive(Template)]
#[template(path = "log.html")]
struct LogPage {
    chrome: Chrome,
    intro: String,
    filter_heading: String,
    authority_label: String,
    purpose_label: String,
    from_label: String,
    to_label: String,
    any: String,
    apply: String,
    authorities: Vec<Choice>,
    purposes: Vec<Choice>,
    from: String,
    to: String,
    errors: Vec<String>,
    empty: String,
    /// "Your own views (12)".
    own_heading: String,
    /// The citizen's own reads, folded below the others'.
    own: Vec<EntryView>,
    entries: Vec<EntryView>,
}

/// An option of a filter's select.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

pub(crate) struct EntryView {
    pub(crate) when: String,
    pub(crate) who: String,
    pub(crate) purpose: String,
    pub(crate) what: String,
    pub(crate) legal_basis: Option<String>,
    pub(crate) channel: String,
    proven: bool,
    proof: String,
}

pub async fn log(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(filters): Query<LogParams>,
) -> Response {
    let page = page.viewing(&viewer);
    if !viewer.sees_log() {
        return page.forbidden("log-not-for-proxies");
    }
    let (filter, errors) = match filters.filter(my_log::PAGE_SIZE) {
        Ok(filter) => (Some(filter), Vec::new()),
        Err(errors) => (None, errors.into_iter().map(|error| error.detail).collect()),
    };
    let subject = viewer.subject();
    let mut entries = Vec::new();
    let mut own = Vec::new();
    if let Some(filter) = filter {
        if let Err(error) = viewer.log_read(&state, described("access_log")).await {
            return page.failed(error);
        }
        match my_log::proven_entries(&state, subject, &filter).await {
            Ok(shown) => {
                let pending = shown
                    .pending
                    .iter()
                    .map(|unsealed| (&unsealed.entry, false));
                let sealed = shown
                    .entries
                    .iter()
                    .map(|proven| (&proven.sealed.entry, proven.proven));
                // Others' uses of the citizen's data come first; the citizen's own reads,
                // most of the log, are folded below them.
                let (mine, others): (Vec<_>, Vec<_>) = pending
                    .chain(sealed)
                    .partition(|(entry, _)| entry.actor.kind == ActorKind::Citizen);
                entries = others
                    .into_iter()
                    .map(|(entry, proven)| entry_view(&page, entry, proven))
                    .collect();
                own = mine
                    .into_iter()
                    .map(|(entry, proven)| entry_view(&page, entry, proven))
                    .collect();
            }
            Err(error) => return page.unavailable(&error),
        }
    }
    let providers = match state.core.store.providers().await {
        Ok(providers) => providers,
        Err(error) => return store_failure(error),
    };
    let selected = |value: &str, chosen: &Option<String>| chosen.as_deref() == Some(value);
    let mut authorities = vec![Choice {
        value: crate::access_log::CITIZEN.to_owned(),
        label: page.t("log-actor-you"),
        selected: selected(crate::access_log::CITIZEN, &filters.authority),
    }];
    authorities.extend(providers.iter().map(|provider| Choice {
        value: provider.id.to_string(),
        label: provider.name.clone(),
        selected: selected(provider.id.as_str(), &filters.authority),
    }));
    let purposes = Purpose::ALL
        .iter()
        .map(|purpose| Choice {
            value: purpose.code().to_owned(),
            label: page.t(&format!("purpose-{purpose}")),
            selected: selected(purpose.code(), &filters.purpose),
        })
        .collect();
    let template = LogPage {
        chrome: page.chrome(page.t("log-title"), Section::Log),
        intro: page.t("log-intro"),
        filter_heading: page.t("log-filter"),
        authority_label: page.t("log-authority"),
        purpose_label: page.t("log-purpose"),
        from_label: page.t("log-from"),
        to_label: page.t("log-to"),
        any: page.t("log-any"),
        apply: page.t("log-apply"),
        authorities,
        purposes,
        from: filters.from.clone().unwrap_or_default(),
        to: filters.to.clone().unwrap_or_default(),
        errors,
        empty: page.t("log-empty"),
        own_heading: text_with(
            page.language,
            "log-own-folded",
            &[("count", own.len().into())],
        ),
        entries,
        own,
    };
    let status = if template.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page.render(status, &template)
}

/// How My Log shows `entry`, sealed and proven or not.
pub(crate) fn entry_view(page: &PageContext, entry: &AccessEntry, proven: bool) -> EntryView {
    let language = page.language;
    let who = match entry.actor.kind {
        ActorKind::Citizen => page.t("log-actor-you"),
        ActorKind::Verifier => page.t("log-actor-verifier"),
        ActorKind::Proxy if entry.actor.name.is_empty() => page.t("log-actor-proxy-unnamed"),
        ActorKind::Proxy => text_with(
            language,
            if Purpose::of(&entry.purpose) == Some(Purpose::ParentalCustody) {
                "log-actor-custody"
            } else {
                "log-actor-proxy"
            },
            &[("name", entry.actor.name.clone().into())],
        ),
        _ => [
            Some(entry.actor.name.as_str()),
            entry.actor.system.as_deref(),
            entry.actor.person.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", "),
    };
    let purpose = match Purpose::of(&entry.purpose) {
        Some(purpose) => page.t(&format!("purpose-{purpose}")),
        None => entry.purpose.clone(),
    };
    let read = &entry.read;
    let mut what: Vec<String> = read
        .areas
        .iter()
        .map(|area| area_name(language, *area))
        .collect();
    if what.is_empty() {
        what.extend(read.kinds.iter().map(|kind| kind_name(language, *kind)));
    }
    let count = read
        .count
        .map_or(read.records.len(), |count| count as usize);
    if count > 0 {
        what.push(text_with(
            language,
            "log-records",
            &[("count", count.into())],
        ));
    }
    if let Some(description) = &read.description {
        let id = format!("log-what-{description}");
        let known = i18n::has(language, &id);
        what.push(if known {
            page.t(&id)
        } else {
            description.clone()
        });
    }
    let channel = match entry.channel {
        Channel::Web => "log-channel-web",
        Channel::Api => "log-channel-api",
        Channel::Authority => "log-channel-authority",
        Channel::CalendarFeed => "log-channel-calendar_feed",
        Channel::ProviderApi => "log-channel-provider_api",
        Channel::Webhook => "log-channel-webhook",
        Channel::SharedApi => "log-channel-shared_api",
        Channel::Verify => "log-channel-verify",
    };
    EntryView {
        when: page.moment(entry.at),
        who,
        purpose,
        what: what.join(", "),
        legal_basis: entry.legal_basis.clone(),
        channel: page.t(channel),
        proven,
        proof: page.t(if proven { "log-proven" } else { "log-pending" }),
    }
}
