//! A database written before a migration opens with what the migration added filled in.

use chrono::{Duration, Utc};
use overblik_model::{Batch, NationalId, SubjectKeySecret};
use overblik_store::{Provider, Store};
use overblik_store_sqlite::SqliteStore;
use serde_json::json;

#[tokio::test]
async fn records_stored_before_attention_spans_get_theirs_when_the_store_opens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let secret = SubjectKeySecret::new(vec![9; 32]).expect("long enough");
    let national_id: NationalId = "010190-1234".parse().expect("valid");
    let subject = secret.subject_key(&national_id);
    let due = (Utc::now() + Duration::days(5)).date_naive();
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        store
            .put_provider(&Provider {
                id: "tax".parse().expect("an id"),
                name: "Tax".to_owned(),
                public_keys: Vec::new(),
                classifications: vec!["85".to_owned()],
                homepage: None,
                registered_at: Utc::now(),
            })
            .await
            .expect("registers");
        let batch = Batch::parse(
            &json!({"upserts": [{
                "id": "d1", "version": 1, "subject": "010190-1234", "kind": "deadline",
                "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                "details": {"due": due.to_string(), "action": "Send payslips"}
            }]}),
            &secret,
            &|_| true,
        )
        .expect("valid");
        store
            .apply_batch(
                &"tax".parse().expect("an id"),
                &"k1".parse().expect("a key"),
                [0; 32],
                &batch,
            )
            .await
            .expect("applies");
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
