//! The client and the call builder: encoding a call, sending it, retrying it.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::StreamExt;
use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Serialize;
use tokio::time::{sleep, timeout_at, Instant};
use tracing::Instrument;

use crate::body::{Body, BodyInner, ByteStream};
use crate::config::{builder_from_env, ClientBuilder, ConfigError};
use crate::encode;
use crate::error::{Error, Problem, TransportError};
use crate::response::Response;
use crate::retry::{self, Origin, RetryPolicy};
use crate::secret::{ApiKey, SecretRef};

/// Problems are small; a proxy (or something pretending to be one) sending more is
/// not allowed to make the runtime buffer it all.
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

/// A handle on one proxy with one API key.
///
/// Cloning is cheap and clones share one connection pool, so one client per process
/// (or per key) is the intended use.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base: String,
    pub(crate) api_key: ApiKey,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("proxy_url", &self.inner.base)
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    pub(crate) fn from_inner(inner: Inner) -> Client {
        Client {
            inner: Arc::new(inner),
        }
    }

    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Configuration from the environment, so deployments can hand the key to the
    /// process without it appearing in code: `POLY_PROXY_URL`, `POLY_API_KEY` and
    /// optionally `POLY_TIMEOUT_MS`.
    pub fn from_env() -> Result<Client, ConfigError> {
        builder_from_env()?.build()
    }

    /// Starts a call of `operation_id` of `api`. Nothing is validated or sent until
    /// [`Call::send`]; the builder owns a clone of the client, so it can be moved into
    /// a task.
    pub fn call(&self, api: &str, operation_id: &str) -> Call {
        Call {
            client: self.clone(),
            api: api.to_owned(),
            operation: operation_id.to_owned(),
            idempotent: false,
            query: Vec::new(),
            body: None,
            accept: None,
            timeout: None,
            request_id: None,
            error: None,
        }
    }

    /// The normalised proxy base URL.
    pub fn proxy_url(&self) -> &str {
        &self.inner.base
    }

    pub fn default_timeout(&self) -> Duration {
        self.inner.timeout
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        self.inner.retry
    }
}

/// Where the upstream expects a parameter. The proxy, not the runtime, serializes it
/// there (protocol §4.3); the runtime only tags the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

impl Location {
    /// The call-query prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One call being assembled. Builder methods never fail; the first problem is kept
/// and reported by [`send`](Call::send), which keeps generated code linear.
pub struct Call {
    client: Client,
    api: String,
    operation: String,
    idempotent: bool,
    /// Decoded `(key, value)` pairs in the order given; encoded at send time.
    query: Vec<(String, String)>,
    body: Option<(String, Body)>,
    accept: Option<String>,
    timeout: Option<Duration>,
    request_id: Option<String>,
    error: Option<Error>,
}

/// Shows keys, never values: parameter values are application data, and although
/// secret references are only names, the runtime's logs have no need for them.
impl fmt::Debug for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.query.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("Call")
            .field("api", &self.api)
            .field("operation", &self.operation)
            .field("idempotent", &self.idempotent)
            .field("keys", &keys)
            .field("body", &self.body.as_ref().map(|(ct, b)| (ct, b)))
            .field("accept", &self.accept)
            .field("timeout", &self.timeout)
            .field("request_id", &self.request_id)
            .finish()
    }
}

