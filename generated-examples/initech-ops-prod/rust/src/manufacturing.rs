//! Operations tagged `manufacturing`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Manufacturing<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Manufacturing<'a> {
    /// List work orders
    ///
    /// Returns a page of work orders ordered by planned start.
    ///
    /// `GET /manufacturing/work-orders`
    pub fn list_work_orders(&self) -> ListWorkOrdersRequest {
        let call = self.client.inner.call("erp", "listWorkOrders").idempotent(true);
        ListWorkOrdersRequest { call }
    }

    /// Create a work order
    ///
    /// Creates a work order in state `planned`. If `autoSchedule` is set the order is scheduled against machine capacity asynchronously and the call answers `202` with a job handle.
    ///
    /// `POST /manufacturing/work-orders`
    pub fn create_work_order(
        &self,
        body: super::types::WorkOrderInput,
    ) -> CreateWorkOrderRequest {
        let call = self.client.inner.call("erp", "createWorkOrder").idempotent(false);
        let call = call.json(&body);
        CreateWorkOrderRequest { call }
    }

    /// Get a work order
    ///
    /// Returns one work order including its routing operations.
    ///
    /// `GET /manufacturing/work-orders/{workOrderId}`
    pub fn get_work_order(&self, work_order_id: ::uuid::Uuid) -> GetWorkOrderRequest {
        let call = self.client.inner.call("erp", "getWorkOrder").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "workOrderId", &work_order_id);
        GetWorkOrderRequest { call }
    }

    /// Update a work order
    ///
    /// Partially updates a work order. Only properties present in the body are changed; `notes: null` clears the notes.
    ///
    /// `PATCH /manufacturing/work-orders/{workOrderId}`
    pub fn update_work_order(
        &self,
        work_order_id: ::uuid::Uuid,
        body: super::types::WorkOrderPatch,
    ) -> UpdateWorkOrderRequest {
        let call = self.client.inner.call("erp", "updateWorkOrder").idempotent(false);
        let call = call
            .param(::poly_runtime::Location::Path, "workOrderId", &work_order_id);
        let call = call.json(&body);
        UpdateWorkOrderRequest { call }
    }

    /// Cancel a work order
    ///
    /// Cancels a work order that has not been completed. Reserved material is released; material already issued can optionally be scrapped.
    ///
    /// `POST /manufacturing/work-orders/{workOrderId}/cancel`
    pub fn cancel_work_order(
        &self,
        work_order_id: ::uuid::Uuid,
        body: super::types::WorkOrderCancellation,
    ) -> CancelWorkOrderRequest {
        let call = self.client.inner.call("erp", "cancelWorkOrder").idempotent(false);
        let call = call
            .param(::poly_runtime::Location::Path, "workOrderId", &work_order_id);
        let call = call.json(&body);
        CancelWorkOrderRequest { call }
    }

    /// Download the work-order traveller
    ///
    /// Renders the shop-floor traveller (routing, material list, barcodes) of a work order as a PDF document.
    ///
    /// `GET /manufacturing/work-orders/{workOrderId}/document`
    pub fn download_work_order_document(
        &self,
        work_order_id: ::uuid::Uuid,
    ) -> DownloadWorkOrderDocumentRequest {
        let call = self
            .client
            .inner
            .call("erp", "downloadWorkOrderDocument")
            .idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "workOrderId", &work_order_id);
        let call = call.accept("application/pdf");
        DownloadWorkOrderDocumentRequest {
            call,
        }
    }

    /// Get the bill of materials of a product
    ///
    /// Returns the multi-level bill of materials of a product. Sub-assemblies are expanded recursively up to `depth` levels.
    ///
    /// `GET /manufacturing/products/{productId}/bom`
    pub fn get_bill_of_materials(
        &self,
        product_id: ::uuid::Uuid,
    ) -> GetBillOfMaterialsRequest {
        let call = self.client.inner.call("erp", "getBillOfMaterials").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "productId", &product_id);
        GetBillOfMaterialsRequest { call }
    }

    /// List machines
    ///
    /// Returns the machines of the tenant's plants.
    ///
    /// `GET /manufacturing/machines`
    pub fn list_machines(&self) -> ListMachinesRequest {
        let call = self.client.inner.call("erp", "listMachines").idempotent(true);
        ListMachinesRequest { call }
    }

    /// Get a machine
    ///
    /// Returns one machine.
    ///
    /// `GET /manufacturing/machines/{machineId}`
    pub fn get_machine(&self, machine_id: ::uuid::Uuid) -> GetMachineRequest {
        let call = self.client.inner.call("erp", "getMachine").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "machineId", &machine_id);
        GetMachineRequest { call }
    }

    /// Get the latest machine telemetry
    ///
    /// Returns the most recent sensor readings of a machine, keyed by sensor name, plus its cumulative counters.
    ///
    /// `GET /manufacturing/machines/{machineId}/telemetry`
    pub fn get_machine_telemetry(
        &self,
        machine_id: ::uuid::Uuid,
    ) -> GetMachineTelemetryRequest {
        let call = self.client.inner.call("erp", "getMachineTelemetry").idempotent(true);
        let call = call.param(::poly_runtime::Location::Path, "machineId", &machine_id);
        GetMachineTelemetryRequest { call }
    }

    /// Schedule maintenance for a machine
    ///
    /// Creates a maintenance ticket. Overlapping maintenance windows on the same machine are rejected with 409.
    ///
    /// `POST /manufacturing/machines/{machineId}/maintenance`
    pub fn schedule_maintenance(
        &self,
        machine_id: ::uuid::Uuid,
        body: super::types::MaintenanceRequest,
    ) -> ScheduleMaintenanceRequest {
        let call = self
            .client
            .inner
            .call("erp", "scheduleMaintenance")
            .idempotent(false);
        let call = call.param(::poly_runtime::Location::Path, "machineId", &machine_id);
        let call = call.json(&body);
        ScheduleMaintenanceRequest { call }
    }
}

