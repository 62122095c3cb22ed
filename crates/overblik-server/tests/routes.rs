//! Every route the router holds, walked from its own table rather than a list kept by hand:
//! each route that shows a citizen's data leaves exactly one entry in that citizen's log per
//! request, and every other reading route leaves none; each state-changing route a browser
//! can reach with its cookies refuses a request from another site; each route that needs a
//! session answers 401, or sends the browser to sign in, without one.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use common::{Backend, Sealed, TestApp, body, browser, deadline, sign_in, subject};
use overblik_client::{KeyAlgorithm, ProviderKey, RecipientClient};
use overblik_ledger::EntryFilter;
use overblik_model::Kind;
use overblik_server::{Access, Route};
use reqwest::header::{AUTHORIZATION, COOKIE, LOCATION, ORIGIN};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const CITIZEN: &str = "010190-1234";
const HOLDER: &str = "020285-5678";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// A citizen with a deadline and an appointment, a correction request with an attachment, a power of attorney
/// they gave, and a calendar feed; the authority that holds the record, with a token.
struct World {
    app: TestApp,
    session: String,
    token: String,
    record: String,
    appointment: String,
    correction: String,
    attachment: String,
    mandate: String,
    feed: String,
    /// A service the citizen shares their deadlines with, its token, and the consent.
    recipient: RecipientClient,
    shared_token: String,
    consent: String,
    /// A request of the service's waiting for the citizen: the consent page's query.
    pending: String,
    /// A certificate of residence the citizen had issued: its number.
    certificate: String,
}

