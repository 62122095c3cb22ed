//! "Download my data" over HTTP, on both stores: the package holds the citizen's records and
//! reports with the files sent, nothing of anyone else and no national identifier; someone
//! acting under a power of attorney takes out only its scope, and the package says on whose
//! behalf; each download is one entry in the subject's log. Both forms are checked by other
//! people's tools (`scripts/check-export`: jsonschema, pikepdf, poppler).

mod common;

use base64::Engine;
use chrono::{Duration, Utc};
use chrono_tz::Europe::Copenhagen;
use common::{Backend, Sealed, TestApp, body, deadline, debt, sign_in, subject};
use overblik_ledger::{AccessEntry, ActorKind, EntryFilter};
use reqwest::StatusCode;
use reqwest::header::ORIGIN;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

const CITIZEN: &str = "010170-1234";
const HOLDER: &str = "020280-1234";
const NEIGHBOUR: &str = "030390-1234";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

fn api(app: &TestApp, path: &str) -> String {
    app.url(&format!("/api/citizen/v1{path}"))
}

fn appointment(id: &str, national_id: &str) -> Value {
    let start = Utc::now() + Duration::days(5);
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "appointment",
        "classification": "89.02", "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": id, "en": id},
        "details": {"start": start.to_rfc3339(), "end": (start + Duration::hours(1)).to_rfc3339(),
                    "place": "Ambulatoriet"}
    })
}

/// A server with the citizen's records in three areas, the neighbour's, and the holder's.
async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::start_on(backend).await;
    let client = app.client(app.register("authority", &["85", "89"]).await);
    let records = vec![
        appointment("citizen-appointment", CITIZEN),
        debt("citizen-debt", CITIZEN),
        deadline("citizen-deadline", 1, CITIZEN),
        debt("neighbour-debt", NEIGHBOUR),
        appointment("neighbour-appointment", NEIGHBOUR),
        debt("holder-debt", HOLDER),
    ];
    let pushed = client.push(body(records), "seed").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    app
}

/// The ids of the records `browser`'s pages show, area by area.
async fn shown_ids(app: &TestApp, browser: &reqwest::Client) -> Vec<String> {
    let mut ids = Vec::new();
    for area in overblik_model::Area::ALL {
        let listed: Value = browser
            .get(api(app, &format!("/areas/{}", area.slug())))
            .send()
            .await
            .expect("answers")
            .json()
            .await
            .expect("JSON");
        for record in listed["records"].as_array().expect("records") {
            ids.push(record["id"].as_str().expect("an id").to_owned());
        }
    }
    ids
}

/// Downloads `path` into `to`.
async fn download(browser: &reqwest::Client, url: &str, to: &Path) -> Vec<u8> {
    let response = browser.get(url).send().await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    let bytes = response.bytes().await.expect("the file").to_vec();
    std::fs::write(to, &bytes).expect("saved");
    bytes
}

/// Every file of a ZIP, by name.
fn unzipped(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).expect("a file");
            let mut contents = Vec::new();
            file.read_to_end(&mut contents).expect("read");
            (file.name().expect("a name").into_owned(), contents)
        })
        .collect()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Runs `scripts/check-export` with `args`; its summary.
fn check_export(args: &[&std::ffi::OsStr]) -> Value {
    let checked = std::process::Command::new(workspace().join("scripts/check-export"))
        .args(args)
        .output()
        .expect("scripts/check-export runs (it needs Python 3 with jsonschema and pikepdf, and poppler-utils)");
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    serde_json::from_str(said.trim()).expect("a summary")
}

/// The subject's entries, sealed and pending, whose description is `what`.
async fn entries_described(app: &TestApp, national_id: &str, what: &str) -> Vec<AccessEntry> {
    let filter = EntryFilter::visible_now(10_000);
    let subject = subject(national_id);
    let ledger = app.ledger.sealed().await;
    let sealed = ledger.entries(&subject, &filter).await.expect("reads");
    let pending = ledger.pending(&subject, &filter).await.expect("reads");
    sealed
        .into_iter()
        .map(|stored| stored.entry)
        .chain(pending.into_iter().map(|pending| pending.entry))
        .filter(|entry| entry.read.description.as_deref() == Some(what))
        .collect()
}

