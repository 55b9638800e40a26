//! The shaping manifest: which tenant may call which operation of which API, how each
//! security scheme gets its secret, which parameters the proxy pins, and where secret
//! references may appear. The format is documented in `docs/manifest.md`.
//!
//! [`Manifest::load`] reads and validates the whole file, reporting every problem with
//! its line and column; a `Manifest` value is therefore always consistent, and
//! [`Manifest::shape`] cannot fail for a declared tenant and environment.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Value;
use url::Url;

use crate::api::{Api, Operation, ParameterLocation};
use crate::diagnostic::{did_you_mean, unknown_name_hint, Diagnostic, Diagnostics};
use crate::openapi;
use crate::pointer;
use crate::source::Source;

mod raw;
pub mod selector;
mod slot;

use raw::*;
pub use selector::Selector;

/// The only manifest format version this build reads.
pub const VERSION: u32 = 1;

/// A validated manifest.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub path: PathBuf,
    pub apis: IndexMap<String, ApiEntry>,
    pub tenants: IndexMap<String, Tenant>,
    /// Findings that do not stop anything (an unused binding, say).
    pub warnings: Diagnostics,
}

/// One API the manifest declares.
#[derive(Debug, Clone)]
pub struct ApiEntry {
    pub name: String,
    pub description_path: PathBuf,
    pub api: Arc<Api>,
    /// The only base URL the proxy sends this API's requests to.
    pub upstream: Url,
    /// Per-environment replacements of [`ApiEntry::upstream`].
    pub environment_upstreams: IndexMap<String, Url>,
}

impl ApiEntry {
    pub fn upstream_for(&self, environment: &str) -> &Url {
        self.environment_upstreams
            .get(environment)
            .unwrap_or(&self.upstream)
    }
}

#[derive(Debug, Clone)]
pub struct Tenant {
    pub name: String,
    pub environments: IndexMap<String, Environment>,
    /// API name → what this tenant may do with it.
    pub access: IndexMap<String, Access>,
}

#[derive(Debug, Clone)]
pub struct Environment {
    pub name: String,
    /// Configuration values, for pinned parameters. Not secrets.
    pub config: IndexMap<String, String>,
    /// API name → further restrictions in this environment.
    pub narrowing: IndexMap<String, Narrowing>,
}

#[derive(Debug, Clone)]
pub struct Access {
    pub allow: Vec<Rule>,
    pub deny: Vec<Rule>,
    /// Security scheme name → how it is bound.
    pub security: IndexMap<String, Binding>,
    pub pinned: Vec<Pinned>,
    pub slots: Vec<Slot>,
}

/// An environment's narrowing: `allow` (when present) intersects, `deny` subtracts.
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub allow: Option<Vec<Rule>>,
    pub deny: Vec<Rule>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub selector: Selector,
    /// Where the rule is in the manifest, for diagnostics.
    pub pointer: String,
}

/// How a security scheme gets its credential.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "bind", rename_all = "lowercase")]
pub enum Binding {
    /// The proxy injects the named secret of the caller's tenant and environment; the
    /// app never mentions it.
    Config { secret: String },
    /// The app passes a secret reference, resolved in its tenant and environment.
    Reference,
}

/// A parameter the proxy fills from the environment's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pinned {
    pub location: ParameterLocation,
    pub name: String,
    pub config_key: String,
    /// Where it is declared in the manifest.
    pub pointer: String,
}

/// A named place in one operation that may carry a secret reference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Slot {
    pub name: String,
    pub operation: String,
    pub target: SlotTarget,
    /// Where it is declared in the manifest.
    #[serde(skip)]
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum SlotTarget {
    Parameter {
        location: ParameterLocation,
        name: String,
    },
    /// A JSON pointer into the request's JSON body.
    Body { pointer: String },
}

/// Secret and reference names: what `docs/protocol.md` allows a reference to be.
pub fn is_valid_secret_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/'))
        && !name.starts_with(['/', '.'])
        && !name.contains("..")
}

/// Tenant, environment, API and slot names appear in URLs, keys and crate names.
fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && name.len() <= 63
}

