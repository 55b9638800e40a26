//! The store against both backends: secrets, keys, rotation, caches, audit, canaries.

mod backend;

use std::sync::Arc;
use std::time::Duration;

use backend::{fresh_ring, ring_of, Backend, TestDb};
use poly_vault::{
    AuditQuery, AuditRecord, KeyRing, MasterKey, NewKey, Role, Scope, SecretValue, Store,
    StoreOptions, VaultError,
};

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

async fn scoped(store: &Store, tenant: &str, env: &str) -> Scope {
    match store.create_tenant(tenant).await {
        Ok(_) | Err(VaultError::Conflict { .. }) => {}
        Err(err) => panic!("create tenant: {err}"),
    }
    store
        .create_environment(tenant, env)
        .await
        .expect("create environment");
    Scope::new(tenant, env)
}

fn value(text: &str) -> SecretValue {
    SecretValue::from(text.to_owned())
}

async fn resolve_text(store: &Store, scope: &Scope, name: &str) -> Option<(i64, String)> {
    store
        .resolve_secret(scope, name)
        .await
        .expect("resolve")
        .map(|r| (r.version, r.value.expose_str().expect("utf-8").to_owned()))
}

on_both_backends!(
    put_then_resolve_round_trips,
    versions_are_kept_up_to_the_retention,
    concurrent_puts_get_distinct_consecutive_versions,
    resolved_old_version_stays_usable_after_rotation,
    cache_is_used_and_invalidated_on_put_and_delete,
    changes_elsewhere_are_seen_within_a_poll,
    copied_ciphertext_row_fails_to_decrypt,
    wrong_master_key_fails_to_open,
    master_key_rotation_then_reopen,
    data_key_rotation_keeps_old_secrets_readable,
    key_create_authenticate_revoke,
    expired_keys_do_not_authenticate,
    disabled_tenant_keys_do_not_authenticate,
    operator_keys_only_in_platform_scope,
    issued_key_has_the_documented_format,
    canary_never_leaks,
    tenants_and_environments,
    config_round_trip,
    audit_is_written_in_the_background_and_listed,
    last_used_is_recorded,
    missing_and_foreign_secrets_look_the_same,
    migrations_are_idempotent,
);

async fn put_then_resolve_round_trips(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let meta = store
        .put_secret(&scope, "stripe/key", value("sk_live_1"))
        .await
        .unwrap();
    assert_eq!(
        (meta.name.as_str(), meta.version, meta.versions_kept),
        ("stripe/key", 1, 1)
    );
    assert_eq!(meta.rotated_ms, None);
    assert_eq!(
        resolve_text(&store, &scope, "stripe/key").await,
        Some((1, "sk_live_1".to_owned()))
    );
    // Binary values survive too.
    store
        .put_secret(&scope, "bin", SecretValue::from(vec![0, 255, 7]))
        .await
        .unwrap();
    let bin = store.resolve_secret(&scope, "bin").await.unwrap().unwrap();
    assert_eq!(bin.value.expose(), &[0, 255, 7]);
    // Listed with metadata only.
    let names: Vec<String> = store
        .list_secrets(&scope)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(names, ["bin", "stripe/key"]);
    // Deleted is gone.
    store.delete_secret(&scope, "bin").await.unwrap();
    assert!(store.resolve_secret(&scope, "bin").await.unwrap().is_none());
    assert!(matches!(
        store.delete_secret(&scope, "bin").await,
        Err(VaultError::NotFound { kind: "secret", .. })
    ));
    // Unknown environment.
    assert!(matches!(
        store
            .put_secret(&Scope::new("acme", "nope"), "x", value("v"))
            .await,
        Err(VaultError::NotFound {
            kind: "environment",
            ..
        })
    ));
    assert!(matches!(
        store.put_secret(&scope, "../etc", value("v")).await,
        Err(VaultError::Invalid(_))
    ));
}

