//! Protocol §13 invariant 1, as a property: whatever a parameter value is, it stays in
//! its template slot. Driven through the public call path (call query → plan →
//! upstream request) for the ERP example's `listContactNotes`
//! (`GET /crm/contacts/{contactId}/notes`).

use std::path::Path;
use std::sync::Arc;

use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use poly_model::{SecurityScheme, Shape};
use poly_proxy::call::plan::plan;
use poly_proxy::call::query::parse_call_query;
use poly_proxy::call::upstream::{build_request, Credential, RequestInput, UpstreamHead};
use poly_proxy::problem::{Problem, ProblemKind};
use proptest::prelude::*;
use url::Url;

const BASE: &str = "https://erp.northwind.example:8443/api/v2";

fn shape() -> Shape {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/erp.yaml");
    let api = poly_model::openapi::load(&spec)
        .expect("erp.yaml loads")
        .api;
    Shape::unrestricted("erp", Arc::new(api), Url::parse(BASE).expect("base"))
}

/// How a conforming runtime writes a value into the call query (§4.1).
fn encode(text: &str) -> String {
    utf8_percent_encode(text, NON_ALPHANUMERIC).to_string()
}

fn build(
    shape: &Shape,
    contact_id: &str,
    cursor: Option<&str>,
    company: &str,
) -> Result<UpstreamHead, Problem> {
    let shaped_api = &shape.apis[0];
    let (shaped, op) = shaped_api.operation("listContactNotes").expect("operation");
    let json = |s: &str| encode(&serde_json::to_string(s).expect("json"));
    let mut query = format!(
        "path.contactId={}&header.X-Company-Id={}&secret.ApiKeyAuth=erp-key",
        json(contact_id),
        json(company)
    );
    if let Some(cursor) = cursor {
        query.push_str(&format!("&query.cursor={}", json(cursor)));
    }
    let plan = plan(parse_call_query(Some(&query))?, &shaped_api.api, op, shaped)?;
    let scheme: &SecurityScheme = &shaped_api.api.security_schemes["ApiKeyAuth"];
    build_request(RequestInput {
        api: &shaped_api.api,
        op,
        plan: &plan,
        upstream: &shaped_api.upstream,
        pinned: &[],
        credentials: &[Credential {
            scheme_name: "ApiKeyAuth",
            scheme,
            value: b"key-0001",
        }],
        slot_params: &[],
        request_id: "rid-1",
        accept: None,
        content_type: None,
    })
}

/// Strings rich in what could bend a URL: separators, dot segments, escapes,
/// backslashes, CR/LF, NUL and non-ASCII.
fn nasty() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("/".to_owned()),
        Just("?".to_owned()),
        Just("#".to_owned()),
        Just("%".to_owned()),
        Just("%2F".to_owned()),
        Just("%2e%2e".to_owned()),
        Just("..".to_owned()),
        Just(".".to_owned()),
        Just("\\".to_owned()),
        Just("@".to_owned()),
        Just(":".to_owned()),
        Just(";".to_owned()),
        Just("&".to_owned()),
        Just("=".to_owned()),
        Just("+".to_owned()),
        Just(" ".to_owned()),
        Just("\r\n".to_owned()),
        Just("\0".to_owned()),
        Just("é".to_owned()),
        Just("日本".to_owned()),
        Just("{contactId}".to_owned()),
        "[a-z0-9]{1,3}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(atoms, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parameter_values_never_leave_their_template_slot(
        contact_id in nasty(),
        cursor in proptest::option::of(nasty()),
        company in prop_oneof![3 => "[ -~\t]{0,16}", 1 => nasty()],
    ) {
        let shape = shape_once();
        let base = Url::parse(BASE).expect("base");
        let result = build(shape, &contact_id, cursor.as_deref(), &company);

        if matches!(contact_id.as_str(), "" | "." | "..") {
            let problem = result.expect_err("dot segments are refused");
            prop_assert_eq!(problem.kind, ProblemKind::InvalidParameter);
            return Ok(());
        }
        let header_ok = company.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
        if !header_ok {
            let problem = result.expect_err("header value is refused");
            prop_assert_eq!(problem.kind, ProblemKind::InvalidParameter);
            prop_assert_eq!(problem.errors[0].parameter.as_str(), "header.X-Company-Id");
            return Ok(());
        }
        let head = result.expect("the call builds");
        let url = &head.url;

        // The origin is the pinned one.
        prop_assert_eq!(url.scheme(), "https");
        prop_assert_eq!(url.host_str(), Some("erp.northwind.example"));
        prop_assert_eq!(url.port(), Some(8443));
        prop_assert_eq!(url.username(), "");
        prop_assert_eq!(url.password(), None);

        // The path: base, literal template segments, one slot segment.
        let segments: Vec<&str> = url.path().split('/').collect();
        prop_assert_eq!(&segments[..], &["", "api", "v2", "crm", "contacts", segments[5], "notes"][..]);
        prop_assert_eq!(segments.len(), 7);
        let decoded = percent_decode_str(segments[5]).decode_utf8().expect("utf-8");
        prop_assert_eq!(decoded.as_ref(), contact_id.as_str());
        prop_assert!(!segments[5].contains(['/', '?', '#', '\\']));
        prop_assert!(segments[5].bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));

        // No fragment; a query only from the query parameter, and exactly it.
        prop_assert_eq!(url.fragment(), None);
        match &cursor {
            None => prop_assert_eq!(url.query(), None),
            Some(cursor) => {
                let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
                prop_assert_eq!(pairs, vec![("cursor".to_owned(), cursor.clone())]);
            }
        }

        // Reparsing the serialized URL gives the same URL (nothing is reinterpreted).
        let reparsed = Url::parse(url.as_str()).expect("reparses");
        prop_assert_eq!(&reparsed, url);
        prop_assert_eq!(reparsed.origin(), base.origin());

        // The header value is intact and alone.
        prop_assert_eq!(head.headers.get_all("x-company-id").iter().count(), 1);
        prop_assert_eq!(head.headers["x-company-id"].as_bytes(), company.as_bytes());
    }
}

fn shape_once() -> &'static Shape {
    static SHAPE: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    SHAPE.get_or_init(shape)
}
