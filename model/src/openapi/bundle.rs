//! `$ref` resolution across files.
//!
//! After bundling, the root document is self-contained and simple:
//!
//! - every reference outside schemas (parameters, responses, request bodies, headers,
//!   path items, …) is replaced by the value it points at;
//! - every schema reference is `#/<home>/<Name>` where `<home>` is
//!   `components/schemas` (or `definitions` for Swagger 2.0). Schemas that live
//!   anywhere else (another file, deep inside another schema, a 3.1 `$defs`) are
//!   hoisted into the home under a readable, unique name.
//!
//! Schema references are kept as references rather than inlined because schemas may
//! be recursive; everything else is inlined, and a cycle there is an error.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::pointer;
use crate::source::Source;

/// Keys whose values are examples or extensions: data, never walked for references.
fn is_opaque_key(key: &str) -> bool {
    key.starts_with("x-") || matches!(key, "example" | "examples" | "callbacks" | "links")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Generic,
    Schema,
    SchemaMap,
    SchemaList,
}

/// Location of a value: a file and a pointer into it.
type Place = (PathBuf, String);

pub(crate) struct Bundler {
    /// Parsed files, by canonical path. The root is loaded first.
    files: HashMap<PathBuf, (Source, Rc<Value>)>,
    /// File order, for `Api::files`.
    pub(crate) order: Vec<PathBuf>,
    root: PathBuf,
    /// `/components/schemas` or `/definitions`.
    home: &'static str,
    hoisted: HashMap<Place, String>,
    taken: HashSet<String>,
    new_schemas: Vec<(String, Value)>,
    inline_cache: HashMap<Place, Value>,
    inline_stack: Vec<Place>,
    pub(crate) diagnostics: Diagnostics,
}

impl Bundler {
    pub(crate) fn new(root: PathBuf, source: Source, value: Value, home: &'static str) -> Self {
        let taken = schema_home(&value, home)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let mut files = HashMap::new();
        files.insert(root.clone(), (source, Rc::new(value)));
        Bundler {
            files,
            order: vec![root.clone()],
            root,
            home,
            hoisted: HashMap::new(),
            taken,
            new_schemas: Vec::new(),
            inline_cache: HashMap::new(),
            inline_stack: Vec::new(),
            diagnostics: Diagnostics::default(),
        }
    }

    /// Bundles the root document. Problems are collected in `self.diagnostics`.
    pub(crate) fn run(&mut self) -> Value {
        let root = self.root.clone();
        let value = self.document(&root).unwrap_or_default();
        let mut out = self.walk(&value, &root, &mut String::new(), Ctx::Generic);

        // Hoisted schemas join the home; they were walked when hoisted.
        if !self.new_schemas.is_empty() {
            let home = ensure_object_path(&mut out, self.home);
            for (name, schema) in std::mem::take(&mut self.new_schemas) {
                home.insert(name, schema);
            }
        }
        out
    }

    /// Walks `value` (which lives in `file` at `at`) and returns its bundled copy.
    /// Sources are only borrowed: the copy is built once, as the walk goes.
    ///
    /// `at` is a buffer holding the current pointer; each step pushes its token and
    /// truncates it again, so the walk allocates no pointer per node.
    fn walk(&mut self, value: &Value, file: &Path, at: &mut String, ctx: Ctx) -> Value {
        match value {
            Value::Object(map) => match ctx {
                Ctx::Generic => self.walk_generic(map, file, at),
                Ctx::Schema => self.walk_schema(map, file, at),
                Ctx::SchemaMap if map.get("$ref").is_some_and(Value::is_string) => {
                    self.inline_schema_map(map, file, at)
                }
                Ctx::SchemaMap => {
                    let mut out = Map::with_capacity(map.len());
                    for (k, v) in map {
                        let len = descend(at, k);
                        out.insert(k.clone(), self.walk(v, file, at, Ctx::Schema));
                        at.truncate(len);
                    }
                    Value::Object(out)
                }
                Ctx::SchemaList => value.clone(),
            },
            Value::Array(items) => {
                let item_ctx = match ctx {
                    Ctx::SchemaList => Ctx::Schema,
                    Ctx::Generic => Ctx::Generic,
                    // A list where a schema belongs: leave it for the schema checks.
                    _ => return value.clone(),
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, v) in items.iter().enumerate() {
                    let len = descend(at, &i.to_string());
                    out.push(self.walk(v, file, at, item_ctx));
                    at.truncate(len);
                }
                Value::Array(out)
            }
            other => other.clone(),
        }
    }

