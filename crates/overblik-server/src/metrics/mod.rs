//! Prometheus metrics, served at `GET /metrics`.

use chrono::{DateTime, Utc};
use overblik_store::OutboxStats;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::fmt;
use std::sync::atomic::AtomicU64;

pub mod endpoint;

/// An answered request's labels, each from a closed set, so that no request can add series
/// of its own choosing: the method if it is a standard one (else `other`), the route's
/// pattern as registered (`unmatched` for any path without a route), and the status code.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: &'static str,
    pub route: String,
    pub status: u16,
}

/// The method's label: one of the standard methods, or `other`.
pub(crate) fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    [
        (Method::GET, "GET"),
        (Method::HEAD, "HEAD"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::PATCH, "PATCH"),
        (Method::DELETE, "DELETE"),
        (Method::OPTIONS, "OPTIONS"),
        (Method::TRACE, "TRACE"),
        (Method::CONNECT, "CONNECT"),
    ]
    .into_iter()
    .find(|(standard, _)| standard == method)
    .map_or("other", |(_, label)| label)
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BatchLabels {
    pub provider: String,
    /// applied, replayed, key_reused or invalid
    pub outcome: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RecordLabels {
    pub provider: String,
    /// upserted, deleted or stale
    pub result: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MailLabels {
    /// sent, failed (to be retried), skipped (not wanted by e-mail) or held (for a digest)
    pub result: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct WebhookLabels {
    /// delivered, failed (to be retried) or dropped (the webhook was removed)
    pub result: &'static str,
}

/// The notification outbox's queue, read from the store at each scrape.
#[derive(Debug, Default)]
pub struct OutboxGauges {
    pub due: Gauge,
    pub retrying: Gauge,
    pub waiting: Gauge,
    pub oldest_due_age_seconds: Gauge<f64, AtomicU64>,
}

/// The server's metrics and the registry that renders them.
pub struct Metrics {
    registry: Registry,
    pub requests: Family<RequestLabels, Counter>,
    pub request_seconds: Family<RequestLabels, Histogram>,
    pub batches: Family<BatchLabels, Counter>,
    pub records: Family<RecordLabels, Counter>,
    mails: Family<MailLabels, Counter>,
    pub outbox: OutboxGauges,
    webhooks: Family<WebhookLabels, Counter>,
    /// Webhook deliveries due now, and waiting for a retry.
    pub webhooks_due: Gauge,
    pub webhooks_waiting: Gauge,
    /// 1 while this server is the access log's integrator, else 0; and the tree size of the
    /// latest checkpoint it knows.
    pub log_integrator: Gauge,
    pub log_size: Gauge,
}

impl fmt::Debug for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("overblik");
        let requests = Family::<RequestLabels, Counter>::default();
        let request_seconds = Family::<RequestLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.000_5, 2.0, 16))
        });
        let batches = Family::<BatchLabels, Counter>::default();
        let records = Family::<RecordLabels, Counter>::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests",
            request_seconds.clone(),
        );
        registry.register(
            "provider_batches",
            "Batches received from providers",
            batches.clone(),
        );
        registry.register(
            "provider_records",
            "Records received from providers",
            records.clone(),
        );
        let mails = Family::<MailLabels, Counter>::default();
        registry.register(
            "notification_mails",
            "Notices the mail worker settled, by what became of them",
            mails.clone(),
        );
        let outbox = OutboxGauges::default();
        registry.register(
            "notification_outbox_due",
            "Notices due for e-mail now",
            outbox.due.clone(),
        );
        registry.register(
            "notification_outbox_retrying",
            "Notices due for e-mail that failed at least once",
            outbox.retrying.clone(),
        );
        registry.register(
            "notification_outbox_waiting",
            "Notices for e-mail later: reminders, digests and retries",
            outbox.waiting.clone(),
        );
        registry.register(
            "notification_outbox_oldest_due_age_seconds",
            "How long the longest-waiting due notice has waited",
            outbox.oldest_due_age_seconds.clone(),
        );
        let webhooks = Family::<WebhookLabels, Counter>::default();
        registry.register(
            "correction_webhooks",
            "Webhook deliveries of correction requests settled, by what became of them",
            webhooks.clone(),
        );
        let webhooks_due = Gauge::default();
        registry.register(
            "correction_webhooks_due",
            "Webhook deliveries due now",
            webhooks_due.clone(),
        );
        let webhooks_waiting = Gauge::default();
        registry.register(
            "correction_webhooks_waiting",
            "Webhook deliveries waiting for a retry",
            webhooks_waiting.clone(),
        );
        let log_integrator = Gauge::default();
        registry.register(
            "access_log_integrator",
            "1 while this server gives the access log's entries their leaves and signs its checkpoints",
            log_integrator.clone(),
        );
        let log_size = Gauge::default();
        registry.register(
            "access_log_size",
            "Entries in the latest signed checkpoint this server knows",
            log_size.clone(),
        );
        Self {
            registry,
            requests,
            request_seconds,
            batches,
            records,
            mails,
            outbox,
            webhooks,
            webhooks_due,
            webhooks_waiting,
            log_integrator,
            log_size,
        }
    }
}

impl Metrics {
    /// The counter of notices settled with `result`.
    pub fn mails(&self, result: &'static str) -> Counter {
        self.mails.get_or_create(&MailLabels { result }).clone()
    }

    /// The counter of webhook deliveries settled with `result`.
    pub fn webhooks(&self, result: &'static str) -> Counter {
        self.webhooks
            .get_or_create(&WebhookLabels { result })
            .clone()
    }

    /// Sets the outbox gauges from the store's figures at `now`.
    pub fn set_outbox(&self, stats: &OutboxStats, now: DateTime<Utc>) {
        let count = |value: u64| i64::try_from(value).unwrap_or(i64::MAX);
        self.outbox.due.set(count(stats.due));
        self.outbox.retrying.set(count(stats.retrying));
        self.outbox.waiting.set(count(stats.waiting));
        let age = stats.oldest_due_at.map_or(0.0, |at| {
            (now - at).num_milliseconds().max(0) as f64 / 1000.0
        });
        self.outbox.oldest_due_age_seconds.set(age);
    }

    pub fn render(&self) -> String {
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &self.registry)
            .expect("writing to a String cannot fail");
        text
    }
}
