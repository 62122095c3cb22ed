//! `overblik serve`: run the server with a configuration file.

use crate::config::Config;
use anyhow::Context;
use overblik_server::AppState;
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
    tracing::info!(url = %settings.public_url, "serving");
    eprintln!("Overblik is serving at {}", settings.public_url);
    overblik_server::serve(listener, AppState::new(stores.records, ledger, settings)).await?;
    Ok(ExitCode::SUCCESS)
}
