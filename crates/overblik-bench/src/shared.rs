//! The sharing benchmark: a registered recipient fetching a citizen's records under their
//! consent, `GET /api/shared/v1/records`, each fetch with a DPoP proof signed for it in the
//! measured loop as a real client must, against a floor measured in the same run: the
//! citizen's own read of the same records through the citizen API
//! (`GET /api/citizen/v1/areas/{area}`), which reads the same rows and writes the same one log
//! entry but checks no token, no proof and no consent.
//!
//! The way there is the real one: a server on SQLite with its access log on, one citizen of
//! 200 records from the demo's five-year histories (as the overview and export benchmarks
//! have them), a recipient registered for the areas and kinds those records have, its pushed
//! request consented to on the consent page by the citizen (signed in as in the other
//! benchmarks, a session started straight in the store), the code redeemed with PKCE and
//! DPoP. Access tokens live five minutes; a task refreshes them a minute before, so a run of
//! any length keeps fetching. At the end the citizen's log must have grown by
//! exactly one entry for each answered fetch and each answered read of the floor.

use anyhow::{Context, anyhow, bail, ensure};
use axum::http::{HeaderValue, header};
use chrono::{Days, Utc};
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use overblik_client::{KeyAlgorithm, ProviderKey, RecipientClient, Tokens};
use overblik_ledger::{Ledger, LogKey};
use overblik_model::{Area, Kind, NationalId, Recipient, Scope, SubjectKey};
use overblik_server::Application;
use overblik_store::RecordFilter;
use overblik_store::roles::*;
use overblik_store_sqlite::SqliteStore;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Concurrent clients of each load, in turn: each on its own keep-alive connection with
    /// one request at a time.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 8])]
    concurrency: Vec<usize>,
    /// Seconds each load is measured, after a warm-up of a quarter as long; longer runs than
    /// an access token's five minutes refresh it as they go.
    #[arg(long, default_value_t = 3)]
    duration: u64,
    /// The citizen's records.
    #[arg(long, default_value_t = 200)]
    records: usize,
}

const NATIONAL_ID: &str = "010170-2000";
const RECIPIENT: &str = "bench-bank";
const REDIRECT: &str = "https://bank.example/callback";
const CITIZEN_API: &str = "/api/citizen/v1";
/// How long before an access token expires the refresher trades it for the next.
const REFRESH_AHEAD: Duration = Duration::from_secs(60);

/// Who asks, and how: the citizen's browser with its session cookie, or the recipient with
/// its access token and a proof signed for each request.
#[derive(Clone)]
enum Caller {
    Citizen(HeaderValue),
    Recipient {
        client: Arc<RecipientClient>,
        token: Arc<AccessToken>,
        /// The address a proof names (`htu`): the endpoint's, without the query.
        target: String,
    },
}

/// The recipient's current access token, swapped by the refresher.
struct AccessToken(RwLock<Arc<str>>);

impl AccessToken {
    fn current(&self) -> Arc<str> {
        self.0.read().map_or_else(
            |poisoned| poisoned.into_inner().clone(),
            |token| token.clone(),
        )
    }

    fn set(&self, token: &str) {
        let mut current = self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *current = Arc::from(token);
    }
}

/// One load: `clients` callers on `path` for a warm-up, then measured.
struct Load {
    address: SocketAddr,
    clients: usize,
    warm_up: Duration,
    duration: Duration,
}

/// What one load measured.
struct Figures {
    latency_us: Histogram<u64>,
    /// How long signing each request's proof took, part of its latency; empty for the floor.
    signing_us: Histogram<u64>,
    failed: u64,
    /// The first refusal, to say what went wrong.
    first_failure: Option<String>,
    bytes: u64,
    took: Duration,
    /// This process's processor time (server and clients, user and system) while measured.
    cpu: Duration,
}

impl Figures {
    fn new() -> anyhow::Result<Self> {
        Ok(Self {
            latency_us: histogram()?,
            signing_us: histogram()?,
            failed: 0,
            first_failure: None,
            bytes: 0,
            took: Duration::ZERO,
            cpu: Duration::ZERO,
        })
    }