/// Parses `header.X-Company-Id` into a location and a name.
pub fn parse_qualified_parameter(text: &str) -> Option<(ParameterLocation, &str)> {
    let (location, name) = text.split_once('.')?;
    let location = ParameterLocation::parse(location)?;
    (!name.is_empty()).then_some((location, name))
}

impl Manifest {
    /// Reads and validates a manifest and every API description it names.
    pub fn load(path: &Path) -> Result<Manifest, Diagnostics> {
        let _span = tracing::info_span!("load_manifest", path = %path.display()).entered();
        let source = Source::read(path)?;
        Manifest::from_source(source)
    }

    /// Validates a manifest whose text is already in memory; descriptions are read
    /// relative to the source's path.
    pub fn from_source(source: Source) -> Result<Manifest, Diagnostics> {
        let value = source.parse()?;
        let raw = parse_raw(&value, &source)?;
        let mut v = Validator {
            source: &source,
            diagnostics: Diagnostics::default(),
            rejected: HashSet::new(),
        };
        let manifest = v.manifest(raw);
        if v.diagnostics.has_errors() {
            return Err(v.diagnostics);
        }
        let mut manifest = manifest.ok_or(v.diagnostics.clone())?;
        manifest.warnings = v.diagnostics;
        Ok(manifest)
    }

    /// Every file this manifest depends on: itself and each description file.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = vec![self.path.clone()];
        for entry in self.apis.values() {
            files.extend(entry.api.files.iter().cloned());
        }
        files
    }

    pub fn tenant(&self, name: &str) -> Result<&Tenant, Box<Diagnostic>> {
        self.tenants.get(name).ok_or_else(|| {
            Box::new(
                Diagnostic::error(
                    "unknown-tenant",
                    &self.path,
                    format!("no tenant `{name}` in this manifest"),
                )
                .with_hint(unknown_name_hint(
                    name,
                    "tenant",
                    self.tenants.keys().map(String::as_str),
                )),
            )
        })
    }
}

fn parse_raw(value: &Value, source: &Source) -> Result<RawManifest, Diagnostics> {
    if !value.is_object() {
        return Err(Diagnostic::error(
            "invalid-manifest",
            source.path(),
            "a manifest is a YAML mapping",
        )
        .at(source, "")
        .with_hint("start from the example in docs/manifest.md")
        .into());
    }
    if let Some(v) = value.get("version") {
        if v.as_u64() != Some(u64::from(VERSION)) {
            return Err(Diagnostic::error(
                "unsupported-version",
                source.path(),
                format!("manifest version {v} is not supported"),
            )
            .at(source, "/version")
            .with_hint(if v.is_string() {
                format!("the version is a number: write `version: {VERSION}` without quotes")
            } else {
                format!("this build reads `version: {VERSION}`")
            })
            .into());
        }
    }
    serde_path_to_error::deserialize::<_, RawManifest>(value).map_err(|e| {
        let mut at = String::new();
        for segment in e.path().iter() {
            use serde_path_to_error::Segment;
            match segment {
                Segment::Seq { index } => at = pointer::push(&at, &index.to_string()),
                Segment::Map { key } => at = pointer::push(&at, key),
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        let message = e.inner().to_string();
        let (message, hint) = explain_serde(&message);
        Diagnostic::error("invalid-manifest", source.path(), message)
            .at(source, at)
            .with_hint(hint)
            .into()
    })
}

/// Turns serde's messages into a reason and a next step.
fn explain_serde(message: &str) -> (String, String) {
    // "unknown field `tenats`, expected one of `version`, `apis`, `tenants`"
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once('`') {
            let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = unknown_name_hint(field, "key", known.iter().copied());
            return (format!("unknown key `{field}`"), hint);
        }
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("missing required key `{field}`"),
            format!("add `{field}:` here (see docs/manifest.md)"),
        );
    }
    if message.starts_with("invalid type") {
        let text = message.split(" at line").next().unwrap_or(message);
        return (
            text.to_owned(),
            "see docs/manifest.md for the expected shape".to_owned(),
        );
    }
    (
        message.to_owned(),
        "see docs/manifest.md for the format".to_owned(),
    )
}

