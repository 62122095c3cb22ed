//! Overblik's benchmarks. Each prints its figures next to a floor measured in the same run.
//!
//! `cargo run --release -p overblik-bench -- ingest` pushes a million demo records through the
//! real provider HTTP API into a fresh SQLite store, and inserts the same rows straight into
//! SQLite in the same batch sizes as the floor.
//!
//! `cargo run --release -p overblik-bench -- ledger` appends access log entries from many
//! concurrent writers, against writing the same rows straight into SQLite.
//!
//! `cargo run --release -p overblik-bench -- overview` loads signed-in citizens' overview page
//! and JSON from a store of 100,000 citizens with five years of history, against a handler
//! that answers a body of the same size without reading the store.
//!
//! `cargo run --release -p overblik-bench -- notify` sends 100,000 citizens' due reminders
//! through the mail worker to a local SMTP server while the overview page is under load,
//! against the same e-mails sent straight over SMTP, and the overview's latency alone.
//!
//! `cargo run --release -p overblik-bench -- scale` loads 50,000 citizens (about 10 million
//! records) into PostgreSQL through the provider API and compares the overview's latency at
//! 100,000 records with its latency at 10 million.
//!
//! `cargo run --release -p overblik-bench -- export` downloads a 200-record and a 10,000-record
//! citizen's data as a package (ZIP) and as a document (PDF) through the citizen API: time,
//! bytes and the peak growth of resident memory, against reading the same records and
//! writing them as JSON.
//!
//! `cargo run --release -p overblik-bench -- servers` runs one, two and three servers on one
//! PostgreSQL database: the overview and the access log's entries per second, how long entries
//! wait for their seal, the bytes of an entry, and the overview with the log on against off.
//!
//! `cargo run --release -p overblik-bench -- shared` has a registered recipient fetch a
//! 200-record citizen's records under their consent (an access token bound to a DPoP key, a
//! proof signed for each fetch) from 1 and 8 clients, against the citizen's own read of the
//! same records through the citizen API, and checks that every fetch is in the citizen's log.
//!
//! `cargo run --release -p overblik-bench -- certificates` issues a 200-record citizen's
//! residence certificate through the citizen API, against its draft (the same reads and log
//! entry, nothing signed or stored), and checks it through the verification API by its
//! compact signed form and its SD-JWT, against a check by its code; offline, it opens,
//! verifies, seals and issues the two forms against bare Ed25519, and checks that every
//! issue, draft and check is in the holder's log.

mod certificates;
mod export;
mod ingest;
mod ledger;
mod load;
mod notify;
mod overview;
mod scale;
mod server;
mod servers;
mod shared;

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
    /// Access log entries per second through the ledger, against straight SQLite inserts.
    Ledger(ledger::Args),
    /// Overview page and JSON under load, against a same-size answer that reads nothing.
    Overview(overview::Args),
    /// Reminders e-mailed per second by the worker, against straight SMTP, and the overview
    /// page's p99 while it sends.
    Notify(notify::Args),
    /// Ten million records into PostgreSQL through the provider API, and the overview's
    /// latency at a hundred thousand records against at ten million.
    Scale(scale::Args),
    /// One, two and three servers on one PostgreSQL database: the overview and the access
    /// log's entries per second, the wait for their seal, entry bytes, the log on against off.
    Servers(servers::Args),
    /// A citizen's data downloaded as a package and as a document: time, bytes and memory,
    /// against reading and writing the same records as JSON.
    Export(export::Args),
    /// A recipient's fetches of a citizen's records under their consent, a DPoP proof signed
    /// for each, against the citizen API's read of the same records.
    Shared(shared::Args),
    /// Issuing and checking certificates, online against a draft and a check by code, and
    /// offline against bare Ed25519.
    Certificates(certificates::Args),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().benchmark {
        Benchmark::Ingest(args) => ingest::run(args).await,
        Benchmark::Ledger(args) => ledger::run(args).await,
        Benchmark::Overview(args) => overview::run(args).await,
        Benchmark::Notify(args) => notify::run(args).await,
        Benchmark::Scale(args) => scale::run(args).await,
        Benchmark::Servers(args) => servers::run(args).await,
        Benchmark::Export(args) => export::run(args).await,
        Benchmark::Shared(args) => shared::run(args).await,
        Benchmark::Certificates(args) => certificates::run(args).await,
    }
}
