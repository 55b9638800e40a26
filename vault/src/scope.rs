//! Tenants, environments and the scope (tenant, environment) every key, secret and config
//! value lives in.
//!
//! Names are restricted (`[a-z0-9][a-z0-9_-]{0,62}`) because they appear in URLs, log
//! fields and associated data. The scope `_platform/_platform` is reserved for operator
//! keys; it is created by the first migration, and no other name may start with `_`.

use serde::{Deserialize, Serialize};

use crate::db::with_db;
use crate::error::VaultError;
use crate::store::{now_ms, Store};

/// The reserved tenant and environment of operator keys.
pub const PLATFORM: &str = "_platform";

/// Where a key, secret or config value lives.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Scope {
    /// The tenant's name.
    pub tenant: String,
    /// The environment's name, within the tenant.
    pub environment: String,
}

impl Scope {
    /// A scope from two names (not validated until used).
    pub fn new(tenant: impl Into<String>, environment: impl Into<String>) -> Scope {
        Scope {
            tenant: tenant.into(),
            environment: environment.into(),
        }
    }

    /// The reserved operator scope `_platform/_platform`.
    pub fn platform() -> Scope {
        Scope::new(PLATFORM, PLATFORM)
    }

    /// Whether this is the reserved operator scope.
    pub fn is_platform(&self) -> bool {
        self.tenant == PLATFORM && self.environment == PLATFORM
    }

    /// Checks both names (the platform scope is accepted as a whole).
    pub(crate) fn validate(&self) -> Result<(), VaultError> {
        if self.is_platform() {
            return Ok(());
        }
        validate_name("tenant", &self.tenant)?;
        validate_name("environment", &self.environment)
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.tenant, self.environment)
    }
}

/// A tenant as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantInfo {
    /// Its name.
    pub name: String,
    /// When it was created (unix ms).
    pub created_ms: i64,
    /// Disabled tenants' keys do not authenticate.
    pub disabled: bool,
}

/// An environment as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvironmentInfo {
    /// The tenant it belongs to.
    pub tenant: String,
    /// Its name.
    pub name: String,
    /// When it was created (unix ms).
    pub created_ms: i64,
}

/// Checks a tenant or environment name: `[a-z0-9][a-z0-9_-]{0,62}`.
pub(crate) fn validate_name(kind: &str, name: &str) -> Result<(), VaultError> {
    let bytes = name.as_bytes();
    let first_ok = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok = bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-');
    if first_ok && rest_ok && bytes.len() <= 63 {
        Ok(())
    } else {
        Err(VaultError::Invalid(format!(
            "a {kind} name is 1 to 63 characters of a-z, 0-9, `_` and `-`, starting with a \
             letter or digit"
        )))
    }
}

