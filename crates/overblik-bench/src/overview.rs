//! The overview benchmark: signed-in citizens' overview page and overview JSON, read from a
//! store of 100,000 citizens with five years of history each, against a floor that answers a
//! body of the same size without reading anything, through the same server and middleware
//! and under the same load. The same pages are then served by a second server whose access
//! log writes nothing, to tell what recording every read costs.

use crate::load::{Load, sign_in};
use anyhow::{Context, anyhow, bail, ensure};
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use chrono::Utc;
use hyper::body::Bytes;
use indicatif::{ProgressBar, ProgressStyle};
use overblik_demo::History;
use overblik_ledger::{
    EntryFilter, Integrator, Ledger, LedgerError, LedgerStore, LogKey, PendingEntry, StoredEntry,
};
use overblik_model::{Batch, ProviderId, SubjectKey, SubjectKeySecret};
use overblik_server::{AppState, Application};
use overblik_store::BatchOutcome;
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Citizens in the store, each with five years of history (about 200 records).
    #[arg(long, default_value_t = 100_000)]
    citizens: usize,
    /// Clients, each on its own keep-alive connection with one request at a time.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Seconds each of the four loads is measured, after a warm-up of a quarter as long.
    #[arg(long, default_value_t = 20)]
    duration: u64,
    /// Where the store is kept between runs; it is made again unless it holds the same
    /// citizens of the same seed.
    #[arg(long, default_value = "target/bench-overview")]
    data: PathBuf,
    /// Citizens signed in for the load, each request for one of them at random.
    #[arg(long, default_value_t = 2_000)]
    signed_in: usize,
    /// The demo country's seed.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The page cache of each of SQLite's reading connections, in MiB, as
    /// `sqlite_page_cache_mib` sets it for `overblik serve`.
    #[arg(long, default_value_t = overblik_store_sqlite::Memory::default().page_cache_mib)]
    page_cache_mib: u32,
}

