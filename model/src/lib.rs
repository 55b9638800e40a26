//! The one model of Poly: API descriptions, the shaping manifest, and the [`Shape`] a
//! tenant and environment resolve to.
//!
//! Codegen and the proxy both depend on this crate and nothing else decides what a
//! tenant may call: the proxy enforces exactly what codegen shaped because they run
//! the same code. Start reading at [`manifest::Manifest::load`] and [`Shape`].

pub mod api;
pub mod diagnostic;
pub mod manifest;
pub mod openapi;
pub mod pointer;
pub mod shape;
pub mod source;

pub use api::{Api, Method, Operation, Parameter, ParameterLocation, SecurityScheme};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use manifest::Manifest;
pub use shape::Shape;

pub use source::Source;
