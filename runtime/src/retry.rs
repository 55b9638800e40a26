//! When to try a call again, and how long to wait first (protocol §11).

use std::time::{Duration, SystemTime};

use rand::Rng;

/// How often and how patiently a call is retried.
///
/// Retries only ever happen in the cases protocol §11 lists; this policy bounds them.
/// The call's deadline bounds them too: a retry whose wait would end after the
/// deadline is not made, and the last answer is returned instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total, the first one included. `0` is treated as `1`.
    pub max_attempts: u32,
    /// The backoff cap before the first retry; it doubles for each further retry.
    pub base_delay: Duration,
    /// The backoff cap never grows beyond this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// The protocol's defaults: 3 attempts, 100 ms base, 10 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// One attempt only, e.g. for callers that run their own retry loop.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts.max(1)
    }

    /// Full jitter: a uniform wait in `[0, min(max_delay, base_delay * 2^(retry-1))]`
    /// so that many clients failing together do not retry in lockstep.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let cap = self
            .base_delay
            .checked_mul(
                1u32.checked_shl(retry.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .unwrap_or(Duration::MAX)
            .min(self.max_delay);
        let cap_nanos = u64::try_from(cap.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(rand::rng().random_range(0..=cap_nanos))
    }
}

/// Who produced a response, per its `Poly-Origin` header (protocol §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Proxy,
    Upstream,
    /// No (or an unknown) marker: something in front of the proxy answered, and its
    /// status must not be mistaken for the upstream's.
    Unmarked,
}

impl Origin {
    pub(crate) fn of(headers: &http::HeaderMap) -> Origin {
        match headers.get("poly-origin").and_then(|v| v.to_str().ok()) {
            Some(v) if v.trim().eq_ignore_ascii_case("proxy") => Origin::Proxy,
            Some(v) if v.trim().eq_ignore_ascii_case("upstream") => Origin::Upstream,
            _ => Origin::Unmarked,
        }
    }
}

/// The table of protocol §11. Non-idempotent calls are only retried when the server
/// said, with `Retry-After`, that it did not act on the request and when to come back.
pub(crate) fn is_retryable_status(
    origin: Origin,
    status: u16,
    idempotent: bool,
    has_retry_after: bool,
) -> bool {
    match origin {
        Origin::Unmarked => false,
        _ if matches!(status, 429 | 503) && has_retry_after => true,
        Origin::Proxy => idempotent && matches!(status, 502..=504),
        Origin::Upstream => idempotent && status == 503,
    }
}

/// `Retry-After` as delay-seconds or as an HTTP date; a date in the past means "now".
/// Anything unparsable counts as absent, as the protocol only honours valid values.
pub(crate) fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse::<u64>().ok().map(Duration::from_secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn backoff_stays_within_the_full_jitter_window() {
        let policy = RetryPolicy::default();
        for retry in 1..=12 {
            let cap = Duration::from_millis(100 * 2u64.pow(retry - 1)).min(Duration::from_secs(10));
            for _ in 0..200 {
                assert!(policy.backoff(retry) <= cap);
            }
        }
        // Jitter really is random, not always the cap or zero.
        let samples: std::collections::HashSet<_> = (0..50).map(|_| policy.backoff(3)).collect();
        assert!(samples.len() > 10);
        // Huge retry numbers and delays saturate instead of overflowing.
        let wild = RetryPolicy {
            max_attempts: u32::MAX,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
        };
        let _ = wild.backoff(u32::MAX);
        assert_eq!(RetryPolicy::none().attempts(), 1);
        assert_eq!(
            RetryPolicy {
                max_attempts: 0,
                ..RetryPolicy::default()
            }
            .attempts(),
            1
        );
    }

    #[test]
    fn retry_table() {
        use Origin::*;
        let cases = [
            // origin, status, idempotent, retry-after, expected
            (Proxy, 502, true, false, true),
            (Proxy, 503, true, false, true),
            (Proxy, 504, true, false, true),
            (Proxy, 502, false, false, false),
            (Proxy, 500, true, false, false),
            (Proxy, 429, false, true, true),
            (Proxy, 429, true, false, false),
            (Proxy, 503, false, true, true),
            (Upstream, 503, true, false, true),
            (Upstream, 503, false, false, false),
            (Upstream, 503, false, true, true),
            (Upstream, 429, false, true, true),
            (Upstream, 502, true, false, false),
            (Upstream, 504, true, true, false),
            (Unmarked, 503, true, true, false),
            (Unmarked, 429, true, true, false),
        ];
        for (origin, status, idem, ra, want) in cases {
            assert_eq!(
                is_retryable_status(origin, status, idem, ra),
                want,
                "{origin:?} {status} idempotent={idem} retry-after={ra}"
            );
        }
    }

    #[test]
    fn parses_retry_after() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("retry-after", HeaderValue::from_str(v).expect("test value"));
            retry_after(&h, now)
        };
        assert_eq!(with("1"), Some(Duration::from_secs(1)));
        assert_eq!(with(" 0 "), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(with(&later), Some(Duration::from_secs(30)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(with(&earlier), Some(Duration::ZERO));
        for bad in ["-1", "1.5", "soon", "", "99999999999999999999999"] {
            assert_eq!(with(bad), None, "{bad:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn origin_marker() {
        let with = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert("poly-origin", HeaderValue::from_str(v).expect("test value"));
            Origin::of(&h)
        };
        assert_eq!(with("proxy"), Origin::Proxy);
        assert_eq!(with("upstream"), Origin::Upstream);
        assert_eq!(with("elsewhere"), Origin::Unmarked);
        assert_eq!(Origin::of(&HeaderMap::new()), Origin::Unmarked);
    }
}
