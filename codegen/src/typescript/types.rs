//! OpenAPI schemas as TypeScript types.
//!
//! Objects are interfaces (named) or object literal types (inline), `oneOf`/`anyOf`
//! unions (discriminated when a discriminator says how), `allOf` intersections, enums
//! string literal unions, maps `Record<string, T>`, `nullable` a `| null` that stays
//! distinct from an optional `?` property, and binary strings [`BINARY`].
//!
//! TypeScript rejects a type alias that refers to itself *eagerly* (through a union,
//! an intersection, another alias or a `Record`); through a property or an array
//! element it is fine. [`Models::new`] finds the named schemas on eager cycles: maps
//! among them become index signatures, and any cycle that remains is cut with
//! `unknown` at the reference that closes it.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, Discriminator, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};
use poly_model::api::{schema_ref_name, Api};
use serde::Serialize;
use serde_json::Value;

use super::docs::Doc;
use super::names::{self, property_key, string_literal};

/// Beyond this nesting of inline schemas a type is `unknown`: no description can
/// make the generator recurse without bound.
const MAX_DEPTH: usize = 40;

/// The runtime's type for bytes going up: `Blob | Uint8Array | ReadableStream`.
pub const BINARY: &str = "Binary";

/// A type expression and how tightly it binds, for parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ty {
    pub text: String,
    prec: Prec,
    /// The members, when this is a union (for laying long unions out one per line).
    members: Vec<Ty>,
    /// The model names (and [`BINARY`]) the text refers to, for imports.
    pub refs: BTreeSet<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prec {
    Atom,
    Intersection,
    Union,
}

impl Ty {
    pub fn atom(text: impl Into<String>) -> Ty {
        Ty::built(text, BTreeSet::new())
    }

    /// An atom built around other types, whose references it keeps.
    pub fn built(text: impl Into<String>, refs: BTreeSet<String>) -> Ty {
        Ty {
            text: text.into(),
            prec: Prec::Atom,
            members: Vec::new(),
            refs,
        }
    }

    pub fn binary() -> Ty {
        Ty::built(BINARY, [BINARY.to_owned()].into())
    }

    pub fn unknown() -> Ty {
        Ty::atom("unknown")
    }

    fn is_unknown(&self) -> bool {
        self.text == "unknown"
    }

    /// `A | B`, flattened and without repeats; `unknown` absorbs everything.
    pub fn union(parts: Vec<Ty>) -> Ty {
        let mut members: Vec<Ty> = Vec::new();
        for part in parts {
            if part.is_unknown() {
                return Ty::unknown();
            }
            let flat = if part.prec == Prec::Union {
                part.members
            } else {
                vec![part]
            };
            for m in flat {
                if !members.iter().any(|x| x.text == m.text) {
                    members.push(m);
                }
            }
        }
        match members.len() {
            0 => Ty::atom("never"),
            1 => members.remove(0),
            _ => Ty {
                text: members
                    .iter()
                    .map(Ty::in_union)
                    .collect::<Vec<_>>()
                    .join(" | "),
                prec: Prec::Union,
                refs: members
                    .iter()
                    .flat_map(|m| m.refs.iter().cloned())
                    .collect(),
                members,
            },
        }
    }

    /// A member as written in a union: intersections in parentheses, for readers.
    fn in_union(&self) -> String {
        if self.prec == Prec::Intersection {
            format!("({})", self.text)
        } else {
            self.text.clone()
        }
    }

