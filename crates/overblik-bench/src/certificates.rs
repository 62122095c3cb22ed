//! The certificates benchmark: issuing, and checking online and offline, each against a floor
//! measured in the same run.
//!
//! Online, on a server on SQLite with its access log on and one citizen of 200 records from
//! the demo's five-year histories (their name and address among them, from the population
//! register), signed in as in the other benchmarks (a session started straight in the store):
//!
//! - issuing a residence certificate, `POST /api/citizen/v1/certificates`, against
//!   `POST /api/citizen/v1/certificates/draft` with the same body: the same records read and
//!   one log entry written, but nothing signed and nothing stored;
//! - checking it, `POST /api/verify/v1/check`, with its compact signed form (the QR code's
//!   `OB1:` text) and with its SD-JWT VC: the signature checked, the certificate looked up and
//!   the check written in the holder's log; against the check by its code, which only looks it
//!   up and writes the entry.
//!
//! Offline, in this process on one core: opening the compact form and verifying the SD-JWT
//! against one bare Ed25519 `verify_strict` over a message of the length each signs; sealing
//! and issuing the two forms against one bare Ed25519 signature.
//!
//! The citizen API's limit on a session's writes (60 a minute) is switched off, so the loads
//! measure the work and not the limiter. At the end the holder's log must have grown by
//! exactly one entry for each answered issue, draft and check.

use crate::shared::processor_time;
use anyhow::{Context, anyhow, bail, ensure};
use axum::http::{HeaderValue, StatusCode, header};
use ed25519_dalek::{Signer as _, SigningKey};
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use overblik_certificate::{Attested, compact, sd_jwt};
use overblik_ledger::{Ledger, LogKey};
use overblik_model::{NationalId, SubjectKey};
use overblik_server::Application;
use overblik_store_sqlite::SqliteStore;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Concurrent clients of each online load, in turn: each on its own keep-alive connection
    /// with one request at a time.
    #[arg(long, value_delimiter = ',', default_values_t = [1, 8])]
    concurrency: Vec<usize>,
    /// Seconds each online load is measured, after a warm-up of a quarter as long; each
    /// offline measure takes a third as long.
    #[arg(long, default_value_t = 3)]
    duration: u64,
    /// The citizen's records.
    #[arg(long, default_value_t = 200)]
    records: usize,
}

const NATIONAL_ID: &str = "010170-3000";
const CITIZEN_API: &str = "/api/citizen/v1";
const ISSUE: &str = "/api/citizen/v1/certificates";
const DRAFT: &str = "/api/citizen/v1/certificates/draft";
const CHECK: &str = "/api/verify/v1/check";
/// The certificate issued: the citizen's address, with their name.
const TYPE: &str = "residence";
/// What a check of a genuine, valid certificate answers among the rest.
const VALID: &[u8] = br#""verdict":"valid""#;

/// Which count an answered request adds to: each leaves one entry in the holder's log.
#[derive(Clone, Copy)]
enum Counted {
    Issues,
    Drafts,
    Checks,
}

/// Answered requests so far, over every load, warm-ups included.
#[derive(Default)]
struct Answered {
    issues: AtomicU64,
    drafts: AtomicU64,
    checks: AtomicU64,
}

impl Answered {
    fn count(&self, counted: Counted) -> &AtomicU64 {
        match counted {
            Counted::Issues => &self.issues,
            Counted::Drafts => &self.drafts,
            Counted::Checks => &self.checks,
        }
    }
}

/// One kind of request a load sends, again and again.
#[derive(Clone)]
struct Call {
    path: &'static str,
    body: Bytes,
    /// The citizen's session, for the citizen API; none for the verification API.
    cookie: Option<HeaderValue>,
    expected: StatusCode,
    /// Whether the answer must say the certificate is valid.
    valid: bool,
    counted: Counted,
}

