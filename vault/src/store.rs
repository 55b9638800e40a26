//! `Store`: the handle every part of the proxy shares, and what it holds in memory.
//!
//! A `Store` is an `Arc` around the pool, the key ring, the unwrapped data keys, three
//! small caches and the sender of the background writer; cloning it is cheap and every
//! clone sees the same caches. Opening a store migrates the schema, then unwraps every
//! data key with the key ring: a store whose data keys no master key of the ring unwraps
//! refuses to open (`WrongMasterKey`), so a misconfigured proxy fails at start rather than
//! on its first call.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use tokio::sync::mpsc;

use crate::apikey::KeyInfo;
use crate::audit::WriterJob as Job;
use crate::crypto::{DataKey, KeyRing, MasterKey};
use crate::db::{with_db, Db};
use crate::error::VaultError;
use crate::secret::ResolvedSecret;

pub(crate) use crate::audit::WriterJob;

/// SHA-256 of a presented key → when it was looked up and what was found.
pub(crate) type AuthCache = HashMap<[u8; 32], (Instant, Option<KeyInfo>)>;

/// (tenant, environment, name) of a cached secret.
pub(crate) type SecretCacheKey = (String, String, String);

/// Tuning of a store. `Default` gives the documented defaults.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    /// How long `authenticate` trusts a cached lookup (default 5 s). Revocations on
    /// this store take effect at once; on other proxies within this time.
    pub key_cache_ttl: Duration,
    /// How long a decrypted secret is cached (default 30 s). Zero disables the cache.
    pub secret_cache_ttl: Duration,
    /// How many versions of a secret are kept (default 5, at least 1).
    pub secret_retention: i64,
    /// At most one last-used write per key or secret in this interval (default 60 s).
    pub touch_interval: Duration,
    /// Connections in the pool (default 8).
    pub max_connections: u32,
    /// Capacity of the background writer's queue (default 4096).
    pub writer_queue: usize,
    /// How often the store looks for changes made through other stores on the same
    /// database (another proxy, the CLI) and drops its caches if there were any
    /// (default 1 s; zero turns the watch off, leaving only the TTLs above).
    pub change_poll_interval: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            key_cache_ttl: Duration::from_secs(5),
            secret_cache_ttl: Duration::from_secs(30),
            secret_retention: 5,
            touch_interval: Duration::from_secs(60),
            max_connections: 8,
            writer_queue: 4096,
            change_poll_interval: Duration::from_secs(1),
        }
    }
}

/// The proxy's persistent state. Cheap to clone; `Send + Sync`.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    options: StoreOptions,
    ring: RwLock<KeyRing>,
    data_keys: RwLock<BTreeMap<i64, Arc<DataKey>>>,
    auth_cache: Mutex<AuthCache>,
    secret_cache: Mutex<HashMap<SecretCacheKey, (Instant, ResolvedSecret)>>,
    secret_generation: AtomicU64,
    config_cache: Mutex<crate::config::ConfigCache>,
    touches: Mutex<HashMap<String, Instant>>,
    writer: mpsc::Sender<Job>,
    key_admin: tokio::sync::Mutex<()>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.inner.db.backend())
            .finish_non_exhaustive()
    }
}

/// Now, in unix milliseconds.
pub(crate) fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

type DataKeyRow = (i64, Vec<u8>, String);

/// Polls the change counter every `poll` until the store is dropped, dropping the
/// caches whenever another store (or this one) changed secrets or keys. A failed poll
/// is retried at the next tick: the cache TTLs bound staleness meanwhile.
async fn watch_changes(inner: std::sync::Weak<Inner>, mut seen: i64, poll: Duration) {
    let mut ticker = tokio::time::interval(poll);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticker.tick().await;
    loop {
        ticker.tick().await;
        let Some(inner) = inner.upgrade() else {
            return;
        };
        let store = Store { inner };
        if store.inner.writer.is_closed() {
            return;
        }
        match store.change_counter().await {
            Ok(counter) if counter != seen => {
                seen = counter;
                store.drop_caches();
                tracing::debug!(counter, "vault changed elsewhere; caches dropped");
            }
            Ok(_) => {}
            Err(error) => tracing::debug!(%error, "could not poll the vault's change counter"),
        }
    }
}

