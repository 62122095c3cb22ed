//! Configuration in layers: defaults, then a TOML file, then `OVERBLIK_*` environment variables.

use anyhow::{Context, anyhow, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use overblik_certificate::IssuerKey;
use overblik_core::certificates::Issuer;
use overblik_ledger::{Ledger, LedgerStore, LogKey};
use overblik_model::record::FactType;
use overblik_model::values::Currency;
use overblik_model::{
    Catalogue, CertificateTypes, Country, FactAuthorities, FactSource, IdScheme, Language, Preset,
    SubjectKeySecret,
};
use overblik_server::ServerSettings;
use overblik_server::login::LoginSettings;
use overblik_server::notify::MailSettings;
use overblik_server::rate_limit::RateLimitSettings;
use overblik_store::Store;
use overblik_store_postgres::PostgresStore;
use overblik_store_sqlite::{Memory as SqliteMemory, SqliteStore};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// Everything `overblik serve` can be told.
#[derive(Debug, Deserialize)]
pub struct Config {
    /// Where the data lives: `sqlite://FILE` or `postgres://USER@HOST/DATABASE`.
    pub database_url: String,
    /// The address to listen on.
    pub listen: String,
    /// The URL the server is reached at; by default `http://` and the listen address.
    pub public_url: Option<String>,
    /// Turns national identifiers into subject keys; at least 32 characters, never changed.
    pub subject_key_secret: Option<SecretString>,
    /// Signs access tokens; at least 32 characters.
    pub token_secret: Option<SecretString>,
    /// How long a provider's access token lasts, in seconds.
    pub token_lifetime_seconds: u64,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How citizens sign in: an OpenID Connect issuer and this server's client there.
    pub login: Option<LoginConfig>,
    /// Serve the development OpenID provider at /dev-idp and sign in through it. Never in
    /// production: it signs anyone in as any national identifier.
    pub dev_idp: bool,
    /// Lets `dev_idp` run under an https `public_url`, which otherwise is refused because it
    /// looks like a real deployment. Only for a test deployment behind TLS.
    pub dev_idp_insecure_allow_on_https: bool,
    /// A separate address to serve `/metrics` on (such as `127.0.0.1:9090`); when set,
    /// `/metrics` is served there only and not on `listen`.
    pub metrics_listen: Option<String>,
    /// Signs the access log's checkpoints: a signed-note private key (`PRIVATE+KEY+...`),
    /// made by `overblik log keygen`. Never changed once citizens have seen checkpoints.
    pub log_key: Option<SecretString>,
    /// How often the access log signs a checkpoint when it has grown, in seconds: the longest
    /// an entry waits before a signed checkpoint covers it.
    pub log_checkpoint_seconds: u64,
    /// Connections to the database each server keeps: PostgreSQL's pool (16 by default), or
    /// SQLite's reading connections (8 by default).
    pub database_connections: Option<u32>,
    /// The page cache of each of SQLite's reading connections, in MiB.
    pub sqlite_page_cache_mib: u32,
    /// How notifications are e-mailed; without it, citizens get them in Overblik and their
    /// calendar only.
    pub mail: Option<MailConfig>,
    /// Which providers may assert which register facts, by fact type: `[[authoritative_facts.custody]]`
    /// with `provider` and `classifications`. A fact that grants access to another citizen's
    /// data (custody) counts only from the providers named for it; without any, from none.
    #[serde(default)]
    pub authoritative_facts: BTreeMap<String, Vec<FactSourceConfig>>,
    /// The `[rate_limits]` table: how fast clients may sign in, ask for tokens and write, and
    /// how much a citizen may send; every key has a default.
    #[serde(default)]
    pub rate_limits: RateLimitSettings,
    /// The keys certificates are signed with, each an Ed25519 private key in PKCS#8 PEM (made
    /// by `overblik certificate keygen`). The first signs; the others are keys rotated from,
    /// still published so that what they signed checks until it expires.
    #[serde(default)]
    pub certificate_keys: Vec<SecretString>,
    /// A TOML file of certificate types that adds to the shipped catalogue or replaces a type
    /// of it by id.
    pub certificate_types: Option<std::path::PathBuf>,
    /// A TOML file of life events and recommendations that adds to the shipped ones or
    /// replaces one by id.
    pub overview_rules: Option<std::path::PathBuf>,
    /// The `[country]` table: the identity scheme, currency, time zone, interface languages
    /// and classification catalogue; Denmark's unless it says otherwise.
    #[serde(default)]
    pub country: CountryConfig,
}

/// The `[country]` table: a preset, and any part of it changed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryConfig {
    /// `dk` (the default), `cat` or `nl`.
    pub preset: Option<String>,
    /// `cpr`, `dni_nie`, `bsn` or `isikukood`.
    pub identity_scheme: Option<String>,
    /// The ISO 4217 currency of amounts sent as bare numbers, such as `EUR`.
    pub currency: Option<String>,
    /// An IANA time zone, such as `Europe/Madrid`: where "today" is.
    pub time_zone: Option<String>,
    /// The interface languages offered, the default first: of `da`, `en`, `ca`, `es`.
    pub languages: Option<Vec<String>>,
    /// A classification catalogue file (TOML, in the form of the shipped ones).
    pub catalogue: Option<std::path::PathBuf>,
}

