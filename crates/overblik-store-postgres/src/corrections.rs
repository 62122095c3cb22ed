//! Correction requests in PostgreSQL: one row each with the request as JSON, its attachments'
//! bytes beside it, and the webhook outbox written in the same transaction as each change.

use crate::{micros, other};
use chrono::{DateTime, Utc};
use overblik_model::correction::{Answer, AttachmentId, ChangeRefused, DeliveryId};
use overblik_model::{Correction, CorrectionId, ProviderId, SubjectKey};
use overblik_store::{StoreError, StoreResult, WebhookJob, WebhookOutcome};
use sqlx::postgres::{PgPool, PgRow};
use sqlx::{Postgres, Row, Transaction};
use std::collections::HashMap;

fn refused(error: ChangeRefused) -> StoreError {
    StoreError::Conflict(error.to_string())
}

fn decode(row: &PgRow) -> StoreResult<Correction> {
    let body: String = row.try_get("body").map_err(other)?;
    serde_json::from_str(&body).map_err(StoreError::other)
}

/// Writes the request's row as `correction` now has it.
async fn write(tx: &mut Transaction<'_, Postgres>, correction: &Correction) -> StoreResult<()> {
    sqlx::query(
        "UPDATE corrections SET state = $2, answered_at = $3, revision = $4,
             acknowledged_revision = $5, body = $6::jsonb
         WHERE id = $1",
    )
    .bind(correction.id.as_uuid())
    .bind(correction.state().as_str())
    .bind(correction.answered_at().map(micros))
    .bind(i64::from(correction.revision))
    .bind(i64::from(correction.acknowledged_revision))
    .bind(serde_json::to_string(correction).map_err(StoreError::other)?)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

/// Queues the delivery that tells the provider of the request's latest revision, if the
/// provider registered a webhook.
async fn queue_delivery(
    tx: &mut Transaction<'_, Postgres>,
    correction: &Correction,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO webhook_deliveries (id, provider_id, correction_id, revision, state, due_at)
         SELECT $1, provider_id, $2, $3, 'pending', $4 FROM provider_webhooks
         WHERE provider_id = $5
         ON CONFLICT (correction_id, revision) DO NOTHING",
    )
    .bind(DeliveryId::random().as_uuid())
    .bind(correction.id.as_uuid())
    .bind(i64::from(correction.revision))
    .bind(micros(now))
    .bind(correction.provider.as_str())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn put(
    writer: &PgPool,
    correction: &Correction,
    files: &[(AttachmentId, Vec<u8>)],
) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    sqlx::query(
        "INSERT INTO corrections (id, subject, provider_id, sent_at, answered_at, state,
             revision, acknowledged_revision, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)",
    )
    .bind(correction.id.as_uuid())
    .bind(correction.subject.as_bytes().as_slice())
    .bind(correction.provider.as_str())
    .bind(micros(correction.sent_at()))
    .bind(correction.answered_at().map(micros))
    .bind(correction.state().as_str())
    .bind(i64::from(correction.revision))
    .bind(i64::from(correction.acknowledged_revision))
    .bind(serde_json::to_string(correction).map_err(StoreError::other)?)
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => {
            StoreError::Conflict("a correction request with this id is already stored".to_owned())
        }
        error => other(error),
    })?;
    for (id, bytes) in files {
        sqlx::query(
            "INSERT INTO correction_attachments (correction_id, id, bytes) VALUES ($1, $2, $3)",
        )
        .bind(correction.id.as_uuid())
        .bind(id.as_uuid())
        .bind(bytes.as_slice())
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    }
    queue_delivery(&mut tx, correction, correction.sent_at()).await?;
    tx.commit().await.map_err(other)
}

