//! The upstream's answer, as relayed by the proxy.

use std::fmt;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use tokio::time::{timeout_at, Instant};

use crate::error::{Error, TransportError};

/// An upstream response (`Poly-Origin: upstream`), whatever its status.
///
/// The call's deadline keeps running while the body is read (protocol §11), so a
/// stalled download ends in [`Error::Timeout`] rather than hanging the caller.
pub struct Response {
    inner: reqwest::Response,
    request_id: Option<String>,
    deadline: Instant,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status())
            .field("request_id", &self.request_id)
            .finish_non_exhaustive()
    }
}

impl Response {
    pub(crate) fn new(inner: reqwest::Response, deadline: Instant) -> Response {
        let request_id = inner
            .headers()
            .get("poly-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Response {
            inner,
            request_id,
            deadline,
        }
    }

    pub fn status(&self) -> u16 {
        self.inner.status().as_u16()
    }

    /// The headers the proxy let through (protocol §8.1), plus its `Poly-*` headers.
    pub fn headers(&self) -> &http::HeaderMap {
        self.inner.headers()
    }

    /// The id the proxy logged the call under (`Poly-Request-Id`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    pub fn content_type(&self) -> Option<&str> {
        self.headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The whole body.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        match timeout_at(self.deadline, self.inner.bytes()).await {
            Ok(Ok(bytes)) => Ok(bytes),
            Ok(Err(e)) => Err(body_error(e)),
            Err(_) => Err(Error::Timeout),
        }
    }

    /// The whole body as UTF-8 text.
    pub async fn text(self) -> Result<String, Error> {
        let status = self.status();
        let bytes = self.bytes().await?;
        String::from_utf8(bytes.into()).map_err(|e| Error::Decode {
            status,
            message: e.to_string(),
        })
    }

    /// The whole body as JSON of type `T`.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        let status = self.status();
        let bytes = self.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Decode {
            status,
            message: e.to_string(),
        })
    }

    /// The body chunk by chunk, for downloads that should not be held in memory.
    ///
    /// A body that is cut off ends with [`Error::Incomplete`], never with a silent end
    /// of stream; once the deadline passes the stream yields [`Error::Timeout`] and ends.
    pub fn bytes_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send + 'static {
        let deadline = self.deadline;
        let chunks = Box::pin(self.inner.bytes_stream());
        futures_util::stream::unfold(Some(chunks), move |state| async move {
            let mut chunks = state?;
            match timeout_at(deadline, chunks.next()).await {
                Ok(None) => None,
                Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(chunks))),
                Ok(Some(Err(e))) => Some((Err(body_error(e)), None)),
                Err(_) => Some((Err(Error::Timeout), None)),
            }
        })
    }
}

/// Any failure while reading a body whose head already arrived means the body is
/// incomplete (protocol §8.4): the proxy aborts the connection to signal exactly that.
fn body_error(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout
    } else {
        Error::Incomplete(TransportError::from_reqwest(error))
    }
}
