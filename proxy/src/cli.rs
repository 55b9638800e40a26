//! `poly-proxy <tenant|env|key|secret|config|audit|vault> …`: the operator's local tool.
//!
//! It acts on the store directly (the same store the server uses), so it works before
//! any operator key exists: it is how the first operator key is made. It mirrors the
//! admin API and writes the same audit records, with the key id `cli`.
//!
//! Secret values are read only from a file or from stdin, never from the command line:
//! argv is visible to every user of the host (`ps`, `/proc/*/cmdline`) and lands in
//! shell history. So no flag takes a secret value.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, Subcommand, ValueEnum};
use poly_vault::{AuditQuery, AuditRecord, KeyInfo, NewKey, Role, Scope, SecretValue, Store};
use serde_json::json;
use zeroize::Zeroizing;

use crate::admin::{manifest_environment, manifest_tenant, MAX_SECRET_BYTES};
use crate::config::Config;
use crate::state;

/// The key id CLI audit records carry.
pub const CLI_KEY_ID: &str = "cli";

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Tenants: create (as the manifest declares them), list, disable, enable.
    Tenant(TenantArgs),
    /// Environments of a tenant: create (as the manifest declares them), list.
    Env(EnvArgs),
    /// API keys: create (shown once), list, revoke; operator keys.
    Key(KeyArgs),
    /// Secrets (write-only): put from a file or stdin, list, show metadata, delete.
    Secret(SecretArgs),
    /// Config values (for pinned parameters; they override the manifest's).
    Config(ConfigArgs),
    /// Read the audit log, newest first.
    Audit(AuditArgs),
    /// Key management of the store: rotate the master key or the data key.
    Vault(VaultArgs),
}

/// Flags every group shares.
#[derive(Debug, Args, Default)]
pub struct Output {
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct TenantArgs {
    #[command(subcommand)]
    pub command: TenantCommand,
    /// The manifest tenants are checked against (default: the configured one).
    #[arg(long, global = true)]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a tenant the manifest declares.
    Create { name: String },
    /// List tenants.
    List,
    /// Disable a tenant: its keys stop authenticating at once.
    Disable { name: String },
    /// Re-enable a disabled tenant.
    Enable { name: String },
}

#[derive(Debug, Args)]
pub struct EnvArgs {
    #[command(subcommand)]
    pub command: EnvCommand,
    /// The manifest environments are checked against (default: the configured one).
    #[arg(long, global = true)]
    pub manifest: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// Create an environment the manifest declares for the tenant.
    Create {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment's name, as the manifest declares it.
        name: String,
    },
    /// List a tenant's environments.
    List {
        /// The tenant.
        #[arg(long)]
        tenant: String,
    },
}

#[derive(Debug, Args)]
pub struct KeyArgs {
    #[command(subcommand)]
    pub command: KeyCommand,
    #[command(flatten)]
    pub output: Output,
}

/// The roles of tenant keys (operator keys have their own command).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeyRole {
    App,
    TenantAdmin,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Create an app or tenant-admin key; it is printed once.
    Create {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        #[arg(long, value_enum)]
        role: KeyRole,
        #[arg(long)]
        label: Option<String>,
        /// Lifetime: `3600`, `90s`, `30m`, `12h`, `90d`, `2w`.
        #[arg(long)]
        expires_in: Option<String>,
    },
    /// Create an operator key; it is printed once.
    CreateOperator {
        #[arg(long)]
        label: Option<String>,
        /// Lifetime: `3600`, `90s`, `30m`, `12h`, `90d`, `2w`.
        #[arg(long)]
        expires_in: Option<String>,
    },
    /// List keys (metadata only): all, a tenant's, or an environment's.
    List {
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long, requires = "tenant")]
        env: Option<String>,
    },
    /// Revoke a key by its id (`key_…`).
    Revoke { key_id: String },
}

