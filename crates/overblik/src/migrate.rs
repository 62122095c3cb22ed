//! `overblik migrate`: create or update the database schema, or move an embedded deployment
//! to PostgreSQL with `--from sqlite://FILE --to postgres://...`.

use crate::config::{Config, redacted};
use anyhow::{Context, bail, ensure};
use indicatif::{ProgressBar, ProgressStyle};
use overblik_ledger::LedgerStore;
use overblik_model::{Certificate, SubjectKey};
use overblik_store::roles::*;
use overblik_store::{CertificateStatuses, ExportedRecord, NotificationsExport, SharingExport};
use overblik_store_postgres::PostgresStore;
use overblik_store_sqlite::SqliteStore;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::process::ExitCode;

/// Records or log entries moved per transaction.
const PAGE: u32 = 5_000;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The configuration file (TOML); without it, defaults and OVERBLIK_* variables apply.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Copy this embedded deployment (`sqlite://FILE`) ...
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// ... into this empty PostgreSQL database (`postgres://...`), and check the copy.
    #[arg(long, requires = "from")]
    to: Option<String>,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        return copy(from, to).await;
    }
    let config = Config::load(args.config.as_deref())?;
    config.country.install()?;
    // Opening a store runs its migrations.
    config.open_store().await?;
    eprintln!(
        "The database at {} is up to date.",
        redacted(&config.database_url)
    );
    Ok(ExitCode::SUCCESS)
}

/// Copies providers, powers of attorney, recipients and consents, certificates and the
/// issuer's status list, correction requests, records (live ones and deletion markers),
/// notification settings and notices, and the access log, then reads both databases again and
/// compares them record for record and entry for entry.
async fn copy(from: &str, to: &str) -> anyhow::Result<ExitCode> {
    let Some(file) = from.strip_prefix("sqlite://") else {
        bail!("--from must be an embedded database, sqlite://FILE");
    };
    ensure!(
        to.starts_with("postgres://") || to.starts_with("postgresql://"),
        "--to must be a PostgreSQL database, postgres://..."
    );
    let file = file.split('?').next().unwrap_or(file);
    ensure!(
        std::path::Path::new(file).exists(),
        "there is no database at {file}"
    );
    let source = SqliteStore::open(from)
        .await
        .with_context(|| format!("could not open {from}"))?;
    let target = PostgresStore::open(to)
        .await
        .with_context(|| format!("could not open {}", redacted(to)))?;
    ensure!(
        target.export_records(None, 1).await?.records.is_empty()
            && target.tree_hashes(0).await?.is_empty(),
        "{} already holds records or an access log: move into an empty database",
        redacted(to)
    );

    let providers = source.providers().await?;
    for provider in &providers {
        target.put_provider(provider).await?;
    }
    eprintln!("Copied {} providers.", providers.len());
    let mandates = source.export_mandates().await?;
    for mandate in &mandates {
        target.put_mandate(mandate).await?;
    }
    eprintln!("Copied {} powers of attorney.", mandates.len());
    let sharing = copy_sharing(&source, &target).await?;
    let (certificates, statuses) = copy_certificates(&source, &target).await?;
    let choices = source.export_overview_choices().await?;
    for page in choices.chunks(PAGE as usize) {
        target
            .import_overview_choices(page)
            .await
            .context("could not write overview choices into PostgreSQL")?;
    }
    eprintln!("Copied {} citizens' overview choices.", choices.len());
    let corrections = copy_corrections(&source, &target, &providers).await?;
    let records = copy_records(&source, &target).await?;
    let notifications = copy_notifications(&source, &target).await?;
    let entries = copy_access_log(&source, &target).await?;

    eprintln!("Checking the copy against the original...");
    ensure!(
        target.providers().await? == providers,
        "the providers differ after the copy"
    );
    ensure!(
        target.export_mandates().await? == mandates,
        "the powers of attorney differ after the copy"
    );
    ensure!(
        target.export_sharing().await? == sharing,
        "the recipients or consents differ after the copy"
    );
    ensure!(
        target.export_certificates().await? == certificates,
        "the certificates differ after the copy"
    );
    ensure!(
        sorted(target.export_overview_choices().await?) == sorted(choices),
        "the overview choices differ after the copy"
    );
    let copied = target.certificate_statuses().await?;
    ensure!(
        copied.revoked == statuses.revoked && copied.handed_out >= statuses.handed_out,
        "the certificates' status list differs after the copy"
    );
    ensure!(
        target.export_corrections().await? == corrections,
        "the correction requests differ after the copy"
    );
    ensure!(
        target.export_notifications().await? == notifications,
        "the notification settings or notices differ after the copy"
    );
    let digest = check_records(&source, &target, records).await?;
    check_access_log(&source, &target, &entries).await?;
    eprintln!(
        "Moved and checked {records} records (live and deleted, SHA-256 over all {}) and {} \
         access log entries from {from} to {}.",
        hex::encode(digest),
        entries.len(),
        redacted(to)
    );
    Ok(ExitCode::SUCCESS)
}

