//! The admin API under `/v1/admin`: tenants, environments, API keys, secrets (write-only),
//! config values and the audit log, for operators and tenant administrators.
//!
//! Every handler goes through [`Ctx::run`], which is the one place that decides who may
//! do what, emits `AdminForbidden`, writes the audit record and counts the action. The
//! order is always: authenticate, authorize, then read the body and touch the store.
//! Authorizing before any lookup is what keeps the API from being an existence oracle:
//! a tenant administrator asking about another tenant gets the same `forbidden` answer
//! whether that tenant exists or not, because nothing about it was looked at.
//!
//! Modules: `http` (body, path and response helpers), `tenants` (tenants and
//! environments), `keys`, `secrets`, `config_values`, `audit`, `openapi` (the embedded
//! document served at `/openapi.json`).

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::response::Response;
use axum::routing::{delete, get, patch, post, put, MethodRouter};
use axum::Router;
use http::request::Parts;
use http::Method;
use poly_vault::{AuditRecord, Role, PLATFORM};

use crate::auth::Caller;
use crate::events::SecurityEvent;
use crate::metrics::AdminLabels;
use crate::problem::{Problem, ProblemKind};
use crate::server::RequestId;
use crate::state::ProxyState;

mod audit;
mod config_values;
mod http_io;
mod keys;
mod openapi;
mod secrets;
mod tenants;

pub use openapi::{openapi_document, openapi_value, OPENAPI_YAML};
pub(crate) use secrets::MAX_SECRET_BYTES;
pub(crate) use tenants::{manifest_environment, manifest_tenant};

/// Longest path value (tenant, environment, name) copied into an audit record. Denied
/// requests may carry anything in their path; the record must stay small.
const AUDIT_FIELD_MAX: usize = 128;

type Handler = MethodRouter<Arc<ProxyState>>;

/// The single list of admin routes: method, path relative to `/v1/admin` as written in
/// the OpenAPI document, handler. The router and the test that compares the router
/// with the document both read it, so neither can drift from the other.
fn table() -> Vec<(Method, &'static str, Handler)> {
    vec![
        (Method::GET, "/tenants", get(tenants::list)),
        (Method::POST, "/tenants", post(tenants::create)),
        (Method::PATCH, "/tenants/{tenant}", patch(tenants::update)),
        (
            Method::GET,
            "/tenants/{tenant}/environments",
            get(tenants::list_environments),
        ),
        (
            Method::POST,
            "/tenants/{tenant}/environments",
            post(tenants::create_environment),
        ),
        (
            Method::GET,
            "/tenants/{tenant}/environments/{environment}/keys",
            get(keys::list),
        ),
        (
            Method::POST,
            "/tenants/{tenant}/environments/{environment}/keys",
            post(keys::create),
        ),
        (
            Method::DELETE,
            "/tenants/{tenant}/environments/{environment}/keys/{key_id}",
            delete(keys::revoke),
        ),
        (Method::GET, "/operator-keys", get(keys::list_operator)),
        (Method::POST, "/operator-keys", post(keys::create_operator)),
        (
            Method::DELETE,
            "/operator-keys/{key_id}",
            delete(keys::revoke_operator),
        ),
        (
            Method::GET,
            "/tenants/{tenant}/environments/{environment}/secrets",
            get(secrets::list),
        ),
        (
            Method::GET,
            "/tenants/{tenant}/environments/{environment}/secrets/{name}",
            get(secrets::show),
        ),
        (
            Method::PUT,
            "/tenants/{tenant}/environments/{environment}/secrets/{name}",
            put(secrets::put),
        ),
        (
            Method::DELETE,
            "/tenants/{tenant}/environments/{environment}/secrets/{name}",
            delete(secrets::remove),
        ),
        (
            Method::GET,
            "/tenants/{tenant}/environments/{environment}/config",
            get(config_values::list),
        ),
        (
            Method::PUT,
            "/tenants/{tenant}/environments/{environment}/config",
            put(config_values::put_many),
        ),
        (
            Method::DELETE,
            "/tenants/{tenant}/environments/{environment}/config",
            delete(config_values::delete_all),
        ),
        (
            Method::GET,
            "/tenants/{tenant}/environments/{environment}/config/{key}",
            get(config_values::show),
        ),
        (
            Method::PUT,
            "/tenants/{tenant}/environments/{environment}/config/{key}",
            put(config_values::put_one),
        ),
        (
            Method::DELETE,
            "/tenants/{tenant}/environments/{environment}/config/{key}",
            delete(config_values::delete_one),
        ),
        (Method::GET, "/audit", get(audit::list)),
    ]
}

/// Every admin route as (method, path relative to `/v1/admin`, in OpenAPI syntax).
pub fn routes() -> Vec<(Method, &'static str)> {
    table()
        .into_iter()
        .map(|(method, path, _)| (method, path))
        .collect()
}

/// The path as axum matches it: secret names and config keys may contain `/`, so the
/// last segment of those routes is a wildcard (the OpenAPI document cannot say so and
/// documents it in the parameter's description instead).
fn axum_path(path: &str) -> String {
    path.replace("/secrets/{name}", "/secrets/{*name}")
        .replace("/config/{key}", "/config/{*key}")
}

