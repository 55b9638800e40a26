//! The model of one API description, whatever version it was written in.
//!
//! Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1 documents all end up here (see
//! [`crate::openapi`]). Invariants a consumer may rely on:
//!
//! - every operation has a unique, non-empty [`Operation::id`];
//! - parameters, request bodies and responses are inlined: no `$ref` is left outside
//!   schemas;
//! - every schema reference is `#/components/schemas/<name>` and `<name>` is a key of
//!   [`Api::schemas`] (see [`schema_ref_name`]).

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

/// The version of the specification a document was written against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum SpecVersion {
    #[serde(rename = "2.0")]
    Swagger2,
    #[serde(rename = "3.0")]
    OpenApi30,
    #[serde(rename = "3.1")]
    OpenApi31,
}

impl fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecVersion::Swagger2 => "Swagger 2.0",
            SpecVersion::OpenApi30 => "OpenAPI 3.0",
            SpecVersion::OpenApi31 => "OpenAPI 3.1",
        })
    }
}

/// One loaded API description.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub spec_version: SpecVersion,
    /// Server URLs from the description. The manifest's pinned upstream overrides these.
    pub servers: Vec<String>,
    pub operations: Vec<Operation>,
    /// Named schemas; schema references point here.
    pub schemas: IndexMap<String, ReferenceOr<Schema>>,
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// Tag names with their descriptions, in document order.
    pub tags: IndexMap<String, Option<String>>,
    /// Names of 3.1 webhooks: described, but not callable through the proxy.
    pub webhooks: Vec<String>,
    /// Every file read to build this API (the root first), for `rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

impl Api {
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|op| op.id == id)
    }

    /// Resolves a schema reference to the named schema it points at, following
    /// aliases (a named schema that is itself a reference) a bounded number of times.
    pub fn resolve<'a>(&'a self, schema: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
        let mut current = schema;
        for _ in 0..32 {
            match current {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference } => {
                    current = self.schemas.get(schema_ref_name(reference)?)?;
                }
            }
        }
        None
    }

    /// Names of the schemas reachable from the given operations, in a stable order.
    pub fn reachable_schemas<'a, I>(&self, operations: I) -> BTreeSet<String>
    where
        I: IntoIterator<Item = &'a Operation>,
    {
        let mut seen = BTreeSet::new();
        let mut queue: Vec<&ReferenceOr<Schema>> = Vec::new();
        for op in operations {
            queue.extend(op.schemas());
        }
        while let Some(schema) = queue.pop() {
            let mut names = Vec::new();
            collect_refs(schema, &mut names);
            for name in names {
                if let Some(target) = self.schemas.get(name) {
                    if seen.insert(name.to_owned()) {
                        queue.push(target);
                    }
                }
            }
        }
        seen
    }
}

/// `#/components/schemas/Pet` → `Pet`.
// LIMITATION: a schema whose name contains `/` or `~` is referenced as `Foo~1Bar`,
// which this does not unescape, so such schemas are unreachable from references.
// Fix: return `Cow<str>` unescaped through `pointer::unescape`.
pub fn schema_ref_name(reference: &str) -> Option<&str> {
    reference
        .strip_prefix("#/components/schemas/")
        .filter(|n| !n.contains('/'))
}

/// A property or item schema (`ReferenceOr<Box<Schema>>` in openapiv3) as a plain
/// `ReferenceOr<Schema>`, so one function can handle both.
pub fn unboxed(s: &ReferenceOr<Box<Schema>>) -> ReferenceOr<Schema> {
    match s {
        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
            reference: reference.clone(),
        },
        ReferenceOr::Item(b) => ReferenceOr::Item((**b).clone()),
    }
}

/// Collects the names of schemas directly referenced from `schema` (not transitively).
pub fn collect_refs<'a>(schema: &'a ReferenceOr<Schema>, out: &mut Vec<&'a str>) {
    match schema {
        ReferenceOr::Reference { reference } => out.extend(schema_ref_name(reference)),
        ReferenceOr::Item(s) => collect_item_refs(s, out),
    }
}

