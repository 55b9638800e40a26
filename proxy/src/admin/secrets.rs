//! Secrets: write-only. Values go in (`PUT`, which is also rotation); only metadata
//! comes out. There is deliberately no route that could return a value, so no bug in a
//! handler can leak one.

use axum::extract::Request;
use axum::response::Response;
use base64::Engine as _;
use http::StatusCode;
use poly_vault::{Scope, SecretValue};
use serde::Deserialize;
use serde_json::json;

use super::http_io::{invalid, json, no_content, read_json, store_problem, P};
use super::{Action, Ctx, Need};

/// The largest secret value: API keys, tokens and certificates fit well below it.
pub(crate) const MAX_SECRET_BYTES: usize = 64 * 1024;

/// `{"value": "<text>"}` or `{"value_base64": "<bytes>"}`. Not `Debug`: it holds the
/// value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PutSecret {
    value: Option<String>,
    value_base64: Option<String>,
}

impl PutSecret {
    fn into_value(self) -> Result<SecretValue, crate::problem::Problem> {
        let bytes = match (self.value, self.value_base64) {
            (Some(text), None) => text.into_bytes(),
            (None, Some(encoded)) => {
                let encoded = zeroize::Zeroizing::new(encoded);
                base64::engine::general_purpose::STANDARD
                    .decode(encoded.trim())
                    .map_err(|_| {
                        invalid("`value_base64` is not valid base64 (standard alphabet).")
                    })?
            }
            _ => return Err(invalid("Give exactly one of `value` and `value_base64`.")),
        };
        let value = SecretValue::new(bytes);
        if value.is_empty() {
            return Err(invalid("A secret value must not be empty."));
        }
        if value.len() > MAX_SECRET_BYTES {
            return Err(invalid(format!(
                "A secret value is at most {MAX_SECRET_BYTES} bytes."
            )));
        }
        Ok(value)
    }
}

/// `GET …/secrets`: metadata of every secret of the environment.
pub(crate) async fn list(ctx: Ctx, P((tenant, environment)): P<(String, String)>) -> Response {
    let action = Action::new("secret.list")
        .tenant(&tenant)
        .environment(&environment);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            let secrets = state
                .store
                .list_secrets(&scope)
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, json!({ "secrets": secrets })))
        },
    )
    .await
}

/// `GET …/secrets/{name}`: metadata of one secret.
pub(crate) async fn show(
    ctx: Ctx,
    P((tenant, environment, name)): P<(String, String, String)>,
) -> Response {
    let action = Action::new("secret.show")
        .tenant(&tenant)
        .environment(&environment)
        .target(&name);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            let meta = state
                .store
                .secret_meta(&scope, &name)
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, meta))
        },
    )
    .await
}

/// `PUT …/secrets/{name}`: writes the next version and answers its metadata.
pub(crate) async fn put(
    ctx: Ctx,
    P((tenant, environment, name)): P<(String, String, String)>,
    request: Request,
) -> Response {
    let action = Action::new("secret.put")
        .tenant(&tenant)
        .environment(&environment)
        .target(&name);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            // LIMITATION: the request body buffer (and serde's copy of the JSON string) are
            // not zeroized; only the decoded value is, from here on.
            let body: PutSecret = read_json(request).await?;
            let value = body.into_value()?;
            let scope = Scope::new(&tenant, &environment);
            let meta = state
                .store
                .put_secret(&scope, &name, value)
                .await
                .map_err(store_problem)?;
            Ok(json(StatusCode::OK, meta))
        },
    )
    .await
}

/// `DELETE …/secrets/{name}`: deletes every version.
pub(crate) async fn remove(
    ctx: Ctx,
    P((tenant, environment, name)): P<(String, String, String)>,
) -> Response {
    let action = Action::new("secret.delete")
        .tenant(&tenant)
        .environment(&environment)
        .target(&name);
    ctx.run(
        action,
        Need::Tenant(tenant.clone()),
        |state, _| async move {
            let scope = Scope::new(&tenant, &environment);
            state
                .store
                .delete_secret(&scope, &name)
                .await
                .map_err(store_problem)?;
            Ok(no_content())
        },
    )
    .await
}
