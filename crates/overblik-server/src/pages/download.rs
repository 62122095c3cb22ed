//! "Download my data": the page that offers both forms and says what each holds, and the
//! two downloads as the pages serve them (errors as pages).

use super::{Chrome, PageContext, Section, Viewing};
use crate::download::{self, Form};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "download.html")]
struct DownloadPage {
    chrome: Chrome,
    intro: String,
    on_behalf: Option<String>,
    forms: Vec<FormView>,
}

struct FormView {
    heading: String,
    text: String,
    holds: Vec<String>,
    href: &'static str,
    label: String,
}

pub async fn page(Viewing(viewer): Viewing, page: PageContext) -> Response {
    let page = page.viewing(&viewer);
    let mut holds: Vec<String> = ["download-holds-records", "download-holds-covered"]
        .into_iter()
        .map(|id| page.t(id))
        .collect();
    holds.push(page.t("download-holds-reports"));
    if viewer.acting.is_none() {
        holds.push(page.t("download-holds-mandates"));
        holds.push(page.t("download-holds-notifications"));
    }
    if viewer.sees_log() {
        holds.push(page.t("download-holds-log"));
        holds.push(page.t("download-holds-consents"));
    }
    let template = DownloadPage {
        chrome: page.chrome(page.t("download-title"), Section::Download),
        intro: page.t("download-intro"),
        on_behalf: viewer
            .acting
            .is_some()
            .then(|| page.t("download-on-behalf")),
        forms: vec![
            FormView {
                heading: page.t("download-package-heading"),
                text: page.t("download-package-text"),
                holds: holds.clone(),
                href: "/download/data.zip",
                label: page.t("download-package-link"),
            },
            FormView {
                heading: page.t("download-document-heading"),
                text: page.t("download-document-text"),
                holds,
                href: "/download/document.pdf",
                label: page.t("download-document-link"),
            },
        ],
    };
    page.render(StatusCode::OK, &template)
}

/// The package, from the page.
pub async fn package(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let language = page.language();
    let export = match download::gather(&state, &viewer, Form::Package).await {
        Ok(export) => export,
        Err(error) => return page.failed(error),
    };
    match download::package_answer(&state, &viewer, export, language).await {
        Ok(answer) => answer,
        Err(error) => page.failed(error),
    }
}

/// The document, from the page.
pub async fn document(
    State(state): State<AppState>,
    Viewing(viewer): Viewing,
    page: PageContext,
) -> Response {
    let page = page.viewing(&viewer);
    let export = match download::gather(&state, &viewer, Form::Document).await {
        Ok(export) => export,
        Err(error) => return page.failed(error),
    };
    match download::document_answer(page, export).await {
        Ok(answer) => answer,
        Err(problem) => problem.into_response(),
    }
}
