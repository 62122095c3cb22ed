//! Powers of attorney in PostgreSQL: one row each, found by id, grantor or holder.

use crate::{micros, other};
use chrono::{DateTime, Utc};
use overblik_model::{Mandate, MandateId, SubjectKey};
use overblik_store::{StoreError, StoreResult, mandate_unchanged};
use sqlx::Row;
use sqlx::postgres::{PgPool, PgRow};

const COLUMNS: &str = "id, grantor, grantor_name, holder, holder_name, scope, permission, \
    valid_from, valid_until, granted_at, accepted_at, revoked_at, first_used_at";

pub async fn put(pool: &PgPool, mandate: &Mandate) -> StoreResult<()> {
    sqlx::query(&format!(
        "INSERT INTO mandates ({COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    ))
    .bind(mandate.id.as_uuid())
    .bind(mandate.grantor.as_bytes().as_slice())
    .bind(&mandate.grantor_name)
    .bind(mandate.holder.as_bytes().as_slice())
    .bind(&mandate.holder_name)
    .bind(serde_json::to_string(&mandate.scope).map_err(StoreError::other)?)
    .bind(mandate.permission.as_str())
    .bind(mandate.valid_from)
    .bind(mandate.valid_until)
    .bind(micros(mandate.granted_at))
    .bind(mandate.accepted_at.map(micros))
    .bind(mandate.revoked_at.map(micros))
    .bind(mandate.first_used_at.map(micros))
    .execute(pool)
    .await
    .map_err(|error| match error {
        sqlx::Error::Database(error) if error.is_unique_violation() => {
            StoreError::Conflict("a mandate with this id is already stored".to_owned())
        }
        error => other(error),
    })?;
    Ok(())
}

pub async fn one(pool: &PgPool, id: &MandateId) -> StoreResult<Mandate> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM mandates WHERE id = $1"))
        .bind(id.as_uuid())
        .fetch_optional(pool)
        .await
        .map_err(other)?
        .ok_or(StoreError::NotFound)?;
    mandate(&row)
}

pub async fn of(pool: &PgPool, subject: &SubjectKey) -> StoreResult<Vec<Mandate>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mandates WHERE grantor = $1
         UNION ALL
         SELECT {COLUMNS} FROM mandates WHERE holder = $1 AND grantor <> $1
         ORDER BY granted_at DESC, id DESC"
    ))
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(mandate).collect()
}

pub async fn all(pool: &PgPool) -> StoreResult<Vec<Mandate>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM mandates ORDER BY granted_at, id"
    ))
    .fetch_all(pool)
    .await
    .map_err(other)?;
    rows.iter().map(mandate).collect()
}

pub async fn accept(
    pool: &PgPool,
    id: &MandateId,
    holder: &SubjectKey,
    at: DateTime<Utc>,
) -> StoreResult<Mandate> {
    let row = sqlx::query(&format!(
        "UPDATE mandates SET accepted_at = $3
         WHERE id = $1 AND holder = $2 AND accepted_at IS NULL AND revoked_at IS NULL
         RETURNING {COLUMNS}"
    ))
    .bind(id.as_uuid())
    .bind(holder.as_bytes().as_slice())
    .bind(micros(at))
    .fetch_optional(pool)
    .await
    .map_err(other)?;
    match row {
        Some(row) => mandate(&row),
        None => Err(mandate_unchanged(one(pool, id).await, |found| {
            found.holder == *holder
        })),
    }
}

pub async fn revoke(
    pool: &PgPool,
    id: &MandateId,
    party: &SubjectKey,
    at: DateTime<Utc>,
) -> StoreResult<Mandate> {
    let row = sqlx::query(&format!(
        "UPDATE mandates SET revoked_at = $3
         WHERE id = $1 AND (grantor = $2 OR holder = $2) AND revoked_at IS NULL
         RETURNING {COLUMNS}"
    ))
    .bind(id.as_uuid())
    .bind(party.as_bytes().as_slice())
    .bind(micros(at))
    .fetch_optional(pool)
    .await
    .map_err(other)?;
    match row {
        Some(row) => mandate(&row),
        None => Err(mandate_unchanged(one(pool, id).await, |found| {
            found.grantor == *party || found.holder == *party
        })),
    }
}

pub async fn note_used(pool: &PgPool, id: &MandateId, at: DateTime<Utc>) -> StoreResult<bool> {
    let first = sqlx::query(
        "UPDATE mandates SET first_used_at = $2 WHERE id = $1 AND first_used_at IS NULL",
    )
    .bind(id.as_uuid())
    .bind(micros(at))
    .execute(pool)
    .await
    .map_err(other)?
    .rows_affected()
        == 1;
    Ok(first)
}

fn mandate(row: &PgRow) -> StoreResult<Mandate> {
    let bad = |what: &str| StoreError::Other(format!("a stored mandate has a bad {what}").into());
    let key = |column: &str| -> StoreResult<SubjectKey> {
        let bytes: Vec<u8> = row.try_get(column).map_err(other)?;
        SubjectKey::from_slice(&bytes).ok_or_else(|| bad(column))
    };
    let scope: String = row.try_get("scope").map_err(other)?;
    let permission: String = row.try_get("permission").map_err(other)?;
    Ok(Mandate {
        id: MandateId::from_uuid(row.try_get("id").map_err(other)?),
        grantor: key("grantor")?,
        grantor_name: row.try_get("grantor_name").map_err(other)?,
        holder: key("holder")?,
        holder_name: row.try_get("holder_name").map_err(other)?,
        scope: serde_json::from_str(&scope).map_err(|_| bad("scope"))?,
        permission: permission.parse().map_err(|_| bad("permission"))?,
        valid_from: row.try_get("valid_from").map_err(other)?,
        valid_until: row.try_get("valid_until").map_err(other)?,
        granted_at: row.try_get("granted_at").map_err(other)?,
        accepted_at: row.try_get("accepted_at").map_err(other)?,
        revoked_at: row.try_get("revoked_at").map_err(other)?,
        first_used_at: row.try_get("first_used_at").map_err(other)?,
    })
}
