//! A small but real HTTP proxy double speaking docs/protocol.md: it checks the bearer
//! key, decodes the call query the way the real proxy must (form decoding), records
//! every attempt, and answers per operation id.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body as AxBody;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response as AxResponse;
use axum::routing::any;
use axum::Router;
use bytes::Bytes;
use futures_util::StreamExt;
use poly_runtime::{ApiKey, Client, RetryPolicy};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// The key every test client presents. Its distinctive middle is what the canary
/// checks look for in formatted errors and logs.
pub const KEY: &str = "poly_CANARYcanaryCANARYcanaryCANARYcanary1234a";
pub const CANARY: &str = "CANARYcanary";

/// Fails the test instead of hanging it: every integration test runs under this.
pub async fn bounded<F: Future>(seconds: u64, f: F) -> F::Output {
    tokio::time::timeout(Duration::from_secs(seconds), f)
        .await
        .expect("test exceeded its time bound")
}

pub fn assert_no_canary(what: &str, text: &str) {
    assert!(
        !text.contains(CANARY) && !text.contains(KEY),
        "{what} leaks the API key: {text}"
    );
}

/// Formats `value` with `{:?}`, `{:#?}` and `{}` and asserts the key is in none.
pub fn assert_formats_clean<T: std::fmt::Debug + std::fmt::Display>(what: &str, value: &T) {
    assert_no_canary(what, &format!("{value:?}"));
    assert_no_canary(what, &format!("{value:#?}"));
    assert_no_canary(what, &format!("{value}"));
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Debug, Clone)]
pub struct Seen {
    pub op: String,
    pub request_id: Option<String>,
    pub auth_ok: bool,
}

#[derive(Default)]
pub struct Shared {
    seen: Mutex<Vec<Seen>>,
}

pub struct TestProxy {
    pub url: String,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for TestProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestProxy {
    pub async fn start() -> TestProxy {
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/v1/call/{api}/{op}", any(handle))
            .with_state(shared.clone());
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        TestProxy {
            url: format!("http://{addr}"),
            addr,
            shared,
            task,
        }
    }

    pub fn client(&self) -> Client {
        self.client_with(|b| b)
    }

    /// A client with fast backoff so retry tests stay quick, unless overridden.
    pub fn client_with(
        &self,
        f: impl FnOnce(poly_runtime::ClientBuilder) -> poly_runtime::ClientBuilder,
    ) -> Client {
        f(Client::builder()
            .proxy_url(&self.url)
            .api_key(ApiKey::new(KEY))
            .timeout(Duration::from_secs(10))
            .retry(RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(20),
                max_delay: Duration::from_millis(200),
            }))
        .build()
        .expect("test client builds")
    }

    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.shared.seen).clone()
    }

    pub fn attempts_of(&self, request_id: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.request_id.as_deref() == Some(request_id))
            .count()
    }
}

fn text_header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The value of a call-query parameter, JSON-decoded.
fn param(query: &[(String, String)], key: &str) -> Option<Value> {
    query
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| serde_json::from_str(v).ok())
}

fn respond(
    status: u16,
    origin: Option<&str>,
    request_id: &str,
    content_type: &str,
    body: AxBody,
) -> AxResponse {
    let mut response = AxResponse::new(body);
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
    let h = response.headers_mut();
    h.insert("poly-protocol", HeaderValue::from_static("1"));
    if let Some(origin) = origin {
        h.insert(
            "poly-origin",
            HeaderValue::from_str(origin).unwrap_or(HeaderValue::from_static("x")),
        );
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert("poly-request-id", v);
    }
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    response
}

fn upstream_json(status: u16, request_id: &str, body: Value) -> AxResponse {
    respond(
        status,
        Some("upstream"),
        request_id,
        "application/json",
        AxBody::from(body.to_string()),
    )
}

pub fn problem_body(status: u16, slug: &str, title: &str, request_id: &str, extra: Value) -> Value {
    let mut doc = json!({
        "type": format!("urn:poly:problem:{slug}"),
        "title": title,
        "status": status,
        "detail": format!("{title} (test proxy)"),
        "instance": format!("urn:poly:request:{request_id}"),
        "request_id": request_id,
    });
    if let (Some(doc), Some(extra)) = (doc.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            doc.insert(k.clone(), v.clone());
        }
    }
    doc
}

fn problem(status: u16, slug: &str, title: &str, request_id: &str, extra: Value) -> AxResponse {
    respond(
        status,
        Some("proxy"),
        request_id,
        "application/problem+json",
        AxBody::from(problem_body(status, slug, title, request_id, extra).to_string()),
    )
}

