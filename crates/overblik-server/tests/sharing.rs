//! Sharing by consent over HTTP, on both stores: a recipient pushes its request, the citizen
//! consents (narrowing it) on the consent page, the recipient trades the code with PKCE and
//! DPoP and fetches only what was consented, each fetch in the citizen's log with the
//! consent's id; refresh tokens rotate; revoking stops the next request. Every refusal (beyond
//! the consent or the registration, revoked, expired, no proof, a replayed proof, another key,
//! an unregistered redirect, a cross-site POST, another citizen) says why, discloses nothing
//! and leaves no entry in the log.

mod common;

use chrono::{Days, Utc};
use common::{Backend, TestApp, body, debt, location, sign_in, subject};
use overblik_client::{KeyAlgorithm, ProviderKey, RecipientClient};
use overblik_ledger::{AccessEntry, ActorKind, EntryFilter};
use overblik_model::notify::Happening;
use overblik_model::{Area, Kind, Recipient, Scope};
use reqwest::StatusCode;
use reqwest::header::ORIGIN;
use serde_json::{Value, json};

const CITIZEN: &str = "010170-1234";
const NEIGHBOUR: &str = "030390-1234";
const REDIRECT: &str = "https://bank.example/callback";

fn appointment(id: &str, national_id: &str) -> Value {
    let start = Utc::now() + chrono::Duration::days(5);
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "appointment",
        "classification": "89.02", "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": id, "en": id},
        "details": {"start": start.to_rfc3339(), "end": (start + chrono::Duration::hours(1)).to_rfc3339(), "place": "Ambulatoriet"}
    })
}

/// A server with the citizen's debt and appointment and the neighbour's, and a recipient that
/// may ask for debts and appointments in the economy and health areas.
async fn seeded(backend: Backend) -> (TestApp, RecipientClient, overblik_client::ProviderClient) {
    let app = TestApp::start_on(backend).await;
    let client = app.client(app.register("authority", &["85", "89"]).await);
    let records = vec![
        debt("citizen-debt", CITIZEN),
        appointment("citizen-appointment", CITIZEN),
        debt("neighbour-debt", NEIGHBOUR),
    ];
    let pushed = client.push(body(records), "seed").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let key = ProviderKey::generate("test-bank", KeyAlgorithm::Es256).expect("a key");
    app.store
        .put_recipient(&Recipient {
            id: "test-bank".parse().expect("an id"),
            name: "Test Bank A/S".to_owned(),
            description: "Checks budgets.".to_owned(),
            privacy_policy: "https://bank.example/privacy".to_owned(),
            redirect_uris: vec![REDIRECT.to_owned()],
            public_keys: vec![key.public_jwk().to_string()],
            may_ask: Scope::new(
                vec![Area::Economy, Area::Health],
                vec![Kind::Debt, Kind::Appointment],
            )
            .expect("a scope"),
            purpose: "Budget check".to_owned(),
            registered_at: Utc::now(),
        })
        .await
        .expect("registers");
    let recipient = RecipientClient::new(&app.base_url, key).expect("a client");
    (app, recipient, client)
}

fn details(frequency: &str) -> Value {
    let until = Utc::now().date_naive() + Days::new(30);
    let mut details = json!({
        "type": "overblik_data", "areas": ["economy", "health"], "kinds": ["debt", "appointment"],
        "frequency": frequency, "retention_days": 30,
    });
    if frequency == "ongoing" {
        details["until"] = json!(until);
    }
    details
}

/// Every entry in `national_id`'s log, sealed or not.
async fn log_of(app: &TestApp, national_id: &str) -> Vec<AccessEntry> {
    app.ledger
        .every_entry(&subject(national_id), &EntryFilter::visible_now(10_000))
        .await
        .expect("reads")
}