#[derive(Debug, Args)]
pub struct SecretArgs {
    #[command(subcommand)]
    pub command: SecretCommand,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Write the next version of a secret, read from --from-file or else stdin (one
    /// trailing newline is dropped). There is no flag for the value itself.
    Put {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        /// The secret's name (`A-Z a-z 0-9 . _ - /`).
        name: String,
        /// Read the value from this file instead of stdin.
        #[arg(long)]
        from_file: Option<PathBuf>,
    },
    /// List the secrets of an environment (metadata only).
    List {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
    },
    /// Show a secret's metadata (never its value).
    Show {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        /// The secret's name (`A-Z a-z 0-9 . _ - /`).
        name: String,
    },
    /// Delete a secret and every version of it.
    Delete {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        /// The secret's name (`A-Z a-z 0-9 . _ - /`).
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set a config value (not a secret: use `secret put` for those).
    Set {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        key: String,
        value: String,
    },
    /// List the stored config values of an environment.
    List {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
    },
    /// Delete a stored config value (the manifest's applies again).
    Delete {
        /// The tenant.
        #[arg(long)]
        tenant: String,
        /// The environment, within the tenant.
        #[arg(long)]
        env: String,
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[arg(long)]
    pub tenant: Option<String>,
    #[arg(long)]
    pub env: Option<String>,
    /// At most this many records (1 to 1000).
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct VaultArgs {
    #[command(subcommand)]
    pub command: VaultCommand,
}

#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Re-wrap every data key under a new master key. The key is read from
    /// --new-key-file, which is generated (mode 0600) if it does not exist.
    RotateMasterKey {
        #[arg(long)]
        new_key_file: PathBuf,
    },
    /// Add a data key version: new secret versions are encrypted with it.
    RotateDataKey,
}

/// Runs one admin command against the store `config` names.
pub async fn run(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    let store = state::open_store(config).await?;
    let result = dispatch(config, &store, command).await;
    if let Err(error) = store.close().await {
        tracing::warn!(%error, "cannot flush the store's audit queue");
    }
    result
}

async fn dispatch(config: &Config, store: &Store, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::Tenant(args) => tenant(config, store, args).await,
        AdminCommand::Env(args) => env(config, store, args).await,
        AdminCommand::Key(args) => key(store, args).await,
        AdminCommand::Secret(args) => secret(store, args).await,
        AdminCommand::Config(args) => config_values(store, args).await,
        AdminCommand::Audit(args) => audit(store, args).await,
        AdminCommand::Vault(args) => vault(store, args).await,
    }
}

/// What a CLI audit record names.
struct Audited<'a> {
    action: &'static str,
    tenant: Option<&'a str>,
    environment: Option<&'a str>,
    target: Option<&'a str>,
}

impl<'a> Audited<'a> {
    fn new(action: &'static str) -> Audited<'a> {
        Audited {
            action,
            tenant: None,
            environment: None,
            target: None,
        }
    }

    fn scope(mut self, tenant: &'a str, environment: &'a str) -> Audited<'a> {
        self.tenant = Some(tenant);
        self.environment = Some(environment);
        self
    }

