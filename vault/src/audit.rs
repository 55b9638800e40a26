//! The audit log and the background writer.
//!
//! Every call through the proxy appends an audit record, so appending must not wait for
//! the database: records go through a bounded channel to one writer task, which drains
//! whatever is queued and inserts it in one transaction. The same task writes last-used
//! times (`touch_key`, secret resolution), deduplicated per batch. `Store::flush` waits
//! until everything queued before it is written (tests, graceful shutdown).
//!
//! When the queue is full, `append_audit` waits for room (backpressure) rather than drop a
//! record; last-used updates are dropped instead, they are only hints.
//!
//! Records carry names only (API, operation, secret names, key ids), never values; the
//! proxy builds them, this module stores them as given.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};

use crate::apikey::Role;
use crate::db::{with_db, Db};
use crate::error::VaultError;
use crate::store::Store;

/// Most records one batch inserts.
const BATCH: usize = 512;
/// Most records one `list_audit` returns.
const MAX_LIMIT: u32 = 1000;

/// One audited event: a call through the proxy or an administrative action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// When it happened (unix ms).
    pub at_ms: i64,
    /// The request's id, to correlate with logs.
    pub request_id: String,
    /// The public id of the key that acted.
    pub key_id: Option<String>,
    /// That key's role.
    pub role: Option<Role>,
    /// The tenant acted in.
    pub tenant: Option<String>,
    /// The environment acted in.
    pub environment: Option<String>,
    /// `call`, or an administrative action such as `secret.put`.
    pub action: String,
    /// The API called.
    pub api: Option<String>,
    /// The operation called.
    pub operation: Option<String>,
    /// What an administrative action acted on (a secret name, a key id).
    pub target: Option<String>,
    /// Names of the secrets a call referenced (names only).
    pub references: Vec<String>,
    /// The upstream status (`200`) or a problem slug.
    pub outcome: String,
    /// How long it took, in microseconds.
    pub latency_us: i64,
}

/// Which audit records to list: newest first, optionally within a tenant or
/// environment, optionally older than `before_ms` (for paging).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only this tenant's records.
    pub tenant: Option<String>,
    /// Only this environment's records.
    pub environment: Option<String>,
    /// At most this many (capped at 1000).
    pub limit: u32,
    /// Only records strictly older than this (unix ms).
    pub before_ms: Option<i64>,
}

impl Default for AuditQuery {
    fn default() -> Self {
        AuditQuery {
            tenant: None,
            environment: None,
            limit: 100,
            before_ms: None,
        }
    }
}

/// Work for the background writer.
pub(crate) enum WriterJob {
    Audit(Box<AuditRecord>),
    TouchKey {
        id: String,
        at_ms: i64,
    },
    TouchSecret {
        tenant: String,
        environment: String,
        name: String,
        at_ms: i64,
    },
    Flush(oneshot::Sender<()>),
}

type AuditRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
);

impl Store {
    /// Queues an audit record for the background writer. Waits only if the queue is
    /// full; never for the database.
    pub async fn append_audit(&self, record: AuditRecord) -> Result<(), VaultError> {
        self.writer()
            .send(WriterJob::Audit(Box::new(record)))
            .await
            .map_err(|_| VaultError::AuditClosed)
    }

    /// Deletes audit records older than `before_ms`; returns how many. The proxy or an
    /// operator calls it to enforce a retention period.
    pub async fn prune_audit(&self, before_ms: i64) -> Result<u64, VaultError> {
        let deleted = with_db!(self.db(), |pool| {
            sqlx::query("DELETE FROM audit WHERE at_ms < $1")
                .bind(before_ms)
                .execute(pool)
                .await?
                .rows_affected()
        });
        tracing::info!(before_ms, deleted, "audit pruned");
        Ok(deleted)
    }

