//! A citizen's log export, as `overblik log verify --export FILE` reads and checks it: the
//! entries, their salts and inclusion proofs, and the signed checkpoint they lead to.
//!
//! An export comes from the server or from anyone handing the citizen a file, so all of it is
//! untrusted, the key it names included (`log verify` trusts that key on first use). Each input
//! is checked three ways: with the log's key, with the key the export names, and with its
//! checkpoint's text signed by the log, so that the entries are also checked against a tree
//! size and root of the fuzzer's choosing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use overblik_ledger::export::{self, Checked, LogExport, Seen};
use overblik_ledger::{Checkpoint, LogKey};
use std::sync::LazyLock;

/// A log key made for this target alone; it guards nothing. The seeds are signed with it.
const LOG_KEY: &str =
    "PRIVATE+KEY+overblik.fuzz/log+49bcc457+Afx17hIppAQteASKVD8sbVvv2xRFVqH51QU2EECl87ky";

static KEY: LazyLock<LogKey> = LazyLock::new(|| LogKey::from_private(LOG_KEY).expect("a log key"));

/// What an earlier check saw: the first entry of the seed exports.
static SEEN: LazyLock<Seen> = LazyLock::new(|| Seen {
    entries: [(
        0,
        "f863fdb5c25cf446221d39018a5914a0de3223f42e6494a9f49cb829a5774faa".to_owned(),
    )]
    .into(),
    ..Seen::default()
});

/// What a check that found nothing wrong promises.
fn holds_what_it_promises(export: &LogExport, checked: &Checked) {
    if !checked.failures.is_empty() {
        return;
    }
    for exported in &export.entries {
        assert!(
            exported.sealed.index < checked.checkpoint.size(),
            "entry #{} passed outside a checkpoint of {} entries",
            exported.sealed.index,
            checked.checkpoint.size()
        );
        assert!(
            export::commitment(&exported.sealed).is_some(),
            "an entry passed with a malformed salt"
        );
    }
    for index in SEEN.entries.keys() {
        assert!(
            export
                .entries
                .iter()
                .any(|exported| exported.sealed.index == *index),
            "entry #{index}, seen before, passed while missing"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut export) = LogExport::read(text) else {
        return;
    };
    if let Ok(checked) = export::check(&export, KEY.verifier(), &SEEN) {
        holds_what_it_promises(&export, &checked);
    }
    if let Ok(checked) = export::check(&export, &export.verifier_key, &SEEN) {
        holds_what_it_promises(&export, &checked);
    }
    // The checkpoint's text is what a signed note signs: everything before its blank line.
    let body = match export.checkpoint.split_once("\n\n") {
        Some((body, _)) => format!("{body}\n"),
        None => export.checkpoint.clone(),
    };
    if let Ok(checkpoint) = Checkpoint::from_bytes(body.as_bytes()) {
        export.checkpoint = KEY.sign(checkpoint.size(), *checkpoint.hash());
        let checked = export::check(&export, KEY.verifier(), &SEEN)
            .expect("a checkpoint signed with the log's key opens with it");
        holds_what_it_promises(&export, &checked);
    }
});
