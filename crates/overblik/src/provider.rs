//! `overblik provider ...`: what an authority (or the operator registering one) runs.

use crate::config::{Config, open_store};
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use overblik_client::{KeyAlgorithm, ProviderClient, ProviderKey};
use overblik_model::catalogue::is_code_shaped;
use overblik_model::{Preset, ProviderId, SubjectKeySecret};
use overblik_store::Provider;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Generate a signing key pair: a private PEM file to keep and a public JWK to register.
    Keygen {
        /// The provider id the key signs for, such as `tax-agency`.
        #[arg(long)]
        provider: String,
        /// ed25519 (EdDSA) or es256 (ECDSA P-256).
        #[arg(long, default_value = "ed25519")]
        algorithm: String,
        /// Where to write PROVIDER.key.pem and PROVIDER.jwk.json.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Register a provider (or update its registration) in the database; run by the operator.
    Register {
        /// The configuration file naming the database.
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        provider: String,
        /// The authority's name as citizens know it.
        #[arg(long)]
        name: String,
        /// The provider's public key: a JWK file, or its private PEM file (only the public half is kept).
        #[arg(long)]
        key: PathBuf,
        /// A classification prefix the provider may write, such as 85 or 28.15; repeat for more.
        #[arg(long = "classification", required = true)]
        classifications: Vec<String>,
        /// The authority's self-service for citizens.
        #[arg(long)]
        homepage: Option<String>,
        /// The days that may pass without a delivery (a batch or a heartbeat) before
        /// citizens are told its data may be out of date; without it, they never are.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=366))]
        stale_after_days: Option<u32>,
    },
    /// Print an access token for a provider (for use with curl).
    Token {
        /// The server's base URL, such as http://127.0.0.1:8080.
        #[arg(long)]
        url: String,
        /// The provider's private key file.
        #[arg(long)]
        key: PathBuf,
    },
    /// Push a file of records in batches, with a progress bar; safe to run again.
    Push {
        /// A JSON file with "upserts" and/or "deletes", any number of records.
        file: PathBuf,
        #[arg(long)]
        url: String,
        #[arg(long)]
        key: PathBuf,
        /// Records per batch, at most 10000.
        #[arg(long, default_value_t = 1000)]
        batch_size: usize,
    },
    /// Check a file offline with the errors the server would give.
    Validate {
        /// A JSON file with "upserts" and/or "deletes".
        file: PathBuf,
        /// The deployment's country, whose identity scheme, currency and catalogue the file
        /// is checked by: dk, cat or nl.
        #[arg(long, default_value = "dk", value_parser = parse_preset, conflicts_with = "config")]
        country: Preset,
        /// The deployment's configuration file instead, for a country changed from its
        /// preset: the file is checked by its `[country]` table.
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Keygen {
            provider,
            algorithm,
            out,
        } => keygen(&provider, &algorithm, &out),
        Command::Register {
            config,
            provider,
            name,
            key,
            classifications,
            homepage,
            stale_after_days,
        } => {
            let config = Config::load(config.as_deref())?;
            register(
                &config.database_url,
                &provider,
                &name,
                &key,
                classifications,
                homepage,
                stale_after_days,
            )
            .await
        }
        Command::Token { url, key } => {
            let client = ProviderClient::new(&url, read_key(&key)?);
            let token = client.fetch_token().await?;
            #[expect(clippy::print_stdout, reason = "the token is the command's output")]
            {
                println!("{}", token.access_token);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Push {
            file,
            url,
            key,
            batch_size,
        } => push(&file, &url, &key, batch_size).await,
        Command::Validate {
            file,
            country,
            config,
        } => {
            match config {
                Some(config) => Config::load(Some(&config))?.country.install()?,
                None => country.country().install()?,
            };
            validate(&file)
        }
    }
}

fn parse_preset(code: &str) -> Result<Preset, String> {
    Preset::from_code(code).ok_or_else(|| format!("{code:?} is not dk, cat or nl"))
}

fn keygen(provider: &str, algorithm: &str, out: &Path) -> anyhow::Result<ExitCode> {
    let provider: ProviderId = provider
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--provider {e}"))?;
    let algorithm: KeyAlgorithm = algorithm.parse().map_err(anyhow::Error::msg)?;
    let key = ProviderKey::generate(provider.as_str(), algorithm)?;
    let (private, public) = write_key_files(&key, out)?;
    eprintln!("Private key (keep it secret): {}", private.display());
    eprintln!(
        "Public key (give it to the operator to register): {}",
        public.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes `PROVIDER.key.pem` (readable by the owner only) and `PROVIDER.jwk.json` under `dir`.
pub fn write_key_files(key: &ProviderKey, dir: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    let private = dir.join(format!("{}.key.pem", key.provider()));
    let public = dir.join(format!("{}.jwk.json", key.provider()));
    write_private(&private, key.to_pem().as_bytes())?;
    std::fs::write(&public, serde_json::to_string_pretty(key.public_jwk())?)
        .with_context(|| format!("could not write {}", public.display()))?;
    Ok((private, public))
}

/// Writes a file that holds a secret, readable and writable by its owner only (0600) from the
/// moment it exists. A file already there is replaced rather than rewritten, since rewriting
/// would keep its old, perhaps wider, mode.
pub fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(error).with_context(|| format!("could not replace {}", path.display()));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("could not write {}", path.display()))?;
    file.write_all(contents)?;
    Ok(())
}

fn read_key(path: &Path) -> anyhow::Result<ProviderKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the key file {}", path.display()))?;
    ProviderKey::from_pem(&text, None)
        .with_context(|| format!("{} is not a provider key", path.display()))
}

/// Reads a public key from a JWK file, or the public half of a private PEM file.
pub fn read_public_jwk(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the key file {}", path.display()))?;
    if text.contains("PRIVATE KEY") {
        return Ok(ProviderKey::from_pem(&text, Some("unused"))?
            .public_jwk()
            .clone());
    }
    let jwk: Value =
        serde_json::from_str(&text).context("the key file is neither a JWK nor a PEM key")?;
    let supported = matches!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("OKP"), Some("Ed25519")) | (Some("EC"), Some("P-256"))
    );
    if !supported || jwk.get("d").is_some() {
        bail!("the JWK must be a public Ed25519 (OKP) or P-256 (EC) key");
    }
    Ok(jwk)
}

