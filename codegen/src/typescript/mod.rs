//! The TypeScript generator: one npm package per shape, with zero runtime
//! dependencies.
//!
//! The Rust side builds a view model (this module and [`operations`], [`types`]);
//! the handlebars templates in `templates/typescript/` only lay it out. They are
//! embedded with `include_str!`, so the binary stands alone.
//!
//! ```text
//! package.json  tsconfig.json  README.md
//! src/index.ts         the package's exports
//! src/client.ts        `Client` and `ClientOptions`
//! src/runtime.ts       the call protocol (docs/protocol.md), copied verbatim
//! src/<api>/index.ts   `<Api>Client`: one property per tag, untagged operations
//! src/<api>/<tag>.ts   one class per tag, with each operation's argument types
//! src/<api>/models.ts  the schemas the shape reaches
//! src/<api>/errors.ts  one `ApiError` subclass per documented error status
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use handlebars::Handlebars;
use poly_model::shape::{ShapedApi, ShapedOperation};
use poly_model::{Operation, Shape};
use serde::Serialize;

use crate::{GenerateError, Generator, Language, Output};

mod docs;
mod names;
mod operations;
mod types;

use docs::Doc;
use names::Scope;
use operations::{Context, ErrorCatalogue, OperationView};
use types::{Declaration, Models};

/// Generates TypeScript packages.
#[derive(Debug, Clone, Copy, Default)]
pub struct TypeScriptGenerator;

impl Generator for TypeScriptGenerator {
    fn language(&self) -> Language {
        Language::TypeScript
    }

    fn generate(&self, shape: &Shape, dir: &Path, out: &mut Output) -> Result<(), GenerateError> {
        let templates = templates()?;
        let package = package(shape);
        {
            let _span = tracing::info_span!("file", path = "src/runtime.ts").entered();
            out.add(dir.join("src/runtime.ts"), RUNTIME);
        }
        let mut render = |template: &str, path: String, data: &dyn erased::View| {
            let _span = tracing::info_span!("file", path = %path).entered();
            let text =
                templates
                    .render(template, &data.value())
                    .map_err(|e| GenerateError::Render {
                        message: format!("{path}: {e}"),
                    })?;
            out.add(dir.join(&path), text);
            Ok::<(), GenerateError>(())
        };

        render("package.json", "package.json".into(), &package)?;
        render("tsconfig.json", "tsconfig.json".into(), &package)?;
        render("README.md", "README.md".into(), &package)?;
        render("index.ts", "src/index.ts".into(), &package)?;
        render("client.ts", "src/client.ts".into(), &package)?;
        for api in &package.apis {
            let base = format!("src/{}", api.dir);
            render("api.ts", format!("{base}/index.ts"), api)?;
            render("models.ts", format!("{base}/models.ts"), api)?;
            render("errors.ts", format!("{base}/errors.ts"), api)?;
            for group in &api.groups {
                render("group.ts", format!("{base}/{}.ts", group.file), group)?;
            }
        }
        Ok(())
    }
}

/// Serialising views behind one trait object, for the render closure.
mod erased {
    pub trait View {
        fn value(&self) -> serde_json::Value;
    }

    impl<T: serde::Serialize> View for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
        }
    }
}

const RUNTIME: &str = include_str!("../../../templates/typescript/runtime.ts");

const TEMPLATES: &[(&str, &str)] = &[
    (
        "package.json",
        include_str!("../../../templates/typescript/package.json.hbs"),
    ),
    (
        "tsconfig.json",
        include_str!("../../../templates/typescript/tsconfig.json.hbs"),
    ),
    (
        "README.md",
        include_str!("../../../templates/typescript/README.md.hbs"),
    ),
    (
        "index.ts",
        include_str!("../../../templates/typescript/index.ts.hbs"),
    ),
    (
        "client.ts",
        include_str!("../../../templates/typescript/client.ts.hbs"),
    ),
    (
        "api.ts",
        include_str!("../../../templates/typescript/api.ts.hbs"),
    ),
    (
        "models.ts",
        include_str!("../../../templates/typescript/models.ts.hbs"),
    ),
    (
        "errors.ts",
        include_str!("../../../templates/typescript/errors.ts.hbs"),
    ),
    (
        "group.ts",
        include_str!("../../../templates/typescript/group.ts.hbs"),
    ),
];

