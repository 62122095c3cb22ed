//! The conformance suite: what every backend of [`Store`] must do.
//!
//! A backend runs it with [`conformance_tests!`](crate::conformance_tests), giving an
//! expression that makes a fresh, empty store (or a guard that derefs to one and cleans up
//! after it); each case becomes its own test.

use crate::{
    BatchOutcome, ExportedRecord, IdempotencyKey, OutboxStats, Provider, RecordFilter, SessionKey,
    SessionLimits, Store, StoreError, SubjectSummary, WebhookOutcome,
};
use chrono::{Duration, Timelike, Utc};
use overblik_model::correction::{
    Answer, Attachment, CorrectionKind, FieldCorrection, Reporter, Step,
};
use overblik_model::notify::{
    Confirmation, Happening, MailOutcome, MailState, Notice, NoticeId, Preferences, Title, Topic,
};
use overblik_model::{
    Area, Batch, BatchReceipt, Correction, CorrectionId, CorrectionState, Kind, Mandate, MandateId,
    NationalId, Permission, ProviderId, RecordId, Scope, SubjectKey, SubjectKeySecret,
};
use serde_json::{Value, json};

/// Generates one `#[tokio::test]` per conformance case for a backend.
#[macro_export]
macro_rules! conformance_tests {
    ($make_store:expr) => {
        $crate::conformance_tests!(@cases $make_store;
            upserted_records_are_read_by_subject_area_kind_and_id,
            other_subjects_records_are_never_returned,
            older_and_equal_versions_are_stale,
            newer_versions_replace_and_keep_the_record_id,
            deletes_remove_and_block_older_versions,
            a_retried_batch_returns_the_first_receipt_and_writes_nothing,
            idempotency_keys_belong_to_one_provider,
            providers_only_touch_their_own_records,
            hidden_records_appear_at_their_time,
            providers_are_registered_updated_and_listed,
            assertion_ids_are_single_use,
            sessions_start_are_read_and_end,
            sessions_end_when_idle_or_too_old,
            a_new_session_remembers_the_previous_visit,
            concurrent_batches_of_one_provider_apply_each_once,
            the_subject_summary_agrees_with_the_records,
            mandates_are_granted_accepted_used_and_revoked,
            mandates_are_listed_for_both_parties_only,
            batches_write_each_notice_once_and_cancel_unwanted_reminders,
            a_record_moved_to_another_citizen_takes_its_reminders_along,
            preferences_default_change_and_move_pending_reminders,
            an_email_address_is_confirmed_once_by_its_own_token,
            confirmation_emails_are_counted_by_citizen_and_by_address,
            citizens_see_and_mark_only_their_own_due_notices,
            mail_is_claimed_once_per_lease_and_settled,
            calendar_feeds_are_made_replaced_and_revoked,
            corrections_are_seen_and_changed_by_their_citizen_and_provider_only,
            recent_corrections_are_the_last_days_and_the_open_ones_of_one_subject,
            webhook_deliveries_are_written_with_each_change_and_acknowledge_it,
        );
        #[tokio::test]
        async fn records_move_to_another_store_unchanged() {
            let from = $make_store;
            let to = $make_store;
            $crate::conformance::records_move_to_another_store_unchanged(&*from, &*to).await;
        }
    };
    (@cases $make_store:expr; $($case:ident),+ $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let store = $make_store;
                $crate::conformance::$case(&*store).await;
            }
        )+
    };
}

const CITIZEN: &str = "010190-1234";
const NEIGHBOUR: &str = "020285-5678";

fn secret() -> SubjectKeySecret {
    SubjectKeySecret::new(b"conformance-suite-subject-secret!".to_vec()).expect("long enough")
}

fn subject(national_id: &str) -> SubjectKey {
    let id: NationalId = national_id.parse().expect("a valid test identifier");
    secret().subject_key(&id)
}

fn provider_id(id: &str) -> ProviderId {
    id.parse().expect("a valid provider id")
}

fn key(text: &str) -> IdempotencyKey {
    text.parse().expect("a valid idempotency key")
}

/// A deadline record in the tax area, for `subject`.
fn deadline(id: &str, version: i64, national_id: &str) -> Value {
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "deadline",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": format!("Frist {version}")},
        "details": {"due": "2026-12-01", "action": "Indsend lønsedler"}
    })
}

/// An appointment record in the health area.
fn appointment(id: &str, version: i64, national_id: &str) -> Value {
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "appointment",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "details": {"start": "2026-12-03T09:00:00+01:00", "end": "2026-12-03T09:30:00+01:00", "place": "Ambulatorium 3"}
    })
}

fn batch(upserts: Vec<Value>, deletes: Vec<Value>) -> Batch {
    Batch::parse(
        &json!({"upserts": upserts, "deletes": deletes}),
        &secret(),
        &overblik_model::batch::Unchecked,
    )
    .expect("a valid test batch")
}

async fn register(store: &dyn Store, id: &str) -> ProviderId {
    let provider = Provider {
        id: provider_id(id),
        name: format!("Provider {id}"),
        public_keys: vec![
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
                .to_owned(),
        ],
        classifications: vec!["85".to_owned(), "89".to_owned()],
        homepage: Some("https://example.dk".to_owned()),
        registered_at: Utc::now(),
    };
    store.put_provider(&provider).await.expect("registers");
    provider.id
}

async fn apply(
    store: &dyn Store,
    provider: &ProviderId,
    idempotency: &str,
    batch: &Batch,
) -> BatchReceipt {
    match store
        .apply_batch(provider, &key(idempotency), [0; 32], batch)
        .await
        .expect("applies")
    {
        BatchOutcome::Applied(receipt) => receipt,
        other => panic!("expected the batch to be applied, got {other:?}"),
    }
}

fn all() -> RecordFilter {
    RecordFilter::visible_now()
}

pub async fn upserted_records_are_read_by_subject_area_kind_and_id(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let receipt = apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![deadline("d1", 1, CITIZEN), appointment("a1", 1, CITIZEN)],
            vec![],
        ),
    )
    .await;
    assert_eq!(
        (receipt.upserted, receipt.deleted, receipt.stale.len()),
        (2, 0, 0)
    );

    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(records.len(), 2);
    // Newest change at the source first.
    assert_eq!(records[0].record.id.as_str(), "a1");
    assert!(
        records
            .iter()
            .all(|r| r.provider == tax && r.subject == subject(CITIZEN))
    );

    let health = RecordFilter {
        area: Some(Area::Health),
        ..all()
    };
    let found = store
        .subject_records(&subject(CITIZEN), &health)
        .await
        .expect("reads");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].record.kind(), Kind::Appointment);

    let deadlines = RecordFilter {
        kind: Some(Kind::Deadline),
        ..all()
    };
    let found = store
        .subject_records(&subject(CITIZEN), &deadlines)
        .await
        .expect("reads");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]
            .record
            .title
            .as_ref()
            .and_then(|t| t.da.as_ref())
            .map(|t| t.as_str()),
        Some("Frist 1")
    );

    let one = store
        .subject_record(&subject(CITIZEN), &found[0].id, Utc::now())
        .await
        .expect("reads one");
    assert_eq!(one, found[0]);
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 2);
    assert_eq!(store.record_count(None).await.expect("counts"), 2);
}

pub async fn other_subjects_records_are_never_returned(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("mine", 1, CITIZEN),
                deadline("theirs", 1, NEIGHBOUR),
            ],
            vec![],
        ),
    )
    .await;
    let mine = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(mine.len(), 1);
    let theirs = store
        .subject_records(&subject(NEIGHBOUR), &all())
        .await
        .expect("reads");
    assert_eq!(theirs.len(), 1);
    let asked = store
        .subject_record(&subject(CITIZEN), &theirs[0].id, Utc::now())
        .await;
    assert!(matches!(asked, Err(StoreError::NotFound)), "{asked:?}");
    let unknown = store
        .subject_record(&subject(CITIZEN), &RecordId::random(), Utc::now())
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
}

