//! The example scenario, end to end through the model: Northwind exposes its CRM to
//! partners but not manufacturing or the warehouse, and never file transfer, except
//! where the manifest says otherwise.

use std::collections::BTreeSet;
use std::path::Path;

use poly_model::manifest::Binding;
use poly_model::{Manifest, Shape};

fn manifest() -> Manifest {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../poly.yaml");
    Manifest::load(&path).unwrap_or_else(|d| panic!("the example manifest is valid:\n{d}"))
}

fn tags(shape: &Shape) -> BTreeSet<String> {
    shape
        .apis
        .iter()
        .flat_map(|a| a.operations().flat_map(|(_, op)| op.tags.clone()))
        .collect()
}

fn ids(shape: &Shape) -> BTreeSet<String> {
    shape
        .apis
        .iter()
        .flat_map(|a| a.operations().map(|(_, op)| op.id.clone()))
        .collect()
}

#[test]
fn the_example_has_three_tenants_each_in_prod_and_staging() {
    let m = manifest();
    assert!(m.warnings.is_empty(), "{}", m.warnings);
    assert_eq!(m.tenants.len(), 3);
    for t in m.tenants.values() {
        let envs: Vec<&str> = t.environments.keys().map(String::as_str).collect();
        assert_eq!(envs, ["prod", "staging"], "tenant {}", t.name);
    }
    assert!(m.apis["erp"].api.operations.len() >= 40);
}

#[test]
fn crm_only_tenant_reaches_only_crm() {
    let m = manifest();
    for env in ["prod", "staging"] {
        let s = m.shape("acme-crm", env).unwrap();
        assert_eq!(tags(&s), BTreeSet::from(["crm".to_owned()]), "{env}");
        // The schema graph is pruned to what CRM reaches.
        let schemas = &s.apis[0].schemas;
        assert!(schemas.contains("Contact") && schemas.contains("Party"));
        assert!(!schemas.contains("WorkOrder") && !schemas.contains("BomItem"));
    }
    let staging = ids(&m.shape("acme-crm", "staging").unwrap());
    let prod = ids(&m.shape("acme-crm", "prod").unwrap());
    assert!(
        !staging.contains("deleteContact"),
        "staging narrows away deletes"
    );
    assert!(prod.contains("deleteContact"));
}

#[test]
fn crm_and_warehouse_tenant_never_reaches_files_or_manufacturing() {
    let m = manifest();
    for env in ["prod", "staging"] {
        let s = m.shape("globex-logistics", env).unwrap();
        assert_eq!(
            tags(&s),
            BTreeSet::from(["crm".to_owned(), "warehouse".to_owned()]),
            "{env}"
        );
    }
}

#[test]
fn everything_but_upload_tenant_cannot_upload() {
    let m = manifest();
    let prod = ids(&m.shape("initech-ops", "prod").unwrap());
    let all: BTreeSet<String> = m.apis["erp"]
        .api
        .operations
        .iter()
        .map(|o| o.id.clone())
        .collect();
    let missing: Vec<&String> = all.difference(&prod).collect();
    assert_eq!(missing, ["uploadFile", "uploadFileMultipart"]);
    assert!(prod.contains("downloadFile"));
}

#[test]
fn bindings_pins_and_slots_reach_the_shape() {
    let m = manifest();
    let s = m.shape("acme-crm", "prod").unwrap();
    let api = &s.apis[0];

    let (list, _) = api.operation("listContacts").unwrap();
    assert_eq!(list.security.len(), 1);
    assert_eq!(
        list.security[0].binding,
        Binding::Config {
            secret: "erp-api-key".into()
        }
    );
    assert_eq!(list.pinned[0].value, "1001", "prod's company id is pinned");

    let (hook, _) = api.operation("createWebhookSubscription").unwrap();
    assert_eq!(
        hook.reference_schemes()
            .map(|b| b.scheme.as_str())
            .collect::<Vec<_>>(),
        ["OAuth2"]
    );
    assert_eq!(hook.slots[0].name, "webhook_signing_secret");

    let staging = m.shape("acme-crm", "staging").unwrap();
    let (list, _) = staging.apis[0].operation("listContacts").unwrap();
    assert_eq!(list.pinned[0].value, "9001");
    assert_eq!(
        staging.apis[0].upstream.as_str(),
        "https://staging.erp.northwind.example/api/v2"
    );
}
