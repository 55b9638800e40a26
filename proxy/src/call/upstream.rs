//! The upstream request head (protocol §4.3, §7), the request-body checks (§6) and
//! body-field slots (§5.3).
//!
//! Security invariant 1 (§13) lives here: the method, scheme, host, port and path come
//! only from the pinned upstream and the description. Every parameter value is
//! percent-encoded octet by octet before it is placed, the path is assembled as a
//! string of already-encoded segments, and the result is checked to have come out of
//! [`url::Url`] unchanged, so no value can add a segment, a dot-segment, a query or a
//! fragment, or change the origin.

use std::borrow::Cow;
use std::fmt;

use base64::Engine as _;
use http::header::{HeaderName, HeaderValue};
use http::HeaderMap;
use percent_encoding::{percent_encode, utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use poly_model::api::{ApiKeyLocation, ParameterStyle};
use poly_model::{Api, Operation, Parameter, ParameterLocation, SecurityScheme};
use serde_json::Value;
use url::Url;
use zeroize::Zeroizing;

use crate::call::plan::CallPlan;
use crate::problem::{ParamError, Problem, ProblemKind};

/// Everything outside the RFC 3986 unreserved set (`A-Z a-z 0-9 - . _ ~`): what §4.3
/// requires for path segments and for query names and values. `percent_encoding`
/// writes uppercase hex.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Literal text of a path template (from the description, not the app): `pchar`
/// characters stay, anything that could end a segment or the path (`/ ? #`), `%`,
/// spaces and non-ASCII are encoded, so even an odd template cannot restructure the URL.
const TEMPLATE_LITERAL: &AsciiSet = &UNRESERVED
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Octets that RFC 6265 does not allow in a cookie value (controls, space, `"`, `,`,
/// `;`, `\`, non-ASCII), plus `%` so that decoding is unambiguous.
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Header parameters whose name the proxy controls: framing, routing and identity
/// headers that a description may (wrongly) declare. Sending them from app values
/// would let the app bend request framing or virtual-host routing, so they are
/// refused as values that cannot be serialized safely (§4.2, §13 invariant 1).
/// `Accept`, `Content-Type` and `Authorization` are not here: §4.2 makes them
/// `unknown-parameter`.
const PROXY_CONTROLLED_HEADERS: &[&str] = &[
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
    "expect",
    "cookie",
    "proxy-authorization",
    "user-agent",
    "content-encoding",
    "accept-encoding",
];

/// Header parameters that OpenAPI ignores (and §4.2 therefore calls unknown).
const IGNORED_HEADER_PARAMETERS: &[&str] = &["accept", "content-type", "authorization"];

pub(crate) fn is_proxy_controlled_header(name: &str) -> bool {
    PROXY_CONTROLLED_HEADERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

pub(crate) fn is_ignored_header_parameter(name: &str) -> bool {
    IGNORED_HEADER_PARAMETERS
        .iter()
        .any(|h| h.eq_ignore_ascii_case(name))
}

/// A credential to inject for one security scheme (§5.3).
pub struct Credential<'a> {
    pub scheme_name: &'a str,
    pub scheme: &'a SecurityScheme,
    /// The secret: the token or key, or `user:password` for HTTP basic.
    pub value: &'a [u8],
}

impl fmt::Debug for Credential<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("scheme_name", &self.scheme_name)
            .field("scheme", &self.scheme.kind())
            .field("value", &"<secret>")
            .finish()
    }
}

/// What [`build_request`] needs: the validated call, the pinned destination and the
/// resolved secrets.
pub struct RequestInput<'a> {
    pub api: &'a Api,
    pub op: &'a Operation,
    pub plan: &'a CallPlan,
    /// The pinned upstream base URL (§1).
    pub upstream: &'a Url,
    /// Pinned parameters: (location, name, configuration value).
    pub pinned: &'a [(ParameterLocation, &'a str, &'a str)],
    pub credentials: &'a [Credential<'a>],
    /// Resolved parameter-slot secrets: (location, name, secret).
    pub slot_params: &'a [(ParameterLocation, &'a str, &'a [u8])],
    pub request_id: &'a str,
    /// The app's `Accept` header (§2.1).
    pub accept: Option<&'a str>,
    /// The app's `Content-Type` header, checked by [`check_body`].
    pub content_type: Option<&'a str>,
}

/// The upstream request line and headers. The body is the call's (§6).
pub struct UpstreamHead {
    pub method: http::Method,
    pub url: Url,
    pub headers: HeaderMap,
}

impl fmt::Debug for UpstreamHead {
    /// Without the query (an API key may travel there) and without header values
    /// (credentials are there): only what is safe to log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("UpstreamHead")
            .field("method", &self.method)
            .field("origin", &self.url.origin().ascii_serialization())
            .field("path", &self.url.path())
            .field("headers", &names)
            .finish()
    }
}

/// A parameter value serialized for its location (§4.3), already encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Serialized {
    /// The text that replaces `{name}` in the path template.
    Path(String),
    /// `name=value` pairs of the query string, both parts encoded.
    Query(Vec<(String, String)>),
    /// A header value (validated, not encoded).
    Header(String),
    /// `name=value` cookie pairs, values encoded.
    Cookie(Vec<(String, String)>),
}

/// Serializes one parameter value per §4.3: the description's style and explode
/// (the model fills in the OpenAPI defaults), strings without quotes, numbers and
/// booleans as JSON text, `null` as the empty string, a `content` parameter as its
/// JSON text, and a compound value nested inside a compound value (which no style
/// defines) as its JSON text. Errors are `detail` texts for `invalid-parameter`;
/// they never quote the value, which may be a secret (a parameter slot).
pub(crate) fn serialize(param: &Parameter, value: &Value) -> Result<Serialized, &'static str> {
    let json_text;
    let value = if param.media_type.is_some() {
        json_text = Value::String(value.to_string());
        &json_text
    } else {
        value
    };
    let name = param.name.as_str();
    let explode = param.explode;
    Ok(match param.location {
        ParameterLocation::Path => {
            let piece = path_piece(name, param.style, explode, value);
            if matches!(piece.as_str(), "" | "." | "..") {
                return Err("must not serialize to an empty, '.' or '..' segment");
            }
            Serialized::Path(piece)
        }
        ParameterLocation::Query => {
            Serialized::Query(query_pairs(name, param.style, explode, value))
        }
        ParameterLocation::Header => {
            let text = simple(value, explode, &|s| Cow::Borrowed(s));
            if !is_header_text(text.as_bytes()) {
                return Err("a header value must be visible ASCII, spaces or tabs");
            }
            Serialized::Header(text)
        }
        ParameterLocation::Cookie => {
            let pairs = cookie_pairs(name, explode, value);
            if pairs.iter().any(|(n, _)| !is_token(n)) {
                return Err("the cookie name cannot be represented");
            }
            Serialized::Cookie(pairs)
        }
    })
}

/// A scalar as text: strings raw, `null` empty, numbers and booleans as JSON, and a
/// nested array or object as its JSON text.
fn scalar(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

fn encode(s: &str) -> Cow<'_, str> {
    utf8_percent_encode(s, UNRESERVED).into()
}

fn encode_cookie(s: &str) -> Cow<'_, str> {
    utf8_percent_encode(s, COOKIE_VALUE).into()
}

/// `simple` style (also the body of `label` and the shape of header values):
/// `a,b,c`; objects `k,v,k2,v2`, or `k=v,k2=v2` exploded.
fn simple(value: &Value, explode: bool, enc: &dyn Fn(&str) -> Cow<'_, str>) -> String {
    delimited(value, explode, ",", ",", enc)
}

