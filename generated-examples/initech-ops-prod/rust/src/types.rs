//! The data types of the operations this tenant may call.

#![allow(clippy::enum_variant_names)]
#[allow(unused_imports)]
use super::types;

/// Postal address.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Address {
    pub line1: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub line2: Option<Option<String>>,
    pub city: String,
    #[serde(rename = "postalCode")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(rename = "countryCode")]
    pub country_code: String,
}

/// Multi-level bill of materials of a product.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct BillOfMaterials {
    #[serde(rename = "productId")]
    pub product_id: ::uuid::Uuid,
    pub revision: String,
    #[serde(rename = "effectiveFrom")]
    pub effective_from: ::chrono::NaiveDate,
    #[serde(rename = "effectiveTo")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub effective_to: Option<Option<::chrono::NaiveDate>>,
    pub items: Vec<super::types::BomItem>,
    /// An amount in a given currency.
    #[serde(rename = "rolledUpCost")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolled_up_cost: Option<super::types::Money>,
}

/// One line of a bill of materials; sub-assemblies contain children.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct BomItem {
    #[serde(rename = "componentId")]
    pub component_id: ::uuid::Uuid,
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A component quantity, either numeric (in the item's unit) or a textual instruction such as "as required" for consumables.
    pub quantity: super::types::QuantityOrText,
    pub unit: String,
    /// Defaults to `0` when absent.
    #[serde(rename = "scrapFactor")]
    #[serde(
        default = "default_bom_item_scrap_factor",
        skip_serializing_if = "Option::is_none"
    )]
    pub scrap_factor: Option<f32>,
    /// Phantom assemblies are exploded, never stocked.
    ///
    /// Defaults to `false` when absent.
    #[serde(
        default = "default_bom_item_phantom",
        skip_serializing_if = "Option::is_none"
    )]
    pub phantom: Option<bool>,
    /// Components of this sub-assembly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<super::types::BomItem>>,
}

/// Parcel or freight carrier.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum Carrier {
    #[serde(rename = "dhl")]
    Dhl,
    #[serde(rename = "ups")]
    Ups,
    #[serde(rename = "fedex")]
    Fedex,
    #[serde(rename = "dpd")]
    Dpd,
    #[serde(rename = "gls")]
    Gls,
    #[serde(rename = "own_fleet")]
    OwnFleet,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl Carrier {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dhl => "dhl",
            Self::Ups => "ups",
            Self::Fedex => "fedex",
            Self::Dpd => "dpd",
            Self::Gls => "gls",
            Self::OwnFleet => "own_fleet",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum CompanyPartyKind {
    #[serde(rename = "company")]
    Company,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl CompanyPartyKind {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Company => "company",
            Self::Unknown(other) => other,
        }
    }
}

/// A legal entity.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CompanyParty {
    /// The tag of this type in the union [`Party`]: `"company"`.
    pub kind: super::types::CompanyPartyKind,
    pub id: ::uuid::Uuid,
    #[serde(rename = "legalName")]
    pub legal_name: String,
    #[serde(rename = "registrationNumber")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<String>,
    #[serde(rename = "vatId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub vat_id: Option<Option<String>>,
    #[serde(rename = "employeeCount")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_count: Option<i32>,
    /// Postal address.
    #[serde(rename = "registeredAddress")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_address: Option<super::types::Address>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ComponentHealthStatus {
    #[serde(rename = "operational")]
    Operational,
    #[serde(rename = "degraded")]
    Degraded,
    #[serde(rename = "unavailable")]
    Unavailable,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ComponentHealthStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Operational => "operational",
            Self::Degraded => "degraded",
            Self::Unavailable => "unavailable",
            Self::Unknown(other) => other,
        }
    }
}

/// Health of one dependency.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ComponentHealth {
    pub status: super::types::ComponentHealthStatus,
    #[serde(rename = "latencyMs")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<f32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub message: Option<Option<String>>,
}

/// A person the company is in touch with.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Contact {
    pub id: ::uuid::Uuid,
    /// Legal party behind the contact, see `getParty`.
    #[serde(rename = "partyId")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<::uuid::Uuid>,
    #[serde(rename = "firstName")]
    pub first_name: String,
    #[serde(rename = "lastName")]
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number in E.164 format, or null if unknown.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub phone: Option<Option<String>>,
    /// No longer maintained; kept for old integrations.
    ///
    /// Deprecated by the API.
    #[serde(rename = "faxNumber")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax_number: Option<String>,
    #[serde(rename = "jobTitle")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Lifecycle state of a contact.
    pub status: super::types::ContactStatus,
    /// Defaults to `"en"` when absent.
    #[serde(rename = "preferredLanguage")]
    #[serde(
        default = "default_contact_preferred_language",
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_language: Option<String>,
    /// Defaults to `false` when absent.
    #[serde(rename = "marketingOptIn")]
    #[serde(
        default = "default_contact_marketing_opt_in",
        skip_serializing_if = "Option::is_none"
    )]
    pub marketing_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<super::types::Address>,
    /// Tenant-defined custom fields.
    #[serde(rename = "customFields")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<::std::collections::BTreeMap<String, String>>,
    /// Sales representative owning the contact; null if unassigned.
    #[serde(rename = "ownerId")]
    pub owner_id: Option<::uuid::Uuid>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "updatedAt")]
    pub updated_at: ::chrono::DateTime<::chrono::Utc>,
}

/// Writable fields of a contact.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ContactInput {
    #[serde(rename = "firstName")]
    pub first_name: String,
    #[serde(rename = "lastName")]
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub phone: Option<Option<String>>,
    #[serde(rename = "jobTitle")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Lifecycle state of a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<super::types::ContactStatus>,
    /// Defaults to `"en"` when absent.
    #[serde(rename = "preferredLanguage")]
    #[serde(
        default = "default_contact_input_preferred_language",
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_language: Option<String>,
    /// Defaults to `false` when absent.
    #[serde(rename = "marketingOptIn")]
    #[serde(
        default = "default_contact_input_marketing_opt_in",
        skip_serializing_if = "Option::is_none"
    )]
    pub marketing_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<super::types::Address>,
    #[serde(rename = "customFields")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<::std::collections::BTreeMap<String, String>>,
    #[serde(rename = "ownerId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub owner_id: Option<Option<::uuid::Uuid>>,
}

