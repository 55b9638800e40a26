//! Everything a call can fail with.
//!
//! No variant ever holds the API key: the key only exists in the client and in the
//! `Authorization` header, and none of the texts collected here are built from either.

use std::fmt;
use std::time::Duration;

use serde_json::Value;

use crate::config::ConfigError;

/// Why a call produced no [`Response`](crate::Response).
///
/// Upstream answers are never errors, whatever their status: only the generated code
/// knows which statuses the operation documents, so it maps them itself.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The proxy refused or failed the call (`Poly-Origin: proxy`).
    #[error("proxy problem: {0}")]
    Proxy(Problem),
    /// No response arrived: connecting, TLS, or sending the request failed.
    #[error("transport error: {0}")]
    Transport(TransportError),
    /// The call's deadline passed, whether while connecting, between retries or while
    /// the body was being read.
    #[error("the call timed out")]
    Timeout,
    /// The response body did not have the type the caller expected.
    #[error("the response body (status {status}) did not decode: {message}")]
    Decode { status: u16, message: String },
    /// A parameter, body or header value could not be encoded; nothing was sent.
    #[error("the call could not be encoded: {0}")]
    Encode(String),
    #[error("configuration error: {0}")]
    Config(#[from] ConfigError),
    /// The response started but was cut off (protocol §8.4). Reported as an error so
    /// that a truncated body is never mistaken for a complete one.
    #[error("the response body was cut off: {0}")]
    Incomplete(TransportError),
    /// A response without a `Poly-Origin` marker, for example from a load balancer in
    /// front of the proxy. The protocol forbids treating it as the upstream's answer.
    #[error(
        "a response with status {status} did not come from a Poly proxy (no Poly-Origin header)"
    )]
    UnmarkedResponse { status: u16 },
}

impl Error {
    /// The proxy's request id, for errors that carry one; quote it to operators.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Proxy(problem) => problem.request_id.as_deref(),
            _ => None,
        }
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Proxy(problem) => Some(problem),
            _ => None,
        }
    }
}

/// A connection-level failure, reduced to text.
///
/// Only the message survives, not the `reqwest::Error`: that error carries the request
/// URL, whose query holds the call's parameter values, and it would tie the public API
/// to one HTTP client version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    message: String,
    connect: bool,
}

impl TransportError {
    pub(crate) fn from_reqwest(error: reqwest::Error) -> TransportError {
        let connect = error.is_connect();
        let error = error.without_url();
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            let text = cause.to_string();
            if !message.contains(&text) {
                message.push_str(": ");
                message.push_str(&text);
            }
            source = cause.source();
        }
        TransportError { message, connect }
    }

    /// Whether the connection could not even be established (so the proxy certainly
    /// did not see the call).
    pub fn is_connect(&self) -> bool {
        self.connect
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// An RFC 9457 problem produced by the proxy (protocol §9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The slug of `urn:poly:problem:<slug>`, e.g. `operation-denied`. Empty when the
    /// proxy's `type` is not a Poly problem URN (or the body was not a problem at all).
    pub kind: String,
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: Option<String>,
    pub request_id: Option<String>,
    /// Offending parameters and references, for the 400 problems.
    pub errors: Vec<ProblemItem>,
    /// When the proxy asked to be called again later (429, 503), and retries were
    /// exhausted or the wait would have passed the deadline.
    pub retry_after: Option<Duration>,
}

/// One entry of a problem's `errors` member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemItem {
    /// The call-query key, e.g. `query.limit` or `slot.partnerToken`.
    pub parameter: String,
    pub detail: String,
}

/// The problem types of the protocol's catalogue (§9.1), for exhaustive handling.
/// New slugs may appear in minor protocol revisions; they map to `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    UnsupportedProtocol,
    MalformedCall,
    UnknownParameter,
    PinnedParameter,
    InvalidParameter,
    InvalidSecretReference,
    Unauthenticated,
    OperationDenied,
    BodyTooLarge,
    UnsupportedMediaType,
    HeadersTooLarge,
    UnresolvedSecretReference,
    TooManyConcurrentCalls,
    Internal,
    UpstreamUnreachable,
    UpstreamResponseTooLarge,
    NotReady,
    UpstreamTimeout,
    Other,
}

const PROBLEM_URN: &str = "urn:poly:problem:";