    fn tenant(mut self, tenant: &'a str) -> Audited<'a> {
        self.tenant = Some(tenant);
        self
    }

    fn target(mut self, target: &'a str) -> Audited<'a> {
        self.target = Some(target);
        self
    }

    /// Runs `work`, writes the audit record of its outcome, and turns a store error
    /// into a message.
    async fn run<T, F>(self, store: &Store, work: F) -> anyhow::Result<T>
    where
        F: std::future::Future<Output = Result<T, poly_vault::VaultError>>,
    {
        self.run_with_target(store, work, |_| None).await
    }

    /// Like `run`, for actions whose target is known only from their result (the id of
    /// a created key).
    async fn run_with_target<T, F>(
        self,
        store: &Store,
        work: F,
        target_of: impl FnOnce(&T) -> Option<String>,
    ) -> anyhow::Result<T>
    where
        F: std::future::Future<Output = Result<T, poly_vault::VaultError>>,
    {
        let started = Instant::now();
        let result = work.await;
        let target = match &result {
            Ok(value) => target_of(value),
            Err(_) => None,
        }
        .or_else(|| self.target.map(str::to_owned));
        let outcome = match &result {
            Ok(_) => "ok".to_owned(),
            Err(error) => store_problem_slug(error),
        };
        let record = AuditRecord {
            at_ms: chrono::Utc::now().timestamp_millis(),
            request_id: format!("cli-{}", uuid::Uuid::new_v4()),
            key_id: Some(CLI_KEY_ID.to_owned()),
            role: Some(Role::Operator),
            tenant: self.tenant.map(str::to_owned),
            environment: self.environment.map(str::to_owned),
            action: self.action.to_owned(),
            api: None,
            operation: None,
            target,
            references: Vec::new(),
            outcome,
            latency_us: i64::try_from(started.elapsed().as_micros()).unwrap_or(i64::MAX),
        };
        if let Err(error) = store.append_audit(record).await {
            eprintln!("warning: cannot write the audit record: {error}");
        }
        result.with_context(|| format!("{} failed", self.action))
    }
}

fn store_problem_slug(error: &poly_vault::VaultError) -> String {
    let kind = match error {
        poly_vault::VaultError::NotFound { .. } => crate::problem::ProblemKind::NotFound,
        poly_vault::VaultError::Conflict { .. } => crate::problem::ProblemKind::Conflict,
        poly_vault::VaultError::Invalid(_) => crate::problem::ProblemKind::InvalidRequest,
        _ => crate::problem::ProblemKind::Internal,
    };
    kind.slug().to_owned()
}

fn load_manifest(config: &Config, path: Option<&Path>) -> anyhow::Result<poly_model::Manifest> {
    state::load_manifest(path.unwrap_or(&config.manifest))
}

async fn tenant(config: &Config, store: &Store, args: TenantArgs) -> anyhow::Result<()> {
    let json_out = args.output.json;
    match args.command {
        TenantCommand::Create { name } => {
            let manifest = load_manifest(config, args.manifest.as_deref())?;
            manifest_tenant(&manifest, &name).map_err(anyhow::Error::msg)?;
            let info = Audited::new("tenant.create")
                .tenant(&name)
                .run(store, store.create_tenant(&name))
                .await?;
            print_value(json_out, &info, || format!("created tenant {}", info.name))
        }
        TenantCommand::List => {
            let tenants = Audited::new("tenant.list")
                .run(store, store.list_tenants())
                .await?;
            let tenants: Vec<_> = tenants
                .into_iter()
                .filter(|t| t.name != poly_vault::PLATFORM)
                .collect();
            if json_out {
                return print_json(&json!({ "tenants": tenants }));
            }
            let rows = tenants
                .iter()
                .map(|t| {
                    vec![
                        t.name.clone(),
                        if t.disabled { "disabled" } else { "enabled" }.to_owned(),
                        time(Some(t.created_ms)),
                    ]
                })
                .collect();
            print_table(&["TENANT", "STATE", "CREATED"], rows);
            Ok(())
        }
        TenantCommand::Disable { name } => set_disabled(store, &name, true, json_out).await,
        TenantCommand::Enable { name } => set_disabled(store, &name, false, json_out).await,
    }
}

async fn set_disabled(
    store: &Store,
    name: &str,
    disabled: bool,
    json_out: bool,
) -> anyhow::Result<()> {
    let action = if disabled {
        "tenant.disable"
    } else {
        "tenant.enable"
    };
    Audited::new(action)
        .tenant(name)
        .run(store, store.set_tenant_disabled(name, disabled))
        .await?;
    let word = if disabled { "disabled" } else { "enabled" };
    print_value(
        json_out,
        &json!({ "name": name, "disabled": disabled }),
        || format!("tenant {name} {word}"),
    )
}

async fn env(config: &Config, store: &Store, args: EnvArgs) -> anyhow::Result<()> {
    let json_out = args.output.json;
    match args.command {
        EnvCommand::Create { tenant, name } => {
            let manifest = load_manifest(config, args.manifest.as_deref())?;
            manifest_environment(&manifest, &tenant, &name).map_err(anyhow::Error::msg)?;
            let info = Audited::new("environment.create")
                .scope(&tenant, &name)
                .run(store, store.create_environment(&tenant, &name))
                .await?;
            print_value(json_out, &info, || {
                format!("created environment {}/{}", info.tenant, info.name)
            })
        }
        EnvCommand::List { tenant } => {
            let environments = Audited::new("environment.list")
                .tenant(&tenant)
                .run(store, store.list_environments(&tenant))
                .await?;
            if json_out {
                return print_json(&json!({ "environments": environments }));
            }
            let rows = environments
                .iter()
                .map(|e| vec![e.tenant.clone(), e.name.clone(), time(Some(e.created_ms))])
                .collect();
            print_table(&["TENANT", "ENVIRONMENT", "CREATED"], rows);
            Ok(())
        }
    }
}

async fn key(store: &Store, args: KeyArgs) -> anyhow::Result<()> {
    let json_out = args.output.json;
    match args.command {
        KeyCommand::Create {
            tenant,
            env,
            role,
            label,
            expires_in,
        } => {
            let role = match role {
                KeyRole::App => Role::App,
                KeyRole::TenantAdmin => Role::TenantAdmin,
            };
            let new = NewKey {
                scope: Scope::new(&tenant, &env),
                role,
                label,
                expires_ms: expires_ms(expires_in.as_deref())?,
            };
            let audited = Audited::new("key.create").scope(&tenant, &env);
            issue(store, audited, new, json_out).await
        }
        KeyCommand::CreateOperator { label, expires_in } => {
            let new = NewKey {
                scope: Scope::platform(),
                role: Role::Operator,
                label,
                expires_ms: expires_ms(expires_in.as_deref())?,
            };
            issue(store, Audited::new("operator-key.create"), new, json_out).await
        }
        KeyCommand::List { tenant, env } => {
            let scope = match (&tenant, &env) {
                (Some(t), Some(e)) => Some(Scope::new(t, e)),
                _ => None,
            };
            let mut audited = Audited::new("key.list");
            if let Some(t) = &tenant {
                audited = audited.tenant(t);
            }
            audited.environment = env.as_deref();
            let keys = audited.run(store, store.list_keys(scope.as_ref())).await?;
            let keys: Vec<KeyInfo> = keys
                .into_iter()
                .filter(|k| tenant.as_ref().is_none_or(|t| k.tenant == *t))
                .collect();
            if json_out {
                return print_json(&json!({ "keys": keys }));
            }
            print_table(
                &[
                    "ID",
                    "TENANT",
                    "ENVIRONMENT",
                    "ROLE",
                    "LABEL",
                    "CREATED",
                    "EXPIRES",
                    "REVOKED",
                ],
                keys.iter().map(key_row).collect(),
            );
            Ok(())
        }
        KeyCommand::Revoke { key_id } => {
            let info = Audited::new("key.revoke")
                .target(&key_id)
                .run(store, store.revoke_key(&key_id))
                .await?;
            print_value(json_out, &info, || format!("revoked {}", info.id))
        }
    }
}

/// Creates a key and prints it, with the warning that this is the only time.
async fn issue(
    store: &Store,
    audited: Audited<'_>,
    new: NewKey,
    json_out: bool,
) -> anyhow::Result<()> {
    let (info, issued) = audited
        .run_with_target(store, store.create_key(new), |(info, _)| {
            Some(info.id.clone())
        })
        .await?;
    eprintln!(
        "warning: the key below is shown only this once and is not stored; keep it in a \
         secret manager now."
    );
    if json_out {
        let mut value = serde_json::to_value(&info)?;
        value["key"] = serde_json::Value::String(issued.expose().to_owned());
        return print_json(&value);
    }
    print_table(
        &[
            "ID",
            "TENANT",
            "ENVIRONMENT",
            "ROLE",
            "LABEL",
            "CREATED",
            "EXPIRES",
            "REVOKED",
        ],
        vec![key_row(&info)],
    );
    let mut out = std::io::stdout().lock();
    writeln!(out, "key: {}", issued.expose())?;
    Ok(())
}

fn key_row(k: &KeyInfo) -> Vec<String> {
    vec![
        k.id.clone(),
        k.tenant.clone(),
        k.environment.clone(),
        k.role.to_string(),
        k.label.clone().unwrap_or_default(),
        time(Some(k.created_ms)),
        time(k.expires_ms),
        time(k.revoked_ms),
    ]
}

async fn secret(store: &Store, args: SecretArgs) -> anyhow::Result<()> {
    let json_out = args.output.json;
    match args.command {
        SecretCommand::Put {
            tenant,
            env,
            name,
            from_file,
        } => {
            let value = read_secret_value(from_file.as_deref())?;
            let scope = Scope::new(&tenant, &env);
            let meta = Audited::new("secret.put")
                .scope(&tenant, &env)
                .target(&name)
                .run(store, store.put_secret(&scope, &name, value))
                .await?;
            print_value(json_out, &meta, || {
                format!(
                    "wrote {} version {} in {tenant}/{env}",
                    meta.name, meta.version
                )
            })
        }
        SecretCommand::List { tenant, env } => {
            let scope = Scope::new(&tenant, &env);
            let secrets = Audited::new("secret.list")
                .scope(&tenant, &env)
                .run(store, store.list_secrets(&scope))
                .await?;
            if json_out {
                return print_json(&json!({ "secrets": secrets }));
            }
            let rows = secrets
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.version.to_string(),
                        time(Some(s.created_ms)),
                        time(s.rotated_ms),
                        time(s.last_used_ms),
                    ]
                })
                .collect();
            print_table(
                &["NAME", "VERSION", "CREATED", "ROTATED", "LAST USED"],
                rows,
            );
            Ok(())
        }
        SecretCommand::Show { tenant, env, name } => {
            let scope = Scope::new(&tenant, &env);
            let meta = Audited::new("secret.show")
                .scope(&tenant, &env)
                .target(&name)
                .run(store, store.secret_meta(&scope, &name))
                .await?;
            print_value(json_out, &meta, || {
                format!(
                    "name: {}\nversion: {}\nversions kept: {}\ncreated: {}\nrotated: {}\nlast used: {}",
                    meta.name,
                    meta.version,
                    meta.versions_kept,
                    time(Some(meta.created_ms)),
                    time(meta.rotated_ms),
                    time(meta.last_used_ms)
                )
            })
        }
        SecretCommand::Delete { tenant, env, name } => {
            let scope = Scope::new(&tenant, &env);
            Audited::new("secret.delete")
                .scope(&tenant, &env)
                .target(&name)
                .run(store, store.delete_secret(&scope, &name))
                .await?;
            print_value(json_out, &json!({ "deleted": name }), || {
                format!("deleted {name} from {tenant}/{env}")
            })
        }
    }
}