/// A `listWorkOrders` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListWorkOrdersRequest {
    call: ::poly_runtime::Call,
}

impl ListWorkOrdersRequest {
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

    /// Only return work orders in one of these states.
    pub fn state(mut self, value: Vec<super::types::WorkOrderState>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "state", &value);
        self
    }

    /// Only return work orders producing this product.
    pub fn product_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "productId", &value);
        self
    }

    /// Only return work orders due on or before this date.
    pub fn due_before(mut self, value: ::chrono::NaiveDate) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "dueBefore", &value);
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
    ) -> Result<super::types::WorkOrderList, super::CallError<ListWorkOrdersError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::WorkOrderList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListWorkOrdersError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListWorkOrdersError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listWorkOrders`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListWorkOrdersError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createWorkOrder` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreateWorkOrderRequest {
    call: ::poly_runtime::Call,
}

impl CreateWorkOrderRequest {
    /// Client-chosen unique key; retrying a request with the same key within 24 hours returns the original response instead of creating a duplicate.
    pub fn idempotency_key(mut self, value: String) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "Idempotency-Key", &value);
        self
    }

    /// Schedule the work order against capacity after creation.
    ///
    /// Defaults to `false` when not set.
    pub fn auto_schedule(mut self, value: bool) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "autoSchedule", &value);
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
    ) -> Result<CreateWorkOrderResponse, super::CallError<CreateWorkOrderError>> {
        let response = self.call.send().await?;
        match response.status() {
            201 => Ok(CreateWorkOrderResponse::Status201(response.json().await?)),
            202 => Ok(CreateWorkOrderResponse::Status202(response.json().await?)),
            400 => {
                Err(
                    super::CallError::Upstream(
                        CreateWorkOrderError::Status400(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CreateWorkOrderError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreateWorkOrderError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The successful outcomes of `createWorkOrder`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateWorkOrderResponse {
    Status201(super::types::WorkOrder),
    Status202(super::types::JobAccepted),
}

/// The documented failures of `createWorkOrder`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateWorkOrderError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getWorkOrder` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetWorkOrderRequest {
    call: ::poly_runtime::Call,
}

impl GetWorkOrderRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::WorkOrder, super::CallError<GetWorkOrderError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::WorkOrder>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetWorkOrderError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetWorkOrderError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getWorkOrder`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetWorkOrderError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `updateWorkOrder` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct UpdateWorkOrderRequest {
    call: ::poly_runtime::Call,
}

impl UpdateWorkOrderRequest {
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
    ) -> Result<super::types::WorkOrder, super::CallError<UpdateWorkOrderError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::WorkOrder>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        UpdateWorkOrderError::Status400(response.json().await?),
                    ),
                )
            }

            404 => {
                Err(
                    super::CallError::Upstream(
                        UpdateWorkOrderError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        UpdateWorkOrderError::Status409(response.json().await?),
                    ),
                )
            }

            412 => {
                Err(
                    super::CallError::Upstream(
                        UpdateWorkOrderError::Status412(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(UpdateWorkOrderError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `updateWorkOrder`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateWorkOrderError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The `If-Match` ETag does not match the current version.
    Status412(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `cancelWorkOrder` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CancelWorkOrderRequest {
    call: ::poly_runtime::Call,
}

impl CancelWorkOrderRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::WorkOrder, super::CallError<CancelWorkOrderError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::WorkOrder>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        CancelWorkOrderError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        CancelWorkOrderError::Status409(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CancelWorkOrderError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `cancelWorkOrder`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CancelWorkOrderError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `downloadWorkOrderDocument` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct DownloadWorkOrderDocumentRequest {
    call: ::poly_runtime::Call,
}

impl DownloadWorkOrderDocumentRequest {
    /// Append the technical drawings attached to the product.
    ///
    /// Defaults to `false` when not set.
    pub fn include_drawings(mut self, value: bool) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "includeDrawings", &value);
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
        ::poly_runtime::Response,
        super::CallError<DownloadWorkOrderDocumentError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response),
            404 => {
                Err(
                    super::CallError::Upstream(
                        DownloadWorkOrderDocumentError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(DownloadWorkOrderDocumentError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `downloadWorkOrderDocument`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum DownloadWorkOrderDocumentError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getBillOfMaterials` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetBillOfMaterialsRequest {
    call: ::poly_runtime::Call,
}

impl GetBillOfMaterialsRequest {
    /// BOM revision; defaults to the revision effective today.
    pub fn revision(mut self, value: String) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "revision", &value);
        self
    }

    /// Maximum number of levels to expand.
    ///
    /// Defaults to `5` when not set.
    pub fn depth(mut self, value: i32) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "depth", &value);
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
        super::types::BillOfMaterials,
        super::CallError<GetBillOfMaterialsError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::BillOfMaterials>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetBillOfMaterialsError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetBillOfMaterialsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getBillOfMaterials`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetBillOfMaterialsError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listMachines` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListMachinesRequest {
    call: ::poly_runtime::Call,
}

impl ListMachinesRequest {
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

    /// Only return machines of this work center.
    pub fn work_center_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "workCenterId", &value);
        self
    }

    /// Only return machines with this status.
    pub fn status(mut self, value: super::types::MachineStatus) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
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
    ) -> Result<super::types::MachineList, super::CallError<ListMachinesError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::MachineList>().await?),
            status => {
                Err(
                    super::CallError::Upstream(ListMachinesError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listMachines`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListMachinesError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getMachine` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetMachineRequest {
    call: ::poly_runtime::Call,
}

impl GetMachineRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Machine, super::CallError<GetMachineError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Machine>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetMachineError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetMachineError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getMachine`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetMachineError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getMachineTelemetry` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetMachineTelemetryRequest {
    call: ::poly_runtime::Call,
}

impl GetMachineTelemetryRequest {
    /// Only return these sensors (all sensors if omitted).
    pub fn sensor(mut self, value: Vec<String>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "sensor", &value);
        self
    }

    /// Maximum acceptable age of cached readings, in seconds. Use 0 to force a live read from the machine gateway.
    ///
    /// Defaults to `30` when not set.
    pub fn x_telemetry_max_age(mut self, value: i32) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Header, "X-Telemetry-Max-Age", &value);
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
        super::types::MachineTelemetry,
        super::CallError<GetMachineTelemetryError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::MachineTelemetry>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetMachineTelemetryError::Status404(response.json().await?),
                    ),
                )
            }

            503 => {
                Err(
                    super::CallError::Upstream(
                        GetMachineTelemetryError::Status503(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetMachineTelemetryError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getMachineTelemetry`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetMachineTelemetryError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A backend dependency is temporarily unavailable.
    Status503(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `scheduleMaintenance` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ScheduleMaintenanceRequest {
    call: ::poly_runtime::Call,
}

impl ScheduleMaintenanceRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<
        super::types::MaintenanceTicket,
        super::CallError<ScheduleMaintenanceError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::MaintenanceTicket>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ScheduleMaintenanceError::Status400(response.json().await?),
                    ),
                )
            }

            404 => {
                Err(
                    super::CallError::Upstream(
                        ScheduleMaintenanceError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        ScheduleMaintenanceError::Status409(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ScheduleMaintenanceError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `scheduleMaintenance`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ScheduleMaintenanceError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
