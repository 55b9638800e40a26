//! Operations tagged `files`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Files<'a> {
    /// List files
    ///
    /// Returns metadata of stored files, newest first.
    ///
    /// `GET /files/objects`
    pub fn list_files(&self) -> ListFilesRequest {
        let call = self.client.inner.call("erp", "listFiles").idempotent(true);
        ListFilesRequest { call }
    }

    /// Get file metadata
    ///
    /// Returns the metadata of a stored file (not its content).
    ///
    /// `GET /files/objects/{fileId}`
    pub fn get_file_metadata(&self, file_id: ::uuid::Uuid) -> GetFileMetadataRequest {
        let call = self.client.inner.call("erp", "getFileMetadata").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "fileId", &file_id);
        GetFileMetadataRequest { call }
    }

    /// Delete a file
    ///
    /// Deletes a file. Files under legal retention (`retentionUntil` in the future) cannot be deleted (409).
    ///
    /// `DELETE /files/objects/{fileId}`
    pub fn delete_file(&self, file_id: ::uuid::Uuid) -> DeleteFileRequest {
        let call = self.client.inner.call("erp", "deleteFile").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "fileId", &file_id);
        DeleteFileRequest { call }
    }

    /// Download a file
    ///
    /// Streams the content of a file. Single byte ranges are supported via the `Range` header.
    ///
    /// `GET /files/objects/{fileId}/content`
    pub fn download_file(&self, file_id: ::uuid::Uuid) -> DownloadFileRequest {
        let call = self.client.inner.call("erp", "downloadFile").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "fileId", &file_id);
        let call = call.accept("application/octet-stream");
        DownloadFileRequest { call }
    }
}

/// A `listFiles` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListFilesRequest {
    call: ::poly_runtime::Call,
}

impl ListFilesRequest {
    /// Maximum number of items to return in one page.
    ///
    /// Defaults to `50` when not set.
    pub fn limit(mut self, value: i32) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "limit", &value);
        self
    }

    /// Opaque cursor from the `nextCursor` of the previous page.
    pub fn cursor(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "cursor", &value);
        self
    }

    /// Only return files linked to this business object.
    pub fn linked_entity_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "linkedEntityId", &value);
        self
    }

    /// Only return files carrying all of these labels, each given as `key:value`.
    pub fn label(mut self, value: Vec<String>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "label", &value);
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
    ) -> Result<super::types::FileList, super::CallError<ListFilesError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::FileList>().await?),
            status => {
                Err(
                    super::CallError::Upstream(ListFilesError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listFiles`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListFilesError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getFileMetadata` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetFileMetadataRequest {
    call: ::poly_runtime::Call,
}

impl GetFileMetadataRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::FileMetadata, super::CallError<GetFileMetadataError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::FileMetadata>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetFileMetadataError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetFileMetadataError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getFileMetadata`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetFileMetadataError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `deleteFile` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct DeleteFileRequest {
    call: ::poly_runtime::Call,
}

impl DeleteFileRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<DeleteFileError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            404 => {
                Err(
                    super::CallError::Upstream(
                        DeleteFileError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        DeleteFileError::Status409(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(DeleteFileError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `deleteFile`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum DeleteFileError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `downloadFile` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct DownloadFileRequest {
    call: ::poly_runtime::Call,
}

impl DownloadFileRequest {
    /// Single byte range to return, e.g. `bytes=0-1023`.
    pub fn range(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Header, "Range", &value);
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
    ) -> Result<::poly_runtime::Response, super::CallError<DownloadFileError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response),
            404 => {
                Err(
                    super::CallError::Upstream(
                        DownloadFileError::Status404(response.json().await?),
                    ),
                )
            }

            416 => {
                Err(
                    super::CallError::Upstream(
                        DownloadFileError::Status416(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(DownloadFileError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `downloadFile`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum DownloadFileError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The requested byte range lies outside the file.
    Status416(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
