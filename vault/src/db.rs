//! The two database backends and the schema migrations.
//!
//! Why two concrete pools (`SqlitePool`, `PgPool`) behind an enum instead of sqlx's `Any`
//! driver: each backend gets its native types (`BYTEA`/`BLOB`, `BIGINT`/`INTEGER`) and
//! its own connection setup (SQLite: WAL, busy timeout, foreign keys; Postgres: the
//! caller's `search_path` from the URL), write transactions can start the way each
//! backend needs (SQLite `BEGIN IMMEDIATE`, so a read-then-write transaction never
//! fails halfway on a lock upgrade), and errors keep their backend codes. The query
//! text is shared: both backends accept `$1` placeholders and `ON CONFLICT`/`RETURNING`,
//! and the [`with_db!`] macro expands one body once per pool type, so each query is
//! written once and type-checked for both.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

use crate::error::VaultError;
use crate::store::StoreOptions;

/// The pool of one backend.
#[derive(Clone, Debug)]
pub(crate) enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to the concrete pool and `$begin` to the statement
/// that starts a write transaction on that backend.
macro_rules! with_db {
    ($db:expr, |$pool:ident, $begin:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => {
                #[allow(unused_variables)]
                let $begin: &'static str = "BEGIN IMMEDIATE";
                $body
            }
            $crate::db::Db::Postgres($pool) => {
                #[allow(unused_variables)]
                let $begin: &'static str = "BEGIN";
                $body
            }
        }
    };
    ($db:expr, |$pool:ident| $body:expr) => {
        with_db!($db, |$pool, _begin| $body)
    };
}
pub(crate) use with_db;

impl Db {
    /// Connects to `url` (`sqlite:///abs/path.db` or `postgres://…`). The URL is never
    /// logged: a Postgres URL may carry a password.
    pub(crate) async fn connect(url: &str, options: &StoreOptions) -> Result<Db, VaultError> {
        if url.starts_with("sqlite:") {
            let connect = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let file = Path::new(connect.get_filename());
            if let Some(dir) = file.parent() {
                if !dir.as_os_str().is_empty() && !dir.exists() {
                    create_private_dir(dir)?;
                }
            }
            create_private_file(file)?;
            // A file on this host cannot drop a connection the way a server can, so
            // the ping before every acquire would be a wasted round trip per query.
            let pool = SqlitePoolOptions::new()
                .max_connections(options.max_connections)
                .test_before_acquire(false)
                .connect_with(connect)
                .await?;
            tracing::info!(backend = "sqlite", "vault database connected");
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let connect = PgConnectOptions::from_str(url)?.application_name("poly-vault");
            let pool = PgPoolOptions::new()
                .max_connections(options.max_connections)
                .connect_with(connect)
                .await?;
            tracing::info!(backend = "postgres", "vault database connected");
            Ok(Db::Postgres(pool))
        } else {
            Err(VaultError::Invalid(
                "the database URL must start with `sqlite://` or `postgres://`".into(),
            ))
        }
    }

    pub(crate) fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Applies the migrations this build knows and the database lacks, in one transaction,
    /// serialised between processes (SQLite: the write lock; Postgres: an advisory lock).
    pub(crate) async fn migrate(&self, now_ms: i64) -> Result<i64, VaultError> {
        let migrations = match self {
            Db::Sqlite(_) => SQLITE_MIGRATIONS,
            Db::Postgres(_) => POSTGRES_MIGRATIONS,
        };
        let supported = migrations.len() as i64;
        with_db!(self, |pool, begin| {
            let mut tx = pool.begin_with(begin).await?;
            if matches!(self, Db::Postgres(_)) {
                sqlx::query("SELECT pg_advisory_xact_lock(7061696)")
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "CREATE TABLE IF NOT EXISTS schema_version (
                    version BIGINT PRIMARY KEY,
                    applied_ms BIGINT NOT NULL
                )",
            )
            .execute(&mut *tx)
            .await?;
            let (current,): (i64,) =
                sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                    .fetch_one(&mut *tx)
                    .await?;
            if current > supported {
                return Err(VaultError::SchemaTooNew {
                    found: current,
                    supported,
                });
            }
            for (index, statements) in migrations.iter().enumerate().skip(current as usize) {
                let version = index as i64 + 1;
                for statement in statements.iter() {
                    sqlx::query(statement).execute(&mut *tx).await?;
                }
                sqlx::query("INSERT INTO schema_version (version, applied_ms) VALUES ($1, $2)")
                    .bind(version)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                tracing::info!(version, "vault schema migrated");
            }
            tx.commit().await?;
            Ok(supported)
        })
    }
}

