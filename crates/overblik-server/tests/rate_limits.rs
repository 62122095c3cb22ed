//! Rate limits: a burst over a limit is refused with 429 and `Retry-After` (a problem under
//! `/api`, a plain page elsewhere); under the limit everything passes.

mod common;

use common::{Backend, TestApp, browser, sign_in};
use overblik_server::rate_limit::RateLimitSettings;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, RETRY_AFTER};
use std::net::{IpAddr, Ipv4Addr};

/// Limits of one a minute after a burst of `burst`, for sign-in, tokens and citizen writes.
fn tight(burst: u32) -> RateLimitSettings {
    RateLimitSettings {
        sign_in_per_minute: 1,
        sign_in_burst: burst,
        token_per_minute: 1,
        token_burst: burst,
        citizen_writes_per_minute: 1,
        citizen_writes_burst: burst,
        ..RateLimitSettings::default()
    }
}

/// The seconds `Retry-After` says; fails when it is missing.
fn retry_after(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("a Retry-After in seconds: {:?}", response.headers()))
}

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn sign_in_steps_over_the_limit_from_one_address_get_a_page_saying_to_wait() {
    let app = TestApp::start_with_limits(Backend::Sqlite, tight(4)).await;
    // One sign-in is two steps (/login and its callback): two sign-ins pass.
    sign_in(&app, "010190-1234").await;
    sign_in(&app, "020285-5678").await;
    let refused = browser()
        .get(app.url("/login"))
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&refused);
    assert!((1..=60).contains(&wait), "{wait}");
    assert!(content_type(&refused).starts_with("text/html"));
    let text = refused.text().await.expect("html");
    assert!(text.contains("For mange forespørgsler"), "{text}");
    let refused = browser()
        .get(app.url("/login/callback?code=one-time-code&state=s"))
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let text = refused.text().await.expect("html");
    assert!(
        !text.contains("one-time-code"),
        "the code is not echoed: {text}"
    );
}

#[tokio::test]
async fn token_requests_are_limited_per_address_and_per_client_id() {
    let app = TestApp::start_with_limits(Backend::Sqlite, tight(2)).await;
    let from = |last: u8| {
        reqwest::Client::builder()
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
            .build()
            .expect("a client")
    };
    let token = |client: reqwest::Client, issuer: &'static str| {
        let url = app.token_url();
        async move {
            // Not signed: counted all the same, and refused after the count.
            let assertion = format!(
                "eyJhbGciOiJFZERTQSJ9.{}.c2ln",
                base64_url(&format!(
                    r#"{{"iss":"{issuer}","sub":"{issuer}","iat":1,"exp":2}}"#
                ))
            );
            client
                .post(url)
                .form(&[
                    ("grant_type", "client_credentials"),
                    (
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    ),
                    ("client_assertion", &assertion),
                ])
                .send()
                .await
                .expect("answers")
        }
    };
    for _ in 0..2 {
        let passed = token(from(1), "tax").await;
        assert_eq!(passed.status(), StatusCode::UNAUTHORIZED, "under the limit");
    }
    // A third from the same address is over the address's limit.
    let by_address = token(from(1), "other").await;
    assert_eq!(by_address.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&by_address) >= 1);
    assert_eq!(content_type(&by_address), "application/problem+json");
    // From another address, the same client id is over its own limit...
    let by_client = token(from(2), "tax").await;
    assert_eq!(by_client.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&by_client) >= 1, "{:?}", by_client.headers());
    // ...while another client id from there passes.
    let other = token(from(2), "other").await;
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED);
}

fn base64_url(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[tokio::test]
async fn citizen_writes_over_the_limit_are_refused_per_session_on_pages_and_api() {
    let limits = RateLimitSettings {
        citizen_writes_per_minute: 1,
        citizen_writes_burst: 3,
        ..RateLimitSettings::default()
    };
    let app = TestApp::start_with_limits(Backend::Sqlite, limits).await;
    let (citizen, _) = sign_in(&app, "010190-1234").await;
    let origin = app.base_url.clone();
    for _ in 0..3 {
        let passed = citizen
            .post(app.url("/notifications/read"))
            .header("origin", &origin)
            .form(&[("all", "1")])
            .send()
            .await
            .expect("answers");
        assert_ne!(
            passed.status(),
            StatusCode::TOO_MANY_REQUESTS,
            "under the limit"
        );
    }
    let page = citizen
        .post(app.url("/notifications/read"))
        .header("origin", &origin)
        .form(&[("all", "1")])
        .send()
        .await
        .expect("answers");
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&page) >= 1);
    assert!(content_type(&page).starts_with("text/html"));
    let api = citizen
        .delete(app.url("/api/citizen/v1/acting"))
        .send()
        .await
        .expect("answers");
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&api) >= 1);
    assert_eq!(content_type(&api), "application/problem+json");
    // Reading goes on, and another citizen's session has its own allowance.
    let read = citizen
        .get(app.url("/api/citizen/v1/overview"))
        .send()
        .await
        .expect("answers");
    assert_eq!(read.status(), StatusCode::OK);
    let (_, neighbour) = sign_in(&app, "020285-5678").await;
    let cookie = neighbour.split(';').next().expect("a cookie").to_owned();
    let theirs = reqwest::Client::new()
        .delete(app.url("/api/citizen/v1/acting"))
        .header(COOKIE, cookie)
        .send()
        .await
        .expect("answers");
    assert_ne!(theirs.status(), StatusCode::TOO_MANY_REQUESTS);
}