    /// `A & B`; `unknown` members are dropped, unions parenthesised.
    pub fn intersection(parts: Vec<Ty>) -> Ty {
        let mut members: Vec<Ty> = Vec::new();
        for part in parts {
            if part.is_unknown() || members.iter().any(|m| m.text == part.text) {
                continue;
            }
            members.push(part);
        }
        match members.len() {
            0 => Ty::unknown(),
            1 => members.remove(0),
            _ => Ty {
                text: members
                    .iter()
                    .map(|m| {
                        if m.prec == Prec::Union {
                            format!("({})", m.text)
                        } else {
                            m.text.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" & "),
                prec: Prec::Intersection,
                refs: members
                    .iter()
                    .flat_map(|m| m.refs.iter().cloned())
                    .collect(),
                members: Vec::new(),
            },
        }
    }

    /// `T[]` for simple element types, `Array<T>` otherwise.
    pub fn array(item: Ty) -> Ty {
        if item.prec == Prec::Atom && !item.text.contains('\n') {
            Ty::built(format!("{}[]", item.text), item.refs)
        } else {
            Ty::built(format!("Array<{}>", item.text), item.refs)
        }
    }

    pub fn nullable(self) -> Ty {
        if self.is_unknown() || self.text == "null" {
            self
        } else {
            Ty::union(vec![self, Ty::atom("null")])
        }
    }

    /// What follows `type X =`: ` T`, or a long union one member per line.
    fn alias_body(&self) -> String {
        let long = self.text.len() > 90;
        if self.prec == Prec::Union && long && self.members.iter().all(|m| !m.text.contains('\n')) {
            self.members
                .iter()
                .map(|m| format!("\n  | {}", m.in_union()))
                .collect::<String>()
        } else {
            format!(" {}", self.text)
        }
    }
}

/// A named schema as a declaration, for the models template.
#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    pub name: String,
    pub doc: Vec<String>,
    /// `type Name =<alias>` (the alias starts with a space or a line break), or an
    /// interface when `None`.
    pub alias: Option<String>,
    pub members: Vec<Member>,
    pub index_signature: Option<String>,
}

/// One property of an interface.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    #[serde(skip)]
    pub refs: BTreeSet<String>,
    pub doc: Vec<String>,
    pub readonly: bool,
    pub key: String,
    pub optional: bool,
    #[serde(rename = "type")]
    pub ty: String,
}

/// The named schemas a shape reaches, with their TypeScript names.
pub struct Models<'a> {
    pub api: &'a Api,
    /// Schema name → TypeScript name.
    pub names: BTreeMap<String, String>,
    /// Schemas on an eager cycle that runs through a map.
    map_cyclic: BTreeSet<String>,
    /// Schemas on an eager cycle without maps → their component and rank; a
    /// reference to a schema of the same component with a rank not above the
    /// referrer's is cut, which leaves the component acyclic.
    alias_cycles: BTreeMap<String, (usize, usize)>,
}

impl<'a> Models<'a> {
    /// `names` maps each reachable schema to its (already unique) TypeScript name.
    pub fn new(api: &'a Api, names: BTreeMap<String, String>) -> Models<'a> {
        let graph = |with_maps: bool| -> BTreeMap<&str, Vec<&str>> {
            names
                .keys()
                .filter_map(|n| api.schemas.get_key_value(n.as_str()))
                .map(|(name, schema)| {
                    let mut out = Vec::new();
                    eager_refs(schema, with_maps, &mut out, 0);
                    out.retain(|t| names.contains_key(*t));
                    (name.as_str(), out)
                })
                .collect()
        };
        let map_cyclic = cyclic_components(&graph(true))
            .into_keys()
            .map(str::to_owned)
            .collect();
        let alias_cycles = cyclic_components(&graph(false))
            .into_iter()
            .enumerate()
            .map(|(rank, (n, c))| (n.to_owned(), (c, rank)))
            .collect();
        Models {
            api,
            names,
            map_cyclic,
            alias_cycles,
        }
    }

    pub fn writer(&self) -> Writer<'_, 'a> {
        Writer {
            models: self,
            current: None,
        }
    }

    /// Every reachable schema as a declaration, sorted by TypeScript name, and
    /// whether they use [`BINARY`].
    pub fn declarations(&self) -> (Vec<Declaration>, bool) {
        let mut writer = self.writer();
        let mut by_name: Vec<(&String, &String)> = self.names.iter().collect();
        by_name.sort_by(|a, b| a.1.cmp(b.1));
        let mut out = Vec::new();
        let mut binary = false;
        for (schema_name, ts_name) in by_name {
            let Some(schema) = self.api.schemas.get(schema_name) else {
                continue;
            };
            let (declaration, refs) = writer.declaration(schema_name, ts_name, schema);
            binary |= refs.contains(BINARY);
            out.push(declaration);
        }
        (out, binary)
    }
}

/// Renders schemas as types; each [`Ty`] knows the names it refers to.
pub struct Writer<'m, 'a> {
    models: &'m Models<'a>,
    /// The named schema being declared.
    current: Option<String>,
}

impl Writer<'_, '_> {
    /// The type of `schema`, for use `indent` levels deep.
    pub fn ty(&mut self, schema: &ReferenceOr<Schema>, indent: usize) -> Ty {
        self.render(schema, indent, false, 0)
    }

