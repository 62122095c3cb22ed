//! The authorization server's metadata (RFC 8414), from which a recipient's OAuth library
//! learns every endpoint and what this server requires.

use super::{API_PREFIX, dpop, endpoints};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// The one type of `authorization_details` this server knows (RFC 9396).
pub const DETAILS_TYPE: &str = "overblik_data";

/// `GET /.well-known/oauth-authorization-server`.
pub async fn metadata(State(state): State<AppState>) -> Json<Value> {
    let issuer = &state.settings.public_url;
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": endpoints::authorize(issuer),
        "token_endpoint": endpoints::token(issuer),
        "pushed_authorization_request_endpoint": endpoints::pushed_request(issuer),
        "require_pushed_authorization_requests": true,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["ES256", "EdDSA"],
        "dpop_signing_alg_values_supported": dpop::ALGORITHMS,
        "authorization_response_iss_parameter_supported": true,
        "authorization_details_types_supported": [DETAILS_TYPE],
        "scopes_supported": [],
        "protected_resources": [format!("{issuer}{API_PREFIX}")],
    }))
}
