//! The call-query grammar (protocol §4.1): `key=value` pairs, keys split at their
//! first `.` into a prefix (`path`, `query`, `header`, `cookie`, `secret`, `slot`)
//! and a name.
//!
//! This step only decodes and sorts the pairs. Whether a name means anything for the
//! operation is decided by [`crate::call::plan`], so that the problems come out in the
//! order of the §4.2 table.

use poly_model::ParameterLocation;

use crate::problem::{ParamError, Problem, ProblemKind};

/// One `<location>.<name>=<JSON text>` pair, decoded but not yet validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawParam {
    pub location: ParameterLocation,
    pub name: String,
    /// The value as the app wrote it: JSON text, parsed by [`crate::call::plan`].
    pub json: String,
}

/// The call query, sorted by prefix, in the order the app sent the pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallQuery {
    pub params: Vec<RawParam>,
    /// `secret.<Scheme>=<reference>` as (scheme, reference).
    pub schemes: Vec<(String, String)>,
    /// `slot.<slot>=<reference>` as (slot, reference).
    pub slots: Vec<(String, String)>,
}

/// The longest piece of an undecodable key quoted back in a problem.
const QUOTE_LIMIT: usize = 64;

/// Parses the raw (still percent-encoded) query string of a call (§4.1).
///
/// `None` and `Some("")` are the empty call query. Every failure is
/// `malformed-call`, listing every offending key: a pair without `=` (including an
/// empty pair such as the one `a=1&&b=2` contains), an invalid percent escape, a key
/// or value that is not UTF-8, an unknown prefix, or a key given twice (`header.`
/// keys compare without regard to case, like header names do).
pub fn parse_call_query(raw: Option<&str>) -> Result<CallQuery, Problem> {
    let mut query = CallQuery::default();
    let raw = match raw {
        None | Some("") => return Ok(query),
        Some(raw) => raw,
    };
    let mut errors = Vec::new();
    // Normalised keys seen so far, for duplicate detection.
    let mut seen: Vec<String> = Vec::new();

    for (index, pair) in raw.split('&').enumerate() {
        let Some((raw_key, raw_value)) = pair.split_once('=') else {
            errors.push(ParamError::new(
                quote_raw(pair, index),
                "a pair must have the form key=value",
            ));
            continue;
        };
        let (Some(key), Some(value)) = (form_decode(raw_key), form_decode(raw_value)) else {
            errors.push(ParamError::new(
                quote_raw(raw_key, index),
                "invalid percent-encoding or invalid UTF-8",
            ));
            continue;
        };
        let Some((prefix, name)) = key.split_once('.') else {
            errors.push(ParamError::new(
                key.clone(),
                "a key must be <location>.<name>, secret.<scheme> or slot.<slot>",
            ));
            continue;
        };
        let normalised = if prefix == "header" {
            format!("header.{}", name.to_ascii_lowercase())
        } else {
            key.clone()
        };
        if seen.contains(&normalised) {
            errors.push(ParamError::new(
                key.clone(),
                "the key appears more than once",
            ));
            continue;
        }
        seen.push(normalised);
        match prefix {
            "secret" => query.schemes.push((name.to_owned(), value)),
            "slot" => query.slots.push((name.to_owned(), value)),
            _ => match ParameterLocation::parse(prefix) {
                Some(location) => query.params.push(RawParam {
                    location,
                    name: name.to_owned(),
                    json: value,
                }),
                None => errors.push(ParamError::new(
                    key.clone(),
                    "unknown prefix: expected path, query, header, cookie, secret or slot",
                )),
            },
        }
    }

    if errors.is_empty() {
        Ok(query)
    } else {
        Err(Problem {
            kind: ProblemKind::MalformedCall,
            detail: "The call query is malformed.".to_owned(),
            errors,
            retry_after: None,
        })
    }
}

