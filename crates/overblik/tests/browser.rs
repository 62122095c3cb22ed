//! Citizens' pages in a real browser: headless Chromium, driven by Playwright from the
//! scripts in `browser/`, walks the demo (the Danish one, the Catalan one in Catalan and in
//! Spanish, and the Dutch one) and checks every page against WCAG 2.1 A and AA with
//! axe-core; a citizen gives another a power of attorney, who acts with it and loses it
//! when it is revoked; a citizen reports an error in a record and follows the authority's
//! answer, given through the provider API; a citizen shares data by consent with the demo's
//! bank, played by a real OAuth client (`openid-client`), narrows it, sees it used and
//! revokes it; a citizen has a certificate issued, anyone checks it on `/verify` (by code,
//! PDF or pasted text, forged and unknown too) and it is revoked; and a citizen signs in
//! through a third-party OpenID provider (`oidc-provider`) on its own login, consent and
//! sign-out pages.
//!
//! These need Node.js, the packages in `browser/` and Debian's Chromium; `./scripts/test`
//! installs the last two. Screenshots of every page land in `target/browser-screenshots/`.

mod common;

use common::{free_port, overblik, start_demo, wait_for_health};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

/// Debian's Chromium, the browser the scripts launch.
const CHROMIUM: &str = "/usr/bin/chromium";
/// How long one walk may take before it counts as hung.
const WALK_LIMIT: Duration = Duration::from_secs(300);
const CITIZENS: &str = "40";

/// The workspace's root, where `browser/` and `target/` are.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// Fails, saying how to get them, unless Node.js, the scripts' packages and Chromium are
/// there: a browser test that quietly skips would pass on a machine that checks nothing.
fn require_browser_tools() {
    let root = workspace();
    let mut missing = Vec::new();
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !node {
        missing.push("Node.js (`node`): install Node.js 20 or later with npm".to_owned());
    }
    for package in [
        "playwright-core",
        "axe-core",
        "oidc-provider",
        "openid-client",
        "lighthouse",
    ] {
        if !root.join("browser/node_modules").join(package).exists() {
            missing.push(format!(
                "browser/node_modules/{package}: run `npm ci --prefix browser`"
            ));
        }
    }
    if !Path::new(CHROMIUM).exists() {
        missing.push(format!(
            "{CHROMIUM}: install Debian's Chromium with `apt-get install chromium`"
        ));
    }
    assert!(
        missing.is_empty(),
        "the browser tests cannot run; missing:\n  {}\n`./scripts/test` installs what is missing.",
        missing.join("\n  ")
    );
}

/// Runs `node browser/<script>` from the workspace root with `env`, killed when it hangs.
async fn node(script: &str, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new("node");
    command
        .arg(format!("browser/{script}"))
        .current_dir(workspace())
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .kill_on_drop(true);
    tokio::time::timeout(WALK_LIMIT, command.output())
        .await
        .unwrap_or_else(|_| panic!("{script} did not finish within {WALK_LIMIT:?}"))
        .expect("node runs")
}

/// Where the walks put their screenshots.
fn screenshots() -> String {
    workspace()
        .join("target/browser-screenshots")
        .display()
        .to_string()
}

