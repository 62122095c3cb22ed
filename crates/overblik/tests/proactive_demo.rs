//! The personal overview on the demo: each featured citizen sees a life event and a
//! recommendation that fit them, with the reason; every record either rests on is their own;
//! a hidden recommendation stays hidden in later sessions; areas and records are pinned,
//! moved and hidden with plain forms; someone acting for another arranges nothing.

mod common;

use common::{free_port, location, sign_in_from, start_demo};
use reqwest::header::ORIGIN;

/// What the page links to under `/records/`, in order.
fn record_links(html: &str) -> Vec<String> {
    html.split("href=\"/records/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The part of the page from the heading with `id` to the end of its section.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<h2 id=\"{id}\">"))
        .unwrap_or_else(|| panic!("a section {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

async fn overview(browser: &reqwest::Client, url: &str) -> String {
    let response = browser
        .get(format!("{url}/?lang=en"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    response.text().await.expect("html")
}

async fn post(
    browser: &reqwest::Client,
    url: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    browser
        .post(format!("{url}{path}"))
        .header(ORIGIN, url)
        .form(form)
        .send()
        .await
        .expect("answers")
}

/// The areas in the order the overview lists them (the shown ones, then the hidden).
fn areas(html: &str) -> Vec<String> {
    section(html, "areas")
        .split("<li id=\"area-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn featured_citizens_are_told_what_fits_them_and_arrange_their_overview() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let demo = start_demo(data.path(), free_port(), "40").await;
    let url = demo.url.clone();
    let mut browsers = Vec::new();
    for national_id in &demo.featured {
        let (browser, _) = sign_in_from(&format!("{url}/login"), national_id).await;
        let html = overview(&browser, &url).await;
        let advice = section(&html, "advice");
        assert!(advice.contains("Why:"), "{national_id}: {advice}");
        let events = section(&html, "events");
        let event = events
            .split("href=\"/life-events/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{national_id} sees a life event: {events}"))
            .to_owned();
        assert!(events.contains("Shown because of"), "{events}");
        // The event's page: its usual steps and the records it gathers, all the citizen's own.
        let page = browser
            .get(format!("{url}/life-events/{event}?lang=en"))
            .send()
            .await
            .expect("answers");
        assert_eq!(page.status(), 200);
        let page = page.text().await.expect("html");
        assert!(page.contains("The usual steps"), "{page}");
        assert!(page.contains("<ol class=\"steps\">"));
        let mut own = record_links(advice);
        own.extend(record_links(&page));
        browsers.push((national_id.clone(), browser, own));
    }
    // Every record a recommendation or an event rests on is the citizen's own: they open
    // it, and every other featured citizen is told it is not there.
    for (national_id, browser, own) in &browsers {
        assert!(!own.is_empty(), "{national_id}'s advice rests on records");
        for id in own {
            let mine = browser
                .get(format!("{url}/api/citizen/v1/records/{id}"))
                .send()
                .await;
            assert_eq!(
                mine.expect("answers").status(),
                200,
                "{national_id} opens {id}"
            );
            for (other, other_browser, _) in &browsers {
                if other != national_id {
                    let theirs = other_browser
                        .get(format!("{url}/api/citizen/v1/records/{id}"))
                        .send()
                        .await
                        .expect("answers");
                    assert_eq!(
                        theirs.status(),
                        404,
                        "{other} never reaches {national_id}'s {id}"
                    );
                }
            }
        }
    }

    // The pensioner hides the advice about housing benefit; it stays hidden in a new
    // session, and another citizen's advice is untouched.
    let (pensioner, browser, _) = &browsers[2];
    let html = overview(browser, &url).await;
    assert!(
        html.contains("You may be entitled to housing benefit"),
        "{html}"
    );
    let key = section(&html, "advice")
        .split("name=\"key\" value=\"")
        .find(|rest| rest.starts_with("housing-benefit-for-pensioner/"))
        .and_then(|rest| rest.split('"').next())
        .expect("a way to hide it")
        .to_owned();
    let hidden = post(browser, &url, "/overview/hidden", &[("key", &key)]).await;
    assert_eq!(hidden.status(), 303);
    assert_eq!(location(&hidden), "/#advice");
    let (again, _) = sign_in_from(&format!("{url}/login"), pensioner).await;
    for browser in [browser, &again] {
        let html = overview(browser, &url).await;
        assert!(!html.contains("You may be entitled to housing benefit"));
        assert!(html.contains("Retirement"), "the life event stays");
    }
    let unknown = post(
        browser,
        &url,
        "/overview/hidden",
        &[("key", "no-such-rule/x")],
    )
    .await;
    assert_eq!(unknown.status(), 404);
    let from_elsewhere = browser
        .post(format!("{url}/overview/hidden"))
        .header(ORIGIN, "https://elsewhere.example")
        .form(&[("key", &key)])
        .send()
        .await
        .expect("answers");
    assert_eq!(from_elsewhere.status(), 403, "refused from another site");

    // Areas: pinned to the top, moved, hidden and shown again.
    let (_, family, _) = &browsers[0];
    let before = areas(&overview(family, &url).await);
    assert_eq!(before.first().map(String::as_str), Some("personal"));
    for (area, how) in [("economy", "pin"), ("fishing", "hide"), ("health", "up")] {
        let moved = post(
            family,
            &url,
            "/overview/areas",
            &[("area", area), ("move", how)],
        )
        .await;
        assert_eq!(moved.status(), 303, "{how} {area}");
        assert_eq!(location(&moved), format!("/overview/arrange#area-{area}"));
    }
    let html = overview(family, &url).await;
    let after = areas(&html);
    assert_eq!(
        after.first().map(String::as_str),
        Some("economy"),
        "{after:?}"
    );
    assert_eq!(
        after.last().map(String::as_str),
        Some("fishing"),
        "listed as hidden"
    );
    assert!(html.contains("Hidden areas (1)"));
    let health = after
        .iter()
        .position(|area| area == "health")
        .expect("health");
    let benefits = after
        .iter()
        .position(|area| area == "benefits")
        .expect("benefits");
    assert_eq!(
        health + 1,
        benefits,
        "health moved above benefits: {after:?}"
    );
    let bad = post(
        family,
        &url,
        "/overview/areas",
        &[("area", "moon"), ("move", "pin")],
    )
    .await;
    assert_eq!(bad.status(), 404);

    // A record pinned from its page is first on the overview, and unpinned again.
    let record = record_links(section(&html, "attention"))
        .first()
        .cloned()
        .expect("something needs attention");
    let pinned = post(
        family,
        &url,
        "/overview/pins",
        &[("record", &record), ("pin", "true")],
    )
    .await;
    assert_eq!(location(&pinned), format!("/records/{record}"));
    let html = overview(family, &url).await;
    assert_eq!(
        record_links(section(&html, "pinned")),
        std::slice::from_ref(&record)
    );
    // Another citizen's record is not found, and not pinned.
    let (_, unemployed, _) = &browsers[1];
    let foreign = post(
        unemployed,
        &url,
        "/overview/pins",
        &[("record", &record), ("pin", "true")],
    )
    .await;
    assert_eq!(foreign.status(), 404);
    assert!(!overview(unemployed, &url).await.contains("id=\"pinned\""));
    post(
        family,
        &url,
        "/overview/pins",
        &[("record", &record), ("pin", "false")],
    )
    .await;
    assert!(!overview(family, &url).await.contains("id=\"pinned\""));

    // A life event the data does not tell of is chosen, and shows on the overview.
    let chosen = post(
        family,
        &url,
        "/life-events/death-of-relative/choose",
        &[("chosen", "true")],
    )
    .await;
    assert_eq!(location(&chosen), "/life-events/death-of-relative");
    let html = overview(family, &url).await;
    assert!(section(&html, "events").contains("You chose this yourself."));
}
