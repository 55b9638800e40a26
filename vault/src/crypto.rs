//! Encryption at rest: master keys, the key ring, data-encryption keys and the AEAD.
//!
//! Two levels of keys, so that replacing the master key is cheap and safe:
//!
//! - A **master key** (32 bytes, given to the proxy from outside the database, e.g. an
//!   environment variable or a KMS) only wraps data keys. Rotating it re-wraps a handful
//!   of rows in one transaction; no secret is re-encrypted and running proxies keep
//!   working with the data keys they already unwrapped.
//! - **Data keys** (DEKs, random 32 bytes) encrypt secret values. They live in the
//!   `data_keys` table, wrapped by the master key. A new DEK version can be added at any
//!   time; new writes use the newest one, old rows name the version they were written with.
//!
//! The AEAD is XChaCha20-Poly1305 with a random 24-byte nonce per write: nonces that large
//! can be drawn at random without a counter shared between proxies. Each ciphertext is
//! bound by its associated data to where it belongs (tenant, environment, secret name,
//! secret version, DEK version), length-prefixed so fields cannot be shifted into each
//! other: a row copied to another tenant, name or version fails to decrypt.

use std::fmt;

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{AeadCore, XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::VaultError;

const NONCE_LEN: usize = 24;

/// A 32-byte master key. Zeroized on drop; `Debug` shows only its fingerprint.
// LIMITATION: key material (master and data keys) sits in ordinary heap pages for the
// life of the process and may reach swap or a core dump; `mlock` and
// `MADV_DONTDUMP` on those pages (e.g. with the `memsec` crate) would prevent that.
pub struct MasterKey {
    bytes: Zeroizing<[u8; 32]>,
}

impl MasterKey {
    /// A new random key from the OS CSPRNG.
    pub fn generate() -> MasterKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        fill_random(bytes.as_mut());
        MasterKey { bytes }
    }

    /// Parses standard base64 (padding optional) of exactly 32 bytes; surrounding
    /// whitespace is ignored. The error never repeats the input.
    pub fn from_encoded(encoded: &str) -> Result<MasterKey, VaultError> {
        let trimmed = encoded.trim();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(trimmed)
            .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(trimmed))
            .map(Zeroizing::new)
            .map_err(|_| {
                VaultError::Invalid(
                    "the master key is not valid base64; generate one with \
                     `MasterKey::generate` (the CLI's key generation command)"
                        .into(),
                )
            })?;
        if decoded.len() != 32 {
            return Err(VaultError::Invalid(format!(
                "the master key must be base64 of exactly 32 bytes, this one decodes to {} bytes",
                decoded.len()
            )));
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&decoded);
        Ok(MasterKey { bytes })
    }

    /// Standard base64 with padding (44 characters).
    pub fn encode(&self) -> Zeroizing<String> {
        Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(self.bytes.as_ref()))
    }

    /// A fingerprint, safe to log: the first 16 hex digits of a domain-separated SHA-256.
    pub fn id(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"poly-vault master key id v1\0");
        hasher.update(self.bytes.as_ref());
        hex(&hasher.finalize()[..8])
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.bytes.as_ref().into())
    }
}

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id())
            .field("bytes", &"[REDACTED]")
            .finish()
    }
}

/// The master key to write with, and previous ones still accepted for reading during a
/// rollout of a rotated key.
#[derive(Debug)]
pub struct KeyRing {
    current: MasterKey,
    previous: Vec<MasterKey>,
}

impl KeyRing {
    /// A ring whose `current` key wraps new data keys; `previous` keys only unwrap.
    pub fn new(current: MasterKey, previous: Vec<MasterKey>) -> KeyRing {
        KeyRing { current, previous }
    }

    /// The fingerprint of the current key.
    pub fn current_id(&self) -> String {
        self.current.id()
    }

    pub(crate) fn current(&self) -> &MasterKey {
        &self.current
    }

    /// Every key, the one with `preferred_id` first.
    pub(crate) fn candidates(&self, preferred_id: &str) -> Vec<&MasterKey> {
        let mut keys: Vec<&MasterKey> = std::iter::once(&self.current)
            .chain(self.previous.iter())
            .collect();
        keys.sort_by_key(|key| key.id() != preferred_id);
        keys
    }

    pub(crate) fn ids(&self) -> String {
        std::iter::once(&self.current)
            .chain(self.previous.iter())
            .map(MasterKey::id)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Makes `new` the current key; the old current key becomes the first previous one.
    pub(crate) fn rotate(&mut self, new: MasterKey) {
        let old = std::mem::replace(&mut self.current, new);
        self.previous.insert(0, old);
    }
}

/// An unwrapped data-encryption key, held in memory by a running store.
pub(crate) struct DataKey {
    pub(crate) version: i64,
    bytes: Zeroizing<[u8; 32]>,
    cipher: XChaCha20Poly1305,
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataKey")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl DataKey {
    pub(crate) fn generate(version: i64) -> DataKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        fill_random(bytes.as_mut());
        DataKey::from_bytes(version, bytes)
    }

    fn from_bytes(version: i64, bytes: Zeroizing<[u8; 32]>) -> DataKey {
        let cipher = XChaCha20Poly1305::new(bytes.as_ref().into());
        DataKey {
            version,
            bytes,
            cipher,
        }
    }