/// Records per batch while building the store.
const BUILD_BATCH: usize = 5_000;
const DATABASE: &str = "overview.db";
const MARKER: &str = "made-with.txt";
const CITIZENS_FILE: &str = "citizens.txt";
const LOG_KEY_FILE: &str = "log-key.txt";

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(args.citizens > 0, "--citizens must be at least 1");
    ensure!(args.signed_in > 0, "--signed-in must be at least 1");
    let secret = crate::server::subject_key_secret()?;
    let built = prepare(&args, &secret).await?;
    let size = folder_size(&args.data)?;
    let url = format!("sqlite://{}", args.data.join(DATABASE).display());
    let memory = overblik_store_sqlite::Memory {
        page_cache_mib: args.page_cache_mib,
        ..overblik_store_sqlite::Memory::default()
    };
    let store = Arc::new(SqliteStore::open_with(&url, memory).await?);
    let records = store.record_count(None).await?;
    let listed = std::fs::read_to_string(args.data.join(CITIZENS_FILE))?;
    let national_ids: Vec<String> = listed.lines().map(str::to_owned).collect();
    let cookies = Arc::new(sign_in(&*store, &national_ids, args.signed_in, &secret).await?);
    let resident_opened = crate::scale::resident_mb("VmRSS:")?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let log_key = std::fs::read_to_string(args.data.join(LOG_KEY_FILE))?;
    let ledger = Ledger::open(store.clone(), LogKey::from_private(log_key.trim())?).await?;
    let settings = crate::server::settings(format!("http://{address}"), secret);
    let application = Application::builder(store.clone(), ledger, settings.clone())
        .without_workers()
        .start()?;
    let state = application.state.clone();
    let floors = Arc::new(FloorBodies::default());
    let app = floor_routes(state.clone(), floors.clone()).merge(application.router());
    tokio::spawn(async move { axum::serve(listener, app).await });

    let unlogged_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let unlogged_address = unlogged_listener.local_addr()?;
    let unwritten = Ledger::open(
        Arc::new(UnwrittenLog),
        LogKey::from_private(log_key.trim())?,
    )
    .await?;
    let unlogged = Application::builder(store.clone(), unwritten, settings)
        .without_workers()
        .start()?
        .router();
    tokio::spawn(async move { axum::serve(unlogged_listener, unlogged).await });

    let load = Load {
        addresses: vec![address],
        cookies,
        concurrency: args.concurrency.max(1),
        warm_up: Duration::from_secs(args.duration.div_ceil(4)),
        duration: Duration::from_secs(args.duration.max(1)),
    };
    eprintln!("Loading the overview page...");
    let page = load.drive("/").await?;
    set_floor(&floors.page, page.average_body());
    eprintln!("Loading its floor...");
    let page_floor = load.drive("/floor/page").await?;
    eprintln!("Loading the overview JSON...");
    let api = load.drive("/api/citizen/v1/overview").await?;
    set_floor(&floors.json, api.average_body());
    eprintln!("Loading its floor...");
    let api_floor = load.drive("/floor/json").await?;
    let load = Load {
        addresses: vec![unlogged_address],
        ..load
    };
    eprintln!("Loading the overview page with an access log that writes nothing...");
    let page_unlogged = load.drive("/").await?;
    eprintln!("Loading the overview JSON with an access log that writes nothing...");
    let api_unlogged = load.drive("/api/citizen/v1/overview").await?;

    println!();
    println!(
        "overview of {} citizens, {} records ({:.0} a citizen), store {:.1} GB{}",
        args.citizens,
        records,
        records as f64 / args.citizens as f64,
        size as f64 / 1e9,
        match built {
            Some(took) => format!(", built in {:.0} s", took.as_secs_f64()),
            None => ", reused".to_owned(),
        }
    );
    println!(
        "{} clients on keep-alive connections, each request for one of {} signed-in citizens at random;",
        load.concurrency, args.signed_in
    );
    println!(
        "{} s measured after {} s of warm-up; load generator and server share this machine's {} cores",
        load.duration.as_secs(),
        load.warm_up.as_secs(),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!();
    println!(
        "  {:<34} {:>9} {:>9} {:>12} {:>10}",
        "", "p50", "p99", "requests/s", "body"
    );
    for (name, figures) in [
        ("overview page  GET /", &page),
        ("floor: same-size body, no store", &page_floor),
        ("overview JSON  GET /api/.../overview", &api),
        ("floor: same-size body, no store", &api_floor),
        ("page, access log not written", &page_unlogged),
        ("JSON, access log not written", &api_unlogged),
    ] {
        println!("  {name:<34} {}", figures.row());
    }
    println!();
    for (name, measured, floor) in [("page", &page, &page_floor), ("JSON", &api, &api_floor)] {
        let p99 = measured.quantile_ms(0.99);
        println!(
            "  {name:<5} throughput / floor {:>6.2}  (target: 0.25 or better)   p99 {:.1} ms {} 10 ms (target: under)",
            measured.rate() / floor.rate(),
            p99,
            if p99 < 10.0 { "<" } else { ">=" },
        );
    }
    println!();
    for (name, logged, unlogged) in [
        ("page", &page, &page_unlogged),
        ("JSON", &api, &api_unlogged),
    ] {
        println!(
            "  {name:<5} with the access log / without: throughput {:>5.2}, p99 {:>5.2}  (target: throughput 0.85 or more, p99 1.15 or less)",
            logged.rate() / unlogged.rate(),
            logged.quantile_ms(0.99) / unlogged.quantile_ms(0.99),
        );
    }
    println!(
        "  resident memory of this process (both servers over one store, the load clients): {:.0} MB after the store opened, {:.0} MB after the loads, peak {:.0} MB",
        resident_opened,
        crate::scale::resident_mb("VmRSS:")?,
        crate::scale::resident_mb("VmHWM:")?
    );
    let failed = [
        &page,
        &page_floor,
        &api,
        &api_floor,
        &page_unlogged,
        &api_unlogged,
    ]
    .iter()
    .map(|figures| figures.failed)
    .sum::<u64>();
    ensure!(failed == 0, "{failed} requests were not answered with 200");
    Ok(())
}