    fn walk_generic(&mut self, map: &Map<String, Value>, file: &Path, at: &mut String) -> Value {
        if let Some(Value::String(reference)) = map.get("$ref") {
            return self.inline(reference, map, file, at);
        }
        let mut out = Map::with_capacity(map.len());
        for (k, v) in map {
            if is_opaque_key(k) {
                out.insert(k.clone(), v.clone());
                continue;
            }
            let ctx = match k.as_str() {
                "schema" => Ctx::Schema,
                "schemas" if at == "/components" => Ctx::SchemaMap,
                "definitions" if at.is_empty() => Ctx::SchemaMap,
                _ => Ctx::Generic,
            };
            let len = descend(at, k);
            out.insert(k.clone(), self.walk(v, file, at, ctx));
            at.truncate(len);
        }
        Value::Object(out)
    }

    fn walk_schema(&mut self, map: &Map<String, Value>, file: &Path, at: &mut String) -> Value {
        let mut out = Map::with_capacity(map.len());
        let mut reference = None;
        for (k, v) in map {
            if k == "$ref" {
                if let Value::String(r) = v {
                    reference = Some(r);
                    continue;
                }
            }
            let ctx = match k.as_str() {
                "properties" | "patternProperties" | "$defs" | "definitions"
                | "dependentSchemas" => Some(Ctx::SchemaMap),
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => Some(Ctx::SchemaList),
                "items" if v.is_array() => Some(Ctx::SchemaList),
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
                    if v.is_object() =>
                {
                    Some(Ctx::Schema)
                }
                _ => None,
            };
            let len = descend(at, k);
            let v = match ctx {
                Some(ctx) => self.walk(v, file, at, ctx),
                None if k == "discriminator" => self.walk_discriminator(v, file, at),
                None => v.clone(),
            };
            at.truncate(len);
            out.insert(k.clone(), v);
        }

        let Some(reference) = reference else {
            return Value::Object(out);
        };
        let len = descend(at, "$ref");
        let target = self.schema_ref(reference, file, at);
        at.truncate(len);
        let ref_value = Value::Object(Map::from_iter([("$ref".to_owned(), Value::String(target))]));
        // Annotations beside a `$ref` only document; constraints beside it (3.1
        // semantics, and a common 3.0 habit with `nullable`) must survive, so the
        // reference becomes the single member of an `allOf`.
        if !out.keys().any(|k| !is_annotation(k)) {
            return ref_value;
        }
        out.insert("allOf".to_owned(), Value::Array(vec![ref_value]));
        Value::Object(out)
    }

    /// A `properties` (or similar) map that is itself a `$ref` to a map of schemas: not
    /// JSON Schema, but common in multi-file descriptions, and unambiguous.
    fn inline_schema_map(
        &mut self,
        map: &Map<String, Value>,
        file: &Path,
        at: &mut String,
    ) -> Value {
        let mut out = Map::new();
        if let Some(Value::String(reference)) = map.get("$ref") {
            let len = descend(at, "$ref");
            let place = self.resolve(reference, file, at);
            at.truncate(len);
            if let Some((target_file, target_pointer)) = place {
                if let Some(root) = self.document(&target_file) {
                    if let Some(target) = root.pointer(&target_pointer) {
                        let mut target_at = target_pointer.clone();
                        if let Value::Object(m) =
                            self.walk(target, &target_file, &mut target_at, Ctx::SchemaMap)
                        {
                            out = m;
                        }
                    }
                }
            }
        }
        for (k, v) in map.iter().filter(|(k, _)| *k != "$ref") {
            let len = descend(at, k);
            out.insert(k.clone(), self.walk(v, file, at, Ctx::Schema));
            at.truncate(len);
        }
        Value::Object(out)
    }

    /// Discriminator mappings name schemas by reference (or by bare name).
    fn walk_discriminator(&mut self, v: &Value, file: &Path, at: &str) -> Value {
        let mut v = v.clone();
        if let Some(Value::Object(mapping)) = v.get_mut("mapping") {
            for (k, target) in mapping.iter_mut() {
                if let Value::String(reference) = target {
                    if reference.contains('#') || reference.contains('/') || reference.contains('.')
                    {
                        let here = pointer::join_onto(at, ["mapping", k]);
                        *reference = self.schema_ref(reference, file, &here);
                    }
                }
            }
        }
        v
    }

