//! Building the [`Api`] model from a bundled, 3.0-shaped document.
//!
//! Each operation, schema and security scheme is deserialised on its own, so one
//! broken piece yields one diagnostic that names it, and every broken piece is
//! reported in the same run.
//!
// LIMITATION: diagnostics found here are reported against the root file, at the
// pointer of the use site. When the broken object was inlined from another file, the
// message is right but the file and line are the root's `$ref`. Fix: have the bundler
// record, for each inlined use site, the (file, pointer) it came from, and translate
// the longest matching prefix of a diagnostic's pointer back through that map.

use std::collections::HashSet;

use indexmap::IndexMap;
use openapiv3 as oa;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::*;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::pointer;
use crate::source::Source;

pub(crate) struct Built {
    pub api: Api,
    pub diagnostics: Diagnostics,
}

struct Builder<'a> {
    source: &'a Source,
    diagnostics: Diagnostics,
}

pub(crate) fn build(
    doc: &Value,
    source: &Source,
    spec_version: SpecVersion,
    webhooks: Vec<String>,
) -> Built {
    let mut b = Builder {
        source,
        diagnostics: Diagnostics::default(),
    };
    let info = doc.get("info");
    let text = |v: Option<&Value>, key: &str| {
        v.and_then(|v| v.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };

    // openapiv3 reads an unknown `type` as "any type"; catch the typo instead.
    for root in ["/components/schemas", "/paths"] {
        if let Some(v) = doc.pointer(root) {
            b.check_types(v, root);
        }
    }
    let security_schemes = b.security_schemes(doc);
    let schemas = b.schemas(doc);
    let global_security = match doc.get("security") {
        Some(v) => b
            .deserialize::<Vec<oa::SecurityRequirement>>(v, "/security")
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let operations = b.operations(doc, &global_security);

    let tags = doc
        .get("tags")
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter_map(|t| {
                    Some((
                        t.get("name")?.as_str()?.to_owned(),
                        text(Some(t), "description"),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();

    let api = Api {
        title: text(info, "title").unwrap_or_else(|| "API".to_owned()),
        version: info
            .and_then(|i| i.get("version"))
            .map(scalar_text)
            .unwrap_or_default(),
        description: text(info, "description"),
        spec_version,
        servers: servers(doc),
        operations,
        schemas,
        security_schemes,
        tags,
        webhooks,
        files: Vec::new(),
    };
    Built {
        api,
        diagnostics: b.diagnostics,
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Server URLs with their variables replaced by the declared defaults.
fn servers(doc: &Value) -> Vec<String> {
    let Some(list) = doc.get("servers").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|s| {
            let mut url = s.get("url")?.as_str()?.to_owned();
            if let Some(Value::Object(vars)) = s.get("variables") {
                for (name, var) in vars {
                    if let Some(default) = var.get("default") {
                        url = url.replace(&format!("{{{name}}}"), &scalar_text(default));
                    }
                }
            }
            Some(url)
        })
        .collect()
}

impl Builder<'_> {
    fn check_types(&mut self, value: &Value, at: &str) {
        const TYPES: [&str; 7] = [
            "string", "number", "integer", "boolean", "array", "object", "null",
        ];
        let Value::Object(map) = value else {
            if let Value::Array(items) = value {
                for (i, v) in items.iter().enumerate() {
                    self.check_types(v, &pointer::push(at, &i.to_string()));
                }
            }
            return;
        };
        if let Some(Value::String(t)) = map.get("type") {
            let is_security_scheme = map.contains_key("scheme") || map.contains_key("flows");
            if !TYPES.contains(&t.as_str()) && !is_security_scheme {
                let hint = match crate::diagnostic::did_you_mean(t, TYPES) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("a schema type is one of {}", TYPES.join(", ")),
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        "invalid-description",
                        self.source.path(),
                        format!("`{t}` is not a schema type"),
                    )
                    .at(self.source, pointer::push(at, "type"))
                    .with_hint(hint),
                );
            }
        }
        for (k, v) in map {
            let data = k.starts_with("x-")
                || matches!(
                    k.as_str(),
                    "example" | "examples" | "default" | "enum" | "const" | "callbacks" | "links"
                );
            if !data {
                self.check_types(v, &pointer::push(at, k));
            }
        }
    }

    fn deserialize<T: DeserializeOwned>(&mut self, value: &Value, at: &str) -> Option<T> {
        self.report(deserialize(value), at)
    }

    /// The value of a [`deserialize`] result, or its failure as a diagnostic at `at`.
    fn report<T>(&mut self, result: Result<T, Failure>, at: &str) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(Failure { inner, message }) => {
                let full = format!("{at}{inner}");
                self.diagnostics.push(
                    Diagnostic::error(
                        "invalid-description",
                        self.source.path(),
                        clean_serde_message(&message),
                    )
                    .at(self.source, full)
                    .with_hint(
                        "compare this object with the OpenAPI specification for its version",
                    ),
                );
                None
            }
        }
    }

    fn security_schemes(&mut self, doc: &Value) -> IndexMap<String, SecurityScheme> {
        let mut out = IndexMap::new();
        let Some(Value::Object(map)) = doc.pointer("/components/securitySchemes") else {
            return out;
        };
        for (name, v) in map {
            let at = pointer::join(["components", "securitySchemes", name]);
            if v.get("type").and_then(Value::as_str) == Some("mutualTLS") {
                out.insert(name.clone(), SecurityScheme::MutualTls);
                continue;
            }
            let Some(scheme) = self.deserialize::<oa::SecurityScheme>(v, &at) else {
                continue;
            };
            out.insert(name.clone(), convert_scheme(scheme));
        }
        out
    }

    fn schemas(&mut self, doc: &Value) -> IndexMap<String, oa::ReferenceOr<oa::Schema>> {
        let mut out = IndexMap::new();
        let Some(Value::Object(map)) = doc.pointer("/components/schemas") else {
            return out;
        };
        let values: Vec<&Value> = map.values().collect();
        let schemas = deserialize_all::<oa::ReferenceOr<oa::Schema>>(&values);
        for ((name, _), schema) in map.iter().zip(schemas) {
            let at = pointer::join(["components", "schemas", name]);
            if let Some(schema) = self.report(schema, &at) {
                out.insert(name.clone(), schema);
            }
        }
        out
    }

    fn operations(
        &mut self,
        doc: &Value,
        global_security: &[oa::SecurityRequirement],
    ) -> Vec<Operation> {
        let mut out = Vec::new();
        let Some(Value::Object(paths)) = doc.get("paths") else {
            return out;
        };
        // Operations are the bulk of the work: deserialised up front on every core, then
        // taken in document order below, so diagnostics keep their order.
        let op_values: Vec<&Value> = paths
            .iter()
            .filter(|(path, _)| !path.starts_with("x-"))
            .filter_map(|(_, item)| item.as_object())
            .flat_map(|item| {
                Method::ALL
                    .iter()
                    .filter_map(|m| item.get(&m.as_str().to_ascii_lowercase()))
            })
            .collect();
        let mut ops = deserialize_all::<oa::Operation>(&op_values).into_iter();
        for (path, item) in paths {
            if path.starts_with("x-") {
                continue;
            }
            let item_at = pointer::join(["paths", path]);
            let Value::Object(item_map) = item else {
                self.diagnostics.push(
                    Diagnostic::error(
                        "invalid-description",
                        self.source.path(),
                        "a path item must be an object",
                    )
                    .at(self.source, item_at)
                    .with_hint("map each HTTP method (get, post, ...) to an operation object"),
                );
                continue;
            };
            let shared: Vec<oa::ReferenceOr<oa::Parameter>> = match item_map.get("parameters") {
                Some(v) => self
                    .deserialize(v, &pointer::push(&item_at, "parameters"))
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            for method in Method::ALL {
                let key = method.as_str().to_ascii_lowercase();
                if !item_map.contains_key(&key) {
                    continue;
                }
                let at = pointer::push(&item_at, &key);
                // Taken in the order `op_values` was collected.
                let Some(op) = ops.next() else {
                    continue;
                };
                let Some(op) = self.report(op, &at) else {
                    continue;
                };
                out.push(self.operation(op, method, path, &shared, global_security, at));
            }
        }
        unique_ids(&mut out, self.source, &mut self.diagnostics);
        out
    }

    fn operation(
        &mut self,
        op: oa::Operation,
        method: Method,
        path: &str,
        shared: &[oa::ReferenceOr<oa::Parameter>],
        global_security: &[oa::SecurityRequirement],
        at: String,
    ) -> Operation {
        // Operation parameters override path-level ones with the same name and location.
        let mut parameters: Vec<Parameter> = Vec::new();
        for p in shared.iter().chain(op.parameters.iter()) {
            let oa::ReferenceOr::Item(p) = p else {
                continue;
            };
            let p = convert_parameter(p);
            parameters.retain(|q| !(q.location == p.location && q.name == p.name));
            parameters.push(p);
        }

        // Every `{name}` in the template must be a path parameter; documents that forget
        // to declare one still describe a callable operation, so declare it for them.
        for name in template_names(path) {
            if !parameters
                .iter()
                .any(|p| p.location == ParameterLocation::Path && p.name == name)
            {
                self.diagnostics.push(
                    Diagnostic::warning(
                        "undeclared-path-parameter",
                        self.source.path(),
                        format!("path parameter `{name}` is used in `{path}` but not declared; treating it as a required string"),
                    )
                    .at(self.source, at.clone())
                    .with_hint(format!("declare it: `- {{name: {name}, in: path, required: true, schema: {{type: string}}}}`")),
                );
                parameters.push(Parameter {
                    name,
                    location: ParameterLocation::Path,
                    required: true,
                    deprecated: false,
                    description: None,
                    schema: Some(oa::ReferenceOr::Item(oa::Schema {
                        schema_data: Default::default(),
                        schema_kind: oa::SchemaKind::Type(oa::Type::String(Default::default())),
                    })),
                    style: ParameterStyle::Simple,
                    explode: false,
                    media_type: None,
                });
            }
        }

        let request_body = match op.request_body {
            Some(oa::ReferenceOr::Item(b)) => Some(RequestBody {
                required: b.required,
                description: b.description,
                content: b
                    .content
                    .into_iter()
                    .map(|(m, t)| MediaType {
                        media_type: m,
                        schema: t.schema,
                    })
                    .collect(),
            }),
            _ => None,
        };

        let mut responses = Vec::new();
        if let Some(oa::ReferenceOr::Item(r)) = op.responses.default {
            responses.push(convert_response(StatusSelector::Default, r));
        }
        for (status, r) in op.responses.responses {
            let oa::ReferenceOr::Item(r) = r else {
                continue;
            };
            let status = match status {
                oa::StatusCode::Code(c) => StatusSelector::Code(c),
                oa::StatusCode::Range(r) => StatusSelector::Range(r as u8),
            };
            responses.push(convert_response(status, r));
        }
        responses.sort_by_key(|r| r.status);

        let security = op.security.as_deref().unwrap_or(global_security);
        // An empty alternative (`{}`) means "or no credentials at all"; it is kept, and
        // an operation whose only alternatives are empty needs none.
        let security = if security.iter().all(|r| r.is_empty()) {
            &[][..]
        } else {
            security
        };
        let security = security
            .iter()
            .map(|r| SecurityRequirement { schemes: r.clone() })
            .collect();

        let (id, id_derived) = match op.operation_id.filter(|id| !id.trim().is_empty()) {
            Some(id) => (id, false),
            None => (derive_id(method, path), true),
        };

        Operation {
            id,
            id_derived,
            method,
            path: path.to_owned(),
            tags: op.tags,
            summary: op.summary,
            description: op.description,
            deprecated: op.deprecated,
            parameters,
            request_body,
            responses,
            security,
            pointer: at,
        }
    }
}

/// `/repos/{owner}/{repo}` → `["owner", "repo"]`.
pub(crate) fn template_names(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + len].to_owned());
        rest = &rest[start + len + 1..];
    }
    names
}