pub async fn older_and_equal_versions_are_stale(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 5, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &tax,
        "k2",
        &batch(
            vec![deadline("d1", 4, CITIZEN), deadline("d2", 1, CITIZEN)],
            vec![],
        ),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
    assert_eq!(receipt.stale.len(), 1);
    assert_eq!(receipt.stale[0].id.as_str(), "d1");
    assert_eq!(
        (
            receipt.stale[0].version.get(),
            receipt.stale[0].current_version.get()
        ),
        (4, 5)
    );
    let receipt = apply(
        store,
        &tax,
        "k3",
        &batch(vec![deadline("d1", 5, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
    let records = store
        .subject_records(
            &subject(CITIZEN),
            &RecordFilter {
                kind: Some(Kind::Deadline),
                ..all()
            },
        )
        .await
        .expect("reads");
    let d1 = records
        .iter()
        .find(|r| r.record.id.as_str() == "d1")
        .expect("d1 is there");
    assert_eq!(d1.record.version.get(), 5);
}

pub async fn newer_versions_replace_and_keep_the_record_id(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let first = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    apply(
        store,
        &tax,
        "k2",
        &batch(vec![deadline("d1", 2, CITIZEN)], vec![]),
    )
    .await;
    let second = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].id, first[0].id);
    assert_eq!(second[0].record.version.get(), 2);
    assert_eq!(
        second[0]
            .record
            .title
            .as_ref()
            .and_then(|t| t.da.as_ref())
            .map(|t| t.as_str()),
        Some("Frist 2")
    );
}

pub async fn deletes_remove_and_block_older_versions(store: &dyn Store) {
    let tax = register(store, "tax").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &tax,
        "k2",
        &batch(vec![], vec![json!({"id": "d1", "version": 2})]),
    )
    .await;
    assert_eq!(receipt.deleted, 1);
    assert!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .is_empty()
    );
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 0);
    // A late, older version must not bring the record back.
    let receipt = apply(
        store,
        &tax,
        "k3",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
    assert!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .is_empty()
    );
    // A newer version may.
    let receipt = apply(
        store,
        &tax,
        "k4",
        &batch(vec![deadline("d1", 3, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
    assert_eq!(
        store
            .subject_records(&subject(CITIZEN), &all())
            .await
            .expect("reads")
            .len(),
        1
    );
    // Deleting what was never there leaves a marker against older versions too.
    let receipt = apply(
        store,
        &tax,
        "k5",
        &batch(vec![], vec![json!({"id": "never", "version": 7})]),
    )
    .await;
    assert_eq!(receipt.deleted, 1);
    let receipt = apply(
        store,
        &tax,
        "k6",
        &batch(vec![deadline("never", 6, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (0, 1));
}

pub async fn a_retried_batch_returns_the_first_receipt_and_writes_nothing(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let first_batch = batch(vec![deadline("d1", 1, CITIZEN)], vec![]);
    let first = store
        .apply_batch(&tax, &key("retry-me"), [1; 32], &first_batch)
        .await
        .expect("applies");
    let BatchOutcome::Applied(receipt) = first else {
        panic!("expected applied, got {first:?}")
    };
    let again = store
        .apply_batch(&tax, &key("retry-me"), [1; 32], &first_batch)
        .await
        .expect("answers");
    assert_eq!(again, BatchOutcome::Replayed(receipt));
    // The same key with another request writes nothing either.
    let other = batch(vec![deadline("d2", 1, CITIZEN)], vec![]);
    let reused = store
        .apply_batch(&tax, &key("retry-me"), [2; 32], &other)
        .await
        .expect("answers");
    assert_eq!(reused, BatchOutcome::KeyReused);
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 1);
}

pub async fn idempotency_keys_belong_to_one_provider(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    apply(
        store,
        &tax,
        "shared-key",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    let receipt = apply(
        store,
        &region,
        "shared-key",
        &batch(vec![deadline("d1", 1, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(receipt.upserted, 1);
}

pub async fn providers_only_touch_their_own_records(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let region = register(store, "region").await;
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![deadline("same-id", 1, CITIZEN)], vec![]),
    )
    .await;
    // The region uses the same id, a newer version and a delete: none of it reaches the tax record.
    apply(
        store,
        &region,
        "k1",
        &batch(vec![deadline("same-id", 9, CITIZEN)], vec![]),
    )
    .await;
    apply(
        store,
        &region,
        "k2",
        &batch(vec![], vec![json!({"id": "same-id", "version": 10})]),
    )
    .await;
    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].provider, tax);
    assert_eq!(records[0].record.version.get(), 1);
}

pub async fn hidden_records_appear_at_their_time(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let mut hidden = deadline("later", 1, CITIZEN);
    let reveal = Utc::now() + Duration::days(3);
    hidden["hidden_until"] = json!(reveal.to_rfc3339());
    apply(
        store,
        &tax,
        "k1",
        &batch(vec![hidden, deadline("now", 1, CITIZEN)], vec![]),
    )
    .await;
    let today = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(today.len(), 1);
    assert_eq!(today[0].record.id.as_str(), "now");
    let then = RecordFilter {
        visible_at: reveal + Duration::seconds(1),
        ..all()
    };
    let later = store
        .subject_records(&subject(CITIZEN), &then)
        .await
        .expect("reads");
    assert_eq!(later.len(), 2);
    let hidden_id = later
        .iter()
        .find(|r| r.record.id.as_str() == "later")
        .expect("there")
        .id;
    let early = store
        .subject_record(&subject(CITIZEN), &hidden_id, Utc::now())
        .await;
    assert!(matches!(early, Err(StoreError::NotFound)), "{early:?}");
    assert!(
        store
            .subject_record(&subject(CITIZEN), &hidden_id, then.visible_at)
            .await
            .is_ok()
    );
}

pub async fn the_subject_summary_agrees_with_the_records(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let now = Utc::now();
    let appointment_at = |id: &str, start: chrono::DateTime<Utc>| {
        let mut record = appointment(id, 1, CITIZEN);
        record["details"]["start"] = json!(start.to_rfc3339());
        record["details"]["end"] = json!((start + Duration::minutes(30)).to_rfc3339());
        record
    };
    let mut done = deadline("done", 1, CITIZEN);
    done["details"]["done"] = json!(true);
    let mut hidden = deadline("hidden", 1, CITIZEN);
    hidden["hidden_until"] = json!((now + Duration::days(3)).to_rfc3339());
    apply(
        store,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("open", 1, CITIZEN),
                done,
                hidden,
                appointment_at("past", now - Duration::days(2)),
                appointment_at("coming", now + Duration::days(2)),
                deadline("gone", 1, CITIZEN),
                deadline("neighbour's", 1, NEIGHBOUR),
            ],
            vec![],
        ),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let last_visit = Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let mut closed = deadline("open", 2, CITIZEN);
    closed["details"]["done"] = json!(true);
    apply(
        store,
        &tax,
        "k2",
        &batch(
            vec![closed, appointment_at("new", now + Duration::days(20))],
            vec![json!({"id": "gone", "version": 2})],
        ),
    )
    .await;

    for (at, since) in [
        (Utc::now(), Some(last_visit)),
        (Utc::now(), None),
        (now + Duration::days(4), Some(last_visit)),
    ] {
        let visible = RecordFilter {
            visible_at: at,
            ..all()
        };
        let records = store
            .subject_records(&subject(CITIZEN), &visible)
            .await
            .expect("reads");
        let summary = store
            .subject_summary(&subject(CITIZEN), at, since)
            .await
            .expect("summarises");
        assert_eq!(
            summary.clone().sorted(),
            SubjectSummary::of(&records, at, since).sorted(),
            "at {at} since {since:?}"
        );
        let mut attention: Vec<&str> = summary
            .may_need_attention
            .iter()
            .map(|stored| stored.record.id.as_str())
            .collect();
        attention.sort_unstable();
        let expected: &[&str] = if at > now + Duration::days(3) {
            &["hidden", "new"]
        } else {
            &["coming", "new"]
        };
        assert_eq!(attention, expected, "at {at}");
    }
    let summary = store
        .subject_summary(&subject(CITIZEN), Utc::now(), Some(last_visit))
        .await
        .expect("summarises");
    let tallied: u64 = summary.tallies.iter().map(|tally| tally.count).sum();
    assert_eq!(
        tallied, 5,
        "open, done, past, coming and new; not hidden, gone or the neighbour's"
    );
    assert_eq!(
        summary.stored_since.len(),
        2,
        "the closed deadline and the new appointment"
    );
    let neighbour = store
        .subject_summary(&subject(NEIGHBOUR), Utc::now(), None)
        .await
        .expect("summarises");
    assert_eq!(neighbour.tallies.len(), 1);
    assert!(
        neighbour
            .may_need_attention
            .iter()
            .all(|stored| stored.subject == subject(NEIGHBOUR))
    );
}

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
            .use_assertion_id(&tax, "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        !store
            .use_assertion_id(&tax, "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        store
            .use_assertion_id(&region, "jti-1", expires)
            .await
            .expect("records")
    );
    assert!(
        store
            .use_assertion_id(&tax, "jti-2", expires)
            .await
            .expect("records")
    );
}

fn limits() -> SessionLimits {
    SessionLimits {
        idle: Duration::minutes(15),
        absolute: Duration::hours(8),
    }
}

pub async fn sessions_start_are_read_and_end(store: &dyn Store) {
    let key = SessionKey([1; 32]);
    let start = Utc::now();
    let started = store
        .start_session(&key, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    assert_eq!(started.subject, subject(CITIZEN));
    let later = start + Duration::minutes(10);
    let read = store.session(&key, later, limits()).await.expect("reads");
    assert_eq!(read.subject, subject(CITIZEN));
    assert_eq!(read.created_at.timestamp_millis(), start.timestamp_millis());
    // Being used keeps it alive past the idle limit counted from the start.
    let even_later = start + Duration::minutes(20);
    assert!(store.session(&key, even_later, limits()).await.is_ok());
    let other = store.session(&SessionKey([2; 32]), later, limits()).await;
    assert!(matches!(other, Err(StoreError::NotFound)), "{other:?}");
    store.end_session(&key).await.expect("ends");
    store.end_session(&key).await.expect("ending twice is fine");
    let ended = store.session(&key, even_later, limits()).await;
    assert!(matches!(ended, Err(StoreError::NotFound)), "{ended:?}");
}

pub async fn sessions_end_when_idle_or_too_old(store: &dyn Store) {
    let start = Utc::now();
    let idle = SessionKey([3; 32]);
    store
        .start_session(&idle, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    let gone = store
        .session(&idle, start + Duration::minutes(16), limits())
        .await;
    assert!(matches!(gone, Err(StoreError::NotFound)), "idle: {gone:?}");
    // It stays ended even if asked at an earlier moment again.
    assert!(
        store
            .session(&idle, start + Duration::minutes(1), limits())
            .await
            .is_err()
    );

    let busy = SessionKey([4; 32]);
    store
        .start_session(&busy, &subject(CITIZEN), start, limits())
        .await
        .expect("starts");
    let mut at = start;
    while at < start + Duration::hours(8) - Duration::minutes(10) {
        at += Duration::minutes(10);
        store
            .session(&busy, at, limits())
            .await
            .expect("kept alive by use");
    }
    let too_old = store
        .session(
            &busy,
            start + Duration::hours(8) + Duration::minutes(1),
            limits(),
        )
        .await;
    assert!(
        matches!(too_old, Err(StoreError::NotFound)),
        "absolute: {too_old:?}"
    );
}

pub async fn a_new_session_remembers_the_previous_visit(store: &dyn Store) {
    let first_visit = Utc::now() - Duration::days(3);
    let first = store
        .start_session(
            &SessionKey([5; 32]),
            &subject(CITIZEN),
            first_visit,
            limits(),
        )
        .await
        .expect("starts");
    assert_eq!(first.previous_visit, None);
    let now = Utc::now();
    let second = store
        .start_session(&SessionKey([6; 32]), &subject(CITIZEN), now, limits())
        .await
        .expect("starts");
    assert_eq!(
        second.previous_visit.map(|at| at.timestamp_millis()),
        Some(first_visit.timestamp_millis())
    );
    let neighbour = store
        .start_session(&SessionKey([7; 32]), &subject(NEIGHBOUR), now, limits())
        .await
        .expect("starts");
    assert_eq!(neighbour.previous_visit, None, "visits are per citizen");
}

/// Every record of `store`, read page by page in its own order.
async fn export_all(store: &dyn Store, page: u32) -> Vec<ExportedRecord> {
    let mut all = Vec::new();
    let mut after = None;
    loop {
        let exported = store.export_records(after, page).await.expect("exports");
        assert!(exported.records.len() <= page as usize);
        all.extend(exported.records);
        match exported.next {
            Some(next) => after = Some(next),
            None => return all,
        }
    }
}

pub async fn records_move_to_another_store_unchanged(from: &dyn Store, to: &dyn Store) {
    let tax = register(from, "tax").await;
    let mut hidden = deadline("later", 1, NEIGHBOUR);
    hidden["hidden_until"] = json!((Utc::now() + Duration::days(3)).to_rfc3339());
    apply(
        from,
        &tax,
        "k1",
        &batch(
            vec![
                deadline("d1", 1, CITIZEN),
                appointment("a1", 1, CITIZEN),
                deadline("gone", 1, CITIZEN),
                hidden,
            ],
            vec![json!({"id": "never", "version": 4})],
        ),
    )
    .await;
    apply(
        from,
        &tax,
        "k2",
        &batch(
            vec![deadline("d1", 2, CITIZEN)],
            vec![json!({"id": "gone", "version": 2})],
        ),
    )
    .await;
    let exported = export_all(from, 2).await;
    let ids: Vec<&str> = exported.iter().map(|r| r.source_id.as_str()).collect();
    assert_eq!(
        ids,
        ["d1", "a1", "gone", "later", "never"],
        "first received first"
    );
    assert!(exported[2].live.is_none() && exported[4].live.is_none());
    assert_eq!(exported[0].version.get(), 2);

    register(to, "tax").await;
    to.import_records(&exported[..3]).await.expect("imports");
    to.import_records(&exported[3..]).await.expect("imports");
    assert_eq!(export_all(to, 1000).await, exported);
    for citizen in [CITIZEN, NEIGHBOUR] {
        let far = RecordFilter {
            visible_at: Utc::now() + Duration::days(4),
            ..all()
        };
        assert_eq!(
            to.subject_records(&subject(citizen), &far)
                .await
                .expect("reads"),
            from.subject_records(&subject(citizen), &far)
                .await
                .expect("reads"),
        );
    }
    assert_eq!(to.record_count(None).await.expect("counts"), 3);

    // The moved markers still keep older versions out, and newer versions keep the ids.
    let receipt = apply(
        to,
        &tax,
        "k3",
        &batch(
            vec![
                deadline("gone", 1, CITIZEN),
                deadline("never", 3, CITIZEN),
                deadline("d1", 3, CITIZEN),
            ],
            vec![],
        ),
    )
    .await;
    assert_eq!((receipt.upserted, receipt.stale.len()), (1, 2));
    let d1 = to
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads")
        .into_iter()
        .find(|r| r.record.id.as_str() == "d1")
        .expect("d1 is there");
    assert_eq!((d1.id, d1.record.version.get()), (exported[0].id, 3));

    // A record already there is a conflict, and nothing of that import is written.
    let again = to.import_records(&exported[3..]).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(export_all(to, 1000).await.len(), 5);
}

pub async fn concurrent_batches_of_one_provider_apply_each_once(store: &dyn Store) {
    let tax = register(store, "tax").await;
    let records = |version: i64| -> Batch {
        batch(
            (0..50)
                .map(|i| deadline(&format!("d{i}"), version, CITIZEN))
                .collect(),
            vec![],
        )
    };
    let (first, second) = (records(1), records(2));
    // Three tries of one request under one key, and a newer version under another key.
    let (same, newer) = (key("same"), key("newer"));
    let (a, b, c, newer) = tokio::join!(
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &same, [1; 32], &first),
        store.apply_batch(&tax, &newer, [2; 32], &second),
    );
    let outcomes = [a, b, c].map(|outcome| outcome.expect("applies or replays"));
    let applied: Vec<&BatchReceipt> = outcomes
        .iter()
        .filter_map(|outcome| match outcome {
            BatchOutcome::Applied(receipt) => Some(receipt),
            _ => None,
        })
        .collect();
    assert_eq!(applied.len(), 1, "{outcomes:?}");
    for outcome in &outcomes {
        match outcome {
            BatchOutcome::Applied(_) => {}
            BatchOutcome::Replayed(receipt) => assert_eq!(receipt, applied[0]),
            BatchOutcome::KeyReused => panic!("the same request was taken for another"),
        }
    }
    assert!(matches!(newer.expect("applies"), BatchOutcome::Applied(_)));
    let stored = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("reads");
    assert_eq!(stored.len(), 50);
    assert!(stored.iter().all(|r| r.record.version.get() == 2));
    assert_eq!(store.record_count(Some(&tax)).await.expect("counts"), 50);
}

/// A power of attorney from `CITIZEN` to `NEIGHBOUR`, granted at `granted_at` (to the
/// millisecond, as stores keep times).
fn mandate(granted_at: chrono::DateTime<Utc>) -> Mandate {
    let granted_at = chrono::DateTime::from_timestamp_millis(granted_at.timestamp_millis())
        .expect("a time in range");
    Mandate {
        id: MandateId::random(),
        grantor: subject(CITIZEN),
        grantor_name: "Anna Grantor".to_owned(),
        holder: subject(NEIGHBOUR),
        holder_name: "Bo Holder".to_owned(),
        scope: Scope::new(
            vec![Area::Health, Area::Economy],
            vec![Kind::Appointment, Kind::Debt],
        )
        .expect("a scope"),
        permission: Permission::ReadAndAct,
        valid_from: "2026-12-01".parse().expect("a date"),
        valid_until: "2027-06-30".parse().expect("a date"),
        granted_at,
        accepted_at: None,
        revoked_at: None,
        first_used_at: None,
    }
}

/// A time as stores keep it: to the millisecond.
fn to_millis(at: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    chrono::DateTime::from_timestamp_millis(at.timestamp_millis()).expect("a time in range")
}

pub async fn mandates_are_granted_accepted_used_and_revoked(store: &dyn Store) {
    let now = Utc::now();
    let given = mandate(now);
    store.put_mandate(&given).await.expect("stores");
    assert_eq!(store.mandate(&given.id).await.expect("reads"), given);
    let again = store.put_mandate(&given).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    let missing = store.mandate(&MandateId::random()).await;
    assert!(matches!(missing, Err(StoreError::NotFound)), "{missing:?}");

    // Only the holder accepts, and only once.
    let by_grantor = store
        .accept_mandate(&given.id, &subject(CITIZEN), now)
        .await;
    assert!(
        matches!(by_grantor, Err(StoreError::NotFound)),
        "{by_grantor:?}"
    );
    let accepted_at = to_millis(now + Duration::minutes(1));
    let accepted = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), accepted_at)
        .await
        .expect("accepts");
    assert_eq!(accepted.accepted_at, Some(accepted_at));
    let twice = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), accepted_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    // The first use is told once.
    let used_at = to_millis(now + Duration::minutes(2));
    assert!(
        store
            .note_mandate_used(&given.id, used_at)
            .await
            .expect("notes")
    );
    assert!(
        !store
            .note_mandate_used(&given.id, used_at + Duration::minutes(1))
            .await
            .expect("notes")
    );
    assert_eq!(
        store.mandate(&given.id).await.expect("reads").first_used_at,
        Some(used_at)
    );

    // A stranger cannot revoke; the grantor can, once.
    let stranger = subject("030303-3333");
    let by_stranger = store.revoke_mandate(&given.id, &stranger, now).await;
    assert!(
        matches!(by_stranger, Err(StoreError::NotFound)),
        "{by_stranger:?}"
    );
    let revoked_at = to_millis(now + Duration::minutes(3));
    let revoked = store
        .revoke_mandate(&given.id, &subject(CITIZEN), revoked_at)
        .await
        .expect("revokes");
    assert_eq!(revoked.revoked_at, Some(revoked_at));
    let twice = store
        .revoke_mandate(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    // A revoked mandate cannot be accepted after all.
    let late = store
        .accept_mandate(&given.id, &subject(NEIGHBOUR), revoked_at)
        .await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
}

pub async fn mandates_are_listed_for_both_parties_only(store: &dyn Store) {
    let now = Utc::now();
    let older = mandate(now - Duration::days(2));
    let newer = Mandate {
        grantor: subject(NEIGHBOUR),
        holder: subject(CITIZEN),
        ..mandate(now)
    };
    let unrelated = Mandate {
        grantor: subject("030303-3333"),
        holder: subject("040404-4444"),
        ..mandate(now - Duration::days(1))
    };
    for mandate in [&older, &newer, &unrelated] {
        store.put_mandate(mandate).await.expect("stores");
    }
    let ids = |mandates: Vec<Mandate>| mandates.into_iter().map(|m| m.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.mandates_of(&subject(CITIZEN)).await.expect("lists")),
        vec![newer.id, older.id]
    );
    assert_eq!(
        ids(store.mandates_of(&subject(NEIGHBOUR)).await.expect("lists")),
        vec![newer.id, older.id]
    );
    assert!(
        store
            .mandates_of(&subject("050505-5555"))
            .await
            .expect("lists")
            .is_empty()
    );
    assert_eq!(
        ids(store.export_mandates().await.expect("exports")),
        vec![older.id, unrelated.id, newer.id]
    );
}

/// An appointment `days` from now, at whole seconds, for notices that depend on the time.
fn appointment_in(id: &str, version: i64, days: i64, national_id: &str) -> Value {
    let start = (Utc::now() + Duration::days(days))
        .with_nanosecond(0)
        .expect("a time");
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "appointment",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "details": {
            "start": start.to_rfc3339(), "end": (start + Duration::hours(1)).to_rfc3339(),
            "place": "Ambulatorium 3"
        }
    })
}

/// Every notice of `national_id` due by a far future, so reminders are listed too.
async fn all_notices(store: &dyn Store, national_id: &str) -> Vec<Notice> {
    store
        .notices(&subject(national_id), Utc::now() + Duration::days(400), 100)
        .await
        .expect("notices")
}

fn happenings(notices: &[Notice]) -> Vec<Happening> {
    let mut happenings: Vec<_> = notices.iter().map(|notice| notice.happening).collect();
    happenings.sort();
    happenings
}

/// `record` as its version `version`.
fn as_version(record: &Value, version: i64) -> Value {
    let mut record = record.clone();
    record["version"] = json!(version);
    record
}

pub async fn batches_write_each_notice_once_and_cancel_unwanted_reminders(store: &dyn Store) {
    let provider = register(store, "hospital").await;
    let first = appointment_in("a1", 1, 7, CITIZEN);
    apply(store, &provider, "k1", &batch(vec![first.clone()], vec![])).await;
    let notices = all_notices(store, CITIZEN).await;
    assert_eq!(
        happenings(&notices),
        [Happening::AppointmentNew, Happening::AppointmentReminder]
    );
    let news = notices
        .iter()
        .find(|notice| notice.happening == Happening::AppointmentNew)
        .expect("the news");
    assert!(news.due_at <= Utc::now(), "news is due at once");
    let reminder = notices
        .iter()
        .find(|notice| notice.happening == Happening::AppointmentReminder)
        .expect("the reminder");
    let Some(overblik_model::notify::Moment::At(start)) = reminder.moment else {
        panic!("a reminder has its moment");
    };
    assert_eq!(
        reminder.due_at,
        start - Duration::hours(24),
        "the default lead"
    );
    let records = store
        .subject_records(&subject(CITIZEN), &all())
        .await
        .expect("records");
    assert_eq!(
        reminder.record.as_ref().map(|(id, _)| *id),
        Some(records[0].id)
    );
    assert!(all_notices(store, NEIGHBOUR).await.is_empty());

    // The same version again (a retry under a new key) is stale and makes nothing.
    apply(store, &provider, "k2", &batch(vec![first.clone()], vec![])).await;
    assert_eq!(all_notices(store, CITIZEN).await.len(), 2);

    // Moved: news of the change, a new reminder, and the old one cancelled.
    apply(
        store,
        &provider,
        "k3",
        &batch(vec![appointment_in("a1", 2, 8, CITIZEN)], vec![]),
    )
    .await;
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [
            Happening::AppointmentNew,
            Happening::AppointmentChanged,
            Happening::AppointmentReminder
        ]
    );

    // Moved back: the first reminder is wanted again, and made anew.
    apply(
        store,
        &provider,
        "k4",
        &batch(vec![as_version(&first, 3)], vec![]),
    )
    .await;
    let reminders: Vec<_> = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
    assert_eq!(reminders[0].due_at, start - Duration::hours(24));

    // Deleted: no reminder is left.
    apply(
        store,
        &provider,
        "k5",
        &batch(vec![], vec![json!({"id": "a1", "version": 4})]),
    )
    .await;
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [
            Happening::AppointmentNew,
            Happening::AppointmentChanged,
            Happening::AppointmentChanged
        ]
    );
}