    /// The type of an optional schema; `unknown` without one.
    pub fn ty_or_unknown(&mut self, schema: Option<&ReferenceOr<Schema>>, indent: usize) -> Ty {
        schema.map_or_else(Ty::unknown, |s| self.ty(s, indent))
    }

    fn declaration(
        &mut self,
        schema_name: &str,
        ts_name: &str,
        schema: &ReferenceOr<Schema>,
    ) -> (Declaration, BTreeSet<String>) {
        let _span = tracing::trace_span!("declaration", schema = schema_name).entered();
        let refs: BTreeSet<String>;
        self.current = Some(schema_name.to_owned());
        let mut decl = Declaration {
            name: ts_name.to_owned(),
            doc: Vec::new(),
            alias: None,
            members: Vec::new(),
            index_signature: None,
        };
        match schema {
            ReferenceOr::Reference { reference } => {
                let ty = self.reference(reference, true);
                decl.alias = Some(format!(" {}", ty.text));
                refs = ty.refs;
            }
            ReferenceOr::Item(s) => {
                decl.doc = schema_doc(s).lines();
                let object = object_parts(s);
                match object {
                    Some((props, required, additional))
                        if !s.schema_data.nullable && !props.is_empty() =>
                    {
                        decl.members = self.members(props, required, 1, 0);
                        refs = decl
                            .members
                            .iter()
                            .flat_map(|m| m.refs.iter().cloned())
                            .collect();
                        decl.index_signature = additional
                            .filter(|a| !matches!(a, AdditionalProperties::Any(false)))
                            .map(|_| "[key: string]: unknown;".to_owned());
                    }
                    Some((_, _, Some(AdditionalProperties::Schema(value))))
                        if !s.schema_data.nullable && self.map_cyclic() =>
                    {
                        let value = self.render(value, 1, false, 1);
                        decl.index_signature = Some(format!("[key: string]: {};", value.text));
                        refs = value.refs;
                    }
                    _ => {
                        let ty = self.render_item(s, 0, true, 0);
                        decl.alias = Some(ty.alias_body());
                        refs = ty.refs;
                    }
                }
            }
        }
        self.current = None;
        (decl, refs)
    }

    fn map_cyclic(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|c| self.models.map_cyclic.contains(c))
    }

