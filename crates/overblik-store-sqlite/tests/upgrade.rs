//! A database written before a migration opens with what the migration added filled in, or
//! moved where the migration put it.

use chrono::{Duration, Utc};
use overblik_ledger::LedgerStore;
use overblik_store::conformance::upgrade;
use overblik_store::roles::*;
use overblik_store_sqlite::{SqliteStore, access_log_file};
use serde_json::json;
use std::sync::Arc;

#[tokio::test]
async fn records_stored_before_attention_spans_get_theirs_when_the_store_opens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let (_, subject) = upgrade::danish_subject();
    let due = (Utc::now() + Duration::days(5)).date_naive();
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        upgrade::send_as_tax(
            &store,
            &json!({"upserts": [{
                "id": "d1", "version": 1, "subject": "010190-1234", "kind": "deadline",
                "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                "details": {"due": due.to_string(), "action": "Send payslips"}
            }]}),
        )
        .await;
        // As the row was before the column existed.
        sqlx::query("UPDATE records SET attention_until = NULL")
            .execute(store.write_pool())
            .await
            .expect("clears");
        let before = store
            .subject_summary(&subject, Utc::now(), None)
            .await
            .expect("summarises");
        assert!(before.may_need_attention.is_empty());
        store.write_pool().close().await;
    }
    let store = SqliteStore::open(&url).await.expect("opens again");
    let after = store
        .subject_summary(&subject, Utc::now(), None)
        .await
        .expect("summarises");
    assert_eq!(
        after.may_need_attention.len(),
        1,
        "the open deadline needs attention"
    );
}

#[tokio::test]
async fn records_stored_before_content_hashes_get_theirs_and_a_resend_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let (_, subject) = upgrade::danish_subject();
    let deadline = |version: i64, updated: &str| {
        json!({"upserts": [{
            "id": "d1", "version": version, "subject": "010190-1234", "kind": "deadline",
            "classification": "85", "updated_at": updated,
            "details": {"due": "2027-01-10", "action": "Send payslips"}
        }]})
    };
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        upgrade::send_as_tax(&store, &deadline(1, "2026-11-01T10:00:00Z")).await;
        // As the row was before the column existed.
        sqlx::query("UPDATE records SET content_hash = NULL")
            .execute(store.write_pool())
            .await
            .expect("clears");
        store.write_pool().close().await;
    }
    let store = SqliteStore::open(&url).await.expect("opens again");
    // What filling in wrote is in the file, and its WAL cut.
    let wal = std::fs::metadata(dir.path().join("overblik.db-wal")).map_or(0, |wal| wal.len());
    assert_eq!(wal, 0, "the WAL after filling in");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let last_visit = Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let (secret, _) = upgrade::danish_subject();
    let again = overblik_model::Batch::parse(
        &deadline(2, "2026-11-20T10:00:00Z"),
        &secret,
        &overblik_model::batch::Unchecked,
    )
    .expect("valid");
    store
        .apply_batch(
            &"tax".parse().expect("an id"),
            &"k2".parse().expect("a key"),
            [2; 32],
            &again,
        )
        .await
        .expect("applies");
    let records = store
        .subject_records(&subject, &overblik_store::RecordFilter::visible_now())
        .await
        .expect("reads");
    assert_eq!(
        records[0].record.version.get(),
        2,
        "the new version is stored"
    );
    let summary = store
        .subject_summary(&subject, Utc::now(), Some(last_visit))
        .await
        .expect("summarises");
    assert!(
        summary.changed_since.is_empty(),
        "the same deadline sent again is not news"
    );
}

/// A database as stores before migration 0007 left it, with the access log in the records'
/// file: migrations 0001 to 0006 applied, and the entries, hashes and checkpoints of the log
/// at `log_file` copied in.
async fn records_file_holding_the_log(records_file: &std::path::Path, log_file: &std::path::Path) {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = tempfile::tempdir().expect("a temporary folder");
    for entry in std::fs::read_dir(manifest.join("migrations")).expect("the migrations") {
        let path = entry.expect("a migration").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name.as_str() < "0007" {
            std::fs::copy(&path, before.path().join(name)).expect("copies");
        }
    }
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(records_file)
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal),
    )
    .await
    .expect("creates");
    sqlx::migrate::Migrator::new(before.path())
        .await
        .expect("reads the migrations")
        .run(&pool)
        .await
        .expect("migrates");
    let mut connection = pool.acquire().await.expect("a connection");
    sqlx::query("ATTACH DATABASE ?1 AS log")
        .bind(log_file.to_string_lossy())
        .execute(&mut *connection)
        .await
        .expect("attaches");
    for table in ["access_entries", "access_tree_hashes", "access_checkpoints"] {
        sqlx::query(&format!(
            "INSERT INTO main.{table} SELECT * FROM log.{table}"
        ))
        .execute(&mut *connection)
        .await
        .expect("copies");
    }
    drop(connection);
    pool.close().await;
}

