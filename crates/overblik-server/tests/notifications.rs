//! Notifications end to end, on both stores: e-mail through a real SMTP server (PyPI's
//! aiosmtpd, started here), in each citizen's language and only as they chose, and
//! delivered once after an SMTP outage; and the private calendar feed, read by a real
//! iCalendar parser (PyPI's icalendar), revocable. The server killed mid-send is in the
//! `overblik` binary's own tests, as a real process.

mod common;

use chrono::{DateTime, Duration, Timelike, Utc};
use common::{Backend, TestApp, body, page, sign_in};
use overblik_server::metrics::Metrics;
use overblik_server::notify::{MailSettings, Mailer, Worker};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION, ORIGIN};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const DANE: &str = "010180-1111";
const BRIT: &str = "020280-2222";
const QUIET: &str = "030380-3333";

fn support(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/support")
        .join(file)
}

/// The SMTP server: a Python process the test starts, stops and starts again.
struct SmtpSink {
    child: Option<Child>,
    port: u16,
    delay_ms: u64,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    async fn start(delay_ms: u64) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let mut sink = Self {
            child: None,
            port,
            delay_ms,
            dir: tempfile::tempdir().expect("a folder"),
        };
        sink.resume().await;
        sink
    }

    /// Starts (again) on the same port, keeping what was received.
    async fn resume(&mut self) {
        let mut child = Command::new("python3")
            .arg(support("smtp_sink.py"))
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .arg(self.delay_ms.to_string())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("python3 runs (the notification tests need Python 3 with aiosmtpd)");
        let stdout = child.stdout.take().expect("a stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line())
            .await
            .expect("the SMTP server starts in time")
            .expect("reads its output");
        assert_eq!(
            ready.as_deref(),
            Some("ready"),
            "the SMTP server did not start: is aiosmtpd installed (pip install aiosmtpd)?"
        );
        self.child = Some(child);
    }

    async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.expect("stops");
        }
    }

    fn settings(&self, concurrency: usize) -> MailSettings {
        MailSettings {
            smtp_url: format!("smtp://127.0.0.1:{}", self.port),
            from: "Overblik <no-reply@overblik.test>".to_owned(),
            retry_base: std::time::Duration::from_millis(500),
            poll_interval: std::time::Duration::from_millis(50),
            concurrency,
            lease: std::time::Duration::from_secs(3),
        }
    }

    fn numbered(&self, prefix: &str) -> Vec<(usize, PathBuf)> {
        let mut found: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("reads the folder")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_name()?.to_str()?.to_owned();
                let number = name
                    .strip_prefix(prefix)?
                    .trim_end_matches(".json")
                    .parse()
                    .ok()?;
                (!name.ends_with(".tmp")).then_some((number, path))
            })
            .collect();
        found.sort();
        found
    }

    /// Every message accepted so far, in order.
    fn mails(&self) -> Vec<Value> {
        self.numbered("mail-")
            .into_iter()
            .map(|(_, path)| {
                serde_json::from_slice(&std::fs::read(path).expect("reads")).expect("json")
            })
            .collect()
    }

    /// Waits until at least `count` messages were accepted.
    async fn wait_for(&self, count: usize) -> Vec<Value> {
        for _ in 0..600 {
            let mails = self.mails();
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "expected {count} e-mails, got {}: {:#?}",
            self.mails().len(),
            self.mails()
        );
    }
}

fn start_worker(app: &TestApp, settings: &MailSettings) -> tokio::task::JoinHandle<()> {
    let mailer = Mailer::new(settings, &app.base_url).expect("valid mail settings");
    let worker = Worker::new(
        app.store.clone(),
        mailer,
        settings.clone(),
        Arc::new(Metrics::default()),
    );
    tokio::spawn(worker.run())
}

/// Whole seconds `days` from now, as the provider would send it.
fn in_days(days: i64) -> DateTime<Utc> {
    (Utc::now() + Duration::days(days))
        .with_nanosecond(0)
        .expect("a time")
}

fn appointment(id: &str, version: i64, national_id: &str, start: DateTime<Utc>) -> Value {
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "appointment",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "title": {"da": format!("Undersøgelse {id}"), "en": format!("Examination {id}")},
        "details": {
            "start": start.to_rfc3339(), "end": (start + Duration::minutes(45)).to_rfc3339(),
            "place": "Ambulatorium 3"
        }
    })
}

