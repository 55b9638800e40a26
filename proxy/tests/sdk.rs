//! The generated Rust SDKs of the example tenants `acme-crm` and `globex-logistics`
//! (prod) calling through a running `poly-proxy` to a loopback stand-in for the ERP:
//! the SDK, the protocol and the proxy agree end to end, and tenants stay apart.

mod common;

use std::path::Path;

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use common::*;
use poly_sdk_acme_crm_prod as erp;
use poly_sdk_globex_logistics_prod as globex;
use poly_vault::Role;

const ERP_KEY: &str = "erp-CANARY-6a4c2e0b8d";

/// Writes the repository's `poly.yaml` with the ERP's upstream pointed at `upstream`.
fn example_manifest(dir: &Path, upstream: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("poly.yaml")).unwrap();
    let text = text
        .replace(
            "https://erp.northwind.example/api/v2",
            &format!("{upstream}/api/v2"),
        )
        .replace(
            "https://staging.erp.northwind.example/api/v2",
            &format!("{upstream}/api/v2"),
        )
        .replace(
            "description: specs/erp.yaml",
            &format!("description: {}", root.join("specs/erp.yaml").display()),
        );
    let path = dir.join("poly.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

fn erp_upstream(recorder: Recorder) -> Router {
    async fn list(State(recorder): State<Recorder>, headers: HeaderMap) -> impl IntoResponse {
        record(&recorder, "listContacts", &headers, None);
        Json(serde_json::json!({
            "items": [{
                "id": "6f1c1b8e-8f5e-4a43-9d0e-0c1f9a0b7e11",
                "firstName": "Ada", "lastName": "Lovelace", "status": "active",
                "createdAt": "2026-01-02T03:04:05Z", "updatedAt": "2026-01-02T03:04:05Z",
                // A careless upstream that reflects the credential it was given.
                "tags": [headers.get("x-api-key").and_then(|v| v.to_str().ok()).unwrap_or("")]
            }],
            "page": {"nextCursor": null, "limit": 10}
        }))
    }
    async fn remove(
        State(recorder): State<Recorder>,
        UrlPath(id): UrlPath<String>,
        headers: HeaderMap,
    ) -> impl IntoResponse {
        record(&recorder, &format!("deleteContact {id}"), &headers, None);
        (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"code": "not_found", "message": "no such contact"})),
        )
    }
    async fn hook(
        State(recorder): State<Recorder>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> impl IntoResponse {
        record(&recorder, "createWebhookSubscription", &headers, Some(body));
        (
            StatusCode::CREATED,
            Json(serde_json::json!({
                "id": "6f1c1b8e-8f5e-4a43-9d0e-0c1f9a0b7e12",
                "url": "https://hooks.acme.example/erp",
                "events": ["contact.created"],
                "active": true,
                "createdAt": "2026-01-02T03:04:05Z"
            })),
        )
    }
    fn record(
        recorder: &Recorder,
        what: &str,
        headers: &HeaderMap,
        body: Option<axum::body::Bytes>,
    ) {
        recorder.0.lock().unwrap().push(Recorded {
            method: what.to_owned(),
            path: String::new(),
            query: None,
            headers: headers.clone(),
            body: body.unwrap_or_default(),
        });
    }
    Router::new()
        .route("/api/v2/crm/contacts", get(list))
        .route("/api/v2/crm/contacts/{id}", delete(remove))
        .route("/api/v2/crm/webhooks", post(hook))
        .with_state(recorder)
}

/// Serves the ERP stand-in on a free loopback port and returns its URL.
async fn start_erp(recorder: &Recorder) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let upstream = format!("http://{}", listener.local_addr().unwrap());
    let app = erp_upstream(recorder.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    upstream
}

/// An app key of acme-crm (prod), with the three secrets its SDK's calls need.
async fn provision_acme(store: &poly_vault::Store) -> poly_vault::IssuedKey {
    let key = provision(store, "acme-crm", "prod", Role::App).await;
    put_secret(store, "acme-crm", "prod", "erp-api-key", ERP_KEY).await;
    put_secret(
        store,
        "acme-crm",
        "prod",
        "oauth/partner",
        "oauth-token-CANARY-1",
    )
    .await;
    put_secret(store, "acme-crm", "prod", "hooks/signing", "whsec-CANARY-2").await;
    key
}