    fn render(
        &mut self,
        schema: &ReferenceOr<Schema>,
        indent: usize,
        eager: bool,
        depth: usize,
    ) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, eager),
            ReferenceOr::Item(s) => self.render_item(s, indent, eager, depth),
        }
    }

    fn render_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        indent: usize,
        eager: bool,
        depth: usize,
    ) -> Ty {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, eager),
            ReferenceOr::Item(s) => self.render_item(s, indent, eager, depth),
        }
    }

    fn reference(&mut self, reference: &str, eager: bool) -> Ty {
        let Some(name) = schema_ref_name(reference) else {
            return Ty::unknown();
        };
        let Some(ts) = self.models.names.get(name) else {
            return Ty::unknown();
        };
        if eager {
            if let Some(current) = &self.current {
                let cycles = &self.models.alias_cycles;
                if let (Some(from), Some(to)) = (cycles.get(current), cycles.get(name)) {
                    if from.0 == to.0 && to.1 <= from.1 {
                        return Ty::unknown();
                    }
                }
            }
        }
        Ty::built(ts.clone(), [ts.clone()].into())
    }

    fn render_item(&mut self, s: &Schema, indent: usize, eager: bool, depth: usize) -> Ty {
        if depth > MAX_DEPTH {
            return Ty::unknown();
        }
        let ty = self.kind(s, indent, eager, depth);
        if s.schema_data.nullable {
            ty.nullable()
        } else {
            ty
        }
    }

    fn kind(&mut self, s: &Schema, indent: usize, eager: bool, depth: usize) -> Ty {
        let d = depth + 1;
        match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                if !t.enumeration.is_empty() {
                    return Ty::union(
                        t.enumeration
                            .iter()
                            .map(|v| {
                                Ty::atom(v.as_deref().map_or("null".to_owned(), string_literal))
                            })
                            .collect(),
                    );
                }
                match &t.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => self.binary(),
                    _ => Ty::atom("string"),
                }
            }
            SchemaKind::Type(Type::Number(t)) => literals_or(
                t.enumeration.iter().map(|v| v.map(number_literal)),
                "number",
            ),
            SchemaKind::Type(Type::Integer(t)) => literals_or(
                t.enumeration.iter().map(|v| v.map(|i| i.to_string())),
                "number",
            ),
            SchemaKind::Type(Type::Boolean(t)) => literals_or(
                t.enumeration.iter().map(|v| v.map(|b| b.to_string())),
                "boolean",
            ),
            SchemaKind::Type(Type::Object(o)) => self.object(
                &o.properties,
                &o.required,
                o.additional_properties.as_ref(),
                indent,
                eager,
                d,
            ),
            SchemaKind::Type(Type::Array(a)) => Ty::array(match &a.items {
                Some(items) => self.render_boxed(items, indent, false, d),
                None => Ty::unknown(),
            }),
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => {
                self.variants(list, s.schema_data.discriminator.as_ref(), indent, eager, d)
            }
            SchemaKind::AllOf { all_of } => Ty::intersection(
                all_of
                    .iter()
                    .map(|m| self.render(m, indent, eager, d))
                    .collect(),
            ),
            SchemaKind::Not { .. } => Ty::unknown(),
            SchemaKind::Any(a) => {
                self.any(a, s.schema_data.discriminator.as_ref(), indent, eager, d)
            }
        }
    }

    fn binary(&mut self) -> Ty {
        Ty::binary()
    }

    /// A schema without a single `type`, or with keywords of several types.
    fn any(
        &mut self,
        a: &AnySchema,
        discriminator: Option<&Discriminator>,
        indent: usize,
        eager: bool,
        depth: usize,
    ) -> Ty {
        if !a.enumeration.is_empty() {
            let literals: Option<Vec<Ty>> = a.enumeration.iter().map(json_literal).collect();
            if let Some(literals) = literals {
                return Ty::union(literals);
            }
        }
        let objectish = !a.properties.is_empty() || a.additional_properties.is_some();
        let combined = !a.all_of.is_empty() || !a.one_of.is_empty() || !a.any_of.is_empty();
        let base = match a.typ.as_deref() {
            Some("string") if a.format.as_deref() == Some("binary") => Some(self.binary()),
            Some("string") => Some(Ty::atom("string")),
            Some("number" | "integer") => Some(Ty::atom("number")),
            Some("boolean") => Some(Ty::atom("boolean")),
            Some("null") => Some(Ty::atom("null")),
            Some("array") => Some(Ty::array(match &a.items {
                Some(items) => self.render_boxed(items, indent, false, depth),
                None => Ty::unknown(),
            })),
            Some("object") | None if objectish || (a.typ.is_some() && !combined) => {
                Some(self.object(
                    &a.properties,
                    &a.required,
                    a.additional_properties.as_ref(),
                    indent,
                    eager,
                    depth,
                ))
            }
            None if a.items.is_some() => Some(Ty::array(match &a.items {
                Some(items) => self.render_boxed(items, indent, false, depth),
                None => Ty::unknown(),
            })),
            _ => None,
        };
        let mut parts: Vec<Ty> = base.into_iter().collect();
        parts.extend(
            a.all_of
                .iter()
                .map(|m| self.render(m, indent, eager, depth)),
        );
        if !a.one_of.is_empty() {
            parts.push(self.variants(&a.one_of, discriminator, indent, eager, depth));
        }
        if !a.any_of.is_empty() {
            parts.push(self.variants(&a.any_of, discriminator, indent, eager, depth));
        }
        Ty::intersection(parts)
    }

    /// `oneOf`/`anyOf`: a union; with a discriminator, every variant whose own
    /// property does not already say its tag gets `& { tag: "value" }`.
    fn variants(
        &mut self,
        list: &[ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
        indent: usize,
        eager: bool,
        depth: usize,
    ) -> Ty {
        if list.is_empty() {
            return Ty::unknown();
        }
        let mut parts = Vec::new();
        for variant in list {
            let ty = self.render(variant, indent, eager, depth);
            let tags = discriminator
                .map(|d| tag_values(d, variant))
                .unwrap_or_default();
            match discriminator {
                Some(d)
                    if !tags.is_empty()
                        && self.is_object(variant)
                        && !self.has_tag(variant, &d.property_name, &tags) =>
                {
                    let literal =
                        Ty::union(tags.iter().map(|t| Ty::atom(string_literal(t))).collect());
                    let tag = Ty::atom(format!(
                        "{{ {}: {} }}",
                        property_key(&d.property_name),
                        literal.text
                    ));
                    parts.push(Ty::intersection(vec![ty, tag]));
                }
                _ => parts.push(ty),
            }
        }
        Ty::union(parts)
    }

    /// True unless the variant is plainly not an object (an array, a string, …), which a
    /// discriminator cannot tag.
    fn is_object(&self, variant: &ReferenceOr<Schema>) -> bool {
        match self.models.api.resolve(variant).map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::Object(_))) | None => true,
            Some(SchemaKind::Type(_)) => false,
            Some(SchemaKind::Any(a)) => {
                matches!(a.typ.as_deref(), None | Some("object")) && a.items.is_none()
            }
            Some(_) => true,
        }
    }

    /// True if the variant requires `property` with exactly the literal `tags`.
    fn has_tag(&self, variant: &ReferenceOr<Schema>, property: &str, tags: &[String]) -> bool {
        let api = self.models.api;
        let Some(schema) = api.resolve(variant) else {
            return false;
        };
        let Some((props, required, _)) = object_parts(schema) else {
            return false;
        };
        if !required.iter().any(|r| r == property) {
            return false;
        }
        let Some(prop) = props.get(property) else {
            return false;
        };
        let prop_schema = match prop {
            ReferenceOr::Reference { reference } => schema_ref_name(reference)
                .and_then(|name| api.schemas.get(name))
                .and_then(|named| api.resolve(named)),
            ReferenceOr::Item(s) => Some(&**s),
        };
        match prop_schema.map(|s| &s.schema_kind) {
            Some(SchemaKind::Type(Type::String(t))) => {
                let values: BTreeSet<&str> =
                    t.enumeration.iter().flatten().map(String::as_str).collect();
                let wanted: BTreeSet<&str> = tags.iter().map(String::as_str).collect();
                t.enumeration.iter().all(Option::is_some) && values == wanted
            }
            _ => false,
        }
    }

    fn object(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        indent: usize,
        eager: bool,
        depth: usize,
    ) -> Ty {
        if props.is_empty() {
            return match additional {
                None | Some(AdditionalProperties::Any(true)) => Ty::atom("Record<string, unknown>"),
                Some(AdditionalProperties::Any(false)) => Ty::atom("Record<string, never>"),
                Some(AdditionalProperties::Schema(value)) => {
                    if self.map_cyclic() {
                        let value = self.render(value, indent + 1, false, depth);
                        Ty::built(format!("{{ [key: string]: {} }}", value.text), value.refs)
                    } else {
                        let value = self.render(value, indent, eager, depth);
                        Ty::built(format!("Record<string, {}>", value.text), value.refs)
                    }
                }
            };
        }
        let pad = "  ".repeat(indent + 1);
        let mut text = String::from("{\n");
        let mut refs = BTreeSet::new();
        for member in self.members(props, required, indent + 1, depth) {
            refs.extend(member.refs.iter().cloned());
            for line in &member.doc {
                text.push_str(&format!("{pad}{line}\n"));
            }
            text.push_str(&format!(
                "{pad}{}{}{}: {};\n",
                if member.readonly { "readonly " } else { "" },
                member.key,
                if member.optional { "?" } else { "" },
                member.ty
            ));
        }
        if additional.is_some_and(|a| !matches!(a, AdditionalProperties::Any(false))) {
            text.push_str(&format!("{pad}[key: string]: unknown;\n"));
        }
        text.push_str(&"  ".repeat(indent));
        text.push('}');
        Ty::built(text, refs)
    }

    fn members(
        &mut self,
        props: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        indent: usize,
        depth: usize,
    ) -> Vec<Member> {
        props
            .iter()
            .map(|(name, prop)| {
                let ty = self.render_boxed(prop, indent, false, depth + 1);
                let (doc, readonly) = match prop {
                    ReferenceOr::Item(s) => (schema_doc(s).lines(), s.schema_data.read_only),
                    ReferenceOr::Reference { .. } => (Vec::new(), false),
                };
                Member {
                    doc,
                    readonly,
                    key: property_key(name),
                    optional: !required.iter().any(|r| r == name),
                    ty: ty.text,
                    refs: ty.refs,
                }
            })
            .collect()
    }
}

