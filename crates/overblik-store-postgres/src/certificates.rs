//! Certificates in PostgreSQL: one row each with the certificate as JSON, found by id or
//! subject, and the issuer's status list handed out by a sequence.

use crate::other;
use chrono::{DateTime, Utc};
use overblik_model::{Certificate, CertificateId, SubjectKey};
use overblik_store::{CertificateStatuses, StoreError, StoreResult, certificate_unchanged};
use sqlx::postgres::{PgPool, PgRow, Postgres};
use sqlx::{Executor, Row};

/// A sequence hands out each number once, whatever the transactions around it do.
pub async fn next_status_index(pool: &PgPool) -> StoreResult<u32> {
    let handed: i64 = sqlx::query_scalar("SELECT nextval('certificate_status_index')")
        .fetch_one(pool)
        .await
        .map_err(other)?;
    status_index(handed)
}

pub async fn put(pool: &PgPool, certificate: &Certificate) -> StoreResult<()> {
    insert(pool, certificate).await
}

/// Writes a certificate as it is; one whose id or status index is taken is a `Conflict`.
async fn insert<'e>(
    executor: impl Executor<'e, Database = Postgres>,
    certificate: &Certificate,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO certificates (id, subject, status_index, issued_at, revoked_at, body)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
    )
    .bind(certificate.id.as_bytes().as_slice())
    .bind(certificate.subject.as_bytes().as_slice())
    .bind(i64::from(certificate.status_index))
    .bind(certificate.issued_at)
    .bind(certificate.revoked_at)
    .bind(serde_json::to_string(certificate).map_err(StoreError::other)?)
    .execute(executor)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => StoreError::Conflict(
            "a certificate with this id or status index is already stored".to_owned(),
        ),
        error => other(error),
    })?;
    Ok(())
}

pub async fn one(pool: &PgPool, id: &CertificateId) -> StoreResult<Certificate> {
    let row = sqlx::query("SELECT body::text AS body FROM certificates WHERE id = $1")
        .bind(id.as_bytes().as_slice())
        .fetch_optional(pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

pub async fn of(pool: &PgPool, subject: &SubjectKey) -> StoreResult<Vec<Certificate>> {
    let rows = sqlx::query(
        "SELECT body::text AS body FROM certificates WHERE subject = $1
         ORDER BY issued_at DESC, id DESC",
    )
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(decode).collect()
}

/// One statement: only a revocation that finds the certificate unrevoked writes, however
/// many race. The body takes the time as serde writes it, so it reads back the same.
pub async fn revoke(
    pool: &PgPool,
    id: &CertificateId,
    subject: &SubjectKey,
    at: DateTime<Utc>,
) -> StoreResult<Certificate> {
    let row = sqlx::query(
        "UPDATE certificates SET revoked_at = $3, body = jsonb_set(body, '{revoked_at}', $4::jsonb)
         WHERE id = $1 AND subject = $2 AND revoked_at IS NULL
         RETURNING body::text AS body",
    )
    .bind(id.as_bytes().as_slice())
    .bind(subject.as_bytes().as_slice())
    .bind(at)
    .bind(serde_json::to_string(&at).map_err(StoreError::other)?)
    .fetch_optional(pool)
    .await
    .map_err(other)?;
    match row {
        Some(row) => decode(&row),
        None => Err(certificate_unchanged(one(pool, id).await, subject)),
    }
}

/// The revoked positions are read before the sequence: it only grows, so every position
/// read is below the length read after it.
pub async fn statuses(pool: &PgPool) -> StoreResult<CertificateStatuses> {
    let revoked: Vec<i64> = sqlx::query_scalar(
        "SELECT status_index FROM certificates WHERE revoked_at IS NOT NULL
         ORDER BY status_index",
    )
    .fetch_all(pool)
    .await
    .map_err(other)?;
    // Before its first `nextval` the sequence stands at its start, 0, with nothing handed out.
    let handed_out: i64 = sqlx::query_scalar(
        "SELECT CASE WHEN is_called THEN last_value + 1 ELSE 0 END FROM certificate_status_index",
    )
    .fetch_one(pool)
    .await
    .map_err(other)?;
    Ok(CertificateStatuses {
        handed_out: status_index(handed_out)?,
        revoked: revoked
            .into_iter()
            .map(status_index)
            .collect::<StoreResult<_>>()?,
    })
}

/// Every certificate, oldest first.
pub async fn all(pool: &PgPool) -> StoreResult<Vec<Certificate>> {
    let rows = sqlx::query("SELECT body::text AS body FROM certificates ORDER BY issued_at, id")
        .fetch_all(pool)
        .await
        .map_err(other)?;
    rows.iter().map(decode).collect()
}

/// Writes exported certificates in one transaction, then moves the sequence beyond every
/// position they hold. `setval` is not undone with a transaction that fails: at worst the
/// list has a gap. Nor does it wait for a `nextval` beside it, hence a store that hands out
/// no positions meanwhile.
pub async fn import(pool: &PgPool, certificates: &[Certificate]) -> StoreResult<()> {
    let Some(last) = certificates
        .iter()
        .map(|certificate| certificate.status_index)
        .max()
    else {
        return Ok(());
    };
    let mut tx = pool.begin().await.map_err(other)?;
    for certificate in certificates {
        insert(&mut *tx, certificate).await?;
    }
    sqlx::query(
        "SELECT setval('certificate_status_index',
                       GREATEST($1, CASE WHEN is_called THEN last_value ELSE -1 END), true)
         FROM certificate_status_index",
    )
    .bind(i64::from(last))
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    tx.commit().await.map_err(other)
}

fn decode(row: &PgRow) -> StoreResult<Certificate> {
    let body: String = row.try_get("body").map_err(other)?;
    serde_json::from_str(&body).map_err(StoreError::other)
}

fn status_index(stored: i64) -> StoreResult<u32> {
    u32::try_from(stored)
        .map_err(|_| StoreError::Other("a stored certificate status index is out of range".into()))
}
