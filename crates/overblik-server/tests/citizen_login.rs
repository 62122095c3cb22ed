//! Citizens sign in through the development OpenID provider, on the same code path as a real
//! issuer, and the citizen API shows each of them their own data and nothing else.

mod common;

use common::{
    Backend, TestApp, body, browser, deadline, debt, hidden_fields, location, page, sign_in,
};
use reqwest::StatusCode;
use reqwest::header::{ORIGIN, SET_COOKIE};
use serde_json::Value;

const CITIZEN: &str = "010190-1234";
const NEIGHBOUR: &str = "020285-5678";

async fn seeded_app(backend: Backend) -> TestApp {
    let app = TestApp::start_on(backend).await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let mut mine = deadline("mine", 1, CITIZEN);
    mine["details"]["action"] = serde_json::json!("Upload your payslips");
    let mut theirs = debt("theirs", NEIGHBOUR);
    theirs["details"]["creditor"] = serde_json::json!("Naboens Kreditor");
    let pushed = tax
        .push(body(vec![mine, theirs]), "seed")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    app
}

async fn get_json(browser: &reqwest::Client, url: &str) -> (StatusCode, Value) {
    let response = browser.get(url).send().await.expect("answers");
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn a_citizen_signs_in_and_sees_their_own_overview(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, cookie) = sign_in(&app, CITIZEN).await;
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "no Secure flag without TLS");
    assert!(
        !cookie.contains("Max-Age") && !cookie.contains("Expires"),
        "a browser-session cookie"
    );

    let (status, overview) = get_json(&browser, &app.url("/api/citizen/v1/overview?lang=en")).await;
    assert_eq!(status, StatusCode::OK, "{overview}");
    let economy = overview["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .find(|a| a["area"] == "economy")
        .expect("economy");
    assert_eq!(economy["records"], 1, "only the citizen's own deadline");
    assert_eq!(
        overview["attention"]["total_owed"],
        serde_json::json!([]),
        "the neighbour's debt is not theirs"
    );

    let (status, area) = get_json(&browser, &app.url("/api/citizen/v1/areas/economy")).await;
    assert_eq!(status, StatusCode::OK);
    let id = area["records"][0]["id"].as_str().expect("an id").to_owned();
    let (status, record) =
        get_json(&browser, &app.url(&format!("/api/citizen/v1/records/{id}"))).await;
    assert_eq!(status, StatusCode::OK, "{record}");
    assert_eq!(record["authority"]["id"], "tax");
    assert_eq!(
        record["record"]["details"]["action"],
        "Upload your payslips"
    );

    let (status, found) = get_json(&browser, &app.url("/api/citizen/v1/search?q=payslips")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["records"].as_array().expect("a list").len(), 1);
}

