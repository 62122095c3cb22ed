//! Citizens' sign-ins in SQLite: the latest of each, and their sessions listed by subject.

use crate::{from_millis, millis, other};
use chrono::{DateTime, Utc};
use overblik_model::SubjectKey;
use overblik_store::{
    ActiveSession, SIGN_INS_KEPT, SessionKey, SessionLimits, SignIn, StoreError, StoreResult,
};
use sqlx::SqlitePool;

pub async fn note(
    writer: &SqlitePool,
    key: &SessionKey,
    subject: &SubjectKey,
    sign_in: &SignIn,
) -> StoreResult<()> {
    let subject = subject.as_bytes().as_slice();
    let mut tx = writer.begin().await.map_err(other)?;
    sqlx::query(
        "INSERT INTO sign_ins (subject, at, session, identity_provider, device)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(subject)
    .bind(millis(sign_in.at))
    .bind(key.0.as_slice())
    .bind(&sign_in.identity_provider)
    .bind(&sign_in.device)
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    sqlx::query(
        "DELETE FROM sign_ins WHERE subject = ?1 AND rowid NOT IN (
             SELECT rowid FROM sign_ins WHERE subject = ?1 ORDER BY at DESC, rowid DESC LIMIT ?2)",
    )
    .bind(subject)
    .bind(i64::try_from(SIGN_INS_KEPT).unwrap_or(i64::MAX))
    .execute(&mut *tx)
    .await
    .map_err(other)?;
    tx.commit().await.map_err(other)
}

pub async fn of(pool: &SqlitePool, subject: &SubjectKey) -> StoreResult<Vec<SignIn>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT at, identity_provider, device FROM sign_ins WHERE subject = ?1
         ORDER BY at DESC, rowid DESC",
    )
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    Ok(rows
        .into_iter()
        .map(|(at, identity_provider, device)| SignIn {
            at: from_millis(at),
            identity_provider,
            device,
        })
        .collect())
}

type SessionRow = (
    Vec<u8>,
    i64,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
);

pub async fn sessions(
    pool: &SqlitePool,
    subject: &SubjectKey,
    now: DateTime<Utc>,
    limits: SessionLimits,
) -> StoreResult<Vec<ActiveSession>> {
    let rows: Vec<SessionRow> = sqlx::query_as(
        "SELECT s.key, s.created_at, s.last_seen_at, i.at, i.identity_provider, i.device
         FROM sessions s LEFT JOIN sign_ins i ON i.session = s.key
         WHERE s.subject = ?1
         ORDER BY s.created_at DESC",
    )
    .bind(subject.as_bytes().as_slice())
    .fetch_all(pool)
    .await
    .map_err(other)?;
    let mut listed = Vec::new();
    for (key, created_at, last_seen_at, at, identity_provider, device) in rows {
        let (created_at, last_seen_at) = (from_millis(created_at), from_millis(last_seen_at));
        if limits.session_ended(created_at, last_seen_at, now) {
            continue;
        }
        let key: [u8; 32] = key
            .try_into()
            .map_err(|_| StoreError::Other("a stored session key is malformed".into()))?;
        listed.push(ActiveSession {
            key: SessionKey(key),
            created_at,
            last_seen_at,
            sign_in: at.zip(identity_provider).zip(device).map(
                |((at, identity_provider), device)| SignIn {
                    at: from_millis(at),
                    identity_provider,
                    device,
                },
            ),
        });
    }
    Ok(listed)
}

pub async fn end_others(
    writer: &SqlitePool,
    subject: &SubjectKey,
    keep: &SessionKey,
) -> StoreResult<u64> {
    let ended = sqlx::query("DELETE FROM sessions WHERE subject = ?1 AND key != ?2")
        .bind(subject.as_bytes().as_slice())
        .bind(keep.0.as_slice())
        .execute(writer)
        .await
        .map_err(other)?;
    Ok(ended.rows_affected())
}
