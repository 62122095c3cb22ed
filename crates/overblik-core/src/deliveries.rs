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
pub struct ProvidersSeen(Mutex<Option<(Instant, Arc<[Provider]>)>>);

impl ProvidersSeen {
    fn fresh(&self) -> Option<Arc<[Provider]>> {
        let seen = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        seen.as_ref()
            .filter(|(read, _)| read.elapsed() < PROVIDERS_KEPT)
            .map(|(_, providers)| Arc::clone(providers))
    }

    fn keep(&self, providers: Arc<[Provider]>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some((Instant::now(), providers));
    }

    /// Forgets what was read, after a change this process made.
    pub fn forget(&self) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

impl Core {
    /// The registered authorities with their last delivery, read at most
    /// [`PROVIDERS_KEPT`] ago (or since this process last noted a delivery).
    pub async fn providers(&self) -> StoreResult<Arc<[Provider]>> {
        if let Some(providers) = self.providers_seen.fresh() {
            return Ok(providers);
        }
        let providers: Arc<[Provider]> = self.store.providers().await?.into();
        self.providers_seen.keep(Arc::clone(&providers));
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
