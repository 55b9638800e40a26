//! End to end: a real `poly-proxy` process between a client and a real loopback
//! upstream, with keys of two tenants: injection per scheme, shape enforcement,
//! redaction, limits, rotation, graceful shutdown with a call in flight, and the
//! audit record each call leaves.

mod common;

use base64::Engine;
use common::*;
use poly_vault::Role;
use serde_json::Value;

const HEADER_KEY: &str = "hk-CANARY-7f3a9c1e5b";
const QUERY_KEY: &str = "qk-CANARY-2d8e4f6a0c";
const COOKIE_KEY: &str = "ck-CANARY-9b1d3f5e7a";
const BASIC: &str = "svc-user:pw-CANARY-4c6e8a0b2d";
const BEARER: &str = "bt-CANARY-1a3c5e7f9b";
const BETA_BEARER: &str = "beta-CANARY-8e6c4a2f0d";

struct World {
    _setup: Setup,
    upstream: Upstream,
    elsewhere: Upstream,
    proxy: Proxy,
    alpha: String,
    alpha_id: String,
    alpha_admin: String,
    beta: String,
    operator: String,
}

async fn world(extra_env: &[(&str, &str)]) -> World {
    let elsewhere = start_upstream(None).await;
    let upstream = start_upstream(Some(format!("{}/capture", elsewhere.url))).await;
    let setup = Setup::new(|dir| write_manifest(dir, &upstream.url));
    let store = setup.store().await;
    let (alpha_info, alpha) = provision_key(&store, "alpha", "prod", Role::App).await;
    let alpha_admin = provision(&store, "alpha", "prod", Role::TenantAdmin).await;
    let beta = provision(&store, "beta", "prod", Role::App).await;
    let operator = provision(&store, "_platform", "_platform", Role::Operator).await;
    for (name, value) in [
        ("header-key", HEADER_KEY),
        ("query-key", QUERY_KEY),
        ("cookie-key", COOKIE_KEY),
        ("basic-credentials", BASIC),
        ("partner/bearer", BEARER),
    ] {
        put_secret(&store, "alpha", "prod", name, value).await;
    }
    put_secret(
        &store,
        "beta",
        "prod",
        "header-key",
        "beta-header-key-value",
    )
    .await;
    put_secret(&store, "beta", "prod", "beta-token", BETA_BEARER).await;
    store.flush().await.unwrap();
    store.close().await.unwrap();
    let proxy = Proxy::start(&setup, extra_env);
    World {
        _setup: setup,
        upstream,
        elsewhere,
        proxy,
        alpha: alpha.expose().to_owned(),
        alpha_id: alpha_info.id,
        alpha_admin: alpha_admin.expose().to_owned(),
        beta: beta.expose().to_owned(),
        operator: operator.expose().to_owned(),
    }
}

async fn problem(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    assert_eq!(response.headers()["poly-origin"], "proxy");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    (status, response.json().await.unwrap())
}

/// A problem body without the members that carry the request id.
fn without_request_id(mut body: Value) -> Value {
    body.as_object_mut().unwrap().remove("instance");
    body.as_object_mut().unwrap().remove("request_id");
    body
}