pub async fn a_record_moved_to_another_citizen_takes_its_reminders_along(store: &dyn Store) {
    let provider = register(store, "hospital").await;
    let first = appointment_in("a1", 1, 7, CITIZEN);
    apply(store, &provider, "k1", &batch(vec![first.clone()], vec![])).await;
    // The news was told already (the citizen takes no e-mail): it is in their list.
    let now = Utc::now();
    let lease = now + Duration::minutes(1);
    for job in store.claim_mail(now, lease, 10).await.expect("claims") {
        store
            .settle_mail(&job.notice.id, lease, &MailOutcome::Skipped, now)
            .await
            .expect("settles");
    }
    assert_eq!(
        happenings(&all_notices(store, CITIZEN).await),
        [Happening::AppointmentNew, Happening::AppointmentReminder]
    );
    // Filed under the wrong citizen: the authority sends it again, under the right one.
    let mut moved = as_version(&first, 2);
    moved["subject"] = json!(NEIGHBOUR);
    apply(store, &provider, "k2", &batch(vec![moved], vec![])).await;
    let left = all_notices(store, CITIZEN).await;
    assert!(
        left.is_empty(),
        "nothing of it is left in the first citizen's list: {left:?}"
    );
    let reminders: Vec<_> = all_notices(store, NEIGHBOUR)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .collect();
    assert_eq!(
        reminders.len(),
        1,
        "the reminder is the right citizen's now"
    );
    assert_eq!(reminders[0].subject, subject(NEIGHBOUR));
}

