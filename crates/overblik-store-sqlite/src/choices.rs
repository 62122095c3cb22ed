//! Citizens' overview choices in SQLite: one row each, the choices as JSON.

use crate::other;
use overblik_model::{OverviewChoices, SubjectKey};
use overblik_store::{StoreError, StoreResult};
use sqlx::SqlitePool;

pub async fn of(pool: &SqlitePool, subject: &SubjectKey) -> StoreResult<OverviewChoices> {
    let body: Option<String> =
        sqlx::query_scalar("SELECT body FROM overview_choices WHERE subject = ?1")
            .bind(subject.as_bytes().as_slice())
            .fetch_optional(pool)
            .await
            .map_err(other)?;
    from_body(body.as_deref())
}

/// The choices a row's body holds; the defaults where the citizen has no row.
pub fn from_body(body: Option<&str>) -> StoreResult<OverviewChoices> {
    body.map_or_else(|| Ok(OverviewChoices::default()), decode)
}

pub async fn put(
    writer: &SqlitePool,
    subject: &SubjectKey,
    choices: &OverviewChoices,
) -> StoreResult<()> {
    write(writer, subject, choices).await
}

async fn write<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Sqlite>,
    subject: &SubjectKey,
    choices: &OverviewChoices,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO overview_choices (subject, body) VALUES (?1, ?2)
         ON CONFLICT (subject) DO UPDATE SET body = excluded.body",
    )
    .bind(subject.as_bytes().as_slice())
    .bind(serde_json::to_string(choices).map_err(StoreError::other)?)
    .execute(executor)
    .await
    .map_err(other)?;
    Ok(())
}

pub async fn all(pool: &SqlitePool) -> StoreResult<Vec<(SubjectKey, OverviewChoices)>> {
    let rows: Vec<(Vec<u8>, String)> =
        sqlx::query_as("SELECT subject, body FROM overview_choices ORDER BY subject")
            .fetch_all(pool)
            .await
            .map_err(other)?;
    rows.into_iter()
        .map(|(subject, body)| {
            let subject = SubjectKey::from_slice(&subject)
                .ok_or_else(|| StoreError::Other("a stored subject key is malformed".into()))?;
            Ok((subject, decode(&body)?))
        })
        .collect()
}

pub async fn import(
    writer: &SqlitePool,
    choices: &[(SubjectKey, OverviewChoices)],
) -> StoreResult<()> {
    let mut transaction = writer.begin().await.map_err(other)?;
    for (subject, choices) in choices {
        write(&mut *transaction, subject, choices).await?;
    }
    transaction.commit().await.map_err(other)
}

fn decode(body: &str) -> StoreResult<OverviewChoices> {
    serde_json::from_str(body)
        .map_err(|error| StoreError::Other(format!("stored overview choices: {error}").into()))
}
