//! Which upstream response headers reach the app (protocol §8.1, §13 invariants 6–8).

use http::header::HeaderName;
use http::HeaderMap;
use poly_model::Operation;

use crate::call::redact::Redactor;

/// Hop-by-hop headers (RFC 9110 §7.6.1) and their relatives: never forwarded.
const ALWAYS_REMOVED: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authenticate",
    "set-cookie",
    // The obsolete RFC 2965 variant carries cookies just the same.
    "set-cookie2",
];

/// Kept whatever the description says (§8.1).
const KEPT: &[&str] = &[
    "content-type",
    "content-length",
    "content-encoding",
    "content-disposition",
    "etag",
    "last-modified",
    "cache-control",
    "expires",
    "retry-after",
    "location",
    "link",
];

/// The headers of an upstream response as the app may see them (§8.1):
///
/// - removed: hop-by-hop headers (including every header `Connection` names),
///   `Set-Cookie` even if documented, and every `Poly-*` header, which only the proxy
///   sets (§13 invariant 7);
/// - kept: the fixed list of §8.1, and any header the operation documents for any
///   status; `Content-Length` only when `body_length_unchanged` (redaction may change
///   the length);
/// - dropped: everything else.
///
/// Every kept value passes through `redactor` (§8.2).
pub fn filter_response_headers(
    upstream: &HeaderMap,
    op: &Operation,
    redactor: &Redactor,
    body_length_unchanged: bool,
) -> HeaderMap {
    let named_by_connection: Vec<String> = upstream
        .get_all(http::header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|token| token.trim().to_ascii_lowercase())
        .filter(|token| !token.is_empty())
        .collect();
    let documented = |name: &HeaderName| {
        op.responses
            .iter()
            .flat_map(|r| r.headers.iter())
            .any(|h| h.name.eq_ignore_ascii_case(name.as_str()))
    };

    let mut out = HeaderMap::new();
    for (name, value) in upstream {
        // `HeaderName`s are lowercase.
        let lower = name.as_str();
        let removed = ALWAYS_REMOVED.contains(&lower)
            || lower.starts_with("poly-")
            || named_by_connection.iter().any(|n| n == lower)
            || (name == http::header::CONTENT_LENGTH && !body_length_unchanged);
        if removed {
            continue;
        }
        if KEPT.contains(&lower) || documented(name) {
            out.append(name.clone(), redactor.redact_header(value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::erp_fixture::{op, unrestricted};
    use crate::call::redact::SecretForms;
    use http::HeaderValue;

    fn upstream(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (n, v) in pairs {
            map.append(
                HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    fn names(map: &HeaderMap) -> Vec<&str> {
        map.keys().map(HeaderName::as_str).collect()
    }

    fn no_secrets() -> Redactor {
        Redactor::new(&SecretForms::new()).unwrap()
    }

    #[test]
    fn wire_example_12a_response_headers() {
        let op = op(unrestricted(), "createContact").1;
        let headers = upstream(&[
            ("Content-Type", "application/json"),
            ("Content-Length", "146"),
            ("Location", "/api/v2/crm/contacts/c_81f2"),
            ("Set-Cookie", "ERPSESSID=9b1f3e; Path=/; HttpOnly"),
            ("X-Powered-By", "NorthwindERP/7.2"),
            ("Connection", "keep-alive"),
        ]);
        let out = filter_response_headers(&headers, op, &no_secrets(), true);
        assert_eq!(names(&out), ["content-type", "content-length", "location"]);
    }

    #[test]
    fn wire_example_12b_documented_header_is_kept() {
        let list = op(unrestricted(), "listContacts").1;
        let headers = upstream(&[
            ("Content-Type", "application/json"),
            ("ETag", "\"n-3301-v4\""),
            ("Cache-Control", "private, max-age=0"),
            ("Link", "<https://erp.northwind.example/x>; rel=\"next\""),
            ("X-RateLimit-Remaining", "118"),
            ("X-Internal-Trace", "abc"),
        ]);
        let out = filter_response_headers(&headers, list, &no_secrets(), true);
        assert_eq!(
            names(&out),
            [
                "content-type",
                "etag",
                "cache-control",
                "link",
                "x-ratelimit-remaining"
            ]
        );
        // Not documented for this operation: dropped.
        let other = op(unrestricted(), "createContact").1;
        let out = filter_response_headers(&headers, other, &no_secrets(), true);
        assert!(out.get("x-ratelimit-remaining").is_none());
    }

    #[test]
    fn hop_by_hop_poly_and_connection_named_headers_are_removed() {
        let mut op = op(unrestricted(), "createContact").1.clone();
        // Even documented, these never pass.
        for name in [
            "Set-Cookie",
            "Transfer-Encoding",
            "Poly-Origin",
            "X-Secret-Hop",
        ] {
            op.responses[0]
                .headers
                .push(poly_model::api::ResponseHeader {
                    name: name.into(),
                    description: None,
                    schema: None,
                });
        }
        let headers = upstream(&[
            ("Connection", "close, X-Secret-Hop"),
            ("X-Secret-Hop", "1"),
            ("Keep-Alive", "timeout=5"),
            ("Proxy-Connection", "keep-alive"),
            ("Transfer-Encoding", "chunked"),
            ("TE", "trailers"),
            ("Trailer", "X-Checksum"),
            ("Upgrade", "h2c"),
            ("Proxy-Authenticate", "Basic"),
            ("Set-Cookie", "a=b"),
            ("Set-Cookie", "c=d"),
            ("Poly-Origin", "proxy"),
            ("Poly-Request-Id", "forged"),
            ("Content-Type", "application/json"),
        ]);
        let out = filter_response_headers(&headers, &op, &no_secrets(), true);
        assert_eq!(names(&out), ["content-type"]);
    }

    #[test]
    fn content_length_only_when_the_body_length_is_unchanged() {
        let op = op(unrestricted(), "createContact").1;
        let headers = upstream(&[("Content-Length", "10"), ("Content-Type", "text/plain")]);
        assert!(filter_response_headers(&headers, op, &no_secrets(), true)
            .contains_key("content-length"));
        assert!(!filter_response_headers(&headers, op, &no_secrets(), false)
            .contains_key("content-length"));
    }

    #[test]
    fn kept_values_are_redacted_and_repeated_values_kept() {
        let op = op(unrestricted(), "createContact").1;
        let mut forms = SecretForms::new();
        forms.add(b"tok-98765");
        let redactor = Redactor::new(&forms).unwrap();
        let headers = upstream(&[
            ("Location", "https://x/cb?token=tok-98765"),
            ("Link", "<a>; rel=a"),
            ("Link", "<b>; rel=b"),
        ]);
        let out = filter_response_headers(&headers, op, &redactor, false);
        assert_eq!(out["location"], "https://x/cb?token=[REDACTED]");
        assert_eq!(out.get_all("link").iter().count(), 2);
        assert_eq!(redactor.redactions(), 1);
    }
}