/// Copies every correction request with its attachments, then the providers' webhooks: in
/// that order, so the copy queues no delivery again. Deliveries still queued at the source
/// do not move; their requests stay listed in the pull API until acknowledged.
async fn copy_corrections(
    source: &SqliteStore,
    target: &PostgresStore,
    providers: &[overblik_store::Provider],
) -> anyhow::Result<Vec<overblik_model::Correction>> {
    let corrections = source.export_corrections().await?;
    let bar = progress(corrections.len() as u64, "correction requests");
    for correction in &corrections {
        let mut files = Vec::with_capacity(correction.attachments.len());
        for attachment in &correction.attachments {
            let bytes = source
                .correction_attachment(&correction.id, &attachment.id)
                .await?;
            files.push((attachment.id, bytes));
        }
        target.put_correction(correction, &files).await?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    for provider in providers {
        if let Some(url) = source.webhook(&provider.id).await? {
            target.put_webhook(&provider.id, Some(&url)).await?;
        }
    }
    eprintln!("Copied {} correction requests.", corrections.len());
    Ok(corrections)
}

/// Copies the registered recipients, then the consents citizens gave them a page at a time,
/// each with its refresh token's hash, so that a recipient's refresh token goes on working.
/// Grants in flight do not move: they last minutes, and the recipient asks again.
async fn copy_sharing(
    source: &SqliteStore,
    target: &PostgresStore,
) -> anyhow::Result<SharingExport> {
    let export = source.export_sharing().await?;
    target
        .import_sharing(&SharingExport {
            consents: Vec::new(),
            ..export.clone()
        })
        .await
        .context("could not register the recipients in PostgreSQL")?;
    let bar = progress(export.consents.len() as u64, "consents copied");
    for page in export.consents.chunks(PAGE as usize) {
        target
            .import_sharing(&SharingExport {
                consents: page.to_vec(),
                ..SharingExport::default()
            })
            .await
            .context("could not write consents into PostgreSQL")?;
        bar.inc(page.len() as u64);
    }
    bar.finish_and_clear();
    eprintln!(
        "Copied {} recipients and {} consents.",
        export.recipients.len(),
        export.consents.len()
    );
    Ok(export)
}

/// Copies the certificates citizens had issued a page at a time, revoked or not, then hands
/// out positions in the target's status list until it is as long as the source's: a position
/// the source handed out for a certificate it never stored is not handed out again. Returns
/// the certificates and the source's status list.
async fn copy_certificates(
    source: &SqliteStore,
    target: &PostgresStore,
) -> anyhow::Result<(Vec<Certificate>, CertificateStatuses)> {
    let certificates = source.export_certificates().await?;
    let statuses = source.certificate_statuses().await?;
    let bar = progress(certificates.len() as u64, "certificates copied");
    for page in certificates.chunks(PAGE as usize) {
        target
            .import_certificates(page)
            .await
            .context("could not write certificates into PostgreSQL")?;
        bar.inc(page.len() as u64);
    }
    bar.finish_and_clear();
    let handed_out = target.certificate_statuses().await?.handed_out;
    for _ in handed_out..statuses.handed_out {
        target.next_status_index().await?;
    }
    eprintln!(
        "Copied {} certificates, {} of them revoked, and a status list of {} positions.",
        certificates.len(),
        statuses.revoked.len(),
        statuses.handed_out
    );
    Ok((certificates, statuses))
}

/// Copies citizens' notification settings and calendar links, then their notices a page
/// at a time, in the order they were written.
async fn copy_notifications(
    source: &SqliteStore,
    target: &PostgresStore,
) -> anyhow::Result<NotificationsExport> {
    let export = source.export_notifications().await?;
    target
        .import_notifications(&NotificationsExport {
            notices: Vec::new(),
            ..export.clone()
        })
        .await?;
    let bar = progress(export.notices.len() as u64, "notices copied");
    for page in export.notices.chunks(PAGE as usize) {
        target
            .import_notifications(&NotificationsExport {
                notices: page.to_vec(),
                ..NotificationsExport::default()
            })
            .await?;
        bar.inc(page.len() as u64);
    }
    bar.finish_and_clear();
    eprintln!(
        "Copied {} citizens' notification settings, {} calendar links and {} notices.",
        export.preferences.len(),
        export.feeds.len(),
        export.notices.len()
    );
    Ok(export)
}

fn progress(length: u64, what: &str) -> ProgressBar {
    ProgressBar::new(length).with_style(
        ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} {what}, {{per_sec}}"))
            .expect("a valid template"),
    )
}