/// Items joined by `sep`; object members as `k<sep>v` or, exploded, `k=v` joined by
/// `exploded_sep`.
fn delimited(
    value: &Value,
    explode: bool,
    sep: &str,
    exploded_sep: &str,
    enc: &dyn Fn(&str) -> Cow<'_, str>,
) -> String {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|i| enc(&scalar(i)).into_owned())
            .collect::<Vec<_>>()
            .join(if explode { exploded_sep } else { sep }),
        Value::Object(members) if explode => members
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(&scalar(v))))
            .collect::<Vec<_>>()
            .join(exploded_sep),
        Value::Object(members) => members
            .iter()
            .flat_map(|(k, v)| [enc(k).into_owned(), enc(&scalar(v)).into_owned()])
            .collect::<Vec<_>>()
            .join(sep),
        other => enc(&scalar(other)).into_owned(),
    }
}

/// The text for `{name}` in a path template. Only the style's own delimiters
/// (`,` `.` `;` `=`) are literal; everything from the value is encoded.
fn path_piece(name: &str, style: ParameterStyle, explode: bool, value: &Value) -> String {
    match style {
        ParameterStyle::Label => {
            format!(".{}", delimited(value, explode, ",", ".", &encode))
        }
        ParameterStyle::Matrix => {
            let name = encode(name);
            match value {
                Value::Array(items) if explode => items
                    .iter()
                    .map(|i| format!(";{name}={}", encode(&scalar(i))))
                    .collect(),
                Value::Object(members) if explode => members
                    .iter()
                    .map(|(k, v)| format!(";{}={}", encode(k), encode(&scalar(v))))
                    .collect(),
                Value::Null => format!(";{name}"),
                other => format!(";{name}={}", simple(other, false, &encode)),
            }
        }
        // `simple` is the default; other styles are not defined for path parameters.
        _ => simple(value, explode, &encode),
    }
}

/// The query pairs of one parameter (`form` by default; `spaceDelimited`,
/// `pipeDelimited` and `deepObject` for arrays and objects).
fn query_pairs(
    name: &str,
    style: ParameterStyle,
    explode: bool,
    value: &Value,
) -> Vec<(String, String)> {
    let enc_name = encode(name).into_owned();
    let one = |text: String| vec![(enc_name.clone(), text)];
    match (style, value) {
        (ParameterStyle::DeepObject, Value::Object(members)) => members
            .iter()
            .map(|(k, v)| {
                (
                    format!("{enc_name}[{}]", encode(k)),
                    encode(&scalar(v)).into_owned(),
                )
            })
            .collect(),
        (ParameterStyle::SpaceDelimited, Value::Array(_) | Value::Object(_)) if !explode => {
            one(delimited(value, false, "%20", "%20", &encode))
        }
        (ParameterStyle::PipeDelimited, Value::Array(_) | Value::Object(_)) if !explode => {
            one(delimited(value, false, "|", "|", &encode))
        }
        (_, Value::Array(items)) if explode => items
            .iter()
            .map(|i| (enc_name.clone(), encode(&scalar(i)).into_owned()))
            .collect(),
        (_, Value::Object(members)) if explode => members
            .iter()
            .map(|(k, v)| (encode(k).into_owned(), encode(&scalar(v)).into_owned()))
            .collect(),
        (_, other) => one(simple(other, false, &encode)),
    }
}

/// The cookie pairs of one parameter (`form`, the only cookie style).
fn cookie_pairs(name: &str, explode: bool, value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Array(items) if explode => items
            .iter()
            .map(|i| (name.to_owned(), encode_cookie(&scalar(i)).into_owned()))
            .collect(),
        Value::Object(members) if explode => members
            .iter()
            .map(|(k, v)| (k.clone(), encode_cookie(&scalar(v)).into_owned()))
            .collect(),
        other => vec![(name.to_owned(), simple(other, false, &encode_cookie))],
    }
}

/// Visible ASCII, space or tab (§4.3): no CR, LF, NUL or other controls, no obs-text.
pub(crate) fn is_header_text(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| b == b'\t' || (b' '..=b'~').contains(&b))
}

/// An RFC 9110 token (header and cookie names).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Where one serialized value goes, and whether it is a secret.
struct Placed<'a> {
    /// Position in the operation's parameter list, for a stable order.
    order: usize,
    param: &'a Parameter,
    value: Value,
    sensitive: bool,
}

