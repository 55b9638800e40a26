//! The client runtime of generated Rust SDKs.
//!
//! Generated SDKs never talk to a third-party API directly: they call the Poly proxy,
//! which holds the secrets and builds the upstream request itself. This crate speaks
//! that call protocol (`docs/protocol.md`) and nothing else, so that every SDK encodes
//! parameters, classifies answers and retries in exactly the same, specified way.
//!
//! The application using an SDK is assumed to be compromised, so the runtime's one
//! secret, the Poly API key, is written only into the `Authorization` header of calls
//! to the configured proxy: never into a URL, an error, a log line or a `Debug` string.
//!
//! ```no_run
//! use poly_runtime::{ApiKey, Client, Location, SecretRef};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder()
//!     .proxy_url("https://poly-proxy.internal")
//!     .api_key(ApiKey::new(std::env::var("POLY_API_KEY")?))
//!     .build()?;
//! // or: let client = Client::from_env()?;
//!
//! let response = client
//!     .call("erp", "listContactNotes")
//!     .idempotent(true) // upstream GET
//!     .param(Location::Path, "contactId", &"c_81f2")
//!     .param(Location::Query, "limit", &50)
//!     .param(Location::Query, "tags", &["vip", "follow up"])
//!     .secret("OAuth2", &SecretRef::new("erp-partner-token")?)
//!     .accept("application/json")
//!     .send()
//!     .await?; // Err only for proxy problems, transport failures and timeouts
//!
//! match response.status() {
//!     200 => {
//!         let notes: Vec<serde_json::Value> = response.json().await?;
//!         println!("{} notes", notes.len());
//!     }
//!     status => println!("upstream answered {status}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Upstream answers of any status are `Ok`: only the generated code knows which
//! statuses an operation documents. Proxy problems (`Poly-Origin: proxy`) are
//! [`Error::Proxy`], and a [`Problem`]'s `kind` is the stable slug to match on.

mod body;
mod client;
mod config;
mod encode;
mod error;
mod response;
mod retry;
mod secret;

pub use body::{Body, Multipart};
pub use client::{Call, Client, Location};
pub use config::{ClientBuilder, ConfigError, DEFAULT_TIMEOUT};
pub use error::{Error, Problem, ProblemItem, ProblemKind, TransportError};
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::{ApiKey, InvalidSecretRef, SecretRef};

/// Re-exported so generated code can name body and response types without adding
/// dependencies of its own at matching versions.
pub use bytes::Bytes;