/// One load: `clients` clients for a warm-up, then measured.
struct Load {
    address: SocketAddr,
    clients: usize,
    warm_up: Duration,
    duration: Duration,
}

/// What one online load measured.
struct Figures {
    latency_us: Histogram<u64>,
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
            failed: 0,
            first_failure: None,
            bytes: 0,
            took: Duration::ZERO,
            cpu: Duration::ZERO,
        })
    }

    fn add(&mut self, other: Self) -> anyhow::Result<()> {
        self.latency_us.add(&other.latency_us)?;
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

    fn row(&self) -> String {
        format!(
            "{:>7.2} ms {:>7.2} ms {:>10.0} {:>8.1} kB {:>7.2} ms {:>6.1}",
            self.quantile_ms(0.5),
            self.quantile_ms(0.99),
            self.rate(),
            (self.bytes / self.requests().max(1)) as f64 / 1000.0,
            self.cpu.as_secs_f64() * 1000.0 / self.requests().max(1) as f64,
            self.cpu.as_secs_f64() / self.took.as_secs_f64(),
        )
    }

    /// This load against `floor`: requests per second, p50 and p99.
    fn against(&self, floor: &Self) -> String {
        format!(
            "requests/s {:>5.2}, p50 {:>5.2}, p99 {:>5.2}",
            self.rate() / floor.rate(),
            self.quantile_ms(0.5) / floor.quantile_ms(0.5),
            self.quantile_ms(0.99) / floor.quantile_ms(0.99),
        )
    }
}

fn histogram() -> anyhow::Result<Histogram<u64>> {
    // Microseconds, from 1 µs to a minute, to three significant figures.
    Ok(Histogram::new_with_bounds(1, 60_000_000, 3)?)
}

/// The rows of one concurrency.
struct Online {
    clients: usize,
    draft: Figures,
    issue: Figures,
    by_code: Figures,
    sealed: Figures,
    sd_jwt: Figures,
}

impl Online {
    fn all(&self) -> [&Figures; 5] {
        [
            &self.draft,
            &self.issue,
            &self.by_code,
            &self.sealed,
            &self.sd_jwt,
        ]
    }
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
    let url = format!("sqlite://{}", dir.path().join("certificates.db").display());
    let store = Arc::new(SqliteStore::open(&url).await?);
    let secret = crate::server::subject_key_secret()?;
    crate::server::register_demo_authorities(&*store).await?;
    eprintln!("Building a citizen of {} records...", args.records);
    crate::export::build(&*store, &secret, NATIONAL_ID, args.records, 0).await?;
    let national_id: NationalId = NATIONAL_ID
        .parse()
        .map_err(|_| anyhow!("the bench's national id does not parse"))?;
    let subject = secret.subject_key(&national_id);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let base_url = format!("http://{address}");
    let ledger = Ledger::open(
        store.clone(),
        LogKey::generate("overblik.bench/certificates"),
    )
    .await?;
    let mut settings = crate::server::settings(base_url.clone(), secret.clone());
    // Switched off (0): the loads issue far more than 60 a minute from one session.
    settings.rate_limits.citizen_writes_per_minute = 0;
    let issuer = settings.issuer.clone();
    let application = Application::builder(store.clone(), ledger, settings)
        .without_workers()
        .start()?;
    let app = application.router();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let cookie = crate::load::sign_in(
        &*store,
        std::slice::from_ref(&NATIONAL_ID.to_owned()),
        1,
        &secret,
    )
    .await?
    .pop()
    .context("a session")?;

