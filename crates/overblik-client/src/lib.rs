//! The provider side of Overblik's provider API, and the recipient side of sharing by
//! consent ([`recipient`]).
//!
//! An authority's system holds a [`ProviderKey`], signs client assertions with it, trades them
//! for short-lived access tokens and pushes batches with an idempotency key, retrying safely.
//! The `overblik provider` commands, the demo and the tests all push through this client.

pub mod keys;
pub mod recipient;

pub use keys::{KeyAlgorithm, KeyError, ProviderKey};
pub use recipient::{Authorization, RecipientClient, Tokens};

use anyhow::{Context, bail};
use serde::Deserialize;
use serde_json::Value;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// The path of the provider API under the server's base URL.
pub const API_PREFIX: &str = "/api/provider/v1";

/// How many times a push is sent again after a network failure or a 5xx, by default.
const RETRIES: u32 = 5;

/// A client of one Overblik server for one provider.
#[derive(Debug)]
pub struct ProviderClient {
    base_url: String,
    key: ProviderKey,
    http: reqwest::Client,
    token: Mutex<Option<CachedToken>>,
    retries: u32,
}

#[derive(Debug)]
struct CachedToken {
    value: String,
    renew_at: Instant,
}

/// The token endpoint's answer (RFC 6749, section 5.1).
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    #[serde(default)]
    pub scope: Option<String>,
}

/// What the server answered to a push.
#[derive(Debug, Clone)]
pub struct PushResponse {
    pub status: u16,
    /// Whether the server answered from an earlier request with the same idempotency key.
    pub replayed: bool,
    pub body: Value,
}

impl PushResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl ProviderClient {
    /// A client for the server at `base_url` (such as `http://127.0.0.1:8080`).
    pub fn new(base_url: &str, key: ProviderKey) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(300))
            .build()
            .expect("a default HTTP client builds");
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            key,
            http,
            token: Mutex::new(None),
            retries: RETRIES,
        }
    }

    /// Sets how many times a failed push is sent again (the default is 5).
    pub fn with_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// The token endpoint, which is also the audience of client assertions.
    pub fn token_url(&self) -> String {
        format!("{}{API_PREFIX}/token", self.base_url)
    }

    pub fn key(&self) -> &ProviderKey {
        &self.key
    }

    /// Trades a freshly signed client assertion for an access token.
    pub async fn fetch_token(&self) -> anyhow::Result<TokenResponse> {
        let assertion = self.key.sign_assertion(&self.token_url())?;
        let form = [
            ("grant_type", "client_credentials"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", assertion.as_str()),
        ];
        let response = self
            .http
            .post(self.token_url())
            .form(&form)
            .send()
            .await
            .with_context(|| format!("could not reach {}", self.token_url()))?;
        let status = response.status();
        let body = response
            .text()
            .await
            .context("the token answer was cut off")?;
        if !status.is_success() {
            bail!("the server refused a token ({status}): {body}");
        }
        serde_json::from_str(&body).context("the token answer is not a token response")
    }

    /// An access token, reused until shortly before it expires.
    async fn token(&self) -> anyhow::Result<String> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached
            .as_ref()
            .filter(|token| token.renew_at > Instant::now())
        {
            return Ok(token.value.clone());
        }
        let fresh = self.fetch_token().await?;
        let lifetime = Duration::from_secs(fresh.expires_in);
        let token = CachedToken {
            value: fresh.access_token,
            renew_at: Instant::now() + lifetime.saturating_sub(Duration::from_secs(30)),
        };
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
    }

    async fn forget_token(&self) {
        *self.token.lock().await = None;
    }

    /// Pushes one batch (the JSON body) under `idempotency_key`.
    ///
    /// Network failures and 5xx answers are retried with back-off under the same key, which
    /// the server turns into exactly one write; an expired token is renewed once.
    pub async fn push(&self, body: Vec<u8>, idempotency_key: &str) -> anyhow::Result<PushResponse> {
        let url = format!("{}{API_PREFIX}/batches", self.base_url);
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            let token = self.token().await?;
            let sent = self
                .http
                .post(&url)
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .header("idempotency-key", idempotency_key)
                .body(body.clone())
                .send()
                .await;
            match sent {
                Ok(response) if response.status().as_u16() == 401 && !renewed => {
                    renewed = true;
                    self.forget_token().await;
                }
                Ok(response) if !response.status().is_server_error() || attempt >= self.retries => {
                    let status = response.status().as_u16();
                    let replayed = response.headers().contains_key("idempotent-replayed");
                    let bytes = response.bytes().await.context("the answer was cut off")?;
                    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                    return Ok(PushResponse {
                        status,
                        replayed,
                        body,
                    });
                }
                Err(error) if attempt >= self.retries => {
                    return Err(error).with_context(|| format!("could not reach {url}"));
                }
                _ => {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(200 * 2u64.pow(attempt))).await;
                }
            }
        }
    }
}
