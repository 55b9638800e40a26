//! One call, end to end: `POST /v1/call/{api}/{operationId}` in, the upstream's
//! response (redacted) or a problem out.
//!
//! The order of the steps is the order of protocol §9.2, and it matters: the shape
//! is checked before anything about the call's parameters is looked at, and secrets
//! are resolved only once everything the app sent has been validated. The pure parts
//! (query grammar, validation, URL building, redaction) live in [`crate::call`]; this
//! module does the I/O around them.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::Extension;
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use http_body::Body as _;
use poly_model::manifest::{Binding, SlotTarget};
use poly_model::shape::{ShapedApi, ShapedOperation};
use poly_model::{Operation, ParameterLocation};
use poly_vault::{AuditRecord, ResolvedSecret, Role, Scope, SecretValue};

use crate::auth::Caller;
use crate::call::plan::{plan, CallPlan};
use crate::call::query::parse_call_query;
use crate::call::redact::{Redactor, SecretForms};
use crate::call::response::filter_response_headers;
use crate::call::upstream::{build_request, check_body, fill_body_slot, Credential, RequestInput};
use crate::events::SecurityEvent;
use crate::metrics::CallLabels;
use crate::problem::{ParamError, Problem, ProblemKind};
use crate::server::RequestId;
use crate::state::ProxyState;

/// What the audit record and metrics say about a finished call.
struct Outcome {
    label: String,
    references: Vec<String>,
    /// Whether the API and operation named a call this key may make: only then are
    /// they metric labels (an app could otherwise mint label values without bound).
    known: bool,
}

/// The metric label of an API or operation the key may not call.
const UNKNOWN_LABEL: &str = "(denied)";

/// The longest API or operation name an audit record keeps (an app chooses them).
const AUDIT_NAME_MAX: usize = 128;

#[allow(clippy::too_many_arguments)]
pub async fn call(
    State(state): State<Arc<ProxyState>>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    caller: Caller,
    method: Method,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    let (api_name, operation_id) = match path {
        Ok(Path(pair)) => pair,
        Err(_) => (String::new(), String::new()),
    };
    let mut outcome = Outcome {
        label: String::new(),
        references: Vec::new(),
        known: false,
    };
    state.metrics.in_flight.inc();
    let result = exchange(
        &state,
        &caller,
        &request_id,
        &method,
        (&api_name, &operation_id),
        query.as_deref(),
        &headers,
        body,
        &mut outcome,
    )
    .await;
    state.metrics.in_flight.dec();

    let response = match result {
        Ok(response) => {
            outcome.label = response.status().as_u16().to_string();
            response
        }
        Err(problem) => {
            outcome.label = problem.kind.slug().to_owned();
            axum::response::IntoResponse::into_response(problem)
        }
    };
    let elapsed = started.elapsed();
    let scope = caller.scope();
    let (api_label, operation_label) = if outcome.known {
        (api_name.clone(), operation_id.clone())
    } else {
        (UNKNOWN_LABEL.to_owned(), UNKNOWN_LABEL.to_owned())
    };
    let labels = CallLabels {
        tenant: scope.tenant.clone(),
        environment: scope.environment.clone(),
        api: api_label,
        operation: operation_label,
        outcome: outcome.label.clone(),
    };
    let clip = |name: String| name.chars().take(AUDIT_NAME_MAX).collect::<String>();
    let (api_name, operation_id) = (clip(api_name), clip(operation_id));
    state.metrics.calls.get_or_create(&labels).inc();
    state
        .metrics
        .call_seconds
        .get_or_create(&labels)
        .observe(elapsed.as_secs_f64());
    tracing::info!(
        api = %api_name,
        operation = %operation_id,
        outcome = %outcome.label,
        latency_us = elapsed.as_micros() as u64,
        "call"
    );
    let record = AuditRecord {
        at_ms: now_ms(),
        request_id: request_id.to_string(),
        key_id: Some(caller.key_id().to_owned()),
        role: Some(caller.role()),
        tenant: Some(scope.tenant),
        environment: Some(scope.environment),
        action: "call".to_owned(),
        api: Some(api_name),
        operation: Some(operation_id),
        target: None,
        references: outcome.references,
        outcome: outcome.label,
        latency_us: elapsed.as_micros() as i64,
    };
    if let Err(error) = state.store.append_audit(record).await {
        tracing::error!(%error, "could not queue the call's audit record");
    }
    response
}

