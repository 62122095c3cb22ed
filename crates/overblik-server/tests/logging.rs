//! What the server logs about requests, at the most verbose level: the route each matched,
//! never a secret token from its address.

mod common;

use common::TestApp;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn request_logs_name_the_route_and_leave_secret_tokens_out() {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let app = TestApp::start().await;
    let calendar_token = "calendarsecret0123456789abcdef";
    let confirmation_token = "confirmationsecret0123456789abcdef";
    for path in [
        format!("/calendar/{calendar_token}.ics"),
        format!("/notifications/email/confirm?token={confirmation_token}"),
        format!("/notifications/email/confirm?lang=en&token={confirmation_token}"),
    ] {
        let response = app.http.get(app.url(&path)).send().await.expect("answers");
        assert!(response.status().as_u16() < 500, "{path}");
    }
    let logged =
        String::from_utf8(captured.0.lock().expect("not poisoned").clone()).expect("utf-8 logs");
    for token in [calendar_token, confirmation_token] {
        assert!(!logged.contains(token), "{token} logged: {logged}");
    }
    assert!(
        logged.contains("/calendar/{file}") && logged.contains("/notifications/email/confirm"),
        "the requests are logged by their route: {logged}"
    );
}