/// A page of contacts.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ContactList {
    pub items: Vec<super::types::Contact>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ContactSearchQuerySort {
    #[serde(rename = "relevance")]
    Relevance,
    #[serde(rename = "lastName")]
    LastName,
    #[serde(rename = "createdAt")]
    CreatedAt,
    #[serde(rename = "updatedAt")]
    UpdatedAt,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ContactSearchQuerySort {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Relevance => "relevance",
            Self::LastName => "lastName",
            Self::CreatedAt => "createdAt",
            Self::UpdatedAt => "updatedAt",
            Self::Unknown(other) => other,
        }
    }
}

/// Structured contact search.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ContactSearchQuery {
    /// Free text matched against names, e-mail and company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statuses: Option<Vec<super::types::ContactStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(rename = "createdAfter")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_after: Option<::chrono::DateTime<::chrono::Utc>>,
    /// Exact-match filters on custom fields.
    #[serde(rename = "customFields")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<::std::collections::BTreeMap<String, String>>,
    /// Defaults to `"relevance"` when absent.
    #[serde(
        default = "default_contact_search_query_sort",
        skip_serializing_if = "Option::is_none"
    )]
    pub sort: Option<super::types::ContactSearchQuerySort>,
    /// Defaults to `25` when absent.
    #[serde(
        default = "default_contact_search_query_limit",
        skip_serializing_if = "Option::is_none"
    )]
    pub limit: Option<i32>,
}

/// Lifecycle state of a contact.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ContactStatus {
    #[serde(rename = "lead")]
    Lead,
    #[serde(rename = "prospect")]
    Prospect,
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "inactive")]
    Inactive,
    #[serde(rename = "archived")]
    Archived,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ContactStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Lead => "lead",
            Self::Prospect => "prospect",
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Archived => "archived",
            Self::Unknown(other) => other,
        }
    }
}

/// A contact with a commercial relationship.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Customer {
    pub id: ::uuid::Uuid,
    /// Legal party behind the contact, see `getParty`.
    #[serde(rename = "partyId")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<::uuid::Uuid>,
    #[serde(rename = "firstName")]
    pub first_name: String,
    #[serde(rename = "lastName")]
    pub last_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number in E.164 format, or null if unknown.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub phone: Option<Option<String>>,
    /// No longer maintained; kept for old integrations.
    ///
    /// Deprecated by the API.
    #[serde(rename = "faxNumber")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fax_number: Option<String>,
    #[serde(rename = "jobTitle")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Lifecycle state of a contact.
    pub status: super::types::ContactStatus,
    /// Defaults to `"en"` when absent.
    #[serde(rename = "preferredLanguage")]
    #[serde(
        default = "default_customer_preferred_language",
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_language: Option<String>,
    /// Defaults to `false` when absent.
    #[serde(rename = "marketingOptIn")]
    #[serde(
        default = "default_customer_marketing_opt_in",
        skip_serializing_if = "Option::is_none"
    )]
    pub marketing_opt_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<super::types::Address>,
    /// Tenant-defined custom fields.
    #[serde(rename = "customFields")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<::std::collections::BTreeMap<String, String>>,
    /// Sales representative owning the contact; null if unassigned.
    #[serde(rename = "ownerId")]
    pub owner_id: Option<::uuid::Uuid>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "updatedAt")]
    pub updated_at: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "customerNumber")]
    pub customer_number: String,
    /// An amount in a given currency.
    #[serde(rename = "creditLimit")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_limit: Option<super::types::Money>,
    /// Defaults to `30` when absent.
    #[serde(rename = "paymentTermsDays")]
    pub payment_terms_days: i32,
    /// An amount in a given currency.
    #[serde(rename = "lifetimeValue")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_value: Option<super::types::Money>,
    #[serde(rename = "accountManagerId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub account_manager_id: Option<Option<::uuid::Uuid>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<String>>,
    /// Postal address.
    #[serde(rename = "billingAddress")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_address: Option<super::types::Address>,
}

/// A page of customers.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CustomerList {
    pub items: Vec<super::types::Customer>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Outer dimensions in centimetres.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Dimensions {
    #[serde(rename = "lengthCm")]
    pub length_cm: f32,
    #[serde(rename = "widthCm")]
    pub width_cm: f32,
    #[serde(rename = "heightCm")]
    pub height_cm: f32,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum EntityRefType {
    #[serde(rename = "contact")]
    Contact,
    #[serde(rename = "customer")]
    Customer,
    #[serde(rename = "opportunity")]
    Opportunity,
    #[serde(rename = "work_order")]
    WorkOrder,
    #[serde(rename = "machine")]
    Machine,
    #[serde(rename = "shipment")]
    Shipment,
    #[serde(rename = "stock_item")]
    StockItem,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl EntityRefType {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Contact => "contact",
            Self::Customer => "customer",
            Self::Opportunity => "opportunity",
            Self::WorkOrder => "work_order",
            Self::Machine => "machine",
            Self::Shipment => "shipment",
            Self::StockItem => "stock_item",
            Self::Unknown(other) => other,
        }
    }
}

/// Reference to a business object in any module.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct EntityRef {
    #[serde(rename = "type")]
    pub type_: super::types::EntityRefType,
    pub id: ::uuid::Uuid,
}

/// Error returned with every 4xx and 5xx response.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Error {
    /// Stable, machine-readable error code.
    pub code: String,
    /// Human-readable explanation in English.
    pub message: String,
    /// Per-field problems, for validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<super::types::ErrorDetail>>,
    /// Correlation id to quote when contacting support.
    #[serde(rename = "traceId")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

/// One problem with one field of the request.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ErrorDetail {
    /// JSON pointer or parameter name of the offending field.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub field: Option<Option<String>>,
    /// What is wrong with the field.
    pub issue: String,
}

/// A page of file metadata.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct FileList {
    pub items: Vec<super::types::FileMetadata>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Metadata of a stored file.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct FileMetadata {
    pub id: ::uuid::Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folder: Option<String>,
    #[serde(rename = "contentType")]
    pub content_type: String,
    #[serde(rename = "sizeBytes")]
    pub size_bytes: i64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<::std::collections::BTreeMap<String, String>>,
    #[serde(rename = "linkedEntities")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_entities: Option<Vec<super::types::EntityRef>>,
    /// Date until which the file cannot be deleted; null if none.
    #[serde(rename = "retentionUntil")]
    pub retention_until: Option<::chrono::NaiveDate>,
    #[serde(rename = "createdBy")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<::uuid::Uuid>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum JobAcceptedStatus {
    #[serde(rename = "queued")]
    Queued,
    #[serde(rename = "running")]
    Running,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl JobAcceptedStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Unknown(other) => other,
        }
    }
}

