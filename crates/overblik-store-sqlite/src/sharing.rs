//! Sharing by consent in SQLite: recipients kept whole as JSON, the short-lived steps of their
//! requests, and one row per consent, found by id or subject.

use crate::{from_millis, millis, other};
use chrono::{DateTime, Utc};
use overblik_model::{Consent, ConsentId, Recipient, RecipientId, SubjectKey};
use overblik_store::{
    Grant, SharingExport, StoreError, StoreResult, StoredConsent, consent_unchanged,
};
use sqlx::sqlite::{Sqlite, SqlitePool, SqliteRow};
use sqlx::{Executor, Row};

const CONSENT_COLUMNS: &str = "id, subject, recipient, purpose, terms, given_at, given_by, \
    revoked_at, first_used_at, last_used_at";

pub async fn put_recipient(writer: &SqlitePool, recipient: &Recipient) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO recipients (id, body) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body",
    )
    .bind(recipient.id.as_str())
    .bind(serde_json::to_string(recipient).map_err(StoreError::other)?)
    .execute(writer)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn recipient(pool: &SqlitePool, id: &RecipientId) -> StoreResult<Recipient> {
    let body: String = sqlx::query_scalar("SELECT body FROM recipients WHERE id = ?1")
        .bind(id.as_str())
        .fetch_optional(pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    serde_json::from_str(&body).map_err(StoreError::other)
}

pub async fn recipients(pool: &SqlitePool) -> StoreResult<Vec<Recipient>> {
    let bodies: Vec<String> = sqlx::query_scalar("SELECT body FROM recipients ORDER BY id")
        .fetch_all(pool)
        .await
        .map_err(other)?;
    bodies
        .iter()
        .map(|body| serde_json::from_str(body).map_err(StoreError::other))
        .collect()
}

/// Writes a grant, clearing away the ones that expired on the way.
pub async fn put_grant(writer: &SqlitePool, grant: &Grant) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    sqlx::query("DELETE FROM oauth_grants WHERE expires_at < ?1")
        .bind(millis(Utc::now()))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
    sqlx::query(
        "INSERT INTO oauth_grants (handle, recipient, body, expires_at) VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(grant.handle.as_slice())
    .bind(grant.recipient.as_str())
    .bind(&grant.body)
    .bind(millis(grant.expires_at))
    .execute(&mut *tx)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => {
            StoreError::Conflict("a grant with this handle is already stored".to_owned())
        }
        error => other(error),
    })?;
    tx.commit().await.map_err(other)
}

pub async fn grant(pool: &SqlitePool, handle: &[u8; 32], now: DateTime<Utc>) -> StoreResult<Grant> {
    let row = sqlx::query(
        "SELECT handle, recipient, body, expires_at FROM oauth_grants
         WHERE handle = ?1 AND expires_at >= ?2",
    )
    .bind(handle.as_slice())
    .bind(millis(now))
    .fetch_optional(pool)
    .await
    .map_err(other)?
    .ok_or(StoreError::NotFound)?;
    grant_from(&row)
}

/// Removes and returns the grant in one statement, so that two requests racing with the
/// same handle cannot both have it.
pub async fn take_grant(
    writer: &SqlitePool,
    handle: &[u8; 32],
    now: DateTime<Utc>,
) -> StoreResult<Grant> {
    let row = sqlx::query(
        "DELETE FROM oauth_grants WHERE handle = ?1 AND expires_at >= ?2
         RETURNING handle, recipient, body, expires_at",
    )
    .bind(handle.as_slice())
    .bind(millis(now))
    .fetch_optional(writer)
    .await
    .map_err(other)?
    .ok_or(StoreError::NotFound)?;
    grant_from(&row)
}

pub async fn put_consent(writer: &SqlitePool, consent: &Consent) -> StoreResult<()> {
    insert_consent(writer, consent, None).await
}

