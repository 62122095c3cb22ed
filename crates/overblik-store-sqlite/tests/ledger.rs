//! The access log on SQLite: durable batched appends, reading a citizen's entries, proofs that
//! survive a restart, and tampering with stored rows found by the checks a citizen runs.

use chrono::{Duration, Utc};
use overblik_ledger::entry::{AccessEntry, Actor, ActorKind, Channel, WhatWasRead};
use overblik_ledger::verify::{check_entry, check_extends, encode_salt};
use overblik_ledger::{
    EntryFilter, Ledger, LedgerStore, LogKey, SealedEntry, StoredEntry, checkpoint,
};
use overblik_model::SubjectKey;
use overblik_store_sqlite::SqliteStore;
use std::sync::Arc;

const ORIGIN: &str = "overblik.test/log";

fn entry(subject: u8, purpose: &str) -> AccessEntry {
    AccessEntry {
        at: Utc::now(),
        actor: Actor {
            kind: ActorKind::Citizen,
            id: "self".into(),
            name: "You".into(),
            system: None,
            person: None,
        },
        subject: SubjectKey::from_bytes([subject; 32]),
        on_behalf_of: None,
        read: WhatWasRead::default(),
        purpose: purpose.into(),
        legal_basis: None,
        channel: Channel::Web,
        request_id: None,
        hidden_until: None,
    }
}

fn sealed(stored: &StoredEntry) -> SealedEntry {
    SealedEntry {
        index: stored.index,
        salt: encode_salt(&stored.salt),
        entry: stored.entry.clone(),
    }
}

struct Log {
    _dir: tempfile::TempDir,
    url: String,
    key: LogKey,
}

impl Log {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a folder");
        let url = format!("sqlite://{}", dir.path().join("log.db").display());
        Self {
            _dir: dir,
            url,
            key: LogKey::generate(ORIGIN),
        }
    }

    async fn open(&self) -> (Arc<SqliteStore>, Arc<Ledger>) {
        let store = Arc::new(SqliteStore::open(&self.url).await.expect("opens"));
        let ledger = Ledger::open(store.clone(), self.key.clone())
            .await
            .expect("the log opens");
        (store, ledger)
    }
}

#[tokio::test]
async fn concurrent_appends_get_distinct_leaves_and_each_proves_its_inclusion() {
    let log = Log::new();
    let (_, ledger) = log.open().await;
    let tasks: Vec<_> = (0..200u8)
        .map(|n| {
            let ledger = ledger.clone();
            tokio::spawn(async move { ledger.record(entry(n % 3, "own_overview")).await })
        })
        .collect();
    for task in tasks {
        task.await.expect("joins").expect("durable");
    }
    assert_eq!(ledger.size(), 0, "pending until integrated");

    let (size, note) = ledger.integrate().await.expect("signed");
    assert_eq!(size, 200);
    assert_eq!(ledger.size(), 200);
    let checkpoint = checkpoint::open(&note, ledger.verifier_key()).expect("verifies");
    let mine = ledger
        .entries(
            &SubjectKey::from_bytes([1; 32]),
            &EntryFilter::visible_now(500),
        )
        .await
        .expect("reads");
    assert_eq!(mine.len(), 67);
    assert!(
        mine.windows(2).all(|pair| pair[0].index > pair[1].index),
        "newest first"
    );
    for stored in &mine {
        let proof = ledger.inclusion(size, stored.index).expect("a proof");
        check_entry(&sealed(stored), &proof, &checkpoint).expect("included");
    }
}

#[tokio::test]
async fn the_tree_and_its_proofs_survive_a_restart_and_later_checkpoints_extend_earlier_ones() {
    let log = Log::new();
    let (store, ledger) = log.open().await;
    for _ in 0..10 {
        ledger
            .record(entry(1, "own_overview"))
            .await
            .expect("durable");
    }
    let (_, first_note) = ledger.integrate().await.expect("signed");
    drop(ledger);
    drop(store);

    let (_, ledger) = log.open().await;
    assert_eq!(ledger.size(), 10);
    let (_, same) = ledger.integrate().await.expect("signed");
    assert_eq!(same, first_note, "no new checkpoint without new entries");
    for _ in 0..7 {
        ledger
            .record(entry(2, "own_overview"))
            .await
            .expect("durable");
    }
    let (size, note) = ledger.integrate().await.expect("signed");
    assert_eq!(size, 17);
    let older = checkpoint::open(&first_note, ledger.verifier_key()).expect("verifies");
    let newer = checkpoint::open(&note, ledger.verifier_key()).expect("verifies");
    let proof = ledger.consistency(17, 10).expect("a proof");
    check_extends(&older, &newer, &proof).expect("extends");
}

#[tokio::test]
async fn hidden_entries_and_filters() {
    let log = Log::new();
    let (_, ledger) = log.open().await;
    let subject = SubjectKey::from_bytes([4; 32]);
    let mut hidden = entry(4, "control");
    hidden.hidden_until = Some(Utc::now() + Duration::days(30));
    ledger.record(hidden).await.expect("durable");
    ledger
        .record(entry(4, "own_overview"))
        .await
        .expect("durable");
    ledger.integrate().await.expect("integrates");
    let now = ledger
        .entries(&subject, &EntryFilter::visible_now(10))
        .await
        .expect("reads");
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].entry.purpose, "own_overview");
    let later = EntryFilter {
        visible_at: Utc::now() + Duration::days(31),
        ..EntryFilter::visible_now(10)
    };
    assert_eq!(
        ledger.entries(&subject, &later).await.expect("reads").len(),
        2
    );
    let control_only = EntryFilter {
        purpose: Some("control".into()),
        ..later
    };
    let found = ledger
        .entries(&subject, &control_only)
        .await
        .expect("reads");
    assert_eq!(found.len(), 1);
}

