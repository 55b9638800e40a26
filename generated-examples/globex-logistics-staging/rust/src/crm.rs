//! Operations tagged `crm`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Crm<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Crm<'a> {
    /// Get service status
    ///
    /// Public health endpoint reporting the availability of the CRM module and its dependencies. Requires no authentication.
    ///
    /// `GET /crm/status`
    pub fn get_service_status(&self) -> GetServiceStatusRequest {
        let call = self.client.inner.call("erp", "getServiceStatus").idempotent(true);
        GetServiceStatusRequest { call }
    }

    /// List contacts
    ///
    /// Returns a page of contacts of the tenant company, most recently updated first. Filters are combined with a logical AND; the values of a repeated `status` parameter are combined with a logical OR.
    ///
    /// `GET /crm/contacts`
    pub fn list_contacts(&self) -> ListContactsRequest {
        let call = self.client.inner.call("erp", "listContacts").idempotent(true);
        ListContactsRequest { call }
    }

    /// Create a contact
    ///
    /// Creates a new contact. Besides JSON, the endpoint accepts classic HTML form posts (`application/x-www-form-urlencoded`) so that web-to-lead forms can submit directly; nested objects are then encoded in deepObject style (e.g. `address[city]=Lyon`).
    ///
    /// `POST /crm/contacts`
    pub fn create_contact(&self, body: CreateContactBody) -> CreateContactRequest {
        let call = self.client.inner.call("erp", "createContact").idempotent(false);
        let call = match body {
            CreateContactBody::Json(body) => call.json(&body),
            CreateContactBody::Form(body) => call.form(&body),
        };
        CreateContactRequest { call }
    }

    /// Search contacts
    ///
    /// Full-text and structured search over contacts. Uses POST because the query document can be larger than practical URL lengths.
    ///
    /// `POST /crm/contacts/search`
    pub fn search_contacts(
        &self,
        body: super::types::ContactSearchQuery,
    ) -> SearchContactsRequest {
        let call = self.client.inner.call("erp", "searchContacts").idempotent(false);
        let call = call.json(&body);
        SearchContactsRequest { call }
    }

    /// Look up a contact by e-mail address
    ///
    /// Returns the single contact with the given e-mail address. Deprecated since 2.2: use `searchContacts` with an `email` filter, which also handles several contacts sharing an address.
    ///
    /// `GET /crm/contact-lookup`
    #[deprecated]
    pub fn lookup_contact_by_email(&self, email: String) -> LookupContactByEmailRequest {
        let call = self
            .client
            .inner
            .call("erp", "lookupContactByEmail")
            .idempotent(true);
        let call = call.param(::poly_runtime::Location::Query, "email", &email);
        LookupContactByEmailRequest {
            call,
        }
    }

    /// Get a contact
    ///
    /// Returns one contact by its identifier.
    ///
    /// `GET /crm/contacts/{contactId}`
    pub fn get_contact(&self, contact_id: ::uuid::Uuid) -> GetContactRequest {
        let call = self.client.inner.call("erp", "getContact").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "contactId", &contact_id);
        GetContactRequest { call }
    }

    /// Replace a contact
    ///
    /// Replaces all writable fields of a contact. When the contact is linked to an external directory the update is applied asynchronously and the call answers `202` with a job handle instead of the updated contact.
    ///
    /// `PUT /crm/contacts/{contactId}`
    pub fn update_contact(
        &self,
        contact_id: ::uuid::Uuid,
        body: super::types::ContactInput,
    ) -> UpdateContactRequest {
        let call = self.client.inner.call("erp", "updateContact").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "contactId", &contact_id);
        let call = call.json(&body);
        UpdateContactRequest { call }
    }

    /// List notes of a contact
    ///
    /// Returns the activity notes attached to a contact, newest first.
    ///
    /// `GET /crm/contacts/{contactId}/notes`
    pub fn list_contact_notes(
        &self,
        contact_id: ::uuid::Uuid,
    ) -> ListContactNotesRequest {
        let call = self.client.inner.call("erp", "listContactNotes").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "contactId", &contact_id);
        ListContactNotesRequest { call }
    }

    /// Add a note to a contact
    ///
    /// Attaches a free-text activity note to a contact.
    ///
    /// `POST /crm/contacts/{contactId}/notes`
    pub fn add_contact_note(
        &self,
        contact_id: ::uuid::Uuid,
        body: super::types::NoteInput,
    ) -> AddContactNoteRequest {
        let call = self.client.inner.call("erp", "addContactNote").idempotent(false);
        let call = call.param(::poly_runtime::Location::Path, "contactId", &contact_id);
        let call = call.json(&body);
        AddContactNoteRequest { call }
    }

    /// List customers
    ///
    /// Returns a page of customers, i.e. contacts with a commercial relationship (customer number, credit limit, payment terms).
    ///
    /// `GET /crm/customers`
    pub fn list_customers(&self) -> ListCustomersRequest {
        let call = self.client.inner.call("erp", "listCustomers").idempotent(true);
        ListCustomersRequest { call }
    }

    /// Get a customer
    ///
    /// Returns one customer, including its commercial terms.
    ///
    /// `GET /crm/customers/{customerId}`
    pub fn get_customer(&self, customer_id: ::uuid::Uuid) -> GetCustomerRequest {
        let call = self.client.inner.call("erp", "getCustomer").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "customerId", &customer_id);
        GetCustomerRequest { call }
    }

    /// List sales orders of a customer
    ///
    /// Returns summaries of the customer's sales orders, newest first.
    ///
    /// `GET /crm/customers/{customerId}/orders`
    pub fn list_customer_orders(
        &self,
        customer_id: ::uuid::Uuid,
    ) -> ListCustomerOrdersRequest {
        let call = self.client.inner.call("erp", "listCustomerOrders").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "customerId", &customer_id);
        ListCustomerOrdersRequest { call }
    }

    /// Download an invoice as PDF
    ///
    /// Renders the invoice with the tenant's invoice layout.
    ///
    /// `GET /crm/invoices/{invoiceId}/document`
    pub fn download_invoice_pdf(
        &self,
        invoice_id: ::uuid::Uuid,
    ) -> DownloadInvoicePdfRequest {
        let call = self.client.inner.call("erp", "downloadInvoicePdf").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "invoiceId", &invoice_id);
        let call = call.accept("application/pdf");
        DownloadInvoicePdfRequest { call }
    }

    /// List opportunities
    ///
    /// Returns a page of sales opportunities.
    ///
    /// `GET /crm/opportunities`
    pub fn list_opportunities(&self) -> ListOpportunitiesRequest {
        let call = self.client.inner.call("erp", "listOpportunities").idempotent(true);
        ListOpportunitiesRequest { call }
    }

    /// Create an opportunity
    ///
    /// Opens a new sales opportunity for an existing customer. Without an explicit `stage` the opportunity starts in `qualification`.
    ///
    /// `POST /crm/opportunities`
    pub fn create_opportunity(
        &self,
        body: super::types::OpportunityInput,
    ) -> CreateOpportunityRequest {
        let call = self.client.inner.call("erp", "createOpportunity").idempotent(false);
        let call = call.json(&body);
        CreateOpportunityRequest { call }
    }

    /// Move an opportunity to another stage
    ///
    /// Moves an opportunity through the sales pipeline. Closed opportunities (`closed_won`, `closed_lost`) cannot be reopened (409).
    ///
    /// `PATCH /crm/opportunities/{opportunityId}/stage`
    pub fn update_opportunity_stage(
        &self,
        opportunity_id: ::uuid::Uuid,
        body: super::types::OpportunityStageChange,
    ) -> UpdateOpportunityStageRequest {
        let call = self
            .client
            .inner
            .call("erp", "updateOpportunityStage")
            .idempotent(false);
        let call = call
            .param(::poly_runtime::Location::Path, "opportunityId", &opportunity_id);
        let call = call.json(&body);
        UpdateOpportunityStageRequest {
            call,
        }
    }

    /// Get a party
    ///
    /// Returns the legal party (a natural person or a company) behind a contact or customer. The `kind` property tells which.
    ///
    /// `GET /crm/parties/{partyId}`
    pub fn get_party(&self, party_id: ::uuid::Uuid) -> GetPartyRequest {
        let call = self.client.inner.call("erp", "getParty").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "partyId", &party_id);
        GetPartyRequest { call }
    }
}

