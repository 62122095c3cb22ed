//! `overblik serve`: run the server with a configuration file.

use crate::config::Config;
use anyhow::Context;
use overblik_server::Application;
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
    config.country.install()?;
    let settings = config.server_settings()?;
    // One server per SQLite file; PostgreSQL takes any number.
    let _serving = match config.database_url.starts_with("sqlite:") {
        true => Some(overblik_store_sqlite::lock_for_serving(&config.database_url).await?),
        false => None,
    };
    let stores = crate::config::open_stores_with(
        &config.database_url,
        config.database_connections,
        config.sqlite_page_cache_mib,
    )
    .await?;
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
    // The log's entries are integrated and checkpoints signed on a schedule, so reading one
    // never writes; authorities that registered a webhook are told of correction requests as
    // they come.
    let dev_idp = settings.dev_idp;
    let mut builder = Application::builder(stores.records, ledger, settings.clone())
        .checkpoints_every(config.checkpoint_interval());
    if dev_idp {
        builder = crate::demo::with_dev_idp(builder, &settings);
    }
    let application = builder
        .start()
        .context("the [mail] settings are not valid")?;
    let public_url = application.state.settings.public_url.clone();
    tracing::info!(url = %public_url, "serving");
    eprintln!("Overblik is serving at {public_url}");
    match metrics_listener {
        Some(metrics) => {
            tracing::info!(address = ?metrics.local_addr().ok(), "serving /metrics apart");
            application.serve_apart(listener, metrics).await?;
        }
        None => application.serve(listener).await?,
    }
    Ok(ExitCode::SUCCESS)
}
