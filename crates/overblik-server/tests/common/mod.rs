//! A test harness that starts the real server on a free port with a fresh store: a SQLite
//! file, or a throwaway PostgreSQL database.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the harness"
)]

use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_ledger::LedgerStore;
use overblik_model::{NationalId, SubjectKey, SubjectKeySecret};
use overblik_server::rate_limit::RateLimitSettings;
use overblik_server::{AppState, Application, ServerSettings};
use overblik_store::{Provider, Store};
use overblik_store_postgres::PostgresStore;
use overblik_store_postgres::testing::TestDatabase;
use overblik_store_sqlite::SqliteStore;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub const SUBJECT_SECRET: &[u8] = b"integration-test-subject-key-secret";
/// How often a test app's access log signs a checkpoint when it has grown.
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_millis(50);

/// The provider the test server trusts for custody, under classification 93.04.
pub const POPULATION_REGISTER: &str = "population-register";

/// The test server's rule: custody only from [`POPULATION_REGISTER`], under 93.04.
pub fn population_register() -> overblik_model::FactAuthorities {
    custody_from(POPULATION_REGISTER)
}

/// A rule that takes custody from `provider` alone, under 93.04.
pub fn custody_from(provider: &str) -> overblik_model::FactAuthorities {
    let mut rule = overblik_model::FactAuthorities::default();
    let source = overblik_model::FactSource::new(
        provider.parse().expect("a provider id"),
        vec!["93.04".to_owned()],
    )
    .expect("a valid source");
    rule.designate(overblik_model::record::FactType::Custody, source);
    rule
}

/// The store a test app runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn NAME(backend: Backend)` as two tests, `NAME::sqlite` and
/// `NAME::postgres`.
#[macro_export]
macro_rules! on_each_backend {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn sqlite() {
                    super::$name($crate::common::Backend::Sqlite).await;
                }

                #[tokio::test]
                async fn postgres() {
                    super::$name($crate::common::Backend::Postgres).await;
                }
            }
        )+
    };
}

/// The log once every entry written so far is sealed, as a citizen sees it a moment later.
pub trait Sealed {
    async fn sealed(&self) -> &Self;
}

impl Sealed for overblik_ledger::Ledger {
    async fn sealed(&self) -> &Self {
        self.integrate().await.expect("the log integrates");
        self
    }
}

/// An access log store that counts the entries it hands out.
pub struct CountingLog {
    inner: Arc<dyn LedgerStore>,
    pub entries_read: AtomicU64,
}

#[async_trait::async_trait]
impl LedgerStore for CountingLog {
    async fn append_pending(
        &self,
        entries: &[overblik_ledger::PendingEntry],
    ) -> Result<(), overblik_ledger::LedgerError> {
        self.inner.append_pending(entries).await
    }

    async fn lead(
        &self,
    ) -> Result<Option<Box<dyn overblik_ledger::Integrator>>, overblik_ledger::LedgerError> {
        self.inner.lead().await
    }

    async fn append_entries(
        &self,
        entries: &[overblik_ledger::StoredEntry],
        first_hash: u64,
        hashes: &[[u8; 32]],
    ) -> Result<(), overblik_ledger::LedgerError> {
        self.inner.append_entries(entries, first_hash, hashes).await
    }

    async fn tree_hashes(&self, from: u64) -> Result<Vec<[u8; 32]>, overblik_ledger::LedgerError> {
        self.inner.tree_hashes(from).await
    }

    async fn pending_entries(
        &self,
        subject: &SubjectKey,
        filter: &overblik_ledger::EntryFilter,
    ) -> Result<Vec<overblik_ledger::PendingEntry>, overblik_ledger::LedgerError> {
        let entries = self.inner.pending_entries(subject, filter).await?;
        self.entries_read
            .fetch_add(entries.len() as u64, Ordering::Relaxed);
        Ok(entries)
    }

    async fn subject_entries(
        &self,
        subject: &SubjectKey,
        filter: &overblik_ledger::EntryFilter,
    ) -> Result<Vec<overblik_ledger::StoredEntry>, overblik_ledger::LedgerError> {
        let entries = self.inner.subject_entries(subject, filter).await?;
        self.entries_read
            .fetch_add(entries.len() as u64, Ordering::Relaxed);
        Ok(entries)
    }

    async fn put_checkpoint(
        &self,
        size: u64,
        note: &str,
    ) -> Result<(), overblik_ledger::LedgerError> {
        self.inner.put_checkpoint(size, note).await
    }

    async fn latest_checkpoint(
        &self,
    ) -> Result<Option<(u64, String)>, overblik_ledger::LedgerError> {
        self.inner.latest_checkpoint().await
    }
}

