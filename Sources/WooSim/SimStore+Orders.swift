/// Order changes: what shoppers, the admin and API clients do to orders at runtime.
extension SimStore {
    // MARK: - Creating

    /// Places an order as checkout would; fires `order.created`, `order.updated` and `product.updated`
    /// for every product whose stock dropped.
    func placeOrder(_ request: WooSimNewOrder, createdVia: String = "checkout") throws(WooSimError) -> SimOrder {
        guard OrderQuery.editStatuses.contains(request.status) else {
            throw WooSimError.notInEnum("status", label: "status", values: OrderQuery.editStatuses)
        }
        let now = self.now()
        let id = self.highestOrderId + 1
        var random = self.runtimeRandom

        var customerId = request.customerId ?? 0
        var billing = request.billing
        if request.customerId == nil, !self.customers.isEmpty, random.chance(0.7) {
            customerId = random.pick(self.customers).id
        }
        if billing == nil {
            if let customer = self.customer(customerId) {
                billing = customer.billing
            } else {
                let person = random.pick(AddressBook.people)
                billing = WooSimAddress(
                    firstName: person.firstName, lastName: person.lastName, company: person.company,
                    address1: person.address1, address2: person.address2, city: person.city, state: person.state,
                    postcode: person.postcode, country: person.country,
                    email: "\(person.emailLocal).\(id)@example.test", phone: person.phone)
            }
        }
        var shipping = billing!
        shipping.email = nil
        shipping.phone = ""

        var requested = request.lines ?? []
        if request.lines == nil {
            let candidates = self.generator.purchasables
            for _ in 0..<random.int(1...3) where !candidates.isEmpty {
                let item = random.pick(candidates)
                requested.append(
                    WooSimOrderLine(
                        productId: item.productId, variationId: item.variationId == 0 ? nil : item.variationId,
                        quantity: random.int(1...2)))
            }
        }
        let payment = random.pick(OrderGenerator.paymentMethods)
        let orderKey = "wc_order_" + random.alphanumeric(13)
        self.runtimeRandom = random

        let country = shipping.country.isEmpty ? billing!.country : shipping.country
        var lines: [SimOrder.LineItem] = []
        for line in requested {
            lines.append(
                OrderGenerator.makeLine(
                    id: self.takeItemId(), item: try self.purchasable(for: line), quantity: max(1, line.quantity),
                    country: country, percentOff: 0, reducedStock: false))
        }
        let subtotal = lines.reduce(0) { $0 + $1.total }
        let isPaid = ["processing", "completed"].contains(request.status)
        var order = SimOrder(
            id: id, status: request.status, dateCreated: now, dateModified: now, datePaid: isPaid ? now : nil,
            dateCompleted: request.status == "completed" ? now : nil, customerId: customerId, orderKey: orderKey,
            billing: billing!, shipping: shipping, paymentMethod: payment.id, paymentMethodTitle: payment.title,
            transactionId: isPaid && payment.id == "stripe" ? "ch_" + self.runtimeRandom.hex(16) : "",
            createdVia: createdVia, customerNote: request.customerNote ?? "",
            meta: [SimMeta(id: id * 4 + 1, key: "sales_channel", value: .string("web"))], lineItems: lines,
            taxLines: [],
            shippingLines: [
                OrderGenerator.makeShipping(id: self.takeItemId(), country: country, subtotal: subtotal, pickup: false)
            ], feeLines: [], couponLines: [], refunds: [], stockReduced: false)
        order.rebuildTaxLines(firstItemId: self.takeItemId())
        self.highestOrderId = id
        var events = [SimEvent(resource: "order", event: "created", id: id)]
        if order.status != "pending" {
            self.addNote(
                to: &order,
                "Order status changed from Pending payment to \(OrderGenerator.statusNames[order.status] ?? order.status).",
                at: now)
        }
        let changedProducts = self.reduceStockIfNeeded(&order, now: now)
        self.overlay[id] = order
        events.append(SimEvent(resource: "order", event: "updated", id: id))
        events += changedProducts.map { SimEvent(resource: "product", event: "updated", id: $0) }
        self.emit(events)
        return order
    }