pub async fn one(pool: &PgPool, id: &CorrectionId) -> StoreResult<Correction> {
    let row = sqlx::query("SELECT body::text AS body FROM corrections WHERE id = $1")
        .bind(id.as_uuid())
        .fetch_optional(pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

pub async fn of_subject(pool: &PgPool, subject: &SubjectKey) -> StoreResult<Vec<Correction>> {
    let rows = sqlx::query(
        "SELECT body::text AS body FROM corrections WHERE subject = $1 ORDER BY sent_at DESC, id DESC",
    )
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(decode).collect()
}

pub async fn recent(
    pool: &PgPool,
    subject: &SubjectKey,
    since: DateTime<Utc>,
) -> StoreResult<Vec<Correction>> {
    // The subject's index narrows to their own requests; the few of them are then filtered.
    let rows = sqlx::query(
        "SELECT body::text AS body FROM corrections
         WHERE subject = $1 AND (sent_at >= $2 OR state NOT IN ('corrected', 'rejected', 'withdrawn'))
         ORDER BY sent_at DESC, id DESC",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(since)
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(decode).collect()
}

pub async fn all(pool: &PgPool) -> StoreResult<Vec<Correction>> {
    let rows = sqlx::query("SELECT body::text AS body FROM corrections ORDER BY sent_at, id")
        .fetch_all(pool)
        .await
        .map_err(other)?;
    rows.iter().map(decode).collect()
}

pub async fn of_provider(
    pool: &PgPool,
    provider: &ProviderId,
    unacknowledged: bool,
    limit: u32,
) -> StoreResult<Vec<Correction>> {
    let condition = if unacknowledged {
        "acknowledged_revision < revision"
    } else {
        "state NOT IN ('corrected', 'rejected', 'withdrawn')"
    };
    let rows = sqlx::query(&format!(
        "SELECT body::text AS body FROM corrections WHERE provider_id = $1 AND {condition}
         ORDER BY sent_at, id LIMIT $2"
    ))
    .bind(provider.as_str())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(decode).collect()
}

/// Reads request `id` for a change inside `tx`, if `owns` says the asker may change it.
async fn for_change(
    tx: &mut Transaction<'_, Postgres>,
    id: &CorrectionId,
    owns: impl Fn(&Correction) -> bool,
) -> StoreResult<Correction> {
    let row = sqlx::query("SELECT body::text AS body FROM corrections WHERE id = $1 FOR UPDATE")
        .bind(id.as_uuid())
        .fetch_optional(&mut **tx)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    let correction = decode(&row)?;
    if owns(&correction) {
        Ok(correction)
    } else {
        Err(StoreError::NotFound)
    }
}

pub async fn acknowledge(
    writer: &PgPool,
    provider: &ProviderId,
    id: &CorrectionId,
    revision: u32,
    at: DateTime<Utc>,
) -> StoreResult<Correction> {
    let mut tx = writer.begin().await.map_err(other)?;
    let mut correction = for_change(&mut tx, id, |found| found.provider == *provider).await?;
    if correction.acknowledge(revision, at).map_err(refused)? {
        write(&mut tx, &correction).await?;
    }
    tx.commit().await.map_err(other)?;
    Ok(correction)
}

pub async fn answer(
    writer: &PgPool,
    provider: &ProviderId,
    id: &CorrectionId,
    answer: &Answer,
    at: DateTime<Utc>,
) -> StoreResult<Correction> {
    let mut tx = writer.begin().await.map_err(other)?;
    let mut correction = for_change(&mut tx, id, |found| found.provider == *provider).await?;
    if correction.answer(answer.clone(), at).map_err(refused)? {
        write(&mut tx, &correction).await?;
        // The citizen is told with the answer itself, as they chose to be.
        let notice = overblik_store::outbox::answer_notice(&correction, at);
        crate::notifications::insert_notices(&mut tx, &[notice]).await?;
    }
    tx.commit().await.map_err(other)?;
    Ok(correction)
}

pub async fn withdraw(
    writer: &PgPool,
    subject: &SubjectKey,
    id: &CorrectionId,
    at: DateTime<Utc>,
) -> StoreResult<Correction> {
    let mut tx = writer.begin().await.map_err(other)?;
    let mut correction = for_change(&mut tx, id, |found| found.subject == *subject).await?;
    correction.withdraw(at).map_err(refused)?;
    write(&mut tx, &correction).await?;
    queue_delivery(&mut tx, &correction, at).await?;
    tx.commit().await.map_err(other)?;
    Ok(correction)
}

pub async fn attachment(
    pool: &PgPool,
    id: &CorrectionId,
    attachment: &AttachmentId,
) -> StoreResult<Vec<u8>> {
    let row = sqlx::query(
        "SELECT bytes FROM correction_attachments WHERE correction_id = $1 AND id = $2",
    )
    .bind(id.as_uuid())
    .bind(attachment.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(other)?
    .ok_or(StoreError::NotFound)?;
    row.try_get("bytes").map_err(other)
}

pub async fn answer_durations(
    pool: &PgPool,
    provider: &ProviderId,
    limit: u32,
) -> StoreResult<Vec<chrono::Duration>> {
    let rows = sqlx::query(
        "SELECT (extract(epoch FROM answered_at - sent_at) * 1000)::bigint AS took FROM corrections
         WHERE provider_id = $1 AND answered_at IS NOT NULL
         ORDER BY answered_at DESC LIMIT $2",
    )
    .bind(provider.as_str())
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter()
        .map(|row| {
            let took: i64 = row.try_get("took").map_err(other)?;
            Ok(chrono::Duration::milliseconds(took))
        })
        .collect()
}

pub async fn put_webhook(
    writer: &PgPool,
    provider: &ProviderId,
    url: Option<&str>,
) -> StoreResult<()> {
    let query = match url {
        Some(url) => sqlx::query(
            "INSERT INTO provider_webhooks (provider_id, url) VALUES ($1, $2)
             ON CONFLICT (provider_id) DO UPDATE SET url = excluded.url",
        )
        .bind(provider.as_str())
        .bind(url),
        None => sqlx::query("DELETE FROM provider_webhooks WHERE provider_id = $1")
            .bind(provider.as_str()),
    };
    query.execute(writer).await.map_err(other)?;
    Ok(())
}

pub async fn webhook(pool: &PgPool, provider: &ProviderId) -> StoreResult<Option<String>> {
    sqlx::query_scalar("SELECT url FROM provider_webhooks WHERE provider_id = $1")
        .bind(provider.as_str())
        .fetch_optional(pool)
        .await
        .map_err(other)
}

pub async fn claim_webhooks(
    writer: &PgPool,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u32,
) -> StoreResult<Vec<WebhookJob>> {
    let rows = sqlx::query(
        "UPDATE webhook_deliveries SET lease_until = $2
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE state = 'pending' AND due_at <= $1
                        AND (lease_until IS NULL OR lease_until <= $1)
                      ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, provider_id, correction_id, revision, attempts",
    )
    .bind(micros(now))
    .bind(micros(lease_until))
    .bind(i64::from(limit))
    .fetch_all(writer)
    .await
    .map_err(other)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // The URL as registered now, so a changed URL applies to deliveries already queued.
    let urls: HashMap<String, String> =
        sqlx::query_as("SELECT provider_id, url FROM provider_webhooks")
            .fetch_all(writer)
            .await
            .map_err(other)?
            .into_iter()
            .collect();
    rows.iter()
        .map(|row| job(row, &urls, lease_until))
        .collect()
}

fn job(
    row: &PgRow,
    urls: &HashMap<String, String>,
    lease_until: DateTime<Utc>,
) -> StoreResult<WebhookJob> {
    let uuid = |column: &str| -> StoreResult<uuid::Uuid> { row.try_get(column).map_err(other) };
    let provider: String = row.try_get("provider_id").map_err(other)?;
    let url = urls.get(&provider).cloned().unwrap_or_default();
    let revision: i64 = row.try_get("revision").map_err(other)?;
    let attempts: i64 = row.try_get("attempts").map_err(other)?;
    Ok(WebhookJob {
        id: DeliveryId::from_uuid(uuid("id")?),
        provider: provider
            .parse()
            .map_err(|_| StoreError::Other("a stored delivery has a bad provider".into()))?,
        url,
        correction: CorrectionId::from_uuid(uuid("correction_id")?),
        revision: u32::try_from(revision).unwrap_or(u32::MAX),
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        lease_until,
    })
}

pub async fn settle_webhook(
    writer: &PgPool,
    id: &DeliveryId,
    lease_until: DateTime<Utc>,
    outcome: &WebhookOutcome,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    let delivery = sqlx::query(
        "SELECT correction_id, revision FROM webhook_deliveries
         WHERE id = $1 AND state = 'pending' AND lease_until = $2 FOR UPDATE",
    )
    .bind(id.as_uuid())
    .bind(micros(lease_until))
    .fetch_optional(&mut *tx)
    .await
    .map_err(other)?;
    let Some(delivery) = delivery else {
        // Settled before, or claimed since by another worker after this one's lease ran
        // out: that one writes what became of it.
        return Ok(());
    };
    match outcome {
        WebhookOutcome::Delivered | WebhookOutcome::Dropped => {
            let state = if *outcome == WebhookOutcome::Delivered {
                "delivered"
            } else {
                "dropped"
            };
            sqlx::query(
                "UPDATE webhook_deliveries SET state = $2, settled_at = $3, lease_until = NULL
                 WHERE id = $1",
            )
            .bind(id.as_uuid())
            .bind(state)
            .bind(micros(now))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
            if *outcome == WebhookOutcome::Delivered {
                let revision: i64 = delivery.try_get("revision").map_err(other)?;
                let correction_id =
                    CorrectionId::from_uuid(delivery.try_get("correction_id").map_err(other)?);
                let mut correction = for_change(&mut tx, &correction_id, |_| true).await?;
                let revision = u32::try_from(revision).unwrap_or(u32::MAX);
                if correction.acknowledge(revision, now).map_err(refused)? {
                    write(&mut tx, &correction).await?;
                }
            }
        }
        WebhookOutcome::Retry { at, error } => {
            sqlx::query(
                "UPDATE webhook_deliveries
                 SET attempts = attempts + 1, due_at = $2, last_error = $3, lease_until = NULL
                 WHERE id = $1",
            )
            .bind(id.as_uuid())
            .bind(micros(*at))
            .bind(error)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        }
    }
    tx.commit().await.map_err(other)
}

pub async fn backlog(pool: &PgPool, now: DateTime<Utc>) -> StoreResult<(u64, u64)> {
    let row = sqlx::query(
        "SELECT count(*) FILTER (WHERE due_at <= $1) AS due, count(*) FILTER (WHERE due_at > $1) AS waiting
         FROM webhook_deliveries WHERE state = 'pending'",
    )
    .bind(micros(now))
    .fetch_one(pool)
    .await
    .map_err(other)?;
    let due: i64 = row.try_get("due").map_err(other)?;
    let waiting: i64 = row.try_get("waiting").map_err(other)?;
    Ok((due.unsigned_abs(), waiting.unsigned_abs()))
}
