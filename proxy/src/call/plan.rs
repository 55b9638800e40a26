//! Validation of a call query against the operation and the caller's shape (protocol
//! §4.2, §4.4, §5.1, §5.2), producing a [`CallPlan`]: what to send, and which
//! references to resolve.
//!
//! Errors come out in the order of the §4.2 table (`malformed-call` is
//! [`crate::call::query`]'s), then `invalid-secret-reference` (§5.2). Every offending
//! key of the first failing kind is listed. Nothing here resolves a reference or
//! looks at a secret: a plan holds names only.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};
use poly_model::api::unboxed;
use poly_model::manifest::{is_valid_secret_name, Binding, Slot, SlotTarget};
use poly_model::shape::ShapedOperation;
use poly_model::{Api, Operation, ParameterLocation, SecurityScheme};
use serde_json::Value;

use crate::call::query::CallQuery;
use crate::call::upstream::{is_ignored_header_parameter, is_proxy_controlled_header, serialize};
use crate::problem::{ParamError, Problem, ProblemKind};

/// A validated parameter value from the app.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedParam {
    /// Index into the operation's `parameters`.
    pub param: usize,
    /// The value, type-checked; an integral number given as `5.0` is normalised to `5`.
    pub value: Value,
}

/// A `secret.<Scheme>` reference to resolve in the caller's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRef {
    pub scheme: String,
    pub reference: String,
}

/// A `slot.<slot>` reference to resolve in the caller's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRef {
    pub slot: Slot,
    pub reference: String,
}

/// What a validated call will do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallPlan {
    /// In the description's parameter order.
    pub params: Vec<PlannedParam>,
    pub scheme_refs: Vec<SchemeRef>,
    pub slot_refs: Vec<SlotRef>,
    /// Keys (`header.X-API-Key`) the app sent for a credential place, dropped
    /// unforwarded (§4.4); for the audit log.
    pub dropped: Vec<String>,
}

/// A place a security scheme of the operation occupies (§4.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialPlace {
    pub location: ParameterLocation,
    pub name: String,
}

impl CredentialPlace {
    fn matches(&self, location: ParameterLocation, name: &str) -> bool {
        self.location == location
            && if location == ParameterLocation::Header {
                self.name.eq_ignore_ascii_case(name)
            } else {
                self.name == name
            }
    }
}

/// The credential places of the union of every scheme in every security alternative
/// of the operation (§4.4): not only the alternative the shape picked, so that an app
/// can never put its own value where any credential of this operation goes.
pub fn credential_places(api: &Api, op: &Operation) -> Vec<CredentialPlace> {
    let mut places: Vec<CredentialPlace> = Vec::new();
    for name in op.scheme_names() {
        let place = match api.security_schemes.get(name) {
            Some(SecurityScheme::ApiKey { location, name }) => CredentialPlace {
                location: match location {
                    poly_model::api::ApiKeyLocation::Header => ParameterLocation::Header,
                    poly_model::api::ApiKeyLocation::Query => ParameterLocation::Query,
                    poly_model::api::ApiKeyLocation::Cookie => ParameterLocation::Cookie,
                },
                name: name.clone(),
            },
            Some(
                SecurityScheme::Http { .. }
                | SecurityScheme::OAuth2 { .. }
                | SecurityScheme::OpenIdConnect { .. },
            ) => CredentialPlace {
                location: ParameterLocation::Header,
                name: "Authorization".to_owned(),
            },
            Some(SecurityScheme::MutualTls) | None => continue,
        };
        if !places
            .iter()
            .any(|p| p.matches(place.location, &place.name))
        {
            places.push(place);
        }
    }
    places
}

/// How deep [`check_type`] follows nested array items and `$ref`/composition.
const TYPE_CHECK_DEPTH: u8 = 16;

