//! One module per tag, one method per allowed operation.
//!
//! A method takes the required arguments and returns a request builder whose setters
//! are the optional parameters; `send()` runs the call and turns the response into a
//! typed success value or a typed error per documented status.

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema};
use poly_model::api::{MediaType, Operation, ParameterLocation, StatusSelector};
use poly_model::manifest::SlotTarget;
use poly_model::shape::{ShapedApi, ShapedOperation};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::names::{ident, pascal, snake, Scope};
use super::types::TypeGen;

/// Operations grouped by their first tag, in a stable order.
pub fn groups(api: &ShapedApi) -> BTreeMap<String, Vec<(&ShapedOperation, &Operation)>> {
    let mut groups: BTreeMap<String, Vec<(&ShapedOperation, &Operation)>> = BTreeMap::new();
    for (shaped, op) in api.operations() {
        let tag = op
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "default".to_owned());
        groups.entry(snake(&tag)).or_default().push((shaped, op));
    }
    groups
}

/// The module of one tag group, in chunks that print independently: the group's
/// struct and methods, then each operation's builder and outcome types.
pub fn group_module(
    api_name: &str,
    group: &str,
    ops: &[(&ShapedOperation, &Operation)],
    types: &mut TypeGen,
) -> Vec<TokenStream> {
    let group_type = format_ident!("{}", pascal(group));
    let mut scope = Scope::default();
    let mut methods = Vec::new();
    let mut items = Vec::new();
    for (shaped, op) in ops {
        let (method, extra) = operation(api_name, shaped, op, types, &mut scope);
        methods.push(method);
        items.push(extra);
    }
    let doc = format!(" Operations tagged `{group}`.");
    let head = quote! {
        #![doc = #doc]

        #[allow(unused_imports)]
        use super::types;

        #[doc = " The operations of this group; get it from the client."]
        #[derive(Debug, Clone, Copy)]
        pub struct #group_type<'a> {
            pub(crate) client: &'a super::Client,
        }

        impl<'a> #group_type<'a> {
            #(#methods)*
        }
    };
    items.insert(0, head);
    items
}

struct Success {
    ty: TokenStream,
    arms: Vec<TokenStream>,
    extra: TokenStream,
}

