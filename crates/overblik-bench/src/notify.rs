//! The notification benchmark: 100,000 citizens, each with a confirmed e-mail address and a
//! reminder due, and the mail worker sending them all to a local SMTP server (PyPI's
//! aiosmtpd, discarding what it takes) while signed-in citizens load their overview page.
//!
//! Its floors, measured in the same run: the same e-mails sent straight over SMTP with the
//! same concurrency and no outbox, under the same overview load (what the SMTP server and
//! composing the e-mails allow), and the overview page's latency under the same load with
//! nothing being sent.

use crate::load::{Load, sign_in};
use anyhow::{Context, ensure};
use chrono::{Duration as Days, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use overblik_ledger::{Ledger, LogKey};
use overblik_model::notify::{Happening, Moment, Notice, NoticeId, Preferences, Title};
use overblik_model::{Batch, NationalId, ProviderId, RecordId, SubjectKeySecret};
use overblik_server::Application;
use overblik_server::metrics::Metrics;
use overblik_server::notify::{MailSettings, Mailer, Worker};
use overblik_store::roles::*;
use overblik_store::{BatchOutcome, Provider, Store};
use overblik_store_sqlite::SqliteStore;
use serde_json::json;
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Citizens, each with one reminder due.
    #[arg(long, default_value_t = 100_000)]
    citizens: usize,
    /// E-mails the worker sends at the same time.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Clients loading the overview page, each on its own keep-alive connection.
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Seconds the overview is loaded alone, and the SMTP floor measured.
    #[arg(long, default_value_t = 15)]
    duration: u64,
    /// Citizens signed in for the overview load.
    #[arg(long, default_value_t = 2_000)]
    signed_in: usize,
}

