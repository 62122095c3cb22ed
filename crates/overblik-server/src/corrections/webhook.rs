//! Webhooks: an authority that registered a URL is told of each new and withdrawn request
//! about its records, in a body signed with the platform's Ed25519 key, retried with
//! growing waits until its receiver answers 2xx.
//!
//! Each delivery carries its own id (`Overblik-Delivery`), the same on every retry, so a
//! receiver that saw it before can answer 2xx and do nothing. The signature covers the
//! delivery id, the time and the body: `Overblik-Signature: v1=BASE64URL(Ed25519(id "." time
//! "." body))`, with the key published at `/api/provider/v1/webhook-key`.

pub use super::signature::{WebhookSigner, verify};

use super::destination::{Destinations, Filtered};
use super::{ProviderCorrectionView, WebhookBody};
use crate::state::AppState;
use chrono::Utc;
use overblik_ledger::Channel;
use overblik_model::correction::WebhookEvent;
use overblik_model::notify::backoff;
use overblik_store::{StoreError, WebhookJob, WebhookOutcome};
use std::time::Duration;

pub const DELIVERY_HEADER: &str = "overblik-delivery";
pub const TIMESTAMP_HEADER: &str = "overblik-timestamp";
pub const SIGNATURE_HEADER: &str = "overblik-signature";
pub const EVENT_HEADER: &str = "overblik-event";

/// How the webhook worker works.
#[derive(Debug, Clone)]
pub struct WebhookSettings {
    /// The wait after a first failure; it doubles with each, up to an hour.
    pub retry_base: Duration,
    /// How long a worker keeps the deliveries it took from others.
    pub lease: Duration,
    /// How long the worker waits when there is nothing to deliver.
    pub poll_interval: Duration,
    /// How long a receiver may take to answer.
    pub timeout: Duration,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        Self {
            retry_base: Duration::from_secs(30),
            lease: Duration::from_secs(300),
            poll_interval: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
        }
    }
}

/// Deliveries taken from the outbox at a time.
const CLAIM: u32 = 50;

/// Delivers the webhook outbox, for as long as it runs.
#[derive(Debug, Clone)]
pub struct WebhookWorker {
    state: AppState,
    settings: WebhookSettings,
    destinations: Destinations,
    /// The client that may reach only `destinations`; without it nothing is delivered.
    http: Result<reqwest::Client, String>,
}

impl WebhookWorker {
    pub fn new(state: AppState, settings: WebhookSettings) -> Self {
        let destinations = Destinations::of(&state.settings);
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            // A receiver answers where it was registered; it cannot send the body elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            // Straight to the receiver: a proxy named by the environment would connect
            // wherever the URL says, past the checks on its addresses.
            .no_proxy()
            .dns_resolver(std::sync::Arc::new(Filtered(destinations)))
            .build()
            .map_err(|error| {
                tracing::error!(%error, "the webhook client could not be built; webhooks wait");
                error.to_string()
            });
        Self {
            state,
            settings,
            destinations,
            http,
        }
    }

    /// Runs until the task is dropped, in the loop every outbox worker shares.
    pub async fn run(self) {
        crate::outbox::run(self).await;
    }