impl Call {
    /// Whether the upstream method is idempotent (GET, HEAD, PUT, DELETE, OPTIONS).
    /// Only the generated code knows the method, and it decides which failures may be
    /// retried without risking a duplicate effect. Default: `false`.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotent = yes;
        self
    }

    /// Adds `<location>.<name>=<JSON text of value>`.
    pub fn param(mut self, location: Location, name: &str, value: &impl Serialize) -> Self {
        let key = format!("{}.{name}", location.as_str());
        match serde_json::to_string(value) {
            Ok(json) => self.query.push((key, json)),
            Err(e) => self.fail(Error::Encode(format!("parameter {key}: {e}"))),
        }
        self
    }

    /// [`param`](Call::param) for optional parameters: the protocol sends a parameter
    /// only when it has a value, so `None` adds nothing (use `param` with `None` to send
    /// an explicit JSON `null`).
    pub fn param_opt<T: Serialize>(
        self,
        location: Location,
        name: &str,
        value: Option<&T>,
    ) -> Self {
        match value {
            Some(value) => self.param(location, name, value),
            None => self,
        }
    }

    /// Adds `secret.<scheme>=<reference>`: the proxy resolves the name and injects the
    /// credential for that security scheme.
    pub fn secret(mut self, scheme: &str, reference: &SecretRef) -> Self {
        self.query
            .push((format!("secret.{scheme}"), reference.as_str().to_owned()));
        self
    }

    /// Adds `slot.<name>=<reference>` for a secret slot the manifest declares.
    pub fn slot(mut self, name: &str, reference: &SecretRef) -> Self {
        self.query
            .push((format!("slot.{name}"), reference.as_str().to_owned()));
        self
    }

    /// A JSON request body (`application/json`).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.body = Some(("application/json".to_owned(), Body::from(bytes))),
            Err(e) => self.fail(Error::Encode(format!("JSON body: {e}"))),
        }
        self
    }

    /// A form request body (`application/x-www-form-urlencoded`).
    pub fn form<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_urlencoded::to_string(body) {
            Ok(text) => {
                self.body = Some((
                    "application/x-www-form-urlencoded".to_owned(),
                    Body::from(text),
                ))
            }
            Err(e) => self.fail(Error::Encode(format!("form body: {e}"))),
        }
        self
    }

    /// Any other body, e.g. from [`Multipart::into_body`](crate::Multipart::into_body)
    /// or a file stream.
    pub fn body(mut self, content_type: &str, body: Body) -> Self {
        self.body = Some((content_type.to_owned(), body));
        self
    }

    /// The media type wanted; the proxy forwards it only if the operation documents it.
    pub fn accept(mut self, media_type: &str) -> Self {
        self.accept = Some(media_type.to_owned());
        self
    }

    /// This call's deadline instead of the client's default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Correlates the call with the caller's own logs. An id outside the protocol's
    /// syntax (1-128 of `A-Z a-z 0-9 . _ : -`) is replaced by a generated one, as the
    /// proxy would do anyway; [`Response::request_id`] tells which was used.
    pub fn request_id(mut self, id: &str) -> Self {
        self.request_id = Some(id.to_owned());
        self
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    /// Sends the call, retrying as protocol §11 allows, within one deadline.
    ///
    /// `Ok` for every upstream answer, including 4xx and 5xx. `Err` when the proxy
    /// answered with a problem, when no trustworthy answer arrived, or when the call
    /// could not be encoded (then nothing is sent).
    pub async fn send(self) -> Result<Response, Error> {
        let timeout = self.timeout.unwrap_or(self.client.inner.timeout);
        let start = Instant::now();
        // `Duration::MAX` would overflow; a century is "no deadline" in practice.
        let deadline = start
            .checked_add(timeout)
            .unwrap_or_else(|| start + Duration::from_secs(100 * 365 * 24 * 3600));
        let request_id = match self.request_id.as_deref() {
            Some(id) if encode::is_valid_request_id(id) => id.to_owned(),
            Some(_) => {
                tracing::debug!("the given request id is not valid; generated one instead");
                encode::new_request_id()
            }
            None => encode::new_request_id(),
        };
        let span = tracing::info_span!(
            "poly_call",
            api = %self.api,
            operation = %self.operation,
            request_id = %request_id,
            attempt = tracing::field::Empty,
        );
        async move {
            match timeout_at(deadline, self.run(request_id, deadline)).await {
                Ok(result) => result,
                Err(_) => {
                    tracing::debug!(
                        elapsed_ms = start.elapsed().as_millis() as u64,
                        "deadline passed"
                    );
                    Err(Error::Timeout)
                }
            }
        }
        .instrument(span)
        .await
    }

    async fn run(self, request_id: String, deadline: Instant) -> Result<Response, Error> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let inner = &self.client.inner;
        let url = call_url(&inner.base, &self.api, &self.operation, &self.query)
            .map_err(Error::Encode)?;
        let mut headers = HeaderMap::new();
        let header = |what: &str, value: &str| {
            HeaderValue::from_str(value).map_err(|_| format!("{what} is not a valid header value"))
        };
        headers.insert(
            HeaderName::from_static("poly-request-id"),
            header("the request id", &request_id).map_err(Error::Encode)?,
        );
        if let Some(accept) = &self.accept {
            headers.insert(
                ACCEPT,
                header("the Accept media type", accept).map_err(Error::Encode)?,
            );
        }
        let mut body = match self.body {
            None => Payload::Empty,
            Some((content_type, body)) => {
                headers.insert(
                    CONTENT_TYPE,
                    header("the Content-Type", &content_type).map_err(Error::Encode)?,
                );
                match body.inner {
                    BodyInner::Empty => Payload::Empty,
                    BodyInner::Bytes(bytes) => Payload::Bytes(bytes),
                    BodyInner::Stream(stream) => Payload::Stream(Some(stream)),
                    BodyInner::Invalid(message) => return Err(Error::Encode(message)),
                }
            }
        };
        // Checked at build time; this only guards against a future change there.
        let authorization = inner
            .api_key
            .authorization()
            .ok_or(Error::Config(ConfigError::InvalidApiKey))?;
        headers.insert(AUTHORIZATION, authorization);

        let attempts = inner.retry.attempts();
        let mut attempt: u32 = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            let mut request = inner.http.post(url.clone()).headers(headers.clone());
            request = match &mut body {
                Payload::Empty => request,
                Payload::Bytes(bytes) => request.body(bytes.clone()),
                Payload::Stream(stream) => match stream.take() {
                    Some(stream) => request.body(reqwest::Body::wrap_stream(stream)),
                    // Unreachable: a stream body never gets a second attempt.
                    None => {
                        return Err(Error::Encode("a streamed body cannot be sent twice".into()))
                    }
                },
            };
            // A stream has been handed to the HTTP client and may be partly read:
            // sending it again would send a different body (protocol §11).
            let may_retry = attempt < attempts && !matches!(body, Payload::Stream(_));
            let retry_wait = |wait: Duration| {
                let fits = Instant::now()
                    .checked_add(wait)
                    .is_some_and(|end| end <= deadline);
                fits.then_some(wait)
            };
            let backoff = inner.retry.backoff(attempt);

            let response = match request.send().await {
                Ok(response) => response,
                Err(e) => {
                    let error = TransportError::from_reqwest(e);
                    // Connect and send failures both mean no response arrived.
                    let retryable = may_retry && self.idempotent;
                    match retryable.then(|| retry_wait(backoff)).flatten() {
                        Some(wait) => {
                            tracing::debug!(wait_ms = wait.as_millis() as u64, error = %error, "no response; retrying");
                            sleep(wait).await;
                            attempt += 1;
                            continue;
                        }
                        None => {
                            tracing::debug!(error = %error, "no response");
                            return Err(Error::Transport(error));
                        }
                    }
                }
            };

            let status = response.status().as_u16();
            let origin = Origin::of(response.headers());
            let retry_after = retry::retry_after(response.headers(), SystemTime::now());
            let retryable = may_retry
                && retry::is_retryable_status(
                    origin,
                    status,
                    self.idempotent,
                    retry_after.is_some(),
                );
            if let Some(wait) = retryable
                .then(|| retry_wait(retry_after.unwrap_or(backoff)))
                .flatten()
            {
                tracing::debug!(status, origin = ?origin, wait_ms = wait.as_millis() as u64, "retrying");
                drop(response);
                sleep(wait).await;
                attempt += 1;
                continue;
            }
            tracing::debug!(status, origin = ?origin, "answered");
            return match origin {
                Origin::Upstream => Ok(Response::new(response, deadline)),
                Origin::Unmarked => Err(Error::UnmarkedResponse { status }),
                Origin::Proxy => {
                    let header_id = response
                        .headers()
                        .get("poly-request-id")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned);
                    let body = read_limited(response, MAX_PROBLEM_BYTES).await?;
                    Err(Error::Proxy(Problem::parse(
                        status,
                        header_id.as_deref().or(Some(request_id.as_str())),
                        retry_after,
                        &body,
                    )))
                }
            };
        }
    }
}