/// FNV-1a, to compare large bodies without echoing them.
pub fn fnv(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// The byte at `offset` of the download op's body.
pub fn pattern(offset: usize) -> u8 {
    (offset % 251) as u8
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    Path((api, op)): Path<(String, String)>,
    req: Request,
) -> AxResponse {
    let headers = req.headers().clone();
    let request_id = text_header(&headers, "poly-request-id");
    let auth_ok =
        text_header(&headers, "authorization").as_deref() == Some(&format!("Bearer {KEY}"));
    let attempt = {
        let mut seen = lock(&shared.seen);
        seen.push(Seen {
            op: op.clone(),
            request_id: request_id.clone(),
            auth_ok,
        });
        seen.iter()
            .filter(|s| s.request_id == request_id && s.op == op)
            .count()
    };
    let rid = request_id
        .clone()
        .unwrap_or_else(|| "00000000-0000-4000-8000-000000000000".to_owned());
    if !auth_ok {
        let mut r = problem(401, "unauthenticated", "Unauthenticated", &rid, json!({}));
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"poly\""),
        );
        return r;
    }
    if req.method() != axum::http::Method::POST {
        return problem(400, "malformed-call", "Malformed call", &rid, json!({}));
    }
    let uri = req.uri().clone();
    let query: Vec<(String, String)> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let str_param = |k: &str| param(&query, k).and_then(|v| v.as_str().map(str::to_owned));
    let num_param = |k: &str| param(&query, k).and_then(|v| v.as_u64());

    match op.as_str() {
        "multipart" => {
            let ct = text_header(&headers, "content-type");
            let mut multipart = match Multipart::from_request(req, &()).await {
                Ok(m) => m,
                Err(e) => return upstream_json(400, &rid, json!({"error": e.to_string()})),
            };
            let mut parts = Vec::new();
            loop {
                match multipart.next_field().await {
                    Ok(Some(field)) => {
                        let name = field.name().map(str::to_owned);
                        let filename = field.file_name().map(str::to_owned);
                        let content_type = field.content_type().map(str::to_owned);
                        let data = field.bytes().await.unwrap_or_default();
                        parts.push(json!({
                            "name": name, "filename": filename, "content_type": content_type,
                            "data": String::from_utf8_lossy(&data), "len": data.len(),
                        }));
                    }
                    Ok(None) => break,
                    Err(e) => return upstream_json(400, &rid, json!({"error": e.to_string()})),
                }
            }
            upstream_json(200, &rid, json!({"content_type": ct, "parts": parts}))
        }
        "download" => {
            let size = num_param("query.size").unwrap_or(0) as usize;
            let chunk = 64 * 1024;
            let stream = futures_util::stream::iter((0..size).step_by(chunk).map(move |start| {
                let end = (start + chunk).min(size);
                Ok::<_, std::io::Error>(Bytes::from((start..end).map(pattern).collect::<Vec<u8>>()))
            }));
            respond(
                200,
                Some("upstream"),
                &rid,
                "application/octet-stream",
                AxBody::from_stream(stream),
            )
        }
        "flaky" => {
            let _ = axum::body::to_bytes(req.into_body(), 64 << 20).await;
            let times = num_param("query.times").unwrap_or(1) as usize;
            if attempt > times {
                return upstream_json(200, &rid, json!({"attempt": attempt}));
            }
            let kind = str_param("query.fail").unwrap_or_default();
            let mut r = match kind.as_str() {
                "upstream503" => upstream_json(503, &rid, json!({"busy": true})),
                "upstream429" => upstream_json(429, &rid, json!({"slow down": true})),
                "proxy502" => problem(
                    502,
                    "upstream-unreachable",
                    "Upstream unreachable",
                    &rid,
                    json!({}),
                ),
                "proxy503" => problem(503, "not-ready", "Proxy not ready", &rid, json!({})),
                "proxy504" => problem(504, "upstream-timeout", "Upstream timeout", &rid, json!({})),
                "proxy429" => problem(
                    429,
                    "too-many-concurrent-calls",
                    "Too many concurrent calls",
                    &rid,
                    json!({}),
                ),
                "unmarked503" => respond(
                    503,
                    None,
                    &rid,
                    "text/html",
                    AxBody::from("<h1>LB busy</h1>"),
                ),
                _ => upstream_json(500, &rid, json!({"bad test": kind})),
            };
            if let Some(v) =
                str_param("query.retry_after").and_then(|v| HeaderValue::from_str(&v).ok())
            {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        "slow" | "slowfail" => {
            tokio::time::sleep(Duration::from_millis(num_param("query.ms").unwrap_or(0))).await;
            let status = if op == "slow" { 200 } else { 503 };
            upstream_json(status, &rid, json!({"attempt": attempt}))
        }
        "stall" => {
            let body = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(
                b"partial",
            ))])
            .chain(futures_util::stream::pending());
            respond(
                200,
                Some("upstream"),
                &rid,
                "text/plain",
                AxBody::from_stream(body),
            )
        }
        "abort" => {
            // The failure comes a little later so that the head has been flushed,
            // as when an upstream dies mid-body.
            let body = futures_util::stream::iter([Ok(Bytes::from_static(b"{\"partial\":"))])
                .chain(futures_util::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    Err(std::io::Error::other("upstream died"))
                }));
            respond(
                200,
                Some("upstream"),
                &rid,
                "application/json",
                AxBody::from_stream(body),
            )
        }
        "denied" => problem(
            403,
            "operation-denied",
            "Operation denied",
            &rid,
            json!({"detail": format!("Operation '{op}' of API '{api}' is not available to this API key.")}),
        ),
        "invalid" => problem(
            400,
            "invalid-parameter",
            "Invalid parameter",
            &rid,
            json!({"errors": [{"parameter": "path.contactId", "detail": "must not serialize to an empty, '.' or '..' segment"}]}),
        ),
        "newslug" => problem(
            418,
            "brand-new-slug",
            "Brand new",
            &rid,
            json!({"extra": [1, 2]}),
        ),
        "notjson" => respond(
            500,
            Some("proxy"),
            &rid,
            "text/html",
            AxBody::from("<h1>oops</h1>"),
        ),
        "missing" => upstream_json(404, &rid, json!({"message": "no such contact"})),
        "wrongtype" => upstream_json(200, &rid, json!({"id": "not-a-number"})),
        "redirect" => {
            let mut r = respond(302, Some("upstream"), &rid, "text/plain", AxBody::empty());
            if let Some(to) = str_param("query.to").and_then(|v| HeaderValue::from_str(&v).ok()) {
                r.headers_mut().insert(header::LOCATION, to);
            }
            r
        }
        _ => {
            // echo
            let body = axum::body::to_bytes(req.into_body(), 64 << 20)
                .await
                .unwrap_or_default();
            let names: Vec<String> = headers.keys().map(|k| k.as_str().to_owned()).collect();
            upstream_json(
                200,
                &rid,
                json!({
                    "api": api,
                    "op": op,
                    "attempt": attempt,
                    "raw_path": uri.path(),
                    "raw_query": uri.query(),
                    "query": query,
                    "content_type": text_header(&headers, "content-type"),
                    "accept": text_header(&headers, "accept"),
                    "content_length": text_header(&headers, "content-length"),
                    "transfer_encoding": text_header(&headers, "transfer-encoding"),
                    "user_agent": text_header(&headers, "user-agent"),
                    "request_id": request_id,
                    "header_names": names,
                    "body_len": body.len(),
                    "body_text": String::from_utf8_lossy(&body),
                    "body_fnv": fnv(&body),
                }),
            )
        }
    }
}

