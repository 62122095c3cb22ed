//! What the core's tests share: a core on a fresh store of either backend, citizens, and a
//! log that cannot write.

#![allow(dead_code)]

use chrono::Utc;
use overblik_core::{Core, Limits};
use overblik_ledger::{
    EntryFilter, Integrator, Ledger, LedgerError, LedgerStore, LogKey, PendingEntry, StoredEntry,
};
use overblik_model::{FactAuthorities, NationalId, SubjectKey, SubjectKeySecret};
use overblik_store::{Session, Store};
use overblik_store_postgres::PostgresStore;
use overblik_store_postgres::testing::TestDatabase;
use overblik_store_sqlite::SqliteStore;
use std::sync::Arc;

/// The secret the tests' core turns national identifiers into subject keys with.
fn secret() -> SubjectKeySecret {
    SubjectKeySecret::new(b"a-secret-for-the-core-tests-32-bytes".to_vec()).expect("long enough")
}

pub fn subject(national_id: &str) -> SubjectKey {
    let id: NationalId = national_id.parse().expect("a valid identifier");
    secret().subject_key(&id)
}

pub fn session(of: SubjectKey) -> Session {
    Session {
        subject: of,
        created_at: Utc::now(),
        last_seen_at: Utc::now(),
        previous_visit: None,
    }
}

/// A log whose writes fail, as a full disk or a lost database would make them.
struct BrokenLog(Arc<dyn LedgerStore>);

#[async_trait::async_trait]
impl LedgerStore for BrokenLog {
    async fn append_pending(&self, _entries: &[PendingEntry]) -> Result<(), LedgerError> {
        Err(LedgerError::Storage("the disk is full".to_owned()))
    }

    async fn lead(&self) -> Result<Option<Box<dyn Integrator>>, LedgerError> {
        self.0.lead().await
    }

    async fn append_entries(
        &self,
        _entries: &[StoredEntry],
        _first_hash: u64,
        _hashes: &[[u8; 32]],
    ) -> Result<(), LedgerError> {
        Err(LedgerError::Storage("the disk is full".to_owned()))
    }

    async fn tree_hashes(&self, from: u64) -> Result<Vec<[u8; 32]>, LedgerError> {
        self.0.tree_hashes(from).await
    }

    async fn pending_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<PendingEntry>, LedgerError> {
        self.0.pending_entries(subject, filter).await
    }

    async fn subject_entries(
        &self,
        subject: &SubjectKey,
        filter: &EntryFilter,
    ) -> Result<Vec<StoredEntry>, LedgerError> {
        self.0.subject_entries(subject, filter).await
    }

    async fn put_checkpoint(&self, size: u64, note: &str) -> Result<(), LedgerError> {
        self.0.put_checkpoint(size, note).await
    }

    async fn latest_checkpoint(&self) -> Result<Option<(u64, String)>, LedgerError> {
        self.0.latest_checkpoint().await
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A core on a fresh store of `backend`, and what keeps that store alive.
pub struct World {
    pub core: Core,
    _dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

pub async fn world(backend: Backend, broken: bool) -> World {
    world_with(backend, broken, Limits::default()).await
}

/// A core on a fresh store of `backend` with `limits` on what a citizen may send.
pub async fn world_with(backend: Backend, broken: bool, limits: Limits) -> World {
    let dir = tempfile::tempdir().expect("a folder");
    let (store, log, database): (Arc<dyn Store>, Arc<dyn LedgerStore>, _) = match backend {
        Backend::Sqlite => {
            let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
            let store = Arc::new(SqliteStore::open(&url).await.expect("opens the store"));
            (store.clone(), store, None)
        }
        Backend::Postgres => {
            let database = TestDatabase::create().await;
            let store = Arc::new(
                PostgresStore::open(database.url())
                    .await
                    .expect("opens the store"),
            );
            (store.clone(), store, Some(database))
        }
    };
    let log: Arc<dyn LedgerStore> = if broken {
        Arc::new(BrokenLog(log))
    } else {
        log
    };
    let ledger = Ledger::open(log, LogKey::generate("overblik.test/log"))
        .await
        .expect("the log opens");
    World {
        core: Core::new(
            store,
            ledger,
            FactAuthorities::default(),
            secret(),
            limits,
            Arc::new(
                overblik_core::certificates::Issuer::new(
                    "http://overblik.test",
                    vec![overblik_certificate::IssuerKey::generate()],
                    overblik_model::CertificateTypes::shipped(),
                )
                .expect("an issuer"),
            ),
        ),
        _dir: dir,
        _database: database,
    }
}

/// Runs each named test on both stores.
macro_rules! on_each_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name(super::Backend::Sqlite).await;
                }

                #[tokio::test]
                async fn postgres() {
                    super::$name(super::Backend::Postgres).await;
                }
            }
        )+
    };
}

pub(crate) use on_each_backend;
