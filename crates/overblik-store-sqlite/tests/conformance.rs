//! The storage conformance suite on SQLite, each case on a fresh database file.

use overblik_store_sqlite::SqliteStore;

/// A fresh store in a temporary folder that lives as long as the store.
struct TempStore {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TempStore {
    type Target = SqliteStore;

    fn deref(&self) -> &SqliteStore {
        &self.store
    }
}

async fn fresh_store() -> TempStore {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let store = SqliteStore::open(&url)
        .await
        .expect("opens a fresh database");
    TempStore { store, _dir: dir }
}

overblik_store::conformance_tests!(fresh_store().await);
