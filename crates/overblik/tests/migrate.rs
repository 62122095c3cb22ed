//! `overblik migrate --from sqlite://... --to postgres://...`: an embedded deployment moves
//! to PostgreSQL whole, is checked, and serves from there with its access log intact.

mod common;

use common::{Deployment, overblik, wait_for_health};
use overblik_model::Language;
use overblik_model::correction::{Attachment, CorrectionKind, Reporter, Step};
use overblik_model::notify::{Confirmation, Happening, Notice, NoticeId, Preferences};
use overblik_model::{
    Area, Batch, Certificate, CertificateId, Claim, Consent, ConsentId, Correction, CorrectionId,
    CorrectionState, Frequency, Kind, NationalId, Recipient, Scope, SubjectKeySecret, Terms,
};
use overblik_server::login::{SESSION_LIMITS, session_key};
use overblik_store::roles::*;
use overblik_store::{
    BatchOutcome, CertificateStatuses, Provider, RecordFilter, Store, StoreError, StoredRecord,
};
use overblik_store_postgres::PostgresStore;
use overblik_store_postgres::testing::TestDatabase;
use overblik_store_sqlite::SqliteStore;
use serde_json::json;
use std::process::Stdio;

const SECRET: &str = "migrate-test-subject-key-secret-0123456789";
const CITIZEN: &str = "010190-1234";
const TOKEN: &str = "a-session-token-for-the-migrate-test";

fn secret() -> SubjectKeySecret {
    SubjectKeySecret::new(SECRET.as_bytes().to_vec()).expect("long enough")
}

fn subject(national_id: &str) -> overblik_model::SubjectKey {
    secret().subject_key(&national_id.parse::<NationalId>().expect("a CPR number"))
}

fn deadline(id: &str, version: i64, national_id: &str) -> serde_json::Value {
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "deadline",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
    })
}

async fn apply(store: &dyn Store, key: &str, batch: serde_json::Value) {
    let batch =
        Batch::parse(&batch, &secret(), &overblik_model::batch::Unchecked).expect("a valid batch");
    let outcome = store
        .apply_batch(
            &"tax".parse().expect("an id"),
            &key.parse().expect("a key"),
            [0; 32],
            &batch,
        )
        .await
        .expect("applies");
    assert!(matches!(outcome, BatchOutcome::Applied(_)), "{outcome:?}");
}

/// A report on `stored` with a PDF, to an authority with a webhook; the PDF's bytes.
async fn report(store: &dyn Store, stored: &StoredRecord) -> (Correction, Vec<u8>) {
    let letter = b"%PDF-1.7 the letter that shows it".to_vec();
    let attachment = Attachment::of("letter.pdf", &letter).expect("a PDF");
    let correction = Correction {
        id: CorrectionId::random(),
        subject: stored.subject,
        record: stored.id,
        provider: stored.provider.clone(),
        source_id: stored.record.id.clone(),
        record_version: stored.record.version,
        record_title: "Frist".to_owned(),
        kind: CorrectionKind::Missing,
        explanation: "The deadline was moved by phone".to_owned(),
        field: None,
        attachments: vec![attachment.clone()],
        reporter: Reporter::Citizen,
        steps: vec![Step {
            state: CorrectionState::Sent,
            at: chrono::Utc::now(),
            note: None,
        }],
        corrected_version: None,
        revision: 1,
        acknowledged_revision: 1,
    };
    store
        .put_webhook(&stored.provider, Some("https://skat.example/overblik"))
        .await
        .expect("registers the webhook");
    store
        .put_correction(&correction, &[(attachment.id, letter.clone())])
        .await
        .expect("stores the report");
    (correction, letter)
}

