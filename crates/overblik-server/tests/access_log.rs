//! Every route that reads a citizen's data leaves exactly one access log entry per request,
//! for the right subject, actor and channel; routes that read nothing leave none.

mod common;

use common::{Backend, Sealed, TestApp, body, deadline, debt, page, sign_in, subject};
use overblik_ledger::{ActorKind, Channel, EntryFilter};
use reqwest::StatusCode;

const CITIZEN: &str = "010190-1234";
const NEIGHBOUR: &str = "020285-5678";

async fn seeded(backend: Backend) -> TestApp {
    let app = TestApp::start_on(backend).await;
    let tax = app.client(app.register("tax", &["85"]).await);
    let pushed = tax
        .push(
            body(vec![
                deadline("mine", 1, CITIZEN),
                debt("theirs", NEIGHBOUR),
            ]),
            "seed",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    app
}

async fn each_read_of_a_citizens_data_leaves_one_entry_for_that_citizen(backend: Backend) {
    let app = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let record = app.records_of(CITIZEN).await[0].id;
    let reads = [
        ("/", Channel::Web),
        ("/areas/economy", Channel::Web),
        (&*format!("/records/{record}"), Channel::Web),
        ("/registers", Channel::Web),
        ("/covered", Channel::Web),
        ("/search?q=payslips", Channel::Web),
        ("/log", Channel::Web),
        ("/api/citizen/v1/overview", Channel::Api),
        ("/api/citizen/v1/areas/economy", Channel::Api),
        (&*format!("/api/citizen/v1/records/{record}"), Channel::Api),
        ("/api/citizen/v1/search?q=payslips", Channel::Api),
        ("/api/citizen/v1/log", Channel::Api),
        ("/api/citizen/v1/log/export", Channel::Api),
    ];
    for (path, channel) in reads {
        let before = app.ledger.sealed().await.size();
        let (status, _) = page(&browser, &app.url(path)).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            app.ledger.sealed().await.size(),
            before + 1,
            "one entry for {path}"
        );
        let latest = app
            .ledger
            .sealed()
            .await
            .entries(&subject(CITIZEN), &EntryFilter::visible_now(1))
            .await
            .expect("reads")
            .remove(0);
        assert_eq!(latest.index, before, "{path}");
        let entry = latest.entry;
        assert_eq!(entry.subject, subject(CITIZEN));
        assert_eq!(entry.actor.kind, ActorKind::Citizen);
        assert_eq!(entry.channel, channel, "{path}");
        assert!(entry.request_id.is_some(), "{path}");
    }
    // The record page says which record was read.
    let record_read = app
        .ledger
        .sealed()
        .await
        .entries(&subject(CITIZEN), &EntryFilter::visible_now(100))
        .await
        .expect("reads")
        .into_iter()
        .find(|stored| stored.entry.read.records == vec![record]);
    assert!(record_read.is_some());
    assert!(
        app.ledger
            .sealed()
            .await
            .entries(&subject(NEIGHBOUR), &EntryFilter::visible_now(10))
            .await
            .expect("reads")
            .is_empty(),
        "nothing was read of the neighbour"
    );
}

async fn requests_that_read_nothing_leave_nothing(backend: Backend) {
    let app = seeded(backend).await;
    let (browser, _) = sign_in(&app, CITIZEN).await;
    let theirs = app.records_of(NEIGHBOUR).await[0].id;
    let before = app.ledger.sealed().await.size();
    for path in [
        format!("/records/{theirs}"),
        format!("/api/citizen/v1/records/{theirs}"),
        "/search".to_owned(),
        "/no/such/page".to_owned(),
        "/static/overblik.css".to_owned(),
        "/healthz".to_owned(),
    ] {
        page(&browser, &app.url(&path)).await;
    }
    let (status, _) = page(&common::browser(), &app.url("/api/citizen/v1/overview")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.ledger.sealed().await.size(), before);
}

on_each_backend!(
    each_read_of_a_citizens_data_leaves_one_entry_for_that_citizen,
    requests_that_read_nothing_leave_nothing,
);
