//! What every handler shares: the store, the server's settings and keys, and the metrics.

use crate::metrics::Metrics;
use overblik_model::SubjectKeySecret;
use overblik_store::Store;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The settings the web server needs, already parsed.
#[derive(Clone)]
pub struct ServerSettings {
    /// The URL providers and citizens reach this server at, without a trailing slash.
    pub public_url: String,
    /// Turns national identifiers into subject keys.
    pub subject_key_secret: SubjectKeySecret,
    /// Signs and checks the access tokens this server issues.
    pub token_secret: Vec<u8>,
    /// How long an access token lasts.
    pub token_lifetime: Duration,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

impl fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSettings")
            .field("public_url", &self.public_url)
            .field("token_lifetime", &self.token_lifetime)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}

impl ServerSettings {
    /// The token endpoint: the audience client assertions must name.
    pub fn token_endpoint(&self) -> String {
        format!("{}{}/token", self.public_url, crate::provider::PREFIX)
    }
}

/// The state behind every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub settings: Arc<ServerSettings>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, settings: ServerSettings) -> Self {
        Self {
            store,
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
        }
    }
}
