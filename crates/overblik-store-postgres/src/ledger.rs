//! The access log's storage in PostgreSQL: entries in their subject's partition, the tree's
//! hashes and the checkpoints for the whole log. Rows are only ever added.

use crate::PostgresStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use overblik_ledger::{EntryFilter, LedgerError, LedgerStore, StoredEntry};
use overblik_model::SubjectKey;
use sqlx::{Postgres, QueryBuilder, Row};

fn storage(error: impl std::fmt::Display) -> LedgerError {
    LedgerError::Storage(error.to_string())
}

fn position(index: u64) -> Result<i64, LedgerError> {
    i64::try_from(index).map_err(storage)
}

#[async_trait]
impl LedgerStore for PostgresStore {
    async fn append_entries(
        &self,
        entries: &[StoredEntry],
        first_hash: u64,
        hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError> {
        let mut subjects = Vec::with_capacity(entries.len());
        let mut leaves = Vec::with_capacity(entries.len());
        let mut ats: Vec<DateTime<Utc>> = Vec::with_capacity(entries.len());
        let mut actors = Vec::with_capacity(entries.len());
        let mut purposes = Vec::with_capacity(entries.len());
        let mut hidden: Vec<Option<DateTime<Utc>>> = Vec::with_capacity(entries.len());
        let mut salts = Vec::with_capacity(entries.len());
        let mut texts = Vec::with_capacity(entries.len());
        for stored in entries {
            let entry = &stored.entry;
            subjects.push(entry.subject.as_bytes().to_vec());
            leaves.push(position(stored.index)?);
            ats.push(entry.at);
            actors.push(entry.actor.id.clone());
            purposes.push(entry.purpose.clone());
            hidden.push(entry.hidden_until);
            salts.push(stored.salt.to_vec());
            texts.push(String::from_utf8_lossy(&entry.canonical_bytes()).into_owned());
        }
        let mut positions = Vec::with_capacity(hashes.len());
        for offset in 0..hashes.len() as u64 {
            positions.push(position(first_hash + offset)?);
        }
        let hashes: Vec<Vec<u8>> = hashes.iter().map(|hash| hash.to_vec()).collect();

        let mut tx = self.pool.begin().await.map_err(storage)?;
        sqlx::query(
            "INSERT INTO access_entries
                 (subject, leaf, at, actor_id, purpose, hidden_until, salt, entry)
             SELECT * FROM UNNEST($1::bytea[], $2::int8[], $3::timestamptz[], $4::text[],
                                  $5::text[], $6::timestamptz[], $7::bytea[], $8::text[])",
        )
        .bind(subjects)
        .bind(leaves)
        .bind(ats)
        .bind(actors)
        .bind(purposes)
        .bind(hidden)
        .bind(salts)
        .bind(texts)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        sqlx::query(
            "INSERT INTO access_tree_hashes (position, hash)
             SELECT * FROM UNNEST($1::int8[], $2::bytea[])",
        )
        .bind(positions)
        .bind(hashes)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        tx.commit().await.map_err(storage)
    }

    async fn tree_hashes(&self) -> Result<Vec<[u8; 32]>, LedgerError> {
        let rows = sqlx::query("SELECT position, hash FROM access_tree_hashes ORDER BY position")
            .fetch_all(&self.pool)
            .await
            .map_err(storage)?;
        rows.iter()
            .enumerate()
            .map(|(expected, row)| {
                let position: i64 = row.try_get("position").map_err(storage)?;
                let hash: Vec<u8> = row.try_get("hash").map_err(storage)?;
                if usize::try_from(position).ok() != Some(expected) {
                    return Err(LedgerError::Storage(format!(
                        "the tree's hash {expected} is missing"
                    )));
                }
                hash.try_into().map_err(|_| {
                    LedgerError::Storage(format!("the tree's hash {position} is malformed"))
                })
            })
            .collect()
    }

    async fn subject_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        let mut query: QueryBuilder<Postgres> =
            QueryBuilder::new("SELECT leaf, salt, entry FROM access_entries WHERE subject = ");
        query
            .push_bind(subject.as_bytes().to_vec())
            .push(" AND (hidden_until IS NULL OR hidden_until <= ")
            .push_bind(filter.visible_at)
            .push(")");
        if let Some(actor) = &filter.actor {
            query.push(" AND actor_id = ").push_bind(actor.clone());
        }
        if let Some(purpose) = &filter.purpose {
            query.push(" AND purpose = ").push_bind(purpose.clone());
        }
        if let Some(from) = filter.from {
            query.push(" AND at >= ").push_bind(from);
        }
        if let Some(until) = filter.until {
            query.push(" AND at < ").push_bind(until);
        }
        query
            .push(" ORDER BY leaf DESC LIMIT ")
            .push_bind(i64::from(filter.limit));
        let rows = query.build().fetch_all(&self.pool).await.map_err(storage)?;
        rows.iter().map(stored_entry).collect()
    }

