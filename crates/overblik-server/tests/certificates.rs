//! Certificates over HTTP, on both stores: a citizen issues one from the register's facts
//! (in their log), "no debt" is refused while a debt is outstanding, and anyone checks one by
//! its code or a signed form: valid, revoked, expired, forged (a changed field, a changed
//! signature, another key) or unknown, in the API and on the page `/verify` alike. Each check
//! of a genuine certificate is one entry in its
//! holder's log, as a verifier's; a forged one leaves none. Another citizen neither sees nor
//! revokes it. Then other people's tools check the signed forms: the OpenWallet Foundation's
//! SD-JWT VC library (npm `@sd-jwt/sd-jwt-vc`), and the PDF's QR code as poppler renders it
//! and zbar reads it, against the keys the issuer publishes.

mod common;

use common::{Backend, Sealed, TestApp, body, register_people, sign_in, subject};
use overblik_certificate::{IssuerKey, PublicKeys, compact, sd_jwt};
use overblik_ledger::{AccessEntry, ActorKind, EntryFilter};
use overblik_model::CertificateId;
use reqwest::StatusCode;
use reqwest::header::ORIGIN;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const CITIZEN: &str = "010170-1234";
const CITIZEN_NAME: &str = "Anna Testesen";
const CITIZEN_ADDRESS: &str = "Testvej 1, 1000 København K";
const NEIGHBOUR: &str = "030390-1234";
const NEIGHBOUR_NAME: &str = "Bent Naboersen";
const NEIGHBOUR_ADDRESS: &str = "Testvej 3, 1000 København K";

/// A signed-in citizen using the citizen API with their session cookie.
struct Citizen {
    browser: reqwest::Client,
    base: String,
}

impl Citizen {
    async fn sign_in(app: &TestApp, national_id: &str) -> Self {
        let (browser, _) = sign_in(app, national_id).await;
        Self {
            browser,
            base: app.base_url.clone(),
        }
    }

    fn api(&self, path: &str) -> String {
        format!("{}/api/citizen/v1{path}", self.base)
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        json_of(
            self.browser
                .get(self.api(path))
                .send()
                .await
                .expect("answers"),
        )
        .await
    }

    async fn bytes(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let answer = self
            .browser
            .get(self.api(path))
            .send()
            .await
            .expect("answers");
        let status = answer.status();
        (status, answer.bytes().await.expect("a body").to_vec())
    }

    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let request = self
            .browser
            .post(self.api(path))
            .header(ORIGIN, &self.base)
            .json(body);
        json_of(request.send().await.expect("answers")).await
    }

    /// Issues a certificate of `type_id`, which must be issued.
    async fn issue(&self, type_id: &str) -> Value {
        let (status, issued) = self.post("/certificates", &json!({"type": type_id})).await;
        assert_eq!(status, StatusCode::CREATED, "{issued}");
        issued
    }

    async fn sd_jwt(&self, number: u64) -> String {
        let (status, bytes) = self.bytes(&format!("/certificates/{number}/sd-jwt")).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        String::from_utf8(bytes).expect("text")
    }
}

async fn json_of(answer: reqwest::Response) -> (StatusCode, Value) {
    let status = answer.status();
    let text = answer.text().await.expect("a body");
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

/// Anyone checks a certificate with the verification API.
async fn check(app: &TestApp, request: &Value) -> Value {
    let answer = app
        .http
        .post(app.url("/api/verify/v1/check"))
        .json(request)
        .send()
        .await
        .expect("answers");
    let (status, found) = json_of(answer).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    found
}

/// Anyone checks a certificate on the page `/verify`, sending `name` (`code` or
/// `certificate`) as the page's form does: the verdict the page shows (`verify-...`).
async fn check_on_page(app: &TestApp, name: &str, value: &str) -> String {
    const BOUNDARY: &str = "certificate-check-boundary";
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n--{BOUNDARY}--\r\n"
    );
    let answer = app
        .http
        .post(app.url("/verify?lang=en"))
        .header(ORIGIN, &app.base_url)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), StatusCode::OK);
    let page = answer.text().await.expect("a page");
    let verdict = page
        .split("class=\"verdict verdict-")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("a verdict on the page: {page}"));
    verdict.to_owned()
}

