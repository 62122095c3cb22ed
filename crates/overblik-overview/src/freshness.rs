//! How fresh each authority's information is. Authorities deliver to Overblik, which keeps
//! what they sent; one that stops delivering never blanks a page, but what it holds about the
//! citizen may be out of date, and the citizen is told so, authority by authority.

use chrono::{DateTime, Duration, Utc};
use overblik_model::{Area, Catalogue};
use overblik_store::Provider;
use serde::Serialize;
use utoipa::ToSchema;

/// Whether an authority's information can be relied on as current.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Freshness {
    /// It delivered within the days it promised, or promised none.
    Current,
    /// It has delivered nothing for longer than it promised: what it holds may be out of date.
    Stale,
    /// It has never delivered: what it holds about the citizen is not here at all.
    Missing,
}

/// One authority's freshness, as the citizen is told it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AuthorityFreshness {
    /// The authority's id.
    pub provider: String,
    /// Its name as citizens know it.
    pub name: String,
    pub freshness: Freshness,
    /// When it last delivered (a batch or a heartbeat).
    pub last_delivery: Option<DateTime<Utc>>,
    /// The days it promised may pass between deliveries, if it promised any.
    pub stale_after_days: Option<u32>,
    /// The life areas its information falls in.
    pub areas: Vec<Area>,
}

impl AuthorityFreshness {
    pub fn of(provider: &Provider, now: DateTime<Utc>) -> Self {
        Self {
            provider: provider.id.to_string(),
            name: provider.name.clone(),
            freshness: freshness(provider, now),
            last_delivery: provider.last_delivery,
            stale_after_days: provider.stale_after_days,
            areas: Catalogue::get().areas(&provider.classifications),
        }
    }

    /// Whether the citizen should be warned about it.
    pub fn is_doubtful(&self) -> bool {
        self.freshness != Freshness::Current
    }
}

/// An authority's freshness at `now`.
pub fn freshness(provider: &Provider, now: DateTime<Utc>) -> Freshness {
    match (provider.last_delivery, provider.stale_after_days) {
        (None, _) => Freshness::Missing,
        (Some(last), Some(days)) if now - last > Duration::days(i64::from(days)) => {
            Freshness::Stale
        }
        (Some(_), _) => Freshness::Current,
    }
}

/// Every authority's freshness at `now`, by name.
pub fn authorities(providers: &[Provider], now: DateTime<Utc>) -> Vec<AuthorityFreshness> {
    let mut authorities: Vec<AuthorityFreshness> = providers
        .iter()
        .map(|provider| AuthorityFreshness::of(provider, now))
        .collect();
    authorities.sort_by(|a, b| a.name.cmp(&b.name));
    authorities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(last_delivery: Option<&str>, stale_after_days: Option<u32>) -> Provider {
        Provider {
            id: "kommune".parse().expect("an id"),
            name: "Kommune".to_owned(),
            public_keys: Vec::new(),
            classifications: vec!["28".to_owned()],
            homepage: None,
            registered_at: "2026-01-01T00:00:00Z".parse().expect("a time"),
            stale_after_days,
            last_delivery: last_delivery.map(|at| at.parse().expect("a time")),
        }
    }

    #[test]
    fn an_authority_is_stale_only_past_its_own_promise() {
        let now: DateTime<Utc> = "2026-12-05T12:00:00Z".parse().expect("a time");
        for (last, days, expected) in [
            (None, Some(7), Freshness::Missing),
            (None, None, Freshness::Missing),
            (Some("2026-11-28T12:00:00Z"), Some(7), Freshness::Current),
            (Some("2026-11-28T11:59:59Z"), Some(7), Freshness::Stale),
            (Some("2026-12-05T06:00:00Z"), Some(1), Freshness::Current),
            (Some("2020-01-01T00:00:00Z"), None, Freshness::Current),
        ] {
            assert_eq!(
                freshness(&provider(last, days), now),
                expected,
                "{last:?} {days:?}"
            );
        }
        let shown = AuthorityFreshness::of(&provider(None, Some(7)), now);
        assert!(shown.is_doubtful());
        assert_eq!(shown.areas, Catalogue::get().areas(&["28".to_owned()]));
    }
}