pub struct TestApp {
    pub base_url: String,
    pub store: Arc<dyn Store>,
    pub ledger: Arc<overblik_ledger::Ledger>,
    /// Where the access log keeps its entries and checkpoints.
    pub ledger_store: Arc<dyn LedgerStore>,
    /// The task that signs the access log's checkpoints every [`CHECKPOINT_INTERVAL`].
    pub checkpoints: tokio::task::JoinHandle<()>,
    /// The server's own state, for starting its background workers in a test.
    pub state: AppState,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::start_on(Backend::Sqlite).await
    }

    pub async fn start_on(backend: Backend) -> Self {
        Self::start_with(backend, 32 * 1024 * 1024).await
    }

    pub async fn start_with_body_limit(max_body_bytes: usize) -> Self {
        Self::start_with(Backend::Sqlite, max_body_bytes).await
    }

    pub async fn start_with(backend: Backend, max_body_bytes: usize) -> Self {
        Self::start_full(backend, max_body_bytes, None, |_| {}).await
    }

    /// A test app whose settings `configure` changes first; it still listens on plain http.
    pub async fn start_configured(
        backend: Backend,
        configure: impl FnOnce(&mut ServerSettings),
    ) -> Self {
        Self::start_full(backend, 32 * 1024 * 1024, None, configure).await
    }

    /// A test app with the rate limits `limits`.
    pub async fn start_with_limits(backend: Backend, limits: RateLimitSettings) -> Self {
        Self::start_configured(backend, |settings| settings.rate_limits = limits).await
    }

    /// A test app that sends e-mail through `mail` (the worker is the test's to run).
    pub async fn start_with_mail(
        backend: Backend,
        mail: overblik_server::notify::MailSettings,
    ) -> Self {
        Self::start_full(backend, 32 * 1024 * 1024, Some(mail), |_| {}).await
    }

    /// A test app whose access log counts the entries it reads, to show what a request costs.
    pub async fn start_counting_log_reads(backend: Backend) -> (Self, Arc<CountingLog>) {
        let counting = Arc::new(std::sync::OnceLock::new());
        let wrap = {
            let counting = counting.clone();
            move |inner: Arc<dyn LedgerStore>| -> Arc<dyn LedgerStore> {
                let log = Arc::new(CountingLog {
                    inner,
                    entries_read: AtomicU64::new(0),
                });
                counting.set(log.clone()).ok();
                log
            }
        };
        let app = Self::start_full_with(backend, 32 * 1024 * 1024, None, |_| {}, &wrap).await;
        let log = counting.get().expect("the log was wrapped").clone();
        (app, log)
    }

    async fn start_full(
        backend: Backend,
        max_body_bytes: usize,
        mail: Option<overblik_server::notify::MailSettings>,
        configure: impl FnOnce(&mut ServerSettings),
    ) -> Self {
        Self::start_full_with(backend, max_body_bytes, mail, configure, &|store| store).await
    }

    async fn start_full_with(
        backend: Backend,
        max_body_bytes: usize,
        mail: Option<overblik_server::notify::MailSettings>,
        configure: impl FnOnce(&mut ServerSettings),
        wrap_log: &dyn Fn(Arc<dyn LedgerStore>) -> Arc<dyn LedgerStore>,
    ) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (store, ledger_store, database): (Arc<dyn Store>, Arc<dyn LedgerStore>, _) =
            match backend {
                Backend::Sqlite => {
                    let url = format!("sqlite://{}", dir.path().join("overblik.db").display());
                    let store = Arc::new(SqliteStore::open(&url).await.expect("opens the store"));
                    (store.clone(), store, None)
                }
                Backend::Postgres => {
                    let database = TestDatabase::create().await;
                    let store = Arc::new(
                        PostgresStore::open(database.url())
                            .await
                            .expect("opens the store"),
                    );
                    (store.clone(), store, Some(database))
                }
            };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let base_url = format!("http://{}", listener.local_addr().expect("has an address"));
        let mut settings = ServerSettings {
            public_url: base_url.clone(),
            subject_key_secret: SubjectKeySecret::new(SUBJECT_SECRET.to_vec())
                .expect("long enough"),
            token_secret: b"integration-test-token-secret-of-32b".to_vec(),
            token_lifetime: Duration::from_secs(300),
            max_body_bytes,
            login: None,
            dev_idp: true,
            mail,
            fact_authorities: population_register(),
            allow_loopback_webhooks: true,
            rate_limits: RateLimitSettings::default(),
            issuer: std::sync::Arc::new(
                overblik_core::certificates::Issuer::new(
                    &base_url,
                    vec![overblik_certificate::IssuerKey::generate()],
                    overblik_model::CertificateTypes::shipped(),
                )
                .expect("an issuer"),
            ),
            overview_rules: std::sync::Arc::new(overblik_overview::proactive::Rules::shipped()),
        };
        configure(&mut settings);
        let ledger = overblik_ledger::Ledger::open(
            wrap_log(ledger_store.clone()),
            overblik_ledger::LogKey::generate("overblik.test/log"),
        )
        .await
        .expect("the access log opens");
        // The tests run the workers themselves, step by step.
        let login = settings.development_login();
        let dev_idp = overblik_devidp::DevIdp::new(
            &login.issuer_url,
            &settings.public_url,
            &login.client_id,
            &login.client_secret,
            &login.national_id_claim,
        );
        let application = Application::builder(store.clone(), ledger.clone(), settings)
            .mount(
                overblik_server::login::DEV_IDP_PATH,
                overblik_devidp::router(Arc::new(dev_idp)),
            )
            .checkpoints_every(CHECKPOINT_INTERVAL)
            .without_workers()
            .start()
            .expect("the application starts");
        tokio::spawn(application.serve(listener));
        let Application {
            state, checkpoints, ..
        } = application;
        Self {
            base_url,
            store,
            ledger,
            ledger_store,
            checkpoints,
            state,
            http: reqwest::Client::new(),
            _dir: dir,
            _database: database,
        }
    }

    /// Registers a provider for `classifications` with a new Ed25519 key and returns the key.
    pub async fn register(&self, id: &str, classifications: &[&str]) -> ProviderKey {
        self.register_with(id, classifications, KeyAlgorithm::Ed25519)
            .await
    }

    pub async fn register_with(
        &self,
        id: &str,
        classifications: &[&str],
        algorithm: KeyAlgorithm,
    ) -> ProviderKey {
        let key = ProviderKey::generate(id, algorithm).expect("generates a key");
        let provider = Provider {
            id: id.parse().expect("a valid provider id"),
            name: format!("Test provider {id}"),
            public_keys: vec![key.public_jwk().to_string()],
            classifications: classifications.iter().map(|c| (*c).to_owned()).collect(),
            homepage: None,
            registered_at: chrono::Utc::now(),
            stale_after_days: None,
            last_delivery: None,
        };
        self.store.put_provider(&provider).await.expect("registers");
        key
    }

    pub fn client(&self, key: ProviderKey) -> ProviderClient {
        ProviderClient::new(&self.base_url, key)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn token_url(&self) -> String {
        self.url("/api/provider/v1/token")
    }

    /// Posts a client assertion to the token endpoint.
    pub async fn token_with(&self, assertion: &str) -> reqwest::Response {
        self.http
            .post(self.token_url())
            .form(&[
                ("grant_type", "client_credentials"),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ),
                ("client_assertion", assertion),
            ])
            .send()
            .await
            .expect("the server answers")
    }

    /// Posts raw bytes to the batch endpoint with a bearer token.
    pub async fn post_batch(
        &self,
        token: &str,
        content_type: &str,
        key: Option<&str>,
        body: Vec<u8>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .post(self.url("/api/provider/v1/batches"))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body);
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        request.send().await.expect("the server answers")
    }

    pub async fn records_of(&self, national_id: &str) -> Vec<overblik_store::StoredRecord> {
        self.store
            .subject_records(
                &subject(national_id),
                &overblik_store::RecordFilter::visible_now(),
            )
            .await
            .expect("reads")
    }

    pub async fn count(&self) -> u64 {
        self.store.record_count(None).await.expect("counts")
    }
}