#[allow(clippy::too_many_arguments)]
async fn exchange(
    state: &Arc<ProxyState>,
    caller: &Caller,
    request_id: &str,
    method: &Method,
    (api_name, operation_id): (&str, &str),
    query: Option<&str>,
    headers: &HeaderMap,
    body: Body,
    outcome: &mut Outcome,
) -> Result<Response, Problem> {
    // 3. Method and path form.
    if method != Method::POST {
        return Err(Problem::new(
            ProblemKind::MalformedCall,
            "Calls use POST, whatever the upstream method is.",
        ));
    }
    if api_name.is_empty() || operation_id.is_empty() {
        return Err(Problem::new(
            ProblemKind::MalformedCall,
            "The API and operation must be non-empty UTF-8 path segments.",
        ));
    }

    // 4. Shape: unknown and denied operations get the same answer. Only app keys
    // call: an administrator's key is not also a way to spend its tenant's secrets.
    let scope = caller.scope();
    let found = state
        .shape(&scope)
        .filter(|_| caller.role() == Role::App)
        .and_then(|shape| shape.api(api_name))
        .and_then(|api| Some((api, api.operation(operation_id)?)));
    let Some((shaped_api, (shaped, op))) = found else {
        state.events.emit(SecurityEvent::OperationDenied {
            key_id: caller.key_id().to_owned(),
            api: api_name.to_owned(),
            operation: operation_id.to_owned(),
        });
        return Err(Problem::new(
            ProblemKind::OperationDenied,
            "The operation is not available to this key.",
        ));
    };

    outcome.known = true;

    // 5. Concurrency. The permit lives until the response body has been sent.
    let Some(permit) = state.limiter.try_acquire(caller.key_id()) else {
        return Err(Problem::new(
            ProblemKind::TooManyConcurrentCalls,
            "This key has too many calls in flight; retry shortly.",
        )
        .retry_after(1));
    };

    // 6. The call query.
    let call_plan = plan(parse_call_query(query)?, &shaped_api.api, op, shaped)?;
    for place in &call_plan.dropped {
        state.events.emit(SecurityEvent::CredentialPlaceDropped {
            key_id: caller.key_id().to_owned(),
            place: place.clone(),
        });
    }
    outcome.references = call_plan
        .scheme_refs
        .iter()
        .map(|r| r.reference.clone())
        .chain(call_plan.slot_refs.iter().map(|r| r.reference.clone()))
        .collect();

    // 7. Media type and declared length.
    let limit = state.config.limits.request_body_bytes;
    let content_type = header_str(headers, http::header::CONTENT_TYPE);
    let declared = header_str(headers, http::header::CONTENT_LENGTH).and_then(|v| v.parse().ok());
    let hint = body.size_hint();
    let empty = match (declared, hint.exact()) {
        (Some(n), _) | (None, Some(n)) => Some(n == 0),
        _ => None,
    };
    check_body(
        op,
        content_type,
        header_str(headers, http::header::CONTENT_ENCODING),
        declared,
        empty,
        limit,
    )?;

    // A chunked body on an operation that takes none is refused on its first byte
    // (its emptiness is not known from the head), and the upstream gets no body.
    let body = if op.request_body.is_none() {
        axum::body::to_bytes(body, 0).await.map_err(|_| {
            Problem::new(
                ProblemKind::MalformedCall,
                "The operation takes no request body.",
            )
        })?;
        None
    } else {
        Some(body)
    };

    // 8. Secrets: everything the call needs, resolved in the caller's scope only.
    let secrets = resolve_secrets(state, &scope, shaped_api, shaped, &call_plan, caller).await?;

    // Pinned values: a tenant administrator's stored value overrides the manifest's.
    let stored_config = if shaped.pinned.is_empty() {
        Default::default()
    } else {
        state
            .store
            .config_values(&scope)
            .await
            .map_err(store_unavailable)?
    };
    let pinned: Vec<(ParameterLocation, &str, &str)> = shaped
        .pinned
        .iter()
        .map(|p| {
            let value = stored_config.get(&p.config_key).unwrap_or(&p.value);
            (p.location, p.name.as_str(), value.as_str())
        })
        .collect();

    let credentials: Vec<Credential<'_>> = secrets
        .credentials
        .iter()
        .map(|(name, value)| Credential {
            scheme_name: name,
            scheme: &shaped_api.api.security_schemes[name.as_str()],
            value: value.expose(),
        })
        .collect();
    let slot_params: Vec<(ParameterLocation, &str, &[u8])> = secrets
        .parameter_slots
        .iter()
        .map(|(location, name, value)| (*location, name.as_str(), value.value.expose()))
        .collect();
    let head = build_request(RequestInput {
        api: &shaped_api.api,
        op,
        plan: &call_plan,
        upstream: &shaped_api.upstream,
        pinned: &pinned,
        credentials: &credentials,
        slot_params: &slot_params,
        request_id,
        accept: header_str(headers, http::header::ACCEPT),
        content_type,
    })?;

    // The forms of every injected secret, for redacting the response (§8.2).
    let mut forms = SecretForms::new();
    for (name, value) in &secrets.credentials {
        let scheme = &shaped_api.api.security_schemes[name.as_str()];
        if matches!(scheme, poly_model::SecurityScheme::Http { scheme, .. } if scheme == "basic") {
            forms.add_basic(value.expose());
        } else {
            forms.add(value.expose());
        }
    }
    for (_, _, resolved) in &secrets.parameter_slots {
        forms.add(resolved.value.expose());
    }
    if let Some((_, resolved)) = &secrets.body_slot {
        forms.add(resolved.value.expose());
    }
    let redactor = state.redaction.redactor(&forms).map_err(|_| {
        Problem::new(
            ProblemKind::Internal,
            "The response could not be protected, so the call was not made.",
        )
    })?;

    // The body: streamed as it arrives, or buffered when a secret goes into it.
    let too_large = Arc::new(AtomicBool::new(false));
    let upstream_body = match (body, &secrets.body_slot) {
        (None, _) => None,
        (Some(body), Some((pointer, resolved))) => {
            let bytes = axum::body::to_bytes(body, limit as usize)
                .await
                .map_err(|_| {
                    Problem::new(
                        ProblemKind::BodyTooLarge,
                        "The request body exceeds the limit.",
                    )
                })?;
            // LIMITATION: the filled body is handed to reqwest as an owned buffer that is
            // not zeroized after sending; a body type that wipes itself on drop would fix it.
            let filled = fill_body_slot(&bytes, pointer, resolved.value.expose())?;
            Some(reqwest::Body::from(filled.to_vec()))
        }
        (Some(body), None) => Some(reqwest::Body::wrap_stream(limited(
            body,
            limit,
            too_large.clone(),
        ))),
    };

    // 9. The upstream exchange.
    let upstream_method = reqwest::Method::from_bytes(head.method.as_str().as_bytes())
        .map_err(|_| Problem::new(ProblemKind::Internal, "Unsupported upstream method."))?;
    let mut request = state
        .egress
        .client
        .request(upstream_method, head.url)
        .headers(head.headers)
        .timeout(state.config.total_timeout());
    if let Some(body) = upstream_body {
        request = request.body(body);
    }
    let response = request.send().await.map_err(|error| {
        if too_large.load(Ordering::Relaxed) {
            return Problem::new(
                ProblemKind::BodyTooLarge,
                "The request body exceeds the limit.",
            );
        }
        upstream_failure(error)
    })?;
    drop(secrets);

    respond(state, caller, shaped_api, op, response, redactor, permit)
}

