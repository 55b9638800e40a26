//! Rust types from schemas: structs, enums, aliases, as token trees.
//!
//! Named schemas keep their names; inline schemas that need a type of their own are
//! named after where they sit (`Contact` + `address` → `ContactAddress`). Only the
//! schemas a shape reaches are emitted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{
    AdditionalProperties, Discriminator, IntegerFormat, NumberFormat, ReferenceOr, Schema,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use poly_model::api::{collect_refs, schema_ref_name, unboxed, Api};
use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::names::{ident, pascal, snake, Scope};

/// Object properties by wire name, in declaration order.
type Properties = Vec<(String, ReferenceOr<Schema>)>;

/// Generates the types of one API.
pub struct TypeGen<'a> {
    api: &'a Api,
    /// Schema name → Rust type name.
    names: BTreeMap<String, String>,
    scope: Scope,
    items: Vec<TokenStream>,
    /// Direct schema edges, for deciding where recursion needs a `Box`.
    edges: HashMap<String, BTreeSet<String>>,
    /// The tagged unions each schema is a member of, to document its tag field.
    tagged_members: HashMap<String, Vec<MemberTag>>,
    /// Names of the generated `default_*` functions of fields with a schema default.
    default_fns: Scope,
    /// The helper items the types need (defaults, base64, tagged unions), emitted
    /// once after the types.
    helpers: Helpers,
    depth: usize,
}

/// The shared helper items generated code needs, each emitted only when used.
#[derive(Default)]
struct Helpers {
    double_option: bool,
    base64: bool,
    tagged: bool,
    /// `fn default_*() -> …` of fields with a schema default, in emission order.
    default_fns: Vec<TokenStream>,
}

/// The name of the generated base64 bytes type; reserved in the types' scope so a
/// schema of the same name is renamed instead of colliding.
const BASE64_TYPE: &str = "Base64Bytes";

/// Names of the Rust 2021 prelude (types, traits and the variants it brings into
/// scope), which generated code uses unqualified.
const PRELUDE: &[&str] = &[
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Box",
    "ToOwned",
    "Clone",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "TryFrom",
    "TryInto",
    "FromIterator",
];

/// A schema's membership in a tagged union (`oneOf` with a discriminator).
struct MemberTag {
    union: String,
    property: String,
    values: Vec<String>,
}

/// Is the value required, nullable, both or neither: decides `T`, `Option<T>`, or
/// `Option<Option<T>>` (absent and null kept apart).
struct Presence {
    required: bool,
    nullable: bool,
}

