//! Request bodies: bytes the runtime may resend, streams it may not, and multipart
//! encoding for operations that take files.

use std::fmt;
use std::io;
use std::pin::Pin;

use bytes::{BufMut, Bytes, BytesMut};
use futures_util::Stream;
use rand::distr::{Alphanumeric, SampleString};
use serde::Serialize;

pub(crate) type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, io::Error>> + Send>>;

/// A request body, sent to the upstream unchanged (protocol §6).
///
/// The distinction that matters is replayability: bytes in memory can be sent again
/// when a call is retried, a stream cannot, so a call with a stream body is never
/// retried (protocol §11).
pub struct Body {
    pub(crate) inner: BodyInner,
}

pub(crate) enum BodyInner {
    Empty,
    Bytes(Bytes),
    Stream(ByteStream),
    /// Encoding failed while the body was being built; `send` reports it as
    /// [`Error::Encode`](crate::Error::Encode) so that builder methods can stay
    /// infallible.
    Invalid(String),
}

impl Body {
    pub fn empty() -> Body {
        Body {
            inner: BodyInner::Empty,
        }
    }

    /// A body produced while it is sent, e.g. a file read in chunks, so that large
    /// uploads need not fit in memory. Sent with chunked framing; never retried.
    pub fn from_stream<S>(stream: S) -> Body
    where
        S: Stream<Item = Result<Bytes, io::Error>> + Send + 'static,
    {
        Body {
            inner: BodyInner::Stream(Box::pin(stream)),
        }
    }

    pub fn is_stream(&self) -> bool {
        matches!(self.inner, BodyInner::Stream(_))
    }