/// A plain server that records the `Authorization` header of anything it receives:
/// the place a redirect must never lead the key to.
pub struct Recorder {
    pub url: String,
    pub authorizations: Arc<Mutex<Vec<Option<String>>>>,
    task: JoinHandle<()>,
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Recorder {
    pub async fn start() -> Recorder {
        let authorizations: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
        let log = authorizations.clone();
        let app = Router::new().fallback(any(move |headers: HeaderMap| {
            let log = log.clone();
            async move {
                lock(&log).push(text_header(&headers, "authorization"));
                "recorded"
            }
        }));
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Recorder {
            url: format!("http://{addr}"),
            authorizations,
            task,
        }
    }

    pub fn hits(&self) -> usize {
        lock(&self.authorizations).len()
    }
}

/// Accepts connections, reads a little and hangs up without answering: a proxy that
/// dies mid-call. Counts connections, i.e. attempts.
pub struct Hangup {
    pub url: String,
    pub connections: Arc<std::sync::atomic::AtomicUsize>,
    task: JoinHandle<()>,
}

impl Drop for Hangup {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hangup {
    pub async fn start() -> Hangup {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let connections: Arc<std::sync::atomic::AtomicUsize> = Arc::default();
        let count = connections.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut buf = [0u8; 4096];
                let _ = tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf)).await;
                drop(stream);
            }
        });
        Hangup {
            url: format!("http://{addr}"),
            connections,
            task,
        }
    }

    pub fn count(&self) -> usize {
        self.connections.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// An address nothing listens on.
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    format!("http://{addr}")
}
