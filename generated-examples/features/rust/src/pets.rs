//! Operations tagged `pets`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Pets<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Pets<'a> {
    /// List pets
    ///
    /// Lists pets. A comment terminator */ and a code block must not break docs:
    /// ```text
    /// fetch('/pets')
    /// ```
    /// indented code is flattened
    ///
    /// `GET /pets`
    pub fn list_pets(&self) -> ListPetsRequest {
        let call = self.client.inner.call("features", "listPets").idempotent(true);
        ListPetsRequest { call }
    }

    /// Create a pet
    ///
    /// `POST /pets`
    pub fn create_pet(&self, body: CreatePetBody) -> CreatePetRequest {
        let call = self.client.inner.call("features", "createPet").idempotent(false);
        let call = match body {
            CreatePetBody::Json(body) => call.json(&body),
            CreatePetBody::Form(body) => call.form(&body),
        };
        CreatePetRequest { call }
    }

    /// `DELETE /pets/{petId}`
    #[deprecated]
    pub fn delete_pet(&self, pet_id: ::uuid::Uuid) -> DeletePetRequest {
        let call = self.client.inner.call("features", "deletePet").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "petId", &pet_id);
        DeletePetRequest { call }
    }

    /// `PUT /pets/{petId}/form`
    pub fn replace_pet_form(&self, pet_id: String) -> ReplacePetFormRequest {
        let call = self.client.inner.call("features", "replacePetForm").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "petId", &pet_id);
        ReplacePetFormRequest { call }
    }

    /// Accepts the same note in four media types.
    ///
    /// `PUT /pets/{petId}/notes`
    pub fn annotate_pet(&self, pet_id: String) -> AnnotatePetRequest {
        let call = self.client.inner.call("features", "annotatePet").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "petId", &pet_id);
        AnnotatePetRequest { call }
    }

    /// A member of a tagged union, used on its own.
    ///
    /// `GET /dogs/{dogId}`
    pub fn get_dog(&self, dog_id: String) -> GetDogRequest {
        let call = self.client.inner.call("features", "getDog").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "dogId", &dog_id);
        GetDogRequest { call }
    }
}

/// A `listPets` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListPetsRequest {
    call: ::poly_runtime::Call,
}

impl ListPetsRequest {
    /// Defaults to `20` when not set.
    pub fn limit(mut self, value: i32) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "limit", &value);
        self
    }

    pub fn status(mut self, value: super::types::PetStatus) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
        self
    }

    pub fn tags(mut self, value: Vec<String>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "tags", &value);
        self
    }

    pub fn x_trace(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Header, "X-Trace", &value);
        self
    }

    pub fn session(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Cookie, "session", &value);
        self
    }

    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<Vec<super::types::Pet>, super::CallError<ListPetsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<Vec<super::types::Pet>>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListPetsError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListPetsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listPets`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListPetsError {
    /// Bad request.
    Status400(super::types::Problem),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createPet` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreatePetRequest {
    call: ::poly_runtime::Call,
}

impl CreatePetRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<CreatePetResponse, super::CallError<CreatePetError>> {
        let response = self.call.send().await?;
        match response.status() {
            201 => Ok(CreatePetResponse::Status201(response.json().await?)),
            202 => Ok(CreatePetResponse::Status202(response.json().await?)),
            400..=499 => {
                Err(
                    super::CallError::Upstream(
                        CreatePetError::Status4XX(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreatePetError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The request body of `createPet`, in one of the media types it accepts.
#[derive(Debug)]
pub enum CreatePetBody {
    /// As `application/json`.
    Json(super::types::NewPet),
    /// As `application/x-www-form-urlencoded`.
    Form(super::types::NewPet),
}

/// The successful outcomes of `createPet`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreatePetResponse {
    Status201(super::types::Pet),
    Status202(super::types::CreatePetResponse202),
}

/// The documented failures of `createPet`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreatePetError {
    /// Client error.
    Status4XX(super::types::Problem),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `deletePet` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct DeletePetRequest {
    call: ::poly_runtime::Call,
}

#[allow(deprecated)]
impl DeletePetRequest {
    pub fn type_(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "type", &value);
        self
    }

    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<DeletePetError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            status => {
                Err(
                    super::CallError::Upstream(DeletePetError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `deletePet`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum DeletePetError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `replacePetForm` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ReplacePetFormRequest {
    call: ::poly_runtime::Call,
}

impl ReplacePetFormRequest {
    /// The request body.
    pub fn body(mut self, body: super::types::ReplacePetFormBody) -> Self {
        let call = self.call;
        self.call = call.form(&body);
        self
    }

    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<ReplacePetFormError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            status => {
                Err(
                    super::CallError::Upstream(ReplacePetFormError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `replacePetForm`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplacePetFormError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `annotatePet` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct AnnotatePetRequest {
    call: ::poly_runtime::Call,
}

impl AnnotatePetRequest {
    /// The request body.
    pub fn body(mut self, body: AnnotatePetBody) -> Self {
        let call = self.call;
        self.call = match body {
            AnnotatePetBody::Json(body) => call.json(&body),
            AnnotatePetBody::MergePatchJson(body) => {
                match ::serde_json::to_vec(&body) {
                    Ok(bytes) => call.body("application/merge-patch+json", bytes.into()),
                    Err(_) => call.json(&body),
                }
            }

            AnnotatePetBody::TextPlain(body) => call.body("text/plain", body),
            AnnotatePetBody::Multipart(body) => {
                let (content_type, body) = body.into_body();
                call.body(&content_type, body)
            }
        };
        self
    }

    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<AnnotatePetError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            status => {
                Err(
                    super::CallError::Upstream(AnnotatePetError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The request body of `annotatePet`, in one of the media types it accepts.
#[derive(Debug)]
pub enum AnnotatePetBody {
    /// As `application/json`.
    Json(super::types::Note),
    /// As `application/merge-patch+json`.
    MergePatchJson(super::types::Note),
    /// As `text/plain`.
    TextPlain(::poly_runtime::Body),
    /// As `multipart/form-data`.
    Multipart(::poly_runtime::Multipart),
}

/// The documented failures of `annotatePet`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnotatePetError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getDog` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetDogRequest {
    call: ::poly_runtime::Call,
}

impl GetDogRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<super::types::Dog, super::CallError<GetDogError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Dog>().await?),
            status => {
                Err(
                    super::CallError::Upstream(GetDogError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getDog`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetDogError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