impl CountryConfig {
    /// The country these settings describe; an error names the setting at fault.
    pub fn country(&self) -> anyhow::Result<Country> {
        let preset = match &self.preset {
            None => Preset::Dk,
            Some(code) => Preset::from_code(code)
                .ok_or_else(|| anyhow!("country.preset must be dk, cat or nl, not {code:?}"))?,
        };
        let mut country = preset.country();
        if let Some(code) = &self.identity_scheme {
            country.scheme = IdScheme::from_code(code).ok_or_else(|| {
                anyhow!(
                    "country.identity_scheme must be cpr, dni_nie, bsn or isikukood, not {code:?}"
                )
            })?;
        }
        if let Some(code) = &self.currency {
            country.currency = Currency::from_code(code).ok_or_else(|| {
                anyhow!("country.currency must be an ISO 4217 code such as EUR, not {code:?}")
            })?;
        }
        if let Some(zone) = &self.time_zone {
            country.time_zone = zone.parse().map_err(|_| {
                anyhow!("country.time_zone must be an IANA time zone such as Europe/Madrid, not {zone:?}")
            })?;
        }
        if let Some(codes) = &self.languages {
            if codes.is_empty() {
                bail!("country.languages must name at least one language");
            }
            country.languages = codes
                .iter()
                .map(|code| {
                    Language::from_code(code).ok_or_else(|| {
                        anyhow!("country.languages: Overblik does not speak {code:?}; it speaks da, en, ca and es")
                    })
                })
                .collect::<anyhow::Result<_>>()?;
        }
        if let Some(file) = &self.catalogue {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read country.catalogue {}", file.display()))?;
            country.catalogue = Catalogue::parse(&text)
                .map_err(|error| anyhow!("country.catalogue {}: {error}", file.display()))?;
        }
        Ok(country)
    }

    /// Makes these settings the process's country; called once, before anything is parsed.
    pub fn install(&self) -> anyhow::Result<&'static Country> {
        Ok(self.country()?.install()?)
    }
}

/// The certificate issuer at `public_url`: its keys and the catalogue of types.
pub fn issuer(
    public_url: &str,
    keys: &[SecretString],
    types: Option<&Path>,
) -> anyhow::Result<Arc<Issuer>> {
    if keys.is_empty() {
        bail!(
            "certificate_keys is not set: put the output of `overblik certificate keygen` in the config file, as certificate_keys = [\"\"\"...\"\"\"]"
        );
    }
    let keys = keys
        .iter()
        .enumerate()
        .map(|(index, key)| {
            IssuerKey::from_pem(key.expose_secret()).with_context(|| {
                format!("certificate_keys[{index}] is not an Ed25519 PKCS#8 PEM key")
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut catalogue = CertificateTypes::shipped();
    if let Some(file) = types {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("could not read certificate_types {}", file.display()))?;
        catalogue = catalogue
            .extended(&text)
            .map_err(|error| anyhow!("certificate_types {}: {error}", file.display()))?;
    }
    Ok(Arc::new(
        Issuer::new(public_url, keys, catalogue).map_err(anyhow::Error::msg)?,
    ))
}

/// The shipped life events and recommendations, with the operator's `file` laid over them.
pub fn overview_rules(
    file: Option<&std::path::Path>,
) -> anyhow::Result<Arc<overblik_overview::proactive::Rules>> {
    let mut rules = overblik_overview::proactive::Rules::shipped();
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("could not read overview_rules {}", file.display()))?;
        rules = rules
            .extended(&text)
            .map_err(|error| anyhow!("overview_rules {}: {error}", file.display()))?;
    }
    Ok(Arc::new(rules))
}

/// A provider designated as authoritative for a fact type, under these classification prefixes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactSourceConfig {
    pub provider: String,
    pub classifications: Vec<String>,
}