/// The SDKs' runtime, talking to `proxy` with `key`, without retries.
fn runtime(proxy: &Proxy, key: &str) -> poly_runtime::Client {
    poly_runtime::Client::builder()
        .proxy_url(proxy.url.clone())
        .api_key(poly_runtime::ApiKey::new(key))
        .retry(poly_runtime::RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_acme_crm_sdk_calls_through_the_proxy() {
    let recorder = Recorder::default();
    let upstream = start_erp(&recorder).await;
    let setup = Setup::new(|dir| example_manifest(dir, &upstream));
    let store = setup.store().await;
    let key = provision_acme(&store).await;
    store.flush().await.unwrap();
    store.close().await.unwrap();
    let proxy = Proxy::start(&setup, &[]);

    let client = erp::Client::new(runtime(&proxy, key.expose()));

    // A typed success; the proxy injected the key and the pinned company id, and
    // redacted the key the upstream reflected.
    let list = client.crm().list_contacts().limit(10).send().await.unwrap();
    assert_eq!(list.items[0].first_name, "Ada");
    assert_eq!(
        list.items[0].tags.as_deref(),
        Some(&["[REDACTED]".to_owned()][..])
    );
    let seen = recorder.last();
    assert_eq!(seen.header("x-api-key"), Some(ERP_KEY));
    assert_eq!(seen.header("x-company-id"), Some("1001"));

    // A documented upstream error is typed.
    let err = client
        .crm()
        .delete_contact(uuid::Uuid::nil())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, erp::CallError::Upstream(erp::crm::DeleteContactError::Status404(ref b)) if b.message == "no such contact"),
        "{err:?}"
    );

    // A secret reference and a body slot, resolved by the proxy.
    let oauth = erp::SecretRef::new("oauth/partner").unwrap();
    let signing = erp::SecretRef::new("hooks/signing").unwrap();
    let input: erp::types::WebhookSubscriptionInput = serde_json::from_value(serde_json::json!({
        "url": "https://hooks.acme.example/erp",
        "events": ["contact.created"],
        "signingSecret": "placeholder"
    }))
    .unwrap();
    let created = client
        .crm()
        .create_webhook_subscription(&oauth, &signing, input)
        .send()
        .await
        .unwrap();
    assert_eq!(created.url, "https://hooks.acme.example/erp");
    let seen = recorder.last();
    assert_eq!(
        seen.header("authorization"),
        Some("Bearer oauth-token-CANARY-1")
    );
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(body["signingSecret"], "whsec-CANARY-2");

    // A reference that does not resolve is a proxy problem, not an upstream answer.
    let missing = erp::SecretRef::new("oauth/nobody").unwrap();
    let input: erp::types::WebhookSubscriptionInput = serde_json::from_value(serde_json::json!({
        "url": "https://hooks.acme.example/erp", "events": ["contact.created"],
        "signingSecret": "placeholder"
    }))
    .unwrap();
    let err = client
        .crm()
        .create_webhook_subscription(&missing, &signing, input)
        .send()
        .await
        .unwrap_err();
    match err {
        erp::CallError::Runtime(poly_runtime::Error::Proxy(problem)) => {
            assert_eq!(problem.kind, "unresolved-secret-reference");
            assert_eq!(problem.status, 422);
        }
        other => panic!("expected a proxy problem, got {other:?}"),
    }
}

#[tokio::test]
async fn two_tenants_sdks_share_one_proxy_and_stay_apart() {
    const GLOBEX_KEY: &str = "erp-globex-CANARY-3b9d1f";
    let recorder = Recorder::default();
    let upstream = start_erp(&recorder).await;
    let setup = Setup::new(|dir| example_manifest(dir, &upstream));
    let store = setup.store().await;
    let acme_key = provision_acme(&store).await;
    let globex_key = provision(&store, "globex-logistics", "prod", Role::App).await;
    put_secret(
        &store,
        "globex-logistics",
        "prod",
        "erp-api-key",
        GLOBEX_KEY,
    )
    .await;
    store.flush().await.unwrap();
    store.close().await.unwrap();
    let proxy = Proxy::start(&setup, &[]);

    let acme = erp::Client::new(runtime(&proxy, acme_key.expose()));
    let globex_sdk = globex::Client::new(runtime(&proxy, globex_key.expose()));

    // Each tenant's call carries its own credential and its own pinned company id.
    let list = globex_sdk.crm().list_contacts().send().await.unwrap();
    assert_eq!(
        list.items[0].tags.as_deref(),
        Some(&["[REDACTED]".to_owned()][..])
    );
    let seen = recorder.last();
    assert_eq!(seen.header("x-api-key"), Some(GLOBEX_KEY));
    assert_eq!(seen.header("x-company-id"), Some("2002"));
    acme.crm().list_contacts().send().await.unwrap();
    let seen = recorder.last();
    assert_eq!(seen.header("x-api-key"), Some(ERP_KEY));
    assert_eq!(seen.header("x-company-id"), Some("1001"));

    // Globex's SDK has no webhook method; an attacker holding globex's key who uses
    // acme's SDK instead (or any bytes) is stopped by the proxy, before any upstream
    // request and before acme's secrets are looked at.
    let calls_before = recorder.0.lock().unwrap().len();
    let wrong = erp::Client::new(runtime(&proxy, globex_key.expose()));
    let input: erp::types::WebhookSubscriptionInput = serde_json::from_value(serde_json::json!({
        "url": "https://hooks.acme.example/erp", "events": ["contact.created"],
        "signingSecret": "placeholder"
    }))
    .unwrap();
    let err = wrong
        .crm()
        .create_webhook_subscription(
            &erp::SecretRef::new("oauth/partner").unwrap(),
            &erp::SecretRef::new("hooks/signing").unwrap(),
            input,
        )
        .send()
        .await
        .unwrap_err();
    match err {
        erp::CallError::Runtime(poly_runtime::Error::Proxy(problem)) => {
            assert_eq!(problem.kind, "operation-denied");
            assert_eq!(problem.status, 403);
        }
        other => panic!("expected a proxy problem, got {other:?}"),
    }
    assert_eq!(
        recorder.0.lock().unwrap().len(),
        calls_before,
        "nothing went upstream"
    );
}
