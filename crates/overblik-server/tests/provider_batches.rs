//! The batch endpoint through the real HTTP API: retries, versions, atomicity and bad input.

mod common;

use common::{Backend, TestApp, body, deadline, debt, page, pointers, sign_in};
use serde_json::{Value, json};

const CITIZEN: &str = "010190-1234";

struct Pusher {
    app: TestApp,
    token: String,
}

impl Pusher {
    async fn start(backend: Backend) -> Self {
        Self::with_app(TestApp::start_on(backend).await).await
    }

    async fn with_app(app: TestApp) -> Self {
        let key = app.register("tax", &["85"]).await;
        let token = app
            .client(key)
            .fetch_token()
            .await
            .expect("a token")
            .access_token;
        Self { app, token }
    }

    async fn send(&self, key: &str, content: Vec<u8>) -> (u16, reqwest::header::HeaderMap, Value) {
        let response = self
            .app
            .post_batch(&self.token, "application/json", Some(key), content)
            .await;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (
            status,
            headers,
            response.json().await.unwrap_or(Value::Null),
        )
    }

    /// Sends a body that must be refused with `status`; returns the problem and checks nothing was written.
    async fn refused(&self, status: u16, content: Vec<u8>) -> Value {
        let (got, headers, problem) = self.send(&uuid::Uuid::new_v4().to_string(), content).await;
        assert_eq!(got, status, "{problem}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(problem["status"], status);
        assert_eq!(self.app.count().await, 0, "nothing may be written");
        problem
    }
}

async fn a_batch_is_written_and_its_receipt_counts_it(backend: Backend) {
    let pusher = Pusher::start(backend).await;
    let content = body(vec![deadline("d1", 1, CITIZEN), debt("g1", CITIZEN)]);
    let (status, _, receipt) = pusher.send("k1", content).await;
    assert_eq!(status, 200, "{receipt}");
    assert_eq!(
        (receipt["upserted"].as_u64(), receipt["deleted"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(pusher.app.records_of(CITIZEN).await.len(), 2);
}

async fn a_retried_batch_returns_the_first_answer_and_writes_nothing_twice(backend: Backend) {
    let pusher = Pusher::start(backend).await;
    let content = body(vec![deadline("d1", 1, CITIZEN)]);
    let (_, first_headers, first) = pusher.send("retry", content.clone()).await;
    assert!(!first_headers.contains_key("idempotent-replayed"));
    let (status, headers, again) = pusher.send("retry", content).await;
    assert_eq!(status, 200);
    assert_eq!(again, first);
    assert_eq!(headers["idempotent-replayed"], "true");
    let records = pusher.app.records_of(CITIZEN).await;
    assert_eq!(records.len(), 1);
    // Reusing the key for another batch is refused and writes nothing.
    let (status, _, problem) = pusher
        .send("retry", body(vec![deadline("d2", 1, CITIZEN)]))
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        problem["type"],
        "urn:overblik:problem:idempotency-key-reused"
    );
    assert_eq!(pusher.app.count().await, 1);
}

async fn stale_versions_are_listed_and_not_written(backend: Backend) {
    let pusher = Pusher::start(backend).await;
    pusher
        .send("k1", body(vec![deadline("d1", 3, CITIZEN)]))
        .await;
    let (status, _, receipt) = pusher
        .send(
            "k2",
            body(vec![deadline("d1", 2, CITIZEN), deadline("d2", 1, CITIZEN)]),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(receipt["upserted"], 1);
    assert_eq!(
        receipt["stale"],
        json!([{"id": "d1", "version": 2, "current_version": 3}])
    );
    let records = pusher.app.records_of(CITIZEN).await;
    let d1 = records
        .iter()
        .find(|r| r.record.id.as_str() == "d1")
        .expect("d1");
    assert_eq!(d1.record.version.get(), 3);
}

async fn one_bad_record_in_ten_thousand_writes_nothing(backend: Backend) {
    let pusher = Pusher::start(backend).await;
    let mut records: Vec<Value> = (0..10_000)
        .map(|i| deadline(&format!("d{i}"), 1, CITIZEN))
        .collect();
    records[7_345]["details"]["due"] = json!("2026-02-30");
    let problem = pusher.refused(422, body(records)).await;
    assert_eq!(pointers(&problem), ["/upserts/7345/details/due"]);
}

#[tokio::test]
async fn more_than_ten_thousand_records_are_refused() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    let records: Vec<Value> = (0..10_001)
        .map(|i| deadline(&format!("d{i}"), 1, CITIZEN))
        .collect();
    let problem = pusher.refused(422, body(records)).await;
    assert_eq!(pointers(&problem), ["/upserts"]);
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_413() {
    let pusher = Pusher::with_app(TestApp::start_with_body_limit(64 * 1024).await).await;
    let records: Vec<Value> = (0..1_000)
        .map(|i| deadline(&format!("d{i}"), 1, CITIZEN))
        .collect();
    let problem = pusher.refused(413, body(records)).await;
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("65536 bytes")
    );
}

#[tokio::test]
async fn wrong_content_types_are_refused_with_415() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
        let response = pusher
            .app
            .post_batch(
                &pusher.token,
                content_type,
                Some("k"),
                body(vec![deadline("d", 1, CITIZEN)]),
            )
            .await;
        assert_eq!(response.status(), 415, "{content_type}");
    }
    let response = pusher
        .app
        .post_batch(
            &pusher.token,
            "application/json; charset=utf-8",
            Some("k"),
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await;
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn malformed_json_is_refused_with_its_position() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    let problem = pusher
        .refused(400, b"{\"upserts\": [ {\"id\": \"a\",, }".to_vec())
        .await;
    assert_eq!(problem["type"], "urn:overblik:problem:malformed-json");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .starts_with("at line 1, column")
    );
    pusher.refused(400, b"".to_vec()).await;
    pusher.refused(400, vec![0xff, 0xfe, 0x00]).await;
    pusher.refused(422, b"[1, 2, 3]".to_vec()).await;
}

#[tokio::test]
async fn a_missing_idempotency_key_is_refused() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    let response = pusher
        .app
        .post_batch(
            &pusher.token,
            "application/json",
            None,
            body(vec![deadline("d", 1, CITIZEN)]),
        )
        .await;
    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.expect("json");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("Idempotency-Key")
    );
}

