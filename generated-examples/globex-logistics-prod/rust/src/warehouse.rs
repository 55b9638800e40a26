//! Operations tagged `warehouse`.

#[allow(unused_imports)]
use super::types;

/// The operations of this group; get it from the client.
#[derive(Debug, Clone, Copy)]
pub struct Warehouse<'a> {
    pub(crate) client: &'a super::Client,
}

impl<'a> Warehouse<'a> {
    /// List stock items
    ///
    /// Returns a page of stock items with their current quantities.
    ///
    /// `GET /warehouse/stock-items`
    pub fn list_stock_items(&self) -> ListStockItemsRequest {
        let call = self.client.inner.call("erp", "listStockItems").idempotent(true);
        ListStockItemsRequest { call }
    }

    /// Get a stock item
    ///
    /// Returns one stock item.
    ///
    /// `GET /warehouse/stock-items/{stockItemId}`
    pub fn get_stock_item(&self, stock_item_id: ::uuid::Uuid) -> GetStockItemRequest {
        let call = self.client.inner.call("erp", "getStockItem").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "stockItemId", &stock_item_id);
        GetStockItemRequest { call }
    }

    /// Adjust the quantity of a stock item
    ///
    /// Books a stock adjustment (cycle count difference, damage, shrinkage and so on). The resulting on-hand quantity may not become negative.
    ///
    /// `POST /warehouse/stock-items/{stockItemId}/adjustments`
    pub fn adjust_stock(
        &self,
        stock_item_id: ::uuid::Uuid,
        body: super::types::StockAdjustment,
    ) -> AdjustStockRequest {
        let call = self.client.inner.call("erp", "adjustStock").idempotent(false);
        let call = call
            .param(::poly_runtime::Location::Path, "stockItemId", &stock_item_id);
        let call = call.json(&body);
        AdjustStockRequest { call }
    }

    /// List storage locations
    ///
    /// Returns the storage locations (zones, racks, bins, docks).
    ///
    /// `GET /warehouse/locations`
    pub fn list_locations(&self) -> ListLocationsRequest {
        let call = self.client.inner.call("erp", "listLocations").idempotent(true);
        ListLocationsRequest { call }
    }

    /// Create a stock transfer
    ///
    /// Requests the movement of stock between two locations of the same warehouse. Quantities are reserved at the source immediately.
    ///
    /// `POST /warehouse/transfers`
    pub fn create_transfer(
        &self,
        body: super::types::TransferInput,
    ) -> CreateTransferRequest {
        let call = self.client.inner.call("erp", "createTransfer").idempotent(false);
        let call = call.json(&body);
        CreateTransferRequest { call }
    }

    /// Get a stock transfer
    ///
    /// Returns one stock transfer and its progress.
    ///
    /// `GET /warehouse/transfers/{transferId}`
    pub fn get_transfer(&self, transfer_id: ::uuid::Uuid) -> GetTransferRequest {
        let call = self.client.inner.call("erp", "getTransfer").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "transferId", &transfer_id);
        GetTransferRequest { call }
    }

    /// List shipments
    ///
    /// Returns a page of outbound shipments, newest first.
    ///
    /// `GET /warehouse/shipments`
    pub fn list_shipments(&self) -> ListShipmentsRequest {
        let call = self.client.inner.call("erp", "listShipments").idempotent(true);
        ListShipmentsRequest { call }
    }

    /// Create a shipment
    ///
    /// Creates an outbound shipment for a sales order and books it with the carrier. The tracking number is filled in once the carrier confirms.
    ///
    /// `POST /warehouse/shipments`
    pub fn create_shipment(
        &self,
        body: super::types::ShipmentInput,
    ) -> CreateShipmentRequest {
        let call = self.client.inner.call("erp", "createShipment").idempotent(false);
        let call = call.json(&body);
        CreateShipmentRequest { call }
    }

    /// Get the shipping label
    ///
    /// Returns the carrier label of a shipment. The label itself is embedded base64-encoded in `labelData`, in the requested format.
    ///
    /// `GET /warehouse/shipments/{shipmentId}/label`
    pub fn get_shipment_label(
        &self,
        shipment_id: ::uuid::Uuid,
    ) -> GetShipmentLabelRequest {
        let call = self.client.inner.call("erp", "getShipmentLabel").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "shipmentId", &shipment_id);
        GetShipmentLabelRequest { call }
    }

    /// List pick lists
    ///
    /// Returns pick lists, by default only those not yet completed.
    ///
    /// `GET /warehouse/pick-lists`
    pub fn list_pick_lists(&self) -> ListPickListsRequest {
        let call = self.client.inner.call("erp", "listPickLists").idempotent(true);
        ListPickListsRequest { call }
    }

    /// Complete a pick list
    ///
    /// Records the picked quantities of every line and marks the pick list completed. Short picks are allowed and flagged.
    ///
    /// `PUT /warehouse/pick-lists/{pickListId}/completion`
    pub fn complete_pick_list(
        &self,
        pick_list_id: ::uuid::Uuid,
        body: super::types::PickListCompletion,
    ) -> CompletePickListRequest {
        let call = self.client.inner.call("erp", "completePickList").idempotent(true);
        let call = call
            .param(::poly_runtime::Location::Path, "pickListId", &pick_list_id);
        let call = call.json(&body);
        CompletePickListRequest { call }
    }
}

