//! The API key must not escape through any formatted value or log line, on any
//! failure path. Every client here presents the canary key; every error, client,
//! builder, call and response is formatted with `{:?}`, `{:#?}` and `{}` (where
//! implemented) and searched for it, and so is everything traced at TRACE level.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{
    assert_formats_clean, assert_no_canary, bounded, closed_port_url, Hangup, TestProxy, KEY,
};
use poly_runtime::{ApiKey, Body, Client, ConfigError, Error, Location, Multipart, SecretRef};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

fn check_debug<T: std::fmt::Debug>(what: &str, value: &T) {
    assert_no_canary(what, &format!("{value:?}"));
    assert_no_canary(what, &format!("{value:#?}"));
}

/// Collects the error of every failure path the runtime has.
async fn every_failure(proxy: &TestProxy) -> Vec<(&'static str, Error)> {
    let client = proxy.client();
    let mut errors = Vec::new();
    let mut push = |what: &'static str, result: Result<poly_runtime::Response, Error>| match result
    {
        Err(e) => errors.push((what, e)),
        Ok(r) => panic!("{what}: expected an error, got {r:?}"),
    };

    push("problem", client.call("erp", "denied").send().await);
    push(
        "problem with errors",
        client.call("erp", "invalid").send().await,
    );
    push("unknown slug", client.call("erp", "newslug").send().await);
    push("broken problem", client.call("erp", "notjson").send().await);
    push(
        "unmarked",
        client
            .call("erp", "flaky")
            .param(Location::Query, "fail", &"unmarked503")
            .send()
            .await,
    );
    push(
        "retries exhausted",
        client
            .call("erp", "flaky")
            .idempotent(true)
            .param(Location::Query, "fail", &"proxy502")
            .param(Location::Query, "times", &10)
            .send()
            .await,
    );
    push(
        "timeout",
        client
            .call("erp", "slow")
            .param(Location::Query, "ms", &3000)
            .timeout(Duration::from_millis(100))
            .send()
            .await,
    );
    push("encode", client.call("erp", "..").send().await);
    push(
        "encode body",
        client
            .call("erp", "x")
            .body("a\nb", Body::from("x"))
            .send()
            .await,
    );
    push(
        "encode multipart",
        client
            .call("erp", "x")
            .body(
                "m",
                Multipart::new()
                    .bytes("f", "n", "a\rb", vec![1u8])
                    .into_body()
                    .1,
            )
            .send()
            .await,
    );

    let hangup = Hangup::start().await;
    let dying = Client::builder()
        .proxy_url(&hangup.url)
        .api_key(ApiKey::new(KEY))
        .build()
        .expect("client");
    push("connection dropped", dying.call("erp", "get").send().await);

    let refused = Client::builder()
        .proxy_url(closed_port_url().await)
        .api_key(ApiKey::new(KEY))
        .build()
        .expect("client");
    push(
        "connection refused",
        refused.call("erp", "get").idempotent(true).send().await,
    );

    // Failures while reading a body.
    let decode = client.call("erp", "wrongtype").send().await.expect("200");
    check_debug("response", &decode);
    if let Err(e) = decode.json::<Vec<u32>>().await {
        errors.push(("decode", e));
    }
    let cut = client.call("erp", "abort").send().await.expect("head");
    if let Err(e) = cut.bytes().await {
        errors.push(("incomplete", e));
    }
    let stalled = client
        .call("erp", "stall")
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .expect("head");
    if let Err(e) = stalled.text().await {
        errors.push(("body timeout", e));
    }
    errors
}

#[tokio::test]
async fn the_key_never_appears_in_errors_debug_output_or_logs() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // The test runs on a current-thread runtime, so the thread default sees every event.
    let _guard = tracing::subscriber::set_default(subscriber);

    bounded(60, async {
        let proxy = TestProxy::start().await;
        let errors = every_failure(&proxy).await;
        let kinds = [
            "problem",
            "problem with errors",
            "unknown slug",
            "broken problem",
            "unmarked",
            "retries exhausted",
            "timeout",
            "encode",
            "encode body",
            "encode multipart",
            "connection dropped",
            "connection refused",
            "decode",
            "incomplete",
            "body timeout",
        ];
        let got: Vec<&str> = errors.iter().map(|(what, _)| *what).collect();
        assert_eq!(got, kinds, "every failure path produced an error");
        for (what, error) in &errors {
            assert_formats_clean(what, error);
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                assert_no_canary(what, &cause.to_string());
                source = cause.source();
            }
        }

        // The key really was presented: the canary could have leaked.
        assert!(proxy.seen().iter().any(|s| s.auth_ok));

        let client = proxy.client();
        check_debug("client", &client);
        check_debug(
            "builder",
            &Client::builder()
                .proxy_url(&proxy.url)
                .api_key(ApiKey::new(KEY)),
        );
        assert_formats_clean("api key", &ApiKey::new(KEY));
        let call = client
            .call("erp", "echo")
            .param(Location::Query, "x", &1)
            .secret("OAuth2", &SecretRef::new("erp-token").expect("valid"))
            .json(&serde_json::json!({"a": 1}));
        check_debug("call", &call);
        let response = call.send().await.expect("echo");
        check_debug("response", &response);
        check_debug("headers", response.headers());

        // Configuration errors, including a key pasted into the URL.
        let config_errors: Vec<ConfigError> = [
            Client::builder()
                .proxy_url(format!("http://user:{KEY}@127.0.0.1:1"))
                .api_key(ApiKey::new(KEY))
                .build(),
            Client::builder()
                .proxy_url(format!("http://{KEY}@127.0.0.1:1"))
                .api_key(ApiKey::new(KEY))
                .build(),
            Client::builder()
                .proxy_url(format!("http://127.0.0.1:1/?key={KEY}"))
                .api_key(ApiKey::new(KEY))
                .build(),
            Client::builder()
                .proxy_url(format!("not a url {KEY}"))
                .api_key(ApiKey::new(KEY))
                .build(),
            Client::builder()
                .proxy_url(&proxy.url)
                .api_key(ApiKey::new(format!("{KEY} \n")))
                .build(),
            Client::builder().proxy_url(&proxy.url).build(),
            Client::builder().api_key(ApiKey::new(KEY)).build(),
        ]
        .into_iter()
        .map(|r| r.expect_err("invalid configuration"))
        .collect();
        for error in &config_errors {
            assert_formats_clean("config error", error);
            assert_formats_clean("config error as Error", &Error::from(error.clone()));
        }
    })
    .await;

    let logs = captured.text();
    // The capture works and the span carries the documented fields...
    for field in [
        "poly_call",
        "api=erp",
        "operation=",
        "request_id=",
        "attempt=",
    ] {
        assert!(logs.contains(field), "missing {field:?} in logs:\n{logs}");
    }
    // ...and the key is nowhere in it.
    assert_no_canary("logs", &logs);
    // Neither are parameter values or reference names: only names of operations.
    assert!(!logs.contains("erp-token"), "{logs}");
}