pub async fn preferences_default_change_and_move_pending_reminders(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    assert_eq!(
        store
            .notification_preferences(&citizen)
            .await
            .expect("reads"),
        Preferences::default()
    );
    let provider = register(store, "hospital").await;
    apply(
        store,
        &provider,
        "k1",
        &batch(vec![appointment_in("a1", 1, 7, CITIZEN)], vec![]),
    )
    .await;
    let chosen = Preferences {
        // Ignored here: only the confirmation flow sets the address.
        email: Some("ignored@example.org".to_owned()),
        email_confirmed: true,
        in_product: false,
        topics: [Topic::Reminder].into_iter().collect(),
        lead_hours: 3,
        language: overblik_model::Language::En,
        digest: true,
        email_details: true,
    };
    store
        .put_notification_preferences(&citizen, &chosen)
        .await
        .expect("writes");
    let stored = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(
        stored,
        Preferences {
            email: None,
            email_confirmed: false,
            ..chosen.clone()
        }
    );
    assert_eq!(
        store
            .notification_preferences(&subject(NEIGHBOUR))
            .await
            .expect("reads"),
        Preferences::default()
    );
    let reminder = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .find(|notice| notice.happening == Happening::AppointmentReminder)
        .expect("the reminder");
    let start = reminder.moment.expect("a moment").instant();
    assert_eq!(
        reminder.due_at,
        start - Duration::hours(3),
        "moved to 3 hours"
    );

    // A new record's reminder takes the chosen lead at once.
    apply(
        store,
        &provider,
        "k2",
        &batch(vec![appointment_in("a2", 1, 9, CITIZEN)], vec![]),
    )
    .await;
    let later = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .filter(|notice| notice.happening == Happening::AppointmentReminder)
        .max_by_key(|notice| notice.due_at)
        .expect("the second reminder");
    assert_eq!(
        later.due_at,
        later.moment.expect("a moment").instant() - Duration::hours(3)
    );

    // A hidden record's reminder waits until it shows, whatever the lead.
    let mut hidden = appointment_in("a3", 1, 10, CITIZEN);
    let start: chrono::DateTime<Utc> = hidden["details"]["start"]
        .as_str()
        .and_then(|text| text.parse().ok())
        .expect("a start");
    let shows = start - Duration::hours(2);
    hidden["hidden_until"] = json!(shows.to_rfc3339());
    apply(store, &provider, "k3", &batch(vec![hidden], vec![])).await;
    let week_ahead = Preferences {
        lead_hours: 168,
        ..chosen
    };
    store
        .put_notification_preferences(&citizen, &week_ahead)
        .await
        .expect("writes");
    let hidden_reminder = all_notices(store, CITIZEN)
        .await
        .into_iter()
        .find(|notice| {
            notice.happening == Happening::AppointmentReminder
                && notice.moment.map(|moment| moment.instant()) == Some(start)
        })
        .expect("the hidden record's reminder");
    assert_eq!(hidden_reminder.due_at, shows, "not before the record shows");
}

