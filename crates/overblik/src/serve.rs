//! `overblik serve`: run the server with a configuration file.

use crate::config::Config;
use anyhow::Context;
use overblik_server::AppState;
use overblik_server::corrections::webhook::{WebhookSettings, WebhookWorker};
use overblik_server::notify::{Mailer, Worker};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration file (TOML); OVERBLIK_* environment variables override it.
    #[arg(long)]
    config: Option<PathBuf>,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::load(args.config.as_deref())?;
    let settings = config.server_settings()?;
    let stores = crate::config::open_stores(&config.database_url).await?;
    let ledger = crate::config::open_ledger(config.log_key.as_ref(), stores.ledger).await?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("could not listen on {}", config.listen))?;
    let metrics_listener = match &config.metrics_listen {
        Some(address) => Some(
            tokio::net::TcpListener::bind(address)
                .await
                .with_context(|| format!("could not listen on {address} for metrics"))?,
        ),
        None => None,
    };
    let state = AppState::new(stores.records, ledger, settings);
    if let Some(mail) = &state.settings.mail {
        let mailer = Mailer::new(mail, &state.settings.public_url)
            .context("the [mail] settings are not valid")?;
        let worker = Worker::new(
            state.store.clone(),
            mailer,
            mail.clone(),
            state.metrics.clone(),
        );
        tokio::spawn(worker.run());
        tracing::info!("sending notifications by e-mail");
    }
    // Checkpoints are signed on a schedule, so reading one never writes.
    state.ledger.sign_every(config.checkpoint_interval());
    // Authorities that registered a webhook are told of correction requests as they come.
    tokio::spawn(WebhookWorker::new(state.clone(), WebhookSettings::default()).run());
    tracing::info!(url = %state.settings.public_url, "serving");
    eprintln!("Overblik is serving at {}", state.settings.public_url);
    match metrics_listener {
        Some(metrics) => {
            tracing::info!(address = ?metrics.local_addr().ok(), "serving /metrics apart");
            overblik_server::serve_apart(listener, metrics, state).await?;
        }
        None => overblik_server::serve(listener, state).await?,
    }
    Ok(ExitCode::SUCCESS)
}
