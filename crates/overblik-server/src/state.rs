//! What every handler shares: the use cases (with the store and the access log), the server's
//! settings and keys, and the metrics.

use crate::corrections::signature::WebhookSigner;
use crate::login::oidc::{DEV_IDP_PATH, Login, LoginSettings};
use crate::metrics::Metrics;
use axum_extra::extract::cookie::Key;
use overblik_ledger::Ledger;
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
    /// How citizens sign in; without it there is no citizen sign-in.
    pub login: Option<LoginSettings>,
    /// Citizens sign in through the development OpenID provider at `/dev-idp` (demo and
    /// development only), which whoever starts the server mounts there
    /// (`overblik_devidp`).
    pub dev_idp: bool,
    /// How e-mail is sent; without it citizens cannot choose e-mail notifications.
    pub mail: Option<crate::notify::MailSettings>,
    /// Which providers may assert which register facts; a fact that grants access to another
    /// citizen's data (custody) counts only from the providers it names.
    pub fact_authorities: overblik_model::FactAuthorities,
    /// Let webhooks go to this machine's loopback addresses (and there over plain http):
    /// for the demo and for tests with a local receiver, never anything else. No other
    /// address off the internet is ever allowed.
    pub allow_loopback_webhooks: bool,
    /// How fast clients may go, and how much a citizen may send.
    pub rate_limits: crate::rate_limit::RateLimitSettings,
    /// Who signs certificates (the keys, the first of which signs) and the types it issues.
    pub issuer: Arc<overblik_core::certificates::Issuer>,
    /// The life events and recommendations the overview works out (shipped, and the
    /// operator's own laid over them).
    pub overview_rules: Arc<overblik_overview::proactive::Rules>,
}

impl fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerSettings")
            .field("public_url", &self.public_url)
            .field("token_lifetime", &self.token_lifetime)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("allow_loopback_webhooks", &self.allow_loopback_webhooks)
            .finish_non_exhaustive()
    }
}

impl ServerSettings {
    /// Sign-in through the built-in development provider, for demo and development mode.
    pub fn development_login(&self) -> LoginSettings {
        LoginSettings {
            issuer_url: format!("{}{}", self.public_url, DEV_IDP_PATH),
            client_id: "overblik".to_owned(),
            client_secret: hex_digest(b"dev-idp-client-secret", &self.token_secret),
            national_id_claim: "cpr".to_owned(),
        }
    }
}

fn hex_digest(label: &[u8], secret: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(label)
        .chain_update(secret)
        .finalize();
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The state behind every handler.
#[derive(Clone)]
pub struct AppState {
    /// The use cases, with the store and the access log they work on.
    pub core: overblik_core::Core,
    pub settings: Arc<ServerSettings>,
    pub metrics: Arc<Metrics>,
    pub login: Option<Arc<Login>>,
    /// Encrypts the cookie of a sign-in in progress.
    pub cookie_key: Key,
    /// Signs the webhook deliveries that tell authorities of correction requests.
    pub webhook_signer: Arc<WebhookSigner>,
    /// This process's counts of sign-ins, token requests and citizen writes.
    pub rate_limits: Arc<crate::rate_limit::RateLimiters>,
}

impl fmt::Debug for AppState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppState")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(store: Arc<dyn Store>, ledger: Arc<Ledger>, settings: ServerSettings) -> Self {
        use sha2::{Digest, Sha512};
        let login_settings = settings
            .login
            .clone()
            .or_else(|| settings.dev_idp.then(|| settings.development_login()));
        let login = login_settings.map(|login| Arc::new(Login::new(login, &settings.public_url)));
        let cookie_key = Key::from(
            &Sha512::new()
                .chain_update(b"cookie-key")
                .chain_update(&settings.token_secret)
                .finalize()[..],
        );
        let settings_token_secret = settings.token_secret.clone();
        let rate_limits = Arc::new(crate::rate_limit::RateLimiters::new(settings.rate_limits));
        Self {
            core: overblik_core::Core::new(
                store,
                ledger,
                settings.fact_authorities.clone(),
                settings.subject_key_secret.clone(),
                settings.rate_limits.citizen_limits(),
                settings.issuer.clone(),
            ),
            settings: Arc::new(settings),
            metrics: Arc::new(Metrics::default()),
            login,
            cookie_key,
            webhook_signer: Arc::new(WebhookSigner::from_secret(&settings_token_secret)),
            rate_limits,
        }
    }
}
