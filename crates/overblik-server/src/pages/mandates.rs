//! Acting for others: the citizen's powers of attorney (given and held), the children in
//! their custody, the switch to act for one of them, and the form to give a new one.
//! Every change is a form POST from these pages, refused from any other site.

use super::{Chrome, PageContext, Section, Viewing, area_name, kind_name};
use crate::access_log::described;
use crate::acting::{ActingChoice, Basis, Representation};
use crate::i18n::text_with;
use crate::login::session::CitizenSession;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use axum_extra::extract::cookie::PrivateCookieJar;
use chrono::Utc;
use overblik_core::mandates::{Change, GrantRequest, OwnMandates};
use overblik_model::{Area, Kind, Mandate, MandateState, Permission, Scope};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "mandates.html")]
struct MandatesPage {
    chrome: Chrome,
    intro: String,
    notice: Option<String>,
    act_heading: String,
    act_none: String,
    can_act_for: Vec<ActFor>,
    act_button: String,
    held_heading: String,
    held: Vec<MandateCard>,
    given_heading: String,
    given_none: String,
    given: Vec<MandateCard>,
    grant_link: Option<String>,
    acting_note: Option<String>,
}

/// Someone the citizen may act for today, with the button that switches to them.
struct ActFor {
    basis: String,
    name: String,
    what: String,
    until: String,
}

