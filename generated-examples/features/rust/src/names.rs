//! Operations tagged `names`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Names<'a> {
    /// Its id differs from the next operation's only in case.
    ///
    /// `GET /crates/{crateId}`
    pub fn get_oauth_crate(
        &self,
        crate_id: String,
        body_param: String,
    ) -> GetOauthCrateRequest {
        let call = self.client.inner.call("features", "getOAuthCrate").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "crateId", &crate_id);
        let call = call.param(::poly_runtime::Location::Header, "body", &body_param);
        GetOauthCrateRequest { call }
    }

    /// `PUT /crates/{crateId}`
    pub fn get_oauth_crate2(
        &self,
        crate_id: String,
        body: super::types::String2,
    ) -> GetOauthCrate2Request {
        let call = self.client.inner.call("features", "getOauthCrate").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "crateId", &crate_id);
        let call = call.json(&body);
        GetOauthCrate2Request { call }
    }
}

/// A `getOAuthCrate` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetOauthCrateRequest {
    call: ::poly_runtime::Call,
}

impl GetOauthCrateRequest {
    /// Named like the builder's own setter.
    pub fn timeout_param(mut self, value: i64) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "timeout", &value);
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
    ) -> Result<super::types::Box2, super::CallError<GetOauthCrateError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Box2>().await?),
            status => {
                Err(
                    super::CallError::Upstream(GetOauthCrateError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getOAuthCrate`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetOauthCrateError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getOauthCrate` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetOauthCrate2Request {
    call: ::poly_runtime::Call,
}

impl GetOauthCrate2Request {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Option2, super::CallError<GetOauthCrate2Error>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Option2>().await?),
            status => {
                Err(
                    super::CallError::Upstream(GetOauthCrate2Error::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getOauthCrate`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetOauthCrate2Error {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