fn case(id: &str, version: i64, national_id: &str, statuses: &[&str]) -> Value {
    let history: Vec<Value> = statuses
        .iter()
        .enumerate()
        .map(|(i, status)| {
            json!({"status": {"da": status, "en": status}, "at": format!("2026-11-{:02}T10:00:00Z", i + 1)})
        })
        .collect();
    json!({
        "id": id, "version": version, "subject": national_id, "kind": "case",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "title": {"da": "Ansøgning om hjælpemiddel", "en": "Application for an aid"},
        "details": {"status_history": history}
    })
}

fn overdue_payment(id: &str, national_id: &str) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "payment",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "title": {"da": "Egenbetaling", "en": "Own payment"},
        "details": {
            "date": "2026-11-20", "direction": "from_citizen", "gross": 250, "tax": 0,
            "net": 250, "payment_status": "overdue"
        }
    })
}

fn access_event(id: &str, national_id: &str) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "access_event",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "details": {
            "organisation": "Region Eksempel", "at": "2026-11-02T09:00:00Z",
            "what": "Journal", "purpose": "Behandling"
        }
    })
}

/// Submits the settings form as the citizen would, and follows the confirmation e-mail's
/// link. Returns the number of e-mails the sink then holds.
async fn choose_email(
    app: &TestApp,
    browser: &reqwest::Client,
    sink: &SmtpSink,
    address: &str,
    language: &str,
    details: bool,
    topics: &[&str],
) -> usize {
    let before = sink.mails().len();
    let mut form = vec![
        ("email", address.to_owned()),
        ("in_product", "on".to_owned()),
        ("lead_hours", "24".to_owned()),
        ("language", language.to_owned()),
    ];
    form.extend(topics.iter().map(|topic| ("topics", (*topic).to_owned())));
    if details {
        form.push(("details", "on".to_owned()));
    }
    let saved = browser
        .post(app.url("/notifications/settings"))
        .header(ORIGIN, &app.base_url)
        .form(&form)
        .send()
        .await
        .expect("answers");
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        saved.headers()[LOCATION],
        "/notifications/settings?done=confirm-sent"
    );
    let mails = sink.wait_for(before + 1).await;
    let confirmation = &mails[before];
    assert_eq!(confirmation["rcpt_to"], json!([address]));
    let text = confirmation["text"].as_str().expect("a text body");
    let link = text
        .split_whitespace()
        .find(|word| word.contains("/notifications/email/confirm?token="))
        .expect("the confirmation link");
    assert!(link.starts_with(&app.base_url), "{link}");
    confirm_by_link(app, browser, link).await;
    before + 1
}

/// Whether the settings page says the address is not confirmed yet, in Danish or English.
fn unconfirmed(settings: &str) -> bool {
    ["Ikke bekræftet endnu", "Not confirmed yet"]
        .iter()
        .any(|text| settings.contains(text))
}

