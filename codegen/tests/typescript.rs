//! The TypeScript generator: snapshots of the code it writes for each type feature
//! (fixtures in `fixtures/typescript/`), determinism, and what a shape leaves out.
//!
//! Review snapshot changes with `cargo insta review`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use poly_codegen::typescript::TypeScriptGenerator;
use poly_codegen::{Generator, Output};
use poly_model::{openapi, Manifest, Shape};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/typescript")
        .join(name)
}

/// The SDK of one fixture description, every operation allowed (as `--spec` does).
fn generate_spec(name: &str) -> Output {
    let loaded = openapi::load(&fixture(name)).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let upstream = url::Url::parse("https://api.example/").unwrap();
    let shape = Shape::unrestricted("fixture", Arc::new(loaded.api), upstream);
    let mut out = Output::default();
    TypeScriptGenerator
        .generate(&shape, Path::new("sdk"), &mut out)
        .unwrap();
    out
}

fn file<'o>(out: &'o Output, path: &str) -> &'o str {
    let want = Path::new("sdk").join(path);
    out.files()
        .find(|(p, _)| *p == want)
        .map(|(_, c)| c)
        .unwrap_or_else(|| {
            let all: Vec<_> = out.files().map(|(p, _)| p.display().to_string()).collect();
            panic!("no {path} among {all:?}")
        })
}

fn example_manifest() -> Manifest {
    Manifest::load(&root().join("poly.yaml")).expect("the example manifest loads")
}

/// Every SDK of the example manifest, under `<tenant>-<env>/typescript`.
fn generate_examples(manifest: &Manifest) -> Output {
    let mut out = Output::default();
    for (tenant, env) in manifest.targets() {
        let shape = manifest.shape(&tenant, &env).unwrap();
        let dir = PathBuf::from(format!("{tenant}-{env}")).join("typescript");
        TypeScriptGenerator
            .generate(&shape, &dir, &mut out)
            .unwrap();
    }
    out
}

#[test]
fn objects_required_optional_nullable_nested_arrays() {
    let out = generate_spec("objects.yaml");
    insta::assert_snapshot!("objects_models", file(&out, "src/fixture/models.ts"));
    insta::assert_snapshot!("objects_index", file(&out, "src/fixture/index.ts"));
}

#[test]
fn enums_are_literal_unions() {
    let out = generate_spec("enums.yaml");
    insta::assert_snapshot!("enums_models", file(&out, "src/fixture/models.ts"));
    insta::assert_snapshot!("enums_index", file(&out, "src/fixture/index.ts"));
}

#[test]
fn one_of_any_of_all_of_and_discriminators() {
    let out = generate_spec("unions.yaml");
    insta::assert_snapshot!("unions_models", file(&out, "src/fixture/models.ts"));
}

#[test]
fn maps_are_records() {
    let out = generate_spec("maps.yaml");
    insta::assert_snapshot!("maps_models", file(&out, "src/fixture/models.ts"));
}

#[test]
fn recursive_types_stay_valid() {
    let out = generate_spec("recursion.yaml");
    insta::assert_snapshot!("recursion_models", file(&out, "src/fixture/models.ts"));
    insta::assert_snapshot!("recursion_index", file(&out, "src/fixture/index.ts"));
}

#[test]
fn binary_goes_up_as_binary_and_comes_back_as_a_stream() {
    let out = generate_spec("binary.yaml");
    insta::assert_snapshot!("binary_index", file(&out, "src/fixture/index.ts"));
    insta::assert_snapshot!("binary_models", file(&out, "src/fixture/models.ts"));
}

#[test]
fn deprecation_and_doc_escaping() {
    let out = generate_spec("docs.yaml");
    let models = file(&out, "src/fixture/models.ts");
    let index = file(&out, "src/fixture/index.ts");
    insta::assert_snapshot!("docs_models", models);
    insta::assert_snapshot!("docs_index", index);
    for text in [models, index, file(&out, "src/fixture/errors.ts")] {
        assert!(!text.contains("*/ console"), "{text}");
        assert!(!text.contains("*/ export const pwned"), "{text}");
        assert!(!text.contains("*/ for good"), "{text}");
    }
}

#[test]
fn keywords_invalid_characters_and_collisions() {
    let out = generate_spec("names.yaml");
    insta::assert_snapshot!("names_models", file(&out, "src/fixture/models.ts"));
    insta::assert_snapshot!("names_class", file(&out, "src/fixture/class.ts"));
    insta::assert_snapshot!("names_pet_store", file(&out, "src/fixture/petStore.ts"));
    insta::assert_snapshot!("names_index", file(&out, "src/fixture/index.ts"));
}

#[test]
fn secret_references_replace_by_reference_credentials() {
    let out = generate_spec("security.yaml");
    insta::assert_snapshot!("security_index", file(&out, "src/fixture/index.ts"));
    insta::assert_snapshot!("security_client", file(&out, "src/client.ts"));
}