/// The issuer's published keys.
async fn published(app: &TestApp) -> (Value, PublicKeys) {
    let jwks: Value = app
        .http
        .get(app.url("/certificates/keys.json"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("a JWK Set");
    let keys = PublicKeys::from_jwks(&jwks).expect("published keys");
    (jwks, keys)
}

/// Every entry in `national_id`'s log, once all written so far are sealed.
async fn log_of(app: &TestApp, national_id: &str) -> Vec<AccessEntry> {
    app.ledger
        .sealed()
        .await
        .entries(&subject(national_id), &EntryFilter::visible_now(10_000))
        .await
        .expect("reads")
        .into_iter()
        .map(|stored| stored.entry)
        .collect()
}

/// The entries of verifiers' checks in `national_id`'s log.
async fn checks_of(app: &TestApp, national_id: &str) -> Vec<AccessEntry> {
    log_of(app, national_id)
        .await
        .into_iter()
        .filter(|entry| entry.actor.kind == ActorKind::Verifier)
        .collect()
}

/// The fields of a certificate answer as (name, value).
fn fields(certificate: &Value) -> Vec<(String, String)> {
    certificate["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|field| {
            (
                field["name"].as_str().expect("a name").to_owned(),
                field["value"].as_str().expect("a value").to_owned(),
            )
        })
        .collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(found, _)| found == name)
        .map(|(_, value)| value.as_str())
}

/// `text` with its character at `at` changed to another of the same alphabet.
fn changed_at(text: &str, at: usize, alphabet: &str) -> String {
    let mut characters: Vec<char> = text.chars().collect();
    let old = characters[at];
    characters[at] = alphabet.chars().find(|c| *c != old).expect("another");
    characters.into_iter().collect()
}

const BASE45: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A server where the register knows both citizens' names and addresses.
async fn with_people(backend: Backend) -> TestApp {
    let app = TestApp::start_on(backend).await;
    register_people(
        &app,
        &[
            (CITIZEN, CITIZEN_NAME, CITIZEN_ADDRESS),
            (NEIGHBOUR, NEIGHBOUR_NAME, NEIGHBOUR_ADDRESS),
        ],
    )
    .await;
    app
}

/// A debt in the debt area (86), open and outstanding.
fn debt(id: &str, national_id: &str) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "debt",
        "classification": "86.01", "updated_at": "2026-11-01T10:00:00Z",
        "details": {"creditor": "Gældsstyrelsen", "principal": 1000, "interest": 12.5,
                    "fees": 100, "outstanding": 1112.5, "due": "2026-12-20",
                    "debt_status": "open"}
    })
}

async fn a_citizen_issues_a_certificate_of_residence_in_their_log(backend: Backend) {
    let app = with_people(backend).await;
    let citizen = Citizen::sign_in(&app, CITIZEN).await;

    let issued = citizen.issue("residence").await;
    assert_eq!(issued["type_id"], "residence", "{issued}");
    assert_eq!(issued["state"], "valid", "{issued}");
    let found = fields(&issued);
    assert_eq!(field(&found, "name"), Some(CITIZEN_NAME), "{issued}");
    assert_eq!(field(&found, "address"), Some(CITIZEN_ADDRESS), "{issued}");
    assert_eq!(field(&found, "since"), Some("2020-03-01"), "{issued}");
    assert!(
        issued["sealed"]
            .as_str()
            .expect("sealed")
            .starts_with(compact::PREFIX),
        "{issued}"
    );
    let code = issued["code"].as_str().expect("a code");
    code.parse::<CertificateId>().expect("a certificate code");

    let (status, listed) = citizen.get("/certificates").await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let listed = listed.as_array().expect("a list");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["code"], code);
    assert_eq!(listed[0]["state"], "valid");
    assert_eq!(listed[0]["number"], issued["number"]);

    let entries = log_of(&app, CITIZEN).await;
    let issuing: Vec<&AccessEntry> = entries
        .iter()
        .filter(|entry| entry.purpose == "certificate")
        .collect();
    assert_eq!(issuing.len(), 1, "{entries:#?}");
    assert_eq!(
        issuing[0].read.description.as_deref(),
        Some("certificate_issued")
    );
    assert!(log_of(&app, NEIGHBOUR).await.is_empty());
}

