//! `poly-proxy`: serve calls, or administer the store the proxy serves from.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use poly_proxy::cli::AdminCommand;
use poly_proxy::config::Config;
use poly_proxy::state::ProxyState;

#[derive(Parser)]
#[command(name = "poly-proxy", version, about = "The vault-backed proxy of Poly")]
struct Cli {
    /// A TOML configuration file; `POLY_*` environment variables override it.
    #[arg(long, global = true, env = "POLY_CONFIG")]
    config: Option<PathBuf>,
    /// The data directory (embedded store and generated master key).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// The store: `sqlite:///path/poly.db` or `postgres://…`.
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve calls and the admin API.
    Serve {
        /// The shaping manifest.
        #[arg(long)]
        manifest: Option<PathBuf>,
        /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free port).
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// Allow upstreams on loopback and private addresses (tests, internal APIs).
        #[arg(long)]
        allow_private_upstreams: bool,
    },
    #[command(flatten)]
    Admin(AdminCommand),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("POLY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::from(3);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::load(cli.config.as_deref(), |name| std::env::var(name).ok())?;
    if let Some(dir) = cli.data_dir {
        config.data_dir = dir;
    }
    if let Some(url) = cli.database_url {
        config.database_url = Some(url);
    }
    match cli.command {
        Command::Serve {
            manifest,
            listen,
            allow_private_upstreams,
        } => {
            if let Some(manifest) = manifest {
                config.manifest = manifest;
            }
            if let Some(listen) = listen {
                config.listen = listen;
            }
            config.allow_private_upstreams |= allow_private_upstreams;
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("cannot listen on {}", config.listen))?;
            let state = ProxyState::start(config).await?;
            let shutdown = poly_proxy::server::shutdown_signal()
                .context("cannot install the shutdown signal handlers")?;
            let address = listener.local_addr()?;
            tracing::info!(%address, "poly-proxy listening");
            // Tests and scripts read this line to find a port chosen by the OS.
            println!("listening on http://{address}");
            poly_proxy::server::serve(state, listener, shutdown).await
        }
        Command::Admin(command) => poly_proxy::cli::run(&config, command).await,
    }
}
