//! The proxy's end-to-end harness: a real `poly-proxy` process, a real upstream
//! HTTP server on loopback that records what it receives, and a store provisioned
//! with tenants, keys and secrets before the proxy starts.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use http::{HeaderMap, StatusCode};
use poly_proxy::config::Config;
use poly_vault::{IssuedKey, KeyInfo, NewKey, Role, Scope, SecretValue, Store};

/// One request as the upstream saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

#[derive(Clone, Default)]
pub struct Recorder(pub Arc<Mutex<Vec<Recorded>>>);

impl Recorder {
    pub fn all(&self) -> Vec<Recorded> {
        self.0.lock().unwrap().clone()
    }

    pub fn last(&self) -> Recorded {
        self.0
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("the upstream saw no request")
    }

    pub fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

pub struct Upstream {
    pub url: String,
    pub recorder: Recorder,
}

/// A loopback server standing in for a third-party API. It records every request
/// and answers per path: `/api/echo` reflects everything it got (headers included),
/// `/api/redirect` points elsewhere, `/api/stream?size=N` sends N bytes,
/// `/api/delayed?ms=N` answers after N milliseconds, `/api/slow` after 10 seconds, and
/// `/api/webhooks` answers 201 with the JSON body it received.
pub async fn start_upstream(redirect_to: Option<String>) -> Upstream {
    let recorder = Recorder::default();
    let app = Router::new()
        .fallback(any(upstream_handler))
        .with_state((recorder.clone(), redirect_to));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Upstream { url, recorder }
}

async fn upstream_handler(
    State((recorder, redirect_to)): State<(Recorder, Option<String>)>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    recorder.0.lock().unwrap().push(recorded.clone());
    let path = parts.uri.path();
    match path {
        "/api/echo" => {
            let headers: serde_json::Map<String, serde_json::Value> = parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned().into(),
                    )
                })
                .collect();
            let json = serde_json::json!({
                "method": recorded.method,
                "path": recorded.path,
                "query": recorded.query,
                "headers": headers,
                "body": String::from_utf8_lossy(&body),
            });
            // Reflect the credential header too, as a careless API might.
            let mut response = axum::Json(json).into_response();
            if let Some(key) = parts.headers.get("x-api-key") {
                response.headers_mut().insert("x-echo-key", key.clone());
                response.headers_mut().insert("x-powered-by", key.clone());
            }
            response
                .headers_mut()
                .insert("set-cookie", "session=abc".parse().unwrap());
            response
                .headers_mut()
                .insert("poly-origin", "proxy".parse().unwrap());
            response
        }
        "/api/redirect" => {
            let location = redirect_to.unwrap_or_else(|| "http://127.0.0.1:9/".to_owned());
            (StatusCode::FOUND, [("location", location)]).into_response()
        }
        "/api/stream" => {
            let size: usize = recorded
                .query
                .as_deref()
                .and_then(|q| q.strip_prefix("size="))
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let chunks = (0..size.div_ceil(8192)).map(move |i| {
                let len = 8192.min(size - i * 8192);
                Ok::<_, std::io::Error>(Bytes::from(vec![b'a' + (i % 26) as u8; len]))
            });
            Response::builder()
                .header("content-type", "application/octet-stream")
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap()
        }
        "/api/slow" => {
            tokio::time::sleep(Duration::from_secs(10)).await;
            "late".into_response()
        }
        "/api/delayed" => {
            let ms: u64 = recorded
                .query
                .as_deref()
                .and_then(|q| q.strip_prefix("ms="))
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            axum::Json(serde_json::json!({"delayed_ms": ms})).into_response()
        }
        // Like a careless API, it echoes what it was sent, signing secret included.
        "/api/webhooks" => {
            let received: serde_json::Value =
                serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
            (
                StatusCode::CREATED,
                axum::Json(serde_json::json!({"id": "w1", "received": received})),
            )
                .into_response()
        }
        _ => axum::Json(serde_json::json!({"ok": true, "path": path})).into_response(),
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Writes the test manifest, pointing its API at `upstream`, into `dir`.
pub fn write_manifest(dir: &Path, upstream: &str) -> PathBuf {
    let template = std::fs::read_to_string(fixture("manifest.yaml.in")).unwrap();
    let text = template.replace("@UPSTREAM@", upstream).replace(
        "description: upstream.yaml",
        &format!("description: {}", fixture("upstream.yaml").display()),
    );
    let path = dir.join("manifest.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

/// A proxy's data directory and configuration, before and after it runs.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub config: Config,
}

impl Setup {
    pub fn new(manifest: impl FnOnce(&Path) -> PathBuf) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().join("data"),
            manifest: manifest(dir.path()),
            allow_private_upstreams: true,
            ..Config::default()
        };
        Setup { dir, config }
    }

    /// Opens the store the proxy will use (creating the data directory and key).
    pub async fn store(&self) -> Store {
        poly_proxy::state::open_store(&self.config).await.unwrap()
    }
}

/// Registers `tenant`/`environment` and returns a key with `role` there.
pub async fn provision(store: &Store, tenant: &str, environment: &str, role: Role) -> IssuedKey {
    provision_key(store, tenant, environment, role).await.1
}

/// Like [`provision`], with the key's public description (its id).
pub async fn provision_key(
    store: &Store,
    tenant: &str,
    environment: &str,
    role: Role,
) -> (KeyInfo, IssuedKey) {
    let _ = store.create_tenant(tenant).await;
    let _ = store.create_environment(tenant, environment).await;
    store
        .create_key(NewKey {
            scope: Scope::new(tenant, environment),
            role,
            label: Some("test".to_owned()),
            expires_ms: None,
        })
        .await
        .unwrap()
}

