//! Proxy failures as RFC 9457 problems (`docs/protocol.md` §9).
//!
//! Every failure the proxy itself produces goes through [`Problem`], so that each one
//! carries the same members, the `Poly-Origin: proxy` marker and the request id, and
//! so that no code path can put free text (possibly holding a secret) in front of the
//! app: `detail` strings are written by proxy code, never copied from upstream bytes
//! or secret material.

use std::fmt;

use serde::Serialize;

/// The problem catalogue of protocol §9.1. The slug is part of the wire contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    UnresolvedSecretReference,
    TooManyConcurrentCalls,
    Internal,
    UpstreamUnreachable,
    UpstreamResponseTooLarge,
    NotReady,
    UpstreamTimeout,
    HeadersTooLarge,
    // Admin API problems (not part of the call protocol's catalogue).
    Forbidden,
    NotFound,
    Conflict,
    InvalidRequest,
}

impl ProblemKind {
    pub fn slug(self) -> &'static str {
        self.parts().0
    }

    pub fn status(self) -> u16 {
        self.parts().1
    }

    pub fn title(self) -> &'static str {
        self.parts().2
    }

    fn parts(self) -> (&'static str, u16, &'static str) {
        use ProblemKind::*;
        match self {
            UnsupportedProtocol => ("unsupported-protocol", 404, "Unsupported protocol version"),
            MalformedCall => ("malformed-call", 400, "Malformed call"),
            UnknownParameter => ("unknown-parameter", 400, "Unknown parameter"),
            PinnedParameter => ("pinned-parameter", 400, "Pinned parameter"),
            InvalidParameter => ("invalid-parameter", 400, "Invalid parameter"),
            InvalidSecretReference => ("invalid-secret-reference", 400, "Invalid secret reference"),
            Unauthenticated => ("unauthenticated", 401, "Unauthenticated"),
            OperationDenied => ("operation-denied", 403, "Operation denied"),
            BodyTooLarge => ("body-too-large", 413, "Request body too large"),
            UnsupportedMediaType => ("unsupported-media-type", 415, "Unsupported media type"),
            UnresolvedSecretReference => (
                "unresolved-secret-reference",
                422,
                "Unresolved secret reference",
            ),
            TooManyConcurrentCalls => (
                "too-many-concurrent-calls",
                429,
                "Too many concurrent calls",
            ),
            Internal => ("internal", 500, "Internal proxy error"),
            UpstreamUnreachable => ("upstream-unreachable", 502, "Upstream unreachable"),
            UpstreamResponseTooLarge => (
                "upstream-response-too-large",
                502,
                "Upstream response too large",
            ),
            NotReady => ("not-ready", 503, "Proxy not ready"),
            UpstreamTimeout => ("upstream-timeout", 504, "Upstream timeout"),
            HeadersTooLarge => ("headers-too-large", 431, "Request headers too large"),
            Forbidden => ("forbidden", 403, "Forbidden"),
            NotFound => ("not-found", 404, "Not found"),
            Conflict => ("conflict", 409, "Conflict"),
            InvalidRequest => ("invalid-request", 400, "Invalid request"),
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// One offending key of the call query (protocol §4.2): `query.limit`, `secret.OAuth2`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamError {
    pub parameter: String,
    pub detail: String,
}

impl ParamError {
    pub fn new(parameter: impl Into<String>, detail: impl Into<String>) -> ParamError {
        ParamError {
            parameter: parameter.into(),
            detail: detail.into(),
        }
    }
}

/// A problem before the request id is attached. Rendering it (in `server`) adds
/// `instance`, `request_id` and the `Poly-*` headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub detail: String,
    pub errors: Vec<ParamError>,
    /// Seconds for `Retry-After` (`too-many-concurrent-calls`, `not-ready`).
    pub retry_after: Option<u32>,
}

impl Problem {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Problem {
        Problem {
            kind,
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }

    /// A parameter or reference problem listing every offending key.
    pub fn with_errors(kind: ProblemKind, errors: Vec<ParamError>) -> Problem {
        let detail = match kind {
            ProblemKind::InvalidSecretReference => "One or more secret references are invalid.",
            ProblemKind::UnresolvedSecretReference => {
                "One or more secret references name no secret of this tenant and environment."
            }
            _ => "One or more parameters are invalid.",
        };
        Problem {
            kind,
            detail: detail.to_owned(),
            errors,
            retry_after: None,
        }
    }

    pub fn retry_after(mut self, seconds: u32) -> Problem {
        self.retry_after = Some(seconds);
        self
    }

    /// The problem+json body for the request `request_id`.
    pub fn body(&self, request_id: &str) -> serde_json::Value {
        let mut body = serde_json::json!({
            "type": format!("urn:poly:problem:{}", self.kind.slug()),
            "title": self.kind.title(),
            "status": self.kind.status(),
            "detail": self.detail,
            "instance": format!("urn:poly:request:{request_id}"),
            "request_id": request_id,
        });
        if !self.errors.is_empty() {
            body["errors"] = serde_json::to_value(&self.errors).unwrap_or_default();
        }
        if self.kind == ProblemKind::UnsupportedProtocol {
            body["supported_versions"] = serde_json::json!([1]);
        }
        body
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.slug(), self.detail)
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_every_member_of_protocol_section_9() {
        let p = Problem::with_errors(
            ProblemKind::InvalidParameter,
            vec![ParamError::new("path.contactId", "must not be empty")],
        );
        let body = p.body("abc");
        assert_eq!(body["type"], "urn:poly:problem:invalid-parameter");
        assert_eq!(body["title"], "Invalid parameter");
        assert_eq!(body["status"], 400);
        assert_eq!(body["instance"], "urn:poly:request:abc");
        assert_eq!(body["request_id"], "abc");
        assert_eq!(body["errors"][0]["parameter"], "path.contactId");
    }

    #[test]
    fn unsupported_protocol_lists_supported_versions() {
        let body = Problem::new(ProblemKind::UnsupportedProtocol, "x").body("r");
        assert_eq!(body["supported_versions"], serde_json::json!([1]));
        assert_eq!(body["status"], 404);
    }
}
