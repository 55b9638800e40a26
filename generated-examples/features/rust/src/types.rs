//! The data types of the operations this tenant may call.

#![allow(clippy::enum_variant_names)]
#[allow(unused_imports)]
use super::types;

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Cat {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lives: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Dog {
    pub barks: bool,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(tag = "species")]
pub enum Kind {
    #[serde(rename = "dog")]
    Dog(super::types::Dog),
    #[serde(rename = "cat")]
    Cat(super::types::Cat),
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
pub enum NewPetCollarColor {
    #[serde(rename = "red")]
    Red,
    #[serde(rename = "blue")]
    Blue,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl NewPetCollarColor {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::Blue => "blue",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct NewPetCollar {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<super::types::NewPetCollarColor>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct NewPet {
    /// The name, e.g. "Rex".
    pub name: String,
    /// A field named after a keyword.
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    pub owner: Option<super::types::Owner>,
    /// Optional and nullable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub nickname: Option<Option<String>>,
    #[serde(rename = "weightKg")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legs: Option<i64>,
    pub kind: super::types::Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<super::types::Size>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<::std::collections::BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Where the pet is in its life at the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<super::types::PetStatus>,
    /// Deprecated by the API.
    #[serde(rename = "oldCode")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collar: Option<super::types::NewPetCollar>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Owner {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friends: Option<Vec<super::types::Owner>>,
    #[serde(rename = "bestFriend")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_friend: Option<Box<super::types::Owner>>,
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
pub enum PetCollarColor {
    #[serde(rename = "red")]
    Red,
    #[serde(rename = "blue")]
    Blue,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl PetCollarColor {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Red => "red",
            Self::Blue => "blue",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct PetCollar {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<super::types::PetCollarColor>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Pet {
    /// The name, e.g. "Rex".
    pub name: String,
    /// A field named after a keyword.
    #[serde(rename = "type")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    pub owner: Option<super::types::Owner>,
    /// Optional and nullable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub nickname: Option<Option<String>>,
    #[serde(rename = "weightKg")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legs: Option<i64>,
    pub kind: super::types::Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<super::types::Size>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<::std::collections::BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Where the pet is in its life at the shop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<super::types::PetStatus>,
    /// Deprecated by the API.
    #[serde(rename = "oldCode")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collar: Option<super::types::PetCollar>,
    pub id: ::uuid::Uuid,
    #[serde(rename = "createdAt")]
    pub created_at: ::chrono::DateTime<::chrono::Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<::chrono::NaiveDate>,
}

/// Where the pet is in its life at the shop.
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
pub enum PetStatus {
    #[serde(rename = "available")]
    Available,
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "sold")]
    Sold,
    #[serde(rename = "in-care")]
    InCare,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl PetStatus {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Available => "available",
            Self::Pending => "pending",
            Self::Sold => "sold",
            Self::InCare => "in-care",
            Self::Unknown(other) => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Problem {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct SizeVariant3 {
    pub width: f64,
    pub height: f64,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
#[serde(untagged)]
pub enum Size {
    Variant3(super::types::SizeVariant3),
    Number(f64),
    String(String),
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CreatePetResponse202 {
    #[serde(rename = "jobId")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<::uuid::Uuid>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct ReplacePetFormBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
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