// ---- reports: limits counted in the store, duplicates recognised ----

const CITIZEN: &str = "010190-1234";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// A server with `records` deadlines of the tax authority's for the citizen, signed in.
async fn reporting(
    backend: Backend,
    limits: RateLimitSettings,
    records: usize,
) -> (TestApp, reqwest::Client, Vec<String>) {
    let app = TestApp::start_with_limits(backend, limits).await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let deadlines = (0..records)
        .map(|n| common::deadline(&format!("deadline-{n}"), 1, CITIZEN))
        .collect();
    let pushed = tax
        .push(common::body(deadlines), "seed")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let mut ids = Vec::new();
    for n in 0..records {
        let source = format!("deadline-{n}");
        let stored = app
            .records_of(CITIZEN)
            .await
            .into_iter()
            .find(|stored| stored.record.id.as_str() == source)
            .expect("stored");
        ids.push(stored.id.to_string());
    }
    let (browser, _) = sign_in(&app, CITIZEN).await;
    (app, browser, ids)
}

fn report_body(explanation: &str, files: &[Vec<u8>]) -> serde_json::Value {
    use base64::Engine;
    let attachments: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(n, bytes)| {
            serde_json::json!({
                "name": format!("letter-{n}.pdf"), "content_type": "application/pdf",
                "data": base64::engine::general_purpose::STANDARD.encode(bytes)
            })
        })
        .collect();
    serde_json::json!({ "kind": "wrong", "explanation": explanation, "attachments": attachments })
}

async fn send(
    app: &TestApp,
    browser: &reqwest::Client,
    record: &str,
    body: &serde_json::Value,
) -> reqwest::Response {
    browser
        .post(app.url(&format!("/api/citizen/v1/records/{record}/corrections")))
        .header("origin", &app.base_url)
        .json(body)
        .send()
        .await
        .expect("answers")
}

/// Sends the report page's form, as a browser does (multipart, with files).
async fn send_form(
    app: &TestApp,
    browser: &reqwest::Client,
    record: &str,
    explanation: &str,
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    const BOUNDARY: &str = "report-form-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in [("kind", "wrong"), ("explanation", explanation)] {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"{file_name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    browser
        .post(app.url(&format!("/records/{record}/report")))
        .header("origin", &app.base_url)
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("answers")
}

async fn stored_reports(app: &TestApp) -> usize {
    app.store
        .corrections_of(&common::subject(CITIZEN))
        .await
        .expect("lists")
        .len()
}

/// A PDF of `size` bytes whose content tells it from the others by `seed`.
fn pdf(size: usize, seed: u8) -> Vec<u8> {
    let mut bytes = PDF.to_vec();
    bytes.push(seed);
    bytes.resize(size, b' ');
    bytes
}

async fn the_same_report_sent_again_is_the_open_one_and_stored_once(backend: Backend) {
    let (app, browser, records) = reporting(backend, RateLimitSettings::default(), 2).await;
    let files = [pdf(1000, 1), pdf(2000, 2)];
    let first = send(
        &app,
        &browser,
        &records[0],
        &report_body("Wrong date", &files),
    )
    .await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: serde_json::Value = first.json().await.expect("json");
    // The same words and files, the files in another order: the same report.
    let again = send(
        &app,
        &browser,
        &records[0],
        &report_body("Wrong date", &[files[1].clone(), files[0].clone()]),
    )
    .await;
    assert_eq!(again.status(), StatusCode::OK);
    let location = again.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let again: serde_json::Value = again.json().await.expect("json");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(
        location,
        format!(
            "/api/citizen/v1/corrections/{}",
            first["id"].as_str().expect("an id")
        )
    );
    // The page form leads to the same report too.
    let page = send_form(
        &app,
        &browser,
        &records[0],
        "Wrong date",
        &[("a.pdf", &files[0]), ("b.pdf", &files[1])],
    )
    .await;
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        page.headers()["location"],
        format!("/reports/{}", first["id"].as_str().expect("an id")).as_str()
    );
    assert_eq!(stored_reports(&app).await, 1, "nothing new was stored");
    // Other words, other files or another record are other reports.
    for (record, body) in [
        (&records[0], report_body("Wrong date and amount", &files)),
        (&records[0], report_body("Wrong date", &files[..1])),
        (&records[1], report_body("Wrong date", &files)),
    ] {
        let other = send(&app, &browser, record, &body).await;
        assert_eq!(other.status(), StatusCode::CREATED);
    }
    assert_eq!(stored_reports(&app).await, 4);
    // Once withdrawn, the same report is a new one.
    let id = first["id"].as_str().expect("an id");
    let withdrawn = browser
        .post(app.url(&format!("/api/citizen/v1/corrections/{id}/withdraw")))
        .header("origin", &app.base_url)
        .send()
        .await
        .expect("answers");
    assert_eq!(withdrawn.status(), StatusCode::OK);
    let anew = send(
        &app,
        &browser,
        &records[0],
        &report_body("Wrong date", &files),
    )
    .await;
    assert_eq!(anew.status(), StatusCode::CREATED);
}