async fn world(backend: Backend) -> World {
    // The walk sends each change once without a session, all from one address: more than
    // the writes a signed-out address may send at once.
    let limits = overblik_server::rate_limit::RateLimitSettings {
        citizen_writes_burst: 200,
        ..Default::default()
    };
    let app = TestApp::start_with_limits(backend, limits).await;
    let tax = app.client(app.register("tax", &["85", "89"]).await);
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let appointment = json!({
        "id": "visit", "version": 1, "subject": CITIZEN, "kind": "appointment",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "title": {"da": "Undersøgelse", "en": "Examination"},
        "details": {"start": start.to_rfc3339(),
                    "end": (start + chrono::Duration::minutes(45)).to_rfc3339(),
                    "place": "Ambulatorium 3"}
    });
    let pushed = tax
        .push(
            body(vec![deadline("mine", 1, CITIZEN), appointment]),
            "seed",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let token = tax.fetch_token().await.expect("a token").access_token;
    let (browser, session) = sign_in(&app, CITIZEN).await;
    let records = app.records_of(CITIZEN).await;
    let of_kind = |kind: Kind| {
        records
            .iter()
            .find(|stored| stored.record.kind() == kind)
            .expect("the record")
            .id
            .to_string()
    };
    let (record, appointment) = (of_kind(Kind::Deadline), of_kind(Kind::Appointment));
    let api = |path: &str| app.url(&format!("/api/citizen/v1{path}"));

    let reported: Value = browser
        .post(api(&format!("/records/{record}/corrections")))
        .json(&json!({
            "kind": "wrong", "explanation": "The deadline is a week later.",
            "field": "due", "value": "2026-12-15",
            "attachments": [{"name": "letter.pdf", "content_type": "application/pdf",
                             "data": BASE64.encode(PDF)}]
        }))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let correction = reported["id"].as_str().expect("an id").to_owned();
    let attachment = reported["attachments"][0]["id"]
        .as_str()
        .expect("an attachment id")
        .to_owned();

    // A power of attorney starts on a day of Copenhagen's.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    let granted: Value = browser
        .post(api("/mandates"))
        .json(&json!({
            "holder_national_id": HOLDER, "holder_name": "Bo Holder",
            "areas": ["economy"], "kinds": ["deadline"], "permission": "read",
            "valid_from": today.to_string(),
            "valid_until": (today + chrono::Duration::days(30)).to_string()
        }))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let mandate = granted["id"].as_str().expect("an id").to_owned();

    let made = browser
        .post(app.url("/notifications/calendar"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("html");
    let prefix = format!("{}/calendar/", app.base_url);
    let feed = made
        .split('"')
        .find_map(|part| part.strip_prefix(&prefix))
        .expect("the feed's address")
        .to_owned();

    let (recipient, shared_token, consent, pending) = sharing(&app, &browser).await;
    common::register_people(
        &app,
        &[(CITIZEN, "Ane Eksempel", "Prøvevej 1, 9990 Eksempelby")],
    )
    .await;
    let issued: Value = browser
        .post(api("/certificates"))
        .json(&json!({"type": "residence"}))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    let certificate = issued["number"].as_u64().expect("a number").to_string();
    World {
        app,
        session,
        token,
        record,
        appointment,
        correction,
        attachment,
        mandate,
        feed,
        recipient,
        shared_token,
        consent,
        pending,
        certificate,
    }
}

/// A registered service with a token under the citizen's consent to see their deadlines,
/// the consent's id, and a second request of its waiting on the consent page.
async fn sharing(
    app: &TestApp,
    browser: &reqwest::Client,
) -> (RecipientClient, String, String, String) {
    let key = ProviderKey::generate("bank", KeyAlgorithm::Es256).expect("a key");
    let redirect = "https://bank.example/back";
    app.store
        .put_recipient(&overblik_model::Recipient {
            id: "bank".parse().expect("an id"),
            name: "Bank".to_owned(),
            description: "A bank.".to_owned(),
            privacy_policy: "https://bank.example/privacy".to_owned(),
            redirect_uris: vec![redirect.to_owned()],
            public_keys: vec![key.public_jwk().to_string()],
            may_ask: overblik_model::Scope::new(
                vec![overblik_model::Area::Economy],
                vec![Kind::Deadline],
            )
            .expect("a scope"),
            purpose: "Budget".to_owned(),
            registered_at: chrono::Utc::now(),
        })
        .await
        .expect("registers");
    let recipient = RecipientClient::new(&app.base_url, key).expect("a client");
    let details = json!({"type": "overblik_data", "areas": ["economy"], "kinds": ["deadline"],
                         "frequency": "once", "retention_days": 1});
    let asked = recipient.push(redirect, &details).await.expect("pushed");
    let query = |url: &str, name: &str| {
        url::Url::parse(url)
            .expect("a URL")
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .expect("the parameter")
    };
    let approved = browser
        .post(app.url("/oauth/authorize"))
        .header(ORIGIN, &app.base_url)
        .form(&[
            ("client_id", "bank".to_owned()),
            ("request_uri", query(&asked.url, "request_uri")),
            ("decision", "approve".to_owned()),
            ("areas", "economy".to_owned()),
        ])
        .send()
        .await
        .expect("answers");
    let back = approved.headers()[LOCATION]
        .to_str()
        .expect("text")
        .to_owned();
    let tokens = recipient
        .redeem(&query(&back, "code"), redirect, &asked.verifier)
        .await
        .expect("tokens");
    let consent = app
        .store
        .consents_of(&subject(CITIZEN))
        .await
        .expect("reads")
        .remove(0)
        .id
        .to_string();
    let waiting = recipient.push(redirect, &details).await.expect("pushed");
    let pending = waiting.url.split_once('?').expect("a query").1.to_owned();
    (recipient, tokens.access_token, consent, pending)
}

impl World {
    /// `route`'s path with each parameter filled in from this world, and a query where the
    /// route needs one to show anything.
    fn address(&self, route: &Route) -> String {
        let mut address = String::new();
        for segment in route.path.split('/').skip(1) {
            address.push('/');
            let value = match segment {
                "{area}" => "economy",
                "{id}" if route.path.ends_with("/calendar.ics") => &self.appointment,
                "{id}"
                    if route.path.contains("/records/")
                        || route.path.contains("/overview/pins/") =>
                {
                    &self.record
                }
                "{id}"
                    if route.path.contains("/corrections/") || route.path.contains("/reports/") =>
                {
                    &self.correction
                }
                "{id}" if route.path.contains("/mandates/") => &self.mandate,
                "{id}" if route.path.contains("/shared/") => &self.consent,
                "{id}" if route.path.contains("/certificates/types/") => "residence",
                "{id}" if route.path.contains("/life-events/") => "moving-house",
                "{number}" => &self.certificate,
                "{attachment}" => &self.attachment,
                "{file}" => &self.feed,
                other if other.starts_with('{') => {
                    panic!(
                        "{} {}: a parameter this test cannot fill",
                        route.method, route.path
                    )
                }
                other => other,
            };
            address.push_str(value);
        }
        if route.path.ends_with("/search") {
            address.push_str("?q=Indsend");
        }
        if route.path == "/oauth/authorize" && route.method == Method::GET {
            address.push('?');
            address.push_str(&self.pending);
        }
        self.app.url(&address)
    }

    /// The request `route` takes, with the credential its access names.
    fn request(&self, route: &Route) -> reqwest::RequestBuilder {
        let request = browser().request(route.method.clone(), self.address(route));
        match route.access {
            Access::Provider | Access::ProviderReads => {
                request.header(AUTHORIZATION, format!("Bearer {}", self.token))
            }
            Access::Secret | Access::SecretReads | Access::VerifierReads => request,
            Access::Public | Access::Citizen | Access::CitizenReads => {
                request.header(COOKIE, cookie_pair(&self.session))
            }
            Access::Recipient | Access::RecipientReads => {
                let url = self.address(route);
                let proof = self
                    .recipient
                    .proof(route.method.as_str(), &url, Some(&self.shared_token))
                    .expect("a proof");
                request
                    .header(AUTHORIZATION, format!("DPoP {}", self.shared_token))
                    .header("DPoP", proof)
            }
        }
    }

    async fn log_size(&self) -> u64 {
        self.app.ledger.sealed().await.size()
    }
}

/// `name=value` of a `Set-Cookie` line.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().expect("a pair").to_owned()
}

fn table(world: &World) -> Vec<Route> {
    let table = overblik_server::route_table(&world.app.state);
    assert!(
        table.len() > 50,
        "the table holds every route: {}",
        table.len()
    );
    table
}

async fn each_route_that_shows_a_citizens_data_logs_each_request_once(backend: Backend) {
    let world = world(backend).await;
    let mut reads = 0;
    for route in table(&world)
        .into_iter()
        .filter(|route| route.method == Method::GET)
    {
        let before = world.log_size().await;
        let response = world.request(&route).send().await.expect("answers");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        let logged = world.log_size().await - before;
        if route.access.reads() {
            reads += 1;
            assert_eq!(
                status,
                StatusCode::OK,
                "{} {}: {text}",
                route.method,
                route.path
            );
            assert_eq!(
                logged, 1,
                "{} {}: one entry per request",
                route.method, route.path
            );
            let latest = world
                .app
                .ledger
                .sealed()
                .await
                .entries(&subject(CITIZEN), &EntryFilter::visible_now(1))
                .await
                .expect("reads")
                .remove(0);
            assert_eq!(
                latest.index, before,
                "{}: in the citizen's own log",
                route.path
            );
            assert!(latest.entry.request_id.is_some(), "{}", route.path);
        } else {
            assert_eq!(
                logged, 0,
                "{} {} shows no citizen's data",
                route.method, route.path
            );
            assert!(
                !text.contains("Indsend dokumentation"),
                "{} {} is not marked as reading, yet shows the record",
                route.method,
                route.path
            );
        }
    }
    assert!(reads >= 20, "only {reads} reading routes");
}

async fn each_change_a_browser_can_make_refuses_another_site(backend: Backend) {
    let world = world(backend).await;
    let mut changes = 0;
    for route in table(&world)
        .into_iter()
        .filter(|route| route.method != Method::GET && route.access.browser_credential())
    {
        changes += 1;
        let before = world.log_size().await;
        let response = world
            .request(&route)
            .header(ORIGIN, "https://elsewhere.example")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("basis=x")
            .send()
            .await
            .expect("answers");
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "{} {} from another site",
            route.method,
            route.path
        );
        let problem: Value = response.json().await.expect("a problem document");
        assert_eq!(problem["title"], "The request did not come from Overblik");
        assert_eq!(world.log_size().await, before, "{}", route.path);
    }
    assert!(changes >= 15, "only {changes} changes");
    // The refusals changed nothing: the power of attorney and the report still stand.
    let (browser, _) = sign_in(&world.app, CITIZEN).await;
    let mandates: Value = browser
        .get(world.app.url("/api/citizen/v1/mandates"))
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(mandates["given"][0]["state"], "pending", "{mandates}");
    let report: Value = browser
        .get(
            world
                .app
                .url(&format!("/api/citizen/v1/corrections/{}", world.correction)),
        )
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("json");
    assert_eq!(report["state"], "sent", "{report}");
}

async fn each_route_for_a_signed_in_citizen_needs_a_session(backend: Backend) {
    let world = world(backend).await;
    let mut guarded = 0;
    for route in table(&world)
        .into_iter()
        .filter(|route| route.access.needs_session())
    {
        guarded += 1;
        let before = world.log_size().await;
        let response = browser()
            .request(route.method.clone(), world.address(&route))
            .header(ORIGIN, &world.app.base_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("basis=x")
            .send()
            .await
            .expect("answers");
        let status = response.status();
        let to_sign_in = status == StatusCode::SEE_OTHER
            && response
                .headers()
                .get(LOCATION)
                .and_then(|location| location.to_str().ok())
                .is_some_and(|location| {
                    location == "/login" || location.starts_with("/login?then=%2Foauth%2Fauthorize")
                });
        assert!(
            status == StatusCode::UNAUTHORIZED || to_sign_in,
            "{} {} without a session: {status}",
            route.method,
            route.path
        );
        assert_eq!(world.log_size().await, before, "{}", route.path);
    }
    assert!(guarded >= 35, "only {guarded} routes need a session");
}

on_each_backend!(
    each_route_that_shows_a_citizens_data_logs_each_request_once,
    each_change_a_browser_can_make_refuses_another_site,
    each_route_for_a_signed_in_citizen_needs_a_session,
);