/// A `getServiceStatus` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetServiceStatusRequest {
    call: ::poly_runtime::Call,
}

impl GetServiceStatusRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::ServiceStatus, super::CallError<GetServiceStatusError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::ServiceStatus>().await?),
            503 => {
                Err(
                    super::CallError::Upstream(
                        GetServiceStatusError::Status503(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetServiceStatusError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getServiceStatus`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetServiceStatusError {
    /// The service is unavailable.
    Status503(super::types::ServiceStatus),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listContacts` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListContactsRequest {
    call: ::poly_runtime::Call,
}

impl ListContactsRequest {
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

    /// Only return contacts in one of these states.
    pub fn status(mut self, value: Vec<super::types::ContactStatus>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
        self
    }

    /// Only return contacts carrying this tag.
    pub fn tag(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "tag", &value);
        self
    }

    /// Only return contacts updated at or after this instant.
    pub fn updated_since(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "updatedSince", &value);
        self
    }

    /// Identifier of a saved list view set by the Northwind web client. When present, the view's column and sort settings are applied.
    pub fn nw_saved_view(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Cookie, "nw_saved_view", &value);
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
    ) -> Result<super::types::ContactList, super::CallError<ListContactsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::ContactList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListContactsError::Status400(response.json().await?),
                    ),
                )
            }

            401 => {
                Err(
                    super::CallError::Upstream(
                        ListContactsError::Status401(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListContactsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listContacts`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListContactsError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// Credentials are missing or invalid.
    Status401(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createContact` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreateContactRequest {
    call: ::poly_runtime::Call,
}

impl CreateContactRequest {
    /// Client-chosen unique key; retrying a request with the same key within 24 hours returns the original response instead of creating a duplicate.
    pub fn idempotency_key(mut self, value: String) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "Idempotency-Key", &value);
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
    ) -> Result<super::types::Contact, super::CallError<CreateContactError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Contact>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        CreateContactError::Status400(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        CreateContactError::Status409(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CreateContactError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreateContactError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The request body of `createContact`, in one of the media types it accepts.
#[derive(Debug)]
pub enum CreateContactBody {
    /// As `application/json`.
    Json(super::types::ContactInput),
    /// As `application/x-www-form-urlencoded`.
    Form(super::types::ContactInput),
}

/// The documented failures of `createContact`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateContactError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `searchContacts` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct SearchContactsRequest {
    call: ::poly_runtime::Call,
}

impl SearchContactsRequest {
    /// Opaque cursor from the `nextCursor` of the previous page.
    pub fn cursor(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "cursor", &value);
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
    ) -> Result<super::types::ContactList, super::CallError<SearchContactsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::ContactList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        SearchContactsError::Status400(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        SearchContactsError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(SearchContactsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `searchContacts`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchContactsError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `lookupContactByEmail` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct LookupContactByEmailRequest {
    call: ::poly_runtime::Call,
}

#[allow(deprecated)]
impl LookupContactByEmailRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Contact, super::CallError<LookupContactByEmailError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Contact>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        LookupContactByEmailError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(LookupContactByEmailError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `lookupContactByEmail`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupContactByEmailError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getContact` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetContactRequest {
    call: ::poly_runtime::Call,
}

impl GetContactRequest {
    /// Related resources to embed in the response.
    pub fn include(mut self, value: Vec<super::types::GetContactIncludeItem>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "include", &value);
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
    ) -> Result<super::types::Contact, super::CallError<GetContactError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Contact>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetContactError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetContactError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getContact`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetContactError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `updateContact` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct UpdateContactRequest {
    call: ::poly_runtime::Call,
}

impl UpdateContactRequest {
    /// ETag of the version being modified (optimistic locking).
    pub fn if_match(mut self, value: String) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "If-Match", &value);
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
    ) -> Result<UpdateContactResponse, super::CallError<UpdateContactError>> {
        let response = self.call.send().await?;
        match response.status() {
            200 => Ok(UpdateContactResponse::Status200(response.json().await?)),
            202 => Ok(UpdateContactResponse::Status202(response.json().await?)),
            400 => {
                Err(
                    super::CallError::Upstream(
                        UpdateContactError::Status400(response.json().await?),
                    ),
                )
            }

            404 => {
                Err(
                    super::CallError::Upstream(
                        UpdateContactError::Status404(response.json().await?),
                    ),
                )
            }

            412 => {
                Err(
                    super::CallError::Upstream(
                        UpdateContactError::Status412(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        UpdateContactError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(UpdateContactError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The successful outcomes of `updateContact`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateContactResponse {
    Status200(super::types::Contact),
    Status202(super::types::JobAccepted),
}

/// The documented failures of `updateContact`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateContactError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The `If-Match` ETag does not match the current version.
    Status412(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listContactNotes` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListContactNotesRequest {
    call: ::poly_runtime::Call,
}

impl ListContactNotesRequest {
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

    /// Only return pinned notes.
    ///
    /// Defaults to `false` when not set.
    pub fn pinned_only(mut self, value: bool) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "pinnedOnly", &value);
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
    ) -> Result<super::types::NoteList, super::CallError<ListContactNotesError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::NoteList>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        ListContactNotesError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListContactNotesError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listContactNotes`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListContactNotesError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `addContactNote` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct AddContactNoteRequest {
    call: ::poly_runtime::Call,
}

impl AddContactNoteRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Note, super::CallError<AddContactNoteError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Note>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        AddContactNoteError::Status400(response.json().await?),
                    ),
                )
            }

            404 => {
                Err(
                    super::CallError::Upstream(
                        AddContactNoteError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(AddContactNoteError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `addContactNote`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum AddContactNoteError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listCustomers` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListCustomersRequest {
    call: ::poly_runtime::Call,
}

impl ListCustomersRequest {
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

    /// Only return customers in any of these segments.
    pub fn segment(mut self, value: Vec<String>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "segment", &value);
        self
    }

    /// Minimum lifetime value, in the tenant's base currency.
    pub fn min_lifetime_value(mut self, value: f64) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "minLifetimeValue", &value);
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
    ) -> Result<super::types::CustomerList, super::CallError<ListCustomersError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::CustomerList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListCustomersError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListCustomersError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listCustomers`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListCustomersError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getCustomer` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetCustomerRequest {
    call: ::poly_runtime::Call,
}

impl GetCustomerRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Customer, super::CallError<GetCustomerError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Customer>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetCustomerError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetCustomerError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getCustomer`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetCustomerError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listCustomerOrders` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListCustomerOrdersRequest {
    call: ::poly_runtime::Call,
}

impl ListCustomerOrdersRequest {
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

    /// Only return orders in one of these states.
    pub fn status(mut self, value: Vec<super::types::OrderStatus>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
        self
    }

    /// Only return orders placed on or after this date.
    pub fn ordered_from(mut self, value: ::chrono::NaiveDate) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "orderedFrom", &value);
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
    ) -> Result<
        super::types::SalesOrderList,
        super::CallError<ListCustomerOrdersError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::SalesOrderList>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        ListCustomerOrdersError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListCustomerOrdersError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listCustomerOrders`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListCustomerOrdersError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `downloadInvoicePdf` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct DownloadInvoicePdfRequest {
    call: ::poly_runtime::Call,
}

impl DownloadInvoicePdfRequest {
    /// Language used for the invoice labels.
    ///
    /// Defaults to `"en"` when not set.
    pub fn accept_language(mut self, value: String) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "Accept-Language", &value);
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
    ) -> Result<::poly_runtime::Response, super::CallError<DownloadInvoicePdfError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response),
            404 => {
                Err(
                    super::CallError::Upstream(
                        DownloadInvoicePdfError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(DownloadInvoicePdfError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `downloadInvoicePdf`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum DownloadInvoicePdfError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listOpportunities` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListOpportunitiesRequest {
    call: ::poly_runtime::Call,
}

impl ListOpportunitiesRequest {
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

    /// Only return opportunities in one of these stages.
    pub fn stage(mut self, value: Vec<super::types::OpportunityStage>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "stage", &value);
        self
    }

    /// Only return opportunities of this customer.
    pub fn customer_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "customerId", &value);
        self
    }

    /// Only return opportunities expected to close before this date.
    pub fn closing_before(mut self, value: ::chrono::NaiveDate) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "closingBefore", &value);
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
    ) -> Result<
        super::types::OpportunityList,
        super::CallError<ListOpportunitiesError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::OpportunityList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListOpportunitiesError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListOpportunitiesError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listOpportunities`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListOpportunitiesError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createOpportunity` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreateOpportunityRequest {
    call: ::poly_runtime::Call,
}

impl CreateOpportunityRequest {
    /// Client-chosen unique key; retrying a request with the same key within 24 hours returns the original response instead of creating a duplicate.
    pub fn idempotency_key(mut self, value: String) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "Idempotency-Key", &value);
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
    ) -> Result<super::types::Opportunity, super::CallError<CreateOpportunityError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Opportunity>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        CreateOpportunityError::Status400(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CreateOpportunityError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreateOpportunityError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `createOpportunity`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateOpportunityError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `updateOpportunityStage` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct UpdateOpportunityStageRequest {
    call: ::poly_runtime::Call,
}

impl UpdateOpportunityStageRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<
        super::types::Opportunity,
        super::CallError<UpdateOpportunityStageError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Opportunity>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        UpdateOpportunityStageError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        UpdateOpportunityStageError::Status409(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        UpdateOpportunityStageError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(UpdateOpportunityStageError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `updateOpportunityStage`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateOpportunityStageError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getParty` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetPartyRequest {
    call: ::poly_runtime::Call,
}

impl GetPartyRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Party, super::CallError<GetPartyError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Party>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetPartyError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetPartyError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getParty`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetPartyError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