pub async fn put_secret(store: &Store, tenant: &str, environment: &str, name: &str, value: &str) {
    store
        .put_secret(
            &Scope::new(tenant, environment),
            name,
            SecretValue::new(value.as_bytes().to_vec()),
        )
        .await
        .unwrap();
}

/// The `poly-proxy` binary, with no `POLY_*` setting inherited from the environment
/// the tests run in (a developer's master key or data directory must not leak in).
pub fn poly_proxy_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_poly-proxy"));
    for name in [
        "POLY_CONFIG",
        "POLY_MASTER_KEY",
        "POLY_MASTER_KEY_FILE",
        "POLY_DATA_DIR",
        "POLY_DATABASE_URL",
        "POLY_MANIFEST",
        "POLY_LISTEN",
        "POLY_ALLOW_PRIVATE_UPSTREAMS",
    ] {
        command.env_remove(name);
    }
    command.env("POLY_LOG", "info");
    command
}

/// A running `poly-proxy serve` process; killed on drop.
pub struct Proxy {
    child: Child,
    pub url: String,
    pub log: Arc<Mutex<String>>,
}

impl Proxy {
    pub fn start(setup: &Setup, extra_env: &[(&str, &str)]) -> Proxy {
        let mut command = poly_proxy_command();
        command
            .arg("--data-dir")
            .arg(&setup.config.data_dir)
            .arg("serve")
            .arg("--manifest")
            .arg(&setup.config.manifest)
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--allow-private-upstreams");
        for (k, v) in extra_env {
            command.env(k, v);
        }
        Proxy::spawn(command)
    }

    /// Runs `command` (a `poly-proxy … serve --listen 127.0.0.1:0 …`) and waits until it
    /// prints the address it listens on.
    pub fn spawn(mut command: Command) -> Proxy {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("poly-proxy starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.trim().to_owned();
                    }
                }
                _ => {
                    // Give the stderr reader a moment to collect the reason.
                    std::thread::sleep(Duration::from_millis(200));
                    panic!(
                        "poly-proxy exited before listening:\n{}",
                        log.lock().unwrap()
                    )
                }
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Proxy { child, url, log }
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to `timeout` for a log line containing `needle`.
    pub async fn wait_for_log(&self, needle: &str, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            if self.log().contains(needle) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.log().contains(needle)
    }

    /// Sends SIGTERM, waits for the exit, and returns the status with the whole log.
    pub fn stop_and_keep_log(self) -> (std::process::ExitStatus, String) {
        let log = self.log.clone();
        let status = self.stop();
        // The stderr reader thread may still be draining the last lines.
        std::thread::sleep(Duration::from_millis(200));
        let text = log.lock().unwrap().clone();
        (status, text)
    }

    /// Sends SIGTERM and waits for the process to exit.
    pub fn stop(self) -> std::process::ExitStatus {
        self.terminate();
        self.wait_for_exit(Duration::from_secs(5))
    }

    /// Sends SIGTERM and returns at once.
    pub fn terminate(&self) {
        #[cfg(unix)]
        {
            let status = Command::new("kill")
                .arg("-TERM")
                .arg(self.child.id().to_string())
                .status()
                .expect("kill runs");
            assert!(status.success(), "kill -TERM failed: {status:?}");
        }
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits up to `timeout` for the process to exit by itself, then kills it.
    pub fn wait_for_exit(mut self, timeout: Duration) -> std::process::ExitStatus {
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        self.child.wait().unwrap()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client for the proxy that never follows redirects (protocol §8.3).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `POST /v1/call/{api}/{operation}?{query}` with `key`.
pub async fn call(
    proxy: &Proxy,
    key: &str,
    operation: &str,
    query: &str,
    body: Option<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut url = format!("{}/v1/call/things/{operation}", proxy.url);
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    let mut request = client().post(url).bearer_auth(key);
    if let Some((content_type, bytes)) = body {
        request = request.header("content-type", content_type).body(bytes);
    }
    request.send().await.unwrap()
}

/// What one run of the `poly-proxy` CLI printed.
#[derive(Debug)]
pub struct CliRun {
    pub args: Vec<String>,
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl CliRun {
    /// Panics with everything the command printed unless it succeeded.
    pub fn ok(self) -> CliRun {
        assert!(
            self.status.success(),
            "poly-proxy {:?} failed ({:?}):\n{}\n{}",
            self.args,
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    /// The JSON stdout of a `--json` command.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "{:?}: stdout is not JSON ({e}):\n{}",
                self.args, self.stdout
            )
        })
    }
}

/// Runs `poly-proxy <args>` in `cwd`, with `stdin` piped in, and collects its output.
/// Only the arguments and environment given here reach it (see [`poly_proxy_command`]).
pub async fn cli(cwd: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> CliRun {
    use std::io::Write;

    let mut command = poly_proxy_command();
    command
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let stdin = stdin.to_vec();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().expect("poly-proxy runs");
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(&stdin).unwrap();
        drop(pipe);
        let output = child.wait_with_output().unwrap();
        CliRun {
            args,
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .unwrap()
}

/// Polls `GET /v1/admin/audit?{query}` with `key` until `done` holds for the records
/// (the audit writer is asynchronous), and returns the whole response text.
pub async fn read_audit_until(
    proxy: &Proxy,
    key: &str,
    query: &str,
    done: impl Fn(&[serde_json::Value]) -> bool,
) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let r = client()
            .get(format!("{}/v1/admin/audit?{query}", proxy.url))
            .bearer_auth(key)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "the audit log is readable");
        let text = r.text().await.unwrap();
        let body: serde_json::Value = serde_json::from_str(&text).unwrap();
        let records = body["records"].as_array().cloned().unwrap_or_default();
        if done(&records) {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the expected audit records never appeared:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The Unix permission bits of `path`.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}