/// The secret value from `file`, or else from stdin, without one trailing newline.
fn read_secret_value(file: Option<&Path>) -> anyhow::Result<SecretValue> {
    let mut bytes = Zeroizing::new(Vec::new());
    match file {
        Some(path) => {
            let mut f = std::fs::File::open(path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            Read::by_ref(&mut f)
                .take(MAX_SECRET_BYTES as u64 + 2)
                .read_to_end(&mut bytes)
                .with_context(|| format!("cannot read {}", path.display()))?;
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                // LIMITATION: a value typed on a terminal is echoed; pipe it in or use
                // --from-file to keep it off the screen.
                eprintln!("Enter the secret value, then Ctrl-D:");
            }
            stdin
                .lock()
                .take(MAX_SECRET_BYTES as u64 + 2)
                .read_to_end(&mut bytes)
                .context("cannot read the secret value from stdin")?;
        }
    }
    strip_one_newline(&mut bytes);
    if bytes.is_empty() {
        bail!("the secret value is empty");
    }
    if bytes.len() > MAX_SECRET_BYTES {
        bail!("a secret value is at most {MAX_SECRET_BYTES} bytes");
    }
    Ok(SecretValue::new(std::mem::take(&mut *bytes)))
}

/// Drops one trailing `\n` (or `\r\n`): what `echo` and editors add, never meant as
/// part of a key.
pub fn strip_one_newline(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

async fn config_values(store: &Store, args: ConfigArgs) -> anyhow::Result<()> {
    let json_out = args.output.json;
    match args.command {
        ConfigCommand::Set {
            tenant,
            env,
            key,
            value,
        } => {
            let scope = Scope::new(&tenant, &env);
            Audited::new("config.set")
                .scope(&tenant, &env)
                .target(&key)
                .run(store, store.set_config(&scope, &key, value.clone()))
                .await?;
            print_value(json_out, &json!({ "key": key, "value": value }), || {
                format!("set {key} in {tenant}/{env}")
            })
        }
        ConfigCommand::List { tenant, env } => {
            let scope = Scope::new(&tenant, &env);
            let values = Audited::new("config.list")
                .scope(&tenant, &env)
                .run(store, store.list_config(&scope))
                .await?;
            if json_out {
                return print_json(&json!({ "values": values }));
            }
            let rows = values.into_iter().map(|(k, v)| vec![k, v]).collect();
            print_table(&["KEY", "VALUE"], rows);
            Ok(())
        }
        ConfigCommand::Delete { tenant, env, key } => {
            let scope = Scope::new(&tenant, &env);
            Audited::new("config.delete")
                .scope(&tenant, &env)
                .target(&key)
                .run(store, store.delete_config(&scope, &key))
                .await?;
            print_value(json_out, &json!({ "deleted": key }), || {
                format!("deleted {key} from {tenant}/{env}")
            })
        }
    }
}

async fn audit(store: &Store, args: AuditArgs) -> anyhow::Result<()> {
    let query = AuditQuery {
        tenant: args.tenant.clone(),
        environment: args.env.clone(),
        limit: args.limit,
        before_ms: None,
    };
    let mut audited = Audited::new("audit.list");
    audited.tenant = args.tenant.as_deref();
    audited.environment = args.env.as_deref();
    let records = audited.run(store, store.list_audit(query)).await?;
    if args.output.json {
        return print_json(&json!({ "records": records }));
    }
    let rows = records
        .iter()
        .map(|r| {
            vec![
                time(Some(r.at_ms)),
                r.key_id.clone().unwrap_or_default(),
                r.role.map(|x| x.to_string()).unwrap_or_default(),
                r.tenant.clone().unwrap_or_default(),
                r.environment.clone().unwrap_or_default(),
                r.action.clone(),
                r.target
                    .clone()
                    .or_else(|| {
                        r.operation
                            .as_ref()
                            .map(|op| format!("{}.{op}", r.api.as_deref().unwrap_or("")))
                    })
                    .unwrap_or_default(),
                r.outcome.clone(),
                r.request_id.clone(),
            ]
        })
        .collect();
    print_table(
        &[
            "AT",
            "KEY",
            "ROLE",
            "TENANT",
            "ENVIRONMENT",
            "ACTION",
            "TARGET",
            "OUTCOME",
            "REQUEST",
        ],
        rows,
    );
    Ok(())
}

async fn vault(store: &Store, args: VaultArgs) -> anyhow::Result<()> {
    match args.command {
        VaultCommand::RotateMasterKey { new_key_file } => {
            let generated = !new_key_file.exists();
            if generated {
                state::write_key_file(&new_key_file, &poly_vault::MasterKey::generate())?;
            }
            let key = state::read_key_file(&new_key_file)?;
            let new_id = key.id();
            let old_id = store.master_key_id();
            let target = new_key_file.display().to_string();
            Audited::new("vault.rotate-master-key")
                .target(&new_id)
                .run(store, store.rotate_master_key(key))
                .await?;
            if generated {
                println!("generated a new master key in {target} (mode 0600)");
            }
            println!(
                "master key rotated: {old_id} -> {new_id}; every data key is now wrapped with \
                 the new key.\n\
                 Next:\n\
                 1. Configure every proxy with the new key: `master_key_file = \"{target}\"` (or \
                 POLY_MASTER_KEY), and list the old key file under `previous_master_key_files` \
                 until every proxy runs with the new key.\n\
                 2. Restart the proxies one by one; proxies still running keep working.\n\
                 3. Then remove the old key from `previous_master_key_files` and destroy it \
                 (and its backups).\n\
                 Until step 1 is done, a proxy started with only the old key will refuse to \
                 start (no data key unwraps with it)."
            );
            Ok(())
        }
        VaultCommand::RotateDataKey => {
            let version = Audited::new("vault.rotate-data-key")
                .run(store, store.rotate_data_key())
                .await?;
            println!(
                "data key version {version} created: new secret versions are encrypted with it; \
                 existing versions stay readable with theirs. To re-encrypt a secret under the \
                 new data key, put it again (`secret put`)."
            );
            Ok(())
        }
    }
}

/// A unix-ms time as RFC 3339 (seconds), or `-`.
fn time(ms: Option<i64>) -> String {
    ms.and_then(chrono::DateTime::from_timestamp_millis)
        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| "-".to_owned())
}

