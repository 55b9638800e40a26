//! The canary test: distinctive secret values and API keys are planted, every
//! surface of the proxy is exercised (admin API, calls that succeed and fail,
//! trace-level logs, metrics, the audit log, the database file), and none of those
//! surfaces may contain a canary in any form the proxy could have produced.

mod common;

use base64::Engine;
use common::*;
use poly_vault::Role;

const SECRETS: [(&str, &str); 5] = [
    ("header-key", "CANARY-hdr-91b7e3d5a2f4"),
    ("query-key", "CANARY-qry-5c8a1e7d3b9f"),
    ("cookie-key", "CANARY-ck-2f6d9b4a8e1c"),
    ("basic-credentials", "canary-user:CANARY-pw-7e3a5c9d1b6f"),
    ("partner/bearer", "CANARY-brr-4d2b8f6a0e3c"),
];

fn forms(value: &str) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let url = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut forms = vec![value.to_owned(), b64.encode(value), url.encode(value)];
    if let Some((_, password)) = value.split_once(':') {
        forms.push(password.to_owned());
    }
    forms
}

#[tokio::test]
async fn no_secret_or_key_appears_in_any_output() {
    let upstream = start_upstream(None).await;
    let setup = Setup::new(|dir| write_manifest(dir, &upstream.url));
    let store = setup.store().await;
    let app = provision(&store, "alpha", "prod", Role::App).await;
    let admin = provision(&store, "alpha", "prod", Role::TenantAdmin).await;
    let operator = provision(&store, "_platform", "_platform", Role::Operator).await;
    let beta = provision(&store, "beta", "prod", Role::App).await;
    for (name, value) in SECRETS {
        put_secret(&store, "alpha", "prod", name, value).await;
    }
    store.flush().await.unwrap();
    store.close().await.unwrap();
    let keys = [
        app.expose(),
        admin.expose(),
        operator.expose(),
        beta.expose(),
    ];

    let proxy = Proxy::start(&setup, &[("POLY_LOG", "trace")]);
    let mut seen = String::new();
    let mut record =
        |label: &str, status: u16, headers: &reqwest::header::HeaderMap, body: &str| {
            seen.push_str(&format!("--- {label} {status}\n{headers:?}\n{body}\n"));
        };
    let send = |request: reqwest::RequestBuilder| async move {
        let r = request.send().await.unwrap();
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let body = r.text().await.unwrap_or_default();
        (status, headers, body)
    };
    let base = proxy.url.clone();
    let c = client();

    // Calls: successes, reflections and failures of every kind.
    let calls: [(&str, &str, &str); 11] = [
        (app.expose(), "getThing", "path.id=%221%22"),
        (app.expose(), "withQueryKey", ""),
        (app.expose(), "withCookieKey", ""),
        (app.expose(), "withBasic", ""),
        (app.expose(), "withBearer", "secret.Bearer=partner%2Fbearer"),
        (app.expose(), "withBearer", "secret.Bearer=missing"),
        (app.expose(), "withBearer", "secret.Bearer=..%2Fbad"),
        (app.expose(), "deleteEverything", ""),
        (app.expose(), "getThing", "path.id=42"),
        (
            beta.expose(),
            "withBearer",
            "secret.Bearer=partner%2Fbearer",
        ),
        (
            "poly_wrongwrongwrongwrongwrongwrongwrongwrong",
            "getThing",
            "",
        ),
    ];
    for (key, operation, query) in calls {
        let (s, h, b) = send(
            c.post(format!("{base}/v1/call/things/{operation}?{query}"))
                .bearer_auth(key),
        )
        .await;
        record(operation, s, &h, &b);
    }
    for body in [
        format!(r#"{{"reflect":"{}"}}"#, SECRETS[0].1),
        "not json".to_owned(),
    ] {
        let (s, h, b) = send(
            c.post(format!("{base}/v1/call/things/echo"))
                .bearer_auth(app.expose())
                .header("content-type", "application/json")
                .body(body),
        )
        .await;
        record("echo", s, &h, &b);
    }

    // Admin: every endpoint a tenant admin and an operator can reach.
    let scope = format!("{base}/v1/admin/tenants/alpha/environments/prod");
    let admin_requests = [
        c.get(format!("{base}/v1/admin/tenants"))
            .bearer_auth(operator.expose()),
        c.get(format!("{base}/v1/admin/tenants/alpha/environments"))
            .bearer_auth(admin.expose()),
        c.get(format!("{scope}/secrets"))
            .bearer_auth(admin.expose()),
        c.get(format!("{scope}/secrets/header-key"))
            .bearer_auth(admin.expose()),
        c.put(format!("{scope}/secrets/header-key"))
            .bearer_auth(admin.expose())
            .json(&serde_json::json!({"value": SECRETS[0].1})),
        c.put(format!("{scope}/secrets/header-key"))
            .bearer_auth(admin.expose())
            .json(&serde_json::json!({"value": SECRETS[0].1, "oops": 1})),
        c.get(format!("{scope}/keys")).bearer_auth(admin.expose()),
        c.post(format!("{scope}/keys"))
            .bearer_auth(admin.expose())
            .json(&serde_json::json!({"role": "app", "label": "canary"})),
        c.get(format!("{scope}/config")).bearer_auth(admin.expose()),
        c.put(format!("{scope}/config/company_id"))
            .bearer_auth(admin.expose())
            .json(&serde_json::json!({"value": "1001"})),
        c.get(format!("{base}/v1/admin/audit?limit=500"))
            .bearer_auth(operator.expose()),
        c.get(format!(
            "{base}/v1/admin/tenants/beta/environments/prod/secrets"
        ))
        .bearer_auth(admin.expose()),
        c.get(format!("{scope}/secrets")).bearer_auth(app.expose()),
        c.get(format!("{base}/openapi.json")),
        c.get(format!("{base}/metrics")),
        c.get(format!("{base}/readyz")),
    ];
    let mut created_keys = Vec::new();
    for request in admin_requests {
        let (s, h, b) = send(request).await;
        if let Ok(json) = serde_json::from_str::<serde_json::Value>(&b) {
            if let Some(key) = json["key"].as_str().filter(|k| k.starts_with("poly_")) {
                // The one place a key may appear: its own creation response.
                created_keys.push(key.to_owned());
                record("admin", s, &h, &b.replace(key, "<new key>"));
                continue;
            }
        }
        record("admin", s, &h, &b);
    }
    assert_eq!(created_keys.len(), 1, "the key-creation request succeeded");

    let status = proxy.stop_and_keep_log();
    let log = status.1;
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "trace logging was on"
    );
    let database = std::fs::read(setup.config.data_dir.join("poly.db")).unwrap_or_default();
    let wal = std::fs::read(setup.config.data_dir.join("poly.db-wal")).unwrap_or_default();
    let database = String::from_utf8_lossy(&[database, wal].concat()).into_owned();

    let mut canaries: Vec<String> = SECRETS.iter().flat_map(|(_, v)| forms(v)).collect();
    canaries.extend(keys.iter().map(|k| k.to_string()));
    canaries.extend(created_keys);
    for canary in &canaries {
        for (surface, text) in [
            ("responses", &seen),
            ("logs", &log),
            ("database", &database),
        ] {
            assert!(
                !text.contains(canary.as_str()),
                "{surface} contain a canary ({canary})"
            );
        }
    }
    assert!(
        seen.contains("[REDACTED]"),
        "the echo was redacted, not absent"
    );
    assert!(seen.contains("\"action\""), "the audit log was read");
}