    /// Returns the normalised reference (`#/components/schemas/Name`) for a schema
    /// reference written in `file`, hoisting the target when needed.
    fn schema_ref(&mut self, reference: &str, file: &Path, at: &str) -> String {
        let Some((target_file, target_pointer)) = self.resolve(reference, file, at) else {
            // Keep a reference that the later checks report as unresolved only once.
            return format!("#{}/{}", self.home, "_unresolved");
        };

        let home_prefix = format!("{}/", self.home);
        if target_file == self.root {
            if let Some(name) = target_pointer.strip_prefix(&home_prefix) {
                if !name.contains('/') {
                    let name = pointer::unescape(name).unwrap_or_else(|| name.to_owned());
                    return self.home_ref(&name);
                }
            }
        }

        let place = (target_file.clone(), target_pointer.clone());
        if let Some(name) = self.hoisted.get(&place) {
            return self.home_ref(name);
        }
        let name = self.fresh_name(&target_file, &target_pointer);
        self.hoisted.insert(place, name.clone());
        let Some(root) = self.document(&target_file) else {
            return self.home_ref(&name);
        };
        let Some(value) = root.pointer(&target_pointer) else {
            return self.home_ref(&name);
        };
        let mut target_at = target_pointer.clone();
        let walked = self.walk(value, &target_file, &mut target_at, Ctx::Schema);
        self.new_schemas.push((name.clone(), walked));
        self.home_ref(&name)
    }

    fn home_ref(&self, name: &str) -> String {
        format!("#{}/{}", self.home, pointer::escape(name))
    }