/// Seconds from `3600`, `90s`, `30m`, `12h`, `90d`, `2w`.
pub fn parse_duration(text: &str) -> anyhow::Result<u64> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let n: u64 = number
        .parse()
        .with_context(|| format!("`{text}` is not a duration like 90d, 12h, 30m or 3600"))?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 604_800,
        _ => bail!("`{text}`: the unit is one of s, m, h, d, w"),
    };
    match n.checked_mul(factor) {
        Some(0) => bail!("`{text}`: the lifetime must be positive"),
        Some(seconds) => Ok(seconds),
        None => bail!("`{text}` is too long"),
    }
}

fn expires_ms(expires_in: Option<&str>) -> anyhow::Result<Option<i64>> {
    let Some(text) = expires_in else {
        return Ok(None);
    };
    let seconds = i64::try_from(parse_duration(text)?).context("the lifetime is too long")?;
    let at = seconds
        .checked_mul(1000)
        .and_then(|ms| chrono::Utc::now().timestamp_millis().checked_add(ms))
        .context("the lifetime is too long")?;
    Ok(Some(at))
}

fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn print_value(
    json_out: bool,
    value: &impl serde::Serialize,
    text: impl FnOnce() -> String,
) -> anyhow::Result<()> {
    if json_out {
        return print_json(value);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", text())?;
    Ok(())
}

/// Left-aligned columns, two spaces apart.
fn print_table(headers: &[&str], rows: Vec<Vec<String>>) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            if i + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<width$}  "));
            }
        }
        text.trim_end().to_owned()
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}",
        line(headers.iter().map(|h| h.to_string()).collect())
    );
    for row in rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600").unwrap(), 3600);
        assert_eq!(parse_duration("90s").unwrap(), 90);
        assert_eq!(parse_duration("30m").unwrap(), 1800);
        assert_eq!(parse_duration("12h").unwrap(), 43_200);
        assert_eq!(parse_duration("90d").unwrap(), 7_776_000);
        assert_eq!(parse_duration("2w").unwrap(), 1_209_600);
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("99999999999999999999w").is_err());
    }

    #[test]
    fn one_trailing_newline_is_stripped() {
        let mut v = b"abc\n\n".to_vec();
        strip_one_newline(&mut v);
        assert_eq!(v, b"abc\n");
        let mut v = b"abc\r\n".to_vec();
        strip_one_newline(&mut v);
        assert_eq!(v, b"abc");
        let mut v = b"abc".to_vec();
        strip_one_newline(&mut v);
        assert_eq!(v, b"abc");
    }
}