/// A `listStockItems` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListStockItemsRequest {
    call: ::poly_runtime::Call,
}

impl ListStockItemsRequest {
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

    /// Only return stock items with one of these SKUs.
    pub fn sku(mut self, value: Vec<String>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "sku", &value);
        self
    }

    /// Only return stock held at this location.
    pub fn location_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "locationId", &value);
        self
    }

    /// Only return items whose available quantity is below the reorder point.
    ///
    /// Defaults to `false` when not set.
    pub fn below_reorder_point(mut self, value: bool) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "belowReorderPoint", &value);
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
    ) -> Result<super::types::StockItemList, super::CallError<ListStockItemsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::StockItemList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListStockItemsError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListStockItemsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listStockItems`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListStockItemsError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getStockItem` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetStockItemRequest {
    call: ::poly_runtime::Call,
}

impl GetStockItemRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::StockItem, super::CallError<GetStockItemError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::StockItem>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetStockItemError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetStockItemError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getStockItem`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetStockItemError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `adjustStock` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct AdjustStockRequest {
    call: ::poly_runtime::Call,
}

impl AdjustStockRequest {
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
    ) -> Result<
        super::types::StockAdjustmentResult,
        super::CallError<AdjustStockError>,
    > {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => {
                Ok(response.json::<super::types::StockAdjustmentResult>().await?)
            }

            404 => {
                Err(
                    super::CallError::Upstream(
                        AdjustStockError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        AdjustStockError::Status409(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        AdjustStockError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(AdjustStockError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `adjustStock`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum AdjustStockError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listLocations` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListLocationsRequest {
    call: ::poly_runtime::Call,
}

impl ListLocationsRequest {
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