/// Builds the upstream request head (§7) from a validated plan.
///
/// Parameters are serialized in the description's order; pinned values and
/// parameter-slot secrets are written as strings. Credentials are injected last, so
/// they are always the only value in their place (§4.4).
pub fn build_request(input: RequestInput<'_>) -> Result<UpstreamHead, Problem> {
    let RequestInput {
        op,
        plan,
        upstream,
        pinned,
        credentials,
        slot_params,
        request_id,
        accept,
        content_type,
        // The description's schemes arrive with each credential.
        api: _,
    } = input;

    // Gather every value with its parameter.
    let mut placed: Vec<Placed<'_>> = Vec::new();
    for planned in &plan.params {
        let param = op.parameters.get(planned.param).ok_or_else(internal)?;
        placed.push(Placed {
            order: planned.param,
            param,
            value: planned.value.clone(),
            sensitive: false,
        });
    }
    for (location, name, value) in pinned {
        let (order, param) = find_param(op, *location, name).ok_or_else(internal)?;
        placed.push(Placed {
            order,
            param,
            value: Value::String((*value).to_owned()),
            sensitive: false,
        });
    }
    for (location, name, secret) in slot_params {
        let (order, param) = find_param(op, *location, name).ok_or_else(internal)?;
        let Ok(text) = std::str::from_utf8(secret) else {
            return Err(Problem::with_errors(
                ProblemKind::InvalidParameter,
                vec![ParamError::new(
                    param.qualified_name(),
                    "the slot's secret is not UTF-8 text",
                )],
            ));
        };
        placed.push(Placed {
            order,
            param,
            value: Value::String(text.to_owned()),
            sensitive: true,
        });
    }
    placed.sort_by_key(|p| p.order);

    let mut errors = Vec::new();
    let mut path_values: Vec<(&str, String)> = Vec::new();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers = HeaderMap::new();
    let mut cookies: Vec<(String, String)> = Vec::new();
    let mut sensitive_cookie = false;

    for p in &placed {
        let key = p.param.qualified_name();
        let serialized = match serialize(p.param, &p.value) {
            Ok(s) => s,
            Err(detail) => {
                errors.push(ParamError::new(key, detail));
                continue;
            }
        };
        // An exploded object (`form`, `deepObject`) names pairs after its members,
        // which come from the app: none may take the name of another parameter, a
        // pinned value or a credential, or the upstream would see two values for it.
        let foreign = |pairs: &[(String, String)], location, encoded: &dyn Fn(&str) -> String| {
            let own = encoded(&p.param.name);
            pairs.iter().any(|(n, _)| {
                *n != own
                    && (op.parameters.iter().any(|other| {
                        other.location == location && encoded(&other.name).eq_ignore_ascii_case(n)
                    }) || credentials.iter().any(|c| {
                        matches!(c.scheme, SecurityScheme::ApiKey { location: l, name }
                            if key_location(*l) == location
                                && encoded(name).eq_ignore_ascii_case(n))
                    }))
            })
        };
        let shadows = match &serialized {
            Serialized::Query(pairs) => {
                foreign(pairs, ParameterLocation::Query, &|n| encode(n).into_owned())
            }
            Serialized::Cookie(pairs) => foreign(pairs, ParameterLocation::Cookie, &str::to_owned),
            Serialized::Path(_) | Serialized::Header(_) => false,
        };
        if shadows {
            errors.push(ParamError::new(
                key,
                "a member of this object has the name of another parameter or a credential",
            ));
            continue;
        }
        match serialized {
            Serialized::Path(piece) => path_values.push((p.param.name.as_str(), piece)),
            Serialized::Query(pairs) => query.extend(pairs),
            Serialized::Header(text) => {
                if is_proxy_controlled_header(&p.param.name) {
                    errors.push(ParamError::new(key, "this header is set by the proxy"));
                    continue;
                }
                let (Ok(name), Ok(mut value)) = (
                    HeaderName::from_bytes(p.param.name.as_bytes()),
                    HeaderValue::from_str(&text),
                ) else {
                    errors.push(ParamError::new(key, "the header cannot be represented"));
                    continue;
                };
                value.set_sensitive(p.sensitive);
                headers.insert(name, value);
            }
            Serialized::Cookie(pairs) => {
                sensitive_cookie |= p.sensitive;
                cookies.extend(pairs);
            }
        }
    }

    if !errors.is_empty() {
        return Err(Problem::with_errors(ProblemKind::InvalidParameter, errors));
    }
    let path = render_path(upstream, &op.path, &path_values)
        .map_err(|errors| Problem::with_errors(ProblemKind::InvalidParameter, errors))?;

    // Credentials: always the only value in their place.
    for credential in credentials {
        match credential.scheme {
            SecurityScheme::ApiKey { location, name } => match location {
                ApiKeyLocation::Header => {
                    let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| internal())?;
                    headers.insert(name, credential_header(credential.value)?);
                }
                ApiKeyLocation::Query => {
                    let enc_name = encode(name).into_owned();
                    query.retain(|(n, _)| *n != enc_name);
                    let value = percent_encode(credential.value, UNRESERVED).to_string();
                    query.push((enc_name, value));
                }
                ApiKeyLocation::Cookie => {
                    if !is_token(name) {
                        return Err(internal());
                    }
                    cookies.retain(|(n, _)| n != name);
                    let value = percent_encode(credential.value, COOKIE_VALUE).to_string();
                    cookies.push((name.clone(), value));
                    sensitive_cookie = true;
                }
            },
            SecurityScheme::Http { scheme, .. } => {
                let value = if scheme == "basic" {
                    let encoded = Zeroizing::new(
                        base64::engine::general_purpose::STANDARD.encode(credential.value),
                    );
                    authorization("Basic", encoded.as_bytes())?
                } else if scheme == "bearer" {
                    authorization("Bearer", credential.value)?
                } else {
                    // Another registered scheme (`token`, …): written as named.
                    if !is_token(scheme) {
                        return Err(internal());
                    }
                    authorization(scheme, credential.value)?
                };
                headers.insert(http::header::AUTHORIZATION, value);
            }
            SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIdConnect { .. } => {
                headers.insert(
                    http::header::AUTHORIZATION,
                    authorization("Bearer", credential.value)?,
                );
            }
            // LIMITATION: mutual TLS needs a client certificate on the connection, which
            // is the egress client's business; nothing goes into the request head.
            SecurityScheme::MutualTls => {}
        }
    }

    if !cookies.is_empty() {
        let text = cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut value = HeaderValue::from_str(&text).map_err(|_| internal())?;
        value.set_sensitive(sensitive_cookie);
        headers.insert(http::header::COOKIE, value);
    }

    // The proxy's own headers (§7); X-Request-Id overrides any parameter of that name.
    let request_id = HeaderValue::from_str(request_id).map_err(|_| internal())?;
    headers.insert(HeaderName::from_static("x-request-id"), request_id);
    // Redaction reads the response as sent: ask for no content coding (§8.2).
    headers.insert(
        http::header::ACCEPT_ENCODING,
        HeaderValue::from_static("identity"),
    );
    headers.insert(
        http::header::USER_AGENT,
        HeaderValue::from_static(concat!("poly-proxy/", env!("CARGO_PKG_VERSION"))),
    );
    if let Some(content_type) = content_type {
        let value = HeaderValue::from_str(content_type).map_err(|_| {
            Problem::new(
                ProblemKind::UnsupportedMediaType,
                "The Content-Type header is not a valid media type.",
            )
        })?;
        headers.insert(http::header::CONTENT_TYPE, value);
    }
    if let Some(value) = upstream_accept(op, accept) {
        headers.insert(http::header::ACCEPT, value);
    }

    let mut url = upstream.clone();
    url.set_fragment(None);
    url.set_path(&path);
    let query_text = query
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    url.set_query((!query.is_empty()).then_some(query_text.as_str()));
    // The URL must be exactly what was assembled: if the parser changed anything, a
    // value would have been interpreted as structure. Unreachable by construction.
    if url.path() != path
        || url.query() != (!query.is_empty()).then_some(query_text.as_str())
        || url.origin() != upstream.origin()
        || url.fragment().is_some()
    {
        tracing::error!(operation = %op.id, "the upstream URL did not survive assembly unchanged");
        return Err(internal());
    }

    let method = http::Method::from_bytes(op.method.as_str().as_bytes()).map_err(|_| internal())?;
    Ok(UpstreamHead {
        method,
        url,
        headers,
    })
}

/// Where an API key goes, as a parameter location.
fn key_location(location: ApiKeyLocation) -> ParameterLocation {
    match location {
        ApiKeyLocation::Header => ParameterLocation::Header,
        ApiKeyLocation::Query => ParameterLocation::Query,
        ApiKeyLocation::Cookie => ParameterLocation::Cookie,
    }
}

fn internal() -> Problem {
    Problem::new(
        ProblemKind::Internal,
        "The upstream request could not be built from the configuration.",
    )
}

fn find_param<'a>(
    op: &'a Operation,
    location: ParameterLocation,
    name: &str,
) -> Option<(usize, &'a Parameter)> {
    op.parameters
        .iter()
        .enumerate()
        .find(|(_, p)| p.location == location && p.matches_name(name))
}

/// `<Scheme> <secret>`, marked sensitive so that HTTP/2 does not index it and
/// `Debug` does not print it. A secret that cannot be a header value is a
/// configuration error; the detail says so without quoting it.
fn authorization(scheme: &str, secret: &[u8]) -> Result<HeaderValue, Problem> {
    let mut text = Zeroizing::new(Vec::with_capacity(scheme.len() + 1 + secret.len()));
    text.extend_from_slice(scheme.as_bytes());
    text.push(b' ');
    text.extend_from_slice(secret);
    credential_header(&text)
}

// LIMITATION: `HeaderValue` keeps its own copy of the credential in a `Bytes` that is
// not zeroized on drop; a header type that wipes itself would fix it.
fn credential_header(bytes: &[u8]) -> Result<HeaderValue, Problem> {
    if !is_header_text(bytes) {
        return Err(Problem::new(
            ProblemKind::Internal,
            "A credential for this operation cannot be sent in an HTTP header.",
        ));
    }
    let mut value = HeaderValue::from_bytes(bytes).map_err(|_| internal())?;
    value.set_sensitive(true);
    Ok(value)
}

