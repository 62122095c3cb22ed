//! Crash safety: the server is killed with SIGKILL while batches stream in. After a restart,
//! every acknowledged batch is there in full and no unacknowledged batch is there in part.

mod common;

use common::Deployment;
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_model::{NationalId, SubjectKeySecret};
use overblik_store::RecordFilter;
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

const SUBJECT_SECRET: &str = "crash-test-subject-key-secret-0123456789";
const RECORDS_PER_BATCH: usize = 2_000;
const KILLS: usize = 3;
const PUSHERS: usize = 2;

/// Each batch has its own citizen, so its records can be counted after the crash.
fn national_id(batch: usize) -> String {
    format!(
        "{:02}{:02}80-{:04}",
        batch % 28 + 1,
        batch / 28 % 12 + 1,
        batch
    )
}

fn batch_body(batch: usize) -> Vec<u8> {
    let records: Vec<_> = (0..RECORDS_PER_BATCH)
        .map(|i| {
            json!({
                "id": format!("b{batch}-r{i}"), "version": 1, "subject": national_id(batch),
                "kind": "deadline", "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
            })
        })
        .collect();
    serde_json::to_vec(&json!({"upserts": records})).expect("serializes")
}

#[derive(Default)]
struct Ledger {
    /// Batches whose receipt came back.
    acknowledged: Vec<usize>,
    /// Batches sent whose answer never came.
    unacknowledged: Vec<usize>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_batches_survive_sigkill_and_others_are_all_or_nothing() {
    let deployment = Deployment::new(SUBJECT_SECRET);
    let key = ProviderKey::generate("tax", KeyAlgorithm::Ed25519).expect("a key");
    let key_file = deployment.dir.path().join("tax.key.pem");
    std::fs::write(&key_file, key.to_pem()).expect("writes the key");
    deployment.register("tax", &key_file, &["85"]).await;
    let url = deployment.url.clone();

    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let next_batch = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for round in 0..KILLS {
        let mut server = deployment.serve().await;
        let pem = std::fs::read_to_string(&key_file).expect("reads the key");
        // No retries: a push cut off by the kill must stay unacknowledged.
        let client = Arc::new(
            ProviderClient::new(&url, ProviderKey::from_pem(&pem, None).expect("a key"))
                .with_retries(0),
        );
        let mut pushers = tokio::task::JoinSet::new();
        for _ in 0..PUSHERS {
            let (client, ledger, next_batch) = (client.clone(), ledger.clone(), next_batch.clone());
            pushers.spawn(async move {
                loop {
                    let batch = next_batch.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    match client
                        .push(batch_body(batch), &format!("batch-{batch}"))
                        .await
                    {
                        Ok(response) if response.status == 200 => {
                            ledger.lock().await.acknowledged.push(batch)
                        }
                        _ => {
                            ledger.lock().await.unacknowledged.push(batch);
                            return;
                        }
                    }
                }
            });
        }
        // Let two more batches through, then kill the server in the middle of the stream,
        // at a different moment of a batch each round.
        let target = ledger.lock().await.acknowledged.len() + 2;
        let waited = std::time::Instant::now();
        while ledger.lock().await.acknowledged.len() < target {
            assert!(
                waited.elapsed() < Duration::from_secs(120),
                "no batch was acknowledged"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(37 * round as u64)).await;
        server.start_kill().expect("SIGKILL is sent");
        server.wait().await.expect("the server is gone");
        while pushers.join_next().await.is_some() {}
    }

    let ledger = ledger.lock().await;
    eprintln!(
        "{} batches acknowledged, {} cut off by {KILLS} kills",
        ledger.acknowledged.len(),
        ledger.unacknowledged.len()
    );
    assert!(
        ledger.acknowledged.len() >= KILLS,
        "batches were acknowledged before each kill"
    );
    assert!(
        !ledger.unacknowledged.is_empty(),
        "some batch was cut off by a kill"
    );
    let store = SqliteStore::open(&deployment.database_url())
        .await
        .expect("reopens");
    let secret = SubjectKeySecret::new(SUBJECT_SECRET.as_bytes().to_vec()).expect("long enough");
    let count = |batch: usize| {
        let store = &store;
        let id: NationalId = national_id(batch).parse().expect("a valid id");
        let subject = secret.subject_key(&id);
        async move {
            store
                .subject_records(&subject, &RecordFilter::visible_now())
                .await
                .expect("reads")
                .len()
        }
    };
    for &batch in &ledger.acknowledged {
        assert_eq!(
            count(batch).await,
            RECORDS_PER_BATCH,
            "acknowledged batch {batch} is there in full"
        );
    }
    for &batch in &ledger.unacknowledged {
        let found = count(batch).await;
        assert!(
            found == 0 || found == RECORDS_PER_BATCH,
            "unacknowledged batch {batch} is there in part: {found}"
        );
    }
    let total = store.record_count(None).await.expect("counts") as usize;
    assert!(total >= ledger.acknowledged.len() * RECORDS_PER_BATCH);
    assert!(total <= (ledger.acknowledged.len() + ledger.unacknowledged.len()) * RECORDS_PER_BATCH);
    drop(store);

    // A retry of a cut-off batch with its key is safe: applied now, or answered from its first write.
    let mut server = deployment.serve().await;
    let pem = std::fs::read_to_string(&key_file).expect("reads the key");
    let client = ProviderClient::new(&url, ProviderKey::from_pem(&pem, None).expect("a key"));
    for &batch in &ledger.unacknowledged {
        let response = client
            .push(batch_body(batch), &format!("batch-{batch}"))
            .await
            .expect("answers");
        assert_eq!(response.status, 200);
    }
    server.start_kill().expect("stops");
    server.wait().await.expect("stopped");
    let store = SqliteStore::open(&deployment.database_url())
        .await
        .expect("reopens");
    let secret = SubjectKeySecret::new(SUBJECT_SECRET.as_bytes().to_vec()).expect("long enough");
    for &batch in ledger.acknowledged.iter().chain(&ledger.unacknowledged) {
        let id: NationalId = national_id(batch).parse().expect("a valid id");
        let records = store
            .subject_records(&secret.subject_key(&id), &RecordFilter::visible_now())
            .await
            .expect("reads");
        assert_eq!(
            records.len(),
            RECORDS_PER_BATCH,
            "batch {batch} is there exactly once"
        );
    }
}