/// Properties, required names and additional properties of an object-like schema.
type ObjectParts<'s> = (
    &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    &'s [String],
    Option<&'s AdditionalProperties>,
);

/// The parts of a schema that is a plain object: `type: object`, or untyped with
/// object keywords only.
pub fn object_parts(s: &Schema) -> Option<ObjectParts<'_>> {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            Some((&o.properties, &o.required, o.additional_properties.as_ref()))
        }
        SchemaKind::Any(a)
            if matches!(a.typ.as_deref(), None | Some("object"))
                && a.enumeration.is_empty()
                && a.items.is_none()
                && a.all_of.is_empty()
                && a.one_of.is_empty()
                && a.any_of.is_empty()
                && (!a.properties.is_empty() || a.additional_properties.is_some()) =>
        {
            Some((&a.properties, &a.required, a.additional_properties.as_ref()))
        }
        _ => None,
    }
}

/// The documentation of a schema: description (or title), format, default, deprecation.
pub fn schema_doc(s: &Schema) -> Doc {
    let data = &s.schema_data;
    schema_tags(
        s,
        Doc::new().text(data.description.as_deref().or(data.title.as_deref())),
    )
}

/// Adds a schema's format, default and deprecation to `doc`.
pub fn schema_tags(s: &Schema, mut doc: Doc) -> Doc {
    let data = &s.schema_data;
    if let Some(format) = format_of(s) {
        doc = doc.tag("format", &format);
    }
    if let Some(default) = &data.default {
        let text = serde_json::to_string(default).unwrap_or_default();
        if !text.is_empty() && text.len() <= 80 {
            doc = doc.tag("default", &text);
        }
    }
    doc.tag_if(data.deprecated, "deprecated", "")
}

