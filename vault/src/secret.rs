//! Secrets: versioned, encrypted values in a scope.
//!
//! Each `put_secret` writes version n+1 in one transaction: it bumps `latest_version` of
//! the secret's row (an upsert, which locks that row in Postgres and takes the write lock
//! in SQLite, so concurrent puts queue instead of racing), inserts the encrypted version
//! under the unique key (tenant, environment, name, version), and deletes versions beyond
//! the retention. Should two writers still collide, the unique key refuses the second
//! and the put is retried.
//!
//! Resolution is one indexed lookup by (tenant, environment, name): there is no lookup
//! across tenants anywhere, so a name that exists only in another tenant costs the same
//! as one that exists nowhere. Decrypted values are cached in memory for
//! `StoreOptions::secret_cache_ttl`; a put or delete on this store drops the entry at
//! once, other proxies sharing the database see the new version within the TTL. Values
//! are handed out as `Arc<SecretValue>`, so a call in flight keeps the version it
//! resolved while a rotation replaces it.

use std::fmt;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::secret_associated_data;
use crate::db::with_db;
use crate::error::VaultError;
use crate::scope::Scope;
use crate::store::{now_ms, SecretCacheKey, Store, WriterJob};

/// How often a put is attempted when concurrent writers keep colliding.
const PUT_ATTEMPTS: u32 = 8;

/// The bytes of a secret. Zeroized on drop; `Debug` and `Display` print `[REDACTED]`; not
/// `Clone` (use [`SecretValue::expose_clone`]) and not `Serialize`.
pub struct SecretValue(Zeroizing<Vec<u8>>);

impl SecretValue {
    /// Wraps `bytes`, taking ownership (no copy is left behind).
    pub fn new(bytes: Vec<u8>) -> SecretValue {
        SecretValue(Zeroizing::new(bytes))
    }

    /// The bytes, for injecting into an upstream request.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as text, if they are UTF-8.
    pub fn expose_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// An explicit copy (itself zeroized on drop).
    pub fn expose_clone(&self) -> SecretValue {
        SecretValue::new(self.0.to_vec())
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn from_zeroizing(bytes: Zeroizing<Vec<u8>>) -> SecretValue {
        SecretValue(bytes)
    }
}

impl From<Vec<u8>> for SecretValue {
    fn from(bytes: Vec<u8>) -> Self {
        SecretValue::new(bytes)
    }
}

impl From<String> for SecretValue {
    fn from(text: String) -> Self {
        SecretValue::new(text.into_bytes())
    }
}

impl fmt::Debug for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl fmt::Display for SecretValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// What may be known about a secret without its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretMeta {
    /// The secret's name.
    pub name: String,
    /// The latest version (1 for the first put).
    pub version: i64,
    /// When the first version was written (unix ms).
    pub created_ms: i64,
    /// When the latest version was written, if it is not the first.
    pub rotated_ms: Option<i64>,
    /// When a proxy last resolved it (throttled).
    pub last_used_ms: Option<i64>,
    /// How many versions are stored (at most the retention).
    pub versions_kept: i64,
}

/// A decrypted secret of one version.
#[derive(Clone, Debug)]
pub struct ResolvedSecret {
    /// The secret's name.
    pub name: String,
    /// The version that was resolved.
    pub version: i64,
    /// The value; the `Arc` keeps it alive for the call that resolved it.
    pub value: Arc<SecretValue>,
}

/// Checks a secret name: 1 to 128 characters of `A-Z a-z 0-9 . _ - /`, not starting with
/// `/` or `.`, without `..`.
pub(crate) fn validate_secret_name(name: &str) -> Result<(), VaultError> {
    let ok = !name.is_empty()
        && name.len() <= 128
        && !name.starts_with('/')
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'));
    if ok {
        Ok(())
    } else {
        Err(VaultError::Invalid(
            "a secret name is 1 to 128 characters of A-Z, a-z, 0-9, `.`, `_`, `-` and `/`, \
             not starting with `/` or `.`, without `..`"
                .into(),
        ))
    }
}

