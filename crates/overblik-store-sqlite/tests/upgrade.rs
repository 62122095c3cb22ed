//! A database written before a migration opens with what the migration added filled in, or
//! moved where the migration put it.

use chrono::{Duration, Utc};
use overblik_ledger::LedgerStore;
use overblik_model::record::RecordDetails;
use overblik_model::{Batch, Currency, Language, Money, NationalId, Record, SubjectKeySecret};
use overblik_store::roles::*;
use overblik_store::{Provider, RecordFilter};
use overblik_store_sqlite::{SqliteStore, access_log_file};
use serde_json::json;
use std::sync::Arc;

#[tokio::test]
async fn records_stored_before_attention_spans_get_theirs_when_the_store_opens() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let secret = SubjectKeySecret::new(vec![9; 32]).expect("long enough");
    let national_id: NationalId = "010190-1234".parse().expect("valid");
    let subject = secret.subject_key(&national_id);
    let due = (Utc::now() + Duration::days(5)).date_naive();
    {
        let store = SqliteStore::open(&url).await.expect("opens");
        store
            .put_provider(&Provider {
                id: "tax".parse().expect("an id"),
                name: "Tax".to_owned(),
                public_keys: Vec::new(),
                classifications: vec!["85".to_owned()],
                homepage: None,
                registered_at: Utc::now(),
            })
            .await
            .expect("registers");
        let batch = Batch::parse(
            &json!({"upserts": [{
                "id": "d1", "version": 1, "subject": "010190-1234", "kind": "deadline",
                "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                "details": {"due": due.to_string(), "action": "Send payslips"}
            }]}),
            &secret,
            &overblik_model::batch::Unchecked,
        )
        .expect("valid");
        store
            .apply_batch(
                &"tax".parse().expect("an id"),
                &"k1".parse().expect("a key"),
                [0; 32],
                &batch,
            )
            .await
            .expect("applies");
        // As the row was before the column existed.
        sqlx::query("UPDATE records SET attention_until = NULL")
            .execute(store.write_pool())
            .await
            .expect("clears");
        let before = store
            .subject_summary(&subject, Utc::now(), None)
            .await
            .expect("summarises");
        assert!(before.may_need_attention.is_empty());
        store.write_pool().close().await;
    }
    let store = SqliteStore::open(&url).await.expect("opens again");
    let after = store
        .subject_summary(&subject, Utc::now(), None)
        .await
        .expect("summarises");
    assert_eq!(
        after.may_need_attention.len(),
        1,
        "the open deadline needs attention"
    );
}

/// A database as stores before migration 0007 left it, with the access log in the records'
/// file: migrations 0001 to 0006 applied, and the entries, hashes and checkpoints of the log
/// at `log_file` copied in.
async fn records_file_holding_the_log(records_file: &std::path::Path, log_file: &std::path::Path) {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let before = tempfile::tempdir().expect("a temporary folder");
    for entry in std::fs::read_dir(manifest.join("migrations")).expect("the migrations") {
        let path = entry.expect("a migration").path();
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        if name.as_str() < "0007" {
            std::fs::copy(&path, before.path().join(name)).expect("copies");
        }
    }
    let pool = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(records_file)
            .create_if_missing(true)
            .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal),
    )
    .await
    .expect("creates");
    sqlx::migrate::Migrator::new(before.path())
        .await
        .expect("reads the migrations")
        .run(&pool)
        .await
        .expect("migrates");
    let mut connection = pool.acquire().await.expect("a connection");
    sqlx::query("ATTACH DATABASE ?1 AS log")
        .bind(log_file.to_string_lossy())
        .execute(&mut *connection)
        .await
        .expect("attaches");
    for table in ["access_entries", "access_tree_hashes", "access_checkpoints"] {
        sqlx::query(&format!(
            "INSERT INTO main.{table} SELECT * FROM log.{table}"
        ))
        .execute(&mut *connection)
        .await
        .expect("copies");
    }
    drop(connection);
    pool.close().await;
}

