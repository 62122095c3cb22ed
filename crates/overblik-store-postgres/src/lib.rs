//! The PostgreSQL backend of Overblik's store.
//!
//! Citizens' data (records, visits, access log entries) sits in tables partitioned by the
//! hash of the subject key, with the subject in every primary key: a citizen's page reads
//! one partition, and the same schema can be distributed over nodes by the subject key.
//! Versions are checked in `record_heads`, keyed by provider and the provider's record id,
//! because a delete names no subject.

mod certificates;
mod choices;
mod corrections;
mod ledger;
mod mandates;
mod notifications;
mod sharing;
mod sign_ins;
#[cfg(feature = "testing")]
pub mod testing;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use overblik_model::correction::{Answer, AttachmentId, DeliveryId};
use overblik_model::notify::{MailOutcome, Notice, NoticeId, Preferences};
use overblik_model::{
    Batch, BatchReceipt, Certificate, CertificateId, Consent, ConsentId, Correction, CorrectionId,
    Mandate, MandateId, OverviewChoices, ProviderId, Recipient, RecipientId, Record, RecordId,
    StaleRecord, SubjectKey, values::Version,
};
use overblik_store::roles::*;
use overblik_store::{
    ActiveSession, BatchOutcome, CertificateStatuses, ExportPage, ExportedRecord, Grant,
    IdempotencyKey, MailJob, NotificationsExport, OutboxStats, Provider, RecordFilter, Session,
    SessionKey, SessionLimits, SharingExport, SignIn, Store, StoreError, StoreResult, StoredRecord,
    SubjectSummary, Tally, WebhookJob, WebhookOutcome,
};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::{Postgres, Row, Transaction};
use std::collections::HashMap;
use std::str::FromStr;
use uuid::Uuid;

/// How long an idempotency key is remembered: a retry after this writes again.
const IDEMPOTENCY_KEY_RETENTION: Duration = Duration::days(7);

/// Inserts heads for records this store has never seen; the rest are left to the caller,
/// which reads and locks them first. Rows come in the batch's order, so `seq` follows it.
const INSERT_NEW_HEADS: &str = "
    INSERT INTO record_heads (provider_id, source_id, id, version, subject, stored_at)
    SELECT $1, source_id, id, version, subject, $6
    FROM UNNEST($2::text[], $3::uuid[], $4::int8[], $5::bytea[])
        WITH ORDINALITY AS incoming (source_id, id, version, subject, position)
    ORDER BY position
    ON CONFLICT (provider_id, source_id) DO NOTHING
    RETURNING source_id, seq";

/// Moves heads the caller has locked and found older to their new version (and subject, or
/// none for a delete).
const UPDATE_HEADS: &str = "
    UPDATE record_heads AS head
    SET version = incoming.version, subject = incoming.subject, stored_at = $5
    FROM UNNEST($2::text[], $3::int8[], $4::bytea[]) AS incoming (source_id, version, subject)
    WHERE head.provider_id = $1 AND head.source_id = incoming.source_id";

const UPSERT_RECORDS: &str = "
    INSERT INTO records (subject, id, seq, provider_id, source_id, version, area, kind,
                         source_updated_at, hidden_until, stored_at, attention_until,
                         changed_at, content_hash, stands_until, body)
    SELECT subject, id, seq, $1, source_id, version, area, kind, source_updated_at,
           hidden_until, stored_at, attention_until, changed_at, content_hash, stands_until,
           body
    FROM UNNEST($2::bytea[], $3::uuid[], $4::int8[], $5::text[], $6::int8[], $7::text[],
                $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[],
                $12::int8[], $13::timestamptz[], $14::int8[], $15::int8[], $16::text[])
        AS incoming (subject, id, seq, source_id, version, area, kind, source_updated_at,
                     hidden_until, stored_at, attention_until, changed_at, content_hash,
                     stands_until, body)
    ON CONFLICT (subject, id) DO UPDATE SET
        version = excluded.version, area = excluded.area, kind = excluded.kind,
        source_updated_at = excluded.source_updated_at, hidden_until = excluded.hidden_until,
        stored_at = excluded.stored_at, attention_until = excluded.attention_until,
        changed_at = CASE WHEN records.content_hash = excluded.content_hash
                          THEN records.changed_at ELSE excluded.changed_at END,
        content_hash = excluded.content_hash, stands_until = excluded.stands_until,
        body = excluded.body";

const DELETE_RECORDS: &str = "
    DELETE FROM records
    WHERE (subject, id) IN (SELECT * FROM UNNEST($1::bytea[], $2::uuid[]))";

/// The connections a store keeps by default.
pub const DEFAULT_CONNECTIONS: u32 = 16;

/// The PostgreSQL store: a connection pool; PostgreSQL takes care of concurrent writers.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    /// The connection that tries for the access log's integrator lock while another server
    /// holds it, kept between tries.
    lease_candidate: std::sync::Arc<tokio::sync::Mutex<Option<sqlx::PgConnection>>>,
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://...`) and migrates it, with a pool of
    /// [`DEFAULT_CONNECTIONS`].
    pub async fn open(url: &str) -> StoreResult<Self> {
        Self::open_with(url, DEFAULT_CONNECTIONS).await
    }

    /// [`PostgresStore::open`] with a pool of up to `connections` (besides the one that holds
    /// or tries for the access log's integrator lock).
    pub async fn open_with(url: &str, connections: u32) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url).map_err(other)?;
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(other)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(StoreError::other)?;
        fill_in(&pool, "content_hash", Record::content_hash).await?;
        fill_in(&pool, "stands_until", |record| {
            record.standing().end_millis()
        })
        .await?;
        Ok(Self {
            pool,
            lease_candidate: std::sync::Arc::default(),
        })
    }

    /// The connection pool, for tools that measure the database itself (benchmarks).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// A database error as the store reports it: a connection that failed, was cut or timed out
