//! "Download my data" for a citizen of 200 records and one of 10,000: the package (ZIP) and
//! the document (PDF) through the citizen API, each timed, weighed, and measured for how
//! much the process's resident memory grows at its peak; against a floor measured in the
//! same run: the same citizen's records read from the store and written as one JSON array
//! (no log entry, no ZIP, no PDF).

use anyhow::{Context, anyhow, ensure};
use chrono::Utc;
use clap::Parser;
use overblik_demo::History;
use overblik_ledger::{Ledger, LogKey};
use overblik_model::{Batch, NationalId};
use overblik_server::Application;
use overblik_store::roles::*;
use overblik_store::{BatchOutcome, RecordFilter, Store};
use overblik_store_sqlite::SqliteStore;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, Parser)]
pub struct Args {
    /// The citizens' sizes, in records.
    #[arg(long, value_delimiter = ',', default_values_t = [200, 10_000])]
    records: Vec<usize>,
    /// How often each download is repeated; the figures are the median.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// How often the access log is sealed, in milliseconds: the package waits for its own
    /// entry's seal, up to this long.
    #[arg(long, default_value_t = 200)]
    seal_every_ms: u64,
}

/// One download, measured.
#[derive(Debug, Clone, Copy)]
struct Measured {
    took: Duration,
    bytes: usize,
    /// How far the process's resident memory rose above where it stood before, in MB.
    growth_mb: f64,
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(args.repeat >= 1, "--repeat must be at least 1");
    ensure!(
        args.records
            .iter()
            .all(|records| (1..=100_000).contains(records)),
        "--records must be from 1 to 100000 each"
    );
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("export.db").display());
    let store = Arc::new(SqliteStore::open(&url).await?);
    let secret = crate::server::subject_key_secret()?;
    crate::server::register_demo_authorities(&*store).await?;
    let mut citizens = Vec::new();
    for (number, &records) in args.records.iter().enumerate() {
        let national_id = format!("0101{:02}-{:04}", 60 + number, 1000 + number);
        eprintln!("Building a citizen of {records} records...");
        build(&*store, &secret, &national_id, records, number).await?;
        citizens.push((national_id, records));
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let ledger = Ledger::open(store.clone(), LogKey::generate("overblik.bench/export")).await?;
    let settings = crate::server::settings(format!("http://{address}"), secret.clone());
    let application = Application::builder(store.clone(), ledger, settings)
        .without_workers()
        .checkpoints_every(Duration::from_millis(args.seal_every_ms.max(10)))
        .start()?;
    let app = application.router();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let http = reqwest::Client::new();

    println!();
    println!(
        "download my data: each figure the median of {} downloads through the citizen API on one keep-alive connection;",
        args.repeat
    );
    println!(
        "memory: the rise of this process's resident memory above where it stood before, at its peak; the access log is sealed every {} ms",
        args.seal_every_ms
    );
    println!();
    println!(
        "  {:<10} {:<44} {:>10} {:>12} {:>12} {:>9}",
        "records", "", "time", "bytes", "peak growth", "/ floor"
    );
    for (national_id, records) in &citizens {
        let national: NationalId = national_id
            .parse()
            .map_err(|_| anyhow!("a bench national id does not parse"))?;
        let subject = secret.subject_key(&national);
        let cookie =
            crate::load::sign_in(&*store, std::slice::from_ref(national_id), 1, &secret).await?;
        let cookie = cookie.first().context("a session")?.clone();
        let floor = median(args.repeat, || async {
            let rise = Rise::start()?;
            let started = Instant::now();
            let read = store
                .subject_records(&subject, &RecordFilter::visible_now())
                .await?;
            let mut written = Vec::new();
            serde_json::to_writer(
                &mut written,
                &read.iter().map(|stored| &stored.record).collect::<Vec<_>>(),
            )?;
            let took = started.elapsed();
            ensure!(
                read.len() == *records,
                "the citizen has {} records",
                read.len()
            );
            Ok(Measured {
                took,
                bytes: written.len(),
                growth_mb: rise.end()?,
            })
        })
        .await?;
        let mut rows = vec![("floor: records read and written as JSON", floor)];
        for (name, path, content_type) in [
            (
                "package (ZIP)  GET /api/.../export/package",
                "/api/citizen/v1/export/package",
                "application/zip",
            ),
            (
                "document (PDF) GET /api/.../export/document",
                "/api/citizen/v1/export/document",
                "application/pdf",
            ),
        ] {
            let measured = median(args.repeat, || async {
                let rise = Rise::start()?;
                let started = Instant::now();
                let response = http
                    .get(format!("http://{address}{path}"))
                    .header(reqwest::header::COOKIE, cookie.clone())
                    .send()
                    .await?;
                ensure!(
                    response.status() == 200,
                    "{path} answered {}",
                    response.status()
                );
                ensure!(
                    response.headers()[reqwest::header::CONTENT_TYPE] == content_type,
                    "{path} is not {content_type}"
                );
                // Read as it streams, a chunk at a time, as a browser saving it would.
                let mut response = response;
                let mut bytes = 0;
                while let Some(chunk) = response.chunk().await? {
                    bytes += chunk.len();
                }
                Ok(Measured {
                    took: started.elapsed(),
                    bytes,
                    growth_mb: rise.end()?,
                })
            })
            .await?;
            rows.push((name, measured));
        }
        for (name, measured) in &rows {
            println!(
                "  {:<10} {:<44} {:>8.0} ms {:>12} {:>9.1} MB {:>9.1}",
                records,
                name,
                measured.took.as_secs_f64() * 1000.0,
                measured.bytes,
                measured.growth_mb,
                measured.took.as_secs_f64() / floor.took.as_secs_f64()
            );
        }
        let document = rows[2].1;
        if *records == 200 {
            println!(
                "  {:<10} the 200-record document in {:.2} s (target: under 1 s)",
                "",
                document.took.as_secs_f64()
            );
        }
        if *records == 10_000 {
            let worst = rows[1].1.growth_mb.max(document.growth_mb);
            println!(
                "  {:<10} peak growth of the larger download {:.1} MB (target: under 64 MB)",
                "", worst
            );
        }
    }
    Ok(())
}