/// Makes the store unless `args.data` already holds one of the same citizens and seed;
/// returns how long making it took.
async fn prepare(args: &Args, secret: &SubjectKeySecret) -> anyhow::Result<Option<Duration>> {
    let marker = format!(
        "citizens = {}\nseed = {}\nhistory = \"deep\"\n",
        args.citizens, args.seed
    );
    let made = std::fs::read_to_string(args.data.join(MARKER)).ok();
    if made.as_deref() == Some(marker.as_str()) && args.data.join(DATABASE).exists() {
        eprintln!("Reusing the store in {}", args.data.display());
        start_as_made(&args.data.join(DATABASE)).await?;
        return Ok(None);
    }
    let started = Instant::now();
    if args.data.exists() {
        std::fs::remove_dir_all(&args.data)
            .with_context(|| format!("clearing {}", args.data.display()))?;
    }
    std::fs::create_dir_all(&args.data)?;
    let url = format!("sqlite://{}", args.data.join(DATABASE).display());
    let store = SqliteStore::open(&url).await?;
    build(&store, args, secret).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.write_pool())
        .await?;
    store.write_pool().close().await;
    let key = LogKey::generate("overblik.bench/log");
    std::fs::write(args.data.join(LOG_KEY_FILE), key.private())?;
    std::fs::write(args.data.join(MARKER), marker)?;
    Ok(Some(started.elapsed()))
}

/// Brings a reused store back to how it was made, so that runs compare: every run writes
/// its access log from empty and finds the records' write-ahead log checkpointed. Each run
/// adds tens of thousands of entries to the log and leaves write-ahead files behind, and a
/// store that had served more runs wrote its entries more slowly.
async fn start_as_made(database: &Path) -> anyhow::Result<()> {
    let access_log = overblik_store_sqlite::access_log_file(database);
    for suffix in ["-wal", "-shm", ""] {
        let mut file = access_log.clone().into_os_string();
        file.push(suffix);
        let file = PathBuf::from(file);
        if file.exists() {
            std::fs::remove_file(&file).with_context(|| format!("removing {}", file.display()))?;
        }
    }
    let url = format!("sqlite://{}", database.display());
    let store = SqliteStore::open(&url).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.write_pool())
        .await?;
    store.write_pool().close().await;
    Ok(())
}

/// One provider's records, parsed, and how many citizens were complete when it was cut.
struct Cut {
    provider: ProviderId,
    batch: Batch,
    citizens_done: usize,
}

/// Generates the citizens on a thread of their own, parsing each provider's records into
/// batches, while this task writes the batches through `Store::apply_batch`.
async fn build(store: &SqliteStore, args: &Args, secret: &SubjectKeySecret) -> anyhow::Result<()> {
    crate::server::register_demo_authorities(store).await?;
    let (cuts, mut arriving) = tokio::sync::mpsc::channel::<Cut>(8);
    let (citizens, seed, secret) = (args.citizens, args.seed, secret.clone());
    let citizens_file = args.data.join(CITIZENS_FILE);
    let generator = std::thread::spawn(move || -> anyhow::Result<()> {
        let cut = |provider: &str, records: Vec<Value>, citizens_done| -> anyhow::Result<Cut> {
            let batch = Batch::parse(
                &json!({ "upserts": records }),
                &secret,
                &overblik_model::batch::Unchecked,
            )
            .map_err(|errors| anyhow!("a demo record is invalid: {errors:?}"))?;
            Ok(Cut {
                provider: provider.parse().map_err(anyhow::Error::msg)?,
                batch,
                citizens_done,
            })
        };
        let mut open: HashMap<&'static str, Vec<Value>> = HashMap::new();
        let mut national_ids = String::new();
        let today = Utc::now().date_naive();
        let country = overblik_demo::citizens_with_history(seed, citizens, today, History::Deep);
        for (done, citizen) in country.enumerate() {
            national_ids.push_str(&citizen.national_id);
            national_ids.push('\n');
            for (provider, record) in citizen.records {
                let records = open.entry(provider).or_default();
                records.push(record);
                if records.len() == BUILD_BATCH {
                    let records = std::mem::take(records);
                    if cuts.blocking_send(cut(provider, records, done)?).is_err() {
                        bail!("the writer stopped");
                    }
                }
            }
        }
        for (provider, records) in open {
            if !records.is_empty()
                && cuts
                    .blocking_send(cut(provider, records, citizens)?)
                    .is_err()
            {
                bail!("the writer stopped");
            }
        }
        std::fs::write(citizens_file, national_ids)?;
        Ok(())
    });

    let progress = ProgressBar::new(citizens as u64).with_style(
        ProgressStyle::with_template(
            "Building the store {bar:40} {pos}/{len} citizens, {msg} records, eta {eta}",
        )
        .expect("a valid template"),
    );
    let mut written = 0usize;
    let mut batches = 0usize;
    while let Some(cut) = arriving.recv().await {
        let key = format!("build-{batches}")
            .parse()
            .map_err(anyhow::Error::msg)?;
        let outcome = store
            .apply_batch(&cut.provider, &key, [0; 32], &cut.batch)
            .await?;
        ensure!(
            matches!(&outcome, BatchOutcome::Applied(receipt) if receipt.stale.is_empty()),
            "a batch was not written whole: {outcome:?}"
        );
        batches += 1;
        written += cut.batch.upserts.len();
        progress.set_position(progress.position().max(cut.citizens_done as u64));
        progress.set_message(written.to_string());
    }
    progress.finish();
    generator
        .join()
        .map_err(|_| anyhow!("the generator panicked"))??;
    Ok(())
}

