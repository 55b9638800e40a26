//! The Rust generator: one crate per shape, built as token trees (quote) and printed
//! with prettyplease, so the output is always syntactically valid and formatted.
//!
//! ```text
//! <dir>/Cargo.toml
//! <dir>/README.md
//! <dir>/src/lib.rs        the Client, CallError, one accessor per tag
//! <dir>/src/types.rs      the schemas the shape reaches
//! <dir>/src/<tag>.rs      one builder per allowed operation
//! ```

use std::path::Path;

use poly_model::shape::{Shape, ShapedApi};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::{GenerateError, Generator, Language, Output};

mod docs;
pub mod names;
mod operations;
mod render;
mod types;

use names::{pascal, snake};

/// How generated crates depend on `poly-runtime`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDependency {
    /// From crates.io, by version requirement.
    Version(String),
    /// A path, written into `Cargo.toml` as given (relative to the generated crate).
    Path(String),
}

impl Default for RuntimeDependency {
    fn default() -> Self {
        RuntimeDependency::Version(env!("CARGO_PKG_VERSION").to_owned())
    }
}

#[derive(Debug, Clone, Default)]
pub struct RustGenerator {
    pub runtime: RuntimeDependency,
}

impl Generator for RustGenerator {
    fn language(&self) -> Language {
        Language::Rust
    }

