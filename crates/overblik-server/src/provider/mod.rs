//! The provider API, `/api/provider/v1/`: authorities authenticate and push their records.

pub mod batches;
pub mod token;

use crate::problem::Problem;
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::routing::{get, post};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

/// Where the provider API lives.
pub const PREFIX: &str = "/api/provider/v1";

/// The OpenAPI document of the provider API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Overblik provider API",
        version = "1.0.0",
        description = "How public authorities push records about citizens into Overblik. \
            Authenticate with OAuth 2.0 client credentials and a signed JWT client assertion \
            (RFC 7523, private_key_jwt, EdDSA or ES256), then push batches of up to 10,000 \
            records with an Idempotency-Key. Errors are application/problem+json (RFC 9457) \
            naming every offending field by JSON pointer."
    ),
    servers((url = "/api/provider/v1")),
    paths(token::token, batches::push_batch),
    components(schemas(Problem)),
    modifiers(&BearerAuth),
    tags(
        (name = "authentication", description = "Client credentials with a signed client assertion"),
        (name = "records", description = "Pushing records"),
    )
)]
#[derive(Debug)]
pub struct ProviderApi;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ProviderApi::openapi())
}

/// The provider API's routes, relative to [`PREFIX`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/token", post(token::token))
        .route("/batches", post(batches::push_batch))
        .route("/openapi.json", get(openapi))
}
