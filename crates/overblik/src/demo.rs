//! `overblik demo`: builds a demo country, pushes it through the real provider API, and serves it.
//!
//! The country is one of the presets (`--country dk|cat|nl`): installed before anything is
//! parsed, written into the demo's configuration, and the one whose authorities and citizens
//! the generator makes.

use crate::config::FactSourceConfig;
use crate::provider::{write_key_files, write_private};
use anyhow::{Context, bail};
use chrono::Utc;
use indicatif::{ProgressBar, ProgressStyle};
use overblik_certificate::IssuerKey;
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey, RecipientClient};
use overblik_demo::{BatchBodies, Citizen};
use overblik_ledger::{Ledger, LogKey};
use overblik_model::{Preset, SubjectKeySecret};
use overblik_server::{Application, Builder, ServerSettings};
use overblik_store::Provider;
use overblik_store::roles::*;
use overblik_store_sqlite::{SqliteStore, database_files};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Records per batch the demo authorities push.
const BATCH_SIZE: usize = 2_000;
/// How many featured citizens the demo prints.
const FEATURED: usize = 5;
/// How often the demo's access log signs a checkpoint when it has grown (as `serve`'s default).
const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(2);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to serve on, on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// How many citizens to generate.
    #[arg(long, default_value_t = 1_000)]
    citizens: usize,
    /// The folder for the database, the configuration and the authorities' keys; its database
    /// is made afresh.
    #[arg(long, default_value = "overblik-demo")]
    data: PathBuf,
    /// The seed of the generator: the same seed gives the same country.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The country of the demo: its identity scheme, currency, languages, catalogue,
    /// authorities and citizens.
    #[arg(long, default_value = "dk", value_parser = preset_parser())]
    country: Preset,
}

/// The presets `--country` takes, each with what it brings.
fn preset_parser() -> impl clap::builder::TypedValueParser<Value = Preset> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = Preset::ALL.map(|preset| {
        PossibleValue::new(preset.code()).help(match preset {
            Preset::Dk => "Denmark: CPR numbers, kroner, Danish and English",
            Preset::Cat => "Catalonia: DNI and NIE numbers, euros, Catalan, Spanish and English",
            Preset::Nl => "The Netherlands: BSNs, euros, English (Dutch texts from authorities)",
        })
    });
    PossibleValuesParser::new(values)
        .map(|code| Preset::from_code(&code).expect("a possible value is a preset's code"))
}

/// The generator's country for a preset.
fn demo_country(preset: Preset) -> overblik_demo::Country {
    match preset {
        Preset::Dk => overblik_demo::Country::Dk,
        Preset::Cat => overblik_demo::Country::Cat,
        Preset::Nl => overblik_demo::Country::Nl,
    }
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Before anything is parsed: identifiers, amounts and codes follow the country.
    args.country.country().install()?;
    let country = demo_country(args.country);
    let started = Instant::now();
    std::fs::create_dir_all(&args.data)
        .with_context(|| format!("could not create {}", args.data.display()))?;
    let url = format!("sqlite://{}", args.data.join("overblik.db").display());
    // Before anything is removed: a demo already running from this folder keeps its files.
    let _serving = overblik_store_sqlite::lock_for_serving(&url).await?;
    let database = fresh_database(&args.data)?;
    let settings_file = args.data.join("overblik.toml");
    let store = Arc::new(SqliteStore::open(&url).await?);
    let keys_dir = args.data.join("keys");
    let mut keys = Vec::new();
    for authority in country.authorities() {
        let key = ProviderKey::generate(authority.id, KeyAlgorithm::Ed25519)?;
        write_key_files(&key, &keys_dir)?;
        store
            .put_provider(&Provider {
                id: authority.id.parse().map_err(anyhow::Error::msg)?,
                name: authority.name.to_owned(),
                public_keys: vec![key.public_jwk().to_string()],
                classifications: authority
                    .classifications
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
                homepage: Some(authority.homepage.to_owned()),
                registered_at: Utc::now(),
                stale_after_days: Some(overblik_demo::STALE_AFTER_DAYS),
                last_delivery: None,
            })
            .await?;
        keys.push(key);
    }

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
        .await
        .with_context(|| format!("could not listen on 127.0.0.1:{} (try --port 0)", args.port))?;
    let url = format!("http://{}", listener.local_addr()?);
    // The sample service a citizen can share with, registered as the operator would.
    let bank_key = ProviderKey::generate(crate::bank::ID, KeyAlgorithm::Es256)?;
    write_key_files(&bank_key, &keys_dir)?;
    store
        .put_recipient(&crate::bank::registration(&url, bank_key.public_jwk())?)
        .await?;
    let bank = crate::bank::router(RecipientClient::new(&url, bank_key)?, &url);
    let (subject_secret, token_secret) = (random_secret(), random_secret());
    let log_key = LogKey::generate(&log_origin(&url));
    let issuer_key = SecretString::from(IssuerKey::generate().to_pem());
    write_settings(
        &settings_file,
        &database,
        &url,
        &subject_secret,
        &token_secret,
        &log_key,
        &issuer_key,
        args.country,
        &demo_fact_sources(country),
    )?;
    let ledger = Ledger::open(store.clone(), log_key).await?;
    let authoritative_facts = demo_fact_sources(country);
    let settings = ServerSettings {
        public_url: url.clone(),
        subject_key_secret: SubjectKeySecret::new(subject_secret.into_bytes())
            .map_err(anyhow::Error::msg)?,
        token_secret: token_secret.into_bytes(),
        token_lifetime: Duration::from_secs(300),
        max_body_bytes: 32 * 1024 * 1024,
        login: None,
        dev_idp: true,
        mail: None,
        fact_authorities: crate::config::fact_authorities(&authoritative_facts)?,
        // The demo runs on this machine, and so may an authority's receiver tried with it.
        allow_loopback_webhooks: true,
        // The rate limits are `serve`'s defaults unless OVERBLIK_RATE_LIMITS__* says otherwise.
        rate_limits: crate::config::Config::load(None)?.rate_limits,
        issuer: crate::config::issuer(&url, &[issuer_key], None)?,
        overview_rules: crate::config::overview_rules(None)?,
    };
    let application = with_dev_idp(
        Application::builder(store, ledger, settings.clone()),
        &settings,
    )
    .mount(crate::bank::PATH, bank)
    .checkpoints_every(CHECKPOINT_INTERVAL)
    .start()?;
    let server = tokio::spawn(application.serve(listener));

    let (by_authority, featured, total) = generate(&args, country);
    push_all(&url, keys, by_authority, total).await?;

    print_summary(
        &url,
        country,
        &featured,
        &keys_dir,
        &settings_file,
        total,
        started.elapsed(),
    );
    server.await??;
    Ok(ExitCode::SUCCESS)
}

