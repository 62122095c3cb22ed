//! The scale benchmark: demo citizens with five years of history (50,000 of them, about 10
//! million records) loaded into PostgreSQL through the provider HTTP API, and the overview
//! under load once the first 100,000 records are in and again with all of them, with the
//! resident memory of the process that serves.

use crate::ingest::register;
use crate::load::{Figures, Load, sign_in};
use anyhow::{Context, bail, ensure};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_demo::{BatchBodies, Citizen, History};
use overblik_ledger::{Ledger, LogKey};
use overblik_model::SubjectKeySecret;
use overblik_server::Application;
use overblik_store::Store;
use overblik_store_postgres::PostgresStore;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, mpsc};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Citizens to load, each with five years of history (about 200 records).
    #[arg(long, default_value_t = 50_000)]
    citizens: usize,
    /// Citizens loaded before the first overview measurement (500 make about 100,000 records).
    #[arg(long, default_value_t = 500)]
    first: usize,
    /// The PostgreSQL server's maintenance database, where the benchmark's own is made.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/postgres")]
    admin_url: String,
    /// The benchmark's database: dropped if it exists, made afresh, and left behind.
    #[arg(long, default_value = "overblik_scale")]
    database: String,
    /// Records per pushed batch.
    #[arg(long, default_value_t = 2_000)]
    batch_size: usize,
    /// Batches in flight at once through the provider API.
    #[arg(long, default_value_t = 2)]
    push_concurrency: usize,
    /// Overview clients, each on its own keep-alive connection with one request at a time.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Seconds each overview load is measured, after a warm-up of a quarter as long.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// Citizens signed in for each overview load, each request for one of them at random.
    #[arg(long, default_value_t = 2_000)]
    signed_in: usize,
    /// The demo country's seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// One pushed request body and what it holds.
struct Body {
    json: Vec<u8>,
    records: usize,
}

/// What one stretch of loading did.
pub(crate) struct Loaded {
    pub records: usize,
    pub took: Duration,
    pub national_ids: Vec<String>,
}

/// The overview's figures at one size of the store.
struct Measured {
    records: u64,
    page: Figures,
    api: Figures,
    resident_mb: f64,
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(
        args.first >= 1 && args.first < args.citizens,
        "--first must be at least 1 and less than --citizens"
    );
    ensure!(
        (1..=10_000).contains(&args.batch_size),
        "--batch-size must be from 1 to 10000"
    );
    let secret = crate::server::subject_key_secret()?;
    let url = fresh_database(&args.admin_url, &args.database).await?;
    let store = Arc::new(PostgresStore::open(&url).await?);
    let key = ProviderKey::generate(crate::server::PROVIDER, KeyAlgorithm::Ed25519)?;
    register(&*store, &key).await?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let base_url = format!("http://{address}");
    let settings = crate::server::settings(base_url.clone(), secret.clone());
    let ledger = Ledger::open(store.clone(), LogKey::generate("overblik.bench/log")).await?;
    let application = Application::builder(store.clone(), ledger, settings)
        .without_workers()
        .start()?;
    tokio::spawn(application.serve(listener));
    let client = Arc::new(ProviderClient::new(&base_url, key));
    client
        .fetch_token()
        .await
        .context("the benchmark server gives no token")?;

    let today = Utc::now().date_naive();
    let country =
        overblik_demo::citizens_with_history(args.seed, args.citizens, today, History::Deep);
    let progress = ProgressBar::new(args.citizens as u64).with_style(
        ProgressStyle::with_template(
            "Loading PostgreSQL through the provider API {bar:30} {pos}/{len} citizens, {msg} records, eta {eta}",
        )
        .expect("a valid template"),
    );
    let (country, first) = load(
        country,
        args.first,
        args.batch_size,
        args.push_concurrency,
        &client,
        &progress,
        0,
    )
    .await?;
    let mut national_ids = first.national_ids.clone();
    let small_settled = settle(&store).await?;
    let small = measure(&*store, &secret, &national_ids, address, &args).await?;
    let (_, rest) = load(
        country,
        args.citizens - args.first,
        args.batch_size,
        args.push_concurrency,
        &client,
        &progress,
        first.records,
    )
    .await?;
    progress.finish();
    national_ids.extend(rest.national_ids.iter().cloned());
    let large_settled = settle(&store).await?;
    let large = measure(&*store, &secret, &national_ids, address, &args).await?;
    let database_bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
        .fetch_one(store.pool())
        .await?;
    let peak_mb = resident_mb("VmHWM:")?;