/// A readable, stable name for an operation without an `operationId`:
/// `GET /repos/{owner}/issues` → `getReposByOwnerIssues`.
pub fn derive_id(method: Method, path: &str) -> String {
    let mut id = method.as_str().to_ascii_lowercase();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let (prefix, word) = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => ("By", name),
            None => ("", segment),
        };
        id.push_str(prefix);
        for part in word
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
        {
            let mut chars = part.chars();
            if let Some(first) = chars.next() {
                id.push(first.to_ascii_uppercase());
                id.push_str(chars.as_str());
            }
        }
    }
    if id.len() == method.as_str().len() {
        id.push_str("Root");
    }
    id
}

/// Makes operation ids unique: a repeated id keeps its first owner and the others get
/// the derived name (which is unique per method and path), with a warning.
fn unique_ids(ops: &mut [Operation], source: &Source, diagnostics: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for op in ops.iter_mut() {
        if seen.insert(op.id.clone()) {
            continue;
        }
        let mut new_id = derive_id(op.method, &op.path);
        let mut n = 2;
        while seen.contains(&new_id) {
            new_id = format!("{}{n}", derive_id(op.method, &op.path));
            n += 1;
        }
        diagnostics.push(
            Diagnostic::warning(
                "duplicate-operation-id",
                source.path(),
                format!(
                    "operationId `{}` is used more than once; this one is called `{new_id}`",
                    op.id
                ),
            )
            .at(source, pointer::push(&op.pointer, "operationId"))
            .with_hint(
                "give each operation its own operationId; generated method names come from it",
            ),
        );
        seen.insert(new_id.clone());
        op.id = new_id;
        op.id_derived = true;
    }
}

