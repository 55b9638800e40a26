//! The OpenAPI document of the admin API, served at `GET /openapi.json`.
//!
//! It is written by hand in YAML (`openapi.yaml`, embedded in the binary) rather than
//! generated from the handlers: the document is a contract reviewed like code, and
//! `proxy/tests/admin_openapi.rs` keeps it and the router in step in both directions.
//! It is converted to JSON once, with Poly's own loader of YAML.

use std::sync::OnceLock;

use axum::response::{IntoResponse, Response};
use http::{HeaderValue, StatusCode};

use crate::problem::{Problem, ProblemKind};

/// The document as written.
pub const OPENAPI_YAML: &str = include_str!("openapi.yaml");

/// The document as a JSON value; an error names the parse failure (a build defect, as
/// the text is embedded, and caught by the tests).
pub fn openapi_value() -> Result<serde_json::Value, String> {
    poly_model::Source::new("proxy/src/admin/openapi.yaml", OPENAPI_YAML)
        .parse()
        .map_err(|diagnostic| diagnostic.to_string())
}

fn rendered() -> &'static Result<String, String> {
    static RENDERED: OnceLock<Result<String, String>> = OnceLock::new();
    RENDERED.get_or_init(|| openapi_value().map(|value| value.to_string()))
}

/// `GET /openapi.json`.
pub async fn openapi_document() -> Response {
    match rendered() {
        Ok(text) => {
            let mut response = (StatusCode::OK, text.clone()).into_response();
            response.headers_mut().insert(
                http::header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(error) => {
            tracing::error!(%error, "the embedded OpenAPI document does not parse");
            Problem::new(
                ProblemKind::Internal,
                "The OpenAPI document is unavailable.",
            )
            .into_response()
        }
    }
}