/// Handle of an asynchronous job started by the request.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct JobAccepted {
    #[serde(rename = "jobId")]
    pub job_id: ::uuid::Uuid,
    pub status: super::types::JobAcceptedStatus,
    /// URL to poll for the job outcome.
    #[serde(rename = "statusUrl")]
    pub status_url: String,
    /// Best-effort estimate; null when unknown.
    #[serde(rename = "estimatedCompletion")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub estimated_completion: Option<Option<::chrono::DateTime<::chrono::Utc>>>,
}

/// Encoding of a shipping label.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum LabelFormat {
    #[serde(rename = "pdf")]
    Pdf,
    #[serde(rename = "zpl")]
    Zpl,
    #[serde(rename = "png")]
    Png,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl LabelFormat {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pdf => "pdf",
            Self::Zpl => "zpl",
            Self::Png => "png",
            Self::Unknown(other) => other,
        }
    }
}

/// A storage location; locations form a hierarchy.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Location {
    pub id: ::uuid::Uuid,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Kind of storage location.
    #[serde(rename = "type")]
    pub type_: super::types::LocationType,
    #[serde(rename = "parentId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub parent_id: Option<Option<::uuid::Uuid>>,
    #[serde(rename = "capacityUnits")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_units: Option<i32>,
    /// Defaults to `false` when absent.
    #[serde(rename = "temperatureControlled")]
    #[serde(
        default = "default_location_temperature_controlled",
        skip_serializing_if = "Option::is_none"
    )]
    pub temperature_controlled: Option<bool>,
}

/// A page of locations.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct LocationList {
    pub items: Vec<super::types::Location>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Kind of storage location.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum LocationType {
    #[serde(rename = "zone")]
    Zone,
    #[serde(rename = "rack")]
    Rack,
    #[serde(rename = "bin")]
    Bin,
    #[serde(rename = "dock")]
    Dock,
    #[serde(rename = "quarantine")]
    Quarantine,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl LocationType {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Zone => "zone",
            Self::Rack => "rack",
            Self::Bin => "bin",
            Self::Dock => "dock",
            Self::Quarantine => "quarantine",
            Self::Unknown(other) => other,
        }
    }
}

/// A production machine.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Machine {
    pub id: ::uuid::Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(rename = "serialNumber")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(rename = "workCenterId")]
    pub work_center_id: ::uuid::Uuid,
    /// Operational status of a machine.
    pub status: super::types::MachineStatus,
    #[serde(rename = "commissionedOn")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commissioned_on: Option<::chrono::NaiveDate>,
    #[serde(rename = "lastMaintenanceAt")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub last_maintenance_at: Option<Option<::chrono::DateTime<::chrono::Utc>>>,
    /// Free-form technical attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<::std::collections::BTreeMap<String, String>>,
}

/// A page of machines.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MachineList {
    pub items: Vec<super::types::Machine>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Operational status of a machine.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum MachineStatus {
    #[serde(rename = "running")]
    Running,
    #[serde(rename = "idle")]
    Idle,
    #[serde(rename = "down")]
    Down,
    #[serde(rename = "maintenance")]
    Maintenance,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl MachineStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Running => "running",
            Self::Idle => "idle",
            Self::Down => "down",
            Self::Maintenance => "maintenance",
            Self::Unknown(other) => other,
        }
    }
}

/// Telemetry snapshot of a machine.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MachineTelemetry {
    #[serde(rename = "machineId")]
    pub machine_id: ::uuid::Uuid,
    #[serde(rename = "capturedAt")]
    pub captured_at: ::chrono::DateTime<::chrono::Utc>,
    /// Latest reading per sensor name.
    pub readings: ::std::collections::BTreeMap<String, super::types::TelemetryReading>,
    /// Cumulative counters (cycles, parts produced), by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counters: Option<::std::collections::BTreeMap<String, i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alarms: Option<Vec<String>>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum MailboxConnectionStatus {
    #[serde(rename = "connected")]
    Connected,
    #[serde(rename = "verifying")]
    Verifying,
    #[serde(rename = "error")]
    Error,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl MailboxConnectionStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Connected => "connected",
            Self::Verifying => "verifying",
            Self::Error => "error",
            Self::Unknown(other) => other,
        }
    }
}

/// A connected mailbox.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MailboxConnection {
    pub id: ::uuid::Uuid,
    #[serde(rename = "emailAddress")]
    pub email_address: String,
    pub status: super::types::MailboxConnectionStatus,
    #[serde(rename = "lastSyncAt")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub last_sync_at: Option<Option<::chrono::DateTime<::chrono::Utc>>>,
    #[serde(rename = "syncFolders")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_folders: Option<Vec<String>>,
}

/// IMAP account to connect (the password travels in a header).
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MailboxConnectionInput {
    #[serde(rename = "emailAddress")]
    pub email_address: String,
    #[serde(rename = "imapHost")]
    pub imap_host: String,
    /// Defaults to `993` when absent.
    #[serde(rename = "imapPort")]
    #[serde(
        default = "default_mailbox_connection_input_imap_port",
        skip_serializing_if = "Option::is_none"
    )]
    pub imap_port: Option<i32>,
    pub username: String,
    /// Defaults to `true` when absent.
    #[serde(rename = "useTls")]
    #[serde(
        default = "default_mailbox_connection_input_use_tls",
        skip_serializing_if = "Option::is_none"
    )]
    pub use_tls: Option<bool>,
    /// Defaults to `["INBOX"]` when absent.
    #[serde(rename = "syncFolders")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sync_folders: Option<Vec<String>>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum MaintenanceRequestType {
    #[serde(rename = "preventive")]
    Preventive,
    #[serde(rename = "corrective")]
    Corrective,
    #[serde(rename = "calibration")]
    Calibration,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl MaintenanceRequestType {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Preventive => "preventive",
            Self::Corrective => "corrective",
            Self::Calibration => "calibration",
            Self::Unknown(other) => other,
        }
    }
}