fn convert_parameter(p: &oa::Parameter) -> Parameter {
    let (data, location, style) = match p {
        oa::Parameter::Query {
            parameter_data,
            style,
            ..
        } => {
            let style = match style {
                oa::QueryStyle::Form => ParameterStyle::Form,
                oa::QueryStyle::SpaceDelimited => ParameterStyle::SpaceDelimited,
                oa::QueryStyle::PipeDelimited => ParameterStyle::PipeDelimited,
                oa::QueryStyle::DeepObject => ParameterStyle::DeepObject,
            };
            (parameter_data, ParameterLocation::Query, style)
        }
        oa::Parameter::Header { parameter_data, .. } => (
            parameter_data,
            ParameterLocation::Header,
            ParameterStyle::Simple,
        ),
        oa::Parameter::Path {
            parameter_data,
            style,
        } => {
            let style = match style {
                oa::PathStyle::Matrix => ParameterStyle::Matrix,
                oa::PathStyle::Label => ParameterStyle::Label,
                oa::PathStyle::Simple => ParameterStyle::Simple,
            };
            (parameter_data, ParameterLocation::Path, style)
        }
        oa::Parameter::Cookie { parameter_data, .. } => (
            parameter_data,
            ParameterLocation::Cookie,
            ParameterStyle::Form,
        ),
    };
    let (schema, media_type) = match &data.format {
        oa::ParameterSchemaOrContent::Schema(s) => (Some(s.clone()), None),
        oa::ParameterSchemaOrContent::Content(c) => match c.first() {
            Some((m, t)) => (t.schema.clone(), Some(m.clone())),
            None => (None, None),
        },
    };
    Parameter {
        name: data.name.clone(),
        location,
        required: data.required || location == ParameterLocation::Path,
        deprecated: data.deprecated.unwrap_or(false),
        description: data.description.clone(),
        schema,
        style,
        explode: data.explode.unwrap_or(style == ParameterStyle::Form),
        media_type,
    }
}

