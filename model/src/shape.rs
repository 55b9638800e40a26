//! A [`Shape`]: what one tenant may do in one environment.
//!
//! This is the single answer to "may this call happen, and how": codegen emits
//! exactly the operations of a shape, and the proxy admits exactly them, with the
//! same bindings, pinned values and slots.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{json, Value};
use url::Url;

use crate::api::{Api, Operation, ParameterLocation};
use crate::diagnostic::{unknown_name_hint, Diagnostic};
use crate::manifest::{narrowing_allows, Binding, Manifest, Slot};

#[derive(Debug, Clone)]
pub struct Shape {
    pub tenant: String,
    pub environment: String,
    pub apis: Vec<ShapedApi>,
}

/// One API as a tenant and environment see it.
#[derive(Debug, Clone)]
pub struct ShapedApi {
    pub name: String,
    pub api: Arc<Api>,
    /// Where the proxy sends this API's requests in this environment.
    pub upstream: Url,
    pub operations: Vec<ShapedOperation>,
    /// Named schemas reachable from [`ShapedApi::operations`]; the rest of the
    /// description's schema graph is pruned.
    pub schemas: BTreeSet<String>,
}

/// An allowed operation with everything needed to call it.
#[derive(Debug, Clone)]
pub struct ShapedOperation {
    /// Index into `api.operations`.
    pub index: usize,
    /// The security schemes to satisfy (one alternative of the operation's), each with
    /// its binding. Empty when the operation needs no credentials.
    pub security: Vec<BoundScheme>,
    pub pinned: Vec<PinnedValue>,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundScheme {
    pub scheme: String,
    pub scopes: Vec<String>,
    pub binding: Binding,
}

/// A pinned parameter with its value in this environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinnedValue {
    pub location: ParameterLocation,
    pub name: String,
    /// The environment configuration key the value comes from; the proxy lets values
    /// stored by a tenant administrator under this key override the manifest's.
    pub config_key: String,
    /// The manifest's value for this environment.
    pub value: String,
}

impl ShapedApi {
    pub fn operation(&self, id: &str) -> Option<(&ShapedOperation, &Operation)> {
        self.operations
            .iter()
            .map(|s| (s, &self.api.operations[s.index]))
            .find(|(_, op)| op.id == id)
    }

    pub fn operations(&self) -> impl Iterator<Item = (&ShapedOperation, &Operation)> {
        self.operations
            .iter()
            .map(|s| (s, &self.api.operations[s.index]))
    }
}

impl ShapedOperation {
    pub fn is_pinned(&self, location: ParameterLocation, name: &str) -> bool {
        self.pinned.iter().any(|p| {
            p.location == location
                && if location == ParameterLocation::Header {
                    p.name.eq_ignore_ascii_case(name)
                } else {
                    p.name == name
                }
        })
    }

    /// Schemes whose secret the app passes by reference.
    pub fn reference_schemes(&self) -> impl Iterator<Item = &BoundScheme> {
        self.security
            .iter()
            .filter(|s| s.binding == Binding::Reference)
    }
}

impl Shape {
    pub fn api(&self, name: &str) -> Option<&ShapedApi> {
        self.apis.iter().find(|a| a.name == name)
    }

    pub fn operation_count(&self) -> usize {
        self.apis.iter().map(|a| a.operations.len()).sum()
    }

    /// A stable JSON rendering, for `poly-codegen shape --json` and for tests.
    pub fn to_json(&self) -> Value {
        let apis: Vec<Value> = self
            .apis
            .iter()
            .map(|a| {
                let operations: Vec<Value> = a
                    .operations()
                    .map(|(s, op)| {
                        json!({
                            "id": op.id,
                            "method": op.method,
                            "path": op.path,
                            "tags": op.tags,
                            "security": s.security.iter().map(|b| json!({
                                "scheme": b.scheme,
                                "scopes": b.scopes,
                                "binding": b.binding,
                            })).collect::<Vec<_>>(),
                            "pinned": s.pinned.iter().map(|p| json!({
                                "parameter": format!("{}.{}", p.location, p.name),
                                "value": p.value,
                            })).collect::<Vec<_>>(),
                            "slots": s.slots,
                        })
                    })
                    .collect();
                json!({
                    "name": a.name,
                    "upstream": a.upstream.as_str(),
                    "operations": operations,
                    "schemas": a.schemas,
                })
            })
            .collect();
        json!({"tenant": self.tenant, "environment": self.environment, "apis": apis})
    }
}

