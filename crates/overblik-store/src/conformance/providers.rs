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