type MetaRow = (String, i64, i64, Option<i64>, Option<i64>, i64);

fn meta_from_row(row: MetaRow) -> SecretMeta {
    let (name, version, created_ms, rotated_ms, last_used_ms, versions_kept) = row;
    SecretMeta {
        name,
        version,
        created_ms,
        rotated_ms,
        last_used_ms,
        versions_kept,
    }
}

const META_SELECT: &str = "SELECT s.name, s.latest_version, s.created_ms, s.rotated_ms, \
     s.last_used_ms, (SELECT COUNT(*) FROM secret_versions v WHERE v.tenant = s.tenant \
     AND v.environment = s.environment AND v.name = s.name) FROM secrets s";

impl Store {
    /// Writes the next version of a secret, encrypted with the newest data key, and
    /// drops versions beyond the retention.
    pub async fn put_secret(
        &self,
        scope: &Scope,
        name: &str,
        value: SecretValue,
    ) -> Result<SecretMeta, VaultError> {
        validate_secret_name(name)?;
        self.require_scope(scope).await?;
        let mut attempt = 0;
        let meta = loop {
            attempt += 1;
            match self.try_put_secret(scope, name, &value).await {
                Err(err) if err.is_retryable() && attempt < PUT_ATTEMPTS => {
                    tracing::debug!(tenant = %scope.tenant, environment = %scope.environment,
                                    secret = name, attempt, "secret put collided; retrying");
                    tokio::time::sleep(Duration::from_millis(u64::from(attempt) * 5)).await;
                }
                Err(err) if err.is_retryable() => {
                    return Err(VaultError::Contention("secret put"));
                }
                other => break other?,
            }
        };
        self.invalidate_secret(scope, name);
        self.publish_change().await;
        tracing::info!(tenant = %scope.tenant, environment = %scope.environment, secret = name,
                       version = meta.version, "secret written");
        Ok(meta)
    }

    async fn try_put_secret(
        &self,
        scope: &Scope,
        name: &str,
        value: &SecretValue,
    ) -> Result<SecretMeta, VaultError> {
        let dek = self.newest_data_key().await?;
        let retention = self.options().secret_retention;
        let now = now_ms();
        with_db!(self.db(), |pool, begin| {
            let mut tx = pool.begin_with(begin).await?;
            let (version, created_ms, rotated_ms, last_used_ms): (
                i64,
                i64,
                Option<i64>,
                Option<i64>,
            ) = sqlx::query_as(
                "INSERT INTO secrets (tenant, environment, name, created_ms, latest_version)
                     VALUES ($1, $2, $3, $4, 1)
                     ON CONFLICT (tenant, environment, name) DO UPDATE
                     SET latest_version = secrets.latest_version + 1, rotated_ms = $4
                     RETURNING latest_version, created_ms, rotated_ms, last_used_ms",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let aad = secret_associated_data(
                &scope.tenant,
                &scope.environment,
                name,
                version,
                dek.version,
            );
            let sealed = dek.seal(value.expose(), &aad)?;
            sqlx::query(
                "INSERT INTO secret_versions (tenant, environment, name, version, dek_version,
                                              ciphertext, created_ms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .bind(version)
            .bind(dek.version)
            .bind(sealed)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "DELETE FROM secret_versions
                 WHERE tenant = $1 AND environment = $2 AND name = $3 AND version <= $4",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .bind(version - retention)
            .execute(&mut *tx)
            .await?;
            let (versions_kept,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM secret_versions
                 WHERE tenant = $1 AND environment = $2 AND name = $3",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(SecretMeta {
                name: name.to_owned(),
                version,
                created_ms,
                rotated_ms,
                last_used_ms,
                versions_kept,
            })
        })
    }

