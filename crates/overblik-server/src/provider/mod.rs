//! The provider API, `/api/provider/v1/`: authorities authenticate and push their records.

pub mod batches;
pub mod corrections;
pub mod heartbeat;
pub mod token;

use crate::contract::ProviderContract;
use crate::problem::Problem;
use crate::routes::{Access, Routes};
use axum::Json;
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
    paths(token::token, batches::push_batch, heartbeat::heartbeat, corrections::list, corrections::one,
        corrections::attachment, corrections::acknowledge, corrections::answer,
        corrections::get_webhook, corrections::put_webhook, corrections::delete_webhook,
        corrections::webhook_key),
    components(schemas(Problem)),
    modifiers(&BearerAuth, &ProviderContract),
    tags(
        (name = "authentication", description = "Client credentials with a signed client assertion"),
        (name = "records", description = "Pushing records, and saying there is nothing new"),
        (name = "corrections", description = "Citizens' requests to correct or complete records: \
            pull and acknowledge them (or register a webhook), answer them, fetch attachments"),
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

/// The provider API's OpenAPI document, as served.
pub fn document() -> serde_json::Value {
    crate::contract::document(&ProviderApi::openapi())
}

async fn openapi() -> Json<serde_json::Value> {
    Json(document())
}

/// The provider API's routes, relative to [`PREFIX`]; a batch may be up to `batch_bytes`
/// long, other requests take the server's small limit.
pub fn routes(batch_bytes: usize) -> Routes {
    use Access::{Provider, ProviderReads, Public};
    Routes::new()
        .post("/token", Provider, token::token)
        .post_large("/batches", Provider, batch_bytes, batches::push_batch)
        .post("/heartbeat", Provider, heartbeat::heartbeat)
        .get("/corrections", ProviderReads, corrections::list)
        .get("/corrections/{id}", ProviderReads, corrections::one)
        .get(
            "/corrections/{id}/attachments/{attachment}",
            ProviderReads,
            corrections::attachment,
        )
        .post(
            "/corrections/{id}/acknowledge",
            Provider,
            corrections::acknowledge,
        )
        .post("/corrections/{id}/answer", Provider, corrections::answer)
        .get("/webhook", Provider, corrections::get_webhook)
        .put("/webhook", Provider, corrections::put_webhook)
        .delete("/webhook", Provider, corrections::delete_webhook)
        .get("/webhook-key", Public, corrections::webhook_key)
        .get("/openapi.json", Public, openapi)
}
