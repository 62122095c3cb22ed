//! What every request and answer goes through: metric labels from closed sets whatever the
//! request says, a body limit per route enforced before anything is decoded, request ids in
//! the access log that are the server's own, links built from a normalised path, and
//! `Cache-Control: no-store` on everything but public static files.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{Backend, Sealed, TestApp, deadline, sign_in, subject};
use overblik_client::ProviderClient;
use overblik_ledger::EntryFilter;
use overblik_model::correction::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, ORIGIN};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CITIZEN: &str = "010190-1234";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// An app with the tax authority's deadline for the citizen, and the authority.
async fn seeded(backend: Backend) -> (TestApp, ProviderClient) {
    let app = TestApp::start_on(backend).await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let pushed = tax
        .push(common::body(vec![deadline("d-1", 1, CITIZEN)]), "seed")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    (app, tax)
}

async fn metrics_size(app: &TestApp) -> usize {
    reqwest::get(app.url("/metrics"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("text")
        .len()
}

/// A random string of `length` letters and digits: a valid HTTP token, never seen before.
fn random_token(length: usize) -> String {
    std::iter::repeat_with(|| uuid::Uuid::new_v4().simple().to_string())
        .flat_map(|chunk| chunk.chars().collect::<Vec<_>>())
        .take(length)
        .collect::<String>()
        .to_ascii_uppercase()
}

#[tokio::test]
async fn odd_methods_and_unknown_paths_add_no_metric_series() {
    let app = TestApp::start().await;
    let paths = |n: usize| {
        let tail = random_token(40);
        match n % 3 {
            0 => format!("/no/such/page/{tail}"),
            1 => format!("/api/provider/v1/{tail}"),
            _ => format!("/records/{tail}/{tail}"),
        }
    };
    // Whatever series the kinds of request below make, they exist after one of each.
    for n in 0..3 {
        let method = Method::from_bytes(random_token(20).as_bytes()).expect("a method");
        app.http
            .request(method, app.url(&paths(n)))
            .send()
            .await
            .expect("answers");
        app.http
            .get(app.url(&paths(n)))
            .send()
            .await
            .expect("answers");
    }
    let before = metrics_size(&app).await;
    for n in 0..500 {
        let method = Method::from_bytes(random_token(2000).as_bytes()).expect("a method");
        app.http
            .request(method, app.url(&paths(n)))
            .send()
            .await
            .expect("answers");
        app.http
            .get(app.url(&paths(n)))
            .send()
            .await
            .expect("answers");
    }
    let after = metrics_size(&app).await;
    assert!(
        after <= before + 4 * 1024,
        "/metrics grew from {before} to {after} bytes"
    );
}

/// Posts `body` as `content_type` with the browser's cookie; the status and content type.
async fn post_raw(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, String) {
    let answer = browser
        .post(app.url(path))
        .header(ORIGIN, &app.base_url)
        .header(CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .expect("answers");
    let kind = answer
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (answer.status(), kind)
}

fn upload(size: usize) -> Value {
    let mut bytes = PDF.to_vec();
    bytes.resize(size, b' ');
    json!({"name": "bevis.pdf", "content_type": "application/pdf", "data": BASE64.encode(bytes)})
}

fn report(attachments: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "kind": "wrong", "explanation": "Fristen er forkert", "field": "due",
        "value": "2026-12-15", "attachments": attachments
    }))
    .expect("serializes")
}

