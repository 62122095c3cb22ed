//! Provider authentication through the real HTTP API: client assertions and access tokens.

mod common;

use chrono::Utc;
use common::{TestApp, body, deadline};
use overblik_client::{KeyAlgorithm, ProviderKey};
use serde_json::Value;

const CITIZEN: &str = "010190-1234";

async fn problem(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_eq!(content_type, "application/problem+json", "status {status}");
    (status, response.json().await.expect("a JSON problem"))
}

#[tokio::test]
async fn ed25519_and_es256_keys_get_short_lived_tokens() {
    let app = TestApp::start().await;
    for (id, algorithm) in [
        ("tax", KeyAlgorithm::Ed25519),
        ("region", KeyAlgorithm::Es256),
    ] {
        let key = app.register_with(id, &["85"], algorithm).await;
        let token = app.client(key).fetch_token().await.expect("a token");
        assert_eq!(token.token_type, "Bearer");
        assert!(token.expires_in <= 300);
        assert_eq!(token.scope.as_deref(), Some("records:write"));
    }
}

#[tokio::test]
async fn expired_assertions_are_refused() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    let now = Utc::now().timestamp();
    let assertion = key
        .sign_claims(&app.token_url(), now - 600, now - 300, "old")
        .expect("signs");
    let (status, body) = problem(app.token_with(&assertion).await).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_client");
}

#[tokio::test]
async fn long_lived_assertions_are_refused() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    let now = Utc::now().timestamp();
    let assertion = key
        .sign_claims(&app.token_url(), now, now + 3600, "long")
        .expect("signs");
    let (status, body) = problem(app.token_with(&assertion).await).await;
    assert_eq!(status, 401);
    assert!(
        body["detail"]
            .as_str()
            .expect("a detail")
            .contains("at most 300 seconds")
    );
}

#[tokio::test]
async fn assertions_for_another_audience_are_refused() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    let now = Utc::now().timestamp();
    let assertion = key
        .sign_claims("https://elsewhere.example/token", now, now + 60, "aud")
        .expect("signs");
    let (status, _) = problem(app.token_with(&assertion).await).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn assertions_signed_by_an_unregistered_key_are_refused() {
    let app = TestApp::start().await;
    app.register("tax", &["85"]).await;
    let impostor = ProviderKey::generate("tax", KeyAlgorithm::Ed25519).expect("generates");
    let (status, body) = problem(
        app.token_with(&impostor.sign_assertion(&app.token_url()).expect("signs"))
            .await,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "invalid_client");
    // Nor is a provider that was never registered.
    let stranger = ProviderKey::generate("stranger", KeyAlgorithm::Ed25519).expect("generates");
    let (status, _) = problem(
        app.token_with(&stranger.sign_assertion(&app.token_url()).expect("signs"))
            .await,
    )
    .await;
    assert_eq!(status, 401);
}

/// Whether a provider is registered does not show: an unknown client, a registered one with a
/// key it never registered, and one whose assertion's key id names a registered key it does
/// not hold all get the same answer, word for word.
#[tokio::test]
async fn an_unknown_client_and_a_wrong_key_are_answered_alike() {
    let app = TestApp::start().await;
    app.register("tax", &["85"]).await;
    let answer = async |assertion: String| {
        let response = app.token_with(&assertion).await;
        let headers = response.headers().clone();
        let (status, body) = problem(response).await;
        (status, headers.get("www-authenticate").cloned(), body)
    };
    let stranger = ProviderKey::generate("stranger", KeyAlgorithm::Ed25519).expect("generates");
    let unknown = answer(stranger.sign_assertion(&app.token_url()).expect("signs")).await;
    let impostor = ProviderKey::generate("tax", KeyAlgorithm::Ed25519).expect("generates");
    let wrong_key = answer(impostor.sign_assertion(&app.token_url()).expect("signs")).await;
    let mut unsigned = impostor.sign_assertion(&app.token_url()).expect("signs");
    unsigned.truncate(unsigned.rfind('.').expect("a signature") + 1);
    let bad_signature = answer(format!("{unsigned}AAAA")).await;
    assert_eq!(unknown.0, 401, "{}", unknown.2);
    assert_eq!(unknown.2["error"], "invalid_client");
    assert_eq!(wrong_key, unknown);
    assert_eq!(bad_signature, unknown);
    let detail = unknown.2["detail"].as_str().expect("a detail");
    assert!(!detail.contains("unknown"), "{detail}");
}