/// Writes a consent as it is, with the hash of its refresh token; one already stored is a
/// `Conflict`.
async fn insert_consent<'e>(
    executor: impl Executor<'e, Database = Sqlite>,
    consent: &Consent,
    refresh_hash: Option<&[u8; 32]>,
) -> StoreResult<()> {
    let given_by = match &consent.given_by {
        Some(given_by) => Some(serde_json::to_string(given_by).map_err(StoreError::other)?),
        None => None,
    };
    sqlx::query(&format!(
        "INSERT INTO consents ({CONSENT_COLUMNS}, refresh_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))
    .bind(consent.id.as_uuid().as_bytes().as_slice())
    .bind(consent.subject.as_bytes().as_slice())
    .bind(consent.recipient.as_str())
    .bind(&consent.purpose)
    .bind(serde_json::to_string(&consent.terms).map_err(StoreError::other)?)
    .bind(millis(consent.given_at))
    .bind(given_by)
    .bind(consent.revoked_at.map(millis))
    .bind(consent.first_used_at.map(millis))
    .bind(consent.last_used_at.map(millis))
    .bind(refresh_hash.map(|hash| hash.as_slice()))
    .execute(executor)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => {
            StoreError::Conflict("a consent with this id is already stored".to_owned())
        }
        error => other(error),
    })?;
    Ok(())
}

pub async fn consent(pool: &SqlitePool, id: &ConsentId) -> StoreResult<Consent> {
    let row = sqlx::query(&format!(
        "SELECT {CONSENT_COLUMNS} FROM consents WHERE id = ?1"
    ))
    .bind(id.as_uuid().as_bytes().as_slice())
    .fetch_optional(pool)
    .await
    .map_err(other)?
    .ok_or(StoreError::NotFound)?;
    consent_from(&row)
}

pub async fn consents_of(pool: &SqlitePool, subject: &SubjectKey) -> StoreResult<Vec<Consent>> {
    let rows = sqlx::query(&format!(
        "SELECT {CONSENT_COLUMNS} FROM consents WHERE subject = ?1
         ORDER BY given_at DESC, id DESC"
    ))
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(consent_from).collect()
}

pub async fn revoke(
    writer: &SqlitePool,
    id: &ConsentId,
    subject: &SubjectKey,
    at: DateTime<Utc>,
) -> StoreResult<Consent> {
    let row = sqlx::query(&format!(
        "UPDATE consents SET revoked_at = ?3
         WHERE id = ?1 AND subject = ?2 AND revoked_at IS NULL
         RETURNING {CONSENT_COLUMNS}"
    ))
    .bind(id.as_uuid().as_bytes().as_slice())
    .bind(subject.as_bytes().as_slice())
    .bind(millis(at))
    .fetch_optional(writer)
    .await
    .map_err(other)?;
    match row {
        Some(row) => consent_from(&row),
        None => Err(consent_unchanged(consent(writer, id).await, subject)),
    }
}

/// Two statements, each atomic: only one use can find `first_used_at` empty, so only one is
/// told as the first, however many race.
pub async fn note_used(
    writer: &SqlitePool,
    id: &ConsentId,
    at: DateTime<Utc>,
) -> StoreResult<bool> {
    let id = id.as_uuid().as_bytes().as_slice();
    let first = sqlx::query(
        "UPDATE consents SET first_used_at = ?2, last_used_at = ?2
         WHERE id = ?1 AND first_used_at IS NULL",
    )
    .bind(id)
    .bind(millis(at))
    .execute(writer)
    .await
    .map_err(other)?
    .rows_affected()
        == 1;
    if first {
        return Ok(true);
    }
    let found = sqlx::query(
        "UPDATE consents SET last_used_at = max(coalesce(last_used_at, ?2), ?2) WHERE id = ?1",
    )
    .bind(id)
    .bind(millis(at))
    .execute(writer)
    .await
    .map_err(other)?
    .rows_affected()
        == 1;
    if found {
        Ok(false)
    } else {
        Err(StoreError::NotFound)
    }
}

pub async fn rotate_refresh(
    writer: &SqlitePool,
    id: &ConsentId,
    current: Option<&[u8; 32]>,
    next: &[u8; 32],
) -> StoreResult<bool> {
    // `IS` compares NULL with NULL as equal, so one statement serves both a first token and
    // a replacement.
    let replaced = sqlx::query(
        "UPDATE consents SET refresh_hash = ?3
             WHERE id = ?1 AND revoked_at IS NULL AND refresh_hash IS ?2",
    )
    .bind(id.as_uuid().as_bytes().as_slice())
    .bind(current.map(|hash| hash.as_slice()))
    .bind(next.as_slice())
    .execute(writer)
    .await
    .map_err(other)?
    .rows_affected()
        == 1;
    Ok(replaced)
}

