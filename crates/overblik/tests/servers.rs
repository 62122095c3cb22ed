//! Several `overblik serve` processes on one PostgreSQL database: citizens sign in through a
//! real OpenID provider (a sign-in begun at one server ends at another), read and providers
//! push across all of them at once, the access log's integrator is killed with SIGKILL and
//! restarted, and a server's database connections are cut. Every answered read has exactly
//! one entry in its citizen's log, every citizen's log verifies against every server, and
//! every checkpoint ever signed is a root of the one tree.

mod common;

use common::{free_port, overblik, wait_for_health};
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_ledger::tree::Tree;
use overblik_ledger::{LedgerStore, LogKey, checkpoint};
use overblik_model::{NationalId, SubjectKey, SubjectKeySecret};
use overblik_server::login::{SESSION_LIMITS, session_key};
use overblik_store::roles::*;
use overblik_store_postgres::PostgresStore;
use overblik_store_postgres::testing::TestDatabase;
use reqwest::cookie::CookieStore;
use serde_json::json;
use sqlx::{Connection, PgConnection};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;
use tokio::sync::Mutex;

const SECRET: &str = "servers-test-subject-key-secret-0123456789";
const CITIZENS: usize = 6;
/// How long the integrator may take to seal what is pending, failover included.
const SEALED_WITHIN: Duration = Duration::from_secs(20);

fn national_id(citizen: usize) -> String {
    format!("0{}0190-12{citizen:02}", citizen + 1)
}

/// Every citizen's subject key.
fn subjects() -> Vec<SubjectKey> {
    let secret = SubjectKeySecret::new(SECRET.as_bytes().to_vec()).expect("long enough");
    (0..CITIZENS)
        .map(|citizen| {
            secret.subject_key(&national_id(citizen).parse::<NationalId>().expect("a CPR"))
        })
        .collect()
}

/// A session token started straight in the store (the connection-cut test).
fn token(citizen: usize) -> String {
    format!("servers-test-session-token-of-citizen-{citizen:02}")
}

/// Servers sharing one database and one configuration but their listening ports; with
/// `issuer`, citizens sign in through a real OpenID provider.
struct Cluster {
    database: TestDatabase,
    dir: tempfile::TempDir,
    configs: Vec<PathBuf>,
    urls: Vec<String>,
    servers: Vec<Option<Child>>,
    key: LogKey,
    issuer: Option<Issuer>,
}

/// `browser/oidc-issuer.mjs`: npm's `oidc-provider` with its own login and consent pages.
struct Issuer {
    url: String,
    _process: Child,
}

const CLIENT_ID: &str = "overblik";
const CLIENT_SECRET: &str = "servers-test-client-secret-0123456789";

impl Issuer {
    /// Starts the provider for Overblik at `overblik` (the address the balancer answers at,
    /// where sign-ins come back). Fails loudly without Node.js and `browser/node_modules`.
    async fn start(overblik: &str) -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(
            root.join("browser/node_modules/oidc-provider").exists(),
            "browser/node_modules/oidc-provider is missing: run `npm ci --prefix browser` \
             (`./scripts/test` does)"
        );
        let mut process = tokio::process::Command::new("node")
            .arg("browser/oidc-issuer.mjs")
            .current_dir(&root)
            .env("ISSUER_PORT", free_port().to_string())
            .env("OVERBLIK_URL", overblik)
            .env("CLIENT_ID", CLIENT_ID)
            .env("CLIENT_SECRET", CLIENT_SECRET)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("Node.js runs the OpenID provider (install Node.js 20 or later)");
        let mut lines = BufReader::new(process.stdout.take().expect("stdout")).lines();
        let url = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("reads") {
                if let Some(url) = line.strip_prefix("oidc-issuer ready at ") {
                    return Some(url.to_owned());
                }
            }
            None
        })
        .await
        .ok()
        .flatten()
        .expect("the OpenID provider starts");
        Self {
            url,
            _process: process,
        }
    }
}