struct Validator<'a> {
    source: &'a Source,
    diagnostics: Diagnostics,
    /// Places already reported as broken. Checks that depend on them are skipped, so
    /// one mistake yields one error rather than a cascade of misleading ones.
    rejected: HashSet<String>,
}

impl Validator<'_> {
    fn error(
        &mut self,
        code: &'static str,
        at: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::error(code, self.source.path(), message)
            .at(self.source, at)
            .with_hint(hint);
        self.diagnostics.push(d);
    }

    fn warning(
        &mut self,
        code: &'static str,
        at: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::warning(code, self.source.path(), message)
            .at(self.source, at)
            .with_hint(hint);
        self.diagnostics.push(d);
    }

    fn manifest(&mut self, raw: RawManifest) -> Option<Manifest> {
        let all_environments: BTreeSet<&str> = raw
            .tenants
            .values()
            .flat_map(|t| t.environments.keys().map(String::as_str))
            .collect();

        let mut apis = IndexMap::new();
        for (name, raw_api) in &raw.apis {
            if let Some(entry) = self.api(name, raw_api, &all_environments) {
                apis.insert(name.clone(), entry);
            }
        }
        // Without every description, tenant rules cannot be checked meaningfully.
        if apis.len() != raw.apis.len() {
            return None;
        }

        // `acme-crm` and `acme_crm` would become the same crate and package name.
        let mut normalised: IndexMap<String, &str> = IndexMap::new();
        for name in raw.tenants.keys() {
            if let Some(first) = normalised.insert(name.replace('-', "_"), name) {
                self.error(
                    "invalid-name",
                    &pointer::join(["tenants", name]),
                    format!("tenant `{name}` differs from tenant `{first}` only by `-` and `_`"),
                    "generated package names treat `-` and `_` alike; rename one of them",
                );
            }
        }

        let mut tenants = IndexMap::new();
        for (name, raw_tenant) in raw.tenants {
            let tenant = self.tenant(&name, raw_tenant, &apis);
            tenants.insert(name, tenant);
        }
        Some(Manifest {
            path: self.source.path().to_path_buf(),
            apis,
            tenants,
            warnings: Diagnostics::default(),
        })
    }

    fn api(&mut self, name: &str, raw: &RawApi, environments: &BTreeSet<&str>) -> Option<ApiEntry> {
        let at = pointer::join(["apis", name]);
        if !is_valid_name(name) {
            self.error(
                "invalid-name",
                &at,
                format!("API name `{name}` is not a valid name"),
                NAME_HINT,
            );
        }
        let upstream = self.upstream(&raw.upstream, &pointer::push(&at, "upstream"));
        let mut environment_upstreams = IndexMap::new();
        for (env, url) in &raw.environments {
            let env_at = pointer::join(["apis", name, "environments", env]);
            if !environments.contains(env.as_str()) {
                self.error(
                    "unknown-environment",
                    &env_at,
                    format!("no tenant has an environment `{env}`"),
                    unknown_name_hint(env, "environment", environments.iter().copied()),
                );
            }
            if let Some(url) = self.upstream(url, &env_at) {
                environment_upstreams.insert(env.clone(), url);
            }
        }

        let base = self.source.path().parent().unwrap_or(Path::new("."));
        let description_path = base.join(&raw.description);
        let loaded = match openapi::load(&description_path) {
            Ok(loaded) => loaded,
            Err(diagnostics) => {
                self.error(
                    "invalid-description",
                    &pointer::push(&at, "description"),
                    format!("the description of API `{name}` cannot be used"),
                    "fix the errors reported for that file below",
                );
                self.diagnostics.extend(diagnostics);
                return None;
            }
        };
        self.diagnostics.extend(loaded.warnings);
        Some(ApiEntry {
            name: name.to_owned(),
            description_path,
            api: Arc::new(loaded.api),
            upstream: upstream?,
            environment_upstreams,
        })
    }

    fn upstream(&mut self, text: &str, at: &str) -> Option<Url> {
        let hint = "write an absolute http(s) URL such as `https://api.example.com/v2`";
        let url = match Url::parse(text) {
            Ok(url) => url,
            Err(e) => {
                self.error(
                    "invalid-upstream",
                    at,
                    format!("`{text}` is not a URL: {e}"),
                    hint,
                );
                return None;
            }
        };
        let problem = if !matches!(url.scheme(), "http" | "https") {
            Some("only http and https upstreams are supported")
        } else if url.host().is_none() {
            Some("the upstream has no host")
        } else if !url.username().is_empty() || url.password().is_some() {
            Some("credentials do not belong in the upstream URL; bind them as secrets")
        } else if url.query().is_some() || url.fragment().is_some() {
            Some("the upstream may not have a query or fragment")
        } else {
            None
        };
        if let Some(problem) = problem {
            self.error("invalid-upstream", at, problem, hint);
            return None;
        }
        Some(url)
    }

    fn tenant(&mut self, name: &str, raw: RawTenant, apis: &IndexMap<String, ApiEntry>) -> Tenant {
        let at = pointer::join(["tenants", name]);
        if !is_valid_name(name) {
            self.error(
                "invalid-name",
                &at,
                format!("tenant name `{name}` is not a valid name"),
                NAME_HINT,
            );
        }
        if raw.environments.is_empty() {
            self.error(
                "no-environments",
                &pointer::push(&at, "environments"),
                format!("tenant `{name}` declares no environment"),
                "declare at least one, e.g. `environments: { prod: {} }`",
            );
        }

        let mut access = IndexMap::new();
        for (api_name, raw_access) in raw.apis {
            let api_at = pointer::join(["tenants", name, "apis", &api_name]);
            let Some(entry) = apis.get(&api_name) else {
                self.rejected.insert(format!("unknown-api:{at}"));
                self.error(
                    "unknown-api",
                    &api_at,
                    format!("no API `{api_name}` is declared"),
                    unknown_name_hint(&api_name, "API", apis.keys().map(String::as_str)),
                );
                continue;
            };
            let a = self.access(&api_at, raw_access, &entry.api);
            access.insert(api_name, a);
        }

        let mut environments = IndexMap::new();
        for (env_name, raw_env) in raw.environments {
            let env_at = pointer::join(["tenants", name, "environments", &env_name]);
            if !is_valid_name(&env_name) {
                self.error(
                    "invalid-name",
                    &env_at,
                    format!("environment name `{env_name}` is not a valid name"),
                    NAME_HINT,
                );
            }
            let env = self.environment(
                &env_at,
                &env_name,
                raw_env.unwrap_or_default(),
                &access,
                apis,
            );
            environments.insert(env_name, env);
        }

        let tenant = Tenant {
            name: name.to_owned(),
            environments,
            access,
        };
        self.tenant_consistency(&tenant, apis, &at);
        tenant
    }

    fn rules(&mut self, raw: Vec<RawRule>, at: &str, api: &Api) -> Vec<Rule> {
        let mut rules = Vec::new();
        for (i, r) in raw.into_iter().enumerate() {
            let rule_at = pointer::push(at, &i.to_string());
            let given: Vec<(&str, String)> = [
                ("operation", r.operation),
                ("tag", r.tag),
                ("route", r.route),
            ]
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
            if given.len() != 1 {
                self.error(
                    "invalid-selector",
                    &rule_at,
                    format!("a rule names exactly one of `operation`, `tag` or `route`; this one names {}", given.len()),
                    "split it into one rule per selector",
                );
                continue;
            }
            let (kind, text) = &given[0];
            let key_at = pointer::push(&rule_at, kind);
            let selector = match *kind {
                "operation" => Selector::Operation(text.clone()),
                "tag" => Selector::Tag(text.clone()),
                _ => match Selector::route(text) {
                    Ok(s) => s,
                    Err(e) => {
                        self.error(
                            "invalid-selector",
                            &key_at,
                            format!("`{text}` is not a route"),
                            e.0,
                        );
                        continue;
                    }
                },
            };
            if !api.operations.iter().any(|op| selector.matches(op)) {
                let hint = nothing_matched_hint(&selector, api);
                self.error(
                    "selector-matches-nothing",
                    &key_at,
                    format!("{selector} matches no operation"),
                    hint,
                );
                continue;
            }
            rules.push(Rule {
                selector,
                pointer: key_at,
            });
        }
        rules
    }

    fn access(&mut self, at: &str, raw: RawAccess, api: &Api) -> Access {
        let allow = self.rules(raw.allow, &pointer::push(at, "allow"), api);
        let deny = self.rules(raw.deny, &pointer::push(at, "deny"), api);

        // A selector both allowed and denied is a contradiction, not a precedence
        // question: the author meant one of the two.
        for d in &deny {
            if let Some(a) = allow.iter().find(|a| a.selector == d.selector) {
                let line = self.source.locate(&a.pointer).map(|l| l.line).unwrap_or(0);
                self.error(
                    "contradicting-rules",
                    &d.pointer,
                    format!("{} is both allowed (line {line}) and denied", d.selector),
                    "remove one of the two rules",
                );
            }
        }
        for a in &allow {
            let allowed: Vec<&Operation> = api
                .operations
                .iter()
                .filter(|op| a.selector.matches(op))
                .collect();
            let all_denied = allowed
                .iter()
                .all(|op| deny.iter().any(|d| d.selector.matches(op)));
            let identical = deny.iter().any(|d| d.selector == a.selector);
            if all_denied && !identical {
                self.error(
                    "contradicting-rules",
                    &a.pointer,
                    format!("every operation {} allows is denied again", a.selector),
                    "remove this rule or narrow the deny rules",
                );
            }
        }

        let declared_bindings = raw.security.len();
        let mut security = IndexMap::new();
        for (scheme, b) in raw.security {
            let b_at = pointer::join_onto(at, ["security", &scheme]);
            if !api.security_schemes.contains_key(&scheme) {
                self.error(
                    "unknown-scheme",
                    &b_at,
                    format!("the API has no security scheme `{scheme}`"),
                    unknown_name_hint(
                        &scheme,
                        "security scheme",
                        api.security_schemes.keys().map(String::as_str),
                    ),
                );
                continue;
            }
            let binding = match (b.bind.as_str(), b.secret) {
                ("config", Some(secret)) if is_valid_secret_name(&secret) => {
                    Binding::Config { secret }
                }
                ("config", Some(secret)) => {
                    self.error(
                        "invalid-secret-name",
                        &pointer::push(&b_at, "secret"),
                        format!("`{secret}` is not a valid secret name"),
                        "use 1-128 characters of A-Z a-z 0-9 . _ - /, not starting with / or .",
                    );
                    continue;
                }
                ("config", None) => {
                    self.error(
                        "missing-secret",
                        &b_at,
                        format!("scheme `{scheme}` is bound by configuration but names no secret"),
                        "add `secret: <name>`: the secret the proxy injects",
                    );
                    continue;
                }
                ("reference", None) => Binding::Reference,
                ("reference", Some(_)) => {
                    self.error(
                        "contradicting-binding",
                        &pointer::push(&b_at, "secret"),
                        format!("scheme `{scheme}` is bound by reference, so the app chooses the secret"),
                        "remove `secret`, or bind it with `bind: config`",
                    );
                    continue;
                }
                (other, _) => {
                    let hint = match did_you_mean(other, ["config", "reference"]) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => "use `config` or `reference`".to_owned(),
                    };
                    self.error(
                        "invalid-binding",
                        &pointer::push(&b_at, "bind"),
                        format!("unknown binding `{other}`"),
                        hint,
                    );
                    continue;
                }
            };
            security.insert(scheme, binding);
        }

        if security.len() < declared_bindings {
            self.rejected.insert(format!("security:{at}"));
        }

        let mut pinned = Vec::new();
        for (i, p) in raw.pinned.into_iter().enumerate() {
            let p_at = pointer::join_onto(at, ["pinned", &i.to_string()]);
            let Some((location, name)) = parse_qualified_parameter(&p.parameter) else {
                self.error(
                    "invalid-parameter",
                    &pointer::push(&p_at, "parameter"),
                    format!("`{}` does not name a parameter", p.parameter),
                    "write `<location>.<name>`, e.g. `header.X-Company-Id` (location: path, query, header or cookie)",
                );
                continue;
            };
            pinned.push(Pinned {
                location,
                name: name.to_owned(),
                config_key: p.config,
                pointer: p_at,
            });
        }

        let mut slots = Vec::new();
        let mut slot_names = HashSet::new();
        for (i, s) in raw.slots.into_iter().enumerate() {
            let s_at = pointer::join_onto(at, ["slots", &i.to_string()]);
            if !is_valid_name(&s.name) {
                self.error(
                    "invalid-name",
                    &pointer::push(&s_at, "name"),
                    format!("slot name `{}` is not a valid name", s.name),
                    NAME_HINT,
                );
                continue;
            }
            if !slot_names.insert(s.name.clone()) {
                self.error(
                    "duplicate-slot",
                    &pointer::push(&s_at, "name"),
                    format!("slot `{}` is declared twice", s.name),
                    "give each slot its own name",
                );
                continue;
            }
            if let Some(slot) = slot::check(self, &s_at, s, api) {
                slots.push(slot);
            }
        }

        Access {
            allow,
            deny,
            security,
            pinned,
            slots,
        }
        .with_pinned_checked(self, api)
    }

    fn environment(
        &mut self,
        at: &str,
        name: &str,
        raw: RawEnvironment,
        access: &IndexMap<String, Access>,
        apis: &IndexMap<String, ApiEntry>,
    ) -> Environment {
        let mut config = IndexMap::new();
        for (k, v) in raw.config {
            let text = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => {
                    self.error(
                        "invalid-config",
                        &pointer::join_onto(at, ["config", &k]),
                        format!("configuration value `{k}` must be a string, number or boolean"),
                        "pinned parameters take scalar values",
                    );
                    self.rejected.insert(pointer::join_onto(at, ["config", &k]));
                    continue;
                }
            };
            config.insert(k, text);
        }

        let mut narrowing = IndexMap::new();
        for (api_name, n) in raw.apis {
            let n_at = pointer::join_onto(at, ["apis", &api_name]);
            let (Some(entry), Some(tenant_access)) = (apis.get(&api_name), access.get(&api_name))
            else {
                let tenant_at = at.split("/environments/").next().unwrap_or(at);
                if apis.contains_key(&api_name)
                    && self.rejected.contains(&format!("unknown-api:{tenant_at}"))
                {
                    // The tenant's own entry for this API was misnamed and reported.
                    continue;
                }
                self.error(
                    "unknown-api",
                    &n_at,
                    format!("this tenant has no access to an API `{api_name}` to narrow"),
                    unknown_name_hint(&api_name, "API", access.keys().map(String::as_str)),
                );
                continue;
            };
            if n.allow.as_ref().is_some_and(Vec::is_empty) {
                self.error(
                    "contradicting-rules",
                    &pointer::push(&n_at, "allow"),
                    format!("an empty `allow` list takes every `{api_name}` operation away from `{name}`"),
                    "remove the API from this tenant, or list what stays allowed",
                );
            }
            let allow = n
                .allow
                .map(|rules| self.rules(rules, &pointer::push(&n_at, "allow"), &entry.api));
            let deny = self.rules(n.deny, &pointer::push(&n_at, "deny"), &entry.api);

            // An environment may only take away.
            for rule in allow.iter().flatten() {
                let widened: Vec<&str> = entry
                    .api
                    .operations
                    .iter()
                    .filter(|op| rule.selector.matches(op) && !tenant_access.allows(op))
                    .map(|op| op.id.as_str())
                    .collect();
                if !widened.is_empty()
                    && widened.len()
                        == entry
                            .api
                            .operations
                            .iter()
                            .filter(|op| rule.selector.matches(op))
                            .count()
                {
                    self.error(
                        "contradicting-rules",
                        &rule.pointer,
                        format!(
                            "environment `{name}` allows {} which the tenant does not allow ({})",
                            rule.selector,
                            preview(&widened)
                        ),
                        "an environment can only narrow the tenant's rules; allow it at the tenant level first",
                    );
                }
            }
            narrowing.insert(api_name, Narrowing { allow, deny });
        }
        Environment {
            name: name.to_owned(),
            config,
            narrowing,
        }
    }

    /// Checks that need the whole tenant: bindings cover every allowed operation, and
    /// every environment has the configuration its pinned parameters read.
    fn tenant_consistency(&mut self, tenant: &Tenant, apis: &IndexMap<String, ApiEntry>, at: &str) {
        for (api_name, access) in &tenant.access {
            let Some(entry) = apis.get(api_name) else {
                continue;
            };
            let api_at = pointer::join_onto(at, ["apis", api_name]);
            let allowed: Vec<&Operation> = entry
                .api
                .operations
                .iter()
                .filter(|op| access.allows(op))
                .collect();

            let unbound: Vec<String> = allowed
                .iter()
                .filter(|op| !op.security.is_empty() && access.usable_alternative(op).is_none())
                .map(|op| {
                    let options: Vec<String> = op
                        .security
                        .iter()
                        .map(|r| r.schemes.keys().cloned().collect::<Vec<_>>().join(" + "))
                        .collect();
                    format!("`{}` needs {}", op.id, options.join(" or "))
                })
                .collect();
            if !unbound.is_empty() && !self.rejected.contains(&format!("security:{api_at}")) {
                self.error(
                    "unbound-scheme",
                    &api_at,
                    format!("{} allowed operation(s) have no bound security scheme: {}", unbound.len(), preview(&unbound)),
                    "bind a scheme under `security:` (by `config` or by `reference`), or deny these operations",
                );
            }

            let used: BTreeSet<&str> = allowed.iter().flat_map(|op| op.scheme_names()).collect();
            for scheme in access.security.keys() {
                if !used.contains(scheme.as_str()) {
                    self.warning(
                        "unused-binding",
                        &pointer::join_onto(&api_at, ["security", scheme]),
                        format!("no allowed operation uses scheme `{scheme}`"),
                        "remove the binding, or allow the operations that need it",
                    );
                }
            }

            for p in &access.pinned {
                for env in tenant.environments.values() {
                    let env_at =
                        pointer::join(["tenants", &tenant.name, "environments", &env.name]);
                    let rejected = pointer::join_onto(&env_at, ["config", &p.config_key]);
                    if !env.config.contains_key(&p.config_key) && !self.rejected.contains(&rejected)
                    {
                        self.error(
                            "missing-config",
                            &env_at,
                            format!(
                                "environment `{}` has no configuration value `{}` for pinned parameter `{}.{}`",
                                env.name, p.config_key, p.location, p.name
                            ),
                            unknown_name_hint(&p.config_key, "configuration value", env.config.keys().map(String::as_str)),
                        );
                    }
                }
            }
        }
        if tenant.access.is_empty() && !self.rejected.contains(&format!("unknown-api:{at}")) {
            self.warning(
                "empty-tenant",
                at,
                format!("tenant `{}` may call nothing", tenant.name),
                "add `apis:` with allow rules",
            );
        }
    }
}