fn assert_walked(script: &str, output: &Output, logs: &str) {
    assert!(
        output.status.success(),
        "{script} failed ({}):\n--- its output\n{}{}\n{logs}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

#[tokio::test]
async fn every_featured_citizen_walks_the_demo_in_a_browser_and_every_page_passes_axe() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, CITIZENS).await;
    let citizens = demo.featured.join(",");
    let screenshots = screenshots();
    let output = node(
        "citizen-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("citizen-walk.mjs", &output, "");
}

/// Walks the demo of `country` as citizens whose browsers ask for `languages[0]`, the
/// deployment's interface languages in the order the walk takes them; screenshots go to
/// a folder of their own.
async fn walk_country(country: &str, languages: &str) {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let demo = common::start_demo_with(
        &dir.path().join("demo"),
        &["--port", "0", "--citizens", CITIZENS, "--country", country],
    )
    .await;
    let citizens = demo.featured.join(",");
    let locale = languages.split(',').next().expect("a language");
    let screenshots = format!("{}/{country}-{locale}", screenshots());
    let output = node(
        "citizen-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("OVERBLIK_LANGUAGES", languages),
            ("OVERBLIK_LOCALE", locale),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("citizen-walk.mjs", &output, "");
}

#[tokio::test]
async fn the_catalan_demo_walks_in_catalan_and_every_page_passes_axe() {
    walk_country("cat", "ca,es,en").await;
}

#[tokio::test]
async fn the_catalan_demo_walks_in_spanish_and_every_page_passes_axe() {
    walk_country("cat", "es,ca,en").await;
}

#[tokio::test]
async fn the_dutch_demo_walks_and_every_page_passes_axe() {
    walk_country("nl", "en").await;
}

#[tokio::test]
async fn a_citizen_grants_a_power_of_attorney_and_the_holder_acts_and_loses_access_in_a_browser() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, CITIZENS).await;
    let screenshots = screenshots();
    let output = node(
        "acting-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_GRANTOR", &demo.featured[0]),
            ("OVERBLIK_HOLDER", &demo.featured[1]),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("acting-walk.mjs", &output, "");
}

#[tokio::test]
async fn a_citizen_reports_an_error_and_follows_the_authoritys_answer_in_a_browser() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start_demo(&data, 0, CITIZENS).await;
    let screenshots = screenshots();
    let keys = data.join("keys").display().to_string();
    let output = node(
        "report-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZEN", &demo.featured[0]),
            ("OVERBLIK_BIN", env!("CARGO_BIN_EXE_overblik")),
            ("OVERBLIK_KEYS", &keys),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("report-walk.mjs", &output, "");
}

#[tokio::test]
async fn a_citizen_shares_data_with_a_recipient_narrows_and_revokes_the_consent_in_a_browser() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start_demo(&data, 0, CITIZENS).await;
    let citizens = demo.featured.join(",");
    let bank_key = data
        .join("keys/eksempel-bank.key.pem")
        .display()
        .to_string();
    let screenshots = screenshots();
    let output = node(
        "share-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("OVERBLIK_BANK_KEY", &bank_key),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("share-walk.mjs", &output, "");
}

#[tokio::test]
async fn a_citizen_issues_a_certificate_anyone_checks_it_and_it_is_revoked_in_a_browser() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, CITIZENS).await;
    let citizens = demo.featured.join(",");
    let downloads = dir.path().join("downloads").display().to_string();
    let screenshots = screenshots();
    let output = node(
        "certificates-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("DOWNLOAD_DIR", &downloads),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    assert_walked("certificates-walk.mjs", &output, "");
}

#[tokio::test]
async fn a_citizen_arranges_the_overview_follows_advice_and_signs_out_everywhere_else_in_a_browser()
{
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let demo = start_demo(&data, 0, CITIZENS).await;
    // An authority the operator registers beside the demo's, which has delivered nothing.
    let missing = "Familieretshuset";
    let keys = dir.path().join("keys");
    for args in [
        vec!["provider", "keygen", "--provider", "familieret", "--out"],
        vec![
            "provider",
            "register",
            "--provider",
            "familieret",
            "--name",
            missing,
            "--classification",
            "28.01",
            "--stale-after-days",
            "1",
            "--config",
        ],
    ] {
        let mut command = overblik();
        command.args(&args);
        match args[1] {
            "keygen" => command.arg(&keys),
            _ => command
                .arg(data.join("overblik.toml"))
                .arg("--key")
                .arg(keys.join("familieret.key.pem")),
        };
        let status = command.status().await.expect("overblik runs");
        assert!(status.success(), "overblik {args:?}");
    }
    let citizens = demo.featured.join(",");
    let screenshots = format!("{}/overview", screenshots());
    let output = node(
        "overview-walk.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("SCREENSHOT_DIR", &screenshots),
            ("OVERBLIK_MISSING", missing),
        ],
    )
    .await;
    assert_walked("overview-walk.mjs", &output, "");
}

