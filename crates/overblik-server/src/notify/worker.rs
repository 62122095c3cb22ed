//! The mail worker: takes due notices from the outbox, sends each as the citizen wants it,
//! and writes down what became of it right after, so that a crash resends at most the
//! e-mails in flight, and an SMTP outage only delays them.

use super::mail::{MailSettings, Mailer, SEND_TIMEOUT};
use crate::metrics::Metrics;
use chrono::Utc;
use overblik_model::notify::{MailOutcome, MailState, backoff, next_digest};
use overblik_store::{MailJob, Store, StoreError};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Notices taken from the outbox at a time, for each e-mail sent at the same time: few
/// enough that all are sent well within the lease.
const CLAIM_PER_SENDER: usize = 10;

/// Sends the outbox's due notices, for as long as it runs.
#[derive(Debug, Clone)]
pub struct Worker {
    store: Arc<dyn Store>,
    mailer: Arc<Mailer>,
    settings: MailSettings,
    metrics: Arc<Metrics>,
}

/// One e-mail to send: to whom, and the notices it tells.
struct Mail {
    to: String,
    jobs: Vec<MailJob>,
}

impl Worker {
    pub fn new(
        store: Arc<dyn Store>,
        mailer: Mailer,
        settings: MailSettings,
        metrics: Arc<Metrics>,
    ) -> Self {
        Self {
            store,
            mailer: Arc::new(mailer),
            settings,
            metrics,
        }
    }

    /// Runs until the task is dropped, in the loop every outbox worker shares.
    pub async fn run(self) {
        crate::outbox::run(self).await;
    }

    /// Takes one batch of due notices and settles every one of them; returns how many.
    pub async fn round(&self) -> Result<usize, StoreError> {
        let now = Utc::now();
        let lease =
            chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::minutes(5));
        let batch = (self.settings.concurrency.max(1) * CLAIM_PER_SENDER).min(1000) as u32;
        let jobs = self.store.claim_mail(now, now + lease, batch).await?;
        let taken = jobs.len();
        let mut mails = Vec::new();
        let mut digests: HashMap<_, Mail> = HashMap::new();
        for job in jobs {
            let to = match &job.notice.confirmation {
                Some(confirmation) => Some(confirmation.address.clone()),
                None => job
                    .preferences
                    .mail_to(job.notice.happening)
                    .map(str::to_owned),
            };
            let Some(to) = to else {
                self.settle(&job, MailOutcome::Skipped, "skipped").await?;
                continue;
            };
            // A reminder held for the next digest could come after its moment.
            let for_digest = job.preferences.digest
                && job.notice.confirmation.is_none()
                && !job.notice.happening.is_reminder();
            match (for_digest, job.state) {
                (true, MailState::Pending) => {
                    let until = next_digest(now);
                    self.settle(&job, MailOutcome::Hold { until }, "held")
                        .await?;
                }
                (true, _) => digests
                    .entry(job.notice.subject)
                    .or_insert_with(|| Mail {
                        to,
                        jobs: Vec::new(),
                    })
                    .jobs
                    .push(job),
                (false, _) => mails.push(Mail {
                    to,
                    jobs: vec![job],
                }),
            }
        }
        mails.extend(digests.into_values());

        let limit = Arc::new(Semaphore::new(self.settings.concurrency.max(1)));
        let mut sending = JoinSet::new();
        for mail in mails {
            let worker = self.clone();
            let limit = limit.clone();
            sending.spawn(async move {
                let _permit = limit.acquire().await;
                worker.deliver(mail).await
            });
        }
        // Every e-mail under way is seen to its end, even when the store fails for one:
        // dropping the set would cut the others off mid-send, to be sent again.
        let mut failed = None;
        while let Some(done) = sending.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(error)) => failed = Some(error),
                Err(error) => tracing::error!(%error, "a mail task failed"),
            }
        }
        match failed {
            Some(error) => Err(error),
            None => Ok(taken),
        }
    }

    /// Sends one e-mail and settles its notices at once.
    async fn deliver(&self, mail: Mail) -> Result<(), StoreError> {
        let Some(first) = mail.jobs.first() else {
            return Ok(());
        };
        // Too little of the lease left to send within it: another worker may take these
        // notices meanwhile, and both would send them. They wait for the next claim.
        let margin = chrono::Duration::from_std(SEND_TIMEOUT.min(self.settings.lease / 2))
            .unwrap_or_default();
        if Utc::now() + margin >= first.lease_until {
            return Ok(());
        }
        let preferences = first.preferences.clone();
        let notices: Vec<_> = mail.jobs.iter().map(|job| &job.notice).collect();
        match self.mailer.send(&mail.to, &notices, &preferences).await {
            Ok(()) => {
                for job in &mail.jobs {
                    self.settle(job, MailOutcome::Sent, "sent").await?;
                }
            }
            Err(error) => {
                // Neither the address nor the content goes into the log.
                tracing::warn!(%error, notices = mail.jobs.len(), "an e-mail was not sent");
                for job in &mail.jobs {
                    if error.gives_up(job.attempts) {
                        let outcome = MailOutcome::Failed {
                            error: error.to_string(),
                        };
                        self.settle(job, outcome, "given_up").await?;
                    } else {
                        let at = Utc::now() + backoff(self.settings.retry_base, job.attempts + 1);
                        let outcome = MailOutcome::Retry {
                            at,
                            error: error.to_string(),
                        };
                        self.settle(job, outcome, "failed").await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn settle(
        &self,
        job: &MailJob,
        outcome: MailOutcome,
        result: &'static str,
    ) -> Result<(), StoreError> {
        match self
            .store
            .settle_mail(&job.notice.id, job.lease_until, &outcome, Utc::now())
            .await
        {
            Ok(()) => {}
            // Cancelled meanwhile, or taken by another worker: not this one's to write.
            Err(StoreError::NotFound) => {
                tracing::warn!("a notice's claim ended before it was settled");
                return Ok(());
            }
            Err(error) => return Err(error),
        }
        self.metrics.mails(result).inc();
        Ok(())
    }
}

impl crate::outbox::OutboxWorker for Worker {
    const NAME: &'static str = "the mail worker";

    fn poll_interval(&self) -> std::time::Duration {
        self.settings.poll_interval
    }

    fn round(&self) -> impl Future<Output = Result<usize, StoreError>> + Send {
        Worker::round(self)
    }
}