async fn versions_are_kept_up_to_the_retention(db: Arc<TestDb>) {
    let options = StoreOptions {
        secret_retention: 3,
        ..db.options()
    };
    let store = db.open_with(fresh_ring().0, options).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let first = store
        .put_secret(&scope, "token", value("v1"))
        .await
        .unwrap();
    let mut last = first.clone();
    for n in 2..=5 {
        last = store
            .put_secret(&scope, "token", value(&format!("v{n}")))
            .await
            .unwrap();
        assert_eq!(last.version, n);
    }
    assert_eq!(last.versions_kept, 3);
    assert_eq!(last.created_ms, first.created_ms);
    assert!(last.rotated_ms.is_some());
    for gone in [1, 2] {
        assert!(store
            .resolve_secret_version(&scope, "token", gone)
            .await
            .unwrap()
            .is_none());
    }
    for kept in 3..=5 {
        let old = store
            .resolve_secret_version(&scope, "token", kept)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(old.value.expose_str(), Some(format!("v{kept}").as_str()));
    }
    let meta = store.secret_meta(&scope, "token").await.unwrap();
    assert_eq!((meta.version, meta.versions_kept), (5, 3));
    assert!(matches!(
        Store::open(
            &db.url,
            fresh_ring().0,
            StoreOptions {
                secret_retention: 0,
                ..db.options()
            }
        )
        .await,
        Err(VaultError::Invalid(_))
    ));
}

async fn concurrent_puts_get_distinct_consecutive_versions(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let tasks: Vec<_> = (0..20)
        .map(|n| {
            let store = store.clone();
            let scope = scope.clone();
            tokio::spawn(async move {
                store
                    .put_secret(&scope, "shared", value(&format!("value-{n}")))
                    .await
            })
        })
        .collect();
    let mut versions = Vec::new();
    for task in tasks {
        versions.push(task.await.unwrap().unwrap().version);
    }
    versions.sort_unstable();
    assert_eq!(versions, (1..=20).collect::<Vec<i64>>());
    let meta = store.secret_meta(&scope, "shared").await.unwrap();
    assert_eq!((meta.version, meta.versions_kept), (20, 5));
    assert_eq!(
        db.scalar("SELECT COUNT(DISTINCT version) FROM secret_versions WHERE name = 'shared'")
            .await,
        5
    );
}

async fn resolved_old_version_stays_usable_after_rotation(db: Arc<TestDb>) {
    let options = StoreOptions {
        secret_retention: 1,
        ..db.options()
    };
    let store = db.open_with(fresh_ring().0, options).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store
        .put_secret(&scope, "token", value("old-value"))
        .await
        .unwrap();
    let in_flight = store
        .resolve_secret(&scope, "token")
        .await
        .unwrap()
        .unwrap();
    store
        .put_secret(&scope, "token", value("new-value"))
        .await
        .unwrap();
    // Version 1 is gone from the database, yet the call that resolved it still has it.
    assert!(store
        .resolve_secret_version(&scope, "token", 1)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        (in_flight.version, in_flight.value.expose_str()),
        (1, Some("old-value"))
    );
    assert_eq!(
        resolve_text(&store, &scope, "token").await,
        Some((2, "new-value".into()))
    );
}