#[tokio::test]
async fn a_replayed_jti_is_refused() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    let now = Utc::now().timestamp();
    let assertion = key
        .sign_claims(&app.token_url(), now, now + 60, "only-once")
        .expect("signs");
    assert_eq!(app.token_with(&assertion).await.status(), 200);
    let (status, body) = problem(app.token_with(&assertion).await).await;
    assert_eq!(status, 401);
    assert!(
        body["detail"]
            .as_str()
            .expect("a detail")
            .contains("jti replayed")
    );
}

#[tokio::test]
async fn malformed_token_requests_get_oauth_errors() {
    let app = TestApp::start().await;
    let response = app
        .http
        .post(app.token_url())
        .form(&[("grant_type", "password")])
        .send()
        .await
        .expect("answers");
    let (status, body) = problem(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (status, body) = problem(app.token_with("not-a-jwt").await).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
}

#[tokio::test]
async fn batches_need_a_valid_token() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    let (status, _) = problem(
        app.post_batch(
            "",
            "application/json",
            Some("k"),
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    let token = app
        .client(key)
        .fetch_token()
        .await
        .expect("a token")
        .access_token;
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    let (status, _) = problem(
        app.post_batch(
            &forged,
            "application/json",
            Some("k"),
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    // A client assertion is not an access token.
    let assertion = app
        .register("region", &["89"])
        .await
        .sign_assertion(&app.token_url())
        .expect("signs");
    let (status, _) = problem(
        app.post_batch(
            &assertion,
            "application/json",
            Some("k"),
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(app.count().await, 0);
    let response = app
        .post_batch(
            &token,
            "application/json",
            Some("k"),
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn a_provider_cannot_touch_another_providers_records() {
    let app = TestApp::start().await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let intruder = app.client(app.register("intruder", &["85"]).await);
    let first = tax
        .push(body(vec![deadline("shared-id", 1, CITIZEN)]), "k1")
        .await
        .expect("pushes");
    assert_eq!(first.status, 200);
    // The same provider record id, a newer version and a delete, from the other provider.
    let overwrite = intruder
        .push(body(vec![deadline("shared-id", 99, CITIZEN)]), "k1")
        .await
        .expect("pushes");
    assert_eq!(overwrite.status, 200);
    let delete =
        serde_json::to_vec(&serde_json::json!({"deletes": [{"id": "shared-id", "version": 100}]}))
            .expect("json");
    assert_eq!(
        intruder.push(delete, "k2").await.expect("pushes").status,
        200
    );
    let records = app.records_of(CITIZEN).await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].provider.as_str(), "tax");
    assert_eq!(records[0].record.version.get(), 1);
}

#[tokio::test]
async fn a_provider_writes_only_in_its_registered_classifications() {
    let app = TestApp::start().await;
    let region = app.client(app.register("region", &["89"]).await);
    let response = region
        .push(body(vec![deadline("tax-thing", 1, CITIZEN)]), "k1")
        .await
        .expect("answers");
    assert_eq!(response.status, 422);
    assert_eq!(
        response.body["errors"][0]["pointer"],
        "/upserts/0/classification"
    );
    assert_eq!(app.count().await, 0);
}

#[tokio::test]
async fn an_assertion_whose_lifetime_overflows_is_refused() {
    let app = TestApp::start().await;
    let key = app.register("tax", &["85"]).await;
    // exp - iat is beyond i64: an unchecked subtraction panics, or wraps to a short lifetime.
    let assertion = key
        .sign_claims(&app.token_url(), -(1 << 62) - (1 << 61), 1 << 62, "far")
        .expect("signs");
    let (status, body) = problem(app.token_with(&assertion).await).await;
    assert_eq!(status, 401);
    assert!(
        body["detail"]
            .as_str()
            .expect("a detail")
            .contains("at most 300 seconds"),
        "{body}"
    );
}
