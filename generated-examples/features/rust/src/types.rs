//! The data types of the operations this tenant may call.

#![allow(clippy::enum_variant_names)]
#[allow(unused_imports)]
use super::types;

/// Named like `Box`, a keyword-to-be and a prelude type.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Box2 {
    /// Defaults to `0.5` when absent.
    #[serde(
        default = "default_box2_weight_tare",
        skip_serializing_if = "Option::is_none"
    )]
    pub weight_tare: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<super::types::String2>,
    /// Recursive through an `allOf` wrapper and through an inline object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<super::types::Category>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Cat {
    /// The tag of this type in the union [`Kind`]: `"cat"`.
    pub species: String,
    /// Defaults to `9` when absent.
    #[serde(default = "default_cat_lives", skip_serializing_if = "Option::is_none")]
    pub lives: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct CategoryOrigin {
    /// Recursive through an `allOf` wrapper and through an inline object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<super::types::Category>,
}

/// Recursive through an `allOf` wrapper and through an inline object.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Category {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The enclosing category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Box<super::types::Category>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<super::types::CategoryOrigin>>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Dog {
    /// The tag of this type in the union [`Kind`]: `"dog"` or `"puppy"`.
    pub species: String,
    /// Defaults to `true` when absent.
    pub barks: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `species`: `"dog"` or `"puppy"`.
    Dog(super::types::Dog),
    /// `species`: `"cat"`.
    Cat(super::types::Cat),
    /// A member this SDK does not know (the API may have added it since), as
    /// received.
    Unknown(::serde_json::Value),
}

impl Kind {
    /// The value of the `species` tag this variant is written with.
    pub fn tag(&self) -> Option<&str> {
        match self {
            Self::Dog(_) => Some("dog"),
            Self::Cat(_) => Some("cat"),
            Self::Unknown(value) => {
                value.get("species").and_then(::serde_json::Value::as_str)
            }
        }
    }
}

impl ::serde::Serialize for Kind {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match self {
            Self::Dog(member) => serialize_tagged(serializer, "species", "dog", member),
            Self::Cat(member) => serialize_tagged(serializer, "species", "cat", member),
            Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Kind {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Self, D::Error> {
        let (tag, value) = deserialize_tagged(deserializer, "species")?;
        let member = match tag.as_str() {
            "dog" | "puppy" => ::serde_json::from_value(value).map(Self::Dog),
            "cat" => ::serde_json::from_value(value).map(Self::Cat),
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
    /// Defaults to `"blue"` when absent.
    #[serde(
        default = "default_new_pet_collar_color",
        skip_serializing_if = "Option::is_none"
    )]
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
    pub photo: Option<super::types::Base64Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnails: Option<Vec<super::types::Base64Bytes>>,
    /// A default beside a reference.
    ///
    /// Defaults to `"available"` when absent.
    #[serde(default = "default_new_pet_status", skip_serializing_if = "Option::is_none")]
    pub status: Option<super::types::PetStatus>,
    /// Defaults to `false` when absent.
    #[serde(
        default = "default_new_pet_vaccinated",
        skip_serializing_if = "Option::is_none"
    )]
    pub vaccinated: Option<bool>,
    /// Defaults to `-1` when absent.
    #[serde(default = "default_new_pet_rank", skip_serializing_if = "Option::is_none")]
    pub rank: Option<i32>,
    /// Defaults to `0.5` when absent.
    #[serde(default = "default_new_pet_score", skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Defaults to `"hi \"there\""` when absent.
    #[serde(
        default = "default_new_pet_greeting",
        skip_serializing_if = "Option::is_none"
    )]
    pub greeting: Option<String>,
    /// Nullable with a default.
    ///
    /// Defaults to `"brown"` when absent.
    #[serde(
        default = "default_new_pet_coat",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub coat: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub motto: Option<Option<String>>,
    /// Defaults to `"2020-01-01"` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<::chrono::NaiveDate>,
    /// Deprecated by the API.
    #[serde(rename = "oldCode")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collar: Option<super::types::NewPetCollar>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Note {
    pub text: String,
    /// Defaults to `true` when absent.
    #[serde(default = "default_note_pinned", skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct Option2 {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<super::types::String2>,
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
    /// Defaults to `"blue"` when absent.
    #[serde(
        default = "default_pet_collar_color",
        skip_serializing_if = "Option::is_none"
    )]
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
    pub photo: Option<super::types::Base64Bytes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnails: Option<Vec<super::types::Base64Bytes>>,
    /// A default beside a reference.
    ///
    /// Defaults to `"available"` when absent.
    #[serde(default = "default_pet_status", skip_serializing_if = "Option::is_none")]
    pub status: Option<super::types::PetStatus>,
    /// Defaults to `false` when absent.
    #[serde(default = "default_pet_vaccinated", skip_serializing_if = "Option::is_none")]
    pub vaccinated: Option<bool>,
    /// Defaults to `-1` when absent.
    #[serde(default = "default_pet_rank", skip_serializing_if = "Option::is_none")]
    pub rank: Option<i32>,
    /// Defaults to `0.5` when absent.
    #[serde(default = "default_pet_score", skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Defaults to `"hi \"there\""` when absent.
    #[serde(default = "default_pet_greeting", skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    /// Nullable with a default.
    ///
    /// Defaults to `"brown"` when absent.
    #[serde(
        default = "default_pet_coat",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub coat: Option<Option<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "double_option"
    )]
    pub motto: Option<Option<String>>,
    /// Defaults to `"2020-01-01"` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<::chrono::NaiveDate>,
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
pub enum String2 {
    #[serde(rename = "plain")]
    Plain,
    #[serde(rename = "fancy")]
    Fancy,
    /// A value this SDK does not know (the API may have added it since).
    #[serde(untagged)]
    Unknown(String),
}

impl String2 {
    /// The value as it is written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Plain => "plain",
            Self::Fancy => "fancy",
            Self::Unknown(other) => other,
        }
    }
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

fn default_box2_weight_tare() -> Option<f64> {
    Some(0.5)
}

fn default_cat_lives() -> Option<i64> {
    Some(9)
}

fn default_new_pet_status() -> Option<super::types::PetStatus> {
    Some(super::types::PetStatus::Available)
}

fn default_new_pet_vaccinated() -> Option<bool> {
    Some(false)
}

fn default_new_pet_rank() -> Option<i32> {
    Some(-1)
}

fn default_new_pet_score() -> Option<f64> {
    Some(0.5)
}

fn default_new_pet_greeting() -> Option<String> {
    Some("hi \"there\"".to_owned())
}

fn default_new_pet_coat() -> Option<Option<String>> {
    Some(Some("brown".to_owned()))
}

fn default_new_pet_collar_color() -> Option<super::types::NewPetCollarColor> {
    Some(super::types::NewPetCollarColor::Blue)
}

fn default_note_pinned() -> Option<bool> {
    Some(true)
}

fn default_pet_status() -> Option<super::types::PetStatus> {
    Some(super::types::PetStatus::Available)
}

fn default_pet_vaccinated() -> Option<bool> {
    Some(false)
}

fn default_pet_rank() -> Option<i32> {
    Some(-1)
}

fn default_pet_score() -> Option<f64> {
    Some(0.5)
}

fn default_pet_greeting() -> Option<String> {
    Some("hi \"there\"".to_owned())
}

fn default_pet_coat() -> Option<Option<String>> {
    Some(Some("brown".to_owned()))
}

fn default_pet_collar_color() -> Option<super::types::PetCollarColor> {
    Some(super::types::PetCollarColor::Blue)
}