async fn copy_records(source: &SqliteStore, target: &PostgresStore) -> anyhow::Result<u64> {
    // Deletion markers are not counted as records, so the bar grows when it meets them.
    let bar = progress(source.record_count(None).await?, "records copied");
    let (mut after, mut copied) = (None, 0);
    loop {
        let page = source.export_records(after, PAGE).await?;
        target
            .import_records(&page.records)
            .await
            .context("could not write records into PostgreSQL")?;
        copied += page.records.len() as u64;
        if copied > bar.length().unwrap_or_default() {
            bar.set_length(copied);
        }
        bar.set_position(copied);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    bar.finish();
    Ok(copied)
}

/// What a record is, as one hash: every field the stores keep.
fn record_digest(record: &ExportedRecord) -> anyhow::Result<[u8; 32]> {
    let mut hash = Sha256::new();
    hash.update(record.id.as_uuid().as_bytes());
    for text in [record.provider.as_str(), record.source_id.as_str()] {
        hash.update((text.len() as u64).to_be_bytes());
        hash.update(text.as_bytes());
    }
    hash.update(record.version.get().to_be_bytes());
    hash.update(record.stored_at.timestamp_micros().to_be_bytes());
    hash.update(record.changed_at.timestamp_micros().to_be_bytes());
    if let Some((subject, body)) = &record.live {
        hash.update(subject.as_bytes());
        hash.update(serde_json::to_vec(body)?);
    }
    Ok(hash.finalize().into())
}

/// Reads both stores again page by page, in the order records were first received, and
/// compares each record's hash. Returns the hash over all records.
async fn check_records(
    source: &SqliteStore,
    target: &PostgresStore,
    expected: u64,
) -> anyhow::Result<[u8; 32]> {
    let bar = progress(expected, "records checked");
    let mut all = Sha256::new();
    let (mut after_source, mut after_target, mut checked) = (None, None, 0u64);
    loop {
        let original = source.export_records(after_source, PAGE).await?;
        let copy = target.export_records(after_target, PAGE).await?;
        for (index, record) in original.records.iter().enumerate() {
            let Some(copied) = copy.records.get(index) else {
                bail!(
                    "record {} of provider {} is missing in the copy",
                    record.source_id,
                    record.provider
                );
            };
            let digest = record_digest(record)?;
            ensure!(
                digest == record_digest(copied)?,
                "record {} of provider {} differs in the copy",
                record.source_id,
                record.provider
            );
            all.update(digest);
        }
        ensure!(
            copy.records.len() == original.records.len(),
            "the copy holds records the original does not"
        );
        checked += original.records.len() as u64;
        bar.set_position(checked);
        match (original.next, copy.next) {
            (Some(next_source), Some(next_target)) => {
                after_source = Some(next_source);
                after_target = Some(next_target);
            }
            (None, None) => break,
            _ => bail!("the copy and the original end at different records"),
        }
    }
    bar.finish();
    ensure!(
        checked == expected,
        "{checked} records were read back, {expected} were copied"
    );
    ensure!(
        source.record_count(None).await? == target.record_count(None).await?,
        "the number of live records differs after the copy"
    );
    Ok(all.finalize().into())
}

/// The hash of one access log entry: its leaf, salt and content.
fn entry_digest(subject: &SubjectKey, entry: &overblik_ledger::StoredEntry) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(subject.as_bytes());
    hash.update(entry.index.to_be_bytes());
    hash.update(entry.salt);
    hash.update(entry.entry.canonical_bytes());
    hash.finalize().into()
}