/// The upstream path: the pinned base path without its trailing `/`, then the
/// template joined with exactly one `/` (§7). Each template segment is rendered on
/// its own, literal text encoded with [`TEMPLATE_LITERAL`] and `{name}` replaced by
/// the already-encoded piece, so a segment can never split or vanish. A segment made
/// of placeholders that comes out empty, `.` or `..` is `invalid-parameter` (§4.3).
fn render_path(
    upstream: &Url,
    template: &str,
    values: &[(&str, String)],
) -> Result<String, Vec<ParamError>> {
    let mut errors = Vec::new();
    let mut path = upstream.path().trim_end_matches('/').to_owned();
    let template = template.strip_prefix('/').unwrap_or(template);
    for segment in template.split('/') {
        path.push('/');
        let start = path.len();
        let mut names_in_segment = Vec::new();
        let mut rest = segment;
        while !rest.is_empty() {
            let Some(open) = rest.find('{') else {
                path.extend(utf8_percent_encode(rest, TEMPLATE_LITERAL));
                break;
            };
            path.extend(utf8_percent_encode(&rest[..open], TEMPLATE_LITERAL));
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                path.extend(utf8_percent_encode(&rest[open..], TEMPLATE_LITERAL));
                break;
            };
            let name = &after[..close];
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, piece)) => path.push_str(piece),
                None => errors.push(ParamError::new(
                    format!("path.{name}"),
                    "required parameter is missing",
                )),
            }
            names_in_segment.push(name);
            rest = &after[close + 1..];
        }
        if !names_in_segment.is_empty() && matches!(&path[start..], "" | "." | "..") {
            for name in names_in_segment {
                errors.push(ParamError::new(
                    format!("path.{name}"),
                    "must not serialize to an empty, '.' or '..' segment",
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(path)
    } else {
        Err(errors)
    }
}

/// The `Accept` sent upstream (§2.1): the app's, if every media range in it is a
/// documented response media type of the operation; otherwise the documented types,
/// or none when the description documents none. An app that sends no `Accept` gets
/// none sent upstream.
fn upstream_accept(op: &Operation, accept: Option<&str>) -> Option<HeaderValue> {
    let mut documented: Vec<&str> = Vec::new();
    for media in op.responses.iter().flat_map(|r| r.content.iter()) {
        let t = media.media_type.as_str();
        if !documented.iter().any(|d| d.eq_ignore_ascii_case(t)) {
            documented.push(t);
        }
    }
    // No Accept from the app: none upstream either (as in wire example 12.f).
    let accept = accept?;
    let qualifies = is_header_text(accept.as_bytes())
        && !accept.trim().is_empty()
        && accept.split(',').all(|range| {
            let essence = media_essence(range);
            documented.iter().any(|d| media_essence(d) == essence)
        });
    if qualifies {
        return HeaderValue::from_str(accept).ok();
    }
    if documented.is_empty() {
        return None;
    }
    HeaderValue::from_str(&documented.join(", ")).ok()
}

/// `Type/Subtype; charset=x` → `type/subtype`.
fn media_essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Checks the request body's framing against the operation (§6), before any upstream
/// contact. `body_is_empty` is `None` when the emptiness is not known yet (a chunked
/// body); such a body is then treated as possibly non-empty.
///
/// Order: `Content-Encoding` (415), body presence (400 `malformed-call`),
/// `Content-Type` (415), declared length (413).
/// A chunked body on an operation without one cannot be refused here; `exchange`
/// refuses it on its first byte.
pub fn check_body(
    op: &Operation,
    content_type: Option<&str>,
    content_encoding: Option<&str>,
    declared_len: Option<u64>,
    body_is_empty: Option<bool>,
    limit: u64,
) -> Result<(), Problem> {
    if let Some(encoding) = content_encoding {
        if !encoding.trim().eq_ignore_ascii_case("identity") {
            return Err(Problem::new(
                ProblemKind::UnsupportedMediaType,
                "Request bodies must not be content-encoded (only identity is accepted).",
            ));
        }
    }
    let Some(body) = &op.request_body else {
        if body_is_empty == Some(false) {
            return Err(Problem::new(
                ProblemKind::MalformedCall,
                "This operation takes no request body.",
            ));
        }
        return Ok(());
    };
    if body_is_empty == Some(true) {
        if body.required {
            return Err(Problem::new(
                ProblemKind::MalformedCall,
                "This operation requires a request body.",
            ));
        }
    } else {
        let Some(content_type) = content_type else {
            return Err(Problem::new(
                ProblemKind::UnsupportedMediaType,
                "A request body needs a Content-Type.",
            ));
        };
        let declared: Vec<&str> = body.content.iter().map(|m| m.media_type.as_str()).collect();
        if !media_type_allowed(content_type, &declared) {
            return Err(Problem::new(
                ProblemKind::UnsupportedMediaType,
                format!(
                    "Content-Type must be one of the operation's request media types: {}.",
                    declared.join(", ")
                ),
            ));
        }
    }
    if declared_len.is_some_and(|n| n > limit) {
        return Err(Problem::new(
            ProblemKind::BodyTooLarge,
            format!("The request body is larger than the limit of {limit} bytes."),
        ));
    }
    Ok(())
}

/// Whether `content_type` (a concrete `type/subtype`, parameters ignored) matches one
/// of the declared media types, case-insensitively and honouring `*/*` and `type/*`
/// in the description (§6).
fn media_type_allowed(content_type: &str, declared: &[&str]) -> bool {
    let essence = media_essence(content_type);
    let Some((ty, sub)) = essence.split_once('/') else {
        return false;
    };
    if !is_token(ty) || !is_token(sub) || ty == "*" || sub == "*" {
        return false;
    }
    declared.iter().any(|d| {
        let d = media_essence(d);
        match d.split_once('/') {
            Some(("*", "*")) => true,
            Some((dt, "*")) => dt == ty,
            Some((dt, ds)) => dt == ty && ds == sub,
            None => false,
        }
    })
}

/// Sets the member at `pointer` (RFC 6901) of a JSON body to `secret` as a JSON
/// string (§5.3), creating it if its parent object exists.
///
/// The secret never enters a `serde_json::Value` (which cannot be wiped): the body is
/// re-serialized with a placeholder string that occurs nowhere else in it, and the
/// placeholder is then replaced by the JSON-escaped secret in a buffer allocated once
/// at its final size and zeroized on drop.
///
/// Problems: a body that is not JSON, or a pointer whose parent does not exist or is
/// not an object, is `malformed-call`. A secret that is not UTF-8 cannot be a JSON
/// string; that is `invalid-secret-reference` (the app chose a reference to a secret
/// that cannot go in this slot), with a detail that does not quote the secret.
pub fn fill_body_slot(
    body: &[u8],
    pointer: &str,
    secret: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Problem> {
    let malformed = |detail: &str| Problem::new(ProblemKind::MalformedCall, detail);
    let Ok(secret) = std::str::from_utf8(secret) else {
        return Err(Problem::new(
            ProblemKind::InvalidSecretReference,
            "The secret for the body slot is not UTF-8 text, so it cannot be a JSON string.",
        ));
    };
    let mut document: Value = serde_json::from_slice(body).map_err(|_| {
        malformed("The request body is not JSON, so the body slot cannot be filled.")
    })?;
    let Some(tokens) = poly_model::pointer::tokens(pointer).filter(|t| !t.is_empty()) else {
        return Err(Problem::new(
            ProblemKind::Internal,
            "The body slot's pointer is invalid.",
        ));
    };
    let (last, parents) = tokens.split_last().ok_or_else(internal)?;

    let original = serde_json::to_string(&document).map_err(|_| internal())?;
    let placeholder = placeholder(&[&original, pointer]);

    let mut parent = &mut document;
    for token in parents {
        parent = match parent {
            Value::Object(members) => members.get_mut(token.as_str()),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| malformed("The body slot's parent field is missing from the body."))?;
    }
    let Value::Object(members) = parent else {
        return Err(malformed(
            "The body slot's parent field is not a JSON object.",
        ));
    };
    members.insert(last.clone(), Value::String(placeholder.clone()));

    let serialized = serde_json::to_vec(&document).map_err(|_| internal())?;
    let quoted = format!("\"{placeholder}\"");
    let at = find(&serialized, quoted.as_bytes()).ok_or_else(internal)?;
    let escaped_len: usize = secret.chars().map(escaped_len).sum();
    let mut out = Zeroizing::new(Vec::with_capacity(
        serialized.len() - quoted.len() + escaped_len + 2,
    ));
    out.extend_from_slice(&serialized[..at]);
    out.push(b'"');
    write_escaped(&mut out, secret);
    out.push(b'"');
    out.extend_from_slice(&serialized[at + quoted.len()..]);
    Ok(out)
}

/// A string that occurs in none of `texts`: `poly-slot-1` followed by more zeros than
/// the longest digit run after any `poly-slot-` in them, so it is not a prefix of any
/// such run. One linear pass, whatever the body holds (a search over numbered
/// candidates could be made quadratic by a body full of them).
fn placeholder(texts: &[&str]) -> String {
    const PREFIX: &str = "poly-slot-";
    let mut longest = 0;
    for text in texts {
        for (at, _) in text.match_indices(PREFIX) {
            let digits = text.as_bytes()[at + PREFIX.len()..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            longest = longest.max(digits);
        }
    }
    format!("{PREFIX}1{}", "0".repeat(longest))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
        c if (c as u32) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

/// JSON string escaping (RFC 8259 §7) straight into `out`, which has the capacity
/// for it: no intermediate copy of the secret exists.
fn write_escaped(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 4];
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            c if (c as u32) < 0x20 => {
                let b = c as u32 as u8;
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
            c => out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
        }
    }
    zeroize::Zeroize::zeroize(&mut buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::erp_fixture::{acme, op, unrestricted};
    use crate::call::plan::plan;
    use crate::call::query::parse_call_query;
    use poly_model::shape::ShapedApi;
    use serde_json::json;

    const RID: &str = "0b6f5a2e-3c1d-4e8f-9a7b-5d2c1e0f9a84";

    struct Call<'a> {
        api: &'a ShapedApi,
        op: Operation,
        query: &'a str,
        pinned: Vec<(ParameterLocation, &'a str, &'a str)>,
        credentials: Vec<(&'a str, &'a [u8])>,
        slot_params: Vec<(ParameterLocation, &'a str, &'a [u8])>,
        accept: Option<&'a str>,
        content_type: Option<&'a str>,
    }

    impl<'a> Call<'a> {
        fn new(api: &'a ShapedApi, id: &str, query: &'a str) -> Call<'a> {
            Call {
                api,
                op: op(api, id).1.clone(),
                query,
                pinned: vec![(ParameterLocation::Header, "X-Company-Id", "4711")],
                credentials: vec![("ApiKeyAuth", b"erp-key-0001")],
                slot_params: Vec::new(),
                accept: None,
                content_type: None,
            }
        }

        fn build(&self) -> Result<UpstreamHead, Problem> {
            let shaped = op(self.api, &self.op.id).0;
            let plan = plan(
                parse_call_query(Some(self.query))?,
                &self.api.api,
                &self.op,
                shaped,
            )?;
            let credentials: Vec<Credential<'_>> = self
                .credentials
                .iter()
                .map(|(name, value)| Credential {
                    scheme_name: name,
                    scheme: &self.api.api.security_schemes[*name],
                    value,
                })
                .collect();
            build_request(RequestInput {
                api: &self.api.api,
                op: &self.op,
                plan: &plan,
                upstream: &self.api.upstream,
                pinned: &self.pinned,
                credentials: &credentials,
                slot_params: &self.slot_params,
                request_id: RID,
                accept: self.accept,
                content_type: self.content_type,
            })
        }
    }

    fn target(head: &UpstreamHead) -> String {
        match head.url.query() {
            Some(q) => format!("{} {}?{}", head.method, head.url.path(), q),
            None => format!("{} {}", head.method, head.url.path()),
        }
    }

    fn header<'h>(head: &'h UpstreamHead, name: &str) -> Option<&'h str> {
        head.headers.get(name).map(|v| v.to_str().expect("ASCII"))
    }

    fn names(head: &UpstreamHead) -> Vec<&str> {
        let mut names: Vec<&str> = head.headers.keys().map(HeaderName::as_str).collect();
        names.sort_unstable();
        names
    }

    fn param(location: ParameterLocation, style: ParameterStyle, explode: bool) -> Parameter {
        Parameter {
            name: "id".into(),
            location,
            required: false,
            deprecated: false,
            description: None,
            schema: None,
            style,
            explode,
            media_type: None,
        }
    }

    fn user_agent() -> String {
        format!("poly-proxy/{}", env!("CARGO_PKG_VERSION"))
    }

    #[test]
    fn wire_example_12a_create_contact() {
        let mut call = Call::new(acme(), "createContact", "");
        call.accept = Some("application/json");
        call.content_type = Some("application/json");
        let head = call.build().unwrap();
        assert_eq!(
            head.url.as_str(),
            "https://erp.northwind.example/api/v2/crm/contacts"
        );
        assert_eq!(target(&head), "POST /api/v2/crm/contacts");
        assert_eq!(
            names(&head),
            [
                "accept",
                "accept-encoding",
                "content-type",
                "user-agent",
                "x-api-key",
                "x-company-id",
                "x-request-id"
            ]
        );
        assert_eq!(header(&head, "x-api-key"), Some("erp-key-0001"));
        assert!(head.headers["x-api-key"].is_sensitive());
        assert_eq!(header(&head, "x-company-id"), Some("4711"));
        assert_eq!(header(&head, "x-request-id"), Some(RID));
        assert_eq!(header(&head, "content-type"), Some("application/json"));
        assert_eq!(header(&head, "accept"), Some("application/json"));
        assert_eq!(header(&head, "user-agent"), Some(user_agent().as_str()));
    }

    /// `listContactNotes` with the array query parameter `tags` of wire example 12.b,
    /// which `specs/erp.yaml` does not declare: added here as §12.b describes it.
    fn notes_with_tags(api: &ShapedApi) -> Operation {
        let mut op = op(api, "listContactNotes").1.clone();
        let mut tags = param(ParameterLocation::Query, ParameterStyle::Form, true);
        tags.name = "tags".into();
        tags.schema = Some(ReferenceOr::Item(
            serde_json::from_value(json!({"type": "array", "items": {"type": "string"}}))
                .expect("schema"),
        ));
        op.parameters.push(tags);
        op
    }

    use openapiv3::ReferenceOr;

    #[test]
    fn wire_example_12b_path_query_and_array() {
        let mut call = Call::new(
            acme(),
            "listContactNotes",
            "path.contactId=%22c_81f2%22&query.limit=50&query.tags=%5B%22vip%22%2C%22follow%20up%22%5D",
        );
        call.op = notes_with_tags(acme());
        call.accept = Some("application/json");
        let head = call.build().unwrap();
        assert_eq!(
            target(&head),
            "GET /api/v2/crm/contacts/c_81f2/notes?limit=50&tags=vip&tags=follow%20up"
        );
        assert_eq!(head.url.host_str(), Some("erp.northwind.example"));
        assert_eq!(
            names(&head),
            [
                "accept",
                "accept-encoding",
                "user-agent",
                "x-api-key",
                "x-company-id",
                "x-request-id"
            ]
        );
        assert_eq!(header(&head, "accept"), Some("application/json"));
    }

    #[test]
    fn wire_example_12c_oauth2_bearer() {
        let mut call = Call::new(
            unrestricted(),
            "deleteWebhookSubscription",
            "path.subscriptionId=%22s_1%22&header.X-Company-Id=%224711%22&secret.OAuth2=erp-partner-token",
        );
        call.pinned.clear();
        call.credentials = vec![("OAuth2", b"tok-abcdef")];
        let head = call.build().unwrap();
        assert_eq!(target(&head), "DELETE /api/v2/crm/webhooks/s_1");
        assert_eq!(header(&head, "authorization"), Some("Bearer tok-abcdef"));
        assert!(head.headers["authorization"].is_sensitive());
        assert_eq!(header(&head, "x-company-id"), Some("4711"));
        assert!(head.headers.get("x-api-key").is_none());
    }

    #[test]
    fn wire_example_12f_escape_attempt_is_one_segment() {
        let call = Call::new(
            acme(),
            "listContactNotes",
            "path.contactId=%22..%2Fadmin%3Fx%3D1%23%22",
        );
        let head = call.build().unwrap();
        assert_eq!(
            target(&head),
            "GET /api/v2/crm/contacts/..%2Fadmin%3Fx%3D1%23/notes"
        );
        assert_eq!(head.url.fragment(), None);
        assert_eq!(
            names(&head),
            [
                "accept-encoding",
                "user-agent",
                "x-api-key",
                "x-company-id",
                "x-request-id"
            ]
        );
        for value in ["%22..%22", "%22.%22", "%22%22"] {
            let call = Call::new(acme(), "listContactNotes", "");
            let query = format!("path.contactId={value}");
            let call = Call {
                query: &query,
                ..call
            };
            let problem = call.build().unwrap_err();
            assert_eq!(problem.kind, ProblemKind::InvalidParameter);
            assert_eq!(problem.errors[0].parameter, "path.contactId");
        }
    }

    #[test]
    fn path_encoding_is_strict_and_uppercase() {
        let call = Call::new(
            acme(),
            "listContactNotes",
            "path.contactId=%22a%2Fb%3Fc%23d%25e%3Bf%2Cg%3Dh%26i%2Bj%20k%5C%5Cl%C3%A9~m.n_o-p%22",
        );
        let head = call.build().unwrap();
        assert_eq!(
            head.url.path(),
            "/api/v2/crm/contacts/a%2Fb%3Fc%23d%25e%3Bf%2Cg%3Dh%26i%2Bj%20k%5Cl%C3%A9~m.n_o-p/notes"
        );
    }

    #[test]
    fn percent_is_encoded_so_double_decoding_gives_the_value() {
        let call = Call::new(
            acme(),
            "listContactNotes",
            "path.contactId=%22%252F..%252F%22",
        );
        let head = call.build().unwrap();
        assert_eq!(head.url.path(), "/api/v2/crm/contacts/%252F..%252F/notes");
    }

    #[test]
    fn base_path_joins_with_exactly_one_slash() {
        for base in [
            "https://h.example/api/v2",
            "https://h.example/api/v2/",
            "https://h.example:8443",
            "https://h.example/",
        ] {
            let mut api = acme().clone();
            api.upstream = Url::parse(base).unwrap();
            let call = Call::new(&api, "createContact", "");
            let head = call.build().unwrap();
            let expected_prefix = Url::parse(base)
                .unwrap()
                .path()
                .trim_end_matches('/')
                .to_owned();
            assert_eq!(
                head.url.path(),
                format!("{expected_prefix}/crm/contacts"),
                "{base}"
            );
            assert_eq!(head.url.origin(), api.upstream.origin());
        }
    }

    #[test]
    fn header_injection_is_rejected() {
        for value in [
            "%22a%0D%0AHost%3A%20evil%22",
            "%22a%0Ab%22",
            "%22a%00b%22",
            "%22%C3%A9%22",
        ] {
            let query = format!("header.Idempotency-Key={value}");
            let call = Call::new(acme(), "createContact", &query);
            let problem = call.build().unwrap_err();
            assert_eq!(problem.kind, ProblemKind::InvalidParameter, "{value}");
            assert_eq!(problem.errors[0].parameter, "header.Idempotency-Key");
        }
        let call = Call::new(
            acme(),
            "createContact",
            "header.Idempotency-Key=%22a%5Ctb%20c%22",
        );
        assert_eq!(
            header(&call.build().unwrap(), "idempotency-key"),
            Some("a\tb c")
        );
    }

    #[test]
    fn header_slot_secret_is_checked_and_sensitive() {
        let mut call = Call::new(acme(), "connectMailbox", "slot.mailbox_password=mb");
        call.slot_params = vec![(
            ParameterLocation::Header,
            "X-Mailbox-Password",
            b"p@ss word",
        )];
        let head = call.build().unwrap();
        assert_eq!(header(&head, "x-mailbox-password"), Some("p@ss word"));
        assert!(head.headers["x-mailbox-password"].is_sensitive());
        call.slot_params = vec![(ParameterLocation::Header, "X-Mailbox-Password", b"a\r\nb")];
        let problem = call.build().unwrap_err();
        assert_eq!(problem.kind, ProblemKind::InvalidParameter);
        assert!(!format!("{problem:?}").contains("a\r\nb"));
    }

    #[test]
    fn request_id_overrides_a_parameter_of_that_name() {
        let mut call = Call::new(acme(), "createContact", "header.X-Request-Id=%22app%22");
        let mut op = call.op.clone();
        let mut p = param(ParameterLocation::Header, ParameterStyle::Simple, false);
        p.name = "X-Request-Id".into();
        op.parameters.push(p);
        call.op = op;
        let head = call.build().unwrap();
        assert_eq!(head.headers.get_all("x-request-id").iter().count(), 1);
        assert_eq!(header(&head, "x-request-id"), Some(RID));
    }

    #[test]
    fn proxy_controlled_headers_cannot_be_parameters() {
        for name in ["Host", "Content-Length", "Transfer-Encoding", "Cookie"] {
            let mut call = Call::new(acme(), "createContact", "");
            let mut p = param(ParameterLocation::Header, ParameterStyle::Simple, false);
            p.name = name.into();
            call.op.parameters.push(p);
            let query = format!("header.{name}=%22x%22");
            let call = Call {
                query: &query,
                ..call
            };
            let problem = call.build().unwrap_err();
            assert_eq!(problem.kind, ProblemKind::InvalidParameter, "{name}");
        }
    }

    #[test]
    fn cookies_merge_into_one_header_with_the_api_key_cookie() {
        let mut api = acme().clone();
        let mut security = api.api.as_ref().clone();
        security.security_schemes.insert(
            "CookieKey".into(),
            SecurityScheme::ApiKey {
                location: ApiKeyLocation::Cookie,
                name: "sid".into(),
            },
        );
        api.api = std::sync::Arc::new(security);
        let mut call = Call::new(&api, "listContacts", "cookie.nw_saved_view=%22v%201%3B%22");
        let mut pinned = param(ParameterLocation::Cookie, ParameterStyle::Form, false);
        pinned.name = "region".into();
        call.op.parameters.push(pinned);
        call.pinned
            .push((ParameterLocation::Cookie, "region", "eu"));
        call.credentials = vec![("CookieKey", b"s3cr3t;x")];
        let head = call.build().unwrap();
        assert_eq!(head.headers.get_all("cookie").iter().count(), 1);
        assert_eq!(
            header(&head, "cookie"),
            Some("nw_saved_view=v%201%3B; region=eu; sid=s3cr3t%3Bx")
        );
        assert!(head.headers["cookie"].is_sensitive());
    }

    #[test]
    fn exploded_object_members_cannot_shadow_other_parameters_or_credentials() {
        let mut api = acme().clone();
        let mut desc = api.api.as_ref().clone();
        desc.security_schemes.insert(
            "QueryKey".into(),
            SecurityScheme::ApiKey {
                location: ApiKeyLocation::Query,
                name: "api_key".into(),
            },
        );
        api.api = std::sync::Arc::new(desc);
        let base = Call::new(&api, "listContacts", "");
        let mut with_params = base.op.clone();
        let mut filter = param(ParameterLocation::Query, ParameterStyle::Form, true);
        filter.name = "filter".into();
        let mut company = param(ParameterLocation::Query, ParameterStyle::Form, false);
        company.name = "company_id".into();
        let mut prefs = param(ParameterLocation::Cookie, ParameterStyle::Form, true);
        prefs.name = "prefs".into();
        let mut region = param(ParameterLocation::Cookie, ParameterStyle::Form, false);
        region.name = "region".into();
        with_params
            .parameters
            .extend([filter, company, prefs, region]);
        let call = |query: &'static str| {
            let mut call = Call::new(&api, "listContacts", query);
            call.op = with_params.clone();
            call.pinned = vec![
                (ParameterLocation::Query, "company_id", "4711"),
                (ParameterLocation::Cookie, "region", "eu"),
            ];
            call.credentials = vec![("QueryKey", b"the-key")];
            call.build()
        };

        // Members with names of their own are pairs of their own.
        let head = call("query.filter=%7B%22colour%22%3A%22teal%22%7D").unwrap();
        assert!(target(&head).contains("colour=teal"), "{}", target(&head));
        assert!(target(&head).contains("company_id=4711"));

        // A member named like a pinned value, a declared parameter (in any case) or the
        // credential would give the upstream two values: refused, before any secret.
        for query in [
            "query.filter=%7B%22company_id%22%3A%22666%22%7D",
            "query.filter=%7B%22Company_ID%22%3A%22666%22%7D",
            "query.filter=%7B%22limit%22%3A%22999%22%7D",
            "query.filter=%7B%22api_key%22%3A%22mine%22%7D",
            "cookie.prefs=%7B%22region%22%3A%22us%22%7D",
        ] {
            let problem = call(query).unwrap_err();
            assert_eq!(problem.kind, ProblemKind::InvalidParameter, "{query}");
        }
    }

    #[test]
    fn api_key_in_query_is_the_only_value_there() {
        let mut api = acme().clone();
        let mut desc = api.api.as_ref().clone();
        desc.security_schemes.insert(
            "QueryKey".into(),
            SecurityScheme::ApiKey {
                location: ApiKeyLocation::Query,
                name: "cursor".into(),
            },
        );
        api.api = std::sync::Arc::new(desc);
        let mut call = Call::new(&api, "listContacts", "query.limit=2");
        call.pinned
            .push((ParameterLocation::Query, "cursor", "pinned"));
        call.credentials = vec![("QueryKey", b"k y/+")];
        let head = call.build().unwrap();
        assert_eq!(head.url.query(), Some("limit=2&cursor=k%20y%2F%2B"));
    }

    #[test]
    fn http_basic_and_bearer_schemes() {
        let mut api = acme().clone();
        let mut desc = api.api.as_ref().clone();
        for (name, scheme) in [("Basic", "basic"), ("Bearer", "bearer")] {
            desc.security_schemes.insert(
                name.into(),
                SecurityScheme::Http {
                    scheme: scheme.into(),
                    bearer_format: None,
                },
            );
        }
        api.api = std::sync::Arc::new(desc);
        let mut call = Call::new(&api, "createContact", "");
        call.credentials = vec![("Basic", b"Aladdin:open sesame")];
        let head = call.build().unwrap();
        assert_eq!(
            header(&head, "authorization"),
            Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        );
        assert!(head.headers["authorization"].is_sensitive());
        call.credentials = vec![("Bearer", b"t0k")];
        assert_eq!(
            header(&call.build().unwrap(), "authorization"),
            Some("Bearer t0k")
        );
        call.credentials = vec![("Bearer", b"t0k\r\nX: y")];
        let problem = call.build().unwrap_err();
        assert_eq!(problem.kind, ProblemKind::Internal);
        assert!(!problem.detail.contains("t0k"));
    }

    #[test]
    fn accept_is_forwarded_only_if_documented() {
        let mut call = Call::new(acme(), "createContact", "");
        call.accept = Some("Application/JSON; q=0.9");
        assert_eq!(
            header(&call.build().unwrap(), "accept"),
            Some("Application/JSON; q=0.9")
        );
        call.accept = Some("application/json, text/html");
        // createContact documents application/json (201) and problem types via refs.
        let replaced = call.build().unwrap();
        let accept = header(&replaced, "accept").unwrap();
        assert!(!accept.contains("text/html"), "{accept}");
        assert!(accept.starts_with("application/json"), "{accept}");
        call.accept = Some("*/*");
        assert!(!header(&call.build().unwrap(), "accept")
            .unwrap()
            .contains('*'));
        // No documented content: nothing sent.
        let mut call = Call::new(acme(), "deleteContact", "path.contactId=%22c%22");
        call.op.responses.retain(|r| r.content.is_empty());
        call.accept = Some("text/html");
        assert_eq!(header(&call.build().unwrap(), "accept"), None);
    }

    #[test]
    fn the_origin_never_changes() {
        let mut call = Call::new(acme(), "listContactNotes", "");
        let query = "path.contactId=%22%2F%2Fevil.example%3A80%2Fx%40y%22&query.cursor=%22%23frag%26a%3Db%22";
        call.query = query;
        let head = call.build().unwrap();
        assert_eq!(head.url.scheme(), "https");
        assert_eq!(head.url.host_str(), Some("erp.northwind.example"));
        assert_eq!(head.url.port_or_known_default(), Some(443));
        assert_eq!(head.url.fragment(), None);
        assert_eq!(head.url.query(), Some("cursor=%23frag%26a%3Db"));
    }

    #[test]
    fn debug_output_hides_credentials_and_query() {
        let mut api = acme().clone();
        let mut desc = api.api.as_ref().clone();
        desc.security_schemes.insert(
            "QueryKey".into(),
            SecurityScheme::ApiKey {
                location: ApiKeyLocation::Query,
                name: "key".into(),
            },
        );
        api.api = std::sync::Arc::new(desc);
        let mut call = Call::new(&api, "createContact", "");
        call.credentials = vec![("QueryKey", b"qsecret9"), ("ApiKeyAuth", b"hsecret9")];
        let head = call.build().unwrap();
        let debug = format!("{head:?}");
        assert!(
            !debug.contains("qsecret9") && !debug.contains("hsecret9"),
            "{debug}"
        );
        let credential = Credential {
            scheme_name: "ApiKeyAuth",
            scheme: &api.api.security_schemes["ApiKeyAuth"],
            value: b"hsecret9",
        };
        assert!(!format!("{credential:?}").contains("hsecret9"));
    }

    // ---- style / explode (§4.3, OpenAPI 3 style examples) ----

    fn ser(
        location: ParameterLocation,
        style: ParameterStyle,
        explode: bool,
        value: Value,
    ) -> Serialized {
        serialize(&param(location, style, explode), &value).unwrap()
    }

    fn styles(location: ParameterLocation, style: ParameterStyle) -> [Serialized; 6] {
        let s = |explode, v| ser(location, style, explode, v);
        let obj = || json!({"role": "admin", "firstName": "Alex"});
        [
            s(false, json!(5)),
            s(false, json!([3, 4, 5])),
            s(true, json!([3, 4, 5])),
            s(false, obj()),
            s(true, obj()),
            s(false, json!("a b")),
        ]
    }

    fn path(s: &str) -> Serialized {
        Serialized::Path(s.into())
    }

    fn q(pairs: &[(&str, &str)]) -> Serialized {
        Serialized::Query(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    fn c(pairs: &[(&str, &str)]) -> Serialized {
        Serialized::Cookie(
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn style_simple_path() {
        use ParameterLocation::Path;
        assert_eq!(
            styles(Path, ParameterStyle::Simple),
            [
                path("5"),
                path("3,4,5"),
                path("3,4,5"),
                path("role,admin,firstName,Alex"),
                path("role=admin,firstName=Alex"),
                path("a%20b"),
            ]
        );
    }

    #[test]
    fn style_label_path() {
        assert_eq!(
            styles(ParameterLocation::Path, ParameterStyle::Label),
            [
                path(".5"),
                path(".3,4,5"),
                path(".3.4.5"),
                path(".role,admin,firstName,Alex"),
                path(".role=admin.firstName=Alex"),
                path(".a%20b"),
            ]
        );
    }

    #[test]
    fn style_matrix_path() {
        assert_eq!(
            styles(ParameterLocation::Path, ParameterStyle::Matrix),
            [
                path(";id=5"),
                path(";id=3,4,5"),
                path(";id=3;id=4;id=5"),
                path(";id=role,admin,firstName,Alex"),
                path(";role=admin;firstName=Alex"),
                path(";id=a%20b"),
            ]
        );
        assert_eq!(
            ser(
                ParameterLocation::Path,
                ParameterStyle::Matrix,
                false,
                Value::Null
            ),
            path(";id")
        );
    }

    #[test]
    fn style_form_query() {
        assert_eq!(
            styles(ParameterLocation::Query, ParameterStyle::Form),
            [
                q(&[("id", "5")]),
                q(&[("id", "3,4,5")]),
                q(&[("id", "3"), ("id", "4"), ("id", "5")]),
                q(&[("id", "role,admin,firstName,Alex")]),
                q(&[("role", "admin"), ("firstName", "Alex")]),
                q(&[("id", "a%20b")]),
            ]
        );
    }

    #[test]
    fn style_space_and_pipe_delimited_query() {
        let [_, non, exploded, obj, _, _] =
            styles(ParameterLocation::Query, ParameterStyle::SpaceDelimited);
        assert_eq!(non, q(&[("id", "3%204%205")]));
        assert_eq!(exploded, q(&[("id", "3"), ("id", "4"), ("id", "5")]));
        assert_eq!(obj, q(&[("id", "role%20admin%20firstName%20Alex")]));
        let [_, non, exploded, obj, _, _] =
            styles(ParameterLocation::Query, ParameterStyle::PipeDelimited);
        assert_eq!(non, q(&[("id", "3|4|5")]));
        assert_eq!(exploded, q(&[("id", "3"), ("id", "4"), ("id", "5")]));
        assert_eq!(obj, q(&[("id", "role|admin|firstName|Alex")]));
        // A delimiter inside a value is encoded; only the style's own is literal.
        assert_eq!(
            ser(
                ParameterLocation::Query,
                ParameterStyle::PipeDelimited,
                false,
                json!(["a|b", "c"])
            ),
            q(&[("id", "a%7Cb|c")])
        );
    }

    #[test]
    fn style_deep_object_query() {
        assert_eq!(
            ser(
                ParameterLocation::Query,
                ParameterStyle::DeepObject,
                true,
                json!({"role": "admin", "first name": "A&B=C"})
            ),
            q(&[("id[role]", "admin"), ("id[first%20name]", "A%26B%3DC")])
        );
    }

    #[test]
    fn style_simple_header() {
        let h = |s: &str| Serialized::Header(s.into());
        assert_eq!(
            styles(ParameterLocation::Header, ParameterStyle::Simple),
            [
                h("5"),
                h("3,4,5"),
                h("3,4,5"),
                h("role,admin,firstName,Alex"),
                h("role=admin,firstName=Alex"),
                h("a b"),
            ]
        );
    }

    #[test]
    fn style_form_cookie() {
        assert_eq!(
            styles(ParameterLocation::Cookie, ParameterStyle::Form),
            [
                c(&[("id", "5")]),
                c(&[("id", "3,4,5")]),
                c(&[("id", "3"), ("id", "4"), ("id", "5")]),
                c(&[("id", "role,admin,firstName,Alex")]),
                c(&[("role", "admin"), ("firstName", "Alex")]),
                c(&[("id", "a%20b")]),
            ]
        );
        let bad_name = serialize(
            &param(ParameterLocation::Cookie, ParameterStyle::Form, true),
            &json!({"a b": "1"}),
        );
        assert!(bad_name.is_err());
    }

    #[test]
    fn scalars_nulls_and_content_parameters() {
        let s = |v| ser(ParameterLocation::Query, ParameterStyle::Form, true, v);
        assert_eq!(s(json!(true)), q(&[("id", "true")]));
        assert_eq!(s(json!(1.5)), q(&[("id", "1.5")]));
        assert_eq!(s(Value::Null), q(&[("id", "")]));
        assert_eq!(s(json!([[1, 2]])), q(&[("id", "%5B1%2C2%5D")]));
        let mut content = param(ParameterLocation::Query, ParameterStyle::Form, true);
        content.media_type = Some("application/json".into());
        assert_eq!(
            serialize(&content, &json!({"k": "v"})).unwrap(),
            q(&[("id", "%7B%22k%22%3A%22v%22%7D")])
        );
    }

    // ---- §6 body checks ----

    fn body_op(id: &str) -> &'static Operation {
        op(unrestricted(), id).1
    }

    #[test]
    fn content_type_must_be_declared() {
        let op = body_op("createContact");
        let ok = |ct| check_body(op, Some(ct), None, Some(10), Some(false), 100);
        assert!(ok("application/json").is_ok());
        assert!(ok("Application/JSON; charset=utf-8").is_ok());
        assert!(ok("application/x-www-form-urlencoded").is_ok());
        for bad in [
            "text/plain",
            "application/jsonx",
            "application/*",
            "*/*",
            "json",
            "",
        ] {
            assert_eq!(
                ok(bad).unwrap_err().kind,
                ProblemKind::UnsupportedMediaType,
                "{bad}"
            );
        }
        let missing = check_body(op, None, None, Some(10), Some(false), 100);
        assert_eq!(missing.unwrap_err().kind, ProblemKind::UnsupportedMediaType);
        let chunked = check_body(op, None, None, None, None, 100);
        assert_eq!(chunked.unwrap_err().kind, ProblemKind::UnsupportedMediaType);
    }

    #[test]
    fn wildcards_in_the_description_match() {
        let mut op = body_op("uploadFile").clone();
        op.request_body.as_mut().unwrap().content[0].media_type = "image/*".into();
        assert!(check_body(&op, Some("image/PNG"), None, None, None, 100).is_ok());
        assert!(check_body(&op, Some("text/png"), None, None, None, 100).is_err());
        op.request_body.as_mut().unwrap().content[0].media_type = "*/*".into();
        assert!(check_body(&op, Some("text/png"), None, None, None, 100).is_ok());
    }

    #[test]
    fn content_encoding_must_be_identity() {
        let op = body_op("createContact");
        let enc = |e| {
            check_body(
                op,
                Some("application/json"),
                Some(e),
                Some(1),
                Some(false),
                100,
            )
        };
        assert!(enc("identity").is_ok());
        assert!(enc("IDENTITY").is_ok());
        assert_eq!(
            enc("gzip").unwrap_err().kind,
            ProblemKind::UnsupportedMediaType
        );
    }

    #[test]
    fn declared_length_over_the_limit_is_too_large() {
        let op = body_op("createContact");
        let len = |n| {
            check_body(
                op,
                Some("application/json"),
                None,
                Some(n),
                Some(false),
                100,
            )
        };
        assert!(len(100).is_ok());
        let problem = len(101).unwrap_err();
        assert_eq!(problem.kind, ProblemKind::BodyTooLarge);
        assert_eq!(problem.kind.status(), 413);
    }

    #[test]
    fn body_presence_must_match_the_operation() {
        let get = body_op("listContacts");
        let body = check_body(
            get,
            Some("application/json"),
            None,
            Some(3),
            Some(false),
            100,
        );
        assert_eq!(body.unwrap_err().kind, ProblemKind::MalformedCall);
        assert!(check_body(get, None, None, Some(0), Some(true), 100).is_ok());
        let post = body_op("createContact");
        let empty = check_body(post, None, None, Some(0), Some(true), 100);
        assert_eq!(empty.unwrap_err().kind, ProblemKind::MalformedCall);
    }

    // ---- §5.3 body slots ----

    #[test]
    fn body_slot_sets_or_creates_the_member() {
        let out = fill_body_slot(
            br#"{"url":"https://x","signingSecret":"placeholder"}"#,
            "/signingSecret",
            b"s3\"cr\\et\n",
        )
        .unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            json!({"url": "https://x", "signingSecret": "s3\"cr\\et\n"})
        );
        let out =
            fill_body_slot(br#"{"auth":{}}"#, "/auth/pass~1word", "pé\u{1}".as_bytes()).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v, json!({"auth": {"pass/word": "pé\u{1}"}}));
    }

    #[test]
    fn body_slot_is_not_confused_by_placeholder_lookalikes() {
        let body = br#"{"poly-slot-1":"poly-slot-1","b":"poly-slot-10x","s":"x","t":"poly-slot-"}"#;
        let out = fill_body_slot(body, "/s", b"secret-value").unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            json!({"poly-slot-1": "poly-slot-1", "b": "poly-slot-10x", "s": "secret-value", "t": "poly-slot-"})
        );
        assert_eq!(
            placeholder(&["poly-slot-1 poly-slot-0099"]),
            "poly-slot-10000"
        );
        assert_eq!(placeholder(&["nothing"]), "poly-slot-1");
    }

    #[test]
    fn body_slot_failures() {
        let kind = |body: &[u8], pointer, secret: &[u8]| {
            fill_body_slot(body, pointer, secret).unwrap_err().kind
        };
        assert_eq!(kind(b"not json", "/a", b"s"), ProblemKind::MalformedCall);
        assert_eq!(kind(b"", "/a", b"s"), ProblemKind::MalformedCall);
        assert_eq!(
            kind(br#"{"a":1}"#, "/b/c", b"s"),
            ProblemKind::MalformedCall
        );
        assert_eq!(
            kind(br#"{"a":1}"#, "/a/c", b"s"),
            ProblemKind::MalformedCall
        );
        assert_eq!(kind(br#"[1]"#, "/0", b"s"), ProblemKind::MalformedCall);
        let problem = fill_body_slot(br#"{}"#, "/a", b"\xff\xfesecret").unwrap_err();
        assert_eq!(problem.kind, ProblemKind::InvalidSecretReference);
        assert!(!problem.detail.contains("secret\""));
    }
}
