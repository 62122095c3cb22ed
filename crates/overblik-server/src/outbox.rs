//! The loop every outbox worker runs (the e-mail worker, the webhook worker): take what is
//! due, settle it, and wait a moment when there was nothing; a store failure is logged and
//! tried again after the same wait. The work lives in the outbox itself, in the store, so
//! any number of workers on any number of servers share it.

use overblik_store::StoreError;
use std::time::Duration;

/// One kind of work an outbox holds.
pub trait OutboxWorker {
    /// What the log calls this worker ("the mail worker").
    const NAME: &'static str;

    /// How long to wait when there was nothing to do, or the store failed.
    fn poll_interval(&self) -> Duration;

    /// Takes one batch of due work and settles it; returns how many it took.
    fn round(&self) -> impl Future<Output = Result<usize, StoreError>> + Send;
}

/// Runs `worker` until the task is dropped.
pub async fn run<W: OutboxWorker>(worker: W) {
    loop {
        match worker.round().await {
            Ok(0) => tokio::time::sleep(worker.poll_interval()).await,
            Ok(_) => {}
            Err(error) => {
                tracing::error!(%error, worker = W::NAME, "a worker could not read its outbox");
                tokio::time::sleep(worker.poll_interval()).await;
            }
        }
    }
}
