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

pub async fn sign_ins_are_remembered_and_other_sessions_end_everywhere(store: &dyn Store) {
    let now = Utc::now();
    let (citizen, neighbour) = (subject(CITIZEN), subject(NEIGHBOUR));
    let sign_in = |minutes: i64, device: &str| crate::SignIn {
        at: to_millis(now + Duration::milliseconds(minutes)),
        identity_provider: "idp.example".to_owned(),
        device: device.to_owned(),
    };
    let (laptop, phone, theirs) = (
        SessionKey([11; 32]),
        SessionKey([12; 32]),
        SessionKey([13; 32]),
    );
    for (key, who, device, at) in [
        (&laptop, &citizen, "Firefox on Linux", 0),
        (&phone, &citizen, "Safari on iOS", 1),
        (&theirs, &neighbour, "Firefox on Linux", 2),
    ] {
        store
            .start_session(key, who, now, limits())
            .await
            .expect("starts");
        store
            .note_sign_in(key, who, &sign_in(at, device))
            .await
            .expect("notes");
    }
    let again = SessionKey([14; 32]);
    store
        .start_session(&again, &citizen, now, limits())
        .await
        .expect("starts");
    store
        .note_sign_in(&again, &citizen, &sign_in(3, "Safari on iOS"))
        .await
        .expect("notes");
    let listed = store.sign_ins(&citizen).await.expect("reads");
    assert_eq!(
        listed.iter().map(|s| s.device.as_str()).collect::<Vec<_>>(),
        ["Safari on iOS", "Safari on iOS", "Firefox on Linux"],
        "the citizen's own, newest first"
    );
    assert_eq!(store.sign_ins(&neighbour).await.expect("reads").len(), 1);
    let sessions = store
        .sessions_of(&citizen, now, limits())
        .await
        .expect("reads");
    assert_eq!(sessions.len(), 3);
    let laptop_session = sessions
        .iter()
        .find(|session| session.key == laptop)
        .expect("listed");
    assert_eq!(
        laptop_session.sign_in.as_ref().map(|s| s.device.as_str()),
        Some("Firefox on Linux")
    );
    // Ended everywhere but the laptop: the other sessions open nothing any more, the
    // neighbour's stays.
    let ended = store
        .end_sessions_of(&citizen, &laptop)
        .await
        .expect("ends");
    assert_eq!(ended, 2);
    for key in [&phone, &again] {
        let gone = store.session(key, now, limits()).await;
        assert!(matches!(gone, Err(StoreError::NotFound)), "{gone:?}");
    }
    assert!(store.session(&laptop, now, limits()).await.is_ok());
    assert!(store.session(&theirs, now, limits()).await.is_ok());
    let left = store
        .sessions_of(&citizen, now, limits())
        .await
        .expect("reads");
    assert_eq!(left.iter().map(|s| s.key).collect::<Vec<_>>(), [laptop]);
    // Sessions past their limits are not listed.
    let later = now + Duration::hours(30);
    assert!(
        store
            .sessions_of(&citizen, later, limits())
            .await
            .expect("reads")
            .is_empty()
    );
    // Only the latest sign-ins are kept.
    for index in 0..crate::SIGN_INS_KEPT + 5 {
        let key = SessionKey([20; 32]);
        store
            .note_sign_in(
                &key,
                &citizen,
                &sign_in(10 + index as i64, "Edge on Windows"),
            )
            .await
            .expect("notes");
    }
    assert_eq!(
        store.sign_ins(&citizen).await.expect("reads").len(),
        crate::SIGN_INS_KEPT
    );
}
