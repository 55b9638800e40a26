//! The manifest as written: serde structures that mirror the YAML one to one.
//!
//! Unknown keys are errors (`deny_unknown_fields`) so a typo never silently widens or
//! narrows what a tenant may call. Meaning is given in `mod.rs`, not here.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawManifest {
    /// Checked before deserialisation, where a better message can be given.
    #[allow(dead_code)]
    pub version: u32,
    pub apis: IndexMap<String, RawApi>,
    #[serde(default)]
    pub tenants: IndexMap<String, RawTenant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApi {
    pub description: String,
    pub upstream: String,
    #[serde(default)]
    pub environments: IndexMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTenant {
    pub environments: IndexMap<String, Option<RawEnvironment>>,
    #[serde(default)]
    pub apis: IndexMap<String, RawAccess>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnvironment {
    #[serde(default)]
    pub config: IndexMap<String, Value>,
    #[serde(default)]
    pub apis: IndexMap<String, RawNarrowing>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccess {
    #[serde(default)]
    pub allow: Vec<RawRule>,
    #[serde(default)]
    pub deny: Vec<RawRule>,
    #[serde(default)]
    pub security: IndexMap<String, RawBinding>,
    #[serde(default)]
    pub pinned: Vec<RawPinned>,
    #[serde(default)]
    pub slots: Vec<RawSlot>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNarrowing {
    pub allow: Option<Vec<RawRule>>,
    #[serde(default)]
    pub deny: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub operation: Option<String>,
    pub tag: Option<String>,
    pub route: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBinding {
    pub bind: String,
    pub secret: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPinned {
    pub parameter: String,
    pub config: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSlot {
    pub name: String,
    pub operation: String,
    pub parameter: Option<String>,
    pub body: Option<String>,
}
