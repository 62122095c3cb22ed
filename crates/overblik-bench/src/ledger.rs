//! The access log benchmark: entries appended through the ledger (salted commitments, Merkle
//! hashes, batched durable writes, many concurrent writers) against the floor of writing the
//! same rows to the same tables in the same batch sizes, with no tree and no queue.

use overblik_ledger::entry::{AccessEntry, Actor, ActorKind, Channel, WhatWasRead};
use overblik_ledger::{Ledger, LedgerStore, LogKey, StoredEntry};
use overblik_model::{Area, Kind, SubjectKey};
use overblik_store_sqlite::SqliteStore;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many entries to append.
    #[arg(long, default_value_t = 200_000)]
    entries: usize,
    /// Requests appending at once, as concurrent page views would.
    #[arg(long, default_value_t = 256)]
    writers: usize,
}

fn entry(n: usize) -> AccessEntry {
    let mut subject = [0u8; 32];
    subject[..8].copy_from_slice(&(n as u64 % 100_000).to_be_bytes());
    AccessEntry {
        at: chrono::Utc::now(),
        actor: Actor {
            kind: ActorKind::Citizen,
            id: "citizen".into(),
            name: "citizen".into(),
            system: None,
            person: None,
        },
        subject: SubjectKey::from_bytes(subject),
        on_behalf_of: None,
        read: WhatWasRead {
            areas: vec![Area::Economy, Area::Housing],
            kinds: vec![Kind::Case, Kind::Payment],
            records: Vec::new(),
            count: None,
            description: None,
        },
        purpose: "self_service".into(),
        legal_basis: None,
        channel: Channel::Web,
        request_id: Some(format!("{n:032x}")),
        hidden_until: None,
    }
}

async fn fresh_store() -> anyhow::Result<(Arc<SqliteStore>, tempfile::TempDir)> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("ledger.db").display());
    Ok((Arc::new(SqliteStore::open(&url).await?), dir))
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    let (through_ledger, batches) = through_ledger(&args).await?;
    let batch_size = (args.entries / batches.max(1)).max(1);
    let floor = floor(args.entries, batch_size).await?;
    let rate = |took: Duration| args.entries as f64 / took.as_secs_f64();
    println!();
    println!(
        "access log appends: {} entries from {} concurrent writers",
        args.entries, args.writers
    );
    println!(
        "  floor: the same rows, straight into SQLite  {:>10.0} entries/s  ({:.2} s, batches of {batch_size})",
        rate(floor),
        floor.as_secs_f64()
    );
    println!(
        "  ledger: durable appends with proofs         {:>10.0} entries/s  ({:.2} s, {batches} writes)",
        rate(through_ledger),
        through_ledger.as_secs_f64()
    );
    println!(
        "  ratio ledger/floor: {:.2}   target: 20,000 entries/s or more: {}",
        floor.as_secs_f64() / through_ledger.as_secs_f64(),
        if rate(through_ledger) >= 20_000.0 {
            "met"
        } else {
            "NOT met"
        }
    );
    Ok(())
}

/// Appends through the ledger; returns the time and how many durable writes it took.
async fn through_ledger(args: &Args) -> anyhow::Result<(Duration, usize)> {
    let (store, _dir) = fresh_store().await?;
    let ledger = Ledger::open(store.clone(), LogKey::generate("overblik.bench/log")).await?;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let writers: Vec<_> = (0..args.writers)
        .map(|_| {
            let (ledger, next, total) = (ledger.clone(), next.clone(), args.entries);
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= total {
                        return Ok::<_, overblik_ledger::LedgerError>(());
                    }
                    ledger.record(entry(n)).await?;
                }
            })
        })
        .collect();
    for writer in writers {
        writer.await??;
    }
    let took = started.elapsed();
    anyhow::ensure!(
        ledger.size() == args.entries as u64,
        "every entry is in the tree"
    );
    Ok((took, ledger.writes() as usize))
}

/// The same rows written straight through the store's append, in batches of `batch_size`,
/// with the tree's hashes left out.
async fn floor(entries: usize, batch_size: usize) -> anyhow::Result<Duration> {
    let (store, _dir) = fresh_store().await?;
    let rows: Vec<StoredEntry> = (0..entries)
        .map(|n| StoredEntry {
            index: n as u64,
            salt: [7; 32],
            entry: entry(n),
        })
        .collect();
    let started = Instant::now();
    for chunk in rows.chunks(batch_size) {
        store.append_entries(chunk, 0, &[]).await?;
    }
    Ok(started.elapsed())
}
