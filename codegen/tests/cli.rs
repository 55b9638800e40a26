//! The `poly-codegen` binary on the example manifest and on broken input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_poly-codegen"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("poly-codegen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_the_example() {
    let out = run(&["check", "--manifest", "poly.yaml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    insta::assert_snapshot!(text(&out.stdout), @"poly.yaml: ok: 1 API(s) with 49 operation(s), 3 tenant(s), 6 environment(s), 0 warning(s)");
}

#[test]
fn shape_shows_what_a_tenant_may_call() {
    let out = run(&["shape", "--tenant", "acme-crm", "--env", "staging"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    insta::assert_snapshot!("shape_acme_crm_staging", text(&out.stdout));
}

#[test]
fn shape_json_is_machine_readable_and_complete() {
    let out = run(&["shape", "--tenant", "initech-ops", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shapes: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let shapes = shapes.as_array().expect("one shape per environment");
    assert_eq!(shapes.len(), 2);
    let ops = |i: usize| -> Vec<String> {
        shapes[i]["apis"][0]["operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (prod, staging) = (ops(0), ops(1));
    assert!(prod.contains(&"downloadFile".to_owned()));
    assert!(
        !prod.iter().any(|id| id.starts_with("upload")),
        "uploads are denied"
    );
    assert!(prod.iter().any(|id| id == "createShipment"));
    assert!(
        !staging.iter().any(|id| id == "createShipment"),
        "staging narrows to crm, manufacturing and files"
    );
    assert_eq!(
        shapes[1]["apis"][0]["upstream"],
        "https://staging.erp.northwind.example/api/v2"
    );
}

#[test]
fn unknown_tenant_is_an_error_with_a_suggestion() {
    let out = run(&["shape", "--tenant", "acme-crn"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("error[unknown-tenant]: no tenant `acme-crn`"),
        "{err}"
    );
    assert!(err.contains("did you mean `acme-crm`?"), "{err}");
}

#[test]
fn broken_manifest_reports_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("poly-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("poly.yaml");
    let example = std::fs::read_to_string(root().join("poly.yaml")).unwrap();
    let spec = root().join("specs/erp.yaml");
    let broken = example
        .replace(
            "description: specs/erp.yaml",
            &format!("description: {}", spec.display()),
        )
        .replace(
            "- tag: crm\n        deny:\n          - operation: lookupContactByEmail",
            "- tag: crn\n        deny:\n          - operation: lookupContactByEmail",
        );
    assert_ne!(broken, example, "the fixture edit applied");
    std::fs::write(&manifest, broken).unwrap();

    let out = run(&["check", "--manifest", manifest.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let line = format!("{}:", manifest.display());
    assert!(err.contains(&line), "names the file: {err}");
    assert!(
        err.contains("error[selector-matches-nothing]: tag `crn` matches no operation"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `crm`?"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn generate_writes_then_check_detects_drift() {
    let out_dir = std::env::temp_dir().join(format!("poly-cli-gen-{}", std::process::id()));
    let out_arg = out_dir.to_str().unwrap();
    let _ = std::fs::remove_dir_all(&out_dir);

    let args = [
        "generate", "--lang", "rust", "--tenant", "acme-crm", "--env", "prod", "--out", out_arg,
    ];
    let out = run(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lib = out_dir.join("acme-crm-prod/rust/src/crm.rs");
    assert!(lib.is_file(), "the CRM module was written");
    assert!(
        !out_dir.join("acme-crm-staging").exists(),
        "--env limits the targets"
    );

    let check = [&args[..], &["--check"]].concat();
    let out = run(&check);
    assert!(
        out.status.success(),
        "no drift right after generating: {}",
        text(&out.stderr)
    );

    std::fs::write(&lib, "// edited by hand\n").unwrap();
    let out = run(&check);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("differs:"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("crm.rs"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(&out_dir).unwrap();

    let out = run(&["generate", "--lang", "cobol"]);
    assert_eq!(out.status.code(), Some(2), "a bad flag is a usage error");
}
