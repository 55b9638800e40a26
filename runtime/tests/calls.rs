//! Encoding of calls and classification of answers, against a real HTTP server.

mod common;

use std::time::Duration;

use bytes::Bytes;
use common::{bounded, fnv, pattern, Recorder, TestProxy};
use futures_util::StreamExt;
use poly_runtime::{Body, Error, Location, Multipart, ProblemKind, SecretRef};
use serde_json::{json, Value};

async fn echo(call: poly_runtime::Call) -> Value {
    let response = call.send().await.expect("echo call succeeds");
    assert_eq!(response.status(), 200);
    response.json().await.expect("echo answers JSON")
}

fn pairs(echo: &Value) -> Vec<(String, String)> {
    serde_json::from_value(echo["query"].clone()).expect("query pairs")
}

fn sref(name: &str) -> SecretRef {
    SecretRef::new(name).expect("valid test reference")
}

#[tokio::test]
async fn wire_example_12b_is_reproduced_byte_for_byte() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let seen = echo(
            proxy
                .client()
                .call("erp", "listContactNotes")
                .param(Location::Path, "contactId", &"c_81f2")
                .param(Location::Query, "limit", &50)
                .param(Location::Query, "tags", &["vip", "follow up"]),
        )
        .await;
        assert_eq!(seen["raw_path"], "/v1/call/erp/listContactNotes");
        assert_eq!(
            seen["raw_query"],
            "path.contactId=%22c_81f2%22&query.limit=50&query.tags=%5B%22vip%22%2C%22follow%20up%22%5D"
        );
        assert_eq!(seen["content_length"].as_str().unwrap_or("0"), "0");
        assert_eq!(seen["content_type"], Value::Null);
    })
    .await;
}

#[tokio::test]
async fn every_location_is_one_json_value_that_cannot_escape() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let seen = echo(
            proxy
                .client()
                .call("erp", "listContactNotes")
                .param(Location::Path, "contactId", &"../admin?x=1#")
                .param(Location::Query, "q", &"a b+c&d=e")
                .param(Location::Query, "filter", &json!({"k": "v", "n": [1, 2]}))
                .param(Location::Query, "archived", &true)
                .param(Location::Query, "nothing", &Option::<u8>::None)
                .param_opt(Location::Query, "absent", Option::<&u32>::None)
                .param_opt(Location::Query, "present", Some(&7u32))
                .param(Location::Header, "X-Trace", &"t 1")
                .param(Location::Cookie, "session.id", &"s=1; x")
                .param(Location::Query, "unicode", &"héllo ✓"),
        )
        .await;
        // The §12.f example, exactly.
        let raw = seen["raw_query"].as_str().expect("raw query");
        assert!(
            raw.starts_with("path.contactId=%22..%2Fadmin%3Fx%3D1%23%22&"),
            "{raw}"
        );
        // Only unreserved characters, `%`, `=` and `&` appear on the wire.
        assert!(
            raw.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)),
            "{raw}"
        );
        assert!(raw.contains("%20") && raw.contains("%2B") && !raw.contains('+'));
        // The path stays the call path: nothing leaked out of the value.
        assert_eq!(seen["raw_path"], "/v1/call/erp/listContactNotes");
        let expected: Vec<(String, String)> = [
            ("path.contactId", "\"../admin?x=1#\""),
            ("query.q", "\"a b+c&d=e\""),
            ("query.filter", "{\"k\":\"v\",\"n\":[1,2]}"),
            ("query.archived", "true"),
            ("query.nothing", "null"),
            ("query.present", "7"),
            ("header.X-Trace", "\"t 1\""),
            ("cookie.session.id", "\"s=1; x\""),
            ("query.unicode", "\"héllo ✓\""),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs(&seen), expected);
        // Header and cookie parameters travel in the query only, never as headers.
        let names: Vec<String> =
            serde_json::from_value(seen["header_names"].clone()).expect("header names");
        assert!(
            !names.iter().any(|n| n == "x-trace" || n == "cookie"),
            "{names:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn secret_and_slot_references_are_bare_names() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let seen = echo(
            proxy
                .client()
                .call("erp", "uploadFile")
                .param(Location::Path, "fileId", &"f_20931")
                .secret("OAuth2", &sref("erp-partner-token"))
                .slot("partnerToken", &sref("erp/partner-token.v2")),
        )
        .await;
        assert_eq!(
            seen["raw_query"],
            "path.fileId=%22f_20931%22&secret.OAuth2=erp-partner-token&slot.partnerToken=erp%2Fpartner-token.v2"
        );
        assert_eq!(
            pairs(&seen)[1..],
            [
                ("secret.OAuth2".to_owned(), "erp-partner-token".to_owned()),
                ("slot.partnerToken".to_owned(), "erp/partner-token.v2".to_owned()),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn api_and_operation_are_single_encoded_segments() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let seen = echo(proxy.client().call("git hub", "repos/get")).await;
        assert_eq!(seen["raw_path"], "/v1/call/git%20hub/repos%2Fget");
        assert_eq!(seen["api"], "git hub");
        assert_eq!(seen["op"], "repos/get");
        assert_eq!(seen["raw_query"], Value::Null);

        // Dot segments cannot be sent at all; nothing reaches the proxy.
        let before = proxy.seen().len();
        for (api, op) in [("erp", ".."), ("..", "x"), ("erp", "")] {
            let err = proxy
                .client()
                .call(api, op)
                .send()
                .await
                .expect_err("refused");
            assert!(matches!(err, Error::Encode(_)), "{err:?}");
        }
        assert_eq!(proxy.seen().len(), before);
    })
    .await;
}

