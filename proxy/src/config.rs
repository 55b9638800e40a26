//! How the proxy is configured: a TOML file, overridden by `POLY_*` environment
//! variables, overridden by command-line flags (in `main.rs`).
//!
//! Every setting has a default that works on a developer's machine, so
//! `poly-proxy serve --manifest poly.yaml` needs nothing else. Unknown keys in the
//! file are errors, so a typo cannot silently leave a limit at its default.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// The complete configuration after every source has been applied.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the proxy listens for apps and administrators.
    pub listen: SocketAddr,
    /// The shaping manifest every call is checked against.
    pub manifest: PathBuf,
    /// Holds the embedded SQLite store and, when no key is supplied, the generated
    /// master key file.
    pub data_dir: PathBuf,
    /// `sqlite:///path/poly.db` or `postgres://…`; defaults to SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// A file holding the base64 master key. `POLY_MASTER_KEY` (the key itself) wins.
    pub master_key_file: Option<PathBuf>,
    /// Files holding earlier master keys, accepted while a rotation rolls out.
    pub previous_master_key_files: Vec<PathBuf>,
    /// Upstreams on loopback, private, link-local or otherwise non-public addresses
    /// are refused unless this is set: otherwise an upstream host name that resolves
    /// to an internal address would turn the proxy into a bridge into its own network.
    pub allow_private_upstreams: bool,
    pub limits: Limits,
    pub vault: VaultSettings,
    /// Seconds in-flight calls get to finish after a shutdown signal.
    pub shutdown_grace_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    pub request_body_bytes: u64,
    pub response_body_bytes: u64,
    /// The total size of the request head the proxy accepts from an app, and of the
    /// response head it accepts from an upstream.
    pub header_bytes: usize,
    pub connect_timeout_ms: u64,
    /// The whole upstream exchange, head and body.
    pub total_timeout_ms: u64,
    pub concurrent_calls_per_key: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VaultSettings {
    /// Versions of each secret kept after a rotation (at least 1).
    pub secret_retention: u32,
    /// How long a decrypted secret stays in memory before it is read again.
    pub secret_cache_ms: u64,
    /// How long an authenticated key is remembered at most. A revocation or rotation
    /// takes effect at once on the proxy (or CLI) that made it, and on other proxies
    /// sharing the store within `change_poll_ms`.
    pub key_cache_ms: u64,
    /// How often the proxy looks for changes to secrets and keys made elsewhere (other
    /// proxies, the CLI) and drops its caches (0 turns the watch off).
    pub change_poll_ms: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            manifest: PathBuf::from("poly.yaml"),
            data_dir: PathBuf::from("poly-data"),
            database_url: None,
            master_key_file: None,
            previous_master_key_files: Vec::new(),
            allow_private_upstreams: false,
            limits: Limits::default(),
            vault: VaultSettings::default(),
            shutdown_grace_seconds: 20,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            request_body_bytes: 10 * 1024 * 1024,
            response_body_bytes: 64 * 1024 * 1024,
            header_bytes: 32 * 1024,
            connect_timeout_ms: 5_000,
            total_timeout_ms: 60_000,
            concurrent_calls_per_key: 64,
        }
    }
}