    /// `POST /orders`: creates an order from API fields (no stock check: stock may go negative).
    func createOrder(fromAPI body: JSONValue) throws(WooSimError) -> SimOrder {
        var request = WooSimNewOrder(status: body["status"]?.string ?? "pending", lines: [])
        if body["set_paid"]?.bool == true { request.status = "processing" }
        request.customerId = body["customer_id"]?.int ?? 0
        if let billing = body["billing"] {
            request.billing = SimStore.merge(WooSimAddress(), billing)
        }
        request.customerNote = body["customer_note"]?.string
        for item in body["line_items"]?.array ?? [] {
            request.lines?.append(try SimStore.line(from: item))
        }
        var order = try self.placeOrder(request, createdVia: "rest-api")
        if let shipping = body["shipping"] {
            order.shipping = SimStore.merge(order.shipping, shipping)
            self.overlay[order.id] = order
        }
        return order
    }

    // MARK: - Editing

    /// An admin edit (see `WooSimOrderEdit`).
    func editOrder(_ id: Int, _ edit: WooSimOrderEdit) throws(WooSimError) -> SimOrder {
        guard var order = self.order(id) else { throw WooSimError.invalidOrderID(status: 400) }
        let now = self.now()
        var changed = false
        var events: [SimEvent] = []
        if let status = edit.status, status != order.status {
            events += try self.changeStatus(&order, to: status, now: now)
            changed = true
        }
        if let billing = edit.billing {
            order.billing = billing
            changed = true
        }
        if let shipping = edit.shipping {
            var shipping = shipping
            shipping.email = nil
            order.shipping = shipping
            changed = true
        }
        if let note = edit.customerNote {
            order.customerNote = note
            changed = true
        }
        if let lines = edit.addLines, !lines.isEmpty {
            events += try self.addLines(lines, to: &order)
            changed = true
        }
        for (key, value) in (edit.metaData ?? [:]).sorted(by: { $0.key < $1.key }) {
            self.setMeta(&order, key: key, value: .string(value))
        }
        if changed { order.dateModified = max(now, order.dateModified) }
        self.overlay[id] = order
        if changed { self.emit([SimEvent(resource: "order", event: "updated", id: id)] + events) }
        return order
    }

    /// A partial refund made in the admin, as WooCommerce records one: a refund object whose lines carry
    /// negative quantities and totals and name the order line refunded (`_refunded_item_id`), listed on the
    /// order with its negative total; the order's `date_modified` moves and `order.updated` fires.
    func refundOrder(_ id: Int, lines: [WooSimRefundLine], reason: String) throws(WooSimError) -> Int {
        guard var order = self.order(id) else { throw WooSimError.invalidOrderID(status: 400) }
        let now = self.now()
        var refunded: [SimOrder.LineItem] = []
        for request in lines {
            guard let line = order.lineItems.first(where: { $0.id == request.lineItemId }), line.quantity > 0 else {
                throw WooSimError.invalidOrderID(status: 400)
            }
            let quantity = min(request.quantity, line.quantity)
            let share = { (cents: Int) in -(cents * quantity / line.quantity) }
            let meta = SimOrder.ItemMeta(
                id: self.takeItemId(), key: "_refunded_item_id", value: String(line.id),
                displayKey: "_refunded_item_id",
                displayValue: String(line.id))
            refunded.append(
                SimOrder.LineItem(
                    id: self.takeItemId(), name: line.name, productId: line.productId, variationId: line.variationId,
                    quantity: -quantity, taxClass: line.taxClass, subtotal: share(line.subtotal),
                    subtotalTax: share(line.subtotalTax), total: share(line.total), totalTax: share(line.totalTax),
                    taxes: [], meta: [meta], parentName: line.parentName))
        }
        let amount = -refunded.reduce(0) { $0 + $1.total + $1.totalTax }
        // Refunds share the id space of orders at a real store; runtime ones sit above the generated ones'.
        let refundID = 20_000_000 + self.takeItemId()
        order.refunds.insert(
            SimOrder.Refund(id: refundID, reason: reason, amount: amount, date: now, lines: refunded), at: 0)
        order.dateModified = max(now, order.dateModified)
        self.overlay[id] = order
        self.emit([SimEvent(resource: "order", event: "updated", id: id)])
        return refundID
    }

