//! Retries (protocol §11) and deadlines, against a real HTTP server.

mod common;

use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use common::{bounded, closed_port_url, Hangup, TestProxy, KEY};
use futures_util::StreamExt;
use poly_runtime::{ApiKey, Body, Call, Client, Error, Location, ProblemKind, RetryPolicy};
use serde_json::Value;

fn flaky(client: &Client, id: &str, fail: &str, times: u32) -> Call {
    client
        .call("erp", "flaky")
        .request_id(id)
        .param(Location::Query, "fail", &fail)
        .param(Location::Query, "times", &times)
}

#[tokio::test]
async fn idempotent_upstream_503_is_retried_with_the_same_request_id() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let response = flaky(&proxy.client(), "retry-1", "upstream503", 1)
            .idempotent(true)
            .send()
            .await
            .expect("second attempt succeeds");
        assert_eq!(response.status(), 200);
        assert_eq!(response.request_id(), Some("retry-1"));
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["attempt"], 2);
        // Both attempts carried the same id (the proxy double counts per id).
        assert_eq!(proxy.attempts_of("retry-1"), 2);
        assert_eq!(proxy.seen().len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_generated_request_id_is_reused_across_retries() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let response = proxy
            .client()
            .call("erp", "flaky")
            .idempotent(true)
            .param(Location::Query, "fail", &"proxy503")
            .param(Location::Query, "times", &2)
            .send()
            .await
            .expect("third attempt succeeds");
        assert_eq!(response.status(), 200);
        let seen = proxy.seen();
        assert_eq!(seen.len(), 3);
        let id = seen[0].request_id.clone().expect("an id was sent");
        assert!(
            seen.iter()
                .all(|s| s.request_id.as_deref() == Some(id.as_str())),
            "{seen:?}"
        );
        assert_eq!(response.request_id(), Some(id.as_str()));
    })
    .await;
}

#[tokio::test]
async fn non_idempotent_calls_are_not_retried_without_retry_after() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        let response = flaky(&client, "post-1", "upstream503", 1)
            .send()
            .await
            .expect("an upstream 503 is a response");
        assert_eq!(response.status(), 503);
        assert_eq!(proxy.attempts_of("post-1"), 1);

        for (id, kind) in [
            ("post-2", "proxy502"),
            ("post-3", "proxy503"),
            ("post-4", "proxy504"),
        ] {
            let err = flaky(&client, id, kind, 1)
                .send()
                .await
                .expect_err("problem");
            assert!(matches!(err, Error::Proxy(_)), "{err:?}");
            assert_eq!(proxy.attempts_of(id), 1, "{kind}");
        }
    })
    .await;
}

#[tokio::test]
async fn proxy_5xx_problems_are_retried_until_attempts_run_out() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        for (id, kind) in [
            ("gw-1", "proxy502"),
            ("gw-2", "proxy503"),
            ("gw-3", "proxy504"),
        ] {
            let err = flaky(&client, id, kind, 100)
                .idempotent(true)
                .send()
                .await
                .expect_err("always failing");
            assert!(matches!(err, Error::Proxy(_)), "{err:?}");
            assert_eq!(proxy.attempts_of(id), 3, "{kind}: default attempts");
        }
        let err = flaky(&client, "gw-4", "proxy502", 100)
            .idempotent(true)
            .send()
            .await
            .expect_err("failing");
        assert_eq!(
            err.problem().map(|p| p.known_kind()),
            Some(ProblemKind::UpstreamUnreachable)
        );

        // Not in the retry table: an upstream 502, a 429 without Retry-After.
        let response = flaky(&client, "gw-5", "upstream429", 1)
            .idempotent(true)
            .send()
            .await
            .expect("429");
        assert_eq!(response.status(), 429);
        assert_eq!(proxy.attempts_of("gw-5"), 1);

        let none = proxy.client_with(|b| b.retry(RetryPolicy::none()));
        let _ = flaky(&none, "gw-6", "proxy503", 100)
            .idempotent(true)
            .send()
            .await;
        assert_eq!(proxy.attempts_of("gw-6"), 1, "RetryPolicy::none()");
    })
    .await;
}

#[tokio::test]
async fn retry_after_seconds_is_honoured_for_any_operation() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let start = Instant::now();
        let response = flaky(&proxy.client(), "ra-1", "proxy429", 1)
            .param(Location::Query, "retry_after", &"1")
            .send() // not idempotent: 429 with Retry-After is retried anyway
            .await
            .expect("second attempt succeeds");
        let elapsed = start.elapsed();
        assert_eq!(response.status(), 200);
        assert_eq!(proxy.attempts_of("ra-1"), 2);
        // The test client's backoff is at most 20 ms here: only Retry-After explains 1 s.
        assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    })
    .await;
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(3));
        let start = Instant::now();
        let response = flaky(&proxy.client(), "ra-2", "upstream503", 1)
            .param(Location::Query, "retry_after", &at)
            .send()
            .await
            .expect("second attempt succeeds");
        let elapsed = start.elapsed();
        assert_eq!(response.status(), 200);
        assert_eq!(proxy.attempts_of("ra-2"), 2);
        // One-second date resolution: the wait is between 2 and 3 seconds.
        assert!(elapsed >= Duration::from_millis(1900), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(6), "{elapsed:?}");
    })
    .await;
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_returns_the_answer_at_once() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let start = Instant::now();
        let err = flaky(&proxy.client(), "ra-3", "proxy429", 1)
            .param(Location::Query, "retry_after", &"30")
            .timeout(Duration::from_secs(3))
            .send()
            .await
            .expect_err("the 429 problem");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        let problem = err.problem().expect("problem");
        assert_eq!(problem.known_kind(), ProblemKind::TooManyConcurrentCalls);
        assert_eq!(problem.retry_after, Some(Duration::from_secs(30)));
        assert_eq!(proxy.attempts_of("ra-3"), 1);
    })
    .await;
}

