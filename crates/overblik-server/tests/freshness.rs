//! Each authority's freshness on each store: one that has delivered nothing for longer than
//! it promised is named as possibly out of date, one that never delivered as missing, on the
//! overview, on the pages of its own areas only, on "What is covered" and in the API; a
//! heartbeat or a batch makes it current again.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, TestApp, body, deadline, sign_in};
use reqwest::StatusCode;
use serde_json::Value;

const CITIZEN: &str = "010190-1234";
const STALE: &str = "Some information may be out of date";

/// Registers `id` for `classifications`, promising a delivery every `days`, last delivered
/// `ago` (never, if `None`).
async fn register(
    app: &TestApp,
    id: &str,
    classifications: &[&str],
    days: u32,
    ago: Option<Duration>,
) -> overblik_client::ProviderKey {
    let key = app.register(id, classifications).await;
    let provider_id = id.parse().expect("an id");
    let mut provider = app.store.provider(&provider_id).await.expect("registered");
    provider.stale_after_days = Some(days);
    provider.last_delivery = ago.map(|ago| Utc::now() - ago);
    app.store.put_provider(&provider).await.expect("updates");
    key
}

async fn authorities(browser: &reqwest::Client, app: &TestApp) -> Vec<(String, String)> {
    let overview: Value = browser
        .get(app.url("/api/citizen/v1/overview"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    overview["authorities"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|authority| {
            (
                authority["provider"].as_str().expect("an id").to_owned(),
                authority["freshness"].as_str().expect("a state").to_owned(),
            )
        })
        .collect()
}

fn pair(provider: &str, freshness: &str) -> (String, String) {
    (provider.to_owned(), freshness.to_owned())
}

async fn stale_and_missing_authorities_are_named_until_they_deliver(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    // Tax (economy) promised every 2 days and last delivered 5 days ago; the hospital
    // (health) never delivered; the school (education) delivered yesterday, weekly.
    let tax = register(&app, "tax", &["85"], 2, Some(Duration::days(5))).await;
    let hospital = register(&app, "hospital", &["89"], 7, None).await;
    register(&app, "school", &["17"], 7, Some(Duration::days(1))).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;

    let (status, html) = common::page(&browser, &app.url("/?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(STALE), "{html}");
    assert!(
        html.contains("Test provider tax has delivered nothing since"),
        "{html}"
    );
    assert!(html.contains("every 2 days"), "{html}");
    assert!(
        html.contains("Test provider hospital has not delivered anything yet"),
        "{html}"
    );
    assert!(!html.contains("Test provider school"), "current: not named");
    assert_eq!(
        authorities(&browser, &app).await,
        [
            pair("hospital", "missing"),
            pair("school", "current"),
            pair("tax", "stale")
        ]
    );

    // An area's page names only the authorities reporting in it.
    let (_, economy) = common::page(&browser, &app.url("/areas/economy?lang=en")).await;
    assert!(
        economy.contains("Test provider tax has delivered"),
        "{economy}"
    );
    assert!(!economy.contains("Test provider hospital"), "{economy}");
    let (_, health) = common::page(&browser, &app.url("/areas/health?lang=en")).await;
    assert!(
        health.contains("Test provider hospital has not"),
        "{health}"
    );
    assert!(!health.contains("Test provider tax"), "{health}");
    let (_, housing) = common::page(&browser, &app.url("/areas/housing?lang=en")).await;
    assert!(!housing.contains(STALE), "{housing}");
    // "What is covered" tells each authority's last delivery.
    let (_, covered) = common::page(&browser, &app.url("/covered?lang=en")).await;
    assert_eq!(covered.matches("Last delivered").count(), 1, "{covered}");
    assert!(covered.contains("Test provider tax has delivered nothing since"));

    // A heartbeat needs the authority's token, and makes it current.
    let heartbeat = |token: Option<String>| {
        let request = app.http.post(app.url("/api/provider/v1/heartbeat"));
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        async move { request.send().await.expect("answers").status() }
    };
    assert_eq!(heartbeat(None).await, StatusCode::UNAUTHORIZED);
    let token = app.client(tax).fetch_token().await.expect("a token");
    assert_eq!(
        heartbeat(Some(token.access_token)).await,
        StatusCode::NO_CONTENT
    );
    let (_, html) = common::page(&browser, &app.url("/?lang=en")).await;
    assert!(!html.contains("Test provider tax"), "{html}");
    assert!(html.contains("Test provider hospital has not"), "{html}");
    assert_eq!(
        authorities(&browser, &app).await,
        [
            pair("hospital", "missing"),
            pair("school", "current"),
            pair("tax", "current")
        ]
    );

    // A batch is a delivery too: with the hospital's first, nothing is doubtful.
    let mut record = deadline("d-1", 1, CITIZEN);
    record["classification"] = "89".into();
    let pushed = app
        .client(hospital)
        .push(body(vec![record]), "first")
        .await
        .expect("pushes");
    assert!(pushed.is_success(), "{pushed:?}");
    let (_, html) = common::page(&browser, &app.url("/?lang=en")).await;
    assert!(!html.contains(STALE), "{html}");
    let (_, covered) = common::page(&browser, &app.url("/covered?lang=en")).await;
    assert_eq!(covered.matches("Last delivered").count(), 3, "{covered}");
}

on_each_backend!(stale_and_missing_authorities_are_named_until_they_deliver);
