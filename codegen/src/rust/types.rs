//! Rust types from schemas: structs, enums, aliases, as token trees.
//!
//! Named schemas keep their names; inline schemas that need a type of their own are
//! named after where they sit (`Contact` + `address` → `ContactAddress`). Only the
//! schemas a shape reaches are emitted.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
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
    /// Discriminator property of each schema that is a member of a tagged union.
    tagged_members: HashMap<String, String>,
    pub uses_double_option: bool,
    depth: usize,
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
        let names = reachable
            .iter()
            .map(|n| (n.clone(), scope.unique(&pascal(n))))
            .collect();
        let mut edges = HashMap::new();
        let mut tagged_members = HashMap::new();
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
                                tagged_members.insert(n.to_owned(), d.property_name.clone());
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
            uses_double_option: false,
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
        for (schema_name, type_name) in names {
            let Some(schema) = self.api.schemas.get(&schema_name) else {
                continue;
            };
            let schema = schema.clone();
            self.named(&type_name, &schema, Some(&schema_name));
        }
    }

    pub fn into_items(self) -> Vec<TokenStream> {
        self.items
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
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                let only = all_of[0].clone();
                self.type_of(&only, context)
            }
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
        self.named(&name, &ReferenceOr::Item(schema.clone()), None);
        let id = ident(&name);
        quote!(super::types::#id)
    }

    /// Emits the item for a named type.
    fn named(&mut self, name: &str, schema: &ReferenceOr<Schema>, schema_name: Option<&str>) {
        let id = ident(name);
        let schema = match schema {
            ReferenceOr::Reference { .. } => {
                let target = self.type_of(schema, name);
                self.items.push(quote!(pub type #id = #target;));
                return;
            }
            ReferenceOr::Item(s) => s,
        };
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
                if !self.object_properties(schema).0.is_empty() =>
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
        let tag = schema_name
            .and_then(|n| self.tagged_members.get(n))
            .cloned();
        let mut fields = Vec::new();
        let mut field_scope = Scope::default();
        for (wire, prop) in &props {
            // A union member's tag is written by the union's serde attributes.
            if tag.as_deref() == Some(wire.as_str()) {
                continue;
            }
            let field = ident(&field_scope.unique(&snake(wire)));
            let resolved = self.api.resolve(prop).cloned();
            let nullable = resolved.as_ref().is_some_and(|s| s.schema_data.nullable);
            let mut ty = self.type_of(prop, &format!("{name}{}", pascal(wire)));
            if let (ReferenceOr::Reference { reference }, Some(owner)) = (prop, schema_name) {
                if schema_ref_name(reference).is_some_and(|target| self.reaches(target, owner)) {
                    ty = quote!(Box<#ty>);
                }
            }
            let presence = Presence {
                required: required.contains(wire),
                nullable,
            };
            let field_docs = resolved
                .as_ref()
                .map(|s| doc_attrs(None, s.schema_data.description.as_deref()))
                .unwrap_or_default();
            let deprecated_note = match resolved.as_ref().is_some_and(|s| s.schema_data.deprecated)
            {
                true if field_docs.is_empty() => quote!(#[doc = " Deprecated by the API."]),
                true => quote!(#[doc = ""] #[doc = " Deprecated by the API."]),
                false => quote!(),
            };
            let rename = (field != wire.as_str()).then(|| quote!(#[serde(rename = #wire)]));
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
                    quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
                ),
                Presence {
                    required: false,
                    nullable: true,
                } => {
                    self.uses_double_option = true;
                    (
                        quote!(Option<Option<#ty>>),
                        quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "double_option")]),
                    )
                }
            };
            fields.push(quote! {
                #field_docs
                #deprecated_note
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
        for (i, member) in members {
            let ref_name = match member {
                ReferenceOr::Reference { reference } => {
                    schema_ref_name(reference).map(str::to_owned)
                }
                ReferenceOr::Item(_) => None,
            };
            let base = ref_name
                .as_deref()
                .map(pascal)
                .unwrap_or_else(|| variant_name(member, i));
            let variant = ident(&scope.unique(&base));
            let ty = self.type_of(member, &format!("{name}{base}"));
            let rename = discriminator.as_ref().map(|d| {
                let wire = d
                    .mapping
                    .iter()
                    .find(|(_, target)| {
                        ref_name
                            .as_deref()
                            .is_some_and(|n| target.ends_with(&format!("/{n}")) || *target == n)
                    })
                    .map(|(k, _)| k.clone())
                    .or_else(|| ref_name.clone())
                    .unwrap_or_else(|| base.clone());
                quote!(#[serde(rename = #wire)])
            });
            variants.push(quote!(#rename #variant(#ty),));
        }
        let serde_attr = match &discriminator {
            Some(d) => {
                let tag = &d.property_name;
                quote!(#[serde(tag = #tag)])
            }
            None => quote!(#[serde(untagged)]),
        };
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #serde_attr
            pub enum #id {
                #(#variants)*
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

/// A string enum that survives values the description did not list.
fn string_enum(id: &proc_macro2::Ident, values: &[String], docs: TokenStream) -> TokenStream {
    let mut scope = Scope::default();
    scope.reserve("Unknown");
    let variants = values.iter().map(|v| {
        let variant = ident(&scope.unique(&pascal(v)));
        quote!(#[serde(rename = #v)] #variant,)
    });
    let as_str = values.iter().map(|v| {
        // Recomputed in the same order, so the names match the variants above.
        quote!(#v)
    });
    let mut scope2 = Scope::default();
    scope2.reserve("Unknown");
    let arms = values.iter().zip(as_str).map(|(v, s)| {
        let variant = ident(&scope2.unique(&pascal(v)));
        quote!(Self::#variant => #s,)
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