    fn add(&mut self, other: Self) -> anyhow::Result<()> {
        self.latency_us.add(&other.latency_us)?;
        self.signing_us.add(&other.signing_us)?;
        self.failed += other.failed;
        self.bytes += other.bytes;
        if self.first_failure.is_none() {
            self.first_failure = other.first_failure;
        }
        Ok(())
    }

    fn requests(&self) -> u64 {
        self.latency_us.len()
    }

    fn rate(&self) -> f64 {
        self.requests() as f64 / self.took.as_secs_f64()
    }

    fn quantile_ms(&self, quantile: f64) -> f64 {
        self.latency_us.value_at_quantile(quantile) as f64 / 1000.0
    }

    /// Processor time per request, in milliseconds.
    fn cpu_ms(&self) -> f64 {
        self.cpu.as_secs_f64() * 1000.0 / self.requests().max(1) as f64
    }

    fn row(&self) -> String {
        format!(
            "{:>7.2} ms {:>7.2} ms {:>10.0} {:>8.1} kB {:>7.2} ms {:>6.1}",
            self.quantile_ms(0.5),
            self.quantile_ms(0.99),
            self.rate(),
            (self.bytes / self.requests().max(1)) as f64 / 1000.0,
            self.cpu_ms(),
            self.cpu.as_secs_f64() / self.took.as_secs_f64(),
        )
    }
}

fn histogram() -> anyhow::Result<Histogram<u64>> {
    // Microseconds, from 1 µs to a minute, to three significant figures.
    Ok(Histogram::new_with_bounds(1, 60_000_000, 3)?)
}

/// Answers with 200 so far, over every load: each must have left one entry in the log.
#[derive(Default)]
struct Answered {
    fetches: AtomicU64,
    citizen_reads: AtomicU64,
}