impl Store {
    /// Opens (and creates, for SQLite) the store at `url` — `sqlite:///abs/path/poly.db`
    /// or `postgres://…` — migrates its schema and unwraps its data keys with `ring`.
    /// A fresh store gets its first data key, wrapped by the ring's current key.
    pub async fn open(
        url: &str,
        ring: KeyRing,
        options: StoreOptions,
    ) -> Result<Store, VaultError> {
        if options.secret_retention < 1 {
            return Err(VaultError::Invalid(
                "secret_retention must be at least 1".into(),
            ));
        }
        if options.max_connections < 1 || options.writer_queue < 1 {
            return Err(VaultError::Invalid(
                "max_connections and writer_queue must be at least 1".into(),
            ));
        }
        let db = Db::connect(url, &options).await?;
        let schema = db.migrate(now_ms()).await?;
        let mut data_keys = load_data_keys(&db, &ring, &BTreeMap::new()).await?;
        if data_keys.is_empty() {
            let first = DataKey::generate(1);
            let wrapped = first.wrap(ring.current())?;
            with_db!(&db, |pool| {
                sqlx::query(
                    "INSERT INTO data_keys (version, wrapped, master_key_id, created_ms)
                     VALUES (1, $1, $2, $3) ON CONFLICT (version) DO NOTHING",
                )
                .bind(wrapped)
                .bind(ring.current_id())
                .bind(now_ms())
                .execute(pool)
                .await?;
            });
            // Another proxy may have won the race: read back what is stored.
            data_keys = load_data_keys(&db, &ring, &BTreeMap::new()).await?;
        }
        tracing::info!(backend = db.backend(), schema, master_key_id = %ring.current_id(),
                       data_keys = data_keys.len(), "vault opened");
        let (sender, receiver) = mpsc::channel(options.writer_queue);
        tokio::spawn(crate::audit::run_writer(db.clone(), receiver));
        let poll = options.change_poll_interval;
        let store = Store {
            inner: Arc::new(Inner {
                db,
                options,
                ring: RwLock::new(ring),
                data_keys: RwLock::new(data_keys),
                auth_cache: Mutex::new(HashMap::new()),
                secret_cache: Mutex::new(HashMap::new()),
                secret_generation: AtomicU64::new(0),
                config_cache: Mutex::default(),
                touches: Mutex::new(HashMap::new()),
                writer: sender,
                key_admin: tokio::sync::Mutex::new(()),
            }),
        };
        if !poll.is_zero() {
            let seen = store.change_counter().await?;
            tokio::spawn(watch_changes(Arc::downgrade(&store.inner), seen, poll));
        }
        Ok(store)
    }

