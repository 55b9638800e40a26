//! Where credentials for OAuth2 and OpenID Connect schemes come from.
//!
//! Today the secret bound to such a scheme *is* the access token. Token management
//! (client-credentials exchange, refresh, caching until expiry) implements
//! [`TokenProvider`] without touching the call path.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use poly_model::SecurityScheme;
use poly_vault::{Scope, SecretValue};

pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Arc<SecretValue>, TokenError>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token endpoint could not issue a token")]
    Unavailable,
}

pub trait TokenProvider: Send + Sync {
    /// The credential to inject for `scheme`, given the secret bound to it.
    fn credential<'a>(
        &'a self,
        scope: &'a Scope,
        scheme: &'a SecurityScheme,
        secret: Arc<SecretValue>,
    ) -> TokenFuture<'a>;
}

/// Uses the stored secret as the token itself.
pub struct StoredTokens;

impl TokenProvider for StoredTokens {
    fn credential<'a>(
        &'a self,
        _scope: &'a Scope,
        _scheme: &'a SecurityScheme,
        secret: Arc<SecretValue>,
    ) -> TokenFuture<'a> {
        Box::pin(async move { Ok(secret) })
    }
}
