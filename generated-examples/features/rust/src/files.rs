//! Operations tagged `files`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Files<'a> {
    /// `POST /files`
    pub fn upload_raw(&self, body: ::poly_runtime::Body) -> UploadRawRequest {
        let call = self.client.inner.call("features", "uploadRaw").idempotent(false);
        let call = call.body("application/octet-stream", body);
        UploadRawRequest { call }
    }

    /// `POST /files/multipart`
    pub fn upload_multipart(
        &self,
        body: ::poly_runtime::Multipart,
    ) -> UploadMultipartRequest {
        let call = self
            .client
            .inner
            .call("features", "uploadMultipart")
            .idempotent(false);
        let call = {
            let (content_type, body) = body.into_body();
            call.body(&content_type, body)
        };
        UploadMultipartRequest { call }
    }

    /// `GET /files/{fileId}`
    pub fn download_file(&self, file_id: String) -> DownloadFileRequest {
        let call = self.client.inner.call("features", "downloadFile").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "fileId", &file_id);
        let call = call.accept("application/octet-stream");
        DownloadFileRequest { call }
    }
}

/// A `uploadRaw` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct UploadRawRequest {
    call: ::poly_runtime::Call,
}

impl UploadRawRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<UploadRawError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            status => {
                Err(
                    super::CallError::Upstream(UploadRawError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `uploadRaw`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadRawError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `uploadMultipart` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct UploadMultipartRequest {
    call: ::poly_runtime::Call,
}

impl UploadMultipartRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(self) -> Result<(), super::CallError<UploadMultipartError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(()),
            status => {
                Err(
                    super::CallError::Upstream(UploadMultipartError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `uploadMultipart`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UploadMultipartError {
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
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
