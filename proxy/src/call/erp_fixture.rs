//! The Northwind ERP example (`specs/erp.yaml`, `poly.yaml`) that the protocol's wire
//! examples (§12) use, loaded once for the unit tests of this module.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use poly_model::shape::{ShapedApi, ShapedOperation};
use poly_model::{Manifest, Operation, Shape};
use url::Url;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// Tenant `acme-crm` in `prod`: `ApiKeyAuth` bound by configuration, `OAuth2` by
/// reference, `header.X-Company-Id` pinned, slots on `createWebhookSubscription`
/// (body `/signingSecret`) and `connectMailbox` (`header.X-Mailbox-Password`).
pub(crate) fn acme() -> &'static ShapedApi {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        let manifest = Manifest::load(&Path::new(ROOT).join("poly.yaml"))
            .unwrap_or_else(|d| panic!("poly.yaml loads: {d:?}"));
        manifest
            .shape("acme-crm", "prod")
            .unwrap_or_else(|d| panic!("acme-crm/prod shapes: {d:?}"))
    });
    shape.api("erp").expect("acme-crm uses erp")
}

/// The whole description, every scheme bound by reference, nothing pinned.
pub(crate) fn unrestricted() -> &'static ShapedApi {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        let api = Arc::clone(&acme().api);
        let upstream = Url::parse("https://erp.northwind.example/api/v2").expect("url");
        Shape::unrestricted("erp", api, upstream)
    });
    &shape.apis[0]
}

pub(crate) fn op<'a>(api: &'a ShapedApi, id: &str) -> (&'a ShapedOperation, &'a Operation) {
    api.operation(id)
        .unwrap_or_else(|| panic!("operation {id} is in the shape"))
}
