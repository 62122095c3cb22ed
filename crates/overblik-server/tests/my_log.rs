//! "My Log" over HTTP: the citizen's entries with their proofs, filters and their errors,
//! entries hidden until a date, the export, and the public checkpoint and proof endpoints.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, Sealed, TestApp, body, browser, deadline, page, sign_in, subject};
use overblik_ledger::entry::{AccessEntry, Actor, ActorKind, Channel, WhatWasRead};
use overblik_ledger::verify::{check_entry, check_extends};
use overblik_ledger::{RecordProof, TreeProof, checkpoint};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::Digest;

const CITIZEN: &str = "010190-1234";
const NEIGHBOUR: &str = "020285-5678";

async fn seeded() -> TestApp {
    let app = TestApp::start().await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let pushed = tax
        .push(body(vec![deadline("mine", 1, CITIZEN)]), "seed")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    app
}

/// An authority's use of the citizen's data, recorded as its report would be.
fn authority_use(national_id: &str, hidden_until: Option<chrono::DateTime<Utc>>) -> AccessEntry {
    AccessEntry {
        at: Utc::now(),
        actor: Actor {
            kind: ActorKind::Authority,
            id: "tax".into(),
            name: "Test provider tax".into(),
            system: Some("Assessment".into()),
            person: None,
        },
        subject: subject(national_id),
        on_behalf_of: None,
        read: WhatWasRead {
            description: Some("Income for 2026".into()),
            ..WhatWasRead::default()
        },
        purpose: "control".into(),
        legal_basis: Some("Tax Control Act § 1".into()),
        channel: Channel::Authority,
        request_id: None,
        hidden_until,
    }
}