fn confirmation_notice(national_id: &str, address: &str, now: chrono::DateTime<Utc>) -> Notice {
    Notice {
        id: NoticeId::random(),
        subject: subject(national_id),
        happening: Happening::EmailConfirmation,
        key: format!("confirm/{}", NoticeId::random()),
        record: None,
        moment: None,
        created_at: now,
        due_at: now,
        read_at: None,
        confirmation: Some(Confirmation {
            address: address.to_owned(),
            token: "clear-token".to_owned(),
        }),
    }
}

pub async fn confirmation_emails_are_counted_by_citizen_and_by_address(store: &dyn Store) {
    let now =
        chrono::DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).expect("a time");
    let change = |national_id: &'static str, address: &'static str, at| async move {
        let notice = confirmation_notice(national_id, address, at);
        store
            .change_email(
                &subject(national_id),
                Some((address, rand_hash(), &notice)),
                at,
            )
            .await
            .expect("sets the address");
    };
    change(CITIZEN, "a@example.org", now - Duration::hours(2)).await;
    change(CITIZEN, "A@Example.org", now - Duration::minutes(30)).await;
    change(NEIGHBOUR, "a@example.org", now - Duration::minutes(10)).await;
    change(CITIZEN, "b@example.org", now).await;
    store
        .change_email(&subject(CITIZEN), None, now)
        .await
        .expect("removes the address");
    let sent = store
        .confirmations_sent(&subject(CITIZEN), "a@example.org", now - Duration::hours(1))
        .await
        .expect("reads");
    assert_eq!(
        sent.by_subject,
        [now - Duration::minutes(30), now],
        "the citizen's of the last hour, to any address; removing one sends nothing"
    );
    assert_eq!(
        sent.to_address,
        [now - Duration::minutes(30), now - Duration::minutes(10)],
        "the address's of the last hour, whoever asked, in any case of letters"
    );
}

