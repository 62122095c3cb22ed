//! Helpers for tests that run the real `overblik` binary.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// The `overblik` binary, quiet and killed when dropped.
pub fn overblik() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_overblik"));
    command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    command
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// A deployment in a temporary folder: its config, database and URL.
pub struct Deployment {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub database: PathBuf,
    pub url: String,
}

impl Deployment {
    pub fn new(subject_key_secret: &str) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let port = free_port();
        let database = dir.path().join("overblik.db");
        let config = dir.path().join("overblik.toml");
        std::fs::write(
            &config,
            format!(
                "database_url = \"sqlite://{}\"\nlisten = \"127.0.0.1:{port}\"\n\
                 subject_key_secret = \"{subject_key_secret}\"\n\
                 token_secret = \"test-token-secret-0123456789abcdef0123\"\n\
                 log_key = \"{}\"\n",
                database.display(),
                overblik_ledger::LogKey::generate(&format!("127.0.0.1:{port}/log")).private()
            ),
        )
        .expect("writes the config");
        Self {
            dir,
            config,
            database,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.database.display())
    }

    /// Registers a provider through `overblik provider register`.
    pub async fn register(&self, provider: &str, key: &Path, classifications: &[&str]) {
        let mut command = overblik();
        command
            .args([
                "provider",
                "register",
                "--provider",
                provider,
                "--name",
                provider,
                "--config",
            ])
            .arg(&self.config)
            .arg("--key")
            .arg(key);
        for classification in classifications {
            command.args(["--classification", classification]);
        }
        assert!(
            command.status().await.expect("runs").success(),
            "{provider} registers"
        );
    }

    /// Starts `overblik serve` and waits until it answers.
    pub async fn serve(&self) -> Child {
        let child = overblik()
            .args(["serve", "--config"])
            .arg(&self.config)
            .spawn()
            .expect("the server starts");
        wait_for_health(&self.url).await;
        child
    }
}

pub async fn wait_for_health(url: &str) {
    let http = reqwest::Client::new();
    for _ in 0..400 {
        if http
            .get(format!("{url}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up at {url}");
}