fn collect_boxed<'a>(schema: &'a ReferenceOr<Box<Schema>>, out: &mut Vec<&'a str>) {
    match schema {
        ReferenceOr::Reference { reference } => out.extend(schema_ref_name(reference)),
        ReferenceOr::Item(s) => collect_item_refs(s, out),
    }
}

fn collect_item_refs<'a>(schema: &'a Schema, out: &mut Vec<&'a str>) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            o.properties.values().for_each(|p| collect_boxed(p, out));
            if let Some(openapiv3::AdditionalProperties::Schema(s)) = &o.additional_properties {
                collect_refs(s, out);
            }
        }
        SchemaKind::Type(Type::Array(a)) => {
            if let Some(items) = &a.items {
                collect_boxed(items, out);
            }
        }
        SchemaKind::Type(_) => {}
        SchemaKind::OneOf { one_of: list }
        | SchemaKind::AllOf { all_of: list }
        | SchemaKind::AnyOf { any_of: list } => list.iter().for_each(|s| collect_refs(s, out)),
        SchemaKind::Not { not } => collect_refs(not, out),
        SchemaKind::Any(any) => {
            any.properties.values().for_each(|p| collect_boxed(p, out));
            if let Some(openapiv3::AdditionalProperties::Schema(s)) = &any.additional_properties {
                collect_refs(s, out);
            }
            if let Some(items) = &any.items {
                collect_boxed(items, out);
            }
            for list in [&any.one_of, &any.all_of, &any.any_of] {
                list.iter().for_each(|s| collect_refs(s, out));
            }
            if let Some(not) = &any.not {
                collect_refs(not, out);
            }
        }
    }
}

/// HTTP methods an operation can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s))
    }

    /// Safe to repeat: a runtime may retry these on a transport failure.
    pub fn is_idempotent(self) -> bool {
        matches!(
            self,
            Method::Get
                | Method::Head
                | Method::Put
                | Method::Delete
                | Method::Options
                | Method::Trace
        )
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One callable operation: a method on a path template.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The `operationId`, or a name derived from method and path when there is none.
    pub id: String,
    /// True when [`Operation::id`] was derived rather than written in the document.
    pub id_derived: bool,
    pub method: Method,
    /// The path template as written (`/contacts/{contactId}`).
    pub path: String,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub parameters: Vec<Parameter>,
    pub request_body: Option<RequestBody>,
    pub responses: Vec<Response>,
    /// Alternatives (any one suffices), each a set of schemes that must all be
    /// satisfied. An empty list means the operation needs no credentials; an empty
    /// alternative among others means credentials are optional.
    pub security: Vec<SecurityRequirement>,
    /// Where the operation is in the root document (`/paths/~1contacts/get`).
    pub pointer: String,
}

impl Operation {
    /// `GET /contacts/{contactId}`: the form route selectors match against.
    pub fn route(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    pub fn parameter(&self, location: ParameterLocation, name: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|p| p.location == location && p.matches_name(name))
    }

    /// Every schema the operation uses directly.
    pub fn schemas(&self) -> impl Iterator<Item = &ReferenceOr<Schema>> {
        let params = self.parameters.iter().filter_map(|p| p.schema.as_ref());
        let body = self
            .request_body
            .iter()
            .flat_map(|b| b.content.iter())
            .filter_map(|m| m.schema.as_ref());
        let responses = self.responses.iter().flat_map(|r| {
            r.content
                .iter()
                .filter_map(|m| m.schema.as_ref())
                .chain(r.headers.iter().filter_map(|h| h.schema.as_ref()))
        });
        params.chain(body).chain(responses)
    }