    // Once each before anything is measured, so the loads measure answers, not refusals.
    let http = reqwest::Client::new();
    let asked = json!({ "type": TYPE });
    let (status, text) = send(&http, &base_url, DRAFT, Some(&cookie), &asked).await?;
    ensure!(
        status == 200,
        "the draft of a {TYPE} certificate answered {status}: {text}"
    );
    let (status, text) = send(&http, &base_url, ISSUE, Some(&cookie), &asked).await?;
    if status != 201 {
        bail!(
            "issuing a {TYPE} certificate answered {status}, not 201 Created: {text}\n\
             the citizen needs a name and an address from the population register \
             (classifications 93.01 and 93.02) among their {} records",
            args.records
        );
    }
    let issued: Value = serde_json::from_str(&text)?;
    let field = |name: &str| {
        issued[name]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("the issued certificate has no {name}: {issued}"))
    };
    let (sealed, code) = (field("sealed")?, field("code")?);
    let number = issued["number"]
        .as_u64()
        .with_context(|| format!("the issued certificate has no number: {issued}"))?;
    let attested = issued["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| {
                    let text = |name: &str| f[name].as_str().unwrap_or_default().to_owned();
                    format!("{}: {}", text("name"), text("value"))
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let sd_jwt_answer = http
        .get(format!(
            "{base_url}{CITIZEN_API}/certificates/{number}/sd-jwt"
        ))
        .header(header::COOKIE, cookie.clone())
        .send()
        .await?;
    ensure!(
        sd_jwt_answer.status() == 200,
        "the certificate's SD-JWT answered {}",
        sd_jwt_answer.status()
    );
    let sd_jwt_text = sd_jwt_answer.text().await?;
    let by_code = json!({ "code": code });
    let by_sealed = json!({ "certificate": sealed });
    let by_sd_jwt = json!({ "certificate": sd_jwt_text });
    for body in [&by_code, &by_sealed, &by_sd_jwt] {
        let (status, text) = send(&http, &base_url, CHECK, None, body).await?;
        ensure!(
            status == 200 && text.as_bytes().windows(VALID.len()).any(|w| w == VALID),
            "a check of the certificate answered {status}, not valid: {text}"
        );
    }

    let call = |path, body: &Value, citizen: bool, expected, counted| -> anyhow::Result<Call> {
        Ok(Call {
            path,
            body: Bytes::from(serde_json::to_vec(body)?),
            cookie: citizen.then(|| cookie.clone()),
            expected,
            valid: matches!(counted, Counted::Checks),
            counted,
        })
    };
    let draft_call = call(DRAFT, &asked, true, StatusCode::OK, Counted::Drafts)?;
    let issue_call = call(ISSUE, &asked, true, StatusCode::CREATED, Counted::Issues)?;
    let code_call = call(CHECK, &by_code, false, StatusCode::OK, Counted::Checks)?;
    let sealed_call = call(CHECK, &by_sealed, false, StatusCode::OK, Counted::Checks)?;
    let sd_jwt_call = call(CHECK, &by_sd_jwt, false, StatusCode::OK, Counted::Checks)?;

    let before = log_entries(&store, &subject).await?;
    let answered = Arc::new(Answered::default());
    let mut rows = Vec::new();
    for &clients in &args.concurrency {
        let load = Load {
            address,
            clients,
            warm_up: Duration::from_secs(args.duration.div_ceil(4)),
            duration: Duration::from_secs(args.duration.max(1)),
        };
        eprintln!("{clients} client(s): the floor, drafts...");
        let draft = load.drive(&draft_call, &answered).await?;
        eprintln!("{clients} client(s): issuing...");
        let issue = load.drive(&issue_call, &answered).await?;
        eprintln!("{clients} client(s): the floor, checks by code...");
        let by_code = load.drive(&code_call, &answered).await?;
        eprintln!("{clients} client(s): checks of the compact form...");
        let sealed = load.drive(&sealed_call, &answered).await?;
        eprintln!("{clients} client(s): checks of the SD-JWT...");
        let sd_jwt = load.drive(&sd_jwt_call, &answered).await?;
        rows.push(Online {
            clients,
            draft,
            issue,
            by_code,
            sealed,
            sd_jwt,
        });
    }
    let after = log_entries(&store, &subject).await?;

    eprintln!("Offline, in this process...");
    let measure_for = Duration::from_millis(args.duration.max(1) * 1000 / 3);
    let offline = {
        let sealed = sealed.clone();
        let sd_jwt_text = sd_jwt_text.clone();
        let issuer = issuer.clone();
        tokio::task::spawn_blocking(move || {
            offline(
                &sealed,
                &sd_jwt_text,
                issuer.signing_key(),
                &issuer.published(),
                measure_for,
            )
        })
        .await??
    };

    let duration = Duration::from_secs(args.duration.max(1));
    println!();
    println!(
        "certificates: a {TYPE} certificate ({attested}) of a citizen of {} records; SQLite, the access log on, the per-session write limit off",
        args.records
    );
    println!(
        "{} s measured after {} s of warm-up; keep-alive clients, one request at a time each; clients and server share this machine's {} cores;\nCPU/req and cores: this process's processor time (server and clients, user and system) per request and per second",
        duration.as_secs(),
        args.duration.div_ceil(4),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!(
        "issuing floor: POST .../certificates/draft, the same records read and one log entry, nothing signed or stored;\n\
         checking floor: POST {CHECK} with the code, a lookup and one log entry, no signature checked"
    );
    println!();
    println!(
        "  {:<8} {:<46} {:>10} {:>10} {:>10} {:>11} {:>10} {:>6}",
        "clients", "", "p50", "p99", "requests/s", "body", "CPU/req", "cores"
    );
    let names = [
        "floor: draft  POST .../certificates/draft",
        "issue  POST .../certificates",
        "floor: check by code  POST .../check",
        "check, compact form (OB1:)  POST .../check",
        "check, SD-JWT VC  POST .../check",
    ];
    for row in &rows {
        for (name, figures) in names.iter().zip(row.all()) {
            println!("  {:<8} {name:<46} {}", row.clients, figures.row());
        }
    }
    println!();
    for row in &rows {
        println!(
            "  {:<3} client(s): issue / draft:             {}",
            row.clients,
            row.issue.against(&row.draft)
        );
        println!(
            "      check compact form / by code: {}",
            row.sealed.against(&row.by_code)
        );
        println!(
            "      check SD-JWT / by code:       {}",
            row.sd_jwt.against(&row.by_code)
        );
    }
    println!();
    println!(
        "offline, in this process on one core, {:.1} s each after a warm-up; sizes are of the bytes signed ({} B the compact form's, {} B the SD-JWT's)",
        measure_for.as_secs_f64(),
        offline.compact_bytes,
        offline.sd_jwt_bytes,
    );
    println!(
        "  {:<52} {:>10} {:>10} {:>10} {:>9} {:>14}",
        "", "p50", "p99", "per second", "/ floor", "µs beyond it"
    );
    for (name, figures, floor) in offline.rows() {
        println!("  {name:<52} {}", figures.row(floor));
    }
    println!();

    let issues = answered.issues.load(Ordering::Relaxed);
    let drafts = answered.drafts.load(Ordering::Relaxed);
    let checks = answered.checks.load(Ordering::Relaxed);
    let by_verifier = after.by_verifier.saturating_sub(before.by_verifier);
    let grown = after.all.saturating_sub(before.all);
    println!(
        "  the holder's log: {by_verifier} new entries by a verifier for {checks} checks answered, {grown} in all for {} answered requests ({issues} issues, {drafts} drafts, {checks} checks; warm-ups included)",
        issues + drafts + checks
    );
    let failed: u64 = rows
        .iter()
        .flat_map(Online::all)
        .map(|figures| figures.failed)
        .sum();
    if failed > 0 {
        let first = rows
            .iter()
            .flat_map(Online::all)
            .find_map(|figures| figures.first_failure.clone())
            .unwrap_or_default();
        bail!("{failed} requests were not answered as they should be; the first: {first}");
    }
    ensure!(
        by_verifier == checks,
        "the log grew by {by_verifier} entries of a verifier's, not by the {checks} checks"
    );
    ensure!(
        grown == issues + drafts + checks,
        "the log grew by {grown} entries, not by the {} answered requests",
        issues + drafts + checks
    );
    Ok(())
}

/// Sends `body` to `path` once, with the session if given: the status and the answer's text.
async fn send(
    http: &reqwest::Client,
    base_url: &str,
    path: &str,
    cookie: Option<&HeaderValue>,
    body: &Value,
) -> anyhow::Result<(StatusCode, String)> {
    let mut request = http.post(format!("{base_url}{path}")).json(body);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie.clone());
    }
    let response = request.send().await?;
    let status = response.status();
    Ok((status, response.text().await?))
}