#[tokio::test]
async fn an_access_log_kept_in_the_records_file_moves_to_its_own_file_whole_and_only_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let written = dir.path().join("written.db");
    // The written log in one file, without a write-ahead log beside it.
    let written_log = dir.path().join("written-log-copy.db");
    let key = overblik_ledger::LogKey::generate("overblik.test/log");
    let (entries, hashes, checkpoints) = {
        let store = Arc::new(
            SqliteStore::open(&format!("sqlite://{}", written.display()))
                .await
                .expect("opens"),
        );
        let ledger = overblik_ledger::Ledger::open(store.clone(), key.clone())
            .await
            .expect("the log opens");
        for subject in 0..5u8 {
            ledger.record(own_read(subject)).await.expect("durable");
            if subject % 2 == 0 {
                ledger.integrate().await.expect("signed");
            }
        }
        let entries = store.access_entries_after(None, 100).await.expect("reads");
        let hashes = store.tree_hashes(0).await.expect("reads");
        let checkpoints = store.access_checkpoints().await.expect("reads");
        assert_eq!((entries.len(), checkpoints.len()), (5, 3));
        sqlx::query("VACUUM INTO ?1")
            .bind(written_log.to_string_lossy())
            .execute(store.log_write_pool())
            .await
            .expect("copies the log whole");
        (entries, hashes, checkpoints)
    };

    // Once as an old store left it, once as if a move had copied the rows and stopped
    // before the old tables were dropped.
    for interrupted in [false, true] {
        let records_file = dir.path().join(format!("upgraded-{interrupted}.db"));
        records_file_holding_the_log(&records_file, &written_log).await;
        if interrupted {
            std::fs::copy(&written_log, access_log_file(&records_file)).expect("copies");
        }
        let store = Arc::new(
            SqliteStore::open(&format!("sqlite://{}", records_file.display()))
                .await
                .expect("opens and moves the log"),
        );
        assert_eq!(
            store.access_entries_after(None, 100).await.expect("reads"),
            entries
        );
        assert_eq!(store.tree_hashes(0).await.expect("reads"), hashes);
        assert_eq!(
            store.access_checkpoints().await.expect("reads"),
            checkpoints
        );
        let (left_behind,): (i64,) =
            sqlx::query_as("SELECT count(*) FROM sqlite_master WHERE name LIKE 'access%'")
                .fetch_one(store.write_pool())
                .await
                .expect("reads");
        assert_eq!(left_behind, 0, "the records' file no longer holds the log");
        let ledger = overblik_ledger::Ledger::open(store.clone(), key.clone())
            .await
            .expect("the moved log opens");
        assert_eq!(ledger.size(), 5);
        ledger.record(own_read(9)).await.expect("grows on");
    }
}

fn own_read(subject: u8) -> overblik_ledger::AccessEntry {
    use overblik_ledger::entry::{Actor, ActorKind, Channel, WhatWasRead};
    overblik_ledger::AccessEntry {
        at: Utc::now(),
        actor: Actor {
            kind: ActorKind::Citizen,
            id: "self".into(),
            name: "You".into(),
            system: None,
            person: None,
        },
        subject: overblik_model::SubjectKey::from_bytes([subject; 32]),
        on_behalf_of: None,
        read: WhatWasRead::default(),
        purpose: "own_overview".into(),
        legal_basis: None,
        channel: Channel::Web,
        request_id: None,
        hidden_until: None,
    }
}

/// A Danish citizen's records as a provider sends them today: amounts as numbers of kroner,
/// titles in Danish and English.
fn danish_batch() -> serde_json::Value {
    let common = |id: &str, kind: &str, title: serde_json::Value, details: serde_json::Value| {
        json!({
            "id": id, "version": 1, "subject": "010190-1234", "kind": kind,
            "classification": "85", "updated_at": "2026-11-01T10:00:00Z", "title": title,
            "details": details
        })
    };
    json!({"upserts": [
        common("payment-1", "payment",
            json!({"da": "Udbetaling af boligstøtte", "en": "Housing benefit payment"}),
            json!({"date": "2026-11-15", "direction": "to_citizen", "gross": 12345.5,
                   "tax": 2345.5, "net": 10000, "payment_status": "paid",
                   "benefit_id": "benefit-1"})),
        common("benefit-1", "benefit",
            json!({"da": "Boligstøtte", "en": "Housing benefit"}),
            json!({"granted_from": "2026-01-01", "reason": {"da": "Lav indkomst", "en": "Low income"},
                   "frequency": "monthly", "paid_in": "advance",
                   "per_period": {"gross": 12345.5, "tax": 2345.5, "net": 10000},
                   "payment_plan": [{"date": "2026-12-01", "gross": 12345.5, "tax": 2345.5,
                                     "net": 10000}]})),
        common("debt-1", "debt",
            json!({"da": "Restskat"}),
            json!({"creditor": "Skattestyrelsen", "principal": 10000, "interest": 12.5,
                   "fees": 100, "outstanding": 10112.5, "due": "2026-12-20",
                   "debt_status": "instalments",
                   "instalments": [{"date": "2026-12-20", "amount": 5056.25}]})),
        common("case-1", "case",
            json!({"en": "Application for housing benefit"}),
            json!({"status_history": [{"status": {"da": "Modtaget", "en": "Received"},
                                       "at": "2026-10-01T09:00:00Z"}]})),
    ]})
}

