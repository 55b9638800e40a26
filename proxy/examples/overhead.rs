//! The proxy's overhead, measured: the same loopback upstream called directly and
//! through an in-process `poly-proxy`, in the same run, in alternating rounds so that
//! machine noise falls on both sides.
//!
//! ```text
//! cargo run --release -p poly-proxy --example overhead -- [--seconds N] [--concurrency C]
//! ```
//!
//! The upstream, the proxy and the client each get their own Tokio runtime, as they
//! would be separate processes in a deployment; on a small machine they compete for
//! the same cores, which is part of what is measured. The proxy's tracing defaults to
//! `warn` (override with `POLY_LOG`), so there is no log line per call; its audit
//! records still go through the store's background batch writer, as in production.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use axum::routing::get;
use axum::Router;
use clap::Parser;
use poly_proxy::config::Config;
use poly_proxy::state::ProxyState;
use poly_vault::{NewKey, Role, Scope, SecretValue, Store};

/// The upstream's answer to every `GET /api/things/{id}`: about 200 bytes of JSON.
const THING: &str = r#"{"id":"1","name":"Widget","kind":"thing","status":"active","owner":{"id":"u-42","name":"Ada"},"tags":["alpha","beta","gamma"],"price":{"amount":1999,"currency":"EUR"},"created":"2026-01-01T00:00:00Z"}"#;

/// The value of the `header-key` secret the proxy injects as `X-API-Key`.
const HEADER_KEY: &str = "hk-BENCH-5e1f0a9c3d";

#[derive(Parser, Debug)]
#[command(about = "Direct versus proxied calls to a loopback upstream, in the same run")]
struct Args {
    /// Seconds each throughput measurement runs (per side, per round).
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Concurrent client tasks in the throughput measurement.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Sequential requests per latency measurement (per side, per round).
    #[arg(long, default_value_t = 2000)]
    requests: usize,
    /// Rounds; each measures both sides, alternating which goes first.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Warm-up requests per side before measuring.
    #[arg(long, default_value_t = 500)]
    warmup: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Direct,
    Proxy,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Direct => "direct",
            Side::Proxy => "proxy",
        }
    }
}

/// How the client reaches the upstream, either way.
#[derive(Clone)]
struct Target {
    client: reqwest::Client,
    direct_url: Arc<str>,
    proxy_url: Arc<str>,
    app_key: Arc<str>,
}

impl Target {
    fn request(&self, side: Side) -> reqwest::RequestBuilder {
        match side {
            Side::Direct => self.client.get(&*self.direct_url),
            Side::Proxy => self
                .client
                .post(&*self.proxy_url)
                .bearer_auth(&*self.app_key),
        }
    }

    /// One request, body read to the end; true when it answered 200.
    async fn once(&self, side: Side) -> bool {
        match self.request(side).send().await {
            Ok(response) => {
                let ok = response.status() == reqwest::StatusCode::OK;
                response.bytes().await.is_ok() && ok
            }
            Err(_) => false,
        }
    }
}

struct Latency {
    p50: f64,
    p90: f64,
    p99: f64,
    mean: f64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    ensure!(
        args.concurrency > 0 && args.requests > 0 && args.rounds > 0,
        "concurrency, requests and rounds must be at least 1"
    );
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("POLY_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let load_at_start = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let upstream_rt = runtime("upstream", cpus)?;
    let proxy_rt = runtime("proxy", cpus)?;
    let client_rt = runtime("client", cpus)?;

    let upstream_url = upstream_rt.block_on(start_upstream())?;
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let (state, proxy_url, app_key) =
        proxy_rt.block_on(start_proxy(dir.path(), &upstream_url, args.concurrency))?;

    let target = Target {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true)
            .build()?,
        direct_url: format!("{upstream_url}/api/things/1").into(),
        proxy_url: format!("{proxy_url}/v1/call/things/getThing?path.id=%221%22").into(),
        app_key: app_key.into(),
    };

