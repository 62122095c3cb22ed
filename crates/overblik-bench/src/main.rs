//! Overblik's benchmarks. Each prints its figures next to a floor measured in the same run.
//!
//! `cargo run --release -p overblik-bench -- ingest` pushes a million demo records through the
//! real provider HTTP API into a fresh SQLite store, and inserts the same rows straight into
//! SQLite in the same batch sizes as the floor.

mod ingest;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "overblik-bench",
    about = "Benchmarks of Overblik, each against a floor measured in the same run"
)]
struct Cli {
    #[command(subcommand)]
    benchmark: Benchmark,
}

#[derive(Debug, Subcommand)]
enum Benchmark {
    /// Records per second through the provider API, against straight SQLite inserts.
    Ingest(ingest::Args),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().benchmark {
        Benchmark::Ingest(args) => ingest::run(args).await,
    }
}