impl Cluster {
    async fn new(count: usize, sign_in_through_issuer: bool) -> Self {
        let database = TestDatabase::create().await;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let key = LogKey::generate("overblik.test/log");
        // Every server signs certificates with the same key, as they share one database.
        let issuer_key = overblik_certificate::IssuerKey::generate().to_pem();
        let urls: Vec<String> = (0..count)
            .map(|_| format!("http://127.0.0.1:{}", free_port()))
            .collect();
        // Sign-ins come back to the first server's address, as to a balancer's.
        let issuer = match sign_in_through_issuer {
            true => Some(Issuer::start(&urls[0]).await),
            false => None,
        };
        let mut configs = Vec::new();
        for (n, url) in urls.iter().enumerate() {
            let config = dir.path().join(format!("server-{n}.toml"));
            let mut text = format!(
                "database_url = \"{}\"\nlisten = \"{}\"\n\
                 subject_key_secret = \"{SECRET}\"\n\
                 token_secret = \"test-token-secret-0123456789abcdef0123\"\n\
                 log_key = \"{}\"\nlog_checkpoint_seconds = 1\n\
                 certificate_keys = [\"\"\"\n{}\"\"\"]\n",
                database.url(),
                url.trim_start_matches("http://"),
                key.private(),
                issuer_key
            );
            if let Some(issuer) = &issuer {
                text.push_str(&format!(
                    "public_url = \"{}\"\n[login]\nissuer_url = \"{}\"\nclient_id = \"{CLIENT_ID}\"\n\
                     client_secret = \"{CLIENT_SECRET}\"\nnational_id_claim = \"national_id\"\n",
                    urls[0], issuer.url
                ));
            }
            std::fs::write(&config, text).expect("writes the config");
            configs.push(config);
        }
        let mut cluster = Self {
            database,
            dir,
            configs,
            urls,
            servers: Vec::new(),
            key,
            issuer,
        };
        // All at once on the fresh database: one migrates it, the others wait and find it
        // migrated.
        for n in 0..count {
            cluster.servers.push(Some(cluster.spawn(n)));
        }
        for url in &cluster.urls {
            wait_for_health(url).await;
        }
        cluster
    }

    fn spawn(&self, n: usize) -> Child {
        overblik()
            .args(["serve", "--config"])
            .arg(&self.configs[n])
            .spawn()
            .expect("the server starts")
    }

    async fn start(&mut self, n: usize) {
        self.servers[n] = Some(self.spawn(n));
        wait_for_health(&self.urls[n]).await;
    }

    async fn kill(&mut self, n: usize) {
        let mut child = self.servers[n].take().expect("running");
        child.start_kill().expect("SIGKILL is sent");
        child.wait().await.expect("the server is gone");
    }