fn convert_response(status: StatusSelector, r: oa::Response) -> Response {
    let headers = r
        .headers
        .into_iter()
        .filter_map(|(name, h)| {
            let oa::ReferenceOr::Item(h) = h else {
                return None;
            };
            let schema = match h.format {
                oa::ParameterSchemaOrContent::Schema(s) => Some(s),
                oa::ParameterSchemaOrContent::Content(c) => {
                    c.into_iter().next().and_then(|(_, m)| m.schema)
                }
            };
            Some(ResponseHeader {
                name,
                description: h.description,
                schema,
            })
        })
        .collect();
    Response {
        status,
        description: r.description,
        headers,
        content: r
            .content
            .into_iter()
            .map(|(m, t)| MediaType {
                media_type: m,
                schema: t.schema,
            })
            .collect(),
    }
}

fn convert_scheme(s: oa::SecurityScheme) -> SecurityScheme {
    match s {
        oa::SecurityScheme::APIKey { location, name, .. } => SecurityScheme::ApiKey {
            location: match location {
                oa::APIKeyLocation::Query => ApiKeyLocation::Query,
                oa::APIKeyLocation::Header => ApiKeyLocation::Header,
                oa::APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            },
            name,
        },
        oa::SecurityScheme::HTTP {
            scheme,
            bearer_format,
            ..
        } => SecurityScheme::Http {
            scheme: scheme.to_ascii_lowercase(),
            bearer_format,
        },
        oa::SecurityScheme::OAuth2 { flows, .. } => {
            let mut out = Vec::new();
            let scopes = |s: &IndexMap<String, String>| s.keys().cloned().collect::<Vec<_>>();
            if let Some(f) = &flows.implicit {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::Implicit,
                    token_url: None,
                    authorization_url: Some(f.authorization_url.clone()),
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.password {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::Password,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: None,
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.client_credentials {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::ClientCredentials,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: None,
                    scopes: scopes(&f.scopes),
                });
            }
            if let Some(f) = &flows.authorization_code {
                out.push(OAuthFlow {
                    kind: OAuthFlowKind::AuthorizationCode,
                    token_url: Some(f.token_url.clone()),
                    authorization_url: Some(f.authorization_url.clone()),
                    scopes: scopes(&f.scopes),
                });
            }
            SecurityScheme::OAuth2 { flows: out }
        }
        oa::SecurityScheme::OpenIDConnect {
            open_id_connect_url,
            ..
        } => SecurityScheme::OpenIdConnect {
            url: open_id_connect_url,
        },
    }
}

