//! Generating a tenant's SDK from a build script.
//!
//! ```no_run
//! // build.rs
//! poly_codegen::build::RustSdk::new("../poly.yaml")
//!     .tenant("acme-crm")
//!     .environment("prod")
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! ```ignore
//! // src/main.rs: brings `mod erp { … }` into scope
//! include!(concat!(env!("OUT_DIR"), "/poly_sdk.rs"));
//! ```
//!
//! The including crate depends on what generated code names: `poly-runtime`,
//! `serde` (with `derive`), `serde_json`, `bytes`, and `chrono` and `uuid` (with
//! `serde`) when the API uses dates or UUIDs.

use std::path::{Path, PathBuf};

use poly_model::{Diagnostics, Manifest};

use crate::rust::single_file;
use crate::GenerateError;

/// Why a build-time generation failed. `Display` lists every diagnostic with its
/// file, line and column, which is what cargo shows when a build script panics.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Invalid(Diagnostics),
    #[error("{0}")]
    Generate(#[from] GenerateError),
    #[error("OUT_DIR is not set: call this from a build script")]
    NoOutDir,
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Generates one tenant's Rust SDK into `OUT_DIR` as a single includable file.
#[derive(Debug, Clone)]
pub struct RustSdk {
    manifest: PathBuf,
    tenant: Option<String>,
    environment: Option<String>,
    module: String,
    out_dir: Option<PathBuf>,
}

impl RustSdk {
    pub fn new(manifest: impl AsRef<Path>) -> RustSdk {
        RustSdk {
            manifest: manifest.as_ref().to_path_buf(),
            tenant: None,
            environment: None,
            module: "erp".to_owned(),
            out_dir: None,
        }
    }

    /// The tenant; required when the manifest declares more than one.
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// The environment; defaults to `POLY_ENV`, then the tenant's first environment.
    pub fn environment(mut self, environment: impl Into<String>) -> Self {
        self.environment = Some(environment.into());
        self
    }

    /// The name of the generated module (default `erp`).
    pub fn module(mut self, module: impl Into<String>) -> Self {
        self.module = module.into();
        self
    }

    /// Writes somewhere other than `OUT_DIR` (tests).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates `<OUT_DIR>/poly_sdk.rs` and tells cargo to rerun when the manifest
    /// or any description it read changes. Returns the written file.
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        println!("cargo:rerun-if-changed={}", self.manifest.display());
        println!("cargo:rerun-if-env-changed=POLY_ENV");
        let manifest = Manifest::load(&self.manifest).map_err(BuildError::Invalid)?;
        for file in manifest.files() {
            println!("cargo:rerun-if-changed={}", file.display());
        }

        let tenant = match self.tenant {
            Some(t) => t,
            None => match manifest.tenants.keys().collect::<Vec<_>>().as_slice() {
                [only] => (*only).clone(),
                _ => {
                    return Err(BuildError::Invalid(
                        poly_model::Diagnostic::error(
                            "missing-tenant",
                            &manifest.path,
                            "the manifest declares several tenants; name the one to generate",
                        )
                        .with_hint("call `.tenant(\"<name>\")` in build.rs")
                        .into(),
                    ))
                }
            },
        };
        let t = manifest
            .tenant(&tenant)
            .map_err(|d| BuildError::Invalid((*d).into()))?;
        let environment = self
            .environment
            .or_else(|| std::env::var("POLY_ENV").ok())
            .or_else(|| t.environments.keys().next().cloned())
            .unwrap_or_default();
        let shape = manifest
            .shape(&tenant, &environment)
            .map_err(|d| BuildError::Invalid((*d).into()))?;

        let code = single_file(&shape, &self.module)?;
        let dir = match self.out_dir {
            Some(d) => d,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let path = dir.join("poly_sdk.rs");
        std::fs::write(&path, code).map_err(|source| BuildError::Write {
            path: path.clone(),
            source,
        })?;
        Ok(path)
    }
}
