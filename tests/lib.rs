//! End-to-end tests live in this package's test targets (`example.rs`, …); the library
//! is empty. They run against the example in the repository root: `poly.yaml` over
//! `specs/erp.yaml`.