/// A subject's entries in the log, pending or sealed: all of them, and those by a verifier.
struct LogCount {
    all: u64,
    by_verifier: u64,
}

/// Counts in one statement, so an entry moving from pending to sealed meanwhile is counted
/// once; on the log's writer, which the integrator's moves go through too.
async fn log_entries(store: &SqliteStore, subject: &SubjectKey) -> anyhow::Result<LogCount> {
    let (all, by_verifier): (i64, i64) = sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM access_pending WHERE subject = ?1) \
             + (SELECT COUNT(*) FROM access_entries WHERE subject = ?1), \
           (SELECT COUNT(*) FROM access_pending WHERE subject = ?1 AND actor_id = ?2) \
             + (SELECT COUNT(*) FROM access_entries WHERE subject = ?1 AND actor_id = ?2)",
    )
    .bind(subject.as_bytes().to_vec())
    .bind("verifier")
    .fetch_one(store.log_write_pool())
    .await?;
    Ok(LogCount {
        all: u64::try_from(all)?,
        by_verifier: u64::try_from(by_verifier)?,
    })
}

impl Load {
    /// Warms up with `call`, then measures it; the warm-up's refusals are counted with the
    /// measured ones.
    async fn drive(&self, call: &Call, answered: &Arc<Answered>) -> anyhow::Result<Figures> {
        let warm_up = self.clients(call, self.warm_up, answered).await?;
        let mut measured = self.clients(call, self.duration, answered).await?;
        measured.failed += warm_up.failed;
        measured.first_failure = warm_up.first_failure.or(measured.first_failure);
        Ok(measured)
    }

