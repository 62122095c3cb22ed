//! `overblik demo` builds its country through the real provider API and serves it: Denmark
//! by default, Catalonia or the Netherlands with `--country`. A featured citizen of each
//! signs in with an identifier of the country's scheme on the development provider's page in
//! the deployment's language, and their overview speaks it, with the authorities' texts and
//! amounts in euros.

mod common;

use common::{Demo, sign_in_from, start_demo_with};
use overblik_demo::Country;
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use std::collections::BTreeMap;
use std::path::Path;

const CITIZENS: usize = 60;
const SEED: u64 = 11;

/// Starts the demo of `country` in `data`, with the test's citizens and seed.
async fn start(country: &str, data: &Path) -> Demo {
    let (citizens, seed) = (CITIZENS.to_string(), SEED.to_string());
    let mut args = vec!["--port", "0", "--citizens", &citizens, "--seed", &seed];
    if country != "dk" {
        args.extend(["--country", country]);
    }
    start_demo_with(data, &args).await
}

/// Every record the generator made for `country` was written through the provider API, as
/// the API counted it and as the store holds it.
async fn every_push_was_accepted(demo: &Demo, country: Country, data: &Path) {
    let mut expected: BTreeMap<&str, u64> = BTreeMap::new();
    for citizen in country.citizens(SEED, CITIZENS, chrono::Utc::now().date_naive()) {
        for (authority, _) in &citizen.records {
            *expected.entry(authority).or_default() += 1;
        }
    }
    assert!(expected.len() >= 10, "{expected:?}");
    let metrics = reqwest::get(format!("{}/metrics", demo.url))
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    assert!(
        !metrics.contains("outcome=\"invalid\""),
        "no batch was refused"
    );
    let store = SqliteStore::open(&format!("sqlite://{}", data.join("overblik.db").display()))
        .await
        .expect("opens");
    for (authority, count) in &expected {
        let line = format!(
            "overblik_provider_records_total{{provider=\"{authority}\",result=\"upserted\"}} {count}"
        );
        assert!(
            metrics.contains(&line),
            "the API wrote {count} records for {authority}"
        );
        let id = authority.parse().expect("an id");
        assert_eq!(
            store.record_count(Some(&id)).await.expect("counts"),
            *count,
            "{authority} in the store"
        );
    }
}

#[tokio::test]
async fn the_demo_pushes_every_record_through_the_provider_api() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start("dk", &data).await;
    let printed = &demo.printed;
    assert!(
        demo.featured
            .iter()
            .all(|id| overblik_model::IdScheme::Cpr.parse(id).is_ok()),
        "CPR numbers: {printed:#?}"
    );
    assert!(
        printed
            .iter()
            .any(|line| line.contains(&format!("{}/verify", demo.url))),
        "the demo says where anyone checks a certificate: {printed:#?}"
    );
    every_push_was_accepted(&demo, Country::Dk, &data).await;
    assert!(
        data.join("keys/skattestyrelsen.key.pem").exists(),
        "the keys are written under DIR"
    );
}

/// The development provider's page as a browser that asks for no language sees it: the
/// browser (with the sign-in cookie) and the page.
async fn sign_in_page(url: &str) -> (reqwest::Client, String) {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("a client");
    let page = browser
        .get(format!("{url}/login"))
        .send()
        .await
        .expect("answers");
    assert_eq!(page.status(), 200);
    assert!(page.url().path().starts_with("/dev-idp/authorize"));
    (browser, page.text().await.expect("html"))
}

/// What the development provider answers someone who types `national_id` on `form`.
async fn refusal(browser: &reqwest::Client, url: &str, form: &str, national_id: &str) -> String {
    let mut fields = common::hidden_fields(form);
    fields.push(("national_id".to_owned(), national_id.to_owned()));
    let answer = browser
        .post(format!("{url}/dev-idp/authorize"))
        .form(&fields)
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), 400, "{national_id} is refused");
    answer.text().await.expect("html")
}

/// A signed-in citizen's page at `path`.
async fn page(browser: &reqwest::Client, url: &str, path: &str) -> String {
    let answer = browser
        .get(format!("{url}{path}"))
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), 200, "{path}");
    answer.text().await.expect("html")
}

/// Whether `browser`'s citizen is issued a certificate of residence in `language`: their
/// name and address are in the register.
async fn issues_residence(browser: &reqwest::Client, url: &str, language: &str) {
    let issued = browser
        .post(format!("{url}/api/citizen/v1/certificates"))
        .json(&serde_json::json!({"type": "residence", "language": language}))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        issued.status(),
        201,
        "{}",
        issued.text().await.expect("text")
    );
}

