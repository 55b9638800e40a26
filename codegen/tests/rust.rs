//! The Rust generator: snapshots of what it writes for each schema and body feature,
//! determinism, and pruning to what the shape reaches.

use std::path::Path;

use poly_codegen::{Language, Output, Plan};

fn generate(spec: &str) -> Output {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rust")
        .join(spec);
    let plan = Plan::from_spec(&path, &[Language::Rust]).unwrap_or_else(|d| panic!("{d}"));
    plan.render().unwrap_or_else(|e| panic!("{e}"))
}

fn file<'a>(out: &'a Output, name: &str) -> &'a str {
    out.files()
        .find(|(p, _)| p.ends_with(name))
        .map(|(_, c)| c)
        .unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                out.files().map(|(p, _)| p).collect::<Vec<_>>()
            )
        })
}

#[test]
fn snapshots_of_every_generated_file() {
    let out = generate("features.yaml");
    for (path, contents) in out.files() {
        let name = path.to_string_lossy().replace(['/', '.'], "_");
        insta::assert_snapshot!(name, contents);
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(generate("features.yaml"), generate("features.yaml"));
}

#[test]
fn features_are_rendered_as_designed() {
    let out = generate("features.yaml");
    let types = file(&out, "src/types.rs");

    // Unreachable schemas are pruned.
    assert!(!types.contains("pub struct Unused"), "{types}");
    // Enums survive unknown values.
    assert!(types.contains("Unknown(String)"));
    // A tagged union renames by mapping, and its members lose the tag field.
    assert!(types.contains("#[serde(tag = \"species\")]"));
    assert!(types.contains("#[serde(rename = \"dog\")]"));
    // Untagged unions list the richest object first.
    let size = &types[types.find("pub enum Size").unwrap()..];
    let object_at = size.find("SizeVariant3").unwrap();
    assert!(object_at < size.find("Number(f64)").unwrap(), "{size}");
    // Recursion is boxed where it is direct, not inside a Vec.
    assert!(
        types.contains("Option<Box<super::types::Owner>>"),
        "{types}"
    );
    assert!(
        types.contains("Option<Vec<super::types::Owner>>"),
        "{types}"
    );
    // allOf merges the properties of its members.
    let pet = &types[types.find("pub struct Pet ").unwrap()..];
    assert!(
        pet.contains("pub created_at: ::chrono::DateTime<::chrono::Utc>"),
        "{pet}"
    );
    assert!(pet.contains("pub name: String"));
    // Optional + nullable keeps absent and null apart.
    assert!(types.contains("pub nickname: Option<Option<String>>"));
    // Keywords are escaped; wire names kept.
    assert!(
        types.contains("#[serde(rename = \"type\")]")
            && types.contains("pub type_: Option<String>")
    );
    // Maps and formats.
    assert!(types.contains("::std::collections::BTreeMap<String, String>"));
    assert!(types.contains("::uuid::Uuid") && types.contains("::chrono::NaiveDate"));

    let pets = file(&out, "src/pets.rs");
    assert!(pets.contains("#[deprecated]"));
    assert!(
        pets.contains("```text"),
        "code blocks in descriptions do not become doctests"
    );
    assert!(
        pets.contains("CreatePetResponse"),
        "two success types become an enum"
    );
    assert!(pets.contains("400..=499"), "4XX becomes a range");
    let files = file(&out, "src/files.rs");
    assert!(files.contains("body: ::poly_runtime::Body"));
    assert!(files.contains("body: ::poly_runtime::Multipart"));
    assert!(
        files.contains("Result<::poly_runtime::Response"),
        "downloads hand back the stream"
    );
}
