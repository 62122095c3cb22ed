//! `overblik client ...`: the operator registers the services ("recipients") citizens may
//! share their data with by consent, and lists them.

use crate::config::{Config, open_store};
use crate::provider::read_public_jwk;
use anyhow::{Context, bail};
use overblik_model::{Area, Kind, Recipient, RecipientId, Scope};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once from the command line; boxing would only make clap's derive harder to read"
)]
pub enum Command {
    /// Register a recipient (or update its registration): who it is, where citizens come
    /// back to, its keys, and what it may ever ask for and why.
    Register {
        /// The configuration file naming the database.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Its client id: lower-case letters, digits and hyphens, such as `eksempel-bank`.
        #[arg(long)]
        id: String,
        /// Its legal name, as citizens are shown it.
        #[arg(long)]
        name: String,
        /// What it does with the data, in a sentence the citizen reads.
        #[arg(long)]
        description: String,
        /// The address of its privacy policy (https).
        #[arg(long)]
        privacy_policy: String,
        /// An address citizens are sent back to after deciding; repeat for more.
        #[arg(long = "redirect-uri", required = true)]
        redirect_uris: Vec<String>,
        /// A public key (a JWK file, or a private PEM file of which only the public half is
        /// kept) that signs its client assertions; repeat for more (a rotation).
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
        /// The life areas it may ask for, comma-separated: economy,benefits.
        #[arg(long, value_delimiter = ',', required = true)]
        areas: Vec<String>,
        /// The kinds of record it may ask for, comma-separated: benefit,payment,debt.
        #[arg(long, value_delimiter = ',', required = true)]
        kinds: Vec<String>,
        /// Why it asks, as the consent page and the citizen's log say it.
        #[arg(long)]
        purpose: String,
    },
    /// List the registered recipients.
    List {
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Register {
            config,
            id,
            name,
            description,
            privacy_policy,
            redirect_uris,
            keys,
            areas,
            kinds,
            purpose,
        } => {
            let id: RecipientId = id
                .parse()
                .map_err(|error: &str| anyhow::anyhow!("--id {error}"))?;
            let areas = areas
                .iter()
                .map(|area| {
                    area.parse::<Area>()
                        .map_err(|_| anyhow::anyhow!("--areas: {area} is not a life area"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let kinds = kinds
                .iter()
                .map(|kind| {
                    kind.parse::<Kind>()
                        .map_err(|_| anyhow::anyhow!("--kinds: {kind} is not a kind of record"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let may_ask =
                Scope::new(areas, kinds).context("--areas and --kinds must not be empty")?;
            for uri in redirect_uris.iter().chain([&privacy_policy]) {
                let parsed = url::Url::parse(uri).with_context(|| format!("{uri} is not a URL"))?;
                if !matches!(parsed.scheme(), "https" | "http") || parsed.fragment().is_some() {
                    bail!("{uri} must be an http(s) address without a fragment");
                }
            }
            for text in [&name, &description, &purpose] {
                if text.trim().is_empty() || text.len() > 500 {
                    bail!("--name, --description and --purpose need 1 to 500 characters");
                }
            }
            let public_keys = keys
                .iter()
                .map(|path| read_public_jwk(path).map(|jwk| jwk.to_string()))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let config = Config::load(config.as_deref())?;
            let store = open_store(&config.database_url).await?;
            let recipient = Recipient {
                id,
                name,
                description,
                privacy_policy,
                redirect_uris,
                public_keys,
                may_ask,
                purpose,
                registered_at: chrono::Utc::now(),
            };
            store.put_recipient(&recipient).await?;
            eprintln!(
                "Registered {} ({}); it may ask for {} in {}.",
                recipient.id,
                recipient.name,
                names(recipient.may_ask.kinds.iter().map(|kind| kind.as_str())),
                names(recipient.may_ask.areas.iter().map(|area| area.slug())),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::List { config } => {
            let config = Config::load(config.as_deref())?;
            let store = open_store(&config.database_url).await?;
            #[expect(clippy::print_stdout, reason = "the list is the command's output")]
            for recipient in store.recipients().await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    recipient.id,
                    recipient.name,
                    names(recipient.may_ask.areas.iter().map(|area| area.slug())),
                    recipient.redirect_uris.join(" ")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(",")
}
