//! JSON pointers (RFC 6901): the one way this crate names a place in a document.
//!
//! Every diagnostic carries a pointer, and the pointer is what gets turned back into a
//! line and column, so building and parsing them lives in one place.

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// Undoes [`escape`]. Returns `None` for a `~` not followed by `0` or `1`.
pub fn unescape(token: &str) -> Option<String> {
    if !token.contains('~') {
        return Some(token.to_owned());
    }
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Splits a pointer such as `/paths/~1pets/get` into its unescaped tokens.
///
/// The empty pointer names the whole document. A pointer that does not start with `/`
/// or holds a bad escape is malformed and yields `None`.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape).collect()
}

/// Appends one token to a pointer.
pub fn push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    out.push_str(&escape(token));
    out
}

/// Builds a pointer from tokens.
pub fn join<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        out.push_str(&escape(token.as_ref()));
    }
    out
}

/// Appends several tokens to a pointer.
pub fn join_onto<I, S>(pointer: &str, tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = pointer.to_owned();
    out.push_str(&join(tokens));
    out
}

/// Decodes the percent-escapes a URI fragment may use (`#/paths/%7Bid%7D`).
pub fn percent_decode(fragment: &str) -> String {
    if !fragment.contains('%') {
        return fragment.to_owned();
    }
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_escapes() {
        let p = join(["paths", "/pets/{id}", "a~b"]);
        assert_eq!(p, "/paths/~1pets~1{id}/a~0b");
        assert_eq!(tokens(&p).unwrap(), vec!["paths", "/pets/{id}", "a~b"]);
    }

    #[test]
    fn rejects_bad_escape_and_missing_slash() {
        assert!(tokens("/a~2").is_none());
        assert!(tokens("a/b").is_none());
        assert_eq!(tokens("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn decodes_percent() {
        assert_eq!(percent_decode("/paths/%7Bid%7D"), "/paths/{id}");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }
}
