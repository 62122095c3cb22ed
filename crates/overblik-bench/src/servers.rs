//! The servers benchmark: several servers on one PostgreSQL database, as a deployment behind a
//! load balancer runs them (here in one process, each server with its own connection pool,
//! access log and listener, so one of them is the log's integrator and the others follow).
//! Demo citizens are loaded through the provider API, then the overview JSON (one access log
//! entry per read) is read with one, two and three servers: requests and entries per second,
//! p50 and p99. Then how long entries waited for their seal, the bytes an entry takes per
//! kind of view, the overview with the log on against a server whose log writes nothing at
//! 64 connections, and the process's resident memory.

use crate::load::{Figures, Load, sign_in};
use crate::overview::UnwrittenLog;
use crate::scale::{fresh_database, load, resident_mb, settle};
use anyhow::{Context, ensure};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_demo::History;
use overblik_ledger::{Ledger, LedgerStore, LogKey};
use overblik_server::Application;
use overblik_store_postgres::PostgresStore;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Citizens to load, each with five years of history (about 200 records).
    #[arg(long, default_value_t = 2_000)]
    citizens: usize,
    /// The PostgreSQL server's maintenance database, where the benchmark's own is made.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    admin_url: String,
    /// The benchmark's database: dropped if it exists, made afresh, and left behind.
    #[arg(long, default_value = "overblik_servers")]
    database: String,
    /// Clients, each on its own keep-alive connection with one request at a time, spread
    /// over the servers in turn.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Seconds each load is measured, after a warm-up of a quarter as long.
    #[arg(long, default_value_t = 10)]
    duration: u64,
    /// Citizens signed in for the load, each request for one of them at random.
    #[arg(long, default_value_t = 2_000)]
    signed_in: usize,
    /// The demo country's seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// How often each server integrates (or follows) the log, as `overblik serve` does by default.
const INTEGRATE_EVERY: Duration = Duration::from_secs(1);

/// One load on some of the servers, and the entries the log took meanwhile.
struct Run {
    servers: usize,
    figures: Figures,
    entries_per_second: f64,
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(args.citizens > 0, "--citizens must be at least 1");
    let secret = crate::server::subject_key_secret()?;
    let url = fresh_database(&args.admin_url, &args.database).await?;
    let store = Arc::new(PostgresStore::open(&url).await?);
    let key = ProviderKey::generate(crate::server::PROVIDER, KeyAlgorithm::Ed25519)?;
    crate::ingest::register(&*store, &key).await?;
    let log_key = LogKey::generate("overblik.bench/log");

    let mut servers = Vec::new();
    for _ in 0..3 {
        servers.push(start_server(&url, &log_key, &secret, true).await?);
    }
    let (unlogged, _) = start_server(&url, &log_key, &secret, false).await?;
    let client = Arc::new(ProviderClient::new(
        &format!("http://{}", servers[0].0),
        key,
    ));
    client
        .fetch_token()
        .await
        .context("the benchmark server gives no token")?;
    let today = Utc::now().date_naive();
    let country =
        overblik_demo::citizens_with_history(args.seed, args.citizens, today, History::Deep);
    let progress = ProgressBar::new(args.citizens as u64).with_style(
        ProgressStyle::with_template(
            "Loading PostgreSQL through the provider API {bar:30} {pos}/{len} citizens, {msg} records",
        )
        .expect("a valid template"),
    );
    let (_, loaded) = load(country, args.citizens, 2_000, 2, &client, &progress, 0).await?;
    progress.finish_and_clear();
    settle(&store).await?;
    let resident_loaded = resident_mb("VmRSS:")?;
    let cookies = Arc::new(sign_in(&*store, &loaded.national_ids, args.signed_in, &secret).await?);
    let load = |addresses: Vec<SocketAddr>| Load {
        addresses,
        cookies: cookies.clone(),
        concurrency: args.concurrency.max(1),
        warm_up: Duration::from_secs(args.duration.div_ceil(4)),
        duration: Duration::from_secs(args.duration.max(1)),
    };
    let started = Utc::now();
    let mut runs = Vec::new();
    for count in 1..=3 {
        eprintln!("Loading the overview JSON on {count} server(s)...");
        let addresses = servers.iter().take(count).map(|(address, _)| *address);
        let before = written(&store).await?;
        let figures = load(addresses.collect())
            .drive("/api/citizen/v1/overview")
            .await?;
        let after = written(&store).await?;
        let took = Duration::from_secs(args.duration.max(1) + args.duration.div_ceil(4));
        runs.push(Run {
            servers: count,
            entries_per_second: (after - before) as f64 / took.as_secs_f64(),
            figures,
        });
    }
    eprintln!("Loading the overview JSON on a server whose log writes nothing...");
    let off = load(vec![unlogged])
        .drive("/api/citizen/v1/overview")
        .await?;
    let resident_after = resident_mb("VmRSS:")?;
    let peak = resident_mb("VmHWM:")?;

