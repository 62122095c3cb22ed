//! Acting for others, tried from every side: a holder sees exactly the areas and kinds a
//! power of attorney gives, only while it is in force, and nothing after it is revoked; a
//! parent sees a minor child's overview until the 18th birthday; a holder cannot grant
//! onward; forged and cross-site requests change nothing; and every allowed read is in the
//! subject's own log, as the holder on their behalf.

mod common;

use chrono::{Duration, Months, NaiveDate, Utc};
use chrono_tz::Europe::Copenhagen;
use common::{Backend, Sealed, TestApp, page, sign_in, subject};
use overblik_ledger::{ActorKind, EntryFilter};
use overblik_model::{Mandate, MandateId, Permission, RecordId, Scope};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use serde_json::{Value, json};

/// Gives powers of attorney.
const GRANTOR: &str = "010170-1234";
/// Is given them.
const HOLDER: &str = "020280-1234";
/// Is given nothing by the grantor.
const STRANGER: &str = "030390-1234";
/// Has three children in custody: one a minor, one turning 18 tomorrow, one 18 today.
const PARENT: &str = "040475-1234";

fn today() -> NaiveDate {
    Utc::now().with_timezone(&Copenhagen).date_naive()
}

/// A CPR number for someone born on `born` in this century (sequence number from 4000).
fn born_on(born: NaiveDate, sequence: u32) -> String {
    format!("{}-{}", born.format("%d%m%y"), 4000 + sequence)
}

fn record(id: &str, national_id: &str, kind: &str, classification: &str, details: Value) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": kind,
        "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
        "title": {"da": id, "en": id}, "details": details
    })
}

fn appointment(id: &str, national_id: &str) -> Value {
    let start = Utc::now() + Duration::days(5);
    record(
        id,
        national_id,
        "appointment",
        "89.02",
        json!({"start": start.to_rfc3339(), "end": (start + Duration::hours(1)).to_rfc3339(),
               "place": "Ambulatoriet"}),
    )
}

fn custody(id: &str, parent: &str, child: &str) -> Value {
    record(
        id,
        parent,
        "register_fact",
        "93.04",
        json!({"fact": "custody", "related_person": child, "related_person_name": id,
               "relation": "child",
               "attributes": [{"name": {"da": "Barn", "en": "Child"}, "value": id}]}),
    )
}

/// A server with the grantor's records in four areas and kinds, and the parent's custody
/// facts with a record of the minor child's own.
async fn app_with_records(backend: Backend) -> (TestApp, String, String, String) {
    let app = TestApp::start_on(backend).await;
    let client = app.client(app.register("authority", &["85", "89", "93"]).await);
    let minor = born_on(today() - Duration::days(365 * 10), 1);
    let adult_tomorrow = born_on(
        today()
            .checked_sub_months(Months::new(216))
            .expect("a date")
            + Duration::days(1),
        2,
    );
    let adult_today = born_on(
        today()
            .checked_sub_months(Months::new(216))
            .expect("a date"),
        3,
    );
    let records = vec![
        appointment("grantor-appointment", GRANTOR),
        common::debt("grantor-debt", GRANTOR),
        common::deadline("grantor-deadline", 1, GRANTOR),
        record(
            "grantor-name",
            GRANTOR,
            "register_fact",
            "93.01",
            json!({"fact": "name",
                   "attributes": [{"name": {"da": "Navn", "en": "Name"}, "value": "Anna Giver"}]}),
        ),
        common::debt("holder-debt", HOLDER),
        appointment("minor-appointment", &minor),
    ];
    let pushed = client
        .push(common::body(records), "setup")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let register = app.client(app.register(common::POPULATION_REGISTER, &["93"]).await);
    let custody = vec![
        custody("custody-minor", PARENT, &minor),
        custody("custody-turns-18-tomorrow", PARENT, &adult_tomorrow),
        custody("custody-turned-18-today", PARENT, &adult_today),
    ];
    let pushed = register
        .push(common::body(custody), "custody")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    (app, minor, adult_tomorrow, adult_today)
}

/// The store's id of the record the authority calls `source_id`.
async fn id_of(app: &TestApp, national_id: &str, source_id: &str) -> RecordId {
    app.records_of(national_id)
        .await
        .into_iter()
        .find(|stored| stored.record.id.as_str() == source_id)
        .expect("stored")
        .id
}

