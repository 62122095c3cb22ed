//! `overblik log`: the access log's key, and checking a citizen's log against the server.

use anyhow::{Context, bail};
use overblik_ledger::export::{self, LogExport, Seen};
use overblik_ledger::verify::check_extends;
use overblik_ledger::{Checkpoint, Hash, LogKey, checkpoint};
use overblik_server::my_log::Proof;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make the key that signs the access log's checkpoints. Prints the private key (for
    /// `log_key` in the configuration) on standard output and the public key on standard error.
    Keygen {
        /// The log's name, carried by every checkpoint: the server's host and `/log`, such as
        /// `overblik.example.dk/log`. No spaces or `+`.
        #[arg(long)]
        origin: String,
    },
    /// Check a citizen's access log: every entry's inclusion in the signed log, that the log
    /// still holds every entry seen before, and that it extends every checkpoint seen before.
    /// Exits non-zero and names each entry or checkpoint that fails.
    Verify(VerifyArgs),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The server, such as https://overblik.example.dk; needed for consistency with the
    /// checkpoints seen before, and with --session.
    #[arg(long)]
    url: Option<String>,
    /// The citizen's session token (the value of the overblik_session cookie), to fetch the
    /// export from the server. A token may begin with `-`, which is its value, not an option.
    #[arg(long, conflicts_with = "export", allow_hyphen_values = true)]
    session: Option<String>,
    /// An export saved from /api/citizen/v1/log/export, checked instead of fetching one.
    #[arg(long)]
    export: Option<PathBuf>,
    /// The log's public key (origin+id+key); by default the one pinned in the state file,
    /// or on first use the one the export names.
    #[arg(long)]
    key: Option<String>,
    /// Where what was seen is remembered between runs: the key, the checkpoints and the
    /// entries. Created on first use.
    #[arg(long, default_value = "overblik-log-state.json")]
    state: PathBuf,
}

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Keygen { origin } => keygen(&origin),
        Command::Verify(args) => verify(args).await,
    }
}

#[expect(clippy::print_stdout, reason = "the key is the command's output")]
fn keygen(origin: &str) -> anyhow::Result<ExitCode> {
    if origin.is_empty() || origin.contains(|c: char| c.is_whitespace() || c == '+') {
        anyhow::bail!("the origin must be non-empty, without spaces or '+': {origin:?}");
    }
    let key = LogKey::generate(origin);
    println!("{}", key.private());
    eprintln!(
        "Public key, for anyone checking the log: {}",
        key.verifier()
    );
    Ok(ExitCode::SUCCESS)
}

/// What the earlier checks saw, from the state file at `path`; nothing if there is none yet.
fn load_seen(path: &Path) -> anyhow::Result<Seen> {
    if !path.exists() {
        return Ok(Seen::default());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a state file", path.display()))
}

fn save_seen(seen: &Seen, path: &Path) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(seen)?;
    std::fs::write(path, text).with_context(|| format!("could not write {}", path.display()))
}

/// One check that failed, said so a citizen can act on it.
struct Failure(String);

