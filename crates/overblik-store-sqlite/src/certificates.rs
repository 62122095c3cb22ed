//! Certificates in SQLite: one row each with the certificate as JSON, found by id or
//! subject, and the issuer's status list counted in a row of its own.

use crate::{millis, other};
use chrono::{DateTime, Utc};
use overblik_model::{Certificate, CertificateId, SubjectKey};
use overblik_store::{CertificateStatuses, StoreError, StoreResult, certificate_unchanged};
use sqlx::sqlite::{Sqlite, SqlitePool, SqliteRow};
use sqlx::{Executor, Row};

/// Hands out the counter's position and moves it on, in one statement.
pub async fn next_status_index(writer: &SqlitePool) -> StoreResult<u32> {
    let handed: i64 = sqlx::query_scalar(
        "UPDATE certificate_status_counter SET next = next + 1 RETURNING next - 1",
    )
    .fetch_one(writer)
    .await
    .map_err(other)?;
    status_index(handed)
}

pub async fn put(writer: &SqlitePool, certificate: &Certificate) -> StoreResult<()> {
    insert(writer, certificate).await
}

/// Writes a certificate as it is; one whose id or status index is taken is a `Conflict`.
async fn insert<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    certificate: &Certificate,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO certificates (id, subject, status_index, issued_at, revoked_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(certificate.id.as_bytes().as_slice())
    .bind(certificate.subject.as_bytes().as_slice())
    .bind(i64::from(certificate.status_index))
    .bind(millis(certificate.issued_at))
    .bind(certificate.revoked_at.map(millis))
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

pub async fn one(pool: &SqlitePool, id: &CertificateId) -> StoreResult<Certificate> {
    let row = sqlx::query("SELECT body FROM certificates WHERE id = ?1")
        .bind(id.as_bytes().as_slice())
        .fetch_optional(pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    decode(&row)
}

pub async fn of(pool: &SqlitePool, subject: &SubjectKey) -> StoreResult<Vec<Certificate>> {
    let rows = sqlx::query(
        "SELECT body FROM certificates WHERE subject = ?1 ORDER BY issued_at DESC, id DESC",
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
    writer: &SqlitePool,
    id: &CertificateId,
    subject: &SubjectKey,
    at: DateTime<Utc>,
) -> StoreResult<Certificate> {
    let row = sqlx::query(
        "UPDATE certificates SET revoked_at = ?3, body = json_set(body, '$.revoked_at', json(?4))
         WHERE id = ?1 AND subject = ?2 AND revoked_at IS NULL
         RETURNING body",
    )
    .bind(id.as_bytes().as_slice())
    .bind(subject.as_bytes().as_slice())
    .bind(millis(at))
    .bind(serde_json::to_string(&at).map_err(StoreError::other)?)
    .fetch_optional(writer)
    .await
    .map_err(other)?;
    match row {
        Some(row) => decode(&row),
        None => Err(certificate_unchanged(one(writer, id).await, subject)),
    }
}

/// The revoked positions are read before the counter: the counter only grows, so every
/// position read is below the length read after it.
pub async fn statuses(pool: &SqlitePool) -> StoreResult<CertificateStatuses> {
    let revoked: Vec<i64> = sqlx::query_scalar(
        "SELECT status_index FROM certificates WHERE revoked_at IS NOT NULL
         ORDER BY status_index",
    )
    .fetch_all(pool)
    .await
    .map_err(other)?;
    let handed_out: i64 = sqlx::query_scalar("SELECT next FROM certificate_status_counter")
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
pub async fn all(pool: &SqlitePool) -> StoreResult<Vec<Certificate>> {
    let rows = sqlx::query("SELECT body FROM certificates ORDER BY issued_at, id")
        .fetch_all(pool)
        .await
        .map_err(other)?;
    rows.iter().map(decode).collect()
}

/// Writes exported certificates in one transaction, and moves the counter beyond every
/// position they hold; any already stored fails the whole import.
pub async fn import(writer: &SqlitePool, certificates: &[Certificate]) -> StoreResult<()> {
    let Some(last) = certificates
        .iter()
        .map(|certificate| certificate.status_index)
        .max()
    else {
        return Ok(());
    };
    let mut tx = writer.begin().await.map_err(other)?;
    for certificate in certificates {
        insert(&mut *tx, certificate).await?;
    }
    sqlx::query("UPDATE certificate_status_counter SET next = max(next, ?1)")
        .bind(i64::from(last) + 1)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    tx.commit().await.map_err(other)
}

fn decode(row: &SqliteRow) -> StoreResult<Certificate> {
    let body: String = row.try_get("body").map_err(other)?;
    serde_json::from_str(&body).map_err(StoreError::other)
}

fn status_index(stored: i64) -> StoreResult<u32> {
    u32::try_from(stored)
        .map_err(|_| StoreError::Other("a stored certificate status index is out of range".into()))
}