fn query_value(url: &str, name: &str) -> Option<String> {
    let parsed = url::Url::parse(url).expect("a URL");
    parsed
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The citizen consents (to `areas`) on the consent page; returns where they are sent back.
async fn consent(
    app: &TestApp,
    browser: &reqwest::Client,
    authorize: &str,
    areas: &[&str],
) -> String {
    consent_until(app, browser, authorize, areas, None).await
}

/// [`consent`], choosing `until` as the last day.
async fn consent_until(
    app: &TestApp,
    browser: &reqwest::Client,
    authorize: &str,
    areas: &[&str],
    until: Option<&str>,
) -> String {
    let page = browser.get(authorize).send().await.expect("answers");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("Test Bank A/S") && html.contains("Budget check"),
        "{html}"
    );
    let client_id = query_value(authorize, "client_id").expect("client_id");
    let request_uri = query_value(authorize, "request_uri").expect("request_uri");
    let mut form = vec![
        ("client_id", client_id.as_str()),
        ("request_uri", request_uri.as_str()),
        ("decision", "approve"),
    ];
    form.extend(areas.iter().map(|area| ("areas", *area)));
    form.extend(until.map(|until| ("until", until)));
    let decided = browser
        .post(app.url("/oauth/authorize"))
        .header(ORIGIN, app.base_url.clone())
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(
        decided.status(),
        StatusCode::SEE_OTHER,
        "{:?}",
        decided.text().await
    );
    location(&decided)
}