    println!("poly-proxy bench");
    println!(
        "machine: {cpus} CPUs, {}; load average at start: {}",
        cpu_model(),
        load_at_start
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "settings: {} rounds; latency {} sequential requests per side; throughput {} \
         concurrent tasks for {} s per side; warm-up {} per side",
        args.rounds, args.requests, args.concurrency, args.seconds, args.warmup
    );
    println!(
        "upstream: axum on {upstream_url}, GET /api/things/{{id}} -> {} bytes of JSON",
        THING.len()
    );
    println!(
        "proxy: in-process poly-proxy on {proxy_url}, tracing {}, audit via the store's \
         background batch writer (SQLite)",
        std::env::var("POLY_LOG").unwrap_or_else(|_| "warn".to_owned())
    );
    println!();

    client_rt.block_on(async {
        verify(&target).await?;
        warm_up(&target, args.warmup, args.concurrency).await;

        let mut latencies: Vec<(Latency, Latency)> = Vec::new();
        let mut throughputs: Vec<(f64, f64)> = Vec::new();
        let mut failures = 0u64;
        for round in 0..args.rounds {
            // Alternate which side goes first, so a drift in the machine's state does
            // not always favour the same side.
            let order = if round % 2 == 0 {
                [Side::Direct, Side::Proxy]
            } else {
                [Side::Proxy, Side::Direct]
            };
            let mut lat = [None, None];
            for side in order {
                let (result, failed) = latency(&target, side, args.requests).await;
                failures += failed;
                lat[side as usize] = Some(result);
            }
            let [Some(direct), Some(proxy)] = lat else {
                unreachable!("both sides measured")
            };
            latencies.push((direct, proxy));

            let mut rps = [0.0, 0.0];
            for side in order {
                let (result, failed) = throughput(
                    &target,
                    side,
                    args.concurrency,
                    Duration::from_secs(args.seconds),
                )
                .await;
                failures += failed;
                rps[side as usize] = result;
            }
            throughputs.push((rps[0], rps[1]));
            eprintln!("round {} of {} done", round + 1, args.rounds);
        }
        report(&args, &latencies, &throughputs, failures);
        anyhow::Ok(())
    })?;

    let flushed = Instant::now();
    proxy_rt.block_on(state.store.flush())?;
    println!(
        "\naudit writer backlog flushed in {:.1} ms after the last call",
        flushed.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "load average at end: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    drop(state);
    proxy_rt.shutdown_timeout(Duration::from_secs(1));
    upstream_rt.shutdown_timeout(Duration::from_secs(1));
    client_rt.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

fn runtime(name: &str, threads: usize) -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .thread_name(format!("bench-{name}"))
        .enable_all()
        .build()
        .with_context(|| format!("cannot start the {name} runtime"))
}

/// A loopback upstream that answers every thing with the same small JSON body.
async fn start_upstream() -> anyhow::Result<String> {
    let app = Router::new().route(
        "/api/things/{id}",
        get(|| async { ([(http::header::CONTENT_TYPE, "application/json")], THING) }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            eprintln!("upstream failed: {error}");
        }
    });
    Ok(url)
}

/// The proxy tests' manifest fixture, pointing its API at `upstream`.
fn write_manifest(dir: &Path, upstream: &str) -> anyhow::Result<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let template = std::fs::read_to_string(fixtures.join("manifest.yaml.in"))
        .context("cannot read the manifest fixture")?;
    let text = template.replace("@UPSTREAM@", upstream).replace(
        "description: upstream.yaml",
        &format!("description: {}", fixtures.join("upstream.yaml").display()),
    );
    let path = dir.join("manifest.yaml");
    std::fs::write(&path, text)?;
    Ok(path)
}

