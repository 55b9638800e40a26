//! Who is calling: the API key in `Authorization: Bearer …` (protocol §3).
//!
//! Every way a key can be wrong (missing, malformed, unknown, expired, revoked, a
//! scheme other than Bearer) gets the same `unauthenticated` answer, so the response
//! tells an attacker nothing about which keys exist.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use http::request::Parts;
use poly_vault::{KeyInfo, Role, Scope};

use crate::problem::{Problem, ProblemKind};
use crate::state::ProxyState;

/// The authenticated key behind a request.
#[derive(Debug, Clone)]
pub struct Caller(pub KeyInfo);

impl Caller {
    pub fn scope(&self) -> Scope {
        Scope::new(&self.0.tenant, &self.0.environment)
    }

    pub fn role(&self) -> Role {
        self.0.role
    }

    pub fn key_id(&self) -> &str {
        &self.0.id
    }
}

pub fn unauthenticated() -> Problem {
    Problem::new(
        ProblemKind::Unauthenticated,
        "Send a valid API key as `Authorization: Bearer poly_…`.",
    )
}

/// The key text after `Bearer `, when the header has that form.
fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts
        .headers
        .get(http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
}

impl FromRequestParts<Arc<ProxyState>> for Caller {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<ProxyState>,
    ) -> Result<Caller, Problem> {
        if let Some(caller) = parts.extensions.get::<Caller>() {
            return Ok(caller.clone());
        }
        let Some(key) = bearer(parts) else {
            return Err(unauthenticated());
        };
        match state.store.authenticate(key).await {
            Ok(Some(info)) => {
                tracing::Span::current().record("key_id", info.id.as_str());
                let caller = Caller(info);
                parts.extensions.insert(caller.clone());
                Ok(caller)
            }
            Ok(None) => Err(unauthenticated()),
            Err(error) => {
                tracing::error!(%error, "the store could not check an API key");
                Err(
                    Problem::new(ProblemKind::NotReady, "The key store is unavailable.")
                        .retry_after(1),
                )
            }
        }
    }
}