/// The citizen's confirmed e-mail address and chosen lead time, a calendar link, and an
/// appointment's news and reminder; the calendar link's token hash.
async fn choose_notifications(store: &dyn Store) -> [u8; 32] {
    let citizen = subject(CITIZEN);
    let now = chrono::Utc::now();
    store
        .put_notification_preferences(
            &citizen,
            &Preferences {
                lead_hours: 3,
                language: Language::En,
                ..Preferences::default()
            },
        )
        .await
        .expect("chooses");
    let confirmation = Notice {
        id: NoticeId::random(),
        subject: citizen,
        happening: Happening::EmailConfirmation,
        key: format!("confirm/{}", NoticeId::random()),
        record: None,
        moment: None,
        created_at: now,
        due_at: now,
        read_at: None,
        confirmation: Some(Confirmation {
            address: "borger@example.org".to_owned(),
            token: "the-link-token".to_owned(),
        }),
    };
    store
        .change_email(
            &citizen,
            Some(("borger@example.org", [7; 32], &confirmation)),
            now,
        )
        .await
        .expect("sets the address");
    store.confirm_email([7; 32], now).await.expect("confirms");
    store
        .put_calendar_feed(&citizen, [9; 32], now)
        .await
        .expect("makes a calendar link");
    let start = now + chrono::Duration::days(10);
    apply(
        store,
        "k4",
        json!({"upserts": [{
            "id": "m1", "version": 1, "subject": CITIZEN, "kind": "appointment",
            "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
            "details": {"start": start.to_rfc3339(),
                        "end": (start + chrono::Duration::hours(1)).to_rfc3339(),
                        "place": "Skattecenter Aarhus"}
        }]}),
    )
    .await;
    [9; 32]
}

/// A bank registered as a recipient, and the citizen's ongoing consent that it fetched under
/// and holds a refresh token for; the consent as stored, and that token's hash.
async fn share_with_a_bank(store: &dyn Store) -> (Recipient, Consent, [u8; 32]) {
    let now = chrono::Utc::now();
    let bank = Recipient {
        id: "bank".parse().expect("an id"),
        name: "Eksempel Bank A/S".to_owned(),
        description: "Works out what a household can borrow.".to_owned(),
        privacy_policy: "https://bank.example.dk/privacy".to_owned(),
        redirect_uris: vec!["https://bank.example.dk/callback".to_owned()],
        public_keys: vec![],
        may_ask: Scope::new(vec![Area::Economy], vec![Kind::Deadline]).expect("a scope"),
        purpose: "Credit assessment".to_owned(),
        registered_at: now,
    };
    store.put_recipient(&bank).await.expect("registers");
    let consent = Consent {
        id: ConsentId::random(),
        subject: subject(CITIZEN),
        recipient: bank.id.clone(),
        purpose: bank.purpose.clone(),
        terms: Terms {
            scope: bank.may_ask.clone(),
            data_from: None,
            frequency: Frequency::Ongoing,
            last_day: (now + chrono::Duration::days(90)).date_naive(),
            retention_days: 30,
        },
        given_at: now,
        given_by: None,
        revoked_at: None,
        first_used_at: None,
        last_used_at: None,
    };
    store.put_consent(&consent).await.expect("consents");
    store
        .note_consent_used(&consent.id, now)
        .await
        .expect("notes the fetch");
    let refresh = [5; 32];
    assert!(
        store
            .rotate_refresh(&consent.id, None, &refresh)
            .await
            .expect("issues a refresh token")
    );
    let stored = store.consent(&consent.id).await.expect("reads");
    (bank, stored, refresh)
}

/// A residence certificate the citizen had issued at the status list's first position, and
/// a second position handed out for one that was never stored; the certificate as stored.
async fn issue_a_certificate(store: &dyn Store) -> Certificate {
    let now = chrono::Utc::now();
    let certificate = Certificate {
        id: CertificateId::random(),
        subject: subject(CITIZEN),
        type_id: "residence".parse().expect("a type id"),
        language: Language::En,
        claims: vec![Claim {
            name: "address".to_owned(),
            value: "Vestergade 1, 8000 Aarhus C".to_owned(),
        }],
        sources: vec!["CPR".to_owned()],
        issued_at: now,
        valid_until: now + chrono::Duration::days(30),
        issued_by: None,
        revoked_at: None,
        status_index: store.next_status_index().await.expect("a position"),
        key_id: "issuer-1".to_owned(),
        sealed: "HC1:".repeat(300),
        sd_jwt: "eyJhbGciOiJFZERTQSJ9.e30.c2ln~".repeat(40),
    };
    store.put_certificate(&certificate).await.expect("stores");
    store.next_status_index().await.expect("a position");
    store.certificate(&certificate.id).await.expect("reads")
}