pub fn subject(national_id: &str) -> SubjectKey {
    let id: NationalId = national_id.parse().expect("a valid identifier");
    SubjectKeySecret::new(SUBJECT_SECRET.to_vec())
        .expect("long enough")
        .subject_key(&id)
}

/// A valid deadline record in the tax area (classification 85).
pub fn deadline(id: &str, version: i64, national_id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "version": version, "subject": national_id, "kind": "deadline",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "details": {"due": "2026-12-01", "action": "Indsend dokumentation"}
    })
}

/// A valid debt record in the tax area, with money fields to break.
pub fn debt(id: &str, national_id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id, "version": 1, "subject": national_id, "kind": "debt",
        "classification": "85", "updated_at": "2026-11-01T10:00:00Z",
        "details": {"creditor": "Skattestyrelsen", "principal": 1000, "interest": 12.5, "fees": 100,
                    "outstanding": 1112.5, "due": "2026-12-20", "debt_status": "open"}
    })
}

/// The JSON pointers a problem document names, in its order.
pub fn pointers(problem: &serde_json::Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .expect("an errors list")
        .iter()
        .map(|error| error["pointer"].as_str().expect("a pointer").to_owned())
        .collect()
}

/// A population register fact about `national_id`: `fact` with one attribute.
pub fn register_fact(
    id: &str,
    national_id: &str,
    classification: &str,
    fact: &str,
    (name_en, value): (&str, &str),
) -> serde_json::Value {
    serde_json::json!({
        "id": id, "version": 1, "subject": national_id, "kind": "register_fact",
        "classification": classification, "updated_at": "2026-11-01T10:00:00Z",
        "details": {"fact": fact, "valid_from": "2020-03-01",
                    "attributes": [{"name": {"da": name_en, "en": name_en}, "value": value}]}
    })
}

