//! Redaction of injected secrets from upstream responses (protocol §8.2, §13
//! invariant 6).
//!
//! [`SecretForms`] collects the byte strings to look for; [`Redactor`] replaces each
//! occurrence with `[REDACTED]`, in headers and in a body that arrives in chunks of
//! any size. Output is byte-for-byte what a one-shot replacement over the whole body
//! would give: matches are leftmost-longest and may span any number of chunks.
//!
//! LIMITATION: a secret that starts with a suffix of `[REDACTED]` (such as `D]…`), or
//! ends with a prefix of it, can be re-formed in the output by a replacement next to
//! upstream bytes that complete it. Re-scanning the output around each replacement
//! (or choosing a replacement that shares no characters with the secret) would close
//! it; a random secret is vanishingly unlikely to have that shape.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use base64::Engine as _;
use bytes::Bytes;
use http::HeaderValue;
use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use zeroize::{Zeroize, Zeroizing};

/// What replaces a secret.
pub const REPLACEMENT: &[u8] = b"[REDACTED]";

/// Forms shorter than this are not redacted. A 1–3 byte pattern (the raw form of a
/// tiny secret, or a fragment such as a one-character password) matches ordinary
/// text everywhere, so redacting it would shred every response, and the redaction
/// would itself reveal the secret (the app sees which bytes vanished). Such a secret
/// gives no protection worth having; the form is skipped instead.
pub const MIN_FORM_LEN: usize = 4;

/// The unreserved set, as the proxy encodes values (§4.3).
const PERCENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The forms of every secret injected into one upstream request. Each stored form is
/// wiped when this is dropped; `Debug` shows only how many there are.
#[derive(Default)]
pub struct SecretForms {
    forms: Vec<Zeroizing<Vec<u8>>>,
}

impl fmt::Debug for SecretForms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretForms")
            .field("forms", &self.forms.len())
            .finish()
    }
}

impl SecretForms {
    pub fn new() -> SecretForms {
        SecretForms::default()
    }

    /// Adds a secret: the raw bytes, standard and URL-safe base64 with and without
    /// padding, the percent-encoded form with upper- and lowercase hex (§8.2), and the
    /// text as escaped inside a JSON string.
    // LIMITATION: a secret embedded inside a longer base64 text at an offset that is
    // not a multiple of 3 is encoded differently and not found; adding the three
    // offset-shifted inner encodings (without their unstable edge characters) would
    // cover it.
    pub fn add(&mut self, value: &[u8]) {
        use base64::engine::general_purpose::{
            STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD,
        };
        self.push(Zeroizing::new(value.to_vec()));
        for engine in [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD] {
            self.push(Zeroizing::new(engine.encode(value).into_bytes()));
        }
        let percent = Zeroizing::new(percent_encode(value, PERCENT).to_string().into_bytes());
        // Percent-encoding's hex digits come in either case from other encoders.
        let mut lower = percent.clone();
        let len = lower.len();
        for i in 0..len {
            if lower[i] == b'%' {
                lower[i + 1..(i + 3).min(len)].make_ascii_lowercase();
            }
        }
        self.push(percent);
        self.push(lower);
        // Inside a JSON string (an upstream echoing a request as JSON): escaped as
        // serde_json escapes it, and with `/` escaped too, as some encoders do.
        if let Ok(text) = std::str::from_utf8(value) {
            if let Ok(json) = serde_json::to_string(text) {
                let json = Zeroizing::new(json);
                let inner = &json[1..json.len() - 1];
                self.push(Zeroizing::new(inner.as_bytes().to_vec()));
                self.push(Zeroizing::new(inner.replace('/', "\\/").into_bytes()));
            }
        }
    }

    /// Adds an HTTP basic credential `user:password`: every form of the pair (its
    /// base64 is what went into `Authorization: Basic`) and of the password alone.
    pub fn add_basic(&mut self, user_password: &[u8]) {
        self.add(user_password);
        if let Some(colon) = user_password.iter().position(|&b| b == b':') {
            self.add(&user_password[colon + 1..]);
        }
    }