const NAME_HINT: &str =
    "use lowercase letters, digits, `-` and `_`, starting with a letter or digit";

fn preview(items: &[impl AsRef<str>]) -> String {
    let shown: Vec<&str> = items.iter().take(3).map(AsRef::as_ref).collect();
    let mut text = shown.join(", ");
    if items.len() > 3 {
        text.push_str(&format!(", and {} more", items.len() - 3));
    }
    text
}

fn nothing_matched_hint(selector: &Selector, api: &Api) -> String {
    match selector {
        Selector::Operation(g) => {
            unknown_name_hint(g, "operation", api.operations.iter().map(|o| o.id.as_str()))
        }
        Selector::Tag(g) => {
            let tags: BTreeSet<&str> = api
                .operations
                .iter()
                .flat_map(|o| o.tags.iter().map(String::as_str))
                .collect();
            unknown_name_hint(g, "tag", tags.iter().copied())
        }
        Selector::Route { path, .. } => {
            let routes: Vec<String> = api.operations.iter().map(|o| o.route()).collect();
            let paths: Vec<&str> = api.operations.iter().map(|o| o.path.as_str()).collect();
            match did_you_mean(path, paths.iter().copied()) {
                Some(near) => {
                    let methods: Vec<&str> = routes
                        .iter()
                        .filter(|r| r.ends_with(&format!(" {near}")))
                        .map(|r| r.split(' ').next().unwrap_or(""))
                        .collect();
                    format!("did you mean `{near}` ({})?", methods.join(", "))
                }
                None => {
                    "check the method and the path template; `*` matches one segment, `**` several"
                        .to_owned()
                }
            }
        }
    }
}