/// Request to schedule maintenance.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MaintenanceRequest {
    #[serde(rename = "type")]
    pub type_: super::types::MaintenanceRequestType,
    #[serde(rename = "scheduledFor")]
    pub scheduled_for: ::chrono::DateTime<::chrono::Utc>,
    /// Defaults to `60` when absent.
    #[serde(rename = "estimatedDurationMinutes")]
    #[serde(
        default = "default_maintenance_request_estimated_duration_minutes",
        skip_serializing_if = "Option::is_none"
    )]
    pub estimated_duration_minutes: Option<i32>,
    #[serde(rename = "technicianId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub technician_id: Option<Option<::uuid::Uuid>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum MaintenanceTicketType {
    #[serde(rename = "preventive")]
    Preventive,
    #[serde(rename = "corrective")]
    Corrective,
    #[serde(rename = "calibration")]
    Calibration,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl MaintenanceTicketType {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Preventive => "preventive",
            Self::Corrective => "corrective",
            Self::Calibration => "calibration",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum MaintenanceTicketStatus {
    #[serde(rename = "scheduled")]
    Scheduled,
    #[serde(rename = "in_progress")]
    InProgress,
    #[serde(rename = "done")]
    Done,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl MaintenanceTicketStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Scheduled => "scheduled",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

/// A scheduled maintenance intervention.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct MaintenanceTicket {
    pub id: ::uuid::Uuid,
    #[serde(rename = "machineId")]
    pub machine_id: ::uuid::Uuid,
    #[serde(rename = "type")]
    pub type_: super::types::MaintenanceTicketType,
    #[serde(rename = "scheduledFor")]
    pub scheduled_for: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "estimatedDurationMinutes")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_duration_minutes: Option<i32>,
    #[serde(rename = "technicianId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub technician_id: Option<Option<::uuid::Uuid>>,
    pub status: super::types::MaintenanceTicketStatus,
    #[serde(rename = "createdAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

/// An amount in a given currency.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Money {
    pub amount: f64,
    /// ISO 4217 currency code.
    pub currency: String,
}

/// Activity note attached to a contact.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Note {
    pub id: ::uuid::Uuid,
    #[serde(rename = "contactId")]
    pub contact_id: ::uuid::Uuid,
    pub body: String,
    /// Defaults to `false` when absent.
    #[serde(default = "default_note_pinned", skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
    #[serde(rename = "authorId")]
    pub author_id: ::uuid::Uuid,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

/// A new note.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct NoteInput {
    pub body: String,
    /// Defaults to `false` when absent.
    #[serde(
        default = "default_note_input_pinned",
        skip_serializing_if = "Option::is_none"
    )]
    pub pinned: Option<bool>,
}

/// A page of notes.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct NoteList {
    pub items: Vec<super::types::Note>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// A potential sale to a customer.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Opportunity {
    pub id: ::uuid::Uuid,
    pub name: String,
    #[serde(rename = "customerId")]
    pub customer_id: ::uuid::Uuid,
    /// Pipeline stage of an opportunity.
    pub stage: super::types::OpportunityStage,
    /// An amount in a given currency.
    pub amount: super::types::Money,
    /// Win probability between 0 and 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f32>,
    #[serde(rename = "expectedCloseDate")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub expected_close_date: Option<Option<::chrono::NaiveDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competitors: Option<Vec<String>>,
    #[serde(rename = "lostReason")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub lost_reason: Option<Option<String>>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

/// A new opportunity.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct OpportunityInput {
    pub name: String,
    #[serde(rename = "customerId")]
    pub customer_id: ::uuid::Uuid,
    /// Pipeline stage of an opportunity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<super::types::OpportunityStage>,
    /// An amount in a given currency.
    pub amount: super::types::Money,
    /// Defaults to `0.1` when absent.
    #[serde(
        default = "default_opportunity_input_probability",
        skip_serializing_if = "Option::is_none"
    )]
    pub probability: Option<f32>,
    #[serde(rename = "expectedCloseDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_close_date: Option<::chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competitors: Option<Vec<String>>,
}

/// A page of opportunities.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct OpportunityList {
    pub items: Vec<super::types::Opportunity>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Pipeline stage of an opportunity.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum OpportunityStage {
    #[serde(rename = "qualification")]
    Qualification,
    #[serde(rename = "needs_analysis")]
    NeedsAnalysis,
    #[serde(rename = "proposal")]
    Proposal,
    #[serde(rename = "negotiation")]
    Negotiation,
    #[serde(rename = "closed_won")]
    ClosedWon,
    #[serde(rename = "closed_lost")]
    ClosedLost,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl OpportunityStage {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Qualification => "qualification",
            Self::NeedsAnalysis => "needs_analysis",
            Self::Proposal => "proposal",
            Self::Negotiation => "negotiation",
            Self::ClosedWon => "closed_won",
            Self::ClosedLost => "closed_lost",
            Self::Unknown(other) => other,
        }
    }
}

/// Move of an opportunity to another pipeline stage.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct OpportunityStageChange {
    /// Pipeline stage of an opportunity.
    pub stage: super::types::OpportunityStage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f32>,
    /// Required when `stage` is `closed_lost`.
    #[serde(rename = "lostReason")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub lost_reason: Option<Option<String>>,
}

/// Lifecycle state of a sales order.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum OrderStatus {
    #[serde(rename = "draft")]
    Draft,
    #[serde(rename = "confirmed")]
    Confirmed,
    #[serde(rename = "partially_shipped")]
    PartiallyShipped,
    #[serde(rename = "shipped")]
    Shipped,
    #[serde(rename = "invoiced")]
    Invoiced,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl OrderStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Draft => "draft",
            Self::Confirmed => "confirmed",
            Self::PartiallyShipped => "partially_shipped",
            Self::Shipped => "shipped",
            Self::Invoiced => "invoiced",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

/// One physical package of a shipment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Package {
    #[serde(rename = "weightKg")]
    pub weight_kg: f32,
    /// Outer dimensions in centimetres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<super::types::Dimensions>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Paging information of a list response.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PageInfo {
    /// Cursor of the next page; null on the last page.
    #[serde(rename = "nextCursor")]
    pub next_cursor: Option<String>,
    /// Page size that was applied.
    pub limit: i32,
    /// Approximate total number of matching items.
    #[serde(rename = "totalEstimate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_estimate: Option<i64>,
}