async fn start_session(store: &dyn Store) {
    store
        .start_session(
            &session_key(TOKEN),
            &subject(CITIZEN),
            chrono::Utc::now(),
            SESSION_LIMITS,
        )
        .await
        .expect("a session");
}

async fn read(deployment: &Deployment, path: &str) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", deployment.url))
        .header("cookie", format!("overblik_session={TOKEN}"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200, "{path}");
}

/// Runs `overblik log verify` as the citizen, remembering what they saw in `state`.
async fn verify_log(deployment: &Deployment) -> (bool, String) {
    let output = overblik()
        .args([
            "log",
            "verify",
            "--url",
            &deployment.url,
            "--session",
            TOKEN,
        ])
        .arg("--state")
        .arg(deployment.dir.path().join("seen.json"))
        .output()
        .await
        .expect("runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

async fn migrate(from: &str, to: &str) -> (bool, String) {
    let output = overblik()
        .args(["migrate", "--from", from, "--to", to])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .await
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn an_embedded_deployment_moves_to_postgres_whole_and_checked() {
    let deployment = Deployment::new(SECRET);
    let sqlite = SqliteStore::open(&deployment.database_url())
        .await
        .expect("opens");
    sqlite
        .put_provider(&Provider {
            id: "tax".parse().expect("an id"),
            name: "Skattestyrelsen".to_owned(),
            public_keys: vec![],
            classifications: vec!["85".to_owned()],
            homepage: Some("https://skat.dk".to_owned()),
            registered_at: chrono::Utc::now(),
            stale_after_days: None,
            last_delivery: None,
        })
        .await
        .expect("registers");
    // More records than one page of the copy, for many citizens; then a newer version and
    // deletes, whose markers must move too.
    let others: Vec<serde_json::Value> = (0..6_000)
        .map(|i| {
            deadline(
                &format!("n{i}"),
                1,
                &format!("{:02}0190-{:04}", i % 28 + 1, i),
            )
        })
        .collect();
    apply(&sqlite, "k1", json!({"upserts": others})).await;
    apply(
        &sqlite,
        "k2",
        json!({"upserts": [deadline("d1", 1, CITIZEN), deadline("d2", 1, CITIZEN)]}),
    )
    .await;
    apply(
        &sqlite,
        "k3",
        json!({"upserts": [deadline("d1", 2, CITIZEN)],
               "deletes": [{"id": "d2", "version": 2}, {"id": "n7", "version": 2}]}),
    )
    .await;
    start_session(&sqlite).await;
    let original = sqlite
        .subject_records(&subject(CITIZEN), &RecordFilter::visible_now())
        .await
        .expect("reads");
    assert_eq!(original.len(), 1);
    let (correction, letter) = report(&sqlite, &original[0]).await;
    let feed = choose_notifications(&sqlite).await;
    let (bank, consent, refresh) = share_with_a_bank(&sqlite).await;
    let certificate = issue_a_certificate(&sqlite).await;
    let original = sqlite
        .subject_records(&subject(CITIZEN), &RecordFilter::visible_now())
        .await
        .expect("reads");
    assert_eq!(original.len(), 2, "the deadline and the appointment");
    let notifications = sqlite.export_notifications().await.expect("exports");
    assert_eq!(
        notifications
            .notices
            .iter()
            .map(|stored| stored.notice.happening)
            .collect::<Vec<_>>(),
        [
            Happening::EmailConfirmation,
            Happening::AppointmentNew,
            Happening::AppointmentReminder
        ]
    );
    drop(sqlite);

    // The citizen reads their data and checks their log, remembering its checkpoint.
    let mut server = deployment.serve().await;
    read(&deployment, "/").await;
    read(&deployment, "/api/citizen/v1/overview").await;
    let (ok, output) = verify_log(&deployment).await;
    assert!(ok, "{output}");
    server.kill().await.expect("stops");

    let database = TestDatabase::create().await;
    let (ok, output) = migrate(&deployment.database_url(), database.url()).await;
    assert!(ok, "{output}");
    assert!(
        output.contains("Moved and checked 6003 records"),
        "{output}"
    );
    assert!(
        output.contains("1 calendar links and 3 notices"),
        "{output}"
    );
    assert!(
        output.contains("Copied 1 recipients and 1 consents."),
        "{output}"
    );
    assert!(
        output.contains(
            "Copied 1 certificates, 0 of them revoked, and a status list of 2 positions."
        ),
        "{output}"
    );

    let postgres = PostgresStore::open(database.url()).await.expect("opens");
    assert_eq!(
        postgres
            .subject_records(&subject(CITIZEN), &RecordFilter::visible_now())
            .await
            .expect("reads"),
        original
    );
    assert_eq!(postgres.record_count(None).await.expect("counts"), 6_001);
    // The citizen's report moves with its attachment and the authority's webhook, and the
    // copy queues no delivery the authority had already been sent.
    let moved = postgres.export_corrections().await.expect("exports");
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0], correction);
    assert_eq!(
        postgres
            .correction_attachment(&correction.id, &correction.attachments[0].id)
            .await
            .expect("reads the file"),
        letter
    );
    let tax = "tax".parse().expect("an id");
    assert_eq!(
        postgres.webhook(&tax).await.expect("reads").as_deref(),
        Some("https://skat.example/overblik")
    );
    let now = chrono::Utc::now();
    assert!(
        postgres
            .claim_webhooks(now, now + chrono::Duration::minutes(1), 10)
            .await
            .expect("claims")
            .is_empty()
    );
    // The citizen's address stays confirmed, their calendar link opens, and their notices
    // stand as they stood, read or sent, due or not.
    let preferences = postgres
        .notification_preferences(&subject(CITIZEN))
        .await
        .expect("reads");
    assert!(preferences.email_confirmed, "{preferences:?}");
    assert_eq!(preferences.lead_hours, 3);
    assert_eq!(
        postgres.calendar_feed(feed).await.expect("the link opens"),
        subject(CITIZEN)
    );
    assert_eq!(
        postgres.export_notifications().await.expect("exports"),
        notifications
    );
    // The bank stays registered and the citizen's consent stands as it stood, first use
    // and all; the bank's refresh token goes on working, once.
    assert_eq!(
        postgres.recipient(&bank.id).await.expect("registered"),
        bank
    );
    assert_eq!(
        postgres
            .consents_of(&subject(CITIZEN))
            .await
            .expect("lists"),
        vec![consent.clone()]
    );
    assert!(consent.first_used_at.is_some());
    assert!(
        postgres
            .rotate_refresh(&consent.id, Some(&refresh), &[6; 32])
            .await
            .expect("refreshes")
    );
    assert!(
        !postgres
            .rotate_refresh(&consent.id, Some(&refresh), &[7; 32])
            .await
            .expect("refuses")
    );
    // The citizen's certificate moves as it stood; it is revoked once on PostgreSQL, and new
    // positions come after every one the embedded store handed out, used or not.
    assert_eq!(
        postgres
            .certificates_of(&subject(CITIZEN))
            .await
            .expect("lists"),
        vec![certificate.clone()]
    );
    let revoked = postgres
        .revoke_certificate(&certificate.id, &subject(CITIZEN), now)
        .await
        .expect("revokes");
    assert_eq!(revoked.revoked_at, Some(now));
    let twice = postgres
        .revoke_certificate(&certificate.id, &subject(CITIZEN), now)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let next = postgres.next_status_index().await.expect("a position");
    assert!(next > certificate.status_index + 1, "{next}");
    assert_eq!(
        postgres.certificate_statuses().await.expect("reads"),
        CertificateStatuses {
            handed_out: next + 1,
            revoked: vec![certificate.status_index],
        }
    );
    // Sessions do not move: the citizen signs in again.
    start_session(&postgres).await;

    // Served from PostgreSQL, the log still extends what the citizen saw before the move.
    let mut server = overblik()
        .args(["serve", "--config"])
        .arg(&deployment.config)
        .env("OVERBLIK_DATABASE_URL", database.url())
        .spawn()
        .expect("the server starts");
    wait_for_health(&deployment.url).await;
    read(&deployment, "/").await;
    let (ok, output) = verify_log(&deployment).await;
    server.kill().await.expect("stops");
    assert!(ok, "{output}");

    // A database that already holds data is not written into.
    let (ok, output) = migrate(&deployment.database_url(), database.url()).await;
    assert!(!ok);
    assert!(output.contains("move into an empty database"), "{output}");
}
