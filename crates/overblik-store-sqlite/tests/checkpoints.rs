//! The write-ahead log is copied into the database file beside the writer, not inside one of
//! its commits.

use overblik_store_sqlite::SqliteStore;
use std::time::Duration;

#[tokio::test]
async fn committed_writes_reach_the_database_file_without_the_writer_checkpointing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("overblik.db");
    let store = SqliteStore::open(&format!("sqlite://{}", file.display()))
        .await
        .expect("opens");
    let before = std::fs::metadata(&file).expect("the file").len();
    // Far more than SQLite's own threshold of 1,000 pages, which the writer no longer acts on.
    for provider in 0..2_000 {
        sqlx::query(
            "INSERT INTO providers (id, name, public_keys, classifications, registered_at)
             VALUES (?1, ?2, '[]', '[]', 0)",
        )
        .bind(format!("provider-{provider}"))
        .bind("x".repeat(4_000))
        .execute(store.write_pool())
        .await
        .expect("writes");
    }
    let wal = dir.path().join("overblik.db-wal");
    assert!(std::fs::metadata(&wal).expect("the log").len() > 8_000_000);
    let mut grown = 0;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        grown = std::fs::metadata(&file).expect("the file").len();
        if grown > before + 8_000_000 {
            break;
        }
    }
    assert!(
        grown > before + 8_000_000,
        "the database file stayed at {grown} bytes (from {before})"
    );
}