fn rand_hash() -> [u8; 32] {
    *uuid::Uuid::new_v4()
        .as_bytes()
        .repeat(2)
        .first_chunk()
        .expect("32 bytes")
}

pub async fn an_email_address_is_confirmed_once_by_its_own_token(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    let now = Utc::now();
    let first = confirmation_notice(CITIZEN, "first@example.org", now);
    store
        .change_email(&citizen, Some(("first@example.org", [1; 32], &first)), now)
        .await
        .expect("sets the address");
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email.as_deref(), Some("first@example.org"));
    assert!(!preferences.email_confirmed);

    // A newer address makes the first token useless.
    let second = confirmation_notice(CITIZEN, "second@example.org", now);
    store
        .change_email(
            &citizen,
            Some(("second@example.org", [2; 32], &second)),
            now,
        )
        .await
        .expect("sets the address");
    assert!(matches!(
        store.confirm_email([1; 32], now).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.confirm_email([9; 32], now).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        matches!(
            store.confirm_email([2; 32], now + Duration::days(8)).await,
            Err(StoreError::NotFound)
        ),
        "a week-old link has expired"
    );
    assert_eq!(
        store.confirm_email([2; 32], now).await.expect("confirms"),
        citizen
    );
    assert!(
        matches!(
            store.confirm_email([2; 32], now).await,
            Err(StoreError::NotFound)
        ),
        "a token works once"
    );
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email.as_deref(), Some("second@example.org"));
    assert!(preferences.email_confirmed);
    // Both confirmation mails are in the outbox, and not in the citizen's list.
    let jobs = store
        .claim_mail(now, now + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let mut addresses: Vec<_> = jobs
        .iter()
        .filter_map(|job| job.notice.confirmation.as_ref())
        .map(|confirmation| confirmation.address.as_str())
        .collect();
    addresses.sort_unstable();
    assert_eq!(addresses, ["first@example.org", "second@example.org"]);
    assert!(all_notices(store, CITIZEN).await.is_empty());

    store
        .change_email(&citizen, None, now)
        .await
        .expect("removes the address");
    let preferences = store
        .notification_preferences(&citizen)
        .await
        .expect("reads");
    assert_eq!(preferences.email, None);
    assert!(!preferences.email_confirmed);
}

fn plain_notice(national_id: &str, key: &str, due_in: Duration) -> Notice {
    let now = Utc::now();
    Notice {
        id: NoticeId::random(),
        subject: subject(national_id),
        happening: Happening::CaseStatusChanged,
        key: key.to_owned(),
        record: Some((
            RecordId::random(),
            Title {
                da: "Sag".to_owned(),
                en: "Case".to_owned(),
            },
        )),
        moment: None,
        created_at: now,
        due_at: now + due_in,
        read_at: None,
        confirmation: None,
    }
}

pub async fn citizens_see_and_mark_only_their_own_due_notices(store: &dyn Store) {
    let mine = plain_notice(CITIZEN, "n1", Duration::seconds(-5));
    let later = plain_notice(CITIZEN, "n2", Duration::days(2));
    let theirs = plain_notice(NEIGHBOUR, "n3", Duration::seconds(-5));
    assert_eq!(
        store
            .add_notices(&[mine.clone(), later.clone(), theirs.clone()])
            .await
            .expect("adds"),
        3
    );
    let again = Notice {
        id: NoticeId::random(),
        ..mine.clone()
    };
    assert_eq!(
        store.add_notices(&[again]).await.expect("adds"),
        0,
        "same key"
    );

    let now = Utc::now();
    let listed = store
        .notices(&subject(CITIZEN), now, 10)
        .await
        .expect("lists");
    assert_eq!(listed.len(), 1, "only what is due");
    assert_eq!(listed[0].id, mine.id);
    assert_eq!(listed[0].record, mine.record);

    // The neighbour's id changes nothing of theirs when the citizen marks it.
    assert_eq!(
        store
            .mark_notices_read(&subject(CITIZEN), &[theirs.id], now)
            .await
            .expect("marks"),
        0
    );
    assert_eq!(
        store
            .mark_notices_read(&subject(CITIZEN), &[mine.id], now)
            .await
            .expect("marks"),
        1
    );
    let listed = store
        .notices(&subject(CITIZEN), now, 10)
        .await
        .expect("lists");
    assert!(listed[0].read_at.is_some());
    let neighbours = store
        .notices(&subject(NEIGHBOUR), now, 10)
        .await
        .expect("lists");
    assert!(neighbours[0].read_at.is_none());
    assert_eq!(
        store
            .mark_notices_read(&subject(NEIGHBOUR), &[], now)
            .await
            .expect("marks all"),
        1
    );
}