/// A power of attorney as one of its parties sees it, with what they may do with it.
struct MandateCard {
    id: String,
    /// The other party's name.
    name: String,
    state: String,
    state_class: &'static str,
    scope: String,
    permission: String,
    period: String,
    used: Option<String>,
    accept: Option<String>,
    revoke: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct MandatesQuery {
    done: Option<String>,
}

pub async fn mandates(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Query(query): Query<MandatesQuery>,
) -> Response {
    let page = page.viewing(&viewer);
    let own = match state.core.own_mandates(&viewer).await {
        Ok(own) => own,
        Err(error) => return page.failed(error),
    };
    if let Err(error) = viewer.log_own_read(&state, described("mandates")).await {
        return page.failed(error);
    }
    let acting = viewer.acting.is_some();
    let template = mandates_page(&page, &own, acting, query.done.as_deref());
    page.render(StatusCode::OK, &template)
}

fn mandates_page(
    page: &PageContext,
    own: &OwnMandates,
    acting: bool,
    done: Option<&str>,
) -> MandatesPage {
    let today = crate::acting::local_today(Utc::now());
    let card = |mandate: &Mandate, given: bool| {
        let state = mandate.state(today);
        let open = !matches!(state, MandateState::Revoked | MandateState::Expired);
        let name = if given {
            mandate.holder_name.clone()
        } else if mandate.grantor_name.is_empty() {
            page.t("mandate-unnamed-grantor")
        } else {
            mandate.grantor_name.clone()
        };
        MandateCard {
            id: mandate.id.to_string(),
            name,
            state: page.t(&format!("mandate-state-{}", state.as_str())),
            state_class: if state == MandateState::Active {
                "active"
            } else {
                ""
            },
            scope: scope_text(page, &mandate.scope),
            permission: permission_text(page, mandate.permission),
            period: text_with(
                page.language,
                "mandate-period",
                &[
                    ("from", page.date(mandate.valid_from).into()),
                    ("until", page.date(mandate.valid_until).into()),
                ],
            ),
            used: mandate.first_used_at.map(|used| {
                text_with(
                    page.language,
                    "mandate-first-used",
                    &[("when", page.moment(used).into())],
                )
            }),
            accept: (!given && state == MandateState::Pending && !acting)
                .then(|| page.t("mandate-accept")),
            revoke: (open && !acting).then(|| {
                page.t(if given {
                    "mandate-revoke"
                } else {
                    "mandate-give-up"
                })
            }),
        }
    };
    let can_act_for = own
        .can_act_for
        .iter()
        .map(|representation| act_for(page, representation))
        .collect();
    MandatesPage {
        chrome: page.chrome(page.t("mandates-title"), Section::Mandates),
        intro: page.t("mandates-intro"),
        notice: done
            .filter(|done| ["granted", "accepted", "revoked"].contains(done))
            .map(|done| page.t(&format!("mandate-done-{done}"))),
        act_heading: page.t("mandates-act-heading"),
        act_none: page.t("mandates-act-none"),
        can_act_for,
        act_button: page.t("mandates-act-button"),
        held_heading: page.t("mandates-held-heading"),
        held: own
            .held
            .iter()
            .map(|mandate| card(mandate, false))
            .collect(),
        given_heading: page.t("mandates-given-heading"),
        given_none: page.t("mandates-given-none"),
        given: own
            .given
            .iter()
            .map(|mandate| card(mandate, true))
            .collect(),
        grant_link: (!acting).then(|| page.t("mandates-grant-link")),
        acting_note: acting.then(|| page.t("mandates-acting-note")),
    }
}

fn act_for(page: &PageContext, representation: &Representation) -> ActFor {
    let (name, what) = match representation.basis {
        Basis::PowerOfAttorney(_) => (
            representation
                .subject_name
                .clone()
                .unwrap_or_else(|| page.t("mandate-unnamed-grantor")),
            match &representation.reach {
                crate::acting::Reach::Within(scope) => text_with(
                    page.language,
                    "act-for-mandate",
                    &[("scope", scope_text(page, scope).into())],
                ),
                crate::acting::Reach::Everything => page.t("act-for-custody"),
            },
        ),
        Basis::Custody(_) => (
            representation
                .subject_name
                .clone()
                .unwrap_or_else(|| page.t("acting-someone")),
            page.t("act-for-custody"),
        ),
    };
    ActFor {
        basis: representation.basis.to_string(),
        name,
        what,
        until: text_with(
            page.language,
            "act-for-until",
            &[("until", page.date(representation.last_day).into())],
        ),
    }
}

/// "Health, Economy and tax: appointments, debts".
pub(crate) fn scope_text(page: &PageContext, scope: &Scope) -> String {
    let areas: Vec<String> = scope
        .areas
        .iter()
        .map(|area| area_name(page.language, *area))
        .collect();
    let kinds: Vec<String> = scope
        .kinds
        .iter()
        .map(|kind| page.t(&format!("kinds-{}", kind.as_str())))
        .collect();
    format!("{}: {}", areas.join(", "), kinds.join(", "))
}

fn permission_text(page: &PageContext, permission: Permission) -> String {
    page.t(&format!("permission-{}", permission.as_str()))
}

// ---- the form to give a power of attorney ----

#[derive(Template)]
#[template(path = "mandate_form.html")]
struct GrantPage {
    chrome: Chrome,
    intro: String,
    errors_heading: String,
    errors: Vec<(String, String)>,
    holder_id_label: String,
    holder_id_hint: String,
    /// Whether the identifier is digits only, for the keyboard a phone shows.
    holder_id_numeric: bool,
    holder_name_label: String,
    holder_name: String,
    areas_legend: String,
    areas: Vec<Choice>,
    kinds_legend: String,
    kinds: Vec<Choice>,
    permission_legend: String,
    permissions: Vec<Choice>,
    from_label: String,
    valid_from: String,
    until_label: String,
    valid_until: String,
    submit: String,
    cancel: String,
}

/// A checkbox or radio button: its value, label and whether it is checked.
struct Choice {
    value: &'static str,
    label: String,
    checked: bool,
}

pub async fn grant_form(page: PageContext, Viewing(viewer): Viewing) -> Response {
    let page = page.viewing(&viewer);
    if viewer.acting.is_some() {
        return page.forbidden("mandates-acting-note");
    }
    let today = crate::acting::local_today(Utc::now());
    let blank = GrantRequest {
        permission: Permission::Read.as_str().to_owned(),
        valid_from: today.to_string(),
        valid_until: today
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(today)
            .to_string(),
        ..GrantRequest::default()
    };
    let template = grant_page(&page, &blank, Vec::new());
    page.render(StatusCode::OK, &template)
}

fn grant_page(
    page: &PageContext,
    request: &GrantRequest,
    errors: Vec<overblik_model::FieldError>,
) -> GrantPage {
    let title = if errors.is_empty() {
        page.t("grant-title")
    } else {
        text_with(
            page.language,
            "grant-title-errors",
            &[("count", errors.len().into())],
        )
    };
    let chosen = |list: &[String], value: &str| list.iter().any(|item| item == value);
    // What the deployment's identifier is called and how it is written.
    let scheme = overblik_model::Country::current().scheme;
    let identifier = [
        (
            "name",
            page.t(&format!("scheme-name-{}", scheme.code())).into(),
        ),
        (
            "form",
            page.t(&format!("scheme-form-{}", scheme.code())).into(),
        ),
    ];
    let about_identifier = |id: &str| text_with(page.language, id, &identifier);
    GrantPage {
        chrome: page.chrome(title, Section::Mandates),
        intro: page.t("grant-intro"),
        errors_heading: page.t("grant-errors-heading"),
        errors: errors
            .iter()
            .map(|error| {
                let field = error.pointer.to_string().trim_start_matches('/').to_owned();
                let message = about_identifier(&format!("grant-error-{field}"));
                (field, message)
            })
            .collect(),
        holder_id_label: about_identifier("grant-holder-id"),
        holder_id_hint: about_identifier("grant-holder-id-hint"),
        holder_id_numeric: scheme.is_numeric(),
        holder_name_label: page.t("grant-holder-name"),
        holder_name: request.holder_name.clone(),
        areas_legend: page.t("grant-areas"),
        areas: Area::ALL
            .iter()
            .map(|area| Choice {
                value: area.slug(),
                label: area_name(page.language, *area),
                checked: chosen(&request.areas, area.slug()),
            })
            .collect(),
        kinds_legend: page.t("grant-kinds"),
        kinds: Kind::ALL
            .iter()
            .map(|kind| Choice {
                value: kind.as_str(),
                label: kind_name(page.language, *kind),
                checked: chosen(&request.kinds, kind.as_str()),
            })
            .collect(),
        permission_legend: page.t("grant-permission"),
        permissions: [Permission::Read, Permission::ReadAndAct]
            .into_iter()
            .map(|permission| Choice {
                value: permission.as_str(),
                label: permission_text(page, permission),
                checked: request.permission == permission.as_str(),
            })
            .collect(),
        from_label: page.t("grant-from"),
        valid_from: request.valid_from.clone(),
        until_label: page.t("grant-until"),
        valid_until: request.valid_until.clone(),
        submit: page.t("grant-submit"),
        cancel: page.t("grant-cancel"),
    }
}

/// `POST /mandates`: gives the power of attorney the form asks for, or shows the form again
/// with every field to correct (the holder's national identifier is never shown back).
pub async fn grant(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Form(request): Form<GrantRequest>,
) -> Response {
    let page = page.viewing(&viewer);
    match state.core.grant_mandate(&viewer, &request).await {
        Ok(_) => Redirect::to("/mandates?done=granted").into_response(),
        Err(overblik_core::Error::Invalid(errors)) => {
            let template = grant_page(&page, &request, errors);
            page.render(StatusCode::UNPROCESSABLE_ENTITY, &template)
        }
        Err(error) => page.failed(error),
    }
}

/// `POST /mandates/{id}/accept`: the holder accepts.
pub async fn accept(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    change(&state, &viewer, &id, page, Change::Accept).await
}

/// `POST /mandates/{id}/revoke`: the grantor revokes, or the holder gives it up.
pub async fn revoke(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
    Path(id): Path<String>,
) -> Response {
    change(&state, &viewer, &id, page, Change::Revoke).await
}

async fn change(
    state: &AppState,
    viewer: &crate::acting::Viewer,
    id: &str,
    page: PageContext,
    change: Change,
) -> Response {
    let page = page.viewing(viewer);
    let done = match change {
        Change::Accept => "accepted",
        Change::Revoke => "revoked",
    };
    match state.core.change_mandate(viewer, change, id).await {
        Ok(_) => Redirect::to(&format!("/mandates?done={done}")).into_response(),
        Err(error) => page.failed(error),
    }
}

// ---- the switch ----

#[derive(Debug, Deserialize)]
pub struct ActForm {
    basis: String,
}

/// `POST /acting`: from now on the citizen sees the chosen person's overview.
pub async fn act(
    State(state): State<AppState>,
    page: PageContext,
    session: Result<CitizenSession, crate::problem::Problem>,
    private: PrivateCookieJar,
    Form(form): Form<ActForm>,
) -> Response {
    let Ok(session) = session else {
        return Redirect::to("/login").into_response();
    };
    match crate::acting::start_acting(&state, &session, &form.basis).await {
        Ok(Some((cookie, _))) => (private.add(cookie), Redirect::to("/")).into_response(),
        Ok(None) => page.forbidden("acting-ended-text"),
        Err(problem) => problem.into_response(),
    }
}

/// `POST /acting/stop`: back to the citizen's own overview.
pub async fn stop_acting(
    session: Result<CitizenSession, crate::problem::Problem>,
    private: PrivateCookieJar,
) -> Response {
    if session.is_err() {
        return Redirect::to("/login").into_response();
    }
    (
        private.remove(ActingChoice::removal()),
        Redirect::to("/mandates"),
    )
        .into_response()
}
