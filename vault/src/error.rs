//! The one error type of the crate.
//!
//! Why a closed enum with fixed messages: callers (the HTTP server, the admin API, the CLI)
//! map variants to responses and log lines, so no variant may carry a secret value, a
//! master key or an API key. Variants carry only names (tenant, environment, secret name,
//! key id), which are identifiers and safe to show. `Crypto` deliberately says nothing
//! about which check failed.

/// Everything that can go wrong in the vault.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The named thing does not exist (or is not visible in the caller's scope).
    #[error("{kind} `{name}` not found")]
    NotFound {
        /// What was looked up: `tenant`, `environment`, `secret`, `key`, `config`.
        kind: &'static str,
        /// Its name or public id.
        name: String,
    },
    /// The named thing already exists.
    #[error("{kind} `{name}` already exists")]
    Conflict {
        /// What was created: `tenant`, `environment`.
        kind: &'static str,
        /// Its name.
        name: String,
    },
    /// The input breaks a rule (a name's syntax, a role outside its scope, an option).
    #[error("invalid input: {0}")]
    Invalid(String),
    /// Decryption or encryption failed: a tampered or moved row, or a wrong key.
    #[error("a stored value failed to decrypt or encrypt")]
    Crypto,
    /// No master key of the key ring unwraps the store's data keys.
    #[error(
        "the master key does not match this store (no data key unwraps with key ids {tried}); \
         start with the master key the store was created or last rotated with, or list it \
         as a previous key during a rollout"
    )]
    WrongMasterKey {
        /// Fingerprints of the master keys that were tried (safe to log).
        tried: String,
    },
    /// The database schema is newer than this build.
    #[error(
        "the database schema is at version {found}, newer than the {supported} this build \
         knows; upgrade poly-proxy"
    )]
    SchemaTooNew {
        /// Version in the database.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A write kept conflicting with concurrent writers.
    #[error("too many concurrent writers for {0}; try again")]
    Contention(&'static str),
    /// The background audit writer is gone (the runtime is shutting down).
    #[error("the audit writer has stopped")]
    AuditClosed,
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Creating the data directory failed.
    #[error("cannot prepare the data directory: {0}")]
    Io(#[from] std::io::Error),
}

impl VaultError {
    pub(crate) fn not_found(kind: &'static str, name: &str) -> Self {
        VaultError::NotFound {
            kind,
            name: name.to_owned(),
        }
    }

    pub(crate) fn conflict(kind: &'static str, name: &str) -> Self {
        VaultError::Conflict {
            kind,
            name: name.to_owned(),
        }
    }

    /// Whether a retry of the whole transaction may succeed: a unique violation from a
    /// concurrent writer, a Postgres serialization failure or deadlock, a busy SQLite.
    pub(crate) fn is_retryable(&self) -> bool {
        let VaultError::Database(sqlx::Error::Database(db)) = self else {
            return false;
        };
        if db.is_unique_violation() {
            return true;
        }
        matches!(
            db.code().as_deref(),
            Some("40001" | "40P01" | "5" | "517" | "261" | "6")
        )
    }
}