/// Validates `query` for `op` as the caller's `shaped` operation allows it.
pub fn plan(
    query: CallQuery,
    api: &Api,
    op: &Operation,
    shaped: &ShapedOperation,
) -> Result<CallPlan, Problem> {
    let places = credential_places(api, op);
    let mut plan = CallPlan::default();
    let mut unknown = Vec::new();
    let mut pinned = Vec::new();
    let mut invalid = Vec::new();
    let mut references = Vec::new();

    // Slot references first: whether a parameter is filled by a slot matters for the
    // required check, and a slot that also gets a plain value is a reference error.
    let mut filled_slots: Vec<&Slot> = Vec::new();
    for (name, reference) in &query.slots {
        let key = format!("slot.{name}");
        if !is_valid_secret_name(reference) {
            references.push(ParamError::new(key, "not a valid secret reference"));
            continue;
        }
        let Some(slot) = shaped.slots.iter().find(|s| s.name == *name) else {
            references.push(ParamError::new(
                key,
                "the operation has no secret slot of this name",
            ));
            continue;
        };
        filled_slots.push(slot);
        plan.slot_refs.push(SlotRef {
            slot: slot.clone(),
            reference: reference.clone(),
        });
    }

    for raw in &query.params {
        let key = format!("{}.{}", raw.location, raw.name);
        if places.iter().any(|p| p.matches(raw.location, &raw.name)) {
            plan.dropped.push(key);
            continue;
        }
        let found = op
            .parameters
            .iter()
            .enumerate()
            .find(|(_, p)| p.location == raw.location && p.matches_name(&raw.name));
        let Some((index, param)) = found else {
            unknown.push(ParamError::new(key, "the operation has no such parameter"));
            continue;
        };
        if param.location == ParameterLocation::Header && is_ignored_header_parameter(&param.name) {
            unknown.push(ParamError::new(
                key,
                "Accept, Content-Type and Authorization are not parameters",
            ));
            continue;
        }
        if shaped.is_pinned(raw.location, &raw.name) {
            pinned.push(ParamError::new(key, "this parameter is set by the proxy"));
            continue;
        }
        if let Some(slot) = filled_slots
            .iter()
            .find(|s| slot_targets(s, raw.location, &raw.name))
        {
            references.push(ParamError::new(
                format!("slot.{}", slot.name),
                format!("the parameter {key} is also given a plain value"),
            ));
            continue;
        }
        let mut value: Value = match serde_json::from_str(&raw.json) {
            Ok(v) => v,
            Err(_) => {
                invalid.push(ParamError::new(key, "the value is not valid JSON"));
                continue;
            }
        };
        if let Some(schema) = &param.schema {
            if param.media_type.is_none() {
                if let Err(detail) = check_type(api, schema, &mut value, 0) {
                    invalid.push(ParamError::new(key, detail));
                    continue;
                }
            }
        }
        if param.location == ParameterLocation::Header && is_proxy_controlled_header(&param.name) {
            invalid.push(ParamError::new(key, "this header is set by the proxy"));
            continue;
        }
        // The value must also serialize safely (§4.3): this catches `..` path values
        // and CR/LF in headers before any secret is resolved.
        if let Err(detail) = serialize(param, &value) {
            invalid.push(ParamError::new(key, detail));
            continue;
        }
        plan.params.push(PlannedParam {
            param: index,
            value,
        });
    }

    // Required parameters the call leaves empty. Pinned values, slot secrets and
    // credentials fill their places themselves.
    for param in &op.parameters {
        let filled = plan
            .params
            .iter()
            .any(|p| std::ptr::eq(&op.parameters[p.param], param))
            || shaped.is_pinned(param.location, &param.name)
            || filled_slots
                .iter()
                .any(|s| slot_targets(s, param.location, &param.name))
            || places
                .iter()
                .any(|p| p.matches(param.location, &param.name))
            || (param.location == ParameterLocation::Header
                && (is_ignored_header_parameter(&param.name)
                    || is_proxy_controlled_header(&param.name)
                    || param.name.eq_ignore_ascii_case("x-request-id")));
        let sent = query
            .params
            .iter()
            .any(|r| r.location == param.location && param.matches_name(&r.name));
        if param.required && !filled && !sent {
            invalid.push(ParamError::new(
                param.qualified_name(),
                "required parameter is missing",
            ));
        }
    }

    // Scheme references (§5.2).
    for (scheme, reference) in &query.schemes {
        let key = format!("secret.{scheme}");
        if !is_valid_secret_name(reference) {
            references.push(ParamError::new(key, "not a valid secret reference"));
            continue;
        }
        let by_reference = shaped
            .reference_schemes()
            .any(|b| b.scheme == *scheme && b.binding == Binding::Reference);
        if !by_reference {
            references.push(ParamError::new(
                key,
                "this security scheme does not take a reference for this operation",
            ));
            continue;
        }
        plan.scheme_refs.push(SchemeRef {
            scheme: scheme.clone(),
            reference: reference.clone(),
        });
    }
    for bound in shaped.reference_schemes() {
        if !query.schemes.iter().any(|(s, _)| *s == bound.scheme) {
            references.push(ParamError::new(
                format!("secret.{}", bound.scheme),
                "this operation needs a reference for this security scheme",
            ));
        }
    }
    // LIMITATION: §5.2 also makes a missing reference for a *required* slot an error,
    // but the manifest model (`poly_model::manifest::Slot`) has no `required` flag;
    // adding one there would let this loop check it.

    plan.params.sort_by_key(|p| p.param);
    let first = [
        (ProblemKind::UnknownParameter, unknown),
        (ProblemKind::PinnedParameter, pinned),
        (ProblemKind::InvalidParameter, invalid),
        (ProblemKind::InvalidSecretReference, references),
    ]
    .into_iter()
    .find(|(_, errors)| !errors.is_empty());
    match first {
        Some((kind, errors)) => Err(Problem::with_errors(kind, errors)),
        None => Ok(plan),
    }
}