/// Provisions `alpha`/`prod` (an app key and the `header-key` secret), then starts
/// the proxy on a free loopback port. Returns its state, URL and the app key.
async fn start_proxy(
    dir: &Path,
    upstream: &str,
    concurrency: usize,
) -> anyhow::Result<(Arc<ProxyState>, String, String)> {
    let mut config = Config {
        data_dir: dir.join("data"),
        manifest: write_manifest(dir, upstream)?,
        allow_private_upstreams: true,
        ..Config::default()
    };
    // Never let the per-key limit turn the throughput test into a 429 test.
    config.limits.concurrent_calls_per_key =
        config.limits.concurrent_calls_per_key.max(concurrency);

    let store = poly_proxy::state::open_store(&config).await?;
    let key = provision(&store).await?;
    store.flush().await?;
    store.close().await?;

    let state = ProxyState::start(config).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let serving = state.clone();
    tokio::spawn(async move {
        if let Err(error) =
            poly_proxy::server::serve(serving, listener, std::future::pending()).await
        {
            eprintln!("proxy failed: {error:#}");
        }
    });
    Ok((state, url, key))
}

async fn provision(store: &Store) -> anyhow::Result<String> {
    let scope = Scope::new("alpha", "prod");
    store.create_tenant("alpha").await?;
    store.create_environment("alpha", "prod").await?;
    let (_, key) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: Some("bench".to_owned()),
            expires_ms: None,
        })
        .await?;
    store
        .put_secret(
            &scope,
            "header-key",
            SecretValue::new(HEADER_KEY.as_bytes().to_vec()),
        )
        .await?;
    Ok(key.expose().to_owned())
}

/// Both sides answer 200 with the upstream's body; the proxied one says it came
/// from the upstream.
async fn verify(target: &Target) -> anyhow::Result<()> {
    let direct = target.request(Side::Direct).send().await?;
    ensure!(
        direct.status() == reqwest::StatusCode::OK,
        "the upstream answered {}",
        direct.status()
    );
    let direct_body = direct.bytes().await?;

    let proxied = target.request(Side::Proxy).send().await?;
    let status = proxied.status();
    let origin = proxied
        .headers()
        .get("poly-origin")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = proxied.bytes().await?;
    if status != reqwest::StatusCode::OK || origin != "upstream" {
        bail!(
            "the proxied call answered {status} with poly-origin `{origin}`: {}",
            String::from_utf8_lossy(&body)
        );
    }
    ensure!(
        body == direct_body,
        "the proxied body differs from the direct one"
    );
    println!(
        "verified: direct 200 ({} bytes); proxied 200, poly-origin: upstream, same body",
        direct_body.len()
    );
    Ok(())
}

/// Sequential calls on both sides, then a concurrent burst so each connection pool
/// holds as many connections as the throughput test uses.
async fn warm_up(target: &Target, requests: usize, concurrency: usize) {
    for side in [Side::Direct, Side::Proxy] {
        for _ in 0..requests {
            target.once(side).await;
        }
        let tasks: Vec<_> = (0..concurrency)
            .map(|_| {
                let target = target.clone();
                tokio::spawn(async move {
                    for _ in 0..20 {
                        target.once(side).await;
                    }
                })
            })
            .collect();
        for task in tasks {
            let _ = task.await;
        }
    }
}

/// `requests` sequential calls; the latency figures and how many calls failed.
async fn latency(target: &Target, side: Side, requests: usize) -> (Latency, u64) {
    let mut micros = Vec::with_capacity(requests);
    let mut failed = 0;
    for _ in 0..requests {
        let started = Instant::now();
        let ok = target.once(side).await;
        micros.push(started.elapsed().as_secs_f64() * 1e6);
        failed += u64::from(!ok);
    }
    let mean = micros.iter().sum::<f64>() / micros.len() as f64;
    micros.sort_by(f64::total_cmp);
    let at =
        |p: f64| micros[((p * micros.len() as f64).ceil() as usize).clamp(1, micros.len()) - 1];
    (
        Latency {
            p50: at(0.50),
            p90: at(0.90),
            p99: at(0.99),
            mean,
        },
        failed,
    )
}

