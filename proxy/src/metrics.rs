//! Prometheus metrics, served at `/metrics`.
//!
//! Labels hold names only (tenant, environment, API, operation, outcome), never a
//! secret, a reference value or a key.

use std::sync::Mutex;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct CallLabels {
    pub tenant: String,
    pub environment: String,
    pub api: String,
    pub operation: String,
    /// The upstream status (`200`) or the problem slug (`operation-denied`).
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct AdminLabels {
    pub action: String,
    pub outcome: String,
}

pub struct Metrics {
    registry: Mutex<Registry>,
    pub calls: Family<CallLabels, Counter>,
    pub call_seconds: Family<CallLabels, Histogram>,
    pub admin_actions: Family<AdminLabels, Counter>,
    pub in_flight: Gauge,
    pub redactions: Counter,
}

impl Metrics {
    pub fn new() -> Metrics {
        let calls = Family::<CallLabels, Counter>::default();
        let call_seconds = Family::<CallLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 16))
        });
        let admin_actions = Family::<AdminLabels, Counter>::default();
        let in_flight = Gauge::default();
        let redactions = Counter::default();
        let mut registry = Registry::with_prefix("poly_proxy");
        registry.register("calls", "Calls by outcome", calls.clone());
        registry.register(
            "call_duration_seconds",
            "Time from receiving a call to sending its response head",
            call_seconds.clone(),
        );
        registry.register("admin_actions", "Admin API actions", admin_actions.clone());
        registry.register(
            "calls_in_flight",
            "Calls being processed",
            in_flight.clone(),
        );
        registry.register(
            "redactions",
            "Responses in which an injected secret was redacted",
            redactions.clone(),
        );
        Metrics {
            registry: Mutex::new(registry),
            calls,
            call_seconds,
            admin_actions,
            in_flight,
            redactions,
        }
    }

    /// The OpenMetrics text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let registry = self
            .registry
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Encoding into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &registry);
        out
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}