/// Waits until `check` holds, polling every 10 ms for at most `limit`.
async fn eventually<F, Fut>(limit: Duration, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

async fn changes_elsewhere_are_seen_within_a_poll(db: Arc<TestDb>) {
    let (ring, encoded) = fresh_ring();
    // Caches that would hold for an hour: only the change watch can refresh them.
    let watching = StoreOptions {
        change_poll_interval: Duration::from_millis(50),
        secret_cache_ttl: Duration::from_secs(3600),
        key_cache_ttl: Duration::from_secs(3600),
        ..db.options()
    };
    let proxy = db.open_with(ring, watching).await.unwrap();
    let cli = db.open(ring_of(&encoded, &[])).await.unwrap();
    let scope = scoped(&proxy, "acme", "prod").await;
    let (info, issued) = proxy
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    proxy
        .put_secret(&scope, "token", value("one"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&proxy, &scope, "token").await,
        Some((1, "one".into()))
    );
    assert!(proxy.authenticate(issued.expose()).await.unwrap().is_some());
    let limit = Duration::from_secs(5);

    // A rotation through another store (the CLI on the same database).
    cli.put_secret(&scope, "token", value("two")).await.unwrap();
    assert!(
        eventually(limit, || async {
            resolve_text(&proxy, &scope, "token").await == Some((2, "two".into()))
        })
        .await,
        "the proxy kept serving the old version"
    );

    // A deletion.
    cli.delete_secret(&scope, "token").await.unwrap();
    assert!(
        eventually(limit, || async {
            resolve_text(&proxy, &scope, "token").await.is_none()
        })
        .await,
        "the proxy kept serving a deleted secret"
    );

    // A revocation.
    cli.revoke_key(&info.id).await.unwrap();
    assert!(
        eventually(limit, || async {
            proxy.authenticate(issued.expose()).await.unwrap().is_none()
        })
        .await,
        "the proxy kept accepting a revoked key"
    );

    // A config value (a pinned parameter), read through the call path's cache.
    assert!(proxy.config_values(&scope).await.unwrap().is_empty());
    cli.set_config(&scope, "company_id", "4711".into())
        .await
        .unwrap();
    assert!(
        eventually(limit, || async {
            proxy.config_values(&scope).await.unwrap().get("company_id") == Some(&"4711".to_owned())
        })
        .await,
        "the proxy kept serving the old config values"
    );
    cli.delete_config(&scope, "company_id").await.unwrap();
    assert!(
        eventually(limit, || async {
            proxy.config_values(&scope).await.unwrap().is_empty()
        })
        .await,
        "the proxy kept serving a deleted config value"
    );
}

async fn cache_is_used_and_invalidated_on_put_and_delete(db: Arc<TestDb>) {
    let (ring, encoded) = fresh_ring();
    let store = db.open(ring).await.unwrap();
    let other_proxy = db.open(ring_of(&encoded, &[])).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store
        .put_secret(&scope, "token", value("one"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&store, &scope, "token").await,
        Some((1, "one".into()))
    );
    // A write by another proxy is not seen while the entry is cached…
    other_proxy
        .put_secret(&scope, "token", value("two"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&store, &scope, "token").await,
        Some((1, "one".into()))
    );
    // …but a write through this store invalidates the entry at once.
    store
        .put_secret(&scope, "token", value("three"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&store, &scope, "token").await,
        Some((3, "three".into()))
    );
    store.delete_secret(&scope, "token").await.unwrap();
    assert_eq!(resolve_text(&store, &scope, "token").await, None);
    // With the cache off, another proxy's write is seen immediately.
    let uncached = db
        .open_with(
            ring_of(&encoded, &[]),
            StoreOptions {
                secret_cache_ttl: Duration::ZERO,
                ..db.options()
            },
        )
        .await
        .unwrap();
    other_proxy
        .put_secret(&scope, "token", value("four"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&uncached, &scope, "token").await,
        Some((1, "four".into()))
    );
    other_proxy
        .put_secret(&scope, "token", value("five"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&uncached, &scope, "token").await,
        Some((2, "five".into()))
    );
}

async fn copied_ciphertext_row_fails_to_decrypt(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let victim = scoped(&store, "victim", "prod").await;
    let attacker = scoped(&store, "attacker", "prod").await;
    store
        .put_secret(&victim, "token", value("victim-secret"))
        .await
        .unwrap();
    store
        .put_secret(&victim, "token", value("victim-secret-2"))
        .await
        .unwrap();
    // To another tenant, same name and version.
    let copied = db
        .exec(
            "INSERT INTO secret_versions (tenant, environment, name, version, dek_version,
                                          ciphertext, created_ms)
             SELECT 'attacker', environment, name, version, dek_version, ciphertext, created_ms
             FROM secret_versions WHERE tenant = 'victim' AND version = 1",
        )
        .await;
    assert_eq!(copied, 1);
    assert!(matches!(
        store.resolve_secret(&attacker, "token").await,
        Err(VaultError::Crypto)
    ));
    // To another name in the same scope.
    db.exec(
        "INSERT INTO secret_versions (tenant, environment, name, version, dek_version,
                                      ciphertext, created_ms)
         SELECT tenant, environment, 'other', version, dek_version, ciphertext, created_ms
         FROM secret_versions WHERE tenant = 'victim' AND version = 1",
    )
    .await;
    assert!(matches!(
        store.resolve_secret(&victim, "other").await,
        Err(VaultError::Crypto)
    ));
    // Version 1's ciphertext moved onto version 2.
    db.exec(
        "UPDATE secret_versions SET ciphertext = (SELECT ciphertext FROM secret_versions
            WHERE tenant = 'victim' AND name = 'token' AND version = 1)
         WHERE tenant = 'victim' AND name = 'token' AND version = 2",
    )
    .await;
    assert!(matches!(
        store.resolve_secret_version(&victim, "token", 2).await,
        Err(VaultError::Crypto)
    ));
    // The untouched original still decrypts.
    let original = store
        .resolve_secret_version(&victim, "token", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(original.value.expose_str(), Some("victim-secret"));
}