async fn the_whole_flow_consent_narrowing_fetch_refresh_and_revocation(backend: Backend) {
    let (app, recipient, authority) = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let authorization = recipient
        .push(REDIRECT, &details("ongoing"))
        .await
        .expect("pushed");

    // Narrowed to the economy area only, and to end a week earlier than asked.
    let earlier = (Utc::now().date_naive() + Days::new(23)).to_string();
    let back = consent_until(
        &app,
        &browser,
        &authorization.url,
        &["economy"],
        Some(&earlier),
    )
    .await;
    assert!(back.starts_with(REDIRECT), "{back}");
    assert_eq!(
        query_value(&back, "state").as_deref(),
        Some(authorization.state.as_str())
    );
    assert_eq!(
        query_value(&back, "iss").as_deref(),
        Some(app.base_url.as_str())
    );
    let code = query_value(&back, "code").expect("a code");
    let tokens = recipient
        .redeem(&code, REDIRECT, &authorization.verifier)
        .await
        .expect("tokens");
    assert_eq!(tokens.token_type, "DPoP");
    assert!(tokens.expires_in <= 300, "{}", tokens.expires_in);
    assert_eq!(tokens.authorization_details[0]["areas"], json!(["economy"]));
    assert_eq!(tokens.authorization_details[0]["until"], json!(earlier));
    let refresh = tokens
        .refresh_token
        .clone()
        .expect("a refresh token for an ongoing consent");
    // A code is traded once.
    assert!(
        recipient
            .redeem(&code, REDIRECT, &authorization.verifier)
            .await
            .is_err()
    );

    let before = log_of(&app, CITIZEN).await.len();
    let fetched = recipient
        .get(&tokens.access_token, "/records")
        .await
        .expect("answers");
    assert_eq!(fetched.status(), StatusCode::OK);
    let fetched: Value = fetched.json().await.expect("JSON");
    let ids: Vec<&str> = fetched["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["record"]["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        ids,
        ["citizen-debt"],
        "only the consented area, only the citizen's"
    );
    let entries = log_of(&app, CITIZEN).await;
    assert_eq!(entries.len(), before + 1, "one entry per fetch");
    let fetch = entries
        .iter()
        .find(|entry| entry.actor.kind == ActorKind::ThirdParty)
        .expect("the fetch is in the citizen's log");
    assert_eq!(fetch.actor.name, "Test Bank A/S");
    assert_eq!(fetch.purpose, "Budget check");
    let consents = app
        .store
        .consents_of(&subject(CITIZEN))
        .await
        .expect("reads");
    assert_eq!(consents.len(), 1);
    assert_eq!(
        fetch.legal_basis,
        Some(format!("consent-{}", consents[0].id))
    );
    assert_eq!(fetch.read.records.len(), 1);

    // Told of the consent and of its first use, once each.
    let notices = app
        .store
        .notices(&subject(CITIZEN), Utc::now(), 100)
        .await
        .expect("reads");
    for happening in [Happening::ConsentGiven, Happening::ConsentUsed] {
        assert_eq!(
            notices
                .iter()
                .filter(|notice| notice.happening == happening)
                .count(),
            1,
            "{happening:?}"
        );
    }

    // Beyond the consent: refused, nothing read or logged.
    let before = log_of(&app, CITIZEN).await.len();
    let beyond = recipient
        .get(&tokens.access_token, "/records?area=health")
        .await
        .expect("answers");
    assert_eq!(beyond.status(), StatusCode::FORBIDDEN);
    let problem: Value = beyond.json().await.expect("JSON");
    assert_eq!(problem["type"], "urn:overblik:problem:beyond-consent");
    assert_eq!(log_of(&app, CITIZEN).await.len(), before);

    // The refresh token turns once; the next one works.
    let next = recipient.refresh(&refresh).await.expect("refreshed");
    assert!(
        recipient.refresh(&refresh).await.is_err(),
        "a refresh token is used once"
    );
    // An ongoing consent sees what arrives after it was given.
    let pushed = authority
        .push(body(vec![debt("citizen-new-debt", CITIZEN)]), "later")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let again = recipient
        .get(&next.access_token, "/records")
        .await
        .expect("answers");
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.expect("JSON");
    assert_eq!(
        again["records"].as_array().expect("records").len(),
        2,
        "{again}"
    );

    // The citizen's download holds the consent, and the fetch in their log.
    let package = browser
        .get(app.url("/api/citizen/v1/export/package"))
        .send()
        .await
        .expect("answers")
        .bytes()
        .await
        .expect("the package");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package.to_vec())).expect("a ZIP");
    let read = |zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| -> Value {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text)
            .expect("text");
        serde_json::from_str(&text).expect("JSON")
    };
    let taken_out = read(&mut zip, "consents.json");
    assert_eq!(taken_out[0]["record_id"], consents[0].id.to_string());
    assert_eq!(taken_out[0]["presented_to"]["name"], "Test Bank A/S");
    assert_eq!(taken_out[0]["data"]["areas"], json!(["economy"]));
    let log = read(&mut zip, "log.json").to_string();
    assert!(
        log.contains(&format!("consent-{}", consents[0].id)),
        "the fetch is in log.json"
    );

    // "Shared with others" lists it with its fetches; revoking stops the next request.
    let (status, shared) = common::page(&browser, &app.url("/shared?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        shared.contains("Test Bank A/S") && shared.contains("Every fetch (2)"),
        "{shared}"
    );
    let revoked = browser
        .post(app.url(&format!("/shared/{}/revoke", consents[0].id)))
        .header(ORIGIN, app.base_url.clone())
        .send()
        .await
        .expect("answers");
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    let before = log_of(&app, CITIZEN).await.len();
    let refused = recipient
        .get(&next.access_token, "/records")
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(
        refused.headers()["www-authenticate"]
            .to_str()
            .expect("text")
            .starts_with("DPoP error=\"invalid_token\"")
    );
    let problem: Value = refused.json().await.expect("JSON");
    assert_eq!(problem["detail"], "the consent is revoked");
    let refresh_after = recipient
        .refresh(next.refresh_token.as_deref().expect("rotated"))
        .await;
    assert!(refresh_after.is_err_and(|error| error.to_string().contains("revoked")));
    assert_eq!(
        log_of(&app, CITIZEN).await.len(),
        before,
        "refusals leave no entry"
    );
}

