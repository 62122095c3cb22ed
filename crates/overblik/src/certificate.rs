//! `overblik certificate`: the key certificates are signed with, and checking a certificate
//! as anyone shown one can: offline against the issuer's published keys (and a saved status
//! list), which leaves no trace, or by its code at the issuer, which its holder's log shows.

use anyhow::{Context, bail};
use chrono::Utc;
use overblik_certificate::{Attested, IssuerKey, PublicKeys, StatusList, pdf};
use overblik_model::{CertificateId, CertificateTypes, Language};
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Make a key to sign certificates with: its PKCS#8 PEM on standard output (for
    /// `certificate_keys` in the configuration, first in the list), its key id on standard
    /// error. Keep the key it replaces in the list until what it signed has expired.
    Keygen,
    /// Check a certificate: valid, revoked, expired or forged, and what it attests. Exits 0
    /// only when it is valid.
    Verify(VerifyArgs),
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The certificate's PDF, a file with its QR code's text or its SD-JWT VC, or the code
    /// printed on it (XXXX-XXXX-XXXX-XXXX; checked at the issuer, which tells its holder).
    certificate: String,
    /// The issuer you trust, such as https://overblik.example.dk: its keys and status list
    /// are fetched from it unless --keys and --status are given, and a code is checked there.
    #[arg(long, env = "OVERBLIK_ISSUER")]
    issuer: Option<String>,
    /// The issuer's keys, saved from its /certificates/keys.json, to check without a network.
    #[arg(long)]
    keys: Option<PathBuf>,
    /// The issuer's status list, saved from its /certificates/status, to check revocation
    /// without a network. Without it and without --issuer, revocation is not checked.
    #[arg(long)]
    status: Option<PathBuf>,
}

pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Keygen => keygen(),
        Command::Verify(args) => verify(args).await,
    }
}

#[expect(clippy::print_stdout, reason = "the key is the command's output")]
fn keygen() -> anyhow::Result<ExitCode> {
    let key = IssuerKey::generate();
    print!("{}", key.to_pem());
    eprintln!("key id: {}", key.kid());
    Ok(ExitCode::SUCCESS)
}

/// What the check found.
enum Verdict {
    Valid { status_checked: bool },
    Revoked,
    Expired,
    Forged(String),
}

async fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let issuer = args
        .issuer
        .as_deref()
        .map(|issuer| issuer.trim_end_matches('/').to_owned());
    let path = PathBuf::from(&args.certificate);
    if !path.exists() {
        let id: CertificateId = args.certificate.parse().map_err(|error| {
            anyhow::anyhow!(
                "{} is neither a file nor a code: the code {error}",
                args.certificate
            )
        })?;
        let Some(issuer) = issuer else {
            bail!("a code is checked at the issuer: give --issuer (or OVERBLIK_ISSUER)");
        };
        return online(&issuer, &id).await;
    }
    let bytes =
        std::fs::read(&path).with_context(|| format!("could not read {}", path.display()))?;
    let text = if bytes.starts_with(b"%PDF") {
        match pdf::sealed_in(&bytes) {
            Some(text) => text,
            None => {
                return report(
                    &Verdict::Forged("the PDF carries no signed certificate".to_owned()),
                    None,
                );
            }
        }
    } else {
        String::from_utf8(bytes)
            .context("the file is neither a PDF nor text")?
            .trim()
            .to_owned()
    };
    let keys = match (&args.keys, &issuer) {
        (Some(file), _) => {
            let jwks: Value = serde_json::from_slice(
                &std::fs::read(file)
                    .with_context(|| format!("could not read {}", file.display()))?,
            )
            .with_context(|| format!("{} is not JSON", file.display()))?;
            PublicKeys::from_jwks(&jwks)
                .with_context(|| format!("{} is not a JWK Set of Ed25519 keys", file.display()))?
        }
        (None, Some(issuer)) => {
            let jwks: Value = fetch(&format!("{issuer}/certificates/keys.json"))
                .await?
                .json()
                .await?;
            PublicKeys::from_jwks(&jwks)
                .context("the issuer's keys are not a JWK Set of Ed25519 keys")?
        }
        (None, None) => bail!("give the issuer's keys with --keys FILE (offline) or --issuer URL"),
    };
    let attested = match overblik_certificate::open(&text, &keys) {
        Ok(attested) => attested,
        Err(forged) => return report(&Verdict::Forged(forged.to_string()), None),
    };
    if let Some(issuer) = &issuer
        && &attested.issuer != issuer
    {
        let forged = format!("issued by {}, not by {issuer}", attested.issuer);
        return report(&Verdict::Forged(forged), Some(&attested));
    }
    if attested.valid_until <= Utc::now() {
        return report(&Verdict::Expired, Some(&attested));
    }
    let token = match (&args.status, &issuer) {
        (Some(file), _) => Some(
            std::fs::read_to_string(file)
                .with_context(|| format!("could not read {}", file.display()))?,
        ),
        // The list names no one: fetching it tells the issuer nothing of this certificate.
        (None, Some(_)) => Some(fetch(&attested.status.uri).await?.text().await?),
        (None, None) => None,
    };
    let verdict = match token {
        Some(token) => {
            let list = StatusList::from_token(token.trim(), &keys, &attested.status.uri).map_err(
                |forged| anyhow::anyhow!("the status list is not the issuer's: {forged}"),
            )?;
            if list.is_invalid(attested.status.index) {
                Verdict::Revoked
            } else {
                Verdict::Valid {
                    status_checked: true,
                }
            }
        }
        None => Verdict::Valid {
            status_checked: false,
        },
    };
    report(&verdict, Some(&attested))
}