/// The `format` of a string worth telling a reader: `date-time` stays a string.
fn format_of(s: &Schema) -> Option<String> {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) => match &t.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Some("date".into()),
            VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Some("date-time".into()),
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte".into()),
            VariantOrUnknownOrEmpty::Item(StringFormat::Password) => Some("password".into()),
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
            | VariantOrUnknownOrEmpty::Empty => None,
            VariantOrUnknownOrEmpty::Unknown(f) => Some(f.clone()),
        },
        SchemaKind::Type(Type::Integer(t)) => match &t.format {
            VariantOrUnknownOrEmpty::Unknown(f) => Some(f.clone()),
            VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64) => Some("int64".into()),
            _ => None,
        },
        _ => None,
    }
    .filter(|f| !f.trim().is_empty())
}

/// The discriminator values that select `variant`: the mapping's keys that point at
/// it, or (without any) the name of the schema it references.
fn tag_values(d: &Discriminator, variant: &ReferenceOr<Schema>) -> Vec<String> {
    let ReferenceOr::Reference { reference } = variant else {
        return Vec::new();
    };
    let target = schema_ref_name(reference);
    let mapped: Vec<String> = d
        .mapping
        .iter()
        .filter(|(_, to)| {
            *to == reference
                || (target.is_some()
                    && (schema_ref_name(to) == target || Some(to.as_str()) == target))
        })
        .map(|(value, _)| value.clone())
        .collect();
    if !mapped.is_empty() {
        return mapped;
    }
    target.map(|t| vec![t.to_owned()]).unwrap_or_default()
}