impl Access {
    /// Tenant-level decision: some allow rule matches and no deny rule does.
    pub fn allows(&self, op: &Operation) -> bool {
        self.allow.iter().any(|r| r.selector.matches(op))
            && !self.deny.iter().any(|r| r.selector.matches(op))
    }

    /// The first security alternative of `op` whose schemes are all bound.
    /// The security alternative of `op` to satisfy: the first whose schemes are all
    /// bound by configuration (the app then supplies nothing), else the first whose
    /// schemes are all bound at all, else an empty alternative (credentials optional).
    pub fn usable_alternative<'a>(
        &self,
        op: &'a Operation,
    ) -> Option<&'a crate::api::SecurityRequirement> {
        let bound = |r: &&crate::api::SecurityRequirement, by_config: bool| {
            !r.schemes.is_empty()
                && r.schemes.keys().all(|s| match self.security.get(s) {
                    Some(Binding::Config { .. }) => true,
                    Some(Binding::Reference) => !by_config,
                    None => false,
                })
        };
        op.security
            .iter()
            .find(|r| bound(r, true))
            .or_else(|| op.security.iter().find(|r| bound(r, false)))
            .or_else(|| op.security.iter().find(|r| r.schemes.is_empty()))
    }

    fn with_pinned_checked(self, v: &mut Validator<'_>, api: &Api) -> Access {
        let allowed: Vec<&Operation> = api.operations.iter().filter(|op| self.allows(op)).collect();
        for p in &self.pinned {
            let p_at = pointer::push(&p.pointer, "parameter");
            if !allowed
                .iter()
                .any(|op| op.parameter(p.location, &p.name).is_some())
            {
                let names: BTreeSet<String> = allowed
                    .iter()
                    .flat_map(|op| op.parameters.iter().map(|q| q.qualified_name()))
                    .collect();
                let wanted = format!("{}.{}", p.location, p.name);
                v.error(
                    "unknown-parameter",
                    &p_at,
                    format!("no allowed operation has a parameter `{wanted}`"),
                    unknown_name_hint(&wanted, "parameter", names.iter().map(String::as_str)),
                );
            }
            let is_slot = self.slots.iter().any(|s| {
                let SlotTarget::Parameter { location, name } = &s.target else {
                    return false;
                };
                *location == p.location
                    && if p.location == ParameterLocation::Header {
                        name.eq_ignore_ascii_case(&p.name)
                    } else {
                        *name == p.name
                    }
            });
            if is_slot {
                v.error(
                    "contradicting-rules",
                    &p_at,
                    format!("`{}.{}` is both pinned and a secret slot", p.location, p.name),
                    "a parameter is either filled from configuration or carries a secret reference, not both",
                );
            }
        }
        for s in &self.slots {
            if let Some(op) = api.operation(&s.operation) {
                if !self.allows(op) {
                    v.error(
                        "slot-on-denied-operation",
                        &pointer::push(&s.pointer, "operation"),
                        format!(
                            "slot `{}` is on `{}`, which this tenant may not call",
                            s.name, s.operation
                        ),
                        "allow the operation or remove the slot",
                    );
                }
            }
        }
        self
    }
}

/// Which operations an environment-level narrowing leaves.
pub(crate) fn narrowing_allows(n: Option<&Narrowing>, op: &Operation) -> bool {
    let Some(n) = n else { return true };
    let allowed = n
        .allow
        .as_ref()
        .is_none_or(|rules| rules.iter().any(|r| r.selector.matches(op)));
    allowed && !n.deny.iter().any(|r| r.selector.matches(op))
}
