//! Reading the audit log. Operators read any tenant's records; a tenant administrator
//! reads only its own tenant's (asking for another tenant is `forbidden`).

use axum::extract::{Query, Request};
use axum::response::Response;
use http::StatusCode;
use poly_vault::{AuditQuery, Role};
use serde::Deserialize;
use serde_json::json;

use super::http_io::{invalid, json, redact_strings, store_problem};
use super::{Action, Ctx, Need};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Params {
    tenant: Option<String>,
    environment: Option<String>,
    limit: Option<u32>,
    /// Unix milliseconds or an RFC 3339 date-time: only older records.
    before: Option<String>,
}

fn before_ms(text: &str) -> Result<i64, crate::problem::Problem> {
    if let Ok(ms) = text.parse::<i64>() {
        return Ok(ms);
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.timestamp_millis())
        .map_err(|_| invalid("`before` is unix milliseconds or an RFC 3339 date-time."))
}

/// `GET /audit?tenant=&environment=&limit=&before=`, newest first.
pub(crate) async fn list(ctx: Ctx, request: Request) -> Response {
    let params = Query::<Params>::try_from_uri(request.uri()).map(|Query(p)| p);
    let own_tenant = match &ctx.caller {
        Ok(caller) if caller.role() == Role::TenantAdmin => Some(caller.0.tenant.clone()),
        _ => None,
    };
    let asked = params.as_ref().ok().and_then(|p| p.tenant.clone());
    // A tenant administrator that names no tenant reads its own; naming another one is
    // checked like any other cross-tenant access.
    let tenant = asked.or(own_tenant);
    let need = match &tenant {
        Some(tenant) => Need::Tenant(tenant.clone()),
        None => Need::Operator,
    };
    let mut action = Action::new("audit.list");
    if let Some(tenant) = &tenant {
        action = action.tenant(tenant);
    }
    ctx.run(action, need, |state, _| async move {
        let params = params.map_err(|e| {
            invalid(format!(
                "The query is invalid: {}.",
                redact_strings(&e.body_text())
            ))
        })?;
        let query = AuditQuery {
            tenant,
            environment: params.environment,
            limit: params.limit.unwrap_or(100),
            before_ms: params.before.as_deref().map(before_ms).transpose()?,
        };
        let records = state.store.list_audit(query).await.map_err(store_problem)?;
        Ok(json(StatusCode::OK, json!({ "records": records })))
    })
    .await
}