/// The admin API, nested by the server at `/v1/admin`.
pub fn router() -> Router<Arc<ProxyState>> {
    table()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(&axum_path(path), handler)
        })
        .method_not_allowed_fallback(wrong_method)
        .fallback(unknown_path)
}

/// A path under `/v1/admin` that is no admin route: `not-found`, after authentication
/// (app keys get `forbidden`, as everywhere here).
async fn unknown_path(ctx: Ctx) -> Response {
    use axum::response::IntoResponse;

    match ctx.caller {
        Err(problem) => problem.into_response(),
        Ok(caller) if caller.role() == Role::App => forbidden().into_response(),
        Ok(_) => Problem::new(
            ProblemKind::NotFound,
            "No such admin endpoint; the admin routes are in /openapi.json.",
        )
        .into_response(),
    }
}

/// A method an admin path does not accept. Like the server's fallback, it answers
/// only an authenticated caller, so a prober without a key learns nothing about the
/// route layout; app keys get the `forbidden` they get everywhere here.
async fn wrong_method(ctx: Ctx) -> Response {
    use axum::response::IntoResponse;

    match ctx.caller {
        Err(problem) => problem.into_response(),
        Ok(caller) if caller.role() == Role::App => forbidden().into_response(),
        Ok(_) => Problem::new(
            ProblemKind::InvalidRequest,
            "This path does not accept this method; the admin routes are in /openapi.json.",
        )
        .into_response(),
    }
}

/// What an action needs from the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Need {
    /// An operator key.
    Operator,
    /// An operator key, or a tenant-admin key of this tenant.
    Tenant(String),
}

/// Whether `caller` may act where `need` says. App keys may do nothing here; operator
/// keys everything; tenant-admin keys only inside their own tenant.
pub(crate) fn permits(caller: &Caller, need: &Need) -> bool {
    match (caller.role(), need) {
        (Role::Operator, _) => caller.scope().is_platform(),
        (Role::TenantAdmin, Need::Tenant(tenant)) => caller.0.tenant == *tenant,
        (Role::TenantAdmin, Need::Operator) | (Role::App, _) => false,
    }
}

/// The one answer to every request outside the caller's rights. It names nothing the
/// request asked about, so it cannot tell whether the target exists.
pub(crate) fn forbidden() -> Problem {
    Problem::new(
        ProblemKind::Forbidden,
        "This API key may not perform this action.",
    )
}

/// `NotFound` unless the scope's environment exists in the store. Used by reads whose
/// store call would otherwise answer an empty list for a scope that does not exist.
pub(crate) async fn require_environment(
    state: &ProxyState,
    scope: &poly_vault::Scope,
) -> Result<(), Problem> {
    let environments = state
        .store
        .list_environments(&scope.tenant)
        .await
        .map_err(http_io::store_problem)?;
    if environments.iter().any(|e| e.name == scope.environment) {
        Ok(())
    } else {
        Err(Problem::new(
            ProblemKind::NotFound,
            format!("No environment `{scope}`."),
        ))
    }
}

/// What an audit record says was acted on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Action {
    /// `secret.put`, `key.create`, …
    pub name: &'static str,
    pub tenant: Option<String>,
    pub environment: Option<String>,
    pub target: Option<String>,
}

impl Action {
    pub(crate) fn new(name: &'static str) -> Action {
        Action {
            name,
            ..Action::default()
        }
    }

    pub(crate) fn tenant(mut self, tenant: &str) -> Action {
        self.tenant = Some(clip(tenant));
        self
    }

    pub(crate) fn environment(mut self, environment: &str) -> Action {
        self.environment = Some(clip(environment));
        self
    }

    pub(crate) fn target(mut self, target: &str) -> Action {
        self.target = Some(clip(target));
        self
    }
}

fn clip(text: &str) -> String {
    text.chars().take(AUDIT_FIELD_MAX).collect()
}

/// A target only known once the action is done (the id of a created key), handed from
/// the handler to the audit record through the response's extensions.
#[derive(Debug, Clone)]
pub(crate) struct AuditTarget(pub String);

/// Everything a handler needs besides its path and body. Never rejects: an
/// unauthenticated request still reaches [`Ctx::run`], which answers it and counts it.
pub(crate) struct Ctx {
    pub state: Arc<ProxyState>,
    pub caller: Result<Caller, Problem>,
    request_id: String,
    started: Instant,
}

impl FromRequestParts<Arc<ProxyState>> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<ProxyState>,
    ) -> Result<Ctx, Self::Rejection> {
        let started = Instant::now();
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|id| id.0.to_string())
            .unwrap_or_default();
        let caller = Caller::from_request_parts(parts, state).await;
        Ok(Ctx {
            state: state.clone(),
            caller,
            request_id,
            started,
        })
    }
}