/// `builder` with the development OpenID provider mounted where `settings` sign citizens in
/// through it: the demo's, and `serve`'s with `dev_idp = true`.
pub fn with_dev_idp(builder: Builder, settings: &ServerSettings) -> Builder {
    let login = settings.development_login();
    let idp = overblik_devidp::DevIdp::new(
        &login.issuer_url,
        &settings.public_url,
        &login.client_id,
        &login.client_secret,
        &login.national_id_claim,
    );
    builder.mount(
        overblik_server::login::DEV_IDP_PATH,
        overblik_devidp::router(std::sync::Arc::new(idp)),
    )
}

/// Removes an earlier demo database in `dir`, with its access log; returns its path.
fn fresh_database(dir: &Path) -> anyhow::Result<PathBuf> {
    let database = dir.join("overblik.db");
    for file in database_files(&database) {
        if file.exists() {
            std::fs::remove_file(&file)
                .with_context(|| format!("could not remove {}", file.display()))?;
        }
    }
    Ok(database)
}

/// The access log's name: the server's host and port, then `/log`.
fn log_origin(url: &str) -> String {
    format!(
        "{}/log",
        url.trim_start_matches("http://")
            .trim_start_matches("https://")
    )
}

fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The demo authorities that may assert facts granting access, as the configuration names them.
fn demo_fact_sources(country: overblik_demo::Country) -> BTreeMap<String, Vec<FactSourceConfig>> {
    let mut tables: BTreeMap<String, Vec<FactSourceConfig>> = BTreeMap::new();
    for (fact, provider, classifications) in country.authoritative_facts() {
        tables
            .entry((*fact).to_owned())
            .or_default()
            .push(FactSourceConfig {
                provider: (*provider).to_owned(),
                classifications: classifications.iter().map(|c| (*c).to_owned()).collect(),
            });
    }
    tables
}

