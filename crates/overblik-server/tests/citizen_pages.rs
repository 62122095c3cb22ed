//! The record pages of each kind, the register and coverage pages, the calendar file and the
//! not-found page, fed with the sample payloads in `examples/`.

mod common;

use common::{TestApp, browser, location, page, sign_in};
use overblik_model::Catalogue;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

/// Has a housing benefit with a payment, debts with payment links and a registered vehicle.
const TENANT: &str = "020288-2345";
/// Has appointments, a case, and an address and custody in the population register.
const PARENT: &str = "010185-1234";

/// A server holding every sample payload, pushed by one authority allowed every area and
/// trusted as the population register (the samples hold a custody fact).
async fn app_with_examples() -> TestApp {
    let app = TestApp::start_configured(common::Backend::Sqlite, |settings| {
        settings.fact_authorities = common::custody_from("samples");
    })
    .await;
    let everything: Vec<&str> = Catalogue::get()
        .entries()
        .map(|entry| entry.code.as_str())
        .filter(|code| !code.contains('.'))
        .collect();
    let client = app.client(app.register("samples", &everything).await);
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    for entry in std::fs::read_dir(examples).expect("the examples folder") {
        let path = entry.expect("an entry").path();
        let body = std::fs::read(&path).expect("a sample");
        let key = path.file_stem().expect("a name").to_string_lossy();
        let pushed = client.push(body, &key).await.expect("pushes");
        assert_eq!(pushed.status, 200, "{}: {}", path.display(), pushed.body);
    }
    app
}

/// The page address of the citizen's record with the authority's id `source_id`.
async fn record_path(app: &TestApp, national_id: &str, source_id: &str) -> String {
    let record = app
        .records_of(national_id)
        .await
        .into_iter()
        .find(|stored| stored.record.id.as_str() == source_id)
        .expect("the record is stored");
    format!("/records/{}", record.id)
}

#[tokio::test]
async fn a_benefit_shows_its_payments_as_a_table_and_a_chart_and_a_payment_links_back() {
    let app = app_with_examples().await;
    let (browser, _) = sign_in(&app, TENANT).await;
    let benefit = record_path(&app, TENANT, "ud-boligstoette-2026-088213").await;
    let (status, html) = page(&browser, &app.url(&format!("{benefit}?lang=en"))).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Payments received",
        "<table>",
        "<th scope=\"row\">30 Oct 2026</th>",
        "role=\"img\"",
        "Amount paid out, last payment",
        "Coming payments",
        "Every month",
        "DKK 2,150.00",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    assert_eq!(html.matches("<rect class=\"bar\"").count(), 1);

    let payment = record_path(&app, TENANT, "ud-boligstoette-2026-088213-2026-10").await;
    let (_, html) = page(&browser, &app.url(&payment)).await;
    assert!(html.contains(&format!("href=\"{benefit}\"")), "{html}");
}