pub async fn register(
    database_url: &str,
    provider: &str,
    name: &str,
    key: &Path,
    classifications: Vec<String>,
    homepage: Option<String>,
    stale_after_days: Option<u32>,
) -> anyhow::Result<ExitCode> {
    let id: ProviderId = provider
        .parse()
        .map_err(|e: String| anyhow::anyhow!("--provider {e}"))?;
    if let Some(bad) = classifications.iter().find(|code| !is_code_shaped(code)) {
        bail!("--classification {bad} must be written NN, NN.NN or NN.NN.NN");
    }
    let jwk = read_public_jwk(key)?;
    let store = open_store(database_url).await?;
    let provider = Provider {
        id,
        name: name.to_owned(),
        public_keys: vec![jwk.to_string()],
        classifications,
        homepage,
        registered_at: chrono::Utc::now(),
        stale_after_days,
        last_delivery: None,
    };
    store.put_provider(&provider).await?;
    eprintln!(
        "Registered {} ({}) for classifications {}.",
        provider.id,
        provider.name,
        provider.classifications.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

/// One batch cut from a file, with where its records sit in the file.
pub struct Chunk {
    pub body: Vec<u8>,
    pub records: usize,
    upsert_offset: usize,
    delete_offset: usize,
}

impl Chunk {
    /// Turns a pointer into this batch into a pointer into the whole file.
    fn file_pointer(&self, pointer: &str) -> String {
        for (list, offset) in [
            ("/upserts/", self.upsert_offset),
            ("/deletes/", self.delete_offset),
        ] {
            if let Some(rest) = pointer.strip_prefix(list) {
                let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
                if let Ok(index) = index.parse::<usize>() {
                    let slash = if tail.is_empty() { "" } else { "/" };
                    return format!("{list}{}{slash}{tail}", index + offset);
                }
            }
        }
        pointer.to_owned()
    }
}

/// Splits a file of upserts and deletes into batches of at most `batch_size` records.
pub fn chunks(file: &Value, batch_size: usize) -> anyhow::Result<Vec<Chunk>> {
    let Value::Object(object) = file else {
        bail!("the file must be a JSON object with \"upserts\" and/or \"deletes\"");
    };
    if let Some(unknown) = object
        .keys()
        .find(|key| *key != "upserts" && *key != "deletes")
    {
        bail!("the file has an unknown field {unknown:?}; only \"upserts\" and \"deletes\"");
    }
    let list = |name: &str| -> anyhow::Result<&[Value]> {
        match object.get(name) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => bail!("\"{name}\" must be an array"),
        }
    };
    let (upserts, deletes) = (list("upserts")?, list("deletes")?);
    let mut chunks = Vec::new();
    for (index, records) in upserts.chunks(batch_size).enumerate() {
        chunks.push(Chunk {
            body: serde_json::to_vec(&json!({"upserts": records}))?,
            records: records.len(),
            upsert_offset: index * batch_size,
            delete_offset: 0,
        });
    }
    for (index, records) in deletes.chunks(batch_size).enumerate() {
        chunks.push(Chunk {
            body: serde_json::to_vec(&json!({"deletes": records}))?,
            records: records.len(),
            upsert_offset: 0,
            delete_offset: index * batch_size,
        });
    }
    Ok(chunks)
}

fn read_json(path: &Path) -> anyhow::Result<(Vec<u8>, Value)> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let value = serde_json::from_slice(&bytes).map_err(|error| {
        anyhow::anyhow!(
            "{} is not valid JSON: line {}, column {}",
            path.display(),
            error.line(),
            error.column()
        )
    })?;
    Ok((bytes, value))
}