    /// `nonce || ciphertext` of this key's bytes under `master`, bound to the version.
    pub(crate) fn wrap(&self, master: &MasterKey) -> Result<Vec<u8>, VaultError> {
        seal(
            &master.cipher(),
            self.bytes.as_ref(),
            &dek_associated_data(self.version),
        )
    }

    pub(crate) fn unwrap(
        version: i64,
        wrapped: &[u8],
        master: &MasterKey,
    ) -> Result<DataKey, VaultError> {
        let plain = Zeroizing::new(open(
            &master.cipher(),
            wrapped,
            &dek_associated_data(version),
        )?);
        if plain.len() != 32 {
            return Err(VaultError::Crypto);
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&plain);
        Ok(DataKey::from_bytes(version, bytes))
    }

    pub(crate) fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, VaultError> {
        seal(&self.cipher, plaintext, aad)
    }

    pub(crate) fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>, VaultError> {
        open(&self.cipher, sealed, aad).map(Zeroizing::new)
    }
}

fn seal(cipher: &XChaCha20Poly1305, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, VaultError> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let ciphertext = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| VaultError::Crypto)?;
    let mut out = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

fn open(cipher: &XChaCha20Poly1305, sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, VaultError> {
    if sealed.len() < NONCE_LEN {
        return Err(VaultError::Crypto);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map_err(|_| VaultError::Crypto)
}

fn dek_associated_data(version: i64) -> Vec<u8> {
    let mut aad = AssociatedData::new(b"poly-vault/data-key/v1");
    aad.int(version);
    aad.finish()
}

/// Associated data of a secret value: where it belongs. Changing any field breaks
/// decryption.
pub(crate) fn secret_associated_data(
    tenant: &str,
    environment: &str,
    name: &str,
    version: i64,
    dek_version: i64,
) -> Vec<u8> {
    let mut aad = AssociatedData::new(b"poly-vault/secret/v1");
    aad.bytes(tenant.as_bytes());
    aad.bytes(environment.as_bytes());
    aad.bytes(name.as_bytes());
    aad.int(version);
    aad.int(dek_version);
    aad.finish()
}

/// Length-prefixed fields (u32 big-endian length, then the bytes), after a domain label.
struct AssociatedData(Vec<u8>);

impl AssociatedData {
    fn new(domain: &[u8]) -> Self {
        let mut aad = AssociatedData(Vec::with_capacity(96));
        aad.bytes(domain);
        aad
    }

    fn bytes(&mut self, field: &[u8]) {
        // Names are validated to at most 128 bytes, far below u32::MAX.
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&len.to_be_bytes());
        self.0.extend_from_slice(field);
    }

    fn int(&mut self, value: i64) {
        self.bytes(&value.to_be_bytes());
    }

    fn finish(self) -> Vec<u8> {
        self.0
    }
}

/// Fills `buf` from the OS CSPRNG.
pub(crate) fn fill_random(buf: &mut [u8]) {
    use chacha20poly1305::aead::rand_core::RngCore as _;
    OsRng.fill_bytes(buf);
}

/// SHA-256 of `data`.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn master_key_round_trips_through_base64() {
        let key = MasterKey::generate();
        let encoded = key.encode();
        let back = MasterKey::from_encoded(&format!("  {}\n", encoded.as_str())).unwrap();
        assert_eq!(key.id(), back.id());
        assert_eq!(key.id().len(), 16);
    }

    #[test]
    fn master_key_of_wrong_length_is_rejected_without_echo() {
        let short = base64::engine::general_purpose::STANDARD.encode([7u8; 31]);
        let err = MasterKey::from_encoded(&short).unwrap_err().to_string();
        assert!(err.contains("31 bytes"), "{err}");
        assert!(!err.contains(&short), "{err}");
        let err = MasterKey::from_encoded("not base64 at all!").unwrap_err();
        assert!(!err.to_string().contains("at all"));
    }

    #[test]
    fn master_key_debug_is_redacted() {
        let key = MasterKey::generate();
        let debug = format!("{key:?} {:?}", KeyRing::new(MasterKey::generate(), vec![]));
        assert!(!debug.contains(key.encode().as_str()));
        assert!(debug.contains("REDACTED"));
    }

    #[test]
    fn associated_data_fields_cannot_shift() {
        let a = secret_associated_data("ab", "c", "n", 1, 1);
        let b = secret_associated_data("a", "bc", "n", 1, 1);
        assert_ne!(a, b);
    }

    #[test]
    fn sealed_value_opens_only_with_its_associated_data() {
        let dek = DataKey::generate(1);
        let sealed = dek.seal(b"hello", b"here").unwrap();
        assert_eq!(dek.open(&sealed, b"here").unwrap().as_slice(), b"hello");
        assert!(matches!(
            dek.open(&sealed, b"there"),
            Err(VaultError::Crypto)
        ));
        assert!(matches!(
            dek.open(&sealed[..10], b"here"),
            Err(VaultError::Crypto)
        ));
    }

    #[test]
    fn wrapped_data_key_is_bound_to_master_and_version() {
        let master = MasterKey::generate();
        let dek = DataKey::generate(3);
        let wrapped = dek.wrap(&master).unwrap();
        let back = DataKey::unwrap(3, &wrapped, &master).unwrap();
        assert_eq!(back.bytes.as_ref(), dek.bytes.as_ref());
        assert!(DataKey::unwrap(4, &wrapped, &master).is_err());
        assert!(DataKey::unwrap(3, &wrapped, &MasterKey::generate()).is_err());
    }
}