    let records = first.records + rest.records;
    let took = first.took + rest.took;
    println!();
    println!(
        "scale: {} citizens with five years of history, {} records, into PostgreSQL ({:.1} GB on disk)",
        args.citizens,
        records,
        database_bytes as f64 / 1e9
    );
    println!(
        "  load through the provider API: {:.0} records/s ({:.0} s; batches of {}, {} in flight)",
        records as f64 / took.as_secs_f64(),
        took.as_secs_f64(),
        args.batch_size,
        args.push_concurrency
    );
    println!(
        "    of which the first {} citizens: {:.0} records/s, the rest: {:.0} records/s",
        args.first,
        first.records as f64 / first.took.as_secs_f64(),
        rest.records as f64 / rest.took.as_secs_f64()
    );
    println!(
        "  VACUUM (ANALYZE) after each load, as autovacuum would in time: {:.1} s after the first, {:.0} s after the rest",
        small_settled.as_secs_f64(),
        large_settled.as_secs_f64()
    );
    println!(
        "  overview under load: {} clients on keep-alive connections, {} s measured after {} s of warm-up, each request for one of {} signed-in citizens at random",
        args.concurrency,
        args.duration.max(1),
        args.duration.div_ceil(4),
        args.signed_in
    );
    println!(
        "  {:<40} {:>9} {:>9} {:>12} {:>10}",
        "", "p50", "p99", "requests/s", "body"
    );
    for (at, measured) in [("small", &small), ("large", &large)] {
        println!(
            "  page at {:>11} records ({at})       {}",
            measured.records,
            measured.page.row()
        );
        println!(
            "  JSON at {:>11} records ({at})       {}",
            measured.records,
            measured.api.row()
        );
    }
    for (name, small_figures, large_figures) in [
        ("page", &small.page, &large.page),
        ("JSON", &small.api, &large.api),
    ] {
        println!(
            "  {name:<5} p99 at {} records / at {}: {:.2}  (target: 1.5 or less)",
            large.records,
            small.records,
            large_figures.quantile_ms(0.99) / small_figures.quantile_ms(0.99)
        );
    }
    println!(
        "  resident memory of the serving process (its load clients and generator included): {:.0} MB after the first load, {:.0} MB after all, peak {:.0} MB",
        small.resident_mb, large.resident_mb, peak_mb
    );
    println!(
        "  the database {} is left on the server; drop it with: DROP DATABASE {};",
        args.database, args.database
    );
    let failed = [&small.page, &small.api, &large.page, &large.api]
        .iter()
        .map(|figures| figures.failed)
        .sum::<u64>();
    ensure!(failed == 0, "{failed} requests were not answered with 200");
    Ok(())
}

/// Drops `database` on the server of `admin_url` if it is there, makes it afresh and returns
/// its URL.
pub(crate) async fn fresh_database(admin_url: &str, database: &str) -> anyhow::Result<String> {
    ensure!(
        !database.is_empty()
            && database
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "--database must be lower-case letters, digits and underscores"
    );
    let mut admin = PgConnection::connect(admin_url)
        .await
        .with_context(|| format!("PostgreSQL does not answer at {admin_url}"))?;
    admin
        .execute(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str())
        .await?;
    admin
        .execute(format!("CREATE DATABASE {database}").as_str())
        .await?;
    admin.close().await?;
    let base = admin_url.split('?').next().unwrap_or(admin_url);
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    Ok(format!("{server}/{database}"))
}