#[tokio::test]
async fn unserializable_values_fail_at_send_without_a_request() {
    struct Unserializable;
    impl serde::Serialize for Unserializable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot serialize this"))
        }
    }
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        let calls = [
            client
                .call("erp", "echo")
                .param(Location::Query, "x", &Unserializable),
            client.call("erp", "echo").json(&Unserializable),
            client
                .call("erp", "echo")
                .form(&json!({"nested": {"no": 1}})),
            client.call("erp", "echo").body(
                "multipart/form-data",
                Multipart::new().json("m", &Unserializable).into_body().1,
            ),
            client.call("erp", "echo").accept("text/plain\r\nX-Evil: 1"),
            client
                .call("erp", "echo")
                .body("text/plain\nX-Evil: 1", Body::from("x")),
        ];
        for call in calls {
            let err = call.send().await.expect_err("encoding fails");
            assert!(matches!(err, Error::Encode(_)), "{err:?}");
        }
        assert!(
            proxy.seen().is_empty(),
            "nothing may be sent: {:?}",
            proxy.seen()
        );
    })
    .await;
}

#[tokio::test]
async fn json_and_form_bodies_carry_their_content_type() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        let contact = json!({"name": "Ada Lovelace", "phone": "+44 20 7946 0000"});
        let seen = echo(
            client
                .call("erp", "createContact")
                .json(&contact)
                .accept("application/json"),
        )
        .await;
        assert_eq!(seen["content_type"], "application/json");
        assert_eq!(seen["accept"], "application/json");
        assert_eq!(
            serde_json::from_str::<Value>(seen["body_text"].as_str().expect("text")).ok(),
            Some(contact)
        );
        assert_eq!(seen["content_length"], seen["body_len"].to_string());

        let seen = echo(
            client
                .call("erp", "login")
                .form(&[("user", "a b"), ("pass", "x&y=z+")]),
        )
        .await;
        assert_eq!(seen["content_type"], "application/x-www-form-urlencoded");
        let decoded: Vec<(String, String)> =
            url::form_urlencoded::parse(seen["body_text"].as_str().expect("text").as_bytes())
                .into_owned()
                .collect();
        assert_eq!(
            decoded,
            [
                ("user".to_owned(), "a b".to_owned()),
                ("pass".to_owned(), "x&y=z+".to_owned())
            ]
        );

        let seen = echo(
            client
                .call("erp", "raw")
                .body("text/csv; charset=utf-8", Body::from("a,b\n1,2\n")),
        )
        .await;
        assert_eq!(seen["content_type"], "text/csv; charset=utf-8");
        assert_eq!(seen["body_text"], "a,b\n1,2\n");
    })
    .await;
}

