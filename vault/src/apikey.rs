//! API keys: issuing, authenticating, listing, revoking.
//!
//! A key is `poly_` + 43 base64url characters (256 bits from the OS CSPRNG), shown once
//! at creation. The database stores only its SHA-256: a dump of the database lets no one
//! call the proxy. A plain (unsalted, fast) hash is enough because the input has 256
//! bits of entropy; a password hash would only slow every call down.
//!
//! `authenticate` runs on every call, so it checks the syntax first (garbage never
//! reaches the database), then looks the hash up in a short-lived in-memory cache, then
//! in the database by its unique index. Revoking a key or disabling a tenant on this
//! store clears the cache at once; other proxies sharing a Postgres store see it within
//! the cache TTL (`StoreOptions::key_cache_ttl`, default 5 s).

use std::fmt;
use std::time::Instant;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::crypto::{fill_random, hex, sha256};
use crate::db::with_db;
use crate::error::VaultError;
use crate::scope::Scope;
use crate::store::{now_ms, Store, WriterJob};

const KEY_PREFIX: &str = "poly_";
const KEY_BODY_LEN: usize = 43;

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Runs the platform: tenants, all keys. Only in the `_platform` scope.
    Operator,
    /// Administers one tenant's environment: its secrets, config and keys.
    TenantAdmin,
    /// An application: calls APIs through the proxy.
    App,
}

impl Role {
    /// The stored and serialized form: `operator`, `tenant-admin`, `app`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::TenantAdmin => "tenant-admin",
            Role::App => "app",
        }
    }

    /// Parses the stored form.
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "operator" => Some(Role::Operator),
            "tenant-admin" => Some(Role::TenantAdmin),
            "app" => Some(Role::App),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `create_key` needs.
#[derive(Clone, Debug)]
pub struct NewKey {
    /// Where the key acts.
    pub scope: Scope,
    /// What it may do.
    pub role: Role,
    /// A human note (not secret).
    pub label: Option<String>,
    /// When it stops working (unix ms), if ever.
    pub expires_ms: Option<i64>,
}

/// A key's public description. Safe to log and to return from the admin API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyInfo {
    /// Public identifier, `key_` + 12 hex digits.
    pub id: String,
    /// The key's tenant.
    pub tenant: String,
    /// The key's environment.
    pub environment: String,
    /// What it may do.
    pub role: Role,
    /// A human note.
    pub label: Option<String>,
    /// When it was issued (unix ms).
    pub created_ms: i64,
    /// When it stops working (unix ms).
    pub expires_ms: Option<i64>,
    /// When it was revoked (unix ms).
    pub revoked_ms: Option<i64>,
    /// When it was last used, as recorded by `touch_key` (throttled).
    pub last_used_ms: Option<i64>,
}

impl KeyInfo {
    /// The key's scope.
    pub fn scope(&self) -> Scope {
        Scope::new(&self.tenant, &self.environment)
    }

    fn usable_at(&self, now_ms: i64) -> bool {
        self.revoked_ms.is_none() && self.expires_ms.is_none_or(|at| at > now_ms)
    }
}

/// A freshly issued API key in plaintext, to show once. Zeroized on drop, redacted in
/// `Debug` and `Display`, neither `Clone` nor `Serialize`.
pub struct IssuedKey(Zeroizing<String>);

impl IssuedKey {
    /// The key, to hand to its owner.
    pub fn expose(&self) -> &str {
        &self.0
    }

    fn generate() -> IssuedKey {
        let mut random = Zeroizing::new([0u8; 32]);
        fill_random(random.as_mut());
        let mut text = Zeroizing::new(String::with_capacity(KEY_PREFIX.len() + KEY_BODY_LEN));
        text.push_str(KEY_PREFIX);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(random.as_ref(), &mut text);
        IssuedKey(text)
    }
}

impl fmt::Debug for IssuedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IssuedKey([REDACTED])")
    }
}

