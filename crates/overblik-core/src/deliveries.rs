//! Authorities' deliveries: a heartbeat from one with nothing new, and the registered
//! authorities with their last delivery, kept in this process for a short while because every
//! overview shows which of them are stale or missing.

use crate::Core;
use overblik_store::{Provider, StoreResult};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long this process shows the authorities as it last read them. Staleness is counted
/// in days; a delivery through another server shows here within this time, and one through
/// this server at once.
pub const PROVIDERS_KEPT: Duration = Duration::from_secs(30);

/// The registered authorities as last read, and when.
#[derive(Debug, Default)]
pub struct ProvidersSeen(Mutex<Seen>);

#[derive(Debug, Default)]
struct Seen {
    kept: Option<(Instant, Arc<[Provider]>)>,
    /// How often what was read has been forgotten: a read begun before the last change
    /// this process made may have missed it, and is not kept.
    forgotten: u64,
}

impl ProvidersSeen {
    fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The authorities read less than [`PROVIDERS_KEPT`] ago; otherwise the count of
    /// forgettings to hand to [`Self::keep`] with a new read.
    fn fresh(&self) -> Result<Arc<[Provider]>, u64> {
        let seen = self.seen();
        seen.kept
            .as_ref()
            .filter(|(read, _)| read.elapsed() < PROVIDERS_KEPT)
            .map(|(_, providers)| Arc::clone(providers))
            .ok_or(seen.forgotten)
    }

    /// Keeps a read begun when [`Self::fresh`] answered `forgotten`, unless a change was
    /// made since.
    fn keep(&self, forgotten: u64, providers: Arc<[Provider]>) {
        let mut seen = self.seen();
        if seen.forgotten == forgotten {
            seen.kept = Some((Instant::now(), providers));
        }
    }

    /// Forgets what was read, after a change this process made.
    pub fn forget(&self) {
        let mut seen = self.seen();
        seen.kept = None;
        seen.forgotten += 1;
    }
}

impl Core {
    /// The registered authorities with their last delivery, read at most
    /// [`PROVIDERS_KEPT`] ago (or since this process last noted a delivery).
    pub async fn providers(&self) -> StoreResult<Arc<[Provider]>> {
        let forgotten = match self.providers_seen.fresh() {
            Ok(providers) => return Ok(providers),
            Err(forgotten) => forgotten,
        };
        let providers: Arc<[Provider]> = self.store.providers().await?.into();
        self.providers_seen.keep(forgotten, Arc::clone(&providers));
        Ok(providers)
    }

    /// Notes that `provider` has delivered everything it has, with nothing to change: its
    /// information counts as current from now.
    pub async fn heartbeat(&self, provider: &Provider) -> StoreResult<()> {
        self.store
            .note_delivery(&provider.id, chrono::Utc::now())
            .await?;
        self.providers_seen.forget();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authorities(names: &[&str]) -> Arc<[Provider]> {
        names
            .iter()
            .map(|name| Provider {
                id: name.parse().expect("a provider id"),
                name: (*name).to_owned(),
                public_keys: Vec::new(),
                classifications: Vec::new(),
                homepage: None,
                registered_at: chrono::Utc::now(),
                stale_after_days: None,
                last_delivery: None,
            })
            .collect()
    }

    #[test]
    fn a_read_begun_before_a_change_is_not_kept() {
        let seen = ProvidersSeen::default();
        let Err(begun) = seen.fresh() else {
            panic!("nothing was read yet")
        };
        // A delivery is noted while the read is on its way.
        seen.forget();
        seen.keep(begun, authorities(&["tax"]));
        let Err(again) = seen.fresh() else {
            panic!("the read from before the delivery was kept")
        };
        seen.keep(again, authorities(&["tax", "school"]));
        let kept = seen.fresh().expect("the read after the delivery is kept");
        assert_eq!(kept.len(), 2);
    }
}
