//! The OpenAPI document at `/openapi.json` describes exactly the admin router: it
//! loads through Poly's own loader without diagnostics, every admin route is in it,
//! and every operation in it is served.

use std::collections::BTreeSet;
use std::path::PathBuf;

use axum::body::Body;
use http::{Method, Request, StatusCode};
use poly_proxy::config::Config;
use poly_proxy::state::ProxyState;
use poly_vault::{NewKey, Role, Scope};
use serde_json::Value;
use tower::ServiceExt;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn document() -> Value {
    poly_proxy::admin::openapi_value().expect("the embedded document parses")
}

/// (method, path) of every operation in the document.
fn documented() -> BTreeSet<(String, String)> {
    let doc = document();
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in METHODS {
            if item.get(method).is_some() {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

#[test]
fn loads_through_polys_loader_without_diagnostics() {
    let source = poly_model::Source::new(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/admin/openapi.yaml"),
        poly_proxy::admin::OPENAPI_YAML,
    );
    let loaded = match poly_model::openapi::load_source(source) {
        Ok(loaded) => loaded,
        Err(diagnostics) => panic!("the document has errors:\n{diagnostics}"),
    };
    assert!(
        loaded.warnings.is_empty(),
        "the document has warnings:\n{}",
        loaded.warnings
    );
    assert!(
        loaded.api.operations.len() >= 26,
        "{}",
        loaded.api.operations.len()
    );
}

#[test]
fn every_route_is_documented_and_every_documented_operation_is_a_route() {
    let mut served: BTreeSet<(String, String)> = poly_proxy::admin::routes()
        .into_iter()
        .map(|(method, path)| (method.as_str().to_owned(), format!("/v1/admin{path}")))
        .collect();
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"] {
        served.insert(("GET".to_owned(), path.to_owned()));
    }
    let documented = documented();
    let missing: Vec<_> = served.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&served).collect();
    assert!(missing.is_empty(), "served but not documented: {missing:?}");
    assert!(extra.is_empty(), "documented but not served: {extra:?}");
}

/// Calls every documented operation on the real server router as an operator. A
/// served route answers whatever its handler says (often a problem about the made-up
/// names); a path or method the router does not serve gets the admin fallbacks'
/// answers, which the test recognises by their detail.
#[tokio::test]
async fn every_documented_operation_is_served_by_the_router() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        manifest: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../poly.yaml"),
        data_dir: dir.path().join("data"),
        ..Config::default()
    };
    let state = ProxyState::start(config).await.unwrap();
    state.store.create_tenant("acme-crm").await.unwrap();
    state
        .store
        .create_environment("acme-crm", "prod")
        .await
        .unwrap();
    let (_, operator) = state
        .store
        .create_key(NewKey {
            scope: Scope::platform(),
            role: Role::Operator,
            label: None,
            expires_ms: None,
        })
        .await
        .unwrap();
    let router = poly_proxy::server::router(state.clone());
    let call = |method: &str, uri: &str| {
        Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(uri)
            .header("authorization", format!("Bearer {}", operator.expose()))
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .unwrap()
    };
    let unserved = |status: StatusCode, body: &[u8]| {
        let text = String::from_utf8_lossy(body);
        status == StatusCode::METHOD_NOT_ALLOWED
            || text.contains("No such admin endpoint")
            || text.contains("does not accept this method")
            || text.contains("No such endpoint")
    };
    for (method, path) in documented() {
        let uri = path
            .replace("{tenant}", "acme-crm")
            .replace("{environment}", "prod")
            .replace("{key_id}", "key_0123456789ab")
            .replace("{name}", "team/erp-api-key")
            .replace("{key}", "company_id");
        let response = router.clone().oneshot(call(&method, &uri)).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(
            !unserved(status, &body),
            "{method} {uri} is not served: {status}"
        );
        if !path.starts_with("/v1/admin/") {
            assert_eq!(status, StatusCode::OK, "{method} {uri}");
        }
    }
    // The recogniser does recognise what is not served.
    for (method, uri) in [("GET", "/v1/admin/nothing"), ("POST", "/v1/admin/audit")] {
        let response = router.clone().oneshot(call(method, uri)).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert!(unserved(status, &body), "{method} {uri}: {status}");
    }
}

#[tokio::test]
async fn the_served_document_is_the_embedded_one_as_json() {
    let response = poly_proxy::admin::openapi_document().await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let served: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(served, document());
    assert_eq!(
        served["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}