const PARTIALS: &[(&str, &str)] = &[
    (
        "imports",
        include_str!("../../../templates/typescript/partials/imports.hbs"),
    ),
    (
        "operation",
        include_str!("../../../templates/typescript/partials/operation.hbs"),
    ),
    (
        "operation_types",
        include_str!("../../../templates/typescript/partials/operation_types.hbs"),
    ),
    (
        "doc",
        include_str!("../../../templates/typescript/partials/doc.hbs"),
    ),
];

fn templates() -> Result<&'static Handlebars<'static>, GenerateError> {
    static REGISTRY: OnceLock<Result<Handlebars<'static>, String>> = OnceLock::new();
    REGISTRY
        .get_or_init(|| {
            let mut h = Handlebars::new();
            // The output is TypeScript and Markdown, not HTML; values are escaped
            // for their place by the view model (string literals, doc comments).
            h.register_escape_fn(handlebars::no_escape);
            h.set_strict_mode(true);
            for (name, text) in PARTIALS {
                h.register_partial(name, *text)
                    .map_err(|e| format!("partial {name}: {e}"))?;
            }
            for (name, text) in TEMPLATES {
                h.register_template_string(name, *text)
                    .map_err(|e| format!("template {name}: {e}"))?;
            }
            Ok(h)
        })
        .as_ref()
        .map_err(|message| GenerateError::Render {
            message: message.clone(),
        })
}

