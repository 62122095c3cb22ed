//! The batch endpoint through the real HTTP API: retries, versions, atomicity and bad input.

mod common;

use common::{Backend, TestApp, body, deadline, debt, pointers};
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
            "negative amount",
            json!({"principal": -10}),
            "/upserts/0/details/principal",
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
    second["details"]["principal"] = json!(-1);
    second["details"]["due"] = json!("tomorrow");
    let problem = pusher
        .refused(422, body(vec![first, deadline("ok", 1, CITIZEN), second]))
        .await;
    assert_eq!(
        pointers(&problem),
        [
            "/upserts/0/version",
            "/upserts/2/details/principal",
            "/upserts/2/details/due"
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
);