fn upload_stream() -> Body {
    Body::from_stream(
        futures_util::stream::iter(0..8)
            .map(|i| Ok::<_, std::io::Error>(Bytes::from(vec![i as u8; 16 * 1024]))),
    )
}

#[tokio::test]
async fn a_streamed_body_is_never_retried_but_bytes_are() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        // Retryable for any operation (503 + Retry-After), and idempotent on top.
        let response = flaky(&client, "stream-1", "upstream503", 1)
            .idempotent(true)
            .param(Location::Query, "retry_after", &"0")
            .body("application/octet-stream", upload_stream())
            .send()
            .await
            .expect("the 503 is returned");
        assert_eq!(response.status(), 503);
        assert_eq!(proxy.attempts_of("stream-1"), 1);

        // The same call with a replayable body is retried: the test can tell.
        let response = flaky(&client, "stream-2", "upstream503", 1)
            .idempotent(true)
            .param(Location::Query, "retry_after", &"0")
            .body(
                "application/octet-stream",
                Body::from(vec![7u8; 128 * 1024]),
            )
            .send()
            .await
            .expect("second attempt succeeds");
        assert_eq!(response.status(), 200);
        assert_eq!(proxy.attempts_of("stream-2"), 2);
    })
    .await;
}

#[tokio::test]
async fn connection_failures_are_retried_only_for_idempotent_calls() {
    bounded(20, async {
        let hangup = Hangup::start().await;
        let client = Client::builder()
            .proxy_url(&hangup.url)
            .api_key(ApiKey::new(KEY))
            .retry(RetryPolicy {
                max_attempts: 3,
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(50),
            })
            .build()
            .expect("client");
        let err = client
            .call("erp", "get")
            .idempotent(true)
            .send()
            .await
            .expect_err("no answer");
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
        assert_eq!(hangup.count(), 3);

        let err = client
            .call("erp", "create")
            .send()
            .await
            .expect_err("no answer");
        assert!(matches!(err, Error::Transport(_)), "{err:?}");
        assert_eq!(hangup.count(), 4, "a non-idempotent call was retried");

        // Nothing listening at all: a connect error.
        let refused = Client::builder()
            .proxy_url(closed_port_url().await)
            .api_key(ApiKey::new(KEY))
            .build()
            .expect("client");
        match refused.call("erp", "get").idempotent(true).send().await {
            Err(Error::Transport(e)) => assert!(e.is_connect(), "{e}"),
            other => panic!("{other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn a_slow_proxy_times_out_within_bounds() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let start = Instant::now();
        let err = proxy
            .client()
            .call("erp", "slow")
            .param(Location::Query, "ms", &5000)
            .timeout(Duration::from_millis(300))
            .send()
            .await
            .expect_err("times out");
        let elapsed = start.elapsed();
        assert!(matches!(err, Error::Timeout), "{err:?}");
        assert!(elapsed >= Duration::from_millis(290), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");

        // The client's default applies when the call sets none.
        let client = proxy.client_with(|b| b.timeout(Duration::from_millis(300)));
        let start = Instant::now();
        let err = client
            .call("erp", "slow")
            .param(Location::Query, "ms", &5000)
            .send()
            .await
            .expect_err("times out");
        assert!(matches!(err, Error::Timeout), "{err:?}");
        assert!(start.elapsed() < Duration::from_secs(2));

        // And a fast call under the same default is fine.
        let ok = client
            .call("erp", "slow")
            .param(Location::Query, "ms", &10)
            .send()
            .await;
        assert_eq!(ok.map(|r| r.status()).ok(), Some(200));
    })
    .await;
}

#[tokio::test]
async fn the_deadline_covers_all_attempts_and_waits() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client_with(|b| {
            b.retry(RetryPolicy {
                max_attempts: 50,
                base_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(1),
            })
        });
        let start = Instant::now();
        let err = client
            .call("erp", "slowfail")
            .idempotent(true)
            .request_id("deadline-1")
            .param(Location::Query, "ms", &200)
            .timeout(Duration::from_millis(700))
            .send()
            .await
            .expect_err("runs out of time");
        assert!(matches!(err, Error::Timeout), "{err:?}");
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
        let attempts = proxy.attempts_of("deadline-1");
        assert!((2..=4).contains(&attempts), "{attempts} attempts");
    })
    .await;
}

#[tokio::test]
async fn the_deadline_keeps_running_while_the_body_is_read() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        let start = Instant::now();
        let response = client
            .call("erp", "stall")
            .timeout(Duration::from_millis(400))
            .send()
            .await
            .expect("the head arrives");
        let err = response.bytes().await.expect_err("the body stalls");
        assert!(matches!(err, Error::Timeout), "{err:?}");
        assert!(start.elapsed() < Duration::from_secs(2));

        let response = client
            .call("erp", "stall")
            .timeout(Duration::from_millis(400))
            .send()
            .await
            .expect("the head arrives");
        let mut stream = Box::pin(response.bytes_stream());
        let first = stream
            .next()
            .await
            .expect("a chunk")
            .expect("first chunk is data");
        assert_eq!(&first[..], b"partial");
        let next = stream.next().await.expect("an item");
        assert!(matches!(next, Err(Error::Timeout)), "{next:?}");
        assert!(
            stream.next().await.is_none(),
            "the stream ends after a timeout"
        );
        assert!(start.elapsed() < Duration::from_secs(3));
    })
    .await;
}
