//! The embedded SQLite backend of Overblik's store: two files (records, and the access log beside
//! them), WAL, migrations at start.

mod body;
mod certificates;
mod choices;
mod corrections;
mod ledger;
mod listing;
mod mandates;
mod notifications;
mod sharing;
mod sign_ins;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use overblik_model::correction::{Answer, AttachmentId, DeliveryId};
use overblik_model::notify::{MailOutcome, Notice, NoticeId, Preferences};
use overblik_model::{
    Batch, BatchReceipt, Certificate, CertificateId, Consent, ConsentId, Correction, CorrectionId,
    Mandate, MandateId, OverviewChoices, ProviderId, Recipient, RecipientId, Record, RecordId,
    StaleRecord, SubjectKey, Upsert, values::Version,
};
use overblik_store::roles::*;
use overblik_store::{
    ActiveSession, BatchOutcome, CertificateStatuses, ExportPage, ExportedRecord, Grant,
    IdempotencyKey, MailJob, NotificationsExport, OutboxStats, Provider, RecordFilter, Session,
    SessionKey, SessionLimits, SharingExport, SignIn, Store, StoreError, StoreResult, StoredRecord,
    SubjectOverview, SubjectSummary, WebhookJob, WebhookOutcome,
};
use sqlx::query_builder::Separated;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// How long an idempotency key is remembered: a retry after this writes again.
const IDEMPOTENCY_KEY_RETENTION: Duration = Duration::days(7);

/// The columns of a record row, in the order [`bind_record`] binds them.
pub const RECORD_COLUMNS: &str = "INSERT INTO records (id, provider_id, source_id, version, subject, area, kind, \
     source_updated_at, hidden_until, stored_at, attention_until, changed_at, content_hash, \
     stands_until, body) ";

/// Turns an insert of record rows into an upsert that writes a row only when its version is
/// newer than the stored one (or than its deletion), returning the ids it wrote.
const UPSERT_NEWER: &str = " ON CONFLICT (provider_id, source_id) DO UPDATE SET
        version = excluded.version, subject = excluded.subject, area = excluded.area,
        kind = excluded.kind, source_updated_at = excluded.source_updated_at,
        hidden_until = excluded.hidden_until, stored_at = excluded.stored_at,
        attention_until = excluded.attention_until,
        changed_at = CASE
            WHEN records.content_hash = excluded.content_hash
                AND records.subject = excluded.subject
            THEN records.changed_at ELSE excluded.changed_at END,
        content_hash = excluded.content_hash, stands_until = excluded.stands_until,
        body = excluded.body
    WHERE excluded.version > records.version
    RETURNING source_id, id";

/// Rows per INSERT statement: far fewer round trips to SQLite than one statement a row,
/// and well under SQLite's limit of 32,766 bound parameters.
pub const ROWS_PER_STATEMENT: usize = 200;

const DELETE_RECORD: &str = "
    INSERT INTO records (id, provider_id, source_id, version, stored_at, changed_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?5)
    ON CONFLICT (provider_id, source_id) DO UPDATE SET
        version = excluded.version, subject = NULL, area = NULL, kind = NULL,
        source_updated_at = NULL, hidden_until = NULL, stored_at = excluded.stored_at,
        attention_until = NULL, changed_at = excluded.changed_at, content_hash = NULL,
        stands_until = NULL, body = NULL
    WHERE excluded.version > records.version";

/// A subject's records chosen by `$chosen`, listed in one value a line each as
/// `listing::listed_records` reads them: `?1` is the subject. One value, because sqlx hands
/// every row from SQLite's thread to the caller's task on its own. `$body` follows the
/// version on each line: the body (the default), or nothing where the records kept decoded
/// may do.
macro_rules! listed_records {
    ($chosen:literal) => {
        listed_records!($chosen, " || ' ' || body")
    };
    ($chosen:literal, $body:literal) => {
        concat!(
            "(SELECT group_concat(
                         source_updated_at || ' ' || seq || ' ' || hex(id) || ' '
                             || stored_at || ' ' || changed_at || ' ' || provider_id
                             || ' ' || version",
            $body,
            ",
                         char(10))
              FROM records WHERE subject = ?1 AND ",
            $chosen,
            ")"
        )
    };
}

/// A subject's summary (see `subject_summary`) as three lists: `?1` the subject, `?2` now,
/// `?3` the last visit or NULL.
macro_rules! summary_lists {
    () => {
        summary_lists!(" || ' ' || body")
    };
    ($body:literal) => {
        concat!(
            "(SELECT group_concat(area || ' ' || kind || ' ' || n || ' ' || latest, char(10))
              FROM (SELECT area, kind, count(*) AS n, max(source_updated_at) AS latest
                    FROM records
                    WHERE subject = ?1 AND (hidden_until IS NULL OR hidden_until <= ?2)
                    GROUP BY area, kind)),",
            listed_records!(
                "attention_until > -9223372036854775808 AND attention_until >= ?2
                 AND (hidden_until IS NULL OR hidden_until <= ?2)",
                $body
            ),
            ",
             (SELECT group_concat(hex(id), ' ')
              FROM records
              WHERE subject = ?1 AND (hidden_until IS NULL OR hidden_until <= ?2)
                AND ?3 IS NOT NULL AND changed_at > ?3)"
        )
    };
}

/// A subject's standing records (see `standing_records`): `?1` the subject, `?2` now.
macro_rules! standing_list {
    () => {
        standing_list!(" || ' ' || body")
    };
    ($body:literal) => {
        listed_records!(
            "stands_until > -9223372036854775808 AND stands_until >= ?2
             AND (hidden_until IS NULL OR hidden_until <= ?2)",
            $body
        )
    };
}

/// A subject's records visible at `?2`, of the area `?3` and the kind `?4` where given.
const SUBJECT_RECORDS: &str = concat!(
    "SELECT ",
    listed_records!(
        "(hidden_until IS NULL OR hidden_until <= ?2)
         AND (?3 IS NULL OR area = ?3) AND (?4 IS NULL OR kind = ?4)"
    )
);

/// A subject's summary in one row.
const SUBJECT_SUMMARY: &str = concat!("SELECT ", summary_lists!());

/// A subject's summary as `SUBJECT_SUMMARY` but without the records' bodies: enough when
/// every record listed is one the store keeps decoded.
const SUBJECT_SUMMARY_KEPT: &str = concat!("SELECT ", summary_lists!(""));

/// A subject's standing records in one value.
const STANDING_RECORDS: &str = concat!("SELECT ", standing_list!());

/// What the overview page reads (see `subject_overview`) in one row: the summary's three
/// lists, the standing records and the citizen's choices.
const SUBJECT_OVERVIEW: &str = concat!(
    "SELECT ",
    summary_lists!(),
    ", ",
    standing_list!(),
    ", (SELECT body FROM overview_choices WHERE subject = ?1)"
);

/// What the overview page reads, as `SUBJECT_OVERVIEW` but without the records' bodies:
/// enough when every record listed is one the store keeps decoded.
const SUBJECT_OVERVIEW_KEPT: &str = concat!(
    "SELECT ",
    summary_lists!(""),
    ", ",
    standing_list!(""),
    ", (SELECT body FROM overview_choices WHERE subject = ?1)"
);