    /// Takes the due deliveries and settles each; returns how many it took.
    pub async fn round(&self) -> Result<usize, StoreError> {
        let now = Utc::now();
        let lease =
            chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::minutes(5));
        let jobs = self
            .state
            .core
            .store
            .claim_webhooks(now, now + lease, CLAIM)
            .await?;
        // A receiver slow to answer uses up the lease; once too little is left to send one
        // more delivery within it, the rest wait for the next claim, so that no other worker
        // sends them at the same time.
        let margin = self.settings.timeout.min(self.settings.lease / 2);
        let margin = chrono::Duration::from_std(margin).unwrap_or_default();
        for job in &jobs {
            if Utc::now() + margin >= job.lease_until {
                break;
            }
            // One delivery the store cannot settle now waits out its lease; the rest go on.
            let outcome = match self.deliver(job).await {
                Ok(outcome) => outcome,
                Err(error) => {
                    tracing::error!(%error, "a webhook delivery could not be prepared");
                    continue;
                }
            };
            let result = match &outcome {
                WebhookOutcome::Delivered => "delivered",
                WebhookOutcome::Retry { .. } => "failed",
                WebhookOutcome::Dropped => "dropped",
            };
            if let Err(error) = self
                .state
                .core
                .store
                .settle_webhook(&job.id, job.lease_until, &outcome, Utc::now())
                .await
            {
                tracing::error!(%error, "a webhook delivery could not be settled");
                continue;
            }
            self.state.metrics.webhooks(result).inc();
        }
        Ok(jobs.len())
    }

    /// Sends one delivery and tells what became of it. Every body the receiver took is in
    /// the citizen's log; delivered means it answered 2xx and that entry is durable.
    async fn deliver(&self, job: &WebhookJob) -> Result<WebhookOutcome, StoreError> {
        if job.url.is_empty() {
            return Ok(WebhookOutcome::Dropped);
        }
        let retry = |error: &str| {
            // Neither the URL nor the request's content goes into the log.
            tracing::warn!(provider = %job.provider, attempts = job.attempts + 1, "a webhook delivery failed; it is tried again later");
            WebhookOutcome::Retry {
                at: Utc::now() + backoff(self.settings.retry_base, job.attempts + 1),
                error: error.to_owned(),
            }
        };
        let Ok(http) = &self.http else {
            return Ok(retry("the webhook client could not be built"));
        };
        // Checked again at each delivery, whenever the URL was stored: an IP literal is never
        // resolved, so the resolver's check would not see it.
        if !url::Url::parse(&job.url).is_ok_and(|url| self.destinations.allows_url(&url)) {
            return Ok(retry("the webhook's address is not on the internet"));
        }
        let correction = self.state.core.store.correction(&job.correction).await?;
        let provider = self.state.core.store.provider(&job.provider).await?;
        let body = WebhookBody {
            delivery: job.id.to_string(),
            event: WebhookEvent::of_revision(job.revision),
            revision: job.revision,
            correction: ProviderCorrectionView::of(&correction),
        };
        let body = serde_json::to_vec(&body).map_err(StoreError::other)?;
        let delivery = job.id.to_string();
        let timestamp = Utc::now().timestamp();
        let sent = http
            .post(&job.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(DELIVERY_HEADER, &delivery)
            .header(
                EVENT_HEADER,
                WebhookEvent::of_revision(job.revision).as_str(),
            )
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(
                SIGNATURE_HEADER,
                self.state.webhook_signer.sign(&delivery, timestamp, &body),
            )
            .body(body)
            .send()
            .await;
        let failure = match sent {
            Ok(response) => {
                // The receiver took the body, whatever it answered: the authority has read it.
                let (by, read) = overblik_core::corrections::provider_read(&provider, &correction);
                let logged = (self.state.core)
                    .disclose(&by, Channel::Webhook, None, read, ())
                    .await;
                match (response.status().is_success(), logged) {
                    (true, Ok(_)) => return Ok(WebhookOutcome::Delivered),
                    // Sent again later under the same delivery id, once the read can be logged.
                    (true, Err(error)) => {
                        format!("the access log could not record the delivery: {error}")
                    }
                    (false, logged) => {
                        if let Err(error) = logged {
                            tracing::error!(%error, "a webhook delivery the receiver refused was not logged");
                        }
                        format!("the receiver answered {}", response.status())
                    }
                }
            }
            Err(error) => format!("the receiver could not be reached: {}", without_url(&error)),
        };
        Ok(retry(&failure))
    }
}

/// A client error's words without the URL, which may hold the authority's secrets.
fn without_url(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "request failed"
    };
    kind.to_owned()
}

impl crate::outbox::OutboxWorker for WebhookWorker {
    const NAME: &'static str = "the webhook worker";

    fn poll_interval(&self) -> std::time::Duration {
        self.settings.poll_interval
    }

    fn round(&self) -> impl Future<Output = Result<usize, StoreError>> + Send {
        WebhookWorker::round(self)
    }
}