/// `application/x-www-form-urlencoded` decoding of one key or value: `+` is a space,
/// `%XX` is the octet XX, and the result must be UTF-8. Unlike the lenient decoders
/// (which pass a stray `%` through), an invalid escape is an error: §4.1 makes it
/// `malformed-call`, and leniency here would let two spellings mean one key.
fn form_decode(input: &str) -> Option<String> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hi = hex_value(*bytes.get(i + 1)?)?;
                let lo = hex_value(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// An undecodable key as it can be quoted in a problem: the raw text (the app's own
/// bytes, still percent-encoded and therefore printable), shortened, or the pair's
/// position when there is nothing to quote.
fn quote_raw(raw: &str, index: usize) -> String {
    if raw.is_empty() {
        return format!("(pair {})", index + 1);
    }
    let mut end = raw.len().min(QUOTE_LIMIT);
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    raw[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn malformed_keys(raw: &str) -> Vec<String> {
        let problem = parse_call_query(Some(raw)).expect_err("malformed");
        assert_eq!(problem.kind, ProblemKind::MalformedCall);
        problem.errors.into_iter().map(|e| e.parameter).collect()
    }

    #[test]
    fn empty_query_is_an_empty_call() {
        assert_eq!(parse_call_query(None).unwrap(), CallQuery::default());
        assert_eq!(parse_call_query(Some("")).unwrap(), CallQuery::default());
    }

    #[test]
    fn decodes_the_wire_example_of_12b() {
        let q = parse_call_query(Some(
            "path.contactId=%22c_81f2%22&query.limit=50&query.tags=%5B%22vip%22%2C%22follow%20up%22%5D",
        ))
        .unwrap();
        assert_eq!(
            q.params,
            vec![
                RawParam {
                    location: ParameterLocation::Path,
                    name: "contactId".into(),
                    json: "\"c_81f2\"".into()
                },
                RawParam {
                    location: ParameterLocation::Query,
                    name: "limit".into(),
                    json: "50".into()
                },
                RawParam {
                    location: ParameterLocation::Query,
                    name: "tags".into(),
                    json: "[\"vip\",\"follow up\"]".into()
                },
            ]
        );
        assert!(q.schemes.is_empty() && q.slots.is_empty());
    }

    #[test]
    fn plus_is_a_space_and_percent_2b_is_a_plus() {
        let q = parse_call_query(Some("query.q=%22a+b%2Bc%22")).unwrap();
        assert_eq!(q.params[0].json, "\"a b+c\"");
    }

    #[test]
    fn key_splits_at_the_first_dot() {
        let q = parse_call_query(Some("query.filter.name=1&header.X.Y=2")).unwrap();
        assert_eq!(q.params[0].name, "filter.name");
        assert_eq!(q.params[1].location, ParameterLocation::Header);
        assert_eq!(q.params[1].name, "X.Y");
    }

    #[test]
    fn an_encoded_equals_sign_stays_in_the_key() {
        let q = parse_call_query(Some("query.a%3Db=1")).unwrap();
        assert_eq!(q.params[0].name, "a=b");
        assert_eq!(q.params[0].json, "1");
    }

    #[test]
    fn secret_and_slot_references_are_sorted_out() {
        let q =
            parse_call_query(Some("secret.OAuth2=erp-token&slot.mailbox_password=mb/pw")).unwrap();
        assert_eq!(q.schemes, vec![("OAuth2".into(), "erp-token".into())]);
        assert_eq!(q.slots, vec![("mailbox_password".into(), "mb/pw".into())]);
        assert!(q.params.is_empty());
    }

    #[test]
    fn pair_without_equals_is_malformed() {
        assert_eq!(malformed_keys("query.limit"), vec!["query.limit"]);
        assert_eq!(malformed_keys("query.a=1&&query.b=2"), vec!["(pair 2)"]);
        assert_eq!(malformed_keys("query.a=1&"), vec!["(pair 2)"]);
    }

    #[test]
    fn invalid_percent_escapes_are_malformed() {
        assert_eq!(malformed_keys("query.a=%2"), vec!["query.a"]);
        assert_eq!(malformed_keys("query.a=%zz"), vec!["query.a"]);
        assert_eq!(malformed_keys("query.%G1=1"), vec!["query.%G1"]);
    }

    #[test]
    fn invalid_utf8_is_malformed() {
        assert_eq!(malformed_keys("query.a=%FF"), vec!["query.a"]);
        assert_eq!(malformed_keys("query.%C3=1"), vec!["query.%C3"]);
    }

    #[test]
    fn unknown_prefixes_are_malformed() {
        assert_eq!(
            malformed_keys("body.x=1&limit=2&Query.a=1"),
            vec!["body.x", "limit", "Query.a"]
        );
    }

    #[test]
    fn duplicate_keys_are_malformed_and_header_keys_ignore_case() {
        assert_eq!(malformed_keys("query.a=1&query.a=2"), vec!["query.a"]);
        assert_eq!(
            malformed_keys("header.X-Trace=1&header.x-trace=2"),
            vec!["header.x-trace"]
        );
        assert_eq!(malformed_keys("secret.S=a&secret.S=b"), vec!["secret.S"]);
        // Different case is a different key outside headers.
        assert!(parse_call_query(Some("query.a=1&query.A=2")).is_ok());
        // The same name in two locations is two keys.
        assert!(parse_call_query(Some("query.a=1&cookie.a=2")).is_ok());
    }

    #[test]
    fn every_offending_key_is_listed() {
        assert_eq!(
            malformed_keys("x&query.a=1&query.a=2&foo.b=1&query.c=%"),
            vec!["x", "query.a", "foo.b", "query.c"]
        );
    }

    #[test]
    fn long_undecodable_keys_are_shortened() {
        let key = format!("query.{}%", "a".repeat(200));
        let keys = malformed_keys(&format!("{key}=1"));
        assert_eq!(keys[0].len(), QUOTE_LIMIT);
    }
}