#[tokio::test]
async fn multipart_is_parsed_correctly_by_a_real_parser() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        // Binary content that looks like multipart syntax must not confuse the parser.
        let mut file = b"--not-the-boundary\r\n\r\nContent-Disposition: x\r\n".to_vec();
        file.extend((0..=255u8).cycle().take(3000));
        let (content_type, body) = Multipart::new()
            .text("note", "hello, world")
            .json("meta", &json!({"tags": ["a", "b"]}))
            .bytes(
                "file",
                "report 2025.bin",
                "application/octet-stream",
                Bytes::from(file.clone()),
            )
            .into_body();
        assert!(content_type.starts_with("multipart/form-data; boundary="));
        let response = proxy
            .client()
            .call("erp", "multipart")
            .body(&content_type, body)
            .send()
            .await
            .expect("multipart call");
        let seen: Value = response.json().await.expect("json");
        assert_eq!(seen["content_type"], content_type.as_str());
        let parts = seen["parts"].as_array().expect("parts");
        assert_eq!(parts.len(), 3, "{seen}");
        assert_eq!(parts[0]["name"], "note");
        assert_eq!(parts[0]["data"], "hello, world");
        assert_eq!(parts[0]["filename"], Value::Null);
        assert_eq!(parts[1]["name"], "meta");
        assert_eq!(parts[1]["content_type"], "application/json");
        assert_eq!(parts[1]["data"], r#"{"tags":["a","b"]}"#);
        assert_eq!(parts[2]["name"], "file");
        assert_eq!(parts[2]["filename"], "report 2025.bin");
        assert_eq!(parts[2]["content_type"], "application/octet-stream");
        assert_eq!(parts[2]["len"], file.len());
    })
    .await;
}

#[tokio::test]
async fn a_streamed_upload_arrives_in_full_and_chunked() {
    bounded(30, async {
        let proxy = TestProxy::start().await;
        let chunk = 64 * 1024;
        let chunks = 40; // 2.5 MiB, produced lazily
        let stream = futures_util::stream::iter(0..chunks).map(move |i| {
            Ok::<_, std::io::Error>(Bytes::from(
                (i * chunk..(i + 1) * chunk)
                    .map(pattern)
                    .collect::<Vec<u8>>(),
            ))
        });
        let body = Body::from_stream(stream);
        assert!(body.is_stream() && body.len().is_none());
        let seen = echo(
            proxy
                .client()
                .call("erp", "uploadFile")
                .idempotent(true)
                .body("application/octet-stream", body),
        )
        .await;
        let expected: Vec<u8> = (0..chunk * chunks).map(pattern).collect();
        assert_eq!(seen["body_len"], expected.len());
        assert_eq!(seen["body_fnv"], fnv(&expected));
        assert_eq!(seen["transfer_encoding"], "chunked");
        assert_eq!(seen["content_type"], "application/octet-stream");
    })
    .await;
}

#[tokio::test]
async fn a_large_download_is_read_as_a_stream() {
    bounded(30, async {
        let proxy = TestProxy::start().await;
        let size = 8 * 1024 * 1024 + 17;
        let response = proxy
            .client()
            .call("erp", "download")
            .param(Location::Query, "size", &size)
            .send()
            .await
            .expect("download starts");
        assert_eq!(response.content_type(), Some("application/octet-stream"));
        let mut stream = Box::pin(response.bytes_stream());
        let (mut total, mut pieces) = (0usize, 0usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.expect("chunk");
            for (i, byte) in chunk.iter().enumerate() {
                assert_eq!(*byte, pattern(total + i), "byte {}", total + i);
            }
            total += chunk.len();
            pieces += 1;
        }
        assert_eq!(total, size);
        assert!(pieces > 1, "a stream, not one buffer");
    })
    .await;
}