enum Payload {
    Empty,
    Bytes(Bytes),
    /// `None` once handed to the HTTP client.
    Stream(Option<ByteStream>),
}

/// `<base>/v1/call/<api>/<operation>?<pairs>`, every component percent-encoded by
/// hand (protocol §4.1) rather than by a URL library's more lenient rules.
fn call_url(
    base: &str,
    api: &str,
    operation: &str,
    query: &[(String, String)],
) -> Result<reqwest::Url, String> {
    for (what, name) in [("API name", api), ("operation id", operation)] {
        if !encode::is_sendable_segment(name) {
            return Err(format!(
                "the {what} {name:?} cannot be sent as a path segment"
            ));
        }
    }
    let mut url = format!(
        "{base}/v1/call/{}/{}",
        encode::component(api),
        encode::component(operation)
    );
    for (i, (key, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode::component(key));
        url.push('=');
        url.push_str(&encode::component(value));
    }
    reqwest::Url::parse(&url).map_err(|e| format!("the call URL is invalid: {e}"))
}

/// Reads at most `limit` bytes of a body, within the caller's deadline (the caller
/// wraps everything in it).
async fn read_limited(response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut chunks = response.bytes_stream();
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk.map_err(|e| Error::Incomplete(TransportError::from_reqwest(e)))?;
        let room = limit.saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn call_urls_follow_the_wire_examples() {
        let q = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let url = call_url(
            "https://p.example",
            "erp",
            "listContactNotes",
            &q(&[
                ("path.contactId", "\"c_81f2\""),
                ("query.limit", "50"),
                ("query.tags", "[\"vip\",\"follow up\"]"),
            ]),
        )
        .expect("valid");
        assert_eq!(
            url.as_str(),
            "https://p.example/v1/call/erp/listContactNotes?path.contactId=%22c_81f2%22&query.limit=50&query.tags=%5B%22vip%22%2C%22follow%20up%22%5D"
        );
        let url = call_url("https://p.example/pre", "gh", "repos/get", &[]).expect("valid");
        assert_eq!(url.as_str(), "https://p.example/pre/v1/call/gh/repos%2Fget");
        for (api, op) in [("erp", ".."), (".", "x"), ("", "x"), ("erp", "")] {
            assert!(call_url("https://p.example", api, op, &[]).is_err());
        }
    }
}
