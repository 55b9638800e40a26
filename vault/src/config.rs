//! Config values: non-secret strings per scope, such as pinned parameters.
//!
//! Stored in plaintext on purpose: they are not secrets, operators read them back, and
//! keeping them out of the encryption path keeps that path small.

use std::collections::BTreeMap;

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
        tracing::info!(tenant = %scope.tenant, environment = %scope.environment, key,
                       "config deleted");
        Ok(())
    }
}
