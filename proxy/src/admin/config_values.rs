//! Config values: non-secret strings per environment, such as the values of pinned
//! parameters. A stored value overrides the manifest's `config` value of the same key
//! for that environment; this module only stores them, the call path applies them.

use std::collections::BTreeMap;

use axum::extract::Request;
use axum::response::Response;
use http::StatusCode;
use poly_vault::Scope;
use serde::Deserialize;
use serde_json::json;

use super::http_io::{json, no_content, read_json, store_problem, P};
use super::{Action, Ctx, Need};
use crate::problem::{Problem, ProblemKind};
use crate::state::ProxyState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PutMany {
    values: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PutOne {
    value: String,
}

/// The manifest's values for the environment, shown beside the stored overrides so an
/// administrator sees what is in effect.
fn manifest_values(state: &ProxyState, scope: &Scope) -> BTreeMap<String, String> {
    state
        .manifest
        .tenants
        .get(&scope.tenant)
        .and_then(|t| t.environments.get(&scope.environment))
        .map(|e| {
            e.config
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// `GET …/config`: `{"values": stored, "manifest": declared}`.
pub(crate) async fn list(ctx: Ctx, P((tenant, environment)): P<(String, String)>) -> Response {
    let action = Action::new("config.list")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            let values = state
                .store
                .list_config(&scope)
                .await
                .map_err(store_problem)?;
            let manifest = manifest_values(&state, &scope);
            Ok(json(
                StatusCode::OK,
                json!({ "values": values, "manifest": manifest }),
            ))
        },
    )
    .await
}

/// `PUT …/config`: sets every given value (others stay).
// LIMITATION: the values are set one by one, not in one transaction; a failure halfway
// leaves the earlier ones set (the answer says which failed).
pub(crate) async fn put_many(
    ctx: Ctx,
    P((tenant, environment)): P<(String, String)>,
    request: Request,
) -> Response {
    let action = Action::new("config.set")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let body: PutMany = read_json(request).await?;
            let scope = Scope::new(&tenant, &environment);
            for (key, value) in body.values {
                state
                    .store
                    .set_config(&scope, &key, value)
                    .await
                    .map_err(|e| {
                        let mut problem = store_problem(e);
                        problem.detail = format!("Config key `{key}`: {}", problem.detail);
                        problem
                    })?;
            }
            let values = state
                .store
                .list_config(&scope)
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, json!({ "values": values })))
        },
    )
    .await
}

/// `DELETE …/config`: deletes every stored value (the manifest's apply again).
pub(crate) async fn delete_all(
    ctx: Ctx,
    P((tenant, environment)): P<(String, String)>,
) -> Response {
    let action = Action::new("config.delete-all")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            let values = state
                .store
                .list_config(&scope)
                .await
                .map_err(store_problem)?;
            for key in values.keys() {
                match state.store.delete_config(&scope, key).await {
                    Ok(()) | Err(poly_vault::VaultError::NotFound { .. }) => {}
                    Err(error) => return Err(store_problem(error)),
                }
            }
            Ok(no_content())
        },
    )
    .await
}

/// `GET …/config/{key}`.
pub(crate) async fn show(
    ctx: Ctx,
    P((tenant, environment, key)): P<(String, String, String)>,
) -> Response {
    let action = Action::new("config.show")
        .tenant(&tenant)
        .environment(&environment)
        .target(&key);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            let values = state
                .store
                .list_config(&scope)
                .await
                .map_err(store_problem)?;
            match values.get(&key) {
                Some(value) => Ok(json(StatusCode::OK, json!({ "key": key, "value": value }))),
                None => Err(Problem::new(
                    ProblemKind::NotFound,
                    format!("No config value `{key}` is stored in this environment."),
                )),
            }
        },
    )
    .await
}

/// `PUT …/config/{key}`.
pub(crate) async fn put_one(
    ctx: Ctx,
    P((tenant, environment, key)): P<(String, String, String)>,
    request: Request,
) -> Response {
    let action = Action::new("config.set")
        .tenant(&tenant)
        .environment(&environment)
        .target(&key);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let body: PutOne = read_json(request).await?;
            let scope = Scope::new(&tenant, &environment);
            state
                .store
                .set_config(&scope, &key, body.value.clone())
                .await
                .map_err(store_problem)?;
            Ok(json(
                StatusCode::OK,
                json!({ "key": key, "value": body.value }),
            ))
        },
    )
    .await
}

/// `DELETE …/config/{key}`.
pub(crate) async fn delete_one(
    ctx: Ctx,
    P((tenant, environment, key)): P<(String, String, String)>,
) -> Response {
    let action = Action::new("config.delete")
        .tenant(&tenant)
        .environment(&environment)
        .target(&key);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            state
                .store
                .delete_config(&scope, &key)
                .await
                .map_err(store_problem)?;
            Ok(no_content())
        },
    )
    .await
}