/// The legal party behind a contact or customer.
#[derive(Debug, Clone, PartialEq)]
pub enum Party {
    /// `kind`: `"person"`.
    PersonParty(super::types::PersonParty),
    /// `kind`: `"company"`.
    CompanyParty(super::types::CompanyParty),
    /// A member this SDK does not know (the API may have added it since), as
    /// received.
    Unknown(::serde_json::Value),
}

impl Party {
    /// The value of the `kind` tag this variant is written with.
    pub fn tag(&self) -> Option<&str> {
        match self {
            Self::PersonParty(_) => Some("person"),
            Self::CompanyParty(_) => Some("company"),
            Self::Unknown(value) => {
                value.get("kind").and_then(::serde_json::Value::as_str)
            }
        }
    }
}

impl ::serde::Serialize for Party {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            Self::PersonParty(member) => {
                serialize_tagged(serializer, "kind", "person", member)
            }

            Self::CompanyParty(member) => {
                serialize_tagged(serializer, "kind", "company", member)
            }

            Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Party {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let (tag, value) = deserialize_tagged(deserializer, "kind")?;
        let member = match tag.as_str() {
            "person" => ::serde_json::from_value(value).map(Self::PersonParty),
            "company" => ::serde_json::from_value(value).map(Self::CompanyParty),
            _ => Ok(Self::Unknown(value)),
        };
        member.map_err(::serde::de::Error::custom)
    }
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum PersonPartyKind {
    #[serde(rename = "person")]
    Person,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl PersonPartyKind {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Person => "person",
            Self::Unknown(other) => other,
        }
    }
}

/// A natural person.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PersonParty {
    /// The tag of this type in the union [`Party`]: `"person"`.
    pub kind: super::types::PersonPartyKind,
    pub id: ::uuid::Uuid,
    #[serde(rename = "givenName")]
    pub given_name: String,
    #[serde(rename = "familyName")]
    pub family_name: String,
    #[serde(rename = "dateOfBirth")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub date_of_birth: Option<Option<::chrono::NaiveDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
}

/// A list of items a warehouse worker collects for shipment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PickList {
    pub id: ::uuid::Uuid,
    /// State of a pick list.
    pub status: super::types::PickListStatus,
    #[serde(rename = "assignedTo")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub assigned_to: Option<Option<::uuid::Uuid>>,
    #[serde(rename = "shipmentId")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipment_id: Option<::uuid::Uuid>,
    pub lines: Vec<super::types::PickListLine>,
    #[serde(rename = "dueAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<::chrono::DateTime<::chrono::Utc>>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

/// Picked quantities, by line number.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PickListCompletion {
    /// Picked quantity keyed by line number.
    #[serde(rename = "pickedQuantities")]
    pub picked_quantities: ::std::collections::BTreeMap<String, i64>,
    #[serde(rename = "completedBy")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_by: Option<::uuid::Uuid>,
}

/// One SKU to pick.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PickListLine {
    #[serde(rename = "lineNumber")]
    pub line_number: i32,
    #[serde(rename = "stockItemId")]
    pub stock_item_id: ::uuid::Uuid,
    #[serde(rename = "locationId")]
    pub location_id: ::uuid::Uuid,
    #[serde(rename = "quantityRequested")]
    pub quantity_requested: i64,
    /// Defaults to `0` when absent.
    #[serde(rename = "quantityPicked")]
    #[serde(
        default = "default_pick_list_line_quantity_picked",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity_picked: Option<i64>,
}

/// A page of pick lists.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PickListList {
    pub items: Vec<super::types::PickList>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// State of a pick list.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum PickListStatus {
    #[serde(rename = "open")]
    Open,
    #[serde(rename = "in_progress")]
    InProgress,
    #[serde(rename = "completed")]
    Completed,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl PickListStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

/// A component quantity, either numeric (in the item's unit) or a textual instruction such as "as required" for consumables.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum QuantityOrText {
    Number(f64),
    String(String),
}

/// A page of sales order summaries.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct SalesOrderList {
    pub items: Vec<super::types::SalesOrderSummary>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// Summary of a sales order.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct SalesOrderSummary {
    pub id: ::uuid::Uuid,
    #[serde(rename = "orderNumber")]
    pub order_number: String,
    /// Lifecycle state of a sales order.
    pub status: super::types::OrderStatus,
    #[serde(rename = "orderDate")]
    pub order_date: ::chrono::NaiveDate,
    #[serde(rename = "requestedDeliveryDate")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub requested_delivery_date: Option<Option<::chrono::NaiveDate>>,
    /// An amount in a given currency.
    pub total: super::types::Money,
    #[serde(rename = "lineCount")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_count: Option<i32>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ServiceStatusStatus {
    #[serde(rename = "operational")]
    Operational,
    #[serde(rename = "degraded")]
    Degraded,
    #[serde(rename = "unavailable")]
    Unavailable,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ServiceStatusStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Operational => "operational",
            Self::Degraded => "degraded",
            Self::Unavailable => "unavailable",
            Self::Unknown(other) => other,
        }
    }
}

/// Availability of the CRM module and its dependencies.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ServiceStatus {
    pub status: super::types::ServiceStatusStatus,
    pub version: String,
    #[serde(rename = "checkedAt")]
    pub checked_at: ::chrono::DateTime<::chrono::Utc>,
    /// Health of each dependency, keyed by component name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<
        ::std::collections::BTreeMap<String, super::types::ComponentHealth>,
    >,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ShipmentServiceLevel {
    #[serde(rename = "economy")]
    Economy,
    #[serde(rename = "standard")]
    Standard,
    #[serde(rename = "express")]
    Express,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ShipmentServiceLevel {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Economy => "economy",
            Self::Standard => "standard",
            Self::Express => "express",
            Self::Unknown(other) => other,
        }
    }
}

