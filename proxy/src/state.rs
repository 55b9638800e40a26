//! Everything a running proxy shares between requests, and how it is put together
//! at start-up: the manifest's shapes, the store, the upstream HTTP client.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use poly_model::{Manifest, Shape};
use poly_vault::{KeyRing, MasterKey, Scope, Store, StoreOptions};

use crate::call::redact::MatcherCache;
use crate::concurrency::CallLimiter;
use crate::config::Config;
use crate::egress::Egress;
use crate::events::{EventSink, TracingEvents};
use crate::metrics::Metrics;
use crate::tokens::{StoredTokens, TokenProvider};

/// The shared state behind every handler.
pub struct ProxyState {
    pub config: Config,
    pub manifest: Arc<Manifest>,
    /// One shape per (tenant, environment) of the manifest, computed once: a call
    /// only looks its shape up.
    pub shapes: HashMap<Scope, Shape>,
    pub store: Store,
    pub egress: Egress,
    pub metrics: Metrics,
    pub limiter: CallLimiter,
    pub tokens: Arc<dyn TokenProvider>,
    pub events: Arc<dyn EventSink>,
    /// Redaction matchers of recent calls (see [`MatcherCache`]).
    pub redaction: MatcherCache,
    ready: AtomicBool,
}

impl ProxyState {
    /// Loads the manifest, opens the store and prepares the upstream client.
    pub async fn start(config: Config) -> anyhow::Result<Arc<ProxyState>> {
        let manifest = load_manifest(&config.manifest)?;
        let mut shapes = HashMap::new();
        for (tenant, environment) in manifest.targets() {
            let shape = manifest
                .shape(&tenant, &environment)
                .map_err(|d| anyhow::anyhow!("{d}"))?;
            shapes.insert(Scope::new(&tenant, &environment), shape);
        }
        let egress = Egress::new(&config).context("cannot build the upstream HTTP client")?;
        for shape in shapes.values() {
            for api in &shape.apis {
                egress.check_upstream(&api.name, &api.upstream)?;
            }
        }
        let store = open_store(&config).await?;
        let limiter = CallLimiter::new(config.limits.concurrent_calls_per_key);
        Ok(Arc::new(ProxyState {
            manifest: Arc::new(manifest),
            shapes,
            store,
            egress,
            metrics: Metrics::new(),
            limiter,
            tokens: Arc::new(StoredTokens),
            events: Arc::new(TracingEvents),
            redaction: MatcherCache::new(Duration::from_millis(config.vault.secret_cache_ms)),
            ready: AtomicBool::new(true),
            config,
        }))
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    /// Marks the proxy as draining: `/readyz` fails so load balancers stop sending
    /// traffic while in-flight calls finish.
    pub fn set_draining(&self) {
        self.ready.store(false, Ordering::Relaxed);
    }

    pub fn shape(&self, scope: &Scope) -> Option<&Shape> {
        self.shapes.get(scope)
    }
}

pub fn load_manifest(path: &Path) -> anyhow::Result<Manifest> {
    Manifest::load(path).map_err(|diagnostics| {
        let text: Vec<String> = diagnostics.0.iter().map(|d| d.to_string()).collect();
        anyhow::anyhow!(
            "the manifest {} is invalid:\n{}\nrun `poly-codegen check --manifest {}` for details",
            path.display(),
            text.join("\n"),
            path.display()
        )
    })
}

/// Opens the store the configuration names, creating the data directory, the
/// embedded database and (when no key is supplied) a master key file on first use.
pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let ring = key_ring(config)?;
    if config.database_url.is_none() {
        create_private_dir(&config.data_dir)?;
    }
    let options = StoreOptions {
        secret_retention: i64::from(config.vault.secret_retention.max(1)),
        secret_cache_ttl: std::time::Duration::from_millis(config.vault.secret_cache_ms),
        key_cache_ttl: std::time::Duration::from_millis(config.vault.key_cache_ms),
        change_poll_interval: std::time::Duration::from_millis(config.vault.change_poll_ms),
        ..StoreOptions::default()
    };
    Store::open(&config.database_url(), ring, options)
        .await
        .with_context(|| {
            format!(
                "cannot open the store at {}",
                redact_url(&config.database_url())
            )
        })
}

/// The master key from `POLY_MASTER_KEY`, the configured key file, or (only for
/// the embedded default) a key file generated in the data directory.
fn key_ring(config: &Config) -> anyhow::Result<KeyRing> {
    let current = if let Ok(encoded) = std::env::var("POLY_MASTER_KEY") {
        MasterKey::from_encoded(&encoded).context("POLY_MASTER_KEY is not a valid master key")?
    } else if let Some(path) = &config.master_key_file {
        read_key_file(path)?
    } else {
        let path = config.data_dir.join("master.key");
        if !path.exists() {
            create_private_dir(&config.data_dir)?;
            write_key_file(&path, &MasterKey::generate())?;
            tracing::warn!(
                path = %path.display(),
                "GENERATED A MASTER KEY AND STORED IT NEXT TO THE DATA IT PROTECTS. This is \
                 fine for development only: in production supply the key through \
                 POLY_MASTER_KEY or master_key_file, kept apart from the database."
            );
        } else {
            tracing::warn!(
                path = %path.display(),
                "using the master key file inside the data directory; in production supply \
                 the key through POLY_MASTER_KEY or master_key_file"
            );
        }
        read_key_file(&path)?
    };
    let previous = config
        .previous_master_key_files
        .iter()
        .map(|p| read_key_file(p))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(KeyRing::new(current, previous))
}

pub fn read_key_file(path: &Path) -> anyhow::Result<MasterKey> {
    check_private_file(path)?;
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the master key file {}", path.display()))?,
    );
    MasterKey::from_encoded(&text)
        .with_context(|| format!("{} does not hold a valid master key", path.display()))
}

/// Writes a key file readable by its owner only (mode 0600), refusing to overwrite.
pub fn write_key_file(path: &Path, key: &MasterKey) -> anyhow::Result<()> {
    use std::io::Write;

    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create the key file {}", path.display()))?;
    file.write_all(key.encode().as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()?;
    Ok(())
}

fn create_private_dir(dir: &PathBuf) -> anyhow::Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))
}

/// Refuses a key file that others can read: the key would no longer protect anything.
fn check_private_file(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)
            .with_context(|| format!("cannot read the master key file {}", path.display()))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            bail!(
                "the master key file {} has mode {mode:o}; other users could read it. \
                 Run `chmod 600 {}`",
                path.display(),
                path.display()
            );
        }
    }
    Ok(())
}

/// A database URL without its password, for messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}