async fn each_route_refuses_a_body_beyond_its_limit_before_reading_it(backend: Backend) {
    let (app, tax) = seeded(backend).await;
    let record = app.records_of(CITIZEN).await[0].id;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let big_json = |size: usize| {
        serde_json::to_vec(&json!({ "holder": "x".repeat(size) })).expect("serializes")
    };
    let json_type = "application/json";
    let form_type = "application/x-www-form-urlencoded";

    // The citizen API: small JSON everywhere, but a report takes its files.
    let (status, kind) = post_raw(
        &browser,
        &app,
        "/api/citizen/v1/mandates",
        json_type,
        big_json(100 * 1024),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "citizen JSON");
    assert!(kind.starts_with("application/problem+json"), "{kind}");
    let too_many_bytes = report(vec![upload(MAX_ATTACHMENT_BYTES + 1024 * 1024); 3]);
    let (status, kind) = post_raw(
        &browser,
        &app,
        &format!("/api/citizen/v1/records/{record}/corrections"),
        json_type,
        too_many_bytes,
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "a report");
    assert!(kind.starts_with("application/problem+json"), "{kind}");

    // The pages' forms.
    let form = format!("holder={}", "1".repeat(100 * 1024)).into_bytes();
    let (status, _) = post_raw(&browser, &app, "/mandates", form_type, form.clone()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "a page's form");
    let (status, _) = post_raw(
        &browser,
        &app,
        "/notifications/settings",
        form_type,
        form.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "a page's form");

    // The provider API: small, but for batches.
    let token = tax.fetch_token().await.expect("a token").access_token;
    let answer = app
        .http
        .put(app.url("/api/provider/v1/webhook"))
        .bearer_auth(&token)
        .header(CONTENT_TYPE, json_type)
        .body(serde_json::to_vec(&json!({"url": "x".repeat(100 * 1024)})).expect("serializes"))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        answer.status(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "provider JSON"
    );
    let answer = app
        .http
        .post(app.url("/api/provider/v1/token"))
        .header(CONTENT_TYPE, form_type)
        .body(form)
        .send()
        .await
        .expect("answers");
    assert_eq!(
        answer.status(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "the token form"
    );
    assert!(
        answer.headers()[CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("application/problem+json")
    );

    // Nothing of it was stored.
    let (status, reports) = get_json(&browser, &app, "/api/citizen/v1/corrections").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reports, json!([]));
    let (_, mandates) = get_json(&browser, &app, "/api/citizen/v1/mandates").await;
    assert!(
        !mandates.to_string().contains("xxxx") && !mandates.to_string().contains("1111"),
        "{mandates}"
    );
    assert_eq!(
        app.store
            .webhook(&"tax".parse().expect("an id"))
            .await
            .expect("reads"),
        None
    );

    // What a route is for still fits: a batch far beyond the small limit, and a report
    // with the most and largest files allowed.
    let many: Vec<_> = (0..2000)
        .map(|n| deadline(&format!("many-{n}"), 1, CITIZEN))
        .collect();
    let batch = common::body(many);
    assert!(batch.len() > 256 * 1024);
    let pushed = tax.push(batch, "many").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let largest = report(vec![upload(MAX_ATTACHMENT_BYTES); MAX_ATTACHMENTS]);
    let (status, _) = post_raw(
        &browser,
        &app,
        &format!("/api/citizen/v1/records/{record}/corrections"),
        json_type,
        largest,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "the largest report allowed");
}

async fn get_json(browser: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, Value) {
    let answer = browser.get(app.url(path)).send().await.expect("answers");
    let status = answer.status();
    (status, answer.json().await.unwrap_or(Value::Null))
}

async fn the_log_keeps_the_servers_request_id_not_the_clients(backend: Backend) {
    let (app, _) = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let chosen = "A".repeat(60_000);
    for chosen in [
        chosen.as_str(),
        "my-own-id",
        "3f2c1d7e-0000-4000-8000-000000000000",
    ] {
        let answer = browser
            .get(app.url("/api/citizen/v1/overview"))
            .header("x-request-id", chosen)
            .send()
            .await
            .expect("answers");
        assert_eq!(answer.status(), StatusCode::OK);
        let latest = app
            .ledger
            .sealed()
            .await
            .entries(&subject(CITIZEN), &EntryFilter::visible_now(1))
            .await
            .expect("reads")
            .remove(0);
        let logged = latest.entry.request_id.expect("a request id");
        assert!(logged.len() <= 36, "{} characters logged", logged.len());
        assert_ne!(logged, chosen);
        uuid::Uuid::parse_str(&logged).expect("the server's own UUID");
        // The answer names the id the log keeps, so a client can tie the two together.
        assert_eq!(answer.headers()["x-request-id"], logged.as_str());
    }
}

on_each_backend!(
    each_route_refuses_a_body_beyond_its_limit_before_reading_it,
    the_log_keeps_the_servers_request_id_not_the_clients,
);

/// Sends `GET target` byte for byte, as no URL parser would: the whole answer.
async fn raw_get(app: &TestApp, target: &str) -> String {
    let address = app.base_url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("connects");
    let request = format!("GET {target} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("writes");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("reads");
    String::from_utf8_lossy(&answer).into_owned()
}

/// Every `href` and `action` in `html`, unescaped.
fn links(html: &str) -> Vec<String> {
    ["href=\"", "action=\""]
        .iter()
        .flat_map(|attribute| html.split(attribute).skip(1))
        .map(|rest| {
            rest[..rest.find('"').unwrap_or(rest.len())]
                .replace("&#x2f;", "/")
                .replace("&#x2F;", "/")
                .replace("&#47;", "/")
                .replace("&#92;", "\\")
                .replace("&#x5c;", "\\")
                .replace("&#x5C;", "\\")
                .replace("&amp;", "&")
        })
        .collect()
}

#[tokio::test]
async fn no_link_on_a_page_leads_off_the_site() {
    let app = TestApp::start().await;
    let mut checked = 0;
    for target in [
        "//evil.example/x",
        "///evil.example/x",
        "//evil.example/x?lang=en&q=1",
        "/\\evil.example/x",
        "/\\/evil.example/x",
        "//\\evil.example/x",
        "/%2F%2Fevil.example/x",
        "/%5Cevil.example/x",
        "/%2f/evil.example/x",
        "//evil.example/records/x",
        "/.//evil.example/x",
    ] {
        let answer = raw_get(&app, target).await;
        for link in links(&answer) {
            checked += 1;
            let scheme = link
                .find(':')
                .is_some_and(|colon| !link[..colon].contains(['/', '?', '#']));
            assert!(
                !(link.starts_with("//")
                    || link.starts_with("/\\")
                    || link.starts_with('\\')
                    || scheme),
                "{target} links to {link}"
            );
        }
    }
    assert!(checked > 0, "the pages had links");
}

#[tokio::test]
async fn personal_answers_are_never_stored_by_caches() {
    let (app, tax) = seeded(Backend::Sqlite).await;
    let record = app.records_of(CITIZEN).await[0].id;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let no_store = |answer: &reqwest::Response, what: &str| {
        let value = answer
            .headers()
            .get(CACHE_CONTROL)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            value.contains("no-store"),
            "{what}: Cache-Control {value:?}"
        );
    };
    for path in [
        "/".to_owned(),
        format!("/records/{record}"),
        format!("/records/{record}/calendar.ics"),
        "/areas/economy".to_owned(),
        "/log".to_owned(),
        "/notifications".to_owned(),
        "/notifications/settings".to_owned(),
        "/mandates".to_owned(),
        "/reports".to_owned(),
        "/no/such/page".to_owned(),
        "/api/citizen/v1/overview".to_owned(),
        format!("/api/citizen/v1/records/{record}"),
        "/api/citizen/v1/log".to_owned(),
        "/api/citizen/v1/log/export".to_owned(),
        "/api/citizen/v1/corrections".to_owned(),
    ] {
        let answer = browser.get(app.url(&path)).send().await.expect("answers");
        assert!(answer.status().is_success() || answer.status() == StatusCode::NOT_FOUND);
        no_store(&answer, &path);
        assert_eq!(answer.headers()["x-frame-options"], "DENY", "{path}");
    }

    // The page that shows the calendar feed's secret URL, and the feed itself.
    let made = browser
        .post(app.url("/notifications/calendar"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers");
    assert_eq!(made.status(), StatusCode::OK);
    no_store(&made, "the page with the feed's URL");
    let html = made.text().await.expect("html");
    let feed = html
        .split('"')
        .find(|part| part.starts_with(&format!("{}/calendar/", app.base_url)))
        .expect("the feed's URL");
    let answer = reqwest::get(feed).await.expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
    no_store(&answer, "the calendar feed");

    // A report's attachment, to the citizen and to the authority.
    let sent = browser
        .post(app.url(&format!("/api/citizen/v1/records/{record}/corrections")))
        .header(ORIGIN, &app.base_url)
        .header(CONTENT_TYPE, "application/json")
        .body(report(vec![upload(PDF.len())]))
        .send()
        .await
        .expect("answers");
    assert_eq!(sent.status(), StatusCode::CREATED);
    no_store(&sent, "a new report");
    let sent: Value = sent.json().await.expect("json");
    let href = |value: &Value| {
        let href = value["attachments"][0]["href"].as_str().expect("an href");
        if href.starts_with('/') {
            app.url(href)
        } else {
            href.to_owned()
        }
    };
    let answer = browser.get(href(&sent)).send().await.expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
    no_store(&answer, "the citizen's attachment");
    let token = tax.fetch_token().await.expect("a token").access_token;
    let listed = app
        .http
        .get(app.url("/api/provider/v1/corrections"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answers");
    assert_eq!(listed.status(), StatusCode::OK);
    no_store(&listed, "the authority's list of reports");
    let listed: Value = listed.json().await.expect("json");
    let answer = app
        .http
        .get(href(&listed["corrections"][0]))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
    no_store(&answer, "the authority's attachment");

    // Public files may be kept.
    let answer = browser
        .get(app.url("/static/overblik.css"))
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
    let value = answer
        .headers()
        .get(CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(!value.contains("no-store"), "the stylesheet: {value}");
}