/// Reads the `[authoritative_facts]` tables into the rule the server checks, naming the entry
/// at fault.
pub fn fact_authorities(
    tables: &BTreeMap<String, Vec<FactSourceConfig>>,
) -> anyhow::Result<FactAuthorities> {
    let mut rule = FactAuthorities::default();
    for (fact, sources) in tables {
        let fact: FactType = fact
            .parse()
            .map_err(|error| anyhow!("authoritative_facts.{fact}: the fact type {error}"))?;
        for (index, source) in sources.iter().enumerate() {
            let at = format!("authoritative_facts.{fact}[{index}]");
            let provider = source
                .provider
                .parse()
                .map_err(|error| anyhow!("{at}.provider {error}"))?;
            let source = FactSource::new(provider, source.classifications.clone())
                .map_err(|error| anyhow!("{at} {error}"))?;
            rule.designate(fact, source);
        }
    }
    Ok(rule)
}

/// The `[mail]` table: the SMTP server notifications go through.
#[derive(Debug, Deserialize)]
pub struct MailConfig {
    /// `smtp://HOST:PORT` (STARTTLS when the server offers it), `smtp://HOST:PORT?tls=required`
    /// or `smtps://HOST:PORT`, with `USER:PASSWORD@` before the host where it needs them.
    pub smtp_url: SecretString,
    /// The sender, such as `Overblik <no-reply@overblik.example>`.
    pub from: String,
    /// The wait after a first failed try, in seconds; it doubles with each further one, up
    /// to an hour.
    #[serde(default = "default_retry_base_seconds")]
    pub retry_base_seconds: u64,
    /// How often the worker looks for due notices when there were none, in milliseconds.
    #[serde(default = "default_poll_milliseconds")]
    pub poll_milliseconds: u64,
    /// E-mails sent at the same time.
    #[serde(default = "default_concurrency")]
    pub concurrency: usize,
    /// How long a worker keeps the notices it took, in seconds; after a crash they are sent
    /// again once it has passed.
    #[serde(default = "default_lease_seconds")]
    pub lease_seconds: u64,
}

fn default_lease_seconds() -> u64 {
    300
}

fn default_retry_base_seconds() -> u64 {
    30
}

fn default_poll_milliseconds() -> u64 {
    1000
}

fn default_concurrency() -> usize {
    8
}

/// The `[login]` table: the OpenID Connect issuer citizens sign in with.
#[derive(Debug, Deserialize)]
pub struct LoginConfig {
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: SecretString,
    /// The ID token claim that carries the national identifier.
    #[serde(default = "default_national_id_claim")]
    pub national_id_claim: String,
}

fn default_national_id_claim() -> String {
    "cpr".to_owned()
}

#[derive(Serialize)]
struct Defaults {
    database_url: &'static str,
    listen: &'static str,
    token_lifetime_seconds: u64,
    max_body_bytes: usize,
    dev_idp: bool,
    dev_idp_insecure_allow_on_https: bool,
    log_checkpoint_seconds: u64,
    sqlite_page_cache_mib: u32,
}