#[tokio::test]
async fn a_cut_off_body_is_an_error_not_a_short_success() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();
        let response = client
            .call("erp", "abort")
            .send()
            .await
            .expect("head arrives");
        assert_eq!(response.status(), 200);
        let err = response.bytes().await.expect_err("body is incomplete");
        assert!(matches!(err, Error::Incomplete(_)), "{err:?}");

        let response = client
            .call("erp", "abort")
            .send()
            .await
            .expect("head arrives");
        let items: Vec<_> = response.bytes_stream().collect().await;
        assert!(
            matches!(items.last(), Some(Err(Error::Incomplete(_)))),
            "{items:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn proxy_problems_become_errors_with_slug_and_request_id() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();

        let err = client
            .call("erp", "denied")
            .request_id("7d3f2a1b-6e8c-4b95-b0a4-2c9e1f7d5b38")
            .send()
            .await
            .expect_err("denied");
        let Error::Proxy(problem) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(problem.kind, "operation-denied");
        assert_eq!(problem.known_kind(), ProblemKind::OperationDenied);
        assert_eq!(problem.type_uri, "urn:poly:problem:operation-denied");
        assert_eq!(problem.status, 403);
        assert_eq!(problem.title, "Operation denied");
        assert_eq!(
            problem.detail.as_deref(),
            Some("Operation 'denied' of API 'erp' is not available to this API key.")
        );
        assert_eq!(
            err.request_id(),
            Some("7d3f2a1b-6e8c-4b95-b0a4-2c9e1f7d5b38")
        );
        assert!(err.to_string().contains("operation-denied"));

        let err = client
            .call("erp", "invalid")
            .send()
            .await
            .expect_err("invalid");
        let problem = err.problem().expect("a problem");
        assert_eq!(problem.known_kind(), ProblemKind::InvalidParameter);
        assert_eq!(problem.errors.len(), 1);
        assert_eq!(problem.errors[0].parameter, "path.contactId");

        // Unknown slugs are generic proxy errors that keep status and detail.
        let err = client
            .call("erp", "newslug")
            .send()
            .await
            .expect_err("new slug");
        let problem = err.problem().expect("a problem");
        assert_eq!(problem.kind, "brand-new-slug");
        assert_eq!(problem.known_kind(), ProblemKind::Other);
        assert_eq!(problem.status, 418);

        // A proxy-marked answer that is not a problem document is still a proxy error.
        let err = client
            .call("erp", "notjson")
            .send()
            .await
            .expect_err("broken problem");
        let problem = err.problem().expect("a problem");
        assert_eq!((problem.kind.as_str(), problem.status), ("", 500));
        assert!(problem.request_id.is_some());
    })
    .await;
}

#[tokio::test]
async fn a_wrong_key_is_unauthenticated() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client_with(|b| b.api_key(poly_runtime::ApiKey::new("poly_wrong")));
        let err = client.call("erp", "echo").send().await.expect_err("401");
        let problem = err.problem().expect("problem");
        assert_eq!(problem.known_kind(), ProblemKind::Unauthenticated);
        assert_eq!(problem.status, 401);
        assert!(!proxy.seen()[0].auth_ok);
    })
    .await;
}