async fn open_reports_are_limited_per_record_and_in_all(backend: Backend) {
    let limits = RateLimitSettings {
        reports_open_per_record: 2,
        reports_open: 3,
        ..RateLimitSettings::default()
    };
    let (app, browser, records) = reporting(backend, limits, 3).await;
    for n in 0..2 {
        let sent = send(
            &app,
            &browser,
            &records[0],
            &report_body(&format!("Error {n}"), &[]),
        )
        .await;
        assert_eq!(sent.status(), StatusCode::CREATED, "under the limit");
    }
    let refused = send(&app, &browser, &records[0], &report_body("Error 2", &[])).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let problem: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(
        problem["type"],
        "urn:overblik:problem:too-many-open-reports"
    );
    assert!(
        problem["detail"]
            .as_str()
            .expect("a detail")
            .contains("at most 2"),
        "{problem}"
    );
    let sent = send(&app, &browser, &records[1], &report_body("Error 3", &[])).await;
    assert_eq!(
        sent.status(),
        StatusCode::CREATED,
        "another record has room"
    );
    let refused = send(&app, &browser, &records[2], &report_body("Error 4", &[])).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT, "three open in all");
    // The page says so in words.
    let page = send_form(&app, &browser, &records[2], "Error 5", &[]).await;
    assert_eq!(page.status(), StatusCode::CONFLICT);
    let text = page.text().await.expect("html");
    assert!(text.contains("træk en tilbage"), "{text}");
    assert_eq!(
        stored_reports(&app).await,
        3,
        "nothing stored past the limit"
    );
}

async fn reports_and_attachment_bytes_per_day_get_429_with_retry_after(backend: Backend) {
    let limits = RateLimitSettings {
        reports_per_day: 3,
        report_bytes_per_day: 4 * 1024 * 1024,
        ..RateLimitSettings::default()
    };
    let (app, browser, records) = reporting(backend, limits, 3).await;
    let big = |seed| pdf(1536 * 1024, seed);
    // 3 MiB of files in the first two.
    for (n, record) in records[..2].iter().enumerate() {
        let sent = send(
            &app,
            &browser,
            record,
            &report_body(&format!("Error {n}"), &[big(n as u8)]),
        )
        .await;
        assert_eq!(sent.status(), StatusCode::CREATED, "under the limit");
    }
    // Another 1.5 MiB would pass the 4 MiB of a day.
    let refused = send(
        &app,
        &browser,
        &records[2],
        &report_body("Error 2", &[big(9)]),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&refused);
    assert!(
        (23 * 3600..=24 * 3600).contains(&wait),
        "until the first leaves the day: {wait}"
    );
    assert_eq!(content_type(&refused), "application/problem+json");
    let problem: serde_json::Value = refused.json().await.expect("json");
    assert_eq!(problem["type"], "urn:overblik:problem:too-many-reports");
    // Without files it passes; then the day's three reports are used.
    let sent = send(&app, &browser, &records[2], &report_body("Error 2", &[])).await;
    assert_eq!(sent.status(), StatusCode::CREATED);
    let refused = send(&app, &browser, &records[2], &report_body("Error 3", &[])).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&refused);
    assert!((23 * 3600..=24 * 3600).contains(&wait), "{wait}");
    let page = send_form(&app, &browser, &records[2], "Error 4", &[]).await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&page) >= 23 * 3600);
    assert_eq!(stored_reports(&app).await, 3);
}