    async fn clients(
        &self,
        call: &Call,
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
                call.clone(),
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

async fn client_loop(
    address: SocketAddr,
    call: Call,
    until: Instant,
    answered: Arc<Answered>,
) -> anyhow::Result<Figures> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let host = HeaderValue::from_str(&address.to_string())?;
    let json = HeaderValue::from_static("application/json");
    let mut figures = Figures::new()?;
    while Instant::now() < until {
        sender.ready().await?;
        let began = Instant::now();
        let mut request = hyper::Request::post(call.path)
            .header(header::HOST, host.clone())
            .header(header::CONTENT_TYPE, json.clone());
        if let Some(cookie) = &call.cookie {
            request = request.header(header::COOKIE, cookie.clone());
        }
        let response = sender
            .send_request(request.body(Full::new(call.body.clone()))?)
            .await?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        let micros = u64::try_from(began.elapsed().as_micros()).unwrap_or(u64::MAX);
        figures.latency_us.saturating_record(micros.max(1));
        figures.bytes += body.len() as u64;
        let valid = !call.valid || body.windows(VALID.len()).any(|window| window == VALID);
        if status == call.expected && valid {
            answered.count(call.counted).fetch_add(1, Ordering::Relaxed);
        } else {
            figures.failed += 1;
            if figures.first_failure.is_none() {
                figures.first_failure = Some(format!(
                    "{} answered {status}: {}",
                    call.path,
                    String::from_utf8_lossy(&body)
                ));
            }
        }
    }
    Ok(figures)
}

/// What one offline measure found: each operation's time, in nanoseconds.
struct Timed {
    nanos: Histogram<u64>,
    took: Duration,
}

impl Timed {
    fn rate(&self) -> f64 {
        self.nanos.len() as f64 / self.took.as_secs_f64()
    }