async fn refusals_say_why_and_disclose_nothing(backend: Backend) {
    let (app, recipient, _) = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;

    // An unregistered redirect address, and data beyond the registration: refused at once.
    let unregistered = recipient
        .push("https://evil.example/callback", &details("once"))
        .await;
    assert!(unregistered.is_err_and(|error| error.to_string().contains("redirect_uri")),);
    let mut beyond = details("once");
    beyond["areas"] = json!(["economy", "health", "family"]);
    beyond["kinds"] = json!(["debt", "case"]);
    let refused = recipient
        .post_form(
            "/oauth/par",
            &[
                ("response_type", "code"),
                ("redirect_uri", REDIRECT),
                (
                    "code_challenge",
                    "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                ),
                ("code_challenge_method", "S256"),
                ("authorization_details", &json!([beyond]).to_string()),
            ],
            false,
        )
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let problem: Value = refused.json().await.expect("JSON");
    assert_eq!(problem["error"], "invalid_authorization_details");
    assert_eq!(
        common::pointers(&problem),
        [
            "/authorization_details/0/areas",
            "/authorization_details/0/kinds"
        ]
    );

    // Without a PKCE challenge.
    let no_pkce = recipient
        .post_form(
            "/oauth/par",
            &[
                ("response_type", "code"),
                ("redirect_uri", REDIRECT),
                (
                    "authorization_details",
                    &json!([details("once")]).to_string(),
                ),
            ],
            false,
        )
        .await
        .expect("answers");
    assert_eq!(no_pkce.status(), StatusCode::BAD_REQUEST);
    let problem: Value = no_pkce.json().await.expect("JSON");
    assert_eq!(problem["error"], "invalid_request");
    assert!(
        problem["detail"]
            .as_str()
            .expect("a detail")
            .contains("PKCE"),
        "{problem}"
    );

    // A cross-site POST to the consent page is refused before anything happens.
    let authorization = recipient
        .push(REDIRECT, &details("once"))
        .await
        .expect("pushed");
    let forged = browser
        .post(app.url("/oauth/authorize"))
        .header(ORIGIN, "https://evil.example")
        .form(&[
            ("client_id", "test-bank"),
            (
                "request_uri",
                &query_value(&authorization.url, "request_uri").expect("uri"),
            ),
            ("decision", "approve"),
            ("areas", "economy"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(
        app.store
            .consents_of(&subject(CITIZEN))
            .await
            .expect("reads")
            .is_empty()
    );

    // A one-off consent: no refresh token.
    let back = consent(&app, &browser, &authorization.url, &["economy", "health"]).await;
    let code = query_value(&back, "code").expect("a code");
    // A token request without a DPoP proof is refused, and the code stays unused.
    let unproven = recipient
        .post_form(
            "/oauth/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &authorization.verifier),
            ],
            false,
        )
        .await
        .expect("answers");
    assert_eq!(unproven.status(), StatusCode::BAD_REQUEST);
    let problem: Value = unproven.json().await.expect("JSON");
    assert_eq!(problem["error"], "invalid_dpop_proof");
    let tokens = recipient
        .redeem(&code, REDIRECT, &authorization.verifier)
        .await
        .expect("tokens");
    assert!(tokens.refresh_token.is_none());

    let before = log_of(&app, CITIZEN).await.len();
    let url = app.url("/api/shared/v1/records");
    let http = reqwest::Client::new();
    // No proof; the Bearer scheme; a proof replayed; a proof by another key.
    let no_proof = http
        .get(&url)
        .header("Authorization", format!("DPoP {}", tokens.access_token))
        .send()
        .await
        .expect("answers");
    assert_eq!(no_proof.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        no_proof.json::<Value>().await.expect("JSON")["error"],
        "invalid_dpop_proof"
    );
    let bearer = http
        .get(&url)
        .header("Authorization", format!("Bearer {}", tokens.access_token))
        .send()
        .await
        .expect("answers");
    assert_eq!(bearer.status(), StatusCode::UNAUTHORIZED);
    let proof = recipient
        .proof("GET", &url, Some(&tokens.access_token))
        .expect("a proof");
    let first = http
        .get(&url)
        .header("Authorization", format!("DPoP {}", tokens.access_token))
        .header("DPoP", &proof)
        .send()
        .await
        .expect("answers");
    assert_eq!(first.status(), StatusCode::OK);
    let replayed = http
        .get(&url)
        .header("Authorization", format!("DPoP {}", tokens.access_token))
        .header("DPoP", &proof)
        .send()
        .await
        .expect("answers");
    assert_eq!(replayed.status(), StatusCode::UNAUTHORIZED);
    let problem: Value = replayed.json().await.expect("JSON");
    assert_eq!(problem["detail"], "the DPoP proof was used before");
    let thief = RecipientClient::new(
        &app.base_url,
        ProviderKey::generate("test-bank", KeyAlgorithm::Es256).expect("a key"),
    )
    .expect("a client");
    let stolen = thief
        .get(&tokens.access_token, "/records")
        .await
        .expect("answers");
    assert_eq!(stolen.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        log_of(&app, CITIZEN).await.len(),
        before + 1,
        "only the one good fetch is logged"
    );
    let fetched: Value = first.json().await.expect("JSON");
    let text = fetched.to_string();
    assert!(
        !text.contains("neighbour") && !text.contains(NEIGHBOUR),
        "{text}"
    );

    // Another citizen cannot revoke it, nor see it.
    let consents = app
        .store
        .consents_of(&subject(CITIZEN))
        .await
        .expect("reads");
    let (neighbour, _) = sign_in(&app, NEIGHBOUR).await;
    let theirs = neighbour
        .post(app.url(&format!("/shared/{}/revoke", consents[0].id)))
        .header(ORIGIN, app.base_url.clone())
        .send()
        .await
        .expect("answers");
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    let (_, shared) = common::page(&neighbour, &app.url("/shared?lang=en")).await;
    assert!(!shared.contains("Test Bank A/S"), "{shared}");
    assert!(
        log_of(&app, NEIGHBOUR)
            .await
            .iter()
            .all(|entry| entry.actor.kind != ActorKind::ThirdParty)
    );
}

async fn an_expired_consent_stops_the_next_fetch(backend: Backend) {
    let (app, recipient, _) = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let authorization = recipient
        .push(REDIRECT, &details("ongoing"))
        .await
        .expect("pushed");
    let back = consent(&app, &browser, &authorization.url, &["economy"]).await;
    let code = query_value(&back, "code").expect("a code");
    let tokens = recipient
        .redeem(&code, REDIRECT, &authorization.verifier)
        .await
        .expect("tokens");
    // The consent as it will be once its last day has passed.
    let mut consent = app
        .store
        .consents_of(&subject(CITIZEN))
        .await
        .expect("reads")
        .remove(0);
    app.store
        .revoke_consent(&consent.id, &subject(CITIZEN), Utc::now())
        .await
        .expect("ends");
    consent.id = overblik_model::ConsentId::random();
    consent.revoked_at = None;
    consent.terms.last_day = Utc::now().date_naive() - Days::new(2);
    app.store.put_consent(&consent).await.expect("stores");
    let claims = json!({
        "iss": app.base_url, "aud": "overblik-shared-api", "sub": consent.id.to_string(),
        "client_id": "test-bank", "iat": Utc::now().timestamp(), "exp": Utc::now().timestamp() + 60,
        "cnf": {"jkt": bound_key(&tokens.access_token)},
    });
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"integration-test-token-secret-of-32b"),
    )
    .expect("signs");
    let before = log_of(&app, CITIZEN).await.len();
    let expired = recipient.get(&token, "/records").await.expect("answers");
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let problem: Value = expired.json().await.expect("JSON");
    assert_eq!(problem["detail"], "the consent is expired");
    assert_eq!(log_of(&app, CITIZEN).await.len(), before);
}

/// The thumbprint of the key the server bound `access_token` to: the recipient's DPoP key.
fn bound_key(access_token: &str) -> String {
    use base64::Engine;
    let payload = access_token.split('.').nth(1).expect("a JWT");
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .expect("base64url"),
    )
    .expect("JSON");
    claims["cnf"]["jkt"].as_str().expect("a jkt").to_owned()
}

