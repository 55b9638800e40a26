//! Loading API descriptions: text → value → bundled → normalised → [`Api`].
//!
//! ```text
//! Source::parse ─► Bundler (every $ref) ─► swagger2::convert | v31::normalise ─► build
//! ```
//!
//! Each stage reports diagnostics with a file, line, column and JSON pointer; a stage
//! that found errors stops the pipeline, so later stages only see sound input.

use std::path::Path;

use serde_json::Value;

use crate::api::{Api, SpecVersion};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Source;

mod build;
mod bundle;
mod swagger2;
mod v31;
mod walk;

pub use build::derive_id;

/// A loaded API and the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub api: Api,
    pub warnings: Diagnostics,
}

/// Loads the description at `path`, following relative `$ref`s to other files.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    let _span = tracing::debug_span!("load_description", path = %path.display()).entered();
    let source = Source::read(path)?;
    load_source(source)
}

/// Loads a description from text already in memory. Relative references are
/// resolved against the source's path.
pub fn load_source(source: Source) -> Result<Loaded, Diagnostics> {
    // Guard the whole pipeline: a bug in a dependency must surface as a diagnostic
    // that names the file, never as a crash of the caller.
    let path = source.path().to_path_buf();
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_inner(source))) {
        Ok(result) => result,
        Err(_) => Err(Diagnostic::error(
            "internal",
            &path,
            "the loader failed unexpectedly on this document",
        )
        .with_hint("this is a bug in poly; please report it with the document attached")
        .into()),
    }
}

fn load_inner(source: Source) -> Result<Loaded, Diagnostics> {
    let value = source.parse()?;
    let spec_version = detect_version(&value, &source)?;

    let root = source
        .path()
        .canonicalize()
        .unwrap_or_else(|_| source.path().to_path_buf());
    let home = match spec_version {
        SpecVersion::Swagger2 => "/definitions",
        _ => "/components/schemas",
    };
    let mut bundler = bundle::Bundler::new(root, source.clone(), value, home);
    let mut doc = bundler.run();
    let mut diagnostics = std::mem::take(&mut bundler.diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }

    let webhooks = match spec_version {
        SpecVersion::Swagger2 => {
            swagger2::convert(&mut doc);
            Vec::new()
        }
        _ => v31::normalise(&mut doc),
    };

    let built = build::build(&doc, &source, spec_version, webhooks);
    diagnostics.extend(built.diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut api = built.api;
    api.files = bundler.order.clone();
    Ok(Loaded {
        api,
        warnings: diagnostics,
    })
}

fn detect_version(value: &Value, source: &Source) -> Result<SpecVersion, Diagnostics> {
    let Value::Object(root) = value else {
        let why = if value.is_null() {
            "the document is empty"
        } else {
            "the document is not an object"
        };
        return Err(Diagnostic::error("not-openapi", source.path(), why)
            .at(source, "")
            .with_hint("an API description starts with `openapi: 3.x.y` or `swagger: \"2.0\"`")
            .into());
    };
    let text = |k: &str| {
        root.get(k).map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    if let Some(v) = text("openapi") {
        return match v.as_str() {
            v if v.starts_with("3.0") => Ok(SpecVersion::OpenApi30),
            v if v.starts_with("3.1") || v.starts_with("3.2") => Ok(SpecVersion::OpenApi31),
            other => Err(Diagnostic::error(
                "unsupported-version",
                source.path(),
                format!("OpenAPI version `{other}` is not supported"),
            )
            .at(source, "/openapi")
            .with_hint("poly reads OpenAPI 3.0.x and 3.1.x, and Swagger 2.0")
            .into()),
        };
    }
    if let Some(v) = text("swagger") {
        return match v.as_str() {
            "2.0" | "2" => Ok(SpecVersion::Swagger2),
            other => Err(Diagnostic::error(
                "unsupported-version",
                source.path(),
                format!("Swagger version `{other}` is not supported"),
            )
            .at(source, "/swagger")
            .with_hint("poly reads Swagger 2.0; convert older documents first")
            .into()),
        };
    }
    Err(Diagnostic::error(
        "not-openapi",
        source.path(),
        "no `openapi` or `swagger` field: this is not an API description",
    )
    .at(source, "")
    .with_hint("an API description starts with `openapi: 3.x.y` or `swagger: \"2.0\"`")
    .into())
}