/// An access log that keeps nothing: entries are salted as always, then dropped instead of
/// written, so the overview can be measured without the log's writes.
pub(crate) struct UnwrittenLog;

#[async_trait::async_trait]
impl LedgerStore for UnwrittenLog {
    async fn append_pending(&self, _entries: &[PendingEntry]) -> Result<(), LedgerError> {
        Ok(())
    }

    async fn lead(&self) -> Result<Option<Box<dyn Integrator>>, LedgerError> {
        Ok(None)
    }

    async fn append_entries(
        &self,
        _entries: &[StoredEntry],
        _first_hash: u64,
        _hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError> {
        Ok(())
    }

    async fn tree_hashes(&self, _from: u64) -> Result<Vec<[u8; 32]>, LedgerError> {
        Ok(Vec::new())
    }

    async fn pending_entries(
        &self,
        _subject: &SubjectKey,
        _filter: &EntryFilter,
    ) -> Result<Vec<PendingEntry>, LedgerError> {
        Ok(Vec::new())
    }

    async fn subject_entries(
        &self,
        _subject: &SubjectKey,
        _filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        Ok(Vec::new())
    }

    async fn put_checkpoint(&self, _size: u64, _note: &str) -> Result<(), LedgerError> {
        Ok(())
    }

    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError> {
        Ok(None)
    }
}

/// The floor's bodies, set once the measured answers' average size is known.
#[derive(Debug, Default)]
struct FloorBodies {
    page: OnceLock<Bytes>,
    json: OnceLock<Bytes>,
}

fn set_floor(body: &OnceLock<Bytes>, size: usize) {
    // Compressible like the real answers would be, though nothing here compresses.
    let text: Vec<u8> = b"overblik ".iter().copied().cycle().take(size).collect();
    let _ = body.set(Bytes::from(text));
}

/// The floor's routes under the same middleware as the application's: request ids,
/// tracing, metrics and the security headers.
fn floor_routes(state: AppState, bodies: Arc<FloorBodies>) -> Router {
    let (page, json) = (bodies.clone(), bodies);
    let routes = Router::new()
        .route(
            "/floor/page",
            get(move || async move {
                let body = page.page.get().cloned().unwrap_or_default();
                ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
            }),
        )
        .route(
            "/floor/json",
            get(move || async move {
                let body = json.json.get().cloned().unwrap_or_default();
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            }),
        );
    overblik_server::with_middleware(routes, state)
}

fn folder_size(folder: &Path) -> anyhow::Result<u64> {
    let mut size = 0;
    for entry in std::fs::read_dir(folder)? {
        size += entry?.metadata()?.len();
    }
    Ok(size)
}