async fn wrong_master_key_fails_to_open(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store.put_secret(&scope, "token", value("v")).await.unwrap();
    store.close().await.unwrap();
    let err = db.open(fresh_ring().0).await.unwrap_err();
    assert!(matches!(err, VaultError::WrongMasterKey { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("master key") && message.contains("previous"),
        "{message}"
    );
}

async fn master_key_rotation_then_reopen(db: Arc<TestDb>) {
    let (ring, old) = fresh_ring();
    let store = db.open(ring).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store
        .put_secret(&scope, "token", value("before"))
        .await
        .unwrap();
    store.rotate_data_key().await.unwrap();
    store
        .put_secret(&scope, "other", value("after-dek"))
        .await
        .unwrap();
    let new = MasterKey::generate();
    let new_encoded = new.encode().to_string();
    let new_id = new.id();
    store.rotate_master_key(new).await.unwrap();
    assert_eq!(store.master_key_id(), new_id);
    // The running store keeps working, reads and writes.
    assert_eq!(
        resolve_text(&store, &scope, "token").await,
        Some((1, "before".into()))
    );
    store
        .put_secret(&scope, "token", value("during"))
        .await
        .unwrap();
    store.close().await.unwrap();
    // The new key alone opens and reads everything.
    let reopened = db.open(ring_of(&new_encoded, &[])).await.unwrap();
    assert_eq!(
        resolve_text(&reopened, &scope, "token").await,
        Some((2, "during".into()))
    );
    assert_eq!(
        resolve_text(&reopened, &scope, "other").await,
        Some((1, "after-dek".into()))
    );
    reopened.close().await.unwrap();
    // During a rollout the old key may be listed as previous.
    let rollout = db.open(ring_of(&new_encoded, &[&old])).await.unwrap();
    rollout.close().await.unwrap();
    // The old key alone no longer opens the store.
    assert!(matches!(
        db.open(ring_of(&old, &[])).await,
        Err(VaultError::WrongMasterKey { .. })
    ));
    // Previous keys alone are tried too: the old key current, the new one previous.
    let reversed = db.open(ring_of(&old, &[&new_encoded])).await.unwrap();
    assert_eq!(
        resolve_text(&reversed, &scope, "token").await,
        Some((2, "during".into()))
    );
}

async fn data_key_rotation_keeps_old_secrets_readable(db: Arc<TestDb>) {
    let (ring, encoded) = fresh_ring();
    let store = db.open(ring).await.unwrap();
    let reading_proxy = db.open(ring_of(&encoded, &[])).await.unwrap();
    let writing_proxy = db.open(ring_of(&encoded, &[])).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store
        .put_secret(&scope, "old", value("under-dek-1"))
        .await
        .unwrap();
    assert_eq!(store.rotate_data_key().await.unwrap(), 2);
    store
        .put_secret(&scope, "new", value("under-dek-2"))
        .await
        .unwrap();
    let dek_of =
        |name: &str| format!("SELECT dek_version FROM secret_versions WHERE name = '{name}'");
    assert_eq!(db.scalar(&dek_of("old")).await, 1);
    assert_eq!(db.scalar(&dek_of("new")).await, 2);
    assert_eq!(
        resolve_text(&store, &scope, "old").await,
        Some((1, "under-dek-1".into()))
    );
    // Proxies opened before the rotation load the new data key when they meet it…
    assert_eq!(
        resolve_text(&reading_proxy, &scope, "new").await,
        Some((1, "under-dek-2".into()))
    );
    // …and write with the newest one.
    writing_proxy
        .put_secret(&scope, "third", value("v"))
        .await
        .unwrap();
    assert_eq!(db.scalar(&dek_of("third")).await, 2);
    assert_eq!(store.rotate_data_key().await.unwrap(), 3);
    store
        .put_secret(&scope, "old", value("under-dek-3"))
        .await
        .unwrap();
    assert_eq!(
        resolve_text(&writing_proxy, &scope, "old").await,
        Some((2, "under-dek-3".into()))
    );
    let first = writing_proxy
        .resolve_secret_version(&scope, "old", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.value.expose_str(), Some("under-dek-1"));
}

async fn key_create_authenticate_revoke(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let (info, issued) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: Some("billing service".into()),
            expires_ms: None,
        })
        .await
        .unwrap();
    assert_eq!(info.scope(), scope);
    let authed = store
        .authenticate(issued.expose())
        .await
        .unwrap()
        .expect("live key");
    assert_eq!(authed.id, info.id);
    assert_eq!(authed.role, Role::App);
    // Cached now; revocation on this store takes effect at once.
    assert!(store.authenticate(issued.expose()).await.unwrap().is_some());
    let revoked = store.revoke_key(&info.id).await.unwrap();
    assert!(revoked.revoked_ms.is_some());
    assert!(store.authenticate(issued.expose()).await.unwrap().is_none());
    // Unknown, tampered and malformed keys.
    let mut tampered = issued.expose().to_owned();
    let last = if tampered.ends_with('A') { "B" } else { "A" };
    tampered.replace_range(tampered.len() - 1.., last);
    for presented in [
        tampered.as_str(),
        "",
        "poly_",
        "Bearer x",
        &issued.expose()[1..],
    ] {
        assert!(
            store.authenticate(presented).await.unwrap().is_none(),
            "{presented}"
        );
    }
    // Listing and lookup.
    let (second, _) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::TenantAdmin,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    let listed = store.list_keys(Some(&scope)).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(store.key(&second.id).await.unwrap(), second);
    assert!(store.list_keys(None).await.unwrap().len() >= 2);
    assert!(store
        .list_keys(Some(&Scope::new("acme", "dev")))
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store.revoke_key("key_000000000000").await,
        Err(VaultError::NotFound { kind: "key", .. })
    ));
    assert!(matches!(
        store
            .create_key(NewKey {
                scope: Scope::new("acme", "missing"),
                role: Role::App,
                label: None,
                expires_ms: None,
            })
            .await,
        Err(VaultError::NotFound { .. })
    ));
}

