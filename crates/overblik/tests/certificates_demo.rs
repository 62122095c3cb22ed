//! Certificates on the demo: every featured citizen can have one issued, and
//! `overblik certificate verify` checks one as anyone shown it would: offline against the
//! published keys (no trace in the holder's log), against the issuer's status list (no trace
//! either), or by its code at the issuer (told in the holder's log); and it says so when the
//! certificate is revoked, expired, changed or signed by another key.

mod common;

use common::{overblik, sign_in_from, start_demo};
use overblik_certificate::{IssuerKey, PublicKeys, compact};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Stdio;

/// Runs `overblik certificate verify` with `args`: its exit code and what it printed.
async fn verify(args: &[&str]) -> (bool, String) {
    let output = overblik()
        .args(["certificate", "verify"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .await
        .expect("runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

/// How many checks of the citizen's certificates their log holds, sealed or awaiting it.
async fn checks(browser: &reqwest::Client, url: &str) -> usize {
    let log = browser
        .get(format!("{url}/api/citizen/v1/log"))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("the log");
    log.matches("\"certificate_check\"").count()
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> String {
    std::fs::write(path, bytes).expect("written");
    path.to_str().expect("a UTF-8 path").to_owned()
}

#[tokio::test]
async fn every_featured_citizen_gets_a_certificate_that_the_command_line_checks() {
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, "30").await;
    let url = &demo.url;
    let mut first = None;
    let mut issued_types = std::collections::BTreeSet::new();
    let today = chrono::Utc::now().date_naive();
    for citizen in &demo.featured {
        let (browser, _) = sign_in_from(&format!("{url}/login"), citizen).await;
        let issue = |body: Value| {
            let browser = browser.clone();
            async move {
                browser
                    .post(format!("{url}/api/citizen/v1/certificates"))
                    .json(&body)
                    .send()
                    .await
                    .expect("answers")
            }
        };
        let issued = issue(json!({"type": "residence", "language": "en"})).await;
        assert_eq!(issued.status(), 201, "a featured citizen has an address");
        let issued: Value = issued.json().await.expect("JSON");
        assert_eq!(issued["state"], "valid");
        assert_eq!(issued["fields"][1]["name"], "address", "{issued}");
        issued_types.insert("residence".to_owned());
        // The other types, where this citizen's data supports them.
        let period = json!({"type": "benefits-received", "language": "en",
            "period_from": (today - chrono::Duration::days(120)).to_string(),
            "period_to": today.to_string()});
        let mut case = None;
        for area in overblik_model::Area::ALL {
            let listed: Value = browser
                .get(format!("{url}/api/citizen/v1/areas/{}", area.slug()))
                .send()
                .await
                .expect("answers")
                .json()
                .await
                .expect("JSON");
            case = case.or_else(|| {
                listed["records"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|record| record["kind"] == "case")
                    .map(|record| record["id"].clone())
            });
        }
        let mut others = vec![
            json!({"type": "no-debt"}),
            json!({"type": "household"}),
            period,
        ];
        if let Some(case) = case {
            others.push(json!({"type": "case-status", "case": case}));
        }
        for body in others {
            let answer = issue(body.clone()).await;
            let status = answer.status();
            let answer: Value = answer.json().await.expect("JSON");
            match status.as_u16() {
                201 => {
                    issued_types.insert(body["type"].as_str().expect("a type").to_owned());
                }
                422 => assert!(
                    answer["type"]
                        .as_str()
                        .is_some_and(|kind| kind.starts_with("urn:overblik:problem:")),
                    "a refusal names its reason: {answer}"
                ),
                other => panic!("{body}: {other} {answer}"),
            }
        }
        first.get_or_insert((browser, issued));
    }
    assert_eq!(
        issued_types.len(),
        5,
        "each type is issued to some featured citizen: {issued_types:?}"
    );
    let (browser, issued) = first.expect("featured citizens");
    let number = issued["number"].as_u64().expect("a number");
    let code = issued["code"].as_str().expect("a code").to_owned();

    // What a verifier keeps: the issuer's keys, and the certificate's PDF.
    let keys: Value = reqwest::get(format!("{url}/certificates/keys.json"))
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let keys_file = write(&dir.path().join("keys.json"), keys.to_string());
    let pdf = browser
        .get(format!("{url}/api/citizen/v1/certificates/{number}/pdf"))
        .send()
        .await
        .expect("answers")
        .bytes()
        .await
        .expect("the PDF");
    let pdf_file = write(&dir.path().join("certificate.pdf"), &pdf);

    // The download holds the certificate, and its file validates against its own schema.
    let package = browser
        .get(format!("{url}/api/citizen/v1/export/package"))
        .send()
        .await
        .expect("answers")
        .bytes()
        .await
        .expect("the package");
    let package_file = write(&dir.path().join("data.zip"), &package);
    let checked = std::process::Command::new(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/check-export"),
    )
    .args(["--zip", &package_file, "--own"])
    .output()
    .expect("check-export runs");
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    let listed = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('certificates.json').decode())",
            &package_file,
        ])
        .output()
        .expect("python3 runs");
    let listed: Value = serde_json::from_slice(&listed.stdout).expect("certificates.json");
    assert!(
        listed
            .as_array()
            .expect("a list")
            .iter()
            .any(|certificate| certificate["code"] == code.as_str()
                && certificate["state"] == "valid"),
        "{listed}"
    );

    let document = browser
        .get(format!("{url}/api/citizen/v1/export/document?lang=en"))
        .send()
        .await
        .expect("answers")
        .bytes()
        .await
        .expect("the document");
    let document_file = write(&dir.path().join("document.pdf"), &document);
    let text = std::process::Command::new("pdftotext")
        .args([&document_file, "-"])
        .output()
        .expect("poppler's pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    // Whole, on one line: its column has room for it.
    assert!(
        text.contains("Certificates") && text.contains(&code),
        "the document's table of certificates: {text}"
    );

    let before = checks(&browser, url).await;
    assert_eq!(before, 0);
    let (valid, printed) = verify(&[&pdf_file, "--keys", &keys_file]).await;
    assert!(valid, "{printed}");
    assert!(printed.starts_with("VALID"), "{printed}");
    assert!(printed.contains("revocation not checked"), "{printed}");
    let (valid, printed) = verify(&[&pdf_file, "--issuer", url]).await;
    assert!(valid && printed.contains("status list"), "{printed}");
    assert_eq!(
        checks(&browser, url).await,
        before,
        "an offline check and the status list leave no trace"
    );
    let (valid, printed) = verify(&[&code, "--issuer", url]).await;
    assert!(valid, "{printed}");
    assert!(printed.contains("Address"), "{printed}");
    assert_eq!(
        checks(&browser, url).await,
        before + 1,
        "a check by code is in the holder's log"
    );

    // A changed field: the QR text with one character of its payload changed.
    let sealed = issued["sealed"].as_str().expect("the signed text");
    let mut changed = sealed.as_bytes().to_vec();
    let middle = changed.len() / 2;
    changed[middle] = if changed[middle] == b'A' { b'B' } else { b'A' };
    let changed_file = write(&dir.path().join("changed.txt"), &changed);
    let (valid, printed) = verify(&[&changed_file, "--keys", &keys_file]).await;
    assert!(!valid && printed.starts_with("FORGED"), "{printed}");

    // A changed signature: a character of the last bytes, which are the signature's.
    let mut changed = sealed.as_bytes().to_vec();
    let near_end = changed.len() - 4;
    changed[near_end] = if changed[near_end] == b'A' {
        b'B'
    } else {
        b'A'
    };
    let changed_file = write(&dir.path().join("changed-signature.txt"), &changed);
    let (valid, printed) = verify(&[&changed_file, "--keys", &keys_file]).await;
    assert!(!valid && printed.starts_with("FORGED"), "{printed}");

    // Another key's payload, and an expired certificate signed by a key the verifier trusts.
    let published = PublicKeys::from_jwks(&keys).expect("the issuer's keys");
    let mut attested = compact::open(sealed, &published).expect("genuine");
    let other = IssuerKey::generate();
    let other_file = write(
        &dir.path().join("other.txt"),
        compact::seal(&attested, &other),
    );
    let (valid, printed) = verify(&[&other_file, "--keys", &keys_file]).await;
    assert!(!valid && printed.starts_with("FORGED"), "{printed}");
    attested.valid_until = attested.issued_at - chrono::Duration::days(1);
    let expired_file = write(
        &dir.path().join("expired.txt"),
        compact::seal(&attested, &other),
    );
    let other_keys = write(
        &dir.path().join("other-keys.json"),
        PublicKeys::new(vec![other.public()]).to_jwks().to_string(),
    );
    let (valid, printed) = verify(&[&expired_file, "--keys", &other_keys]).await;
    assert!(!valid && printed.starts_with("EXPIRED"), "{printed}");

    // Revoked: the status list says so, and so does the issuer by code.
    let revoked = browser
        .post(format!("{url}/api/citizen/v1/certificates/{number}/revoke"))
        .header("origin", url.as_str())
        .send()
        .await
        .expect("answers");
    assert_eq!(revoked.status(), 200);
    let (valid, printed) = verify(&[&pdf_file, "--issuer", url]).await;
    assert!(!valid && printed.starts_with("REVOKED"), "{printed}");
    let (valid, printed) = verify(&[&code, "--issuer", url]).await;
    assert!(!valid && printed.starts_with("REVOKED"), "{printed}");
}