fn operation(
    api_name: &str,
    shaped: &ShapedOperation,
    op: &Operation,
    types: &mut TypeGen,
    scope: &mut Scope,
) -> (TokenStream, TokenStream) {
    let method_name = scope.unique(&snake(&op.id));
    let method = ident(&method_name);
    // From the method's name, which is unique in the module: two operation ids that
    // differ only in case or punctuation get distinct types too.
    let base = pascal(&method_name);
    let builder = format_ident!("{}Request", base);
    let error = format_ident!("{}Error", base);
    let op_id = &op.id;

    let mut args = Vec::new();
    let mut setup = Vec::new();
    let mut setters = Vec::new();
    let mut arg_scope = Scope::default();
    arg_scope.reserve("self");

    // Parameters the app supplies: all but the pinned ones and the parameter slots.
    let slot_param = |location: ParameterLocation, name: &str| {
        shaped.slots.iter().find(|s| matches!(&s.target, SlotTarget::Parameter { location: l, name: n } if *l == location && n.eq_ignore_ascii_case(name)))
    };
    let mut params: Vec<_> = op
        .parameters
        .iter()
        .filter(|p| {
            !shaped.is_pinned(p.location, &p.name) && slot_param(p.location, &p.name).is_none()
        })
        .collect();
    params.sort_by_key(|p| (!p.required, p.location != ParameterLocation::Path));
    for p in params {
        let arg = ident(&arg_name(&mut arg_scope, &p.name));
        let ty = match &p.schema {
            Some(s) => types.type_of(s, &format!("{base}{}", pascal(&p.name))),
            None => quote!(String),
        };
        let location = location_tokens(p.location);
        let wire = &p.name;
        let mut docs = doc_attrs(None, p.description.as_deref());
        if let Some(default) = p.schema.as_ref().and_then(|s| types.default_of(s)) {
            let text = format!(" Defaults to `{default}` when not set.");
            if !docs.is_empty() {
                docs.extend(quote!(#[doc = ""]));
            }
            docs.extend(quote!(#[doc = #text]));
        }
        if p.required {
            args.push(quote!(#arg: #ty));
            setup.push(quote!(let call = call.param(#location, #wire, &#arg);));
        } else {
            setters.push(quote! {
                #docs
                pub fn #arg(mut self, value: #ty) -> Self {
                    self.call = self.call.param(#location, #wire, &value);
                    self
                }
            });
        }
    }

    for b in shaped.reference_schemes() {
        let arg = ident(&arg_scope.unique(&format!("{}_secret", snake(&b.scheme))));
        let scheme = &b.scheme;
        args.push(quote!(#arg: &::poly_runtime::SecretRef));
        setup.push(quote!(let call = call.secret(#scheme, #arg);));
    }
    for s in &shaped.slots {
        let arg = ident(&arg_name(&mut arg_scope, &s.name));
        let name = &s.name;
        args.push(quote!(#arg: &::poly_runtime::SecretRef));
        setup.push(quote!(let call = call.slot(#name, #arg);));
    }

    let mut body_item = quote!();
    if let Some(body) = &op.request_body {
        if let Some(BodyTokens { ty, apply, item }) = body_tokens(op, &base, types) {
            body_item = item;
            if body.required {
                args.push(quote!(body: #ty));
                setup.push(quote!(let call = #apply;));
            } else {
                setters.push(quote! {
                    #[doc = " The request body."]
                    pub fn body(mut self, body: #ty) -> Self {
                        let call = self.call;
                        self.call = #apply;
                        self
                    }
                });
            }
        }
    }

    let success = success(op, &base, types);
    let (error_enum, error_arms) = errors(op, &error, types);
    let success_ty = &success.ty;
    let success_arms = &success.arms;
    let success_extra = &success.extra;
    let idempotent = op.method.is_idempotent();
    let accept = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .flat_map(|r| r.content.iter())
        .find(|m| !m.is_json())
        .map(|m| {
            let media = &m.media_type;
            quote!(let call = call.accept(#media);)
        });

    let mut docs = doc_attrs(op.summary.as_deref(), op.description.as_deref());
    if !docs.is_empty() {
        docs.extend(quote!(#[doc = ""]));
    }
    let route = format!(" `{} {}`", op.method, op.path);
    docs.extend(quote!(#[doc = #route]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));

    let method_tokens = quote! {
        #docs
        #deprecated
        pub fn #method(&self, #(#args),*) -> #builder {
            let call = self.client.inner.call(#api_name, #op_id).idempotent(#idempotent);
            #(#setup)*
            #accept
            #builder { call }
        }
    };
    let builder_doc = format!(" A `{op_id}` call, ready to send.");
    let extra = quote! {
        #[doc = #builder_doc]
        #[doc = ""]
        #[doc = " Its `Debug` output shows parameter names and the body's media type, never"]
        #[doc = " values."]
        #[must_use = "a request does nothing until it is sent"]
        #[derive(Debug)]
        pub struct #builder {
            call: ::poly_runtime::Call,
        }

        #allow_deprecated
        impl #builder {
            #(#setters)*

            #[doc = " Overrides the client's timeout for this call."]
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.call = self.call.timeout(timeout);
                self
            }

            #[doc = " Sends the call through the proxy."]
            pub async fn send(self) -> Result<#success_ty, super::CallError<#error>> {
                let response = self.call.send().await?;
                match response.status() {
                    #(#success_arms)*
                    #(#error_arms)*
                }
            }
        }

        #body_item
        #success_extra
        #error_enum
    };
    (method_tokens, extra)
}

fn location_tokens(l: ParameterLocation) -> TokenStream {
    match l {
        ParameterLocation::Path => quote!(::poly_runtime::Location::Path),
        ParameterLocation::Query => quote!(::poly_runtime::Location::Query),
        ParameterLocation::Header => quote!(::poly_runtime::Location::Header),
        ParameterLocation::Cookie => quote!(::poly_runtime::Location::Cookie),
    }
}

/// The body argument's type, how it is put on the call (`call` and `body` in scope),
/// and the per-operation body enum when the operation accepts several media types.
struct BodyTokens {
    ty: TokenStream,
    apply: TokenStream,
    item: TokenStream,
}

/// The essence of a media type: `type/subtype`, lowercased, without parameters.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Names every request builder has for itself: an argument or setter of the same
/// name would clash with them.
const BUILDER_NAMES: &[&str] = &["body", "send", "timeout"];

/// The argument (and setter) name of a parameter or slot: snake case, unique among
/// the operation's arguments, and `_param` added where the builder's own methods
/// already use the name (`timeout` → `timeout_param`).
fn arg_name(scope: &mut Scope, wire: &str) -> String {
    let name = snake(wire);
    if BUILDER_NAMES.contains(&name.as_str()) {
        scope.unique(&format!("{name}_param"))
    } else {
        scope.unique(&name)
    }
}

fn body_tokens(op: &Operation, base: &str, types: &mut TypeGen) -> Option<BodyTokens> {
    let content = &op.request_body.as_ref()?.content;
    // One media type per essence: `application/json` and
    // `application/json; charset=utf-8` are one way to send the body.
    let mut seen = std::collections::BTreeSet::new();
    let media: Vec<&MediaType> = content
        .iter()
        .filter(|m| seen.insert(essence(&m.media_type)))
        .collect();
    let context = format!("{base}Body");
    if let [only] = media.as_slice() {
        let (ty, apply) = media_body(only, &context, types);
        return Some(BodyTokens {
            ty,
            apply,
            item: quote!(),
        });
    }
    if media.is_empty() {
        return None;
    }
    // Several media types: the caller picks one by the variant of a body enum.
    let enum_name = format_ident!("{base}Body");
    let mut scope = Scope::default();
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for m in media {
        let variant = ident(&scope.unique(&media_variant(m)));
        let (ty, apply) = media_body(m, &format!("{context}{variant}"), types);
        let doc = format!(" As `{}`.", m.media_type);
        variants.push(quote!(#[doc = #doc] #variant(#ty),));
        arms.push(quote!(#enum_name::#variant(body) => #apply,));
    }
    let doc = format!(
        " The request body of `{}`, in one of the media types it accepts.",
        op.id
    );
    Some(BodyTokens {
        ty: quote!(#enum_name),
        apply: quote!(match body { #(#arms)* }),
        item: quote! {
            #[doc = #doc]
            #[derive(Debug)]
            pub enum #enum_name {
                #(#variants)*
            }
        },
    })
}

/// The variant of a body enum for a media type: `Json`, `Form`, `Multipart`, or the
/// media type in Pascal case (`TextPlain`, `MergePatchJson`).
fn media_variant(m: &MediaType) -> String {
    match essence(&m.media_type).as_str() {
        "application/json" => "Json".to_owned(),
        "application/x-www-form-urlencoded" => "Form".to_owned(),
        "multipart/form-data" => "Multipart".to_owned(),
        "*/*" => "Any".to_owned(),
        other => pascal(other.strip_prefix("application/").unwrap_or(other)),
    }
}

/// The type of a body in one media type and how it is put on the call.
fn media_body(m: &MediaType, context: &str, types: &mut TypeGen) -> (TokenStream, TokenStream) {
    let schema_ty = |types: &mut TypeGen, s: &Option<ReferenceOr<Schema>>| match s {
        Some(s) => types.type_of(s, context),
        None => quote!(::serde_json::Value),
    };
    let media = &m.media_type;
    match essence(media).as_str() {
        "application/json" => (schema_ty(types, &m.schema), quote!(call.json(&body))),
        _ if m.is_json() => (
            schema_ty(types, &m.schema),
            // The proxy accepts only a declared media type, so a `+json` type is sent
            // as itself; an encoding failure is left to `json` to report on send.
            quote!(match ::serde_json::to_vec(&body) {
                Ok(bytes) => call.body(#media, bytes.into()),
                Err(_) => call.json(&body),
            }),
        ),
        "application/x-www-form-urlencoded" => {
            (schema_ty(types, &m.schema), quote!(call.form(&body)))
        }
        e if e.starts_with("multipart/") => (
            quote!(::poly_runtime::Multipart),
            quote!({
                let (content_type, body) = body.into_body();
                call.body(&content_type, body)
            }),
        ),
        _ => (
            quote!(::poly_runtime::Body),
            quote!(call.body(#media, body)),
        ),
    }
}

fn status_pattern(status: StatusSelector) -> Option<TokenStream> {
    match status {
        StatusSelector::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            Some(quote!(#c))
        }
        StatusSelector::Range(r) => {
            let lo = Literal::u16_unsuffixed(u16::from(r) * 100);
            let hi = Literal::u16_unsuffixed(u16::from(r) * 100 + 99);
            Some(quote!(#lo..=#hi))
        }
        StatusSelector::Default => None,
    }
}

fn success(op: &Operation, base: &str, types: &mut TypeGen) -> Success {
    let responses: Vec<_> = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .collect();
    let json_of = |r: &poly_model::api::Response| {
        r.content
            .iter()
            .find(|m| m.is_json())
            .and_then(|m| m.schema.clone())
    };
    let binary = responses
        .iter()
        .any(|r| !r.content.is_empty() && r.content.iter().all(|m| !m.is_json()));

    if binary || responses.is_empty() {
        // Downloads (and operations documenting no success) hand back the response,
        // whose body the caller streams.
        let arm = quote!(200..=299 => Ok(response),);
        return Success {
            ty: quote!(::poly_runtime::Response),
            arms: vec![arm],
            extra: quote!(),
        };
    }

    let typed: Vec<_> = responses
        .iter()
        .filter_map(|r| Some((r.status, json_of(r)?)))
        .collect();
    let distinct: Vec<String> = {
        let mut v: Vec<String> = typed.iter().map(|(_, s)| format!("{s:?}")).collect();
        v.dedup();
        v
    };
    if typed.is_empty() {
        return Success {
            ty: quote!(()),
            arms: vec![quote!(200..=299 => Ok(()),)],
            extra: quote!(),
        };
    }
    if distinct.len() == 1 {
        let ty = types.type_of(&typed[0].1, &format!("{base}Response"));
        let arms = vec![quote!(200..=299 => Ok(response.json::<#ty>().await?),)];
        return Success {
            ty,
            arms,
            extra: quote!(),
        };
    }

    let enum_name = format_ident!("{}Response", base);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for (status, schema) in &typed {
        let variant = format_ident!("Status{}", status.to_string());
        let ty = types.type_of(schema, &format!("{base}Response{status}"));
        variants.push(quote!(#variant(#ty),));
        if let Some(pattern) = status_pattern(*status) {
            arms.push(quote!(#pattern => Ok(#enum_name::#variant(response.json().await?)),));
        }
    }
    let doc = format!(" The successful outcomes of `{}`, by status.", op.id);
    let extra = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #enum_name {
            #(#variants)*
        }
    };
    Success {
        ty: quote!(#enum_name),
        arms,
        extra,
    }
}

fn errors(
    op: &Operation,
    error: &proc_macro2::Ident,
    types: &mut TypeGen,
) -> (TokenStream, Vec<TokenStream>) {
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let base = error.to_string();
    for r in op.responses.iter().filter(|r| !r.status.is_success()) {
        let schema = r
            .content
            .iter()
            .find(|m| m.is_json())
            .and_then(|m| m.schema.clone());
        let doc = format!(" {}", r.description.trim());
        match (r.status, schema) {
            (StatusSelector::Default, Some(schema)) => {
                let ty = types.type_of(&schema, &format!("{base}Default"));
                variants.push(quote!(#[doc = #doc] Default { status: u16, body: #ty },));
                arms.push(quote!(status => Err(super::CallError::Upstream(#error::Default { status, body: response.json().await? })),));
            }
            (StatusSelector::Default, None) => {}
            (status, schema) => {
                let Some(pattern) = status_pattern(status) else {
                    continue;
                };
                let variant = format_ident!("Status{}", status.to_string());
                match schema {
                    Some(schema) => {
                        let ty = types.type_of(&schema, &format!("{base}{status}"));
                        variants.push(quote!(#[doc = #doc] #variant(#ty),));
                        arms.push(quote!(#pattern => Err(super::CallError::Upstream(#error::#variant(response.json().await?))),));
                    }
                    None => {
                        variants.push(quote!(#[doc = #doc] #variant,));
                        arms.push(
                            quote!(#pattern => Err(super::CallError::Upstream(#error::#variant)),),
                        );
                    }
                }
            }
        }
    }
    // Everything the description does not document (kept last: it matches anything).
    let has_default = arms.iter().any(|a| a.to_string().starts_with("status =>"));
    if !has_default {
        arms.push(quote!(status => Err(super::CallError::Upstream(#error::Unexpected { status, body: response.bytes().await? })),));
    }
    let doc = format!(" The documented failures of `{}`, by status.", op.id);
    let enum_tokens = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #error {
            #(#variants)*
            #[doc = " A status the description does not document."]
            Unexpected { status: u16, body: ::bytes::Bytes },
        }
    };
    (enum_tokens, arms)
}
