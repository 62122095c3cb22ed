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
    // Authorities that registered a webhook are told of correction requests as they come.
    tokio::spawn(WebhookWorker::new(state.clone(), WebhookSettings::default()).run());
    tracing::info!(url = %state.settings.public_url, "serving");
    eprintln!("Overblik is serving at {}", state.settings.public_url);
    overblik_server::serve(listener, state).await?;
    Ok(ExitCode::SUCCESS)
}