impl Manifest {
    /// Resolves what `tenant` may do in `environment`.
    pub fn shape(&self, tenant: &str, environment: &str) -> Result<Shape, Box<Diagnostic>> {
        let t = self.tenant(tenant)?;
        let Some(env) = t.environments.get(environment) else {
            return Err(Box::new(
                Diagnostic::error(
                    "unknown-environment",
                    &self.path,
                    format!("tenant `{tenant}` has no environment `{environment}`"),
                )
                .with_hint(unknown_name_hint(
                    environment,
                    "environment",
                    t.environments.keys().map(String::as_str),
                )),
            ));
        };

        let mut apis = Vec::new();
        for (api_name, access) in &t.access {
            let Some(entry) = self.apis.get(api_name) else {
                continue;
            };
            let narrowing = env.narrowing.get(api_name);
            let mut operations = Vec::new();
            for (index, op) in entry.api.operations.iter().enumerate() {
                if !access.allows(op) || !narrowing_allows(narrowing, op) {
                    continue;
                }
                let security = match access.usable_alternative(op) {
                    Some(requirement) => requirement
                        .schemes
                        .iter()
                        .filter_map(|(scheme, scopes)| {
                            let binding = access.security.get(scheme)?.clone();
                            Some(BoundScheme {
                                scheme: scheme.clone(),
                                scopes: scopes.clone(),
                                binding,
                            })
                        })
                        .collect(),
                    None if op.security.is_empty() => Vec::new(),
                    // Validation rejects a manifest that allows an operation it cannot
                    // authenticate; never admit one regardless.
                    None => continue,
                };
                operations.push(ShapedOperation {
                    index,
                    security,
                    pinned: pinned(access, op, env),
                    slots: slots(access, op),
                });
            }
            let schemas = entry
                .api
                .reachable_schemas(operations.iter().map(|s| &entry.api.operations[s.index]));
            apis.push(ShapedApi {
                name: api_name.clone(),
                api: entry.api.clone(),
                upstream: entry.upstream_for(environment).clone(),
                operations,
                schemas,
            });
        }
        Ok(Shape {
            tenant: tenant.to_owned(),
            environment: environment.to_owned(),
            apis,
        })
    }

    /// Every (tenant, environment) pair, in manifest order.
    pub fn targets(&self) -> Vec<(String, String)> {
        self.tenants
            .values()
            .flat_map(|t| {
                t.environments
                    .keys()
                    .map(move |e| (t.name.clone(), e.clone()))
            })
            .collect()
    }
}

fn pinned(
    access: &crate::manifest::Access,
    op: &Operation,
    env: &crate::manifest::Environment,
) -> Vec<PinnedValue> {
    access
        .pinned
        .iter()
        .filter_map(|p| {
            let param = op.parameter(p.location, &p.name)?;
            Some(PinnedValue {
                location: p.location,
                name: param.name.clone(),
                config_key: p.config_key.clone(),
                value: env.config.get(&p.config_key)?.clone(),
            })
        })
        .collect()
}

fn slots(access: &crate::manifest::Access, op: &Operation) -> Vec<Slot> {
    access
        .slots
        .iter()
        .filter(|s| s.operation == op.id)
        .cloned()
        .collect()
}

impl Shape {
    /// The shape of a description used without a manifest: every operation allowed,
    /// every security scheme bound by reference (the app names its secrets), nothing
    /// pinned. This is what `poly-codegen generate --spec` generates from.
    pub fn unrestricted(name: &str, api: Arc<Api>, upstream: Url) -> Shape {
        let operations: Vec<ShapedOperation> = api
            .operations
            .iter()
            .enumerate()
            .map(|(index, op)| {
                let security = op
                    .security
                    .first()
                    .map(|r| {
                        r.schemes
                            .iter()
                            .map(|(scheme, scopes)| BoundScheme {
                                scheme: scheme.clone(),
                                scopes: scopes.clone(),
                                binding: Binding::Reference,
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                ShapedOperation {
                    index,
                    security,
                    pinned: Vec::new(),
                    slots: Vec::new(),
                }
            })
            .collect();
        let schemas = api.reachable_schemas(api.operations.iter());
        Shape {
            tenant: "default".to_owned(),
            environment: "default".to_owned(),
            apis: vec![ShapedApi {
                name: name.to_owned(),
                api,
                upstream,
                operations,
                schemas,
            }],
        }
    }
}
