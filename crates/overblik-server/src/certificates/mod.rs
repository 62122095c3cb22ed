//! Certificates on the web: the issuer's published keys and status list, each type's
//! description (its `vct`), the public verification API under `/api/verify/v1`, what an
//! answer about a certificate holds ([`view`]), its PDF ([`document`]), and reading a signed
//! form that someone brings ([`check`]). Issuing is the citizen API's and the pages'; the
//! rules are `overblik_core::certificates`.

pub mod check;
pub mod document;
pub mod view;

use crate::contract::VerifyContract;
use crate::problem::Problem;
use crate::routes::{Access, Routes};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use overblik_core::certificates::STATUS_LIST_TTL_SECONDS;
use overblik_model::{CertificateTypeId, Language};
use serde_json::{Value, json};
use utoipa::OpenApi;

/// Where the verification API lives.
pub const API_PREFIX: &str = "/api/verify/v1";

/// The OpenAPI document of the verification API.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "Overblik certificate verification API",
        version = "1.0.0",
        description = "For anyone shown a certificate from Overblik: check a code, or a signed \
            certificate (the text of its QR code, or its SD-JWT VC), and learn whether it is \
            valid, revoked, expired or forged, and what it attests. A check of a genuine \
            certificate is told to its holder in their log. To check offline instead, fetch the \
            issuer's keys from /certificates/keys.json and its status list from \
            /certificates/status once. Errors are application/problem+json (RFC 9457)."
    ),
    servers((url = "/api/verify/v1")),
    paths(check::check),
    components(schemas(Problem)),
    modifiers(&VerifyContract),
    tags((name = "verify", description = "Checking a certificate"))
)]
pub struct VerifyApi;

/// The verification API's OpenAPI document, as served.
pub fn document() -> Value {
    crate::contract::document(&VerifyApi::openapi())
}

/// The issuer's public routes: keys, issuer metadata, status list and types.
pub fn routes() -> Routes {
    use Access::Public;
    Routes::new()
        .get("/certificates/keys.json", Public, keys)
        .get("/.well-known/jwt-vc-issuer", Public, issuer_metadata)
        .get("/certificates/status", Public, status_list)
        .get("/certificates/types/{id}", Public, type_metadata)
}

/// The verification API.
pub fn api_routes() -> Routes {
    Routes::new()
        .post("/check", Access::VerifierReads, check::check)
        .get("/openapi.json", Access::Public, || async {
            Json(document())
        })
}

/// The keys certificates are signed with, as a JWK Set: the current one and those rotated
/// from, kept until what they signed has expired.
async fn keys(State(state): State<AppState>) -> Response {
    cached(Json(state.core.issuer.published().to_jwks()))
}

/// JWT VC Issuer Metadata (SD-JWT VC): the issuer and its keys.
async fn issuer_metadata(State(state): State<AppState>) -> Response {
    let issuer = &state.core.issuer;
    cached(Json(json!({
        "issuer": issuer.url(),
        "jwks": issuer.published().to_jwks(),
    })))
}

/// The Token Status List: each certificate's place, revoked or not; it names no one.
async fn status_list(State(state): State<AppState>) -> Result<Response, Problem> {
    let token = state.core.status_list().await?;
    Ok((
        [
            (CONTENT_TYPE, "application/statuslist+jwt".to_owned()),
            (
                CACHE_CONTROL,
                format!("public, max-age={STATUS_LIST_TTL_SECONDS}"),
            ),
        ],
        token,
    )
        .into_response())
}

/// A type's description, in the form of SD-JWT VC Type Metadata: its `vct`, name and what
/// it attests, in each language.
async fn type_metadata(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let issuer = &state.core.issuer;
    let kind = id
        .parse::<CertificateTypeId>()
        .ok()
        .and_then(|id| issuer.types.get(&id))
        .ok_or_else(Problem::not_found)?;
    let display: Vec<Value> = Language::ALL
        .into_iter()
        .map(|language| {
            json!({
                "lang": language.code(),
                "name": kind.title.get(language),
                "description": kind.attests.get(language),
            })
        })
        .collect();
    Ok(cached(Json(json!({
        "vct": issuer.vct(&kind.id),
        "name": kind.title.get(Language::En),
        "description": kind.attests.get(Language::En),
        "display": display,
    }))))
}

/// A public answer that changes only with the configuration: cached for an hour.
fn cached(answer: impl IntoResponse) -> Response {
    ([(CACHE_CONTROL, "public, max-age=3600")], answer).into_response()
}
