//! "Download my data" on the demo: every featured citizen downloads both forms from the
//! page, and other people's tools check them (`scripts/check-export`: PyPI's `jsonschema`
//! and `pikepdf`, poppler's `pdfinfo`, `pdftotext` and `pdftoppm`): the package validates
//! against its own schemas, its manifest's hashes hold, it holds exactly the records the
//! citizen's pages show; the document is tagged, in the citizen's language, with headings,
//! header cells and bookmarks, and holds every record's title and every log entry's actor.
//! Each download is one entry in the citizen's log. The files and page renders land in
//! `target/exports/`.

mod common;

use common::{hidden_fields, location, overblik, start_demo};
use overblik_model::Area;
use serde_json::Value;
use std::path::{Path, PathBuf};

const CITIZENS: &str = "30";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// Signs `national_id` in through the demo's development identity provider.
async fn sign_in(url: &str, national_id: &str) -> reqwest::Client {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let to_idp = browser
        .get(format!("{url}/login"))
        .send()
        .await
        .expect("answers");
    let form = browser
        .get(location(&to_idp))
        .send()
        .await
        .expect("answers");
    let mut fields = hidden_fields(&form.text().await.expect("html"));
    fields.push(("national_id".to_owned(), national_id.to_owned()));
    let back = browser
        .post(format!("{url}/dev-idp/authorize"))
        .form(&fields)
        .send()
        .await
        .expect("answers");
    let signed_in = browser.get(location(&back)).send().await.expect("answers");
    assert_eq!(signed_in.status(), 303, "signed in as a featured citizen");
    browser
}

async fn json(browser: &reqwest::Client, url: &str) -> Value {
    let response = browser.get(url).send().await.expect("answers");
    assert_eq!(response.status(), 200, "{url}");
    response.json().await.expect("JSON")
}

async fn download(browser: &reqwest::Client, url: &str, content_type: &str, to: &Path) {
    let response = browser.get(url).send().await.expect("answers");
    assert_eq!(response.status(), 200, "{url}");
    assert_eq!(
        response.headers()[reqwest::header::CONTENT_TYPE],
        content_type
    );
    assert!(
        response.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .is_ok_and(|value| value.starts_with("attachment; filename=\"overblik-")),
        "offered as a file"
    );
    std::fs::write(to, response.bytes().await.expect("the file")).expect("saved");
}

#[tokio::test]
async fn every_featured_citizen_downloads_both_forms_and_other_tools_check_them() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut demo = start_demo(&dir.path().join("demo"), 0, CITIZENS).await;
    let exports = workspace().join("target/exports");
    for (number, citizen) in demo.featured.iter().enumerate() {
        let browser = sign_in(&demo.url, citizen).await;
        let (lang, you) = if number % 2 == 0 {
            ("da", "Dig")
        } else {
            ("en", "You")
        };
        let page = browser
            .get(format!("{}/download?lang={lang}", demo.url))
            .send()
            .await
            .expect("answers");
        assert_eq!(page.status(), 200);
        let page = page.text().await.expect("html");
        assert!(page.contains("href=\"/download/data.zip\""), "{page}");
        assert!(page.contains("href=\"/download/document.pdf\""), "{page}");

        // Every record the citizen's pages show, area by area.
        let mut ids = Vec::new();
        for area in Area::ALL {
            let listed = json(
                &browser,
                &format!("{}/api/citizen/v1/areas/{}", demo.url, area.slug()),
            )
            .await;
            for record in listed["records"].as_array().expect("records") {
                ids.push(record["id"].clone());
            }
        }
        assert!(!ids.is_empty(), "a featured citizen has records");

        let here = exports.join(format!("citizen-{}", number + 1));
        std::fs::create_dir_all(&here).expect("a folder");
        let (package, document) = (here.join("data.zip"), here.join("document.pdf"));
        let ids_file = here.join("ids.json");
        std::fs::write(&ids_file, serde_json::to_vec(&ids).expect("JSON")).expect("saved");
        download(
            &browser,
            &format!("{}/download/data.zip?lang={lang}", demo.url),
            "application/zip",
            &package,
        )
        .await;
        download(
            &browser,
            &format!("{}/download/document.pdf?lang={lang}", demo.url),
            "application/pdf",
            &document,
        )
        .await;

        let checked = std::process::Command::new(workspace().join("scripts/check-export"))
            .arg("--zip")
            .arg(&package)
            .arg("--ids")
            .arg(&ids_file)
            .arg("--own")
            .arg("--pdf")
            .arg(&document)
            .args(["--lang", lang, "--you", you, "--pages"])
            .arg(&here)
            .output()
            .expect("scripts/check-export runs (it needs Python 3 with jsonschema and pikepdf, and poppler-utils)");
        let said = String::from_utf8_lossy(&checked.stdout);
        assert!(
            checked.status.success(),
            "citizen {}: {said}\n{}",
            number + 1,
            String::from_utf8_lossy(&checked.stderr)
        );
        let summary: Value = serde_json::from_str(said.trim()).expect("a summary");
        assert_eq!(summary["records"], ids.len());
        assert!(
            here.join("page-1.png").exists() || here.join("page-01.png").exists(),
            "the first page is rendered"
        );

        // The package's log is checked away from the server, as its README says.
        let log_file = here.join("log.json");
        let mut archive =
            zip::ZipArchive::new(std::fs::File::open(&package).expect("opens")).expect("a ZIP");
        std::io::copy(
            &mut archive.by_name("log.json").expect("log.json"),
            &mut std::fs::File::create(&log_file).expect("written"),
        )
        .expect("extracted");
        let verified = overblik()
            .args(["log", "verify", "--export"])
            .arg(&log_file)
            // What a check remembers belongs to this demo's log (and its key) only.
            .arg("--state")
            .arg(dir.path().join(format!("log-state-{number}.json")))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .output()
            .await
            .expect("overblik log verify runs");
        assert!(
            verified.status.success(),
            "{}{}",
            String::from_utf8_lossy(&verified.stdout),
            String::from_utf8_lossy(&verified.stderr)
        );

        // Each download is one entry in the citizen's log.
        let log = json(&browser, &format!("{}/api/citizen/v1/log", demo.url)).await;
        let described = |what: &str| {
            log["pending"]
                .as_array()
                .into_iter()
                .chain(log["entries"].as_array())
                .flatten()
                .filter(|shown| {
                    let entry = shown.get("entry").unwrap_or(shown);
                    entry["read"]["description"] == what
                })
                .count()
        };
        assert_eq!(described("data_export_package"), 1, "{log}");
        assert_eq!(described("data_export_document"), 1, "{log}");
    }
    demo.child.start_kill().expect("stops");
}
