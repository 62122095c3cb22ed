//! The access log's storage in PostgreSQL, shared by any number of servers: entries pending
//! in one table until the integrator moves them, with their leaves, into their subject's
//! partition; the tree's hashes and the checkpoints for the whole log. The integrator's lease
//! is a session advisory lock on a connection of its own, and every integration runs on that
//! connection: a server that lost its connection (and with it the lock) cannot write one.

use crate::PostgresStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use overblik_ledger::{
    EntryFilter, Integration, Integrator, LedgerError, LedgerStore, PendingEntry, Queued,
    StoredEntry,
};
use overblik_model::SubjectKey;
use sqlx::{Connection, PgConnection, Postgres, QueryBuilder, Row};

/// The advisory lock whose holder integrates the log ("overblik" in ASCII).
const INTEGRATOR_LOCK: i64 = 0x6f76_6572_626c_696b;

fn storage(error: impl std::fmt::Display) -> LedgerError {
    LedgerError::Storage(error.to_string())
}

fn position(index: u64) -> Result<i64, LedgerError> {
    i64::try_from(index).map_err(storage)
}

#[async_trait]
impl LedgerStore for PostgresStore {
    async fn append_pending(&self, entries: &[PendingEntry]) -> Result<(), LedgerError> {
        let mut subjects = Vec::with_capacity(entries.len());
        let mut ats: Vec<DateTime<Utc>> = Vec::with_capacity(entries.len());
        let mut actors = Vec::with_capacity(entries.len());
        let mut purposes = Vec::with_capacity(entries.len());
        let mut hidden: Vec<Option<DateTime<Utc>>> = Vec::with_capacity(entries.len());
        let mut salts = Vec::with_capacity(entries.len());
        let mut texts = Vec::with_capacity(entries.len());
        let mut commitments = Vec::with_capacity(entries.len());
        for pending in entries {
            let entry = &pending.entry;
            subjects.push(entry.subject.as_bytes().to_vec());
            ats.push(entry.at);
            actors.push(entry.actor.id.clone());
            purposes.push(entry.purpose.clone());
            hidden.push(entry.hidden_until);
            salts.push(pending.salt.to_vec());
            texts.push(entry.stored_text());
            commitments.push(entry.commitment(&pending.salt).to_vec());
        }
        sqlx::query(
            "INSERT INTO access_pending
                 (subject, at, actor_id, purpose, hidden_until, salt, entry, commitment)
             SELECT * FROM UNNEST($1::bytea[], $2::timestamptz[], $3::text[], $4::text[],
                                  $5::timestamptz[], $6::bytea[], $7::text[], $8::bytea[])",
        )
        .bind(subjects)
        .bind(ats)
        .bind(actors)
        .bind(purposes)
        .bind(hidden)
        .bind(salts)
        .bind(texts)
        .bind(commitments)
        .execute(&self.pool)
        .await
        .map_err(storage)?;
        Ok(())
    }

    async fn lead(&self) -> Result<Option<Box<dyn Integrator>>, LedgerError> {
        let mut candidate = self.lease_candidate.lock().await;
        let mut connection = match candidate.take() {
            Some(connection) => connection,
            None => PgConnection::connect_with(&self.pool.connect_options())
                .await
                .map_err(storage)?,
        };
        // A connection that broke meanwhile fails here and is dropped; the next try makes one.
        let (locked,): (bool,) = sqlx::query_as("SELECT pg_try_advisory_lock($1)")
            .bind(INTEGRATOR_LOCK)
            .fetch_one(&mut connection)
            .await
            .map_err(storage)?;
        if !locked {
            *candidate = Some(connection);
            return Ok(None);
        }
        Ok(Some(Box::new(PgIntegrator { connection })))
    }

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
            texts.push(entry.stored_text());
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