    /// `PUT /orders/{id}`: partial update from API fields.
    func updateOrder(_ id: Int, fromAPI body: JSONValue) throws(WooSimError) -> SimOrder {
        guard var order = self.order(id), order.status != "trash" || body["status"] != nil else {
            throw WooSimError.invalidOrderID(status: 400)
        }
        if let status = body["status"] {
            guard let value = status.string, OrderQuery.editStatuses.contains(value) else {
                throw WooSimError.notInEnum("status", label: "status", values: OrderQuery.editStatuses)
            }
        }
        let now = self.now()
        var changed = false
        var events: [SimEvent] = []
        if let status = body["status"]?.string, status != order.status {
            events += try self.changeStatus(&order, to: status, now: now)
            changed = true
        }
        if body["set_paid"]?.bool == true, order.datePaid == nil {
            order.datePaid = now
            if ["pending", "failed", "on-hold", "checkout-draft"].contains(order.status) {
                events += try self.changeStatus(&order, to: "processing", now: now)
            }
            changed = true
        }
        if let billing = body["billing"] {
            order.billing = SimStore.merge(order.billing, billing)
            changed = true
        }
        if let shipping = body["shipping"] {
            order.shipping = SimStore.merge(order.shipping, shipping)
            order.shipping.email = nil
            changed = true
        }
        for (field, keyPath) in [
            ("customer_note", \SimOrder.customerNote), ("transaction_id", \SimOrder.transactionId),
            ("payment_method", \SimOrder.paymentMethod), ("payment_method_title", \SimOrder.paymentMethodTitle),
        ] {
            if let value = body[field]?.string, value != order[keyPath: keyPath] {
                order[keyPath: keyPath] = value
                changed = true
            }
        }
        if let items = body["line_items"]?.array, !items.isEmpty {
            var newLines: [WooSimOrderLine] = []
            for item in items {
                if let itemId = item["id"]?.int, let index = order.lineItems.firstIndex(where: { $0.id == itemId }) {
                    let quantity = item["quantity"]?.int ?? order.lineItems[index].quantity
                    if quantity <= 0 {
                        order.lineItems.remove(at: index)
                    } else {
                        let line = order.lineItems[index]
                        let unit = line.quantity == 0 ? 0 : line.subtotal / line.quantity
                        let country = order.shipping.country.isEmpty ? order.billing.country : order.shipping.country
                        order.lineItems[index] = OrderGenerator.makeLine(
                            id: line.id,
                            item: .init(
                                productId: line.productId, variationId: line.variationId, name: line.name,
                                parentName: line.parentName, price: unit, taxClass: line.taxClass, attributeMeta: []),
                            quantity: quantity, country: country, percentOff: 0, reducedStock: false)
                        order.lineItems[index].meta = line.meta
                    }
                    changed = true
                } else {
                    newLines.append(try SimStore.line(from: item))
                }
            }
            if !newLines.isEmpty { events += try self.addLines(newLines, to: &order) }
            order.rebuildTaxLines(firstItemId: self.takeItemId())
            changed = true
        }
        for meta in body["meta_data"]?.array ?? [] {
            guard let key = meta["key"]?.string else { continue }
            self.setMeta(&order, key: key, value: meta["value"] ?? .string(""))
        }
        // Meta-only edits leave date_modified alone and fire nothing, as on a real store.
        if changed { order.dateModified = max(now, order.dateModified) }
        self.overlay[id] = order
        if changed { self.emit([SimEvent(resource: "order", event: "updated", id: id)] + events) }
        return order
    }