/// A row of `SUBJECT_OVERVIEW` or `SUBJECT_OVERVIEW_KEPT`: the summary's three lists, the
/// standing records and the choices.
type OverviewRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Signed-in sessions kept in memory besides their rows. A SQLite database belongs to one
/// server process, so the rows change only through this store and the copies stay true; a
/// session found here costs no query on each request.
const CACHED_SESSIONS: usize = 100_000;

/// The SQLite store. Writes go through one connection, as SQLite has one writer; reads use a pool.
#[derive(Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    readers: SqlitePool,
    /// The access log's own database file: one connection writing, a few reading.
    log_writer: SqlitePool,
    log_readers: SqlitePool,
    sessions: Arc<quick_cache::sync::Cache<[u8; 32], Session>>,
    decoded: Arc<listing::Decoded>,
    /// The access log's integrator lease: a lock of this process, as one process serves
    /// from a file ([`ServingLock`]).
    integrating: Arc<tokio::sync::Mutex<()>>,
    /// Dropped with the last copy of the store, which stops its checkpoints.
    _checkpoints: Arc<tokio::sync::oneshot::Sender<()>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("writer", &self.writer)
            .field("readers", &self.readers)
            .field("log_writer", &self.log_writer)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://FILE`) and migrates it,
    /// with the default [`Memory`].
    pub async fn open(url: &str) -> StoreResult<Self> {
        Self::open_with(url, Memory::default()).await
    }

    /// [`SqliteStore::open`] with the connections and page caches of `memory`.
    pub async fn open_with(url: &str, memory: Memory) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(StoreError::other)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a batch acknowledged to a provider survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10))
            // 256 MiB of page cache for the writers (the readers' is set below) and
            // memory-mapped reads: the subject index is written at random places (subject
            // keys are hashes), so big loads touch much of it.
            .pragma("cache_size", "-262144")
            .pragma("mmap_size", "1073741824")
            .pragma("temp_store", "memory");
        let log_options = options
            .clone()
            .filename(access_log_file(options.get_filename()));
        // The writers leave checkpoints (copying the write-ahead log into the database file)
        // to connections of their own, so no acknowledged write waits for one.
        let unchecked =
            |options: &SqliteConnectOptions| options.clone().pragma("wal_autocheckpoint", "0");
        let writer = connect(1, unchecked(&options)).await?;
        let log_writer = connect(1, unchecked(&log_options)).await?;
        sqlx::migrate!("./log-migrations")
            .run(&log_writer)
            .await
            .map_err(StoreError::other)?;
        ledger::move_in_from_records_file(&writer, &log_writer, options.get_filename()).await?;
        sqlx::migrate!("./migrations")
            .run(&writer)
            .await
            .map_err(StoreError::other)?;
        let filled = fill_in(&writer, "attention_until", attention_until).await?
            + fill_in(&writer, "content_hash", Record::content_hash).await?
            + fill_in(&writer, "stands_until", stands_until).await?;
        if filled > 0 {
            // Filling in rewrites every old row: its WAL (gigabytes for a large store) is
            // moved into the file and cut now, before any reader could keep it from being cut
            // and every page read had to look through it.
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&writer)
                .await
                .map_err(other)?;
        }
        // Every connection but the two writers reads only a little at a time: a page cache of
        // its own the size `memory` gives (the file's pages are memory-mapped besides).
        let small_cache = format!("-{}", u64::from(memory.page_cache_mib.max(1)) * 1024);
        let options = options.pragma("cache_size", small_cache.clone());
        let log_options = log_options.pragma("cache_size", small_cache);
        let checkpointers = vec![
            connect(1, options.clone()).await?,
            connect(1, log_options.clone()).await?,
        ];
        let (store_open, store_dropped) = tokio::sync::oneshot::channel();
        tokio::spawn(checkpoint_continually(checkpointers, store_dropped));
        let readers = connect(memory.readers.max(1), options.read_only(true)).await?;
        let log_readers = connect(memory.readers.div_ceil(2), log_options.read_only(true)).await?;
        Ok(Self {
            writer,
            readers,
            log_writer,
            log_readers,
            sessions: Arc::new(quick_cache::sync::Cache::new(CACHED_SESSIONS)),
            decoded: Arc::default(),
            integrating: Arc::new(tokio::sync::Mutex::new(())),
            _checkpoints: Arc::new(store_open),
        })
    }

    /// A session as its row holds it.
    async fn stored_session(&self, key: &SessionKey) -> StoreResult<Session> {
        let row: Option<(Vec<u8>, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT subject, created_at, last_seen_at, previous_visit FROM sessions WHERE key = ?1",
        )
        .bind(key.0.as_slice())
        .fetch_optional(&self.readers)
        .await
        .map_err(other)?;
        let (subject, created_at, last_seen_at, previous_visit) =
            row.ok_or(StoreError::NotFound)?;
        Ok(Session {
            subject: SubjectKey::from_slice(&subject)
                .ok_or_else(|| StoreError::Other("stored session has a bad subject".into()))?,
            created_at: from_millis(created_at),
            last_seen_at: from_millis(last_seen_at),
            previous_visit: previous_visit.map(from_millis),
        })
    }

    /// Reads the one row of an overview query, `?1` the subject, `?2` now and `?3` the last
    /// visit: first `without`, which lists the records without their bodies, and when `kept`
    /// finds one of them not kept decoded, `with`, the same query with the bodies, which
    /// `kept` decodes and keeps. Each is one statement, so one snapshot, and a kept (id,
    /// version) is the body `with` would give, so both answer alike.
    async fn read_kept<Row, Answer>(
        &self,
        [without, with]: [&'static str; 2],
        (subject, now, since): (&SubjectKey, DateTime<Utc>, Option<DateTime<Utc>>),
        kept: impl Fn(Row) -> StoreResult<Option<Answer>>,
    ) -> StoreResult<Answer>
    where
        Row: for<'r> sqlx::FromRow<'r, SqliteRow> + Send + Unpin,
    {
        for query in [without, with] {
            let row: Row = sqlx::query_as(query)
                .bind(subject.as_bytes().as_slice())
                .bind(millis(now))
                .bind(since.map(millis))
                .fetch_one(&self.readers)
                .await
                .map_err(other)?;
            if let Some(answer) = kept(row)? {
                return Ok(answer);
            }
        }
        Err(StoreError::Other(
            "records read with their bodies were not decoded".into(),
        ))
    }

    /// The writing connection, for tools that measure the database itself (benchmarks).
    pub fn write_pool(&self) -> &SqlitePool {
        &self.writer
    }

    /// The access log database's writing connection, for tools that inspect it directly.
    pub fn log_write_pool(&self) -> &SqlitePool {
        &self.log_writer
    }
}

