//! `overblik log verify` against a real server: a clean log passes, and altering, deleting,
//! reordering or inserting a stored entry, or rewriting the log's history, fails and is named.

mod common;

use common::{Deployment, overblik};
use overblik_ledger::{EntryFilter, LedgerStore, StoredEntry};
use overblik_model::{NationalId, SubjectKeySecret};
use overblik_server::login::{SESSION_LIMITS, session_key};
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use std::path::PathBuf;
use std::process::Stdio;
use tokio::process::Child;

const SECRET: &str = "log-verify-subject-key-secret-0123456789";
const CITIZEN: &str = "010190-1234";
const TOKEN: &str = "a-session-token-for-the-log-verify-test";

struct Setup {
    deployment: Deployment,
    server: Child,
    state: PathBuf,
}

impl Setup {
    /// A server with a signed-in citizen who has read their overview twice and checked their
    /// log once, so the state file holds what they saw.
    async fn new() -> Self {
        let deployment = Deployment::new(SECRET);
        let store = SqliteStore::open(&deployment.database_url())
            .await
            .expect("opens");
        let subject = SubjectKeySecret::new(SECRET.as_bytes().to_vec())
            .expect("long enough")
            .subject_key(&CITIZEN.parse::<NationalId>().expect("a CPR number"));
        store
            .start_session(
                &session_key(TOKEN),
                &subject,
                chrono::Utc::now(),
                SESSION_LIMITS,
            )
            .await
            .expect("a session");
        drop(store);
        let server = deployment.serve().await;
        let state = deployment.dir.path().join("seen.json");
        let setup = Self {
            deployment,
            server,
            state,
        };
        setup.read("/").await;
        setup.read("/api/citizen/v1/overview").await;
        let (ok, output) = setup.verify().await;
        assert!(ok, "a clean log verifies: {output}");
        assert!(output.contains("OK:"), "{output}");
        setup
    }

    async fn read(&self, path: &str) {
        let response = reqwest::Client::new()
            .get(format!("{}{path}", self.deployment.url))
            .header("cookie", format!("overblik_session={TOKEN}"))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200, "{path}");
    }

    async fn verify(&self) -> (bool, String) {
        let output = overblik()
            .args([
                "log",
                "verify",
                "--url",
                &self.deployment.url,
                "--session",
                TOKEN,
                "--state",
            ])
            .arg(&self.state)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .await
            .expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }

    async fn tamper(&self, sql: &str) {
        let store = SqliteStore::open(&self.deployment.database_url())
            .await
            .expect("opens");
        sqlx::query(sql)
            .execute(store.log_write_pool())
            .await
            .expect("tampers");
    }

    /// Stops the server, lets `rewrite` change its database, and starts it again.
    async fn restart_after(&mut self, rewrite: impl AsyncFnOnce(&SqliteStore)) {
        self.server.kill().await.expect("stops");
        let store = SqliteStore::open(&self.deployment.database_url())
            .await
            .expect("opens");
        rewrite(&store).await;
        drop(store);
        self.server = self.deployment.serve().await;
    }
}

#[tokio::test]
async fn a_clean_log_verifies_again_after_more_reads() {
    let setup = Setup::new().await;
    setup.read("/covered").await;
    let (ok, output) = setup.verify().await;
    assert!(ok, "{output}");
}

#[tokio::test]
async fn an_altered_entry_is_named() {
    let setup = Setup::new().await;
    setup
        .tamper(
            "UPDATE access_entries SET entry = replace(entry, '\"web\"', '\"api\"') WHERE leaf = 0",
        )
        .await;
    let (ok, output) = setup.verify().await;
    assert!(!ok, "{output}");
    assert!(output.contains("FAILED: entry #0"), "{output}");
}

#[tokio::test]
async fn a_deleted_entry_is_missed() {
    let setup = Setup::new().await;
    setup
        .tamper("DELETE FROM access_entries WHERE leaf = 1")
        .await;
    let (ok, output) = setup.verify().await;
    assert!(!ok, "{output}");
    assert!(
        output.contains("entry #1, seen before, is missing"),
        "{output}"
    );
}

#[tokio::test]
async fn reordered_entries_are_named() {
    let setup = Setup::new().await;
    for swap in [
        "UPDATE access_entries SET leaf = -1 WHERE leaf = 0",
        "UPDATE access_entries SET leaf = 0 WHERE leaf = 1",
        "UPDATE access_entries SET leaf = 1 WHERE leaf = -1",
    ] {
        setup.tamper(swap).await;
    }
    let (ok, output) = setup.verify().await;
    assert!(!ok, "{output}");
    assert!(
        output.contains("FAILED: entry #0") && output.contains("FAILED: entry #1"),
        "{output}"
    );
}

#[tokio::test]
async fn an_inserted_entry_is_named() {
    let setup = Setup::new().await;
    setup
        .tamper(
            "INSERT INTO access_entries (leaf, subject, at, actor_id, purpose, hidden_until, salt, entry) \
             SELECT 999, subject, at, actor_id, 'control', NULL, salt, replace(entry, 'self_service', 'control') \
             FROM access_entries WHERE leaf = 0",
        )
        .await;
    let (ok, output) = setup.verify().await;
    assert!(!ok, "{output}");
    assert!(output.contains("FAILED: entry #999"), "{output}");
}

#[tokio::test]
async fn a_rewritten_history_fails_against_the_checkpoints_seen_before() {
    let mut setup = Setup::new().await;
    let subject = SubjectKeySecret::new(SECRET.as_bytes().to_vec())
        .expect("long enough")
        .subject_key(&CITIZEN.parse::<NationalId>().expect("a CPR number"));
    // Someone with the database and the key drops the first entry and rebuilds the tree and
    // its checkpoints from the rest, so that what remains proves its inclusion.
    setup
        .restart_after(async |store: &SqliteStore| {
            let mut kept: Vec<StoredEntry> = store
                .subject_entries(&subject, &EntryFilter::visible_now(1_000))
                .await
                .expect("reads");
            kept.reverse();
            kept.remove(0);
            let mut growth = overblik_ledger::tree::Tree::default();
            let mut growing = growth.grow();
            let renumbered: Vec<StoredEntry> = kept
                .into_iter()
                .map(|stored| StoredEntry {
                    index: growing.push(&stored.entry.commitment(&stored.salt)),
                    ..stored
                })
                .collect();
            let grown = growing.finish();
            growth.extend(grown.clone());
            for table in ["access_entries", "access_tree_hashes", "access_checkpoints"] {
                sqlx::query(&format!("DELETE FROM {table}"))
                    .execute(store.log_write_pool())
                    .await
                    .expect("tampers");
            }
            let hashes: Vec<[u8; 32]> = grown.hashes.iter().map(|hash| hash.0).collect();
            store
                .append_entries(&renumbered, 0, &hashes)
                .await
                .expect("rewrites");
        })
        .await;
    let (ok, output) = setup.verify().await;
    assert!(!ok, "{output}");
    assert!(output.contains("seen before"), "{output}");
}