    /// Only return locations of these types.
    pub fn type_(mut self, value: Vec<super::types::LocationType>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "type", &value);
        self
    }

    /// Only return direct children of this location.
    pub fn parent_id(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "parentId", &value);
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
    ) -> Result<super::types::LocationList, super::CallError<ListLocationsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::LocationList>().await?),
            status => {
                Err(
                    super::CallError::Upstream(ListLocationsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listLocations`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListLocationsError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createTransfer` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreateTransferRequest {
    call: ::poly_runtime::Call,
}

impl CreateTransferRequest {
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
    ) -> Result<super::types::Transfer, super::CallError<CreateTransferError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Transfer>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        CreateTransferError::Status400(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        CreateTransferError::Status409(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CreateTransferError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreateTransferError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `createTransfer`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateTransferError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getTransfer` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetTransferRequest {
    call: ::poly_runtime::Call,
}

impl GetTransferRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::Transfer, super::CallError<GetTransferError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Transfer>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetTransferError::Status404(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetTransferError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getTransfer`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetTransferError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listShipments` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListShipmentsRequest {
    call: ::poly_runtime::Call,
}

impl ListShipmentsRequest {
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

    /// Only return shipments in one of these states.
    pub fn status(mut self, value: Vec<super::types::ShipmentStatus>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
        self
    }

    /// Only return shipments handled by this carrier.
    pub fn carrier(mut self, value: super::types::Carrier) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "carrier", &value);
        self
    }

    /// Only return shipments shipped at or after this instant.
    pub fn shipped_after(mut self, value: ::chrono::DateTime<::chrono::Utc>) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "shippedAfter", &value);
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
    ) -> Result<super::types::ShipmentList, super::CallError<ListShipmentsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::ShipmentList>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        ListShipmentsError::Status400(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(ListShipmentsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listShipments`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListShipmentsError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `createShipment` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CreateShipmentRequest {
    call: ::poly_runtime::Call,
}

impl CreateShipmentRequest {
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
    ) -> Result<super::types::Shipment, super::CallError<CreateShipmentError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::Shipment>().await?),
            400 => {
                Err(
                    super::CallError::Upstream(
                        CreateShipmentError::Status400(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CreateShipmentError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CreateShipmentError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `createShipment`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateShipmentError {
    /// The request is malformed (syntax, unknown parameter, wrong type).
    Status400(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `getShipmentLabel` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct GetShipmentLabelRequest {
    call: ::poly_runtime::Call,
}

impl GetShipmentLabelRequest {
    /// Label format.
    ///
    /// Defaults to `"pdf"` when not set.
    pub fn format(mut self, value: super::types::LabelFormat) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "format", &value);
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
    ) -> Result<super::types::ShippingLabel, super::CallError<GetShipmentLabelError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::ShippingLabel>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        GetShipmentLabelError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        GetShipmentLabelError::Status409(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(GetShipmentLabelError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `getShipmentLabel`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum GetShipmentLabelError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `listPickLists` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct ListPickListsRequest {
    call: ::poly_runtime::Call,
}

impl ListPickListsRequest {
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

    /// Only return pick lists in one of these states.
    ///
    /// Defaults to `["open","in_progress"]` when not set.
    pub fn status(mut self, value: Vec<super::types::PickListStatus>) -> Self {
        self.call = self.call.param(::poly_runtime::Location::Query, "status", &value);
        self
    }

    /// Only return pick lists assigned to this employee.
    pub fn assigned_to(mut self, value: ::uuid::Uuid) -> Self {
        self.call = self
            .call
            .param(::poly_runtime::Location::Query, "assignedTo", &value);
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
    ) -> Result<super::types::PickListList, super::CallError<ListPickListsError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::PickListList>().await?),
            status => {
                Err(
                    super::CallError::Upstream(ListPickListsError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `listPickLists`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum ListPickListsError {
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}

/// A `completePickList` call, ready to send.
///
/// Its `Debug` output shows parameter names and the body's media type, never
/// values.
#[must_use = "a request does nothing until it is sent"]
#[derive(Debug)]
pub struct CompletePickListRequest {
    call: ::poly_runtime::Call,
}

impl CompletePickListRequest {
    /// Overrides the client's timeout for this call.
    pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
        self.call = self.call.timeout(timeout);
        self
    }

    /// Sends the call through the proxy.
    pub async fn send(
        self,
    ) -> Result<super::types::PickList, super::CallError<CompletePickListError>> {
        let response = self.call.send().await?;
        match response.status() {
            200..=299 => Ok(response.json::<super::types::PickList>().await?),
            404 => {
                Err(
                    super::CallError::Upstream(
                        CompletePickListError::Status404(response.json().await?),
                    ),
                )
            }

            409 => {
                Err(
                    super::CallError::Upstream(
                        CompletePickListError::Status409(response.json().await?),
                    ),
                )
            }

            422 => {
                Err(
                    super::CallError::Upstream(
                        CompletePickListError::Status422(response.json().await?),
                    ),
                )
            }

            status => {
                Err(
                    super::CallError::Upstream(CompletePickListError::Unexpected {
                        status,
                        body: response.bytes().await?,
                    }),
                )
            }
        }
    }
}

/// The documented failures of `completePickList`, by status.
#[derive(Debug, Clone, PartialEq)]
pub enum CompletePickListError {
    /// The resource does not exist or is not visible to the tenant.
    Status404(super::types::Error),
    /// The request conflicts with the current state of the resource.
    Status409(super::types::Error),
    /// The request is well-formed but violates a business rule.
    Status422(super::types::Error),
    /// A status the description does not document.
    Unexpected { status: u16, body: ::bytes::Bytes },
}