/// The memory a store may keep: its reading connections and the page cache of each. The
/// two writers (records and access log) keep 256 MiB of page cache each whatever this says,
/// for large batches; every other connection keeps `page_cache_mib`. The most the caches can
/// hold is 512 MiB + (readers + readers / 2 + 2) × `page_cache_mib`; they fill only with
/// pages that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Memory {
    /// Connections that read records (half as many, rounded up, read the access log).
    pub readers: u32,
    /// The page cache of each reading connection, in MiB.
    pub page_cache_mib: u32,
}

impl Default for Memory {
    fn default() -> Self {
        Self {
            readers: 8,
            page_cache_mib: 32,
        }
    }
}

/// The lock of the one process that serves from an SQLite database: held by `overblik serve`
/// and the demo, it ends with the process however the process ends.
#[derive(Debug)]
pub struct ServingLock {
    _file: std::fs::File,
}

/// Takes the [`ServingLock`] of the database at `database_url` (`sqlite://FILE`): a second
/// server beside the first would give the access log's entries leaves of its own. Other
/// tools (`overblik provider register`, say) open the store beside a server as before. The
/// lock is the operating system's, on a file beside the database (`overblik.db.lock`); it
/// waits up to two seconds for it.
pub async fn lock_for_serving(database_url: &str) -> StoreResult<ServingLock> {
    let options = SqliteConnectOptions::from_str(database_url).map_err(StoreError::other)?;
    let records = options.get_filename();
    let refused = |why: String| StoreError::Other(why.into());
    let mut name = records.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|error| refused(format!("could not open {}: {error}", path.display())))?;
    // A server restarted in place may take a moment to let go of it.
    for _ in 0..40 {
        match file.try_lock() {
            Ok(()) => return Ok(ServingLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(refused(format!(
                    "could not lock {}: {error}",
                    path.display()
                )));
            }
        }
    }
    Err(refused(format!(
        "{} is in use by another Overblik process: an SQLite store serves from one process \
         only (use PostgreSQL for several servers)",
        records.display()
    )))
}

/// The access log's database file, beside the records' file `records`: `overblik.db` keeps
/// its log in `overblik-access-log.db`.
pub fn access_log_file(records: &Path) -> PathBuf {
    let stem = records.file_stem().unwrap_or_default().to_string_lossy();
    let name = match records.extension() {
        Some(extension) => format!("{stem}-access-log.{}", extension.to_string_lossy()),
        None => format!("{stem}-access-log"),
    };
    records.with_file_name(name)
}

/// Every file a store whose records are in `records` may keep: both databases, each with
/// its write-ahead log and shared-memory index.
pub fn database_files(records: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for database in [records.to_path_buf(), access_log_file(records)] {
        for suffix in ["-wal", "-shm"] {
            let mut name = database.clone().into_os_string();
            name.push(suffix);
            files.push(PathBuf::from(name));
        }
        files.push(database);
    }
    files
}

/// A pool of up to `connections` connections to the database of `options`. A connection to
/// a local file needs no test before each use, and the test would cost a round trip to the
/// connection's thread on every query.
async fn connect(connections: u32, options: SqliteConnectOptions) -> StoreResult<SqlitePool> {
    SqlitePoolOptions::new()
        .test_before_acquire(false)
        .max_connections(connections)
        .connect_with(options)
        .await
        .map_err(StoreError::other)
}

/// How often the write-ahead log is copied into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Copies each database's write-ahead log into its file every [`CHECKPOINT_EVERY`], beside
/// the writer instead of inside one of its commits (SQLite's default), until the store is
/// dropped. A passive checkpoint waits for no reader or writer; what it cannot copy yet, the
/// next one does.
async fn checkpoint_continually(
    checkpointers: Vec<SqlitePool>,
    mut store_dropped: tokio::sync::oneshot::Receiver<()>,
) {
    let mut every = tokio::time::interval(CHECKPOINT_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = &mut store_dropped => break,
            _ = every.tick() => {}
        }
        for checkpointer in &checkpointers {
            if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(checkpointer)
                .await
            {
                tracing::warn!(%error, "the write-ahead log could not be copied into the database");
            }
        }
    }
    for checkpointer in checkpointers {
        checkpointer.close().await;
    }
}

/// Works out a column derived from the record (`attention_until`, `content_hash`) for rows
/// stored before the column existed, a thousand rows at a time; returns how many rows it
/// filled in.
async fn fill_in(
    writer: &SqlitePool,
    column: &'static str,
    derive: fn(&Record) -> i64,
) -> StoreResult<usize> {
    let select = format!(
        "SELECT seq, body FROM records WHERE {column} IS NULL AND body IS NOT NULL LIMIT 1000"
    );
    let update = format!("UPDATE records SET {column} = ?2 WHERE seq = ?1");
    let mut filled = 0;
    loop {
        let rows: Vec<(i64, String)> = sqlx::query_as(&select)
            .fetch_all(writer)
            .await
            .map_err(other)?;
        if rows.is_empty() {
            return Ok(filled);
        }
        filled += rows.len();
        let mut tx = writer.begin().await.map_err(other)?;
        for (seq, body) in rows {
            let record = body::record(&body).map_err(StoreError::other)?;
            sqlx::query(&update)
                .bind(seq)
                .bind(derive(&record))
                .execute(&mut *tx)
                .await
                .map_err(other)?;
        }
        tx.commit().await.map_err(other)?;
    }
}

/// Binds one record row's columns in the order of [`RECORD_COLUMNS`].
pub fn bind_record(
    mut row: Separated<'_, '_, Sqlite, &'static str>,
    provider: &ProviderId,
    upsert: &Upsert,
    stored_at: DateTime<Utc>,
    body: String,
) {
    let record = &upsert.incoming.record;
    row.push_bind(RecordId::random().as_uuid().as_bytes().to_vec())
        .push_bind(provider.as_str().to_owned())
        .push_bind(record.id.as_str().to_owned())
        .push_bind(record.version.get())
        .push_bind(upsert.incoming.subject.as_bytes().to_vec())
        .push_bind(record.classification.area().slug())
        .push_bind(record.kind().as_str())
        .push_bind(millis(record.updated_at.get()))
        .push_bind(record.hidden_until.map(|at| millis(at.get())))
        .push_bind(millis(stored_at))
        .push_bind(attention_until(record))
        .push_bind(millis(stored_at))
        .push_bind(record.content_hash())
        .push_bind(stands_until(record))
        .push_bind(body);
}

fn other(error: sqlx::Error) -> StoreError {
    StoreError::other(error)
}

fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The `attention_until` column.
fn attention_until(record: &Record) -> i64 {
    record.attention_span().end_millis()
}

/// The `stands_until` column.
fn stands_until(record: &Record) -> i64 {
    record.standing().end_millis()
}