#[tokio::test]
async fn upstream_errors_are_responses() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let response = proxy
            .client()
            .call("erp", "missing")
            .request_id("req-404")
            .send()
            .await
            .expect("an upstream 404 is a response");
        assert_eq!(response.status(), 404);
        assert_eq!(response.request_id(), Some("req-404"));
        assert_eq!(
            response
                .headers()
                .get("poly-origin")
                .and_then(|v| v.to_str().ok()),
            Some("upstream")
        );
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["message"], "no such contact");
    })
    .await;
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error() {
    #[derive(Debug, serde::Deserialize)]
    struct Contact {
        #[allow(dead_code)]
        id: u64,
    }
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let response = proxy
            .client()
            .call("erp", "wrongtype")
            .send()
            .await
            .expect("200");
        let err = response.json::<Contact>().await.expect_err("wrong type");
        assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn an_unmarked_response_is_never_taken_for_the_upstream() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let err = proxy
            .client()
            .call("erp", "flaky")
            .idempotent(true)
            .request_id("unmarked-1")
            .param(Location::Query, "fail", &"unmarked503")
            .param(Location::Query, "times", &10)
            .param(Location::Query, "retry_after", &"0")
            .send()
            .await
            .expect_err("no Poly-Origin");
        assert!(
            matches!(err, Error::UnmarkedResponse { status: 503 }),
            "{err:?}"
        );
        assert_eq!(proxy.attempts_of("unmarked-1"), 1, "not retried");
    })
    .await;
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let elsewhere = Recorder::start().await;
        let response = proxy
            .client()
            .call("erp", "redirect")
            .idempotent(true)
            .param(Location::Query, "to", &format!("{}/steal", elsewhere.url))
            .send()
            .await
            .expect("3xx is a response");
        assert_eq!(response.status(), 302);
        assert!(response.headers().get("location").is_some());
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(elsewhere.hits(), 0, "the key was carried to another host");
    })
    .await;
}

#[tokio::test]
async fn request_ids_are_sent_generated_and_validated() {
    bounded(20, async {
        let proxy = TestProxy::start().await;
        let client = proxy.client();

        let response = client
            .call("erp", "echo")
            .request_id("job-7:step_2")
            .send()
            .await
            .expect("ok");
        assert_eq!(response.request_id(), Some("job-7:step_2"));
        let seen: Value = response.json().await.expect("json");
        assert_eq!(seen["request_id"], "job-7:step_2");

        let is_uuid_v4 = |id: &str| {
            let b = id.as_bytes();
            id.len() == 36
                && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
                && b[14] == b'4'
                && matches!(b[19], b'8' | b'9' | b'a' | b'b')
                && id
                    .bytes()
                    .all(|c| c == b'-' || c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
        };
        let generated = client.call("erp", "echo").send().await.expect("ok");
        let id = generated.request_id().expect("an id").to_owned();
        assert!(is_uuid_v4(&id), "{id}");
        let seen: Value = generated.json().await.expect("json");
        assert_eq!(seen["request_id"], id.as_str());

        // An id the proxy would reject is replaced, and the replacement is reported.
        let replaced = client
            .call("erp", "echo")
            .request_id("bad id/!")
            .send()
            .await
            .expect("ok");
        let id = replaced.request_id().expect("an id");
        assert!(is_uuid_v4(id), "{id}");

        assert!(proxy.seen().iter().all(|s| s.request_id.is_some()));
        let ua: Value = client
            .call("erp", "echo")
            .send()
            .await
            .expect("ok")
            .json()
            .await
            .expect("json");
        assert!(ua["user_agent"]
            .as_str()
            .unwrap_or("")
            .starts_with("poly-runtime-rust/"));
    })
    .await;
}

#[test]
fn handles_are_send_and_futures_spawnable() {
    fn send_static<T: Send + 'static>() {}
    fn sync<T: Sync>() {}
    send_static::<poly_runtime::Client>();
    sync::<poly_runtime::Client>();
    send_static::<poly_runtime::Call>();
    send_static::<poly_runtime::Response>();
    send_static::<Error>();
    sync::<Error>();
    fn future_is_send<F: std::future::Future + Send + 'static>(_: &F) {}
    let client = poly_runtime::Client::builder()
        .proxy_url("http://127.0.0.1:9")
        .api_key(poly_runtime::ApiKey::new("poly_x"))
        .build()
        .expect("builds");
    let future = client.call("a", "b").send();
    future_is_send(&future);
}