#[derive(Debug, Clone, Serialize)]
struct PackageView {
    name: String,
    name_literal: String,
    version: String,
    description_literal: String,
    tenant: String,
    environment: String,
    single: bool,
    apis: Vec<ApiView>,
    /// The API client `Client` extends when the package has one API.
    base_client: Option<String>,
    schemes: Vec<SchemeView>,
    example: String,
    /// Who the SDK is for, in a sentence: a tenant and environment, or the description.
    audience: String,
    client_doc: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct SchemeView {
    key: String,
    doc: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ApiView {
    /// The manifest's name, as a string literal.
    literal: String,
    dir: String,
    /// The property (and namespace) of this API on a multi-API client.
    property: String,
    client_class: String,
    title: String,
    version: String,
    upstream: String,
    doc: Vec<String>,
    groups: Vec<GroupView>,
    direct: Vec<OperationView>,
    direct_imports: Vec<ImportView>,
    models: Vec<Declaration>,
    models_imports: Vec<ImportView>,
    errors: Vec<ErrorView>,
    errors_imports: Vec<ImportView>,
    /// The first lines of `models.ts`.
    models_intro: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct GroupView {
    property: String,
    class: String,
    file: String,
    doc: Vec<String>,
    operations: Vec<OperationView>,
    imports: Vec<ImportView>,
}

#[derive(Debug, Clone, Serialize)]
struct ErrorView {
    name: String,
    status: u16,
    doc: Vec<String>,
    body: String,
    #[serde(skip)]
    refs: BTreeSet<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ImportView {
    keyword: &'static str,
    names: Vec<String>,
    from: String,
    one_line: bool,
}

fn import(keyword: &'static str, names: Vec<String>, from: &str) -> Option<ImportView> {
    if names.is_empty() {
        return None;
    }
    let length: usize =
        names.iter().map(|n| n.len() + 2).sum::<usize>() + keyword.len() + from.len();
    Some(ImportView {
        keyword,
        one_line: length <= 70,
        names,
        from: from.to_owned(),
    })
}

fn package(shape: &Shape) -> PackageView {
    let single = shape.apis.len() == 1;
    // API properties double as namespace names (`export * as erp`) with several APIs.
    let mut reserved = names::reserved_members().to_vec();
    reserved.extend_from_slice(names::reserved_words());
    let mut api_properties = Scope::new(&reserved);
    let mut dirs = Scope::new(&["index", "client", "runtime"]).case_insensitive();
    let apis: Vec<ApiView> = shape
        .apis
        .iter()
        .map(|api| {
            let property = api_properties.claim(&names::member_name(&api.name), "");
            let receiver = if single {
                "client".to_owned()
            } else {
                format!("client.{property}")
            };
            let dir = dirs.claim(&api.name, "");
            api_view(shape, api, property, dir, &receiver)
        })
        .collect();

    let mut schemes: BTreeSet<String> = BTreeSet::new();
    for api in &shape.apis {
        for (shaped, _) in api.operations() {
            schemes.extend(operations::reference_schemes(shaped));
        }
    }
    let schemes = schemes
        .into_iter()
        .map(|s| {
            let kind = shape
                .apis
                .iter()
                .find_map(|a| a.api.security_schemes.get(&s))
                .map(|k| k.kind())
                .unwrap_or("security");
            SchemeView {
                key: names::property_key(&s),
                doc: Doc::new()
                    .text(Some(&format!("The `{s}` scheme ({kind}).")))
                    .lines(),
            }
        })
        .collect();

    let api_names: Vec<&str> = shape.apis.iter().map(|a| a.name.as_str()).collect();
    let stem = if api_names.is_empty() {
        "sdk".to_owned()
    } else {
        api_names.join("-")
    };
    let unrestricted = shape.tenant == "default" && shape.environment == "default";
    let name = if unrestricted {
        format!("@poly/{stem}")
    } else {
        format!("@poly/{stem}-{}-{}", shape.tenant, shape.environment)
    };
    let titles: Vec<&str> = shape.apis.iter().map(|a| a.api.title.as_str()).collect();
    let description = format!(
        "Poly SDK for {} (tenant {}, environment {})",
        if titles.is_empty() {
            "no API".to_owned()
        } else {
            titles.join(", ")
        },
        shape.tenant,
        shape.environment
    );
    let example = apis
        .iter()
        .flat_map(|a| {
            a.groups
                .iter()
                .flat_map(|g| g.operations.iter())
                .chain(a.direct.iter())
        })
        .find(|o| o.route.starts_with("GET "))
        .or_else(|| {
            apis.iter()
                .flat_map(|a| {
                    a.groups
                        .iter()
                        .flat_map(|g| g.operations.iter())
                        .chain(a.direct.iter())
                })
                .next()
        })
        .map(|o| o.example.clone())
        .unwrap_or_default();

    let audience = if unrestricted {
        format!("every operation of {}", titles.join(", "))
    } else {
        format!(
            "tenant `{}` in environment `{}`",
            shape.tenant, shape.environment
        )
    };
    let client_doc = Doc::new()
        .text(Some(&if unrestricted {
            "The client of every operation of the description, through the Poly proxy.".to_owned()
        } else {
            format!(
                "The client of tenant `{}` in `{}`: exactly the operations the manifest lets it \
                 call, through the Poly proxy.",
                shape.tenant, shape.environment
            )
        }))
        .text(Some(
            "```ts\nconst client = new Client({ proxyUrl: \"https://poly-proxy.internal\", apiKey: process.env.POLY_API_KEY! });\n```",
        ))
        .lines();

    PackageView {
        audience,
        client_doc,
        name_literal: names::string_literal(&name),
        name,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        description_literal: names::string_literal(&description),
        tenant: shape.tenant.clone(),
        environment: shape.environment.clone(),
        single,
        base_client: single.then(|| apis[0].client_class.clone()),
        apis,
        schemes,
        example,
    }
}

/// The tag that groups an operation: its first.
fn group_of(op: &Operation) -> Option<&str> {
    op.tags
        .first()
        .map(String::as_str)
        .filter(|t| !t.trim().is_empty())
}

/// `repos/get-content` in group `repos` → `getContent`.
fn method_base(op: &Operation, group: Option<&str>) -> String {
    let id = op.id.as_str();
    let stripped = match (id.split_once('/'), group) {
        (Some((prefix, rest)), Some(tag))
            if !rest.is_empty() && names::camel(prefix) == names::camel(tag) =>
        {
            rest
        }
        _ => id,
    };
    names::member_name(stripped)
}

fn api_view(
    shape: &Shape,
    api: &ShapedApi,
    property: String,
    dir: String,
    receiver: &str,
) -> ApiView {
    let _span = tracing::debug_span!("api", api = %api.name).entered();
    let mut reserved: Vec<&str> = names::GLOBALS.to_vec();
    reserved.extend_from_slice(names::RUNTIME);
    let mut types = Scope::new(&reserved);
    let model_names = types::model_names(&api.schemas, &mut types);
    let models = Models::new(&api.api, model_names);
    let client_class = types.claim(&format!("{}Client", names::type_name(&api.name)), "");

    // Groups in the order of the description's tags, then of first use.
    let mut order: Vec<String> = Vec::new();
    let mut grouped: BTreeMap<String, Vec<(&ShapedOperation, &Operation)>> = BTreeMap::new();
    let mut direct_ops = Vec::new();
    for (shaped, op) in api.operations() {
        match group_of(op) {
            Some(tag) => {
                if !grouped.contains_key(tag) {
                    order.push(tag.to_owned());
                }
                grouped
                    .entry(tag.to_owned())
                    .or_default()
                    .push((shaped, op));
            }
            None => direct_ops.push((shaped, op)),
        }
    }
    let position = |t: &String| api.api.tags.get_index_of(t.as_str()).unwrap_or(usize::MAX);
    let mut ordered: Vec<(usize, String)> = order.into_iter().enumerate().collect();
    ordered.sort_by_key(|(i, t)| (position(t), *i));

    let mut members = Scope::new(names::reserved_members());
    let mut files = Scope::new(&["index", "models", "errors"]).case_insensitive();
    let mut errors = ErrorCatalogue::default();
    let mut writer = models.writer();
    let mut planned = Vec::new();
    for (_, tag) in &ordered {
        let property = members.claim(&names::member_name(tag), "Operations");
        let class = types.claim(&format!("{}Operations", names::type_name(tag)), "");
        let file = files.claim(&property, "");
        planned.push((tag.clone(), property, class, file));
    }
    let direct_names: Vec<String> = direct_ops
        .iter()
        .map(|(_, op)| members.claim(&method_base(op, None), ""))
        .collect();

    let mut groups = Vec::new();
    for (tag, property, class, file) in planned {
        let mut methods = Scope::new(names::reserved_members());
        let group_receiver = format!("{receiver}.{property}");
        let mut ops = Vec::new();
        for (shaped, op) in grouped.get(&tag).map(Vec::as_slice).unwrap_or_default() {
            let method = methods.claim(&method_base(op, Some(&tag)), "");
            let mut cx = Context {
                api_name: &api.name,
                api: &api.api,
                writer: &mut writer,
                errors: &mut errors,
                types: &mut types,
                receiver: &group_receiver,
            };
            ops.push(operations::operation(&mut cx, shaped, op, &method));
        }
        let imports = file_imports(&ops, true);
        groups.push(GroupView {
            doc: Doc::new()
                .text(api.api.tags.get(tag.as_str()).and_then(|d| d.as_deref()))
                .lines(),
            property,
            class,
            file,
            operations: ops,
            imports,
        });
    }

    let mut direct = Vec::new();
    for ((shaped, op), method) in direct_ops.iter().zip(&direct_names) {
        let mut cx = Context {
            api_name: &api.name,
            api: &api.api,
            writer: &mut writer,
            errors: &mut errors,
            types: &mut types,
            receiver,
        };
        direct.push(operations::operation(&mut cx, shaped, op, method));
    }
    let mut direct_imports: Vec<ImportView> = Vec::new();
    for g in &groups {
        direct_imports.extend(import(
            "import",
            vec![g.class.clone()],
            &format!("./{}.js", g.file),
        ));
    }
    let mut runtime_types = vec!["Transport".to_owned()];
    let more = file_imports(&direct, !direct.is_empty());
    for i in more {
        if i.from == "../runtime.js" && i.keyword == "import type" {
            runtime_types.extend(i.names.into_iter().filter(|n| n != "Transport"));
        } else {
            direct_imports.push(i);
        }
    }
    runtime_types.sort();
    runtime_types.dedup();
    direct_imports.extend(import("import type", runtime_types, "../runtime.js"));

    let (declarations, models_binary) = models.declarations();
    let models_imports = import(
        "import type",
        if models_binary {
            vec!["Binary".to_owned()]
        } else {
            Vec::new()
        },
        "../runtime.js",
    )
    .into_iter()
    .collect();

    let error_views: Vec<ErrorView> = errors
        .classes
        .iter()
        .map(|(status, class)| ErrorView {
            name: class.name.clone(),
            status: *status,
            doc: Doc::new()
                .text(Some(&format!(
                    "The upstream API answered {status} {}.",
                    names::words(&operations::status_name(*status)).join(" ")
                )))
                .lines(),
            body: types::Ty::union(class.bodies.clone()).text,
            refs: types::Ty::union(class.bodies.clone()).refs,
        })
        .collect();
    let mut errors_imports: Vec<ImportView> = Vec::new();
    if !error_views.is_empty() {
        errors_imports.extend(import(
            "import",
            vec!["ApiError".to_owned()],
            "../runtime.js",
        ));
    }
    let error_refs: BTreeSet<String> = error_views
        .iter()
        .flat_map(|e| e.refs.iter().cloned())
        .collect();
    errors_imports.extend(import(
        "import type",
        error_refs.into_iter().collect(),
        "./models.js",
    ));

    let title = api.api.title.trim().to_owned();
    let display = if title.is_empty() {
        api.name.clone()
    } else {
        title.clone()
    };
    let unrestricted = shape.tenant == "default" && shape.environment == "default";
    let models_intro = wrap_comment(&format!(
        "The schemas of {display} that {}. Dates, date-times and other formatted strings \
         stay strings; their `@format` says which.",
        if unrestricted {
            "its operations reach".to_owned()
        } else {
            format!(
                "tenant `{}` reaches in `{}`",
                shape.tenant, shape.environment
            )
        }
    ));
    ApiView {
        models_intro,
        literal: names::string_literal(&api.name),
        dir,
        property,
        client_class,
        doc: Doc::new()
            .text(Some(&if unrestricted {
                format!(
                    "{display} {}: every operation of the description.",
                    api.api.version.trim()
                )
            } else {
                format!(
                    "{display} {}, as tenant `{}` may call it in `{}`.",
                    api.api.version.trim(),
                    shape.tenant,
                    shape.environment
                )
            }))
            .lines(),
        title,
        version: api.api.version.clone(),
        upstream: api.upstream.to_string(),
        groups,
        direct,
        direct_imports,
        models: declarations,
        models_imports,
        errors: error_views,
        errors_imports,
    }
}

/// `// ` lines of at most about 90 characters.
fn wrap_comment(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::from("//");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > 90 && line.len() > 2 {
            lines.push(std::mem::replace(&mut line, String::from("//")));
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The imports of a file of operations: models and runtime types, error classes.
fn file_imports(ops: &[OperationView], with_transport: bool) -> Vec<ImportView> {
    let mut out = Vec::new();
    let errors: BTreeSet<String> = ops
        .iter()
        .flat_map(|o| o.call.errors.iter().map(|e| e.class.clone()))
        .collect();
    out.extend(import(
        "import",
        errors.into_iter().collect(),
        "./errors.js",
    ));
    let refs: BTreeSet<&String> = ops.iter().flat_map(|o| o.refs.iter()).collect();
    let binary = refs.iter().any(|r| r.as_str() == types::BINARY);
    let models: Vec<String> = refs
        .into_iter()
        .filter(|r| r.as_str() != types::BINARY)
        .cloned()
        .collect();
    out.extend(import("import type", models, "./models.js"));
    let runtime = "../runtime.js";
    let mut runtime_types: Vec<String> = Vec::new();
    if binary {
        runtime_types.push("Binary".to_owned());
    }
    if !ops.is_empty() {
        runtime_types.push("CallOptions".to_owned());
    }
    if ops
        .iter()
        .any(|o| !o.call.secrets.is_empty() || !o.call.slots.is_empty())
    {
        runtime_types.push("SecretRef".to_owned());
    }
    if with_transport {
        runtime_types.push("Transport".to_owned());
    }
    runtime_types.sort();
    out.extend(import("import type", runtime_types, runtime));
    out
}
