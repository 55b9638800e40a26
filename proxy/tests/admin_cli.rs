//! The admin CLI against a store in a temporary directory.

use std::path::PathBuf;

use clap::Parser;
use poly_proxy::cli::{run, AdminCommand};
use poly_proxy::config::Config;
use poly_proxy::state::open_store;
use poly_vault::{AuditQuery, Scope};

#[derive(Parser, Debug)]
struct Cli {
    #[command(subcommand)]
    command: AdminCommand,
}

fn parse(args: &[&str]) -> Result<AdminCommand, clap::Error> {
    let argv = std::iter::once("poly-proxy").chain(args.iter().copied());
    Cli::try_parse_from(argv).map(|cli| cli.command)
}

fn command(args: &[&str]) -> AdminCommand {
    parse(args).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn config(dir: &tempfile::TempDir) -> Config {
    Config {
        manifest: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../poly.yaml"),
        data_dir: dir.path().join("data"),
        ..Config::default()
    }
}

#[test]
fn no_flag_takes_a_secret_value() {
    let base = [
        "secret",
        "put",
        "--tenant",
        "acme-crm",
        "--env",
        "prod",
        "erp-api-key",
    ];
    assert!(parse(&base).is_ok());
    for extra in [["--value", "x"], ["--secret", "x"], ["--data", "x"]] {
        let args: Vec<&str> = base.iter().copied().chain(extra).collect();
        assert!(parse(&args).is_err(), "{args:?} parsed");
    }
    // A second positional argument (a value on the command line) is refused too.
    let args: Vec<&str> = base.iter().copied().chain(["hunter2"]).collect();
    assert!(parse(&args).is_err());
}

#[test]
fn key_roles_are_app_or_tenant_admin() {
    let ok = [
        "key",
        "create",
        "--tenant",
        "a",
        "--env",
        "b",
        "--role",
        "tenant-admin",
    ];
    assert!(parse(&ok).is_ok());
    let operator = [
        "key", "create", "--tenant", "a", "--env", "b", "--role", "operator",
    ];
    assert!(parse(&operator).is_err());
    assert!(parse(&["key", "create-operator", "--expires-in", "90d"]).is_ok());
}

#[tokio::test]
async fn operator_flow_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir);
    run(&config, command(&["tenant", "create", "acme-crm"]))
        .await
        .unwrap();
    let error = run(&config, command(&["tenant", "create", "acme-cmr"]))
        .await
        .unwrap_err();
    assert!(
        format!("{error:#}").contains("did you mean `acme-crm`"),
        "{error:#}"
    );
    run(
        &config,
        command(&["env", "create", "--tenant", "acme-crm", "prod"]),
    )
    .await
    .unwrap();
    assert!(run(
        &config,
        command(&["env", "create", "--tenant", "acme-crm", "qa"])
    )
    .await
    .is_err());
    run(&config, command(&["tenant", "list", "--json"]))
        .await
        .unwrap();
    run(
        &config,
        command(&[
            "key", "create", "--tenant", "acme-crm", "--env", "prod", "--role", "app",
        ]),
    )
    .await
    .unwrap();
    run(
        &config,
        command(&["key", "create-operator", "--label", "ops", "--json"]),
    )
    .await
    .unwrap();
    run(&config, command(&["key", "list", "--tenant", "acme-crm"]))
        .await
        .unwrap();

    // A secret from a file loses exactly one trailing newline.
    let file = dir.path().join("value.txt");
    std::fs::write(&file, "canary-cli-4b1e value\n\n").unwrap();
    let path = file.to_str().unwrap();
    let put = [
        "secret",
        "put",
        "--tenant",
        "acme-crm",
        "--env",
        "prod",
        "erp/api-key",
    ];
    let args: Vec<&str> = put.iter().copied().chain(["--from-file", path]).collect();
    run(&config, command(&args)).await.unwrap();
    run(
        &config,
        command(&["secret", "list", "--tenant", "acme-crm", "--env", "prod"]),
    )
    .await
    .unwrap();
    run(
        &config,
        command(&[
            "config",
            "set",
            "--tenant",
            "acme-crm",
            "--env",
            "prod",
            "company_id",
            "7",
        ]),
    )
    .await
    .unwrap();
    run(&config, command(&["audit", "--tenant", "acme-crm"]))
        .await
        .unwrap();
    run(&config, command(&["vault", "rotate-data-key"]))
        .await
        .unwrap();

    let store = open_store(&config).await.unwrap();
    let scope = Scope::new("acme-crm", "prod");
    let resolved = store
        .resolve_secret(&scope, "erp/api-key")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resolved.value.expose(), b"canary-cli-4b1e value\n");
    assert_eq!(store.list_config(&scope).await.unwrap()["company_id"], "7");
    let records = store
        .list_audit(AuditQuery {
            limit: 1000,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let put = records.iter().find(|r| r.action == "secret.put").unwrap();
    assert_eq!(put.key_id.as_deref(), Some("cli"));
    assert_eq!(put.target.as_deref(), Some("erp/api-key"));
    let text = serde_json::to_string(&records).unwrap();
    assert!(!text.contains("canary-cli-4b1e"));
    assert!(records
        .iter()
        .any(|r| r.action == "vault.rotate-data-key" && r.outcome == "ok"));
    store.close().await.unwrap();
}

#[cfg(unix)]
#[tokio::test]
async fn rotating_the_master_key_generates_a_private_key_file() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let config = config(&dir);
    run(&config, command(&["tenant", "create", "acme-crm"]))
        .await
        .unwrap();
    run(
        &config,
        command(&["env", "create", "--tenant", "acme-crm", "prod"]),
    )
    .await
    .unwrap();
    let file = dir.path().join("value.txt");
    std::fs::write(&file, "canary-rotate").unwrap();
    let path = file.to_str().unwrap();
    run(
        &config,
        command(&[
            "secret",
            "put",
            "--tenant",
            "acme-crm",
            "--env",
            "prod",
            "k",
            "--from-file",
            path,
        ]),
    )
    .await
    .unwrap();

    let new_key = dir.path().join("new-master.key");
    let new_key_text = new_key.to_str().unwrap();
    run(
        &config,
        command(&["vault", "rotate-master-key", "--new-key-file", new_key_text]),
    )
    .await
    .unwrap();
    let mode = std::fs::metadata(&new_key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // The store now opens with the new key, and not with the old one alone.
    let rotated = Config {
        master_key_file: Some(new_key.clone()),
        ..config.clone()
    };
    let store = open_store(&rotated).await.unwrap();
    let resolved = store
        .resolve_secret(&Scope::new("acme-crm", "prod"), "k")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(resolved.value.expose(), b"canary-rotate");
    store.close().await.unwrap();
    assert!(open_store(&config).await.is_err());
}
