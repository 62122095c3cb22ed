//! The access log's storage in SQLite: entries pending until the integrator gives them their
//! leaves, then entries, tree hashes and checkpoints, only ever added. One process serves a
//! file ([`crate::lock_for_serving`]), so the integrator's lease is a lock in this process.

use crate::{SqliteStore, millis, other};
use async_trait::async_trait;
use overblik_ledger::{
    EntryFilter, Integration, Integrator, LedgerError, LedgerStore, PendingEntry, Queued,
    StoredEntry,
};
use overblik_model::SubjectKey;
use overblik_store::StoreResult;
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use std::path::Path;

/// Rows per multi-row insert: 8 columns each, well under SQLite's bound-parameter limit.
const ENTRY_ROWS: usize = 1_000;
const HASH_ROWS: usize = 4_000;

fn storage(error: impl std::fmt::Display) -> LedgerError {
    LedgerError::Storage(error.to_string())
}

#[async_trait]
impl LedgerStore for SqliteStore {
    async fn append_pending(&self, entries: &[PendingEntry]) -> Result<(), LedgerError> {
        // One statement list sent to SQLite's thread at once, as below.
        let mut write: QueryBuilder<Sqlite> = QueryBuilder::new("BEGIN;");
        for chunk in entries.chunks(ENTRY_ROWS) {
            write.push(
                " INSERT INTO access_pending \
                 (subject, at, actor_id, purpose, hidden_until, salt, entry, commitment) ",
            );
            write.push_values(chunk, |mut row, pending| {
                let entry = &pending.entry;
                row.push_bind(entry.subject.as_bytes().to_vec())
                    .push_bind(millis(entry.at))
                    .push_bind(entry.actor.id.clone())
                    .push_bind(entry.purpose.clone())
                    .push_bind(entry.hidden_until.map(millis))
                    .push_bind(pending.salt.to_vec())
                    .push_bind(entry.stored_text())
                    .push_bind(entry.commitment(&pending.salt).to_vec());
            });
            write.push(";");
        }
        write.push(" COMMIT;");
        self.write_log(write).await
    }

    async fn lead(&self) -> Result<Option<Box<dyn Integrator>>, LedgerError> {
        let Ok(lease) = self.integrating.clone().try_lock_owned() else {
            return Ok(None);
        };
        Ok(Some(Box::new(SqliteIntegrator {
            store: self.clone(),
            _lease: lease,
        })))
    }