async fn a_citizen_reaches_nothing_of_another_citizen(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let theirs = app.records_of(NEIGHBOUR).await;
    let their_id = theirs[0].id;
    let (status, problem) = get_json(
        &browser,
        &app.url(&format!("/api/citizen/v1/records/{their_id}")),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        !problem.to_string().contains("Naboens"),
        "a 404 that tells nothing"
    );
    let (_, unknown) = get_json(
        &browser,
        &app.url(&format!("/api/citizen/v1/records/{}", uuid::Uuid::new_v4())),
    )
    .await;
    assert_eq!(
        problem, unknown,
        "another's record answers exactly as a record that does not exist"
    );
    let (status, found) = get_json(&browser, &app.url("/api/citizen/v1/search?q=Naboens")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(found["records"].as_array().expect("a list").is_empty());
    let (_, area) = get_json(&browser, &app.url("/api/citizen/v1/areas/economy")).await;
    assert!(
        area["records"]
            .as_array()
            .expect("a list")
            .iter()
            .all(|r| r["kind"] == "deadline")
    );
    let (status, _) = get_json(&browser, &app.url("/api/citizen/v1/areas/nowhere")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn without_a_valid_session_every_citizen_route_answers_401(backend: Backend) {
    let app = seeded_app(backend).await;
    let id = app.records_of(CITIZEN).await[0].id;
    let routes = [
        "/api/citizen/v1/overview".to_owned(),
        "/api/citizen/v1/areas/economy".to_owned(),
        format!("/api/citizen/v1/records/{id}"),
        "/api/citizen/v1/search?q=x".to_owned(),
    ];
    let anonymous = reqwest::Client::new();
    for route in &routes {
        let response = anonymous.get(app.url(route)).send().await.expect("answers");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{route}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let forged = anonymous
            .get(app.url(route))
            .header("cookie", "overblik_session=forged-token")
            .send()
            .await
            .expect("answers");
        assert_eq!(
            forged.status(),
            StatusCode::UNAUTHORIZED,
            "{route} with a forged cookie"
        );
    }
}

async fn logout_ends_the_session_here_and_at_the_provider(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    // A forged cross-site form cannot sign the citizen out (or change anything).
    let forged = browser
        .post(app.url("/logout"))
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let no_origin = browser
        .post(app.url("/logout"))
        .send()
        .await
        .expect("answers");
    assert_eq!(no_origin.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        get_json(&browser, &app.url("/api/citizen/v1/overview"))
            .await
            .0,
        StatusCode::OK
    );

    let out = browser
        .post(app.url("/logout"))
        .header(ORIGIN, app.url(""))
        .send()
        .await
        .expect("answers");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let at_provider = location(&out);
    assert!(
        at_provider.starts_with(&app.url("/dev-idp/logout?")),
        "{at_provider}"
    );
    let back = browser.get(&at_provider).send().await.expect("answers");
    assert_eq!(location(&back), app.url("/"));
    assert_eq!(
        get_json(&browser, &app.url("/api/citizen/v1/overview"))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

async fn a_bad_national_id_or_a_foreign_state_signs_no_one_in(backend: Backend) {
    let app = seeded_app(backend).await;
    let browser = browser();
    let to_idp = browser
        .get(app.url("/login"))
        .send()
        .await
        .expect("answers");
    let form = browser
        .get(location(&to_idp))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("html");
    let mut fields = hidden_fields(&form);
    fields.push(("national_id".to_owned(), "310299-1234".to_owned()));
    let refused = browser
        .post(app.url("/dev-idp/authorize"))
        .form(&fields)
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    // A browser that asks for no language is answered in the deployment's, Danish.
    let said = refused.text().await.expect("html");
    assert!(
        said.contains("begynder ikke med en gyldig fødselsdato"),
        "{said}"
    );

    // A callback whose state is not this browser's sign-in is refused.
    let stray = browser
        .get(app.url("/login/callback?code=anything&state=not-mine"))
        .send()
        .await
        .expect("answers");
    assert_eq!(stray.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        get_json(&browser, &app.url("/api/citizen/v1/overview"))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

async fn pages_send_a_citizen_without_a_session_to_sign_in(backend: Backend) {
    let app = seeded_app(backend).await;
    let id = app.records_of(CITIZEN).await[0].id;
    for path in [
        "/".to_owned(),
        "/areas/economy".to_owned(),
        format!("/records/{id}"),
    ] {
        let response = browser().get(app.url(&path)).send().await.expect("answers");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&response), "/login", "{path}");
    }
}

async fn the_overview_area_and_record_pages_in_danish_and_english(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let (status, overview) = page(&browser, &app.url("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        overview.contains("<html lang=\"da\">"),
        "Danish unless asked otherwise"
    );
    assert!(overview.contains("href=\"/areas/economy\""));
    let (_, english) = page(&browser, &app.url("/?lang=en")).await;
    assert!(
        english.contains("<html lang=\"en\">") && english.contains("Your overview"),
        "{english}"
    );
    let (_, remembered) = page(&browser, &app.url("/areas/economy")).await;
    assert!(
        remembered.contains("<html lang=\"en\">"),
        "the choice of language is remembered"
    );
    let id = app.records_of(CITIZEN).await[0].id;
    assert!(remembered.contains(&format!("href=\"/records/{id}\"")));
    let (status, record) = page(&browser, &app.url(&format!("/records/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(record.contains("Upload your payslips"));
    assert!(
        record.contains("Test provider tax"),
        "the record names its authority"
    );
}

async fn another_citizens_record_page_is_not_found_and_tells_nothing(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let theirs = app.records_of(NEIGHBOUR).await[0].id;
    let (status, html) = page(&browser, &app.url(&format!("/records/{theirs}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Naboens"));
    let unknown_id = uuid::Uuid::new_v4();
    let (unknown_status, unknown) =
        page(&browser, &app.url(&format!("/records/{unknown_id}"))).await;
    // The page links to itself in the other language, so only the asked-for id may differ.
    let unknown = unknown.replace(&unknown_id.to_string(), &theirs.to_string());
    assert_eq!(
        (unknown_status, unknown),
        (status, html),
        "the same answer as for a record that does not exist"
    );
}

#[tokio::test]
async fn provider_strings_are_escaped_and_pages_carry_security_headers() {
    let app = TestApp::start().await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let mut hostile = deadline("hostile", 1, CITIZEN);
    hostile["title"] = serde_json::json!({"da": "<script>alert(1)</script>"});
    assert_eq!(
        tax.push(body(vec![hostile]), "k")
            .await
            .expect("pushes")
            .status,
        200
    );
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let response = browser.get(app.url("/")).send().await.expect("answers");
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'none'"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");
    let html = response.text().await.expect("html");
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
        "{html}"
    );
    let api = reqwest::get(app.url("/api/citizen/v1/overview"))
        .await
        .expect("answers");
    assert_eq!(api.headers()["x-content-type-options"], "nosniff");
}

async fn the_search_page_finds_the_citizens_own_records_only(backend: Backend) {
    let app = seeded_app(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let (status, form) = page(&browser, &app.url("/search?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        form.contains("role=\"search\"") && !form.contains("We found nothing"),
        "only the form before a search"
    );
    let (_, found) = page(&browser, &app.url("/search?q=payslips")).await;
    let id = app.records_of(CITIZEN).await[0].id;
    assert!(
        found.contains(&format!("href=\"/records/{id}\"")),
        "{found}"
    );
    let (_, theirs) = page(&browser, &app.url("/search?q=Naboens")).await;
    assert!(theirs.contains("We found nothing") && !theirs.contains("Naboens Kreditor"));
    let anonymous = common::browser()
        .get(app.url("/search?q=x"))
        .send()
        .await
        .expect("answers");
    assert_eq!(location(&anonymous), "/login");
}

async fn a_code_the_provider_never_issued_signs_no_one_in(backend: Backend) {
    let app = seeded_app(backend).await;
    let browser = browser();
    let to_idp = browser
        .get(app.url("/login"))
        .send()
        .await
        .expect("answers");
    let authorize = url::Url::parse(&location(&to_idp)).expect("a URL");
    let state = authorize
        .query_pairs()
        .find(|(name, _)| name == "state")
        .expect("a state")
        .1
        .into_owned();
    let callback = format!("/login/callback?code=never-issued&state={state}");
    let refused = browser
        .get(app.url(&callback))
        .header("accept-language", "en")
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(
        refused.headers()[SET_COOKIE.as_str()]
            .to_str()
            .expect("ascii")
            .starts_with("overblik_login="),
        "the attempt is cleared"
    );
    assert!(
        refused
            .text()
            .await
            .expect("html")
            .contains("could not be completed")
    );
    assert_eq!(
        get_json(&browser, &app.url("/api/citizen/v1/overview"))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

on_each_backend!(
    a_citizen_signs_in_and_sees_their_own_overview,
    a_citizen_reaches_nothing_of_another_citizen,
    without_a_valid_session_every_citizen_route_answers_401,
    logout_ends_the_session_here_and_at_the_provider,
    a_bad_national_id_or_a_foreign_state_signs_no_one_in,
    pages_send_a_citizen_without_a_session_to_sign_in,
    the_overview_area_and_record_pages_in_danish_and_english,
    another_citizens_record_page_is_not_found_and_tells_nothing,
    the_search_page_finds_the_citizens_own_records_only,
    a_code_the_provider_never_issued_signs_no_one_in,
);