/// An outbound shipment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Shipment {
    pub id: ::uuid::Uuid,
    #[serde(rename = "salesOrderId")]
    pub sales_order_id: ::uuid::Uuid,
    /// Parcel or freight carrier.
    pub carrier: super::types::Carrier,
    #[serde(rename = "serviceLevel")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_level: Option<super::types::ShipmentServiceLevel>,
    /// State of an outbound shipment.
    pub status: super::types::ShipmentStatus,
    /// Null until the carrier has confirmed the booking.
    #[serde(rename = "trackingNumber")]
    pub tracking_number: Option<String>,
    /// Postal address.
    #[serde(rename = "shipTo")]
    pub ship_to: super::types::Address,
    pub packages: Vec<super::types::Package>,
    #[serde(rename = "shippedAt")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub shipped_at: Option<Option<::chrono::DateTime<::chrono::Utc>>>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ShipmentInputServiceLevel {
    #[serde(rename = "economy")]
    Economy,
    #[serde(rename = "standard")]
    Standard,
    #[serde(rename = "express")]
    Express,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ShipmentInputServiceLevel {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Economy => "economy",
            Self::Standard => "standard",
            Self::Express => "express",
            Self::Unknown(other) => other,
        }
    }
}

/// A new outbound shipment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ShipmentInput {
    #[serde(rename = "salesOrderId")]
    pub sales_order_id: ::uuid::Uuid,
    /// Parcel or freight carrier.
    pub carrier: super::types::Carrier,
    /// Defaults to `"standard"` when absent.
    #[serde(rename = "serviceLevel")]
    #[serde(
        default = "default_shipment_input_service_level",
        skip_serializing_if = "Option::is_none"
    )]
    pub service_level: Option<super::types::ShipmentInputServiceLevel>,
    /// Postal address.
    #[serde(rename = "shipTo")]
    pub ship_to: super::types::Address,
    pub packages: Vec<super::types::Package>,
    #[serde(rename = "requestedPickupDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_pickup_date: Option<::chrono::NaiveDate>,
    /// An amount in a given currency.
    #[serde(rename = "insuredValue")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insured_value: Option<super::types::Money>,
}

/// A page of shipments.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ShipmentList {
    pub items: Vec<super::types::Shipment>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

/// State of an outbound shipment.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum ShipmentStatus {
    #[serde(rename = "draft")]
    Draft,
    #[serde(rename = "booked")]
    Booked,
    #[serde(rename = "picked_up")]
    PickedUp,
    #[serde(rename = "in_transit")]
    InTransit,
    #[serde(rename = "delivered")]
    Delivered,
    #[serde(rename = "returned")]
    Returned,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl ShipmentStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Draft => "draft",
            Self::Booked => "booked",
            Self::PickedUp => "picked_up",
            Self::InTransit => "in_transit",
            Self::Delivered => "delivered",
            Self::Returned => "returned",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

/// Carrier label of a shipment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ShippingLabel {
    #[serde(rename = "shipmentId")]
    pub shipment_id: ::uuid::Uuid,
    /// Encoding of a shipping label.
    ///
    /// Defaults to `"pdf"` when absent.
    pub format: super::types::LabelFormat,
    /// Base64-encoded label document.
    #[serde(rename = "labelData")]
    pub label_data: super::types::Base64Bytes,
    #[serde(rename = "trackingNumber")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    #[serde(rename = "createdAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum StockAdjustmentReason {
    #[serde(rename = "cycle_count")]
    CycleCount,
    #[serde(rename = "damage")]
    Damage,
    #[serde(rename = "shrinkage")]
    Shrinkage,
    #[serde(rename = "customer_return")]
    CustomerReturn,
    #[serde(rename = "correction")]
    Correction,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl StockAdjustmentReason {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::CycleCount => "cycle_count",
            Self::Damage => "damage",
            Self::Shrinkage => "shrinkage",
            Self::CustomerReturn => "customer_return",
            Self::Correction => "correction",
            Self::Unknown(other) => other,
        }
    }
}

/// Change of the on-hand quantity of a stock item.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct StockAdjustment {
    /// Signed quantity change; must not be zero.
    pub delta: i64,
    pub reason: super::types::StockAdjustmentReason,
    #[serde(rename = "lotNumber")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub lot_number: Option<Option<String>>,
    /// External reference, e.g. a count sheet number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "occurredAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurred_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

/// Outcome of a booked adjustment.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct StockAdjustmentResult {
    #[serde(rename = "adjustmentId")]
    pub adjustment_id: ::uuid::Uuid,
    /// Stock of one SKU at one location.
    #[serde(rename = "stockItem")]
    pub stock_item: super::types::StockItem,
    /// An amount in a given currency.
    #[serde(rename = "valuationChange")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valuation_change: Option<super::types::Money>,
}

/// Stock of one SKU at one location.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct StockItem {
    pub id: ::uuid::Uuid,
    pub sku: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "locationId")]
    pub location_id: ::uuid::Uuid,
    #[serde(rename = "quantityOnHand")]
    pub quantity_on_hand: i64,
    #[serde(rename = "quantityReserved")]
    pub quantity_reserved: i64,
    #[serde(rename = "quantityAvailable")]
    pub quantity_available: i64,
    pub unit: String,
    #[serde(rename = "reorderPoint")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub reorder_point: Option<Option<i64>>,
    #[serde(rename = "lotNumbers")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lot_numbers: Option<Vec<String>>,
    /// An amount in a given currency.
    #[serde(rename = "unitCost")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<super::types::Money>,
    #[serde(rename = "weightKg")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f32>,
    /// Outer dimensions in centimetres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<super::types::Dimensions>,
    #[serde(rename = "lastCountedAt")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub last_counted_at: Option<Option<::chrono::DateTime<::chrono::Utc>>>,
}

/// A page of stock items.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct StockItemList {
    pub items: Vec<super::types::StockItem>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum TelemetryReadingQuality {
    #[serde(rename = "good")]
    Good,
    #[serde(rename = "uncertain")]
    Uncertain,
    #[serde(rename = "bad")]
    Bad,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl TelemetryReadingQuality {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Good => "good",
            Self::Uncertain => "uncertain",
            Self::Bad => "bad",
            Self::Unknown(other) => other,
        }
    }
}

/// Latest value of one sensor.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct TelemetryReading {
    pub value: f64,
    pub unit: String,
    pub quality: super::types::TelemetryReadingQuality,
    #[serde(rename = "thresholdHigh")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub threshold_high: Option<Option<f32>>,
    #[serde(rename = "sampledAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sampled_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