async fn no_debt_is_refused_while_a_debt_is_outstanding(backend: Backend) {
    let app = with_people(backend).await;
    let collector = app.client(app.register("debt-collector", &["86"]).await);
    // A disputed debt is still owed until the dispute is settled; a cancelled one is not.
    let mut disputed = debt("citizen-disputed", CITIZEN);
    disputed["details"]["debt_status"] = json!("in_dispute");
    let mut cancelled = debt("neighbour-cancelled", NEIGHBOUR);
    cancelled["details"]["debt_status"] = json!("cancelled");
    let pushed = collector
        .push(
            body(vec![debt("citizen-debt", CITIZEN), disputed, cancelled]),
            "debts",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);

    let citizen = Citizen::sign_in(&app, CITIZEN).await;
    let refused = |status: StatusCode, problem: &Value| {
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(
            problem["type"]
                .as_str()
                .expect("a problem type")
                .ends_with("debt-outstanding"),
            "{problem}"
        );
    };
    let (status, problem) = citizen
        .post("/certificates", &json!({"type": "no-debt"}))
        .await;
    refused(status, &problem);
    let mut paid = debt("citizen-debt", CITIZEN);
    paid["version"] = json!(2);
    paid["details"]["debt_status"] = json!("paid");
    let pushed = collector
        .push(body(vec![paid]), "paid")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let (status, problem) = citizen
        .post("/certificates", &json!({"type": "no-debt"}))
        .await;
    refused(status, &problem);
    let (_, listed) = citizen.get("/certificates").await;
    assert_eq!(listed, json!([]));

    let neighbour = Citizen::sign_in(&app, NEIGHBOUR).await;
    let issued = neighbour.issue("no-debt").await;
    assert_eq!(issued["type_id"], "no-debt", "{issued}");
    assert_eq!(
        field(&fields(&issued), "name"),
        Some(NEIGHBOUR_NAME),
        "{issued}"
    );
    assert!(field(&fields(&issued), "no_debt_on").is_some(), "{issued}");
    assert_eq!(
        issued["sources"],
        json!(["Test provider debt-collector"]),
        "{issued}"
    );
}

