//! "Download my data" in the citizen API: the package (`application/zip`) and the document
//! (`application/pdf`), each one read in the subject's log.

use super::LanguageParam;
use crate::acting::Viewer;
use crate::download::{self, Form};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::Response;
use utoipa::ToSchema;

/// A file's bytes, as the OpenAPI document describes a download.
#[derive(Debug)]
pub struct FileBytes;

impl utoipa::PartialSchema for FileBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for FileBytes {}

/// Everything Overblik holds about the citizen that the reader may see, as data: a ZIP of
/// JSON files in this API's shapes (`records.json`, `covered.json`, `reports.json` with the
/// files sent, `mandates.json`, `notifications.json`, `log.json` with its proofs), a JSON
/// Schema (2020-12) for each under `schemas/`, a README in the chosen language and
/// `manifest.json` with every file's SHA-256. Streamed as it is written. Someone acting for
/// the citizen gets only what they may see, and `export.json` says on whose behalf.
#[utoipa::path(get, path = "/export/package", operation_id = "export_package", tag = "export",
    params(LanguageParam),
    responses((status = 200, description = "The package", content_type = "application/zip", body = inline(FileBytes)),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn package(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Response, Problem> {
    let export = download::gather(&state, &viewer, Form::Package).await?;
    Ok(download::package_answer(&state, &viewer, export, language.language()).await?)
}

/// The same as a document: an accessible, tagged PDF (PDF/UA-1) in the chosen language, with
/// a summary first, each life area, the reports, powers of attorney and My Log.
#[utoipa::path(get, path = "/export/document", operation_id = "export_document", tag = "export",
    params(LanguageParam),
    responses((status = 200, description = "The document", content_type = "application/pdf", body = inline(FileBytes)),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
#[tracing::instrument(skip_all)]
pub async fn document(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(language): Query<LanguageParam>,
) -> Result<Response, Problem> {
    let export = download::gather(&state, &viewer, Form::Document).await?;
    let words = crate::pages::PageContext::in_language(language.language());
    download::document_answer(words, export).await
}
