//! Reading admin requests and writing admin responses.
//!
//! Bodies are read by hand rather than with axum's `Json` extractor for two reasons:
//! the body must be read only after authorization (an extractor runs before the
//! handler), and every failure must be a `Problem` whose `detail` says what is wrong
//! without echoing string values from the request, which may be secret material.

use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Request};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http::request::Parts;
use http::{HeaderValue, StatusCode};
use poly_vault::VaultError;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::problem::{Problem, ProblemKind};

/// The largest admin request body (a secret value is capped lower, in `secrets`).
pub(crate) const MAX_BODY: usize = 1024 * 1024;

/// Reads a JSON body into `T` (whose fields deny unknown names).
pub(crate) async fn read_json<T: DeserializeOwned>(request: Request) -> Result<T, Problem> {
    let (parts, body) = request.into_parts();
    if let Some(content_type) = parts.headers.get(http::header::CONTENT_TYPE) {
        let essence = content_type
            .to_str()
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(Problem::new(
                ProblemKind::UnsupportedMediaType,
                "Admin request bodies are JSON: send `Content-Type: application/json`.",
            ));
        }
    }
    let bytes = read_body(body).await?;
    serde_json::from_slice(&bytes).map_err(|error| {
        Problem::new(
            ProblemKind::InvalidRequest,
            format!(
                "The JSON body is invalid: {}.",
                redact_strings(&error.to_string())
            ),
        )
    })
}

async fn read_body(body: Body) -> Result<bytes::Bytes, Problem> {
    axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        Problem::new(
            ProblemKind::BodyTooLarge,
            format!("An admin request body is at most {MAX_BODY} bytes."),
        )
    })
}

/// Replaces every double-quoted literal in a serde message by `"…"`. serde quotes the
/// offending string value (`invalid type: string "…", expected a boolean`), and that
/// value may be a secret pasted into the wrong field. Field names stay: serde puts
/// them in backticks, and naming the field is the point of the message.
pub(crate) fn redact_strings(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    for c in message.chars() {
        if c == '"' {
            if inside {
                out.push_str("…\"");
            } else {
                out.push('"');
            }
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    if inside {
        out.push_str("…\"");
    }
    out
}

/// A JSON response with `status`.
pub(crate) fn json(status: StatusCode, value: impl Serialize) -> Response {
    (status, Json(value)).into_response()
}

/// A JSON response that must not be stored by any cache (it carries a new API key).
pub(crate) fn json_no_store(status: StatusCode, value: impl Serialize) -> Response {
    let mut response = json(status, value);
    response.headers_mut().insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    );
    response
}

pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Path parameters whose rejection is a `Problem` like every other admin failure.
pub(crate) struct P<T>(pub T);

impl<T, S> FromRequestParts<S> for P<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<P<T>, Problem> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(P(value)),
            Err(_) => Err(Problem::new(
                ProblemKind::InvalidRequest,
                "The path is malformed: its segments must be valid percent-encoded UTF-8.",
            )),
        }
    }
}

/// A store failure as the problem an admin sees. `NotFound`, `Conflict` and `Invalid`
/// carry only names the caller sent or rules; everything else is an internal fault
/// whose cause goes to the log, not to the caller.
pub(crate) fn store_problem(error: VaultError) -> Problem {
    match error {
        VaultError::NotFound { kind, name } => {
            Problem::new(ProblemKind::NotFound, format!("No {kind} `{name}`."))
        }
        VaultError::Conflict { kind, name } => Problem::new(
            ProblemKind::Conflict,
            format!("The {kind} `{name}` already exists."),
        ),
        VaultError::Invalid(message) => Problem::new(ProblemKind::InvalidRequest, message),
        VaultError::Contention(what) => Problem::new(
            ProblemKind::Conflict,
            format!("Too many concurrent writers for {what}; try again."),
        ),
        other => {
            tracing::error!(error = %other, "the store failed an admin action");
            Problem::new(
                ProblemKind::Internal,
                "The store failed; see the proxy's log.",
            )
        }
    }
}

pub(crate) fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ProblemKind::InvalidRequest, detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values_are_redacted_but_field_names_kept() {
        assert_eq!(
            redact_strings(r#"invalid type: string "hunter2", expected a boolean at line 1"#),
            r#"invalid type: string "…", expected a boolean at line 1"#
        );
        assert_eq!(
            redact_strings("unknown field `valeu`, expected `value` or `value_base64`"),
            "unknown field `valeu`, expected `value` or `value_base64`"
        );
        assert_eq!(redact_strings(r#"x "open"#), r#"x "…""#);
    }
}