    /// The security schemes any alternative of this operation uses.
    pub fn scheme_names(&self) -> BTreeSet<&str> {
        self.security
            .iter()
            .flat_map(|r| r.schemes.keys().map(String::as_str))
            .collect()
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParameterLocation {
    pub const ALL: [ParameterLocation; 4] = [
        ParameterLocation::Path,
        ParameterLocation::Query,
        ParameterLocation::Header,
        ParameterLocation::Cookie,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        }
    }

    pub fn parse(s: &str) -> Option<ParameterLocation> {
        ParameterLocation::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for ParameterLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How an array or object parameter is written on the wire (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParameterStyle {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub location: ParameterLocation,
    pub required: bool,
    pub deprecated: bool,
    pub description: Option<String>,
    pub schema: Option<ReferenceOr<Schema>>,
    pub style: ParameterStyle,
    pub explode: bool,
    /// Set when the parameter is described by `content` (a serialised JSON value, say)
    /// rather than a schema and style.
    pub media_type: Option<String>,
}

impl Parameter {
    /// Header names compare case-insensitively; all others exactly.
    pub fn matches_name(&self, name: &str) -> bool {
        if self.location == ParameterLocation::Header {
            self.name.eq_ignore_ascii_case(name)
        } else {
            self.name == name
        }
    }

    /// `query.limit`: how the protocol and the manifest name a parameter.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.location, self.name)
    }
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub required: bool,
    pub description: Option<String>,
    /// One entry per media type, in document order.
    pub content: Vec<MediaType>,
}

#[derive(Debug, Clone)]
pub struct MediaType {
    pub media_type: String,
    pub schema: Option<ReferenceOr<Schema>>,
}

impl MediaType {
    pub fn is_json(&self) -> bool {
        let essence = self
            .media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        essence == "application/json" || essence.ends_with("+json")
    }
}

/// Which responses a [`Response`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum StatusSelector {
    Code(u16),
    /// `2XX` is `Range(2)`.
    Range(u8),
    Default,
}

impl fmt::Display for StatusSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusSelector::Code(c) => write!(f, "{c}"),
            StatusSelector::Range(r) => write!(f, "{r}XX"),
            StatusSelector::Default => f.write_str("default"),
        }
    }
}

impl StatusSelector {
    pub fn is_success(self) -> bool {
        matches!(
            self,
            StatusSelector::Code(200..=299) | StatusSelector::Range(2)
        )
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: StatusSelector,
    pub description: String,
    pub headers: Vec<ResponseHeader>,
    pub content: Vec<MediaType>,
}

#[derive(Debug, Clone)]
pub struct ResponseHeader {
    pub name: String,
    pub description: Option<String>,
    pub schema: Option<ReferenceOr<Schema>>,
}

/// Scheme name → required scopes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRequirement {
    pub schemes: IndexMap<String, Vec<String>>,
}

/// How a security scheme puts a credential into a request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SecurityScheme {
    ApiKey {
        location: ApiKeyLocation,
        name: String,
    },
    /// `scheme` is the lowercased HTTP auth scheme: `basic`, `bearer`, …
    Http {
        scheme: String,
        bearer_format: Option<String>,
    },
    OAuth2 {
        flows: Vec<OAuthFlow>,
    },
    OpenIdConnect {
        url: String,
    },
    MutualTls,
}

impl SecurityScheme {
    pub fn kind(&self) -> &'static str {
        match self {
            SecurityScheme::ApiKey { .. } => "apiKey",
            SecurityScheme::Http { scheme, .. } if scheme == "basic" => "http basic",
            SecurityScheme::Http { scheme, .. } if scheme == "bearer" => "http bearer",
            SecurityScheme::Http { .. } => "http",
            SecurityScheme::OAuth2 { .. } => "oauth2",
            SecurityScheme::OpenIdConnect { .. } => "openIdConnect",
            SecurityScheme::MutualTls => "mutualTLS",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlow {
    pub kind: OAuthFlowKind,
    pub token_url: Option<String>,
    pub authorization_url: Option<String>,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OAuthFlowKind {
    Implicit,
    Password,
    ClientCredentials,
    AuthorizationCode,
}
