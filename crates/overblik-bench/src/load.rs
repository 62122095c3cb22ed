//! Load on the citizen's pages as signed-in browsers make it: many keep-alive clients, each
//! asking for one page at a time as a citizen picked at random, with their latencies.

use anyhow::{Context, anyhow};
use axum::http::{HeaderValue, header};
use chrono::Utc;
use hdrhistogram::Histogram;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use indicatif::{ProgressBar, ProgressStyle};
use overblik_model::{NationalId, SubjectKeySecret};
use overblik_server::login::{SESSION_COOKIE, SESSION_LIMITS, session_key};
use overblik_store::Store;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Starts sessions for `count` of the citizens in `national_ids`, picked at random, straight
/// in the store, and returns the cookie headers a browser would send for them.
pub async fn sign_in(
    store: &dyn Store,
    national_ids: &[String],
    count: usize,
    secret: &SubjectKeySecret,
) -> anyhow::Result<Vec<HeaderValue>> {
    let mut rng = StdRng::from_entropy();
    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("Signing citizens in {bar:40} {pos}/{len}")
            .expect("a valid template"),
    );
    let mut cookies = Vec::with_capacity(count);
    for _ in 0..count {
        let national_id: NationalId = national_ids
            .choose(&mut rng)
            .context("no citizens listed")?
            .parse()
            .map_err(|_| anyhow!("a listed national identifier does not parse"))?;
        let token = format!("{:032x}", rng.r#gen::<u128>());
        store
            .start_session(
                &session_key(&token),
                &secret.subject_key(&national_id),
                Utc::now(),
                SESSION_LIMITS,
            )
            .await?;
        cookies.push(HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}"))?);
        progress.inc(1);
    }
    progress.finish_and_clear();
    Ok(cookies)
}

/// Many clients, each on one keep-alive connection with one request at a time, each request
/// with the session cookie of a signed-in citizen picked at random. With several addresses
/// (servers behind a load balancer) the clients are spread over them in turn.
#[derive(Clone)]
pub struct Load {
    pub addresses: Vec<SocketAddr>,
    pub cookies: Arc<Vec<HeaderValue>>,
    pub concurrency: usize,
    pub warm_up: Duration,
    pub duration: Duration,
}

/// What one load measured.
pub struct Figures {
    latency_us: Histogram<u64>,
    pub failed: u64,
    bytes: u64,
    took: Duration,
}

impl Figures {
    fn requests(&self) -> u64 {
        self.latency_us.len()
    }

    pub fn rate(&self) -> f64 {
        self.requests() as f64 / self.took.as_secs_f64()
    }

    pub fn average_body(&self) -> usize {
        (self.bytes / self.requests().max(1)) as usize
    }

    pub fn quantile_ms(&self, quantile: f64) -> f64 {
        self.latency_us.value_at_quantile(quantile) as f64 / 1000.0
    }

    pub fn row(&self) -> String {
        format!(
            "{:>6.2} ms {:>6.2} ms {:>12.0} {:>7.1} kB",
            self.quantile_ms(0.5),
            self.quantile_ms(0.99),
            self.rate(),
            self.average_body() as f64 / 1000.0
        )
    }
}

impl Load {
    /// Warms up on `path`, then measures it.
    pub async fn drive(&self, path: &'static str) -> anyhow::Result<Figures> {
        self.clients(path, self.warm_up).await?;
        self.clients(path, self.duration).await
    }

    async fn clients(&self, path: &'static str, run_for: Duration) -> anyhow::Result<Figures> {
        let started = Instant::now();
        let until = started + run_for;
        let mut clients = tokio::task::JoinSet::new();
        for client in 0..self.concurrency {
            let address = *self
                .addresses
                .get(client % self.addresses.len().max(1))
                .context("no address to load")?;
            let cookies = self.cookies.clone();
            clients.spawn(client_loop(address, cookies, path, until, client as u64));
        }
        let mut total = Figures {
            latency_us: latency_histogram()?,
            failed: 0,
            bytes: 0,
            took: Duration::ZERO,
        };
        while let Some(figures) = clients.join_next().await {
            let figures = figures??;
            total.latency_us.add(&figures.latency_us)?;
            total.failed += figures.failed;
            total.bytes += figures.bytes;
        }
        total.took = started.elapsed();
        Ok(total)
    }
}

fn latency_histogram() -> anyhow::Result<Histogram<u64>> {
    // Microseconds, from 1 µs to a minute, to three significant figures.
    Ok(Histogram::new_with_bounds(1, 60_000_000, 3)?)
}

async fn client_loop(
    address: SocketAddr,
    cookies: Arc<Vec<HeaderValue>>,
    path: &'static str,
    until: Instant,
    client: u64,
) -> anyhow::Result<Figures> {
    let stream = tokio::net::TcpStream::connect(address).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let mut rng = StdRng::seed_from_u64(client);
    let mut figures = Figures {
        latency_us: latency_histogram()?,
        failed: 0,
        bytes: 0,
        took: Duration::ZERO,
    };
    let host = HeaderValue::from_str(&address.to_string())?;
    while Instant::now() < until {
        let cookie = cookies.choose(&mut rng).context("no sessions")?.clone();
        let request = hyper::Request::get(path)
            .header(header::HOST, host.clone())
            .header(header::COOKIE, cookie)
            .body(Empty::<Bytes>::new())?;
        sender.ready().await?;
        let sent = Instant::now();
        let response = sender.send_request(request).await?;
        let ok = response.status() == hyper::StatusCode::OK;
        let body = response.into_body().collect().await?.to_bytes();
        let micros = u64::try_from(sent.elapsed().as_micros()).unwrap_or(u64::MAX);
        figures.latency_us.saturating_record(micros.max(1));
        figures.failed += u64::from(!ok);
        figures.bytes += body.len() as u64;
    }
    Ok(figures)
}