    fn generate(&self, shape: &Shape, dir: &Path, out: &mut Output) -> Result<(), GenerateError> {
        let package = package_name(shape);
        let single = shape.apis.len() == 1;
        // Files in output order, each printed from chunks by the render pool.
        let mut paths: Vec<String> = Vec::new();
        let mut roots: Vec<(String, TokenStream)> = Vec::new();
        let mut lib_items = Vec::new();
        let mut rendered = render::in_parallel(|pool| {
            for api in &shape.apis {
                let prefix = if single {
                    String::new()
                } else {
                    format!("{}/", snake(&api.name))
                };
                let first = paths.len();
                let names = api_modules(api, &mut |module, chunk| {
                    pool.submit(first + module, &chunk)
                });
                paths.extend(names.iter().map(|name| format!("src/{prefix}{name}.rs")));
                let root = api_root(api, !single, ModuleLayout::Files(&names));
                if single {
                    lib_items.push(root);
                } else {
                    let module = format_ident!("{}", snake(&api.name));
                    roots.push((format!("src/{prefix}mod.rs"), root));
                    lib_items.push(quote!(pub mod #module;));
                }
            }
        })?
        .into_iter();
        let mut sources: Vec<(String, String)> = Vec::new();
        for path in paths {
            // A file whose every chunk was empty has no entry; it prints as empty.
            sources.push((path, rendered.next().unwrap_or_default()));
        }
        for (path, root) in roots {
            sources.push((path, render::render(root)?));
        }

        let inner_attrs = crate_attributes(shape);
        let lib_code = render::render(quote! {
            #inner_attrs
            pub use ::poly_runtime::{Body, Multipart, Response, SecretRef};
            #(#lib_items)*
        })?;
        let mut all_code = lib_code.clone();
        for (_, code) in &sources {
            all_code.push_str(code);
        }

        for (name, code) in sources {
            let path = dir.join(name);
            let _span = tracing::debug_span!("generated_file", path = %path.display()).entered();
            out.add(path, code);
        }
        out.add(dir.join("src/lib.rs"), lib_code);
        out.add(
            dir.join("Cargo.toml"),
            cargo_toml(&package, &self.runtime, &all_code),
        );
        out.add(dir.join("README.md"), readme(shape, &package));
        Ok(())
    }
}

/// The SDK of `shape` as one file holding one module, `pub mod <module> { … }`, for
/// `include!` from a build script's output (see [`crate::build`]): included code
/// cannot declare file modules or crate attributes, so everything is inline.
pub fn single_file(shape: &Shape, module: &str) -> Result<String, GenerateError> {
    let single = shape.apis.len() == 1;
    let mut items = Vec::new();
    for api in &shape.apis {
        let mut chunks: Vec<Vec<TokenStream>> = Vec::new();
        let names = api_modules(api, &mut |module, chunk| {
            if chunks.len() <= module {
                chunks.resize_with(module + 1, Vec::new);
            }
            chunks[module].push(chunk);
        });
        let inline: Vec<(String, TokenStream)> = names
            .into_iter()
            .zip(chunks.into_iter().chain(std::iter::repeat_with(Vec::new)))
            .map(|(name, chunks)| (name, quote!(#(#chunks)*)))
            .collect();
        let root = api_root(api, !single, ModuleLayout::Inline(&inline));
        if single {
            items.push(root);
        } else {
            let m = format_ident!("{}", snake(&api.name));
            items.push(quote!(pub mod #m { #root }));
        }
    }
    let inner_attrs = crate_attributes(shape);
    let module = format_ident!("{}", module);
    render::render(quote! {
        pub mod #module {
            #inner_attrs
            pub use ::poly_runtime::{Body, Multipart, Response, SecretRef};
            #(#items)*
        }
    })
}

/// Module docs and the lints generated code opts out of, with the reasons.
fn crate_attributes(shape: &Shape) -> TokenStream {
    let title = shape
        .apis
        .iter()
        .map(|a| a.api.title.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let crate_doc = format!(
        " Client for {title}, as tenant `{}` may call it in environment `{}`.",
        shape.tenant, shape.environment
    );
    quote! {
        #![doc = #crate_doc]
        #![doc = ""]
        #![doc = " Generated by poly-codegen from the shaping manifest: only the operations this"]
        #![doc = " tenant may call exist here, and credentials travel as secret references. Do not"]
        #![doc = " edit; regenerate."]
        // Descriptions are prose written for other tools; their links and HTML are
        // kept as written rather than rewritten for rustdoc.
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]
        // Operation signatures follow the description's required parameters.
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant)]
    }
}

/// Where an API's modules live: in files beside it (by name), or inline.
enum ModuleLayout<'a> {
    Files(&'a [String]),
    Inline(&'a [(String, TokenStream)]),
}

/// `poly-sdk-acme-crm-prod`, or `<api>-sdk` for a description without a manifest.
fn package_name(shape: &Shape) -> String {
    if shape.tenant == "default" && shape.environment == "default" {
        let api = shape
            .apis
            .first()
            .map(|a| a.name.replace('_', "-"))
            .unwrap_or_else(|| "api".to_owned());
        format!("{api}-sdk")
    } else {
        format!("poly-sdk-{}-{}", shape.tenant, shape.environment).replace('_', "-")
    }
}

/// The modules of one API: `types`, then one per tag. Hands each module's code to
/// `emit` in chunks, `(module index, chunk)`, in order within a module (modules
/// interleave: operations add inline types as they go), and returns the module
/// names by index.
fn api_modules(api: &ShapedApi, emit: &mut dyn FnMut(usize, TokenStream)) -> Vec<String> {
    const TYPES: usize = 0;
    emit(
        TYPES,
        quote! {
            #![doc = " The data types of the operations this tenant may call."]
            #![allow(clippy::enum_variant_names)]

            #[allow(unused_imports)]
            use super::types;
        },
    );
    let mut types = types::TypeGen::new(&api.api, &api.schemas);
    types.generate_all();
    let mut names = vec!["types".to_owned()];
    for (group, ops) in operations::groups(api) {
        for item in types.take_items() {
            emit(TYPES, item);
        }
        let index = names.len();
        for chunk in operations::group_module(&api.name, &group, &ops, &mut types) {
            emit(index, chunk);
        }
        names.push(group);
    }
    for item in types.into_items() {
        emit(TYPES, item);
    }
    names
}

/// The root of one API's module tree: the client and its error type.
fn api_root(api: &ShapedApi, nested: bool, layout: ModuleLayout<'_>) -> TokenStream {
    let groups = operations::groups(api);
    let modules: Vec<TokenStream> = match layout {
        ModuleLayout::Files(list) => list
            .iter()
            .map(|name| {
                let m = format_ident!("{}", name);
                quote!(pub mod #m;)
            })
            .collect(),
        ModuleLayout::Inline(list) => list
            .iter()
            .map(|(name, tokens)| {
                let m = format_ident!("{}", name);
                quote!(pub mod #m { #tokens })
            })
            .collect(),
    };
    let accessors = groups.keys().map(|g| {
        let m = format_ident!("{}", g);
        let ty = format_ident!("{}", pascal(g));
        let doc = format!(" The `{g}` operations.");
        quote! {
            #[doc = #doc]
            pub fn #m(&self) -> #m::#ty<'_> {
                #m::#ty { client: self }
            }
        }
    });
    let api_doc = format!(" {} (API `{}`).", api.api.title, api.name);
    let module_doc = nested.then(|| quote!(#![doc = #api_doc]));
    quote! {
        #module_doc

        #(#modules)*

        #[doc = " Calls the API through the Poly proxy. Cheap to clone; clones share one"]
        #[doc = " connection pool."]
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(crate) inner: ::poly_runtime::Client,
        }

        impl Client {
            #[doc = " Wraps a configured runtime client."]
            pub fn new(inner: ::poly_runtime::Client) -> Self {
                Client { inner }
            }

            #[doc = " The runtime client underneath (its proxy URL, timeout and retry policy)."]
            pub fn runtime(&self) -> &::poly_runtime::Client {
                &self.inner
            }

            #[doc = " Configures from `POLY_PROXY_URL` and `POLY_API_KEY`."]
            pub fn from_env() -> Result<Self, ::poly_runtime::ConfigError> {
                ::poly_runtime::Client::from_env().map(Client::new)
            }

            #(#accessors)*
        }

        #[doc = " Why a call failed: the API answered with a documented (or undocumented)"]
        #[doc = " failure, or the call did not complete (proxy problem, transport, timeout)."]
        #[derive(Debug)]
        pub enum CallError<E> {
            #[doc = " The API's own answer, by status."]
            Upstream(E),
            #[doc = " The proxy refused the call, or it never completed."]
            Runtime(::poly_runtime::Error),
        }

        impl<E> From<::poly_runtime::Error> for CallError<E> {
            fn from(e: ::poly_runtime::Error) -> Self {
                CallError::Runtime(e)
            }
        }

        impl<E: ::std::fmt::Debug> ::std::fmt::Display for CallError<E> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    CallError::Upstream(e) => write!(f, "the API answered with a failure: {e:?}"),
                    CallError::Runtime(e) => write!(f, "{e}"),
                }
            }
        }

        impl<E: ::std::fmt::Debug> ::std::error::Error for CallError<E> {}
    }
}

/// prettyplease prints items back to back; a reader expects a blank line between
/// items, between methods, and after the module docs and imports.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    for line in code.lines() {
        if let Some(p) = prev {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let t = line.trim_start();
            let closes = t.starts_with('}')
                || t.starts_with(')')
                || t.starts_with(']')
                || t.starts_with("else");
            let after_block = p.trim() == "}" && indent(p) == indent(line) && !closes;
            let after_statement = indent(p) == 0
                && indent(line) == 0
                && p.ends_with(';')
                && !(p.starts_with("use ") && line.starts_with("use "));
            let after_module_docs = p.starts_with("//!") && !line.starts_with("//!");
            if !line.is_empty() && (after_block || after_statement || after_module_docs) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

fn cargo_toml(package: &str, runtime: &RuntimeDependency, code: &str) -> String {
    let runtime = match runtime {
        RuntimeDependency::Version(v) => format!("poly-runtime = \"{v}\""),
        RuntimeDependency::Path(p) => format!("poly-runtime = {{ path = \"{p}\" }}"),
    };
    let mut deps = vec![
        "bytes = \"1\"".to_owned(),
        runtime,
        "serde = { version = \"1\", features = [\"derive\"] }".to_owned(),
        "serde_json = \"1\"".to_owned(),
    ];
    if code.contains("::chrono::") {
        deps.push("chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }".to_owned());
    }
    if code.contains("::uuid::") {
        deps.push("uuid = { version = \"1\", features = [\"serde\"] }".to_owned());
    }
    deps.sort();
    format!(
        "# Generated by poly-codegen. Do not edit; regenerate.\n[package]\nname = \"{package}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{}\n",
        deps.join("\n")
    )
}

fn readme(shape: &Shape, package: &str) -> String {
    let crate_name = package.replace('-', "_");
    let mut ops = String::new();
    let mut example = String::new();
    for api in &shape.apis {
        for (group, list) in operations::groups(api) {
            for (_, op) in list {
                ops.push_str(&format!(
                    "- `{group}().{}` — `{} {}`\n",
                    snake(&op.id),
                    op.method,
                    op.path
                ));
                if example.is_empty()
                    && op.parameters.iter().all(|p| !p.required)
                    && op.request_body.is_none()
                {
                    example = format!("client.{group}().{}().send().await?", snake(&op.id));
                }
            }
        }
    }
    if example.is_empty() {
        example = "/* client.<group>().<operation>(..).send().await? */".to_owned();
    }
    format!(
        "# {package}\n\nGenerated by poly-codegen for tenant `{tenant}`, environment `{env}`. It calls the\nAPI only through the Poly proxy, and only the operations below exist.\n\n```rust,ignore\nlet client = {crate_name}::Client::from_env()?; // POLY_PROXY_URL, POLY_API_KEY\nlet result = {example};\n```\n\n## Operations\n\n{ops}",
        tenant = shape.tenant,
        env = shape.environment,
    )
}