async fn a_proxy_consents_only_with_a_mandate_to_act_and_within_its_scope(backend: Backend) {
    const HOLDER: &str = "020280-1234";
    let (app, recipient, _) = seeded(backend).await;
    let (citizen, _) = sign_in(&app, CITIZEN).await;
    let (holder, _) = sign_in(&app, HOLDER).await;
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Copenhagen)
        .date_naive();
    let api = |path: &str| app.url(&format!("/api/citizen/v1{path}"));
    // A power of attorney for the citizen's debts in the economy area, and acting under it.
    let act_under = |permission: &'static str| {
        let (citizen, holder, api) = (&citizen, &holder, &api);
        let ours = app.base_url.clone();
        async move {
            let granted: Value = citizen
                .post(api("/mandates"))
                .header(ORIGIN, &ours)
                .json(&json!({
                    "holder_national_id": HOLDER, "holder_name": "Bo Holder",
                    "areas": ["economy"], "kinds": ["debt"], "permission": permission,
                    "valid_from": today.to_string(),
                    "valid_until": (today + Days::new(30)).to_string()
                }))
                .send()
                .await
                .expect("answers")
                .json()
                .await
                .expect("JSON");
            let id = granted["id"].as_str().expect("an id");
            // The holder is themselves again before accepting another.
            let stopped = holder
                .delete(api("/acting"))
                .header(ORIGIN, &ours)
                .send()
                .await
                .expect("answers");
            assert!(stopped.status().is_success(), "{}", stopped.status());
            let accepted = holder
                .post(api(&format!("/mandates/{id}/accept")))
                .header(ORIGIN, &ours)
                .send()
                .await
                .expect("answers");
            assert_eq!(accepted.status(), StatusCode::OK);
            let acting = holder
                .put(api("/acting"))
                .header(ORIGIN, &ours)
                .json(&json!({"basis": format!("poa-{id}")}))
                .send()
                .await
                .expect("answers");
            assert_eq!(acting.status(), StatusCode::OK);
        }
    };

    // To see only: the consent page refuses.
    act_under("read").await;
    let authorization = recipient
        .push(REDIRECT, &details("ongoing"))
        .await
        .expect("pushed");
    let (status, _) = common::page(&holder, &authorization.url).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // To act: asked only about what the power of attorney covers, and the consent says who.
    act_under("read_and_act").await;
    let (status, html) = common::page(&holder, &format!("{}&lang=en", authorization.url)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("value=\"economy\"") && !html.contains("value=\"health\""),
        "{html}"
    );
    let back = consent(&app, &holder, &authorization.url, &["economy", "health"]).await;
    let code = query_value(&back, "code").expect("a code");
    let tokens = recipient
        .redeem(&code, REDIRECT, &authorization.verifier)
        .await
        .expect("tokens");
    let consents = app
        .store
        .consents_of(&subject(CITIZEN))
        .await
        .expect("reads");
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0].terms.scope.areas, [Area::Economy]);
    assert_eq!(consents[0].terms.scope.kinds, [Kind::Debt]);
    assert_eq!(
        consents[0].given_by.as_ref().map(|by| by.name.as_str()),
        Some("Bo Holder")
    );
    let fetched: Value = recipient
        .get(&tokens.access_token, "/records")
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    let ids: Vec<&str> = fetched["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["record"]["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, ["citizen-debt"]);
}

