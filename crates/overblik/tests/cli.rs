//! The provider commands of the `overblik` binary, run as a provider would run them.

mod common;

use common::{Deployment, overblik};
use std::process::Output;

async fn run(args: &[&str]) -> Output {
    let mut command = overblik();
    command
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    command.output().await.expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn every_sample_payload_is_valid() {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    // One sample per kind, so that a new kind comes with its sample.
    for kind in overblik_model::Kind::ALL.iter().map(|kind| kind.as_str()) {
        let file = format!("{examples}/{kind}.json");
        let output = run(&["provider", "validate", &file]).await;
        assert!(output.status.success(), "{kind}: {}", text(&output.stderr));
        assert!(text(&output.stderr).contains("records are valid"));
        let body: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).expect("reads")).expect("json");
        let records = body["upserts"].as_array().expect("upserts");
        assert!(
            records.iter().all(|record| record["kind"] == kind),
            "{kind}.json holds only {kind} records"
        );
    }
}

#[tokio::test]
async fn validate_names_each_bad_field_by_its_place_in_the_file() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("bad.json");
    let mut records: Vec<serde_json::Value> = (0..1500)
        .map(|i| {
            serde_json::json!({
                "id": format!("d{i}"), "version": 1, "subject": "010190-1234", "kind": "deadline",
                "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
            })
        })
        .collect();
    records[1234]["details"]["due"] = serde_json::json!("2026-13-01");
    std::fs::write(
        &file,
        serde_json::to_vec(&serde_json::json!({"upserts": records})).expect("json"),
    )
    .expect("writes");
    let output = run(&["provider", "validate", file.to_str().expect("utf-8")]).await;
    assert!(!output.status.success());
    let report = text(&output.stderr);
    assert!(
        report.contains("/upserts/1234/details/due: must be a real calendar date"),
        "{report}"
    );
    assert!(
        !report.contains("010190"),
        "no national identifier in the report"
    );
}

/// A Dutch authority's file: a BSN, a catalogue code of the Dutch catalogue, a refund in
/// euros and a text in Dutch.
#[tokio::test]
async fn validate_checks_a_file_by_the_country_it_is_for() {
    let dir = tempfile::tempdir().expect("a folder");
    let write = |name: &str, subject: &str| {
        let file = dir.path().join(name);
        let body = serde_json::json!({"upserts": [{
            "id": "p1", "version": 1, "subject": subject, "kind": "payment",
            "classification": "01.01", "updated_at": "2026-11-01T10:00:00Z",
            "title": {"nl": "Terugbetaling leges", "en": "Refund of fees"},
            "details": {"date": "2026-11-20", "direction": "to_citizen",
                "gross": {"amount": -12.5, "currency": "EUR"},
                "tax": {"amount": 0, "currency": "EUR"},
                "net": {"amount": -12.5, "currency": "EUR"},
                "payment_status": "paid"}
        }]});
        std::fs::write(&file, serde_json::to_vec(&body).expect("json")).expect("writes");
        file.to_str().expect("utf-8").to_owned()
    };
    let good = write("good.json", "111222333");
    let output = run(&["provider", "validate", &good, "--country", "nl"]).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    // The same file is not a Danish one: a BSN is no CPR number.
    let output = run(&["provider", "validate", &good]).await;
    assert!(!output.status.success());
    let report = text(&output.stderr);
    assert!(
        report.contains("/upserts/0/subject: must be ten digits"),
        "{report}"
    );
    assert!(!report.contains("111222333"), "{report}");
    // A BSN that fails the eleven test.
    let bad = write("bad.json", "111222334");
    let output = run(&["provider", "validate", &bad, "--country", "nl"]).await;
    assert!(!output.status.success());
    let report = text(&output.stderr);
    assert!(
        report.contains("/upserts/0/subject: its check digit (eleven test) does not match"),
        "{report}"
    );
    assert!(!report.contains("111222334"), "{report}");
    let output = run(&["provider", "validate", &good, "--country", "xx"]).await;
    assert!(text(&output.stderr).contains("is not dk, cat or nl"));
    // A deployment changed from its preset (the Dutch one with Estonian identifiers): its
    // configuration's [country] table decides.
    let config = dir.path().join("overblik.toml");
    std::fs::write(
        &config,
        "[country]\npreset = \"nl\"\nidentity_scheme = \"isikukood\"\n",
    )
    .expect("writes");
    let config = config.to_str().expect("utf-8");
    let estonian = write("estonian.json", "37605030299");
    let output = run(&["provider", "validate", &estonian, "--config", config]).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    let output = run(&["provider", "validate", &good, "--config", config]).await;
    assert!(!output.status.success(), "a BSN is no isikukood");
}