/// A movement of stock between two locations.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Transfer {
    pub id: ::uuid::Uuid,
    /// State of a stock transfer.
    pub status: super::types::TransferStatus,
    #[serde(rename = "fromLocationId")]
    pub from_location_id: ::uuid::Uuid,
    #[serde(rename = "toLocationId")]
    pub to_location_id: ::uuid::Uuid,
    pub lines: Vec<super::types::TransferLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "completedAt")]
    pub completed_at: Option<::chrono::DateTime<::chrono::Utc>>,
}

/// A new stock transfer.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct TransferInput {
    #[serde(rename = "fromLocationId")]
    pub from_location_id: ::uuid::Uuid,
    #[serde(rename = "toLocationId")]
    pub to_location_id: ::uuid::Uuid,
    pub lines: Vec<super::types::TransferLine>,
    #[serde(rename = "scheduledAt")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<::chrono::DateTime<::chrono::Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One SKU moved by a transfer.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct TransferLine {
    #[serde(rename = "stockItemId")]
    pub stock_item_id: ::uuid::Uuid,
    pub quantity: i64,
    #[serde(rename = "quantityMoved")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_moved: Option<i64>,
}

/// State of a stock transfer.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum TransferStatus {
    #[serde(rename = "requested")]
    Requested,
    #[serde(rename = "in_transit")]
    InTransit,
    #[serde(rename = "completed")]
    Completed,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl TransferStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Requested => "requested",
            Self::InTransit => "in_transit",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

/// CRM event type that can be subscribed to.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum WebhookEvent {
    #[serde(rename = "contact.created")]
    ContactCreated,
    #[serde(rename = "contact.updated")]
    ContactUpdated,
    #[serde(rename = "contact.deleted")]
    ContactDeleted,
    #[serde(rename = "customer.created")]
    CustomerCreated,
    #[serde(rename = "opportunity.created")]
    OpportunityCreated,
    #[serde(rename = "opportunity.stage_changed")]
    OpportunityStageChanged,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl WebhookEvent {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::ContactCreated => "contact.created",
            Self::ContactUpdated => "contact.updated",
            Self::ContactDeleted => "contact.deleted",
            Self::CustomerCreated => "customer.created",
            Self::OpportunityCreated => "opportunity.created",
            Self::OpportunityStageChanged => "opportunity.stage_changed",
            Self::Unknown(other) => other,
        }
    }
}

/// A webhook subscription (the signing secret is never returned).
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WebhookSubscription {
    pub id: ::uuid::Uuid,
    pub url: String,
    pub events: Vec<super::types::WebhookEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub active: bool,
    /// Last four characters of the signing secret, for identification.
    #[serde(rename = "secretLastFour")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_last_four: Option<String>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

/// A new webhook subscription.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WebhookSubscriptionInput {
    /// HTTPS endpoint receiving the events.
    pub url: String,
    pub events: Vec<super::types::WebhookEvent>,
    /// Shared secret used to sign every delivery (HMAC-SHA256).
    #[serde(rename = "signingSecret")]
    pub signing_secret: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Defaults to `true` when absent.
    #[serde(
        default = "default_webhook_subscription_input_active",
        skip_serializing_if = "Option::is_none"
    )]
    pub active: Option<bool>,
}

/// An order to manufacture a quantity of a product.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrder {
    pub id: ::uuid::Uuid,
    pub number: String,
    #[serde(rename = "productId")]
    pub product_id: ::uuid::Uuid,
    #[serde(rename = "quantityPlanned")]
    pub quantity_planned: i64,
    /// Defaults to `0` when absent.
    #[serde(rename = "quantityCompleted")]
    pub quantity_completed: i64,
    /// Defaults to `0` when absent.
    #[serde(rename = "quantityScrapped")]
    #[serde(
        default = "default_work_order_quantity_scrapped",
        skip_serializing_if = "Option::is_none"
    )]
    pub quantity_scrapped: Option<i64>,
    /// Lifecycle state of a work order.
    pub state: super::types::WorkOrderState,
    /// 1 is most urgent.
    ///
    /// Defaults to `3` when absent.
    #[serde(
        default = "default_work_order_priority",
        skip_serializing_if = "Option::is_none"
    )]
    pub priority: Option<i32>,
    #[serde(rename = "plannedStart")]
    pub planned_start: ::chrono::DateTime<::chrono::Utc>,
    /// Null until the order has been scheduled.
    #[serde(rename = "plannedEnd")]
    pub planned_end: Option<::chrono::DateTime<::chrono::Utc>>,
    #[serde(rename = "dueDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<::chrono::NaiveDate>,
    #[serde(rename = "salesOrderId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub sales_order_id: Option<Option<::uuid::Uuid>>,
    /// Routing operations in execution order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations: Option<Vec<super::types::WorkOrderOperation>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub notes: Option<Option<String>>,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
}

/// Reason and options for cancelling a work order.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrderCancellation {
    pub reason: String,
    /// Defaults to `false` when absent.
    #[serde(rename = "scrapIssuedMaterial")]
    #[serde(
        default = "default_work_order_cancellation_scrap_issued_material",
        skip_serializing_if = "Option::is_none"
    )]
    pub scrap_issued_material: Option<bool>,
}

/// A new work order.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrderInput {
    #[serde(rename = "productId")]
    pub product_id: ::uuid::Uuid,
    #[serde(rename = "quantityPlanned")]
    pub quantity_planned: i64,
    #[serde(rename = "plannedStart")]
    pub planned_start: ::chrono::DateTime<::chrono::Utc>,
    #[serde(rename = "dueDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<::chrono::NaiveDate>,
    /// Defaults to `3` when absent.
    #[serde(
        default = "default_work_order_input_priority",
        skip_serializing_if = "Option::is_none"
    )]
    pub priority: Option<i32>,
    #[serde(rename = "salesOrderId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub sales_order_id: Option<Option<::uuid::Uuid>>,
    #[serde(rename = "bomRevision")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bom_revision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A page of work orders.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrderList {
    pub items: Vec<super::types::WorkOrder>,
    /// Paging information of a list response.
    pub page: super::types::PageInfo,
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum WorkOrderOperationStatus {
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "running")]
    Running,
    #[serde(rename = "done")]
    Done,
    #[serde(rename = "skipped")]
    Skipped,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl WorkOrderOperationStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Done => "done",
            Self::Skipped => "skipped",
            Self::Unknown(other) => other,
        }
    }
}

