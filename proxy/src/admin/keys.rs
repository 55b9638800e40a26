//! API keys: list, create (the plaintext is in the response once), revoke.
//!
//! Operator keys have their own routes (`/operator-keys`) so that no tenant route can
//! ever mint one: the tenant routes accept only the roles `app` and `tenant-admin`,
//! and the operator routes need an operator.

use axum::extract::Request;
use axum::response::Response;
use http::StatusCode;
use poly_vault::{KeyInfo, NewKey, Role, Scope};
use serde::Deserialize;
use serde_json::json;

use super::http_io::{invalid, json, json_no_store, read_json, store_problem, P};
use super::{require_environment, Action, AuditTarget, Ctx, Need};
use crate::problem::{Problem, ProblemKind};
use crate::state::ProxyState;

/// The roles a tenant route can create.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum TenantRole {
    App,
    TenantAdmin,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateKey {
    role: serde_json::Value,
    label: Option<String>,
    expires_at: Option<String>,
    expires_in_seconds: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateOperatorKey {
    label: Option<String>,
    expires_at: Option<String>,
    expires_in_seconds: Option<u64>,
}

/// When a new key stops working: an RFC 3339 instant or seconds from now, not both.
struct Expiry {
    expires_at: Option<String>,
    expires_in_seconds: Option<u64>,
}

impl Expiry {
    fn to_ms(&self) -> Result<Option<i64>, Problem> {
        let now = chrono::Utc::now().timestamp_millis();
        let at = match (&self.expires_at, self.expires_in_seconds) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "Give `expires_at` or `expires_in_seconds`, not both.",
                ))
            }
            (None, None) => return Ok(None),
            (Some(text), None) => chrono::DateTime::parse_from_rfc3339(text)
                .map_err(|_| {
                    invalid(
                        "`expires_at` must be an RFC 3339 date-time, like `2030-01-31T12:00:00Z`.",
                    )
                })?
                .timestamp_millis(),
            (None, Some(seconds)) => i64::try_from(seconds)
                .ok()
                .and_then(|s| s.checked_mul(1000))
                .and_then(|ms| now.checked_add(ms))
                .ok_or_else(|| invalid("`expires_in_seconds` is too large."))?,
        };
        if at <= now {
            return Err(invalid("The expiry must be in the future."));
        }
        Ok(Some(at))
    }
}

/// The role member of a tenant key request: `app` or `tenant-admin`. Parsed by hand
/// so that `operator` gets an answer that says where operator keys come from.
fn tenant_role(value: &serde_json::Value) -> Result<Role, Problem> {
    if value.as_str() == Some("operator") {
        return Err(invalid(
            "Operator keys are created only through `POST /v1/admin/operator-keys`.",
        ));
    }
    match serde_json::from_value::<TenantRole>(value.clone()) {
        Ok(TenantRole::App) => Ok(Role::App),
        Ok(TenantRole::TenantAdmin) => Ok(Role::TenantAdmin),
        Err(_) => Err(invalid("`role` must be `app` or `tenant-admin`.")),
    }
}

/// `GET …/environments/{environment}/keys`: metadata only; keys are never stored.
pub(crate) async fn list(ctx: Ctx, P((tenant, environment)): P<(String, String)>) -> Response {
    let action = Action::new("key.list")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            require_environment(&state, &scope).await?;
            let keys = state
                .store
                .list_keys(Some(&scope))
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, json!({ "keys": keys })))
        },
    )
    .await
}

/// `POST …/environments/{environment}/keys`.
pub(crate) async fn create(
    ctx: Ctx,
    P((tenant, environment)): P<(String, String)>,
    request: Request,
) -> Response {
    let action = Action::new("key.create")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let body: CreateKey = read_json(request).await?;
            let expiry = Expiry {
                expires_at: body.expires_at,
                expires_in_seconds: body.expires_in_seconds,
            };
            let new = NewKey {
                scope: Scope::new(&tenant, &environment),
                role: tenant_role(&body.role)?,
                label: body.label,
                expires_ms: expiry.to_ms()?,
            };
            issue(&state, new).await
        },
    )
    .await
}

/// `DELETE …/environments/{environment}/keys/{key_id}`. A key of another scope is
/// "not found", like a key that does not exist.
pub(crate) async fn revoke(
    ctx: Ctx,
    P((tenant, environment, key_id)): P<(String, String, String)>,
) -> Response {
    let action = Action::new("key.revoke")
        .tenant(&tenant)
        .environment(&environment)
        .target(&key_id);
    ctx.run(action, Need::Tenant(tenant.clone()), |state, _| async move {
        revoke_in(&state, &Scope::new(&tenant, &environment), &key_id).await
    })
    .await
}

/// `GET /operator-keys`.
pub(crate) async fn list_operator(ctx: Ctx) -> Response {
    ctx.run(
        Action::new("operator-key.list"),
        Need::Operator,
        |state, _| async move {
            let keys = state
                .store
                .list_keys(Some(&Scope::platform()))
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, json!({ "keys": keys })))
        },
    )
    .await
}

/// `POST /operator-keys`.
pub(crate) async fn create_operator(ctx: Ctx, request: Request) -> Response {
    ctx.run(
        Action::new("operator-key.create"),
        Need::Operator,
        |state, _| async move {
            let body: CreateOperatorKey = read_json(request).await?;
            let expiry = Expiry {
                expires_at: body.expires_at,
                expires_in_seconds: body.expires_in_seconds,
            };
            let new = NewKey {
                scope: Scope::platform(),
                role: Role::Operator,
                label: body.label,
                expires_ms: expiry.to_ms()?,
            };
            issue(&state, new).await
        },
    )
    .await
}

/// `DELETE /operator-keys/{key_id}`.
// LIMITATION: an operator may revoke every operator key, including its own; recovery
// is `poly-proxy key create-operator` on the host (it needs the store and the master key).
pub(crate) async fn revoke_operator(ctx: Ctx, P(key_id): P<String>) -> Response {
    let action = Action::new("operator-key.revoke").target(&key_id);
    ctx.run(action, Need::Operator, |state, _| async move {
        revoke_in(&state, &Scope::platform(), &key_id).await
    })
    .await
}

/// Creates the key and answers with its metadata and, this once, the key itself.
async fn issue(state: &ProxyState, new: NewKey) -> Result<Response, Problem> {
    let (info, issued) = state.store.create_key(new).await.map_err(store_problem)?;
    let mut body = serde_json::to_value(&info)
        .map_err(|_| Problem::new(ProblemKind::Internal, "Cannot encode the key."))?;
    body["key"] = serde_json::Value::String(issued.expose().to_owned());
    let mut response = json_no_store(StatusCode::CREATED, body);
    response.extensions_mut().insert(AuditTarget(info.id));
    Ok(response)
}

async fn revoke_in(state: &ProxyState, scope: &Scope, key_id: &str) -> Result<Response, Problem> {
    let not_found = || Problem::new(ProblemKind::NotFound, "No such key in this environment.");
    let key: KeyInfo = match state.store.key(key_id).await {
        Ok(key) => key,
        Err(poly_vault::VaultError::NotFound { .. }) => return Err(not_found()),
        Err(error) => return Err(store_problem(error)),
    };
    if key.scope() != *scope {
        return Err(not_found());
    }
    let revoked = state
        .store
        .revoke_key(key_id)
        .await
        .map_err(store_problem)?;
    Ok(json(StatusCode::OK, revoked))
}