fn literals_or(values: impl Iterator<Item = Option<String>>, base: &str) -> Ty {
    let literals: Vec<Ty> = values
        .map(|v| Ty::atom(v.unwrap_or_else(|| "null".to_owned())))
        .collect();
    if literals.is_empty() {
        Ty::atom(base)
    } else {
        Ty::union(literals)
    }
}

fn number_literal(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn json_literal(v: &Value) -> Option<Ty> {
    match v {
        Value::String(s) => Some(Ty::atom(string_literal(s))),
        Value::Number(n) => Some(Ty::atom(n.to_string())),
        Value::Bool(b) => Some(Ty::atom(b.to_string())),
        Value::Null => Some(Ty::atom("null")),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// The named schemas `schema` refers to where TypeScript resolves them eagerly: the
/// schema itself, union, intersection and (with `with_maps`) `Record` members, but
/// not properties or array items.
fn eager_refs<'s>(
    schema: &'s ReferenceOr<Schema>,
    with_maps: bool,
    out: &mut Vec<&'s str>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match schema {
        ReferenceOr::Reference { reference } => out.extend(schema_ref_name(reference)),
        ReferenceOr::Item(s) => eager_item_refs(s, with_maps, out, depth + 1),
    }
}

fn eager_item_refs<'s>(s: &'s Schema, with_maps: bool, out: &mut Vec<&'s str>, depth: usize) {
    match &s.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            if let (true, true, Some(AdditionalProperties::Schema(v))) =
                (with_maps, o.properties.is_empty(), &o.additional_properties)
            {
                eager_refs(v, with_maps, out, depth);
            }
        }
        SchemaKind::Type(_) | SchemaKind::Not { .. } => {}
        SchemaKind::OneOf { one_of: list }
        | SchemaKind::AnyOf { any_of: list }
        | SchemaKind::AllOf { all_of: list } => {
            for m in list {
                eager_refs(m, with_maps, out, depth);
            }
        }
        SchemaKind::Any(a) => {
            if !a.enumeration.is_empty() && a.enumeration.iter().all(|v| json_literal(v).is_some())
            {
                return;
            }
            if with_maps
                && a.properties.is_empty()
                && matches!(a.typ.as_deref(), None | Some("object"))
            {
                if let Some(AdditionalProperties::Schema(v)) = &a.additional_properties {
                    eager_refs(v, with_maps, out, depth);
                }
            }
            for m in a.all_of.iter().chain(&a.one_of).chain(&a.any_of) {
                eager_refs(m, with_maps, out, depth);
            }
        }
    }
}