impl Default for VaultSettings {
    fn default() -> VaultSettings {
        VaultSettings {
            secret_retention: 5,
            secret_cache_ms: 30_000,
            key_cache_ms: 5_000,
            change_poll_ms: 1_000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: &'static str, message: String },
}

impl Config {
    /// Reads `file` (when given) and applies `POLY_*` variables from `env`.
    ///
    /// `env` is a lookup function rather than `std::env::var` so tests can pass a map.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_owned(),
                    message: toml_message(&text, &e),
                })?
            }
            None => Config::default(),
        };
        config.apply_env(env)?;
        Ok(config)
    }

    fn apply_env(&mut self, env: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        if let Some(v) = env("POLY_LISTEN") {
            self.listen = parse_env("POLY_LISTEN", &v)?;
        }
        if let Some(v) = env("POLY_MANIFEST") {
            self.manifest = PathBuf::from(v);
        }
        if let Some(v) = env("POLY_DATA_DIR") {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = env("POLY_DATABASE_URL") {
            self.database_url = Some(v);
        }
        if let Some(v) = env("POLY_MASTER_KEY_FILE") {
            self.master_key_file = Some(PathBuf::from(v));
        }
        if let Some(v) = env("POLY_ALLOW_PRIVATE_UPSTREAMS") {
            self.allow_private_upstreams = parse_bool("POLY_ALLOW_PRIVATE_UPSTREAMS", &v)?;
        }
        if let Some(v) = env("POLY_REQUEST_BODY_BYTES") {
            self.limits.request_body_bytes = parse_env("POLY_REQUEST_BODY_BYTES", &v)?;
        }
        if let Some(v) = env("POLY_RESPONSE_BODY_BYTES") {
            self.limits.response_body_bytes = parse_env("POLY_RESPONSE_BODY_BYTES", &v)?;
        }
        if let Some(v) = env("POLY_CONNECT_TIMEOUT_MS") {
            self.limits.connect_timeout_ms = parse_env("POLY_CONNECT_TIMEOUT_MS", &v)?;
        }
        if let Some(v) = env("POLY_TOTAL_TIMEOUT_MS") {
            self.limits.total_timeout_ms = parse_env("POLY_TOTAL_TIMEOUT_MS", &v)?;
        }
        if let Some(v) = env("POLY_CONCURRENT_CALLS_PER_KEY") {
            self.limits.concurrent_calls_per_key = parse_env("POLY_CONCURRENT_CALLS_PER_KEY", &v)?;
        }
        Ok(())
    }

    /// The store's URL: the configured one, or SQLite inside the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("poly.db").display()),
        }
    }

    pub fn connect_timeout(&self) -> Duration {
        Duration::from_millis(self.limits.connect_timeout_ms)
    }

    pub fn total_timeout(&self) -> Duration {
        Duration::from_millis(self.limits.total_timeout_ms)
    }
}

fn parse_env<T: std::str::FromStr>(name: &'static str, value: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.trim().parse().map_err(|e: T::Err| ConfigError::Env {
        name,
        message: format!("`{value}` is not valid: {e}"),
    })
}

fn parse_bool(name: &'static str, value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err(ConfigError::Env {
            name,
            message: format!("`{value}` is not a boolean; use true or false"),
        }),
    }
}

/// `line:column: message`, from the byte span toml reports.
fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().to_owned();
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("{line}:{column}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_work_without_a_file() {
        let c = Config::load(None, env(&[])).unwrap();
        assert_eq!(c.listen.port(), 8080);
        assert!(!c.allow_private_upstreams);
        assert!(c.database_url().starts_with("sqlite://"));
    }

    #[test]
    fn file_then_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("poly.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\n[limits]\nconcurrent_calls_per_key = 3\n",
        )
        .unwrap();
        let c = Config::load(Some(&path), env(&[("POLY_LISTEN", "127.0.0.1:9001")])).unwrap();
        assert_eq!(c.listen.port(), 9001);
        assert_eq!(c.limits.concurrent_calls_per_key, 3);
    }

    #[test]
    fn a_typo_in_the_file_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("poly.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\n[limits]\nrequest_body_byte = 3\n",
        )
        .unwrap();
        let err = Config::load(Some(&path), env(&[])).unwrap_err().to_string();
        assert!(err.contains("3:1"), "{err}");
        assert!(err.contains("request_body_byte"), "{err}");
    }

    #[test]
    fn a_bad_environment_value_names_the_variable() {
        let err = Config::load(None, env(&[("POLY_ALLOW_PRIVATE_UPSTREAMS", "maybe")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("POLY_ALLOW_PRIVATE_UPSTREAMS"), "{err}");
    }
}