    async fn tree_hashes(&self, from: u64) -> Result<Vec<[u8; 32]>, LedgerError> {
        let rows = sqlx::query(
            "SELECT position, hash FROM access_tree_hashes WHERE position >= $1 ORDER BY position",
        )
        .bind(position(from)?)
        .fetch_all(&self.pool)
        .await
        .map_err(storage)?;
        (from..)
            .zip(&rows)
            .map(|(expected, row)| {
                let position: i64 = row.try_get("position").map_err(storage)?;
                let hash: Vec<u8> = row.try_get("hash").map_err(storage)?;
                if u64::try_from(position).ok() != Some(expected) {
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
        let mut query = selected(
            "SELECT subject, leaf, salt, entry FROM access_entries",
            subject,
            filter,
            "leaf",
        );
        let rows = query.build().fetch_all(&self.pool).await.map_err(storage)?;
        rows.iter().map(stored_entry).collect()
    }

    async fn pending_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<PendingEntry>, LedgerError> {
        let mut query = selected(
            "SELECT subject, salt, entry FROM access_pending",
            subject,
            filter,
            "id",
        );
        let rows = query.build().fetch_all(&self.pool).await.map_err(storage)?;
        rows.iter()
            .map(|row| {
                Ok(PendingEntry {
                    salt: salt(row)?,
                    entry: entry(row)?,
                })
            })
            .collect()
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

/// `select` from a subject's entries that `filter` selects, newest (largest `order`) first.
fn selected<'q>(
    select: &str,
    subject: &SubjectKey,
    filter: &'q EntryFilter,
    order: &str,
) -> QueryBuilder<'q, Postgres> {
    let mut query: QueryBuilder<Postgres> = QueryBuilder::new(select);
    query
        .push(" WHERE subject = ")
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
        .push(format!(" ORDER BY {order} DESC LIMIT "))
        .push_bind(i64::from(filter.limit));
    query
}

/// The integrator's lease: the advisory lock, held by this connection.
struct PgIntegrator {
    connection: PgConnection,
}

#[async_trait]
impl Integrator for PgIntegrator {
    async fn pending(&mut self, limit: usize) -> Result<Vec<Queued>, LedgerError> {
        let rows = sqlx::query("SELECT id, commitment FROM access_pending ORDER BY id LIMIT $1")
            .bind(i64::try_from(limit).map_err(storage)?)
            .fetch_all(&mut self.connection)
            .await
            .map_err(storage)?;
        rows.iter()
            .map(|row| {
                let commitment: Vec<u8> = row.try_get("commitment").map_err(storage)?;
                Ok(Queued {
                    id: row.try_get("id").map_err(storage)?,
                    commitment: commitment
                        .try_into()
                        .map_err(|_| LedgerError::Storage("a malformed commitment".into()))?,
                })
            })
            .collect()
    }

    async fn integrate(&mut self, integration: Integration<'_>) -> Result<(), LedgerError> {
        let ids: Vec<i64> = integration.entries.iter().map(|queued| queued.id).collect();
        let count = ids.len() as u64;
        let mut positions = Vec::with_capacity(integration.hashes.len());
        for offset in 0..integration.hashes.len() as u64 {
            positions.push(position(integration.first_hash + offset)?);
        }
        let hashes: Vec<Vec<u8>> = integration
            .hashes
            .iter()
            .map(|hash| hash.to_vec())
            .collect();
        let mut tx = self.connection.begin().await.map_err(storage)?;
        // Each id's place in the list is its leaf's place after the first.
        let moved = sqlx::query(
            "INSERT INTO access_entries
                 (subject, leaf, at, actor_id, purpose, hidden_until, salt, entry)
             SELECT p.subject, $2 + batch.place - 1, p.at, p.actor_id, p.purpose,
                    p.hidden_until, p.salt, p.entry
             FROM UNNEST($1::int8[]) WITH ORDINALITY AS batch (id, place)
             JOIN access_pending p ON p.id = batch.id",
        )
        .bind(&ids)
        .bind(position(integration.first_leaf)?)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        let removed = sqlx::query("DELETE FROM access_pending WHERE id = ANY($1)")
            .bind(&ids)
            .execute(&mut *tx)
            .await
            .map_err(storage)?;
        if moved.rows_affected() != count || removed.rows_affected() != count {
            return Err(LedgerError::Storage(
                "pending entries changed under the integrator".into(),
            ));
        }
        sqlx::query(
            "INSERT INTO access_tree_hashes (position, hash)
             SELECT * FROM UNNEST($1::int8[], $2::bytea[])",
        )
        .bind(positions)
        .bind(hashes)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        sqlx::query("INSERT INTO access_checkpoints (size, note, signed_at) VALUES ($1, $2, $3)")
            .bind(position(integration.size)?)
            .bind(integration.checkpoint)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await
            .map_err(storage)?;
        tx.commit().await.map_err(storage)
    }
}

fn salt(row: &sqlx::postgres::PgRow) -> Result<[u8; 32], LedgerError> {
    let salt: Vec<u8> = row.try_get("salt").map_err(storage)?;
    salt.try_into()
        .map_err(|_| LedgerError::Storage("a malformed salt".into()))
}

/// The entry of a row that holds its subject and its stored text.
fn entry(row: &sqlx::postgres::PgRow) -> Result<overblik_ledger::AccessEntry, LedgerError> {
    let subject: Vec<u8> = row.try_get("subject").map_err(storage)?;
    let subject = SubjectKey::from_slice(&subject)
        .ok_or_else(|| LedgerError::Storage("a malformed subject".into()))?;
    let text: String = row.try_get("entry").map_err(storage)?;
    overblik_ledger::AccessEntry::from_stored(&subject, &text).map_err(storage)
}

fn stored_entry(row: &sqlx::postgres::PgRow) -> Result<StoredEntry, LedgerError> {
    let leaf: i64 = row.try_get("leaf").map_err(storage)?;
    Ok(StoredEntry {
        index: u64::try_from(leaf).map_err(storage)?,
        salt: salt(row)?,
        entry: entry(row)?,
    })
}
