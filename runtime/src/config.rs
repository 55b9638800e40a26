//! Building a [`Client`]: where the proxy is, which key to present, how long to wait.

use std::fmt;
use std::time::Duration;

use crate::client::{Client, Inner};
use crate::retry::RetryPolicy;
use crate::secret::ApiKey;

/// The protocol's recommended default deadline per call (§11).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

const DEFAULT_USER_AGENT: &str = concat!("poly-runtime-rust/", env!("CARGO_PKG_VERSION"));

/// Why a client could not be built.
///
/// Messages name the setting and the reason but never echo a value: the URL could
/// carry credentials by mistake, and the key is a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("no proxy URL configured (POLY_PROXY_URL or ClientBuilder::proxy_url)")]
    MissingProxyUrl,
    #[error("no API key configured (POLY_API_KEY or ClientBuilder::api_key)")]
    MissingApiKey,
    #[error("the proxy URL is invalid: {0}")]
    InvalidProxyUrl(String),
    #[error("the API key is empty or contains characters that cannot be sent in an HTTP header")]
    InvalidApiKey,
    #[error("the timeout is invalid: {0}")]
    InvalidTimeout(String),
    #[error("the user agent is not a valid HTTP header value")]
    InvalidUserAgent,
    #[error("the HTTP client could not be built: {0}")]
    Http(String),
}

/// Configures a [`Client`]. Only the proxy URL and the API key are required.
#[derive(Clone, Default)]
pub struct ClientBuilder {
    proxy_url: Option<String>,
    api_key: Option<ApiKey>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            // Not the raw text: until `build` has rejected it, it may hold userinfo.
            .field("proxy_url_set", &self.proxy_url.is_some())
            .field("api_key", &self.api_key)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

impl ClientBuilder {
    /// The proxy's base URL, e.g. `https://poly-proxy.internal` (a path prefix is
    /// kept: calls go to `<base>/v1/call/...`).
    pub fn proxy_url(mut self, url: impl AsRef<str>) -> Self {
        self.proxy_url = Some(url.as_ref().to_owned());
        self
    }

    pub fn api_key(mut self, key: ApiKey) -> Self {
        self.api_key = Some(key);
        self
    }

    /// The default deadline of each call: connecting, every attempt, the waits between
    /// attempts and reading the whole response body. Default: 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    pub fn build(self) -> Result<Client, ConfigError> {
        let base = proxy_base(
            self.proxy_url
                .as_deref()
                .ok_or(ConfigError::MissingProxyUrl)?,
        )?;
        let api_key = self.api_key.ok_or(ConfigError::MissingApiKey)?;
        if !api_key.is_sendable() || api_key.authorization().is_none() {
            return Err(ConfigError::InvalidApiKey);
        }
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(ConfigError::InvalidTimeout(
                "it must be greater than zero".into(),
            ));
        }
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned());
        let user_agent_value =
            http::HeaderValue::from_str(&user_agent).map_err(|_| ConfigError::InvalidUserAgent)?;
        let http = reqwest::Client::builder()
            // A followed redirect would carry the Poly key to wherever the upstream
            // points (protocol §8.3); 3xx answers go to the app as they are.
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .user_agent(user_agent_value)
            .build()
            .map_err(|e| ConfigError::Http(e.without_url().to_string()))?;
        if base.starts_with("http://") && !is_loopback_base(&base) {
            tracing::warn!("the Poly proxy URL is plain http: the API key travels unencrypted");
        }
        Ok(Client::from_inner(Inner {
            http,
            base,
            api_key,
            timeout,
            retry: self.retry,
        }))
    }
}

