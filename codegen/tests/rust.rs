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
    // A tagged union's members keep their tag field, so they serialise it standalone;
    // the union chooses its variant by every mapping value and writes the first.
    let dog = &types[types.find("pub struct Dog ").unwrap()..];
    assert!(dog.contains("pub species: String"), "{dog}");
    assert!(types.contains("\"dog\" | \"puppy\" => ::serde_json::from_value(value).map(Self::Dog)"));
    assert!(types.contains("serialize_tagged(serializer, \"species\", \"dog\", member)"));
    assert!(types.contains("Unknown(::serde_json::Value)"));
    assert!(!types.contains("#[serde(tag ="), "{types}");
    // Defaults fill absent fields (documented), yet `None` is still not sent.
    assert!(types.contains("/// Defaults to `false` when absent."));
    assert!(types.contains("default = \"default_new_pet_vaccinated\""));
    assert!(types.contains("fn default_new_pet_vaccinated() -> Option<bool> {\n    Some(false)\n}"));
    assert!(
        types.contains("Some(super::types::PetStatus::Available)"),
        "{types}"
    );
    assert!(types.contains("Some(super::types::NewPetCollarColor::Blue)"));
    assert!(types.contains("Some(-1)") && types.contains("Some(0.5)"));
    assert!(types.contains("Some(Some(\"brown\".to_owned()))"));
    // `format: byte` is base64 bytes, with the type generated once into the SDK.
    assert!(types.contains("pub photo: Option<super::types::Base64Bytes>"));
    assert!(types.contains("pub thumbnails: Option<Vec<super::types::Base64Bytes>>"));
    assert_eq!(
        types
            .matches("pub struct Base64Bytes(pub Vec<u8>);")
            .count(),
        1
    );
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
    // Several request media types: a body enum with one variant per media type.
    assert!(
        pets.contains("pub fn create_pet(&self, body: CreatePetBody)"),
        "{pets}"
    );
    assert!(pets.contains("CreatePetBody::Form(body) => call.form(&body)"));
    assert!(pets.contains("pub fn body(mut self, body: AnnotatePetBody) -> Self"));
    for variant in [
        "Json(super::types::Note)",
        "MergePatchJson(super::types::Note)",
        "TextPlain(::poly_runtime::Body)",
        "Multipart(::poly_runtime::Multipart)",
    ] {
        assert!(pets.contains(variant), "{variant}: {pets}");
    }
    // A `+json` media type is sent as itself: the proxy accepts only declared types.
    assert!(pets.contains("call.body(\"application/merge-patch+json\", bytes.into())"));
    // Parameter defaults are documented.
    assert!(pets.contains("/// Defaults to `20` when not set."));
    let files = file(&out, "src/files.rs");
    assert!(files.contains("body: ::poly_runtime::Body"));
    assert!(files.contains("body: ::poly_runtime::Multipart"));
    assert!(
        files.contains("Result<::poly_runtime::Response"),
        "downloads hand back the stream"
    );
}
