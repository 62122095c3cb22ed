//! "My sign-ins" on each store: every sign-in with its identity provider and device, the
//! open sessions with this one marked, and signing out everywhere else, after which the other
//! sessions open nothing.

mod common;

use common::{Backend, TestApp, sign_in_with};
use overblik_model::notify::{Happening, Preferences, Topic};
use reqwest::StatusCode;
use reqwest::header::ORIGIN;

const CITIZEN: &str = "010190-1234";
const NEIGHBOUR: &str = "020285-2345";
const LAPTOP: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const PHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

fn browser(user_agent: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(user_agent)
        .build()
        .expect("a client")
}

async fn sign_ins_page(browser: &reqwest::Client, app: &TestApp) -> (StatusCode, String) {
    common::page(browser, &app.url("/sign-ins?lang=en")).await
}

async fn other_sessions_end_when_the_citizen_signs_out_everywhere_else(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let (laptop, _) = sign_in_with(&app, CITIZEN, browser(LAPTOP)).await;
    let (phone, _) = sign_in_with(&app, CITIZEN, browser(PHONE)).await;
    let (neighbour, _) = sign_in_with(&app, NEIGHBOUR, browser(LAPTOP)).await;

    let (status, html) = sign_ins_page(&laptop, &app).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Firefox · Linux"), "{html}");
    assert!(html.contains("Safari · iOS"), "{html}");
    assert!(
        html.contains("127.0.0.1"),
        "the identity provider by its host: {html}"
    );
    assert_eq!(html.matches("(this one)").count(), 1, "{html}");
    assert!(html.contains("Sign out everywhere else"));
    // The neighbour sees their own sign-in only.
    let (_, theirs) = sign_ins_page(&neighbour, &app).await;
    assert!(!theirs.contains("Safari · iOS"), "{theirs}");
    assert!(
        !theirs.contains("Sign out everywhere else"),
        "one session, nothing else to end"
    );

    // Not from another site.
    let elsewhere = laptop
        .post(app.url("/sign-ins/end-others"))
        .header(ORIGIN, "https://elsewhere.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    assert_eq!(sign_ins_page(&phone, &app).await.0, StatusCode::OK);

    let ended = laptop
        .post(app.url("/sign-ins/end-others"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers");
    assert_eq!(ended.status(), StatusCode::SEE_OTHER);
    assert_eq!(common::location(&ended), "/sign-ins?ended=1");
    // The phone's session has ended: its overview sends it to sign in, its API answers 401.
    let page = phone.get(app.url("/")).send().await.expect("answers");
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    assert!(common::location(&page).contains("/login"), "{page:?}");
    let api = phone
        .get(app.url("/api/citizen/v1/overview"))
        .send()
        .await
        .expect("answers");
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    // The laptop and the neighbour go on.
    let back = laptop
        .get(app.url("/sign-ins?ended=1&lang=en"))
        .send()
        .await
        .expect("answers");
    assert_eq!(back.status(), StatusCode::OK);
    let html = back.text().await.expect("html");
    assert!(html.contains("Signed out in one other place."), "{html}");
    assert!(!html.contains("Sign out everywhere else"));
    assert!(
        html.contains("Safari · iOS"),
        "the phone's sign-in is still listed"
    );
    assert_eq!(sign_ins_page(&neighbour, &app).await.0, StatusCode::OK);
}

on_each_backend!(other_sessions_end_when_the_citizen_signs_out_everywhere_else);

/// The notices of sign-ins from a new device among a citizen's own.
async fn new_device_notices(app: &TestApp, national_id: &str) -> usize {
    app.store
        .notices(&common::subject(national_id), chrono::Utc::now(), 100)
        .await
        .expect("reads")
        .iter()
        .filter(|notice| notice.happening == Happening::SignInNewDevice)
        .count()
}

/// A citizen who asks for it is told of a sign-in from a device none of their recent
/// sign-ins came from, once; one who did not ask is told nothing.
async fn a_sign_in_from_a_new_device_is_told_to_those_who_ask(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let mut asked = Preferences::default();
    assert!(
        !asked.topics.contains(&Topic::SignIn),
        "not told unless asked"
    );
    asked.topics.insert(Topic::SignIn);
    app.store
        .put_notification_preferences(&common::subject(CITIZEN), &asked)
        .await
        .expect("asks");

    let (laptop, _) = sign_in_with(&app, CITIZEN, browser(LAPTOP)).await;
    assert_eq!(
        new_device_notices(&app, CITIZEN).await,
        0,
        "the first sign-in"
    );
    sign_in_with(&app, CITIZEN, browser(LAPTOP)).await;
    assert_eq!(
        new_device_notices(&app, CITIZEN).await,
        0,
        "the same device"
    );
    sign_in_with(&app, CITIZEN, browser(PHONE)).await;
    assert_eq!(
        new_device_notices(&app, CITIZEN).await,
        1,
        "the phone is new"
    );
    sign_in_with(&app, CITIZEN, browser(PHONE)).await;
    assert_eq!(new_device_notices(&app, CITIZEN).await, 1, "and then known");
    let (_, listed) = common::page(&laptop, &app.url("/notifications?lang=en")).await;
    assert!(
        listed.contains("Someone signed in to Overblik as you from a device"),
        "{listed}"
    );
    assert!(listed.contains("href=\"/sign-ins\""), "{listed}");

    // The neighbour did not ask.
    sign_in_with(&app, NEIGHBOUR, browser(LAPTOP)).await;
    sign_in_with(&app, NEIGHBOUR, browser(PHONE)).await;
    assert_eq!(new_device_notices(&app, NEIGHBOUR).await, 0);
}

on_each_backend!(a_sign_in_from_a_new_device_is_told_to_those_who_ask);
