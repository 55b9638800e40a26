//! Swagger 2.0 to OpenAPI 3.0, on bundled documents (every non-schema `$ref` already
//! inlined, schema references already `#/definitions/<Name>`).

use serde_json::{json, Map, Value};

use super::walk;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Converts the document in place.
pub(crate) fn convert(doc: &mut Value) {
    let Value::Object(root) = doc else { return };
    let global_consumes = media_list(root.get("consumes"));
    let global_produces = media_list(root.get("produces"));

    let servers = servers(root);
    let schemas = root.remove("definitions").unwrap_or_else(|| json!({}));
    let schemes = root
        .remove("securityDefinitions")
        .map(security_schemes)
        .unwrap_or_else(|| json!({}));

    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for item in paths.values_mut() {
            let Value::Object(item) = item else { continue };
            let shared = item.remove("parameters");
            for method in METHODS {
                if let Some(Value::Object(op)) = item.get_mut(method) {
                    operation(op, shared.as_ref(), &global_consumes, &global_produces);
                }
            }
            if let Some(shared) = shared {
                // Non-body parameters stay shared; the body became part of each operation.
                let kept: Vec<Value> = shared
                    .as_array()
                    .map(|list| {
                        list.iter()
                            .filter(|p| !is_body_like(p))
                            .map(parameter)
                            .collect()
                    })
                    .unwrap_or_default();
                item.insert("parameters".to_owned(), Value::Array(kept));
            }
        }
    }

    for key in [
        "swagger",
        "host",
        "basePath",
        "schemes",
        "consumes",
        "produces",
        "parameters",
        "responses",
    ] {
        root.remove(key);
    }
    root.insert("openapi".to_owned(), json!("3.0.3"));
    root.insert("servers".to_owned(), servers);
    root.insert(
        "components".to_owned(),
        json!({"schemas": schemas, "securitySchemes": schemes}),
    );
    root.entry("paths").or_insert_with(|| json!({}));

    walk::schemas_mut(doc, &mut schema);
}

fn servers(root: &Map<String, Value>) -> Value {
    let host = root.get("host").and_then(Value::as_str);
    let base = root.get("basePath").and_then(Value::as_str).unwrap_or("");
    let scheme = root
        .get("schemes")
        .and_then(Value::as_array)
        .and_then(|s| {
            let names: Vec<&str> = s.iter().filter_map(Value::as_str).collect();
            names
                .iter()
                .find(|s| **s == "https")
                .or(names.first())
                .map(|s| s.to_string())
        })
        .unwrap_or_else(|| "https".to_owned());
    match host {
        Some(host) => json!([{"url": format!("{scheme}://{host}{base}")}]),
        None if !base.is_empty() => json!([{"url": base}]),
        None => json!([]),
    }
}

fn media_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn is_body_like(p: &Value) -> bool {
    matches!(
        p.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

fn operation(
    op: &mut Map<String, Value>,
    shared: Option<&Value>,
    consumes: &[String],
    produces: &[String],
) {
    let consumes = match op.remove("consumes") {
        Some(v) => media_list(Some(&v)),
        None => consumes.to_vec(),
    };
    let produces = match op.remove("produces") {
        Some(v) => media_list(Some(&v)),
        None => produces.to_vec(),
    };

    // Shared body/form parameters apply unless the operation redefines them.
    let own: Vec<Value> = op
        .remove("parameters")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    let mut all: Vec<Value> = Vec::new();
    if let Some(Value::Array(shared)) = shared {
        for p in shared.iter().filter(|p| is_body_like(p)) {
            let same = |q: &Value| q.get("name") == p.get("name") && q.get("in") == p.get("in");
            if !own.iter().any(same) {
                all.push(p.clone());
            }
        }
    }
    all.extend(own);

    let mut params = Vec::new();
    let mut body: Option<Value> = None;
    let mut form: Vec<Value> = Vec::new();
    for p in all {
        match p.get("in").and_then(Value::as_str) {
            Some("body") => body = Some(p),
            Some("formData") => form.push(p),
            _ => params.push(parameter(&p)),
        }
    }
    if !params.is_empty() {
        op.insert("parameters".to_owned(), Value::Array(params));
    }

    if let Some(body) = body {
        let media = if consumes.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            consumes.clone()
        };
        let schema = body.get("schema").cloned().unwrap_or_else(|| json!({}));
        let content: Map<String, Value> = media
            .into_iter()
            .map(|m| (m, json!({"schema": schema.clone()})))
            .collect();
        let mut rb = json!({"content": content, "required": body.get("required").cloned().unwrap_or(json!(false))});
        if let Some(d) = body.get("description") {
            rb["description"] = d.clone();
        }
        op.insert("requestBody".to_owned(), rb);
    } else if !form.is_empty() {
        op.insert("requestBody".to_owned(), form_body(&form, &consumes));
    }

    if let Some(Value::Object(responses)) = op.get_mut("responses") {
        for r in responses.values_mut() {
            if let Value::Object(r) = r {
                response(r, &produces);
            }
        }
    }
}

fn form_body(form: &[Value], consumes: &[String]) -> Value {
    let has_file = form
        .iter()
        .any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
    let media = if has_file
        || consumes
            .iter()
            .any(|c| c.starts_with("multipart/form-data"))
    {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in form {
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            continue;
        };
        properties.insert(name.to_owned(), schema_of_simple(p));
        if p.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(json!(name));
        }
    }
    let mut schema = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    json!({"required": !form.is_empty() && form.iter().any(|p| p.get("required") == Some(&json!(true))), "content": {media: {"schema": schema}}})
}