impl Config {
    /// Reads the layers; `file` may be absent, then defaults and environment alone count.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let defaults = Defaults {
            database_url: "sqlite://overblik.db",
            listen: "127.0.0.1:8080",
            token_lifetime_seconds: 300,
            max_body_bytes: 32 * 1024 * 1024,
            dev_idp: false,
            dev_idp_insecure_allow_on_https: false,
            log_checkpoint_seconds: 2,
            sqlite_page_cache_mib: 32,
        };
        let mut figment = Figment::from(Serialized::defaults(defaults));
        if let Some(file) = file {
            if !file.exists() {
                bail!("the config file {} does not exist", file.display());
            }
            figment = figment.merge(Toml::file(file));
        }
        figment
            .merge(Env::prefixed("OVERBLIK_").split("__"))
            .extract()
            .context("the configuration is not valid")
    }

    /// Opens the store the database URL names, running its migrations.
    pub async fn open_store(&self) -> anyhow::Result<Arc<dyn Store>> {
        open_store(&self.database_url).await
    }

    /// How often the access log signs a checkpoint when it has grown.
    pub fn checkpoint_interval(&self) -> Duration {
        Duration::from_secs(self.log_checkpoint_seconds.clamp(1, 3600))
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The settings the web server runs with; fails if a secret is missing or short.
    pub fn server_settings(&self) -> anyhow::Result<ServerSettings> {
        let public_url = self.public_url();
        if self.dev_idp && public_url.starts_with("https://") {
            if !self.dev_idp_insecure_allow_on_https {
                bail!(
                    "dev_idp = true is refused with the https public_url {public_url}: the \
                     development identity provider signs anyone in as any national identifier, \
                     and an https address looks like a real deployment. Remove dev_idp, or, for \
                     a test deployment only, also set dev_idp_insecure_allow_on_https = true"
                );
            }
            tracing::warn!(
                %public_url,
                "the development identity provider is on under https: anyone can sign in as anyone"
            );
        }
        let subject_key_secret = secret(&self.subject_key_secret, "subject_key_secret")?;
        let token_secret = secret(&self.token_secret, "token_secret")?;
        Ok(ServerSettings {
            public_url: public_url.clone(),
            subject_key_secret: SubjectKeySecret::new(subject_key_secret)
                .map_err(anyhow::Error::msg)?,
            token_secret,
            token_lifetime: Duration::from_secs(self.token_lifetime_seconds.clamp(30, 3600)),
            max_body_bytes: self.max_body_bytes,
            login: self.login.as_ref().map(|login| LoginSettings {
                issuer_url: login.issuer_url.clone(),
                client_id: login.client_id.clone(),
                client_secret: login.client_secret.expose_secret().to_owned(),
                national_id_claim: login.national_id_claim.clone(),
            }),
            dev_idp: self.dev_idp,
            // Only the demo and tests deliver webhooks to this machine.
            allow_loopback_webhooks: false,
            mail: self.mail.as_ref().map(|mail| MailSettings {
                smtp_url: mail.smtp_url.expose_secret().to_owned(),
                from: mail.from.clone(),
                retry_base: Duration::from_secs(mail.retry_base_seconds.max(1)),
                poll_interval: Duration::from_millis(mail.poll_milliseconds.clamp(10, 60_000)),
                concurrency: mail.concurrency.clamp(1, 64),
                lease: Duration::from_secs(mail.lease_seconds.clamp(5, 3600)),
            }),
            fact_authorities: fact_authorities(&self.authoritative_facts)?,
            rate_limits: self.rate_limits,
            issuer: issuer(
                &public_url,
                &self.certificate_keys,
                self.certificate_types.as_deref(),
            )?,
            overview_rules: overview_rules(self.overview_rules.as_deref())?,
        })
    }
}

fn secret(value: &Option<SecretString>, name: &str) -> anyhow::Result<Vec<u8>> {
    let Some(value) = value else {
        bail!(
            "{name} is not set: put it in the config file or OVERBLIK_{}, for example the output of `openssl rand -hex 32`",
            name.to_ascii_uppercase()
        );
    };
    let bytes = value.expose_secret().as_bytes().to_vec();
    if bytes.len() < 32 {
        bail!("{name} must be at least 32 characters");
    }
    Ok(bytes)
}

/// The storage a server runs on: records and the access log, in the same database.
pub struct Stores {
    pub records: Arc<dyn Store>,
    pub ledger: Arc<dyn LedgerStore>,
}

/// Opens the store behind a database URL.
pub async fn open_store(database_url: &str) -> anyhow::Result<Arc<dyn Store>> {
    Ok(open_stores(database_url).await?.records)
}

/// Opens the records and the access log behind a database URL: SQLite or PostgreSQL by its
/// scheme, with the default connections and caches.
pub async fn open_stores(database_url: &str) -> anyhow::Result<Stores> {
    open_stores_with(database_url, None, SqliteMemory::default().page_cache_mib).await
}

/// [`open_stores`] with `connections` (PostgreSQL's pool or SQLite's readers; the default if
/// none) and `sqlite_page_cache_mib` for each of SQLite's reading connections.
pub async fn open_stores_with(
    database_url: &str,
    connections: Option<u32>,
    sqlite_page_cache_mib: u32,
) -> anyhow::Result<Stores> {
    anyhow::ensure!(
        connections != Some(0),
        "database_connections must be at least 1"
    );
    anyhow::ensure!(
        sqlite_page_cache_mib >= 1,
        "sqlite_page_cache_mib must be at least 1"
    );
    let shown = redacted(database_url);
    if database_url.starts_with("sqlite:") {
        let defaults = SqliteMemory::default();
        let memory = SqliteMemory {
            readers: connections.unwrap_or(defaults.readers),
            page_cache_mib: sqlite_page_cache_mib,
        };
        let store = Arc::new(
            SqliteStore::open_with(database_url, memory)
                .await
                .with_context(|| format!("could not open {shown}"))?,
        );
        Ok(Stores {
            records: store.clone(),
            ledger: store,
        })
    } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        let connections = connections.unwrap_or(overblik_store_postgres::DEFAULT_CONNECTIONS);
        let store = Arc::new(
            PostgresStore::open_with(database_url, connections)
                .await
                .with_context(|| format!("could not open {shown}"))?,
        );
        Ok(Stores {
            records: store.clone(),
            ledger: store,
        })
    } else {
        let scheme = database_url
            .split_once("://")
            .map_or("", |(scheme, _)| scheme);
        bail!(
            "the database URL must start with sqlite:// or postgres://, not {:?}",
            format!("{scheme}://")
        )
    }
}

