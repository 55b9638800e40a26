//! The admin API, in process: the server's router driven with `tower::ServiceExt`.
//!
//! Every response of every test goes through `Harness::send`, which checks that each
//! failure is `application/problem+json` and records the response, so each test can
//! finally assert that no canary secret value and no API key (other than the one-time
//! `key` member at creation) appears in any body or header.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::Router;
use http::{Method, Request, StatusCode};
use poly_proxy::config::Config;
use poly_proxy::state::ProxyState;
use poly_vault::{NewKey, Role, Scope};
use serde_json::{json, Value};
use tower::ServiceExt;

const CANARY_1: &str = "canary-7f3a9c1e-first-secret-value";
const CANARY_2: &str = "canary-b41d22f0-second-secret-value";
const CANARY_GLOBEX: &str = "canary-0c9e7d55-globex-secret-value";

struct Reply {
    status: StatusCode,
    headers: http::HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    /// The problem without the members that carry the request id.
    fn problem_without_id(&self) -> Value {
        let mut body = self.json();
        if let Some(map) = body.as_object_mut() {
            map.remove("request_id");
            map.remove("instance");
        }
        body
    }
}

struct Harness {
    app: Router,
    state: Arc<ProxyState>,
    operator: String,
    seen: Mutex<Vec<String>>,
    _dir: tempfile::TempDir,
}

