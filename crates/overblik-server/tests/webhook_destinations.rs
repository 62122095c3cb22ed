//! Webhooks reach the internet only: registration refuses every special-purpose address, and
//! each delivery checks its URL and every address the name resolves to, IP literals
//! included, so a URL stored before (or a name that later points inward) reaches nothing.
//! Deliveries go straight to the receiver, whatever proxy the environment names. Loopback
//! receivers are reachable only where the settings say so, and then loopback only.

mod common;

use common::{Backend, TestApp, deadline, sign_in};
use overblik_server::corrections::webhook::{WebhookSettings, WebhookWorker};
use reqwest::StatusCode;
use reqwest::header::ORIGIN;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CITIZEN: &str = "010190-1234";
const TAX: &str = "tax";

/// A receiver that counts every connection made to it, TLS or not, and answers any HTTP
/// request 200.
#[derive(Debug, Clone)]
struct Receiver {
    port: u16,
    connections: Arc<AtomicUsize>,
}

impl Receiver {
    async fn start(ip: &str) -> Self {
        let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("binds");
        let port = listener.local_addr().expect("an address").port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move {
                    let mut buffer = vec![0; 64 * 1024];
                    let _ = stream.read(&mut buffer).await;
                    let _ = stream
                        .write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                        )
                        .await;
                });
            }
        });
        Self { port, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn worker(app: &TestApp) -> WebhookWorker {
    WebhookWorker::new(
        app.state.clone(),
        WebhookSettings {
            retry_base: Duration::from_millis(10),
            lease: Duration::from_secs(30),
            poll_interval: Duration::from_millis(10),
            timeout: Duration::from_secs(2),
        },
    )
}

fn settled(app: &TestApp, result: &str) -> u64 {
    let series = format!("overblik_correction_webhooks_total{{result=\"{result}\"}} ");
    app.state
        .metrics
        .render()
        .lines()
        .find_map(|line| line.strip_prefix(&series)?.parse().ok())
        .unwrap_or(0)
}

/// Runs the worker until one more delivery is settled as `result`, for at most ten seconds.
async fn until_settled(app: &TestApp, worker: &WebhookWorker, result: &str, what: &str) {
    let before = settled(app, result);
    for _ in 0..500 {
        worker.round().await.expect("the outbox is readable");
        if settled(app, result) > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{what}: no delivery {result} within ten seconds");
}

/// The tax authority with a deadline for the citizen, who reports an error in it while the
/// authority's webhook is `url`: one delivery in the outbox.
async fn one_delivery_queued(app: &TestApp, url: &str) {
    let client = app.client(app.register(TAX, &["85"]).await);
    let pushed = client
        .push(common::body(vec![deadline("d-1", 1, CITIZEN)]), "setup")
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
    app.store
        .put_webhook(&TAX.parse().expect("an id"), Some(url))
        .await
        .expect("stores the webhook");
    let record = app.records_of(CITIZEN).await[0].id;
    let (browser, _) = sign_in(app, CITIZEN).await;
    let reported = browser
        .post(app.url(&format!("/api/citizen/v1/records/{record}/corrections")))
        .header(ORIGIN, &app.base_url)
        .json(
            &json!({"kind": "wrong", "explanation": "Fristen er forkert",
            "field": "due", "value": "2026-12-15", "attachments": []}),
        )
        .send()
        .await
        .expect("answers");
    assert_eq!(reported.status(), StatusCode::CREATED);
}

async fn a_delivery_to_an_address_off_the_internet_reaches_nothing(backend: Backend) {
    let app = TestApp::start_configured(backend, |settings| {
        settings.allow_loopback_webhooks = false;
    })
    .await;
    let receiver = Receiver::start("127.0.0.1").await;
    let port = receiver.port;
    // As if stored before the rules of today, or by an operator's hand: each is checked
    // again when it is used. IP literals are never resolved, so they are checked as such;
    // `localhost` is a name that resolves to this machine.
    let stored = [
        format!("http://127.0.0.1:{port}/hook"),
        format!("https://127.0.0.1:{port}/hook"),
        format!("http://2130706433:{port}/hook"),
        format!("https://[::ffff:127.0.0.1]:{port}/hook"),
        format!("http://localhost:{port}/hook"),
        format!("https://localhost:{port}/hook"),
        format!("https://localhost.:{port}/hook"),
    ];
    one_delivery_queued(&app, &stored[0]).await;
    let worker = worker(&app);
    for url in &stored {
        app.store
            .put_webhook(&TAX.parse().expect("an id"), Some(url))
            .await
            .expect("stores the webhook");
        until_settled(&app, &worker, "failed", url).await;
        assert_eq!(receiver.connections(), 0, "{url} was reached");
    }
    assert_eq!(settled(&app, "delivered"), 0);
}

async fn registration_refuses_every_address_off_the_internet(backend: Backend) {
    for loopback in [false, true] {
        let app = TestApp::start_configured(backend, |settings| {
            settings.allow_loopback_webhooks = loopback;
        })
        .await;
        let client = app.client(app.register(TAX, &["85"]).await);
        let token = client.fetch_token().await.expect("a token").access_token;
        let put = |url: String| {
            let request = app
                .http
                .put(app.url("/api/provider/v1/webhook"))
                .bearer_auth(&token)
                .json(&json!({ "url": url }));
            async move { request.send().await.expect("answers").status() }
        };
        let mut refused = vec![
            "http://hooks.example.org/".to_owned(),
            "https://db.internal/".to_owned(),
            "https://printer.local/".to_owned(),
            "https://db/".to_owned(),
        ];
        for address in [
            "0.0.0.1",
            "10.0.0.5",
            "100.64.1.1",
            "169.254.169.254",
            "172.16.0.1",
            "192.0.0.170",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.1.1",
            "198.51.100.1",
            "203.0.113.1",
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "[::]",
            "[::ffff:a00:5]",
            "[::ffff:c612:1]",
            "[64:ff9b::a00:5]",
            "[64:ff9b::a9fe:a9fe]",
            "[64:ff9b:1::808:808]",
            "[100::1]",
            "[2001::1]",
            "[2001:db8::1]",
            "[2002:a00:5::1]",
            "[3fff::1]",
            "[5f00::1]",
            "[fc00::1]",
            "[fd12:3456::1]",
            "[fe80::1]",
            "[fec0::1]",
            "[ff02::1]",
        ] {
            refused.push(format!("https://{address}/hook"));
            refused.push(format!("http://{address}/hook"));
        }
        let this_machine = [
            "http://127.0.0.1:9/hook",
            "https://127.0.0.1:9/hook",
            "http://localhost:9/hook",
            "https://[::1]:9/hook",
        ];
        if !loopback {
            refused.extend(this_machine.iter().map(|url| (*url).to_owned()));
        }
        for url in refused {
            assert_eq!(
                put(url.clone()).await,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{url} (loopback allowed: {loopback})"
            );
        }
        assert_eq!(
            app.store
                .webhook(&TAX.parse().expect("an id"))
                .await
                .expect("reads"),
            None
        );
        assert_eq!(
            put("https://hooks.example.org/overblik".to_owned()).await,
            StatusCode::OK
        );
        if loopback {
            for url in this_machine {
                assert_eq!(put(url.to_owned()).await, StatusCode::OK, "{url}");
            }
        }
    }
}

on_each_backend!(
    a_delivery_to_an_address_off_the_internet_reaches_nothing,
    registration_refuses_every_address_off_the_internet,
);

/// Marks the run of this test binary that [`deliveries_ignore_proxy_settings`] starts with
/// the proxy variables set.
const PROXIED_RUN: &str = "OVERBLIK_TEST_PROXIED_RUN";

/// Delivers to a receiver on 127.0.0.2 while the environment names a proxy for everything
/// but 127.0.0.1 (where the app and the test's own clients are): the delivery must go
/// straight to the receiver. The variables are set on a second run of this test binary,
/// since a test cannot change its own environment safely.
#[tokio::test]
async fn deliveries_ignore_proxy_settings() {
    if std::env::var_os(PROXIED_RUN).is_some() {
        delivered_straight_to_the_receiver().await;
        return;
    }
    let proxy = Receiver::start("127.0.0.1").await;
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let mut run = tokio::process::Command::new(std::env::current_exe().expect("this test"));
    run.args(["--exact", "deliveries_ignore_proxy_settings", "--nocapture"])
        .env(PROXIED_RUN, "1");
    for variable in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
        run.env(variable, &proxy_url)
            .env(variable.to_ascii_lowercase(), &proxy_url);
    }
    run.env("NO_PROXY", "127.0.0.1")
        .env("no_proxy", "127.0.0.1");
    let output = run.output().await.expect("the test binary runs");
    assert!(
        output.status.success(),
        "the run with a proxy set failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the run with a proxy set ran the test"
    );
    assert_eq!(proxy.connections(), 0, "a delivery went through the proxy");
}

async fn delivered_straight_to_the_receiver() {
    let app = TestApp::start_configured(Backend::Sqlite, |settings| {
        settings.allow_loopback_webhooks = true;
    })
    .await;
    let receiver = Receiver::start("127.0.0.2").await;
    one_delivery_queued(&app, &format!("http://127.0.0.2:{}/hook", receiver.port)).await;
    until_settled(&app, &worker(&app), "delivered", "the delivery").await;
    assert_eq!(receiver.connections(), 1, "the receiver was reached");
}
