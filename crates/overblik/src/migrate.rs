//! `overblik migrate`: create or update the database schema.

use crate::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration file (TOML); without it, defaults and OVERBLIK_* variables apply.
    #[arg(long)]
    config: Option<PathBuf>,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = Config::load(args.config.as_deref())?;
    // Opening a store runs its migrations.
    config.open_store().await?;
    eprintln!("The database at {} is up to date.", config.database_url);
    Ok(ExitCode::SUCCESS)
}