    /// How many distinct forms will be looked for.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    fn push(&mut self, form: Zeroizing<Vec<u8>>) {
        if form.len() >= MIN_FORM_LEN && !self.forms.iter().any(|f| **f == *form) {
            self.forms.push(form);
        }
    }
}

/// The redaction matcher could not be built for these secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CannotRedact;

/// Built matchers by the exact forms they look for. Building one is most of the
/// proxy's own CPU time in a small call (tens of microseconds for a dozen forms), and
/// consecutive calls of one scope inject the same secrets.
///
/// Entries hold the forms as their key, wiped when evicted, and live no longer than
/// the decrypted-secret cache keeps the values themselves (`ttl`), so the cache keeps
/// no secret in memory longer than the vault's own cache does.
pub struct MatcherCache {
    ttl: Duration,
    hasher: std::collections::hash_map::RandomState,
    /// By a hash of the forms; each bucket holds the forms themselves to compare.
    entries: Mutex<HashMap<u64, Vec<Cached>>>,
}

/// One built matcher and the forms it was built from (wiped when dropped).
struct Cached {
    forms: Vec<Zeroizing<Vec<u8>>>,
    built: Instant,
    matcher: Arc<AhoCorasick>,
}

/// More distinct secret sets than this and the cache starts over.
const MATCHER_CACHE_CAPACITY: usize = 1024;

impl fmt::Debug for MatcherCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries = self.entries.lock().map(|e| e.len()).unwrap_or(0);
        f.debug_struct("MatcherCache")
            .field("ttl", &self.ttl)
            .field("entries", &entries)
            .finish()
    }
}

impl MatcherCache {
    /// A cache whose entries live `ttl` (zero: nothing is cached).
    pub fn new(ttl: Duration) -> MatcherCache {
        MatcherCache {
            ttl,
            hasher: Default::default(),
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// A redactor of `forms`, with a matcher built now or reused.
    pub fn redactor(&self, forms: &SecretForms) -> Result<Redactor, CannotRedact> {
        if forms.is_empty() {
            return Ok(Redactor::with_matcher(None, 0));
        }
        let longest = forms.forms.iter().map(|f| f.len()).max().unwrap_or(0);
        let hash = {
            use std::hash::{BuildHasher, Hash, Hasher};
            let mut state = self.hasher.build_hasher();
            for form in &forms.forms {
                form.as_slice().hash(&mut state);
            }
            state.finish()
        };
        if self.ttl.is_zero() {
            return Ok(Redactor::with_matcher(
                Some(Arc::new(build_matcher(forms)?)),
                longest,
            ));
        }

        if let Ok(entries) = self.entries.lock() {
            let hit = entries.get(&hash).and_then(|bucket| {
                bucket
                    .iter()
                    .find(|c| c.forms == forms.forms && c.built.elapsed() < self.ttl)
            });
            if let Some(cached) = hit {
                return Ok(Redactor::with_matcher(
                    Some(cached.matcher.clone()),
                    longest,
                ));
            }
        }

        let matcher = Arc::new(build_matcher(forms)?);
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MATCHER_CACHE_CAPACITY {
                let ttl = self.ttl;
                entries.retain(|_, bucket| {
                    bucket.retain(|c| c.built.elapsed() < ttl);
                    !bucket.is_empty()
                });
                if entries.len() >= MATCHER_CACHE_CAPACITY {
                    entries.clear();
                }
            }
            let bucket = entries.entry(hash).or_default();
            bucket.retain(|c| c.forms != forms.forms);
            bucket.push(Cached {
                forms: forms.forms.clone(),
                built: Instant::now(),
                matcher: matcher.clone(),
            });
        }
        Ok(Redactor::with_matcher(Some(matcher), longest))
    }
}

fn build_matcher(forms: &SecretForms) -> Result<AhoCorasick, CannotRedact> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(forms.forms.iter().map(|f| f.as_slice()))
        .map_err(|error| {
            tracing::error!(%error, "could not build the redaction automaton");
            CannotRedact
        })
}