#[test]
fn the_package_layout() {
    let out = generate_spec("binary.yaml");
    let paths: Vec<String> = out.files().map(|(p, _)| p.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "sdk/README.md",
            "sdk/package.json",
            "sdk/src/client.ts",
            "sdk/src/fixture/errors.ts",
            "sdk/src/fixture/index.ts",
            "sdk/src/fixture/models.ts",
            "sdk/src/index.ts",
            "sdk/src/runtime.ts",
            "sdk/tsconfig.json",
        ]
    );
    insta::assert_snapshot!("package_json", file(&out, "package.json"));
    insta::assert_snapshot!("package_index", file(&out, "src/index.ts"));
    assert_eq!(
        file(&out, "src/runtime.ts"),
        include_str!("../../templates/typescript/runtime.ts")
    );
}

#[test]
fn output_is_deterministic() {
    let first = generate_examples(&example_manifest());
    let second = generate_examples(&example_manifest());
    assert!(first.len() > 40, "{} files", first.len());
    assert_eq!(first, second, "the same input gives the same bytes");
    for name in [
        "objects.yaml",
        "unions.yaml",
        "names.yaml",
        "recursion.yaml",
    ] {
        assert_eq!(generate_spec(name), generate_spec(name), "{name}");
    }
}

#[test]
fn denied_operations_pinned_parameters_and_bound_schemes_are_absent() {
    let manifest = example_manifest();
    let shape = manifest.shape("acme-crm", "prod").unwrap();
    let mut out = Output::default();
    TypeScriptGenerator
        .generate(&shape, Path::new("acme"), &mut out)
        .unwrap();
    let sources: String = out
        .files()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "ts"))
        .filter(|(p, _)| !p.ends_with("runtime.ts"))
        .map(|(_, c)| c)
        .collect();
    for denied in [
        "createWorkOrder",
        "uploadFile",
        "uploadFileMultipart",
        "listStockItems",
        "lookupContactByEmail",
    ] {
        assert!(
            !sources.contains(denied),
            "{denied} is not in acme-crm's shape"
        );
    }
    assert!(sources.contains("async createContact("));
    // Only the schemas the allowed operations reach.
    let models = out
        .files()
        .find(|(p, _)| p.ends_with("erp/models.ts"))
        .map(|(_, c)| c)
        .unwrap();
    for unreachable in ["WorkOrder", "StockItem", "FileMetadata", "PickList"] {
        assert!(
            !models.contains(&format!("export interface {unreachable} ")),
            "{unreachable} is not reachable from acme-crm's operations"
        );
    }
    assert!(models.contains("export interface Contact {"));
    // X-Company-Id is pinned, ApiKeyAuth is bound by configuration.
    assert!(!sources.contains("X-Company-Id"));
    assert!(!sources.contains("xCompanyId"));
    assert!(!sources.contains("ApiKeyAuth"));
    // OAuth2 is bound by reference for acme-crm …
    assert!(sources.contains("secrets?: { OAuth2?: SecretRef }"));
    // … and by configuration for initech-ops, whose SDK never mentions a secret.
    let shape = manifest.shape("initech-ops", "prod").unwrap();
    let mut out = Output::default();
    TypeScriptGenerator
        .generate(&shape, Path::new("initech"), &mut out)
        .unwrap();
    let initech: String = out
        .files()
        .filter(|(p, _)| !p.ends_with("runtime.ts"))
        .map(|(_, c)| c)
        .collect();
    assert!(!initech.contains("OAuth2?: SecretRef"));
    assert!(initech.contains("webhook_signing_secret?: SecretRef"));
    assert!(!initech.contains("uploadFile"));
    assert!(initech.contains("async createWorkOrder("));
    // Staging narrows further.
    let staging = manifest.shape("acme-crm", "staging").unwrap();
    let mut out = Output::default();
    TypeScriptGenerator
        .generate(&staging, Path::new("s"), &mut out)
        .unwrap();
    assert!(!out.files().any(|(_, c)| c.contains("deleteContact")));
}

#[test]
fn several_apis_get_one_property_each() {
    let manifest = Manifest::load(&fixture("multi.yaml")).expect("multi.yaml loads");
    let shape = manifest.shape("zoo", "prod").unwrap();
    let mut out = Output::default();
    TypeScriptGenerator
        .generate(&shape, Path::new("sdk"), &mut out)
        .unwrap();
    insta::assert_snapshot!("multi_index", file(&out, "src/index.ts"));
    insta::assert_snapshot!("multi_client", file(&out, "src/client.ts"));
    let files = file(&out, "src/files/index.ts");
    assert!(files.contains("async uploadFile("));
    assert!(files.contains("async putNote("));
    assert!(!files.contains("downloadFile"), "denied");
    assert!(!files.contains("uploadForm"), "not allowed");
}

#[test]
fn generated_examples_are_up_to_date() {
    let out = generate_examples(&example_manifest());
    let drift = out.drift(&root().join("generated-examples"));
    assert!(
        drift.is_empty(),
        "regenerate with `cargo run -p poly-codegen -- generate --manifest poly.yaml \
         --lang typescript --out generated-examples`: {drift:?}"
    );
}
