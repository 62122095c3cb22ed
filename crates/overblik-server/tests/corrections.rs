//! Correction requests end to end, on both stores, through the real citizen and provider
//! APIs: a request followed from sent to corrected with every provider read in the
//! citizen's My Log; webhook deliveries to a real local receiver, signed, retried under the
//! same delivery id and accepted once; and bad reports, answers and webhook URLs refused
//! with every field named, leaving nothing stored and no CPR number in any answer.

mod common;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Duration as Days, Utc};
use chrono_tz::Europe::Copenhagen;
use common::{Backend, TestApp, deadline, sign_in};
use overblik_client::ProviderClient;
use overblik_model::RecordId;
use overblik_model::correction::MAX_ATTACHMENT_BYTES;
use overblik_server::corrections::webhook::{
    DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSettings,
    WebhookWorker, verify,
};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE, ORIGIN};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::fmt::Display;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Reports errors in the tax authority's deadline for them.
const CITIZEN: &str = "010190-1234";
/// Has a deadline of their own the citizen may not report on.
const NEIGHBOUR: &str = "020285-5678";
/// Holds the citizen's power of attorney to see only.
const READER: &str = "030380-1234";
/// Holds the citizen's power of attorney to see and act.
const HELPER: &str = "040480-1234";

const TAX: &str = "tax";
const TAX_NAME: &str = "Test provider tax";
/// The tax authority's own id of the citizen's deadline.
const RECORD: &str = "deadline-1";
const EXPLANATION: &str = "Fristen er forkert: jeg indsendte dokumentationen i oktober";

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01";
const HTML: &[u8] = b"<!doctype html><html><script>alert(1)</script></html>";

const HOOK_PATH: &str = "/overblik-hook";

// ---- the two sides ----

/// A server with the tax authority's deadline for the citizen and one for the neighbour.
struct Scenario {
    app: TestApp,
    client: ProviderClient,
    tax: Authority,
    /// The citizen's deadline in Overblik.
    record: RecordId,
}

async fn scenario(backend: Backend) -> Scenario {
    let app = TestApp::start_on(backend).await;
    let client = app.client(app.register(TAX, &["85"]).await);
    push(
        &client,
        vec![
            deadline(RECORD, 1, CITIZEN),
            deadline("deadline-neighbour", 1, NEIGHBOUR),
        ],
        "setup",
    )
    .await;
    let tax = Authority::signed_in(&app, &client).await;
    let record = record_id(&app, CITIZEN, RECORD).await;
    Scenario {
        app,
        client,
        tax,
        record,
    }
}

async fn push(client: &ProviderClient, records: Vec<Value>, key: &str) {
    let pushed = client
        .push(common::body(records), key)
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
}

/// The store's id of the record the authority calls `source_id`.
async fn record_id(app: &TestApp, national_id: &str, source_id: &str) -> RecordId {
    app.records_of(national_id)
        .await
        .into_iter()
        .find(|stored| stored.record.id.as_str() == source_id)
        .expect("stored")
        .id
}

/// An authority's system calling the provider API with a real access token.
struct Authority {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Authority {
    async fn signed_in(app: &TestApp, client: &ProviderClient) -> Self {
        let token = client.fetch_token().await.expect("a token").access_token;
        Self {
            http: reqwest::Client::new(),
            base: app.base_url.clone(),
            token,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/provider/v1{path}", self.base)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let request = self.http.get(self.url(path)).bearer_auth(&self.token);
        json_of(request.send().await.expect("answers")).await
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let request = self.http.post(self.url(path)).bearer_auth(&self.token);
        json_of(request.json(body).send().await.expect("answers")).await
    }

    async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let request = self.http.put(self.url(path)).bearer_auth(&self.token);
        json_of(request.json(body).send().await.expect("answers")).await
    }

    /// Fetches an attachment by the `href` the API gave for it.
    async fn download(&self, href: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{href}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("answers")
    }

    /// The requests a pull returns: only unacknowledged ones when `pending`, else all open.
    async fn pull(&self, pending: bool) -> Vec<Value> {
        let (status, list) = self.get(&format!("/corrections?pending={pending}")).await;
        assert_eq!(status, StatusCode::OK, "{list}");
        list["corrections"].as_array().expect("a list").clone()
    }

    async fn acknowledge(&self, id: &str, revision: i64) -> (StatusCode, Value) {
        self.post(
            &format!("/corrections/{id}/acknowledge"),
            &json!({ "revision": revision }),
        )
        .await
    }