    /// Audit records, newest first.
    pub async fn list_audit(&self, query: AuditQuery) -> Result<Vec<AuditRecord>, VaultError> {
        let limit = i64::from(query.limit.clamp(1, MAX_LIMIT));
        // LIMITATION: one statement with optional filters (`$1 IS NULL OR …`) keeps the
        // code small, but Postgres may pick a generic plan that ignores the scope index on
        // a large table; building the WHERE clause per filter combination would fix it.
        let rows: Vec<AuditRow> = with_db!(self.db(), |pool| {
            sqlx::query_as(
                "SELECT at_ms, request_id, key_id, role, tenant, environment, action, api,
                        operation, target, refs, outcome, latency_us
                 FROM audit
                 WHERE ($1 IS NULL OR tenant = $1)
                   AND ($2 IS NULL OR environment = $2)
                   AND ($3 IS NULL OR at_ms < $3)
                 ORDER BY at_ms DESC, id DESC
                 LIMIT $4",
            )
            .bind(query.tenant.as_deref())
            .bind(query.environment.as_deref())
            .bind(query.before_ms)
            .bind(limit)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(record_from_row).collect()
    }
}

fn record_from_row(row: AuditRow) -> Result<AuditRecord, VaultError> {
    let (
        at_ms,
        request_id,
        key_id,
        role,
        tenant,
        environment,
        action,
        api,
        operation,
        target,
        refs,
        outcome,
        latency_us,
    ) = row;
    let references: Vec<String> = serde_json::from_str(&refs).map_err(|_| {
        VaultError::Invalid("a stored audit record has malformed references".into())
    })?;
    Ok(AuditRecord {
        at_ms,
        request_id,
        key_id,
        role: role.as_deref().and_then(Role::parse),
        tenant,
        environment,
        action,
        api,
        operation,
        target,
        references,
        outcome,
        latency_us,
    })
}

/// The writer task: runs until every `Store` clone is dropped, then drains and ends.
pub(crate) async fn run_writer(db: Db, mut jobs: mpsc::Receiver<WriterJob>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = Batch::default();
        batch.add(first);
        while batch.records.len() < BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.add(job),
                Err(_) => break,
            }
        }
        batch.write(&db).await;
    }
    tracing::debug!("vault writer stopped");
}

#[derive(Default)]
struct Batch {
    records: Vec<AuditRecord>,
    keys: BTreeMap<String, i64>,
    secrets: BTreeMap<(String, String, String), i64>,
    flushes: Vec<oneshot::Sender<()>>,
}

impl Batch {
    fn add(&mut self, job: WriterJob) {
        match job {
            WriterJob::Audit(record) => self.records.push(*record),
            WriterJob::TouchKey { id, at_ms } => {
                let at = self.keys.entry(id).or_default();
                *at = (*at).max(at_ms);
            }
            WriterJob::TouchSecret {
                tenant,
                environment,
                name,
                at_ms,
            } => {
                let at = self.secrets.entry((tenant, environment, name)).or_default();
                *at = (*at).max(at_ms);
            }
            WriterJob::Flush(done) => self.flushes.push(done),
        }
    }

    async fn write(self, db: &Db) {
        let count = self.records.len();
        if count + self.keys.len() + self.secrets.len() > 0 {
            if let Err(err) = self.insert(db).await {
                // LIMITATION: a batch that fails to write (database down) is lost after
                // this log line; a local spill file replayed on recovery would keep it.
                tracing::error!(error = %err, records = count,
                                "vault writer failed to write a batch");
            }
        }
        for done in self.flushes {
            let _ = done.send(());
        }
    }

    async fn insert(&self, db: &Db) -> Result<(), VaultError> {
        with_db!(db, |pool, begin| {
            let mut tx = pool.begin_with(begin).await?;
            for record in &self.records {
                let refs = serde_json::to_string(&record.references)
                    .map_err(|_| VaultError::Invalid("audit references do not serialize".into()))?;
                sqlx::query(
                    "INSERT INTO audit (at_ms, request_id, key_id, role, tenant, environment,
                                        action, api, operation, target, refs, outcome, latency_us)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                )
                .bind(record.at_ms)
                .bind(&record.request_id)
                .bind(&record.key_id)
                .bind(record.role.map(Role::as_str))
                .bind(&record.tenant)
                .bind(&record.environment)
                .bind(&record.action)
                .bind(&record.api)
                .bind(&record.operation)
                .bind(&record.target)
                .bind(refs)
                .bind(&record.outcome)
                .bind(record.latency_us)
                .execute(&mut *tx)
                .await?;
            }
            for (id, at_ms) in &self.keys {
                sqlx::query(
                    "UPDATE api_keys SET last_used_ms = $1
                     WHERE id = $2 AND (last_used_ms IS NULL OR last_used_ms < $1)",
                )
                .bind(at_ms)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            for ((tenant, environment, name), at_ms) in &self.secrets {
                sqlx::query(
                    "UPDATE secrets SET last_used_ms = $1
                     WHERE tenant = $2 AND environment = $3 AND name = $4
                       AND (last_used_ms IS NULL OR last_used_ms < $1)",
                )
                .bind(at_ms)
                .bind(tenant)
                .bind(environment)
                .bind(name)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }
}