impl Ctx {
    /// Authenticates, authorizes against `need`, runs `work`, then audits and counts the
    /// outcome, whatever it was.
    pub(crate) async fn run<F, Fut>(self, mut action: Action, need: Need, work: F) -> Response
    where
        F: FnOnce(Arc<ProxyState>, Caller) -> Fut,
        Fut: Future<Output = Result<Response, Problem>>,
    {
        use axum::response::IntoResponse;

        let caller = match &self.caller {
            Ok(caller) => caller.clone(),
            Err(problem) => {
                // LIMITATION: unauthenticated requests are counted but not audited: they
                // carry no identity, and a row per request would let anyone who can reach
                // the port grow the audit table without bound.
                self.count(&action, problem.kind.slug());
                return problem.clone().into_response();
            }
        };
        let permitted = permits(&caller, &need);
        let result = if !permitted {
            self.state.events.emit(SecurityEvent::AdminForbidden {
                key_id: caller.key_id().to_owned(),
                action: action.name.to_owned(),
            });
            Err(forbidden())
        } else if need == Need::Tenant(PLATFORM.to_owned()) {
            // The reserved scope of operator keys is not a tenant: its keys are managed
            // through `/operator-keys`, and it holds no secrets or config.
            Err(Problem::new(
                ProblemKind::NotFound,
                "No tenant `_platform`.",
            ))
        } else {
            work(self.state.clone(), caller.clone()).await
        };
        let (outcome, response) = match result {
            Ok(mut response) => {
                if let Some(AuditTarget(target)) = response.extensions_mut().remove() {
                    action = action.target(&target);
                }
                (response.status().as_u16().to_string(), response)
            }
            Err(problem) => (problem.kind.slug().to_owned(), problem.into_response()),
        };
        if !permitted {
            // A refused attempt on another scope is the caller's record, not that scope's:
            // its administrators should not read (or be flooded with) what others tried.
            let attempted = [action.tenant.take(), action.environment.take()]
                .into_iter()
                .flatten()
                .chain(action.target.take())
                .collect::<Vec<_>>()
                .join("/");
            let own = caller.scope();
            action.tenant = Some(own.tenant);
            action.environment = Some(own.environment);
            if !attempted.is_empty() {
                action = action.target(&attempted);
            }
        }
        self.audit(&caller, &action, &outcome).await;
        self.count(&action, &outcome);
        response
    }

    fn count(&self, action: &Action, outcome: &str) {
        self.state
            .metrics
            .admin_actions
            .get_or_create(&AdminLabels {
                action: action.name.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    async fn audit(&self, caller: &Caller, action: &Action, outcome: &str) {
        let record = AuditRecord {
            at_ms: chrono::Utc::now().timestamp_millis(),
            request_id: self.request_id.clone(),
            key_id: Some(caller.key_id().to_owned()),
            role: Some(caller.role()),
            tenant: action.tenant.clone(),
            environment: action.environment.clone(),
            action: action.name.to_owned(),
            api: None,
            operation: None,
            target: action.target.clone(),
            references: Vec::new(),
            outcome: outcome.to_owned(),
            latency_us: i64::try_from(self.started.elapsed().as_micros()).unwrap_or(i64::MAX),
        };
        // LIMITATION: the action has already happened when its record fails to queue
        // (only while the store shuts down); the failure is logged, not undone.
        if let Err(error) = self.state.store.append_audit(record).await {
            tracing::error!(%error, action = action.name, "cannot queue an admin audit record");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_only_for_names_that_may_hold_slashes() {
        assert_eq!(
            axum_path("/tenants/{tenant}/environments/{environment}/secrets/{name}"),
            "/tenants/{tenant}/environments/{environment}/secrets/{*name}"
        );
        assert_eq!(
            axum_path("/tenants/{tenant}/environments/{environment}/config/{key}"),
            "/tenants/{tenant}/environments/{environment}/config/{*key}"
        );
        assert_eq!(axum_path("/tenants/{tenant}"), "/tenants/{tenant}");
    }

    fn caller(role: Role, tenant: &str, environment: &str) -> Caller {
        Caller(poly_vault::KeyInfo {
            id: "key_0123456789ab".into(),
            tenant: tenant.into(),
            environment: environment.into(),
            role,
            label: None,
            created_ms: 0,
            expires_ms: None,
            revoked_ms: None,
            last_used_ms: None,
        })
    }

    #[test]
    fn who_may_do_what() {
        let operator = caller(Role::Operator, PLATFORM, PLATFORM);
        let admin = caller(Role::TenantAdmin, "acme-crm", "prod");
        let app = caller(Role::App, "acme-crm", "prod");
        let acme = Need::Tenant("acme-crm".into());
        let globex = Need::Tenant("globex-logistics".into());
        assert!(permits(&operator, &Need::Operator));
        assert!(permits(&operator, &globex));
        assert!(permits(&admin, &acme));
        assert!(!permits(&admin, &globex));
        assert!(!permits(&admin, &Need::Operator));
        assert!(!permits(&app, &acme));
        assert!(!permits(&app, &Need::Operator));
        // An operator role outside the platform scope (which the store refuses to
        // create) would still get nothing.
        assert!(!permits(&caller(Role::Operator, "acme-crm", "prod"), &acme));
    }

    #[test]
    fn every_route_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (method, path) in routes() {
            assert!(seen.insert((method.clone(), path)), "{method} {path} twice");
        }
    }
}
