//! The per-key limit on concurrent calls (`too-many-concurrent-calls`).
//!
//! A compromised app should not be able to exhaust the proxy's connections or an
//! upstream's rate limit for everyone else sharing them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub struct CallLimiter {
    per_key: usize,
    semaphores: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl CallLimiter {
    pub fn new(per_key: usize) -> CallLimiter {
        CallLimiter {
            per_key: per_key.max(1),
            semaphores: Mutex::new(HashMap::new()),
        }
    }

    /// A permit for one call by `key_id`, or `None` when the key is at its limit.
    /// The permit is released when the call's response body has been sent.
    pub fn try_acquire(&self, key_id: &str) -> Option<OwnedSemaphorePermit> {
        let semaphore = {
            let mut map = self
                .semaphores
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            map.entry(key_id.to_owned())
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_key)))
                .clone()
        };
        semaphore.try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_each_key_separately() {
        let limiter = CallLimiter::new(2);
        let a1 = limiter.try_acquire("a");
        let a2 = limiter.try_acquire("a");
        assert!(a1.is_some() && a2.is_some());
        assert!(limiter.try_acquire("a").is_none());
        assert!(limiter.try_acquire("b").is_some());
        drop(a1);
        assert!(limiter.try_acquire("a").is_some());
    }
}