    async fn put_checkpoint(&self, size: u64, note: &str) -> Result<(), LedgerError> {
        sqlx::query(
            "INSERT INTO access_checkpoints (size, note, signed_at) VALUES ($1, $2, $3)
             ON CONFLICT (size) DO NOTHING",
        )
        .bind(position(size)?)
        .bind(note)
        .bind(Utc::now())
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        Ok(())
    }

    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError> {
        let row =
            sqlx::query("SELECT size, note FROM access_checkpoints ORDER BY size DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(storage)?;
        row.map(|row| {
            let size: i64 = row.try_get("size").map_err(storage)?;
            let note: String = row.try_get("note").map_err(storage)?;
            Ok((u64::try_from(size).map_err(storage)?, note))
        })
        .transpose()
    }
}

impl PostgresStore {
    /// The access log's entries in (subject, leaf) order after `after`, `limit` at a time:
    /// for checking a log moved here. The order follows the primary keys, so each page is an
    /// index range read in every partition.
    pub async fn access_entries_after(
        &self,
        after: Option<(SubjectKey, u64)>,
        limit: u32,
    ) -> Result<Vec<(SubjectKey, StoredEntry)>, LedgerError> {
        let (subject, leaf) = match after {
            Some((subject, leaf)) => (subject.as_bytes().to_vec(), position(leaf)?),
            None => (Vec::new(), -1),
        };
        let rows = sqlx::query(
            "SELECT subject, leaf, salt, entry FROM access_entries
             WHERE (subject, leaf) > ($1, $2) ORDER BY subject, leaf LIMIT $3",
        )
        .bind(subject)
        .bind(leaf)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(storage)?;
        rows.iter()
            .map(|row| {
                let subject: Vec<u8> = row.try_get("subject").map_err(storage)?;
                let subject = SubjectKey::from_slice(&subject)
                    .ok_or_else(|| LedgerError::Storage("a malformed subject".into()))?;
                Ok((subject, stored_entry(row)?))
            })
            .collect()
    }

    /// Every signed checkpoint (tree size and note), smallest tree first.
    pub async fn access_checkpoints(&self) -> Result<Vec<(u64, String)>, LedgerError> {
        let rows = sqlx::query("SELECT size, note FROM access_checkpoints ORDER BY size")
            .fetch_all(&self.pool)
            .await
            .map_err(storage)?;
        rows.iter()
            .map(|row| {
                let size: i64 = row.try_get("size").map_err(storage)?;
                Ok((
                    u64::try_from(size).map_err(storage)?,
                    row.try_get("note").map_err(storage)?,
                ))
            })
            .collect()
    }
}

fn stored_entry(row: &sqlx::postgres::PgRow) -> Result<StoredEntry, LedgerError> {
    let leaf: i64 = row.try_get("leaf").map_err(storage)?;
    let salt: Vec<u8> = row.try_get("salt").map_err(storage)?;
    let entry: String = row.try_get("entry").map_err(storage)?;
    Ok(StoredEntry {
        index: u64::try_from(leaf).map_err(storage)?,
        salt: salt
            .try_into()
            .map_err(|_| LedgerError::Storage("a malformed salt".into()))?,
        entry: serde_json::from_str(&entry).map_err(storage)?,
    })
}
