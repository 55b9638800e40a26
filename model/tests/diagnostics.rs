//! Snapshot tests of the diagnostics for broken manifests and broken API descriptions.
//!
//! Every fixture under `tests/fixtures/manifests/` and `tests/fixtures/descriptions/` is
//! discovered by reading the directory (sorted), so a new fixture is picked up without
//! touching this file. Each one is loaded, and its rendered diagnostics are pinned in
//! `tests/snapshots/diagnostics__<kind>-<fixture>.snap`.
//!
//! A fixture states what it is about in its own text:
//!
//! - `# expect: <code>` (or `"x-expect": "<code>"` in JSON): loading fails, and an
//!   error with that code is among the diagnostics;
//! - `# expect-warning: <code>`: loading succeeds, with a warning of that code;
//! - `# expect-file: <name>` (or `"x-expect-file"`): the expected diagnostic names a
//!   file whose name is `<name>` (for multi-file descriptions).
//!
//! A description fixture is either a file, or a directory holding `root.yaml` or
//! `root.json` and the files it refers to. Fixtures under `valid/` must load.
//!
//! Whatever a fixture expects, the diagnostic it is about must have a non-empty
//! message, a line and column, and a hint.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use poly_model::api::{schema_ref_name, Api, SpecVersion};
use poly_model::diagnostic::Severity;
use poly_model::{openapi, Diagnostic, Diagnostics, Manifest, ParameterLocation};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Replaces the machine-specific prefixes of paths with fixed tokens, so snapshots do
/// not depend on where the repository is checked out: the fixture directory becomes
/// `<fixtures>` and the workspace root `<workspace>`. Both the path as given and its
/// canonical form (which the description loader reports) are replaced.
fn stable(text: &str) -> String {
    let fixtures = fixtures_dir();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crate lives in a workspace")
        .to_path_buf();
    let mut out = text.to_owned();
    for (dir, token) in [(fixtures, "<fixtures>"), (workspace, "<workspace>")] {
        let mut forms = vec![dir.display().to_string()];
        if let Ok(canonical) = dir.canonicalize() {
            forms.push(canonical.display().to_string());
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        for form in forms {
            out = out.replace(&form, token);
        }
    }
    out
}

/// What a fixture says it is about.
#[derive(Debug, Default)]
struct Expect {
    code: Option<String>,
    warning: bool,
    file: Option<String>,
}

/// Reads `expect:`, `expect-warning:` and `expect-file:` from YAML comments or from
/// `x-`-prefixed members of a JSON document, by scanning the text (the document may
/// not parse: that is often the point).
fn expectations(path: &Path) -> Expect {
    let bytes = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let mut expect = Expect::default();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('#').trim().replace('"', "");
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_end_matches(',').trim().to_owned();
        match key.trim().trim_start_matches("x-") {
            "expect" => expect.code = Some(value),
            "expect-warning" => {
                expect.code = Some(value);
                expect.warning = true;
            }
            "expect-file" => expect.file = Some(value),
            _ => {}
        }
    }
    expect
}

/// Files and directories directly in `dir`, sorted, without `valid/`.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "valid"))
        .collect();
    out.sort();
    out
}

/// The document to load for a description fixture: the file, or a directory's root.
fn root_of(entry: &Path) -> PathBuf {
    if entry.is_dir() {
        ["root.yaml", "root.json"]
            .iter()
            .map(|n| entry.join(n))
            .find(|p| p.is_file())
            .unwrap_or_else(|| panic!("{} has no root.yaml or root.json", entry.display()))
    } else {
        entry.to_path_buf()
    }
}

fn stem(entry: &Path) -> String {
    let name = entry.file_name().unwrap().to_string_lossy().into_owned();
    match name.rsplit_once('.') {
        Some((stem, _)) if entry.is_file() => stem.to_owned(),
        _ => name,
    }
}

/// A diagnostic a reader can act on: why, where, and what to do.
fn is_actionable(d: &Diagnostic) -> bool {
    !d.message.trim().is_empty() && d.location.is_some() && d.hint.is_some()
}