    async fn answer(&self, id: &str, answer: &Value) -> (StatusCode, Value) {
        self.post(&format!("/corrections/{id}/answer"), answer)
            .await
    }
}

/// A signed-in citizen's browser calling the citizen API from Overblik's own pages.
struct Citizen {
    browser: reqwest::Client,
    base: String,
}

impl Citizen {
    async fn signed_in(app: &TestApp, national_id: &str) -> Self {
        let (browser, _) = sign_in(app, national_id).await;
        Self {
            browser,
            base: app.base_url.clone(),
        }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/api/citizen/v1{path}", self.base)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        json_of(
            self.browser
                .get(self.api(path))
                .send()
                .await
                .expect("answers"),
        )
        .await
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let request = self.browser.post(self.api(path)).header(ORIGIN, &self.base);
        json_of(request.json(body).send().await.expect("answers")).await
    }

    async fn report(&self, record: impl Display, body: &Value) -> (StatusCode, Value) {
        self.post(&format!("/records/{record}/corrections"), body)
            .await
    }

    /// The same report sent by a page on another site, riding on the citizen's cookie.
    async fn report_from(&self, origin: &str, record: impl Display, body: &Value) -> StatusCode {
        self.browser
            .post(self.api(&format!("/records/{record}/corrections")))
            .header(ORIGIN, origin)
            .json(body)
            .send()
            .await
            .expect("answers")
            .status()
    }

    async fn requests(&self) -> Vec<Value> {
        let (status, list) = self.get("/corrections").await;
        assert_eq!(status, StatusCode::OK, "{list}");
        list.as_array().expect("a list").clone()
    }