/// `concurrency` tasks calling in a loop for `duration`; completed calls per second
/// (failures excluded) and how many failed.
async fn throughput(
    target: &Target,
    side: Side,
    concurrency: usize,
    duration: Duration,
) -> (f64, u64) {
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let target = target.clone();
            tokio::spawn(async move {
                let (mut ok, mut failed) = (0u64, 0u64);
                while Instant::now() < deadline {
                    if target.once(side).await {
                        ok += 1;
                    } else {
                        failed += 1;
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let (mut ok, mut failed) = (0, 0);
    for task in tasks {
        if let Ok((o, f)) = task.await {
            ok += o;
            failed += f;
        }
    }
    (ok as f64 / started.elapsed().as_secs_f64(), failed)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn report(
    args: &Args,
    latencies: &[(Latency, Latency)],
    throughputs: &[(f64, f64)],
    failures: u64,
) {
    println!(
        "\nLatency, µs ({} sequential requests per side per round)",
        args.requests
    );
    println!(
        "{:<8} {:<7} {:>8} {:>8} {:>8} {:>8}",
        "round", "side", "p50", "p90", "p99", "mean"
    );
    let row = |round: &str, side: Side, l: &Latency| {
        println!(
            "{:<8} {:<7} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            round,
            side.name(),
            l.p50,
            l.p90,
            l.p99,
            l.mean
        );
    };
    for (i, (direct, proxy)) in latencies.iter().enumerate() {
        row(&(i + 1).to_string(), Side::Direct, direct);
        row(&(i + 1).to_string(), Side::Proxy, proxy);
    }
    let med = |f: fn(&Latency) -> f64, proxy: bool| {
        median(
            latencies
                .iter()
                .map(|(d, p)| f(if proxy { p } else { d }))
                .collect(),
        )
    };
    let summary = |proxy: bool| Latency {
        p50: med(|l| l.p50, proxy),
        p90: med(|l| l.p90, proxy),
        p99: med(|l| l.p99, proxy),
        mean: med(|l| l.mean, proxy),
    };
    let (direct, proxy) = (summary(false), summary(true));
    row("median", Side::Direct, &direct);
    row("median", Side::Proxy, &proxy);
    println!(
        "added latency (median over rounds): p50 +{:.1} µs, p90 +{:.1} µs, p99 +{:.1} µs, \
         mean +{:.1} µs; proxy/direct p50 = {:.2}x",
        proxy.p50 - direct.p50,
        proxy.p90 - direct.p90,
        proxy.p99 - direct.p99,
        proxy.mean - direct.mean,
        proxy.p50 / direct.p50
    );

    println!(
        "\nThroughput, requests/s ({} concurrent tasks, {} s per side per round)",
        args.concurrency, args.seconds
    );
    println!(
        "{:<8} {:>10} {:>10} {:>12}",
        "round", "direct", "proxy", "proxy/direct"
    );
    for (i, (direct, proxy)) in throughputs.iter().enumerate() {
        println!(
            "{:<8} {:>10.0} {:>10.0} {:>12.3}",
            i + 1,
            direct,
            proxy,
            proxy / direct
        );
    }
    let direct = median(throughputs.iter().map(|t| t.0).collect());
    let proxy = median(throughputs.iter().map(|t| t.1).collect());
    let ratio = median(throughputs.iter().map(|t| t.1 / t.0).collect());
    println!(
        "{:<8} {:>10.0} {:>10.0} {:>12.3}",
        "median", direct, proxy, ratio
    );
    println!(
        "per proxied call at the median: {:.1} µs of machine time vs {:.1} µs direct \
         (1 / throughput × CPUs)",
        1e6 / proxy * std::thread::available_parallelism().map_or(1, |n| n.get()) as f64,
        1e6 / direct * std::thread::available_parallelism().map_or(1, |n| n.get()) as f64,
    );
    if failures > 0 {
        println!("WARNING: {failures} calls failed (not counted in the figures)");
    } else {
        println!("failed calls: 0");
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned())
}
