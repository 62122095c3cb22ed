//! One way to put Overblik together: its state, its background work and its routes, the
//! same for `overblik serve`, the demo, the tests and the benchmarks.

use crate::corrections::webhook::{WebhookSettings, WebhookWorker};
use crate::notify::mail::MailError;
use crate::notify::{Mailer, Worker};
use crate::state::{AppState, ServerSettings};
use axum::Router;
use overblik_ledger::Ledger;
use overblik_store::Store;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How often the access log's checkpoint is signed unless the builder is told otherwise: the
/// longest an entry waits before a signed checkpoint covers it.
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(10);

/// A running Overblik: its state, with its background work started.
pub struct Application {
    pub state: AppState,
    /// The schedule that signs the log's checkpoints; it ends with the ledger.
    pub checkpoints: JoinHandle<()>,
    mounts: Vec<(&'static str, Router)>,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// What [`Application::builder`] puts together.
pub struct Builder {
    store: Arc<dyn Store>,
    ledger: Arc<Ledger>,
    settings: ServerSettings,
    checkpoint_interval: Duration,
    workers: bool,
    mounts: Vec<(&'static str, Router)>,
}

impl Application {
    /// An application on `store` and `ledger` with `settings`: checkpoints signed every
    /// [`CHECKPOINT_INTERVAL`], and the workers that tell authorities of correction requests
    /// (webhooks) and citizens of what changed (e-mail, when `settings.mail` is set).
    pub fn builder(
        store: Arc<dyn Store>,
        ledger: Arc<Ledger>,
        settings: ServerSettings,
    ) -> Builder {
        Builder {
            store,
            ledger,
            settings,
            checkpoint_interval: CHECKPOINT_INTERVAL,
            workers: true,
            mounts: Vec::new(),
        }
    }

    /// Every route, with its middleware, and what was mounted beside them.
    pub fn router(&self) -> Router {
        crate::router(self.state.clone(), &self.mounts)
    }

    /// Serves the application on `listener` until Ctrl-C or SIGTERM.
    pub fn serve(
        &self,
        listener: TcpListener,
    ) -> impl Future<Output = std::io::Result<()>> + Send + 'static {
        crate::serve(listener, self.state.clone(), self.mounts.clone())
    }

    /// Serves the application on `listener` and `/metrics` on `metrics` only.
    pub fn serve_apart(
        &self,
        listener: TcpListener,
        metrics: TcpListener,
    ) -> impl Future<Output = std::io::Result<()>> + Send + 'static {
        crate::serve_apart(listener, metrics, self.state.clone(), self.mounts.clone())
    }
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("settings", &self.settings)
            .field("checkpoint_interval", &self.checkpoint_interval)
            .field("workers", &self.workers)
            .finish_non_exhaustive()
    }
}

impl Builder {
    /// Signs the log's checkpoints every `interval`.
    pub fn checkpoints_every(mut self, interval: Duration) -> Self {
        self.checkpoint_interval = interval;
        self
    }

    /// Serves `router` under `path` beside the application's own routes, behind the same
    /// middleware: the development OpenID provider, which only the demo and the tests mount.
    pub fn mount(mut self, path: &'static str, router: Router) -> Self {
        self.mounts.push((path, router));
        self
    }

    /// Starts no workers: for a test that runs them itself, step by step, and for a
    /// benchmark that measures requests alone.
    pub fn without_workers(mut self) -> Self {
        self.workers = false;
        self
    }

    /// Builds the state and starts the background work; needs a Tokio runtime. Fails only
    /// when the `[mail]` settings cannot make a mailer.
    pub fn start(self) -> Result<Application, MailError> {
        let state = AppState::new(self.store, self.ledger, self.settings);
        let checkpoints = state.core.ledger.integrate_every(self.checkpoint_interval);
        if self.workers {
            if let Some(mail) = &state.settings.mail {
                let mailer = Mailer::new(mail, &state.settings.public_url)?;
                let worker = Worker::new(
                    state.core.store.clone(),
                    mailer,
                    mail.clone(),
                    state.metrics.clone(),
                );
                tokio::spawn(worker.run());
                tracing::info!("sending notifications by e-mail");
            }
            tokio::spawn(WebhookWorker::new(state.clone(), WebhookSettings::default()).run());
        }
        Ok(Application {
            state,
            checkpoints,
            mounts: self.mounts,
        })
    }
}
