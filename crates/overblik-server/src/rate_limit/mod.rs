//! How fast one client may sign in, ask for provider tokens and write as a citizen, and how
//! much a citizen may send in reports and confirmation e-mails.
//!
//! The rates (sign-in, token, citizen writes) are counted in this server process's memory by
//! `governor`, keyed by the client's address, the provider's client id or the session; with
//! several servers behind a balancer each counts on its own. The limits that must hold for a
//! citizen whichever server they reach (reports, confirmation e-mails) are counted in the store.

pub mod layer;

use crate::problem::{Problem, retry_after_seconds};
use axum::http::StatusCode;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The `[rate_limits]` table. A rate of 0 per minute switches that limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Sign-in steps (`GET /login` and `GET /login/callback`, two per sign-in) per client
    /// address, per minute...
    pub sign_in_per_minute: u32,
    /// ...and how many may come at once.
    pub sign_in_burst: u32,
    /// Token requests per client address and per provider client id, per minute...
    pub token_per_minute: u32,
    /// ...and how many may come at once.
    pub token_burst: u32,
    /// Writes (POST, PUT, DELETE) on the citizen API and the pages' forms per session (per
    /// client address without one), per minute...
    pub citizen_writes_per_minute: u32,
    /// ...and how many may come at once.
    pub citizen_writes_burst: u32,
    /// Reports a citizen may have open (not answered or withdrawn) about one record.
    pub reports_open_per_record: u32,
    /// Reports a citizen may have open in all.
    pub reports_open: u32,
    /// Reports a citizen may send in 24 hours.
    pub reports_per_day: u32,
    /// Attachment bytes a citizen may send with reports in 24 hours.
    pub report_bytes_per_day: u64,
    /// Confirmation e-mails a citizen may have sent in an hour...
    pub confirmation_emails_per_hour: u32,
    /// ...and one address may receive in an hour, whoever asks.
    pub confirmation_emails_per_address_per_hour: u32,
}

impl RateLimitSettings {
    /// The limits the use cases count in the store: correction requests and confirmation
    /// e-mails.
    pub fn citizen_limits(&self) -> overblik_core::Limits {
        overblik_core::Limits {
            reports_open_per_record: self.reports_open_per_record,
            reports_open: self.reports_open,
            reports_per_day: self.reports_per_day,
            report_bytes_per_day: self.report_bytes_per_day,
            confirmation_emails_per_hour: self.confirmation_emails_per_hour,
            confirmation_emails_per_address_per_hour: self.confirmation_emails_per_address_per_hour,
        }
    }
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        Self {
            sign_in_per_minute: 30,
            sign_in_burst: 20,
            token_per_minute: 60,
            token_burst: 20,
            citizen_writes_per_minute: 60,
            citizen_writes_burst: 30,
            reports_open_per_record: 3,
            reports_open: 20,
            reports_per_day: 20,
            report_bytes_per_day: 50 * 1024 * 1024,
            confirmation_emails_per_hour: 3,
            confirmation_emails_per_address_per_hour: 3,
        }
    }
}

/// One rate, for any kind of key; `None` inside when switched off.
struct Limiter<K: Hash + Eq + Clone> {
    limiter: Option<DefaultKeyedRateLimiter<K>>,
    /// Checks since the limiter last forgot keys that are back to full.
    checks: AtomicU64,
}

/// How many checks pass between two clean-ups of the keys that are back to full.
const CHECKS_BETWEEN_CLEANUPS: u64 = 4096;

impl<K: Hash + Eq + Clone> Limiter<K> {
    fn new(per_minute: u32, burst: u32) -> Self {
        let limiter = NonZeroU32::new(per_minute).map(|rate| {
            let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
            RateLimiter::keyed(Quota::per_minute(rate).allow_burst(burst))
        });
        Self {
            limiter,
            checks: AtomicU64::new(0),
        }
    }

    /// `Err` with the wait until `key` may go again, when it went too often.
    fn check(&self, key: &K) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        // A key map that only grows would be a flood of its own: keys back to a full
        // allowance are forgot now and then.
        if self.checks.fetch_add(1, Ordering::Relaxed) % CHECKS_BETWEEN_CLEANUPS
            == CHECKS_BETWEEN_CLEANUPS - 1
        {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        limiter
            .check_key(key)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// Who writes as a citizen: the session (by its token's hash), or the address without one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Writer {
    Session([u8; 32]),
    Address(IpAddr),
}

/// The rate limiters of one server process.
pub struct RateLimiters {
    pub settings: RateLimitSettings,
    sign_in: Limiter<IpAddr>,
    token_by_address: Limiter<IpAddr>,
    token_by_client: Limiter<String>,
    citizen_writes: Limiter<Writer>,
}

impl std::fmt::Debug for RateLimiters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiters")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl RateLimiters {
    pub fn new(settings: RateLimitSettings) -> Self {
        Self {
            settings,
            sign_in: Limiter::new(settings.sign_in_per_minute, settings.sign_in_burst),
            token_by_address: Limiter::new(settings.token_per_minute, settings.token_burst),
            token_by_client: Limiter::new(settings.token_per_minute, settings.token_burst),
            citizen_writes: Limiter::new(
                settings.citizen_writes_per_minute,
                settings.citizen_writes_burst,
            ),
        }
    }

    /// Counts a token request naming `client_id`; a problem with `Retry-After` when that
    /// client asked too often.
    pub fn check_token_client(&self, client_id: &str) -> Result<(), Problem> {
        self.token_by_client
            .check(&client_id.to_owned())
            .map_err(too_many)
    }
}

/// The problem answer of a limit: 429 with `Retry-After`.
pub fn too_many(wait: Duration) -> Problem {
    let seconds = retry_after_seconds(wait);
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-requests",
        "Too many requests",
    )
    .detail(format!("try again in {seconds} seconds"))
    .retry_after(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::retry_after_seconds;

    #[test]
    fn a_burst_over_the_limit_waits_and_a_switched_off_limit_never_does() {
        let limiter = Limiter::<u8>::new(60, 2);
        assert!(limiter.check(&1).is_ok());
        assert!(limiter.check(&1).is_ok());
        let wait = limiter
            .check(&1)
            .expect_err("the third at once is over the burst");
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(limiter.check(&2).is_ok(), "another key counts on its own");
        let off = Limiter::<u8>::new(0, 0);
        assert!((0..1000).all(|_| off.check(&1).is_ok()));
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_secs(2)), 2);
        assert_eq!(retry_after_seconds(Duration::from_millis(2001)), 3);
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
    }
}