/// Prints a problem's errors with pointers into the file.
fn report(path: &Path, chunk: &Chunk, problem: &Value) {
    eprintln!(
        "{}: {}{}",
        path.display(),
        problem["title"].as_str().unwrap_or("refused"),
        problem["detail"]
            .as_str()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default()
    );
    for error in problem["errors"].as_array().into_iter().flatten() {
        eprintln!(
            "  {}: {}",
            chunk.file_pointer(error["pointer"].as_str().unwrap_or("")),
            error["detail"].as_str().unwrap_or("")
        );
    }
}

async fn push(path: &Path, url: &str, key: &Path, batch_size: usize) -> anyhow::Result<ExitCode> {
    if !(1..=overblik_model::batch::MAX_BATCH_RECORDS).contains(&batch_size) {
        bail!("--batch-size must be from 1 to 10000");
    }
    let (bytes, file) = read_json(path)?;
    let chunks = chunks(&file, batch_size)?;
    let client = ProviderClient::new(url, read_key(key)?);
    // Keys derived from the file's content: pushing the same file again writes nothing twice.
    let file_hash = hex::encode(&Sha256::digest(&bytes)[..16]);
    let total: usize = chunks.iter().map(|chunk| chunk.records).sum();
    let progress = ProgressBar::new(total as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} records, {per_sec}, {eta} left")
            .expect("a valid template"),
    );
    let (mut upserted, mut deleted, mut stale, mut replayed) = (0, 0, 0, 0);
    for (index, chunk) in chunks.iter().enumerate() {
        let response = client
            .push(chunk.body.clone(), &format!("{file_hash}-{index}"))
            .await?;
        if !response.is_success() {
            progress.abandon();
            report(path, chunk, &response.body);
            eprintln!("Batches before this one were written; fix the file and push it again.");
            return Ok(ExitCode::FAILURE);
        }
        upserted += response.body["upserted"].as_u64().unwrap_or(0);
        deleted += response.body["deleted"].as_u64().unwrap_or(0);
        stale += response.body["stale"].as_array().map_or(0, Vec::len);
        replayed += usize::from(response.replayed);
        progress.inc(chunk.records as u64);
    }
    progress.finish();
    eprintln!(
        "Pushed {total} records in {} batches: {upserted} written, {deleted} deleted, {stale} stale.",
        chunks.len()
    );
    if replayed > 0 {
        eprintln!(
            "{replayed} of the batches had been pushed before; the server wrote nothing new for them."
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(path: &Path) -> anyhow::Result<ExitCode> {
    let (_, file) = read_json(path)?;
    let chunks = chunks(&file, overblik_model::batch::MAX_BATCH_RECORDS)?;
    // Subject keys are not kept, so any secret parses the same way the server does.
    let secret = SubjectKeySecret::new(vec![0; 32]).expect("32 bytes suffice");
    let mut valid = true;
    for chunk in &chunks {
        if let Err(problem) = overblik_server::provider::batches::parse(
            &chunk.body,
            &secret,
            &overblik_model::batch::Unchecked,
        ) {
            valid = false;
            report(path, chunk, &serde_json::to_value(&problem)?);
        }
    }
    if !valid {
        return Ok(ExitCode::FAILURE);
    }
    let total: usize = chunks.iter().map(|chunk| chunk.records).sum();
    eprintln!("{}: {total} records are valid.", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_in_later_batches_point_into_the_file() {
        let chunk = Chunk {
            body: Vec::new(),
            records: 0,
            upsert_offset: 2000,
            delete_offset: 0,
        };
        assert_eq!(
            chunk.file_pointer("/upserts/3/details/due"),
            "/upserts/2003/details/due"
        );
        assert_eq!(chunk.file_pointer("/upserts/3"), "/upserts/2003");
        assert_eq!(chunk.file_pointer("/deletes/1/id"), "/deletes/1/id");
        assert_eq!(chunk.file_pointer(""), "");
    }

    #[test]
    fn files_are_cut_into_batches_of_the_given_size() {
        let file = json!({"upserts": [1, 2, 3, 4, 5], "deletes": [6]});
        let cut = chunks(&file, 2).expect("cuts");
        assert_eq!(
            cut.iter().map(|c| c.records).collect::<Vec<_>>(),
            [2, 2, 1, 1]
        );
        assert!(chunks(&json!({"records": []}), 2).is_err());
    }
}