#[tokio::test]
async fn a_wrong_country_setting_stops_serve_naming_it() {
    let dir = tempfile::tempdir().expect("a folder");
    let config = dir.path().join("overblik.toml");
    std::fs::write(&config, "[country]\ncurrency = \"EURO\"\n").expect("writes");
    let output = run(&["serve", "--config", config.to_str().expect("utf-8")]).await;
    assert!(!output.status.success());
    let said = text(&output.stderr);
    assert!(
        said.contains("country.currency must be an ISO 4217 code such as EUR"),
        "{said}"
    );
}

#[tokio::test]
async fn keygen_register_token_and_push_work_together() {
    let deployment = Deployment::new("cli-test-subject-key-secret-0123456789");
    let keys = deployment.dir.path().join("keys");
    let output = run(&[
        "provider",
        "keygen",
        "--provider",
        "eksempel-kommune",
        "--out",
        keys.to_str().expect("utf-8"),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    let private = keys.join("eksempel-kommune.key.pem");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&private)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "the private key is readable by its owner only"
        );
    }
    deployment
        .register(
            "eksempel-kommune",
            &keys.join("eksempel-kommune.jwk.json"),
            &["02", "27", "28"],
        )
        .await;
    let _server = deployment.serve().await;

    let key = private.to_str().expect("utf-8");
    let token = run(&["provider", "token", "--url", &deployment.url, "--key", key]).await;
    assert!(token.status.success(), "{}", text(&token.stderr));
    assert_eq!(
        text(&token.stdout).trim().split('.').count(),
        3,
        "a JWT on stdout"
    );

    let case = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/case.json");
    let first = run(&[
        "provider",
        "push",
        case,
        "--url",
        &deployment.url,
        "--key",
        key,
    ])
    .await;
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stderr).contains("3 written"));
    let again = run(&[
        "provider",
        "push",
        case,
        "--url",
        &deployment.url,
        "--key",
        key,
    ])
    .await;
    assert!(again.status.success());
    assert!(
        text(&again.stderr).contains("had been pushed before"),
        "{}",
        text(&again.stderr)
    );

    // A file outside the registration is refused with the record named.
    let debts = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/debt.json");
    let refused = run(&[
        "provider",
        "push",
        debts,
        "--url",
        &deployment.url,
        "--key",
        key,
    ])
    .await;
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("/upserts/0/classification"),
        "{}",
        text(&refused.stderr)
    );
}

#[tokio::test]
async fn migrate_creates_the_database_and_serve_refuses_missing_secrets() {
    let deployment = Deployment::new("cli-test-subject-key-secret-0123456789");
    let config = deployment.config.to_str().expect("utf-8");
    let migrated = run(&["migrate", "--config", config]).await;
    assert!(migrated.status.success(), "{}", text(&migrated.stderr));
    assert!(deployment.database.exists());
    let again = run(&["migrate", "--config", config]).await;
    assert!(again.status.success(), "migrating twice is harmless");

    let bare = deployment.dir.path().join("bare.toml");
    std::fs::write(&bare, "database_url = \"sqlite::memory:\"\n").expect("writes");
    let refused = run(&["serve", "--config", bare.to_str().expect("utf-8")]).await;
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("subject_key_secret is not set"),
        "{}",
        text(&refused.stderr)
    );
}

/// With `metrics_listen` set, `/metrics` is served on that address alone: not on the public
/// listener, and nothing else is served beside it.
#[tokio::test]
async fn metrics_can_listen_on_an_address_of_their_own() {
    let deployment = Deployment::new("metrics-listen-subject-key-secret-0123456789");
    let metrics = format!("127.0.0.1:{}", common::free_port());
    let mut config = std::fs::read_to_string(&deployment.config).expect("reads");
    config.push_str(&format!("metrics_listen = \"{metrics}\"\n"));
    std::fs::write(&deployment.config, config).expect("writes");
    let _server = deployment.serve().await;
    let http = reqwest::Client::new();
    let get = async |url: String| {
        let response = http.get(&url).send().await.expect("answers");
        (
            response.status().as_u16(),
            response.text().await.expect("text"),
        )
    };
    let (status, _) = get(format!("{}/metrics", deployment.url)).await;
    assert_eq!(status, 404, "no metrics on the public listener");
    let (status, text) = get(format!("http://{metrics}/metrics")).await;
    assert_eq!(status, 200);
    assert!(text.contains("# TYPE"), "{text}");
    let (status, _) = get(format!("http://{metrics}/healthz")).await;
    assert_eq!(status, 404, "only metrics on the metrics listener");
}

