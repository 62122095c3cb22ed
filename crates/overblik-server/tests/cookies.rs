//! Cookies under an https public URL: each carries the `__Host-` prefix, `Secure`, for path
//! `/` and without a `Domain`, and a plain-named one (planted from a sibling host or over
//! http) is not taken for it. The test talks plain http to the server: cookies are headers.

mod common;

use common::{Backend, TestApp, subject};
use overblik_server::login::{SESSION_LIMITS, session_key};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, ORIGIN, SET_COOKIE};

const CITIZEN: &str = "010190-1234";
const TOKEN: &str = "a-session-token-for-the-cookie-test";
const PUBLIC_URL: &str = "https://overblik.test";

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .map(str::to_owned)
        .collect()
}

/// The cookie `name` sets, checked to be fit for the `__Host-` prefix.
fn host_cookie(set: &[String], name: &str) -> String {
    let cookie = set
        .iter()
        .find(|cookie| cookie.starts_with(&format!("__Host-{name}=")))
        .unwrap_or_else(|| panic!("__Host-{name} among {set:?}"))
        .clone();
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).skip(1).collect();
    assert!(attributes.contains(&"Secure"), "{cookie}");
    assert!(attributes.contains(&"Path=/"), "{cookie}");
    assert!(
        !attributes
            .iter()
            .any(|attribute| attribute.starts_with("Domain")),
        "{cookie}"
    );
    cookie
}

async fn an_https_deployment_sets_host_prefixed_cookies(backend: Backend) {
    // The identity provider the deployment discovers: another server's development one.
    let idp = TestApp::start().await;
    let login = idp.state.settings.development_login();
    let app = TestApp::start_configured(backend, |settings| {
        settings.public_url = PUBLIC_URL.to_owned();
        settings.dev_idp = false;
        settings.login = Some(login);
    })
    .await;
    let http = common::browser();

    // The sign-in in progress.
    let to_idp = http.get(app.url("/login")).send().await.expect("answers");
    assert_eq!(to_idp.status(), StatusCode::SEE_OTHER);
    host_cookie(&set_cookies(&to_idp), "overblik_login");

    // The session: only the prefixed cookie is one.
    app.store
        .start_session(
            &session_key(TOKEN),
            &subject(CITIZEN),
            chrono::Utc::now(),
            SESSION_LIMITS,
        )
        .await
        .expect("a session");
    let overview = |cookie: String| {
        http.get(app.url("/api/citizen/v1/overview"))
            .header(COOKIE, cookie)
            .send()
    };
    let planted = overview(format!("overblik_session={TOKEN}"))
        .await
        .expect("answers");
    assert_eq!(planted.status(), StatusCode::UNAUTHORIZED);
    let prefixed = overview(format!("__Host-overblik_session={TOKEN}"))
        .await
        .expect("answers");
    assert_eq!(prefixed.status(), StatusCode::OK);

    // The language a link asks for.
    let page = http
        .get(app.url("/?lang=en"))
        .header(COOKIE, format!("__Host-overblik_session={TOKEN}"))
        .send()
        .await
        .expect("answers");
    assert_eq!(page.status(), StatusCode::OK);
    host_cookie(&set_cookies(&page), "overblik_lang");

    // Signing out removes the session and any acting, under the same names.
    let out = http
        .post(app.url("/logout"))
        .header(ORIGIN, PUBLIC_URL)
        .header(
            COOKIE,
            format!("__Host-overblik_session={TOKEN}; __Host-overblik_acting=chosen"),
        )
        .send()
        .await
        .expect("answers");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let removed = set_cookies(&out);
    for name in ["overblik_session", "overblik_acting"] {
        let cookie = host_cookie(&removed, name);
        assert!(cookie.contains("Max-Age=0"), "{cookie}");
    }
    let after = overview(format!("__Host-overblik_session={TOKEN}"))
        .await
        .expect("answers");
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

on_each_backend!(an_https_deployment_sets_host_prefixed_cookies);