/// The schema of a non-body 2.0 parameter or header (type, format, items, … inline).
fn schema_of_simple(p: &Value) -> Value {
    let mut schema = Map::new();
    if let Value::Object(m) = p {
        for key in [
            "type",
            "format",
            "items",
            "enum",
            "default",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "pattern",
            "minItems",
            "maxItems",
            "uniqueItems",
            "multipleOf",
        ] {
            if let Some(v) = m.get(key) {
                schema.insert(key.to_owned(), v.clone());
            }
        }
        if let Some(Value::Object(items)) = schema.get("items").cloned() {
            schema.insert("items".to_owned(), schema_of_simple(&Value::Object(items)));
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
    Value::Object(schema)
}

fn parameter(p: &Value) -> Value {
    let Value::Object(m) = p else {
        return p.clone();
    };
    let mut out = Map::new();
    for key in ["name", "in", "description", "required", "deprecated"] {
        if let Some(v) = m.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    if m.get("in").and_then(Value::as_str) == Some("path") {
        out.insert("required".to_owned(), json!(true));
    }
    let location = m.get("in").and_then(Value::as_str).unwrap_or("query");
    match m.get("collectionFormat").and_then(Value::as_str) {
        Some("multi") => {
            out.insert("style".to_owned(), json!("form"));
            out.insert("explode".to_owned(), json!(true));
        }
        Some("ssv") if location == "query" => {
            out.insert("style".to_owned(), json!("spaceDelimited"));
            out.insert("explode".to_owned(), json!(false));
        }
        Some("pipes") if location == "query" => {
            out.insert("style".to_owned(), json!("pipeDelimited"));
            out.insert("explode".to_owned(), json!(false));
        }
        _ if m.get("type").and_then(Value::as_str) == Some("array") => {
            // csv, the 2.0 default.
            if location == "query" || location == "cookie" {
                out.insert("style".to_owned(), json!("form"));
            }
            out.insert("explode".to_owned(), json!(false));
        }
        _ => {}
    }
    out.insert("schema".to_owned(), schema_of_simple(p));
    Value::Object(out)
}

fn response(r: &mut Map<String, Value>, produces: &[String]) {
    r.entry("description").or_insert_with(|| json!(""));
    if let Some(schema) = r.remove("schema") {
        let media = if produces.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            produces.to_vec()
        };
        let content: Map<String, Value> = media
            .into_iter()
            .map(|m| (m, json!({"schema": schema.clone()})))
            .collect();
        r.insert("content".to_owned(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = r.get_mut("headers") {
        for h in headers.values_mut() {
            let description = h.get("description").cloned();
            let mut header = json!({"schema": schema_of_simple(h)});
            if let Some(d) = description {
                header["description"] = d;
            }
            *h = header;
        }
    }
    r.remove("examples");
}

fn security_schemes(defs: Value) -> Value {
    let Value::Object(defs) = defs else {
        return json!({});
    };
    let mut out = Map::new();
    for (name, def) in defs {
        let converted = match def.get("type").and_then(Value::as_str) {
            Some("basic") => json!({"type": "http", "scheme": "basic"}),
            Some("apiKey") => {
                json!({"type": "apiKey", "name": def.get("name"), "in": def.get("in")})
            }
            Some("oauth2") => {
                let scopes = def.get("scopes").cloned().unwrap_or_else(|| json!({}));
                let auth = def.get("authorizationUrl").cloned().unwrap_or(json!(""));
                let token = def.get("tokenUrl").cloned().unwrap_or(json!(""));
                let flow = match def.get("flow").and_then(Value::as_str) {
                    Some("implicit") => {
                        json!({"implicit": {"authorizationUrl": auth, "scopes": scopes}})
                    }
                    Some("password") => json!({"password": {"tokenUrl": token, "scopes": scopes}}),
                    Some("application") => {
                        json!({"clientCredentials": {"tokenUrl": token, "scopes": scopes}})
                    }
                    _ => {
                        json!({"authorizationCode": {"authorizationUrl": auth, "tokenUrl": token, "scopes": scopes}})
                    }
                };
                json!({"type": "oauth2", "flows": flow})
            }
            _ => def.clone(),
        };
        out.insert(name, converted);
    }
    Value::Object(out)
}

/// Per-schema differences: `#/definitions/` references, `type: file`, `x-nullable`,
/// and the string-valued `discriminator`.
fn schema(value: &mut Value) {
    let Value::Object(map) = value else { return };
    if let Some(Value::String(r)) = map.get_mut("$ref") {
        if let Some(name) = r.strip_prefix("#/definitions/") {
            *r = format!("#/components/schemas/{name}");
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("file") {
        map.insert("type".to_owned(), json!("string"));
        map.insert("format".to_owned(), json!("binary"));
    }
    if let Some(n) = map.remove("x-nullable") {
        map.insert("nullable".to_owned(), n);
    }
    if let Some(Value::String(property)) = map.get("discriminator").cloned() {
        map.insert(
            "discriminator".to_owned(),
            json!({"propertyName": property}),
        );
    }
}
