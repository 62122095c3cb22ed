//! What an upgrade must keep, for every backend: a Danish database written before amounts
//! had a currency reads the same for its citizens. A backend's own test writes the old rows
//! its own way, between [`sent_today`] and [`read_as_before`].

use crate::{Provider, RecordFilter, Store};
use chrono::Utc;
use overblik_model::record::RecordDetails;
use overblik_model::{
    Batch, Currency, Language, Money, NationalId, Record, SubjectKey, SubjectKeySecret,
};
use serde_json::json;

/// The secret the citizen's subject key is made with, and the key. Pins the key: HMAC-SHA256
/// over the CPR number's ten digits, as it was before other identity schemes.
pub fn danish_subject() -> (SubjectKeySecret, SubjectKey) {
    let secret = SubjectKeySecret::new(vec![9; 32]).expect("long enough");
    let national_id: NationalId = "010190-1234".parse().expect("valid");
    let subject = secret.subject_key(&national_id);
    assert_eq!(
        String::from(subject),
        "c545df61078564fea5388c52362d30e6defa01e71313a28f8eadc57b5b3182d9"
    );
    (secret, subject)
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
pub fn stored_before_currencies() -> [(&'static str, serde_json::Value); 4] {
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

/// Registers the tax authority and stores `batch` from it, for the citizen of
/// [`danish_subject`].
pub async fn send_as_tax(store: &dyn Store, batch: &serde_json::Value) {
    let (secret, _) = danish_subject();
    store
        .put_provider(&Provider {
            id: "tax".parse().expect("an id"),
            name: "Tax".to_owned(),
            public_keys: Vec::new(),
            classifications: vec!["85".to_owned()],
            homepage: None,
            registered_at: Utc::now(),
            stale_after_days: None,
            last_delivery: None,
        })
        .await
        .expect("registers");
    let batch = Batch::parse(batch, &secret, &overblik_model::batch::Unchecked).expect("valid");
    store
        .apply_batch(
            &"tax".parse().expect("an id"),
            &"k1".parse().expect("a key"),
            [0; 32],
            &batch,
        )
        .await
        .expect("applies");
}

/// Stores the citizen's records as a provider sends them today, and gives them back as read.
pub async fn sent_today(store: &dyn Store) -> Vec<(String, Record)> {
    send_as_tax(store, &danish_batch()).await;
    let (_, subject) = danish_subject();
    let records = records_by_id(store, &subject).await;
    assert_eq!(records.len(), 4);
    records
}

/// The records `subject` has, by the provider's id.
async fn records_by_id(store: &dyn Store, subject: &SubjectKey) -> Vec<(String, Record)> {
    let mut records: Vec<(String, Record)> = store
        .subject_records(subject, &RecordFilter::visible_now())
        .await
        .expect("reads")
        .into_iter()
        .map(|stored| {
            let record = std::sync::Arc::unwrap_or_clone(stored.record);
            (record.id.as_str().to_owned(), record)
        })
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// Checks that `store`, opened anew on the rows [`stored_before_currencies`] wrote, reads
/// what [`sent_today`] read: every amount the same øre in kroner, written as before, every
/// title the same.
pub async fn read_as_before(store: &dyn Store, as_sent_today: &[(String, Record)]) {
    let (_, subject) = danish_subject();
    let upgraded = records_by_id(store, &subject).await;
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

/// After the upgrade that began keeping each authority's last delivery, an authority that
/// delivered before it last delivered when its latest record arrived.
pub async fn last_delivery_is_the_latest_records(store: &dyn Store) {
    let (_, subject) = danish_subject();
    let latest = store
        .subject_records(&subject, &RecordFilter::visible_now())
        .await
        .expect("reads")
        .iter()
        .map(|stored| stored.stored_at.timestamp_millis())
        .max()
        .expect("the sample has records");
    let tax = store
        .provider(&"tax".parse().expect("an id"))
        .await
        .expect("registered");
    assert_eq!(
        tax.last_delivery.map(|at| at.timestamp_millis()),
        Some(latest)
    );
}