/// An SQLite database serves from one process: a second `serve` on the same file (on another
/// port) refuses to start and says why, while the first goes on serving and other commands
/// still open the store beside it.
#[tokio::test]
async fn a_second_server_on_one_sqlite_file_refuses_to_start() {
    let deployment = Deployment::new("second-server-subject-key-secret-0123456789");
    let _first = deployment.serve().await;
    let second_config = deployment.dir.path().join("second.toml");
    let config = std::fs::read_to_string(&deployment.config).expect("reads");
    let port = common::free_port();
    let config = config
        .lines()
        .map(|line| match line.starts_with("listen") {
            true => format!("listen = \"127.0.0.1:{port}\""),
            false => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&second_config, config).expect("writes");
    let refused = run(&["serve", "--config", second_config.to_str().expect("utf-8")]).await;
    assert!(!refused.status.success());
    let said = text(&refused.stderr);
    assert!(
        said.contains("in use by another Overblik process") && said.contains("PostgreSQL"),
        "{said}"
    );
    let answer = reqwest::get(format!("{}/healthz", deployment.url))
        .await
        .expect("the first still answers");
    assert_eq!(answer.status(), 200);

    let keys = deployment.dir.path().join("keys");
    let out = keys.to_str().expect("utf-8");
    let made = run(&["provider", "keygen", "--provider", "tax", "--out", out]).await;
    assert!(made.status.success(), "{}", text(&made.stderr));
    deployment
        .register("tax", &keys.join("tax.key.pem"), &["85"])
        .await;
}

/// The memory settings are checked before anything opens: none of them may be zero.
#[tokio::test]
async fn serve_refuses_a_memory_budget_of_nothing() {
    let deployment = Deployment::new("memory-budget-subject-key-secret-0123456789");
    for (setting, said) in [
        (
            "database_connections = 0",
            "database_connections must be at least 1",
        ),
        (
            "sqlite_page_cache_mib = 0",
            "sqlite_page_cache_mib must be at least 1",
        ),
    ] {
        let mut config = std::fs::read_to_string(&deployment.config).expect("reads");
        config.push_str(setting);
        let file = deployment.dir.path().join("budget.toml");
        std::fs::write(&file, config).expect("writes");
        let refused = run(&["serve", "--config", file.to_str().expect("utf-8")]).await;
        assert!(!refused.status.success(), "{setting}");
        assert!(
            text(&refused.stderr).contains(said),
            "{}",
            text(&refused.stderr)
        );
    }
}

#[tokio::test]
async fn the_operator_registers_a_service_and_lists_it_and_a_wrong_field_is_named() {
    let deployment = Deployment::new("cli-test-subject-key-secret-0123456789");
    let keys = deployment.dir.path().join("keys");
    let made = run(&[
        "provider",
        "keygen",
        "--provider",
        "budget-app",
        "--algorithm",
        "es256",
        "--out",
        keys.to_str().expect("utf-8"),
    ])
    .await;
    assert!(made.status.success(), "{}", text(&made.stderr));
    let config = deployment.config.to_str().expect("utf-8").to_owned();
    let key = keys.join("budget-app.jwk.json");
    let register = |areas: &'static str| {
        let (config, key) = (config.clone(), key.clone());
        async move {
            run(&[
                "client",
                "register",
                "--config",
                &config,
                "--id",
                "budget-app",
                "--name",
                "Budget App ApS",
                "--description",
                "Suggests a budget",
                "--privacy-policy",
                "https://budget.example/privacy",
                "--redirect-uri",
                "https://budget.example/back",
                "--key",
                key.to_str().expect("utf-8"),
                "--areas",
                areas,
                "--kinds",
                "benefit,payment",
                "--purpose",
                "Budget check",
            ])
            .await
        }
    };
    let wrong = register("economy,moon").await;
    assert!(!wrong.status.success());
    assert!(
        text(&wrong.stderr).contains("--areas: moon is not a life area"),
        "{}",
        text(&wrong.stderr)
    );
    let registered = register("economy,benefits").await;
    assert!(registered.status.success(), "{}", text(&registered.stderr));
    let listed = run(&["client", "list", "--config", &config]).await;
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let listed = text(&listed.stdout);
    assert!(
        listed
            .contains("budget-app\tBudget App ApS\tbenefits,economy\thttps://budget.example/back"),
        "{listed}"
    );
}