async fn expired_keys_do_not_authenticate(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let new_key = |expires_ms| NewKey {
        scope: scope.clone(),
        role: Role::App,
        label: None,
        expires_ms: Some(expires_ms),
    };
    let (_, past) = store.create_key(new_key(now_ms() - 1)).await.unwrap();
    assert!(store.authenticate(past.expose()).await.unwrap().is_none());
    let (_, soon) = store.create_key(new_key(now_ms() + 400)).await.unwrap();
    assert!(store.authenticate(soon.expose()).await.unwrap().is_some());
    tokio::time::sleep(Duration::from_millis(600)).await;
    // Still in the authentication cache, yet expired.
    assert!(store.authenticate(soon.expose()).await.unwrap().is_none());
}

async fn disabled_tenant_keys_do_not_authenticate(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let (_, issued) = store
        .create_key(NewKey {
            scope,
            role: Role::App,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    assert!(store.authenticate(issued.expose()).await.unwrap().is_some());
    store.set_tenant_disabled("acme", true).await.unwrap();
    assert!(store.authenticate(issued.expose()).await.unwrap().is_none());
    let tenants = store.list_tenants().await.unwrap();
    assert!(tenants.iter().any(|t| t.name == "acme" && t.disabled));
    store.set_tenant_disabled("acme", false).await.unwrap();
    assert!(store.authenticate(issued.expose()).await.unwrap().is_some());
    assert!(matches!(
        store.set_tenant_disabled("_platform", true).await,
        Err(VaultError::Invalid(_))
    ));
    assert!(matches!(
        store.set_tenant_disabled("nobody", true).await,
        Err(VaultError::NotFound { .. })
    ));
}

async fn operator_keys_only_in_platform_scope(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let key = |scope: Scope, role| NewKey {
        scope,
        role,
        label: None,
        expires_ms: None,
    };
    assert!(matches!(
        store.create_key(key(scope.clone(), Role::Operator)).await,
        Err(VaultError::Invalid(_))
    ));
    for role in [Role::App, Role::TenantAdmin] {
        assert!(matches!(
            store.create_key(key(Scope::platform(), role)).await,
            Err(VaultError::Invalid(_))
        ));
    }
    let (info, issued) = store
        .create_key(key(Scope::platform(), Role::Operator))
        .await
        .unwrap();
    assert_eq!(
        (info.tenant.as_str(), info.role),
        ("_platform", Role::Operator)
    );
    let authed = store.authenticate(issued.expose()).await.unwrap().unwrap();
    assert_eq!(authed.role, Role::Operator);
    assert!(matches!(
        store.create_tenant("_evil").await,
        Err(VaultError::Invalid(_))
    ));
}

async fn issued_key_has_the_documented_format(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let format = regex::Regex::new(r"^poly_[A-Za-z0-9_-]{43}$").unwrap();
    let id_format = regex::Regex::new(r"^key_[0-9a-z]{12}$").unwrap();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..5 {
        let (info, issued) = store
            .create_key(NewKey {
                scope: scope.clone(),
                role: Role::App,
                label: None,
                expires_ms: None,
            })
            .await
            .unwrap();
        assert!(
            format.is_match(issued.expose()),
            "{}",
            issued.expose().len()
        );
        assert!(id_format.is_match(&info.id), "{}", info.id);
        assert!(seen.insert(issued.expose().to_owned()));
        assert_eq!(format!("{issued:?}"), "IssuedKey([REDACTED])");
    }
}

async fn canary_never_leaks(db: Arc<TestDb>) {
    const CANARY: &str = "CANARY-7d1f3e9a-secret-value-never-stored-in-clear";
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    let meta = store
        .put_secret(&scope, "canary/secret", value(CANARY))
        .await
        .unwrap();
    let resolved = store
        .resolve_secret(&scope, "canary/secret")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resolved.value.expose_str(), Some(CANARY));
    let (info, issued) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: Some("canary".into()),
            expires_ms: None,
        })
        .await
        .unwrap();
    let api_key = issued.expose().to_owned();
    let authed = store.authenticate(&api_key).await.unwrap().unwrap();
    store.touch_key(&info.id).await.unwrap();
    let record = AuditRecord {
        at_ms: now_ms(),
        request_id: "req-1".into(),
        key_id: Some(info.id.clone()),
        role: Some(Role::App),
        tenant: Some(scope.tenant.clone()),
        environment: Some(scope.environment.clone()),
        action: "call".into(),
        api: Some("stripe".into()),
        operation: Some("createCharge".into()),
        target: None,
        references: vec!["canary/secret".into()],
        outcome: "200".into(),
        latency_us: 1234,
    };
    store.append_audit(record).await.unwrap();
    store.flush().await.unwrap();

    // Everything a person or a log could see.
    let mut seen = String::new();
    let audit = store.list_audit(AuditQuery::default()).await.unwrap();
    assert_eq!(audit.len(), 1);
    seen += &serde_json::to_string(&audit).unwrap();
    seen += &serde_json::to_string(&meta).unwrap();
    seen += &serde_json::to_string(&store.list_secrets(&scope).await.unwrap()).unwrap();
    seen += &serde_json::to_string(&authed).unwrap();
    seen += &serde_json::to_string(&store.list_keys(None).await.unwrap()).unwrap();
    seen += &format!("{resolved:?} {meta:?} {info:?} {issued:?} {issued} {store:?} {audit:?}");
    seen += &format!("{} {:?}", resolved.value, resolved.value);
    // Errors around the canaries.
    let errors = [
        store
            .put_secret(&scope, &format!("{CANARY} !"), value(CANARY))
            .await
            .unwrap_err(),
        store
            .put_secret(&Scope::new("acme", "nope"), "x", value(CANARY))
            .await
            .unwrap_err(),
        MasterKey::from_encoded(CANARY).unwrap_err(),
        MasterKey::from_encoded(&api_key).unwrap_err(),
        store.revoke_key(&api_key).await.unwrap_err(),
        store.key(&api_key).await.unwrap_err(),
        store.touch_key(&api_key).await.unwrap_err(),
        db.open(KeyRing::new(MasterKey::generate(), vec![]))
            .await
            .unwrap_err(),
    ];
    for err in &errors {
        seen += &format!("{err} {err:?}\n");
    }
    assert!(store
        .authenticate(&format!("{api_key}x"))
        .await
        .unwrap()
        .is_none());
    assert!(
        seen.contains("canary/secret") && seen.contains("[REDACTED]"),
        "{seen}"
    );
    assert!(!seen.contains(CANARY), "the secret leaked: {seen}");
    assert!(!seen.contains(&api_key), "the API key leaked: {seen}");
    assert!(
        !seen.contains(&api_key["poly_".len()..]),
        "the API key leaked: {seen}"
    );

    // The database at rest: not in clear, not as hex (Postgres shows bytea as hex).
    store.close().await.unwrap();
    let dump = db.dump().await;
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    for needle in [
        CANARY.as_bytes().to_vec(),
        hex(CANARY.as_bytes()).into_bytes(),
        api_key.as_bytes().to_vec(),
        api_key.as_bytes()["poly_".len()..].to_vec(),
        hex(api_key.as_bytes()).into_bytes(),
    ] {
        assert!(
            !dump.windows(needle.len()).any(|w| w == needle.as_slice()),
            "a canary is in the database dump ({} bytes)",
            dump.len()
        );
    }
    // The dump does hold what was written, so the check above can fail.
    for present in [
        b"canary/secret".as_slice(),
        info.id.as_bytes(),
        b"createCharge",
    ] {
        assert!(dump.windows(present.len()).any(|w| w == present));
    }
}

