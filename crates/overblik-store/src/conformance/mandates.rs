//! The mandates role: powers of attorney given, accepted, used and revoked.

use super::*;

pub async fn mandates_are_granted_accepted_used_and_revoked(store: &dyn Store) {
    let now = Utc::now();
    let given = mandate(now);
    store.put_mandate(&given).await.expect("stores");
    assert_eq!(store.mandate(&given.id).await.expect("reads"), given);
    let again = store.put_mandate(&given).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = store.mandate(&MandateId::random()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // Only the holder accepts, and only once.
    let by_grantor = store
        .accept_mandate(&given.id, &subject(CITIZEN), now)
        .await;
    assert!(
        matches!(by_grantor, Err(StoreError::NotFound)),
        "{by_grantor:?}"
    );
    let accepted_at = to_millis(now + Duration::minutes(1));
    let accepted = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), accepted_at)
        .await
        .expect("accepts");
    assert_eq!(accepted.accepted_at, Some(accepted_at));
    let twice = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), accepted_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    // The first use is told once.
    let used_at = to_millis(now + Duration::minutes(2));
    assert!(
        store
            .note_mandate_used(&given.id, used_at)
            .await
            .expect("notes")
    );
    assert!(
        !store
            .note_mandate_used(&given.id, used_at + Duration::minutes(1))
            .await
            .expect("notes")
    );
    assert_eq!(
        store.mandate(&given.id).await.expect("reads").first_used_at,
        Some(used_at)
    );

    // A stranger cannot revoke; the grantor can, once.
    let stranger = subject("030303-3333");
    let by_stranger = store.revoke_mandate(&given.id, &stranger, now).await;
    assert!(
        matches!(by_stranger, Err(StoreError::NotFound)),
        "{by_stranger:?}"
    );
    let revoked_at = to_millis(now + Duration::minutes(3));
    let revoked = store
        .revoke_mandate(&given.id, &subject(CITIZEN), revoked_at)
        .await
        .expect("revokes");
    assert_eq!(revoked.revoked_at, Some(revoked_at));
    let twice = store
        .revoke_mandate(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    // A revoked mandate cannot be accepted after all.
    let late = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
}

pub async fn mandates_are_listed_for_both_parties_only(store: &dyn Store) {
    let now = Utc::now();
    let older = mandate(now - Duration::days(2));
    let newer = Mandate {
        grantor: subject(NEIGHBOUR),
        holder: subject(CITIZEN),
        ..mandate(now)
    };
    let unrelated = Mandate {
        grantor: subject("030303-3333"),
        holder: subject("040404-4444"),
        ..mandate(now - Duration::days(1))
    };
    for mandate in [&older, &newer, &unrelated] {
        store.put_mandate(mandate).await.expect("stores");
    }
    let ids = |mandates: Vec<Mandate>| mandates.into_iter().map(|m| m.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.mandates_of(&subject(CITIZEN)).await.expect("lists")),
        vec![newer.id, older.id]
    );
    assert_eq!(
        ids(store.mandates_of(&subject(NEIGHBOUR)).await.expect("lists")),
        vec![newer.id, older.id]
    );
    assert!(
        store
            .mandates_of(&subject("050505-5555"))
            .await
            .expect("lists")
            .is_empty()
    );
    assert_eq!(
        ids(store.export_mandates().await.expect("exports")),
        vec![older.id, unrelated.id, newer.id]
    );
}
