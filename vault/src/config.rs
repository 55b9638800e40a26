//! Config values: non-secret strings per scope, such as pinned parameters.
//!
//! Stored in plaintext on purpose: they are not secrets, operators read them back, and
//! keeping them out of the encryption path keeps that path small.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use crate::db::with_db;
use crate::error::VaultError;
use crate::scope::Scope;
use crate::store::{now_ms, Store};

/// Config keys follow the rules of secret names.
fn validate_config_key(key: &str) -> Result<(), VaultError> {
    crate::secret::validate_secret_name(key).map_err(|_| {
        VaultError::Invalid(
            "a config key is 1 to 128 characters of A-Z, a-z, 0-9, `.`, `_`, `-` and `/`, \
             not starting with `/` or `.`, without `..`"
                .into(),
        )
    })
}

const MAX_VALUE_LEN: usize = 64 * 1024;

/// The config values of a scope, as the call path reads them.
pub type ConfigValues = Arc<BTreeMap<String, String>>;

/// Config values read recently, per scope: a call with pinned parameters would
/// otherwise cost two database round trips. Writes through this store clear it at
/// once, writes elsewhere within one change poll; entries live `secret_cache_ttl`.
#[derive(Default)]
pub(crate) struct ConfigCache {
    /// Bumped by every invalidation, so a read that raced a write is not cached.
    generation: u64,
    entries: HashMap<Scope, (Instant, ConfigValues)>,
}

impl Store {
    /// Sets (inserts or replaces) a config value.
    pub async fn set_config(
        &self,
        scope: &Scope,
        key: &str,
        value: String,
    ) -> Result<(), VaultError> {
        validate_config_key(key)?;
        if value.len() > MAX_VALUE_LEN {
            return Err(VaultError::Invalid(
                "a config value is at most 64 KiB".into(),
            ));
        }
        self.require_scope(scope).await?;
        with_db!(self.db(), |pool| {
            sqlx::query(
                "INSERT INTO config (tenant, environment, key, value, updated_ms)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (tenant, environment, key) DO UPDATE
                 SET value = excluded.value, updated_ms = excluded.updated_ms",
            )
            .bind(&scope.tenant)
            .bind(&scope.environment)
            .bind(key)
            .bind(value)
            .bind(now_ms())
            .execute(pool)
            .await?;
        });
        self.invalidate_config();
        self.publish_change().await;
        tracing::info!(tenant = %scope.tenant, environment = %scope.environment, key, "config set");
        Ok(())
    }

    /// Every config value of a scope.
    pub async fn list_config(&self, scope: &Scope) -> Result<BTreeMap<String, String>, VaultError> {
        self.require_scope(scope).await?;
        let rows: Vec<(String, String)> = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT key, value FROM config WHERE tenant = $1 AND environment = $2")
                .bind(&scope.tenant)
                .bind(&scope.environment)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().collect())
    }

    /// Every config value of a scope, for the call path: cached like decrypted secrets
    /// (see [`ConfigCache`]). Administrative reads use [`Store::list_config`].
    pub async fn config_values(&self, scope: &Scope) -> Result<ConfigValues, VaultError> {
        let ttl = self.options().secret_cache_ttl;
        // A poisoned cache is bypassed, not trusted.
        let mut generation = None;
        if let Ok(guard) = self.config_cache().lock() {
            if let Some((at, values)) = guard.entries.get(scope) {
                if at.elapsed() < ttl {
                    return Ok(values.clone());
                }
            }
            generation = Some(guard.generation);
        }
        let values = Arc::new(self.list_config(scope).await?);
        if !ttl.is_zero() {
            if let Ok(mut guard) = self.config_cache().lock() {
                if Some(guard.generation) == generation {
                    if guard.entries.len() >= 10_000 {
                        guard.entries.clear();
                    }
                    guard
                        .entries
                        .insert(scope.clone(), (Instant::now(), values.clone()));
                }
            }
        }
        Ok(values)
    }

    /// Forgets every cached config value.
    pub(crate) fn invalidate_config(&self) {
        if let Ok(mut guard) = self.config_cache().lock() {
            guard.generation += 1;
            guard.entries.clear();
        }
    }

    /// Deletes a config value; `NotFound` if there is none.
    pub async fn delete_config(&self, scope: &Scope, key: &str) -> Result<(), VaultError> {
        scope.validate()?;
        validate_config_key(key)?;
        let deleted = with_db!(self.db(), |pool| {
            sqlx::query("DELETE FROM config WHERE tenant = $1 AND environment = $2 AND key = $3")
                .bind(&scope.tenant)
                .bind(&scope.environment)
                .bind(key)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if deleted == 0 {
            return Err(VaultError::not_found("config", key));
        }
        self.invalidate_config();
        self.publish_change().await;
        tracing::info!(tenant = %scope.tenant, environment = %scope.environment, key,
                       "config deleted");
        Ok(())
    }
}
