//! The vault-backed proxy. Being built: see ARCHITECTURE.md for what it will enforce.
//! It depends on `poly-model` so that it enforces the same `Shape` codegen generates.

pub use poly_model::Api;