/// Follows a confirmation link as a person does: opening it (as a mail scanner also would)
/// confirms nothing; the button on its page does, from any device, with no session.
async fn confirm_by_link(app: &TestApp, browser: &reqwest::Client, link: &str) {
    let stranger = reqwest::Client::new();
    let (status, html) = page(&stranger, link).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let token = link.split("token=").nth(1).expect("a token");
    assert!(
        html.contains(r#"action="/notifications/email/confirm""#)
            && html.contains(&format!(r#"value="{token}""#)),
        "{html}"
    );
    let (_, settings) = page(browser, &app.url("/notifications/settings")).await;
    assert!(
        unconfirmed(&settings),
        "opening the link confirmed the address: {settings}"
    );
    let confirm = || {
        stranger
            .post(app.url("/notifications/email/confirm"))
            .header(ORIGIN, &app.base_url)
            .form(&[("token", token)])
            .send()
    };
    let confirmed = confirm().await.expect("answers");
    assert_eq!(confirmed.status(), StatusCode::OK);
    let (_, settings) = page(browser, &app.url("/notifications/settings")).await;
    assert!(!unconfirmed(&settings), "{settings}");
    let again = confirm().await.expect("answers");
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");
    let forged = stranger
        .post(app.url("/notifications/email/confirm"))
        .header(ORIGIN, "http://evil.example")
        .form(&[("token", token)])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
}

async fn the_right_mails_go_in_each_citizens_language_and_only_as_chosen(backend: Backend) {
    let mut sink = SmtpSink::start(0).await;
    let app = TestApp::start_with_mail(backend, sink.settings(4)).await;
    let worker = start_worker(&app, &sink.settings(4));
    let hospital = app.client(app.register("hospital", &["89"]).await);
    // The case exists before anyone chose e-mail; its later change is the news.
    hospital
        .push(body(vec![case("c1", 1, DANE, &["Modtaget"])]), "b0")
        .await
        .expect("pushes");

    let (dane, _) = sign_in(&app, DANE).await;
    let (brit, _) = sign_in(&app, BRIT).await;
    let (quiet, _) = sign_in(&app, QUIET).await;
    let all_but_access = ["appointment", "reminder", "payment", "case_status"];
    choose_email(
        &app,
        &dane,
        &sink,
        "dane@example.dk",
        "da",
        false,
        &all_but_access,
    )
    .await;
    let all = [
        "appointment",
        "reminder",
        "payment",
        "case_status",
        "access",
    ];
    let told = choose_email(&app, &brit, &sink, "brit@example.org", "en", true, &all).await;
    // A wrong address is named and nothing changes.
    let wrong = quiet
        .post(app.url("/notifications/settings"))
        .header(ORIGIN, &app.base_url)
        .form(&[
            ("email", "not an address"),
            ("lead_hours", "24"),
            ("language", "da"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .text()
            .await
            .expect("html")
            .contains("href=\"#email\"")
    );
    // Forged from another site: refused, nothing stored.
    let forged = quiet
        .post(app.url("/notifications/settings"))
        .header(ORIGIN, "https://evil.example")
        .form(&[
            ("email", "evil@example.org"),
            ("lead_hours", "24"),
            ("language", "da"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let quiet_key = common::subject(QUIET);
    assert_eq!(
        app.store
            .notification_preferences(&quiet_key)
            .await
            .expect("reads")
            .email,
        None
    );

    let start = in_days(5);
    hospital
        .push(
            body(vec![
                appointment("a-dane", 1, DANE, start),
                case("c1", 2, DANE, &["Modtaget", "Bevilget"]),
                access_event("x-dane", DANE),
                appointment("a-brit", 1, BRIT, start),
                overdue_payment("p-brit", BRIT),
                appointment("a-quiet", 1, QUIET, start),
            ]),
            "b1",
        )
        .await
        .expect("pushes");
    // The same batch again (a provider's retry) tells nothing new.
    hospital
        .push(
            body(vec![appointment("a-dane", 1, DANE, start)]),
            "b1-again",
        )
        .await
        .expect("pushes");

    sink.wait_for(told + 4).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let mails = &sink.mails()[told..];
    assert_eq!(mails.len(), 4, "{mails:#?}");
    let mut to_dane: Vec<&str> = mails
        .iter()
        .filter(|mail| mail["rcpt_to"] == json!(["dane@example.dk"]))
        .map(|mail| mail["subject"].as_str().expect("a subject"))
        .collect();
    to_dane.sort_unstable();
    assert_eq!(to_dane, ["Ny aftale", "Nyt i en af dine sager"]);
    let mut to_brit: Vec<&str> = mails
        .iter()
        .filter(|mail| mail["rcpt_to"] == json!(["brit@example.org"]))
        .map(|mail| mail["subject"].as_str().expect("a subject"))
        .collect();
    to_brit.sort_unstable();
    assert_eq!(to_brit, ["A payment is overdue", "New appointment"]);
    for mail in mails {
        let text = mail["text"].as_str().expect("text");
        let html = mail["html"].as_str().expect("html");
        assert!(
            text.contains(&format!("{}/records/", app.base_url)),
            "{text}"
        );
        assert!(html.contains("<a href="), "{html}");
        for national_id in [DANE, BRIT, QUIET] {
            assert!(!text.contains(national_id) && !html.contains(national_id));
        }
        assert_eq!(mail["from"], "Overblik <no-reply@overblik.test>");
        if mail["rcpt_to"] == json!(["dane@example.dk"]) {
            assert!(text.contains("Der er nyt til dig i Overblik"), "{text}");
            // Without details chosen, the record is not named.
            assert!(!text.contains("Undersøgelse") && !text.contains("hjælpemiddel"));
        } else {
            assert!(text.contains("There is news for you in Overblik"), "{text}");
        }
    }
    let brit_appointment = mails
        .iter()
        .find(|mail| mail["subject"] == "New appointment")
        .expect("the appointment mail");
    assert!(
        brit_appointment["text"]
            .as_str()
            .expect("text")
            .contains("Examination a-brit"),
        "details were chosen"
    );

    // In Overblik itself: the Dane's list, and marking read.
    let (status, html) = page(&dane, &app.url("/notifications")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Du har fået en ny aftale."), "{html}");
    assert!(html.contains("Status i en af dine sager er ændret."));
    assert!(
        html.contains("En myndighed har oplyst"),
        "the list shows what e-mail left out"
    );
    assert!(html.contains("3 ulæste notifikationer"), "{html}");
    let marked = dane
        .post(app.url("/notifications/read"))
        .header(ORIGIN, &app.base_url)
        .form(&[("x", "")])
        .send()
        .await
        .expect("answers");
    assert_eq!(marked.status(), StatusCode::SEE_OTHER);
    let (_, html) = page(&dane, &app.url("/notifications")).await;
    assert!(html.contains("Ingen ulæste notifikationer"), "{html}");
    let (_, brit_html) = page(&brit, &app.url("/notifications?lang=en")).await;
    assert!(
        brit_html.contains("2 unread notifications"),
        "the Dane's marking touched only theirs: {brit_html}"
    );
    worker.abort();
    sink.stop().await;
}

async fn every_mail_is_delivered_once_after_an_smtp_outage(backend: Backend) {
    let mut sink = SmtpSink::start(0).await;
    let settings = sink.settings(2);
    let app = TestApp::start_with_mail(backend, settings.clone()).await;
    let worker = start_worker(&app, &settings);
    let hospital = app.client(app.register("hospital", &["89"]).await);
    let (dane, _) = sign_in(&app, DANE).await;
    let all = [
        "appointment",
        "reminder",
        "payment",
        "case_status",
        "access",
    ];
    let told = choose_email(&app, &dane, &sink, "dane@example.dk", "da", false, &all).await;

    // The SMTP server goes down; notices wait, retried, and go when it is back.
    sink.stop().await;
    hospital
        .push(
            body(vec![
                appointment("down-1", 1, DANE, in_days(20)),
                appointment("down-2", 1, DANE, in_days(21)),
            ]),
            "during-outage",
        )
        .await
        .expect("pushes");
    let mut retrying = false;
    for _ in 0..200 {
        let metrics = app
            .http
            .get(app.url("/metrics"))
            .send()
            .await
            .expect("answers")
            .text()
            .await
            .expect("text");
        if metrics.lines().any(|line| {
            line.starts_with("overblik_notification_outbox_retrying ") && !line.ends_with(" 0")
        }) {
            retrying = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(retrying, "the operator sees the retries in /metrics");
    assert_eq!(sink.mails().len(), told);
    sink.resume().await;
    let mails = sink.wait_for(told + 2).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.mails().len(), told + 2, "{mails:#?}");
    let stats = app.store.outbox_stats(Utc::now()).await.expect("stats");
    assert_eq!((stats.due, stats.retrying), (0, 0));
    worker.abort();
    sink.stop().await;
}

async fn a_daily_digest_keeps_the_news_for_one_email(backend: Backend) {
    let mut sink = SmtpSink::start(0).await;
    let settings = sink.settings(2);
    let app = TestApp::start_with_mail(backend, settings.clone()).await;
    let worker = start_worker(&app, &settings);
    let hospital = app.client(app.register("hospital", &["89"]).await);
    let (brit, _) = sign_in(&app, BRIT).await;
    let all = [
        "appointment",
        "reminder",
        "payment",
        "case_status",
        "access",
    ];
    let told = choose_email(&app, &brit, &sink, "brit@example.org", "en", false, &all).await;
    let digest = brit
        .post(app.url("/notifications/settings"))
        .header(ORIGIN, &app.base_url)
        .form(&[
            ("email", "brit@example.org"),
            ("in_product", "on"),
            ("digest", "on"),
            ("lead_hours", "1"),
            ("language", "en"),
            ("topics", "appointment"),
            ("topics", "reminder"),
        ])
        .send()
        .await
        .expect("answers");
    assert_eq!(
        digest.headers()[LOCATION],
        "/notifications/settings?done=saved"
    );
    hospital
        .push(
            body(vec![
                appointment("d1", 1, BRIT, in_days(4)),
                appointment("d2", 1, BRIT, in_days(6)),
            ]),
            "b1",
        )
        .await
        .expect("pushes");
    // A reminder does not wait for the digest: its appointment could be over by then.
    let soon = (Utc::now() + Duration::hours(1) + Duration::seconds(3))
        .with_nanosecond(0)
        .expect("a time");
    hospital
        .push(body(vec![appointment("d3", 1, BRIT, soon)]), "b2")
        .await
        .expect("pushes");
    let mails = sink.wait_for(told + 1).await;
    assert_eq!(mails[told]["subject"], "Reminder of an appointment");
    let told = told + 1;
    // Held for the morning's digest: nothing is sent now.
    let subject = common::subject(BRIT);
    let mut held = Vec::new();
    for _ in 0..200 {
        let jobs = app.store.outbox_stats(Utc::now()).await.expect("stats");
        if jobs.due == 0 {
            held = app
                .store
                .notices(&subject, Utc::now(), 10)
                .await
                .expect("notices");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The news of d1, d2 and d3, held; d3's reminder is sent and listed too.
    assert_eq!(held.len(), 4, "{held:?}");
    let held: Vec<_> = held
        .into_iter()
        .filter(|notice| !notice.happening.is_reminder())
        .collect();
    assert_eq!(held.len(), 3);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(sink.mails().len(), told, "nothing before the digest's time");
    // The morning comes: the held notices are taken as at the digest's time, and their
    // time is moved to now.
    let morning = overblik_model::notify::next_digest(Utc::now());
    let claimed = app
        .store
        .claim_mail(morning, morning + Duration::minutes(1), 10)
        .await
        .expect("claims");
    assert_eq!(claimed.len(), 3, "{claimed:?}");
    // All three become due at one moment after the last is moved, so the running worker
    // cannot take the first before the others are moved and send them apart.
    let due = Utc::now() + Duration::seconds(2);
    for job in &claimed {
        app.store
            .settle_mail(
                &job.notice.id,
                job.lease_until,
                &overblik_model::notify::MailOutcome::Hold { until: due },
                Utc::now(),
            )
            .await
            .expect("moves the digest");
    }
    let mails = sink.wait_for(told + 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(sink.mails().len(), told + 1, "one e-mail for both");
    assert_eq!(mails[told]["subject"], "3 news items in Overblik today");
    assert_eq!(
        mails[told]["text"]
            .as_str()
            .expect("text")
            .matches("You have a new appointment.")
            .count(),
        3
    );
    worker.abort();
    sink.stop().await;
}

/// The events of an iCalendar document, as PyPI's icalendar reads them.
async fn parse_calendar(text: &str) -> Value {
    let mut child = Command::new("python3")
        .arg(support("ical_events.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (the calendar tests need Python 3 with icalendar)");
    let mut stdin = child.stdin.take().expect("a stdin");
    tokio::io::AsyncWriteExt::write_all(&mut stdin, text.as_bytes())
        .await
        .expect("writes");
    drop(stdin);
    let output = child.wait_with_output().await.expect("finishes");
    assert!(
        output.status.success(),
        "icalendar could not read the feed (is it installed?): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("json")
}

fn deadline(id: &str, national_id: &str, due: &str, done: bool) -> Value {
    json!({
        "id": id, "version": 1, "subject": national_id, "kind": "deadline",
        "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
        "title": {"da": format!("Frist {id}"), "en": format!("Deadline {id}")},
        "details": {"due": due, "action": "Send papers", "done": done}
    })
}

async fn the_calendar_feed_holds_every_upcoming_appointment_and_deadline_until_revoked(
    backend: Backend,
) {
    let app = TestApp::start_on(backend).await;
    let hospital = app.client(app.register("hospital", &["89"]).await);
    let soon = in_days(2);
    let later = in_days(40);
    let due = (Utc::now() + Duration::days(10)).date_naive();
    hospital
        .push(
            body(vec![
                appointment("soon", 1, DANE, soon),
                appointment("later", 1, DANE, later),
                appointment("long-ago", 1, DANE, in_days(-90)),
                deadline("papers", DANE, &due.to_string(), false),
                deadline("met", DANE, &due.to_string(), true),
                appointment("theirs", 1, BRIT, soon),
            ]),
            "b1",
        )
        .await
        .expect("pushes");
    let (dane, _) = sign_in(&app, DANE).await;
    let made = dane
        .post(app.url("/notifications/calendar"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers");
    assert_eq!(made.status(), StatusCode::OK);
    let html = made.text().await.expect("html");
    let url = html
        .split('"')
        .find(|part| part.starts_with(&format!("{}/calendar/", app.base_url)))
        .expect("the feed's URL is shown once")
        .to_owned();

    // A calendar app has no session: the URL alone opens the feed.
    let feed = reqwest::get(&url).await.expect("answers");
    assert_eq!(feed.status(), StatusCode::OK);
    assert_eq!(feed.headers()[CONTENT_TYPE], "text/calendar; charset=utf-8");
    let calendar = parse_calendar(&feed.text().await.expect("text")).await;
    let mut events = calendar["events"].as_array().expect("events").clone();
    events.sort_by_key(|event| event["start"].as_str().map(str::to_owned));
    let utc = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let summaries: Vec<&str> = events
        .iter()
        .map(|event| event["summary"].as_str().expect("a summary"))
        .collect();
    assert_eq!(
        summaries,
        ["Undersøgelse soon", "Frist papers", "Undersøgelse later"]
    );
    assert_eq!(events[0]["start"], utc(soon));
    assert_eq!(events[0]["end"], utc(soon + Duration::minutes(45)));
    assert_eq!(events[0]["all_day"], false);
    assert_eq!(
        events[0]["alarms"],
        json!([24 * 60]),
        "the default reminder, a day before"
    );
    assert_eq!(events[1]["start"], due.to_string());
    assert_eq!(events[1]["end"], due.succ_opt().expect("a day").to_string());
    assert_eq!(events[1]["all_day"], true);
    // A day's reminder counts back from 09:00 Danish time on the day, as its e-mail does.
    let nine = overblik_model::notify::Moment::On(due).instant();
    assert_eq!(
        events[1]["alarms"],
        json!([{"at": utc(nine - Duration::hours(24))}])
    );
    assert_eq!(events[2]["start"], utc(later));

    // The feed's read is in the citizen's log, as the calendar feed.
    let (_, log) = page(&dane, &app.url("/log?lang=en")).await;
    assert!(log.contains("through your calendar feed"), "{log}");

    // A new link replaces the old; a revoked link opens nothing.
    let remade = dane
        .post(app.url("/notifications/calendar"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers");
    let html = remade.text().await.expect("html");
    let new_url = html
        .split('"')
        .find(|part| part.starts_with(&format!("{}/calendar/", app.base_url)))
        .expect("the new URL")
        .to_owned();
    assert_ne!(new_url, url);
    assert_eq!(
        reqwest::get(&url).await.expect("answers").status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reqwest::get(&new_url).await.expect("answers").status(),
        StatusCode::OK
    );
    let forged = dane
        .post(app.url("/notifications/calendar/revoke"))
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .expect("answers");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        reqwest::get(&new_url).await.expect("answers").status(),
        StatusCode::OK
    );
    let revoked = dane
        .post(app.url("/notifications/calendar/revoke"))
        .header(ORIGIN, &app.base_url)
        .send()
        .await
        .expect("answers");
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        reqwest::get(&new_url).await.expect("answers").status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        reqwest::get(app.url("/calendar/made-up.ics"))
            .await
            .expect("answers")
            .status(),
        StatusCode::NOT_FOUND
    );

    // One appointment as a file from its page parses the same.
    let records = app
        .store
        .subject_records(
            &common::subject(DANE),
            &overblik_store::RecordFilter::visible_now(),
        )
        .await
        .expect("records");
    let soon_id = records
        .iter()
        .find(|stored| stored.record.id.as_str() == "soon")
        .expect("the appointment")
        .id;
    let (status, file) = page(&dane, &app.url(&format!("/records/{soon_id}/calendar.ics"))).await;
    assert_eq!(status, StatusCode::OK);
    let single = parse_calendar(&file).await;
    assert_eq!(single["events"][0]["start"], utc(soon));
    assert_eq!(single["events"][0]["uid"], events[0]["uid"]);
}

on_each_backend!(
    the_right_mails_go_in_each_citizens_language_and_only_as_chosen,
    every_mail_is_delivered_once_after_an_smtp_outage,
    a_daily_digest_keeps_the_news_for_one_email,
    the_calendar_feed_holds_every_upcoming_appointment_and_deadline_until_revoked,
);