/// Each featured citizen, signed in once (sign-in is rate limited), with their overview at
/// each of `paths` (`/`, or `/?lang=..`), in that order.
async fn overviews(demo: &Demo, paths: &[&str]) -> Vec<(reqwest::Client, Vec<String>)> {
    let mut citizens = Vec::new();
    for citizen in &demo.featured {
        let (browser, landed) = sign_in_from(&format!("{}/login", demo.url), citizen).await;
        assert_eq!(landed, "/", "{citizen} lands on the overview");
        let mut pages = Vec::new();
        for path in paths {
            pages.push(page(&browser, &demo.url, path).await);
        }
        citizens.push((browser, pages));
    }
    citizens
}

#[tokio::test]
async fn catalonia_is_served_in_catalan_and_spanish_with_dni_and_nie_numbers() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start("cat", &data).await;
    let url = &demo.url;
    assert!(
        demo.printed
            .iter()
            .any(|line| line.contains("synthetic DNI/NIE numbers")),
        "{:#?}",
        demo.printed
    );
    for id in &demo.featured {
        overblik_model::IdScheme::DniNie
            .parse(id)
            .unwrap_or_else(|error| panic!("{id} {error}"));
    }
    every_push_was_accepted(&demo, Country::Cat, &data).await;
    let settings = std::fs::read_to_string(data.join("overblik.toml")).expect("written");
    assert!(
        settings.contains("[country]\npreset = \"cat\"\n"),
        "{settings}"
    );

    // The development provider asks for a DNI or NIE, in Catalan, and says why it refuses one.
    let (browser, form) = sign_in_page(url).await;
    assert!(form.contains("<html lang=\"ca\">"), "{form}");
    assert!(form.contains(">DNI/NIE</label>"), "{form}");
    assert!(
        !form.contains("inputmode=\"numeric\""),
        "letters are typed too"
    );
    let refused = refusal(&browser, url, &form, "12345678A").await;
    assert!(
        refused.contains("el caràcter de control no coincideix"),
        "{refused}"
    );

    let citizens = overviews(&demo, &["/", "/?lang=es"]).await;
    for (_, pages) in &citizens {
        assert!(pages[0].contains("<html lang=\"ca\">"));
        assert!(pages[1].contains("<html lang=\"es\">"));
        // The deployment's other languages, and no other.
        assert!(pages[0].contains("hreflang=\"es\"") && pages[0].contains("hreflang=\"en\""));
        assert!(!pages[0].contains("hreflang=\"da\""));
    }
    let (catalan, spanish): (String, String) = citizens
        .iter()
        .map(|(_, pages)| (pages[0].as_str(), pages[1].as_str()))
        .unzip();
    assert!(
        catalan.contains("Entrevista amb la tutora"),
        "the school's text in Catalan"
    );
    assert!(
        catalan.contains(" €"),
        "amounts in euros, as Catalan writes them"
    );
    assert!(
        spanish.contains("Entrevista con la tutora"),
        "the school's text in Spanish"
    );
    assert!(spanish.contains(" €"));
    issues_residence(&citizens[0].0, url, "ca").await;
}

#[tokio::test]
async fn the_netherlands_is_served_in_english_with_bsns_and_dutch_texts() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start("nl", &data).await;
    let url = &demo.url;
    for id in &demo.featured {
        overblik_model::IdScheme::Bsn
            .parse(id)
            .unwrap_or_else(|error| panic!("{id} {error}"));
    }
    every_push_was_accepted(&demo, Country::Nl, &data).await;

    // The development provider asks for a BSN, in English, the deployment's one language.
    let (browser, form) = sign_in_page(url).await;
    assert!(form.contains("<html lang=\"en\">"), "{form}");
    assert!(form.contains(">BSN</label>"), "{form}");
    let refused = refusal(&browser, url, &form, "111222334").await;
    assert!(
        refused.contains("its check character does not match"),
        "{refused}"
    );

    // Catalan is asked for, but English is all this deployment speaks.
    let citizens = overviews(&demo, &["/?lang=ca"]).await;
    for (_, pages) in &citizens {
        assert!(pages[0].contains("<html lang=\"en\">"));
        assert!(
            !pages[0].contains("hreflang="),
            "no other language is offered"
        );
    }
    let english: String = citizens
        .iter()
        .map(|(_, pages)| pages[0].as_str())
        .collect();
    assert!(
        english.contains("Parent-teacher meeting"),
        "the school's text in English"
    );
    assert!(english.contains('€'), "amounts in euros");

    // The authorities wrote in Dutch as well.
    let family = &citizens[0].0;
    let education: serde_json::Value =
        serde_json::from_str(&page(family, url, "/api/citizen/v1/areas/education").await)
            .expect("JSON");
    let meeting = education["records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|record| record["title"] == "Parent-teacher meeting")
        .expect("the meeting");
    let id = meeting["id"].as_str().expect("an id");
    let record: serde_json::Value =
        serde_json::from_str(&page(family, url, &format!("/api/citizen/v1/records/{id}")).await)
            .expect("JSON");
    assert_eq!(
        record["record"]["title"]["nl"], "Tienminutengesprek",
        "{record}"
    );
    issues_residence(family, url, "en").await;
}