async fn fetch(url: &str) -> anyhow::Result<reqwest::Response> {
    let response = reqwest::get(url)
        .await
        .with_context(|| format!("could not fetch {url}"))?;
    if !response.status().is_success() {
        bail!("{url} answered {}", response.status());
    }
    Ok(response)
}

/// Checks a code at the issuer, which logs the check in the holder's log.
#[expect(clippy::print_stdout, reason = "the verdict is the command's output")]
async fn online(issuer: &str, id: &CertificateId) -> anyhow::Result<ExitCode> {
    let url = format!("{issuer}/api/verify/v1/check");
    let response = reqwest::Client::new()
        .post(&url)
        .json(&serde_json::json!({"code": id.to_string(), "lang": "en"}))
        .send()
        .await
        .with_context(|| format!("could not reach {url}"))?;
    if !response.status().is_success() {
        bail!(
            "{url} answered {}: {}",
            response.status(),
            response.text().await.unwrap_or_default()
        );
    }
    let answer: Value = response.json().await?;
    let verdict = answer["verdict"].as_str().unwrap_or("unknown");
    println!("{}", verdict.to_uppercase());
    if let Some(certificate) = answer.get("certificate").filter(|value| !value.is_null()) {
        println!(
            "  {} ({})",
            certificate["title"].as_str().unwrap_or(""),
            certificate["code"].as_str().unwrap_or("")
        );
        for field in certificate["fields"].as_array().into_iter().flatten() {
            println!(
                "  {}: {}",
                field["label"].as_str().unwrap_or(""),
                field["value"].as_str().unwrap_or("")
            );
        }
        println!(
            "  From the data of: {}",
            certificate["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!(
            "  Issued {}, valid until {}",
            certificate["issued_at"].as_str().unwrap_or(""),
            certificate["valid_until"].as_str().unwrap_or("")
        );
    }
    println!(
        "  Checked online at {issuer}: the certificate's holder sees this check in their log."
    );
    Ok(if verdict == "valid" {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[expect(clippy::print_stdout, reason = "the verdict is the command's output")]
fn report(verdict: &Verdict, attested: Option<&Attested>) -> anyhow::Result<ExitCode> {
    match verdict {
        Verdict::Valid { .. } => println!("VALID"),
        Verdict::Revoked => println!("REVOKED: its holder revoked it"),
        Verdict::Expired => println!("EXPIRED"),
        Verdict::Forged(reason) => println!("FORGED: {reason}"),
    }
    if let Some(attested) = attested {
        let catalogue = CertificateTypes::shipped();
        let title = attested
            .type_id
            .parse()
            .ok()
            .and_then(|id| catalogue.get(&id))
            .map_or(attested.type_id.as_str(), |kind| {
                kind.title.get(Language::En)
            });
        println!("  {title} ({})", attested.id);
        for (name, value) in &attested.fields {
            println!("  {}: {value}", catalogue.label(name, Language::En));
        }
        println!("  From the data of: {}", attested.sources.join(", "));
        println!(
            "  Issued {} by {}, valid until {}",
            attested.issued_at, attested.issuer, attested.valid_until
        );
    }
    if let Verdict::Valid { status_checked } = verdict {
        println!(
            "  {}",
            if *status_checked {
                "Checked against the issuer's keys and status list: no trace in the holder's log."
            } else {
                "Checked against the issuer's keys offline; revocation not checked (give --status or --issuer)."
            }
        );
    }
    Ok(match verdict {
        Verdict::Valid { .. } => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}
