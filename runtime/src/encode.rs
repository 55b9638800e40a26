//! Wire encoding details of the call protocol that are easy to get subtly wrong.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rand::Rng;

/// Everything outside RFC 3986 "unreserved" (protocol §4.1). Stricter than what URL
/// libraries use for query strings: they leave `+`, `/`, `?` and friends alone, but the
/// proxy decodes the query as form data (a literal `+` would become a space) and a
/// path segment must never gain a `/`.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a path segment, query key or query value.
pub(crate) fn component(text: &str) -> String {
    utf8_percent_encode(text, NOT_UNRESERVED).to_string()
}

/// Whether `name` can be sent as one `{api}` or `{operationId}` segment. Empty, `.`
/// and `..` cannot: URL parsers (ours included) treat `.`/`..` and their
/// percent-encoded forms as dot-segments and would silently rewrite the call path.
pub(crate) fn is_sendable_segment(name: &str) -> bool {
    !matches!(name, "" | "." | "..")
}

/// A UUID v4 in lowercase hex with dashes, the form the proxy generates itself
/// (protocol §10), so ids look the same in the audit log whoever made them.
pub(crate) fn new_request_id() -> String {
    let mut b: [u8; 16] = rand::rng().random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Protocol §10: 1-128 characters of `A-Z a-z 0-9 . _ : -`. The proxy silently
/// replaces anything else, which would break the caller's correlation, so the runtime
/// replaces it first and the id it reports is the one actually used.
pub(crate) fn is_valid_request_id(id: &str) -> bool {
    (1..=128).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(component("AZaz09-._~"), "AZaz09-._~");
        assert_eq!(component("a b+c"), "a%20b%2Bc");
        assert_eq!(
            component("\"../admin?x=1#\""),
            "%22..%2Fadmin%3Fx%3D1%23%22"
        );
        assert_eq!(component("[\"a\",\"b\"]"), "%5B%22a%22%2C%22b%22%5D");
        assert_eq!(component("é/%"), "%C3%A9%2F%25");
    }

    #[test]
    fn request_ids_are_uuid_v4() {
        let id = new_request_id();
        assert_eq!(id.len(), 36);
        let groups: Vec<&str> = id.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(id
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert!(groups[2].starts_with('4'), "{id}");
        assert!(
            matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
            "{id}"
        );
        assert!(is_valid_request_id(&id));
        assert_ne!(id, new_request_id());
    }

    #[test]
    fn request_id_syntax() {
        assert!(is_valid_request_id("job-7:step_2.a"));
        for bad in ["", "sp ace", "a/b", "ü", &"x".repeat(129)] {
            assert!(!is_valid_request_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn dot_segments_are_refused() {
        assert!(is_sendable_segment("repos/get"));
        assert!(is_sendable_segment("..a"));
        for bad in ["", ".", ".."] {
            assert!(!is_sendable_segment(bad));
        }
    }
}
