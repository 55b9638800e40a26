//! `poly-codegen`: from API descriptions and a shaping manifest to per-tenant SDKs.
//!
//! The library is what the CLI and build scripts share. Reading and validating
//! inputs lives in `poly-model`; this crate decides *what to write where* ([`Plan`]),
//! renders it through a [`Generator`] per language, and compares or writes the
//! result ([`Output`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use poly_model::{openapi, Diagnostics, Manifest, Shape};

pub mod build;
pub mod output;
pub mod rust;
pub mod typescript;

pub use output::{Drift, Output};

/// Target languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    Rust,
    TypeScript,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Rust, Language::TypeScript];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::TypeScript => "typescript",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "rust" | "rs" => Ok(Language::Rust),
            "typescript" | "ts" => Ok(Language::TypeScript),
            other => Err(format!(
                "unknown language `{other}`; use `rust` or `typescript`"
            )),
        }
    }
}

/// Renders one shape into files. Implemented once per language.
pub trait Generator {
    fn language(&self) -> Language;

    /// Adds the SDK of `shape` to `out`, under `dir`.
    fn generate(&self, shape: &Shape, dir: &Path, out: &mut Output) -> Result<(), GenerateError>;
}

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("{0}")]
    Input(Diagnostics),
    #[error(
        "no {0} generator is available in this build; \
         `poly-codegen check` and `poly-codegen shape` validate and show what it would generate"
    )]
    Unavailable(Language),
    #[error("{message}")]
    Render { message: String },
}

/// Settings that shape generated output beyond the manifest.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How generated Rust crates depend on `poly-runtime`.
    pub rust_runtime: rust::RuntimeDependency,
}

/// The generators this build has.
pub fn generators(options: &Options) -> Vec<Box<dyn Generator>> {
    vec![
        Box::new(rust::RustGenerator {
            runtime: options.rust_runtime.clone(),
        }),
        Box::new(typescript::TypeScriptGenerator),
    ]
}

/// One SDK to generate: a shape, a language, and the directory it goes to.
#[derive(Debug, Clone)]
pub struct Target {
    pub shape: Arc<Shape>,
    pub language: Language,
    /// Relative to the output root: `<tenant>-<environment>/<language>`.
    pub dir: PathBuf,
}

/// Everything one `generate` run will produce, decided before anything is rendered.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub targets: Vec<Target>,
    /// Every input file, for `cargo:rerun-if-changed` and for watch modes.
    pub inputs: Vec<PathBuf>,
    pub options: Options,
}

impl Plan {
    /// Plans generation from a manifest, optionally for one tenant and/or environment.
    pub fn from_manifest(
        manifest: &Manifest,
        tenant: Option<&str>,
        environment: Option<&str>,
        languages: &[Language],
    ) -> Result<Plan, Diagnostics> {
        if let Some(t) = tenant {
            manifest.tenant(t)?;
        }
        let mut targets = Vec::new();
        let mut matched_env = environment.is_none();
        for (t, e) in manifest.targets() {
            if tenant.is_some_and(|want| want != t) || environment.is_some_and(|want| want != e) {
                continue;
            }
            matched_env = true;
            let shape = Arc::new(manifest.shape(&t, &e)?);
            for &language in languages {
                let dir = PathBuf::from(format!("{t}-{e}")).join(language.as_str());
                targets.push(Target {
                    shape: shape.clone(),
                    language,
                    dir,
                });
            }
        }
        if !matched_env {
            let env = environment.unwrap_or_default();
            let tenant =
                tenant.unwrap_or_else(|| manifest.tenants.keys().next().map_or("", String::as_str));
            manifest.shape(tenant, env)?;
        }
        Ok(Plan {
            targets,
            inputs: manifest.files(),
            options: Options::default(),
        })
    }

    /// Plans generation straight from one description, with every operation allowed.
    pub fn from_spec(path: &Path, languages: &[Language]) -> Result<Plan, Diagnostics> {
        let loaded = openapi::load(path)?;
        let name = api_name_of(path);
        let upstream = loaded
            .api
            .servers
            .iter()
            .find_map(|s| url::Url::parse(s).ok())
            .unwrap_or_else(|| url::Url::parse("https://api.invalid/").expect("a literal URL"));
        let inputs = loaded.api.files.clone();
        let shape = Arc::new(Shape::unrestricted(&name, Arc::new(loaded.api), upstream));
        let targets = languages
            .iter()
            .map(|&language| Target {
                shape: shape.clone(),
                language,
                dir: PathBuf::from(language.as_str()),
            })
            .collect();
        Ok(Plan {
            targets,
            inputs,
            options: Options::default(),
        })
    }

    /// Renders every target with the available generators.
    pub fn render(&self) -> Result<Output, GenerateError> {
        let generators = generators(&self.options);
        let mut out = Output::default();
        for target in &self.targets {
            let _span = tracing::info_span!(
                "generate",
                tenant = %target.shape.tenant,
                environment = %target.shape.environment,
                language = %target.language
            )
            .entered();
            let generator = generators
                .iter()
                .find(|g| g.language() == target.language)
                .ok_or(GenerateError::Unavailable(target.language))?;
            generator.generate(&target.shape, &target.dir, &mut out)?;
        }
        Ok(out)
    }
}

/// `specs/github-rest.yaml` → `github_rest`: a name usable as a module and package.
fn api_name_of(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    match words.first() {
        None => "api".to_owned(),
        // Package and module names cannot start with a digit.
        Some(first) if first.starts_with(|c: char| c.is_ascii_digit()) => {
            format!("api_{}", words.join("_"))
        }
        Some(_) => words.join("_"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_languages() {
        assert_eq!("ts".parse::<Language>(), Ok(Language::TypeScript));
        assert!("go".parse::<Language>().is_err());
    }

    #[test]
    fn names_apis_from_files() {
        assert_eq!(
            api_name_of(Path::new("specs/GitHub-REST.v3.json")),
            "github_rest_v3"
        );
        assert_eq!(api_name_of(Path::new("---.yaml")), "api");
        assert_eq!(
            api_name_of(Path::new("magick.nu__1.0__swagger.yaml")),
            "magick_nu_1_0_swagger"
        );
        assert_eq!(
            api_name_of(Path::new("3.0-circular.json")),
            "api_3_0_circular"
        );
    }
}