#[tokio::test]
async fn lighthouse_on_a_phone_finds_the_overview_accessible_well_made_and_fast() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let demo = start_demo(&dir.path().join("demo"), 0, CITIZENS).await;
    let citizens = demo.featured.join(",");
    let reports = workspace().join("target/lighthouse").display().to_string();
    let output = node(
        "lighthouse.mjs",
        &[
            ("OVERBLIK_URL", &demo.url),
            ("OVERBLIK_CITIZENS", &citizens),
            ("REPORT_DIR", &reports),
        ],
    )
    .await;
    assert_walked("lighthouse.mjs", &output, "");
}

/// The client Overblik is at the third-party provider.
const CLIENT_ID: &str = "overblik";
const CLIENT_SECRET: &str = "browser-test-client-secret-0123456789";

#[tokio::test]
async fn a_citizen_signs_in_and_out_through_a_third_party_openid_provider() {
    require_browser_tools();
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let (port, issuer_port) = (free_port(), free_port());

    // The demo's country, written once; the demo itself then steps aside for `serve`.
    let mut demo = start_demo(&data, port, CITIZENS).await;
    let citizen = demo.featured[0].clone();
    demo.child.kill().await.expect("the demo stops");
    let url = demo.url.clone();
    drop(demo);

    let issuer_log = dir.path().join("issuer.log");
    let mut issuer = Command::new("node")
        .arg("browser/oidc-issuer.mjs")
        .current_dir(workspace())
        .env("ISSUER_PORT", issuer_port.to_string())
        .env("OVERBLIK_URL", &url)
        .env("CLIENT_ID", CLIENT_ID)
        .env("CLIENT_SECRET", CLIENT_SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&issuer_log).expect("a log file"))
        .kill_on_drop(true)
        .spawn()
        .expect("the issuer starts");
    let mut issuer_out = BufReader::new(issuer.stdout.take().expect("stdout")).lines();
    let ready = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = issuer_out.next_line().await.expect("reads") {
            if let Some(at) = line.strip_prefix("oidc-issuer ready at ") {
                return Some(at.to_owned());
            }
        }
        None
    })
    .await
    .ok()
    .flatten();
    let issuer_url = ready.unwrap_or_else(|| {
        panic!(
            "the issuer did not start:\n{}",
            std::fs::read_to_string(&issuer_log).unwrap_or_default()
        )
    });

    let server_log = dir.path().join("server.log");
    let _server = overblik()
        .args(["serve", "--config"])
        .arg(data.join("overblik.toml"))
        .env("OVERBLIK_PUBLIC_URL", &url)
        .env("OVERBLIK_DEV_IDP", "false")
        .env("OVERBLIK_LOGIN__ISSUER_URL", &issuer_url)
        .env("OVERBLIK_LOGIN__CLIENT_ID", CLIENT_ID)
        .env("OVERBLIK_LOGIN__CLIENT_SECRET", CLIENT_SECRET)
        .env("OVERBLIK_LOGIN__NATIONAL_ID_CLAIM", "national_id")
        .stderr(std::fs::File::create(&server_log).expect("a log file"))
        .spawn()
        .expect("the server starts");
    wait_for_health(&url).await;

    let screenshots = screenshots();
    let output = node(
        "oidc-walk.mjs",
        &[
            ("OVERBLIK_URL", &url),
            ("ISSUER_URL", &issuer_url),
            ("OVERBLIK_CITIZEN", &citizen),
            ("SCREENSHOT_DIR", &screenshots),
        ],
    )
    .await;
    let logs = format!(
        "--- the server's log\n{}\n--- the issuer's log\n{}",
        std::fs::read_to_string(&server_log).unwrap_or_default(),
        std::fs::read_to_string(&issuer_log).unwrap_or_default()
    );
    assert_walked("oidc-walk.mjs", &output, &logs);
}
