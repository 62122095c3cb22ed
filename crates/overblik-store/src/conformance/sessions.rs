//! The sessions role: start, read, end, and the limits of a session.

use super::*;

pub async fn sessions_start_are_read_and_end(store: &dyn Store) {
    let key = SessionKey([1; 32]);
    let start = Utc::now();
    let started = store
        .start_session(&key, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    assert_eq!(started.subject, subject(CITIZEN));
    let later = start + Duration::minutes(10);
    let read = store.session(&key, later, limits()).await.expect("reads");
    assert_eq!(read.subject, subject(CITIZEN));
    assert_eq!(read.created_at.timestamp_millis(), start.timestamp_millis());
    // Being used keeps it alive past the idle limit counted from the start.
    let even_later = start + Duration::minutes(20);
    assert!(store.session(&key, even_later, limits()).await.is_ok());
    let other = store.session(&SessionKey([2; 32]), later, limits()).await;
    assert!(matches!(other, Err(StoreError::NotFound)), "{other:?}");
    store.end_session(&key).await.expect("ends");
    store.end_session(&key).await.expect("ending twice is fine");
    let ended = store.session(&key, even_later, limits()).await;
    assert!(matches!(ended, Err(StoreError::NotFound)), "{ended:?}");
}

pub async fn sessions_end_when_idle_or_too_old(store: &dyn Store) {
    let start = Utc::now();
    let idle = SessionKey([3; 32]);
    store
        .start_session(&idle, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    let gone = store
        .session(&idle, start + Duration::minutes(16), limits())
        .await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "idle: {gone:?}");
    // It stays ended even if asked at an earlier moment again.
    assert!(
        store
            .session(&idle, start + Duration::minutes(1), limits())
            .await
            .is_err()
    );

    let busy = SessionKey([4; 32]);
    store
        .start_session(&busy, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    let mut at = start;
    while at < start + Duration::hours(8) - Duration::minutes(10) {
        at += Duration::minutes(10);
        store
            .session(&busy, at, limits())
            .await
            .expect("kept alive by use");
    }
    let too_old = store
        .session(
            &busy,
            start + Duration::hours(8) + Duration::minutes(1),
            limits(),
        )
        .await;
    assert!(
        matches!(too_old, Err(StoreError::NotFound)),
        "absolute: {too_old:?}"
    );
}

pub async fn a_new_session_remembers_the_previous_visit(store: &dyn Store) {
    let first_visit = Utc::now() - Duration::days(3);
    let first = store
        .start_session(
            &SessionKey([5; 32]),
            &subject(CITIZEN),
            first_visit,
            limits(),
        )
        .await
        .expect("starts");
    assert_eq!(first.previous_visit, None);
    let now = Utc::now();
    let second = store
        .start_session(&SessionKey([6; 32]), &subject(CITIZEN), now, limits())
        .await
        .expect("starts");
    assert_eq!(
        second.previous_visit.map(|at| at.timestamp_millis()),
        Some(first_visit.timestamp_millis())
    );
    let neighbour = store
        .start_session(&SessionKey([7; 32]), &subject(NEIGHBOUR), now, limits())
        .await
        .expect("starts");
    assert_eq!(neighbour.previous_visit, None, "visits are per citizen");
}