#[tokio::test]
async fn injects_each_scheme_where_the_description_puts_it() {
    let w = world(&[]).await;

    let r = call(
        &w.proxy,
        &w.alpha,
        "getThing",
        "path.id=%22t%2F1%22&query.verbose=true",
        None,
    )
    .await;
    assert_eq!(r.status(), 200, "{}", w.proxy.log());
    assert_eq!(r.headers()["poly-origin"], "upstream");
    let seen = w.upstream.recorder.last();
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.path, "/api/things/t%2F1");
    assert_eq!(seen.query.as_deref(), Some("verbose=true"));
    assert_eq!(seen.header("x-api-key"), Some(HEADER_KEY));
    assert_eq!(
        seen.header("x-company-id"),
        Some("1001"),
        "pinned from the manifest"
    );
    assert!(seen.header("x-request-id").is_some());
    assert!(
        seen.header("authorization").is_none(),
        "the Poly key never goes upstream"
    );

    let r = call(&w.proxy, &w.alpha, "withQueryKey", "", None).await;
    assert_eq!(r.status(), 200);
    let seen = w.upstream.recorder.last();
    assert_eq!(seen.query, Some(format!("api_key={QUERY_KEY}")));

    let r = call(
        &w.proxy,
        &w.alpha,
        "withCookieKey",
        "cookie.theme=%22dark%22",
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    let cookie = w
        .upstream
        .recorder
        .last()
        .header("cookie")
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains(&format!("session={COOKIE_KEY}")),
        "{cookie}"
    );
    assert!(cookie.contains("theme=dark"), "{cookie}");

    let r = call(&w.proxy, &w.alpha, "withBasic", "", None).await;
    assert_eq!(r.status(), 200);
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(BASIC)
    );
    assert_eq!(
        w.upstream.recorder.last().header("authorization"),
        Some(expected.as_str())
    );

    let r = call(
        &w.proxy,
        &w.alpha,
        "withBearer",
        "secret.Bearer=partner%2Fbearer",
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    let expected = format!("Bearer {BEARER}");
    assert_eq!(
        w.upstream.recorder.last().header("authorization"),
        Some(expected.as_str())
    );

    let r = call(
        &w.proxy,
        &w.alpha,
        "withOAuth",
        "secret.OAuth2=partner%2Fbearer",
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        w.upstream.recorder.last().header("authorization"),
        Some(expected.as_str())
    );
}

#[tokio::test]
async fn the_app_cannot_fill_a_credential_place_itself() {
    let w = world(&[]).await;
    let r = call(
        &w.proxy,
        &w.alpha,
        "getThing",
        "path.id=%221%22&header.X-API-Key=%22attacker%22",
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    let seen = w.upstream.recorder.last();
    let keys: Vec<_> = seen.headers.get_all("x-api-key").iter().collect();
    assert_eq!(keys, [HEADER_KEY], "only the injected credential");

    let r = call(
        &w.proxy,
        &w.alpha,
        "getThing",
        "path.id=%221%22&header.X-Company-Id=%22666%22",
        None,
    )
    .await;
    let (status, body) = problem(r).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (400, Some("urn:poly:problem:pinned-parameter"))
    );
}

#[tokio::test]
async fn denied_and_unknown_operations_get_the_same_403() {
    let w = world(&[]).await;
    let before = w.upstream.recorder.all().len();
    let denied = problem(call(&w.proxy, &w.alpha, "deleteEverything", "", None).await).await;
    let unknown = problem(call(&w.proxy, &w.alpha, "noSuchOperation", "", None).await).await;
    let other_api = problem(
        client()
            .post(format!("{}/v1/call/nope/getThing", w.proxy.url))
            .bearer_auth(&w.alpha)
            .send()
            .await
            .unwrap(),
    )
    .await;
    // Beta's shape does not include withQueryKey even though alpha's does.
    let not_in_shape = problem(call(&w.proxy, &w.beta, "withQueryKey", "", None).await).await;
    assert_eq!(denied.0, 403);
    assert_eq!(denied.1["type"], "urn:poly:problem:operation-denied");
    for other in [&unknown, &other_api, &not_in_shape] {
        assert_eq!(other.0, 403);
        assert_eq!(
            without_request_id(other.1.clone()),
            without_request_id(denied.1.clone())
        );
    }
    assert_eq!(
        w.upstream.recorder.all().len(),
        before,
        "no upstream contact"
    );
}

#[tokio::test]
async fn another_tenants_reference_looks_exactly_like_a_missing_one() {
    let w = world(&[]).await;
    let foreign = call(
        &w.proxy,
        &w.alpha,
        "withBearer",
        "secret.Bearer=beta-token",
        None,
    )
    .await;
    let missing = call(
        &w.proxy,
        &w.alpha,
        "withBearer",
        "secret.Bearer=no-such",
        None,
    )
    .await;
    let (foreign_status, foreign) = problem(foreign).await;
    let (missing_status, missing) = problem(missing).await;
    assert_eq!((foreign_status, missing_status), (422, 422));
    assert_eq!(
        foreign["type"],
        "urn:poly:problem:unresolved-secret-reference"
    );
    // The reference names differ, so compare with the names taken out.
    let strip = |mut v: Value| {
        v = without_request_id(v);
        v["errors"][0]["parameter"] = Value::Null;
        v
    };
    assert_eq!(strip(foreign.clone()), strip(missing));
    assert!(!foreign.to_string().contains(BETA_BEARER));

    // And beta itself resolves its own reference.
    let r = call(
        &w.proxy,
        &w.beta,
        "withBearer",
        "secret.Bearer=beta-token",
        None,
    )
    .await;
    assert_eq!(r.status(), 200);
    let expected = format!("Bearer {BETA_BEARER}");
    assert_eq!(
        w.upstream.recorder.last().header("authorization"),
        Some(expected.as_str())
    );
}