/// Every recipient by id, and every consent with its refresh token's hash, oldest first.
pub async fn export(pool: &SqlitePool) -> StoreResult<SharingExport> {
    let rows = sqlx::query(&format!(
        "SELECT {CONSENT_COLUMNS}, refresh_hash FROM consents ORDER BY given_at, id"
    ))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    let consents = rows
        .iter()
        .map(|row| {
            let refresh_hash: Option<Vec<u8>> = row.try_get("refresh_hash").map_err(other)?;
            Ok(StoredConsent {
                consent: consent_from(row)?,
                refresh_hash: refresh_hash
                    .map(|hash| {
                        hash.try_into().map_err(|_| {
                            StoreError::Other("a stored consent has a bad refresh_hash".into())
                        })
                    })
                    .transpose()?,
            })
        })
        .collect::<StoreResult<_>>()?;
    Ok(SharingExport {
        recipients: recipients(pool).await?,
        consents,
    })
}

/// Writes exported recipients and consents in one transaction; any already stored fails
/// the whole import.
pub async fn import(writer: &SqlitePool, export: &SharingExport) -> StoreResult<()> {
    let mut tx = writer.begin().await.map_err(other)?;
    for recipient in &export.recipients {
        sqlx::query("INSERT INTO recipients (id, body) VALUES (?1, ?2)")
            .bind(recipient.id.as_str())
            .bind(serde_json::to_string(recipient).map_err(StoreError::other)?)
            .execute(&mut *tx)
            .await
            .map_err(|error| match error {
                sqlx::Error::Database(error) if error.is_unique_violation() => {
                    StoreError::Conflict("a recipient with this id is already registered".into())
                }
                error => other(error),
            })?;
    }
    for stored in &export.consents {
        insert_consent(&mut *tx, &stored.consent, stored.refresh_hash.as_ref()).await?;
    }
    tx.commit().await.map_err(other)
}

fn grant_from(row: &SqliteRow) -> StoreResult<Grant> {
    let bad = |what: &str| StoreError::Other(format!("a stored grant has a bad {what}").into());
    let handle: Vec<u8> = row.try_get("handle").map_err(other)?;
    let recipient: String = row.try_get("recipient").map_err(other)?;
    Ok(Grant {
        handle: handle.try_into().map_err(|_| bad("handle"))?,
        recipient: recipient.parse().map_err(|_| bad("recipient"))?,
        body: row.try_get("body").map_err(other)?,
        expires_at: from_millis(row.try_get("expires_at").map_err(other)?),
    })
}

fn consent_from(row: &SqliteRow) -> StoreResult<Consent> {
    let bad = |what: &str| StoreError::Other(format!("a stored consent has a bad {what}").into());
    let moment = |column: &str| -> StoreResult<Option<DateTime<Utc>>> {
        let value: Option<i64> = row.try_get(column).map_err(other)?;
        Ok(value.map(from_millis))
    };
    let id: Vec<u8> = row.try_get("id").map_err(other)?;
    let subject: Vec<u8> = row.try_get("subject").map_err(other)?;
    let recipient: String = row.try_get("recipient").map_err(other)?;
    let terms: String = row.try_get("terms").map_err(other)?;
    let given_by: Option<String> = row.try_get("given_by").map_err(other)?;
    Ok(Consent {
        id: ConsentId::from_uuid(uuid::Uuid::from_slice(&id).map_err(|_| bad("id"))?),
        subject: SubjectKey::from_slice(&subject).ok_or_else(|| bad("subject"))?,
        recipient: recipient.parse().map_err(|_| bad("recipient"))?,
        purpose: row.try_get("purpose").map_err(other)?,
        terms: serde_json::from_str(&terms).map_err(|_| bad("terms"))?,
        given_at: from_millis(row.try_get("given_at").map_err(other)?),
        given_by: given_by
            .map(|text| serde_json::from_str(&text).map_err(|_| bad("given_by")))
            .transpose()?,
        revoked_at: moment("revoked_at")?,
        first_used_at: moment("first_used_at")?,
        last_used_at: moment("last_used_at")?,
    })
}