/// Copies the access log as it is: entries with their leaf indexes and salts, the tree's
/// stored hashes, every signed checkpoint, and the entries awaiting their seal. Returns each
/// sealed entry's hash by leaf.
async fn copy_access_log(
    source: &SqliteStore,
    target: &PostgresStore,
) -> anyhow::Result<Vec<[u8; 32]>> {
    let bar = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {pos} access log entries copied, {per_sec}")
            .expect("a valid template"),
    );
    let mut digests = Vec::new();
    let mut after = None;
    loop {
        let entries = source.access_entries_after(after, PAGE).await?;
        let Some(last) = entries.last() else { break };
        after = Some(last.index);
        for entry in &entries {
            ensure!(
                entry.index == digests.len() as u64,
                "the access log's entry {} is missing",
                digests.len()
            );
            digests.push(entry_digest(&entry.entry.subject, entry));
        }
        target.append_entries(&entries, 0, &[]).await?;
        bar.inc(entries.len() as u64);
    }
    bar.finish();
    let hashes = source.tree_hashes(0).await?;
    for (chunk, first) in hashes
        .chunks(PAGE as usize)
        .zip((0..).step_by(PAGE as usize))
    {
        target.append_entries(&[], first, chunk).await?;
    }
    for (size, note) in source.access_checkpoints().await? {
        target.put_checkpoint(size, &note).await?;
    }
    // Entries not yet sealed go on waiting, for the target's integrator.
    let pending = source.access_pending().await?;
    target.append_pending(&pending).await?;
    if !pending.is_empty() {
        eprintln!(
            "Copied {} access log entries awaiting their seal.",
            pending.len()
        );
    }
    Ok(digests)
}

/// Reads the copied log back and compares every entry, the tree's hashes and the checkpoints.
async fn check_access_log(
    source: &SqliteStore,
    target: &PostgresStore,
    expected: &[[u8; 32]],
) -> anyhow::Result<()> {
    let mut seen = vec![false; expected.len()];
    let mut after = None;
    loop {
        let entries = target.access_entries_after(after, PAGE).await?;
        let Some((subject, last)) = entries.last() else {
            break;
        };
        after = Some((*subject, last.index));
        for (subject, entry) in &entries {
            let leaf = usize::try_from(entry.index)?;
            ensure!(
                expected.get(leaf) == Some(&entry_digest(subject, entry)) && !seen[leaf],
                "the access log's entry {leaf} differs in the copy"
            );
            seen[leaf] = true;
        }
    }
    ensure!(
        seen.iter().all(|seen| *seen),
        "access log entries are missing in the copy"
    );
    ensure!(
        source.tree_hashes(0).await? == target.tree_hashes(0).await?,
        "the access log's tree differs in the copy"
    );
    ensure!(
        source.access_checkpoints().await? == target.access_checkpoints().await?,
        "the access log's checkpoints differ in the copy"
    );
    Ok(())
}

/// Choices in the order of their citizens' keys, to compare two stores' exports.
fn sorted(
    mut choices: Vec<(overblik_model::SubjectKey, overblik_model::OverviewChoices)>,
) -> Vec<(overblik_model::SubjectKey, overblik_model::OverviewChoices)> {
    choices.sort_by_key(|(subject, _)| *subject);
    choices
}