async fn anyone_checks_a_certificate_and_its_holder_is_told(backend: Backend) {
    let app = with_people(backend).await;
    let citizen = Citizen::sign_in(&app, CITIZEN).await;
    let issued = citizen.issue("residence").await;
    let number = issued["number"].as_u64().expect("a number");
    let code = issued["code"].as_str().expect("a code").to_owned();
    let sealed = issued["sealed"].as_str().expect("sealed").to_owned();
    let sd_jwt_form = citizen.sd_jwt(number).await;
    assert!(checks_of(&app, CITIZEN).await.is_empty());

    // By its code: valid, with the fields as issued, and one entry in the holder's log.
    let by_code = check(&app, &json!({"code": code})).await;
    assert_eq!(by_code["verdict"], "valid", "{by_code}");
    assert_eq!(by_code["reason"], Value::Null);
    assert_eq!(by_code["certificate"]["code"], code.as_str());
    assert_eq!(fields(&by_code["certificate"]), fields(&issued));
    let checks = checks_of(&app, CITIZEN).await;
    assert_eq!(checks.len(), 1, "{checks:#?}");
    assert_eq!(checks[0].purpose, "certificate_check");

    // Its signed forms: each genuine, and each one more entry.
    let by_qr = check(&app, &json!({"certificate": sealed})).await;
    assert_eq!(by_qr["verdict"], "valid", "{by_qr}");
    assert_eq!(fields(&by_qr["certificate"]), fields(&issued));
    let by_sd_jwt = check(&app, &json!({"certificate": sd_jwt_form})).await;
    assert_eq!(by_sd_jwt["verdict"], "valid", "{by_sd_jwt}");
    assert_eq!(fields(&by_sd_jwt["certificate"]), fields(&issued));
    let presentation = sd_jwt::present(&sd_jwt_form, &["address"]).expect("a presentation");
    let presented = check(&app, &json!({"certificate": presentation})).await;
    assert_eq!(presented["verdict"], "valid", "{presented}");
    assert_eq!(
        fields(&presented["certificate"]),
        vec![("address".to_owned(), CITIZEN_ADDRESS.to_owned())]
    );
    assert_eq!(checks_of(&app, CITIZEN).await.len(), 4);

    // Forged: a changed field, a changed signature, another issuer's key. None is logged.
    let (jwt, disclosures) = sd_jwt_form.split_once('~').expect("disclosures");
    let changed_field = format!("{jwt}~{}", changed_at(disclosures, 5, BASE64URL));
    let signature_at = jwt.len() - 10;
    let changed_signature = format!("{}~{disclosures}", changed_at(jwt, signature_at, BASE64URL));
    let changed_qr = changed_at(&sealed, sealed.len() / 2, BASE45);
    let (_, keys) = published(&app).await;
    let attested = compact::open(&sealed, &keys).expect("the genuine one opens");
    let other_key = IssuerKey::generate();
    let other_qr = compact::seal(&attested, &other_key);
    let other_sd_jwt = sd_jwt::issue(&attested, &other_key);
    for forged in [
        changed_field,
        changed_signature,
        changed_qr,
        other_qr,
        other_sd_jwt,
    ] {
        let found = check(&app, &json!({"certificate": forged})).await;
        assert_eq!(found["verdict"], "forged", "{forged}: {found}");
        assert!(found["reason"].is_string(), "{found}");
        assert_eq!(found["certificate"], Value::Null, "{found}");
        // The page says the same.
        assert_eq!(check_on_page(&app, "certificate", &forged).await, "forged");
    }
    assert_eq!(checks_of(&app, CITIZEN).await.len(), 4);

    // A code nobody has.
    let unknown = check(&app, &json!({"code": CertificateId::random().to_string()})).await;
    assert_eq!(unknown["verdict"], "unknown", "{unknown}");
    assert_eq!(unknown["certificate"], Value::Null);

    // Expired: a copy of the certificate whose last day has passed, looked up by its code.
    let stored = app
        .store
        .certificate(&code.parse().expect("a code"))
        .await
        .expect("stored");
    let mut old = stored.clone();
    old.id = CertificateId::random();
    old.status_index = app.store.next_status_index().await.expect("an index");
    old.valid_until = chrono::Utc::now() - chrono::Duration::days(1);
    app.store.put_certificate(&old).await.expect("kept");
    let expired = check(&app, &json!({"code": old.id.to_string()})).await;
    assert_eq!(expired["verdict"], "expired", "{expired}");
    assert_eq!(
        check_on_page(&app, "code", &old.id.to_string()).await,
        "expired"
    );
    assert_eq!(checks_of(&app, CITIZEN).await.len(), 6);

    // Revoked by its holder: by its code and by its signed forms.
    let (status, revoked) = citizen
        .post(&format!("/certificates/{number}/revoke"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert_eq!(revoked["state"], "revoked", "{revoked}");
    for request in [
        json!({"code": code}),
        json!({"certificate": sealed}),
        json!({"certificate": sd_jwt_form}),
    ] {
        let found = check(&app, &request).await;
        assert_eq!(found["verdict"], "revoked", "{request}: {found}");
    }
    assert_eq!(check_on_page(&app, "code", &code).await, "revoked");
    assert_eq!(check_on_page(&app, "certificate", &sealed).await, "revoked");
    let checks = checks_of(&app, CITIZEN).await;
    assert_eq!(checks.len(), 11, "{checks:#?}");
    assert!(
        checks
            .iter()
            .all(|entry| entry.purpose == "certificate_check"),
        "{checks:#?}"
    );
    let (status, again) = citizen
        .post(&format!("/certificates/{number}/revoke"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
}

async fn another_citizen_neither_sees_nor_revokes_a_certificate(backend: Backend) {
    let app = with_people(backend).await;
    let citizen = Citizen::sign_in(&app, CITIZEN).await;
    let issued = citizen.issue("residence").await;
    let number = issued["number"].as_u64().expect("a number");
    let code = issued["code"].as_str().expect("a code").to_owned();

    let neighbour = Citizen::sign_in(&app, NEIGHBOUR).await;
    let (status, _) = neighbour.get(&format!("/certificates/{number}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    for download in ["pdf", "sd-jwt"] {
        let (status, _) = neighbour
            .bytes(&format!("/certificates/{number}/{download}"))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{download}");
    }
    let (status, _) = neighbour
        .post(&format!("/certificates/{number}/revoke"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, listed) = neighbour.get("/certificates").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed, json!([]));
    let own = neighbour.issue("residence").await;
    let (_, listed) = neighbour.get("/certificates").await;
    assert_eq!(listed.as_array().expect("a list").len(), 1);
    assert!(!listed.to_string().contains(&code), "{listed}");
    assert_eq!(own["number"].as_u64().map(|own| own != number), Some(true));

    // Still the citizen's, valid, and a check of it tells nothing of the neighbour.
    let (status, still) = citizen.get(&format!("/certificates/{number}")).await;
    assert_eq!(status, StatusCode::OK, "{still}");
    assert_eq!(still["state"], "valid");
    let found = check(&app, &json!({"code": code})).await;
    assert_eq!(found["verdict"], "valid");
    let said = found.to_string();
    assert!(said.contains(CITIZEN_NAME), "{said}");
    assert!(
        !said.contains(NEIGHBOUR_NAME) && !said.contains(NEIGHBOUR_ADDRESS),
        "{said}"
    );
    assert!(
        !said.contains(NEIGHBOUR) && !said.contains(CITIZEN),
        "{said}"
    );
    assert!(checks_of(&app, NEIGHBOUR).await.is_empty());
    assert_eq!(checks_of(&app, CITIZEN).await.len(), 1);
}

async fn a_power_of_attorney_neither_issues_nor_sees_certificates(backend: Backend) {
    let app = with_people(backend).await;
    let citizen = Citizen::sign_in(&app, CITIZEN).await;
    let issued = citizen.issue("residence").await;
    let number = issued["number"].as_u64().expect("a number");
    let holder = Citizen::sign_in(&app, NEIGHBOUR).await;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    // A power of attorney to see and act on everything it may name.
    let (status, granted) = citizen
        .post(
            "/mandates",
            &json!({
                "holder_national_id": NEIGHBOUR, "holder_name": NEIGHBOUR_NAME,
                "areas": ["personal", "economy", "benefits", "housing", "family"],
                "kinds": ["register_fact", "case", "benefit", "payment", "debt"],
                "permission": "read_and_act",
                "valid_from": today.to_string(),
                "valid_until": (today + chrono::Duration::days(30)).to_string()
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{granted}");
    let id = granted["id"].as_str().expect("an id");
    let (status, _) = holder
        .post(&format!("/mandates/{id}/accept"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let acting = holder
        .browser
        .put(holder.api("/acting"))
        .header(ORIGIN, &holder.base)
        .json(&json!({"basis": format!("poa-{id}")}))
        .send()
        .await
        .expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);

    let (status, refused) = holder
        .post("/certificates", &json!({"type": "residence"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(
        refused["type"]
            .as_str()
            .is_some_and(|kind| kind.ends_with("certificates-own-only")),
        "{refused}"
    );
    for path in [
        "/certificates".to_owned(),
        format!("/certificates/{number}"),
        format!("/certificates/{number}/pdf"),
    ] {
        let (status, answer) = holder.get(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {answer}");
    }
    let (status, _) = holder
        .post(&format!("/certificates/{number}/revoke"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, listed) = citizen.get("/certificates").await;
    assert_eq!(listed[0]["state"], "valid", "{listed}");
}

on_each_backend!(
    a_citizen_issues_a_certificate_of_residence_in_their_log,
    no_debt_is_refused_while_a_debt_is_outstanding,
    anyone_checks_a_certificate_and_its_holder_is_told,
    another_citizen_neither_sees_nor_revokes_a_certificate,
    a_power_of_attorney_neither_issues_nor_sees_certificates,
);

// ---- other people's tools ----

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root")
}

/// Fails, saying how to get them, unless the tools are there: a check that quietly skips
/// would pass on a machine that checks nothing.
fn require_tools() {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .output()
            .is_ok_and(|output| output.status.success())
    };
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("Node.js (`node`): install Node.js 20 or later with npm".to_owned());
    }
    for package in ["@sd-jwt/sd-jwt-vc", "@sd-jwt/crypto-nodejs"] {
        if !workspace()
            .join("browser/node_modules")
            .join(package)
            .exists()
        {
            missing.push(format!(
                "browser/node_modules/{package}: run `npm ci --prefix browser`"
            ));
        }
    }
    if !runs("pdftoppm", "-v") {
        missing.push("poppler's `pdftoppm`: apt-get install poppler-utils".to_owned());
    }
    if !runs("zbarimg", "--version") {
        missing.push("zbar's `zbarimg`: apt-get install zbar-tools".to_owned());
    }
    if !runs_python("import pikepdf") {
        missing.push("Python 3 with PyPI's pikepdf: pip install pikepdf".to_owned());
    }
    assert!(
        missing.is_empty(),
        "the certificate checks cannot run; missing:\n  {}\n`./scripts/test` installs what is missing.",
        missing.join("\n  ")
    );
}

fn runs_python(code: &str) -> bool {
    Command::new("python3")
        .args(["-c", code])
        .output()
        .is_ok_and(|output| output.status.success())
}

fn assert_ran(what: &str, output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn other_peoples_tools_check_the_signed_forms() {
    require_tools();
    let app = with_people(Backend::Sqlite).await;
    let citizen = Citizen::sign_in(&app, CITIZEN).await;
    let issued = citizen.issue("residence").await;
    let number = issued["number"].as_u64().expect("a number");
    let sealed = issued["sealed"].as_str().expect("sealed").to_owned();
    let sd_jwt_form = citizen.sd_jwt(number).await;
    let revoked = citizen.issue("residence").await;
    let revoked_number = revoked["number"].as_u64().expect("a number");
    let revoked_sd_jwt = citizen.sd_jwt(revoked_number).await;
    let (status, _) = citizen
        .post(
            &format!("/certificates/{revoked_number}/revoke"),
            &json!({}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (jwks, keys) = published(&app).await;
    let (jwt, disclosures) = sd_jwt_form.split_once('~').expect("disclosures");
    let changed_signature = format!(
        "{}~{disclosures}",
        changed_at(jwt, jwt.len() - 10, BASE64URL)
    );
    let attested = compact::open(&sealed, &keys).expect("the genuine one opens");
    let other_sd_jwt = sd_jwt::issue(&attested, &IssuerKey::generate());

    // The SD-JWT VC, with the OpenWallet Foundation's library.
    let expected: serde_json::Map<String, Value> = fields(&issued)
        .into_iter()
        .map(|(name, value)| (name, Value::String(value)))
        .collect();
    let input = json!({
        "sd_jwt": sd_jwt_form,
        "jwks": jwks,
        "iss": app.base_url,
        "vct": app.state.core.issuer.vct(&"residence".parse().expect("a type")),
        "fields": expected,
        "present": "address",
        "revoked": revoked_sd_jwt,
        "forged": [changed_signature, other_sd_jwt],
    });
    let script = tokio::process::Command::new("node")
        .arg("browser/certificates-check.mjs")
        .current_dir(workspace())
        .env("CERTIFICATE_CHECK", input.to_string())
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(std::time::Duration::from_secs(60), script)
        .await
        .expect("certificates-check.mjs finishes within a minute")
        .expect("node runs");
    let said: Value = serde_json::from_str(assert_ran("certificates-check.mjs", &output).trim())
        .expect("a summary");
    assert_eq!(said["typ"], "dc+sd-jwt", "{said}");
    assert_eq!(
        said["presented"],
        json!({"address": CITIZEN_ADDRESS}),
        "{said}"
    );
    assert_eq!(said["presentation_disclosures"], 1, "{said}");
    assert!(
        said["revoked"]
            .as_str()
            .is_some_and(|why| why.contains("revoked")),
        "{said}"
    );
    assert_eq!(said["forged"].as_array().map(Vec::len), Some(2), "{said}");

    // The PDF: tagged, carrying the QR text, and its printed QR code read by zbar.
    let (status, pdf) = citizen.bytes(&format!("/certificates/{number}/pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        overblik_certificate::pdf::sealed_in(&pdf).as_deref(),
        Some(sealed.as_str())
    );
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("certificate.pdf");
    std::fs::write(&file, &pdf).expect("written");
    let tagged = Command::new("python3")
        .arg("-c")
        .arg(
            "import sys, pikepdf\n\
             with pikepdf.open(sys.argv[1]) as pdf:\n\
             \x20   root = pdf.Root\n\
             \x20   assert '/StructTreeRoot' in root, 'no structure tree'\n\
             \x20   assert bool(root.MarkInfo.Marked), 'not marked'\n\
             \x20   print(str(root.Lang))\n",
        )
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert_eq!(assert_ran("pikepdf", &tagged).trim(), "da");
    let rendered = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .output()
        .expect("pdftoppm runs");
    assert_ran("pdftoppm", &rendered);
    let page = std::fs::read_dir(dir.path())
        .expect("the folder")
        .map(|entry| entry.expect("an entry").path())
        .find(|path| path.extension().is_some_and(|extension| extension == "png"))
        .expect("a rendered page");
    let scanned = Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .arg(&page)
        .output()
        .expect("zbarimg runs");
    let read = assert_ran("zbarimg", &scanned);
    assert_eq!(read.trim_end_matches('\n'), sealed);
    let opened = compact::open(read.trim_end_matches('\n'), &keys).expect("genuine");
    assert_eq!(opened.id, issued["code"].as_str().expect("a code"));
    assert_eq!(
        opened.fields,
        fields(&issued),
        "the QR code attests what was issued"
    );
}
