//! Tenants and environments.
//!
//! A tenant or environment can be created only if the manifest declares it: the
//! manifest decides what a tenant may call, so a tenant the manifest does not know
//! could hold keys that authenticate but have no shape to call with.

use axum::extract::Request;
use axum::response::Response;
use http::StatusCode;
use poly_model::diagnostic::unknown_name_hint;
use poly_vault::PLATFORM;
use serde::Deserialize;
use serde_json::json;

use super::http_io::{invalid, json, read_json, store_problem, P};
use super::{Action, Ctx, Need};
use crate::problem::{Problem, ProblemKind};
use crate::state::ProxyState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateTenant {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateTenant {
    disabled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateEnvironment {
    name: String,
}

/// `GET /tenants`: every tenant but the reserved `_platform`.
pub(crate) async fn list(ctx: Ctx) -> Response {
    ctx.run(
        Action::new("tenant.list"),
        Need::Operator,
        |state, _| async move {
            let tenants: Vec<_> = state
                .store
                .list_tenants()
                .await
                .map_err(store_problem)?
                .into_iter()
                .filter(|t| t.name != PLATFORM)
                .collect();
            Ok(json(StatusCode::OK, json!({ "tenants": tenants })))
        },
    )
    .await
}

/// `POST /tenants`.
pub(crate) async fn create(ctx: Ctx, request: Request) -> Response {
    ctx.run(
        Action::new("tenant.create"),
        Need::Operator,
        |state, _| async move {
            let body: CreateTenant = read_json(request).await?;
            check_manifest_tenant(&state, &body.name)?;
            let tenant = state
                .store
                .create_tenant(&body.name)
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::CREATED, tenant))
        },
    )
    .await
}

/// `PATCH /tenants/{tenant}`: disables or re-enables a tenant. A disabled tenant's keys
/// stop authenticating; its secrets and config stay.
pub(crate) async fn update(ctx: Ctx, P(tenant): P<String>, request: Request) -> Response {
    let action = Action::new("tenant.update").tenant(&tenant);
    ctx.run(action, Need::Operator, |state, _| async move {
        let body: UpdateTenant = read_json(request).await?;
        state
            .store
            .set_tenant_disabled(&tenant, body.disabled)
            .await
            .map_err(store_problem)?;
        let tenants = state.store.list_tenants().await.map_err(store_problem)?;
        match tenants.into_iter().find(|t| t.name == tenant) {
            Some(info) => Ok(json(StatusCode::OK, info)),
            None => Err(Problem::new(
                ProblemKind::NotFound,
                format!("No tenant `{tenant}`."),
            )),
        }
    })
    .await
}

/// `GET /tenants/{tenant}/environments`.
pub(crate) async fn list_environments(ctx: Ctx, P(tenant): P<String>) -> Response {
    let action = Action::new("environment.list").tenant(&tenant);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let environments = state
                .store
                .list_environments(&tenant)
                .await
                .map_err(store_problem)?;
            Ok(json(
                StatusCode::OK,
                json!({ "environments": environments }),
            ))
        },
    )
    .await
}

/// `POST /tenants/{tenant}/environments` (operators only: environments are part of
/// the platform's shape, which tenants do not choose).
pub(crate) async fn create_environment(
    ctx: Ctx,
    P(tenant): P<String>,
    request: Request,
) -> Response {
    let action = Action::new("environment.create").tenant(&tenant);
    ctx.run(action, Need::Operator, |state, _| async move {
        let body: CreateEnvironment = read_json(request).await?;
        check_manifest_environment(&state, &tenant, &body.name)?;
        let environment = state
            .store
            .create_environment(&tenant, &body.name)
            .await
            .map_err(store_problem)?;
        Ok(json(StatusCode::CREATED, environment))
    })
    .await
}

/// `Ok` if the manifest declares `tenant`; otherwise an invalid request with a hint.
pub(crate) fn check_manifest_tenant(state: &ProxyState, tenant: &str) -> Result<(), Problem> {
    manifest_tenant(&state.manifest, tenant).map_err(invalid)
}

/// `Ok` if the manifest declares `environment` for `tenant`.
pub(crate) fn check_manifest_environment(
    state: &ProxyState,
    tenant: &str,
    environment: &str,
) -> Result<(), Problem> {
    manifest_environment(&state.manifest, tenant, environment).map_err(invalid)
}

/// The manifest check shared with the CLI: the message names the tenant and says what
/// the nearest declared one is.
pub(crate) fn manifest_tenant(manifest: &poly_model::Manifest, tenant: &str) -> Result<(), String> {
    if manifest.tenants.contains_key(tenant) {
        return Ok(());
    }
    let hint = unknown_name_hint(
        tenant,
        "tenant",
        manifest.tenants.keys().map(String::as_str),
    );
    Err(format!(
        "The manifest declares no tenant `{tenant}` ({hint}); add it to the manifest first."
    ))
}

pub(crate) fn manifest_environment(
    manifest: &poly_model::Manifest,
    tenant: &str,
    environment: &str,
) -> Result<(), String> {
    manifest_tenant(manifest, tenant)?;
    let Some(declared) = manifest.tenants.get(tenant) else {
        return Ok(());
    };
    if declared.environments.contains_key(environment) {
        return Ok(());
    }
    let hint = unknown_name_hint(
        environment,
        "environment",
        declared.environments.keys().map(String::as_str),
    );
    Err(format!(
        "The manifest declares no environment `{environment}` for tenant `{tenant}` ({hint})."
    ))
}