    /// The database's change counter (migration 2).
    async fn change_counter(&self) -> Result<i64, VaultError> {
        let (counter,): (i64,) = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT counter FROM changes WHERE id = 1")
                .fetch_one(pool)
                .await?
        });
        Ok(counter)
    }

    /// Tells every store on this database that secrets or keys changed, so that they
    /// drop their caches within their poll interval. Called after the change is
    /// committed; a failure costs only freshness elsewhere (the TTLs still bound it).
    pub(crate) async fn publish_change(&self) {
        let result: Result<(), VaultError> = async {
            with_db!(self.db(), |pool| {
                sqlx::query("UPDATE changes SET counter = counter + 1 WHERE id = 1")
                    .execute(pool)
                    .await?;
            });
            Ok(())
        }
        .await;
        if let Err(error) = result {
            tracing::warn!(%error, "could not announce a change to other proxies");
        }
    }

    /// Drops every cached key lookup, decrypted secret and config value.
    fn drop_caches(&self) {
        self.invalidate_auth_cache();
        self.invalidate_config();
        if let Ok(mut guard) = self.inner.secret_cache.lock() {
            self.inner
                .secret_generation
                .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
            guard.clear();
        }
    }

    /// Readiness: one round trip to the database.
    pub async fn ping(&self) -> Result<(), VaultError> {
        with_db!(self.db(), |pool| {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(())
    }

    /// Which backend this store uses: `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        self.inner.db.backend()
    }

    /// The fingerprint of the master key new data keys are wrapped with.
    pub fn master_key_id(&self) -> String {
        self.inner
            .ring
            .read()
            .map(|ring| ring.current_id())
            .unwrap_or_default()
    }

    /// Waits until everything queued for the background writer (audit records,
    /// last-used times) is written, then closes the pool. Other clones stop working.
    pub async fn close(&self) -> Result<(), VaultError> {
        self.flush().await?;
        with_db!(self.db(), |pool| pool.close().await);
        Ok(())
    }

    /// Re-wraps every data key under `new` in one transaction. No secret is re-encrypted
    /// and nothing stops: running proxies keep their unwrapped data keys. From now on
    /// proxies must start with `new` (the old key may stay listed as a previous key
    /// during the rollout).
    pub async fn rotate_master_key(&self, new: MasterKey) -> Result<(), VaultError> {
        let _admin = self.inner.key_admin.lock().await;
        let new_id = new.id();
        let count = with_db!(self.db(), |pool, begin| {
            let mut tx = pool.begin_with(begin).await?;
            let lock = if matches!(self.db(), Db::Postgres(_)) {
                " FOR UPDATE"
            } else {
                ""
            };
            let rows: Vec<DataKeyRow> = sqlx::query_as(&format!(
                "SELECT version, wrapped, master_key_id FROM data_keys ORDER BY version{lock}"
            ))
            .fetch_all(&mut *tx)
            .await?;
            let rewrapped = {
                let ring = self.read_ring()?;
                rows.iter()
                    .map(|(version, wrapped, key_id)| {
                        let dek = unwrap_with_ring(*version, wrapped, key_id, &ring)?;
                        Ok((*version, dek.wrap(&new)?))
                    })
                    .collect::<Result<Vec<_>, VaultError>>()?
            };
            for (version, wrapped) in &rewrapped {
                sqlx::query(
                    "UPDATE data_keys SET wrapped = $1, master_key_id = $2 WHERE version = $3",
                )
                .bind(wrapped)
                .bind(&new_id)
                .bind(version)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            rewrapped.len()
        });
        let mut ring = self
            .inner
            .ring
            .write()
            .map_err(|_| VaultError::Invalid("the key ring lock is poisoned".into()))?;
        ring.rotate(new);
        tracing::info!(master_key_id = %new_id, data_keys = count, "master key rotated");
        Ok(())
    }

    /// Adds a data key version; new writes use it, older rows stay readable with theirs.
    /// Returns the new version.
    pub async fn rotate_data_key(&self) -> Result<i64, VaultError> {
        let _admin = self.inner.key_admin.lock().await;
        for _attempt in 0..5 {
            let current_id = self.read_ring()?.current_id();
            let result: Result<Arc<DataKey>, VaultError> = with_db!(self.db(), |pool, begin| {
                let mut tx = pool.begin_with(begin).await?;
                let (max,): (i64,) =
                    sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM data_keys")
                        .fetch_one(&mut *tx)
                        .await?;
                let dek = DataKey::generate(max + 1);
                let wrapped = {
                    let ring = self.read_ring()?;
                    dek.wrap(ring.current())?
                };
                sqlx::query(
                    "INSERT INTO data_keys (version, wrapped, master_key_id, created_ms)
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(dek.version)
                .bind(wrapped)
                .bind(&current_id)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Arc::new(dek))
            });
            match result {
                Ok(dek) => {
                    let version = dek.version;
                    self.write_data_keys()?.insert(version, dek);
                    tracing::info!(data_key_version = version, "data key rotated");
                    return Ok(version);
                }
                Err(err) if err.is_retryable() => continue,
                Err(err) => return Err(err),
            }
        }
        Err(VaultError::Contention("data key rotation"))
    }

    /// Waits until everything queued for the background writer is written.
    pub async fn flush(&self) -> Result<(), VaultError> {
        let (done, wait) = tokio::sync::oneshot::channel();
        self.inner
            .writer
            .send(Job::Flush(done))
            .await
            .map_err(|_| VaultError::AuditClosed)?;
        wait.await.map_err(|_| VaultError::AuditClosed)
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn options(&self) -> &StoreOptions {
        &self.inner.options
    }

    pub(crate) fn writer(&self) -> &mpsc::Sender<Job> {
        &self.inner.writer
    }

    pub(crate) fn auth_cache(&self) -> &Mutex<AuthCache> {
        &self.inner.auth_cache
    }

    pub(crate) fn invalidate_auth_cache(&self) {
        if let Ok(mut guard) = self.inner.auth_cache.lock() {
            guard.clear();
        }
    }

    pub(crate) fn secret_cache(
        &self,
    ) -> &Mutex<HashMap<SecretCacheKey, (Instant, ResolvedSecret)>> {
        &self.inner.secret_cache
    }

    pub(crate) fn config_cache(&self) -> &Mutex<crate::config::ConfigCache> {
        &self.inner.config_cache
    }

    pub(crate) fn secret_generation(&self) -> &AtomicU64 {
        &self.inner.secret_generation
    }

    /// Whether a last-used write for `key` is due (and, if so, records it as done now).
    pub(crate) fn should_touch(&self, key: String) -> bool {
        let interval = self.inner.options.touch_interval;
        let Ok(mut guard) = self.inner.touches.lock() else {
            return false;
        };
        if guard.get(&key).is_some_and(|at| at.elapsed() < interval) {
            return false;
        }
        if guard.len() >= 10_000 {
            guard.retain(|_, at| at.elapsed() < interval);
        }
        guard.insert(key, Instant::now());
        true
    }

    /// Queues a job that may be lost under overload (last-used times).
    pub(crate) fn send_best_effort(&self, job: Job) {
        if self.inner.writer.try_send(job).is_err() {
            tracing::debug!("vault writer queue full; a last-used update was skipped");
        }
    }

    /// The newest data key, after picking up data keys added by other proxies.
    pub(crate) async fn newest_data_key(&self) -> Result<Arc<DataKey>, VaultError> {
        let (stored,): (i64,) = with_db!(self.db(), |pool| {
            sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM data_keys")
                .fetch_one(pool)
                .await?
        });
        let known = self
            .read_data_keys()?
            .keys()
            .next_back()
            .copied()
            .unwrap_or(0);
        if stored > known {
            self.reload_data_keys().await?;
        }
        self.read_data_keys()?
            .values()
            .next_back()
            .cloned()
            .ok_or(VaultError::Crypto)
    }

    /// The data key of `version`, loading it if another proxy added it.
    pub(crate) async fn data_key(&self, version: i64) -> Result<Arc<DataKey>, VaultError> {
        let known = self.read_data_keys()?.get(&version).cloned();
        if let Some(dek) = known {
            return Ok(dek);
        }
        self.reload_data_keys().await?;
        self.read_data_keys()?
            .get(&version)
            .cloned()
            .ok_or(VaultError::Crypto)
    }

    async fn reload_data_keys(&self) -> Result<(), VaultError> {
        let known = self.read_data_keys()?.clone();
        let rows = fetch_data_key_rows(self.db()).await?;
        let added = {
            let ring = self.read_ring()?;
            unwrap_rows(rows, &ring, &known)?
        };
        let mut keys = self.write_data_keys()?;
        for (version, dek) in added {
            keys.entry(version).or_insert(dek);
        }
        Ok(())
    }

    fn read_ring(&self) -> Result<std::sync::RwLockReadGuard<'_, KeyRing>, VaultError> {
        self.inner
            .ring
            .read()
            .map_err(|_| VaultError::Invalid("the key ring lock is poisoned".into()))
    }

    fn read_data_keys(
        &self,
    ) -> Result<std::sync::RwLockReadGuard<'_, BTreeMap<i64, Arc<DataKey>>>, VaultError> {
        self.inner
            .data_keys
            .read()
            .map_err(|_| VaultError::Invalid("the data key lock is poisoned".into()))
    }

    fn write_data_keys(
        &self,
    ) -> Result<std::sync::RwLockWriteGuard<'_, BTreeMap<i64, Arc<DataKey>>>, VaultError> {
        self.inner
            .data_keys
            .write()
            .map_err(|_| VaultError::Invalid("the data key lock is poisoned".into()))
    }
}