#[tokio::test]
async fn an_altered_stored_entry_no_longer_proves_its_inclusion() {
    let log = Log::new();
    let (store, ledger) = log.open().await;
    for n in 0..5 {
        ledger
            .record(entry(n, "own_overview"))
            .await
            .expect("durable");
    }
    let (size, note) = ledger.integrate().await.expect("signed");
    let checkpoint = checkpoint::open(&note, ledger.verifier_key()).expect("verifies");
    sqlx::query("UPDATE access_entries SET entry = replace(entry, 'own_overview', 'nothing') WHERE leaf = 2")
        .execute(store.log_write_pool())
        .await
        .expect("tampers");
    let altered = ledger
        .entries(
            &SubjectKey::from_bytes([2; 32]),
            &EntryFilter::visible_now(10),
        )
        .await
        .expect("reads");
    let proof = ledger.inclusion(size, 2).expect("a proof");
    let error = check_entry(&sealed(&altered[0]), &proof, &checkpoint).expect_err("caught");
    assert!(error.contains("inclusion proof"), "{error}");
}

#[tokio::test]
async fn a_history_rewritten_consistently_is_caught_by_the_checkpoints_seen_before() {
    let log = Log::new();
    let (store, ledger) = log.open().await;
    for n in 0..6 {
        ledger
            .record(entry(n, "own_overview"))
            .await
            .expect("durable");
    }
    let (_, seen) = ledger.integrate().await.expect("signed");
    drop(ledger);

    // Someone with the database and the signing key drops entry 2 and rebuilds the whole tree
    // from the rest, so that every remaining entry still proves its inclusion.
    let mut kept = Vec::new();
    for n in 0..6u8 {
        let found = store
            .subject_entries(
                &SubjectKey::from_bytes([n; 32]),
                &EntryFilter::visible_now(10),
            )
            .await
            .expect("reads");
        if n != 2 {
            kept.extend(found);
        }
    }
    let mut tree = overblik_ledger::tree::Tree::default();
    let mut growth = tree.grow();
    for stored in &kept {
        growth.push(&stored.entry.commitment(&stored.salt));
    }
    let grown = growth.finish();
    for table in ["access_tree_hashes", "access_checkpoints"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(store.log_write_pool())
            .await
            .expect("tampers");
    }
    sqlx::query("DELETE FROM access_entries WHERE leaf >= 2")
        .execute(store.log_write_pool())
        .await
        .expect("tampers");
    tree.extend(grown.clone());
    let renumbered: Vec<StoredEntry> = kept
        .iter()
        .enumerate()
        .filter(|(index, _)| *index >= 2)
        .map(|(index, stored)| StoredEntry {
            index: index as u64,
            ..stored.clone()
        })
        .collect();
    let hashes: Vec<[u8; 32]> = grown.hashes.iter().map(|hash| hash.0).collect();
    store
        .append_entries(&renumbered, 0, &hashes)
        .await
        .expect("rewrites");
    drop(store);

    let (_, ledger) = log.open().await;
    ledger
        .record(entry(9, "own_overview"))
        .await
        .expect("durable");
    let (size, note) = ledger.integrate().await.expect("signed");
    let older = checkpoint::open(&seen, ledger.verifier_key()).expect("verifies");
    let newer = checkpoint::open(&note, ledger.verifier_key()).expect("verifies");
    let proof = ledger.consistency(size, older.size()).expect("a proof");
    let error = check_extends(&older, &newer, &proof).expect_err("caught");
    assert!(error.contains("does not extend"), "{error}");
}

#[tokio::test]
async fn a_store_changed_behind_the_logs_back_does_not_open() {
    let log = Log::new();
    let (store, ledger) = log.open().await;
    for n in 0..4 {
        ledger
            .record(entry(n, "own_overview"))
            .await
            .expect("durable");
    }
    ledger.integrate().await.expect("signed");
    drop(ledger);
    sqlx::query("UPDATE access_tree_hashes SET hash = zeroblob(32) WHERE position = (SELECT max(position) FROM access_tree_hashes)")
        .execute(store.log_write_pool())
        .await
        .expect("tampers");
    drop(store);
    let store = Arc::new(SqliteStore::open(&log.url).await.expect("opens"));
    let error = Ledger::open(store, log.key.clone())
        .await
        .expect_err("refused");
    assert!(
        error.to_string().contains("does not match its checkpoint"),
        "{error}"
    );
}

#[tokio::test]
async fn a_write_that_fails_part_way_stores_none_of_it_and_the_next_write_succeeds() {
    let log = Log::new();
    let store = SqliteStore::open(&log.url).await.expect("opens");
    let stored = |index: u64| StoredEntry {
        index,
        salt: [index as u8; 32],
        entry: entry(1, "own_overview"),
    };
    store
        .append_entries(&[stored(0)], 0, &[[1; 32]])
        .await
        .expect("the first write");
    // Its entry is new, but its tree hash takes a position already stored, so the write's
    // second statement fails after the first succeeded.
    store
        .append_entries(&[stored(1)], 0, &[[2; 32]])
        .await
        .expect_err("a stored hash is never replaced");
    store
        .append_entries(&[stored(1)], 1, &[[2; 32], [3; 32]])
        .await
        .expect("the next write, in a transaction of its own");
    let leaves: Vec<u64> = store
        .access_entries_after(None, 10)
        .await
        .expect("reads")
        .iter()
        .map(|stored| stored.index)
        .collect();
    assert_eq!(leaves, [0, 1]);
    assert_eq!(
        store.tree_hashes(0).await.expect("reads"),
        [[1; 32], [2; 32], [3; 32]]
    );
}
