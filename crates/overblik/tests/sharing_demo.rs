//! The demo's sample service, Eksempel Bank: a featured citizen starts its budget check, is
//! sent to sign in and on to Overblik's consent page, approves, and the bank shows what it
//! fetched; it fetches again with its refresh token until the citizen revokes the consent on
//! "Shared with others", after which the bank is refused.

mod common;

use common::{location, sign_in_from, start_demo};

async fn text(browser: &reqwest::Client, url: &str) -> (u16, String) {
    let response = browser.get(url).send().await.expect("answers");
    (
        response.status().as_u16(),
        response.text().await.expect("text"),
    )
}

#[tokio::test]
async fn a_citizen_shares_with_the_demo_bank_and_revokes() {
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, "30").await;
    let url = &demo.url;
    let citizen = &demo.featured[0];

    // The bank pushes its request and sends the citizen to the consent page, which sends
    // them to sign in and comes back once they have.
    let anonymous = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let started = anonymous
        .get(format!("{url}/eksempel-bank/start"))
        .send()
        .await
        .expect("answers");
    assert_eq!(started.status(), 303);
    let consent_page = location(&started);
    assert!(
        consent_page.starts_with(&format!(
            "{url}/oauth/authorize?client_id=eksempel-bank&request_uri="
        )),
        "{consent_page}"
    );
    // The bank keeps its requests in memory: the citizen's browser is a new one, so the
    // bank's own browser session does not matter; the request is the bank's.
    let (browser, landed) = sign_in_from(&consent_page, citizen).await;
    assert!(landed.starts_with("/oauth/authorize?"), "{landed}");
    let (status, page) = text(&browser, &format!("{url}{landed}&lang=en")).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Eksempel Bank A/S asks to see some of your data"),
        "{page}"
    );
    let request_uri = landed
        .split("request_uri=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .map(|encoded| {
            url::form_urlencoded::parse(format!("r={encoded}").as_bytes())
                .next()
                .expect("a pair")
                .1
                .into_owned()
        })
        .expect("the request");
    let approved = browser
        .post(format!("{url}/oauth/authorize"))
        .header(reqwest::header::ORIGIN, url.as_str())
        .form(&[
            ("client_id", "eksempel-bank"),
            ("request_uri", &request_uri),
            ("decision", "approve"),
            ("areas", "economy"),
            ("areas", "benefits"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(approved.status(), 303);
    let callback = location(&approved);
    assert!(
        callback.starts_with(&format!("{url}/eksempel-bank/callback?code=")),
        "{callback}"
    );

    // The bank trades the code and shows what it fetched.
    let (status, shown) = text(&browser, &callback).await;
    assert_eq!(status, 200, "{shown}");
    assert!(shown.contains("We fetched"), "{shown}");
    let (status, again) = text(&browser, &format!("{url}/eksempel-bank/again")).await;
    assert_eq!(status, 200, "{again}");

    // Revoked on "Shared with others": the bank's next fetch is refused.
    let (status, shared) = text(&browser, &format!("{url}/shared?lang=en")).await;
    assert_eq!(status, 200);
    assert!(
        shared.contains("Eksempel Bank A/S") && shared.contains("Every fetch (2)"),
        "{shared}"
    );
    let consent = shared
        .split("action=\"/shared/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .expect("a revoke button");
    let revoked = browser
        .post(format!("{url}/shared/{consent}/revoke"))
        .header(reqwest::header::ORIGIN, url.as_str())
        .send()
        .await
        .expect("answers");
    assert_eq!(revoked.status(), 303);
    let (status, stopped) = text(&browser, &format!("{url}/eksempel-bank/again")).await;
    assert_eq!(status, 502, "{stopped}");
    assert!(stopped.contains("revoked"), "{stopped}");
}