impl Harness {
    async fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            manifest: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../poly.yaml"),
            data_dir: dir.path().join("data"),
            ..Config::default()
        };
        let state = ProxyState::start(config).await.unwrap();
        let (_, operator) = state
            .store
            .create_key(NewKey {
                scope: Scope::platform(),
                role: Role::Operator,
                label: Some("test operator".into()),
                expires_ms: None,
            })
            .await
            .unwrap();
        Harness {
            app: poly_proxy::server::router(state.clone()),
            state,
            operator: operator.expose().to_owned(),
            seen: Mutex::new(Vec::new()),
            _dir: dir,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(key) = key {
            request = request.header("authorization", format!("Bearer {key}"));
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        self.raw(request).await
    }

    async fn raw(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if status.is_client_error() || status.is_server_error() {
            assert_eq!(
                headers.get("content-type").and_then(|v| v.to_str().ok()),
                Some("application/problem+json"),
                "a {status} that is not a problem: {text}"
            );
            let body: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(body["status"], status.as_u16());
        }
        let mut record = text.clone();
        for (name, value) in &headers {
            record.push_str(&format!("\n{name}: {}", value.to_str().unwrap_or("")));
        }
        self.seen.lock().unwrap().push(record);
        Reply {
            status,
            headers,
            text,
        }
    }

    async fn op(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let key = self.operator.clone();
        self.send(method, path, Some(&key), body).await
    }

    /// Creates the tenant and environments through the API, as an operator.
    async fn setup(&self, tenant: &str, environments: &[&str]) {
        let r = self
            .op(
                Method::POST,
                "/v1/admin/tenants",
                Some(json!({ "name": tenant })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        for env in environments {
            let path = format!("/v1/admin/tenants/{tenant}/environments");
            let r = self
                .op(Method::POST, &path, Some(json!({ "name": env })))
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
    }

    /// Creates a key through the API and returns (id, key).
    async fn key(&self, tenant: &str, env: &str, role: &str) -> (String, String) {
        let path = format!("/v1/admin/tenants/{tenant}/environments/{env}/keys");
        let r = self
            .op(Method::POST, &path, Some(json!({ "role": role })))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let body = r.json();
        (
            body["id"].as_str().unwrap().to_owned(),
            body["key"].as_str().unwrap().to_owned(),
        )
    }

    /// No recorded response holds a canary or one of `keys`, except where allowed.
    fn assert_no_leak(&self, keys: &[&str]) {
        let seen = self.seen.lock().unwrap();
        for record in seen.iter() {
            for canary in [CANARY_1, CANARY_2, CANARY_GLOBEX] {
                assert!(!record.contains(canary), "a secret value leaked: {record}");
            }
            let base64_canary = base64_of(CANARY_2);
            assert!(
                !record.contains(&base64_canary),
                "a secret value leaked: {record}"
            );
            for key in keys {
                // The one-time `key` member of a creation response is the only place.
                let allowed = record.contains(&format!("\"key\":\"{key}\""))
                    && record.contains("cache-control: no-store");
                assert!(
                    allowed || !record.contains(key),
                    "an API key leaked: {record}"
                );
            }
        }
    }
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[tokio::test]
async fn operator_flow_end_to_end() {
    let h = Harness::new().await;

    // Tenants: only those the manifest declares, with a hint for a near miss.
    let r = h
        .op(
            Method::POST,
            "/v1/admin/tenants",
            Some(json!({ "name": "acme-cmr" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["type"], "urn:poly:problem:invalid-request");
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("did you mean `acme-crm`"),
        "{}",
        r.text
    );
    h.setup("acme-crm", &["prod", "staging"]).await;
    let r = h
        .op(
            Method::POST,
            "/v1/admin/tenants",
            Some(json!({ "name": "acme-crm" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let r = h
        .op(
            Method::POST,
            "/v1/admin/tenants/acme-crm/environments",
            Some(json!({ "name": "prdo" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("did you mean `prod`"),
        "{}",
        r.text
    );

    let r = h.op(Method::GET, "/v1/admin/tenants", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let tenants = r.json()["tenants"].clone();
    let names: Vec<&str> = tenants
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["acme-crm"]);
    let r = h
        .op(Method::GET, "/v1/admin/tenants/acme-crm/environments", None)
        .await;
    assert_eq!(r.json()["environments"].as_array().unwrap().len(), 2);

    // Keys.
    let (admin_id, admin_key) = h.key("acme-crm", "prod", "tenant-admin").await;
    let created = h
        .op(
            Method::POST,
            "/v1/admin/tenants/acme-crm/environments/prod/keys",
            Some(json!({ "role": "app", "label": "crm app", "expires_in_seconds": 3600 })),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.headers.get("cache-control").unwrap(), "no-store");
    let app_key = created.json()["key"].as_str().unwrap().to_owned();
    assert!(app_key.starts_with("poly_"));
    assert_eq!(created.json()["role"], "app");
    assert!(created.json()["expires_ms"].as_i64().is_some());
    let r = h
        .op(
            Method::GET,
            "/v1/admin/tenants/acme-crm/environments/prod/keys",
            None,
        )
        .await;
    let keys = r.json()["keys"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|k| k.get("key").is_none()));
    assert!(keys.iter().any(|k| k["id"] == admin_id.as_str()));

    // Secrets, including a name with a slash.
    let path = "/v1/admin/tenants/acme-crm/environments/prod/secrets/erp/api-key";
    let r = h
        .op(Method::PUT, path, Some(json!({ "value": CANARY_1 })))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["name"], "erp/api-key");
    assert_eq!(r.json()["version"], 1);
    let r = h
        .op(
            Method::GET,
            "/v1/admin/tenants/acme-crm/environments/prod/secrets",
            None,
        )
        .await;
    assert_eq!(r.json()["secrets"][0]["name"], "erp/api-key");
    let r = h.op(Method::DELETE, path, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = h.op(Method::GET, path, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = h
        .op(
            Method::PUT,
            "/v1/admin/tenants/acme-crm/environments/prod/secrets/..%2Fescape",
            Some(json!({ "value": CANARY_1 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // The reserved operator scope is not a tenant.
    let r = h
        .op(
            Method::GET,
            "/v1/admin/tenants/_platform/environments/_platform/keys",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Config values.
    let base = "/v1/admin/tenants/acme-crm/environments/prod/config";
    let r = h
        .op(
            Method::PUT,
            &format!("{base}/company_id"),
            Some(json!({ "value": "4242" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = h
        .op(
            Method::PUT,
            base,
            Some(json!({ "values": { "region": "eu", "a/b": "c" } })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = h.op(Method::GET, base, None).await;
    assert_eq!(r.json()["values"]["company_id"], "4242");
    assert_eq!(r.json()["manifest"]["company_id"], "1001");
    let r = h.op(Method::GET, &format!("{base}/a/b"), None).await;
    assert_eq!(r.json()["value"], "c");
    let r = h.op(Method::DELETE, &format!("{base}/region"), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = h.op(Method::DELETE, base, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = h.op(Method::GET, base, None).await;
    assert_eq!(r.json()["values"], json!({}));

    // Disabling the tenant stops its keys; enabling restores them.
    let r = h
        .op(
            Method::PATCH,
            "/v1/admin/tenants/acme-crm",
            Some(json!({ "disabled": true })),
        )
        .await;
    assert_eq!(r.json()["disabled"], true);
    let r = h
        .send(
            Method::GET,
            "/v1/admin/tenants/acme-crm/environments",
            Some(&admin_key),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    h.op(
        Method::PATCH,
        "/v1/admin/tenants/acme-crm",
        Some(json!({ "disabled": false })),
    )
    .await;
    let r = h
        .send(
            Method::GET,
            "/v1/admin/tenants/acme-crm/environments",
            Some(&admin_key),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // Operator keys.
    let r = h
        .op(
            Method::POST,
            "/v1/admin/operator-keys",
            Some(json!({ "label": "second" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    let second = r.json()["key"].as_str().unwrap().to_owned();
    let second_id = r.json()["id"].as_str().unwrap().to_owned();
    let r = h
        .send(Method::GET, "/v1/admin/operator-keys", Some(&second), None)
        .await;
    assert_eq!(r.json()["keys"].as_array().unwrap().len(), 2);
    let r = h
        .op(
            Method::DELETE,
            &format!("/v1/admin/operator-keys/{second_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json()["revoked_ms"].as_i64().is_some());
    let r = h
        .send(Method::GET, "/v1/admin/operator-keys", Some(&second), None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // The OpenAPI document is served.
    let r = h.send(Method::GET, "/openapi.json", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json()["paths"]["/v1/admin/tenants"].is_object());

    let operator = h.operator.clone();
    h.assert_no_leak(&[&admin_key, &app_key, &second, &operator]);
}

#[tokio::test]
async fn tenant_admin_cannot_reach_another_tenant_and_cannot_tell_if_it_exists() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    h.setup("globex-logistics", &["prod"]).await;
    let globex_secret = "/v1/admin/tenants/globex-logistics/environments/prod/secrets/erp-api-key";
    let r = h
        .op(
            Method::PUT,
            globex_secret,
            Some(json!({ "value": CANARY_GLOBEX })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let (_, acme_admin) = h.key("acme-crm", "prod", "tenant-admin").await;

    // Its own tenant works.
    let r = h
        .send(
            Method::GET,
            "/v1/admin/tenants/acme-crm/environments/prod/secrets",
            Some(&acme_admin),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);

    let attempts = |tenant: &str| -> Vec<(Method, String, Option<Value>)> {
        vec![
            (
                Method::GET,
                format!("/v1/admin/tenants/{tenant}/environments/prod/secrets"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/admin/tenants/{tenant}/environments/prod/secrets/erp-api-key"),
                None,
            ),
            (
                Method::PUT,
                format!("/v1/admin/tenants/{tenant}/environments/prod/secrets/erp-api-key"),
                Some(json!({ "value": CANARY_1 })),
            ),
            (
                Method::POST,
                format!("/v1/admin/tenants/{tenant}/environments/prod/keys"),
                Some(json!({ "role": "app" })),
            ),
            (
                Method::GET,
                format!("/v1/admin/tenants/{tenant}/environments/prod/keys"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/admin/tenants/{tenant}/environments"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/admin/tenants/{tenant}/environments/prod/config"),
                None,
            ),
            (
                Method::GET,
                format!("/v1/admin/audit?tenant={tenant}"),
                None,
            ),
        ]
    };
    let existing = attempts("globex-logistics");
    let missing = attempts("no-such-tenant");
    let mut reference: Option<Value> = None;
    for ((method, path, body), (m2, p2, b2)) in existing.into_iter().zip(missing) {
        let a = h.send(method.clone(), &path, Some(&acme_admin), body).await;
        let b = h.send(m2, &p2, Some(&acme_admin), b2).await;
        assert_eq!(
            a.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            a.text
        );
        assert_eq!(b.status, StatusCode::FORBIDDEN, "{method} {p2}: {}", b.text);
        assert_eq!(
            a.problem_without_id(),
            b.problem_without_id(),
            "{method} {path}"
        );
        assert_ne!(a.json()["request_id"], b.json()["request_id"]);
        let mut headers_a = a.headers.clone();
        let mut headers_b = b.headers.clone();
        headers_a.remove("poly-request-id");
        headers_b.remove("poly-request-id");
        headers_a.remove("content-length");
        headers_b.remove("content-length");
        assert_eq!(headers_a, headers_b, "{method} {path}");
        // Every denial is the same document, whatever was asked.
        match &reference {
            None => reference = Some(a.problem_without_id()),
            Some(reference) => assert_eq!(reference, &a.problem_without_id()),
        }
    }
    assert_eq!(reference.unwrap()["type"], "urn:poly:problem:forbidden");

    // Globex's secret is untouched.
    let r = h.op(Method::GET, globex_secret, None).await;
    assert_eq!(r.json()["version"], 1);

    // The denials are audited with the acting key, in its own tenant's log (naming
    // what was attempted), and none of them lands in the log of the tenant attempted.
    h.state.store.flush().await.unwrap();
    let forbidden_in = |tenant: &'static str| {
        let h = &h;
        async move {
            let r = h
                .op(
                    Method::GET,
                    &format!("/v1/admin/audit?tenant={tenant}&limit=1000"),
                    None,
                )
                .await;
            let records: Vec<Value> = r.json()["records"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|rec| rec["outcome"] == "forbidden" && rec["role"] == "tenant-admin")
                .cloned()
                .collect();
            records
        }
    };
    let own = forbidden_in("acme-crm").await;
    let attempted = |prefix: &str| {
        own.iter()
            .filter(|r| r["target"].as_str().unwrap_or_default().starts_with(prefix))
            .count()
    };
    assert_eq!(own.len(), 16, "{own:?}");
    assert_eq!(attempted("globex-logistics"), 8, "{own:?}");
    assert_eq!(attempted("no-such-tenant"), 8, "{own:?}");
    assert!(own.iter().all(|r| r["tenant"] == "acme-crm"), "{own:?}");
    assert!(forbidden_in("globex-logistics").await.is_empty());
    let operator = h.operator.clone();
    h.assert_no_leak(&[&acme_admin, &operator]);
}

#[tokio::test]
async fn tenant_admin_cannot_create_operator_keys_tenants_or_environments() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    let (_, admin) = h.key("acme-crm", "prod", "tenant-admin").await;
    let forbidden = [
        (Method::POST, "/v1/admin/operator-keys", Some(json!({}))),
        (Method::GET, "/v1/admin/operator-keys", None),
        (
            Method::POST,
            "/v1/admin/tenants",
            Some(json!({ "name": "globex-logistics" })),
        ),
        (Method::GET, "/v1/admin/tenants", None),
        (
            Method::PATCH,
            "/v1/admin/tenants/acme-crm",
            Some(json!({ "disabled": true })),
        ),
        (
            Method::POST,
            "/v1/admin/tenants/acme-crm/environments",
            Some(json!({ "name": "staging" })),
        ),
    ];
    for (method, path, body) in forbidden {
        let r = h.send(method.clone(), path, Some(&admin), body).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            r.text
        );
    }
    // A tenant route never mints an operator key, whoever asks.
    for key in [admin.clone(), h.operator.clone()] {
        let r = h
            .send(
                Method::POST,
                "/v1/admin/tenants/acme-crm/environments/prod/keys",
                Some(&key),
                Some(json!({ "role": "operator" })),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("operator-keys"));
    }
    // It may create app and tenant-admin keys in its own tenant.
    for role in ["app", "tenant-admin"] {
        let r = h
            .send(
                Method::POST,
                "/v1/admin/tenants/acme-crm/environments/prod/keys",
                Some(&admin),
                Some(json!({ "role": role })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
    // Its audit view is its own tenant's.
    h.state.store.flush().await.unwrap();
    let r = h
        .send(Method::GET, "/v1/admin/audit", Some(&admin), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let records = r.json()["records"].as_array().unwrap().clone();
    assert!(!records.is_empty());
    assert!(
        records.iter().all(|rec| rec["tenant"] == "acme-crm"),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn app_key_is_forbidden_everywhere_under_admin() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    let (_, app) = h.key("acme-crm", "prod", "app").await;
    for (method, path) in poly_proxy::admin::routes() {
        let path = format!("/v1/admin{path}")
            .replace("{tenant}", "acme-crm")
            .replace("{environment}", "prod")
            .replace("{key_id}", "key_0123456789ab")
            .replace("{name}", "erp/api-key")
            .replace("{key}", "company_id");
        let body = matches!(method, Method::POST | Method::PUT | Method::PATCH)
            .then(|| json!({ "value": CANARY_1 }));
        let r = h.send(method.clone(), &path, Some(&app), body).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            r.text
        );
        assert_eq!(r.json()["type"], "urn:poly:problem:forbidden");
    }
    let operator = h.operator.clone();
    h.assert_no_leak(&[&app, &operator]);
}

#[tokio::test]
async fn secret_put_twice_is_version_two_and_reads_are_metadata_only() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    let path = "/v1/admin/tenants/acme-crm/environments/prod/secrets/erp-api-key";
    let r = h
        .op(Method::PUT, path, Some(json!({ "value": CANARY_1 })))
        .await;
    assert_eq!(r.json()["version"], 1);
    let r = h
        .op(
            Method::PUT,
            path,
            Some(json!({ "value_base64": base64_of(CANARY_2) })),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["version"], 2);
    let r = h.op(Method::GET, path, None).await;
    let meta = r.json();
    assert_eq!(meta["version"], 2);
    assert!(meta["rotated_ms"].as_i64().is_some());
    let members: Vec<&String> = meta.as_object().unwrap().keys().collect();
    assert_eq!(
        members,
        [
            "name",
            "version",
            "created_ms",
            "rotated_ms",
            "last_used_ms",
            "versions_kept"
        ]
    );
    // The store holds the second value.
    let resolved = h
        .state
        .store
        .resolve_secret(&Scope::new("acme-crm", "prod"), "erp-api-key")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resolved.value.expose(), CANARY_2.as_bytes());
    // Both or neither value member, and an empty value, are refused without an echo.
    for body in [
        json!({ "value": CANARY_1, "value_base64": base64_of(CANARY_2) }),
        json!({}),
        json!({ "value": "" }),
        json!({ "value_base64": format!("!{CANARY_1}") }),
        json!({ "value": [CANARY_1] }),
        json!({ "value": { "nested": CANARY_1 } }),
    ] {
        let r = h.op(Method::PUT, path, Some(body)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    }
    let operator = h.operator.clone();
    h.assert_no_leak(&[&operator]);
}

#[tokio::test]
async fn a_revoked_key_gets_401() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod", "staging"]).await;
    let (id, admin) = h.key("acme-crm", "prod", "tenant-admin").await;
    let list = "/v1/admin/tenants/acme-crm/environments/prod/secrets";
    assert_eq!(
        h.send(Method::GET, list, Some(&admin), None).await.status,
        StatusCode::OK
    );
    // A key of another environment is "not found" in this one.
    let wrong = format!("/v1/admin/tenants/acme-crm/environments/staging/keys/{id}");
    assert_eq!(
        h.op(Method::DELETE, &wrong, None).await.status,
        StatusCode::NOT_FOUND
    );
    let revoke = format!("/v1/admin/tenants/acme-crm/environments/prod/keys/{id}");
    let r = h.op(Method::DELETE, &revoke, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = h.send(Method::GET, list, Some(&admin), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["type"], "urn:poly:problem:unauthenticated");
    assert_eq!(
        r.headers.get("www-authenticate").unwrap(),
        "Bearer realm=\"poly\""
    );
    let r = h.send(Method::GET, list, None, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let operator = h.operator.clone();
    h.assert_no_leak(&[&admin, &operator]);
}

#[tokio::test]
async fn malformed_bodies_are_invalid_requests_that_say_why() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    let keys = "/v1/admin/tenants/acme-crm/environments/prod/keys";
    let r = h
        .op(
            Method::POST,
            keys,
            Some(json!({ "role": "app", "lable": "x" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let detail = r.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("unknown field `lable`"), "{detail}");

    let secret = "/v1/admin/tenants/acme-crm/environments/prod/secrets/s";
    let r = h
        .op(Method::PUT, secret, Some(json!({ "valeu": CANARY_1 })))
        .await;
    assert!(
        r.json()["detail"].as_str().unwrap().contains("`valeu`"),
        "{}",
        r.text
    );

    let r = h
        .op(
            Method::PATCH,
            "/v1/admin/tenants/acme-crm",
            Some(json!({ "disabled": CANARY_1 })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("expected a boolean"),
        "{}",
        r.text
    );

    let request = |body: &'static str, content_type: &'static str| {
        Request::builder()
            .method(Method::PUT)
            .uri(secret)
            .header("authorization", format!("Bearer {}", h.operator))
            .header("content-type", content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let r = h.raw(request("{\"value\": ", "application/json")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.json()["detail"].as_str().unwrap().contains("EOF"),
        "{}",
        r.text
    );
    let r = h
        .raw(request("value=x", "application/x-www-form-urlencoded"))
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let big = json!({ "value": "x".repeat(2 * 1024 * 1024) });
    let r = h.op(Method::PUT, secret, Some(big)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    let r = h
        .op(
            Method::POST,
            keys,
            Some(json!({ "role": "app", "expires_at": "2001-01-01T00:00:00Z" })),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = h.op(Method::GET, "/v1/admin/audit?limit=many", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // A method the path does not take is a problem too, and only after authentication.
    let r = h.op(Method::POST, "/v1/admin/audit", Some(json!({}))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = h
        .send(Method::POST, "/v1/admin/audit", None, Some(json!({})))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = h.op(Method::GET, "/v1/admin/no-such-thing", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let operator = h.operator.clone();
    h.assert_no_leak(&[&operator]);
}

#[tokio::test]
async fn audit_holds_every_admin_action_and_no_value_or_key() {
    let h = Harness::new().await;
    h.setup("acme-crm", &["prod"]).await;
    let secret = "/v1/admin/tenants/acme-crm/environments/prod/secrets/erp-api-key";
    h.op(Method::PUT, secret, Some(json!({ "value": CANARY_1 })))
        .await;
    let (key_id, app) = h.key("acme-crm", "prod", "app").await;
    // A denied action is audited too.
    let r = h
        .send(Method::GET, "/v1/admin/tenants", Some(&app), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let denied_request_id = r.json()["request_id"].as_str().unwrap().to_owned();

    h.state.store.flush().await.unwrap();
    let r = h.op(Method::GET, "/v1/admin/audit?limit=1000", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let records = r.json()["records"].as_array().unwrap().clone();
    let find = |action: &str| {
        records
            .iter()
            .find(|rec| rec["action"] == action)
            .unwrap_or_else(|| panic!("no {action} record in {records:?}"))
            .clone()
    };
    let put = find("secret.put");
    assert_eq!(put["tenant"], "acme-crm");
    assert_eq!(put["environment"], "prod");
    assert_eq!(put["target"], "erp-api-key");
    assert_eq!(put["outcome"], "200");
    assert_eq!(put["role"], "operator");
    assert!(put["key_id"].as_str().unwrap().starts_with("key_"));
    assert!(!put["request_id"].as_str().unwrap().is_empty());
    assert_eq!(find("key.create")["outcome"], "201");
    assert_eq!(find("key.create")["target"], key_id.as_str());
    assert_eq!(find("tenant.create")["outcome"], "201");
    assert_eq!(find("environment.create")["outcome"], "201");
    let denied = find("tenant.list");
    assert_eq!(denied["outcome"], "forbidden");
    assert_eq!(denied["key_id"], key_id.as_str());
    assert_eq!(denied["request_id"], denied_request_id.as_str());

    // The metrics count them.
    let r = h.send(Method::GET, "/metrics", None, None).await;
    assert!(r.text.contains("action=\"secret.put\""), "{}", r.text);
    assert!(r.text.contains("outcome=\"forbidden\""));

    let operator = h.operator.clone();
    h.assert_no_leak(&[&app, &operator]);
}