    /// `DELETE /orders/{id}`: to the trash (fires `order.deleted`), or for good with `force` (fires nothing).
    func deleteOrder(_ id: Int, force: Bool) throws(WooSimError) -> SimOrder {
        guard var order = self.order(id) else { throw WooSimError.invalidOrderID(status: 404) }
        if force {
            self.overlay[id] = nil
            self.removed.insert(id)
            return order
        }
        guard order.status != "trash" else { throw WooSimError.orderAlreadyTrashed }
        order.status = "trash"
        order.dateModified = max(self.now(), order.dateModified)
        self.overlay[id] = order
        self.emit([SimEvent(resource: "order", event: "deleted", id: id)])
        return order
    }

    /// `POST /orders/{id}/notes`. Adding a note does not save the order: no webhook, no date change.
    func addNote(orderId: Int, note: String, isCustomerNote: Bool, addedByUser: Bool) throws(WooSimError)
        -> SimOrderNote
    {
        guard self.order(orderId) != nil else { throw WooSimError.invalidOrderIDForNotes }
        let entry = SimOrderNote(
            id: self.nextNoteId, author: addedByUser ? "shop-manager" : "WooCommerce", date: self.now(), note: note,
            isCustomerNote: isCustomerNote)
        self.nextNoteId += 1
        self.addedNotes[orderId, default: []].append(entry)
        return entry
    }

    // MARK: - Helpers

    func takeItemId() -> Int {
        self.nextItemId += 1
        return self.nextItemId
    }

    private func addNote(to order: inout SimOrder, _ text: String, at date: Int64) {
        self.addedNotes[order.id, default: []].append(
            SimOrderNote(id: self.nextNoteId, author: "WooCommerce", date: date, note: text, isCustomerNote: false))
        self.nextNoteId += 1
    }

    private func setMeta(_ order: inout SimOrder, key: String, value: JSONValue) {
        if let index = order.meta.firstIndex(where: { $0.key == key }) {
            order.meta[index].value = value
        } else {
            order.meta.append(SimMeta(id: self.takeItemId(), key: key, value: value))
        }
    }

    private func changeStatus(_ order: inout SimOrder, to status: String, now: Int64) throws(WooSimError) -> [SimEvent]
    {
        guard OrderQuery.editStatuses.contains(status) || status == "trash" else {
            throw WooSimError.notInEnum("status", label: "status", values: OrderQuery.editStatuses)
        }
        let names = OrderGenerator.statusNames
        self.addNote(
            to: &order,
            "Order status changed from \(names[order.status] ?? order.status) to \(names[status] ?? status).", at: now)
        order.status = status
        if ["processing", "completed"].contains(status), order.datePaid == nil { order.datePaid = now }
        if status == "completed" { order.dateCompleted = now }
        var changed: [Int] = []
        if status == "cancelled", order.stockReduced {
            changed = self.adjustStock(for: order.lineItems, direction: +1, now: now)
            order.stockReduced = false
            for index in order.lineItems.indices {
                order.lineItems[index].meta.removeAll { $0.key == "_reduced_stock" }
            }
        } else {
            changed = self.reduceStockIfNeeded(&order, now: now)
        }
        return changed.map { SimEvent(resource: "product", event: "updated", id: $0) }
    }

    /// Reduces stock once an order is paid or on hold (WooCommerce's `wc_maybe_reduce_stock_levels`).
    private func reduceStockIfNeeded(_ order: inout SimOrder, now: Int64) -> [Int] {
        guard !order.stockReduced, ["processing", "completed", "on-hold"].contains(order.status) else { return [] }
        order.stockReduced = true
        for index in order.lineItems.indices where order.lineItems[index].productId != 0 {
            let quantity = String(order.lineItems[index].quantity)
            order.lineItems[index].meta.append(
                SimOrder.ItemMeta(
                    id: self.takeItemId(), key: "_reduced_stock", value: quantity, displayKey: "_reduced_stock",
                    displayValue: quantity))
        }
        return self.adjustStock(for: order.lineItems, direction: -1, now: now)
    }

