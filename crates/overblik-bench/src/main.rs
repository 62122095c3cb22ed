//! Overblik's benchmarks. Each prints its figures next to a floor measured in the same run.
//!
//! `cargo run --release -p overblik-bench -- ingest` pushes a million demo records through the
//! real provider HTTP API into a fresh SQLite store, and inserts the same rows straight into
//! SQLite in the same batch sizes as the floor.

mod ingest;

// Many short-lived allocations per record (JSON values, strings, bound parameters) on a
// few threads: mimalloc handles them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
