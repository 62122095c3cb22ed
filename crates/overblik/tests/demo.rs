//! `overblik demo` builds its country through the real provider API and serves it.

mod common;

use common::overblik;
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use std::collections::BTreeMap;
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, BufReader};

const CITIZENS: usize = 60;
const SEED: u64 = 11;

#[tokio::test]
async fn the_demo_pushes_every_record_through_the_provider_api() {
    let dir = tempfile::tempdir().expect("a folder");
    let data = dir.path().join("demo");
    let mut demo = overblik()
        .args([
            "demo",
            "--port",
            "0",
            "--citizens",
            &CITIZENS.to_string(),
            "--seed",
            &SEED.to_string(),
            "--data",
        ])
        .arg(&data)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the demo starts");
    let mut lines = BufReader::new(demo.stdout.take().expect("stdout")).lines();
    let mut printed = Vec::new();
    while let Some(line) = lines.next_line().await.expect("reads") {
        let done = line.contains("Stop with Ctrl-C");
        printed.push(line);
        if done {
            break;
        }
    }
    let url = printed
        .iter()
        .find_map(|line| {
            line.split_whitespace()
                .find(|word| word.starts_with("http://"))
        })
        .expect("the demo prints its URL")
        .to_owned();
    let featured: Vec<&String> = printed
        .iter()
        .filter(|line| line.trim_start().chars().nth(6) == Some('-'))
        .collect();
    assert_eq!(featured.len(), 5, "five featured citizens: {printed:#?}");
    assert!(
        printed
            .iter()
            .any(|line| line.contains(&format!("{url}/verify"))),
        "the demo says where anyone checks a certificate: {printed:#?}"
    );

    // What the generator made, by authority.
    let mut expected: BTreeMap<&str, u64> = BTreeMap::new();
    for citizen in overblik_demo::citizens(SEED, CITIZENS, chrono::Utc::now().date_naive()) {
        for (authority, _) in &citizen.records {
            *expected.entry(authority).or_default() += 1;
        }
    }
    // What the provider API counted as written, by authority.
    let metrics = reqwest::get(format!("{url}/metrics"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("text");
    let store = SqliteStore::open(&format!("sqlite://{}", data.join("overblik.db").display()))
        .await
        .expect("opens");
    for (authority, count) in &expected {
        let line = format!(
            "overblik_provider_records_total{{provider=\"{authority}\",result=\"upserted\"}} {count}"
        );
        assert!(
            metrics.contains(&line),
            "the API wrote {count} records for {authority}"
        );
        let id = authority.parse().expect("an id");
        assert_eq!(
            store.record_count(Some(&id)).await.expect("counts"),
            *count,
            "{authority} in the store"
        );
    }
    assert!(
        data.join("keys/skattestyrelsen.key.pem").exists(),
        "the keys are written under DIR"
    );
    demo.start_kill().expect("stops");
}