    /// The server that says (on /metrics) it is the log's integrator, once one does.
    async fn integrator(&self) -> usize {
        let http = reqwest::Client::new();
        let waited = Instant::now();
        loop {
            for (n, url) in self.urls.iter().enumerate() {
                if self.servers[n].is_none() {
                    continue;
                }
                let Ok(response) = http.get(format!("{url}/metrics")).send().await else {
                    continue;
                };
                let text = response.text().await.unwrap_or_default();
                if text
                    .lines()
                    .any(|line| line == "overblik_access_log_integrator 1")
                {
                    return n;
                }
            }
            assert!(
                waited.elapsed() < SEALED_WITHIN,
                "no server became the integrator"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn store(&self) -> PostgresStore {
        PostgresStore::open(self.database.url())
            .await
            .expect("opens")
    }

    async fn provider(&self) -> Arc<ProviderClient> {
        let key = ProviderKey::generate("tax", KeyAlgorithm::Ed25519).expect("a key");
        let key_file = self.dir.path().join("tax.key.pem");
        std::fs::write(&key_file, key.to_pem()).expect("writes the key");
        let registered = overblik()
            .args(["provider", "register", "--provider", "tax", "--name", "Tax"])
            .args(["--classification", "85", "--config"])
            .arg(&self.configs[0])
            .arg("--key")
            .arg(&key_file)
            .status()
            .await
            .expect("runs");
        assert!(registered.success(), "the provider registers");
        Arc::new(ProviderClient::new(&self.urls[0], key))
    }

    /// Starts every citizen's session straight in the shared database (which every server
    /// honours), with [`token`].
    async fn start_sessions(&self) -> Vec<SubjectKey> {
        let store = self.store().await;
        let subjects = subjects();
        for (citizen, subject) in subjects.iter().enumerate() {
            store
                .start_session(
                    &session_key(&token(citizen)),
                    subject,
                    chrono::Utc::now(),
                    SESSION_LIMITS,
                )
                .await
                .expect("a session");
        }
        subjects
    }

    /// Signs `citizen` in through the OpenID provider, starting at server `start`: its
    /// login and consent pages, then back to the balancer's address (the first server),
    /// which ends on the overview (one read). Returns the session token.
    async fn sign_in_through_issuer(&self, citizen: usize, start: usize) -> String {
        let issuer = self.issuer.as_ref().expect("an OpenID provider");
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let browser = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .build()
            .expect("a client");
        let login = browser
            .get(format!("{}/login", self.urls[start]))
            .send()
            .await
            .expect("answers");
        assert!(
            login.url().as_str().starts_with(&issuer.url),
            "{}",
            login.url()
        );
        let at = login.url().clone();
        let page = login.text().await.expect("the login page");
        let consent = browser
            .post(at.join(&form_action(&page)).expect("a form address"))
            .form(&[
                ("prompt", "login"),
                ("login", national_id(citizen).as_str()),
                ("password", "any password"),
            ])
            .send()
            .await
            .expect("answers");
        let at = consent.url().clone();
        let consent = consent.text().await.expect("the consent page");
        let overview = browser
            .post(at.join(&form_action(&consent)).expect("a form address"))
            .form(&[("prompt", "consent")])
            .send()
            .await
            .expect("answers");
        assert_eq!(overview.status(), 200, "signed in, on {}", overview.url());
        assert_eq!(overview.url().as_str(), format!("{}/", self.urls[0]));
        let cookies = jar
            .cookies(&self.urls[0].parse().expect("a URL"))
            .expect("cookies");
        let cookies = cookies.to_str().expect("text");
        cookies
            .split("; ")
            .find_map(|pair| pair.strip_prefix("overblik_session="))
            .expect("a session cookie")
            .to_owned()
    }

    /// Waits until nothing is pending and returns the citizens' own entries, by citizen.
    async fn sealed_reads(&self, subjects: &[SubjectKey]) -> Vec<usize> {
        let store = self.store().await;
        let waited = Instant::now();
        loop {
            let (pending,): (i64,) = sqlx::query_as("SELECT count(*) FROM access_pending")
                .fetch_one(store.pool())
                .await
                .expect("counts");
            if pending == 0 {
                break;
            }
            assert!(
                waited.elapsed() < SEALED_WITHIN,
                "{pending} entries never sealed"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut counts = Vec::new();
        for subject in subjects {
            let (count,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM access_entries WHERE subject = $1 AND actor_id = 'citizen'",
            )
            .bind(subject.as_bytes().to_vec())
            .fetch_one(store.pool())
            .await
            .expect("counts");
            counts.push(usize::try_from(count).expect("a count"));
        }
        counts
    }

    /// The leaves are 0..n without a gap or a duplicate, and every checkpoint signed (by
    /// whichever integrator) is a root of the one tree the stored hashes make.
    async fn check_one_tree(&self) {
        let store = self.store().await;
        let (entries, distinct, largest): (i64, i64, Option<i64>) =
            sqlx::query_as("SELECT count(*), count(DISTINCT leaf), max(leaf) FROM access_entries")
                .fetch_one(store.pool())
                .await
                .expect("counts");
        assert_eq!(entries, distinct, "no leaf twice");
        assert_eq!(largest.map_or(0, |largest| largest + 1), entries, "no gap");
        let tree = Tree::from_stored(store.tree_hashes(0).await.expect("reads")).expect("whole");
        assert_eq!(tree.len(), u64::try_from(entries).expect("a count"));
        let checkpoints = store.access_checkpoints().await.expect("reads");
        assert!(!checkpoints.is_empty(), "checkpoints were signed");
        for (size, note) in &checkpoints {
            let signed = checkpoint::open(note, self.key.verifier()).expect("signed by the log");
            assert_eq!(signed.size(), *size);
            assert_eq!(tree.root(*size), *signed.hash(), "checkpoint of {size}");
        }
    }

    /// `overblik log verify` for `citizen` against server `n`, remembering what it saw in
    /// the citizen's state file, so each run also checks the checkpoints seen on the others.
    async fn verify(&self, citizen: usize, token: &str, n: usize) -> (bool, String) {
        let state = self.dir.path().join(format!("seen-{citizen}.json"));
        let output = overblik()
            .args(["log", "verify", "--url", &self.urls[n], "--session", token])
            .arg("--state")
            .arg(&state)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .await
            .expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }
}

/// The `action` of the first form on an HTML page.
fn form_action(page: &str) -> String {
    let start = page.find("action=\"").expect("a form") + "action=\"".len();
    let end = page[start..].find('"').expect("a quoted action") + start;
    page[start..end].replace("&amp;", "&")
}

/// What the readers saw: answered reads by citizen, reads cut off by a kill (whose entry may
/// be durable though the answer never came), and any answer a 5xx.
#[derive(Default)]
struct Seen {
    answered: BTreeMap<usize, usize>,
    cut_off: BTreeMap<usize, usize>,
    server_errors: Vec<String>,
    unavailable: usize,
}

/// Reads overviews, area lists and single records (`records`, one id per citizen) of every
/// citizen round the running servers until `stop`.
fn readers(
    urls: Vec<String>,
    up: Arc<Vec<AtomicBool>>,
    tokens: Arc<Vec<String>>,
    records: Arc<Vec<String>>,
    seen: Arc<Mutex<Seen>>,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinSet<()> {
    let mut tasks = tokio::task::JoinSet::new();
    let turn = Arc::new(AtomicUsize::new(0));
    for _ in 0..6 {
        let (urls, up, tokens, records, seen, stop, turn) = (
            urls.clone(),
            up.clone(),
            tokens.clone(),
            records.clone(),
            seen.clone(),
            stop.clone(),
            turn.clone(),
        );
        tasks.spawn(async move {
            let http = reqwest::Client::new();
            while !stop.load(Ordering::Relaxed) {
                let n = turn.fetch_add(1, Ordering::Relaxed);
                let server = n % urls.len();
                if !up[server].load(Ordering::Relaxed) {
                    continue;
                }
                let citizen = n / urls.len() % CITIZENS;
                let path = match n % 3 {
                    0 => "/api/citizen/v1/overview".to_owned(),
                    1 => "/api/citizen/v1/areas/economy".to_owned(),
                    _ => format!("/api/citizen/v1/records/{}", records[citizen]),
                };
                let Ok(response) = http
                    .get(format!("{}{path}", urls[server]))
                    .header("cookie", format!("overblik_session={}", tokens[citizen]))
                    .send()
                    .await
                else {
                    // The server went down under the request: not answered.
                    *seen.lock().await.cut_off.entry(citizen).or_default() += 1;
                    continue;
                };
                let status = response.status().as_u16();
                let mut seen = seen.lock().await;
                match status {
                    200 => *seen.answered.entry(citizen).or_default() += 1,
                    503 => seen.unavailable += 1,
                    _ => seen
                        .server_errors
                        .push(format!("{status} from server {server} for {path}")),
                }
            }
        });
    }
    tasks
}

/// Pushes batches round the running servers until `stop`; a server's answer other than 200
/// is a failure.
fn pushers(
    urls: Vec<String>,
    up: Arc<Vec<AtomicBool>>,
    pem: String,
    stop: Arc<AtomicBool>,
    failures: Arc<Mutex<Vec<String>>>,
) -> tokio::task::JoinSet<()> {
    let mut tasks = tokio::task::JoinSet::new();
    for pusher in 0..2 {
        // One client per server, each keeping its token.
        let clients: Vec<ProviderClient> = urls
            .iter()
            .map(|url| {
                ProviderClient::new(url, ProviderKey::from_pem(&pem, None).expect("a key"))
                    .with_retries(0)
            })
            .collect();
        let (up, stop, failures) = (up.clone(), stop.clone(), failures.clone());
        tasks.spawn(async move {
            let mut batch = 0;
            while !stop.load(Ordering::Relaxed) {
                batch += 1;
                let server = (batch + pusher) % clients.len();
                if !up[server].load(Ordering::Relaxed) {
                    continue;
                }
                let body = json!({"upserts": [{
                    "id": format!("p{pusher}-b{batch}"), "version": 1,
                    "subject": national_id(batch % CITIZENS), "kind": "deadline",
                    "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
                    "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
                }]});
                let body = serde_json::to_vec(&body).expect("serializes");
                match clients[server]
                    .push(body, &format!("p{pusher}-{batch}"))
                    .await
                {
                    Ok(response) if response.status == 200 => {}
                    Ok(response) => failures
                        .lock()
                        .await
                        .push(format!("{} from server {server}", response.status)),
                    // Cut off by a kill: not an answer of a running server.
                    Err(_) => {}
                }
            }
        });
    }
    tasks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_servers_share_one_log_through_an_integrator_failover() {
    let mut cluster = Cluster::new(3, true).await;
    let subjects = subjects();
    let provider = cluster.provider().await;
    // Every citizen has records to read before the run.
    for citizen in 0..CITIZENS {
        let body = json!({"upserts": (0..20).map(|i| json!({
            "id": format!("c{citizen}-r{i}"), "version": 1, "subject": national_id(citizen),
            "kind": "deadline", "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
            "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
        })).collect::<Vec<_>>()});
        let pushed = provider
            .push(
                serde_json::to_vec(&body).expect("serializes"),
                &format!("c{citizen}"),
            )
            .await
            .expect("pushed");
        assert_eq!(pushed.status, 200);
    }
    let store = cluster.store().await;
    let mut records = Vec::new();
    for subject in &subjects {
        let found = store
            .subject_records(subject, &overblik_store::RecordFilter::visible_now())
            .await
            .expect("reads");
        records.push(found[0].id.to_string());
    }
    drop(store);
    let before = cluster.sealed_reads(&subjects).await;
    assert!(before.iter().all(|count| *count == 0), "no reads yet");

    // Each citizen signs in through the OpenID provider, starting at a server of their own
    // and coming back through the first; the sign-in ends on the overview, one read.
    let mut tokens = Vec::new();
    let mut seen = Seen::default();
    for citizen in 0..CITIZENS {
        tokens.push(cluster.sign_in_through_issuer(citizen, citizen % 3).await);
        seen.answered.insert(citizen, 1);
    }
    let tokens = Arc::new(tokens);

    let up: Arc<Vec<AtomicBool>> = Arc::new((0..3).map(|_| AtomicBool::new(true)).collect());
    let seen = Arc::new(Mutex::new(seen));
    let stop = Arc::new(AtomicBool::new(false));
    let push_failures = Arc::new(Mutex::new(Vec::new()));
    let pem = std::fs::read_to_string(cluster.dir.path().join("tax.key.pem")).expect("reads");
    let mut reading = readers(
        cluster.urls.clone(),
        up.clone(),
        tokens.clone(),
        Arc::new(records),
        seen.clone(),
        stop.clone(),
    );
    let mut pushing = pushers(
        cluster.urls.clone(),
        up.clone(),
        pem,
        stop.clone(),
        push_failures.clone(),
    );

    tokio::time::sleep(Duration::from_secs(3)).await;
    let integrator = cluster.integrator().await;
    up[integrator].store(false, Ordering::Relaxed);
    cluster.kill(integrator).await;
    let killed = Instant::now();
    let successor = cluster.integrator().await;
    let takeover = killed.elapsed();
    assert_ne!(successor, integrator);
    tokio::time::sleep(Duration::from_secs(2)).await;
    cluster.start(integrator).await;
    up[integrator].store(true, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, Ordering::Relaxed);
    while reading.join_next().await.is_some() {}
    while pushing.join_next().await.is_some() {}

    let seen = seen.lock().await;
    assert!(seen.server_errors.is_empty(), "{:?}", seen.server_errors);
    assert_eq!(
        seen.unavailable, 0,
        "no read refused while the database was up"
    );
    let pushes = push_failures.lock().await;
    assert!(pushes.is_empty(), "{pushes:?}");
    let answered: Vec<usize> = (0..CITIZENS)
        .map(|citizen| seen.answered.get(&citizen).copied().unwrap_or(0))
        .collect();
    let total: usize = answered.iter().sum();
    eprintln!("{total} reads answered; the integrator was taken over in {takeover:?}");
    assert!(total > 100, "the run read enough: {total}");
    // Exactly one entry per answered read; a read cut off by the kill may have left its entry
    // (logged, then never delivered), never more than one.
    let entries = cluster.sealed_reads(&subjects).await;
    for citizen in 0..CITIZENS {
        let cut_off = seen.cut_off.get(&citizen).copied().unwrap_or(0);
        let (answered, entries) = (answered[citizen], entries[citizen]);
        assert!(
            (answered..=answered + cut_off).contains(&entries),
            "citizen {citizen}: {entries} entries for {answered} answered reads and {cut_off} cut off"
        );
    }
    cluster.check_one_tree().await;

    for citizen in 0..CITIZENS {
        for n in 0..3 {
            let (ok, output) = cluster.verify(citizen, &tokens[citizen], n).await;
            assert!(ok, "citizen {citizen} on server {n}: {output}");
        }
    }
    cluster.check_one_tree().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reads_fail_closed_while_the_database_connections_are_cut_then_recover() {
    let cluster = Cluster::new(2, false).await;
    let subjects = cluster.start_sessions().await;
    let http = reqwest::Client::new();
    let read = |n: usize| {
        http.get(format!("{}/api/citizen/v1/overview", cluster.urls[n]))
            .header("cookie", format!("overblik_session={}", token(0)))
            .send()
    };
    let mut answered = 0;
    for n in [0, 1] {
        assert_eq!(read(n).await.expect("answers").status(), 200);
        answered += 1;
    }

    // Twice: the database refuses new connections and every open one is cut; reads must be
    // refused (no data without a durable entry); then it takes connections again, and each
    // server answers again.
    let maintenance = format!(
        "{}/postgres",
        cluster.database.url().rsplit_once('/').expect("a path").0
    );
    let mut admin = PgConnection::connect(&maintenance).await.expect("connects");
    let name = cluster
        .database
        .url()
        .rsplit_once('/')
        .expect("a path")
        .1
        .to_owned();
    let mut refused = 0;
    let mut slowest = Duration::ZERO;
    for _ in 0..2 {
        for sql in [
            format!("ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false"),
            format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
            ),
        ] {
            sqlx::query(&sql).execute(&mut admin).await.expect("cuts");
        }
        let (first, second) = tokio::join!(read(0), read(1));
        for response in [first, second] {
            let status = response.expect("answers").status().as_u16();
            assert_eq!(status, 503, "a read while the database is away");
            refused += 1;
        }
        sqlx::query(&format!(
            "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS true"
        ))
        .execute(&mut admin)
        .await
        .expect("lets connections in");
        for n in [0, 1] {
            let back = Instant::now();
            loop {
                match read(n).await.expect("answers").status().as_u16() {
                    200 => {
                        answered += 1;
                        break;
                    }
                    503 => refused += 1,
                    other => panic!("a read answered {other} after the database came back"),
                }
                assert!(
                    back.elapsed() < Duration::from_secs(20),
                    "server {n} never recovered"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            slowest = slowest.max(back.elapsed());
        }
    }
    eprintln!("{answered} reads answered, {refused} refused (503); recovered within {slowest:?}");
    let entries = cluster.sealed_reads(&subjects).await;
    assert_eq!(
        entries[0], answered,
        "an entry for every answered read, none for a refused one"
    );
    cluster.check_one_tree().await;
}