#[expect(clippy::print_stdout, reason = "a benchmark prints its figures")]
pub async fn run(args: Args) -> anyhow::Result<()> {
    ensure!(
        (1..=100_000).contains(&args.records),
        "--records must be from 1 to 100000"
    );
    ensure!(
        !args.concurrency.is_empty() && args.concurrency.iter().all(|c| (1..=1024).contains(c)),
        "--concurrency must be from 1 to 1024 each"
    );
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    let store = Arc::new(SqliteStore::open(&url).await?);
    let secret = crate::server::subject_key_secret()?;
    crate::server::register_demo_authorities(&*store).await?;
    eprintln!("Building a citizen of {} records...", args.records);
    crate::export::build(&*store, &secret, NATIONAL_ID, args.records, 0).await?;
    let national_id: NationalId = NATIONAL_ID
        .parse()
        .map_err(|_| anyhow!("the bench's national id does not parse"))?;
    let subject = secret.subject_key(&national_id);

    // What the citizen holds: the recipient may ask for all of it.
    let records = store
        .subject_records(&subject, &RecordFilter::visible_now())
        .await?;
    ensure!(
        records.len() == args.records,
        "the citizen has {} records",
        records.len()
    );
    let mut per_area: BTreeMap<Area, usize> = BTreeMap::new();
    let mut kinds: BTreeSet<Kind> = BTreeSet::new();
    for stored in &records {
        *per_area.entry(stored.area()).or_default() += 1;
        kinds.insert(stored.record.kind());
    }
    let (&floor_area, &area_records) = per_area
        .iter()
        .max_by_key(|(_, count)| **count)
        .context("the citizen has no records")?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let base_url = format!("http://{address}");
    let ledger = Ledger::open(store.clone(), LogKey::generate("overblik.bench/shared")).await?;
    let settings = crate::server::settings(base_url.clone(), secret.clone());
    let application = Application::builder(store.clone(), ledger, settings)
        .without_workers()
        .start()?;
    let app = application.router();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let key = ProviderKey::generate(RECIPIENT, KeyAlgorithm::Es256)?;
    let recipient = Recipient {
        id: RECIPIENT.parse().map_err(anyhow::Error::msg)?,
        name: "Benchmark Bank A/S".to_owned(),
        description: "Checks budgets.".to_owned(),
        privacy_policy: "https://bank.example/privacy".to_owned(),
        redirect_uris: vec![REDIRECT.to_owned()],
        public_keys: vec![key.public_jwk().to_string()],
        may_ask: Scope::new(
            per_area.keys().copied().collect(),
            kinds.iter().copied().collect(),
        )
        .context("a scope of the citizen's areas and kinds")?,
        purpose: "Budget check".to_owned(),
        registered_at: Utc::now(),
    };
    store.put_recipient(&recipient).await?;
    let client = Arc::new(RecipientClient::new(&base_url, key)?);
    let cookie = crate::load::sign_in(
        &*store,
        std::slice::from_ref(&NATIONAL_ID.to_owned()),
        1,
        &secret,
    )
    .await?
    .pop()
    .context("a session")?;
    eprintln!("Consenting on the consent page and redeeming the code...");
    let tokens = consent(&client, &base_url, &cookie, &recipient).await?;
    let refresh_token = tokens
        .refresh_token
        .clone()
        .context("an ongoing consent gives a refresh token")?;
    let token = Arc::new(AccessToken(RwLock::new(Arc::from(
        tokens.access_token.as_str(),
    ))));

    let area_path = format!("{CITIZEN_API}/areas/{}", floor_area.slug());
    let shared_records = format!("{}/records", overblik_client::recipient::SHARED_API_PREFIX);
    let shared_area = format!("{shared_records}?area={}", floor_area.slug());
    let as_recipient = Caller::Recipient {
        client: client.clone(),
        token: token.clone(),
        target: format!("{base_url}{shared_records}"),
    };
    let as_citizen = Caller::Citizen(cookie);
    // Each load's answer once, before any is measured: the loads measure answers of the
    // records they should, not refusals.
    let http = reqwest::Client::new();
    for (caller, path, expected) in [
        (&as_citizen, &area_path, area_records),
        (&as_recipient, &shared_area, area_records),
        (&as_recipient, &shared_records, args.records),
    ] {
        let got = records_answered(&http, &base_url, caller, path).await?;
        ensure!(
            got == expected,
            "{path} answered {got} records, not {expected}"
        );
    }

    let refreshes = Arc::new(AtomicU64::new(0));
    let refresher = tokio::spawn(keep_fresh(
        client.clone(),
        token.clone(),
        refresh_token,
        Duration::from_secs(u64::try_from(tokens.expires_in).unwrap_or(0)),
        refreshes.clone(),
    ));
    let before = log_entries(&store, &subject, &recipient.assertion_issuer()).await?;
    let answered = Arc::new(Answered::default());
    let mut rows = Vec::new();
    for &clients in &args.concurrency {
        let load = Load {
            address,
            clients,
            warm_up: Duration::from_secs(args.duration.div_ceil(4)),
            duration: Duration::from_secs(args.duration.max(1)),
        };
        eprintln!("{clients} client(s): the floor, the citizen's read of the same area...");
        let floor = load.drive(&as_citizen, &area_path, &answered).await?;
        eprintln!("{clients} client(s): the recipient's fetch of the same area...");
        let same = load.drive(&as_recipient, &shared_area, &answered).await?;
        eprintln!("{clients} client(s): the recipient's fetch of everything consented...");
        let all = load
            .drive(&as_recipient, &shared_records, &answered)
            .await?;
        rows.push((clients, floor, same, all));
    }
    if refresher.is_finished() {
        refresher.await??;
    } else {
        refresher.abort();
    }
    let after = log_entries(&store, &subject, &recipient.assertion_issuer()).await?;

    let duration = Duration::from_secs(args.duration.max(1));
    println!();
    println!(
        "sharing by consent: a recipient's fetches of a citizen's {} records ({} areas, {} kinds, all consented); SQLite, the access log on",
        args.records,
        per_area.len(),
        kinds.len()
    );
    println!(
        "each fetch signs a new DPoP proof (ES256) for its request inside the measured time, as a real client must;"
    );
    println!(
        "floor: the citizen's own read of the same {area_records} records, GET {area_path} with a session cookie: the same rows read and one log entry written, no token, proof or consent checked"
    );
    println!(
        "{} s measured after {} s of warm-up; keep-alive clients, one request at a time each; clients and server share this machine's {} cores;\nCPU/req and cores: this process's processor time (server and clients, user and system) per request and per second",
        duration.as_secs(),
        args.duration.div_ceil(4),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!();
    println!(
        "  {:<8} {:<55} {:>10} {:>10} {:>10} {:>11} {:>10} {:>6}",
        "clients", "", "p50", "p99", "requests/s", "body", "CPU/req", "cores"
    );
    let fetch_all = format!("fetch, all {} records  GET .../records", args.records);
    let fetch_area = format!(
        "fetch, same {area_records} records  GET .../records?area={}",
        floor_area.slug()
    );
    let floor_name = format!("floor: citizen API  GET {area_path}");
    for (clients, floor, same, all) in &rows {
        for (name, figures) in [(&floor_name, floor), (&fetch_area, same), (&fetch_all, all)] {
            println!("  {clients:<8} {name:<55} {}", figures.row());
        }
    }
    println!();
    for (clients, floor, same, all) in &rows {
        println!(
            "  {clients:<3} client(s): same records, fetch / floor: fetches/s {:>5.2}, p50 {:>5.2}, p99 {:>5.2};  all records: fetches/s {:>5.2} of the floor's",
            same.rate() / floor.rate(),
            same.quantile_ms(0.5) / floor.quantile_ms(0.5),
            same.quantile_ms(0.99) / floor.quantile_ms(0.99),
            all.rate() / floor.rate(),
        );
        println!(
            "      signing the proof: p50 {:.0} µs, p99 {:.0} µs, {:.1} % of a fetch's time on average (same records)",
            same.signing_us.value_at_quantile(0.5) as f64,
            same.signing_us.value_at_quantile(0.99) as f64,
            100.0 * same.signing_us.mean() / same.latency_us.mean(),
        );
    }
    println!();
    let fetches = answered.fetches.load(Ordering::Relaxed);
    let reads = answered.citizen_reads.load(Ordering::Relaxed);
    let by_recipient = after.by_actor.saturating_sub(before.by_actor);
    let grown = after.all.saturating_sub(before.all);
    println!(
        "  the citizen's log: {by_recipient} new entries by the recipient for {fetches} fetches answered 200, {grown} in all for {} answered requests (fetches and floor reads, warm-ups included)",
        fetches + reads
    );
    println!(
        "  access tokens refreshed during the loads: {} (each lives {} s)",
        refreshes.load(Ordering::Relaxed),
        tokens.expires_in
    );
    let failed: u64 = rows
        .iter()
        .flat_map(|(_, floor, same, all)| [floor, same, all])
        .map(|figures| figures.failed)
        .sum();
    if failed > 0 {
        let first = rows
            .iter()
            .flat_map(|(_, floor, same, all)| [floor, same, all])
            .find_map(|figures| figures.first_failure.clone())
            .unwrap_or_default();
        bail!("{failed} requests were not answered with 200; the first: {first}");
    }
    ensure!(
        by_recipient == fetches,
        "the log grew by {by_recipient} entries of the recipient's, not by the {fetches} fetches"
    );
    ensure!(
        grown == fetches + reads,
        "the log grew by {grown} entries, not by the {} answered requests",
        fetches + reads
    );
    Ok(())
}

/// Pushes the recipient's request for everything it may ask, has the signed-in citizen
/// approve all of it on the consent page, and redeems the code.
async fn consent(
    client: &RecipientClient,
    base_url: &str,
    cookie: &HeaderValue,
    recipient: &Recipient,
) -> anyhow::Result<Tokens> {
    let scope = &recipient.may_ask;
    let areas: Vec<&str> = scope.areas.iter().map(|area| area.slug()).collect();
    let kinds: Vec<&str> = scope.kinds.iter().map(|kind| kind.as_str()).collect();
    let until = Utc::now().date_naive() + Days::new(30);
    let details = json!({
        "type": "overblik_data", "areas": areas, "kinds": kinds,
        "frequency": "ongoing", "until": until, "retention_days": 30,
    });
    let authorization = client.push(REDIRECT, &details).await?;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = browser
        .get(&authorization.url)
        .header(reqwest::header::COOKIE, cookie.clone())
        .send()
        .await?;
    ensure!(
        page.status() == 200,
        "the consent page answered {}",
        page.status()
    );
    let html = page.text().await?;
    ensure!(
        html.contains(&recipient.name),
        "the consent page does not name the recipient"
    );
    let asked = reqwest::Url::parse(&authorization.url)?;
    let pair = |name: &str| {
        asked
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .with_context(|| format!("the consent page's address has no {name}"))
    };
    let mut form = vec![
        ("client_id".to_owned(), pair("client_id")?),
        ("request_uri".to_owned(), pair("request_uri")?),
        ("decision".to_owned(), "approve".to_owned()),
    ];
    form.extend(
        areas
            .iter()
            .map(|area| ("areas".to_owned(), (*area).to_owned())),
    );
    let decided = browser
        .post(format!(
            "{base_url}{}",
            overblik_client::recipient::AUTHORIZE_PATH
        ))
        .header(reqwest::header::COOKIE, cookie.clone())
        .header(reqwest::header::ORIGIN, base_url)
        .form(&form)
        .send()
        .await?;
    ensure!(
        decided.status() == reqwest::StatusCode::SEE_OTHER,
        "approving answered {}",
        decided.status()
    );
    let back = reqwest::Url::parse(
        decided
            .headers()
            .get(reqwest::header::LOCATION)
            .context("approving sent the citizen nowhere")?
            .to_str()?,
    )?;
    let value = |name: &str| {
        back.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    ensure!(
        value("state").as_deref() == Some(authorization.state.as_str()),
        "the citizen came back with another state"
    );
    let code = value("code").context("the citizen came back without a code")?;
    let tokens = client
        .redeem(&code, REDIRECT, &authorization.verifier)
        .await?;
    ensure!(
        tokens.authorization_details[0]["areas"] == json!(areas),
        "the consent is not for every area asked: {}",
        tokens.authorization_details
    );
    Ok(tokens)
}

/// How many records `caller` is answered on `path` with, asked once over its own connection;
/// anything but 200 is an error.
async fn records_answered(
    http: &reqwest::Client,
    base_url: &str,
    caller: &Caller,
    path: &str,
) -> anyhow::Result<usize> {
    let request = http.get(format!("{base_url}{path}"));
    let request = match caller {
        Caller::Citizen(cookie) => request.header(header::COOKIE, cookie.clone()),
        Caller::Recipient {
            client,
            token,
            target,
        } => {
            let token = token.current();
            request
                .header(header::AUTHORIZATION, format!("DPoP {token}"))
                .header("DPoP", client.proof("GET", target, Some(&token))?)
        }
    };
    let response = request.send().await?;
    let status = response.status();
    ensure!(
        status == 200,
        "{path} answered {status}: {}",
        response.text().await.unwrap_or_default()
    );
    let body: Value = response.json().await?;
    Ok(body["records"].as_array().map_or(0, Vec::len))
}

/// Trades the refresh token for the next tokens a minute before each access token expires,
/// until aborted.
async fn keep_fresh(
    client: Arc<RecipientClient>,
    token: Arc<AccessToken>,
    mut refresh_token: String,
    mut lives: Duration,
    refreshes: Arc<AtomicU64>,
) -> anyhow::Result<()> {
    loop {
        tokio::time::sleep(lives.saturating_sub(REFRESH_AHEAD)).await;
        let next = client.refresh(&refresh_token).await?;
        token.set(&next.access_token);
        refresh_token = next
            .refresh_token
            .context("a refresh gives the next refresh token")?;
        lives = Duration::from_secs(u64::try_from(next.expires_in).unwrap_or(0));
        refreshes.fetch_add(1, Ordering::Relaxed);
    }
}

/// A subject's entries in the log, pending or sealed: all of them, and those by `actor`.
struct LogCount {
    all: u64,
    by_actor: u64,
}

/// Counts in one statement, so an entry moving from pending to sealed meanwhile is counted
/// once; on the log's writer, which the integrator's moves go through too.
async fn log_entries(
    store: &SqliteStore,
    subject: &SubjectKey,
    actor: &str,
) -> anyhow::Result<LogCount> {
    let (all, by_actor): (i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM access_pending WHERE subject = ?1) \
             + (SELECT COUNT(*) FROM access_entries WHERE subject = ?1), \
           (SELECT COUNT(*) FROM access_pending WHERE subject = ?1 AND actor_id = ?2) \
             + (SELECT COUNT(*) FROM access_entries WHERE subject = ?1 AND actor_id = ?2)",
    )
    .bind(subject.as_bytes().to_vec())
    .bind(actor)
    .fetch_one(store.log_write_pool())
    .await?;
    Ok(LogCount {
        all: u64::try_from(all)?,
        by_actor: u64::try_from(by_actor)?,
    })
}

impl Load {
    /// Warms up on `path`, then measures it; the warm-up's refusals are counted with the
    /// measured ones.
    async fn drive(
        &self,
        caller: &Caller,
        path: &str,
        answered: &Arc<Answered>,
    ) -> anyhow::Result<Figures> {
        let warm_up = self.clients(caller, path, self.warm_up, answered).await?;
        let mut measured = self.clients(caller, path, self.duration, answered).await?;
        measured.failed += warm_up.failed;
        measured.first_failure = warm_up.first_failure.or(measured.first_failure);
        Ok(measured)
    }

    async fn clients(
        &self,
        caller: &Caller,
        path: &str,
        run_for: Duration,
        answered: &Arc<Answered>,
    ) -> anyhow::Result<Figures> {
        let cpu = processor_time()?;
        let started = Instant::now();
        let until = started + run_for;
        let mut clients = tokio::task::JoinSet::new();
        for _ in 0..self.clients {
            clients.spawn(client_loop(
                self.address,
                caller.clone(),
                path.to_owned(),
                until,
                answered.clone(),
            ));
        }
        let mut total = Figures::new()?;
        while let Some(figures) = clients.join_next().await {
            total.add(figures??)?;
        }
        total.took = started.elapsed();
        total.cpu = processor_time()?.saturating_sub(cpu);
        Ok(total)
    }
}

/// This process's processor time so far, user and system, from `/proc/self/stat` (in the
/// kernel's clock ticks, a hundredth of a second).
pub(crate) fn processor_time() -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // The fields after the command's name, which is in parentheses and may hold spaces;
    // utime and stime are the 14th and 15th of all.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .context("no command in /proc/self/stat")?
        .1
        .split_whitespace()
        .collect();
    let ticks = |at: usize| -> anyhow::Result<u64> {
        Ok(fields
            .get(at)
            .context("too few fields in /proc/self/stat")?
            .parse()?)
    };
    Ok(Duration::from_millis((ticks(11)? + ticks(12)?) * 10))
}

