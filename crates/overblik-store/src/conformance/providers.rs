//! The providers role: registration and single-use assertion ids.

use super::*;

pub async fn providers_are_registered_updated_and_listed(store: &dyn Store) {
    assert!(matches!(
        store.provider(&provider_id("tax")).await,
        Err(StoreError::NotFound)
    ));
    register(store, "tax").await;
    register(store, "region").await;
    let mut tax = store
        .provider(&provider_id("tax"))
        .await
        .expect("registered");
    assert_eq!(tax.classifications, ["85", "89"]);
    tax.name = "Skattestyrelsen".to_owned();
    tax.classifications = vec!["85".to_owned()];
    store.put_provider(&tax).await.expect("updates");
    let again = store
        .provider(&provider_id("tax"))
        .await
        .expect("registered");
    assert_eq!(again.name, "Skattestyrelsen");
    assert_eq!(again.classifications, ["85"]);
    assert_eq!(again.public_keys, tax.public_keys);
    let ids: Vec<String> = store
        .providers()
        .await
        .expect("lists")
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    assert_eq!(ids, ["region", "tax"]);
    store.ping().await.expect("answers");
}

pub async fn assertion_ids_are_single_use(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    let expires = Utc::now() + Duration::minutes(5);
    assert!(
        store
            .use_assertion_id(tax.as_str(), "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        !store
            .use_assertion_id(tax.as_str(), "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        store
            .use_assertion_id(region.as_str(), "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        store
            .use_assertion_id(tax.as_str(), "jti-2", expires)
            .await
            .expect("records")
    );
    // A recipient's assertions are kept under an issuer of their own, apart from any
    // provider's of the same name.
    assert!(
        store
            .use_assertion_id("recipient:tax", "jti-1", expires)
            .await
            .expect("records")
    );
}

/// An authority's last delivery moves forward with each applied batch and heartbeat, and
/// never back: not by an older heartbeat, a replayed batch, or a new registration.
pub async fn deliveries_move_forward_only(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    let last = |id: ProviderId| async move {
        store.provider(&id).await.expect("registered").last_delivery
    };
    assert_eq!(last(tax.clone()).await, None, "nothing delivered yet");

    let before = Utc::now() - Duration::seconds(1);
    let first = batch(vec![deadline("d-1", 1, CITIZEN)], vec![]);
    apply(store, &tax, "first", &first).await;
    let delivered = last(tax.clone()).await.expect("a batch is a delivery");
    assert!(delivered > before, "{delivered} after {before}");
    assert_eq!(
        last(region.clone()).await,
        None,
        "only the batch's provider"
    );

    // A replay writes nothing, and is no new delivery.
    store
        .apply_batch(&tax, &key("first"), [0; 32], &first)
        .await
        .expect("replays");
    assert_eq!(last(tax.clone()).await, Some(delivered));

    // A heartbeat moves it forward; an older one, or a new registration, does not move it back.
    let later = delivered + Duration::hours(1);
    store.note_delivery(&tax, later).await.expect("notes");
    store
        .note_delivery(&tax, delivered - Duration::days(3))
        .await
        .expect("notes");
    let mut registration = store.provider(&tax).await.expect("registered");
    assert_eq!(
        registration.last_delivery.map(to_millis),
        Some(to_millis(later))
    );
    registration.last_delivery = None;
    registration.stale_after_days = Some(2);
    store.put_provider(&registration).await.expect("updates");
    let again = store.provider(&tax).await.expect("registered");
    assert_eq!(again.stale_after_days, Some(2));
    assert_eq!(again.last_delivery.map(to_millis), Some(to_millis(later)));

    // A registration that carries a delivery (a store moved to another) keeps the later one.
    registration.last_delivery = Some(later + Duration::days(1));
    store.put_provider(&registration).await.expect("updates");
    assert_eq!(
        last(tax.clone()).await.map(to_millis),
        Some(to_millis(later + Duration::days(1)))
    );
    registration.id = provider_id("municipality");
    registration.last_delivery = Some(delivered);
    store.put_provider(&registration).await.expect("registers");
    assert_eq!(
        last(provider_id("municipality")).await.map(to_millis),
        Some(to_millis(delivered))
    );
}
