//! `Client::from_env`. Alone in its own test binary because it changes the process
//! environment.

use std::time::Duration;

use poly_runtime::{Client, ConfigError};

const KEY: &str = "poly_CANARYcanaryCANARYcanaryCANARYcanary1234a";

fn clear() {
    for var in ["POLY_PROXY_URL", "POLY_API_KEY", "POLY_TIMEOUT_MS"] {
        std::env::remove_var(var);
    }
}

#[test]
fn reads_url_key_and_timeout_from_the_environment() {
    clear();
    assert_eq!(Client::from_env().err(), Some(ConfigError::MissingProxyUrl));

    std::env::set_var("POLY_PROXY_URL", "https://poly-proxy.internal/");
    assert_eq!(Client::from_env().err(), Some(ConfigError::MissingApiKey));

    std::env::set_var("POLY_API_KEY", KEY);
    let client = Client::from_env().expect("configured");
    assert_eq!(client.proxy_url(), "https://poly-proxy.internal");
    assert_eq!(client.default_timeout(), poly_runtime::DEFAULT_TIMEOUT);
    assert!(!format!("{client:?}").contains("CANARY"));

    std::env::set_var("POLY_TIMEOUT_MS", "1500");
    let client = Client::from_env().expect("configured");
    assert_eq!(client.default_timeout(), Duration::from_millis(1500));

    for bad in ["0", "-1", "1.5s", "soon"] {
        std::env::set_var("POLY_TIMEOUT_MS", bad);
        let err = Client::from_env().expect_err("invalid timeout");
        assert!(
            matches!(err, ConfigError::InvalidTimeout(_)),
            "{bad}: {err:?}"
        );
    }
    std::env::remove_var("POLY_TIMEOUT_MS");

    std::env::set_var(
        "POLY_PROXY_URL",
        format!("https://x:{KEY}@poly-proxy.internal"),
    );
    let err = Client::from_env().expect_err("credentials in the URL");
    assert!(matches!(err, ConfigError::InvalidProxyUrl(_)), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("CANARY"));
    clear();
}
