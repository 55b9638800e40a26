//! Where security events go (SIEM, SOAR, paging).
//!
//! This crate only defines the boundary: every place that detects something a
//! security team cares about reports it through [`EventSink`]. The default sink
//! writes a `tracing` event; delivering to SIEM/SOAR/paging systems is separate work
//! that implements this trait.

/// Something a security team may want to act on. Carries names and identifiers only,
/// never a secret value or an API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityEvent {
    /// A call named an operation outside the caller's shape.
    OperationDenied {
        key_id: String,
        api: String,
        operation: String,
    },
    /// A call named a secret that does not resolve in the caller's scope.
    UnresolvedReference { key_id: String, reference: String },
    /// The app tried to send its own credential in a place the proxy fills.
    CredentialPlaceDropped { key_id: String, place: String },
    /// An injected secret came back from the upstream and was redacted.
    SecretReflected {
        key_id: String,
        api: String,
        operation: String,
    },
    /// An administrative key tried to act outside its tenant or role.
    AdminForbidden { key_id: String, action: String },
}

pub trait EventSink: Send + Sync {
    fn emit(&self, event: SecurityEvent);
}

/// The default sink: a structured `tracing` warning per event.
pub struct TracingEvents;

impl EventSink for TracingEvents {
    fn emit(&self, event: SecurityEvent) {
        tracing::warn!(target: "poly::security", event = ?event, "security event");
    }
}