/// Checks the outcome of loading one fixture against what it expects. Returns the
/// text to snapshot and the problems found.
fn judge<T>(
    result: &Result<T, Diagnostics>,
    warnings: impl Fn(&T) -> &Diagnostics,
    expect: &Expect,
) -> (String, Vec<String>) {
    let mut problems = Vec::new();
    let (diagnostics, rendered) = match result {
        Err(d) => (d, stable(&d.to_string())),
        Ok(value) => {
            let w = warnings(value);
            let text = if expect.warning {
                stable(&w.to_string())
            } else {
                problems.push("loaded without errors".to_owned());
                format!(
                    "LOADED WITHOUT ERRORS; warnings:\n{}",
                    stable(&w.to_string())
                )
            };
            (w, text)
        }
    };
    if expect.warning && result.is_err() {
        problems.push("failed to load; the fixture expects only a warning".to_owned());
    }
    let severity = if expect.warning {
        Severity::Warning
    } else {
        Severity::Error
    };
    let relevant: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .collect();
    if !relevant.iter().any(|d| is_actionable(d)) {
        problems.push(format!(
            "no {severity:?} has a message, a location and a hint"
        ));
    }
    match &expect.code {
        None => problems.push("the fixture declares no `expect:` code".to_owned()),
        Some(code) => {
            let with_code: Vec<&&Diagnostic> = relevant
                .iter()
                .filter(|d| d.code == code.as_str())
                .collect();
            if with_code.is_empty() {
                let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
                problems.push(format!(
                    "expected a {severity:?} `{code}`, got [{}]",
                    codes.join(", ")
                ));
            } else if !with_code.iter().any(|d| is_actionable(d)) {
                problems.push(format!("`{code}` lacks a message, a location or a hint"));
            }
            if let Some(file) = &expect.file {
                let names_file = with_code
                    .iter()
                    .any(|d| d.file.file_name().is_some_and(|n| n == file.as_str()));
                if !names_file {
                    problems.push(format!("no `{code}` names the file `{file}`"));
                }
            }
        }
    }
    (rendered, problems)
}

fn snapshot(name: &str, description: String, rendered: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(description);
    settings.set_omit_expression(true);
    settings.set_prepend_module_to_snapshot(true);
    settings.bind(|| insta::assert_snapshot!(name, rendered));
}

/// Runs `check` on every entry, reporting every failing fixture at the end rather than
/// stopping at the first.
fn for_each_fixture(kind: &str, dir: &Path, check: impl Fn(&Path) -> Vec<String>) {
    let all = entries(dir);
    assert!(!all.is_empty(), "no fixtures in {}", dir.display());
    let mut failures = Vec::new();
    for entry in &all {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        match catch_unwind(AssertUnwindSafe(|| check(entry))) {
            Ok(problems) if problems.is_empty() => {}
            Ok(problems) => failures.push(format!("{kind}/{name}: {}", problems.join("; "))),
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let first = why.lines().next().unwrap_or("").to_owned();
                failures.push(format!("{kind}/{name}: panicked: {first}"));
            }
        }
    }
    println!("{} {kind} fixtures checked", all.len());
    assert!(
        failures.is_empty(),
        "{} of {} {kind} fixtures failed:\n  {}",
        failures.len(),
        all.len(),
        failures.join("\n  ")
    );
}

#[test]
fn broken_manifests() {
    let dir = fixtures_dir().join("manifests");
    for_each_fixture("manifests", &dir, |path| {
        let expect = expectations(path);
        let result = Manifest::load(path);
        let (rendered, problems) = judge(&result, |m: &Manifest| &m.warnings, &expect);
        snapshot(
            &format!("manifest-{}", stem(path)),
            format!("manifests/{}", path.file_name().unwrap().to_string_lossy()),
            &rendered,
        );
        problems
    });
}

#[test]
fn broken_descriptions() {
    let dir = fixtures_dir().join("descriptions");
    for_each_fixture("descriptions", &dir, |entry| {
        let root = root_of(entry);
        let expect = expectations(&root);
        let result = openapi::load(&root);
        let (rendered, problems) = judge(&result, |l: &openapi::Loaded| &l.warnings, &expect);
        let shown = root
            .strip_prefix(&dir)
            .unwrap_or(&root)
            .display()
            .to_string();
        snapshot(
            &format!("description-{}", stem(entry)),
            format!("descriptions/{shown}"),
            &rendered,
        );
        problems
    });
}

#[test]
fn valid_manifests_load_cleanly() {
    for entry in entries(&fixtures_dir().join("manifests/valid")) {
        let manifest = Manifest::load(&entry).unwrap_or_else(|d| {
            panic!(
                "{} does not load:\n{}",
                entry.display(),
                stable(&d.to_string())
            )
        });
        assert!(
            manifest.warnings.is_empty(),
            "{}: unexpected warnings:\n{}",
            entry.display(),
            stable(&manifest.warnings.to_string())
        );
        assert!(!manifest.tenants.is_empty());
    }
}

fn load_valid(name: &str) -> Api {
    let root = root_of(&fixtures_dir().join("descriptions/valid").join(name));
    let loaded = openapi::load(&root)
        .unwrap_or_else(|d| panic!("{name} does not load:\n{}", stable(&d.to_string())));
    assert!(
        loaded.warnings.is_empty(),
        "{name}: unexpected warnings:\n{}",
        stable(&loaded.warnings.to_string())
    );
    loaded.api
}

#[test]
fn valid_descriptions_load_cleanly() {
    for entry in entries(&fixtures_dir().join("descriptions/valid")) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        load_valid(&name);
    }
}

fn object_properties<'a>(api: &'a Api, name: &str) -> &'a openapiv3::ObjectType {
    let schema = api
        .schemas
        .get(name)
        .unwrap_or_else(|| panic!("no schema `{name}` in {:?}", api.schemas.keys()));
    match api.resolve(schema).map(|s| &s.schema_kind) {
        Some(SchemaKind::Type(Type::Object(o))) => o,
        other => panic!("`{name}` is not an object schema: {other:?}"),
    }
}

