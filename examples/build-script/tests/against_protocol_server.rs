//! The build-time SDK against a real HTTP server on loopback that speaks the Poly call
//! protocol: what the SDK sends, and how it reads upstream answers and proxy problems.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use poly_example_build_script::{active_contact_names, erp};

type Seen = Arc<Mutex<Vec<(String, HashMap<String, String>, String)>>>;

async fn call(
    State(seen): State<Seen>,
    Path((api, operation)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> impl IntoResponse {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    seen.lock()
        .unwrap()
        .push((format!("{api}/{operation}"), query.clone(), auth));
    let upstream = |status: StatusCode, body: serde_json::Value| {
        (
            status,
            [
                ("content-type", "application/json"),
                ("poly-origin", "upstream"),
                ("poly-protocol", "1"),
            ],
            body.to_string(),
        )
    };
    match operation.as_str() {
        "listContacts" => upstream(
            StatusCode::OK,
            serde_json::json!({
                "items": [
                    contact("Ada", "Lovelace", "active"),
                    contact("Charles", "Babbage", "archived"),
                    contact("Grace", "Hopper", "a-status-added-later"),
                ],
                "page": {"nextCursor": null, "limit": 50}
            }),
        ),
        "deleteContact" => upstream(
            StatusCode::NOT_FOUND,
            serde_json::json!({"code": "not_found", "message": "no such contact"}),
        ),
        _ => (
            StatusCode::FORBIDDEN,
            [
                ("content-type", "application/problem+json"),
                ("poly-origin", "proxy"),
                ("poly-protocol", "1"),
            ],
            serde_json::json!({
                "type": "urn:poly:problem:operation-denied",
                "title": "Operation denied",
                "status": 403,
                "request_id": "req-1"
            })
            .to_string(),
        ),
    }
}

fn contact(first: &str, last: &str, status: &str) -> serde_json::Value {
    serde_json::json!({
        "id": "6f1c1b8e-8f5e-4a43-9d0e-0c1f9a0b7e11",
        "firstName": first,
        "lastName": last,
        "status": status,
        "ownerId": null,
        "createdAt": "2026-01-02T03:04:05Z",
        "updatedAt": "2026-01-02T03:04:05Z"
    })
}

async fn start() -> (erp::Client, Seen) {
    let seen: Seen = Arc::default();
    let app = Router::new()
        .route("/v1/call/{api}/{operation}", post(call))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let runtime = poly_runtime::Client::builder()
        .proxy_url(format!("http://{addr}"))
        .api_key(poly_runtime::ApiKey::new("poly_example_key"))
        .retry(poly_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    (erp::Client::new(runtime), seen)
}

#[tokio::test]
async fn typed_success_with_unknown_enum_values_and_no_pinned_parameter() {
    let (client, seen) = start().await;
    let names = active_contact_names(&client).await.unwrap();
    assert_eq!(names, ["Ada Lovelace"]);

    let seen = seen.lock().unwrap();
    let (op, query, auth) = &seen[0];
    assert_eq!(op, "erp/listContacts");
    assert_eq!(auth, "Bearer poly_example_key");
    assert_eq!(query.get("query.limit").map(String::as_str), Some("50"));
    // The company id is pinned: the proxy fills it; the SDK never sends it.
    assert!(
        !query
            .keys()
            .any(|k| k.to_ascii_lowercase().contains("company")),
        "{query:?}"
    );
}

#[tokio::test]
async fn documented_upstream_errors_are_typed() {
    let (client, _) = start().await;
    let err = client
        .crm()
        .delete_contact(uuid::Uuid::nil())
        .send()
        .await
        .unwrap_err();
    match err {
        erp::CallError::Upstream(erp::crm::DeleteContactError::Status404(body)) => {
            assert_eq!(body.message, "no such contact");
        }
        other => panic!("expected a typed 404, got {other:?}"),
    }
}

#[tokio::test]
async fn proxy_problems_are_not_mistaken_for_upstream_answers() {
    let (client, _) = start().await;
    let err = client.crm().get_service_status().send().await.unwrap_err();
    match err {
        erp::CallError::Runtime(poly_runtime::Error::Proxy(problem)) => {
            assert_eq!(problem.kind, "operation-denied");
            assert_eq!(problem.status, 403);
        }
        other => panic!("expected a proxy problem, got {other:?}"),
    }
}