impl Store {
    /// Creates a tenant. An existing one is a `Conflict`.
    pub async fn create_tenant(&self, name: &str) -> Result<TenantInfo, VaultError> {
        validate_name("tenant", name)?;
        let created_ms = now_ms();
        let inserted = with_db!(self.db(), |pool| {
            sqlx::query(
                "INSERT INTO tenants (name, created_ms, disabled) VALUES ($1, $2, 0)
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(created_ms)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if inserted == 0 {
            return Err(VaultError::conflict("tenant", name));
        }
        tracing::info!(tenant = name, "tenant created");
        Ok(TenantInfo {
            name: name.to_owned(),
            created_ms,
            disabled: false,
        })
    }

    /// Every tenant, by name (the reserved `_platform` included).
    pub async fn list_tenants(&self) -> Result<Vec<TenantInfo>, VaultError> {
        let rows: Vec<(String, i64, i64)> = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT name, created_ms, disabled FROM tenants ORDER BY name")
                .fetch_all(pool)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(name, created_ms, disabled)| TenantInfo {
                name,
                created_ms,
                disabled: disabled != 0,
            })
            .collect())
    }

    /// Disables or re-enables a tenant. A disabled tenant's keys stop authenticating at
    /// once on this store, and within the authentication cache TTL on other proxies.
    pub async fn set_tenant_disabled(&self, name: &str, disabled: bool) -> Result<(), VaultError> {
        if name == PLATFORM {
            return Err(VaultError::Invalid(
                "the `_platform` tenant cannot be disabled".into(),
            ));
        }
        validate_name("tenant", name)?;
        let updated = with_db!(self.db(), |pool| {
            sqlx::query("UPDATE tenants SET disabled = $1 WHERE name = $2")
                .bind(i64::from(disabled))
                .bind(name)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if updated == 0 {
            return Err(VaultError::not_found("tenant", name));
        }
        self.invalidate_auth_cache();
        self.publish_change().await;
        tracing::info!(tenant = name, disabled, "tenant disabled flag set");
        Ok(())
    }

    /// Creates an environment in an existing tenant. An existing one is a `Conflict`.
    pub async fn create_environment(
        &self,
        tenant: &str,
        environment: &str,
    ) -> Result<EnvironmentInfo, VaultError> {
        validate_name("tenant", tenant)?;
        validate_name("environment", environment)?;
        let created_ms = now_ms();
        let inserted = with_db!(self.db(), |pool| {
            sqlx::query(
                "INSERT INTO environments (tenant, name, created_ms)
                 SELECT name, $2, $3 FROM tenants WHERE name = $1
                 ON CONFLICT (tenant, name) DO NOTHING",
            )
            .bind(tenant)
            .bind(environment)
            .bind(created_ms)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if inserted == 0 {
            if !self.tenant_exists(tenant).await? {
                return Err(VaultError::not_found("tenant", tenant));
            }
            return Err(VaultError::conflict(
                "environment",
                &format!("{tenant}/{environment}"),
            ));
        }
        tracing::info!(tenant, environment, "environment created");
        Ok(EnvironmentInfo {
            tenant: tenant.to_owned(),
            name: environment.to_owned(),
            created_ms,
        })
    }

    /// The environments of a tenant, by name.
    pub async fn list_environments(
        &self,
        tenant: &str,
    ) -> Result<Vec<EnvironmentInfo>, VaultError> {
        if !self.tenant_exists(tenant).await? {
            return Err(VaultError::not_found("tenant", tenant));
        }
        let rows: Vec<(String, String, i64)> = with_db!(self.db(), |pool| {
            sqlx::query_as(
                "SELECT tenant, name, created_ms FROM environments WHERE tenant = $1 ORDER BY name",
            )
            .bind(tenant)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(tenant, name, created_ms)| EnvironmentInfo {
                tenant,
                name,
                created_ms,
            })
            .collect())
    }

    async fn tenant_exists(&self, tenant: &str) -> Result<bool, VaultError> {
        let row: Option<(String,)> = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT name FROM tenants WHERE name = $1")
                .bind(tenant)
                .fetch_optional(pool)
                .await?
        });
        Ok(row.is_some())
    }

    /// `NotFound` unless the scope's environment exists.
    pub(crate) async fn require_scope(&self, scope: &Scope) -> Result<(), VaultError> {
        scope.validate()?;
        let row: Option<(String,)> = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT name FROM environments WHERE tenant = $1 AND name = $2")
                .bind(&scope.tenant)
                .bind(&scope.environment)
                .fetch_optional(pool)
                .await?
        });
        match row {
            Some(_) => Ok(()),
            None => Err(VaultError::not_found("environment", &scope.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_pattern() {
        for good in ["a", "acme", "acme-crm", "a_b", "0", &"a".repeat(63)] {
            assert!(validate_name("tenant", good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "_platform",
            "-a",
            "Acme",
            "a b",
            "a/b",
            "é",
            &"a".repeat(64),
        ] {
            assert!(validate_name("tenant", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn platform_scope_is_valid_but_not_mixable() {
        assert!(Scope::platform().validate().is_ok());
        assert!(Scope::new("_platform", "prod").validate().is_err());
        assert!(Scope::new("acme", "_platform").validate().is_err());
    }
}