async fn tenants_and_environments(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    store.create_tenant("acme").await.unwrap();
    assert!(matches!(
        store.create_tenant("acme").await,
        Err(VaultError::Conflict { kind: "tenant", .. })
    ));
    assert!(matches!(
        store.create_tenant("Acme").await,
        Err(VaultError::Invalid(_))
    ));
    store.create_environment("acme", "prod").await.unwrap();
    store.create_environment("acme", "dev").await.unwrap();
    assert!(matches!(
        store.create_environment("acme", "prod").await,
        Err(VaultError::Conflict {
            kind: "environment",
            ..
        })
    ));
    assert!(matches!(
        store.create_environment("ghost", "prod").await,
        Err(VaultError::NotFound { kind: "tenant", .. })
    ));
    let names: Vec<String> = store
        .list_tenants()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["_platform", "acme"]);
    let envs: Vec<String> = store
        .list_environments("acme")
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(envs, ["dev", "prod"]);
    let platform = store.list_environments("_platform").await.unwrap();
    assert_eq!(platform.len(), 1);
    assert!(matches!(
        store.list_environments("ghost").await,
        Err(VaultError::NotFound { .. })
    ));
    store.ping().await.unwrap();
}

async fn config_round_trip(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let prod = scoped(&store, "acme", "prod").await;
    let dev = scoped(&store, "acme", "dev").await;
    store
        .set_config(&prod, "region", "eu".into())
        .await
        .unwrap();
    store
        .set_config(&prod, "account", "42".into())
        .await
        .unwrap();
    store
        .set_config(&prod, "region", "us".into())
        .await
        .unwrap();
    store
        .set_config(&dev, "region", "local".into())
        .await
        .unwrap();
    let config = store.list_config(&prod).await.unwrap();
    assert_eq!(
        config.into_iter().collect::<Vec<_>>(),
        [
            ("account".to_owned(), "42".to_owned()),
            ("region".to_owned(), "us".to_owned())
        ]
    );
    store.delete_config(&prod, "account").await.unwrap();
    assert!(matches!(
        store.delete_config(&prod, "account").await,
        Err(VaultError::NotFound { kind: "config", .. })
    ));
    assert_eq!(store.list_config(&prod).await.unwrap().len(), 1);
    assert_eq!(store.list_config(&dev).await.unwrap()["region"], "local");
}