async fn the_citizens_package_holds_their_records_and_reports_and_nothing_of_anyone_else(
    backend: Backend,
) {
    let app = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let ids = shown_ids(&app, &browser).await;
    assert_eq!(ids.len(), 3);
    let reported = &ids[0];
    let sent = browser
        .post(api(&app, &format!("/records/{reported}/corrections")))
        .header(ORIGIN, app.base_url.clone())
        .json(&json!({
            "kind": "missing", "explanation": "The letter of 3 March is missing.",
            "attachments": [{"name": "letter.pdf", "content_type": "application/pdf",
                             "data": base64::engine::general_purpose::STANDARD.encode(PDF)}]
        }))
        .send()
        .await
        .expect("answers");
    assert_eq!(sent.status(), StatusCode::CREATED);
    let report: Value = sent.json().await.expect("JSON");

    let dir = tempfile::tempdir().expect("a folder");
    let (zip_path, pdf_path, ids_path) = (
        dir.path().join("data.zip"),
        dir.path().join("document.pdf"),
        dir.path().join("ids.json"),
    );
    std::fs::write(&ids_path, serde_json::to_vec(&ids).expect("JSON")).expect("saved");
    let package = download(&browser, &api(&app, "/export/package?lang=en"), &zip_path).await;
    download(&browser, &api(&app, "/export/document?lang=en"), &pdf_path).await;
    let summary = check_export(&[
        "--zip".as_ref(),
        zip_path.as_os_str(),
        "--ids".as_ref(),
        ids_path.as_os_str(),
        "--own".as_ref(),
        "--pdf".as_ref(),
        pdf_path.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
        "--you".as_ref(),
        "You".as_ref(),
    ]);
    assert_eq!(summary["records"], 3, "{summary}");

    let files = unzipped(&package);
    let file = |name: &str| {
        files
            .iter()
            .find(|(path, _)| path == name)
            .map(|(_, bytes)| bytes.clone())
            .unwrap_or_else(|| panic!("{name} in the package"))
    };
    // The report, with the file sent, which is in the package as sent.
    let reports: Value = serde_json::from_slice(&file("reports.json")).expect("JSON");
    assert_eq!(reports[0]["id"], report["id"]);
    let href = reports[0]["attachments"][0]["href"]
        .as_str()
        .expect("where the file is");
    assert!(
        href.starts_with("reports/") && href.ends_with("letter.pdf"),
        "{href}"
    );
    assert_eq!(file(href), PDF);
    // The log proves the package's own read: it waited for its seal.
    let log: Value = serde_json::from_slice(&file("log.json")).expect("JSON");
    assert!(
        log["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .any(|exported| { exported["entry"]["read"]["description"] == "data_export_package" }),
        "{log}"
    );
    // Nothing of anyone else, and no national identifier, the citizen's own included.
    let everything: Vec<u8> = files.iter().flat_map(|(_, bytes)| bytes.clone()).collect();
    let text = String::from_utf8_lossy(&everything);
    for other in [
        "neighbour-debt",
        "neighbour-appointment",
        "holder-debt",
        NEIGHBOUR,
        HOLDER,
        CITIZEN,
        &CITIZEN.replace('-', ""),
    ] {
        assert!(!text.contains(other), "{other} is in the package");
    }
    let neighbour = hex::encode(subject(NEIGHBOUR).as_bytes());
    assert!(
        !text.contains(&neighbour),
        "the neighbour's subject key is in the package"
    );

    // Each download is one entry in the citizen's log, read by the citizen.
    for what in ["data_export_package", "data_export_document"] {
        let entries = entries_described(&app, CITIZEN, what).await;
        assert_eq!(entries.len(), 1, "{what}");
        assert_eq!(entries[0].actor.kind, ActorKind::Citizen);
        assert_eq!(entries[0].read.count, Some(3), "{what}");
    }
    assert!(
        entries_described(&app, NEIGHBOUR, "data_export_package")
            .await
            .is_empty()
    );
}

async fn a_proxy_takes_out_only_the_scope_and_the_export_says_on_whose_behalf(backend: Backend) {
    let app = seeded(backend).await;
    let ours = app.base_url.clone();
    let (grantor, _) = sign_in(&app, CITIZEN).await;
    let (holder, _) = sign_in(&app, HOLDER).await;
    let today = Utc::now().with_timezone(&Copenhagen).date_naive();
    let granted: Value = grantor
        .post(api(&app, "/mandates"))
        .header(ORIGIN, &ours)
        .json(&json!({
            "holder_national_id": HOLDER, "holder_name": "Bo Holder",
            "areas": ["economy"], "kinds": ["debt"], "permission": "read",
            "valid_from": today.to_string(), "valid_until": (today + Duration::days(30)).to_string()
        }))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let id = granted["id"].as_str().expect("an id").to_owned();
    let accepted = holder
        .post(api(&app, &format!("/mandates/{id}/accept")))
        .header(ORIGIN, &ours)
        .send()
        .await
        .expect("answers");
    assert_eq!(accepted.status(), StatusCode::OK);
    let acting = holder
        .put(api(&app, "/acting"))
        .header(ORIGIN, &ours)
        .json(&json!({ "basis": format!("poa-{id}") }))
        .send()
        .await
        .expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);

    let ids = shown_ids(&app, &holder).await;
    assert_eq!(ids.len(), 1, "the scope shows the debt only");
    let dir = tempfile::tempdir().expect("a folder");
    let (zip_path, pdf_path, ids_path) = (
        dir.path().join("data.zip"),
        dir.path().join("document.pdf"),
        dir.path().join("ids.json"),
    );
    std::fs::write(&ids_path, serde_json::to_vec(&ids).expect("JSON")).expect("saved");
    let package = download(&holder, &app.url("/download/data.zip?lang=en"), &zip_path).await;
    download(
        &holder,
        &app.url("/download/document.pdf?lang=en"),
        &pdf_path,
    )
    .await;
    check_export(&[
        "--zip".as_ref(),
        zip_path.as_os_str(),
        "--ids".as_ref(),
        ids_path.as_os_str(),
        "--proxy".as_ref(),
        "--pdf".as_ref(),
        pdf_path.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    let files = unzipped(&package);
    let about: Value = serde_json::from_slice(
        &files
            .iter()
            .find(|(path, _)| path == "export.json")
            .expect("export.json")
            .1,
    )
    .expect("JSON");
    assert_eq!(about["on_behalf_of"]["made_by"], "Bo Holder", "{about}");
    assert_eq!(about["on_behalf_of"]["basis"], "power_of_attorney");
    assert_eq!(about["on_behalf_of"]["scope"]["areas"], json!(["economy"]));
    let names: BTreeSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
    for own in ["log.json", "mandates.json", "notifications.json"] {
        assert!(!names.contains(own), "{own} in a proxy's export");
    }
    let text = String::from_utf8_lossy(
        &files
            .iter()
            .flat_map(|(_, bytes)| bytes.clone())
            .collect::<Vec<u8>>(),
    )
    .into_owned();
    for beyond in ["citizen-appointment", "citizen-deadline", "holder-debt"] {
        assert!(!text.contains(beyond), "{beyond} is in the proxy's export");
    }
    let pdf_text = std::process::Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let pdf_text = String::from_utf8_lossy(&pdf_text.stdout);
    assert!(
        pdf_text.contains("Bo Holder"),
        "the document says who made it"
    );
    assert!(!pdf_text.contains("citizen-appointment"));

    // In the grantor's log, as the holder on their behalf, once per download.
    for what in ["data_export_package", "data_export_document"] {
        let entries = entries_described(&app, CITIZEN, what).await;
        assert_eq!(entries.len(), 1, "{what}");
        assert_eq!(entries[0].actor.kind, ActorKind::Proxy);
        assert_eq!(entries[0].read.count, Some(1));
    }
}

on_each_backend!(
    the_citizens_package_holds_their_records_and_reports_and_nothing_of_anyone_else,
    a_proxy_takes_out_only_the_scope_and_the_export_says_on_whose_behalf,
);

#[tokio::test]
async fn without_a_session_nothing_is_taken_out() {
    let app = seeded(Backend::Sqlite).await;
    let anonymous = common::browser();
    for path in ["/export/package", "/export/document"] {
        let refused = anonymous
            .get(api(&app, path))
            .send()
            .await
            .expect("answers");
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(
            refused.headers()[reqwest::header::CONTENT_TYPE],
            "application/problem+json"
        );
    }
    for path in ["/download/data.zip", "/download/document.pdf", "/download"] {
        let sent = anonymous.get(app.url(path)).send().await.expect("answers");
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "{path}");
    }
}

/// Every sample payload in `examples/`, a record of every kind and of every shape one may
/// take (a benefit in kind, a letter's text, a contact, a disputed debt, ...), comes out in
/// both forms, each accepted by other people's tools, for each citizen the samples are about.
#[tokio::test]
async fn every_sample_record_comes_out_in_forms_other_peoples_tools_accept() {
    let app = TestApp::start_configured(Backend::Sqlite, |settings| {
        settings.fact_authorities = common::custody_from("samples");
    })
    .await;
    let everything: Vec<&str> = overblik_model::Catalogue::get()
        .entries()
        .map(|entry| entry.code.as_str())
        .filter(|code| !code.contains('.'))
        .collect();
    let client = app.client(app.register("samples", &everything).await);
    let examples = workspace().join("examples");
    for entry in std::fs::read_dir(examples).expect("the examples folder") {
        let path = entry.expect("an entry").path();
        let key = path.file_stem().expect("a name").to_string_lossy();
        let pushed = client
            .push(std::fs::read(&path).expect("a sample"), &key)
            .await
            .expect("pushes");
        assert_eq!(pushed.status, 200, "{}: {}", path.display(), pushed.body);
    }
    for citizen in ["010185-1234", "020288-2345", "030345-3456"] {
        let (browser, _) = sign_in(&app, citizen).await;
        let shown = shown_ids(&app, &browser).await;
        let dir = tempfile::tempdir().expect("a folder");
        let (zip_path, pdf_path) = (dir.path().join("data.zip"), dir.path().join("data.pdf"));
        download(&browser, &api(&app, "/export/package?lang=en"), &zip_path).await;
        download(&browser, &api(&app, "/export/document?lang=en"), &pdf_path).await;
        let summary = check_export(&[
            "--zip".as_ref(),
            zip_path.as_os_str(),
            "--own".as_ref(),
            "--pdf".as_ref(),
            pdf_path.as_os_str(),
            "--lang".as_ref(),
            "en".as_ref(),
            "--you".as_ref(),
            "You".as_ref(),
        ]);
        let records = summary["records"].as_u64().expect("a count");
        assert!(records >= shown.len() as u64, "{citizen}: {summary}");
    }
}
