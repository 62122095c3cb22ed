//! The mail worker killed mid-send: `overblik serve` is killed with SIGKILL while the SMTP
//! server (PyPI's aiosmtpd) is taking one of a batch's e-mails. After a restart every notice
//! is delivered, and none twice.

mod common;

use chrono::{Duration, Timelike, Utc};
use common::Deployment;
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_model::notify::{Confirmation, Happening, Notice, NoticeId, Preferences, Topic};
use overblik_model::{NationalId, SubjectKeySecret};
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

const SUBJECT_SECRET: &str = "notification-crash-subject-key-secret-0123";
const CITIZEN: &str = "010180-1111";
const APPOINTMENTS: usize = 12;

fn sink_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../overblik-server/tests/support/smtp_sink.py")
}

fn numbered(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("reads the folder")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?;
            (name.starts_with(prefix) && !name.ends_with(".tmp")).then_some(path)
        })
        .collect()
}

fn mails(dir: &Path) -> Vec<Value> {
    numbered(dir, "mail-")
        .into_iter()
        .map(|path| serde_json::from_slice(&std::fs::read(path).expect("reads")).expect("json"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_mail_is_sent_twice_after_the_server_is_killed_mid_send() {
    let smtp_port = common::free_port();
    let received = tempfile::tempdir().expect("a folder");
    // Each e-mail takes the SMTP server 150 ms to accept, so the kill lands mid-send.
    let mut sink = Command::new("python3")
        .arg(sink_script())
        .arg(smtp_port.to_string())
        .arg(received.path())
        .arg("150")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("python3 runs (this test needs Python 3 with aiosmtpd)");
    let mut lines = BufReader::new(sink.stdout.take().expect("a stdout")).lines();
    assert_eq!(
        lines.next_line().await.expect("reads").as_deref(),
        Some("ready"),
        "the SMTP server did not start: is aiosmtpd installed (pip install aiosmtpd)?"
    );

    let deployment = Deployment::new(SUBJECT_SECRET);
    let mut config = std::fs::read_to_string(&deployment.config).expect("reads the config");
    config.push_str(&format!(
        "\n[mail]\nsmtp_url = \"smtp://127.0.0.1:{smtp_port}\"\n\
         from = \"Overblik <no-reply@overblik.test>\"\nconcurrency = 1\nlease_seconds = 5\n\
         poll_milliseconds = 50\n"
    ));
    std::fs::write(&deployment.config, config).expect("writes the config");
    let key = ProviderKey::generate("hospital", KeyAlgorithm::Ed25519).expect("a key");
    let key_file = deployment.dir.path().join("hospital.key.pem");
    std::fs::write(&key_file, key.to_pem()).expect("writes the key");
    deployment.register("hospital", &key_file, &["89"]).await;

    // The citizen chose e-mail and confirmed the address (the pages' part of this is in the
    // server's own tests).
    let store = SqliteStore::open(&deployment.database_url())
        .await
        .expect("opens the store");
    let secret = SubjectKeySecret::new(SUBJECT_SECRET.as_bytes().to_vec()).expect("long enough");
    let subject = secret.subject_key(&CITIZEN.parse::<NationalId>().expect("an id"));
    let now = Utc::now();
    let confirmation = Notice {
        id: NoticeId::random(),
        subject,
        happening: Happening::EmailConfirmation,
        key: "confirmation".to_owned(),
        record: None,
        moment: None,
        created_at: now,
        due_at: now + Duration::days(1),
        read_at: None,
        confirmation: Some(Confirmation {
            address: "citizen@example.dk".to_owned(),
            token: "unused".to_owned(),
        }),
    };
    store
        .change_email(
            &subject,
            Some(("citizen@example.dk", [7; 32], &confirmation)),
            now,
        )
        .await
        .expect("sets the address");
    store.confirm_email([7; 32], now).await.expect("confirms");
    store
        .put_notification_preferences(
            &subject,
            &Preferences {
                topics: [Topic::Appointment].into_iter().collect(),
                ..Preferences::default()
            },
        )
        .await
        .expect("chooses");

    let mut server = deployment.serve().await;
    let client = ProviderClient::new(&deployment.url, key);
    let start = (Utc::now() + Duration::days(3))
        .with_nanosecond(0)
        .expect("a time");
    let records: Vec<Value> = (0..APPOINTMENTS)
        .map(|i| {
            let at = start + Duration::days(i as i64);
            json!({
                "id": format!("a{i}"), "version": 1, "subject": CITIZEN, "kind": "appointment",
                "classification": "89", "updated_at": "2026-11-02T10:00:00Z",
                "details": {
                    "start": at.to_rfc3339(), "end": (at + Duration::hours(1)).to_rfc3339(),
                    "place": "Ambulatorium 3"
                }
            })
        })
        .collect();
    let pushed = client
        .push(
            serde_json::to_vec(&json!({"upserts": records})).expect("serializes"),
            "appointments",
        )
        .await
        .expect("pushes");
    assert_eq!(pushed.status, 200);

    // Killed while the SMTP server is taking the fifth e-mail.
    let waited = std::time::Instant::now();
    while numbered(received.path(), "started-").len() < 5 {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(60),
            "the worker sent nothing"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.start_kill().expect("SIGKILL is sent");
    server.wait().await.expect("the server is gone");
    let at_kill = mails(received.path()).len();
    assert!(
        (4..APPOINTMENTS).contains(&at_kill),
        "killed mid-batch, after {at_kill} e-mails"
    );

    let mut server = deployment.serve().await;
    let waited = std::time::Instant::now();
    while mails(received.path()).len() < APPOINTMENTS {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(60),
            "only {} of {APPOINTMENTS} e-mails arrived after the restart",
            mails(received.path()).len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Time for a duplicate to show, were one coming.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let delivered = mails(received.path());
    let mut ids: Vec<&str> = delivered
        .iter()
        .map(|mail| mail["message_id"].as_str().expect("an id"))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(delivered.len(), APPOINTMENTS, "none twice, none lost");
    assert_eq!(ids.len(), APPOINTMENTS, "each e-mail is its own notice");
    assert!(
        delivered.iter().all(|mail| mail["subject"] == "Ny aftale"
            && mail["rcpt_to"] == json!(["citizen@example.dk"]))
    );
    let stats = store.outbox_stats(Utc::now()).await.expect("stats");
    assert_eq!(stats.due, 0);
    server.start_kill().expect("stops");
    sink.start_kill().expect("stops");
}
