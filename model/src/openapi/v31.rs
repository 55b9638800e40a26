//! OpenAPI 3.1 (JSON Schema 2020-12) to the 3.0 shapes the model is built from.
//!
//! Applied to every 3.x document: each rewrite only fires on a construct 3.0 does not
//! have (a `type` array, a numeric `exclusiveMinimum`, …), so valid 3.0 passes through
//! untouched, and 3.0 documents that borrowed 3.1 habits still load.

use serde_json::{json, Map, Value};

use super::walk;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Rewrites the document in place. Returns the names of `webhooks`, which are removed
/// (they describe requests the API makes, not operations an app can call).
pub(crate) fn normalise(doc: &mut Value) -> Vec<String> {
    let mut webhooks = Vec::new();
    if let Value::Object(root) = doc {
        if let Some(Value::Object(hooks)) = root.remove("webhooks") {
            webhooks = hooks.keys().cloned().collect();
        }
        root.remove("jsonSchemaDialect");
        root.entry("paths").or_insert_with(|| json!({}));
        // 3.1 made `responses` optional.
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            for item in paths.values_mut().filter_map(Value::as_object_mut) {
                for (method, op) in item.iter_mut() {
                    if METHODS.contains(&method.as_str()) {
                        if let Value::Object(op) = op {
                            op.entry("responses").or_insert_with(|| json!({}));
                        }
                    }
                }
            }
        }
        root.insert("openapi".to_owned(), json!("3.0.3"));
    }
    walk::schemas_mut(doc, &mut schema);
    webhooks
}

/// Rewrites one schema (not its children: the walker visits those).
pub(crate) fn schema(value: &mut Value) {
    // Boolean schemas: `true` accepts anything, `false` nothing.
    if let Value::Bool(b) = value {
        *value = if *b { json!({}) } else { json!({"not": {}}) };
        return;
    }
    let Value::Object(map) = value else { return };

    type_list(map);
    // Draft-3 `required: true` on a property: meaningless here, and it would fail the
    // load of an otherwise usable document.
    if map.get("required").is_some_and(Value::is_boolean) {
        map.remove("required");
    }
    if let Some(c) = map.remove("const") {
        map.entry("enum").or_insert_with(|| Value::Array(vec![c]));
    }
    if let Some(Value::Array(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".to_owned(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n) = map.get(exclusive).filter(|v| v.is_number()).cloned() {
            map.insert(bound.to_owned(), n);
            map.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
    for key in ["oneOf", "anyOf"] {
        null_alternatives(map, key);
    }
    if let Some(Value::Array(items)) = map.get("items") {
        // Draft-4 tuple `items`: any item may be any of the listed schemas.
        let any_of = Value::Array(items.clone());
        map.insert("items".to_owned(), json!({"anyOf": any_of}));
    }
    if let Some(prefix) = map.remove("prefixItems") {
        map.entry("items")
            .or_insert_with(|| json!({"anyOf": prefix}));
    }
    if map.get("items").is_some_and(Value::is_boolean) {
        map.insert("items".to_owned(), json!({}));
    }
    if map.get("type").and_then(Value::as_str) == Some("string") && !map.contains_key("format") {
        if map.get("contentEncoding").and_then(Value::as_str) == Some("base64") {
            map.insert("format".to_owned(), json!("byte"));
        } else if map.get("contentMediaType").and_then(Value::as_str)
            == Some("application/octet-stream")
        {
            map.insert("format".to_owned(), json!("binary"));
        }
    }
    map.remove("$defs");
    map.remove("$schema");
    map.remove("$id");
}

/// `type: [string, "null"]` → `type: string, nullable: true`; several non-null types
/// become an `anyOf` of single types.
fn type_list(map: &mut Map<String, Value>) {
    let types: Vec<String> = match map.get("type") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(t)) if t == "null" => vec!["null".to_owned()],
        _ => return,
    };
    map.remove("type");
    let has_null = types.iter().any(|t| t == "null");
    let mut others: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
    if others.len() == 2
        && others.contains(&"integer".to_owned())
        && others.contains(&"number".to_owned())
    {
        others = vec!["number".to_owned()];
    }
    match others.len() {
        0 => {}
        1 => {
            map.insert("type".to_owned(), Value::String(others.remove(0)));
        }
        _ => {
            let alternatives = others.into_iter().map(|t| json!({"type": t})).collect();
            map.insert("anyOf".to_owned(), Value::Array(alternatives));
        }
    }
    if has_null {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
}

/// `oneOf: [X, {type: null}]` → `oneOf: [X], nullable: true`.
fn null_alternatives(map: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(list)) = map.get_mut(key) else {
        return;
    };
    let before = list.len();
    list.retain(|s| !is_null_schema(s));
    if list.len() != before {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
}

fn is_null_schema(s: &Value) -> bool {
    match s.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(list)) => list.len() == 1 && list[0] == "null",
        _ => s.get("const") == Some(&Value::Null) || s.get("enum") == Some(&json!([null])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(v: Value) -> Value {
        let mut v = v;
        schema(&mut v);
        v
    }

    #[test]
    fn type_arrays_become_nullable() {
        assert_eq!(
            norm(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            norm(json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn const_examples_and_exclusive_bounds() {
        assert_eq!(
            norm(json!({"const": "a", "examples": ["x", "y"], "exclusiveMinimum": 3})),
            json!({"enum": ["a"], "example": "x", "minimum": 3, "exclusiveMinimum": true})
        );
        // 3.0's boolean form is left alone.
        assert_eq!(
            norm(json!({"minimum": 1, "exclusiveMinimum": true})),
            json!({"minimum": 1, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn null_alternatives_become_nullable() {
        assert_eq!(
            norm(json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
            json!({"oneOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
    }
}
