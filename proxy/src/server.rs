//! The HTTP surface: routes, the per-request context every response gets, health,
//! readiness and metrics, and graceful shutdown.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use http::{HeaderValue, StatusCode};
use tracing::Instrument;

use crate::auth::Caller;
use crate::problem::{Problem, ProblemKind};
use crate::state::ProxyState;
use crate::{admin, exchange};

/// The request id of the current request (protocol §10).
#[derive(Debug, Clone)]
pub struct RequestId(pub Arc<str>);

pub fn router(state: Arc<ProxyState>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(admin::openapi_document))
        .nest("/v1/admin", admin::router())
        .route("/v1/call/{api}/{operation}", any(exchange::call))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_context,
        ))
        .with_state(state)
}

/// Runs the proxy on `listener` until `shutdown` completes, then drains: in-flight
/// calls get `shutdown_grace_seconds` to finish.
pub async fn serve(
    state: Arc<ProxyState>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let grace = Duration::from_secs(state.config.shutdown_grace_seconds);
    let app = router(state.clone());
    let (signalled_tx, signalled_rx) = tokio::sync::watch::channel(false);
    let shutdown_state = state.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        tracing::info!("shutting down: no new connections, finishing in-flight calls");
        shutdown_state.set_draining();
        let _ = signalled_tx.send(true);
    });

    let mut signalled = signalled_rx;
    let deadline = async move {
        let _ = signalled.wait_for(|s| *s).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        result = server => result?,
        _ = deadline => tracing::warn!("grace period over; abandoning unfinished calls"),
    }
    if let Err(error) = state.store.flush().await {
        tracing::error!(%error, "could not write the last audit records");
    }
    Ok(())
}

/// SIGINT or SIGTERM. The handlers are installed when this is called, not when the
/// future is first polled, so a signal that arrives right after start-up is not lost
/// to the default action (terminating without draining).
pub fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()> + Send> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {},
                _ = terminate.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// Gives every request an id and a span, caps the request head, and finishes every
/// response: problems get their body, every response gets the `Poly-*` headers.
async fn request_context(
    State(state): State<Arc<ProxyState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let id: Arc<str> = request
        .headers()
        .get("poly-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_valid_request_id(v))
        .map(Arc::from)
        .unwrap_or_else(|| Arc::from(uuid::Uuid::new_v4().to_string()));
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = request.uri().path(),
        key_id = tracing::field::Empty,
    );
    request.extensions_mut().insert(RequestId(id.clone()));

    let head_bytes: usize = request.uri().path().len()
        + request.uri().query().map_or(0, str::len)
        + request
            .headers()
            .iter()
            .map(|(k, v)| k.as_str().len() + v.len() + 4)
            .sum::<usize>();
    let mut response = if head_bytes > state.config.limits.header_bytes {
        Problem::new(
            ProblemKind::HeadersTooLarge,
            "The request's URL and headers exceed the proxy's limit.",
        )
        .into_response()
    } else {
        next.run(request).instrument(span).await
    };

    if let Some(problem) = response.extensions_mut().remove::<Problem>() {
        response = render_problem(&problem, &id);
    }
    let headers = response.headers_mut();
    headers.insert("poly-protocol", HeaderValue::from_static("1"));
    if !headers.contains_key("poly-origin") {
        headers.insert("poly-origin", HeaderValue::from_static("proxy"));
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert("poly-request-id", value);
    }
    response
}

/// `1–128` characters of `A-Z a-z 0-9 . _ : -` (protocol §10).
fn is_valid_request_id(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

impl IntoResponse for Problem {
    /// The body is written by [`request_context`], which knows the request id.
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

fn render_problem(problem: &Problem, request_id: &str) -> Response {
    let body = problem.body(request_id).to_string();
    let status =
        StatusCode::from_u16(problem.kind.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    headers.insert("poly-origin", HeaderValue::from_static("proxy"));
    if problem.kind == ProblemKind::Unauthenticated {
        headers.insert(
            http::header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"poly\""),
        );
    }
    if let Some(seconds) = problem.retry_after {
        headers.insert(http::header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(state): State<Arc<ProxyState>>) -> Response {
    if !state.is_ready() {
        return Problem::new(ProblemKind::NotReady, "The proxy is shutting down.")
            .retry_after(1)
            .into_response();
    }
    match state.store.ping().await {
        Ok(()) => "ready\n".into_response(),
        Err(error) => {
            tracing::error!(%error, "readiness: the store does not answer");
            Problem::new(ProblemKind::NotReady, "The secret store is unavailable.")
                .retry_after(1)
                .into_response()
        }
    }
}

async fn metrics(State(state): State<Arc<ProxyState>>) -> Response {
    let mut response = state.metrics.render().into_response();
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    response
}

/// Paths that match no route. A version prefix other than `v1` is answered before
/// any authentication (protocol §2); other `/v1/` paths only once the caller is
/// known, so an unauthenticated prober learns nothing about the route layout.
async fn fallback(
    State(state): State<Arc<ProxyState>>,
    request: Request,
) -> Result<Response, Problem> {
    let path = request.uri().path().to_owned();
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let is_version =
        first.len() > 1 && first.starts_with('v') && first[1..].bytes().all(|b| b.is_ascii_digit());
    if is_version && first != "v1" {
        return Err(Problem::new(
            ProblemKind::UnsupportedProtocol,
            "This proxy speaks protocol version 1; use paths under /v1/.",
        ));
    }
    let (mut parts, _body) = request.into_parts();
    use axum::extract::FromRequestParts;
    Caller::from_request_parts(&mut parts, &state).await?;
    if first == "v1" {
        return Err(Problem::new(
            ProblemKind::MalformedCall,
            "Calls are `POST /v1/call/{api}/{operationId}`.",
        ));
    }
    Err(Problem::new(ProblemKind::NotFound, "No such endpoint."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_follow_the_protocol() {
        assert!(is_valid_request_id("0b6f5a2e-3c1d-4e8f-9a7b-5d2c1e0f9a84"));
        assert!(is_valid_request_id("a:b.c_d-e"));
        assert!(!is_valid_request_id(""));
        assert!(!is_valid_request_id("has space"));
        assert!(!is_valid_request_id("line\nbreak"));
        assert!(!is_valid_request_id(&"x".repeat(129)));
    }
}
