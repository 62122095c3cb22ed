//! Throwaway PostgreSQL databases for tests: each made under a random name and dropped after,
//! so tests run in parallel (one process each under nextest) without seeing each other.

use crate::PostgresStore;
use sqlx::{Connection, Executor, PgConnection};

/// The environment variable naming the server's maintenance database to create test databases
/// from; by default the local server with trust authentication.
pub const ADMIN_URL_VARIABLE: &str = "OVERBLIK_TEST_POSTGRES_URL";

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// An empty database that is dropped, with any connections still open to it, when this is.
#[derive(Debug)]
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// Creates the database. Panics, saying what to do, if PostgreSQL does not answer: a test
    /// meant for PostgreSQL never passes without it.
    pub async fn create() -> Self {
        let admin_url =
            std::env::var(ADMIN_URL_VARIABLE).unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
        let name = format!("overblik_test_{:016x}", rand::random::<u64>());
        let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|error| {
            panic!(
                "PostgreSQL does not answer at {admin_url}: {error}. Start it (./scripts/test does) \
                 or name another server in {ADMIN_URL_VARIABLE}."
            )
        });
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("PostgreSQL creates a test database");
        admin.close().await.ok();
        let base = admin_url.split('?').next().unwrap_or(&admin_url);
        let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
        let url = format!("{server}/{name}");
        Self {
            admin_url,
            name,
            url,
        }
    }

    /// The database's URL, `postgres://.../overblik_test_...`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs outside async code, perhaps inside a runtime: a thread of its own with its
        // own runtime waits for the database to be gone.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime to drop the test database");
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await?;
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("the test database {} was not dropped", self.name);
        }
    }
}

/// A migrated store in its own throwaway database.
#[derive(Debug)]
pub struct TestStore {
    store: PostgresStore,
    database: TestDatabase,
}

impl TestStore {
    pub async fn create() -> Self {
        let database = TestDatabase::create().await;
        let store = PostgresStore::open(database.url())
            .await
            .expect("opens and migrates a fresh PostgreSQL database");
        Self { store, database }
    }

    pub fn store(&self) -> &PostgresStore {
        &self.store
    }

    pub fn database(&self) -> &TestDatabase {
        &self.database
    }
}

impl std::ops::Deref for TestStore {
    type Target = PostgresStore;

    fn deref(&self) -> &PostgresStore {
        &self.store
    }
}