impl<'a> TypeGen<'a> {
    pub fn new(api: &'a Api, reachable: &BTreeSet<String>) -> TypeGen<'a> {
        // Types live in their own module, so they cannot collide with the client's
        // items; only with each other.
        let mut scope = Scope::default();
        scope.reserve(BASE64_TYPE);
        // The module names prelude items unqualified (`String`, `Option`, `From`…): a
        // schema called `String` must not shadow them.
        for name in PRELUDE {
            scope.reserve(name);
        }
        let names = reachable
            .iter()
            .map(|n| (n.clone(), scope.unique(&pascal(n))))
            .collect();
        let mut edges = HashMap::new();
        let mut tagged_members: HashMap<String, Vec<MemberTag>> = HashMap::new();
        for (name, schema) in &api.schemas {
            let mut refs = Vec::new();
            collect_refs(schema, &mut refs);
            edges.insert(name.clone(), refs.into_iter().map(str::to_owned).collect());
            if let ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::OneOf { one_of },
                schema_data,
            }) = schema
            {
                if let Some(d) = &schema_data.discriminator {
                    for member in one_of {
                        if let ReferenceOr::Reference { reference } = member {
                            if let Some(n) = schema_ref_name(reference) {
                                tagged_members
                                    .entry(n.to_owned())
                                    .or_default()
                                    .push(MemberTag {
                                        union: name.clone(),
                                        property: d.property_name.clone(),
                                        values: tag_values(d, Some(n), n),
                                    });
                            }
                        }
                    }
                }
            }
        }
        TypeGen {
            api,
            names,
            scope,
            items: Vec::new(),
            edges,
            tagged_members,
            default_fns: Scope::default(),
            helpers: Helpers::default(),
            depth: 0,
        }
    }

    /// Emits every reachable named schema.
    pub fn generate_all(&mut self) {
        let names: Vec<(String, String)> = self
            .names
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        // `api` outlives `self`'s borrow, so its schemas need no copy.
        let api = self.api;
        for (schema_name, type_name) in names {
            let Some(schema) = api.schemas.get(&schema_name) else {
                continue;
            };
            self.named(&type_name, schema, Some(&schema_name));
        }
    }

    /// The types generated since the last call, leaving none behind.
    pub fn take_items(&mut self) -> Vec<TokenStream> {
        std::mem::take(&mut self.items)
    }

    /// The types not yet taken, then the helper items they use.
    pub fn into_items(self) -> Vec<TokenStream> {
        let mut items = self.items;
        items.extend(self.helpers.into_items());
        items
    }

    /// The Rust type of a schema used somewhere, generating inline types under
    /// `context` as needed. Nullability is the caller's concern.
    pub fn type_of(&mut self, schema: &ReferenceOr<Schema>, context: &str) -> TokenStream {
        // Inline schemas nest as deep as the document does; past this depth (never seen
        // in a real description) the value is left untyped rather than overflowing.
        if self.depth > 64 {
            return quote!(::serde_json::Value);
        }
        self.depth += 1;
        let ty = self.type_of_inner(schema, context);
        self.depth -= 1;
        ty
    }

    /// Whether [`TypeGen::type_of`] would give this schema a named type of its own
    /// (an inline struct, enum or union) rather than a built-in type.
    fn needs_own_type(&self, schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
            SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
            SchemaKind::Type(_) | SchemaKind::Not { .. } => false,
            SchemaKind::AllOf { all_of } => all_of.len() != 1,
            SchemaKind::Any(any) => {
                !(any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty())
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        }
    }

    fn type_of_inner(&mut self, schema: &ReferenceOr<Schema>, context: &str) -> TokenStream {
        let schema = match schema {
            ReferenceOr::Reference { reference } => return self.reference(reference),
            ReferenceOr::Item(s) => s,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                self.inline_named(context, schema)
            }
            SchemaKind::Type(Type::String(s)) => match &s.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                    quote!(::chrono::DateTime<::chrono::Utc>)
                }
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => quote!(::chrono::NaiveDate),
                VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => quote!(::uuid::Uuid),
                VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => {
                    self.helpers.base64 = true;
                    let id = ident(BASE64_TYPE);
                    quote!(super::types::#id)
                }
                _ => quote!(String),
            },
            SchemaKind::Type(Type::Integer(i)) => match i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => quote!(i32),
                _ => quote!(i64),
            },
            SchemaKind::Type(Type::Number(n)) => match n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => quote!(f32),
                _ => quote!(f64),
            },
            SchemaKind::Type(Type::Boolean(_)) => quote!(bool),
            SchemaKind::Type(Type::Array(a)) => {
                let item = match &a.items {
                    Some(items) => self.type_of(&unboxed(items), &format!("{context}Item")),
                    None => quote!(::serde_json::Value),
                };
                quote!(Vec<#item>)
            }
            SchemaKind::Type(Type::Object(o)) if o.properties.is_empty() => {
                match &o.additional_properties {
                    Some(AdditionalProperties::Schema(s)) => {
                        let value = self.type_of(s, &format!("{context}Value"));
                        quote!(::std::collections::BTreeMap<String, #value>)
                    }
                    _ => quote!(::serde_json::Map<String, ::serde_json::Value>),
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => self.type_of(&all_of[0], context),
            SchemaKind::Any(any)
                if any.properties.is_empty()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty() =>
            {
                quote!(::serde_json::Value)
            }
            SchemaKind::Not { .. } => quote!(::serde_json::Value),
            _ => self.inline_named(context, schema),
        }
    }

    fn reference(&mut self, reference: &str) -> TokenStream {
        match schema_ref_name(reference).and_then(|n| self.names.get(n)) {
            Some(name) => {
                let id = ident(name);
                quote!(super::types::#id)
            }
            None => quote!(::serde_json::Value),
        }
    }

    fn inline_named(&mut self, context: &str, schema: &Schema) -> TokenStream {
        let name = self.scope.unique(&pascal(context));
        self.named_item(&name, schema, None);
        let id = ident(&name);
        quote!(super::types::#id)
    }

    /// Emits the item for a named type.
    fn named(&mut self, name: &str, schema: &ReferenceOr<Schema>, schema_name: Option<&str>) {
        match schema {
            ReferenceOr::Reference { .. } => {
                let id = ident(name);
                let target = self.type_of(schema, name);
                self.items.push(quote!(pub type #id = #target;));
            }
            ReferenceOr::Item(s) => self.named_item(name, s, schema_name),
        }
    }

    fn named_item(&mut self, name: &str, schema: &Schema, schema_name: Option<&str>) {
        let id = ident(name);
        let docs = doc_attrs(
            schema.schema_data.title.as_deref(),
            schema.schema_data.description.as_deref(),
        );
        let item = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                string_enum(&id, &values, docs)
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } | SchemaKind::Any(_)
                if self.has_properties(schema, 0) =>
            {
                self.object(&id, name, schema, schema_name, docs)
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                self.union(&id, name, schema, list, docs)
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() || !any.any_of.is_empty() => {
                let list = if any.one_of.is_empty() {
                    any.any_of.clone()
                } else {
                    any.one_of.clone()
                };
                self.union(&id, name, schema, &list, docs)
            }
            _ if self.needs_own_type(schema) => {
                // LIMITATION: shapes the generator cannot express precisely (an `allOf`
                // of non-objects, say) become untyped JSON; a dedicated rendering per
                // shape would type them.
                quote!(#docs pub type #id = ::serde_json::Value;)
            }
            _ => {
                let target = self.type_of(
                    &ReferenceOr::Item(strip_title(schema)),
                    &format!("{name}Inner"),
                );
                quote!(#docs pub type #id = #target;)
            }
        };
        self.items.push(item);
    }

    /// Properties of an object, with `allOf` members merged in, and its required set.
    fn object_properties(
        &self,
        schema: &Schema,
    ) -> (Vec<(String, ReferenceOr<Schema>)>, BTreeSet<String>) {
        let mut props: Vec<(String, ReferenceOr<Schema>)> = Vec::new();
        let mut required = BTreeSet::new();
        self.merge_object(schema, &mut props, &mut required, 0);
        (props, required)
    }

    /// Whether [`TypeGen::object_properties`] would find any, without copying them.
    fn has_properties(&self, schema: &Schema, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        let (own, all_of) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => (!o.properties.is_empty(), &[][..]),
            SchemaKind::AllOf { all_of } => (false, &all_of[..]),
            SchemaKind::Any(a) => (!a.properties.is_empty(), &a.all_of[..]),
            _ => return false,
        };
        own || all_of.iter().any(|member| {
            self.api
                .resolve(member)
                .is_some_and(|s| self.has_properties(s, depth + 1))
        })
    }

    fn merge_object(
        &self,
        schema: &Schema,
        props: &mut Properties,
        required: &mut BTreeSet<String>,
        depth: usize,
    ) {
        if depth > 16 {
            return;
        }
        let (own, own_required, all_of): (Properties, &[String], &[ReferenceOr<Schema>]) =
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(o)) => (
                    o.properties
                        .iter()
                        .map(|(k, v)| (k.clone(), unboxed(v)))
                        .collect(),
                    &o.required,
                    &[],
                ),
                SchemaKind::AllOf { all_of } => (Vec::new(), &[], all_of),
                SchemaKind::Any(a) => (
                    a.properties
                        .iter()
                        .map(|(k, v)| (k.clone(), unboxed(v)))
                        .collect(),
                    &a.required,
                    &a.all_of,
                ),
                _ => return,
            };
        for member in all_of {
            if let Some(s) = self.api.resolve(member) {
                self.merge_object(s, props, required, depth + 1);
            }
        }
        for (k, v) in own {
            props.retain(|(name, _)| *name != k);
            props.push((k, v));
        }
        required.extend(own_required.iter().cloned());
    }

    fn object(
        &mut self,
        id: &proc_macro2::Ident,
        name: &str,
        schema: &Schema,
        schema_name: Option<&str>,
        docs: TokenStream,
    ) -> TokenStream {
        let (props, required) = self.object_properties(schema);
        let mut fields = Vec::new();
        let mut field_scope = Scope::default();
        for (wire, prop) in &props {
            let field = ident(&field_scope.unique(&snake(wire)));
            let resolved = self.api.resolve(prop);
            let nullable = resolved.is_some_and(|s| s.schema_data.nullable);
            let description = resolved.and_then(|s| s.schema_data.description.clone());
            let deprecated = resolved.is_some_and(|s| s.schema_data.deprecated);
            let mut ty = self.type_of(prop, &format!("{name}{}", pascal(wire)));
            let mut boxed = false;
            if let Some(owner) = schema_name {
                let mut held = Vec::new();
                held_by_value(prop, &mut held);
                if held.iter().any(|target| self.reaches(target, owner)) {
                    ty = quote!(Box<#ty>);
                    boxed = true;
                }
            }
            let presence = Presence {
                required: required.contains(wire),
                nullable,
            };
            let mut field_docs = doc_attrs(None, description.as_deref());
            let mut note = |text: String| {
                if !field_docs.is_empty() {
                    field_docs.extend(quote!(#[doc = ""]));
                }
                field_docs.extend(quote!(#[doc = #text]));
            };
            if deprecated {
                note(" Deprecated by the API.".to_owned());
            }
            // Standalone, the member is its schema, tag included; inside the union
            // the variant writes the tag (see `TypeGen::union`).
            let member_of = schema_name.and_then(|n| self.tagged_members.get(n));
            for tag in member_of.into_iter().flatten() {
                if tag.property == *wire {
                    let values = tag
                        .values
                        .iter()
                        .map(|v| format!("`{v:?}`"))
                        .collect::<Vec<_>>()
                        .join(" or ");
                    note(format!(
                        " The tag of this type in the union [`{}`]: {values}.",
                        self.names
                            .get(&tag.union)
                            .map_or(tag.union.as_str(), String::as_str)
                    ));
                }
            }
            // A default applies only where the field may be absent.
            let default = match self.default_of(prop) {
                Some(value) => {
                    note(format!(" Defaults to `{value}` when absent."));
                    (!presence.required && !boxed)
                        .then(|| self.default_expr(prop, &value, &ty, nullable))
                        .flatten()
                }
                None => None,
            };
            let default_fn = default.map(|expr| {
                let fn_name = self
                    .default_fns
                    .unique(&snake(&format!("default_{name}_{field}")));
                let fn_id = ident(&fn_name);
                let ret = if nullable {
                    quote!(Option<Option<#ty>>)
                } else {
                    quote!(Option<#ty>)
                };
                self.helpers.default_fns.push(quote! {
                    fn #fn_id() -> #ret {
                        Some(#expr)
                    }
                });
                fn_name
            });
            let rename = (field != wire.as_str()).then(|| quote!(#[serde(rename = #wire)]));
            let default_attr = match &default_fn {
                Some(f) => quote!(default = #f),
                None => quote!(default),
            };
            let (ty, attrs) = match presence {
                Presence {
                    required: true,
                    nullable: false,
                } => (ty, quote!()),
                Presence {
                    required: true,
                    nullable: true,
                } => (quote!(Option<#ty>), quote!()),
                Presence {
                    required: false,
                    nullable: false,
                } => (
                    quote!(Option<#ty>),
                    quote!(#[serde(#default_attr, skip_serializing_if = "Option::is_none")]),
                ),
                Presence {
                    required: false,
                    nullable: true,
                } => {
                    self.helpers.double_option = true;
                    (
                        quote!(Option<Option<#ty>>),
                        quote!(#[serde(#default_attr, skip_serializing_if = "Option::is_none", deserialize_with = "double_option")]),
                    )
                }
            };
            fields.push(quote! {
                #field_docs
                #rename
                #attrs
                pub #field: #ty,
            });
        }
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #id {
                #(#fields)*
            }
        }
    }

    /// The schema default of a property, following a reference or a one-member
    /// `allOf` (how 3.0 descriptions put a default beside a `$ref`).
    pub fn default_of(&self, prop: &ReferenceOr<Schema>) -> Option<serde_json::Value> {
        let mut schema = self.api.resolve(prop)?;
        for _ in 0..8 {
            if let Some(d) = &schema.schema_data.default {
                return Some(d.clone());
            }
            match &schema.schema_kind {
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                    schema = self.api.resolve(&all_of[0])?;
                }
                _ => return None,
            }
        }
        None
    }

    /// The Rust expression of a default value of type `ty` (`Option<ty>` when
    /// `nullable`), for the scalar, string and string-enum defaults; `None` for
    /// anything else (the default is then only documented).
    fn default_expr(
        &self,
        prop: &ReferenceOr<Schema>,
        value: &serde_json::Value,
        ty: &TokenStream,
        nullable: bool,
    ) -> Option<TokenStream> {
        if value.is_null() {
            return nullable.then(|| quote!(None));
        }
        let expr = self.default_scalar(prop, value, ty)?;
        Some(if nullable { quote!(Some(#expr)) } else { expr })
    }

    fn default_scalar(
        &self,
        prop: &ReferenceOr<Schema>,
        value: &serde_json::Value,
        ty: &TokenStream,
    ) -> Option<TokenStream> {
        // The schema that decides the Rust type: past references and one-member
        // `allOf` wrappers.
        let mut schema = self.api.resolve(prop)?;
        for _ in 0..8 {
            match &schema.schema_kind {
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                    schema = self.api.resolve(&all_of[0])?;
                }
                _ => break,
            }
        }
        let expr = match (&schema.schema_kind, value) {
            (SchemaKind::Type(Type::String(s)), serde_json::Value::String(v))
                if !s.enumeration.is_empty() =>
            {
                let values: Vec<&String> = s.enumeration.iter().flatten().collect();
                let variants = enum_variant_names(&values);
                match values.iter().position(|known| *known == v) {
                    Some(i) => {
                        let variant = ident(&variants[i]);
                        quote!(#ty::#variant)
                    }
                    None => quote!(#ty::Unknown(#v.to_owned())),
                }
            }
            (SchemaKind::Type(Type::String(s)), serde_json::Value::String(v)) => {
                match &s.format {
                    // LIMITATION: defaults of dates, times, UUIDs and bytes are only
                    // documented; parsing them here would type them.
                    VariantOrUnknownOrEmpty::Item(
                        StringFormat::DateTime | StringFormat::Date | StringFormat::Byte,
                    ) => return None,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "uuid" => return None,
                    // Every other string is a `String` (see `type_of`).
                    _ => quote!(#v.to_owned()),
                }
            }
            (SchemaKind::Type(Type::Boolean(_)), serde_json::Value::Bool(b)) => quote!(#b),
            (SchemaKind::Type(Type::Integer(i)), serde_json::Value::Number(n)) => {
                let n = n.as_i64()?;
                if i.format == VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)
                    && i32::try_from(n).is_err()
                {
                    return None;
                }
                let literal = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
                if n < 0 {
                    quote!(-#literal)
                } else {
                    quote!(#literal)
                }
            }
            (SchemaKind::Type(Type::Number(_)), serde_json::Value::Number(n)) => {
                let n = n.as_f64()?;
                let literal = proc_macro2::Literal::f64_unsuffixed(n.abs());
                if n < 0.0 {
                    quote!(-#literal)
                } else {
                    quote!(#literal)
                }
            }
            _ => return None,
        };
        Some(expr)
    }

    fn union(
        &mut self,
        id: &proc_macro2::Ident,
        name: &str,
        schema: &Schema,
        list: &[ReferenceOr<Schema>],
        docs: TokenStream,
    ) -> TokenStream {
        let mut variants = Vec::new();
        let mut scope = Scope::default();
        let discriminator = schema.schema_data.discriminator.clone();
        if discriminator.is_some() {
            scope.reserve("Unknown");
        }
        // Untagged unions try variants in order: objects with more required
        // properties first, so a richer shape is not swallowed by a poorer one.
        let mut members: Vec<(usize, &ReferenceOr<Schema>)> = list.iter().enumerate().collect();
        if discriminator.is_none() {
            members.sort_by_key(|(i, m)| {
                let weight = self
                    .api
                    .resolve(m)
                    .map_or(0, |s| self.object_properties(s).1.len());
                (std::cmp::Reverse(weight), *i)
            });
        }
        // Tagged: (variant, the tag values that select it). A value selects the first
        // member it names.
        let mut tagged = Vec::new();
        let mut seen_values = BTreeSet::new();
        for (i, member) in members {
            let ref_name = match member {
                ReferenceOr::Reference { reference } => schema_ref_name(reference),
                ReferenceOr::Item(_) => None,
            };
            let base = ref_name
                .map(pascal)
                .unwrap_or_else(|| variant_name(member, i));
            let variant = ident(&scope.unique(&base));
            let ty = self.type_of(member, &format!("{name}{base}"));
            match &discriminator {
                Some(d) => {
                    let values = tag_values(d, ref_name, &base);
                    let doc = format!(
                        " `{}`: {}.",
                        d.property_name,
                        values
                            .iter()
                            .map(|v| format!("`{v:?}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    );
                    variants.push(quote!(#[doc = #doc] #variant(#ty),));
                    let selecting: Vec<String> = values
                        .iter()
                        .filter(|v| seen_values.insert((*v).clone()))
                        .cloned()
                        .collect();
                    tagged.push((variant, values, selecting));
                }
                None => variants.push(quote!(#variant(#ty),)),
            }
        }
        let Some(d) = &discriminator else {
            return quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(untagged)]
                pub enum #id {
                    #(#variants)*
                }
            };
        };
        // Serde's internally tagged enums drop the tag from the member, so a member
        // used on its own would lose it. Members keep their tag field instead, and the
        // union reads the tag to choose the variant and writes the variant's tag.
        self.helpers.tagged = true;
        let tag = &d.property_name;
        let ser_arms = tagged.iter().map(|(variant, values, _)| {
            let value = &values[0];
            quote!(Self::#variant(member) => serialize_tagged(serializer, #tag, #value, member),)
        });
        let de_arms = tagged
            .iter()
            .filter(|(_, _, selecting)| !selecting.is_empty())
            .map(|(variant, _, selecting)| {
                quote!(#(#selecting)|* => ::serde_json::from_value(value).map(Self::#variant),)
            });
        let tag_arms = tagged.iter().map(|(variant, values, _)| {
            let value = &values[0];
            quote!(Self::#variant(_) => Some(#value),)
        });
        let tag_doc = format!(" The value of the `{tag}` tag this variant is written with.");
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            pub enum #id {
                #(#variants)*
                /// A member this SDK does not know (the API may have added it since), as
                /// received.
                Unknown(::serde_json::Value),
            }

            impl #id {
                #[doc = #tag_doc]
                pub fn tag(&self) -> Option<&str> {
                    match self {
                        #(#tag_arms)*
                        Self::Unknown(value) => value.get(#tag).and_then(::serde_json::Value::as_str),
                    }
                }
            }

            impl ::serde::Serialize for #id {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#ser_arms)*
                        Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                    }
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #id {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let (tag, value) = deserialize_tagged(deserializer, #tag)?;
                    let member = match tag.as_str() {
                        #(#de_arms)*
                        _ => Ok(Self::Unknown(value)),
                    };
                    member.map_err(::serde::de::Error::custom)
                }
            }
        }
    }

    /// Whether `from` can reach `to` through schema references (recursion).
    fn reaches(&self, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if !seen.insert(n.clone()) {
                continue;
            }
            if let Some(next) = self.edges.get(&n) {
                stack.extend(next.iter().cloned());
            }
        }
        false
    }
}

/// The named schemas a field of this schema holds by value: a reference, or the
/// references inside an inline object or composition (`allOf: [$ref]` wrappers are
/// common). Arrays and maps are skipped: `Vec` and `BTreeMap` already put their items
/// on the heap, so recursion through them needs no `Box`.
fn held_by_value<'a>(schema: &'a ReferenceOr<Schema>, out: &mut Vec<&'a str>) {
    match schema {
        ReferenceOr::Reference { reference } => out.extend(schema_ref_name(reference)),
        ReferenceOr::Item(s) => held_by_value_inline(s, out),
    }
}

fn held_by_value_inline<'a>(schema: &'a Schema, out: &mut Vec<&'a str>) {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            for property in o.properties.values() {
                match property {
                    ReferenceOr::Reference { reference } => out.extend(schema_ref_name(reference)),
                    ReferenceOr::Item(s) => held_by_value_inline(s, out),
                }
            }
        }
        SchemaKind::OneOf { one_of: list }
        | SchemaKind::AllOf { all_of: list }
        | SchemaKind::AnyOf { any_of: list } => {
            list.iter().for_each(|member| held_by_value(member, out))
        }
        _ => {}
    }
}

fn variant_name(member: &ReferenceOr<Schema>, index: usize) -> String {
    match member {
        ReferenceOr::Item(s) => match &s.schema_kind {
            SchemaKind::Type(Type::String(_)) => "String".to_owned(),
            SchemaKind::Type(Type::Integer(_)) => "Integer".to_owned(),
            SchemaKind::Type(Type::Number(_)) => "Number".to_owned(),
            SchemaKind::Type(Type::Boolean(_)) => "Boolean".to_owned(),
            SchemaKind::Type(Type::Array(_)) => "List".to_owned(),
            _ => s
                .schema_data
                .title
                .as_deref()
                .map(pascal)
                .unwrap_or_else(|| format!("Variant{}", index + 1)),
        },
        ReferenceOr::Reference { .. } => format!("Variant{}", index + 1),
    }
}

fn strip_title(schema: &Schema) -> Schema {
    let mut s = schema.clone();
    s.schema_data.title = None;
    s
}

/// The variant names of a string enum's values, in order (`Unknown` is taken by the
/// catch-all variant).
fn enum_variant_names(values: &[impl AsRef<str>]) -> Vec<String> {
    let mut scope = Scope::default();
    scope.reserve("Unknown");
    values
        .iter()
        .map(|v| scope.unique(&pascal(v.as_ref())))
        .collect()
}

/// The discriminator values that select a union member: every mapping key that
/// points at it, else its schema name (or `fallback` for an inline member).
fn tag_values(d: &Discriminator, ref_name: Option<&str>, fallback: &str) -> Vec<String> {
    let mut values: Vec<String> = d
        .mapping
        .iter()
        .filter(|(_, target)| {
            ref_name.is_some_and(|n| target.ends_with(&format!("/{n}")) || target.as_str() == n)
        })
        .map(|(k, _)| k.clone())
        .collect();
    if values.is_empty() {
        values.push(ref_name.unwrap_or(fallback).to_owned());
    }
    values
}

/// A string enum that survives values the description did not list.
fn string_enum(id: &proc_macro2::Ident, values: &[String], docs: TokenStream) -> TokenStream {
    let names = enum_variant_names(values);
    let variants = values.iter().zip(&names).map(|(v, name)| {
        let variant = ident(name);
        quote!(#[serde(rename = #v)] #variant,)
    });
    let arms = values.iter().zip(&names).map(|(v, name)| {
        let variant = ident(name);
        quote!(Self::#variant => #v,)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum #id {
            #(#variants)*
            /// A value this SDK does not know (the API may have added it since).
            #[serde(untagged)]
            Unknown(String),
        }

        impl #id {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    Self::Unknown(other) => other,
                }
            }
        }
    }
}

impl Helpers {
    fn into_items(self) -> Vec<TokenStream> {
        let mut items = Vec::new();
        if self.base64 {
            items.push(base64_type());
        }
        if self.tagged {
            items.push(quote! {
                /// Writes a member of a tagged union with its variant's tag, whatever the
                /// member's own tag field holds: the variant decides.
                fn serialize_tagged<S, T>(
                    serializer: S,
                    tag: &str,
                    value: &str,
                    member: &T,
                ) -> Result<S::Ok, S::Error>
                where
                    S: ::serde::Serializer,
                    T: ::serde::Serialize,
                {
                    let mut json = ::serde_json::to_value(member).map_err(::serde::ser::Error::custom)?;
                    let ::serde_json::Value::Object(object) = &mut json else {
                        return Err(::serde::ser::Error::custom(format_args!(
                            "a member of a union tagged by `{tag}` is not an object"
                        )));
                    };
                    object.insert(tag.to_owned(), ::serde_json::Value::String(value.to_owned()));
                    ::serde::Serialize::serialize(&json, serializer)
                }

                /// Reads a member of a tagged union and its tag, which chooses the variant.
                fn deserialize_tagged<'de, D>(
                    deserializer: D,
                    tag: &'static str,
                ) -> Result<(String, ::serde_json::Value), D::Error>
                where
                    D: ::serde::Deserializer<'de>,
                {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let found = match value.get(tag) {
                        Some(::serde_json::Value::String(found)) => found.clone(),
                        Some(_) => {
                            return Err(::serde::de::Error::custom(format_args!(
                                "the `{tag}` tag is not a string"
                            )))
                        }
                        None => return Err(::serde::de::Error::missing_field(tag)),
                    };
                    Ok((found, value))
                }
            });
        }
        if self.double_option {
            items.push(quote! {
                /// Keeps "absent" (`None`) and "null" (`Some(None)`) apart for optional,
                /// nullable fields.
                fn double_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
                where
                    D: ::serde::Deserializer<'de>,
                    T: ::serde::Deserialize<'de>,
                {
                    <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
                }
            });
        }
        items.extend(self.default_fns);
        items
    }
}

/// `Base64Bytes`: the type of `format: byte` strings, generated into the SDK (rather
/// than the runtime) so the SDK's types depend on nothing but serde.
fn base64_type() -> TokenStream {
    let id = ident(BASE64_TYPE);
    quote! {
        /// Bytes that travel as base64 text (`format: byte`). Written with the standard
        /// alphabet and padding; read in the standard or URL-safe alphabet, padded or
        /// not, line breaks ignored, as APIs differ on all three.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #id(pub Vec<u8>);

        impl #id {
            /// The bytes as base64 text, as they are written on the wire.
            pub fn to_base64(&self) -> String {
                const ALPHABET: &[u8; 64] =
                    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                let mut out = String::with_capacity(self.0.len().div_ceil(3) * 4);
                for chunk in self.0.chunks(3) {
                    let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
                    let group = (byte(0) << 16) | (byte(1) << 8) | byte(2);
                    for i in 0..4 {
                        if i <= chunk.len() {
                            let sextet = (group >> (18 - 6 * i)) & 63;
                            out.push(char::from(ALPHABET[sextet as usize]));
                        } else {
                            out.push('=');
                        }
                    }
                }
                out
            }

            /// Decodes base64 text; `None` if it is not base64.
            pub fn from_base64(text: &str) -> Option<Self> {
                let mut out = Vec::with_capacity(text.len() / 4 * 3);
                let (mut buffer, mut bits, mut padded) = (0u32, 0u32, false);
                for c in text.bytes() {
                    let sextet = match c {
                        b'A'..=b'Z' => c - b'A',
                        b'a'..=b'z' => c - b'a' + 26,
                        b'0'..=b'9' => c - b'0' + 52,
                        b'+' | b'-' => 62,
                        b'/' | b'_' => 63,
                        b'=' => {
                            padded = true;
                            continue;
                        }
                        b'\r' | b'\n' | b' ' | b'\t' => continue,
                        _ => return None,
                    };
                    if padded {
                        return None;
                    }
                    buffer = (buffer << 6) | u32::from(sextet);
                    bits += 6;
                    if bits >= 8 {
                        bits -= 8;
                        out.push((buffer >> bits) as u8);
                        buffer &= (1 << bits) - 1;
                    }
                }
                // Six bits left over: a lone character, which encodes no byte.
                (bits < 6).then_some(#id(out))
            }
        }

        impl From<Vec<u8>> for #id {
            fn from(bytes: Vec<u8>) -> Self {
                #id(bytes)
            }
        }

        impl From<&[u8]> for #id {
            fn from(bytes: &[u8]) -> Self {
                #id(bytes.to_vec())
            }
        }

        impl AsRef<[u8]> for #id {
            fn as_ref(&self) -> &[u8] {
                &self.0
            }
        }

        impl ::serde::Serialize for #id {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.to_base64())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #id {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                #id::from_base64(&text).ok_or_else(|| {
                    ::serde::de::Error::invalid_value(::serde::de::Unexpected::Str(&text), &"base64 text")
                })
            }
        }
    }
}