    async fn append_entries(
        &self,
        entries: &[StoredEntry],
        first_hash: u64,
        hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError> {
        // One statement list sent to SQLite's thread at once: a transaction begun, filled and
        // committed in a single round trip instead of one for each step, which under load
        // took as long as the commit's own flush to disk.
        let mut write: QueryBuilder<Sqlite> = QueryBuilder::new("BEGIN;");
        for chunk in entries.chunks(ENTRY_ROWS) {
            write.push(
                " INSERT INTO access_entries \
                 (leaf, subject, at, actor_id, purpose, hidden_until, salt, entry) ",
            );
            write.push_values(chunk, |mut row, stored| {
                let entry = &stored.entry;
                row.push_bind(i64::try_from(stored.index).unwrap_or(i64::MAX))
                    .push_bind(entry.subject.as_bytes().to_vec())
                    .push_bind(millis(entry.at))
                    .push_bind(entry.actor.id.clone())
                    .push_bind(entry.purpose.clone())
                    .push_bind(entry.hidden_until.map(millis))
                    .push_bind(stored.salt.to_vec())
                    .push_bind(entry.stored_text());
            });
            write.push(";");
        }
        let positions = (first_hash..).zip(hashes);
        let positions: Vec<(u64, &[u8; 32])> = positions.collect();
        for chunk in positions.chunks(HASH_ROWS) {
            write.push(" INSERT INTO access_tree_hashes (position, hash) ");
            write.push_values(chunk, |mut row, (position, hash)| {
                row.push_bind(i64::try_from(*position).unwrap_or(i64::MAX))
                    .push_bind(hash.to_vec());
            });
            write.push(";");
        }
        write.push(" COMMIT;");
        self.write_log(write).await
    }

    async fn tree_hashes(&self, from: u64) -> Result<Vec<[u8; 32]>, LedgerError> {
        let rows = sqlx::query(
            "SELECT position, hash FROM access_tree_hashes WHERE position >= ?1 ORDER BY position",
        )
        .bind(i64::try_from(from).map_err(storage)?)
        .fetch_all(&self.log_writer)
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
        let rows = query
            .build()
            .fetch_all(&self.log_readers)
            .await
            .map_err(storage)?;
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
        let rows = query
            .build()
            .fetch_all(&self.log_readers)
            .await
            .map_err(storage)?;
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
            "INSERT INTO access_checkpoints (size, note, signed_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (size) DO NOTHING",
        )
        .bind(i64::try_from(size).map_err(storage)?)
        .bind(note)
        .bind(millis(chrono::Utc::now()))
        .execute(&self.log_writer)
        .await
        .map_err(storage)?;
        Ok(())
    }

    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError> {
        let row =
            sqlx::query("SELECT size, note FROM access_checkpoints ORDER BY size DESC LIMIT 1")
                .fetch_optional(&self.log_writer)
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

impl SqliteStore {
    /// The access log's entries after leaf `after`, in leaf order, `limit` at a time: for
    /// moving the log to another store.
    pub async fn access_entries_after(
        &self,
        after: Option<u64>,
        limit: u32,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        let after = after.map_or(-1, |after| i64::try_from(after).unwrap_or(i64::MAX));
        let rows = sqlx::query(
            "SELECT subject, leaf, salt, entry FROM access_entries WHERE leaf > ?1 ORDER BY leaf LIMIT ?2",
        )
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.log_readers)
        .await
        .map_err(storage)?;
        rows.iter().map(stored_entry).collect()
    }

    /// Every entry awaiting its seal, oldest first: for moving the log to another store.
    pub async fn access_pending(&self) -> Result<Vec<PendingEntry>, LedgerError> {
        let rows = sqlx::query("SELECT subject, salt, entry FROM access_pending ORDER BY id")
            .fetch_all(&self.log_readers)
            .await
            .map_err(storage)?;
        rows.iter()
            .map(|row| {
                Ok(PendingEntry {
                    salt: salt(row)?,
                    entry: entry(row)?,
                })
            })
            .collect()
    }

    /// Every signed checkpoint (tree size and note), smallest tree first.
    pub async fn access_checkpoints(&self) -> Result<Vec<(u64, String)>, LedgerError> {
        let rows = sqlx::query("SELECT size, note FROM access_checkpoints ORDER BY size")
            .fetch_all(&self.log_readers)
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

/// Copies the access log that stores before the log's own file kept in the records' file
/// (`records_file`, reached through `records`) into the log's file, where migration 0007
/// then drops it. Copying again leaves rows already there as they are, so a crash between
/// the copy and the drop loses nothing.
pub(crate) async fn move_in_from_records_file(
    records: &SqlitePool,
    log: &SqlitePool,
    records_file: &Path,
) -> StoreResult<()> {
    let (kept_there,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_entries')",
    )
    .fetch_one(records)
    .await
    .map_err(other)?;
    if !kept_there {
        return Ok(());
    }
    let mut connection = log.acquire().await.map_err(other)?;
    sqlx::query("ATTACH DATABASE ?1 AS records_file")
        .bind(records_file.to_string_lossy())
        .execute(&mut *connection)
        .await
        .map_err(other)?;
    let copied = async {
        let mut tx = sqlx::Connection::begin(&mut *connection).await?;
        for copy in [
            "INSERT OR IGNORE INTO access_entries
                 (leaf, subject, at, actor_id, purpose, hidden_until, salt, entry)
             SELECT leaf, subject, at, actor_id, purpose, hidden_until, salt, entry
             FROM records_file.access_entries",
            "INSERT OR IGNORE INTO access_tree_hashes (position, hash)
             SELECT position, hash FROM records_file.access_tree_hashes",
            "INSERT OR IGNORE INTO access_checkpoints (size, note, signed_at)
             SELECT size, note, signed_at FROM records_file.access_checkpoints",
        ] {
            sqlx::query(copy).execute(&mut *tx).await?;
        }
        tx.commit().await
    }
    .await;
    let detached = sqlx::query("DETACH DATABASE records_file")
        .execute(&mut *connection)
        .await;
    copied.map_err(other)?;
    detached.map_err(other)?;
    Ok(())
}

/// `select` from a subject's entries that `filter` selects, newest (largest `order`) first.
fn selected<'q>(
    select: &str,
    subject: &SubjectKey,
    filter: &'q EntryFilter,
    order: &str,
) -> QueryBuilder<'q, Sqlite> {
    let mut query: QueryBuilder<Sqlite> = QueryBuilder::new(select);
    query
        .push(" WHERE subject = ")
        .push_bind(subject.as_bytes().to_vec())
        .push(" AND (hidden_until IS NULL OR hidden_until <= ")
        .push_bind(millis(filter.visible_at))
        .push(")");
    if let Some(actor) = &filter.actor {
        query.push(" AND actor_id = ").push_bind(actor.clone());
    }
    if let Some(purpose) = &filter.purpose {
        query.push(" AND purpose = ").push_bind(purpose.clone());
    }
    if let Some(from) = filter.from {
        query.push(" AND at >= ").push_bind(millis(from));
    }
    if let Some(until) = filter.until {
        query.push(" AND at < ").push_bind(millis(until));
    }
    query
        .push(format!(" ORDER BY {order} DESC LIMIT "))
        .push_bind(i64::from(filter.limit));
    query
}

impl SqliteStore {
    /// Runs a statement list that begins and commits a transaction, on the log's writer; on
    /// an error nothing of it stays.
    async fn write_log(&self, mut write: QueryBuilder<'_, Sqlite>) -> Result<(), LedgerError> {
        let mut connection = self.log_writer.acquire().await.map_err(storage)?;
        let written = write.build().execute(&mut *connection).await;
        if let Err(error) = written {
            // The statements after the failed one did not run, so the transaction is still
            // open unless SQLite ended it itself; the error of ending it again says nothing.
            let _ = sqlx::query("ROLLBACK").execute(&mut *connection).await;
            return Err(storage(error));
        }
        Ok(())
    }
}

/// The integrator's lease on an SQLite log: this process's, while the lock is held.
struct SqliteIntegrator {
    store: SqliteStore,
    _lease: tokio::sync::OwnedMutexGuard<()>,
}

#[async_trait]
impl Integrator for SqliteIntegrator {
    async fn pending(&mut self, limit: usize) -> Result<Vec<Queued>, LedgerError> {
        let rows = sqlx::query("SELECT id, commitment FROM access_pending ORDER BY id LIMIT ?1")
            .bind(i64::try_from(limit).map_err(storage)?)
            .fetch_all(&self.store.log_writer)
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
        let ids = serde_json::to_string(
            &integration
                .entries
                .iter()
                .map(|queued| queued.id)
                .collect::<Vec<_>>(),
        )
        .map_err(storage)?;
        let count = integration.entries.len() as u64;
        let mut tx = self.store.log_writer.begin().await.map_err(storage)?;
        // Each id's place in the list is its leaf's place after the first.
        let moved = sqlx::query(
            "INSERT INTO access_entries
                 (leaf, subject, at, actor_id, purpose, hidden_until, salt, entry)
             SELECT ?2 + batch.key, p.subject, p.at, p.actor_id, p.purpose, p.hidden_until,
                    p.salt, p.entry
             FROM json_each(?1) AS batch JOIN access_pending AS p ON p.id = batch.value",
        )
        .bind(&ids)
        .bind(i64::try_from(integration.first_leaf).map_err(storage)?)
        .execute(&mut *tx)
        .await
        .map_err(storage)?;
        let removed =
            sqlx::query("DELETE FROM access_pending WHERE id IN (SELECT value FROM json_each(?1))")
                .bind(&ids)
                .execute(&mut *tx)
                .await
                .map_err(storage)?;
        if moved.rows_affected() != count || removed.rows_affected() != count {
            return Err(LedgerError::Storage(
                "pending entries changed under the integrator".into(),
            ));
        }
        let positions = (integration.first_hash..).zip(integration.hashes);
        let positions: Vec<(u64, &[u8; 32])> = positions.collect();
        for chunk in positions.chunks(HASH_ROWS) {
            let mut insert: QueryBuilder<Sqlite> =
                QueryBuilder::new("INSERT INTO access_tree_hashes (position, hash) ");
            insert.push_values(chunk, |mut row, (position, hash)| {
                row.push_bind(i64::try_from(*position).unwrap_or(i64::MAX))
                    .push_bind(hash.to_vec());
            });
            insert.build().execute(&mut *tx).await.map_err(storage)?;
        }
        sqlx::query("INSERT INTO access_checkpoints (size, note, signed_at) VALUES (?1, ?2, ?3)")
            .bind(i64::try_from(integration.size).map_err(storage)?)
            .bind(integration.checkpoint)
            .bind(millis(chrono::Utc::now()))
            .execute(&mut *tx)
            .await
            .map_err(storage)?;
        tx.commit().await.map_err(storage)
    }
}

fn salt(row: &sqlx::sqlite::SqliteRow) -> Result<[u8; 32], LedgerError> {
    let salt: Vec<u8> = row.try_get("salt").map_err(storage)?;
    salt.try_into()
        .map_err(|_| LedgerError::Storage("a malformed salt".into()))
}

/// The entry of a row that holds its subject and its stored text.
fn entry(row: &sqlx::sqlite::SqliteRow) -> Result<overblik_ledger::AccessEntry, LedgerError> {
    let subject: Vec<u8> = row.try_get("subject").map_err(storage)?;
    let subject = SubjectKey::from_slice(&subject)
        .ok_or_else(|| LedgerError::Storage("a malformed subject".into()))?;
    let text: String = row.try_get("entry").map_err(storage)?;
    overblik_ledger::AccessEntry::from_stored(&subject, &text).map_err(storage)
}

fn stored_entry(row: &sqlx::sqlite::SqliteRow) -> Result<StoredEntry, LedgerError> {
    let leaf: i64 = row.try_get("leaf").map_err(storage)?;
    Ok(StoredEntry {
        index: u64::try_from(leaf).map_err(storage)?,
        salt: salt(row)?,
        entry: entry(row)?,
    })
}