/// Replaces secret forms in a response, streaming.
///
/// [`Redactor::feed`] holds back the last `n − 1` bytes it has seen (`n` is the longest
/// form), which is exactly what a match still undecided at the chunk's end can cover;
/// everything before is final. Work per chunk is linear in the chunk plus `n`, so a
/// body costs one scan and one copy whatever its chunking.
// LIMITATION: the Aho-Corasick automaton encodes the forms in its transition tables,
// which cannot be wiped on drop; only `SecretForms` and the held-back bytes are.
pub struct Redactor {
    /// `None` when there is nothing to redact.
    matcher: Option<Arc<AhoCorasick>>,
    /// Length of the longest form.
    longest: usize,
    /// Bytes seen but not yet released.
    held: Vec<u8>,
    body_redactions: u64,
    header_redactions: AtomicU64,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("active", &self.matcher.is_some())
            .field("held", &self.held.len())
            .field("redactions", &self.redactions())
            .finish()
    }
}

impl Drop for Redactor {
    fn drop(&mut self) {
        self.held.zeroize();
    }
}

impl Redactor {
    /// A redactor of `forms`. Fails only if the matcher cannot be built (a size limit
    /// of the automaton); the call must then fail too, as a response that cannot be
    /// redacted must not be forwarded.
    pub fn new(forms: &SecretForms) -> Result<Redactor, CannotRedact> {
        MatcherCache::new(Duration::ZERO).redactor(forms)
    }

    fn with_matcher(matcher: Option<Arc<AhoCorasick>>, longest: usize) -> Redactor {
        Redactor {
            matcher,
            longest,
            held: Vec::new(),
            body_redactions: 0,
            header_redactions: AtomicU64::new(0),
        }
    }

    /// True when no secret was injected, so that bodies pass through unchanged (and a
    /// body's `Content-Length` stays valid).
    pub fn is_empty(&self) -> bool {
        self.matcher.is_none()
    }

    /// How many occurrences were replaced so far, in headers and body.
    pub fn redactions(&self) -> u64 {
        self.body_redactions + self.header_redactions.load(Ordering::Relaxed)
    }

    /// Redacts the next chunk of the body. Returns the bytes that are final; up to
    /// `n − 1` bytes are kept for the next call or [`Redactor::finish`].
    pub fn feed(&mut self, chunk: &[u8]) -> Bytes {
        let Some(matcher) = &self.matcher else {
            return Bytes::copy_from_slice(chunk);
        };
        self.held.extend_from_slice(chunk);
        let len = self.held.len();
        // A match starting at or before `decided` is entirely visible, so it is
        // decided as a one-shot search would decide it.
        let decided = len.saturating_sub(self.longest);
        let mut out = Vec::with_capacity(len);
        let mut pos = 0;
        for m in matcher.find_iter(&self.held[..]) {
            if m.start() > decided || len < self.longest {
                break;
            }
            out.extend_from_slice(&self.held[pos..m.start()]);
            out.extend_from_slice(REPLACEMENT);
            pos = m.end();
            self.body_redactions += 1;
        }
        // No match starts in [pos, release): the one-shot search would resume at the
        // same place, so these bytes are final.
        let release = pos.max(len.saturating_sub(self.longest - 1));
        out.extend_from_slice(&self.held[pos..release]);
        self.held.drain(..release);
        Bytes::from(out)
    }

    /// Redacts and returns whatever is still held back, at the end of the body.
    pub fn finish(mut self) -> Bytes {
        let mut held = std::mem::take(&mut self.held);
        let Some(matcher) = &self.matcher else {
            return Bytes::from(held);
        };
        let mut out = Vec::with_capacity(held.len());
        let mut pos = 0;
        for m in matcher.find_iter(&held[..]) {
            out.extend_from_slice(&held[pos..m.start()]);
            out.extend_from_slice(REPLACEMENT);
            pos = m.end();
            self.body_redactions += 1;
        }
        out.extend_from_slice(&held[pos..]);
        held.zeroize();
        Bytes::from(out)
    }