/// Writes a configuration with which `overblik serve` serves the same demo later.
#[expect(
    clippy::too_many_arguments,
    reason = "each is a line of the file it writes"
)]
fn write_settings(
    path: &Path,
    database: &Path,
    url: &str,
    subject: &str,
    token: &str,
    log_key: &LogKey,
    issuer_key: &SecretString,
    country: Preset,
    authoritative_facts: &BTreeMap<String, Vec<FactSourceConfig>>,
) -> anyhow::Result<()> {
    let listen = url.trim_start_matches("http://");
    let mut text = format!(
        "# Written by `overblik demo`. Serve this demo again with: overblik serve --config {}\n\
         database_url = \"sqlite://{}\"\nlisten = \"{listen}\"\npublic_url = \"{url}\"\n\
         subject_key_secret = \"{subject}\"\ntoken_secret = \"{token}\"\n\
         log_key = \"{}\"\n\
         certificate_keys = [\"\"\"\n{}\"\"\"]\n\
         # Citizens sign in through the built-in development provider: demo only.\ndev_idp = true\n",
        path.display(),
        database.display(),
        log_key.private(),
        issuer_key.expose_secret(),
    );
    text.push_str(&format!(
        "# The demo's country: its identifiers, currency, languages and catalogue.\n\
         [country]\npreset = \"{}\"\n",
        country.code()
    ));
    text.push_str("# Only the register below may say who has custody of whom.\n");
    for (fact, sources) in authoritative_facts {
        for source in sources {
            text.push_str(&format!(
                "[[authoritative_facts.{fact}]]\nprovider = \"{}\"\nclassifications = {:?}\n",
                source.provider, source.classifications
            ));
        }
    }
    // It holds the deployment's secrets and the log's signing key.
    write_private(path, text.as_bytes())
}

type ByAuthority = BTreeMap<&'static str, BatchBodies>;

/// Generates the citizens and sorts their records by the authority that holds them.
fn generate(args: &Args, country: overblik_demo::Country) -> (ByAuthority, Vec<Citizen>, usize) {
    let progress = ProgressBar::new(args.citizens as u64).with_style(
        ProgressStyle::with_template("Generating citizens {bar:40} {pos}/{len}")
            .expect("a valid template"),
    );
    let mut by_authority = ByAuthority::new();
    let mut featured = Vec::new();
    let mut total = 0;
    for citizen in country.citizens(args.seed, args.citizens, Utc::now().date_naive()) {
        total += citizen.records.len();
        for (authority, record) in &citizen.records {
            by_authority
                .entry(authority)
                .or_insert_with(|| BatchBodies::new(BATCH_SIZE))
                .push(record);
        }
        if featured.len() < FEATURED {
            featured.push(citizen);
        }
        progress.inc(1);
    }
    progress.finish();
    (by_authority, featured, total)
}

/// Every authority pushes its records at once, each in batches, as real authorities would.
async fn push_all(
    url: &str,
    keys: Vec<ProviderKey>,
    mut by_authority: ByAuthority,
    total: usize,
) -> anyhow::Result<()> {
    let progress = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template(
            "Pushing through the provider API {bar:40} {pos}/{len} records, {per_sec}",
        )
        .expect("a valid template"),
    );
    let mut pushes = tokio::task::JoinSet::new();
    for key in keys {
        let bodies = by_authority
            .remove(key.provider())
            .unwrap_or_else(|| BatchBodies::new(BATCH_SIZE));
        let records = bodies.records();
        let bodies = bodies.finish();
        let client = ProviderClient::new(url, key);
        let progress = progress.clone();
        pushes.spawn(async move {
            for (index, body) in bodies.into_iter().enumerate() {
                let idempotency_key = format!("demo-{}-{index}", client.key().provider());
                let response = client.push(body, &idempotency_key).await?;
                if !response.is_success() {
                    bail!(
                        "{} could not push its records: {}",
                        client.key().provider(),
                        response.body
                    );
                }
                progress.inc(BATCH_SIZE.min(records - index * BATCH_SIZE) as u64);
            }
            Ok(())
        });
    }
    while let Some(pushed) = pushes.join_next().await {
        pushed??;
    }
    progress.finish();
    Ok(())
}

