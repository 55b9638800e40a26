//! Runs one async test against each backend: SQLite in a temporary directory, and
//! PostgreSQL in a fresh schema that is dropped afterwards (even when the test panics).
//!
//! PostgreSQL is at `POLY_VAULT_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/test`). It is required: a test that cannot reach it
//! fails rather than skip, so a green run means both backends were tested.

#![allow(dead_code)]

use std::future::Future;
use std::sync::Arc;

use std::time::Duration;

use poly_vault::{KeyRing, MasterKey, Store, StoreOptions, VaultError};
use sqlx::{Connection, Row};

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One test's private database.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    admin_url: String,
    schema: Option<String>,
    dir: Option<tempfile::TempDir>,
}

fn postgres_base() -> String {
    std::env::var("POLY_VAULT_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn random_suffix() -> String {
    // A fresh master key's fingerprint: 16 hex digits from the OS CSPRNG.
    MasterKey::generate().id()
}

impl TestDb {
    async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}/data/poly.db", dir.path().display());
                TestDb {
                    backend,
                    url,
                    admin_url: String::new(),
                    schema: None,
                    dir: Some(dir),
                }
            }
            Backend::Postgres => {
                let base = postgres_base();
                let schema = format!("t_{}", random_suffix());
                let mut conn = sqlx::PgConnection::connect(&base)
                    .await
                    .expect("PostgreSQL for tests (set POLY_VAULT_TEST_POSTGRES)");
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test schema");
                let _ = conn.close().await;
                let separator = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
                TestDb {
                    backend,
                    url,
                    admin_url: base,
                    schema: Some(schema),
                    dir: None,
                }
            }
        }
    }

    /// Small caches and retention defaults suited to tests.
    pub fn options(&self) -> StoreOptions {
        StoreOptions {
            max_connections: 4,
            // Tests of the caches decide when other stores' changes are seen;
            // `changes_elsewhere_are_seen_within_a_poll` turns the watch on.
            change_poll_interval: Duration::ZERO,
            ..StoreOptions::default()
        }
    }

    pub async fn open(&self, ring: KeyRing) -> Result<Store, VaultError> {
        Store::open(&self.url, ring, self.options()).await
    }

    pub async fn open_with(
        &self,
        ring: KeyRing,
        options: StoreOptions,
    ) -> Result<Store, VaultError> {
        Store::open(&self.url, ring, options).await
    }

    /// Runs raw SQL on a connection of its own (not through the store).
    pub async fn exec(&self, sql: &str) -> u64 {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("connect");
                let done = sqlx::query(sql).execute(&mut conn).await.expect("raw sql");
                let _ = conn.close().await;
                done.rows_affected()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .expect("connect");
                let done = sqlx::query(sql).execute(&mut conn).await.expect("raw sql");
                let _ = conn.close().await;
                done.rows_affected()
            }
        }
    }

    /// One integer from raw SQL.
    pub async fn scalar(&self, sql: &str) -> i64 {
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("connect");
                let row = sqlx::query(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("raw sql");
                let _ = conn.close().await;
                row.try_get::<i64, _>(0).expect("integer")
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .expect("connect");
                let row = sqlx::query(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("raw sql");
                let _ = conn.close().await;
                row.try_get::<i64, _>(0).expect("integer")
            }
        }
    }

    /// Everything the database holds: the SQLite files' raw bytes, or every table of the
    /// test schema as text.
    pub async fn dump(&self) -> Vec<u8> {
        match self.backend {
            Backend::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://").to_owned();
                let mut bytes = Vec::new();
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    if let Ok(file) = std::fs::read(format!("{path}{suffix}")) {
                        bytes.extend_from_slice(&file);
                    }
                }
                assert!(bytes.len() > 4096, "the database file is missing");
                bytes
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&self.url)
                    .await
                    .expect("connect");
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables
                     WHERE table_schema = current_schema() ORDER BY 1",
                )
                .fetch_all(&mut conn)
                .await
                .expect("list tables");
                assert!(tables.len() >= 8, "tables: {tables:?}");
                let mut out = Vec::new();
                for table in tables {
                    let rows: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT CAST(t AS TEXT) FROM {table} t"))
                            .fetch_all(&mut conn)
                            .await
                            .expect("dump table");
                    for row in rows {
                        out.extend_from_slice(row.as_bytes());
                        out.push(b'\n');
                    }
                }
                let _ = conn.close().await;
                out
            }
        }
    }

    async fn cleanup(&self) {
        if let Some(schema) = &self.schema {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&self.admin_url).await {
                let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                    .execute(&mut conn)
                    .await;
                let _ = conn.close().await;
            }
        }
    }
}

/// A key ring with one fresh master key, and that key's encoding to rebuild it.
pub fn fresh_ring() -> (KeyRing, String) {
    let key = MasterKey::generate();
    let encoded = key.encode().to_string();
    (KeyRing::new(key, vec![]), encoded)
}

/// Rebuilds a ring from encoded keys (current first).
pub fn ring_of(current: &str, previous: &[&str]) -> KeyRing {
    KeyRing::new(
        MasterKey::from_encoded(current).expect("master key"),
        previous
            .iter()
            .map(|k| MasterKey::from_encoded(k).expect("master key"))
            .collect(),
    )
}

/// Runs `test` on a fresh database of `backend`, then removes the database.
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Arc<TestDb>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let db = Arc::new(TestDb::new(backend).await);
    let outcome = tokio::spawn(test(db.clone())).await;
    db.cleanup().await;
    if let Err(err) = outcome {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
        panic!("test task failed: {err}");
    }
}

/// Declares, for each async fn `name(db: Arc<TestDb>)`, a module `name` with the tests
/// `sqlite` and `postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    $crate::backend::run($crate::backend::Backend::Sqlite, super::$name).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    $crate::backend::run($crate::backend::Backend::Postgres, super::$name).await;
                }
            }
        )*
    };
}