    /// A header value with every secret form replaced; the value itself when there is
    /// nothing to replace. The sensitivity flag is kept.
    pub fn redact_header(&self, value: &HeaderValue) -> HeaderValue {
        let Some(matcher) = &self.matcher else {
            return value.clone();
        };
        let bytes = value.as_bytes();
        let count = matcher.find_iter(bytes).count();
        if count == 0 {
            return value.clone();
        }
        self.header_redactions
            .fetch_add(count as u64, Ordering::Relaxed);
        let replaced = matcher.replace_all_bytes(bytes, &vec![REPLACEMENT; matcher.patterns_len()]);
        let mut out = HeaderValue::from_bytes(&replaced)
            .unwrap_or_else(|_| HeaderValue::from_static("[REDACTED]"));
        out.set_sensitive(value.is_sensitive());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn redactor(secrets: &[&[u8]]) -> Redactor {
        let mut forms = SecretForms::new();
        for s in secrets {
            forms.add(s);
        }
        Redactor::new(&forms).unwrap()
    }

    fn one_shot(secrets: &[&[u8]], input: &[u8]) -> Vec<u8> {
        let mut forms = SecretForms::new();
        for s in secrets {
            forms.add(s);
        }
        let patterns: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        ac.replace_all_bytes(input, &vec![REPLACEMENT; patterns.len()])
    }

    fn streamed(r: &mut Redactor, input: &[u8], cuts: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut start = 0;
        for &cut in cuts {
            let cut = cut.clamp(start, input.len());
            out.extend_from_slice(&r.feed(&input[start..cut]));
            start = cut;
        }
        out.extend_from_slice(&r.feed(&input[start..]));
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn matcher_cache_reuses_a_matcher_only_for_the_same_forms() {
        let forms = |secrets: &[&[u8]]| {
            let mut forms = SecretForms::new();
            for s in secrets {
                forms.add(s);
            }
            forms
        };
        let matcher = |r: &Redactor| r.matcher.clone().unwrap();
        let cache = MatcherCache::new(Duration::from_secs(60));
        let a = cache.redactor(&forms(&[b"alpha-secret"])).unwrap();
        let again = cache.redactor(&forms(&[b"alpha-secret"])).unwrap();
        assert!(Arc::ptr_eq(&matcher(&a), &matcher(&again)));
        let b = cache.redactor(&forms(&[b"alpha-secreT"])).unwrap();
        assert!(!Arc::ptr_eq(&matcher(&a), &matcher(&b)));
        let both = cache
            .redactor(&forms(&[b"alpha-secret", b"other-one"]))
            .unwrap();
        assert!(!Arc::ptr_eq(&matcher(&a), &matcher(&both)));

        // A reused matcher redacts exactly like a fresh one.
        let mut again = again;
        let mut out = again.feed(b"x alpha-secret y").to_vec();
        out.extend_from_slice(&again.finish());
        assert_eq!(out, b"x [REDACTED] y");

        // With no lifetime, nothing is kept.
        let uncached = MatcherCache::new(Duration::ZERO);
        let one = uncached.redactor(&forms(&[b"alpha-secret"])).unwrap();
        let two = uncached.redactor(&forms(&[b"alpha-secret"])).unwrap();
        assert!(!Arc::ptr_eq(&matcher(&one), &matcher(&two)));
        assert!(!format!("{cache:?}").contains("alpha"));
    }

    #[test]
    fn forms_cover_raw_base64_and_percent_encodings() {
        let mut forms = SecretForms::new();
        forms.add(b"s3cr/t+?");
        let all: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        for expected in [
            &b"s3cr/t+?"[..],
            b"czNjci90Kz8=",
            b"czNjci90Kz8",
            b"czNjci90Kz8=",
            b"czNjci90Kz8",
            b"s3cr%2Ft%2B%3F",
            b"s3cr%2ft%2b%3f",
            br"s3cr\/t+?",
        ] {
            assert!(
                all.contains(&expected),
                "{}",
                String::from_utf8_lossy(expected)
            );
        }
        // URL-safe differs from standard when the encoding has + or /.
        let mut forms = SecretForms::new();
        forms.add(&[0xfb, 0xff, 0xbf]);
        let all: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        assert!(all.contains(&&b"+/+/"[..]) && all.contains(&&b"-_-_"[..]));
        // Quotes, backslashes and controls as a JSON string writes them.
        let mut forms = SecretForms::new();
        forms.add(b"pa\"ss\\w\n");
        let all: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        assert!(all.contains(&&br#"pa\"ss\\w\n"#[..]), "{all:?}");
    }

    #[test]
    fn basic_forms_include_the_password_alone() {
        let mut forms = SecretForms::new();
        forms.add_basic(b"Aladdin:open sesame");
        let all: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        assert!(all.contains(&&b"QWxhZGRpbjpvcGVuIHNlc2FtZQ=="[..]));
        assert!(all.contains(&&b"open sesame"[..]));
        assert!(all.contains(&&b"open%20sesame"[..]));
    }

    #[test]
    fn short_forms_are_skipped() {
        let mut forms = SecretForms::new();
        forms.add(b"ab");
        // "ab" (2) and "YWI" (3) are skipped, "YWI=" (4) and the rest kept.
        let all: Vec<&[u8]> = forms.forms.iter().map(|f| f.as_slice()).collect();
        assert!(!all.contains(&&b"ab"[..]) && !all.contains(&&b"YWI"[..]));
        assert!(all.contains(&&b"YWI="[..]));
        let empty = Redactor::new(&SecretForms::new()).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn debug_never_shows_secrets() {
        let mut forms = SecretForms::new();
        forms.add(b"hunter22");
        assert!(!format!("{forms:?}").contains("hunter22"));
        let r = Redactor::new(&forms).unwrap();
        assert!(!format!("{r:?}").contains("hunter22"));
    }

    #[test]
    fn replaces_in_a_single_chunk_and_counts() {
        let mut r = redactor(&[b"hunter22"]);
        let mut out = r.feed(b"pw=hunter22; b64=aHVudGVyMjI= end").to_vec();
        assert_eq!(r.redactions(), 2);
        out.extend_from_slice(&r.finish());
        assert_eq!(out, b"pw=[REDACTED]; b64=[REDACTED] end");
    }

    #[test]
    fn matches_across_one_byte_chunks() {
        let input = b"xxhunter22yyhunter2zzhunter22";
        let mut r = redactor(&[b"hunter22"]);
        let cuts: Vec<usize> = (1..input.len()).collect();
        let mut out = streamed(&mut r, input, &cuts);
        out.extend_from_slice(&r.finish());
        assert_eq!(out, b"xx[REDACTED]yyhunter2zz[REDACTED]");
    }

    #[test]
    fn leftmost_longest_prefers_the_longer_form_across_chunks() {
        // "abcd" and "abcdefgh" are both secrets; the longer must win even when the
        // chunk ends right after the shorter.
        let input = b"..abcdefgh..abcd..";
        let mut r = redactor(&[b"abcd", b"abcdefgh"]);
        let mut out = streamed(&mut r, input, &[6]);
        out.extend_from_slice(&r.finish());
        assert_eq!(out, one_shot(&[b"abcd", b"abcdefgh"], input));
        assert_eq!(out, b"..[REDACTED]..[REDACTED]..");
    }

    #[test]
    fn holds_back_at_most_n_minus_one_bytes() {
        let mut r = redactor(&[b"0123456789"]);
        // The longest form is the percent/base64 form; at most longest-1 are held.
        let longest = r.longest;
        let out = r.feed(&[b'x'; 100]);
        assert_eq!(out.len(), 100 - (longest - 1));
        assert_eq!(r.finish().len(), longest - 1);
    }

    #[test]
    fn large_body_without_secrets_passes_through_quickly() {
        let body = vec![b'a'; 1 << 20];
        let mut r = redactor(&[b"some-long-api-token-value"]);
        let started = std::time::Instant::now();
        let mut total = 0;
        for chunk in body.chunks(16 * 1024) {
            total += r.feed(chunk).len();
        }
        total += r.finish().len();
        assert_eq!(total, body.len());
        // Generous even for a debug build on a busy machine: a quadratic rebuffering
        // of 64 chunks of 16 KiB would not get anywhere near it... but a regression to
        // per-byte work would.
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn redacts_header_values_and_keeps_sensitivity() {
        let r = redactor(&[b"tok-12345"]);
        let v = HeaderValue::from_static("<https://x/?t=tok-12345>; rel=next");
        assert_eq!(r.redact_header(&v), "<https://x/?t=[REDACTED]>; rel=next");
        let clean = HeaderValue::from_static("fine");
        assert_eq!(r.redact_header(&clean), "fine");
        assert_eq!(r.redactions(), 1);
        let mut s = HeaderValue::from_static("tok-12345");
        s.set_sensitive(true);
        assert!(r.redact_header(&s).is_sensitive());
    }

    /// A piece of a response body: noise, the secret, or a fragment of it.
    fn pieces(secret: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
        let s = secret.clone();
        let piece = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..8),
            Just(s.clone()),
            (1..s.len()).prop_map({
                let s = s.clone();
                move |n| s[..n].to_vec()
            }),
            (1..s.len()).prop_map(move |n| s[n..].to_vec()),
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|ps| ps.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn streaming_equals_one_shot_for_any_chunking(
            (secret, short, body, cuts) in proptest::collection::vec(
                // No `[` or `]`: a secret overlapping "[REDACTED]" itself could be
                // re-formed by the replacement (see the LIMITATION in the module docs).
                proptest::sample::select(b"abcdefghijklmnopqrstuvwxyz0123456789-_.:/+=".to_vec()),
                5..24,
            )
            .prop_flat_map(|secret| {
                // A second secret that is a prefix of the first: leftmost-longest
                // must prefer the long one even when a chunk ends after the short one.
                let short = (4..secret.len()).prop_map({
                    let s = secret.clone();
                    move |n| s[..n].to_vec()
                });
                let body = pieces(secret.clone());
                (Just(secret), short, body)
            })
            .prop_flat_map(|(secret, short, body)| {
                let len = body.len();
                let cuts = proptest::collection::vec(0..=len, 0..16).prop_map(|mut c| {
                    c.sort_unstable();
                    c
                });
                (Just(secret), Just(short), Just(body), cuts)
            })
        ) {
            let secrets: [&[u8]; 2] = [&short, &secret];
            let mut r = redactor(&secrets);
            let mut out = streamed(&mut r, &body, &cuts);
            out.extend_from_slice(&r.finish());
            prop_assert_eq!(&out, &one_shot(&secrets, &body));
            prop_assert!(!contains(&out, &secret));
            prop_assert!(!contains(&out, &short));
        }

        #[test]
        fn one_byte_chunks_equal_one_shot(
            secret in proptest::collection::vec(b'a'..=b'e', 4..10),
            body in proptest::collection::vec(b'a'..=b'f', 0..200),
        ) {
            let mut r = redactor(&[&secret]);
            let cuts: Vec<usize> = (1..body.len()).collect();
            let mut out = streamed(&mut r, &body, &cuts);
            out.extend_from_slice(&r.finish());
            prop_assert_eq!(&out, &one_shot(&[&secret], &body));
            prop_assert!(!contains(&out, &secret));
        }
    }
}