/// The secrets one call injects, each held for the duration of the call: a rotation
/// that lands meanwhile does not change what this call sends.
struct CallSecrets {
    /// Scheme name → the credential to inject.
    credentials: Vec<(String, Arc<SecretValue>)>,
    parameter_slots: Vec<(ParameterLocation, String, ResolvedSecret)>,
    body_slot: Option<(String, ResolvedSecret)>,
}

async fn resolve_secrets(
    state: &ProxyState,
    scope: &Scope,
    shaped_api: &ShapedApi,
    shaped: &ShapedOperation,
    call_plan: &CallPlan,
    caller: &Caller,
) -> Result<CallSecrets, Problem> {
    let mut secrets = CallSecrets {
        credentials: Vec::new(),
        parameter_slots: Vec::new(),
        body_slot: None,
    };
    let mut unresolved = Vec::new();
    let unresolved_detail = "does not name a secret of this tenant and environment";

    for bound in &shaped.security {
        let Some(scheme) = shaped_api.api.security_schemes.get(&bound.scheme) else {
            continue;
        };
        let secret = match &bound.binding {
            Binding::Config { secret } => {
                match state
                    .store
                    .resolve_secret(scope, secret)
                    .await
                    .map_err(store_unavailable)?
                {
                    Some(resolved) => resolved,
                    None => {
                        tracing::error!(
                            scheme = %bound.scheme,
                            secret = %secret,
                            "a configuration-bound secret is not set for this tenant and environment"
                        );
                        return Err(Problem::new(
                            ProblemKind::Internal,
                            "A secret this operation needs is not configured for this tenant and \
                             environment; ask its administrator to set it.",
                        ));
                    }
                }
            }
            Binding::Reference => {
                let Some(reference) = call_plan
                    .scheme_refs
                    .iter()
                    .find(|r| r.scheme == bound.scheme)
                else {
                    continue;
                };
                match state
                    .store
                    .resolve_secret(scope, &reference.reference)
                    .await
                    .map_err(store_unavailable)?
                {
                    Some(resolved) => resolved,
                    None => {
                        unresolved.push(ParamError::new(
                            format!("secret.{}", bound.scheme),
                            unresolved_detail,
                        ));
                        continue;
                    }
                }
            }
        };
        let credential = state
            .tokens
            .credential(scope, scheme, secret.value.clone())
            .await
            .map_err(|_| {
                Problem::new(
                    ProblemKind::UpstreamUnreachable,
                    "No token could be obtained.",
                )
            })?;
        secrets.credentials.push((bound.scheme.clone(), credential));
    }

    for slot_ref in &call_plan.slot_refs {
        let resolved = match state
            .store
            .resolve_secret(scope, &slot_ref.reference)
            .await
            .map_err(store_unavailable)?
        {
            Some(resolved) => resolved,
            None => {
                unresolved.push(ParamError::new(
                    format!("slot.{}", slot_ref.slot.name),
                    unresolved_detail,
                ));
                continue;
            }
        };
        match &slot_ref.slot.target {
            SlotTarget::Parameter { location, name } => {
                secrets
                    .parameter_slots
                    .push((*location, name.clone(), resolved));
            }
            SlotTarget::Body { pointer } => secrets.body_slot = Some((pointer.clone(), resolved)),
        }
    }

    if !unresolved.is_empty() {
        for error in &unresolved {
            state.events.emit(SecurityEvent::UnresolvedReference {
                key_id: caller.key_id().to_owned(),
                reference: error.parameter.clone(),
            });
        }
        return Err(Problem::with_errors(
            ProblemKind::UnresolvedSecretReference,
            unresolved,
        ));
    }
    Ok(secrets)
}