    private func addLines(_ lines: [WooSimOrderLine], to order: inout SimOrder) throws(WooSimError) -> [SimEvent] {
        let country = order.shipping.country.isEmpty ? order.billing.country : order.shipping.country
        var added: [SimOrder.LineItem] = []
        for line in lines {
            added.append(
                OrderGenerator.makeLine(
                    id: self.takeItemId(), item: try self.purchasable(for: line), quantity: max(1, line.quantity),
                    country: country, percentOff: 0, reducedStock: order.stockReduced))
        }
        order.lineItems += added
        order.rebuildTaxLines(firstItemId: self.takeItemId())
        guard order.stockReduced else { return [] }
        return self.adjustStock(for: added, direction: -1, now: self.now()).map {
            SimEvent(resource: "product", event: "updated", id: $0)
        }
    }

    /// Moves stock for order lines; returns the ids of products whose stock changed (the variation, or the
    /// parent for variations that use the parent's stock).
    func adjustStock(for lines: [SimOrder.LineItem], direction: Int, now: Int64) -> [Int] {
        var changed: [Int] = []
        for line in lines where line.productId != 0 {
            let id = line.variationId != 0 ? line.variationId : line.productId
            guard var product = self.products[id] else { continue }
            var target = id
            if product.stock == .parent {
                target = product.parentId
                guard let parent = self.products[target] else { continue }
                product = parent
            }
            guard product.stock == .managed else { continue }
            product.stockQuantity = (product.stockQuantity ?? 0) + direction * line.quantity
            if direction < 0 { product.totalSales += line.quantity }
            product.dateModified = max(now, product.dateModified)
            self.replaceProduct(product)
            if !changed.contains(target) { changed.append(target) }
        }
        return changed
    }

    private func purchasable(for line: WooSimOrderLine) throws(WooSimError) -> OrderGenerator.Purchasable {
        var product: SimProduct?
        if let sku = line.sku {
            product = self.product(sku: sku)
            guard product != nil else { throw WooSimError.unknownSKU(sku) }
        } else if let variationId = line.variationId, variationId != 0 {
            product = self.products[variationId]
        } else if let productId = line.productId {
            product = self.products[productId]
        }
        guard let product, product.kind != .variable else {
            throw WooSimError.invalidProductID(status: 400)
        }
        if product.kind == .variation {
            let parent = self.products[product.parentId]
            let meta = product.attributes.map { attribute in
                let option = attribute.options.first ?? ""
                let value = attribute.slug.hasPrefix("pa_") ? option.lowercased() : option
                return (key: attribute.slug, value: value, displayKey: attribute.name, displayValue: option)
            }
            return .init(
                productId: product.parentId, variationId: product.id,
                name: "\(parent?.name ?? product.name) - \(product.attributeSummary)", parentName: parent?.name,
                price: product.price ?? 0, taxClass: product.taxClass, attributeMeta: meta)
        }
        return .init(
            productId: product.id, variationId: 0, name: product.name, parentName: nil, price: product.price ?? 0,
            taxClass: product.taxClass, attributeMeta: [])
    }

    static func line(from item: JSONValue) throws(WooSimError) -> WooSimOrderLine {
        let quantity = item["quantity"]?.int ?? 1
        if let sku = item["sku"]?.string, !sku.isEmpty { return WooSimOrderLine(sku: sku, quantity: quantity) }
        guard let productId = item["product_id"]?.int else { throw WooSimError.invalidProductID(status: 400) }
        return WooSimOrderLine(productId: productId, variationId: item["variation_id"]?.int, quantity: quantity)
    }

    /// Applies the fields present in a JSON address to an address (a partial `billing` update).
    static func merge(_ address: WooSimAddress, _ json: JSONValue) -> WooSimAddress {
        var result = address
        let fields: [(String, WritableKeyPath<WooSimAddress, String>)] = [
            ("first_name", \.firstName), ("last_name", \.lastName), ("company", \.company),
            ("address_1", \.address1), ("address_2", \.address2), ("city", \.city), ("state", \.state),
            ("postcode", \.postcode), ("country", \.country), ("phone", \.phone),
        ]
        for (name, keyPath) in fields {
            if let value = json[name]?.string { result[keyPath: keyPath] = value }
        }
        if let email = json["email"] { result.email = email.string }
        return result
    }
}