    // Views of a list: the area page of the citizen with the most economy records, read once.
    let http = reqwest::Client::new();
    for cookie in cookies.iter().take(20) {
        http.get(format!(
            "http://{}/api/citizen/v1/areas/economy",
            servers[0].0
        ))
        .header("cookie", cookie.to_str()?)
        .send()
        .await?
        .error_for_status()?;
    }
    eprintln!("Waiting for every entry's seal...");
    let ledger = &servers[0].1;
    wait_until_sealed(&store, ledger).await?;
    let delays = seal_delays(&store, started).await?;
    let sizes = entry_sizes(&store).await?;

    println!();
    println!(
        "servers: {} demo citizens ({} records) in PostgreSQL, {} clients on keep-alive connections \
         spread over the servers, {} s measured after {} s of warm-up; every server integrates or \
         follows the log every {} s",
        args.citizens,
        loaded.records,
        args.concurrency,
        args.duration.max(1),
        args.duration.div_ceil(4),
        INTEGRATE_EVERY.as_secs()
    );
    println!(
        "  {:<34} {:>9} {:>9} {:>12} {:>10} {:>12}",
        "overview JSON", "p50", "p99", "requests/s", "body", "entries/s"
    );
    for run in &runs {
        println!(
            "  on {} server(s)                   {} {:>12.0}",
            run.servers,
            run.figures.row(),
            run.entries_per_second
        );
    }
    println!("  log off (one server)              {}", off.row());
    let one = &runs[0].figures;
    println!(
        "  log on / off, one server: throughput {:.2} (target: 0.85 or more), p99 {:.2} (target: 1.15 or less)",
        one.rate() / off.rate(),
        one.quantile_ms(0.99) / off.quantile_ms(0.99)
    );
    println!(
        "  two servers / one: throughput {:.2}, p99 {:.2}; three / one: throughput {:.2}, p99 {:.2}",
        runs[1].figures.rate() / one.rate(),
        runs[1].figures.quantile_ms(0.99) / one.quantile_ms(0.99),
        runs[2].figures.rate() / one.rate(),
        runs[2].figures.quantile_ms(0.99) / one.quantile_ms(0.99)
    );
    println!(
        "  from durable to sealed (in a signed checkpoint): p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms over {} entries",
        delays.0, delays.1, delays.2, delays.3
    );
    for (view, average, largest, shown) in &sizes {
        println!(
            "  entry bytes of {view:<26} average {average:>5.0}, largest {largest:>5}{}",
            match shown {
                Some(records) => format!(" (a view of up to {records} records)"),
                None => String::new(),
            }
        );
    }
    println!("    (target: at most 512 bytes for an overview or area view of 200 records)");
    println!(
        "  resident memory of this process (four servers, their pools, the load clients): {resident_loaded:.0} MB after loading, {resident_after:.0} MB after the loads, peak {peak:.0} MB"
    );
    println!(
        "  the database {} is left on the server; drop it with: DROP DATABASE {};",
        args.database, args.database
    );
    let failed: u64 = runs.iter().map(|run| run.figures.failed).sum::<u64>() + off.failed;
    ensure!(failed == 0, "{failed} requests were not answered with 200");
    Ok(())
}