/// Creates the data directory, readable by its owner only (the database holds wrapped
/// keys and key hashes: useless alone, but no one else's business).
// LIMITATION: an existing directory or database file is used with the permissions it
// has (a wider mode gets a warning, not a change); an operator may have chosen them.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates the SQLite file with mode 0600 if it does not exist yet (SQLite gives its
/// `-wal` and `-shm` files the same mode), so the process umask cannot widen it; warns
/// about an existing file that others may read.
fn create_private_file(file: &Path) -> std::io::Result<()> {
    if file.as_os_str().is_empty() || file.as_os_str() == ":memory:" {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(file)?.permissions().mode();
                if mode & 0o077 != 0 {
                    tracing::warn!(
                        mode = format_args!("{:o}", mode & 0o777),
                        "the vault database file is readable by other users; \
                                    chmod 600 it"
                    );
                }
            }
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// Migration 1, with the backend's binary and auto-increment types substituted.
macro_rules! migration_1 {
    ($bytes:literal, $serial:literal) => {
        &[
            "CREATE TABLE tenants (
                name TEXT PRIMARY KEY,
                created_ms BIGINT NOT NULL,
                disabled BIGINT NOT NULL DEFAULT 0
            )",
            "CREATE TABLE environments (
                tenant TEXT NOT NULL REFERENCES tenants (name),
                name TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                PRIMARY KEY (tenant, name)
            )",
            concat!(
                "CREATE TABLE data_keys (
                    version BIGINT PRIMARY KEY,
                    wrapped ",
                $bytes,
                " NOT NULL,
                    master_key_id TEXT NOT NULL,
                    created_ms BIGINT NOT NULL
                )"
            ),
            concat!(
                "CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    hash ",
                $bytes,
                " NOT NULL UNIQUE,
                    tenant TEXT NOT NULL,
                    environment TEXT NOT NULL,
                    role TEXT NOT NULL,
                    label TEXT,
                    created_ms BIGINT NOT NULL,
                    expires_ms BIGINT,
                    revoked_ms BIGINT,
                    last_used_ms BIGINT,
                    FOREIGN KEY (tenant, environment) REFERENCES environments (tenant, name)
                )"
            ),
            "CREATE INDEX api_keys_scope ON api_keys (tenant, environment)",
            "CREATE TABLE secrets (
                tenant TEXT NOT NULL,
                environment TEXT NOT NULL,
                name TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                latest_version BIGINT NOT NULL,
                rotated_ms BIGINT,
                last_used_ms BIGINT,
                PRIMARY KEY (tenant, environment, name),
                FOREIGN KEY (tenant, environment) REFERENCES environments (tenant, name)
            )",
            concat!(
                "CREATE TABLE secret_versions (
                    tenant TEXT NOT NULL,
                    environment TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    dek_version BIGINT NOT NULL REFERENCES data_keys (version),
                    ciphertext ",
                $bytes,
                " NOT NULL,
                    created_ms BIGINT NOT NULL,
                    PRIMARY KEY (tenant, environment, name, version)
                )"
            ),
            "CREATE TABLE config (
                tenant TEXT NOT NULL,
                environment TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_ms BIGINT NOT NULL,
                PRIMARY KEY (tenant, environment, key),
                FOREIGN KEY (tenant, environment) REFERENCES environments (tenant, name)
            )",
            concat!(
                "CREATE TABLE audit (
                    id ",
                $serial,
                ",
                    at_ms BIGINT NOT NULL,
                    request_id TEXT NOT NULL,
                    key_id TEXT,
                    role TEXT,
                    tenant TEXT,
                    environment TEXT,
                    action TEXT NOT NULL,
                    api TEXT,
                    operation TEXT,
                    target TEXT,
                    refs TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    latency_us BIGINT NOT NULL
                )"
            ),
            "CREATE INDEX audit_scope_time ON audit (tenant, environment, at_ms)",
            "CREATE INDEX audit_time ON audit (at_ms)",
            "INSERT INTO tenants (name, created_ms, disabled) VALUES ('_platform', 0, 0)",
            "INSERT INTO environments (tenant, name, created_ms)
             VALUES ('_platform', '_platform', 0)",
        ]
    };
}

type Migration = &'static [&'static str];

/// Migration 2: one counter that every write invalidating caches bumps, so that every
/// store on the database (other proxies, the CLI) notices and drops its caches.
const MIGRATION_2: Migration = &[
    "CREATE TABLE changes (id BIGINT PRIMARY KEY, counter BIGINT NOT NULL)",
    "INSERT INTO changes (id, counter) VALUES (1, 0)",
];

static SQLITE_MIGRATIONS: &[Migration] = &[
    migration_1!("BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT"),
    MIGRATION_2,
];
static POSTGRES_MIGRATIONS: &[Migration] =
    &[migration_1!("BYTEA", "BIGSERIAL PRIMARY KEY"), MIGRATION_2];