    fn quantile_us(&self, quantile: f64) -> f64 {
        self.nanos.value_at_quantile(quantile) as f64 / 1000.0
    }

    /// Microseconds an operation takes on average.
    fn mean_us(&self) -> f64 {
        1e6 / self.rate()
    }

    /// The row of this measure against a floor of `floor_us` microseconds an operation: its
    /// rate as a share of the floor's, and the microseconds each takes beyond it.
    fn row(&self, floor_us: Option<f64>) -> String {
        let (ratio, beyond) = floor_us.map_or_else(
            || (String::new(), String::new()),
            |floor_us| {
                (
                    format!("{:.2}", floor_us / self.mean_us()),
                    format!("{:.1}", self.mean_us() - floor_us),
                )
            },
        );
        format!(
            "{:>7.1} µs {:>7.1} µs {:>10.0} {ratio:>9} {beyond:>14}",
            self.quantile_us(0.5),
            self.quantile_us(0.99),
            self.rate(),
        )
    }
}

/// Runs `operation` for a warm-up of a fifth of `run_for`, then for `run_for`, timing each.
fn timed(run_for: Duration, mut operation: impl FnMut() -> bool) -> anyhow::Result<Timed> {
    let warm_until = Instant::now() + run_for / 5;
    while Instant::now() < warm_until {
        ensure!(operation(), "an offline operation failed");
    }
    let mut nanos = Histogram::new_with_bounds(1, 60_000_000_000, 3)?;
    let started = Instant::now();
    let until = started + run_for;
    loop {
        let began = Instant::now();
        let ok = operation();
        let now = Instant::now();
        ensure!(ok, "an offline operation failed");
        let took = u64::try_from((now - began).as_nanos()).unwrap_or(u64::MAX);
        nanos.saturating_record(took.max(1));
        if now >= until {
            return Ok(Timed {
                nanos,
                took: now - started,
            });
        }
    }
}

/// The offline measures.
struct Offline {
    compact_bytes: usize,
    sd_jwt_bytes: usize,
    verify_compact_floor: Timed,
    verify_sd_jwt_floor: Timed,
    open: Timed,
    verify: Timed,
    sign_compact_floor: Timed,
    sign_sd_jwt_floor: Timed,
    seal: Timed,
    issue: Timed,
    both: Timed,
}

impl Offline {
    /// Each row's name, figures, and floor's microseconds an operation.
    fn rows(&self) -> Vec<(String, &Timed, Option<f64>)> {
        let (c, s) = (self.compact_bytes, self.sd_jwt_bytes);
        vec![
            (
                format!("floor: Ed25519 verify_strict, {c} B"),
                &self.verify_compact_floor,
                None,
            ),
            (
                "compact::open (OB1: text)".to_owned(),
                &self.open,
                Some(self.verify_compact_floor.mean_us()),
            ),
            (
                format!("floor: Ed25519 verify_strict, {s} B"),
                &self.verify_sd_jwt_floor,
                None,
            ),
            (
                "sd_jwt::verify (every field disclosed)".to_owned(),
                &self.verify,
                Some(self.verify_sd_jwt_floor.mean_us()),
            ),
            (
                format!("floor: Ed25519 sign, {c} B"),
                &self.sign_compact_floor,
                None,
            ),
            (
                "compact::seal".to_owned(),
                &self.seal,
                Some(self.sign_compact_floor.mean_us()),
            ),
            (
                format!("floor: Ed25519 sign, {s} B"),
                &self.sign_sd_jwt_floor,
                None,
            ),
            (
                "sd_jwt::issue".to_owned(),
                &self.issue,
                Some(self.sign_sd_jwt_floor.mean_us()),
            ),
            (
                "seal + issue, as issuing does (floor: both signs)".to_owned(),
                &self.both,
                Some(self.sign_compact_floor.mean_us() + self.sign_sd_jwt_floor.mean_us()),
            ),
        ]
    }
}

/// Opens and verifies, seals and issues, the certificate's two forms in this thread, each
/// against bare Ed25519 over a message of the length the form signs.
fn offline(
    sealed: &str,
    sd_jwt_text: &str,
    key: &overblik_certificate::IssuerKey,
    keys: &overblik_certificate::PublicKeys,
    run_for: Duration,
) -> anyhow::Result<Offline> {
    let attested: Attested = compact::open(sealed, keys)
        .map_err(|forged| anyhow!("the certificate's compact form does not open: {forged}"))?;
    let from_sd_jwt = sd_jwt::verify(sd_jwt_text, keys)
        .map_err(|forged| anyhow!("the certificate's SD-JWT does not verify: {forged}"))?;
    ensure!(
        from_sd_jwt == attested,
        "the two forms attest different things"
    );
    // The compact form signs the COSE Sig_structure: within a few bytes of the COSE_Sign1
    // less its 64-byte signature. Base45 makes 3 characters of 2 bytes, 2 of the last 1.
    let base45 = sealed
        .trim()
        .strip_prefix(compact::PREFIX)
        .context("the compact form's prefix")?
        .len();
    let compact_bytes = (base45 / 3 * 2 + usize::from(base45 % 3 == 2)).saturating_sub(64);
    // The SD-JWT signs its JWT's header and payload, as they are written.
    let sd_jwt_bytes = sd_jwt_text
        .split('~')
        .next()
        .and_then(|jwt| jwt.rfind('.'))
        .context("the SD-JWT's JWT")?;

    let signing = SigningKey::from_bytes(&rand::random::<[u8; 32]>());
    let verifying = signing.verifying_key();
    let compact_message: Vec<u8> = (0..compact_bytes).map(|i| i as u8).collect();
    let sd_jwt_message: Vec<u8> = (0..sd_jwt_bytes).map(|i| i as u8).collect();
    let compact_signature = signing.sign(&compact_message);
    let sd_jwt_signature = signing.sign(&sd_jwt_message);

    let verify_compact_floor = timed(run_for, || {
        verifying
            .verify_strict(std::hint::black_box(&compact_message), &compact_signature)
            .is_ok()
    })?;
    let open = timed(run_for, || {
        compact::open(std::hint::black_box(sealed), keys).is_ok()
    })?;
    let verify_sd_jwt_floor = timed(run_for, || {
        verifying
            .verify_strict(std::hint::black_box(&sd_jwt_message), &sd_jwt_signature)
            .is_ok()
    })?;
    let verify = timed(run_for, || {
        sd_jwt::verify(std::hint::black_box(sd_jwt_text), keys).is_ok()
    })?;
    let sign_compact_floor = timed(run_for, || {
        std::hint::black_box(signing.sign(std::hint::black_box(&compact_message)));
        true
    })?;
    let seal = timed(run_for, || {
        !std::hint::black_box(compact::seal(&attested, key)).is_empty()
    })?;
    let sign_sd_jwt_floor = timed(run_for, || {
        std::hint::black_box(signing.sign(std::hint::black_box(&sd_jwt_message)));
        true
    })?;
    let issue = timed(run_for, || {
        !std::hint::black_box(sd_jwt::issue(&attested, key)).is_empty()
    })?;
    let both = timed(run_for, || {
        let sealed = compact::seal(&attested, key);
        let issued = sd_jwt::issue(&attested, key);
        !std::hint::black_box(sealed).is_empty() && !std::hint::black_box(issued).is_empty()
    })?;
    Ok(Offline {
        compact_bytes,
        sd_jwt_bytes,
        verify_compact_floor,
        verify_sd_jwt_floor,
        open,
        verify,
        sign_compact_floor,
        sign_sd_jwt_floor,
        seal,
        issue,
        both,
    })
}
