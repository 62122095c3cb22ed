//! The conformance suite: what every backend of [`Store`] must do.
//!
//! A backend runs it with [`conformance_tests!`](crate::conformance_tests), giving an
//! expression that makes a fresh, empty store (or a guard that derefs to one and cleans up
//! after it); each case becomes its own test.

use crate::{
    BatchOutcome, ExportedRecord, IdempotencyKey, OutboxStats, Provider, RecordFilter, SessionKey,
    SessionLimits, Store, StoreError, SubjectSummary, WebhookOutcome,
};
use chrono::{DateTime, Duration, Timelike, Utc};
use overblik_model::correction::{
    Answer, Attachment, CorrectionKind, FieldCorrection, Reporter, Step,
};
use overblik_model::notify::{
    Confirmation, Happening, MailOutcome, MailState, Notice, NoticeId, Preferences, Title, Topic,
};
use overblik_model::{
    Area, Batch, BatchReceipt, Correction, CorrectionId, CorrectionState, Kind, Mandate, MandateId,
    NationalId, OverviewChoices, Permission, ProviderId, RecordId, Scope, SubjectKey,
    SubjectKeySecret,
};
use serde_json::{Value, json};

mod certificates;
mod choices;
mod corrections;
mod mandates;
mod notifications;
mod outbox;
mod providers;
mod records;
mod sessions;
mod sharing;
mod transfer;
pub mod upgrade;

pub use certificates::*;
pub use choices::*;
pub use corrections::*;
pub use mandates::*;
pub use notifications::*;
pub use outbox::*;
pub use providers::*;
pub use records::*;
pub use sessions::*;
pub use sharing::*;
pub use transfer::*;

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
            deliveries_move_forward_only,
            assertion_ids_are_single_use,
            sessions_start_are_read_and_end,
            sessions_end_when_idle_or_too_old,
            a_new_session_remembers_the_previous_visit,
            sign_ins_are_remembered_and_other_sessions_end_everywhere,
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
            recipients_are_registered_replaced_and_listed,
            grants_are_read_until_they_expire_and_taken_once,
            consents_are_stored_and_listed_for_their_subject_only,
            consents_are_revoked_once_by_their_subject_only,
            a_consents_first_use_is_told_once,
            refresh_tokens_are_rotated_from_the_one_held_only,
            certificates_are_stored_and_listed_for_their_subject_only,
            certificates_are_revoked_once_by_their_subject_only,
            status_positions_are_handed_out_once_and_revoked_ones_listed,
            standing_records_are_the_subjects_own_open_and_current_ones,
            the_overview_read_is_the_summary_standing_records_and_choices,
            overview_choices_default_change_and_stay_the_citizens_own,
        );
        $crate::conformance_tests!(@transfers $make_store;
            records_move_to_another_store_unchanged,
            recipients_and_consents_move_to_another_store_unchanged,
            certificates_move_to_another_store_unchanged,
            overview_choices_move_to_another_store_unchanged,
        );
    };
    (@transfers $make_store:expr; $($case:ident),+ $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let from = $make_store;
                let to = $make_store;
                $crate::conformance::$case(&*from, &*to).await;
            }
        )+
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
        stale_after_days: None,
        last_delivery: None,
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

fn limits() -> SessionLimits {
    SessionLimits {
        idle: Duration::minutes(15),
        absolute: Duration::hours(8),
    }
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

fn rand_hash() -> [u8; 32] {
    *uuid::Uuid::new_v4()
        .as_bytes()
        .repeat(2)
        .first_chunk()
        .expect("32 bytes")
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
            Title::new([
                (overblik_model::Language::Da, "Sag"),
                (overblik_model::Language::En, "Case"),
            ]),
        )),
        moment: None,
        created_at: now,
        due_at: now + due_in,
        read_at: None,
        confirmation: None,
    }
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
