//! Recommendations and life events on each store: worked out from each citizen's own records
//! only, and for someone acting for them only from what their power of attorney reaches; a
//! hidden recommendation stays hidden; the arrangement is the citizen's own to change.

mod common;

use chrono::{Duration, Utc};
use common::{Backend, TestApp, body, sign_in};
use reqwest::header::{ORIGIN, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const PENSIONER: &str = "010150-1234";
const DRIVER: &str = "020285-2345";

fn today() -> chrono::NaiveDate {
    overblik_model::Country::current().today(Utc::now())
}

fn benefit(id: &str, subject: &str, classification: &str) -> Value {
    json!({
        "id": id, "version": 1, "subject": subject, "kind": "benefit",
        "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": "Folkepension", "en": "State pension"},
        "details": {"granted_from": "2024-01-01", "repayable": false, "frequency": "monthly",
                    "paid_in": "advance", "per_period": {"gross": 14000, "tax": 5000, "net": 9000}}
    })
}

fn licence(id: &str, subject: &str, expires_in: i64) -> Value {
    let until = (today() + Duration::days(expires_in)).to_string();
    json!({
        "id": id, "version": 1, "subject": subject, "kind": "register_fact",
        "classification": "90.03", "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": "Kørekort", "en": "Driving licence"},
        "details": {"fact": "driving_licence", "valid_until": until,
                    "attributes": [{"name": {"da": "Kategori", "en": "Category"}, "value": "B"}]}
    })
}