fn from_millis(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// Reads a stored row back; the row was written by this store, so a failure is corruption.
fn stored_record(row: &SqliteRow) -> StoreResult<StoredRecord> {
    let corrupt = |what: &str| StoreError::Other(format!("stored record has a bad {what}").into());
    let id: Vec<u8> = row.try_get("id").map_err(other)?;
    let subject: Vec<u8> = row.try_get("subject").map_err(other)?;
    let provider: String = row.try_get("provider_id").map_err(other)?;
    let body: String = row.try_get("body").map_err(other)?;
    let record = body::record(&body).map_err(StoreError::other)?;
    Ok(StoredRecord {
        id: RecordId::from_uuid(uuid::Uuid::from_slice(&id).map_err(|_| corrupt("id"))?),
        provider: provider.parse().map_err(|_| corrupt("provider"))?,
        subject: SubjectKey::from_slice(&subject).ok_or_else(|| corrupt("subject"))?,
        stored_at: from_millis(row.try_get("stored_at").map_err(other)?),
        changed_at: from_millis(row.try_get("changed_at").map_err(other)?),
        record: record.into(),
    })
}

/// Reads an exported row back: a live record, or a deletion marker without subject or body.
fn exported_record(row: &SqliteRow) -> StoreResult<ExportedRecord> {
    let corrupt = |what: &str| StoreError::Other(format!("stored record has a bad {what}").into());
    let id: Vec<u8> = row.try_get("id").map_err(other)?;
    let provider: String = row.try_get("provider_id").map_err(other)?;
    let source_id: String = row.try_get("source_id").map_err(other)?;
    let version: i64 = row.try_get("version").map_err(other)?;
    let subject: Option<Vec<u8>> = row.try_get("subject").map_err(other)?;
    let body: Option<String> = row.try_get("body").map_err(other)?;
    let live = match (subject, body) {
        (Some(subject), Some(body)) => Some((
            SubjectKey::from_slice(&subject).ok_or_else(|| corrupt("subject"))?,
            body::record(&body).map_err(StoreError::other)?,
        )),
        _ => None,
    };
    Ok(ExportedRecord {
        id: RecordId::from_uuid(uuid::Uuid::from_slice(&id).map_err(|_| corrupt("id"))?),
        provider: provider.parse().map_err(|_| corrupt("provider"))?,
        source_id: source_id.parse().map_err(|_| corrupt("source id"))?,
        version: Version::new(version).ok_or_else(|| corrupt("version"))?,
        stored_at: from_millis(row.try_get("stored_at").map_err(other)?),
        changed_at: from_millis(row.try_get("changed_at").map_err(other)?),
        live,
    })
}

async fn current_version(
    tx: &mut Transaction<'_, Sqlite>,
    provider: &ProviderId,
    source_id: &str,
) -> StoreResult<Version> {
    let version: i64 =
        sqlx::query_scalar("SELECT version FROM records WHERE provider_id = ?1 AND source_id = ?2")
            .bind(provider.as_str())
            .bind(source_id)
            .fetch_one(&mut **tx)
            .await
            .map_err(other)?;
    Version::new(version).ok_or_else(|| StoreError::Other("negative stored version".into()))
}

#[async_trait]
impl RecordStore for SqliteStore {
    async fn apply_batch(
        &self,
        provider: &ProviderId,
        key: &IdempotencyKey,
        request_hash: [u8; 32],
        batch: &Batch,
    ) -> StoreResult<BatchOutcome> {
        let now = Utc::now();
        let mut tx = self.writer.begin().await.map_err(other)?;
        let earlier: Option<(Vec<u8>, String)> = sqlx::query_as(
            "SELECT request_hash, receipt FROM idempotency_keys WHERE provider_id = ?1 AND key = ?2",
        )
        .bind(provider.as_str())
        .bind(key.as_str())
        .fetch_optional(&mut *tx)
        .await
        .map_err(other)?;
        if let Some((hash, receipt)) = earlier {
            return Ok(if hash == request_hash {
                BatchOutcome::Replayed(serde_json::from_str(&receipt).map_err(StoreError::other)?)
            } else {
                BatchOutcome::KeyReused
            });
        }

        let mut receipt = BatchReceipt {
            batch_id: uuid::Uuid::new_v4(),
            upserted: 0,
            deleted: 0,
            stale: Vec::new(),
        };
        let mut notices = notifications::BatchNotices::default();
        for chunk in batch.upserts.chunks(ROWS_PER_STATEMENT) {
            let source_ids: Vec<&str> = chunk
                .iter()
                .map(|upsert| upsert.incoming.record.id.as_str())
                .collect();
            let before = notifications::versions_before(&mut tx, provider, &source_ids).await?;
            let mut insert = QueryBuilder::<Sqlite>::new(RECORD_COLUMNS);
            let mut bodies = Vec::with_capacity(chunk.len());
            for upsert in chunk {
                bodies.push(
                    serde_json::to_string(&upsert.incoming.record).map_err(StoreError::other)?,
                );
            }
            insert.push_values(chunk.iter().zip(bodies), |row, (upsert, body)| {
                bind_record(row, provider, upsert, now, body);
            });
            insert.push(UPSERT_NEWER);
            let written: HashMap<String, Vec<u8>> = insert
                .build_query_as::<(String, Vec<u8>)>()
                .fetch_all(&mut *tx)
                .await
                .map_err(other)?
                .into_iter()
                .collect();
            for upsert in chunk {
                let record = &upsert.incoming.record;
                if let Some(id) = written.get(record.id.as_str()) {
                    receipt.upserted += 1;
                    let id =
                        RecordId::from_uuid(uuid::Uuid::from_slice(id).map_err(StoreError::other)?);
                    let previous = before.get(record.id.as_str());
                    let changes = overblik_model::notify::changes(provider, previous, record, now);
                    notices
                        .record_written(
                            &mut tx,
                            id,
                            &upsert.incoming.subject,
                            record,
                            changes,
                            previous.is_some(),
                            now,
                        )
                        .await?;
                } else {
                    receipt.stale.push(StaleRecord {
                        id: record.id.clone(),
                        version: record.version,
                        current_version: current_version(&mut tx, provider, record.id.as_str())
                            .await?,
                    });
                }
            }
        }
        for delete in &batch.deletes {
            let written = sqlx::query(DELETE_RECORD)
                .bind(RecordId::random().as_uuid().as_bytes().as_slice())
                .bind(provider.as_str())
                .bind(delete.id.as_str())
                .bind(delete.version.get())
                .bind(millis(now))
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
            if written == 1 {
                receipt.deleted += 1;
                notifications::record_deleted(&mut tx, provider, delete.id.as_str()).await?;
            } else {
                receipt.stale.push(StaleRecord {
                    id: delete.id.clone(),
                    version: delete.version,
                    current_version: current_version(&mut tx, provider, delete.id.as_str()).await?,
                });
            }
        }

        sqlx::query(
            "INSERT INTO idempotency_keys (provider_id, key, request_hash, receipt, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(provider.as_str())
        .bind(key.as_str())
        .bind(request_hash.as_slice())
        .bind(serde_json::to_string(&receipt).map_err(StoreError::other)?)
        .bind(millis(now))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?1")
            .bind(millis(now - IDEMPOTENCY_KEY_RETENTION))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        note_delivery(&mut *tx, provider, millis(now)).await?;
        tx.commit().await.map_err(other)?;
        Ok(BatchOutcome::Applied(receipt))
    }

    async fn subject_records(
        &self,
        subject: &SubjectKey,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>> {
        // One value for all the subject's records, of which a citizen with years of history
        // has hundreds. They are put in order here rather than by SQLite, which would sort them
        // in a temporary b-tree. A history is read seldom, so it is decoded afresh.
        let listed: Option<String> = sqlx::query_scalar(SUBJECT_RECORDS)
            .bind(subject.as_bytes().as_slice())
            .bind(millis(filter.visible_at))
            .bind(filter.area.map(|area| area.slug()))
            .bind(filter.kind.map(|kind| kind.as_str()))
            .fetch_one(&self.readers)
            .await
            .map_err(other)?;
        Ok(listing::newest_first(listing::listed_records(
            listed.as_deref(),
            subject,
            None,
        )?))
    }

    async fn standing_records(
        &self,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<StoredRecord>> {
        let listed: Option<String> = sqlx::query_scalar(STANDING_RECORDS)
            .bind(subject.as_bytes().as_slice())
            .bind(millis(at))
            .fetch_one(&self.readers)
            .await
            .map_err(other)?;
        let listed = listing::listed_records(listed.as_deref(), subject, Some(&self.decoded))?;
        Ok(listed.into_iter().map(|(_, record)| record).collect())
    }

    async fn subject_summary(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary> {
        // Three lists in one row, one round trip. The tallies read the subject's stretch of
        // the index alone, and the ids changed since are found in it; the records that may
        // need attention are found in `records_needing_attention` and only they are read
        // whole, listed as `subject_records` lists them. As in `subject_overview`, they are
        // listed without their bodies first, and with them only when one is not kept decoded.
        self.read_kept(
            [SUBJECT_SUMMARY_KEPT, SUBJECT_SUMMARY],
            (subject, now, since),
            |lists: listing::SummaryLists| listing::kept_summary(lists, subject, &self.decoded),
        )
        .await
    }

    async fn subject_record(
        &self,
        subject: &SubjectKey,
        id: &RecordId,
        visible_at: DateTime<Utc>,
    ) -> StoreResult<StoredRecord> {
        let row = sqlx::query(
            "SELECT id, provider_id, subject, stored_at, changed_at, body FROM records
             WHERE id = ?1 AND subject = ?2 AND (hidden_until IS NULL OR hidden_until <= ?3)",
        )
        .bind(id.as_uuid().as_bytes().as_slice())
        .bind(subject.as_bytes().as_slice())
        .bind(millis(visible_at))
        .fetch_optional(&self.readers)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
        stored_record(&row)
    }

    async fn record_count(&self, provider: Option<&ProviderId>) -> StoreResult<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM records WHERE subject IS NOT NULL AND (?1 IS NULL OR provider_id = ?1)",
        )
        .bind(provider.map(ProviderId::as_str))
        .fetch_one(&self.readers)
        .await
        .map_err(other)?;
        Ok(u64::try_from(count).unwrap_or_default())
    }
}

#[async_trait]
impl ProviderStore for SqliteStore {
    async fn put_provider(&self, provider: &Provider) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO providers (id, name, public_keys, classifications, homepage,
                 registered_at, stale_after_days, last_delivery_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 public_keys = excluded.public_keys, classifications = excluded.classifications,
                 homepage = excluded.homepage, stale_after_days = excluded.stale_after_days,
                 last_delivery_at = coalesce(
                     max(providers.last_delivery_at, excluded.last_delivery_at),
                     providers.last_delivery_at, excluded.last_delivery_at)",
        )
        .bind(provider.id.as_str())
        .bind(&provider.name)
        .bind(serde_json::to_string(&provider.public_keys).map_err(StoreError::other)?)
        .bind(serde_json::to_string(&provider.classifications).map_err(StoreError::other)?)
        .bind(&provider.homepage)
        .bind(millis(provider.registered_at))
        .bind(provider.stale_after_days)
        .bind(provider.last_delivery.map(millis))
        .execute(&self.writer)
        .await
        .map_err(other)?;
        Ok(())
    }

    async fn provider(&self, id: &ProviderId) -> StoreResult<Provider> {
        let row = sqlx::query("SELECT * FROM providers WHERE id = ?1")
            .bind(id.as_str())
            .fetch_optional(&self.readers)
            .await
            .map_err(other)?
            .ok_or(StoreError::NotFound)?;
        provider_from_row(&row)
    }

    async fn providers(&self) -> StoreResult<Vec<Provider>> {
        let rows = sqlx::query("SELECT * FROM providers ORDER BY id")
            .fetch_all(&self.readers)
            .await
            .map_err(other)?;
        rows.iter().map(provider_from_row).collect()
    }

    async fn note_delivery(&self, provider: &ProviderId, at: DateTime<Utc>) -> StoreResult<()> {
        note_delivery(&self.writer, provider, millis(at)).await
    }

    async fn use_assertion_id(
        &self,
        issuer: &str,
        jti: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.writer.begin().await.map_err(other)?;
        sqlx::query("DELETE FROM assertion_ids WHERE expires_at < ?1")
            .bind(millis(Utc::now()))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        let fresh = sqlx::query(
            "INSERT INTO assertion_ids (provider_id, jti, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )
        .bind(issuer)
        .bind(jti)
        .bind(millis(expires_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?
        .rows_affected()
            == 1;
        tx.commit().await.map_err(other)?;
        Ok(fresh)
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn start_session(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session> {
        let mut tx = self.writer.begin().await.map_err(other)?;
        sqlx::query("DELETE FROM sessions WHERE last_seen_at < ?1 OR created_at < ?2")
            .bind(millis(now - limits.idle))
            .bind(millis(now - limits.absolute))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        let previous_visit: Option<i64> =
            sqlx::query_scalar("SELECT visited_at FROM visits WHERE subject = ?1")
                .bind(subject.as_bytes().as_slice())
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
        sqlx::query(
            "INSERT INTO visits (subject, visited_at) VALUES (?1, ?2)
             ON CONFLICT (subject) DO UPDATE SET visited_at = excluded.visited_at",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(millis(now))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        sqlx::query(
            "INSERT INTO sessions (key, subject, created_at, last_seen_at, previous_visit)
             VALUES (?1, ?2, ?3, ?3, ?4)",
        )
        .bind(key.0.as_slice())
        .bind(subject.as_bytes().as_slice())
        .bind(millis(now))
        .bind(previous_visit)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        tx.commit().await.map_err(other)?;
        let session = Session {
            subject: *subject,
            created_at: from_millis(millis(now)),
            last_seen_at: from_millis(millis(now)),
            previous_visit: previous_visit.map(from_millis),
        };
        self.sessions.insert(key.0, session.clone());
        Ok(session)
    }

    async fn session(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session> {
        let stored = match self.sessions.get(&key.0) {
            Some(session) => session,
            None => {
                let session = self.stored_session(key).await?;
                self.sessions.insert(key.0, session.clone());
                session
            }
        };
        if limits.session_ended(stored.created_at, stored.last_seen_at, now) {
            self.end_session(key).await?;
            return Err(StoreError::NotFound);
        }
        if SessionLimits::should_record_use(stored.last_seen_at, now) {
            let used_at = from_millis(millis(now));
            let recorded = sqlx::query("UPDATE sessions SET last_seen_at = ?2 WHERE key = ?1")
                .bind(key.0.as_slice())
                .bind(millis(used_at))
                .execute(&self.writer)
                .await
                .map_err(other)?;
            // Ended meanwhile (signed out everywhere else, say): it must not come back into
            // memory.
            if recorded.rows_affected() == 0 {
                self.sessions.remove(&key.0);
                return Err(StoreError::NotFound);
            }
            self.sessions.insert(
                key.0,
                Session {
                    last_seen_at: used_at,
                    ..stored.clone()
                },
            );
        }
        Ok(Session {
            last_seen_at: now.max(stored.last_seen_at),
            ..stored
        })
    }

    async fn end_session(&self, key: &SessionKey) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE key = ?1")
            .bind(key.0.as_slice())
            .execute(&self.writer)
            .await
            .map_err(other)?;
        self.sessions.remove(&key.0);
        Ok(())
    }

    async fn note_sign_in(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        sign_in: &SignIn,
    ) -> StoreResult<()> {
        sign_ins::note(&self.writer, key, subject, sign_in).await
    }

    async fn sign_ins(&self, subject: &SubjectKey) -> StoreResult<Vec<SignIn>> {
        sign_ins::of(&self.readers, subject).await
    }

    async fn sessions_of(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Vec<ActiveSession>> {
        sign_ins::sessions(&self.readers, subject, now, limits).await
    }

    async fn end_sessions_of(&self, subject: &SubjectKey, keep: &SessionKey) -> StoreResult<u64> {
        let ended = sign_ins::end_others(&self.writer, subject, keep).await?;
        // The ended sessions must not live on in this process's memory.
        self.sessions
            .retain(|key, session| session.subject != *subject || key == &keep.0);
        Ok(ended)
    }
}

#[async_trait]
impl MandateStore for SqliteStore {
    async fn put_mandate(&self, mandate: &Mandate) -> StoreResult<()> {
        mandates::put(&self.writer, mandate).await
    }

    async fn mandate(&self, id: &MandateId) -> StoreResult<Mandate> {
        mandates::one(&self.readers, id).await
    }

    async fn mandates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Mandate>> {
        mandates::of(&self.readers, subject).await
    }

    async fn accept_mandate(
        &self,
        id: &MandateId,
        holder: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate> {
        mandates::accept(&self.writer, id, holder, at).await
    }

    async fn revoke_mandate(
        &self,
        id: &MandateId,
        party: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate> {
        mandates::revoke(&self.writer, id, party, at).await
    }

    async fn note_mandate_used(&self, id: &MandateId, at: DateTime<Utc>) -> StoreResult<bool> {
        mandates::note_used(&self.writer, id, at).await
    }
}

#[async_trait]
impl NotificationStore for SqliteStore {
    async fn notification_preferences(&self, subject: &SubjectKey) -> StoreResult<Preferences> {
        notifications::preferences(&self.readers, subject).await
    }

    async fn put_notification_preferences(
        &self,
        subject: &SubjectKey,
        preferences: &Preferences,
    ) -> StoreResult<()> {
        notifications::put_preferences(&self.writer, subject, preferences).await
    }

    async fn change_email(
        &self,
        subject: &SubjectKey,
        address: Option<(&str, [u8; 32], &Notice)>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::change_email(&self.writer, subject, address, now).await
    }

    async fn confirmations_sent(
        &self,
        subject: &SubjectKey,
        address: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<overblik_store::ConfirmationsSent> {
        notifications::confirmations_sent(&self.readers, subject, address, since).await
    }

    async fn confirm_email(
        &self,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<SubjectKey> {
        notifications::confirm_email(&self.writer, token_hash, now).await
    }

    async fn add_notices(&self, notices: &[Notice]) -> StoreResult<u64> {
        notifications::add_notices(&self.writer, notices).await
    }

    async fn notices(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Notice>> {
        notifications::notices(&self.readers, subject, now, limit).await
    }

    async fn mark_notices_read(
        &self,
        subject: &SubjectKey,
        ids: &[NoticeId],
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        notifications::mark_read(&self.writer, subject, ids, at).await
    }

    async fn put_calendar_feed(
        &self,
        subject: &SubjectKey,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::put_calendar_feed(&self.writer, subject, token_hash, now).await
    }

    async fn calendar_feed(&self, token_hash: [u8; 32]) -> StoreResult<SubjectKey> {
        notifications::calendar_feed(&self.readers, token_hash).await
    }

    async fn calendar_feed_made(&self, subject: &SubjectKey) -> StoreResult<Option<DateTime<Utc>>> {
        notifications::calendar_feed_made(&self.readers, subject).await
    }

    async fn revoke_calendar_feed(&self, subject: &SubjectKey) -> StoreResult<bool> {
        notifications::revoke_calendar_feed(&self.writer, subject).await
    }
}

#[async_trait]
impl CorrectionStore for SqliteStore {
    async fn put_correction(
        &self,
        correction: &Correction,
        files: &[(AttachmentId, Vec<u8>)],
    ) -> StoreResult<()> {
        corrections::put(&self.writer, correction, files).await
    }

    async fn correction(&self, id: &CorrectionId) -> StoreResult<Correction> {
        corrections::one(&self.readers, id).await
    }

    async fn recent_corrections(
        &self,
        subject: &SubjectKey,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<Correction>> {
        corrections::recent(&self.readers, subject, since).await
    }

    async fn corrections_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Correction>> {
        corrections::of_subject(&self.readers, subject).await
    }

    async fn provider_corrections(
        &self,
        provider: &ProviderId,
        unacknowledged: bool,
        limit: u32,
    ) -> StoreResult<Vec<Correction>> {
        corrections::of_provider(&self.readers, provider, unacknowledged, limit).await
    }

    async fn acknowledge_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::acknowledge(&self.writer, provider, id, revision, at).await
    }

    async fn answer_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        answer: &Answer,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::answer(&self.writer, provider, id, answer, at).await
    }

    async fn withdraw_correction(
        &self,
        subject: &SubjectKey,
        id: &CorrectionId,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::withdraw(&self.writer, subject, id, at).await
    }

    async fn correction_attachment(
        &self,
        id: &CorrectionId,
        attachment: &AttachmentId,
    ) -> StoreResult<Vec<u8>> {
        corrections::attachment(&self.readers, id, attachment).await
    }

    async fn answer_durations(
        &self,
        provider: &ProviderId,
        limit: u32,
    ) -> StoreResult<Vec<Duration>> {
        corrections::answer_durations(&self.readers, provider, limit).await
    }

    async fn put_webhook(&self, provider: &ProviderId, url: Option<&str>) -> StoreResult<()> {
        corrections::put_webhook(&self.writer, provider, url).await
    }

    async fn webhook(&self, provider: &ProviderId) -> StoreResult<Option<String>> {
        corrections::webhook(&self.readers, provider).await
    }
}

#[async_trait]
impl SharingStore for SqliteStore {
    async fn put_recipient(&self, recipient: &Recipient) -> StoreResult<()> {
        sharing::put_recipient(&self.writer, recipient).await
    }

    async fn recipient(&self, id: &RecipientId) -> StoreResult<Recipient> {
        sharing::recipient(&self.readers, id).await
    }

    async fn recipients(&self) -> StoreResult<Vec<Recipient>> {
        sharing::recipients(&self.readers).await
    }

    async fn put_grant(&self, grant: &Grant) -> StoreResult<()> {
        sharing::put_grant(&self.writer, grant).await
    }

    async fn grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant> {
        sharing::grant(&self.readers, handle, now).await
    }

    async fn take_grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant> {
        sharing::take_grant(&self.writer, handle, now).await
    }

    async fn put_consent(&self, consent: &Consent) -> StoreResult<()> {
        sharing::put_consent(&self.writer, consent).await
    }

    async fn consent(&self, id: &ConsentId) -> StoreResult<Consent> {
        sharing::consent(&self.readers, id).await
    }

    async fn consents_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Consent>> {
        sharing::consents_of(&self.readers, subject).await
    }

    async fn revoke_consent(
        &self,
        id: &ConsentId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Consent> {
        sharing::revoke(&self.writer, id, subject, at).await
    }

    async fn note_consent_used(&self, id: &ConsentId, at: DateTime<Utc>) -> StoreResult<bool> {
        sharing::note_used(&self.writer, id, at).await
    }

    async fn rotate_refresh(
        &self,
        id: &ConsentId,
        current: Option<&[u8; 32]>,
        next: &[u8; 32],
    ) -> StoreResult<bool> {
        sharing::rotate_refresh(&self.writer, id, current, next).await
    }
}

#[async_trait]
impl CertificateStore for SqliteStore {
    async fn next_status_index(&self) -> StoreResult<u32> {
        certificates::next_status_index(&self.writer).await
    }

    async fn put_certificate(&self, certificate: &Certificate) -> StoreResult<()> {
        certificates::put(&self.writer, certificate).await
    }

    async fn certificate(&self, id: &CertificateId) -> StoreResult<Certificate> {
        certificates::one(&self.readers, id).await
    }

    async fn certificates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Certificate>> {
        certificates::of(&self.readers, subject).await
    }

    async fn revoke_certificate(
        &self,
        id: &CertificateId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Certificate> {
        certificates::revoke(&self.writer, id, subject, at).await
    }

    async fn certificate_statuses(&self) -> StoreResult<CertificateStatuses> {
        certificates::statuses(&self.readers).await
    }
}

#[async_trait]
impl OutboxStore for SqliteStore {
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<MailJob>> {
        notifications::claim_mail(&self.writer, now, lease_until, limit).await
    }

    async fn settle_mail(
        &self,
        id: &NoticeId,
        lease_until: DateTime<Utc>,
        outcome: &MailOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::settle_mail(&self.writer, id, lease_until, outcome, now).await
    }

    async fn outbox_stats(&self, now: DateTime<Utc>) -> StoreResult<OutboxStats> {
        notifications::outbox_stats(&self.readers, now).await
    }

    async fn claim_webhooks(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<WebhookJob>> {
        corrections::claim_webhooks(&self.writer, now, lease_until, limit).await
    }

    async fn settle_webhook(
        &self,
        id: &DeliveryId,
        lease_until: DateTime<Utc>,
        outcome: &WebhookOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        corrections::settle_webhook(&self.writer, id, lease_until, outcome, now).await
    }

    async fn webhook_backlog(&self, now: DateTime<Utc>) -> StoreResult<(u64, u64)> {
        corrections::backlog(&self.readers, now).await
    }
}

#[async_trait]
impl TransferStore for SqliteStore {
    async fn export_records(&self, after: Option<u64>, limit: u32) -> StoreResult<ExportPage> {
        let after = after.map_or(0, |after| i64::try_from(after).unwrap_or(i64::MAX));
        let rows = sqlx::query(
            "SELECT seq, id, provider_id, source_id, version, subject, stored_at, changed_at, body
             FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.readers)
        .await
        .map_err(other)?;
        let records = rows
            .iter()
            .map(exported_record)
            .collect::<StoreResult<Vec<_>>>()?;
        let next = match rows.last() {
            Some(last) if rows.len() == limit as usize => {
                let seq: i64 = last.try_get("seq").map_err(other)?;
                u64::try_from(seq).ok()
            }
            _ => None,
        };
        Ok(ExportPage { records, next })
    }

    async fn import_records(&self, records: &[ExportedRecord]) -> StoreResult<()> {
        let mut tx = self.writer.begin().await.map_err(other)?;
        for chunk in records.chunks(ROWS_PER_STATEMENT) {
            let mut insert = QueryBuilder::<Sqlite>::new(RECORD_COLUMNS);
            let mut rows = Vec::with_capacity(chunk.len());
            for exported in chunk {
                let body = match &exported.live {
                    Some((_, record)) => {
                        Some(serde_json::to_string(record).map_err(StoreError::other)?)
                    }
                    None => None,
                };
                rows.push((exported, body));
            }
            insert.push_values(rows, |mut row, (exported, body)| {
                let live = exported.live.as_ref();
                let record = live.map(|(_, record)| record);
                row.push_bind(exported.id.as_uuid().as_bytes().to_vec())
                    .push_bind(exported.provider.as_str().to_owned())
                    .push_bind(exported.source_id.as_str().to_owned())
                    .push_bind(exported.version.get())
                    .push_bind(live.map(|(subject, _)| subject.as_bytes().to_vec()))
                    .push_bind(record.map(|record| record.classification.area().slug()))
                    .push_bind(record.map(|record| record.kind().as_str()))
                    .push_bind(record.map(|record| millis(record.updated_at.get())))
                    .push_bind(
                        record.and_then(|record| record.hidden_until.map(|at| millis(at.get()))),
                    )
                    .push_bind(millis(exported.stored_at))
                    .push_bind(record.map(attention_until))
                    .push_bind(millis(exported.changed_at))
                    .push_bind(record.map(Record::content_hash))
                    .push_bind(record.map(stands_until))
                    .push_bind(body);
            });
            insert
                .build()
                .execute(&mut *tx)
                .await
                .map_err(|error| match error {
                    sqlx::Error::Database(error) if error.is_unique_violation() => {
                        StoreError::Conflict("a record to import is already stored".to_owned())
                    }
                    error => other(error),
                })?;
        }
        tx.commit().await.map_err(other)
    }

    async fn export_mandates(&self) -> StoreResult<Vec<Mandate>> {
        mandates::all(&self.readers).await
    }

    async fn export_notifications(&self) -> StoreResult<NotificationsExport> {
        notifications::export(&self.readers).await
    }

    async fn import_notifications(&self, export: &NotificationsExport) -> StoreResult<()> {
        notifications::import(&self.writer, export).await
    }

    async fn export_corrections(&self) -> StoreResult<Vec<Correction>> {
        corrections::all(&self.readers).await
    }

    async fn export_sharing(&self) -> StoreResult<SharingExport> {
        sharing::export(&self.readers).await
    }

    async fn import_sharing(&self, export: &SharingExport) -> StoreResult<()> {
        sharing::import(&self.writer, export).await
    }

    async fn export_certificates(&self) -> StoreResult<Vec<Certificate>> {
        certificates::all(&self.readers).await
    }

    async fn import_certificates(&self, certificates: &[Certificate]) -> StoreResult<()> {
        certificates::import(&self.writer, certificates).await
    }

    async fn export_overview_choices(&self) -> StoreResult<Vec<(SubjectKey, OverviewChoices)>> {
        choices::all(&self.readers).await
    }

    async fn import_overview_choices(
        &self,
        choices: &[(SubjectKey, OverviewChoices)],
    ) -> StoreResult<()> {
        choices::import(&self.writer, choices).await
    }
}

#[async_trait]
impl ChoiceStore for SqliteStore {
    async fn overview_choices(&self, subject: &SubjectKey) -> StoreResult<OverviewChoices> {
        choices::of(&self.readers, subject).await
    }

    async fn put_overview_choices(
        &self,
        subject: &SubjectKey,
        choices: &OverviewChoices,
    ) -> StoreResult<()> {
        choices::put(&self.writer, subject, choices).await
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.readers)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn subject_overview(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectOverview> {
        // One round trip where three would each pass through a reader's thread. The records
        // are listed without their bodies first: when every one is kept decoded, as on most
        // views, SQLite copies none. Otherwise the same read is made again with the bodies.
        self.read_kept(
            [SUBJECT_OVERVIEW_KEPT, SUBJECT_OVERVIEW],
            (subject, now, since),
            |(tallies, attention, changed_since, standing, choices): OverviewRow| {
                let summary = (tallies, attention, changed_since);
                let Some(standing) =
                    listing::kept_records(standing.as_deref(), subject, &self.decoded)?
                else {
                    return Ok(None);
                };
                let Some(summary) = listing::kept_summary(summary, subject, &self.decoded)? else {
                    return Ok(None);
                };
                Ok(Some(SubjectOverview {
                    summary,
                    standing: standing.into_iter().map(|(_, record)| record).collect(),
                    choices: choices::from_body(choices.as_deref())?,
                }))
            },
        )
        .await
    }
}

fn provider_from_row(row: &SqliteRow) -> StoreResult<Provider> {
    let json_list = |column: &str| -> StoreResult<Vec<String>> {
        let text: String = row.try_get(column).map_err(other)?;
        serde_json::from_str(&text).map_err(StoreError::other)
    };
    let id: String = row.try_get("id").map_err(other)?;
    Ok(Provider {
        id: id
            .parse()
            .map_err(|_| StoreError::Other("stored provider has a bad id".into()))?,
        name: row.try_get("name").map_err(other)?,
        public_keys: json_list("public_keys")?,
        classifications: json_list("classifications")?,
        homepage: row.try_get("homepage").map_err(other)?,
        registered_at: from_millis(row.try_get("registered_at").map_err(other)?),
        stale_after_days: row.try_get("stale_after_days").map_err(other)?,
        last_delivery: row
            .try_get::<Option<i64>, _>("last_delivery_at")
            .map_err(other)?
            .map(from_millis),
    })
}

/// Moves the provider's last delivery forward to `at` (Unix milliseconds).
async fn note_delivery<'e>(
    executor: impl sqlx::SqliteExecutor<'e>,
    provider: &ProviderId,
    at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE providers SET last_delivery_at = ?2
         WHERE id = ?1 AND (last_delivery_at IS NULL OR last_delivery_at < ?2)",
    )
    .bind(provider.as_str())
    .bind(at)
    .execute(executor)
    .await
    .map_err(other)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The steps of SQLite's plan for one of the overview's queries on a new store: `?1` a
    /// subject, `?2` a moment and, with `last_visit`, `?3` the last visit.
    async fn plan_of(query: &str, last_visit: bool) -> Vec<String> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
        let store = SqliteStore::open(&url).await.expect("opens");
        let explain = format!("EXPLAIN QUERY PLAN {query}");
        let mut plan = sqlx::query_as::<_, (i64, i64, i64, String)>(&explain)
            .bind([7u8; 32].as_slice())
            .bind(0i64);
        if last_visit {
            plan = plan.bind(Some(0i64));
        }
        let plan = plan.fetch_all(&store.readers).await.expect("plans");
        plan.into_iter().map(|(.., step)| step).collect()
    }

    /// Life events and recommendations seek the citizen's few standing records instead of
    /// reading their history.
    #[tokio::test]
    async fn standing_records_are_sought_by_their_index() {
        let plan = plan_of(STANDING_RECORDS, false).await;
        let steps: Vec<&str> = plan.iter().map(String::as_str).collect();
        assert!(
            steps.contains(
                &"SEARCH records USING INDEX records_standing (subject=? AND stands_until>?)"
            ),
            "{steps:#?}"
        );
        assert!(
            steps.iter().all(|step| !step.starts_with("SCAN records")),
            "{steps:#?}"
        );
    }

    /// The overview's cost stays a seek for the few records that may need attention, not
    /// a read of the citizen's whole history, with the records' bodies and without: a change
    /// to the query that stops SQLite from using the partial index fails here.
    #[tokio::test]
    async fn the_summary_seeks_the_records_that_may_need_attention() {
        for query in [SUBJECT_SUMMARY, SUBJECT_SUMMARY_KEPT] {
            summary_plan_seeks(query).await;
        }
    }

    /// See `the_summary_seeks_the_records_that_may_need_attention`.
    async fn summary_plan_seeks(query: &str) {
        let plan = plan_of(query, true).await;
        let steps: Vec<&str> = plan.iter().map(String::as_str).collect();
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING INDEX records_needing_attention")),
            "{steps:#?}"
        );
        assert!(
            steps.iter().all(|step| !step.starts_with("SCAN records")),
            "{steps:#?}"
        );
        // The tallies read the index alone; "changed since your last visit" finds its rows
        // by the index, which holds `changed_at`.
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING COVERING INDEX records_by_subject")),
            "{steps:#?}"
        );
        assert_eq!(
            steps
                .iter()
                .filter(|step| step.contains("records_by_subject"))
                .count(),
            2,
            "{steps:#?}"
        );
    }

    /// The overview page's one read, with the records' bodies and without, seeks each of its
    /// parts: the summary's as above, the standing records by their own index and the
    /// choices by their key.
    #[tokio::test]
    async fn the_overview_read_seeks_each_part() {
        for query in [SUBJECT_OVERVIEW, SUBJECT_OVERVIEW_KEPT] {
            let plan = plan_of(query, true).await;
            let steps: Vec<&str> = plan.iter().map(String::as_str).collect();
            for index in [
                "records_needing_attention",
                "records_standing",
                "sqlite_autoindex_overview_choices_1",
            ] {
                assert!(
                    steps.iter().any(|step| step.contains(index)),
                    "{index}: {steps:#?}"
                );
            }
            // The tallies' grouping is scanned, never a table.
            assert!(
                steps.iter().all(|step| !step.starts_with("SCAN records")
                    && !step.starts_with("SCAN overview_choices")),
                "{steps:#?}"
            );
        }
    }
}
