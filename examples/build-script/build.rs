//! Generates acme-crm's SDK for the environment in `POLY_ENV` (default: prod) from the
//! example manifest, into OUT_DIR. A broken manifest fails the build with its
//! diagnostics (file:line:column).

fn main() {
    let environment = std::env::var("POLY_ENV").unwrap_or_else(|_| "prod".to_owned());
    if let Err(e) = poly_codegen::build::RustSdk::new("../../poly.yaml")
        .tenant("acme-crm")
        .environment(environment)
        .module("erp")
        .generate()
    {
        panic!("cannot generate the ERP SDK:\n{e}");
    }
}
