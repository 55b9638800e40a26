//! `poly-vault`: the persistent state of `poly-proxy`, with secrets encrypted at rest.
//!
//! The proxy's HTTP server, admin API and CLI all go through one [`Store`]: tenants and
//! environments, API keys (stored as SHA-256 only), versioned secrets (XChaCha20-Poly1305
//! under data keys wrapped by a master key), non-secret config values, and the audit log.
//!
//! Threat model (see `ARCHITECTURE.md`): an application is fully compromised and holds its
//! API key. So everything here is scoped by (tenant, environment) and never looks across
//! tenants; secret values and API keys exist in plaintext only in memory, in types that
//! redact themselves and zeroize on drop; errors, logs, metadata and audit records carry
//! names, never values. A database dump alone yields neither a secret nor a usable key.
//!
//! Backends: SQLite (one file, WAL mode; the embedded default) and PostgreSQL (shared by
//! several proxies). The `db` module says why there are two concrete pools.
//!
//! Modules, in reading order: `store` (the handle, open, key rotation), `crypto` (keys
//! and AEAD), `db` (backends, migrations), `scope`, `apikey`, `secret`, `config`, `audit`,
//! `error`.

mod apikey;
mod audit;
mod config;
mod crypto;
mod db;
mod error;
mod scope;
mod secret;
mod store;

pub use apikey::{IssuedKey, KeyInfo, NewKey, Role};
pub use audit::{AuditQuery, AuditRecord};
pub use config::ConfigValues;
pub use crypto::{KeyRing, MasterKey};
pub use error::VaultError;
pub use scope::{EnvironmentInfo, Scope, TenantInfo, PLATFORM};
pub use secret::{ResolvedSecret, SecretMeta, SecretValue};
pub use store::{Store, StoreOptions};
