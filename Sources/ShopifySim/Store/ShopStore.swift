import Foundation

/// What one GraphQL execution produced.
struct ExecutionOutcome: Sendable {
    var data: JSON
    var errors: [GraphQLError]
    var actualCost: Int
    var searchWarnings: [JSON]
    var events: [ShopEvent]
    var webhooks: [ShopWebhookSubscription]
}

/// The shop's data behind one actor: GraphQL operations run one at a time against it, so a mutation is
/// atomic and a query sees one consistent state.
actor ShopStore {
    private let state: ShopState

    init(configuration: ShopifySimConfiguration) {
        self.state = ShopState(configuration: configuration)
        ShopGenerator(configuration: configuration, state: self.state).generate()
    }

    var domain: String { self.state.domain }

    func execute(
        _ prepared: PreparedOperation, document: GraphQLDocument, version: String
    ) -> ExecutionOutcome {
        let resolver = AdminResolver(state: self.state, version: version)
        var executor = GraphQLExecutor(
            schema: AdminSchema.schema, document: document, variables: prepared.variables, resolver: resolver)
        let data = executor.execute(prepared.operation)
        return ExecutionOutcome(
            data: data, errors: executor.errors, actualCost: executor.actualCost,
            searchWarnings: executor.resolver.searchWarnings, events: self.takeEvents(), webhooks: self.state.webhooks)
    }

    private func takeEvents() -> [ShopEvent] {
        defer { self.state.events.removeAll() }
        return self.state.events
    }

    /// Events raised by control actions, with the subscriptions to fan them out to.
    func drainEvents() -> ([ShopEvent], [ShopWebhookSubscription]) {
        (self.takeEvents(), self.state.webhooks)
    }

    var isUninstalled: Bool { self.state.uninstalled }

    // MARK: - Control

    func placeOrder(_ request: ShopifySimNewOrder) throws(ShopifySimError) -> ShopifySimOrderRef {
        var random = SeededRandom(seed: UInt64(bitPattern: self.state.now), stream: 7)
        let generator = ShopGenerator(configuration: ShopifySimConfiguration(), state: self.state)
        let number = (self.state.orders.values.map(\.number).max() ?? 1000) + 1
        var order = generator.makeOrder(number: number, createdAt: self.state.now, customer: nil, random: &random)
        let requested =
            request.lines.isEmpty
            ? [
                ShopifySimNewOrder.Line(
                    sku: self.state.variantOrder.compactMap { self.state.variants[$0]?.sku }.first ?? "")
            ]
            : request.lines
        order.lineItems = try requested.map { line throws(ShopifySimError) in try self.lineItem(line) }
        order.test = request.test
        order.tags = request.tags
        order.note = request.note
        order.financialStatus = request.financialStatus
        if let email = request.email { order.email = email }
        order.fulfillmentOrdersDueAt = self.state.now + self.state.fulfillmentOrderDelay
        self.state.orders[order.id] = order
        self.commit(order.lineItems)
        self.state.materializeFulfillmentOrders(order.id)
        self.state.emitOrder("orders/create", order.id)
        if order.financialStatus == "PAID" { self.state.emitOrder("orders/paid", order.id) }
        return self.reference(order)
    }

    private func lineItem(_ line: ShopifySimNewOrder.Line) throws(ShopifySimError) -> ShopLineItem {
        guard let variant = self.state.variant(sku: line.sku), let product = self.state.products[variant.productId]
        else {
            throw ShopifySimError("No variant has the SKU \(line.sku).", status: 422)
        }
        guard line.quantity > 0 else { throw ShopifySimError("A line's quantity must be positive.", status: 422) }
        return ShopLineItem(
            id: self.state.nextId("LineItem"), variantId: variant.id, productId: product.id, sku: variant.sku,
            title: product.title, variantTitle: variant.title == "Default Title" ? "" : variant.title,
            quantity: line.quantity, currentQuantity: line.quantity, price: variant.price)
    }

    /// An order takes its units off `available` into `committed` at the variant's location.
    private func commit(_ lines: [ShopLineItem]) {
        for line in lines {
            guard let variant = line.variantId.flatMap({ self.state.variants[$0] }), variant.tracked else { continue }
            let key = LevelKey(itemId: variant.inventoryItemId, locationId: variant.homeLocationId)
            guard self.state.levels[key] != nil else { continue }
            self.state.levels[key]!["available", default: 0] -= line.quantity
            self.state.levels[key]!["committed", default: 0] += line.quantity
        }
    }

    private func reference(_ order: ShopOrder) -> ShopifySimOrderRef {
        ShopifySimOrderRef(id: GlobalID.make("Order", order.id), legacyResourceId: order.id, name: order.name)
    }

    private func order(_ id: Int64) throws(ShopifySimError) -> ShopOrder {
        guard let order = self.state.orders[id] else { throw ShopifySimError("No order \(id).", status: 404) }
        return order
    }

    func editOrder(_ id: Int64, _ edit: ShopifySimOrderEdit) throws(ShopifySimError) -> ShopifySimOrderRef {
        var order = try self.order(id)
        self.state.materializeFulfillmentOrders(id)
        order = try self.order(id)
        if let note = edit.note { order.note = note }
        if let tags = edit.tags { order.tags = tags }
        if let email = edit.email { order.email = email }
        if let status = edit.financialStatus { order.financialStatus = status }
        var linesChanged = false
        for (sku, quantity) in edit.currentQuantities ?? [:] {
            guard let index = order.lineItems.firstIndex(where: { $0.sku == sku }) else {
                throw ShopifySimError("The order has no line with SKU \(sku).", status: 422)
            }
            let line = order.lineItems[index]
            let newQuantity = max(line.fulfilledQuantity, min(quantity, line.quantity))
            self.removeUnits(line.currentQuantity - newQuantity, line: index, of: &order)
            linesChanged = true
        }
        if let added = edit.addLines, !added.isEmpty {
            let lines = try added.map { line throws(ShopifySimError) in try self.lineItem(line) }
            order.lineItems += lines
            self.commit(lines)
            linesChanged = true
            let fulfillmentOrder = ShopFulfillmentOrder(
                id: self.state.nextId("FulfillmentOrder"), orderId: id,
                locationId: lines[0].variantId.flatMap { self.state.variants[$0]?.homeLocationId }
                    ?? self.state.locations[0].id,
                status: "OPEN",
                lines: lines.map {
                    ShopFulfillmentOrderLine(
                        id: self.state.nextId("FulfillmentOrderLineItem"), lineItemId: $0.id,
                        totalQuantity: $0.quantity,
                        remainingQuantity: $0.quantity)
                }, createdAt: self.state.now, updatedAt: self.state.now)
            self.state.fulfillmentOrders[fulfillmentOrder.id] = fulfillmentOrder
            order.fulfillmentOrderIds.append(fulfillmentOrder.id)
        }
        for foId in order.fulfillmentOrderIds {
            guard var fulfillmentOrder = self.state.fulfillmentOrders[foId] else { continue }
            if let reason = edit.holdReason, ["OPEN", "IN_PROGRESS"].contains(fulfillmentOrder.status) {
                fulfillmentOrder.holds.append(reason)
                fulfillmentOrder.status = "ON_HOLD"
            }
            if edit.releaseHolds == true, fulfillmentOrder.status == "ON_HOLD" {
                fulfillmentOrder.holds = []
                fulfillmentOrder.status =
                    fulfillmentOrder.lines.contains { $0.remainingQuantity < $0.totalQuantity } ? "IN_PROGRESS" : "OPEN"
            }
            self.state.fulfillmentOrders[foId] = fulfillmentOrder
        }
        order.updatedAt = max(order.updatedAt, self.state.now)
        self.state.orders[id] = order
        if linesChanged { self.state.emitOrder("orders/edited", id) }
        self.state.emitOrder("orders/updated", id)
        return self.reference(order)
    }

    /// Takes units off a line's `currentQuantity` and out of its fulfillment orders (an FO with nothing left
    /// closes).
    private func removeUnits(_ count: Int, line index: Int, of order: inout ShopOrder) {
        let line = order.lineItems[index]
        order.lineItems[index].currentQuantity -= count
        var left = count
        for foId in order.fulfillmentOrderIds where left > 0 {
            guard var fulfillmentOrder = self.state.fulfillmentOrders[foId],
                let lineIndex = fulfillmentOrder.lines.firstIndex(where: { $0.lineItemId == line.id })
            else { continue }
            let cut = min(left, fulfillmentOrder.lines[lineIndex].remainingQuantity)
            left -= cut
            fulfillmentOrder.lines[lineIndex].remainingQuantity -= cut
            fulfillmentOrder.lines[lineIndex].totalQuantity -= cut
            if fulfillmentOrder.lines.allSatisfy({ $0.remainingQuantity == 0 }) { fulfillmentOrder.status = "CLOSED" }
            self.state.fulfillmentOrders[foId] = fulfillmentOrder
        }
    }

    /// Refunds units as the admin does: `currentQuantity` drops (`quantity` keeps them), unshipped units leave
    /// the fulfillment orders, restocked ones go back to `available`. Fires `refunds/create` and `orders/updated`.
    func refundOrder(
        _ id: Int64, lines: [ShopifySimNewOrder.Line], restock: Bool, note: String?
    ) throws(ShopifySimError) -> String {
        self.state.materializeFulfillmentOrders(id)
        var order = try self.order(id)
        var refunded: [ShopRefundLine] = []
        for request in lines {
            guard let index = order.lineItems.firstIndex(where: { $0.sku == request.sku }) else {
                throw ShopifySimError("The order has no line with SKU \(request.sku).", status: 422)
            }
            let line = order.lineItems[index]
            guard request.quantity > 0, request.quantity <= line.currentQuantity else {
                throw ShopifySimError("Cannot refund \(request.quantity) of \(line.currentQuantity).", status: 422)
            }
            // Shipped units come back as returns; the unshipped part leaves the fulfillment orders.
            let unshipped = min(request.quantity, line.unfulfilledQuantity)
            self.removeUnits(unshipped, line: index, of: &order)
            order.lineItems[index].currentQuantity -= request.quantity - unshipped
            if restock, let variant = line.variantId.flatMap({ self.state.variants[$0] }), variant.tracked {
                let key = LevelKey(itemId: variant.inventoryItemId, locationId: variant.homeLocationId)
                if let level = self.state.levels[key] {
                    let uncommitted = min(level["committed"] ?? 0, unshipped)
                    self.state.levels[key]!["committed"] = (level["committed"] ?? 0) - uncommitted
                    self.state.levels[key]!["available", default: 0] += request.quantity - (unshipped - uncommitted)
                }
            }
            refunded.append(
                ShopRefundLine(
                    id: self.state.nextId("RefundLineItem"), lineItemId: line.id, quantity: request.quantity,
                    restockType: restock ? (unshipped > 0 ? "CANCEL" : "RETURN") : "NO_RESTOCK"))
        }
        let now = self.state.now
        let refund = ShopRefund(
            id: self.state.nextId("Refund"), orderId: id, createdAt: now, note: note, lines: refunded)
        self.state.refunds[refund.id] = refund
        order.refundIds.append(refund.id)
        order.financialStatus =
            order.lineItems.allSatisfy { $0.currentQuantity == 0 } ? "REFUNDED" : "PARTIALLY_REFUNDED"
        order.updatedAt = max(order.updatedAt, now)
        self.state.orders[id] = order
        self.state.emit("refunds/create", resourceId: refund.id) {
            .object([
                ("id", .int64(refund.id)), ("admin_graphql_api_id", .string(GlobalID.make("Refund", refund.id))),
                ("order_id", .int64(id)), ("note", .optionalString(note)),
                ("created_at", .string(ShopFormat.shopTime(now, timeZone: self.state.timeZone))),
                ("restock", .bool(restock)),
                (
                    "refund_line_items",
                    .array(
                        refunded.map { line in
                            .object([
                                ("id", .int64(line.id)), ("line_item_id", .int64(line.lineItemId)),
                                ("quantity", .int(line.quantity)),
                                ("restock_type", .string(line.restockType.lowercased())),
                            ])
                        })
                ),
            ])
        }
        self.state.emitOrder("orders/updated", id)
        return GlobalID.make("Refund", refund.id)
    }

    func cancelOrder(_ id: Int64, reason: String) throws(ShopifySimError) -> ShopifySimOrderRef {
        var order = try self.order(id)
        guard order.cancelledAt == nil else { throw ShopifySimError("The order is already cancelled.", status: 422) }
        self.state.materializeFulfillmentOrders(id)
        order = try self.order(id)
        let now = self.state.now
        order.cancelledAt = now
        order.closedAt = now
        order.cancelReason = reason
        order.financialStatus = order.financialStatus == "PAID" ? "REFUNDED" : "VOIDED"
        order.updatedAt = max(order.updatedAt, now)
        for foId in order.fulfillmentOrderIds where self.state.fulfillmentOrders[foId]?.status != "CLOSED" {
            self.state.fulfillmentOrders[foId]?.status = "CLOSED"
            self.state.fulfillmentOrders[foId]?.updatedAt = now
        }
        self.state.orders[id] = order
        self.state.emitOrder("orders/cancelled", id)
        self.state.emitOrder("orders/updated", id)
        return self.reference(order)
    }

    func deleteOrder(_ id: Int64) throws(ShopifySimError) {
        let order = try self.order(id)
        for foId in order.fulfillmentOrderIds { self.state.fulfillmentOrders[foId] = nil }
        for fulfillmentId in order.fulfillmentIds { self.state.fulfillments[fulfillmentId] = nil }
        self.state.orders[id] = nil
        self.state.emit("orders/delete", resourceId: id) { OrderWebhookPayload.deleted(id) }
    }

    func uninstall() {
        self.state.emit("app/uninstalled", resourceId: self.state.shopId) { OrderWebhookPayload.shop(self.state) }
        self.state.uninstalled = true
    }

    /// After `failuresBeforeRemoval` failed attempts in a row the subscription is deleted; returns whether it was.
    func recordDelivery(subscriptionId: Int64, succeeded: Bool, failuresBeforeRemoval: Int) -> Bool {
        guard let index = self.state.webhooks.firstIndex(where: { $0.id == subscriptionId }) else { return true }
        if succeeded {
            self.state.webhooks[index].consecutiveFailures = 0
            return false
        }
        self.state.webhooks[index].consecutiveFailures += 1
        guard self.state.webhooks[index].consecutiveFailures >= failuresBeforeRemoval else { return false }
        self.state.webhooks.remove(at: index)
        return true
    }

    // MARK: - Inspection

    var orderReferences: [ShopifySimOrderRef] {
        self.state.orders.values.sorted { $0.id < $1.id }.map(self.reference)
    }

    func orderReferences(test: Bool) -> [ShopifySimOrderRef] {
        self.state.orders.values.filter { $0.test == test }.sorted { $0.id < $1.id }.map(self.reference)
    }

    func fulfillmentOrders(orderId: Int64) throws(ShopifySimError) -> [ShopifySimFulfillmentOrder] {
        self.state.materializeFulfillmentOrders(orderId)
        let order = try self.order(orderId)
        return order.fulfillmentOrderIds.compactMap { self.state.fulfillmentOrders[$0] }.map { fulfillmentOrder in
            ShopifySimFulfillmentOrder(
                id: GlobalID.make("FulfillmentOrder", fulfillmentOrder.id), status: fulfillmentOrder.status,
                locationId: GlobalID.make("Location", fulfillmentOrder.locationId), holds: fulfillmentOrder.holds,
                lines: fulfillmentOrder.lines.map { line in
                    ShopifySimFulfillmentOrder.Line(
                        id: GlobalID.make("FulfillmentOrderLineItem", line.id),
                        lineItemId: GlobalID.make("LineItem", line.lineItemId),
                        sku: order.lineItems.first { $0.id == line.lineItemId }?.sku, totalQuantity: line.totalQuantity,
                        remainingQuantity: line.remainingQuantity)
                })
        }
    }

    func fulfillments(orderId: Int64) throws(ShopifySimError) -> [ShopifySimFulfillment] {
        try self.order(orderId).fulfillmentIds.compactMap { self.state.fulfillments[$0] }.map { fulfillment in
            ShopifySimFulfillment(
                id: GlobalID.make("Fulfillment", fulfillment.id), status: fulfillment.status,
                tracking: fulfillment.tracking.map { .init(company: $0.company, number: $0.number, url: $0.url) },
                lines: fulfillment.lines.map { .init(lineItemId: GlobalID.make("LineItem", $0.1), quantity: $0.2) })
        }
    }

    func inventoryLevels(sku: String?) -> [ShopifySimInventoryLevel] {
        var out: [ShopifySimInventoryLevel] = []
        for variantId in self.state.variantOrder {
            guard let variant = self.state.variants[variantId], sku == nil || variant.sku == sku else { continue }
            for location in self.state.locations {
                let key = LevelKey(itemId: variant.inventoryItemId, locationId: location.id)
                guard self.state.levels[key] != nil else { continue }
                var quantities: [String: Int] = [:]
                for name in ShopState.quantityNames { quantities[name] = self.state.quantity(name, at: key) ?? 0 }
                out.append(
                    ShopifySimInventoryLevel(
                        inventoryItemId: GlobalID.make("InventoryItem", variant.inventoryItemId),
                        locationId: GlobalID.make("Location", location.id), sku: variant.sku, quantities: quantities))
            }
        }
        return out
    }

    func setAvailable(sku: String, locationId: Int64?, quantity: Int) throws(ShopifySimError) {
        guard let variant = self.state.variant(sku: sku) else {
            throw ShopifySimError("No variant has the SKU \(sku).", status: 404)
        }
        let key = LevelKey(itemId: variant.inventoryItemId, locationId: locationId ?? variant.homeLocationId)
        guard self.state.levels[key] != nil else {
            throw ShopifySimError("The item is not stocked at that location.", status: 422)
        }
        self.state.levels[key]!["available"] = quantity
    }

    var variants: [ShopifySimVariant] {
        self.state.variantOrder.compactMap { self.state.variants[$0] }.map { variant in
            ShopifySimVariant(
                id: GlobalID.make("ProductVariant", variant.id), sku: variant.sku, title: variant.title,
                productId: GlobalID.make("Product", variant.productId),
                inventoryItemId: GlobalID.make("InventoryItem", variant.inventoryItemId), tracked: variant.tracked)
        }
    }

    var locations: [ShopifySimLocation] {
        self.state.locations.map {
            ShopifySimLocation(id: GlobalID.make("Location", $0.id), name: $0.name, isActive: $0.isActive)
        }
    }

    var webhookSubscriptions: [ShopifySimWebhookSubscription] {
        self.state.webhooks.map {
            ShopifySimWebhookSubscription(id: GlobalID.make("WebhookSubscription", $0.id), topic: $0.topic, uri: $0.uri)
        }
    }
}