/// The upstream's response, filtered and redacted, streamed to the app.
fn respond(
    state: &Arc<ProxyState>,
    caller: &Caller,
    shaped_api: &ShapedApi,
    op: &Operation,
    upstream: reqwest::Response,
    redactor: Redactor,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<Response, Problem> {
    let limit = state.config.limits.response_body_bytes;
    if let Some(encoding) = header_str(upstream.headers(), http::header::CONTENT_ENCODING) {
        if !encoding.eq_ignore_ascii_case("identity") {
            return Err(Problem::new(
                ProblemKind::UpstreamUnreachable,
                "The upstream answered in a content coding the proxy cannot inspect.",
            ));
        }
    }
    if upstream.content_length().is_some_and(|n| n > limit) {
        return Err(Problem::new(
            ProblemKind::UpstreamResponseTooLarge,
            "The upstream response exceeds the proxy's limit.",
        ));
    }

    let status = StatusCode::from_u16(upstream.status().as_u16())
        .map_err(|_| Problem::new(ProblemKind::UpstreamUnreachable, "Invalid upstream status."))?;
    let upstream_headers = convert_headers(upstream.headers());
    let mut headers =
        filter_response_headers(&upstream_headers, op, &redactor, redactor.is_empty());
    headers.insert("poly-origin", HeaderValue::from_static("upstream"));

    let reflected = ReflectionReport {
        state: state.clone(),
        key_id: caller.key_id().to_owned(),
        api: shaped_api.name.clone(),
        operation: op.id.clone(),
    };
    let body = redacted_stream(upstream.bytes_stream(), redactor, limit, permit, reflected);
    let mut response = Response::new(Body::from_stream(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}

/// Reports, once a response has been fully sent, that a secret was redacted from it.
struct ReflectionReport {
    state: Arc<ProxyState>,
    key_id: String,
    api: String,
    operation: String,
}

impl ReflectionReport {
    fn send(self) {
        self.state.metrics.redactions.inc();
        self.state.events.emit(SecurityEvent::SecretReflected {
            key_id: self.key_id,
            api: self.api,
            operation: self.operation,
        });
    }
}

/// The upstream body through the redactor, with the response size limit. Going over
/// the limit or an upstream failure ends the stream with an error, which aborts the
/// response (protocol §8.4): the app sees a truncated transfer, never a short body
/// that looks complete.
fn redacted_stream(
    upstream: impl Stream<Item = reqwest::Result<Bytes>> + Send + 'static,
    redactor: Redactor,
    limit: u64,
    permit: tokio::sync::OwnedSemaphorePermit,
    report: ReflectionReport,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    struct Flow<S> {
        upstream: S,
        redactor: Option<Redactor>,
        seen: u64,
        limit: u64,
        _permit: tokio::sync::OwnedSemaphorePermit,
        report: Option<ReflectionReport>,
    }
    let flow = Flow {
        upstream: Box::pin(upstream),
        redactor: Some(redactor),
        seen: 0,
        limit,
        _permit: permit,
        report: Some(report),
    };
    futures_util::stream::unfold(flow, |mut flow| async move {
        let redactor = flow.redactor.as_mut()?;
        match flow.upstream.next().await {
            Some(Ok(chunk)) => {
                flow.seen += chunk.len() as u64;
                if flow.seen > flow.limit {
                    flow.redactor = None;
                    let error = std::io::Error::other("upstream response exceeds the limit");
                    return Some((Err(error), flow));
                }
                let out = redactor.feed(&chunk);
                Some((Ok(out), flow))
            }
            Some(Err(error)) => {
                tracing::warn!(error = %error, "upstream body failed midway; aborting the response");
                flow.redactor = None;
                Some((Err(std::io::Error::other("upstream body failed")), flow))
            }
            None => {
                let redactor = flow.redactor.take()?;
                let redacted = redactor.redactions();
                let tail = redactor.finish();
                if redacted > 0 {
                    if let Some(report) = flow.report.take() {
                        report.send();
                    }
                }
                Some((Ok(tail), flow))
            }
        }
    })
    .filter(|item| std::future::ready(!matches!(item, Ok(b) if b.is_empty())))
}

/// The app's body with the request size limit applied while it streams.
fn limited(
    body: Body,
    limit: u64,
    too_large: Arc<AtomicBool>,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let mut seen = 0u64;
    body.into_data_stream().map(move |chunk| {
        let chunk = chunk.map_err(std::io::Error::other)?;
        seen += chunk.len() as u64;
        if seen > limit {
            too_large.store(true, Ordering::Relaxed);
            return Err(std::io::Error::other("request body exceeds the limit"));
        }
        Ok(chunk)
    })
}

fn upstream_failure(error: reqwest::Error) -> Problem {
    if error.is_timeout() {
        Problem::new(
            ProblemKind::UpstreamTimeout,
            "The upstream did not answer in time.",
        )
    } else {
        tracing::warn!(error = %error.without_url(), "upstream exchange failed");
        Problem::new(
            ProblemKind::UpstreamUnreachable,
            "The upstream could not be reached or gave an invalid response.",
        )
    }
}

fn store_unavailable(error: poly_vault::VaultError) -> Problem {
    tracing::error!(%error, "the store failed during a call");
    Problem::new(ProblemKind::NotReady, "The secret store is unavailable.").retry_after(1)
}

fn header_str(headers: &HeaderMap, name: http::header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// reqwest 0.12 and axum 0.8 share the `http` 1 crate, so this is a plain clone; it
/// stays a function so a version split shows up in one place.
fn convert_headers(headers: &HeaderMap) -> HeaderMap {
    headers.clone()
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}
