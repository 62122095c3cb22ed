//! Sessions are kept in memory besides their rows; what the rows hold must stay true, so a
//! restarted server finds the same sessions in the same state.

use chrono::{Duration, Utc};
use overblik_model::SubjectKey;
use overblik_store::roles::*;
use overblik_store::{SessionKey, SessionLimits, StoreError};
use overblik_store_sqlite::SqliteStore;

const LIMITS: SessionLimits = SessionLimits {
    idle: Duration::minutes(15),
    absolute: Duration::hours(8),
};

#[tokio::test]
async fn sessions_and_their_use_outlive_a_restart() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let subject = SubjectKey::from_slice(&[7; 32]).expect("32 bytes");
    let (kept, ended) = (SessionKey([1; 32]), SessionKey([2; 32]));
    let start = Utc::now();
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        for key in [&kept, &ended] {
            store
                .start_session(key, &subject, start, LIMITS)
                .await
                .expect("starts");
        }
        // A use ten minutes in is written down, so the idle limit counts from it.
        store
            .session(&kept, start + Duration::minutes(10), LIMITS)
            .await
            .expect("in use");
        store.end_session(&ended).await.expect("ends");
    }
    let store = SqliteStore::open(&url).await.expect("opens again");
    let later = start + Duration::minutes(20);
    let session = store
        .session(&kept, later, LIMITS)
        .await
        .expect("still alive: its last use was recorded");
    assert_eq!(session.subject, subject);
    let gone = store.session(&ended, later, LIMITS).await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
}