async fn overview(browser: &reqwest::Client, app: &TestApp) -> String {
    let response = browser
        .get(app.url("/?lang=en"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("html")
}

/// The citizen API's answer at `path`, in English.
async fn api(app: &TestApp, browser: &reqwest::Client, path: &str) -> Value {
    let response = browser
        .get(app.url(&format!("/api/citizen/v1{path}?lang=en")))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.expect("json")
}

async fn advice_is_each_citizens_own_and_stays_hidden_once_hidden(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let authority = app.client(app.register("udbetaling", &["87", "90"]).await);
    let pushed = authority
        .push(
            body(vec![
                benefit("pension", PENSIONER, "87.01"),
                licence("licence", DRIVER, 30),
                licence("old-licence", PENSIONER, 400),
            ]),
            "k1",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);

    let (pensioner, _) = sign_in(&app, PENSIONER).await;
    let (driver, _) = sign_in(&app, DRIVER).await;
    let theirs = overview(&pensioner, &app).await;
    assert!(
        theirs.contains("You may be entitled to housing benefit"),
        "{theirs}"
    );
    assert!(theirs.contains("You receive State pension and no housing benefit now"));
    assert!(
        theirs.contains("Retirement"),
        "the life event the pension tells of"
    );
    assert!(
        !theirs.contains("Renew your driving licence"),
        "their licence runs a year more"
    );
    // The citizen API answers the same, each citizen their own.
    let advised = api(&app, &pensioner, "/recommendations").await;
    assert_eq!(
        advised[0]["id"], "housing-benefit-for-pensioner",
        "{advised}"
    );
    assert!(
        advised[0]["reason"]
            .as_str()
            .is_some_and(|reason| reason.contains("State pension")),
        "{advised}"
    );
    let events = api(&app, &pensioner, "/life-events").await;
    assert_eq!(events[0]["id"], "retirement", "{events}");
    assert_eq!(events[0]["detected"]["title"], "State pension", "{events}");
    let theirs_by_api = api(&app, &driver, "/recommendations").await;
    assert_eq!(
        theirs_by_api.as_array().map(Vec::len),
        Some(1),
        "{theirs_by_api}"
    );
    assert_eq!(theirs_by_api[0]["id"], "driving-licence-expiring");
    assert_eq!(api(&app, &driver, "/life-events").await, json!([]));
    let mine = overview(&driver, &app).await;
    assert!(mine.contains("Renew your driving licence"), "{mine}");
    assert!(
        mine.contains("Driving licence expires in 30 days"),
        "{mine}"
    );
    assert!(
        !mine.contains("housing benefit"),
        "nothing of the pensioner's data"
    );
    assert!(!mine.contains("Retirement"));

    // Hidden, it stays hidden, in this session and the next; the other citizen's stays.
    let key = theirs
        .split("name=\"key\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a way to hide it")
        .to_owned();
    assert!(key.starts_with("housing-benefit-for-pensioner/"), "{key}");
    let hidden = pensioner
        .post(app.url("/overview/hidden"))
        .header(ORIGIN, &app.base_url)
        .form(&[("key", &key)])
        .send()
        .await
        .expect("answers");
    assert_eq!(hidden.status(), StatusCode::SEE_OTHER);
    let (later, _) = sign_in(&app, PENSIONER).await;
    for browser in [&pensioner, &later] {
        assert!(!overview(browser, &app).await.contains("housing benefit"));
    }
    assert!(
        overview(&driver, &app)
            .await
            .contains("Renew your driving licence")
    );
    let stored = app
        .store
        .overview_choices(&common::subject(PENSIONER))
        .await
        .expect("reads");
    assert_eq!(stored.dismissed, [key]);
    assert_eq!(
        app.store
            .overview_choices(&common::subject(DRIVER))
            .await
            .expect("reads"),
        overblik_model::OverviewChoices::default()
    );
}

/// Someone acting for a citizen sees advice only from what their power of attorney reaches,
/// and rearranges nothing.
async fn a_holder_is_advised_within_reach_and_arranges_nothing(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let authority = app.client(app.register("udbetaling", &["87", "90"]).await);
    let pushed = authority
        .push(body(vec![benefit("pension", PENSIONER, "87.01")]), "k1")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let (pensioner, _) = sign_in(&app, PENSIONER).await;
    let (holder, _) = sign_in(&app, DRIVER).await;
    let ours = app.base_url.clone();
    let api = |path: &str| app.url(&format!("/api/citizen/v1{path}"));
    let mut acting = Vec::new();
    for (areas, kinds) in [
        (json!(["economy"]), json!(["debt"])),
        (json!(["benefits"]), json!(["benefit"])),
    ] {
        let granted: Value = pensioner
            .post(api("/mandates"))
            .header(ORIGIN, &ours)
            .json(&json!({
                "holder_national_id": DRIVER, "holder_name": "Bo Holder",
                "areas": areas, "kinds": kinds, "permission": "read_and_act",
                "valid_from": today().to_string(),
                "valid_until": (today() + Duration::days(30)).to_string()
            }))
            .send()
            .await
            .expect("answers")
            .json()
            .await
            .expect("json");
        let id = granted["id"].as_str().expect("an id").to_owned();
        let accepted = holder
            .post(api(&format!("/mandates/{id}/accept")))
            .header(ORIGIN, &ours)
            .send()
            .await
            .expect("answers");
        assert_eq!(accepted.status(), StatusCode::OK);
        acting.push(format!("poa-{id}"));
    }
    for (basis, advised) in acting.iter().zip([false, true]) {
        let started = holder
            .put(api("/acting"))
            .header(ORIGIN, &ours)
            .json(&json!({ "basis": basis }))
            .send()
            .await
            .expect("answers");
        assert_eq!(started.status(), StatusCode::OK);
        assert!(started.headers().get(SET_COOKIE).is_some());
        let seen = overview(&holder, &app).await;
        assert_eq!(
            seen.contains("You may be entitled to housing benefit"),
            advised,
            "{basis}: {seen}"
        );
        assert!(
            !seen.contains("/overview/arrange"),
            "no way to arrange another's overview"
        );
        let arranging = holder
            .get(app.url("/overview/arrange"))
            .send()
            .await
            .expect("answers");
        assert_eq!(arranging.status(), StatusCode::FORBIDDEN, "{basis}");
        let pension = app
            .records_of(PENSIONER)
            .await
            .iter()
            .find(|stored| stored.record.id.as_str() == "pension")
            .map(|stored| stored.id.to_string())
            .expect("the pension");
        for (path, form) in [
            (
                "/overview/areas",
                vec![("area", "economy"), ("move", "pin")],
            ),
            (
                "/overview/pins",
                vec![("record", pension.as_str()), ("pin", "true")],
            ),
            (
                "/overview/hidden",
                vec![("key", "housing-benefit-for-pensioner/x")],
            ),
            ("/life-events/illness/choose", vec![("chosen", "true")]),
        ] {
            let refused = holder
                .post(app.url(path))
                .header(ORIGIN, &ours)
                .form(&form)
                .send()
                .await
                .expect("answers");
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{path}");
        }
        // The API's arranging, reading the choices too, is the citizen's own as well.
        let pin = format!("/overview/pins/{pension}");
        for (method, path, sent) in [
            (Method::GET, "/overview/choices", None),
            (
                Method::POST,
                "/overview/areas/economy",
                Some(json!({"move": "pin"})),
            ),
            (Method::PUT, pin.as_str(), None),
            (Method::DELETE, pin.as_str(), None),
            (
                Method::POST,
                "/recommendations/hidden",
                Some(json!({"key": "housing-benefit-for-pensioner/x"})),
            ),
            (Method::PUT, "/life-events/illness/chosen", None),
            (Method::DELETE, "/life-events/illness/chosen", None),
        ] {
            let mut request = holder.request(method, api(path)).header(ORIGIN, &ours);
            if let Some(sent) = sent {
                request = request.json(&sent);
            }
            let refused = request.send().await.expect("answers");
            assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }
    assert_eq!(
        app.store
            .overview_choices(&common::subject(PENSIONER))
            .await
            .expect("reads"),
        overblik_model::OverviewChoices::default(),
        "nothing changed"
    );
}

fn bill(id: &str, subject: &str, days: i64, amount: i64) -> Value {
    json!({
        "id": id, "version": 1, "subject": subject, "kind": "payment",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": "Regning", "en": "Bill"},
        "details": {"date": (today() + Duration::days(days)).to_string(), "direction": "from_citizen",
                    "gross": amount, "tax": 0, "net": amount, "payment_status": "upcoming"}
    })
}

/// A glance at the top; an authority's many bills as one line with their total; a
/// benefit's payments folded under it with their amounts.
async fn the_overview_sums_up_and_groups_what_belongs_together(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let municipality = app.client(app.register("kommune", &["85"]).await);
    let bills: Vec<Value> = (1..=5)
        .map(|day| bill(&format!("bill-{day}"), PENSIONER, day * 3, 100 * day))
        .collect();
    let pushed = municipality
        .push(body(bills), "bills")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let authority = app.client(app.register("udbetaling", &["87"]).await);
    let mut pension = benefit("pension", PENSIONER, "87.01");
    pension["details"]["payment_plan"] = json!([{
        "date": (today() + Duration::days(20)).to_string(), "gross": 14000, "tax": 5000, "net": 9000
    }]);
    let mut records = vec![pension];
    for month in 1..=3 {
        records.push(json!({
            "id": format!("paid-{month}"), "version": 1, "subject": PENSIONER, "kind": "payment",
            "classification": "87.01", "updated_at": "2026-11-01T10:00:00Z",
            "details": {"date": format!("2026-0{month}-01"), "direction": "to_citizen",
                        "gross": 14000, "tax": 5000, "net": 9000, "payment_status": "paid",
                        "benefit_id": "pension"}
        }));
    }
    let pushed = authority
        .push(body(records), "pension")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);

    let (pensioner, _) = sign_in(&app, PENSIONER).await;
    let html = overview(&pensioner, &app).await;
    // At a glance: the next payment with its amount, what is owed (nothing overdue yet).
    let glance = &html[html.find("<dl class=\"glance\">").expect("a glance")..];
    let glance = &glance[..glance.find("</dl>").expect("its end")];
    assert!(glance.contains("Next payment"), "{glance}");
    assert!(glance.contains("DKK 9,000.00, in 20 days"), "{glance}");
    assert!(glance.contains("Open cases</dt><dd>0"), "{glance}");
    // Five bills of one authority: one line, with their count and total.
    assert!(html.contains("Test provider kommune: 5 bills"), "{html}");
    assert!(
        html.contains("DKK 1,500.00"),
        "the total of 100+200+300+400+500: {html}"
    );
    assert_eq!(
        html.matches("href=\"/areas/economy\"").count(),
        2,
        "the line and the area"
    );
    // The benefit's payments are folded under it on the area page.
    let area = pensioner
        .get(app.url("/areas/benefits?lang=en"))
        .send()
        .await
        .expect("answers")
        .text()
        .await
        .expect("html");
    assert!(
        area.contains("3 payments, the latest DKK 9,000.00 on 1 Mar 2026"),
        "{area}"
    );
    assert_eq!(
        area.matches("<li class=\"card\">").count(),
        1,
        "one card, the benefit: {area}"
    );
}

on_each_backend!(
    the_overview_sums_up_and_groups_what_belongs_together,
    advice_is_each_citizens_own_and_stays_hidden_once_hidden,
    a_holder_is_advised_within_reach_and_arranges_nothing,
);

/// The citizen API arranges the overview as the forms do, and answers the choices after each
/// change; what is not the citizen's, or not known, changes nothing.
async fn the_api_arranges_the_overview_as_the_forms_do(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let authority = app.client(app.register("udbetaling", &["87", "90"]).await);
    let pushed = authority
        .push(
            body(vec![
                benefit("pension", PENSIONER, "87.01"),
                licence("licence", DRIVER, 30),
            ]),
            "k1",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let id_of = |records: Vec<overblik_store::StoredRecord>| {
        records
            .first()
            .map(|stored| stored.id.to_string())
            .expect("a record")
    };
    let pension = id_of(app.records_of(PENSIONER).await);
    let licence = id_of(app.records_of(DRIVER).await);
    let (pensioner, _) = sign_in(&app, PENSIONER).await;
    let ours = app.base_url.clone();
    let send = |method: Method, path: &str, sent: Option<Value>| {
        let mut request = pensioner
            .request(method, app.url(&format!("/api/citizen/v1{path}")))
            .header(ORIGIN, &ours);
        if let Some(sent) = sent {
            request = request.json(&sent);
        }
        async move {
            let response = request.send().await.expect("answers");
            let status = response.status();
            (status, response.json::<Value>().await.expect("json"))
        }
    };

    let (status, choices) = send(Method::GET, "/overview/choices", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(choices["pinned_areas"], json!([]), "{choices}");
    for (area, how) in [("economy", "pin"), ("fishing", "hide"), ("health", "up")] {
        let (status, _) = send(
            Method::POST,
            &format!("/overview/areas/{area}"),
            Some(json!({ "move": how })),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{area} {how}");
    }
    let (status, choices) = send(Method::PUT, &format!("/overview/pins/{pension}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(choices["pinned_areas"], json!(["economy"]), "{choices}");
    assert_eq!(choices["hidden_areas"], json!(["fishing"]), "{choices}");
    assert_eq!(choices["pinned_records"], json!([pension]), "{choices}");
    let key = format!("housing-benefit-for-pensioner/{pension}");
    let (status, choices) = send(
        Method::POST,
        "/recommendations/hidden",
        Some(json!({ "key": key })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(choices["dismissed"], json!([key]), "{choices}");
    let (status, choices) = send(Method::PUT, "/life-events/illness/chosen", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(choices["chosen_events"], json!(["illness"]), "{choices}");
    // The overview page shows the same arrangement: Economy first.
    let html = overview(&pensioner, &app).await;
    let economy = html.find("id=\"area-economy\"").expect("economy");
    let personal = html.find("id=\"area-personal\"").expect("personal");
    assert!(economy < personal, "economy is pinned first");

    // Refused, each naming what is wrong, and nothing changes.
    let before = send(Method::GET, "/overview/choices", None).await.1;
    let (status, problem) = send(Method::PUT, &format!("/overview/pins/{licence}"), None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another citizen's record: {problem}"
    );
    let (status, _) = send(
        Method::POST,
        "/overview/areas/moon",
        Some(json!({"move": "pin"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, problem) = send(
        Method::POST,
        "/overview/areas/economy",
        Some(json!({"move": "sideways"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(common::pointers(&problem), ["/move"], "{problem}");
    for (sent, named) in [
        (json!("AAA"), vec!["/move"]),
        (json!({}), vec!["/move"]),
        (json!({"move": "up", "also": 1}), vec!["/also"]),
    ] {
        let (status, problem) = send(Method::POST, "/overview/areas/economy", Some(sent)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert_eq!(common::pointers(&problem), named, "{problem}");
    }
    let (status, problem) = send(Method::POST, "/recommendations/hidden", Some(json!(7))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(common::pointers(&problem), ["/key"], "{problem}");
    let (status, problem) = send(
        Method::POST,
        "/recommendations/hidden",
        Some(json!({"key": "no-such-rule/x"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(common::pointers(&problem), ["/key"], "{problem}");
    let (status, _) = send(Method::PUT, "/life-events/no-such-event/chosen", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(send(Method::GET, "/overview/choices", None).await.1, before);

    // Undone as the forms undo it.
    let (_, choices) = send(Method::DELETE, &format!("/overview/pins/{pension}"), None).await;
    assert_eq!(choices["pinned_records"], json!([]), "{choices}");
    let (_, choices) = send(Method::DELETE, "/life-events/illness/chosen", None).await;
    assert_eq!(choices["chosen_events"], json!([]), "{choices}");
}

on_each_backend!(the_api_arranges_the_overview_as_the_forms_do);