fn slot_targets(slot: &Slot, location: ParameterLocation, name: &str) -> bool {
    match &slot.target {
        SlotTarget::Parameter {
            location: l,
            name: n,
        } => {
            *l == location
                && if location == ParameterLocation::Header {
                    n.eq_ignore_ascii_case(name)
                } else {
                    n == name
                }
        }
        SlotTarget::Body { .. } => false,
    }
}

/// The JSON type of a value, as the details name it.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Checks the JSON type of `value` against `schema` (§4.2): the type, `null` only
/// when nullable, integers integral, and array items recursively. Composition:
/// `allOf` needs every branch, `oneOf`/`anyOf` one. Further constraints (`enum`,
/// `format`, bounds) are left to the upstream, which is the authority on them.
///
/// An integral number written as a float (`5.0`, `1e3`) is accepted for an integer
/// and normalised to an integer, so that it is serialized as `5`.
fn check_type(
    api: &Api,
    schema: &ReferenceOr<Schema>,
    value: &mut Value,
    depth: u8,
) -> Result<(), String> {
    // An unresolvable reference or a schema nested beyond reason constrains nothing.
    let Some(schema) = api.resolve(schema) else {
        return Ok(());
    };
    if depth > TYPE_CHECK_DEPTH {
        return Ok(());
    }
    if value.is_null() {
        return if schema.schema_data.nullable || accepts_null(api, schema, depth) {
            Ok(())
        } else {
            Err("null is not allowed for this parameter".to_owned())
        };
    }
    let expected = match &schema.schema_kind {
        SchemaKind::Type(Type::String(_)) => "string",
        SchemaKind::Type(Type::Number(_)) => "number",
        SchemaKind::Type(Type::Integer(_)) => "integer",
        SchemaKind::Type(Type::Boolean(_)) => "boolean",
        SchemaKind::Type(Type::Object(_)) => "object",
        SchemaKind::Type(Type::Array(array)) => {
            let Value::Array(items) = value else {
                return Err(format!("expected array, got {}", type_name(value)));
            };
            if let Some(item_schema) = &array.items {
                let item_schema = unboxed(item_schema);
                for (i, item) in items.iter_mut().enumerate() {
                    check_type(api, &item_schema, item, depth + 1)
                        .map_err(|e| format!("item {i}: {e}"))?;
                }
            }
            return Ok(());
        }
        SchemaKind::AllOf { all_of } => {
            for branch in all_of {
                check_type(api, branch, value, depth + 1)?;
            }
            return Ok(());
        }
        SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
            if list.is_empty() {
                return Ok(());
            }
            let mut first_error = None;
            for branch in list {
                let mut candidate = value.clone();
                match check_type(api, branch, &mut candidate, depth + 1) {
                    Ok(()) => {
                        *value = candidate;
                        return Ok(());
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            return Err(first_error.unwrap_or_default());
        }
        SchemaKind::Not { .. } => return Ok(()),
        SchemaKind::Any(any) => match any.typ.as_deref() {
            Some(t @ ("string" | "number" | "integer" | "boolean" | "object" | "array")) => t,
            _ => return Ok(()),
        },
    };
    let ok = match expected {
        "string" => value.is_string(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => normalise_integer(value),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("expected {expected}, got {}", type_name(value)))
    }
}

/// Whether a composition admits `null` through one of its branches.
fn accepts_null(api: &Api, schema: &Schema, depth: u8) -> bool {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => list
            .iter()
            .any(|branch| check_type(api, branch, &mut Value::Null, depth + 1).is_ok()),
        _ => false,
    }
}

/// True for an integer; an integral float within ±2^53 becomes an integer.
fn normalise_integer(value: &mut Value) -> bool {
    let Value::Number(n) = value else {
        return false;
    };
    if n.is_i64() || n.is_u64() {
        return true;
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => {
            *value = Value::from(f as i64);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::erp_fixture::{acme, op, unrestricted};
    use crate::call::query::parse_call_query;
    use poly_model::shape::ShapedApi;

    fn run(api: &ShapedApi, id: &str, query: &str) -> Result<CallPlan, Problem> {
        let (shaped, op) = op(api, id);
        plan(parse_call_query(Some(query))?, &api.api, op, shaped)
    }

    fn failure(api: &ShapedApi, id: &str, query: &str) -> (ProblemKind, Vec<String>) {
        let problem = run(api, id, query).expect_err("the call is refused");
        let keys = problem.errors.iter().map(|e| e.parameter.clone()).collect();
        (problem.kind, keys)
    }

    fn value_of(api: &ShapedApi, id: &str, plan: &CallPlan, name: &str) -> Value {
        let (_, op) = op(api, id);
        plan.params
            .iter()
            .find(|p| op.parameters[p.param].name == name)
            .map(|p| p.value.clone())
            .unwrap_or_else(|| panic!("{name} is planned"))
    }

    #[test]
    fn wire_example_12b_plans_in_description_order() {
        let plan = run(
            acme(),
            "listContactNotes",
            "query.limit=50&path.contactId=%22c_81f2%22",
        )
        .unwrap();
        let (_, op) = op(acme(), "listContactNotes");
        let names: Vec<&str> = plan
            .params
            .iter()
            .map(|p| op.parameters[p.param].name.as_str())
            .collect();
        assert_eq!(names, ["contactId", "limit"]);
        assert_eq!(value_of(acme(), "listContactNotes", &plan, "limit"), 50);
        assert!(plan.scheme_refs.is_empty() && plan.dropped.is_empty());
    }

    #[test]
    fn undeclared_parameters_are_unknown() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&query.nope=1&header.X-Nope=%22x%22&path.limit=1",
        );
        assert_eq!(kind, ProblemKind::UnknownParameter);
        assert_eq!(keys, ["query.nope", "header.X-Nope", "path.limit"]);
    }

    #[test]
    fn accept_and_content_type_are_unknown_even_if_declared() {
        let (shaped, op) = op(unrestricted(), "listContactNotes");
        let mut op = op.clone();
        for name in ["Accept", "Content-Type"] {
            op.parameters.push(poly_model::Parameter {
                name: name.into(),
                location: ParameterLocation::Header,
                required: false,
                deprecated: false,
                description: None,
                schema: None,
                style: poly_model::api::ParameterStyle::Simple,
                explode: false,
                media_type: None,
            });
        }
        let query = parse_call_query(Some(
            "header.accept=%22a%2Fb%22&header.Content-Type=%22x%22",
        ))
        .unwrap();
        let problem = plan(query, &unrestricted().api, &op, shaped).unwrap_err();
        assert_eq!(problem.kind, ProblemKind::UnknownParameter);
        assert_eq!(problem.errors.len(), 2);
    }

    #[test]
    fn authorization_header_without_an_http_scheme_is_unknown() {
        // getServiceStatus has `security: []`: no credential place at all.
        let (kind, keys) = failure(acme(), "getServiceStatus", "header.Authorization=%22x%22");
        assert_eq!(kind, ProblemKind::UnknownParameter);
        assert_eq!(keys, ["header.Authorization"]);
    }

    #[test]
    fn pinned_parameters_are_refused_whatever_the_case() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&header.x-company-id=%224711%22",
        );
        assert_eq!(kind, ProblemKind::PinnedParameter);
        assert_eq!(keys, ["header.x-company-id"]);
    }

    #[test]
    fn unknown_comes_before_pinned_and_invalid() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "header.X-Company-Id=%221%22&query.limit=%22x%22&query.nope=1",
        );
        assert_eq!(kind, ProblemKind::UnknownParameter);
        assert_eq!(keys, ["query.nope"]);
        let (kind, _) = failure(
            acme(),
            "listContactNotes",
            "header.X-Company-Id=%221%22&query.limit=%22x%22",
        );
        assert_eq!(kind, ProblemKind::PinnedParameter);
    }

    #[test]
    fn invalid_parameter_lists_every_offending_key() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=5&query.limit=%2250%22&query.pinnedOnly=1&query.cursor=%7B",
        );
        assert_eq!(kind, ProblemKind::InvalidParameter);
        assert_eq!(
            keys,
            [
                "path.contactId",
                "query.limit",
                "query.pinnedOnly",
                "query.cursor"
            ]
        );
    }

    #[test]
    fn type_mismatch_detail_names_both_types() {
        let problem = run(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&query.limit=%22x%22",
        )
        .unwrap_err();
        assert_eq!(problem.errors[0].detail, "expected integer, got string");
    }

    #[test]
    fn integers_must_be_integral_and_integral_floats_are_normalised() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&query.limit=1.5",
        );
        assert_eq!(
            (kind, keys),
            (ProblemKind::InvalidParameter, vec!["query.limit".into()])
        );
        let plan = run(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&query.limit=5.0",
        )
        .unwrap();
        let limit = value_of(acme(), "listContactNotes", &plan, "limit");
        assert!(limit.is_i64(), "{limit}");
        assert_eq!(limit, 5);
    }

    #[test]
    fn null_only_when_nullable() {
        let (kind, _) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&query.cursor=null",
        );
        assert_eq!(kind, ProblemKind::InvalidParameter);
    }

    #[test]
    fn array_items_are_type_checked_through_refs() {
        // listContacts' `status` is an array of `$ref: ContactStatus` (a string enum).
        let ok = run(acme(), "listContacts", "query.status=%5B%22active%22%5D");
        assert!(ok.is_ok(), "{ok:?}");
        let (kind, keys) = failure(
            acme(),
            "listContacts",
            "query.status=%5B%22active%22%2C3%5D",
        );
        assert_eq!(
            (kind, keys),
            (ProblemKind::InvalidParameter, vec!["query.status".into()])
        );
        let (kind, _) = failure(acme(), "listContacts", "query.status=%22active%22");
        assert_eq!(kind, ProblemKind::InvalidParameter);
    }

    #[test]
    fn missing_required_parameter_is_invalid() {
        let (kind, keys) = failure(acme(), "listContactNotes", "query.limit=5");
        assert_eq!(
            (kind, keys),
            (ProblemKind::InvalidParameter, vec!["path.contactId".into()])
        );
        // The pinned X-Company-Id is required too, but the proxy fills it.
    }

    #[test]
    fn unsafe_values_are_invalid_before_any_secret_is_resolved() {
        for value in ["%22..%22", "%22.%22", "%22%22"] {
            let problem = run(
                acme(),
                "listContactNotes",
                &format!("path.contactId={value}"),
            )
            .unwrap_err();
            assert_eq!(problem.kind, ProblemKind::InvalidParameter);
            assert_eq!(problem.errors[0].parameter, "path.contactId");
            assert_eq!(
                problem.errors[0].detail,
                "must not serialize to an empty, '.' or '..' segment"
            );
        }
        let (kind, keys) = failure(
            acme(),
            "createContact",
            "header.Idempotency-Key=%22a%0D%0AX-Evil%3A%201%22",
        );
        assert_eq!(
            (kind, keys),
            (
                ProblemKind::InvalidParameter,
                vec!["header.Idempotency-Key".into()]
            )
        );
        let (kind, _) = failure(
            acme(),
            "createContact",
            "header.Idempotency-Key=%22caf%C3%A9%22",
        );
        assert_eq!(kind, ProblemKind::InvalidParameter);
    }

    #[test]
    fn credential_places_of_every_alternative_are_dropped() {
        // connectMailbox: OAuth2 or ApiKeyAuth; acme uses ApiKeyAuth, yet the app's
        // Authorization is a credential place of the other alternative.
        let plan = run(
            acme(),
            "connectMailbox",
            "header.authorization=%22Bearer%20x%22&header.x-api-key=%22k%22&slot.mailbox_password=mb-pw",
        )
        .unwrap();
        assert_eq!(plan.dropped, ["header.authorization", "header.x-api-key"]);
        assert!(plan.params.is_empty());
        let (_, op) = op(acme(), "connectMailbox");
        let places = credential_places(&acme().api, op);
        assert_eq!(places.len(), 2);
        // Inherited root security counts the same.
        let (_, notes) = crate::call::erp_fixture::op(acme(), "listContactNotes");
        assert_eq!(credential_places(&acme().api, notes), places);
    }

    #[test]
    fn scheme_reference_is_required_for_by_reference_schemes() {
        let (kind, keys) = failure(
            acme(),
            "deleteWebhookSubscription",
            "path.subscriptionId=%22s%22",
        );
        assert_eq!(
            (kind, keys),
            (
                ProblemKind::InvalidSecretReference,
                vec!["secret.OAuth2".into()]
            )
        );
        let plan = run(
            acme(),
            "deleteWebhookSubscription",
            "path.subscriptionId=%22s%22&secret.OAuth2=erp-partner-token",
        )
        .unwrap();
        assert_eq!(
            plan.scheme_refs,
            [SchemeRef {
                scheme: "OAuth2".into(),
                reference: "erp-partner-token".into()
            }]
        );
    }

    #[test]
    fn scheme_reference_for_a_config_bound_or_foreign_scheme_is_invalid() {
        let (kind, keys) = failure(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%22&secret.ApiKeyAuth=mine&secret.Nope=x",
        );
        assert_eq!(kind, ProblemKind::InvalidSecretReference);
        assert_eq!(keys, ["secret.ApiKeyAuth", "secret.Nope"]);
    }

    #[test]
    fn reference_syntax_is_checked() {
        for bad in [
            "",
            "%2Fabs",
            ".hidden",
            "a..b",
            "a%20b",
            "t%40x",
            &"a".repeat(129),
        ] {
            let (kind, _) = failure(
                acme(),
                "deleteWebhookSubscription",
                &format!("path.subscriptionId=%22s%22&secret.OAuth2={bad}"),
            );
            assert_eq!(kind, ProblemKind::InvalidSecretReference, "{bad}");
        }
        assert!(run(
            acme(),
            "deleteWebhookSubscription",
            &format!(
                "path.subscriptionId=%22s%22&secret.OAuth2={}",
                "a".repeat(128)
            )
        )
        .is_ok());
    }

    #[test]
    fn slot_references_only_for_declared_slots() {
        let (kind, keys) = failure(
            acme(),
            "deleteWebhookSubscription",
            "path.subscriptionId=%22s%22&secret.OAuth2=t&slot.webhook_signing_secret=s",
        );
        assert_eq!(
            (kind, keys),
            (
                ProblemKind::InvalidSecretReference,
                vec!["slot.webhook_signing_secret".into()]
            )
        );
        let plan = run(
            acme(),
            "createWebhookSubscription",
            "secret.OAuth2=t&slot.webhook_signing_secret=hooks/signing",
        )
        .unwrap();
        assert_eq!(plan.slot_refs[0].slot.name, "webhook_signing_secret");
        assert_eq!(plan.slot_refs[0].reference, "hooks/signing");
    }

    #[test]
    fn parameter_slot_with_a_plain_value_too_is_an_invalid_reference() {
        let (kind, keys) = failure(
            acme(),
            "connectMailbox",
            "slot.mailbox_password=mb&header.X-Mailbox-Password=%22pw%22",
        );
        assert_eq!(
            (kind, keys),
            (
                ProblemKind::InvalidSecretReference,
                vec!["slot.mailbox_password".into()]
            )
        );
    }

    #[test]
    fn parameter_slot_fills_a_required_parameter() {
        assert!(run(acme(), "connectMailbox", "slot.mailbox_password=mb").is_ok());
        // Without the slot and without a value, the required header is missing.
        let (kind, keys) = failure(acme(), "connectMailbox", "");
        assert_eq!(
            (kind, keys),
            (
                ProblemKind::InvalidParameter,
                vec!["header.X-Mailbox-Password".into()]
            )
        );
    }

    #[test]
    fn invalid_parameter_comes_before_invalid_reference() {
        let (kind, _) = failure(
            acme(),
            "deleteWebhookSubscription",
            "path.subscriptionId=5&secret.OAuth2=..bad",
        );
        assert_eq!(kind, ProblemKind::InvalidParameter);
    }

    #[test]
    fn problems_never_quote_references_or_values() {
        let problem = run(
            acme(),
            "deleteWebhookSubscription",
            "path.subscriptionId=%22s%22&secret.OAuth2=..sekrit-looking",
        )
        .unwrap_err();
        let body = problem.body("r").to_string();
        assert!(!body.contains("sekrit"), "{body}");
    }
}