/// is [`StoreError::Unavailable`], anything else [`StoreError::Other`].
fn other(error: sqlx::Error) -> StoreError {
    // SQLSTATE class 08 (connection exception), 57P0x (the server shutting down or ending
    // the session, or not taking connections now), 53300 (too many connections) and 55000
    // (the database not taking connections, answered on connecting).
    let connection_lost = |code: &str| {
        code.starts_with("08") || code.starts_with("57P0") || ["53300", "55000"].contains(&code)
    };
    match &error {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => StoreError::Unavailable(error.to_string()),
        sqlx::Error::Database(database)
            if database.code().is_some_and(|code| connection_lost(&code)) =>
        {
            StoreError::Unavailable(error.to_string())
        }
        _ => StoreError::other(error),
    }
}

/// A moment as PostgreSQL keeps it (microseconds), so that what is returned equals what is read back.
fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at)
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Other(format!("stored record has a bad {what}").into())
}

/// Works out a column derived from the record (`content_hash`, `stands_until`) for rows
/// stored before the column existed, a thousand rows at a time. Servers starting together
/// share the work: each locks its rows and skips those another holds.
async fn fill_in(
    pool: &PgPool,
    column: &'static str,
    derive: fn(&Record) -> i64,
) -> StoreResult<()> {
    let select = format!(
        "SELECT subject, id, body FROM records WHERE {column} IS NULL
         ORDER BY seq LIMIT 1000 FOR UPDATE SKIP LOCKED"
    );
    let update = format!(
        "UPDATE records SET {column} = incoming.value
         FROM UNNEST($1::bytea[], $2::uuid[], $3::int8[]) AS incoming (subject, id, value)
         WHERE records.subject = incoming.subject AND records.id = incoming.id"
    );
    loop {
        let mut tx = pool.begin().await.map_err(other)?;
        let rows: Vec<(Vec<u8>, Uuid, String)> = sqlx::query_as(&select)
            .fetch_all(&mut *tx)
            .await
            .map_err(other)?;
        if rows.is_empty() {
            return tx.commit().await.map_err(other);
        }
        let mut subjects = Vec::with_capacity(rows.len());
        let mut ids = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len());
        for (subject, id, body) in rows {
            let record: Record = serde_json::from_str(&body).map_err(StoreError::other)?;
            values.push(derive(&record));
            subjects.push(subject);
            ids.push(id);
        }
        sqlx::query(&update)
            .bind(subjects)
            .bind(ids)
            .bind(values)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        tx.commit().await.map_err(other)?;
    }
}

fn subject_key(bytes: &[u8]) -> StoreResult<SubjectKey> {
    SubjectKey::from_slice(bytes).ok_or_else(|| corrupt("subject"))
}

fn version(version: i64) -> StoreResult<Version> {
    Version::new(version).ok_or_else(|| corrupt("version"))
}

/// Reads a stored row back; the row was written by this store, so a failure is corruption.
fn stored_record(row: &PgRow) -> StoreResult<StoredRecord> {
    let provider: String = row.try_get("provider_id").map_err(other)?;
    let subject: Vec<u8> = row.try_get("subject").map_err(other)?;
    let body: String = row.try_get("body").map_err(other)?;
    Ok(StoredRecord {
        id: RecordId::from_uuid(row.try_get("id").map_err(other)?),
        provider: provider.parse().map_err(|_| corrupt("provider"))?,
        subject: subject_key(&subject)?,
        stored_at: row.try_get("stored_at").map_err(other)?,
        changed_at: row.try_get("changed_at").map_err(other)?,
        record: serde_json::from_str(&body).map_err(StoreError::other)?,
    })
}

/// A head as read before a batch changes it.
struct Head {
    id: Uuid,
    seq: i64,
    version: Version,
    subject: Option<SubjectKey>,
}

/// Reads and locks the heads of `source_ids`, which all exist. Locking in id order keeps two
/// batches of one provider from waiting on each other in a circle.
async fn lock_heads(
    tx: &mut Transaction<'_, Postgres>,
    provider: &ProviderId,
    source_ids: &[String],
) -> StoreResult<HashMap<String, Head>> {
    if source_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sqlx::query(
        "SELECT source_id, id, seq, version, subject FROM record_heads
         WHERE provider_id = $1 AND source_id = ANY($2)
         ORDER BY source_id FOR UPDATE",
    )
    .bind(provider.as_str())
    .bind(source_ids)
    .fetch_all(&mut **tx)
    .await
    .map_err(other)?;
    rows.iter()
        .map(|row| {
            let subject: Option<Vec<u8>> = row.try_get("subject").map_err(other)?;
            Ok((
                row.try_get("source_id").map_err(other)?,
                Head {
                    id: row.try_get("id").map_err(other)?,
                    seq: row.try_get("seq").map_err(other)?,
                    version: version(row.try_get("version").map_err(other)?)?,
                    subject: subject.as_deref().map(subject_key).transpose()?,
                },
            ))
        })
        .collect()
}

/// Columns of record rows to write, one vector per column.
#[derive(Default)]
struct RecordRows {
    subject: Vec<Vec<u8>>,
    id: Vec<Uuid>,
    seq: Vec<i64>,
    source_id: Vec<String>,
    version: Vec<i64>,
    area: Vec<&'static str>,
    kind: Vec<&'static str>,
    source_updated_at: Vec<DateTime<Utc>>,
    hidden_until: Vec<Option<DateTime<Utc>>>,
    stored_at: Vec<DateTime<Utc>>,
    attention_until: Vec<i64>,
    changed_at: Vec<DateTime<Utc>>,
    content_hash: Vec<i64>,
    stands_until: Vec<i64>,
    body: Vec<String>,
}

impl RecordRows {
    fn push(
        &mut self,
        subject: &SubjectKey,
        id: Uuid,
        seq: i64,
        record: &Record,
        stored_at: DateTime<Utc>,
        changed_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.subject.push(subject.as_bytes().to_vec());
        self.id.push(id);
        self.seq.push(seq);
        self.source_id.push(record.id.as_str().to_owned());
        self.version.push(record.version.get());
        self.area.push(record.classification.area().slug());
        self.kind.push(record.kind().as_str());
        self.source_updated_at.push(record.updated_at.get());
        self.hidden_until
            .push(record.hidden_until.map(|at| at.get()));
        self.stored_at.push(stored_at);
        self.attention_until
            .push(record.attention_span().end_millis());
        self.changed_at.push(changed_at);
        self.content_hash.push(record.content_hash());
        self.stands_until.push(record.standing().end_millis());
        self.body
            .push(serde_json::to_string(record).map_err(StoreError::other)?);
        Ok(())
    }