#[expect(
    clippy::print_stdout,
    reason = "the summary is what the demo prints for its user"
)]
fn print_summary(
    url: &str,
    country: overblik_demo::Country,
    featured: &[Citizen],
    keys_dir: &Path,
    settings: &Path,
    total: usize,
    took: Duration,
) {
    println!();
    println!(
        "Overblik demo is running at {url}  ({total} records pushed in {:.1} s)",
        took.as_secs_f64()
    );
    println!();
    println!(
        "Open {url}/ and sign in with one of these citizens' synthetic {}:",
        country.identifiers()
    );
    for citizen in featured {
        println!(
            "  {}  {:<24} {}",
            citizen.national_id,
            citizen.name,
            country.describe(citizen.situation)
        );
    }
    println!();
    println!(
        "The demo authorities' private keys (PEM) are in {}",
        keys_dir.display()
    );
    println!("Try the provider API:");
    println!("  {url}/api/provider/v1/openapi.json");
    // The first authority is the municipality, whose codes the examples use.
    let municipality = country.authorities()[0].id;
    println!(
        "  overblik provider push {} --url {url} --key {}",
        country.example_batch().unwrap_or("BATCH.json"),
        keys_dir.join(format!("{municipality}.key.pem")).display()
    );
    println!(
        "Serve this demo again later with: overblik serve --config {}",
        settings.display()
    );
    println!(
        "Share data by consent with a sample service: {url}{}/ (Eksempel Bank's budget check)",
        crate::bank::PATH
    );
    println!(
        "Certificates: a citizen gets them under {url}/certificates; anyone checks one at {url}/verify,"
    );
    println!(
        "  or offline: overblik certificate verify FILE --keys keys.json (saved from {url}/certificates/keys.json)"
    );
    println!("Health: {url}/healthz   Metrics: {url}/metrics   Stop with Ctrl-C.");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the configuration of a demo of `preset` to `path`, and reads it back.
    fn written(path: &Path, preset: Preset) -> crate::config::Config {
        let database = path.with_file_name("overblik.db");
        write_settings(
            path,
            &database,
            "http://127.0.0.1:8080",
            "subject-secret",
            "token-secret",
            &LogKey::generate("127.0.0.1:8080/log"),
            &SecretString::from(IssuerKey::generate().to_pem()),
            preset,
            &demo_fact_sources(demo_country(preset)),
        )
        .expect("writes");
        crate::config::Config::load(Some(path)).expect("a valid configuration")
    }

    #[cfg(unix)]
    #[test]
    fn the_demo_configuration_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("overblik.toml");
        // An earlier run's file, readable by all, is replaced, not rewritten in place.
        std::fs::write(&path, "earlier").expect("writes");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let config = written(&path, Preset::Dk);
        let mode = std::fs::metadata(&path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        let text = std::fs::read_to_string(&path).expect("reads");
        assert!(text.contains("token_secret = \"token-secret\""), "{text}");
        // Served again, it trusts the population register alone for custody.
        let rule = crate::config::fact_authorities(&config.authoritative_facts).expect("valid");
        let sources = rule
            .sources(overblik_model::record::FactType::Custody)
            .expect("custody is named");
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].provider.as_str(), "cpr-demo");
        assert_eq!(
            config.country.country().expect("a country").preset,
            Preset::Dk
        );
    }

    /// Served again, a Catalan or Dutch demo is in its own country, whose register of
    /// births alone says who has custody of whom.
    #[test]
    fn the_demo_configuration_names_its_country() {
        for preset in [Preset::Cat, Preset::Nl] {
            let dir = tempfile::tempdir().expect("a folder");
            let config = written(&dir.path().join("overblik.toml"), preset);
            let country = demo_country(preset);
            assert_eq!(config.country.country().expect("a country").preset, preset);
            let custody = &config.authoritative_facts["custody"];
            assert_eq!(custody.len(), 1);
            assert_eq!(custody[0].provider, country.authoritative_facts()[0].1);
        }
    }

    #[test]
    fn the_country_is_a_preset_and_denmark_unless_told() {
        use clap::Parser;
        let country = |args: &[&str]| {
            let cli = crate::Cli::try_parse_from([&["overblik", "demo"], args].concat())?;
            let crate::Command::Demo(args) = cli.command else {
                panic!("the demo command")
            };
            Ok::<_, clap::Error>(args.country)
        };
        assert_eq!(country(&[]).expect("parses"), Preset::Dk);
        assert_eq!(country(&["--country", "cat"]).expect("parses"), Preset::Cat);
        assert_eq!(country(&["--country", "nl"]).expect("parses"), Preset::Nl);
        let refused = country(&["--country", "se"]).expect_err("refused");
        assert_eq!(refused.kind(), clap::error::ErrorKind::InvalidValue);
        let said = refused.to_string();
        assert!(
            said.contains("'se'") && said.contains("[possible values: dk, cat, nl]"),
            "{said}"
        );
    }

    #[test]
    fn a_fresh_demo_database_leaves_nothing_of_the_last_one_behind() {
        let dir = tempfile::tempdir().expect("a folder");
        let earlier = [
            "overblik.db",
            "overblik.db-wal",
            "overblik.db-shm",
            "overblik-access-log.db",
            "overblik-access-log.db-wal",
            "overblik-access-log.db-shm",
        ];
        for name in earlier {
            std::fs::write(dir.path().join(name), "earlier").expect("writes");
        }
        std::fs::write(dir.path().join("settings.toml"), "kept").expect("writes");
        let database = fresh_database(dir.path()).expect("clears");
        assert_eq!(database, dir.path().join("overblik.db"));
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(left, ["settings.toml"]);
    }
}
