//! A provider's batch body, as `POST /api/provider/v1/batches` and `overblik provider
//! validate` read it: any bytes become a batch or a problem naming the offending fields.

#![no_main]

use libfuzzer_sys::fuzz_target;
use overblik_model::SubjectKeySecret;
use overblik_model::batch::MAX_BATCH_RECORDS;
use overblik_server::provider::batches::parse;
use std::sync::LazyLock;

static SECRET: LazyLock<SubjectKeySecret> = LazyLock::new(|| {
    SubjectKeySecret::new(b"fuzz-subject-key-secret-0123456789abcdef".to_vec())
        .expect("long enough")
});

/// The classifications of the README's example provider, so that records outside them are
/// refused too.
const REGISTERED: [&str; 4] = ["02", "27", "28", "32"];

fuzz_target!(|body: &[u8]| {
    let allowed = |code: &overblik_model::Classification| {
        REGISTERED.iter().any(|prefix| code.is_under(prefix))
    };
    if let Ok(batch) = parse(body, &SECRET, &allowed) {
        let records = batch.upserts.len() + batch.deletes.len();
        assert!(
            (1..=MAX_BATCH_RECORDS).contains(&records),
            "a batch holds 1 to {MAX_BATCH_RECORDS} records, not {records}"
        );
        for upsert in &batch.upserts {
            assert!(
                allowed(&upsert.incoming.record.classification),
                "a record outside the provider's classifications was accepted"
            );
        }
    }
});