/// Citizens per batch while building: three records each, within a batch's 10,000.
const BATCH: usize = 3_000;

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(args.citizens > 0, "--citizens must be at least 1");
    let secret = crate::server::subject_key_secret()?;
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("notify.db").display());
    let store = Arc::new(SqliteStore::open(&url).await?);
    let national_ids: Vec<String> = (0..args.citizens).map(national_id).collect();
    let built = Instant::now();
    build(&*store, &national_ids, &secret).await?;
    let built = built.elapsed();

    let (smtp_port, mut sink) = start_sink().await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let public_url = format!("http://{address}");
    let ledger = Ledger::open(store.clone(), LogKey::generate("bench.overblik/log")).await?;
    let application = Application::builder(
        store.clone(),
        ledger,
        crate::server::settings(public_url.clone(), secret.clone()),
    )
    .without_workers()
    .start()?;
    tokio::spawn(async move { axum::serve(listener, application.router()).await });
    let cookies = Arc::new(sign_in(&*store, &national_ids, args.signed_in, &secret).await?);
    let load = Load {
        addresses: vec![address],
        cookies,
        concurrency: args.clients.max(1),
        warm_up: Duration::from_secs(args.duration.div_ceil(4)),
        duration: Duration::from_secs(args.duration.max(1)),
    };
    let settings = MailSettings {
        smtp_url: format!("smtp://127.0.0.1:{smtp_port}"),
        from: "Overblik <no-reply@overblik.example>".to_owned(),
        retry_base: Duration::from_secs(5),
        poll_interval: Duration::from_millis(100),
        concurrency: args.concurrency.max(1),
        lease: Duration::from_secs(300),
    };

    eprintln!("Loading the overview page with no worker running...");
    let alone = load.drive("/").await?;
    eprintln!(
        "Sending the same e-mails straight over SMTP, without the outbox, under the same load..."
    );
    let floor_load = tokio::spawn({
        let load = Load {
            warm_up: Duration::ZERO,
            ..load.clone()
        };
        async move { load.drive("/").await }
    });
    let floor = smtp_floor(&settings, &public_url, load.duration).await?;
    let with_floor = floor_load.await??;

    eprintln!(
        "Sending {} reminders while the overview page is loaded...",
        args.citizens
    );
    let mailer = Mailer::new(&settings, &public_url)?;
    let metrics = Arc::new(Metrics::default());
    let worker = Worker::new(store.clone(), mailer, settings.clone(), metrics.clone());
    let started = Instant::now();
    let sending = tokio::spawn(worker.run());
    let loaded = tokio::spawn({
        let load = Load {
            warm_up: Duration::ZERO,
            ..load
        };
        async move { load.drive("/").await }
    });
    let progress = ProgressBar::new(args.citizens as u64).with_style(
        ProgressStyle::with_template("Sent {bar:40} {pos}/{len} {per_sec}")
            .expect("a valid template"),
    );
    let sent = metrics.mails("sent");
    loop {
        let done = sent.get();
        progress.set_position(done);
        if done >= args.citizens as u64 {
            break;
        }
        ensure!(
            metrics.mails("failed").get() == 0,
            "the SMTP server refused e-mails"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = started.elapsed();
    progress.finish_and_clear();
    let during = loaded.await??;
    sending.abort();
    sink.start_kill()?;
    let left = store.outbox_stats(Utc::now()).await?;
    ensure!(left.due == 0, "{} notices were left", left.due);

    let rate = args.citizens as f64 / took.as_secs_f64();
    println!();
    println!(
        "notifications: {} citizens with a reminder due and a confirmed address, store built in {:.0} s",
        args.citizens,
        built.as_secs_f64()
    );
    println!(
        "worker: {} e-mails at a time, each settled in the outbox as soon as the SMTP server took it;",
        settings.concurrency
    );
    println!(
        "SMTP server: aiosmtpd on 127.0.0.1, discarding; {} overview clients; one machine, {} cores",
        load.concurrency,
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!();
    println!("  {:<46} {:>12}", "", "e-mails/s");
    println!(
        "  {:<46} {:>12.0}",
        "worker: outbox to SMTP, overview under load", rate
    );
    println!(
        "  {:<46} {:>12.0}",
        "floor: the same e-mails straight over SMTP", floor
    );
    println!();
    println!(
        "  {:<46} {:>9} {:>9} {:>12}",
        "", "p50", "p99", "requests/s"
    );
    println!(
        "  {:<46} {}",
        "overview page while the worker sends",
        during.row()
    );
    println!(
        "  {:<46} {}",
        "overview page while SMTP is sent straight",
        with_floor.row()
    );
    println!(
        "  {:<46} {}",
        "floor: overview page, nothing sent",
        alone.row()
    );
    println!();
    println!(
        "  worker / floor {:.2}; overview p99 with the worker / without {:.2} ({:.1} ms against {:.1} ms)",
        rate / floor,
        during.quantile_ms(0.99) / alone.quantile_ms(0.99),
        during.quantile_ms(0.99),
        alone.quantile_ms(0.99),
    );
    ensure!(
        during.failed + alone.failed + with_floor.failed == 0,
        "overview requests were not answered with 200"
    );
    Ok(())
}

fn national_id(i: usize) -> String {
    format!(
        "{:02}{:02}{:02}-{:04}",
        i % 28 + 1,
        i / 28 % 12 + 1,
        40 + i / 10_000 % 60,
        i % 10_000
    )
}

/// Each citizen: a few records of their own, a confirmed address, and a reminder due now.
async fn build(
    store: &dyn Store,
    national_ids: &[String],
    secret: &SubjectKeySecret,
) -> anyhow::Result<()> {
    let provider: ProviderId = "hospital".parse().map_err(anyhow::Error::msg)?;
    store
        .put_provider(&Provider {
            id: provider.clone(),
            name: "Eksempel Hospital".to_owned(),
            public_keys: Vec::new(),
            classifications: vec!["89".to_owned(), "85".to_owned()],
            homepage: None,
            registered_at: Utc::now(),
            stale_after_days: None,
            last_delivery: None,
        })
        .await?;
    let progress = ProgressBar::new(national_ids.len() as u64).with_style(
        ProgressStyle::with_template("Building {bar:40} {pos}/{len} citizens")
            .expect("a valid template"),
    );
    let now = Utc::now();
    let tomorrow = now + Days::days(1);
    for (chunk_number, chunk) in national_ids.chunks(BATCH).enumerate() {
        // Records that make no notices of their own: a past appointment, a case, a document.
        let upserts: Vec<_> = chunk
            .iter()
            .enumerate()
            .flat_map(|(i, id)| {
                let n = chunk_number * BATCH + i;
                [
                    json!({"id": format!("visit-{n}"), "version": 1, "subject": id, "kind": "appointment",
                        "classification": "89", "updated_at": "2026-10-01T10:00:00Z",
                        "title": {"da": "Kontrol", "en": "Check-up"},
                        "details": {"start": "2026-10-01T09:00:00Z", "end": "2026-10-01T09:30:00Z", "place": "Ambulatorium 3"}}),
                    json!({"id": format!("case-{n}"), "version": 1, "subject": id, "kind": "case",
                        "classification": "89", "updated_at": "2026-10-01T10:00:00Z",
                        "title": {"da": "Henvisning", "en": "Referral"},
                        "details": {"status_history": [{"status": {"da": "Modtaget"}, "at": "2026-10-01T10:00:00Z"}]}}),
                    json!({"id": format!("letter-{n}"), "version": 1, "subject": id, "kind": "document",
                        "classification": "89", "updated_at": "2026-10-02T10:00:00Z",
                        "title": {"da": "Indkaldelse", "en": "Invitation"},
                        "details": {"category": "message", "date": "2026-10-02", "sender": "Eksempel Hospital"}}),
                ]
            })
            .collect();
        let batch = Batch::parse(
            &json!({"upserts": upserts}),
            secret,
            &overblik_model::batch::Unchecked,
        )
        .map_err(|errors| anyhow::anyhow!("the bench's batch is not valid: {errors:?}"))?;
        let key = format!("build-{chunk_number}")
            .parse()
            .map_err(anyhow::Error::msg)?;
        match store.apply_batch(&provider, &key, [0; 32], &batch).await? {
            BatchOutcome::Applied(_) => {}
            other => anyhow::bail!("the bench's batch was not applied: {other:?}"),
        }
        let mut notices = Vec::with_capacity(chunk.len());
        for (i, id) in chunk.iter().enumerate() {
            let national: NationalId = id
                .parse()
                .map_err(|_| anyhow::anyhow!("a generated national identifier does not parse"))?;
            let subject = secret.subject_key(&national);
            let n = chunk_number * BATCH + i;
            let mut token = [0u8; 32];
            token[..8].copy_from_slice(&(n as u64).to_be_bytes());
            let address = format!("citizen{n}@example.dk");
            let confirmation = Notice {
                id: NoticeId::random(),
                subject,
                happening: Happening::EmailConfirmation,
                key: format!("confirmation/{n}"),
                record: None,
                moment: None,
                created_at: now,
                // Long confirmed: its e-mail is not part of what is measured.
                due_at: now + Days::days(365),
                read_at: None,
                confirmation: None,
            };
            store
                .change_email(&subject, Some((&address, token, &confirmation)), now)
                .await?;
            store.confirm_email(token, now).await?;
            notices.push(Notice {
                id: NoticeId::random(),
                subject,
                happening: Happening::AppointmentReminder,
                key: format!("reminder/{n}"),
                record: Some((
                    RecordId::random(),
                    Title::new([
                        (overblik_model::Language::Da, "Kontrol"),
                        (overblik_model::Language::En, "Check-up"),
                    ]),
                )),
                moment: Some(Moment::At(tomorrow)),
                created_at: now,
                due_at: now,
                read_at: None,
                confirmation: None,
            });
            progress.inc(1);
        }
        store.add_notices(&notices).await?;
    }
    progress.finish_and_clear();
    Ok(())
}

/// Starts aiosmtpd on a free port, discarding what it takes.
async fn start_sink() -> anyhow::Result<(u16, tokio::process::Child)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut child = tokio::process::Command::new("python3")
        .args(["-u", "-c", SINK, &port.to_string()])
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("python3 is needed for the SMTP server (with aiosmtpd: pip install aiosmtpd)")?;
    let mut lines = BufReader::new(child.stdout.take().context("a stdout")?).lines();
    ensure!(
        lines.next_line().await?.as_deref() == Some("ready"),
        "aiosmtpd did not start: pip install aiosmtpd"
    );
    Ok((port, child))
}

const SINK: &str = r#"
import asyncio, sys
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
asyncio.run(asyncio.Event().wait())
"#;

/// E-mails a second through the same mailer, straight, with `settings.concurrency` at a
/// time: no outbox read, nothing settled.
async fn smtp_floor(
    settings: &MailSettings,
    public_url: &str,
    run_for: Duration,
) -> anyhow::Result<f64> {
    let mailer = Arc::new(Mailer::new(settings, public_url)?);
    let now = Utc::now();
    let started = Instant::now();
    let mut senders = tokio::task::JoinSet::new();
    for sender in 0..settings.concurrency {
        let mailer = mailer.clone();
        senders.spawn(async move {
            let preferences = Preferences::default();
            let mut sent = 0u64;
            while started.elapsed() < run_for {
                let notice = Notice {
                    id: NoticeId::random(),
                    subject: overblik_model::SubjectKey::from_slice(&[sender as u8; 32])
                        .expect("32 bytes"),
                    happening: Happening::AppointmentReminder,
                    key: String::new(),
                    record: Some((
                        RecordId::random(),
                        Title::new([
                            (overblik_model::Language::Da, "Kontrol"),
                            (overblik_model::Language::En, "Check-up"),
                        ]),
                    )),
                    moment: Some(Moment::At(now)),
                    created_at: now,
                    due_at: now,
                    read_at: None,
                    confirmation: None,
                };
                mailer
                    .send("citizen@example.dk", &[&notice], &preferences)
                    .await?;
                sent += 1;
            }
            anyhow::Ok(sent)
        });
    }
    let mut total = 0;
    while let Some(sent) = senders.join_next().await {
        total += sent??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}