async fn records_that_changed_before_data_from_are_kept_out(backend: Backend) {
    let (app, recipient, _) = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    // The seeded records last changed on 1 November 2026.
    let mut fetched = Vec::new();
    for from in ["2026-11-01", "2026-11-02"] {
        let mut asked = details("ongoing");
        asked["data_from"] = json!(from);
        let authorization = recipient.push(REDIRECT, &asked).await.expect("pushed");
        let back = consent(&app, &browser, &authorization.url, &["economy", "health"]).await;
        let code = query_value(&back, "code").expect("a code");
        let tokens = recipient
            .redeem(&code, REDIRECT, &authorization.verifier)
            .await
            .expect("tokens");
        assert_eq!(tokens.authorization_details[0]["data_from"], from);
        let answer: Value = recipient
            .get(&tokens.access_token, "/records")
            .await
            .expect("answers")
            .json()
            .await
            .expect("JSON");
        fetched.push(answer["records"].as_array().expect("records").len());
    }
    assert_eq!(
        fetched,
        [2, 0],
        "from the day they changed, and not from the day after"
    );
}

on_each_backend!(
    records_that_changed_before_data_from_are_kept_out,
    a_proxy_consents_only_with_a_mandate_to_act_and_within_its_scope,
    the_whole_flow_consent_narrowing_fetch_refresh_and_revocation,
    refusals_say_why_and_disclose_nothing,
    an_expired_consent_stops_the_next_fetch,
);
