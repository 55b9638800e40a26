//! Visiting every schema of a (bundled) document, for the version normalisations.

use serde_json::{Map, Value};

/// Calls `f` on every schema in `doc`, parents before children, including schemas
/// nested in other schemas. `f` may rewrite the schema in place; its children are
/// visited as they are after the rewrite.
pub(crate) fn schemas_mut(doc: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    generic(doc, "", f);
}

fn generic(value: &mut Value, parent_key: &str, f: &mut dyn FnMut(&mut Value)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k.starts_with("x-")
                    || matches!(k.as_str(), "example" | "examples" | "callbacks" | "links")
                {
                    continue;
                }
                match k.as_str() {
                    "schema" => schema(v, f),
                    "schemas" if parent_key == "components" => schema_map(v, f),
                    "definitions" if parent_key.is_empty() => schema_map(v, f),
                    _ => generic(v, k, f),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| generic(v, parent_key, f)),
        _ => {}
    }
}

fn schema_map(value: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    if let Value::Object(map) = value {
        map.values_mut().for_each(|v| schema(v, f));
    }
}

fn schema_list(value: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    if let Value::Array(items) = value {
        items.iter_mut().for_each(|v| schema(v, f));
    }
}

pub(crate) fn schema(value: &mut Value, f: &mut dyn FnMut(&mut Value)) {
    f(value);
    let Value::Object(map) = value else { return };
    children(map, f);
}

fn children(map: &mut Map<String, Value>, f: &mut dyn FnMut(&mut Value)) {
    for (k, v) in map.iter_mut() {
        match k.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                schema_map(v, f)
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => schema_list(v, f),
            "items" if v.is_array() => schema_list(v, f),
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "if"
            | "then"
            | "else"
            | "propertyNames"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "additionalItems"
            | "contentSchema"
                if v.is_object() || (k == "items" && v.is_boolean()) =>
            {
                schema(v, f)
            }
            _ => {}
        }
    }
}