/// The same records as stores wrote them before amounts had a currency: every amount a whole
/// number of øre, every text an object of Danish and English (serde's form of the old
/// `Money(i64)` and `LocalizedText { da, en }`).
fn stored_before_currencies() -> [(&'static str, serde_json::Value); 4] {
    [
        (
            "payment-1",
            json!({"id": "payment-1", "version": 1, "classification": "85",
                   "title": {"da": "Udbetaling af boligstøtte", "en": "Housing benefit payment"},
                   "updated_at": "2026-11-01T10:00:00Z", "kind": "payment",
                   "details": {"date": "2026-11-15", "direction": "to_citizen",
                               "gross": 1234550, "tax": 234550, "net": 1000000,
                               "payment_status": "paid", "benefit_id": "benefit-1"}}),
        ),
        (
            "benefit-1",
            json!({"id": "benefit-1", "version": 1, "classification": "85",
                   "title": {"da": "Boligstøtte", "en": "Housing benefit"},
                   "updated_at": "2026-11-01T10:00:00Z", "kind": "benefit",
                   "details": {"granted_from": "2026-01-01",
                               "reason": {"da": "Lav indkomst", "en": "Low income"},
                               "repayable": false, "frequency": "monthly", "paid_in": "advance",
                               "per_period": {"gross": 1234550, "tax": 234550, "net": 1000000},
                               "payment_plan": [{"date": "2026-12-01", "gross": 1234550,
                                                 "tax": 234550, "net": 1000000}]}}),
        ),
        (
            "debt-1",
            json!({"id": "debt-1", "version": 1, "classification": "85",
                   "title": {"da": "Restskat"},
                   "updated_at": "2026-11-01T10:00:00Z", "kind": "debt",
                   "details": {"creditor": "Skattestyrelsen", "principal": 1000000,
                               "interest": 1250, "fees": 10000, "outstanding": 1011250,
                               "due": "2026-12-20", "debt_status": "instalments",
                               "instalments": [{"date": "2026-12-20", "amount": 505625,
                                                "paid": false}]}}),
        ),
        (
            "case-1",
            json!({"id": "case-1", "version": 1, "classification": "85",
                   "title": {"en": "Application for housing benefit"},
                   "updated_at": "2026-11-01T10:00:00Z", "kind": "case",
                   "details": {"status_history": [{"status": {"da": "Modtaget", "en": "Received"},
                                                   "at": "2026-10-01T09:00:00Z",
                                                   "final": false}]}}),
        ),
    ]
}

/// The records `subject` has, by the provider's id.
async fn records_by_id(
    store: &SqliteStore,
    subject: &overblik_model::SubjectKey,
) -> Vec<(String, Record)> {
    let mut records: Vec<(String, Record)> = store
        .subject_records(subject, &RecordFilter::visible_now())
        .await
        .expect("reads")
        .into_iter()
        .map(|stored| (stored.record.id.as_str().to_owned(), stored.record))
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// Nothing changes for a Danish citizen when their records were stored before amounts had a
/// currency: every amount reads as the same øre in kroner, written as before, every title
/// the same, and their subject key is the one their records are stored under.
#[tokio::test]
async fn danish_records_stored_before_currencies_read_the_same() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
    let secret = SubjectKeySecret::new(vec![9; 32]).expect("long enough");
    let national_id: NationalId = "010190-1234".parse().expect("valid");
    let subject = secret.subject_key(&national_id);
    // HMAC-SHA256 over "0101901234" with the secret: the key stored before other schemes.
    assert_eq!(
        String::from(subject),
        "c545df61078564fea5388c52362d30e6defa01e71313a28f8eadc57b5b3182d9"
    );
    let as_sent_today = {
        let store = SqliteStore::open(&url).await.expect("opens");
        store
            .put_provider(&Provider {
                id: "tax".parse().expect("an id"),
                name: "Tax".to_owned(),
                public_keys: Vec::new(),
                classifications: vec!["85".to_owned()],
                homepage: None,
                registered_at: Utc::now(),
            })
            .await
            .expect("registers");
        let batch = Batch::parse(&danish_batch(), &secret, &overblik_model::batch::Unchecked)
            .expect("valid");
        store
            .apply_batch(
                &"tax".parse().expect("an id"),
                &"k1".parse().expect("a key"),
                [0; 32],
                &batch,
            )
            .await
            .expect("applies");
        let as_sent_today = records_by_id(&store, &subject).await;
        // As the rows were before: the old form of each body.
        for (source_id, body) in stored_before_currencies() {
            let written = sqlx::query("UPDATE records SET body = ?1 WHERE source_id = ?2")
                .bind(body.to_string())
                .bind(source_id)
                .execute(store.write_pool())
                .await
                .expect("writes the old form");
            assert_eq!(written.rows_affected(), 1, "{source_id}");
        }
        store.write_pool().close().await;
        as_sent_today
    };
    assert_eq!(as_sent_today.len(), 4);

    let store = SqliteStore::open(&url)
        .await
        .expect("opens with the current code");
    let upgraded = records_by_id(&store, &subject).await;
    assert_eq!(
        upgraded, as_sent_today,
        "the old rows read as the same records"
    );
    let record = |id: &str| {
        &upgraded
            .iter()
            .find(|(source, _)| source == id)
            .expect("read")
            .1
    };
    let RecordDetails::Payment(payment) = &record("payment-1").details else {
        panic!("a payment");
    };
    let kroner = |ore: i64| Money::new(ore, Currency::DKK);
    assert_eq!(
        (
            payment.amounts.gross,
            payment.amounts.tax,
            payment.amounts.net
        ),
        (kroner(1_234_550), kroner(234_550), kroner(1_000_000))
    );
    // The record page writes an amount with `Money::written`: as it did before.
    assert_eq!(payment.amounts.gross.written(Language::Da), "12.345,50 kr.");
    assert_eq!(payment.amounts.gross.written(Language::En), "DKK 12,345.50");
    let RecordDetails::Debt(debt) = &record("debt-1").details else {
        panic!("a debt");
    };
    assert_eq!(
        (debt.principal, debt.interest, debt.fees, debt.outstanding),
        (
            kroner(1_000_000),
            kroner(1_250),
            kroner(10_000),
            kroner(1_011_250)
        )
    );
    assert_eq!(debt.instalments[0].amount, kroner(505_625));
    assert_eq!(
        debt.instalments[0].amount.written(Language::Da),
        "5.056,25 kr."
    );
    // A benefit's amounts, in the form Overblik now gives them back.
    let benefit = serde_json::to_value(record("benefit-1")).expect("serializes");
    let in_kroner = |amount: f64| json!({"amount": amount, "currency": "DKK"});
    assert_eq!(
        benefit["details"]["per_period"],
        json!({"gross": in_kroner(12345.5), "tax": in_kroner(2345.5), "net": in_kroner(10000.0)}),
        "{benefit}"
    );
    assert_eq!(
        benefit["details"]["payment_plan"][0]["gross"],
        in_kroner(12345.5),
        "{benefit}"
    );
    assert_eq!(
        benefit["details"]["reason"],
        json!({"da": "Lav indkomst", "en": "Low income"})
    );
    for (id, danish, english) in [
        (
            "payment-1",
            "Udbetaling af boligstøtte",
            "Housing benefit payment",
        ),
        // A title in one language reads the same in the other, as before.
        ("debt-1", "Restskat", "Restskat"),
        (
            "case-1",
            "Application for housing benefit",
            "Application for housing benefit",
        ),
    ] {
        assert_eq!(record(id).title_in(Language::Da), danish, "{id}");
        assert_eq!(record(id).title_in(Language::En), english, "{id}");
    }
}
