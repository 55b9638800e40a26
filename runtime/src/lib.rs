//! The client runtime of generated Rust SDKs.
//!
//! It speaks the Poly call protocol (`docs/protocol.md`) to the proxy and nothing
//! else. This crate is being built; for now it carries the one type every SDK needs.

use std::fmt;

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
}