    /// A readable name for a hoisted schema: the last meaningful pointer token, or the
    /// file's stem, made unique.
    fn fresh_name(&mut self, file: &Path, at: &str) -> String {
        let tokens = pointer::tokens(at).unwrap_or_default();
        let structural = |t: &str| {
            matches!(
                t,
                "properties"
                    | "items"
                    | "schema"
                    | "allOf"
                    | "oneOf"
                    | "anyOf"
                    | "$defs"
                    | "definitions"
                    | "components"
                    | "schemas"
                    | "content"
                    | "additionalProperties"
                    | "not"
                    | "responses"
                    | "parameters"
                    | "requestBody"
            ) || t.parse::<usize>().is_ok()
                || t.contains('/')
        };
        let base = tokens
            .iter()
            .rev()
            .find(|t| !structural(t))
            .cloned()
            .or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Schema".to_owned());
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// Inlines a non-schema reference, with sibling members (all of `map` but `$ref`)
    /// overriding the target's (3.1 allows `summary` and `description` there).
    fn inline(
        &mut self,
        reference: &str,
        map: &Map<String, Value>,
        file: &Path,
        at: &mut String,
    ) -> Value {
        let siblings = |this: &mut Self, at: &mut String| -> Map<String, Value> {
            let mut out = Map::new();
            for (k, v) in map.iter().filter(|(k, _)| *k != "$ref") {
                let len = descend(at, k);
                out.insert(k.clone(), this.walk(v, file, at, Ctx::Generic));
                at.truncate(len);
            }
            out
        };
        let ref_at = pointer::push(at, "$ref");
        let Some(place) = self.resolve(reference, file, &ref_at) else {
            return Value::Object(siblings(self, at));
        };
        if self.inline_stack.contains(&place) {
            let d = Diagnostic::error(
                "ref-cycle",
                file,
                format!("reference `{reference}` is part of a cycle"),
            )
            .with_hint(
                "only schemas may refer to themselves; break the cycle between these objects",
            );
            self.report(d, file, &ref_at);
            return Value::Object(siblings(self, at));
        }

        let resolved = match self.inline_cache.get(&place) {
            Some(v) => v.clone(),
            None => {
                let Some(root) = self.document(&place.0) else {
                    return Value::Object(siblings(self, at));
                };
                let Some(target) = root.pointer(&place.1) else {
                    return Value::Object(siblings(self, at));
                };
                self.inline_stack.push(place.clone());
                let mut target_at = place.1.clone();
                let walked = self.walk(target, &place.0, &mut target_at, Ctx::Generic);
                self.inline_stack.pop();
                self.inline_cache.insert(place, walked.clone());
                walked
            }
        };
        match resolved {
            Value::Object(mut target) if map.len() > 1 => {
                target.extend(siblings(self, at));
                Value::Object(target)
            }
            other => other,
        }
    }

    /// Turns a reference into (canonical file, pointer), loading the file if needed and
    /// checking that the pointer exists. Reports and returns `None` when it cannot.
    fn resolve(&mut self, reference: &str, file: &Path, at: &str) -> Option<Place> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((f, frag)) => (f, frag),
            None => (reference, ""),
        };
        let fragment = pointer::percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            let d = Diagnostic::error(
                "malformed-ref",
                file,
                format!("reference `{reference}` has a fragment that is not a JSON pointer"),
            )
            .with_hint("write the fragment as a JSON pointer, e.g. `#/components/schemas/Pet`");
            self.report(d, file, at);
            return None;
        }
        if pointer::tokens(&fragment).is_none() {
            let d = Diagnostic::error(
                "malformed-ref",
                file,
                format!(
                    "reference `{reference}` holds a bad escape (`~` must be followed by 0 or 1)"
                ),
            )
            .with_hint("escape `~` as `~0` and `/` as `~1` inside pointer tokens");
            self.report(d, file, at);
            return None;
        }

        let target_file = if file_part.is_empty() {
            file.to_path_buf()
        } else if file_part.contains("://") {
            let d = Diagnostic::error(
                "remote-ref",
                file,
                format!("reference `{reference}` points at a remote document"),
            )
            .with_hint("download the document and refer to it by a relative path");
            self.report(d, file, at);
            return None;
        } else {
            let joined = file
                .parent()
                .unwrap_or(Path::new("."))
                .join(pointer::percent_decode(file_part));
            match joined.canonicalize() {
                Ok(p) => p,
                Err(e) => {
                    let d = Diagnostic::error(
                        "dangling-ref",
                        file,
                        format!("reference `{reference}`: cannot read `{}`: {e}", joined.display()),
                    )
                    .with_hint("relative references are resolved from the directory of the file that holds them");
                    self.report(d, file, at);
                    return None;
                }
            }
        };

        if !self.files.contains_key(&target_file) {
            let loaded = Source::read(&target_file).and_then(|s| s.parse().map(|v| (s, v)));
            match loaded {
                Ok((source, value)) => {
                    self.order.push(target_file.clone());
                    self.files
                        .insert(target_file.clone(), (source, Rc::new(value)));
                }
                Err(d) => {
                    self.diagnostics.push(*d);
                    return None;
                }
            }
        }

        let exists = self
            .files
            .get(&target_file)
            .and_then(|(_, v)| v.pointer(&fragment))
            .is_some();
        if !exists {
            let d = Diagnostic::error(
                "dangling-ref",
                file,
                format!("reference `{reference}` points at nothing"),
            )
            .with_hint(self.dangling_hint(&target_file, &fragment));
            self.report(d, file, at);
            return None;
        }
        Some((target_file, fragment))
    }

    fn dangling_hint(&self, file: &Path, fragment: &str) -> String {
        let tokens = pointer::tokens(fragment).unwrap_or_default();
        let Some((_, value)) = self.files.get(file) else {
            return "check the pointer".to_owned();
        };
        let mut current: &Value = value;
        for (i, token) in tokens.iter().enumerate() {
            let next = match current {
                Value::Object(m) => m.get(token),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            match next {
                Some(v) => current = v,
                None => {
                    let parent = pointer::join(&tokens[..i]);
                    let near = match current {
                        Value::Object(m) => {
                            crate::diagnostic::did_you_mean(token, m.keys().map(String::as_str))
                        }
                        _ => None,
                    };
                    return match near {
                        Some(n) => format!("`{token}` is not in `#{parent}`; did you mean `{n}`?"),
                        None => format!("`{token}` is not in `#{parent}`"),
                    };
                }
            }
        }
        "check the pointer".to_owned()
    }

    /// A parsed file, shared: the walk borrows from it while it mutates `self`.
    fn document(&self, file: &Path) -> Option<Rc<Value>> {
        self.files.get(file).map(|(_, v)| v.clone())
    }

    fn report(&mut self, d: Diagnostic, file: &Path, at: &str) {
        let d = match self.files.get(file) {
            Some((source, _)) => d.at(source, at),
            None => d.at_pointer(at),
        };
        self.diagnostics.push(d);
    }
}

/// Appends `token` to the pointer buffer; returns the length to truncate back to.
fn descend(at: &mut String, token: &str) -> usize {
    let len = at.len();
    at.push('/');
    at.push_str(&pointer::escape(token));
    len
}

fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description"
            | "summary"
            | "title"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "$comment"
    ) || key.starts_with("x-")
}

fn schema_home<'a>(root: &'a Value, home: &str) -> Option<&'a Map<String, Value>> {
    root.pointer(home).and_then(Value::as_object)
}

fn ensure_object_path<'a>(root: &'a mut Value, at: &str) -> &'a mut Map<String, Value> {
    let mut current = root;
    for token in pointer::tokens(at).unwrap_or_default() {
        current = object_mut(current)
            .entry(token)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    object_mut(current)
}

/// The value as an object, replacing whatever else it was.
fn object_mut(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = Value::Object(Map::new());
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("replaced by an object above"),
    }
}