fn property<'a>(api: &'a Api, schema: &str, property: &str) -> &'a ReferenceOr<Box<Schema>> {
    object_properties(api, schema)
        .properties
        .get(property)
        .unwrap_or_else(|| panic!("`{schema}` has no property `{property}`"))
}

fn item(s: &ReferenceOr<Box<Schema>>) -> &Schema {
    match s {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => {
            panic!("expected an inline schema, got {reference}")
        }
    }
}

fn reference(s: &ReferenceOr<Box<Schema>>) -> &str {
    match s {
        ReferenceOr::Reference { reference } => reference,
        ReferenceOr::Item(s) => panic!("expected a reference, got {s:?}"),
    }
}

#[test]
fn cyclic_schemas_across_files() {
    let api = load_valid("cyclic-multi-file");
    assert_eq!(api.spec_version, SpecVersion::OpenApi30);
    assert_eq!(api.files.len(), 2, "{:?}", api.files);
    assert!(api.files[1].ends_with("schemas.yaml"), "{:?}", api.files);

    // Both schemas were hoisted from schemas.yaml and still refer to each other.
    let employer = reference(property(&api, "Person", "employer"));
    assert_eq!(schema_ref_name(employer), Some("Company"));
    let contact = reference(property(&api, "Company", "contact"));
    assert_eq!(schema_ref_name(contact), Some("Person"));

    let get_person = api.operation("getPerson").expect("getPerson");
    let reachable = api.reachable_schemas([get_person]);
    assert!(
        reachable.contains("Person") && reachable.contains("Company"),
        "{reachable:?}"
    );
}

#[test]
fn openapi31_habits_are_normalised() {
    let api = load_valid("openapi31-multi-file");
    assert_eq!(api.spec_version, SpecVersion::OpenApi31);
    assert_eq!(api.webhooks, vec!["orderShipped".to_owned()]);
    let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["listOrders", "createOrder"],
        "webhooks are not operations"
    );

    // `type: [string, "null"]` became a nullable string; `examples` became `example`.
    let note = item(property(&api, "Order", "note"));
    assert!(note.schema_data.nullable, "{note:?}");
    assert!(
        matches!(note.schema_kind, SchemaKind::Type(Type::String(_))),
        "{note:?}"
    );
    assert_eq!(
        note.schema_data.example,
        Some(serde_json::json!("Leave at the door"))
    );

    // `const` became a one-value enum.
    let kind = item(property(&api, "Order", "kind"));
    let json = serde_json::to_value(kind).unwrap();
    assert_eq!(
        json.get("enum"),
        Some(&serde_json::json!(["order"])),
        "{json}"
    );

    // A numeric `exclusiveMinimum` became `minimum` plus the 3.0 boolean.
    let quantity = item(property(&api, "Order", "quantity"));
    match &quantity.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => {
            assert_eq!(i.minimum, Some(0));
            assert!(i.exclusive_minimum);
        }
        other => panic!("quantity is not an integer: {other:?}"),
    }

    // The `$defs` schema was hoisted into the named schemas.
    let lines = item(property(&api, "Order", "lines"));
    let SchemaKind::Type(Type::Array(array)) = &lines.schema_kind else {
        panic!("lines is not an array: {lines:?}");
    };
    let line_item = reference(array.items.as_ref().expect("items"));
    assert_eq!(schema_ref_name(line_item), Some("LineItem"));
    let price = item(property(&api, "LineItem", "price"));
    assert!(price.schema_data.nullable);

    // `$ref` with only an annotation beside it stays a reference ...
    let customer = reference(property(&api, "Order", "customer"));
    assert_eq!(schema_ref_name(customer), Some("Customer"));
    // ... and with a constraint beside it becomes `allOf: [$ref]` plus the constraint
    // (which openapiv3 reads as an untyped schema holding both).
    let billing = item(property(&api, "Order", "billingCustomer"));
    let SchemaKind::Any(any) = &billing.schema_kind else {
        panic!("billingCustomer is not an allOf plus constraints: {billing:?}");
    };
    assert_eq!(any.required, ["email"]);
    assert_eq!(any.all_of.len(), 1, "{any:?}");
    let ReferenceOr::Reference { reference } = &any.all_of[0] else {
        panic!("allOf member is not a reference: {any:?}");
    };
    assert_eq!(schema_ref_name(reference), Some("Customer"));
    let email = item(property(&api, "Customer", "email"));
    assert!(email.schema_data.nullable);

    // A parameter `$ref` with a `description` beside it: the sibling wins.
    let list = api.operation("listOrders").expect("listOrders");
    let limit = list
        .parameter(ParameterLocation::Query, "limit")
        .expect("limit parameter");
    assert_eq!(
        limit.description.as_deref(),
        Some("How many orders to return.")
    );
}
