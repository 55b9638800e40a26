//! Checking a secret slot against the operation it names.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::raw::RawSlot;
use super::{parse_qualified_parameter, Slot, SlotTarget, Validator};
use crate::api::{unboxed, Api};
use crate::diagnostic::unknown_name_hint;
use crate::pointer;

pub(super) fn check(v: &mut Validator<'_>, at: &str, raw: RawSlot, api: &Api) -> Option<Slot> {
    let Some(op) = api.operation(&raw.operation) else {
        v.error(
            "unknown-operation",
            &pointer::push(at, "operation"),
            format!("the API has no operation `{}`", raw.operation),
            unknown_name_hint(
                &raw.operation,
                "operation",
                api.operations.iter().map(|o| o.id.as_str()),
            ),
        );
        return None;
    };

    let target = match (raw.parameter, raw.body) {
        (Some(p), None) => {
            let p_at = pointer::push(at, "parameter");
            let Some((location, name)) = parse_qualified_parameter(&p) else {
                v.error(
                    "invalid-parameter",
                    &p_at,
                    format!("`{p}` does not name a parameter"),
                    "write `<location>.<name>`, e.g. `header.X-Mailbox-Password`",
                );
                return None;
            };
            let Some(param) = op.parameter(location, name) else {
                let names: Vec<String> = op.parameters.iter().map(|q| q.qualified_name()).collect();
                v.error(
                    "unknown-parameter",
                    &p_at,
                    format!("operation `{}` has no parameter `{p}`", op.id),
                    unknown_name_hint(&p, "parameter", names.iter().map(String::as_str)),
                );
                return None;
            };
            SlotTarget::Parameter {
                location,
                name: param.name.clone(),
            }
        }
        (None, Some(body)) => {
            let b_at = pointer::push(at, "body");
            let json_schema = op
                .request_body
                .as_ref()
                .and_then(|b| b.content.iter().find(|m| m.is_json()))
                .and_then(|m| m.schema.as_ref());
            let Some(schema) = json_schema else {
                v.error(
                    "no-json-body",
                    &b_at,
                    format!(
                        "operation `{}` has no JSON request body for a body slot",
                        op.id
                    ),
                    "use a parameter slot, or pick an operation with a JSON body",
                );
                return None;
            };
            let Some(tokens) = pointer::tokens(&body).filter(|t| !t.is_empty()) else {
                v.error(
                    "invalid-pointer",
                    &b_at,
                    format!("`{body}` is not a JSON pointer to a body field"),
                    "write a pointer such as `/signingSecret` or `/auth/password`",
                );
                return None;
            };
            if let Err(known) = find_field(api, schema, &tokens, 0) {
                let missing = &tokens[known.0];
                v.error(
                    "unknown-body-field",
                    &b_at,
                    format!(
                        "the request body of `{}` has no field `{}`",
                        op.id,
                        pointer::join(&tokens[..=known.0])
                    ),
                    unknown_name_hint(missing, "field", known.1.iter().map(String::as_str)),
                );
                return None;
            }
            SlotTarget::Body { pointer: body }
        }
        _ => {
            v.error(
                "invalid-slot",
                at,
                format!(
                    "slot `{}` must name exactly one of `parameter` or `body`",
                    raw.name
                ),
                "a slot is one parameter or one JSON body field",
            );
            return None;
        }
    };
    Some(Slot {
        name: raw.name,
        operation: op.id.clone(),
        target,
        pointer: at.to_owned(),
    })
}

/// Follows `tokens` through object properties (and through `$ref`, `allOf`, `oneOf`,
/// `anyOf`, and array items for numeric tokens). On failure returns the index of the
/// first token not found and the names that were available there.
fn find_field(
    api: &Api,
    schema: &ReferenceOr<Schema>,
    tokens: &[String],
    depth: usize,
) -> Result<(), (usize, Vec<String>)> {
    if depth == tokens.len() {
        return Ok(());
    }
    let Some(schema) = api.resolve(schema) else {
        return Err((depth, Vec::new()));
    };
    let token = &tokens[depth];
    let mut known = Vec::new();
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            if let Some(p) = o.properties.get(token) {
                return find_field(api, &unboxed(p), tokens, depth + 1);
            }
            known.extend(o.properties.keys().cloned());
        }
        SchemaKind::Type(Type::Array(a)) if token.parse::<usize>().is_ok() || token == "-" => {
            if let Some(items) = &a.items {
                return find_field(api, &unboxed(items), tokens, depth + 1);
            }
        }
        SchemaKind::AllOf { all_of: list }
        | SchemaKind::OneOf { one_of: list }
        | SchemaKind::AnyOf { any_of: list } => {
            let mut deepest: Option<(usize, Vec<String>)> = None;
            for s in list {
                match find_field(api, s, tokens, depth) {
                    Ok(()) => return Ok(()),
                    Err(e) => {
                        if deepest
                            .as_ref()
                            .is_none_or(|d| e.0 > d.0 || (e.0 == d.0 && e.1.len() > d.1.len()))
                        {
                            deepest = Some(e);
                        }
                    }
                }
            }
            return Err(deepest.unwrap_or((depth, known)));
        }
        SchemaKind::Any(any) => {
            if let Some(p) = any.properties.get(token) {
                return find_field(api, &unboxed(p), tokens, depth + 1);
            }
            known.extend(any.properties.keys().cloned());
        }
        _ => {}
    }
    Err((depth, known))
}