// ---- confirmation e-mails: limits counted in the store ----

/// Saves the notification settings with `address`; the answer.
async fn choose(app: &TestApp, browser: &reqwest::Client, address: &str) -> reqwest::Response {
    browser
        .post(app.url("/notifications/settings"))
        .header("origin", &app.base_url)
        .form(&[("email", address), ("lead_hours", "24"), ("language", "en")])
        .send()
        .await
        .expect("answers")
}

fn mail_nowhere() -> overblik_server::notify::MailSettings {
    // No worker runs: the confirmations wait in the outbox, where the limits count them.
    overblik_server::notify::MailSettings {
        smtp_url: "smtp://127.0.0.1:9".to_owned(),
        from: "Overblik <no-reply@overblik.test>".to_owned(),
        retry_base: std::time::Duration::from_secs(1),
        poll_interval: std::time::Duration::from_millis(50),
        concurrency: 1,
        lease: std::time::Duration::from_secs(3),
    }
}

async fn confirmation_mails_are_limited_per_citizen_and_per_address(backend: Backend) {
    let app = TestApp::start_with_mail(backend, mail_nowhere()).await;
    let (citizen, _) = sign_in(&app, CITIZEN).await;
    for n in 0..3 {
        let saved = choose(&app, &citizen, &format!("me{n}@example.org")).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER, "under the limit");
    }
    let refused = choose(&app, &citizen, "me3@example.org").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&refused);
    assert!(
        (3500..=3600).contains(&wait),
        "an hour after the first: {wait}"
    );
    let html = refused.text().await.expect("html");
    assert!(
        html.contains("Der er sendt flere bekræftelsesmails i den seneste time"),
        "{html}"
    );
    let preferences = app
        .store
        .notification_preferences(&common::subject(CITIZEN))
        .await
        .expect("reads");
    assert_eq!(
        preferences.email.as_deref(),
        Some("me2@example.org"),
        "nothing saved"
    );

    // Per address: three citizens ask for one address, a fourth is refused, whatever case.
    for national_id in ["020285-5678", "020288-2345", "030380-1234"] {
        let (browser, _) = sign_in(&app, national_id).await;
        let saved = choose(&app, &browser, "shared@example.org").await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER, "under the limit");
    }
    let (fourth, _) = sign_in(&app, "040480-1234").await;
    let refused = choose(&app, &fourth, "Shared@Example.org").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&refused) >= 3500);
    let other = choose(&app, &fourth, "mine@example.org").await;
    assert_eq!(
        other.status(),
        StatusCode::SEE_OTHER,
        "another address has room"
    );
}

on_each_backend!(
    the_same_report_sent_again_is_the_open_one_and_stored_once,
    open_reports_are_limited_per_record_and_in_all,
    reports_and_attachment_bytes_per_day_get_429_with_retry_after,
    confirmation_mails_are_limited_per_citizen_and_per_address,
);

/// With `/metrics` on an address of its own (`metrics_listen`), the application is served
/// apart from it, and its limits still count each client's address, not all clients as one.
#[tokio::test]
async fn served_apart_from_its_metrics_the_limits_still_count_by_address() {
    let app = TestApp::start_on(Backend::Sqlite).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let metrics = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let mut settings = (*app.state.settings).clone();
    settings.public_url = format!("http://{}", listener.local_addr().expect("an address"));
    settings.rate_limits = tight(1);
    let token_url = format!("{}/api/provider/v1/token", settings.public_url);
    let apart =
        overblik_server::Application::builder(app.store.clone(), app.ledger.clone(), settings)
            .without_workers()
            .start()
            .expect("starts");
    tokio::spawn(apart.serve_apart(listener, metrics));
    let from = |last: u8| {
        reqwest::Client::builder()
            .local_address(IpAddr::V4(Ipv4Addr::new(127, 0, 0, last)))
            .build()
            .expect("a client")
    };
    let ask = |client: reqwest::Client| {
        let url = token_url.clone();
        async move {
            client
                .post(url)
                .form(&[("grant_type", "client_credentials")])
                .send()
                .await
                .expect("answers")
                .status()
        }
    };
    assert_ne!(ask(from(1)).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(ask(from(1)).await, StatusCode::TOO_MANY_REQUESTS);
    assert_ne!(
        ask(from(2)).await,
        StatusCode::TOO_MANY_REQUESTS,
        "another address has its own allowance"
    );
}