    async fn request(&self, id: &str) -> Value {
        let (status, request) = self.get(&format!("/corrections/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{request}");
        request
    }

    async fn withdraw(&self, id: &str) -> (StatusCode, Value) {
        self.post(&format!("/corrections/{id}/withdraw"), &json!({}))
            .await
    }

    /// The entries of My Log that `query` selects, newest first.
    async fn log(&self, query: &str) -> (StatusCode, Vec<Value>) {
        let (status, log) = self.get(&format!("/log{query}")).await;
        // Those awaiting their seal come first, newest of all.
        let entries = ["pending", "entries"]
            .into_iter()
            .filter_map(|list| log[list].as_array())
            .flatten()
            .map(|entry| entry["entry"].clone())
            .collect();
        (status, entries)
    }

    /// Gives `holder` a power of attorney over the economy area's deadlines with
    /// `permission`; the holder accepts it and starts acting on it.
    async fn give_power_of_attorney(&self, holder: &Citizen, holder_id: &str, permission: &str) {
        let today = Utc::now().with_timezone(&Copenhagen).date_naive();
        let (status, granted) = self
            .post(
                "/mandates",
                &json!({
                    "holder_national_id": holder_id, "holder_name": "Bo Hjælper",
                    "areas": ["economy"], "kinds": ["deadline"], "permission": permission,
                    "valid_from": today.to_string(),
                    "valid_until": (today + Days::days(30)).to_string()
                }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{granted}");
        let id = granted["id"].as_str().expect("an id");
        let (status, accepted) = holder
            .post(&format!("/mandates/{id}/accept"), &json!({}))
            .await;
        assert_eq!(status, StatusCode::OK, "{accepted}");
        let acting = holder
            .browser
            .put(holder.api("/acting"))
            .header(ORIGIN, &holder.base)
            .json(&json!({ "basis": format!("poa-{id}") }))
            .send()
            .await
            .expect("answers");
        assert_eq!(acting.status(), StatusCode::OK);
    }
}

// ---- bodies and answers ----

fn report_with(attachments: Vec<Value>) -> Value {
    json!({
        "kind": "wrong", "explanation": EXPLANATION, "field": "due", "value": "2026-12-15",
        "attachments": attachments
    })
}

fn upload(name: &str, content_type: &str, bytes: &[u8]) -> Value {
    json!({ "name": name, "content_type": content_type, "data": BASE64.encode(bytes) })
}

/// A PDF of exactly `size` bytes.
fn pdf_of_size(size: usize) -> Vec<u8> {
    let mut bytes = PDF.to_vec();
    bytes.resize(size, b' ');
    bytes
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The status and JSON body of an answer; an error must be a problem document.
async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("a body");
    if status.is_client_error() || status.is_server_error() {
        assert_eq!(content_type, "application/problem+json", "{status}: {text}");
    }
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn pointers(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| error["pointer"].as_str().expect("a pointer"))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks a refusal: its status, exactly the fields it names, and no CPR number in it.
fn assert_refused(case: &str, answer: (StatusCode, Value), status: StatusCode, named: &[&str]) {
    let (got, problem) = answer;
    assert_eq!(got, status, "{case}: {problem}");
    assert_eq!(problem["status"], status.as_u16(), "{case}: {problem}");
    assert_eq!(pointers(&problem), named, "{case}: {problem}");
    assert_no_cpr(case, &problem.to_string());
}

fn assert_no_cpr(case: &str, text: &str) {
    for national_id in [CITIZEN, NEIGHBOUR, READER, HELPER] {
        for written in [national_id.to_owned(), national_id.replace('-', "")] {
            assert!(
                !text.contains(&written),
                "{case} shows a CPR number: {text}"
            );
        }
    }
}

fn id_of(request: &Value) -> String {
    request["id"].as_str().expect("an id").to_owned()
}

fn ids(requests: &[Value]) -> Vec<String> {
    requests.iter().map(id_of).collect()
}

fn states(request: &Value) -> Vec<&str> {
    request["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|step| step["state"].as_str().expect("a state"))
        .collect()
}

fn step_times(request: &Value) -> Vec<DateTime<Utc>> {
    request["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|step| {
            step["at"]
                .as_str()
                .and_then(|at| at.parse().ok())
                .expect("a time")
        })
        .collect()
}

// ---- 1. the round trip ----

async fn a_request_goes_from_sent_to_corrected_and_each_provider_read_is_logged(backend: Backend) {
    let Scenario {
        app,
        client,
        tax,
        record,
    } = scenario(backend).await;
    let citizen = Citizen::signed_in(&app, CITIZEN).await;

    let (status, sent) = citizen
        .report(
            record,
            &report_with(vec![upload("bevis.pdf", "application/pdf", PDF)]),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["state"], "sent");
    assert_eq!(states(&sent), ["sent"]);
    assert_eq!(sent["record"], record.to_string());
    assert_eq!(sent["authority"], TAX_NAME);
    assert_eq!(sent["reported_by"], json!({"kind": "citizen"}));
    assert_eq!(sent["record_shows_correction"], false);
    assert_eq!(sent["attachments"][0]["content_type"], "application/pdf");
    assert_eq!(sent["attachments"][0]["sha256"], sha256_hex(PDF));
    let id = id_of(&sent);

    // The authority pulls it by its own record id and the version the citizen saw, and
    // learns nothing of who the citizen is beyond its own record.
    let pulled = tax.pull(true).await;
    assert_eq!(ids(&pulled), [id.as_str()]);
    let request = &pulled[0];
    assert_eq!(request["record"], json!({"id": RECORD, "version": 1}));
    assert_eq!(request["revision"], 1);
    assert_eq!(request["acknowledged_revision"], 0);
    assert_eq!(request["state"], "sent");
    assert_eq!(request["kind"], "wrong");
    assert_eq!(request["explanation"], EXPLANATION);
    assert_eq!(
        request["field"],
        json!({"field": "due", "value": "2026-12-15"})
    );
    assert_eq!(request["reported_by"], json!({"kind": "citizen"}));
    assert_no_cpr("the pulled request", &request.to_string());

    let (status, one) = tax.get(&format!("/corrections/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    assert_eq!(one["attachments"], request["attachments"]);
    let attachment = &one["attachments"][0];
    assert_eq!(attachment["size"], PDF.len());
    let fetched = tax
        .download(attachment["href"].as_str().expect("an href"))
        .await;
    assert_eq!(fetched.status(), StatusCode::OK);
    assert_eq!(fetched.headers()[CONTENT_TYPE], "application/pdf");
    let disposition = fetched.headers()[CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let bytes = fetched.bytes().await.expect("the file");
    assert_eq!(bytes.as_ref(), PDF);
    assert_eq!(attachment["sha256"], sha256_hex(&bytes));

    // Acknowledged: received, as the citizen sees it.
    let (status, acknowledged) = tax.acknowledge(&id, 1).await;
    assert_eq!(status, StatusCode::OK, "{acknowledged}");
    assert_eq!(acknowledged["acknowledged_revision"], 1);
    assert_eq!(citizen.request(&id).await["state"], "received");

    let looking = json!({"state": "in_progress", "note": "Vi undersøger sagen"});
    let (status, answered) = tax.answer(&id, &looking).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(citizen.request(&id).await["state"], "in_progress");

    let corrected =
        json!({"state": "corrected", "note": "Fristen er rettet", "corrected_version": 2});
    let (status, answered) = tax.answer(&id, &corrected).await;
    assert_eq!(status, StatusCode::OK, "{answered}");
    assert_eq!(answered["state"], "corrected");
    assert_eq!(answered["corrected_version"], 2);
    // The same answer again, as a client retries when the reply was lost: the same reply,
    // and no second step.
    let (status, again) = tax.answer(&id, &corrected).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again, answered);
    let before_push = citizen.request(&id).await;
    assert_eq!(before_push["state"], "corrected");
    assert_eq!(before_push["corrected_version"], 2);
    assert_eq!(
        before_push["record_shows_correction"], false,
        "version 2 is not pushed yet"
    );

    push(&client, vec![deadline(RECORD, 2, CITIZEN)], "corrected").await;
    let followed = citizen.request(&id).await;
    assert_eq!(
        states(&followed),
        ["sent", "received", "in_progress", "corrected"]
    );
    let times = step_times(&followed);
    assert!(
        times.windows(2).all(|pair| pair[0] <= pair[1]),
        "{followed}"
    );
    assert!(times[0] > Utc::now() - Days::minutes(5), "{followed}");
    assert_eq!(followed["steps"][2]["note"], "Vi undersøger sagen");
    assert_eq!(followed["steps"][3]["note"], "Fristen er rettet");
    assert_eq!(followed["state"], "corrected");
    assert_eq!(followed["record_shows_correction"], true);
    // Each answer is among the citizen's notifications and leads to the report; the answer
    // sent twice is told once.
    let (status, notifications) = common::page(
        &citizen.browser,
        &format!("{}/notifications?lang=en", citizen.base),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        notifications
            .matches("An authority has answered an error you reported.")
            .count(),
        2,
        "{notifications}"
    );
    assert!(
        notifications.contains(&format!("href=\"/reports/{id}\"")),
        "{notifications}"
    );
    let listed = citizen.requests().await;
    assert_eq!(ids(&listed), [id.as_str()]);
    assert_eq!(listed[0]["state"], "corrected");

    assert!(
        tax.pull(true).await.is_empty(),
        "nothing left to acknowledge"
    );
    assert!(tax.pull(false).await.is_empty(), "nothing left open");

    // The pull, the read of the request and the attachment: each in the citizen's log.
    let (status, reads) = citizen.log(&format!("?authority={TAX}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reads.len(), 3, "{reads:#?}");
    for entry in &reads {
        assert_eq!(entry["actor"]["kind"], "authority", "{entry}");
        assert_eq!(entry["actor"]["name"], TAX_NAME, "{entry}");
        assert_eq!(entry["purpose"], "correction_request", "{entry}");
        assert_eq!(entry["channel"], "provider_api", "{entry}");
        assert_eq!(
            entry["read"]["records"],
            json!([record.to_string()]),
            "{entry}"
        );
    }
    // And the citizen can find them by their purpose.
    let (status, by_purpose) = citizen.log("?purpose=correction_request").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "My Log refuses to filter by the purpose its own entries give"
    );
    assert_eq!(by_purpose.len(), 3, "{by_purpose:#?}");
}

// ---- 2. webhooks ----

/// A delivery as the receiver got it, and what it answered.
#[derive(Debug, Clone)]
struct Delivery {
    id: String,
    event: String,
    timestamp: i64,
    signature: String,
    body: Vec<u8>,
    answered: u16,
}

impl Delivery {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// The authority's webhook receiver: checks each delivery's signature with the published
/// key and answers 200 to a genuine one, 401 to a forged one, and 500 to the first attempt
/// of each delivery of the event `fails_first`.
#[derive(Debug, Clone)]
struct Receiver {
    public_key: String,
    fails_first: &'static str,
    seen: Arc<Mutex<Vec<Delivery>>>,
}

impl Receiver {
    async fn start(port: u16, public_key: &str, fails_first: &'static str) -> Self {
        let receiver = Self {
            public_key: public_key.to_owned(),
            fails_first,
            seen: Arc::default(),
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("binds the port the webhook was registered at");
        let router = axum::Router::new()
            .route(HOOK_PATH, axum::routing::post(receive))
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        receiver
    }

    /// Every attempt that reached the receiver, in order.
    fn seen(&self) -> Vec<Delivery> {
        self.seen.lock().expect("not poisoned").clone()
    }

    /// The attempts it answered 200.
    fn accepted(&self) -> Vec<Delivery> {
        self.seen()
            .into_iter()
            .filter(|delivery| delivery.answered == 200)
            .collect()
    }
}

async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::http::StatusCode {
    use axum::http::StatusCode as Answer;
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let delivery = Delivery {
        id: header(DELIVERY_HEADER),
        event: header(EVENT_HEADER),
        timestamp: header(TIMESTAMP_HEADER).parse().unwrap_or_default(),
        signature: header(SIGNATURE_HEADER),
        body: body.to_vec(),
        answered: 0,
    };
    let genuine = verify(
        &receiver.public_key,
        &delivery.id,
        delivery.timestamp,
        &delivery.body,
        &delivery.signature,
    );
    let mut seen = receiver.seen.lock().expect("not poisoned");
    let retry = seen.iter().any(|earlier| earlier.id == delivery.id);
    let answer = if !genuine {
        Answer::UNAUTHORIZED
    } else if delivery.event == receiver.fails_first && !retry {
        Answer::INTERNAL_SERVER_ERROR
    } else {
        Answer::OK
    };
    seen.push(Delivery {
        answered: answer.as_u16(),
        ..delivery
    });
    answer
}

/// A port nothing listens on (yet): bound, then let go.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

fn webhook_worker(app: &TestApp) -> WebhookWorker {
    WebhookWorker::new(
        app.state.clone(),
        WebhookSettings {
            retry_base: Duration::from_millis(50),
            lease: Duration::from_secs(30),
            poll_interval: Duration::from_millis(20),
            timeout: Duration::from_secs(5),
        },
    )
}

/// Runs the worker's rounds until `done` holds, for at most ten seconds.
async fn deliver_until(worker: &WebhookWorker, what: &str, done: impl Fn() -> bool) {
    for _ in 0..400 {
        worker.round().await.expect("the outbox is readable");
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{what}: not within ten seconds");
}

/// The value of one series in `/metrics`, 0 when it is not there.
async fn metric(app: &TestApp, series: &str) -> u64 {
    let text = reqwest::get(app.url("/metrics"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0)
}

const FAILED: &str = "overblik_correction_webhooks_total{result=\"failed\"}";
const DELIVERED: &str = "overblik_correction_webhooks_total{result=\"delivered\"}";

async fn webhook_backlog(app: &TestApp) -> u64 {
    metric(app, "overblik_correction_webhooks_due").await
        + metric(app, "overblik_correction_webhooks_waiting").await
}

async fn webhook_deliveries_are_signed_retried_and_accepted_once(backend: Backend) {
    let Scenario {
        app, tax, record, ..
    } = scenario(backend).await;
    let citizen = Citizen::signed_in(&app, CITIZEN).await;
    let (status, key) = json_of(
        reqwest::get(app.url("/api/provider/v1/webhook-key"))
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(key["kty"], "OKP", "{key}");
    assert_eq!(key["crv"], "Ed25519", "{key}");
    let public_key = key["x"].as_str().expect("the public key");

    // The webhook is registered while its receiver is down.
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}{HOOK_PATH}");
    let (status, registered) = tax.put("/webhook", &json!({ "url": url })).await;
    assert_eq!(status, StatusCode::OK, "{registered}");
    assert_eq!(tax.get("/webhook").await.1["url"], url);
    let (status, sent) = citizen.report(record, &report_with(Vec::new())).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let id = id_of(&sent);

    let worker = webhook_worker(&app);
    assert_eq!(worker.round().await.expect("a round"), 1, "due at once");
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(worker.round().await.expect("a round"), 1, "retried");
    assert_eq!(metric(&app, FAILED).await, 2);
    assert_eq!(metric(&app, DELIVERED).await, 0);
    assert_eq!(webhook_backlog(&app).await, 1, "the delivery waits");
    assert_eq!(citizen.request(&id).await["state"], "sent");
    assert_eq!(
        ids(&tax.pull(true).await),
        [id.as_str()],
        "not acknowledged"
    );

    // The receiver comes up, and answers 500 to the first try of each withdrawal.
    let receiver = Receiver::start(port, public_key, "correction.withdrawn").await;
    deliver_until(&worker, "the new request is delivered", || {
        receiver.accepted().len() == 1
    })
    .await;
    let news = &receiver.accepted()[0];
    assert_eq!(news.event, "correction.sent");
    let body = news.json();
    assert_eq!(body["delivery"], news.id);
    assert_eq!(body["event"], "correction.sent");
    assert_eq!(body["revision"], 1);
    assert_eq!(body["correction"]["id"], id);
    assert_eq!(body["correction"]["record"]["id"], RECORD);
    assert_eq!(body["correction"]["explanation"], EXPLANATION);
    assert_no_cpr("a webhook delivery", &body.to_string());
    // The signature holds for this body, delivery and time, and for nothing else.
    assert!(verify(
        public_key,
        &news.id,
        news.timestamp,
        &news.body,
        &news.signature
    ));
    let tampered = String::from_utf8(news.body.clone())
        .expect("UTF-8")
        .replace(EXPLANATION, "Alt er i orden");
    assert_ne!(tampered.as_bytes(), news.body.as_slice());
    assert!(!verify(
        public_key,
        &news.id,
        news.timestamp,
        tampered.as_bytes(),
        &news.signature
    ));
    assert!(!verify(
        public_key,
        &news.id,
        news.timestamp + 1,
        &news.body,
        &news.signature
    ));
    assert!(!verify(
        public_key,
        &id,
        news.timestamp,
        &news.body,
        &news.signature
    ));
    // Delivered counts as acknowledged, and the citizen sees it received.
    assert!(
        tax.pull(true).await.is_empty(),
        "acknowledged by the delivery"
    );
    assert_eq!(states(&citizen.request(&id).await), ["sent", "received"]);

    let (status, withdrawn) = citizen.withdraw(&id).await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    deliver_until(&worker, "the withdrawal is delivered", || {
        receiver.accepted().len() == 2
    })
    .await;
    // Rounds after that, past any retry's wait, send nothing more.
    for _ in 0..5 {
        worker.round().await.expect("a round");
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    let accepted = receiver.accepted();
    let events: Vec<&str> = accepted.iter().map(|d| d.event.as_str()).collect();
    assert_eq!(events, ["correction.sent", "correction.withdrawn"]);
    assert_ne!(accepted[0].id, accepted[1].id, "one delivery id per event");
    let withdrawal = &accepted[1];
    assert_eq!(withdrawal.json()["revision"], 2);
    assert_eq!(withdrawal.json()["correction"]["state"], "withdrawn");
    let answers: Vec<(&str, u16)> = receiver
        .seen()
        .iter()
        .map(|d| {
            (
                if d.id == withdrawal.id {
                    "withdrawal"
                } else {
                    "news"
                },
                d.answered,
            )
        })
        .collect();
    assert_eq!(
        answers,
        [("news", 200), ("withdrawal", 500), ("withdrawal", 200)],
        "the retry carries the same delivery id, and every signature is genuine"
    );
    assert!(
        tax.pull(true).await.is_empty(),
        "the withdrawal is acknowledged"
    );
    assert_eq!(citizen.request(&id).await["state"], "withdrawn");
    assert_eq!(metric(&app, FAILED).await, 3);
    assert_eq!(metric(&app, DELIVERED).await, 2);
    assert_eq!(webhook_backlog(&app).await, 0);
    // Each body the receiver took, refused or not, is a read by the authority in the log.
    let (_, reads) = citizen.log(&format!("?authority={TAX}")).await;
    let by_webhook = reads
        .iter()
        .filter(|entry| entry["channel"] == "webhook")
        .inspect(|entry| assert_eq!(entry["purpose"], "correction_request", "{entry}"))
        .count();
    assert_eq!(by_webhook, 3, "{reads:#?}");
}

// ---- 3. refusals ----

async fn a_bad_report_is_refused_with_each_field_named_and_nothing_stored(backend: Backend) {
    let Scenario {
        app, tax, record, ..
    } = scenario(backend).await;
    let citizen = Citizen::signed_in(&app, CITIZEN).await;
    let neighbours = record_id(&app, NEIGHBOUR, "deadline-neighbour").await;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let pdf = |name: &str| upload(name, "application/pdf", PDF);
    let cases = [
        (
            "a file over 5 MiB",
            report_with(vec![upload(
                "big.pdf",
                "application/pdf",
                &pdf_of_size(MAX_ATTACHMENT_BYTES + 1),
            )]),
            vec!["/attachments/0/data"],
        ),
        (
            "HTML claiming to be a PDF",
            report_with(vec![upload("page.pdf", "application/pdf", HTML)]),
            vec!["/attachments/0/data"],
        ),
        (
            "a PNG claiming to be a PDF",
            report_with(vec![
                pdf("ok.pdf"),
                upload("photo.pdf", "application/pdf", PNG),
            ]),
            vec!["/attachments/1/content_type"],
        ),
        (
            "four files",
            report_with(vec![pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf"), pdf("4.pdf")]),
            vec!["/attachments"],
        ),
        (
            "a file not in base64",
            report_with(vec![
                json!({"name": "x.pdf", "content_type": "application/pdf",
                                    "data": "%PDF not base64!"}),
            ]),
            vec!["/attachments/0/data"],
        ),
        (
            "no explanation and an unknown kind",
            json!({"kind": "gossip", "explanation": "   "}),
            vec!["/kind", "/explanation"],
        ),
        (
            "a field without what it should say",
            json!({"kind": "missing", "explanation": EXPLANATION, "field": "due"}),
            vec!["/value"],
        ),
        (
            "control characters, which no store keeps alike",
            json!({"kind": "wrong", "explanation": "a\u{0}b", "field": "due\u{7}",
                   "value": "x\u{1b}"}),
            vec!["/explanation", "/field", "/value"],
        ),
    ];
    for (case, body, named) in cases {
        assert_refused(
            case,
            citizen.report(record, &body).await,
            unprocessable,
            &named,
        );
    }
    let png_as_pdf = report_with(vec![upload("photo.pdf", "application/pdf", PNG)]);
    assert_refused(
        "the first file a PNG claiming to be a PDF",
        citizen.report(record, &png_as_pdf).await,
        unprocessable,
        &["/attachments/0/content_type"],
    );
    let good = report_with(vec![pdf("bevis.pdf")]);
    assert_refused(
        "a report on another citizen's record",
        citizen.report(neighbours, &good).await,
        StatusCode::NOT_FOUND,
        &[],
    );
    assert_refused(
        "a report on no record",
        citizen.report("not-a-record", &good).await,
        StatusCode::NOT_FOUND,
        &[],
    );
    assert_eq!(
        citizen
            .report_from("https://evil.example", record, &good)
            .await,
        StatusCode::FORBIDDEN,
        "a page on another site cannot report for the citizen"
    );
    let anonymous = reqwest::Client::new()
        .post(citizen.api(&format!("/records/{record}/corrections")))
        .json(&good)
        .send()
        .await
        .expect("answers");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    assert!(citizen.requests().await.is_empty(), "nothing was stored");
    assert!(tax.pull(true).await.is_empty(), "nothing was sent");
    assert!(tax.pull(false).await.is_empty(), "nothing is open");
    assert_eq!(
        citizen.report_from(&app.base_url, record, &good).await,
        StatusCode::CREATED,
        "the same report from Overblik's own pages is sent"
    );
    // The largest file allowed goes through.
    let largest = pdf_of_size(MAX_ATTACHMENT_BYTES);
    let (status, sent) = citizen
        .report(
            record,
            &report_with(vec![upload("largest.pdf", "application/pdf", &largest)]),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    assert_eq!(sent["attachments"][0]["size"], MAX_ATTACHMENT_BYTES);
    assert_eq!(citizen.requests().await.len(), 2);
}

async fn a_read_only_proxy_may_not_report_and_one_who_may_act_may(backend: Backend) {
    let Scenario {
        app, tax, record, ..
    } = scenario(backend).await;
    let grantor = Citizen::signed_in(&app, CITIZEN).await;
    let reader = Citizen::signed_in(&app, READER).await;
    let helper = Citizen::signed_in(&app, HELPER).await;
    grantor
        .give_power_of_attorney(&reader, READER, "read")
        .await;
    grantor
        .give_power_of_attorney(&helper, HELPER, "read_and_act")
        .await;

    // The reader sees the record, but may not report on it.
    let (status, seen) = reader.get(&format!("/records/{record}")).await;
    assert_eq!(status, StatusCode::OK, "{seen}");
    let good = report_with(vec![upload("bevis.pdf", "application/pdf", PDF)]);
    let refused = reader.report(record, &good).await;
    assert_eq!(refused.1["type"], "urn:overblik:problem:read-only");
    assert_refused(
        "a read-only proxy's report",
        refused,
        StatusCode::FORBIDDEN,
        &[],
    );
    assert!(grantor.requests().await.is_empty(), "nothing was stored");
    assert!(tax.pull(true).await.is_empty(), "nothing was sent");

    let (status, sent) = helper.report(record, &good).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let proxy = json!({"kind": "proxy", "name": "Bo Hjælper", "basis": "power_of_attorney"});
    assert_eq!(sent["reported_by"], proxy);
    let id = id_of(&sent);
    let pulled = tax.pull(true).await;
    assert_eq!(ids(&pulled), [id.as_str()]);
    assert_eq!(pulled[0]["reported_by"], proxy);
    assert_no_cpr("the pulled request", &pulled[0].to_string());
    let own = grantor.requests().await;
    assert_eq!(ids(&own), [id.as_str()]);
    assert_eq!(own[0]["reported_by"]["kind"], "proxy");

    // Nor may the reader withdraw it.
    assert_refused(
        "a read-only proxy's withdrawal",
        reader.withdraw(&id).await,
        StatusCode::FORBIDDEN,
        &[],
    );
    assert_eq!(grantor.request(&id).await["state"], "sent");
}

async fn a_bad_answer_or_acknowledgement_changes_nothing(backend: Backend) {
    let Scenario {
        app, tax, record, ..
    } = scenario(backend).await;
    let health =
        Authority::signed_in(&app, &app.client(app.register("health", &["89"]).await)).await;
    let citizen = Citizen::signed_in(&app, CITIZEN).await;
    let (status, sent) = citizen.report(record, &report_with(Vec::new())).await;
    assert_eq!(status, StatusCode::CREATED, "{sent}");
    let id = id_of(&sent);
    let (_, before) = tax.get(&format!("/corrections/{id}")).await;

    // Another authority: as if there were no such request.
    let corrected = json!({"state": "corrected", "note": "Rettet", "corrected_version": 2});
    let not_found = StatusCode::NOT_FOUND;
    assert_refused(
        "another authority's answer",
        health.answer(&id, &corrected).await,
        not_found,
        &[],
    );
    assert_refused(
        "another authority's acknowledgement",
        health.acknowledge(&id, 1).await,
        not_found,
        &[],
    );
    assert_refused(
        "another authority's read",
        health.get(&format!("/corrections/{id}")).await,
        not_found,
        &[],
    );
    assert!(health.pull(false).await.is_empty());

    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    assert_refused(
        "revision 2, not sent",
        tax.acknowledge(&id, 2).await,
        unprocessable,
        &["/revision"],
    );
    assert_refused(
        "revision 0",
        tax.acknowledge(&id, 0).await,
        unprocessable,
        &["/revision"],
    );
    let answers = [
        (
            "a rejection without a note",
            json!({"state": "rejected"}),
            "/note",
        ),
        (
            "a rejection with a blank note",
            json!({"state": "rejected", "note": "  "}),
            "/note",
        ),
        (
            "a note too long",
            json!({"state": "rejected", "note": "x".repeat(2001)}),
            "/note",
        ),
        (
            "a note with a control character",
            json!({"state": "rejected", "note": "Nej\u{0}"}),
            "/note",
        ),
        ("an unknown state", json!({"state": "done"}), "/state"),
        (
            "a corrected version not newer",
            json!({"state": "corrected", "corrected_version": 1}),
            "/corrected_version",
        ),
        (
            "a corrected version while in progress",
            json!({"state": "in_progress", "corrected_version": 2}),
            "/corrected_version",
        ),
    ];
    for (case, answer, named) in answers {
        assert_refused(
            case,
            tax.answer(&id, &answer).await,
            unprocessable,
            &[named],
        );
    }
    let (_, after) = tax.get(&format!("/corrections/{id}")).await;
    assert_eq!(after, before, "the request is as it was");
    assert_eq!(states(&citizen.request(&id).await), ["sent"]);
    assert_eq!(
        ids(&tax.pull(true).await),
        [id.as_str()],
        "still to acknowledge"
    );

    // Withdrawn, it takes no answer.
    let (status, withdrawn) = citizen.withdraw(&id).await;
    assert_eq!(status, StatusCode::OK, "{withdrawn}");
    let conflict = StatusCode::CONFLICT;
    for answer in [json!({"state": "in_progress"}), corrected] {
        let refused = tax.answer(&id, &answer).await;
        assert_eq!(refused.1["type"], "urn:overblik:problem:correction-settled");
        assert_refused("an answer to a withdrawn request", refused, conflict, &[]);
    }
    assert_refused(
        "a second withdrawal",
        citizen.withdraw(&id).await,
        conflict,
        &[],
    );
    assert_eq!(states(&citizen.request(&id).await), ["sent", "withdrawn"]);

    // A webhook only over https, or plain http to this machine.
    for url in [json!("http://example.org"), json!("not a url"), Value::Null] {
        let refused = tax.put("/webhook", &json!({ "url": url })).await;
        assert_refused(
            &format!("the webhook {url}"),
            refused,
            unprocessable,
            &["/url"],
        );
    }
    assert_eq!(
        tax.get("/webhook").await.1,
        json!({"url": null}),
        "none registered"
    );
}

on_each_backend!(
    a_request_goes_from_sent_to_corrected_and_each_provider_read_is_logged,
    webhook_deliveries_are_signed_retried_and_accepted_once,
    a_bad_report_is_refused_with_each_field_named_and_nothing_stored,
    a_read_only_proxy_may_not_report_and_one_who_may_act_may,
    a_bad_answer_or_acknowledgement_changes_nothing,
);