/// Generates `count` citizens from `country` on a thread of its own, cutting their records
/// into request bodies, while pushers send the bodies through the provider API. Returns the
/// rest of the country with what was loaded.
pub(crate) async fn load<C>(
    country: C,
    count: usize,
    batch_size: usize,
    push_concurrency: usize,
    client: &Arc<ProviderClient>,
    progress: &ProgressBar,
    loaded_before: usize,
) -> anyhow::Result<(C, Loaded)>
where
    C: Iterator<Item = Citizen> + Send + 'static,
{
    let (bodies, arriving) = mpsc::channel::<Body>(8);
    let generator = std::thread::spawn(move || -> anyhow::Result<(C, Vec<String>)> {
        let mut country = country;
        let mut national_ids = Vec::with_capacity(count);
        let mut made = BatchBodies::new(batch_size);
        let send = |json, records| {
            if bodies.blocking_send(Body { json, records }).is_err() {
                bail!("the pushers stopped");
            }
            Ok(())
        };
        for citizen in country.by_ref().take(count) {
            national_ids.push(citizen.national_id);
            for (_, record) in citizen.records {
                made.push(&record);
            }
            for json in made.take_full() {
                send(json, batch_size)?;
            }
        }
        // Only the last, partly filled body is left.
        let left = made.records() % batch_size;
        for json in made.finish() {
            send(json, left)?;
        }
        Ok((country, national_ids))
    });

    let arriving = Arc::new(Mutex::new(arriving));
    let pushed = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut pushers = tokio::task::JoinSet::new();
    for _ in 0..push_concurrency.max(1) {
        let (client, arriving, pushed) = (client.clone(), arriving.clone(), pushed.clone());
        let progress = progress.clone();
        pushers.spawn(async move {
            loop {
                let Some(body) = arriving.lock().await.recv().await else {
                    return anyhow::Ok(());
                };
                let key = format!("scale-{:032x}", rand::random::<u128>());
                let response = client.push(body.json, &key).await?;
                if !response.is_success() {
                    bail!("a batch was refused: {}", response.body);
                }
                let total = pushed.fetch_add(body.records, Ordering::Relaxed) + body.records;
                progress.set_message((loaded_before + total).to_string());
            }
        });
    }
    let mut failed = None;
    while let Some(outcome) = pushers.join_next().await {
        if let Err(error) = outcome
            .map_err(anyhow::Error::from)
            .and_then(|pushed| pushed)
        {
            failed.get_or_insert(error);
        }
    }
    let took = started.elapsed();
    let (country, national_ids) = generator
        .join()
        .map_err(|_| anyhow::anyhow!("the generator panicked"))??;
    if let Some(error) = failed {
        return Err(error);
    }
    progress.inc(national_ids.len() as u64);
    Ok((
        country,
        Loaded {
            records: pushed.load(Ordering::Relaxed),
            took,
            national_ids,
        },
    ))
}

/// Brings a freshly loaded database to the state autovacuum keeps it in: the visibility map
/// set, so the overview's index-only scans read no table pages, and the planner's
/// statistics current. Returns how long it took.
pub(crate) async fn settle(store: &PostgresStore) -> anyhow::Result<Duration> {
    eprintln!("Vacuuming and analysing the database...");
    let started = Instant::now();
    sqlx::query("VACUUM (ANALYZE)")
        .execute(store.pool())
        .await
        .context("vacuuming the benchmark's database")?;
    Ok(started.elapsed())
}

/// Signs citizens in and loads the overview page and JSON.
async fn measure(
    store: &dyn Store,
    secret: &SubjectKeySecret,
    national_ids: &[String],
    address: std::net::SocketAddr,
    args: &Args,
) -> anyhow::Result<Measured> {
    let records = store.record_count(None).await?;
    let cookies = Arc::new(sign_in(store, national_ids, args.signed_in, secret).await?);
    let load = Load {
        addresses: vec![address],
        cookies,
        concurrency: args.concurrency.max(1),
        warm_up: Duration::from_secs(args.duration.div_ceil(4)),
        duration: Duration::from_secs(args.duration.max(1)),
    };
    eprintln!("Loading the overview page at {records} records...");
    let page = load.drive("/").await?;
    eprintln!("Loading the overview JSON at {records} records...");
    let api = load.drive("/api/citizen/v1/overview").await?;
    Ok(Measured {
        records,
        page,
        api,
        resident_mb: resident_mb("VmRSS:")?,
    })
}

/// A line of this process's `/proc/self/status`, such as `VmRSS:`, in megabytes.
pub(crate) fn resident_mb(field: &str) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kilobytes: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|number| number.parse().ok())
        .with_context(|| format!("no {field} in /proc/self/status"))?;
    Ok(kilobytes / 1000.0)
}