/// One routing step of a work order.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrderOperation {
    pub sequence: i32,
    #[serde(rename = "workCenterId")]
    pub work_center_id: ::uuid::Uuid,
    #[serde(rename = "machineId")]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub machine_id: Option<Option<::uuid::Uuid>>,
    pub description: String,
    /// Defaults to `0` when absent.
    #[serde(rename = "setupMinutes")]
    #[serde(
        default = "default_work_order_operation_setup_minutes",
        skip_serializing_if = "Option::is_none"
    )]
    pub setup_minutes: Option<f32>,
    #[serde(rename = "runMinutesPerUnit")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_minutes_per_unit: Option<f64>,
    pub status: super::types::WorkOrderOperationStatus,
}

/// Only these transitions can be requested directly.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum WorkOrderPatchState {
    #[serde(rename = "released")]
    Released,
    #[serde(rename = "on_hold")]
    OnHold,
    #[serde(rename = "in_progress")]
    InProgress,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl WorkOrderPatchState {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Released => "released",
            Self::OnHold => "on_hold",
            Self::InProgress => "in_progress",
            Self::Unknown(other) => other,
        }
    }
}

/// Partial update of a work order; absent properties are unchanged.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct WorkOrderPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(rename = "dueDate")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<::chrono::NaiveDate>,
    #[serde(rename = "plannedStart")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_start: Option<::chrono::DateTime<::chrono::Utc>>,
    /// Only these transitions can be requested directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<super::types::WorkOrderPatchState>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub notes: Option<Option<String>>,
}

/// Lifecycle state of a work order.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum WorkOrderState {
    #[serde(rename = "planned")]
    Planned,
    #[serde(rename = "released")]
    Released,
    #[serde(rename = "in_progress")]
    InProgress,
    #[serde(rename = "on_hold")]
    OnHold,
    #[serde(rename = "completed")]
    Completed,
    #[serde(rename = "cancelled")]
    Cancelled,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl WorkOrderState {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Planned => "planned",
            Self::Released => "released",
            Self::InProgress => "in_progress",
            Self::OnHold => "on_hold",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    ::serde::Serialize,
    ::serde::Deserialize
)]
pub enum GetContactIncludeItem {
    #[serde(rename = "owner")]
    Owner,
    #[serde(rename = "customFields")]
    CustomFields,
    #[serde(rename = "lastActivity")]
    LastActivity,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl GetContactIncludeItem {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Owner => "owner",
            Self::CustomFields => "customFields",
            Self::LastActivity => "lastActivity",
            Self::Unknown(other) => other,
        }
    }
}

/// Bytes that travel as base64 text (`format: byte`). Written with the standard
/// alphabet and padding; read in the standard or URL-safe alphabet, padded or
/// not, line breaks ignored, as APIs differ on all three.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// The bytes as base64 text, as they are written on the wire.
    pub fn to_base64(&self) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
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

        (bits < 6).then_some(Base64Bytes(out))
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl AsRef<[u8]> for Base64Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl ::serde::Serialize for Base64Bytes {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> ::serde::Deserialize<'de> for Base64Bytes {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
        Base64Bytes::from_base64(&text)
            .ok_or_else(|| {
                ::serde::de::Error::invalid_value(
                    ::serde::de::Unexpected::Str(&text),
                    &"base64 text",
                )
            })
    }
}

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
        return Err(
            ::serde::ser::Error::custom(
                format_args!("a member of a union tagged by `{tag}` is not an object"),
            ),
        );
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
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(
        deserializer,
    )?;
    let found = match value.get(tag) {
        Some(::serde_json::Value::String(found)) => found.clone(),
        Some(_) => {
            return Err(
                ::serde::de::Error::custom(
                    format_args!("the `{tag}` tag is not a string"),
                ),
            );
        }

        None => return Err(::serde::de::Error::missing_field(tag)),
    };
    Ok((found, value))
}

/// Keeps "absent" (`None`) and "null" (`Some(None)`) apart for optional,
/// nullable fields.
fn double_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::Deserialize<'de>,
{
    <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
}

fn default_bom_item_scrap_factor() -> Option<f32> {
    Some(0.0)
}

fn default_bom_item_phantom() -> Option<bool> {
    Some(false)
}

fn default_contact_preferred_language() -> Option<String> {
    Some("en".to_owned())
}

fn default_contact_marketing_opt_in() -> Option<bool> {
    Some(false)
}

fn default_contact_input_preferred_language() -> Option<String> {
    Some("en".to_owned())
}

fn default_contact_input_marketing_opt_in() -> Option<bool> {
    Some(false)
}

fn default_contact_search_query_sort() -> Option<super::types::ContactSearchQuerySort> {
    Some(super::types::ContactSearchQuerySort::Relevance)
}

fn default_contact_search_query_limit() -> Option<i32> {
    Some(25)
}

fn default_customer_preferred_language() -> Option<String> {
    Some("en".to_owned())
}

fn default_customer_marketing_opt_in() -> Option<bool> {
    Some(false)
}

fn default_location_temperature_controlled() -> Option<bool> {
    Some(false)
}

fn default_mailbox_connection_input_imap_port() -> Option<i32> {
    Some(993)
}

fn default_mailbox_connection_input_use_tls() -> Option<bool> {
    Some(true)
}

fn default_maintenance_request_estimated_duration_minutes() -> Option<i32> {
    Some(60)
}

fn default_note_pinned() -> Option<bool> {
    Some(false)
}

fn default_note_input_pinned() -> Option<bool> {
    Some(false)
}

fn default_opportunity_input_probability() -> Option<f32> {
    Some(0.1)
}

fn default_pick_list_line_quantity_picked() -> Option<i64> {
    Some(0)
}

fn default_shipment_input_service_level() -> Option<
    super::types::ShipmentInputServiceLevel,
> {
    Some(super::types::ShipmentInputServiceLevel::Standard)
}

fn default_webhook_subscription_input_active() -> Option<bool> {
    Some(true)
}

fn default_work_order_quantity_scrapped() -> Option<i64> {
    Some(0)
}

fn default_work_order_priority() -> Option<i32> {
    Some(3)
}

fn default_work_order_cancellation_scrap_issued_material() -> Option<bool> {
    Some(false)
}

fn default_work_order_input_priority() -> Option<i32> {
    Some(3)
}

fn default_work_order_operation_setup_minutes() -> Option<f32> {
    Some(0.0)
}
