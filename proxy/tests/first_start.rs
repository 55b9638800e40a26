//! First start: `poly-proxy serve --manifest …` in an empty directory, with no master
//! key configured, creates its data directory (0700), an SQLite store and a master key
//! file (0600), becomes healthy and ready, and warns loudly that production must supply
//! the key. Restarted on the same directory it reuses that key, so a secret stored
//! before the restart is injected unchanged after it, and it does not claim to have
//! generated a key again.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::{json, Value};

const SECRET: &str = "first-start-CANARY-6b2e9d4f1a";
const GENERATED: &str = "GENERATED A MASTER KEY";

/// `poly-proxy serve` in `cwd` with nothing but the manifest and a free port: the
/// data directory and the master key are the defaults.
fn serve_in(cwd: &Path) -> Proxy {
    let mut command: Command = poly_proxy_command();
    command
        .current_dir(cwd)
        .arg("serve")
        .arg("--manifest")
        .arg("manifest.yaml")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--allow-private-upstreams");
    Proxy::spawn(command)
}

async fn assert_healthy(proxy: &Proxy) {
    for (path, body) in [("/healthz", "ok\n"), ("/readyz", "ready\n")] {
        let r = client()
            .get(format!("{}{path}", proxy.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}:\n{}", proxy.log());
        assert_eq!(r.text().await.unwrap(), body, "{path}");
    }
}

/// The log lines at WARN level.
fn warnings(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains("WARN")).collect()
}

async fn admin(
    proxy: &Proxy,
    key: &str,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> Value {
    let r = client()
        .request(method.clone(), format!("{}/v1/admin{path}", proxy.url))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    assert!(status.is_success(), "{method} {path}: {status} {text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn first_start_creates_a_private_store_and_key_and_a_restart_reuses_them() {
    let upstream = start_upstream(None).await;
    let work = tempfile::tempdir().unwrap();
    write_manifest(work.path(), &upstream.url);
    let data = work.path().join("poly-data");
    assert!(!data.exists());

    let proxy = serve_in(work.path());
    assert_healthy(&proxy).await;

    assert!(data.is_dir(), "the default data directory ./poly-data");
    assert_eq!(mode(&data), 0o700, "the data directory is private");
    let store = data.join("poly.db");
    assert!(store.is_file(), "an SQLite store in the data directory");
    let header = std::fs::read(&store).unwrap();
    assert!(header.starts_with(b"SQLite format 3\0"), "an SQLite file");
    let key_file = data.join("master.key");
    assert!(key_file.is_file(), "a generated master key file");
    assert_eq!(mode(&key_file), 0o600, "the key file is the owner's only");
    let key_text = std::fs::read(&key_file).unwrap();
    assert!(key_text.len() > 16, "the key file holds a key");

    let log = proxy.log();
    let loud: Vec<&str> = warnings(&log)
        .into_iter()
        .filter(|l| l.contains(GENERATED))
        .collect();
    assert_eq!(loud.len(), 1, "one loud warning:\n{log}");
    for needed in ["production", "POLY_MASTER_KEY", "master_key_file"] {
        assert!(
            loud[0].contains(needed),
            "the warning names {needed}: {log}"
        );
    }
    // The path as configured: relative to the working directory here.
    assert!(
        loud[0].contains("poly-data/master.key"),
        "the warning says where the key is: {log}"
    );

    // The first operator key comes from the CLI, on the same (default) data directory.
    let created = cli(
        work.path(),
        &["key", "create-operator", "--label", "first", "--json"],
        b"",
        &[],
    )
    .await
    .ok();
    let operator = created.json()["key"].as_str().unwrap().to_owned();
    assert!(
        !created.stderr.contains(GENERATED),
        "the CLI found the proxy's key:\n{}",
        created.stderr
    );

    use reqwest::Method;
    admin(
        &proxy,
        &operator,
        Method::POST,
        "/tenants",
        json!({"name": "alpha"}),
    )
    .await;
    admin(
        &proxy,
        &operator,
        Method::POST,
        "/tenants/alpha/environments",
        json!({"name": "prod"}),
    )
    .await;
    let meta = admin(
        &proxy,
        &operator,
        Method::PUT,
        "/tenants/alpha/environments/prod/secrets/header-key",
        json!({ "value": SECRET }),
    )
    .await;
    assert_eq!(meta["version"], 1);
    let app = admin(
        &proxy,
        &operator,
        Method::POST,
        "/tenants/alpha/environments/prod/keys",
        json!({"role": "app"}),
    )
    .await["key"]
        .as_str()
        .unwrap()
        .to_owned();

    let r = call(&proxy, &app, "getThing", "path.id=%221%22", None).await;
    assert_eq!(r.status(), 200, "{}", proxy.log());
    assert_eq!(upstream.recorder.last().header("x-api-key"), Some(SECRET));
    let status = proxy.stop();
    assert_eq!(status.code(), Some(0), "{status:?}");

    let proxy = serve_in(work.path());
    assert_healthy(&proxy).await;

    assert_eq!(
        std::fs::read(&key_file).unwrap(),
        key_text,
        "the key file is reused, not replaced"
    );
    assert_eq!(mode(&key_file), 0o600);
    let log = proxy.log();
    assert!(
        !log.contains(GENERATED),
        "a restart does not claim to generate a key:\n{log}"
    );
    assert!(
        warnings(&log)
            .iter()
            .any(|l| l.contains("production") && l.contains("POLY_MASTER_KEY")),
        "the key beside the data is still worth a warning:\n{log}"
    );

    upstream.recorder.clear();
    let r = call(&proxy, &app, "getThing", "path.id=%222%22", None).await;
    assert_eq!(r.status(), 200, "{}", proxy.log());
    assert_eq!(
        upstream.recorder.last().header("x-api-key"),
        Some(SECRET),
        "the secret stored before the restart decrypts with the same key"
    );
    let status = proxy.stop();
    assert_eq!(status.code(), Some(0), "{status:?}");
}