/// A server on the database at `url` with a pool, access log and listener of its own,
/// integrating every [`INTEGRATE_EVERY`]; with `log` false its log writes nothing.
async fn start_server(
    url: &str,
    log_key: &LogKey,
    secret: &overblik_model::SubjectKeySecret,
    log: bool,
) -> anyhow::Result<(SocketAddr, Arc<Ledger>)> {
    let store = Arc::new(PostgresStore::open(url).await?);
    let ledger_store: Arc<dyn LedgerStore> = match log {
        true => store.clone(),
        false => Arc::new(UnwrittenLog),
    };
    let ledger = Ledger::open(ledger_store, log_key.clone()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let settings = crate::server::settings(format!("http://{address}"), secret.clone());
    let application = Application::builder(store, ledger.clone(), settings)
        .without_workers()
        .checkpoints_every(INTEGRATE_EVERY)
        .start()?;
    tokio::spawn(application.serve(listener));
    Ok((address, ledger))
}

/// Entries durable so far, sealed or pending.
async fn written(store: &PostgresStore) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM access_entries) + (SELECT count(*) FROM access_pending)",
    )
    .fetch_one(store.pool())
    .await?)
}

async fn wait_until_sealed(store: &PostgresStore, ledger: &Ledger) -> anyhow::Result<()> {
    for _ in 0..600 {
        let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM access_pending")
            .fetch_one(store.pool())
            .await?;
        if pending == 0 {
            ledger.checkpoint().await?;
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("entries were still pending after a minute")
}

/// For entries written since `since`: how long from the read to the first checkpoint that
/// covers its entry, in milliseconds (p50, p99, max) and over how many entries.
async fn seal_delays(
    store: &PostgresStore,
    since: chrono::DateTime<Utc>,
) -> anyhow::Result<(f64, f64, f64, i64)> {
    let (p50, p99, max, count): (Option<f64>, Option<f64>, Option<f64>, i64) = sqlx::query_as(
        "WITH sealed AS (
             SELECT extract(epoch FROM (
                        SELECT c.signed_at FROM access_checkpoints c
                        WHERE c.size > e.leaf ORDER BY c.size LIMIT 1) - e.at)::float8 * 1000 AS ms
             FROM access_entries e WHERE e.at >= $1)
         SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms),
                percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms), count(*)
         FROM sealed",
    )
    .bind(since)
    .fetch_one(store.pool())
    .await?;
    Ok((
        p50.unwrap_or(0.0),
        p99.unwrap_or(0.0),
        max.unwrap_or(0.0),
        count,
    ))
}

/// Per kind of view: the average and largest entry in bytes, and for lists the most records
/// one showed.
async fn entry_sizes(
    store: &PostgresStore,
) -> anyhow::Result<Vec<(String, f64, i32, Option<i64>)>> {
    let rows: Vec<(String, f64, i32, Option<i64>)> = sqlx::query_as(
        "SELECT coalesce(entry::jsonb -> 'read' ->> 'description',
                         CASE WHEN entry::jsonb -> 'read' ? 'count' THEN 'a list of records'
                              WHEN entry::jsonb -> 'read' ? 'records' THEN 'one record'
                              ELSE 'an overview' END) AS view,
                avg(octet_length(entry))::float8, max(octet_length(entry)),
                max((entry::jsonb -> 'read' ->> 'count')::int8)
         FROM access_entries GROUP BY 1 ORDER BY 1",
    )
    .fetch_all(store.pool())
    .await?;
    Ok(rows)
}
