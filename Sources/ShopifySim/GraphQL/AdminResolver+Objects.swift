import Foundation

/// The fields of the store's objects.
extension AdminResolver {
    func moneyBag(_ amount: Decimal) -> Resolved {
        .object(ObjectValue(typeName: "MoneyBag", entity: .moneyBag(amount, currency: self.state.currency)))
    }

    func time(_ milliseconds: Int64?) -> Resolved {
        milliseconds.map { .leaf(.string(ShopFormat.graphQLTime($0))) } ?? .null
    }

    func objectField(_ object: ObjectValue, _ field: String, _ arguments: [String: JSON]) throws(GraphQLError)
        -> Resolved
    {
        if field == "id", let id = self.globalId(object) { return .string(id) }
        switch object.entity {
        case .shop:
            switch field {
            case "name": return .string(self.state.shopName)
            case "myshopifyDomain": return .string(self.state.domain)
            case "email": return .string("owner@\(self.state.domain)")
            case "currencyCode": return .string(self.state.currency)
            case "ianaTimezone": return .string(self.state.timeZone.identifier)
            default:
                let seconds = self.state.timeZone.secondsFromGMT(
                    for: Date(timeIntervalSince1970: TimeInterval(self.state.now / 1000)))
                let hours = abs(seconds) / 3600
                let minutes = abs(seconds) % 3600 / 60
                let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
                return .string((seconds < 0 ? "-" : "+") + pad(hours) + pad(minutes))
            }
        case .order(let id):
            guard let order = self.state.orders[id] else { return .null }
            return try self.orderField(order, field, arguments)
        case .lineItem(let orderId, let lineId):
            guard let line = self.state.orders[orderId]?.lineItems.first(where: { $0.id == lineId }) else {
                return .null
            }
            switch field {
            case "sku": return .string(line.sku)
            case "name": return .string(line.name)
            case "title": return .string(line.title)
            case "quantity": return .int(line.quantity)
            case "currentQuantity": return .int(line.currentQuantity)
            case "unfulfilledQuantity": return .int(line.unfulfilledQuantity)
            case "variant":
                guard let variantId = line.variantId, self.state.variants[variantId] != nil else { return .null }
                return .object(ObjectValue(typeName: "ProductVariant", entity: .variant(variantId)))
            case "product":
                guard let productId = line.productId, self.state.products[productId] != nil else { return .null }
                return .object(ObjectValue(typeName: "Product", entity: .product(productId)))
            default: return self.moneyBag(line.price)
            }
        case .shippingLine(let orderId, let lineId):
            guard let line = self.state.orders[orderId]?.shippingLines.first(where: { $0.id == lineId }) else {
                return .null
            }
            switch field {
            case "title": return .string(line.title)
            case "code": return .string(line.code)
            default: return self.moneyBag(line.price)
            }
        case .customer(let customer):
            switch field {
            case "firstName": return .string(customer.firstName)
            case "lastName": return .string(customer.lastName)
            case "displayName": return .string("\(customer.firstName) \(customer.lastName)")
            default: return .string(String(customer.id))
            }
        case .address(let address, _):
            let values: [String: String?] = [
                "name": address.name, "firstName": address.firstName, "lastName": address.lastName,
                "company": address.company, "address1": address.address1, "address2": address.address2,
                "city": address.city, "province": address.province, "provinceCode": address.provinceCode,
                "zip": address.zip, "country": address.country, "countryCodeV2": address.countryCode,
                "phone": address.phone,
            ]
            return .string(values[field] ?? nil)
        case .moneyBag(let amount, let currency):
            return .object(ObjectValue(typeName: "MoneyV2", entity: .money(amount, currency: currency)))
        case .money(let amount, let currency):
            return field == "amount" ? .string(ShopFormat.graphQLDecimal(amount)) : .string(currency)
        case .product(let id):
            guard let product = self.state.products[id] else { return .null }
            switch field {
            case "title": return .string(product.title)
            case "handle": return .string(product.handle)
            default: return .string(String(product.id))
            }
        case .variant(let id):
            guard let variant = self.state.variants[id] else { return .null }
            switch field {
            case "sku": return .string(variant.sku)
            case "title": return .string(variant.title)
            case "displayName":
                return .string("\(self.state.products[variant.productId]?.title ?? "") - \(variant.title)")
            case "price": return .string(ShopFormat.graphQLDecimal(variant.price))
            case "legacyResourceId": return .string(String(variant.id))
            case "product": return .object(ObjectValue(typeName: "Product", entity: .product(variant.productId)))
            default:
                return .object(ObjectValue(typeName: "InventoryItem", entity: .inventoryItem(variant.inventoryItemId)))
            }
        case .inventoryItem(let itemId):
            guard let variant = self.state.variantByItem[itemId].flatMap({ self.state.variants[$0] }) else {
                return .null
            }
            switch field {
            case "sku": return .string(variant.sku)
            case "tracked": return .bool(variant.tracked)
            case "legacyResourceId": return .string(String(itemId))
            case "duplicateSkuCount":
                guard let sku = variant.sku else { return .int(0) }
                return .int(self.state.variants.values.filter { $0.sku == sku }.count - 1)
            case "inventoryLevel":
                guard let locationId = arguments["locationId"]?.stringValue.flatMap(GlobalID.parse)?.id,
                    self.state.levels[LevelKey(itemId: itemId, locationId: locationId)] != nil
                else { return .null }
                return .object(
                    ObjectValue(
                        typeName: "InventoryLevel",
                        entity: .inventoryLevel(LevelKey(itemId: itemId, locationId: locationId))))
            default:
                let keys = self.state.locations.map { LevelKey(itemId: itemId, locationId: $0.id) }
                    .filter { self.state.levels[$0] != nil }
                return try Paginator.page(
                    keys, key: { Paginator.Key(value: $0.locationId, id: $0.locationId) }, arguments: arguments,
                    connection: "InventoryLevelConnection",
                    node: { ObjectValue(typeName: "InventoryLevel", entity: .inventoryLevel($0)) })
            }
        case .inventoryLevel(let key):
            switch field {
            case "location": return .object(self.location(key.locationId))
            case "item": return .object(ObjectValue(typeName: "InventoryItem", entity: .inventoryItem(key.itemId)))
            default:
                let names = arguments["names"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return .list(
                    names.filter { ShopState.quantityNames.contains($0) }.map { name in
                        .object(
                            ObjectValue(
                                typeName: "InventoryQuantity",
                                entity: .quantity(name: name, quantity: self.state.quantity(name, at: key) ?? 0)))
                    })
            }
        case .quantity(let name, let quantity):
            return field == "name" ? .string(name) : .int(quantity)
        case .location(let id):
            guard let location = self.state.location(id) else { return .null }
            switch field {
            case "name": return .string(location.name)
            case "isActive": return .bool(location.isActive)
            default: return .string(String(location.id))
            }
        case .fulfillmentOrder(let id):
            guard let fulfillmentOrder = self.state.fulfillmentOrders[id] else { return .null }
            return try self.fulfillmentOrderField(fulfillmentOrder, field, arguments)
        case .assignedLocation(let id):
            return field == "location" ? .object(self.location(id)) : .string(self.state.location(id)?.name)
        case .hold(_, let reason):
            return field == "reason" ? .string(reason) : .null
        case .fulfillmentOrderLine(let foId, let lineId):
            guard let fulfillmentOrder = self.state.fulfillmentOrders[foId],
                let line = fulfillmentOrder.lines.first(where: { $0.id == lineId })
            else { return .null }
            switch field {
            case "totalQuantity": return .int(line.totalQuantity)
            case "remainingQuantity": return .int(line.remainingQuantity)
            case "sku":
                return .string(
                    self.state.orders[fulfillmentOrder.orderId]?.lineItems.first { $0.id == line.lineItemId }?.sku ?? ""
                )
            default:
                return .object(
                    ObjectValue(
                        typeName: "LineItem",
                        entity: .lineItem(orderId: fulfillmentOrder.orderId, lineId: line.lineItemId)))
            }
        case .fulfillment(let id):
            guard let fulfillment = self.state.fulfillments[id] else { return .null }
            switch field {
            case "status": return .string(fulfillment.status)
            case "name": return .string(fulfillment.name)
            case "createdAt": return self.time(fulfillment.createdAt)
            case "updatedAt": return self.time(fulfillment.updatedAt)
            case "legacyResourceId": return .string(String(fulfillment.id))
            default:
                let limit = arguments["first"]?.intValue ?? fulfillment.tracking.count
                return .list(
                    fulfillment.tracking.prefix(max(0, limit)).map {
                        .object(ObjectValue(typeName: "FulfillmentTrackingInfo", entity: .tracking($0)))
                    })
            }
        case .refund(let id):
            guard let refund = self.state.refunds[id] else { return .null }
            switch field {
            case "createdAt": return self.time(refund.createdAt)
            case "note": return .string(refund.note)
            case "legacyResourceId": return .string(String(refund.id))
            default:
                return try Paginator.page(
                    refund.lines, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                    connection: "RefundLineItemConnection",
                    node: { ObjectValue(typeName: "RefundLineItem", entity: .refundLine(refundId: id, lineId: $0.id)) })
            }
        case .refundLine(let refundId, let lineId):
            guard let refund = self.state.refunds[refundId], let line = refund.lines.first(where: { $0.id == lineId })
            else { return .null }
            switch field {
            case "quantity": return .int(line.quantity)
            case "restockType": return .string(line.restockType)
            case "restocked": return .bool(line.restockType != "NO_RESTOCK")
            default:
                return .object(
                    ObjectValue(
                        typeName: "LineItem", entity: .lineItem(orderId: refund.orderId, lineId: line.lineItemId)))
            }
        case .tracking(let info):
            switch field {
            case "company": return .string(info.company)
            case "number": return .string(info.number)
            default: return .string(info.url)
            }
        case .webhook(let webhook):
            switch field {
            case "topic": return .string(webhook.topic)
            case "uri": return .string(webhook.uri)
            case "format": return .string(webhook.format)
            case "createdAt": return self.time(webhook.createdAt)
            default: return self.time(webhook.updatedAt)
            }
        default:
            return .null
        }
    }

    private func globalId(_ object: ObjectValue) -> String? {
        switch object.entity {
        case .shop: return GlobalID.make("Shop", self.state.shopId)
        case .order(let id): return GlobalID.make("Order", id)
        case .lineItem(_, let id): return GlobalID.make("LineItem", id)
        case .shippingLine(_, let id): return GlobalID.make("ShippingLine", id)
        case .customer(let customer): return GlobalID.make("Customer", customer.id)
        case .address(_, let id): return id
        case .product(let id): return GlobalID.make("Product", id)
        case .variant(let id): return GlobalID.make("ProductVariant", id)
        case .inventoryItem(let id): return GlobalID.make("InventoryItem", id)
        case .inventoryLevel(let key):
            return
                "gid://shopify/InventoryLevel/\(key.itemId)?inventory_item_id=\(key.itemId)&location_id=\(key.locationId)"
        case .location(let id): return GlobalID.make("Location", id)
        case .fulfillmentOrder(let id): return GlobalID.make("FulfillmentOrder", id)
        case .hold(let foId, let reason):
            return "gid://shopify/FulfillmentHold/\(foId)\(reason.utf8.reduce(0) { $0 + Int($1) })"
        case .fulfillmentOrderLine(_, let id): return GlobalID.make("FulfillmentOrderLineItem", id)
        case .fulfillment(let id): return GlobalID.make("Fulfillment", id)
        case .refund(let id): return GlobalID.make("Refund", id)
        case .refundLine(_, let id): return GlobalID.make("RefundLineItem", id)
        case .webhook(let webhook): return GlobalID.make("WebhookSubscription", webhook.id)
        default: return nil
        }
    }

    private func orderField(_ order: ShopOrder, _ field: String, _ arguments: [String: JSON]) throws(GraphQLError)
        -> Resolved
    {
        switch field {
        case "legacyResourceId": return .string(String(order.id))
        case "name": return .string(order.name)
        case "createdAt", "processedAt": return self.time(order.createdAt)
        case "updatedAt": return self.time(order.updatedAt)
        case "cancelledAt": return self.time(order.cancelledAt)
        case "cancelReason": return .string(order.cancelReason)
        case "closedAt": return self.time(order.closedAt)
        case "closed": return .bool(order.closedAt != nil)
        case "test": return .bool(order.test)
        case "email": return .string(order.email)
        case "phone": return .string(order.phone)
        case "note": return .string(order.note)
        case "tags": return .list(order.tags.map { .string($0) })
        case "displayFinancialStatus": return .string(order.financialStatus)
        case "displayFulfillmentStatus": return .string(order.displayFulfillmentStatus)
        case "currencyCode": return .string(order.currency)
        case "totalPriceSet": return self.moneyBag(order.total)
        case "subtotalPriceSet": return self.moneyBag(order.subtotal)
        case "totalShippingPriceSet": return self.moneyBag(order.shippingTotal)
        case "customer":
            return order.customer.map { .object(ObjectValue(typeName: "Customer", entity: .customer($0))) } ?? .null
        case "shippingAddress", "billingAddress":
            let address = field == "shippingAddress" ? order.shippingAddress : order.billingAddress
            return address.map {
                .object(
                    ObjectValue(
                        typeName: "MailingAddress",
                        entity: .address(
                            $0, id: "gid://shopify/MailingAddress/\(order.id % 1_000_000_007)?model_name=Address")))
            } ?? .null
        case "shippingLines":
            return try Paginator.page(
                order.shippingLines, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "ShippingLineConnection",
                node: { ObjectValue(typeName: "ShippingLine", entity: .shippingLine(orderId: order.id, lineId: $0.id)) }
            )
        case "lineItems":
            return try Paginator.page(
                order.lineItems, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "LineItemConnection",
                node: { ObjectValue(typeName: "LineItem", entity: .lineItem(orderId: order.id, lineId: $0.id)) })
        case "fulfillmentOrders":
            self.state.materializeFulfillmentOrders(order.id)
            let ids = self.state.orders[order.id]?.fulfillmentOrderIds ?? []
            return try Paginator.page(
                ids, key: { Paginator.Key(value: $0, id: $0) }, arguments: arguments,
                connection: "FulfillmentOrderConnection",
                node: { ObjectValue(typeName: "FulfillmentOrder", entity: .fulfillmentOrder($0)) })
        case "refunds":
            let limit = arguments["first"]?.intValue ?? order.refundIds.count
            return .list(
                order.refundIds.prefix(max(0, limit)).map {
                    .object(ObjectValue(typeName: "Refund", entity: .refund($0)))
                })
        case "fulfillments":
            let limit = arguments["first"]?.intValue ?? order.fulfillmentIds.count
            return .list(
                order.fulfillmentIds.prefix(max(0, limit)).map {
                    .object(ObjectValue(typeName: "Fulfillment", entity: .fulfillment($0)))
                })
        default:
            return .null
        }
    }

    private func fulfillmentOrderField(
        _ fulfillmentOrder: ShopFulfillmentOrder, _ field: String, _ arguments: [String: JSON]
    ) throws(GraphQLError) -> Resolved {
        switch field {
        case "status": return .string(fulfillmentOrder.status)
        case "requestStatus": return .string(fulfillmentOrder.requestStatus)
        case "assignedLocation":
            return .object(
                ObjectValue(
                    typeName: "FulfillmentOrderAssignedLocation", entity: .assignedLocation(fulfillmentOrder.locationId)
                ))
        case "fulfillmentHolds":
            return .list(
                fulfillmentOrder.holds.map {
                    .object(
                        ObjectValue(typeName: "FulfillmentHold", entity: .hold(foId: fulfillmentOrder.id, reason: $0)))
                })
        case "orderId": return .string(GlobalID.make("Order", fulfillmentOrder.orderId))
        case "order": return .object(ObjectValue(typeName: "Order", entity: .order(fulfillmentOrder.orderId)))
        case "createdAt": return self.time(fulfillmentOrder.createdAt)
        case "updatedAt": return self.time(fulfillmentOrder.updatedAt)
        default:
            return try Paginator.page(
                fulfillmentOrder.lines, key: { Paginator.Key(value: $0.id, id: $0.id) }, arguments: arguments,
                connection: "FulfillmentOrderLineItemConnection",
                node: {
                    ObjectValue(
                        typeName: "FulfillmentOrderLineItem",
                        entity: .fulfillmentOrderLine(foId: fulfillmentOrder.id, lineId: $0.id))
                })
        }
    }
}