/// The citizen's session cookie as a `Cookie` header pair.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().expect("a pair").to_owned()
}

async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("a body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn api(app: &TestApp, path: &str) -> String {
    app.url(&format!("/api/citizen/v1{path}"))
}

/// The proxy entries in `national_id`'s own log.
async fn proxy_entries(app: &TestApp, national_id: &str) -> Vec<overblik_ledger::AccessEntry> {
    app.ledger
        .sealed()
        .await
        .entries(&subject(national_id), &EntryFilter::visible_now(10_000))
        .await
        .expect("reads the log")
        .into_iter()
        .map(|stored| stored.entry)
        .filter(|entry| entry.actor.kind == ActorKind::Proxy)
        .collect()
}

fn grant_body(holder: &str, from: NaiveDate, until: NaiveDate) -> Value {
    json!({
        "holder_national_id": holder, "holder_name": "Bo Holder",
        "areas": ["health", "economy"], "kinds": ["appointment", "debt"],
        "permission": "read", "valid_from": from.to_string(), "valid_until": until.to_string()
    })
}

async fn a_holder_sees_exactly_the_scope_while_the_mandate_is_in_force(backend: Backend) {
    let (app, ..) = app_with_records(backend).await;
    let (grantor, _) = sign_in(&app, GRANTOR).await;
    let (holder, holder_session) = sign_in(&app, HOLDER).await;
    let ours = app.base_url.clone();

    let (status, granted) = json_of(
        grantor
            .post(api(&app, "/mandates"))
            .header(ORIGIN, &ours)
            .json(&grant_body(HOLDER, today(), today() + Duration::days(30)))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{granted}");
    assert_eq!(granted["state"], "pending");
    assert_eq!(granted["grantor_name"], "Anna Giver");
    let id = granted["id"].as_str().expect("an id").to_owned();
    let basis = json!({ "basis": format!("poa-{id}") });

    // Not before it is accepted.
    let act = |client: &reqwest::Client, body: &Value| {
        client
            .put(api(&app, "/acting"))
            .header(ORIGIN, &ours)
            .json(body)
            .send()
    };
    let early = act(&holder, &basis).await.expect("answers");
    assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Only the holder accepts it.
    let by_stranger = sign_in(&app, STRANGER).await.0;
    let refused = by_stranger
        .post(api(&app, &format!("/mandates/{id}/accept")))
        .send()
        .await
        .expect("answers");
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    let accepted = holder
        .post(api(&app, &format!("/mandates/{id}/accept")))
        .send()
        .await
        .expect("answers");
    assert_eq!(accepted.status(), StatusCode::OK);
    let (_, listed) = json_of(holder.get(api(&app, "/mandates")).send().await.expect("ok")).await;
    assert_eq!(listed["held"][0]["state"], "active", "{listed}");
    assert_eq!(
        listed["can_act_for"][0]["basis"], basis["basis"],
        "{listed}"
    );

    let acting = act(&holder, &basis).await.expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);
    let acting_cookie = acting
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("overblik_acting="))
        .map(cookie_pair)
        .expect("an acting cookie");

    // Within the scope: health appointments and economy debts, nothing else.
    let appointment = id_of(&app, GRANTOR, "grantor-appointment").await;
    let debt = id_of(&app, GRANTOR, "grantor-debt").await;
    let deadline = id_of(&app, GRANTOR, "grantor-deadline").await;
    let name = id_of(&app, GRANTOR, "grantor-name").await;
    let mut allowed = 0;
    let (status, overview) =
        json_of(holder.get(api(&app, "/overview")).send().await.expect("ok")).await;
    assert_eq!(status, StatusCode::OK);
    allowed += 1;
    let areas: Vec<(&str, Vec<&str>)> = overview["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter(|area| area["records"].as_u64() > Some(0))
        .map(|area| {
            let kinds = area["kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .map(|kind| kind["kind"].as_str().expect("a kind"))
                .collect();
            (area["area"].as_str().expect("an area"), kinds)
        })
        .collect();
    assert_eq!(
        areas,
        vec![("health", vec!["appointment"]), ("economy", vec!["debt"])],
        "{overview}"
    );
    for shown in [appointment, debt] {
        let response = holder
            .get(api(&app, &format!("/records/{shown}")))
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), StatusCode::OK);
        allowed += 1;
    }
    for beyond in [deadline, name] {
        for path in [
            format!("/api/citizen/v1/records/{beyond}"),
            format!("/records/{beyond}"),
        ] {
            let response = holder.get(app.url(&path)).send().await.expect("answers");
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
    let (status, economy) = json_of(
        holder
            .get(api(&app, "/areas/economy"))
            .send()
            .await
            .expect("ok"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    allowed += 1;
    let ids: Vec<&str> = economy["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(ids, vec![debt.to_string()], "{economy}");
    let (status, found) = json_of(
        holder
            .get(api(&app, "/search?q=grantor"))
            .send()
            .await
            .expect("ok"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    allowed += 1;
    let found: Vec<String> = found["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|record| record["id"].as_str().expect("an id").to_owned())
        .collect();
    // Every title starts with "grantor"; only those within the scope are found.
    assert!(found.contains(&appointment.to_string()), "{found:?}");
    assert!(
        !found.contains(&deadline.to_string()) && !found.contains(&name.to_string()),
        "search finds only what the scope allows: {found:?}"
    );
    // My Log tells of every area: not for a power of attorney.
    for path in ["/api/citizen/v1/log", "/api/citizen/v1/log/export", "/log"] {
        let response = holder.get(app.url(path)).send().await.expect("answers");
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    // The pages show the banner and leave out what the scope does not reach.
    let (status, html) = page(&holder, &app.url("/?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    allowed += 1;
    assert!(
        html.contains("You are viewing Anna Giver&#39;s overview on their behalf")
            || html.contains("You are viewing Anna Giver's overview on their behalf"),
        "{html}"
    );
    assert!(!html.contains("href=\"/log\""), "{html}");

    // A holder cannot grant onward, by the API or the form.
    let onward = holder
        .post(api(&app, "/mandates"))
        .header(ORIGIN, &ours)
        .json(&grant_body(STRANGER, today(), today() + Duration::days(3)))
        .send()
        .await
        .expect("answers");
    assert_eq!(onward.status(), StatusCode::FORBIDDEN);
    let onward_form = holder
        .post(app.url("/mandates"))
        .header(ORIGIN, &ours)
        .form(&[
            ("holder_national_id", STRANGER),
            ("holder_name", "Cy"),
            ("areas", "health"),
            ("kinds", "debt"),
            ("permission", "read"),
            ("valid_from", &today().to_string()),
            ("valid_until", &today().to_string()),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(onward_form.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.store
            .mandates_of(&subject(GRANTOR))
            .await
            .expect("lists")
            .len(),
        1
    );
    assert!(
        app.store
            .mandates_of(&subject(STRANGER))
            .await
            .expect("lists")
            .is_empty()
    );

    // The holder's acting cookie, borrowed by a stranger with a session of their own,
    // opens nothing: the mandate is checked against who is signed in.
    let (_, stranger_session) = sign_in(&app, STRANGER).await;
    let borrowed = reqwest::Client::new()
        .get(api(&app, "/overview"))
        .header(
            COOKIE,
            format!("{}; {acting_cookie}", cookie_pair(&stranger_session)),
        )
        .send()
        .await
        .expect("answers");
    assert_eq!(borrowed.status(), StatusCode::FORBIDDEN);

    // Every allowed read is in the grantor's log as the holder on their behalf; nothing
    // refused is.
    let entries = proxy_entries(&app, GRANTOR).await;
    assert_eq!(entries.len(), allowed, "{entries:#?}");
    for entry in &entries {
        assert_eq!(entry.actor.id, format!("poa-{id}"));
        assert_eq!(entry.actor.name, "Bo Holder");
        assert_eq!(entry.purpose, "power_of_attorney");
        assert_eq!(entry.on_behalf_of.as_deref(), Some("citizen"));
        assert!(
            entry
                .read
                .areas
                .iter()
                .all(|area| ["health", "economy"].contains(&area.slug())),
            "{entry:?}"
        );
    }
    // The grantor is told of the first use.
    let (_, given) = json_of(
        grantor
            .get(api(&app, "/mandates"))
            .send()
            .await
            .expect("ok"),
    )
    .await;
    assert!(given["given"][0]["first_used_at"].is_string(), "{given}");

    // Revoked: nothing more, on the next request.
    let revoked = grantor
        .post(app.url(&format!("/mandates/{id}/revoke")))
        .header(ORIGIN, &ours)
        .send()
        .await
        .expect("answers");
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    // What is the holder's own answers as themselves, ending the acting as it goes.
    let with_stale_cookie = format!("{}; {acting_cookie}", cookie_pair(&holder_session));
    for path in ["/mandates", "/acting"] {
        let response = reqwest::Client::new()
            .get(api(&app, path))
            .header(COOKIE, &with_stale_cookie)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(ends_acting(&response), "{path}");
        let (_, view) = json_of(response).await;
        if path == "/acting" {
            assert_eq!(view["acting_for"], Value::Null);
        }
    }
    // The grantor's data: refused once, and the acting ends with it.
    let response = holder.get(api(&app, "/overview")).send().await.expect("ok");
    assert!(ends_acting(&response));
    let (status, problem) = json_of(response).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(problem["type"], "urn:overblik:problem:acting-ended");
    // From then on the holder is themselves, with no DELETE /acting.
    let (status, own) = json_of(holder.get(api(&app, "/overview")).send().await.expect("ok")).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    let ended = holder
        .get(app.url(&format!("/records/{debt}")))
        .send()
        .await
        .expect("answers");
    assert_eq!(
        ended.status(),
        StatusCode::NOT_FOUND,
        "not the holder's own"
    );
    assert_eq!(proxy_entries(&app, GRANTOR).await.len(), allowed);
}

/// Whether `response` removes the acting cookie.
fn ends_acting(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|value| {
            value.starts_with("overblik_acting=")
                && (value.contains("Max-Age=0") || value.contains("max-age=0"))
        })
}

async fn nothing_before_the_first_day_or_after_the_last(backend: Backend) {
    let (app, ..) = app_with_records(backend).await;
    let (grantor, _) = sign_in(&app, GRANTOR).await;
    let (holder, _) = sign_in(&app, HOLDER).await;
    let ours = app.base_url.clone();
    let tomorrow = today() + Duration::days(1);
    let (status, later) = json_of(
        grantor
            .post(api(&app, "/mandates"))
            .header(ORIGIN, &ours)
            .json(&grant_body(HOLDER, tomorrow, tomorrow + Duration::days(9)))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let later_id = later["id"].as_str().expect("an id");
    holder
        .post(api(&app, &format!("/mandates/{later_id}/accept")))
        .send()
        .await
        .expect("answers");
    // One whose last day was yesterday, accepted in its time.
    let expired = Mandate {
        id: MandateId::random(),
        grantor: subject(GRANTOR),
        grantor_name: "Anna Giver".to_owned(),
        holder: subject(HOLDER),
        holder_name: "Bo Holder".to_owned(),
        scope: Scope::new(
            vec![overblik_model::Area::Economy],
            vec![overblik_model::Kind::Debt],
        )
        .expect("a scope"),
        permission: Permission::Read,
        valid_from: today() - Duration::days(30),
        valid_until: today() - Duration::days(1),
        granted_at: Utc::now() - Duration::days(31),
        accepted_at: Some(Utc::now() - Duration::days(30)),
        revoked_at: None,
        first_used_at: None,
    };
    app.store.put_mandate(&expired).await.expect("stores");
    let (_, listed) = json_of(holder.get(api(&app, "/mandates")).send().await.expect("ok")).await;
    assert_eq!(listed["can_act_for"], json!([]), "{listed}");
    let states: Vec<&str> = listed["held"]
        .as_array()
        .expect("held")
        .iter()
        .map(|held| held["state"].as_str().expect("a state"))
        .collect();
    assert_eq!(states, vec!["upcoming", "expired"], "both stay listed");
    for id in [later_id.to_owned(), expired.id.to_string()] {
        let refused = holder
            .put(api(&app, "/acting"))
            .json(&json!({"basis": format!("poa-{id}")}))
            .send()
            .await
            .expect("answers");
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(proxy_entries(&app, GRANTOR).await.is_empty());
}

async fn forged_and_wrong_grants_change_nothing(backend: Backend) {
    let (app, ..) = app_with_records(backend).await;
    let (grantor, _) = sign_in(&app, GRANTOR).await;
    let good = grant_body(HOLDER, today(), today() + Duration::days(3));
    let form = [
        ("holder_national_id", HOLDER.to_owned()),
        ("holder_name", "Bo Holder".to_owned()),
        ("areas", "health".to_owned()),
        ("kinds", "debt".to_owned()),
        ("permission", "read".to_owned()),
        ("valid_from", today().to_string()),
        ("valid_until", today().to_string()),
    ];
    // A page elsewhere posting the form: refused, whether it names itself or not.
    let forged = grantor
        .post(app.url("/mandates"))
        .header(ORIGIN, "http://evil.example")
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let unnamed = grantor
        .post(app.url("/mandates"))
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(unnamed.status(), StatusCode::FORBIDDEN);
    // The API from another site, or as a plain-text form can send it.
    let cross_site = grantor
        .post(api(&app, "/mandates"))
        .header(ORIGIN, "http://evil.example")
        .json(&good)
        .send()
        .await
        .expect("answers");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    let plain_text = grantor
        .post(api(&app, "/mandates"))
        .header(CONTENT_TYPE, "text/plain")
        .body(good.to_string())
        .send()
        .await
        .expect("answers");
    assert_eq!(plain_text.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Wrong fields: each one named, the identifier never repeated.
    let (status, problem) = json_of(
        grantor
            .post(api(&app, "/mandates"))
            .json(&json!({
                "holder_national_id": GRANTOR, "holder_name": "",
                "areas": ["health", "moon"], "kinds": [],
                "permission": "everything", "valid_from": "2001-01-01",
                "valid_until": "2000-01-01"
            }))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let pointers: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| error["pointer"].as_str().expect("a pointer"))
        .collect();
    assert_eq!(
        pointers,
        vec![
            "/holder_national_id",
            "/holder_name",
            "/areas",
            "/kinds",
            "/permission",
            "/valid_from",
            "/valid_until"
        ]
    );
    assert!(!problem.to_string().contains("1234"), "{problem}");
    // The form shows the same mistakes as a page, without the identifier.
    let mut wrong_form = form.to_vec();
    wrong_form[0].1 = "not-a-number".to_owned();
    let shown = grantor
        .post(app.url("/mandates"))
        .header(ORIGIN, &app.base_url)
        .form(&wrong_form)
        .send()
        .await
        .expect("answers");
    assert_eq!(shown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = shown.text().await.expect("html");
    assert!(html.contains("href=\"#holder_national_id\""), "{html}");
    assert!(
        app.store
            .mandates_of(&subject(GRANTOR))
            .await
            .expect("lists")
            .is_empty(),
        "nothing was stored"
    );
    // A real grant from the page, then a forged revocation of it: it stays.
    let made = grantor
        .post(app.url("/mandates"))
        .header(ORIGIN, &app.base_url)
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let id = app
        .store
        .mandates_of(&subject(GRANTOR))
        .await
        .expect("lists")[0]
        .id;
    for forged in [
        grantor
            .post(app.url(&format!("/mandates/{id}/revoke")))
            .header(ORIGIN, "http://evil.example"),
        grantor
            .post(api(&app, &format!("/mandates/{id}/revoke")))
            .header(ORIGIN, "http://evil.example"),
    ] {
        let response = forged.send().await.expect("answers");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    let kept = app.store.mandate(&id).await.expect("reads");
    assert!(kept.revoked_at.is_none());
}

async fn a_parent_acts_for_a_minor_until_the_eighteenth_birthday(backend: Backend) {
    let (app, minor, adult_tomorrow, adult_today) = app_with_records(backend).await;
    let (parent, _) = sign_in(&app, PARENT).await;
    let minor_fact = id_of(&app, PARENT, "custody-minor").await;
    let tomorrow_fact = id_of(&app, PARENT, "custody-turns-18-tomorrow").await;
    let today_fact = id_of(&app, PARENT, "custody-turned-18-today").await;
    let (_, listed) = json_of(parent.get(api(&app, "/mandates")).send().await.expect("ok")).await;
    let mut bases: Vec<&str> = listed["can_act_for"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|person| person["basis"].as_str().expect("a basis"))
        .collect();
    bases.sort_unstable();
    let mut expected = vec![
        format!("custody-{minor_fact}"),
        format!("custody-{tomorrow_fact}"),
    ];
    expected.sort();
    assert_eq!(bases, expected, "{listed}");
    let last_day = listed["can_act_for"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|person| person["basis"] == format!("custody-{tomorrow_fact}"))
        .map(|person| person["until"].clone());
    assert_eq!(last_day, Some(json!(today().to_string())), "{listed}");

    let act = |basis: String| {
        parent
            .put(api(&app, "/acting"))
            .json(&json!({ "basis": basis }))
            .send()
    };
    let of_age = act(format!("custody-{today_fact}")).await.expect("answers");
    assert_eq!(of_age.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let acting = act(format!("custody-{minor_fact}")).await.expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);
    let (status, overview) =
        json_of(parent.get(api(&app, "/overview")).send().await.expect("ok")).await;
    assert_eq!(status, StatusCode::OK);
    let areas: Vec<&str> = overview["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .filter(|area| area["records"].as_u64() > Some(0))
        .map(|area| area["area"].as_str().expect("an area"))
        .collect();
    assert_eq!(areas, vec!["health"], "the child's own records: {overview}");
    // A parent sees the child's log too.
    let log = parent.get(api(&app, "/log")).send().await.expect("answers");
    assert_eq!(log.status(), StatusCode::OK);
    let entries = proxy_entries(&app, &minor).await;
    assert_eq!(entries.len(), 2, "{entries:#?}");
    assert!(
        entries
            .iter()
            .all(|entry| entry.purpose == "parental_custody"
                && entry.actor.id == format!("custody-{minor_fact}"))
    );
    // The parent's own data is not the child's, and the others' logs are untouched.
    let own = id_of(&app, GRANTOR, "grantor-debt").await;
    let other = parent
        .get(api(&app, &format!("/records/{own}")))
        .send()
        .await
        .expect("answers");
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
    assert!(proxy_entries(&app, &adult_today).await.is_empty());
    assert!(proxy_entries(&app, &adult_tomorrow).await.is_empty());
}

/// Whom `client` may act for, by the bases `GET /mandates` lists.
async fn can_act_for(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let (status, listed) =
        json_of(client.get(api(app, "/mandates")).send().await.expect("ok")).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    listed["can_act_for"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|person| person["basis"].as_str().expect("a basis").to_owned())
        .collect()
}

async fn only_the_population_register_can_grant_custody(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    // An adult, born 1962, whom others try to make a "child".
    let adult = "120362-1234";
    let mut records = Vec::new();
    let library = app.client(app.register("library", &["95", "93"]).await);
    let mut from_library = custody("library-custody", PARENT, adult);
    from_library["classification"] = json!("95");
    records.push(from_library);
    // Under the register's own custody classification, but not the designated register.
    records.push(custody("library-custody-93", PARENT, adult));
    let refused = library
        .push(common::body(records), "library")
        .await
        .expect("answers");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        common::pointers(&refused.body),
        ["/upserts/0/details/fact", "/upserts/1/details/fact"],
        "{}",
        refused.body
    );

    let register = app.client(app.register(common::POPULATION_REGISTER, &["93"]).await);
    // The designated register, outside its custody classification.
    let mut elsewhere = custody("register-custody-elsewhere", PARENT, adult);
    elsewhere["classification"] = json!("93.01");
    // The designated register, giving a birthday the identifier contradicts.
    let mut younger = custody("register-custody-younger", PARENT, adult);
    younger["details"]["related_person_born"] = json!("2020-01-01");
    let refused = register
        .push(common::body(vec![elsewhere, younger]), "register")
        .await
        .expect("answers");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        common::pointers(&refused.body),
        [
            "/upserts/0/details/fact",
            "/upserts/1/details/related_person_born"
        ],
        "{}",
        refused.body
    );
    assert!(app.records_of(PARENT).await.is_empty(), "nothing stored");

    // The register's own custody of an adult grants nothing: the identifier says 1962.
    let pushed = register
        .push(
            common::body(vec![custody("register-custody", PARENT, adult)]),
            "register-adult",
        )
        .await
        .expect("answers");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    let (parent, _) = sign_in(&app, PARENT).await;
    assert!(can_act_for(&app, &parent).await.is_empty());
    let fact = id_of(&app, PARENT, "register-custody").await;
    let acting = parent
        .put(api(&app, "/acting"))
        .json(&json!({ "basis": format!("custody-{fact}") }))
        .send()
        .await
        .expect("answers");
    assert_eq!(acting.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn custody_stored_from_another_provider_before_the_rule_grants_nothing(backend: Backend) {
    let app = TestApp::start_on(backend).await;
    let minor = born_on(today() - Duration::days(365 * 5), 7);
    // Written straight to the store, as a fact accepted before the rule existed was.
    app.register("library", &["93"]).await;
    let secret = overblik_model::SubjectKeySecret::new(common::SUBJECT_SECRET.to_vec())
        .expect("long enough");
    let batch = overblik_model::Batch::parse(
        &json!({ "upserts": [custody("old-custody", PARENT, &minor)] }),
        &secret,
        &overblik_model::batch::Unchecked,
    )
    .expect("a valid batch");
    app.store
        .apply_batch(
            &"library".parse().expect("an id"),
            &"old-custody".parse().expect("a key"),
            [0; 32],
            &batch,
        )
        .await
        .expect("stored");
    let (parent, _) = sign_in(&app, PARENT).await;
    assert!(can_act_for(&app, &parent).await.is_empty());
    let fact = id_of(&app, PARENT, "old-custody").await;
    let acting = parent
        .put(api(&app, "/acting"))
        .json(&json!({ "basis": format!("custody-{fact}") }))
        .send()
        .await
        .expect("answers");
    assert_eq!(acting.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(proxy_entries(&app, &minor).await.is_empty());
}

/// Signing out ends acting for someone too: the answer removes the acting cookie with the
/// session's, so whoever signs in next on the browser starts as themselves.
async fn signing_out_ends_acting(backend: Backend) {
    let (app, ..) = app_with_records(backend).await;
    let (grantor, _) = sign_in(&app, GRANTOR).await;
    let (holder, _) = sign_in(&app, HOLDER).await;
    let ours = app.base_url.clone();
    let (status, granted) = json_of(
        grantor
            .post(api(&app, "/mandates"))
            .header(ORIGIN, &ours)
            .json(&grant_body(HOLDER, today(), today() + Duration::days(30)))
            .send()
            .await
            .expect("answers"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{granted}");
    let id = granted["id"].as_str().expect("an id").to_owned();
    let accepted = holder
        .post(api(&app, &format!("/mandates/{id}/accept")))
        .send()
        .await
        .expect("answers");
    assert_eq!(accepted.status(), StatusCode::OK);
    let acting = holder
        .put(api(&app, "/acting"))
        .header(ORIGIN, &ours)
        .json(&json!({ "basis": format!("poa-{id}") }))
        .send()
        .await
        .expect("answers");
    assert_eq!(acting.status(), StatusCode::OK);

    let out = holder
        .post(app.url("/logout"))
        .header(ORIGIN, &ours)
        .send()
        .await
        .expect("answers");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let removed: Vec<String> = out
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter(|value| value.contains("Max-Age=0"))
        .map(cookie_pair)
        .collect();
    for name in ["overblik_session", "overblik_acting"] {
        assert!(
            removed.iter().any(|pair| pair == &format!("{name}=")),
            "{name} removed: {removed:?}"
        );
    }
}

on_each_backend!(
    only_the_population_register_can_grant_custody,
    custody_stored_from_another_provider_before_the_rule_grants_nothing,
    signing_out_ends_acting,
    a_holder_sees_exactly_the_scope_while_the_mandate_is_in_force,
    nothing_before_the_first_day_or_after_the_last,
    forged_and_wrong_grants_change_nothing,
    a_parent_acts_for_a_minor_until_the_eighteenth_birthday,
);