    /// The latest version of a secret, decrypted; `None` if the scope has no such secret.
    pub async fn resolve_secret(
        &self,
        scope: &Scope,
        name: &str,
    ) -> Result<Option<ResolvedSecret>, VaultError> {
        scope.validate()?;
        validate_secret_name(name)?;
        let cache_key: SecretCacheKey = (
            scope.tenant.clone(),
            scope.environment.clone(),
            name.to_owned(),
        );
        if let Some(hit) = self.cached_secret(&cache_key) {
            self.touch_secret(scope, name);
            return Ok(Some(hit));
        }
        let generation = self.secret_generation().load(Ordering::Acquire);
        let row: Option<(i64, i64, Vec<u8>)> = with_db!(self.db(), |pool| {
            sqlx::query_as(
                "SELECT version, dek_version, ciphertext FROM secret_versions
                 WHERE tenant = $1 AND environment = $2 AND name = $3
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .fetch_optional(pool)
            .await?
        });
        let Some((version, dek_version, sealed)) = row else {
            return Ok(None);
        };
        let resolved = self
            .decrypt_secret(scope, name, version, dek_version, &sealed)
            .await?;
        self.cache_secret(cache_key, generation, &resolved);
        self.touch_secret(scope, name);
        Ok(Some(resolved))
    }

    /// One stored version of a secret, decrypted; `None` if it does not exist (never
    /// written, or dropped by the retention).
    pub async fn resolve_secret_version(
        &self,
        scope: &Scope,
        name: &str,
        version: i64,
    ) -> Result<Option<ResolvedSecret>, VaultError> {
        scope.validate()?;
        validate_secret_name(name)?;
        let row: Option<(i64, Vec<u8>)> = with_db!(self.db(), |pool| {
            sqlx::query_as(
                "SELECT dek_version, ciphertext FROM secret_versions
                 WHERE tenant = $1 AND environment = $2 AND name = $3 AND version = $4",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .bind(version)
            .fetch_optional(pool)
            .await?
        });
        let Some((dek_version, sealed)) = row else {
            return Ok(None);
        };
        let resolved = self
            .decrypt_secret(scope, name, version, dek_version, &sealed)
            .await?;
        self.touch_secret(scope, name);
        Ok(Some(resolved))
    }

    async fn decrypt_secret(
        &self,
        scope: &Scope,
        name: &str,
        version: i64,
        dek_version: i64,
        sealed: &[u8],
    ) -> Result<ResolvedSecret, VaultError> {
        let dek = self.data_key(dek_version).await?;
        let aad = secret_associated_data(
            &scope.tenant,
            &scope.environment,
            name,
            version,
            dek_version,
        );
        let plain = dek.open(sealed, &aad).inspect_err(|_| {
            tracing::error!(tenant = %scope.tenant, environment = %scope.environment,
                            secret = name, version, dek_version,
                            "stored secret failed to decrypt (tampered or moved row?)");
        })?;
        Ok(ResolvedSecret {
            name: name.to_owned(),
            version,
            value: Arc::new(SecretValue::from_zeroizing(plain)),
        })
    }

    /// Metadata of every secret in a scope, by name.
    pub async fn list_secrets(&self, scope: &Scope) -> Result<Vec<SecretMeta>, VaultError> {
        self.require_scope(scope).await?;
        let sql =
            format!("{META_SELECT} WHERE s.tenant = $1 AND s.environment = $2 ORDER BY s.name");
        let rows: Vec<MetaRow> = with_db!(self.db(), |pool| {
            sqlx::query_as(&sql)
                .bind(&scope.tenant)
                .bind(&scope.environment)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(meta_from_row).collect())
    }

    /// Metadata of one secret; `NotFound` if the scope has no such secret.
    pub async fn secret_meta(&self, scope: &Scope, name: &str) -> Result<SecretMeta, VaultError> {
        scope.validate()?;
        validate_secret_name(name)?;
        let sql =
            format!("{META_SELECT} WHERE s.tenant = $1 AND s.environment = $2 AND s.name = $3");
        let row: Option<MetaRow> = with_db!(self.db(), |pool| {
            sqlx::query_as(&sql)
                .bind(&scope.tenant)
                .bind(&scope.environment)
                .bind(name)
                .fetch_optional(pool)
                .await?
        });
        row.map(meta_from_row)
            .ok_or_else(|| VaultError::not_found("secret", name))
    }

    /// Deletes a secret and all its versions; `NotFound` if there is none.
    pub async fn delete_secret(&self, scope: &Scope, name: &str) -> Result<(), VaultError> {
        scope.validate()?;
        validate_secret_name(name)?;
        let deleted = with_db!(self.db(), |pool, begin| {
            let mut tx = pool.begin_with(begin).await?;
            let deleted = sqlx::query(
                "DELETE FROM secrets WHERE tenant = $1 AND environment = $2 AND name = $3",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "DELETE FROM secret_versions WHERE tenant = $1 AND environment = $2 AND name = $3",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(name)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            deleted
        });
        self.invalidate_secret(scope, name);
        if deleted == 0 {
            return Err(VaultError::not_found("secret", name));
        }
        self.publish_change().await;
        tracing::info!(tenant = %scope.tenant, environment = %scope.environment, secret = name,
                       "secret deleted");
        Ok(())
    }

    fn touch_secret(&self, scope: &Scope, name: &str) {
        let throttle_key = format!("secret\0{}\0{}\0{name}", scope.tenant, scope.environment);
        if self.should_touch(throttle_key) {
            self.send_best_effort(WriterJob::TouchSecret {
                tenant: scope.tenant.clone(),
                environment: scope.environment.clone(),
                name: name.to_owned(),
                at_ms: now_ms(),
            });
        }
    }

    // Other stores' writes reach this cache through the change counter
    // (`StoreOptions::change_poll_interval`): they are seen within one poll.
    fn cached_secret(&self, key: &SecretCacheKey) -> Option<ResolvedSecret> {
        let ttl = self.options().secret_cache_ttl;
        let guard = self.secret_cache().lock().ok()?;
        let (at, resolved) = guard.get(key)?;
        (at.elapsed() < ttl).then(|| resolved.clone())
    }

    fn cache_secret(&self, key: SecretCacheKey, generation: u64, resolved: &ResolvedSecret) {
        if self.options().secret_cache_ttl.is_zero() {
            return;
        }
        if let Ok(mut guard) = self.secret_cache().lock() {
            // A put or delete since the read began may have made this value stale.
            if self.secret_generation().load(Ordering::Acquire) != generation {
                return;
            }
            // LIMITATION: bounded by clearing when full; an LRU would suit many secrets.
            if guard.len() >= 10_000 {
                guard.clear();
            }
            guard.insert(key, (Instant::now(), resolved.clone()));
        }
    }

    fn invalidate_secret(&self, scope: &Scope, name: &str) {
        if let Ok(mut guard) = self.secret_cache().lock() {
            self.secret_generation().fetch_add(1, Ordering::AcqRel);
            guard.remove(&(
                scope.tenant.clone(),
                scope.environment.clone(),
                name.to_owned(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names_follow_the_rules() {
        for good in ["a", "stripe/live_key", "A.b-c_d/e", &"x".repeat(128)] {
            assert!(validate_secret_name(good).is_ok(), "{good}");
        }
        for bad in ["", "/a", ".a", "a..b", "a b", "a:b", "é", &"x".repeat(129)] {
            assert!(validate_secret_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secret_value_is_redacted_and_owned() {
        let value = SecretValue::from(String::from("hunter2-canary"));
        assert_eq!(format!("{value:?} {value}"), "[REDACTED] [REDACTED]");
        assert_eq!(value.expose_str(), Some("hunter2-canary"));
        let copy = value.expose_clone();
        assert_eq!(copy.expose(), value.expose());
        let resolved = ResolvedSecret {
            name: "n".into(),
            version: 1,
            value: Arc::new(copy),
        };
        assert!(!format!("{resolved:?}").contains("hunter2"));
        assert_eq!(SecretValue::from(vec![0xff]).expose_str(), None);
    }
}