/// A database URL fit for messages: without its password.
pub fn redacted(database_url: &str) -> String {
    let Some((scheme, rest)) = database_url.split_once("://") else {
        return database_url.to_owned();
    };
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    match authority.rsplit_once('@') {
        Some((user, host)) if user.contains(':') => {
            let user = user.split_once(':').map_or(user, |(user, _)| user);
            format!("{scheme}://{user}:***@{host}/{path}")
        }
        _ => database_url.to_owned(),
    }
}

/// Opens the access log with the configured key.
pub async fn open_ledger(
    log_key: Option<&SecretString>,
    store: Arc<dyn LedgerStore>,
) -> anyhow::Result<Arc<Ledger>> {
    let Some(log_key) = log_key else {
        bail!(
            "log_key is not set: put the output of `overblik log keygen --origin HOST/log` in the config file or OVERBLIK_LOG_KEY"
        );
    };
    let key = LogKey::from_private(log_key.expose_secret())
        .context("log_key is not a signed-note private key (PRIVATE+KEY+...)")?;
    Ledger::open(store, key)
        .await
        .context("the access log could not be opened")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_left_out_of_database_urls_in_messages() {
        assert_eq!(
            redacted("postgres://overblik:s3cret@db.example:5432/overblik?sslmode=require"),
            "postgres://overblik:***@db.example:5432/overblik?sslmode=require"
        );
        assert_eq!(
            redacted("postgres://postgres@127.0.0.1/overblik"),
            "postgres://postgres@127.0.0.1/overblik"
        );
        assert_eq!(redacted("sqlite://overblik.db"), "sqlite://overblik.db");
    }

    fn config_from(toml: &str) -> anyhow::Result<ServerSettings> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("overblik.toml");
        std::fs::write(
            &file,
            format!(
                "subject_key_secret = \"{0}\"\ntoken_secret = \"{0}\"\n\
                 certificate_keys = [\"\"\"\n{1}\"\"\"]\n{toml}",
                "0123456789abcdef0123456789abcdef",
                IssuerKey::generate().to_pem()
            ),
        )?;
        Config::load(Some(&file))?.server_settings()
    }

    #[test]
    fn certificates_need_a_key_and_take_the_operators_types() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("overblik.toml");
        std::fs::write(
            &file,
            "subject_key_secret = \"0123456789abcdef0123456789abcdef\"\n\
             token_secret = \"0123456789abcdef0123456789abcdef\"\n",
        )
        .expect("written");
        let Err(error) = Config::load(Some(&file)).and_then(|config| config.server_settings())
        else {
            panic!("a server without a certificate key must not start");
        };
        assert!(
            error.to_string().contains("overblik certificate keygen"),
            "{error}"
        );
        let types = dir.path().join("types.toml");
        std::fs::write(
            &types,
            "[[type]]\nid = \"driving-licence\"\nrule = \"fact\"\nfact = \"driving_licence\"\n\
             valid_days = 30\ntitle = { da = \"Kørekort\", en = \"Driving licence\" }\n\
             attests = { da = \"Dit kørekort.\", en = \"Your driving licence.\" }\n",
        )
        .expect("written");
        let settings = config_from(&format!(
            "certificate_types = {:?}\n",
            types.display().to_string()
        ))
        .expect("a server with a key and the operator's types");
        let issuer = &settings.issuer;
        assert!(
            issuer
                .types
                .get(&"driving-licence".parse().expect("an id"))
                .is_some()
        );
        assert!(
            issuer
                .types
                .get(&"residence".parse().expect("an id"))
                .is_some()
        );
        std::fs::write(&types, "[[type]]\nid = \"Not an id\"\n").expect("written");
        let Err(error) = config_from(&format!(
            "certificate_types = {:?}\n",
            types.display().to_string()
        )) else {
            panic!("a wrong catalogue must not start a server");
        };
        assert!(error.to_string().contains("certificate_types"), "{error}");
    }

    #[test]
    fn the_operators_overview_rules_are_laid_over_the_shipped_ones_and_a_wrong_file_stops_the_server()
     {
        let dir = tempfile::tempdir().expect("a folder");
        let rules = dir.path().join("rules.toml");
        let texts = r#"{ da = "a", en = "b", ca = "c", es = "d" }"#;
        std::fs::write(
            &rules,
            format!(
                "version = 1\n[[recommendation]]\nid = \"vote\"\nwhen = {{ kind = \"register_fact\", fact = \"address\" }}\n\
                 title = {texts}\nreason = {texts}\naction = {texts}\nlink = \"https://valg.example.dk\"\n"
            ),
        )
        .expect("written");
        let settings = config_from(&format!(
            "overview_rules = {:?}\n",
            rules.display().to_string()
        ))
        .expect("a server with the operator's rules");
        let ids: Vec<&str> = settings
            .overview_rules
            .recommendations()
            .iter()
            .map(|rule| rule.id.as_str())
            .collect();
        assert!(
            ids.contains(&"vote") && ids.contains(&"payment-plan"),
            "{ids:?}"
        );
        std::fs::write(&rules, "version = 1\n[[event]]\nid = \"x\"\n").expect("written");
        let Err(error) = config_from(&format!(
            "overview_rules = {:?}\n",
            rules.display().to_string()
        )) else {
            panic!("wrong rules must not start a server");
        };
        assert!(error.to_string().contains("overview_rules"), "{error}");
    }

    #[test]
    fn the_development_sign_in_is_refused_under_https_unless_loudly_allowed() {
        let Err(error) = config_from("public_url = \"https://overblik.example\"\ndev_idp = true\n")
        else {
            panic!("dev_idp under https must be refused");
        };
        let message = error.to_string();
        assert!(
            message.contains("dev_idp") && message.contains("dev_idp_insecure_allow_on_https"),
            "{message}"
        );
        let allowed = config_from(
            "public_url = \"https://overblik.example\"\ndev_idp = true\n\
             dev_idp_insecure_allow_on_https = true\n",
        )
        .expect("allowed when asked for by name");
        assert!(allowed.dev_idp);
        config_from("public_url = \"http://127.0.0.1:8080\"\ndev_idp = true\n")
            .expect("plain http (the demo, development) keeps it");
        config_from("public_url = \"https://overblik.example\"\n").expect("without dev_idp");
    }

    #[test]
    fn rate_limits_default_and_are_set_in_their_table() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("overblik.toml");
        std::fs::write(
            &file,
            "[rate_limits]\nsign_in_per_minute = 5\nreports_open = 0\n",
        )
        .expect("writes");
        let config = Config::load(Some(&file)).expect("loads");
        assert_eq!(
            config.rate_limits,
            RateLimitSettings {
                sign_in_per_minute: 5,
                reports_open: 0,
                ..RateLimitSettings::default()
            }
        );
        let defaults = RateLimitSettings::default();
        assert_eq!(
            (defaults.sign_in_per_minute, defaults.sign_in_burst),
            (30, 20)
        );
        assert_eq!((defaults.token_per_minute, defaults.token_burst), (60, 20));
        assert_eq!(
            (
                defaults.citizen_writes_per_minute,
                defaults.citizen_writes_burst
            ),
            (60, 30)
        );
        assert_eq!(
            (
                defaults.reports_open_per_record,
                defaults.reports_open,
                defaults.reports_per_day,
                defaults.report_bytes_per_day
            ),
            (3, 20, 20, 50 * 1024 * 1024)
        );
        assert_eq!(
            (
                defaults.confirmation_emails_per_hour,
                defaults.confirmation_emails_per_address_per_hour
            ),
            (3, 3)
        );
        std::fs::write(&file, "[rate_limits]\nsign_in_per_minit = 5\n").expect("writes");
        assert!(
            Config::load(Some(&file)).is_err(),
            "a misspelt key is refused, not ignored"
        );
    }

    #[tokio::test]
    async fn an_unknown_database_scheme_is_named() {
        let Err(error) = open_stores("mysql://root:pw@localhost/overblik").await else {
            panic!("a MySQL URL must be refused");
        };
        let message = error.to_string();
        assert!(
            message.contains("sqlite:// or postgres://") && message.contains("mysql://"),
            "{message}"
        );
        assert!(!message.contains("pw"), "{message}");
    }

    /// The country a config file's `[country]` table describes (`table` is its body).
    fn country_from(table: &str) -> anyhow::Result<Country> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("overblik.toml");
        std::fs::write(&file, format!("[country]\n{table}"))?;
        Config::load(Some(&file))?.country.country()
    }

    /// The message a wrong `[country]` table is refused with.
    fn refused(table: &str) -> String {
        match country_from(table) {
            Ok(country) => panic!("{table:?} must be refused, gave {country:?}"),
            Err(error) => format!("{error:#}"),
        }
    }

    /// A catalogue file of the Dutch codes and one of the operator's own, `98.01`.
    fn own_catalogue(dir: &Path) -> std::path::PathBuf {
        let file = dir.join("catalogue.toml");
        std::fs::write(
            &file,
            format!(
                "{}\n[[entry]]\ncode = \"98\"\narea = \"personal\"\nen = \"Our own matters\"\n\n\
                 [[entry]]\ncode = \"98.01\"\narea = \"leisure\"\nen = \"The town's own festival\"\n",
                include_str!("../../overblik-model/catalogues/nl.toml")
            ),
        )
        .expect("written");
        file
    }

    #[test]
    fn without_a_country_table_the_deployment_is_danish() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("overblik.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9000\"\n").expect("written");
        let country = Config::load(Some(&file))
            .expect("loads")
            .country
            .country()
            .expect("a country");
        assert_eq!(country.preset, Preset::Dk);
        assert_eq!(country.scheme, IdScheme::Cpr);
        assert_eq!(country.currency, Currency::DKK);
        assert_eq!(country.time_zone.name(), "Europe/Copenhagen");
        assert_eq!(country.languages, [Language::Da, Language::En]);
        assert_eq!(
            country
                .catalogue
                .lookup("93.04")
                .and_then(|entry| entry.title.exactly("da")),
            Some("Forældremyndighed")
        );
    }

    #[test]
    fn each_preset_is_its_countrys_scheme_currency_clock_languages_and_catalogue() {
        for (code, preset, scheme, currency, zone, languages, (entry, tag)) in [
            (
                "dk",
                Preset::Dk,
                IdScheme::Cpr,
                "DKK",
                "Europe/Copenhagen",
                vec![Language::Da, Language::En],
                ("93.04", "da"),
            ),
            (
                "cat",
                Preset::Cat,
                IdScheme::DniNie,
                "EUR",
                "Europe/Madrid",
                vec![Language::Ca, Language::Es, Language::En],
                ("64.01", "ca"),
            ),
            (
                "nl",
                Preset::Nl,
                IdScheme::Bsn,
                "EUR",
                "Europe/Amsterdam",
                vec![Language::En],
                ("43.02", "nl"),
            ),
        ] {
            let country = country_from(&format!("preset = \"{code}\"\n")).expect(code);
            assert_eq!(country.preset, preset, "{code}");
            assert_eq!(country.scheme, scheme, "{code}");
            assert_eq!(country.currency.code(), currency, "{code}");
            assert_eq!(country.time_zone.name(), zone, "{code}");
            assert_eq!(country.languages, languages, "{code}");
            assert!(
                country
                    .catalogue
                    .lookup(entry)
                    .is_some_and(|entry| entry.title.exactly(tag).is_some()),
                "{code}: {entry} titled in {tag}"
            );
        }
        // Each preset's catalogue is its own: the Dutch child benefit is not Danish.
        let danish = country_from("preset = \"dk\"\n").expect("dk");
        assert!(
            danish
                .catalogue
                .lookup("43.02")
                .is_none_or(|entry| entry.title.exactly("en") != Some("Child benefit"))
        );
    }

    #[test]
    fn each_part_of_a_preset_may_be_changed() {
        let dir = tempfile::tempdir().expect("a folder");
        let catalogue = own_catalogue(dir.path());
        let country = country_from(&format!(
            "preset = \"cat\"\nidentity_scheme = \"isikukood\"\ncurrency = \"SEK\"\n\
             time_zone = \"Europe/Tallinn\"\nlanguages = [\"en\", \"ca\"]\ncatalogue = {:?}\n",
            catalogue.display().to_string()
        ))
        .expect("a country");
        assert_eq!(country.preset, Preset::Cat);
        assert_eq!(country.scheme, IdScheme::Isikukood);
        assert_eq!(country.currency.code(), "SEK");
        assert_eq!(country.time_zone.name(), "Europe/Tallinn");
        assert_eq!(country.languages, [Language::En, Language::Ca]);
        assert_eq!(country.language(), Language::En, "the first is the default");
        let own = country
            .catalogue
            .lookup("98.01")
            .expect("the operator's code");
        assert_eq!(own.title.exactly("en"), Some("The town's own festival"));
        assert_eq!(own.area, overblik_model::Area::Leisure);
        assert!(
            country.catalogue.lookup("64.01").is_none(),
            "the file's catalogue replaces the preset's"
        );

        // One part at a time, the rest the preset's.
        for scheme in IdScheme::ALL {
            let country = country_from(&format!("identity_scheme = \"{}\"\n", scheme.code()))
                .expect("a scheme");
            assert_eq!(country.scheme, scheme);
            assert_eq!(country.currency, Currency::DKK);
        }
        let euros = country_from("currency = \"EUR\"\n").expect("euros");
        assert_eq!(
            (euros.currency, euros.scheme, euros.time_zone.name()),
            (Currency::EUR, IdScheme::Cpr, "Europe/Copenhagen")
        );
        let yen = country_from("preset = \"nl\"\ncurrency = \"JPY\"\n").expect("yen");
        assert_eq!((yen.currency.code(), yen.currency.exponent()), ("JPY", 0));
        assert_eq!(yen.scheme, IdScheme::Bsn);
        let west = country_from("time_zone = \"America/Los_Angeles\"\n").expect("a zone");
        assert_eq!(west.time_zone.name(), "America/Los_Angeles");
        assert_eq!(west.languages, [Language::Da, Language::En]);
        let spanish = country_from("preset = \"cat\"\nlanguages = [\"ES\"]\n").expect("Spanish");
        assert_eq!(spanish.languages, [Language::Es]);
        let dutch_catalogue = country_from(&format!(
            "catalogue = {:?}\n",
            catalogue.display().to_string()
        ))
        .expect("a catalogue");
        assert_eq!(dutch_catalogue.scheme, IdScheme::Cpr);
        assert!(dutch_catalogue.catalogue.lookup("98.01").is_some());
    }

    #[test]
    fn each_wrong_country_setting_is_refused_naming_it() {
        let dir = tempfile::tempdir().expect("a folder");
        let no_other = dir.path().join("no-other.toml");
        std::fs::write(
            &no_other,
            "[[entry]]\ncode = \"01\"\narea = \"personal\"\nen = \"Everything\"\n",
        )
        .expect("written");
        let not_toml = dir.path().join("not-toml.toml");
        std::fs::write(&not_toml, "this is not a catalogue").expect("written");
        let missing = dir.path().join("missing.toml");
        let path = |file: &Path| format!("{:?}", file.display().to_string());
        for (table, setting, also) in [
            ("preset = \"se\"", "country.preset", "\"se\""),
            ("preset = \"DK\"", "country.preset", "\"DK\""),
            (
                "identity_scheme = \"ssn\"",
                "country.identity_scheme",
                "\"ssn\"",
            ),
            (
                "identity_scheme = \"CPR\"",
                "country.identity_scheme",
                "\"CPR\"",
            ),
            ("currency = \"XYZ\"", "country.currency", "\"XYZ\""),
            ("currency = \"eur\"", "country.currency", "\"eur\""),
            ("currency = \"\"", "country.currency", "ISO 4217"),
            (
                "time_zone = \"Mars/Olympus_Mons\"",
                "country.time_zone",
                "Mars/Olympus_Mons",
            ),
            ("time_zone = \"+01:00\"", "country.time_zone", "+01:00"),
            ("languages = []", "country.languages", "at least one"),
            (
                "languages = [\"en\", \"de\"]",
                "country.languages",
                "\"de\"",
            ),
            (
                "languages = [\"english\"]",
                "country.languages",
                "\"english\"",
            ),
            (
                &format!("catalogue = {}", path(&missing)),
                "country.catalogue",
                "missing.toml",
            ),
            (
                &format!("catalogue = {}", path(&not_toml)),
                "country.catalogue",
                "not-toml.toml",
            ),
            (
                &format!("catalogue = {}", path(&no_other)),
                "country.catalogue",
                "exactly one code marked other",
            ),
        ] {
            let message = refused(&format!("{table}\n"));
            assert!(message.contains(setting), "{table}: {message}");
            assert!(message.contains(also), "{table}: {message}");
        }
        // What is not a setting of the table, or not of its type, is refused when loading.
        for (table, named) in [
            ("currencies = \"EUR\"", "currencies"),
            ("languages = \"en\"", "languages"),
            ("preset = 7", "preset"),
        ] {
            let message = refused(&format!("{table}\n"));
            assert!(message.contains(named), "{table}: {message}");
        }
    }
}
