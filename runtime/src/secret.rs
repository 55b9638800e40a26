//! The two kinds of secret-ish strings the runtime handles: the proxy API key, which
//! must never leave the `Authorization` header, and secret *references*, which are
//! names and may travel in the call query.

use std::fmt;

use zeroize::Zeroizing;

/// The name of a secret, chosen by the application and resolved by the proxy inside
/// the caller's tenant and environment. It never holds a secret value.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SecretRef(String);

/// Why a string is not a valid secret reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSecretRef;

impl fmt::Display for InvalidSecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a secret reference is 1-128 characters of A-Z a-z 0-9 . _ - /, \
             not starting with `/` or `.`, without `..`",
        )
    }
}

impl std::error::Error for InvalidSecretRef {}

impl SecretRef {
    /// Validates a reference name per `docs/protocol.md`.
    pub fn new(name: impl Into<String>) -> Result<SecretRef, InvalidSecretRef> {
        let name = name.into();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/');
        let ok = (1..=128).contains(&name.len())
            && name.chars().all(allowed)
            && !name.starts_with(['/', '.'])
            && !name.contains("..");
        if ok {
            Ok(SecretRef(name))
        } else {
            Err(InvalidSecretRef)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SecretRef").field(&self.0).finish()
    }
}

/// The Poly API key the proxy authenticates the application with.
///
/// Whoever holds it can spend the tenant's shape, so it is kept out of every place a
/// compromised or merely chatty application could copy it from: `Debug` and `Display`
/// print `ApiKey(***)`, nothing reads it back, nothing serializes it, and the heap
/// buffer is overwritten when the last copy is dropped. The only place it is written
/// is the `Authorization` header of a call to the configured proxy.
///
/// The key is not checked against the `poly_` + 43 characters format: the proxy is the
/// authority on keys and answers a malformed one like an unknown one. The builder only
/// rejects keys that cannot be sent in a header at all.
#[derive(Clone)]
pub struct ApiKey(Zeroizing<String>);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(Zeroizing::new(key.into()))
    }

    /// A key that is empty or holds spaces, control characters or non-ASCII text would
    /// either be rejected by the HTTP stack at call time or silently change meaning
    /// inside `Bearer <key>`; refusing it when the client is built gives one clear error.
    pub(crate) fn is_sendable(&self) -> bool {
        !self.0.is_empty() && self.0.bytes().all(|b| b.is_ascii_graphic())
    }

    /// `Bearer <key>`, marked sensitive so that `http`'s `Debug` and HTTP/2 header
    /// compression never expose or index it. The temporary string is zeroized; the
    /// header value itself is an immutable `Bytes` we cannot wipe, which is why it is
    /// built per attempt instead of being cached for the client's lifetime.
    pub(crate) fn authorization(&self) -> Option<http::HeaderValue> {
        let mut text = Zeroizing::new(String::with_capacity(7 + self.0.len()));
        text.push_str("Bearer ");
        text.push_str(&self.0);
        let mut value = http::HeaderValue::from_str(&text).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_names() {
        assert!(SecretRef::new("erp/partner-token.v2").is_ok());
        for bad in ["", "/abs", ".hidden", "a..b", "sp ace", &"x".repeat(129)] {
            assert!(SecretRef::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn api_key_never_formats() {
        let key = ApiKey::new("poly_SECRETsecretSECRETsecretSECRETsecret12345");
        for text in [
            format!("{key:?}"),
            format!("{key}"),
            format!("{:?}", Some(&key)),
        ] {
            assert!(!text.contains("SECRET"), "{text}");
            assert!(text.contains("ApiKey(***)"), "{text}");
        }
        let header = key
            .authorization()
            .expect("a graphic ASCII key is a header value");
        assert!(header.is_sensitive());
        assert!(!format!("{header:?}").contains("SECRET"));
        assert_eq!(
            header.to_str().ok(),
            Some("Bearer poly_SECRETsecretSECRETsecretSECRETsecret12345")
        );
    }

    #[test]
    fn unsendable_keys() {
        assert!(ApiKey::new("poly_abc").is_sendable());
        for bad in ["", "poly abc", "poly\nabc", "pöly"] {
            assert!(!ApiKey::new(bad).is_sendable(), "{bad:?}");
        }
    }
}
