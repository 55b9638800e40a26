//! The `poly-codegen` command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use poly_codegen::{Drift, GenerateError, Language, Plan};
use poly_model::{Diagnostics, Manifest, Shape};

mod report;

// Code generation allocates millions of small token trees; mimalloc halves the time
// the system allocator spends on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use report::{ColorChoice, Reporter};

/// Exit codes: 0 success, 1 the inputs have errors (or `--check` found drift),
/// 2 the command line is wrong (clap's own), 3 the work could not be done.
const EXIT_INVALID: u8 = 1;
const EXIT_UNAVAILABLE: u8 = 3;

#[derive(Parser)]
#[command(
    name = "poly-codegen",
    version,
    about = "Per-tenant SDKs from API descriptions and a shaping manifest"
)]
struct Cli {
    /// When to colour diagnostics and show source excerpts.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the manifest and every API description it names.
    Check(ManifestArg),
    /// Show what a tenant may call, per environment.
    Shape {
        #[command(flatten)]
        manifest: ManifestArg,
        #[arg(long)]
        tenant: String,
        /// One environment; all of the tenant's when omitted.
        #[arg(long)]
        env: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Generate SDKs for every tenant and environment (or the ones named).
    Generate(GenerateArgs),
}

#[derive(Args)]
struct ManifestArg {
    /// The shaping manifest.
    #[arg(long, default_value = "poly.yaml")]
    manifest: PathBuf,
}

#[derive(Args)]
struct GenerateArgs {
    /// The shaping manifest (default `poly.yaml`).
    #[arg(long, conflicts_with = "spec")]
    manifest: Option<PathBuf>,
    /// Generate from one API description with every operation allowed, no manifest.
    #[arg(long)]
    spec: Option<PathBuf>,
    #[arg(long, conflicts_with = "spec")]
    tenant: Option<String>,
    #[arg(long, conflicts_with = "spec")]
    env: Option<String>,
    /// Languages to generate, comma separated.
    #[arg(long, value_delimiter = ',', default_values_t = Language::ALL)]
    lang: Vec<Language>,
    /// Output root.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Write nothing; exit 1 listing the files that differ from what would be generated.
    #[arg(long)]
    check: bool,
    /// Make generated Rust crates depend on poly-runtime by this path (relative to
    /// each generated crate) instead of by version.
    #[arg(long)]
    rust_runtime_path: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("POLY_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let mut reporter = Reporter::new(cli.color);
    match cli.command {
        Command::Check(m) => check(&m.manifest, &mut reporter),
        Command::Shape {
            manifest,
            tenant,
            env,
            json,
        } => shape(
            &manifest.manifest,
            &tenant,
            env.as_deref(),
            json,
            &mut reporter,
        ),
        Command::Generate(args) => generate(args, &mut reporter),
    }
}

fn load_manifest(path: &Path, reporter: &mut Reporter) -> Option<Manifest> {
    match Manifest::load(path) {
        Ok(m) => {
            reporter.report_all(&m.warnings);
            Some(m)
        }
        Err(diagnostics) => {
            reporter.report_all(&diagnostics);
            summarise(&diagnostics);
            None
        }
    }
}

fn summarise(diagnostics: &Diagnostics) {
    let errors = diagnostics.errors().count();
    let warnings = diagnostics.warnings().count();
    eprintln!("{errors} error(s), {warnings} warning(s)");
}

fn check(path: &Path, reporter: &mut Reporter) -> ExitCode {
    let Some(manifest) = load_manifest(path, reporter) else {
        return ExitCode::from(EXIT_INVALID);
    };
    let operations: usize = manifest.apis.values().map(|a| a.api.operations.len()).sum();
    let environments: usize = manifest
        .tenants
        .values()
        .map(|t| t.environments.len())
        .sum();
    println!(
        "{}: ok: {} API(s) with {operations} operation(s), {} tenant(s), {environments} environment(s), {} warning(s)",
        path.display(),
        manifest.apis.len(),
        manifest.tenants.len(),
        manifest.warnings.warnings().count(),
    );
    ExitCode::SUCCESS
}

fn shape(
    path: &Path,
    tenant: &str,
    env: Option<&str>,
    json: bool,
    reporter: &mut Reporter,
) -> ExitCode {
    let Some(manifest) = load_manifest(path, reporter) else {
        return ExitCode::from(EXIT_INVALID);
    };
    let environments: Vec<String> = match (env, manifest.tenant(tenant)) {
        (_, Err(d)) => {
            reporter.report(&d);
            return ExitCode::from(EXIT_INVALID);
        }
        (Some(e), Ok(_)) => vec![e.to_owned()],
        (None, Ok(t)) => t.environments.keys().cloned().collect(),
    };
    let mut shapes = Vec::new();
    for e in &environments {
        match manifest.shape(tenant, e) {
            Ok(s) => shapes.push(s),
            Err(d) => {
                reporter.report(&d);
                return ExitCode::from(EXIT_INVALID);
            }
        }
    }
    if json {
        let value = match shapes.as_slice() {
            [one] => one.to_json(),
            many => serde_json::Value::Array(many.iter().map(Shape::to_json).collect()),
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        for s in &shapes {
            print!("{}", table(s));
        }
    }
    ExitCode::SUCCESS
}

/// The human form of a shape: one block per API, one row per operation.
fn table(shape: &Shape) -> String {
    let mut out = format!(
        "tenant {}, environment {}\n",
        shape.tenant, shape.environment
    );
    for api in &shape.apis {
        out.push_str(&format!(
            "\napi {} → {} ({} operations, {} schemas)\n",
            api.name,
            api.upstream,
            api.operations.len(),
            api.schemas.len()
        ));
        let mut rows =
            vec![["OPERATION", "METHOD", "PATH", "SECURITY", "PINNED", "SLOTS"].map(str::to_owned)];
        for (s, op) in api.operations() {
            let security: Vec<String> = s
                .security
                .iter()
                .map(|b| match &b.binding {
                    poly_model::manifest::Binding::Config { secret } => {
                        format!("{} (config: {secret})", b.scheme)
                    }
                    poly_model::manifest::Binding::Reference => format!("{} (reference)", b.scheme),
                })
                .collect();
            let pinned: Vec<String> = s
                .pinned
                .iter()
                .map(|p| format!("{}.{}", p.location, p.name))
                .collect();
            let slots: Vec<String> = s.slots.iter().map(|x| x.name.clone()).collect();
            let or_dash = |v: Vec<String>| {
                if v.is_empty() {
                    "-".to_owned()
                } else {
                    v.join(", ")
                }
            };
            rows.push([
                op.id.clone(),
                op.method.to_string(),
                op.path.clone(),
                or_dash(security),
                or_dash(pinned),
                or_dash(slots),
            ]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        for row in rows {
            let mut line = String::from(" ");
            for (c, cell) in row.iter().enumerate() {
                line.push(' ');
                line.push_str(cell);
                if c + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 1));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

fn generate(args: GenerateArgs, reporter: &mut Reporter) -> ExitCode {
    let plan = match &args.spec {
        Some(spec) => Plan::from_spec(spec, &args.lang),
        None => {
            let path = args
                .manifest
                .clone()
                .unwrap_or_else(|| PathBuf::from("poly.yaml"));
            let Some(manifest) = load_manifest(&path, reporter) else {
                return ExitCode::from(EXIT_INVALID);
            };
            Plan::from_manifest(
                &manifest,
                args.tenant.as_deref(),
                args.env.as_deref(),
                &args.lang,
            )
        }
    };
    let mut plan = match plan {
        Ok(plan) => plan,
        Err(diagnostics) => {
            reporter.report_all(&diagnostics);
            summarise(&diagnostics);
            return ExitCode::from(EXIT_INVALID);
        }
    };

    if let Some(path) = args.rust_runtime_path {
        plan.options.rust_runtime = poly_codegen::rust::RuntimeDependency::Path(path);
    }
    let output = match plan.render() {
        Ok(output) => output,
        Err(GenerateError::Input(diagnostics)) => {
            reporter.report_all(&diagnostics);
            return ExitCode::from(EXIT_INVALID);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_UNAVAILABLE);
        }
    };

    if args.check {
        let drift = output.drift(&args.out);
        if drift.is_empty() {
            println!(
                "{}: {} file(s) up to date",
                args.out.display(),
                output.len()
            );
            return ExitCode::SUCCESS;
        }
        for d in &drift {
            let what = match d {
                Drift::Missing(_) => "missing",
                Drift::Changed(_) => "differs",
            };
            eprintln!("{what}: {}", args.out.join(d.path()).display());
        }
        eprintln!(
            "{} file(s) differ from the generator; run `poly-codegen generate` to update them",
            drift.len()
        );
        return ExitCode::from(EXIT_INVALID);
    }

    match output.write(&args.out) {
        Ok(written) => {
            println!(
                "{}: wrote {written} of {} file(s)",
                args.out.display(),
                output.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write to {}: {e}", args.out.display());
            ExitCode::from(EXIT_UNAVAILABLE)
        }
    }
}
