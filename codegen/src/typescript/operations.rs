//! Operations as methods: parameters, bodies, results, errors and the call each
//! method hands to the runtime.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use poly_model::api::{
    ApiKeyLocation, MediaType, Method, Operation, ParameterLocation, RequestBody, Response,
    SecurityScheme, StatusSelector,
};
use poly_model::manifest::{Binding, SlotTarget};
use poly_model::shape::ShapedOperation;
use serde::Serialize;

use super::docs::Doc;
use super::names::{self, property_key, string_literal, Scope};
use super::types::{object_parts, Member, Ty, Writer};

/// One generated method.
#[derive(Debug, Clone, Serialize)]
pub struct OperationView {
    pub method: String,
    pub doc: Vec<String>,
    /// `params: CreateContactParams, options?: CallOptions`.
    pub signature: String,
    pub result: String,
    /// A named result type, when the result is too big to repeat inline.
    pub result_alias: Option<ResultAlias>,
    pub params: Option<ParamsView>,
    pub call: CallView,
    /// For the README.
    pub summary: String,
    pub route: String,
    pub example: String,
    /// Model names (and `Binary`) the method's types use, for imports.
    #[serde(skip)]
    pub refs: BTreeSet<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultAlias {
    pub name: String,
    pub doc: Vec<String>,
    #[serde(rename = "type")]
    pub ty: String,
}

/// The interface of a method's first argument.
#[derive(Debug, Clone, Serialize)]
pub struct ParamsView {
    pub name: String,
    pub doc: Vec<String>,
    pub members: Vec<Member>,
}

/// What a method passes to `Transport.call`: literals and property accesses only.
#[derive(Debug, Clone, Serialize)]
pub struct CallView {
    pub api: String,
    pub operation_id: String,
    pub idempotent: bool,
    pub parameters: Vec<ParameterArg>,
    pub secrets: Vec<SecretArg>,
    pub slots: Vec<SlotArg>,
    pub body: Option<BodyArg>,
    pub accept: Option<String>,
    pub response: String,
    pub errors: Vec<ErrorArg>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParameterArg {
    pub location: String,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SecretArg {
    pub scheme: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SlotArg {
    pub slot: String,
    pub value: String,
    pub parameter: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyArg {
    pub encoding: String,
    pub media_type: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorArg {
    pub status: u16,
    pub class: String,
}

/// Error classes of one API, by status, with the body types operations document.
#[derive(Debug, Default)]
pub struct ErrorCatalogue {
    pub classes: BTreeMap<u16, ErrorClass>,
}

#[derive(Debug)]
pub struct ErrorClass {
    pub name: String,
    pub bodies: Vec<Ty>,
}

/// Everything one operation needs besides its own data.
pub struct Context<'x, 'm, 'a> {
    pub api_name: &'x str,
    pub api: &'x poly_model::Api,
    pub writer: &'x mut Writer<'m, 'a>,
    pub errors: &'x mut ErrorCatalogue,
    pub types: &'x mut Scope,
    /// Where the client reaches this method, e.g. `client.crm`.
    pub receiver: &'x str,
}

/// How a request body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Json,
    Form,
    Multipart,
    Binary,
    Text,
}

impl Encoding {
    fn as_str(self) -> &'static str {
        match self {
            Encoding::Json => "json",
            Encoding::Form => "form",
            Encoding::Multipart => "multipart",
            Encoding::Binary => "binary",
            Encoding::Text => "text",
        }
    }
}

/// How a success body comes back.
#[derive(Debug, Clone, PartialEq)]
enum Answer<'o> {
    Json(Option<&'o ReferenceOr<Schema>>),
    /// JSON by its schema, but under a wildcard media type: decided at run time.
    Auto(Option<&'o ReferenceOr<Schema>>),
    Stream,
    Text,
    Void,
}

pub fn is_idempotent(method: Method) -> bool {
    // Protocol section 11 (TRACE is not in its list).
    matches!(
        method,
        Method::Get | Method::Head | Method::Put | Method::Delete | Method::Options
    )
}

/// Builds the method for `op` called `method`.
pub fn operation(
    cx: &mut Context<'_, '_, '_>,
    shaped: &ShapedOperation,
    op: &Operation,
    method: &str,
) -> OperationView {
    let _span = tracing::debug_span!("operation", id = %op.id).entered();
    let base = names::type_name(&op.id);
    let mut members = Vec::new();
    let mut keys = Scope::new(&["body", "secrets", "slots"]);
    let mut parameters = Vec::new();
    let credential_places = credential_places(cx.api, op);

    for p in &op.parameters {
        let lower = p.name.to_ascii_lowercase();
        let ignored_header = p.location == ParameterLocation::Header
            && matches!(lower.as_str(), "accept" | "content-type" | "authorization");
        let credential = credential_places
            .iter()
            .any(|(l, n)| *l == p.location && p.matches_name(n));
        if shaped.is_pinned(p.location, &p.name) || ignored_header || credential {
            continue;
        }
        // A parameter slot: the app may name a secret instead of giving a value.
        let slot = shaped.slots.iter().find_map(|s| match &s.target {
            SlotTarget::Parameter { location, name }
                if *location == p.location && p.matches_name(name) =>
            {
                Some(s.name.as_str())
            }
            _ => None,
        });
        let key = keys.claim(
            &names::member_name(&p.name),
            &names::pascal(p.location.as_str()),
        );
        let ty = cx.writer.ty_or_unknown(p.schema.as_ref(), 1);
        let mut doc = Doc::new().text(p.description.as_deref());
        if key != p.name {
            doc = doc.text(Some(&format!(
                "Sent as the `{}` {} parameter.",
                p.name, p.location
            )));
        }
        if let Some(slot) = slot {
            doc = doc.text(Some(&format!(
                "Alternatively, name a secret for it in `slots.{slot}`."
            )));
        }
        if let Some(ReferenceOr::Item(schema)) = &p.schema {
            doc = super::types::schema_tags(schema, doc);
        }
        doc = doc.tag_if(
            p.deprecated && !doc_has_deprecated(p.schema.as_ref()),
            "deprecated",
            "",
        );
        members.push(Member {
            doc: doc.lines(),
            readonly: false,
            key: key.clone(),
            optional: !p.required || slot.is_some(),
            ty: ty.text,
            refs: ty.refs,
        });
        parameters.push(ParameterArg {
            location: string_literal(p.location.as_str()),
            name: string_literal(&p.name),
            value: access("params", &key, false),
        });
    }

    let body = op.request_body.as_ref().and_then(|rb| {
        let (media, encoding) = choose_body(rb)?;
        Some((rb, media, encoding))
    });
    let mut body_arg = None;
    if let Some((rb, media, encoding)) = body {
        let ty = body_type(cx.writer, cx.api, media, encoding, shaped);
        let mut doc = Doc::new().text(rb.description.as_deref());
        doc = doc.text(Some(&format!("Sent as `{}`.", media.media_type)));
        members.push(Member {
            doc: doc.lines(),
            readonly: false,
            key: "body".to_owned(),
            optional: !rb.required,
            ty: ty.text,
            refs: ty.refs,
        });
        let media_type = if encoding == Encoding::Json && media.media_type.contains('*') {
            "application/json".to_owned()
        } else {
            media.media_type.clone()
        };
        body_arg = Some(BodyArg {
            encoding: string_literal(encoding.as_str()),
            media_type: string_literal(&media_type),
            value: "params.body".to_owned(),
        });
    }

    let by_reference: Vec<&str> = shaped
        .reference_schemes()
        .map(|b| b.scheme.as_str())
        .collect();
    let mut secrets = Vec::new();
    if !by_reference.is_empty() {
        let fields: Vec<String> = by_reference
            .iter()
            .map(|s| format!("{}?: SecretRef", property_key(s)))
            .collect();
        members.push(Member {
            doc: Doc::new()
                .text(Some(
                    "Secret references for the schemes this call authenticates with, resolved by \
                     the proxy in your tenant and environment. Each defaults to the client's \
                     `secrets`.",
                ))
                .lines(),
            readonly: false,
            key: "secrets".to_owned(),
            optional: true,
            ty: format!("{{ {} }}", fields.join("; ")),
            refs: BTreeSet::new(),
        });
        for scheme in &by_reference {
            secrets.push(SecretArg {
                scheme: string_literal(scheme),
                value: access("params.secrets", scheme, true),
            });
        }
    }

    let mut slots = Vec::new();
    if !shaped.slots.is_empty() {
        let mut doc = Doc::new().text(Some(
            "Secret references the proxy resolves and puts into the request in place of a value:",
        ));
        let mut fields = Vec::new();
        for slot in &shaped.slots {
            let (place, parameter) = match &slot.target {
                SlotTarget::Parameter { location, name } => (
                    format!("the `{name}` {location} parameter"),
                    Some(string_literal(&format!("{location}.{name}"))),
                ),
                SlotTarget::Body { pointer } => (format!("the body field `{pointer}`"), None),
            };
            doc = doc.text(Some(&format!("- `{}`: {place}.", slot.name)));
            fields.push(format!("{}?: SecretRef", property_key(&slot.name)));
            slots.push(SlotArg {
                slot: string_literal(&slot.name),
                value: access("params.slots", &slot.name, true),
                parameter,
            });
        }
        members.push(Member {
            doc: doc.lines(),
            readonly: false,
            key: "slots".to_owned(),
            optional: true,
            ty: format!("{{ {} }}", fields.join("; ")),
            refs: BTreeSet::new(),
        });
    }

    // Results.
    let success = success_responses(op);
    let answers: Vec<Answer<'_>> = success.iter().map(|r| answer(r)).collect();
    let (result_ty, response_kind) = result(cx.writer, &answers);
    let accept = accept_header(&success);

    // Errors.
    let mut errors = Vec::new();
    let mut throws = Vec::new();
    for r in &op.responses {
        let StatusSelector::Code(code) = r.status else {
            continue;
        };
        if (200..300).contains(&code) || !(100..600).contains(&code) {
            continue;
        }
        let body = error_body(cx.writer, r);
        let class = cx.errors.class(code, body, cx.types);
        throws.push((class.clone(), code, r.description.clone()));
        errors.push(ErrorArg {
            status: code,
            class,
        });
    }

    let params_name = (!members.is_empty()).then(|| cx.types.claim(&format!("{base}Params"), ""));
    let all_optional = members.iter().all(|m| m.optional);
    let signature = match &params_name {
        None => "options?: CallOptions".to_owned(),
        Some(name) if all_optional => format!("params: {name} = {{}}, options?: CallOptions"),
        Some(name) => format!("params: {name}, options?: CallOptions"),
    };

    let result_alias = result_ty.text.contains('\n').then(|| ResultAlias {
        name: cx.types.claim(&format!("{base}Result"), ""),
        doc: Doc::new()
            .text(Some(&format!("What `{method}` returns.")))
            .lines(),
        ty: result_ty.text.clone(),
    });
    let result = result_alias
        .as_ref()
        .map_or_else(|| result_ty.text.clone(), |a| a.name.clone());

    let mut doc = Doc::new()
        .text(op.summary.as_deref())
        .text(op.description.as_deref());
    if !by_reference.is_empty() {
        let list: Vec<String> = by_reference.iter().map(|s| format!("`{s}`")).collect();
        doc = doc.text(Some(&format!(
            "Authenticates with {} by reference: the proxy resolves the secret you name in `secrets`.",
            list.join(" and ")
        )));
    }
    doc = doc.tag_if(op.deprecated, "deprecated", "");
    for (class, code, description) in &throws {
        doc = doc.tag("throws", &format!("{{{class}}} {code}: {description}"));
    }

    let params = params_name.map(|name| ParamsView {
        doc: Doc::new()
            .text(Some(&format!(
                "The arguments of `{}.{method}`.",
                cx.receiver
            )))
            .lines(),
        name,
        members: members.clone(),
    });
    let example = example_call(cx.receiver, method, &members);
    let mut refs = result_ty.refs.clone();
    for m in &members {
        refs.extend(m.refs.iter().cloned());
    }

    OperationView {
        method: method.to_owned(),
        doc: doc.lines(),
        signature,
        result,
        result_alias,
        params,
        call: CallView {
            api: string_literal(cx.api_name),
            operation_id: string_literal(&op.id),
            idempotent: is_idempotent(op.method),
            parameters,
            secrets,
            slots,
            body: body_arg,
            accept: accept.map(|a| string_literal(&a)),
            response: string_literal(response_kind),
            errors,
        },
        summary: op
            .summary
            .clone()
            .or_else(|| op.description.clone())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|"),
        route: op.route(),
        example,
        refs,
    }
}

fn doc_has_deprecated(schema: Option<&ReferenceOr<Schema>>) -> bool {
    matches!(schema, Some(ReferenceOr::Item(s)) if s.schema_data.deprecated)
}

/// `params.key`, or `params["odd key"]`; `?.` when the base may be absent.
fn access(base: &str, key: &str, optional: bool) -> String {
    let dot = if optional { "?." } else { "." };
    if names::is_identifier(key) {
        format!("{base}{dot}{key}")
    } else if optional {
        format!("{base}?.[{}]", string_literal(key))
    } else {
        format!("{base}[{}]", string_literal(key))
    }
}

/// Places that security schemes of the operation fill; the proxy drops app values
/// there (protocol section 4.4), so the SDK does not offer them.
fn credential_places(api: &poly_model::Api, op: &Operation) -> Vec<(ParameterLocation, String)> {
    op.scheme_names()
        .into_iter()
        .filter_map(|name| api.security_schemes.get(name))
        .map(|scheme| match scheme {
            SecurityScheme::ApiKey { location, name } => (
                match location {
                    ApiKeyLocation::Header => ParameterLocation::Header,
                    ApiKeyLocation::Query => ParameterLocation::Query,
                    ApiKeyLocation::Cookie => ParameterLocation::Cookie,
                },
                name.clone(),
            ),
            _ => (ParameterLocation::Header, "Authorization".to_owned()),
        })
        .collect()
}

fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn is_textual(media_type: &str) -> bool {
    let e = essence(media_type);
    e.starts_with("text/") || e.ends_with("/xml") || e.ends_with("+xml")
}

fn is_binary_schema(schema: Option<&ReferenceOr<Schema>>) -> bool {
    matches!(
        schema,
        Some(ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Type(Type::String(openapiv3::StringType {
                format: VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
                ..
            })),
            ..
        }))
    )
}

/// The media type the SDK sends: JSON first, then forms, then the first declared.
fn choose_body(rb: &RequestBody) -> Option<(&MediaType, Encoding)> {
    if let Some(m) = rb.content.iter().find(|m| m.is_json()) {
        return Some((m, Encoding::Json));
    }
    let by_essence = |e: &str| rb.content.iter().find(|m| essence(&m.media_type) == e);
    if let Some(m) = by_essence("application/x-www-form-urlencoded") {
        return Some((m, Encoding::Form));
    }
    if let Some(m) = by_essence("multipart/form-data") {
        return Some((m, Encoding::Multipart));
    }
    let m = rb.content.first()?;
    if is_textual(&m.media_type) && !is_binary_schema(m.schema.as_ref()) {
        Some((m, Encoding::Text))
    } else {
        Some((m, Encoding::Binary))
    }
}

fn body_type(
    writer: &mut Writer<'_, '_>,
    api: &poly_model::Api,
    media: &MediaType,
    encoding: Encoding,
    shaped: &ShapedOperation,
) -> Ty {
    match encoding {
        Encoding::Text => Ty::atom("string"),
        Encoding::Binary => {
            if essence(&media.media_type) == "application/octet-stream"
                || is_binary_schema(media.schema.as_ref())
            {
                Ty::binary()
            } else {
                Ty::union(vec![Ty::binary(), Ty::atom("string")])
            }
        }
        Encoding::Json | Encoding::Form | Encoding::Multipart => {
            let ty = writer.ty_or_unknown(media.schema.as_ref(), 1);
            if encoding != Encoding::Json {
                return ty;
            }
            // A body slot on a top-level field: the app may leave the field out.
            let fields: Vec<&str> = shaped
                .slots
                .iter()
                .filter_map(|s| match &s.target {
                    SlotTarget::Body { pointer } => {
                        let field = pointer.strip_prefix('/')?;
                        (!field.contains('/') && !field.contains('~')).then_some(field)
                    }
                    SlotTarget::Parameter { .. } => None,
                })
                .filter(|field| has_property(api, media, field))
                .collect();
            if fields.is_empty() || !names::is_identifier(&ty.text) {
                return ty;
            }
            let keys: Vec<String> = fields.iter().map(|f| string_literal(f)).collect();
            let optional: Vec<String> = fields
                .iter()
                .map(|f| format!("{}?: {}[{}]", property_key(f), ty.text, string_literal(f)))
                .collect();
            Ty::built(
                format!(
                    "Omit<{}, {}> & {{ {} }}",
                    ty.text,
                    keys.join(" | "),
                    optional.join("; ")
                ),
                ty.refs.clone(),
            )
        }
    }
}

/// True if the body schema is an object with the property `field`.
fn has_property(api: &poly_model::Api, media: &MediaType, field: &str) -> bool {
    media
        .schema
        .as_ref()
        .and_then(|s| api.resolve(s))
        .and_then(object_parts)
        .is_some_and(|(props, _, _)| props.contains_key(field))
}

/// Success responses: 2xx codes and `2XX`; with none documented, `default`.
fn success_responses(op: &Operation) -> Vec<&Response> {
    let success: Vec<&Response> = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .collect();
    if success.is_empty() {
        op.responses
            .iter()
            .filter(|r| r.status == StatusSelector::Default)
            .collect()
    } else {
        success
    }
}

fn answer(r: &Response) -> Answer<'_> {
    if r.content.is_empty() {
        return Answer::Void;
    }
    if let Some(m) = r.content.iter().find(|m| m.is_json()) {
        return Answer::Json(m.schema.as_ref());
    }
    let first = &r.content[0];
    let e = essence(&first.media_type);
    if (e == "*/*" || e == "application/*") && !is_binary_schema(first.schema.as_ref()) {
        return Answer::Auto(first.schema.as_ref());
    }
    if is_textual(&first.media_type) && !is_binary_schema(first.schema.as_ref()) {
        return Answer::Text;
    }
    Answer::Stream
}

/// The method's result type and the runtime's response kind.
fn result(writer: &mut Writer<'_, '_>, answers: &[Answer<'_>]) -> (Ty, &'static str) {
    if answers.is_empty() {
        return (Ty::unknown(), "auto");
    }
    let kind = |a: &Answer<'_>| match a {
        Answer::Json(_) => "json",
        Answer::Auto(_) => "auto",
        Answer::Stream => "stream",
        Answer::Text => "text",
        Answer::Void => "void",
    };
    let first = kind(&answers[0]);
    let response_kind = if answers.iter().all(|a| kind(a) == first) {
        first
    } else {
        "auto"
    };
    if response_kind == "void" {
        return (Ty::atom("void"), "void");
    }
    let parts = answers
        .iter()
        .map(|a| match a {
            Answer::Json(s) | Answer::Auto(s) => writer.ty_or_unknown(*s, 0),
            Answer::Stream => Ty::atom("ReadableStream<Uint8Array>"),
            Answer::Text => Ty::atom("string"),
            Answer::Void => Ty::atom("undefined"),
        })
        .collect();
    (Ty::union(parts), response_kind)
}

/// `Accept`: the documented success media types the SDK decodes, if none is a wildcard.
fn accept_header(success: &[&Response]) -> Option<String> {
    let mut types: Vec<String> = Vec::new();
    for r in success {
        let chosen: Vec<&MediaType> = match r.content.iter().find(|m| m.is_json()) {
            Some(json) => vec![json],
            None => r.content.iter().collect(),
        };
        for m in chosen {
            if m.media_type.contains('*') {
                return None;
            }
            if !types.contains(&m.media_type) {
                types.push(m.media_type.clone());
            }
        }
    }
    (!types.is_empty()).then(|| types.join(", "))
}

/// The type of an error body as the runtime hands it over: parsed JSON, the text of
/// another body, `undefined` when none is documented.
fn error_body(writer: &mut Writer<'_, '_>, r: &Response) -> Ty {
    if r.content.is_empty() {
        return Ty::atom("undefined");
    }
    match r.content.iter().find(|m| m.is_json()) {
        Some(m) => writer.ty_or_unknown(m.schema.as_ref(), 1),
        None => Ty::atom("string"),
    }
}

impl ErrorCatalogue {
    /// The class for `status`, adding `body` to the types it documents.
    fn class(&mut self, status: u16, body: Ty, types: &mut Scope) -> String {
        let entry = self.classes.entry(status).or_insert_with(|| ErrorClass {
            name: types.claim(&format!("{}Error", status_name(status)), ""),
            bodies: Vec::new(),
        });
        if !entry.bodies.iter().any(|b| b.text == body.text) {
            entry.bodies.push(body);
        }
        entry.name.clone()
    }
}

/// `404` → `NotFound`.
pub fn status_name(status: u16) -> String {
    let name = match status {
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        _ => return format!("Status{status}"),
    };
    name.to_owned()
}

/// `await client.crm.getContact({ contactId: "…" });` with placeholder values for the
/// required arguments, for the README.
fn example_call(receiver: &str, method: &str, members: &[Member]) -> String {
    let required: Vec<String> = members
        .iter()
        .filter(|m| !m.optional)
        .map(|m| format!("{}: {}", m.key, placeholder(&m.ty)))
        .collect();
    let args = if required.is_empty() {
        String::new()
    } else {
        format!("{{ {} }}", required.join(", "))
    };
    format!("await {receiver}.{method}({args})")
}

fn placeholder(ty: &str) -> String {
    let first = ty.split(" | ").next().unwrap_or(ty).trim();
    match first {
        "string" => "\"…\"".to_owned(),
        "number" => "1".to_owned(),
        "boolean" => "true".to_owned(),
        t if t.starts_with('"') || t.parse::<f64>().is_ok() => t.to_owned(),
        t if t.ends_with("[]") => "[]".to_owned(),
        _ => "{ /* … */ }".to_owned(),
    }
}

/// By-reference schemes of an operation, for the client's default `secrets`.
pub fn reference_schemes(shaped: &ShapedOperation) -> BTreeSet<String> {
    shaped
        .security
        .iter()
        .filter(|b| b.binding == Binding::Reference)
        .map(|b| b.scheme.clone())
        .collect()
}