#[tokio::test]
async fn a_redirect_is_returned_and_never_followed_with_the_secret() {
    let w = world(&[]).await;
    let r = call(&w.proxy, &w.alpha, "redirect", "", None).await;
    assert_eq!(r.status(), 302);
    assert_eq!(r.headers()["poly-origin"], "upstream");
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&w.elsewhere.url), "{location}");
    assert!(
        w.elsewhere.recorder.all().is_empty(),
        "the other host was never contacted"
    );
}

#[tokio::test]
async fn an_upstream_that_echoes_credentials_gets_scrubbed() {
    let w = world(&[]).await;
    let body = format!(
        r#"{{"note":"raw {HEADER_KEY} b64 {}"}}"#,
        base64::engine::general_purpose::STANDARD.encode(HEADER_KEY)
    );
    let r = call(
        &w.proxy,
        &w.alpha,
        "echo",
        "",
        Some(("application/json", body.into_bytes())),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("set-cookie").is_none());
    assert_eq!(
        r.headers()["poly-origin"],
        "upstream",
        "upstream Poly-* headers are replaced"
    );
    let headers = format!("{:?}", r.headers());
    let text = r.text().await.unwrap();
    assert!(w.upstream.recorder.last().header("x-api-key") == Some(HEADER_KEY));
    for leaked in [
        HEADER_KEY.to_owned(),
        base64::engine::general_purpose::STANDARD.encode(HEADER_KEY),
    ] {
        assert!(!text.contains(&leaked), "body leaks {leaked}: {text}");
        assert!(
            !headers.contains(&leaked),
            "headers leak {leaked}: {headers}"
        );
    }
    assert!(text.contains("[REDACTED]"), "{text}");

    // Basic credentials: the password on its own and the encoded pair are covered.
    let password = BASIC.split_once(':').unwrap().1;
    let body = format!(r#"{{"p":"{password}"}}"#);
    let r = call(
        &w.proxy,
        &w.alpha,
        "echo",
        "",
        Some(("application/json", body.into_bytes())),
    )
    .await;
    let text = r.text().await.unwrap();
    assert!(!text.contains(HEADER_KEY));
    // The proxy only redacts what it injected into *this* request: the basic
    // password was not injected here, so it passes (it came from the app anyway).
    assert!(text.contains(password));
}

#[tokio::test]
async fn a_body_slot_carries_the_secret_to_the_upstream_only() {
    let w = world(&[]).await;
    let store_key = &w.alpha_admin;
    let r = client()
        .put(format!(
            "{}/v1/admin/tenants/alpha/environments/prod/secrets/hooks%2Fsigning",
            w.proxy.url
        ))
        .bearer_auth(store_key)
        .json(&serde_json::json!({"value": "whsec-CANARY-5e7a9c1b3d"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let r = call(
        &w.proxy,
        &w.alpha,
        "createWebhook",
        "slot.webhook_secret=hooks%2Fsigning",
        Some((
            "application/json",
            br#"{"url":"https://hooks.example/x","signingSecret":""}"#.to_vec(),
        )),
    )
    .await;
    assert_eq!(r.status(), 201, "{}", w.proxy.log());
    let seen: Value = serde_json::from_slice(&w.upstream.recorder.last().body).unwrap();
    assert_eq!(seen["signingSecret"], "whsec-CANARY-5e7a9c1b3d");
    assert_eq!(seen["url"], "https://hooks.example/x");
}

#[tokio::test]
async fn every_bad_key_gets_the_same_401() {
    let w = world(&[]).await;
    let url = format!("{}/v1/call/things/getThing", w.proxy.url);
    let revoked_key = w.alpha.clone();
    let mut bodies = Vec::new();
    for auth in [
        None,
        Some("Bearer poly_tooshort".to_owned()),
        Some(format!("Bearer poly_{}", "A".repeat(43))),
        Some(format!("Basic {revoked_key}")),
        Some("Bearer".to_owned()),
    ] {
        let mut request = client().post(&url);
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        let r = request.send().await.unwrap();
        assert_eq!(r.headers()["www-authenticate"], "Bearer realm=\"poly\"");
        let (status, body) = problem(r).await;
        assert_eq!(status, 401);
        bodies.push(without_request_id(body));
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");

    // A key in the query string is not a key.
    let r = client()
        .post(format!("{url}?access_token={}", w.alpha))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn protocol_shape_of_responses() {
    let w = world(&[]).await;
    let r = client()
        .post(format!("{}/v2/call/things/getThing", w.proxy.url))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(r).await;
    assert_eq!(status, 404);
    assert_eq!(body["type"], "urn:poly:problem:unsupported-protocol");

    let r = client()
        .get(format!("{}/v1/call/things/getThing", w.proxy.url))
        .bearer_auth(&w.alpha)
        .header("poly-request-id", "my-id-1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["poly-request-id"], "my-id-1");
    assert_eq!(r.headers()["poly-protocol"], "1");
    let (status, body) = problem(r).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (400, Some("urn:poly:problem:malformed-call"))
    );
    assert_eq!(body["instance"], "urn:poly:request:my-id-1");

    let r = call(&w.proxy, &w.alpha, "getThing", "path.id=%22..%22", None).await;
    let (status, body) = problem(r).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (400, Some("urn:poly:problem:invalid-parameter"))
    );
    assert_eq!(body["errors"][0]["parameter"], "path.id");

    for path in ["/healthz", "/readyz"] {
        let r = client()
            .get(format!("{}{path}", w.proxy.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let metrics = client()
        .get(format!("{}/metrics", w.proxy.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("poly_proxy_calls_total"), "{metrics}");
    assert!(
        metrics.contains("outcome=\"invalid-parameter\""),
        "{metrics}"
    );
}

#[tokio::test]
async fn limits_turn_into_problems() {
    let w = world(&[
        ("POLY_REQUEST_BODY_BYTES", "1024"),
        ("POLY_RESPONSE_BODY_BYTES", "100000"),
        ("POLY_TOTAL_TIMEOUT_MS", "700"),
        ("POLY_CONCURRENT_CALLS_PER_KEY", "1"),
    ])
    .await;

    let big = vec![b'x'; 4096];
    let r = call(
        &w.proxy,
        &w.alpha,
        "echo",
        "",
        Some(("application/octet-stream", big)),
    )
    .await;
    let (status, body) = problem(r).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (413, Some("urn:poly:problem:body-too-large"))
    );

    let r = call(
        &w.proxy,
        &w.alpha,
        "echo",
        "",
        Some(("text/plain", b"hi".to_vec())),
    )
    .await;
    let (status, _) = problem(r).await;
    assert_eq!(status, 415);

    let r = call(&w.proxy, &w.alpha, "stream", "query.size=50000", None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().len(), 50_000);
    // Over the response limit, mid-stream: the transfer is aborted, not cut short silently.
    let r = call(&w.proxy, &w.alpha, "stream", "query.size=400000", None).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.bytes().await.is_err(),
        "an aborted response must not look complete"
    );

    // One slow call holds the key's only slot.
    let proxy_url = w.proxy.url.clone();
    let key = w.alpha.clone();
    let slow = tokio::spawn(async move {
        client()
            .post(format!("{proxy_url}/v1/call/things/slow"))
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
    });
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let r = call(&w.proxy, &w.alpha, "getThing", "path.id=%221%22", None).await;
    assert_eq!(r.headers()["retry-after"], "1");
    let (status, _) = problem(r).await;
    assert_eq!(status, 429);
    let (status, body) = problem(slow.await.unwrap()).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (504, Some("urn:poly:problem:upstream-timeout"))
    );
}

#[tokio::test]
async fn shuts_down_gracefully_on_sigterm() {
    let w = world(&[]).await;
    let status = w.proxy.stop();
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn sigterm_finishes_the_call_in_flight_and_takes_no_new_connection() {
    let w = world(&[]).await;
    let World {
        mut proxy,
        upstream,
        alpha,
        ..
    } = w;
    let url = format!("{}/v1/call/things/delayed?query.ms=1500", proxy.url);
    let in_flight = tokio::spawn(async move {
        let r = client().post(url).bearer_auth(alpha).send().await.unwrap();
        let status = r.status().as_u16();
        let origin = r.headers()["poly-origin"].to_str().unwrap().to_owned();
        (status, origin, r.text().await.unwrap())
    });

    // SIGTERM only once the upstream holds the call, so it is truly in flight.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !upstream
        .recorder
        .all()
        .iter()
        .any(|r| r.path == "/api/delayed")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the call never reached the upstream:\n{}",
            proxy.log()
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    proxy.terminate();
    assert!(
        proxy
            .wait_for_log("shutting down", std::time::Duration::from_secs(5))
            .await,
        "no shutdown message:\n{}",
        proxy.log()
    );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(proxy.is_running(), "the proxy waits for the call in flight");

    // A new connection is refused, or answered 503 by a draining proxy.
    let fresh = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    match fresh.get(format!("{}/readyz", proxy.url)).send().await {
        Ok(r) => assert_eq!(r.status(), 503, "a new connection was served after SIGTERM"),
        Err(error) => assert!(error.is_connect(), "{error:?}"),
    }
    assert!(
        proxy.is_running(),
        "the probe ran while the call was in flight"
    );

    let (status, origin, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert_eq!(origin, "upstream");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body, serde_json::json!({"delayed_ms": 1500}));
    let exit = proxy.wait_for_exit(std::time::Duration::from_secs(10));
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}

#[tokio::test]
async fn every_call_is_audited_with_who_where_what_outcome_latency_and_request_id() {
    let w = world(&[]).await;
    let started_ms = chrono_now_ms();
    let send = |operation: &str, query: &str, id: &str| {
        client()
            .post(format!(
                "{}/v1/call/things/{operation}?{query}",
                w.proxy.url
            ))
            .bearer_auth(&w.alpha)
            .header("poly-request-id", id)
            .send()
    };
    let r = send("getThing", "path.id=%221%22", "audit-ok-5d1f3b")
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["poly-request-id"], "audit-ok-5d1f3b");
    let r = send("deleteEverything", "", "audit-denied-5d1f3b")
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = send(
        "withBearer",
        "secret.Bearer=partner%2Fbearer",
        "audit-ref-5d1f3b",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let r = send(
        "withBearer",
        "secret.Bearer=no-such",
        "audit-missing-5d1f3b",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);

    let ids = [
        "audit-ok-5d1f3b",
        "audit-denied-5d1f3b",
        "audit-ref-5d1f3b",
        "audit-missing-5d1f3b",
    ];
    let text = read_audit_until(
        &w.proxy,
        &w.operator,
        "tenant=alpha&limit=1000",
        |records| {
            ids.iter()
                .all(|id| records.iter().any(|r| r["request_id"] == *id))
        },
    )
    .await;
    let ended_ms = chrono_now_ms();
    let body: Value = serde_json::from_str(&text).unwrap();
    let record = |id: &str| {
        let matching: Vec<&Value> = body["records"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["request_id"] == id)
            .collect();
        assert_eq!(matching.len(), 1, "one record for {id}: {matching:?}");
        matching[0].clone()
    };
    for (id, operation, outcome, references) in [
        ("audit-ok-5d1f3b", "getThing", "200", vec![]),
        (
            "audit-denied-5d1f3b",
            "deleteEverything",
            "operation-denied",
            vec![],
        ),
        (
            "audit-ref-5d1f3b",
            "withBearer",
            "200",
            vec!["partner/bearer"],
        ),
        (
            "audit-missing-5d1f3b",
            "withBearer",
            "unresolved-secret-reference",
            vec!["no-such"],
        ),
    ] {
        let r = record(id);
        assert_eq!(r["action"], "call", "{r}");
        assert_eq!(r["key_id"], w.alpha_id.as_str(), "who: {r}");
        assert_eq!(r["role"], "app", "{r}");
        assert_eq!(r["tenant"], "alpha", "{r}");
        assert_eq!(r["environment"], "prod", "{r}");
        assert_eq!(r["api"], "things", "{r}");
        assert_eq!(r["operation"], operation, "{r}");
        assert_eq!(r["outcome"], outcome, "{r}");
        assert_eq!(r["references"], serde_json::json!(references), "{r}");
        let latency = r["latency_us"].as_i64().expect("a latency");
        assert!((0..10_000_000).contains(&latency), "{r}");
        let at = r["at_ms"].as_i64().expect("a time");
        assert!((started_ms..=ended_ms).contains(&at), "{r}");
    }
    assert!(
        record("audit-ok-5d1f3b")["latency_us"].as_i64().unwrap() > 0,
        "an upstream round trip takes time"
    );

    assert!(!w.alpha_id.is_empty() && !w.alpha.contains(&w.alpha_id));
    for leaked in [
        w.alpha.as_str(),
        w.operator.as_str(),
        HEADER_KEY,
        BEARER,
        QUERY_KEY,
        COOKIE_KEY,
        BASIC,
    ] {
        assert!(!text.contains(leaked), "the audit log holds {leaked}");
    }
}

fn chrono_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[tokio::test]
async fn rotation_during_a_stream_of_calls_loses_none_and_switches_over() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    let w = world(&[]).await;
    let old = "rot-OLD-3b5d7f9a1c";
    let new = "rot-NEW-8c6e4a2b0d";
    let put = |value: &'static str| {
        let url = format!(
            "{}/v1/admin/tenants/alpha/environments/prod/secrets/rotating",
            w.proxy.url
        );
        let key = w.alpha_admin.clone();
        async move {
            let r = client()
                .put(url)
                .bearer_auth(key)
                .json(&serde_json::json!({ "value": value }))
                .send()
                .await
                .unwrap();
            assert!(r.status().is_success(), "{}", r.text().await.unwrap());
        }
    };
    put(old).await;

    // Rotate once the stream is flowing, and keep it flowing until every worker has
    // made calls that started after the rotation: no dependence on how fast calls are.
    let rotated = Arc::new(AtomicBool::new(false));
    let completed = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for worker in 0..4 {
        let proxy_url = w.proxy.url.clone();
        let key = w.alpha.clone();
        let rotated = rotated.clone();
        let completed = completed.clone();
        workers.push(tokio::spawn(async move {
            let mut results = Vec::new();
            let mut after = 0;
            for i in 0..2000 {
                let after_rotation = rotated.load(Ordering::SeqCst);
                let id = format!("w{worker}-{i}");
                let r = client()
                    .post(format!(
                        "{proxy_url}/v1/call/things/withBearer?secret.Bearer=rotating"
                    ))
                    .bearer_auth(&key)
                    .header("poly-request-id", &id)
                    .send()
                    .await
                    .unwrap();
                results.push((id, after_rotation, r.status().as_u16()));
                completed.fetch_add(1, Ordering::SeqCst);
                after += usize::from(after_rotation);
                if after >= 10 {
                    break;
                }
            }
            results
        }));
    }
    while completed.load(Ordering::SeqCst) < 40 {
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
    }
    put(new).await;
    rotated.store(true, Ordering::SeqCst);

    let mut results = Vec::new();
    for worker in workers {
        results.extend(worker.await.unwrap());
    }
    assert!(results.len() >= 80, "{} calls", results.len());
    assert!(
        results.iter().all(|(_, _, status)| *status == 200),
        "{results:?}"
    );

    let seen = w.upstream.recorder.all();
    let by_id = |id: &str| {
        seen.iter()
            .find(|r| r.header("x-request-id") == Some(id))
            .and_then(|r| r.header("authorization").map(str::to_owned))
    };
    let (mut old_count, mut new_count) = (0, 0);
    for (id, after_rotation, _) in &results {
        let auth = by_id(id).unwrap_or_else(|| panic!("call {id} never reached the upstream"));
        if auth == format!("Bearer {new}") {
            new_count += 1;
        } else {
            assert_eq!(auth, format!("Bearer {old}"));
            assert!(
                !after_rotation,
                "call {id} started after the rotation but used the old value"
            );
            old_count += 1;
        }
    }
    assert!(
        old_count > 0 && new_count > 0,
        "old {old_count}, new {new_count}"
    );
}

#[tokio::test]
async fn tenant_admins_stay_in_their_tenant_and_apps_cannot_administer() {
    let w = world(&[]).await;
    let base = format!("{}/v1/admin/tenants", w.proxy.url);
    let put = |url: String, key: String| async move {
        client()
            .put(url)
            .bearer_auth(key)
            .json(&serde_json::json!({"value": "x-CANARY-never"}))
            .send()
            .await
            .unwrap()
    };
    let own = put(
        format!("{base}/alpha/environments/prod/secrets/ok"),
        w.alpha_admin.clone(),
    )
    .await;
    assert!(own.status().is_success());
    let foreign = put(
        format!("{base}/beta/environments/prod/secrets/header-key"),
        w.alpha_admin.clone(),
    )
    .await;
    let (status, foreign) = problem(foreign).await;
    assert_eq!(status, 403);
    let nowhere = put(
        format!("{base}/nobody/environments/prod/secrets/x"),
        w.alpha_admin.clone(),
    )
    .await;
    let (_, nowhere) = problem(nowhere).await;
    assert_eq!(without_request_id(foreign), without_request_id(nowhere));
    let app = put(
        format!("{base}/alpha/environments/prod/secrets/ok"),
        w.alpha.clone(),
    )
    .await;
    assert_eq!(problem(app).await.0, 403);
    let r = client()
        .get(format!("{base}/alpha/environments/prod/secrets"))
        .bearer_auth(&w.beta)
        .send()
        .await
        .unwrap();
    assert_eq!(problem(r).await.0, 403);
    // Beta's key still works, with beta's secret untouched.
    let r = call(&w.proxy, &w.beta, "getThing", "path.id=%221%22", None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        w.upstream.recorder.last().header("x-api-key"),
        Some("beta-header-key-value")
    );
}

#[tokio::test]
async fn a_chunked_body_on_an_operation_without_one_is_refused() {
    let w = world(&[]).await;
    let before = w.upstream.recorder.all().len();
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from("x"))]);
    let r = client()
        .post(format!(
            "{}/v1/call/things/getThing?path.id=%221%22",
            w.proxy.url
        ))
        .bearer_auth(&w.alpha)
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(r).await;
    assert_eq!(
        (status, body["type"].as_str()),
        (400, Some("urn:poly:problem:malformed-call"))
    );
    assert_eq!(
        w.upstream.recorder.all().len(),
        before,
        "no upstream contact"
    );
}

#[tokio::test]
async fn a_pinned_value_set_by_the_tenant_admin_applies_to_the_next_call() {
    let w = world(&[]).await;
    let company = |w: &World| {
        w.upstream
            .recorder
            .last()
            .header("x-company-id")
            .map(str::to_owned)
    };
    let get = || call(&w.proxy, &w.alpha, "getThing", "path.id=%221%22", None);
    let config = format!(
        "{}/v1/admin/tenants/alpha/environments/prod/config/company_id",
        w.proxy.url
    );

    // The manifest's value, then cached for the calls that follow.
    assert_eq!(get().await.status(), 200);
    assert_eq!(company(&w).as_deref(), Some("1001"));
    assert_eq!(get().await.status(), 200);

    // The administrator's value overrides it at once, despite the cache.
    let r = client()
        .put(&config)
        .bearer_auth(&w.alpha_admin)
        .json(&serde_json::json!({"value": "4242"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    assert_eq!(get().await.status(), 200);
    assert_eq!(company(&w).as_deref(), Some("4242"));

    // Deleting it brings the manifest's value back, also at once.
    let r = client()
        .delete(&config)
        .bearer_auth(&w.alpha_admin)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    assert_eq!(get().await.status(), 200);
    assert_eq!(company(&w).as_deref(), Some("1001"));
}