/// Why a piece of the document did not deserialise: where inside it (a JSON pointer
/// suffix) and serde's message.
struct Failure {
    inner: String,
    message: String,
}

/// Deserialises one piece. The fast path runs without path tracking; only a piece
/// that fails is deserialised again, through serde_path_to_error, to say where.
fn deserialize<T: DeserializeOwned>(value: &Value) -> Result<T, Failure> {
    if let Ok(v) = T::deserialize(value) {
        return Ok(v);
    }
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| Failure {
        inner: pointer_of_path(e.path()),
        message: e.inner().to_string(),
    })
}

/// [`deserialize`] of each value, in order, spread over the available cores:
/// description pieces deserialise independently, and the large descriptions have
/// thousands of them.
fn deserialize_all<T: DeserializeOwned + Send>(values: &[&Value]) -> Vec<Result<T, Failure>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    // Small documents are not worth a thread.
    if threads == 1 || values.len() < 64 {
        return values.iter().map(|v| deserialize(v)).collect();
    }
    let chunk = values.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = values
            .chunks(chunk)
            .skip(1)
            .map(|part| {
                scope.spawn(move || part.iter().map(|v| deserialize(v)).collect::<Vec<_>>())
            })
            .collect();
        let mut out: Vec<Result<T, Failure>> = values[..chunk.min(values.len())]
            .iter()
            .map(|v| deserialize(v))
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(part) => out.extend(part),
                // A panic inside a deserialiser is a bug of a dependency; the loader's
                // `catch_unwind` turns it into a diagnostic.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// serde_path_to_error's path (`parameters[0].schema`) as a JSON pointer suffix.
fn pointer_of_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out = pointer::push(&out, &index.to_string()),
            Segment::Map { key } => out = pointer::push(&out, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// serde's untagged-enum message says nothing useful; say what was expected instead.
fn clean_serde_message(message: &str) -> String {
    if message.starts_with("data did not match any variant of untagged enum ReferenceOr") {
        return "this is neither a valid object of its kind nor a `$ref`".to_owned();
    }
    if let Some(rest) = message.strip_prefix("data did not match any variant of untagged enum ") {
        return format!("this value does not have the shape of a {rest}");
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deserialises_many_pieces_in_order_and_says_where_one_fails() {
        let values: Vec<Value> = (0..200)
            .map(|i| match i {
                150 => serde_json::json!({"type": "string", "enum": "not a list"}),
                _ => serde_json::json!({"type": "string", "maxLength": i}),
            })
            .collect();
        let refs: Vec<&Value> = values.iter().collect();
        let out = deserialize_all::<oa::Schema>(&refs);
        assert_eq!(out.len(), 200);
        for (i, result) in out.iter().enumerate() {
            match (i, result) {
                (150, Err(failure)) => assert!(!failure.message.is_empty()),
                (150, Ok(_)) => panic!("a broken schema deserialised"),
                (
                    i,
                    Ok(oa::Schema {
                        schema_kind: oa::SchemaKind::Type(oa::Type::String(s)),
                        ..
                    }),
                ) => assert_eq!(s.max_length, Some(i)),
                (i, _) => panic!("piece {i} is out of place"),
            }
        }
    }

    #[test]
    fn derives_readable_ids() {
        assert_eq!(
            derive_id(Method::Get, "/repos/{owner}/issues"),
            "getReposByOwnerIssues"
        );
        assert_eq!(derive_id(Method::Post, "/"), "postRoot");
        assert_eq!(derive_id(Method::Delete, "/a-b/c_d.json"), "deleteABCDJson");
    }

    #[test]
    fn finds_template_names() {
        assert_eq!(template_names("/a/{x}/b/{y}.json"), vec!["x", "y"]);
        assert!(template_names("/a/{broken").is_empty());
    }
}