#[tokio::test]
async fn an_access_log_kept_in_the_records_file_moves_to_its_own_file_whole_and_only_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let written = dir.path().join("written.db");
    // The written log in one file, without a write-ahead log beside it.
    let written_log = dir.path().join("written-log-copy.db");
    let key = overblik_ledger::LogKey::generate("overblik.test/log");
    let (entries, hashes, checkpoints) = {
        let store = Arc::new(
            SqliteStore::open(&format!("sqlite://{}", written.display()))
                .await
                .expect("opens"),
        );
        let ledger = overblik_ledger::Ledger::open(store.clone(), key.clone())
            .await
            .expect("the log opens");
        for subject in 0..5u8 {
            ledger.record(own_read(subject)).await.expect("durable");
            if subject % 2 == 0 {
                ledger.integrate().await.expect("signed");
            }
        }
        let entries = store.access_entries_after(None, 100).await.expect("reads");
        let hashes = store.tree_hashes(0).await.expect("reads");
        let checkpoints = store.access_checkpoints().await.expect("reads");
        assert_eq!((entries.len(), checkpoints.len()), (5, 3));
        sqlx::query("VACUUM INTO ?1")
            .bind(written_log.to_string_lossy())
            .execute(store.log_write_pool())
            .await
            .expect("copies the log whole");
        (entries, hashes, checkpoints)
    };

    // Once as an old store left it, once as if a move had copied the rows and stopped
    // before the old tables were dropped.
    for interrupted in [false, true] {
        let records_file = dir.path().join(format!("upgraded-{interrupted}.db"));
        records_file_holding_the_log(&records_file, &written_log).await;
        if interrupted {
            std::fs::copy(&written_log, access_log_file(&records_file)).expect("copies");
        }
        let store = Arc::new(
            SqliteStore::open(&format!("sqlite://{}", records_file.display()))
                .await
                .expect("opens and moves the log"),
        );
        assert_eq!(
            store.access_entries_after(None, 100).await.expect("reads"),
            entries
        );
        assert_eq!(store.tree_hashes(0).await.expect("reads"), hashes);
        assert_eq!(
            store.access_checkpoints().await.expect("reads"),
            checkpoints
        );
        let (left_behind,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM sqlite_master WHERE name LIKE 'access%'")
                .fetch_one(store.write_pool())
                .await
                .expect("reads");
        assert_eq!(left_behind, 0, "the records' file no longer holds the log");
        let ledger = overblik_ledger::Ledger::open(store.clone(), key.clone())
            .await
            .expect("the moved log opens");
        assert_eq!(ledger.size(), 5);
        ledger.record(own_read(9)).await.expect("grows on");
    }
}

fn own_read(subject: u8) -> overblik_ledger::AccessEntry {
    use overblik_ledger::entry::{Actor, ActorKind, Channel, WhatWasRead};
    overblik_ledger::AccessEntry {
        at: Utc::now(),
        actor: Actor {
            kind: ActorKind::Citizen,
            id: "self".into(),
            name: "You".into(),
            system: None,
            person: None,
        },
        subject: overblik_model::SubjectKey::from_bytes([subject; 32]),
        on_behalf_of: None,
        read: WhatWasRead::default(),
        purpose: "own_overview".into(),
        legal_basis: None,
        channel: Channel::Web,
        request_id: None,
        hidden_until: None,
    }
}

/// Nothing changes for a Danish citizen when their records were stored before amounts had a
/// currency: every amount reads as the same øre in kroner, written as before, every title
/// the same, and their subject key is the one their records are stored under.
#[tokio::test]
async fn danish_records_stored_before_currencies_read_the_same() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let as_sent_today = {
        let store = SqliteStore::open(&url).await.expect("opens");
        let as_sent_today = upgrade::sent_today(&store).await;
        // As the rows were before: the old form of each body.
        for (source_id, body) in upgrade::stored_before_currencies() {
            let written = sqlx::query("UPDATE records SET body = ?1 WHERE source_id = ?2")
                .bind(body.to_string())
                .bind(source_id)
                .execute(store.write_pool())
                .await
                .expect("writes the old form");
            assert_eq!(written.rows_affected(), 1, "{source_id}");
        }
        store.write_pool().close().await;
        as_sent_today
    };
    let store = SqliteStore::open(&url)
        .await
        .expect("opens with the current code");
    upgrade::read_as_before(&store, &as_sent_today).await;
}

/// A store written before authorities' deliveries were kept takes each authority's latest
/// record as its last delivery.
#[tokio::test]
async fn authorities_that_delivered_before_their_deliveries_were_kept_get_their_latest() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        upgrade::sent_today(&store).await;
        // As the database was before migration 0019.
        for statement in [
            "ALTER TABLE providers DROP COLUMN stale_after_days",
            "ALTER TABLE providers DROP COLUMN last_delivery_at",
            "DELETE FROM _sqlx_migrations WHERE version = 19",
        ] {
            sqlx::query(statement)
                .execute(store.write_pool())
                .await
                .expect(statement);
        }
        store.write_pool().close().await;
    }
    let store = SqliteStore::open(&url).await.expect("opens again");
    upgrade::last_delivery_is_the_latest_records(&store).await;
}