    async fn upsert(
        self,
        tx: &mut Transaction<'_, Postgres>,
        provider: &ProviderId,
    ) -> StoreResult<()> {
        if self.id.is_empty() {
            return Ok(());
        }
        sqlx::query(UPSERT_RECORDS)
            .bind(provider.as_str())
            .bind(self.subject)
            .bind(self.id)
            .bind(self.seq)
            .bind(self.source_id)
            .bind(self.version)
            .bind(self.area)
            .bind(self.kind)
            .bind(self.source_updated_at)
            .bind(self.hidden_until)
            .bind(self.stored_at)
            .bind(self.attention_until)
            .bind(self.changed_at)
            .bind(self.content_hash)
            .bind(self.stands_until)
            .bind(self.body)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        Ok(())
    }
}

async fn delete_records(
    tx: &mut Transaction<'_, Postgres>,
    gone: Vec<(SubjectKey, Uuid)>,
) -> StoreResult<()> {
    if gone.is_empty() {
        return Ok(());
    }
    let (subjects, ids): (Vec<Vec<u8>>, Vec<Uuid>) = gone
        .into_iter()
        .map(|(subject, id)| (subject.as_bytes().to_vec(), id))
        .unzip();
    sqlx::query(DELETE_RECORDS)
        .bind(subjects)
        .bind(ids)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

async fn update_heads(
    tx: &mut Transaction<'_, Postgres>,
    provider: &ProviderId,
    updates: Vec<(String, i64, Option<Vec<u8>>)>,
    stored_at: DateTime<Utc>,
) -> StoreResult<()> {
    if updates.is_empty() {
        return Ok(());
    }
    let mut source_ids = Vec::with_capacity(updates.len());
    let mut versions = Vec::with_capacity(updates.len());
    let mut subjects = Vec::with_capacity(updates.len());
    for (source_id, version, subject) in updates {
        source_ids.push(source_id);
        versions.push(version);
        subjects.push(subject);
    }
    sqlx::query(UPDATE_HEADS)
        .bind(provider.as_str())
        .bind(source_ids)
        .bind(versions)
        .bind(subjects)
        .bind(stored_at)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

/// Inserts the heads of records never seen before; returns their `seq` by source id.
async fn insert_new_heads(
    tx: &mut Transaction<'_, Postgres>,
    provider: &ProviderId,
    heads: Vec<(String, Uuid, i64, Option<Vec<u8>>)>,
    stored_at: DateTime<Utc>,
) -> StoreResult<HashMap<String, i64>> {
    if heads.is_empty() {
        return Ok(HashMap::new());
    }
    let mut source_ids = Vec::with_capacity(heads.len());
    let mut ids = Vec::with_capacity(heads.len());
    let mut versions = Vec::with_capacity(heads.len());
    let mut subjects = Vec::with_capacity(heads.len());
    for (source_id, id, version, subject) in heads {
        source_ids.push(source_id);
        ids.push(id);
        versions.push(version);
        subjects.push(subject);
    }
    let rows: Vec<(String, i64)> = sqlx::query_as(INSERT_NEW_HEADS)
        .bind(provider.as_str())
        .bind(source_ids)
        .bind(ids)
        .bind(versions)
        .bind(subjects)
        .bind(stored_at)
        .fetch_all(&mut **tx)
        .await
        .map_err(other)?;
    Ok(rows.into_iter().collect())
}

#[async_trait]
impl RecordStore for PostgresStore {
    async fn apply_batch(
        &self,
        provider: &ProviderId,
        key: &IdempotencyKey,
        request_hash: [u8; 32],
        batch: &Batch,
    ) -> StoreResult<BatchOutcome> {
        let now = micros(Utc::now());
        let mut tx = self.pool.begin().await.map_err(other)?;
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(now - IDEMPOTENCY_KEY_RETENTION)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        // Claiming the key first makes a concurrent retry wait for this batch, then replay it.
        let claimed = sqlx::query(
            "INSERT INTO idempotency_keys (provider_id, key, request_hash, created_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(provider.as_str())
        .bind(key.as_str())
        .bind(request_hash.as_slice())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(other)?
        .rows_affected()
            == 1;
        if !claimed {
            let (hash, receipt): (Vec<u8>, Option<String>) = sqlx::query_as(
                "SELECT request_hash, receipt FROM idempotency_keys
                 WHERE provider_id = $1 AND key = $2",
            )
            .bind(provider.as_str())
            .bind(key.as_str())
            .fetch_one(&mut *tx)
            .await
            .map_err(other)?;
            return Ok(match receipt {
                Some(receipt) if hash == request_hash => BatchOutcome::Replayed(
                    serde_json::from_str(&receipt).map_err(StoreError::other)?,
                ),
                _ => BatchOutcome::KeyReused,
            });
        }

        // Records never seen before get their heads at once; the rest are locked and read, so
        // their versions and subjects cannot change under this batch.
        let mut fresh_heads = Vec::with_capacity(batch.upserts.len() + batch.deletes.len());
        let mut fresh_ids = HashMap::new();
        for upsert in &batch.upserts {
            let record = &upsert.incoming.record;
            let id = Uuid::new_v4();
            fresh_ids.insert(record.id.as_str(), id);
            fresh_heads.push((
                record.id.as_str().to_owned(),
                id,
                record.version.get(),
                Some(upsert.incoming.subject.as_bytes().to_vec()),
            ));
        }
        for delete in &batch.deletes {
            fresh_heads.push((
                delete.id.as_str().to_owned(),
                Uuid::new_v4(),
                delete.version.get(),
                None,
            ));
        }
        let inserted = insert_new_heads(&mut tx, provider, fresh_heads, now).await?;
        let known: Vec<String> = batch
            .upserts
            .iter()
            .map(|upsert| upsert.incoming.record.id.as_str())
            .chain(batch.deletes.iter().map(|delete| delete.id.as_str()))
            .filter(|source_id| !inserted.contains_key(*source_id))
            .map(str::to_owned)
            .collect();
        let heads = lock_heads(&mut tx, provider, &known).await?;
        let head = |source_id: &str| {
            heads.get(source_id).ok_or_else(|| {
                StoreError::Other(format!("the head of record {source_id} vanished").into())
            })
        };

        let mut receipt = BatchReceipt {
            batch_id: Uuid::new_v4(),
            upserted: 0,
            deleted: 0,
            stale: Vec::new(),
        };
        let mut rows = RecordRows::default();
        let mut updates = Vec::new();
        let mut gone = Vec::new();
        // The records written, by their id, and where the versions they replace are stored.
        let mut written = Vec::new();
        let mut previous = Vec::new();
        let mut notices = notifications::BatchNotices::default();
        for upsert in &batch.upserts {
            let (record, subject) = (&upsert.incoming.record, &upsert.incoming.subject);
            let source_id = record.id.as_str();
            if let Some(seq) = inserted.get(source_id) {
                let id = fresh_ids[source_id];
                rows.push(subject, id, *seq, record, now, now)?;
                written.push((id, upsert));
                receipt.upserted += 1;
                continue;
            }
            let head = head(source_id)?;
            if record.version <= head.version {
                receipt.stale.push(StaleRecord {
                    id: record.id.clone(),
                    version: record.version,
                    current_version: head.version,
                });
                continue;
            }
            if let Some(old) = head.subject {
                previous.push((old, head.id));
                if old != *subject {
                    gone.push((old, head.id));
                }
            }
            updates.push((
                source_id.to_owned(),
                record.version.get(),
                Some(subject.as_bytes().to_vec()),
            ));
            rows.push(subject, head.id, head.seq, record, now, now)?;
            written.push((head.id, upsert));
            receipt.upserted += 1;
        }
        for delete in &batch.deletes {
            let source_id = delete.id.as_str();
            if inserted.contains_key(source_id) {
                receipt.deleted += 1;
                continue;
            }
            let head = head(source_id)?;
            if delete.version <= head.version {
                receipt.stale.push(StaleRecord {
                    id: delete.id.clone(),
                    version: delete.version,
                    current_version: head.version,
                });
                continue;
            }
            if let Some(old) = head.subject {
                gone.push((old, head.id));
            }
            updates.push((source_id.to_owned(), delete.version.get(), None));
            notices.record_deleted(head.id);
            receipt.deleted += 1;
        }
        // What each record was before this batch, read before it is overwritten, tells
        // what changed.
        let before = notifications::versions_before(&mut tx, &previous).await?;
        update_heads(&mut tx, provider, updates, now).await?;
        delete_records(&mut tx, gone).await?;
        rows.upsert(&mut tx, provider).await?;
        for (id, upsert) in written {
            let record = &upsert.incoming.record;
            let changes = overblik_model::notify::changes(provider, before.get(&id), record, now);
            notices.record_written(
                RecordId::from_uuid(id),
                &upsert.incoming.subject,
                record,
                changes,
            );
        }
        notices.write(&mut tx, now).await?;

        sqlx::query("UPDATE idempotency_keys SET receipt = $3 WHERE provider_id = $1 AND key = $2")
            .bind(provider.as_str())
            .bind(key.as_str())
            .bind(serde_json::to_string(&receipt).map_err(StoreError::other)?)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        // Last, so that concurrent batches of one provider wait for this row only while
        // committing.
        note_delivery(&mut *tx, provider, now).await?;
        tx.commit().await.map_err(other)?;
        Ok(BatchOutcome::Applied(receipt))
    }

    async fn subject_records(
        &self,
        subject: &SubjectKey,
        filter: &RecordFilter,
    ) -> StoreResult<Vec<StoredRecord>> {
        let rows = sqlx::query(
            "SELECT id, provider_id, subject, stored_at, changed_at, body FROM records
             WHERE subject = $1
               AND (hidden_until IS NULL OR hidden_until <= $2)
               AND ($3::text IS NULL OR area = $3)
               AND ($4::text IS NULL OR kind = $4)
             ORDER BY source_updated_at DESC, seq DESC",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(filter.visible_at)
        .bind(filter.area.map(|area| area.slug()))
        .bind(filter.kind.map(|kind| kind.as_str()))
        .fetch_all(&self.pool)
        .await
        .map_err(other)?;
        rows.iter().map(stored_record).collect()
    }

    async fn standing_records(
        &self,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<StoredRecord>> {
        let rows = sqlx::query(
            "SELECT id, provider_id, subject, stored_at, changed_at, body FROM records
             WHERE subject = $1
               AND stands_until > -9223372036854775808 AND stands_until >= $2
               AND (hidden_until IS NULL OR hidden_until <= $3)",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(at.timestamp_millis())
        .bind(at)
        .fetch_all(&self.pool)
        .await
        .map_err(other)?;
        rows.iter().map(stored_record).collect()
    }

    async fn subject_summary(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> StoreResult<SubjectSummary> {
        let subject_bytes = subject.as_bytes().as_slice();
        let tallies: Vec<(String, String, i64, DateTime<Utc>)> = sqlx::query_as(
            "SELECT area, kind, count(*), max(source_updated_at) FROM records
             WHERE subject = $1 AND (hidden_until IS NULL OR hidden_until <= $2)
             GROUP BY area, kind",
        )
        .bind(subject_bytes)
        .bind(now)
        .fetch_all(&self.pool)
        .await
        .map_err(other)?;
        let may_need_attention = sqlx::query(
            "SELECT id, provider_id, subject, stored_at, changed_at, body FROM records
             WHERE subject = $1 AND (hidden_until IS NULL OR hidden_until <= $2)
               AND attention_until >= $3
             ORDER BY source_updated_at DESC, seq DESC",
        )
        .bind(subject_bytes)
        .bind(now)
        .bind(now.timestamp_millis())
        .fetch_all(&self.pool)
        .await
        .map_err(other)?;
        let changed_since: Vec<Uuid> = match since {
            Some(since) => sqlx::query_scalar(
                "SELECT id FROM records
                 WHERE subject = $1 AND (hidden_until IS NULL OR hidden_until <= $2)
                   AND changed_at > $3",
            )
            .bind(subject_bytes)
            .bind(now)
            .bind(since)
            .fetch_all(&self.pool)
            .await
            .map_err(other)?,
            None => Vec::new(),
        };
        Ok(SubjectSummary {
            tallies: tallies
                .into_iter()
                .map(|(area, kind, count, last_updated)| {
                    Ok(Tally {
                        area: area.parse().map_err(|_| corrupt("area"))?,
                        kind: kind.parse().map_err(|_| corrupt("kind"))?,
                        count: u64::try_from(count).map_err(|_| corrupt("count"))?,
                        last_updated,
                    })
                })
                .collect::<StoreResult<_>>()?,
            may_need_attention: may_need_attention
                .iter()
                .map(stored_record)
                .collect::<StoreResult<_>>()?,
            changed_since: changed_since.into_iter().map(RecordId::from_uuid).collect(),
        })
    }

    async fn subject_record(
        &self,
        subject: &SubjectKey,
        id: &RecordId,
        visible_at: DateTime<Utc>,
    ) -> StoreResult<StoredRecord> {
        let row = sqlx::query(
            "SELECT id, provider_id, subject, stored_at, changed_at, body FROM records
             WHERE subject = $1 AND id = $2 AND (hidden_until IS NULL OR hidden_until <= $3)",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(id.as_uuid())
        .bind(visible_at)
        .fetch_optional(&self.pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
        stored_record(&row)
    }

    async fn record_count(&self, provider: Option<&ProviderId>) -> StoreResult<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM record_heads
             WHERE subject IS NOT NULL AND ($1::text IS NULL OR provider_id = $1)",
        )
        .bind(provider.map(ProviderId::as_str))
        .fetch_one(&self.pool)
        .await
        .map_err(other)?;
        Ok(u64::try_from(count).unwrap_or_default())
    }
}

#[async_trait]
impl ProviderStore for PostgresStore {
    async fn put_provider(&self, provider: &Provider) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO providers (id, name, public_keys, classifications, homepage,
                 registered_at, stale_after_days, last_delivery_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                 public_keys = excluded.public_keys, classifications = excluded.classifications,
                 homepage = excluded.homepage, stale_after_days = excluded.stale_after_days,
                 last_delivery_at = greatest(providers.last_delivery_at, excluded.last_delivery_at)",
        )
        .bind(provider.id.as_str())
        .bind(&provider.name)
        .bind(serde_json::json!(provider.public_keys))
        .bind(serde_json::json!(provider.classifications))
        .bind(&provider.homepage)
        .bind(provider.registered_at)
        .bind(
            provider
                .stale_after_days
                .map(|days| i32::try_from(days).unwrap_or(i32::MAX)),
        )
        .bind(provider.last_delivery)
        .execute(&self.pool)
        .await
        .map_err(other)?;
        Ok(())
    }

    async fn provider(&self, id: &ProviderId) -> StoreResult<Provider> {
        let row = sqlx::query("SELECT * FROM providers WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(&self.pool)
            .await
            .map_err(other)?
            .ok_or(StoreError::NotFound)?;
        provider_from_row(&row)
    }

    async fn providers(&self) -> StoreResult<Vec<Provider>> {
        let rows = sqlx::query("SELECT * FROM providers ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .map_err(other)?;
        rows.iter().map(provider_from_row).collect()
    }

    async fn note_delivery(&self, provider: &ProviderId, at: DateTime<Utc>) -> StoreResult<()> {
        note_delivery(&self.pool, provider, at).await
    }

    async fn use_assertion_id(
        &self,
        issuer: &str,
        jti: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await.map_err(other)?;
        sqlx::query("DELETE FROM assertion_ids WHERE expires_at < $1")
            .bind(Utc::now())
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        let fresh = sqlx::query(
            "INSERT INTO assertion_ids (provider_id, jti, expires_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
        )
        .bind(issuer)
        .bind(jti)
        .bind(expires_at)
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
impl SessionStore for PostgresStore {
    async fn start_session(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session> {
        let now = micros(now);
        let mut tx = self.pool.begin().await.map_err(other)?;
        sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(now - limits.idle)
            .bind(now - limits.absolute)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        let previous_visit: Option<DateTime<Utc>> =
            sqlx::query_scalar("SELECT visited_at FROM visits WHERE subject = $1 FOR UPDATE")
                .bind(subject.as_bytes().as_slice())
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
        sqlx::query(
            "INSERT INTO visits (subject, visited_at) VALUES ($1, $2)
             ON CONFLICT (subject) DO UPDATE SET visited_at = excluded.visited_at",
        )
        .bind(subject.as_bytes().as_slice())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        sqlx::query(
            "INSERT INTO sessions (key, subject, created_at, last_seen_at, previous_visit)
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(key.0.as_slice())
        .bind(subject.as_bytes().as_slice())
        .bind(now)
        .bind(previous_visit)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        tx.commit().await.map_err(other)?;
        Ok(Session {
            subject: *subject,
            created_at: now,
            last_seen_at: now,
            previous_visit,
        })
    }

    async fn session(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Session> {
        let now = micros(now);
        let row: Option<(Vec<u8>, DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>)> =
            sqlx::query_as(
                "SELECT subject, created_at, last_seen_at, previous_visit FROM sessions
                 WHERE key = $1",
            )
            .bind(key.0.as_slice())
            .fetch_optional(&self.pool)
            .await
            .map_err(other)?;
        let (subject, created_at, last_seen_at, previous_visit) =
            row.ok_or(StoreError::NotFound)?;
        if limits.session_ended(created_at, last_seen_at, now) {
            self.end_session(key).await?;
            return Err(StoreError::NotFound);
        }
        if SessionLimits::should_record_use(last_seen_at, now) {
            sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE key = $1")
                .bind(key.0.as_slice())
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(other)?;
        }
        Ok(Session {
            subject: SubjectKey::from_slice(&subject)
                .ok_or_else(|| StoreError::Other("stored session has a bad subject".into()))?,
            created_at,
            last_seen_at: now.max(last_seen_at),
            previous_visit,
        })
    }

    async fn end_session(&self, key: &SessionKey) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE key = $1")
            .bind(key.0.as_slice())
            .execute(&self.pool)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn note_sign_in(
        &self,
        key: &SessionKey,
        subject: &SubjectKey,
        sign_in: &SignIn,
    ) -> StoreResult<()> {
        sign_ins::note(&self.pool, key, subject, sign_in).await
    }

    async fn sign_ins(&self, subject: &SubjectKey) -> StoreResult<Vec<SignIn>> {
        sign_ins::of(&self.pool, subject).await
    }

    async fn sessions_of(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limits: SessionLimits,
    ) -> StoreResult<Vec<ActiveSession>> {
        sign_ins::sessions(&self.pool, subject, now, limits).await
    }

    async fn end_sessions_of(&self, subject: &SubjectKey, keep: &SessionKey) -> StoreResult<u64> {
        sign_ins::end_others(&self.pool, subject, keep).await
    }
}

#[async_trait]
impl MandateStore for PostgresStore {
    async fn put_mandate(&self, mandate: &Mandate) -> StoreResult<()> {
        mandates::put(&self.pool, mandate).await
    }

    async fn mandate(&self, id: &MandateId) -> StoreResult<Mandate> {
        mandates::one(&self.pool, id).await
    }

    async fn mandates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Mandate>> {
        mandates::of(&self.pool, subject).await
    }

    async fn accept_mandate(
        &self,
        id: &MandateId,
        holder: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate> {
        mandates::accept(&self.pool, id, holder, at).await
    }

    async fn revoke_mandate(
        &self,
        id: &MandateId,
        party: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Mandate> {
        mandates::revoke(&self.pool, id, party, at).await
    }

    async fn note_mandate_used(&self, id: &MandateId, at: DateTime<Utc>) -> StoreResult<bool> {
        mandates::note_used(&self.pool, id, at).await
    }
}

#[async_trait]
impl NotificationStore for PostgresStore {
    async fn notification_preferences(&self, subject: &SubjectKey) -> StoreResult<Preferences> {
        notifications::preferences(&self.pool, subject).await
    }

    async fn put_notification_preferences(
        &self,
        subject: &SubjectKey,
        preferences: &Preferences,
    ) -> StoreResult<()> {
        notifications::put_preferences(&self.pool, subject, preferences).await
    }

    async fn change_email(
        &self,
        subject: &SubjectKey,
        address: Option<(&str, [u8; 32], &Notice)>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::change_email(&self.pool, subject, address, now).await
    }

    async fn confirmations_sent(
        &self,
        subject: &SubjectKey,
        address: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<overblik_store::ConfirmationsSent> {
        notifications::confirmations_sent(&self.pool, subject, address, since).await
    }

    async fn confirm_email(
        &self,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<SubjectKey> {
        notifications::confirm_email(&self.pool, token_hash, now).await
    }

    async fn add_notices(&self, notices: &[Notice]) -> StoreResult<u64> {
        notifications::add_notices(&self.pool, notices).await
    }

    async fn notices(
        &self,
        subject: &SubjectKey,
        now: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<Notice>> {
        notifications::notices(&self.pool, subject, now, limit).await
    }

    async fn mark_notices_read(
        &self,
        subject: &SubjectKey,
        ids: &[NoticeId],
        at: DateTime<Utc>,
    ) -> StoreResult<u64> {
        notifications::mark_read(&self.pool, subject, ids, at).await
    }

    async fn put_calendar_feed(
        &self,
        subject: &SubjectKey,
        token_hash: [u8; 32],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::put_calendar_feed(&self.pool, subject, token_hash, now).await
    }

    async fn calendar_feed(&self, token_hash: [u8; 32]) -> StoreResult<SubjectKey> {
        notifications::calendar_feed(&self.pool, token_hash).await
    }

    async fn calendar_feed_made(&self, subject: &SubjectKey) -> StoreResult<Option<DateTime<Utc>>> {
        notifications::calendar_feed_made(&self.pool, subject).await
    }

    async fn revoke_calendar_feed(&self, subject: &SubjectKey) -> StoreResult<bool> {
        notifications::revoke_calendar_feed(&self.pool, subject).await
    }
}

#[async_trait]
impl CorrectionStore for PostgresStore {
    async fn put_correction(
        &self,
        correction: &Correction,
        files: &[(AttachmentId, Vec<u8>)],
    ) -> StoreResult<()> {
        corrections::put(&self.pool, correction, files).await
    }

    async fn correction(&self, id: &CorrectionId) -> StoreResult<Correction> {
        corrections::one(&self.pool, id).await
    }

    async fn recent_corrections(
        &self,
        subject: &SubjectKey,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<Correction>> {
        corrections::recent(&self.pool, subject, since).await
    }

    async fn corrections_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Correction>> {
        corrections::of_subject(&self.pool, subject).await
    }

    async fn provider_corrections(
        &self,
        provider: &ProviderId,
        unacknowledged: bool,
        limit: u32,
    ) -> StoreResult<Vec<Correction>> {
        corrections::of_provider(&self.pool, provider, unacknowledged, limit).await
    }

    async fn acknowledge_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::acknowledge(&self.pool, provider, id, revision, at).await
    }

    async fn answer_correction(
        &self,
        provider: &ProviderId,
        id: &CorrectionId,
        answer: &Answer,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::answer(&self.pool, provider, id, answer, at).await
    }

    async fn withdraw_correction(
        &self,
        subject: &SubjectKey,
        id: &CorrectionId,
        at: DateTime<Utc>,
    ) -> StoreResult<Correction> {
        corrections::withdraw(&self.pool, subject, id, at).await
    }

    async fn correction_attachment(
        &self,
        id: &CorrectionId,
        attachment: &AttachmentId,
    ) -> StoreResult<Vec<u8>> {
        corrections::attachment(&self.pool, id, attachment).await
    }

    async fn answer_durations(
        &self,
        provider: &ProviderId,
        limit: u32,
    ) -> StoreResult<Vec<Duration>> {
        corrections::answer_durations(&self.pool, provider, limit).await
    }

    async fn put_webhook(&self, provider: &ProviderId, url: Option<&str>) -> StoreResult<()> {
        corrections::put_webhook(&self.pool, provider, url).await
    }

    async fn webhook(&self, provider: &ProviderId) -> StoreResult<Option<String>> {
        corrections::webhook(&self.pool, provider).await
    }
}

#[async_trait]
impl SharingStore for PostgresStore {
    async fn put_recipient(&self, recipient: &Recipient) -> StoreResult<()> {
        sharing::put_recipient(&self.pool, recipient).await
    }

    async fn recipient(&self, id: &RecipientId) -> StoreResult<Recipient> {
        sharing::recipient(&self.pool, id).await
    }

    async fn recipients(&self) -> StoreResult<Vec<Recipient>> {
        sharing::recipients(&self.pool).await
    }

    async fn put_grant(&self, grant: &Grant) -> StoreResult<()> {
        sharing::put_grant(&self.pool, grant).await
    }

    async fn grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant> {
        sharing::grant(&self.pool, handle, now).await
    }

    async fn take_grant(&self, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant> {
        sharing::take_grant(&self.pool, handle, now).await
    }

    async fn put_consent(&self, consent: &Consent) -> StoreResult<()> {
        sharing::put_consent(&self.pool, consent).await
    }

    async fn consent(&self, id: &ConsentId) -> StoreResult<Consent> {
        sharing::consent(&self.pool, id).await
    }

    async fn consents_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Consent>> {
        sharing::consents_of(&self.pool, subject).await
    }

    async fn revoke_consent(
        &self,
        id: &ConsentId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Consent> {
        sharing::revoke(&self.pool, id, subject, at).await
    }

    async fn note_consent_used(&self, id: &ConsentId, at: DateTime<Utc>) -> StoreResult<bool> {
        sharing::note_used(&self.pool, id, at).await
    }

    async fn rotate_refresh(
        &self,
        id: &ConsentId,
        current: Option<&[u8; 32]>,
        next: &[u8; 32],
    ) -> StoreResult<bool> {
        sharing::rotate_refresh(&self.pool, id, current, next).await
    }
}

#[async_trait]
impl CertificateStore for PostgresStore {
    async fn next_status_index(&self) -> StoreResult<u32> {
        certificates::next_status_index(&self.pool).await
    }

    async fn put_certificate(&self, certificate: &Certificate) -> StoreResult<()> {
        certificates::put(&self.pool, certificate).await
    }

    async fn certificate(&self, id: &CertificateId) -> StoreResult<Certificate> {
        certificates::one(&self.pool, id).await
    }

    async fn certificates_of(&self, subject: &SubjectKey) -> StoreResult<Vec<Certificate>> {
        certificates::of(&self.pool, subject).await
    }

    async fn revoke_certificate(
        &self,
        id: &CertificateId,
        subject: &SubjectKey,
        at: DateTime<Utc>,
    ) -> StoreResult<Certificate> {
        certificates::revoke(&self.pool, id, subject, at).await
    }

    async fn certificate_statuses(&self) -> StoreResult<CertificateStatuses> {
        certificates::statuses(&self.pool).await
    }
}

#[async_trait]
impl OutboxStore for PostgresStore {
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<MailJob>> {
        notifications::claim_mail(&self.pool, now, lease_until, limit).await
    }

    async fn settle_mail(
        &self,
        id: &NoticeId,
        lease_until: DateTime<Utc>,
        outcome: &MailOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        notifications::settle_mail(&self.pool, id, lease_until, outcome, now).await
    }

    async fn outbox_stats(&self, now: DateTime<Utc>) -> StoreResult<OutboxStats> {
        notifications::outbox_stats(&self.pool, now).await
    }

    async fn claim_webhooks(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<WebhookJob>> {
        corrections::claim_webhooks(&self.pool, now, lease_until, limit).await
    }

    async fn settle_webhook(
        &self,
        id: &DeliveryId,
        lease_until: DateTime<Utc>,
        outcome: &WebhookOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        corrections::settle_webhook(&self.pool, id, lease_until, outcome, now).await
    }

    async fn webhook_backlog(&self, now: DateTime<Utc>) -> StoreResult<(u64, u64)> {
        corrections::backlog(&self.pool, now).await
    }
}

#[async_trait]
impl TransferStore for PostgresStore {
    async fn export_records(&self, after: Option<u64>, limit: u32) -> StoreResult<ExportPage> {
        let after = after.map_or(0, |after| i64::try_from(after).unwrap_or(i64::MAX));
        let rows = sqlx::query(
            "SELECT head.seq, head.id, head.provider_id, head.source_id, head.version,
                    head.stored_at, coalesce(record.changed_at, head.stored_at) AS changed_at,
                    head.subject, record.body
             FROM record_heads AS head
             LEFT JOIN records AS record ON record.subject = head.subject AND record.id = head.id
             WHERE head.seq > $1 ORDER BY head.seq LIMIT $2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
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
        let mut tx = self.pool.begin().await.map_err(other)?;
        let mut by_provider: Vec<(&ProviderId, Vec<&ExportedRecord>)> = Vec::new();
        for record in records {
            match by_provider.last_mut() {
                Some((provider, group)) if *provider == &record.provider => group.push(record),
                _ => by_provider.push((&record.provider, vec![record])),
            }
        }
        for (provider, group) in by_provider {
            import_heads(&mut tx, provider, &group).await?;
        }
        tx.commit().await.map_err(other)
    }

    async fn export_mandates(&self) -> StoreResult<Vec<Mandate>> {
        mandates::all(&self.pool).await
    }

    async fn export_notifications(&self) -> StoreResult<NotificationsExport> {
        notifications::export(&self.pool).await
    }

    async fn import_notifications(&self, export: &NotificationsExport) -> StoreResult<()> {
        notifications::import(&self.pool, export).await
    }

    async fn export_corrections(&self) -> StoreResult<Vec<Correction>> {
        corrections::all(&self.pool).await
    }

    async fn export_sharing(&self) -> StoreResult<SharingExport> {
        sharing::export(&self.pool).await
    }

    async fn import_sharing(&self, export: &SharingExport) -> StoreResult<()> {
        sharing::import(&self.pool, export).await
    }

    async fn export_certificates(&self) -> StoreResult<Vec<Certificate>> {
        certificates::all(&self.pool).await
    }

    async fn import_certificates(&self, certificates: &[Certificate]) -> StoreResult<()> {
        certificates::import(&self.pool, certificates).await
    }

    async fn export_overview_choices(&self) -> StoreResult<Vec<(SubjectKey, OverviewChoices)>> {
        choices::all(&self.pool).await
    }

    async fn import_overview_choices(
        &self,
        choices: &[(SubjectKey, OverviewChoices)],
    ) -> StoreResult<()> {
        choices::import(&self.pool, choices).await
    }
}

#[async_trait]
impl ChoiceStore for PostgresStore {
    async fn overview_choices(&self, subject: &SubjectKey) -> StoreResult<OverviewChoices> {
        choices::of(&self.pool, subject).await
    }

    async fn put_overview_choices(
        &self,
        subject: &SubjectKey,
        choices: &OverviewChoices,
    ) -> StoreResult<()> {
        choices::put(&self.pool, subject, choices).await
    }
}

#[async_trait]
impl Store for PostgresStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(other)?;
        Ok(())
    }
}

/// Imports one provider's run of exported records: heads in the given order, then the live
/// records in their subjects' partitions. Any head already there fails the whole import.
async fn import_heads(
    tx: &mut Transaction<'_, Postgres>,
    provider: &ProviderId,
    records: &[&ExportedRecord],
) -> StoreResult<()> {
    let source_ids: Vec<&str> = records.iter().map(|r| r.source_id.as_str()).collect();
    let ids: Vec<Uuid> = records.iter().map(|r| *r.id.as_uuid()).collect();
    let versions: Vec<i64> = records.iter().map(|r| r.version.get()).collect();
    let subjects: Vec<Option<Vec<u8>>> = records
        .iter()
        .map(|r| {
            r.live
                .as_ref()
                .map(|(subject, _)| subject.as_bytes().to_vec())
        })
        .collect();
    let stored_at: Vec<DateTime<Utc>> = records.iter().map(|r| r.stored_at).collect();
    let seqs: Vec<(String, i64)> = sqlx::query_as(
        "INSERT INTO record_heads (provider_id, source_id, id, version, subject, stored_at)
         SELECT $1, source_id, id, version, subject, stored_at
         FROM UNNEST($2::text[], $3::uuid[], $4::int8[], $5::bytea[], $6::timestamptz[])
             WITH ORDINALITY AS incoming (source_id, id, version, subject, stored_at, position)
         ORDER BY position
         RETURNING source_id, seq",
    )
    .bind(provider.as_str())
    .bind(source_ids)
    .bind(ids)
    .bind(versions)
    .bind(subjects)
    .bind(stored_at)
    .fetch_all(&mut **tx)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => {
            StoreError::Conflict("a record to import is already stored".to_owned())
        }
        error => other(error),
    })?;
    let seqs: HashMap<String, i64> = seqs.into_iter().collect();
    let mut rows = RecordRows::default();
    for record in records {
        let Some((subject, body)) = &record.live else {
            continue;
        };
        let seq = seqs
            .get(record.source_id.as_str())
            .copied()
            .ok_or_else(|| StoreError::Other("an imported head has no seq".into()))?;
        let id = *record.id.as_uuid();
        rows.push(subject, id, seq, body, record.stored_at, record.changed_at)?;
    }
    rows.upsert(tx, provider).await
}

/// Reads an exported row back: a live record, or a deletion marker without subject or body.
fn exported_record(row: &PgRow) -> StoreResult<ExportedRecord> {
    let provider: String = row.try_get("provider_id").map_err(other)?;
    let source_id: String = row.try_get("source_id").map_err(other)?;
    let subject: Option<Vec<u8>> = row.try_get("subject").map_err(other)?;
    let body: Option<String> = row.try_get("body").map_err(other)?;
    let live = match (subject, body) {
        (Some(subject), Some(body)) => Some((
            subject_key(&subject)?,
            serde_json::from_str(&body).map_err(StoreError::other)?,
        )),
        (None, _) => None,
        (Some(_), None) => return Err(corrupt("head: its record is missing")),
    };
    Ok(ExportedRecord {
        id: RecordId::from_uuid(row.try_get("id").map_err(other)?),
        provider: provider.parse().map_err(|_| corrupt("provider"))?,
        source_id: source_id.parse().map_err(|_| corrupt("source id"))?,
        version: version(row.try_get("version").map_err(other)?)?,
        stored_at: row.try_get("stored_at").map_err(other)?,
        changed_at: row.try_get("changed_at").map_err(other)?,
        live,
    })
}

fn provider_from_row(row: &PgRow) -> StoreResult<Provider> {
    let json_list = |column: &str| -> StoreResult<Vec<String>> {
        let value: serde_json::Value = row.try_get(column).map_err(other)?;
        serde_json::from_value(value).map_err(StoreError::other)
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
        registered_at: row.try_get("registered_at").map_err(other)?,
        stale_after_days: row
            .try_get::<Option<i32>, _>("stale_after_days")
            .map_err(other)?
            .and_then(|days| u32::try_from(days).ok()),
        last_delivery: row.try_get("last_delivery_at").map_err(other)?,
    })
}

/// Moves the provider's last delivery forward to `at`.
async fn note_delivery<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    provider: &ProviderId,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "UPDATE providers SET last_delivery_at = $2
         WHERE id = $1 AND (last_delivery_at IS NULL OR last_delivery_at < $2)",
    )
    .bind(provider.as_str())
    .bind(at)
    .execute(executor)
    .await
    .map_err(other)?;
    Ok(())
}