async fn audit_is_written_in_the_background_and_listed(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let record = |at_ms: i64, tenant: &str, env: &str| AuditRecord {
        at_ms,
        request_id: format!("req-{at_ms}"),
        key_id: Some("key_0123456789ab".into()),
        role: Some(Role::TenantAdmin),
        tenant: Some(tenant.into()),
        environment: Some(env.into()),
        action: "secret.put".into(),
        api: None,
        operation: None,
        target: Some("stripe/key".into()),
        references: vec!["a".into(), "b/c".into()],
        outcome: "ok".into(),
        latency_us: at_ms * 10,
    };
    for at in 1..=30 {
        let env = if at % 2 == 0 { "prod" } else { "dev" };
        let tenant = if at % 3 == 0 { "beta" } else { "acme" };
        store.append_audit(record(at, tenant, env)).await.unwrap();
    }
    store.flush().await.unwrap();
    let all = store
        .list_audit(AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(all.len(), 30);
    assert_eq!(all[0], record(30, "beta", "prod"));
    let page = store
        .list_audit(AuditQuery {
            tenant: Some("acme".into()),
            environment: Some("prod".into()),
            limit: 3,
            before_ms: Some(20),
        })
        .await
        .unwrap();
    let ats: Vec<i64> = page.iter().map(|r| r.at_ms).collect();
    assert_eq!(ats, [16, 14, 10]);
    // Records round-trip through JSON (the admin API's form).
    let json = serde_json::to_string(&page[0]).unwrap();
    let back: AuditRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, page[0]);
    assert!(json.contains(r#""role":"tenant-admin""#), "{json}");
    // Retention.
    assert_eq!(store.prune_audit(11).await.unwrap(), 10);
    let left = store
        .list_audit(AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(left.len(), 20);
    assert_eq!(left.last().map(|r| r.at_ms), Some(11));
}

async fn last_used_is_recorded(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let scope = scoped(&store, "acme", "prod").await;
    store.put_secret(&scope, "token", value("v")).await.unwrap();
    let (info, _) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    assert_eq!(store.key(&info.id).await.unwrap().last_used_ms, None);
    assert_eq!(
        store
            .secret_meta(&scope, "token")
            .await
            .unwrap()
            .last_used_ms,
        None
    );
    let before = now_ms();
    store.touch_key(&info.id).await.unwrap();
    store
        .resolve_secret(&scope, "token")
        .await
        .unwrap()
        .unwrap();
    store.flush().await.unwrap();
    let key_used = store
        .key(&info.id)
        .await
        .unwrap()
        .last_used_ms
        .expect("key last used");
    let secret_used = store
        .secret_meta(&scope, "token")
        .await
        .unwrap()
        .last_used_ms
        .expect("secret last used");
    assert!(key_used >= before && secret_used >= before);
    // Authentication records a use too.
    let (other, issued) = store
        .create_key(NewKey {
            scope: scope.clone(),
            role: Role::App,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    store.authenticate(issued.expose()).await.unwrap().unwrap();
    store.flush().await.unwrap();
    assert!(store.key(&other.id).await.unwrap().last_used_ms.is_some());
}

async fn missing_and_foreign_secrets_look_the_same(db: Arc<TestDb>) {
    let store = db.open(fresh_ring().0).await.unwrap();
    let mine = scoped(&store, "acme", "prod").await;
    let theirs = scoped(&store, "other", "prod").await;
    store
        .put_secret(&theirs, "their/token", value("theirs"))
        .await
        .unwrap();
    assert!(store
        .resolve_secret(&mine, "their/token")
        .await
        .unwrap()
        .is_none());
    assert!(store
        .resolve_secret(&mine, "nobody/token")
        .await
        .unwrap()
        .is_none());
    assert!(store
        .resolve_secret_version(&mine, "their/token", 1)
        .await
        .unwrap()
        .is_none());
    let foreign = store
        .secret_meta(&mine, "their/token")
        .await
        .unwrap_err()
        .to_string();
    let missing = store
        .secret_meta(&mine, "nobody/token")
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        foreign.replace("their", "X"),
        missing.replace("nobody", "X")
    );
    assert!(store.list_secrets(&mine).await.unwrap().is_empty());
}

async fn migrations_are_idempotent(db: Arc<TestDb>) {
    let (ring, encoded) = fresh_ring();
    let first = db.open(ring).await.unwrap();
    let scope = scoped(&first, "acme", "prod").await;
    first.put_secret(&scope, "token", value("v")).await.unwrap();
    first.close().await.unwrap();
    let second = db.open(ring_of(&encoded, &[])).await.unwrap();
    assert_eq!(
        resolve_text(&second, &scope, "token").await,
        Some((1, "v".into()))
    );
    // One row per migration, each applied once however often the store is opened.
    assert_eq!(db.scalar("SELECT COUNT(*) FROM schema_version").await, 2);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM changes").await, 1);
    assert_eq!(db.scalar("SELECT COUNT(*) FROM data_keys").await, 1);
    if db.backend == Backend::Sqlite {
        let mode = db
            .scalar(
                "SELECT CASE WHEN journal_mode = 'wal' THEN 1 ELSE 0 END FROM pragma_journal_mode",
            )
            .await;
        assert_eq!(mode, 1, "SQLite runs in WAL mode");
    }
    // A schema from the future is refused.
    db.exec("INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)")
        .await;
    assert!(matches!(
        db.open(ring_of(&encoded, &[])).await,
        Err(VaultError::SchemaTooNew { found: 99, .. })
    ));
}