async fn fetch_data_key_rows(db: &Db) -> Result<Vec<DataKeyRow>, VaultError> {
    Ok(with_db!(db, |pool| {
        sqlx::query_as("SELECT version, wrapped, master_key_id FROM data_keys ORDER BY version")
            .fetch_all(pool)
            .await?
    }))
}

/// Every stored data key, unwrapped; `WrongMasterKey` if any does not unwrap.
async fn load_data_keys(
    db: &Db,
    ring: &KeyRing,
    known: &BTreeMap<i64, Arc<DataKey>>,
) -> Result<BTreeMap<i64, Arc<DataKey>>, VaultError> {
    let rows = fetch_data_key_rows(db).await?;
    unwrap_rows(rows, ring, known)
}

fn unwrap_rows(
    rows: Vec<DataKeyRow>,
    ring: &KeyRing,
    known: &BTreeMap<i64, Arc<DataKey>>,
) -> Result<BTreeMap<i64, Arc<DataKey>>, VaultError> {
    let mut keys = BTreeMap::new();
    for (version, wrapped, key_id) in rows {
        if let Some(dek) = known.get(&version) {
            keys.insert(version, dek.clone());
            continue;
        }
        let dek = unwrap_with_ring(version, &wrapped, &key_id, ring)?;
        keys.insert(version, Arc::new(dek));
    }
    Ok(keys)
}

fn unwrap_with_ring(
    version: i64,
    wrapped: &[u8],
    key_id: &str,
    ring: &KeyRing,
) -> Result<DataKey, VaultError> {
    ring.candidates(key_id)
        .into_iter()
        .find_map(|master| DataKey::unwrap(version, wrapped, master).ok())
        .ok_or_else(|| {
            tracing::error!(data_key_version = version, wrapped_by = key_id,
                            tried = %ring.ids(), "no master key of the ring unwraps a data key");
            VaultError::WrongMasterKey { tried: ring.ids() }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_cheap_to_share_between_tasks() {
        fn shareable<T: Clone + Send + Sync + 'static>() {}
        shareable::<Store>();
        shareable::<ResolvedSecret>();
    }

    #[test]
    fn default_options_are_the_documented_ones() {
        let options = StoreOptions::default();
        assert_eq!(options.key_cache_ttl, Duration::from_secs(5));
        assert_eq!(options.secret_cache_ttl, Duration::from_secs(30));
        assert_eq!(options.secret_retention, 5);
    }
}