#[expect(clippy::print_stdout, reason = "the verdict is the command's output")]
async fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let http = reqwest::Client::new();
    let url = args
        .url
        .as_deref()
        .map(|url| url.trim_end_matches('/').to_owned());
    let export: LogExport = match (&args.export, &args.session, &url) {
        (Some(file), _, _) => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            LogExport::read(&text)
                .with_context(|| format!("{} is not a log export", file.display()))?
        }
        (None, Some(session), Some(url)) => {
            let response = http
                .get(format!("{url}/api/citizen/v1/log/export"))
                .header(
                    "cookie",
                    format!(
                        "{}={session}",
                        overblik_server::cookies::name_for(
                            overblik_server::login::SESSION_COOKIE,
                            url.starts_with("https://")
                        )
                    ),
                )
                .send()
                .await
                .with_context(|| format!("could not reach {url}"))?;
            if !response.status().is_success() {
                bail!(
                    "the server refused the export: {} (is the session still valid?)",
                    response.status()
                );
            }
            response
                .json()
                .await
                .context("the server's export is malformed")?
        }
        _ => bail!("give --export FILE, or --url URL with --session TOKEN"),
    };
    let mut seen = load_seen(&args.state)?;
    let key = match (&args.key, &seen.key) {
        (Some(key), _) => key.clone(),
        (None, Some(pinned)) => pinned.clone(),
        (None, None) => {
            eprintln!(
                "No key pinned yet: trusting the export's key {} from now on.",
                export.verifier_key
            );
            export.verifier_key.clone()
        }
    };
    let (checkpoint, mut failures) = match export::check(&export, &key, &seen) {
        Ok(checked) => (
            checked.checkpoint,
            checked
                .failures
                .into_iter()
                .map(Failure)
                .collect::<Vec<_>>(),
        ),
        Err(error) => {
            println!("FAILED: the export's checkpoint: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut newest = (checkpoint.size(), export.checkpoint.clone());
    if let Some(url) = &url {
        check_history(
            &http,
            url,
            &key,
            &checkpoint,
            &export.checkpoint,
            &seen,
            &mut failures,
            &mut newest,
        )
        .await?;
    } else if !seen.checkpoints.is_empty() {
        eprintln!("Without --url the checkpoints seen before are not compared.");
    }
    if failures.is_empty() {
        seen.key = Some(key);
        seen.checkpoints.insert(newest.0, newest.1);
        for exported in &export.entries {
            if let Some(commitment) = export::commitment(&exported.sealed) {
                seen.entries.insert(exported.sealed.index, commitment);
            }
        }
        save_seen(&seen, &args.state)?;
        println!(
            "OK: {} entries, each included in the signed log of {} entries; {} earlier checkpoints extended.",
            export.entries.len(),
            checkpoint.size(),
            seen.checkpoints.len().saturating_sub(1)
        );
        if !export.pending.is_empty() {
            println!(
                "Pending: {} entries await their seal (no checkpoint covers them yet); a later check proves them.",
                export.pending.len()
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        for Failure(failure) in &failures {
            println!("FAILED: {failure}");
        }
        println!(
            "{} check(s) failed; what was seen before is kept unchanged.",
            failures.len()
        );
        Ok(ExitCode::FAILURE)
    }
}

/// That the server's latest checkpoint and the export's extend every checkpoint seen before.
#[expect(
    clippy::too_many_arguments,
    reason = "one check over everything it compares"
)]
async fn check_history(
    http: &reqwest::Client,
    url: &str,
    key: &str,
    exported: &Checkpoint,
    exported_note: &str,
    seen: &Seen,
    failures: &mut Vec<Failure>,
    newest: &mut (u64, String),
) -> anyhow::Result<()> {
    let note = http
        .get(format!("{url}/api/log/v1/checkpoint"))
        .send()
        .await
        .with_context(|| format!("could not reach {url}"))?
        .text()
        .await?;
    let latest = match checkpoint::open(&note, key) {
        Ok(latest) => latest,
        Err(error) => {
            failures.push(Failure(format!("the server's latest checkpoint: {error}")));
            return Ok(());
        }
    };
    if latest.size() >= exported.size() {
        *newest = (latest.size(), note.clone());
    } else {
        failures.push(Failure(format!(
            "the server's latest checkpoint ({} entries) is older than the export's ({})",
            latest.size(),
            exported.size()
        )));
    }
    let mut earlier: Vec<(u64, String)> = seen.checkpoints.clone().into_iter().collect();
    earlier.push((exported.size(), exported_note.to_owned()));
    for (size, old_note) in earlier {
        let Ok(old) = checkpoint::open(&old_note, key) else {
            failures.push(Failure(format!(
                "the checkpoint of {size} entries seen before no longer verifies"
            )));
            continue;
        };
        if old.size() > latest.size() {
            failures.push(Failure(format!(
                "the log shrank: {} entries were seen, the server now has {}",
                old.size(),
                latest.size()
            )));
            continue;
        }
        let response = http
            .get(format!(
                "{url}/api/log/v1/proofs/consistency?old={}&new={}",
                old.size(),
                latest.size()
            ))
            .send()
            .await?;
        let proof = if response.status().is_success() {
            response.json::<Proof>().await.ok().and_then(|proof| {
                proof
                    .hashes
                    .iter()
                    .map(|hash| Hash::parse_hash(hash).ok())
                    .collect::<Option<Vec<Hash>>>()
            })
        } else {
            None
        };
        let outcome = match proof {
            Some(proof) => check_extends(&old, &latest, &proof),
            None => Err(format!(
                "the server gives no proof from {} entries",
                old.size()
            )),
        };
        if let Err(reason) = outcome {
            failures.push(Failure(format!(
                "the checkpoint of {} entries seen before: {reason}",
                old.size()
            )));
        }
    }
    Ok(())
}
