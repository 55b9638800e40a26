//! The vault-backed proxy: authenticates apps, enforces the manifest, injects secrets.
//!
//! Start reading at [`server::router`] (the HTTP surface) and [`exchange::call`]
//! (one call, in the order of `docs/protocol.md` §9.2). The pure parts of a call
//! (query grammar, validation, URL building, redaction) are in [`call`]; persistent
//! state (keys, secrets, audit) is the `poly-vault` crate. It depends on
//! `poly-model` so that it admits exactly the `Shape` codegen generates.

pub mod admin;
pub mod auth;
pub mod call;
pub mod cli;
pub mod concurrency;
pub mod config;
pub mod egress;
pub mod events;
pub mod exchange;
pub mod metrics;
pub mod problem;
pub mod server;
pub mod state;
pub mod tokens;
