//! Helpers for tests that run the real `overblik` binary.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the helpers"
)]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

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
                 log_key = \"{}\"\n\
                 certificate_keys = [\"\"\"\n{}\"\"\"]\n",
                database.display(),
                overblik_ledger::LogKey::generate(&format!("127.0.0.1:{port}/log")).private(),
                overblik_certificate::IssuerKey::generate().to_pem()
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

/// A running `overblik demo`, with what it printed.
pub struct Demo {
    pub child: Child,
    pub url: String,
    /// The featured citizens' national identifiers.
    pub featured: Vec<String>,
    /// Every line up to the last of the summary.
    pub printed: Vec<String>,
    /// Kept open so that the demo can still write to its stdout.
    _stdout: Lines<BufReader<ChildStdout>>,
}

/// Starts `overblik demo` in `data` and reads its URL and featured citizens.
pub async fn start_demo(data: &Path, port: u16, citizens: &str) -> Demo {
    start_demo_with(data, &["--port", &port.to_string(), "--citizens", citizens]).await
}

/// Starts `overblik demo` with `args` in `data` and reads its URL and featured citizens.
pub async fn start_demo_with(data: &Path, args: &[&str]) -> Demo {
    let mut child = overblik()
        .arg("demo")
        .args(args)
        .arg("--data")
        .arg(data)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the demo starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut printed = Vec::new();
    let read = async {
        while let Some(line) = lines.next_line().await.expect("reads") {
            let done = line.contains("Stop with Ctrl-C");
            printed.push(line);
            if done {
                return true;
            }
        }
        false
    };
    let ready = tokio::time::timeout(Duration::from_secs(180), read)
        .await
        .unwrap_or(false);
    assert!(ready, "the demo did not come up: {printed:#?}");
    let url = printed
        .iter()
        .find_map(|line| {
            line.split_whitespace()
                .find(|word| word.starts_with("http://"))
        })
        .expect("the demo prints its URL")
        .trim_end_matches('/')
        .to_owned();
    // The featured citizens follow the line that says how to sign in, up to a blank line;
    // each line starts with the citizen's national identifier.
    let featured: Vec<String> = printed
        .iter()
        .skip_while(|line| !line.contains("sign in with one of these citizens"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect();
    assert_eq!(featured.len(), 5, "five featured citizens: {printed:#?}");
    Demo {
        child,
        url,
        featured,
        printed,
        _stdout: lines,
    }
}

/// The values of a form's hidden fields.
pub fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|input| {
            let attribute = |name: &str| {
                let start =
                    input.find(&format!("{name}=\"")).expect("the attribute") + name.len() + 2;
                let end = start + input[start..].find('"').expect("a closing quote");
                input[start..end]
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&")
            };
            (attribute("name"), attribute("value"))
        })
        .collect()
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .expect("a redirect")
        .to_owned()
}

/// Signs `national_id` in through the demo's development identity provider, starting at
/// `start` (`/login`, or a page that sends a signed-out citizen there); returns the browser
/// and where the sign-in sent it.
pub async fn sign_in_from(start: &str, national_id: &str) -> (reqwest::Client, String) {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let mut next = start.to_owned();
    // To the sign-in, and on to the provider's form.
    while !next.contains("/dev-idp/authorize") {
        let response = browser.get(&next).send().await.expect("answers");
        assert_eq!(response.status(), 303, "{next}");
        let to = location(&response);
        next = if to.starts_with('/') {
            let origin = url_origin(start);
            format!("{origin}{to}")
        } else {
            to
        };
    }
    let form = browser.get(&next).send().await.expect("answers");
    let mut fields = hidden_fields(&form.text().await.expect("html"));
    fields.push(("national_id".to_owned(), national_id.to_owned()));
    let origin = url_origin(start);
    let back = browser
        .post(format!("{origin}/dev-idp/authorize"))
        .form(&fields)
        .send()
        .await
        .expect("answers");
    let signed_in = browser.get(location(&back)).send().await.expect("answers");
    assert_eq!(signed_in.status(), 303, "signed in as a featured citizen");
    let landed = location(&signed_in);
    (browser, landed)
}

/// `scheme://host:port` of `url`.
fn url_origin(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |at| after_scheme + at);
    url[..end].to_owned()
}