/// The median of `repeat` measurements, by time; the memory figure is the largest seen.
async fn median<F, Fut>(repeat: usize, mut measure: F) -> anyhow::Result<Measured>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<Measured>>,
{
    let mut all = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        all.push(measure().await?);
    }
    let growth_mb = all.iter().map(|m| m.growth_mb).fold(0.0, f64::max);
    all.sort_by_key(|m| m.took);
    Ok(Measured {
        growth_mb,
        ..all[all.len() / 2]
    })
}

/// The rise of resident memory over one measurement: the peak is reset first (Linux's
/// `clear_refs`), so it is this measurement's own.
struct Rise {
    before_mb: f64,
}

impl Rise {
    fn start() -> anyhow::Result<Self> {
        std::fs::write("/proc/self/clear_refs", "5")
            .context("resetting the peak of resident memory (/proc/self/clear_refs)")?;
        Ok(Self {
            before_mb: crate::scale::resident_mb("VmRSS:")?,
        })
    }

    fn end(self) -> anyhow::Result<f64> {
        Ok((crate::scale::resident_mb("VmHWM:")? - self.before_mb).max(0.0))
    }
}

/// Gives `national_id` `records` records: the demo's five-year citizens' records, in turn,
/// made theirs (each record's id, and a payment's benefit, prefixed to keep them apart).
/// The sharing benchmark's citizen is made the same way.
pub(crate) async fn build(
    store: &dyn Store,
    secret: &overblik_model::SubjectKeySecret,
    national_id: &str,
    records: usize,
    seed: usize,
) -> anyhow::Result<()> {
    let today = Utc::now().date_naive();
    let mut by_provider: std::collections::HashMap<&'static str, Vec<Value>> =
        std::collections::HashMap::new();
    let mut made = 0;
    let demo = overblik_demo::citizens_with_history(seed as u64 + 7, 100_000, today, History::Deep);
    'citizens: for (number, citizen) in demo.enumerate() {
        for (provider, mut record) in citizen.records {
            let prefix =
                |id: &Value| json!(format!("{seed}.{number}-{}", id.as_str().unwrap_or("")));
            record["id"] = prefix(&record["id"]);
            record["subject"] = json!(national_id);
            if let Some(benefit) = record["details"].get("benefit_id").cloned() {
                record["details"]["benefit_id"] = prefix(&benefit);
            }
            // Relations to other people (custody, a spouse) stay out: only this citizen's data.
            if record["details"].get("related_person").is_some() {
                continue;
            }
            by_provider.entry(provider).or_default().push(record);
            made += 1;
            if made == records {
                break 'citizens;
            }
        }
    }
    ensure!(made == records, "the demo made only {made} records");
    for (batch_number, (provider, upserts)) in by_provider.into_iter().enumerate() {
        for (part, chunk) in upserts.chunks(1000).enumerate() {
            let batch = Batch::parse(
                &json!({ "upserts": chunk }),
                secret,
                &overblik_model::batch::Unchecked,
            )
            .map_err(|errors| anyhow!("a demo record is invalid: {errors:?}"))?;
            let key = format!("export-{seed}-{batch_number}-{part}")
                .parse()
                .map_err(anyhow::Error::msg)?;
            let provider = provider.parse().map_err(anyhow::Error::msg)?;
            let outcome = store.apply_batch(&provider, &key, [0; 32], &batch).await?;
            ensure!(
                matches!(&outcome, BatchOutcome::Applied(receipt) if receipt.stale.is_empty()),
                "a batch of {} records was not written whole",
                chunk.len()
            );
        }
    }
    Ok(())
}
