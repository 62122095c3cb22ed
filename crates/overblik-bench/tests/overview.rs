//! The overview benchmark runs end to end on a small store, and a second run on the same
//! store starts its access log from empty, so that runs compare.

use sqlx::sqlite::SqlitePoolOptions;
use std::path::Path;
use std::process::Command;

fn run(data: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_overblik-bench"))
        .args(["overview", "--citizens", "20", "--signed-in", "10"])
        .args(["--concurrency", "2", "--duration", "1", "--data"])
        .arg(data)
        .output()
        .expect("the benchmark starts");
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{printed}\n{errors}");
    assert!(printed.contains("requests/s"), "{printed}");
    printed
}

/// The random salt of the log's first entry: a log begun again has another.
async fn first_salt(data: &Path) -> Vec<u8> {
    let url = format!("sqlite://{}", data.join("overview-access-log.db").display());
    let log = SqlitePoolOptions::new()
        .connect(&url)
        .await
        .expect("opens the access log");
    let (salt,): (Vec<u8>,) =
        sqlx::query_as("SELECT salt FROM access_entries ORDER BY leaf LIMIT 1")
            .fetch_one(&log)
            .await
            .expect("the log has a first entry");
    log.close().await;
    salt
}

#[tokio::test]
async fn a_reused_store_starts_its_access_log_from_empty() {
    let data = tempfile::tempdir().expect("a temporary folder");
    let first = run(data.path());
    assert!(first.contains("built in"), "{first}");
    let salt = first_salt(data.path()).await;
    let second = run(data.path());
    assert!(second.contains("reused"), "{second}");
    assert_ne!(
        first_salt(data.path()).await,
        salt,
        "the first run's log was kept"
    );
}