impl fmt::Display for IssuedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// Whether `presented` has the shape of an issued key (prefix, length, alphabet). Cheap;
/// runs before any lookup.
pub(crate) fn well_formed(presented: &str) -> bool {
    let Some(body) = presented.strip_prefix(KEY_PREFIX) else {
        return false;
    };
    body.len() == KEY_BODY_LEN
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `id` looks like a key id; anything else is refused before a lookup, and
/// never echoed (an operator may paste a key where an id belongs).
fn validate_key_id(id: &str) -> Result<(), VaultError> {
    let ok = id.strip_prefix("key_").is_some_and(|hex| {
        hex.len() == 12
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if ok {
        Ok(())
    } else {
        Err(VaultError::Invalid(
            "a key id is `key_` and 12 lowercase hex digits".into(),
        ))
    }
}

fn key_hash(key: &str) -> [u8; 32] {
    sha256(key.as_bytes())
}

fn new_key_id() -> String {
    let mut random = [0u8; 6];
    fill_random(&mut random);
    format!("key_{}", hex(&random))
}

type KeyRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
);

fn key_from_row(row: KeyRow) -> Result<KeyInfo, VaultError> {
    let (id, tenant, environment, role, label, created_ms, expires_ms, revoked_ms, last_used_ms) =
        row;
    let role = Role::parse(&role)
        .ok_or_else(|| VaultError::Invalid(format!("key {id} has an unknown stored role")))?;
    Ok(KeyInfo {
        id,
        tenant,
        environment,
        role,
        label,
        created_ms,
        expires_ms,
        revoked_ms,
        last_used_ms,
    })
}

const KEY_COLUMNS: &str = "k.id, k.tenant, k.environment, k.role, k.label, k.created_ms, \
                           k.expires_ms, k.revoked_ms, k.last_used_ms";

impl Store {
    /// Issues a key. Operator keys exist only in the `_platform` scope, and the
    /// `_platform` scope holds only operator keys.
    pub async fn create_key(&self, new: NewKey) -> Result<(KeyInfo, IssuedKey), VaultError> {
        if (new.role == Role::Operator) != new.scope.is_platform() {
            return Err(VaultError::Invalid(
                "operator keys exist only in the `_platform/_platform` scope, and that scope \
                 holds only operator keys"
                    .into(),
            ));
        }
        if let Some(label) = &new.label {
            if label.chars().count() > 200 || label.chars().any(char::is_control) {
                return Err(VaultError::Invalid(
                    "a key label is at most 200 characters, without control characters".into(),
                ));
            }
        }
        self.require_scope(&new.scope).await?;
        let issued = IssuedKey::generate();
        let hash = key_hash(issued.expose());
        let info = KeyInfo {
            id: new_key_id(),
            tenant: new.scope.tenant,
            environment: new.scope.environment,
            role: new.role,
            label: new.label,
            created_ms: now_ms(),
            expires_ms: new.expires_ms,
            revoked_ms: None,
            last_used_ms: None,
        };
        with_db!(self.db(), |pool| {
            sqlx::query(
                "INSERT INTO api_keys (id, hash, tenant, environment, role, label, created_ms,
                                       expires_ms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(&info.id)
            .bind(hash.to_vec())
            .bind(&info.tenant)
            .bind(&info.environment)
            .bind(info.role.as_str())
            .bind(&info.label)
            .bind(info.created_ms)
            .bind(info.expires_ms)
            .execute(pool)
            .await?;
        });
        tracing::info!(key_id = %info.id, tenant = %info.tenant, environment = %info.environment,
                       role = %info.role, "api key created");
        Ok((info, issued))
    }

    /// The key's description if `presented` is a live key: known, not revoked, not
    /// expired, its tenant not disabled. `None` otherwise (the reasons are not told
    /// apart, so a caller cannot probe). A success records the key's last use.
    pub async fn authenticate(&self, presented: &str) -> Result<Option<KeyInfo>, VaultError> {
        if !well_formed(presented) {
            return Ok(None);
        }
        let hash = key_hash(presented);
        let now = now_ms();
        // LIMITATION: every distinct well-formed but unknown key costs one indexed
        // database lookup; a flood of random keys is the proxy's rate limiter's job. A
        // per-client failure limit in front of this call would bound it.
        if let Some(cached) = self.cached_key(&hash) {
            let live = cached.filter(|info| info.usable_at(now));
            self.record_use(live.as_ref());
            return Ok(live);
        }
        let sql = format!(
            "SELECT {KEY_COLUMNS}, k.hash FROM api_keys k
             JOIN tenants t ON t.name = k.tenant
             WHERE k.hash = $1 AND t.disabled = 0"
        );
        let row: Option<(KeyRow, Vec<u8>)> = with_db!(self.db(), |pool| {
            sqlx::query_as::<
                _,
                (
                    String,
                    String,
                    String,
                    String,
                    Option<String>,
                    i64,
                    Option<i64>,
                    Option<i64>,
                    Option<i64>,
                    Vec<u8>,
                ),
            >(&sql)
            .bind(hash.to_vec())
            .fetch_optional(pool)
            .await?
            .map(|(a, b, c, d, e, f, g, h, i, stored)| ((a, b, c, d, e, f, g, h, i), stored))
        });
        let info = match row {
            Some((row, stored)) if bool::from(stored.as_slice().ct_eq(hash.as_slice())) => {
                Some(key_from_row(row)?)
            }
            _ => None,
        };
        self.cache_key(hash, info.clone());
        let live = info.filter(|info| info.usable_at(now));
        self.record_use(live.as_ref());
        Ok(live)
    }

    /// A successful authentication is a use: recorded like `touch_key` (throttled, in the
    /// background), so `last_used_ms` is kept even by callers that never touch.
    fn record_use(&self, live: Option<&KeyInfo>) {
        if let Some(info) = live {
            if self.should_touch(format!("key\0{}", info.id)) {
                self.send_best_effort(WriterJob::TouchKey {
                    id: info.id.clone(),
                    at_ms: now_ms(),
                });
            }
        }
    }

    /// Keys, newest first; all of them, or those of one scope.
    pub async fn list_keys(&self, scope: Option<&Scope>) -> Result<Vec<KeyInfo>, VaultError> {
        let rows: Vec<KeyRow> = match scope {
            None => {
                let sql = format!(
                    "SELECT {KEY_COLUMNS} FROM api_keys k ORDER BY k.created_ms DESC, k.id"
                );
                with_db!(self.db(), |pool| sqlx::query_as(&sql)
                    .fetch_all(pool)
                    .await?)
            }
            Some(scope) => {
                let sql = format!(
                    "SELECT {KEY_COLUMNS} FROM api_keys k WHERE k.tenant = $1 AND k.environment = $2
                     ORDER BY k.created_ms DESC, k.id"
                );
                with_db!(self.db(), |pool| {
                    sqlx::query_as(&sql)
                        .bind(&scope.tenant)
                        .bind(&scope.environment)
                        .fetch_all(pool)
                        .await?
                })
            }
        };
        rows.into_iter().map(key_from_row).collect()
    }

    /// One key by its public id.
    pub async fn key(&self, id: &str) -> Result<KeyInfo, VaultError> {
        validate_key_id(id)?;
        let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys k WHERE k.id = $1");
        let row: Option<KeyRow> = with_db!(self.db(), |pool| {
            sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?
        });
        match row {
            Some(row) => key_from_row(row),
            None => Err(VaultError::not_found("key", id)),
        }
    }

    /// Revokes a key (idempotent: the first revocation time is kept). This store stops
    /// accepting it at once.
    pub async fn revoke_key(&self, id: &str) -> Result<KeyInfo, VaultError> {
        validate_key_id(id)?;
        let updated = with_db!(self.db(), |pool| {
            sqlx::query("UPDATE api_keys SET revoked_ms = COALESCE(revoked_ms, $1) WHERE id = $2")
                .bind(now_ms())
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        self.invalidate_auth_cache();
        if updated == 0 {
            return Err(VaultError::not_found("key", id));
        }
        self.publish_change().await;
        tracing::info!(key_id = id, "api key revoked");
        self.key(id).await
    }

    /// Records that a key was used now. Throttled per key
    /// (`StoreOptions::touch_interval`) and written by the background writer, so it
    /// costs the caller no database round trip; `flush` waits for it.
    pub async fn touch_key(&self, id: &str) -> Result<(), VaultError> {
        validate_key_id(id)?;
        if self.should_touch(format!("key\0{id}")) {
            self.send_best_effort(WriterJob::TouchKey {
                id: id.to_owned(),
                at_ms: now_ms(),
            });
        }
        Ok(())
    }

    fn cached_key(&self, hash: &[u8; 32]) -> Option<Option<KeyInfo>> {
        let ttl = self.options().key_cache_ttl;
        let cache = self.auth_cache();
        let guard = cache.lock().ok()?;
        let (at, info) = guard.get(hash)?;
        (at.elapsed() < ttl).then(|| info.clone())
    }

    fn cache_key(&self, hash: [u8; 32], info: Option<KeyInfo>) {
        if self.options().key_cache_ttl.is_zero() {
            return;
        }
        if let Ok(mut guard) = self.auth_cache().lock() {
            // LIMITATION: the cache is bounded only by clearing it when full; an LRU
            // (or per-entry expiry sweep) would keep hot keys cached under churn.
            if guard.len() >= 10_000 {
                guard.clear();
            }
            guard.insert(hash, (Instant::now(), info));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_keys_are_well_formed_and_distinct() {
        let a = IssuedKey::generate();
        let b = IssuedKey::generate();
        assert!(well_formed(a.expose()));
        assert_eq!(a.expose().len(), 48);
        assert_ne!(a.expose(), b.expose());
        assert_eq!(format!("{a:?} {a}"), "IssuedKey([REDACTED]) [REDACTED]");
    }

    #[test]
    fn malformed_keys_are_rejected_before_lookup() {
        let good = IssuedKey::generate();
        let body = &good.expose()[5..];
        assert!(!well_formed(""));
        assert!(!well_formed(body));
        assert!(!well_formed(&format!("poly_{body}x")));
        assert!(!well_formed(&format!("poly_{}", &body[1..])));
        assert!(!well_formed(&format!("poly_{}+", &body[1..])));
        assert!(!well_formed(&format!("POLY_{body}")));
    }

    #[test]
    fn roles_serialize_in_kebab_case() {
        let json = serde_json::to_string(&[Role::Operator, Role::TenantAdmin, Role::App]).unwrap();
        assert_eq!(json, r#"["operator","tenant-admin","app"]"#);
        for role in [Role::Operator, Role::TenantAdmin, Role::App] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
    }

    #[test]
    fn key_ids_are_short_and_public() {
        let id = new_key_id();
        assert!(id.starts_with("key_") && id.len() == 16, "{id}");
        assert!(validate_key_id(&id).is_ok());
        let key = IssuedKey::generate();
        let err = validate_key_id(key.expose()).unwrap_err().to_string();
        assert!(!err.contains(key.expose()));
        assert!(validate_key_id("key_0123456789AB").is_err());
    }
}
