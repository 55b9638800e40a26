//! One call through the proxy (`docs/protocol.md`): from the app's call query to the
//! upstream request, and from the upstream response back to the app.
//!
//! Everything here is pure and synchronous: no sockets, no store. The server wires
//! these steps together in the order of protocol §9.2:
//!
//! 1. [`query::parse_call_query`]: the call-query grammar (§4.1);
//! 2. [`plan::plan`]: validation against the description and the shape (§4.2, §5);
//! 3. [`upstream::check_body`]: media type and declared length (§6);
//! 4. [`upstream::build_request`] and [`upstream::fill_body_slot`]: the upstream
//!    request, with secrets injected (§4.3, §5.3, §7);
//! 5. [`response::filter_response_headers`] and [`redact::Redactor`]: the upstream
//!    response on its way back (§8).

pub mod plan;
pub mod query;
pub mod redact;
pub mod response;
pub mod upstream;

#[cfg(test)]
mod erp_fixture;
