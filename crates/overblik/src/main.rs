//! `overblik`: one binary for the server, the demo, migrations and the provider tools.

mod bank;
mod certificate;
mod client;
mod config;
mod demo;
mod log;
mod migrate;
mod provider;
mod serve;

// Many short-lived allocations per record (JSON values, strings, bound parameters) on a
// few threads: mimalloc handles them markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "overblik",
    version,
    about = "A citizen's overview of what public authorities hold about them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build a demo country, push it through the provider API, and serve it on 127.0.0.1.
    Demo(demo::Args),
    /// Serve the web server and the APIs.
    Serve(serve::Args),
    /// Create or bring the database up to date, then exit.
    Migrate(migrate::Args),
    /// Tools for authorities that push records: keys, registration, tokens, pushes.
    #[command(subcommand)]
    Provider(provider::Command),
    /// The services citizens may share their data with by consent: registering them.
    #[command(subcommand)]
    Client(client::Command),
    /// The access log: its signing key, and checking a citizen's entries against it.
    #[command(subcommand)]
    Log(log::Command),
    /// Certificates: the key they are signed with, and checking one as anyone can.
    #[command(subcommand)]
    Certificate(certificate::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The demo and the provider tools draw progress bars; a log line per request would break them.
    let default_filter = match cli.command {
        Command::Serve(_) | Command::Migrate(_) => {
            "overblik=info,overblik_server=info,tower_http=warn"
        }
        Command::Demo(_)
        | Command::Provider(_)
        | Command::Client(_)
        | Command::Log(_)
        | Command::Certificate(_) => "warn",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("OVERBLIK_LOG")
                .unwrap_or_else(|_| default_filter.into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Runtime::new().expect("a Tokio runtime starts");
    let result = runtime.block_on(async {
        match cli.command {
            Command::Demo(args) => demo::run(args).await,
            Command::Serve(args) => serve::run(args).await,
            Command::Migrate(args) => migrate::run(args).await,
            Command::Provider(command) => provider::run(command).await,
            Command::Client(command) => client::run(command).await,
            Command::Log(command) => log::run(command).await,
            Command::Certificate(command) => certificate::run(command).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A session token is base64url, so one in 32 begins with `-`; it is still the value.
    #[test]
    fn a_session_token_beginning_with_a_dash_is_the_options_value() {
        let cli = Cli::try_parse_from([
            "overblik",
            "log",
            "verify",
            "--session",
            "-oAbC",
            "--state",
            "s.json",
        ])
        .expect("parses");
        let Command::Log(command) = cli.command else {
            panic!("the log command")
        };
        assert!(format!("{command:?}").contains("session: Some(\"-oAbC\")"));
    }
}