#[tokio::test]
async fn a_debt_shows_its_breakdown_and_where_to_pay() {
    let app = app_with_examples().await;
    let (browser, _) = sign_in(&app, TENANT).await;
    let debt = record_path(&app, TENANT, "gs-fordring-2025-4410932").await;
    let (status, html) = page(&browser, &app.url(&format!("{debt}?lang=en"))).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "What the debt is made of",
        "The debt itself",
        "Interest",
        "Fees",
        "href=\"https://gaeld.example.dk/betal/gs-fordring-2025-4410932\"",
        "Pay now",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

#[tokio::test]
async fn an_appointment_downloads_as_a_calendar_file_for_its_citizen_only() {
    let app = app_with_examples().await;
    let (parent, _) = sign_in(&app, PARENT).await;
    let appointment = record_path(&app, PARENT, "jc-samtale-2026-771402-2").await;
    let (_, html) = page(&parent, &app.url(&appointment)).await;
    let file = format!("{appointment}/calendar.ics");
    assert!(
        html.contains(&format!("href=\"{file}\" download")),
        "{html}"
    );

    let response = parent.get(app.url(&file)).send().await.expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/calendar")
    );
    assert!(
        response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .contains("attachment")
    );
    let calendar = response.text().await.expect("text");
    assert!(calendar.starts_with("BEGIN:VCALENDAR"), "{calendar}");
    assert!(calendar.contains("BEGIN:VEVENT") && calendar.contains("DTSTART"));
    let id = appointment.trim_start_matches("/records/");
    assert!(
        calendar.contains(&format!("UID:{id}@overblik")),
        "{calendar}"
    );

    // Another citizen, a record that is not an appointment, or no session: nothing.
    let (tenant, _) = sign_in(&app, TENANT).await;
    let (status, html) = page(&tenant, &app.url(&file)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("VEVENT"));
    let case = record_path(&app, PARENT, "byg-2026-004171").await;
    let (status, _) = page(&parent, &app.url(&format!("{case}/calendar.ics"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let anonymous = browser().get(app.url(&file)).send().await.expect("answers");
    assert_eq!(location(&anonymous), "/login");
}

#[tokio::test]
async fn a_case_shows_its_timeline_next_step_and_who_acts() {
    let app = app_with_examples().await;
    let (browser, _) = sign_in(&app, PARENT).await;
    let case = record_path(&app, PARENT, "byg-2026-004171").await;
    let (status, html) = page(&browser, &app.url(&format!("{case}?lang=en"))).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "How the case has moved",
        "<ol class=\"timeline\">",
        "aria-current=\"step\"",
        "What happens next",
        "Who acts",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

#[tokio::test]
async fn the_register_page_shows_the_citizens_own_facts_only() {
    let app = app_with_examples().await;
    let (parent, _) = sign_in(&app, PARENT).await;
    let (status, html) = page(&parent, &app.url("/registers?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("My data from the registers"));
    assert!(html.contains("<h2 id=\"facts-1\">Address</h2>"), "{html}");
    assert!(html.contains("Custody"));
    assert!(
        !html.contains("AB12345"),
        "the tenant's car is not the parent's"
    );
    assert!(html.contains("aria-current=\"page\""));

    let (tenant, _) = sign_in(&app, TENANT).await;
    let (_, html) = page(&tenant, &app.url("/registers?lang=en")).await;
    assert!(
        html.contains("Vehicles") && !html.contains("Custody"),
        "{html}"
    );
}

#[tokio::test]
async fn the_coverage_page_lists_every_authority_and_what_it_holds_about_the_citizen() {
    let app = app_with_examples().await;
    app.register("quiet", &["29"]).await;
    let (browser, _) = sign_in(&app, TENANT).await;
    let (status, html) = page(&browser, &app.url("/covered?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Test provider samples") && html.contains("Test provider quiet"));
    assert!(html.contains("Nothing about you yet"), "{html}");
    let tenant_items = app.records_of(TENANT).await.len();
    assert!(
        html.contains(&format!("{tenant_items} items, last updated")),
        "{html}"
    );
}

#[tokio::test]
async fn every_page_sends_a_citizen_without_a_session_to_sign_in() {
    let app = app_with_examples().await;
    let record = record_path(&app, PARENT, "jc-samtale-2026-771402-2").await;
    for path in [
        "/".to_owned(),
        "/areas/work".to_owned(),
        record.clone(),
        format!("{record}/calendar.ics"),
        "/registers".to_owned(),
        "/covered".to_owned(),
        "/log".to_owned(),
        "/search?q=a".to_owned(),
    ] {
        let response = browser().get(app.url(&path)).send().await.expect("answers");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&response), "/login", "{path}");
    }
}

#[tokio::test]
async fn an_unknown_address_gets_a_page_and_an_unknown_api_path_a_problem() {
    let app = TestApp::start().await;
    let response = browser()
        .get(app.url("/no/such/page?lang=en"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let html = response.text().await.expect("html");
    assert!(html.contains("Page not found") && html.contains("<html lang=\"en\">"));

    let response = browser()
        .get(app.url("/api/no/such/thing"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
}

#[tokio::test]
async fn the_language_switch_keeps_the_search() {
    let app = app_with_examples().await;
    let (browser, _) = sign_in(&app, PARENT).await;
    let (_, html) = page(&browser, &app.url("/search?q=dagpenge&lang=da")).await;
    assert!(
        html.contains("href=\"/search?q=dagpenge&#38;lang=en\"")
            || html.contains("href=\"/search?q=dagpenge&amp;lang=en\""),
        "{html}"
    );
}

#[tokio::test]
async fn a_failed_sign_in_says_why_in_the_browsers_language() {
    let app = TestApp::start().await;
    for (language, title, again) in [
        ("da", "Du blev ikke logget ind", "Prøv igen"),
        ("en", "Sign-in failed", "Try again"),
    ] {
        // A callback without the sign-in this browser started.
        let response = browser()
            .get(app.url("/login/callback?code=x&state=y"))
            .header("accept-language", language)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let html = response.text().await.expect("html");
        assert!(
            html.contains(&format!("<html lang=\"{language}\">")),
            "{html}"
        );
        assert!(html.contains(title) && html.contains(again), "{html}");
        assert!(html.contains("href=\"/login\""));
    }
}

#[tokio::test]
async fn an_expired_session_cookie_is_refused_everywhere() {
    use overblik_server::login::{SESSION_LIMITS, session_key};
    let app = app_with_examples().await;
    // A real session, unused for longer than the idle limit.
    let token = "a-token-that-was-valid-once";
    let last_used = chrono::Utc::now() - SESSION_LIMITS.idle - chrono::Duration::minutes(1);
    app.store
        .start_session(
            &session_key(token),
            &common::subject(PARENT),
            last_used,
            SESSION_LIMITS,
        )
        .await
        .expect("a session");
    let cookie = format!("overblik_session={token}");
    for path in ["/", "/registers", "/covered", "/search?q=a"] {
        let response = browser()
            .get(app.url(path))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("answers");
        assert_eq!(location(&response), "/login", "{path}");
    }
    for path in ["overview", "areas/work", "search?q=a"] {
        let response = browser()
            .get(app.url(&format!("/api/citizen/v1/{path}")))
            .header("cookie", &cookie)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn every_sample_record_renders_in_both_languages_with_every_text_found() {
    let app = app_with_examples().await;
    for citizen in [PARENT, TENANT, "030345-3456"] {
        let (browser, _) = sign_in(&app, citizen).await;
        let mut paths: Vec<String> = app
            .records_of(citizen)
            .await
            .iter()
            .map(|stored| format!("/records/{}", stored.id))
            .collect();
        paths.extend(["/", "/registers", "/covered", "/log", "/search?q=a"].map(String::from));
        paths.extend(
            overblik_model::Area::ALL
                .iter()
                .map(|area| format!("/areas/{}", area.slug())),
        );
        for path in &paths {
            for language in ["da", "en"] {
                let separator = if path.contains('?') { '&' } else { '?' };
                let url = app.url(&format!("{path}{separator}lang={language}"));
                let (status, html) = page(&browser, &url).await;
                assert_eq!(status, StatusCode::OK, "{url}");
                assert!(!html.contains("Unknown localization key"), "{url}: {html}");
            }
        }
    }
}
