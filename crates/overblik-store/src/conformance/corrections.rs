//! The corrections role: correction requests seen and changed by their own parties only.

use super::*;

pub async fn recent_corrections_are_the_last_days_and_the_open_ones_of_one_subject(
    store: &dyn Store,
) {
    let health = register(store, "health").await;
    let now = Utc::now();
    let (old_open, _) = report(store, &health, CITIZEN, now - Duration::days(3)).await;
    let (old_answered, _) = report(store, &health, CITIZEN, now - Duration::days(2)).await;
    let (new_answered, _) = report(store, &health, CITIZEN, now - Duration::hours(2)).await;
    let (new_open, _) = report(store, &health, CITIZEN, now - Duration::hours(1)).await;
    let (withdrawn, _) = report(store, &health, CITIZEN, now - Duration::days(4)).await;
    report(store, &health, NEIGHBOUR, now).await;
    for answered in [&old_answered, &new_answered] {
        store
            .answer_correction(
                &health,
                &answered.id,
                &answer(CorrectionState::Rejected, "It is right"),
                now,
            )
            .await
            .expect("answers");
    }
    store
        .withdraw_correction(&subject(CITIZEN), &withdrawn.id, now)
        .await
        .expect("withdraws");
    let recent = store
        .recent_corrections(&subject(CITIZEN), now - Duration::days(1))
        .await
        .expect("reads");
    assert_eq!(
        recent.iter().map(|c| c.id).collect::<Vec<_>>(),
        [new_open.id, new_answered.id, old_open.id],
        "the last day's requests, answered or not, and the older open one, newest first"
    );
    assert_eq!(recent[1].state(), CorrectionState::Rejected);
}

pub async fn corrections_are_seen_and_changed_by_their_citizen_and_provider_only(
    store: &dyn Store,
) {
    let health = register(store, "health").await;
    let other = register(store, "other").await;
    let now = Utc::now();
    let (first, bytes) = report(store, &health, CITIZEN, now - Duration::days(3)).await;
    let (second, _) = report(store, &health, CITIZEN, now - Duration::days(1)).await;
    let (theirs, _) = report(store, &health, NEIGHBOUR, now).await;

    assert_eq!(store.correction(&first.id).await.expect("reads"), first);
    let mine = store
        .corrections_of(&subject(CITIZEN))
        .await
        .expect("lists");
    assert_eq!(
        mine.iter().map(|c| c.id).collect::<Vec<_>>(),
        [second.id, first.id],
        "newest first, only the citizen's own"
    );
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first.id, second.id, theirs.id],
        "oldest first"
    );
    assert!(
        store
            .provider_corrections(&other, true, 10)
            .await
            .expect("lists")
            .is_empty(),
        "another provider sees none of them"
    );
    assert_eq!(
        store
            .correction_attachment(&first.id, &first.attachments[0].id)
            .await
            .expect("reads the bytes"),
        bytes
    );
    assert!(matches!(
        store
            .correction_attachment(&second.id, &first.attachments[0].id)
            .await,
        Err(StoreError::NotFound)
    ));

    // Another provider can neither acknowledge nor answer; a revision not sent is refused.
    assert!(matches!(
        store
            .acknowledge_correction(&other, &first.id, 1, now)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .answer_correction(
                &other,
                &first.id,
                &answer(CorrectionState::Rejected, "no"),
                now
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .acknowledge_correction(&health, &first.id, 2, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.correction(&first.id).await.expect("reads"), first);

    let received = store
        .acknowledge_correction(&health, &first.id, 1, now)
        .await
        .expect("acknowledges");
    assert_eq!(received.state(), CorrectionState::Received);
    let again = store
        .acknowledge_correction(&health, &first.id, 1, now + Duration::seconds(1))
        .await
        .expect("acknowledges again");
    assert_eq!(again, received, "a second acknowledgement changes nothing");
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [second.id, theirs.id]
    );

    let corrected = store
        .answer_correction(
            &health,
            &first.id,
            &Answer {
                state: CorrectionState::Corrected,
                note: None,
                corrected_version: overblik_model::values::Version::new(2),
            },
            now,
        )
        .await
        .expect("answers");
    assert_eq!(corrected.state(), CorrectionState::Corrected);
    assert_eq!(corrected.corrected_version.map(|v| v.get()), Some(2));
    assert_eq!(store.correction(&first.id).await.expect("reads"), corrected);
    assert!(matches!(
        store
            .withdraw_correction(&subject(CITIZEN), &first.id, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .answer_correction(
                &health,
                &first.id,
                &answer(CorrectionState::Rejected, "no"),
                now
            )
            .await,
        Err(StoreError::Conflict(_))
    ));

    // Only the citizen withdraws their own; the provider is then to learn of it.
    assert!(matches!(
        store
            .withdraw_correction(&subject(NEIGHBOUR), &second.id, now)
            .await,
        Err(StoreError::NotFound)
    ));
    let withdrawn = store
        .withdraw_correction(&subject(CITIZEN), &second.id, now)
        .await
        .expect("withdraws");
    assert_eq!(withdrawn.state(), CorrectionState::Withdrawn);
    assert_eq!(withdrawn.revision, 2);
    let open = store
        .provider_corrections(&health, false, 10)
        .await
        .expect("lists");
    assert_eq!(
        open.iter().map(|c| c.id).collect::<Vec<_>>(),
        [theirs.id],
        "only requests that are not settled are open"
    );

    let exported = store.export_corrections().await.expect("exports");
    assert_eq!(
        exported.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first.id, second.id, theirs.id],
        "every request, oldest first"
    );
    assert_eq!(exported[0], corrected);

    let durations = store.answer_durations(&health, 10).await.expect("reads");
    assert_eq!(durations.len(), 1);
    assert_eq!(durations[0].num_days(), 3);
}