/// Each class of bad field, each named by its pointer, and none written.
#[tokio::test]
async fn every_class_of_bad_field_is_named_by_pointer() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "unknown field",
            json!({"colour": "red"}),
            "/upserts/0/colour",
        ),
        (
            "unknown detail field",
            json!({"details": {"due": "2026-12-01", "action": "x", "extra": 1}}),
            "/upserts/0/details/extra",
        ),
        (
            "impossible date",
            json!({"details": {"due": "2026-02-29", "action": "x"}}),
            "/upserts/0/details/due",
        ),
        (
            "impossible time",
            json!({"updated_at": "2026-11-01T25:00:00Z"}),
            "/upserts/0/updated_at",
        ),
        (
            "negative version",
            json!({"version": -3}),
            "/upserts/0/version",
        ),
        (
            "bad national id",
            json!({"subject": "999999-9999"}),
            "/upserts/0/subject",
        ),
        (
            "unknown kind",
            json!({"kind": "spaceship"}),
            "/upserts/0/kind",
        ),
        (
            "unknown classification",
            json!({"classification": "77.77"}),
            "/upserts/0/classification",
        ),
        (
            "overlong string",
            json!({"title": {"da": "x".repeat(201)}}),
            "/upserts/0/title/da",
        ),
        (
            "control character",
            json!({"title": {"da": "Frist\u{0007}"}}),
            "/upserts/0/title/da",
        ),
        (
            "non-https link",
            json!({"link": "http://example.dk"}),
            "/upserts/0/link",
        ),
        (
            "missing details",
            json!({"details": null}),
            "/upserts/0/details",
        ),
    ];
    for (name, patch, pointer) in cases {
        let mut record = deadline("d1", 1, CITIZEN);
        merge(&mut record, &patch);
        let problem = pusher.refused(422, body(vec![record])).await;
        assert_eq!(pointers(&problem), [pointer], "{name}");
    }
    let money_cases: Vec<(&str, Value, &str)> = vec![
        (
            // A negative principal is a credit note; negative fees are nothing.
            "negative amount",
            json!({"fees": -10}),
            "/upserts/0/details/fees",
        ),
        (
            "non-numeric amount",
            json!({"interest": "12,50"}),
            "/upserts/0/details/interest",
        ),
        (
            "fractions of øre",
            json!({"fees": 1.001}),
            "/upserts/0/details/fees",
        ),
    ];
    for (name, patch, pointer) in money_cases {
        let mut record = debt("g1", CITIZEN);
        merge(&mut record["details"], &patch);
        let problem = pusher.refused(422, body(vec![record])).await;
        assert_eq!(pointers(&problem), [pointer], "{name}");
    }
}