async fn client_loop(
    address: SocketAddr,
    caller: Caller,
    path: String,
    until: Instant,
    answered: Arc<Answered>,
) -> anyhow::Result<Figures> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let host = HeaderValue::from_str(&address.to_string())?;
    let mut figures = Figures::new()?;
    while Instant::now() < until {
        sender.ready().await?;
        let began = Instant::now();
        let request = hyper::Request::get(path.as_str()).header(header::HOST, host.clone());
        let request = match &caller {
            Caller::Citizen(cookie) => request.header(header::COOKIE, cookie.clone()),
            Caller::Recipient {
                client,
                token,
                target,
            } => {
                let token = token.current();
                let proof = client.proof("GET", target, Some(&token))?;
                let micros = u64::try_from(began.elapsed().as_micros()).unwrap_or(u64::MAX);
                figures.signing_us.saturating_record(micros.max(1));
                request
                    .header(header::AUTHORIZATION, format!("DPoP {token}"))
                    .header("DPoP", proof)
            }
        };
        let response = sender
            .send_request(request.body(Empty::<Bytes>::new())?)
            .await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        let micros = u64::try_from(began.elapsed().as_micros()).unwrap_or(u64::MAX);
        figures.latency_us.saturating_record(micros.max(1));
        figures.bytes += body.len() as u64;
        if status == hyper::StatusCode::OK {
            let count = match caller {
                Caller::Citizen(_) => &answered.citizen_reads,
                Caller::Recipient { .. } => &answered.fetches,
            };
            count.fetch_add(1, Ordering::Relaxed);
        } else {
            figures.failed += 1;
            if figures.first_failure.is_none() {
                figures.first_failure = Some(format!(
                    "{path} answered {status}: {}",
                    String::from_utf8_lossy(&body)
                ));
            }
        }
    }
    Ok(figures)
}