/// The nodes that lie on a cycle (a component of several nodes, or a self-loop),
/// each with its component's number. Kosaraju's algorithm, without recursion.
fn cyclic_components<'s>(graph: &BTreeMap<&'s str, Vec<&'s str>>) -> BTreeMap<&'s str, usize> {
    // First pass: finishing order.
    let mut visited: BTreeSet<&str> = BTreeSet::new();
    let mut order: Vec<&str> = Vec::new();
    for &start in graph.keys() {
        if !visited.insert(start) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((node, next)) = stack.pop() {
            let edges = graph.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&to) = edges.get(next) {
                stack.push((node, next + 1));
                if graph.contains_key(to) && visited.insert(to) {
                    stack.push((to, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    // Second pass: components of the transposed graph, in reverse finishing order.
    let mut reverse: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&from, tos) in graph {
        for &to in tos {
            if graph.contains_key(to) {
                reverse.entry(to).or_default().push(from);
            }
        }
    }
    let mut component: BTreeMap<&str, usize> = BTreeMap::new();
    let mut count = 0;
    for &start in order.iter().rev() {
        if component.contains_key(start) {
            continue;
        }
        let mut stack = vec![start];
        component.insert(start, count);
        while let Some(node) = stack.pop() {
            for &from in reverse.get(node).map(Vec::as_slice).unwrap_or_default() {
                if !component.contains_key(from) {
                    component.insert(from, count);
                    stack.push(from);
                }
            }
        }
        count += 1;
    }
    let mut sizes = vec![0usize; count];
    for &c in component.values() {
        sizes[c] += 1;
    }
    component
        .into_iter()
        .filter(|(node, c)| {
            sizes[*c] > 1 || graph.get(node).is_some_and(|edges| edges.contains(node))
        })
        .collect()
}

/// The TypeScript names of the reachable schemas: PascalCase, unique in `scope`.
/// A name that is taken by a global or the runtime gets `Model` appended; one taken
/// by another schema a number.
pub fn model_names(
    schemas: &BTreeSet<String>,
    scope: &mut names::Scope,
) -> BTreeMap<String, String> {
    schemas
        .iter()
        .map(|name| {
            let base = names::type_name(name);
            let fixed =
                names::GLOBALS.contains(&base.as_str()) || names::RUNTIME.contains(&base.as_str());
            let base = if fixed { format!("{base}Model") } else { base };
            (name.clone(), scope.claim(&base, ""))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unions_and_intersections_bind_correctly() {
        let u = Ty::union(vec![Ty::atom("A"), Ty::atom("B"), Ty::atom("A")]);
        assert_eq!(u.text, "A | B");
        let i = Ty::intersection(vec![u.clone(), Ty::atom("C")]);
        assert_eq!(i.text, "(A | B) & C");
        assert_eq!(Ty::array(u).text, "Array<A | B>");
        assert_eq!(Ty::array(Ty::atom("A")).text, "A[]");
        assert_eq!(Ty::atom("A").nullable().nullable().text, "A | null");
        assert_eq!(
            Ty::union(vec![Ty::atom("A"), Ty::unknown()]).text,
            "unknown"
        );
    }

    #[test]
    fn finds_cycles() {
        let graph: BTreeMap<&str, Vec<&str>> = [
            ("A", vec!["B"]),
            ("B", vec!["A"]),
            ("C", vec!["C"]),
            ("D", vec!["A"]),
        ]
        .into_iter()
        .collect();
        let cyclic = cyclic_components(&graph);
        assert_eq!(cyclic.keys().copied().collect::<Vec<_>>(), ["A", "B", "C"]);
        assert_eq!(cyclic["A"], cyclic["B"]);
        assert_ne!(cyclic["A"], cyclic["C"]);
    }
}