impl Problem {
    pub fn known_kind(&self) -> ProblemKind {
        match self.kind.as_str() {
            "unsupported-protocol" => ProblemKind::UnsupportedProtocol,
            "malformed-call" => ProblemKind::MalformedCall,
            "unknown-parameter" => ProblemKind::UnknownParameter,
            "pinned-parameter" => ProblemKind::PinnedParameter,
            "invalid-parameter" => ProblemKind::InvalidParameter,
            "invalid-secret-reference" => ProblemKind::InvalidSecretReference,
            "unauthenticated" => ProblemKind::Unauthenticated,
            "operation-denied" => ProblemKind::OperationDenied,
            "body-too-large" => ProblemKind::BodyTooLarge,
            "unsupported-media-type" => ProblemKind::UnsupportedMediaType,
            "headers-too-large" => ProblemKind::HeadersTooLarge,
            "unresolved-secret-reference" => ProblemKind::UnresolvedSecretReference,
            "too-many-concurrent-calls" => ProblemKind::TooManyConcurrentCalls,
            "internal" => ProblemKind::Internal,
            "upstream-unreachable" => ProblemKind::UpstreamUnreachable,
            "upstream-response-too-large" => ProblemKind::UpstreamResponseTooLarge,
            "not-ready" => ProblemKind::NotReady,
            "upstream-timeout" => ProblemKind::UpstreamTimeout,
            _ => ProblemKind::Other,
        }
    }

    /// Builds a problem from whatever the proxy sent. Parsing is lenient on purpose:
    /// unknown members are ignored (protocol §14) and a missing or broken body still
    /// yields a problem with the HTTP status, so a proxy failure is never lost.
    pub(crate) fn parse(
        http_status: u16,
        header_request_id: Option<&str>,
        retry_after: Option<Duration>,
        body: &[u8],
    ) -> Problem {
        let doc = serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
        let text = |name: &str| doc.get(name).and_then(Value::as_str).map(str::to_owned);
        let type_uri = text("type").unwrap_or_else(|| "about:blank".to_owned());
        let kind = type_uri
            .strip_prefix(PROBLEM_URN)
            .unwrap_or_default()
            .to_owned();
        let status = doc
            .get("status")
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .filter(|s| (100..=599).contains(s))
            .unwrap_or(http_status);
        let title = text("title").unwrap_or_else(|| {
            http::StatusCode::from_u16(http_status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("Proxy error")
                .to_owned()
        });
        let errors = doc
            .get("errors")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| {
                        Some(ProblemItem {
                            parameter: item.get("parameter")?.as_str()?.to_owned(),
                            detail: item
                                .get("detail")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_owned(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Problem {
            kind,
            type_uri,
            title,
            status,
            detail: text("detail"),
            request_id: text("request_id").or_else(|| header_request_id.map(str::to_owned)),
            errors,
            retry_after,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.title, self.status)?;
        if !self.kind.is_empty() {
            write!(f, " {}", self.kind)?;
        }
        f.write_str(")")?;
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        for item in &self.errors {
            write!(f, "; {}: {}", item.parameter, item.detail)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_protocol_example() {
        let body = br#"{
          "type": "urn:poly:problem:invalid-parameter",
          "title": "Invalid parameter",
          "status": 400,
          "detail": "One or more parameters are invalid.",
          "instance": "urn:poly:request:4b8e2f6a-1c3d-4a7e-9f50-6d2b8c1e3a77",
          "request_id": "4b8e2f6a-1c3d-4a7e-9f50-6d2b8c1e3a77",
          "errors": [
            { "parameter": "path.contactId", "detail": "must not serialize to an empty, '.' or '..' segment" }
          ],
          "future_member": {"ignored": true}
        }"#;
        let p = Problem::parse(400, Some("header-id"), None, body);
        assert_eq!(p.kind, "invalid-parameter");
        assert_eq!(p.known_kind(), ProblemKind::InvalidParameter);
        assert_eq!(p.status, 400);
        assert_eq!(p.title, "Invalid parameter");
        assert_eq!(
            p.request_id.as_deref(),
            Some("4b8e2f6a-1c3d-4a7e-9f50-6d2b8c1e3a77")
        );
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].parameter, "path.contactId");
        let shown = p.to_string();
        assert!(shown.contains("invalid-parameter") && shown.contains("path.contactId"));
    }

    #[test]
    fn survives_garbage() {
        let p = Problem::parse(502, Some("rid"), None, b"<html>bad gateway</html>");
        assert_eq!(p.kind, "");
        assert_eq!(p.known_kind(), ProblemKind::Other);
        assert_eq!(p.status, 502);
        assert_eq!(p.title, "Bad Gateway");
        assert_eq!(p.request_id.as_deref(), Some("rid"));
        let p = Problem::parse(
            418,
            None,
            None,
            br#"{"type":"urn:poly:problem:brand-new","status":"x","errors":[{"x":1}]}"#,
        );
        assert_eq!(p.kind, "brand-new");
        assert_eq!(p.known_kind(), ProblemKind::Other);
        assert_eq!(p.status, 418);
        assert!(p.errors.is_empty());
    }
}