/// Normalises the proxy URL to `scheme://host[:port][/prefix]` without a trailing
/// slash, refusing anything a call URL must not inherit: credentials (reqwest would
/// send them as Basic auth, next to the key), a query or a fragment.
fn proxy_base(text: &str) -> Result<String, ConfigError> {
    let invalid = |why: &str| ConfigError::InvalidProxyUrl(why.to_owned());
    let url =
        url::Url::parse(text.trim()).map_err(|e| ConfigError::InvalidProxyUrl(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or a fragment"));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback_base(base: &str) -> bool {
    url::Url::parse(base)
        .ok()
        .and_then(|u| match u.host()? {
            url::Host::Domain(d) => Some(d.eq_ignore_ascii_case("localhost")),
            url::Host::Ipv4(ip) => Some(ip.is_loopback()),
            url::Host::Ipv6(ip) => Some(ip.is_loopback()),
        })
        .unwrap_or(false)
}

/// Reads `POLY_PROXY_URL`, `POLY_API_KEY` and `POLY_TIMEOUT_MS` (optional).
pub(crate) fn builder_from_env() -> Result<ClientBuilder, ConfigError> {
    use std::env::{var, VarError};
    let mut builder = ClientBuilder::default();
    match var("POLY_PROXY_URL") {
        Ok(url) if !url.trim().is_empty() => builder = builder.proxy_url(url),
        Ok(_) | Err(VarError::NotPresent) => return Err(ConfigError::MissingProxyUrl),
        Err(VarError::NotUnicode(_)) => {
            return Err(ConfigError::InvalidProxyUrl(
                "POLY_PROXY_URL is not valid UTF-8".into(),
            ))
        }
    }
    match var("POLY_API_KEY") {
        Ok(key) if !key.is_empty() => builder = builder.api_key(ApiKey::new(key)),
        Ok(_) | Err(VarError::NotPresent) => return Err(ConfigError::MissingApiKey),
        Err(VarError::NotUnicode(_)) => return Err(ConfigError::InvalidApiKey),
    }
    match var("POLY_TIMEOUT_MS") {
        Ok(ms) => {
            let ms = ms
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|ms| *ms > 0)
                .ok_or_else(|| {
                    ConfigError::InvalidTimeout(
                        "POLY_TIMEOUT_MS must be a positive whole number of milliseconds".into(),
                    )
                })?;
            builder = builder.timeout(Duration::from_millis(ms));
        }
        Err(VarError::NotPresent) => {}
        Err(VarError::NotUnicode(_)) => {
            return Err(ConfigError::InvalidTimeout(
                "POLY_TIMEOUT_MS is not valid UTF-8".into(),
            ))
        }
    }
    Ok(builder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_proxy_urls() {
        assert_eq!(
            proxy_base("https://p.example").ok().as_deref(),
            Some("https://p.example")
        );
        assert_eq!(
            proxy_base("https://p.example/").ok().as_deref(),
            Some("https://p.example")
        );
        assert_eq!(
            proxy_base("http://127.0.0.1:8080/poly/").ok().as_deref(),
            Some("http://127.0.0.1:8080/poly")
        );
        for bad in [
            "",
            "p.example",
            "ftp://p.example",
            "https://user:pw@p.example",
            "https://user@p.example",
            "https://p.example/?a=1",
            "https://p.example/#f",
        ] {
            assert!(proxy_base(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn url_errors_do_not_echo_the_url() {
        let err = proxy_base("https://poly_SECRET:x@p.example").expect_err("credentials");
        assert!(!format!("{err} {err:?}").contains("SECRET"));
        let err = proxy_base("https://poly_SECRET@[::1").expect_err("broken");
        assert!(!format!("{err} {err:?}").contains("SECRET"));
    }

    #[test]
    fn builder_checks() {
        let ok = || {
            ClientBuilder::default()
                .proxy_url("http://127.0.0.1:1")
                .api_key(ApiKey::new("poly_x"))
        };
        assert!(ok().build().is_ok());
        assert_eq!(
            ClientBuilder::default()
                .api_key(ApiKey::new("k"))
                .build()
                .err(),
            Some(ConfigError::MissingProxyUrl)
        );
        assert_eq!(
            ClientBuilder::default().proxy_url("http://h").build().err(),
            Some(ConfigError::MissingApiKey)
        );
        assert_eq!(
            ok().api_key(ApiKey::new("poly x")).build().err(),
            Some(ConfigError::InvalidApiKey)
        );
        assert!(matches!(
            ok().timeout(Duration::ZERO).build().err(),
            Some(ConfigError::InvalidTimeout(_))
        ));
        assert_eq!(
            ok().user_agent("a\nb").build().err(),
            Some(ConfigError::InvalidUserAgent)
        );
        let debug = format!("{:?}", ok().api_key(ApiKey::new("poly_SECRET")));
        assert!(!debug.contains("SECRET"), "{debug}");
    }
}