pub async fn mail_is_claimed_once_per_lease_and_settled(store: &dyn Store) {
    let now = Utc::now();
    let notices: Vec<_> = (0..3)
        .map(|i| plain_notice(CITIZEN, &format!("m{i}"), Duration::seconds(-10 + i)))
        .collect();
    store.add_notices(&notices).await.expect("adds");
    store
        .add_notices(&[plain_notice(CITIZEN, "later", Duration::hours(1))])
        .await
        .expect("adds");
    let stats = store.outbox_stats(now).await.expect("stats");
    assert_eq!(
        OutboxStats {
            oldest_due_at: None,
            ..stats
        },
        OutboxStats {
            due: 3,
            retrying: 0,
            waiting: 1,
            oldest_due_at: None,
        }
    );
    assert_eq!(
        stats.oldest_due_at.map(|at| at.timestamp_millis()),
        Some(notices[0].due_at.timestamp_millis())
    );

    let lease = now + Duration::minutes(1);
    let first = store.claim_mail(now, lease, 2).await.expect("claims");
    let ids: Vec<_> = first.iter().map(|job| job.notice.id).collect();
    assert_eq!(ids, [notices[0].id, notices[1].id], "oldest due first");
    assert!(
        first
            .iter()
            .all(|job| job.state == MailState::Pending && job.attempts == 0)
    );
    assert_eq!(first[0].preferences, Preferences::default());
    let second = store.claim_mail(now, lease, 10).await.expect("claims");
    assert_eq!(
        second.iter().map(|job| job.notice.id).collect::<Vec<_>>(),
        [notices[2].id],
        "leased notices are not claimed twice"
    );

    store
        .settle_mail(&notices[0].id, lease, &MailOutcome::Sent, now)
        .await
        .expect("settles");
    let retry_at = now + Duration::seconds(30);
    store
        .settle_mail(
            &notices[1].id,
            lease,
            &MailOutcome::Retry {
                at: retry_at,
                error: "connection refused".to_owned(),
            },
            now,
        )
        .await
        .expect("settles");
    store
        .settle_mail(&notices[2].id, lease, &MailOutcome::Skipped, now)
        .await
        .expect("settles");
    assert!(
        store
            .claim_mail(now, lease, 10)
            .await
            .expect("claims")
            .is_empty()
    );
    let stats = store.outbox_stats(now).await.expect("stats");
    assert_eq!(
        (stats.due, stats.retrying),
        (0, 1),
        "a retry waiting for its time counts as retrying"
    );
    let stats = store.outbox_stats(retry_at).await.expect("stats");
    assert_eq!((stats.due, stats.retrying), (1, 1));
    let retried = store
        .claim_mail(retry_at, retry_at + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!(retried.len(), 1);
    assert_eq!(
        (retried[0].notice.id, retried[0].attempts),
        (notices[1].id, 1)
    );

    // A worker that died: its lease runs out and the notice is claimed again. The first
    // worker, late, can no longer write what became of it; the second can.
    let after_lease = retry_at + Duration::minutes(2);
    let again = store
        .claim_mail(after_lease, after_lease + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let again = again
        .iter()
        .find(|job| job.notice.id == notices[1].id)
        .expect("claimed again");
    assert!(matches!(
        store
            .settle_mail(
                &notices[1].id,
                retried[0].lease_until,
                &MailOutcome::Hold { until: now },
                after_lease,
            )
            .await,
        Err(StoreError::NotFound)
    ));

    // Held for the digest: claimed again at the digest's time, as held.
    let digest_at = after_lease + Duration::hours(2);
    store
        .settle_mail(
            &notices[1].id,
            again.lease_until,
            &MailOutcome::Hold { until: digest_at },
            after_lease,
        )
        .await
        .expect("settles");
    let held = store
        .claim_mail(digest_at, digest_at + Duration::minutes(1), 10)
        .await
        .expect("claims");
    let job = held
        .iter()
        .find(|job| job.notice.id == notices[1].id)
        .expect("the held notice");
    assert_eq!(job.state, MailState::Held);
    // Given up for good: never claimed again.
    store
        .settle_mail(
            &notices[1].id,
            job.lease_until,
            &MailOutcome::Failed {
                error: "rejected permanently (550)".to_owned(),
            },
            digest_at,
        )
        .await
        .expect("settles");
    let stats = store.outbox_stats(digest_at).await.expect("stats");
    assert!(
        store
            .claim_mail(digest_at, digest_at + Duration::minutes(1), 10)
            .await
            .expect("claims")
            .iter()
            .all(|job| job.notice.id != notices[1].id)
    );
    assert_eq!(stats.retrying, 0, "a notice given up is not in the queue");
    assert!(matches!(
        store
            .settle_mail(&NoticeId::random(), lease, &MailOutcome::Sent, now)
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn calendar_feeds_are_made_replaced_and_revoked(store: &dyn Store) {
    let citizen = subject(CITIZEN);
    let now = Utc::now();
    assert_eq!(
        store.calendar_feed_made(&citizen).await.expect("reads"),
        None
    );
    store
        .put_calendar_feed(&citizen, [1; 32], now)
        .await
        .expect("makes");
    assert_eq!(store.calendar_feed([1; 32]).await.expect("opens"), citizen);
    assert!(
        store
            .calendar_feed_made(&citizen)
            .await
            .expect("reads")
            .is_some()
    );
    store
        .put_calendar_feed(&citizen, [2; 32], now)
        .await
        .expect("replaces");
    assert!(matches!(
        store.calendar_feed([1; 32]).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.calendar_feed([2; 32]).await.expect("opens"), citizen);
    assert!(store.revoke_calendar_feed(&citizen).await.expect("revokes"));
    assert!(!store.revoke_calendar_feed(&citizen).await.expect("revokes"));
    assert!(matches!(
        store.calendar_feed([2; 32]).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.calendar_feed([3; 32]).await,
        Err(StoreError::NotFound)
    ));
}

/// A request from `national_id` about a record `provider` holds, sent at `sent_at`, with
/// one attachment whose bytes come back.
async fn report(
    store: &dyn Store,
    provider: &ProviderId,
    national_id: &str,
    sent_at: chrono::DateTime<Utc>,
) -> (Correction, Vec<u8>) {
    let source = format!("c-{}", uuid::Uuid::new_v4().simple());
    apply(
        store,
        provider,
        &source,
        &batch(vec![appointment(&source, 1, national_id)], vec![]),
    )
    .await;
    let record = store
        .subject_records(&subject(national_id), &all())
        .await
        .expect("reads")
        .into_iter()
        .find(|stored| stored.record.id.as_str() == source)
        .expect("the record is stored")
        .id;
    let bytes = b"%PDF-1.7 a letter".to_vec();
    let attachment = Attachment::of("letter.pdf", &bytes).expect("a pdf");
    let correction = Correction {
        id: CorrectionId::random(),
        subject: subject(national_id),
        record,
        provider: provider.clone(),
        source_id: source.parse().expect("a source id"),
        record_version: overblik_model::values::Version::new(1).expect("a version"),
        record_title: "Appointment".to_owned(),
        kind: CorrectionKind::Wrong,
        explanation: "The time is wrong".to_owned(),
        field: Some(FieldCorrection {
            field: "start".to_owned(),
            value: "10:00".to_owned(),
        }),
        attachments: vec![attachment.clone()],
        reporter: Reporter::Citizen,
        steps: vec![Step {
            state: CorrectionState::Sent,
            at: sent_at,
            note: None,
        }],
        corrected_version: None,
        revision: 1,
        acknowledged_revision: 0,
    };
    store
        .put_correction(&correction, &[(attachment.id, bytes.clone())])
        .await
        .expect("stores the request");
    (correction, bytes)
}

fn answer(state: CorrectionState, note: &str) -> Answer {
    Answer {
        state,
        note: Some(note.to_owned()),
        corrected_version: None,
    }
}

pub async fn recent_corrections_are_the_last_days_and_the_open_ones_of_one_subject(
    store: &dyn Store,
) {
    let health = register(store, "health").await;
    let now = Utc::now();
    let (old_open, _) = report(store, &health, CITIZEN, now - Duration::days(3)).await;
    let (old_answered, _) = report(store, &health, CITIZEN, now - Duration::days(2)).await;
    let (new_answered, _) = report(store, &health, CITIZEN, now - Duration::hours(2)).await;
    let (new_open, _) = report(store, &health, CITIZEN, now - Duration::hours(1)).await;
    let (withdrawn, _) = report(store, &health, CITIZEN, now - Duration::days(4)).await;
    report(store, &health, NEIGHBOUR, now).await;
    for answered in [&old_answered, &new_answered] {
        store
            .answer_correction(
                &health,
                &answered.id,
                &answer(CorrectionState::Rejected, "It is right"),
                now,
            )
            .await
            .expect("answers");
    }
    store
        .withdraw_correction(&subject(CITIZEN), &withdrawn.id, now)
        .await
        .expect("withdraws");
    let recent = store
        .recent_corrections(&subject(CITIZEN), now - Duration::days(1))
        .await
        .expect("reads");
    assert_eq!(
        recent.iter().map(|c| c.id).collect::<Vec<_>>(),
        [new_open.id, new_answered.id, old_open.id],
        "the last day's requests, answered or not, and the older open one, newest first"
    );
    assert_eq!(recent[1].state(), CorrectionState::Rejected);
}

pub async fn corrections_are_seen_and_changed_by_their_citizen_and_provider_only(
    store: &dyn Store,
) {
    let health = register(store, "health").await;
    let other = register(store, "other").await;
    let now = Utc::now();
    let (first, bytes) = report(store, &health, CITIZEN, now - Duration::days(3)).await;
    let (second, _) = report(store, &health, CITIZEN, now - Duration::days(1)).await;
    let (theirs, _) = report(store, &health, NEIGHBOUR, now).await;

    assert_eq!(store.correction(&first.id).await.expect("reads"), first);
    let mine = store
        .corrections_of(&subject(CITIZEN))
        .await
        .expect("lists");
    assert_eq!(
        mine.iter().map(|c| c.id).collect::<Vec<_>>(),
        [second.id, first.id],
        "newest first, only the citizen's own"
    );
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first.id, second.id, theirs.id],
        "oldest first"
    );
    assert!(
        store
            .provider_corrections(&other, true, 10)
            .await
            .expect("lists")
            .is_empty(),
        "another provider sees none of them"
    );
    assert_eq!(
        store
            .correction_attachment(&first.id, &first.attachments[0].id)
            .await
            .expect("reads the bytes"),
        bytes
    );
    assert!(matches!(
        store
            .correction_attachment(&second.id, &first.attachments[0].id)
            .await,
        Err(StoreError::NotFound)
    ));

    // Another provider can neither acknowledge nor answer; a revision not sent is refused.
    assert!(matches!(
        store
            .acknowledge_correction(&other, &first.id, 1, now)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .answer_correction(
                &other,
                &first.id,
                &answer(CorrectionState::Rejected, "no"),
                now
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .acknowledge_correction(&health, &first.id, 2, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.correction(&first.id).await.expect("reads"), first);

    let received = store
        .acknowledge_correction(&health, &first.id, 1, now)
        .await
        .expect("acknowledges");
    assert_eq!(received.state(), CorrectionState::Received);
    let again = store
        .acknowledge_correction(&health, &first.id, 1, now + Duration::seconds(1))
        .await
        .expect("acknowledges again");
    assert_eq!(again, received, "a second acknowledgement changes nothing");
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [second.id, theirs.id]
    );

    let corrected = store
        .answer_correction(
            &health,
            &first.id,
            &Answer {
                state: CorrectionState::Corrected,
                note: None,
                corrected_version: overblik_model::values::Version::new(2),
            },
            now,
        )
        .await
        .expect("answers");
    assert_eq!(corrected.state(), CorrectionState::Corrected);
    assert_eq!(corrected.corrected_version.map(|v| v.get()), Some(2));
    assert_eq!(store.correction(&first.id).await.expect("reads"), corrected);
    assert!(matches!(
        store
            .withdraw_correction(&subject(CITIZEN), &first.id, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store
            .answer_correction(
                &health,
                &first.id,
                &answer(CorrectionState::Rejected, "no"),
                now
            )
            .await,
        Err(StoreError::Conflict(_))
    ));

    // Only the citizen withdraws their own; the provider is then to learn of it.
    assert!(matches!(
        store
            .withdraw_correction(&subject(NEIGHBOUR), &second.id, now)
            .await,
        Err(StoreError::NotFound)
    ));
    let withdrawn = store
        .withdraw_correction(&subject(CITIZEN), &second.id, now)
        .await
        .expect("withdraws");
    assert_eq!(withdrawn.state(), CorrectionState::Withdrawn);
    assert_eq!(withdrawn.revision, 2);
    let open = store
        .provider_corrections(&health, false, 10)
        .await
        .expect("lists");
    assert_eq!(
        open.iter().map(|c| c.id).collect::<Vec<_>>(),
        [theirs.id],
        "only requests that are not settled are open"
    );

    let exported = store.export_corrections().await.expect("exports");
    assert_eq!(
        exported.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first.id, second.id, theirs.id],
        "every request, oldest first"
    );
    assert_eq!(exported[0], corrected);

    let durations = store.answer_durations(&health, 10).await.expect("reads");
    assert_eq!(durations.len(), 1);
    assert_eq!(durations[0].num_days(), 3);
}

pub async fn webhook_deliveries_are_written_with_each_change_and_acknowledge_it(store: &dyn Store) {
    let health = register(store, "health").await;
    let now = Utc::now();
    let (unannounced, _) = report(store, &health, CITIZEN, now).await;
    assert!(
        store
            .claim_webhooks(now, now + Duration::minutes(1), 10)
            .await
            .expect("claims")
            .is_empty(),
        "no webhook registered, nothing to deliver"
    );
    assert_eq!(store.webhook(&health).await.expect("reads"), None);
    store
        .put_webhook(&health, Some("http://127.0.0.1:9/hook"))
        .await
        .expect("registers");
    assert_eq!(
        store.webhook(&health).await.expect("reads").as_deref(),
        Some("http://127.0.0.1:9/hook")
    );
    let (announced, _) = report(store, &health, CITIZEN, now).await;
    assert_eq!(store.webhook_backlog(now).await.expect("counts"), (1, 0));

    let lease = now + Duration::minutes(1);
    let jobs = store.claim_webhooks(now, lease, 10).await.expect("claims");
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(
        (job.correction, job.revision, job.attempts, job.url.as_str()),
        (announced.id, 1, 0, "http://127.0.0.1:9/hook")
    );
    assert!(
        store
            .claim_webhooks(now, lease, 10)
            .await
            .expect("claims")
            .is_empty(),
        "a leased delivery is not claimed twice"
    );
    let retry_at = now + Duration::seconds(30);
    store
        .settle_webhook(
            &job.id,
            job.lease_until,
            &WebhookOutcome::Retry {
                at: retry_at,
                error: "connection refused".to_owned(),
            },
            now,
        )
        .await
        .expect("settles");
    assert_eq!(store.webhook_backlog(now).await.expect("counts"), (0, 1));
    assert!(
        store
            .claim_webhooks(now, lease, 10)
            .await
            .expect("claims")
            .is_empty()
    );
    let later = retry_at + Duration::seconds(1);
    let jobs = store
        .claim_webhooks(later, later + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!((jobs.len(), jobs[0].attempts), (1, 1));
    // A worker whose lease ran out and was taken over, late with its answer, changes nothing.
    store
        .settle_webhook(
            &jobs[0].id,
            job.lease_until,
            &WebhookOutcome::Retry {
                at: later + Duration::hours(1),
                error: "timed out".to_owned(),
            },
            later,
        )
        .await
        .expect("settles nothing");
    assert_eq!(
        store.webhook_backlog(later).await.expect("counts"),
        (1, 0),
        "still due, under the second worker's lease"
    );
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Delivered,
            later,
        )
        .await
        .expect("settles");
    // A second settling changes nothing.
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Delivered,
            later,
        )
        .await
        .expect("settles again");
    let delivered = store.correction(&announced.id).await.expect("reads");
    assert_eq!(delivered.state(), CorrectionState::Received);
    assert!(!delivered.awaits_acknowledgement());
    assert_eq!(store.webhook_backlog(later).await.expect("counts"), (0, 0));
    let pending = store
        .provider_corrections(&health, true, 10)
        .await
        .expect("lists");
    assert_eq!(
        pending.iter().map(|c| c.id).collect::<Vec<_>>(),
        [unannounced.id],
        "a delivered request is acknowledged"
    );

    store
        .withdraw_correction(&subject(CITIZEN), &announced.id, later)
        .await
        .expect("withdraws");
    store.put_webhook(&health, None).await.expect("removes");
    let jobs = store
        .claim_webhooks(later, later + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].revision, jobs[0].url.as_str()), (2, ""));
    store
        .settle_webhook(
            &jobs[0].id,
            jobs[0].lease_until,
            &WebhookOutcome::Dropped,
            later,
        )
        .await
        .expect("settles");
    assert_eq!(store.webhook_backlog(later).await.expect("counts"), (0, 0));
}