/// The population register ("cpr", registered here) tells Overblik the citizens' names and
/// addresses, as certificates need.
pub async fn register_people(app: &TestApp, people: &[(&str, &str, &str)]) {
    let register = app.client(app.register("cpr", &["93"]).await);
    let mut facts = Vec::new();
    for (national_id, name, address) in people {
        facts.push(register_fact(
            &format!("name-{national_id}"),
            national_id,
            "93.01",
            "name",
            ("Name", name),
        ));
        facts.push(register_fact(
            &format!("address-{national_id}"),
            national_id,
            "93.02",
            "address",
            ("Address", address),
        ));
    }
    let pushed = register.push(body(facts), "people").await.expect("pushes");
    assert_eq!(pushed.status, 200, "{}", pushed.body);
}

pub fn body(upserts: Vec<serde_json::Value>) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"upserts": upserts})).expect("serializes")
}

// ---- a citizen's browser ----

/// A browser: a cookie jar, and redirects followed one by one so each step can be checked.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers()[LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// The hidden fields of the development provider's login form.
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
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&")
            };
            (attribute("name"), attribute("value"))
        })
        .collect()
}

/// Signs in as `national_id`, step by step; returns the browser and the session cookie line.
pub async fn sign_in(app: &TestApp, national_id: &str) -> (reqwest::Client, String) {
    sign_in_with(app, national_id, browser()).await
}

/// Signs in as `national_id` in `browser` (one that says what it is, say).
pub async fn sign_in_with(
    app: &TestApp,
    national_id: &str,
    browser: reqwest::Client,
) -> (reqwest::Client, String) {
    let to_idp = browser
        .get(app.url("/login"))
        .send()
        .await
        .expect("answers");
    assert_eq!(to_idp.status(), StatusCode::SEE_OTHER);
    let authorize = location(&to_idp);
    assert!(
        authorize.starts_with(&app.url("/dev-idp/authorize?")),
        "{authorize}"
    );
    assert!(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="));
    let form = browser.get(&authorize).send().await.expect("answers");
    assert_eq!(form.status(), StatusCode::OK);
    let mut fields = hidden_fields(&form.text().await.expect("html"));
    fields.push(("national_id".to_owned(), national_id.to_owned()));
    let back = browser
        .post(app.url("/dev-idp/authorize"))
        .form(&fields)
        .send()
        .await
        .expect("answers");
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    let callback = location(&back);
    assert!(
        callback.starts_with(&app.url("/login/callback?code=")),
        "{callback}"
    );
    let signed_in = browser.get(&callback).send().await.expect("answers");
    assert_eq!(
        signed_in.status(),
        StatusCode::SEE_OTHER,
        "{:?}",
        signed_in.text().await
    );
    let cookie = signed_in
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("overblik_session="))
        .expect("a session cookie")
        .to_owned();
    (browser, cookie)
}

pub async fn page(browser: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let response = browser.get(url).send().await.expect("answers");
    (response.status(), response.text().await.expect("text"))
}

// ---- the deployment's country ----

/// Makes `country` the deployment's country for this test: the first thing a test does, before
/// anything parses an identifier, an amount or a code. A country is set once per process, and
/// cargo-nextest runs each test in a process of its own, so each test may have its own.
pub fn install_country(country: overblik_model::Country) -> &'static overblik_model::Country {
    country
        .install()
        .expect("the country is installed first thing, once per process (run under cargo nextest)")
}

/// A rule that takes custody from `provider` alone, under `classification` of the
/// deployment's catalogue.
pub fn custody_under(provider: &str, classification: &str) -> overblik_model::FactAuthorities {
    let mut rule = overblik_model::FactAuthorities::default();
    let source = overblik_model::FactSource::new(
        provider.parse().expect("a provider id"),
        vec![classification.to_owned()],
    )
    .expect("a valid source");
    rule.designate(overblik_model::record::FactType::Custody, source);
    rule
}