#[tokio::test]
async fn all_offending_records_are_listed_at_once() {
    let pusher = Pusher::start(Backend::Sqlite).await;
    let mut first = deadline("a", 1, CITIZEN);
    first["version"] = json!("one");
    let mut second = debt("b", CITIZEN);
    second["details"]["fees"] = json!(-1);
    second["details"]["due"] = json!("tomorrow");
    let problem = pusher
        .refused(422, body(vec![first, deadline("ok", 1, CITIZEN), second]))
        .await;
    assert_eq!(
        pointers(&problem),
        [
            "/upserts/0/version",
            "/upserts/2/details/due",
            "/upserts/2/details/fees"
        ]
    );
    let message = problem.to_string();
    assert!(
        !message.contains("010190"),
        "no national identifier in errors"
    );
}

#[tokio::test]
async fn unknown_api_paths_and_methods_answer_with_problems() {
    let app = TestApp::start().await;
    let response = app
        .http
        .get(app.url("/api/provider/v1/nothing"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let response = app
        .http
        .get(app.url("/api/provider/v1/batches"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 405);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

async fn health_and_metrics_answer(backend: Backend) {
    let pusher = Pusher::start(backend).await;
    pusher
        .send("k1", body(vec![deadline("d1", 1, CITIZEN)]))
        .await;
    let health = pusher
        .app
        .http
        .get(pusher.app.url("/healthz"))
        .send()
        .await
        .expect("answers");
    assert_eq!(health.status(), 200);
    let metrics = pusher
        .app
        .http
        .get(pusher.app.url("/metrics"))
        .send()
        .await
        .expect("answers");
    let text = metrics.text().await.expect("text");
    assert!(
        text.contains(r#"overblik_provider_batches_total{provider="tax",outcome="applied"} 1"#),
        "{text}"
    );
    assert!(
        text.contains(r#"overblik_provider_records_total{provider="tax",result="upserted"} 1"#)
    );
    assert!(text.contains("overblik_http_requests_total"));
}

/// A record for `CITIZEN` of `kind` under `classification`, as a provider sends it. Amounts
/// are sent in the form Overblik gives them back (with their currency, as decimals) and times
/// in UTC, so that what is read back can be compared with what was sent as it is.
fn record(id: &str, kind: &str, classification: &str, details: Value) -> Value {
    json!({
        "id": id, "version": 1, "subject": CITIZEN, "kind": kind,
        "classification": classification, "updated_at": "2026-11-21T09:00:00Z",
        "title": {"en": format!("Record {id}")}, "details": details
    })
}

fn kroner(amount: f64) -> Value {
    json!({"amount": amount, "currency": "DKK"})
}

fn debt_in(id: &str, status: &str, outstanding: f64) -> Value {
    record(
        id,
        "debt",
        "86.01",
        json!({"creditor": "Gemeente Voorbeeld", "principal": kroner(outstanding),
               "interest": kroner(0.0), "fees": kroner(0.0), "outstanding": kroner(outstanding),
               "due": "2026-12-20", "debt_status": status}),
    )
}

fn fact(id: &str, fact: &str, classification: &str) -> Value {
    record(
        id,
        "register_fact",
        classification,
        json!({"fact": fact, "valid_from": "2021-04-01",
               "attributes": [{"name": {"en": "Register number"}, "value": format!("{id}-417")}]}),
    )
}

/// One record of each shape the model grew for real data (a case's number, description,
/// place and expected decision, a decision valid with no end date, a benefit in kind used
/// beyond what was granted, the new debt states, a contact, a letter's text, an
/// appointment's cancel link and check-in code, the new register facts): each is pushed,
/// read back through the citizen API exactly as it was sent, and shown on its page.
async fn every_new_shape_reads_back_as_sent_and_shows_on_its_page(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let city = app.client(
        app.register("city", &["02", "27", "85", "86", "89", "92"])
            .await,
    );
    let sent = vec![
        record(
            "c-open",
            "case",
            "02.34.02",
            json!({
                "status_history": [{"status": {"en": "Received"}, "at": "2026-10-02T07:12:00Z", "final": false}],
                "case_number": "BYG-2026-004171",
                "description": "An extension of 24 m² towards the garden.\nThe neighbours have been heard.",
                "place": "Egevej 12, 8000 Eksempelby",
                "expected_decision": "2027-01-15"
            }),
        ),
        record(
            "c-decided",
            "case",
            "02.34.02",
            json!({
                "status_history": [{"status": {"en": "Granted"}, "at": "2026-11-20T10:00:00Z", "final": true}],
                "decision": {"text": "The permit is granted.", "date": "2026-11-20",
                             "appeal_by": "2027-01-15", "valid_from": "2026-12-01"}
            }),
        ),
        record(
            "b-care",
            "benefit",
            "27.01",
            json!({
                "granted_from": "2026-06-01", "repayable": false,
                "in_kind": {"unit": {"nl": "uur", "en": "hours"}, "granted": 6, "used": 7.5, "period": "weekly"}
            }),
        ),
        debt_in("g-dispute", "in_dispute", 200.5),
        debt_in("g-debit", "direct_debit", 100.25),
        debt_in("g-cancelled", "cancelled", 999.75),
        record(
            "k-visit",
            "contact",
            "86",
            json!({
                "channel": "visit", "direction": "to_citizen", "at": "2026-11-20T09:05:00Z",
                "summary": "Explained why the bill is disputed.\nA letter follows.",
                "with_whom": "Anna Bakker, Klantcontactcentrum"
            }),
        ),
        record(
            "d-letter",
            "document",
            "85.01",
            json!({
                "category": "message", "date": "2026-11-19", "sender": "Belastingdienst",
                "body": "Dear citizen,\n\nYour refund is on its way.\n\nKind regards"
            }),
        ),
        record(
            "a-visit",
            "appointment",
            "89.02",
            json!({
                "start": "2026-12-08T08:30:00Z", "end": "2026-12-08T09:15:00Z",
                "place": "Stadskantoor, balie 3",
                "cancel_link": "https://afspraken.example.nl/annuleren/417",
                "check_in_code": "A-417"
            }),
        ),
        fact("f-mandate", "payment_mandate", "85"),
        fact("f-leasehold", "leasehold", "02"),
        fact("f-vessel", "vessel", "92.03"),
    ];
    let pushed = city
        .push(body(sent.clone()), "new-shapes")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);

    let (browser, _) = sign_in(&app, CITIZEN).await;
    let stored = app.records_of(CITIZEN).await;
    let page_of = |source_id: &str| {
        let id = stored
            .iter()
            .find(|stored| stored.record.id.as_str() == source_id)
            .expect("stored")
            .id;
        format!("/records/{id}")
    };
    for record in &sent {
        let source_id = record["id"].as_str().expect("an id");
        let path = page_of(source_id);
        let response = browser
            .get(app.url(&format!("/api/citizen/v1{path}")))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200, "{source_id}");
        let read: Value = response.json().await.expect("json");
        let mut expected = record.clone();
        expected
            .as_object_mut()
            .expect("an object")
            .remove("subject");
        assert_eq!(read["record"], expected, "{source_id} reads back as sent");
    }

    let shows =
        |source_id: &'static str, language: &'static str, texts: &'static [&'static str]| {
            let (browser, path) = (&browser, page_of(source_id));
            let url = app.url(&format!("{path}?lang={language}"));
            async move {
                let (status, html) = page(browser, &url).await;
                assert_eq!(status, 200, "{url}");
                for text in texts {
                    assert!(html.contains(text), "{source_id}: {text} in {html}");
                }
            }
        };
    shows(
        "c-open",
        "en",
        &[
            "Case number",
            "BYG-2026-004171",
            "Address or place",
            "Egevej 12, 8000 Eksempelby",
            "Decision expected",
            "15 Jan 2027",
            "About the case",
            "<p class=\"text\">An extension of 24 m² towards the garden.\nThe neighbours",
        ],
    )
    .await;
    shows(
        "c-decided",
        "en",
        &[
            "Valid from 1 Dec 2026, with no end date.",
            "You can appeal until 15 Jan 2027.",
        ],
    )
    .await;
    shows("c-decided", "da", &["Gælder fra 1.12.2026 uden slutdato."]).await;
    shows(
        "b-care",
        "en",
        &[
            "What you are granted",
            "<dd>6 hours</dd>",
            "<dd>Every week</dd>",
            "<dd>7.5 hours</dd>",
            "<dd>None: 1.5 hours more than granted</dd>",
        ],
    )
    .await;
    shows(
        "b-care",
        "da",
        &["<dd>Intet: 1,5 hours mere end bevilget</dd>"],
    )
    .await;
    shows("g-dispute", "en", &["<dd>Disputed</dd>"]).await;
    shows(
        "g-debit",
        "en",
        &["<dd>Paid by direct debit from your account</dd>"],
    )
    .await;
    shows("g-cancelled", "da", &["<dd>Annulleret</dd>"]).await;
    shows(
        "k-visit",
        "en",
        &[
            "Contact with the authority",
            "<dd>Visit in person</dd>",
            "<dd>The authority contacted you</dd>",
            "<dd>Anna Bakker, Klantcontactcentrum</dd>",
            "What it was about",
            "Explained why the bill is disputed.\nA letter follows.",
        ],
    )
    .await;
    shows(
        "d-letter",
        "en",
        &[
            "The text",
            "<p class=\"text\">Dear citizen,\n\nYour refund is on its way.\n\nKind regards</p>",
        ],
    )
    .await;
    shows(
        "a-visit",
        "en",
        &[
            "Check-in code",
            "<dd>A-417</dd>",
            "href=\"https://afspraken.example.nl/annuleren/417\"",
            "Cancel the appointment",
        ],
    )
    .await;
    shows(
        "f-mandate",
        "en",
        &["<dd>Direct debit mandates</dd>", "<dd>No end date</dd>"],
    )
    .await;
    shows("f-leasehold", "en", &["<dd>Leasehold</dd>"]).await;
    shows(
        "f-vessel",
        "da",
        &["<dd>Skibe og både</dd>", "<dd>Ingen slutdato</dd>"],
    )
    .await;

    // What is owed: the disputed and the direct-debited debts, not the cancelled one; the
    // direct debit falls due in the coming weeks or later, the disputed debt is not pressed.
    let overview: Value = browser
        .get(app.url("/api/citizen/v1/overview"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(
        overview["attention"]["total_owed"],
        json!([kroner(300.75)]),
        "{overview}"
    );
    let (_, calendar) = page(
        &browser,
        &app.url(&format!("{}/calendar.ics?lang=en", page_of("a-visit"))),
    )
    .await;
    assert!(calendar.contains("Check-in code: A-417"), "{calendar}");
    let (_, area) = page(&browser, &app.url("/areas/economy?lang=en")).await;
    assert!(area.contains("Contact with the authority"), "{area}");
    let (_, registers) = page(&browser, &app.url("/registers?lang=en")).await;
    for heading in ["Direct debit mandates", "Leasehold", "Vessels"] {
        assert!(registers.contains(heading), "{heading} in {registers}");
    }
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                match (target.get_mut(key), value) {
                    (Some(existing @ Value::Object(_)), Value::Object(_)) => merge(existing, value),
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

on_each_backend!(
    a_batch_is_written_and_its_receipt_counts_it,
    a_retried_batch_returns_the_first_answer_and_writes_nothing_twice,
    stale_versions_are_listed_and_not_written,
    one_bad_record_in_ten_thousand_writes_nothing,
    health_and_metrics_answer,
    every_new_shape_reads_back_as_sent_and_shows_on_its_page,
);