async fn json(browser: &reqwest::Client, url: &str) -> (StatusCode, Value) {
    let response = browser.get(url).send().await.expect("answers");
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn the_log_lists_the_citizens_entries_newest_first_each_proven() {
    let app = seeded().await;
    app.ledger
        .record(authority_use(CITIZEN, None))
        .await
        .expect("durable");
    app.ledger
        .record(authority_use(NEIGHBOUR, None))
        .await
        .expect("durable");
    let (browser, _) = sign_in(&app, CITIZEN).await;
    page(&browser, &app.url("/")).await;
    // What came before is sealed by the schedule's next checkpoint; this very read may wait.
    app.ledger.integrate().await.expect("signs");
    let (status, log) = json(&browser, &app.url("/api/citizen/v1/log")).await;
    assert_eq!(status, StatusCode::OK, "{log}");
    // This very read of the log awaits its seal; the overview and the authority's use
    // before it are sealed and proven.
    let pending = log["pending"].as_array().expect("pending");
    assert_eq!(pending.len(), 1, "{log}");
    assert_eq!(pending[0]["entry"]["read"]["description"], "access_log");
    let entries = log["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 2, "{log}");
    assert_eq!(entries[0]["entry"]["purpose"], "self_service");
    assert_eq!(entries[1]["entry"]["actor"]["kind"], "authority");
    assert!(entries.iter().all(|entry| entry["proven"] == true), "{log}");
    let indexes: Vec<u64> = entries
        .iter()
        .map(|entry| entry["index"].as_u64().expect("an index"))
        .collect();
    assert!(indexes.windows(2).all(|pair| pair[0] > pair[1]));

    let (status, html) = page(&browser, &app.url("/log?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "My Log",
        "Test provider tax, Assessment",
        "Checking or control (Tax Control Act § 1)",
        "You looked at your own information",
        "Sealed in the signed log",
        "Waiting to be sealed",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

#[tokio::test]
async fn filters_narrow_the_log_and_bad_ones_are_named() {
    let app = seeded().await;
    app.ledger
        .record(authority_use(CITIZEN, None))
        .await
        .expect("durable");
    let (browser, _) = sign_in(&app, CITIZEN).await;
    page(&browser, &app.url("/")).await;
    app.ledger.integrate().await.expect("seals");
    let (_, by_tax) = json(&browser, &app.url("/api/citizen/v1/log?authority=tax")).await;
    assert_eq!(by_tax["entries"].as_array().expect("entries").len(), 1);
    let (_, control) = json(&browser, &app.url("/api/citizen/v1/log?purpose=control")).await;
    assert_eq!(control["entries"].as_array().expect("entries").len(), 1);
    // The log's days are Copenhagen's.
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    let tomorrow = today + Duration::days(1);
    let (_, future) = json(
        &browser,
        &app.url(&format!("/api/citizen/v1/log?from={tomorrow}")),
    )
    .await;
    assert_eq!(future["entries"].as_array().expect("entries").len(), 0);
    let (_, today_only) = json(
        &browser,
        &app.url(&format!("/api/citizen/v1/log?from={today}&to={today}")),
    )
    .await;
    assert!(
        !today_only["entries"]
            .as_array()
            .expect("entries")
            .is_empty()
    );

    let before = app.ledger.sealed().await.size();
    let (status, problem) = json(
        &browser,
        &app.url("/api/citizen/v1/log?from=yesterday&to=2026-13-01&purpose=gossip"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| error["pointer"].as_str().expect("a pointer"))
        .collect();
    assert_eq!(pointers, vec!["/from", "/to", "/purpose"], "{problem}");
    assert_eq!(
        app.ledger.sealed().await.size(),
        before,
        "a refused request reads nothing"
    );
    let (status, html) = page(&browser, &app.url("/log?from=yesterday&lang=en")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("from must be a date"), "{html}");
}

#[tokio::test]
async fn an_entry_hidden_until_a_date_appears_on_that_date_and_not_before() {
    let app = seeded().await;
    let soon = Utc::now() + Duration::seconds(2);
    app.ledger
        .record(authority_use(CITIZEN, Some(soon)))
        .await
        .expect("durable");
    let (browser, _) = sign_in(&app, CITIZEN).await;
    app.ledger.integrate().await.expect("signs");
    let (_, log) = json(&browser, &app.url("/api/citizen/v1/log?authority=tax")).await;
    assert_eq!(
        log["entries"].as_array().expect("entries").len(),
        0,
        "{log}"
    );
    let (_, export) = json(&browser, &app.url("/api/citizen/v1/log/export")).await;
    assert!(
        !export.to_string().contains("Assessment"),
        "not in the export either"
    );
    tokio::time::sleep((soon - Utc::now()).to_std().unwrap_or_default()).await;
    let (_, log) = json(&browser, &app.url("/api/citizen/v1/log?authority=tax")).await;
    assert_eq!(
        log["entries"].as_array().expect("entries").len(),
        1,
        "{log}"
    );
}

#[tokio::test]
async fn the_export_checks_against_the_public_proofs_and_checkpoints() {
    let app = seeded().await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    page(&browser, &app.url("/")).await;
    let (_, first) = json(&browser, &app.url("/api/citizen/v1/log/export")).await;
    page(&browser, &app.url("/areas/economy")).await;
    let (status, export) = json(&browser, &app.url("/api/citizen/v1/log/export")).await;
    assert_eq!(status, StatusCode::OK);
    let key = export["verifier_key"].as_str().expect("a key");
    let public_key = reqwest::get(app.url("/api/log/v1/key"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    assert_eq!(public_key.trim(), key);
    let signed = checkpoint::open(export["checkpoint"].as_str().expect("a note"), key)
        .expect("the checkpoint verifies");
    let entries: Vec<overblik_ledger::SealedEntry> =
        serde_json::from_value(export["entries"].clone()).expect("entries");
    assert!(
        export["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .all(|entry| entry["inclusion"].is_array()),
        "each entry carries its proof"
    );
    assert_eq!(entries.len(), 4, "two views and two exports");
    let anonymous = browser_without_session();
    for sealed in &entries {
        let (status, proof) = json(
            &anonymous,
            &app.url(&format!(
                "/api/log/v1/proofs/inclusion?size={}&index={}",
                signed.size(),
                sealed.index
            )),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        check_entry(sealed, &hashes(&proof), &signed).expect("included");
    }
    let older =
        checkpoint::open(first["checkpoint"].as_str().expect("a note"), key).expect("verifies");
    let (_, proof) = json(
        &anonymous,
        &app.url(&format!(
            "/api/log/v1/proofs/consistency?old={}&new={}",
            older.size(),
            signed.size()
        )),
    )
    .await;
    let proof: TreeProof = hashes(&proof);
    check_extends(&older, &signed, &proof).expect("extends");

    let (status, problem) = json(&anonymous, &app.url("/api/log/v1/proofs/inclusion?size=x")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"].as_array().expect("errors").len(), 2);
    let (status, _) = json(
        &anonymous,
        &app.url("/api/log/v1/proofs/inclusion?size=1000000&index=1"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = json(&anonymous, &app.url("/api/citizen/v1/log/export")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

fn browser_without_session() -> reqwest::Client {
    browser()
}

fn hashes(proof: &Value) -> RecordProof {
    proof["hashes"]
        .as_array()
        .expect("hashes")
        .iter()
        .map(|hash| {
            overblik_ledger::Hash::parse_hash(hash.as_str().expect("base64")).expect("a hash")
        })
        .collect()
}

/// An authority's report of its own use, as an `access_event` record in a batch.
fn reported_use(id: &str, national_id: &str, hidden_until: Option<&str>) -> Value {
    let mut record = serde_json::json!({
        "id": id,
        "version": 1,
        "subject": national_id,
        "kind": "access_event",
        "classification": "85.01",
        "title": {"da": "Skat brugte dine indkomstoplysninger"},
        "updated_at": "2026-11-12T06:00:00+01:00",
        "details": {
            "organisation": "Skattestyrelsen",
            "system": "Forskudsopgørelse 2027",
            "at": "2026-11-10T02:14:37+01:00",
            "what": "Indkomstoplysninger for 2026",
            "purpose": "control",
            "legal_basis": "Skattekontrolloven § 1"
        }
    });
    if let Some(until) = hidden_until {
        record["hidden_until"] = serde_json::json!(until);
    }
    record
}

/// The batch is written before its reports are logged. A first attempt cut off between the
/// two (here: the batch written straight in the store under the key and hash the server
/// would use) leaves the reports for the provider's retry to log, once.
#[tokio::test]
async fn a_retry_logs_the_reports_a_cut_off_first_attempt_left_unlogged() {
    let app = TestApp::start().await;
    let tax = app.client(app.register("tax", &["85"]).await);
    tax.fetch_token().await.expect("a token");
    let batch = body(vec![
        reported_use("use-1", CITIZEN, None),
        reported_use("use-2", NEIGHBOUR, Some("2099-01-01T00:00:00Z")),
    ]);
    let secret = overblik_model::SubjectKeySecret::new(common::SUBJECT_SECRET.to_vec())
        .expect("long enough");
    let parsed = overblik_model::Batch::parse(
        &serde_json::from_slice(&batch).expect("JSON"),
        &secret,
        &overblik_model::batch::Unchecked,
    )
    .expect("valid");
    let hash: [u8; 32] = sha2::Sha256::digest(&batch).into();
    app.store
        .apply_batch(
            &"tax".parse().expect("an id"),
            &"report-1".parse().expect("a key"),
            hash,
            &parsed,
        )
        .await
        .expect("writes");
    let before = app.ledger.sealed().await.size();

    let retried = tax.push(batch.clone(), "report-1").await.expect("pushes");
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert_eq!(
        app.ledger.sealed().await.size(),
        before + 2,
        "the retry logged both reports"
    );
    let again = tax.push(batch, "report-1").await.expect("pushes");
    assert_eq!(again.status, 200);
    assert_eq!(
        app.ledger.sealed().await.size(),
        before + 2,
        "a further retry logs nothing"
    );
    let (browser, _) = sign_in(&app, CITIZEN).await;
    app.ledger.integrate().await.expect("signs");
    let (_, log) = json(&browser, &app.url("/api/citizen/v1/log?authority=tax")).await;
    assert_eq!(log["entries"].as_array().map(Vec::len), Some(1), "{log}");
}

#[tokio::test]
async fn accesses_an_authority_reports_reach_the_citizens_log_once_and_on_their_date() {
    let app = TestApp::start().await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let batch = body(vec![
        reported_use("use-1", CITIZEN, None),
        reported_use("use-2", CITIZEN, Some("2099-01-01T00:00:00Z")),
        reported_use("use-3", NEIGHBOUR, None),
    ]);
    let before = app.ledger.sealed().await.size();
    let pushed = tax.push(batch.clone(), "report-1").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    assert_eq!(
        app.ledger.sealed().await.size(),
        before + 3,
        "one entry per reported use"
    );
    let retried = tax.push(batch, "report-1").await.expect("pushes");
    assert_eq!(retried.status, 200);
    assert_eq!(
        app.ledger.sealed().await.size(),
        before + 3,
        "a retry adds nothing"
    );

    let (browser, _) = sign_in(&app, CITIZEN).await;
    app.ledger.integrate().await.expect("signs");
    let (_, log) = json(&browser, &app.url("/api/citizen/v1/log?authority=tax")).await;
    let entries = log["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "the hidden one is not shown yet: {log}");
    let entry = &entries[0]["entry"];
    assert_eq!(entry["actor"]["name"], "Skattestyrelsen");
    assert_eq!(entry["actor"]["system"], "Forskudsopgørelse 2027");
    assert_eq!(entry["channel"], "authority");
    assert_eq!(entry["legal_basis"], "Skattekontrolloven § 1");
    assert_eq!(entries[0]["proven"], true);

    // A bad report is refused with every offending field named, and nothing is logged.
    let size = app.ledger.sealed().await.size();
    let mut bad = reported_use("use-4", CITIZEN, None);
    bad["details"]["at"] = serde_json::json!("yesterday");
    bad["details"]["organisation"] = serde_json::json!("");
    let refused = tax
        .push(body(vec![bad]), "report-2")
        .await
        .expect("answers");
    assert_eq!(refused.status, 422, "{}", refused.body);
    for pointer in ["/upserts/0/details/at", "/upserts/0/details/organisation"] {
        assert!(
            refused.body.to_string().contains(pointer),
            "{pointer} in {}",
            refused.body
        );
    }
    assert_eq!(app.ledger.sealed().await.size(), size);
}

/// A retried batch checks which of its reports are logged already. Its 2,000 reports of the
/// same moment for one citizen once cost a read of every entry of that moment per report
/// (4 million entries); now the retry reads no more entries than the first push wrote.
async fn a_retry_reads_no_more_of_the_log_than_its_first_push_wrote(backend: Backend) {
    const REPORTS: usize = 2_000;
    let (app, log) = TestApp::start_counting_log_reads(backend).await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let reports = (0..REPORTS)
        .map(|index| reported_use(&format!("use-{index}"), CITIZEN, None))
        .collect();
    let batch = body(reports);
    let pushed = tax.push(batch.clone(), "many").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let size = app.ledger.sealed().await.size();
    let before = log.entries_read.load(std::sync::atomic::Ordering::Relaxed);
    let retried = tax.push(batch, "many").await.expect("pushes");
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert!(retried.replayed);
    let read = log.entries_read.load(std::sync::atomic::Ordering::Relaxed) - before;
    assert!(
        read <= REPORTS as u64,
        "the retry read {read} log entries for {REPORTS} reports"
    );
    assert_eq!(
        app.ledger.sealed().await.size(),
        size,
        "the retry logged nothing again"
    );
}

on_each_backend!(a_retry_reads_no_more_of_the_log_than_its_first_push_wrote);

/// Reading the latest checkpoint never signs or stores one: anyone may poll it, and only the
/// schedule writes, within its interval of the log growing.
async fn polling_the_checkpoint_writes_nothing_and_the_schedule_signs(backend: Backend) {
    let mut app = TestApp::start_on(backend).await;
    // The schedule stops, so nothing but the readers could sign.
    app.checkpoints.abort();
    let _ = (&mut app.checkpoints).await;
    let app = app;
    let anonymous = browser_without_session();
    let checkpoint = async || {
        let response = anonymous
            .get(app.url("/api/log/v1/checkpoint"))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), StatusCode::OK);
        let note = response.text().await.expect("text");
        let signed = checkpoint::open(&note, app.ledger.verifier_key()).expect("verifies");
        (signed.size(), note)
    };
    let stored_before = app.ledger_store.latest_checkpoint().await.expect("reads");
    for _ in 0..3 {
        app.ledger
            .record(authority_use(CITIZEN, None))
            .await
            .expect("durable");
    }
    let (first_size, first_note) = checkpoint().await;
    for _ in 0..20 {
        assert_eq!(checkpoint().await, (first_size, first_note.clone()));
    }
    let grown = first_size + 3;
    assert_eq!(
        app.ledger_store.latest_checkpoint().await.expect("reads"),
        stored_before,
        "reads stored no checkpoint"
    );

    // The schedule signs the grown log within its interval, and readers then see it.
    let interval = std::time::Duration::from_millis(200);
    let _schedule = app.ledger.integrate_every(interval);
    let started = std::time::Instant::now();
    let mut seen = checkpoint().await;
    while seen.0 < grown && started.elapsed() < interval * 5 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        seen = checkpoint().await;
    }
    assert_eq!(seen.0, grown, "signed within the schedule");
    let stored = app
        .ledger_store
        .latest_checkpoint()
        .await
        .expect("reads")
        .expect("a checkpoint");
    assert_eq!(stored, seen);
}

on_each_backend!(polling_the_checkpoint_writes_nothing_and_the_schedule_signs);
