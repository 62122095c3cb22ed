//! The ingest benchmark: the provider API against straight SQLite inserts of the same rows.

use crate::server::PROVIDER;
use anyhow::{Context, bail, ensure};
use chrono::Utc;
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_demo::BatchBodies;
use overblik_model::{Batch, ProviderId, SubjectKeySecret, Upsert, catalogue::Catalogue};
use overblik_server::Application;
use overblik_store::roles::*;
use overblik_store::{Provider, Store};
use overblik_store_sqlite::{RECORD_COLUMNS, ROWS_PER_STATEMENT, SqliteStore, bind_record};
use serde_json::Value;
use sqlx::{QueryBuilder, Sqlite};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many records to push.
    #[arg(long, default_value_t = 1_000_000)]
    records: usize,
    /// Records per batch, for the API and the floor alike.
    #[arg(long, default_value_t = 2_000)]
    batch_size: usize,
    /// Batches in flight at once through the API.
    #[arg(long, default_value_t = 2)]
    concurrency: usize,
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(
        (1..=10_000).contains(&args.batch_size),
        "--batch-size must be from 1 to 10000"
    );
    eprintln!("Generating {} demo records...", args.records);
    let batches = Arc::new(demo_batches(args.records, args.batch_size));
    let secret = crate::server::subject_key_secret()?;

    let floor = floor(&batches, &secret).await?;
    let api = through_api(batches, args.records, &secret, args.concurrency).await?;

    let rate = |took: Duration| args.records as f64 / took.as_secs_f64();
    println!();
    println!(
        "ingest of {} records in batches of {}",
        args.records, args.batch_size
    );
    println!(
        "  floor: straight SQLite inserts  {:>10.0} records/s  ({:.1} s)",
        rate(floor),
        floor.as_secs_f64()
    );
    println!(
        "  provider API over HTTP          {:>10.0} records/s  ({:.1} s, {} batches in flight)",
        rate(api),
        api.as_secs_f64(),
        args.concurrency
    );
    println!(
        "  ratio API / floor               {:>10.2}  (target: 0.50 or better)",
        floor.as_secs_f64() / api.as_secs_f64()
    );
    Ok(())
}

/// Demo citizens' records, cut into request bodies of `batch_size` records.
fn demo_batches(records: usize, batch_size: usize) -> Vec<Vec<u8>> {
    let mut bodies = BatchBodies::new(batch_size);
    let generated = overblik_demo::citizens(42, usize::MAX, Utc::now().date_naive())
        .flat_map(|citizen| citizen.records.into_iter().map(|(_, record)| record));
    for record in generated.take(records) {
        bodies.push(&record);
    }
    bodies.finish()
}

async fn fresh_store() -> anyhow::Result<(SqliteStore, tempfile::TempDir)> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    Ok((SqliteStore::open(&url).await?, dir))
}

/// A provider allowed to write every classification, as the demo data spans them all.
pub async fn register(store: &dyn Store, key: &ProviderKey) -> anyhow::Result<()> {
    let main_groups: BTreeSet<String> = Catalogue::get()
        .entries()
        .map(|entry| entry.code[..2].to_owned())
        .collect();
    store
        .put_provider(&Provider {
            id: PROVIDER.parse().map_err(anyhow::Error::msg)?,
            name: "Benchmark authority".to_owned(),
            public_keys: vec![key.public_jwk().to_string()],
            classifications: main_groups.into_iter().collect(),
            homepage: None,
            registered_at: Utc::now(),
            stale_after_days: None,
            last_delivery: None,
        })
        .await?;
    Ok(())
}

/// The floor: the same rows, parsed and serialized beforehand, inserted straight into SQLite
/// in the same batch sizes, one transaction per batch, with the store's own multi-row INSERT
/// but without its version check, idempotency key, HTTP, authentication or parsing.
async fn floor(batches: &[Vec<u8>], secret: &SubjectKeySecret) -> anyhow::Result<Duration> {
    let (store, _dir) = fresh_store().await?;
    let key = ProviderKey::generate(PROVIDER, KeyAlgorithm::Ed25519)?;
    register(&store, &key).await?;
    eprintln!("Preparing the floor's rows...");
    let provider: ProviderId = PROVIDER.parse().map_err(anyhow::Error::msg)?;
    let rows: Vec<Vec<(Upsert, String)>> = batches
        .iter()
        .map(|body| {
            let value: Value = serde_json::from_slice(body).expect("valid JSON");
            let batch = Batch::parse(&value, secret, &overblik_model::batch::Unchecked)
                .expect("valid demo records");
            batch
                .upserts
                .into_iter()
                .map(|upsert| {
                    let json = serde_json::to_string(&upsert.incoming.record).expect("serializes");
                    (upsert, json)
                })
                .collect()
        })
        .collect();
    eprintln!("Floor: inserting straight into SQLite...");
    let pool = store.write_pool();
    let now = Utc::now();
    let started = Instant::now();
    for batch in &rows {
        let mut tx = pool.begin().await?;
        for chunk in batch.chunks(ROWS_PER_STATEMENT) {
            let mut insert = QueryBuilder::<Sqlite>::new(RECORD_COLUMNS);
            insert.push_values(chunk, |row, (upsert, body)| {
                bind_record(row, &provider, upsert, now, body.clone());
            });
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    Ok(started.elapsed())
}

/// The real path: a server on loopback, a provider with a signed token, HTTP batches.
async fn through_api(
    batches: Arc<Vec<Vec<u8>>>,
    records: usize,
    secret: &SubjectKeySecret,
    concurrency: usize,
) -> anyhow::Result<Duration> {
    let (store, _dir) = fresh_store().await?;
    let key = ProviderKey::generate(PROVIDER, KeyAlgorithm::Ed25519)?;
    register(&store, &key).await?;
    let store = Arc::new(store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let settings = crate::server::settings(url.clone(), secret.clone());
    let ledger = overblik_ledger::Ledger::open(
        store.clone(),
        overblik_ledger::LogKey::generate("overblik.bench/log"),
    )
    .await?;
    let application = Application::builder(store.clone(), ledger, settings)
        .without_workers()
        .start()?;
    tokio::spawn(application.serve(listener));
    let client = Arc::new(ProviderClient::new(&url, key));
    client
        .fetch_token()
        .await
        .context("the benchmark server gives no token")?;

    eprintln!("Provider API: pushing over HTTP...");
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut pushers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (client, next, batches) = (client.clone(), next.clone(), batches.clone());
        pushers.spawn(async move {
            loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(body) = batches.get(index) else {
                    return Ok(());
                };
                let response = client.push(body.clone(), &format!("bench-{index}")).await?;
                if !response.is_success() {
                    bail!("batch {index} was refused: {}", response.body);
                }
            }
        });
    }
    while let Some(pushed) = pushers.join_next().await {
        pushed??;
    }
    let took = started.elapsed();
    let stored = store.record_count(None).await? as usize;
    ensure!(
        stored == records,
        "the API stored {stored} records, expected {records}"
    );
    Ok(took)
}