    /// The length, when known before sending.
    pub fn len(&self) -> Option<usize> {
        match &self.inner {
            BodyInner::Empty => Some(0),
            BodyInner::Bytes(b) => Some(b.len()),
            BodyInner::Stream(_) | BodyInner::Invalid(_) => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    pub(crate) fn invalid(message: String) -> Body {
        Body {
            inner: BodyInner::Invalid(message),
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

/// Shows the kind and size only: bodies can hold personal data.
impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            BodyInner::Empty => f.write_str("Body(empty)"),
            BodyInner::Bytes(b) => write!(f, "Body({} bytes)", b.len()),
            BodyInner::Stream(_) => f.write_str("Body(stream)"),
            BodyInner::Invalid(_) => f.write_str("Body(invalid)"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Body {
        Body {
            inner: BodyInner::Bytes(bytes),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body::from(Bytes::from(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Body {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Body {
        Body::from(Bytes::from_static(bytes))
    }
}

/// A `multipart/form-data` body (RFC 7578), built in memory so that it can be retried.
///
/// The protocol makes the runtime build multipart bodies itself and the proxy pass
/// them through unchanged, so the encoding here is what the upstream parses.
#[derive(Default)]
pub struct Multipart {
    parts: Vec<Part>,
    error: Option<String>,
}

struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Bytes,
}

impl fmt::Debug for Multipart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.parts.iter().map(|p| p.name.as_str()).collect();
        f.debug_struct("Multipart").field("parts", &names).finish()
    }
}

impl Multipart {
    pub fn new() -> Multipart {
        Multipart::default()
    }

    /// A plain text field (implicitly `text/plain; charset=UTF-8`).
    pub fn text(mut self, name: &str, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.to_owned(),
            filename: None,
            content_type: None,
            data: Bytes::from(value.into()),
        });
        self
    }

    /// A field holding a JSON document, with `Content-Type: application/json`.
    pub fn json<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(data) => self.parts.push(Part {
                name: name.to_owned(),
                filename: None,
                content_type: Some("application/json".to_owned()),
                data: Bytes::from(data),
            }),
            Err(e) => self.fail(format!("multipart field {name:?}: {e}")),
        }
        self
    }

    /// A file field.
    pub fn bytes(
        mut self,
        name: &str,
        filename: &str,
        content_type: &str,
        data: impl Into<Bytes>,
    ) -> Self {
        // A CR or LF here would let the value add headers to the part.
        if http::HeaderValue::from_str(content_type).is_err() {
            self.fail(format!(
                "multipart field {name:?}: the content type is not a valid header value"
            ));
            return self;
        }
        self.parts.push(Part {
            name: name.to_owned(),
            filename: Some(filename.to_owned()),
            content_type: Some(content_type.to_owned()),
            data: data.into(),
        });
        self
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }

    /// The `Content-Type` (with its boundary) and the encoded body, ready for
    /// [`Call::body`](crate::Call::body). An encoding failure of a part surfaces when
    /// the call is sent.
    pub fn into_body(self) -> (String, Body) {
        let boundary = self.pick_boundary();
        let content_type = format!("multipart/form-data; boundary={boundary}");
        if let Some(error) = self.error {
            return (content_type, Body::invalid(error));
        }
        let mut out = BytesMut::new();
        for part in &self.parts {
            out.put_slice(b"--");
            out.put_slice(boundary.as_bytes());
            out.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.put_slice(escape_quoted(&part.name).as_bytes());
            out.put_slice(b"\"");
            if let Some(filename) = &part.filename {
                out.put_slice(b"; filename=\"");
                out.put_slice(escape_quoted(filename).as_bytes());
                out.put_slice(b"\"");
            }
            out.put_slice(b"\r\n");
            if let Some(ct) = &part.content_type {
                out.put_slice(b"Content-Type: ");
                out.put_slice(ct.as_bytes());
                out.put_slice(b"\r\n");
            }
            out.put_slice(b"\r\n");
            out.put_slice(&part.data);
            out.put_slice(b"\r\n");
        }
        out.put_slice(b"--");
        out.put_slice(boundary.as_bytes());
        out.put_slice(b"--\r\n");
        (content_type, Body::from(out.freeze()))
    }

    /// A random boundary that occurs in no part. With 32 random alphanumerics a
    /// collision is practically impossible, but checking is cheap and makes the
    /// encoding correct for adversarial content too.
    fn pick_boundary(&self) -> String {
        loop {
            let boundary = format!("poly-{}", Alphanumeric.sample_string(&mut rand::rng(), 32));
            let needle = boundary.as_bytes();
            let clash = self.parts.iter().any(|p| {
                p.data.windows(needle.len()).any(|w| w == needle)
                    || p.name.contains(&boundary)
                    || p.filename.as_deref().is_some_and(|f| f.contains(&boundary))
            });
            if !clash {
                return boundary;
            }
        }
    }
}

/// Names and filenames inside `"..."`, encoded as browsers do (WHATWG, as referenced
/// by RFC 7578): `"`, CR and LF become `%22`, `%0D`, `%0A`, so no value can end the
/// quoted string or start a new header line.
fn escape_quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(m: Multipart) -> (String, Vec<u8>) {
        let (ct, body) = m.into_body();
        match body.inner {
            BodyInner::Bytes(b) => (ct, b.to_vec()),
            other => panic!("unexpected body {:?}", Body { inner: other }),
        }
    }

    #[test]
    fn encodes_rfc7578() {
        let (ct, body) = encoded(
            Multipart::new()
                .text("note", "hi")
                .json("meta", &serde_json::json!({"a": 1}))
                .bytes(
                    "file",
                    "a.bin",
                    "application/octet-stream",
                    vec![0u8, 13, 10],
                ),
        );
        let boundary = ct
            .strip_prefix("multipart/form-data; boundary=")
            .expect("multipart content type");
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{{\"a\":1}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\0\r\n\r\n\
             --{b}--\r\n",
            b = boundary
        );
        assert_eq!(String::from_utf8_lossy(&body), expected);
    }

    #[test]
    fn quotes_cannot_break_out() {
        let (_, body) = encoded(Multipart::new().bytes(
            "f\"; x=\"y",
            "a\r\nContent-Type: text/html\r\n.txt",
            "text/plain",
            Bytes::from_static(b"x"),
        ));
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("name=\"f%22; x=%22y\""), "{text}");
        assert!(!text.contains("\r\nContent-Type: text/html"), "{text}");
    }

    #[test]
    fn errors_surface_as_invalid_bodies() {
        let (_, body) = Multipart::new()
            .bytes("f", "a", "text/plain\r\nX-Evil: 1", Bytes::new())
            .into_body();
        assert!(matches!(body.inner, BodyInner::Invalid(_)));
        let mut bad = std::collections::BTreeMap::new();
        bad.insert(vec![1u8], 1);
        let (_, body) = Multipart::new().json("m", &bad).into_body();
        assert!(matches!(body.inner, BodyInner::Invalid(_)));
    }
}
